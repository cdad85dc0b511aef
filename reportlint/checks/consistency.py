"""Kind ``consistency``: two or more ways of writing the same thing in one report.

Options:
  ``variants`` (required): a list of ``{name: TEXT, pattern: REGEX}``; the first group
  of ``pattern`` (or the whole match) is the span reported.
When more than one variant occurs in the report, every occurrence of the less used
ones (a tie: the one that appears later) is reported, pointing at the first
occurrence of the prevailing one (``{expected}`` / ``{match}`` holes).

Example (fires when both “1.” and “1．” start paragraphs)::

    kind: consistency
    variants:
      - {name: '半角点“1.”', pattern: '^[0-9]{1,2}(\\.)(?![0-9])'}
      - {name: '全角点“1．”', pattern: '^[0-9]{1,2}(．)'}
"""
from __future__ import annotations

from ..errors import RuleFileError
from ..finding import Hit
from ..safe_regex import compile_user_regex
from ._spec import Opt
from ._util import excepted

SUMMARY = "同一篇报告里两种写法混用（如序号“1.”与“1．”），报告用得少的那种"
OPTIONS = {
    "variants": Opt(list, True, doc="一组 {name: 名称, pattern: 正则}，至少两种"),
}
DEFAULT_SCOPE = "paragraph"


def compile(rule):
    out = []
    for i, v in enumerate(rule.options["variants"]):
        key = f"variants[{i}]"
        if not isinstance(v, dict) or set(v) != {"name", "pattern"}:
            raise RuleFileError("每一项应为 {name: 名称, pattern: 正则表达式}。", rule.path, key)
        out.append((str(v["name"]), compile_user_regex(str(v["pattern"]), rule.path, f"{key}.pattern")))
    if len(out) < 2:
        raise RuleFileError("至少需要两种写法。", rule.path, "variants")
    return out


def run(rule, ctx, units):
    found: list[list[tuple[int, int, str]]] = [[] for _ in rule.compiled]
    for base, text in units:
        for i, (_, pat) in enumerate(rule.compiled):
            for m in pat.finditer(text):
                g = 1 if pat.groups else 0
                s, e = base + m.start(g), base + m.end(g)
                if s == e or (rule.exceptions and excepted(rule, text, base, s, e)):
                    continue
                found[i].append((s, e, m.group(g)))
    used = [i for i, f in enumerate(found) if f]
    if len(used) < 2:
        return
    # prevailing variant: most occurrences, then earliest first occurrence
    main = min(used, key=lambda i: (-len(found[i]), found[i][0][0]))
    name0, first = rule.compiled[main][0], found[main][0]
    for i in used:
        if i == main:
            continue
        for s, e, txt in found[i]:
            yield Hit(s, e, {"match": txt, "name": rule.compiled[i][0], "expected": name0,
                             "expected_text": first[2]}, related=(first[0],))
