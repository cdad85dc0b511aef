"""Kind ``density``: too many stock phrases per 1,000 characters in a unit (a section).

Options:
  ``groups`` (required): ``{group name: [phrases]}`` — the lexicon, grouped for people
  editing it (intensifiers, empty verbs, slogans, stock openings and closings); all
  groups run through one automaton, longest match first, without overlaps.
  ``threshold`` (required): the most phrases per 1,000 characters that pass.
  ``min_chars``: units shorter than this (non-space characters) are not judged (default 150).
  ``min_count``: fewer phrases than this never make a finding (default 3).
  ``top``: how many of the most frequent phrases the message names (default 3; ties in
  order of first use).
One finding per unit, on its first line (the section heading). Holes: ``{density}``,
``{threshold}``, ``{count}``, ``{chars}``, ``{top}``, ``{section}``.

Example (scope section; fires on a section that is mostly “进一步……不断……切实……”)::

    kind: density
    threshold: 12
    groups: {强调副词: [进一步, 不断, 切实]}
"""
from __future__ import annotations

from collections import Counter

from reportlint.errors import RuleFileError
from reportlint.finding import Hit
from reportlint.checks._util import excepted, word_list
from reportlint.checks.phrase import Matcher
from reportlint.checks._spec import NUMBER, Opt

SUMMARY = "每个章节里套话的密度（每千字几处），超过阈值报告一次并列出最常用的几个"
OPTIONS = {
    "groups": Opt(dict, True, doc="分组词表"),
    "threshold": Opt(NUMBER, True, doc="每千字超过几处时报告"),
    "min_chars": Opt(int, default=150, doc="章节至少多少字才计算"),
    "min_count": Opt(int, default=3, doc="至少几处才报告"),
    "top": Opt(int, default=3, doc="列出最常用的几个"),
}
DEFAULT_SCOPE = "section"


def compile(rule):
    words = []
    for g, lst in rule.options["groups"].items():
        if not isinstance(lst, list):
            raise RuleFileError("每个分组应是词语列表。", rule.path, f"groups.{g}")
        words.extend(word_list(rule, lst, f"groups.{g}"))
    if rule.options["threshold"] <= 0:
        raise RuleFileError("应为正数。", rule.path, "threshold")
    return Matcher(words)


def _chars(text: str) -> int:
    return sum(1 for ch in text if not ch.isspace())


def run(rule, ctx, units):
    o = rule.options
    threshold = float(o["threshold"])
    min_chars, min_count, top = o.get("min_chars", 150), o.get("min_count", 3), o.get("top", 3)
    for base, text in units:
        n = _chars(text)
        if n < max(1, min_chars):
            continue
        counts: Counter = Counter()
        for s, e, w in rule.compiled.finditer(text):
            if rule.exceptions and excepted(rule, text, base, base + s, base + e):
                continue
            counts[w] += 1
        total = sum(counts.values())
        density = total * 1000.0 / n
        if total < min_count or density <= threshold:
            continue
        lead = len(text) - len(text.lstrip())
        line_end = text.find("\n", lead)
        line_end = len(text) if line_end == -1 else line_end
        line = text[lead:line_end].rstrip()
        shown = line if len(line) <= 40 else line[:40]
        tops = "、".join(f"“{w}”{c}次" for w, c in sorted(counts.items(), key=lambda kv: -kv[1])[:top])
        yield Hit(base + lead, base + lead + len(shown),
                  {"density": f"{density:.1f}", "threshold": f"{threshold:g}", "count": total, "chars": n,
                   "top": tops, "section": line.lstrip("#").strip()[:30], "match": shown})
