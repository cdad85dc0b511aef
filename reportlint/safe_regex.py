"""Compile regular expressions from rule files, which are untrusted input.

Patterns are validated statically: a bounded length, and no unbounded repeat
nested inside another unbounded repeat (the shape behind catastrophic
backtracking, e.g. ``(a+)+`` or ``(.*x)*``). Matching is further bounded by
the engine, which runs each rule on one paragraph at a time (paragraphs are
capped in length by the reader limits).
"""
from __future__ import annotations

import re

try:  # Python 3.11+
    from re import _parser as sre_parse  # type: ignore[attr-defined]
    from re import _constants as sre_c  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_constants as sre_c  # type: ignore
    import sre_parse  # type: ignore

from .errors import RuleFileError

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


def compile_user_regex(pattern: str, path: str, key: str, flags: int = 0) -> re.Pattern:
    check_pattern(pattern, path, key)
    try:
        return re.compile(pattern, flags)
    except re.error as exc:  # pragma: no cover - caught by check_pattern
        raise RuleFileError(f"正则表达式有误：{exc}。", path, key) from None
