"""Curated activity splits: golden parts, nothing lost, the CSV checked against the report.

Expected parts below were written by reading the source text (lines cited), not by copying what
the extraction returned.
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from service.config import Settings
from service.extract.activities import Activity, Context, build_activity
from service.extract.figures import figures_reported
from service.extract.pipeline import extract_activities, extraction_context
from service.extract.splits import (
    SPLITS_FILE,
    PassageSplit,
    Span,
    SplitError,
    SplitPart,
    check_splits,
    read_splits,
    split_by_curation,
)
from service.extract.structure import Passage
from service.reference import ReferenceBuilder
from service.store import KnowledgeStore

ID = "https://w3id.org/baap/id/"
Extraction = tuple[list[Passage], list[Activity], Context]


@pytest.fixture(scope="module")
def extraction(settings: Settings) -> Extraction:
    reference = list(ReferenceBuilder(settings.source_dir).triples())
    passages, activities, _ = extract_activities(settings.source_dir, reference)
    _, context = extraction_context(settings.source_dir, reference)
    return passages, activities, context


@pytest.fixture(scope="module")
def splits(settings: Settings) -> dict[str, PassageSplit]:
    return read_splits(settings.source_dir / "curated" / SPLITS_FILE)


def parts_on(extraction: Extraction, line: int) -> dict[str, Activity]:
    _, activities, _ = extraction
    return {a.key: a for a in activities if a.passage.start == line}


def iso(activity: Activity) -> set[str]:
    return {str(c).rsplit("/", 1)[-1] for c in activity.countries}


def figures(activity: Activity) -> set[tuple[Decimal, str]]:
    return {(f.value, f.unit) for f in activity.figures}


# ------------------------------------------------------------------ golden parts


def test_five_regional_drills_are_five_activities_one_country_each(extraction: Extraction) -> None:
    # L139: 在科特迪瓦（非洲）、塞浦路斯（欧洲）、阿塞拜疆（独联体）、科威特（阿拉伯国家）和阿根廷（美洲）
    # 组织了五次国际电联区域网络演练 — no year is printed
    parts = parts_on(extraction, 139)
    assert {k: iso(a) for k, a in parts.items()} == {
        "2-gen-22-s1": {"CIV"}, "2-gen-22-s2": {"CYP"}, "2-gen-22-s3": {"AZE"},
        "2-gen-22-s4": {"KWT"}, "2-gen-22-s5": {"ARG"},
    }  # fmt: skip
    assert all(not a.years for a in parts.values())


def test_2019_drills_each_carry_the_paragraph_year(extraction: Extraction) -> None:
    # L140: 2019年，马来西亚 (CIS/ASP) … 乌干达 (AFR) … 阿曼 with ARCC … 罗马尼亚 … G20 knowledge partner
    parts = parts_on(extraction, 140)
    assert {k: (frozenset(iso(a)), frozenset(a.years)) for k, a in parts.items()} == {
        "2-gen-23-s1": (frozenset({"MYS"}), frozenset({"2019"})),
        "2-gen-23-s2": (frozenset({"UGA"}), frozenset({"2019"})),
        "2-gen-23-s3": (frozenset({"OMN"}), frozenset({"2019"})),
        "2-gen-23-s4": (frozenset({"ROU"}), frozenset({"2019"})),
        "2-gen-23-s5": (frozenset(), frozenset({"2019"})),
    }
    assert parts["2-gen-23-s1"].regions == {"ASP", "CIS"}
    assert parts["2-gen-23-s2"].regions == {"AFR"}


def test_coe_training_figures_belong_to_their_year(extraction: Extraction) -> None:
    # L58: 2019: 90多个课程, 2 100多名参与者; 2020: 约5 466人; 2021 (to Sept): 40门, 2 546人
    parts = parts_on(extraction, 58)
    assert set(parts) == {f"1-gen-3-s{n}" for n in range(1, 5)}
    # "在15个优先领域提供了培训" is a count the span states (read since issue 15)
    assert figures(parts["1-gen-3-s1"]) == {(Decimal(28), "institutions"), (Decimal(15), "areas")}
    assert figures(parts["1-gen-3-s2"]) == {(Decimal(2100), "people"), (Decimal(90), "courses")}
    assert parts["1-gen-3-s2"].years == {"2019"}
    assert figures(parts["1-gen-3-s3"]) == {(Decimal(66), "courses"), (Decimal(5466), "people")}
    assert parts["1-gen-3-s3"].years == {"2020"}  # "比2019年增加了一倍多" is left out of its span
    assert figures(parts["1-gen-3-s4"]) == {(Decimal(40), "courses"), (Decimal(2546), "people")}
    assert parts["1-gen-3-s4"].years == {"2021"}


def test_africa_ri3_bullet_separates_forum_workshop_and_assessments(extraction: Extraction) -> None:
    # L157: capacity building 布基纳法索（2018年）、斯威士兰（2019年）; workshop in 突尼斯; COP forum in
    # 加纳 (2019年10月); CIRT readiness assessments 马拉维（2018年）… 几内亚比绍（2020年）
    parts = parts_on(extraction, 157)
    by_country = {frozenset(iso(a)): a for a in parts.values()}
    assert by_country[frozenset({"BFA"})].years == {"2018"}
    assert by_country[frozenset({"SWZ"})].years == {"2019"}
    assert by_country[frozenset({"TUN"})].years == set()
    assert by_country[frozenset({"GHA"})].years == {"2019"}
    assert by_country[frozenset({"GNB"})].years == {"2020"}
    assert by_country[frozenset({"GNB"})].key == "2-ri-2-s4-g"
    assert len(parts) == 11  # 2 capacity + workshop + forum + 7 assessments


def test_partnership_agreements_are_counted_per_year(extraction: Extraction) -> None:
    # L962: 2021: 46项, 1 160万美元; 2020: 43项, 1 520万美元; 2019: 30项, 1 520万美元
    parts = parts_on(extraction, 962)
    by_year = {next(iter(a.years)): figures(a) for a in parts.values()}
    assert by_year == {
        "2021": {(Decimal(46), "agreements"), (Decimal(11_600_000), "USD")},
        "2020": {(Decimal(43), "agreements"), (Decimal(15_200_000), "USD")},
        "2019": {(Decimal(30), "agreements"), (Decimal(15_200_000), "USD")},
    }


def test_links_named_in_one_part_stay_on_that_part(extraction: Extraction) -> None:
    # L896: the May 2021 webinar is Connect2Recover's; the 9 July 2021 session is with Giga and
    # names 可持续发展目标4
    parts = parts_on(extraction, 896)
    assert parts["11-gen-12-s1"].sdgs == set()
    assert parts["11-gen-12-s1"].strategic == {"connect2recover"}
    assert parts["11-gen-12-s2"].sdgs == {"4"}
    assert parts["11-gen-12-s2"].strategic == {"connect2recover", "giga"}
    # L78: each regional training keeps its own partners and region
    training = parts_on(extraction, 78)
    assert training["1-gen-15-s2"].regions == {"ARB"}
    assert {str(p).rsplit("/", 1)[-1] for p in training["1-gen-15-s2"].partners} == {"gsma"}
    assert iso(training["1-gen-15-s5"]) == {"KEN"}


def test_e_waste_trainings_get_their_own_country_and_year(extraction: Extraction) -> None:
    # L548: 2020 俄罗斯联邦 (CIS, 格鲁吉亚, 土库曼斯坦, 乌克兰); 2019 突尼斯 (ARB), 乌干达 (AFR);
    # 2018 national trainings in 坦桑尼亚, 约旦, 巴西
    parts = parts_on(extraction, 548)
    got = {frozenset(iso(a)): a.years for a in parts.values()}
    assert got == {
        frozenset({"RUS", "GEO", "TKM", "UKR"}): {"2020"},
        frozenset({"TUN"}): {"2019"},
        frozenset({"UGA"}): {"2019"},
        frozenset({"TZA"}): {"2018"},
        frozenset({"JOR"}): {"2018"},
        frozenset({"BRA"}): {"2018"},
    }


def test_heading_links_are_shared_by_every_part(extraction: Extraction) -> None:
    for activity in parts_on(extraction, 191).values():  # Europe RI4 bullet, 8 parts
        assert activity.initiatives == {"EUR4"}
        assert activity.priority == "cybersecurity"


def test_which_countries_held_a_cyber_drill_in_2019(store: KnowledgeStore) -> None:
    """The issue's example: drills dated 2019 in section 2 (L140, L156, L171, L199)."""
    found = store.select("""PREFIX baap: <https://w3id.org/baap/ontology#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
        SELECT DISTINCT ?c WHERE { ?a baap:year "2019"^^xsd:gYear ; baap:country/skos:notation ?c ;
          prov:wasDerivedFrom ?p . ?p baap:startLine ?s . FILTER(?s IN (139, 140, 156, 171, 199)) }""")
    assert {r["c"] for r in found} == {"MYS", "UGA", "OMN", "ROU"}


