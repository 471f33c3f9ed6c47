"""Shared fixtures: settings for the real repository, the loaded store, a live uvicorn server."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import uvicorn

from service.app import create_app
from service.build import Output, generate
from service.config import Settings
from service.store import KnowledgeStore


@pytest.fixture(scope="session")
def settings() -> Settings:
    """Settings that point at this repository, ignoring the environment's BAAP_* values."""
    return Settings(_env_file=None)  # type: ignore[call-arg]


@pytest.fixture(scope="session")
def store(settings: Settings) -> KnowledgeStore:
    """The built-in dataset, loaded once."""
    return KnowledgeStore.from_settings(settings)


@pytest.fixture(scope="session")
def built(settings: Settings) -> list[Output]:
    """One build in memory, as `baap-kg build` makes it (the suggester's training, in its own
    process, handed the extraction, included)."""
    return generate(settings)


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class LiveServer:
    """A uvicorn server running in a thread; `url` is its base address."""

    server: uvicorn.Server
    thread: threading.Thread
    url: str


def start_server(settings: Settings) -> LiveServer:
    """Start uvicorn on a free port and wait until it accepts requests."""
    port = free_port()
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    return LiveServer(server, thread, f"http://127.0.0.1:{port}")


def stop_server(live: LiveServer) -> None:
    """Ask uvicorn to exit and wait for its thread."""
    live.server.should_exit = True
    live.thread.join(timeout=30)


@pytest.fixture(scope="session")
def live_server(settings: Settings) -> Iterator[LiveServer]:
    """The real dataset served by real uvicorn on a free port."""
    live = start_server(settings)
    try:
        yield live
    finally:
        stop_server(live)
