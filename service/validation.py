"""The one wrapper around the SHACL engines: load the shapes, validate, summarise the report.

Two engines give the same results (focus node, path, shape, severity) on our shapes:

- `pyshacl`: pySHACL, the reference implementation (about 1.1 s on the dataset, plus 0.7 s to
  build the rdflib graph it needs);
- `turbo`: pyshacl-turbo, a Rust port of pySHACL with the same API (about 0.17 s, fed the store's
  quads as N-Quads without an rdflib graph). It is the default.

`tests/content/test_validation_engine.py` checks that both engines report the same results on the
real data and on data with injected defects; run it after upgrading either engine.

Every engine error leaves this module as a `ValidationRunError`, every shapes file error as a
`ShapesLoadError`.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Final
from typing import Literal as TypingLiteral

import pyoxigraph as ox
from pyshacl import validate
from pyshacl.errors import ReportableRuntimeError
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.term import Node

from service.cache import Recent
from service.errors import (
    ShapesLoadError,
    ValidationRunError,
)
from service.memory import release_free_memory
from service.namespaces import graph_iri
from service.store import KnowledgeStore, union_graph_of

SH = Namespace("http://www.w3.org/ns/shacl#")
SEVERITIES = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}
Engine = TypingLiteral["turbo", "pyshacl"]
ENGINES: Final[tuple[Engine, ...]] = ("turbo", "pyshacl")
DEFAULT_ENGINE: Final[Engine] = "turbo"

#: Types too generic to name what a focus node is (every reference entity is also a skos:Concept).
_GENERIC_TYPES: Final = frozenset(
    {
        "http://www.w3.org/2004/02/skos/core#Concept",
        "http://www.w3.org/2002/07/owl#NamedIndividual",
    }
)
_RDF_TYPE: Final = ox.NamedNode(str(RDF.type))
#: Named graphs that are also validated alone, against the shapes of `shapes/graphs/`: that every
#: per-activity link in them has its justification in the same graph cannot be told on the union.
SINGLE_GRAPHS: Final = ("curation", "inferred")
GRAPH_SHAPES: Final = "graphs"


@dataclass(frozen=True)
class ResultRow:
    """One SHACL validation result, flattened."""

    severity: str
    shape: str
    focus: str
    path: str
    message: str
    #: The most specific rdf:type of the focus node in the validated data ("" when untyped).
    focus_class: str = ""

    def key(self) -> tuple[str, str, str, str]:
        """What two engines must agree on: (focus, path, shape, severity)."""
        return (self.focus, self.path, self.shape, self.severity)


@dataclass
class ValidationReport:
    """The outcome of validating one data graph against the shapes."""

    conforms: bool
    results: list[ResultRow] = field(default_factory=list)
    report_graph: Graph = field(default_factory=Graph)
    engine: str = "pyshacl"
    seconds: float = 0.0
    #: The report graph serialized, by rdflib format (each serialized once, on first request).
    _serialized: dict[str, bytes] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def count(self, severity: str) -> int:
        """How many results have this severity (violation, warning, info)."""
        return sum(1 for r in self.results if r.severity == severity)

    def serialized(self, fmt: str) -> bytes:
        """The report graph in rdflib syntax `fmt` (turtle, json-ld), kept with the report."""
        body = self._serialized.get(fmt)
        if body is None:
            body = self._serialized[fmt] = self.report_graph.serialize(format=fmt, encoding="utf-8")
        return body

    def counts(self) -> dict[str, Any]:
        """`{"conforms", "violations", "warnings", "infos"}` as in the audit report."""
        return {
            "conforms": self.conforms,
            "violations": self.count("violation"),
            "warnings": self.count("warning"),
            "infos": self.count("info"),
        }


class Shapes:
    """The shapes graph, its digest, and (compiled once, on first use) the turbo program;
    `per_graph`: the shapes each of `SINGLE_GRAPHS` is validated against alone."""

    def __init__(self, graph: Graph, digest: str, per_graph: Shapes | None = None) -> None:
        self.graph = graph
        self.digest = digest
        self.per_graph = per_graph
        self._program: Any = None
        self._lock = threading.Lock()

    def turbo_program(self) -> Any:
        """The shapes compiled by pyshacl-turbo (reused across validations)."""
        with self._lock:
            if self._program is None:
                import pyshacl_turbo

                compile_shapes: Any = pyshacl_turbo.compile_shapes
                try:
                    self._program = compile_shapes(self.graph, advanced=True)
                except (RuntimeError, ValueError, TypeError) as error:
                    raise ShapesLoadError(f"cannot compile the shapes: {error}") from error
            return self._program


def load_shapes(shapes_dir: Path) -> Graph:
    """Every `*.ttl` file of `shapes_dir` in one graph."""
    graph = Graph()
    files = sorted(shapes_dir.glob("*.ttl"))
    if not files:
        raise ShapesLoadError(f"no shapes found: {shapes_dir} has no .ttl files")
    for path in files:
        try:
            graph.parse(path, format="turtle")
        except (SyntaxError, ValueError) as error:
            raise ShapesLoadError(f"cannot parse shapes file {path}: {error}") from error
    return graph


_SHAPES: Recent[str, Shapes] = Recent(8)


def shapes_digest(shapes_dir: Path) -> str:
    """A digest of the shapes files' names and contents (changes when any shape changes),
    those of `shapes_dir/graphs/` included."""
    digest = hashlib.sha256()
    files = sorted(shapes_dir.glob("*.ttl")) + sorted((shapes_dir / GRAPH_SHAPES).glob("*.ttl"))
    for path in files:
        try:
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
        except OSError as error:
            raise ShapesLoadError(f"cannot read shapes file {path}: {error.strerror}") from error
    return digest.hexdigest()[:16]


def shape_set(shapes_dir: Path) -> Shapes:
    """The shapes of `shapes_dir` (with those of its `graphs/` folder, for validating single
    graphs), parsed once per content digest."""
    digest = shapes_digest(shapes_dir)

    def parse() -> Shapes:
        single = shapes_dir / GRAPH_SHAPES
        per_graph = None
        if any(single.glob("*.ttl")):
            per_graph = Shapes(load_shapes(single), f"{digest}-{GRAPH_SHAPES}")
        return Shapes(load_shapes(shapes_dir), digest, per_graph)

    return _SHAPES.get(digest, parse)


def _text(graph: Graph, node: Node, predicate: URIRef) -> str:
    value = graph.value(node, predicate)
    if value is None:
        return ""
    return str(value) if isinstance(value, Literal | URIRef) else f"_:{value}"


def _shape_name(report: Graph, shapes: Graph, result: Node) -> str:
    shape = report.value(result, SH.sourceShape)
    if isinstance(shape, URIRef):
        return str(shape)
    parent = shapes.value(predicate=SH.property, object=shape)
    name = shapes.value(shape, SH.name)
    return f"{parent} / {name}" if parent is not None else str(name or shape)


def _rows(report_graph: Graph, shapes: Graph) -> list[ResultRow]:
    results = []
    for result in report_graph.subjects(RDF.type, SH.ValidationResult):
        level = report_graph.value(result, SH.resultSeverity)
        severity = SEVERITIES.get(level, "violation") if isinstance(level, URIRef) else "violation"
        results.append(
            ResultRow(
                severity=severity,
                shape=_shape_name(report_graph, shapes, result),
                focus=_text(report_graph, result, SH.focusNode),
                path=_text(report_graph, result, SH.resultPath),
                message=_text(report_graph, result, SH.resultMessage),
            )
        )
    results.sort(key=lambda r: (r.severity, r.shape, r.focus, r.path, r.message))
    return results


def validate_graph(data: Graph, shapes: Graph) -> ValidationReport:
    """Validate `data` (ontology included) against `shapes` with pySHACL, without inference."""
    try:
        conforms, report_graph, _ = validate(
            data,
            shacl_graph=shapes,
            inference="none",
            abort_on_first=False,
            allow_warnings=True,
            advanced=True,
        )
    except ReportableRuntimeError as error:
        raise ValidationRunError(f"SHACL validation failed to run: {error}") from error
    return ValidationReport(bool(conforms), _rows(report_graph, shapes), report_graph, "pyshacl")


def _validate_turbo(dataset: ox.Store, shapes: Shapes) -> tuple[bool, Graph]:
    import pyshacl_turbo
    from pyshacl_turbo.rdf import Input

    program = shapes.turbo_program()
    # The store's N-Quads go to the engine as they are, through its `Input` record (it validates
    # the union of the graphs): a path or text input would be parsed into an rdflib graph first
    # (1 s), and a pyoxigraph Store input mismatches plain literals in sh:in (pyshacl-turbo
    # 0.6.5). The equivalence test with pySHACL guards this.
    data = dataset.dump(format=ox.RdfFormat.N_QUADS) or b""
    source = Input(data.decode("utf-8"), "nquads", None, {})
    try:
        conforms, report_graph, _ = program.validate(
            source, allow_warnings=True, abort_on_first=False
        )
    except (
        pyshacl_turbo.ReportableRuntimeError,
        pyshacl_turbo.ValidationFailure,
        RuntimeError,
        ValueError,
    ) as error:
        raise ValidationRunError(f"SHACL validation failed to run: {error}") from error
    if not isinstance(report_graph, Graph):
        raise ValidationRunError(f"SHACL validation failed to run: {report_graph}")
    return bool(conforms), report_graph


def _focus_class(dataset: ox.Store, focus: str) -> str:
    """The most specific rdf:type `focus` has in `dataset` ("" when untyped or not a node)."""
    if not focus:
        return ""
    try:
        # The engines keep the blank-node labels of the data they were given.
        node = ox.BlankNode(focus[2:]) if focus.startswith("_:") else ox.NamedNode(focus)
    except ValueError:
        return ""
    types = sorted(
        {
            q.object.value
            for q in dataset.quads_for_pattern(node, _RDF_TYPE, None)
            if isinstance(q.object, ox.NamedNode)
        }
    )
    specific = [t for t in types if t not in _GENERIC_TYPES]
    return (specific or types or [""])[0]


def _focus_classes(dataset: ox.Store, rows: list[ResultRow]) -> list[ResultRow]:
    """The rows with `focus_class` set from the types the focus nodes have in `dataset`."""
    classes: dict[str, str] = {}
    for row in rows:
        if row.focus not in classes:
            classes[row.focus] = _focus_class(dataset, row.focus)
    return [replace(row, focus_class=classes[row.focus]) for row in rows]


def _run(dataset: ox.Store, shapes: Shapes, engine: Engine) -> tuple[bool, Graph]:
    """(conforms, report graph) of the union of `dataset`'s graphs."""
    if engine == "turbo":
        return _validate_turbo(dataset, shapes)
    if engine == "pyshacl":
        report = validate_graph(union_graph_of(dataset), shapes.graph)
        return report.conforms, report.report_graph
    raise ValueError(f"unknown SHACL engine {engine!r}; use one of {', '.join(ENGINES)}")


