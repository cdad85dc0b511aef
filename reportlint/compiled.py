"""The one seam to the optional compiled helpers (``native/``, the C extension
``reportlint_native``): the classifier's scoring core (:mod:`reportlint.classify.core`) and the
check kinds' loops (DUP002/DUP004's pair loops in :mod:`reportlint.checks.duplicate`) both ask
:func:`function`. ``REPORTLINT_CORE`` chooses: ``auto`` (default: compiled when importable, else the
pure-Python twin), ``native`` (fail when it cannot be imported), ``pure``. Every compiled
function has a pure-Python twin giving the same results; tests run both."""
from __future__ import annotations

import os

ABI = 1  # the version of the functions' calling conventions this code expects of reportlint_native
_CHOSEN: dict = {}  # name -> the compiled function, or None for the pure twin; decided once per process


def function(name: str):
    """``reportlint_native.<name>``, or None when the pure twin is to be used. Decided once per
    process and name (:func:`reset` forgets the choices)."""
    try:
        return _CHOSEN[name]
    except KeyError:
        fn = _CHOSEN[name] = _choose(name)
        return fn


def reset() -> None:
    """Forget the choices (after ``REPORTLINT_CORE`` changes, in tests)."""
    _CHOSEN.clear()


def _choose(name: str):
    choice = os.environ.get("REPORTLINT_CORE", "auto")
    if choice == "pure":
        return None
    try:
        import reportlint_native

        if getattr(reportlint_native, "ABI", None) != ABI:
            raise ImportError("reportlint_native: unexpected ABI")
        return getattr(reportlint_native, name)
    except (ImportError, AttributeError):
        if choice == "native":
            raise ImportError(f"reportlint_native.{name} is not available (REPORTLINT_CORE=native)") from None
        return None
