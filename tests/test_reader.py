"""Reading report files: encodings, line endings, indentation, and the files `check` must refuse.

Every case goes through the public path (``reportlint check`` in-process, or ``check_file``) and
asserts the exact (line, column, code) of the findings or the exit code and the Chinese message.
"""
import json

import pytest

from reportlint import check_file
from reportlint.cli import main
from reportlint.readers import read_path
from reportlint.readers.text import decode

REPORT = "关于社区工作的汇报\n今年共走访XX户。\n到社区报到×人。\n"
EXPECTED = [(2, 6, "PH002"), (3, 6, "PH001")]


def hits(report):
    assert report.error is None, report.error
    return [(f.line, f.column, f.code) for f in report.findings]


def run(argv, capsys):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path, name, data: bytes):
    p = tmp_path / name
    p.write_bytes(data)
    return str(p)


# ------------------------------------------------------------------ encodings

def test_utf8(tmp_path):
    r = check_file(write(tmp_path, "a.txt", REPORT.encode("utf-8")), select=["PH"])
    assert hits(r) == EXPECTED
    assert r.encoding == "utf-8"


def test_utf8_bom_is_not_a_character(tmp_path):
    r = check_file(write(tmp_path, "a.txt", b"\xef\xbb\xbf" + REPORT.encode("utf-8")), select=["PH"])
    assert hits(r) == EXPECTED
    assert r.encoding == "utf-8-sig"
    assert r.findings[0].start == REPORT.index("XX")  # offsets count from the first real character


@pytest.mark.parametrize("codec", ["gbk", "gb2312", "gb18030"])
def test_gbk_family(tmp_path, codec):
    r = check_file(write(tmp_path, "a.txt", REPORT.encode(codec)), select=["PH"])
    assert hits(r) == EXPECTED
    assert r.encoding == "gb18030"  # a superset of GBK and GB2312


BIG5_REPORT = ("關於社區工作的匯報\n一、基本情況\n今年以來，社區共走訪轄區居民XX戶，召開座談會三次，收集意見建議四十條。\n"
               "二、存在問題\n部分工作推進較慢。\n")


def test_big5_is_detected_not_read_as_mojibake(tmp_path):
    """Big5 bytes decode as GB18030 without error, into mojibake that used to be reported clean;
    the mojibake score sends the file to charset-normalizer, which reads it as Big5."""
    r = check_file(write(tmp_path, "繁體.txt", BIG5_REPORT.encode("big5")), select=["PH"])
    assert r.error is None and r.encoding == "big5"
    assert hits(r) == [(3, 15, "PH002")]
    assert r.findings[0].excerpt == "XX"


def test_gbk_report_stays_on_the_fast_path(tmp_path, monkeypatch):
    import charset_normalizer

    monkeypatch.setattr(charset_normalizer, "from_bytes", lambda *a, **k: pytest.fail("slow path taken"))
    r = check_file(write(tmp_path, "a.txt", REPORT.encode("gbk")), select=["PH"])
    assert r.encoding == "gb18030" and r.error is None


def test_mojibake_the_detector_cannot_settle_is_an_error(tmp_path, monkeypatch):
    """Text that decodes as GB18030 but is mostly kana/Greek/rare characters, and that the detector
    also calls GB18030: a clear error, not a clean report of mojibake."""
    import charset_normalizer
    from reportlint.readers import text as textreader

    garbage = "ぁゐΩЖ╋ぃ" * 30 + "\n"
    path = write(tmp_path, "乱.txt", garbage.encode("gb18030"))
    assert textreader.mojibake_score(garbage) == 1.0

    class Verdict:  # what the detector says, as charset_normalizer.CharsetMatches
        def __init__(self, encoding):
            self.encoding = encoding

        def best(self):
            return None if self.encoding is None else self

    for verdict in ("gb18030", None):  # agrees with the fast path / cannot tell at all
        monkeypatch.setattr(charset_normalizer, "from_bytes", lambda *a, **k: Verdict(verdict))
        r = check_file(path)
        assert r.error == ("无法识别文件编码（按 GBK/GB18030 解码后出现大量乱码字符，自动识别也无法确定）；"
                           "请用记事本或 WPS 打开后“另存为”UTF-8 编码再检查。"), verdict


