"""Build the suggestion model from the dataset (build side): `learn(source_dir, reference)`
reads the dataset once, cross-validates every learned kind (`service.suggest.crossval`) and
gives the JSON-ready model with the held-out scores the `inferred` graph is made of;
`build_model` gives the model alone; `write_model` writes it as
data/generated/suggest-model.json.

A kind's `threshold` (what `/suggest` lists) is the best F1 with a held-out precision of at
least SUGGEST_PRECISION; `graphThreshold` (what the `inferred` graph keeps) the best F1 with at
least GRAPH_PRECISION on the Chinese texts. The weights are learned once on the whole dataset
plus the reference texts.
"""

from __future__ import annotations

import gc
import json
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import Any

from service.extract.activities import Activity
from service.rdfio import Triple
from service.suggest.corpus import Item, Place, dataset, entity_labels, priority_codes
from service.suggest.crossval import (
    AGGREGATES,
    Folds,
    HeldOut,
    Validated,
    cross_validate,
    reference_examples,
    thresholds,
)
from service.suggest.inference import PROPERTIES, read_links
from service.suggest.learning import Counts, Example, Reader, Trained, count, rounded
from service.suggest.linear_fit import examples_of
from service.suggest.linear_fit import fit as fit_linear
from service.suggest.links import InferredLink
from service.suggest.model import METHOD, MODEL_FILE, VERSION
from service.suggest.names import NameIndex
from service.suggest.names_table import country_names, partner_names, region_names, traps
from service.suggest.new_texts import Labelled, read_new_texts

#: Kinds `suggest` lists by a blend of the evidence score and a linear model's probability:
#: (the linear share, the probability's scale, the threshold of the blend). Shares chosen on
#: four sets of new texts (version 1.5), thresholds by cross-validation over the labelled new
#: texts once the model learned from them (1.6; README, "Version 1.6").
BLENDED: dict[str, tuple[float, float, float]] = {
    "sdgTarget": (0.4, 3.0, 0.55),
    "wsisActionLine": (0.4, 3.0, 0.7),
    "thematicPriority": (0.4, 1.0, 0.0),  # the best priority is always listed (`suggest`)
}


#: How many times a labelled new text counts (an activity's text counts once).
NEW_TEXT_WEIGHT = 2


@dataclass(frozen=True)
class Learned:
    """One training run: the model (JSON-ready), per learned kind the held-out scores and the
    thresholds chosen on them, and the inferred links, sorted by activity, property and
    notation."""

    model: dict[str, Any]
    held: dict[str, list[HeldOut]]
    thresholds: dict[str, tuple[float, float]]
    links: list[InferredLink]  # the `inferred` graph's content (service.suggest.inference)


def final_weights(validated: Validated) -> tuple[dict[str, Any], dict[str, float]]:
    """The model's weights (feature -> [[label, weight]], features sorted) and base rates, learned
    on the whole dataset plus the reference texts."""
    trained = Trained(validated.base, Counts())
    table = trained.table()  # JSON writes its (label, weight) pairs as arrays
    return table, rounded(trained.priors)


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Learning makes millions of small objects and no reference cycle: the cyclic garbage
    collector would walk them over and over (a third of the time) for nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def learn(
    source_dir: Path,
    reference: list[Triple],
    activities: Sequence[Activity] | None = None,
    new_text_ids: set[str] | None = None,
) -> Learned:
    """The whole training run, deterministic: the same inputs give the same model, scores and
    links. `activities`: the extraction's activities when the caller has them (see
    `service.suggest.corpus.dataset`); `new_text_ids`: learn from these labelled new texts
    only (default: all of them; `service.suggest.new_texts`)."""
    with _no_cycle_collection():
        return _learn(source_dir, reference, activities, new_text_ids)


