"""Kind ``residue``: (options, text, excerpts it reports[, build options]) — one row per behaviour."""
import pytest

from .kindcase import run_case

KIND = "residue"
CUES = "公众号|自建平台|倒卖|会员|第[0-9]+页"
CASES = [
    # a brand line, a slogan sandwiched between two ad lines, then the title: every block line
    ({"cues": CUES}, "素材帮 · 自建平台\n专业 · 高效 · 贴心\n举报倒卖者赠送会员一年\n某局2026年工作总结\n全年完成目标。\n",
     ["素材帮 · 自建平台", "专业 · 高效 · 贴心", "举报倒卖者赠送会员一年"]),
    # lines the specific rules report (page marks) are left to them
    ({"cues": CUES, "leave": "第[0-9]+页"}, "某局2026年工作总结\n全年完成目标。\n请关注公众号\n笔杆子的好帮手\n第1页\n",
     ["请关注公众号", "笔杆子的好帮手"]),
    # one ad line alone is no block
    ({"cues": CUES}, "某局2026年工作总结\n全年完成目标。\n请关注公众号\n", []),
    # a long body paragraph between two ad lines breaks the run
    ({"cues": CUES}, "请关注公众号\n全年完成目标，群众满意度明显提升，各项指标均好于去年同期，为全年打下了坚实基础，受到上级肯定。\n赠送会员\n", []),
    # numbered headings are the report's own outline
    ({"cues": CUES}, "一、主要做法\n（一）开通公众号\n（二）完善网格管理\n（三）发展会员单位\n", []),
    # the report's title inside a block stays (the outline took the first ad line for the title)
    ({"cues": CUES, "keep": "总结$"}, "请关注公众号\n某局2026年工作总结\n赠送会员\n全年完成目标。\n",
     ["请关注公众号", "赠送会员"]),
    ({"cues": CUES}, "请关注公众号\n某局2026年工作总结\n赠送会员\n全年完成目标。\n",
     ["请关注公众号", "某局2026年工作总结", "赠送会员"]),
]


@pytest.mark.parametrize("case", CASES, ids=[c[1][:16] for c in CASES])
def test_case(case):
    run_case(KIND, case)
