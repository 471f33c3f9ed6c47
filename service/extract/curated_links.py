"""Curated per-activity links (graph `curation`), each with its justification.

Curated sources, each row quoting the passage's own words:

- SDG targets and WSIS action lines, eight passes over every activity, each row a link with the
  words that show it: `sdg_wsis_pass1.csv` and `sdg_wsis_pass2.csv`, two blind passes following
  the codebook (`curation_guide.md`); `sdg_wsis_review.csv`, a review that decided on the links
  only one blind pass gave and on the priority mapping's targets, and added what they missed
  (`review_guide.md`); `sdg_wsis_open1.csv`, `sdg_wsis_open2.csv` and `sdg_wsis_open3.csv`,
  three open passes by annotators without the codebook, each judging the text alone
  (`open_guide.md`); `sdg_wsis_dense1.csv` and `sdg_wsis_dense2.csv`, two more open passes asked
  for every target and line the activity directly serves rather than the most obvious one
  (`dense_guide.md`). The rule: a link the priority mapping also gives the activity, when one
  pass gives it; any other link, when three passes give it, at least one of them without the
  codebook (confidence high if two or more give it and the surest said high, else medium). The
  codebook's conventions (17.9 for any technical assistance, say) are ours; a link only passes
  that follow them give is not what an independent annotator reads in the text (README, "How
  the per-activity links are made"). Datasets with fewer passes keep the earlier rules: with
  open1 and open2 only, a link two passes give, one of them open; with the blind passes only, a
  link two passes give, one pass's link rated high (as medium), the review's alone rated medium
  (as low).
- `region_heading_initiatives.csv`: the initiatives curators chose for bare region headings
  (evidence: the heading as printed, on its line; confidence as the curator rated it).
- `activity_priorities*.csv`: the thematic priority of passages outside sections 1-10.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Literal

from rdflib import URIRef

from service.extract.activities import Activity
from service.extract.initiatives import Resolution
from service.extract.justifications import CONFIDENCES, JustificationError, JustifiedLink
from service.extract.mapping import Mapped
from service.namespaces import BAAP
from service.reference import entity, read_table, sdg_iri, wsis_notation

#: The two blind passes, then the review pass (optional: a dataset may have only the two).
PASS_FILES: Final = ("sdg_wsis_pass1.csv", "sdg_wsis_pass2.csv")
REVIEW_FILE: Final = "sdg_wsis_review.csv"
#: Two open passes: independent annotators without the codebook (optional, like the review).
OPEN_FILES: Final = ("sdg_wsis_open1.csv", "sdg_wsis_open2.csv")
#: A third open pass and two exhaustive ones (optional; the widest rule needs all three).
WIDE_FILES: Final = ("sdg_wsis_open3.csv", "sdg_wsis_dense1.csv", "sdg_wsis_dense2.csv")
#: The passes whose annotators had no codebook.
INDEPENDENT: Final = frozenset(OPEN_FILES + WIDE_FILES)
#: The rules, from the fewest passes to the most (module doc).
Rule = Literal["blind", "open", "wide"]
BLIND: Final[Rule] = "blind"
OPEN: Final[Rule] = "open"
WIDE: Final[Rule] = "wide"
PASS_COLUMNS: Final = ("activity", "passage", "line", "kind", "code", "evidence", "confidence")
_RANK: Final = {"high": 2, "medium": 1, "low": 0, "": -1}
#: A curated rating outside CONTRACT's three, read as the lower one it names.
_RATINGS: Final = {"medium-high": "medium", "low-medium": "low"}


@dataclass(frozen=True)
class PassRow:
    """One link of one curation pass."""

    activity: str
    kind: str  # sdg or wsis
    code: str  # as the pass writes it (9.c, C7.e-health)
    evidence: str
    confidence: str
    note: str
    where: str  # file and row, for error messages

    @property
    def source(self) -> str:
        """The name of the file the row is in."""
        return self.where.split(" ", 1)[0]

    def target(self) -> tuple[URIRef, str, URIRef]:
        """The link's property, the object's CONTRACT notation and the object's IRI."""
        if self.kind == "sdg":
            return BAAP.contributesTo, self.code, sdg_iri(self.code)
        notation = wsis_notation(self.code)
        return BAAP.supportsActionLine, notation, entity(f"wsis-action-line/{notation}")


def read_pass(path: Path) -> dict[tuple[str, str, str], PassRow]:
    """The links of one pass by (activity, kind, code); `none` rows say nothing applies."""
    rows = read_table(path)
    if rows and not set(PASS_COLUMNS) <= set(rows[0]):
        raise JustificationError(f"{path.name}: columns must include {', '.join(PASS_COLUMNS)}")
    links: dict[tuple[str, str, str], PassRow] = {}
    for number, row in enumerate(rows, start=2):
        if row["code"] == "none":
            continue
        where = f"{path.name} row {number}"
        if row["kind"] not in ("sdg", "wsis"):
            raise JustificationError(f"{where}: kind must be sdg or wsis, not {row['kind']!r}")
        key = (row["activity"], row["kind"], row["code"])
        if key in links:
            raise JustificationError(f"{where}: {key} is given twice in this pass")
        links[key] = PassRow(
            *key, row["evidence"], row["confidence"], row.get("note", ""), where
        )  # fmt: skip
    return links


