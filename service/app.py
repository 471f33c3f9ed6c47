"""`create_app(settings)`: the FastAPI application. Nothing runs at import time.

Run with `baap-kg serve`, or `uvicorn service.app:create_app --factory`.
"""

from __future__ import annotations

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
from service.config import Settings, get_settings
from service.errors import KGError
from service.fastpath import SparqlFastPath
from service.jsonld import Context
from service.memory import release_free_memory
from service.openapi import build_openapi
from service.problems import internal_error_response, kg_error_response, problem_response
from service.routers import api, health, resources, sparql, ui
from service.routers import audit as audit_routes
from service.routers import validate as validate_routes
from service.store import KnowledgeStore
from service.views import Views
from service.web.errors import page_or_problem
from service.web.security import SecurityHeaders
from service.workers import WorkerPool

STATIC_DIR = Path(__file__).resolve().parent / "static"
API_DESCRIPTION = """The ITU-D Buenos Aires Action Plan report (TDAG-21/2/2-C) as a knowledge graph.

The site for people: [home](/), [query editor](/query), [browse](/browse/activities),
[audit](/audit.html).

* `/sparql`: SPARQL 1.1 Protocol endpoint (examples at `/sparql/examples`).
* `/id/...`: every resource IRI, in JSON-LD, Turtle, N-Triples, RDF/XML or HTML.
* `/api/...`: JSON-LD (Hydra) collections with filters and paging; `/context.jsonld`.

Errors are `application/problem+json`."""

#: Response headers a browser script may read on a cross-origin response.
EXPOSED_HEADERS = ["Baap-Result-Truncated", "Baap-Query-Seconds", "Retry-After", "Link", "ETag"]


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
        release_free_memory()  # loading and dumping the store freed tens of megabytes
        app.state.store, app.state.pool = store, pool
        app.state.views = Views(store, settings)
        try:
            yield
        finally:
            await anyio.to_thread.run_sync(pool.close)

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
    app.add_middleware(
        CORSMiddleware,
        allow_origins=["*"],
        allow_credentials=False,
        allow_methods=["GET", "HEAD", "POST", "OPTIONS"],
        allow_headers=["Accept", "Content-Type", "Accept-Language"],
        expose_headers=EXPOSED_HEADERS,
        max_age=86400,
    )
    # Outermost: /sparql skips the routing layers (same handler, same CORS policy).
    app.add_middleware(SparqlFastPath, exposed_headers=EXPOSED_HEADERS)
    app.add_middleware(SecurityHeaders)  # outermost: every response carries them
    _install_error_handlers(app)
    app.include_router(health.router)
    app.include_router(sparql.router)
    app.include_router(resources.router)
    app.include_router(api.router)
    app.include_router(validate_routes.router)
    app.include_router(ui.router)  # before audit: its /audit.html is the page in the layout
    app.include_router(audit_routes.router)
    return app
