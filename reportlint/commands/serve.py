"""``reportlint serve``: a local web page where reviewers drop reports and read the findings."""
from __future__ import annotations

import sys

from ._common import FAIL_ON, add_rule_opts, overrides

NAME = "serve"
HELP = "启动本机网页：拖入报告即可查看检查结果（需安装 reportlint[serve]）"
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def add_parser(sub) -> None:
    s = sub.add_parser(NAME, help=HELP)
    s.add_argument("--port", type=int, default=8765, metavar="端口", help="端口（默认 8765）")
    s.add_argument("--host", default="127.0.0.1", metavar="地址",
                   help="监听地址（默认 127.0.0.1，只有本机能访问）")
    s.add_argument("--allow-host", action="append", default=[], metavar="主机名",
                   help="另外允许的主机名（用 --host 对外开放时，填别人访问时用的名字或 IP），可多次使用")
    s.add_argument("--open", action="store_true", help="启动后用浏览器打开页面")
    add_rule_opts(s)
    s.add_argument("--fail-on", choices=FAIL_ON, help="文件状态按哪一级问题算“有问题”（error、warning 或 info）")
    s.add_argument("--jobs", "-j", type=int, metavar="N", help="进程数（默认使用全部 CPU 核）")
    s.add_argument("--max-upload", type=float, default=30, metavar="MB", help="一次上传的总大小上限（默认 30 MB）")
    s.add_argument("--max-files", type=int, default=200, metavar="N", help="一次上传的文件数上限（默认 200）")
    s.add_argument("--max-size", type=float, metavar="MB", help="单个文件大小上限（默认 20 MB）")
    s.add_argument("--no-cache", action="store_true", help="不使用缓存")
    s.add_argument("--cache-dir", metavar="目录", help="缓存目录（默认 ~/.cache/reportlint）")


def run(args) -> int:
    import os

    from .. import config as cfgmod
    from ..errors import InputError
    from ..executor import resolve_jobs
    from ..vocab import EXIT_ERROR, EXIT_OK

    try:
        import uvicorn

        from ..web.app import LOCAL_HOSTS, create_app
        from ..web.jobs import JobManager, Limits
    except ImportError as exc:
        sys.stderr.write(f"reportlint serve 需要另装网页组件：pip install 'reportlint[serve]'（缺少 {exc.name}）。\n")
        return EXIT_ERROR
    if args.max_upload <= 0 or args.max_files <= 0:
        raise InputError("--max-upload 和 --max-files 必须大于 0。", "serve")
    cfg = cfgmod.resolve(overrides(args), start=os.getcwd())
    manager = JobManager(cfg, Limits(int(args.max_upload * 1024 * 1024), args.max_files),
                         jobs=resolve_jobs(args.jobs or cfg["jobs"]), cache_dir=args.cache_dir,
                         use_cache=not args.no_cache)
    hosts = list(LOCAL_HOSTS) + list(args.allow_host)
    if args.host not in LOOPBACK:
        if args.host not in ("0.0.0.0", "::"):
            hosts.append(args.host)
        sys.stderr.write(f"警告：监听 {args.host} 会把本工具开放给网络上的其他电脑，他们可以上传文件并查看检查结果。"
                         "只在可信的内部网络中这样做。\n")
    shown = "127.0.0.1" if args.host in ("0.0.0.0", "::") else args.host
    url = f"http://{'[' + shown + ']' if ':' in shown else shown}:{args.port}/"
    sys.stderr.write(f"reportlint 网页已启动：{url}（按 Ctrl+C 停止）\n")
    if args.open:
        import threading
        import webbrowser

        threading.Timer(1.0, webbrowser.open, (url,)).start()
    try:
        uvicorn.run(create_app(manager, hosts), host=args.host, port=args.port, log_level="warning")
    finally:
        manager.close()
    return EXIT_OK
