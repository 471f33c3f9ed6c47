"""`GET /health`: whether queries can be served, triples per named graph, the data version.

`status` is "ok", or "degraded" (HTTP 503) when no query can be served: no live worker, or the
zygote that forks them does not answer. `queries` tells the worker pool's state."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel

from service import __version__
from service.deps import StoreDep

router = APIRouter(tags=["health"])


class Health(BaseModel):
    """What `/health` answers: the service is up and which data it serves."""

    status: str
    version: str
    dataVersion: str
    triples: int
    graphs: dict[str, int]
    queries: dict[str, Any]


@router.get(
    "/health",
    response_model=Health,
    summary="Service status and triples per graph",
    responses={503: {"description": "degraded: queries cannot be served", "model": Health}},
)
def health(request: Request, response: Response, store: StoreDep) -> Health:
    """Whether queries can be served, plus what is loaded: triples per graph, data version."""
    pool = getattr(request.app.state, "pool", None)
    queries: dict[str, Any] = (
        pool.status() if pool is not None else {"status": "degraded", "workers": 0}
    )
    status = str(queries["status"])
    if status != "ok":
        response.status_code = 503
    return Health(
        status=status,
        version=__version__,
        dataVersion=store.data_version,
        triples=len(store),
        graphs=store.triple_counts(),
        queries=queries,
    )
