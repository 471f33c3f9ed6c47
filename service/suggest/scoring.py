"""Scores of the learned kinds: which labels a text's features point to, and the words behind them.

A learned kind holds, for each feature, the labels it points to with a weight: the share of the
training activities containing that feature that carry the label (smoothed towards the label's
base rate; see `service.suggest.training`). Two ways to put a text's features together:

- `any` (several labels may hold: SDG targets, WSIS lines, initiatives, Questions): for each
  label, the strongest features that do not overlap in the text, at most `TOP`, combined as a
  noisy-OR in which each further piece of evidence counts half as much as the one before it:
  score = 1 - (1 - w1)(1 - w2/2)(1 - w3/4)...
- `one` (exactly one label holds: the thematic priority): each distinct feature adds the square
  of how far its weight for the label exceeds the label's base rate; the score is the label's
  share of all labels' sums.

Arithmetic is plain float addition, multiplication and division in a fixed order (no logarithm
or exponential, no library), so a score is the same on every machine.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from service.suggest.text import Feature

TOP = 4
#: At most this many quotations per suggestion.
MAX_EVIDENCE = 3
#: A feature pointing to a label: (weight, start, end, feature name).
Occurrence = tuple[float, int, int, str]


@dataclass(frozen=True)
class Scored:
    """A label's score and the spans of text behind it, strongest first."""

    score: float
    spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class LearnedKind:
    """One learned kind of the model: weights per feature, how to combine them, thresholds."""

    aggregate: str  # "any" or "one"
    weights: Mapping[str, Sequence[tuple[str, float]]]
    priors: Mapping[str, float]
    threshold: float
    graph_threshold: float

    def score(
        self, found: Sequence[Feature], labels: Collection[str] | None = None
    ) -> dict[str, Scored]:
        """Every label the features point to (of `labels` only, when given), with its score and
        evidence spans."""
        occurrences = self._occurrences(found)
        scored: dict[str, Scored] = {}
        if self.aggregate == "one":
            sums = _sums(occurrences, self.priors)
            whole = _total(sums)
            for label in sorted(sums):
                if labels is not None and label not in labels:
                    continue
                items = [i for i in occurrences[label] if i[0] > self.priors.get(label, 0.0)]
                spans = evidence_spans(items, _strongest(items))
                scored[label] = Scored(sums[label] / whole, spans)
            return scored
        for label, items in sorted(occurrences.items()):
            if labels is not None and label not in labels:
                continue
            chosen = _strongest(items)
            scored[label] = Scored(_noisy_or(chosen), evidence_spans(items, chosen))
        return scored

    def scores(self, found: Sequence[Feature]) -> dict[str, float]:
        """The scores of `score` alone (no evidence: what cross-validation needs, sooner)."""
        occurrences = self._occurrences(found)
        if self.aggregate == "one":
            sums = _sums(occurrences, self.priors)
            whole = _total(sums)
            return {label: sums[label] / whole for label in sorted(sums)}
        return {label: _noisy_or(_strongest(items)) for label, items in sorted(occurrences.items())}

    def _occurrences(self, found: Sequence[Feature]) -> dict[str, list[Occurrence]]:
        """Label -> (weight, start, end, feature) of every feature pointing to it, in text
        order."""
        weights_of = self.weights.get
        occurrences: dict[str, list[Occurrence]] = {}
        for name, start, end in found:
            for label, weight in weights_of(name, ()):
                known = occurrences.get(label)
                if known is None:
                    occurrences[label] = [(weight, start, end, name)]
                else:
                    known.append((weight, start, end, name))
        return occurrences


def _rank(item: Occurrence) -> tuple[float, int, int]:
    return -item[0], item[1], item[2]


def _strongest(items: list[Occurrence]) -> list[Occurrence]:
    """The strongest occurrences that do not overlap, at most TOP (ties: the earlier first)."""
    if len(items) == 1:
        return list(items)
    chosen: list[Occurrence] = []
    for item in sorted(items, key=_rank):
        _, start, end, _ = item
        for other in chosen:
            if start < other[2] and other[1] < end:
                break
        else:
            chosen.append(item)
            if len(chosen) == TOP:
                break
    return chosen


def _noisy_or(chosen: list[Occurrence]) -> float:
    """1 - (1 - w1)(1 - w2/2)(1 - w3/4)... over the chosen occurrences, strongest first."""
    remaining, factor = 1.0, 1.0
    for weight, *_ in chosen:
        remaining *= 1.0 - weight * factor
        factor /= 2
    return 1.0 - remaining


def _sums(
    occurrences: dict[str, list[Occurrence]], priors: Mapping[str, float]
) -> dict[str, float]:
    """Per label, the sum over its distinct features (in name order) of the square of how far
    their weight exceeds the label's base rate (a feature has one weight per label)."""
    sums: dict[str, float] = {}
    for label, items in sorted(occurrences.items()):
        prior = priors.get(label, 0.0)
        weights = {name: weight for weight, _, _, name in items}
        total = 0.0
        for name in sorted(weights):
            if weights[name] > prior:
                total += (weights[name] - prior) * (weights[name] - prior)
        if total > 0:
            sums[label] = total
    return sums


def _total(sums: dict[str, float]) -> float:
    return sum(sums[label] for label in sorted(sums))


def evidence_spans(
    items: list[Occurrence], chosen: list[Occurrence]
) -> tuple[tuple[int, int], ...]:
    """The phrases behind a label: each chosen span grown by the label's other features that
    overlap it and weigh at least half as much (so overlapping n-grams read as the phrase they
    come from), strongest first."""
    spans: list[tuple[float, int, int]] = []
    for weight, start, end, _ in chosen:
        grown = True
        while grown:
            grown = False
            for other_weight, other_start, other_end, _ in items:
                if other_weight * 2 < weight:
                    continue
                if (
                    other_start < end
                    and start < other_end
                    and (other_start < start or other_end > end)
                ):
                    start, end, grown = min(start, other_start), max(end, other_end), True
        if not any(start < e and s < end for _, s, e in spans):
            spans.append((weight, start, end))
    return tuple((s, e) for _, s, e in spans[:MAX_EVIDENCE])
