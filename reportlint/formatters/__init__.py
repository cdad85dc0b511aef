"""Presentation: every renderer of reportlint behind one registry.

``get(name)`` returns an object with ``render(data, stream, **opts)``:

* findings formats (``check`` / ``batch --format``): ``render(reports, stream, fmt=…, color=…,
  ruleset=…, fail_on=…)`` — text, concise, json, jsonl, csv, sarif, junit, github, html;
* ``statistics`` (``check --statistics``), ``batch-table`` and ``batch-statistics`` (``batch``);
* ``summary-text|markdown|json|html`` (``summary``), ``eval-text|json`` (``eval``), ``config``;
* ``outline-*`` / ``tags-*`` / ``rules-*`` / ``rule-*`` (``outline``, ``tag``, ``rules``).

A new output format = one module here with a ``render`` function + one line in ``REGISTRY``
(or :func:`register` at run time); the commands take their ``--format`` choices from the
tuples below. Modules are imported on first use, so listing formats costs nothing.
"""
from __future__ import annotations

import functools
import importlib

FINDINGS_FORMATS = ("text", "concise", "json", "jsonl", "csv", "sarif", "junit", "github", "html")
SUMMARY_FORMATS = ("text", "markdown", "json", "html")

REGISTRY: dict[str, tuple[str, str, dict]] = {  # name -> (module, function, fixed keyword arguments)
    "text": ("text", "render", {}),
    "concise": ("concise", "render", {}),
    "json": ("json_", "render", {}),
    "jsonl": ("json_", "render", {}),
    "csv": ("csv", "render", {}),
    "sarif": ("sarif", "render", {}),
    "junit": ("junit", "render", {}),
    "github": ("github", "render", {}),
    "html": ("html", "render", {}),
    "statistics": ("statistics", "render", {}),
    "batch-table": ("batch_table", "render_table", {}),
    "batch-statistics": ("batch_table", "render_statistics", {}),
    "summary-text": ("summary", "render", {"fmt": "text"}),
    "summary-markdown": ("summary", "render", {"fmt": "markdown"}),
    "summary-json": ("summary", "render", {"fmt": "json"}),
    "summary-html": ("summary", "render", {"fmt": "html"}),
    "eval-text": ("eval", "render_text", {}),
    "eval-json": ("eval", "render_json", {}),
    "config": ("config", "render", {}),
    "outline-text": ("outline", "render_outline", {"fmt": "text"}),
    "outline-json": ("outline", "render_outline", {"fmt": "json"}),
    "tags-text": ("outline", "render_tags", {"fmt": "text"}),
    "tags-json": ("outline", "render_tags", {"fmt": "json"}),
    "rules-text": ("rules", "render_rules", {"fmt": "text"}),
    "rules-json": ("rules", "render_rules", {"fmt": "json"}),
    "rule-text": ("rules", "render_rule", {"fmt": "text"}),
    "rule-json": ("rules", "render_rule", {"fmt": "json"}),
}
_EXTRA: dict = {}  # name -> object with render(), registered in-process
FORMATS = FINDINGS_FORMATS  # the findings formats (kept for callers of the old name)


class _Renderer:
    def __init__(self, render):
        self.render = render


def register(name: str, renderer) -> None:
    """Add an output format in-process (``renderer``: anything with ``render(data, stream, **opts)``)."""
    _EXTRA[name] = renderer


def unregister(name: str) -> None:
    _EXTRA.pop(name, None)


def get(name: str):
    if name in _EXTRA:
        return _EXTRA[name]
    if name not in REGISTRY:
        raise KeyError(name)
    module, func, fixed = REGISTRY[name]
    mod = importlib.import_module(f"{__name__}.{module}")
    if func == "render" and not fixed:
        return mod
    return _Renderer(functools.partial(getattr(mod, func), **fixed))
