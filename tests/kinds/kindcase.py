"""Tests of check kinds as data: each ``tests/kinds/test_<kind>.py`` holds a table ``CASES`` of
(rule options, text, matched excerpts) and calls :func:`run_case`; test_completeness.py checks
that every registered kind has such a module."""
from __future__ import annotations

from reportlint.engine import hits_for_rule
from reportlint.outline import build
from reportlint.rulecache import load_ruleset
from reportlint.rulefile import parse_rule


def rule_of(kind: str, options: dict, scope: str | None = None):
    data = {"code": "TST001", "name": "测试", "kind": kind, "severity": "warning", "message": "{match}", **options}
    if scope:
        data["scope"] = scope
    return parse_rule(data, "<测试>")


def excerpts(kind: str, options: dict, text: str, scope: str | None = None, year: int | None = None) -> list[str]:
    """The text of every hit of a one-off rule of ``kind`` on ``text``."""
    doc = build(text, profiles=load_ruleset().profiles, year=year)
    return [text[h.start:h.end] for h in hits_for_rule(rule_of(kind, options, scope), doc)]


def run_case(kind: str, case) -> None:
    options, text, expected, *rest = case
    extra = rest[0] if rest else {}
    assert excerpts(kind, options, text, **extra) == expected
