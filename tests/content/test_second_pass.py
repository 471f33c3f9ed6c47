"""Issue 15: each pattern of the second extraction pass holds across the whole text, not on one
line. Every test scans the report with its own, simpler reading of the pattern and checks the
graph (or the extraction) at every place the pattern occurs.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from service.config import Settings
from service.extract.activities import Activity
from service.extract.numbers import chinese_number
from service.extract.pipeline import extract_activities
from service.extract.source import read_report
from service.extract.structure import Passage
from service.reference import ReferenceBuilder
from service.store import KnowledgeStore

P = """PREFIX baap: <https://w3id.org/baap/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
Extraction = tuple[list[Passage], list[Activity]]


def ask(store: KnowledgeStore, query: str) -> bool:
    """An ASK over the union graph."""
    return bool(store.oxigraph.query(query, use_default_graph_as_union=True))


@pytest.fixture(scope="module")
def extraction(settings: Settings) -> Extraction:
    reference = list(ReferenceBuilder(settings.source_dir).triples())
    passages, activities, _ = extract_activities(settings.source_dir, reference)
    return passages, activities


def by_passage(activities: list[Activity]) -> dict[str, list[Activity]]:
    grouped: dict[str, list[Activity]] = {}
    for activity in activities:
        grouped.setdefault(activity.passage.key, []).append(activity)
    return grouped


def matches(passages: list[Passage], pattern: str) -> Iterator[tuple[Passage, re.Match[str]]]:
    for passage in passages:
        for match in re.finditer(pattern, passage.text):
            yield passage, match


# ------------------------------------------------------------------------------------ figures

CN = "[二两三四五六七八九十][十百千]?[一二三四五六七八九]?"
CLASSIFIER = "个|次|名|场|期|项|门|篇|届|所|家|份|种|节|幅|页|位|大"


def test_every_count_in_chinese_numerals_is_a_figure(extraction: Extraction) -> None:
    """三次活动, 五个区域讲习班, 两名该国人员, 八篇文章…: every count printed in Chinese numerals
    before a classifier, except ordinals (第三次), back-references to a count already read
    (这两…), frequencies (每年两次) and the words 两性, 三维, 三方, 十字."""
    passages, activities = extraction
    grouped = by_passage(activities)
    missed = []
    for passage, match in matches(passages, rf"(?<![第这个一二三四五六七八九十])({CN})(?:{CLASSIFIER})"):
        before = passage.text[max(0, match.start() - 4) : match.start()]
        if re.search(r"每年|和$", before):
            continue
        value = Decimal(chinese_number(match.group(1)))
        values = {f.value for a in grouped[passage.key] for f in a.figures}
        if value not in values:
            missed.append((passage.start, match.group(0)))
    assert missed == []


def test_a_counted_noun_a_few_words_after_the_number_says_what_is_counted(
    extraction: Extraction,
) -> None:
    """22个与CIRT有关的项目, 五个有关ICT无障碍获取的区域性在线讲习班, 37个与…相关的指标."""
    passages, activities = extraction
    grouped = by_passage(activities)
    nouns = {"项目": "projects", "讲习班": "events", "指标": "indicators", "课程": "courses"}
    checked = 0
    for passage, match in matches(passages, r"(\d+|[二三四五六七八九十]+)个(与|有关)[^，。；]{2,30}?的?(项目|讲习班|指标|课程)"):
        number = match.group(1)
        value = Decimal(number) if number.isdigit() else Decimal(chinese_number(number))
        units = {f.unit for a in grouped[passage.key] for f in a.figures if f.value == value}
        assert nouns[match.group(3)] in units, (passage.start, match.group(0))
        checked += 1
    assert checked >= 3


def test_the_base_of_a_ratio_is_never_counted_as_achieved(extraction: Extraction) -> None:
    """"N名学员中有M人…获得了证书", "N所学校中的M所": N keeps its own label; M is part of N."""
    passages, activities = extraction
    grouped = by_passage(activities)
    found = 0
    for passage, match in matches(passages, r"(\d+)\s*[名所个]([^，。；\d]{0,6})中(?:有|的)"):
        base = Decimal(match.group(1))
        for activity in grouped[passage.key]:
            for figure in activity.figures:
                if figure.value == base and figure.part_of is None:
                    assert "certified" not in figure.label_en, (passage.start, figure)
                    parts = [f for f in activity.figures if f.part_of is not None
                             and activity.figures[f.part_of].value == base]  # fmt: skip
                    assert parts, (passage.start, match.group(0))
                    found += 1
    assert found >= 2


