"""The worker plugin of :class:`reportlint.executor.DaskExecutor` (imported only when Dask is used).

Each worker that joins the cluster — including one the nanny restarts after a crash — runs the
initializer once (load the rules, the tokenizer, the model), as a local pool's worker does.
"""
from __future__ import annotations

import hashlib
import pickle

from distributed import WorkerPlugin


class InitPlugin(WorkerPlugin):
    def __init__(self, initializer, initargs=()):
        self.initializer = initializer
        self.initargs = tuple(initargs)
        digest = hashlib.sha1(pickle.dumps((initializer.__module__, initializer.__qualname__, self.initargs)))
        self.name = "reportlint-init-" + digest.hexdigest()[:16]  # same setup → registered once

    def setup(self, worker) -> None:
        self.initializer(*self.initargs)
