"""Kind ``duplicate``: (options, text, excerpts it reports[, build options]) — one row per behaviour."""
import pytest

from .kindcase import run_case

KIND = "duplicate"
CASES = [
    ({"unit": "sentence"}, "一、基本情况\n我们坚持以人民为中心的发展思想，全年办结诉求。\n二、主要做法\n我们坚持以人民为中心的发展思想，全年办结诉求。\n",
     ["我们坚持以人民为中心的发展思想，全年办结诉求。"]),
    ({"unit": "sentence"}, "我们坚持以人民为中心的发展思想。\n全年办结群众诉求1200件。\n", []),
    # clause: a figure clause of 做法 restated in 成效 with one digit changed; its neighbour clause joins it
    ({"unit": "clause", "similarity": 0.85},
     "一、主要做法\n开展隐患排查，共排查商铺1420户，整改隐患386处。\n二、取得的成效\n安全形势稳定，共排查商铺1420户，整改隐患368处。\n",
     ["共排查商铺1420户，整改隐患368处"]),
    # the same two clauses within one section are not this rule's
    ({"unit": "clause", "similarity": 0.85},
     "一、主要做法\n开展隐患排查，共排查商铺1420户，整改隐患386处。\n安全形势稳定，共排查商铺1420户，整改隐患368处。\n", []),
    # the opening summary before the first heading is not compared
    ({"unit": "clause", "similarity": 0.85},
     "上半年共排查商铺1420户，整改隐患386处。\n一、主要做法\n开展隐患排查，共排查商铺1420户，整改隐患386处。\n", []),
    ({"unit": "clause", "similarity": 0.85, "require": "[0-9]"},
     "一、做法\n认真学习贯彻党的二十大精神，全面从严治党。\n二、打算\n继续学习贯彻党的二十大精神，全面从严治党。\n", []),
    ({"unit": "clause", "similarity": 0.85, "skip": "以上"},
     "一、成效\n粮食播种面积稳定在41.2万亩，总产量稳定。\n二、目标\n粮食播种面积稳定在41万亩以上，总产量稳定。\n", []),
]


@pytest.mark.parametrize("case", CASES, ids=[c[1][:16] for c in CASES])
def test_case(case):
    run_case(KIND, case)
