"""The regex pre-filter (:func:`reportlint.checks._util.required_strings`) must never skip a text
that the expression matches: for every match, one of the required strings is in the text.
Checked on hand-picked expressions (doubled characters, repeats, case folding, alternatives,
back-references that are not doubles) over random texts built from their own characters, and
exactly for a few of them."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings, strategies as st

from reportlint.checks._util import required_strings

CASES = [  # pattern, flags, required strings, a small alphabet for the brute-force search
    (r"。{3,}", 0, ["。。。"], "。，a"),
    (r"([，、；：。])\1+", 0, ["、、", "。。", "，，", "：：", "；；"], "，。a"),
    (r"(?P<c>[的了])(?P=c)", 0, ["了了", "的的"], "的了a"),
    (r"([ab])x\1", 0, ["x"], "abx"),  # not adjacent: no double required
    (r"a{2}b", 0, ["aab"], "abc"),
    (r"ab{2,}c", 0, ["abb"], "abc"),
    (r"(?:VIP|会员)(?:专享|免费)", re.IGNORECASE, ["专享", "免费"], "会员专享"),
    (r"(?i)qq号：", 0, ["号："], "qQ号："),
    (r"(?i:vi)会员", 0, ["会员"], "vVıiI会员"),
    (r"([Aa])\1", re.IGNORECASE, None, "aAb"),  # a folded back-reference: nothing can be told
    (r"[Ss]{2}", re.IGNORECASE, None, "sSſa"),
    (r"\.{3,}|。{3,}|…", 0, ["...", "…", "。。。"], ".。…a"),
]


@pytest.mark.parametrize("pattern, flags, want, alphabet", CASES)
def test_required_strings_exact(pattern, flags, want, alphabet):
    assert required_strings(pattern, bool(flags)) == want


def _alphabet(pattern: str) -> str:
    extra = "aAsSſKkıIi。，、x的了专享免费会员VIPvipQq号：b.…"
    return "".join(sorted(set(ch for ch in pattern if not ch.isspace()) | set(extra)))


@pytest.mark.parametrize("pattern, flags, want, alphabet", CASES)
@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_no_match_is_filtered_out(pattern, flags, want, alphabet, data):
    rx = re.compile(pattern, flags)
    need = required_strings(pattern, bool(flags))
    text = data.draw(st.text(alphabet=_alphabet(pattern) + alphabet, max_size=12))
    if need is not None and rx.search(text):
        assert any(s in text for s in need), (pattern, text)


@pytest.mark.parametrize("pattern, flags, want, alphabet", CASES)
def test_planted_matches_pass_the_filter(pattern, flags, want, alphabet):
    """Texts that do match (found by brute force over short strings) all carry a required string."""
    rx = re.compile(pattern, flags)
    need = required_strings(pattern, bool(flags))
    hits = 0
    texts = [""]
    for _ in range(4):
        texts = [t + ch for t in texts for ch in alphabet]
        for t in texts:
            if rx.search(t):
                hits += 1
                assert need is None or any(s in t for s in need), (pattern, t)
    assert hits > 0
