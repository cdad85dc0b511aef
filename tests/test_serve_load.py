"""``reportlint serve`` under load on loopback: 20 concurrent uploads of 20 reports each (worker
processes and the result cache, as ``batch`` uses them) all finish with the same findings as
``reportlint.check_file``, and no uploaded file is left behind; a 50 MB upload is refused with
the limit message; a foreign Host header is refused. Bounded: 20 × 20 files, 300 s at most.
"""
from __future__ import annotations

import json
import os
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

pytest.importorskip("starlette", reason="reportlint[serve] 未安装")
httpx = pytest.importorskip("httpx")

import reportlint  # noqa: E402
from serve_server import running  # noqa: E402

from reportlint.web.app import HOST_MESSAGE  # noqa: E402

pytestmark = pytest.mark.slow

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "corpora", "reports", "work-report")
UPLOADS, PER_UPLOAD, DEADLINE = 20, 20, 300.0


def _reports() -> list[tuple[str, bytes]]:
    names = sorted(n for n in os.listdir(CORPUS) if n.endswith(".txt"))[:PER_UPLOAD]
    assert len(names) == PER_UPLOAD
    return [(n, open(os.path.join(CORPUS, n), "rb").read()) for n in names]


def _one_upload(url: str, files, k: int, deadline: float) -> dict:
    with httpx.Client(base_url=url, timeout=120) as c:
        # each upload renames its files so the 20 jobs are told apart
        r = c.post("/api/jobs", files=[("files", (f"{k:02d}-{n}", d)) for n, d in files])
        assert r.status_code == 201, r.text
        jid = r.json()["id"]
        while True:
            st = c.get(f"/api/jobs/{jid}").json()
            if st["state"] in ("done", "failed"):
                break
            assert time.monotonic() < deadline, "load test ran out of time"
            time.sleep(0.2)
        assert st["state"] == "done", st
        return {"rows": st["rows"], "json": json.loads(c.get(f"/api/jobs/{jid}/download/json").content)}


def test_twenty_concurrent_uploads(tmp_path):
    files = _reports()
    expected = {}
    for n, _ in files:
        r = reportlint.check_file(os.path.join(CORPUS, n))
        expected[n] = [(f.code, f.line, f.column) for f in r.findings]
    deadline = time.monotonic() + DEADLINE
    with running(tmp_path, jobs=2, use_cache=True) as (url, mgr):
        with ThreadPoolExecutor(UPLOADS) as pool:
            results = list(pool.map(lambda k: _one_upload(url, files, k, deadline), range(UPLOADS)))
        assert os.listdir(mgr.root) == []  # every job folder deleted when its job was done
        root = mgr.root
    assert not os.path.exists(root)  # and the server's own folder when it stopped
    assert len(results) == UPLOADS
    for k, res in enumerate(results):
        assert [r["name"] for r in res["rows"]] == [f"{k:02d}-{n}" for n, _ in files]
        assert all(r["status"] != "unreadable" for r in res["rows"])
        for f in res["json"]["files"]:
            name = f["path"][3:]
            assert [(x["code"], x["line"], x["column"]) for x in f["findings"]] == expected[name], f["path"]


def test_fifty_megabytes_refused(tmp_path):
    body = b"a" * (50 * 1024 * 1024)
    with running(tmp_path) as (url, mgr):
        with httpx.Client(base_url=url, timeout=60) as c:
            r = c.post("/api/jobs", files=[("files", ("大.txt", body))])
            assert r.status_code == 413
            assert r.json()["error"] == "上传内容超过了 30 MB 的上限，请分批上传。"

            def chunks():  # no Content-Length: the server counts as it reads
                for i in range(0, len(body), 1 << 20):
                    yield body[i:i + (1 << 20)]

            r = c.post("/api/jobs", content=chunks(),
                       headers={"content-type": "multipart/form-data; boundary=xyz"})
            assert r.status_code == 413
            assert r.json()["error"] == "上传内容超过了 30 MB 的上限，请分批上传。"
        assert mgr.jobs == {} and os.listdir(mgr.root) == []


def test_foreign_host_refused(tmp_path):
    with running(tmp_path) as (url, _):
        with httpx.Client(base_url=url, timeout=30) as c:
            r = c.get("/", headers={"host": "rebind.example"})
            assert r.status_code == 403 and r.text == HOST_MESSAGE
            r = c.post("/api/jobs", headers={"host": "rebind.example:80"},
                       files=[("files", ("a.txt", "关于工作的汇报\n".encode()))])
            assert r.status_code == 403 and r.text == HOST_MESSAGE
            assert c.get("/").status_code == 200
