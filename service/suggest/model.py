"""The suggestion model as the service reads it: data/generated/suggest-model.json, written by
`baap-kg build` (service.suggest.training) from the dataset, loaded once per process."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from service.errors import DataLoadError
from service.suggest.linear import LinearKind, vocabulary_of
from service.suggest.names import NameIndex
from service.suggest.scoring import LearnedKind

METHOD: Final = "baap-kg text-evidence suggester"
VERSION: Final = "1.6"
MODEL_FILE: Final = "suggest-model.json"


class ModelLoadError(DataLoadError):
    """The suggestion model file is missing or unreadable; `baap-kg build` writes it."""


@dataclass(frozen=True)
class SuggestModel:
    """Everything a suggestion needs, read from the model file."""

    name: str
    version: str
    learned: dict[str, LearnedKind]
    entities: dict[str, dict[str, dict[str, str]]]
    names: dict[str, NameIndex]
    country_regions: dict[str, list[tuple[str, float]]]
    linear: dict[str, LinearKind]

    @classmethod
    def load(cls, path: Path) -> SuggestModel:
        """Read the model file; a missing or broken file says how to make it."""
        try:
            data: dict[str, Any] = json.loads(path.read_bytes())
        except (OSError, ValueError) as error:
            raise ModelLoadError(
                f"cannot read the suggestion model {path}: {error}; run `baap-kg build`"
            ) from error
        return cls.from_dict(data)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SuggestModel:
        learned = {
            kind: LearnedKind(
                spec["aggregate"],
                {
                    name: [(label, float(w)) for label, w in pairs]
                    for name, pairs in spec["weights"].items()
                },  # fmt: skip
                {label: float(p) for label, p in spec["priors"].items()},
                float(spec["threshold"]),
                float(spec["graphThreshold"]),
            )
            for kind, spec in data["learned"].items()
        }
        traps = data.get("traps", {})
        names = {
            kind: NameIndex(table, tuple(traps.get(kind, ())))
            for kind, table in data["names"].items()
        }
        regions = {
            country: [(region, float(share)) for region, share in pairs]
            for country, pairs in data.get("countryRegions", {}).items()
        }
        specs = dict(sorted(data.get("linear", {}).items()))
        vocabulary = vocabulary_of(specs.values())
        linear = {kind: LinearKind.from_dict(spec, vocabulary) for kind, spec in specs.items()}
        method = data["method"]
        return cls(
            method["name"], method["version"], learned, data["entities"], names, regions, linear
        )
