"""``reportlint init [DIR]``: write a commented reportlint.toml."""
from __future__ import annotations

import os

from ._common import add_no_color, add_quiet, stdout

NAME = "init"
HELP = "在当前文件夹写一个带注释的 reportlint.toml"


def add_parser(sub) -> None:
    it = sub.add_parser(NAME, help=HELP)
    it.add_argument("dir", nargs="?", default=".", metavar="文件夹", help="写到哪个文件夹（默认当前文件夹）")
    it.add_argument("--force", action="store_true", help="覆盖已有的 reportlint.toml")
    add_quiet(it)
    add_no_color(it)  # the message is plain already: accepted as everywhere


def run(args) -> int:
    from ..config import STARTER
    from ..errors import InputError
    from ..vocab import EXIT_OK

    if not os.path.isdir(args.dir):
        raise InputError("文件夹不存在。", args.dir)
    path = os.path.join(os.path.abspath(args.dir), "reportlint.toml")
    if os.path.exists(path) and not args.force:
        raise InputError("已存在 reportlint.toml；如需覆盖请加 --force。", path)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(STARTER)
    if not args.quiet:
        stdout().write(f"已写入 {path}\n")
    return EXIT_OK
