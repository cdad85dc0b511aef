"""``reportlint eval``: cross-validation figures (rich tables / JSON)."""
from __future__ import annotations

import json


def render_json(res: dict, out, **_) -> None:
    json.dump(res, out, ensure_ascii=False, indent=2)
    out.write("\n")


def render_text(res: dict, out, color: bool | None = None, **_) -> None:
    from . import console
    from rich.table import Table

    con = console(out, color, highlight=False)
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


_LABEL_SHORT = {"background": "基本情况", "practice": "做法", "outcome": "成效", "insight": "经验启示",
                "problem": "问题", "plan": "打算"}


def render_table(res: dict, out, color: bool | None = None, **_) -> None:
    """Corpus cross-validation and real reports in one table: content-only and decoded labels."""
    from . import console
    from rich.table import Table

    con = console(out, color, highlight=False, width=160)
    t = Table(title="段落角色：六类宏平均 F1 与各类 F1（content＝只看段落本身；decoded＝按全文序列解码）")
    for c in ("数据", "标签", "段数", "宏平均 F1", *(_LABEL_SHORT[lab] for lab in res["labels"])):
        t.add_column(c, justify="right" if c not in ("数据", "标签") else "left")
    for r in res["rows"]:
        t.add_row(r["set"], r["labels"], str(r["n"]), f"{r['macro_f1']:.3f}",
                  *(f"{r['f1'][lab]:.2f}" for lab in res["labels"]))
    con.print(t)
    if res.get("files"):
        ft = Table(title="真实报告逐篇（准确率与宏平均 F1）")
        for c in ("文件", "报告类型", "段数", "content 准确率", "decoded 准确率", "decoded 宏平均 F1"):
            ft.add_column(c)
        for f in res["files"]:
            ft.add_row(f["file"], f["type"], str(f["decoded"]["n"]), f"{f['content']['accuracy']:.2f}",
                       f"{f['decoded']['accuracy']:.2f}", f"{f['decoded']['macro_f1']:.3f}")
        con.print(ft)
