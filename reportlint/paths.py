"""Where reportlint's data lives: the built-in rule folder and the cache folder (a leaf module)."""
from __future__ import annotations

import os

__version__ = "0.1.0"  # the package version (re-exported as ``reportlint.__version__``)

BUILTIN_RULES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "rules")


def rules_root() -> str:
    """The built-in rule folder: inside the package when installed, else the repo's ``rules/``."""
    if os.path.isdir(BUILTIN_RULES):
        return BUILTIN_RULES
    repo = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "rules")
    return repo


def cache_dir() -> str:
    base = os.environ.get("REPORTLINT_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "reportlint")
    return base
