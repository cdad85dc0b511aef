"""Compiled scoring core of reportlint's paragraph classifier (optional; see reportlint.classify.core)."""
from ._core import ABI, sums  # noqa: F401
