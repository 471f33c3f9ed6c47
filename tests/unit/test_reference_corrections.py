"""Curated corrections of the reference tables: applied where the table prints what they name,
said in an editorial note, and refused once the table prints something else."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import RDFS, SKOS, Literal

from service.config import Settings
from service.reference import ReferenceBuilder, ReferenceTableError, sdg_iri

CORRECTIONS = "reference_corrections.csv"


def _source(tmp_path: Path) -> Path:
    """A copy of the dataset's reference and curated tables."""
    source = Settings(_env_file=None).source_dir  # type: ignore[call-arg]
    for folder in ("reference", "curated"):
        shutil.copytree(source / folder, tmp_path / folder)
    return tmp_path


def _target_triples(source: Path, target: str) -> dict[object, set[Literal]]:
    node = sdg_iri(target)
    found: dict[object, set[Literal]] = {}
    for s, p, o in ReferenceBuilder(source).sdg_goals_and_targets():
        if s == node and isinstance(o, Literal):
            found.setdefault(p, set()).add(o)
    return found


def test_a_cut_off_target_text_is_given_in_full_with_a_note_saying_so(tmp_path: Path) -> None:
    triples = _target_triples(_source(tmp_path), "12.3")
    (definition,) = [d for d in triples[SKOS.definition] if d.language == "en"]
    assert str(definition).startswith("By 2030, halve per capita global food waste")
    assert Literal(f"Target 12.3: {definition}", lang="en") in triples[RDFS.label]
    (note,) = triples[SKOS.editorialNote]
    assert "'By 2030,d'" in note and "A/RES/71/313" in note


def test_without_the_corrections_file_the_table_is_taken_as_printed(tmp_path: Path) -> None:
    source = _source(tmp_path)
    (source / "curated" / CORRECTIONS).unlink()
    triples = _target_triples(source, "12.3")
    assert Literal("By 2030,d", lang="en") in triples[SKOS.definition]
    assert SKOS.editorialNote not in triples


def test_a_correction_the_table_no_longer_needs_stops_the_build(tmp_path: Path) -> None:
    source = _source(tmp_path)
    table = source / "reference" / "sdg_targets.csv"
    table.write_text(table.read_text(encoding="utf-8").replace('"By 2030,d"', '"By 2030, halve"'),
                     encoding="utf-8")  # fmt: skip
    with pytest.raises(ReferenceTableError, match="12.3 text_en now reads 'By 2030, halve'"):
        list(ReferenceBuilder(source).sdg_goals_and_targets())


def test_a_correction_of_a_cell_the_build_never_reads_through_it_is_refused(
    tmp_path: Path,
) -> None:
    source = _source(tmp_path)
    with (source / "curated" / CORRECTIONS).open("a", encoding="utf-8") as handle:
        handle.write("wsis_action_lines.csv,C1,title_en,a,b,somewhere,why\n")
    with pytest.raises(ReferenceTableError, match="row 4: wsis_action_lines.csv title_en"):
        ReferenceBuilder(source)
