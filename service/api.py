"""The `/api/` collections: filter values, the queries behind them, and Hydra paging.

Filter values are resolved against the reference data before any query is built (an unknown value
is a 400 listing the valid ones), and free text reaches the engine only as a bound variable, so no
request text is ever pasted into SPARQL. Semantics follow CONTRACT.md: a target link counts for its
goal, a C7 sub-line for C7; a link in graph `derived` is derived, in any other graph stated.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Final

import pyoxigraph as ox

from service.errors import RequestError
from service.namespaces import graph_iri
from service.store import KnowledgeStore

BAAP: Final = "https://w3id.org/baap/ontology#"
SDGO: Final = "http://metadata.un.org/sdg/ontology#"
SDG_BASE: Final = "http://metadata.un.org/sdg/"
PREFIXES: Final = f"""PREFIX baap: <{BAAP}>
PREFIX sdgo: <{SDGO}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""
MAX_PER_PAGE: Final = 200
DEFAULT_PER_PAGE: Final = 50
LINK_BASES: Final = ("any", "stated", "derived")
SORTS: Final = ("id", "label", "-label", "year", "-year")
_YEAR: Final = re.compile(r"\d{4}")


@dataclass(frozen=True)
class Dimension:
    """A kind of reference entity: its class, how activities link to it, and roll-up."""

    name: str  # the filter parameter and collection name
    path: str  # collection path under /api/
    cls: str
    link: str  # the activity property
    rollup: bool = False  # sub-entities (skos:broader) count for the parent


DIMENSIONS: Final[dict[str, Dimension]] = {
    d.name: d
    for d in (
        Dimension(
            "thematicPriority", "thematic-priorities", f"{BAAP}ThematicPriority", "thematicPriority"
        ),
        Dimension(
            "regionalInitiative",
            "regional-initiatives",
            f"{BAAP}RegionalInitiative",
            "regionalInitiative",
        ),
        Dimension("region", "regions", f"{BAAP}Region", "region"),
        Dimension(
            "strategicInitiative",
            "strategic-initiatives",
            f"{BAAP}StrategicInitiative",
            "strategicInitiative",
        ),
        Dimension("question", "questions", f"{BAAP}Question", "question"),
        Dimension("sdgGoal", "sdg-goals", f"{SDGO}Goal", "contributesTo", rollup=True),
        Dimension("sdgTarget", "sdg-targets", f"{SDGO}Target", "contributesTo"),
        Dimension(
            "wsis", "wsis-action-lines", f"{BAAP}WSISActionLine", "supportsActionLine", rollup=True
        ),
        Dimension("country", "countries", f"{BAAP}Country", "country"),
        Dimension("partner", "organizations", f"{BAAP}Organization", "partner"),
    )
}


#: CONTRACT v2 role filters of `/api/activities`: parameter (the role property) -> the dimension
#: whose notations it takes, and what it selects (the OpenAPI description)
ROLE_FILTERS: Final[dict[str, tuple[str, str]]] = {
    "beneficiaryCountry": ("country", "ISO3 of a country the activity is for"),
    "newBeneficiaryCountry": ("country", "ISO3 of a beneficiary where the work began"),
    "continuingBeneficiaryCountry": ("country", "ISO3 of a beneficiary where work continued"),
    "prospectiveCountry": ("country", "ISO3 of a country where the work is only planned"),
    "hostCountry": ("country", "ISO3 of the country that hosts the activity"),
    "fundingCountry": ("country", "ISO3 of a country that funds or supports it"),
    "participantCountry": ("country", "ISO3 of a country whose people took part"),
    "fundingPartner": ("partner", "organisation that funds it (slug, acronym or IRI)"),
    "coOrganizer": ("partner", "organisation it was organised with"),
    "hostPartner": ("partner", "organisation that hosted it"),
    "implementingPartner": ("partner", "organisation it was carried out with"),
    "leadPartner": ("partner", "organisation that leads or co-leads it"),
    "newPartner": ("partner", "organisation named as a new partner"),
    "continuingPartner": ("partner", "existing partner the work continued with"),
    "supportingPartner": ("partner", "organisation that supports it"),
}


