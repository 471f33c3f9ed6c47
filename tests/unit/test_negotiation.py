"""One registry, one `negotiate`: format names, aliases, q-values, 400 for unknown names, 406 for
what an offer cannot give, and the choice between an error page and problem+json."""

from __future__ import annotations

import pytest

from service.errors import NotAcceptableError, RequestError
from service.negotiation import (
    FORMATS,
    GRAPH_TYPES,
    HTML,
    JSON,
    RESOURCE_TYPES,
    RESULTS_TYPES,
    Offer,
    negotiate,
    page_or,
    prefers_html,
)

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def test_every_media_type_is_registered_once_with_its_names() -> None:
    types = [f.media_type for f in FORMATS]
    assert len(types) == len(set(types))
    assert all(f.extension for f in FORMATS)


@pytest.mark.parametrize(
    ("offer", "fmt", "expected"),
    [
        (RESULTS_TYPES, "json", "application/sparql-results+json"),
        (GRAPH_TYPES, "json", "application/ld+json"),
        (GRAPH_TYPES, "xml", "application/rdf+xml"),
        (GRAPH_TYPES, "application/sparql-results+json", "application/ld+json"),
        (RESOURCE_TYPES, "ttl", "text/turtle"),
        (RESOURCE_TYPES, "turtle", "text/turtle"),
        (RESOURCE_TYPES, "html", HTML),
        (RESOURCE_TYPES, "json", "application/ld+json"),
        (RESOURCE_TYPES, "TEXT/TURTLE", "text/turtle"),
        (Offer("text/turtle", JSON, names={"summary": JSON}), "summary", JSON),
    ],
)
def test_format_names_resolve_within_the_offer(offer: Offer, fmt: str, expected: str) -> None:
    assert negotiate(offer, "image/png", fmt) == expected  # format wins over Accept


def test_unknown_format_is_400_and_unofferable_one_406() -> None:
    with pytest.raises(RequestError, match="unknown format 'yaml'"):
        negotiate(RESOURCE_TYPES, None, "yaml")
    with pytest.raises(NotAcceptableError, match="text/turtle"):
        negotiate(RESOURCE_TYPES, None, "csv")


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "application/ld+json"),
        ("", "application/ld+json"),
        ("*/*", "application/ld+json"),
        (BROWSER, HTML),
        ("application/json", "application/ld+json"),
        ("application/x-turtle", "text/turtle"),
        ("text/plain", "application/n-triples"),
        ("text/turtle;q=0.5, application/rdf+xml", "application/rdf+xml"),
        ("text/*;q=0.3, application/ld+json;q=0.2", HTML),
    ],
)
def test_accept_is_read_by_quality_then_offer_order(accept: str | None, expected: str) -> None:
    assert negotiate(RESOURCE_TYPES, accept, None) == expected


def test_an_offered_type_keeps_an_alias_another_would_claim() -> None:
    home = page_or(JSON, *GRAPH_TYPES.offered)
    assert negotiate(home, "application/json", None) == JSON  # not JSON-LD's alias


def test_nothing_acceptable_is_406_naming_the_offer() -> None:
    with pytest.raises(NotAcceptableError, match="text/html"):
        negotiate(page_or(), "application/json", None)


def test_a_plain_mapping_is_an_offer_too() -> None:
    offered = {"text/turtle": "text/turtle", JSON: JSON}
    assert negotiate(offered, "application/json", None) == JSON
    with pytest.raises(NotAcceptableError):
        negotiate(offered, "application/ld+json", None)


@pytest.mark.parametrize(
    ("accept", "html"),
    [(BROWSER, True), ("*/*", False), (None, False), ("application/json", False)],
)
def test_error_pages_go_to_browsers_only(accept: str | None, html: bool) -> None:
    assert prefers_html(accept) is html
