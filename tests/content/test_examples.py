"""The example queries of `/sparql/examples`: well-formed, and each one's answer checked.

Every answer is compared with an expectation computed another way: plain Python over the store's
quads (the `Facts` index below, no SPARQL involved), or facts of the report itself (30 regional
initiatives, 14 Questions, the Resolution 9 table totalling 160). Counts that a rebuild of
`data/generated` may change are always computed from the data, never written down here.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from decimal import Decimal
from importlib import resources
from pathlib import Path

import pyoxigraph as ox
import pytest

from service.config import Settings
from service.examples import (
    AUDIENCES,
    EXAMPLES_DIR,
    QUERY_FORMS,
    Example,
    load_examples,
    parse_example,
    query_form,
)
from service.store import KnowledgeStore

BAAP = "https://w3id.org/baap/ontology#"
ID = "https://w3id.org/baap/id/"
GRAPH = "https://w3id.org/baap/graph/"
DERIVED = GRAPH + "derived"
STATED = (GRAPH + "report", GRAPH + "curation")
MAPPING = GRAPH + "mapping"
SDG = "http://metadata.un.org/sdg/"
SDGO = "http://metadata.un.org/sdg/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
RDFS_COMMENT = "http://www.w3.org/2000/01/rdf-schema#comment"
SKOS_NOTATION = "http://www.w3.org/2004/02/skos/core#notation"
SKOS_BROADER = "http://www.w3.org/2004/02/skos/core#broader"
DERIVED_FROM = "http://www.w3.org/ns/prov#wasDerivedFrom"
OWL = "http://www.w3.org/2002/07/owl#"

ACTIVITY = BAAP + "Activity"
GOAL = SDGO + "Goal"

Row = dict[str, str]


# ---------------------------------------------------------------- independent index of the data


class Facts:
    """Every quad of the store, indexed in plain Python dictionaries (no SPARQL)."""

    def __init__(self, store: KnowledgeStore) -> None:
        self.out: dict[str, dict[str, set[ox.Term]]] = defaultdict(lambda: defaultdict(set))
        self.inverse: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        self.quads: list[tuple[str, str, ox.Term, str]] = []
        for quad in store.oxigraph:
            subject = quad.subject.value
            predicate = quad.predicate.value
            graph = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else ""
            self.out[subject][predicate].add(quad.object)
            self.inverse[predicate][quad.object.value].add(subject)
            self.quads.append((subject, predicate, quad.object, graph))

    def objects(self, subject: str, predicate: str) -> set[ox.Term]:
        return self.out.get(subject, {}).get(predicate, set())

    def values(self, subject: str, predicate: str) -> set[str]:
        """Lexical values (IRIs without brackets) of the objects."""
        return {o.value for o in self.objects(subject, predicate)}

    def value(self, subject: str, predicate: str) -> str | None:
        found = sorted(self.values(subject, predicate))
        return found[0] if found else None

    def subjects(self, predicate: str, obj: str) -> set[str]:
        return self.inverse.get(predicate, {}).get(obj, set())

    def instances(self, cls: str) -> set[str]:
        return self.subjects(RDF_TYPE, cls)

    def label(self, subject: str, lang: str) -> str | None:
        for term in self.objects(subject, RDFS_LABEL):
            if isinstance(term, ox.Literal) and term.language == lang:
                return term.value
        return None

    def notation(self, subject: str) -> str | None:
        return self.value(subject, SKOS_NOTATION)

    def by_notation(self, cls: str, notation: str) -> str:
        found = [x for x in self.instances(cls) if notation in self.values(x, SKOS_NOTATION)]
        assert len(found) == 1, f"{cls} {notation}: {found}"
        return found[0]

    def links(self, predicate: str) -> Iterator[tuple[str, str, str]]:
        """(subject, object, graph) of every quad with this predicate."""
        for subject, pred, obj, graph in self.quads:
            if pred == predicate:
                yield subject, obj.value, graph

    def activities(self) -> set[str]:
        return self.instances(ACTIVITY)

    def goal_of(self, sdg: str) -> str | None:
        """The SDG goal a goal or target IRI counts for (target roll-up)."""
        if GOAL in self.values(sdg, RDF_TYPE):
            return sdg
        goals = [b for b in self.values(sdg, SKOS_BROADER) if GOAL in self.values(b, RDF_TYPE)]
        return goals[0] if goals else None

    def passage_lines(self, activity: str) -> tuple[int, int] | None:
        for passage in self.values(activity, DERIVED_FROM):
            start, end = (
                self.value(passage, BAAP + "startLine"),
                self.value(passage, BAAP + "endLine"),
            )
            if start is not None and end is not None:
                return int(start), int(end)
        return None

    def years(self, activity: str) -> set[int]:
        return {int(y) for y in self.values(activity, BAAP + "year")}


@pytest.fixture(scope="module")
def facts(store: KnowledgeStore) -> Facts:
    return Facts(store)


@pytest.fixture(scope="module")
def examples() -> dict[str, Example]:
    return {e.id: e for e in load_examples()}


def select(store: KnowledgeStore, example: Example) -> list[Row]:
    return list(store.select(example.query))


def run(
    store: KnowledgeStore, example: Example
) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
    result = store.oxigraph.query(example.query, use_default_graph_as_union=True)
    assert isinstance(result, ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples)
    return result


def ask(store: KnowledgeStore, example: Example) -> bool:
    result = run(store, example)
    assert isinstance(result, ox.QueryBoolean), example.id
    return bool(result)


def triples(store: KnowledgeStore, example: Example) -> set[tuple[str, str, str]]:
    result = run(store, example)
    assert isinstance(result, ox.QueryTriples), example.id
    return {(t.subject.value, t.predicate.value, str(t.object)) for t in result}


def split(cell: str | None) -> set[str]:
    """The items of a GROUP_CONCAT cell (separator ", ")."""
    return {item for item in (cell or "").split(", ") if item}


def en(facts: Facts, subject: str) -> str | None:
    return facts.label(subject, "en")


# ---------------------------------------------------------------- (a), (b): well-formed examples


def test_there_are_at_least_twenty_examples(examples: dict[str, Example]) -> None:
    assert len(examples) >= 20


def test_every_example_has_title_audience_description_and_a_unique_file_stem_id(
    examples: dict[str, Example],
) -> None:
    files = sorted(EXAMPLES_DIR.glob("*.rq"))
    assert [p.stem for p in files] == sorted(examples)  # one example per file, ids unique
    for example in examples.values():
        assert re.fullmatch(r"\d\d-[a-z0-9]+(-[a-z0-9]+)*", example.id), example.id
        assert example.title and "\n" not in example.title, example.id
        assert example.audience in AUDIENCES, example.id
        assert len(example.description) > 40, example.id
        assert example.query_form in QUERY_FORMS, example.id


def test_every_example_file_starts_with_the_three_header_lines_in_order() -> None:
    for path in sorted(EXAMPLES_DIR.glob("*.rq")):
        head = path.read_text(encoding="utf-8").splitlines()[:3]
        assert [line.split(":", 1)[0] for line in head] == [
            "# title",
            "# audience",
            "# description",
        ], path.name


def test_example_ids_are_numbered_consecutively_from_01(examples: dict[str, Example]) -> None:
    numbers = [int(i[:2]) for i in sorted(examples)]
    assert numbers == list(range(1, len(numbers) + 1))


def test_every_example_parses_with_pyoxigraph_on_an_empty_store(
    examples: dict[str, Example],
) -> None:
    empty = ox.Store()
    for example in examples.values():
        empty.query(example.query)  # raises SyntaxError on a malformed query


@pytest.mark.parametrize(
    ("form", "kind"),
    [
        ("SELECT", ox.QuerySolutions),
        ("ASK", ox.QueryBoolean),
        ("CONSTRUCT", ox.QueryTriples),
        ("DESCRIBE", ox.QueryTriples),
    ],
)
def test_detected_query_form_matches_the_result_kind_oxigraph_returns(
    store: KnowledgeStore, examples: dict[str, Example], form: str, kind: type
) -> None:
    of_form = [e for e in examples.values() if e.query_form == form]
    assert of_form, f"no {form} example"
    for example in of_form:
        assert isinstance(run(store, example), kind), example.id


def test_every_example_runs_on_the_real_data(
    store: KnowledgeStore, examples: dict[str, Example]
) -> None:
    """(How fast they run is for `make bench`; a test asserts no wall-clock bound.)"""
    for example in examples.values():
        result = run(store, example)
        if not isinstance(result, ox.QueryBoolean):
            list(result)


def test_examples_use_only_ontology_terms_of_the_baap_namespace(
    facts: Facts, examples: dict[str, Example]
) -> None:
    declared = {
        s
        for s, p, o, g in facts.quads
        if g == GRAPH + "ontology"
        and p == RDF_TYPE
        and s.startswith(BAAP)
        and o.value in {OWL + "Class", OWL + "ObjectProperty", OWL + "DatatypeProperty"}
    }
    for example in examples.values():
        used = {BAAP + name for name in re.findall(r"\bbaap:([A-Za-z][\w]*)", example.query)}
        assert used <= declared, (example.id, sorted(used - declared))


def test_examples_name_only_resources_and_graphs_that_exist(
    store: KnowledgeStore, facts: Facts, examples: dict[str, Example]
) -> None:
    graphs = set(store.triple_counts())  # every graph served, `inferred` even while empty
    for example in examples.values():
        for iri in re.findall(
            r"<(https://w3id\.org/baap/[^>]*|http://metadata\.un\.org/sdg/[^>]*)>", example.query
        ):
            if iri.endswith(("#", "/")):  # a PREFIX namespace, not a resource
                continue
            if iri.startswith(GRAPH):
                assert iri in graphs, (example.id, iri)
            elif iri.startswith((ID, SDG)):
                assert facts.out.get(iri), (example.id, iri)


# ---------------------------------------------------------------- the loader


def test_load_examples_defaults_to_the_packaged_folder_and_sorts_by_id() -> None:
    loaded = load_examples()
    assert loaded == load_examples(EXAMPLES_DIR)
    assert [e.id for e in loaded] == sorted(e.id for e in loaded)
    packaged = resources.files("service") / "examples"
    assert sorted(p.name for p in packaged.iterdir() if p.name.endswith(".rq")) == [
        f"{e.id}.rq" for e in loaded
    ]


def test_example_query_excludes_the_header_and_keeps_the_prefixes() -> None:
    example = parse_example(EXAMPLES_DIR / "01-africa-activities-sdg5.rq")
    assert not example.query.startswith("#")
    assert example.query.startswith("PREFIX baap:")


@pytest.mark.parametrize("missing", ["title", "audience", "description"])
def test_loader_raises_value_error_naming_the_file_when_a_header_field_is_missing(
    tmp_path: Path, missing: str
) -> None:
    header = {"title": "T", "audience": "researcher", "description": "D."}
    del header[missing]
    text = "".join(f"# {k}: {v}\n" for k, v in header.items()) + "ASK { ?s ?p ?o }\n"
    (tmp_path / "07-broken-example.rq").write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=rf"07-broken-example\.rq.*{missing}"):
        load_examples(tmp_path)


def test_loader_rejects_an_unknown_audience_naming_the_file(tmp_path: Path) -> None:
    (tmp_path / "01-x.rq").write_text(
        "# title: T\n# audience: everyone\n# description: D.\nASK {}\n", encoding="utf-8"
    )
    with pytest.raises(ValueError, match=r"01-x\.rq.*audience"):
        load_examples(tmp_path)


def test_loader_joins_a_description_wrapped_onto_further_comment_lines(tmp_path: Path) -> None:
    (tmp_path / "01-x.rq").write_text(
        "# title: T\n# audience: developer\n# description: First part,\n#   second part.\n"
        "SELECT * WHERE { ?s ?p ?o }\n",
        encoding="utf-8",
    )
    (example,) = load_examples(tmp_path)
    assert example.description == "First part, second part."
    assert example.query == "SELECT * WHERE { ?s ?p ?o }\n"


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("PREFIX ex: <http://example.org/ask#>\nselect * { ?s ?p ?o }", "SELECT"),
        ("# describe this\nPREFIX ex: <http://e/#>\nASK { ?s ex:select 'construct' }", "ASK"),
        ('BASE <http://e/>\nconstruct { ?s ?p "select" } WHERE { ?s ?p ?o }', "CONSTRUCT"),
        ("DESCRIBE <http://example.org/select>", "DESCRIBE"),
        ("PREFIX : <http://e/>\nSELECT ?ask WHERE { ?ask :p ?describe }", "SELECT"),
    ],
)
def test_query_form_ignores_keywords_inside_comments_iris_strings_and_names(
    text: str, form: str
) -> None:
    assert query_form(text) == form


def test_query_form_rejects_text_without_a_query_form() -> None:
    with pytest.raises(ValueError, match="SELECT"):
        query_form("PREFIX ex: <http://e/#select>\n# ask")


# ---------------------------------------------------------------- (c): every answer checked

CHECKED: set[str] = set()


def checks(example_id: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Mark a test as the answer check of one example: it receives that example as `example`
    (and the test below makes sure no example goes unchecked)."""

    def register(function: Callable[..., None]) -> Callable[..., None]:
        assert example_id not in CHECKED, example_id
        CHECKED.add(example_id)
        marked: Callable[..., None] = pytest.mark.parametrize("example_id", [example_id])(function)
        return marked

    return register


