"""Kind ``staleyear``: a year that does not fit the report's own year (``doc.year``).

Two cases, both only when the report's year is known (title, date line or ``--year``):

* a reporting period of an earlier year — “2020年上半年” in a 2026 report — i.e. a year
  followed by ``period`` and at least ``gap`` years (default 1) before the report's year.
  Only when the year is certain: named in the title (a periodic report) or given with
  ``--year``; a year known only from the date line may belong to a narrative of past
  stages (经验材料: “2023年上半年试点，2023年下半年推开”), which is not reported (a
  ``--year`` equal to the date line's year cannot be told apart from it);
* a past year used for what is still to be done — “确保2025年底前完成” or
  “2024年，我将……” in a report dated 2025 — i.e. a year earlier than the latest of the
  report's year and its date line, preceded by ``future_before`` or followed by
  ``future_after`` in the same clause.

Legitimate past references (“与2025年相比”“2020年以来”“自2019年起”) are kept out by
``not_before`` (text ending right before the year) and ``not_after`` (text right
after the period word). Year ranges (“2021—2025年”) are never reported.

Options (regular expressions): ``period``, ``not_before``, ``not_after``,
``future_before``, ``future_after``; ``gap`` (default 1); ``reason_period`` and
``reason_future`` fill the ``{reason}`` hole. Holes: ``{match}``, ``{year}``, ``{now}``.
"""
from __future__ import annotations

import re

from ..finding import Hit
from ..safe_regex import compile_user_regex
from ..outline import DATE_LINE, date_line
from ._spec import Opt
from ._util import excepted, fill

SUMMARY = "年份与报告年份不符（套用旧稿的往年时段、把过去的年份用在今后安排上）"
OPTIONS = {
    "period": Opt(str, True, doc="年份后面表示时段的词（正则）"),
    "not_before": Opt(str, doc="年份前紧挨着这些文字时不报告（正则）"),
    "not_after": Opt(str, doc="时段词后紧挨着这些文字时不报告（正则）"),
    "future_before": Opt(str, doc="年份前表示今后安排的文字（正则）"),
    "future_after": Opt(str, doc="年份后表示今后安排的文字（正则）"),
    "gap": Opt(int, default=1, doc="往年时段至少早几年才报告"),
    "reason_period": Opt(str, default="", doc="往年时段问题的 {reason} 说明"),
    "reason_future": Opt(str, default="", doc="今后安排问题的 {reason} 说明"),
}
DEFAULT_SCOPE = "paragraph"

_YEAR = re.compile(r"(?<![0-9０-９])((?:19|20)[0-9]{2})\s*年")
_RANGE_BEFORE = re.compile(r"(?:(?:19|20)[0-9]{2}\s*年?\s*)[—\-－～~至到]\s*$")
_RANGE_AFTER = re.compile(r"^\s*[—\-－～~至到]\s*(?:19|20)[0-9]{2}")
_CLAUSE = re.compile(r"[，,。；;：:！!？?\n]")


def compile(rule):
    o = rule.options

    def c(key, anchor_end=False, anchor_start=False):
        if not o.get(key):
            return None
        p = o[key]
        if anchor_end:
            p = f"(?:{p})\\s*$"
        if anchor_start:
            p = f"^\\s*(?:{p})"
        return compile_user_regex(p, rule.path, key)

    return {"period": c("period", anchor_start=True), "not_before": c("not_before", anchor_end=True),
            "not_after": c("not_after", anchor_start=True),
            "future_before": c("future_before", anchor_end=True),
            "future_after": c("future_after", anchor_start=True)}


def _years(doc):
    """(the year is certain — named in the title or given with --year —, date-line year or None)."""
    found = date_line(doc)
    return doc.year_source in ("title", "option"), (found[1] if found else None)


def run(rule, ctx, units):
    doc = ctx.doc
    if not doc.year:
        return
    c = rule.compiled
    certain, dated = _years(doc)
    gap = max(1, rule.options.get("gap", 1))
    now = max(doc.year, dated or 0)
    skip = {doc.title, doc.subtitle}
    for base, text in units:
        para = doc.paragraph_at(base)
        if para is not None and (para.index in skip or DATE_LINE.match(para.text)):
            continue
        for m in _YEAR.finditer(text):
            y = int(m.group(1))
            if y >= now:
                continue
            before, after = text[:m.start()], text[m.end():]
            if _RANGE_BEFORE.search(before) or _RANGE_AFTER.match(after):
                continue
            cl = _CLAUSE.split(before)[-1] if before else ""
            reason = None
            end = m.end()
            if (c["future_before"] and c["future_before"].search(cl)) or (
                    c["future_after"] and c["future_after"].match(after)):
                reason = rule.options.get("reason_future", "")
            elif certain and c["period"] and y <= doc.year - gap:
                pm = c["period"].match(after)
                if pm and not (c["not_before"] and c["not_before"].search(before)) and not (
                        c["not_after"] and c["not_after"].match(after[pm.end():])):
                    reason = rule.options.get("reason_period", "")
                    end = m.end() + pm.end()
            if reason is None:
                continue
            s, e = base + m.start(), base + end
            if rule.exceptions and excepted(rule, text, base, s, e):
                continue
            values = {"match": text[m.start():end], "year": doc.year, "now": now}
            values["reason"] = fill(reason, values)
            yield Hit(s, e, values)
