"""Deterministic Turtle output: the same triples always give the same bytes.

rdflib's serializers are correct but their layout is not guaranteed stable across releases, so
generated files are written here: subjects sorted, `rdf:type` first, then predicates and objects in
sorted order, prefixes from `service.namespaces`, no blank nodes.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from rdflib import RDF, BNode, Literal, URIRef
from rdflib.term import Node

from service.namespaces import PREFIXES

Triple = tuple[URIRef, URIRef, URIRef | Literal]

_LOCAL_NAME = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_.\-]*[A-Za-z0-9_\-])?$")
_NAMESPACES_LONGEST_FIRST = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


class BlankNodeInOutput(ValueError):
    """Generated data must not contain blank nodes: they churn between builds."""


def term_to_turtle(term: Node) -> str:
    """One term in Turtle syntax, as a prefixed name where that is safe."""
    if isinstance(term, BNode):
        raise BlankNodeInOutput(f"blank node {term!r} in generated data; mint an IRI instead")
    if isinstance(term, URIRef):
        return _iri_to_turtle(str(term))
    if isinstance(term, Literal):
        return _literal_to_turtle(term)
    raise TypeError(f"cannot write {term!r} as Turtle")


def _iri_to_turtle(iri: str) -> str:
    for prefix, namespace in _NAMESPACES_LONGEST_FIRST:
        if iri.startswith(namespace) and _LOCAL_NAME.match(iri[len(namespace) :]):
            return f"{prefix}:{iri[len(namespace) :]}"
    escaped = iri.replace("\\", "\\\\").replace(">", "%3E")
    return f"<{escaped}>"


def _escape_string(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
    )


def _literal_to_turtle(literal: Literal) -> str:
    quoted = f'"{_escape_string(str(literal))}"'
    if literal.language:
        return f"{quoted}@{literal.language}"
    if literal.datatype is not None and str(literal.datatype) != _XSD_STRING:
        return f"{quoted}^^{_iri_to_turtle(str(literal.datatype))}"
    return quoted


def _predicate_key(predicate: URIRef) -> tuple[int, str]:
    return (0, "") if predicate == RDF.type else (1, term_to_turtle(predicate))


def _prefix_used(turtle_term: str) -> str | None:
    """The prefix a written term uses (in an IRI or a literal's datatype), if any."""
    tail = (
        turtle_term.rsplit('"', 1)[-1].removeprefix("^^") if turtle_term[0] == '"' else turtle_term
    )
    match = re.match(r"([A-Za-z][A-Za-z0-9]*):", tail)
    return match.group(1) if match else None


def to_turtle(triples: Iterable[tuple[Node, Node, Node]], header: str = "") -> str:
    """Serialise `triples` as deterministic Turtle, preceded by `header` as # comment lines.

    Only the prefixes the triples use are declared, in the order of `PREFIXES`.
    """
    by_subject: dict[str, dict[URIRef, set[str]]] = defaultdict(lambda: defaultdict(set))
    used: set[str | None] = set()
    written: dict[Node, str] = {}  # the same terms recur (predicates, reference entities)

    def write(term: Node) -> str:
        text = written.get(term)
        if text is None:
            text = written[term] = term_to_turtle(term)
            used.add(_prefix_used(text))
        return text

    for s, p, o in triples:
        if not isinstance(p, URIRef):
            raise TypeError(f"predicate {p!r} is not an IRI")
        subject, obj = write(s), write(o)
        if p != RDF.type:
            write(p)
        by_subject[subject][p].add(obj)
    lines = [f"# {line}".rstrip() for line in header.splitlines()]
    lines += [f"@prefix {prefix}: <{iri}> ." for prefix, iri in PREFIXES.items() if prefix in used]
    for subject in sorted(by_subject):
        lines.append("")
        predicates = sorted(by_subject[subject], key=_predicate_key)
        blocks = []
        for predicate in predicates:
            verb = "a" if predicate == RDF.type else term_to_turtle(predicate)
            objects = sorted(by_subject[subject][predicate])
            blocks.append(f"    {verb} " + " ,\n        ".join(objects))
        lines.append(subject + "\n" + " ;\n".join(blocks) + " .")
    return "\n".join(lines) + "\n"
