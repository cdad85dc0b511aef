"""Tokenization with jieba's semantics behind one seam.

A fast engine (rjieba, a binding of jieba-rs: same dictionary and algorithm) is used
where installed; stock jieba is the reference and the fallback. Both load the
project's user dictionary (``rules/lexicon/userdict.txt``). ``REPORTLINT_TOKENIZER=jieba``
forces the reference engine.

The two engines are made to agree exactly (``tests/test_tokenize.py`` checks every
paragraph of ``corpora/`` plus edge cases). Where jieba-rs 0.11 departs from jieba the
seam restores jieba's behaviour:

* Unknown ASCII runs joined by ``.``, ``-`` or ``_`` (``index.tsv``, ``UTF-8``,
  ``X.X``): jieba-rs keeps them as one word, jieba splits them with its HMM skip pattern
  ``[a-zA-Z0-9]+(?:\\.\\d+)?%?`` (``X`` ``.`` ``X``). The seam re-splits such words the
  way jieba does (dictionary words are left alone).
* CJK characters outside U+4E00–U+9FD5 (Extension A, U+9FD6–U+9FFF, compatibility
  ideographs, the supplementary planes): jieba-rs segments them like Han characters,
  jieba emits each one as its own token. The seam cuts the text at them and emits each
  one alone.
* Dictionary state: jieba's ``add_word`` adds a re-weighted word's new frequency to the
  total without removing the old one, and counts the duplicated dictionary line ``B超``
  twice; jieba-rs keeps total = sum of frequencies. The reference engine's total is
  reset to the sum of its frequencies after the user words are added, so both engines
  score paths with the same total.
* Part-of-speech tags (:func:`pos`): the words are those of :func:`cut` on both engines,
  each tagged as jieba-rs 0.11's ``tag`` does: its dictionary tag (a user-dictionary tag
  wins — jieba-rs keeps the old tag when a user word re-weights a dictionary word); for
  a word outside the dictionary ``m``/``eng`` if it has ASCII digits/letters, else, if it
  has a CJK character, the tag of the longest span jieba's part-of-speech HMM finds in it
  (:func:`_guess_tag`, re-implemented for the reference engine from ``jieba.posseg``'s
  tables), else ``x``. Stock ``jieba.posseg`` segments differently and is not used.

Loading rjieba (building its dictionary, ~0.1 s) holds the GIL throughout, so it cannot
overlap other start-up work in a thread; it is the floor of a ``check`` run.

>>> [t.word for t in tokens("社区网格员")]
['社区', '网格员']
>>> cut("详见 index.tsv 第1.2节")
['详见', ' ', 'index', '.', 'tsv', ' ', '第', '1.2', '节']
"""
from __future__ import annotations

import os
import re
import threading
from dataclasses import dataclass

_ENGINE = None
_NAME = None
_LOCK = threading.Lock()
_USER_TAGS: dict[str, str] = {}  # user-dictionary tags (override the engine's)
_TAG_FIX: dict[str, str] = {}  # the user tags rjieba does not give by itself (a few words)
_USER_WORDS: list[str] = []  # the user dictionary's words, as loaded into the engine
_WORD_HASHES: frozenset | None = None  # load_word_filter(): hashes of the dictionary words of 3+ characters
_WORDS_AT: tuple | None = None  # load_word_filter(): (cached word list, jieba's file, long user words)
_ALIKE: dict = {}  # alike_filter()'s tests, per tuple of groups
_FREQ: dict[str, int] = {}  # word_freq_function's memo (rjieba): word -> figure
_FREQ_MAX = 200_000  # the memo is emptied when it grows past this (memory stays flat in batch)

