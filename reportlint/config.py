"""Configuration: ``reportlint.toml`` or ``[tool.reportlint]`` in ``pyproject.toml``.

Found by walking up from each checked file (the nearest wins, like ruff), so
``reportlint check a/x.txt b/y.txt`` uses each file's own configuration. Command-line
options override the file, which overrides the defaults. Unknown keys are errors
that name the key and the file (exit 2).

Rule selection is layered the way ruff does it: the file's ``select`` / ``extend-select``
/ ``ignore`` form one layer, the command line's another. ``--select`` starts afresh
(the file's selection and ignores no longer apply); ``--extend-select`` adds to the file's
selection and re-enables codes the file ignored; ``--ignore`` adds to the file's ignores.
Within one layer the more specific code wins (``select = ["PH"]``, ``ignore = ["PH001"]``).
``per-file-ignores`` always apply.
"""
from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field

from .errors import ConfigError
from .formatters import findings_formats  # names only: no renderer is imported
from .options import Options, Overrides
from .vocab import SEVERITIES

KEYS = {
    "profile": str, "select": list, "ignore": list, "extend-select": list,
    "per-file-ignores": dict, "severity": dict, "rules": list, "fail-on": str, "year": int,
    "jobs": int, "format": str, "max-size": (int, float), "executor": dict,
}
EXECUTOR_KEYS = {"kind": str, "scheduler": str, "ship-files": bool}
EXECUTOR_KINDS = ("local", "dask")
DEFAULTS = {
    "profile": None, "select": None, "ignore": [], "extend-select": [], "per-file-ignores": {},
    "severity": {}, "rules": [], "fail-on": "warning", "year": None, "jobs": 0, "format": "text",
    "max-size": 20, "executor": {},
}
DEFAULT_SOURCE = "默认值"
CLI_SOURCE = "命令行"
API_SOURCE = "调用参数"  # the Python API's keyword arguments
NOTHING = "-"  # a selector no code starts with: "select nothing"
_TYPE_ZH = {str: "文本（加英文双引号）", list: "列表（如 [\"PH\", \"WM001\"]）", dict: "表（[小节] 或 {键 = 值}）",
            int: "整数", (int, float): "数字"}


@dataclass
class Config:
    """Effective settings (``values``), where each came from (``sources``) and the file (``path``)."""

    values: dict = field(default_factory=lambda: {k: _copy(v) for k, v in DEFAULTS.items()})
    sources: dict = field(default_factory=lambda: {k: DEFAULT_SOURCE for k in DEFAULTS})
    path: str | None = None
    # every rule selector as given: (key, codes, source) — checked against the rule set by check_codes
    selectors: list = field(default_factory=list)

    def __getitem__(self, key):
        return self.values[key]

    def per_file_codes(self, file_path: str) -> list[str]:
        """Codes that ``per-file-ignores`` switch off for ``file_path``."""
        if not self.values["per-file-ignores"]:
            return []
        from .paths import glob_spec

        base = os.path.dirname(os.path.abspath(self.path)) if self.path else os.getcwd()
        rel = os.path.relpath(os.path.abspath(file_path), base).replace(os.sep, "/")
        out: list[str] = []
        for pattern, codes in self.values["per-file-ignores"].items():
            pat = pattern.replace("\\", "/")
            pat = pat[2:] if pat.startswith("./") else pat
            if glob_spec([pat]).match_file(rel):  # gitignore semantics: * in one folder, ** across
                out.extend(codes)
        return out

    def options_for(self, file_path: str) -> Options:
        """:class:`~reportlint.options.Options` for one file, per-file ignores applied."""
        select = None if self.values["select"] is None else list(self.values["select"])
        extend = list(self.values["extend-select"])
        ignore = list(self.values["ignore"])
        pf = self.per_file_codes(file_path)
        if pf:  # per-file ignores win even over a more specific select
            ignore.extend(pf)
            covered = lambda c: any(c.startswith(p) or p == "ALL" for p in pf)  # noqa: E731
            extend = [c for c in extend if not covered(c)]
            if select is not None:
                select = [c for c in select if not covered(c)] or [NOTHING]
        mb = self.values["max-size"]
        return Options(select=select, ignore=ignore, extend_select=extend,
                       severity=dict(self.values["severity"]), profile=self.values["profile"],
                       year=self.values["year"], max_bytes=int(mb * 1024 * 1024) if mb else None)


