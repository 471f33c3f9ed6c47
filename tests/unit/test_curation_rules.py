"""The rule that keeps curated SDG / WSIS links, and the method's links a person also gave."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from service.extract.curated_links import CuratedPasses, PassRow, chosen_row, judged_by_one
from service.extract.inferred import corroborated
from service.extract.justifications import JustifiedLink, Method
from service.link_quality import prf, read_labels
from service.namespaces import BAAP
from service.reference import sdg_iri

HEADER = "activity,passage,line,kind,code,evidence,confidence,note\n"


def _row(source: str, confidence: str = "medium") -> PassRow:
    return PassRow("a-1", "sdg", "4.4", "培训", confidence, "", f"{source} row 2")


def test_with_open_passes_a_link_needs_two_passes_one_of_them_open() -> None:
    blind = [_row("sdg_wsis_pass1.csv", "high"), _row("sdg_wsis_pass2.csv", "high")]
    assert chosen_row(blind, open_passes=True) is None  # the codebook's passes alone
    one_open = [_row("sdg_wsis_review.csv"), _row("sdg_wsis_open2.csv")]
    assert chosen_row(one_open, open_passes=True) == (one_open[0], "medium")
    sure = [_row("sdg_wsis_pass1.csv"), _row("sdg_wsis_open1.csv", "high")]
    assert chosen_row(sure, open_passes=True) == (sure[1], "high")
    assert chosen_row([_row("sdg_wsis_open1.csv", "high")], open_passes=True) is None


def test_without_open_passes_the_earlier_rule_holds() -> None:
    both = [_row("sdg_wsis_pass1.csv"), _row("sdg_wsis_pass2.csv")]
    assert chosen_row(both) == (both[0], "medium")
    assert chosen_row([_row("sdg_wsis_pass1.csv", "high")])[1] == "medium"  # type: ignore[index]
    assert chosen_row([_row("sdg_wsis_pass1.csv")]) is None
    assert chosen_row([_row("sdg_wsis_review.csv")])[1] == "low"  # type: ignore[index]


def _write(folder: Path, name: str, rows: str) -> None:
    (folder / name).write_text(HEADER + rows, encoding="utf-8")


def _link(notation: str) -> JustifiedLink:
    return JustifiedLink(
        "a-1", BAAP.contributesTo, sdg_iri(notation), notation, "inferred", "培训", 3,
        score=Decimal("0.9"), method=Method("m", "1"),
    )  # fmt: skip


def test_the_method_keeps_only_links_a_person_also_gave(tmp_path: Path) -> None:
    curated = tmp_path / "curated"
    curated.mkdir()
    for name in ("sdg_wsis_pass1.csv", "sdg_wsis_pass2.csv", "sdg_wsis_open2.csv"):
        _write(curated, name, "")
    _write(curated, "sdg_wsis_open1.csv", "a-1,a-1,3,sdg,4.4,培训,medium,\n")
    judged = judged_by_one(CuratedPasses.read(curated))
    assert judged == {
        ("a-1", BAAP.contributesTo, "4.4"): ("data/source/curated/sdg_wsis_open1.csv",)
    }
    (kept,) = corroborated([_link("4.4"), _link("9.c")], judged)
    assert kept.notation == "4.4" and kept.sources == ("data/source/curated/sdg_wsis_open1.csv",)
    assert kept.note is not None and "sdg_wsis_open1.csv" in kept.note
    (curated / "sdg_wsis_open2.csv").unlink()
    assert (
        judged_by_one(CuratedPasses.read(curated)) is None
    )  # not every activity judged without the codebook
    assert len(corroborated([_link("4.4"), _link("9.c")], None)) == 2


def test_link_quality_is_micro_precision_and_recall_over_the_labelled_activities(
    tmp_path: Path,
) -> None:
    path = tmp_path / "labels.csv"
    path.write_text(
        "annotator,activity,kind,code\n"
        "A,x,sdg,4.4\nA,x,sdg,9.c\nA,x,wsis,C7.e-health\nA,y,sdg,none\nA,y,wsis,none\n"
        "B,x,sdg,4.4\nB,y,sdg,17.9\nB,x,wsis,none\nB,y,wsis,none\n",
        encoding="utf-8",
    )
    labels = read_labels(path)
    assert labels["A"]["x"]["wsis"] == {"C7-e-health"}  # CONTRACT notation
    assert prf(labels["B"], labels["A"], "sdg") == {
        "precision": 0.5, "recall": 0.5, "perActivity": 1.0, "goldPerActivity": 1.0,
    }  # fmt: skip
