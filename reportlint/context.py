"""The per-document analysis context that check kinds read.

One :class:`Analysis` per checked document, made by the engine: the document, its profile, the
text units each scope names, the content sentences, part-of-speech tags, paragraph labels and
whatever several rules of a kind share (:meth:`Analysis.shared`) — each computed once, on first
use, and kept here rather than on the document. The tokenizer and
the paragraph labeller are handed in (``tokenizer(text) -> [(word, tag)]``,
``labeller(doc)``, and the dictionary behind the tokenizer as ``word_freq(word) -> int``); by default they are reportlint's own, imported only when a rule first asks,
so a run without part-of-speech or classifier rules never loads them. Check kinds only read:
they never write onto the document, and never import the tokenizer or the classifier.
"""
from __future__ import annotations

from typing import Callable


def _default_tokenizer(text: str):
    from . import tokenize

    return tokenize.pos(text)


def _default_word_freq():
    from . import tokenize

    return tokenize.word_freq_function()


def _default_word_filter():
    from . import tokenize

    return tokenize.word_filter()


def _default_alike_filter(groups):
    from . import tokenize

    return tokenize.alike_filter(groups)


def _default_labeller(doc) -> None:
    from .classify.predict import tag_document

    tag_document(doc)


class Analysis:
    """Everything a check kind may look at for one document (read-only for the kinds)."""

    def __init__(self, doc, *, tokenizer: Callable | None = None, labeller: Callable | None = None,
                 word_freq: Callable | None = None):
        self.doc = doc
        self.profile = doc.__dict__.get("_profile_obj")  # the report type's Profile (set by the outline)
        self._tokenizer = tokenizer or _default_tokenizer
        self._labeller = labeller or _default_labeller
        self._word_freq = word_freq  # made from the tokenizer on first use when not given
        self._given_freq = word_freq
        self._freq: dict[str, int] = {}
        self._units: dict[str, list] = {}
        self._sentences = None
        self._pos: dict[int, dict | None] = {}
        self._labelled = False
        self._shared: dict = {}

    # ---------------------------------------------------------------- text units
    def units(self, scope: str) -> list[tuple[int, str]]:
        """The (base offset, text) pieces a rule's scope names."""
        out = self._units.get(scope)
        if out is None:
            out = self._units[scope] = _units(self.doc, scope)
        return out

    def content_sentences(self):
        """[(paragraph, [Sentence, …])] for the document's content paragraphs."""
        if self._sentences is None:
            self._sentences = [(p, self.doc.sentences(p)) for p in self.doc.content_paragraphs]
        return self._sentences

    def shared(self, key: str, compute: Callable):
        """``compute()`` once per document, shared by every rule that asks for ``key`` (e.g. the
        role-named sections all three CLS rules judge). ``compute`` must depend on the document and
        its profile only, never on a rule's options."""
        try:
            return self._shared[key]
        except KeyError:
            value = self._shared[key] = compute()
            return value

    # ---------------------------------------------------------------- tokens and labels
    def tagged(self, base: int, text: str):
        """{start offset within text: (word, tag, end)} for the unit at ``base``; None when the
        tokens do not cover the text exactly."""
        if base not in self._pos:
            out, i = {}, 0
            for w, t in self._tokenizer(text):
                j = i + len(w)
                out[i] = (w, t, j)
                i = j
            self._pos[base] = out if i == len(text) else None
        return self._pos[base]

    def word_freq(self, word: str) -> int:
        """How often ``word`` occurs in the tokenizer's dictionary (0: not a word of it)."""
        f = self._freq.get(word)
        if f is None:
            if self._word_freq is None:
                self._word_freq = _default_word_freq()
            f = self._freq[word] = self._word_freq(word)
        return f

    def word_freq_lookup(self) -> Callable[[str], int]:
        """:meth:`word_freq` without the per-document memo, for a kind that tries thousands of
        candidate words once each (WD009)."""
        if self._word_freq is None:
            self._word_freq = _default_word_freq()
        return self._word_freq

    @property
    def standard_dictionary(self) -> bool:
        """Whether the word figures are the process's own tokenizer dictionary (no ``word_freq``
        handed in): a kind may then memoise what it derives from them across documents."""
        return self._given_freq is None

    def word_filter(self):
        """A set of integers: ``hash(word) not in`` it means ``word`` (three or more characters) is
        not a dictionary word; None when none is loaded (then ask :meth:`word_freq_lookup`). Loaded
        only by batch workers (:func:`reportlint.tokenize.load_word_filter`); never with a
        ``word_freq`` handed in."""
        return _default_word_filter() if self._given_freq is None else None

    def alike_filter(self, groups: tuple[str, ...]):
        """Where :meth:`word_filter` is loaded: a test ``maybe(written) -> bool``, False only when no
        dictionary word is ``written`` with one character replaced by one sharing a group of
        ``groups`` with it (WD009's alike characters); None elsewhere. See
        :func:`reportlint.tokenize.alike_filter`."""
        return _default_alike_filter(groups) if self._given_freq is None else None

    def labelled_paragraphs(self):
        """The document's paragraphs, each with ``label`` and ``confidence`` from the labeller."""
        if not self._labelled:
            self._labeller(self.doc)
            self._labelled = True
        return self.doc.paragraphs


def _units(doc, scope: str) -> list[tuple[int, str]]:
    if scope == "document":
        return [(0, doc.text)]
    if scope == "paragraph":
        return [(p.start, p.text) for p in doc.paragraphs]
    if scope == "body":
        out = []
        for p in doc.content_paragraphs:
            s = p.body_start if p.body_start is not None else p.start
            out.append((s, doc.text[s:p.end]))
        return out
    if scope == "heading":
        return [(h.start, doc.text[h.start:h.end]) for h in doc.headings]
    if scope == "sentence":
        return [(s.start, s.text) for p in doc.content_paragraphs for s in doc.sentences(p)]
    if scope == "section":
        secs = doc.top_sections()
        if not secs:
            return [(0, doc.text)]
        out = [(0, doc.text[:secs[0][1]])] if secs[0][1] > 0 else []
        return out + [(s, doc.text[s:e]) for _, s, e in secs]
    return []  # pragma: no cover - validated at load


def analysis(doc_or_ctx) -> Analysis:
    """An :class:`Analysis` for a document (or the context itself)."""
    return doc_or_ctx if isinstance(doc_or_ctx, Analysis) else Analysis(doc_or_ctx)
