"""What every page shares: the request's language, the layout's values, rendering, and the
choice between a page and what a machine client asked for."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi.responses import HTMLResponse, Response
from starlette.requests import Request

from service.i18n import COOKIE, COOKIE_MAX_AGE, LANGUAGES, choose_language, translator
from service.negotiation import Offer, negotiate
from service.site import NAV, asset, environment
from service.store import KnowledgeStore
from service.views import Views


def views_of(request: Request) -> Views:
    """The derived views of the served data."""
    views: Views = request.app.state.views
    return views


def store_of(request: Request) -> KnowledgeStore:
    """The served store."""
    store: KnowledgeStore = request.app.state.store
    return store


def language(request: Request) -> tuple[str, bool]:
    """The page language of this request and whether the request chose it (`?lang=`); worked
    out once per request."""
    chosen: tuple[str, bool] | None = getattr(request.state, "language", None)
    if chosen is None:
        chosen = choose_language(
            request.query_params, request.cookies, request.headers.get("accept-language")
        )
        request.state.language = chosen
    return chosen


def other_language(lang: str) -> str:
    """The language a page shows second."""
    return "en" if lang == "zh" else "zh"


def with_lang(request: Request, lang: str) -> str:
    """This page's address in `lang`."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
    params.append(("lang", lang))
    return f"{request.url.path}?{urlencode(params)}"


def layout_context(request: Request, page: str) -> dict[str, Any]:
    """What `layout.html` needs: language, labels, navigation, language switch links."""
    lang, _ = language(request)
    store: KnowledgeStore | None = getattr(request.app.state, "store", None)
    return {
        "lang": lang,
        "t": translator(lang),
        "page": page,
        "nav": NAV,
        "switch": {code: with_lang(request, code) for code in LANGUAGES},
        "search_query": request.query_params.get("q", "") if page == "search" else "",
        "data_version": store.data_version if store is not None else "",
        "inline_css": None,
        "asset": asset,
    }


def remember_language(request: Request, response: Response) -> Response:
    """Set the `lang` cookie when the request chose a language; mark what the page varies by."""
    lang, explicit = language(request)
    if explicit:
        response.set_cookie(
            COOKIE, lang, max_age=COOKIE_MAX_AGE, samesite="lax", httponly=True, path="/"
        )
    response.headers["Content-Language"] = "zh" if lang == "zh" else "en"
    response.headers["Vary"] = "Accept, Accept-Language, Cookie"
    return response


def render_text(request: Request, template: str, page: str, **context: Any) -> str:
    """A page of the site as text, in the request's language."""
    values = layout_context(request, page)
    values.update(context)
    return environment().get_template(template).render(**values)


def render(
    request: Request, template: str, page: str, status_code: int = 200, **context: Any
) -> HTMLResponse:
    """A page of the site, in the request's language."""
    response = HTMLResponse(render_text(request, template, page, **context), status_code)
    remember_language(request, response)
    return response


def choose(request: Request, offer: Offer) -> str:
    """The media type to answer this request in, among `offer` (406 when none fits)."""
    return negotiate(offer, request.headers.get("accept"), None)
