"""Check kinds: the registry.

Each kind is a module with ``SUMMARY`` (what it does, in Chinese, for rules/README.md),
``OPTIONS`` (key -> :class:`~reportlint.checks._spec.Opt`: type, required, default, doc),
``DEFAULT_SCOPE``, ``compile(rule)`` returning whatever ``run`` needs, and
``run(rule, ctx, units)`` yielding :class:`reportlint.finding.Hit`, where ``ctx`` is the
document's :class:`~reportlint.context.Analysis` and ``units`` the (offset, text) pieces of
the rule's scope. Kinds never print, read files, look at configuration or write onto the
document; the engine turns hits into findings.

A new kind = one module here + one line in ``KINDS``.
"""
from __future__ import annotations

from . import (claim, consistency, content, density, duplicate, font, linebreak, misspell, neighbors, opener, outlier,
               pairs, phrase, postag, regex, residue, staleyear, structure, substitution, translate)

KINDS = {
    "regex": regex,
    "phrase": phrase,
    "substitution": substitution,
    "translate": translate,
    "consistency": consistency,
    "pairs": pairs,
    "staleyear": staleyear,
    "claim": claim,
    "opener": opener,
    "postag": postag,
    "structure": structure,
    "density": density,
    "duplicate": duplicate,
    "content": content,
    "font": font,
    "residue": residue,
    "misspell": misspell,
    "neighbors": neighbors,
    "linebreak": linebreak,
    "outlier": outlier,
}


def register(name: str, module) -> None:
    KINDS[name] = module
