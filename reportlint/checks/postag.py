"""Kind ``postag``: a word between a listed left word and a next word of a given part of speech.

Made for 的/地/得: “有效的掌握了” (adverbial 的 before a verb → 地). The text is searched
first for ``left`` + ``target`` (a plain regular expression, so most paragraphs never
reach the tokenizer); only paragraphs with a candidate are tagged, with jieba's
part-of-speech tags (:func:`reportlint.tokenize.pos`), once per paragraph.

Options:
  ``target`` (required): the word in question (``的``).
  ``left`` (required): words that may stand right before it (有效、认真、积极 …); the
  left word must start a token (“很好的” yes, the tail of a longer word no).
  ``right_pos`` (required): tags the next word must have (``[v]``: a verb).
  ``replace`` (required): the suggestion (``地``).
  ``aspect_pos``: tags that also count, but only when the next word is followed by
  了/着/过 (jieba tags some verbs ``vn`` or ``a``: “充分的调动了”).
  ``then_not_pos``: tags of the word after the next word that make the phrase a noun
  phrase (``x`` punctuation as in “群众积极的参与。”, ``f`` as in “在……的推动下”,
  ``c`` as in “不断的探索和实践”).
  ``not_before``: words that, right before the left word, make the phrase a noun phrase
  (经过、进行、得到 … as in “进行认真的研究”).
  ``not_next``: next words that are nouns however tagged (作用、态度 …).
  ``then_not_words``: words after the next word that make the two a noun compound
  (措施、机制 … as in “有效的改善措施”).
Holes: ``{match}`` (the target), ``{suggestion}``, ``{left}``, ``{word}`` (the next word).

Example (fires on “较好的践行了”, passes on “进行了认真的研究”)::

    kind: postag
    target: 的
    left: [较好, 认真]
    right_pos: [v]
    replace: 地
"""
from __future__ import annotations

import re

from ..errors import RuleFileError
from ..finding import Fix, Hit
from ._spec import Opt
from ._util import excepted

SUMMARY = "借助分词和词性判断的“的/地”误用"
OPTIONS = {
    "target": Opt(str, True, doc="要判断的字（如 的）"),
    "left": Opt(list, True, doc="可紧挨在它前面的词"),
    "right_pos": Opt(list, True, doc="后一个词须有的词性（如 v）"),
    "replace": Opt(str, True, doc="建议改为（如 地）"),
    "aspect_pos": Opt(list, doc="后一个词再接了/着/过时也算的词性"),
    "then_not_pos": Opt(list, doc="再后一个词是这些词性时不报告"),
    "not_before": Opt(list, doc="前面紧挨这些词时不报告"),
    "not_next": Opt(list, doc="后一个词是这些词时不报告"),
    "then_not_words": Opt(list, doc="再后一个词是这些词时不报告"),
}
DEFAULT_SCOPE = "paragraph"
_ASPECT = {"了", "着", "过"}


def compile(rule):
    o = rule.options
    for key in ("left", "right_pos", "aspect_pos", "then_not_pos", "not_before", "not_next", "then_not_words"):
        for i, w in enumerate(o.get(key) or []):
            if not isinstance(w, str) or not w.strip():
                raise RuleFileError("列表中有空项或非文本项。", rule.path, f"{key}[{i}]")
    if not o["target"]:
        raise RuleFileError("不能为空。", rule.path, "target")
    left = sorted(set(o["left"]), key=lambda w: (-len(w), w))
    cand = re.compile(f"({'|'.join(map(re.escape, left))})({re.escape(o['target'])})")
    nb = o.get("not_before") or []
    not_before = re.compile(f"(?:{'|'.join(map(re.escape, nb))})$") if nb else None
    return (cand, set(o["right_pos"]), set(o.get("aspect_pos") or ()), set(o.get("then_not_pos") or ()),
            not_before, set(o.get("not_next") or ()), set(o.get("then_not_words") or ()))


def run(rule, ctx, units):
    cand, tags, aspect, then_not, not_before, not_next, then_not_words = rule.compiled
    repl = rule.options["replace"]
    for base, text in units:
        for m in cand.finditer(text):
            ts, te = m.span(2)
            if not_before is not None and not_before.search(text, 0, m.start(1)):
                continue
            tok = ctx.tagged(base, text)
            if tok is None:
                break
            here, nxt = tok.get(ts), tok.get(te)
            if here is None or here[0] != m.group(2) or nxt is None or m.start(1) not in tok:
                continue
            word, tag, nend = nxt
            then = tok.get(nend)
            if word in not_next:
                continue
            if tag not in tags and not (tag in aspect and then is not None and then[0] in _ASPECT):
                continue
            if (then[1] if then is not None else "x") in then_not:  # end of text counts as punctuation
                continue
            if then is not None and then[0] in then_not_words:
                continue
            s, e = base + ts, base + te
            if rule.exceptions and excepted(rule, text, base, s, e):
                continue
            fix = Fix(s, e, repl) if rule.fixable else None
            yield Hit(s, e, {"match": m.group(2), "suggestion": repl, "left": m.group(1), "word": word}, fix)
