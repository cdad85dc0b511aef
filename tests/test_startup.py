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
        assert "yaml" not in mods or run == "cold"  # warm runs read the parsed-rules cache


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


# ---------------------------------------------------------------- the parsed-rules cache

def _rule_view(rs):
    rules = [(r.code, r.name, r.kind, r.severity, r.scope, r.message, r.description, r.reference, r.path,
              repr(sorted(r.options.items())), tuple(p.pattern for p in r.exceptions), r.examples, r.fix_safe)
             for r in rs.rules]
    return rules, rs.profiles, rs.digest


def test_cached_rules_equal_freshly_parsed_ones(tmp_path, monkeypatch):
    from reportlint import rulecache
    from reportlint.rulefile import load_rules

    monkeypatch.setenv("REPORTLINT_CACHE", str(tmp_path / "cache"))
    fresh = load_rules([], verify=True)
    first = rulecache.load_cached([])  # parses, verifies, writes the cache
    files = os.listdir(tmp_path / "cache")
    assert [f for f in files if f.startswith("rules-")], files
    calls = []
    monkeypatch.setattr("reportlint.rulefile.verify_examples", lambda *a, **k: calls.append(1))
    import yaml

    monkeypatch.setattr(yaml, "load", lambda *a, **k: pytest.fail("YAML parsed on a cache hit"))
    second = rulecache.load_cached([])
    assert calls == []  # verified once, not again
    assert _rule_view(fresh) == _rule_view(first) == _rule_view(second)
    assert {r.code for r in fresh.rules} == {r.code for r in second.rules} and len(fresh.rules) > 40


def test_rules_cache_follows_rule_edits(tmp_path, monkeypatch):
    from reportlint import rulecache

    monkeypatch.setenv("REPORTLINT_CACHE", str(tmp_path / "cache"))
    user = tmp_path / "my-rules" / "XX"
    user.mkdir(parents=True)
    rule = ("code: XX001\nname: 测试规则\nkind: regex\nseverity: warning\nmessage: 发现“{match}”\n"
            "pattern: 'WORD'\nexamples: {bad: ['WORD出现了'], good: ['没有']}\n")
    (user / "XX001.yaml").write_text(rule.replace("WORD", "甲乙"), encoding="utf-8")
    folder = [str(tmp_path / "my-rules")]
    a = rulecache.load_cached(folder)
    assert a.by_code()["XX001"].options["pattern"] == "甲乙"
    (user / "XX001.yaml").write_text(rule.replace("WORD", "丙丁"), encoding="utf-8")
    b = rulecache.load_cached(folder)
    assert b.by_code()["XX001"].options["pattern"] == "丙丁"
    (user / "XX001.yaml").write_text(rule.replace("WORD", "甲乙").replace("good: ['没有']", "good: ['甲乙']"),
                                     encoding="utf-8")
    from reportlint.errors import RuleFileError

    with pytest.raises(RuleFileError):  # a changed file is verified again
        rulecache.load_cached(folder)


def test_yaml_that_json_cannot_carry_round_trips():
    import datetime

    from reportlint import rulecache

    data = {"fonts": {1: ["黑体"], 2: ["楷体"]}, "when": datetime.date(2025, 1, 2), "x": [1, 2.5, None, True],
            "\0map": "a key that looks like a tag"}
    back = rulecache._decode(json.loads(json.dumps(rulecache._encode(data))))
    assert back == data and type(back["when"]) is datetime.date


# ---------------------------------------------------------------- compiled regular expressions

def test_regex_cache_rebuilds_the_same_patterns(tmp_path, monkeypatch):
    import re
    from re import _compiler

    from reportlint import recache, rulecache
    from reportlint.checks._util import required_strings
    from reportlint.safe_regex import check_pattern

    if not recache.supported():
        pytest.skip("re internals of this Python are not cached")
    monkeypatch.setenv("REPORTLINT_CACHE", str(tmp_path / "cache"))
    rulecache.load_cached([])
    (name,) = [f for f in os.listdir(tmp_path / "cache") if f.startswith("rules-")]
    with open(tmp_path / "cache" / name, encoding="utf-8") as fh:
        data = json.load(fh)["regex"]
    assert len(data["patterns"]) > 200 and data["memo"]["checked"] and data["memo"]["literals"]
    with open(SAMPLE, encoding="utf-8") as fh:
        text = fh.read()
    monkeypatch.setattr(re, "_cache", {})
    assert recache.install(data) == len(data["patterns"])
    for pattern, flags, *_ in data["patterns"]:
        got = re._cache[(str, pattern, flags)]
        want = _compiler.compile(pattern, flags)
        assert (got.pattern, got.flags, got.groups, dict(got.groupindex)) == \
               (want.pattern, want.flags, want.groups, dict(want.groupindex))
        assert [m.span() for m in got.finditer(text)] == [m.span() for m in want.finditer(text)], pattern
    for pattern, lits in data["memo"]["literals"].items():
        assert required_strings(pattern) == lits
    for pattern, lits in data["memo"]["literals-i"].items():
        assert required_strings(pattern, True) == lits
    for pattern in data["memo"]["checked"]:
        check_pattern(pattern, "x", "y")  # would raise if it were not safe


def test_broken_regex_entries_are_skipped(monkeypatch):
    import re

    from reportlint import recache

    if not recache.supported():
        pytest.skip("re internals of this Python are not cached")
    monkeypatch.setattr(re, "_cache", {})
    good = recache.snapshot([("中+文", 0)])
    assert good["patterns"]
    bad = [list(good["patterns"][0]) for _ in range(3)]
    bad[0][3] = "AAAA"  # code that _sre rejects
    bad[1][2] = 12345  # flags that do not match
    bad[2] = ["x"]  # malformed
    assert recache.install({"patterns": bad}) == 0 and not re._cache
    assert recache.install(good) == 1 and re.compile("中+文").findall("中中文") == ["中中文"]
