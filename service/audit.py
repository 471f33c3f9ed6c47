"""The audit: coverage, matrices, gaps and source defects (CONTRACT.md "Audit report").

No HTTP here: `compute_audit(store, shapes_dir)` reads the store and gives a typed `Audit`;
`Audit.to_dict()` is the JSON of CONTRACT.md. `service.audit_report` writes it as CSV and HTML.

Definitions (shared with filters and queries, CONTRACT.md "Semantics"):

- Activities are the subjects typed `baap:Activity` in any graph; `coverage.*.total` counts them.
- A link is a triple `<activity> <property> <object>`. It is *derived* when it is in graph
  `derived`, *stated* when it is in any other graph (`report`, `curation`, or the default graph
  of a dataset served with `--data`); *any* is either.
- Roll-up: a link to an entity counts for the entity's `skos:broader` parent, so an SDG target
  counts for its goal and a C7 e-application for C7 (the only `skos:broader` links of the
  reference entities). SDG coverage, goal and WSIS gaps, the matrices and the unused reference
  entities are counted after roll-up; SDG *target* gaps count direct links only.
- `coverage.sdgGoal` counts activities linked to an `sdgo:Goal` or to a target whose
  `skos:broader` is one; `coverage.sdgTarget` those linked to an `sdgo:Target`. The other
  dimensions count activities with at least one value of their property.
- Reference entities are the instances, in graph `reference`, of the classes of CONTRACT.md's
  reference table (region, regional initiative, thematic priority, strategic initiative, study
  group, Question, WSIS action line, SDG goal and target, country, organisation). A dataset served
  with `--data` that has no `reference` graph: their instances in any graph.
- `unusedReferenceEntities`: reference entities that are the object of no triple whose subject is
  an activity (in any graph), after roll-up. Study groups are linked through their Questions only,
  so they are listed when nothing links to them directly: no property links an activity to one.
- `danglingIris`: IRIs under the resource base (`https://w3id.org/baap/id/` by default) or the UN
  SDG namespace (`http://metadata.un.org/sdg/`) that are the object of a triple in a data graph
  (every graph but `ontology`) and the subject of no triple anywhere: links to nothing described.
- Matrix axes are in notation order (regions AFR ... EUR, AFR1 ... EUR5, priorities 1 ... 10,
  Questions by study group then number, goals 1 ... 17, C1 ... C11 with C7's e-applications after
  C7); every other list is sorted by IRI.
"""

from __future__ import annotations

import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

import pyoxigraph as ox

from service.cache import Recent
from service.memory import release_free_memory
from service.namespaces import BAAP, ID, PREFIXES, SDG, SDGO, graph_iri
from service.store import KnowledgeStore
from service.validation import DEFAULT_ENGINE, Engine, clear_cache, shapes_digest, validate_store

DEFAULT_BASE: Final = str(ID)
SDG_BASE: Final = str(SDG)
RDF_TYPE: Final = f"{PREFIXES['rdf']}type"
RDFS_LABEL: Final = f"{PREFIXES['rdfs']}label"
RDFS_COMMENT: Final = f"{PREFIXES['rdfs']}comment"
SKOS_NOTATION: Final = f"{PREFIXES['skos']}notation"
SKOS_BROADER: Final = f"{PREFIXES['skos']}broader"

ACTIVITY: Final = f"{BAAP}Activity"
SOURCE_ISSUE: Final = f"{BAAP}SourceIssue"
REGION: Final = f"{BAAP}Region"
REGIONAL_INITIATIVE: Final = f"{BAAP}RegionalInitiative"
THEMATIC_PRIORITY: Final = f"{BAAP}ThematicPriority"
STRATEGIC_INITIATIVE: Final = f"{BAAP}StrategicInitiative"
STUDY_GROUP: Final = f"{BAAP}StudyGroup"
QUESTION: Final = f"{BAAP}Question"
WSIS_LINE: Final = f"{BAAP}WSISActionLine"
COUNTRY: Final = f"{BAAP}Country"
ORGANIZATION: Final = f"{BAAP}Organization"
GOAL: Final = f"{SDGO}Goal"
TARGET: Final = f"{SDGO}Target"

