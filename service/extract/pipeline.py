"""Graphs `report`, `curation`, `mapping` and `derived`, built from the report and curated files."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, RDFS, SKOS, Literal, URIRef

from service.extract.activities import Activity, Context, build_activity, split_by_country_year
from service.extract.curated_links import (
    CuratedPasses,
    heading_links,
    judged_by_one,
    known_objects,
    pass_links,
    priority_links,
    priority_rows,
    priority_slugs,
)
from service.extract.defects import SourceIssue, curated_issues, merge_issues, rule_issues
from service.extract.gazetteer import (
    country_gazetteer,
    organization_gazetteer,
    read_gazetteer_overrides,
)
from service.extract.inferred import corroborated, justified, no_links
from service.extract.initiatives import (
    Resolution,
    read_region_heading_table,
    resolve_heading,
    titles_by_initiative,
)
from service.extract.justifications import JustifiedLink, justified_graph
from service.extract.mapping import Mapped, mapped_links, mapping_rows, mapping_triples
from service.extract.rdf import (
    activity_iri,
    curated_activity_triples,
    issue_triples,
    passage_triples,
    source_document,
    stated_triples,
)
from service.extract.referents import REFERENTS_FILE, read_referents, resolve_referents
from service.extract.source import read_report
from service.extract.splits import (
    SPLITS_FILE,
    PassageSplit,
    locate_splits,
    read_splits,
    split_by_curation,
)
from service.extract.structure import Passage, read_overrides, split_passages
from service.extract.text_defects import read_name_variants, text_issues
from service.namespaces import BAAP
from service.rdfio import Triple
from service.reference import read_table
from service.suggest.links import InferredLink


def _priorities_by_section(reference: list[Triple]) -> dict[str, str]:
    """Thematic-priority slug by report section (its notation), from the reference graph."""
    priorities = {s for s, p, o in reference if p == RDF.type and o == BAAP.ThematicPriority}
    return {
        str(o): str(s).rsplit("/", 1)[-1]
        for s, p, o in reference
        if s in priorities and p == SKOS.notation
    }


def _english_labels(reference: list[Triple]) -> dict[URIRef, str]:
    """The English rdfs:label of every reference entity."""
    return {
        s: str(o)
        for s, p, o in reference
        if p == RDFS.label and isinstance(s, URIRef) and isinstance(o, Literal)
        and o.language == "en"
    }  # fmt: skip


def _titles(source_dir: Path, splits: dict[str, PassageSplit]) -> dict[str, str]:
    """English titles by activity key: the titles files, then the parts of curated splits."""
    titles: dict[str, str] = {}
    for path in sorted((source_dir / "curated" / "titles").glob("*.csv")):
        titles.update({row["activity"]: row["title_en"] for row in read_table(path)})
    for split in splits.values():
        titles.update(split.titles())
    return titles


def _title_for(activity: Activity, titles: dict[str, str], names: dict[URIRef, str]) -> str | None:
    """The curated title; a split part gets its passage's title with its country and year."""
    if activity.key in titles:
        return titles[activity.key]
    parent = titles.get(activity.parent_key or activity.passage.key)
    if parent is None and activity.rest_of_list:  # what a curated split leaves outside its parts
        passage = activity.passage
        return (
            f"Other items reported in passage {passage.key} (lines {passage.start}-{passage.end})"
        )
    if parent is not None and activity.rest_of_list:
        return f"{parent} — other items of the passage"
    if parent is None or activity.part_of_list is None:
        return None
    surface, year = activity.part_of_list
    country = next(iter(activity.countries))
    return f"{parent} — {names.get(country, surface)} ({year})"


def _read_splits(source_dir: Path) -> dict[str, PassageSplit]:
    return read_splits(source_dir / "curated" / SPLITS_FILE)


def extract_activities(
    source_dir: Path, reference: list[Triple], splits: dict[str, PassageSplit] | None = None
) -> tuple[list[Passage], list[Activity], dict[int, Resolution]]:
    """Passages, their activities, and the resolved regional-initiative headings."""
    passages, context = extraction_context(source_dir, reference)
    splits = _read_splits(source_dir) if splits is None else splits
    curated = splits
    splits = locate_splits(splits, passages, source_dir / "curated" / SPLITS_FILE)
    # passages whose keys moved (a paragraph was inserted before them): old key -> new key
    moved = {
        old.passage_key: key
        for key, new in splits.items()
        for old in curated.values()
        if old.parts == new.parts and old.passage_key != key
    }
    activities: list[Activity] = []
    for passage in passages:
        split = splits.get(passage.key)
        # a passage in the curated file is split only by it
        parts = (
            [build_activity(passage, context)]
            if split is None
            else split_by_curation(passage, split, context)
        )
        for part in parts:
            activities.extend(split_by_country_year(part, context))
    referents = source_dir / "curated" / REFERENTS_FILE
    resolve_referents(activities, read_referents(referents), referents, moved)
    return passages, activities, context.headings


