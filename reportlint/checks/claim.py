"""Kind ``claim``: an evaluative phrase with no figure in its sentence or the neighbouring ones.

Options:
  ``words`` (required): the evaluative phrases (成效显著、大幅提升 …), matched literally.
  ``evidence`` (required): a regular expression for what counts as a figure
  (digits, 百分之, 翻一番 …).
  ``window``: how many sentences before and after also count (default 1); the window
  does not cross a heading.
  ``skip``: sentences matching this are not claims (plans and targets: 力争、确保 …).
  ``support``: ``window`` (default: the sentences of ``window``) or ``section``: any sentence of
  the whole section the claim stands in (every paragraph under its innermost heading, run-in
  headings included; the text before the first heading is one section) counts as support. A
  sibling sub-section's figures are about something else and do not count.
  ``skip_sections``: a regular expression; no claim is reported under a heading whose text matches
  (结语、结束语: a closing summary restates what the report has shown).
  ``skip_openers``: a regular expression matched at the start of a paragraph's body; such
  paragraphs (总之、回望过去 …) sum up and are not checked.
One hit per sentence, on its first evaluative phrase. ``exceptions`` (matched
within the sentence) drop negated uses such as “不明显”.

Example (fires on “服务水平大幅提升。”, passes on “办结率大幅提升至99.1%。”)::

    kind: claim
    words: [大幅提升, 成效显著]
    evidence: '[0-9０-９]'
"""
from __future__ import annotations

from ..finding import Hit
from ..safe_regex import compile_user_regex
from ._util import excepted, optional_regex, word_list
from .phrase import Matcher
from ._spec import Opt

SUMMARY = "“成效显著”等评价，本句和前后句都没有数字时报告"
OPTIONS = {
    "words": Opt(list, True, doc="评价用语"),
    "evidence": Opt(str, True, doc="什么算数据（正则）"),
    "window": Opt(int, default=1, doc="前后各看几句"),
    "skip": Opt(str, doc="句中有这些文字（正则）时不报告"),
    "support": Opt(str, default="window", doc="到哪里找数据：window（前后几句）或 section（所在小节的全部段落）"),
    "skip_sections": Opt(str, doc="标题符合这个正则的章节（如结语）不检查"),
    "skip_openers": Opt(str, doc="段首符合这个正则的段落（如“总之”“回望过去”）不检查"),
}
DEFAULT_SCOPE = "paragraph"


def compile(rule):
    from ..errors import RuleFileError

    words = word_list(rule, rule.options["words"])
    if rule.options.get("support", "window") not in ("window", "section"):
        raise RuleFileError("只能是 window 或 section。", rule.path, "support")
    opt = {k: optional_regex(rule, k) for k in ("skip", "skip_sections", "skip_openers")}
    return (Matcher(words), compile_user_regex(rule.options["evidence"], rule.path, "evidence"),
            opt["skip"], opt["skip_sections"], opt["skip_openers"])


def _under(doc, p, pattern) -> bool:
    h = p.section
    while h is not None:
        if pattern.search(doc.headings[h].text):
            return True
        h = doc.headings[h].parent
    return False


def run(rule, ctx, units):
    doc = ctx.doc
    matcher, evidence, skip, skip_sections, skip_openers = rule.compiled
    window = max(0, rule.options.get("window", 1))
    by_section = rule.options.get("support", "window") == "section"
    if not matcher.contains(doc.text):
        return  # (headings too: a phrase found only there finds nothing below)
    paras = [p for p, ss in ctx.content_sentences() for s in ss]
    sents = [(p.section, s) for p, ss in ctx.content_sentences() for s in ss]
    has_fig = [None] * len(sents)
    supported: dict = {}

    def chapter_has_fig(sec) -> bool:
        if sec not in supported:
            supported[sec] = any(fig(j) for j in range(len(sents)) if sents[j][0] == sec)
        return supported[sec]

    def fig(j):
        if has_fig[j] is None:
            has_fig[j] = evidence.search(sents[j][1].text) is not None
        return has_fig[j]

    has_claim: dict = {}  # paragraph index -> whether it holds a phrase at all
    for i, (sec, s) in enumerate(sents):
        p = paras[i]
        if p.index not in has_claim:
            has_claim[p.index] = matcher.contains(p.text)
        if not has_claim[p.index]:
            continue  # none of its sentences has a phrase to report
        if skip_sections is not None and _under(doc, p, skip_sections):
            continue
        if skip_openers is not None and skip_openers.match(p.body.lstrip(" \t\u3000")):
            continue
        for a, b, w in matcher.finditer(s.text):
            if rule.exceptions and excepted(rule, s.text, s.start, s.start + a, s.start + b):
                continue
            if skip is not None and skip.search(s.text):
                break
            lo, hi = max(0, i - window), min(len(sents), i + window + 1)
            if any(fig(j) for j in range(lo, hi) if sents[j][0] == sec):
                break
            if by_section and chapter_has_fig(sec):
                break
            yield Hit(s.start + a, s.start + b, {"match": w})
            break
