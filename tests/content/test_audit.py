"""The audit on the real data: CONTRACT.md's JSON shape, and every count, gap list and matrix
against an independent SPARQL query (or a plain pass over the quads) written here."""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pyoxigraph as ox
import pytest

from service.audit import benchmark, compute_audit
from service.audit_report import href, render_csv, render_html
from service.config import PROJECT_ROOT, Settings
from service.i18n import translate
from service.store import KnowledgeStore

BAAP = "https://w3id.org/baap/ontology#"
ID = "https://w3id.org/baap/id/"
SDG = "http://metadata.un.org/sdg/"
GRAPH = "https://w3id.org/baap/graph/"
DERIVED = f"{GRAPH}derived"
REFERENCE = "https://w3id.org/baap/graph/reference"
ONTOLOGY = "https://w3id.org/baap/graph/ontology"
PREFIXES = f"""
PREFIX baap: <{BAAP}>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX sdgo: <http://metadata.un.org/sdg/ontology#>
"""
#: SPARQL patterns for a link of each basis (CONTRACT v2: the graph it is in).
BASIS = {
    "report": f"GRAPH <{GRAPH}report> {{ ?a {{P}} {{O}} }}",
    "curation": f"GRAPH <{GRAPH}curation> {{ ?a {{P}} {{O}} }}",
    "stated": f"{{ GRAPH <{GRAPH}report> {{ ?a {{P}} {{O}} }} }} "
    f"UNION {{ GRAPH <{GRAPH}curation> {{ ?a {{P}} {{O}} }} }}",
    "inferred": f"GRAPH <{GRAPH}inferred> {{ ?a {{P}} {{O}} }}",
    "derived": f"GRAPH <{DERIVED}> {{ ?a {{P}} {{O}} }}",
    "any": "?a {P} {O} .",
}


def rows(store: KnowledgeStore, query: str) -> Iterator[ox.QuerySolution]:
    result = store.oxigraph.query(PREFIXES + query, use_default_graph_as_union=True)
    assert isinstance(result, ox.QuerySolutions)
    yield from result


def column(store: KnowledgeStore, query: str) -> list[str]:
    return sorted(row[0].value for row in rows(store, query) if row[0] is not None)


def link(prop: str, basis: str, obj: str = "?x") -> str:
    return BASIS[basis].replace("{P}", prop).replace("{O}", obj)


@pytest.fixture(scope="module")
def audit(store: KnowledgeStore, settings: Settings) -> dict[str, Any]:
    return compute_audit(store, settings.shapes_dir, settings.base_iri).to_dict()


# ---------------------------------------------------------------- shape of the JSON


def is_iri(value: object) -> bool:
    return isinstance(value, str) and value.startswith(("http://", "https://"))


def iri_list(value: object) -> bool:
    return isinstance(value, list) and all(is_iri(v) for v in value) and value == sorted(value)


