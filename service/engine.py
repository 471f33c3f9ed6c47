"""Run one SPARQL query on a pyoxigraph store and serialize its result, within a row cap.

This is what a query worker process does for each request (see `service.workers`); it is a plain
function of (store, job) so tests can call it in-process.

Results are serialized by Oxigraph itself (fast, streaming). The row cap is enforced without
slowing that path: while Oxigraph writes, a sink counts a delimiter that every row boundary
produces (an upper bound on the row count). Only when that bound passes the cap is the query run
a second time and its first `max_rows` rows serialized here, so the response is cut cleanly and
marked as truncated. Results under the cap never take the slow path.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

import orjson
import pyoxigraph as ox

from service.errors import QueryEngineError, QuerySyntaxError

Sink = Callable[[bytes], None]

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
#: A byte string that appears at least once per row boundary in each results format.
_ROW_MARK: Final[dict[ox.QueryResultsFormat, bytes]] = {
    ox.QueryResultsFormat.JSON: b"},{",
    ox.QueryResultsFormat.XML: b"<result>",
    ox.QueryResultsFormat.CSV: b"\n",
    ox.QueryResultsFormat.TSV: b"\n",
}
_XSD_STRING: Final = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING: Final = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


@dataclass(frozen=True)
class Job:
    """One query to run, fully decided by the HTTP layer."""

    query: str
    media_type: str  # a key of RESULTS_FORMATS or GRAPH_FORMATS
    max_rows: int
    base_iri: str | None = None
    #: None: the union of all graphs (or the query's own FROM). A tuple: the protocol dataset.
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    use_union: bool = True
    prefixes: tuple[tuple[str, str], ...] = ()

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Job:
        """The inverse of `dataclasses.asdict` after a JSON round trip (lists back to tuples)."""

        def graphs(value: list[str] | None) -> tuple[str, ...] | None:
            return None if value is None else tuple(value)

        return cls(
            query=data["query"],
            media_type=data["media_type"],
            max_rows=data["max_rows"],
            base_iri=data["base_iri"],
            default_graphs=graphs(data["default_graphs"]),
            named_graphs=graphs(data["named_graphs"]),
            use_union=data["use_union"],
            prefixes=tuple((p, iri) for p, iri in data["prefixes"]),
        )


@dataclass(frozen=True)
class Outcome:
    """What came out besides the bytes: rows (or triples) written and whether the cap cut them."""

    rows: int | None
    truncated: bool


class _RowCapReached(Exception):
    """Raised inside Oxigraph's serializer to stop it once the cap may be passed."""


class _CountingSink:
    """A file-like object for Oxigraph: forwards bytes and keeps an upper bound on rows."""

    def __init__(self, sink: Sink, mark: bytes, limit: int) -> None:
        self._sink = sink
        self._mark = mark
        self._limit = limit
        self._tail = b""
        # JSON's mark sits between rows (rows - 1 of them); the others once per row or more.
        self.bound = 1 if mark == b"},{" else 0

    def write(self, data: bytes) -> int:
        chunk = bytes(data)
        self.bound += (self._tail + chunk).count(self._mark)
        self._tail = chunk[-(len(self._mark) - 1) :] if len(self._mark) > 1 else b""
        if self.bound > self._limit:
            raise _RowCapReached
        self._sink(chunk)
        return len(chunk)

    def flush(self) -> None:
        """Nothing to flush: every write is forwarded at once."""


def run_job(store: ox.Store, job: Job, sink: Sink, reset: Callable[[], None]) -> Outcome:
    """Evaluate `job` and write its serialized result to `sink`.

    `reset` tells the receiver to drop what was written so far (used when the row cap forces a
    second, cut-down serialization). Raises QuerySyntaxError or QueryEngineError.
    """
    result = _evaluate(store, job)
    try:
        if isinstance(result, ox.QuerySolutions):
            return _write_solutions(store, job, result, sink, reset)
        if isinstance(result, ox.QueryBoolean):
            sink(result.serialize(format=RESULTS_FORMATS[job.media_type]) or b"")
            return Outcome(rows=None, truncated=False)
        return _write_triples(job, result, sink)
    except (OSError, ValueError, RuntimeError) as error:
        raise QueryEngineError(f"the query failed while it ran: {error}") from error


