"""Kind ``font``: (options, text, excerpts it reports[, build options]) — one row per behaviour."""
import pytest

from .kindcase import run_case

KIND = "font"
CASES = [
    ({"fonts": {1: ["黑体", "SimHei"]}}, "一、基本情况\n正文。\n", []),
]


@pytest.mark.parametrize("case", CASES, ids=[c[1][:16] for c in CASES])
def test_case(case):
    run_case(KIND, case)
