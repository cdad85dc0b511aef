"""``reportlint batch`` over a generated folder of mixed files: rows, exit codes, cache, jobs."""
from __future__ import annotations

import builtins
import json
import os

import docx
import pytest

from reportlint import batch as batchmod
from reportlint.commands import batch as batch_cmd
from reportlint import cli
from reportlint.readers import text as reader
from reportlint import report as reportmod

REPORT = "关于2026年社区工作的汇报\n今年以来，社区共走访居民1200户，办结群众诉求86件。\n"
PLACEHOLDER = "关于2026年社区工作的汇报\n今年以来，社区共走访居民××户，办结群众诉求86件。\n"


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("REPORTLINT_CACHE", str(tmp_path / "cache"))


def make_mixed(root, monkeypatch) -> dict:
    """UTF-8, GBK, empty, binary, unreadable, .pdf, Word (good and broken), a folder named x.txt, files to ignore."""
    d = root / "收件箱"
    (d / "子目录").mkdir(parents=True)
    (d / "ok.txt").write_text(REPORT, encoding="utf-8")
    (d / "gbk.txt").write_bytes(PLACEHOLDER.encode("gbk"))
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (d / "report.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    (d / "x.txt").mkdir()  # a directory named like a file
    (d / "x.txt" / "inner.md").write_text("# 关于××的汇报\n\n正文。\n", encoding="utf-8")
    (d / "子目录" / "说明.md").write_text(REPORT, encoding="utf-8")
    (d / "子目录" / ".hidden.txt").write_text(PLACEHOLDER, encoding="utf-8")
    (d / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    word = docx.Document()
    for line in PLACEHOLDER.splitlines():
        word.add_paragraph(line)
    word.save(str(d / "word.docx"))
    (d / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    noperm = d / "noperm.txt"
    noperm.write_text(PLACEHOLDER, encoding="utf-8")
    noperm.chmod(0)
    still_readable = os.access(noperm, os.R_OK)  # root reads mode-000 files
    if still_readable:
        # Simulate what a normal user gets: the reader and the cache planner both see EACCES.
        real_open = builtins.open

        def fake_open(path, *a, **k):
            if isinstance(path, (str, os.PathLike)) and os.path.abspath(os.fspath(path)) == str(noperm):
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(path, *a, **k)

        monkeypatch.setattr(reader, "open", fake_open, raising=False)
        monkeypatch.setattr(batchmod, "open", fake_open, raising=False)
    return {"dir": d, "noperm": noperm, "simulated": still_readable}


def run(argv, capsys):
    code = cli.main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


def rows_by_name(json_text: str) -> dict:
    data = json.loads(json_text)
    return {os.path.relpath(f["path"]).split("收件箱" + os.sep, 1)[-1]: f for f in data["files"]}


def test_mixed_folder_rows_and_exit_code(tmp_path, monkeypatch, capsys):
    m = make_mixed(tmp_path, monkeypatch)
    code, out, _ = run(["batch", str(m["dir"]), "--select", "PH", "--isolated", "--jobs", "1",
                        "--format", "json", "-q"], capsys)
    rows = rows_by_name(out)
    assert sorted(rows) == sorted(["binary.txt", "broken.docx", "empty.txt", "gbk.txt", "noperm.txt", "ok.txt",
                                   "report.pdf", "word.docx",
                                   os.path.join("x.txt", "inner.md"), os.path.join("子目录", "说明.md")])
    assert code == 2  # some files could not be read
    assert rows["ok.txt"]["error"] is None and rows["ok.txt"]["findings"] == []
    assert rows["empty.txt"]["error"] is None
    gbk = rows["gbk.txt"]
    assert gbk["encoding"] == "gb18030" and [f["code"] for f in gbk["findings"]] == ["PH001"]
    assert (gbk["findings"][0]["line"], gbk["findings"][0]["column"]) == (2, 13)
    assert "二进制" in rows["binary.txt"]["error"]
    assert rows["report.pdf"]["error"].startswith("无法解析 PDF（")
    assert "没有读取权限" in rows["noperm.txt"]["error"], (
        "mode 000 file" + (" (EACCES simulated: tests run as root)" if m["simulated"] else ""))
    assert [f["code"] for f in rows[os.path.join("x.txt", "inner.md")]["findings"]] == ["PH001"]
    assert [f["code"] for f in rows["word.docx"]["findings"]] == ["PH001"]
    assert rows["broken.docx"]["error"] and not rows["broken.docx"]["findings"]


def test_text_table_rows(tmp_path, monkeypatch, capsys):
    m = make_mixed(tmp_path, monkeypatch)
    monkeypatch.chdir(tmp_path)  # short relative paths: one table line per file
    code, out, _ = run(["batch", "收件箱", "--select", "PH", "--isolated", "--jobs", "1", "-q",
                        "--statistics"], capsys)
    assert m["noperm"].exists()
    assert code == 2
    lines = {ln.split("│")[1].strip(): [c.strip() for c in ln.split("│")[2:-1]]
             for ln in out.splitlines() if ln.startswith("│") and "收件箱" in ln}
    by_file = {os.path.basename(k): v for k, v in lines.items()}
    assert by_file["ok.txt"][:5] == ["通过", "工作汇报", "0", "0", "0"]
    assert by_file["gbk.txt"][0] == "有错误" and by_file["gbk.txt"][2:6] == ["1", "0", "1", "PH001"]
    assert by_file["binary.txt"][0] == "无法读取"
    assert by_file["report.pdf"][0] == "无法读取"
    assert by_file["noperm.txt"][0] == "无法读取"
    assert by_file["word.docx"][0] == "有错误" and by_file["broken.docx"][0] == "无法读取"
    assert "共 10 个文件：通过 3，有警告 0，有错误 3，无法读取 4" in out
    assert "按规则统计" in out and "PH001" in out


@pytest.mark.parametrize("fail_on,select,expected", [
    ("warning", "PH", 1), ("error", "PH", 1), ("warning", "WM", 0)])
def test_exit_codes_without_unreadable_files(tmp_path, capsys, fail_on, select, expected):
    d = tmp_path / "d"
    d.mkdir()
    (d / "a.txt").write_text(REPORT, encoding="utf-8")
    (d / "b.txt").write_text(PLACEHOLDER, encoding="utf-8")
    code, _, _ = run(["batch", str(d), "--select", select, "--fail-on", fail_on, "--isolated", "-j", "1",
                      "--format", "concise"], capsys)
    assert code == expected


def test_include_exclude(tmp_path):
    d = tmp_path / "d"
    (d / "草稿").mkdir(parents=True)
    for name in ("a.txt", "b.md", "c.docx", "草稿/d.txt", "e.doc", "f.png"):
        (d / name).write_text("x", encoding="utf-8")
    rel = lambda fs: sorted(os.path.relpath(f, d).replace(os.sep, "/") for f in fs)  # noqa: E731
    assert rel(batchmod.discover([str(d)])) == ["a.txt", "b.md", "c.docx", "e.doc", "草稿/d.txt"]
    assert rel(batchmod.discover([str(d)], include=["*.md", "*.txt"])) == ["a.txt", "b.md", "草稿/d.txt"]
    assert rel(batchmod.discover([str(d)], exclude=["草稿"])) == ["a.txt", "b.md", "c.docx", "e.doc"]
    # an explicit file is kept whatever its type; a missing path becomes an error row
    assert batchmod.discover([str(d / "f.png"), str(d / "nope.txt")]) == [str(d / "f.png"), str(d / "nope.txt")]


def test_two_jobs_give_the_same_reports(tmp_path, capsys):
    d = tmp_path / "d"
    d.mkdir()
    for i in range(12):
        (d / f"r{i:02d}.txt").write_text(PLACEHOLDER if i % 3 else REPORT, encoding="utf-8")
    (d / "bad.txt").write_bytes(b"\x00\x01" * 100)
    outs = []
    for jobs in ("1", "2"):
        code, out, _ = run(["batch", str(d), "--isolated", "-j", jobs, "--no-cache", "--format", "jsonl"], capsys)
        assert code == 2
        outs.append([json.loads(line) for line in out.splitlines()])
    assert outs[0] == outs[1]
    assert [os.path.basename(r["path"]) for r in outs[0]] == ["bad.txt"] + [f"r{i:02d}.txt" for i in range(12)]


class Counting:
    def __init__(self, monkeypatch):
        self.calls = []
        self.executors = 0
        real = reportmod.check_path

        def counted(path, ruleset, opts):
            self.calls.append(os.path.basename(path))
            return real(path, ruleset, opts)

        monkeypatch.setattr(reportmod, "check_path", counted)

    def factory(self, jobs, keys):
        self.executors += 1
        return batchmod.local_executor(1, keys)  # in-process, so the patched check_path is seen


def _args(d, cache, *extra):
    return cli.build_parser().parse_args(["batch", str(d), "--isolated", "-q", "--format", "json", "--cache-dir",
                                          str(cache), "--select", "PH", *extra])


def test_cache_second_run_does_not_check(tmp_path, monkeypatch, capsys):
    d = tmp_path / "d"
    d.mkdir()
    for i in range(5):
        (d / f"r{i}.txt").write_text(PLACEHOLDER + f"第{i}份。\n", encoding="utf-8")
    (d / "bin.txt").write_bytes(b"\x00" * 50)
    (d / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    monkeypatch.setenv("REPORTLINT_SOFFICE", str(tmp_path / "no-libreoffice"))  # conversion fails at once
    cache = tmp_path / "c"
    cnt = Counting(monkeypatch)
    assert batch_cmd.run(_args(d, cache), executor_factory=cnt.factory) == 2
    first = capsys.readouterr().out
    assert sorted(cnt.calls) == ["bin.txt", "old.doc"] + [f"r{i}.txt" for i in range(5)]
    assert cnt.executors == 1

    cnt.calls.clear()
    cnt.executors = 0
    assert batch_cmd.run(_args(d, cache), executor_factory=cnt.factory) == 2
    second = capsys.readouterr().out
    assert cnt.calls == ["old.doc"]  # a failed conversion is never cached: LibreOffice may be installed later
    assert cnt.executors == 1
    assert json.loads(first)["files"] == json.loads(second)["files"]

    (d / "r2.txt").write_text(REPORT, encoding="utf-8")  # one file changed
    cnt.calls.clear()
    cnt.executors = 0
    batch_cmd.run(_args(d, cache), executor_factory=cnt.factory)
    capsys.readouterr()
    assert cnt.calls == ["old.doc", "r2.txt"] and cnt.executors == 1

    cnt.calls.clear()
    batch_cmd.run(_args(d, cache, "--ignore", "PH002"), executor_factory=cnt.factory)  # options changed
    capsys.readouterr()
    assert len(cnt.calls) == 7

    cnt.calls.clear()
    batch_cmd.run(_args(d, cache, "--no-cache"), executor_factory=cnt.factory)
    capsys.readouterr()
    assert len(cnt.calls) == 7


def test_cache_round_trip_is_exact(tmp_path):
    from reportlint.api import check_text
    from reportlint.cache import report_from_json, report_to_json

    r = check_text(PLACEHOLDER + "截止目前，共走访XX户。\n", path="a.txt", select=["PH", "WD"])
    assert r.findings
    back = report_from_json(report_to_json(r), "a.txt")
    assert back == r
    moved = report_from_json(report_to_json(r), "b.txt")
    assert moved.path == "b.txt" and {f.path for f in moved.findings} == {"b.txt"}


def test_unusable_cache_dir_still_checks(tmp_path, capsys):
    d = tmp_path / "d"
    d.mkdir()
    (d / "a.txt").write_text(PLACEHOLDER, encoding="utf-8")
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("")
    code, out, _ = run(["batch", str(d), "--isolated", "-q", "--select", "PH", "--cache-dir", str(blocker / "c"),
                        "--format", "concise"], capsys)
    assert code == 1 and "PH001" in out


def test_no_files_is_a_usage_error(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    code, _, err = run(["batch", str(tmp_path / "empty"), "--isolated"], capsys)
    assert code == 2 and "没有找到报告文件" in err


def test_executor_streams_in_order_with_processes():
    from reportlint.executor import LocalExecutor

    ex = LocalExecutor(2, chunksize=3, window=2)
    assert list(ex.imap(abs, [-i for i in range(50)])) == list(range(50))
    assert ex.workers_started == 2


def test_jobs_from_config_and_all_cores(tmp_path, capsys):
    from reportlint.executor import cpu_count

    d = tmp_path / "d"
    d.mkdir()
    for i in range(6):
        (d / f"r{i}.txt").write_text(REPORT + f"第{i}份。\n", encoding="utf-8")
    (d / "reportlint.toml").write_text("jobs = 3\nselect = [\"PH\"]\n", encoding="utf-8")
    seen = []

    def factory(jobs, keys):
        seen.append(jobs)
        return batchmod.local_executor(1, keys)

    args = cli.build_parser().parse_args(["batch", str(d), "-q", "--no-cache", "--format", "concise"])
    assert batch_cmd.run(args, executor_factory=factory) == 0
    args = cli.build_parser().parse_args(["batch", str(d), "-q", "--no-cache", "--format", "concise", "-j", "0"])
    batch_cmd.run(args, executor_factory=factory)
    capsys.readouterr()
    assert seen == [3, min(cpu_count(), 6)]


def test_unknown_profile_is_a_config_error(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    code, _, err = run(["batch", str(tmp_path), "--isolated", "--profile", "不存在的类型"], capsys)
    assert code == 2 and "不存在的类型" in err


def test_progress_bar_counts(monkeypatch):
    import io

    from rich.console import Console

    from reportlint import progress

    buf = io.StringIO()
    monkeypatch.setattr("rich.console.Console", lambda **kw: Console(file=buf, force_terminal=True, width=100))
    with progress.progress_bar(3) as advance:
        for _ in range(3):
            advance()
    assert "3/3" in buf.getvalue() and "文件/秒" in buf.getvalue()


def test_names_are_not_rich_markup(tmp_path, monkeypatch, capsys):
    d = tmp_path / "d"
    d.mkdir()
    (d / "[red]报告[green].txt").write_text(PLACEHOLDER, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(["batch", "d", "--isolated", "-q", "--select", "PH", "--no-cache"], capsys)
    assert code == 1 and "[red]报告[green].txt" in out


@pytest.mark.parametrize("quiet, err_tty, out_tty, to_file, fmt, shown", [
    (False, True, True, False, "text", True),  # a terminal: the bar shows, the table follows it
    (False, True, False, False, "text", True),  # table piped, bar on the terminal
    (False, True, True, True, "xlsx", True),
    (False, True, True, False, "concise", False),  # streamed lines on the terminal: no bar between them
    (True, True, True, False, "text", False),  # -q
    (False, False, True, False, "text", False),  # stderr redirected
])
def test_progress_bar_in_a_terminal(quiet, err_tty, out_tty, to_file, fmt, shown):
    assert batch_cmd.progress_wanted(quiet, err_tty, out_tty, to_file, fmt) is shown
