"""`make eval`: the suggestion method measured (a) on held-out activities of the dataset by
cross-validation, (b) on new activity texts written by hand (tests/eval/: the test set, never
tuned on, and the development set changes were chosen on), plus (c) the latency of
`POST /suggest` over HTTP; and the graph's own links against independent labels
(`service.link_quality`).

    python -m service.suggest.evaluate [--skip-cv] [--skip-http] [--skip-graph] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from statistics import fmean
from typing import Any, Final

from service.config import PROJECT_ROOT, Settings
from service.link_quality import Links, read_labels
from service.link_quality import measure as graph_measure
from service.store import KnowledgeStore
from service.suggest.corpus import priority_codes
from service.suggest.model import MODEL_FILE, SuggestModel
from service.suggest.new_texts import NEW_TEXTS_FILE
from service.suggest.suggester import suggest

EVAL_DIR: Final = PROJECT_ROOT / "tests" / "eval"
NEW_TEXTS: Final = EVAL_DIR / "new_activities.jsonl"
DEV_TEXTS: Final = EVAL_DIR / "dev_activities.jsonl"
FIRST_RUN: Final = EVAL_DIR / "first_run.json"
#: Both sets' texts labelled again by annotators without the codebook: E, F (relabels_brief.md),
#: I, J (relabels_dense_brief.md, exhaustive).
RELABELS: Final = EVAL_DIR / "relabels.csv"
#: Five more sets (`{name}_activities.jsonl`, `{name}_labels.csv`), written after version 1.4
#: from one brief (fresh_writing_brief.md), each by a writer who saw nothing else and labelled
#: only by annotators without the codebook (two from the open brief, two from the exhaustive
#: one): K-N, O-R, T, U, V, X; a fourth (Y, Z, YY, ZZ) written after version 1.5 and a fifth
#: (P1, P2, D1, D2) after 1.6 (tests/eval/README.md).
FRESH_SETS: Final = ("fresh", "fresh2", "fresh3", "fresh4", "fresh5")
#: The sets `make eval` measures (report key `{name}Texts`): name -> texts, their open labels.
TEXT_SETS: Final = {
    "new": (NEW_TEXTS, RELABELS),
    "dev": (DEV_TEXTS, RELABELS),
    **{name: (EVAL_DIR / f"{name}_activities.jsonl", EVAL_DIR / f"{name}_labels.csv")
       for name in FRESH_SETS},  # fmt: skip
}


def prf(pairs: Iterable[tuple[set[str], set[str]]]) -> dict[str, float]:
    """Micro precision, recall and F1 over (gold, predicted) pairs."""
    tp = fp = fn = 0
    for gold, predicted in pairs:
        tp, fp, fn = (
            tp + len(gold & predicted),
            fp + len(predicted - gold),
            fn + len(gold - predicted),
        )
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3),
            "f1": round(2 * p * r / (p + r) if p + r else 0.0, 3), "n": tp + fn}  # fmt: skip


def listed(answer: dict[str, Any], kind: str) -> set[str]:
    return {
        item["notation"] for item in answer["suggestions"][kind] if not item.get("belowThreshold")
    }


def first(answer: dict[str, Any], kind: str) -> str | None:
    items = answer["suggestions"][kind]
    return items[0]["notation"] if items else None


def measure_new(model: SuggestModel, rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The figures of the issue on the new texts, by language and together."""
    slug = priority_codes(model.entities)
    figures: dict[str, Any] = {}
    for lang in ("zh", "en", "all"):
        chosen = [r for r in rows if lang in ("all", r["lang"])]
        answers = [suggest(model, r["text"], everything=True) for r in chosen]
        pairs = list(zip(chosen, answers, strict=True))
        right = sum(first(a, "thematicPriority") == slug[r["priority"]] for r, a in pairs)
        exact = sum(set(r["countries"]) == listed(a, "country") for r, a in pairs)
        figures[lang] = {"texts": len(chosen)}
        if all("sdg" in r for r in chosen):  # the codebook's labels, where the writer gave them
            for kind, key in (("sdgTarget", "sdg"), ("wsisActionLine", "wsis")):
                figures[lang][kind] = prf((set(r[key]), listed(a, kind)) for r, a in pairs)
        figures[lang]["thematicPriorityTop1"] = round(right / len(chosen), 3)
        figures[lang]["countriesExact"] = round(exact / len(chosen), 3)
    return figures


