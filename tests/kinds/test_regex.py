"""Kind ``regex``: (options, text, excerpts it reports[, build options]) — one row per behaviour."""
import pytest

from .kindcase import run_case

KIND = "regex"
CASES = [
    ({"pattern": "20[XxＸｘ×]{2}年"}, "20XX年工作总结\n", ["20XX年"]),
    ({"pattern": "20[XxＸｘ×]{2}年"}, "2026年工作总结\n", []),
    ({"pattern": "ab", "ignorecase": True}, "AB 与 ab\n", ["AB", "ab"]),
    # tokens: the doubled word must be two whole words of the segmentation
    ({"pattern": "([\u4e00-\u9fff]{2,4})\\1", "tokens": True}, "营造了良好的氛围氛围。\n", ["氛围氛围"]),
    ({"pattern": "([\u4e00-\u9fff]{2,4})\\1", "tokens": True}, "基层党组织组织有力。\n", []),
    ({"pattern": "([\u4e00-\u9fff]{2,4})\\1"}, "基层党组织组织有力。\n", ["组织组织"]),
]


@pytest.mark.parametrize("case", CASES, ids=[c[1][:16] for c in CASES])
def test_case(case):
    run_case(KIND, case)