# jieba-rs treats these as Han; jieba (re_han_default = [\u4E00-\u9FD5…]) does not.
_EXTRA_HAN = re.compile(
    "[\u3400-\u4DBF\u9FD6-\u9FFF\uF900-\uFAFF\U00020000-\U0002A6DF\U0002A700-\U0002B73F"
    "\U0002B740-\U0002B81F\U0002B820-\U0002CEAF\U0002CEB0-\U0002EBEF\U0002F800-\U0002FA1F]"
    # a lone surrogate (text decoded with surrogateescape, a broken PDF text layer): rjieba cannot
    # take it as UTF-8, so it is a word of its own, tagged x, as jieba makes it
    r"|[\ud800-\udfff]")  # escapes, not the characters: cached patterns are written as UTF-8
_ASCII_JOIN_HINT = re.compile(r"[A-Za-z0-9][._\-][A-Za-z0-9]")
_ASCII_JOINED = re.compile(r"[A-Za-z0-9]+(?:[._\-][A-Za-z0-9]+)+%?")
_JIEBA_HMM_SKIP = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")  # jieba.finalseg.re_skip


@dataclass(frozen=True)
class Token:
    word: str
    start: int
    end: int


def userdict_path() -> str:
    from .paths import rules_root

    return os.path.join(rules_root(), "lexicon", "userdict.txt")


def _userdict_entries(path: str | None = None):
    path = path or userdict_path()
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


def _wanted() -> str:
    return os.environ.get("REPORTLINT_TOKENIZER", "auto")


def _engine(path: str | None = None):
    global _ENGINE, _NAME
    if _ENGINE is not None:
        return _ENGINE
    with _LOCK:  # one load even when several threads ask at once
        if _ENGINE is not None:
            return _ENGINE
        want = _wanted()
        if want in ("auto", "rjieba"):
            try:
                import rjieba
            except ImportError:
                if want == "rjieba":
                    raise
            else:
                tags = {}
                entries = _userdict_entries(path)
                for word, freq, tag in entries:
                    rjieba.add_word(word, freq, tag)
                    if tag:
                        tags[word] = tag
                _USER_TAGS.clear()
                _USER_TAGS.update(tags)
                # a dictionary word's tag does not depend on its context: the user tags rjieba
                # already gives need no fixing (all but three today)
                _TAG_FIX.clear()
                _TAG_FIX.update({w: t for w, t in tags.items() if rjieba.tag(w) != [(w, t)]})
                _USER_WORDS[:] = [word for word, _, _ in entries]
                _ENGINE, _NAME = rjieba, "rjieba"
                return _ENGINE
        _ENGINE, _NAME = _load_jieba(path), "jieba"
        return _ENGINE


def _load_jieba(path: str | None = None):
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    for word, freq, tag in _userdict_entries(path):
        jieba.add_word(word, freq, tag)
    # jieba-rs semantics: total = sum of frequencies (see the module docstring).
    jieba.dt.total = sum(jieba.dt.FREQ.values())
    return jieba


def reference():
    """Stock jieba with the same user dictionary (for tests and benchmarks)."""
    return _load_jieba()


# ---------------------------------------------------------------- rjieba → jieba fix-ups

def _rjieba_items(eng, text: str, tagged: bool) -> list:
    """rjieba's words (or (word, tag) pairs), fixed up to jieba's segmentation."""
    run = eng.tag if tagged else eng.cut
    if _EXTRA_HAN.search(text):
        items: list = []
        last = 0
        for m in _EXTRA_HAN.finditer(text):
            if m.start() > last:
                items.extend(run(text[last:m.start()]))
            ch = m.group()
            items.append((ch, "x" if "\ud800" <= ch <= "\udfff" else _rjieba_tag(eng, ch)) if tagged else ch)
            last = m.end()
        if last < len(text):
            items.extend(run(text[last:]))
    else:
        items = run(text)
    if _ASCII_JOIN_HINT.search(text):
        out = []
        for it in items:
            w = it[0] if tagged else it
            if len(w) > 2 and _ASCII_JOINED.fullmatch(w) and not eng.has_word(w):
                for x in _JIEBA_HMM_SKIP.split(w):
                    if x:
                        out.append((x, _rjieba_tag(eng, x)) if tagged else x)
            else:
                out.append(it)
        items = out
    return items


