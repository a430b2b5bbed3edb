"""The ASGI application behind ``brandvoice serve``: one process holding the voices,
playbooks and review desk, serving the JSON API (``/v1``) and the review desk's pages.

Built on FastAPI: it validates request bodies against declared models and publishes the
OpenAPI document from the same declarations (``/v1/openapi.json``), on Starlette's sessions
and pydantic, which spaCy already installs. Uvicorn serves it.

Error policy: every error is JSON (``{"error": {"status", "message", "problems"}}``) on
``/v1`` and a page elsewhere; input problems are 4xx with a message that says what to do;
anything unexpected is logged and answered with a 500 that leaks nothing.
"""

from __future__ import annotations

import contextlib
import logging
import secrets
from collections.abc import AsyncIterator
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from brandvoice import __version__
from brandvoice.errors import BrandvoiceError, ConfigError
from brandvoice.review.gate import ReviewDesk, ReviewError
from brandvoice.server.config import load_server_config
from brandvoice.server.library import Library
from brandvoice.server.state import HERE, ApiError, Server, Settings, error_body

__all__ = ["Settings", "create_app"]

log = logging.getLogger("brandvoice.server")


class BodyGuard:
    """Refuses request bodies over the limit (413) before they are read into memory, and
    API bodies that are not UTF-8 (400), whatever the route does with them."""

    def __init__(self, app: ASGIApp, server: Server) -> None:
        self.app = app
        self.server = server

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        limit = self.server.config.max_body_bytes
        api = scope["path"].startswith("/v1/")
        headers = dict(scope["headers"])
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > limit):
            await self._refuse(scope, send, 413, _too_large(length.decode("latin-1"), limit),
                               api)
            return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                await self._refuse(scope, send, 413, _too_large(f"over {limit}", limit), api)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        ctype = headers.get(b"content-type", b"").split(b";")[0].strip().lower()
        if api and body and ctype not in (b"application/json", b""):
            await self._refuse(scope, send, 415, f"send the body as JSON (Content-Type: "
                               f"application/json), not {ctype.decode('latin-1')}", api)
            return
        if api and body:
            try:
                body.decode("utf-8")
            except UnicodeDecodeError as exc:
                await self._refuse(scope, send, 400, f"the request body is not valid UTF-8 "
                                   f"(byte {exc.start}: {exc.reason}); send JSON encoded as "
                                   "UTF-8", api)
                return
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    @staticmethod
    async def _refuse(scope: Scope, send: Send, status: int, message: str, api: bool) -> None:
        response: Any
        if api:
            response = JSONResponse(error_body(status, message), status_code=status)
        else:
            response = PlainTextResponse(message, status_code=status)
        await response(scope, _drain, send)


async def _drain() -> Message:
    return {"type": "http.disconnect"}


def _too_large(size: str, limit: int) -> str:
    return (f"the request body is too large ({size} bytes); this server accepts at most "
            f"{limit} bytes (limits.max_body_bytes in its configuration)")


def _where(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if p != "body"]
    return ".".join(parts) or "body"


def create_app(settings: Settings, *, library: Library | None = None) -> FastAPI:
    """Build the application (loading voices, playbooks and the configuration now)."""
    config = load_server_config(settings.config_path)
    extra = (settings.config_path,) if settings.config_path else ()
    library = library or Library(settings.voices_dir, settings.playbooks_dir,
                                 extra_watch=extra)
    lib = library

    def resolve(kind: str, key: str | None) -> Any:
        return lib.current.resolve(kind, key)  # the snapshot of the moment, not of start-up

    desk = ReviewDesk(settings.db_url, resolve=resolve)
    server = Server(settings, library, desk, config)
    library.on_reload = lambda _snap: server.reload_config()
    secret = config.session_secret
    if not secret:
        # Without a configured secret, sessions last as long as this process.
        secret = secrets.token_urlsafe(32)
        server.ephemeral_secret = True
        log.warning("no session_secret in the configuration: sign-ins end when the server "
                    "restarts (brandvoice accounts init writes one)")

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if settings.watch:
            library.start_watching(settings.watch_interval)
        try:
            yield
        finally:
            library.stop()

    app = FastAPI(title="brandvoice", version=__version__, lifespan=lifespan,
                  description="Check, triage and draft customer-care replies, and gate them "
                  "behind human approval. See docs/server.md.",
                  openapi_url="/v1/openapi.json", docs_url=None, redoc_url=None)
    app.state.server = server

    from brandvoice.server.api import router as api_router
    from brandvoice.server.pages import router as pages_router

    app.include_router(api_router)
    app.include_router(pages_router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse(error_body(exc.status, exc.message, exc.problems),
                            status_code=exc.status, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        if any(e.get("type") == "json_invalid" for e in errors):
            detail = next(e for e in errors if e.get("type") == "json_invalid")
            ctx = detail.get("ctx") or {}
            return JSONResponse(error_body(
                400, f"the request body is not valid JSON ({ctx.get('error', 'parse error')}); "
                "send a JSON object, see /v1/openapi.json"), status_code=400)
        problems = []
        for e in errors:
            where = _where(tuple(e.get("loc", ())))
            msg = str(e.get("msg", "invalid"))
            if e.get("type") == "missing":
                msg = "required"
            elif e.get("type") == "extra_forbidden":
                msg = "unknown field; see /v1/openapi.json for the fields this call takes"
            problems.append({"where": where, "message": msg})
        summary = "; ".join(f"{p['where']}: {p['message']}" for p in problems)
        return JSONResponse(error_body(422, f"invalid request: {summary}", problems),
                            status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Any:
        if request.url.path.startswith("/v1/") or request.url.path == "/v1":
            message = str(exc.detail)
            if exc.status_code == 404:
                message = f"no such endpoint {request.url.path}; see /v1/openapi.json"
            elif exc.status_code == 405:
                message = f"{request.method} is not allowed on {request.url.path}"
            return JSONResponse(error_body(exc.status_code, message),
                                status_code=exc.status_code, headers=exc.headers)
        from brandvoice.server.pages import error_page

        return error_page(request, exc.status_code, str(exc.detail))

    @app.exception_handler(ReviewError)
    async def _refused(request: Request, exc: ReviewError) -> JSONResponse:
        return JSONResponse(error_body(409, str(exc)), status_code=409)

    @app.exception_handler(BrandvoiceError)
    async def _bad_input(request: Request, exc: BrandvoiceError) -> JSONResponse:
        problems = [p.to_dict() for p in exc.problems] if isinstance(exc, ConfigError) else []
        return JSONResponse(error_body(422, str(exc), problems), status_code=422)

    @app.exception_handler(Exception)
    async def _internal(request: Request, exc: Exception) -> Any:
        log.exception("internal error on %s %s", request.method, request.url.path)
        message = "internal error; it is logged on the server"
        if not request.url.path.startswith("/v1/"):
            return PlainTextResponse(message, status_code=500)
        return JSONResponse(error_body(500, message), status_code=500)

    app.add_middleware(SessionMiddleware, secret_key=secret, session_cookie="brandvoice_session",
                       max_age=8 * 3600, same_site="strict", https_only=config.secure_cookies)
    app.add_middleware(BodyGuard, server=server)
    return app
