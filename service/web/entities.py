"""Entities and activities as the pages show them: link, notation, labels in both languages."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from service.api import DIMENSIONS, activity_members, reference_members
from service.i18n import label
from service.resources import local_path
from service.views import Views
from service.web.layout import other_language


def href(iri: str, base: str) -> str:
    """Where a page links an entity: its page here, else the IRI itself."""
    return local_path(iri, base) or iri


def entity_view(iri: str, info: Mapping[str, str], lang: str, base: str) -> dict[str, str]:
    """An entity as a page shows it: link, notation, label in `lang` and in the other language."""
    names = {k: v for k, v in info.items() if k in ("en", "zh", "")}
    other = other_language(lang)
    tail = iri.rstrip("/").rsplit("/", 1)[-1]
    return {
        "iri": iri,
        "href": href(iri, base),
        "notation": info.get("notation", ""),
        "label": label(names, lang, info.get("notation", "") or tail),
        "other": names.get(other, ""),
        "other_lang": other,
    }


def dimension_members(views: Views, dimension: str) -> list[dict[str, Any]]:
    """`reference_members` of a dimension (labels, notation, activity count), computed once."""
    return views.memo(
        ("members", dimension), lambda: reference_members(views.store, DIMENSIONS[dimension])
    )


def activity_items(views: Views, iris: list[str], lang: str) -> list[dict[str, Any]]:
    """Activities as the browse and search pages list them, with named links."""
    members = activity_members(views.store, iris)
    base = views.store.base_iri
    linked = {
        iri
        for m in members
        for name in ("thematicPriority", "regionalInitiative", "region", "country")
        for iri in m.get(name, [])
    }
    info = views.labels_of(linked)
    other = other_language(lang)

    def chips(member: dict[str, Any], name: str) -> list[dict[str, str]]:
        return [entity_view(i, info.get(i, {}), lang, base) for i in member.get(name, [])]

    items = []
    for member in members:
        names = member.get("label", {})
        slug = member["id"].rsplit("/", 1)[-1]
        items.append(
            {
                "iri": member["id"],
                "href": href(member["id"], base),
                "id": slug,
                "title": label(names, lang, slug),
                "other": names.get(other, ""),
                "other_lang": other,
                "priority": chips(member, "thematicPriority"),
                "initiatives": chips(member, "regionalInitiative"),
                "regions": chips(member, "region"),
                "countries": chips(member, "country"),
                "years": member.get("year", []),
            }
        )
    return items
