"""``reportlint rules [CODE]``: list the rules, or show one rule's details."""
from __future__ import annotations

from ._common import abs_rules, add_format, add_no_color, add_output, color, result_stream

NAME = "rules"
HELP = "列出所有规则，或查看一条规则的详情"


def add_parser(sub) -> None:
    r = sub.add_parser(NAME, help=HELP)
    r.add_argument("code", nargs="?", metavar="代码", help="规则代码，如 PH001")
    r.add_argument("--rules", action="append", metavar="目录", help="追加自定义规则文件夹")
    add_format(r, ("text", "json"))
    add_output(r)
    add_no_color(r)


def run(args) -> int:
    from .. import formatters
    from ..errors import ConfigError
    from ..config import closest_selector
    from ..rulecache import load_ruleset
    from ..rulefile import notice_rules
    from ..vocab import EXIT_OK

    rs = load_ruleset(abs_rules(args.rules))
    listed = rs.rules + notice_rules()  # SUP001 comes from the engine, not from a rule file
    if args.code:
        code = args.code.strip().upper()
        rule = next((r for r in listed if r.code == code), None)
        if rule is None:
            near = closest_selector(code, {r.code for r in listed})
            hint = f"最接近的是 {near}；" if near and near != code else ""
            raise ConfigError(f"没有代码为 {code} 的规则；{hint}运行 reportlint rules 查看全部规则。")
        what, data = "rule-", rule
    else:
        what, data = "rules-", listed
    with result_stream(args) as out:
        formatters.get(what + args.format).render(data, out, color=color(args))
    return EXIT_OK