@dataclass
class Vocabulary:
    """Every accepted spelling of every reference entity, per dimension."""

    names: dict[str, dict[str, str]] = field(default_factory=dict)  # dimension -> key -> IRI
    shown: dict[str, list[str]] = field(default_factory=dict)  # dimension -> codes to list

    @classmethod
    def load(cls, store: KnowledgeStore) -> Vocabulary:
        vocabulary = cls()
        base = store.base_iri
        for dimension in DIMENSIONS.values():
            query = (
                PREFIXES
                + f"""SELECT ?e ?n WHERE {{
                ?e a <{dimension.cls}> . OPTIONAL {{ ?e skos:notation ?n }} }}"""
            )
            keys: dict[str, str] = {}
            shown: set[str] = set()
            for row in store.select(query):
                iri = row["e"]
                keys[iri.lower()] = iri
                local = iri[len(base) :] if iri.startswith(base) else ""
                slug = local.rsplit("/", 1)[-1] if local else ""
                if slug:
                    keys[slug.lower()] = iri
                if iri.startswith(SDG_BASE):
                    keys[f"{base}sdg/{iri[len(SDG_BASE) :]}".lower()] = iri
                notation = row.get("n")
                if notation:
                    keys[notation.lower()] = iri
                    if dimension.name == "question":  # Q5/2, 5/2 and 5-2
                        keys[notation.lower().removeprefix("q")] = iri
                shown.add(notation or slug or iri)
            if dimension.name == "partner":
                keys.update(_unique_alt_labels(store, dimension, keys))
            vocabulary.names[dimension.name] = keys
            vocabulary.shown[dimension.name] = sorted(shown, key=_natural)
        return vocabulary

    def resolve(self, dimension: str, value: str) -> str:
        """The IRI a filter value names; RequestError listing the valid values if none."""
        found = self.names[dimension].get(value.strip().lower())
        if found is None:
            valid = ", ".join(self.shown[dimension])
            raise RequestError(f"unknown {dimension} {value!r}; valid values: {valid}")
        return found


def role_parameters(vocabulary: Vocabulary | None) -> list[dict[str, Any]]:
    """The OpenAPI parameter objects of the role filters, with the notations they take."""
    parameters = []
    for role, (dimension, description) in ROLE_FILTERS.items():
        schema: dict[str, Any] = {"anyOf": [{"type": "string"}, {"type": "null"}]}
        if vocabulary is not None:
            values = ["", *vocabulary.shown[dimension]]  # "": any
            schema = {"anyOf": [{"type": "string", "enum": values}, {"type": "null"}]}
        parameters.append({
            "name": role, "in": "query", "required": False, "schema": schema,
            "description": f"{description} (CONTRACT v2 role baap:{role})",
        })  # fmt: skip
    return parameters


def _unique_alt_labels(
    store: KnowledgeStore, dimension: Dimension, taken: dict[str, str]
) -> dict[str, str]:
    """Acronyms and other alternative labels (`UNDP`) that name exactly one entity."""
    query = PREFIXES + f"SELECT ?e ?alt WHERE {{ ?e a <{dimension.cls}> ; skos:altLabel ?alt }}"
    owners: dict[str, set[str]] = {}
    for row in store.select(query):
        owners.setdefault(row["alt"].strip().lower(), set()).add(row["e"])
    return {
        alt: next(iter(iris))
        for alt, iris in owners.items()
        if len(iris) == 1 and alt and alt not in taken
    }


def _natural(text: str) -> list[Any]:
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]


@dataclass(frozen=True)
class ActivityFilters:
    """The activity filters of one request, resolved to IRIs."""

    links: tuple[tuple[str, str], ...] = ()  # (dimension, IRI)
    roles: tuple[tuple[str, str], ...] = ()  # (role property, IRI)
    sdg: str | None = None
    link_basis: str = "any"
    year: int | None = None
    year_from: int | None = None
    year_to: int | None = None
    text: str | None = None


