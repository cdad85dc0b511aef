"""A rich progress bar on stderr: files done / total, files per second, elapsed and ETA.

Refreshed from the loop itself (no refresh thread), at most ten times a second, so that
worker processes are never forked while a display thread holds a lock.
"""
from __future__ import annotations

import time
from contextlib import contextmanager


@contextmanager
def progress_bar(total: int, description: str = "检查中"):
    from rich.console import Console
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn,
                               TimeElapsedColumn, TimeRemainingColumn)
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task):
            speed = task.finished_speed or task.speed
            return Text("— 文件/秒" if speed is None else f"{speed:,.0f} 文件/秒", style="cyan")

    console = Console(stderr=True)
    prog = Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), Rate(),
                    TextColumn("已用"), TimeElapsedColumn(), TextColumn("剩余"), TimeRemainingColumn(),
                    console=console, auto_refresh=False, transient=True)
    task = prog.add_task(description, total=total)
    last = [0.0]

    def advance(n: int = 1) -> None:
        prog.advance(task, n)
        now = time.monotonic()
        if now - last[0] >= 0.1:
            last[0] = now
            prog.refresh()

    prog.start()
    try:
        yield advance
    finally:
        prog.refresh()
        prog.stop()