#: The classes of CONTRACT.md's reference table, in the order the HTML report lists them.
REFERENCE_CLASSES: Final = (
    REGION,
    REGIONAL_INITIATIVE,
    THEMATIC_PRIORITY,
    STRATEGIC_INITIATIVE,
    STUDY_GROUP,
    QUESTION,
    WSIS_LINE,
    GOAL,
    TARGET,
    COUNTRY,
    ORGANIZATION,
)

#: The links a count can be based on (module doc: stated, derived, any).
BASES: Final = ("stated", "derived", "any")
#: Coverage dimension -> the activity property it counts.
DIMENSIONS: Final[dict[str, str]] = {
    "regionalInitiative": f"{BAAP}regionalInitiative",
    "region": f"{BAAP}region",
    "question": f"{BAAP}question",
    "sdgGoal": f"{BAAP}contributesTo",
    "sdgTarget": f"{BAAP}contributesTo",
    "wsisActionLine": f"{BAAP}supportsActionLine",
    "country": f"{BAAP}country",
    "partner": f"{BAAP}partner",
    "year": f"{BAAP}year",
}
THEMATIC_PRIORITY_LINK: Final = f"{BAAP}thematicPriority"
MATRICES: Final = (
    "thematicPriorityBySdgGoal",
    "thematicPriorityByWsisActionLine",
    "regionByRegionalInitiative",
    "questionByThematicPriority",
)
STATED_ANY_GAPS: Final = (
    "regionalInitiativesWithoutActivity",
    "questionsWithoutActivity",
    "sdgGoalsWithoutActivity",
    "sdgTargetsWithoutActivity",
    "wsisActionLinesWithoutActivity",
)
LIST_GAPS: Final = (
    "activitiesWithoutCountry",
    "activitiesWithoutYear",
    "danglingIris",
    "unusedReferenceEntities",
)


# ---------------------------------------------------------------- the typed report


@dataclass(frozen=True)
class Coverage:
    """Activities linked to one dimension: by stated links, derived links, either; of all."""

    stated: int
    derived: int
    any: int
    total: int


@dataclass(frozen=True)
class Matrix:
    """Activity counts for each (row entity, column entity), stated or derived links."""

    rows: list[str]
    columns: list[str]
    counts: list[list[int]]


@dataclass(frozen=True)
class StatedAny:
    """Entities reached by no activity through stated links, and through any link."""

    stated: list[str]
    any: list[str]


@dataclass(frozen=True)
class SourceIssue:
    """A defect of the source text (baap:SourceIssue)."""

    iri: str
    issue_type: str
    start_line: int
    end_line: int
    comment: str
    affects: list[str]


@dataclass(frozen=True)
class EntityInfo:
    """What the HTML and CSV reports show of an entity: notation and labels."""

    notation: str = ""
    label_en: str = ""
    label_zh: str = ""


