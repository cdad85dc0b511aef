"""Configuration: discovery, precedence (command line > file > defaults), every key, bad keys."""
import json
import os
import re

import pytest

from reportlint import config as cfgmod
from reportlint.options import Overrides
from reportlint.cli import main
from reportlint.errors import ConfigError

REPORT = "关于社区工作的汇报\n到社区报到×人。\n共走访XX户。\n"  # PH001 at 2:6, PH002 at 3:4


def write(path, text, encoding="utf-8"):
    os.makedirs(os.path.dirname(str(path)) or ".", exist_ok=True)
    with open(path, "w", encoding=encoding) as fh:
        fh.write(text)
    return str(path)


def run(capsys, *argv):
    rc = main([str(a) for a in argv])
    out = capsys.readouterr()
    return rc, out.out, out.err


def check(capsys, *argv):
    """Run ``check --format json``; return (exit code, {basename: [(code, severity), …]}, report dicts)."""
    rc, out, err = run(capsys, "check", "--format", "json", *argv)
    assert rc in (0, 1, 2), err
    files = json.loads(out)["files"]
    got = {os.path.basename(f["path"]): [(x["code"], x["severity"]) for x in f["findings"] if x["code"][:2] in ("PH", "ZZ", "SU")]
           for f in files}
    return rc, got, files


