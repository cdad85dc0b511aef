"""Kind ``density``: (options, text, excerpts it reports[, build options]) — one row per behaviour."""
import pytest

from .kindcase import run_case

KIND = "density"
CASES = [
    ({"threshold": 100, "min_chars": 10, "min_count": 2, "groups": {"强调副词": ["进一步", "不断"]}}, "进一步进一步不断，共三处。\n",
     ["进一步进一步不断，共三处。"], {"scope": "document"}),
    ({"threshold": 100, "min_chars": 10, "min_count": 2, "groups": {"强调副词": ["进一步"]}}, "全年办结诉求1200件。\n", [], {"scope": "document"}),
]


@pytest.mark.parametrize("case", CASES, ids=[c[1][:16] for c in CASES])
def test_case(case):
    run_case(KIND, case)
