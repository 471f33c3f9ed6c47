"""The fixed query mix of `make bench`, over the CONTRACT.md vocabulary.

Every query returns non-empty results on the real data and on the synthetic 100x graph (copy 0 of
the synthetic graph keeps the real IRIs, so the fixed IRIs below exist in both). `kind` splits the
mix: `lookup` queries touch a handful of resources, `analytic` ones scan, join and aggregate; the
analytic aggregate ratio of the report is taken over the latter.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

from service.namespaces import GRAPH, ID

Kind = Literal["lookup", "analytic"]

_PROLOGUE: Final = f"""\
PREFIX baap: <https://w3id.org/baap/ontology#>
PREFIX id: <{ID}>
PREFIX graph: <{GRAPH}>
PREFIX sdgo: <http://metadata.un.org/sdg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""

#: The fixed resources the lookup queries start from (present in the real data).
ACTIVITY: Final = f"{ID}activity/1-gen-11-s1"
REGIONAL_INITIATIVE: Final = f"{ID}regional-initiative/AMS3"


@dataclass(frozen=True)
class BenchQuery:
    """One query of the mix."""

    name: str
    kind: Kind
    description: str
    text: str

    @property
    def form(self) -> str:
        """SELECT, ASK or CONSTRUCT: decides the Accept header and how results are counted."""
        lines = self.text.splitlines()
        body = "\n".join(line for line in lines if not line.startswith("PREFIX ")).lstrip()
        body = body.upper()
        for form in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
            if body.startswith(form):
                return form
        raise ValueError(f"{self.name}: cannot tell the query form")


def _q(name: str, kind: Kind, description: str, body: str) -> BenchQuery:
    return BenchQuery(name, kind, description, _PROLOGUE + body.strip() + "\n")


QUERIES: Final[tuple[BenchQuery, ...]] = (
    _q(
        "iri-lookup",
        "lookup",
        "every property and value of one activity",
        f"SELECT ?p ?o WHERE {{ <{ACTIVITY}> ?p ?o }}",
    ),
    _q(
        "activity-labels",
        "lookup",
        "labels of one activity, with language",
        f"""
SELECT ?label ?lang WHERE {{
  <{ACTIVITY}> rdfs:label ?label .
  BIND(LANG(?label) AS ?lang)
}}""",
    ),
    _q(
        "ri-activities",
        "lookup",
        "activities of one regional initiative, with their Chinese label",
        f"""
SELECT ?activity ?label WHERE {{
  ?activity baap:regionalInitiative <{REGIONAL_INITIATIVE}> ;
            rdfs:label ?label .
  FILTER(LANG(?label) = "zh")
}}""",
    ),
    _q(
        "ask-ri-country",
        "lookup",
        "ASK: does an activity of the initiative name a country?",
        f"""
ASK {{
  ?activity baap:regionalInitiative <{REGIONAL_INITIATIVE}> ;
            baap:country ?country .
}}""",
    ),
    _q(
        "construct-ri",
        "lookup",
        "CONSTRUCT the initiative's activities with their regions and years",
        f"""
CONSTRUCT {{
  ?activity a baap:Activity ; baap:region ?region ; baap:year ?year .
}} WHERE {{
  ?activity baap:regionalInitiative <{REGIONAL_INITIATIVE}> ;
            baap:region ?region ;
            baap:year ?year .
}}""",
    ),
    _q(
        "activities-per-region",
        "analytic",
        "activity count per region (GROUP BY)",
        """
SELECT ?region (COUNT(DISTINCT ?activity) AS ?n) WHERE {
  ?activity a baap:Activity ;
            baap:region ?region .
}
GROUP BY ?region
ORDER BY DESC(?n) ?region""",
    ),
    _q(
        "priority-x-sdg-goal",
        "analytic",
        "activities per thematic priority x SDG goal, targets rolled up via skos:broader",
        """
SELECT ?priority ?goal (COUNT(DISTINCT ?activity) AS ?n) WHERE {
  ?activity baap:thematicPriority ?priority ;
            baap:contributesTo ?sdg .
  ?sdg skos:broader? ?goal .
  ?goal a sdgo:Goal .
}
GROUP BY ?priority ?goal
ORDER BY ?priority ?goal""",
    ),
    _q(
        "countries-per-study-group",
        "analytic",
        "distinct countries per study group, through the activities' Questions",
        """
SELECT ?studyGroup (COUNT(DISTINCT ?country) AS ?n) WHERE {
  ?activity baap:question ?question ;
            baap:country ?country .
  ?question baap:studyGroup ?studyGroup .
}
GROUP BY ?studyGroup
ORDER BY ?studyGroup""",
    ),
    _q(
        "year-range",
        "analytic",
        "activities dated 2019-2020, with their priority",
        """
SELECT DISTINCT ?activity ?priority WHERE {
  ?activity a baap:Activity ;
            baap:thematicPriority ?priority ;
            baap:year ?year .
  FILTER(xsd:integer(STR(?year)) >= 2019 && xsd:integer(STR(?year)) <= 2020)
}""",
    ),
    _q(
        "text-search",
        "analytic",
        "activities whose source passage text contains a phrase",
        """
SELECT ?activity ?passage WHERE {
  ?passage baap:text ?text .
  FILTER(CONTAINS(?text, "培训"))
  ?activity prov:wasDerivedFrom ?passage .
}""",
    ),
    _q(
        "stated-vs-derived",
        "analytic",
        "SDG and WSIS links per named graph (stated vs derived) via GRAPH",
        """
SELECT ?g (COUNT(*) AS ?links) (COUNT(DISTINCT ?activity) AS ?activities) WHERE {
  GRAPH ?g {
    ?activity baap:contributesTo|baap:supportsActionLine ?target .
  }
  ?activity a baap:Activity .
}
GROUP BY ?g
ORDER BY ?g""",
    ),
)


def by_name(names: list[str]) -> tuple[BenchQuery, ...]:
    """The queries called `names`, in mix order; ValueError naming any unknown one."""
    known = {q.name for q in QUERIES}
    unknown = sorted(set(names) - known)
    if unknown:
        raise ValueError(f"unknown queries {unknown}; known: {sorted(known)}")
    return tuple(q for q in QUERIES if q.name in names)
