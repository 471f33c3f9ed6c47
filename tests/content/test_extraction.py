"""The extracted activities: golden passages, gazetteer traps, coverage and stable ids."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from service.config import PROJECT_ROOT, Settings
from service.extract.pipeline import extract_activities
from service.extract.source import REPORT_FILE
from service.reference import ReferenceBuilder
from service.store import KnowledgeStore

PREFIXES = """
PREFIX baap: <https://w3id.org/baap/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX id: <https://w3id.org/baap/id/>
"""
ID = "https://w3id.org/baap/id/"
GRAPH = "https://w3id.org/baap/graph/"


def rows(store: KnowledgeStore, query: str) -> list[dict[str, str]]:
    return list(store.select(PREFIXES + query))


def objects(store: KnowledgeStore, activity: str, prop: str) -> set[str]:
    found = rows(store, f"SELECT ?o WHERE {{ <{ID}activity/{activity}> {prop} ?o }}")
    return {r["o"].removeprefix(ID) for r in found}


def activities_on_line(store: KnowledgeStore, line: int) -> set[str]:
    found = rows(
        store,
        f"""SELECT ?a WHERE {{ ?a prov:wasDerivedFrom ?p .
        ?p baap:startLine ?s ; baap:endLine ?e . FILTER(?s <= {line} && {line} <= ?e) }}""",
    )
    return {r["a"].removeprefix(f"{ID}activity/") for r in found}


# ------------------------------------------------------------------ golden passages


def test_mangled_code_r13_heading_links_afr3(store: KnowledgeStore) -> None:
    for line in range(156, 162):
        for activity in activities_on_line(store, line):
            assert "regional-initiative/AFR3" in objects(store, activity, "baap:regionalInitiative")
            assert "region/AFR" in objects(store, activity, "baap:region")


def test_country_year_list_becomes_one_activity_per_country(store: KnowledgeStore) -> None:
    parts = activities_on_line(store, 156)  # 科特迪瓦（2018年）、乌干达（2019年）...
    by_country = {
        frozenset(objects(store, a, "baap:country")): objects(store, a, "baap:year") for a in parts
    }
    assert by_country[frozenset({"country/CIV"})] == {"2018"}
    assert by_country[frozenset({"country/UGA"})] == {"2019"}


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        pytest.param(319, {"AFR2", "AFR4"}, id="combined-heading-links-both-initiatives"),
        pytest.param(163, {"ARB2"}, id="heading-without-number-resolved-by-title"),
        pytest.param(834, {"CIS3", "CIS4"}, id="number-and-title-disagree-links-both"),
    ],
)
def test_irregular_initiative_headings(
    store: KnowledgeStore, line: int, expected: set[str]
) -> None:
    (activity,) = activities_on_line(store, line)
    assert {f"regional-initiative/{code}" for code in expected} <= objects(
        store, activity, "baap:regionalInitiative"
    )


def test_question_attributed_to_wrong_group_is_linked_and_flagged(store: KnowledgeStore) -> None:
    # L782 is split (cost-modelling guidelines; regional economic dialogues): the Question is the
    # guidelines' part's
    linked = set()
    for activity in activities_on_line(store, 782):
        linked |= objects(store, activity, "baap:question")
    assert "question/4-1" in linked
    issues = rows(
        store,
        """SELECT ?i WHERE { ?i a baap:SourceIssue ;
        baap:issueType "question-study-group-mismatch" ; baap:startLine 782 }""",
    )
    assert len(issues) == 1


def test_impossible_year_is_kept_as_printed_and_flagged(store: KnowledgeStore) -> None:
    (activity,) = activities_on_line(store, 367)
    assert "2091" in objects(store, activity, "baap:year")
    assert rows(store, "SELECT ?i WHERE { ?i a baap:SourceIssue ; baap:startLine 367 }")


def test_spectrum_table_row_keeps_its_count_line(store: KnowledgeStore) -> None:
    found = rows(
        store,
        f"""SELECT ?s ?e WHERE {{ <{ID}activity/8-tab-1> prov:wasDerivedFrom ?p .
        ?p baap:startLine ?s ; baap:endLine ?e }}""",
    )
    assert found == [{"s": "637", "e": "638"}]


def test_spectrum_table_counts_are_figures_that_add_up_to_the_printed_total(
    store: KnowledgeStore,
) -> None:
    found = rows(
        store,
        f"""SELECT ?v WHERE {{ <{ID}activity/8-tab-1> baap:metric ?m .
        ?m baap:unit "activities" ; baap:value ?v }}""",
    )
    assert found == [{"v": "26"}]
    total = rows(
        store,
        """SELECT (SUM(?v) AS ?t) WHERE { ?a baap:metric ?m .
        ?m baap:unit "activities" ; baap:value ?v }""",
    )
    assert total == [{"t": "160"}]  # the table's 合计 (line 680)


def test_wsis_line_named_in_text_is_stated(store: KnowledgeStore) -> None:
    (activity,) = activities_on_line(store, 515)
    assert "wsis-action-line/C7-e-environment" in objects(
        store, activity, "baap:supportsActionLine"
    )


def test_connect_2030_goal_is_not_an_sdg(store: KnowledgeStore) -> None:
    (activity,) = activities_on_line(store, 898)  # 《连通2030议程》目标4
    stated = rows(
        store,
        f"""SELECT ?o WHERE {{ GRAPH <{GRAPH}report> {{
        <{ID}activity/{activity}> baap:contributesTo ?o }} }}""",
    )
    assert stated == []


# ------------------------------------------------------------------ gazetteer traps


@pytest.mark.parametrize(
    ("line", "absent", "present"),
    [
        (184, "country/MLI", None),  # 马里 = the project Malee
        (907, "country/CHN", None),  # 中国 inside 发展中国家
        (568, "country/ZAF", None),  # 南非 inside 撒哈拉以南非洲
        (811, "country/DMA", "country/DOM"),  # 多米尼加电信研究院 = INDOTEL
        (522, "country/DOM", "country/DMA"),  # hurricane relief in Dominica
        (79, None, "country/CHN"),  # 中国工业和信息化部 names China
    ],
)
def test_gazetteer_traps(
    store: KnowledgeStore, line: int, absent: str | None, present: str | None
) -> None:
    countries: set[str] = set()
    for activity in activities_on_line(store, line):
        countries |= objects(store, activity, "baap:country")
    if absent:
        assert absent not in countries
    if present:
        assert present in countries


# ------------------------------------------------------------------ coverage


def test_every_bullet_under_a_regional_initiative_heading_has_an_initiative(
    store: KnowledgeStore,
) -> None:
    missing = rows(
        store,
        """SELECT ?a WHERE { ?a prov:wasDerivedFrom ?p .
        ?p baap:subsection "regional-initiatives" .
        FILTER NOT EXISTS { ?a baap:regionalInitiative ?ri } }""",
    )
    assert missing == []


def test_every_activity_is_complete(store: KnowledgeStore) -> None:
    incomplete = rows(
        store,
        """SELECT ?a WHERE { ?a a baap:Activity .
        FILTER (NOT EXISTS { ?a rdfs:label ?en FILTER(lang(?en) = "en") }
            || NOT EXISTS { ?a rdfs:label ?zh FILTER(lang(?zh) = "zh") }
            || NOT EXISTS { ?a prov:wasDerivedFrom ?p }
            || NOT EXISTS { ?a baap:thematicPriority|baap:strategicInitiative ?t }
            || NOT EXISTS { ?a baap:contributesTo ?sdg }
            || NOT EXISTS { ?a baap:supportsActionLine ?wsis }) }""",
    )
    assert incomplete == []


def test_every_question_printed_is_linked_from_its_line(
    store: KnowledgeStore, settings: Settings
) -> None:
    text = (settings.source_dir / REPORT_FILE).read_text(encoding="utf-8").split("\n")
    for number, line in enumerate(text, start=1):
        for n, g in re.findall(r"第([1-7])/([12])号课题", line):
            linked = set()
            for activity in activities_on_line(store, number):
                linked |= objects(store, activity, "baap:question")
            assert f"question/{n}-{g}" in linked, (number, n, g)


def test_every_regional_initiative_and_priority_has_an_activity(store: KnowledgeStore) -> None:
    for cls, prop in (
        ("RegionalInitiative", "regionalInitiative"),
        ("ThematicPriority", "thematicPriority"),
    ):
        empty = rows(
            store,
            f"""SELECT ?x WHERE {{ ?x a baap:{cls} .
            FILTER NOT EXISTS {{ ?a baap:{prop} ?x }} }}""",
        )
        assert empty == [], cls


# ------------------------------------------------------------------ stable ids


def test_ids_survive_an_unrelated_paragraph_inserted_elsewhere(
    tmp_path: Path, settings: Settings
) -> None:
    reference = list(ReferenceBuilder(settings.source_dir).triples())
    _, before, _ = extract_activities(settings.source_dir, reference)
    copy = tmp_path / "source"
    shutil.copytree(settings.source_dir, copy)
    lines = (copy / REPORT_FILE).read_text(encoding="utf-8").split("\n")
    lines.insert(410, "国际电联在2020年为某国举办了一次新的讲习班。")  # inside section 5
    (copy / REPORT_FILE).write_text("\n".join(lines), encoding="utf-8")
    _, after, _ = extract_activities(copy, reference)
    after_text = {a.key: a.passage.text for a in after}
    for activity in before:
        if activity.passage.section != "5" or activity.passage.start < 410:
            assert after_text.get(activity.key) == activity.passage.text, activity.key


def test_report_source_is_a_byte_identical_copy(settings: Settings) -> None:
    shared = PROJECT_ROOT.parent / "shared" / "source" / REPORT_FILE
    if not shared.exists():
        pytest.skip("the shared source folder is not beside this checkout")
    assert (settings.source_dir / REPORT_FILE).read_bytes() == shared.read_bytes()