def test_no_figure_label_keeps_a_stray_bracket_or_its_own_number(store: KnowledgeStore) -> None:
    rows = store.select(P + """SELECT ?m ?label WHERE { ?m a baap:Metric ; rdfs:label ?label }""")
    assert rows
    for row in rows:
        label = row["label"]
        assert label.count("（") == label.count("）") and label.count("(") == label.count(")"), row
        assert not re.search(r"\d", label) or re.search(r"[A-Za-z]\d|\d[A-Za-z]|ICT|2018年", label), row


def test_every_figure_has_labels_in_english_and_chinese_and_a_unit(store: KnowledgeStore) -> None:
    rows = store.select(P + """SELECT ?m (COUNT(DISTINCT ?en) AS ?ens) (COUNT(DISTINCT ?zh) AS ?zhs)
        (COUNT(DISTINCT ?u) AS ?units) WHERE { ?m a baap:Metric ; baap:unit ?u .
        OPTIONAL { ?m rdfs:label ?en FILTER(LANG(?en) = "en") }
        OPTIONAL { ?m rdfs:label ?zh FILTER(LANG(?zh) = "zh") } } GROUP BY ?m""")
    assert len(rows) > 400
    assert all(r["ens"] == r["zhs"] == r["units"] == "1" for r in rows)


def test_no_figure_is_counted_twice_across_the_parts_of_a_passage(extraction: Extraction) -> None:
    """Every printed figure belongs to one part, except one the text gives to each ("均")."""
    passages, activities = extraction
    for key, parts in by_passage(activities).items():
        printed = [(f.start, f.value) for a in parts for f in a.figures]
        text = parts[0].passage.text
        repeated = [p for p in set(printed) if printed.count(p) > 1]
        assert all("均" in text for _ in repeated), (key, repeated)


# -------------------------------------------------------------------------------------- years

def event_years(store: KnowledgeStore, line: int) -> set[str]:
    rows = store.select(P + f"""SELECT DISTINCT ?y WHERE {{ ?a prov:wasDerivedFrom ?p ;
        baap:year ?year . ?p baap:startLine ?s ; baap:endLine ?e .
        FILTER(?s <= {line} && {line} <= ?e) BIND(STR(?year) AS ?y) }}""")
    return {r["y"] for r in rows}


def test_target_years_are_never_activity_years(
    extraction: Extraction, store: KnowledgeStore
) -> None:
    """到2021年将…, 到2030年…实现, 在2030年前实现, 2030年可持续发展议程: a target, kept apart."""
    passages, _ = extraction
    checked = 0
    pattern = r"(?<!年)到((?:19|20)\d\d)年[^，。；]{0,3}(?:将|实现|时|，[^已])|在((?:19|20)\d\d)年前实现|((?:19|20)\d\d)年(?:联合国)?可持续发展议程"
    for passage, match in matches(passages, pattern):
        year = next(g for g in match.groups() if g)
        elsewhere = re.sub(pattern, "", passage.text)
        if year not in elsewhere:
            assert year not in event_years(store, passage.start), (passage.start, match.group(0))
            checked += 1
    assert checked >= 5


def test_data_years_are_never_activity_years(extraction: Extraction, store: KnowledgeStore) -> None:
    """分析2007年以来…数据, 提供2007至2019年间的数据, 基于2008年至2019年间…的经验证据."""
    passages, _ = extraction
    checked = 0
    pattern = r"(?:分析|提供|基于)((?:19|20)\d\d)年?(?:以来|至)[^，。；]{0,30}?(?:数据|证据)"
    for passage, match in matches(passages, pattern):
        assert match.group(1) not in event_years(store, passage.start), passage.start
        rows = ask(store, P + f"""ASK {{ ?a prov:wasDerivedFrom/baap:startLine {passage.start} ;
            baap:dataYear "{match.group(1)}"^^<http://www.w3.org/2001/XMLSchema#gYear> }}""")
        assert rows, passage.start
        checked += 1
    assert checked == 3


# ------------------------------------------------------------------------------------ regions

