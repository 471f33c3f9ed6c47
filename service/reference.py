"""Reference vocabularies (graph `reference`) from the curated tables under `data/source/`.

Regions, regional initiatives, thematic priorities, strategic initiatives, study groups and their
Questions, WSIS action lines, SDG goals and targets, countries and organisations. Every value comes
from a table row that names its source and confidence; nothing is invented here.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from rdflib import OWL, RDF, RDFS, SKOS, Literal, URIRef
from rdflib.namespace import DCTERMS

from service.namespaces import BAAP, ID, SDG, SDG_SCHEME, SDGO
from service.rdfio import Triple


class ReferenceTableError(ValueError):
    """A curated reference table is missing, malformed, or contradicts another table."""


def read_table(path: Path) -> list[dict[str, str]]:
    """Rows of a UTF-8 CSV file, as dicts; fails with the file name when it cannot be read."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))
    except OSError as error:
        raise ReferenceTableError(f"cannot read reference table {path}: {error}") from error


def split_list(value: str, separator: str = "|") -> list[str]:
    """Split a ` | `-separated cell into its non-empty, stripped parts."""
    return [part.strip() for part in value.split(separator) if part.strip()]


@dataclass(frozen=True)
class ZhLabel:
    """A curated Chinese label for a reference entity, with its source."""

    label: str
    alternatives: tuple[str, ...]
    source: str
    confidence: str


def read_zh_labels(path: Path) -> dict[str, ZhLabel]:
    """Curated Chinese labels keyed by the IRI suffix after the id base (e.g. `question/1-1`)."""
    return {
        row["entity"]: ZhLabel(
            row["label_zh"], tuple(split_list(row["alt_zh"])), row["source"], row["confidence"]
        )
        for row in read_table(path)
    }


@dataclass(frozen=True)
class Correction:
    """A reference table's cell that its own source gets wrong, and what the official text is."""

    as_found: str
    corrected: str
    source: str
    note: str

    def editorial_note(self, table: str) -> str:
        return (f"{self.note} {table} (the copy of the shared reference) prints "
                f"{self.as_found!r}; the text here is from {self.source}.")  # fmt: skip


#: The cells a correction may name, (table, column): those the builder reads through
#: `ReferenceBuilder._cell`. A correction anywhere else would be read and never applied.
CORRECTABLE: Final = frozenset({("sdg_targets.csv", "text_en")})


def read_corrections(path: Path) -> dict[tuple[str, str, str], Correction]:
    """Curated corrections by (table, key, column); none when the file is absent."""
    if not path.exists():
        return {}
    corrections = {}
    for number, row in enumerate(read_table(path), start=2):
        if (row["table"], row["column"]) not in CORRECTABLE:
            cells = ", ".join(f"{t} {c}" for t, c in sorted(CORRECTABLE))
            raise ReferenceTableError(
                f"{path.name} row {number}: {row['table']} {row['column']} is not a cell the "
                f"build corrects (it corrects: {cells})"
            )
        corrections[row["table"], row["key"], row["column"]] = Correction(
            row["as_found"], row["corrected"], row["source"], row["note"]
        )
    return corrections


def entity(path: str) -> URIRef:
    """The IRI of a baap-kg resource from its path after the id base."""
    return URIRef(f"{ID}{path}")


def sdg_iri(code: str) -> URIRef:
    """The UN IRI of an SDG goal (`5`) or target (`5.b`)."""
    return URIRef(f"{SDG}{code}")


def wsis_notation(code: str) -> str:
    """CONTRACT's notation of a WSIS action line: `C7.e-health` -> `C7-e-health`."""
    return code.replace(".", "-")


def labels_by_class(
    reference: list[Triple], cls: URIRef, langs: set[str]
) -> list[tuple[URIRef, str]]:
    """(entity, label) for every rdfs:label and skos:altLabel in `langs` of members of `cls`."""
    members = {s for s, p, o in reference if p == RDF.type and o == cls}
    return [
        (s, str(o))
        for s, p, o in reference
        if s in members
        and p in (RDFS.label, SKOS.altLabel)
        and isinstance(o, Literal)
        and (o.language or "") in langs
    ]