def _copy(v):
    return list(v) if isinstance(v, list) else dict(v) if isinstance(v, dict) else v


# ---------------------------------------------------------------- discovery and reading

def find_config(start: str) -> str | None:
    """Nearest reportlint.toml, or pyproject.toml with [tool.reportlint], from ``start`` upwards."""
    start = os.path.abspath(start)
    d = start if os.path.isdir(start) else os.path.dirname(start)
    while True:
        cand = os.path.join(d, "reportlint.toml")
        if os.path.isfile(cand):
            return cand
        cand = os.path.join(d, "pyproject.toml")
        if os.path.isfile(cand) and _has_tool_section(cand):
            return cand
        parent = os.path.dirname(d)
        if parent == d:
            return None
        d = parent


def _has_tool_section(path: str) -> bool:
    """Whether a pyproject.toml configures reportlint (a broken one that mentions us counts)."""
    try:
        text = _decode(path)
    except (OSError, ConfigError):
        return False
    if "reportlint" not in text:
        return False
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return re.search(r"^\s*\[\s*tool\s*\.\s*reportlint\b", text, re.M) is not None
    tool = data.get("tool")
    return isinstance(tool, dict) and "reportlint" in tool


def _decode(path: str) -> str:
    with open(path, "rb") as fh:
        raw = fh.read()
    for enc in ("utf-8-sig", "gb18030"):  # Windows Notepad writes a BOM, or GBK ("ANSI")
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    raise ConfigError("配置文件不是 UTF-8 编码，请另存为 UTF-8。", path)


def read_config(path: str) -> dict:
    """The reportlint table of a config file (raw, not validated)."""
    import tomllib

    try:
        text = _decode(path)
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"TOML 格式错误：{exc}（文本值要加英文双引号，列表写成 [\"PH\", \"WM\"]）", path) from None
    except OSError as exc:
        raise ConfigError(f"无法读取配置文件：{exc.strerror or exc}", path) from None
    if os.path.basename(path) == "pyproject.toml":
        data = data.get("tool", {}).get("reportlint", {})
        if not isinstance(data, dict):
            raise ConfigError("[tool.reportlint] 应是一个表。", path)
    elif "tool" in data and isinstance(data["tool"], dict) and "reportlint" in data["tool"]:
        raise ConfigError("reportlint.toml 里直接写配置项即可，不需要 [tool.reportlint] 小节。", path)
    return data


# ---------------------------------------------------------------- validation

def _bad(key: str, msg: str, path: str | None):
    if path is None:  # the Python API's keyword arguments: not a file
        return ConfigError(f"参数“{key.replace('-', '_')}”{msg}")
    return ConfigError(f"配置项“{key}”{msg}", path)


def _codes(key: str, value, path: str) -> list[str]:
    if not all(isinstance(v, str) for v in value):
        raise _bad(key, "应为规则代码的列表，如 [\"PH\", \"WM001\"]。", path)
    out = [v.strip() for v in value]  # case kept: selectors are case-sensitive (check_codes says why)
    if any(not c for c in out):
        raise _bad(key, "中有空的规则代码。", path)
    return out