Key = tuple[str, str, str]  # (activity, kind, code as the passes write it)


@dataclass(frozen=True)
class CuratedPasses:
    """The SDG / WSIS passes of a dataset, read once: every link any pass gives with the rows of
    the passes that give it (in pass order), and the rule the passes it has call for."""

    given: dict[Key, list[PassRow]]
    rule: Rule

    @classmethod
    def read(cls, folder: Path) -> CuratedPasses:
        """The two blind passes, then the review and the open passes the dataset has."""
        optional = (REVIEW_FILE, *OPEN_FILES, *WIDE_FILES)
        names = [*PASS_FILES, *(n for n in optional if (folder / n).exists())]
        given: dict[Key, list[PassRow]] = {}
        for name in names:
            for key, row in read_pass(folder / name).items():
                given.setdefault(key, []).append(row)
        rule: Rule = BLIND
        if all(n in names for n in OPEN_FILES):
            rule = WIDE if all(n in names for n in WIDE_FILES) else OPEN
        return cls(dict(sorted(given.items())), rule)

    @property
    def open_passes(self) -> bool:
        """Every activity was judged by annotators without the codebook."""
        return self.rule != BLIND

    def kept(self, mapped: Mapped | None = None) -> Iterator[tuple[list[PassRow], PassRow, str]]:
        """Each link the rule keeps: the rows that give it, the chosen row, its confidence.
        `mapped`: the links the priority mapping gives each activity (none: no link is)."""
        for rows in self.given.values():
            prop, _, obj = rows[0].target()
            in_mapping = mapped is not None and (rows[0].activity, prop, obj) in mapped
            chosen = chosen_row(rows, self.rule, in_mapping)
            if chosen is not None:
                yield rows, *chosen


def chosen_row(
    rows: list[PassRow], rule: Rule = BLIND, in_mapping: bool = False
) -> tuple[PassRow, str] | None:
    """The row whose evidence the graph keeps and the link's confidence, by the `rule` (module
    doc; the evidence of the surest pass, of the earliest pass among equally sure ones).
    `in_mapping`: the priority mapping gives the activity this link too (the widest rule)."""
    if not rows:
        return None
    best = max(rows, key=lambda r: _RANK[r.confidence])  # max keeps the first of equals
    sure = "high" if best.confidence == "high" else "medium"
    if rule == WIDE:
        if len(rows) >= 3 and any(r.source in INDEPENDENT for r in rows):
            return best, sure
        if in_mapping:
            return best, sure if len(rows) >= 2 else "medium"
        return None
    if rule == OPEN:
        if len(rows) >= 2 and any(r.source in OPEN_FILES for r in rows):
            return best, sure
        return None
    if len(rows) >= 2:
        return best, sure
    if best.confidence == "high":
        return best, "medium"
    if best.confidence == "medium" and best.source == REVIEW_FILE:
        return best, "low"
    return None


def _file(row: PassRow) -> str:
    return f"data/source/curated/{row.source}"


def _note(row: PassRow, given: list[PassRow], rule: Rule) -> str | None:
    """The surest pass's note; under the widest rule, a link short of three passes says the
    priority mapping is what the one or two readers are weighed with."""
    if rule != WIDE or len(given) >= 3:
        return row.note or None
    readers = "one pass gives" if len(given) == 1 else "two passes give"
    why = f"{readers} it, and the activity's priority mapping names it too"
    return f"{row.note}; {why}" if row.note else why


def _quoted(row: PassRow, given: list[PassRow], activity: Activity) -> str:
    """The chosen row's evidence, or the surest other pass's where the chosen one is not the
    report's own words (a split activity's text joins pieces of its passage; a quote across the
    join is in neither)."""
    for candidate in [row, *sorted(given, key=lambda r: -_RANK[r.confidence])]:
        if candidate.evidence in activity.text and candidate.evidence in activity.passage.text:
            return candidate.evidence
    raise JustificationError(
        f"{row.where}: evidence {row.evidence!r} is not in activity {row.activity}'s text"
    )


