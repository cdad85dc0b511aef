"""Kind ``pairs``: an opening mark without its closing mark (or the reverse) within a unit.

Options:
  ``pairs`` (required): two-character strings, opener then closer (``“”``, ``《》``, ``（）``).
Each kind of pair is matched on its own (a stack per pair), so “《” inside “（…）”
does not disturb the brackets. Holes: ``{match}`` (the lone mark), ``{partner}``
(the mark it lacks). ``exceptions`` drop lone marks that are legitimate, such as
a numbering “1）” at the start of a paragraph.

Example (fires on “开展“双争”活动。”)::

    kind: pairs
    pairs: ['“”', '《》', '（）']
"""
from __future__ import annotations

import re

from ..errors import RuleFileError
from ..finding import Hit
from ._spec import Opt
from ._util import excepted

SUMMARY = "引号、括号、书名号不成对"
OPTIONS = {
    "pairs": Opt(list, True, doc="成对的符号，如 '“”'"),
}
DEFAULT_SCOPE = "paragraph"


def compile(rule):
    opener, closer = {}, {}
    for i, p in enumerate(rule.options["pairs"]):
        if not isinstance(p, str) or len(p) != 2 or p[0] == p[1]:
            raise RuleFileError("每一项应是两个不同的字符：左半边在前，右半边在后。", rule.path, f"pairs[{i}]")
        opener[p[0]], closer[p[1]] = p[1], p[0]
    marks = re.compile("[" + "".join(map(re.escape, list(opener) + list(closer))) + "]")
    return opener, closer, marks


def run(rule, ctx, units):
    opener, closer, marks = rule.compiled
    for base, text in units:
        found = [(m.start(), m.group()) for m in marks.finditer(text)]
        if not found:
            continue
        stacks: dict[str, list[int]] = {o: [] for o in opener}
        lone: list[tuple[int, str, str]] = []
        for i, ch in found:
            if ch in opener:
                stacks[ch].append(i)
            elif ch in closer:
                st = stacks[closer[ch]]
                if st:
                    st.pop()
                else:
                    lone.append((i, ch, closer[ch]))
        for o, st in stacks.items():
            lone.extend((i, o, opener[o]) for i in st)
        for i, ch, partner in sorted(lone):
            s = base + i
            if rule.exceptions and excepted(rule, text, base, s, s + 1):
                continue
            yield Hit(s, s + 1, {"match": ch, "partner": partner})
