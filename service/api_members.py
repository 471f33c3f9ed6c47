"""The members of the `/api/` collections: activities with their direct links, reference entities
with their linked-activity counts, and source issues, as compacted JSON-LD nodes."""

from __future__ import annotations

from typing import Any, Final

import pyoxigraph as ox

from service.api_filters import sparql_string
from service.api_vocabulary import PREFIXES, ROLE_FILTERS, Dimension, natural_key
from service.bases import named_bases
from service.store import KnowledgeStore

ACTIVITY_FIELDS: Final = (
    "thematicPriority",
    "strategicInitiative",
    "regionalInitiative",
    "region",
    "question",
    "contributesTo",
    "supportsActionLine",
    "country",
    "partner",
    "year",
    *ROLE_FILTERS,
)


def activity_members(store: KnowledgeStore, iris: list[str]) -> list[dict[str, Any]]:
    """The page's activities as compacted JSON-LD nodes: labels, direct links, and `linkBasis`
    (field -> linked IRI or year -> the bases of that link, from the named graphs it is in)."""
    if not iris:
        return []
    values = " ".join(f"<{iri}>" for iri in iris)
    # Each link once per named graph it is in, and once from the union (?g unbound), so a link
    # held only by a default graph (a dataset served with --data) still has its basis: report.
    query = (
        PREFIXES
        + f"""SELECT ?a ?p ?o ?g WHERE {{
        VALUES ?a {{ {values} }}
        {{ GRAPH ?g {{ ?a ?p ?o }} }} UNION {{ ?a ?p ?o }}
        FILTER(?p IN (rdfs:label, {", ".join(f"baap:{f}" for f in ACTIVITY_FIELDS)}))
    }}"""
    )
    members: dict[str, dict[str, Any]] = {iri: {"id": iri, "type": "Activity"} for iri in iris}
    graphs: dict[tuple[str, str, str], set[str]] = {}
    for row in store.rows(query):
        subject, predicate, obj = row["a"].value, row["p"].value, row["o"]
        key = (subject, predicate, obj.value)
        first = key not in graphs
        found = graphs.setdefault(key, set())
        if "g" in row:
            found.add(row["g"].value)
        if not first:
            continue
        member = members[subject]
        if predicate.endswith("#label") and isinstance(obj, ox.Literal):
            member.setdefault("label", {})[obj.language or "@none"] = obj.value
        else:
            member.setdefault(predicate.rsplit("#", 1)[-1], []).append(obj.value)
    for (subject, predicate, value), found in graphs.items():
        name = predicate.rsplit("#", 1)[-1]
        if name in ACTIVITY_FIELDS:
            members[subject].setdefault("linkBasis", {}).setdefault(name, {})[value] = link_bases(
                found
            )
    return [_ordered(members[iri]) for iri in iris]


def _ordered(member: dict[str, Any]) -> dict[str, Any]:
    """`member` with its keys in a fixed order (id, type, label, the links in ACTIVITY_FIELDS'
    order, linkBasis) and every list and map sorted naturally."""
    ordered: dict[str, Any] = {k: member[k] for k in ("id", "type", "label") if k in member}
    for name in ACTIVITY_FIELDS:
        if name in member:
            ordered[name] = sorted(member[name], key=natural_key)
    if "linkBasis" in member:
        ordered["linkBasis"] = {
            name: dict(sorted(member["linkBasis"][name].items(), key=lambda i: natural_key(i[0])))
            for name in ACTIVITY_FIELDS
            if name in member["linkBasis"]
        }
    return ordered


def link_bases(graphs: set[str]) -> list[str]:
    """The bases of a link in `graphs` (named graph IRIs): one per basis graph, and *report* for
    a link that is in no basis graph (the report graph, or the default graph of a dataset
    served with --data)."""
    bases = named_bases(sorted(graphs))
    return bases or ["report"]


def embed_linked(
    members: list[dict[str, Any]], names: dict[str, dict[str, str]]
) -> list[dict[str, Any]]:
    """`members` with each linked entity embedded as a node object: its IRI, its labels (en, zh)
    and notation from `names` (`Views.labels_of`), so a client shows a link without fetching it.
    Years stay literals."""
    embedded = []
    for member in members:
        copy = dict(member)
        for name in ACTIVITY_FIELDS:
            if name in copy and name != "year":
                copy[name] = [_node(iri, names.get(iri, {})) for iri in copy[name]]
        embedded.append(copy)
    return embedded