def _rjieba_tag(eng, word: str) -> str:
    if eng.has_word(word):
        t = eng.tag(word)
        if len(t) == 1:
            return t[0][1]
    return _ascii_tag(word)


def _ascii_tag(word: str) -> str:
    """jieba-rs's tag for a word that is not in the dictionary."""
    eng = digits = 0
    for ch in word:
        if ch.isascii() and ch.isalnum():
            eng += 1
            digits += ch.isdigit()
    return "x" if eng == 0 else "m" if eng == digits else "eng"


# ---------------------------------------------------------------- the seam

def cut(text: str) -> list[str]:
    """Words in precise mode (jieba.lcut semantics, HMM on)."""
    eng = _ENGINE if _ENGINE is not None else _engine()
    return _rjieba_items(eng, text, False) if _NAME == "rjieba" else eng.lcut(text)


def cut_with(name: str, eng, text: str) -> list[str]:
    """:func:`cut` on a given engine (``"rjieba"`` module or ``"jieba"`` from :func:`reference`)."""
    return _rjieba_items(eng, text, False) if name == "rjieba" else eng.lcut(text)


def word_freq(word: str) -> int:
    """The dictionary frequency of ``word`` (jieba's dictionary plus the user dictionary); 0 when
    it is not a word of the dictionary.

    The reference engine reads jieba's table; rjieba does not expose its table, so the figure is
    its ``suggest_freq`` for a dictionary word, which is the word's own frequency (give or take
    one from rounding) unless the word's pieces together score higher.

    >>> word_freq("备受") > 5 * word_freq("倍受") > 0, word_freq("份内")
    (True, 0)
    """
    eng = _ENGINE if _ENGINE is not None else _engine()
    return word_freq_with(_NAME, eng, word)


def word_freq_function():
    """:func:`word_freq` as one closure bound to the loaded engine (for callers that look up
    thousands of words: no engine check per call). Once :func:`load_word_filter` has loaded its
    filter (batch workers), rjieba's figures are memoised for the process (a pure function of the
    loaded dictionary; the memo is emptied past ``_FREQ_MAX`` words, so memory stays flat over a
    long batch) and a word of three or more characters the filter rules out is 0 without an
    engine call. The reference engine's table is read directly."""
    eng = _ENGINE if _ENGINE is not None else _engine()
    if _NAME == "rjieba":
        has, freq = eng.has_word, eng.suggest_freq
        if _WORD_HASHES is None:
            return lambda word: freq(word) if has(word) else 0
        hashes = _WORD_HASHES
        memo = _FREQ

        def lookup(word: str) -> int:
            f = memo.get(word)
            if f is None:
                if len(word) >= LONG and hash(word) not in hashes:
                    return 0
                if len(memo) >= _FREQ_MAX:
                    memo.clear()
                f = memo[word] = freq(word) if has(word) else 0
            return f

        return lookup
    table = eng.dt.FREQ
    return lambda word: table.get(word, 0)


LONG = 3  # the word filter covers the dictionary words of at least this many characters


def word_filter() -> frozenset | None:
    """The hashes :func:`load_word_filter` loaded, else None (nothing is loaded here)."""
    return _WORD_HASHES


def dictionary_file() -> str:
    """jieba's main dictionary (rjieba embeds the same file, compressed), found without importing
    jieba (its import loads ~20 MB of model tables)."""
    from importlib.util import find_spec

    spec = find_spec("jieba")
    if spec is None or not spec.origin:
        raise ImportError("jieba")
    return os.path.join(os.path.dirname(spec.origin), "dict.txt")


