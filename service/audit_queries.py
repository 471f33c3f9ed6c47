"""The SPARQL query behind every figure of the audit page (opened in /query from the page).

Each query computes its figure from the graph alone, so a reader can check the audit's numbers
(`tests/e2e/test_ui_pages.py` runs every one against `/audit`).
"""

from __future__ import annotations

from typing import Final

from service.audit import (
    DEFAULT_BASE,
    DIMENSIONS,
    LIST_GAPS,
    REFERENCE_CLASSES,
    SDG_BASE,
    STATED_ANY_GAPS,
)
from service.bases import BASES, basis_pattern
from service.i18n import MESSAGES
from service.namespaces import PREFIXES, graph_iri


def english_title(kind: str, name: str) -> str:
    """The English title of a matrix or gap list (`service.i18n`), else its name."""
    return MESSAGES.get(f"audit.{kind}.{name}", (name,))[0]


_QUERY_PREFIXES: Final = "".join(
    f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in ("baap", "sdgo", "rdfs", "skos")
)
_REFERENCE: Final = f"<{graph_iri('reference')}>"
#: Coverage dimension -> (activity property, pattern that `?x` reaches the dimension with).
_REACH: Final[dict[str, tuple[str, str]]] = {
    "regionalInitiative": ("baap:regionalInitiative", ""),
    "region": ("baap:region", ""),
    "question": ("baap:question", ""),
    "sdgGoal": (
        "baap:contributesTo",
        "{ ?x a sdgo:Goal } UNION { ?x skos:broader ?goal . ?goal a sdgo:Goal }",
    ),
    "sdgTarget": ("baap:contributesTo", "?x a sdgo:Target ."),
    "wsisActionLine": ("baap:supportsActionLine", ""),
    "country": ("baap:country", ""),
    "partner": ("baap:partner", ""),
    "year": ("baap:year", ""),
}


def _link(prop: str, basis: str, reach: str = "") -> str:
    """`?a prop ?x` restricted to links of `basis`, with the roll-up pattern `reach`."""
    return f"{basis_pattern('?a', prop, '?x', basis)} {reach}".strip()


#: Dimensions whose lists of activities without a link the audit page offers.
WITHOUT_DIMENSIONS: Final = ("thematicPriority", *DIMENSIONS)


def without_query(dimension: str, basis: str = "any") -> str:
    """Activities with no link of `dimension` (by links of `basis`, one of `BASES`)."""
    prop, reach = _REACH.get(dimension, ("baap:thematicPriority", ""))
    pattern = _link(prop, basis, reach)
    return (
        f"{_QUERY_PREFIXES}# Activities without a {dimension} link ({basis} links).\n"
        f"SELECT ?a WHERE {{\n  ?a a baap:Activity .\n  FILTER NOT EXISTS {{ {pattern} }}\n}}\n"
        "ORDER BY ?a\n"
    )


def coverage_query(dimension: str) -> str:
    """Activities linked to `dimension` by links of each basis, and all activities."""
    prop, reach = _REACH[dimension]
    parts = "\n".join(
        f"  {{ SELECT (COUNT(DISTINCT ?a) AS ?{basis}) WHERE {{\n"
        f"      ?a a baap:Activity . {_link(prop, basis, reach)} }} }}"
        for basis in BASES
    )
    variables = " ".join(f"?{basis}" for basis in BASES)
    return (
        f"{_QUERY_PREFIXES}# Coverage of {dimension}: activities with a link the report states,"
        " a curated one, either (stated), an inferred one, a derived one, any; and all"
        " activities.\n"
        f"SELECT {variables} ?total WHERE {{\n{parts}\n"
        "  { SELECT (COUNT(DISTINCT ?a) AS ?total) WHERE { ?a a baap:Activity } }\n}\n"
    )


_MATRIX_PATTERNS: Final[dict[str, tuple[str, str, str]]] = {
    "thematicPriorityBySdgGoal": (
        "?priority ?goal",
        "?a baap:thematicPriority ?priority ; baap:contributesTo ?x .\n"
        "  { ?x a sdgo:Goal BIND(?x AS ?goal) }\n"
        "  UNION { ?x skos:broader ?goal . ?goal a sdgo:Goal }",
        "?priority ?goal",
    ),
    "thematicPriorityByWsisActionLine": (
        "?priority ?line",
        "?a baap:thematicPriority ?priority .\n"
        "  { ?a baap:supportsActionLine ?line }\n"
        "  UNION { ?a baap:supportsActionLine ?sub . ?sub skos:broader ?line }\n"
        "  ?line a baap:WSISActionLine .",
        "?priority ?line",
    ),
    "regionByRegionalInitiative": (
        "?region ?initiative",
        "?a baap:region ?region ; baap:regionalInitiative ?initiative .\n"
        "  ?region a baap:Region . ?initiative a baap:RegionalInitiative .",
        "?region ?initiative",
    ),
    "questionByThematicPriority": (
        "?question ?priority",
        "?a baap:question ?question ; baap:thematicPriority ?priority .\n"
        "  ?question a baap:Question .",
        "?question ?priority",
    ),
}


def matrix_query(name: str) -> str:
    """Activity counts per (row, column) of the matrix `name`, by links of any basis."""
    variables, pattern, order = _MATRIX_PATTERNS[name]
    return (
        f"{_QUERY_PREFIXES}# {english_title('matrix', name)}: activities per pair (links of any"
        " basis; a target counts for its goal, a C7 sub-line for C7).\n"
        f"SELECT {variables} (COUNT(DISTINCT ?a) AS ?activities) WHERE {{\n"
        f"  ?a a baap:Activity .\n  {pattern}\n}}\nGROUP BY {variables}\nORDER BY {order}\n"
    )


