"""Held-out scores of the dataset (build side): 10-fold cross-validation by passage (the parts of
one passage are held out together; fold = CRC-32 of the passage key mod 10), so no activity's
own labels ever score it. They choose the thresholds (`service.suggest.training`) and are the
`inferred` graph's content (`service.suggest.inference`).

Each kind is counted once: the whole dataset and each fold, in one pass. A fold's texts are
scored with the weights of `whole - fold + reference texts`, looked up only for the features
they contain (`learning.Trained`).
"""

from __future__ import annotations

import zlib
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from typing import Final, NamedTuple

from service.suggest.corpus import Item
from service.suggest.learning import (
    REFERENCE_WEIGHT,
    Counts,
    Example,
    Reader,
    Supported,
    Trained,
    choose_threshold,
    read,
    rounded,
    supported,
)
from service.suggest.scoring import LearnedKind, Scored
from service.suggest.text import Feature

FOLDS: Final = 10
_NO_LABELS: Final[dict[str, tuple[str, ...]]] = {}
#: kind -> how its labels combine (see service.suggest.scoring)
AGGREGATES: Final = {
    "thematicPriority": "one",
    "regionalInitiative": "any",
    "question": "any",
    "sdgTarget": "any",
    "wsisActionLine": "any",
}
SUGGEST_PRECISION: Final = 0.65
GRAPH_PRECISION: Final = 0.8
#: The least `/suggest` threshold per kind, whatever the cross-validation picks: chosen on the
#: development set (tests/eval/dev_activities.jsonl, four open relabels of its texts in
#: tests/eval/relabels.csv): for WSIS lines the held-out optimum lists more lines than annotators
#: of new texts give; at 0.7 the mean over the four labelings is P 0.74 / R 0.69 (0.65: 0.70 /
#: 0.76; 0.75: 0.80 / 0.62), the nearest to the issue's 0.70 / 0.70 on both (version 1.4).
SUGGEST_FLOOR: Final = {"wsisActionLine": 0.7}


def fold_of(item: Item) -> int:
    """The cross-validation fold of an activity: by its passage, the same on every machine."""
    return zlib.crc32(item.passage.encode("utf-8")) % FOLDS


def views(item: Item, kind: str) -> list[tuple[str, Example]]:
    """The activity's Chinese text (labels with their evidence) and its English title."""
    labels = item.labels.get(kind, _NO_LABELS)
    zh = "zh", Example(item.text, labels)
    return [zh, ("en", Example(item.title, dict.fromkeys(labels, ())))] if item.title else [zh]


def texts(item: Item) -> list[tuple[str, str]]:
    """The activity's views and their texts: its Chinese text and its English title."""
    return [("zh", item.text), ("en", item.title)] if item.title else [("zh", item.text)]


def examples(items: Sequence[Item], kind: str) -> Iterator[Example]:
    """Each activity's Chinese text and English title as labelled texts."""
    for item in items:
        for _, example in views(item, kind):
            yield example


def reference_examples(labels: dict[str, dict[str, str]]) -> Iterator[Example]:
    """Each entity's English and Chinese label (an SDG target's official text) as a text."""
    for notation, row in labels.items():
        for lang in ("en", "zh"):
            if row.get(lang):
                yield Example(row[lang], {notation: ()}, REFERENCE_WEIGHT)


class HeldOut(NamedTuple):
    """One held-out text: which activity, which view, its gold labels, the labels' scores."""

    key: str
    view: str  # "zh" (the activity's text) or "en" (its English title)
    gold: set[str]
    scores: dict[str, float]


class Folds:
    """The dataset split by passage, its texts read once, and what every kind counts alike: the
    texts and document frequencies of the whole dataset and of each fold."""

    def __init__(self, items: Sequence[Item], reader: Reader | None = None) -> None:
        self.reader = reader if reader is not None else Reader()
        self.tests: list[list[Item]] = [[] for _ in range(FOLDS)]
        self.whole, self.folds = Counts(), [Counts() for _ in range(FOLDS)]
        for item in items:
            fold = fold_of(item)
            self.tests[fold].append(item)
            for _, example in views(item, ""):
                counted = read(example, self.reader)
                if counted is not None:
                    self.whole.add(counted)
                    self.folds[fold].add(counted)

    def counts(self, fold: int | None = None) -> Counts:
        """Empty label counts over the whole dataset's (or a fold's) texts and frequencies."""
        base = self.whole if fold is None else self.folds[fold]
        return Counts(base.texts, base.df)  # the frequencies are shared, never changed


@dataclass(frozen=True)
class Validated:
    """A kind's counts over the whole dataset plus the reference texts (what can weigh), the
    held-out scores in the dataset's order by fold, and for each the fold's model and the
    text's features (`explained`; dropped with this object when the build is done with it)."""

    base: Supported
    held: list[HeldOut]
    models: list[LearnedKind]
    found: list[Sequence[Feature]]

    def explained(self, index: int, labels: Collection[str]) -> dict[str, Scored]:
        """`held[index]`'s scores of `labels` with the spans of text behind them."""
        return self.models[index].score(self.found[index], labels)


def cross_validate(folds: Folds, kind: str, reference: Counts) -> Validated:
    """Every activity scored by a model that never saw it."""
    reader = folds.reader
    whole, held_out = folds.counts(), [folds.counts(fold) for fold in range(FOLDS)]
    for fold, test in enumerate(folds.tests):
        for item in test:
            for _, example in views(item, kind):
                counted = read(example, reader)
                if counted is not None:
                    whole.add_labels(counted)
                    held_out[fold].add_labels(counted)
    base = supported(whole, reference)
    held: list[HeldOut] = []
    models: list[LearnedKind] = []
    found: list[Sequence[Feature]] = []
    for fold, test in enumerate(folds.tests):
        trained = Trained(base, held_out[fold])
        model = LearnedKind(AGGREGATES[kind], trained.table(), rounded(trained.priors), 0.0, 0.0)
        for item in test:
            gold = set(item.labels.get(kind, {}))
            for view, text in texts(item):
                features = reader.features(text)
                held.append(HeldOut(item.key, view, gold, model.scores(features)))
                models.append(model)
                found.append(features)
    return Validated(base, held, models, found)


def listed(held: HeldOut, aggregate: str) -> dict[str, float]:
    """The scores a list may hold: all for `any`; the best label only for `one`."""
    scores = held.scores
    if aggregate == "one" and scores:
        best = max(sorted(scores), key=lambda label: scores[label])
        return {best: scores[best]}
    return scores


def thresholds(held: list[HeldOut], aggregate: str, kind: str = "") -> tuple[float, float]:
    """(suggest threshold on both languages, at least the kind's floor; graph threshold on the
    Chinese texts)."""
    results = [(h.gold, listed(h, aggregate)) for h in held]
    chinese = [(h.gold, listed(h, aggregate)) for h in held if h.view == "zh"]
    suggest_at = max(choose_threshold(results, SUGGEST_PRECISION), SUGGEST_FLOOR.get(kind, 0.0))
    return suggest_at, choose_threshold(chinese, GRAPH_PRECISION)
