"""`create_app(settings)`: the FastAPI application. Nothing runs at import time.

Run with `baap-kg serve`, or `uvicorn service.app:create_app --factory`.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import anyio
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from service import __version__
from service.caching import ConditionalGet
from service.compression import Compression
from service.config import Settings, get_settings
from service.edge import CLIENT, Edge
from service.engine import Job
from service.errors import KGError, QueryEngineError
from service.fastpath import CORS, SparqlFastPath
from service.head import HeadAsGet
from service.jsonld import Context
from service.memory import release_free_memory
from service.openapi import build_openapi
from service.problems import internal_error_response, kg_error_response, problem_response
from service.routers import api, health, resources, sparql, suggest, ui
from service.routers import audit as audit_routes
from service.routers import ontology as ontology_routes
from service.routers import store as store_routes
from service.routers import validate as validate_routes
from service.standalone import StandaloneZygote
from service.store import KnowledgeStore, SelectRunner
from service.views import Views
from service.web.errors import page_or_problem
from service.web.security import SecurityHeaders
from service.workers import PoolConfig, WorkerPool
from service.zygote_link import ZygoteLink

STATIC_DIR = Path(__file__).resolve().parent / "static"
API_DESCRIPTION = """The ITU-D Buenos Aires Action Plan report (TDAG-21/2/2-C) as a knowledge graph.

The site for people: [home](/), [query editor](/query), [browse](/browse/activities),
[audit](/audit.html).

* `/sparql`: SPARQL 1.1 Protocol endpoint (examples at `/sparql/examples`).
* `/id/...`: every resource IRI, in JSON-LD, Turtle, N-Triples, RDF/XML or HTML.
* `/api/...`: JSON-LD (Hydra) collections with filters and paging; `/context.jsonld`.

Errors are `application/problem+json`."""


def _install_error_handlers(app: FastAPI) -> None:
    """Every error leaves as application/problem+json (as a page of the site for browsers)."""

    @app.exception_handler(KGError)
    async def _kg_error(request: Request, error: KGError) -> Response:
        return page_or_problem(request, kg_error_response(error))

    @app.exception_handler(HTTPException)
    async def _http_error(request: Request, error: HTTPException) -> Response:
        return page_or_problem(
            request,
            problem_response(
                error.status_code,
                "HTTPError",
                str(error.detail),
                f"http-{error.status_code}",
                dict(error.headers) if error.headers else None,
            ),
        )

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, error: Exception) -> Response:
        return page_or_problem(request, internal_error_response())

    @app.exception_handler(RequestValidationError)
    async def _invalid_request(request: Request, error: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', '')}"
            for e in error.errors()
        )
        return page_or_problem(
            request, problem_response(400, "RequestError", problems, "bad-request")
        )


def pool_config(settings: Settings) -> PoolConfig:
    """The worker pool's knobs from the settings."""
    return PoolConfig(
        size=settings.max_concurrent_queries,
        queue_timeout_s=settings.queue_timeout_s,
        per_client_queue=settings.per_client_queue,
        heavy_slots=max(1, settings.max_concurrent_queries - 1),
        slow_query_s=settings.slow_query_s,
        recycle_mb=settings.worker_recycle_mb,
        private_budget_mb=settings.worker_private_budget_mb,
        max_spool_bytes=settings.max_spool_bytes,
    )


#: Threads for the app's synchronous routes: enough to wait on workers, few enough that the
#: page-building in Python cannot crowd out the event loop.
_APP_THREADS = 8
_INTERNAL_ROWS = 10_000_000


def select_runner(pool: WorkerPool, settings: Settings) -> SelectRunner:
    """Runs a SELECT built by the app (pages, collections, search) in a worker, on behalf of
    the request's client, from a thread of the app (see KnowledgeStore.route_selects)."""

    def run(query: str) -> bytes:
        job = Job(
            query,
            "application/sparql-results+json",
            None,
            max_rows=_INTERNAL_ROWS,
            max_bytes=max(settings.max_result_bytes, 256 * 1024 * 1024),
            inspect=False,
        )
        result = anyio.from_thread.run(pool.run, job, settings.query_timeout_s, CLIENT.get())
        try:
            if result.outcome.truncated:
                raise QueryEngineError(
                    "an answer the page needs is larger than a result may be; narrow the request"
                )
            return result.body if isinstance(result.body, bytes) else result.body.read()
        finally:
            result.close()

    return run