def _int_param(name: str, value: str | None, low: int, high: int) -> int | None:
    if value is None or value == "":
        return None
    if not value.strip().lstrip("-").isdigit():
        raise RequestError(f"{name} must be a whole number, not {value!r}")
    number = int(value)
    if not low <= number <= high:
        raise RequestError(f"{name} must be between {low} and {high}, not {number}")
    return number


def parse_activity_filters(params: dict[str, str], vocabulary: Vocabulary) -> ActivityFilters:
    """Resolve the query parameters of `/api/activities` (unknown values are a 400)."""
    links = []
    for name in (
        "thematicPriority",
        "regionalInitiative",
        "region",
        "strategicInitiative",
        "question",
        "wsis",
        "country",
        "partner",
    ):
        value = params.get(name)
        if value:
            links.append((name, vocabulary.resolve(name, value)))
    sdg = None
    if params.get("sdg"):
        value = params["sdg"]
        try:
            sdg = vocabulary.resolve("sdgTarget", value)
        except RequestError:
            try:
                sdg = vocabulary.resolve("sdgGoal", value)
            except RequestError:
                valid = ", ".join(vocabulary.shown["sdgGoal"] + vocabulary.shown["sdgTarget"])
                raise RequestError(f"unknown sdg {value!r}; valid values: {valid}") from None
    basis = params.get("linkBasis", "any") or "any"
    if basis not in LINK_BASES:
        raise RequestError(f"linkBasis must be one of {', '.join(LINK_BASES)}, not {basis!r}")
    text = params.get("q") or None
    if text is not None and len(text) > 200:
        raise RequestError("q is limited to 200 characters")
    year_from = _int_param("yearFrom", params.get("yearFrom"), 1000, 9999)
    year_to = _int_param("yearTo", params.get("yearTo"), 1000, 9999)
    roles = tuple(
        (role, vocabulary.resolve(dimension, params[role]))
        for role, (dimension, _) in ROLE_FILTERS.items()
        if params.get(role)
    )
    return ActivityFilters(
        links=tuple(links),
        roles=roles,
        sdg=sdg,
        link_basis=basis,
        year=_int_param("year", params.get("year"), 1000, 9999),
        year_from=year_from,
        year_to=year_to,
        text=text.strip().lower() if text else None,
    )


def _basis_pattern(subject: str, predicate: str, obj: str, basis: str) -> str:
    """A triple pattern restricted to stated links, derived links, or either."""
    if basis == "any":
        return f"{subject} {predicate} {obj} ."
    derived = graph_iri("derived")
    if basis == "derived":
        return f"GRAPH <{derived}> {{ {subject} {predicate} {obj} }}"
    return f"GRAPH ?linkGraph {{ {subject} {predicate} {obj} }} FILTER(?linkGraph != <{derived}>)"


def sparql_string(text: str) -> str:
    """`text` as a SPARQL string literal: every quote, backslash and control character escaped."""
    escaped = []
    for char in text:
        if char in '"\\':
            escaped.append("\\" + char)
        elif ord(char) < 0x20 or char == "\x7f":
            escaped.append(f"\\u{ord(char):04X}")
        else:
            escaped.append(char)
    return '"' + "".join(escaped) + '"'


