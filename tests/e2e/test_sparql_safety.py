"""What the endpoint must never do: reach out, run forever, answer without bounds, crash.

SERVICE and LOAD are checked against a TCP listener the test owns (it records every connection);
timeouts by the CPU time of the server's whole process tree (/proc); limits and a fuzz of
malformed requests by their status and problem+json body.
"""

from __future__ import annotations

import concurrent.futures
import csv
import io
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pyoxigraph as ox
import pytest

from tests.e2e.conftest import RUNAWAY, Listener, Server, process_tree

pytestmark = pytest.mark.e2e

FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"


def _problem(response: httpx.Response, status: int | None = None) -> str:
    if status is not None:
        assert response.status_code == status, (response.status_code, response.text)
    assert 400 <= response.status_code < 500, (response.status_code, response.text)
    assert response.headers["content-type"].split(";")[0] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == response.status_code
    assert isinstance(problem["detail"], str) and problem["detail"]
    return problem["detail"]


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=30) as shared:
        yield shared


# --- SERVICE and LOAD never connect ---------------------------------------------------------------


def _service_queries(port: int) -> list[str]:
    target = f"http://127.0.0.1:{port}/"
    return [
        f"SELECT * {{ SERVICE <{target}> {{ ?s ?p ?o }} }}",
        f"select * {{ service silent <{target}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ SeRvIcE <{target}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ # a comment\nSERVICE#another\n<{target}>{{?s ?p ?o}} }}",
        f"SELECT * {{ \\u0053ERVICE <{target}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ \\u0073\\u0065rvice <{target}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ \\U00000053ERVICE <{target}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ SERVICE <\\u0068ttp://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}",
        f"PREFIX t: <{target}> SELECT * {{ SERVICE t:x {{ ?s ?p ?o }} }}",
        f"SELECT * {{ BIND(<{target}> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
        f"SELECT * {{ ?s ?p ?o FILTER EXISTS {{ SERVICE <{target}> {{ ?s ?p ?o }} }} }}",
        f"SELECT * {{ {{ SELECT * {{ SERVICE <{target}> {{ ?s ?p ?o }} }} }} }}",
        # the parser reads a keyword glued to what follows it
        f"PREFIX : <{target}> SELECT * {{ SERVICE:x {{ ?s ?p ?o }} }}",
        f"PREFIX t: <{target}> SELECT * {{ SERVICEt:x {{ ?s ?p ?o }} }}",
        f"PREFIX t: <{target}> SELECT * {{ SERVICESILENTt:x {{ ?s ?p ?o }} }}",
        f"SELECT * {{ SERVICESILENT<{target}>{{ ?s ?p ?o }} }}",
        f"ASK {{ SERVICE <{target}> {{ }} }}",
        f"CONSTRUCT WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}",
        f"DESCRIBE ?s {{ SERVICE <{target}> {{ ?s ?p ?o }} }}",
    ]


def test_the_listener_sees_connections() -> None:
    """The instrument works: a connection made to it is recorded."""
    watcher = Listener()
    try:
        socket.create_connection(("127.0.0.1", watcher.port), timeout=5).close()
        deadline = time.monotonic() + 5
        while not watcher.connections and time.monotonic() < deadline:
            time.sleep(0.02)
        assert len(watcher.connections) == 1
    finally:
        watcher.close()


@pytest.mark.parametrize("how", ["get", "post-form", "post-direct"])
def test_service_is_refused_before_it_connects(
    w3c_server: Server, client: httpx.Client, listener: Listener, how: str
) -> None:
    for query in _service_queries(listener.port):
        if how == "get":
            response = client.get(w3c_server.sparql, params={"query": query})
        elif how == "post-form":
            response = client.post(w3c_server.sparql, data={"query": query})
        else:
            response = client.post(
                w3c_server.sparql, content=query, headers={"content-type": DIRECT}
            )
        assert "SERVICE" in _problem(response, 400), query
    time.sleep(0.3)
    assert listener.connections == []


