"""How baap-kg and the floor grow with load and data: throughput, large results, memory, fairness.

After the per-query mix of `runner`, for each server:

- the load curve: N clients (1, 4, 16, 64) in a closed loop over the whole mix for a fixed time:
  answered requests/s, and how many were refused (429/503) or failed;
- large results: a 100,000-row SELECT as CSV and a ~100,000-triple CONSTRUCT as Turtle and as
  N-Triples (best of three), then the process tree's PSS;
- fairness (baap-kg only; the floor has no time limit, so a runaway stops it for good): 32
  clients send light queries while one client keeps resubmitting a runaway (5 s limit), and 32
  clients search the web interface's /search while one measures ASK {}.
"""

from __future__ import annotations

import statistics
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import quote

import httpx

from service.bench.load import LoadResult, Request, get, run_load
from service.bench.queries import BenchQuery
from service.bench.servers import Memory, Server

CLIENTS = (1, 4, 16, 64)
LARGE_SELECT = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 100000"
LARGE_CONSTRUCT = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 100000"
EVIL_REGEX = 'ASK { FILTER(REGEX("' + "a" * 30_000 + 'b", "^(a+)+$")) }'
#: name, query, Accept, Accept-Encoding: the same bytes as the floor's (which never compresses),
#: then what asking for gzip costs (the floor ignores it)
LARGE = (
    ("SELECT 100k rows, CSV", LARGE_SELECT, "text/csv", "identity"),
    ("CONSTRUCT 100k, Turtle", LARGE_CONSTRUCT, "text/turtle", "identity"),
    ("CONSTRUCT 100k, N-Triples", LARGE_CONSTRUCT, "application/n-triples", "identity"),
    ("CONSTRUCT 100k, N-Triples, gzip asked", LARGE_CONSTRUCT, "application/n-triples", "gzip"),
    # a regular expression that backtracks catastrophically elsewhere: linear here
    (
        "ASK, REGEX ^(a+)+$ on 30,001 characters",
        EVIL_REGEX,
        "application/sparql-results+json",
        "identity",
    ),
)
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@dataclass
class Fairness:
    """32 light clients beside one runaway, and 32 searchers beside one ASK client."""

    light: LoadResult
    runaway_statuses: dict[int, int]
    search: LoadResult
    ask_beside_search: LoadResult


@dataclass
class Scaling:
    """One server's figures."""

    load: dict[int, LoadResult] = field(default_factory=dict)
    large_seconds: dict[str, float] = field(default_factory=dict)
    memory_after_large: Memory | None = None
    memory_settled: Memory | None = None
    fairness: Fairness | None = None


def _requests(server: Server, mix: tuple[BenchQuery, ...]) -> list[Request]:
    out = []
    for query in mix:
        graph = query.form in ("CONSTRUCT", "DESCRIBE")
        accept = "application/n-triples" if graph else "application/sparql-results+json"
        out.append(get(server.host, server.port, "/sparql", query.text, accept, query.name))
    return out


def load_curve(
    server: Server, mix: tuple[BenchQuery, ...], seconds: float, clients: tuple[int, ...] = CLIENTS
) -> dict[int, LoadResult]:
    """Answered requests/s at each number of clients."""
    requests = _requests(server, mix)
    return {n: run_load(server.host, server.port, [(n, requests)], seconds) for n in clients}


def large_results(server: Server, timeout: float) -> dict[str, float]:
    """Seconds (best of three) for each large result, read whole."""
    times: dict[str, float] = {}
    with httpx.Client(base_url=server.base_url, timeout=timeout) as client:
        for name, query, accept, encoding in LARGE:
            best = float("inf")
            for _ in range(3):
                started = time.perf_counter()
                try:
                    response = client.get(
                        "/sparql",
                        params={"query": query},
                        headers={"accept": accept, "accept-encoding": encoding},
                    )
                except httpx.HTTPError:  # a server still busy with the load before: no figure
                    best = float("nan")
                    break
                elapsed = time.perf_counter() - started
                if response.status_code != 200:
                    best = float("nan")
                    break
                best = min(best, elapsed)
            times[name] = best
    return times


def fairness(server: Server, mix: tuple[BenchQuery, ...], seconds: float) -> Fairness:
    """The light clients' service beside a runaway; ASK beside 32 searchers."""
    light_requests = _requests(server, tuple(q for q in mix if q.kind == "lookup"))
    statuses: dict[int, int] = {}
    stop = threading.Event()

    def runaway() -> None:
        with httpx.Client(base_url=server.base_url, timeout=30) as client:
            while not stop.is_set():
                try:
                    response = client.get(
                        "/sparql",
                        params={"query": f"{RUNAWAY} # bench {time.monotonic()}", "timeout": "5"},
                    )
                    statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
                except httpx.HTTPError:
                    statuses[0] = statuses.get(0, 0) + 1

    thread = threading.Thread(target=runaway)
    thread.start()
    time.sleep(0.5)
    try:
        light = run_load(server.host, server.port, [(32, light_requests)], seconds)
    finally:
        stop.set()
        thread.join()
    search = [
        Request("search", _raw_get(server, f"/search?q={quote(term)}", "text/html"))
        for term in ("Kenya", "网络", "women", "spectrum", "ITU")
    ]
    ask = [
        get(server.host, server.port, "/sparql", "ASK {}", "application/sparql-results+json", "ask")
    ]
    both = run_load(server.host, server.port, [(32, search), (1, ask)], seconds)
    only_ask = LoadResult(both.seconds)
    only_ask.latencies = {"ask": both.latencies.get("ask", [])}
    only_ask.statuses = both.statuses
    return Fairness(light, statuses, both, only_ask)


def _raw_get(server: Server, target: str, accept: str) -> bytes:
    return (
        f"GET {target} HTTP/1.1\r\nHost: {server.host}:{server.port}\r\nAccept: {accept}\r\n"
        "User-Agent: baap-bench\r\n\r\n"
    ).encode()


def median_ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.1f} ms" if values else "-"
