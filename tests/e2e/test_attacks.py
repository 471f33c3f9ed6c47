"""The attack suite: hostile requests against a real `baap-kg serve`, and faults from outside.

Each attack checks what the service promises: no outbound connection (a TCP listener owned by the
test records every connection), no crash (the app process keeps its pid, /health stays ok), no
5xx for a client's doing, bounded time (limits set low for the test server) and memory (the
whole process tree's PSS back near its idle size). The fault tests kill and stop the workers,
the zygote and the app, and check that the supervisor brings the service back within seconds.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import signal
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from service.config import Settings
from service.engine import Job
from service.errors import ForbiddenQueryError
from service.standalone import StandaloneZygote
from service.workers import PoolConfig, WorkerPool
from service.zygote_link import ZygoteLink
from tests.e2e.conftest import (
    RUNAWAY,
    Listener,
    Server,
    named,
    running_server,
    tree_pss_mb,
    wait_until,
)

pytestmark = pytest.mark.e2e

ATTACK_ENV = {
    "BAAP_QUERY_TIMEOUT_S": "3",
    "BAAP_VALIDATE_TIMEOUT_S": "5",
    "BAAP_HEADER_TIMEOUT_S": "1",
    "BAAP_BODY_TIMEOUT_S": "2",
    "BAAP_SEND_TIMEOUT_S": "2",
    "BAAP_MAX_CONNECTIONS": "40",
}
DIRECT = "application/sparql-query"


def _problem(response: httpx.Response, *statuses: int) -> dict[str, object]:
    assert response.status_code in statuses, (response.status_code, response.text[:300])
    assert response.headers["content-type"].split(";")[0] == "application/problem+json"
    problem: dict[str, object] = response.json()
    assert problem["detail"]
    return problem


@pytest.fixture(scope="module")
def attacked(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The built-in dataset with low limits, for the attacks."""
    with running_server(tmp_path_factory, "attacked", [], ATTACK_ENV) as server:
        yield server


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=30) as shared:
        yield shared


def _app_pid(server: Server) -> int:
    pids = named(server.pid, "baap-kg app")
    assert len(pids) == 1, pids
    return pids[0]


def _healthy(server: Server) -> bool:
    try:
        response = httpx.get(f"{server.url}/health", timeout=5)
    except httpx.TransportError:
        return False
    return response.status_code == 200 and response.json()["status"] == "ok"


# --- no outbound connection, whatever the query ---------------------------------------------------


def test_a_worker_cannot_connect_even_when_every_text_check_is_bypassed(
    settings: Settings, listener: Listener
) -> None:
    """A SERVICE query handed to the engine inside a real worker, with the text check switched
    off: the operating system refuses the socket, the listener sees nothing, and the refusal is
    reported as the SERVICE refusal it is."""

    async def run() -> None:
        zygote = StandaloneZygote.start(settings)
        pool = WorkerPool(ZygoteLink(zygote.path), PoolConfig(size=1))
        try:
            await pool.start()
            for target in (
                f"http://127.0.0.1:{listener.port}/",
                f"http://localhost:{listener.port}/",
            ):
                job = Job(
                    f"SELECT * {{ SERVICE <{target}> {{ ?s ?p ?o }} }}",
                    "application/sparql-results+json",
                    None,
                    10,
                    inspect=False,
                )
                with pytest.raises(ForbiddenQueryError, match="SERVICE"):
                    await pool.run(job, 10.0)
            silent = Job(
                f"SELECT * {{ SERVICE SILENT <http://127.0.0.1:{listener.port}/> {{ ?s ?p ?o }} }}",
                "application/sparql-results+json",
                None,
                10,
                inspect=False,
            )
            result = await pool.run(silent, 10.0)
            result.close()
        finally:
            await pool.close()
            zygote.stop()

    asyncio.run(run())
    time.sleep(0.3)
    assert listener.connections == []


