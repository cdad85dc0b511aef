"""``reportlint serve``: the web app through Starlette's test client (no browser, no socket).

The page in a real browser is tests/test_serve_browser.py; the loopback load test is
tests/test_serve_load.py.
"""
from __future__ import annotations

import io
import json
import os
import zipfile

import pytest

pytest.importorskip("starlette", reason="reportlint[serve] 未安装")
from starlette.testclient import TestClient  # noqa: E402

import reportlint  # noqa: E402
from reportlint import config as cfgmod  # noqa: E402
from reportlint.options import Overrides  # noqa: E402
from reportlint.web.app import HOST_MESSAGE, ORIGIN_MESSAGE, create_app  # noqa: E402
from reportlint.web.jobs import JobManager, Limits  # noqa: E402

BASE = "http://127.0.0.1:8765"
GOOD = "关于社区工作的汇报\n一、基本情况\n到社区报到×人，共走访XX户。\n二、下一步打算\n下一步将继续做好走访工作。\n"
INJECT = "关于××的汇报\n<script>document.title='被注入'</script>××<b>粗体</b>\n"


@pytest.fixture
def served(tmp_path):
    cfg = cfgmod.resolve(Overrides(isolated=True), start=str(tmp_path))
    mgr = JobManager(cfg, Limits(max_bytes=200_000, max_files=5), jobs=1, use_cache=False, root=str(tmp_path))
    client = TestClient(create_app(mgr), base_url=BASE)
    yield client, mgr
    mgr.close()


def post(client, files, **kw):
    return client.post("/api/jobs", files=[("files", (n, d)) for n, d in files], **kw)


def run_job(client, mgr, files):
    r = post(client, files)
    assert r.status_code == 201, r.text
    jid = r.json()["id"]
    assert mgr.jobs[jid].event.wait(120)
    st = client.get(f"/api/jobs/{jid}").json()
    assert st["state"] == "done", st
    return jid, st


def test_three_files_one_broken(served):
    client, mgr = served
    jid, st = run_job(client, mgr, [("汇报.txt", GOOD.encode()), ("坏.docx", b"\x00\x01garbage" * 50),
                                    ("注入.txt", INJECT.encode())])
    rows = {r["name"]: r for r in st["rows"]}
    assert sorted(rows) == ["坏.docx", "汇报.txt", "注入.txt"]
    assert rows["坏.docx"]["status"] == "unreadable" and rows["坏.docx"]["status_zh"] == "无法读取"
    assert rows["坏.docx"]["error"] == "扩展名是 .docx，但内容不是 Word 文档（不是 zip 压缩包），可能已损坏或是其他格式改了扩展名。"
    assert rows["坏.docx"]["viewable"] is False
    expect = reportlint.check_text(GOOD)
    good = rows["汇报.txt"]
    assert good["status"] == "error" and good["viewable"] is True
    assert good["errors"] == expect.count("error") and good["warnings"] == expect.count("warning")
    assert good["placeholders"] == sum(1 for f in expect.findings if f.code.startswith("PH")) >= 2
    assert st["done"] == st["total"] == 6
    # the files are gone as soon as the job is done
    assert os.listdir(mgr.root) == []


def test_document_view_exact_findings(served):
    client, mgr = served
    jid, st = run_job(client, mgr, [("汇报.txt", GOOD.encode())])
    v = client.get(f"/api/jobs/{jid}/files/0").json()
    assert v["text"] == GOOD
    ph = [(f["code"], f["line"], f["column"], v["text"][f["start"]:f["end"]]) for f in v["findings"]
          if f["code"].startswith("PH")]
    assert ("PH001", 3, 6, "×") in ph and ("PH002", 3, 12, "XX") in ph
    assert [(h["text"], h["level"], h["line"]) for h in v["headings"]] == [("基本情况", 1, 2), ("下一步打算", 1, 4)]
    labels = {p[6]: p[3] for p in v["paragraphs"]}
    assert labels[5] == "plan"
    assert {f["severity_zh"] for f in v["findings"]} <= {"错误", "警告", "提示"}
    assert client.get(f"/api/jobs/{jid}/files/7").status_code == 404


def test_json_download_uses_client_names(served):
    client, mgr = served
    jid, _ = run_job(client, mgr, [("汇报.txt", GOOD.encode()), ("坏.docx", b"not a zip")])
    r = client.get(f"/api/jobs/{jid}/download/json")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    assert "attachment" in r.headers["content-disposition"]
    data = json.loads(r.content.decode("utf-8"))
    assert [f["path"] for f in data["files"]] == ["汇报.txt", "坏.docx"]
    assert data["files"][1]["error"] and data["files"][1]["findings"] == []
    codes = [f["code"] for f in data["files"][0]["findings"]]
    assert codes == [f.code for f in reportlint.check_text(GOOD).findings]
    assert client.get(f"/api/jobs/{jid}/download/exe").status_code == 404


def test_xlsx_download_when_registered(served):
    from reportlint.web.app import available_downloads

    if "xlsx" not in available_downloads():
        pytest.skip("xlsx 输出格式尚未注册（由另一项工作提供）")
    client, mgr = served
    jid, _ = run_job(client, mgr, [("汇报.txt", GOOD.encode())])
    r = client.get(f"/api/jobs/{jid}/download/xlsx")
    assert r.status_code == 200 and r.content[:2] == b"PK"
    assert client.get("/api/info").json()["downloads"] == ["json", "xlsx"]