REGION_FORMS = {
    "非洲": "AFR", "美洲": "AMS", "加勒比": "AMS", "阿拉伯国家": "ARB", "亚太": "ASP",
    "亚洲": "ASP", "太平洋": "ASP", "独联体": "CIS", "中亚": "CIS", "欧洲": "EUR",
    "西巴尔干": "EUR",
}  # fmt: skip
NOT_REGIONS = ("欧洲联盟", "欧洲IP资源网络协调中心", "欧洲卫星运营商协会", "亚洲开发银行")


def test_every_region_form_links_its_region(extraction: Extraction) -> None:
    """塞浦路斯（欧洲）, 非洲数字基础设施 (an adjective), 亚洲及太平洋, 加勒比地区, 西巴尔干…"""
    passages, activities = extraction
    grouped = by_passage(activities)
    missed = []
    for passage in passages:
        text = passage.text
        for trap in NOT_REGIONS:
            text = text.replace(trap, "")
        named = {code for form, code in REGION_FORMS.items() if form in text}
        linked = set().union(*(a.regions | {i[:3] for i in a.initiatives}
                               for a in grouped[passage.key]))  # fmt: skip
        if named - linked:
            missed.append((passage.start, sorted(named - linked)))
    assert missed == []


def test_a_body_named_after_a_region_is_not_the_region(store: KnowledgeStore) -> None:
    """The EU funding a project in Papua New Guinea (L979) does not make it European."""
    assert not ask(store, P + """ASK { ?a prov:wasDerivedFrom/baap:startLine 979 ;
        baap:region <https://w3id.org/baap/id/region/EUR> }""")


# -------------------------------------------------------------------------------------- roles

def roles_at(store: KnowledgeStore, line: int, role: str) -> set[str]:
    rows = store.select(P + f"""SELECT DISTINCT ?n WHERE {{ ?a prov:wasDerivedFrom ?p ;
        baap:{role}/skos:notation ?n . ?p baap:startLine ?s ; baap:endLine ?e .
        FILTER(?s <= {line} && {line} <= ?e) }}""")
    return {r["n"] for r in rows}


def country_names(settings: Settings) -> dict[str, str]:
    with (settings.source_dir / "reference" / "countries.csv").open(encoding="utf-8") as handle:
        return {r["name_zh_as_written"]: r["iso3"] for r in csv.DictReader(handle)
                if len(r["iso3"]) == 3}  # fmt: skip


def test_every_country_list_after_laizi_is_a_participant(
    extraction: Extraction, store: KnowledgeStore, settings: Settings
) -> None:
    """"来自阿根廷、巴哈马…的参与者/代表/官员": every country of the list took part."""
    passages, _ = extraction
    names = country_names(settings)
    checked = 0
    for passage, match in matches(passages, r"来自([^，。；来]{2,200}?)的(?:\d|[^，。；]{0,6}(?:参与者|代表|官员|与会者|学员))"):
        listed = {names[n] for n in re.split(r"、|和", match.group(1)) if n in names}
        if len(listed) >= 2:
            assert listed <= roles_at(store, passage.start, "participantCountry"), passage.start
            checked += 1
    assert checked >= 8


def test_every_event_held_in_a_country_names_it_host(
    extraction: Extraction, store: KnowledgeStore, settings: Settings
) -> None:
    """"在埃及开罗举办", "在马来西亚进行了…演练", "在乌拉圭蒙得维的亚市共同举办": the host."""
    passages, _ = extraction
    names = country_names(settings)
    pattern = "|".join(sorted(map(re.escape, names), key=len, reverse=True))
    checked, missed = 0, []
    for passage, match in matches(passages, rf"在({pattern})[^，。；向为]{{0,10}}?(?:举行|举办|召开)"):
        if names[match.group(1)] not in roles_at(store, passage.start, "hostCountry"):
            missed.append((passage.start, match.group(0)))
        checked += 1
    assert missed == []
    assert checked >= 25


def test_a_country_where_something_is_given_to_others_hosts_it(
    extraction: Extraction, store: KnowledgeStore, settings: Settings
) -> None:
    """"在俄罗斯联邦向独联体区域…提供了区域WEEE统计培训", "在突尼斯向阿拉伯国家区域": the venue,
    even when the verb is printed once for several such clauses."""
    passages, _ = extraction
    names = country_names(settings)
    pattern = "|".join(sorted(map(re.escape, names), key=len, reverse=True))
    checked = 0
    for passage, match in matches(passages, rf"在({pattern})向"):
        assert names[match.group(1)] in roles_at(store, passage.start, "hostCountry"), (
            passage.start, match.group(0))  # fmt: skip
        checked += 1
    assert checked >= 4


