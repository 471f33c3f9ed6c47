"""`create_app(settings)`: the FastAPI application. Nothing runs at import time.

Run with `baap-kg serve`, or `uvicorn service.app:create_app --factory`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from service import __version__
from service.config import Settings, get_settings
from service.errors import KGError
from service.routers import health
from service.store import KnowledgeStore


def problem_response(status: int, title: str, detail: str, code: str) -> JSONResponse:
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
    )


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app for `settings` (default: from the environment)."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Load before serving: a request never sees a half-loaded store.
        app.state.store = KnowledgeStore.from_settings(settings)
        yield

    app = FastAPI(
        title="baap-kg",
        version=__version__,
        description="The ITU-D Buenos Aires Action Plan report as a knowledge graph.",
        lifespan=lifespan,
    )
    app.state.settings = settings

    @app.exception_handler(KGError)
    async def _kg_error(request: Request, error: KGError) -> JSONResponse:
        return problem_response(error.status_code, type(error).__name__, error.message, error.code)

    app.include_router(health.router)
    return app
