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

import base64
import math
import sys
from array import array
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from service.suggest.scoring import Occurrence, _strongest, evidence_spans
from service.suggest.text import Feature

#: Weights with a smaller magnitude are not written to the model file.
PRUNE = 0.05


def tf_idf(found: Sequence[Feature], idf: Callable[[str], float]) -> dict[str, float]:
    """Feature -> its value in the text's unit-length TF-IDF vector, in the order the text first
    names them; `idf(name)` is 0 for a feature the model does not know (left out)."""
    counts: dict[str, int] = {}
    weights: dict[str, float] = {}
    for name, _, _ in found:
        if name in counts:
            counts[name] += 1
            continue
        weight = idf(name)
        if weight:
            counts[name], weights[name] = 1, weight
    values = {name: (1.0 + math.log(n)) * weights[name] for name, n in counts.items()}
    norm = math.sqrt(sum(v * v for v in values.values()))
    return {name: v / norm for name, v in values.items()} if norm else {}


class Probabilities(NamedTuple):
    """A text's labels with their probability, and its TF-IDF values."""

    labels: dict[str, float]
    values: dict[str, float]


def vocabulary_of(specs: Iterable[dict[str, Any]]) -> dict[str, int]:
    """Feature -> row over every kind of a model, so each kind's arrays have every row."""
    vocabulary: dict[str, int] = {}
    for spec in specs:
        for name in spec["idf"]:
            vocabulary.setdefault(name, len(vocabulary))
    return vocabulary


@dataclass(frozen=True)
class LinearKind:
    """The linear model of one kind and how `suggest` blends it with the evidence score."""

    labels: tuple[str, ...]
    intercepts: tuple[float, ...]
    vocabulary: Mapping[str, int]  # feature -> its row, shared by the kinds of one model
    idf: array[float]  # per row; 0 where this kind does not know the feature
    first: array[int]  # per row: where the feature's weights start in the flat arrays
    last: array[int]  # per row: where they end
    indexes: array[int]  # the label index of each weight
    weights: array[float]
    share: float  # the blend's share of the linear score
    scale: float  # the probability is multiplied by this (capped at 1) before blending
    threshold: float  # what the blended score must reach to be listed

    @classmethod
    def from_dict(cls, spec: dict[str, Any], vocabulary: Mapping[str, int]) -> LinearKind:
        """Read one kind's model over `vocabulary`, the rows the kinds of one model share (each
        feature name held once), made by `vocabulary_of` from every kind's spec, this one's too."""
        flat = spec["weights"]
        starts, labels = unpack("I", flat["starts"]), unpack("H", flat["labels"])
        rows = len(vocabulary)
        idf, first, last = _rows(rows, "d"), _rows(rows), _rows(rows)
        for name, value in spec["idf"].items():
            idf[vocabulary[name]] = float(value)
        ends = [*starts[1:], len(labels)]
        for name, start, end in zip(flat["features"], starts, ends, strict=True):
            first[vocabulary[name]], last[vocabulary[name]] = start, end
        return cls(
            tuple(spec["labels"]),
            tuple(float(b) for b in spec["intercepts"]),
            vocabulary,
            idf,
            first,
            last,
            labels,
            array("d", (w / 1000 for w in unpack("h", flat["thousandths"]))),
            float(spec["share"]),
            float(spec["scale"]),
            float(spec["threshold"]),
        )

    def idf_of(self, name: str) -> float:
        row = self.vocabulary.get(name)
        return self.idf[row] if row is not None else 0.0

    def _weights_of(self, name: str) -> range:
        row = self.vocabulary.get(name)
        return range(self.first[row], self.last[row]) if row is not None else range(0)

    def probabilities(self, found: Sequence[Feature]) -> Probabilities:
        """Every label whose probability is at least 0.01, and the text's TF-IDF values (what
        `spans` needs, only for the labels that ask for words)."""
        values = tf_idf(found, self.idf_of)
        sums = list(self.intercepts)
        indexes, weights = self.indexes, self.weights
        for name, value in values.items():
            for at in self._weights_of(name):
                sums[indexes[at]] += weights[at] * value
        labels: dict[str, float] = {}
        for index, total in enumerate(sums):
            probability = 1.0 / (1.0 + math.exp(-total))
            if probability >= 0.01:
                labels[self.labels[index]] = probability
        return Probabilities(labels, values)

    def blend(self, evidence: float, probability: float) -> float:
        """The score `suggest` lists a label by: the evidence method's score and the linear
        model's, scaled, mixed in fixed shares."""
        return (1.0 - self.share) * evidence + self.share * min(1.0, self.scale * probability)

    def spans(self, found: Sequence[Feature], values: Mapping[str, float],
              label: str) -> tuple[tuple[int, int], ...]:  # fmt: skip
        """Where the features that raise this label's probability are printed, strongest
        first, grown into the phrases they overlap (as the evidence method quotes)."""
        index = self.labels.index(label)
        items: list[Occurrence] = []
        for name, start, end in found:
            value = values.get(name)
            if value is None:
                continue
            for at in self._weights_of(name):
                if self.indexes[at] == index and self.weights[at] > 0:
                    items.append((-self.weights[at] * value, start, end, name))
        return evidence_spans(items, _strongest(items))


def pack(code: str, numbers: Sequence[int]) -> str:
    """Numbers as the base64 of their little-endian bytes (array type `code`)."""
    packed = array(code, numbers)
    if sys.byteorder == "big":
        packed.byteswap()
    return base64.b64encode(packed.tobytes()).decode("ascii")


def unpack(code: str, text: str) -> array[Any]:
    """What `pack` wrote."""
    numbers = array(code)
    numbers.frombytes(base64.b64decode(text))
    if sys.byteorder == "big":
        numbers.byteswap()
    return numbers


def _rows(size: int, code: str = "I") -> array[Any]:
    """A zeroed array of `size` numbers of type `code`."""
    return array(code, bytes(size * array(code).itemsize))