def test_a_partner_a_country_works_with_is_no_item_of_its_list(store: KnowledgeStore) -> None:
    """"在乌干达与东非通信组织（EACO）协作向非洲区域提供了…培训": Uganda hosts, EACO implements."""
    assert "UGA" in roles_at(store, 552, "hostCountry")
    rows = store.select(P + """SELECT ?o WHERE { ?a prov:wasDerivedFrom/baap:startLine 552 ;
        baap:implementingPartner ?o }""")
    assert {r["o"].rsplit("/", 1)[1] for r in rows} >= {"eaco"}


def test_an_organisation_working_with_itu_has_a_role(store: KnowledgeStore) -> None:
    """"由联合国教科文组织与国际电联合作举办" co-organises; "国家工作队（UNCT）与国际电联合作"
    implements."""
    for line, role, slug in ((977, "coOrganizer", "unesco"),
                             (982, "implementingPartner", "un-country-team")):  # fmt: skip
        rows = store.select(P + f"""SELECT ?o WHERE {{ ?a prov:wasDerivedFrom/baap:startLine {line} ;
            baap:{role} ?o }}""")
        assert slug in {r["o"].rsplit("/", 1)[1] for r in rows}, line


def test_every_funder_the_text_names_funds(extraction: Extraction, store: KnowledgeStore) -> None:
    """"由澳大利亚资助", "由日本政府资助", "…的财政支持", "由…基金会资助", "共同出资"."""
    passages, _ = extraction
    checked = 0
    for passage, _ in matches(passages, r"由[^，。；]{2,20}?(?:资助|出资)|财政支持|资助下"):
        funders = roles_at(store, passage.start, "fundingCountry") | {
            r["o"] for r in store.select(P + f"""SELECT ?o WHERE {{ ?a prov:wasDerivedFrom/
            baap:startLine {passage.start} ; baap:fundingPartner ?o }}""")
        }  # fmt: skip
        assert funders, passage.start
        checked += 1
    assert checked >= 6


def test_every_role_also_holds_as_country_or_partner(store: KnowledgeStore) -> None:
    for role, base in (("beneficiaryCountry", "country"), ("hostCountry", "country"),
                       ("fundingCountry", "country"), ("participantCountry", "country"),
                       ("prospectiveCountry", "country"), ("fundingPartner", "partner"),
                       ("coOrganizer", "partner"), ("implementingPartner", "partner"),
                       ("leadPartner", "partner"), ("newPartner", "partner"),
                       ("supportingPartner", "partner"), ("continuingPartner", "partner"),
                       ("hostPartner", "coOrganizer"), ("newBeneficiaryCountry",
                       "beneficiaryCountry"), ("continuingBeneficiaryCountry",
                       "beneficiaryCountry")):  # fmt: skip
        assert ask(store, P + f"ASK {{ ?a baap:{role} ?x }}"), role
        assert not ask(store, P + f"ASK {{ ?a baap:{role} ?x FILTER NOT EXISTS "
                                    f"{{ ?a baap:{base} ?x }} }}"), role  # fmt: skip


def test_roles_sit_in_graph_report(store: KnowledgeStore) -> None:
    rows = store.select(P + """SELECT DISTINCT ?g WHERE { GRAPH ?g { ?a baap:hostCountry ?x } }""")
    assert {r["g"] for r in rows} == {"https://w3id.org/baap/graph/report"}


# ---------------------------------------------------------------------- splitting and headings

def test_no_passage_takes_a_note_in_brackets_as_its_heading(store: KnowledgeStore) -> None:
    rows = store.select(P + "SELECT ?h WHERE { ?p baap:heading ?h FILTER(STRSTARTS(?h, '（')) }")
    assert rows == []


def test_a_paragraph_reporting_events_in_several_places_is_split(
    extraction: Extraction, settings: Settings
) -> None:
    """No activity reports, in two sentences, events held or launched in two different
    countries on two different dates (one activity per reported event)."""
    passages, activities = extraction
    names = country_names(settings)
    pattern = "|".join(sorted(map(re.escape, names), key=len, reverse=True))
    for activity in activities:
        sentences = [s for s in re.split(r"。", activity.text) if s]
        events = {
            (re.search(pattern, s).group(0), re.search(r"(?:19|20)\d\d年\d+月", s).group(0))  # type: ignore[union-attr]
            for s in sentences
            if re.search(pattern, s) and re.search(r"(?:19|20)\d\d年\d+月", s)
            and re.search(r"举行|举办|启动|召开", s)
        }
        assert len({c for c, _ in events}) <= 1 or len(events) <= 1, activity.key


