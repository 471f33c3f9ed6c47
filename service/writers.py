"""How results are written: the RDF writer of resource documents and the service description,
and the row-by-row SPARQL results writers the engine uses when a cap cuts a result.

Oxigraph writes every complete result itself (`service.engine`); the writers here serve the two
cases it cannot: triples gathered by the app (documents, the service description), and a result
cut at the row or byte cap, which must be written one row at a time to stop at the right one.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Final

import orjson
import pyoxigraph as ox

RESULTS_FORMATS: Final[dict[str, ox.QueryResultsFormat]] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS: Final[dict[str, ox.RdfFormat]] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
}
#: Formats whose documents Oxigraph writes with the prefixes it is given.
PREFIXED_FORMATS: Final = frozenset({ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG})
_XSD_STRING: Final = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING: Final = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def serialize_triples(
    triples: Sequence[ox.Triple], media_type: str, prefixes: Mapping[str, str] | None = None
) -> bytes:
    """Triples in one of GRAPH_FORMATS; Turtle and TriG declare the `prefixes` they use.

    The writer of resource documents and the service description. N-Quads and TriG get the
    triples in the default graph.
    """
    fmt = GRAPH_FORMATS[media_type]
    items: Sequence[ox.Triple] | list[ox.Quad] = triples
    if fmt in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG):
        items = [ox.Quad(t.subject, t.predicate, t.object) for t in triples]
    used = None
    if prefixes and fmt in PREFIXED_FORMATS:
        used = used_prefixes(triples, prefixes)
    return ox.serialize(items, format=fmt, prefixes=used) or b""


def used_prefixes(triples: Sequence[ox.Triple], prefixes: Mapping[str, str]) -> dict[str, str]:
    """The entries of `prefixes` whose namespace some IRI of the triples (or datatype) is in."""
    iris: set[str] = set()
    for triple in triples:
        for term in (triple.subject, triple.predicate, triple.object):
            if isinstance(term, ox.NamedNode):
                iris.add(term.value)
            elif isinstance(term, ox.Literal):
                iris.add(term.datatype.value)
    return {p: ns for p, ns in prefixes.items() if any(i.startswith(ns) for i in iris)}


# --- the slow path's serializers (only used when a result is cut at the row cap) ---------------


def escape(text: str) -> str:
    """XML character data."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("\r", "&#13;").replace("\n", "&#10;").replace("\t", "&#9;")


def quoteattr(text: str) -> str:
    """An XML attribute value with its quotes."""
    return '"' + escape(text).replace('"', "&quot;") + '"'


def _json_term(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> dict[str, object]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, object] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value not in (_XSD_STRING, _RDF_LANG_STRING):
            out["datatype"] = term.datatype.value
        return out
    return {
        "type": "triple",
        "value": {
            "subject": _json_term(term.subject),
            "predicate": _json_term(term.predicate),
            "object": _json_term(term.object),
        },
    }


def _json_head(variables: list[str]) -> bytes:
    return orjson.dumps({"head": {"vars": variables}})[:-1] + b',"results":{"bindings":['


def _json_row(variables: list[str], row: ox.QuerySolution) -> bytes:
    binding = {}
    for name in variables:
        value = row[name]
        if value is not None:
            binding[name] = _json_term(value)
    return orjson.dumps(binding)


def _xml_term(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value not in (_XSD_STRING, _RDF_LANG_STRING):
            datatype = quoteattr(term.datatype.value)
            return f"<literal datatype={datatype}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    return (
        f"<triple><subject>{_xml_term(term.subject)}</subject>"
        f"<predicate>{_xml_term(term.predicate)}</predicate>"
        f"<object>{_xml_term(term.object)}</object></triple>"
    )


def _xml_head(variables: list[str]) -> bytes:
    head = "".join(f"<variable name={quoteattr(v)}/>" for v in variables)
    return (
        '<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#">'
        f"<head>{head}</head><results>"
    ).encode()


def _xml_row(variables: list[str], row: ox.QuerySolution) -> bytes:
    cells = "".join(
        f"<binding name={quoteattr(v)}>{_xml_term(row[v])}</binding>"
        for v in variables
        if row[v] is not None
    )
    return f"<result>{cells}</result>".encode()


def _csv_cell(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None) -> str:
    if term is None:
        return ""
    text = (
        f"_:{term.value}" if isinstance(term, ox.BlankNode) else str(getattr(term, "value", term))
    )
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _csv_head(variables: list[str]) -> bytes:
    return (",".join(variables) + "\r\n").encode()


def _csv_row(variables: list[str], row: ox.QuerySolution) -> bytes:
    return (",".join(_csv_cell(row[v]) for v in variables) + "\r\n").encode()


def _tsv_head(variables: list[str]) -> bytes:
    return ("\t".join(f"?{v}" for v in variables) + "\n").encode()


def _tsv_row(variables: list[str], row: ox.QuerySolution) -> bytes:
    return ("\t".join("" if row[v] is None else str(row[v]) for v in variables) + "\n").encode()


class _JsonRow:
    """JSON rows after the first need a comma before them: a writer that remembers."""

    def __init__(self) -> None:
        self.first = True

    def __call__(self, variables: list[str], row: ox.QuerySolution) -> bytes:
        data = _json_row(variables, row)
        if self.first:
            self.first = False
            return data
        return b"," + data


RowWriter = Callable[[list[str], ox.QuerySolution], bytes]


def solution_writers(media_type: str) -> tuple[Callable[[list[str]], bytes], RowWriter, bytes]:
    """(head, row, foot) of the slow path's serializer for `media_type`."""
    if media_type == "application/sparql-results+json":
        return _json_head, _JsonRow(), b"]}}"
    if media_type == "application/sparql-results+xml":
        return _xml_head, _xml_row, b"</results></sparql>"
    if media_type == "text/csv":
        return _csv_head, _csv_row, b""
    return _tsv_head, _tsv_row, b""