def validate(data: dict, path: str | None) -> dict:
    """Check every key and value; return them normalised. Raises :class:`ConfigError` naming key and
    file (``path`` None: the values are the Python API's arguments; relative folders are then taken
    from the current folder)."""
    out = {}
    for key, value in data.items():
        if key not in KEYS:
            near = difflib.get_close_matches(key.replace("_", "-").lower(), list(KEYS), n=1, cutoff=0.6)
            hint = f"是否想写“{near[0]}”？" if near else f"可用：{'、'.join(sorted(KEYS))}"
            raise ConfigError(f"未知的配置项“{key}”（{hint}）。", path)
        typ = KEYS[key]
        if not isinstance(value, typ) or isinstance(value, bool):
            raise _bad(key, f"的类型不对，应为{_TYPE_ZH[typ]}。", path)
        if key in ("select", "ignore", "extend-select"):
            value = _codes(key, value, path)
        elif key == "fail-on" and value not in SEVERITIES:
            raise _bad(key, "只能是 error、warning 或 info。", path)
        elif key == "format" and value not in findings_formats():
            raise _bad(key, f"只能是：{'、'.join(findings_formats())}。", path)
        elif key == "severity":
            sev = {}
            for code, level in value.items():
                c = code.strip()
                if not c or c == "ALL":
                    raise _bad(f"severity.{code}", "：键应是规则代码或前缀（如 CL001、CL）。", path)
                if level not in SEVERITIES:
                    raise _bad(f"severity.{code}", "只能是 error、warning 或 info。", path)
                sev[c] = level
            value = sev
        elif key == "per-file-ignores":
            pfi = {}
            for pat, codes in value.items():
                if not isinstance(codes, list):
                    raise _bad(f"per-file-ignores.{pat}", "应为规则代码列表，如 [\"PH\"]。", path)
                pfi[pat] = _codes(f"per-file-ignores.{pat}", codes, path)
            value = pfi
        elif key == "rules":
            if not all(isinstance(v, str) for v in value):
                raise _bad(key, "应为文件夹路径的列表。", path)
            base = os.path.dirname(os.path.abspath(path)) if path else os.getcwd()
            value = [os.path.normpath(v if os.path.isabs(v) else os.path.join(base, v)) for v in value]
            for v in value:
                if not os.path.isdir(v):
                    raise _bad(key, f"中的文件夹不存在：{v}（相对路径以配置文件所在文件夹为准）。", path)
        elif key == "executor":
            value = _executor_table(value, path)
        elif key == "jobs" and value < 0:
            raise _bad(key, "不能为负数（0 表示使用全部 CPU 核）。", path)
        elif key == "year" and not 1949 <= value <= 2100:
            raise _bad(key, "应是四位年份，如 2026。", path)
        elif key == "max-size" and value <= 0:
            raise _bad(key, "应大于 0（单位 MB）。", path)
        elif key == "profile" and not value.strip():
            raise _bad(key, "不能为空；不写则自动识别报告类型。", path)
        out[key] = value
    return out


def _executor_table(value: dict, path: str | None) -> dict:
    for k, v in value.items():
        typ = EXECUTOR_KEYS.get(k)
        if typ is None:
            raise _bad(f"executor.{k}", f"：未知的键（可用：{'、'.join(EXECUTOR_KEYS)}）。", path)
        if not isinstance(v, typ):
            raise _bad(f"executor.{k}", "应为 true 或 false。" if typ is bool else "应为文本（加英文双引号）。", path)
    if value.get("kind", "local") not in EXECUTOR_KINDS:
        raise _bad("executor.kind", "只能是 local（本机进程，默认）或 dask（Dask 集群）。", path)
    if value.get("kind") == "dask" and not value.get("scheduler", "").strip():
        raise _bad("executor.scheduler", "使用 dask 时必须写调度器地址，如 \"tcp://10.0.0.5:8786\"。", path)
    return dict(value)


def check_profile(cfg: "Config", profiles: dict) -> None:
    """A configured profile must exist in the loaded rule set (built-in or a user folder)."""
    name = cfg["profile"]
    if name and name not in profiles:
        src = cfg.sources.get("profile")
        where = None if src in (CLI_SOURCE, DEFAULT_SOURCE, API_SOURCE) else src
        raise ConfigError(f"没有名为“{name}”的报告类型（可用：{'、'.join(sorted(profiles))}）。", where)


# ---------------------------------------------------------------- resolution