def _code_order(code: str) -> list[str | int]:
    return [int(p) if p.isdigit() else p for p in code.split(".")]


def _en(text: str) -> Literal:
    return Literal(text, lang="en")


def _zh(text: str) -> Literal:
    return Literal(text, lang="zh")


def _labelled(node: URIRef, en: str, zh: str) -> Iterator[Triple]:
    yield node, RDFS.label, _en(en)
    yield node, RDFS.label, _zh(zh)
    yield node, SKOS.prefLabel, _en(en)
    yield node, SKOS.prefLabel, _zh(zh)


def _concept(node: URIRef, cls: URIRef, notation: str) -> Iterator[Triple]:
    yield node, RDF.type, cls
    yield node, RDF.type, SKOS.Concept
    yield node, SKOS.notation, Literal(notation)


def _alt_labels(node: URIRef, labels: list[str] | tuple[str, ...], lang: str) -> Iterator[Triple]:
    for label in labels:
        yield node, SKOS.altLabel, Literal(label, lang=lang)


def _sourced(node: URIRef, source: str, confidence: str) -> Iterator[Triple]:
    if source:
        yield node, DCTERMS.source, Literal(source)
    if confidence:
        yield node, BAAP.confidence, Literal(confidence)


class ReferenceBuilder:
    """Turns the tables of `data/source/reference` and `data/source/curated` into triples."""

    def __init__(self, source_dir: Path) -> None:
        self.tables = source_dir / "reference"
        self.curated = source_dir / "curated"
        self.zh = read_zh_labels(self.curated / "reference_labels_zh.csv")
        self.corrections = read_corrections(self.curated / "reference_corrections.csv")

    def _cell(self, table: str, key: str, row: dict[str, str], column: str) -> tuple[str, str]:
        """A cell's text and, when a curated correction replaces it, the note that says so.
        A correction whose `as_found` the table no longer prints stops the build: the shared
        reference has changed, and the correction must be checked against it."""
        value = row[column]
        correction = self.corrections.get((table, key, column))
        if correction is None:
            return value, ""
        if value != correction.as_found:
            raise ReferenceTableError(
                f"reference_corrections.csv: {table} {key} {column} now reads {value!r}, not "
                f"{correction.as_found!r}; check the correction against it"
            )
        return correction.corrected, correction.editorial_note(table)

    def _zh_for(self, path: str) -> ZhLabel:
        try:
            return self.zh[path]
        except KeyError:
            raise ReferenceTableError(
                f"no Chinese label for {path}: add a row to "
                f"{self.curated / 'reference_labels_zh.csv'}"
            ) from None

    def triples(self) -> Iterator[Triple]:
        """Every triple of graph `reference`."""
        yield from self.regions()
        yield from self.regional_initiatives()
        yield from self.thematic_priorities()
        yield from self.strategic_initiatives()
        yield from self.study_groups_and_questions()
        yield from self.wsis_action_lines()
        yield from self.sdg_goals_and_targets()
        yield from self.countries()
        yield from self.organizations()

    def regions(self) -> Iterator[Triple]:
        for row in read_table(self.tables / "regions.csv"):
            node = entity(f"region/{row['code']}")
            yield from _concept(node, BAAP.Region, row["code"])
            yield from _labelled(node, row["name_en"], row["name_zh_canonical"])
            variants = [
                v.split("(")[0].strip() for v in split_list(row["name_zh_variants_in_report"])
            ]
            yield from _alt_labels(node, variants, "zh")
            yield from _sourced(node, row["basis"], "high")

    def regional_initiatives(self) -> Iterator[Triple]:
        for row in read_table(self.tables / "regional_initiatives.csv"):
            code = row["code"]
            node = entity(f"regional-initiative/{code}")
            zh = self._zh_for(f"regional-initiative/{code}")
            yield from _concept(node, BAAP.RegionalInitiative, code)
            yield from _labelled(node, row["title_en"], zh.label)
            yield from _alt_labels(node, zh.alternatives, "zh")
            for heading in sorted(set(split_list(row["report_headings_zh"], "||"))):
                yield node, SKOS.hiddenLabel, _zh(heading)
            yield node, BAAP.region, entity(f"region/{row['region_code']}")
            yield from _sourced(node, row["title_en_source"], row["title_en_confidence"])

    def thematic_priorities(self) -> Iterator[Triple]:
        for row in read_table(self.tables / "thematic_priorities.csv"):
            node = entity(f"thematic-priority/{row['slug']}")
            zh = self._zh_for(f"thematic-priority/{row['slug']}")
            yield from _concept(node, BAAP.ThematicPriority, row["number"])
            yield from _labelled(node, row["title_en"], zh.label)
            yield node, SKOS.definition, _en(row["subtitle_en"])
            heading = row["title_zh_report_heading"]
            if "truncated" not in heading:
                yield node, SKOS.hiddenLabel, _zh(heading)
            yield from _sourced(node, zh.source, row["title_en_confidence"])

    def strategic_initiatives(self) -> Iterator[Triple]:
        for row in read_table(self.tables / "strategic_initiatives.csv"):
            node = entity(f"strategic-initiative/{row['slug']}")
            zh = self._zh_for(f"strategic-initiative/{row['slug']}")
            yield from _concept(node, BAAP.StrategicInitiative, row["slug"])
            yield from _labelled(node, row["name_en"], zh.label)
            yield from _alt_labels(node, zh.alternatives, "zh")
            yield node, SKOS.scopeNote, _en(row["facts_from_report"])
            yield from _sourced(node, row["name_confidence"], "official")

    def study_groups_and_questions(self) -> Iterator[Triple]:
        groups: dict[str, str] = {}
        for row in read_table(self.tables / "study_group_questions.csv"):
            if not row["question"].startswith("Q"):
                continue  # Resolution 9 is listed for reference; it is not a Question
            number, group = row["question"][1:].split("/")
            groups[group] = row["study_group_name"]
            node = entity(f"question/{number}-{group}")
            zh = self._zh_for(f"question/{number}-{group}")
            yield from _concept(node, BAAP.Question, row["question"])
            yield from _labelled(node, f"Question {number}/{group}: {row['title_en']}", zh.label)
            yield node, BAAP.studyGroup, entity(f"study-group/{group}")
            yield from _sourced(node, row["title_en_source"], zh.confidence)
        for group, name in sorted(groups.items()):
            node = entity(f"study-group/{group}")
            zh = self._zh_for(f"study-group/{group}")
            yield node, RDF.type, BAAP.StudyGroup
            yield node, SKOS.notation, Literal(f"SG{group}")
            yield from _labelled(node, name, zh.label)
            yield from _alt_labels(node, zh.alternatives, "zh")

    def wsis_action_lines(self) -> Iterator[Triple]:
        for row in read_table(self.tables / "wsis_action_lines.csv"):
            code = wsis_notation(row["code"])
            node = entity(f"wsis-action-line/{code}")
            zh = self._zh_for(f"wsis-action-line/{code}")
            yield from _concept(node, BAAP.WSISActionLine, code)
            display = code.split("-")[0]
            yield from _labelled(node, f"{display} {row['title_en']}", f"{display} {zh.label}")
            if row["parent"]:
                yield node, SKOS.broader, entity(f"wsis-action-line/{row['parent']}")
            yield from _sourced(node, row["title_source"], "official")

    def sdg_goals_and_targets(self) -> Iterator[Triple]:
        scheme = URIRef(SDG_SCHEME)
        yield scheme, RDF.type, SKOS.ConceptScheme
        yield from _labelled(scheme, "Sustainable Development Goals", "可持续发展目标")
        chinese = self._sdg_chinese()
        for row in read_table(self.tables / "sdg_goals.csv"):
            node = sdg_iri(row["goal"])
            title_zh, short_zh = chinese[row["goal"]]
            yield from _concept(node, SDGO.Goal, row["goal"])
            yield entity(f"sdg/{row['goal']}"), OWL.sameAs, node
            yield from _labelled(
                node, f"Goal {row['goal']}: {row['title_en']}", f"目标{row['goal']}：{title_zh}"
            )
            yield node, SKOS.altLabel, _en(row["short_name_en"])
            yield node, SKOS.altLabel, _zh(short_zh)
            yield node, SKOS.inScheme, scheme
            yield node, SKOS.topConceptOf, scheme
            for match in (row["wikidata"], row["sdgio_exact_match"]):
                if match:
                    yield node, SKOS.exactMatch, URIRef(match)
        for row in read_table(self.tables / "sdg_targets.csv"):
            node = sdg_iri(row["target"])
            goal = sdg_iri(row["goal"])
            yield from _concept(node, SDGO.Target, row["target"])
            yield entity(f"sdg/{row['target']}"), OWL.sameAs, node
            text_en, corrected = self._cell("sdg_targets.csv", row["target"], row, "text_en")
            if corrected:
                yield node, SKOS.editorialNote, _en(corrected)
            yield node, RDFS.label, _en(f"Target {row['target']}: {text_en}")
            title_zh = chinese[row["target"]][0]
            yield node, RDFS.label, _zh(f"具体目标{row['target']}：{title_zh}")
            yield node, SKOS.prefLabel, _en(f"Target {row['target']}")
            yield node, SKOS.prefLabel, _zh(f"具体目标{row['target']}")
            yield node, SKOS.definition, _en(text_en)
            yield node, SKOS.definition, _zh(title_zh)
            yield node, SKOS.broader, goal
            yield node, SDGO.isTargetOf, goal
            yield goal, SDGO.hasTarget, node
            yield node, SKOS.inScheme, scheme
            if row["exact_match"]:
                yield node, SKOS.exactMatch, URIRef(row["exact_match"])

    def _sdg_chinese(self) -> dict[str, tuple[str, str]]:
        """(official Chinese title, short name) of every SDG goal and target, by code. The table
        (`sdg_zh.csv`) prints ASCII commas where UN print has full-width ones; kept as found."""
        table = read_table(self.tables / "sdg_zh.csv")
        rows = {r["code"]: (r["title_zh"], r["short_zh"]) for r in table}
        goals = {r["goal"] for r in read_table(self.tables / "sdg_goals.csv")}
        targets = {r["target"] for r in read_table(self.tables / "sdg_targets.csv")}
        missing = sorted((goals | targets) - set(rows), key=_code_order)
        if missing:
            raise ReferenceTableError(
                f"sdg_zh.csv has no Chinese title for {', '.join(missing)}: add the rows"
            )
        return rows

    def countries(self) -> Iterator[Triple]:
        for iso3, rows in sorted(self._country_rows().items()):
            node = entity(f"country/{iso3}")
            first = rows[0]
            yield from _concept(node, BAAP.Country, iso3)
            yield from _labelled(node, first["name_en"], first["canonical_zh_un"])
            variants = {r["name_zh_as_written"] for r in rows} - {first["canonical_zh_un"]}
            yield from _alt_labels(node, sorted(v for v in variants if not v.isascii()), "zh")
            yield from _alt_labels(node, sorted(v for v in variants if v.isascii()), "en")
            yield from _sourced(node, "ISO 3166-1; UN Chinese short names", "official")

    def _country_rows(self) -> dict[str, list[dict[str, str]]]:
        """Rows of countries.csv by ISO3, canonical row first; traps and ambiguous rows skipped."""
        by_iso: dict[str, list[dict[str, str]]] = {}
        for row in read_table(self.tables / "countries.csv"):
            iso3 = row["iso3"]
            if len(iso3) != 3 or not iso3.isalpha():
                continue  # '(none)' traps and the ambiguous 'DMA|DOM' row: see gazetteer
            by_iso.setdefault(iso3, []).append(row)
        for rows in by_iso.values():
            rows.sort(
                key=lambda r: (
                    not r["variant_type"].startswith("canonical"),
                    r["name_zh_as_written"],
                )
            )
        return by_iso

    def organizations(self) -> Iterator[Triple]:
        for row in read_table(self.curated / "organizations.csv"):
            node = entity(f"organization/{row['slug']}")
            yield node, RDF.type, BAAP.Organization
            yield from _labelled(node, row["name_en"], row["name_zh"])
            yield from _alt_labels(node, split_list(row["alt_zh"]), "zh")
            yield from _alt_labels(node, split_list(row["acronyms"]), "en")
            yield node, BAAP.organizationKind, Literal(row["kind"])
            yield from _sourced(node, "report text; curated gazetteer", row["name_en_confidence"])
