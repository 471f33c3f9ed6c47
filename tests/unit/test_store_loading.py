"""`serve --data`: every RDF syntax loads, quads keep their graph names, hostile XML is refused."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from service.errors import DataLoadError
from service.store import KnowledgeStore, LoadedFile

TRIPLE = "<http://e/s> <http://e/p> <http://e/o> ."
SAMPLES = {
    "data.ttl": "@prefix e: <http://e/> . e:s e:p e:o .",
    "data.nt": TRIPLE,
    "data.nq": "<http://e/s> <http://e/p> <http://e/o> <http://e/g> .",
    "data.trig": "<http://e/g> { <http://e/s> <http://e/p> <http://e/o> }",
    "data.jsonld": '{"@id": "http://e/s", "http://e/p": {"@id": "http://e/o"}}',
    "data.rdf": (
        '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:e="http://e/"><rdf:Description rdf:about="http://e/s">'
        '<e:p rdf:resource="http://e/o"/></rdf:Description></rdf:RDF>'
    ),
}
BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="http://e/">
 <rdf:Description rdf:about="http://e/s"><e:p>&c;</e:p></rdf:Description>
</rdf:RDF>
"""


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_rdf_syntax_loads(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(SAMPLES[name], encoding="utf-8")
    store = KnowledgeStore([LoadedFile(path, None)])
    assert len(store) == 1


def test_quads_keep_their_graph_names_and_triples_go_to_the_default_graph(tmp_path: Path) -> None:
    (tmp_path / "a.trig").write_text(SAMPLES["data.trig"], encoding="utf-8")
    (tmp_path / "b.nt").write_text(TRIPLE, encoding="utf-8")
    store = KnowledgeStore(
        [LoadedFile(tmp_path / "a.trig", None), LoadedFile(tmp_path / "b.nt", None)]
    )
    assert store.triple_counts() == {"default": 1, "http://e/g": 1}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_xml_entity_declarations_are_refused_before_parsing(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "laughs.rdf"
    path.write_bytes(BILLION_LAUGHS.encode(encoding))
    with pytest.raises(DataLoadError, match="ENTITY"):
        KnowledgeStore([LoadedFile(path, None)])


def test_unknown_extension_and_bad_syntax_name_the_file(tmp_path: Path) -> None:
    (tmp_path / "x.csv").write_text("a,b", encoding="utf-8")
    with pytest.raises(DataLoadError, match=r"x\.csv.*extension"):
        KnowledgeStore([LoadedFile(tmp_path / "x.csv", None)])
    (tmp_path / "bad.ttl").write_text("<http://e/s> <http://e/p> .", encoding="utf-8")
    with pytest.raises(DataLoadError, match=r"bad\.ttl"):
        KnowledgeStore([LoadedFile(tmp_path / "bad.ttl", None)])


def test_serve_refuses_an_unparseable_file_with_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "laughs.rdf"
    path.write_text(BILLION_LAUGHS, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "service", "serve", "--port", "1", "--data", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert "ENTITY" in done.stderr and "Traceback" not in done.stderr
