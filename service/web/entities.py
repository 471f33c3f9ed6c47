"""Entities and activities as the pages show them: link, notation, labels in both languages."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from service.api_members import activity_members, reference_members
from service.api_vocabulary import DIMENSIONS
from service.i18n import label, label_language
from service.negotiation import HTML, RESOURCE_TYPES
from service.resources import local_path
from service.views import Views
from service.web.layout import other_language


def link_for(iri: str, base: str) -> str | None:
    """Where a page may link `iri`: its page here, else the IRI itself when it is http(s).
    Any other scheme (`javascript:`, `data:`, ...) is shown as text, never as a link."""
    local = local_path(iri, base)
    if local is not None:
        return local
    return iri if iri.lower().startswith(("http://", "https://")) else None


def alternates(path: str) -> list[dict[str, str]]:
    """A resource's other formats (`/id/{path}?format=`): media type, label and link."""
    return [
        {"type": f.media_type, "label": f.label, "href": f"/id/{quote(path)}?format={f.name}"}
        for f in RESOURCE_TYPES.formats()
        if f.media_type != HTML
    ]


def entity_view(iri: str, info: Mapping[str, str], lang: str, base: str) -> dict[str, Any]:
    """An entity as a page shows it: link, notation, label in `lang` and in the other language."""
    names = {k: v for k, v in info.items() if k in ("en", "zh", "")}
    other = other_language(lang)
    tail = iri.rstrip("/").rsplit("/", 1)[-1]
    return {
        "iri": iri,
        "href": link_for(iri, base),
        "notation": info.get("notation", ""),
        "label": label(names, lang, info.get("notation", "") or tail),
        "label_lang": label_language(names, lang),
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

    def chips(member: dict[str, Any], name: str) -> list[dict[str, Any]]:
        """The member's links of `name`, each named and with the bases of the link."""
        bases = member.get("linkBasis", {}).get(name, {})
        return [
            entity_view(i, info.get(i, {}), lang, base) | {"bases": bases.get(i, [])}
            for i in member.get(name, [])
        ]

    items = []
    for member in members:
        names = member.get("label", {})
        slug = member["id"].rsplit("/", 1)[-1]
        items.append(
            {
                "iri": member["id"],
                "href": link_for(member["id"], base),
                "id": slug,
                "title": label(names, lang, slug),
                "title_lang": label_language(names, lang),
                "other": names.get(other, ""),
                "other_lang": other,
                "priority": chips(member, "thematicPriority"),
                "initiatives": chips(member, "regionalInitiative"),
                "regions": chips(member, "region"),
                "countries": chips(member, "country"),
                "years": [
                    {"value": y, "bases": member.get("linkBasis", {}).get("year", {}).get(y, [])}
                    for y in member.get("year", [])
                ],
            }
        )
    return items
