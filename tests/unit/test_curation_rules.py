"""The rule that keeps curated SDG / WSIS links, and the method's links a person also gave."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from service.extract.activities import Activity
from service.extract.curated_links import (
    OPEN,
    WIDE,
    CuratedPasses,
    PassRow,
    chosen_row,
    judged_by_one,
    pass_links,
)
from service.extract.inferred import corroborated
from service.extract.justifications import JustifiedLink, Method
from service.extract.mapping import mapped_links
from service.extract.source import Line
from service.extract.structure import Passage
from service.link_quality import estimate, prf, read_labels
from service.namespaces import BAAP
from service.reference import entity, sdg_iri

HEADER = "activity,passage,line,kind,code,evidence,confidence,note\n"


def _row(source: str, confidence: str = "medium") -> PassRow:
    return PassRow("a-1", "sdg", "4.4", "培训", confidence, "", f"{source} row 2")


def test_with_open_passes_a_link_needs_two_passes_one_of_them_open() -> None:
    blind = [_row("sdg_wsis_pass1.csv", "high"), _row("sdg_wsis_pass2.csv", "high")]
    assert chosen_row(blind, rule=OPEN) is None  # the codebook's passes alone
    one_open = [_row("sdg_wsis_review.csv"), _row("sdg_wsis_open2.csv")]
    assert chosen_row(one_open, rule=OPEN) == (one_open[0], "medium")
    sure = [_row("sdg_wsis_pass1.csv"), _row("sdg_wsis_open1.csv", "high")]
    assert chosen_row(sure, rule=OPEN) == (sure[1], "high")
    assert chosen_row([_row("sdg_wsis_open1.csv", "high")], rule=OPEN) is None


def test_the_wide_rule_wants_three_passes_one_independent_or_the_mapping_beside_one() -> None:
    codebook = [_row(f"sdg_wsis_{n}.csv", "high") for n in ("pass1", "pass2", "review")]
    assert chosen_row(codebook, rule=WIDE) is None  # three readers, all following the codebook
    three = [_row("sdg_wsis_pass1.csv"), _row("sdg_wsis_open3.csv"), _row("sdg_wsis_dense1.csv")]
    assert chosen_row(three, rule=WIDE) == (three[0], "medium")
    two = [_row("sdg_wsis_open1.csv", "high"), _row("sdg_wsis_dense2.csv")]
    assert chosen_row(two, rule=WIDE) is None  # two readers and no mapping behind them
    assert chosen_row(two, rule=WIDE, in_mapping=True) == (two[0], "high")
    alone = [_row("sdg_wsis_dense1.csv", "high")]
    assert chosen_row(alone, rule=WIDE) is None
    assert chosen_row(alone, rule=WIDE, in_mapping=True) == (alone[0], "medium")  # one reader


def test_a_dataset_with_every_pass_reads_by_the_wide_rule_and_says_why_in_the_note(
    tmp_path: Path,
) -> None:
    curated = tmp_path / "curated"
    curated.mkdir()
    names = ("pass1", "pass2", "review", "open1", "open2", "open3", "dense1", "dense2")
    for name in names:
        _write(curated, f"sdg_wsis_{name}.csv", "")
    _write(curated, "sdg_wsis_dense1.csv", "a-1,a-1,3,sdg,4.4,培训,high,skills\n"
           "a-1,a-1,3,sdg,9.c,培训,high,\n")  # fmt: skip
    passes = CuratedPasses.read(curated)
    assert passes.rule == WIDE and passes.open_passes
    activity = _activity("a-1", "培训")
    mapped = {("a-1", BAAP.contributesTo, sdg_iri("4.4"))}
    (link,) = pass_links(passes, {"a-1": activity}, mapped)
    assert (link.notation, link.confidence) == ("4.4", "medium")
    assert link.note == "skills; one pass gives it, and the activity's priority mapping names it too"
    assert pass_links(passes, {"a-1": activity}) == []  # no mapping: one pass is not enough
    (curated / "sdg_wsis_dense2.csv").unlink()
    assert CuratedPasses.read(curated).rule == OPEN


def test_without_open_passes_the_earlier_rule_holds() -> None:
    both = [_row("sdg_wsis_pass1.csv"), _row("sdg_wsis_pass2.csv")]
    assert chosen_row(both) == (both[0], "medium")
    assert chosen_row([_row("sdg_wsis_pass1.csv", "high")])[1] == "medium"  # type: ignore[index]
    assert chosen_row([_row("sdg_wsis_pass1.csv")]) is None
    assert chosen_row([_row("sdg_wsis_review.csv")])[1] == "low"  # type: ignore[index]


def _activity(key: str, text: str, priority: str | None = None) -> Activity:
    return Activity(key, Passage(key, "1", "bullet", Line(3, text, ())), priority=priority)


def test_mapped_links_are_those_of_the_activitys_priority_and_strategic_initiatives() -> None:
    priority = entity("thematic-priority/cybersecurity")
    initiative = entity("strategic-initiative/i-codi")
    mapping = [(priority, BAAP.contributesTo, sdg_iri("16.a")),
               (initiative, BAAP.contributesTo, sdg_iri("9.5"))]  # fmt: skip
    stated = _activity("a-1", "培训", priority="cybersecurity")
    stated.strategic = {"i-codi"}
    curated = _activity("b-1", "培训")
    assert mapped_links([stated, curated], {"b-1": "cybersecurity"}, mapping) == {
        ("a-1", BAAP.contributesTo, sdg_iri("16.a")),
        ("a-1", BAAP.contributesTo, sdg_iri("9.5")),
        ("b-1", BAAP.contributesTo, sdg_iri("16.a")),
    }


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


def _links(**by_activity: str) -> dict[str, dict[str, set[str]]]:
    return {key: {"sdg": set(codes.split()), "wsis": set()} for key, codes in by_activity.items()}


def test_the_hidden_set_estimate_reads_the_issues_mapping_figures_back_for_the_mapping() -> None:
    mapping = _links(x="4.4 9.c 17.9 5.b", y="16.a 16.2 9.1 5.b")
    labels = {
        "A": _links(x="4.4", y="16.a"),
        "B": _links(x="4.4", y="16.a 1.5"),
        "G": _links(x="4.4 9.c 8.3", y="16.a 16.2 1.5"),
        "H": _links(x="4.4 9.c", y="16.a 9.1 1.5 13.1"),
    }
    assert estimate(mapping, mapping, labels, "sdg") == {"precision": 0.31, "recall": 0.65}
    nothing = _links(x="", y="")
    assert estimate(nothing, mapping, labels, "sdg") == {"precision": 0.0, "recall": 0.0}
    # inside the mapping (0.31 * 4 = 1.24 hidden labels per activity) half of G's and H's are
    # given: 0.62; outside it (1.24 / 0.65 - 1.24 = 0.668 per activity, 56% of the way from A and
    # B's 0.25 to G and H's 1.0), 1.5 hits 0.25 per activity against A, B and 0.5 against G, H:
    # 0.25 + 0.557 * 0.25; over 1.5 links given and 1.908 hidden labels per activity
    figures = estimate(_links(x="4.4", y="16.a 1.5"), mapping, labels, "sdg")
    assert figures == {"precision": 0.673, "recall": 0.529}
