"""A real ``reportlint serve`` app on loopback (uvicorn in a thread, a free port on 127.0.0.1)."""
from __future__ import annotations

import contextlib
import socket
import threading
import time


@contextlib.contextmanager
def running(tmp_path, max_bytes=30 * 1024 * 1024, max_files=200, jobs=1, use_cache=False):
    import uvicorn

    from reportlint import config as cfgmod
    from reportlint.options import Overrides
    from reportlint.web.app import create_app
    from reportlint.web.jobs import JobManager, Limits

    cfg = cfgmod.resolve(Overrides(isolated=True), start=str(tmp_path))
    mgr = JobManager(cfg, Limits(max_bytes, max_files), jobs=jobs, use_cache=use_cache,
                     cache_dir=str(tmp_path / "cache"), root=str(tmp_path))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(mgr), host="127.0.0.1", port=port, log_level="warning"))
    t = threading.Thread(target=server.run, daemon=True)
    t.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not t.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}", mgr
    finally:
        server.should_exit = True
        t.join(timeout=30)
        mgr.close()
