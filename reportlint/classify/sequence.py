"""Reading a report as a sequence: a context prior, transitions, and a posterior decoder.

Three scores meet here, all pure Python at prediction time:

- the **content** score (:mod:`.predict`): what the paragraph's own words say, blind to where it
  stands — kept apart because the CLS rules need exactly that (a paragraph whose content contradicts
  its heading);
- the **context prior**: a second linear model over everything but the paragraph's words — the words
  of the nearest headings (the innermost one and the top-level one), the section
  role the profile gives them, where it stands in the report and its section, and the report type
  when that was detected with confidence. Real headings name a role only a quarter of the time
  (一、坚持师德教育，促进……), so the prior is learned from heading *words*, not from a role table;
- **transitions** (log P(label | previous label) − log P(label), from the corpus): a paragraph
  usually has its neighbour's label; between ``other`` (title, greeting, signature, residue) and a
  content label the transition is 0, so such a line neither pulls nor is pulled by its neighbours.

They are combined as a product of experts, ``log P_content + w_context·log P_context`` per paragraph
plus ``w_trans·T`` between neighbours, and each paragraph takes its label of highest marginal
probability (forward–backward); the two weights are fitted on scores of
whole writers held out (a linear-chain CRF over the same inputs was tried and learned the corpus's
habits — role-named headings, document-level means — which do not carry to real reports).
:func:`label_paragraphs` returns, per content paragraph, the decoded label with its marginal
probability (forward–backward) and the content-only label with its probability.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .features import normalize

_HEAD_PUNCT = re.compile(r"[，。、；：:;,.！？!?“”‘’（）()《》\s\u3000—…·]+")


@dataclass(frozen=True, slots=True)
class ParaLabel:
    """The labels of one content paragraph."""

    index: int  # paragraph index in Document.paragraphs
    label: str  # decoded (sequence) label
    confidence: float  # its marginal probability under the decoder
    content_label: str  # content-only label (the paragraph's words alone)
    content_confidence: float


def _words(text: str) -> list[str]:
    from ..tokenize import cut

    t = normalize(_HEAD_PUNCT.sub(" ", text))
    return [w for w in cut(t) if w.strip()]


def heading_feature_set(doc, p) -> set[str]:
    """Features of the headings a paragraph stands under (never its own body)."""
    path = doc.section_path(p.section)
    feats: set[str] = set()
    if path:
        inner, top = path[-1], path[0]
        feats.update("hi:" + w for w in _words(inner.text))
        if top is not inner:
            feats.update("ht:" + w for w in _words(top.text))
        feats.add(f"hdepth:{min(len(path), 3)}")
    else:
        feats.add("h:none")
    role = doc.role_of(p)
    feats.add("hrole:" + (role or "none"))
    # a run-in title (（二）必须坚持…… + body) is the paragraph's own words: the content model reads it
    return feats


def sequence_items(doc) -> list:
    """The paragraphs the tagger labels, in order: every paragraph with body text (stand-alone
    headings, the title and the subtitle are not content)."""
    return doc.content_paragraphs


def position_attributes(doc, items) -> list[dict[str, float]]:
    """Position of each item in the report and in its section, as context features."""
    n = len(items)
    out = []
    tops = [h for h in doc.headings if h.parent is None]
    top_index = {id(h): i for i, h in enumerate(tops)}
    for i, p in enumerate(items):
        a = {"bias": 1.0, f"pos:{min(4, 5 * i // max(n, 1))}": 1.0}
        if i == 0:
            a["doc_first"] = 1.0
        if i == n - 1:
            a["doc_last"] = 1.0
        prev = items[i - 1] if i else None
        if prev is None or prev.section != p.section:
            a["sec_first"] = 1.0
        nxt = items[i + 1] if i + 1 < n else None
        if nxt is None or nxt.section != p.section:
            a["sec_last"] = 1.0
        path = doc.section_path(p.section)
        if path:
            ti = top_index.get(id(path[0]))
            if ti is not None and tops:
                a[f"sec_pos:{min(3, 4 * ti // len(tops))}"] = 1.0
                if ti == len(tops) - 1:
                    a["sec_lasttop"] = 1.0
        else:
            a["sec:none"] = 1.0
        role = doc.role_of(p)
        if role:
            a["role:" + role] = 1.0
        # no feature for "has a run-in title": the corpus numbers its plans (一是…, （一）…) far more
        # than its other sections, real reports number everything (measured: +0.02 on real text)
        a[f"len:{_len_bin(len(p.body))}"] = 1.0
        out.append(a)
    return out


def _len_bin(n: int) -> str:
    return "xs" if n < 20 else "s" if n < 60 else "m" if n < 150 else "l" if n < 350 else "xl"


def context_feature_set(doc, p, position: dict[str, float], genre: str | None) -> set[str]:
    """Everything about a paragraph except its own words: the headings it stands under, where it
    stands, and the report's type when that is known."""
    feats = heading_feature_set(doc, p)
    feats.update(k for k in position if k != "bias")
    # where a paragraph stands means little without what its heading says: the last section of a
    # report is its plan only when it is headed as one (下一步打算), not under a content heading
    role = "role:" + (doc.role_of(p) or "none")
    feats.update(role + "|" + k for k in position if k.startswith(("pos:", "sec_pos:", "sec_lasttop", "doc_last")))
    if genre:
        g = "genre:" + genre
        feats.add(g)
        feats.update(g + "|" + k for k in position if k.startswith(("pos:", "sec_pos:", "doc_")))
    return feats


