"""`/audit.html`: the audit in the site layout, in the request's language (`service.audit_report`
renders it; the CLI writes the same page as a file)."""

from __future__ import annotations

from typing import Final

import anyio
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.requests import Request

from service.audit import Audit
from service.audit_report import audit_headers, render_html
from service.i18n import LANGUAGES
from service.negotiation import HTML, JSON, page_or
from service.web.layout import choose, layout_context, remember_language, views_of

#: JSON and CSV clients are sent to /audit and /audit.csv.
OFFER: Final = page_or(JSON, "text/csv")


async def page(request: Request) -> Response:
    """The audit page; JSON and CSV clients are sent to /audit and /audit.csv (303)."""
    chosen = choose(request, OFFER)
    if chosen != HTML:
        target = "/audit" if chosen == JSON else "/audit.csv"
        return RedirectResponse(target, status_code=303, headers={"Vary": "Accept"})
    views = views_of(request)
    context = layout_context(request, "audit")
    context["switch"] = {code: f"/audit.html?lang={code}" for code in LANGUAGES}
    lang = context["lang"]

    def run() -> tuple[Audit, bytes]:
        audit = views.audit()
        body = audit.rendered(
            f"html-{lang}",
            lambda a: render_html(a, views.settings.base_iri, context).encode("utf-8"),
        )
        return audit, body

    audit, body = await anyio.to_thread.run_sync(run)
    response = HTMLResponse(body, headers=audit_headers(audit))
    response.headers["ETag"] = f'"{audit.data_version}-{lang}"'
    return remember_language(request, response)
