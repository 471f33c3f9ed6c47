"""Readable names of properties and entities in the page's language: the ontology's labels
(every baap term has an English and a Chinese one), the site's messages for the terms of other
vocabularies (`prop.skos:altLabel`), never a bare IRI tail when a name exists."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Final

from service.i18n import MESSAGES, label, translate
from service.messages.audit import issue_type_name
from service.namespaces import PREFIXES
from service.store import KnowledgeStore

CJK: Final = re.compile(r"[\u3400-\u9fff]")
WORD: Final = re.compile(r"[A-Za-z]{3,}")


def prefixed(iri: str) -> str:
    """`skos:altLabel` for an IRI in a known namespace, else the IRI."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def property_name(iri: str, labels: Mapping[str, Mapping[str, str]], lang: str) -> str:
    """The property's label in `lang`: the graph's, else the site's, else its prefixed name."""
    names = labels.get(iri, {})
    if names.get(lang):
        return names[lang]
    key = f"prop.{prefixed(iri)}"
    if key in MESSAGES:
        return translate(lang, key)
    return label(names, lang, prefixed(iri))


def type_name(iri: str, labels: Mapping[str, Mapping[str, str]], lang: str, fallback: str) -> str:
    """A class's label in `lang`: the graph's, else the site's (`type.skos:Concept`)."""
    names = labels.get(iri, {})
    if names.get(lang):
        return names[lang]
    key = f"type.{prefixed(iri)}"
    if key in MESSAGES:
        return translate(lang, key)
    return label(names, lang, fallback)


def literal_language(value: str) -> str:
    """The language to mark an untagged literal with: English when it holds Latin words and no
    Chinese (a code such as `regional-initiatives`), else none."""
    return "en" if WORD.search(value) and not CJK.search(value) else ""


def unlabeled_names(store: KnowledgeStore, iris: Iterable[str], lang: str) -> dict[str, str]:
    """Names for resources without a label: a source issue by its type and line, a passage by
    its key; others keep their IRI."""
    wanted = sorted(iris)
    if not wanted:
        return {}
    values = " ".join(f"<{iri}>" for iri in wanted)
    rows = store.select(
        "PREFIX baap: <https://w3id.org/baap/ontology#>\n"
        f"SELECT ?s ?type ?line WHERE {{ VALUES ?s {{ {values} }} "
        "?s baap:issueType ?type ; baap:startLine ?line }"
    )
    names = {
        row["s"]: translate(
            lang, "resource.issue.name", kind=issue_type_name(row["type"], lang), line=row["line"]
        )
        for row in rows
    }
    for iri in wanted:
        if iri not in names and "/passage/" in iri:
            names[iri] = translate(lang, "resource.passage.title", id=iri.rsplit("/", 1)[-1])
    return names