def test_the_network_filter_refuses_every_socket_family_but_unix() -> None:
    """In a forked child under the filter: AF_INET, AF_INET6, AF_PACKET and AF_NETLINK fail with
    EACCES, io_uring is unavailable, AF_UNIX works (the worker's own sockets)."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child reports one line per check, then exits
        os.close(read)
        from service.sandbox import deny_network

        results = []
        try:
            deny_network()
            for family in ("AF_INET", "AF_INET6", "AF_PACKET", "AF_NETLINK"):
                try:
                    socket.socket(getattr(socket, family), socket.SOCK_DGRAM).close()
                    results.append(f"{family}:open")
                except PermissionError:
                    results.append(f"{family}:refused")
                except OSError as error:
                    results.append(f"{family}:{error.errno}")
            socket.socketpair()[0].close()
            results.append("AF_UNIX:open")
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            params = ctypes.create_string_buffer(120)
            fd = libc.syscall(425, 8, params)  # io_uring_setup(8, params)
            results.append(f"io_uring:{'refused' if fd < 0 else 'open'}")
        finally:
            os.write(write, "\n".join(results).encode())
            os._exit(0)
    os.close(write)
    os.waitpid(pid, 0)
    with os.fdopen(read) as report:
        lines = report.read().splitlines()
    assert lines == [
        "AF_INET:refused",
        "AF_INET6:refused",
        "AF_PACKET:refused",
        "AF_NETLINK:refused",
        "AF_UNIX:open",
        "io_uring:refused",
    ]


#: Pieces that make a text scanner lose step: `<` as less-than, quotes, escapes, comments.
_TRICKS = [
    "<", '"', "'", '"""', "'''", "#", "\\", '\\"', "\\u0022", "\\u003C", '<"a">', "'<'",
    '"#"', "'\"'", '"\\""', "<http://x/>", "?x", "\n", " ", "(", ")", "{", "}", ".", "1",
    "FILTER(?x <\"a\")", "FILTER(1<2)", "FILTER(?x<?y)", 'BIND("<" AS ?l)', "BIND('''a'''AS ?m)",
    '"""a"b"""', "<a#b>", "<a\"b>", "#<\n", '"\\u0053ERVICE"', "SERVICE", "service",
]  # fmt: skip
_SERVICE_FORMS = [
    "SERVICE <{t}> {{ ?s ?p ?o }}",
    "SERVICE SILENT <{t}> {{ ?s ?p ?o }}",
    "\\u0053ERVICE <{t}> {{ ?s ?p ?o }}",
    "SERVICE<{t}>{{}}",
]


def _fuzzed(port: int, seed: int, count: int) -> list[str]:
    rng = random.Random(seed)  # noqa: S311  (a reproducible fuzz, not a secret)
    target = f"http://127.0.0.1:{port}/"
    queries = []
    for _ in range(count):
        before = "".join(rng.choice(_TRICKS) for _ in range(rng.randint(0, 8)))
        form = rng.choice(_SERVICE_FORMS).format(t=target)
        after = "".join(rng.choice(_TRICKS) for _ in range(rng.randint(0, 3)))
        queries.append(f"SELECT * WHERE {{ BIND(1 AS ?x) {before} {form} {after} }}")
    return queries


def test_fuzzed_queries_before_a_service_never_reach_the_listener(
    attacked: Server, client: httpx.Client, listener: Listener
) -> None:
    statuses = []
    for query in _fuzzed(listener.port, seed=12, count=400):
        response = client.post(attacked.sparql, content=query, headers={"content-type": DIRECT})
        statuses.append(response.status_code)
        assert response.status_code < 500, (query, response.text)
    time.sleep(0.3)
    assert listener.connections == []
    assert 400 in statuses  # the friendly refusal still answers most of them


# --- untrusted RDF: parser bombs in every syntax --------------------------------------------------


_DEEP = 5000
_BOMBS = {
    "json-ld arrays": ("application/ld+json", "[" * _DEEP + "]" * _DEEP),
    "json-ld objects": (
        "application/ld+json",
        '{"@id":"http://a/","http://p/":' * _DEEP + "1" + "}" * _DEEP,
    ),
    "turtle blank nodes": (
        "text/turtle",
        "<http://a/> <http://p/> " + "[ <http://p/> " * _DEEP + "1" + " ]" * _DEEP + " .",
    ),
    "turtle collections": (
        "text/turtle",
        "<http://a/> <http://p/> " + "(" * _DEEP + ")" * _DEEP + " .",
    ),
    "rdf/xml elements": (
        "application/rdf+xml",
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:p="http://p/">'
        + '<rdf:Description rdf:about="http://a/"><p:p rdf:parseType="Resource">' * _DEEP
        + "</p:p></rdf:Description>" * _DEEP
        + "</rdf:RDF>",
    ),
    "billion laughs": (
        "application/rdf+xml",
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
        + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
        + ']><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="http://x/"><rdf:value>&i;</rdf:value></rdf:Description>'
        "</rdf:RDF>",
    ),
    "many triples": (
        "text/turtle",
        "<http://a/> <http://p/> " + ",".join(str(i) for i in range(150_000)) + " .",
    ),
    "many blank nodes": (
        "application/n-triples",
        "".join(f"_:b{i} <http://p/> _:c{i} .\n" for i in range(60_000)),
    ),
}


