"""Every registered check kind has its table of cases in tests/kinds/test_<kind>.py."""
import importlib
import os

import pytest

from reportlint.checks import KINDS

HERE = os.path.dirname(os.path.abspath(__file__))


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_has_a_case_table(kind):
    assert os.path.exists(os.path.join(HERE, f"test_{kind}.py")), f"tests/kinds/test_{kind}.py is missing"
    mod = importlib.import_module(f"{__package__}.test_{kind}")
    assert mod.KIND == kind and mod.CASES, "a kind's module holds at least one case"
