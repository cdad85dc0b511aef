""".doc / .wps / .rtf / .odt through LibreOffice, .pdf through pdfminer.six — on files the tests make
(LibreOffice writes the .doc, .odt and .pdf from a .docx; the .rtf and the scanned PDF are written here)."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from reportlint import check_file
from reportlint.annotate import text_to_docx
from reportlint.cli import main
from reportlint.errors import InputError
from reportlint.readers import read_path
from reportlint.readers.pdf import SCANNED

TEXT = "关于2026年社区服务工作的总结\n一、基本情况\n今年共走访群众××户，发放宣传资料一千余份。\n二、下一步打算\n继续做好走访工作。\n"
PARAS = [line for line in TEXT.split("\n") if line]


def _soffice(src, fmt, outdir, tmp):
    r = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp}/lo", "--convert-to", fmt,
                        "--outdir", str(outdir), str(src)], capture_output=True, text=True, timeout=240)
    assert r.returncode == 0, r.stderr


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """report.docx and LibreOffice's .doc, .odt and .pdf of it; a .wps that is a .doc inside."""
    d = tmp_path_factory.mktemp("convert")
    (d / "report.docx").write_bytes(text_to_docx(TEXT.rstrip("\n")))
    for fmt in ("doc", "odt", "pdf"):
        _soffice(d / "report.docx", fmt, d, d)
    shutil.copyfile(d / "report.doc", d / "report.wps")  # WPS saves .wps in the Word 97 format
    return d


def _rtf(path):
    body = "".join("{\\pard " + "".join(f"\\u{ord(c)}?" if ord(c) > 127 else c for c in line) + "\\par}\n"
                   for line in PARAS)
    path.write_text("{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 SimSun;}}\n" + body + "}", encoding="ascii")


@pytest.mark.slow
@pytest.mark.parametrize("suffix", ["doc", "wps", "odt"])
def test_office_formats_are_converted(made, suffix):
    src = read_path(str(made / f"report.{suffix}"))
    assert src.text.split("\n") == PARAS and src.kind == "docx" and src.path.endswith(f"report.{suffix}")
    rep = check_file(str(made / f"report.{suffix}"), select=["PH"])
    assert [(f.code, f.line, f.column, f.location, f.excerpt) for f in rep.findings] == [
        ("PH001", 3, 8, "第 3 段", "××")]


@pytest.mark.slow
def test_rtf_written_by_hand_is_converted(tmp_path):
    _rtf(tmp_path / "总结.rtf")
    rep = check_file(str(tmp_path / "总结.rtf"), select=["PH"])
    assert rep.error is None
    assert [(f.code, f.line, f.column, f.excerpt) for f in rep.findings] == [("PH001", 3, 8, "××")]


@pytest.mark.slow
def test_pdf_text_layer_page_and_line(made):
    src = read_path(str(made / "report.pdf"))
    assert src.text.split("\n") == PARAS and src.kind == "pdf"
    assert [p.label for p in src.parts] == [f"第 1 页第 {i} 行" for i in range(1, 6)]
    rep = check_file(str(made / "report.pdf"), select=["PH"])
    assert [(f.code, f.location, f.excerpt) for f in rep.findings] == [("PH001", "第 1 页第 3 行", "××")]


@pytest.mark.slow
def test_annotate_a_converted_doc(made, tmp_path, capsys):
    import docx

    out = tmp_path / "批注.docx"
    code = main(["check", str(made / "report.doc"), "--annotate", "-o", str(out), "--select", "PH", "--isolated"])
    _, err = capsys.readouterr()
    assert code == 1 and "1 条批注" in err
    assert [c.text for c in docx.Document(str(out)).comments] == [
        "占位符“××”未替换为实际内容（PH001 未填写的×占位符，错误）"]


def _pdf_without_text(path):
    """A valid one-page PDF whose page draws only a rectangle (what a scan looks like to a text reader)."""
    content = b"0 0 1 rg 10 10 100 100 re f"
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>",
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    path.write_bytes(bytes(out))


def test_scanned_pdf_is_a_clear_error(tmp_path, capsys):
    _pdf_without_text(tmp_path / "扫描件.pdf")
    with pytest.raises(InputError) as exc:
        read_path(str(tmp_path / "扫描件.pdf"))
    assert exc.value.message == SCANNED
    (tmp_path / "好.txt").write_text("一、基本情况\n走访××户。\n", encoding="utf-8")
    code = main(["check", str(tmp_path / "扫描件.pdf"), str(tmp_path / "好.txt"), "--isolated", "--select", "PH",
                 "--format", "concise"])
    out, _ = capsys.readouterr()
    assert code == 2
    assert f"{tmp_path / '扫描件.pdf'}" in out and "没有文字层" in out and "PH001" in out  # the batch goes on


def test_broken_pdf_names_the_file(tmp_path):
    (tmp_path / "坏.pdf").write_bytes(b"%PDF-1.4\n%garbage only\n")
    with pytest.raises(InputError) as exc:
        read_path(str(tmp_path / "坏.pdf"))
    assert exc.value.path == str(tmp_path / "坏.pdf")
    assert exc.value.message.startswith("无法解析 PDF（") or exc.value.message == SCANNED


def test_without_libreoffice_the_error_says_how_to_install(tmp_path, monkeypatch):
    (tmp_path / "旧.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100))
    monkeypatch.setenv("REPORTLINT_SOFFICE", str(tmp_path / "没有这个程序"))
    rep = check_file(str(tmp_path / "旧.doc"))
    assert rep.error == (
        "未安装 LibreOffice，无法转换旧版 Word 文件。请安装后重试：Debian/Ubuntu 运行 sudo apt-get install "
        "libreoffice-writer-nogui；Windows 或 macOS 从 libreoffice.org 下载安装，并确保 soffice 在 PATH 中；"
        "或者用 Word 或 WPS 打开后“另存为”.docx，或转换：libreoffice --headless --convert-to docx “旧.doc”。")


def test_conversion_time_limit(tmp_path, monkeypatch):
    """A converter that hangs is stopped at the time limit with a message naming the file."""
    from reportlint.readers import office

    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\nsleep 30\n")
    fake.chmod(0o755)
    monkeypatch.setenv("REPORTLINT_SOFFICE", str(fake))
    monkeypatch.setattr(office, "TIMEOUT", 1)
    (tmp_path / "慢.odt").write_bytes(b"PK\x03\x04")
    with pytest.raises(InputError) as exc:
        office.read_office(str(tmp_path / "慢.odt"))
    assert exc.value.path == str(tmp_path / "慢.odt")
    assert exc.value.message.startswith("用 LibreOffice 转换OpenDocument 文件超时（超过 1 秒）")


@pytest.mark.slow
def test_garbage_doc_fails_to_convert(tmp_path):
    (tmp_path / "坏.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100))
    rep = check_file(str(tmp_path / "坏.doc"))
    assert rep.error.startswith("LibreOffice 无法转换这个旧版 Word 文件")
