"""The audit as CSV and as an HTML page (same content as the JSON of `Audit.to_dict()`).

CSV: one row per (section, key, row, column, value):

| section | key | row | column | value |
|---|---|---|---|---|
| `meta` | `dataVersion`, `generatedAt` | | | the string |
| `validation` | `conforms`, `violations`, `warnings`, `infos` | | | `true`/`false` or the count |
| `coverage` | the dimension | | `stated`, `derived`, `any`, `total` | the count |
| `matrices` | the matrix | row IRI | column IRI | the count |
| `gaps` | the gap list | | `stated`/`any` (empty for plain lists) | an IRI |
| `sourceIssues` | the issue IRI | | `issueType`, `startLine`, `endLine`, `comment`, | the value |
|  |  |  | `affects` (one row per affected IRI) |  |

HTML: the audit page in the site layout (`templates/audit.html`): inline SVG heatmaps, no script,
every entity linked to its `/id/...` page, labels in the page's language with the other one in a
second line or tooltip, every figure linked to the SPARQL query behind it (opened in `/query`),
and the time and data version it was produced from. Without a layout context (the CLI) the page
is self-contained: the site's CSS inline, no external file.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any, Final

from service.audit import (
    DEFAULT_BASE,
    DIMENSIONS,
    LIST_GAPS,
    REFERENCE_CLASSES,
    SDG_BASE,
    STATED_ANY_GAPS,
    Audit,
    EntityInfo,
)
from service.i18n import LANGUAGES, MESSAGES, translator
from service.namespaces import PREFIXES, graph_iri
from service.resources import local_path
from service.site import NAV, STATIC, environment, query_href

CSV_HEADER: Final = ("section", "key", "row", "column", "value")


# ---------------------------------------------------------------- CSV


def csv_rows(audit: Audit) -> list[tuple[str, str, str, str, str]]:
    """The audit as (section, key, row, column, value) rows, in the JSON's order."""
    data = audit.to_dict()
    rows: list[tuple[str, str, str, str, str]] = [
        ("meta", "dataVersion", "", "", data["dataVersion"]),
        ("meta", "generatedAt", "", "", data["generatedAt"]),
    ]
    for key, value in data["validation"].items():
        text = str(value).lower() if isinstance(value, bool) else str(value)
        rows.append(("validation", key, "", "", text))
    for dimension, counts in data["coverage"].items():
        for column, value in counts.items():
            rows.append(("coverage", dimension, "", column, str(value)))
    for name, matrix in data["matrices"].items():
        for i, row in enumerate(matrix["rows"]):
            for j, column in enumerate(matrix["columns"]):
                rows.append(("matrices", name, row, column, str(matrix["counts"][i][j])))
    for name, gap in data["gaps"].items():
        if isinstance(gap, dict):
            for basis in ("stated", "any"):
                rows.extend(("gaps", name, "", basis, iri) for iri in gap[basis])
        else:
            rows.extend(("gaps", name, "", "", iri) for iri in gap)
    for issue in data["sourceIssues"]:
        for column in ("issueType", "startLine", "endLine", "comment"):
            rows.append(("sourceIssues", issue["iri"], "", column, str(issue[column])))
        rows.extend(("sourceIssues", issue["iri"], "", "affects", iri) for iri in issue["affects"])
    return rows


def render_csv(audit: Audit) -> str:
    """The audit as CSV text with a header line."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    writer.writerows(csv_rows(audit))
    return out.getvalue()


# ---------------------------------------------------------------- HTML


def href(iri: str, base_iri: str = DEFAULT_BASE) -> str:
    """The local page of an entity: `/id/<path>` for our IRIs, `/id/sdg/<code>` for UN SDGs."""
    return local_path(iri, base_iri) or iri


@dataclass(frozen=True)
class Entity:
    """An entity as the page shows it."""

    iri: str
    href: str
    short: str
    en: str
    zh: str
    lang: str = "en"

    @property
    def title(self) -> str:
        """Tooltip text: notation, English and Chinese labels, IRI."""
        parts = [p for p in (self.short, self.en, self.zh) if p]
        return " · ".join(dict.fromkeys(parts)) + f"\n{self.iri}"

    @property
    def name(self) -> str:
        """The label in the page's language (else the English one)."""
        return (self.zh if self.lang == "zh" else "") or self.en

    @property
    def other(self) -> str:
        """The label in the other language, when it differs."""
        other = self.en if self.lang == "zh" else self.zh
        return other if other != self.name else ""


