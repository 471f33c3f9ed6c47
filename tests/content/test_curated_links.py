"""Graph `curation`: the curated per-activity links, each justified, by the rule of issue 17, read
back from the store and compared with the curated files read here on their own."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from service.config import Settings
from service.store import KnowledgeStore

GRAPH = "https://w3id.org/baap/graph/"
PREFIXES = """PREFIX baap: <https://w3id.org/baap/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
ACTIVITY = "https://w3id.org/baap/id/activity/"


def _pass(path: Path) -> dict[tuple[str, str, str], str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {
            (r["activity"], r["kind"], r["code"].replace(".", "-") if r["kind"] == "wsis"
             else r["code"]): r["confidence"]
            for r in csv.DictReader(handle) if r["code"] != "none"
        }  # fmt: skip


PASSES = ("pass1", "pass2", "review", "open1", "open2", "open3", "dense1", "dense2")
INDEPENDENT = {"open1", "open2", "open3", "dense1", "dense2"}  # annotators without the codebook


def expected_links(
    curated: Path, mapped: set[tuple[str, str, str]]
) -> dict[tuple[str, str, str], str]:
    """(activity, kind, notation) -> confidence: links that three of the eight passes give, one
    of them without the codebook, or that one pass gives and the priority mapping (`mapped`)
    names for the activity too; high when two or more give it and the surest said high."""
    passes = {n: _pass(curated / f"sdg_wsis_{n}.csv") for n in PASSES}
    links = {}
    for key in set().union(*passes.values()):
        givers = [n for n in PASSES if key in passes[n]]
        if (len(givers) >= 3 and INDEPENDENT & set(givers)) or key in mapped:
            high = len(givers) >= 2 and any(passes[n][key] == "high" for n in givers)
            links[key] = "high" if high else "medium"
    return links


def graph_links(store: KnowledgeStore, graph: str) -> dict[tuple[str, str, str], str]:
    """(activity, kind, notation) -> confidence of the SDG / WSIS links in `graph`."""
    rows = store.select(PREFIXES + f"""
        SELECT ?a ?p ?n ?c WHERE {{ GRAPH <{GRAPH}{graph}> {{
          ?a ?p ?o . FILTER(?p IN (baap:contributesTo, baap:supportsActionLine))
          OPTIONAL {{ ?j baap:justifiesSubject ?a ; baap:justifiesProperty ?p ;
                        baap:justifiesObject ?o ; baap:confidence ?c }} }}
          ?o skos:notation ?n }}""")
    return {
        (r["a"].removeprefix(ACTIVITY), "sdg" if r["p"].endswith("contributesTo") else "wsis",
         r["n"]): r.get("c", "")
        for r in rows
    }  # fmt: skip


@pytest.fixture(scope="module")
def curated(store: KnowledgeStore) -> dict[tuple[str, str, str], str]:
    return graph_links(store, "curation")


def test_curation_holds_the_rule_minus_what_the_report_states(
    store: KnowledgeStore, settings: Settings, curated: dict[tuple[str, str, str], str]
) -> None:
    stated = set(graph_links(store, "report"))
    # what the mapping gives an activity: graph `derived`, and the report's links it repeats
    mapped = set(graph_links(store, "derived")) | stated
    expected = expected_links(settings.source_dir / "curated", mapped)
    assert len(expected) == 3448
    assert curated == {k: v for k, v in expected.items() if k not in stated}
    assert {k for k in expected if k in stated} == {
        ("6-gen-26", "wsis", "C7-e-environment"),
        ("LDC-gen-29-s2", "sdg", "9.c"),
    }


def test_counts_of_curated_links(curated: dict[tuple[str, str, str], str]) -> None:
    by_kind = Counter(kind for _, kind, _ in curated)
    activities = {kind: len({a for a, k, _ in curated if k == kind}) for kind in ("sdg", "wsis")}
    assert by_kind == {"sdg": 1801, "wsis": 1645}
    assert activities == {"sdg": 902, "wsis": 916}
    assert Counter(curated.values()) == {"high": 1611, "medium": 1835}


def test_every_curated_link_quotes_its_activity_at_its_line(store: KnowledgeStore) -> None:
    rows = store.select(PREFIXES + f"""
        SELECT ?j ?evidence ?line ?start ?text ?basis WHERE {{
          GRAPH <{GRAPH}curation> {{ ?j a baap:LinkJustification ; baap:justifiesSubject ?a ;
                                       baap:evidence ?evidence ; baap:startLine ?line ;
                                       baap:basis ?basis }}
          ?a prov:wasDerivedFrom ?p . ?p baap:startLine ?start ; baap:text ?text }}""")
    assert len(rows) == 3446 + 66 + 74  # SDG and WSIS, bare-heading initiatives, priorities
    assert {r["basis"] for r in rows} == {"curation"}
    for row in rows:
        if "--regionalInitiative--" in row["j"]:
            continue  # quotes the heading above the passage (next test)
        assert row["evidence"] in row["text"], row["j"]
        assert row["line"] == row["start"], row["j"]


def test_bare_heading_initiatives_are_curation_with_their_confidence(
    store: KnowledgeStore, settings: Settings
) -> None:
    rows = store.select(PREFIXES + f"""
        SELECT ?a ?ri ?line ?evidence ?confidence WHERE {{
          GRAPH <{GRAPH}curation> {{ ?a baap:regionalInitiative ?ri .
            ?j baap:justifiesSubject ?a ; baap:justifiesObject ?ri ; baap:startLine ?line ;
               baap:evidence ?evidence ; baap:confidence ?confidence }} }}""")
    with (settings.source_dir / "curated" / "region_heading_initiatives.csv").open(
        encoding="utf-8"
    ) as handle:
        table = {r["line"]: r for r in csv.DictReader(handle)}
    assert len(rows) == 66
    for row in rows:
        curated = table[row["line"]]
        assert row["evidence"] == curated["heading"]
        assert row["ri"].rsplit("/", 1)[-1] in curated["initiatives"].split("|")
        assert row["confidence"] == {"medium-high": "medium"}.get(
            curated["confidence"], curated["confidence"]
        )
    # low-confidence guesses are never stated by the report, and their region is (the heading)
    report_ri = store.select(PREFIXES + f"""
        SELECT ?a ?ri WHERE {{ GRAPH <{GRAPH}report> {{ ?a baap:regionalInitiative ?ri }} }}""")
    assert not {(r["a"], r["ri"]) for r in report_ri} & {(r["a"], r["ri"]) for r in rows}
    unstated_regions = store.select(PREFIXES + f"""
        SELECT ?a WHERE {{ GRAPH <{GRAPH}curation> {{ ?a baap:regionalInitiative ?ri }}
          ?ri baap:region ?region .
          FILTER NOT EXISTS {{ GRAPH <{GRAPH}report> {{ ?a baap:region ?region }} }} }}""")
    assert unstated_regions == []


def test_no_low_confidence_link_is_in_graph_report(store: KnowledgeStore) -> None:
    rows = store.select(PREFIXES + f"""
        SELECT ?j WHERE {{ ?j baap:confidence "low" ; baap:justifiesSubject ?a ;
                             baap:justifiesProperty ?p ; baap:justifiesObject ?o .
          GRAPH <{GRAPH}report> {{ ?a ?p ?o }} }}""")
    assert rows == []
