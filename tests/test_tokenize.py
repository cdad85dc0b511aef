"""The tokenizer seam: rjieba (fast) and stock jieba (reference) agree exactly.

Both engines load the user dictionary. The seam (``reportlint/tokenize.py``) restores
jieba's behaviour where jieba-rs 0.11 departs from it; the raw departures are asserted
below too, so the fix-ups are known to be needed (and this file says when they stop
being needed).
"""
import os
import random

import pytest

from reportlint import tokenize as tk

rjieba = pytest.importorskip("rjieba")
pytest.importorskip("jieba")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPORA = os.path.join(ROOT, "corpora")

EDGE = [
    "详见 index.tsv 和 import_ann.py，编码 UTF-8，SHA-1 前 8 位。",
    "新增减税降费及退税缓费X.X亿元，惠及1.3万余户次，办结率99.1%。",
    "版本V2.0.1发布，x.1.2、a.1b、AB12.5C、ab.cd%、12%.5、e.g.、ab..cd、a-、-a、_a_",
    "GB/T 15834-2011 第4.1条；2023-10-01 至 2023.10.31；C++、A&B、a+b、a#b",
    "一个𠀀𠀁个，中国㐂㐃人民，我们鿐鿑的，豈是，ＡＢＣ１２３全角",
    "表情😀符号，中\u3000文，x\r\ny\t，한국어，ひらがな",
    "社区网格员、网格化管理、一岗双责、满意度、下一步、下步工作、家庭医生签约率",
    "我局发改局人少事多，逐季推进，实训班用时缩短，户次增加",
    "",
    " ",
    "。",
    "我们开展了\ud800工作，\udcff结束\udfff",  # lone surrogates (surrogateescape, broken PDF text)
]


@pytest.fixture(scope="module")
def engines():
    if os.environ.get("REPORTLINT_TOKENIZER", "auto") == "jieba":
        pytest.skip("REPORTLINT_TOKENIZER=jieba forces the reference engine")
    fast = tk._engine()
    assert tk.engine_name() == "rjieba"
    return fast, tk.reference()


def _paragraphs():
    """Every paragraph of the corpus reports (corpora/reports/**), the text the seam was built on."""
    out = []
    for root, dirs, files in os.walk(os.path.join(CORPORA, "reports")):
        dirs.sort()
        for fn in sorted(files):
            if not fn.endswith((".txt", ".md", ".tsv", ".ann")):
                continue
            with open(os.path.join(root, fn), encoding="utf-8") as fh:
                out += [line for line in fh.read().split("\n") if line.strip()]
    return out


def _same(fast, ref, text):
    a, b = tk.cut_with("rjieba", fast, text), tk.cut_with("jieba", ref, text)
    assert a == b, text
    assert "".join(a) == text
    toks = [(w, s, e) for w, s, e in ref.tokenize(text)]  # jieba's own offsets
    assert [(t.word, t.start, t.end) for t in _tokens(a)] == toks, text
    assert tk.pos_with("rjieba", fast, text) == tk.pos_with("jieba", ref, text), text


def _tokens(words):
    out, i = [], 0
    for w in words:
        out.append(tk.Token(w, i, i + len(w)))
        i += len(w)
    return out


def test_corpus_paragraphs_identical(engines):
    fast, ref = engines
    paras = _paragraphs()
    assert len(paras) > 4000
    bad = []
    for p in paras:
        if (tk.cut_with("rjieba", fast, p) != tk.cut_with("jieba", ref, p)
                or tk.pos_with("rjieba", fast, p) != tk.pos_with("jieba", ref, p)):
            bad.append(p)
    assert bad == []
    for p in paras[::50]:  # offsets against jieba.tokenize itself, on a sample
        _same(fast, ref, p)


@pytest.mark.parametrize("text", EDGE)
def test_edge_cases_identical(engines, text):
    _same(*engines, text)