def test_json_has_exactly_the_contract_keys_and_types(audit: dict[str, Any]) -> None:
    assert set(audit) == {
        "dataVersion",
        "generatedAt",
        "validation",
        "coverage",
        "matrices",
        "gaps",
        "sourceIssues",
    }
    assert isinstance(audit["dataVersion"], str) and audit["dataVersion"]
    assert datetime.fromisoformat(audit["generatedAt"].replace("Z", "+00:00")).tzinfo is not None
    validation = audit["validation"]
    assert set(validation) == {"conforms", "violations", "warnings", "infos"}
    assert isinstance(validation["conforms"], bool)
    assert all(type(validation[k]) is int for k in ("violations", "warnings", "infos"))
    assert set(audit["coverage"]) == {
        "regionalInitiative",
        "region",
        "question",
        "sdgGoal",
        "sdgTarget",
        "wsisActionLine",
        "country",
        "partner",
        "year",
    }
    for counts in audit["coverage"].values():
        assert list(counts) == [
            "report", "curation", "stated", "inferred", "derived", "any", "total"
        ]  # fmt: skip
        assert all(type(v) is int for v in counts.values())
        assert max(counts["report"], counts["curation"]) <= counts["stated"]
        assert counts["stated"] <= counts["report"] + counts["curation"]
        assert max(counts["stated"], counts["inferred"], counts["derived"]) <= counts["any"]
        assert counts["any"] <= counts["total"]
    assert set(audit["matrices"]) == {
        "thematicPriorityBySdgGoal",
        "thematicPriorityByWsisActionLine",
        "regionByRegionalInitiative",
        "questionByThematicPriority",
    }
    for matrix in audit["matrices"].values():
        assert set(matrix) == {"rows", "columns", "counts"}
        assert all(is_iri(r) for r in matrix["rows"] + matrix["columns"])
        assert len(matrix["counts"]) == len(matrix["rows"])
        for counts_row in matrix["counts"]:
            assert len(counts_row) == len(matrix["columns"])
            assert all(type(v) is int and v >= 0 for v in counts_row)
    gaps = audit["gaps"]
    stated_any = {
        "regionalInitiativesWithoutActivity",
        "questionsWithoutActivity",
        "sdgGoalsWithoutActivity",
        "sdgTargetsWithoutActivity",
        "wsisActionLinesWithoutActivity",
    }
    lists = {
        "activitiesWithoutCountry",
        "activitiesWithoutYear",
        "danglingIris",
        "unusedReferenceEntities",
    }
    assert set(gaps) == stated_any | lists
    for name in stated_any:
        assert set(gaps[name]) == {"stated", "any"}
        assert iri_list(gaps[name]["stated"]) and iri_list(gaps[name]["any"])
        assert set(gaps[name]["any"]) <= set(gaps[name]["stated"])
    for name in lists:
        assert iri_list(gaps[name]), name
    assert isinstance(audit["sourceIssues"], list) and audit["sourceIssues"]
    for issue in audit["sourceIssues"]:
        assert set(issue) == {"iri", "issueType", "startLine", "endLine", "comment", "affects"}
        assert is_iri(issue["iri"]) and isinstance(issue["issueType"], str)
        assert type(issue["startLine"]) is int and type(issue["endLine"]) is int
        assert isinstance(issue["comment"], str) and issue["comment"]
        assert iri_list(issue["affects"])
    iris = [i["iri"] for i in audit["sourceIssues"]]
    assert iris == sorted(iris)


def test_data_version_and_validation_come_from_the_store(
    audit: dict[str, Any], store: KnowledgeStore, settings: Settings
) -> None:
    from service.validation import validate_store

    assert audit["dataVersion"] == store.data_version
    assert audit["validation"] == validate_store(store, settings.shapes_dir).counts()


# ---------------------------------------------------------------- coverage


ROLL_UP_GOAL = "{ ?x a sdgo:Goal BIND(?x AS ?e) } UNION { ?x skos:broader ?e . ?e a sdgo:Goal }"
COVERAGE = {
    "regionalInitiative": ("baap:regionalInitiative", ""),
    "region": ("baap:region", ""),
    "question": ("baap:question", ""),
    "sdgGoal": ("baap:contributesTo", ROLL_UP_GOAL),
    "sdgTarget": ("baap:contributesTo", "?x a sdgo:Target ."),
    "wsisActionLine": ("baap:supportsActionLine", ""),
    "country": ("baap:country", ""),
    "partner": ("baap:partner", ""),
    "year": ("baap:year", ""),
}


@pytest.mark.parametrize("dimension", sorted(COVERAGE))
def test_coverage_counts_match_sparql(
    audit: dict[str, Any], store: KnowledgeStore, dimension: str
) -> None:
    prop, extra = COVERAGE[dimension]
    total = len(column(store, "SELECT DISTINCT ?a WHERE { ?a a baap:Activity }"))
    expected = {"total": total}
    for basis in BASIS:
        expected[basis] = len(
            column(
                store,
                f"SELECT DISTINCT ?a WHERE {{ ?a a baap:Activity . {link(prop, basis)} {extra} }}",
            )
        )
    assert audit["coverage"][dimension] == expected


# ---------------------------------------------------------------- gaps


def entities(store: KnowledgeStore, cls: str) -> list[str]:
    return column(store, f"SELECT DISTINCT ?e WHERE {{ GRAPH <{REFERENCE}> {{ ?e a {cls} }} }}")


GAPS = {
    # gap -> (class, property, whether a link to a narrower entity counts for ?e)
    "regionalInitiativesWithoutActivity": (
        "baap:RegionalInitiative",
        "baap:regionalInitiative",
        False,
    ),
    "questionsWithoutActivity": ("baap:Question", "baap:question", False),
    "sdgGoalsWithoutActivity": ("sdgo:Goal", "baap:contributesTo", True),
    "sdgTargetsWithoutActivity": ("sdgo:Target", "baap:contributesTo", False),
    "wsisActionLinesWithoutActivity": ("baap:WSISActionLine", "baap:supportsActionLine", True),
}


