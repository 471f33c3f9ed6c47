"""The `/api/` collections: the parameters a collection takes, and Hydra paging.

The rest of a collection lives beside this module: `api_vocabulary` (the reference entities and
the values a filter takes), `api_filters` (the activity filters and the query behind them) and
`api_members` (the members of each collection).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Final

from service.api_vocabulary import ROLE_FILTERS
from service.errors import RequestError

MAX_PER_PAGE: Final = 200
DEFAULT_PER_PAGE: Final = 50


def int_param(name: str, value: str | None, low: int, high: int) -> int | None:
    """A whole-number parameter between `low` and `high` (None when absent or empty)."""
    if value is None or value == "":
        return None
    if not value.strip().lstrip("-").isdigit():
        raise RequestError(f"{name} must be a whole number, not {value!r}")
    number = int(value)
    if not low <= number <= high:
        raise RequestError(f"{name} must be between {low} and {high}, not {number}")
    return number


@dataclass(frozen=True)
class Page:
    """One page of a collection."""

    number: int
    size: int

    @classmethod
    def from_params(cls, params: dict[str, str]) -> Page:
        number = int_param("page", params.get("page"), 1, 10**9) or 1
        size = int_param("perPage", params.get("perPage"), 1, MAX_PER_PAGE) or DEFAULT_PER_PAGE
        return cls(number, size)

    def last(self, total: int) -> int:
        return max(1, -(-total // self.size))

    def slice(self, items: list[Any]) -> list[Any]:
        start = (self.number - 1) * self.size
        return items[start : start + self.size]


def hydra_collection(
    collection_url: str,
    page_url: Any,
    page: Page,
    total: int,
    members: Iterable[dict[str, Any]],
    context_url: str,
) -> dict[str, Any]:
    """A hydra:Collection with a hydra:PartialCollectionView of first/previous/next/last."""
    last = page.last(total)
    view: dict[str, Any] = {
        "id": page_url(page.number),
        "type": "PartialCollectionView",
        "first": page_url(1),
        "last": page_url(last),
    }
    if page.number > 1:
        view["previous"] = page_url(min(page.number - 1, last))
    if page.number < last:
        view["next"] = page_url(page.number + 1)
    return {
        "@context": context_url,
        "id": collection_url,
        "type": "Collection",
        "totalItems": total,
        "member": list(members),
        "view": view,
    }


def check_parameters(params: Iterable[tuple[str, str]], allowed: Iterable[str]) -> dict[str, str]:
    """The parameters as a dict; repeated or unknown parameters are a 400. A collection that
    filters by country and partner (`/api/activities`) also takes every role filter."""
    allowed_set = set(allowed)
    if {"country", "partner"} <= allowed_set:
        allowed_set |= set(ROLE_FILTERS)
    result: dict[str, str] = {}
    for name, value in params:
        if name not in allowed_set:
            raise RequestError(
                f"unknown parameter {name!r}; this collection takes: "
                + ", ".join(sorted(allowed_set))
            )
        if name in result:
            raise RequestError(f"the parameter {name!r} is given more than once")
        result[name] = value
    return result


PAGING: Final = ("page", "perPage")
#: What `/api/activities` (and the browse page) take.
ACTIVITY_PARAMETERS: Final = (
    *PAGING,
    "sort",
    "thematicPriority",
    "regionalInitiative",
    "region",
    "strategicInitiative",
    "question",
    "sdg",
    "linkBasis",
    "wsis",
    "country",
    "partner",
    "year",
    "yearFrom",
    "yearTo",
    "q",
)
