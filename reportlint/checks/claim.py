"""Kind ``claim``: an evaluative phrase with no figure in its sentence or the neighbouring ones.

Options:
  ``words`` (required): the evaluative phrases (成效显著、大幅提升 …), matched literally.
  ``evidence`` (required): a regular expression for what counts as a figure
  (digits, 百分之, 翻一番 …).
  ``window``: how many sentences before and after also count (default 1); the window
  does not cross a heading.
  ``skip``: sentences matching this are not claims (plans and targets: 力争、确保 …).
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
from ._util import excepted, word_list
from .phrase import Matcher
from ._spec import Opt

SUMMARY = "“成效显著”等评价，本句和前后句都没有数字时报告"
OPTIONS = {
    "words": Opt(list, True, doc="评价用语"),
    "evidence": Opt(str, True, doc="什么算数据（正则）"),
    "window": Opt(int, default=1, doc="前后各看几句"),
    "skip": Opt(str, doc="句中有这些文字（正则）时不报告"),
}
DEFAULT_SCOPE = "paragraph"


def compile(rule):
    words = word_list(rule, rule.options["words"])
    skip = rule.options.get("skip")
    return (Matcher(words), compile_user_regex(rule.options["evidence"], rule.path, "evidence"),
            compile_user_regex(skip, rule.path, "skip") if skip else None)


def run(rule, ctx, units):
    doc = ctx.doc
    matcher, evidence, skip = rule.compiled
    window = max(0, rule.options.get("window", 1))
    if not any(next(matcher.finditer(p.text), None) for p in doc.content_paragraphs):
        return
    sents = [(p.section, s) for p, ss in ctx.content_sentences() for s in ss]
    has_fig = [None] * len(sents)

    def fig(j):
        if has_fig[j] is None:
            has_fig[j] = evidence.search(sents[j][1].text) is not None
        return has_fig[j]

    for i, (sec, s) in enumerate(sents):
        for a, b, w in matcher.finditer(s.text):
            if rule.exceptions and excepted(rule, s.text, s.start, s.start + a, s.start + b):
                continue
            if skip is not None and skip.search(s.text):
                break
            lo, hi = max(0, i - window), min(len(sents), i + window + 1)
            if any(fig(j) for j in range(lo, hi) if sents[j][0] == sec):
                break
            yield Hit(s.start + a, s.start + b, {"match": w})
            break
