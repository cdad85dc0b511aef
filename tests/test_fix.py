"""--fix / --diff: safe fixes only, atomic writes, backups, encodings and line endings kept, idempotent."""
from __future__ import annotations

import os
import stat

import pytest

from reportlint.cli import main

MINE = "WD,PU,NUM,DUP,CL"
ORIGINAL = "关于2026年上半年工作的汇报\n截止目前,共走访企业１２０家。。\n(一)强化队伍建设\n双方签定了合作协议...\n"
FIXED = "关于2026年上半年工作的汇报\n截至目前，共走访企业120家。\n（一）强化队伍建设\n双方签订了合作协议……\n"


@pytest.fixture(autouse=True)
def _cache(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("REPORTLINT_CACHE", str(tmp_path_factory.mktemp("cache")))


def run(capsys, *args):
    code = main(["check", "--isolated", "--select", MINE, *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def write(path, text, encoding="utf-8", eol="\n", bom=b""):
    data = bom + text.replace("\n", eol).encode(encoding)
    path.write_bytes(data)
    return data


def test_fix_round_trip_with_backup(tmp_path, capsys):
    p = tmp_path / "汇报.txt"
    original = write(p, ORIGINAL, eol="\r\n")
    code, out, err = run(capsys, "--fix", p)
    assert p.read_bytes() == FIXED.replace("\n", "\r\n").encode("utf-8")  # CRLF kept
    assert (tmp_path / "汇报.txt.bak").read_bytes() == original
    assert "已修正" in err and "7 处" in err and "汇报.txt.bak" in err
    assert code == 0 and "未发现问题" in out  # nothing left after fixing
    assert sorted(os.listdir(tmp_path)) == ["汇报.txt", "汇报.txt.bak"]  # no temporary file left


def test_diff_shows_the_change_and_writes_nothing(tmp_path, capsys):
    p = tmp_path / "a.txt"
    original = write(p, ORIGINAL)
    code, out, _ = run(capsys, "--diff", p)
    assert p.read_bytes() == original
    assert not (tmp_path / "a.txt.bak").exists()
    diff = out[:out.index("\n+双方签订了合作协议……\n") + len("\n+双方签订了合作协议……\n")]
    assert diff.startswith(f"--- a/{p}\n+++ b/{p}\n@@ -1,4 +1,4 @@\n")
    assert "\n-截止目前,共走访企业１２０家。。\n" in diff and "\n+截至目前，共走访企业120家。\n" in diff
    assert code == 1  # the findings of the file as it is are still reported


def test_rerunning_finds_nothing_left_to_fix(tmp_path, capsys):
    p = tmp_path / "a.txt"
    original = write(p, ORIGINAL)
    run(capsys, "--fix", p)
    once = p.read_bytes()
    code, _, err = run(capsys, "--fix", p)
    assert p.read_bytes() == once and "已修正" not in err
    assert (tmp_path / "a.txt.bak").read_bytes() == original  # the backup of the first run is kept
    code, out, _ = run(capsys, "--diff", p)
    assert "+++ " not in out and code == 0


def test_no_backup(tmp_path, capsys):
    p = tmp_path / "a.txt"
    write(p, ORIGINAL)
    run(capsys, "--fix", "--no-backup", p)
    assert p.read_text(encoding="utf-8") == FIXED
    assert os.listdir(tmp_path) == ["a.txt"]


def test_read_only_file_is_refused_and_left_untouched(tmp_path, capsys):
    p = tmp_path / "a.txt"
    original = write(p, ORIGINAL)
    p.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    try:
        code, out, err = run(capsys, "--fix", p)
    finally:
        p.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert code == 2
    assert "只读" in out + err and "原文件未改动" in out + err
    assert p.read_bytes() == original
    assert os.listdir(tmp_path) == ["a.txt"]


@pytest.mark.parametrize("encoding,bom,eol", [
    ("utf-8", b"\xef\xbb\xbf", "\n"),
    ("gb18030", b"", "\r\n"),
    ("utf-16-le", b"\xff\xfe", "\r\n"),
    ("utf-16-be", b"\xfe\xff", "\n"),
])
def test_encoding_bom_and_line_endings_are_kept(tmp_path, capsys, encoding, bom, eol):
    p = tmp_path / "a.txt"
    write(p, ORIGINAL, encoding, eol, bom)
    run(capsys, "--fix", p)
    assert p.read_bytes() == bom + FIXED.replace("\n", eol).encode(encoding)


def test_mixed_line_endings_are_kept_line_by_line(tmp_path, capsys):
    p = tmp_path / "a.txt"
    p.write_bytes("截止目前,共走访120家。\r\n第二行没有问题。\n双方签定了协议。\r第四行\n".encode("utf-8"))
    run(capsys, "--fix", p)
    assert p.read_bytes() == "截至目前，共走访120家。\r\n第二行没有问题。\n双方签订了协议。\r第四行\n".encode("utf-8")


def test_broken_word_file_with_fix_is_an_error_row(tmp_path, capsys):
    p = tmp_path / "汇报.docx"
    p.write_bytes(b"PK\x03\x04 not really a document")
    code, out, err = run(capsys, "--fix", p)
    assert code == 2 and "--annotate" not in err
    assert p.read_bytes() == b"PK\x03\x04 not really a document"


@pytest.mark.parametrize("flag", ["--fix", "--diff"])
def test_word_files_are_checked_under_fix_and_diff(tmp_path, capsys, flag):
    """--fix/--diff on a .docx used to exit 2 as if unreadable and check nothing: now the file is
    checked (same findings and exit code as without the flag) and a notice points to --annotate."""
    from docx_factory import new_document

    p = tmp_path / "汇报.docx"
    d = new_document()
    d.add_paragraph("关于社区工作的汇报")
    d.add_paragraph("截止目前，共走访企业120家。")
    d.save(p)
    before = p.read_bytes()
    code, out, err = run(capsys, flag, p)
    assert code == 1
    assert "WD" in out and "截止" in out
    assert err == (f"reportlint：{p}：Word 文件（.docx）不能自动修正：其中的格式、批注和修订无法原样保留。"
                   "可改用 --annotate 另存一份带批注和修订（可在 Word/WPS 中逐条接受）的副本。下面照常列出检查结果。\n")
    assert p.read_bytes() == before and not (tmp_path / "汇报.docx.bak").exists()
    plain_code, plain_out, _ = run(capsys, p)
    assert (plain_code, plain_out) == (code, out)


def test_word_file_with_fix_is_still_checked(tmp_path, capsys):
    import docx

    p = tmp_path / "汇报.docx"
    d = docx.Document()
    d.add_paragraph("共走访XX户,发放资料。")
    d.save(p)
    before = p.read_bytes()
    code, out, err = run(capsys, "--fix", p, "--select", "PH,PU001", "--format", "concise")
    assert code == 1 and p.read_bytes() == before
    assert "不能自动修正" in err and "--annotate" in err
    assert [ln.split(": ")[1].split()[0] for ln in out.splitlines()] == ["PH002", "PU001"]


def test_only_safe_rules_are_applied(tmp_path, capsys):
    p = tmp_path / "a.txt"
    write(p, "全体党员有效的掌握了安全知识。\n双方签定了合作协议。\n")
    code, out, _ = run(capsys, "--fix", p)
    assert p.read_text(encoding="utf-8") == "全体党员有效的掌握了安全知识。\n双方签订了合作协议。\n"
    assert "WD005" in out and code == 1  # reported, not changed: it is not marked safe


def test_overlapping_fixes_are_applied_over_several_passes(tmp_path, capsys):
    p = tmp_path / "a.txt"
    write(p, "新建口袋公园12个(含改造, 提升3个)。\n")
    run(capsys, "--fix", p)
    assert p.read_text(encoding="utf-8") == "新建口袋公园12个（含改造，提升3个）。\n"


def test_ambiguous_fixes_are_left_alone(tmp_path, capsys):
    rules = tmp_path / "rules"
    rules.mkdir()
    for code, repl in (("WD901", "乙"), ("WD902", "丙")):
        (rules / f"{code}.yaml").write_text(
            f"code: {code}\nname: 测试\nkind: regex\nseverity: error\nmessage: 测试\nfix: safe\n"
            f"pattern: 甲\nreplace: {repl}\n", encoding="utf-8")
    p = tmp_path / "a.txt"
    write(p, "甲方签定了协议。\n")
    code = main(["check", "--isolated", "--select", "WD", "--rules", str(rules), "--fix", str(p)])
    capsys.readouterr()
    assert p.read_text(encoding="utf-8") == "甲方签订了协议。\n"  # the two rules disagree about 甲
    assert code == 1


def test_select_limits_what_is_fixed(tmp_path, capsys):
    p = tmp_path / "a.txt"
    write(p, ORIGINAL)
    main(["check", "--isolated", "--select", "PU", "--fix", str(p)])
    capsys.readouterr()
    assert p.read_text(encoding="utf-8") == ORIGINAL.replace(",", "，").replace("。。", "。").replace(
        "(一)", "（一）").replace("...", "……")


def test_a_file_with_undecodable_bytes_is_not_rewritten(tmp_path, capsys):
    p = tmp_path / "a.txt"
    data = ("第一段写得很好，内容完整、数据翔实、层次清楚。\n" * 3 + "截止目前,共走访120家。\n").encode("utf-8") + b"\xff\n"
    p.write_bytes(data)
    code, out, err = run(capsys, "--fix", p)
    assert code == 2 and "无法解码" in out + err and "原文件未改动" in out + err
    assert p.read_bytes() == data and os.listdir(tmp_path) == ["a.txt"]
    code, out, _ = run(capsys, "--diff", p)
    assert "+截至目前，共走访120家。" in out


# ---------------------------------------------------------------- applicability (safe / unsafe / none)

def _rule(folder, code, fix, pattern, repl):
    folder.mkdir(exist_ok=True)
    (folder / f"{code}.yaml").write_text(
        f"code: {code}\nname: 测试\nkind: regex\nseverity: error\nmessage: 测试\nfix: {fix}\n"
        f"pattern: {pattern}\nreplace: {repl}\n", encoding="utf-8")


def _findings(capsys, p, *extra):
    import json

    main(["check", "--isolated", "--format", "json", *extra, str(p)])
    (f,) = json.loads(capsys.readouterr()[0])["files"]
    return [(x["code"], x["line"], x["column"], x["applicability"], (x["fix"] or {}).get("applicability"))
            for x in f["findings"]]


def test_dot_between_two_chinese_characters_is_only_an_unsafe_fix(tmp_path, capsys):
    p = tmp_path / "a.txt"
    write(p, "组织开展“青年.志愿”活动，参与学生120人.\n")
    assert _findings(capsys, p, "--select", "PU001") == [
        ("PU001", 1, 8, "unsafe", "unsafe"),  # 青年.志愿: a full stop, or the 间隔号 · of a name
        ("PU001", 1, 23, "safe", "safe")]  # 人. at the end of the paragraph
    main(["check", "--isolated", "--select", "PU001", "--fix", str(p)])
    out = capsys.readouterr()[0]
    assert p.read_text(encoding="utf-8") == "组织开展“青年.志愿”活动，参与学生120人。\n"
    assert "需确认的修正（--fix --unsafe-fixes）" in out and "1 个需确认的修正可加 --unsafe-fixes" in out
    main(["check", "--isolated", "--select", "PU001", "--fix", "--unsafe-fixes", str(p)])
    capsys.readouterr()
    assert p.read_text(encoding="utf-8") == "组织开展“青年。志愿”活动，参与学生120人。\n"


def test_a_fix_cutting_into_a_word_is_never_safe(tmp_path, capsys):
    rules = tmp_path / "rules"
    _rule(rules, "WD901", "safe", "必需", "必须")
    p = tmp_path / "a.txt"
    write(p, "这未必需要专门开会。这是必需的条件。\n")  # 未必|需要: 必需 starts inside 未必
    assert _findings(capsys, p, "--select", "WD9", "--rules", str(rules)) == [
        ("WD901", 1, 3, "unsafe", "unsafe"), ("WD901", 1, 13, "safe", "safe")]
    main(["check", "--isolated", "--select", "WD9", "--rules", str(rules), "--fix", str(p)])
    capsys.readouterr()
    assert p.read_text(encoding="utf-8") == "这未必需要专门开会。这是必须的条件。\n"


def test_rule_marked_unsafe_is_applied_only_with_unsafe_fixes(tmp_path, capsys):
    rules = tmp_path / "rules"
    _rule(rules, "WD902", "unsafe", "签定", "签订")
    p = tmp_path / "a.txt"
    write(p, "双方签定了协议。\n")
    assert _findings(capsys, p, "--select", "WD9", "--rules", str(rules)) == [("WD902", 1, 3, "unsafe", "unsafe")]
    main(["check", "--isolated", "--select", "WD9", "--rules", str(rules), "--fix", str(p)])
    capsys.readouterr()
    assert p.read_text(encoding="utf-8") == "双方签定了协议。\n"
    main(["check", "--isolated", "--select", "WD9", "--rules", str(rules), "--diff", "--unsafe-fixes", str(p)])
    assert "\n+双方签订了协议。\n" in capsys.readouterr()[0]
    assert p.read_text(encoding="utf-8") == "双方签定了协议。\n"  # --diff writes nothing


def test_applicability_in_every_findings_format(tmp_path, capsys):
    import csv
    import io
    import json

    p = tmp_path / "a.txt"
    write(p, "组织开展“青年.志愿”活动，参与学生120人.\n")
    outs = {}
    for fmt in ("concise", "sarif", "csv", "github", "junit", "html"):
        main(["check", "--isolated", "--select", "PU001", "--format", fmt, str(p)])
        outs[fmt] = capsys.readouterr()[0]
    assert [ln.rsplit(" ", 1)[1] for ln in outs["concise"].splitlines()] == ["[需确认修正]", "[可修正]"]
    res = json.loads(outs["sarif"])["runs"][0]["results"]
    assert [r["properties"]["applicability"] for r in res] == ["unsafe", "safe"]
    assert res[1]["fixes"][0]["artifactChanges"][0]["replacements"] == [
        {"deletedRegion": {"charOffset": 22, "charLength": 1}, "insertedContent": {"text": "。"}}]
    rows = list(csv.reader(io.StringIO(outs["csv"].lstrip("\ufeff"))))
    assert rows[0][-1] == "自动修正"
    assert [r[-1] for r in rows[1:]] == ["需确认的修正（--fix --unsafe-fixes）", "可安全修正（--fix）"]
    for fmt in ("github", "junit", "html"):
        assert "需确认的修正（--fix --unsafe-fixes）" in outs[fmt] and "可安全修正（--fix）" in outs[fmt], fmt
