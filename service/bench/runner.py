"""Measure the query mix over HTTP against every server, per dataset, and report.

Per dataset: start each server (sequentially, so loading one does not slow down another), record
its start-up time and memory, then for each query of the mix and each server: one request that
checks the status and counts the results, warm-up requests, then sequential requests on one
keep-alive connection for a bounded time (`seconds`, at most `max_requests`, at least
`min_samples`: a query slower than the time budget is still timed warm, and its first request,
cold, is reported on its own). A request that takes
longer than the client timeout is reported as "timeout", and a server that is still busy after
that is restarted so it slows down neither the other servers nor the next query. The measured
requests go round-robin over the servers.
"""

from __future__ import annotations

import math
import statistics
import sys
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

import httpx
import orjson
import pyoxigraph as ox

from service.bench.queries import BenchQuery
from service.bench.servers import Server

RESULTS_JSON = "application/sparql-results+json"
RDF_ACCEPT = "application/n-triples, text/turtle;q=0.9"


@dataclass(frozen=True)
class Settings:
    """Knobs of one bench run."""

    seconds: float = 3.0
    max_requests: int = 200
    warmup: int = 3
    min_samples: int = 3
    request_timeout: float = 30.0
    startup_timeout: float = 900.0


@dataclass
class Measurement:
    """One query against one server."""

    status: str = "ok"  # ok | timeout | error: ... | unavailable
    rows: int | None = None
    latencies: list[float] = field(default_factory=list)
    wall: float = 0.0
    #: The first request of this query to this server (the check: cold caches, a fresh worker).
    first: float | None = None

    @property
    def ok(self) -> bool:
        return self.status == "ok" and bool(self.latencies)

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies)

    @property
    def p99(self) -> float:
        ordered = sorted(self.latencies)
        return ordered[max(0, math.ceil(0.99 * len(ordered)) - 1)]

    @property
    def rps(self) -> float:
        return len(self.latencies) / self.wall if self.wall > 0 else 0.0


class RequestFailed(Exception):
    """A request answered with an error status or an unreadable body."""


def count_results(query: BenchQuery, response: httpx.Response) -> int:
    """Rows of a SELECT, 1/0 for an ASK, triples of a CONSTRUCT."""
    if response.status_code != 200:
        detail = response.text[:200].replace("\n", " ")
        raise RequestFailed(f"HTTP {response.status_code}: {detail}")
    media_type = response.headers.get("content-type", "").split(";")[0].strip()
    if query.form in ("CONSTRUCT", "DESCRIBE"):
        rdf_format = ox.RdfFormat.from_media_type(media_type)
        if rdf_format is None:
            raise RequestFailed(f"unexpected content type {media_type!r}")
        return sum(1 for _ in ox.parse(response.content, format=rdf_format))
    try:
        body = orjson.loads(response.content)
    except orjson.JSONDecodeError as error:
        raise RequestFailed(f"not JSON ({media_type}): {error}") from error
    if not isinstance(body, dict):
        raise RequestFailed("not a SPARQL results JSON object")
    if "boolean" in body:
        return int(bool(body["boolean"]))
    bindings = body.get("results", {}).get("bindings")
    if not isinstance(bindings, list):
        raise RequestFailed("no results.bindings in the JSON")
    return len(bindings)


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


class _Probe:
    """Requests of one query to one server, and what they measured."""

    def __init__(self, server: Server, client: httpx.Client, query: BenchQuery) -> None:
        self.server = server
        self.client = client
        self.query = query
        self.url = "/sparql?" + urlencode({"query": query.text})
        accept = RESULTS_JSON if query.form in ("SELECT", "ASK") else RDF_ACCEPT
        self.headers = {"Accept": accept}
        self.result = Measurement()
        self.spent = 0.0  # seconds of measured requests

    def once(self) -> tuple[float, httpx.Response]:
        started = time.perf_counter()
        response = self.client.get(self.url, headers=self.headers)
        return time.perf_counter() - started, response

    def guarded(self, action: str) -> bool:
        """Run `action` (check | warmup | sample); False (status set) when it fails."""
        try:
            latency, response = self.once()
            if action == "check" or response.status_code != 200:
                self.result.rows = count_results(self.query, response)
            if action == "check":
                self.result.first = latency
            if action == "sample":
                self.result.latencies.append(latency)
                self.spent += latency
        except httpx.TimeoutException:
            self.result.status = "timeout"
        except (httpx.HTTPError, RequestFailed) as error:
            self.result.status = f"error: {error}"
        if self.result.status != "ok":
            self.result.latencies.clear()
            return False
        return True


