"""`GET /health`: triples per named graph and the data version."""

from __future__ import annotations

from fastapi import APIRouter
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


@router.get("/health", response_model=Health, summary="Service status and triples per graph")
def health(store: StoreDep) -> Health:
    """Liveness plus what is loaded: total triples, triples per named graph, data version."""
    counts = store.triple_counts()
    return Health(
        status="ok",
        version=__version__,
        dataVersion=store.data_version,
        triples=len(store),
        graphs=counts,
    )
