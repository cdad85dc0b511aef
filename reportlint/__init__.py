"""reportlint: lint and analyse Chinese work reports (工作汇报、工作总结、述职报告 …).

The public API (never prints)::

    >>> import reportlint
    >>> report = reportlint.check_text("到社区报到×人。", select=["PH"])
    >>> [(f.code, f.line, f.column) for f in report.findings]
    [('PH001', 1, 6)]
"""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["check_text", "check_file", "tag", "outline", "__version__"]


def __getattr__(name):  # lazy: importing reportlint costs nothing until used
    if name in ("check_text", "check_file", "tag", "outline"):
        from . import api

        return getattr(api, name)
    raise AttributeError(name)