def resolve(given: Overrides | None = None, start: str | None = None, source: str = CLI_SOURCE) -> Config:
    """Defaults ← configuration file ← ``given`` (the command line's or the API's :class:`Overrides`)."""
    cfg = Config()
    explicit = given.config if given else None
    isolated = given.isolated if given else False
    path = None
    if explicit:
        if not os.path.isfile(explicit):
            raise ConfigError("配置文件不存在。", explicit)
        path = os.path.abspath(explicit)
    elif not isolated:
        path = find_config(start or os.getcwd())
    if path:
        cfg.path = path
        for k, v in validate(read_config(path), path).items():
            cfg.values[k] = v
            cfg.sources[k] = path
        _note_selectors(cfg, cfg.values, path, from_file=True)
    if given is None:
        return cfg
    _note_selectors(cfg, {"select": given.select, "extend-select": given.extend_select, "ignore": given.ignore,
                          "severity": dict(given.severity) if given.severity else None}, source)
    for attr, key in Overrides.SCALARS.items():
        v = getattr(given, attr)
        if v is not None:
            cfg.values[key] = v
            cfg.sources[key] = source
    _layer_selection(cfg, given.select, given.extend_select, given.ignore, source)
    if given.severity:
        cfg.values["severity"] = {**cfg.values["severity"], **dict(given.severity)}
        cfg.sources["severity"] = _joined(cfg.sources["severity"], source)
    ex = {key: getattr(given, attr) for attr, key in Overrides.EXECUTOR.items() if getattr(given, attr) is not None}
    if ex:
        cfg.values["executor"] = _executor_table({**cfg.values["executor"], **ex}, None)
        cfg.sources["executor"] = _joined(cfg.sources["executor"], source)
    extra = given.rules
    if extra:
        cfg.values["rules"] = list(cfg.values["rules"]) + [os.path.abspath(r) for r in extra]
        cfg.sources["rules"] = _joined(cfg.sources["rules"], source)
    return cfg


def _note_selectors(cfg: Config, values: dict, source: str, from_file: bool = False) -> None:
    for key in ("select", "extend-select", "ignore"):
        if values.get(key) is not None and (from_file is False or cfg.sources.get(key) == source):
            cfg.selectors.append((key, list(values[key]), source))
    if values.get("severity") and (not from_file or cfg.sources.get("severity") == source):
        cfg.selectors.append(("severity", list(values["severity"]), source))
    if from_file:
        for pat, codes in (values.get("per-file-ignores") or {}).items():
            cfg.selectors.append((f"per-file-ignores.{pat}", list(codes), source))


def known_codes(ruleset) -> set[str]:
    """Every rule code a selector may name: the rule set's, plus the unused-marker notice."""
    from .suppress import UNUSED_CODE

    return {r.code for r in ruleset.rules} | {UNUSED_CODE}


def is_known_selector(sel: str, codes) -> bool:
    """``ALL``, a rule code or a prefix of one (case-sensitive, as in ruff).

    >>> is_known_selector("PH", {"PH001"}), is_known_selector("ph", {"PH001"}), is_known_selector("PHX", {"PH001"})
    (True, False, False)
    """
    return sel == "ALL" or (bool(sel) and any(c.startswith(sel) for c in codes))


def closest_selector(sel: str, codes) -> str | None:
    """The known code or family prefix nearest to an unknown selector (``ph`` → ``PH``, ``PHX`` → ``PH``)."""
    if is_known_selector(sel.upper(), codes):
        return sel.upper()
    families = {re.match(r"[A-Z]*", c).group(0) for c in codes}
    cands = sorted(families | set(codes))
    near = difflib.get_close_matches(sel.upper(), cands, n=1, cutoff=0.5)
    return near[0] if near else None


def check_codes(cfg: "Config", ruleset) -> None:
    """Every selector (select, ignore, extend-select, per-file-ignores, severity keys) must name a
    known rule code or prefix: a typo would otherwise switch checking off silently. Raises
    :class:`ConfigError` naming where it was written and the closest known code."""
    codes = known_codes(ruleset)
    for key, sels, source in cfg.selectors:
        if key == "select" and not sels:
            raise _origin_error(key, source, "为空：这样不会检查任何规则；要全部检查请删掉这一项，或写 ALL。")
        for sel in sels:
            if is_known_selector(sel, codes):
                continue
            near = closest_selector(sel, codes)
            hint = (f"最接近的是“{near}”" if near else
                    f"可用的类别：{'、'.join(sorted({re.match(r'[A-Z]*', c).group(0) for c in codes}))}")
            what = "键" if key == "severity" else ""
            raise _origin_error(key, source, f"中的{what}“{sel}”不是已知的规则代码或前缀（{hint}；规则代码区分大小写，"
                                             "运行 reportlint rules 查看全部规则）。")


