"""Every command has a real --help: a description and a Chinese help text for each argument; the
options shared by commands (-q, -o, --no-color, --format) mean the same everywhere."""
from __future__ import annotations

import argparse

import pytest

from reportlint import cli
from reportlint.commands import COMMANDS


def _subparsers():
    parser = cli.build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return sub.choices


@pytest.mark.parametrize("name", COMMANDS)
def test_every_argument_has_chinese_help(name):
    p = _subparsers()[name]
    assert p.description, f"{name}: no description"
    for action in p._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        assert action.help and any("\u4e00" <= ch <= "\u9fff" for ch in action.help), (name, action.dest)


def test_shared_options_mean_the_same():
    seen: dict[str, set] = {}
    for name, p in _subparsers().items():
        for action in p._actions:
            for opt in action.option_strings:
                if opt in ("-q", "-o", "--no-color"):
                    seen.setdefault(opt, set()).add(action.dest)
    assert seen == {"-q": {"quiet"}, "-o": {"output"}, "--no-color": {"no_color"}}