@pytest.mark.parametrize("gap", sorted(GAPS))
@pytest.mark.parametrize("basis", ["stated", "any"])
def test_stated_any_gaps_match_sparql(
    audit: dict[str, Any], store: KnowledgeStore, gap: str, basis: str
) -> None:
    cls, prop, roll_up = GAPS[gap]
    # What the links reach, then the complement (NOT EXISTS per entity is slow in Oxigraph).
    narrower = (
        f"UNION {{ ?a a baap:Activity . {link(prop, basis, '?x')} ?x skos:broader ?e }}"
        if roll_up
        else ""
    )
    reached = column(
        store,
        f"""SELECT DISTINCT ?e WHERE {{
              {{ ?a a baap:Activity . {link(prop, basis, "?e")} }} {narrower}
            }}""",
    )
    expected = sorted(set(entities(store, cls)) - set(reached))
    assert audit["gaps"][gap][basis] == expected


def test_gap_universes_have_the_contract_sizes(store: KnowledgeStore) -> None:
    assert len(entities(store, "baap:RegionalInitiative")) == 30
    assert len(entities(store, "baap:Question")) == 14
    assert len(entities(store, "sdgo:Goal")) == 17
    assert len(entities(store, "sdgo:Target")) == 169
    assert len(entities(store, "baap:WSISActionLine")) == 19


@pytest.mark.parametrize(
    ("gap", "prop"),
    [("activitiesWithoutCountry", "baap:country"), ("activitiesWithoutYear", "baap:year")],
)
def test_activities_without_a_value_match_sparql(
    audit: dict[str, Any], store: KnowledgeStore, gap: str, prop: str
) -> None:
    expected = column(
        store,
        f"SELECT DISTINCT ?a WHERE {{ ?a a baap:Activity FILTER NOT EXISTS {{ ?a {prop} ?v }} }}",
    )
    assert audit["gaps"][gap] == expected


def test_dangling_iris_match_a_pass_over_the_quads(
    audit: dict[str, Any], store: KnowledgeStore, settings: Settings
) -> None:
    subjects = {q.subject.value for q in store.oxigraph if isinstance(q.subject, ox.NamedNode)}
    objects = {
        q.object.value
        for q in store.oxigraph
        if isinstance(q.object, ox.NamedNode)
        and not (isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value == ONTOLOGY)
        and q.object.value.startswith((settings.base_iri, SDG))
    }
    assert audit["gaps"]["danglingIris"] == sorted(objects - subjects)


REFERENCE_CLASSES = (
    "baap:Region",
    "baap:RegionalInitiative",
    "baap:ThematicPriority",
    "baap:StrategicInitiative",
    "baap:StudyGroup",
    "baap:Question",
    "baap:WSISActionLine",
    "sdgo:Goal",
    "sdgo:Target",
    "baap:Country",
    "baap:Organization",
)


def test_unused_reference_entities_match_sparql(
    audit: dict[str, Any], store: KnowledgeStore
) -> None:
    reference = column(
        store,
        f"""SELECT DISTINCT ?e WHERE {{
              VALUES ?c {{ {" ".join(REFERENCE_CLASSES)} }}
              GRAPH <{REFERENCE}> {{ ?e a ?c }}
            }}""",
    )
    reached = column(
        store,
        """SELECT DISTINCT ?e WHERE {
             { ?a a baap:Activity ; ?p ?e } UNION { ?a a baap:Activity ; ?p ?x . ?x skos:broader ?e }
           }""",
    )
    expected = sorted(set(reference) - set(reached))
    assert audit["gaps"]["unusedReferenceEntities"] == expected


# ---------------------------------------------------------------- matrices


MATRICES = {
    # matrix -> (row class, column class, pattern linking ?a to ?r and ?c)
    "thematicPriorityBySdgGoal": (
        "baap:ThematicPriority",
        "sdgo:Goal",
        "?a baap:thematicPriority ?r ; baap:contributesTo ?x . { ?x a sdgo:Goal BIND(?x AS ?c) } UNION { ?x skos:broader ?c . ?c a sdgo:Goal }",
    ),
    "thematicPriorityByWsisActionLine": (
        "baap:ThematicPriority",
        "baap:WSISActionLine",
        "?a baap:thematicPriority ?r ; baap:supportsActionLine ?x . { ?x a baap:WSISActionLine BIND(?x AS ?c) } UNION { ?x skos:broader ?c }",
    ),
    "regionByRegionalInitiative": (
        "baap:Region",
        "baap:RegionalInitiative",
        "?a baap:region ?r ; baap:regionalInitiative ?c .",
    ),
    "questionByThematicPriority": (
        "baap:Question",
        "baap:ThematicPriority",
        "?a baap:question ?r ; baap:thematicPriority ?c .",
    ),
}


