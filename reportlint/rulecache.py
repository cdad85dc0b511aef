"""Load the rule set once per process; skip re-verifying examples when rule files are unchanged.

Verification results are remembered in a small stamp file keyed by the content
digest of every rule and profile file and the package version (not a pickle of
rules: compiled rules are rebuilt from YAML each time, which is cheap).
"""
from __future__ import annotations

import os

from . import __version__


def cache_dir() -> str:
    base = os.environ.get("REPORTLINT_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "reportlint")
    return base


def load_cached(extra: list[str]):
    from .rulefile import load_rules, verify_examples

    rs = load_rules(extra, verify=False)
    stamp = os.path.join(cache_dir(), f"verified-{__version__}-{rs.digest}")
    if not os.path.exists(stamp):
        verify_examples(rs)
        try:
            os.makedirs(cache_dir(), exist_ok=True)
            with open(stamp, "w"):
                pass
        except OSError:  # read-only home: verify every time, which is still correct
            pass
    return rs
