"""`/report`: the report's text, one numbered line each (the numbers passages and defects cite)."""

from __future__ import annotations

from fastapi.responses import Response
from starlette.requests import Request

from service.errors import NotFoundError, RequestError
from service.negotiation import PAGE_TYPES
from service.views import Views
from service.web.layout import choose, render, views_of


def report_lines(views: Views) -> tuple[str, ...]:
    """The lines of the report file of the settings (none when it is absent), read once."""

    def read() -> tuple[str, ...]:
        file = views.settings.report_path
        if not file.is_file():
            return ()
        return tuple(file.read_text(encoding="utf-8").split("\n"))

    return views.memo("report-lines", read)


def page(request: Request) -> Response:
    """The report text; `start`/`end` mark a passage, `#L<n>` jumps to a line."""
    choose(request, PAGE_TYPES)
    lines = report_lines(views_of(request))
    if not lines:
        raise NotFoundError("this server has no report text (it serves other data)")
    try:
        start = int(request.query_params.get("start", "0"))
        end = int(request.query_params.get("end", str(start)))
    except ValueError:
        raise RequestError("start and end are line numbers") from None
    return render(request, "report.html", "report", lines=lines, start=start, end=max(start, end))