@pytest.mark.parametrize("name", sorted(_BOMBS))
def test_a_parser_bomb_is_a_4xx_and_the_app_survives(
    attacked: Server, client: httpx.Client, name: str
) -> None:
    media_type, body = _BOMBS[name]
    app = _app_pid(attacked)
    response = client.post(
        f"{attacked.url}/validate", content=body.encode(), headers={"content-type": media_type}
    )
    _problem(response, 400, 413)
    assert _app_pid(attacked) == app
    assert _healthy(attacked)


def test_a_validation_that_runs_too_long_is_stopped(attacked: Server, client: httpx.Client) -> None:
    """Thousands of activities each linking every region: the SHACL run takes longer than the
    5 s the test server allows; its worker is killed and the answer says so."""
    lines = ["@prefix baap: <https://w3id.org/baap/ontology#> ."]
    regions = " , ".join(f"<https://w3id.org/baap/id/region/R{i}>" for i in range(40))
    lines += [f"<http://x/a{i}> a baap:Activity ; baap:region {regions} ." for i in range(1200)]
    body = "\n".join(lines).encode()
    response = client.post(
        f"{attacked.url}/validate", content=body, headers={"content-type": "text/turtle"}
    )
    if response.status_code == 200:
        pytest.skip("this machine validated the candidate within the limit")
    _problem(response, 503)
    assert _healthy(attacked)


def test_memory_returns_near_idle_after_the_bombs(attacked: Server, client: httpx.Client) -> None:
    """The whole process tree's PSS after the parser bombs and a large result is within 300 MB
    of its size before them (workers that grew are replaced)."""
    idle = tree_pss_mb(attacked.pid)
    for media_type, body in _BOMBS.values():
        client.post(
            f"{attacked.url}/validate", content=body.encode(), headers={"content-type": media_type}
        )
    client.get(attacked.sparql, params={"query": "SELECT * { ?s ?p ?o }"})
    assert wait_until(lambda: tree_pss_mb(attacked.pid) < idle + 300, 10), (
        idle,
        tree_pss_mb(attacked.pid),
    )


# --- HTTP: headers, Host, slow clients, connections -----------------------------------------------


def _raw(server: Server, data: bytes, read_timeout: float = 5.0) -> bytes:
    """Send `data` on a fresh connection; everything the server answers before closing."""
    host, port = server.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=read_timeout) as sock:
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            sock.sendall(data)
        chunks = []
        try:
            while chunk := sock.recv(65536):
                chunks.append(chunk)
        except (TimeoutError, ConnectionResetError):
            pass
    return b"".join(chunks)


def _status(raw: bytes) -> int:
    return int(raw.split(b" ", 2)[1]) if raw.startswith(b"HTTP/1.1 ") else 0


def test_a_huge_header_is_431_without_reading_it_all(attacked: Server) -> None:
    answer = _raw(attacked, b"GET /health HTTP/1.1\r\nHost: a\r\nAccept: " + b"a" * 16_000_000)
    assert _status(answer) == 431
    assert b"application/problem+json" in answer


def test_too_many_headers_are_431(attacked: Server) -> None:
    headers = b"".join(b"X-%d: a\r\n" % i for i in range(150))
    assert (
        _status(_raw(attacked, b"GET /health HTTP/1.1\r\nHost: a\r\n" + headers + b"\r\n")) == 431
    )


def test_a_too_long_url_is_414(attacked: Server) -> None:
    answer = _raw(
        attacked, b"GET /sparql?query=" + b"a" * 100_000 + b" HTTP/1.1\r\nHost: a\r\n\r\n"
    )
    assert _status(answer) == 414


@pytest.mark.parametrize(
    "hosts",
    [[b"a b"], [b"[::1"], [b"example.org:99999"], [b"exa\x01mple.org"], [b"a", b"b"], []],
)
def test_a_malformed_missing_or_repeated_host_is_400(attacked: Server, hosts: list[bytes]) -> None:
    lines = b"".join(b"Host: " + host + b"\r\n" for host in hosts)
    answer = _raw(attacked, b"GET /health HTTP/1.1\r\n" + lines + b"Connection: close\r\n\r\n")
    assert _status(answer) == 400
    assert b"application/problem+json" in answer


