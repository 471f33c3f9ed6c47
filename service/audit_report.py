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

HTML: one self-contained page (inline CSS, inline SVG heatmaps, no script, no external file),
every entity linked to its `/id/...` page, English labels with the Chinese ones in a second line
or tooltip, and the time and data version it was produced from.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Final

from jinja2 import Environment, FileSystemLoader, select_autoescape

from service.audit import (
    DEFAULT_BASE,
    DIMENSIONS,
    LIST_GAPS,
    SDG_BASE,
    STATED_ANY_GAPS,
    Audit,
    EntityInfo,
)

TEMPLATES: Final = Path(__file__).resolve().parent / "templates"
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
    if iri.startswith(base_iri):
        return "/id/" + iri[len(base_iri) :]
    if iri.startswith(SDG_BASE):
        return "/id/sdg/" + iri[len(SDG_BASE) :]
    return iri


@dataclass(frozen=True)
class Entity:
    """An entity as the page shows it."""

    iri: str
    href: str
    short: str
    en: str
    zh: str

    @property
    def title(self) -> str:
        """Tooltip text: notation, English and Chinese labels, IRI."""
        parts = [p for p in (self.short, self.en, self.zh) if p]
        return " · ".join(dict.fromkeys(parts)) + f"\n{self.iri}"


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


_MATRIX_TITLES: Final = {
    "thematicPriorityBySdgGoal": "Thematic priority × SDG goal",
    "thematicPriorityByWsisActionLine": "Thematic priority × WSIS action line",
    "regionByRegionalInitiative": "Region × regional initiative",
    "questionByThematicPriority": "Question × thematic priority",
}
_GAP_TITLES: Final = {
    "regionalInitiativesWithoutActivity": "Regional initiatives without activity",
    "questionsWithoutActivity": "Questions without activity",
    "sdgGoalsWithoutActivity": "SDG goals reached by no activity",
    "sdgTargetsWithoutActivity": "SDG targets reached by no activity (direct links)",
    "wsisActionLinesWithoutActivity": "WSIS action lines reached by no activity",
    "activitiesWithoutCountry": "Activities without a country",
    "activitiesWithoutYear": "Activities without a year",
    "danglingIris": "Dangling IRIs (linked to, never described)",
    "unusedReferenceEntities": "Reference entities no activity links to",
}
_DIMENSION_TITLES: Final = {
    "regionalInitiative": "Regional initiative",
    "region": "Region",
    "question": "Question",
    "sdgGoal": "SDG goal",
    "sdgTarget": "SDG target",
    "wsisActionLine": "WSIS action line",
    "country": "Country",
    "partner": "Partner",
    "year": "Year",
}
CELL: Final = 26


def _entity(iri: str, info: dict[str, EntityInfo], base_iri: str) -> Entity:
    known = info.get(iri, EntityInfo())
    tail = iri.rstrip("/").rsplit("/", 1)[-1]
    return Entity(iri, href(iri, base_iri), known.notation or tail, known.label_en, known.label_zh)


def _shorten(text: str, limit: int = 34) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _heatmap(name: str, matrix: dict[str, Any], audit: Audit, base_iri: str) -> Heatmap:
    rows = [_entity(r, audit.entities, base_iri) for r in matrix["rows"]]
    columns = [_entity(c, audit.entities, base_iri) for c in matrix["columns"]]
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
                    title=f"{row.short} {row.en} × {column.short} {column.en}: {count}",
                )
            )
    row_labels = [
        _shorten(f"{r.short} {r.en}" if r.en and r.en != r.short else r.short) for r in rows
    ]
    left = 16 + int(7 * max((len(label) for label in row_labels), default=0))
    top = 14 + int(7.5 * max((len(c.short) for c in columns), default=0))
    return Heatmap(
        name=name,
        title=_MATRIX_TITLES.get(name, name),
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


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(audit: Audit, base_iri: str = DEFAULT_BASE) -> str:
    """The audit as one self-contained HTML page."""
    data = audit.to_dict()

    def entity(iri: str) -> Entity:
        return _entity(iri, audit.entities, base_iri)

    coverage = [
        {"name": name, "title": _DIMENSION_TITLES.get(name, name), **data["coverage"][name]}
        for name in DIMENSIONS
    ]
    gaps_stated_any = [
        {
            "name": name,
            "title": _GAP_TITLES[name],
            "stated": [entity(i) for i in data["gaps"][name]["stated"]],
            "any": [entity(i) for i in data["gaps"][name]["any"]],
        }
        for name in STATED_ANY_GAPS
    ]
    gaps_lists = [
        {"name": name, "title": _GAP_TITLES[name], "items": [entity(i) for i in data["gaps"][name]]}
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
    heatmaps = [_heatmap(name, m, audit, base_iri) for name, m in data["matrices"].items()]
    template = _environment().get_template("audit.html")
    return template.render(
        audit=data,
        coverage=coverage,
        heatmaps=heatmaps,
        gaps_stated_any=gaps_stated_any,
        gaps_lists=gaps_lists,
        issues=issues,
    )
