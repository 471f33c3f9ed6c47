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
#: A feature pointing to a label: (-weight, start, end, feature name), negated so that plain
#: tuple order is the strongest first, then the earliest.
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
        occurrences = self._occurrences(found, labels if self.aggregate == "any" else None)
        scored: dict[str, Scored] = {}
        if self.aggregate == "one":
            for label, share in self._shares(found).items():
                if labels is None or label in labels:
                    prior = self.priors.get(label, 0.0)
                    items = [i for i in occurrences[label] if -i[0] > prior]
                    scored[label] = Scored(share, evidence_spans(items, _strongest(items)))
            return scored
        for label, items in sorted(occurrences.items()):
            if labels is None or label in labels:
                chosen = _strongest(items)
                scored[label] = Scored(_noisy_or(chosen), evidence_spans(items, chosen))
        return scored

    def scores(self, found: Sequence[Feature]) -> dict[str, float]:
        """The scores of `score` alone (no evidence: what cross-validation needs, sooner)."""
        if self.aggregate == "one":
            return self._shares(found)
        occurrences = self._occurrences(found)
        return {label: _noisy_or(_strongest(occurrences[label])) for label in sorted(occurrences)}

    def _occurrences(
        self, found: Sequence[Feature], labels: Collection[str] | None = None
    ) -> dict[str, list[Occurrence]]:
        """Label -> every feature of the text pointing to it (of `labels` only, when given), in
        text order."""
        weights_of = self.weights.get
        occurrences: dict[str, list[Occurrence]] = {}
        for name, start, end in found:
            for label, weight in weights_of(name, ()):
                if labels is not None and label not in labels:
                    continue
                known = occurrences.get(label)
                if known is None:
                    occurrences[label] = [(-weight, start, end, name)]
                else:
                    known.append((-weight, start, end, name))
        return occurrences

    def _shares(self, found: Sequence[Feature]) -> dict[str, float]:
        """`one`: per label, the sum over the distinct features (in name order) of the square
        of how far their weight exceeds the label's base rate, as a share of all labels'."""
        weights_of, priors = self.weights.get, self.priors
        names = {name for name, _, _ in found}
        sums: dict[str, float] = {}
        for name in sorted(names):
            for label, weight in weights_of(name, ()):
                prior = priors.get(label, 0.0)
                if weight > prior:
                    sums[label] = sums.get(label, 0.0) + (weight - prior) * (weight - prior)
        labels = [label for label in sorted(sums) if sums[label] > 0]
        whole = sum(sums[label] for label in labels)
        return {label: sums[label] / whole for label in labels}


def _strongest(items: list[Occurrence]) -> list[Occurrence]:
    """The strongest occurrences that do not overlap, at most TOP (ties: the earlier first)."""
    if len(items) == 1:
        return items
    chosen: list[Occurrence] = []
    for item in sorted(items):
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
    for negated, *_ in chosen:
        remaining *= 1.0 - -negated * factor
        factor /= 2
    return 1.0 - remaining


def evidence_spans(
    items: list[Occurrence], chosen: list[Occurrence]
) -> tuple[tuple[int, int], ...]:
    """The phrases behind a label: each chosen span grown by the label's other features that
    overlap it and weigh at least half as much (so overlapping n-grams read as the phrase they
    come from), strongest first."""
    spans: list[tuple[float, int, int]] = []
    for negated, start, end, _ in chosen:
        weight = -negated
        grown = True
        while grown:
            grown = False
            for other_negated, other_start, other_end, _ in items:
                if -other_negated * 2 < weight:
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
