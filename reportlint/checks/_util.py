"""Helpers shared by check kinds."""
from __future__ import annotations

import re

from ..safe_regex import compile_user_regex


def fill(template: str, values: dict) -> str:
    """Fill ``{name}`` holes; unknown holes stay as written."""
    def rep(m: re.Match) -> str:
        v = values.get(m.group(1))
        return m.group(0) if v is None else str(v)
    return re.sub(r"\{(\w+)\}", rep, template)


def optional_regex(rule, key: str):
    """The rule's pattern option ``key`` compiled, or None when the rule file leaves it out."""
    text = rule.options.get(key)
    return compile_user_regex(text, rule.path, key) if text else None


def excepted(rule, text: str, base: int, start: int, end: int) -> bool:
    """True if a match of one of the rule's exception patterns in ``text`` overlaps [start, end)."""
    for pat in rule.exceptions:
        for m in pat.finditer(text):
            s, e = base + m.start(), base + m.end()
            if s < end and start < e:
                return True
    return False


def word_list(rule, words, key: str = "words") -> list:
    """Validate a rule's word list (non-empty strings); raise a RuleFileError naming the entry."""
    from ..errors import RuleFileError

    for i, w in enumerate(words):
        if not isinstance(w, str) or not w.strip():
            raise RuleFileError("词表中有空项或非文本项。", rule.path, f"{key}[{i}]")
    return words


_CLASS_MAX = 16  # a character class of more characters is not used as a pre-filter


def required_strings(pattern: str):
    """Strings one of which every match of ``pattern`` contains, or None if none can be told:
    runs of literal characters, a class of at most :data:`_CLASS_MAX` characters (its
    characters), a group or a repeat of at least one (what its body requires), alternatives
    (the union of what each requires, when each requires something). Look-arounds and
    back-references add nothing. Under IGNORECASE, or in a ``(?i:…)`` group, nothing is
    required (case folding)."""
    try:
        from re import _constants as c, _parser as sre_parse  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - Python < 3.11
        import sre_constants as c  # type: ignore
        import sre_parse  # type: ignore
    try:
        parsed = sre_parse.parse(pattern)
    except re.error:  # pragma: no cover - validated at load
        return None
    if parsed.state.flags & re.IGNORECASE:
        return None

    def klass(items):
        chars = []
        for op, av in items:
            if op is c.LITERAL:
                chars.append(chr(av))
            elif op is c.RANGE and av[1] - av[0] < _CLASS_MAX:
                chars.extend(chr(x) for x in range(av[0], av[1] + 1))
            else:
                return None  # negated, categories, wide ranges
            if len(chars) > _CLASS_MAX:
                return None
        return set(chars) or None

    def need(seq):
        cands, run = [], []
        for op, av in seq:
            if op is c.LITERAL:
                run.append(chr(av))
                continue
            if run:
                cands.append({"".join(run)})
                run = []
            sub = None
            if op is c.IN:
                sub = klass(av)
            elif op is c.SUBPATTERN:
                sub = None if av[1] & re.IGNORECASE else need(av[-1])  # (?i:…) folds case
            elif op is c.BRANCH:
                parts = [need(b) for b in av[1]]
                sub = set().union(*parts) if parts and all(parts) else None
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:
                sub = need(av[2])
            if sub:
                cands.append(sub)
        if run:
            cands.append({"".join(run)})
        # the longest shortest string, then the fewest strings
        return max(cands, key=lambda st: (min(map(len, st)), -len(st)), default=None)

    found = need(parsed)
    return sorted(found) if found else None
