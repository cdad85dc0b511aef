"""The wheel ships its rules: a non-editable install works from another directory."""
import os
import shutil
import subprocess
import sys
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_wheel_contains_rules_and_runs_from_elsewhere(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(wheels), ROOT], check=True, capture_output=True)
    (whl,) = list(wheels.glob("reportlint-*.whl"))
    names = zipfile.ZipFile(whl).namelist()
    assert "reportlint/data/rules/PH/PH001.yaml" in names
    assert "reportlint/data/rules/profiles/工作总结.yaml" in names
    assert "reportlint/data/model.json" in names
    assert "reportlint/data/sample.txt" in names
    # the compiled helpers are built into the wheel when a C compiler is here (hatch_build.py)
    native = shutil.which("gcc") or shutil.which("cc")
    if native:
        assert "reportlint_native/__init__.py" in names
        assert any(n.startswith("reportlint_native/_core.") and n.endswith((".so", ".pyd")) for n in names)
        assert any(n.startswith("reportlint_native/_pairs.") and n.endswith((".so", ".pyd")) for n in names)
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(whl)],
                   check=True, capture_output=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    draft = elsewhere / "汇报.txt"
    draft.write_text("关于20XX年工作的汇报\n到社区报到×人。\n", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(target), REPORTLINT_CACHE=str(tmp_path / "cache"))
    out = subprocess.run([sys.executable, "-c",
                          "import reportlint.rulefile as r, sys; from reportlint.cli import main;"
                          "print(r.rules_root()); sys.exit(main(['check', '汇报.txt', '--format', 'concise',"
                          " '--select', 'PH']))"],
                         cwd=elsewhere, env=env, capture_output=True, text=True)
    lines = out.stdout.strip().splitlines()
    assert lines[0].startswith(str(target)), lines[0]
    assert lines[1:] == ["汇报.txt:1:3: PH003 错误 年份“20XX年”未填写",
                         "汇报.txt:2:6: PH001 错误 占位符“×”未替换为实际内容"]
    assert out.returncode == 1
    if native:  # the installed copy of the compiled core is the one reportlint uses
        env.pop("REPORTLINT_CORE", None)
        got = subprocess.run([sys.executable, "-c", "import reportlint_native as n; from reportlint import compiled;"
                              "print(n.__file__); print(compiled.function('content_sums') is n.content_sums)"],
                             cwd=elsewhere, env=env, capture_output=True, text=True)
        where, same = got.stdout.split()
        assert where.startswith(str(target)) and same == "True", got.stderr


def test_train_and_eval_without_scikit_learn_or_corpus(tmp_path, monkeypatch, capsys):
    """An installed wheel without the ``train`` extra used to crash with an English traceback."""
    from reportlint.cli import main

    monkeypatch.setitem(sys.modules, "sklearn", None)  # import sklearn → ImportError, as when not installed
    for cmd in ("train", "eval"):
        assert main([cmd, "-o", str(tmp_path / "m.json")] if cmd == "train" else [cmd]) == 2
        out, err = capsys.readouterr()
        assert out == "" and "Traceback" not in err
        assert err == (f"reportlint：reportlint {cmd} 需要 scikit-learn，当前环境没有安装。请安装训练用的附加依赖："
                       "pip install 'reportlint[train]'（在源码目录中为 pip install '.[train]'）。"
                       "检查报告（check、batch、tag 等）不需要它。\n")
    assert not (tmp_path / "m.json").exists()
    monkeypatch.delitem(sys.modules, "sklearn")
    empty = tmp_path / "无语料"
    empty.mkdir()
    assert main(["eval", "--corpus", str(empty)]) == 2
    assert capsys.readouterr().err.startswith(f"reportlint：找不到语料文件夹 {empty}（应含 reports/ 和 labels/）")


