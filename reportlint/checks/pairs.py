"""Kind ``pairs``: an opening mark without its closing mark (or the reverse) within a unit.

Options:
  ``pairs`` (required): two-character strings, opener then closer (``“”``, ``《》``, ``（）``).
Each kind of pair is matched on its own (a stack per pair), so “《” inside “（…）”
does not disturb the brackets. Holes: ``{match}`` (the lone mark), ``{partner}``
(the mark it lacks). ``exceptions`` drop lone marks that are legitimate, such as
a numbering “1）” at the start of a paragraph.

A lone opener closed by the other width of the same mark (“(一）”, “（共3次)”: full-width and
half-width forms of one pair, as NFKC folds them) is one problem, so it is one hit, on the
half-width mark, with the message ``mixed_message`` when the rule gives one (holes ``{match}``,
``{open}``, ``{close}``, ``{expected}``: the full-width pair), instead of two lone marks.

Example (fires on “开展“双争”活动。”)::

    kind: pairs
    pairs: ['“”', '《》', '（）']
"""
from __future__ import annotations

import re
import unicodedata

from ..errors import RuleFileError
from ..finding import Hit
from ._spec import Opt
from ._util import excepted

SUMMARY = "引号、括号、书名号不成对"
OPTIONS = {
    "pairs": Opt(list, True, doc="成对的符号，如 '“”'"),
    "mixed_message": Opt(str, doc="左右两半一个全角一个半角（“(一）”）时的消息，只报告一次；可用 {open} {close} {expected}"),
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
        lone.sort()
        mixed = _mixed(lone, opener) if rule.options.get("mixed_message") else {}
        for i, ch, partner in lone:
            s = base + i
            if i in mixed:
                pair = mixed[i]
                if pair is None:
                    continue  # the other half of a mixed pair, reported with it
                (oi, o), (ci, c) = pair
                half = oi if unicodedata.east_asian_width(o) != "F" else ci
                wide = next((op + opener[op] for op in opener if unicodedata.east_asian_width(op) == "F"
                             and _fold(op) == _fold(o)), o + opener[o])
                yield Hit(base + half, base + half + 1, {"match": text[half], "open": o, "close": c,
                                                         "expected": wide},
                          message=rule.options["mixed_message"])
                continue
            if rule.exceptions and excepted(rule, text, base, s, s + 1):
                continue
            yield Hit(s, s + 1, {"match": ch, "partner": partner})


def _fold(ch: str) -> str:
    return unicodedata.normalize("NFKC", ch)


def _mixed(lone, opener) -> dict:
    """{index: ((open index, open), (close index, close))} for a lone opener followed by the
    nearest lone closer of the other width of the same pair; the closer's index maps to None."""
    out: dict = {}
    for k, (i, ch, _) in enumerate(lone):
        if ch not in opener or i in out:
            continue
        for j, cj, _ in lone[k + 1:]:
            if j in out:
                continue
            if cj in opener:
                if _fold(cj) == _fold(ch):
                    break  # another opener of the same kind comes first
                continue
            if cj != opener[ch] and _fold(cj) == _fold(opener[ch]):
                out[i], out[j] = ((i, ch), (j, cj)), None
                break
    return out
