"""Rule files: YAML, one rule per file, under ``rules/<family>/``; strict loading.

A rule file (see ``rules/README.md`` for the Chinese guide)::

    code: PH001            # family prefix + 3 digits, unique
    name: 未填写的×占位符     # Chinese title
    kind: regex            # a check kind from reportlint.checks
    severity: error        # error / warning / info
    scope: paragraph       # document / section / paragraph / body / heading / sentence
    message: "……{match}……"  # named holes filled from the hit
    description: ……
    reference: GB/T 15834-2011 4.1
    exceptions: [regex, …] # a hit overlapping a match of one of these is dropped
    defer: [WD003, …]      # a finding overlapping one of these rules' findings is dropped
    examples: {bad: [...], good: [...]}   # verified at load
    # + the kind's own options (pattern, words, swap, max, …)
"""
from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field

from .errors import RuleFileError
from .paths import BUILTIN_RULES, rules_root  # noqa: F401  (re-exported)
from .ruleyaml import load_yaml, yaml_error_message  # noqa: F401  (re-exported)
from .vocab import SEVERITIES

COMMON_KEYS = {"code", "name", "kind", "severity", "scope", "message", "description", "reference",
               "exceptions", "examples", "enabled", "fix", "unsafe_fix", "defer"}
SCOPES = ("document", "section", "paragraph", "body", "heading", "sentence")
FAMILIES = {
    "STR": "结构与编号", "PH": "未填写的占位符", "WM": "模板网站残留", "CL": "套话与空话",
    "WD": "用词错误", "NUM": "数字与日期", "PU": "标点符号", "DUP": "重复内容", "CLS": "内容与章节不符",
}
_CODE = re.compile(r"^([A-Z]{2,4})(\d{3})$")


@dataclass
class Rule:
    code: str
    name: str
    kind: str
    severity: str
    scope: str
    message: str
    description: str
    reference: str
    path: str
    options: dict
    exceptions: tuple = ()
    examples: dict = field(default_factory=dict)
    fix: str = "none"  # safe / unsafe / none: whether --fix (safe) or --unsafe-fixes (unsafe) applies it
    unsafe_fix: tuple = ()  # regexes: a fix overlapping a match in its paragraph is only unsafe
    compiled: object = None  # set by the kind's compile()

    @property
    def fix_safe(self) -> bool:
        return self.fix == "safe"

    @property
    def fixable(self) -> bool:
        """The rule's hits carry a fix (applied by ``--fix`` when safe, by ``--unsafe-fixes`` otherwise)."""
        return self.fix in ("safe", "unsafe")

    @property
    def family(self) -> str:
        return _CODE.match(self.code).group(1)


_CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’"
_FOLD = re.compile(f"(?<=[{_CJK}])[ \t\n]+(?=[{_CJK}])")


def unfold(text: str) -> str:
    """Drop the spaces YAML folding (``>-``) leaves where a Chinese line was broken between two
    Chinese characters; a space next to a Latin word or a figure is kept, and so is a full-width
    space (write “第1页　共5页” with 　 when the space is meant)."""
    return _FOLD.sub("", text)


def _type_name(t) -> str:
    return {str: "文本", int: "整数", float: "数字", list: "列表", dict: "映射", bool: "是/否(true/false)"}.get(t, str(t))


def parse_rule(data, path: str) -> Rule:
    from .checks import KINDS

    if not isinstance(data, dict):
        raise RuleFileError("规则文件应是键值映射（每行“键: 值”）。", path)
    for key in ("code", "name", "kind", "severity", "message"):
        if key not in data or data[key] in (None, ""):
            raise RuleFileError("缺少必填项。", path, key)
    code = str(data["code"])
    if not _CODE.match(code):
        raise RuleFileError("规则代码应为大写字母前缀加三位数字，例如 PH001。", path, "code")
    kind_name = data["kind"]
    if kind_name not in KINDS:
        raise RuleFileError(f"未知的检查类型“{kind_name}”（可用：{'、'.join(sorted(KINDS))}）。", path, "kind")
    kind = KINDS[kind_name]
    allowed = COMMON_KEYS | set(kind.OPTIONS)
    for k in data:
        if k not in allowed:
            raise RuleFileError(
                f"未知的键（{kind_name} 类规则可用：{'、'.join(sorted(allowed))}）。", path, str(k))
    sev = data["severity"]
    if sev not in SEVERITIES:
        raise RuleFileError("级别只能是 error、warning 或 info。", path, "severity")
    scope = data.get("scope", kind.DEFAULT_SCOPE)
    if scope not in SCOPES:
        raise RuleFileError(f"范围只能是：{'、'.join(SCOPES)}。", path, "scope")
    for k in ("name", "message", "description", "reference"):
        if k in data and not isinstance(data[k], str):
            raise RuleFileError("应为文本。", path, k)
    options = {}
    for k, opt in kind.OPTIONS.items():
        typ = opt.type
        if k in data:
            if not isinstance(data[k], typ) or (typ is int and isinstance(data[k], bool)):
                raise RuleFileError(f"类型不对，应为{_type_name(typ)}。", path, k)
            options[k] = data[k]
        elif opt.required:
            raise RuleFileError("缺少必填项。", path, k)
    exceptions = data.get("exceptions") or []
    if not isinstance(exceptions, list) or not all(isinstance(e, str) for e in exceptions):
        raise RuleFileError("应为正则表达式文本的列表。", path, "exceptions")
    from .safe_regex import compile_user_regex

    exc = tuple(compile_user_regex(e, path, "exceptions") for e in exceptions)
    examples = data.get("examples") or {}
    if not isinstance(examples, dict) or set(examples) - {"bad", "good"}:
        raise RuleFileError("应为 {bad: [...], good: [...]} 形式。", path, "examples")
    for k in ("bad", "good"):
        v = examples.get(k, [])
        if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
            raise RuleFileError("应为文本列表。", path, f"examples.{k}")
    fix = data.get("fix", False)
    if fix not in (True, False, "safe", "unsafe", "none"):
        raise RuleFileError("只能是 safe、unsafe 或 none。", path, "fix")
    fix = {True: "safe", False: "none"}.get(fix, fix)
    unsafe = data.get("unsafe_fix") or []
    if not isinstance(unsafe, list) or not all(isinstance(e, str) for e in unsafe):
        raise RuleFileError("应为正则表达式文本的列表。", path, "unsafe_fix")
    rule = Rule(code, str(data["name"]), kind_name, sev, scope, str(data["message"]),
                unfold(str(data.get("description", ""))), str(data.get("reference", "")), path, options, exc,
                {"bad": list(examples.get("bad", [])), "good": list(examples.get("good", []))},
                fix, tuple(compile_user_regex(e, path, "unsafe_fix") for e in unsafe))
    if data.get("enabled", True) is False:
        rule.options["_disabled"] = True
    defer = data.get("defer") or []
    if not isinstance(defer, list) or not all(isinstance(c, str) and _CODE.match(c) for c in defer):
        raise RuleFileError("应为规则代码的列表，例如 [WD002, WD003]。", path, "defer")
    if defer:
        rule.options["_defer"] = frozenset(defer)
    rule.compiled = kind.compile(rule)
    return rule


