"""Parse one rule or profile YAML file, with Chinese messages for syntax errors (a leaf module)."""
from __future__ import annotations

from .errors import RuleFileError

_YAML_PROBLEMS = {  # PyYAML's English problem text → what an office worker should look at
    "mapping values are not allowed": "这一行的冒号位置不对（常见原因：缩进不一致，或文字里有半角冒号“:”而没加引号）",
    "could not find expected ':'": "缺少“键: 值”中的冒号，或上一行的引号没有配对",
    "found character '\\t'": "用了制表符（Tab）缩进，请改用空格",
    "found a tab character": "用了制表符（Tab）缩进，请改用空格",
    "found unexpected end of stream": "引号没有配对",
    "found undefined alias": "文字以 * 开头，请给整段文字加引号",
    "expected <block end>": "缩进不一致",
    "while scanning a quoted scalar": "引号没有配对",
    "found unknown escape character": "双引号里的反斜杠“\\”需写成“\\\\”，或改用单引号",
}


def yaml_error_message(exc) -> str:
    """A Chinese message for a YAML syntax error: the line, the likely cause, PyYAML's own words."""
    mark = getattr(exc, "problem_mark", None)
    where = f"第 {mark.line + 1} 行第 {mark.column + 1} 列" if mark else ""
    problem = str(getattr(exc, "problem", None) or exc)
    context = str(getattr(exc, "context", None) or "")
    hint = next((zh for en, zh in _YAML_PROBLEMS.items() if en in problem or en in context), "")
    return f"YAML 格式错误{('（' + where + '）') if where else ''}：{hint or '请检查缩进、冒号和引号'}。（{problem}）"


def load_yaml(raw: bytes, path: str, documents: dict | None = None):
    """Parsed YAML of one rule or profile file; ``documents`` (path → data) is a cache of
    already-parsed files (see :mod:`reportlint.rulecache`), filled with what is parsed here."""
    if documents is not None and path in documents:
        return documents[path]
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # SafeLoader: PyYAML without libyaml
    try:
        data = yaml.load(raw.decode("utf-8"), Loader=loader)
    except UnicodeDecodeError:
        raise RuleFileError("规则文件必须是 UTF-8 编码。", path) from None
    except yaml.YAMLError as exc:
        raise RuleFileError(yaml_error_message(exc), path) from None
    if documents is not None:
        documents[path] = data
    return data
