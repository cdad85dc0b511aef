"""Kind ``substitution``: (options, text, excerpts it reports[, build options]) — one row per behaviour."""
import pytest

from .kindcase import run_case

KIND = "substitution"
CASES = [
    ({"swap": [{"bad": "截止(?=目前|今年|年底)", "good": "截至"}]}, "截止目前共走访30户。\n", ["截止"]),
    ({"swap": [{"bad": "截止(?=目前|今年|年底)", "good": "截至"}]}, "报名截止日期为5月1日。\n", []),
    # tokens: a wrong form that begins inside the word on its left is read across two words
    ({"swap": [{"bad": "必需", "good": "必须"}], "tokens": True}, "这些材料未必需要重新报送。\n", []),
    ({"swap": [{"bad": "必需", "good": "必须"}]}, "这些材料未必需要重新报送。\n", ["必需"]),
    ({"swap": [{"bad": "必需", "good": "必须"}], "tokens": True}, "我们必需按时完成。\n", ["必需"]),
]


@pytest.mark.parametrize("case", CASES, ids=[c[1][:16] for c in CASES])
def test_case(case):
    run_case(KIND, case)