@pytest.mark.parametrize(
    "how", ["update-form", "update-direct", "query-form", "query-get", "update-glued"]
)
def test_load_is_refused_before_it_connects(
    w3c_server: Server, client: httpx.Client, listener: Listener, how: str
) -> None:
    target = f"http://127.0.0.1:{listener.port}/data.ttl"
    text = f"LOAD <{target}>"
    if how == "update-form":
        response = client.post(w3c_server.sparql, data={"update": text})
    elif how == "update-direct":
        response = client.post(
            w3c_server.sparql, content=text, headers={"content-type": "application/sparql-update"}
        )
    elif how == "query-form":
        response = client.post(w3c_server.sparql, data={"query": text})
    elif how == "query-get":
        response = client.get(w3c_server.sparql, params={"query": text})
    else:
        response = client.post(w3c_server.sparql, data={"update": f"PREFIX t: <{target}> LOADt:x"})
    assert "LOAD" in _problem(response, 400)
    time.sleep(0.3)
    assert listener.connections == []


@pytest.mark.parametrize(
    "query",
    [
        'SELECT ?service { ?service ?p ?o FILTER(?o != "SERVICE <http://127.0.0.1:9/>") }',
        "SELECT * { ?s ?p ?o } # SERVICE <http://127.0.0.1:9/> { }",
        "PREFIX service: <http://e/> SELECT * { ?s service:load ?o }",
        "PREFIX service: <http://e/> SELECT * { GRAPH service:g { ?s ?p ?o } }",
        "SELECT * { ?s ?p ?o FILTER(lang(?o) = 'x') } LIMIT 1",
        "SELECT * { ?s <http://e/#service> ?o }",
        "SELECT ($load AS ?x) {}",
    ],
)
def test_service_and_load_in_names_strings_and_comments_are_fine(
    w3c_server: Server, client: httpx.Client, query: str
) -> None:
    response = client.get(w3c_server.sparql, params={"query": query})
    assert response.status_code == 200, response.text


# --- timeouts kill the worker ----------------------------------------------------------------------


def _runaway(
    server: Server, timeout: str | None = None, variant: str = ""
) -> tuple[httpx.Response, float]:
    """RUNAWAY; a `variant` makes its text new to the server (not yet known to run long)."""
    query = RUNAWAY + (f" # {variant}" if variant else "")
    params = {"query": query} | ({"timeout": timeout} if timeout else {})
    started = time.monotonic()
    # The server's limit is 2 s: if it left the query running, this client would give up and
    # the test fail (no bound on the measured time is asserted: a busy machine is slow).
    response = httpx.get(server.sparql, params=params, timeout=30)
    return response, time.monotonic() - started


