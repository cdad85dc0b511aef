"""Kind ``structure``: checks on the outline (sections, heading numbering).

Option ``check`` picks one of:

``missing_section``  a required section of the profile is absent (only when the report
                     names at least ``min_named`` of its top sections after profile roles);
                     top-level content headings (“二、聚焦主责主业，全力维护辖区安全稳定”) are
                     the work itself: they stand for the profile's 做法 section (基本情况 in a
                     profile without one, e.g. 调研报告); a combined heading (“存在的问题和下一步
                     打算”) provides every section it names; a closing section written as a
                     paragraph in the last half (“下一步，我们将……”, “工作中还存在一些不足：一是……”)
                     provides its role;
``order``            top-level sections stand in a different order from the profile; 体会/启示 may
                     stand before or after 存在的问题 (both orders are usual in 工作总结);
``gap``              numbering skips or goes back at one level (一、二、四 / （四）（六）（五）);
``repeat``           the same number twice in a row at one level (二、二、);
``restart``          numbering does not restart at 1 under a new parent — unless the report numbers
                     that level straight through on purpose (every later group continues, over
                     at least three groups, as State Council documents number （一）…（二十）);
``skip``             a level is skipped inconsistently (1. directly under one 一、 while other 一、
                     headings of the report have （一） under them); a skip used throughout is usual;
``mixed``            children of one heading use different numbering styles, or a deeper style
                     stands above a shallower one (1. then （一） under it);
``sep``              wrong punctuation after a numbering token (一. （一）、 1、 (GB/T 15834 B.3);
``width``            full-width and half-width brackets of one numbering style in one report ((一) and
                     （一）); the dot of 1./1． is left to NUM006 so one problem gives one finding;
``empty``            a heading with neither content nor sub-headings;
``long_heading``     a stand-alone heading longer than ``max`` characters;
``no_headings``      no headings at all in a report longer than ``min_chars`` characters.
"""
from __future__ import annotations

import re

from .. import numbering
from ..finding import Hit
from ..profiles import roles_in
from ._spec import Opt

DEFAULT_SCOPE = "document"
CHECKS = ("missing_section", "order", "gap", "repeat", "restart", "skip", "mixed", "sep", "width",
          "empty", "long_heading", "no_headings")
SUMMARY = "章节与序号检查"
OPTIONS = {
    "check": Opt(str, True, doc="哪项检查：" + "、".join(CHECKS)),
    "max": Opt(int, default=40, doc="标题最多几个字（long_heading）"),
    "min_chars": Opt(int, default=1500, doc="正文超过多少字才要求有小标题（no_headings）"),
    "min_named": Opt(int, default=2, doc="至少识别出几个章节才检查缺少的章节（missing_section）"),
}
_HIER = set(numbering.HIERARCHY)


def compile(rule):
    from ..errors import RuleFileError

    if rule.options["check"] not in CHECKS:
        raise RuleFileError(f"未知的结构检查“{rule.options['check']}”（可用：{'、'.join(CHECKS)}）。",
                            rule.path, "check")
    return _CHECKS[rule.options["check"]]


def run(rule, ctx, units):
    doc = ctx.doc
    return rule.compiled(rule, doc, ctx.profile)


def _numbered(doc):
    return [h for h in doc.headings if h.token is not None and h.token.style in _HIER]


def _top(doc):
    return [h for h in doc.headings if h.parent is None and h.style not in ("ordinal", "yishi")]




def _named_tops(doc):
    return [h for h in _top(doc) if h.role]


# A closing section written as a paragraph instead of under a heading that names it
# (“五、持续用力，推动……常态长效” + “下一步，我们将……”; “当然，工作中还存在一些不足：一是……”).
_TEXT_ROLES = (
    ("plan", re.compile(r"^(?:[^。；]{0,8}[，,])?(?:下一步|下步|下阶段|下一阶段|今后|接下来|明年|新的一年|新学期"
                        r"|(?:20\d\d|二〇[一二三四五六七八九〇]{2})年[^。]{0,6}(?:将|要|计划|打算))")),
    ("problem", re.compile(r"^[^。]{0,24}(?:存在(?:的|着)?(?:一些|以下|不少)?(?:问题|不足|短板|差距|困难)"
                           r"|不足之处|短板弱项|问题和不足|差距和不足|仍有差距|还有(?:一些)?差距)")),
)