def decode(content: list[dict[str, float]], context: list[dict[str, float]], dec: dict) -> list[tuple[str, float]]:
    """Per paragraph, the label of highest marginal probability under ``log P_content + w_ctx·log P_context``
    plus ``w_trans·T`` between neighbours (a product of experts with transitions, weights fitted on held-out
    corpus writers), with that marginal. Posterior decoding, not the single best path (Viterbi): each
    paragraph's own expected accuracy is what is scored, and one doubtful paragraph cannot drag a run of
    its neighbours along (measured on real reports: macro-F1 0.669 → 0.686, corpus unchanged)."""
    labels = dec["labels"]
    wc, wt = dec["w_context"], dec["w_trans"]
    floor = 1e-6
    emit = [[math.log(max(c.get(lab, 0.0), floor)) + wc * math.log(max(x.get(lab, 0.0), floor))
             for lab in labels] for c, x in zip(content, context)]
    trans = [[wt * v for v in row] for row in dec["transitions"]]
    out = []
    for m in marginals(emit, trans):
        j = max(range(len(labels)), key=m.__getitem__)
        out.append((labels[j], m[j]))
    return out


def _logsumexp(xs) -> float:
    m = max(xs)
    return m + math.log(sum(math.exp(x - m) for x in xs))


def marginals(emit: list[list[float]], trans: list[list[float]]) -> list[list[float]]:
    """Per-item label marginals by forward–backward (log space)."""
    if not emit:
        return []
    n = len(emit[0])
    fwd = [list(emit[0])]
    for e in emit[1:]:
        prev = fwd[-1]
        fwd.append([e[j] + _logsumexp([prev[i] + trans[i][j] for i in range(n)]) for j in range(n)])
    bwd = [[0.0] * n]
    for e in reversed(emit[1:]):
        nxt = bwd[0]
        bwd.insert(0, [_logsumexp([trans[i][j] + e[j] + nxt[j] for j in range(n)]) for i in range(n)])
    z = _logsumexp(fwd[-1])
    return [[math.exp(f + b - z) for f, b in zip(fr, br)] for fr, br in zip(fwd, bwd)]


def label_paragraphs(doc, model) -> list[ParaLabel]:
    """Decode a document: content label, context prior and transitions together."""
    from .features import paragraph_text
    from .linear import softmax_scores
    from .scoring import content_probs

    items = sequence_items(doc)
    if not items:
        return []
    content = content_probs([paragraph_text(p) for p in items], model)
    dec = model.get("decoder") if hasattr(model, "get") else None
    cmodel = model.get("context") if hasattr(model, "get") else None
    if not dec or not cmodel:  # a content-only model (older format): no decoding
        return [ParaLabel(p.index, *_best(c), *_best(c)) for p, c in zip(items, content)]
    genre = doc_genre(doc)
    context = [softmax_scores(context_feature_set(doc, p, pos, genre), cmodel)
               for p, pos in zip(items, position_attributes(doc, items))]
    out = []
    for p, c, (lab, conf) in zip(items, content, decode(content, context, dec)):
        out.append(ParaLabel(p.index, lab, conf, *_best(c)))
    return out


GENRE_MIN_CONFIDENCE = 0.6


def doc_genre(doc) -> str | None:
    """The report type as a context feature, only when it was detected with real confidence."""
    if doc.profile and doc.profile_confidence >= GENRE_MIN_CONFIDENCE:
        return doc.profile
    return None


def _best(probs: dict[str, float]) -> tuple[str, float]:
    lab = max(probs, key=probs.get)
    return lab, probs[lab]
