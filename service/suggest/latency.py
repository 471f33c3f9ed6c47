"""Latency of `POST /suggest` over HTTP on a real server (for `make eval`, never in tests)."""

from __future__ import annotations

import socket
import statistics
import threading
import time
from collections.abc import Sequence
from typing import Any

import httpx
import uvicorn

from service.app import create_app
from service.config import Settings


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def http_latency(settings: Settings, texts: Sequence[str], rounds: int = 10) -> dict[str, Any]:
    """p50, p95 and max in milliseconds of POST /suggest (JSON) over `rounds` x `texts`, on a
    uvicorn server with the app (one warm-up request first: the model loads on first use)."""
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError("the server did not start")
        time.sleep(0.05)
    timings: list[float] = []
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            client.post("/suggest", json={"text": texts[0]}).raise_for_status()
            for _ in range(rounds):
                for text in texts:
                    started = time.perf_counter()
                    client.post("/suggest", json={"text": text}).raise_for_status()
                    timings.append((time.perf_counter() - started) * 1000)
    finally:
        server.should_exit = True
        thread.join(timeout=30)
    timings.sort()
    return {
        "requests": len(timings),
        "p50_ms": round(statistics.median(timings), 2),
        "p95_ms": round(timings[int(len(timings) * 0.95) - 1], 2),
        "max_ms": round(timings[-1], 2),
    }
