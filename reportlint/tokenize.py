"""Tokenization with jieba's semantics behind one seam.

A fast engine (rjieba, a binding of jieba-rs: same dictionary and algorithm) is used
where installed; stock jieba is the reference and the fallback. Both load the
project's user dictionary (``rules/lexicon/userdict.txt``). ``REPORTLINT_TOKENIZER=jieba``
forces the reference engine.

>>> [t.word for t in tokens("社区网格员")]
['社区', '网格员']
"""
from __future__ import annotations

import os
from dataclasses import dataclass

_ENGINE = None
_NAME = None


@dataclass(frozen=True)
class Token:
    word: str
    start: int
    end: int


def _userdict_entries():
    from .rulefile import rules_root

    path = os.path.join(rules_root(), "lexicon", "userdict.txt")
    if not os.path.exists(path):
        return []
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split()
            word = parts[0]
            freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
            tag = parts[2] if len(parts) > 2 else None
            out.append((word, freq, tag))
    return out


def engine_name() -> str:
    _engine()
    return _NAME


def _engine():
    global _ENGINE, _NAME
    if _ENGINE is not None:
        return _ENGINE
    want = os.environ.get("REPORTLINT_TOKENIZER", "auto")
    if want in ("auto", "rjieba"):
        try:
            import rjieba

            for word, freq, tag in _userdict_entries():
                rjieba.add_word(word, freq, tag)
            _ENGINE, _NAME = rjieba, "rjieba"
            return _ENGINE
        except ImportError:
            if want == "rjieba":
                raise
    _ENGINE, _NAME = _load_jieba(), "jieba"
    return _ENGINE


def _load_jieba():
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    for word, freq, tag in _userdict_entries():
        jieba.add_word(word, freq, tag)
    return jieba


def reference():
    """Stock jieba with the same user dictionary (for tests and benchmarks)."""
    return _load_jieba()


def cut(text: str) -> list[str]:
    """Words in precise mode (jieba.lcut semantics, HMM on)."""
    eng = _engine()
    return eng.cut(text) if _NAME == "rjieba" else eng.lcut(text)


def tokens(text: str) -> list[Token]:
    """Words with character offsets."""
    eng = _engine()
    if _NAME == "rjieba":
        return [Token(w, s, e) for w, s, e in eng.tokenize(text)]
    return [Token(w, s, e) for w, s, e in eng.tokenize(text)]


def pos(text: str) -> list[tuple[str, str]]:
    """(word, part-of-speech) pairs (jieba.posseg tags)."""
    eng = _engine()
    if _NAME == "rjieba":
        return [(w, t) for w, t in eng.tag(text)]
    import jieba.posseg as pseg

    return [(p.word, p.flag) for p in pseg.lcut(text)]
