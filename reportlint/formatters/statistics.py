"""``check --statistics``: finding counts per rule, most frequent first."""
from __future__ import annotations

from ..vocab import SEVERITY_ZH


def render(reports, out, **_) -> None:
    counts: dict = {}
    for r in reports:
        for f in r.findings:
            c = counts.setdefault(f.code, [0, f.rule, f.severity])
            c[0] += 1
    out.write("\n按规则统计：\n")
    for code, (n, name, sev) in sorted(counts.items(), key=lambda kv: (-kv[1][0], kv[0])):
        out.write(f"{n:6d}  {code:7s} {SEVERITY_ZH.get(sev, sev)}  {name}\n")
