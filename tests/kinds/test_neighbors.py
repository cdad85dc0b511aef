"""Kind ``neighbors``: (options, text, excerpts it reports) — one row per behaviour."""
import pytest

from .kindcase import run_case

KIND = "neighbors"
BASE = {"target": "的", "replace": "得", "prev_pos": ["v", "vn"], "next_words": ["很", "非常", "比较"],
        "then_pos": ["a", "d"]}
CASES = [
    (BASE, "这项工作推进的比较缓慢。\n", ["的"]),
    (BASE, "这项工作推进得比较缓慢。\n", []),
    (BASE, "我们开展的很多活动受到欢迎。\n", []),  # 很多 is one word
    ({**BASE, "not_before": ["所"]}, "所做的非常有限。\n", []),
    (BASE, "所做的非常有限。\n", ["的"]),
    ({**BASE, "then_pos": ["ns"]}, "这项工作推进的比较缓慢。\n", []),
    ({**BASE, "prev_pos": ["n"]}, "这项工作推进的比较缓慢。\n", []),
]


@pytest.mark.parametrize("case", CASES, ids=[c[1][:16] + str(i) for i, c in enumerate(CASES)])
def test_case(case):
    run_case(KIND, case)
