"""JUnit XML for CI dashboards: one ``<testcase>`` per file, one ``<failure>`` per finding.

A file that cannot be read gets an ``<error>`` instead. When the caller passes ``fail_on``
(as ``check`` and ``batch`` do), findings below that level are listed in the test case's
``<system-out>`` rather than failing it, so the dashboard agrees with the exit code.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..finding import SEVERITY_RANK, SEVERITY_ZH

_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _x(s) -> str:
    return _BAD_XML.sub("\ufffd", "" if s is None else str(s))


def _describe(f) -> str:
    where = f.location or f"{f.line}:{f.column}"
    out = f"{f.path}:{where} {f.code} {SEVERITY_ZH[f.severity]} {f.message}\n原文：{f.excerpt}"
    if f.suggestion and f.suggestion not in f.message:
        out += f"\n建议：{f.suggestion}"
    if f.fix is not None:
        out += f"\n修正：{f.fix_label}"
    return out


def build(reports, fail_on: str | None = None) -> ET.Element:
    limit = SEVERITY_RANK[fail_on] if fail_on else -1
    suites = ET.Element("testsuites", name="reportlint")
    suite = ET.SubElement(suites, "testsuite", name="reportlint")
    tests = failures = errors = 0
    for r in reports:
        tests += 1
        case = ET.SubElement(suite, "testcase", classname="reportlint", name=_x(r.path), file=_x(r.path))
        if r.error:
            errors += 1
            e = ET.SubElement(case, "error", message=_x(r.error), type="E000")
            e.text = _x(f"{r.path}：{r.error}")
            continue
        below = []
        failed = False
        for f in r.findings:
            if SEVERITY_RANK[f.severity] < limit:
                below.append(_describe(f))
                continue
            failed = True
            el = ET.SubElement(case, "failure", message=_x(f"{f.code} {f.message}"), type=f.code)
            el.text = _x(_describe(f))
        failures += failed
        if below:
            ET.SubElement(case, "system-out").text = _x("\n".join(below))
    for el in (suites, suite):
        el.set("tests", str(tests))
        el.set("failures", str(failures))
        el.set("errors", str(errors))
    suite.set("skipped", "0")
    return suites


def render(reports, stream, fail_on: str | None = None, **_):
    root = build(reports, fail_on)
    ET.indent(root)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(root, encoding="unicode"))
    stream.write("\n")
