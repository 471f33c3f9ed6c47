"""Uploaded candidates: nesting, entity and size checks before and after parsing."""

from __future__ import annotations

import pytest

from service.candidates import parse_candidate
from service.errors import PayloadTooLargeError, RequestError


@pytest.mark.parametrize(
    ("media_type", "body"),
    [
        ("application/ld+json", "[" * 100 + "]" * 100),
        ("application/ld+json", '{"@id":"http://a/","http://p/":' * 70 + "1" + "}" * 70),
        ("text/turtle", "<http://a/> <http://p/> " + "[ <http://p/> " * 70 + "1" + " ]" * 70 + " ."),
        ("text/turtle", "<http://a/> <http://p/> " + "(" * 70 + ")" * 70 + " ."),
        (
            "application/rdf+xml",
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
            + "<rdf:Description>" * 70 + "</rdf:Description>" * 70 + "</rdf:RDF>",
        ),
    ],
)  # fmt: skip
def test_nesting_past_the_limit_is_refused_before_parsing(media_type: str, body: str) -> None:
    with pytest.raises(RequestError, match="levels deep"):
        parse_candidate(body.encode(), media_type, max_nesting=64)


@pytest.mark.parametrize(
    "body",
    [
        '<http://a/> <http://p/> "[[[[[[[[[[ ((((((((((" .',
        "<http://a/> <http://p/> '''[[[[[[[[[[[[[[[[[[[[''' .",
        "# [[[[[[[[[[[[[[[[[[[[[[[[[[[\n<http://a/> <http://p/> 1 .",
    ],
)
def test_brackets_in_strings_comments_and_iris_do_not_count(body: str) -> None:
    store = parse_candidate(body.encode(), "text/turtle", max_nesting=4)
    assert len(store) == 1


def test_json_strings_do_not_count() -> None:
    body = '{"@id": "http://a/", "http://p/": "[[[[[[[[[[{{{{{{{{{{\\"[[["}'
    assert len(parse_candidate(body.encode(), "application/ld+json", max_nesting=4)) == 1


def test_more_triples_than_allowed_is_413() -> None:
    body = "<http://a/> <http://p/> " + ",".join(str(i) for i in range(101)) + " ."
    with pytest.raises(PayloadTooLargeError, match="101 triples"):
        parse_candidate(body.encode(), "text/turtle", max_triples=100)
