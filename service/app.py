"""`create_app(settings)`: the FastAPI application. Nothing runs at import time.

Run with `baap-kg serve`, or `uvicorn service.app:create_app --factory`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from service import __version__
from service.config import Settings, get_settings
from service.errors import KGError
from service.routers import health, sparql
from service.store import KnowledgeStore
from service.workers import WorkerPool

#: Response headers a browser script may read on a cross-origin response.
EXPOSED_HEADERS = ["Baap-Result-Truncated", "Baap-Query-Seconds", "Retry-After", "Link", "ETag"]


def problem_response(
    status: int, title: str, detail: str, code: str, headers: dict[str, str] | None = None
) -> JSONResponse:
    """An RFC 9457 problem+json response."""
    return JSONResponse(
        {
            "type": f"https://w3id.org/baap/problems/{code}",
            "title": title,
            "status": status,
            "detail": detail,
        },
        status_code=status,
        media_type="application/problem+json",
        headers=headers,
    )


def _install_error_handlers(app: FastAPI) -> None:
    """Every error leaves as application/problem+json."""

    @app.exception_handler(KGError)
    async def _kg_error(request: Request, error: KGError) -> JSONResponse:
        headers: dict[str, str] | None = getattr(error, "headers", None)
        return problem_response(
            error.status_code, type(error).__name__, error.message, error.code, headers
        )

    @app.exception_handler(HTTPException)
    async def _http_error(request: Request, error: HTTPException) -> JSONResponse:
        return problem_response(
            error.status_code,
            "HTTPError",
            str(error.detail),
            f"http-{error.status_code}",
            dict(error.headers) if error.headers else None,
        )

    @app.exception_handler(RequestValidationError)
    async def _invalid_request(request: Request, error: RequestValidationError) -> JSONResponse:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', '')}"
            for e in error.errors()
        )
        return problem_response(400, "RequestError", problems, "bad-request")


def create_app(settings: Settings | None = None, store: KnowledgeStore | None = None) -> FastAPI:
    """Build the app for `settings` (default: from the environment).

    `store`: an already loaded dataset (the CLI loads it first to report parse errors plainly);
    by default the lifespan loads it from `settings`.
    """
    settings = settings or get_settings()
    preloaded = store

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Load before serving: a request never sees a half-loaded store.
        store = preloaded or KnowledgeStore.from_settings(settings)
        pool = WorkerPool(
            store.oxigraph, settings.max_concurrent_queries, settings.worker_memory_mb
        )
        await anyio.to_thread.run_sync(pool.start)
        app.state.store, app.state.pool = store, pool
        try:
            yield
        finally:
            await anyio.to_thread.run_sync(pool.close)

    app = FastAPI(
        title="baap-kg",
        version=__version__,
        description="The ITU-D Buenos Aires Action Plan report as a knowledge graph.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.add_middleware(
        CORSMiddleware,
        allow_origins=["*"],
        allow_credentials=False,
        allow_methods=["GET", "HEAD", "POST", "OPTIONS"],
        allow_headers=["Accept", "Content-Type", "Accept-Language"],
        expose_headers=EXPOSED_HEADERS,
        max_age=86400,
    )
    _install_error_handlers(app)
    app.include_router(health.router)
    app.include_router(sparql.router)
    return app