@pytest.fixture
def example(examples: dict[str, Example], example_id: str) -> Example:
    return examples[example_id]


@checks("01-africa-activities-sdg5")
def test_africa_sdg5_activities_are_those_linked_to_goal_5_or_its_targets(
    store: KnowledgeStore, facts: Facts, example: Example
) -> None:
    goal5 = SDG + "5"
    africa = ID + "region/AFR"
    expected: dict[str, tuple[set[str], set[str], set[str]]] = {}
    for activity, sdg, graph in facts.links(BAAP + "contributesTo"):
        if activity not in facts.activities() or africa not in facts.values(
            activity, BAAP + "region"
        ):
            continue
        if facts.goal_of(sdg) != goal5:
            continue
        years, codes, bases = expected.setdefault(activity, (set(), set(), set()))
        years.update(str(y) for y in facts.years(activity))
        codes.add(facts.notation(sdg) or "")
        bases.add("derived" if graph == DERIVED else "stated")
    rows = select(store, example)
    assert expected, "no African activity reaches SDG 5 in the data"
    assert {
        r["activity"]: (split(r.get("years")), split(r.get("sdgCodes")), split(r.get("bases")))
        for r in rows
    } == expected
    assert len(rows) == len(expected)
    for row in rows:
        assert row.get("title") == en(facts, row["activity"])


