"""Compiled helpers of reportlint (optional; each has a pure-Python twin): the classifier's scoring
core (``sums``, see reportlint.classify.core) and DUP004's pair loop (``near_pairs``, see
reportlint.checks.duplicate)."""
from ._core import ABI, sums  # noqa: F401

try:  # a build from before DUP004's pair loop has ``sums`` only
    from ._pairs import near_pairs  # noqa: F401
except ImportError:  # pragma: no cover
    pass
