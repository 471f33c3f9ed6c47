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

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from service.suggest.text import Feature

TOP = 4
#: At most this many quotations per suggestion.
MAX_EVIDENCE = 3


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

    def score(self, found: Sequence[Feature]) -> dict[str, Scored]:
        """Every label the features point to, with its score and evidence spans."""
        occurrences: dict[str, list[tuple[float, int, int, str]]] = {}
        for feature in found:
            for label, weight in self.weights.get(feature.name, ()):
                occurrences.setdefault(label, []).append(
                    (weight, feature.start, feature.end, feature.name)
                )
        if self.aggregate == "one":
            return _one(occurrences, self.priors)
        return {label: _any(items) for label, items in sorted(occurrences.items())}


def _strongest(items: list[tuple[float, int, int, str]]) -> list[tuple[float, int, int, str]]:
    """The strongest occurrences that do not overlap, at most TOP (ties: the earlier first)."""
    chosen: list[tuple[float, int, int, str]] = []
    for item in sorted(items, key=lambda i: (-i[0], i[1], i[2])):
        if any(item[1] < other[2] and other[1] < item[2] for other in chosen):
            continue
        chosen.append(item)
        if len(chosen) == TOP:
            break
    return chosen


def _any(items: list[tuple[float, int, int, str]]) -> Scored:
    chosen = _strongest(items)
    remaining, factor = 1.0, 1.0
    for weight, *_ in chosen:
        remaining *= 1.0 - weight * factor
        factor /= 2
    return Scored(1.0 - remaining, evidence_spans(items, chosen))


def _one(
    occurrences: dict[str, list[tuple[float, int, int, str]]], priors: Mapping[str, float]
) -> dict[str, Scored]:
    sums: dict[str, float] = {}
    for label, items in sorted(occurrences.items()):
        prior = priors.get(label, 0.0)
        seen: set[str] = set()
        total = 0.0
        for weight, _, _, name in sorted(items, key=lambda i: (i[3], i[1])):
            if name not in seen and weight > prior:
                seen.add(name)
                total += (weight - prior) * (weight - prior)
        if total > 0:
            sums[label] = total
    whole = sum(sums[label] for label in sorted(sums))
    scored = {}
    for label in sorted(sums):
        items = [i for i in occurrences[label] if i[0] > priors.get(label, 0.0)]
        scored[label] = Scored(sums[label] / whole, evidence_spans(items, _strongest(items)))
    return scored


def evidence_spans(
    items: list[tuple[float, int, int, str]], chosen: list[tuple[float, int, int, str]]
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
