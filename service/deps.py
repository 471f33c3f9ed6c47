"""What route handlers take from the app: the store, the settings and the derived views.

The lifespan of `service.app.create_app` puts them on `app.state`; handlers reach them through
these functions (or the `...Dep` annotations), never through module globals.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends
from starlette.requests import Request

from service.config import Settings
from service.store import KnowledgeStore
from service.views import Views


def get_store(request: Request) -> KnowledgeStore:
    """The store the lifespan loaded."""
    store: KnowledgeStore = request.app.state.store
    return store


def get_settings(request: Request) -> Settings:
    """The settings the app was built with."""
    settings: Settings = request.app.state.settings
    return settings


def client_of(request: Request) -> str:
    """Who the request is from, for fair shares of the workers (see service.edge)."""
    state = request.scope.get("state") or {}
    client = state.get("client")
    if isinstance(client, str):
        return client
    peer = request.client
    return peer.host if peer else ""


def get_views(request: Request) -> Views:
    """The derived views of the loaded data (built once with the store)."""
    views: Views = request.app.state.views
    return views


StoreDep = Annotated[KnowledgeStore, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
ViewsDep = Annotated[Views, Depends(get_views)]
