"""Sub-commands: one module per command, each owning its argparse parser (``add_parser``) and its
``run(args) -> exit code``. Below this package nothing sees an argparse namespace.

A new command = one module here + one line in ``COMMANDS`` (or :func:`register` at run time).
Each module imports what its run needs inside ``run``, so building the parser stays cheap and
``check`` never pays for scikit-learn or spaCy.
"""
from __future__ import annotations

import importlib

# Order is the order of ``reportlint --help``.
COMMANDS = ["check", "rules", "outline", "tag", "batch", "summary", "similar", "index", "train", "eval", "config", "init", "serve"]
_EXTRA: dict = {}  # name -> module-like object registered in-process


def register(module) -> None:
    """Add a command in-process (an object with NAME, HELP, add_parser(sub) and run(args))."""
    _EXTRA[module.NAME] = module


def unregister(name: str) -> None:
    _EXTRA.pop(name, None)


def get(name: str):
    if name in _EXTRA:
        return _EXTRA[name]
    if name not in COMMANDS:
        raise KeyError(name)
    return importlib.import_module(f"{__name__}.{name}")


def names() -> list[str]:
    return COMMANDS + [n for n in _EXTRA if n not in COMMANDS]
