"""The `inferred` graph's content (build side): the links the held-out scores stand behind.

Every activity of the dataset is scored by the model trained on the other nine folds (see
`service.suggest.crossval`): its own curated or stated labels never predict it. A link is kept
when its score reaches the kind's `graphThreshold` (chosen for a held-out precision of at least
0.8 on the Chinese texts); its evidence is the strongest phrase behind it, as printed.
`service.suggest.training.learn` calls `read_links` for each kind while the fold models live.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from service.suggest.corpus import Item
from service.suggest.crossval import Validated
from service.suggest.links import InferredLink
from service.suggest.model import METHOD, VERSION

PROPERTIES: Final = {"sdgTarget": "contributesTo", "wsisActionLine": "supportsActionLine"}


def read_links(
    kind: str,
    validated: Validated,
    items: Mapping[str, Item],
    entities: Mapping[str, object],
    graph_threshold: float,
) -> list[InferredLink]:
    """The kind's links on the activities' Chinese texts, in the held-out order."""
    links: list[InferredLink] = []
    for index, result in enumerate(validated.held):
        if result.view != "zh":
            continue
        kept = {label for label, score in result.scores.items()
                if round(score, 3) >= graph_threshold and label in entities}  # fmt: skip
        if not kept:
            continue
        item = items[result.key]
        for notation, scored in sorted(validated.explained(index, kept).items()):
            if not scored.spans:
                continue
            start, end = scored.spans[0]
            links.append(
                InferredLink(item.key, PROPERTIES[kind], notation, round(scored.score, 3),
                             item.text[start:end], item.line, METHOD, VERSION)
            )  # fmt: skip
    return links
