"""``reportlint eval``: cross-validate the paragraph classifier (needs scikit-learn)."""
from __future__ import annotations

from ._common import add_format, add_no_color, add_output, color, result_stream, training_ready

NAME = "eval"
HELP = "按报告分组交叉验证段落分类器，输出各类 P/R/F1 和混淆矩阵"


def add_parser(sub) -> None:
    ev = sub.add_parser(NAME, help=HELP)
    ev.add_argument("--corpus", metavar="目录", help="语料文件夹（默认 corpora/）")
    ev.add_argument("--folds", type=int, default=5, help="折数（按报告分组时）")
    ev.add_argument("--group", choices=["report", "writer"], default="report",
                    help="report：同一篇报告不跨训练/测试；writer：留出一整批写作者的报告（更接近陌生文本）")
    ev.add_argument("--real", metavar="目录",
                    help="另在真实报告上评估：目录里是报告原文，配合 --gold 的逐行人工标签；输出一张表，"
                         "含语料交叉验证和真实报告，只看内容（content）和按序列解码（decoded）两种标签")
    ev.add_argument("--gold", metavar="文件",
                    help="真实报告的逐行人工标签（TSV：file、line_number、label；默认为 --real 目录里的 labels.tsv）")
    ev.add_argument("--no-corpus", action="store_true", help="与 --real 一起用：不做语料交叉验证，只评估真实报告")
    add_format(ev, ("text", "json"))
    add_output(ev)
    add_no_color(ev)


def run(args) -> int:
    corpus = training_ready(NAME, args.corpus)  # before importing the trainer: a Chinese message, not a traceback
    from .. import formatters
    from ..classify.train import evaluate
    from ..vocab import EXIT_OK

    if args.real:
        import os

        from ..classify.evaluation import evaluate_table
        from ..errors import InputError
        from .outline import read_document

        gold = args.gold or os.path.join(args.real, "labels.tsv")
        if not os.path.isdir(args.real):
            raise InputError("找不到真实报告的文件夹。", args.real)
        if not os.path.isfile(gold):
            raise InputError("找不到逐行人工标签文件（用 --gold 指定）。", gold)
        res = evaluate_table(corpus, args.folds, args.real, gold, read_document, corpus=not args.no_corpus)
        with result_stream(args) as out:
            formatters.get("eval-table-" + args.format).render(res, out, color=color(args))
        return EXIT_OK
    res = evaluate(corpus, args.folds, args.group)
    with result_stream(args) as out:
        formatters.get("eval-" + args.format).render(res, out, color=color(args))
    return EXIT_OK