# ------------------------------------------------------------------ nothing lost


def test_parts_together_name_what_the_whole_passage_names(
    extraction: Extraction, splits: dict[str, PassageSplit]
) -> None:
    passages, activities, context = extraction
    assert splits, "no curated splits"
    by_passage: dict[str, list[Activity]] = {}
    for activity in activities:
        by_passage.setdefault(activity.passage.key, []).append(activity)
    for passage in passages:
        if passage.key not in splits:
            continue
        whole = build_activity(passage, context)
        parts = by_passage[passage.key]
        assert len(parts) >= 2, passage.key
        assert set().union(*(p.countries for p in parts)) == whole.countries, passage.key
        assert set().union(*(p.years for p in parts)) == whole.years, passage.key
        assert set().union(*(p.partners for p in parts)) >= whole.partners, passage.key
        part_figures = Counter((f.value, f.unit) for p in parts for f in p.figures)
        # every figure is counted once across the parts, except one the shared context gives to
        # each part ("在两届挑战赛中，均选出了四名获胜者", L376: two challenges, four winners each)
        each = Counter(
            (f.value, f.unit)
            for s in splits[passage.key].shared
            for f in figures_reported(s.text)
            if (marker := re.search("均|各|分别|每", s.text)) and f.start >= marker.start()
        )
        numbered = sum(1 for p in parts if not p.rest_of_list)
        expected = Counter((f.value, f.unit) for f in whole.figures) - each
        expected.update({k: v * numbered for k, v in each.items()})
        assert part_figures == expected, passage.key
        for part in parts:
            assert part.passage is passage


