"""Kind ``substitution``: a wrong form and the right one (Vale's “substitution”, prh's dictionary).

Options:
  ``swap`` (required): a list of entries ``{bad: REGEX, good: TEXT}``; ``bad`` may use
  look-arounds for context (``(?<=到社区)报道``) so correct uses pass. Optional per entry:
  ``note`` (why), ``examples: {bad: [...], good: [...]}`` (verified like the rule's own).
  The message holes are ``{match}``, ``{suggestion}`` and ``{note}``.

With ``fix: safe`` on the rule, each hit's fix replaces the match by ``good``
(only where ``good`` is a single suggestion, i.e. has no “/”).

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
from ._util import excepted

OPTIONS = {"swap": (list, True)}
DEFAULT_SCOPE = "paragraph"
_ENTRY_KEYS = {"bad", "good", "note", "examples"}


class Compiled:
    def __init__(self, entries):
        self.entries = entries  # list of (pattern, good, note)
        # One combined pass: named alternation, each entry's group tells which matched.
        parts = [f"(?P<e{i}>{p.pattern})" for i, (p, _, _) in enumerate(entries)]
        try:
            self.combined = re.compile("|".join(parts)) if parts else None
        except re.error:  # pragma: no cover - entries with conflicting inline flags
            self.combined = None


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


def run(rule, doc, units):
    comp = rule.compiled
    for base, text in units:
        if comp.combined is not None:
            it = ((int(m.lastgroup[1:]), m) for m in comp.combined.finditer(text))
        else:  # pragma: no cover
            it = sorted(((i, m) for i, (p, _, _) in enumerate(comp.entries) for m in p.finditer(text)),
                        key=lambda x: x[1].start())
        for i, m in it:
            _, good, note = comp.entries[i]
            s, e = base + m.start(), base + m.end()
            if s == e or (rule.exceptions and excepted(rule, text, base, s, e)):
                continue
            fix = Fix(s, e, good) if rule.fix_safe and "/" not in good else None
            yield Hit(s, e, {"match": m.group(0), "suggestion": good, "note": note}, fix)