def _learn(
    source_dir: Path,
    reference: list[Triple],
    activities: Sequence[Activity] | None,
    new_text_ids: set[str] | None,
) -> Learned:
    items, places = dataset(source_dir, reference, activities)
    entities = entity_labels(reference)
    extra = read_new_texts(source_dir / "curated", priority_codes(entities), new_text_ids)
    countries, world = country_names(reference)
    # the countries a text names are not features: where an activity takes place says nothing
    # about what it serves (as `suggest` reads a new text)
    folds = Folds(items, Reader(NameIndex(countries, tuple(traps()["country"])).spans))
    kinds: dict[str, Any] = {}
    held: dict[str, list[HeldOut]] = {}
    chosen: dict[str, tuple[float, float]] = {}
    links: list[InferredLink] = []
    by_key = {item.key: item for item in items}
    for kind, aggregate in AGGREGATES.items():
        examples = chain(reference_examples(entities[kind]), new_examples(extra.get(kind, [])))
        reference_counts = count(examples, folds.reader)
        validated = cross_validate(folds, kind, reference_counts)
        held[kind] = validated.held
        chosen[kind] = thresholds(validated.held, aggregate, kind)
        if kind in PROPERTIES:
            links += read_links(kind, validated, by_key, entities[kind], chosen[kind][1])
        table, priors = final_weights(validated)
        kinds[kind] = {
            "aggregate": aggregate,
            "threshold": chosen[kind][0],
            "graphThreshold": chosen[kind][1],
            "priors": priors,
            "weights": table,
        }
    linear = {kind: _linear(items, entities[kind], kind, folds.reader, blend, extra[kind])
              for kind, blend in BLENDED.items()}  # fmt: skip
    model_entities = {**entities, "country": dict(sorted({**world, **entities["country"]}.items()))}
    model = {
        "method": {"name": METHOD, "version": VERSION},
        "learned": kinds,
        "linear": linear,
        "entities": model_entities,
        "names": {
            "country": countries,
            "partner": partner_names(reference),
            "region": region_names(),
        },  # fmt: skip
        "traps": traps(),
        "countryRegions": country_regions(places),
    }
    links.sort(key=lambda link: (link.activity, link.property, link.notation))
    return Learned(model, held, chosen, links)


def new_examples(texts: list[Labelled]) -> Iterator[Example]:
    """The labelled new texts as examples (labels shown by the whole text)."""
    for text, labels in texts:
        yield Example(text, {label: () for label in labels}, NEW_TEXT_WEIGHT)


def _linear(items: Sequence[Item], entities: dict[str, dict[str, str]], kind: str,
            reader: Reader, blend: tuple[float, float, float],
            new: list[Labelled]) -> dict[str, Any]:  # fmt: skip
    """The kind's linear model, fitted on every activity's text and title, the labelled new
    texts and the kind's reference texts, read as `suggest` reads a new text."""
    texts = [(text, sorted(item.labels.get(kind, {})))
             for item in items for text in (item.text, item.title)]  # fmt: skip
    texts += [(text, labels) for text, labels in new for _ in range(NEW_TEXT_WEIGHT)]
    references = [(example.text, list(example.labels)) for example in reference_examples(entities)]
    return fit_linear(examples_of(texts, reader.features), examples_of(references, reader.features),
                      *blend)  # fmt: skip


def build_model(
    source_dir: Path, reference: list[Triple], learned: Learned | None = None
) -> dict[str, Any]:
    """The whole model, JSON-ready, deterministic (from `learned` when the run was made)."""
    return (learned if learned is not None else learn(source_dir, reference)).model


def country_regions(pairs: list[Place]) -> dict[str, list[list[Any]]]:
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


def write_model(
    source_dir: Path, reference: list[Triple], generated_dir: Path, learned: Learned | None = None
) -> Path:
    """Build the model (from `learned` when the run was made) and write it beside the generated
    graphs."""
    path = generated_dir / MODEL_FILE
    path.write_bytes(model_bytes(build_model(source_dir, reference, learned)))
    return path


def main() -> None:
    """`python -m service.suggest.training` (`baap-kg build` writes it): one training run, the model
    written, the time it took printed."""
    from service.config import Settings
    from service.reference import ReferenceBuilder

    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    triples = list(ReferenceBuilder(settings.source_dir).triples())
    start = time.perf_counter()
    learned = learn(settings.source_dir, triples)
    path = write_model(settings.source_dir, triples, settings.generated_dir, learned)
    took = time.perf_counter() - start
    print(f"wrote {path} ({len(learned.links)} inferred links) in {took:.2f} s")


if __name__ == "__main__":
    main()
