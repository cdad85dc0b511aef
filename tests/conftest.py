"""Shared test set-up: every test gets its own reportlint cache folder; one classifier fit per session."""
from types import SimpleNamespace

import pytest


# Slow by nature (a wheel install, a real browser, 1,000s of random inputs, benchmark runs, the whole
# corpus through both tokenizers): marked ``slow`` here, so ``pytest -m "not slow"`` is the fast part.
# Single slow tests elsewhere carry ``@pytest.mark.slow`` themselves (the classifier fits).
SLOW_MODULES = {"test_install.py", "test_html_browser.py", "test_fuzz.py", "test_bench_smoke.py"}
SLOW_TESTS = {"test_corpus_paragraphs_identical"}


def pytest_collection_modifyitems(items):
    for item in items:
        if item.path.name in SLOW_MODULES or item.name in SLOW_TESTS:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path, monkeypatch):
    """Keep the user's ~/.cache/reportlint out of the tests (rules, results, model caches)."""
    monkeypatch.setenv("REPORTLINT_CACHE", str(tmp_path / "reportlint-cache"))


@pytest.fixture(scope="session")
def fitted_model(tmp_path_factory):
    """The classifier trained once for the whole session (``reportlint.classify.train.train``), with
    the fitted scikit-learn objects of the content model it exported: ``model`` (plain data), ``vec``,
    ``clf``."""
    pytest.importorskip("sklearn")
    from reportlint.classify import train as trainmod

    fits = []
    real_fit = trainmod._fit
    mp = pytest.MonkeyPatch()
    mp.setenv("REPORTLINT_CACHE", str(tmp_path_factory.mktemp("reportlint-cache")))
    mp.setattr(trainmod, "_fit", lambda *a, **k: fits.append(real_fit(*a, **k)) or fits[-1])
    try:
        model = trainmod.train()
    finally:
        mp.undo()
    vec, clf = fits[-2]  # the last two fits are the shipped content model and context prior
    return SimpleNamespace(model=model, vec=vec, clf=clf)


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


def compiled_helpers(*names):
    """The compiled extension ``reportlint_native`` (native/), for the tests that compare it with its
    pure-Python twins: fails when a C compiler is here but the extension (or one of ``names``) is
    missing — `make` builds it — and skips only on a machine that cannot build it; fails too when
    ``REPORTLINT_CORE=pure`` hides it from reportlint."""
    import shutil

    from reportlint import compiled

    try:
        import reportlint_native
        for name in names:
            getattr(reportlint_native, name)
    except (ImportError, AttributeError):
        if shutil.which("gcc") or shutil.which("cc"):
            pytest.fail("a C compiler is here but native/ is not installed (or is an old build): "
                        "run `make .venv/.installed-test` (it builds native/)")
        pytest.skip("no C compiler on this machine: only the pure-Python twin can run")
    compiled.reset()
    if compiled.function("sums") is None:
        pytest.fail("REPORTLINT_CORE=pure is set: the compiled helpers cannot be compared with their twins")
    return reportlint_native


def corpus_paragraphs() -> list[str]:
    """Every non-empty line of the corpus reports (.txt and .md), in file order."""
    import glob
    import os

    root = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "corpora", "reports")
    out = []
    for path in sorted(glob.glob(os.path.join(root, "**", "*.txt"), recursive=True)
                       + glob.glob(os.path.join(root, "**", "*.md"), recursive=True)):
        with open(path, encoding="utf-8") as fh:
            out += [line for line in fh.read().split("\n") if line.strip()]
    return out
