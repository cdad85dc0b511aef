"""Helpers shared by check kinds."""
from __future__ import annotations

import re

from ..safe_regex import compile_user_regex


def fill(template: str, values: dict) -> str:
    """Fill ``{name}`` holes; unknown holes stay as written."""
    def rep(m: re.Match) -> str:
        v = values.get(m.group(1))
        return m.group(0) if v is None else str(v)
    return re.sub(r"\{(\w+)\}", rep, template)


def optional_regex(rule, key: str):
    """The rule's pattern option ``key`` compiled, or None when the rule file leaves it out."""
    text = rule.options.get(key)
    return compile_user_regex(text, rule.path, key) if text else None


def excepted(rule, text: str, base: int, start: int, end: int) -> bool:
    """True if a match of one of the rule's exception patterns in ``text`` overlaps [start, end)."""
    for pat in rule.exceptions:
        for m in pat.finditer(text):
            s, e = base + m.start(), base + m.end()
            if s < end and start < e:
                return True
    return False


def word_list(rule, words, key: str = "words") -> list:
    """Validate a rule's word list (non-empty strings); raise a RuleFileError naming the entry."""
    from ..errors import RuleFileError

    for i, w in enumerate(words):
        if not isinstance(w, str) or not w.strip():
            raise RuleFileError("词表中有空项或非文本项。", rule.path, f"{key}[{i}]")
    return words


_CLASS_MAX = 16  # a character class of more characters is not used as a pre-filter


def _doubled(before, ref, fold: bool):
    """A one-character group right before its own back-reference: the doubled characters."""
    if before is None or fold or before[0] != ref:
        return None
    return {ch * 2 for ch in before[1]}


def required_strings(pattern: str, ignorecase: bool = False):
    """Strings one of which every match of ``pattern`` contains, or None if none can be told:
    runs of literal characters (a literal repeated at least *n* times counts *n* times), a class
    of at most :data:`_CLASS_MAX` characters (its characters), a group or a repeat of at least
    one (what its body requires), alternatives (the union of what each requires, when each
    requires something), a one-character group and its back-reference (``([，。])\\1``: the
    doubled characters). Look-arounds and other back-references add nothing.

    Case folding (``ignorecase``, ``(?i)``, a ``(?i:…)`` group): only characters without case
    (``_sre.unicode_iscased``: Han, digits, punctuation) are required — ``re`` matches them
    exactly under IGNORECASE too — and back-references are not used (they fold case)."""
    try:
        from re import _constants as c, _parser as sre_parse  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - Python < 3.11
        import sre_constants as c  # type: ignore
        import sre_parse  # type: ignore
    from _sre import unicode_iscased

    try:
        parsed = sre_parse.parse(pattern)
    except re.error:  # pragma: no cover - validated at load
        return None
    folded = ignorecase or bool(parsed.state.flags & re.IGNORECASE)

    def klass(items, fold, limit=_CLASS_MAX):
        chars = []
        for op, av in items:
            if op is c.LITERAL:
                chars.append(av)
            elif op is c.RANGE and av[1] - av[0] < limit:
                chars.extend(range(av[0], av[1] + 1))
            else:
                return None  # negated, categories, wide ranges
            if len(chars) > limit or (fold and unicode_iscased(chars[-1])):
                return None
        if fold and any(map(unicode_iscased, chars)):
            return None
        return {chr(x) for x in chars} or None

    def need(seq, fold):
        cands, run = [], []
        last = None  # (group number, its characters) when the item before was a one-character group
        for op, av in seq:
            before, last = last, None
            if op is c.LITERAL and not (fold and unicode_iscased(av)):
                run.append(chr(av))
                continue
            body = av[2] if op is c.MAX_REPEAT or op is c.MIN_REPEAT else None
            if (body is not None and av[0] >= 1 and len(body) == 1 and body[0][0] is c.LITERAL
                    and not (fold and unicode_iscased(body[0][1]))):
                run.append(chr(body[0][1]) * av[0])  # x{n,}: n x's in a row
                if av[1] == av[0]:
                    continue
                cands.append({"".join(run)})
                run = [chr(body[0][1])]  # the last x touches what follows
                continue
            if run:
                cands.append({"".join(run)})
                run = []
            sub = None
            if op is c.IN:
                sub = klass(av, fold)
            elif op is c.SUBPATTERN:
                inner = fold or bool(av[1] & re.IGNORECASE)  # (?i:…) folds case
                sub = need(av[-1], inner)
                if av[0] is not None and not inner and len(av[-1]) == 1:
                    op1, av1 = av[-1][0]
                    chars = {chr(av1)} if op1 is c.LITERAL else klass(av1, False) if op1 is c.IN else None
                    last = (av[0], chars) if chars else None
            elif op is c.BRANCH:
                parts = [need(b, fold) for b in av[1]]
                sub = set().union(*parts) if parts and all(parts) else None
            elif body is not None and av[0] >= 1:
                ref = body[0][1] if len(body) == 1 and body[0][0] is c.GROUPREF else None
                sub = _doubled(before, ref, fold) or need(body, fold)
            elif op is c.GROUPREF:
                sub = _doubled(before, av, fold)
            if sub:
                cands.append(sub)
        if run:
            cands.append({"".join(run)})
        # the longest shortest string, then the fewest strings
        return max(cands, key=lambda st: (min(map(len, st)), -len(st)), default=None)

    found = need(parsed, folded)
    return sorted(found) if found else None


_FILTERS: dict = {}  # compiled pattern -> its required strings (see pattern_filter)


def pattern_filter(pat, compiling: bool = False):
    """The strings one of which every match of the compiled ``pat`` must contain, remembered per
    pattern and across runs (:func:`reportlint.recache.memo`); None for user rules (the ``regex``
    module) or when nothing can be told. Kinds call it with ``compiling`` when a rule is compiled
    (it then always asks the memo, so a rule cache being written records it) and without it per
    document (a dictionary hit)."""
    if not isinstance(pat, re.Pattern):
        return None
    if not compiling:
        try:
            return _FILTERS[pat]
        except KeyError:
            pass
    from ..recache import memo

    text = pat.pattern
    if pat.flags & re.IGNORECASE:  # case folded: only characters without case are required
        need = memo("literals-i", text, lambda: required_strings(text, True))
    else:
        need = memo("literals", text, lambda: required_strings(text))
    _FILTERS[pat] = need
    return need


def units_with(ctx, units, need):
    """The units holding one of the strings ``need`` (all of them when ``need`` is None); none when
    the document holds none of them."""
    if need is None:
        return units
    if not any(map(ctx.doc.text.__contains__, need)):  # every unit is a piece of the text
        return ()
    return [u for u in units if any(map(u[1].__contains__, need))]