def _single_graphs(dataset: ox.Store) -> list[ox.Store]:
    """Each of `SINGLE_GRAPHS` that `dataset` has, alone in a store of its own."""
    alone = []
    for name in SINGLE_GRAPHS:
        graph = ox.NamedNode(graph_iri(name))
        if next(iter(dataset.quads_for_pattern(None, None, None, graph)), None) is None:
            continue
        store = ox.Store()
        store.extend(
            ox.Quad(q.subject, q.predicate, q.object)
            for q in dataset.quads_for_pattern(None, None, None, graph)
        )
        alone.append(store)
    return alone


def validate_dataset(
    dataset: ox.Store, shapes: Shapes, engine: Engine = DEFAULT_ENGINE
) -> ValidationReport:
    """Validate the union of all graphs of `dataset` against `shapes` with `engine`, and each
    of `SINGLE_GRAPHS` alone against `shapes.per_graph`."""
    start = time.perf_counter()
    conforms, report_graph = _run(dataset, shapes, engine)
    results = _rows(report_graph, shapes.graph)
    if shapes.per_graph is not None:
        for alone in _single_graphs(dataset):
            fits, graph = _run(alone, shapes.per_graph, engine)
            conforms = conforms and fits
            results += _rows(graph, shapes.per_graph.graph)
            report_graph += graph
    results.sort(key=lambda r: (r.severity, r.shape, r.focus, r.path, r.message))
    report = ValidationReport(conforms, results, report_graph, engine)
    report.results = _focus_classes(dataset, report.results)
    report.seconds = time.perf_counter() - start
    return report