@pytest.mark.parametrize("name", sorted(MATRICES))
def test_matrix_matches_sparql(audit: dict[str, Any], store: KnowledgeStore, name: str) -> None:
    row_class, column_class, pattern = MATRICES[name]
    matrix = audit["matrices"][name]
    assert sorted(matrix["rows"]) == entities(store, row_class)
    assert sorted(matrix["columns"]) == entities(store, column_class)
    expected: dict[tuple[str, str], int] = {}
    for row in rows(
        store,
        f"""SELECT ?r ?c (COUNT(DISTINCT ?a) AS ?n) WHERE {{
              ?a a baap:Activity . {pattern}
              ?r a {row_class} . ?c a {column_class} .
            }} GROUP BY ?r ?c""",
    ):
        assert row["r"] is not None and row["c"] is not None and row["n"] is not None
        expected[row["r"].value, row["c"].value] = int(row["n"].value)
    got = {
        (r, c): matrix["counts"][i][j]
        for i, r in enumerate(matrix["rows"])
        for j, c in enumerate(matrix["columns"])
        if matrix["counts"][i][j]
    }
    assert got == expected


def test_matrix_axes_are_in_notation_order(audit: dict[str, Any]) -> None:
    tp_goal = audit["matrices"]["thematicPriorityBySdgGoal"]
    assert tp_goal["columns"] == [f"{SDG}{n}" for n in range(1, 18)]
    wsis = audit["matrices"]["thematicPriorityByWsisActionLine"]["columns"]
    codes = [c.rsplit("/", 1)[1] for c in wsis]
    assert codes[:7] == [f"C{n}" for n in range(1, 8)]
    assert codes[-4:] == ["C8", "C9", "C10", "C11"]
    assert all(code.startswith("C7-") for code in codes[7:-4])
    regions = audit["matrices"]["regionByRegionalInitiative"]
    assert [r.rsplit("/", 1)[1] for r in regions["rows"]] == [
        "AFR",
        "AMS",
        "ARB",
        "ASP",
        "CIS",
        "EUR",
    ]
    assert [c.rsplit("/", 1)[1] for c in regions["columns"]][:6] == [
        "AFR1",
        "AFR2",
        "AFR3",
        "AFR4",
        "AFR5",
        "AMS1",
    ]
    questions = [
        q.rsplit("/", 1)[1] for q in audit["matrices"]["questionByThematicPriority"]["rows"]
    ]
    assert questions[:2] == ["1-1", "2-1"] and questions[-1] == "7-2"


# ---------------------------------------------------------------- source issues


def test_source_issues_match_sparql(audit: dict[str, Any], store: KnowledgeStore) -> None:
    expected = {}
    for row in rows(
        store,
        """SELECT ?i ?t ?s ?e ?c WHERE { ?i a baap:SourceIssue ; baap:issueType ?t ;
             baap:startLine ?s ; baap:endLine ?e ; rdfs:comment ?c FILTER(lang(?c) = "en") }""",
    ):
        values = [row[v].value for v in ("i", "t", "s", "e", "c") if row[v] is not None]
        expected[values[0]] = (values[1], int(values[2]), int(values[3]), values[4])
    got = {
        i["iri"]: (i["issueType"], i["startLine"], i["endLine"], i["comment"])
        for i in audit["sourceIssues"]
    }
    assert got == expected
    for issue in audit["sourceIssues"]:
        assert issue["affects"] == column(
            store, f"SELECT DISTINCT ?a WHERE {{ <{issue['iri']}> baap:affects ?a }}"
        )


# ---------------------------------------------------------------- CSV and HTML


def test_csv_carries_the_json(store: KnowledgeStore, settings: Settings) -> None:
    audit = compute_audit(store, settings.shapes_dir, settings.base_iri)
    data = audit.to_dict()
    table = list(csv.reader(io.StringIO(render_csv(audit))))
    assert table[0] == ["section", "key", "row", "column", "value"]
    body = table[1:]
    assert ["meta", "dataVersion", "", "", data["dataVersion"]] in body
    for dimension, counts in data["coverage"].items():
        for basis, value in counts.items():
            assert ["coverage", dimension, "", basis, str(value)] in body
    cells = {(r[1], r[2], r[3]): int(r[4]) for r in body if r[0] == "matrices"}
    for name, matrix in data["matrices"].items():
        for i, row in enumerate(matrix["rows"]):
            for j, col in enumerate(matrix["columns"]):
                assert cells[name, row, col] == matrix["counts"][i][j]
    for name, gap in data["gaps"].items():
        if isinstance(gap, dict):
            for basis in ("stated", "any"):
                assert [r[4] for r in body if r[:2] == ["gaps", name] and r[3] == basis] == gap[
                    basis
                ]
        else:
            assert [r[4] for r in body if r[:2] == ["gaps", name]] == gap
    issues = {r[1] for r in body if r[0] == "sourceIssues"}
    assert issues == {i["iri"] for i in data["sourceIssues"]}


