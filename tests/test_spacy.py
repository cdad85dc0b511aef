"""The spaCy component: entry-point registration, span groups and labels on the bundled sample.

Skipped only when spaCy is not installed (``make test`` installs it through the ``test`` extra).
"""
import os

import pytest

spacy = pytest.importorskip("spacy")

import reportlint  # noqa: E402

SAMPLE = os.path.join(os.path.dirname(reportlint.__file__), "data", "sample.txt")
JIEBA = {"nlp": {"tokenizer": {"segmenter": "jieba"}}}  # spaCy's zh default segmenter is "char"
LABELS = {"background", "practice", "outcome", "insight", "problem", "plan", "other"}


@pytest.fixture(scope="module")
def text():
    with open(SAMPLE, encoding="utf-8") as fh:
        return fh.read()


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("zh", config=JIEBA)
    assert nlp.tokenizer.segmenter == "jieba"
    nlp.add_pipe("reportlint")  # found through the spacy_factories entry point
    return nlp


@pytest.fixture(scope="module")
def doc(nlp, text):
    return nlp(text)


def test_registered_through_entry_point():
    from importlib.metadata import entry_points

    eps = {ep.name: ep.value for ep in entry_points(group="spacy_factories")}
    assert eps.get("reportlint") == "reportlint.spacy_component:make_component"
    assert "reportlint" in spacy.blank("zh").factory_names


def test_span_group_matches_findings(doc, text):
    report = reportlint.check_text(text)
    group = doc.spans["reportlint"]
    assert len(group) == len(report.findings) > 0
    labels = [s.label_ for s in group]
    assert set(labels) >= {"PH001", "PH002", "PH003", "PH004", "WM001", "WM002", "WM005"}
    for span, f in zip(group, report.findings):
        assert span.label_ == f.code
        assert span.start_char <= f.start and f.end <= span.end_char  # expanded to whole tokens
        assert span._.reportlint_message == f.message
        assert span._.reportlint_severity == f.severity
        assert span._.reportlint_rule == f.rule
    first = group[0]
    assert (first.label_, first.text, first.start_char) == ("PH001", "××", 0)
    assert doc._.reportlint_profile == "工作总结"


def test_two_findings_on_the_same_tokens_keep_their_messages(nlp):
    doc = nlp("关于工作的汇报\n更多范文请加QQ：2850013579\n")
    msgs = {(s.label_, s._.reportlint_message) for s in doc.spans["reportlint"]}
    assert len({m for _, m in msgs}) == len(msgs)


def test_paragraph_labels(doc, text):
    paras = doc._.reportlint_paragraphs
    assert paras and all(len(p) == 4 for p in paras)
    assert paras == [(t.start, t.end, t.label, t.confidence) for t in reportlint.tag(text)]
    lines = [ln.strip(" \u3000") for ln in text.split("\n")]
    got = [text[s:e] for s, e, _, _ in paras]
    assert all(g in lines for g in got)
    assert "一、基本情况" not in got and "街道辖区面积" in got[2] and got[-1] == "20XX年7月5日"
    assert {label for _, _, label, _ in paras} <= LABELS
    assert all(0 < c <= 1 for _, _, _, c in paras)
    assert paras[0][2] == "other"  # the title


def test_displacy_renders_the_spans(doc):
    from spacy import displacy

    html = displacy.render(doc, style="span", options={"spans_key": "reportlint"})
    assert "PH001" in html and "WM002" in html and "PH004" in html


def test_serialisation_keeps_spans_and_messages(nlp, doc):
    from spacy.tokens import Doc, DocBin

    again = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert [s.label_ for s in again.spans["reportlint"]] == [s.label_ for s in doc.spans["reportlint"]]
    assert again.spans["reportlint"][0]._.reportlint_message == doc.spans["reportlint"][0]._.reportlint_message
    db = DocBin(store_user_data=True, docs=[doc])
    back = next(DocBin().from_bytes(db.to_bytes()).get_docs(nlp.vocab))
    assert back.spans["reportlint"][-1]._.reportlint_message == doc.spans["reportlint"][-1]._.reportlint_message


def test_component_config_and_crlf(text):
    nlp = spacy.blank("zh", config=JIEBA)
    nlp.add_pipe("reportlint", config={"select": ["PH"], "severity": {"PH002": "info"}, "spans_key": "sc",
                                       "paragraphs": False})
    doc = nlp(text.replace("\n", "\r\n"))
    assert {s.label_ for s in doc.spans["sc"]} == {"PH001", "PH002", "PH003", "PH004"}
    assert [s.text for s in doc.spans["sc"]][:3] == ["××", "××", "×"]
    assert {s._.reportlint_severity for s in doc.spans["sc"] if s.label_ == "PH002"} == {"info"}
    assert doc._.reportlint_paragraphs is None


def test_bad_component_config_fails_at_add_pipe():
    nlp = spacy.blank("zh", config=JIEBA)
    with pytest.raises(reportlint.ConfigError):
        nlp.add_pipe("reportlint", config={"severity": {"PH001": "fatal"}})


def test_char_segmenter_works_too(text):
    nlp = spacy.blank("zh")
    nlp.add_pipe("reportlint", config={"select": ["WM"]})
    doc = nlp(text)
    assert "QQ：2850013579" in [s.text for s in doc.spans["reportlint"]]