def _roles_in_text(doc) -> set[str]:
    """Closing roles (问题、打算) whose content stands as a paragraph in the last half of the report."""
    found = set()
    paras = doc.content_paragraphs
    for p in paras[len(paras) // 2:]:
        body = p.body.lstrip()
        for role, rx in _TEXT_ROLES:
            if rx.match(body):
                found.add(role)
    return found


def _missing_section(rule, doc, prof):
    named = _named_tops(doc)
    if prof is None or len(named) < rule.options.get("min_named", 2):
        return
    roles = {h.role for h in doc.headings if h.role} | _roles_in_text(doc)
    for h in _top(doc):  # a combined heading (“存在的问题和下一步打算”) provides both sections
        if h.role:
            roles |= roles_in(h.text, prof)
    if any(h.role is None and h.style != "appendix" for h in _top(doc)):
        roles.add("practice" if prof.section("practice") else "background")
    for spec in prof.sections:
        if spec.required and spec.role not in roles:
            anchor = named[-1] if spec.role in ("plan", "problem", "insight") else named[0]
            yield Hit(anchor.start, anchor.end, {"section": spec.display, "profile": prof.name})


def _order(rule, doc, prof):
    if prof is None:
        return
    rank = {s.role: i for i, s in enumerate(prof.sections)}
    seen = []
    for h in _named_tops(doc):
        if h.role not in rank:
            continue
        later = [p for p in seen if rank[p.role] > rank[h.role] and {p.role, h.role} not in _EITHER_ORDER]
        if later:
            yield Hit(h.start, h.end, {"section": h.text, "before": later[0].text})
        seen.append(h)


_EITHER_ORDER = ({"insight", "problem"}, {"insight", "plan"})  # 体会 sections float among the closing ones


def _siblings(doc):
    """Groups of numbered headings sharing a parent and a style, in order."""
    groups: dict = {}
    for i, h in enumerate(doc.headings):
        if h.token is None or h.token.style not in _HIER:
            continue
        groups.setdefault((h.parent, h.token.style), []).append(h)
    return groups


def _gap(rule, doc, prof):
    for hs in _siblings(doc).values():
        last = hs[0].number  # the number the previous heading stands for
        for a, b in zip(hs, hs[1:]):
            if b.number == a.number:  # a repeat (STR004) was most likely meant as the next number
                last += 1
                continue
            # a jump forward, or back to anything but 1 (a new list under the same heading)
            if b.number > last + 1 or 1 < b.number < last:
                yield Hit(b.start, b.start + len(b.token.token),
                          {"prev": a.token.token, "expected": _render(a.token.style, last + 1)})
            last = b.number


def _repeat(rule, doc, prof):
    for hs in _siblings(doc).values():
        for a, b in zip(hs, hs[1:]):
            if b.number == a.number:
                yield Hit(b.start, b.start + len(b.token.token),
                          {"prev": a.token.token, "expected": _render(a.token.style, a.number + 1)})


def _restart(rule, doc, prof):
    by_style: dict = {}
    for (parent, style), hs in _siblings(doc).items():
        if parent is None:
            continue
        by_style.setdefault(style, []).append(hs)
    for style, groups in by_style.items():
        groups.sort(key=lambda hs: hs[0].start)
        if len(groups) >= 3 and all(g[0].number != 1 for g in groups[1:]):
            continue  # numbered straight through on purpose
        for prev, cur in zip(groups, groups[1:]):
            first = cur[0]
            if first.number != 1 and first.number == prev[-1].number + 1:
                yield Hit(first.start, first.start + len(first.token.token),
                          {"match": first.token.token, "expected": _render(style, 1)})


def _skip(rule, doc, prof):
    # Skipping a level (一、 straight to 1.) is usual 公文 practice; only a report that uses the
    # level under some headings of a style and skips it under others is inconsistent.
    kept: dict = {}  # parent style -> child styles it has directly
    for h in _numbered(doc):
        p = doc.headings[h.parent] if h.parent is not None else None
        if p is not None and p.token is not None and p.token.style in _HIER:
            kept.setdefault(p.token.style, set()).add(h.token.style)
    for h in _numbered(doc):
        if h.parent is None:
            continue
        p = doc.headings[h.parent]
        if p.token is None or p.token.style not in _HIER:
            continue
        pr, hr = numbering.RANK[p.token.style], numbering.RANK[h.token.style]
        missing = [s for s in numbering.HIERARCHY if pr < numbering.RANK[s] < hr]
        used = [s for s in missing if s in kept.get(p.token.style, ())]
        if used and _first_child(doc, h):
            yield Hit(h.start, h.start + len(h.token.token),
                      {"match": h.token.token, "parent": p.token.token,
                       "expected": numbering.STYLE_NAMES[used[0]]})


def _first_child(doc, h) -> bool:
    p = doc.headings[h.parent]
    kids = [doc.headings[c] for c in p.children if doc.headings[c].token is not None]
    return bool(kids) and kids[0] is h


def _mixed(rule, doc, prof):
    for i, h in enumerate(doc.headings):
        kids = [doc.headings[c] for c in h.children
                if doc.headings[c].token is not None and doc.headings[c].token.style in _HIER
                and doc.headings[c].style not in ("md", "word")]
        styles = []
        for k in kids:
            if k.token.style not in styles:
                if styles and numbering.RANK[k.token.style] < numbering.RANK[styles[0]]:
                    yield Hit(k.start, k.start + len(k.token.token),
                              {"match": k.token.token, "other": numbering.STYLE_NAMES[styles[0]]})
                styles.append(k.token.style)


def _sep(rule, doc, prof):
    for h in _numbered(doc):
        if h.style in ("md", "word"):
            continue
        t = h.token
        want = numbering.EXPECTED_SEP.get(t.style)
        if want is None:
            continue
        sep = t.sep.strip()
        ok = sep == want or (t.style == "arabic" and sep in (".", "．")) or (want == "" and sep == "")
        if t.style == "cn" and sep == " ":
            ok = False
        if not ok:
            expect = _render(t.style, t.value)
            yield Hit(h.start, h.start + len(t.token), {"match": t.token, "suggestion": expect})


def _width(rule, doc, prof):
    seen: dict = {}
    for h in _numbered(doc):
        t = h.token
        if t.style in ("cn_paren", "ar_paren"):  # 1. vs 1． is NUM006's (one problem, one finding)
            form = "full" if t.token.startswith("（") else "half"
            if t.token.endswith(("）", ")")) and t.token.endswith("）") != (form == "full"):
                continue  # (一） itself: a bracket pair of two widths, PU004's (one finding)
        else:
            form = None
        if form is None:
            continue
        key = t.style
        if key in seen and seen[key][0] != form:
            first = seen[key][1]
            yield Hit(h.start, h.start + len(t.token), {"match": t.token, "other": first.token.token},
                      related=(first.start,))
            seen[key] = (form, h)
        seen.setdefault(key, (form, h))


def _empty(rule, doc, prof):
    paras = doc.paragraphs
    for h in doc.headings:
        if h.runin or h.children or h.style in ("ordinal", "yishi"):
            continue
        nxt = paras[h.para + 1] if h.para + 1 < len(paras) else None
        if nxt is None or (nxt.heading is not None and doc.headings[nxt.heading].level <= h.level):
            yield Hit(h.start, h.end, {"heading": h.text})


def _long_heading(rule, doc, prof):
    limit = rule.options.get("max", 40)
    for h in doc.headings:
        if not h.runin and h.style not in ("ordinal", "yishi", "bold") and len(h.text) > limit:
            yield Hit(h.start, h.end, {"length": len(h.text), "max": limit})


def _no_headings(rule, doc, prof):
    n = sum(len(p.text) for p in doc.content_paragraphs)
    if not doc.headings and n > rule.options.get("min_chars", 1500) and doc.paragraphs:
        first = doc.paragraphs[doc.title if doc.title is not None else 0]
        yield Hit(first.start, first.end, {"chars": n})


def _render(style: str, n: int) -> str:
    cn = _cn(n)
    return {"cn": f"{cn}、", "cn_paren": f"（{cn}）", "arabic": f"{n}.", "ar_paren": f"（{n}）",
            "circled": numbering.CIRCLED[n - 1] if 0 < n <= 20 else str(n)}.get(style, str(n))


def _cn(n: int) -> str:
    d = "零一二三四五六七八九"
    if n < 10:
        return d[n]
    if n < 20:
        return "十" + (d[n - 10] if n > 10 else "")
    return d[n // 10] + "十" + (d[n % 10] if n % 10 else "")


_CHECKS = {"missing_section": _missing_section, "order": _order, "gap": _gap, "repeat": _repeat,
           "restart": _restart, "skip": _skip, "mixed": _mixed, "sep": _sep, "width": _width, "empty": _empty,
           "long_heading": _long_heading, "no_headings": _no_headings}
assert set(_CHECKS) == set(CHECKS)
