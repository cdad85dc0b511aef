"""Kind ``duplicate``: (options, text, excerpts it reports[, build options]) — one row per behaviour."""
import pytest

from .kindcase import run_case

KIND = "duplicate"
CASES = [
    ({"unit": "sentence"}, "一、基本情况\n我们坚持以人民为中心的发展思想，全年办结诉求。\n二、主要做法\n我们坚持以人民为中心的发展思想，全年办结诉求。\n",
     ["我们坚持以人民为中心的发展思想，全年办结诉求。"]),
    ({"unit": "sentence"}, "我们坚持以人民为中心的发展思想。\n全年办结群众诉求1200件。\n", []),
]


@pytest.mark.parametrize("case", CASES, ids=[c[1][:16] for c in CASES])
def test_case(case):
    run_case(KIND, case)
