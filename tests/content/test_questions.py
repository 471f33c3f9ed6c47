"""Questions a researcher or auditor asks about the report, answered from the graph.

Every expected answer below was written by reading the source text
(`data/source/000_417735bef9bf6315.txt`, lines cited in `lines`), never by copying what a query
returned. Queries use only the CONTRACT.md vocabulary (baap:, prov:, skos:, rdfs:, the graph and
IRI patterns) over the union default graph. The rendered questions, answers and queries are also
written to `tests/content/questions.json` by `python -m tests.content.test_questions`.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from service.store import KnowledgeStore

PREFIXES = """PREFIX baap: <https://w3id.org/baap/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX id: <https://w3id.org/baap/id/>
"""
REPORT = "https://w3id.org/baap/graph/report"
JSON_FILE = Path(__file__).with_name("questions.json")


@dataclass
class Question:
    """One question: text, the lines its answer comes from, the answer and its query."""

    qid: str
    text: str
    lines: str
    expected: Any
    query: str
    mode: str = "set"  # set | subset | count | partners | metrics | issues
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def _at(line: int) -> str:
    """Graph pattern: ?a is an activity whose passage covers `line`."""
    return (f"?a a baap:Activity ; prov:wasDerivedFrom ?p . ?p baap:startLine ?s ; "
            f"baap:endLine ?e . FILTER(?s <= {line} && {line} <= ?e)")  # fmt: skip


def countries_at(line: int, year: str | None = None) -> str:
    year_filter = f'?a baap:year "{year}"^^xsd:gYear .' if year else ""
    return (
        f"SELECT DISTINCT ?v WHERE {{ {_at(line)} {year_filter} ?a baap:country/skos:notation ?v }}"
    )


def years_at(line: int) -> str:
    return f"SELECT DISTINCT ?v WHERE {{ {_at(line)} ?a baap:year ?y . BIND(STR(?y) AS ?v) }}"


def printed_years_at(line: int) -> str:
    """Every year the passage prints, whatever its role (issue 15 keeps target, data and cited
    years out of baap:year)."""
    years = "baap:year|baap:targetYear|baap:dataYear|baap:citedYear"
    return f"SELECT DISTINCT ?v WHERE {{ {_at(line)} ?a {years} ?y . BIND(STR(?y) AS ?v) }}"


def initiatives_at(line: int) -> str:
    return (f"SELECT DISTINCT ?v WHERE {{ {_at(line)} "
            f"?a baap:regionalInitiative/skos:notation ?v }}")  # fmt: skip


def regions_at(line: int) -> str:
    return f"SELECT DISTINCT ?v WHERE {{ {_at(line)} ?a baap:region/skos:notation ?v }}"


def questions_at(line: int) -> str:
    return f"SELECT DISTINCT ?v WHERE {{ {_at(line)} ?a baap:question/skos:notation ?v }}"


def strategic_at(line: int) -> str:
    return (f"SELECT DISTINCT ?v WHERE {{ {_at(line)} "
            f"?a baap:strategicInitiative/skos:notation ?v }}")  # fmt: skip


def partners_at(line: int) -> str:
    return (f"SELECT DISTINCT ?o ?v WHERE {{ {_at(line)} ?a baap:partner ?o . "
            f"?o rdfs:label|skos:altLabel|skos:prefLabel ?v }}")  # fmt: skip


def metrics_at(line: int) -> str:
    return (f"SELECT DISTINCT ?value ?unit ?label WHERE {{ {_at(line)} ?a baap:metric ?m . "
            f"?m baap:value ?value ; baap:unit ?unit . "
            f'OPTIONAL {{ ?m rdfs:label ?label FILTER(lang(?label) = "en") }} }}')  # fmt: skip


def stated_sdgs_at(line: int) -> str:
    """SDGs the report itself names (graph `report`; curators' and methods' links are not)."""
    return (f"SELECT DISTINCT ?v WHERE {{ {_at(line)} GRAPH <{REPORT}> {{ ?a baap:contributesTo ?t }} "
            f"?t skos:notation ?v }}")  # fmt: skip


def stated_wsis_at(line: int) -> str:
    """WSIS lines the report itself names (graph `report`)."""
    return (f"SELECT DISTINCT ?v WHERE {{ {_at(line)} GRAPH <{REPORT}> {{ ?a baap:supportsActionLine ?w }}"
            f" ?w skos:notation ?v }}")  # fmt: skip


def issues_at(line: int) -> str:
    return (
        f"SELECT DISTINCT ?v WHERE {{ ?i a baap:SourceIssue ; baap:issueType ?v ; "
        f"baap:startLine ?s ; baap:endLine ?e . FILTER(?s <= {line} && {line} <= ?e) }}"
    )


def lines_with(prop: str, iri: str, section: str | None = None) -> str:
    sec = f'?p baap:section "{section}" .' if section else ""
    return (f"SELECT DISTINCT ?v WHERE {{ ?a a baap:Activity ; {prop} <{iri}> ; "
            f"prov:wasDerivedFrom ?p . ?p baap:startLine ?v . {sec} }}")  # fmt: skip


ID = "https://w3id.org/baap/id/"
Q: list[Question] = []


def q(
    qid: str, text: str, lines: str, expected: Any, query: str, mode: str = "set", note: str = ""
) -> None:
    Q.append(Question(qid, text, lines, expected, query, mode, note))


# ---------------------------------------------------------------- 1 capacity development
q(
    "s1-dtc-countries",
    "Which countries hosted the nine phase-1 Digital Transformation Centres, "
    "and which other country is named in that passage (as supporter)?",
    "64",
    {"CIV", "GHA", "RWA", "ZMB", "BRA", "DOM", "IDN", "PNG", "PHL", "NOR"},
    countries_at(64),
)
q(
    "s1-dtc-trained",
    "How many citizens were trained under DTC phase 1, and how many will be "
    "trained in Ghana with Norway's support?",
    "64",
    [(100000, "people"), (14000, "people")],
    metrics_at(64),
    "metrics",
)
q(
    "s1-dtc-partner",
    "With which company was the DTC initiative launched?",
    "63",
    ["Cisco"],
    partners_at(63),
    "partners",
)
q(
    "s1-academy",
    "How many people were trained through the ITU Academy since 2018, and how many were certified?",
    "56",
    [(22197, "people"), (8057, "people"), (450, "courses")],
    metrics_at(56),
    "metrics",
)
q(
    "s1-coe",
    "How many institutions were selected as CoEs, and how many people took CoE "
    "courses in 2020 and in 2021 (to September)?",
    "58",
    [(28, None), (5466, "people"), (2546, "people")],
    metrics_at(58),
    "metrics",
)
q(
    "s1-academia-meeting",
    "Where and when was the 2nd ITU-Academia Partnership Meeting held?",
    "60",
    {"USA"},
    countries_at(60),
)
q(
    "s1-academia-year",
    "In which year was the 2nd ITU-Academia Partnership Meeting held?",
    "60",
    {"2019"},
    years_at(60),
)
q(
    "s1-ilo-countries",
    "Which countries joined (or are exploring) the ITU-ILO continental "
    "digital-skills project for African youth?",
    "71",
    {"CIV", "KEN", "NGA", "RWA", "SEN", "ZAF", "ETH"},
    countries_at(71),
)
q(
    "s1-national-2019",
    "Which countries received national capacity development in 2019 "
    "(including where Burundi's staff were trained)?",
    "75",
    {"ERI", "BDI", "CMR", "UGA", "KGZ"},
    countries_at(75),
)
q(
    "s1-somalia",
    "Which country's authority received two certified trainings in 2021?",
    "76",
    {"SOM"},
    countries_at(76),
)
q(
    "s1-regional-partners",
    "Which partners co-organised the regional trainings for the Arab "
    "States, CIS and Africa (satellite, 5G, Internet governance, spectrum) and the Asia-Pacific "
    "EMF course?",
    "78",
    ["ITSO", "GSMA", "ICANN", "ISOC", "RIPE NCC", "Diplo", "AFRALTI", "UTM"],
    partners_at(78),
    "partners",
)
q(
    "s1-srmc",
    "How many participants took the Asia-Pacific CoE e-learning courses with China's "
    "SRMC, and from how many countries?",
    "79",
    [(372, "people"), (60, "countries")],
    metrics_at(79),
    "metrics",
)
q(
    "s1-stats-assist",
    "Which countries received ICT statistics and household-survey assistance "
    "in 2018-2020 (Africa RI bullets)?",
    "89",
    {"LSO", "SLE", "SSD", "MWI"},
    countries_at(89),
)
q(
    "s1-asp-girls",
    "In which countries were the 2020-2021 Girls in ICT trainings held in "
    "Asia-Pacific (section 1)?",
    "96",
    {"THA", "IDN", "MYS", "BGD", "PAK"},
    countries_at(96),
)
q(
    "s1-asp-dtc",
    "How many people did the three Asia-Pacific DTCs train, and how many CoE "
    "registrations came in 2021 from how many countries?",
    "97",
    [(36992, "people"), (2289, None), (144, "countries")],
    metrics_at(97),
    "metrics",
)
q(
    "s1-cis2-uzb",
    "Which regional initiative is the Uzbekistan women's digital-skills centre reported under?",
    "98-99",
    {"CIS2"},
    initiatives_at(99),
)
q(
    "s1-cis2-uzb-trained",
    "How many women completed the Khorezm training in Uzbekistan?",
    "99",
    [(350, "people"), (1300, "people")],
    metrics_at(99),
    "metrics",
)
q(
    "s1-kgz-duplicate",
    "Which source issues are recorded for the repeated Kyrgyzstan teacher-training bullet?",
    "103-104",
    {"duplicate-passage"},
    issues_at(103),
    "subset",
)
q(
    "s1-kgz-2018",
    "How many teachers took the 2018-2021 Kyrgyzstan courses, and how many courses were organised?",
    "104",
    [(361, "people"), (21, None), (50000, "people")],
    metrics_at(104),
    "metrics",
)
q(
    "s1-eur-heading",
    "Which regional initiative do the bare 'Europe region' capacity bullets belong to?",
    "106-110",
    {"EUR3"},
    initiatives_at(108),
)
q(
    "s1-eur-training",
    "How many officials from how many countries took the European ICT business-planning training?",
    "110",
    [(30, "people"), (15, "countries")],
    metrics_at(110),
    "metrics",
)

# ---------------------------------------------------------------- 2 cybersecurity
q(
    "s2-cirt-2019",
    "For which countries did ITU assess CIRT readiness in 2019 (general list)?",
    "133",
    {"LBR", "TCD", "GMB", "BIH", "MRT", "ALB"},
    countries_at(133, "2019"),
)
q(
    "s2-cirt-2018",
    "For which countries did ITU assess CIRT readiness in 2018?",
    "133",
    {"MWI", "COG", "NER"},
    countries_at(133, "2018"),
)
q(
    "s2-cirt-all",
    "Which countries and territories appear in the CIRT readiness-assessment list?",
    "133",
    {"MWI", "COG", "NER", "LBR", "TCD", "GMB", "BIH", "MRT", "ALB", "GUY", "BMU", "BHS", "GNB"},
    countries_at(133),
)
q(
    "s2-gnb-conflict",
    "Which source issue concerns the Guinea-Bissau assessment year?",
    "133,157",
    {"date-conflict"},
    issues_at(157),
    "subset",
)
q(
    "s2-gnb-afr3-year",
    "In which year does the Africa RI3 list date the Guinea-Bissau CIRT assessment?",
    "157",
    {"2020"},
    f"SELECT DISTINCT ?v WHERE {{ {_at(157)} ?a baap:country <{ID}country/GNB> ; baap:year ?y . "
    f"BIND(STR(?y) AS ?v) }}",
)
q(
    "s2-cirt-projects",
    "In which countries were CIRT projects being implemented?",
    "131",
    {"BHS", "BRB", "BWA", "KEN", "MWI", "BDI", "GMB"},
    countries_at(131),
)
q(
    "s2-pacific-cirt",
    "Which Pacific countries got CIRT assessment support funded by Australia?",
    "135",
    {"PNG", "WSM", "TON", "VUT", "AUS"},
    countries_at(135),
)
q(
    "s2-five-drills",
    "Where were the five ITU regional cyber drills organised?",
    "139",
    {"CIV", "CYP", "AZE", "KWT", "ARG"},
    countries_at(139),
)
q(
    "s2-2019-drills",
    "Which countries hosted cyber drills in 2019 (paragraph on 2019)?",
    "140",
    {"MYS", "UGA", "OMN", "ROU"},
    countries_at(140),
)
q(
    "s2-afr3-2018",
    "Which African countries hosted cyber drills in 2018 according to the RI3 bullet?",
    "156",
    {"CIV", "MUS"},
    countries_at(156, "2018"),
)
q(
    "s2-ncs-afr",
    "Which countries were helped with national cybersecurity strategies under "
    "Africa RI3 in 2019 and December 2020?",
    "158",
    {"BEN", "LBR"},
    countries_at(158),
)
q(
    "s2-deloitte",
    "With which firm was Côte d'Ivoire's cybersecurity posture reviewed?",
    "161",
    ["Deloitte"],
    partners_at(161),
    "partners",
)
q(
    "s2-la-plata",
    "How many people attended the June 2018 regional cybersecurity workshop and "
    "drill hosted by La Plata University?",
    "168",
    [(117, "people"), (15, "people"), (50, "people")],
    metrics_at(168),
    "metrics",
)
q(
    "s2-la-plata-countries",
    "From which countries did the June 2018 Argentina drill draw participants?",
    "168",
    {"ARG", "BHS", "BRA", "CHL", "CUB", "ECU", "SLV", "GUY", "PRY", "URY"},
    countries_at(168),
)
q(
    "s2-ams-dialogue",
    "Which countries took part in the September 2020 online Americas cybersecurity dialogue?",
    "169",
    {
        "ARG",
        "BRB",
        "BLZ",
        "BOL",
        "BRA",
        "CHL",
        "COL",
        "DOM",
        "ECU",
        "SLV",
        "GUY",
        "MEX",
        "PRY",
        "PER",
        "SUR",
        "TTO",
        "USA",
        "URY",
    },
    countries_at(169),
)
q(
    "s2-arb2-lines",
    "Which report lines carry activities under Arab States RI2 (cybersecurity)?",
    "162-186",
    {163, 164} | set(range(171, 187)),
    lines_with("baap:regionalInitiative", f"{ID}regional-initiative/ARB2"),
)
q(
    "s2-saudi",
    "Which countries are named for the December 2018 cybersecurity training for Saudi prosecutors?",
    "174",
    {"SAU", "EGY"},
    countries_at(174),
)
q(
    "s2-mrt-strategy",
    "Which years does the Mauritania cybersecurity-strategy bullet print?",
    "177",
    {"2018", "2019", "2022"},
    printed_years_at(177),
)
q(
    "s2-malee-trap",
    "Which countries does the AMANI / Meem Ain bullet name? (马里 there is the "
    "project Malee, not Mali)",
    "184",
    set(),
    countries_at(184),
)
q(
    "s2-eur4-cop",
    "Which countries are named in the Europe RI4 child-online-protection bullet?",
    "191",
    {"POL", "UKR", "GEO", "MDA", "ALB", "MKD"},
    countries_at(191),
)
q(
    "s2-vnm",
    "Which countries are named in the Viet Nam cybersecurity-education assessment?",
    "196",
    {"VNM", "AUS", "SGP", "GBR"},
    countries_at(196),
)
q(
    "s2-cis-drills-years",
    "Which years does the CIS cyber-drill bullet print?",
    "199",
    {"2017", "2018", "2019", "2020", "2021"},
    years_at(199),
)
q(
    "s2-osce",
    "Who co-organised the first national cyber drill in Kyrgyzstan in 2021?",
    "201",
    ["OSCE"],
    partners_at(201),
    "partners",
)
q(
    "s2-gci-cis",
    "Which CIS countries use the GCI as a key measure of national cybersecurity policy?",
    "202",
    {"RUS", "AZE", "KAZ", "KGZ", "UZB"},
    countries_at(202),
)
q(
    "s2-sg-question",
    "Which study-group Question did the October 2018 emerging-cybersecurity workshop support?",
    "208",
    {"Q3/2"},
    questions_at(208),
)

# ---------------------------------------------------------------- 3 digital inclusion
q(
    "s3-accessibility-events",
    "Which countries hosted the Accessible Americas / Europe events "
    "listed among awareness activities?",
    "214",
    {"JAM", "ECU", "AUT", "MLT", "PRT"},
    countries_at(214),
)
q(
    "s3-serbia-report",
    "Which country's ICT accessibility policy was reviewed in a 2021 ITU report?",
    "220",
    {"SRB"},
    countries_at(220),
)
q(
    "s3-zambia",
    "How many Zambian girls are to receive digital-skills training under the "
    "Airtel / Smart Zambia project?",
    "250",
    [(150, "people")],
    metrics_at(250),
    "metrics",
)
q(
    "s3-agcci-countries",
    "Which countries are named for the African Girls Can Code Initiative "
    "paragraph (funder embassy and venue)?",
    "251",
    {"DNK", "ETH"},
    countries_at(251),
)
q(
    "s3-agcci-partners",
    "Which organisations launched AGCCI with ITU and ran its 2020 event?",
    "251",
    ["African Union", "UN Women", "UNECA"],
    partners_at(251),
    "partners",
)
q(
    "s3-safety-girls",
    "Where were the online-safety workshops for girls held in 2020-2021?",
    "254",
    {"PAK", "TTO", "UGA"},
    countries_at(254),
)
q(
    "s3-leadership",
    "How many participants from how many Latin American countries attended the "
    "women's leadership courses of March 2021?",
    "258",
    [(180, "people"), (17, "countries")],
    metrics_at(258),
    "metrics",
)
q(
    "s3-eif",
    "Which LDCs benefit from the ITU-EIF-UNOPS women's digital-skills project?",
    "260",
    {"BDI", "ETH", "HTI"},
    countries_at(260),
)
q(
    "s3-eif-partners",
    "Which partners launched the LDC women's digital-skills project with ITU in September 2020?",
    "260",
    ["Enhanced Integrated Framework", "UNOPS"],
    partners_at(260),
    "partners",
)
q(
    "s3-indigenous",
    "How many indigenous people benefited from training in 2018-2020?",
    "275",
    [(550, "people")],
    metrics_at(275),
    "metrics",
)
q(
    "s3-sdg-10-16",
    "Which SDGs does the April 2021 thematic session on peace and inclusion name explicitly?",
    "291",
    {"10", "16"},
    stated_sdgs_at(291),
)
q(
    "s3-asp-1400",
    "Which countries' girls took part in the 2021 Asia-Pacific Girls in ICT "
    "celebrations (ASP RI2, section 3)?",
    "307",
    {"BGD", "IDN", "MYS", "PAK", "THA"},
    countries_at(307),
)
q(
    "s3-arb3",
    "Which countries were assisted with national ICT accessibility policies under Arab RI3?",
    "315",
    {"EGY", "SDN", "IRQ"},
    countries_at(315),
)
q(
    "s3-dominica",
    "Which country's visually impaired people received devices in 2020?",
    "312",
    {"DMA"},
    countries_at(312),
)
q(
    "s3-competition",
    "How many submissions from how many countries did the Accessible Europe "
    "innovation competition receive?",
    "329",
    [(97, None), (29, "countries")],
    metrics_at(329),
    "metrics",
)
q(
    "s3-cis2",
    "Which countries received targeted assistance under CIS RI2 in section 3?",
    "333",
    {"KGZ", "ARM"},
    countries_at(333),
)
q(
    "s3-q71",
    "Which lines of section 3 concern Question 7/1?",
    "342-343",
    {342, 343},
    lines_with("baap:question", f"{ID}question/7-1"),
)

# ---------------------------------------------------------------- 4 innovation
q(
    "s4-innovation-usd",
    "How much funding did the South African winner of the 2019 innovation "
    "challenge receive, and what seed funding can Global South winners get?",
    "350",
    [(1500000, "USD"), (10000000, "USD"), (25000, "USD")],
    metrics_at(350),
    "metrics",
)
q(
    "s4-profiles",
    "Which countries received technical assistance to draft digital innovation profiles?",
    "360",
    {"MLI", "MNE", "NER", "TTO", "GEO", "SRB", "PHL"},
    countries_at(360),
)
q(
    "s4-kenya-typo",
    "Which source issue is recorded for the Kenya innovation review 'published in 2091'?",
    "367",
    {"typo"},
    issues_at(367),
    "subset",
)
q(
    "s4-arb5-incubators",
    "Which countries' incubator managers were trained under Arab RI5?",
    "374",
    {"DJI", "MRT"},
    countries_at(374),
)
q(
    "s4-smart-cities-training",
    "Which countries received online training on ICT in smart "
    "sustainable cities under Americas RI5?",
    "385",
    {"BHS", "BRB", "GUY", "VCT", "SUR", "TTO"},
    countries_at(385),
)
q(
    "s4-artecnet",
    "How many technology parks and incubators form the ARTECNET network?",
    "377",
    [(22, None)],
    metrics_at(377),
    "metrics",
)

# ---------------------------------------------------------------- 5 digital services
q(
    "s5-be-healthy",
    "In which countries is Be He@lthy, Be Mobile continuing or starting?",
    "407",
    {"EGY", "IND", "PHL", "SEN", "TUN", "BFA", "SDN"},
    countries_at(407),
)
q(
    "s5-be-healthy-figures",
    "How much did Be He@lthy raise from new partners, and how many people benefited?",
    "407",
    [(1800000, "USD"), (3500000, "people"), (11, "countries")],
    metrics_at(407),
    "metrics",
)
q(
    "s5-guyana-ehealth",
    "Which partner helped Guyana with its national eHealth framework in 2018?",
    "409",
    ["PAHO"],
    partners_at(409),
    "partners",
)
q(
    "s5-smart-villages",
    "Which countries are named in the smart-villages paragraph?",
    "422",
    {"NER", "PAK", "IDN"},
    countries_at(422),
)
q(
    "s5-hackathon",
    "Which countries are named for the 2018 #HackAgainstHunger Caribbean hackathon?",
    "430",
    {"JAM", "TTO"},
    countries_at(430),
)
q(
    "s5-cis1-trained",
    "How many specialists were trained in the CIS e-health courses, and for which countries?",
    "469",
    {"BLR", "KAZ", "KGZ", "UKR", "UZB"},
    countries_at(469),
)
q(
    "s5-cis1-figure",
    "How many specialists were trained in the CIS e-health courses?",
    "469",
    [(128, "people")],
    metrics_at(469),
    "metrics",
)
q(
    "s5-startups",
    "Which countries' start-ups benefited from the Central Eurasia start-up training?",
    "472",
    {"ARM", "KGZ", "TJK", "UZB"},
    countries_at(472),
)
q(
    "s5-eur-agri",
    "Which countries did ITU help FAO assist with digital agriculture strategies (Europe RI2)?",
    "463",
    {"ALB", "TUR", "BIH"},
    countries_at(463),
)
q(
    "s5-q22",
    "Which Question did the 2019 e-health workshop and 2020 webinar serve?",
    "480",
    {"Q2/2"},
    questions_at(480),
)
q(
    "s5-q12",
    "Which Question's deliverable on smart societies was published in 2019?",
    "479",
    {"Q1/2"},
    questions_at(479),
)
q(
    "s5-smart-islands",
    "Which countries are covered by the two Pacific smart-islands SDG Fund projects?",
    "454",
    {"MHL", "FSM", "NRU", "KIR", "PLW", "FJI", "SLB", "TON", "TUV", "VUT"},
    countries_at(454),
)

# ---------------------------------------------------------------- 6 emergency telecoms
q(
    "s6-zambia-ews",
    "Which country got early-warning systems in 2018, with which partner authority?",
    "493",
    {"ZMB"},
    countries_at(493),
)
q(
    "s6-media",
    "How many media professionals from how many countries were trained under 'Media Saves Lives'?",
    "497",
    [(675, "people"), (30, "countries"), (46, None)],
    metrics_at(497),
    "metrics",
)
q(
    "s6-media-partners",
    "Which organisations ran 'Media Saves Lives' with ITU?",
    "497",
    ["UNDRR", "WMO", "World Broadcasting Unions"],
    partners_at(497),
    "partners",
)
q(
    "s6-netp",
    "Which countries were provided NETPs or are being helped to develop them?",
    "501",
    {
        "DOM",
        "GTM",
        "BOL",
        "VUT",
        "WSM",
        "PNG",
        "LCA",
        "ECU",
        "PER",
        "AFG",
        "SOM",
        "SDN",
        "SLB",
        "DMA",
        "GRD",
        "FJI",
    },
    countries_at(501),
)
q(
    "s6-disaster-support",
    "Which countries received ITU disaster support since 2018?",
    "504",
    {"BHS", "MOZ", "PNG", "SLB", "TON", "VUT", "ZWE", "FJI", "HTI"},
    countries_at(504),
)
q(
    "s6-get19",
    "How many participants from how many member states attended GET-19?",
    "508",
    [(180, "people"), (36, "countries")],
    metrics_at(508),
    "metrics",
)
q(
    "s6-winlink",
    "Which countries are named for the WINLINK 2000 project?",
    "520",
    {
        "ATG",
        "BRB",
        "DMA",
        "GRD",
        "GUY",
        "JAM",
        "KNA",
        "DOM",
        "CRI",
        "GTM",
        "SLV",
        "HND",
        "NIC",
        "PAN",
    },
    countries_at(520),
)
q(
    "s6-winlink-ri",
    "Under which regional initiative is WINLINK 2000 reported?",
    "519-520",
    {"AMS1"},
    initiatives_at(520),
)
q(
    "s6-maria-years",
    "Which years does the Dominica Hurricane Maria deployment bullet print?",
    "522",
    {"2017", "2018"},
    years_at(522),
)
q(
    "s6-five-four",
    "Which source issue flags the forum bullet that says five countries but lists four?",
    "525",
    {"figure-conflict"},
    issues_at(525),
    "subset",
)
q(
    "s6-pacific-sat",
    "Which countries did the Pacific satellite connectivity project support?",
    "537",
    {"FSM", "FJI", "KIR", "NRU", "PNG", "WSM", "TON", "TUV", "VUT"},
    countries_at(537),
)
q(
    "s6-pacific-sat-partners",
    "Which partners signed the Pacific satellite connectivity project?",
    "537",
    ["ITSO", "Intelsat", "Inmarsat", "Kacific"],
    partners_at(537),
    "partners",
)
q(
    "s6-q52-years",
    "In which years were the three Q5/2 events held?",
    "542",
    {"2018", "2019", "2020"},
    years_at(542),
)

# ---------------------------------------------------------------- 7 environment
q(
    "s7-weee-training",
    "Which countries are named for the regional and national e-waste data trainings?",
    "548",
    {"RUS", "GEO", "TKM", "UKR", "TUN", "UGA", "TZA", "JOR", "BRA"},
    countries_at(548),
)
q(
    "s7-malawi-etc",
    "Which countries are named in the e-waste policy assistance paragraph that starts with Malawi?",
    "555",
    {"MWI", "BDI", "BHR", "MRT", "DOM"},
    countries_at(555),
)
q(
    "s7-unep-epr",
    "Which countries does the September 2021 UNEP-ITU EPR project cover?",
    "558",
    {"BWA", "GMB", "UZB", "RWA", "NAM", "DOM"},
    countries_at(558),
)
q(
    "s7-india",
    "Which partners co-organised the 2019 Hyderabad e-waste workshop?",
    "584",
    ["UNU", "ILO", "WHO", "UNEP"],
    partners_at(584),
    "partners",
)
q(
    "s7-afr1",
    "Which countries get e-waste policy or data support under Africa RI1 (section 7)?",
    "586",
    {"NAM", "MWI", "BWA"},
    countries_at(586),
)
q(
    "s7-q62",
    "Which Question did the 2018-2020 environment events feed?",
    "594",
    {"Q6/2"},
    questions_at(594),
)

# ---------------------------------------------------------------- 8 infrastructure
q(
    "s8-burundi",
    "How many institutions in Burundi were connected under the ITU/Mcaul project?",
    "615",
    [(437, None)],
    metrics_at(615),
    "metrics",
)
q(
    "s8-djibouti",
    "How many institutions, schools, hospitals and government bodies were connected in Djibouti?",
    "617",
    [(116, None), (48, None), (45, None), (23, None)],
    metrics_at(617),
    "metrics",
)
q(
    "s8-prida",
    "How many engineers from how many regulators were trained in PRIDA workshops?",
    "622",
    [(573, "people"), (48, None), (8, None)],
    metrics_at(622),
    "metrics",
)
q(
    "s8-res9-total",
    "What is the total number of Resolution 9 spectrum activities in the table?",
    "634-680",
    160,
    'SELECT (SUM(?v) AS ?n) WHERE { ?a prov:wasDerivedFrom ?p . ?p baap:section "8" . '
    '?a baap:metric ?m . ?m baap:unit "activities" ; baap:value ?v }',
    "count",
)
q(
    "s8-res9-rows",
    "How many themes does the Resolution 9 table list?",
    "634-680",
    14,
    'SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a baap:metric ?m . ?m baap:unit "activities" }',
    "count",
)
q(
    "s8-afr5-conflict",
    "Which initiatives is the refugee-connectivity bullet under the heading "
    "'非洲区域举措5：在非洲建设数字经济并促进创新' linked to?",
    "685-686",
    {"AFR1", "AFR5"},
    initiatives_at(686),
)
q(
    "s8-afr5-issue",
    "Which source issue is recorded for the heading at line 685?",
    "685",
    {"heading-number-conflict"},
    issues_at(685),
    "subset",
)
q(
    "s8-sms4dc",
    "Where did ITU run SMS4DC activities in Asia-Pacific?",
    "690",
    {"LAO", "AFG", "MNG", "WSM", "TON"},
    countries_at(690),
)
q(
    "s8-c2r-asp",
    "Which strategic initiative is named in the Australia-funded regional project?",
    "692",
    {"connect2recover"},
    strategic_at(692),
)
q(
    "s8-itso-quito",
    "How many representatives from which countries attended the 2018 ITU-ITSO training in Quito?",
    "707",
    {"BRA", "ECU", "PRY"},
    countries_at(707),
)
q(
    "s8-itso-online",
    "How many of the 48 participants of the online ITU-ITSO course obtained certificates?",
    "709",
    [(48, "people"), (42, "people")],
    metrics_at(709),
    "metrics",
)
q(
    "s8-c2r-armenia",
    "Which countries are named for the Connect2Recover assistance under CIS RI5?",
    "717",
    {"ARM", "KGZ"},
    countries_at(717),
)
q("s8-q42", "Which Question did the C&I workshop serve?", "740", {"Q4/2"}, questions_at(740))
q(
    "s8-q21-lines",
    "Which lines concern Question 2/1?",
    "735-745",
    {735, 736, 737, 745},
    lines_with("baap:question", f"{ID}question/2-1"),
)
q(
    "questions-without-activity",
    "Which ITU-D study-group Questions have no activity?",
    "whole report",
    {"Q7/2"},
    "SELECT ?v WHERE { ?q a baap:Question ; skos:notation ?v . "
    "FILTER NOT EXISTS { ?a a baap:Activity ; baap:question ?q } }",
)

# ---------------------------------------------------------------- 9 policy and regulation
q(
    "s9-gsr19",
    "How many participants from how many countries attended GSR-19 in Vanuatu?",
    "748",
    [(325, "people"), (64, "countries")],
    metrics_at(748),
    "metrics",
)
q(
    "s9-gsr21",
    "How many participants and delegates from how many member states attended GSR-21?",
    "750",
    [(637, "people"), (439, "people"), (115, "countries")],
    metrics_at(750),
    "metrics",
)
q(
    "s9-nairobi",
    "Officials of which countries took the Nairobi regulatory best-practice training?",
    "770",
    {"KEN", "SWZ", "ETH", "SOM", "SSD", "SLE"},
    countries_at(770),
)
q(
    "s9-nairobi-partners",
    "Which organisations ran the Nairobi training with ITU?",
    "770",
    ["USTTI", "World Bank", "ATU"],
    partners_at(770),
    "partners",
)
q(
    "s9-figi",
    "In which countries did FIGI provide assistance?",
    "776",
    {"CHN", "EGY", "MEX"},
    countries_at(776),
)
q(
    "s9-direct",
    "Which countries received direct assistance (paragraph 直接援助)?",
    "787",
    {"STP", "COD", "CAF", "GNQ", "LBR", "GMB", "ATG", "TTO"},
    countries_at(787),
)
q(
    "s9-q41",
    "Which Question is cited for the cost-modelling guidelines?",
    "782",
    {"Q4/1"},
    questions_at(782),
)
q(
    "s9-anatel",
    "What is the budget of the first ITU-ANATEL project?",
    "793",
    [(7000000, "USD")],
    metrics_at(793),
    "metrics",
)
q(
    "s9-red-ams",
    "Which organisations took part in RED-AMS 2018 and how many delegates?",
    "796",
    [(176, "people"), (14, "countries")],
    metrics_at(796),
    "metrics",
)
q(
    "s9-aseta",
    "Which Andean countries are covered by the 2018 ASETA study?",
    "803",
    {"COL", "ECU", "PER", "BOL"},
    countries_at(803),
)
q(
    "s9-indotel",
    "Which country's telecom institute got two FIT projects?",
    "811",
    {"DOM"},
    countries_at(811),
)
q(
    "s9-innovation-week",
    "Which countries sent participants to the 2019 ICT Innovation Week in Montevideo?",
    "812",
    {
        "ARG",
        "BOL",
        "BRA",
        "CHL",
        "COL",
        "CRI",
        "SLV",
        "FRA",
        "GUY",
        "HND",
        "ITA",
        "JPN",
        "MEX",
        "NIC",
        "PAN",
        "PER",
        "URY",
    },
    countries_at(812),
)
q("s9-malee", "Which country is Meem Ain from (Malee project)?", "826", {"SAU"}, countries_at(826))
q(
    "s9-cis-conflict",
    "Which initiatives is the CIS broadband-governance study linked to?",
    "833-834",
    {"CIS3", "CIS4"},
    initiatives_at(834),
)
q(
    "s9-albania",
    "Which years does the Albania broadband plan bullet print?",
    "838",
    {"2020", "2025"},
    printed_years_at(838),
)
q(
    "s9-q31-q41",
    "Which Questions did the OTT rapporteur-group discussion concern?",
    "847",
    {"Q3/1", "Q4/1"},
    questions_at(847),
)
q(
    "s9-q61",
    "Which Question did the 2020 unsolicited-communications webinar serve?",
    "850",
    {"Q6/1"},
    questions_at(850),
)

# ---------------------------------------------------------------- 10 statistics
q(
    "s10-ldc-report",
    "With which office was the 2021 LDC connectivity report published?",
    "857",
    ["OHRLLS"],
    partners_at(857),
    "partners",
)
q(
    "s10-tashkent",
    "Where was the 2019 ICT statistics workshop for Arab and CIS states held?",
    "864",
    {"UZB"},
    countries_at(864),
)
q(
    "s10-stat-workshops",
    "Where were the regional ICT statistics workshops held?",
    "866",
    {"KAZ", "PHL", "MWI", "BHR", "FJI", "BWA"},
    countries_at(866),
)
q("s10-wtis", "Which years does the WTIS paragraph print?", "877", {"2018", "2020"}, years_at(877))
q(
    "s10-partnership",
    "Which organisations sit with ITU on the Partnership's steering "
    "committee, and who co-leads its SDG task group?",
    "874",
    ["UNCTAD", "UIS", "UNDESA"],
    partners_at(874),
    "partners",
)

# ---------------------------------------------------------------- 11 strategic initiatives
q(
    "s11-giga-countries",
    "Which countries does the Giga paragraph name (schools connected or "
    "piloted in six; the United Kingdom as home of partner FCDO)?",
    "886",
    {"KAZ", "KEN", "RWA", "KGZ", "SLE", "UZB", "GBR"},
    countries_at(886),
    note="first written without GBR; the paragraph names 英国 (FCDO), a funder role",
)
q(
    "s11-giga-partners",
    "Which partners does Giga name?",
    "886",
    [
        "Ericsson",
        "FCDO",
        "Dubai Cares",
        "SoftBank",
        "Musk Foundation",
        "Boston Consulting Group",
        "NIC.br",
        "Actual",
    ],
    partners_at(886),
    "partners",
)
q(
    "s11-giga-figures",
    "How many schools were mapped in how many countries, and in how many countries is Giga active?",
    "886",
    [(1000000, None), (40, "countries"), (19, "countries"), (3000, None)],
    metrics_at(886),
    "metrics",
)
q(
    "s11-c2r-supporters",
    "Which countries' bodies supported the launch of Connect2Recover?",
    "889",
    {"JPN", "SAU"},
    countries_at(889),
)
q(
    "s11-c2r-phase2",
    "Where were Internet-resilience assessments under Connect2Recover phase 2?",
    "892",
    {"ARM", "KAZ", "HTI"},
    countries_at(892),
)
q(
    "s11-c2r-schools",
    "How many of Rwanda's 63 schools did the first Connect2Recover pilot connect?",
    "894",
    [(10, None), (63, None)],
    metrics_at(894),
    "metrics",
)
q(
    "s11-icodi-lines",
    "Which lines report or name I-CoDI?",
    "883, 897-902",
    {883, 898, 899, 900, 901, 902},
    lines_with("baap:strategicInitiative", f"{ID}strategic-initiative/i-codi"),
)
q(
    "s11-icodi-uae",
    "Which country's authority supported the I-CoDI design phase?",
    "899",
    {"ARE"},
    countries_at(899),
)
q(
    "s11-sdg4",
    "Which SDG does the Connect2Recover-Giga session of July 2021 name?",
    "896",
    {"4"},
    stated_sdgs_at(896),
)

# ---------------------------------------------------------------- LDC / SIDS / LLDC
q(
    "ldc-cirt",
    "In which countries did ITU establish CIRTs and security operations centres (LDC section)?",
    "910",
    {"BWA", "ZWE", "MWI"},
    countries_at(910),
)
q(
    "ldc-ci",
    "Which countries' participants were trained in conformance and interoperability?",
    "913",
    {"BWA", "BFA", "SSD", "SWZ", "ETH", "LSO", "MLI", "MWI", "NER", "RWA", "ZMB", "ZWE"},
    countries_at(913),
)
q(
    "ldc-maria",
    "Which countries got emergency-telecom assistance for Hurricane Maria (LDC section)?",
    "919",
    {"ATG", "BRB", "GUY", "KNA"},
    countries_at(919),
)
q("ldc-cuba", "Where was 'Accessible Americas' held in 2021?", "922", {"CUB"}, countries_at(922))
q(
    "ldc-moldova-region",
    "Which region is the Moldova spectrum-policy assistance reported for?",
    "937",
    {"EUR"},
    regions_at(937),
)
q(
    "ldc-sdg9c",
    "Which SDG target does the LDC ICT study track?",
    "940",
    {"9.c"},
    stated_sdgs_at(940),
)

# ---------------------------------------------------------------- 12-15
q(
    "s14-partnerships",
    "What were the partnership commitments in 2021, 2020 and 2019?",
    "962",
    [(11600000, "USD"), (15200000, "USD")],
    metrics_at(962),
    "metrics",
)
q(
    "s15-europe-ucnt",
    "Which eight countries' UN country teams does ITU Europe work with?",
    "986",
    {"ALB", "BIH", "GEO", "MNE", "MDA", "MKD", "SRB", "UKR"},
    countries_at(986),
)
q(
    "s15-africa-ucnt",
    "In which countries is ITU physically present in UN country teams in Africa?",
    "988",
    {"ETH", "SEN", "CMR", "ZWE"},
    countries_at(988),
)
q(
    "s15-honduras",
    "Which countries does the Americas UN cooperation paragraph name?",
    "982",
    {"HND", "PRY"},
    countries_at(982),
)

# ---------------------------------------------------------------- cross-cutting
q(
    "wsis-c7-env",
    "Which WSIS action line does the WSIS 2021 session with WMO name?",
    "515",
    {"C7-e-environment"},
    stated_wsis_at(515),
)
q(
    "itu-target-not-sdg",
    "Does the graph wrongly read ITU target 3.5 (NETP) as an SDG target?",
    "502",
    set(),
    stated_sdgs_at(502),
)


# ---------------------------------------------------------------- second round: weak spots
q(
    "s2-cirt-mrt-2019",
    "In which year does the general list date Mauritania's CIRT readiness "
    "assessment (printed '（2019 ）' without 年)?",
    "133",
    {"MRT"},
    countries_at(133, "2019").replace(
        "?a baap:country/skos:notation ?v", '?a baap:country/skos:notation ?v FILTER(?v = "MRT")'
    ),
)
q(
    "s2-afr3-rest",
    "Which other countries does the Africa RI3 capacity-building bullet name "
    "besides the CIRT list (strategy workshop venue, COP forum venue)?",
    "157",
    {"TUN", "GHA"},
    countries_at(157).replace(
        "?a baap:country/skos:notation ?v",
        '?a baap:country/skos:notation ?v FILTER(?v IN ("TUN", "GHA"))',
    ),
)
q(
    "s6-dcm-years",
    "In which years was the Disaster Connectivity Map tested (Fiji, Haiti), and "
    "since when has disaster support been given?",
    "504",
    {"2018", "2020", "2021"},
    years_at(504),
)
q(
    "s9-port-of-spain",
    "Does the June 2018 C&I forum in Port of Spain (西班牙港) name Spain?",
    "800",
    {"TTO"},
    countries_at(800),
)
q(
    "s3-spanish-language",
    "Which countries does the list of accessibility resources in Spanish "
    "and other languages name? (西班牙文 is a language)",
    "226-229",
    set(),
    countries_at(227),
)
q(
    "s9-stp-portuguese",
    "Which countries does the direct-assistance paragraph name for "
    "Portuguese-speaking São Tomé and Príncipe? (葡萄牙语国家 is not Portugal)",
    "787",
    {"STP"},
    countries_at(787).replace(
        "?a baap:country/skos:notation ?v",
        '?a baap:country/skos:notation ?v FILTER(?v IN ("STP", "PRT"))',
    ),
)
q(
    "ldc-reports-no-region",
    "Which regions are the LDC connectivity-report paragraphs (after "
    "the regional lists) linked to?",
    "938-940",
    set(),
    regions_at(939),
)
q(
    "bare-headings",
    "Which regional-initiative headings lack an initiative number (source "
    "issues of type heading-missing-number)?",
    "81-718",
    {81, 90, 94, 106, 162, 165, 170, 197, 392, 718},
    "SELECT DISTINCT ?v WHERE { ?i a baap:SourceIssue ; baap:issueType "
    '"heading-missing-number" ; baap:startLine ?v }',
)
q(
    "figure-conflicts",
    "Which lines carry figure conflicts (source issues of type figure-conflict)?",
    "103-104,144,525,708-711,962",
    {103, 144, 525, 708, 962},
    'SELECT DISTINCT ?v WHERE { ?i a baap:SourceIssue ; baap:issueType "figure-conflict" ; '
    "baap:startLine ?v }",
    note="L962 (2019 and 2020 amounts both 15.2 million dollars) was added with issue 15",
)
q(
    "s1-certified-label",
    "How many ITU Academy users were certified (figure labelled as certified)?",
    "56",
    {"8057"},
    f"SELECT DISTINCT ?v WHERE {{ {_at(56)} ?a baap:metric ?m . ?m baap:value ?x ; "
    f'rdfs:label ?l . FILTER(CONTAINS(LCASE(STR(?l)), "certified")) BIND(STR(?x) AS ?v) }}',
)
q(
    "s1-women-share",
    "What share of the people trained by the Asia-Pacific DTCs were women?",
    "97",
    [(70, "percent")],
    metrics_at(97),
    "metrics",
)
q(
    "s11-sdg-not-connect2030",
    "Does the I-CoDI paragraph's 'Connect 2030 Agenda goal 4' get read as SDG 4?",
    "898",
    set(),
    stated_sdgs_at(898),
)


# ---------------------------------------------------------------- checking


def _answer(store: KnowledgeStore, question: Question) -> list[dict[str, str]]:
    return list(store.select(PREFIXES + question.query))


def _number(text: str) -> Decimal:
    return Decimal(text)


def check(question: Question, rows: list[dict[str, str]]) -> tuple[bool, str]:
    """(passed, what the graph said)."""
    mode, expected = question.mode, question.expected
    if mode == "count":
        got = _number(rows[0]["n"]) if rows and "n" in rows[0] else Decimal(0)
        return got == Decimal(expected), str(got)
    if mode == "partners":
        names: dict[str, set[str]] = {}
        for r in rows:
            names.setdefault(r["o"], set()).add(r["v"].lower())
        missing = [
            e
            for e in expected
            if not any(e.lower() in n for labels in names.values() for n in labels)
        ]
        return not missing, f"missing {missing}; got {sorted(k.rsplit('/', 1)[-1] for k in names)}"
    if mode == "metrics":
        got_pairs = {(_number(r["value"]), r.get("unit")) for r in rows}
        missing = [
            (v, u)
            for v, u in expected
            if not any(gv == Decimal(v) and (u is None or gu == u) for gv, gu in got_pairs)
        ]
        return not missing, f"missing {missing}; got {sorted(got_pairs)}"
    got_values = {r["v"] for r in rows}
    if expected and isinstance(next(iter(expected)), int):
        got_set: set[Any] = {int(v) for v in got_values}
    else:
        got_set = got_values
    if mode == "subset":
        return set(expected) <= got_set, str(sorted(got_set))
    return got_set == set(expected), str(sorted(got_set))


@pytest.mark.parametrize("question", Q, ids=[x.qid for x in Q])
def test_question(store: KnowledgeStore, question: Question) -> None:
    passed, got = check(question, _answer(store, question))
    assert passed, f"{question.text} (L{question.lines}) expected {question.expected!r}, got {got}"


def test_question_set_is_large_and_unique() -> None:
    assert len(Q) >= 70
    assert len({x.qid for x in Q}) == len(Q)


ALLOWED = re.compile(r"(baap|prov|rdfs|skos|xsd|id):[A-Za-z]")


def test_queries_use_contract_vocabulary_only() -> None:
    for question in Q:
        for prefix in re.findall(r"\b([a-z]+):[A-Za-z]", question.query):
            assert prefix in {"baap", "prov", "rdfs", "skos", "xsd", "id"}, question.qid
        assert "baap:subsection" not in question.query


def _jsonable(value: Any) -> Any:
    if isinstance(value, set):
        return sorted(value, key=str)
    if isinstance(value, list):
        return [list(v) if isinstance(v, tuple) else v for v in value]
    return value


def test_questions_json_is_current() -> None:
    """questions.json mirrors this file (regenerate: python -m tests.content.test_questions)."""
    assert json.loads(JSON_FILE.read_text(encoding="utf-8")) == _as_json()


def _as_json() -> list[dict[str, Any]]:
    out = []
    for question in Q:
        item = asdict(question)
        item["expected"] = _jsonable(question.expected)
        item["query"] = PREFIXES + question.query
        item.pop("extra")
        out.append(item)
    return out


if __name__ == "__main__":
    JSON_FILE.write_text(
        json.dumps(_as_json(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
