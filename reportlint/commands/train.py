"""``reportlint train``: retrain the paragraph classifier from corpora/ (needs scikit-learn)."""
from __future__ import annotations

from ._common import add_no_color, add_output, add_quiet, stdout, training_ready

NAME = "train"
HELP = "用 corpora/ 语料重新训练段落分类模型"


def add_parser(sub) -> None:
    tr = sub.add_parser(NAME, help=HELP)
    tr.add_argument("--corpus", metavar="目录", help="语料目录（默认仓库中的 corpora/）")
    add_output(tr, "模型写入这个文件（默认覆盖内置模型）")
    add_quiet(tr)
    add_no_color(tr)  # the message is plain already: accepted as everywhere


def run(args) -> int:
    corpus = training_ready(NAME, args.corpus)  # before importing the trainer: a Chinese message, not a traceback
    from ..classify.predict import MODEL_PATH
    from ..classify.train import save, train
    from ..vocab import EXIT_OK

    model = train(corpus)
    out = args.output or MODEL_PATH
    save(model, out)
    if not args.quiet:
        stdout().write(f"已训练：{model['trained_on']['paragraphs']} 段，来自 {model['trained_on']['reports']} 篇报告；"
                           f"特征 {len(model['weights'])} 个；模型已写入 {out}\n")
    return EXIT_OK
