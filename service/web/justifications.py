"""The basis and justification of each link on a resource page: which named graph says it
(report, curation, inferred, derived) and, for a curated or inferred link, the words of the
passage it rests on, their line, and the curator's confidence or the method's score and name."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import pyoxigraph as ox

from service.bases import named_bases
from service.resources import Description, local_path

BAAP: Final = "https://w3id.org/baap/ontology#"
GENERATED_BY: Final = "http://www.w3.org/ns/prov#wasGeneratedBy"
HAS_VERSION: Final = "http://purl.org/dc/terms/hasVersion"
RDFS_LABEL: Final = "http://www.w3.org/2000/01/rdf-schema#label"


@dataclass(frozen=True)
class Justification:
    """Why a curated or inferred link holds, as the page shows it."""

    iri: str
    href: str
    basis: str
    evidence: str
    line: int | None
    confidence: str = ""
    score: str = ""
    method: str = ""
    version: str = ""

    @property
    def line_href(self) -> str:
        return f"/report?start={self.line}&end={self.line}#L{self.line}" if self.line else ""


def _first(description: Description, node: str, predicate: str) -> str:
    values = sorted(o.value for o in description.values(node, predicate))
    return values[0] if values else ""


def _justification(description: Description, node: str, base: str) -> Justification:
    method = _first(description, node, GENERATED_BY)
    line = _first(description, node, f"{BAAP}startLine")
    return Justification(
        iri=node,
        href=local_path(node, base) or "",
        basis=_first(description, node, f"{BAAP}basis"),
        evidence=_first(description, node, f"{BAAP}evidence"),
        line=int(line) if line.isdigit() else None,
        confidence=_first(description, node, f"{BAAP}confidence"),
        score=_first(description, node, f"{BAAP}score"),
        method=method and (_first(description, method, RDFS_LABEL) or method),
        version=method and _first(description, method, HAS_VERSION),
    )


def justifications(
    description: Description, base: str
) -> dict[tuple[str, str], list[Justification]]:
    """(property IRI, object IRI) -> the justifications of the subject's link."""
    found: dict[tuple[str, str], list[Justification]] = {}
    for node in description.justifications:
        key = (
            _first(description, node, f"{BAAP}justifiesProperty"),
            _first(description, node, f"{BAAP}justifiesObject"),
        )
        found.setdefault(key, []).append(_justification(description, node, base))
    return found


def link_bases(description: Description, predicate: str, obj: ox.NamedNode) -> list[str]:
    """The bases of the subject's link (`predicate`, `obj`): the basis graphs that hold it."""
    return named_bases(description.graphs.get((predicate, str(obj)), []))