def load_word_filter() -> frozenset | None:
    """The ``hash`` of every word of the tokenizer's dictionary (jieba's ``dict.txt`` plus the user
    dictionary) of :data:`LONG` or more characters, as one frozenset of integers, loaded once per
    process: ``hash(word) not in`` it means ``word`` is not a dictionary word. It answers "not a
    word" without an engine call (WD009 tries thousands of candidate words per document, ~85 %
    of them not words); a word it lets through (every dictionary word, and a non-word only if its
    64-bit hash collides with a word's) is looked up in the engine, so the figures are the
    engine's exactly.

    ~17 MB in memory (a frozenset of the 223,000 words themselves takes ~40 MB). ``hash`` of a
    string differs from process to process, so the set is built in each process from the words,
    kept in the cache folder as a text file, one word a line (~0.07 s; the first build reads the
    5 MB dictionary, ~0.3 s). Only batch workers load it (:func:`reportlint.batch.init_worker`);
    ``check`` of one report asks the engine instead. None on the reference engine (its table is
    a dict already) or when jieba's file is missing."""
    global _WORD_HASHES, _WORDS_AT
    if _WORD_HASHES is not None:
        return _WORD_HASHES
    _ENGINE if _ENGINE is not None else _engine()
    if _NAME != "rjieba":
        return None
    import hashlib

    from .paths import cache_dir

    try:
        path = dictionary_file()
        st = os.stat(path)
    except (ImportError, OSError):
        return None
    user = sorted(w for w in _USER_WORDS if len(w) >= LONG)
    h = hashlib.sha1(f"{path}\0{st.st_size}\0{st.st_mtime_ns}\0{LONG}\0".encode())
    h.update("\n".join(user).encode("utf-8"))
    cached = os.path.join(cache_dir(), f"words-{h.hexdigest()[:16]}.txt")
    try:
        with open(cached, encoding="utf-8") as fh:  # one word at a time: no list of them all
            hashes = frozenset(map(hash, map(str.rstrip, fh)))
    except (OSError, ValueError):
        words = _long_words(path, user)
        hashes = frozenset(map(hash, words))
        _write_atomically(cached, ("\n".join(words) + "\n").encode("utf-8"))
    _WORDS_AT = (cached, path, user)
    _WORD_HASHES = hashes
    return hashes


def _long_words(path: str, user: list[str]) -> list[str]:
    """The words of jieba's file and of the user dictionary of :data:`LONG` or more characters, sorted."""
    with open(path, encoding="utf-8") as fh:
        return sorted({w for w in (line.split(" ", 1)[0].strip() for line in fh) if len(w) >= LONG} | set(user))


