"""Build the suggestion model from the dataset (build side): `build_model(source_dir, reference)`
gives the JSON-ready model; `write_model` writes it as data/generated/suggest-model.json.

Thresholds are chosen on held-out activities: 10-fold cross-validation by passage (the parts of
one passage are held out together; fold = CRC-32 of the passage key mod 10), so no activity's
own labels ever score it. A kind's `threshold` (what `/suggest` lists) is the best F1 with a
held-out precision of at least SUGGEST_PRECISION; `graphThreshold` (what the `inferred` graph
keeps) the best F1 with at least GRAPH_PRECISION on the Chinese texts.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from service.rdfio import Triple
from service.suggest.corpus import Item, corpus, entity_labels
from service.suggest.learning import REFERENCE_WEIGHT, Counts, Example, choose_threshold, count
from service.suggest.learning import weights as learn_weights
from service.suggest.model import METHOD, MODEL_FILE, VERSION
from service.suggest.names_table import country_names, partner_names, region_names, traps
from service.suggest.scoring import LearnedKind
from service.suggest.text import features

FOLDS: Final = 10
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


def fold_of(item: Item) -> int:
    """The cross-validation fold of an activity: by its passage, the same on every machine."""
    return zlib.crc32(item.passage.encode("utf-8")) % FOLDS


def examples(items: Sequence[Item], kind: str) -> Iterator[Example]:
    """Each activity's Chinese text (labels with their evidence) and English title."""
    for item in items:
        labels = item.labels.get(kind, {})
        yield Example(item.text, dict(labels))
        if item.title:
            yield Example(item.title, {label: () for label in labels})


def reference_examples(labels: dict[str, dict[str, str]]) -> Iterator[Example]:
    """Each entity's English and Chinese label (an SDG target's official text) as a text."""
    for notation, row in labels.items():
        for lang in ("en", "zh"):
            if row.get(lang):
                yield Example(row[lang], {notation: ()}, REFERENCE_WEIGHT)


def learned(counts: Counts, aggregate: str, thresholds: tuple[float, float]) -> LearnedKind:
    table, priors = learn_weights(counts)
    return LearnedKind(aggregate, table, priors, *thresholds)


@dataclass(frozen=True)
class HeldOut:
    """Scores of one held-out text: which activity, which view, its gold labels, the scores."""

    key: str
    view: str  # "zh" (the activity's text) or "en" (its English title)
    gold: set[str]
    scores: dict[str, Any]  # label -> Scored


def cross_validate(items: Sequence[Item], kind: str, reference: Counts) -> list[HeldOut]:
    """Every activity scored by a model that never saw it."""
    whole = count(examples(items, kind))
    held: list[HeldOut] = []
    for fold in range(FOLDS):
        test = [item for item in items if fold_of(item) == fold]
        trained = whole.minus(count(examples(test, kind)))
        trained = _plus(trained, reference)
        model = learned(trained, AGGREGATES[kind], (0.0, 0.0))
        for item in test:
            gold = set(item.labels.get(kind, {}))
            held.append(HeldOut(item.key, "zh", gold, model.score(features(item.text))))
            if item.title:
                held.append(HeldOut(item.key, "en", gold, model.score(features(item.title))))
    return held


def _plus(one: Counts, other: Counts) -> Counts:
    assert one.df is not None and one.pos is not None and one.per_label is not None
    assert other.df is not None and other.pos is not None and other.per_label is not None
    return Counts(one.texts + other.texts, one.df + other.df, one.pos + other.pos,
                  one.per_label + other.per_label)  # fmt: skip


def listed(held: HeldOut, aggregate: str) -> dict[str, float]:
    """The scores a list may hold: all for `any`; the best label only for `one`."""
    scores = {label: s.score for label, s in held.scores.items()}
    if aggregate == "one" and scores:
        best = max(sorted(scores), key=lambda label: scores[label])
        return {best: scores[best]}
    return scores


def thresholds(held: list[HeldOut], aggregate: str) -> tuple[float, float]:
    """(suggest threshold on both languages, graph threshold on the Chinese texts)."""
    results = [(h.gold, listed(h, aggregate)) for h in held]
    chinese = [(h.gold, listed(h, aggregate)) for h in held if h.view == "zh"]
    return (choose_threshold(results, SUGGEST_PRECISION),
            choose_threshold(chinese, GRAPH_PRECISION))  # fmt: skip


def build_model(source_dir: Path, reference: list[Triple]) -> dict[str, Any]:
    """The whole model, JSON-ready, deterministic."""
    items = corpus(source_dir, reference)
    entities = entity_labels(reference)
    countries, world = country_names(reference)
    kinds: dict[str, Any] = {}
    for kind, aggregate in AGGREGATES.items():
        reference_counts = count(reference_examples(entities[kind]))
        held = cross_validate(items, kind, reference_counts)
        chosen = thresholds(held, aggregate)
        whole = _plus(count(examples(items, kind)), reference_counts)
        model = learned(whole, aggregate, chosen)
        kinds[kind] = {
            "aggregate": aggregate,
            "threshold": chosen[0],
            "graphThreshold": chosen[1],
            "priors": dict(model.priors),
            "weights": {name: [list(p) for p in pairs] for name, pairs in model.weights.items()},
        }
    entities["country"] = dict(sorted({**world, **entities["country"]}.items()))
    return {
        "method": {"name": METHOD, "version": VERSION},
        "learned": kinds,
        "entities": entities,
        "names": {
            "country": countries,
            "partner": partner_names(reference),
            "region": region_names(),
        },  # fmt: skip
        "traps": traps(),
        "countryRegions": country_regions(items_regions(source_dir, reference)),
    }


def items_regions(source_dir: Path, reference: list[Triple]) -> list[tuple[set[str], set[str]]]:
    """(countries, regions) of every activity: what the report says of where countries are."""
    from service.extract.pipeline import extract_activities

    _, activities, _ = extract_activities(source_dir, reference)
    return [({str(c).rsplit("/", 1)[-1] for c in a.countries}, set(a.regions)) for a in activities]


def country_regions(pairs: list[tuple[set[str], set[str]]]) -> dict[str, list[list[Any]]]:
    """ISO3 -> [[region, share]]: among activities naming only that country and one region,
    the share that name this region (at least 2 such activities)."""
    seen: dict[str, dict[str, int]] = {}
    for countries, regions in pairs:
        if len(countries) == 1 and len(regions) == 1:
            (country,), (region,) = countries, regions
            seen.setdefault(country, {}).setdefault(region, 0)
            seen[country][region] += 1
    table: dict[str, list[list[Any]]] = {}
    for country, counts in sorted(seen.items()):
        total = sum(counts.values())
        if total >= 2:
            table[country] = [[r, round(n / total, 3)] for r, n in sorted(counts.items())]
    return table


def model_bytes(model: dict[str, Any]) -> bytes:
    """The model file's bytes: sorted keys, no extra spaces, one line."""
    text = json.dumps(model, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (text + "\n").encode("utf-8")


def write_model(source_dir: Path, reference: list[Triple], generated_dir: Path) -> Path:
    """Build the model and write it beside the generated graphs."""
    path = generated_dir / MODEL_FILE
    path.write_bytes(model_bytes(build_model(source_dir, reference)))
    return path


if __name__ == "__main__":
    from service.config import Settings
    from service.reference import ReferenceBuilder

    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    triples = list(ReferenceBuilder(settings.source_dir).triples())
    print(f"wrote {write_model(settings.source_dir, triples, settings.generated_dir)}")
