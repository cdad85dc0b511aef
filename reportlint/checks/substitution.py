"""Kind ``substitution``: a wrong form and the right one (Vale's “substitution”, prh's dictionary).

Options:
  ``swap`` (required): a list of entries ``{bad: REGEX, good: TEXT}``; ``bad`` may use
  look-arounds for context (``(?<=到社区)报道``) so correct uses pass. Optional per entry:
  ``note`` (why), ``examples: {bad: [...], good: [...]}`` (verified like the rule's own).
  The message holes are ``{match}``, ``{suggestion}`` and ``{note}``.

With ``fix: safe`` on the rule, each hit's fix replaces the match by ``good``
(only where ``good`` is a single suggestion, i.e. has no “/”).

With ``tokens: true`` a match may not begin inside a word of the segmentation that ends inside
it, so a wrong form read across two words (激励|行动 → 励行, 未必|需要 → 必需) is neither reported
nor fixed.

Speed: each entry is searched on its own, and only in units that contain one of the
literal strings every match of the entry must contain (found from the parsed
pattern), so a dictionary of hundreds of entries costs little more than a few
substring tests per paragraph. Where two entries match overlapping text, the one
starting first wins, then the one listed first (as an alternation would).

Example::

    kind: substitution
    swap:
      - {bad: '截止(?=\\d|目前|今年|年底|到)', good: 截至}
"""
from __future__ import annotations

import re

from ..errors import RuleFileError
from ..finding import Fix, Hit
from ..safe_regex import compile_user_regex
from ._spec import Opt
from ._util import excepted, required_strings

SUMMARY = "错误写法 → 正确写法"
OPTIONS = {
    "swap": Opt(list, True, doc="一组 {bad: 错误写法, good: 正确写法}，可带 note、examples"),
    "tokens": Opt(bool, default=False, doc="错误写法不得从前一个词的中间开始（“激励|行动”里没有“励行”）"),
}
DEFAULT_SCOPE = "paragraph"
_ENTRY_KEYS = {"bad", "good", "note", "examples"}


class Compiled:
    def __init__(self, entries):
        self.entries = entries  # list of (pattern, good, note)
        from ..recache import memo

        self.literals = [memo("literals", p.pattern, lambda p=p: required_strings(p.pattern)) for p, _, _ in entries]
        self.always = [i for i, lits in enumerate(self.literals) if lits is None]
        # "does the document hold any entry's required string": one search of an alternation (as
        # fast as 2-3 automaton passes would be slow: pyahocorasick's iter costs ~0.2 ms per 8 KB)
        every = sorted({lit for lits in self.literals for lit in lits or ()})
        self.any = re.compile("|".join(map(re.escape, every))) if every and not self.always else None
        self.auto = None
        try:
            import ahocorasick  # type: ignore
        except ImportError:  # pragma: no cover - optional speed-up
            return
        by_lit: dict[str, list[int]] = {}
        for i, lits in enumerate(self.literals):
            for lit in lits or ():
                by_lit.setdefault(lit, []).append(i)
        if by_lit:
            self.auto = ahocorasick.Automaton()
            for lit, idx in by_lit.items():
                self.auto.add_word(lit, idx)
            self.auto.make_automaton()

    def candidates(self, text: str):
        """Indices of the entries that can match in ``text``, in list order."""
        if self.auto is None:
            return [i for i, lits in enumerate(self.literals)
                    if lits is None or any(lit in text for lit in lits)]
        found = set(self.always)
        for _, idx in self.auto.iter(text):
            found.update(idx)
        return sorted(found)


def compile(rule):
    entries = []
    for i, ent in enumerate(rule.options["swap"]):
        key = f"swap[{i}]"
        if not isinstance(ent, dict) or "bad" not in ent or "good" not in ent:
            raise RuleFileError("每一项应为 {bad: 错误写法, good: 正确写法}。", rule.path, key)
        unknown = set(ent) - _ENTRY_KEYS
        if unknown:
            raise RuleFileError(f"未知的键“{'、'.join(sorted(map(str, unknown)))}”。", rule.path, key)
        if not isinstance(ent["bad"], str) or not isinstance(ent["good"], (str, int, float)):
            raise RuleFileError("bad 和 good 应为文本。", rule.path, key)
        pat = compile_user_regex(ent["bad"], rule.path, f"{key}.bad")
        entries.append((pat, str(ent["good"]), str(ent.get("note", ""))))
        ex = ent.get("examples") or {}
        if ex:
            if not isinstance(ex, dict) or set(ex) - {"bad", "good"}:
                raise RuleFileError("应为 {bad: [...], good: [...]} 形式。", rule.path, f"{key}.examples")
            for b in ex.get("bad", []):
                rule.examples.setdefault("bad", []).append(b)
            for g in ex.get("good", []):
                rule.examples.setdefault("good", []).append(g)
    return Compiled(entries)


def _matches(comp, text: str):
    """(entry index, match), leftmost first, without overlaps."""
    found = []
    for i in comp.candidates(text):
        found.extend((m.start(), i, m) for m in comp.entries[i][0].finditer(text))
    if len(found) > 1:
        found.sort(key=lambda x: (x[0], x[1]))
    end = -1
    for start, i, m in found:
        if start >= end:
            end = max(m.end(), start + 1)
            yield i, m


def run(rule, ctx, units):
    comp = rule.compiled
    if comp.any is not None and comp.any.search(ctx.doc.text) is None:
        return  # no entry's required string anywhere in the document (every unit is a piece of it)
    for base, text in units:
        for i, m in _matches(comp, text):
            _, good, note = comp.entries[i]
            s, e = base + m.start(), base + m.end()
            if s == e or (rule.exceptions and excepted(rule, text, base, s, e)):
                continue
            if rule.options.get("tokens") and not _whole_words(ctx, base, text, m.start(), m.end()):
                continue
            fix = Fix(s, e, good) if rule.fixable and "/" not in good else None
            yield Hit(s, e, {"match": m.group(0), "suggestion": good, "note": note}, fix)


def _whole_words(ctx, base: int, text: str, a: int, b: int) -> bool:
    """False when the match begins inside a word of the segmentation that ends inside the match
    (激励|行动 holds no 励行): the wrong form would be read across two correct words. A misspelling
    itself is often cut oddly (即|然定), so only a word reaching in from the left counts."""
    tok = ctx.tagged(base, text)
    if tok is None:
        return True
    return not any(s < a < e < b for s, (_, _, e) in tok.items())
