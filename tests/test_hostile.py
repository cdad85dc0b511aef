"""Hostile and broken input: each bad file gets a clear Chinese message and exit 2, within a bounded
time, and the other files of the same run are still checked and printed."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import zipfile
from contextlib import nullcontext

import pytest

from docx_factory import new_document
from reportlint import cli, safe_regex
from reportlint.readers.docx import read_docx
from reportlint.readers.docx_package import MAX_ENTRIES, MAX_UNCOMPRESSED
from reportlint.errors import InputError
from reportlint.readers import MAX_PARAGRAPHS, read_path

GOOD = "关于2026年上半年工作情况的汇报\n一、基本情况\n今年以来共走访群众××户。\n"
CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
      'content-types"/>')
GUARD = 120  # seconds: a generous guard so a regression fails instead of hanging the suite


def run_cli(capsys, *argv):
    code = cli.main(["check", "--no-color", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def good(tmp_path):
    p = tmp_path / "good.txt"
    p.write_text(GOOD, encoding="utf-8")
    return p


def fake_docx(path, extra=()):
    """A zip with the two parts a .docx must have, plus ``extra`` (name, bytes) entries."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CT)
        zf.writestr("word/document.xml", "<w:document/>")
        for name, data in extra:
            zf.writestr(name, data)
    return path


def real_docx(path, text="全年组织培训3次。"):
    d = new_document()
    d.add_paragraph(text)
    d.save(path)
    return path


def assert_file_error(capsys, good, bad, *needles, argv=()):
    """``check good bad``: exit 2, the bad file's message, and the good file's findings."""
    code, out, err = run_cli(capsys, "--format", "concise", "--select", "PH", *argv, str(good), str(bad))
    assert code == 2
    line = next(x for x in out.splitlines() if x.startswith(f"{bad}:0:0: E000 错误 "))
    for n in needles:
        assert n in line, line
    assert f"{good}:3:" in out and "PH001" in out  # the good file was still checked
    return line


# ---------------------------------------------------------------- .docx packages