def test_a_runaway_query_is_stopped_at_the_timeout_and_its_worker_killed(
    limits_server: Server,
) -> None:
    seen = _live_processes(limits_server.pid)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        running = pool.submit(_runaway, limits_server)
        while not running.done():  # a worker forked after the first look may run it
            seen |= _live_processes(limits_server.pid)
            time.sleep(0.05)
        response, _ = running.result()
    assert "stopped" in _problem_503(response)
    # the worker that ran it is gone (killed, reaped), so nothing of it can still burn CPU; a
    # SIGKILLed process on a busy machine may take a moment to be scheduled and exit
    deadline = time.monotonic() + 10
    while not seen - _live_processes(limits_server.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert seen - _live_processes(limits_server.pid)
    assert httpx.get(limits_server.sparql, params={"query": "ASK {}"}).status_code == 200


def _live_processes(root: int) -> set[int]:
    """The server's processes that are still running (not zombies)."""
    alive = set()
    for pid in process_tree(root):
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue  # exited in between
        if state not in ("Z", "X"):
            alive.add(pid)
    return alive


def _problem_503(response: httpx.Response) -> str:
    assert response.status_code == 503, response.text
    assert response.headers["content-type"].split(";")[0] == "application/problem+json"
    detail = response.json()["detail"]
    assert detail
    return str(detail)


def test_a_client_timeout_lowers_the_limit(limits_server: Server) -> None:
    response, _ = _runaway(limits_server, timeout="1")
    assert "1 s" in _problem_503(response)


def test_a_client_timeout_cannot_raise_the_limit(limits_server: Server) -> None:
    response, _ = _runaway(limits_server, timeout="100")
    assert "2 s" in _problem_503(response)


def test_ask_is_answered_while_a_slow_query_runs(limits_server: Server) -> None:
    """Light queries keep being answered while a runaway holds a worker (the speed of those
    answers is measured by `make bench`, not here)."""
    slow = threading.Thread(target=_runaway, args=(limits_server,))
    slow.start()
    try:
        time.sleep(0.3)
        with httpx.Client(timeout=10) as fast:
            statuses = [
                fast.get(limits_server.sparql, params={"query": "ASK {}"}).status_code
                for _ in range(20)
            ]
        assert statuses == [200] * 20
    finally:
        slow.join()


def test_a_request_waits_for_a_busy_worker_instead_of_being_refused(
    limits_server: Server,
) -> None:
    """Both workers run a new runaway that the client limited to 0.5 s: an ASK sent meanwhile
    waits for the first worker to come free and is answered."""
    slow = [
        threading.Thread(target=_runaway, args=(limits_server, "0.5", uuid.uuid4().hex))
        for _ in range(2)
    ]
    for thread in slow:
        thread.start()
    try:
        time.sleep(0.2)
        response = httpx.get(limits_server.sparql, params={"query": "ASK {}"}, timeout=10)
        assert response.status_code == 200, response.text
    finally:
        for thread in slow:
            thread.join()


def test_a_request_that_waits_past_its_budget_gets_429_with_retry_after(
    limits_server: Server,
) -> None:
    """The limits server lets a request wait 1 s (BAAP_QUEUE_TIMEOUT_S); two new runaways keep
    both workers busy for 2 s."""
    slow = [
        threading.Thread(target=_runaway, args=(limits_server, None, uuid.uuid4().hex))
        for _ in range(2)
    ]
    for thread in slow:
        thread.start()
    try:
        time.sleep(0.5)
        response = httpx.get(limits_server.sparql, params={"query": "ASK {}"}, timeout=10)
        assert response.status_code == 429, response.text
        assert int(response.headers["retry-after"]) >= 1
        assert response.headers["content-type"].split(";")[0] == "application/problem+json"
        assert "BAAP_MAX_CONCURRENT_QUERIES" in response.json()["detail"]
    finally:
        for thread in slow:
            thread.join()
    time.sleep(0.3)
    assert httpx.get(limits_server.sparql, params={"query": "ASK {}"}).status_code == 200


def test_a_query_known_to_run_long_never_takes_the_last_worker(limits_server: Server) -> None:
    """Resubmitting a runaway (once it has timed out) cannot take every worker: copies of it
    share the heavy lane (all workers but one), so other queries are served at once."""
    variant = uuid.uuid4().hex
    assert _runaway(limits_server, "0.5", variant)[0].status_code == 503  # now known to be slow
    slow = [
        threading.Thread(target=_runaway, args=(limits_server, None, variant)) for _ in range(3)
    ]
    for thread in slow:
        thread.start()
    try:
        time.sleep(0.5)
        with httpx.Client(timeout=10) as client:
            statuses = [
                client.get(limits_server.sparql, params={"query": "ASK {}"}).status_code
                for _ in range(5)
            ]
        assert statuses == [200] * 5
    finally:
        for thread in slow:
            thread.join()


# --- size limits ------------------------------------------------------------------------------------


def test_an_oversized_body_is_413(limits_server: Server, client: httpx.Client) -> None:
    body = "ASK {} #" + "x" * 30_000
    response = client.post(limits_server.sparql, content=body, headers={"content-type": DIRECT})
    assert "BAAP_MAX_BODY_BYTES" in _problem(response, 413)


def test_an_oversized_chunked_body_is_413(limits_server: Server, client: httpx.Client) -> None:
    def chunks():  # type: ignore[no-untyped-def]
        for _ in range(30):
            yield b"#" + b"x" * 999

    response = client.post(limits_server.sparql, content=chunks(), headers={"content-type": DIRECT})
    assert "BAAP_MAX_BODY_BYTES" in _problem(response, 413)


@pytest.mark.parametrize("how", ["get", "post-form", "post-direct"])
def test_a_too_long_query_is_413(limits_server: Server, client: httpx.Client, how: str) -> None:
    query = "ASK {} #" + "x" * 3_000
    if how == "get":
        response = client.get(limits_server.sparql, params={"query": query})
    elif how == "post-form":
        response = client.post(limits_server.sparql, data={"query": query})
    else:
        response = client.post(
            limits_server.sparql, content=query, headers={"content-type": DIRECT}
        )
    assert "BAAP_MAX_QUERY_LENGTH" in _problem(response, 413)


# --- the row cap ---------------------------------------------------------------------------------

CAPPED_FORMATS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": None,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}


def _row_count(body: bytes, media_type: str) -> int:
    fmt = CAPPED_FORMATS[media_type]
    if fmt is None:
        header, *rows = list(csv.reader(io.StringIO(body.decode(), newline="")))
        assert header == ["s"]
        return len(rows)
    solutions = ox.parse_query_results(body, fmt)
    assert isinstance(solutions, ox.QuerySolutions)
    return len(list(solutions))


@pytest.mark.parametrize("media_type", list(CAPPED_FORMATS))
@pytest.mark.parametrize("rows", [6, 7])
def test_a_select_over_the_row_cap_returns_max_rows_marked_truncated(
    capped_server: Server, client: httpx.Client, media_type: str, rows: int
) -> None:
    query = f"SELECT ?s {{ ?s ?p ?o }} ORDER BY ?s LIMIT {rows}"
    response = client.get(
        capped_server.sparql, params={"query": query}, headers={"accept": media_type}
    )
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media_type
    assert _row_count(response.content, media_type) == 5
    assert response.headers.get("baap-result-truncated", "").startswith("true")


@pytest.mark.parametrize("media_type", list(CAPPED_FORMATS))
def test_a_select_at_the_row_cap_is_not_marked(
    capped_server: Server, client: httpx.Client, media_type: str
) -> None:
    query = "SELECT ?s { ?s ?p ?o } LIMIT 5"
    response = client.get(
        capped_server.sparql, params={"query": query}, headers={"accept": media_type}
    )
    assert response.status_code == 200
    assert _row_count(response.content, media_type) == 5
    assert "baap-result-truncated" not in response.headers


@pytest.mark.parametrize(
    "media_type", ["text/turtle", "application/n-triples", "application/ld+json"]
)
def test_a_construct_over_the_row_cap_returns_max_rows_triples_marked_truncated(
    capped_server: Server, client: httpx.Client, media_type: str
) -> None:
    response = client.get(
        capped_server.sparql,
        params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
        headers={"accept": media_type},
    )
    assert response.status_code == 200
    fmt = {
        "text/turtle": ox.RdfFormat.TURTLE,
        "application/n-triples": ox.RdfFormat.N_TRIPLES,
        "application/ld+json": ox.RdfFormat.JSON_LD,
    }[media_type]
    assert len(list(ox.parse(response.content, format=fmt))) == 5
    assert response.headers.get("baap-result-truncated", "").startswith("true")


# --- malformed requests: never a 5xx, always problem+json --------------------------------------------


def _raw_get(server: Server, target: bytes) -> tuple[int, dict[str, str], bytes]:
    url = urlsplit(server.url)
    with socket.create_connection((url.hostname, url.port), timeout=10) as sock:
        sock.sendall(b"GET " + target + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, v in (line.split(":", 1) for line in lines)}
    return int(status_line.split()[1]), headers, body


GARBAGE = bytes(range(256)) * 4 + b"\xff\xfe\x00SELECT\x80"
DEEP = "SELECT * WHERE { " + "(" * 10_000 + "1" + ")" * 10_000 + " }"


@pytest.mark.parametrize(
    ("method", "params", "content", "headers"),
    [
        ("POST", None, GARBAGE, {"content-type": DIRECT}),
        ("POST", None, GARBAGE, {"content-type": FORM}),
        ("POST", None, GARBAGE, {"content-type": "application/sparql-update"}),
        ("POST", None, GARBAGE, {}),
        ("POST", None, b"query=" + GARBAGE, {"content-type": FORM}),
        ("POST", None, DEEP.encode(), {"content-type": DIRECT}),
        ("POST", {"query": DEEP}, None, None),
        ("GET", {"query": "SELECT * {" + "{" * 10_000}, None, None),
        ("GET", {"query": "ASK { FILTER(" + "[" * 10_000 + ") }"}, None, None),
        ("POST", None, b"query=%zz%", {"content-type": FORM}),
        ("POST", None, b"query=%E2%82", {"content-type": FORM}),
        ("POST", None, b"query=ASK%7B%7D&default-graph-uri=%FF", {"content-type": FORM}),
        ("POST", None, b"ASK {}", {"content-type": "application/sparql-query; charset"}),
        ("POST", None, b"ASK {}", {"content-type": ";;;"}),
        ("POST", None, b"ASK {}", {"content-type": 'application/sparql-query; charset="'}),
        ("GET", {"query": "ASK {}", "default-graph-uri": ""}, None, None),
        ("GET", {"query": "ASK {}", "default-graph-uri": "not an iri"}, None, None),
        ("GET", {"query": "ASK {}", "default-graph-uri": "<http://e/g>"}, None, None),
        ("GET", {"query": "ASK {}", "default-graph-uri": "http://[::1"}, None, None),
        ("GET", {"query": "ASK {}", "named-graph-uri": "http://e/%zz"}, None, None),
        ("GET", {"query": "ASK {}", "named-graph-uri": "a:%"}, None, None),
        ("GET", {"query": "ASK {}", "named-graph-uri": "_:b"}, None, None),
        ("GET", {"query": "ASK {}", "timeout": "abc"}, None, None),
        ("GET", {"query": "ASK {}", "timeout": "-1"}, None, None),
        ("GET", {"query": "ASK {}", "timeout": "0"}, None, None),
        ("GET", {"query": "ASK {}", "timeout": "nan"}, None, None),
        ("GET", {"query": "ASK {}", "timeout": "inf"}, None, None),
        ("GET", {"query": "ASK {}", "timeout": "1e999"}, None, None),
        ("GET", {"query": "ASK {}", "timeout": "0x10"}, None, None),
        ("GET", {"query": "ASK {}", "format": "\x00"}, None, None),
        ("GET", {"query": "\x00"}, None, None),
        ("POST", None, b'"\\' * 50_000, {"content-type": DIRECT}),
        ("POST", None, b"a." * 50_000, {"content-type": DIRECT}),
        ("POST", None, b"'\\" * 50_000, {"content-type": DIRECT}),
        ("POST", None, b"<a" * 50_000, {"content-type": DIRECT}),
    ],
)
def test_malformed_requests_get_a_4xx_problem(
    w3c_server: Server,
    client: httpx.Client,
    method: str,
    params: dict[str, str] | None,
    content: bytes | None,
    headers: dict[str, str] | None,
) -> None:
    # a request the server left hanging would end in the client's timeout, failing the test
    response = client.request(
        method, w3c_server.sparql, params=params, content=content, headers=headers, timeout=30
    )
    _problem(response)


@pytest.mark.parametrize(
    "target",
    [
        b"/sparql?query=ASK%FF%FE",
        b"/sparql?query=%C0%AF",
        b"/sparql?default-graph-uri=%ED%A0%80&query=ASK%7B%7D",
        b"/sparql?timeout=%FF&query=ASK%7B%7D",
        b"/sparql?query=%",
        b"/sparql?query=%zz",
        b"/sparql?query=ASK%7B%7D&query",
        b"/sparql?%FF=1&query=%",
    ],
)
def test_bad_percent_encoding_in_the_url_gets_a_4xx_problem(
    w3c_server: Server, target: bytes
) -> None:
    status, headers, body = _raw_get(w3c_server, target)
    assert 400 <= status < 500, body
    assert headers["content-type"].split(";")[0] == "application/problem+json", body
    assert b'"detail"' in body


def test_raw_non_ascii_bytes_in_the_url_never_give_a_5xx(w3c_server: Server) -> None:
    """The HTTP parser (h11) refuses such a request line before the app sees it."""
    status, _, body = _raw_get(w3c_server, b"/sparql?query=ASK\xff{}")
    assert 400 <= status < 500, body


@pytest.mark.parametrize(
    "accept",
    [
        "",
        ";;;",
        "*/*;q=abc",
        "text/csv;q=2",
        "garbage",
        "a/b/c",
        "*/csv",
        "text/*;q=0",
        "application/sparql-results+json;q=-1",
        ",,,,",
        "*/*;" + "q=1;" * 2000,
        "text/csv, " * 500 + "text/csv",
        "*/*\t;\tq=1",
    ],
)
def test_weird_accept_headers_never_give_a_5xx(
    w3c_server: Server, client: httpx.Client, accept: str
) -> None:
    response = client.get(
        w3c_server.sparql, params={"query": "SELECT * {}"}, headers={"accept": accept}
    )
    assert response.status_code in (200, 406), response.text
    if response.status_code == 406:
        _problem(response, 406)
    else:
        media_type = response.headers["content-type"].split(";")[0]
        if media_type != "text/csv":
            ox.parse_query_results(response.content, CAPPED_FORMATS[media_type])


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * { FILTER(" + "!" * 50_000 + "true) }",
        "SELECT * { FILTER(" + "-" * 50_000 + "1) }",
        "SELECT * { FILTER(" + "+".join(["1"] * 30_000) + " > 0) }",
    ],
)
def test_deep_expressions_never_give_a_5xx(
    w3c_server: Server, client: httpx.Client, query: str
) -> None:
    """Valid but deep: answered, or refused with a problem; the server survives either way."""
    response = client.post(w3c_server.sparql, content=query, headers={"content-type": DIRECT})
    if response.status_code != 200:
        _problem(response)
    assert client.get(w3c_server.sparql, params={"query": "ASK {}"}).status_code == 200