@dataclass(frozen=True)
class Cell:
    """One heatmap cell: position, count, fill opacity and tooltip."""

    x: int
    y: int
    count: int
    opacity: float
    title: str


@dataclass(frozen=True)
class Heatmap:
    """One matrix drawn as an SVG heatmap."""

    name: str
    title: str
    rows: list[Entity]
    #: Row axis text: notation and English label, shortened.
    row_labels: list[str]
    columns: list[Entity]
    cells: list[Cell]
    maximum: int
    width: int
    height: int
    left: int
    top: int
    size: int


def _english(kind: str, name: str) -> str:
    """The English title of a matrix or gap list (`service.i18n`), else its name."""
    return MESSAGES.get(f"audit.{kind}.{name}", (name,))[0]


CELL: Final = 26


def _entity(iri: str, info: dict[str, EntityInfo], base_iri: str, lang: str = "en") -> Entity:
    known = info.get(iri, EntityInfo())
    tail = iri.rstrip("/").rsplit("/", 1)[-1]
    return Entity(
        iri, href(iri, base_iri), known.notation or tail, known.label_en, known.label_zh, lang
    )


def _width(text: str) -> float:
    """Display width in Latin characters (a CJK character counts about two)."""
    return sum(1.9 if ord(c) > 0x2E80 else 1.0 for c in text)


def _shorten(text: str, limit: int = 34) -> str:
    if _width(text) <= limit:
        return text
    out = ""
    for char in text:
        if _width(out + char) > limit - 1:
            break
        out += char
    return out.rstrip() + "…"


def _heatmap(
    name: str,
    matrix: dict[str, Any],
    audit: Audit,
    base_iri: str,
    lang: str = "en",
    title: str | None = None,
) -> Heatmap:
    rows = [_entity(r, audit.entities, base_iri, lang) for r in matrix["rows"]]
    columns = [_entity(c, audit.entities, base_iri, lang) for c in matrix["columns"]]
    counts: list[list[int]] = matrix["counts"]
    maximum = max((max(r) for r in counts if r), default=0)
    cells = []
    for i, row in enumerate(rows):
        for j, column in enumerate(columns):
            count = counts[i][j]
            cells.append(
                Cell(
                    x=j * CELL,
                    y=i * CELL,
                    count=count,
                    opacity=round(0.08 + 0.92 * count / maximum, 3) if count else 0.0,
                    title=f"{row.short} {row.name} × {column.short} {column.name}: {count}",
                )
            )
    row_labels = [
        _shorten(f"{r.short} {r.name}" if r.name and r.name != r.short else r.short, 34)
        for r in rows
    ]
    # CJK characters are about twice as wide as Latin ones at the same font size.
    left = 16 + int(7 * max((_width(label) for label in row_labels), default=0))
    top = 14 + int(7.5 * max((len(c.short) for c in columns), default=0))
    return Heatmap(
        name=name,
        title=title or _english("matrix", name),
        rows=rows,
        row_labels=row_labels,
        columns=columns,
        cells=cells,
        maximum=maximum,
        width=left + CELL * len(columns) + 8,
        height=top + CELL * len(rows) + 8,
        left=left,
        top=top,
        size=CELL,
    )


# ---------------------------------------------------------------- the SPARQL behind each figure


