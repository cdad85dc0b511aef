"""Kind ``postag``: (options, text, excerpts it reports[, build options]) — one row per behaviour."""
import pytest

from .kindcase import run_case

KIND = "postag"
CASES = [
    ({"target": "的", "left": ["较好", "认真"], "right_pos": ["v"], "replace": "地"}, "各支部较好的践行了宗旨。\n", ["的"]),
    ({"target": "的", "left": ["较好", "认真"], "right_pos": ["v"], "replace": "地"}, "进行了认真的研究。\n", []),
]


@pytest.mark.parametrize("case", CASES, ids=[c[1][:16] for c in CASES])
def test_case(case):
    run_case(KIND, case)
