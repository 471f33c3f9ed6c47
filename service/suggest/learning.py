"""Learning the weights of a kind from labelled texts (pure counting; build side and tests).

For a feature f and a label L: `df(f)` texts contain f and `pos(f, L)` of those carry L with f
among the words that show it (inside the curated evidence when the curators quoted some, else
anywhere in the text). The weight is the smoothed share

    w(f, L) = (pos(f, L) + SMOOTHING * prior(L)) / (df(f) + SMOOTHING)

kept when pos(f, L) >= MIN_SUPPORT and w is at least twice the label's base rate. Each activity
gives two texts, its Chinese text and its English title; each reference text (an SDG target's
official text in English and Chinese, a WSIS line's title, ...) counts as REFERENCE_WEIGHT texts,
so words the activities never used still point to their label. Weights are rounded to 3
decimals: the model file, and every score computed from it, is the same on every machine.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from service.suggest.text import features

SMOOTHING = 2.0
MIN_SUPPORT = 2
REFERENCE_WEIGHT = 2


@dataclass(frozen=True)
class Example:
    """One labelled text: labels with the words that show them (empty: the whole text)."""

    text: str
    labels: dict[str, tuple[str, ...]]
    weight: int = 1


@dataclass
class Counts:
    """What learning counts; `minus` gives the counts without some examples (cross-validation)."""

    texts: int = 0
    df: Counter[str] | None = None
    pos: Counter[tuple[str, str]] | None = None
    per_label: Counter[str] | None = None

    def __post_init__(self) -> None:
        self.df = self.df if self.df is not None else Counter()
        self.pos = self.pos if self.pos is not None else Counter()
        self.per_label = self.per_label if self.per_label is not None else Counter()

    def minus(self, other: Counts) -> Counts:
        assert self.df is not None and self.pos is not None and self.per_label is not None
        assert other.df is not None and other.pos is not None and other.per_label is not None
        return Counts(self.texts - other.texts, self.df - other.df, self.pos - other.pos,
                      self.per_label - other.per_label)  # fmt: skip


def _inside(text: str, evidence: tuple[str, ...]) -> list[tuple[int, int]]:
    spans = []
    for words in evidence:
        at = text.find(words)
        while words and at != -1:
            spans.append((at, at + len(words)))
            at = text.find(words, at + 1)
    return spans


def count(examples: Iterable[Example]) -> Counts:
    """Document frequencies and label support of every feature."""
    counts = Counts()
    assert counts.df is not None and counts.pos is not None and counts.per_label is not None
    for example in examples:
        if not example.text:
            continue
        found = features(example.text)
        names = {f.name for f in found}
        counts.texts += example.weight
        for name in names:
            counts.df[name] += example.weight
        for label, evidence in example.labels.items():
            counts.per_label[label] += example.weight
            spans = _inside(example.text, evidence)
            shown = {f.name for f in found if any(s <= f.start and f.end <= e for s, e in spans)}
            for name in shown or names:
                counts.pos[(name, label)] += example.weight
    return counts


def weights(counts: Counts) -> tuple[dict[str, list[tuple[str, float]]], dict[str, float]]:
    """Feature -> [(label, weight)] (sorted), and each label's base rate."""
    assert counts.df is not None and counts.pos is not None and counts.per_label is not None
    total = max(counts.texts, 1)
    priors = {label: n / total for label, n in sorted(counts.per_label.items())}
    table: dict[str, list[tuple[str, float]]] = {}
    for (name, label), support in sorted(counts.pos.items()):
        if support < MIN_SUPPORT:
            continue
        prior = priors[label]
        weight = (support + SMOOTHING * prior) / (counts.df[name] + SMOOTHING)
        if weight >= 2 * prior and weight >= 0.05:
            table.setdefault(name, []).append((label, round(weight, 3)))
    return table, {label: round(p, 4) for label, p in priors.items()}


def choose_threshold(
    results: Sequence[tuple[set[str], dict[str, float]]], precision: float
) -> float:
    """The threshold (0.30 ... 0.95 by 0.05) with the best F1 among those whose precision on
    held-out texts is at least `precision` (the highest one if none reaches it)."""
    best: tuple[float, float] | None = None
    for step in range(6, 20):
        threshold = step / 20
        tp = fp = fn = 0
        for gold, scores in results:
            chosen = {label for label, s in scores.items() if s >= threshold}
            tp, fp, fn = tp + len(chosen & gold), fp + len(chosen - gold), fn + len(gold - chosen)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        if p >= precision and (best is None or f1 > best[0]):
            best = (f1, threshold)
    return best[1] if best is not None else 0.95
