"""``reportlint rules``: the rule list (rich table / JSON) and one rule's details."""
from __future__ import annotations

import json

from ..vocab import SEVERITY_ZH


def rule_dict(r) -> dict:
    return {"code": r.code, "name": r.name, "family": r.family, "kind": r.kind, "severity": r.severity,
            "scope": r.scope, "message": r.message, "description": r.description,
            "reference": r.reference, "fix": r.fix, "examples": r.examples, "path": r.path}


def _json(data, out) -> None:
    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")


def render_rule(rule, out, fmt: str = "text", color: bool | None = None) -> None:
    if fmt == "json":
        _json(rule_dict(rule), out)
        return
    from . import console

    from ..rulefile import FAMILIES

    con = console(out, color, highlight=False, soft_wrap=True)
    con.print(f"[bold]{rule.code}[/bold]  {rule.name}")
    con.print(f"类别：{FAMILIES.get(rule.family, rule.family)}    级别：{SEVERITY_ZH.get(rule.severity, rule.severity)}    "
              f"检查方式：{rule.kind}    范围：{rule.scope}")
    if rule.description:
        con.print(f"说明：{rule.description.strip()}", markup=False)
    if rule.reference:
        con.print(f"依据：{rule.reference}", markup=False)
    con.print(f"提示语：{rule.message}", markup=False)
    con.print("自动修正：" + {"safe": "可以（--fix）", "unsafe": "需确认（--fix --unsafe-fixes）"}.get(rule.fix, "不自动修正"))
    con.print(f"文件：{rule.path}", markup=False)
    for which, title in (("bad", "会报告的写法"), ("good", "不会报告的写法")):
        exs = rule.examples.get(which) or []
        if exs:
            con.print(f"{title}：")
            for e in exs:
                con.print("  · " + e.replace("\n", " ⏎ "), markup=False)


def render_rules(rules, out, fmt: str = "text", color: bool | None = None) -> None:
    if fmt == "json":
        _json([rule_dict(r) for r in rules], out)
        return
    from . import console
    from rich.table import Table

    table = Table(title=f"reportlint 规则（共 {len(rules)} 条）", show_lines=False)
    for col in ("代码", "名称", "级别", "说明"):
        table.add_column(col, overflow="fold")
    for r in rules:
        desc = (r.description or r.message).strip().split("\n")[0]
        table.add_row(r.code, r.name, SEVERITY_ZH.get(r.severity, r.severity), desc[:60])
    console(out, color, highlight=False).print(table)