def measure_relabelled(
    model: SuggestModel, rows: Sequence[dict[str, Any]], relabels: dict[str, Links]
) -> dict[str, Any]:
    """SDG targets and WSIS lines of the `rows` against each open relabelling of their texts
    (`relabels`: annotator -> text id -> labels, as `read_labels` reads them), and the mean of
    the annotators' precision and recall."""
    answers = {r["id"]: suggest(model, r["text"], everything=True) for r in rows}
    figures: dict[str, Any] = {}
    for annotator, labels in sorted(relabels.items()):
        figures[annotator] = {
            kind: prf((labels[i][key], listed(answers[i], kind)) for i in answers)
            for kind, key in (("sdgTarget", "sdg"), ("wsisActionLine", "wsis"))
        }
    annotators = list(figures.values())
    figures["mean"] = {
        kind: {m: round(fmean(a[kind][m] for a in annotators), 3) for m in ("precision", "recall")}
        for kind in ("sdgTarget", "wsisActionLine")
    }
    return figures


def misses(model: SuggestModel, rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per text, what the method got wrong (for reading, not for tuning)."""
    out = []
    for row in rows:
        answer = suggest(model, row["text"], everything=True)
        wrong = {}
        for kind, key in (
            ("sdgTarget", "sdg"),
            ("wsisActionLine", "wsis"),
            ("country", "countries"),
        ):
            gold, got = set(row[key]), listed(answer, kind)
            if gold != got:
                wrong[kind] = {"missed": sorted(gold - got), "extra": sorted(got - gold)}
        if wrong:
            out.append({"id": row["id"], **wrong})
    return out


def measure_cv(settings: Settings) -> dict[str, Any]:
    """Held-out figures on the dataset (10-fold by passage), Chinese texts and English titles."""
    from service.reference import ReferenceBuilder
    from service.suggest.crossval import listed as listed_scores
    from service.suggest.training import learn

    learned = learn(settings.source_dir, list(ReferenceBuilder(settings.source_dir).triples()))
    figures: dict[str, Any] = {}
    for kind in ("sdgTarget", "wsisActionLine", "thematicPriority"):
        held = learned.held[kind]
        suggest_at, graph_at = learned.thresholds[kind]
        for view in ("zh", "en"):
            rows = [h for h in held if h.view == view]
            if kind == "thematicPriority":
                rows = [h for h in rows if h.gold]
                right = sum(bool(listed_scores(h, "one").keys() & h.gold) for h in rows)
                figures[f"{kind}Top1.{view}"] = round(right / len(rows), 3)
                continue
            for name, at in (("suggest", suggest_at), ("graph", graph_at)):
                pairs = ((h.gold, {k for k, s in h.scores.items() if s >= at}) for h in rows)
                figures[f"{kind}.{view}.{name}@{at}"] = prf(pairs)
    return figures


def sets_learned_from(curated_dir: Path) -> list[str]:
    """The names of the labelled sets in the suggester's training file."""
    path = curated_dir / NEW_TEXTS_FILE
    return sorted({row["set"] for row in read_rows(path)}) if path.exists() else []


def read_rows(path: Path) -> list[dict[str, Any]]:
    """The labelled texts of a JSON-lines file."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--skip-cv", action="store_true", help="no cross-validation on the dataset")
    parser.add_argument("--skip-http", action="store_true", help="no latency over HTTP")
    parser.add_argument("--skip-graph", action="store_true", help="no graph links measured")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    model = SuggestModel.load(settings.generated_dir / MODEL_FILE)
    report: dict[str, Any] = {"method": {"name": model.name, "version": model.version}}
    # the sets the model learned from (data/source/curated/new_texts.jsonl): their figures
    # below say how well it fits them, not how it does on texts it has not seen
    report["setsLearnedFrom"] = sets_learned_from(settings.source_dir / "curated")
    texts_of: dict[str, list[dict[str, Any]]] = {}
    relabels: dict[Path, dict[str, Links]] = {}  # a file two sets share is read once
    for name, (texts, labels) in TEXT_SETS.items():
        if texts.exists():
            chosen = texts_of[name] = read_rows(texts)
            key = f"{name}Texts"
            report[key] = measure_new(model, chosen)
            if all("sdg" in r for r in chosen):
                report[f"{key}Misses"] = misses(model, chosen)
            if labels.exists():
                if labels not in relabels:
                    relabels[labels] = read_labels(labels, key="id")
                report[f"{key}Relabelled"] = measure_relabelled(model, chosen, relabels[labels])
    if FIRST_RUN.exists():
        report["newTextsFirstRun"] = json.loads(FIRST_RUN.read_text(encoding="utf-8"))["newTexts"]
    if not args.skip_cv:
        report["crossValidation"] = measure_cv(settings)
    if not args.skip_graph:
        report["graphLinks"] = graph_measure(KnowledgeStore.from_settings(settings))
    if not args.skip_http:
        from service.suggest.latency import http_latency

        report["http"] = http_latency(settings, [r["text"] for r in texts_of["new"]])
    text = json.dumps(report, ensure_ascii=False, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
