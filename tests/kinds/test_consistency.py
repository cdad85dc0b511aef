"""Kind ``consistency``: (options, text, excerpts it reports[, build options]) — one row per behaviour."""
import pytest

from .kindcase import run_case

KIND = "consistency"
CASES = [
    ({"variants": [{"name": "半角点", "pattern": "^[0-9](\\.)(?![0-9])"}, {"name": "全角点", "pattern": "^[0-9](．)"}]},
     "1.抓队伍。\n2.抓制度。\n3．抓落实。\n", ["．"]),
    ({"variants": [{"name": "半角点", "pattern": "^[0-9](\\.)(?![0-9])"}, {"name": "全角点", "pattern": "^[0-9](．)"}]},
     "1.抓队伍。\n2.抓制度。\n", []),
]


@pytest.mark.parametrize("case", CASES, ids=[c[1][:16] for c in CASES])
def test_case(case):
    run_case(KIND, case)