def extraction_context(source_dir: Path, reference: list[Triple]) -> tuple[list[Passage], Context]:
    """The report's passages and what building their activities needs."""
    passages = split_passages(
        read_report(source_dir), read_overrides(source_dir / "curated" / "structure_overrides.csv")
    )
    titles = titles_by_initiative(reference)
    curated = read_region_heading_table(source_dir / "curated" / "region_heading_initiatives.csv")
    # each heading is resolved once, however many bullets sit under it
    unique_headings = {(p.ri_heading, p.section) for p in passages if p.ri_heading is not None}
    headings = {
        heading.line: resolve_heading(heading, section, titles, curated)
        for heading, section in unique_headings
    }
    context = Context(
        priorities=_priorities_by_section(reference),
        countries=country_gazetteer(reference),
        organizations=organization_gazetteer(reference),
        overrides=read_gazetteer_overrides(source_dir / "curated" / "gazetteer_overrides.csv"),
        headings=headings,
    )
    return passages, context


def _retarget(issues: list[SourceIssue], activities: list[Activity]) -> None:
    """An issue that affects a split passage's activity affects each of its parts."""
    keys = {a.key for a in activities}
    parts: dict[str, list[str]] = {}
    for activity in activities:
        parts.setdefault(activity.passage.key, []).append(activity.key)
    for issue in issues:
        affects: list[str] = []
        for path in issue.affects:
            key = path.removeprefix("activity/")
            if path.startswith("activity/") and key not in keys and key in parts:
                affects.extend(f"activity/{k}" for k in parts[key])
            else:
                affects.append(path)
        issue.affects = affects


def _priority_notations(reference: list[Triple]) -> dict[str, str]:
    """Thematic-priority notation by slug."""
    return {slug: notation for notation, slug in _priorities_by_section(reference).items()}


def _described(reference: list[Triple]) -> set[URIRef]:
    return {s for s, p, _ in reference if p == RDF.type and isinstance(s, URIRef)}


#: Starts reading links from the extracted activities; what it returns, once called, gives the
#: method's links, each naming the method (so the reading may run while the others are built).
Inference = Callable[[list[Activity]], Callable[[], list[InferredLink]]]


@dataclass(frozen=True)
class ReportGraphs:
    """Graphs `report`, `curation`, `mapping` and `derived` by name, and graph `inferred`, which
    waits for the method's links when called (so the method may read while the others are
    written)."""

    graphs: dict[str, list[Triple]]
    inferred: Callable[[], list[Triple]]


def build_report_graphs(
    source_dir: Path, reference: list[Triple], infer: Inference | None = None
) -> ReportGraphs:
    """The extracted graphs; `infer` reads graph `inferred`'s links from the extracted activities
    (none given: graph `inferred` is empty)."""
    splits = _read_splits(source_dir)  # read once: it gives both the parts and their titles
    passages, activities, headings = extract_activities(source_dir, reference, splits)
    pending = infer(activities) if infer is not None else no_links
    titles = _titles(source_dir, splits)
    names = _english_labels(reference)
    report: list[Triple] = list(source_document())
    curation: list[Triple] = []
    for passage in passages:
        report.extend(passage_triples(passage))
    for activity in activities:
        report.extend(stated_triples(activity))
        curation.extend(curated_activity_triples(activity, _title_for(activity, titles, names)))
    lines = read_report(source_dir)
    variants = read_name_variants(source_dir / "reference" / "countries.csv")
    found = rule_issues(passages, headings) + text_issues(
        lines, passages, country_gazetteer(reference), variants
    )
    issues = merge_issues(found, curated_issues(source_dir / "curated" / "source_issues.csv"))
    _retarget(issues, activities)
    for issue in issues:
        report.extend(issue_triples(issue))
    mapping = list(mapping_triples(mapping_rows(source_dir)))
    stated = set(report)
    by_key = {a.key: a for a in activities}
    structural: list[JustifiedLink] = heading_links(activities, headings, source_dir)
    priorities = priority_rows(source_dir)
    structural += priority_links(activities, priorities, _priority_notations(reference))
    passes = CuratedPasses.read(source_dir / "curated")
    mapped = mapped_links(activities, priority_slugs(priorities), mapping)
    targets = pass_links(passes, by_key, mapped)
    described = _described(reference)
    known_objects(structural + targets, described)
    initiatives_and_priorities = justified_graph(structural, stated)
    curation += initiatives_and_priorities + justified_graph(targets, stated)

    judged = judged_by_one(passes)

    def inferred() -> list[Triple]:
        methods = corroborated(justified(pending(), by_key), judged)
        known_objects(methods, described)
        # a link the report or a curator states keeps that basis: one justification per link
        return justified_graph(methods, stated | set(curation))

    graphs = {
        "report": report,
        "curation": curation,
        "mapping": mapping,
        # the priority mapping's links, as before the curated SDG / WSIS links existed
        "derived": derived_links(mapped, stated),
    }
    return ReportGraphs(graphs, inferred)


def derived_links(mapped: Mapped, stated: set[Triple]) -> list[Triple]:
    """Activity -> SDG / WSIS links its priority's or initiatives' curated mapping implies
    (`mapped`), those the report does not state itself."""
    derived = ((activity_iri(key), prop, target) for key, prop, target in sorted(mapped))
    return [link for link in derived if link not in stated]
