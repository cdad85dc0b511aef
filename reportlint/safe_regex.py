"""Compile regular expressions from rule files, which are untrusted input.

Patterns are validated statically: a bounded length, and no unbounded repeat
nested inside another unbounded repeat (the shape behind catastrophic
backtracking, e.g. ``(a+)+`` or ``(.*x)*``); such a rule is rejected at load,
naming its file and key.

A static check cannot catch every slow pattern: ``(a|a)*$`` is exponential and
``a*a*a*a*b`` is polynomial of high degree, and no tractable analysis tells them
from harmless ones. So rules from user folders (``--rules DIR``, config) also run
under a **time limit**: :func:`time_limit` gives each user rule
``USER_RULE_SECONDS`` per document; past it the file gets a clear error naming the
rule and its file (exit 2, other files go on). Why a timer and not a cap on the
length of text fed to patterns: a cap bounds polynomial patterns only by a huge
constant (n³ for n = 5,000 is 10¹¹ steps) and does nothing for exponential ones,
while it silently changes what long paragraphs match.

The timer is the ``regex`` module's own ``timeout=`` argument: a user rule's patterns are
compiled with ``regex`` (compatible with ``re`` for what rule files use) and wrapped in
:class:`TimedPattern`, which passes what is left of the rule's time to every search. That
works on every platform and in any thread (no signals). Built-in rules are reviewed and
tested, compiled with ``re`` (whose compiled form :mod:`reportlint.recache` carries between
runs) and run without the timer.
"""
from __future__ import annotations

import os
import re
import threading
import time
from contextlib import contextmanager

try:  # Python 3.11+
    from re import _parser as sre_parse  # type: ignore[attr-defined]
    from re import _constants as sre_c  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_constants as sre_c  # type: ignore
    import sre_parse  # type: ignore

from .errors import ReportlintError, RuleFileError

USER_RULE_SECONDS = 5.0  # per user rule per document; a sane pattern needs milliseconds


class RegexTimeoutError(ReportlintError):
    """A user rule ran past its time limit on one file (that file's error; the batch goes on)."""


class _Expired(BaseException):  # BaseException: no ``except Exception`` in a kind can swallow it
    pass


_STATE = threading.local()  # .deadline: monotonic time the running user rule must finish by (or absent)


def _remaining() -> float | None:
    deadline = getattr(_STATE, "deadline", None)
    return None if deadline is None else max(deadline - time.monotonic(), 0.001)


class TimedPattern:
    """A ``regex`` pattern whose searches stop at the running rule's deadline (see :func:`time_limit`);
    outside a time limit it behaves like the pattern itself. Everything else is delegated."""

    __slots__ = ("_p",)

    def __init__(self, compiled):
        self._p = compiled

    def __getattr__(self, name):
        return getattr(self._p, name)

    def __reduce__(self):
        return (TimedPattern, (self._p,))

    def __repr__(self) -> str:
        return f"TimedPattern({self._p.pattern!r})"

    def _call(self, method: str, *args, **kwargs):
        try:
            return getattr(self._p, method)(*args, timeout=_remaining(), **kwargs)
        except TimeoutError:
            raise _Expired() from None

    def search(self, *a, **k):
        return self._call("search", *a, **k)

    def match(self, *a, **k):
        return self._call("match", *a, **k)

    def fullmatch(self, *a, **k):
        return self._call("fullmatch", *a, **k)

    def findall(self, *a, **k):
        return self._call("findall", *a, **k)

    def split(self, *a, **k):
        return self._call("split", *a, **k)

    def sub(self, *a, **k):
        return self._call("sub", *a, **k)

    def subn(self, *a, **k):
        return self._call("subn", *a, **k)

    def finditer(self, *a, **k):
        it = self._call("finditer", *a, **k)
        try:
            yield from it
        except TimeoutError:
            raise _Expired() from None

MAX_PATTERN = 2000
_UNBOUNDED = 50  # a repeat whose max exceeds this counts as unbounded
_REPEATS = {sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, getattr(sre_c, "POSSESSIVE_REPEAT", None)}


