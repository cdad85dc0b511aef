"""Kind ``claim``: (options, text, excerpts it reports[, build options]) — one row per behaviour."""
import pytest

from .kindcase import run_case

KIND = "claim"
CASES = [
    ({"words": ["大幅提升", "成效显著"], "evidence": "[0-9]"}, "服务水平大幅提升。\n", ["大幅提升"]),
    ({"words": ["大幅提升"], "evidence": "[0-9]"}, "办结率大幅提升至99.1%。\n", []),
]


@pytest.mark.parametrize("case", CASES, ids=[c[1][:16] for c in CASES])
def test_case(case):
    run_case(KIND, case)