@dataclass
class Audit:
    """The audit of one data version. `to_dict()` is CONTRACT.md's JSON."""

    data_version: str
    generated_at: str
    validation: dict[str, Any]
    coverage: dict[str, Coverage]
    matrices: dict[str, Matrix]
    stated_any_gaps: dict[str, StatedAny]
    list_gaps: dict[str, list[str]]
    source_issues: list[SourceIssue]
    #: Notation and labels of the entities the report names (not part of the JSON).
    entities: dict[str, EntityInfo] = field(default_factory=dict)
    seconds: float = 0.0
    #: Renderings of this audit (JSON, CSV, HTML per language) by kind, each made once.
    _rendered: dict[str, bytes] = field(default_factory=dict, init=False, repr=False, compare=False)

    def rendered(self, kind: str, render: Callable[[Audit], bytes]) -> bytes:
        """`render(self)`, kept with the audit under `kind` so each rendering is made once."""
        body = self._rendered.get(kind)
        if body is None:
            body = self._rendered[kind] = render(self)
        return body

    def to_dict(self) -> dict[str, Any]:
        """The report in CONTRACT.md's shape: full IRIs, sorted lists, integer counts."""
        gaps: dict[str, Any] = {
            name: {"stated": gap.stated, "any": gap.any}
            for name, gap in self.stated_any_gaps.items()
        }
        gaps.update(self.list_gaps)
        return {
            "dataVersion": self.data_version,
            "generatedAt": self.generated_at,
            "validation": dict(self.validation),
            "coverage": {
                name: {"stated": c.stated, "derived": c.derived, "any": c.any, "total": c.total}
                for name, c in self.coverage.items()
            },
            "matrices": {
                name: {"rows": m.rows, "columns": m.columns, "counts": m.counts}
                for name, m in self.matrices.items()
            },
            "gaps": gaps,
            "sourceIssues": [
                {
                    "iri": issue.iri,
                    "issueType": issue.issue_type,
                    "startLine": issue.start_line,
                    "endLine": issue.end_line,
                    "comment": issue.comment,
                    "affects": issue.affects,
                }
                for issue in self.source_issues
            ],
        }

    def failing(self, threshold: str) -> bool:
        """Whether validation results reach `threshold` (violation, or warning and worse)."""
        if threshold == "violation":
            return int(self.validation["violations"]) > 0
        if threshold == "warning":
            return int(self.validation["violations"]) + int(self.validation["warnings"]) > 0
        raise ValueError(f"unknown threshold {threshold!r}; use violation or warning")


# ---------------------------------------------------------------- reading the store


def _natural(text: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key that orders digits by value: C2 < C7 < C7-e-health < C10, 5.2 < 5.10 < 5.b."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part) for part in re.findall(r"\d+|\D+", text)
    )


def _notation_key(notation: str, iri: str) -> tuple[Any, ...]:
    question = re.fullmatch(r"Q(\d+)/(\d+)", notation)
    if question:  # by study group, then Question number: Q1/1 ... Q7/1, Q1/2 ... Q7/2
        return (int(question.group(2)), int(question.group(1)), iri)
    return (_natural(notation) if notation else ((2, iri),), iri)


