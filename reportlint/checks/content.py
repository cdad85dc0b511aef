"""Kind ``content``: paragraph content against the section it stands under (uses the classifier).

Option ``check``:

``misplaced``       a paragraph whose predicted label (confidence ≥ ``min_confidence``, a
                    percentage) is not among the labels its section expects, in a section whose other
                    paragraphs (at least ``min_agree``) confidently are what the heading says; a body
                    shorter than ``min_chars`` word characters (default 20) is too little text to
                    judge — often a one-line sub-heading such as “（五）抓评价，推动学校特色发展。”;
``no_figure``       an outcome section none of whose paragraphs carries a concrete figure
                    (number, percentage, rank, award);
``missing_label``   a section of at least ``min_paragraphs`` paragraphs, every one confidently something
                    else, whose expected label never appears (e.g. a 成效 section that only lists
                    activities).

Only sections whose heading *names* their role are judged (“三、存在的问题”, “（二）主要成效”): a
content heading that merely contains a role word (“队伍建设卓有成效”, “直面问题短板，提升……”,
“……积累的经验弥足珍贵”) says what the work was, not what kind of text must follow — measured on real
reports, every finding under such headings was a false alarm. The classifier is loaded only when one
of these rules runs.
"""
from __future__ import annotations

import re

from ..finding import Hit
from ..vocab import LABEL_ZH
from ._spec import Opt

DEFAULT_SCOPE = "section"
CHECKS = ("misplaced", "no_figure", "missing_label")
SUMMARY = "段落内容与所在章节是否相符（用段落分类器）"
OPTIONS = {
    "check": Opt(str, True, doc="哪项检查：" + "、".join(CHECKS)),
    "min_confidence": Opt(int, default=70, doc="分类把握（%）至少多少才报告（misplaced）"),
    "min_paragraphs": Opt(int, default=2, doc="章节至少几段才检查缺少的内容（missing_label）"),
    "min_chars": Opt(int, default=20, doc="段落至少多少字才检查（misplaced）"),
    "min_agree": Opt(int, default=2, doc="同一章节里至少几段其他段落明确符合标题，才报告放错的段落（misplaced）"),
}
AGREE_CONFIDENCE = 0.6  # a paragraph "confidently" has its label at this probability or more
ROLE_LABELS = {"background": ("background",), "practice": ("practice", "outcome"),
               "outcome": ("outcome",), "insight": ("insight",), "problem": ("problem",),
               "plan": ("plan", "problem"), "suggestion": ("plan", "insight"), "politics": ("practice", "insight"),
               "integrity": ("practice", "insight"), "findings": ("outcome", "problem", "insight")}
FIGURE = re.compile(r"[0-9０-９]|[一二三四五六七八九十百千万两]+(?:个|项|次|人|家|所|名|成|倍|批)|第[一二三四五六七八九十]"
                    r"|获评|荣获|被评为|授予|表彰|先进|示范|排名|位居|满分|全覆盖|零发生|零事故")

_WORD = re.compile(r"\w")


def compile(rule):
    from ..errors import RuleFileError

    if rule.options["check"] not in CHECKS:
        raise RuleFileError(f"未知的内容检查“{rule.options['check']}”（可用：{'、'.join(CHECKS)}）。",
                            rule.path, "check")
    return rule.options["check"]


def expected(prof, role: str) -> tuple[str, ...]:
    """The labels a section of ``role`` should hold under profile ``prof`` (or the generic ones)."""
    spec = prof.section(role) if prof else None
    if spec is not None and spec.labels:
        return spec.labels
    return ROLE_LABELS.get(role, ())


def _sections(doc, prof):
    """(heading, role, [content paragraphs]) for every heading that names its role; a paragraph
    belongs to the innermost heading above it that has a role (when that one names it)."""
    from ..profiles import names_role

    named = [h for h in doc.headings if h.role and names_role(h.text, h.role, prof)]
    paras: dict[int, list] = {id(h): [] for h in named}
    for p in doc.paragraphs:
        if p.is_heading_only or p.table or p.index in (doc.title, doc.subtitle):
            continue
        own = next((c for c in reversed(doc.section_path(p.section)) if c.role), None)
        if own is not None and id(own) in paras:
            paras[id(own)].append(p)
    return [(h, h.role, paras[id(h)]) for h in named]


def run(rule, ctx, units):
    doc, prof = ctx.doc, ctx.profile
    # the sections are the same for every CLS rule: found once per document
    sections = ctx.shared("content.sections", lambda: _sections(doc, prof))
    check = rule.compiled
    if check == "no_figure":  # figures are read from the text: no labels needed
        yield from _no_figure(sections)
        return
    ctx.labelled_paragraphs()  # the labeller the engine was given; paragraphs carry label, confidence
    if check == "misplaced":
        yield from _misplaced(rule, sections, prof)
    else:
        yield from _missing_label(rule, sections, prof)


def _fits(p, want) -> bool:
    return p.label in want and p.confidence >= AGREE_CONFIDENCE


def _misplaced(rule, sections, prof):
    floor = rule.options.get("min_confidence", 70) / 100
    shortest = rule.options.get("min_chars", 20)
    agree = rule.options.get("min_agree", 2)
    for h, role, paras in sections:
        want = expected(prof, role)
        if not want or sum(1 for p in paras if _fits(p, want)) < agree:
            continue
        for p in paras:
            if p.label is None or p.label == "other" or p.label in want or p.confidence < floor:
                continue
            if len(_WORD.findall(p.body)) < shortest:
                continue
            s = p.body_start if p.body_start is not None else p.start
            yield Hit(s, p.end, {"label": LABEL_ZH[p.label], "confidence": f"{p.confidence:.0%}",
                                 "section": h.text, "expected": "、".join(LABEL_ZH[x] for x in want)},
                      related=(h.start,))


def _no_figure(sections):
    for h, role, paras in sections:
        if role != "outcome" or not paras:
            continue
        if not any(FIGURE.search(p.body) for p in paras):
            yield Hit(h.start, h.end, {"section": h.text})


def _missing_label(rule, sections, prof):
    need = rule.options.get("min_paragraphs", 2)
    for h, role, paras in sections:
        want = expected(prof, role)
        if not want or len(paras) < need:
            continue
        labels = {p.label for p in paras}
        sure = all(p.confidence >= AGREE_CONFIDENCE for p in paras)
        if sure and not labels & set(want):
            yield Hit(h.start, h.end, {"section": h.text, "expected": "、".join(LABEL_ZH[x] for x in want),
                                       "found": "、".join(sorted(LABEL_ZH[x] for x in labels if x))})
