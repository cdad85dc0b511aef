"""The Starlette application of ``reportlint serve``.

Routes: ``/`` (the page) and its static files; ``POST /api/jobs`` (multipart upload);
``GET /api/jobs/{id}`` (progress and rows); ``/api/jobs/{id}/files/{n}`` (one report's view);
``/api/jobs/{id}/summary`` (the ``summary`` page with its charts); ``/api/jobs/{id}/download/{fmt}``
(JSON always; xlsx when that output format is registered); ``/rules/{code}`` (a rule's page).

Safety: every request's Host must be one of the allowed names (DNS rebinding); a request that
says it comes from another origin is refused; uploads are limited in size (checked before and
while reading) and in file count; no client value is ever used as a file path.
"""
from __future__ import annotations

import asyncio
import dataclasses
import io
import os

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from .. import formatters
from ..batch import status_of
from ..vocab import LABEL_ZH, SEVERITY_ZH, STATUS_ZH
from .jobs import JobManager, UploadError

STATIC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "static")
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
HOST_MESSAGE = "拒绝访问：请求的主机名（Host）不是本服务的地址。"
ORIGIN_MESSAGE = "拒绝访问：不接受来自其他网站的请求。"
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "object-src 'none'; frame-ancestors 'self'; base-uri 'none'; form-action 'self'")
DOWNLOADS = (("json", "JSON", "application/json"),
             ("xlsx", "Excel（xlsx）", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))


def available_downloads() -> list[str]:
    """JSON always; other formats only when the formatter registry has them."""
    out = []
    for name, _, _ in DOWNLOADS:
        try:
            formatters.get(name)
        except (KeyError, ImportError):
            continue
        out.append(name)
    return out


def _host_name(host: str) -> str:
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class Guard:
    """ASGI middleware: Host allow-list, same-origin only, security headers."""

    def __init__(self, app, hosts):
        self.app = app
        self.hosts = {h.lower().strip("[]") for h in hosts}

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        host = headers.get("host", "")
        if _host_name(host) not in self.hosts:
            return await PlainTextResponse(HOST_MESSAGE, 403)(scope, receive, send)
        origin = headers.get("origin")
        if origin and origin != "null":
            from urllib.parse import urlsplit

            o = urlsplit(origin)
            if (o.netloc or "").lower() != host.lower() or o.scheme not in ("http", "https"):
                return await PlainTextResponse(ORIGIN_MESSAGE, 403)(scope, receive, send)
        elif origin == "null" and scope["method"] not in ("GET", "HEAD"):
            return await PlainTextResponse(ORIGIN_MESSAGE, 403)(scope, receive, send)
        if headers.get("sec-fetch-site") == "cross-site":
            return await PlainTextResponse(ORIGIN_MESSAGE, 403)(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                extra = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"),
                         (b"cache-control", b"no-store")]
                if not any(k.lower() == b"content-security-policy" for k, _ in message.get("headers", [])):
                    extra.append((b"content-security-policy", CSP.encode()))
                message = dict(message, headers=list(message.get("headers", [])) + extra)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _error(message: str, status: int) -> JSONResponse:
    return JSONResponse({"error": message}, status)


def _row(i: int, entry) -> dict:
    r = entry.report
    if r is None:
        return {"n": i, "name": entry.name, "status": "pending", "status_zh": "检查中"}
    st = status_of(r)
    if r.error:
        return {"n": i, "name": entry.name, "status": st, "status_zh": STATUS_ZH[st], "profile": None,
                "error": r.error, "errors": None, "warnings": None, "infos": None, "placeholders": None,
                "viewable": False}
    return {"n": i, "name": entry.name, "status": st, "status_zh": STATUS_ZH[st], "profile": r.profile,
            "error": r.error, "errors": r.count("error"), "warnings": r.count("warning"),
            "infos": r.count("info"), "placeholders": sum(1 for f in r.findings if f.family == "PH"),
            "viewable": entry.view is not None and not entry.view.get("error")}


