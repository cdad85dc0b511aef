"""Kind ``opener``: (options, text, excerpts it reports[, build options]) — one row per behaviour."""
import pytest

from .kindcase import run_case

KIND = "opener"
CASES = [
    ({"words": ["通过", "近年来"]}, "通过培训，提高了能力。\n通过检查，发现了问题。\n", ["通过"]),
    ({"words": ["通过"]}, "通过培训，提高了能力。\n开展检查，发现了问题。\n", []),
]


@pytest.mark.parametrize("case", CASES, ids=[c[1][:16] for c in CASES])
def test_case(case):
    run_case(KIND, case)
