"""Kind ``phrase``: report occurrences of any word from a list (Vale's “existence”).

Options:
  ``words`` (required): the phrases; matched literally, longest first, non-overlapping.
  ``suggestion``: a fixed suggestion shown in the message hole ``{suggestion}``.

The list is compiled into one Aho–Corasick automaton when pyahocorasick is
installed (one pass over the text whatever the list size), else one regular
expression alternation.

Example (fires on “仅供学习交流”)::

    kind: phrase
    words: [仅供学习交流, 禁止外传]
"""
from __future__ import annotations

from ..finding import Hit
from ._spec import Opt
from ._util import excepted, word_list

SUMMARY = "查词表中的任何一个词"
OPTIONS = {
    "words": Opt(list, True, doc="词表"),
    "suggestion": Opt(str, doc="建议改法"),
}
DEFAULT_SCOPE = "paragraph"


class Matcher:
    """Longest-leftmost non-overlapping literal matching of many phrases."""

    def __init__(self, words):
        self.words = sorted(set(words), key=lambda w: (-len(w), w))
        try:
            import ahocorasick  # type: ignore
        except ImportError:  # pragma: no cover - optional speed-up
            ahocorasick = None
        if ahocorasick is not None and self.words:
            a = ahocorasick.Automaton()
            for w in self.words:
                a.add_word(w, w)
            a.make_automaton()
            self._auto = a
            self._re = None
        else:
            import re

            self._auto = None
            self._re = re.compile("|".join(map(re.escape, self.words))) if self.words else None

    def contains(self, text: str) -> bool:
        """Whether ``text`` holds any of the phrases (one scan, no overlap resolution)."""
        if self._auto is not None:
            return next(self._auto.iter(text), None) is not None
        return self._re is not None and self._re.search(text) is not None

    def finditer(self, text: str):
        """Yield (start, end, word), leftmost-longest, non-overlapping."""
        if self._auto is not None:
            cands = sorted(((end - len(w) + 1, -len(w), w) for end, w in self._auto.iter(text)))
            pos = 0
            for s, negl, w in cands:
                if s >= pos:
                    yield s, s - negl, w
                    pos = s - negl
        elif self._re is not None:
            for m in self._re.finditer(text):
                yield m.start(), m.end(), m.group(0)


def compile(rule):
    words = word_list(rule, rule.options["words"])
    return Matcher(words)


def run(rule, ctx, units):
    sugg = rule.options.get("suggestion")
    for base, text in units:
        for s, e, w in rule.compiled.finditer(text):
            if rule.exceptions and excepted(rule, text, base, base + s, base + e):
                continue
            values = {"match": w}
            if sugg:
                values["suggestion"] = sugg
            yield Hit(base + s, base + e, values)