@checks("02-regional-initiatives-without-activity")
def test_initiatives_without_activity_are_those_no_activity_names(
    store: KnowledgeStore, facts: Facts, example: Example
) -> None:
    initiatives = facts.instances(BAAP + "RegionalInitiative")
    assert len(initiatives) == 30  # CONTRACT: 30 regional initiatives
    linked = {o for a, o, _ in facts.links(BAAP + "regionalInitiative") if a in facts.activities()}
    expected = initiatives - linked
    # Empty on the current data (every initiative has an activity): emptiness is the answer.
    assert {r["initiative"] for r in select(store, example)} == expected


@checks("03-study-group-2-countries-reached")
def test_sg2_rows_list_each_question_with_its_activities_countries_and_regions(
    store: KnowledgeStore, facts: Facts, example: Example
) -> None:
    sg2 = ID + "study-group/2"
    questions = {
        q for q in facts.instances(BAAP + "Question") if sg2 in facts.values(q, BAAP + "studyGroup")
    }
    assert len(questions) == 7  # ITU-D 2018-2021: Questions 1/2 ... 7/2
    expected = {}
    for question in questions:
        activities = facts.subjects(BAAP + "question", question)
        countries = {
            facts.notation(c) for a in activities for c in facts.values(a, BAAP + "country")
        }
        regions = {facts.notation(r) for a in activities for r in facts.values(a, BAAP + "region")}
        expected[question] = (len(activities), countries, regions)
    rows = select(store, example)
    assert {
        r["question"]: (int(r["activities"]), split(r.get("countries")), split(r.get("regions")))
        for r in rows
    } == expected
    assert len(rows) == 7


