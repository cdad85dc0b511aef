"""Helpers shared by check kinds."""
from __future__ import annotations

import re


def fill(template: str, values: dict) -> str:
    """Fill ``{name}`` holes; unknown holes stay as written."""
    def rep(m: re.Match) -> str:
        v = values.get(m.group(1))
        return m.group(0) if v is None else str(v)
    return re.sub(r"\{(\w+)\}", rep, template)


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
