"""Run one SPARQL query on a pyoxigraph store and serialize its result, within a row and a byte cap.

This is what a query worker process does for each request (see `service.zygote`); it is a plain
function of (store, job) so tests can call it in-process. It runs in the worker, never in the app:
the text check (`service.query_text`: friendly refusals of SERVICE, LOAD and updates, and whether
the query names its own dataset) costs the worker's CPU, inside the worker budget.

Results are serialized by Oxigraph itself (fast, streaming). The caps are enforced without slowing
that path: while Oxigraph writes, a sink counts the bytes and a delimiter that every row boundary
produces (an upper bound on the row count). Only when a bound passes its cap is the query run a
second time and cut here: its first rows serialized one by one while they fit, so the response is
well-formed and marked as truncated. Results under the caps never take the slow path. Graph
results (CONSTRUCT, DESCRIBE) stream through Oxigraph's writer with the row cap as an
`itertools.islice` (no Python code per triple); past the byte cap they are cut the same way.

The worker is denied the network by the operating system (`service.sandbox`); should the text
check ever miss a SERVICE, the engine's attempt fails and is reported as the refusal it is.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Final

import pyoxigraph as ox

from service.capped import CapReached, Counter, CountingSink, Sink
from service.errors import (
    ForbiddenQueryError,
    NotAcceptableError,
    QueryEngineError,
    QuerySyntaxError,
)
from service.query_errors import explain
from service.query_text import QueryText, inspect_query
from service.writers import (
    GRAPH_FORMATS,
    PREFIXED_FORMATS,
    RESULTS_FORMATS,
    solution_writers,
)

#: Graph formats that write exactly one line per triple.
_LINE_FORMATS: Final = frozenset({ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS})
#: A byte string that appears at least once per row boundary in each results format.
_ROW_MARK: Final[dict[ox.QueryResultsFormat, bytes]] = {
    ox.QueryResultsFormat.JSON: b"},{",
    ox.QueryResultsFormat.XML: b"<result>",
    ox.QueryResultsFormat.CSV: b"\n",
    ox.QueryResultsFormat.TSV: b"\n",
}
#: Marks counted before the first row: JSON's mark sits between rows, CSV/TSV have a header line.
_MARK_OFFSET: Final[dict[ox.QueryResultsFormat, int]] = {
    ox.QueryResultsFormat.JSON: 1,
    ox.QueryResultsFormat.XML: 0,
    ox.QueryResultsFormat.CSV: -1,
    ox.QueryResultsFormat.TSV: -1,
}


@dataclass(frozen=True)
class Job:
    """One query to run, decided by the HTTP layer; the worker picks the format by result kind.

    `results_type` answers SELECT and ASK, `graph_type` CONSTRUCT and DESCRIBE; None means the
    client accepts no format for that kind, and `results_problem` / `graph_problem` say why
    (the 406 the client gets if its query is of that kind).
    """

    query: str
    results_type: str | None
    graph_type: str | None
    max_rows: int
    max_bytes: int = 64 * 1024 * 1024
    base_iri: str | None = None
    #: None: the union of all graphs (or the query's own FROM). A tuple: the protocol dataset.
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    prefixes: tuple[tuple[str, str], ...] = ()
    results_problem: str = ""
    graph_problem: str = ""
    #: Check the text first (friendly refusals, the query's own FROM). Internal queries skip it.
    inspect: bool = True

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Job:
        """The inverse of `orjson.dumps(job)` (lists back to tuples)."""

        def graphs(value: list[str] | None) -> tuple[str, ...] | None:
            return None if value is None else tuple(value)

        return cls(
            query=data["query"],
            results_type=data["results_type"],
            graph_type=data["graph_type"],
            max_rows=data["max_rows"],
            max_bytes=data["max_bytes"],
            base_iri=data["base_iri"],
            default_graphs=graphs(data["default_graphs"]),
            named_graphs=graphs(data["named_graphs"]),
            prefixes=tuple((p, iri) for p, iri in data["prefixes"]),
            results_problem=data["results_problem"],
            graph_problem=data["graph_problem"],
            inspect=data["inspect"],
        )


@dataclass(frozen=True)
class Outcome:
    """What came out besides the bytes: the format written, rows (or triples) written, and which
    cap (if any) cut them: `truncated` is "rows", "bytes" or None."""

    media_type: str
    rows: int | None
    truncated: str | None = None
    #: How the worker compressed the bytes ("br", "gzip"), or None.
    encoding: str | None = None


def run_job(store: ox.Store, job: Job, sink: Sink, reset: Callable[[], None]) -> Outcome:
    """Evaluate `job` and write its serialized result to `sink`.

    `reset` tells the receiver to drop what was written so far (used when a cap forces a
    second, cut-down serialization). Raises QuerySyntaxError, ForbiddenQueryError,
    UpdateNotAllowedError, NotAcceptableError or QueryEngineError.
    """
    use_union = True
    if job.inspect:
        use_union = not _inspected(job.query).has_dataset_clause
    result = _evaluate(store, job, use_union)
    try:
        if isinstance(result, ox.QuerySolutions | ox.QueryBoolean):
            media_type = _wanted(job.results_type, job.results_problem)
            if isinstance(result, ox.QueryBoolean):
                sink(result.serialize(format=RESULTS_FORMATS[media_type]) or b"")
                return Outcome(media_type, rows=None)
            writing = _Writing(store, job, use_union, media_type, sink, reset)
            return _write_solutions(writing, result)
        media_type = _wanted(job.graph_type, job.graph_problem)
        return _write_triples(_Writing(store, job, use_union, media_type, sink, reset), result)
    except OSError as error:
        raise _engine_error(error, "the query failed while it ran") from error
    except (ValueError, RuntimeError) as error:
        raise QueryEngineError(f"the query failed while it ran: {error}") from error


@lru_cache(maxsize=512)
def _inspected(text: str) -> QueryText:
    """The text check, remembered per text in this worker (dashboards and notebooks repeat
    their queries); a refusal raises each time, it is not cached."""
    return inspect_query(text)


def _wanted(media_type: str | None, problem: str) -> str:
    if media_type is None:
        raise NotAcceptableError(problem or "no acceptable format for this result")
    return media_type


def _engine_error(error: OSError, what: str) -> QueryEngineError | ForbiddenQueryError:
    """An OS error from the engine; a refused socket means the query tried to go outbound."""
    if isinstance(error, PermissionError) or "os error 13" in str(error):
        return ForbiddenQueryError(
            "this query tried to reach another server (SERVICE), which this endpoint never "
            "does; query the data it holds"
        )
    return QueryEngineError(f"{what}: {error}")


def _evaluate(
    store: ox.Store, job: Job, use_union: bool
) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
    options: dict[str, object] = {"base_iri": job.base_iri}
    try:
        if job.default_graphs is not None or job.named_graphs is not None:
            options["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs or ()]
            options["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs or ()]
        elif use_union:
            options["use_default_graph_as_union"] = True
        return store.query(job.query, **options)  # type: ignore[arg-type]
    except SyntaxError as error:
        problem = explain(job.query, str(error))
        raise QuerySyntaxError(problem.message, problem.line, problem.column) from error
    except OSError as error:
        raise _engine_error(error, "the query cannot be run") from error
    except ValueError as error:
        raise QueryEngineError(f"the query cannot be run: {error}") from error


@dataclass(frozen=True)
class _Writing:
    """One result being written: where its bytes go, and how to run its query again when a cap
    is passed (`reset` tells the receiver to drop what was written so far)."""

    store: ox.Store
    job: Job
    use_union: bool
    media_type: str
    sink: Sink
    reset: Callable[[], None]

    def solutions_again(self) -> ox.QuerySolutions:
        again = _evaluate(self.store, self.job, self.use_union)
        assert isinstance(again, ox.QuerySolutions)
        return again

    def triples_again(self) -> ox.QueryTriples:
        again = _evaluate(self.store, self.job, self.use_union)
        assert isinstance(again, ox.QueryTriples)
        return again

    def prefixes(self, fmt: ox.RdfFormat) -> dict[str, str] | None:
        """The service's prefixes for a format that writes them."""
        return dict(self.job.prefixes) if fmt in PREFIXED_FORMATS and self.job.prefixes else None

    def counting(self, marks: bytes | tuple[bytes, ...] = b"", offset: int = 0) -> CountingSink:
        """The sink, counting `marks` and bytes against the job's caps."""
        return CountingSink(self.sink, marks, offset, self.job.max_rows, self.job.max_bytes)