def test_no_query_at_all_is_the_service_description(
    w3c_server: Server, client: httpx.Client
) -> None:
    response = client.post(w3c_server.sparql, content=b"", headers={"content-type": FORM})
    assert response.status_code == 200, response.text
    assert b"sparql-service-description" in response.content


@pytest.mark.parametrize(
    ("content", "content_type"),
    [(b"", DIRECT), (b"=&&=&query", FORM), (b"query=", FORM), (b"query=%20%0A", FORM)],
)
def test_an_empty_query_is_400(
    w3c_server: Server, client: httpx.Client, content: bytes, content_type: str
) -> None:
    response = client.post(
        w3c_server.sparql, content=content, headers={"content-type": content_type}
    )
    assert "empty" in _problem(response, 400)


def test_a_parameter_repeated_with_the_same_value_is_accepted(
    w3c_server: Server, client: httpx.Client
) -> None:
    """SPARQLWrapper sends `format` twice; the same value twice is no ambiguity."""
    response = client.get(
        w3c_server.sparql + "?query=ASK%7B%7D&format=json&format=json",
    )
    assert response.status_code == 200, response.text
    different = client.get(w3c_server.sparql + "?query=ASK%7B%7D&format=json&format=xml")
    assert "different formats" in _problem(different, 400)


