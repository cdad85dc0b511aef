"""Kind ``phrase``: (options, text, excerpts it reports[, build options]) — one row per behaviour."""
import pytest

from .kindcase import run_case

KIND = "phrase"
CASES = [
    ({"words": ["仅供学习交流", "禁止外传"]}, "本文仅供学习交流。\n", ["仅供学习交流"]),
    ({"words": ["仅供学习交流"]}, "本文可供学习。\n", []),
]


@pytest.mark.parametrize("case", CASES, ids=[c[1][:16] for c in CASES])
def test_case(case):
    run_case(KIND, case)