class _Reader:
    """The facts the audit needs, read once from the store with quad patterns and queries."""

    def __init__(self, store: ox.Store, base_iri: str) -> None:
        self.store = store
        self.base_iri = base_iri
        self.derived_graph = ox.NamedNode(graph_iri("derived"))
        self.reference_graph = ox.NamedNode(graph_iri("reference"))
        self.activities = self._subjects_of_type(ACTIVITY, None)
        # class -> its reference entities
        has_reference = next(
            iter(store.quads_for_pattern(None, None, None, self.reference_graph)), None
        )
        graph = self.reference_graph if has_reference is not None else None
        self.reference: dict[str, set[str]] = {
            cls: self._subjects_of_type(cls, graph) for cls in REFERENCE_CLASSES
        }
        self.goals = self.reference[GOAL]
        self.targets = self.reference[TARGET]
        self.broader: dict[str, str] = {}
        for quad in store.quads_for_pattern(None, ox.NamedNode(SKOS_BROADER), None):
            if isinstance(quad.subject, ox.NamedNode) and isinstance(quad.object, ox.NamedNode):
                self.broader.setdefault(quad.subject.value, quad.object.value)
        # property -> activity -> objects, by stated, derived and any links
        self.stated: dict[str, dict[str, set[str]]] = {}
        self.derived: dict[str, dict[str, set[str]]] = {}
        self.any: dict[str, dict[str, set[str]]] = {}
        for prop in {*DIMENSIONS.values(), THEMATIC_PRIORITY_LINK}:
            stated: dict[str, set[str]] = defaultdict(set)
            derived: dict[str, set[str]] = defaultdict(set)
            for quad in store.quads_for_pattern(None, ox.NamedNode(prop), None):
                subject = quad.subject.value if isinstance(quad.subject, ox.NamedNode) else None
                if subject not in self.activities or isinstance(quad.object, ox.Triple):
                    continue
                target = derived if quad.graph_name == self.derived_graph else stated
                target[subject].add(quad.object.value)
            merged: dict[str, set[str]] = defaultdict(set)
            for source in (stated, derived):
                for activity, objects in source.items():
                    merged[activity] |= objects
            self.stated[prop], self.derived[prop], self.any[prop] = stated, derived, merged

    def _subjects_of_type(self, cls: str, graph: ox.NamedNode | None) -> set[str]:
        return {
            q.subject.value
            for q in self.store.quads_for_pattern(
                None, ox.NamedNode(RDF_TYPE), ox.NamedNode(cls), graph
            )
            if isinstance(q.subject, ox.NamedNode)
        }

    def links(self, prop: str, basis: str) -> dict[str, set[str]]:
        """activity -> objects of `prop`, for basis stated, derived or any."""
        if basis == "stated":
            return self.stated[prop]
        if basis == "derived":
            return self.derived[prop]
        return self.any[prop]

    def rolled_up(self, objects: Iterable[str]) -> set[str]:
        """The objects and their `skos:broader` parents."""
        out = set(objects)
        out.update(self.broader[o] for o in list(out) if o in self.broader)
        return out

    def goals_of(self, objects: Iterable[str]) -> set[str]:
        """The SDG goals that links to `objects` reach (a target counts for its goal)."""
        return {g for g in self.rolled_up(objects) if g in self.goals}

    def dangling(self) -> list[str]:
        """Objects under the base or the SDG namespace that are never a subject (see module doc)."""
        query = f"""
            SELECT DISTINCT ?o WHERE {{
              {{ ?s ?p ?o }} UNION {{ GRAPH ?g {{ ?s ?p ?o }}
                                     FILTER(?g != <{graph_iri("ontology")}>) }}
              FILTER(isIRI(?o) && (STRSTARTS(STR(?o), "{self.base_iri}")
                                   || STRSTARTS(STR(?o), "{SDG_BASE}")))
              FILTER NOT EXISTS {{ ?o ?anyp ?anyo }}
              FILTER NOT EXISTS {{ GRAPH ?anyg {{ ?o ?anyp2 ?anyo2 }} }}
            }}"""
        result = self.store.query(query)
        if not isinstance(result, ox.QuerySolutions):
            raise TypeError("a SELECT query returned no solutions")
        return sorted({row["o"].value for row in result if row["o"] is not None})

    def activity_objects(self) -> set[str]:
        """Every IRI an activity links to, by any property in any graph."""
        out: set[str] = set()
        for activity in self.activities:
            for quad in self.store.quads_for_pattern(ox.NamedNode(activity), None, None):
                if isinstance(quad.object, ox.NamedNode):
                    out.add(quad.object.value)
        return out

    def source_issues(self) -> list[SourceIssue]:
        """Every baap:SourceIssue with its type, lines, English comment and affected entities."""
        issues = []
        for iri in sorted(self._subjects_of_type(SOURCE_ISSUE, None)):
            values: dict[str, list[ox.NamedNode | ox.Literal]] = defaultdict(list)
            for quad in self.store.quads_for_pattern(ox.NamedNode(iri), None, None):
                if isinstance(quad.object, ox.NamedNode | ox.Literal):
                    values[quad.predicate.value].append(quad.object)
            comments = values.get(RDFS_COMMENT, [])
            english = [
                c.value for c in comments if isinstance(c, ox.Literal) and c.language == "en"
            ]
            issues.append(
                SourceIssue(
                    iri=iri,
                    issue_type=_first(values.get(f"{BAAP}issueType", [])),
                    start_line=_int(_first(values.get(f"{BAAP}startLine", []))),
                    end_line=_int(_first(values.get(f"{BAAP}endLine", []))),
                    comment=sorted(english)[0] if english else _first(comments),
                    affects=sorted(
                        {
                            a.value
                            for a in values.get(f"{BAAP}affects", [])
                            if isinstance(a, ox.NamedNode)
                        }
                    ),
                )
            )
        return issues

    def entity_info(self) -> dict[str, EntityInfo]:
        """Notation and en/zh labels of every subject that has any."""
        notations: dict[str, str] = {}
        for quad in self.store.quads_for_pattern(None, ox.NamedNode(SKOS_NOTATION), None):
            if isinstance(quad.subject, ox.NamedNode) and isinstance(quad.object, ox.Literal):
                notations.setdefault(quad.subject.value, quad.object.value)
        labels: dict[str, dict[str, str]] = defaultdict(dict)
        for quad in self.store.quads_for_pattern(None, ox.NamedNode(RDFS_LABEL), None):
            if isinstance(quad.subject, ox.NamedNode) and isinstance(quad.object, ox.Literal):
                lang = (quad.object.language or "").split("-")[0]
                if lang in ("en", "zh"):
                    labels[quad.subject.value].setdefault(lang, quad.object.value)
        return {
            iri: EntityInfo(
                notations.get(iri, ""), labels[iri].get("en", ""), labels[iri].get("zh", "")
            )
            for iri in notations.keys() | labels.keys()
        }