async def _heartbeat(sock: socket.socket) -> None:
    """Tell the supervisor every second that the event loop turns (see service.supervisor)."""
    sock.setblocking(False)
    while True:
        with contextlib.suppress(BlockingIOError, InterruptedError):
            sock.send(b"!")
        await asyncio.sleep(1.0)


def create_app(
    settings: Settings | None = None,
    store: KnowledgeStore | None = None,
    zygote: Path | None = None,
    heartbeat: socket.socket | None = None,
) -> FastAPI:
    """Build the app for `settings` (default: from the environment).

    `store`: an already loaded dataset (`baap-kg serve` loads it once, before forking); by
    default the lifespan loads it from `settings`. `zygote`: the socket of the zygote that forks
    query workers (`baap-kg serve`'s); without it the lifespan starts a zygote process of its own
    that loads the same files. `heartbeat`: the supervisor's socket, told every second that the
    event loop is alive.
    """
    settings = settings or get_settings()
    preloaded = store

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Load before serving: a request never sees a half-loaded store.
        own_zygote = None if zygote is not None else StandaloneZygote.start(settings)
        try:
            loaded = preloaded
            if loaded is None:
                loaded = await asyncio.to_thread(KnowledgeStore.from_settings, settings)
            path = zygote if own_zygote is None else own_zygote.path
            assert path is not None
            pool = WorkerPool(ZygoteLink(path), pool_config(settings))
            await pool.start()
            # Page and collection queries (built from a request's words) run in the workers too.
            loaded.route_selects(select_runner(pool, settings))
            anyio.to_thread.current_default_thread_limiter().total_tokens = _APP_THREADS
            release_free_memory()
            app.state.store, app.state.pool = loaded, pool
            app.state.views = Views(loaded, settings)
            beat = asyncio.create_task(_heartbeat(heartbeat)) if heartbeat is not None else None
            try:
                yield
            finally:
                if beat is not None:
                    beat.cancel()
                loaded.route_selects(None)
                await pool.close()
        finally:
            if own_zygote is not None:
                own_zygote.stop()

    app = FastAPI(
        title="baap-kg",
        version=__version__,
        description=API_DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,  # the site's own page (service.web.docs) on vendored assets
        redoc_url=None,
    )
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            views: Views | None = getattr(app.state, "views", None)
            vocabulary = views.vocabulary if views is not None else None
            app.openapi_schema = build_openapi(app, vocabulary)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]

    app.state.settings = settings
    app.state.context = Context.from_file(settings.ontology_dir / "context.jsonld")
    app.add_middleware(HeadAsGet)
    app.add_middleware(CORSMiddleware, **CORS)
    app.add_middleware(SecurityHeaders)  # outermost: every response of the app carries them
    _install_error_handlers(app)
    app.include_router(health.router)
    app.include_router(sparql.router)
    app.include_router(resources.router)
    app.include_router(api.router)
    app.include_router(validate_routes.router)
    app.include_router(suggest.router)
    app.include_router(ui.router)  # before audit: its /audit.html is the page in the layout
    app.include_router(audit_routes.router)
    app.include_router(store_routes.router)
    app.include_router(ontology_routes.router)
    return app


def asgi_app(app: FastAPI, settings: Settings) -> Edge:
    """What the HTTP server runs: the edge (Host, public URL, client identity), compression,
    validators (ETag, 304, Cache-Control), the security headers, then the /sparql fast path,
    then the app."""
    inner = SecurityHeaders(SparqlFastPath(app))
    return Edge(Compression(ConditionalGet(inner)), settings.served_url(), settings.trusted_proxies)