def validate_store(
    store: KnowledgeStore, shapes_dir: Path, engine: Engine = DEFAULT_ENGINE
) -> ValidationReport:
    """The report for the whole dataset, computed now (the server keeps the one of its
    dataset in `service.views.Views`)."""
    report = validate_dataset(store.oxigraph, shape_set(shapes_dir), engine)
    release_free_memory()
    return report


def _grouped(
    rows: list[ResultRow], key: Callable[[ResultRow], tuple[str, ...]]
) -> dict[tuple[str, ...], list[ResultRow]]:
    """The rows by `key`, each group in the rows' order."""
    groups: dict[tuple[str, ...], list[ResultRow]] = {}
    for row in rows:
        groups.setdefault(key(row), []).append(row)
    return groups


def summary(report: ValidationReport, first: int = 5) -> dict[str, Any]:
    """The report as JSON: totals, then one group per (shape, severity, focus class) with its
    count, the first `first` focus nodes and a message."""
    groups = _grouped(report.results, lambda r: (r.shape, r.severity, r.focus_class))
    order = {"violation": 0, "warning": 1, "info": 2}
    items = []
    for (shape, severity, focus_class), rows in sorted(
        groups.items(), key=lambda item: (order.get(item[0][1], 3), item[0])
    ):
        focus_nodes = sorted({r.focus for r in rows})
        items.append(
            {
                "shape": shape,
                "severity": severity,
                "focusClass": focus_class or None,
                "count": len(rows),
                "focusNodes": focus_nodes[:first],
                "message": rows[0].message,
            }
        )
    return {**report.counts(), "engine": report.engine, "results": items}


def summary_text(report: ValidationReport, first: int = 3) -> str:
    """A readable summary by shape: counts and the first focus nodes of each."""
    counts = report.counts()
    lines = [
        f"conforms: {report.conforms}  violations: {counts['violations']}  "
        f"warnings: {counts['warnings']}  infos: {counts['infos']}"
    ]
    groups = _grouped(report.results, lambda r: (r.severity, r.shape))
    for severity, shape in sorted(groups):
        rows = groups[severity, shape]
        lines.append(f"  {severity:9} {len(rows):5}  {shape}")
        lines.extend(f"      {row.focus}  {row.message}" for row in rows[:first])
    return "\n".join(lines)
