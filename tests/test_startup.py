"""Start-up of ``check``: what it imports, and the caches that keep it short give the same answers.

No wall-clock assertions here: timings live in ``benchmarks/run.py``.
"""
import glob
import io
import json
import os
import shutil
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLE = os.path.join(ROOT, "reportlint", "data", "sample.txt")
HEAVY = ("sklearn", "scipy", "spacy", "numpy", "docx", "lxml", "jieba", "pandas", "torch")


def _modules_after(argv, env=None, cwd=ROOT):
    """Run ``reportlint <argv>`` in a fresh interpreter; return (exit code, sorted sys.modules)."""
    code = ("import sys, json\n"
            "from reportlint.cli import main\n"
            "rc = main(sys.argv[2:])\n"
            "sys.stdout.flush()\n"
            "with open(sys.argv[1], 'w') as fh: json.dump(sorted(sys.modules), fh)\n"
            "sys.exit(rc)\n")
    out = os.path.join(env["REPORTLINT_CACHE"], "modules.json")
    p = subprocess.run([sys.executable, "-c", code, out, *argv], cwd=cwd, env=env,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert p.returncode in (0, 1), p.stderr
    with open(out) as fh:
        return p.returncode, set(json.load(fh)), p.stdout


@pytest.fixture
def env(tmp_path):
    e = dict(os.environ)
    e["REPORTLINT_CACHE"] = str(tmp_path / "cache")
    os.makedirs(e["REPORTLINT_CACHE"])
    for k in ("REPORTLINT_TOKENIZER", "FORCE_COLOR", "TTY_COMPATIBLE"):
        e.pop(k, None)
    return e


def _tops(mods):
    return {m.split(".")[0] for m in mods}


def test_check_imports_nothing_heavy(env):
    for run in ("cold", "warm"):  # first run fills the caches, the second reads them
        rc, mods, out = _modules_after(["check", SAMPLE], env)
        assert rc == 1 and "PH001" in out
        heavy = sorted(_tops(mods) & set(HEAVY))
        assert heavy == [], f"{run}: {heavy}"
        assert "rjieba" in mods  # the fast engine, not stock jieba
        assert "rich.console" not in mods  # output is a pipe: plain text without rich
        # (yaml: see the parsed-rules cache)


def test_tag_and_json_output_import_nothing_heavy(env):
    _, mods, _ = _modules_after(["check", "--format", "json", SAMPLE], env)
    assert not _tops(mods) & set(HEAVY) and "rich.console" not in mods
    _, mods, out = _modules_after(["tag", SAMPLE], env)
    assert not _tops(mods) & set(HEAVY)
    assert out.strip()


# ---------------------------------------------------------------- the compact model cache

def test_compact_model_gives_the_json_models_numbers(tmp_path, monkeypatch):
    from reportlint.classify import predict as P
    from reportlint.classify.features import featurize

    monkeypatch.setenv("REPORTLINT_CACHE", str(tmp_path / "cache"))
    src = tmp_path / "model.json"
    shutil.copy(P.MODEL_PATH, src)
    plain = P.load_model(str(src))
    built = P._load_compact(str(src))  # parses the JSON, writes the cache
    assert built._dict is not None
    cached = P._load_compact(str(src))  # from the cache file
    assert cached._dict is None, "the cache file was not used"
    assert isinstance(cached, P.CompactModel) and cached["labels"] == plain["labels"]
    assert dict(cached) == plain  # every key, every weight, exactly
    texts = []
    for path in sorted(glob.glob(os.path.join(ROOT, "corpora", "reports", "**", "*.txt"), recursive=True))[:25]:
        with open(path, encoding="utf-8") as fh:
            texts += [t for t in fh.read().split("\n") if t.strip()]
    assert len(texts) > 500
    for t in texts:
        assert P.predict_proba(t, cached) == P.predict_proba(t, plain), t
    assert featurize(texts[0])  # sanity: the probe paragraphs have features


def test_compact_model_cache_is_rebuilt_when_stale_or_broken(tmp_path, monkeypatch):
    from reportlint.classify import predict as P

    monkeypatch.setenv("REPORTLINT_CACHE", str(tmp_path / "cache"))
    src = tmp_path / "model.json"
    model = P.load_model(P.MODEL_PATH)
    src.write_text(json.dumps(model), encoding="utf-8")
    P._load_compact(str(src))
    cpath = P._compact_path(str(src), os.stat(src))
    model["intercept"] = [x + 1.0 for x in model["intercept"]]
    src.write_text(json.dumps(model) + " ", encoding="utf-8")  # new size and mtime
    again = P._load_compact(str(src))
    assert again._dict is not None and again["intercept"] == model["intercept"]
    with open(cpath, "r+b") as fh:  # truncate the cache file: it must be ignored, then rewritten
        fh.truncate(100)
    third = P._load_compact(str(src))
    assert third._dict is not None and third["intercept"] == model["intercept"]
    assert P._load_compact(str(src))._dict is None


def test_unwritable_cache_folder_still_works(tmp_path, monkeypatch):
    from reportlint.classify import predict as P

    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("REPORTLINT_CACHE", str(blocker / "cache"))  # cannot be created
    m = P._load_compact(P.MODEL_PATH)
    assert m["labels"] == P.load_model(P.MODEL_PATH)["labels"]


# ---------------------------------------------------------------- plain text output

def _both(reports):
    from reportlint.formatters import text as T

    a, b = io.StringIO(), io.StringIO()
    orig = T._plain
    try:
        T._plain = lambda stream, color: False  # through rich, to a non-terminal
        T.render(reports, a, color=None)
    finally:
        T._plain = orig
    T.render_plain(reports, b)
    return a.getvalue(), b.getvalue()


def test_plain_text_output_equals_rich_on_a_pipe(monkeypatch):
    from reportlint import api
    from reportlint.finding import Finding
    from reportlint.report import FileReport

    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("TTY_COMPATIBLE", raising=False)
    files = sorted(glob.glob(os.path.join(ROOT, "corpora", "reports", "**", "*.txt"), recursive=True))[:30]
    reports = [api.check_file(f) for f in files] + [api.check_file(SAMPLE)]
    assert sum(len(r.findings) for r in reports) > 30
    a, b = _both(reports)
    assert a == b
    nasty = ["a\tb", "[bold]x[/bold]", "\x07bell\x08\x0b\x0c\rcr", "emoji😀", "comb\u0301ined", "\x1b[31mansi",
             "zero\u200bwidth", "trail   ", "\x00nul", "\x1c\x1d", "中文\t混排\t", "\t\t", "x\ny\tz", "🙂\t"]
    fs, lines = [], {}
    for i, x in enumerate(nasty):
        fs.append(Finding("PH001", ("error", "warning", "info")[i % 3], f"提示 {x}", f"p{x}.txt", 0, 3, i + 1,
                          2, i + 1, 4, x, "名称", suggestion=f"建议{x}", location=(x if i % 3 == 0 else "")))
        lines[i + 1] = f"第{i}行 {x} 结束"
    for group in ([FileReport("路径" + "".join(nasty), fs, profile="工作总结", profile_confidence=0.5,
                              encoding="utf-8", lines=lines),
                   FileReport("坏\x07[b]\tx", error="读不了\r[red]x"), FileReport("干净")],
                  [FileReport("干净")], [FileReport("坏", error="读不了")], []):
        a, b = _both(group)
        assert a == b


def test_terminal_or_forced_colour_goes_through_rich(monkeypatch):
    from reportlint.formatters import text as T

    class Tty(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("TTY_COMPATIBLE", raising=False)
    assert T._plain(io.StringIO(), None) and T._plain(io.StringIO(), False)
    assert not T._plain(Tty(), None) and not T._plain(io.StringIO(), True)
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert not T._plain(io.StringIO(), None)
    monkeypatch.setenv("TTY_COMPATIBLE", "0")
    assert T._plain(Tty(), None)