def _origin_error(key: str, source: str, msg: str) -> ConfigError:
    if source == CLI_SOURCE:
        return ConfigError(f"--{key} {msg}")
    if source == API_SOURCE:
        return ConfigError(f"参数“{key.replace('-', '_')}”{msg}")
    return ConfigError(f"配置项“{key}”{msg}", source)


def check_against(cfg: "Config", ruleset) -> None:
    """Validate what only the loaded rule set can tell: the report type and every rule selector."""
    check_profile(cfg, ruleset.profiles)
    check_codes(cfg, ruleset)


def _joined(old: str, new: str) -> str:
    return new if old == DEFAULT_SOURCE or old.startswith(new) else f"{old} + {new}"


def _layer_selection(cfg: Config, select, extend, ignore, source: str) -> None:
    v, s = cfg.values, cfg.sources
    if select is not None:  # a fresh selection: the file's select/extend-select/ignore no longer apply
        v["select"], s["select"] = list(select), source
        for key in ("extend-select", "ignore"):
            if v[key]:
                v[key], s[key] = [], f"{source}（--select 取代了配置文件中的设置）"
    if extend:
        file_ignores = v["ignore"]
        v["ignore"] = [c for c in file_ignores if not any(c.startswith(e) or e == "ALL" for e in extend)]
        if v["ignore"] != file_ignores:
            s["ignore"] = _joined(s["ignore"], source)
        v["extend-select"] = list(v["extend-select"]) + list(extend)
        s["extend-select"] = _joined(s["extend-select"], source)
    if ignore:
        v["ignore"] = list(v["ignore"]) + list(ignore)
        s["ignore"] = _joined(s["ignore"], source)


STARTER = '''# reportlint 配置文件（放在报告所在文件夹或其上级文件夹，对其下所有报告生效）
# 以“#”开头的行是说明，不起作用；删掉行首的“# ”即可启用该行。
# 命令行参数优先于本文件，本文件优先于默认值。运行 reportlint config 查看生效的设置及来源。

# 报告类型：不写则自动识别。可选：工作汇报、工作总结、述职报告、经验交流材料、调研报告、情况报告、党建工作汇报
# profile = "工作总结"

# 只启用哪些规则（代码或前缀）；不写表示全部启用
# select = ["PH", "WM", "STR", "WD", "PU", "NUM", "CL", "DUP", "CLS", "SUP"]

# 停用哪些规则
# ignore = ["CL001"]

# 在已启用的规则之外再启用（包括默认关闭的规则）
# extend-select = []

# 出现哪个级别及以上的问题时，退出码为 1：error、warning、info
fail-on = "warning"

# 报告年份（判断“过时年份”用）；不写则从标题或落款日期识别
# year = 2026

# 自定义规则文件夹（相对本文件所在文件夹）
# rules = ["我的规则"]

# 批量检查（reportlint batch）时的进程数；0 表示使用全部 CPU 核
# jobs = 0

# 输出格式：text、concise、json、jsonl、csv、sarif、junit、github、html
# format = "text"

# 单个文件大小上限（MB）
# max-size = 20

# 在 Dask 集群上运行 batch、summary（需 pip install 'reportlint[dask]'；不写则用本机进程）
# [executor]
# kind = "dask"                        # local（默认）或 dask
# scheduler = "tcp://10.0.0.5:8786"    # 调度器地址
# ship-files = false                   # true：由本机读取文件发给集群；false：各机器读共享文件夹

# 调整某条规则（或某类规则）的级别：error、warning、info
# [severity]
# CL001 = "info"
# SUP = "warning"

# 按文件名忽略规则（路径相对本文件所在文件夹，* 匹配任意字符）
# [per-file-ignores]
# "模板/*.txt" = ["PH"]
# "往年/**" = ["NUM", "STR"]
'''
