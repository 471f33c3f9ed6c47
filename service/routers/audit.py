"""`/audit` (JSON) and `/audit.csv`: coverage, matrices, gaps and source defects; and the
auditor's gate, `/audit?check=policy|violation|warning` (200 when it passes, 409 when it fails).

`/audit.html`, the same content in the site's layout and language, is served by `routers/ui.py`.

The audit is computed once (with the store's other derived views, `service.views`) and each
rendering is kept with it, so only the first request pays (about 0.3 s with validation).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

import anyio
import orjson
from fastapi import APIRouter, Query
from fastapi.responses import Response

from service.audit import Audit
from service.audit_policy import check_policy, read_policy
from service.audit_report import audit_headers, render_csv
from service.deps import ViewsDep
from service.views import Views

router = APIRouter(tags=["audit"])


@router.get(
    "/audit",
    summary="Audit report (CONTRACT.md): coverage, matrices, gaps, defects",
    response_class=Response,
    responses={
        200: {"content": {"application/json": {"schema": {"type": "object"}}}},
        409: {
            "description": "with check: the gate failed (the failing rules, what breaks them)",
            "content": {"application/json": {"schema": {"type": "object"}}},
        },
    },
)
async def audit_json(
    views: ViewsDep,
    check: Annotated[
        Literal["policy", "violation", "warning"] | None,
        Query(
            description="run the auditor's gate instead: policy (the repository's rules on "
            "coverage and gaps per basis, policy/audit-policy.toml), violation or warning "
            "(SHACL results of that severity); 200 when it passes, 409 naming the failing "
            "rules and the activities or entities that break them"
        ),
    ] = None,
) -> Response:
    """The audit as JSON, in the shape of CONTRACT.md "Audit report"; with `check`, the gate's
    result (`{"check", "passed", ...}`)."""
    if check is not None:
        result = await anyio.to_thread.run_sync(lambda: _check(views, check))
        return Response(
            orjson.dumps(result),
            status_code=200 if result["passed"] else 409,
            media_type="application/json",
            headers=audit_headers(views.audit()),
        )

    def run() -> tuple[Audit, bytes]:
        audit = views.audit()
        return audit, audit.rendered("json", lambda a: orjson.dumps(a.to_dict()))

    audit, body = await anyio.to_thread.run_sync(run)
    return Response(body, media_type="application/json", headers=audit_headers(audit))


def _check(views: Views, check: str) -> dict[str, Any]:
    """The gate's result: the policy's rules, or the SHACL counts against a severity."""
    audit = views.audit()
    if check == "policy":
        path = views.settings.audit_policy
        report = views.memo(
            ("policy", str(path)),
            lambda: check_policy(views.store, audit, read_policy(path)),
        )
        return {"check": check, **report.to_dict()}
    return {"check": check, "passed": not audit.failing(check), "validation": audit.validation}


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
