"""Kind ``staleyear``: (options, text, excerpts it reports[, build options]) — one row per behaviour."""
import pytest

from .kindcase import run_case

KIND = "staleyear"
CASES = [
    ({"period": "(?:上半年|全年)", "gap": 1}, "关于2026年上半年工作的总结\n2024年上半年，我们完成了改造。\n", ["2024年上半年"]),
    ({"period": "(?:上半年|全年)"}, "关于2026年上半年工作的总结\n2026年上半年，我们完成了改造。\n", []),
]


@pytest.mark.parametrize("case", CASES, ids=[c[1][:16] for c in CASES])
def test_case(case):
    run_case(KIND, case)
