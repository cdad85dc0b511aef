"""The project's vocabulary in one place: severities, exit codes, batch statuses, paragraph labels
and section roles, each with the Chinese name every screen shows.

A leaf module: it imports nothing from reportlint, so every layer may use it.
"""
from __future__ import annotations

# ---------------------------------------------------------------- severities
SEVERITIES = ("info", "warning", "error")
SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}
SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
# fix applicability (as in ruff): --fix applies safe ones, --unsafe-fixes the unsafe ones too
APPLICABILITY_ZH = {"safe": "可安全修正", "unsafe": "需确认的修正", "none": "不自动修正"}

# ---------------------------------------------------------------- exit codes
EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_INTERRUPTED = 130

# ---------------------------------------------------------------- batch statuses (one per file)
STATUSES = ("ok", "warning", "error", "unreadable")
STATUS_ZH = {"unreadable": "无法读取", "error": "有错误", "warning": "有警告", "ok": "通过"}

# ---------------------------------------------------------------- paragraph labels (classifier)
LABELS = ("background", "practice", "outcome", "insight", "problem", "plan", "other")
LABEL_ZH = {"background": "基本情况", "practice": "做法", "outcome": "成效", "insight": "经验启示",
            "problem": "问题", "plan": "打算", "other": "其他"}

# ---------------------------------------------------------------- section roles (profiles)
ROLE_NAMES = {
    "background": "基本情况", "practice": "主要做法", "outcome": "取得的成效", "insight": "经验启示",
    "problem": "存在的问题", "plan": "下一步打算", "politics": "思想政治", "integrity": "廉洁自律",
    "suggestion": "对策建议", "findings": "主要收获/发现",
}