def linked_iris(members: list[dict[str, Any]]) -> set[str]:
    """Every entity the `members` link to (years aside)."""
    return {
        iri
        for member in members
        for name in ACTIVITY_FIELDS
        if name != "year"
        for iri in member.get(name, [])
    }


def _node(iri: str, info: dict[str, str]) -> dict[str, Any]:
    node: dict[str, Any] = {"id": iri}
    label = {lang: info[lang] for lang in ("en", "zh") if lang in info}
    if label:
        node["label"] = label
    if "notation" in info:
        node["notation"] = info["notation"]
    return node


#: What `q` on a reference collection reads: every name of the entity and its notation.
NAME_PROPERTIES: Final = "rdfs:label|skos:prefLabel|skos:altLabel|skos:hiddenLabel|skos:notation"


def reference_members(
    store: KnowledgeStore, dimension: Dimension, text: str | None = None
) -> list[dict[str, Any]]:
    """Every entity of a dimension with its labels, notation and linked-activity count; with
    `text` (lower case), only those one of whose names (label, alternative or hidden label,
    notation) contains it."""
    needle = ""
    if text is not None:
        needle = (
            f"VALUES ?needle {{ {sparql_string(text)} }} "
            f"FILTER EXISTS {{ ?e {NAME_PROPERTIES} ?name "
            "FILTER(CONTAINS(LCASE(STR(?name)), ?needle)) }"
        )
    if dimension.rollup:
        link = f"baap:{dimension.link}"
        reach = f"{{ ?a {link} ?e }} UNION {{ ?a {link} ?sub . ?sub skos:broader ?e }}"
    else:
        reach = f"?a baap:{dimension.link} ?e ."
    query = (
        PREFIXES
        + f"""SELECT ?e (SAMPLE(?n) AS ?notation) (SAMPLE(?en) AS ?labelEn)
        (SAMPLE(?zh) AS ?labelZh) (COUNT(DISTINCT ?a) AS ?count) WHERE {{
        ?e a <{dimension.cls}> .
        {needle}
        OPTIONAL {{ ?e skos:notation ?n }}
        OPTIONAL {{ ?e rdfs:label ?en FILTER(LANGMATCHES(LANG(?en), "en")) }}
        OPTIONAL {{ ?e rdfs:label ?zh FILTER(LANGMATCHES(LANG(?zh), "zh")) }}
        OPTIONAL {{ {reach} ?a a baap:Activity . }}
    }} GROUP BY ?e"""
    )
    members = []
    type_name = dimension.cls.rsplit("#", 1)[-1]
    for row in store.select(query):
        member: dict[str, Any] = {"id": row["e"], "type": type_name}
        label = {k: row[f"label{k.title()}"] for k in ("en", "zh") if f"label{k.title()}" in row}
        if label:
            member["label"] = label
        if "notation" in row:
            member["notation"] = row["notation"]
        member["activityCount"] = int(row["count"])
        members.append(member)
    return sorted(members, key=lambda m: natural_key(str(m.get("notation") or m["id"])))


def source_issue_members(store: KnowledgeStore) -> list[dict[str, Any]]:
    """Every source issue with its type, lines, comment and the activities it affects."""
    query = (
        PREFIXES
        + """SELECT ?i ?type ?start ?end ?comment (COUNT(DISTINCT ?a) AS ?count) WHERE {
        ?i a baap:SourceIssue ; baap:issueType ?type ; baap:startLine ?start ; baap:endLine ?end .
        OPTIONAL { ?i rdfs:comment ?comment FILTER(LANGMATCHES(LANG(?comment), "en")) }
        OPTIONAL { ?i baap:affects ?a . ?a a baap:Activity }
    } GROUP BY ?i ?type ?start ?end ?comment"""
    )
    members = []
    for row in store.select(query):
        member: dict[str, Any] = {
            "id": row["i"],
            "type": "SourceIssue",
            "issueType": row["type"],
            "startLine": int(row["start"]),
            "endLine": int(row["end"]),
            "activityCount": int(row["count"]),
        }
        if "comment" in row:
            member["comment"] = {"en": row["comment"]}
        members.append(member)
    return sorted(members, key=lambda m: (m["startLine"], m["id"]))
