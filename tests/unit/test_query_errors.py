"""Syntax errors in words: the common mistakes, the position, no character classes."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from service.query_errors import explain


def _explained(query: str) -> str:
    with pytest.raises(SyntaxError) as raised:
        ox.Store().query(query)
    problem = explain(query, str(raised.value))
    assert problem.line is not None and problem.column is not None
    return problem.message


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("SELECT * WHERE { ?s rdfs:label ?o }",
         "add the line: PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>"),
        ("SELECT * WHERE { ?a baap:year ?y }", "PREFIX baap: <https://w3id.org/baap/ontology#>"),
        ("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\nSELECT * { ?s rdfs:label ?l ; "
         "dcterms:title ?t }", "the prefix 'dcterms:' is not declared"),
        ("SELECT * { ?s ex:p ?o }", "declare it first: PREFIX ex: <...>"),
        ("SELEC * { ?s ?p ?o }", "did you mean SELECT?"),
        ("SELECT * { ?s ?p ?o FILTR(?o) }", "did you mean FILTER?"),
        ("SELECT * { ?s ?p ?o } ORDR BY ?s", "did you mean ORDER?"),
        ("SELECT * { ?s ?p ?o", "a '}' is missing"),
        ("SELECT * { ?s ?p ?o FILTER(?o > 1 }", "a ')' is missing"),
        ('SELECT * { ?s ?p "open }', "closing quote is missing"),
        ("SELECT * { ?s <http://a b> ?o }", "this IRI is not valid"),
        ("SELECT ?o { ?s ?p ?o } GROUP BY ?s", "neither grouped nor aggregated"),
    ],
)  # fmt: skip
def test_common_mistakes_are_named(query: str, words: str) -> None:
    assert words in _explained(query)


def test_the_position_is_shown_with_the_line_and_a_caret() -> None:
    message = _explained("SELECT *\nWHERE { ?s ?p }")
    assert message.startswith("syntax error at line 2, column ")
    head, line, caret = message.split("\n")
    assert line == "  WHERE { ?s ?p }"
    assert caret.strip() == "^"


def test_character_classes_are_never_shown() -> None:
    message = _explained("SELECT * WHERE { ?s ?p ?o } ORDER BY ?s LIMIT")
    assert "\\u{" not in message and "..=" not in message and "[_]" not in message


def test_a_message_without_a_position_is_kept() -> None:
    assert explain("x", "something odd").message == "syntax error in the query: something odd"


@pytest.mark.parametrize(
    "query",
    ['"\\' * 50_000, "a" * 100_000, "SELECT * WHERE { ?s <" + "x" * 90_000],
)
def test_a_huge_or_hostile_query_gets_a_short_message(query: str) -> None:
    """Only a window around the error is echoed (and read by the heuristics)."""
    message = _explained(query)
    assert len(message) < 400
