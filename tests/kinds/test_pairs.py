"""Kind ``pairs``: (options, text, excerpts it reports[, build options]) — one row per behaviour."""
import pytest

from .kindcase import run_case

KIND = "pairs"
CASES = [
    ({"pairs": ["“”", "《》"]}, "开展“双争活动。\n", ["“"]),
    ({"pairs": ["“”", "《》"]}, "开展“双争”活动。\n", []),
    # a pair of two widths is one hit, on its half-width half, when the rule says how to word it
    ({"pairs": ["（）", "()"], "mixed_message": "混用"}, "学习(共3次），参学。\n", ["("]),
    ({"pairs": ["（）", "()"], "mixed_message": "混用"}, "学习（共3次)，参学。\n", [")"]),
    ({"pairs": ["（）", "()"]}, "学习(共3次），参学。\n", ["(", "）"]),
    ({"pairs": ["（）", "()"], "mixed_message": "混用"}, "学习(共3次，参学（120人)。\n", ["（"]),  # ( is closed by ): same width first
]


@pytest.mark.parametrize("case", CASES, ids=[c[1][:16] for c in CASES])
def test_case(case):
    run_case(KIND, case)