@checks("04-stated-vs-derived-sdg-per-priority")
def test_stated_and_derived_counts_per_priority_match_links_by_graph(
    store: KnowledgeStore, facts: Facts, example: Example
) -> None:
    acts: dict[tuple[str, bool], set[str]] = defaultdict(set)
    goals: dict[tuple[str, bool], set[str]] = defaultdict(set)
    for activity, sdg, graph in facts.links(BAAP + "contributesTo"):
        goal = facts.goal_of(sdg)
        if activity not in facts.activities() or goal is None:
            continue
        if graph not in (*STATED, DERIVED):
            continue
        for priority in facts.values(activity, BAAP + "thematicPriority"):
            acts[priority, graph == DERIVED].add(activity)
            goals[priority, graph == DERIVED].add(goal)
    rows = select(store, example)
    assert len(rows) == 10  # CONTRACT: 10 thematic priorities
    for row in rows:
        p = row["priority"]
        assert int(row["statedActivities"]) == len(acts[p, False]), p
        assert int(row["statedGoals"]) == len(goals[p, False]), p
        assert int(row["derivedActivities"]) == len(acts[p, True]), p
        assert int(row["derivedGoals"]) == len(goals[p, True]), p
    assert [int(r["notation"]) for r in rows] == list(range(1, 11))
    assert sum(int(r["derivedActivities"]) for r in rows) > 0


@checks("05-activities-per-region-and-year")
def test_region_year_cells_count_each_activity_once_per_region_and_year(
    store: KnowledgeStore, facts: Facts, example: Example
) -> None:
    cells: dict[tuple[str, str], set[str]] = defaultdict(set)
    for activity in facts.activities():
        for region in facts.values(activity, BAAP + "region"):
            for year in facts.values(activity, BAAP + "year"):
                cells[facts.notation(region) or "", year].add(activity)
    rows = select(store, example)
    assert {(r["regionCode"], r["year"]): int(r["activities"]) for r in rows} == {
        k: len(v) for k, v in cells.items()
    }
    assert len(rows) == len(cells) > 0


@checks("06-activities-per-regional-initiative")
def test_initiative_rows_give_both_titles_region_and_activity_count(
    store: KnowledgeStore, facts: Facts, example: Example
) -> None:
    expected = {}
    for ri in facts.instances(BAAP + "RegionalInitiative"):
        activities = facts.subjects(BAAP + "regionalInitiative", ri) & facts.activities()
        (region,) = facts.values(ri, BAAP + "region")
        expected[ri] = (
            facts.notation(ri),
            facts.notation(region),
            en(facts, ri),
            facts.label(ri, "zh"),
            len(activities),
        )
    rows = select(store, example)
    assert len(rows) == 30
    assert {
        r["initiative"]: (
            r["notation"],
            r["regionCode"],
            r.get("titleEn"),
            r.get("titleZh"),
            int(r["activities"]),
        )
        for r in rows
    } == expected
    assert all(r.get("titleEn") and r.get("titleZh") for r in rows)


