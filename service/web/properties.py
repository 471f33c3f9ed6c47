"""Readable names of properties and entities in the page's language: the ontology's labels
(every baap term has an English and a Chinese one), the site's messages for the terms of other
vocabularies (`prop.skos:altLabel`), never a bare IRI tail when a name exists."""

from __future__ import annotations

from collections.abc import Mapping

from service.i18n import MESSAGES, label, translate
from service.namespaces import PREFIXES


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