def test_info_lists_json_always(served):
    client, _ = served
    info = client.get("/api/info").json()
    assert info["downloads"][0] == "json" and info["max_files"] == 5 and info["max_bytes"] == 200_000


def test_zip_upload_and_hostile_names(served):
    client, mgr = served
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("收件箱/一.txt", GOOD)
        z.writestr("../../逃逸.txt", GOOD)
        z.writestr("__MACOSX/._一.txt", b"junk")
    jid, st = run_job(client, mgr, [("材料.zip", buf.getvalue()), ("../../../etc/passwd.txt", GOOD.encode())])
    assert [r["name"] for r in st["rows"]] == ["材料.zip/收件箱/一.txt", "材料.zip/逃逸.txt", "etc/passwd.txt"]
    assert [r["status"] for r in st["rows"]] == ["error"] * 3
    assert not os.path.exists(os.path.join(os.path.dirname(mgr.root), "逃逸.txt"))


def test_size_and_count_limits(served):
    client, mgr = served
    r = post(client, [("大.txt", b"a" * 300_000)])
    assert r.status_code == 413 and r.json()["error"] == "上传内容超过了 0.190735 MB 的上限，请分批上传。"
    r = post(client, [(f"{i}.txt", GOOD.encode()) for i in range(6)])
    assert r.status_code == 413 and r.json()["error"] == "一次最多上传 5 个文件，请分批上传。"
    assert os.listdir(mgr.root) == [] and mgr.jobs == {}
    r = client.post("/api/jobs", content=b"x", headers={"content-type": "text/plain"})
    assert r.status_code == 400 and "multipart" in r.json()["error"]


def test_foreign_host_and_cross_origin_refused(served):
    client, _ = served
    assert client.get("/", headers={"host": "127.0.0.1:8765"}).status_code == 200
    r = client.get("/api/info", headers={"host": "evil.example:8765"})
    assert r.status_code == 403 and r.text == HOST_MESSAGE
    r = post(client, [("汇报.txt", GOOD.encode())], headers={"origin": "http://evil.example"})
    assert r.status_code == 403 and r.text == ORIGIN_MESSAGE
    r = post(client, [("汇报.txt", GOOD.encode())], headers={"sec-fetch-site": "cross-site"})
    assert r.status_code == 403
    ok = post(client, [("汇报.txt", GOOD.encode())], headers={"origin": BASE})
    assert ok.status_code == 201


def test_page_headers_and_static_whitelist(served):
    client, _ = served
    r = client.get("/")
    assert "script-src 'self'" in r.headers["content-security-policy"] and "unsafe-inline" not in \
        r.headers["content-security-policy"].split("script-src")[1].split(";")[0]
    assert r.headers["x-content-type-options"] == "nosniff"
    assert client.get("/static/app.js").status_code == 200
    assert client.get("/static/..%2Fapp.py").status_code == 404
    assert client.get("/static/index.html").status_code == 404


def test_rule_page_escapes(served):
    client, _ = served
    r = client.get("/rules/PH001")
    assert r.status_code == 200 and "<h1>PH001 " in r.text
    assert client.get("/rules/NOPE999").status_code == 404


def test_summary_page(served):
    client, mgr = served
    jid, _ = run_job(client, mgr, [("汇报.txt", GOOD.encode()), ("注入.txt", INJECT.encode())])
    r = client.get(f"/api/jobs/{jid}/summary")
    assert r.status_code == 200 and 'data-chart="labels"' in r.text
    assert "<script>document.title" not in r.text


def test_serve_command_host_warning_and_allowed_hosts(monkeypatch, tmp_path, capsys):
    """``reportlint serve --host``: the network warning, and the Host allow-list it builds."""
    import uvicorn

    from reportlint import cli

    seen = {}

    def fake_run(app, host, port, log_level):  # stands in for the blocking server loop
        seen.update(app=app, host=host, port=port)

    monkeypatch.setattr(uvicorn, "run", fake_run)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["serve", "--host", "192.168.1.20", "--port", "9000", "--isolated", "--no-cache", "-j", "1"]) == 0
    err = capsys.readouterr().err
    assert "警告：监听 192.168.1.20 会把本工具开放给网络上的其他电脑" in err
    assert "reportlint 网页已启动：http://192.168.1.20:9000/" in err
    assert (seen["host"], seen["port"]) == ("192.168.1.20", 9000)
    assert seen["app"].hosts == {"127.0.0.1", "localhost", "::1", "192.168.1.20"}
    assert cli.main(["serve", "--isolated", "--no-cache", "-j", "1"]) == 0
    err = capsys.readouterr().err
    assert "警告" not in err and seen["host"] == "127.0.0.1" and seen["port"] == 8765
    assert seen["app"].hosts == {"127.0.0.1", "localhost", "::1"}


def test_busy_when_too_many_uploads_wait(served, monkeypatch):
    from reportlint.web import jobs

    client, mgr = served
    monkeypatch.setattr(jobs, "MAX_WAITING", 0)
    r = post(client, [("汇报.txt", GOOD.encode())])
    assert r.status_code == 503 and r.json()["error"] == "服务器正忙：等待检查的上传太多，请稍后再试。"
    assert mgr.jobs == {} and os.listdir(mgr.root) == []