@checks("07-questions-activity-counts")
def test_question_rows_count_activities_including_zero(
    store: KnowledgeStore, facts: Facts, example: Example
) -> None:
    expected = {}
    for q in facts.instances(BAAP + "Question"):
        (group,) = facts.values(q, BAAP + "studyGroup")
        count = len(facts.subjects(BAAP + "question", q) & facts.activities())
        expected[q] = (facts.notation(q), facts.notation(group), en(facts, q), count)
    rows = select(store, example)
    assert len(rows) == 14  # CONTRACT: 14 Questions
    assert {
        r["question"]: (r["notation"], r["studyGroup"], r.get("title"), int(r["activities"]))
        for r in rows
    } == expected


@checks("08-activities-naming-kenya")
def test_kenya_rows_are_the_activities_naming_ken_with_their_passage_lines(
    store: KnowledgeStore, facts: Facts, example: Example
) -> None:
    kenya = facts.by_notation(BAAP + "Country", "KEN")
    expected = set()
    for activity in facts.subjects(BAAP + "country", kenya) & facts.activities():
        for passage in facts.values(activity, DERIVED_FROM):
            expected.add(
                (
                    activity,
                    facts.value(passage, BAAP + "section"),
                    facts.value(passage, BAAP + "startLine"),
                    facts.value(passage, BAAP + "endLine"),
                )
            )
    rows = select(store, example)
    assert expected
    assert {(r["activity"], r["section"], r["startLine"], r["endLine"]) for r in rows} == expected
    assert len(rows) == len(expected)
    assert [int(r["startLine"]) for r in rows] == sorted(int(r["startLine"]) for r in rows)


@checks("09-partners-ranked")
def test_partner_ranking_counts_distinct_activities_per_organisation(
    store: KnowledgeStore, facts: Facts, example: Example
) -> None:
    partners: dict[str, set[str]] = defaultdict(set)
    for activity, organization, _ in facts.links(BAAP + "partner"):
        if activity in facts.activities():
            partners[organization].add(activity)
    counts = {o: len(a) for o, a in partners.items()}
    rows = select(store, example)
    assert {r["organization"]: int(r["activities"]) for r in rows} == counts
    ranked = [int(r["activities"]) for r in rows]
    assert ranked == sorted(ranked, reverse=True)
    assert rows[0]["activities"] == str(max(counts.values()))
    assert all(r.get("nameEn") == en(facts, r["organization"]) for r in rows)


@checks("10-figures-summed-by-priority")
def test_figure_totals_are_sums_of_values_per_priority_unit_and_kind(
    store: KnowledgeStore, facts: Facts, example: Example
) -> None:
    totals: dict[tuple[str, str, str], Decimal] = defaultdict(Decimal)
    figures: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    activities: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for activity in facts.activities():
        for figure in facts.values(activity, BAAP + "metric"):
            kind = en(facts, figure)
            unit = facts.value(figure, BAAP + "unit")
            if kind is None or unit is None:
                continue
            for value in facts.values(figure, BAAP + "value"):
                for priority in facts.values(activity, BAAP + "thematicPriority"):
                    key = (priority, unit, kind)
                    if figure not in figures[key]:
                        totals[key] += Decimal(value)
                    figures[key].add(figure)
                    activities[key].add(activity)
    rows = select(store, example)
    got = {(r["priority"], r["unit"], r["kind"]): r for r in rows}
    assert set(got) == set(totals)
    for key, row in got.items():
        assert Decimal(row["total"]) == totals[key], key
        assert int(row["figures"]) == len(figures[key]), key
        assert int(row["activities"]) == len(activities[key]), key
    trained = [k for k in got if k[2] == "people trained"]
    assert trained, "no 'people trained' figures"


@checks("11-sdg-goals-never-reached-stated")
def test_unreached_goals_are_goals_without_a_stated_activity_link(
    store: KnowledgeStore, facts: Facts, example: Example
) -> None:
    goals = facts.instances(GOAL)
    assert len(goals) == 17  # CONTRACT: 17 SDG goals
    reached = {
        facts.goal_of(sdg)
        for activity, sdg, graph in facts.links(BAAP + "contributesTo")
        if graph in STATED and activity in facts.activities()
    }
    rows = select(store, example)
    assert {r["goal"] for r in rows} == goals - reached
    assert rows, "every goal has a stated link: the example would show nothing"
    assert [int(r["notation"]) for r in rows] == sorted(int(r["notation"]) for r in rows)