def activity_query(filters: ActivityFilters) -> str:
    """SELECT ?a ?label ?year: the matching activities, with sort keys."""
    patterns = ["?a a baap:Activity ."]
    for index, (name, iri) in enumerate(filters.links):
        dimension = DIMENSIONS[name]
        if name == "wsis":
            patterns.append(
                "{ "
                + _basis_pattern("?a", "baap:supportsActionLine", f"?w{index}", filters.link_basis)
                + f" }} FILTER(?w{index} = <{iri}> || EXISTS {{ ?w{index} skos:broader <{iri}> }})"
            )
        else:
            patterns.append(f"?a baap:{dimension.link} <{iri}> .")
    for role, iri in filters.roles:
        patterns.append(f"?a baap:{role} <{iri}> .")
    if filters.sdg is not None:
        patterns.append(
            "{ "
            + _basis_pattern("?a", "baap:contributesTo", "?sdg", filters.link_basis)
            + f" }} FILTER(?sdg = <{filters.sdg}> || "
            + f"EXISTS {{ ?sdg skos:broader <{filters.sdg}> }})"
        )
    if filters.year is not None:
        patterns.append(f'?a baap:year "{filters.year:04d}"^^xsd:gYear .')
    if filters.year_from is not None or filters.year_to is not None:
        low = filters.year_from if filters.year_from is not None else 0
        high = filters.year_to if filters.year_to is not None else 9999
        patterns.append(
            "FILTER EXISTS { ?a baap:year ?anyYear . "
            f"FILTER(xsd:integer(STR(?anyYear)) >= {low} && "
            f"xsd:integer(STR(?anyYear)) <= {high}) }}"
        )
    if filters.text is not None:
        patterns.append(f"VALUES ?needle {{ {sparql_string(filters.text)} }}")
        patterns.append(
            "FILTER EXISTS { { ?a rdfs:label ?hay } "
            "UNION { ?a prov:wasDerivedFrom/baap:text ?hay } "
            "FILTER(CONTAINS(LCASE(STR(?hay)), ?needle)) }"
        )
    body = "\n  ".join(patterns)
    return (
        PREFIXES
        + "SELECT ?a (SAMPLE(?en) AS ?label) (MIN(STR(?y)) AS ?year) WHERE {\n  "
        + body
        + '\n  OPTIONAL { ?a rdfs:label ?en FILTER(LANGMATCHES(LANG(?en), "en")) }'
        + "\n  OPTIONAL { ?a baap:year ?y }\n} GROUP BY ?a"
    )


def matching_activities(store: KnowledgeStore, filters: ActivityFilters, sort: str) -> list[str]:
    """IRIs of the activities that pass every filter, in the requested order."""
    if sort not in SORTS:
        raise RequestError(f"sort must be one of {', '.join(SORTS)}, not {sort!r}")
    try:
        found = store.rows(activity_query(filters))
    except (SyntaxError, ValueError) as error:
        raise RequestError(f"these filters cannot be searched: {error}") from error
    rows = [
        (
            row["a"].value,
            row["label"].value if "label" in row else "",
            row["year"].value if "year" in row else "",
        )
        for row in found
    ]
    return [iri for iri, _, _ in _sorted(rows, sort)]


def _sorted(rows: list[tuple[str, str, str]], sort: str) -> list[tuple[str, str, str]]:
    key_index = {"id": 0, "label": 1, "year": 2}[sort.lstrip("-")]
    natural = sorted(rows, key=lambda r: _natural(r[0]))
    if key_index == 0:
        return natural[::-1] if sort.startswith("-") else natural
    present = [r for r in natural if r[key_index]]
    missing = [r for r in natural if not r[key_index]]
    ordered = sorted(present, key=lambda r: r[key_index].lower(), reverse=sort.startswith("-"))
    return ordered + missing  # entries without a label or year always come last


ACTIVITY_FIELDS: Final = (
    "thematicPriority",
    "strategicInitiative",
    "regionalInitiative",
    "region",
    "question",
    "country",
    "partner",
    "year",
    *ROLE_FILTERS,
)


