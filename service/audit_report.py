"""The audit as CSV and as an HTML page (same content as the JSON of `Audit.to_dict()`).

CSV: one row per (section, key, row, column, value):

| section | key | row | column | value |
|---|---|---|---|---|
| `meta` | `dataVersion`, `generatedAt` | | | the string |
| `validation` | `conforms`, `violations`, `warnings`, `infos` | | | `true`/`false` or the count |
| `coverage` | the dimension | | `report`, `curation`, `stated`, `inferred`, `derived`, | count |
|  |  |  | `any`, `total` |  |
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
from urllib.parse import urlencode

from service.audit import (
    DEFAULT_BASE,
    DIMENSIONS,
    LIST_GAPS,
    STATED_ANY_GAPS,
    Audit,
    EntityInfo,
)
from service.audit_queries import english_title, figure_queries
from service.bases import BASES
from service.i18n import LANGUAGES, translator
from service.messages.audit import issue_type_about, issue_type_name
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


def audit_headers(audit: Audit) -> dict[str, str]:
    """What every rendering of the audit is sent with: its version as ETag."""
    return {"ETag": f'"{audit.data_version}"', "Baap-Data-Version": audit.data_version}


def render_csv(audit: Audit) -> str:
    """The audit as CSV text with a header line."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    writer.writerows(csv_rows(audit))
    return out.getvalue()


# ---------------------------------------------------------------- HTML


def href(iri: str, base_iri: str = DEFAULT_BASE) -> str:
    """The local page of an entity (`/id/<path>`, UN SDGs at `/id/sdg/<code>`), else the IRI
    when it is http(s); empty for any other scheme, which the page shows as text."""
    local = local_path(iri, base_iri)
    if local is not None:
        return local
    return iri if iri.lower().startswith(("http://", "https://")) else ""


#: Matrix -> the /browse/activities filters of its rows and columns (a cell lists its activities).
MATRIX_FILTERS: Final[dict[str, tuple[str, str]]] = {
    "thematicPriorityBySdgGoal": ("thematicPriority", "sdg"),
    "thematicPriorityByWsisActionLine": ("thematicPriority", "wsis"),
    "regionByRegionalInitiative": ("region", "regionalInitiative"),
    "questionByThematicPriority": ("question", "thematicPriority"),
}
#: Coverage (any link) below this share is flagged as a gap.
GAP_SHARE: Final = 25.0
#: The bases shown as separate bars: the report's own, then curation, inference and mapping.
BAR_BASES: Final = ("report", "curation", "inferred", "derived")


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
        """Tooltip text: notation and label in the page's language, IRI."""
        parts = [p for p in (self.short, self.name) if p]
        return " · ".join(dict.fromkeys(parts)) + f"\n{self.iri}"

    @property
    def name(self) -> str:
        """The label in the page's language (else the English one)."""
        return (self.zh if self.lang == "zh" else "") or self.en

    @property
    def name_lang(self) -> str:
        """The language of `name` when it is not the page's ("en" on a Chinese page)."""
        return "en" if self.lang == "zh" and not self.zh and self.en else ""

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
    href: str = ""


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


CELL: Final = 26


def _entity(iri: str, info: dict[str, EntityInfo], base_iri: str, lang: str = "en") -> Entity:
    known = info.get(iri, EntityInfo())
    tail = iri.rstrip("/").rsplit("/", 1)[-1]
    # Without a notation (organisations, for one), the name in the page's language, not a slug.
    name = known.label_zh if lang == "zh" else known.label_en
    short = known.notation or (_shorten(name, 24) if name else tail)
    return Entity(iri, href(iri, base_iri), short, known.label_en, known.label_zh, lang)


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
    row_filter, column_filter = MATRIX_FILTERS[name]
    t = translator(lang)
    cells = []
    for i, row in enumerate(rows):
        for j, column in enumerate(columns):
            count = counts[i][j]
            browse = urlencode({row_filter: row.short, column_filter: column.short})
            cells.append(
                Cell(
                    x=j * CELL,
                    y=i * CELL,
                    count=count,
                    opacity=round(0.08 + 0.92 * count / maximum, 3) if count else 0.0,
                    title=t(
                        "audit.cell",
                        row=f"{row.short} {row.name}",
                        column=f"{column.short} {column.name}",
                        count=count,
                    ),
                    href=f"/browse/activities?{browse}" if count else "",
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
        title=title or english_title("matrix", name),
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


def share(counts: dict[str, int], basis: str = "any") -> float:
    """The share of activities with a link of `basis`, in percent."""
    return 100.0 * counts[basis] / counts["total"] if counts["total"] else 0.0


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
    `service.web.layout.layout_context`); without it the page is self-contained (inline CSS,
    no script, English)."""
    page = dict(context) if context is not None else standalone_context()
    lang: str = page["lang"]
    t = page["t"]
    data = audit.to_dict()

    def entity(iri: str) -> Entity:
        return _entity(iri, audit.entities, base_iri, lang)

    queries = {key: query_href(q) for key, q in figure_queries(base_iri).items()}
    coverage = [
        {
            "name": name,
            "title": t(f"audit.dim.{name}"),
            **data["coverage"][name],
            "share": share(data["coverage"][name]),
            "shares": {basis: share(data["coverage"][name], basis) for basis in BASES},
        }
        for name in DIMENSIONS
    ]
    worst = sorted((c for c in coverage if c["share"] < GAP_SHARE), key=lambda c: c["share"])
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
            "type_name": issue_type_name(issue["issueType"], lang),
            "type_about": issue_type_about(issue["issueType"], lang),
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
        bases=BASES,
        bar_bases=BAR_BASES,
        worst=worst,
        gap_share=GAP_SHARE,
        heatmaps=heatmaps,
        gaps_stated_any=gaps_stated_any,
        gaps_lists=gaps_lists,
        issues=issues,
        queries=queries,
    )