def _evaluate(store: ox.Store, job: Job) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
    options: dict[str, object] = {"base_iri": job.base_iri}
    try:
        if job.default_graphs is not None or job.named_graphs is not None:
            options["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs or ()]
            options["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs or ()]
        elif job.use_union:
            options["use_default_graph_as_union"] = True
        return store.query(job.query, **options)  # type: ignore[arg-type]
    except SyntaxError as error:
        raise QuerySyntaxError(f"syntax error in the query: {error}") from error
    except (OSError, ValueError) as error:
        raise QueryEngineError(f"the query cannot be run: {error}") from error


def _write_solutions(
    store: ox.Store, job: Job, result: ox.QuerySolutions, sink: Sink, reset: Callable[[], None]
) -> Outcome:
    if job.media_type not in RESULTS_FORMATS:
        raise QueryEngineError(f"{job.media_type} is not a format for SELECT results")
    fmt = RESULTS_FORMATS[job.media_type]
    counting = _CountingSink(sink, _ROW_MARK[fmt], job.max_rows)
    try:
        result.serialize(counting, format=fmt)  # type: ignore[arg-type]  # any .write() works
    except _RowCapReached:
        reset()
        again = _evaluate(store, job)
        assert isinstance(again, ox.QuerySolutions)
        return _write_capped_solutions(again, job.media_type, job.max_rows, sink)
    return Outcome(rows=None, truncated=False)


def _write_capped_solutions(
    result: ox.QuerySolutions, media_type: str, max_rows: int, sink: Sink
) -> Outcome:
    """The slow path: at most `max_rows` solutions, serialized here."""
    variables = [v.value for v in result.variables]
    rows = list(itertools.islice(result, max_rows + 1))
    truncated = len(rows) > max_rows
    rows = rows[:max_rows]
    writer = _SOLUTION_WRITERS[media_type]
    for chunk in writer(variables, rows):
        sink(chunk)
    return Outcome(rows=len(rows), truncated=truncated)


def _write_triples(job: Job, result: ox.QueryTriples, sink: Sink) -> Outcome:
    if job.media_type not in GRAPH_FORMATS:
        raise QueryEngineError(f"{job.media_type} is not a format for CONSTRUCT/DESCRIBE results")
    taken = list(itertools.islice(result, job.max_rows + 1))
    truncated = len(taken) > job.max_rows
    triples: list[ox.Triple] = taken[: job.max_rows]
    sink(serialize_triples(triples, job.media_type, dict(job.prefixes)))
    return Outcome(rows=len(triples), truncated=truncated)


def serialize_triples(
    triples: Sequence[ox.Triple], media_type: str, prefixes: Mapping[str, str] | None = None
) -> bytes:
    """Triples in one of GRAPH_FORMATS; Turtle and TriG declare the `prefixes` they use.

    The one RDF writer of the service: query results, resource documents and the service
    description all go through it. N-Quads and TriG get the triples in the default graph.
    """
    fmt = GRAPH_FORMATS[media_type]
    items: Sequence[ox.Triple] | list[ox.Quad] = triples
    if fmt in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG):
        items = [ox.Quad(t.subject, t.predicate, t.object) for t in triples]
    used = None
    if prefixes and fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG):
        used = used_prefixes(triples, prefixes)
    return ox.serialize(items, format=fmt, prefixes=used) or b""


def used_prefixes(triples: Iterable[ox.Triple], prefixes: Mapping[str, str]) -> dict[str, str]:
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


def _json_rows(variables: list[str], rows: list[ox.QuerySolution]) -> Iterator[bytes]:
    bindings = []
    for row in rows:
        binding = {}
        for name in variables:
            value = row[name]
            if value is not None:
                binding[name] = _json_term(value)
        bindings.append(binding)
    yield orjson.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}})


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


def _xml_rows(variables: list[str], rows: list[ox.QuerySolution]) -> Iterator[bytes]:
    head = "".join(f"<variable name={quoteattr(v)}/>" for v in variables)
    yield (
        '<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#">'
        f"<head>{head}</head><results>"
    ).encode()
    for row in rows:
        cells = "".join(
            f"<binding name={quoteattr(v)}>{_xml_term(row[v])}</binding>"
            for v in variables
            if row[v] is not None
        )
        yield f"<result>{cells}</result>".encode()
    yield b"</results></sparql>"


def _csv_cell(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None) -> str:
    if term is None:
        return ""
    text = (
        f"_:{term.value}" if isinstance(term, ox.BlankNode) else str(getattr(term, "value", term))
    )
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _csv_rows(variables: list[str], rows: list[ox.QuerySolution]) -> Iterator[bytes]:
    yield (",".join(variables) + "\r\n").encode()
    for row in rows:
        yield (",".join(_csv_cell(row[v]) for v in variables) + "\r\n").encode()


def _tsv_rows(variables: list[str], rows: list[ox.QuerySolution]) -> Iterator[bytes]:
    yield ("\t".join(f"?{v}" for v in variables) + "\n").encode()
    for row in rows:
        cells = ("" if row[v] is None else str(row[v]) for v in variables)
        yield ("\t".join(cells) + "\n").encode()


_SOLUTION_WRITERS: Final[
    dict[str, Callable[[list[str], list[ox.QuerySolution]], Iterator[bytes]]]
] = {
    "application/sparql-results+json": _json_rows,
    "application/sparql-results+xml": _xml_rows,
    "text/csv": _csv_rows,
    "text/tab-separated-values": _tsv_rows,
}
