"""``reportlint tag FILE``: each paragraph's content type."""
from __future__ import annotations

from ._common import add_format, add_no_color, add_output, color, result_stream

NAME = "tag"
HELP = "给每个段落标注内容类型（做法、成效、启示……）"


def add_parser(sub) -> None:
    t = sub.add_parser(NAME, help=HELP, description="给报告的每个正文段落标注内容类型（基本情况、做法、成效、体会、问题、打算）。")
    t.add_argument("file", metavar="文件", help="报告文件（.txt、.md、.docx、.pdf 等）")
    add_format(t, ("text", "json"))
    add_output(t)
    add_no_color(t)


def run(args) -> int:
    from ..classify.predict import tag_document
    from .. import formatters
    from ..vocab import EXIT_OK
    from .outline import read_document

    doc = read_document(args.file)
    tag_document(doc, decode=True)
    with result_stream(args) as out:
        formatters.get("tags-" + args.format).render(doc, out, color=color(args))
    return EXIT_OK
