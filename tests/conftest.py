"""Shared test set-up: every test gets its own reportlint cache folder."""
import pytest


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path, monkeypatch):
    """Keep the user's ~/.cache/reportlint out of the tests (rules, results, model caches)."""
    monkeypatch.setenv("REPORTLINT_CACHE", str(tmp_path / "reportlint-cache"))


def positions(report):
    """(line, column, code) of every finding of a FileReport, the form most tests assert."""
    assert report.error is None, report.error
    return [(f.line, f.column, f.code) for f in report.findings]


def hits(text, select):
    """(line, column, code) of what the built-in rules named by ``select`` find in ``text``."""
    from reportlint import check_text

    return positions(check_text(text, select=select if isinstance(select, list) else [select]))


def excerpts(text, code):
    """The matched text of every finding of rule ``code``."""
    from reportlint import check_text

    return [f.excerpt for f in check_text(text, select=[code]).findings]


def assert_examples_hold(code):
    """The examples shipped in rule ``code``: it has both kinds, each bad one fires, each good one does not."""
    from reportlint.rulecache import load_ruleset

    rule = load_ruleset().by_code()[code]
    assert rule.examples["bad"] and rule.examples["good"]
    for ex in rule.examples["bad"]:
        assert hits(ex, code), ex
    for ex in rule.examples["good"]:
        assert hits(ex, code) == [], ex