def activity_members(store: KnowledgeStore, iris: list[str]) -> list[dict[str, Any]]:
    """The page's activities as compacted JSON-LD nodes (labels and direct links)."""
    if not iris:
        return []
    values = " ".join(f"<{iri}>" for iri in iris)
    query = (
        PREFIXES
        + f"""SELECT ?a ?p ?o WHERE {{
        VALUES ?a {{ {values} }}
        ?a ?p ?o .
        FILTER(?p IN (rdfs:label, {", ".join(f"baap:{f}" for f in ACTIVITY_FIELDS)}))
    }}"""
    )
    members: dict[str, dict[str, Any]] = {iri: {"id": iri, "type": "Activity"} for iri in iris}
    seen: set[tuple[str, str, str]] = set()
    for row in store.rows(query):
        subject, predicate, obj = row["a"].value, row["p"].value, row["o"]
        if (subject, predicate, str(obj)) in seen:
            continue
        seen.add((subject, predicate, str(obj)))
        member = members[subject]
        if predicate.endswith("#label") and isinstance(obj, ox.Literal):
            member.setdefault("label", {})[obj.language or "@none"] = obj.value
        else:
            name = predicate.rsplit("#", 1)[-1]
            member.setdefault(name, []).append(obj.value)
    for member in members.values():
        for name in ACTIVITY_FIELDS:
            if name in member:
                member[name] = sorted(member[name], key=_natural)
    return [members[iri] for iri in iris]


def reference_members(store: KnowledgeStore, dimension: Dimension) -> list[dict[str, Any]]:
    """Every entity of a dimension with its labels, notation and linked-activity count."""
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
    return sorted(members, key=lambda m: _natural(str(m.get("notation") or m["id"])))


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


@dataclass(frozen=True)
class Page:
    """One page of a collection."""

    number: int
    size: int

    @classmethod
    def from_params(cls, params: dict[str, str]) -> Page:
        number = _int_param("page", params.get("page"), 1, 10**9) or 1
        size = _int_param("perPage", params.get("perPage"), 1, MAX_PER_PAGE) or DEFAULT_PER_PAGE
        return cls(number, size)

    def last(self, total: int) -> int:
        return max(1, -(-total // self.size))

    def slice(self, items: list[Any]) -> list[Any]:
        start = (self.number - 1) * self.size
        return items[start : start + self.size]


def hydra_collection(
    collection_url: str,
    page_url: Any,
    page: Page,
    total: int,
    members: Iterable[dict[str, Any]],
    context_url: str,
) -> dict[str, Any]:
    """A hydra:Collection with a hydra:PartialCollectionView of first/previous/next/last."""
    last = page.last(total)
    view: dict[str, Any] = {
        "id": page_url(page.number),
        "type": "PartialCollectionView",
        "first": page_url(1),
        "last": page_url(last),
    }
    if page.number > 1:
        view["previous"] = page_url(min(page.number - 1, last))
    if page.number < last:
        view["next"] = page_url(page.number + 1)
    return {
        "@context": context_url,
        "id": collection_url,
        "type": "Collection",
        "totalItems": total,
        "member": list(members),
        "view": view,
    }


def check_parameters(params: Iterable[tuple[str, str]], allowed: Iterable[str]) -> dict[str, str]:
    """The parameters as a dict; repeated or unknown parameters are a 400. A collection that
    filters by country and partner (`/api/activities`) also takes every role filter."""
    allowed_set = set(allowed)
    if {"country", "partner"} <= allowed_set:
        allowed_set |= set(ROLE_FILTERS)
    result: dict[str, str] = {}
    for name, value in params:
        if name not in allowed_set:
            raise RequestError(
                f"unknown parameter {name!r}; this collection takes: "
                + ", ".join(sorted(allowed_set))
            )
        if name in result:
            raise RequestError(f"the parameter {name!r} is given more than once")
        result[name] = value
    return result


PAGING: Final = ("page", "perPage")
#: What `/api/activities` (and the browse page) take.
ACTIVITY_PARAMETERS: Final = (
    *PAGING,
    "sort",
    "thematicPriority",
    "regionalInitiative",
    "region",
    "strategicInitiative",
    "question",
    "sdg",
    "linkBasis",
    "wsis",
    "country",
    "partner",
    "year",
    "yearFrom",
    "yearTo",
    "q",
)