def test_an_item_after_a_lead_in_inherits_it(store: KnowledgeStore) -> None:
    """"2020年，国际电联向特立尼达和多巴哥提供了以下技术援助:" dates and places its items."""
    for line in (818, 819, 820):
        assert event_years(store, line) == {"2020"}
        assert roles_at(store, line, "beneficiaryCountry") == {"TTO"}


def test_every_part_that_only_says_the_project_has_its_referent(extraction: Extraction) -> None:
    _, activities = extraction
    pronoun = re.compile(r"^(?:该项目|该举措|该系列|这项工作|该联盟|该伙伴关系)")
    for activity in activities:
        if activity.reported and pronoun.match(activity.reported):
            named = activity.partners or activity.refers_to or activity.strategic
            assert named, activity.key


# ------------------------------------------------------------------------------ source defects

def issue_lines(store: KnowledgeStore, kind: str) -> set[int]:
    rows = store.select(P + f"""SELECT ?s WHERE {{ ?i a baap:SourceIssue ; baap:issueType "{kind}" ;
        baap:startLine ?s }}""")
    return {int(r["s"]) for r in rows}


@pytest.mark.parametrize(
    ("kind", "pattern"),
    [
        ("missing-annex", r"附件\d"),
        ("missing-reference", r"此处|点击这里|以下网页|网站链接"),
        ("question-notation", r"第[12]研究组第[1-7]号课题"),
        ("duplicated-text", r"和和|为为|电信发展局（电信发展局）|联于在"),
        ("punctuation", r"\([^()（）]*）"),
        ("country-name-variant", r"孟加拉(?!国)|波黑|阿联酋|沙特(?!阿拉伯)|(?<![北])马其顿|瓜地马拉|毛利塔尼亚|(?<!白)俄罗斯(?!联邦)|多米尼加(?!共和国)"),
    ],
)
def test_every_instance_of_a_defect_class_is_recorded(
    settings: Settings, store: KnowledgeStore, kind: str, pattern: str
) -> None:
    lines = {line.number for line in read_report(settings.source_dir)
             if re.search(pattern, line.text)}  # fmt: skip
    assert lines, kind
    assert lines <= issue_lines(store, kind), sorted(lines - issue_lines(store, kind))


def test_a_count_followed_by_a_shorter_list_is_a_figure_conflict(store: KnowledgeStore) -> None:
    assert 525 in issue_lines(store, "figure-conflict")  # 五个国家（four names）


def test_every_source_issue_affects_only_existing_resources(store: KnowledgeStore) -> None:
    rows = store.select(P + """SELECT ?x WHERE { ?i a baap:SourceIssue ; baap:affects ?x .
        FILTER NOT EXISTS { ?x ?p ?o } }""")
    assert rows == []


# ---------------------------------------------------------------------------------- reference

def test_sdg_chinese_labels_are_the_official_texts(settings: Settings, store: KnowledgeStore) -> None:
    with (settings.source_dir / "reference" / "sdg_zh.csv").open(encoding="utf-8") as handle:
        texts = {r["code"]: r["title_zh"] for r in csv.DictReader(handle)}
    rows = store.select(P + """SELECT ?n ?zh WHERE { { ?x a <http://metadata.un.org/sdg/ontology#Goal> }
        UNION { ?x a <http://metadata.un.org/sdg/ontology#Target> }
        ?x skos:notation ?n ; rdfs:label ?zh FILTER(LANG(?zh) = "zh") }""")
    assert len(rows) == 186
    assert all(r["zh"].endswith(texts[r["n"]]) for r in rows)


def test_reference_tables_are_copies_of_the_shared_set(settings: Settings) -> None:
    shared = Path(settings.source_dir).resolve().parents[2] / "shared" / "reference"
    if not shared.exists():
        pytest.skip("the shared reference folder is not beside this checkout")
    for path in sorted(shared.glob("*.csv")):
        assert (settings.source_dir / "reference" / path.name).read_bytes() == path.read_bytes()
