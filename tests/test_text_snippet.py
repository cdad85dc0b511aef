"""Terminal text: a window of about 40 characters each side of a finding in a long paragraph, marked
with …, the caret under the exact characters, the rule's Chinese name beside its code."""
from __future__ import annotations

from rich.cells import cell_len

from reportlint.cli import main
from reportlint.formatters.text import window

GUTTER = "      │ "
HEAD = "今年以来，社区党委坚持以人民为中心，" * 5  # 90 characters before the finding
TAIL = "，进一步提升了群众的获得感和满意度。" * 5  # 90 after


def test_window_short_line_is_whole():
    assert window("共走访XX户。", 3, 2) == ("共走访", "XX", "户。")


def test_window_long_line_cuts_both_sides():
    line = HEAD + "XX" + TAIL
    before, span, after = window(line, len(HEAD), 2)
    assert before == "…" + HEAD[-40:] and span == "XX" and after == TAIL[:40] + "…"


def test_window_at_the_start_and_end_of_a_long_line():
    line = "XX" + TAIL + TAIL
    assert window(line, 0, 2) == ("", "XX", TAIL[:40] + "…")
    line = HEAD + HEAD + "XX"
    assert window(line, len(line) - 2, 2) == ("…" + HEAD[-40:], "XX", "")


def test_window_long_finding_is_cut():
    line = HEAD + "甲" * 100 + TAIL
    assert window(line, len(HEAD), 100) == ("…" + HEAD[-40:], "甲" * 60, "…")


def test_long_paragraph_layout(tmp_path, capsys):
    p = tmp_path / "a.txt"
    p.write_text("关于社区工作的汇报\n" + HEAD + "共走访XX户" + TAIL + "\n", encoding="utf-8")
    code = main(["check", str(p), "--select", "PH", "--no-color", "--isolated"])
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    i = next(k for k, ln in enumerate(out) if "PH002" in ln)
    assert out[i] == "  2:94    PH002（用字母X代替的数字或名称） 错误 “XX”像是模板中代替数字或名称的占位符，请填写实际内容"
    shown = ("…" + (HEAD + "共走访")[-40:] + "XX" + ("户" + TAIL)[:40] + "…")
    assert out[i + 1] == GUTTER + shown
    caret = out[i + 2][len(GUTTER):]
    assert caret == " " * (1 + 2 * 40) + "^^"  # … is one cell, 40 full-width characters 80, XX two
    assert cell_len(out[i + 1][len(GUTTER):].split("XX")[0]) == caret.index("^")
