"""`/audit/without/{dimension}`: the activities that have no link of a dimension (a Question, a
regional initiative, a thematic priority, an SDG, ...), by links of any basis or of one basis
(report, curation, stated, inferred, derived), paged, each with its page; the SPARQL behind the
list is one click away."""

from __future__ import annotations

from typing import Final
from urllib.parse import urlencode

from fastapi.responses import Response
from starlette.requests import Request

from service.api import Page
from service.audit_queries import WITHOUT_DIMENSIONS, without_query
from service.bases import BASES
from service.errors import NotFoundError, RequestError
from service.i18n import translate
from service.negotiation import PAGE_TYPES
from service.site import query_href
from service.views import Views
from service.web.entities import activity_items
from service.web.layout import choose, language, render, views_of

PER_PAGE: Final = 50


def missing(views: Views, dimension: str, basis: str) -> list[str]:
    """IRIs of the activities without a `dimension` link of `basis`, computed once."""
    return views.memo(
        ("without", dimension, basis),
        lambda: [row["a"] for row in views.store.select(without_query(dimension, basis))],
    )


def _in_sentence(name: str, lang: str) -> str:
    """A dimension's name inside an English sentence: lower case but for names and acronyms."""
    if lang == "zh" or name.split(" ")[0] in ("SDG", "WSIS", "Question"):
        return name
    return name[:1].lower() + name[1:]


def href(dimension: str, basis: str = "any", page: int = 1) -> str:
    """The address of one page of a list."""
    params = {"basis": basis} if basis != "any" else {}
    if page > 1:
        params["page"] = str(page)
    return f"/audit/without/{dimension}" + (f"?{urlencode(params)}" if params else "")


def page(request: Request, dimension: str) -> Response:
    """One page of the list of activities without a `dimension` link."""
    choose(request, PAGE_TYPES)
    if dimension not in WITHOUT_DIMENSIONS:
        raise NotFoundError(
            f"no list for {dimension!r}; lists exist for {', '.join(WITHOUT_DIMENSIONS)}"
        )
    basis = request.query_params.get("basis", "any") or "any"
    if basis not in BASES:
        raise RequestError(f"basis must be one of {', '.join(BASES)}, not {basis!r}")
    try:
        number = int(request.query_params.get("page", "1") or "1")
    except ValueError:
        raise RequestError("page must be a whole number") from None
    if number < 1:
        raise RequestError("page must be 1 or more")
    views = views_of(request)
    lang, _ = language(request)
    iris = missing(views, dimension, basis)
    paging = Page(number, PER_PAGE)
    last = paging.last(len(iris))
    total = views.audit().coverage.get(dimension)
    return render(
        request,
        "audit_without.html",
        "audit",
        dimension=dimension,
        dimension_name=_in_sentence(translate(lang, f"audit.dim.{dimension}"), lang),
        basis=basis,
        other_bases=[(b, href(dimension, b)) for b in ("any", *BASES[:-1]) if b != basis],
        count=len(iris),
        total=total.total if total is not None else None,
        items=activity_items(views, paging.slice(iris), lang),
        first_shown=(number - 1) * PER_PAGE + 1,
        number=number,
        last=last,
        previous=href(dimension, basis, number - 1) if number > 1 else None,
        next=href(dimension, basis, number + 1) if number < last else None,
        sparql=query_href(without_query(dimension, basis)),
    )