def _first(values: list[ox.NamedNode | ox.Literal]) -> str:
    return sorted(v.value for v in values)[0] if values else ""


def _int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        return 0


# ---------------------------------------------------------------- the computation


def _ordered(entities: Iterable[str], info: dict[str, EntityInfo]) -> list[str]:
    return sorted(
        entities, key=lambda iri: _notation_key(info.get(iri, EntityInfo()).notation, iri)
    )


def _matrix(
    rows: list[str],
    columns: list[str],
    row_links: dict[str, set[str]],
    column_links: dict[str, set[str]],
) -> Matrix:
    """Activities per (row, column): those whose row links include the row and column links
    include the column."""
    index_r = {r: i for i, r in enumerate(rows)}
    index_c = {c: j for j, c in enumerate(columns)}
    counts = [[0] * len(columns) for _ in rows]
    for activity, row_objects in row_links.items():
        column_objects = column_links.get(activity)
        if not column_objects:
            continue
        for r in row_objects:
            i = index_r.get(r)
            if i is None:
                continue
            for c in column_objects:
                j = index_c.get(c)
                if j is not None:
                    counts[i][j] += 1
    return Matrix(rows, columns, counts)


def _unreached(universe: Iterable[str], reached: set[str]) -> list[str]:
    return sorted(set(universe) - reached)


