"""JSON-LD documents in the published context's terms, written directly from triples.

The published `@context` (ontology/context.jsonld) gives every ontology term a short name, coerces
object properties to `@id`, integers and years to their datatypes, and makes labels language maps.
`node_document` writes a description as a framed, compacted node: the resource at the top, the
nodes it links to embedded (once each) with their labels and notations. Triples that a term cannot
carry faithfully fall back to the full predicate IRI with an explicit value object, so expanding a
document always gives back exactly the triples it was written from (tests check this with pyld).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import pyoxigraph as ox

from service.resources import RDF_TYPE, Triple

XSD: Final = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING: Final = f"{XSD}string"
XSD_INTEGER: Final = f"{XSD}integer"
RDF_LANG_STRING: Final = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


@dataclass(frozen=True)
class TermDefinition:
    """How one context term carries values of its property."""

    term: str
    iri: str
    coerce: str | None  # "@id", a datatype IRI, or None
    language_map: bool


class Context:
    """The published context, indexed by property and class IRI."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        context: dict[str, Any] = document["@context"]
        self.prefixes = {
            k: v for k, v in context.items() if isinstance(v, str) and v.endswith(("/", "#"))
        }
        self.properties: dict[str, TermDefinition] = {}
        self.classes: dict[str, str] = {}
        for term, definition in context.items():
            if term.startswith("@") or term in self.prefixes or term in ("id", "type"):
                continue
            if isinstance(definition, str):
                iri, coerce, container = self.expand(definition), None, []
            else:
                iri = self.expand(definition["@id"])
                coerce = definition.get("@type")
                raw = definition.get("@container", [])
                container = raw if isinstance(raw, list) else [raw]
            if coerce is not None and coerce != "@id":
                coerce = self.expand(coerce)
            if term[0].isupper():
                self.classes.setdefault(iri, term)
            else:
                self.properties.setdefault(
                    iri,
                    TermDefinition(term, iri, coerce, "@language" in container),
                )

    @classmethod
    def from_file(cls, path: Path) -> Context:
        """The context file the build generates."""
        return cls(json.loads(path.read_text(encoding="utf-8")))

    @property
    def version(self) -> str:
        return str(self.document.get("dcterms:hasVersion", ""))

    def expand(self, curie: str) -> str:
        """A compact IRI (`baap:region`) in full; full IRIs unchanged."""
        prefix, sep, local = curie.partition(":")
        if sep and prefix in self.prefixes and not local.startswith("//"):
            return self.prefixes[prefix] + local
        return curie

    def type_name(self, iri: str) -> str:
        """The term for a class, or its full IRI."""
        return self.classes.get(iri, iri)


def _literal_value(literal: ox.Literal) -> dict[str, Any]:
    """An explicit JSON-LD value object (used when no term coercion fits)."""
    if literal.language:
        return {"@value": literal.value, "@language": literal.language}
    if literal.datatype.value == XSD_STRING:
        return {"@value": literal.value}
    return {"@value": literal.value, "@type": literal.datatype.value}


