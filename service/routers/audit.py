"""`/audit` (JSON) and `/audit.csv`: coverage, matrices, gaps and source defects.

`/audit.html`, the same content in the site's layout and language, is served by `routers/ui.py`.

The audit is computed once per data version (the served dataset never changes) and each rendering
is kept with it, so only the first request pays (about 0.3 s with validation).
"""

from __future__ import annotations

from collections.abc import Callable

import anyio
from fastapi import APIRouter, Request
from fastapi.responses import Response

from service.audit import Audit, compute_audit
from service.audit_report import render_csv
from service.config import Settings
from service.routers.health import StoreDep
from service.store import KnowledgeStore

router = APIRouter(tags=["audit"])


async def _rendered(
    request: Request, store: KnowledgeStore, kind: str, render: Callable[[Audit], bytes]
) -> tuple[Audit, bytes]:
    """The audit (computed once per data version) and its `kind` rendering (made once)."""
    settings: Settings = request.app.state.settings

    def run() -> tuple[Audit, bytes]:
        audit = compute_audit(store, settings.shapes_dir, settings.base_iri)
        return audit, audit.rendered(kind, render)

    return await anyio.to_thread.run_sync(run)


def _headers(audit: Audit) -> dict[str, str]:
    return {"ETag": f'"{audit.data_version}"', "Baap-Data-Version": audit.data_version}


@router.get(
    "/audit",
    summary="Audit report (CONTRACT.md): coverage, matrices, gaps, defects",
    response_class=Response,
    responses={200: {"content": {"application/json": {"schema": {"type": "object"}}}}},
)
async def audit_json(request: Request, store: StoreDep) -> Response:
    """The audit as JSON, in the shape of CONTRACT.md "Audit report"."""
    import orjson

    audit, body = await _rendered(request, store, "json", lambda a: orjson.dumps(a.to_dict()))
    return Response(body, media_type="application/json", headers=_headers(audit))


@router.get(
    "/audit.csv",
    summary="Audit report as CSV (section, key, row, column, value)",
    response_class=Response,
    responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}}}},
)
async def audit_csv(request: Request, store: StoreDep) -> Response:
    """The audit as CSV, one row per (section, key, row, column, value)."""
    audit, body = await _rendered(request, store, "csv", lambda a: render_csv(a).encode("utf-8"))
    headers = _headers(audit)
    headers["Content-Disposition"] = f'inline; filename="baap-audit-{audit.data_version}.csv"'
    return Response(body, media_type="text/csv; charset=utf-8", headers=headers)
