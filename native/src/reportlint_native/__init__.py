"""Compiled helpers of reportlint (optional; each has a pure-Python twin): the classifier's scoring
core (``sums``, see reportlint.classify.core) and the pair loops of DUP002 and DUP004
(``similar_pairs``, ``near_pairs``, see
reportlint.checks.duplicate)."""
from ._core import ABI, sums  # noqa: F401

try:  # a build from before DUP004's pair loop has ``sums`` only
    from ._pairs import near_pairs, similar_pairs  # noqa: F401
except ImportError:  # pragma: no cover
    pass