@checks("12-wsis-action-lines-per-priority")
def test_wsis_cells_roll_c7_sublines_up_to_c7(
    store: KnowledgeStore, facts: Facts, example: Example
) -> None:
    c7 = ID + "wsis-action-line/C7"
    cells: dict[tuple[str, str], set[str]] = defaultdict(set)
    for activity, line, _ in facts.links(BAAP + "supportsActionLine"):
        if activity not in facts.activities():
            continue
        top = c7 if c7 in facts.values(line, SKOS_BROADER) else line
        for priority in facts.values(activity, BAAP + "thematicPriority"):
            cells[facts.notation(priority) or "", top].add(activity)
    rows = select(store, example)
    assert {(r["priorityNotation"], r["actionLine"]): int(r["activities"]) for r in rows} == {
        k: len(v) for k, v in cells.items()
    }
    assert not any("-" in r["actionLineCode"] for r in rows)  # no sub-line survives roll-up
    assert any(r["actionLineCode"] == "C7" for r in rows)


@checks("13-source-issues")
def test_source_issue_rows_carry_type_lines_comment_and_affected_count(
    store: KnowledgeStore, facts: Facts, example: Example
) -> None:
    expected = set()
    for issue in facts.instances(BAAP + "SourceIssue"):
        comment = next(
            (
                c.value
                for c in facts.objects(issue, RDFS_COMMENT)
                if isinstance(c, ox.Literal) and c.language == "en"
            ),
            None,
        )
        expected.add(
            (
                issue,
                facts.value(issue, BAAP + "issueType"),
                int(facts.value(issue, BAAP + "startLine") or 0),
                int(facts.value(issue, BAAP + "endLine") or 0),
                comment,
                len(facts.values(issue, BAAP + "affects")),
            )
        )
    rows = select(store, example)
    assert expected
    assert {
        (
            r["issue"],
            r["issueType"],
            int(r["startLine"]),
            int(r["endLine"]),
            r.get("comment"),
            int(r["affects"]),
        )
        for r in rows
    } == expected
    assert len(rows) == len(expected)


@checks("14-activities-without-country-or-year")
def test_rows_are_activities_missing_a_country_or_a_year_with_correct_flags(
    store: KnowledgeStore, facts: Facts, example: Example
) -> None:
    expected = {}
    for activity in facts.activities():
        no_country = not facts.values(activity, BAAP + "country")
        no_year = not facts.values(activity, BAAP + "year")
        if no_country or no_year:
            expected[activity] = (no_country, no_year, facts.passage_lines(activity))
    rows = select(store, example)
    assert expected
    assert {
        r["activity"]: (
            r["missingCountry"] == "true",
            r["missingYear"] == "true",
            (int(r["startLine"]), int(r["endLine"])),
        )
        for r in rows
    } == expected
    assert len(rows) == len(expected)


@checks("15-provenance-of-one-activity")
def test_provenance_row_is_the_passage_the_activity_derives_from(
    store: KnowledgeStore, facts: Facts, example: Example
) -> None:
    activity = ID + "activity/1-gen-11-s1"
    (passage,) = facts.values(activity, DERIVED_FROM)
    (row,) = select(store, example)
    assert row["passage"] == passage
    assert row["section"] == facts.value(passage, BAAP + "section") == "1"
    assert row["startLine"] == facts.value(passage, BAAP + "startLine")
    assert row["endLine"] == facts.value(passage, BAAP + "endLine")
    assert row["text"] == facts.value(passage, BAAP + "text")
    assert row.get("heading") == facts.value(passage, BAAP + "heading")
    assert row.get("document") == facts.value(passage, BAAP + "sourceDocument")
    assert "Digital Skills Campaign" in row["text"]  # the report's words (数字技能宣传活动)


@checks("16-labels-english-chinese")
def test_label_rows_pair_the_english_and_chinese_label_of_each_reference_entity(
    store: KnowledgeStore, facts: Facts, example: Example
) -> None:
    classes = [
        "Region",
        "RegionalInitiative",
        "ThematicPriority",
        "StrategicInitiative",
        "StudyGroup",
        "Question",
        "WSISActionLine",
    ]
    entities = {e for c in classes for e in facts.instances(BAAP + c)} | facts.instances(GOAL)
    rows = select(store, example)
    assert len(rows) == 6 + 30 + 10 + 3 + 2 + 14 + 19 + 17  # CONTRACT counts
    assert {r["entity"]: (r.get("labelEn"), r.get("labelZh")) for r in rows} == {
        e: (en(facts, e), facts.label(e, "zh")) for e in entities
    }
    assert all(r.get("labelEn") and r.get("labelZh") for r in rows)


@checks("17-ask-kenya-in-2020")
def test_kenya_2020_answer_matches_a_scan_of_kenya_activities(
    store: KnowledgeStore, facts: Facts, example: Example
) -> None:
    kenya = facts.by_notation(BAAP + "Country", "KEN")
    expected = any(2020 in facts.years(a) for a in facts.subjects(BAAP + "country", kenya))
    assert ask(store, example) is expected


