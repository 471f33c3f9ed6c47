"""Graph `inferred`: links a method read from each activity's own text, with justifications.

The method lives elsewhere (`service.suggest`); the build hands its links here as
`service.suggest.links.InferredLink` records, each naming the method and its version. Each
becomes the link plus a `baap:LinkJustification` (basis "inferred", the evidence and its line,
`baap:score`, `prov:wasGeneratedBy` the method node, which carries `dcterms:hasVersion`). With no
links the graph is empty (it still exists: `data/generated/inferred.ttl`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from decimal import Decimal
from typing import Final

from rdflib import URIRef

from service.extract.activities import Activity
from service.extract.justifications import JustificationError, JustifiedLink, Method
from service.namespaces import BAAP
from service.reference import entity, sdg_iri, wsis_notation
from service.suggest.links import InferredLink


def _question(notation: str) -> URIRef:
    return entity("question/" + notation.upper().removeprefix("Q").replace("/", "-"))


#: property name -> (property IRI, object IRI from the notation)
OBJECTS: Final[dict[str, tuple[URIRef, Callable[[str], URIRef]]]] = {
    "contributesTo": (BAAP.contributesTo, sdg_iri),
    "supportsActionLine": (
        BAAP.supportsActionLine, lambda n: entity(f"wsis-action-line/{wsis_notation(n)}")
    ),
    "regionalInitiative": (BAAP.regionalInitiative, lambda n: entity(f"regional-initiative/{n}")),
    "region": (BAAP.region, lambda n: entity(f"region/{n}")),
    "question": (BAAP.question, _question),
    "country": (BAAP.country, lambda n: entity(f"country/{n}")),
}  # fmt: skip


def justified(
    links: Iterable[InferredLink], activities: Mapping[str, Activity]
) -> list[JustifiedLink]:
    """The method's links as justified links, checked against the activities they name."""
    out = []
    for link in links:
        if link.property not in OBJECTS:
            raise JustificationError(
                f"inferred link {link}: property must be one of {', '.join(OBJECTS)}"
            )
        activity = activities.get(link.activity)
        if activity is None:
            raise JustificationError(f"inferred link {link}: no activity {link.activity!r}")
        if link.evidence not in activity.text:
            raise JustificationError(f"inferred link {link}: evidence not in the activity's text")
        if not 0 <= link.score <= 1:
            raise JustificationError(f"inferred link {link}: score must be between 0 and 1")
        prop, to_iri = OBJECTS[link.property]
        notation = link.notation
        if prop == BAAP.supportsActionLine:
            notation = wsis_notation(notation)
        out.append(
            JustifiedLink(
                link.activity, prop, to_iri(link.notation), notation, "inferred", link.evidence,
                link.line, score=Decimal(f"{link.score:.3f}"),
                method=Method(link.method, link.version),
            )
        )  # fmt: skip
    return out


def corroborated(
    links: list[JustifiedLink], judged: Mapping[tuple[str, URIRef, str], tuple[str, ...]] | None
) -> list[JustifiedLink]:
    """The method's links that a person also gave, each naming the files that give it; all of
    them when `judged` is None (the dataset's activities were not all judged by people).

    Where the passes judged every activity (five, or eight), a link no one gave goes against
    every one of their readings of the same text; a link some of them gave, short of the
    curation rule, and the method also reads is kept as the method's, with its score."""
    if judged is None:
        return links
    kept = []
    for link in links:
        files = judged.get((link.activity, link.prop, link.notation))
        if files is not None:
            names = ", ".join(f.rsplit("/", 1)[-1] for f in files)
            note = f"also given by curation passes short of the curation rule: {names}"
            kept.append(replace(link, note=note, sources=files))
    return kept


def no_links() -> list[InferredLink]:
    """What the build uses when no method provides links: none (the graph exists, empty)."""
    return []