@dataclass
class RuleSet:
    rules: list[Rule]
    profiles: dict
    digest: str  # content hash of all rule and profile files (cache key)

    def by_code(self) -> dict[str, Rule]:
        return {r.code: r for r in self.rules}


def notice_rules() -> list[Rule]:
    """Codes the engine itself reports, not loaded from a rule file: ``SUP001`` (a suppression
    marker that silenced nothing, see :mod:`reportlint.suppress`). Listed by ``reportlint rules``."""
    from .suppress import UNUSED_CODE, UNUSED_NAME

    return [Rule(
        code=UNUSED_CODE, name=UNUSED_NAME, kind="suppression", severity="info", scope="document",
        message="忽略标记（{codes}）没有屏蔽任何问题，可以删除。",
        description="报告中的忽略标记（如【忽略 PH002】）在它管辖的范围内没有屏蔽掉任何问题，"
                    "或者标记里写的规则代码不存在。只针对实际检查过的规则提示；不想看到可用 --ignore SUP。",
        reference="", path="（内置，由检查引擎直接给出）", options={},
        examples={"bad": ["今年共走访120户。【忽略 PH002】"], "good": ["今年共走访XX户。【忽略 PH002】"]})]


def _yaml_files(folder: str):
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        if os.path.basename(root) in ("profiles", "lexicon"):
            continue
        for fn in sorted(files):
            if fn.endswith((".yaml", ".yml")):
                yield os.path.join(root, fn)


def load_rules(extra: list[str] | None = None, verify: bool = True, documents: dict | None = None) -> RuleSet:
    """Load built-in rules, then each user folder (a user rule with the same code overrides).

    ``documents``: optional path → parsed YAML cache (:func:`load_yaml`)."""
    from .profiles import load_profiles

    folders = [rules_root()] + list(extra or [])
    for f in folders[1:]:
        if not os.path.isdir(f):
            raise RuleFileError("规则文件夹不存在。", f)
    h = hashlib.sha256()
    by_code: dict[str, Rule] = {}
    for i, folder in enumerate(folders):
        seen_here: dict[str, str] = {}
        for path in _yaml_files(folder):
            with open(path, "rb") as fh:
                raw = fh.read()
            h.update(path.encode("utf-8", "replace") + b"\0" + raw)
            data = load_yaml(raw, path, documents)
            rule = parse_rule(data, path)
            if i > 0:  # from a user folder: untrusted, runs under a time limit (engine.guard)
                rule.options["_user"] = True
            if rule.code in seen_here:
                raise RuleFileError(f"规则代码 {rule.code} 与 {seen_here[rule.code]} 重复。", path, "code")
            seen_here[rule.code] = path
            by_code[rule.code] = rule  # later folders override earlier ones
    for folder in folders:
        pdir = os.path.join(folder, "profiles")
        if os.path.isdir(pdir):
            for fn in sorted(os.listdir(pdir)):
                with open(os.path.join(pdir, fn), "rb") as fh:
                    h.update(fn.encode() + fh.read())
    profiles = load_profiles(folders, documents)
    rs = RuleSet(sorted(by_code.values(), key=lambda r: r.code), profiles, h.hexdigest()[:16])
    if verify:
        verify_examples(rs)
    return rs


def verify_examples(rs: RuleSet, rules: list[Rule] | None = None) -> None:
    """Every ``bad`` example must fire the rule, every ``good`` one must not."""
    from .engine import hits_for_rule
    from .outline import build

    for rule in rules or rs.rules:
        if rule.options.get("_disabled"):
            continue
        for which in ("bad", "good"):
            for i, ex in enumerate(rule.examples.get(which, [])):
                doc = build(ex.replace("\\n", "\n") if "\n" not in ex else ex, path="<示例>",
                            profiles=rs.profiles)
                n = len(hits_for_rule(rule, doc))
                if which == "bad" and n == 0:
                    raise RuleFileError(f"反例（bad）第 {i + 1} 条没有触发本规则：“{ex[:40]}”。", rule.path,
                                        f"examples.bad[{i}]")
                if which == "good" and n:
                    raise RuleFileError(f"正例（good）第 {i + 1} 条误触发了本规则：“{ex[:40]}”。", rule.path,
                                        f"examples.good[{i}]")
