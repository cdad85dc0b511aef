"""Kind ``regex``: report every match of a regular expression.

Options:
  ``pattern`` (required): the expression; named groups become message holes.
  ``group``: the group whose span is reported (default: the whole match).
  ``replace``: a suggestion template (``\\1`` / ``\\g<name>`` allowed); with ``fix: safe``
  it becomes an automatic fix.
  ``ignorecase``: match ASCII letters case-insensitively.
  ``names``: ``{group: {text: Chinese name}}``; the hole ``{group_name}`` names what the group
  matched (a message can then say 一字线“—” or 短横线“-”, not one word for every dash).
  ``tokens``: the match and every group in it must start and end on a word boundary of the
  segmentation (“党组织|组织|有力” is not a doubled 组织组织; “大队|大队长” is not 大队大队);
  paragraphs are segmented only when the expression matched.

Speed: a built-in rule's expression is parsed once for strings one of which every match must
contain (literal runs, character classes of at most 16 characters, a doubled character; with
``ignorecase``, only characters without case); when none of them is in the document the rule
is skipped, and a paragraph without one is not searched. The findings are
the same (``tests/test_kind_speedups.py``).

Example (fires on “20XX年”, passes on “2026年”)::

    kind: regex
    pattern: '20[XxＸｘ×]{2}年'
"""
from __future__ import annotations

import re

from ..finding import Fix, Hit
from ..safe_regex import compile_user_regex
from ._spec import Opt
from ._util import excepted, pattern_filter, units_with

SUMMARY = "查符合正则表达式的写法"
OPTIONS = {
    "pattern": Opt(str, True, doc="正则表达式"),
    "group": Opt(str, doc="只标出这个分组（名称或序号）匹配的部分"),
    "replace": Opt(str, doc="建议改法（可用 \\1 等引用分组）"),
    "ignorecase": Opt(bool, default=False, doc="不区分大小写"),
    "tokens": Opt(bool, default=False, doc="匹配及其各分组的起止都须落在分词的词边界上"),
    "names": Opt(dict, doc="{分组: {匹配的文字: 名称}}，消息里用 {分组_name} 说出匹配的是哪个字符"),
}
DEFAULT_SCOPE = "paragraph"


def compile(rule):
    flags = re.IGNORECASE if rule.options.get("ignorecase") else 0
    pat = compile_user_regex(rule.options["pattern"], rule.path, "pattern", flags)
    pattern_filter(pat, compiling=True)
    return pat


def run(rule, ctx, units):
    pat = rule.compiled
    group = rule.options.get("group")
    if group is not None and group.isdigit():
        group = int(group)
    repl = rule.options.get("replace")
    units = units_with(ctx, units, pattern_filter(pat))
    for base, text in units:
        for m in pat.finditer(text):
            g = group if group is not None else 0
            if m.start(g) < 0:
                continue
            s, e = base + m.start(g), base + m.end(g)
            if s == e or (rule.exceptions and excepted(rule, text, base, s, e)):
                continue
            if rule.options.get("tokens") and not _on_boundaries(ctx, base, text, m):
                continue
            values = {k: v for k, v in m.groupdict().items() if v is not None}
            values["match"] = m.group(g)
            for k, table in (rule.options.get("names") or {}).items():
                if k in values:
                    values[f"{k}_name"] = table.get(values[k], values[k])
            fix = None
            if repl is not None:
                sugg = m.expand(repl)
                values["suggestion"] = sugg
                if rule.fixable:
                    fix = Fix(s, e, sugg) if g == 0 else Fix(base + m.start(), base + m.end(), _whole(m, g, sugg))
            yield Hit(s, e, values, fix)


def _whole(m: re.Match, g, sugg: str) -> str:
    whole = m.group(0)
    a, b = m.start(g) - m.start(), m.end(g) - m.start()
    return whole[:a] + sugg + whole[b:]


def _on_boundaries(ctx, base: int, text: str, m: re.Match) -> bool:
    tok = ctx.tagged(base, text)
    if tok is None:
        return False
    edges = set(tok) | {len(text)}
    spans = [m.span()] + [m.span(i) for i in range(1, (m.re.groups or 0) + 1) if m.start(i) >= 0]
    return all(a in edges and b in edges for a, b in spans)