def test_pre_commit_instructions_work_as_written():
    """The README pinned ``rev: v0.1.0``, a tag that does not exist: pre-commit cannot check it out.
    Every ``rev`` shown must be a full commit hash (the documented way) or a tag the repository has."""
    import re

    import yaml

    readme = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()
    section = readme.split("## 提交时自动检查（pre-commit）", 1)[1].split("\n## ", 1)[0]
    (block,) = re.findall(r"```yaml\n(.*?)```", section, re.S)
    config = yaml.safe_load(block)
    (repo,) = config["repos"]
    hooks = yaml.safe_load(open(os.path.join(ROOT, ".pre-commit-hooks.yaml"), encoding="utf-8"))
    assert [h["id"] for h in repo["hooks"]] == ["reportlint"] and hooks[0]["id"] == "reportlint"
    assert hooks[0]["entry"] == "reportlint check" and hooks[0]["language"] == "python"
    rev = str(repo["rev"])
    tags = subprocess.run(["git", "-C", ROOT, "tag", "--list"], capture_output=True, text=True).stdout.split()
    assert re.fullmatch(r"[0-9a-f]{40}", rev) or rev in tags, f"rev {rev!r} is neither a commit hash nor a tag"
    assert "git rev-parse HEAD" in section  # how to get the hash
    assert "git tag -a" in section  # how a release tag is made, after which rev: vX.Y.Z works


# ---------------------------------------------------------------- the set-up script (issue 13)

def _stub_bin(folder, present=(), fonts=True):
    """A PATH holding only what .ci/setup uses, plus stubs for the tools named in ``present``."""
    import shutil

    folder.mkdir()
    for tool in ("ls", "grep", "id", "env"):
        os.symlink(shutil.which(tool), folder / tool)
    for tool in present:
        (folder / tool).write_text("#!/bin/sh\nexit 0\n")
        (folder / tool).chmod(0o755)
    if fonts:
        (folder / "fc-list").write_text("#!/bin/sh\necho '/x/NotoSansCJK-Regular.ttc: Noto Sans CJK SC'\n")
        (folder / "fc-list").chmod(0o755)
    return str(folder)


def _setup(path_dir):
    import shutil

    return subprocess.run([shutil.which("bash"), os.path.join(ROOT, ".ci", "setup")], capture_output=True, text=True,
                          env={"PATH": path_dir, "LANG": "C.UTF-8"}, timeout=60)


def test_make_test_runs_the_setup_script_and_ci_only_calls_make_test():
    """Only .ci/run installed Chromium, so `make test` failed on a fresh machine (4 browser tests)."""
    make = open(os.path.join(ROOT, "Makefile"), encoding="utf-8").read()
    assert "\ntest: setup $(FULL)\n" in make and "\nsetup:\n\tbash .ci/setup\n" in make
    assert "\ndemo: $(BASE)\n" in make  # make demo needs none of it
    ci = [ln for ln in open(os.path.join(ROOT, ".ci", "run"), encoding="utf-8").read().splitlines()
          if ln and not ln.startswith("#")]
    assert ci[-1] == "exec make test" and not any("apt-get" in ln for ln in ci)
    setup = open(os.path.join(ROOT, ".ci", "setup"), encoding="utf-8").read()
    for pkg in ("chromium", "chromium-driver", "fonts-noto-cjk", "libreoffice-writer-nogui"):
        assert pkg in setup
    assert setup.count("apt-get \"${APT_OPTS[@]}\" update") == 1


def test_setup_installs_nothing_when_everything_is_there(tmp_path):
    r = _setup(_stub_bin(tmp_path / "bin", present=("chromium", "chromedriver", "soffice")))
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.splitlines() == ["[.ci/setup] chromium：已安装", "[.ci/setup] chromium-driver：已安装",
                                     "[.ci/setup] fonts-noto-cjk：已安装",
                                     "[.ci/setup] soffice（LibreOffice）：已安装",
                                     "[.ci/setup] 测试所需的系统工具都已安装，无需安装。"]


def test_setup_says_what_is_missing_without_apt_get(tmp_path):
    r = _setup(_stub_bin(tmp_path / "bin", present=("soffice", "chromedriver")))
    assert r.returncode == 1
    lines = r.stdout.splitlines()
    assert lines[-2] == "[.ci/setup] 缺少：chromium"
    assert lines[-1] == ("[.ci/setup] 这台机器没有 apt-get，无法自动安装；请用系统的包管理器安装上面列出的软件后"
                         "再运行 make test。")
