"""``reportlint eval``: cross-validation figures (rich tables / JSON)."""
from __future__ import annotations

import json


def render_json(res: dict, out, **_) -> None:
    json.dump(res, out, ensure_ascii=False, indent=2)
    out.write("\n")


def render_text(res: dict, out, **_) -> None:
    from rich.console import Console
    from rich.table import Table

    con = Console(file=out, highlight=False)
    how = ("按报告分组" if res["group"] == "report" else "按写作者分组（留一写作者）")
    t = Table(title=f"{how}的 {res['folds']} 折交叉验证（{res['paragraphs']} 段，{res['groups']} 组）")
    for c in ("标签", "精确率", "召回率", "F1", "段数"):
        t.add_column(c, justify="right")
    for lab in res["labels"]:
        d = res["per_class"][lab]
        t.add_row(lab, f"{d['precision']:.3f}", f"{d['recall']:.3f}", f"{d['f1']:.3f}", str(d["support"]))
    t.add_row("宏平均", "", "", f"{res['macro_f1']:.3f}", "")
    con.print(t)
    cm = Table(title="混淆矩阵（行：人工标签；列：预测）")
    cm.add_column("")
    for lab in res["labels"]:
        cm.add_column(lab[:5], justify="right")
    for lab, row in zip(res["labels"], res["confusion"]):
        cm.add_row(lab, *map(str, row))
    con.print(cm)
    con.print(f"准确率 {res['accuracy']:.3f}；宏平均 F1 {res['macro_f1']:.3f}")
