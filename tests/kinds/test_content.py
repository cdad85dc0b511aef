"""Kind ``content``: (options, text, excerpts it reports[, build options]) — one row per behaviour."""
import pytest

from .kindcase import run_case

KIND = "content"
CASES = [
    ({"check": "no_figure"}, "一、基本情况\n全县共有学校12所。\n二、取得的成效\n群众满意度明显提升，工作取得了新进展。\n", ["二、取得的成效"]),
    ({"check": "no_figure"}, "一、基本情况\n全县共有学校12所。\n二、取得的成效\n群众满意度提升至98%。\n", []),
]


@pytest.mark.parametrize("case", CASES, ids=[c[1][:16] for c in CASES])
def test_case(case):
    run_case(KIND, case)


TEXT = ("2025年工作总结\n一、主要成效\n全年完成培训12场，覆盖率达到95%。\n群众满意度提升至98%。\n"
        "二、存在的问题\n人员力量还不足，经费保障有待加强。\n三、下一步打算\n明年将继续加大培训力度。\n")


def _run(select, monkeypatch):
    from reportlint.checks import content
    from reportlint.context import Analysis
    from reportlint.engine import check_document
    from reportlint.outline import build
    from reportlint.rulecache import load_ruleset

    rs = load_ruleset()
    doc = build(TEXT, profiles=rs.profiles)
    found, labelled = [], []
    real = content._sections
    monkeypatch.setattr(content, "_sections", lambda d, p: found.append(d) or real(d, p))

    def labeller(d):
        from reportlint.classify.predict import tag_document

        labelled.append(d)
        tag_document(d)

    ctx = Analysis(doc, labeller=labeller)
    findings = check_document(doc, rs, select=select, context=ctx)
    return doc, found, labelled, findings, real(doc, ctx.profile)


def test_sections_found_once_per_document_for_all_cls_rules(monkeypatch):
    doc, found, labelled, findings, sections = _run(["CLS"], monkeypatch)
    assert found == [doc] and labelled == [doc]
    assert [(h.text, role, [p.text for p in ps]) for h, role, ps in sections] == [
        ("主要成效", "outcome", ["全年完成培训12场，覆盖率达到95%。", "群众满意度提升至98%。"]),
        ("存在的问题", "problem", ["人员力量还不足，经费保障有待加强。"]),
        ("下一步打算", "plan", ["明年将继续加大培训力度。"])]
    assert [f.code for f in findings] == []


def test_cls002_needs_no_labels(monkeypatch):
    doc, found, labelled, findings, _ = _run(["CLS002"], monkeypatch)
    assert found == [doc] and labelled == []
    assert all(p.label is None for p in doc.paragraphs)
