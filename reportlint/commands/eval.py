"""``reportlint eval``: cross-validate the paragraph classifier (needs scikit-learn)."""
from __future__ import annotations

from ._common import stdout, training_ready

NAME = "eval"
HELP = "按报告分组交叉验证段落分类器，输出各类 P/R/F1 和混淆矩阵"


def add_parser(sub) -> None:
    ev = sub.add_parser(NAME, help=HELP)
    ev.add_argument("--corpus", metavar="目录", help="语料文件夹（默认 corpora/）")
    ev.add_argument("--folds", type=int, default=5, help="折数（按报告分组时）")
    ev.add_argument("--group", choices=["report", "writer"], default="report",
                    help="report：同一篇报告不跨训练/测试；writer：留出一整批写作者的报告（更接近陌生文本）")
    ev.add_argument("--format", choices=["text", "json"], default="text", help="输出格式（默认 text）")


def run(args) -> int:
    corpus = training_ready(NAME, args.corpus)  # before importing the trainer: a Chinese message, not a traceback
    from .. import formatters
    from ..classify.train import evaluate
    from ..vocab import EXIT_OK

    res = evaluate(corpus, args.folds, args.group)
    formatters.get("eval-" + args.format).render(res, stdout())
    return EXIT_OK
