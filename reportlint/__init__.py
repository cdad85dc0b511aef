"""reportlint: lint and analyse Chinese work reports (工作汇报、工作总结、述职报告 …).

The public API (never prints; see :mod:`reportlint.api`)::

    >>> import reportlint
    >>> report = reportlint.check_text("到社区报到×人。", select=["PH"])
    >>> [(f.code, f.line, f.column, f.start, f.end) for f in report.findings]
    [('PH001', 1, 6, 5, 6)]

Importing the package is cheap: the API and its dependencies (YAML, the tokenizer,
rich) load on first use.
"""
from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING

from .paths import __version__  # noqa: E402

__all__ = ["check_text", "check_file", "tag", "outline", "FileReport", "Finding", "Document", "Tagged",
           "ReportlintError", "ConfigError", "__version__"]

_LAZY = {
    "check_text": "api", "check_file": "api", "tag": "api", "outline": "api", "Tagged": "api",
    "FileReport": "report", "Finding": "finding", "Document": "document",
    "ReportlintError": "errors", "ConfigError": "errors",
}

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from .api import Tagged, check_file, check_text, outline, tag
    from .document import Document
    from .errors import ConfigError, ReportlintError
    from .finding import Finding
    from .report import FileReport


class _Package(types.ModuleType):
    """``reportlint.outline`` is the API function, although a submodule has the same name.

    Importing the submodule (``from reportlint.outline import build``, as the package does
    internally) would otherwise replace the function with the module on the package.
    """

    @property
    def outline(self):
        from .api import outline

        return outline

    @outline.setter
    def outline(self, value):  # the import system binding the submodule: keep the function
        pass


sys.modules[__name__].__class__ = _Package


def __getattr__(name):  # lazy: importing reportlint costs nothing until used
    mod = _LAZY.get(name)
    if mod is None:
        raise AttributeError(f"module 'reportlint' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f"{__name__}.{mod}"), name)


def __dir__():
    return sorted(set(globals()) | set(__all__))
