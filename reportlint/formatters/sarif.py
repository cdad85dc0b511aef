"""SARIF 2.1.0 (OASIS Static Analysis Results Interchange Format), e.g. for GitHub code scanning.

One run. ``tool.driver.rules`` lists the rule set's rules (Chinese name, short and full
description, help text with the reference and examples, default level) plus ``SUP001``-like
codes seen only in findings and ``E000`` (file could not be read). Each finding is a result
with ``ruleId``/``ruleIndex``, ``level`` (error / warning / note), and a physical location:
the artifact URI (relative paths against ``%SRCROOT%`` = the working directory) and a region
with ``startLine``/``startColumn``/``endLine``/``endColumn`` (1-based; ``columnKind`` is
``unicodeCodePoints``: a Han character is one column) and ``charOffset``/``charLength``
(characters into the decoded text, line endings normalised to ``\\n``). A file that cannot be
read is both an ``E000`` result and a tool execution notification.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

from ..paths import __version__

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}

_E000 = ("E000", "文件无法读取", "文件不存在、没有读取权限、编码无法识别、是二进制文件或格式不受支持。")


def artifact_location(path: str) -> dict:
    p = path.replace(os.sep, "/")
    if os.path.isabs(path):
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(p, safe="/"), "uriBaseId": "SRCROOT"}


def _help(rule) -> dict:
    text = [rule.description.strip() or rule.message]
    md = [rule.description.strip() or rule.message]
    if rule.reference:
        text.append(f"依据：{rule.reference}")
        md.append(f"**依据**：{rule.reference}")
    bad = (rule.examples or {}).get("bad") or []
    good = (rule.examples or {}).get("good") or []
    if bad:
        text.append("会报告：" + " / ".join(e.strip().replace("\n", " ⏎ ") for e in bad[:3]))
        md.append("**会报告**：\n\n" + "\n".join(f"- {e.strip()}".replace("\n", " ⏎ ") for e in bad[:3]))
    if good:
        text.append("不会报告：" + " / ".join(e.strip().replace("\n", " ⏎ ") for e in good[:3]))
        md.append("**不会报告**：\n\n" + "\n".join(f"- {e.strip()}".replace("\n", " ⏎ ") for e in good[:3]))
    return {"text": "\n".join(text), "markdown": "\n\n".join(md)}


def rule_descriptor(rule) -> dict:
    from ..rulefile import FAMILIES

    return {
        "id": rule.code, "name": rule.name,
        "shortDescription": {"text": rule.name},
        "fullDescription": {"text": rule.description.strip() or rule.message},
        "help": _help(rule),
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {"tags": [FAMILIES.get(rule.family, rule.family)], "reference": rule.reference},
    }


def _simple_descriptor(code: str, name: str, text: str, level: str = "error") -> dict:
    return {"id": code, "name": name, "shortDescription": {"text": name}, "fullDescription": {"text": text},
            "help": {"text": text}, "defaultConfiguration": {"level": level}}


class _Rules:
    def __init__(self, ruleset=None):
        self.list: list[dict] = []
        self.index: dict[str, int] = {}
        for r in (ruleset.rules if ruleset is not None else []):
            self._add(rule_descriptor(r))

    def _add(self, d: dict) -> int:
        self.index[d["id"]] = len(self.list)
        self.list.append(d)
        return self.index[d["id"]]

    def of(self, f) -> int:
        i = self.index.get(f.code)
        if i is None:
            i = self._add(_simple_descriptor(f.code, f.rule, f.reference or f.rule, LEVEL[f.severity]))
        return i

    def e000(self) -> int:
        i = self.index.get("E000")
        return i if i is not None else self._add(_simple_descriptor(*_E000))


def result_for(f, rule_index: int) -> dict:
    region = {"startLine": f.line, "startColumn": f.column, "endLine": f.end_line, "endColumn": f.end_column,
              "charOffset": f.start, "charLength": f.end - f.start, "snippet": {"text": f.excerpt}}
    loc = {"physicalLocation": {"artifactLocation": artifact_location(f.path), "region": region}}
    if f.location:
        loc["message"] = {"text": f.location}
    res = {"ruleId": f.code, "ruleIndex": rule_index, "level": LEVEL[f.severity],
           "message": {"text": f.message}, "locations": [loc],
           "partialFingerprints": {"reportlint/v1": f"{f.code}:{f.line}:{f.excerpt}"}}
    if f.suggestion:
        res["properties"] = {"suggestion": f.suggestion}
    if f.fix is not None:
        res.setdefault("properties", {})["applicability"] = f.fix.applicability
        if f.fix.applicability != "none":
            deleted = {"charOffset": f.fix.start, "charLength": f.fix.end - f.fix.start}
            res["fixes"] = [{"description": {"text": f.fix_label},
                             "artifactChanges": [{"artifactLocation": artifact_location(f.path),
                                                  "replacements": [{"deletedRegion": deleted,
                                                                    "insertedContent": {"text": f.fix.replacement}}]}],
                             "properties": {"applicability": f.fix.applicability}}]
    return res


def build(reports, ruleset=None) -> dict:
    rules = _Rules(ruleset)
    results, notes = [], []
    for r in reports:
        if r.error:
            loc = {"physicalLocation": {"artifactLocation": artifact_location(r.path)}}
            results.append({"ruleId": "E000", "ruleIndex": rules.e000(), "level": "error",
                            "message": {"text": r.error}, "locations": [loc]})
            notes.append({"level": "error", "message": {"text": f"{r.path}：{r.error}"}, "locations": [loc]})
            continue
        for f in r.findings:
            results.append(result_for(f, rules.of(f)))
    invocation = {"executionSuccessful": True}
    if notes:
        invocation["toolExecutionNotifications"] = notes
    run = {
        "tool": {"driver": {"name": "reportlint", "version": __version__, "semanticVersion": __version__,
                            "language": "zh-CN", "rules": rules.list}},
        "invocations": [invocation],
        "originalUriBaseIds": {"SRCROOT": {"uri": Path(os.getcwd()).as_uri() + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(reports, stream, ruleset=None, **_):
    json.dump(build(reports, ruleset), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