@checks("18-ask-activity-without-provenance")
def test_provenance_gap_answer_matches_a_scan_of_all_activities(
    store: KnowledgeStore, facts: Facts, example: Example
) -> None:
    def traced(activity: str) -> bool:
        return any(
            facts.values(p, BAAP + "startLine")
            and facts.values(p, BAAP + "endLine")
            and facts.values(p, BAAP + "text")
            for p in facts.values(activity, DERIVED_FROM)
        )

    expected = any(not traced(a) for a in facts.activities())
    assert ask(store, example) is expected


@checks("19-construct-regional-initiative-subgraph")
def test_construct_returns_exactly_the_afr4_subgraph(
    store: KnowledgeStore, facts: Facts, example: Example
) -> None:
    ri = facts.by_notation(BAAP + "RegionalInitiative", "AFR4")
    expected: set[tuple[str, str, str]] = {(ri, RDF_TYPE, f"<{BAAP}RegionalInitiative>")}

    def add(subject: str, predicate: str) -> None:
        expected.update((subject, predicate, str(o)) for o in facts.objects(subject, predicate))

    for predicate in (SKOS_NOTATION, RDFS_LABEL, BAAP + "region"):
        add(ri, predicate)
    activities = facts.subjects(BAAP + "regionalInitiative", ri) & facts.activities()
    assert activities
    for activity in activities:
        expected.add((activity, RDF_TYPE, f"<{ACTIVITY}>"))
        expected.add((activity, BAAP + "regionalInitiative", f"<{ri}>"))
        for predicate in (
            RDFS_LABEL,
            BAAP + "year",
            BAAP + "country",
            BAAP + "thematicPriority",
            DERIVED_FROM,
        ):
            add(activity, predicate)
        for passage in facts.values(activity, DERIVED_FROM):
            add(passage, BAAP + "startLine")
            add(passage, BAAP + "endLine")
    assert triples(store, example) == expected


@checks("20-describe-activity")
def test_describe_returns_every_triple_about_the_activity_across_graphs(
    store: KnowledgeStore, facts: Facts, example: Example
) -> None:
    activity = ID + "activity/1-ri-1"
    expected = {(s, p, str(o)) for s, p, o, _ in facts.quads if s == activity}
    got = triples(store, example)
    assert got == expected
    assert {p for _, p, _ in got} >= {RDF_TYPE, RDFS_LABEL, DERIVED_FROM, BAAP + "contributesTo"}


@checks("21-links-by-named-graph")
def test_per_graph_link_counts_match_the_quads_of_each_graph(
    store: KnowledgeStore, facts: Facts, example: Example
) -> None:
    links: Counter[tuple[str, str]] = Counter()
    subjects: dict[tuple[str, str], set[str]] = defaultdict(set)
    objects: dict[tuple[str, str], set[str]] = defaultdict(set)
    for s, p, o, g in facts.quads:
        if p in (BAAP + "contributesTo", BAAP + "supportsActionLine") and s in facts.activities():
            links[g, p] += 1
            subjects[g, p].add(s)
            objects[g, p].add(o.value)
    rows = select(store, example)
    assert {
        (r["graph"], r["property"]): (int(r["links"]), int(r["activities"]), int(r["objects"]))
        for r in rows
    } == {k: (n, len(subjects[k]), len(objects[k])) for k, n in links.items()}
    for row in rows:
        assert row["basis"] == row["graph"].removeprefix(GRAPH), row


@checks("22-curated-mapping-with-basis")
def test_mapping_rows_are_the_link_justifications_with_their_asserted_link(
    store: KnowledgeStore, facts: Facts, example: Example
) -> None:
    mapping_links = {(s, p, o.value) for s, p, o, g in facts.quads if g == MAPPING}
    expected = set()
    for j in facts.instances(BAAP + "LinkJustification"):
        s = facts.value(j, BAAP + "justifiesSubject") or ""
        p = facts.value(j, BAAP + "justifiesProperty") or ""
        o = facts.value(j, BAAP + "justifiesObject") or ""
        expected.add(
            (
                s,
                p,
                o,
                facts.value(j, BAAP + "basis"),
                facts.value(j, BAAP + "confidence"),
                facts.value(j, BAAP + "evidence"),
                (s, p, o) in mapping_links,
            )
        )
    rows = select(store, example)
    assert expected
    assert {
        (
            r["subject"],
            r["property"],
            r["object"],
            r["basis"],
            r.get("confidence"),
            r.get("evidence"),
            r["asserted"] == "true",
        )
        for r in rows
    } == expected
    assert len(rows) == len(expected)


