"""The optional compiled helpers (``native/``, the C extension ``reportlint_native``) for code that
may not reach the classifier (the check kinds). ``REPORTLINT_CORE`` chooses as it does for the
classifier's core (:mod:`reportlint.classify.core`): ``auto`` (default: compiled when importable,
else the pure-Python twin), ``native`` (fail when it cannot be imported), ``pure``. Every compiled
function has a pure-Python twin giving the same results; tests run both."""
from __future__ import annotations

import os


def function(name: str):
    """``reportlint_native.<name>``, or None when the pure twin is to be used."""
    choice = os.environ.get("REPORTLINT_CORE", "auto")
    if choice == "pure":
        return None
    try:
        import reportlint_native

        return getattr(reportlint_native, name)
    except (ImportError, AttributeError):
        if choice == "native":
            raise ImportError(f"reportlint_native.{name} is not available (REPORTLINT_CORE=native)") from None
        return None