def create_app(manager: JobManager, hosts=LOCAL_HOSTS) -> Starlette:
    limits = manager.limits
    rules = {r.code: r for r in manager.ruleset.rules}

    async def index(request: Request):
        return FileResponse(os.path.join(STATIC, "index.html"), media_type="text/html; charset=utf-8")

    async def static(request: Request):
        name = request.path_params["name"]
        files = {"app.js": "text/javascript; charset=utf-8", "app.css": "text/css; charset=utf-8"}
        if name not in files:  # a fixed list: the client's string is never a path
            return PlainTextResponse("没有这个文件。", 404)
        return FileResponse(os.path.join(STATIC, name), media_type=files[name])

    async def info(request: Request):
        return JSONResponse({"max_bytes": limits.max_bytes, "max_files": limits.max_files,
                             "size_message": limits.size_message(), "count_message": limits.count_message(),
                             "downloads": available_downloads(),
                             "severities": SEVERITY_ZH, "labels": LABEL_ZH})

    async def upload(request: Request):
        try:
            declared = int(request.headers.get("content-length", "0") or 0)
        except ValueError:
            declared = 0
        if declared > limits.max_bytes:
            return _error(limits.size_message(), 413)
        ctype = request.headers.get("content-type", "")
        if not ctype.startswith("multipart/form-data"):
            return _error("请用页面上传文件（multipart/form-data）。", 400)
        body = bytearray()
        async for chunk in request.stream():  # chunked uploads carry no length: count as they come
            body.extend(chunk)
            if len(body) > limits.max_bytes:
                return _error(limits.size_message(), 413)
        try:
            job = manager.new_job()
        except UploadError as exc:
            return _error(exc.message, exc.status)
        try:
            files = await asyncio.to_thread(_parse_and_store, manager, job, bytes(body), ctype)
        except UploadError as exc:
            manager.discard(job)
            return _error(exc.message, exc.status)
        if not files:
            manager.discard(job)
            return _error("没有收到文件。", 400)
        manager.submit(job)
        return JSONResponse({"id": job.id, "files": len(job.files)}, 201)

    def _job(request: Request):
        return manager.jobs.get(request.path_params["job"])

    async def job_status(request: Request):
        job = _job(request)
        if job is None:
            return _error("没有这个任务（可能已过期）。", 404)
        return JSONResponse({"id": job.id, "state": job.state, "done": job.done,
                             "total": manager.progress_total(job), "files": job.total, "error": job.error,
                             "rows": [_row(i, e) for i, e in enumerate(job.files)]})

    async def file_view(request: Request):
        job = _job(request)
        if job is None or job.state != "done":
            return _error("没有这个任务或任务尚未完成。", 404)
        n = request.path_params["n"]
        if not 0 <= n < len(job.files):
            return _error("没有这个文件。", 404)
        e = job.files[n]
        r = e.report
        out = {"n": n, "name": e.name, "status": status_of(r), "status_zh": STATUS_ZH[status_of(r)],
               "error": r.error, "profile": r.profile,
               "findings": [dict(f.to_dict(), severity_zh=SEVERITY_ZH.get(f.severity, f.severity))
                            for f in r.findings]}
        if e.view and not e.view.get("error"):
            out.update(text=e.view["text"], paragraphs=e.view["paragraphs"], headings=e.view["headings"])
        return JSONResponse(out)

    async def summary(request: Request):
        job = _job(request)
        if job is None or job.summary is None:
            return PlainTextResponse("没有这个任务或任务尚未完成。", 404)
        buf = io.StringIO()
        formatters.get("summary-html").render(job.summary, buf)
        # the summary page carries its own small script: allow inline script for this page only
        csp = CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
        return HTMLResponse(buf.getvalue(), headers={"content-security-policy": csp})

    async def download(request: Request):
        job = _job(request)
        fmt = request.path_params["fmt"]
        if job is None or job.state != "done":
            return _error("没有这个任务或任务尚未完成。", 404)
        if fmt not in available_downloads():
            return _error("不支持这种下载格式。", 404)
        reports = [dataclasses.replace(e.report, path=e.name) for e in job.files]
        mime = dict((n, m) for n, _, m in DOWNLOADS)[fmt]
        renderer = formatters.get(fmt)
        if fmt == "json":
            buf = io.StringIO()
            renderer.render(reports, buf, fmt="json", ruleset=manager.ruleset, fail_on=manager.fail_on)
            data = buf.getvalue().encode("utf-8")
        else:
            bio = io.BytesIO()
            renderer.render(reports, bio, fmt=fmt, ruleset=manager.ruleset, fail_on=manager.fail_on)
            data = bio.getvalue()
        name = f"reportlint-{job.id}.{fmt}"
        return Response(data, media_type=mime, headers={"content-disposition": f'attachment; filename="{name}"'})

    async def rule_page(request: Request):
        rule = rules.get(request.path_params["code"].upper())
        if rule is None:
            return PlainTextResponse("没有这条规则。", 404)
        return HTMLResponse(_rule_html(rule))

    async def rule_json(request: Request):
        rule = rules.get(request.path_params["code"].upper())
        if rule is None:
            return _error("没有这条规则。", 404)
        return JSONResponse(_rule_dict(rule))

    routes = [
        Route("/", index), Route("/static/{name}", static), Route("/api/info", info),
        Route("/api/jobs", upload, methods=["POST"]), Route("/api/jobs/{job}", job_status),
        Route("/api/jobs/{job}/files/{n:int}", file_view), Route("/api/jobs/{job}/summary", summary),
        Route("/api/jobs/{job}/download/{fmt}", download), Route("/rules/{code}", rule_page),
        Route("/api/rules/{code}", rule_json),
    ]
    app = Starlette(routes=routes)
    app.state.manager = manager
    return Guard(app, hosts)


