"""Check kinds describe themselves: options with type, default and doc; the rules README table is
generated from those descriptions; kinds read the analysis context and never write onto the document."""
from __future__ import annotations

import ast
import inspect
import os

import pytest

from reportlint.checks import KINDS
from reportlint.checks._spec import Opt
from reportlint.formatters import kinds as kinds_table

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
README = os.path.join(ROOT, "rules", "README.md")


def test_rules_readme_kind_table_is_generated_from_the_kinds():
    with open(README, encoding="utf-8") as fh:
        text = fh.read()
    assert kinds_table.replace_table(text) == text, (
        "rules/README.md 的 kind 表已过时：运行 python -m reportlint.formatters.kinds rules/README.md")


@pytest.mark.parametrize("name", sorted(KINDS))
def test_kind_describes_itself(name):
    mod = KINDS[name]
    assert isinstance(mod.SUMMARY, str) and mod.SUMMARY
    assert mod.OPTIONS, "every kind has at least one option"
    for key, opt in mod.OPTIONS.items():
        assert isinstance(opt, Opt), key
        assert opt.doc, f"{name}.{key} has no doc"
        assert not (opt.required and opt.default is not None), f"{name}.{key}: required with a default"
    assert set(inspect.signature(mod.run).parameters) == {"rule", "ctx", "units"}


def _literal_defaults(mod) -> dict[str, set]:
    """``options.get("key", literal)`` / ``o.get("key", literal)`` calls in a kind's source."""
    found: dict[str, set] = {}
    for node in ast.walk(ast.parse(inspect.getsource(mod))):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get"
                and len(node.args) == 2 and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[1], ast.Constant)):
            found.setdefault(node.args[0].value, set()).add(node.args[1].value)
    return found


@pytest.mark.parametrize("name", sorted(KINDS))
def test_documented_defaults_are_the_ones_the_code_uses(name):
    mod = KINDS[name]
    for key, values in _literal_defaults(mod).items():
        if key not in mod.OPTIONS:
            continue
        default = mod.OPTIONS[key].default
        if len(values) > 1:  # a default that depends on another option: documented in the doc line
            assert default is None, f"{name}.{key}"
        else:
            assert values == {default}, f"{name}.{key}: code uses {values}, OPTIONS says {default!r}"


def test_kinds_never_write_onto_the_document():
    from reportlint.context import Analysis
    from reportlint.engine import check_document
    from reportlint.outline import build
    from reportlint.rulecache import load_ruleset

    rs = load_ruleset()
    text = ("关于2024年工作的总结\n一、基本情况\n全县共有学校12所。有效的掌握了技能。\n"
            "二、主要做法\n（一）抓队伍。组织培训3次。成效显著。\n二、存在问题\n经费不足。\n")
    doc = build(text, profiles=rs.profiles)
    doc.position(0), doc.part_at(0)  # the document's own lazy caches
    before = dict(doc.__dict__)
    labelled, tagged = [], []
    ctx = Analysis(doc, labeller=labelled.append, tokenizer=lambda t: tagged.append(t) or [(t, "x")])
    check_document(doc, rs, select=["ALL"], context=ctx)
    assert dict(doc.__dict__).keys() == before.keys()
    assert labelled == [doc], "the labeller the context was given labels the document, once"
    assert tagged, "part-of-speech rules use the tokenizer the context was given"
