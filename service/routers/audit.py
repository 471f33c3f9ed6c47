"""`/audit` (JSON) and `/audit.csv`: coverage, matrices, gaps and source defects.

`/audit.html`, the same content in the site's layout and language, is served by `routers/ui.py`.

The audit is computed once (with the store's other derived views, `service.views`) and each
rendering is kept with it, so only the first request pays (about 0.3 s with validation).
"""

from __future__ import annotations

import anyio
import orjson
from fastapi import APIRouter
from fastapi.responses import Response

from service.audit import Audit
from service.audit_report import audit_headers, render_csv
from service.deps import ViewsDep

router = APIRouter(tags=["audit"])


@router.get(
    "/audit",
    summary="Audit report (CONTRACT.md): coverage, matrices, gaps, defects",
    response_class=Response,
    responses={200: {"content": {"application/json": {"schema": {"type": "object"}}}}},
)
async def audit_json(views: ViewsDep) -> Response:
    """The audit as JSON, in the shape of CONTRACT.md "Audit report"."""

    def run() -> tuple[Audit, bytes]:
        audit = views.audit()
        return audit, audit.rendered("json", lambda a: orjson.dumps(a.to_dict()))

    audit, body = await anyio.to_thread.run_sync(run)
    return Response(body, media_type="application/json", headers=audit_headers(audit))


@router.get(
    "/audit.csv",
    summary="Audit report as CSV (section, key, row, column, value)",
    response_class=Response,
    responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}}}},
)
async def audit_csv(views: ViewsDep) -> Response:
    """The audit as CSV, one row per (section, key, row, column, value)."""

    def run() -> tuple[Audit, bytes]:
        audit = views.audit()
        return audit, audit.rendered("csv", lambda a: render_csv(a).encode("utf-8"))

    audit, body = await anyio.to_thread.run_sync(run)
    headers = audit_headers(audit)
    headers["Content-Disposition"] = f'inline; filename="baap-audit-{audit.data_version}.csv"'
    return Response(body, media_type="text/csv; charset=utf-8", headers=headers)
