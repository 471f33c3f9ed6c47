"""The query inspector: forms, dataset clauses, and the refusal of SERVICE, LOAD and updates."""

from __future__ import annotations

import pytest

from service.errors import ForbiddenQueryError, QuerySyntaxError, UpdateNotAllowedError
from service.query_text import decode_escapes, inspect_query, inspect_update, keywords


@pytest.mark.parametrize(
    ("query", "form"),
    [
        ("SELECT * { ?s ?p ?o }", "SELECT"),
        ("prefix ex: <http://e/> ask { ex:a ex:b ex:c }", "ASK"),
        ("BASE <http://e/> CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT"),
        ("# a comment with SELECT\nDESCRIBE <http://e/x>", "DESCRIBE"),
        ("SELEC * {}", "UNKNOWN"),
    ],
)
def test_inspect_query_finds_the_query_form(query: str, form: str) -> None:
    assert inspect_query(query).form == form


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
        "select * { service silent <http://x/> { ?s ?p ?o } }",
        "SELECT * {\n  SeRvIcE ?endpoint { ?s ?p ?o } }",
        "SELECT * { \\u0053ERVICE <http://x/> { ?s ?p ?o } }",
        "SELECT * { \\U00000053ERVICE <http://x/> { ?s ?p ?o } }",
        "SELECT * {#comment\nSERVICE<http://x/>{?s ?p ?o}}",
        "LOAD <http://example.org/data.ttl>",
        "load silent <http://x/> into graph <http://g/>",
    ],
)
def test_outbound_keywords_are_refused_in_any_spelling(query: str) -> None:
    with pytest.raises(ForbiddenQueryError, match="not allowed"):
        inspect_query(query)


@pytest.mark.parametrize(
    "query",
    [
        'SELECT ?service { ?s ?p "SERVICE" }',
        "SELECT * { ?s <http://e/#service> ?o }",
        "PREFIX service: <http://e/> SELECT * { ?s service:load ?o }",
        "SELECT * { ?s ?p ?o } # SERVICE <http://x/>",
        "SELECT * { ?s ?p '''LOAD <http://x/>''' }",
        "SELECT * { _:service ?p ?o }",
        "SELECT ($load AS ?x) {}",
    ],
)
def test_keywords_inside_names_strings_and_comments_are_not_refused(query: str) -> None:
    assert inspect_query(query).form == "SELECT"


@pytest.mark.parametrize(
    "update",
    ["INSERT DATA { <http://a> <http://b> <http://c> }", "DELETE WHERE { ?s ?p ?o }", "CLEAR ALL"],
)
def test_updates_sent_as_queries_are_refused_as_writes(update: str) -> None:
    with pytest.raises(UpdateNotAllowedError, match="writes are not enabled"):
        inspect_query(update)


def test_every_update_is_refused_and_load_as_outbound() -> None:
    with pytest.raises(UpdateNotAllowedError):
        inspect_update("INSERT DATA {}")
    with pytest.raises(ForbiddenQueryError):
        inspect_update("LOAD <http://x/>")


def test_dataset_clauses_are_detected() -> None:
    assert inspect_query("SELECT * FROM <http://g/> { ?s ?p ?o }").has_dataset_clause
    assert inspect_query("SELECT * FROM NAMED <http://g/> { ?s ?p ?o }").has_dataset_clause
    assert not inspect_query("SELECT ?from { ?from ?p ?o }").has_dataset_clause


def test_deep_nesting_is_refused_before_the_engine_sees_it() -> None:
    with pytest.raises(QuerySyntaxError, match="levels deep"):
        inspect_query("SELECT * { " + "(" * 10_000 + " }")


def test_codepoint_escapes_are_decoded_and_invalid_ones_kept() -> None:
    assert decode_escapes("\\u0041\\U0001F600") == "A\U0001f600"
    assert decode_escapes("\\uD800") == "\\uD800"
    assert keywords('SELECT "x" <http://y> ?z ex:w') == ["SELECT"]
