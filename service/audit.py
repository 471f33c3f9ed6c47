"""The audit: coverage, matrices, gaps and source defects (CONTRACT.md "Audit report").

No HTTP here: `compute_audit(store, shapes_dir)` reads the store and gives a typed `Audit`;
`Audit.to_dict()` is the JSON of CONTRACT.md. `service.audit_report` writes it as CSV and HTML.

Definitions (shared with filters and queries, CONTRACT.md "Semantics"):

- Activities are the subjects typed `baap:Activity` in any graph; `coverage.*.total` counts them.
- A link is a triple `<activity> <property> <object>`. Its basis is its graph's (CONTRACT v2):
  *curation* in graph `curation`, *inferred* in `inferred`, *derived* in `derived`, *report* in
  any other graph (`report`, or the default graph of a dataset served with `--data`); *stated*
  is report or curation, *any* every basis. Coverage counts each of the six.
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

import time
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from service.audit_facts import AuditFacts, notation_key
from service.audit_model import (
    DEFAULT_BASE,
    DIMENSIONS,
    GOAL,
    LIST_GAPS,
    MATRICES,
    QUESTION,
    REFERENCE_CLASSES,
    REGION,
    REGIONAL_INITIATIVE,
    SDG_BASE,
    STATED_ANY_GAPS,
    TARGET,
    THEMATIC_PRIORITY,
    THEMATIC_PRIORITY_LINK,
    WSIS_LINE,
    Audit,
    Coverage,
    EntityInfo,
    Matrix,
    SourceIssue,
    StatedAny,
)
from service.bases import BASES
from service.memory import release_free_memory
from service.store import KnowledgeStore
from service.validation import DEFAULT_ENGINE, Engine, validate_store

__all__ = [
    "DEFAULT_BASE",
    "DIMENSIONS",
    "LIST_GAPS",
    "MATRICES",
    "REFERENCE_CLASSES",
    "SDG_BASE",
    "STATED_ANY_GAPS",
    "Audit",
    "Coverage",
    "EntityInfo",
    "Matrix",
    "SourceIssue",
    "StatedAny",
    "benchmark",
    "build_audit",
    "compute_audit",
]


# ---------------------------------------------------------------- the computation


def _ordered(entities: Iterable[str], info: dict[str, EntityInfo]) -> list[str]:
    return sorted(entities, key=lambda iri: notation_key(info.get(iri, EntityInfo()).notation, iri))


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
    read = AuditFacts(store.oxigraph, base_iri)
    info = read.entity_info()
    total = len(read.activities)

    coverage: dict[str, Coverage] = {}
    reached: dict[tuple[str, str], set[str]] = {}
    any_links: dict[str, dict[str, set[str]]] = {}
    for dimension in DIMENSIONS:
        by_basis = {basis: read.reach(dimension, basis) for basis in BASES}
        counts = {
            basis: sum(1 for objects in by_activity.values() if objects)
            for basis, by_activity in by_basis.items()
        }
        for basis, by_activity in by_basis.items():
            reached[dimension, basis] = set().union(*by_activity.values())
        coverage[dimension] = Coverage(**counts, total=total)
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


def compute_audit(
    store: KnowledgeStore,
    shapes_dir: Path,
    base_iri: str = DEFAULT_BASE,
    engine: Engine = DEFAULT_ENGINE,
) -> Audit:
    """The audit of `store` with its SHACL counts, computed now (the server keeps the one of
    its dataset in `service.views.Views`)."""
    report = validate_store(store, shapes_dir, engine)
    audit = build_audit(store, report.counts(), base_iri)
    release_free_memory()
    return audit


def _seconds(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def benchmark(store: KnowledgeStore, shapes_dir: Path | None = None) -> dict[str, float]:
    """Seconds for full SHACL validation and for the audit, cold (fresh views) and warm (the
    views of a running server after the first request).

    `validation_cold` includes the first compilation of the shapes only when nothing compiled
    them before in this process; `audit_cold` includes its validation run.
    """
    from service.config import PROJECT_ROOT, Settings
    from service.views import Views

    settings = Settings(base_iri=store.base_iri, shapes_dir=shapes_dir or PROJECT_ROOT / "shapes")
    timings: dict[str, float] = {}
    for name in ("validation", "audit"):
        views = Views(store, settings)
        run = getattr(views, name)
        timings[f"{name}_cold"] = _seconds(run)
        timings[f"{name}_warm"] = _seconds(run)
    return timings