def _write_atomically(path: str, data: bytes) -> None:
    """Write a cache file whole or not at all; a read-only home leaves it unwritten (the caller then
    rebuilds what it holds next time, still correct)."""
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        tmp = f"{path}.{os.getpid()}.tmp"
        with open(tmp, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except OSError:
        pass


# ---------------------------------------------------------------- one alike character away (WD009)

ALIKE_MAX = 4  # alike_filter covers written forms of LONG to this many characters
_ALIKE_Q = 33_554_393  # bits per bitmap (4 MB): the largest prime below 2**25
_ALIKE_Q2 = 33_554_383  # the second hash's modulus: the next prime below
_ALIKE_MARK = 0x110000  # group number g stands in a key as the code 0x110000 + g (no character has it)


def alike_filter(groups: tuple[str, ...]):
    """For WD009 in batch workers: a test ``maybe(written, word=False) -> bool`` that is False only
    when no word of the filter's dictionary words (:func:`load_word_filter`) other than ``written``
    is ``written`` with one character replaced by a character sharing one of ``groups`` with it;
    True when one may be, and for a ``written`` it does not cover (shorter than :data:`LONG` or
    longer than :data:`ALIKE_MAX`). ``word`` must be True when ``written`` is itself one of those
    words (it would find itself everywhere; the test then asks for a key two words share), and may
    be False otherwise. So two bitmap probes per character and group (the second only when the
    first hits) rule out most written forms that an alike-character substitution cannot turn into
    another word, instead of hashing every substitution (~30 per character with tones ignored).

    Key: a word of LONG to ALIKE_MAX characters with one character replaced by the mark of a group
    holding it. Every dictionary word sets the bits of each of its keys in the first bitmap (two
    hashes per key, a Bloom filter), and a key two words share sets its bits in the second too.
    The hashes are the key's UTF-32 code units read as one integer, mod the prime Q and mod the
    next prime below: linear in the character codes, so the hash of a written form with one
    character replaced by a mark is the written form's hash plus a number kept per position,
    character and group. ~4 % of the first bitmap's bits are set, so
    about one probe pair in 700 hits other keys' bits, which only lets a written form through to
    the exact test. Built once per process and tuple of groups (~1.5 s from the word list, ~40 MB at the peak), kept in
    the cache folder as ``alike-*.bin`` (8 MB, ~25 ms to load). None when no word filter
    is loaded (``check``, the reference engine)."""
    if _WORD_HASHES is None or _WORDS_AT is None:
        return None
    got = _ALIKE.get(groups)
    if got is None:
        got = _ALIKE[groups] = _alike_test(groups, _alike_bits(groups))
    return got


def _alike_deltas(groups: tuple[str, ...]) -> list[dict[str, tuple]]:
    """For each position: char -> ((what replacing it by a group's mark adds to hash 1, to hash 2),
    …) for the groups holding it, both mod Q."""
    out: list[dict[str, list]] = [{} for _ in range(ALIKE_MAX)]
    for g, chars in enumerate(groups):
        for ch in dict.fromkeys(chars):
            d = _ALIKE_MARK + g - ord(ch)
            for i, at in enumerate(out):
                at.setdefault(ch, []).append(((d << (32 * i)) % _ALIKE_Q, (d << (32 * i)) % _ALIKE_Q2))
    return [{ch: tuple(d) for ch, d in at.items()} for at in out]


def _alike_bits(groups: tuple[str, ...]) -> bytes:
    """Two bitmaps of Q bits each (a Bloom filter of two hashes), one after the other: the keys of
    at least one word, and the keys of at least two different words."""
    import hashlib

    cached, path, user = _WORDS_AT
    h = hashlib.sha1(f"{os.path.basename(cached)}\0{_ALIKE_Q}\0{_ALIKE_Q2}\0{_ALIKE_MARK}\0{ALIKE_MAX}\0".encode())
    h.update("\n".join(groups).encode("utf-8"))
    store = os.path.join(os.path.dirname(cached), f"alike-{h.hexdigest()[:16]}.bin")
    size = (_ALIKE_Q + 7) >> 3
    try:
        with open(store, "rb") as fh:
            data = fh.read()
        if len(data) == 2 * size:
            return data
    except OSError:
        pass
    try:
        with open(cached, encoding="utf-8") as fh:
            words = [w for w in map(str.rstrip, fh) if w]
    except OSError:
        words = _long_words(path, user)
    marks: dict[str, tuple] = {}  # char -> (mark of a group holding it − its code, …)
    for g, chars in enumerate(groups):
        for ch in dict.fromkeys(chars):
            marks[ch] = marks.get(ch, ()) + (_ALIKE_MARK + g - ord(ch),)
    # keys of words of different lengths, or with the mark at different positions, never coincide
    # (a mark is no character), so they are counted one (length, position) at a time: a dictionary
    # of about a seventh of the keys at once (~40 MB less at the peak of the build, ~0.5 s slower)
    by_len: dict[int, list] = {}
    for n, w in enumerate(words):
        if len(w) <= ALIKE_MAX:
            by_len.setdefault(len(w), []).append(n)
    bits = bytearray(2 * size)
    second = size << 3
    q, q2 = _ALIKE_Q, _ALIKE_Q2
    for length in sorted(by_len):
        for i in range(length):
            shift = 32 * i
            first: dict[int, int] = {}  # key -> the first word (number) that has it, or -1: two or more
            for n in by_len[length]:
                w = words[n]
                ds = marks.get(w[i])
                if ds is None:
                    continue
                v = int.from_bytes(w.encode("utf-32-le"), "little")
                for d in ds:
                    k = v + (d << shift)  # the key: the character replaced by the group's mark
                    if first.setdefault(k, n) != n:
                        first[k] = -1
            for k, n in first.items():
                for b in (k % q, k % q2):
                    bits[b >> 3] |= 1 << (b & 7)
                    if n < 0:
                        b += second
                        bits[b >> 3] |= 1 << (b & 7)
            del first
    data = bytes(bits)
    _write_atomically(store, data)
    return data


def _alike_test(groups: tuple[str, ...], bits: bytes):
    deltas = _alike_deltas(groups)
    q, q2 = _ALIKE_Q, _ALIKE_Q2
    lo, hi = LONG, ALIKE_MAX
    half = len(bits) // 2
    one, two = bits[:half], bits[half:]  # keys of one word; keys two words share

    def maybe(written: str, word: bool = False) -> bool:
        n = len(written)
        if n < lo or n > hi:
            return True
        v = int.from_bytes(written.encode("utf-32-le"), "little")
        h1, h2 = v % q, v % q2
        b = two if word else one
        for ch, ds in zip(written, deltas):
            for d1, d2 in ds.get(ch, ()):
                k = (h1 + d1) % q
                if b[k >> 3] >> (k & 7) & 1:
                    k = (h2 + d2) % q2
                    if b[k >> 3] >> (k & 7) & 1:
                        return True
        return False

    return maybe


def word_freq_with(name: str, eng, word: str) -> int:
    """:func:`word_freq` on a given engine (see :func:`cut_with`)."""
    if name == "rjieba":
        return eng.suggest_freq(word) if eng.has_word(word) else 0
    return eng.dt.FREQ.get(word, 0)


def tokens(text: str) -> list[Token]:
    """Words with character offsets (jieba.tokenize semantics)."""
    out, i = [], 0
    for w in cut(text):
        j = i + len(w)
        out.append(Token(w, i, j))
        i = j
    return out


_JIEBA_TAGS: dict | None = None
_POSSEG = None
_MIN = -3.14e100
_CJK = re.compile(  # Han as jieba-rs's segmenter sees it
    "[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\U00020000-\U0002A6DF\U0002A700-\U0002EBEF"
    "\U0002F800-\U0002FA1F]")


def _jieba_tags() -> dict:
    global _JIEBA_TAGS
    if _JIEBA_TAGS is None:
        import jieba.posseg

        tags = dict(jieba.posseg.dt.word_tag_tab)  # dict.txt tags
        for word, freq, tag in _userdict_entries():
            if tag:
                tags[word] = tag
            elif word not in tags:
                tags[word] = ""  # jieba-rs: a new user word without a tag has tag ""
        _JIEBA_TAGS = tags
    return _JIEBA_TAGS


def _posseg_model():
    """jieba.posseg's HMM tables, states ordered as jieba-rs orders them (B, M, E, S; tags sorted)."""
    global _POSSEG
    if _POSSEG is None:
        from jieba.posseg import char_state_tab, prob_emit, prob_start, prob_trans

        order = {"B": 0, "M": 1, "E": 2, "S": 3}
        tags = sorted({t for _, t in prob_start.P})
        key = {t: i for i, t in enumerate(tags)}
        rank = lambda st: (order[st[0]], key[st[1]])  # noqa: E731
        every = sorted(prob_start.P, key=rank)
        chars = {ch: sorted(sts, key=rank) for ch, sts in char_state_tab.P.items()}
        start = {st: (p if p >= -1e90 else _MIN) for st, p in prob_start.P.items()}
        _POSSEG = (every, chars, start, prob_trans.P, prob_emit.P, rank)
    return _POSSEG


def _guess_tag(word: str) -> str:
    """jieba-rs 0.11 ``Jieba::guess_tag`` for a word not in the dictionary.

    ASCII letters/digits → ``m``/``eng``; a word with a CJK character → the tag of the
    longest span (in UTF-8 bytes, the last one on ties) of jieba's part-of-speech HMM
    decoded over the word, as jieba-rs decodes it (best E/S end state; a trailing
    unfinished span is ``x``); anything else → ``x``.
    """
    tag = _ascii_tag(word)
    if tag != "x" or not _CJK.search(word):
        return tag
    every, chars, start, trans, emit, rank = _posseg_model()
    spans = _viterbi_posseg(word, every, chars, start, trans, emit, rank)
    best = None
    for s, e, t in spans:
        n = len(word[s:e].encode("utf-8"))
        if best is None or n >= best[0]:
            best = (n, t)
    return best[1] if best else "x"


def _viterbi_posseg(word, every, chars, start, trans, emit, rank):
    n = len(word)
    if n == 1:
        best = None
        for st in chars.get(word, every):
            if st[0] != "S":
                continue
            p = start.get(st, _MIN) + emit.get(st, {}).get(word, _MIN)
            if p > _MIN and (best is None or p > best[0]):
                best = (p, st)
        return [(0, 1, best[1][1] if best else "x")]
    states = [chars.get(ch, every) for ch in word]
    prev_scores = {st: start.get(st, _MIN) + emit.get(st, {}).get(word[0], _MIN) for st in states[0]}
    back = [None]
    for t in range(1, n):
        ch = word[t]
        cur, bp = {}, {}
        for st in states[t]:
            em = emit.get(st, {}).get(ch, _MIN)
            best_p, best_s = _MIN, None
            for ps in states[t - 1]:
                pv = prev_scores.get(ps, _MIN)
                if pv <= _MIN:
                    continue
                tp = trans.get(ps, {}).get(st, _MIN)
                if tp <= _MIN:
                    continue
                p = pv + tp + em
                if p > best_p:
                    best_p, best_s = p, ps
            cur[st] = best_p
            bp[st] = best_s
        prev_scores = cur
        back.append(bp)
    best_p, best_s = _MIN, None
    for st in sorted(prev_scores, key=rank):
        if st[0] in "ES" and prev_scores[st] > best_p:
            best_p, best_s = prev_scores[st], st
    if best_s is None:
        return [(0, n, "x")]
    path = [None] * n
    path[-1] = best_s
    for t in range(n - 1, 0, -1):
        p = back[t].get(path[t])
        if p is None:
            return [(0, n, "x")]
        path[t - 1] = p
    out, begin = [], 0
    for t, (pos_, tag) in enumerate(path):
        if pos_ == "B":
            begin = t
        elif pos_ == "E":
            out.append((begin, t + 1, tag))
        elif pos_ == "S":
            out.append((t, t + 1, tag))
    if not out:
        return [(0, n, "x")]
    if out[-1][1] < n:
        out.append((out[-1][1], n, "x"))
    return out


def pos(text: str) -> list[tuple[str, str]]:
    """(word, part-of-speech) for the words of :func:`cut` (dictionary tag, else m/eng/x)."""
    eng = _engine()
    return pos_with(_NAME, eng, text)


def pos_with(name: str, eng, text: str) -> list[tuple[str, str]]:
    """:func:`pos` on a given engine (see :func:`cut_with`)."""
    if name == "rjieba":
        out = _rjieba_items(eng, text, True)
        fix = _TAG_FIX
        if fix and any(w in text for w in fix):
            return [(w, fix.get(w, t)) for w, t in out]
        return out  # a new list of (word, tag) tuples
    tags = _jieba_tags()
    return [(w, tags[w] if w in tags else _guess_tag(w)) for w in eng.lcut(text)]
