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


def glob_spec(patterns):
    """A matcher for file globs with gitignore semantics (``pathspec``): ``*`` stays inside one
    folder, ``**`` crosses folders, a pattern without ``/`` matches a name at any depth, a trailing
    ``/`` only folders. Match paths relative to the folder the patterns belong to, with ``/``;
    folders end in ``/``. None for no patterns.

    >>> spec = glob_spec(["2025/*.txt", "草稿/", "**/附件/**"])
    >>> [spec.match_file(p) for p in ("2025/a.txt", "2025/旧/a.txt", "x/草稿/", "a/附件/b.md", "a.txt")]
    [True, False, True, True, False]
    """
    patterns = [p for p in (patterns or []) if p and p.strip()]
    if not patterns:
        return None
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines([p.replace("\\", "/") for p in patterns])
