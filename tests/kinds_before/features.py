"""Paragraph features, pure Python (shared by training and prediction).

Content only: the paragraph's own text (:func:`paragraph_text`: its run-in title included, which
states what the paragraph is — 必须坚持…… opens a lesson, ……更加…… a result) — never the heading it
stands under — so a paragraph under the wrong section is still recognised.
Features: jieba words and word bigrams, character 1–3-grams with digits folded to ``0``,
and a few cue features that carry across domains (figures and units, future markers,
modality, shortfall words, openers, length).
"""
from __future__ import annotations

import re

from reportlint.classify.linear import CUE_PREFIX, weighted
from reportlint.outline import DATE_LINE

_DIGITS = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?")
_SPACE = re.compile(r"[\s\u3000]+")
_ENUM = re.compile(r"^(?:[（(]?[一二三四五六七八九十0-9０-９]{1,2}[）)、.．]|[①-⑳]|第[一二三四五六七八九十]+[，、]|[一二三四五六七八九十]是)")
CUES = {
    # 三成、二成以上 (a share), never the 成 of 成立/形成/成效
    "fig_pct": re.compile(r"[0-9０-９][%％]|百分点|(?<=[一二三四五六七八九两0-9０-９])成(?![立为功绩效果员本熟长就])"),
    "fig_num": re.compile(r"[0-9０-９]"),
    "fig_unit": re.compile(r"[0-9０-９.]+\s*(?:万|亿|千)?(?:元|人次|人|户|个|件|次|家|所|项|条|名|场|起|吨|亩|公里|天|小时|分)"),
    "cmp": re.compile(r"同比|环比|较去年|较上年|比上年|增长|下降|提高了?|提升了?|减少了?|缩短|翻了"),
    "rank": re.compile(r"排名|位居|第[一二三]名|获评|荣获|被评为|授予|表彰|满意度|完成率|达标率|覆盖率"),
    # a future time frame; not 确保/力争/计划 alone, which real reports use in a third of what was done
    "future": re.compile(r"下一步|下步|下半年|下阶段|下一阶段|明年|今后|新的一年|将(?=进一步|继续|着力|重点|全面|加快|加大|持续|不断|深入|切实|努力|大力|积极|逐步|围绕|以|在|于|按照|把|会|要)|20(?:2[7-9]|3\d)年"),
    "modal": re.compile(r"必须|关键在于|只有.{0,20}才|始终|要坚持|要把|启示|体会|经验表明|实践证明|深刻认识到|根本在于|前提|基础在于|离不开"),
    "short": re.compile(r"不够|不足|有待|短板|薄弱|不平衡|不充分|滞后|欠缺|偏低|偏弱|仍存在|还存在|仍然存在|尚未|难以|不到位|问题"),
    "bg": re.compile(r"现有|下设|共有|辖区|总面积|常住人口|成立于|承担|位于|职工|在编|党员\d|占地"),
    "act": re.compile(r"开展|组织|建立|推行|实施|落实|坚持|完善|制定|召开|举办|推进|强化|健全|印发|出台|探索"),
    "first_person": re.compile(r"本人|我自|我始终|我坚持|我主动"),
    "formula": re.compile(r"汇报如下|报告如下|总结如下|各位领导|尊敬的|谢谢大家|此致|敬礼|^[^，。]{0,20}[：:]$"),
    "date_line": DATE_LINE,  # the outline's date line (落款日期)
    # a superior's words relayed (……指出，/……强调，/重要讲话): the paragraph frames the work (background)
    "relay": re.compile(r"(?:总书记|书记|主席|总理|中央|省委|市委|县委|区委|党委|党组|上级|会议|文件|通知|讲话|领导|部门"
                        r"|指导组|教育局|省厅|厅)[^。；！？]{0,15}?(?:指出|强调|要求|提出|明确|指示|批示)[，：:“]"
                        r"|重要(?:讲话|论述|指示|批示)"),
    # a turn to shortfalls (当然……问题, 同时也要看到……差距): a problem paragraph, whatever 必须 it holds
    "turn": re.compile(r"(?:当然|但是|但|同时|然而|不过|也要|也应|清醒)[^。；]{0,30}?(?:问题|不足|差距|短板|薄弱|困难|挑战)"),
}
def paragraph_text(p) -> str:
    """What the content model reads of a paragraph: its whole text, run-in title and body (measured
    on real reports, with the title's words dropped from the context prior: macro-F1 +0.006, insight
    +0.04, corpus CV unchanged)."""
    return p.text


def _cut(text: str) -> list[str]:
    from reportlint.tokenize import cut

    return cut(text)


def normalize(text: str) -> str:
    return _DIGITS.sub("0", _SPACE.sub("", text))


_NO_PERIOD = re.compile(r"[。；！？]")
_WILL = re.compile(r"将(?:进一步|继续|着力|重点|全面|加快|加大|持续|不断|深入|切实|努力|大力|积极|逐步|围绕|以|在|于|按照|会|要|[^，。；]{0,2}$)")


def _offsets(text: str, words: list[str]) -> list[int]:
    """Start offset of each token in ``text`` (tokens are in order; whitespace tokens removed)."""
    out, pos = [], 0
    for w in words:
        i = text.find(w, pos)
        if i < 0:
            i = pos
        out.append(i)
        pos = i + len(w)
    return out
_CUE_SEARCH = [(CUE_PREFIX + name, rx.search) for name, rx in CUES.items()]
# every cue feature feature_set can give (the only features that start with CUE_PREFIX)
_NO_PERIOD_CUE = CUE_PREFIX + "no_period"
CUE_FEATURES = frozenset([name for name, _ in _CUE_SEARCH] + [_NO_PERIOD_CUE])


def _length(n: int) -> str:
    return "len:" + ("xs" if n < 15 else "s" if n < 40 else "m" if n < 120 else "l" if n < 300 else "xl")


def feature_set(text: str, chars: bool = True) -> set[str]:
    """The (binary) features of ``text``: :func:`featurize` gives them their values.
    ``chars=False``: all but the character n-grams (``c1:``–``c3:`` over ``normalize(text.strip())``),
    which :mod:`.batched` computes for many paragraphs at once."""
    raw = text.strip()
    t = normalize(raw)
    words = [w for w in _cut(t) if w.strip()]
    # 将 before a verb phrase is the future (将进一步……); before an object it is the preposition of
    # what was done (将……纳入考核): two different features
    if "将" in words:  # the offsets are needed for 将 only
        words = ["将·把" if w == "将" and not _WILL.match(t, i) else w
                 for w, i in zip(words, _offsets(t, words))]
    feats = {"w:" + w for w in words}
    feats.update(["b:" + a + "|" + b for a, b in zip(words, words[1:])])
    if chars:
        feats.update(["c1:" + c for c in t])
        feats.update(["c2:" + t[i:i + 2] for i in range(len(t) - 1)])
        feats.update(["c3:" + t[i:i + 3] for i in range(len(t) - 2)])
    head = _ENUM.sub("", t)[:4]
    if head:
        feats.add("open2:" + head[:2])
        feats.add("open4:" + head)
    feats.update([name for name, search in _CUE_SEARCH if search(raw)])
    feats.add(_length(len(raw)))
    if not _NO_PERIOD.search(raw):
        feats.add(_NO_PERIOD_CUE)
    return feats


def featurize(text: str) -> dict[str, float]:
    """Sparse features of ``text`` with their values (:func:`weighted`)."""
    return weighted(feature_set(text))
