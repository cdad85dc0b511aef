"""Render the batch and summary HTML pages in headless Chromium and save screenshots.

    .venv/bin/python benchmarks/screenshot_html.py [OUT_DIR]     (default benchmarks/out/)

Builds ``batch.html`` (``reportlint batch corpora/reports/work-report`` plus two broken files)
and ``summary.html`` (``reportlint summary corpora/reports``), then writes ``*.png`` beside
them with the Debian ``chromium`` (``apt-get install chromium``; for Chinese glyphs also
``fonts-noto-cjk``). ``tests/test_html_browser.py`` uses the same helpers.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")


def find_chromium() -> str | None:
    for c in CANDIDATES:
        if os.access(c, os.X_OK):
            return c
    return shutil.which("chromium")


def run_chromium(extra: list[str], url: str, timeout: float = 90) -> subprocess.CompletedProcess:
    exe = find_chromium()
    if exe is None:
        raise FileNotFoundError("没有找到 chromium（Debian：apt-get install -y chromium）")
    with tempfile.TemporaryDirectory(prefix="reportlint-chromium-") as profile:
        return subprocess.run([exe, *FLAGS, f"--user-data-dir={profile}", *extra, url], capture_output=True,
                              text=True, timeout=timeout, stdin=subprocess.DEVNULL)


def file_url(path: str, fragment: str = "") -> str:
    from pathlib import Path

    return Path(os.path.abspath(path)).as_uri() + (f"#{fragment}" if fragment else "")


def dump_dom(path: str, fragment: str = "") -> str:
    """The DOM after the page's scripts ran."""
    p = run_chromium(["--dump-dom", "--virtual-time-budget=3000"], file_url(path, fragment))
    if p.returncode != 0 or "<html" not in p.stdout:
        raise RuntimeError(f"chromium --dump-dom 失败（退出码 {p.returncode}）：{p.stderr[-800:]}")
    return p.stdout


def screenshot(path: str, png: str, size: str = "1280,2200") -> str:
    p = run_chromium([f"--screenshot={os.path.abspath(png)}", f"--window-size={size}", "--hide-scrollbars"],
                     file_url(path))
    if p.returncode != 0 or not os.path.exists(png):
        raise RuntimeError(f"chromium --screenshot 失败（退出码 {p.returncode}）：{p.stderr[-800:]}")
    return png


def build_pages(out_dir: str, batch_src: str | None = None, summary_src: str | None = None) -> tuple[str, str]:
    """Write batch.html and summary.html into ``out_dir`` with the reportlint CLI (in-process)."""
    from reportlint import cli

    os.makedirs(out_dir, exist_ok=True)
    if batch_src is None:
        batch_src = os.path.join(out_dir, "batch-input")
        if os.path.isdir(batch_src):
            shutil.rmtree(batch_src)
        shutil.copytree(os.path.join(ROOT, "corpora", "reports", "work-report"), batch_src)
        with open(os.path.join(batch_src, "损坏.txt"), "wb") as fh:
            fh.write(bytes(range(256)) * 4)
        with open(os.path.join(batch_src, "扫描件.pdf"), "wb") as fh:
            fh.write(b"%PDF-1.4\n")
    batch_html = os.path.join(out_dir, "batch.html")
    summary_html = os.path.join(out_dir, "summary.html")
    cli.main(["batch", batch_src, "--format", "html", "-o", batch_html, "-q", "--no-cache"])
    cli.main(["summary", summary_src or os.path.join(ROOT, "corpora", "reports"), "--format", "html",
              "-o", summary_html, "-q"])
    return batch_html, summary_html


def main(argv: list[str]) -> int:
    out = argv[0] if argv else os.path.join(ROOT, "benchmarks", "out")
    if find_chromium() is None:
        print("没有找到 chromium：apt-get install -y chromium fonts-noto-cjk", file=sys.stderr)
        return 2
    pages = build_pages(out)
    for page in pages:
        png = screenshot(page, os.path.splitext(page)[0] + ".png")
        print(f"{page}\n  → {png}")
    if not any(os.path.exists(p) for p in ("/usr/share/fonts/opentype/noto", "/usr/share/fonts/truetype/wqy")):
        print("提示：未安装中文字体，截图中的汉字会显示为方框；apt-get install -y fonts-noto-cjk", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, ROOT)
    sys.exit(main(sys.argv[1:]))