def test_zip_bomb_total_size(tmp_path, capsys, good):
    """120 entries of 1 MiB of zeros (a few hundred KB packed): rejected from the zip directory
    alone, before anything is decompressed."""
    bomb = tmp_path / "bomb.docx"
    chunk = bytes(1024 * 1024)
    fake_docx(bomb, [(f"word/media/image{i}.png", chunk) for i in range(MAX_UNCOMPRESSED // len(chunk) + 20)])
    assert os.path.getsize(bomb) < 2 * 1024 * 1024
    assert_file_error(capsys, good, bomb, "解压后过大", "zip 炸弹")


def test_zip_bomb_ratio(tmp_path, capsys, good):
    bomb = tmp_path / "ratio.docx"
    fake_docx(bomb, [("word/media/image1.png", bytes(30 * 1024 * 1024))])
    assert_file_error(capsys, good, bomb, "压缩比异常", "zip 炸弹")


def test_zip_bomb_entry_count(tmp_path, capsys, good):
    bomb = tmp_path / "entries.docx"
    fake_docx(bomb, [(f"word/media/{i}.xml", b"") for i in range(MAX_ENTRIES + 1)])
    assert_file_error(capsys, good, bomb, "条目过多", f"上限 {MAX_ENTRIES}")


def test_truncated_docx(tmp_path, capsys, good):
    whole = real_docx(tmp_path / "whole.docx").read_bytes()
    cut = tmp_path / "truncated.docx"
    cut.write_bytes(whole[: len(whole) // 2])
    assert_file_error(capsys, good, cut, "已损坏或不完整")


def test_renamed_txt(tmp_path, capsys, good):
    fake = tmp_path / "renamed.docx"
    fake.write_text(GOOD * 5, encoding="utf-8")
    assert_file_error(capsys, good, fake, "内容是纯文本", "改了扩展名的 .txt")


@pytest.mark.parametrize("head, needle", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "旧版 Word"),
    (b"%PDF-1.7\n" + bytes(600), "PDF"),
    (b"", "空的"),
])
def test_other_formats_named_docx(tmp_path, head, needle):
    p = tmp_path / "x.docx"
    p.write_bytes(head)
    with pytest.raises(InputError) as ei:
        read_path(str(p))
    assert needle in ei.value.message


def test_corrupt_entry_data(tmp_path):
    """A flipped byte inside word/document.xml: zipfile's CRC check fails inside python-docx;
    that is an InputError about a damaged file, not a traceback."""
    path = real_docx(tmp_path / "crc.docx")
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for i in range(start + 10, start + info.compress_size - 10, 7):
        data[i] ^= 0x55
    path.write_bytes(bytes(data))
    with pytest.raises(InputError) as ei:
        read_path(str(path))
    assert "损坏" in ei.value.message


def test_malformed_xml_and_missing_parts(tmp_path):
    bad_xml = fake_docx(tmp_path / "xml.docx")  # "<w:document/>": unbound prefix, not even XML
    with pytest.raises(InputError) as ei:
        read_path(str(bad_xml))
    assert "无法解析 Word 文件" in ei.value.message
    xlsx = tmp_path / "sheet.docx"
    with zipfile.ZipFile(xlsx, "w") as zf:
        zf.writestr("[Content_Types].xml", CT)
        zf.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(InputError) as ei:
        read_path(str(xlsx))
    assert "Excel 或 PowerPoint" in ei.value.message


def test_entity_expansion_is_not_performed(tmp_path):
    """A “billion laughs” document.xml: python-docx's parser does not resolve entities, so the
    file is read (or refused) quickly and small."""
    path = real_docx(tmp_path / "lol.docx")
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    doc = parts["word/document.xml"].decode("utf-8")
    ents = '<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9)) + "]>"
    doc = doc.replace("?>", "?>" + ents, 1).replace("全年组织培训3次。", "&j;")
    parts["word/document.xml"] = doc.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, b in parts.items():
            zf.writestr(n, b)
    try:
        src = read_path(str(path))
    except InputError:
        return
    assert len(src.text) < 1000


def test_paragraph_limit_docx(tmp_path):
    d = new_document()
    for i in range(60):
        d.add_paragraph(f"第{i}段。")
    d.save(tmp_path / "many.docx")
    assert len(read_docx(str(tmp_path / "many.docx"), max_paragraphs=60).parts) == 60
    with pytest.raises(InputError) as ei:
        read_docx(str(tmp_path / "many.docx"), max_paragraphs=59)
    assert "段落过多" in ei.value.message


def test_paragraph_limit_text(tmp_path, capsys, good):
    many = tmp_path / "many.txt"
    many.write_text("今年以来共走访群众。\n" * (MAX_PARAGRAPHS + 1), encoding="utf-8")
    assert_file_error(capsys, good, many, "段落过多", f"上限 {MAX_PARAGRAPHS} 段")
    ok = tmp_path / "ok.txt"
    ok.write_text("今年以来共走访群众。\n\n" * MAX_PARAGRAPHS, encoding="utf-8")  # blank lines do not count
    read_path(str(ok))


# ---------------------------------------------------------------- size limits

def test_200mb_text_file_fails_fast(tmp_path, capsys, good, monkeypatch):
    """A 200 MB (sparse) file is refused from its size alone: it is never opened."""
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        fh.truncate(200 * 1024 * 1024)
    opened = []
    real_open = open

    def spy(file, *a, **k):
        opened.append(str(file))
        return real_open(file, *a, **k)

    monkeypatch.setattr("builtins.open", spy)
    line = assert_file_error(capsys, good, big, "文件过大", "200.0 MB", "上限 20 MB", "--max-size")
    assert str(big) not in opened, line


def test_max_size_option(tmp_path, capsys, good):
    mid = tmp_path / "mid.txt"
    mid.write_text(GOOD + ("全年组织培训3次。" * 60 + "\n") * 2200, encoding="utf-8")
    assert 3 * 1024 * 1024 < mid.stat().st_size < 4 * 1024 * 1024
    assert_file_error(capsys, good, mid, "文件过大", "上限 2 MB", argv=("--max-size", "2"))
    code, out, _ = run_cli(capsys, "--format", "concise", "--select", "PH", "--max-size", "5", str(mid))
    assert code == 1 and "E000" not in out


# ---------------------------------------------------------------- unsupported types

@pytest.mark.parametrize("name, needles", [
    ("old.doc", ["LibreOffice 无法转换这个旧版 Word 文件", "libreoffice --headless --convert-to docx"]),
    ("report.wps", ["LibreOffice 无法转换这个WPS 文字文件", "另存为”.docx"]),
    ("scan.pdf", ["无法解析 PDF（", "另存为 .docx"]),
    ("data.xlsx", ["不支持Excel 文件（.xlsx）", "另存为 .docx 或 .txt"]),
])
def test_unsupported_types(tmp_path, capsys, good, name, needles):
    bad = tmp_path / name
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100))
    assert_file_error(capsys, good, bad, *needles)


def test_binary_with_unknown_suffix(tmp_path, capsys, good):
    bad = tmp_path / "photo.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(300))
    assert_file_error(capsys, good, bad, "二进制文件", "目前支持 .txt、.md、.docx")


def test_python_docx_not_imported_for_text(tmp_path, good):
    code = ("import sys\nfrom reportlint.cli import main\n"
            f"rc = main(['check', '--format', 'json', {str(good)!r}])\n"
            "sys.stderr.write('DOCX_LOADED=%s' % ('docx' in sys.modules))\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=GUARD)
    assert "DOCX_LOADED=False" in r.stderr, r.stderr


def test_subprocess_exit_code(tmp_path, good):
    """The real console entry point: exit status 2, message on stdout, good file still reported."""
    cut = tmp_path / "cut.docx"
    cut.write_bytes(real_docx(tmp_path / "w.docx").read_bytes()[:300])
    r = subprocess.run([sys.executable, "-m", "reportlint.cli", "check", "--format", "concise", "--select", "PH",
                        str(good), str(cut)], capture_output=True, text=True, timeout=GUARD)
    assert r.returncode == 2
    assert "已损坏或不完整" in r.stdout and f"{good}:3:" in r.stdout


# ---------------------------------------------------------------- user rules with bad regexes

def write_rule(folder, code, pattern):
    folder.mkdir(exist_ok=True)
    (folder / f"{code}.yaml").write_text(
        f"code: {code}\nname: 自定义规则\nkind: regex\nseverity: warning\nmessage: 发现“{{match}}”\n"
        f"pattern: '{pattern}'\n", encoding="utf-8")
    return folder / f"{code}.yaml"


def test_catastrophic_regex_rejected_at_load(tmp_path, capsys, good):
    path = write_rule(tmp_path / "myrules", "WM901", "(a+)+$")
    code, out, err = run_cli(capsys, "--rules", str(tmp_path / "myrules"), str(good))
    assert code == 2
    assert str(path) in err and "键“pattern”" in err and "灾难性回溯" in err
    assert out == ""


def test_slow_user_regex_is_stopped(tmp_path, capsys, good, monkeypatch):
    """``(a|a)*$`` passes the static check but is exponential on “aaaa…b”: the user rule's time limit
    stops it; that file gets an error naming the rule, the good file is checked, an outer SIGALRM
    (the test's guard) is left alone — the limit is the ``regex`` module's ``timeout=``, not a signal."""
    path = write_rule(tmp_path / "slow", "WM902", "(a|a)*$")
    hostile = tmp_path / "hostile.txt"
    hostile.write_text("今年以来" + "a" * 400 + "b\n", encoding="utf-8")
    monkeypatch.setattr(safe_regex, "USER_RULE_SECONDS", 0.3)
    before = signal.getsignal(signal.SIGALRM)
    signal.alarm(GUARD)  # the generous guard: a regression raises here instead of hanging
    try:
        line = assert_file_error(capsys, good, hostile, "WM902", str(path), "运行超过 0.3 秒",
                                 argv=("--rules", str(tmp_path / "slow"), "--extend-select", "WM902"))
    finally:
        left = signal.alarm(0)
    assert 0 < left <= GUARD, "the rule's timer must hand back the outer alarm"
    assert signal.getsignal(signal.SIGALRM) is before
    assert "灾难性回溯" in line


def test_user_regex_time_limit_in_a_thread_and_without_signals(tmp_path, monkeypatch):
    """The limit used to need SIGALRM on the main thread (no limit on Windows or in threads): now it
    holds in a worker thread, and with no signal timer available at all."""
    import threading

    from reportlint.api import check_file

    write_rule(tmp_path / "slow", "WM903", "(a|a)*$")
    hostile = tmp_path / "hostile.txt"
    hostile.write_text("今年以来" + "a" * 400 + "b\n", encoding="utf-8")
    monkeypatch.setattr(safe_regex, "USER_RULE_SECONDS", 0.3)
    monkeypatch.delattr(signal, "setitimer")  # as on Windows
    monkeypatch.delattr(signal, "SIGALRM")
    result = {}

    def work():
        result["r"] = check_file(hostile, rules=[str(tmp_path / "slow")], extend_select=["WM903"], select=["WM903"])

    t = threading.Thread(target=work, daemon=True)
    t.start()
    t.join(GUARD)
    assert not t.is_alive(), "the user rule ran without a time limit in a thread"
    r = result["r"]
    assert r.findings == [] and r.error.startswith(f"规则 WM903（{tmp_path / 'slow' / 'WM903.yaml'}）运行超过 0.3 秒")


def test_user_rule_patterns_are_timed_builtin_ones_plain_re():
    import re

    from reportlint.rulecache import load_ruleset

    user = safe_regex.compile_user_regex("签定|截止", "/某处/我的规则/X.yaml", "pattern", re.IGNORECASE)
    assert isinstance(user, safe_regex.TimedPattern)
    assert [m.group() for m in user.finditer("截止目前签定")] == ["截止", "签定"]
    assert user.sub("X", "截止") == "X" and user.pattern == "签定|截止"
    rs = load_ruleset([])
    wd = rs.by_code()["PH002"]
    assert not isinstance(wd.compiled, safe_regex.TimedPattern)
    with pytest.raises(safe_regex.RuleFileError):
        safe_regex.compile_user_regex("(?P<x>a)(?P<x>b)", "/某处/X.yaml", "pattern")


def test_builtin_rules_run_without_timer(monkeypatch):
    """Only user-folder rules are timed; the built-in ones are trusted and not slowed by signals."""
    from reportlint import engine
    from reportlint.rulecache import load_ruleset

    calls = []
    monkeypatch.setattr(safe_regex, "time_limit", lambda rule, seconds=None: calls.append(rule) or nullcontext())
    rs = load_ruleset([])
    assert all(not r.options.get("_user") for r in rs.rules)
    for r in rs.rules:
        engine.guard(r)
    assert calls == []


def test_batch_reports_each_bad_file(tmp_path, capsys, monkeypatch):
    """``batch`` over a folder: every broken or hostile file becomes its own error row (also the
    user-rule time limit, which runs in the worker processes), the good files are checked."""
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    real_docx(folder / "good.docx", "全年组织培训×次。")
    (folder / "cut.docx").write_bytes(real_docx(tmp_path / "w.docx").read_bytes()[:300])
    (folder / "renamed.docx").write_text(GOOD, encoding="utf-8")
    (folder / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100))
    fake_docx(folder / "bomb.docx", [("word/media/image1.png", bytes(30 * 1024 * 1024))])
    (folder / "hostile.txt").write_text("a" * 400 + "b\n", encoding="utf-8")
    write_rule(tmp_path / "slow", "WM902", "(a|a)*$")
    monkeypatch.setattr(safe_regex, "USER_RULE_SECONDS", 0.3)
    signal.alarm(GUARD)
    try:
        code = cli.main(["batch", str(folder), "--format", "jsonl", "--no-cache", "--jobs", "2", "--quiet",
                         "--select", "PH,WM902", "--rules", str(tmp_path / "slow")])
    finally:
        signal.alarm(0)
    rows = {os.path.basename(r["path"]): r for r in map(json.loads, capsys.readouterr().out.splitlines())}
    assert code == 2
    assert sorted(rows) == ["bomb.docx", "cut.docx", "good.docx", "good.txt", "hostile.txt", "old.doc",
                            "renamed.docx"]
    errors = {name: r["error"] for name, r in rows.items() if r["error"]}
    assert "zip 炸弹" in errors.pop("bomb.docx")
    assert "已损坏或不完整" in errors.pop("cut.docx")
    assert "改了扩展名的 .txt" in errors.pop("renamed.docx")
    assert "libreoffice --headless --convert-to docx" in errors.pop("old.doc")
    assert "WM902" in errors.pop("hostile.txt")
    assert errors == {}
    assert [(f["code"], f["location"]) for f in rows["good.docx"]["findings"]] == [("PH001", "第 1 段")]
    assert [f["code"] for f in rows["good.txt"]["findings"]] == ["PH001"]


def test_mangled_zip_directory(tmp_path):
    """Found by the fuzz test: a flipped “version needed” byte in the zip directory makes zipfile
    raise NotImplementedError; that is a damaged file too."""
    path = real_docx(tmp_path / "v.docx")
    data = bytearray(path.read_bytes())
    cd = data.rfind(b"PK\x01\x02")
    data[cd + 6] = 0x40  # version needed to extract: 6.4
    path.write_bytes(bytes(data))
    with pytest.raises(InputError) as ei:
        read_path(str(path))
    assert "已损坏或不完整" in ei.value.message