def _nested_unbounded(parsed, inside: bool) -> bool:
    for op, av in parsed:
        if op in _REPEATS:
            lo, hi, sub = av
            unbounded = hi is sre_c.MAXREPEAT or hi > _UNBOUNDED
            if unbounded and inside and _can_repeat_text(sub):
                return True
            if _nested_unbounded(sub, inside or unbounded):
                return True
        elif op is sre_c.SUBPATTERN:
            if _nested_unbounded(av[-1], inside):
                return True
        elif op is sre_c.BRANCH:
            for b in av[1]:
                if _nested_unbounded(b, inside):
                    return True
        elif op in (sre_c.ASSERT, sre_c.ASSERT_NOT):
            if _nested_unbounded(av[1], inside):
                return True
    return False


def _can_repeat_text(sub) -> bool:
    return bool(list(sub))


def check_pattern(pattern: str, path: str, key: str) -> None:
    if len(pattern) > MAX_PATTERN:
        raise RuleFileError(f"正则表达式过长（{len(pattern)} 字符，上限 {MAX_PATTERN}）。", path, key)
    try:
        parsed = sre_parse.parse(pattern)
    except re.error as exc:
        raise RuleFileError(f"正则表达式有误：{exc}。", path, key) from None
    if _nested_unbounded(parsed, False):
        raise RuleFileError(
            "正则表达式含有嵌套的无上限重复（如 (a+)+），可能导致灾难性回溯，请改写。", path, key)


def _checked(pattern: str, path: str, key: str) -> bool:
    check_pattern(pattern, path, key)
    return True


def _is_builtin(path: str) -> bool:
    from .paths import rules_root

    root = os.path.abspath(rules_root())
    try:
        return os.path.commonpath([root, os.path.abspath(path)]) == root
    except ValueError:  # different drives (Windows)
        return False


_REGEX_FLAGS = {"IGNORECASE", "MULTILINE", "DOTALL", "VERBOSE", "ASCII"}


def compile_user_regex(pattern: str, path: str, key: str, flags: int = 0):
    """Check ``pattern`` (see :func:`check_pattern`) and compile it: with ``re`` for a built-in rule,
    with ``regex`` under a :class:`TimedPattern` for a rule from a user folder."""
    from .recache import memo

    memo("checked", pattern, lambda: _checked(pattern, path, key))  # a pure function of the pattern
    if _is_builtin(path):
        try:
            return re.compile(pattern, flags)
        except re.error as exc:  # pragma: no cover - caught by check_pattern
            raise RuleFileError(f"正则表达式有误：{exc}。", path, key) from None
    import regex

    rflags = regex.VERSION0  # the ``re``-compatible behaviour
    for name in _REGEX_FLAGS:
        if flags & getattr(re, name):
            rflags |= getattr(regex, name)
    try:
        return TimedPattern(regex.compile(pattern, rflags))
    except regex.error as exc:
        raise RuleFileError(f"正则表达式有误（{exc}）。", path, key) from None


@contextmanager
def time_limit(rule, seconds: float | None = None):
    """Run the body with a wall-clock limit for the user rule's patterns; raise
    :class:`RegexTimeoutError` naming ``rule`` when it is exceeded. Any platform, any thread."""
    seconds = USER_RULE_SECONDS if seconds is None else seconds
    if seconds <= 0:
        yield
        return
    outer = getattr(_STATE, "deadline", None)
    _STATE.deadline = time.monotonic() + seconds if outer is None else min(outer, time.monotonic() + seconds)
    try:
        yield
    except _Expired:
        raise RegexTimeoutError(
            f"规则 {rule.code}（{rule.path}）运行超过 {seconds:g} 秒，已中止本文件的检查；"
            "该规则的正则表达式可能存在灾难性回溯，请简化（避免 (a|a)*、a*a*b 这类可多种方式匹配同一段文字的写法）。"
        ) from None
    finally:
        _STATE.deadline = outer
