"""`/browse/activities`: the activities of `/api/activities` (same filters, same order) as a
page with a filter form; JSON clients are sent to the collection itself."""

from __future__ import annotations

from typing import Any, Final
from urllib.parse import urlencode

from fastapi.responses import RedirectResponse, Response
from starlette.requests import Request

from service.api import ACTIVITY_PARAMETERS, MAX_PER_PAGE, Page, check_parameters
from service.api_filters import matching_activities, parse_activity_filters
from service.api_vocabulary import PREFIXES
from service.errors import RequestError
from service.i18n import label, label_language, translator
from service.negotiation import HTML, JSON, JSON_LD, page_or
from service.views import Views
from service.web.entities import activity_items, dimension_members
from service.web.layout import choose, language, render, views_of

FILTERS: Final = (
    "region",
    "regionalInitiative",
    "thematicPriority",
    "strategicInitiative",
    "question",
    "sdg",
    "wsis",
    "country",
    "partner",
)
#: What /api/activities takes, and the page language.
PARAMETERS: Final = (*ACTIVITY_PARAMETERS, "lang")
OFFER: Final = page_or(JSON, JSON_LD)


def filter_options(views: Views, lang: str) -> dict[str, list[dict[str, Any]]]:
    """The choices of each filter control: notation (the API's value) and label, with counts;
    once per language."""
    return views.memo(("options", lang), lambda: _options(views, lang))


def _options(views: Views, lang: str) -> dict[str, list[dict[str, Any]]]:
    def choices(dimension: str, sort_by_label: bool = False) -> list[dict[str, Any]]:
        out = []
        for member in dimension_members(views, dimension):
            count = member.get("activityCount", 0)
            if dimension in ("country", "partner", "sdgTarget") and not count:
                continue
            notation = member.get("notation") or member["id"].rsplit("/", 1)[-1]
            names = member.get("label", {})
            name = label(names, lang, notation)
            same = name.lower().startswith(notation.lower())
            text = name if sort_by_label or same else f"{notation} · {name}"
            shown = label_language(names, lang)
            # Organisations keep their own names (proper names, never translated).
            proper = dimension == "partner"
            out.append(
                {"value": notation, "text": f"{text} ({count})", "lang": shown, "proper": proper}
            )
        if sort_by_label:
            out.sort(key=lambda o: o["text"].lower())
        return out

    options = {
        name: choices(name)
        for name in (
            "region",
            "regionalInitiative",
            "thematicPriority",
            "strategicInitiative",
            "question",
            "wsis",
        )
    }
    options["country"] = choices("country", sort_by_label=True)
    options["partner"] = choices("partner", sort_by_label=True)
    targets = choices("sdgTarget")
    options["sdg"] = []
    for goal in choices("sdgGoal"):
        options["sdg"].append(goal)
        prefix = goal["value"] + "."
        options["sdg"].extend(
            {"value": t["value"], "text": "\u2003" + t["text"]}
            for t in targets
            if t["value"].startswith(prefix)
        )
    years = views.store.select(
        PREFIXES + "SELECT DISTINCT ?y WHERE { ?a a baap:Activity ; baap:year ?y } ORDER BY ?y"
    )
    options["year"] = [{"value": r["y"], "text": r["y"]} for r in years]
    return options


def _pages(api_params: list[tuple[str, str]], number: int, last: int) -> dict[str, Any]:
    def page_href(target: int) -> str:
        query = [(k, v) for k, v in api_params if k != "page"]
        if target > 1:
            query.append(("page", str(target)))
        return "/browse/activities" + (f"?{urlencode(query)}" if query else "")

    return {
        "number": number,
        "last": last,
        "first": page_href(1) if number > 1 else None,
        "previous": page_href(min(number - 1, last)) if number > 1 else None,
        "next": page_href(number + 1) if number < last else None,
        "lastHref": page_href(last) if number < last else None,
    }


def page(request: Request) -> Response:
    """Activities filtered and paged exactly as `/api/activities` does."""
    given = [(k, v) for k, v in request.query_params.multi_items() if v.strip() != ""]
    api_params = [(k, v) for k, v in given if k != "lang"]
    if choose(request, OFFER) != HTML:
        target = "/api/activities" + (f"?{urlencode(api_params)}" if api_params else "")
        return RedirectResponse(target, status_code=303, headers={"Vary": "Accept"})
    views = views_of(request)
    lang, _ = language(request)
    t = translator(lang)
    error = None
    total, items, paging = 0, [], Page(1, 50)
    try:
        params = check_parameters(given, PARAMETERS)
        params.pop("lang", None)
        filters = parse_activity_filters(params, views.vocabulary)
        paging = Page.from_params(params)
        matches = matching_activities(views.store, filters, params.get("sort") or "id")
        total = len(matches)
        items = activity_items(views, paging.slice(matches), lang)
    except RequestError as problem:
        error = problem.message
        params = {k: v for k, v in given if k in PARAMETERS and k != "lang"}
    first_shown = (paging.number - 1) * paging.size + 1 if items else 0
    api_href = "/api/activities" + (f"?{urlencode(api_params)}" if api_params else "")
    return render(
        request,
        "browse.html",
        "browse",
        status_code=400 if error else 200,
        error=error and t("browse.error", detail=error),
        params=params,
        options=filter_options(views, lang),
        filters=FILTERS,
        total=total,
        items=items,
        pages=_pages(api_params, paging.number, paging.last(total)),
        first_shown=first_shown,
        last_shown=first_shown + len(items) - 1 if items else 0,
        per_page_choices=(20, 50, 100, MAX_PER_PAGE),
        per_page=paging.size,
        api_href=api_href,
        active_filters=len([k for k in params if k not in ("page", "perPage", "sort")]),
    )