def test_curated_spans_cover_every_link_so_no_remainder_part_is_needed(
    extraction: Extraction,
) -> None:
    _, activities, _ = extraction
    assert [a.key for a in activities if a.key.endswith("-s0")] == []


def test_text_outside_the_spans_is_kept_on_a_remainder_part(extraction: Extraction) -> None:
    passages, _, context = extraction
    passage = next(p for p in passages if p.start == 140)
    split = PassageSplit(passage.key, (
        SplitPart(1, (Span(2, "在马来西亚进行了跨区域（独联体和亚太地区）网络安全演练"),), "Malaysia"),
        SplitPart(2, (Span(3, "在乌干达组织了非洲区域网络演练"),), "Uganda"),
    ))  # fmt: skip
    parts = {a.key: a for a in split_by_curation(passage, split, context)}
    assert set(parts) == {f"{passage.key}-s1", f"{passage.key}-s2", f"{passage.key}-s0"}
    rest = parts[f"{passage.key}-s0"]
    assert rest.rest_of_list
    assert iso(rest) == {"OMN", "ROU"} and rest.years == {"2019"}
    assert parts[f"{passage.key}-s1"].years == set()  # no shared span: the year is not its own


# ------------------------------------------------------------------ the CSV


def test_every_span_is_found_in_its_passage(
    extraction: Extraction, splits: dict[str, PassageSplit], settings: Settings
) -> None:
    passages, _, _ = extraction
    check_splits(splits, passages, settings.source_dir / "curated" / SPLITS_FILE)
    texts = {p.key: p.text for p in passages}
    for split in splits.values():
        for span in split.all_spans():
            assert span.text in texts[split.passage_key], (span.row, span.text)


