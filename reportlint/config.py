"""Configuration: ``reportlint.toml`` or ``[tool.reportlint]`` in ``pyproject.toml``.

Found by walking up from the checked file (the nearest wins, like ruff); command-line
options override the file, which overrides the defaults. Unknown keys are errors.
"""
from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field

from .errors import ConfigError
from .finding import SEVERITIES

KEYS = {
    "profile": str, "select": list, "ignore": list, "extend-select": list,
    "per-file-ignores": dict, "severity": dict, "rules": list, "fail-on": str, "year": int,
    "jobs": int, "format": str, "max-size": (int, float),
}
DEFAULTS = {
    "profile": None, "select": None, "ignore": [], "extend-select": [], "per-file-ignores": {},
    "severity": {}, "rules": [], "fail-on": "warning", "year": None, "jobs": 0, "format": "text",
    "max-size": 20,
}
FORMATS = ("text", "concise", "json", "jsonl", "csv", "sarif", "junit", "github", "html")


@dataclass
class Config:
    values: dict = field(default_factory=lambda: dict(DEFAULTS))
    sources: dict = field(default_factory=lambda: {k: "默认值" for k in DEFAULTS})
    path: str | None = None

    def __getitem__(self, key):
        return self.values[key]

    def options_for(self, file_path: str):
        """Options for one file, with per-file ignores applied."""
        from .report import Options

        ignore = list(self.values["ignore"])
        base = os.path.dirname(self.path) if self.path else os.getcwd()
        rel = os.path.relpath(os.path.abspath(file_path), base).replace(os.sep, "/")
        for pattern, codes in self.values["per-file-ignores"].items():
            if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(os.path.basename(file_path), pattern):
                ignore.extend(codes)
        mb = self.values["max-size"]
        return Options(select=self.values["select"], ignore=ignore,
                       extend_select=list(self.values["extend-select"]),
                       severity=dict(self.values["severity"]), profile=self.values["profile"],
                       year=self.values["year"], max_bytes=int(mb * 1024 * 1024) if mb else None)


def find_config(start: str) -> str | None:
    """Nearest reportlint.toml, or pyproject.toml with [tool.reportlint], from ``start`` upwards."""
    d = os.path.abspath(start if os.path.isdir(start) else os.path.dirname(os.path.abspath(start)) or ".")
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
    try:
        with open(path, encoding="utf-8") as fh:
            return "[tool.reportlint" in fh.read()
    except (OSError, UnicodeDecodeError):
        return False


def _read_toml(path: str) -> dict:
    import tomllib

    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"TOML 格式错误：{exc}", path) from None
    except OSError as exc:
        raise ConfigError(f"无法读取配置文件：{exc.strerror or exc}", path) from None
    if os.path.basename(path) == "pyproject.toml":
        data = data.get("tool", {}).get("reportlint", {})
    return data


def validate(data: dict, path: str) -> dict:
    out = {}
    for key, value in data.items():
        if key not in KEYS:
            raise ConfigError(f"未知的配置项“{key}”（可用：{'、'.join(sorted(KEYS))}）。", path)
        typ = KEYS[key]
        if not isinstance(value, typ) or (typ is int and isinstance(value, bool)):
            raise ConfigError(f"配置项“{key}”的类型不对。", path)
        if key in ("select", "ignore", "extend-select", "rules") and not all(isinstance(v, str) for v in value):
            raise ConfigError(f"配置项“{key}”应为文本列表。", path)
        if key in ("select", "ignore", "extend-select"):
            value = [v.upper() for v in value]
        if key == "fail-on" and value not in SEVERITIES:
            raise ConfigError("配置项“fail-on”只能是 error、warning 或 info。", path)
        if key == "format" and value not in FORMATS:
            raise ConfigError(f"配置项“format”只能是：{'、'.join(FORMATS)}。", path)
        if key == "severity":
            for code, sev in value.items():
                if sev not in SEVERITIES:
                    raise ConfigError(f"配置项“severity.{code}”只能是 error、warning 或 info。", path)
            value = {k.upper(): v for k, v in value.items()}
        if key == "per-file-ignores":
            for pat, codes in value.items():
                if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
                    raise ConfigError(f"配置项“per-file-ignores.{pat}”应为规则代码列表。", path)
            value = {k: [c.upper() for c in v] for k, v in value.items()}
        if key == "rules":
            base = os.path.dirname(os.path.abspath(path))
            value = [v if os.path.isabs(v) else os.path.join(base, v) for v in value]
        if key == "jobs" and value < 0:
            raise ConfigError("配置项“jobs”不能为负数。", path)
        out[key] = value
    return out


CLI_MAP = {"select": "select", "ignore": "ignore", "extend_select": "extend-select",
           "profile": "profile", "year": "year", "fail_on": "fail-on", "format": "format",
           "jobs": "jobs", "max_size": "max-size"}


def resolve(args=None, start: str | None = None) -> Config:
    """Defaults ← config file ← command line."""
    cfg = Config()
    explicit = getattr(args, "config", None) if args is not None else None
    isolated = getattr(args, "isolated", False) if args is not None else False
    path = None
    if explicit:
        if not os.path.isfile(explicit):
            raise ConfigError("配置文件不存在。", explicit)
        path = explicit
    elif not isolated:
        path = find_config(start or os.getcwd())
    if path:
        cfg.path = path
        for k, v in validate(_read_toml(path), path).items():
            cfg.values[k] = v
            cfg.sources[k] = path
    if args is not None:
        for attr, key in CLI_MAP.items():
            v = getattr(args, attr, None)
            if v is not None:
                cfg.values[key] = v
                cfg.sources[key] = "命令行"
        extra = getattr(args, "rules", None)
        if extra:
            cfg.values["rules"] = list(cfg.values["rules"]) + [os.path.abspath(r) for r in extra]
            cfg.sources["rules"] = "命令行" if not path else f"{path} + 命令行"
    return cfg


STARTER = '''# reportlint 配置文件（放在报告所在文件夹或其上级文件夹）
# 命令行参数优先于本文件，本文件优先于默认值。运行 reportlint config 查看生效的设置。

# 报告类型：不写则自动识别。可选：工作汇报、工作总结、述职报告、经验交流材料、调研报告、情况报告、党建工作汇报
# profile = "工作总结"

# 只启用哪些规则（代码或前缀）；不写表示全部启用
# select = ["PH", "WM", "STR", "WD", "PU", "NUM", "CL", "DUP", "CLS"]

# 停用哪些规则
# ignore = ["CL001"]

# 在默认规则之外再启用
# extend-select = []

# 出现哪个级别及以上的问题时，退出码为 1：error、warning、info
fail-on = "warning"

# 报告年份（判断“过时年份”用）；不写则从标题或落款日期识别
# year = 2026

# 自定义规则文件夹（相对本文件）
# rules = ["我的规则"]

# 批量检查时的进程数；0 表示使用全部 CPU 核
# jobs = 0

# 输出格式：text、concise、json、jsonl、csv、sarif、junit、github、html
# format = "text"

# 单个文件大小上限（MB）
# max-size = 20

# 调整某条规则的级别
# [severity]
# CL001 = "info"

# 按文件名忽略规则
# [per-file-ignores]
# "模板/*.txt" = ["PH"]
'''
