"""Per-activity links with their `baap:LinkJustification` (CONTRACT v2 "Link justifications").

A link a person judged (graph `curation`) or a method read (graph `inferred`) from an activity's
own text is written together with one justification in the same graph: the link (subject,
property, object), its basis, the words of the passage that support it, the line they are on,
and the curator's confidence or the method's score and the method (with its version).
IRI: `justification/{activity key}--{property}--{object notation}`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from rdflib import RDF, RDFS, XSD, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from service.errors import DataLoadError
from service.extract.rdf import activity_iri
from service.namespaces import BAAP
from service.rdfio import Triple
from service.reference import entity


class JustificationError(DataLoadError):
    """A per-activity link is incomplete, unknown to the report, or given twice; the message
    names the link and the file row to fix."""


CONFIDENCES: Final = ("high", "medium", "low")
#: The bases a per-activity justification can have (the graph it is in).
JUSTIFIED_BASES: Final = ("curation", "inferred")


@dataclass(frozen=True)
class Method:
    """A method that reads links from activity texts: its name and version."""

    name: str
    version: str

    @property
    def iri(self) -> URIRef:
        """`method/{name as a lower-case slug}/{version}`."""
        slug = re.sub(r"[^a-z0-9]+", "-", self.name.lower()).strip("-")
        return entity(f"method/{slug}/{self.version}")


@dataclass(frozen=True)
class JustifiedLink:
    """One per-activity link and why it holds."""

    activity: str  # the activity key
    prop: URIRef  # baap:contributesTo, baap:supportsActionLine, baap:regionalInitiative, ...
    obj: URIRef
    notation: str  # the object's notation (CONTRACT), used in the justification's IRI
    basis: str  # "curation" or "inferred"
    evidence: str  # the words of the passage, as printed
    line: int  # the line the evidence is on
    confidence: str | None = None  # curation: high, medium or low
    score: Decimal | None = None  # inferred: 0-1
    method: Method | None = None  # inferred: what read it
    note: str | None = None  # the curator's reason, in English
    sources: tuple[str, ...] = ()  # the curated files that give it

    def __post_init__(self) -> None:
        problem = None
        if self.basis not in JUSTIFIED_BASES:
            problem = f"basis must be curation or inferred, not {self.basis!r}"
        elif self.basis == "curation" and self.confidence not in CONFIDENCES:
            problem = "a curated link needs a confidence (high, medium or low)"
        elif self.basis == "inferred" and (self.score is None or self.method is None):
            problem = "an inferred link needs a score and a method"
        elif not self.evidence:
            problem = "a justified link needs its evidence (the passage's words)"
        if problem is not None:
            raise JustificationError(f"{self.iri}: {problem}")

    @property
    def iri(self) -> URIRef:
        return justification_iri(self.activity, self.prop, self.notation)

    @property
    def link(self) -> Triple:
        return activity_iri(self.activity), self.prop, self.obj


def justification_iri(activity: str, prop: URIRef, notation: str) -> URIRef:
    """`justification/{activity key}--{property}--{object notation}` ("/" in a notation as "-")."""
    local = str(prop).rsplit("#", 1)[-1]
    return entity(f"justification/{activity}--{local}--{notation.replace('/', '-')}")


_TYPE, _JUSTIFICATION = RDF.type, BAAP.LinkJustification
_SUBJECT, _PROPERTY, _OBJECT = BAAP.justifiesSubject, BAAP.justifiesProperty, BAAP.justifiesObject
_BASIS, _EVIDENCE, _LINE = BAAP.basis, BAAP.evidence, BAAP.startLine
_CONFIDENCE, _SCORE, _BY = BAAP.confidence, BAAP.score, PROV.wasGeneratedBy
_LITERALS: dict[str, Literal] = {v: Literal(v) for v in (*CONFIDENCES, *JUSTIFIED_BASES)}


def justification_triples(link: JustifiedLink) -> list[Triple]:
    """The justification node of `link` (not the link itself)."""
    node = link.iri
    subject, prop, obj = link.link
    triples: list[Triple] = [
        (node, _TYPE, _JUSTIFICATION),
        (node, _SUBJECT, subject),
        (node, _PROPERTY, prop),
        (node, _OBJECT, obj),
        (node, _BASIS, _LITERALS[link.basis]),
        (node, _EVIDENCE, Literal(link.evidence, lang="zh")),
        (node, _LINE, Literal(link.line, datatype=XSD.integer)),
    ]
    if link.confidence is not None:
        triples.append((node, _CONFIDENCE, _LITERALS[link.confidence]))
    if link.score is not None:
        triples.append((node, _SCORE, Literal(link.score, datatype=XSD.decimal)))
    if link.method is not None:
        triples.append((node, _BY, link.method.iri))
    if link.note:
        triples.append((node, RDFS.comment, Literal(link.note, lang="en")))
    triples.extend((node, DCTERMS.source, Literal(source)) for source in link.sources)
    return triples


def method_triples(method: Method) -> Iterator[Triple]:
    """The method node an inferred link's justification names."""
    node = method.iri
    yield node, RDF.type, BAAP.LinkMethod
    yield node, RDFS.label, Literal(f"{method.name} {method.version}", lang="en")
    yield node, RDFS.label, Literal(f"方法 {method.name} {method.version}", lang="zh")
    yield node, DCTERMS.hasVersion, Literal(method.version)


def justified_graph(links: Iterable[JustifiedLink], stated: set[Triple]) -> list[Triple]:
    """Each link not already `stated` (by the report), with its justification; and the nodes of
    the methods they name. A link given twice is a build error (two justifications, one IRI)."""
    triples: list[Triple] = []
    seen: set[URIRef] = set()
    methods: dict[URIRef, Method] = {}
    for link in links:
        if link.link in stated:
            continue  # what the report states stays basis report
        if link.iri in seen:
            raise JustificationError(f"{link.iri} is given twice; keep one row per link")
        seen.add(link.iri)
        triples.append(link.link)
        triples.extend(justification_triples(link))
        if link.method is not None:
            methods[link.method.iri] = link.method
    for method in methods.values():
        triples.extend(method_triples(method))
    return triples
