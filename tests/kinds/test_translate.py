"""Kind ``translate``: (options, text, excerpts it reports[, build options]) — one row per behaviour."""
import pytest

from .kindcase import run_case

KIND = "translate"
CASES = [
    ({"pattern": "[０-９]+", "map": {"０": "0", "２": "2", "６": "6"}}, "２０２６年\n", ["２０２６"]),
    ({"pattern": "[０-９]+", "map": {"０": "0"}}, "2026年\n", []),
]


@pytest.mark.parametrize("case", CASES, ids=[c[1][:16] for c in CASES])
def test_case(case):
    run_case(KIND, case)
