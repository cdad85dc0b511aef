"""Compiled helpers of reportlint (optional; each has a pure-Python twin giving the same results):
the classifier's scoring core (``sums``, ``table``, ``content_sums``; see
reportlint.classify.core) and the pair loops of DUP002 and DUP004 (``similar_pairs``,
``near_pairs``; see reportlint.checks.duplicate and reportlint.compiled)."""
from ._core import ABI, content_sums, sums, table  # noqa: F401
from ._pairs import near_pairs, similar_pairs  # noqa: F401
