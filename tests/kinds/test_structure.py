"""Kind ``structure``: (options, text, excerpts it reports[, build options]) — one row per behaviour."""
import pytest

from .kindcase import run_case

KIND = "structure"
CASES = [
    ({"check": "long_heading", "max": 10}, "一、关于进一步加强和改进基层党组织建设的几点做法\n正文。\n", ["一、关于进一步加强和改进基层党组织建设的几点做法"]),
    ({"check": "gap"}, "一、基本情况\n正文。\n三、主要做法\n正文。\n", ["三、"]),
    ({"check": "gap"}, "一、基本情况\n正文。\n二、主要做法\n正文。\n", []),
]


@pytest.mark.parametrize("case", CASES, ids=[c[1][:16] for c in CASES])
def test_case(case):
    run_case(KIND, case)