class _Writer:
    """Writes one document; each embedded node appears in full exactly once."""

    def __init__(self, context: Context, triples: list[Triple]) -> None:
        self.context = context
        self.by_subject: dict[str, list[Triple]] = {}
        for triple in triples:
            self.by_subject.setdefault(triple[0].value, []).append(triple)
        self.written: set[str] = set()

    def node(self, iri: str) -> dict[str, Any]:
        self.written.add(iri)
        out: dict[str, Any] = {"id": iri}
        types = sorted(
            self.context.type_name(t[2].value)
            for t in self.by_subject.get(iri, [])
            if t[1].value == RDF_TYPE and isinstance(t[2], ox.NamedNode)
        )
        if types:
            out["type"] = types[0] if len(types) == 1 else types
        for triple in self.by_subject.get(iri, []):
            if triple[1].value == RDF_TYPE and isinstance(triple[2], ox.NamedNode):
                continue
            self._add(out, triple)
        return {k: _single(v) if k not in ("id", "type") else v for k, v in out.items()}

    def _add(self, out: dict[str, Any], triple: Triple) -> None:
        _, predicate, obj = triple
        definition = self.context.properties.get(predicate.value)
        if isinstance(obj, ox.NamedNode):
            value: Any = self._object_node(obj.value)
            if definition and definition.coerce == "@id":
                out.setdefault(definition.term, []).append(value)  # IRI string or node
                return
            node = value if isinstance(value, dict) else {"id": value}
            plain_term = definition and definition.coerce is None and not definition.language_map
            key = definition.term if definition and plain_term else predicate.value
            out.setdefault(key, []).append(node)
            return
        if definition is None:
            out.setdefault(predicate.value, []).append(_literal_value(obj))
            return
        if definition.language_map:
            if obj.datatype.value in (XSD_STRING, RDF_LANG_STRING):
                language_map = out.setdefault(definition.term, {})
                language_map.setdefault(obj.language or "@none", []).append(obj.value)
            else:
                out.setdefault(predicate.value, []).append(_literal_value(obj))
            return
        if definition.coerce is not None and definition.coerce != "@id":
            if obj.datatype.value == definition.coerce and not obj.language:
                plain: Any = obj.value
                if definition.coerce == XSD_INTEGER and _canonical_int(obj.value):
                    plain = int(obj.value)
                out.setdefault(definition.term, []).append(plain)
            else:
                out.setdefault(predicate.value, []).append(_literal_value(obj))
            return
        if definition.coerce == "@id":
            out.setdefault(predicate.value, []).append(_literal_value(obj))
            return
        if obj.language:
            out.setdefault(definition.term, []).append(_literal_value(obj))
        elif obj.datatype.value == XSD_STRING:
            out.setdefault(definition.term, []).append(obj.value)
        elif obj.datatype.value == XSD_INTEGER and _canonical_int(obj.value):
            out.setdefault(definition.term, []).append(int(obj.value))
        else:
            out.setdefault(definition.term, []).append(_literal_value(obj))

    def _object_node(self, iri: str) -> dict[str, Any] | str:
        """An embedded node the first time a described node is met, else its IRI."""
        if iri in self.by_subject and iri not in self.written:
            return self.node(iri)
        return iri


def _canonical_int(text: str) -> bool:
    """Whether `text` is the canonical lexical form of an integer (so a JSON number keeps it)."""
    return text == str(int(text)) if text.lstrip("-").isdigit() else False


def _single(value: Any) -> Any:
    """Lists of one become the value itself; language maps likewise per language."""
    if isinstance(value, list):
        ordered = sorted(value, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
        return ordered[0] if len(ordered) == 1 else ordered
    if isinstance(value, dict) and not any(k.startswith("@") and k != "@none" for k in value):
        return {k: _single(v) for k, v in sorted(value.items())}
    return value


def node_document(
    context: Context,
    context_url: str,
    subject: str,
    triples: list[Triple],
    graphs: dict[str, list[Triple]] | None = None,
) -> dict[str, Any]:
    """The JSON-LD document for `subject`: its node at the top, linked nodes embedded.

    Nodes not reachable from the subject (the justifications of its links, which point at it)
    are `@included`. With `graphs` (graph IRI -> the subject's own triples in it) spanning more
    than one graph, each graph is `@included` as a named graph holding what it says of the
    subject: in the union default graph every triple holds, and its named graph is its basis.
    """
    writer = _Writer(context, triples)
    document: dict[str, Any] = {"@context": context_url}
    document.update(writer.node(subject))
    rest = [writer.node(s) for s in sorted(writer.by_subject) if s not in writer.written]
    if graphs is not None and len(graphs) > 1:
        for graph, own in sorted(graphs.items()):
            rest.append({"id": graph, "@graph": [_Writer(context, own).node(subject)]})
    if rest:
        document["@included"] = rest
    return document
