"""Helpers for the rule-family tests (issue 5): check a text with the built-in rules.

Rules are loaded once per session without re-verifying examples (the tests verify
each family's examples themselves), so a broken rule of another family does not
hide the result of these tests.
"""
from __future__ import annotations

import functools

from reportlint.engine import check_document
from reportlint.outline import build
from reportlint.readers import normalize_newlines
from reportlint.rulefile import load_rules


@functools.lru_cache(maxsize=1)
def ruleset():
    return load_rules(verify=False)


def rules_of(family: str):
    return [r for r in ruleset().rules if r.family == family]


def doc_of(text: str, year: int | None = None, path: str = "<文本>"):
    return build(normalize_newlines(text), path=path, profiles=ruleset().profiles, year=year)


def findings(text: str, select, year: int | None = None):
    return check_document(doc_of(text, year), ruleset(), select=list(select))


def where(text: str, select, year: int | None = None):
    """[(line, column, code)] in report order."""
    return [(f.line, f.column, f.code) for f in findings(text, select, year)]


def fires(text: str, code: str, year: int | None = None) -> bool:
    return any(f.code == code for f in findings(text, [code], year))
