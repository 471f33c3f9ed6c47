"""Reading SPARQL Protocol requests and negotiating result formats, without a server."""

from __future__ import annotations

import pytest

from service.errors import (
    KGError,
    MethodNotAllowedError,
    NotAcceptableError,
    PayloadTooLargeError,
    RequestError,
    UnsupportedMediaTypeError,
)
from service.negotiation import GRAPH_TYPES, RESULTS_TYPES, negotiate
from service.sparql import read_protocol_request

LIMIT = 10_000


def test_get_reads_query_and_dataset_from_the_url() -> None:
    request = read_protocol_request(
        "GET",
        "query=ASK%7B%7D&default-graph-uri=http%3A%2F%2Fg%2F1&named-graph-uri=http%3A%2F%2Fg%2F2"
        "&named-graph-uri=http%3A%2F%2Fg%2F3",
        None,
        b"",
        LIMIT,
    )
    assert request.query == "ASK{}"
    assert request.default_graphs == ("http://g/1",)
    assert request.named_graphs == ("http://g/2", "http://g/3")
    assert request.has_dataset


def test_form_post_merges_body_and_url_parameters() -> None:
    request = read_protocol_request(
        "POST",
        "default-graph-uri=http%3A%2F%2Fg%2F1",
        "application/x-www-form-urlencoded",
        b"query=SELECT%20*%20%7B%7D&timeout=2.5",
        LIMIT,
    )
    assert (request.query, request.default_graphs, request.timeout) == (
        "SELECT * {}",
        ("http://g/1",),
        2.5,
    )


def test_direct_post_takes_the_body_as_the_query() -> None:
    request = read_protocol_request(
        "POST", "", "application/sparql-query; charset=UTF-8", b"ASK { }", LIMIT
    )
    assert request.query == "ASK { }"


@pytest.mark.parametrize(
    ("method", "url", "content_type", "body", "error"),
    [
        ("GET", "query=ASK%7B%7D&query=ASK%7B%20%7D", None, b"", RequestError),
        ("GET", "query=ASK%7B%7D&format=json&format=xml", None, b"", RequestError),
        ("GET", "query=ASK%7B%7D", None, b"x", RequestError),
        ("GET", "query=%FF", None, b"", RequestError),
        ("GET", "query=ASK%7B%7D&default-graph-uri=not%20an%20iri", None, b"", RequestError),
        ("GET", "query=ASK%7B%7D&timeout=-1", None, b"", RequestError),
        ("GET", "query=ASK%7B%7D&timeout=nan", None, b"", RequestError),
        ("GET", "query=ASK%7B%7D&update=CLEAR%20ALL", None, b"", RequestError),
        ("PUT", "query=ASK%7B%7D", None, b"", MethodNotAllowedError),
        ("POST", "", None, b"query=ASK%7B%7D", UnsupportedMediaTypeError),
        ("POST", "", "text/plain", b"ASK {}", UnsupportedMediaTypeError),
        ("POST", "", "application/sparql-query; charset=UTF-16", b"ASK {}", RequestError),
        ("POST", "", "application/sparql-query", "ASK {}".encode("utf-16"), RequestError),
        ("POST", "query=ASK%7B%7D", "application/sparql-query", b"ASK {}", RequestError),
        (
            "POST",
            "query=ASK%7B%7D",
            "application/x-www-form-urlencoded",
            b"query=ASK%7B%7D",
            RequestError,
        ),
        ("GET", "query=" + "A" * (LIMIT + 1), None, b"", PayloadTooLargeError),
    ],
)
def test_protocol_errors_are_refused_with_the_right_error(
    method: str, url: str, content_type: str | None, body: bytes, error: type[KGError]
) -> None:
    with pytest.raises(error) as raised:
        read_protocol_request(method, url, content_type, body, LIMIT)
    assert raised.value.message


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "application/sparql-results+json"),
        ("*/*", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv;q=0.5, text/tab-separated-values", "text/tab-separated-values"),
        ("text/*", "text/csv"),
        ("text/*;q=0.2, application/sparql-results+xml;q=0.1", "text/csv"),
        ("application/json", "application/sparql-results+json"),
        ("text/html, */*;q=0.1", "application/sparql-results+json"),
        ("garbage", "application/sparql-results+json"),
    ],
)
def test_results_negotiation_honours_q_values_and_wildcards(
    accept: str | None, expected: str
) -> None:
    assert negotiate(RESULTS_TYPES, accept, None) == expected


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "text/turtle"),
        ("application/ld+json", "application/ld+json"),
        ("application/n-triples;q=0.9, application/rdf+xml", "application/rdf+xml"),
        ("application/n-quads", "application/n-quads"),
        ("application/trig", "application/trig"),
    ],
)
def test_graph_negotiation_picks_an_rdf_syntax(accept: str | None, expected: str) -> None:
    assert negotiate(GRAPH_TYPES, accept, None) == expected


def test_format_parameter_overrides_accept() -> None:
    assert negotiate(RESULTS_TYPES, "text/csv", "xml") == "application/sparql-results+xml"
    assert negotiate(GRAPH_TYPES, "text/turtle", "jsonld") == "application/ld+json"
    assert negotiate(GRAPH_TYPES, None, "json") == "application/ld+json"


def test_nothing_acceptable_is_406_naming_the_offer() -> None:
    with pytest.raises(NotAcceptableError, match="text/csv"):
        negotiate(RESULTS_TYPES, "image/png", None)
    with pytest.raises(NotAcceptableError):
        negotiate(GRAPH_TYPES, None, "csv")
    with pytest.raises(RequestError, match="unknown format"):
        negotiate(RESULTS_TYPES, None, "yaml")
