"""Output formats. Each module has ``render(reports, stream, **opts)``."""
from __future__ import annotations

import importlib

FORMATS = ("text", "concise", "json", "jsonl", "csv", "sarif", "junit", "github", "html")


def get(name: str):
    if name not in FORMATS:
        raise KeyError(name)
    return importlib.import_module(f"{__name__}.{'json_' if name in ('json', 'jsonl') else name}")
