"""The facts the audit counts, read once from the store with quad patterns and queries:
activities, reference entities, links by basis (report, curation, inferred, derived, and the
unions stated and any), roll-up parents, dangling IRIs, source issues and the names of
entities."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox

from service.audit_model import (
    ACTIVITY,
    DIMENSIONS,
    GOAL,
    RDF_TYPE,
    RDFS_COMMENT,
    RDFS_LABEL,
    REFERENCE_CLASSES,
    SDG_BASE,
    SKOS_BROADER,
    SKOS_NOTATION,
    SOURCE_ISSUE,
    TARGET,
    THEMATIC_PRIORITY_LINK,
    EntityInfo,
    SourceIssue,
)
from service.bases import BASIS_GRAPHS, GRAPH_BASES
from service.namespaces import BAAP, graph_iri


def _natural(text: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key that orders digits by value: C2 < C7 < C7-e-health < C10, 5.2 < 5.10 < 5.b."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part) for part in re.findall(r"\d+|\D+", text)
    )


def notation_key(notation: str, iri: str) -> tuple[Any, ...]:
    question = re.fullmatch(r"Q(\d+)/(\d+)", notation)
    if question:  # by study group, then Question number: Q1/1 ... Q7/1, Q1/2 ... Q7/2
        return (int(question.group(2)), int(question.group(1)), iri)
    return (_natural(notation) if notation else ((2, iri),), iri)


class AuditFacts:
    """The facts the audit needs, read once from the store with quad patterns and queries."""

    def __init__(self, store: ox.Store, base_iri: str) -> None:
        self.store = store
        self.base_iri = base_iri
        self.reference_graph = ox.NamedNode(graph_iri("reference"))
        #: graph -> its basis; every other graph (report, the default graph) is basis report
        self.graph_basis = {
            ox.NamedNode(graph_iri(b)): b for b in GRAPH_BASES if b != "report"
        }
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
        # (property, basis) -> activity -> objects, for every basis of BASES
        self._links: dict[tuple[str, str], dict[str, set[str]]] = {}
        for prop in {*DIMENSIONS.values(), THEMATIC_PRIORITY_LINK}:
            by_graph: dict[str, dict[str, set[str]]] = {b: defaultdict(set) for b in GRAPH_BASES}
            for quad in store.quads_for_pattern(None, ox.NamedNode(prop), None):
                subject = quad.subject.value if isinstance(quad.subject, ox.NamedNode) else None
                if subject not in self.activities or isinstance(quad.object, ox.Triple):
                    continue
                graph_name = quad.graph_name
                basis = "report"
                if isinstance(graph_name, ox.NamedNode):
                    basis = self.graph_basis.get(graph_name, "report")
                by_graph[basis][subject].add(quad.object.value)
            for basis, graphs in BASIS_GRAPHS.items():
                merged: dict[str, set[str]] = defaultdict(set)
                for name in graphs:
                    for activity, objects in by_graph[name].items():
                        merged[activity] |= objects
                self._links[prop, basis] = merged

    def _subjects_of_type(self, cls: str, graph: ox.NamedNode | None) -> set[str]:
        return {
            q.subject.value
            for q in self.store.quads_for_pattern(
                None, ox.NamedNode(RDF_TYPE), ox.NamedNode(cls), graph
            )
            if isinstance(q.subject, ox.NamedNode)
        }

    def links(self, prop: str, basis: str) -> dict[str, set[str]]:
        """activity -> objects of `prop`, by links of `basis` (one of `BASES`)."""
        return self._links[prop, basis]

    def reach(self, dimension: str, basis: str) -> dict[str, set[str]]:
        """activity -> the entities of `dimension` (a coverage dimension, or
        thematicPriority) its links of `basis` reach, after roll-up where it applies."""
        prop = THEMATIC_PRIORITY_LINK if dimension == "thematicPriority" else DIMENSIONS[dimension]
        links = self.links(prop, basis)
        if dimension == "sdgGoal":
            return {a: self.goals_of(o) for a, o in links.items()}
        if dimension == "sdgTarget":
            return {a: o & self.targets for a, o in links.items()}
        if dimension == "wsisActionLine":
            return {a: self.rolled_up(o) for a, o in links.items()}
        return dict(links)

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