def _write_solutions(w: _Writing, result: ox.QuerySolutions) -> Outcome:
    fmt = RESULTS_FORMATS[w.media_type]
    counting = w.counting(_ROW_MARK[fmt], _MARK_OFFSET[fmt])
    try:
        result.serialize(counting, format=fmt)  # type: ignore[arg-type]  # any .write() works
    except CapReached:
        w.reset()
        job = w.job
        return _write_capped_solutions(
            w.solutions_again(), w.media_type, job.max_rows, job.max_bytes, w.sink
        )
    return Outcome(w.media_type, rows=None)


def _write_capped_solutions(
    result: ox.QuerySolutions, media_type: str, max_rows: int, max_bytes: int, sink: Sink
) -> Outcome:
    """The slow path: the first rows that fit both caps, serialized here."""
    variables = [v.value for v in result.variables]
    head, row_bytes, foot = solution_writers(media_type)
    out = [head(variables)]
    size = len(out[0]) + len(foot)
    count = 0
    truncated: str | None = None
    for row in result:
        if count == max_rows:
            truncated = "rows"
            break
        data = row_bytes(variables, row)
        if size + len(data) > max_bytes:
            truncated = "bytes"
            break
        out.append(data)
        size += len(data)
        count += 1
    out.append(foot)
    sink(b"".join(out))
    return Outcome(media_type, rows=count, truncated=truncated)


