"""The bundled sample draft (reportlint/data/sample.txt): its findings are frozen.

Each finding below was reviewed by hand: every placeholder and every line of template residue the
draft carries is reported once, by the right rule; the 微信公众号 mention in a sentence of real work
and the “12345热线” figure are not; the one CLS finding is the activities-only paragraph standing
under 取得的成效. The sample is a realistic ~2,000-character 街道 half-year 工作总结.
"""
import json
import os

import pytest

from reportlint.cli import main

SAMPLE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "reportlint", "data",
                      "sample.txt")

EXPECTED = [
    (1, 1, "PH001", "××"),  # the title: ××街道
    (3, 12, "PH001", "××"),  # the opening: ××街道党工委
    (8, 64, "PH001", "×"),  # 到社区报到×人
    (9, 65, "PH002", "XX"),  # 建立XX户“一户一档”
    (12, 17, "PH001", "××"),  # 划分为××个综合网格
    (12, 58, "PH001", "××"),  # 在××社区试点
    (12, 103, "PH001", "××"),  # “幸福××”微信公众号 (the 公众号 mention itself is real work, not an ad)
    (13, 88, "PH002", "XX"),  # 约谈提醒干部XX人次
    (14, 1, "WM002", "更多精品"),  # 更多精品范文，请关注微信公众号……
    (15, 1, "WM005", "第1页 共2页"),  # a page footer in the middle of the text
    (17, 3, "CLS001", None),  # 取得的成效 holding a paragraph of activities
    (19, 48, "PH001", "××"),  # 调解成功率达到××%
    (25, 43, "PH004", "X月X日"),
    (26, 16, "PH003", "20XX年"),  # 力争20XX年底前
    (29, 3, "WM002", "仅供学习交流"),
    (29, 10, "WM002", "禁止外传"),
    (29, 15, "WM002", "更多范文"),
    (29, 21, "WM001", "QQ：2850013579"),
    (30, 1, "WM006", "原文链接："),
    (30, 6, "WM004", "https://www.fanwen-example.com/zongjie/2026.html"),
    (31, 1, "WM005", "第2页 共2页"),
    (33, 1, "PH001", "××"),  # the signature: ××街道办事处
    (34, 1, "PH003", "20XX年"),  # the date line
]


@pytest.fixture(scope="module")
def result():
    import io
    import sys

    buf, old = io.StringIO(), sys.stdout
    sys.stdout = buf
    try:
        code = main(["check", SAMPLE, "--select", "PH,WM,STR,CLS", "--format", "json"])
    finally:
        sys.stdout = old
    return code, json.loads(buf.getvalue())


def test_sample_findings_are_frozen(result):
    code, data = result
    assert code == 1
    (f,) = data["files"]
    got = [(x["line"], x["column"], x["code"]) for x in f["findings"]]
    assert got == [(line, col, c) for line, col, c, _ in EXPECTED]
    for x, (_, _, _, excerpt) in zip(f["findings"], EXPECTED):
        if excerpt is not None:
            assert x["excerpt"] == excerpt


def test_sample_report_metadata(result):
    _, data = result
    f = data["files"][0]
    assert (f["profile"], f["encoding"], f["error"]) == ("工作总结", "utf-8", None)
    assert data["summary"] == {
        "files": 1, "files_with_errors": 1, "files_unreadable": 0, "error": 20, "warning": 3, "info": 0,
        "codes": {"CLS001": 1, "PH001": 8, "PH002": 2, "PH003": 2, "PH004": 1, "WM001": 1,
                  "WM002": 4, "WM004": 1, "WM005": 2, "WM006": 1}}


def test_sample_size_and_shape():
    with open(SAMPLE, encoding="utf-8") as fh:
        text = fh.read()
    assert 1800 <= len(text) <= 2200
    from reportlint import outline

    doc = outline(text)
    assert [(h.token.token, h.text) for h in doc.headings if h.parent is None] == [
        ("一、", "基本情况"), ("二、", "主要做法"), ("三、", "取得的成效"), ("四、", "存在的问题"),
        ("五、", "下一步打算")]
    assert len([h for h in doc.headings if h.parent is not None]) == 5  # （一）…（五）, run-in
