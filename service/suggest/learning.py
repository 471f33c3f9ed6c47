"""Learning the weights of a kind from labelled texts (pure counting; build side and tests).

For a feature f and a label L: `df(f)` texts contain f and `pos(f, L)` of those carry L with f
among the words that show it (inside the curated evidence when the curators quoted some, else
anywhere in the text). The weight is the smoothed share

    w(f, L) = (pos(f, L) + s * prior(L)) / (df(f) + s)

kept when pos(f, L) >= MIN_SUPPORT and w is at least twice the label's base rate. The smoothing
`s` is SMOOTHING for Chinese n-grams, whose labels the curators' quoted evidence places, and
LATIN_SMOOTHING for English words and word pairs: those are learned from the English titles,
where every word of a title counts for each of its labels, so a word seen in two or three titles
is pulled harder towards the base rate. Each activity
gives two texts, its Chinese text and its English title; each reference text (an SDG target's
official text in English and Chinese, a WSIS line's title, ...) counts as REFERENCE_WEIGHT texts,
so words the activities never used still point to their label. Weights are rounded to 3
decimals: the model file, and every score computed from it, is the same on every machine.

Counting is incremental: a `Reader` reads each distinct text's features once, `Counts` are
integers indexed by feature, and the counts a held-out fold is trained on are never built:
`Trained` answers, for one feature at a time, whole - held out + reference. Integer counts give
the same weights in whatever order they were added.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Final, NamedTuple

from service.suggest.text import Feature, Spans, features

SMOOTHING: Final = 2.0
LATIN_SMOOTHING: Final = 4.0
MIN_SUPPORT: Final = 2
REFERENCE_WEIGHT: Final = 2
#: label -> weight, in label order
Weights = list[tuple[str, float]]
_NONE: Final[Mapping[str, int]] = {}


class Example(NamedTuple):
    """One labelled text: labels with the words that show them (empty: the whole text)."""

    text: str
    labels: Mapping[str, tuple[str, ...]]
    weight: int = 1


class Reader:
    """The features of each distinct text (and their distinct names), read once per build.
    `hide(text)`: the spans of the text its features leave out (the countries it names)."""

    def __init__(self, hide: Callable[[str], Spans] | None = None) -> None:
        self._hide = hide
        self._read: dict[str, list[Feature]] = {}
        self._names: dict[str, frozenset[str]] = {}
        self._by_start: dict[str, tuple[list[int], list[Feature]]] = {}

    def features(self, text: str) -> list[Feature]:
        found = self._read.get(text)
        if found is None:
            hidden = self._hide(text) if self._hide is not None else ()
            found = self._read[text] = features(text, hidden)
        return found

    def names(self, text: str) -> frozenset[str]:
        names = self._names.get(text)
        if names is None:
            names = self._names[text] = frozenset(f.name for f in self.features(text))
        return names

    def within(self, text: str, first: int, last: int) -> list[str]:
        """The names of the features printed inside `text[first:last]`."""
        index = self._by_start.get(text)
        if index is None:
            ordered = sorted(self.features(text), key=itemgetter(1))
            index = self._by_start[text] = ([f.start for f in ordered], ordered)
        starts, ordered = index
        candidates = ordered[bisect_left(starts, first) : bisect_left(starts, last)]
        return [name for name, _, end in candidates if end <= last]


class Counted(NamedTuple):
    """An example as counting sees it: its distinct feature names and, per label, the names
    that show the label."""

    names: frozenset[str]
    shown: tuple[tuple[str, Collection[str]], ...]
    weight: int


def _inside(text: str, evidence: tuple[str, ...]) -> list[tuple[int, int]]:
    spans = []
    for words in evidence:
        at = text.find(words)
        while words and at != -1:
            spans.append((at, at + len(words)))
            at = text.find(words, at + 1)
    return spans


def read(example: Example, reader: Reader) -> Counted | None:
    """What `example` adds to the counts (None for an empty text, which adds nothing)."""
    if not example.text:
        return None
    names = reader.names(example.text)
    shown: list[tuple[str, Collection[str]]] = []
    for label, evidence in example.labels.items():
        inside: set[str] = set()
        for first, last in _inside(example.text, evidence):
            inside.update(reader.within(example.text, first, last))
        shown.append((label, inside or names))
    return Counted(names, tuple(shown), example.weight)


@dataclass
class Counts:
    """Texts, document frequencies (`df[f]`), label support (`pos[L][f]`) and texts per label.
    A text of weight w is counted w times (`Counter.update`, no Python loop per feature)."""

    texts: int = 0
    df: Counter[str] = field(default_factory=Counter)
    pos: dict[str, Counter[str]] = field(default_factory=dict)
    per_label: dict[str, int] = field(default_factory=dict)

    def add(self, counted: Counted) -> None:
        """Count one example."""
        self.texts += counted.weight
        for _ in range(counted.weight):
            self.df.update(counted.names)
        self.add_labels(counted)

    def add_labels(self, counted: Counted) -> None:
        """Count one example's labels (its text and features are counted already)."""
        weight, pos, per_label = counted.weight, self.pos, self.per_label
        for label, shown in counted.shown:
            per_label[label] = per_label.get(label, 0) + weight
            support = pos.get(label)
            if support is None:
                support = pos[label] = Counter()
            for _ in range(weight):
                support.update(shown)