def _write_triples(w: _Writing, result: ox.QueryTriples, cut: bool = False) -> Outcome:
    """Stream at most `max_rows` triples through Oxigraph's writer; past the byte cap, cut.
    (`cut`: a line format found past a cap: the triple-by-triple path, which cuts exactly.)"""
    fmt = GRAPH_FORMATS[w.media_type]
    if fmt in _LINE_FORMATS and not cut:
        return _write_triple_lines(w, result)
    if fmt == ox.RdfFormat.TURTLE and not cut and w.job.max_rows > _PREFIXED_TRIPLES:
        return _write_turtle(w, result)
    taken = Counter(result)
    try:
        _serialize(itertools.islice(taken, w.job.max_rows), fmt, w.counting(), w.prefixes(fmt))
    except CapReached:
        w.reset()
        return _write_triples_within(w, fmt, taken.count)
    full = taken.count == w.job.max_rows and next(result, None) is not None
    return Outcome(w.media_type, rows=taken.count, truncated="rows" if full else None)


def _write_triple_lines(w: _Writing, result: ox.QueryTriples) -> Outcome:
    """N-Triples and N-Quads: one line per triple, so Oxigraph writes the whole result itself (no
    Python object per triple) while the sink counts lines exactly; past a cap, cut as above."""
    counting = w.counting(b"\n")
    try:
        result.serialize(counting, format=GRAPH_FORMATS[w.media_type])  # type: ignore[arg-type]
    except CapReached:
        return _write_triples_exactly(w)
    return Outcome(w.media_type, rows=max(counting.bound, 0))


def _write_triples_exactly(w: _Writing) -> Outcome:
    """A fast path found a cap passed: drop what it wrote, run the query again, cut exactly."""
    w.reset()
    return _write_triples(w, w.triples_again(), cut=True)


#: Turtle: this many first triples are written with the service's prefixes (Python objects), the
#: rest by Oxigraph's own writer, which takes no prefixes but no Python object per triple.
_PREFIXED_TRIPLES: Final = 2000
#: What Oxigraph's Turtle writer puts after each triple: an end of line (after `.` or `;`) or ` , `
#: before a further object of the same predicate (a literal may hold ` , ` too: an upper bound).
_TURTLE_MARKS: Final = (b"\n", b" , ")


def _write_turtle(w: _Writing, result: ox.QueryTriples) -> Outcome:
    """Turtle in two parts, one valid document (for a row cap above `_PREFIXED_TRIPLES`): the
    first `_PREFIXED_TRIPLES` triples with the service's prefixes, then the rest of the same
    iterator written whole by Oxigraph, the row cap bounded by the marks each triple leaves;
    past a cap, the exact path."""
    fmt = ox.RdfFormat.TURTLE
    taken = Counter(result)
    head = w.counting()
    try:
        _serialize(itertools.islice(taken, _PREFIXED_TRIPLES), fmt, head, w.prefixes(fmt))
        if taken.count < _PREFIXED_TRIPLES:
            return Outcome(w.media_type, rows=taken.count)
        rest = CountingSink(
            w.sink, _TURTLE_MARKS, taken.count, w.job.max_rows, w.job.max_bytes - head.size
        )
        result.serialize(rest, format=fmt)  # type: ignore[arg-type]  # any .write() works
    except CapReached:
        return _write_triples_exactly(w)
    return Outcome(w.media_type, rows=max(rest.bound, 0))


def _write_triples_within(w: _Writing, fmt: ox.RdfFormat, seen: int) -> Outcome:
    """Past the byte cap: the largest prefix of the triples (shrinking by tenths) that fits."""
    count = max(0, seen - 1)
    while True:
        parts: list[bytes] = []
        counting = CountingSink(parts.append, b"", 0, w.job.max_rows, w.job.max_bytes)
        try:
            _serialize(itertools.islice(w.triples_again(), count), fmt, counting, w.prefixes(fmt))
        except CapReached:
            count = count * 9 // 10
            continue
        w.sink(b"".join(parts))
        return Outcome(w.media_type, rows=count, truncated="bytes")


def _serialize(
    triples: Iterator[ox.Triple],
    fmt: ox.RdfFormat,
    output: CountingSink,
    prefixes: dict[str, str] | None,
) -> None:
    items: Iterator[ox.Triple] | Iterator[ox.Quad] = triples
    if fmt in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG):
        items = (ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    ox.serialize(items, output, format=fmt, prefixes=prefixes)  # type: ignore[arg-type]