def build_audit(
    store: KnowledgeStore,
    validation: dict[str, Any],
    base_iri: str = DEFAULT_BASE,
) -> Audit:
    """The audit of `store`, with `validation` (the SHACL counts) copied in."""
    start = time.perf_counter()
    read = _Reader(store.oxigraph, base_iri)
    info = read.entity_info()
    total = len(read.activities)

    def reach(dimension: str, basis: str) -> dict[str, set[str]]:
        """activity -> entities of the dimension it reaches, after roll-up where it applies."""
        links = read.links(DIMENSIONS[dimension], basis)
        if dimension == "sdgGoal":
            return {a: read.goals_of(o) for a, o in links.items()}
        if dimension == "sdgTarget":
            return {a: o & read.targets for a, o in links.items()}
        if dimension == "wsisActionLine":
            return {a: read.rolled_up(o) for a, o in links.items()}
        return dict(links)

    coverage: dict[str, Coverage] = {}
    reached: dict[tuple[str, str], set[str]] = {}
    any_links: dict[str, dict[str, set[str]]] = {}
    for dimension in DIMENSIONS:
        by_basis = {basis: reach(dimension, basis) for basis in BASES}
        counts = {
            basis: sum(1 for objects in by_activity.values() if objects)
            for basis, by_activity in by_basis.items()
        }
        for basis, by_activity in by_basis.items():
            reached[dimension, basis] = set().union(*by_activity.values())
        coverage[dimension] = Coverage(counts["stated"], counts["derived"], counts["any"], total)
        any_links[dimension] = by_basis["any"]

    priorities = read.links(THEMATIC_PRIORITY_LINK, "any")
    ref = read.reference
    tps = _ordered(ref[THEMATIC_PRIORITY], info)
    matrices = {
        "thematicPriorityBySdgGoal": _matrix(
            tps, _ordered(ref[GOAL], info), priorities, any_links["sdgGoal"]
        ),
        "thematicPriorityByWsisActionLine": _matrix(
            tps, _ordered(ref[WSIS_LINE], info), priorities, any_links["wsisActionLine"]
        ),
        "regionByRegionalInitiative": _matrix(
            _ordered(ref[REGION], info),
            _ordered(ref[REGIONAL_INITIATIVE], info),
            any_links["region"],
            any_links["regionalInitiative"],
        ),
        "questionByThematicPriority": _matrix(
            _ordered(ref[QUESTION], info), tps, any_links["question"], priorities
        ),
    }

    universes = {
        "regionalInitiativesWithoutActivity": ("regionalInitiative", ref[REGIONAL_INITIATIVE]),
        "questionsWithoutActivity": ("question", ref[QUESTION]),
        "sdgGoalsWithoutActivity": ("sdgGoal", ref[GOAL]),
        "sdgTargetsWithoutActivity": ("sdgTarget", ref[TARGET]),
        "wsisActionLinesWithoutActivity": ("wsisActionLine", ref[WSIS_LINE]),
    }
    stated_any = {
        name: StatedAny(
            _unreached(universe, reached[dimension, "stated"]),
            _unreached(universe, reached[dimension, "any"]),
        )
        for name, (dimension, universe) in universes.items()
    }
    countries, years = any_links["country"], any_links["year"]
    all_reference = set().union(*ref.values())
    list_gaps = {
        "activitiesWithoutCountry": sorted(a for a in read.activities if not countries.get(a)),
        "activitiesWithoutYear": sorted(a for a in read.activities if not years.get(a)),
        "danglingIris": read.dangling(),
        "unusedReferenceEntities": _unreached(
            all_reference, read.rolled_up(read.activity_objects())
        ),
    }
    return Audit(
        data_version=store.data_version,
        generated_at=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        validation=validation,
        coverage=coverage,
        matrices=matrices,
        stated_any_gaps=stated_any,
        list_gaps=list_gaps,
        source_issues=read.source_issues(),
        entities=info,
        seconds=time.perf_counter() - start,
    )


_AUDITS: Recent[tuple[str, str, str, str], Audit] = Recent(8)


def compute_audit(
    store: KnowledgeStore,
    shapes_dir: Path,
    base_iri: str = DEFAULT_BASE,
    engine: Engine = DEFAULT_ENGINE,
) -> Audit:
    """The audit of `store` with its SHACL counts, computed once per data version.

    The served store never changes, so the cached audit (and its `generatedAt`) stands until
    another dataset is loaded.
    """

    def run() -> Audit:
        report = validate_store(store, shapes_dir, engine)
        audit = build_audit(store, report.counts(), base_iri)
        release_free_memory()
        return audit

    return _AUDITS.get((store.data_version, shapes_digest(shapes_dir), base_iri, engine), run)


def clear_audit_cache() -> None:
    """Forget cached audits and validation reports (benchmarks measure cold runs with it)."""
    _AUDITS.clear()
    clear_cache()


def _seconds(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def benchmark(store: KnowledgeStore, shapes_dir: Path | None = None) -> dict[str, float]:
    """Seconds for full SHACL validation and for the audit, cold (nothing cached) and warm.

    `validation_cold` includes the first compilation of the shapes only when nothing compiled
    them before in this process; `audit_cold` includes its validation run.
    """
    from service.config import PROJECT_ROOT

    shapes = shapes_dir or PROJECT_ROOT / "shapes"
    runs: dict[str, Callable[[], object]] = {
        "validation": lambda: validate_store(store, shapes),
        "audit": lambda: compute_audit(store, shapes),
    }
    timings: dict[str, float] = {}
    for name, run in runs.items():
        clear_audit_cache()
        timings[f"{name}_cold"] = _seconds(run)
        timings[f"{name}_warm"] = _seconds(run)
    return timings