@pytest.mark.parametrize(
    ("path", "accept"),
    [
        ("/api/activities/", "application/json"),
        ("/api/activities?perPage=2", "application/ld+json"),
        ("/sparql", "text/turtle"),
        ("/id/region/AFR", "application/ld+json"),
        ("/docs", "application/json"),
        ("/", "text/html"),
    ],
)
def test_a_client_given_host_is_never_echoed(attacked: Server, path: str, accept: str) -> None:
    response = httpx.get(
        attacked.url + path, headers={"host": "evil.example", "accept": accept}, timeout=30
    )
    assert response.status_code < 500
    assert "evil.example" not in response.text
    assert all("evil.example" not in value for value in response.headers.values())


def test_a_client_that_trickles_its_headers_is_closed(attacked: Server) -> None:
    host, port = attacked.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(b"GET /health HTTP/1.1\r\n")
        closed = False
        for _ in range(40):
            try:
                sock.sendall(b"X")
                time.sleep(0.25)
                sock.settimeout(0.01)
                data = sock.recv(4096)
                if data == b"" or data.startswith(b"HTTP/1.1 408"):
                    closed = True
                    break
            except TimeoutError:
                continue
            except (BrokenPipeError, ConnectionResetError):
                closed = True
                break
    assert closed, "the connection stayed open"


def test_a_body_that_never_arrives_is_given_up(attacked: Server) -> None:
    head = (
        b"POST /sparql HTTP/1.1\r\nHost: a\r\nContent-Type: application/sparql-query\r\n"
        b"Content-Length: 1000\r\n\r\nASK"
    )
    answer = _raw(attacked, head, read_timeout=10)
    assert _status(answer) == 408


def test_idle_connections_cannot_exhaust_the_server(attacked: Server) -> None:
    """60 sockets that send nothing, against a cap of 40: the excess is refused at once, the
    rest closed after the head timeout, and real requests are answered meanwhile and after."""
    host, port = attacked.url.removeprefix("http://").split(":")
    idle = [socket.create_connection((host, int(port))) for _ in range(60)]
    try:
        time.sleep(0.3)
        assert wait_until(lambda: _healthy(attacked), 5)
        time.sleep(1.5)  # past the 1 s head timeout
        for sock in idle:
            sock.settimeout(2)
            try:
                remainder = sock.recv(4096)
            except (TimeoutError, ConnectionResetError):
                remainder = b""
            assert remainder == b"" or remainder.startswith((b"HTTP/1.1 408", b"HTTP/1.1 503"))
    finally:
        for sock in idle:
            sock.close()
    assert _healthy(attacked)


# --- bytes ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def byte_capped(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The built-in dataset with results cut at 300 kB."""
    env = {"BAAP_MAX_RESULT_BYTES": "300000"}
    with running_server(tmp_path_factory, "bytes", [], env) as server:
        yield server


@pytest.mark.parametrize(
    ("query", "accept"),
    [
        ("SELECT * { ?s ?p ?o }", "text/csv"),
        ("SELECT * { ?s ?p ?o }", "application/sparql-results+json"),
        ("SELECT (GROUP_CONCAT(STR(?o)) AS ?all) { ?s ?p ?o }", "application/sparql-results+json"),
        ("CONSTRUCT WHERE { ?s ?p ?o }", "application/n-triples"),
        ("CONSTRUCT WHERE { ?s ?p ?o }", "text/turtle"),
    ],
)
def test_a_result_past_the_byte_cap_is_cut_cleanly_and_marked(
    byte_capped: Server, client: httpx.Client, query: str, accept: str
) -> None:
    response = client.get(byte_capped.sparql, params={"query": query}, headers={"accept": accept})
    assert response.status_code == 200, response.text[:300]
    assert len(response.content) <= 300_000
    assert "bytes" in response.headers["baap-result-truncated"]
    import pyoxigraph as ox

    if accept == "application/sparql-results+json":
        ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON)
    elif accept != "text/csv":
        list(ox.parse(response.content, format=ox.RdfFormat.from_media_type(accept)))


