"""Fit the linear model of a learned kind (build side; `service.suggest.linear` reads it).

One-vs-rest L2-regularised logistic regression (scikit-learn's liblinear, C = C_VALUE, a fixed
random state) on the TF-IDF vectors of the training texts (each activity's Chinese text and its
English title) and of the kind's reference texts (each label's official English and Chinese
text, weighing twice as much, as the evidence method counts them). Features are those of at
least two texts. Everything written is rounded, in sorted order: the same data give the same
bytes.

Why a library here: fitting 169 regularised models over 20,000 sparse features is what liblinear
is made for; written in Python it would take minutes. Serving needs none of it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

from service.suggest.learning import REFERENCE_WEIGHT
from service.suggest.linear import PRUNE, pack, tf_idf
from service.suggest.text import Feature

C_VALUE = 10.0
MIN_TEXTS = 2

#: A training text as read: its features and its labels (not `learning.Example`, the text).
Read = tuple[Sequence[Feature], Sequence[str]]


def idf_table(examples: Sequence[Read]) -> dict[str, float]:
    """Feature -> smoothed inverse document frequency, `ln((1 + n) / (1 + df)) + 1`, for the
    features of at least MIN_TEXTS texts, rounded to 4 decimals."""
    frequency: dict[str, int] = {}
    for found, _ in examples:
        for name in {f.name for f in found}:
            frequency[name] = frequency.get(name, 0) + 1
    n = len(examples)
    return {
        name: round(math.log((1 + n) / (1 + df)) + 1.0, 4)
        for name, df in sorted(frequency.items())
        if df >= MIN_TEXTS
    }


def fit(
    examples: Sequence[Read], references: Sequence[Read], share: float, scale: float,
    threshold: float,
) -> dict[str, Any]:  # fmt: skip
    """The kind's linear model, JSON-ready (`LinearKind.from_dict` reads it)."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    everything = list(examples) + list(references)
    idf = idf_table(everything)
    columns = {name: at for at, name in enumerate(idf)}
    labels = sorted({label for _, labels_ in everything for label in labels_})
    rows, cols, values = [], [], []
    for row, (found, _) in enumerate(everything):
        for name, value in tf_idf(found, lambda name: idf.get(name, 0.0)).items():
            rows.append(row)
            cols.append(columns[name])
            values.append(value)
    matrix = csr_matrix((values, (rows, cols)), shape=(len(everything), len(idf)))
    weight = np.array([1.0] * len(examples) + [REFERENCE_WEIGHT] * len(references))
    index = {label: at for at, label in enumerate(labels)}
    targets = np.zeros((len(everything), len(labels)), dtype=np.int8)
    for row, (_, labels_) in enumerate(everything):
        targets[row, [index[label] for label in labels_]] = 1
    models = []
    for at in range(len(labels)):  # (threads are slower: sklearn's liblinear fits do not overlap)
        model = LogisticRegression(C=C_VALUE, solver="liblinear", random_state=0)
        models.append(model.fit(matrix, targets[:, at], sample_weight=weight))
    coefficients = np.column_stack([model.coef_[0] for model in models])  # a row per feature
    intercepts = [round(float(model.intercept_[0]), 3) for model in models]
    return {
        "labels": labels,
        "intercepts": intercepts,
        "idf": idf,
        "weights": _flat(list(idf), coefficients),
        "share": share,
        "scale": scale,
        "threshold": threshold,
        "fit": {"solver": "liblinear", "C": C_VALUE, "prune": PRUNE, "minTexts": MIN_TEXTS,
                "referenceWeight": float(REFERENCE_WEIGHT)},  # fmt: skip
    }


def _flat(names: list[str], coefficients: Any) -> dict[str, Any]:
    """The weights of magnitude PRUNE or more, feature by feature (in `idf` order): the features
    that have any, and, packed (`linear.pack`: little-endian, base64, so that loading makes no
    Python object per weight), where each feature's weights start, the label index of each
    weight and the weight in thousandths."""
    import numpy as np

    kept = np.abs(coefficients) >= PRUNE
    per_feature = kept.sum(axis=1)
    rows, columns = np.nonzero(kept)  # row by row, label index ascending
    features = [names[at] for at in np.flatnonzero(per_feature)]
    ends = np.cumsum(per_feature[per_feature > 0])
    starts = [0, *(int(end) for end in ends[:-1])]
    # rint rounds half to even, as round() does: the same thousandths as round(w * 1000)
    values = [int(v) for v in np.rint(coefficients[rows, columns] * 1000)]
    if values and max(abs(v) for v in values) > 32767:
        raise ValueError("a linear weight beyond +-32.767 does not fit the model file's int16")
    return {"features": features, "starts": pack("I", starts),
            "labels": pack("H", [int(at) for at in columns]),
            "thousandths": pack("h", values)}  # fmt: skip


def examples_of(
    texts: Sequence[tuple[str, Sequence[str]]], read: Callable[[str], Sequence[Feature]]
) -> list[Read]:
    """(text, labels) pairs as examples, read by `read` (the features `suggest` would see)."""
    return [(read(text), labels) for text, labels in texts if text]
