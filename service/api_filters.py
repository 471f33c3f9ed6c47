"""The activity filters of `/api/activities` (and of the browse and search pages): the query
parameters resolved to IRIs, and the SPARQL query that selects the activities passing them.

Free text reaches the engine only as a bound variable, so no request text is ever pasted into
SPARQL. Semantics follow CONTRACT.md: a target link counts for its goal, a C7 sub-line for C7;
`linkBasis` restricts the `sdg` and `wsis` filters to links of one basis (`service.bases`:
report, curation, stated = report or curation, inferred, derived; any by default).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from service.api import int_param
from service.api_vocabulary import DIMENSIONS, PREFIXES, ROLE_FILTERS, Vocabulary, natural_key
from service.bases import BASES, basis_pattern
from service.errors import RequestError
from service.store import KnowledgeStore

#: The values `linkBasis` takes (CONTRACT v2), the default first.
LINK_BASES: Final = ("any", *(b for b in BASES if b != "any"))
SORTS: Final = ("id", "label", "-label", "year", "-year")


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
    text = search_text(params)
    year_from = int_param("yearFrom", params.get("yearFrom"), 1000, 9999)
    year_to = int_param("yearTo", params.get("yearTo"), 1000, 9999)
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
        year=int_param("year", params.get("year"), 1000, 9999),
        year_from=year_from,
        year_to=year_to,
        text=text,
    )


#: The longest `q` accepted.
MAX_TEXT: Final = 200


def search_text(params: dict[str, str]) -> str | None:
    """`q`, trimmed and lower-cased (None when absent or blank); over MAX_TEXT characters: 400."""
    text = params.get("q")
    if text is None:
        return None
    if len(text) > MAX_TEXT:
        raise RequestError(f"q is limited to {MAX_TEXT} characters")
    return text.strip().lower() or None


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
                + basis_pattern(
                    "?a", "baap:supportsActionLine", f"?w{index}", filters.link_basis,
                    f"?wsisGraph{index}",
                )
                + f" }} FILTER(?w{index} = <{iri}> || EXISTS {{ ?w{index} skos:broader <{iri}> }})"
            )
        else:
            patterns.append(f"?a baap:{dimension.link} <{iri}> .")
    for role, iri in filters.roles:
        patterns.append(f"?a baap:{role} <{iri}> .")
    if filters.sdg is not None:
        patterns.append(
            "{ "
            + basis_pattern("?a", "baap:contributesTo", "?sdg", filters.link_basis, "?sdgGraph")
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
            "FILTER EXISTS { { ?a rdfs:label|skos:altLabel ?hay } "
            "UNION { ?a prov:wasDerivedFrom/baap:text ?hay } "
            "UNION { ?a baap:country|baap:partner ?named . "
            "?named rdfs:label|skos:altLabel|skos:hiddenLabel ?hay } "
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
    natural = sorted(rows, key=lambda r: natural_key(r[0]))
    if key_index == 0:
        return natural[::-1] if sort.startswith("-") else natural
    present = [r for r in natural if r[key_index]]
    missing = [r for r in natural if not r[key_index]]
    ordered = sorted(present, key=lambda r: r[key_index].lower(), reverse=sort.startswith("-"))
    return ordered + missing  # entries without a label or year always come last