def test_random_mixtures_identical(engines):
    fast, ref = engines
    rnd = random.Random(20261127)
    base = "".join(_paragraphs()[:400])
    alphabet = (list("abcXYZ0123456789._-%+#&/ \t\r\n，。、：；（）“”《》——…·×")
                + ["㐂", "㐃", "鿐", "𠀀", "𠀁", "豈", "Ａ", "１", "😀", "\u3000", "の", "한"])
    for _ in range(600):
        parts = []
        for _ in range(rnd.randint(1, 10)):
            if rnd.random() < 0.5:
                a = rnd.randrange(len(base) - 10)
                parts.append(base[a:a + rnd.randint(1, 8)])
            else:
                parts.append("".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 4))))
        text = "".join(parts)
        assert tk.cut_with("rjieba", fast, text) == tk.cut_with("jieba", ref, text), text
        assert tk.pos_with("rjieba", fast, text) == tk.pos_with("jieba", ref, text), text


def test_public_functions_use_the_fast_engine(engines):
    fast, _ = engines
    text = "全县累计培训基层干部3200人次，详见 index.tsv。"
    assert tk.cut(text) == tk.cut_with("rjieba", fast, text)
    assert [t.word for t in tk.tokens(text)] == tk.cut(text)
    assert tk.tokens(text)[-1].end == len(text)
    assert tk.pos(text) == tk.pos_with("rjieba", fast, text)


def test_user_dictionary_state_is_the_same(engines):
    fast, ref = engines
    entries = tk._userdict_entries()
    assert entries, "rules/lexicon/userdict.txt is empty"
    for word, freq, tag in entries:
        # Without a frequency each engine suggests one, and the two formulas may differ
        # by one in the last digit: the shipped dictionary always gives it.
        assert freq is not None, f"userdict.txt: give {word!r} a frequency"
        assert fast.has_word(word)
        assert fast.add_word(word, freq, tag) == freq == ref.dt.FREQ[word], word
        assert tk.cut_with("rjieba", fast, word) == tk.cut_with("jieba", ref, word) == [word]
        if tag:
            assert dict(tk.pos_with("rjieba", fast, word))[word] == tag
            assert dict(tk.pos_with("jieba", ref, word))[word] == tag
    # jieba-rs semantics: total is the sum of frequencies (jieba's own add_word keeps
    # the replaced frequency in the total and counts the duplicated line "B超" twice).
    assert ref.dt.total == sum(ref.dt.FREQ.values())


def test_raw_engines_differ_where_the_seam_says(engines):
    """The documented departures of jieba-rs 0.11 from jieba, which the seam undoes."""
    fast, ref = engines
    assert fast.cut("X.X亿元") == ["X.X", "亿元"]
    assert ref.lcut("X.X亿元") == ["X", ".", "X", "亿元"] == tk.cut_with("rjieba", fast, "X.X亿元")
    assert fast.cut("一个𠀀𠀁个") == ["一个", "𠀀𠀁", "个"]
    assert ref.lcut("一个𠀀𠀁个") == ["一个", "𠀀", "𠀁", "个"] == tk.cut_with("rjieba", fast, "一个𠀀𠀁个")
    # jieba-rs keeps the dictionary tag of a word the user dictionary re-weights
    assert dict(fast.tag("满意度"))["满意度"] == "ns"
    assert dict(tk.pos_with("rjieba", fast, "满意度"))["满意度"] == "n"


@pytest.mark.parametrize("word", ["备受", "倍受", "淡泊名利", "按部就班", "名副其实", "师范学校", "网格员", "份内", "的的"])
def test_word_freq_agrees_between_engines(engines, word):
    """WD009 reads word frequencies through the seam: rjieba's suggest_freq for a dictionary
    word is jieba's frequency, give or take one (0 for a non-word on both)."""
    fast, ref = engines
    a, b = tk.word_freq_with("rjieba", fast, word), tk.word_freq_with("jieba", ref, word)
    assert abs(a - b) <= 1 and (a == 0) == (b == 0)


def test_a_lone_surrogate_does_not_stop_the_check():
    from reportlint.api import check_text

    r = check_text("关于社区工作的汇报\n到社区报到×人，\udc8f共走访了十户。\n")
    assert [(f.code, f.line, f.column) for f in r.findings if f.code.startswith("PH")] == [("PH001", 2, 6)]
