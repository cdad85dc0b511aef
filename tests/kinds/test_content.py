"""Kind ``content``: (options, text, excerpts it reports[, build options]) — one row per behaviour."""
import pytest

from .kindcase import run_case

KIND = "content"
CASES = [
    ({"check": "no_figure"}, "一、基本情况\n全县共有学校12所。\n二、取得的成效\n群众满意度明显提升，工作取得了新进展。\n", ["二、取得的成效"]),
    ({"check": "no_figure"}, "一、基本情况\n全县共有学校12所。\n二、取得的成效\n群众满意度提升至98%。\n", []),
]


@pytest.mark.parametrize("case", CASES, ids=[c[1][:16] for c in CASES])
def test_case(case):
    run_case(KIND, case)
