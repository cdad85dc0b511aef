"""Presentation: every renderer of reportlint behind one registry.

``get(name)`` returns an object with ``render(data, stream, **opts)``:

* findings formats (``check`` / ``batch --format``): ``render(reports, stream, fmt=…, color=…,
  ruleset=…, fail_on=…)`` — text, concise, json, jsonl, csv, sarif, junit, github, html;
* ``statistics`` (``check --statistics``), ``batch-table`` and ``batch-statistics`` (``batch``);
* ``summary-text|markdown|json|html`` (``summary``), ``eval-text|json`` (``eval``), ``config``;
* ``outline-*`` / ``tags-*`` / ``rules-*`` / ``rule-*`` (``outline``, ``tag``, ``rules``).

A new output format = one module here with a ``render`` function + its line in ``REGISTRY``
(or :func:`register` at run time); ``check``/``batch --format`` and the ``format``
configuration key take their choices from :func:`findings_formats`. Modules are imported on
first use, so listing formats costs nothing.
"""
from __future__ import annotations

import functools
import importlib

FINDINGS = "findings"  # the group of formats ``check`` and ``batch`` offer with --format

REGISTRY: dict[str, tuple[str, str, dict, str | None]] = {
    # name -> (module, function, fixed keyword arguments, --format group or None)
    "text": ("text", "render", {}, FINDINGS),
    "concise": ("concise", "render", {}, FINDINGS),
    "json": ("json_", "render", {}, FINDINGS),
    "jsonl": ("json_", "render", {}, FINDINGS),
    "csv": ("csv", "render", {}, FINDINGS),
    "sarif": ("sarif", "render", {}, FINDINGS),
    "junit": ("junit", "render", {}, FINDINGS),
    "github": ("github", "render", {}, FINDINGS),
    "html": ("html", "render", {}, FINDINGS),
    "xlsx": ("xlsx", "render", {}, FINDINGS),  # binary: needs -o (``BINARY``)
    "statistics": ("statistics", "render", {}, None),
    "batch-table": ("batch_table", "render_table", {}, None),
    "batch-statistics": ("batch_table", "render_statistics", {}, None),
    "summary-text": ("summary", "render", {"fmt": "text"}, None),
    "summary-markdown": ("summary", "render", {"fmt": "markdown"}, None),
    "summary-json": ("summary", "render", {"fmt": "json"}, None),
    "summary-html": ("summary", "render", {"fmt": "html"}, None),
    "eval-text": ("eval", "render_text", {}, None),
    "eval-json": ("eval", "render_json", {}, None),
    "eval-table-text": ("eval", "render_table", {}, None),
    "eval-table-json": ("eval", "render_json", {}, None),
    "config": ("config", "render", {}, None),
    "outline-text": ("outline", "render_outline", {"fmt": "text"}, None),
    "outline-json": ("outline", "render_outline", {"fmt": "json"}, None),
    "tags-text": ("outline", "render_tags", {"fmt": "text"}, None),
    "tags-json": ("outline", "render_tags", {"fmt": "json"}, None),
    "rules-text": ("rules", "render_rules", {"fmt": "text"}, None),
    "rules-json": ("rules", "render_rules", {"fmt": "json"}, None),
    "rule-text": ("rules", "render_rule", {"fmt": "text"}, None),
    "rule-json": ("rules", "render_rule", {"fmt": "json"}, None),
    "kinds-markdown": ("kinds", "render", {}, None),
    "similar-text": ("similar", "render_text", {}, None),
    "similar-json": ("similar", "render_json", {}, None),
    "similar-xlsx": ("similar", "render_xlsx", {}, None),
}
SUMMARY_FORMATS = tuple(n[len("summary-"):] for n in REGISTRY if n.startswith("summary-"))
_EXTRA: dict = {}  # name -> (object with render(), --format group), registered in-process


class _Renderer:
    def __init__(self, render):
        self.render = render


def findings_formats() -> tuple[str, ...]:
    """What ``check --format`` and ``batch --format`` accept (and the ``format`` configuration key)."""
    return tuple(n for n, e in REGISTRY.items() if e[3] == FINDINGS) + tuple(
        n for n, (_, group) in _EXTRA.items() if group == FINDINGS and n not in REGISTRY)


def register(name: str, renderer, group: str | None = FINDINGS) -> None:
    """Add an output format in-process (``renderer``: anything with ``render(data, stream, **opts)``)."""
    _EXTRA[name] = (renderer, group)


def unregister(name: str) -> None:
    _EXTRA.pop(name, None)


def is_binary(name: str) -> bool:
    """True when the format writes bytes (the workbook): ``-o`` is opened in binary mode."""
    return bool(getattr(get(name), "BINARY", False))


def console(file, color: bool | None = None, **kw):
    """The rich Console every terminal renderer prints through: ``color=False`` (``--no-color``)
    writes no escape codes at all — no colour, no bold, no underline."""
    from rich.console import Console

    if color is False:
        kw["color_system"] = None
    return Console(file=file, **kw)


def get(name: str):
    if name in _EXTRA:
        return _EXTRA[name][0]
    if name not in REGISTRY:
        raise KeyError(name)
    module, func, fixed, _ = REGISTRY[name]
    mod = importlib.import_module(f"{__name__}.{module}")
    if func == "render" and not fixed:
        return mod
    return _Renderer(functools.partial(getattr(mod, func), **fixed))