_GAP_UNIVERSE: Final[dict[str, tuple[str, str, str]]] = {
    "regionalInitiativesWithoutActivity": ("?initiative", "baap:RegionalInitiative", ""),
    "questionsWithoutActivity": ("?question", "baap:Question", ""),
    "sdgGoalsWithoutActivity": ("?goal", "sdgo:Goal", "goal"),
    "sdgTargetsWithoutActivity": ("?target", "sdgo:Target", ""),
    "wsisActionLinesWithoutActivity": ("?line", "baap:WSISActionLine", "broader"),
}
_GAP_LINK: Final[dict[str, str]] = {
    "regionalInitiativesWithoutActivity": "baap:regionalInitiative",
    "questionsWithoutActivity": "baap:question",
    "sdgGoalsWithoutActivity": "baap:contributesTo",
    "sdgTargetsWithoutActivity": "baap:contributesTo",
    "wsisActionLinesWithoutActivity": "baap:supportsActionLine",
}


def gap_query(name: str, basis: str = "any", base_iri: str = DEFAULT_BASE) -> str:
    """The entities of the gap list `name` (for stated/any gaps: by `basis` links)."""
    title = english_title("gap", name)
    if name in _GAP_UNIVERSE:
        var, cls, rollup = _GAP_UNIVERSE[name]
        direct = _link(_GAP_LINK[name], basis).replace("?x", var)
        reach = direct
        if rollup:
            via = _link(_GAP_LINK[name], basis).replace("?x", "?sub")
            reach = f"{{ {direct} }}\n    UNION {{ ?sub skos:broader {var} . {via} }}"
        return (
            f"{_QUERY_PREFIXES}# {title}, by {basis} links.\nSELECT {var} WHERE {{\n"
            f"  GRAPH {_REFERENCE} {{ {var} a {cls} }}\n"
            f"  FILTER NOT EXISTS {{\n    {reach}\n    ?a a baap:Activity .\n  }}\n}}\n"
            f"ORDER BY {var}\n"
        )
    if name in ("activitiesWithoutCountry", "activitiesWithoutYear"):
        prop = "baap:country" if name == "activitiesWithoutCountry" else "baap:year"
        return (
            f"{_QUERY_PREFIXES}# {title}.\nSELECT ?activity WHERE {{\n"
            f"  ?activity a baap:Activity .\n  FILTER NOT EXISTS {{ ?activity {prop} ?any }}\n}}\n"
            "ORDER BY ?activity\n"
        )
    if name == "danglingIris":
        return (
            f"# {title}: objects under the resource base or the UN SDG namespace that are the\n"
            "# subject of no triple (the ontology graph is not data).\n"
            "SELECT DISTINCT ?iri WHERE {\n"
            "  GRAPH ?g { ?s ?p ?iri } FILTER(?g != <https://w3id.org/baap/graph/ontology>)\n"
            f'  FILTER(isIRI(?iri) && (STRSTARTS(STR(?iri), "{base_iri}")\n'
            f'                        || STRSTARTS(STR(?iri), "{SDG_BASE}")))\n'
            "  FILTER NOT EXISTS { ?iri ?anyp ?anyo }\n}\nORDER BY ?iri\n"
        )
    if name == "unusedReferenceEntities":
        classes = " ".join(
            c.replace("https://w3id.org/baap/ontology#", "baap:").replace(
                "http://metadata.un.org/sdg/ontology#", "sdgo:"
            )
            for c in REFERENCE_CLASSES
        )
        return (
            f"{_QUERY_PREFIXES}# {title} (a link to a target counts for its goal, to a C7\n"
            "# sub-line for C7).\nSELECT ?entity ?class WHERE {\n"
            f"  VALUES ?class {{ {classes} }}\n"
            f"  GRAPH {_REFERENCE} {{ ?entity a ?class }}\n"
            "  FILTER NOT EXISTS { ?a ?p ?entity . ?a a baap:Activity }\n"
            "  FILTER NOT EXISTS { ?sub skos:broader ?entity . ?a ?p ?sub . ?a a baap:Activity }\n"
            "}\nORDER BY ?entity\n"
        )
    raise ValueError(f"no query for gap {name!r}")


SOURCE_ISSUES_QUERY: Final = (
    _QUERY_PREFIXES
    + """# Defects found in the report text, with their lines and the entities they affect.
SELECT ?issue ?type ?startLine ?endLine ?comment
       (GROUP_CONCAT(STR(?affected); separator=" ") AS ?affects)
WHERE {
  ?issue a baap:SourceIssue ; baap:issueType ?type ;
         baap:startLine ?startLine ; baap:endLine ?endLine .
  OPTIONAL { ?issue rdfs:comment ?comment FILTER(LANGMATCHES(LANG(?comment), "en")) }
  OPTIONAL { ?issue baap:affects ?affected }
}
GROUP BY ?issue ?type ?startLine ?endLine ?comment
ORDER BY ?startLine ?issue
"""
)


def figure_queries(base_iri: str = DEFAULT_BASE) -> dict[str, str]:
    """Every figure of the audit page -> the SPARQL query that computes it.

    Keys: `coverage.<dimension>`, `matrix.<name>`, `gap.<name>.stated|any`, `gap.<name>`,
    `sourceIssues`.
    """
    queries = {f"coverage.{d}": coverage_query(d) for d in DIMENSIONS}
    queries.update({f"matrix.{m}": matrix_query(m) for m in _MATRIX_PATTERNS})
    for name in STATED_ANY_GAPS:
        for basis in ("stated", "any"):
            queries[f"gap.{name}.{basis}"] = gap_query(name, basis, base_iri)
    queries.update({f"gap.{name}": gap_query(name, base_iri=base_iri) for name in LIST_GAPS})
    queries["sourceIssues"] = SOURCE_ISSUES_QUERY
    return queries
