"""Kind ``regex``: (options, text, excerpts it reports[, build options]) — one row per behaviour."""
import pytest

from .kindcase import run_case

KIND = "regex"
CASES = [
    ({"pattern": "20[XxＸｘ×]{2}年"}, "20XX年工作总结\n", ["20XX年"]),
    ({"pattern": "20[XxＸｘ×]{2}年"}, "2026年工作总结\n", []),
    ({"pattern": "ab", "ignorecase": True}, "AB 与 ab\n", ["AB", "ab"]),
]


@pytest.mark.parametrize("case", CASES, ids=[c[1][:16] for c in CASES])
def test_case(case):
    run_case(KIND, case)