@checks("23-strategic-initiatives-activities")
def test_strategic_initiative_rows_pair_each_initiative_with_its_activities(
    store: KnowledgeStore, facts: Facts, example: Example
) -> None:
    initiatives = facts.instances(BAAP + "StrategicInitiative")
    assert {facts.notation(i) for i in initiatives} == {"giga", "connect2recover", "i-codi"}
    expected = {}
    for initiative in initiatives:
        for activity in facts.subjects(BAAP + "strategicInitiative", initiative):
            lines = facts.passage_lines(activity)
            expected[initiative, activity] = (
                {str(y) for y in facts.years(activity)},
                lines[0] if lines else None,
            )
    rows = select(store, example)
    assert {
        (r["initiative"], r["activity"]): (split(r.get("years")), int(r["startLine"])) for r in rows
    } == expected
    assert len(rows) == len(expected)
    assert {r["code"] for r in rows} == {"giga", "connect2recover", "i-codi"}


@checks("24-activities-in-year-range")
def test_year_range_rows_have_at_least_one_year_from_2019_to_2020(
    store: KnowledgeStore, facts: Facts, example: Example
) -> None:
    expected = {
        a: {str(y) for y in facts.years(a)}
        for a in facts.activities()
        if any(2019 <= y <= 2020 for y in facts.years(a))
    }
    rows = select(store, example)
    assert expected
    assert {r["activity"]: split(r.get("years")) for r in rows} == expected
    assert len(rows) == len(expected)
    # activities with years only outside the range (e.g. 2021 alone) are left out
    assert any(facts.years(a) == {2021} for a in facts.activities() - set(expected))


@checks("25-chinese-text-search")
def test_text_search_rows_are_the_passages_whose_chinese_text_contains_the_term(
    store: KnowledgeStore, facts: Facts, example: Example
) -> None:
    term = "女孩"
    assert f'"{term}"' in example.query
    expected = {
        (a, facts.passage_lines(a))
        for a in facts.activities()
        for p in facts.values(a, DERIVED_FROM)
        if any(term in t for t in facts.values(p, BAAP + "text"))
    }
    rows = select(store, example)
    assert expected
    assert {(r["activity"], (int(r["startLine"]), int(r["endLine"]))) for r in rows} == expected
    assert all(term in r["text"] for r in rows)


@checks("26-resolution-9-table")
def test_resolution_9_rows_match_the_table_printed_in_the_report(
    store: KnowledgeStore, settings: Settings, example: Example
) -> None:
    rows = select(store, example)
    counts = [int(r["activityCount"]) for r in rows]
    # The report's table (section 8), in printed order, and its printed total.
    assert counts == [26, 19, 13, 7, 10, 16, 8, 1, 9, 22, 12, 5, 1, 11]
    assert sum(counts) == 160
    (source,) = sorted(settings.source_dir.glob("*.txt"))
    lines = source.read_text(encoding="utf-8").splitlines()
    for row in rows:
        start, end = int(row["startLine"]), int(row["endLine"])
        assert row["topic"] in lines[start - 1], row
        assert lines[end - 1].strip() == row["activityCount"], row


@checks("27-countries-ranked")
def test_country_ranking_counts_distinct_activities_per_country(
    store: KnowledgeStore, facts: Facts, example: Example
) -> None:
    counts: dict[str, set[str]] = defaultdict(set)
    for activity, country, _ in facts.links(BAAP + "country"):
        if activity in facts.activities():
            counts[country].add(activity)
    rows = select(store, example)
    assert {r["country"]: int(r["activities"]) for r in rows} == {
        c: len(a) for c, a in counts.items()
    }
    ranked = [(-int(r["activities"]), r["iso"]) for r in rows]
    assert ranked == sorted(ranked)
    assert all(r["iso"] == facts.notation(r["country"]) for r in rows)


@checks("28-years-outside-reporting-period")
def test_out_of_period_rows_are_years_before_2018_or_after_2021_with_issues_on_their_lines(
    store: KnowledgeStore, facts: Facts, example: Example
) -> None:
    issues = facts.instances(BAAP + "SourceIssue")
    expected = {}
    for activity in facts.activities():
        lines = facts.passage_lines(activity)
        for year in facts.years(activity):
            if 2018 <= year <= 2021 or lines is None:
                continue
            types = set()
            for issue in issues:
                start = int(facts.value(issue, BAAP + "startLine") or 0)
                end = int(facts.value(issue, BAAP + "endLine") or 0)
                if (
                    lines[0] <= start <= lines[1]
                    or lines[0] <= end <= lines[1]
                    or activity in facts.values(issue, BAAP + "affects")
                ):
                    types.add(facts.value(issue, BAAP + "issueType") or "")
            expected[activity, str(year)] = (lines, types)
    rows = select(store, example)
    assert expected
    assert {
        (r["activity"], r["year"]): (
            (int(r["startLine"]), int(r["endLine"])),
            split(r.get("sourceIssueTypes")),
        )
        for r in rows
    } == expected
    assert len(rows) == len(expected)
    impossible = [r for r in rows if int(r["year"]) > 2030]
    assert all(r["sourceIssueTypes"] for r in impossible), impossible


def test_every_example_has_an_answer_check(examples: dict[str, Example]) -> None:
    assert set(examples) == CHECKED