def test_gb18030_only_characters(tmp_path):
    text = "关于㐀村工作的汇报\n今年共走访XX户。\n"  # 㐀 (CJK Ext. A) is outside GBK
    r = check_file(write(tmp_path, "a.txt", text.encode("gb18030")), select=["PH"])
    assert hits(r) == [(2, 6, "PH002")]
    assert r.encoding == "gb18030"


def test_encoding_is_reported_in_json(tmp_path, capsys):
    path = write(tmp_path, "a.txt", REPORT.encode("gbk"))
    code, out, _ = run(["check", path, "--select", "PH", "--format", "json"], capsys)
    assert code == 1
    f = json.loads(out)["files"][0]
    assert f["encoding"] == "gb18030"
    assert [(x["line"], x["column"], x["code"]) for x in f["findings"]] == EXPECTED


def test_utf16_with_bom(tmp_path):
    r = check_file(write(tmp_path, "a.txt", REPORT.encode("utf-16")), select=["PH"])
    assert hits(r) == EXPECTED
    assert r.encoding == "utf-16"


def test_utf8_with_a_few_broken_bytes_stays_utf8(tmp_path):
    # A UTF-8 report cut off in the middle of its last character must not turn into GB18030 mojibake.
    body = "今年以来，我们围绕年初目标，扎实推进各项工作，群众满意度持续提升。\n" * 20
    data = (REPORT + body).encode("utf-8") + "。".encode("utf-8")[:2]
    r = check_file(write(tmp_path, "a.txt", data), select=["PH"])
    assert hits(r) == EXPECTED
    assert r.encoding == "utf-8（1 处字节无法解码，已替换为 �）"


def test_utf8_bom_with_a_broken_byte_does_not_crash(tmp_path):
    body = "今年以来，我们围绕年初目标，扎实推进各项工作，群众满意度持续提升。\n" * 20
    data = b"\xef\xbb\xbf" + (REPORT + body).encode("utf-8") + b"\xff"
    r = check_file(write(tmp_path, "a.txt", data), select=["PH"])
    assert hits(r) == EXPECTED
    assert r.encoding == "utf-8-sig（1 处字节无法解码，已替换为 �）"


def test_undecodable_bytes_exit_2(tmp_path, capsys):
    path = write(tmp_path, "乱码.txt", b"\x81\x20\xfe\x7f" * 10)
    code, out, _ = run(["check", path], capsys)
    assert code == 2
    assert f"{path}：无法识别文件编码" in out


# ------------------------------------------------------------------ line endings, indentation

@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_lone_cr(tmp_path, newline):
    data = REPORT.replace("\n", newline).encode("utf-8")
    r = check_file(write(tmp_path, "a.txt", data), select=["PH"])
    assert hits(r) == EXPECTED
    assert r.findings[0].start == REPORT.index("XX")  # offsets point into the \n-normalised text


def test_mixed_line_endings(tmp_path):
    data = "关于社区工作的汇报\r\n今年共走访XX户。\r到社区报到×人。\n".encode("utf-8")
    assert hits(check_file(write(tmp_path, "a.txt", data), select=["PH"])) == EXPECTED


def test_fullwidth_indentation_counts_in_columns(tmp_path):
    text = "关于社区工作的汇报\n　　今年共走访XX户。\n\t到社区报到×人。\n"
    r = check_file(write(tmp_path, "a.txt", text.encode("utf-8")), select=["PH"])
    assert hits(r) == [(2, 8, "PH002"), (3, 7, "PH001")]
    for f in r.findings:
        assert text[f.start:f.end] == f.excerpt


def test_fullwidth_indentation_read_as_indentation_not_text(tmp_path):
    # A 　　-indented heading is still a heading, and its finding column counts the indentation.
    text = "2026年工作总结\n　　一.基本情况\n　　全县共有学校12所。\n"
    r = check_file(write(tmp_path, "a.txt", text.encode("utf-8")), select=["STR008"])
    assert hits(r) == [(2, 3, "STR008")]


# ------------------------------------------------------------------ files check must refuse

EMPTY = "文件为空（没有任何文字），无法检查；请确认保存的是报告全文。"


