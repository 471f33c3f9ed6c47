"""A linear model of one learned kind, read beside the evidence weights (serving side).

One-vs-rest logistic regression over the same features as the evidence method
(`service.suggest.text.features`), each text a TF-IDF vector: term frequency `1 + ln(count)`
times the feature's inverse document frequency, scaled to unit length over the features the
model knows. A label's probability is `1 / (1 + exp(-(intercept + sum of weight x value)))`.
Fitted by `baap-kg build` (`service.suggest.linear_fit`); weights smaller than PRUNE are left
out of the model file, which changes no probability by more than about 0.02.

The evidence method counts, per feature, how often the texts containing it carry a label; the
linear model weighs features against each other, so a word shared by many labels' texts counts
for less. `suggest` lists an SDG target by a blend of the two scores (`blend`).
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from service.suggest.scoring import Occurrence, Scored, _strongest, evidence_spans
from service.suggest.text import Feature

#: Weights with a smaller magnitude are not written to the model file.
PRUNE = 0.05


def tf_idf(found: Sequence[Feature], idf: Mapping[str, float]) -> dict[str, float]:
    """Feature -> its value in the text's unit-length TF-IDF vector (features the model does not
    know are left out), in the order the text first names them."""
    counts: dict[str, int] = {}
    for name, _, _ in found:
        if name in idf:
            counts[name] = counts.get(name, 0) + 1
    values = {name: (1.0 + math.log(n)) * idf[name] for name, n in counts.items()}
    norm = math.sqrt(sum(v * v for v in values.values()))
    return {name: v / norm for name, v in values.items()} if norm else {}


@dataclass(frozen=True)
class LinearKind:
    """The linear model of one kind and how `suggest` blends it with the evidence score."""

    labels: tuple[str, ...]
    intercepts: tuple[float, ...]
    idf: Mapping[str, float]
    spans: Mapping[str, tuple[int, int]]  # feature -> where its weights are in the flat arrays
    indexes: array[int]  # the label index of each weight
    weights: array[float]
    share: float  # the blend's share of the linear score
    scale: float  # the probability is multiplied by this (capped at 1) before blending
    threshold: float  # what the blended score must reach to be listed

    @classmethod
    def from_dict(cls, spec: dict[str, Any]) -> LinearKind:
        flat = spec["weights"]
        ends = [*flat["starts"][1:], len(flat["labels"])]
        spans = dict(zip(flat["features"], zip(flat["starts"], ends, strict=True), strict=True))
        return cls(
            tuple(spec["labels"]),
            tuple(float(b) for b in spec["intercepts"]),
            {name: float(v) for name, v in spec["idf"].items()},
            spans,
            array("H", flat["labels"]),
            array("d", (w / 1000 for w in flat["thousandths"])),
            float(spec["share"]),
            float(spec["scale"]),
            float(spec["threshold"]),
        )

    def score(self, found: Sequence[Feature]) -> dict[str, Scored]:
        """Label -> its probability, with the spans of the features that raise it most, for
        every label whose probability is at least 0.01."""
        values = tf_idf(found, self.idf)
        sums = list(self.intercepts)
        indexes, weights = self.indexes, self.weights
        for name, value in values.items():
            first, last = self.spans.get(name, _NONE)
            for at in range(first, last):
                sums[indexes[at]] += weights[at] * value
        scored: dict[str, Scored] = {}
        for index, total in enumerate(sums):
            probability = 1.0 / (1.0 + math.exp(-total))
            if probability >= 0.01:
                label = self.labels[index]
                scored[label] = Scored(probability, self._spans(found, values, index))
        return scored

    def blend(self, evidence: float, probability: float) -> float:
        """The score `suggest` lists a label by: the evidence method's score and the linear
        model's, scaled, mixed in fixed shares."""
        return (1.0 - self.share) * evidence + self.share * min(1.0, self.scale * probability)

    def _spans(self, found: Sequence[Feature], values: Mapping[str, float],
               index: int) -> tuple[tuple[int, int], ...]:  # fmt: skip
        """Where the features that raise this label's probability are printed, strongest
        first, grown into the phrases they overlap (as the evidence method quotes)."""
        items: list[Occurrence] = []
        for name, start, end in found:
            value = values.get(name)
            if value is None:
                continue
            first, last = self.spans.get(name, _NONE)
            for at in range(first, last):
                if self.indexes[at] == index and self.weights[at] > 0:
                    items.append((-self.weights[at] * value, start, end, name))
        return evidence_spans(items, _strongest(items))


_NONE = (0, 0)
