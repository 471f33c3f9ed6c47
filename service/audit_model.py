"""The audit's vocabulary and typed report: the classes, dimensions, matrices and gap lists it
covers, and the frozen records `service.audit` fills (definitions: `service.audit`'s docstring)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Final

from service.bases import BASES
from service.namespaces import BAAP, ID, PREFIXES, SDG, SDGO

DEFAULT_BASE: Final = str(ID)
SDG_BASE: Final = str(SDG)
RDF_TYPE: Final = f"{PREFIXES['rdf']}type"
RDFS_LABEL: Final = f"{PREFIXES['rdfs']}label"
RDFS_COMMENT: Final = f"{PREFIXES['rdfs']}comment"
SKOS_NOTATION: Final = f"{PREFIXES['skos']}notation"
SKOS_BROADER: Final = f"{PREFIXES['skos']}broader"

ACTIVITY: Final = f"{BAAP}Activity"
SOURCE_ISSUE: Final = f"{BAAP}SourceIssue"
REGION: Final = f"{BAAP}Region"
REGIONAL_INITIATIVE: Final = f"{BAAP}RegionalInitiative"
THEMATIC_PRIORITY: Final = f"{BAAP}ThematicPriority"
STRATEGIC_INITIATIVE: Final = f"{BAAP}StrategicInitiative"
STUDY_GROUP: Final = f"{BAAP}StudyGroup"
QUESTION: Final = f"{BAAP}Question"
WSIS_LINE: Final = f"{BAAP}WSISActionLine"
COUNTRY: Final = f"{BAAP}Country"
ORGANIZATION: Final = f"{BAAP}Organization"
GOAL: Final = f"{SDGO}Goal"
TARGET: Final = f"{SDGO}Target"

#: The classes of CONTRACT.md's reference table, in the order the HTML report lists them.
REFERENCE_CLASSES: Final = (
    REGION,
    REGIONAL_INITIATIVE,
    THEMATIC_PRIORITY,
    STRATEGIC_INITIATIVE,
    STUDY_GROUP,
    QUESTION,
    WSIS_LINE,
    GOAL,
    TARGET,
    COUNTRY,
    ORGANIZATION,
)

#: Coverage dimension -> the activity property it counts.
DIMENSIONS: Final[dict[str, str]] = {
    "regionalInitiative": f"{BAAP}regionalInitiative",
    "region": f"{BAAP}region",
    "question": f"{BAAP}question",
    "sdgGoal": f"{BAAP}contributesTo",
    "sdgTarget": f"{BAAP}contributesTo",
    "wsisActionLine": f"{BAAP}supportsActionLine",
    "country": f"{BAAP}country",
    "partner": f"{BAAP}partner",
    "year": f"{BAAP}year",
}
THEMATIC_PRIORITY_LINK: Final = f"{BAAP}thematicPriority"
MATRICES: Final = (
    "thematicPriorityBySdgGoal",
    "thematicPriorityByWsisActionLine",
    "regionByRegionalInitiative",
    "questionByThematicPriority",
)
STATED_ANY_GAPS: Final = (
    "regionalInitiativesWithoutActivity",
    "questionsWithoutActivity",
    "sdgGoalsWithoutActivity",
    "sdgTargetsWithoutActivity",
    "wsisActionLinesWithoutActivity",
)
LIST_GAPS: Final = (
    "activitiesWithoutCountry",
    "activitiesWithoutYear",
    "danglingIris",
    "unusedReferenceEntities",
)


# ---------------------------------------------------------------- the typed report


@dataclass(frozen=True)
class Coverage:
    """Activities linked to one dimension by a link of each basis (`BASES`); of all."""

    report: int
    curation: int
    stated: int
    inferred: int
    derived: int
    any: int
    total: int

    def to_dict(self) -> dict[str, int]:
        """CONTRACT's keys: report, curation, stated, inferred, derived, any, total."""
        return {basis: getattr(self, basis) for basis in (*BASES, "total")}


@dataclass(frozen=True)
class Matrix:
    """Activity counts for each (row entity, column entity), by links of any basis."""

    rows: list[str]
    columns: list[str]
    counts: list[list[int]]


@dataclass(frozen=True)
class StatedAny:
    """Entities reached by no activity through stated links, and through any link."""

    stated: list[str]
    any: list[str]


@dataclass(frozen=True)
class SourceIssue:
    """A defect of the source text (baap:SourceIssue)."""

    iri: str
    issue_type: str
    start_line: int
    end_line: int
    comment: str
    affects: list[str]


@dataclass(frozen=True)
class EntityInfo:
    """What the HTML and CSV reports show of an entity: notation and labels."""

    notation: str = ""
    label_en: str = ""
    label_zh: str = ""


@dataclass
class Audit:
    """The audit of one data version. `to_dict()` is CONTRACT.md's JSON."""

    data_version: str
    generated_at: str
    validation: dict[str, Any]
    coverage: dict[str, Coverage]
    matrices: dict[str, Matrix]
    stated_any_gaps: dict[str, StatedAny]
    list_gaps: dict[str, list[str]]
    source_issues: list[SourceIssue]
    #: Notation and labels of the entities the report names (not part of the JSON).
    entities: dict[str, EntityInfo] = field(default_factory=dict)
    seconds: float = 0.0
    #: Renderings of this audit (JSON, CSV, HTML per language) by kind, each made once.
    _rendered: dict[str, bytes] = field(default_factory=dict, init=False, repr=False, compare=False)

    def rendered(self, kind: str, render: Callable[[Audit], bytes]) -> bytes:
        """`render(self)`, kept with the audit under `kind` so each rendering is made once."""
        body = self._rendered.get(kind)
        if body is None:
            body = self._rendered[kind] = render(self)
        return body

    def to_dict(self) -> dict[str, Any]:
        """The report in CONTRACT.md's shape: full IRIs, sorted lists, integer counts."""
        gaps: dict[str, Any] = {
            name: {"stated": gap.stated, "any": gap.any}
            for name, gap in self.stated_any_gaps.items()
        }
        gaps.update(self.list_gaps)
        return {
            "dataVersion": self.data_version,
            "generatedAt": self.generated_at,
            "validation": dict(self.validation),
            "coverage": {name: c.to_dict() for name, c in self.coverage.items()},
            "matrices": {
                name: {"rows": m.rows, "columns": m.columns, "counts": m.counts}
                for name, m in self.matrices.items()
            },
            "gaps": gaps,
            "sourceIssues": [
                {
                    "iri": issue.iri,
                    "issueType": issue.issue_type,
                    "startLine": issue.start_line,
                    "endLine": issue.end_line,
                    "comment": issue.comment,
                    "affects": issue.affects,
                }
                for issue in self.source_issues
            ],
        }

    def failing(self, threshold: str) -> bool:
        """Whether validation results reach `threshold` (violation, or warning and worse)."""
        if threshold == "violation":
            return int(self.validation["violations"]) > 0
        if threshold == "warning":
            return int(self.validation["violations"]) + int(self.validation["warnings"]) > 0
        raise ValueError(f"unknown threshold {threshold!r}; use violation or warning")
