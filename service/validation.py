"""The one wrapper around pySHACL: load the shapes, validate a graph, summarise the report."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pyshacl import validate
from pyshacl.errors import ReportableRuntimeError
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.term import Node

from service.errors import ShapesLoadError, ValidationRunError

SH = Namespace("http://www.w3.org/ns/shacl#")
SEVERITIES = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}


@dataclass(frozen=True)
class ResultRow:
    """One SHACL validation result, flattened."""

    severity: str
    shape: str
    focus: str
    path: str
    message: str


@dataclass
class ValidationReport:
    """The outcome of validating one data graph against the shapes."""

    conforms: bool
    results: list[ResultRow] = field(default_factory=list)
    report_graph: Graph = field(default_factory=Graph)

    def count(self, severity: str) -> int:
        """How many results have this severity (violation, warning, info)."""
        return sum(1 for r in self.results if r.severity == severity)

    def by_shape(self) -> Counter[tuple[str, str]]:
        """Result counts per (severity, shape)."""
        return Counter((r.severity, r.shape) for r in self.results)


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


def validate_graph(data: Graph, shapes: Graph) -> ValidationReport:
    """Validate `data` (ontology included) against `shapes`, without inference."""
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
    results = []
    for result in report_graph.subjects(RDF.type, SH.ValidationResult):
        severity = SEVERITIES.get(report_graph.value(result, SH.resultSeverity), "violation")
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
    return ValidationReport(bool(conforms), results, report_graph)


def summary_text(report: ValidationReport, first: int = 3) -> str:
    """A readable summary by shape: counts and the first focus nodes of each."""
    lines = [
        f"conforms: {report.conforms}  violations: {report.count('violation')}  "
        f"warnings: {report.count('warning')}  infos: {report.count('info')}"
    ]
    for (severity, shape), count in sorted(report.by_shape().items()):
        lines.append(f"  {severity:9} {count:5}  {shape}")
        rows = [r for r in report.results if r.severity == severity and r.shape == shape]
        for row in rows[:first]:
            lines.append(f"      {row.focus}  {row.message}")
    return "\n".join(lines)
