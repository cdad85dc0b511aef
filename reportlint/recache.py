"""Compiled regular expressions carried from one run to the next.

Python compiles a regular expression in pure Python (``re._parser`` then
``re._compiler``); loading the rules and running the checks compiles ~400 patterns, many
with large CJK character classes, which costs ~60 ms — a quarter of a ``check`` run. The
result of that work is a short list of integers (SRE code) from which ``_sre.compile``
builds the Pattern object in microseconds.

:func:`recording` notes every pattern compiled while the rules load and verify (which
runs every check kind); :func:`snapshot` computes their SRE code with the same functions
``re`` uses; :func:`install` rebuilds the Pattern objects in a later process and puts
them into ``re``'s own cache, where every ``re.compile`` / ``re.search`` call looks
first. The entries are stored by :mod:`reportlint.rulecache` next to the parsed rules,
under a key that includes the Python version and the SRE magic number; on a Python whose
``re`` internals differ (checked by :func:`supported`) nothing is cached and ``re``
compiles as usual. A rebuilt Pattern is checked against its entry before use; the SRE
code itself is validated by ``_sre.compile``.

:func:`memo` carries other pure functions of a pattern the same way (the safety check of
:mod:`reportlint.safe_regex`, the literals the ``substitution`` kind pre-filters with):
each parses the pattern in pure Python again.
"""
from __future__ import annotations

import re
import sys
from contextlib import contextmanager

try:
    import _sre
    from re import _compiler, _parser
except ImportError:  # pragma: no cover - not CPython
    _sre = _compiler = _parser = None


def supported() -> bool:
    return (_sre is not None and sys.implementation.name == "cpython" and (3, 11) <= sys.version_info[:2] <= (3, 13)
            and isinstance(getattr(re, "_cache", None), dict) and isinstance(getattr(re, "_MAXCACHE", None), int)
            and hasattr(_compiler, "_code") and hasattr(_parser, "parse"))


def version_key() -> str:
    return f"{sys.version}|{getattr(_sre, 'MAGIC', '')}|{getattr(_sre, 'CODESIZE', '')}"


_MEMO: dict = {}  # table -> {key: value}: values computed in an earlier run (see install)
_RECORD: dict | None = None  # table -> {key: value}: values computed while recording


def memo(table: str, key: str, compute):
    """``compute()`` — a pure function of ``key`` with a JSON-able result — remembered across runs."""
    t = _MEMO.get(table)
    value = t[key] if t is not None and key in t else compute()
    if _RECORD is not None:
        _RECORD.setdefault(table, {})[key] = value
    return value


@contextmanager
def recording(out: list):
    """Collect (pattern, flags) of every ``str`` pattern in ``re``'s cache at the end of the block (none
    is dropped inside it) into ``out``, and the :func:`memo` values computed inside it (see
    :func:`snapshot`)."""
    global _RECORD
    _RECORD = {}
    if not supported():
        try:
            yield out
        except BaseException:
            _RECORD = None
            raise
        return
    saved = re._MAXCACHE
    re._MAXCACHE = 1 << 30  # nothing is evicted while recording
    try:
        yield out
    except BaseException:
        _RECORD = None
        raise
    finally:
        re._MAXCACHE = saved
        for key in list(re._cache):
            if key[0] is str and isinstance(key[2], int):  # also those compiled before, still cached
                out.append((key[1], key[2]))
        while len(re._cache) > saved:  # back to the normal size, oldest first, as re does
            del re._cache[next(iter(re._cache))]


def snapshot(patterns) -> dict:
    """JSON-able data for :func:`install`: for each pattern what ``re._compiler.compile`` would pass
    to ``_sre.compile``; and the memo values recorded."""
    global _RECORD
    memos, _RECORD = _RECORD or {}, None
    return {"patterns": _codes(patterns), "memo": memos}


def _codes(patterns) -> list:
    import array
    import base64

    if not supported():
        return []
    out = []
    for pattern, flags in patterns:
        if flags & re.DEBUG:
            continue
        try:
            p = _parser.parse(pattern, flags)
            code = _compiler._code(p, flags)
            arr = array.array("I", code)
            if arr.itemsize != _sre.CODESIZE:
                return []
            groupindex = dict(p.state.groupdict)
            indexgroup = [None] * p.state.groups
            for k, i in groupindex.items():
                indexgroup[i] = k
            out.append([pattern, flags, flags | p.state.flags, base64.b64encode(arr.tobytes()).decode("ascii"),
                        p.state.groups - 1, groupindex, indexgroup])
        except Exception:  # noqa: BLE001 - anything odd: leave that pattern to re
            continue
    return out


def install(data) -> int:
    """Put the Pattern objects of ``data`` (from :func:`snapshot`) into ``re``'s cache and its memo
    values into :func:`memo`'s tables; returns how many patterns were installed."""
    import array
    import base64

    if not isinstance(data, dict):
        return 0
    for table, values in (data.get("memo") or {}).items():
        if isinstance(values, dict):
            _MEMO.setdefault(table, {}).update(values)
    if not supported():
        return 0
    n = 0
    cache = re._cache
    for entry in data.get("patterns") or ():
        try:
            pattern, flags, final, code64, groups, groupindex, indexgroup = entry
            key = (str, pattern, flags)
            if key in cache or not isinstance(pattern, str) or final & flags != flags or not 0 <= final < 512:
                continue
            arr = array.array("I")
            arr.frombytes(base64.b64decode(code64))
            p = _sre.compile(pattern, final, arr.tolist(), groups, groupindex, tuple(indexgroup))
            if p.pattern != pattern or p.flags != final or p.groups != groups or dict(p.groupindex) != groupindex:
                continue
            cache[key] = p
            n += 1
        except Exception:  # noqa: BLE001 - a bad entry only costs its own compilation
            continue
    return n
