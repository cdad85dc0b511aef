"""Compiled scoring core of reportlint's paragraph classifier (optional; see reportlint.classify.core)."""
from ._core import ABI, content_sums, sums, table  # noqa: F401
