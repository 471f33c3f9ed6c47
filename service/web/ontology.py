"""`/ontology` for browsers: the vocabulary page (every class and property with its labels and
comments in English and Chinese, what it specialises, domain and range). Each term has the
anchor of its IRI's fragment, so `https://w3id.org/baap/ontology#Activity` opens at its entry."""

from __future__ import annotations

from typing import Any

from fastapi.responses import Response
from starlette.requests import Request

from service.ontology_doc import Term, compact
from service.web.layout import language, other_language, render, views_of


def _view(term: Term, lang: str) -> dict[str, Any]:
    other = other_language(lang)
    anchor = term.iri.rsplit("#", 1)[-1] if "#" in term.iri else term.name
    return {
        "anchor": anchor,
        "name": term.name,
        "iri": term.iri,
        "label": term.labels.get(lang) or term.labels.get(""),
        "other_label": term.labels.get(other),
        "other_lang": other,
        "comment": term.comments.get(lang),
        "comment_lang": lang if term.comments.get(lang) else "en",
        "fallback_comment": term.comments.get(lang) is None and term.comments.get("en"),
        "parents": [_link(p) for p in term.parents],
        "domains": [_link(p) for p in term.domains],
        "ranges": [_link(p) for p in term.ranges],
    }


def _link(iri: str) -> dict[str, str]:
    name = compact(iri)
    if iri.startswith("https://w3id.org/baap/ontology#"):
        return {"name": name, "href": "#" + iri.rsplit("#", 1)[-1]}
    return {"name": name, "href": iri if iri.startswith(("http://", "https://")) else ""}


def page(request: Request) -> Response:
    """The vocabulary page."""
    lang, _ = language(request)
    vocabulary = views_of(request).ontology()
    return render(
        request,
        "ontology.html",
        "ontology",
        title=vocabulary.labels.get(lang) or vocabulary.labels.get("en", "baap ontology"),
        description=vocabulary.comments.get(lang) or vocabulary.comments.get("en", ""),
        classes=[_view(t, lang) for t in vocabulary.classes],
        properties=[_view(t, lang) for t in vocabulary.properties],
    )
