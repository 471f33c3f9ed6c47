"""`inferred_links(source_dir, reference)`: the `inferred` graph's content (build side).

Every activity of the dataset is scored by the model trained on the other nine folds (see
`service.suggest.training`): its own curated or stated labels never predict it. A link is kept
when its score reaches the kind's `graphThreshold` (chosen for a held-out precision of at least
0.8 on the Chinese texts); its evidence is the strongest phrase behind it, as printed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from service.rdfio import Triple
from service.suggest.corpus import corpus, entity_labels
from service.suggest.learning import count
from service.suggest.links import InferredLink
from service.suggest.model import METHOD, VERSION
from service.suggest.training import (
    AGGREGATES,
    cross_validate,
    reference_examples,
    thresholds,
)

PROPERTIES: Final = {"sdgTarget": "contributesTo", "wsisActionLine": "supportsActionLine"}


def inferred_links(source_dir: Path, reference: list[Triple]) -> list[InferredLink]:
    """The links the method stands behind for every activity, sorted by activity, property and
    notation (deterministic: the same inputs give the same list on every machine)."""
    items = {item.key: item for item in corpus(source_dir, reference)}
    entities = entity_labels(reference)
    links: list[InferredLink] = []
    for kind, prop in PROPERTIES.items():
        known = count(reference_examples(entities[kind]))
        held = cross_validate(list(items.values()), kind, known)
        graph_threshold = thresholds(held, AGGREGATES[kind])[1]
        for result in held:
            if result.view != "zh":
                continue
            item = items[result.key]
            for notation, scored in sorted(result.scores.items()):
                score = round(scored.score, 3)
                if score < graph_threshold or not scored.spans or notation not in entities[kind]:
                    continue
                start, end = scored.spans[0]
                evidence = item.text[start:end]
                links.append(
                    InferredLink(item.key, prop, notation, score, evidence, item.line, METHOD,
                                 VERSION)
                )  # fmt: skip
    return sorted(links, key=lambda link: (link.activity, link.property, link.notation))
