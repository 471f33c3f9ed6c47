"""`/api/` activity members: every link the member shows carries the bases of that link, read
from the named graphs it is in; a link held only by a default graph counts as report."""

from __future__ import annotations

from pathlib import Path

from service.api_members import activity_members, embed_linked, link_bases
from service.store import KnowledgeStore, LoadedFile

BAAP = "https://w3id.org/baap/ontology#"
ID = "https://w3id.org/baap/id/"
GRAPH = "https://w3id.org/baap/graph/"
ACTIVITY = f"{ID}activity/x-1"
PRIORITY = f"{ID}thematic-priority/cybersecurity"
TARGET = "http://metadata.un.org/sdg/16.2"


def _store(tmp_path: Path, nquads: str) -> KnowledgeStore:
    path = tmp_path / "data.nq"
    path.write_text(nquads, encoding="utf-8")
    return KnowledgeStore([LoadedFile(path, None)])


def _quad(p: str, o: str, graph: str | None) -> str:
    return f"<{ACTIVITY}> <{BAAP}{p}> <{o}> {f'<{GRAPH}{graph}>' if graph else ''} .\n"


def test_each_link_has_the_bases_of_the_graphs_it_is_in(tmp_path: Path) -> None:
    store = _store(
        tmp_path,
        _quad("thematicPriority", PRIORITY, "curation")
        + _quad("contributesTo", TARGET, "curation")
        + _quad("contributesTo", TARGET, "derived")
        + _quad("region", f"{ID}region/AFR", "report")
        + f'<{ACTIVITY}> <{BAAP}year> "2019"^^<http://www.w3.org/2001/XMLSchema#gYear> '
        f"<{GRAPH}report> .\n",
    )
    (member,) = activity_members(store, [ACTIVITY])
    assert member["thematicPriority"] == [PRIORITY]
    assert member["linkBasis"] == {
        "thematicPriority": {PRIORITY: ["curation"]},
        "region": {f"{ID}region/AFR": ["report"]},
        "contributesTo": {TARGET: ["curation", "derived"]},
        "year": {"2019": ["report"]},
    }


def test_a_link_only_in_the_default_graph_counts_as_report(tmp_path: Path) -> None:
    store = _store(tmp_path, _quad("thematicPriority", PRIORITY, None))
    (member,) = activity_members(store, [ACTIVITY])
    assert member["linkBasis"] == {"thematicPriority": {PRIORITY: ["report"]}}
    assert link_bases({"http://example.org/some-graph"}) == ["report"]


def test_embedding_names_the_entity_but_keeps_the_basis_off_it(tmp_path: Path) -> None:
    store = _store(tmp_path, _quad("thematicPriority", PRIORITY, "curation"))
    (member,) = embed_linked(
        activity_members(store, [ACTIVITY]), {PRIORITY: {"en": "Cybersecurity", "zh": "网络安全"}}
    )
    (node,) = member["thematicPriority"]
    assert node == {"id": PRIORITY, "label": {"en": "Cybersecurity", "zh": "网络安全"}}
    assert member["linkBasis"]["thematicPriority"][PRIORITY] == ["curation"]
