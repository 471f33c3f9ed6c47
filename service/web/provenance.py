"""The provenance of a reference entry in words: where its wording comes from (`dcterms:source`)
and how sure the curator is (`baap:confidence`), each said in the page's language; the curator's
own note is kept, in English, behind it."""

from __future__ import annotations

from typing import Final

from service.i18n import translate

DCTERMS_SOURCE: Final = "http://purl.org/dc/terms/source"
CONFIDENCE: Final = "https://w3id.org/baap/ontology#confidence"
#: Confidence values with their own sentence (the first word of the value decides).
CONFIDENCES: Final = (
    "high",
    "medium-high",
    "medium",
    "low-medium",
    "low",
    "probable",
    "official",
    "report",
    "translated",
)


def source_kind(note: str) -> str:
    """Which of the `source.*` sentences describes a `dcterms:source` note."""
    text = note.lower()
    if "reconstructed from memory" in text:
        return "memory"
    if text.startswith("official draft"):
        return "draft"
    if text.startswith("official"):
        return "official"
    if text.startswith("translated"):
        return "translated"
    if text.startswith("itu document"):
        return "report"
    return "list"


def explain(sources: list[str], confidences: list[str], lang: str) -> dict[str, object] | None:
    """Sentences about an entry's sources and confidence, and the notes they come from."""
    if not sources and not confidences:
        return None
    sentences = list(dict.fromkeys(translate(lang, f"source.{source_kind(s)}") for s in sources))
    unexplained = []
    for value in confidences:
        word = value.strip().split(" ")[0].lower()
        if word in CONFIDENCES:
            sentences.append(translate(lang, f"confidence.{word}"))
        else:
            unexplained.append(value)
    return {"sentences": sentences, "unexplained": unexplained, "notes": sources}
