"""Check kinds: the registry.

Each kind is a module with ``OPTIONS`` (key -> (type, required)), ``DEFAULT_SCOPE``,
``compile(rule)`` returning whatever ``run`` needs, and ``run(rule, doc, units)``
yielding :class:`reportlint.finding.Hit`. Kinds never print, read files or look
at configuration; the engine turns hits into findings.
"""
from __future__ import annotations

from . import claim, consistency, opener, pairs, phrase, postag, regex, staleyear, substitution, translate

KINDS = {
    "regex": regex,
    "phrase": phrase,
    "substitution": substitution,
    # issue 5: phrasing, wording, numbers, punctuation
    "translate": translate,
    "consistency": consistency,
    "pairs": pairs,
    "staleyear": staleyear,
    "claim": claim,
    "opener": opener,
    "postag": postag,
}


def register(name: str, module) -> None:
    KINDS[name] = module


def _late() -> None:
    # Kinds whose modules are larger; imported here so the registry stays in one place.
    from . import density, duplicate, structure, content, font

    KINDS.update({"structure": structure, "density": density, "duplicate": duplicate,
                  "content": content, "font": font})


try:
    _late()
except ImportError:  # pragma: no cover - during bootstrap before all kinds exist
    pass