_QUERY_PREFIXES: Final = "".join(
    f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in ("baap", "sdgo", "rdfs", "skos")
)
_DERIVED: Final = f"<{graph_iri('derived')}>"
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
    """`?a prop ?x` restricted to stated links, derived links, or either."""
    if basis == "derived":
        pattern = f"GRAPH {_DERIVED} {{ ?a {prop} ?x }}"
    elif basis == "stated":
        pattern = f"GRAPH ?g {{ ?a {prop} ?x }} FILTER(?g != {_DERIVED})"
    else:
        pattern = f"?a {prop} ?x ."
    return f"{pattern} {reach}".strip()


def coverage_query(dimension: str) -> str:
    """Activities linked to `dimension`: stated, derived, any, and all activities."""
    prop, reach = _REACH[dimension]
    parts = "\n".join(
        f"  {{ SELECT (COUNT(DISTINCT ?a) AS ?{basis}) WHERE {{\n"
        f"      ?a a baap:Activity . {_link(prop, basis, reach)} }} }}"
        for basis in ("stated", "derived", "any")
    )
    return (
        f"{_QUERY_PREFIXES}# Coverage of {dimension}: activities with a stated link, a derived"
        f" link, either, and all activities.\n"
        f"SELECT ?stated ?derived ?any ?total WHERE {{\n{parts}\n"
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
    """Activity counts per (row, column) of the matrix `name`, by stated or derived links."""
    variables, pattern, order = _MATRIX_PATTERNS[name]
    return (
        f"{_QUERY_PREFIXES}# {_english('matrix', name)}: activities per pair (stated or"
        " derived links; a target counts for its goal, a C7 sub-line for C7).\n"
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
    title = _english("gap", name)
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


def standalone_context(lang: str = "en") -> dict[str, Any]:
    """The layout values of a page read as a file (the CLI's `audit --format html`): styles
    inline, links relative to a server."""
    return {
        "lang": lang,
        "t": translator(lang),
        "page": "audit",
        "nav": NAV,
        "switch": {code: f"/audit.html?lang={code}" for code in LANGUAGES},
        "search_query": "",
        "data_version": "",
        "inline_css": (STATIC / "baap" / "site.css").read_text(encoding="utf-8"),
        "asset": lambda path: f"/static/{path}",
    }


def render_html(
    audit: Audit, base_iri: str = DEFAULT_BASE, context: dict[str, Any] | None = None
) -> str:
    """The audit as an HTML page in the site layout: `context` gives the layout's values (see
    `service.routers.ui.layout_context`); without it the page is self-contained (inline CSS,
    no script, English)."""
    page = dict(context) if context is not None else standalone_context()
    lang: str = page["lang"]
    t = page["t"]
    data = audit.to_dict()

    def entity(iri: str) -> Entity:
        return _entity(iri, audit.entities, base_iri, lang)

    queries = {key: query_href(q) for key, q in figure_queries(base_iri).items()}
    coverage = [
        {"name": name, "title": t(f"audit.dim.{name}"), **data["coverage"][name]}
        for name in DIMENSIONS
    ]
    gaps_stated_any = [
        {
            "name": name,
            "title": t(f"audit.gap.{name}"),
            "stated": [entity(i) for i in data["gaps"][name]["stated"]],
            "any": [entity(i) for i in data["gaps"][name]["any"]],
        }
        for name in STATED_ANY_GAPS
    ]
    gaps_lists = [
        {
            "name": name,
            "title": t(f"audit.gap.{name}"),
            "items": [entity(i) for i in data["gaps"][name]],
        }
        for name in LIST_GAPS
    ]
    issues = [
        {
            **issue,
            "entity": entity(issue["iri"]),
            "affected": [entity(i) for i in issue["affects"]],
        }
        for issue in sorted(data["sourceIssues"], key=lambda i: (i["startLine"], i["iri"]))
    ]
    heatmaps = [
        _heatmap(name, m, audit, base_iri, lang, t(f"audit.matrix.{name}"))
        for name, m in data["matrices"].items()
    ]
    template = environment().get_template("audit.html")
    return template.render(
        **page,
        audit=data,
        coverage=coverage,
        heatmaps=heatmaps,
        gaps_stated_any=gaps_stated_any,
        gaps_lists=gaps_lists,
        issues=issues,
        queries=queries,
    )
