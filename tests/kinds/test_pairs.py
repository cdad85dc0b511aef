"""Kind ``pairs``: (options, text, excerpts it reports[, build options]) — one row per behaviour."""
import pytest

from .kindcase import run_case

KIND = "pairs"
CASES = [
    ({"pairs": ["“”", "《》"]}, "开展“双争活动。\n", ["“"]),
    ({"pairs": ["“”", "《》"]}, "开展“双争”活动。\n", []),
]


@pytest.mark.parametrize("case", CASES, ids=[c[1][:16] for c in CASES])
def test_case(case):
    run_case(KIND, case)