def test_a_client_that_reads_nothing_is_dropped_and_its_spool_freed(attacked: Server) -> None:
    """A result of several MB, asked for by a client that never reads: after the send timeout
    (2 s) the connection is closed and the app holds no spool file."""
    host, port = attacked.url.removeprefix("http://").split(":")
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.connect((host, int(port)))
    query = "CONSTRUCT WHERE { ?s ?p ?o }"
    sock.sendall(
        f"POST /sparql HTTP/1.1\r\nHost: a\r\nAccept: application/n-triples\r\n"
        f"Content-Type: {DIRECT}\r\nContent-Length: {len(query)}\r\n\r\n{query}".encode()
    )
    app = _app_pid(attacked)

    def spool_files() -> int:
        fd_dir = Path(f"/proc/{app}/fd")
        return sum(1 for fd in fd_dir.iterdir() if "(deleted)" in os.readlink(fd))

    try:
        time.sleep(1.0)
        assert wait_until(lambda: spool_files() == 0, 8), "the spool file was kept"
    finally:
        sock.close()
    assert _healthy(attacked)


# --- faults: kill and stop the processes ----------------------------------------------------------


@pytest.fixture
def faulted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server of its own for each fault (they kill its processes)."""
    env = {"BAAP_QUERY_TIMEOUT_S": "5", "BAAP_APP_STALL_S": "3", "BAAP_PING_TIMEOUT_S": "1.5"}
    with running_server(tmp_path_factory, "faulted", [], env) as server:
        yield server


def _cpu_ticks(pid: int) -> int:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])


def test_a_worker_killed_mid_query_is_a_503_and_is_replaced(faulted: Server) -> None:
    workers = named(faulted.pid, "baap-kg worker")
    outcome: dict[str, httpx.Response] = {}

    def runaway() -> None:
        outcome["response"] = httpx.get(
            faulted.sparql, params={"query": RUNAWAY + " # kill me"}, timeout=30
        )

    thread = threading.Thread(target=runaway)
    before = {pid: _cpu_ticks(pid) for pid in workers}
    thread.start()
    time.sleep(1.0)
    busy = max(workers, key=lambda pid: _cpu_ticks(pid) - before[pid])
    os.kill(busy, signal.SIGKILL)
    thread.join()
    problem = _problem(outcome["response"], 503)
    assert "SIGKILL" in str(problem["detail"])
    assert "retry-after" in outcome["response"].headers
    assert wait_until(lambda: len(named(faulted.pid, "baap-kg worker")) == len(workers), 5)
    assert httpx.get(faulted.sparql, params={"query": "ASK {}"}).status_code == 200


def test_a_killed_zygote_is_replaced_and_queries_go_on(faulted: Server) -> None:
    (zygote,) = named(faulted.pid, "baap-kg zygote")
    os.kill(zygote, signal.SIGKILL)
    assert wait_until(
        lambda: named(faulted.pid, "baap-kg zygote") not in ([], [zygote]) and _healthy(faulted), 8
    )
    # a worker killed now is replaced by the new zygote
    worker = named(faulted.pid, "baap-kg worker")[0]
    os.kill(worker, signal.SIGKILL)
    for _ in range(10):
        assert httpx.get(faulted.sparql, params={"query": "ASK {}"}, timeout=30).status_code == 200


def test_a_stopped_zygote_is_reported_then_replaced(faulted: Server) -> None:
    (zygote,) = named(faulted.pid, "baap-kg zygote")
    os.kill(zygote, signal.SIGSTOP)
    try:
        assert wait_until(lambda: named(faulted.pid, "baap-kg zygote") not in ([], [zygote]), 8)
        assert wait_until(lambda: _healthy(faulted), 8)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(zygote, signal.SIGCONT)
    assert httpx.get(faulted.sparql, params={"query": "ASK {}"}, timeout=30).status_code == 200


def test_a_killed_app_is_replaced_and_a_waiting_request_is_answered(faulted: Server) -> None:
    app = _app_pid(faulted)
    os.kill(app, signal.SIGKILL)
    response = httpx.get(faulted.sparql, params={"query": "ASK {}"}, timeout=30)
    assert response.status_code == 200
    assert _app_pid(faulted) != app


def test_a_stopped_app_is_killed_and_replaced(faulted: Server) -> None:
    app = _app_pid(faulted)
    os.kill(app, signal.SIGSTOP)
    assert wait_until(lambda: named(faulted.pid, "baap-kg app") not in ([], [app]), 10)
    assert wait_until(lambda: _healthy(faulted), 10)
