"""``reportlint batch`` over a generated folder of mixed files: rows, exit codes, cache, jobs."""
from __future__ import annotations

import builtins
import dataclasses
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
    assert rows["empty.txt"]["error"] == "文件为空（没有任何文字），无法检查；请确认保存的是报告全文。"
    assert rows["empty.txt"]["findings"] == []
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
    assert by_file["gbk.txt"][0] == "有错误"
    assert by_file["gbk.txt"][2:7] == ["1", "0", "0", "1", "错误：PH001（未填写的×占位符）"]
    assert by_file["binary.txt"][0] == "无法读取"
    assert by_file["report.pdf"][0] == "无法读取"
    assert by_file["noperm.txt"][0] == "无法读取"
    assert by_file["word.docx"][0] == "有错误" and by_file["broken.docx"][0] == "无法读取"
    assert by_file["empty.txt"][0] == "无法读取"  # an empty file does not pass
    assert "共 10 个文件：通过 2，有警告 0，有错误 3，无法读取 5" in out
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


def test_main_problems_name_the_rules_under_chinese_severity_words():
    from reportlint import check_text
    from reportlint.formatters.batch_table import main_problems

    text = "关于社区工作的汇报\n共走访××户,发放XX份资料，收回××份。\n本文仅供学习交流。\n25年底完成。\n"
    findings = check_text(text, select=["PH", "PU001", "WM", "NUM001", "STR"]).findings
    parts = main_problems(findings)
    assert parts == [("error", "错误：PH001（未填写的×占位符）×2、NUM001（年份简写为两位数）、PH002（用字母X代替的数字或名称）")]
    warn = [f for f in findings if f.code == "PH001"][:1] + [
        dataclasses.replace(f, severity="warning") for f in findings if f.code == "WM002"]
    assert main_problems(warn) == [("error", "错误：PH001（未填写的×占位符）"), ("warning", "；警告：WM002（模板水印文字）")]
    assert main_problems([]) == []


def test_no_color_means_no_escape_codes(tmp_path, monkeypatch, capsys):
    """``--no-color`` used to be accepted and ignored by ``batch``: the table still came out in colour."""
    d = tmp_path / "d"
    d.mkdir()
    (d / "r.txt").write_text(PLACEHOLDER, encoding="utf-8")
    monkeypatch.setenv("FORCE_COLOR", "1")  # as in a terminal
    monkeypatch.delenv("NO_COLOR", raising=False)
    _, out, _ = run(["batch", str(d), "--isolated", "-q", "--select", "PH", "--no-cache", "--statistics"], capsys)
    assert "\x1b[" in out
    _, out, _ = run(["batch", str(d), "--isolated", "-q", "--select", "PH", "--no-cache", "--statistics",
                     "--no-color"], capsys)
    assert "\x1b[" not in out and "错误：PH001（未填写的×占位符）" in out


def test_plain_table_for_thousands_of_rows_has_every_column(monkeypatch):
    import io

    from reportlint.batch import Tally
    from reportlint.formatters import batch_table
    from reportlint.report import FileReport
    from reportlint import check_text

    monkeypatch.setattr(batch_table, "RICH_MAX_ROWS", 0)
    r = check_text(PLACEHOLDER, select=["PH"])
    rep = FileReport("甲.txt", findings=r.findings, profile="工作汇报")
    tally = Tally()
    tally.add(rep, "warning")
    out = io.StringIO()
    batch_table.render_table([rep], out, tally, color=False)
    head, rule, row = out.getvalue().splitlines()[:3]
    assert head.split() == ["文件", "状态", "报告类型", "错误", "警告", "提示", "占位符", "主要问题"]
    assert row.split()[:7] == ["甲.txt", "有错误", "工作汇报", str(len(r.findings)), "0", "0", str(len(r.findings))]
    assert row.split()[7].startswith("错误：PH")