@pytest.mark.parametrize("name, data", [
    ("空.txt", b""),
    ("空白.txt", "\n　　\n \r\n".encode("utf-8")),  # blank lines, full-width spaces
    ("空.md", b"\xef\xbb\xbf\n\t\n"),  # only a BOM and white space
])
def test_empty_file_is_an_error(tmp_path, capsys, name, data):
    """An empty file used to “pass” (未发现问题, exit 0): it is an error row now."""
    path = write(tmp_path, name, data)
    code, out, _ = run(["check", path], capsys)
    assert code == 2
    assert f"{path}：{EMPTY}" in out and "未发现问题" not in out
    r = check_file(path)
    assert (r.error, r.findings) == (EMPTY, [])


def test_missing_file(tmp_path, capsys):
    path = str(tmp_path / "没有这个文件.txt")
    code, out, err = run(["check", path], capsys)
    assert code == 2
    assert f"{path}：文件不存在。" in out
    assert "无法检查" in out  # the summary does not claim the file is clean
    assert "未发现问题" not in out
    assert check_file(path).error == "文件不存在。"


def test_missing_file_concise(tmp_path, capsys):
    path = str(tmp_path / "缺.txt")
    code, out, _ = run(["check", path, "--format", "concise"], capsys)
    assert code == 2
    assert out == f"{path}:0:0: E000 错误 文件不存在。\n"


def test_one_bad_file_does_not_stop_the_others(tmp_path, capsys):
    good = write(tmp_path, "a.txt", REPORT.encode("utf-8"))
    missing = str(tmp_path / "缺.txt")
    code, out, _ = run(["check", missing, good, "--select", "PH", "--format", "concise"], capsys)
    assert code == 2
    assert out.splitlines() == [
        f"{missing}:0:0: E000 错误 文件不存在。",
        f"{good}:2:6: PH002 错误 “XX”像是模板中代替数字或名称的占位符，请填写实际内容",
        f"{good}:3:6: PH001 错误 占位符“×”未替换为实际内容",
    ]


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",  # NUL bytes
    bytes(range(1, 32)) * 40,  # control characters, no NUL
])
def test_binary_file(tmp_path, capsys, data):
    path = write(tmp_path, "图片.txt", data)
    code, out, _ = run(["check", path], capsys)
    assert code == 2
    assert f"{path}：这是二进制文件，不是文本报告。" in out


def test_zip_with_txt_extension(tmp_path, capsys):
    path = write(tmp_path, "a.txt", b"PK\x03\x04" + b"\x14\x00" * 20)
    code, out, _ = run(["check", path], capsys)
    assert code == 2
    assert f"{path}：文件内容是压缩包" in out


def test_directory_given_to_check(tmp_path, capsys):
    d = tmp_path / "报告"
    d.mkdir()
    code, out, _ = run(["check", str(d)], capsys)
    assert code == 2
    assert f"{d}：这是一个文件夹，不是报告文件；检查整个文件夹请用 reportlint batch。" in out


@pytest.mark.parametrize("name, hint", [
    ("总结.doc", "libreoffice --headless --convert-to docx “总结.doc”"),
    ("总结.wps", "另存为”.docx"),
    ("总结.ofd", "目前支持 .txt、.md、.docx"),
])
def test_unreadable_office_files_exit_2_with_conversion_hint(tmp_path, capsys, monkeypatch, name, hint):
    monkeypatch.setenv("REPORTLINT_SOFFICE", str(tmp_path / "no-libreoffice"))
    path = write(tmp_path, name, b"\xd0\xcf\x11\xe0" + b"\0" * 60)
    code, out, _ = run(["check", path], capsys)
    assert code == 2
    assert f"{path}：{'未安装 LibreOffice' if name[-3:] in ('doc', 'wps') else '不支持'}" in out
    assert hint in out


def test_read_path_reports_kind(tmp_path):
    md = write(tmp_path, "a.md", "# 标题\n\n## 一、基本情况\n".encode("utf-8"))
    txt = write(tmp_path, "a.txt", b"abc\n")
    assert (read_path(md).kind, read_path(txt).kind) == ("markdown", "text")


def test_decode_returns_normalised_text_and_encoding():
    assert decode("甲\r\n乙\r丙\n".encode("gbk")) == ("甲\n乙\n丙\n", "gb18030")
    assert decode(b"\xef\xbb\xbf\xe7\x94\xb2") == ("甲", "utf-8-sig")
