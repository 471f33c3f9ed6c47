"""`GET /health`: triples per named graph and the data version."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel

from service import __version__
from service.store import KnowledgeStore

router = APIRouter(tags=["health"])


def get_store(request: Request) -> KnowledgeStore:
    """The store the lifespan loaded."""
    store: KnowledgeStore = request.app.state.store
    return store


StoreDep = Annotated[KnowledgeStore, Depends(get_store)]


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
