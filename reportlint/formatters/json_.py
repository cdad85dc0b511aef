"""JSON output.

``json``: one object ``{"version": 1, "files": [FILE...], "summary": {...}}``; ``jsonl``: one FILE
object per line. FILE = ``{"path", "encoding", "profile", "profile_confidence", "error",
"findings": [FINDING...]}``; FINDING keys are those of :meth:`Finding.to_dict` (code, severity,
message, rule, path, line, column, end_line, end_column, start, end, excerpt, suggestion, fix
(start, end, replacement, applicability), applicability (safe / unsafe / none; none without a
fix), location, reference, related). ``summary``: ``files``, ``files_with_errors`` (files with an
error-level finding), ``files_unreadable`` (files that could not be read), the count per severity
and per code. Lines and columns are 1-based; columns count characters;
start/end are character offsets into the decoded text.
"""
from __future__ import annotations

import json

SCHEMA_VERSION = 1


def file_dict(r) -> dict:
    return {
        "path": r.path, "encoding": r.encoding, "profile": r.profile,
        "profile_confidence": r.profile_confidence, "error": r.error,
        "findings": [f.to_dict() for f in r.findings],
    }


def summary(reports) -> dict:
    counts = {"error": 0, "warning": 0, "info": 0}
    codes: dict[str, int] = {}
    for r in reports:
        for f in r.findings:
            counts[f.severity] += 1
            codes[f.code] = codes.get(f.code, 0) + 1
    # files_with_errors: files with at least one error-level finding; unreadable files are counted apart
    return {"files": len(reports),
            "files_with_errors": sum(1 for r in reports if any(f.severity == "error" for f in r.findings)),
            "files_unreadable": sum(1 for r in reports if r.error),
            **counts, "codes": dict(sorted(codes.items()))}


def render(reports, stream, fmt: str = "json", **_):
    if fmt == "jsonl":
        for r in reports:
            stream.write(json.dumps(file_dict(r), ensure_ascii=False) + "\n")
        return
    reports = list(reports)
    doc = {"version": SCHEMA_VERSION, "files": [file_dict(r) for r in reports], "summary": summary(reports)}
    json.dump(doc, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