def pass_links(
    passes: CuratedPasses, activities: dict[str, Activity], mapped: Mapped | None = None
) -> list[JustifiedLink]:
    """The SDG-target and WSIS-line links the passes support, by the rule (module doc)."""
    links = []
    for given, row, confidence in passes.kept(mapped):
        activity = activities.get(row.activity)
        if activity is None:
            raise JustificationError(f"{row.where}: no activity {row.activity!r} in the report")
        evidence = _quoted(row, given, activity)
        prop, notation, obj = row.target()
        links.append(
            JustifiedLink(
                row.activity, prop, obj, notation, "curation", evidence,
                activity.passage.start, confidence, note=_note(row, given, passes.rule),
                sources=tuple(_file(r) for r in given),
            )
        )  # fmt: skip
    return links


def judged_by_one(passes: CuratedPasses) -> dict[tuple[str, URIRef, str], tuple[str, ...]] | None:
    """(activity, property, notation) -> the curated files of every SDG-target or WSIS-line
    link some pass gives; None when the dataset lacks the open passes (not every activity was
    judged by annotators without the codebook, so a method's link is not weighed against them)."""
    if not passes.open_passes:
        return None
    judged: dict[tuple[str, URIRef, str], tuple[str, ...]] = {}
    for rows in passes.given.values():
        prop, notation, _ = rows[0].target()
        judged[rows[0].activity, prop, notation] = tuple(_file(r) for r in rows)
    return judged


#: Passage key -> its curated thematic-priority row and where it is ("file row N").
PriorityRows = dict[str, tuple[dict[str, str], str]]


def priority_rows(source_dir: Path) -> PriorityRows:
    """The rows of `activity_priorities*.csv` by passage key (a later file's row wins)."""
    rows: PriorityRows = {}
    for path in sorted((source_dir / "curated").glob("activity_priorities*.csv")):
        for number, row in enumerate(read_table(path), start=2):
            rows[row["activity"]] = (row, f"{path.name} row {number}")
    return rows


def priority_slugs(rows: PriorityRows) -> dict[str, str]:
    """The curated thematic priority (its slug) by passage key."""
    return {key: row["thematic_priority"] for key, (row, _) in rows.items()}


def curated_priorities(source_dir: Path) -> dict[str, str]:
    """The curated thematic priority (its slug) by passage key, from `activity_priorities*.csv`."""
    return priority_slugs(priority_rows(source_dir))


def rating(value: str, where: str) -> str:
    """A curated confidence as CONTRACT's high, medium or low."""
    value = _RATINGS.get(value.strip(), value.strip())
    if value not in CONFIDENCES:
        raise JustificationError(f"{where}: confidence must be high, medium or low, not {value!r}")
    return value


def heading_links(
    activities: Iterable[Activity], headings: dict[int, Resolution], source_dir: Path
) -> list[JustifiedLink]:
    """Initiatives curated for bare region headings: one link per activity under the heading."""
    path = source_dir / "curated" / "region_heading_initiatives.csv"
    rows = {(r["section"], r["heading"]): r for r in read_table(path)}
    links = []
    for activity in activities:
        heading = activity.passage.ri_heading
        resolution = headings.get(heading.line) if heading is not None else None
        if resolution is None or not resolution.curated:
            continue
        row = rows[activity.passage.section, resolution.heading.text]
        for code in sorted(activity.curated_initiatives - activity.initiatives):
            links.append(
                JustifiedLink(
                    activity.key, BAAP.regionalInitiative,
                    entity(f"regional-initiative/{code}"), code, "curation",
                    resolution.heading.text, resolution.heading.line,
                    rating(row["confidence"], f"{path.name} line {row['line']}"),
                    note=row["basis"], sources=(f"data/source/curated/{path.name}",),
                )
            )  # fmt: skip
    return links


def priority_links(
    activities: Iterable[Activity], rows: PriorityRows, notations: dict[str, str]
) -> list[JustifiedLink]:
    """Curated thematic priorities of passages outside sections 1-10 (`rows`: `priority_rows`;
    `notations`: slug -> the priority's notation)."""
    links = []
    for activity in activities:
        found = rows.get(activity.passage.key)
        if found is None or activity.priority:
            continue
        row, where = found
        slug = row["thematic_priority"]
        if slug not in notations:
            raise JustificationError(f"{where}: no thematic priority {slug!r}")
        if row["evidence"] not in activity.passage.text:
            raise JustificationError(
                f"{where}: evidence {row['evidence']!r} is not in passage {activity.passage.key}"
            )
        links.append(
            JustifiedLink(
                activity.key, BAAP.thematicPriority, entity(f"thematic-priority/{slug}"),
                notations[slug], "curation", row["evidence"], activity.passage.start,
                rating(row["confidence"], where), note=row["basis"],
                sources=(f"data/source/curated/{where.split(' ')[0]}",),
            )
        )  # fmt: skip
    return links


def known_objects(links: Iterable[JustifiedLink], described: set[URIRef]) -> None:
    """Fail naming the first link whose object the reference graph does not describe."""
    for link in links:
        if link.obj not in described:
            raise JustificationError(f"{link.iri}: {link.obj} is no reference entity")