def measure(
    servers: list[Server],
    clients: dict[str, httpx.Client],
    query: BenchQuery,
    settings: Settings,
    restart: bool = True,
) -> dict[str, Measurement]:
    """Check, warm up and time `query` on every server (see the module docstring).

    The measured requests go round-robin over the servers, one request each in turn, so that
    whatever else runs on the machine meanwhile slows them down alike. A server still busy after
    a failed request is restarted, or stopped when `restart` is false (the last query).
    """
    probes = [_Probe(s, clients[s.spec.key], query) for s in servers]
    active: list[_Probe] = []
    for probe in probes:
        if not probe.server.usable:
            probe.result.status = "unavailable"
        elif not probe.guarded("check"):
            _recover(probe, clients, settings, restart)
        else:
            warm_started = time.perf_counter()
            for _ in range(settings.warmup - 1):
                if time.perf_counter() - warm_started >= settings.seconds:
                    break
                if not probe.guarded("warmup"):
                    _recover(probe, clients, settings, restart)
                    break
            if probe.result.status == "ok":
                active.append(probe)
    while active:
        for probe in list(active):
            if not probe.guarded("sample"):
                active.remove(probe)
                _recover(probe, clients, settings, restart)
            elif len(probe.result.latencies) >= settings.max_requests or (
                probe.spent >= settings.seconds
                and len(probe.result.latencies) >= settings.min_samples
            ):
                active.remove(probe)
    for probe in probes:
        probe.result.wall = probe.spent
    return {p.server.spec.key: p.result for p in probes}


def _recover(
    probe: _Probe, clients: dict[str, httpx.Client], settings: Settings, restart: bool
) -> None:
    """After a timeout or error: make sure the server is idle again, so that it slows down
    neither the other servers nor the next query (restart it, or stop it if there is no next
    query), and reconnect."""
    server = probe.server
    key = server.spec.key
    timeout = clients[key].timeout
    clients[key].close()
    if not server.responsive(timeout=10.0):
        if restart:
            _log(f"    {server.spec.label} still busy or gone: restarting it")
            server.restart(settings.startup_timeout)
        else:
            _log(f"    {server.spec.label} still busy after the last query: stopping it")
            server.retire("stopped: still busy after a timeout on the last query")
    clients[key] = probe.client = httpx.Client(base_url=server.base_url, timeout=timeout)


def run_queries(
    servers: list[Server], queries: tuple[BenchQuery, ...], settings: Settings, dataset: str
) -> dict[str, dict[str, Measurement]]:
    """{query name: {server key: Measurement}}, query by query."""
    results: dict[str, dict[str, Measurement]] = {}
    timeout = httpx.Timeout(settings.request_timeout, connect=10.0)
    clients = {s.spec.key: httpx.Client(base_url=s.base_url, timeout=timeout) for s in servers}
    try:
        for query in queries:
            last = query is queries[-1]
            results[query.name] = measure(servers, clients, query, settings, restart=not last)
            for server in servers:
                measurement = results[query.name][server.spec.key]
                label = server.spec.label
                _log(f"  [{dataset}] {query.name:<26} {label:<20} {_brief(measurement)}")
    finally:
        for client in clients.values():
            client.close()
    return results


def _brief(m: Measurement) -> str:
    if not m.ok:
        return m.status
    return (
        f"rows={m.rows} n={len(m.latencies)} p50={m.p50 * 1000:.2f}ms "
        f"p99={m.p99 * 1000:.2f}ms {m.rps:.1f} req/s"
    )