def test_every_part_has_an_english_title_and_a_unique_key(splits: dict[str, PassageSplit]) -> None:
    keys = [k for s in splits.values() for k in s.titles()]
    assert len(keys) == len(set(keys))
    assert all(title for s in splits.values() for title in s.titles().values())


def _csv(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / SPLITS_FILE
    path.write_text("passage_key,part,zh_span,en_title,note\n" + "\n".join(rows) + "\n",
                    encoding="utf-8")  # fmt: skip
    return path


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        pytest.param(
            ("9-gen-999,1,某,A,", "9-gen-999,2,某,B,"),
            "row 2 (passage 9-gen-999): no passage has this key",
            id="unknown-passage",
        ),
        pytest.param(
            ("2-gen-22,1,科特迪瓦（非洲）,A,", "2-gen-22,2,不在文中,B,"),
            "row 3 (passage 2-gen-22): zh_span '不在文中' is not in the passage text",
            id="span-not-found",
        ),
    ],
)
def test_a_curated_row_that_does_not_fit_the_report_stops_the_build(
    tmp_path: Path, extraction: Extraction, rows: tuple[str, ...], message: str
) -> None:
    passages, _, _ = extraction
    path = _csv(tmp_path, *rows)
    with pytest.raises(SplitError) as error:
        check_splits(read_splits(path), passages, path)
    assert f"{SPLITS_FILE} {message}" in str(error.value)


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        pytest.param(
            ("2-gen-22,one,科特迪瓦,A,",),
            "row 2 (passage 2-gen-22, part one): part must",
            id="bad-part",
        ),
        pytest.param(
            ("2-gen-22,1,科特迪瓦,,", "2-gen-22,2,塞浦路斯,B,"),
            "row 2 (passage 2-gen-22, part 1): the part has no English title",
            id="no-title",
        ),
        pytest.param(("2-gen-22,1,科特迪瓦,A,",), "at least two", id="one-part"),
        pytest.param(
            ("2-gen-22,1,科特迪瓦,A,", "2-gen-22,3,塞浦路斯,B,"),
            "numbered 1, 2",
            id="gap-in-numbers",
        ),
        pytest.param(
            ("2-gen-22,1,,A,", "2-gen-22,2,塞浦路斯,B,"),
            "row 2 (passage 2-gen-22, part 1): zh_span is empty",
            id="empty-span",
        ),
        pytest.param(
            ("2-gen-22,shared,组织了,X,",),
            "a shared span has no English title",
            id="titled-shared-span",
        ),
    ],
)
def test_a_malformed_row_is_reported_with_its_row(tmp_path: Path, rows: tuple[str, ...],
                                                  message: str) -> None:  # fmt: skip
    with pytest.raises(SplitError) as error:
        read_splits(_csv(tmp_path, *rows))
    assert message in str(error.value)


def test_split_parts_point_at_the_one_passage_in_the_graph(store: KnowledgeStore) -> None:
    found = store.select(f"""PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?a ?p WHERE {{ ?a prov:wasDerivedFrom ?p .
          FILTER(STRSTARTS(STR(?a), "{ID}activity/2-gen-22-")) }}""")
    assert len(found) == 5
    assert {r["p"] for r in found} == {f"{ID}passage/2-gen-22"}
    assert store.select(f"SELECT ?p WHERE {{ <{ID}activity/2-gen-22> ?p ?o }}") == []