def test_names_are_not_rich_markup(tmp_path, monkeypatch, capsys):
    d = tmp_path / "d"
    d.mkdir()
    (d / "[red]报告[green].txt").write_text(PLACEHOLDER, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(["batch", "d", "--isolated", "-q", "--select", "PH", "--no-cache"], capsys)
    assert code == 1 and "[red]报告[green].txt" in out


# ---------------------------------------------------------------- cache key: content + reader (issue 13)

def test_cache_renamed_file_gets_the_new_readers_result(tmp_path, monkeypatch, capsys):
    """Same bytes, new extension: the cache used to serve the .txt's findings for a .docx that is
    really text; the key now includes the reader (extension and sniffed type)."""
    d = tmp_path / "d"
    d.mkdir()
    (d / "a.txt").write_text(PLACEHOLDER, encoding="utf-8")
    cache = tmp_path / "c"
    cnt = Counting(monkeypatch)
    assert batch_cmd.run(_args(d, cache), executor_factory=cnt.factory) == 1
    (row,) = json.loads(capsys.readouterr().out)["files"]
    assert [f["code"] for f in row["findings"]] == ["PH001"] and row["error"] is None

    os.rename(d / "a.txt", d / "a.docx")
    cnt.calls.clear()
    assert batch_cmd.run(_args(d, cache), executor_factory=cnt.factory) == 2
    (row,) = json.loads(capsys.readouterr().out)["files"]
    assert cnt.calls == ["a.docx"]  # not served from the cache
    assert row["findings"] == [] and "内容是纯文本" in row["error"]

    os.rename(d / "a.docx", d / "a.txt")  # and back: the .txt entry is still there
    cnt.calls.clear()
    assert batch_cmd.run(_args(d, cache), executor_factory=cnt.factory) == 1
    (row,) = json.loads(capsys.readouterr().out)["files"]
    assert cnt.calls == [] and [f["code"] for f in row["findings"]] == ["PH001"]


def test_reader_identity_tells_renamed_and_sniffed_files_apart():
    from reportlint.readers import reader_identity

    text = "关于工作的汇报".encode("utf-8")
    assert reader_identity("a.txt", text) == ".txt|text|-|other"
    assert reader_identity("a.docx", text) == ".docx|docx|-|other"
    assert reader_identity("a.TXT", text) == ".txt|text|-|other"
    assert reader_identity("a.docx", b"PK\x03\x04rest") == ".docx|docx|docx|zip"
    assert reader_identity("a.txt", b"%PDF-1.7") == ".txt|text|-|pdf"


def test_two_batches_share_one_cache_at_once(tmp_path, capsys):
    """Two processes write the same SQLite cache at the same time: both finish with the right rows,
    and afterwards every file of both is a cache hit."""
    import subprocess
    import sys

    cache = tmp_path / "c"
    dirs = []
    for name in ("甲", "乙"):
        d = tmp_path / name
        d.mkdir()
        for i in range(30):
            (d / f"r{i:02d}.txt").write_text((PLACEHOLDER if i % 2 else REPORT) + f"{name}第{i}份。\n",
                                             encoding="utf-8")
        dirs.append(d)
    cmd = lambda d: [sys.executable, "-m", "reportlint.cli", "batch", str(d), "--isolated", "-q",  # noqa: E731
                     "--select", "PH", "--format", "json", "-j", "1", "--cache-dir", str(cache)]
    procs = [subprocess.Popen(cmd(d), stdout=subprocess.PIPE, stderr=subprocess.PIPE) for d in dirs]
    results = [p.communicate(timeout=300) for p in procs]
    for (out, err), p in zip(results, procs):
        assert p.returncode == 1, err.decode()
        files = json.loads(out)["files"]
        assert len(files) == 30
        assert [bool(f["findings"]) for f in files] == [bool(i % 2) for i in range(30)]
        assert {f["findings"][0]["code"] for f in files if f["findings"]} == {"PH001"}
    for d, (out, _) in zip(dirs, results):
        again = subprocess.run(cmd(d), capture_output=True, timeout=300)
        assert json.loads(again.stdout)["files"] == json.loads(out)["files"]
    from reportlint.cache import ResultCache

    db = ResultCache(str(cache))
    (n,) = db._db.execute("SELECT count(*) FROM results").fetchone()
    db.close()
    assert n == 60  # one entry per file of both batches: neither run's writes were lost


# ---------------------------------------------------------------- globs and .gitignore (issue 13)

def _tree(d, names):
    for name in names:
        p = d / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("x", encoding="utf-8")


def _rel(d, files):
    return sorted(os.path.relpath(f, d).replace(os.sep, "/") for f in files)


def test_include_star_stays_in_one_folder_double_star_crosses(tmp_path):
    """``*`` used to cross folders and ``**`` to mean the same as ``*`` (fnmatch)."""
    d = tmp_path / "d"
    _tree(d, ["2025/a.txt", "2025/一季度/b.txt", "2025/一季度/细/c.txt", "2026/d.txt", "e.txt"])
    assert _rel(d, batchmod.discover([str(d)], include=["2025/*.txt"])) == ["2025/a.txt"]
    assert _rel(d, batchmod.discover([str(d)], include=["2025/**/*.txt"])) == [
        "2025/a.txt", "2025/一季度/b.txt", "2025/一季度/细/c.txt"]
    assert _rel(d, batchmod.discover([str(d)], include=["2025/*/*.txt"])) == ["2025/一季度/b.txt"]
    assert _rel(d, batchmod.discover([str(d)], exclude=["2025/*"])) == ["2026/d.txt", "e.txt"]
    assert _rel(d, batchmod.discover([str(d)], exclude=["**/细/"])) == [
        "2025/a.txt", "2025/一季度/b.txt", "2026/d.txt", "e.txt"]


def test_gitignore_is_respected_unless_no_ignore(tmp_path, capsys):
    d = tmp_path / "收件箱"
    _tree(d, ["a.txt", "旧稿/b.txt", "子/c.txt", "子/c.bak.txt", "子/临时/d.txt", "e.md"])
    (d / ".gitignore").write_text("旧稿/\n*.bak.txt\n# 注释\n", encoding="utf-8")
    (d / "子" / ".gitignore").write_text("临时/\n", encoding="utf-8")
    assert _rel(d, batchmod.discover([str(d)])) == ["a.txt", "e.md", "子/c.txt"]
    assert _rel(d, batchmod.discover([str(d)], gitignore=False)) == [
        "a.txt", "e.md", "子/c.bak.txt", "子/c.txt", "子/临时/d.txt", "旧稿/b.txt"]
    code, out, _ = run(["batch", str(d), "--isolated", "-q", "--no-cache", "--format", "jsonl", "--select", "PH"],
                       capsys)
    assert len(out.splitlines()) == 3
    code, out, _ = run(["batch", str(d), "--isolated", "-q", "--no-cache", "--format", "jsonl", "--select", "PH",
                        "--no-ignore"], capsys)
    assert len(out.splitlines()) == 6


def test_gitignore_above_the_folder_inside_a_work_tree(tmp_path):
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / ".gitignore").write_text("**/草稿/\n", encoding="utf-8")
    _tree(repo, ["报告/a.txt", "报告/草稿/b.txt"])
    assert _rel(repo / "报告", batchmod.discover([str(repo / "报告")])) == ["a.txt"]
    outside = tmp_path / "无仓库"  # no .git above: a .gitignore beside the folder does not apply
    (outside).mkdir()
    (outside / ".gitignore").write_text("*\n", encoding="utf-8")
    _tree(outside, ["报告/a.txt"])
    assert _rel(outside / "报告", batchmod.discover([str(outside / "报告")])) == ["a.txt"]
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