@pytest.fixture
def proj(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


# ---------------------------------------------------------------- discovery

def test_defaults_without_any_config(proj, capsys):
    write(proj / "r.txt", REPORT)
    rc, got, _ = check(capsys, "--select", "PH", proj / "r.txt")
    assert rc == 1 and got["r.txt"] == [("PH001", "error"), ("PH002", "error")]
    cfg = cfgmod.resolve(None, start=str(proj / "r.txt"))
    assert cfg.path is None and cfg.values == cfgmod.DEFAULTS
    assert set(cfg.sources.values()) == {"默认值"}


def test_nearest_config_wins_walking_up(proj):
    write(proj / "reportlint.toml", 'ignore = ["PH001"]\n')
    write(proj / "a" / "reportlint.toml", 'ignore = ["PH002"]\n')
    deep = write(proj / "a" / "b" / "c" / "r.txt", REPORT)
    top = write(proj / "x" / "r.txt", REPORT)
    assert cfgmod.find_config(deep) == str(proj / "a" / "reportlint.toml")
    assert cfgmod.find_config(top) == str(proj / "reportlint.toml")
    assert cfgmod.find_config(str(proj / "a" / "b")) == str(proj / "a" / "reportlint.toml")


def test_reportlint_toml_beats_pyproject_in_same_folder(proj):
    write(proj / "pyproject.toml", '[tool.reportlint]\nignore = ["PH001"]\n')
    write(proj / "reportlint.toml", 'ignore = ["PH002"]\n')
    assert cfgmod.find_config(str(proj / "r.txt")) == str(proj / "reportlint.toml")


def test_pyproject_without_our_table_is_skipped(proj):
    write(proj / "reportlint.toml", 'ignore = ["PH001"]\n')
    write(proj / "sub" / "pyproject.toml", '[project]\nname = "x"\n# reportlint is mentioned only here\n')
    write(proj / "sub2" / "pyproject.toml", '[tool.black]\nline-length = 99\n')
    assert cfgmod.find_config(str(proj / "sub" / "r.txt")) == str(proj / "reportlint.toml")
    assert cfgmod.find_config(str(proj / "sub2" / "r.txt")) == str(proj / "reportlint.toml")


def test_each_file_uses_its_own_nearest_config(proj, capsys):
    write(proj / "a" / "reportlint.toml", 'ignore = ["PH001"]\n')
    write(proj / "b" / "pyproject.toml", '[tool.reportlint]\nignore = ["PH002"]\n')
    write(proj / "a" / "x.txt", REPORT)
    write(proj / "b" / "y.txt", REPORT)
    rc, got, _ = check(capsys, "a/x.txt", "b/y.txt")
    assert got == {"x.txt": [("PH002", "error")], "y.txt": [("PH001", "error")]}
    rc, got2, _ = check(capsys, "b/y.txt", "a/x.txt")  # order does not matter
    assert got2 == got


def test_pyproject_subtables(proj, capsys):
    write(proj / "pyproject.toml", """[project]
name = "reports"

[tool.reportlint]
select = ["PH"]
fail-on = "error"

[tool.reportlint.severity]
PH001 = "info"

[tool.reportlint.per-file-ignores]
"模板/*.txt" = ["PH002"]
""")
    write(proj / "r.txt", REPORT)
    write(proj / "模板" / "t.txt", REPORT)
    rc, got, _ = check(capsys, "r.txt", "模板/t.txt")
    assert got == {"r.txt": [("PH001", "info"), ("PH002", "error")], "t.txt": [("PH001", "info")]}
    assert rc == 1
    rc, got, _ = check(capsys, "模板/t.txt")
    assert rc == 0  # only an info left; fail-on = error


def test_explicit_config_and_isolated(proj, capsys):
    write(proj / "reportlint.toml", 'ignore = ["PH001"]\n')
    other = write(proj / "conf" / "other.toml", 'ignore = ["PH002"]\n')
    write(proj / "r.txt", REPORT)
    assert check(capsys, "--select", "PH", "--isolated", "r.txt")[1]["r.txt"] == [("PH001", "error"), ("PH002", "error")]
    assert check(capsys, "--config", other, "r.txt")[1]["r.txt"] == [("PH001", "error")]
    rc, out, err = run(capsys, "check", "--config", "nope.toml", "r.txt")
    assert rc == 2 and "nope.toml" in err


def test_config_with_bom_or_gbk_from_windows_notepad(proj, capsys):
    write(proj / "a" / "reportlint.toml", '# 说明\nignore = ["PH001"]\n', encoding="utf-8-sig")
    write(proj / "b" / "reportlint.toml", '# 说明：忽略占位符\nignore = ["PH002"]\n', encoding="gbk")
    write(proj / "a" / "r.txt", REPORT)
    write(proj / "b" / "s.txt", REPORT)
    rc, got, _ = check(capsys, "a/r.txt", "b/s.txt")
    assert got == {"r.txt": [("PH002", "error")], "s.txt": [("PH001", "error")]}


# ---------------------------------------------------------------- precedence

def test_precedence_cli_over_file_over_defaults(proj, capsys):
    write(proj / "reportlint.toml", 'fail-on = "error"\nformat = "concise"\nyear = 2025\njobs = 3\nmax-size = 5\n'
                                    'profile = "述职报告"\n')
    rc, out, _ = run(capsys, "config", "--year", "2026", "--fail-on", "info", "--jobs", "1")
    lines = {ln.split()[0]: ln for ln in out.splitlines() if "=" in ln}
    conf = str(proj / "reportlint.toml")
    assert re.search(r"= 2026 .*来源：命令行", lines["year"])
    assert re.search(r'= "info" .*来源：命令行', lines["fail-on"])
    assert re.search(r"= 1 .*来源：命令行", lines["jobs"])
    assert re.search(r'= "concise" .*来源：' + re.escape(conf), lines["format"])
    assert re.search(r"= 5 .*来源：" + re.escape(conf), lines["max-size"])
    assert re.search(r'= "述职报告" .*来源：' + re.escape(conf), lines["profile"])
    assert re.search(r"= null .*来源：默认值", lines["select"])
    assert out.startswith(f"配置文件：{conf}")


def test_cli_select_starts_afresh_like_ruff(proj, capsys):
    write(proj / "reportlint.toml", 'select = ["PH", "WM"]\nignore = ["PH001"]\n')
    write(proj / "r.txt", REPORT)
    assert check(capsys, "r.txt")[1]["r.txt"] == [("PH002", "error")]
    # --select PH001 on the command line enforces PH001 and nothing else, despite the file's ignore
    assert check(capsys, "--select", "PH001", "r.txt")[1]["r.txt"] == [("PH001", "error")]
    # --extend-select re-enables a code the file ignores; --ignore adds to the file's ignores
    assert check(capsys, "--extend-select", "PH001", "r.txt")[1]["r.txt"] == [("PH001", "error"), ("PH002", "error")]
    assert check(capsys, "--ignore", "PH002", "r.txt")[1]["r.txt"] == []


def test_cli_select_and_ignore_sources(proj):
    write(proj / "reportlint.toml", 'ignore = ["PH001"]\nextend-select = ["WM"]\n')

    cfg = cfgmod.resolve(Overrides(ignore=["WM001"], extend_select=["PH"]), start=str(proj))
    assert cfg["ignore"] == ["WM001"]  # PH001 re-enabled by --extend-select PH
    assert cfg["extend-select"] == ["WM", "PH"]
    assert cfg.sources["extend-select"] == f"{proj / 'reportlint.toml'} + 命令行"


# ---------------------------------------------------------------- every key

def test_key_select_ignore_extend_select_and_rules(proj, capsys):
    rules = proj / "proj" / "我的规则" / "ZZ"
    write(rules / "ZZ001.yaml", """code: ZZ001
name: 测试规则
kind: regex
severity: warning
scope: paragraph
message: "测试：{match}"
pattern: 走访
enabled: false
examples:
  bad: [共走访5户。]
  good: [共调研5户。]
""")
    write(proj / "proj" / "reportlint.toml", 'rules = ["我的规则"]\nselect = ["PH002"]\n')
    write(proj / "proj" / "r.txt", REPORT)
    os.chdir(proj / "proj" / "我的规则")  # a relative rules path is relative to the config file, not the cwd
    target = str(proj / "proj" / "r.txt")
    assert check(capsys, target)[1]["r.txt"] == [("PH002", "error")]  # ZZ001 is off by default
    write(proj / "proj" / "reportlint.toml", 'rules = ["我的规则"]\nselect = ["PH002"]\nextend-select = ["ZZ001"]\n')
    assert check(capsys, target)[1]["r.txt"] == [("ZZ001", "warning"), ("PH002", "error")]
    write(proj / "proj" / "reportlint.toml", 'rules = ["我的规则"]\nextend-select = ["ZZ001"]\nignore = ["PH"]\n')
    assert check(capsys, target)[1]["r.txt"] == [("ZZ001", "warning")]


def test_key_per_file_ignores(proj, capsys):
    write(proj / "reportlint.toml", 'select = ["PH001", "PH002"]\n[per-file-ignores]\n"模板/*.txt" = ["PH"]\n'
                                    '"**/旧稿.txt" = ["PH002"]\n"单个.txt" = ["PH001"]\n')
    for p in ("模板/a.txt", "b/旧稿.txt", "旧稿.txt", "c/单个.txt", "正常.txt"):
        write(proj / p, REPORT)
    rc, got, _ = check(capsys, "模板/a.txt", "b/旧稿.txt", "旧稿.txt", "c/单个.txt", "正常.txt")
    assert got["a.txt"] == []  # per-file ignores win even over a more specific select
    assert got["旧稿.txt"] == [("PH001", "error")]
    assert got["单个.txt"] == [("PH002", "error")]  # a bare file name matches in any folder
    assert got["正常.txt"] == [("PH001", "error"), ("PH002", "error")]
    cfg = cfgmod.resolve(None, start=str(proj))
    assert cfg.per_file_codes(str(proj / "模板" / "a.txt")) == ["PH"]
    assert cfg.per_file_codes(str(proj / "b" / "旧稿.txt")) == ["PH002"]


def test_key_severity_per_code_and_family(proj, capsys):
    write(proj / "reportlint.toml", 'select = ["PH"]\n[severity]\nPH = "warning"\nPH001 = "info"\n')
    write(proj / "r.txt", REPORT)
    assert check(capsys, "r.txt")[1]["r.txt"] == [("PH001", "info"), ("PH002", "warning")]


def test_key_fail_on(proj, capsys):
    write(proj / "reportlint.toml", 'select = ["PH001"]\nfail-on = "error"\n[severity]\nPH001 = "warning"\n')
    write(proj / "r.txt", REPORT)
    assert check(capsys, "r.txt")[0] == 0
    assert check(capsys, "--fail-on", "warning", "r.txt")[0] == 1


def test_fail_on_is_per_file(proj, capsys):
    write(proj / "strict" / "reportlint.toml", 'select = ["PH"]\nfail-on = "info"\n[severity]\nPH = "info"\n')
    write(proj / "lax" / "reportlint.toml", 'select = ["PH"]\nfail-on = "error"\n[severity]\nPH = "warning"\n')
    write(proj / "strict" / "a.txt", REPORT)
    write(proj / "lax" / "b.txt", REPORT)
    assert check(capsys, "lax/b.txt")[0] == 0
    assert check(capsys, "lax/b.txt", "strict/a.txt")[0] == 1


def test_key_format(proj, capsys):
    write(proj / "reportlint.toml", 'format = "concise"\nselect = ["PH001"]\n')
    write(proj / "r.txt", REPORT)
    rc, out, _ = run(capsys, "check", "r.txt")
    assert out.splitlines()[0].startswith("r.txt:2:6: PH001 ")
    rc, out, _ = run(capsys, "check", "--format", "json", "r.txt")
    assert json.loads(out)["files"][0]["findings"][0]["code"] == "PH001"


def test_key_profile_and_year(proj, capsys):
    write(proj / "reportlint.toml", 'profile = "述职报告"\nyear = 2024\n')
    write(proj / "r.txt", REPORT)
    rc, got, files = check(capsys, "r.txt")
    assert files[0]["profile"] == "述职报告"
    opts = cfgmod.resolve(None, start=str(proj)).options_for(str(proj / "r.txt"))
    assert (opts.profile, opts.year) == ("述职报告", 2024)
    rc, got, files = check(capsys, "--profile", "工作总结", "r.txt")
    assert files[0]["profile"] == "工作总结"


def test_key_max_size(proj, capsys):
    write(proj / "reportlint.toml", "max-size = 0.00001\n")  # about 10 bytes
    write(proj / "r.txt", REPORT)
    rc, out, err = run(capsys, "check", "--format", "json", "r.txt")
    assert rc == 2 and json.loads(out)["files"][0]["error"]
    assert check(capsys, "--max-size", "1", "--select", "PH001", "r.txt")[0] == 1


def test_key_jobs(proj):
    write(proj / "reportlint.toml", "jobs = 2\n")
    assert cfgmod.resolve(None, start=str(proj))["jobs"] == 2


def test_every_key_is_known_and_documented_in_starter():
    for key in cfgmod.KEYS:
        assert re.search(rf"^#? ?\[?{re.escape(key)}\]?", cfgmod.STARTER, re.M), key
    assert set(cfgmod.KEYS) == set(cfgmod.DEFAULTS)


# ---------------------------------------------------------------- errors

@pytest.mark.parametrize("text, needle", [
    ('colour = "red"\n', "colour"),
    ('extend_select = ["PH"]\n', "extend-select"),  # a near miss gets a suggestion
    ('select = "PH"\n', "select"),
    ('select = ["P H"]\n', "select"),
    ('fail-on = "fatal"\n', "fail-on"),
    ('format = "pdf"\n', "format"),
    ("year = 26\n", "year"),
    ("jobs = -1\n", "jobs"),
    ("max-size = true\n", "max-size"),
    ('rules = ["不存在的文件夹"]\n', "rules"),
    ('[severity]\nPH001 = "fatal"\n', "severity.PH001"),
    ('[per-file-ignores]\n"a.txt" = "PH"\n', "per-file-ignores.a.txt"),
    ('[tool.reportlint]\nselect = ["PH"]\n', "tool.reportlint"),
    ('select = [PH]\n', "TOML"),
])
def test_bad_config_exits_2_naming_key_and_file(proj, capsys, text, needle):
    conf = write(proj / "reportlint.toml", text)
    write(proj / "r.txt", REPORT)
    rc, out, err = run(capsys, "check", "r.txt")
    assert rc == 2
    assert conf in err and needle in err, err
    rc, out, err = run(capsys, "config")
    assert rc == 2 and needle in err


def test_bad_key_in_pyproject_names_key_and_file(proj, capsys):
    conf = write(proj / "pyproject.toml", '[tool.reportlint]\nselect = ["PH"]\n\n[tool.reportlint.severty]\nPH001 = "info"\n')
    write(proj / "r.txt", REPORT)
    rc, out, err = run(capsys, "check", "r.txt")
    assert rc == 2 and "severty" in err and conf in err and "severity" in err


def test_unknown_profile_exits_2(proj, capsys):
    conf = write(proj / "reportlint.toml", 'profile = "年终报告"\n')
    write(proj / "r.txt", REPORT)
    rc, out, err = run(capsys, "check", "r.txt")
    assert rc == 2 and "年终报告" in err and conf in err
    rc, out, err = run(capsys, "check", "--isolated", "--profile", "年终奖", "r.txt")
    assert rc == 2 and "年终奖" in err


def test_validate_strips_codes_and_keeps_their_case():
    v = cfgmod.validate({"select": ["PH", " WM001 "], "severity": {" CL001": "info"},
                         "per-file-ignores": {"*.md": ["STR"]}}, "x.toml")
    assert v == {"select": ["PH", "WM001"], "severity": {"CL001": "info"}, "per-file-ignores": {"*.md": ["STR"]}}
    assert cfgmod.validate({"select": ["ph"]}, "x.toml") == {"select": ["ph"]}  # rejected later: check_codes
    with pytest.raises(ConfigError) as exc:
        cfgmod.validate({"selekt": []}, "x.toml")
    assert "selekt" in str(exc.value) and "x.toml" in str(exc.value) and "select" in str(exc.value)


# ---------------------------------------------------------------- config / init commands

def test_config_command_shows_sources_and_per_file_ignores(proj, capsys):
    conf = write(proj / "reportlint.toml", 'ignore = ["CL001"]\n[per-file-ignores]\n"模板/*" = ["PH"]\n')
    write(proj / "模板" / "t.txt", REPORT)
    rc, out, err = run(capsys, "config", "模板/t.txt", "--ignore", "WM")
    assert rc == 0
    assert re.search(r'ignore\s+= \["CL001", "WM"\]\s+# 来源：' + re.escape(conf) + r" \+ 命令行", out)
    assert "另外忽略：PH" in out
    rc, out, err = run(capsys, "config", "--isolated")
    assert "未找到" in out
    rc, out, err = run(capsys, "config", "没有这个文件夹")
    assert rc == 2


def test_init_writes_starter_and_refuses_to_overwrite(proj, capsys):
    rc, out, err = run(capsys, "init")
    assert rc == 0
    path = proj / "reportlint.toml"
    assert path.read_text(encoding="utf-8") == cfgmod.STARTER
    path.write_text("# mine\n", encoding="utf-8")
    rc, out, err = run(capsys, "init")
    assert rc == 2 and "--force" in err
    assert path.read_text(encoding="utf-8") == "# mine\n"
    rc, out, err = run(capsys, "init", "--force")
    assert rc == 0 and path.read_text(encoding="utf-8") == cfgmod.STARTER
    os.makedirs(proj / "sub")
    assert run(capsys, "init", "sub")[0] == 0 and (proj / "sub" / "reportlint.toml").exists()


def test_starter_is_valid_as_written_and_fully_uncommented(proj):
    conf = write(proj / "reportlint.toml", cfgmod.STARTER)
    assert cfgmod.validate(cfgmod.read_config(conf), conf) == {"fail-on": "warning"}
    os.makedirs(proj / "我的规则")
    setting = re.compile(r'^# ((\[[a-z-]+\])|([a-z-]+ = .*)|([A-Z]+[0-9]* = ".*")|(".*" = \[.*\]))$')
    text = "\n".join(ln[2:] if setting.match(ln) else ln for ln in cfgmod.STARTER.splitlines())
    conf = write(proj / "reportlint.toml", text)
    values = cfgmod.validate(cfgmod.read_config(conf), conf)
    assert set(values) == set(cfgmod.KEYS)


def test_pre_commit_hook_definition():
    import yaml

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    with open(os.path.join(root, ".pre-commit-hooks.yaml"), encoding="utf-8") as fh:
        [hook] = yaml.safe_load(fh)
    assert (hook["id"], hook["entry"], hook["language"]) == ("reportlint", "reportlint check", "python")
    files = re.compile(hook["files"])
    assert all(files.search(p) for p in ("a.txt", "报告/总结.md", "述职.docx"))
    assert not any(files.search(p) for p in ("setup.py", "a.doc", "a.txt.bak", "reportlint.toml"))


def test_broken_pyproject_only_matters_when_it_configures_reportlint(proj, capsys):
    write(proj / "reportlint.toml", 'ignore = ["PH001"]\n')
    write(proj / "other" / "pyproject.toml", "[project\nname = \n")  # not ours: skipped
    write(proj / "other" / "r.txt", REPORT)
    assert check(capsys, "other/r.txt")[1]["r.txt"] == [("PH002", "error")]
    conf = write(proj / "ours" / "pyproject.toml", '[tool.reportlint]\nselect = [PH]\n')
    write(proj / "ours" / "r.txt", REPORT)
    rc, out, err = run(capsys, "check", "ours/r.txt")
    assert rc == 2 and conf in err and "TOML" in err


# ---------------------------------------------------------------- unknown selectors are errors (issue 13)

SELECTOR_HINT = "不是已知的规则代码或前缀（最接近的是“{near}”"


@pytest.mark.parametrize("toml, bad, near", [
    ('select = ["PHX"]\n', "PHX", "PH"),
    ('select = ["ph"]\n', "ph", "PH"),
    ('ignore = ["CL01"]\n', "CL01", "CL001"),
    ('extend-select = ["SUPP"]\n', "SUPP", "SUP"),
    ('[severity]\nPHH = "info"\n', "PHH", "PH"),
    ('[per-file-ignores]\n"*.txt" = ["WMM"]\n', "WMM", "WM"),
])
def test_unknown_code_in_config_file_is_an_error(proj, capsys, toml, bad, near):
    conf = write(proj / "reportlint.toml", toml)
    write(proj / "r.txt", REPORT)
    rc, out, err = run(capsys, "check", "r.txt")
    assert rc == 2 and out == ""
    assert err.startswith(f"reportlint：{conf}：配置项“")
    assert f"“{bad}”" + SELECTOR_HINT.format(near=near) in err


def test_unknown_code_in_config_file_stops_batch_and_config(proj, capsys):
    conf = write(proj / "reportlint.toml", 'select = ["PHX"]\n')
    write(proj / "r.txt", REPORT)
    for argv in (["batch", ".", "-q", "--no-cache"], ["config", "r.txt"]):
        rc, out, err = run(capsys, *argv)
        assert rc == 2, argv
        assert f"{conf}：配置项“select”中的“PHX”" + SELECTOR_HINT.format(near="PH") in err


@pytest.mark.parametrize("argv, msg", [
    (["--select", "PHX"], "--select 中的“PHX”" + SELECTOR_HINT.format(near="PH")),
    (["--select", "ph"], "--select 中的“ph”" + SELECTOR_HINT.format(near="PH")),
    (["--ignore", "PH, WM0001"], "--ignore 中的“WM0001”" + SELECTOR_HINT.format(near="WM001")),
    (["--extend-select", "NOPE"], "--extend-select 中的“NOPE”不是已知的规则代码或前缀（可用的类别：CL、CLS、DUP、"),
    (["--select", ""], "--select 为空：这样不会检查任何规则"),
])
def test_unknown_code_on_command_line_is_an_error(proj, capsys, argv, msg):
    write(proj / "r.txt", REPORT)
    for cmd in (["check", "r.txt"], ["batch", ".", "-q", "--no-cache"]):
        rc, out, err = run(capsys, *cmd, "--isolated", *argv)
        assert (rc, out) == (2, ""), cmd
        assert err.startswith(f"reportlint：{msg}"), (cmd, err)
        assert "未发现问题" not in err


def test_selector_lists_tolerate_spaces(proj, capsys):
    write(proj / "r.txt", REPORT)
    rc_spaced, spaced = check(capsys, "--isolated", "--select", "PH, WM", "r.txt")[:2]
    rc_tight, tight = check(capsys, "--isolated", "--select", "PH,WM", "r.txt")[:2]
    assert spaced == tight and spaced["r.txt"] and rc_spaced == rc_tight == 1
    assert {c for c, _ in spaced["r.txt"]} <= {"PH001", "PH002", "WM001", "WM002", "WM003"}


def test_unknown_code_in_api_is_an_error():
    import reportlint

    with pytest.raises(ConfigError) as exc:
        reportlint.check_text("关于工作的汇报\n共走访XX户。\n", select=["NOPE"])
    assert str(exc.value).startswith("参数“select”中的“NOPE”不是已知的规则代码或前缀")
    with pytest.raises(ConfigError) as exc:
        reportlint.check_text("关于工作的汇报\n", ignore="PH, wmx")
    assert "参数“ignore”中的“wmx”" + SELECTOR_HINT.format(near="WM") in str(exc.value)
    with pytest.raises(ConfigError) as exc:
        reportlint.check_text("关于工作的汇报\n", severity={"PHX": "info"})
    assert "参数“severity”中的键“PHX”" in str(exc.value)


def test_sup001_and_prefixes_are_known_selectors(proj, capsys):
    write(proj / "r.txt", REPORT)
    for sel in ("SUP001", "SUP", "S", "PH0", "ALL"):
        assert run(capsys, "check", "--isolated", "--select", sel, "r.txt")[0] in (0, 1), sel


def test_per_file_ignores_globs_have_gitignore_semantics(proj):
    write(proj / "reportlint.toml", '[per-file-ignores]\n"模板/*.txt" = ["PH"]\n"往年/**" = ["NUM"]\n'
                                    '"**/附件/*.md" = ["STR"]\n')
    cfg = cfgmod.resolve(None, start=str(proj))
    assert cfg.per_file_codes(str(proj / "模板" / "a.txt")) == ["PH"]
    assert cfg.per_file_codes(str(proj / "模板" / "旧" / "a.txt")) == []  # * stays in one folder
    assert cfg.per_file_codes(str(proj / "往年" / "2024" / "一季度" / "a.txt")) == ["NUM"]  # ** crosses
    assert cfg.per_file_codes(str(proj / "甲" / "乙" / "附件" / "b.md")) == ["STR"]
    assert cfg.per_file_codes(str(proj / "附件" / "b.md")) == ["STR"]