def count(examples: Iterable[Example], reader: Reader | None = None) -> Counts:
    """Document frequencies and label support of every feature."""
    reader = reader if reader is not None else Reader()
    counts = Counts()
    for example in examples:
        counted = read(example, reader)
        if counted is not None:
            counts.add(counted)
    return counts


def _priors(per_label: Mapping[str, int], texts: int) -> dict[str, float]:
    total = max(texts, 1)
    return {label: n / total for label, n in sorted(per_label.items()) if n > 0}


def rounded(priors: Mapping[str, float]) -> dict[str, float]:
    """Base rates as the model file keeps them."""
    return {label: round(p, 4) for label, p in priors.items()}


def weights(counts: Counts) -> tuple[dict[str, Weights], dict[str, float]]:
    """Feature -> [(label, weight)] (sorted), and each label's base rate."""
    trained = Trained(supported(counts, Counts()), Counts())
    return trained.table(), rounded(trained.priors)


@dataclass(frozen=True)
class Supported:
    """`whole + extra` reduced to what can weigh in any fold (a fold's counts are at most the
    whole's): texts, texts per label, and each feature with MIN_SUPPORT for some label, with
    its document frequency and those labels' support, in label order."""

    texts: int
    per_label: dict[str, int]
    features: dict[str, tuple[int, list[tuple[str, int]]]]


def supported(whole: Counts, extra: Counts) -> Supported:
    """What of `whole + extra` can weigh (see `Supported`)."""
    features: dict[str, tuple[int, list[tuple[str, int]]]] = {}
    for label in sorted(whole.pos.keys() | extra.pos.keys()):
        plus, more = whole.pos.get(label, _NONE), extra.pos.get(label, _NONE)
        strong = {name: n for name, n in plus.items() if n >= MIN_SUPPORT}
        for name, n in more.items():
            if (total := plus.get(name, 0) + n) >= MIN_SUPPORT:
                strong[name] = total
        for name, n in strong.items():
            known = features.get(name)
            if known is None:
                known = features[name] = (whole.df.get(name, 0) + extra.df.get(name, 0), [])
            known[1].append((label, n))
    per_label = dict(whole.per_label)
    for label, n in extra.per_label.items():
        per_label[label] = per_label.get(label, 0) + n
    return Supported(whole.texts + extra.texts, per_label, features)


class Trained:
    """The counts `whole - held + extra` (a fold's training texts plus the reference texts),
    never built: `table()` computes the weights of the features the held-out texts contain,
    the only ones they look up. `base` is `supported(whole, extra)`; `held` the fold's counts
    (empty: the whole)."""

    def __init__(self, base: Supported, held: Counts) -> None:
        self._base, self._held = base, held
        per_label = {label: n - held.per_label.get(label, 0)
                     for label, n in base.per_label.items()}  # fmt: skip
        self.priors = _priors(per_label, base.texts - held.texts)

    def table(self) -> dict[str, Weights]:
        """Feature -> weights of the features the held-out texts contain (all features, sorted,
        when nothing is held out) that point to a label."""
        features, held = self._base.features, self._held
        chosen = features.keys() & held.df.keys() if held.texts else sorted(features)
        held_df, held_pos = held.df, held.pos
        # per label: what smoothing adds (Chinese n-grams, English words), and the least weight
        # kept (twice the base rate, 0.05)
        smoothed = {label: SMOOTHING * p for label, p in self.priors.items()}
        latin = {label: LATIN_SMOOTHING * p for label, p in self.priors.items()}
        floor = {label: max(2 * p, 0.05) for label, p in self.priors.items()}
        table: dict[str, Weights] = {}
        for name in chosen:
            df, pairs = features[name]
            df -= held_df.get(name, 0)
            if df < MIN_SUPPORT:
                continue
            chinese = name[0] == "c"
            denominator = df + (SMOOTHING if chinese else LATIN_SMOOTHING)
            adds = smoothed if chinese else latin
            kept: Weights = []
            for label, support in pairs:
                minus = held_pos.get(label)
                if minus is not None:
                    support -= minus.get(name, 0)
                if support < MIN_SUPPORT:
                    continue
                weight = (support + adds[label]) / denominator
                if weight >= floor[label]:
                    kept.append((label, round(weight, 3)))
            if kept:
                table[name] = kept
        return table


#: The thresholds `choose_threshold` tries: 0.30, 0.35, ... 0.95.
THRESHOLDS: Final = tuple(step / 20 for step in range(6, 20))


def choose_threshold(
    results: Sequence[tuple[set[str], dict[str, float]]], precision: float
) -> float:
    """The threshold (0.30 ... 0.95 by 0.05) with the best F1 among those whose precision on
    held-out texts is at least `precision` (the highest one if none reaches it)."""
    right, wrong, gold_labels = [0] * len(THRESHOLDS), [0] * len(THRESHOLDS), 0
    for gold, scores in results:
        gold_labels += len(gold)
        for label, score in scores.items():
            tally = right if label in gold else wrong
            for index, threshold in enumerate(THRESHOLDS):
                if score < threshold:
                    break
                tally[index] += 1
    best: tuple[float, float] | None = None
    for index, threshold in enumerate(THRESHOLDS):
        tp, fp, fn = right[index], wrong[index], gold_labels - right[index]
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        if p >= precision and (best is None or f1 > best[0]):
            best = (f1, threshold)
    return best[1] if best is not None else 0.95