def _rule_dict(rule) -> dict:
    return {"code": rule.code, "name": rule.name, "severity": rule.severity,
            "severity_zh": SEVERITY_ZH.get(rule.severity, rule.severity),
            "description": getattr(rule, "description", "") or "", "reference": getattr(rule, "reference", "") or "",
            "examples": getattr(rule, "examples", None) or {}}


def _parse_and_store(manager: JobManager, job, body: bytes, ctype: str) -> int:
    """Parse the multipart body (python-multipart) and store each file part; returns how many."""
    try:
        from python_multipart.multipart import MultipartParser, parse_options_header
    except ImportError:  # python-multipart before 0.0.13
        from multipart.multipart import MultipartParser, parse_options_header

    _, params = parse_options_header(ctype.encode("latin-1"))
    boundary = params.get(b"boundary")
    if not boundary:
        raise UploadError("上传内容格式不对。")
    parts: list[list] = []
    cur: dict = {}

    def on_part_begin():
        cur.clear()
        cur["headers"], cur["data"], cur["h"] = {}, bytearray(), [bytearray(), bytearray()]

    def on_header_field(d, s, e):
        cur["h"][0].extend(d[s:e])

    def on_header_value(d, s, e):
        cur["h"][1].extend(d[s:e])

    def on_header_end():
        cur["headers"][bytes(cur["h"][0]).lower()] = bytes(cur["h"][1])
        cur["h"] = [bytearray(), bytearray()]

    def on_part_data(d, s, e):
        cur["data"].extend(d[s:e])

    def on_part_end():
        _, p = parse_options_header(cur["headers"].get(b"content-disposition", b""))
        if b"filename" in p:
            raw = p[b"filename"]
            try:
                name = raw.decode("utf-8")
            except UnicodeDecodeError:
                name = raw.decode("latin-1")
            parts.append([name, bytes(cur["data"])])

    parser = MultipartParser(boundary, {"on_part_begin": on_part_begin, "on_header_field": on_header_field,
                                        "on_header_value": on_header_value, "on_header_end": on_header_end,
                                        "on_part_data": on_part_data, "on_part_end": on_part_end})
    parser.write(body)
    parser.finalize()
    if len(parts) > manager.limits.max_files:
        raise UploadError(manager.limits.count_message(), 413)
    for name, data in parts:
        manager.add_file(job, name, data)
    return len(parts)


def _rule_html(rule) -> str:
    """A rule's page: code, name, level, description, reference and examples (all escaped)."""
    from html import escape

    from ..formatters.htmlpage import page

    ex = rule.examples or {}
    items = "".join(f"<li>{escape(str(x))}</li>" for x in ex.get("bad", []))
    goods = "".join(f"<li>{escape(str(x))}</li>" for x in ex.get("good", []))
    body = (f"<h1>{escape(rule.code)} {escape(rule.name)}</h1>"
            f"<p>级别：{escape(SEVERITY_ZH.get(rule.severity, rule.severity))}</p>"
            f"<p class=description>{escape(rule.description or '')}</p>"
            + (f"<p>依据：{escape(rule.reference)}</p>" if rule.reference else "")
            + (f"<h2>有问题的写法</h2><ul class=bad>{items}</ul>" if items else "")
            + (f"<h2>正确的写法</h2><ul class=good>{goods}</ul>" if goods else ""))
    return page(f"{rule.code} {rule.name}", body)