def test_fuzzed_inputs_left_every_worker_usable(w3c_server: Server, client: httpx.Client) -> None:
    for _ in range(8):
        assert client.get(w3c_server.sparql, params={"query": "ASK {}"}).status_code == 200


# --- CORS --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["ASK {}", "ASK {", "INSERT DATA {}"])
def test_cross_origin_responses_allow_any_origin_without_credentials(
    w3c_server: Server, client: httpx.Client, query: str
) -> None:
    response = client.get(
        w3c_server.sparql, params={"query": query}, headers={"origin": "https://example.com"}
    )
    assert response.headers["access-control-allow-origin"] == "*"
    assert response.headers.get("access-control-allow-credentials", "false") != "true"


def test_cors_preflight_allows_a_post_of_a_query(w3c_server: Server, client: httpx.Client) -> None:
    response = client.options(
        w3c_server.sparql,
        headers={
            "origin": "https://example.com",
            "access-control-request-method": "POST",
            "access-control-request-headers": "content-type, accept",
        },
    )
    assert response.status_code in (200, 204)
    assert response.headers["access-control-allow-origin"] == "*"
    assert "POST" in response.headers["access-control-allow-methods"]
    allowed = response.headers["access-control-allow-headers"].lower()
    assert "content-type" in allowed and "accept" in allowed
    assert response.headers.get("access-control-allow-credentials", "false") != "true"


def test_cors_exposes_the_truncation_header(capped_server: Server, client: httpx.Client) -> None:
    response = client.get(
        capped_server.sparql,
        params={"query": "SELECT * { ?s ?p ?o }"},
        headers={"origin": "https://example.com"},
    )
    assert "baap-result-truncated" in response.headers["access-control-expose-headers"].lower()