def test_html_is_self_contained_and_links_every_entity(
    store: KnowledgeStore, settings: Settings
) -> None:
    audit = compute_audit(store, settings.shapes_dir, settings.base_iri)
    data = audit.to_dict()
    page = render_html(audit, settings.base_iri)
    assert data["dataVersion"] in page and data["generatedAt"] in page
    assert "<script" not in page.lower() and "<link" not in page.lower()
    assert not re.search(r"""(src|href)=["']https?:""", page)
    assert "@import" not in page and "url(" not in page
    svgs = re.findall(r"<svg.*?</svg>", page, flags=re.S)
    assert len(svgs) == 4
    for svg in svgs:
        ET.fromstring(svg)  # noqa: S314 - our own page, checked to be well-formed XML
    for name, matrix in data["matrices"].items():
        for iri in matrix["rows"] + matrix["columns"]:
            assert f'href="{href(iri)}"' in page, (name, iri)
    for iri in data["gaps"]["questionsWithoutActivity"]["any"] + data["gaps"]["danglingIris"]:
        assert f'href="{href(iri)}"' in page
    for issue in data["sourceIssues"]:
        assert f'href="{href(issue["iri"])}"' in page


def test_entity_links_are_local_pages() -> None:
    assert href(f"{ID}regional-initiative/AFR1") == "/id/regional-initiative/AFR1"
    assert href(f"{SDG}5.b") == "/id/sdg/5.b"


def test_the_benchmark_reports_cold_and_cached_timings(
    store: KnowledgeStore, settings: Settings
) -> None:
    """(The timings themselves are `make bench`'s to print, not a test's to bound.)"""
    timings = benchmark(store, settings.shapes_dir)
    assert set(timings) == {"validation_cold", "validation_warm", "audit_cold", "audit_warm"}
    assert all(seconds >= 0 for seconds in timings.values())


def test_html_headline_is_what_the_report_states_with_a_bar_per_basis(
    store: KnowledgeStore, settings: Settings
) -> None:
    audit = compute_audit(store, settings.shapes_dir, settings.base_iri)
    data = audit.to_dict()
    page = render_html(audit, settings.base_iri)
    for dimension, counts in data["coverage"].items():
        row = re.search(rf'<tr id="coverage-{dimension}".*?</tr>', page, flags=re.S)
        assert row is not None, dimension
        headline = re.search(r'class="num headline"[^>]*><strong>([\d.]+)%', row.group(0))
        assert headline is not None
        assert headline.group(1) == f"{100.0 * counts['report'] / counts['total']:.1f}"
        bars = re.findall(r'<span class="bar (\w+)" style="width: ([\d.]+)%"', row.group(0))
        assert bars == [
            (basis, f"{100.0 * counts[basis] / counts['total']:.1f}")
            for basis in ("report", "curation", "inferred", "derived")
        ]
    # the mapping no longer passes for what the report says: SDG targets stated by it are few
    assert data["coverage"]["sdgTarget"]["report"] < data["coverage"]["sdgTarget"]["derived"]


def test_readme_coverage_table_is_the_audit_of_the_data_as_built(audit: dict[str, Any]) -> None:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Coverage per basis", 1)[1].split("\n### ", 1)[0]
    rows = [line.strip("|").split("|") for line in section.splitlines() if line.startswith("| ")]
    header, *body = ([cell.strip() for cell in row] for row in rows)
    assert header == ["dimension", "report", "curation", "stated", "inferred", "derived", "any", "of"]
    coverage = audit["coverage"]
    # the rows are named as the audit page names its dimensions (`audit.dim.*`), in lower case
    names = {translate("en", f"audit.dim.{d}").casefold(): d for d in coverage}
    printed = {names[name.casefold()]: [int(cell) for cell in cells] for name, *cells in body}
    assert printed == {
        dimension: [coverage[dimension][b] for b in (*header[1:-1], "total")]
        for dimension in coverage
    }
