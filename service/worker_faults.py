"""How a worker's failures reach the client: an error the worker reported, by its class; a worker
that died mid-job, by how it died (the engine crashed on the query: a 400; killed from outside or
by the out-of-memory killer: a 503 the client may retry)."""

from __future__ import annotations

import os
import signal
from typing import Any, Final

from service.errors import (
    ForbiddenQueryError,
    KGError,
    NotAcceptableError,
    PayloadTooLargeError,
    QueryEngineError,
    QuerySyntaxError,
    QueryTimeoutError,
    RequestError,
    UnsupportedMediaTypeError,
    UpdateNotAllowedError,
    WorkerLostError,
)

#: Errors a worker may report, by class name; anything else is an engine failure.
WORKER_ERRORS: Final[dict[str, type[KGError]]] = {
    cls.__name__: cls
    for cls in (
        QuerySyntaxError,
        QueryEngineError,
        ForbiddenQueryError,
        UpdateNotAllowedError,
        NotAcceptableError,
        RequestError,
        PayloadTooLargeError,
        UnsupportedMediaTypeError,
    )
}
#: Signals a worker dies of when the engine fails on a query (stack overflow, abort on a failed
#: allocation under the address-space limit), as opposed to being killed.
CRASH_SIGNALS: Final = frozenset({signal.SIGSEGV, signal.SIGABRT, signal.SIGBUS, signal.SIGILL})


def reported_error(report: dict[str, Any]) -> KGError:
    """The error a worker reported, as its class (unknown classes: an engine failure)."""
    cls = WORKER_ERRORS.get(report["kind"], QueryEngineError)
    where = report.get("extensions") or {}
    if cls is QuerySyntaxError and "line" in where:
        return QuerySyntaxError(report["message"], where["line"], where["column"])
    return cls(report["message"])


def crash_message(cause: str) -> str:
    return (
        f"the query engine failed on this query ({cause}): it nests expressions or patterns "
        "too deeply, or needs more memory than a query may use (BAAP_WORKER_MEMORY_MB); "
        "simplify it or make it more selective"
    )


def describe_status(status: int | None) -> str:
    if status is None:
        return "it was killed, or ran out of memory"
    if os.WIFSIGNALED(status):
        name = signal.Signals(os.WTERMSIG(status)).name
        return f"killed by {name}, from outside or by the system's out-of-memory killer"
    return f"it exited with code {os.WEXITSTATUS(status)}"


def death_error(status: int | None) -> KGError:
    """The error for a worker that died mid-job, by its wait status: the query's doing (the
    engine crashed on it: a 400) or not (killed from outside, out of memory: a 503 the client
    may retry; past its CPU limit: a timeout)."""
    if status is not None and os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        if sig in CRASH_SIGNALS:
            return QueryEngineError(crash_message(signal.Signals(sig).name))
        if sig == signal.SIGXCPU:
            return QueryTimeoutError(
                "the query used more CPU time than a query may and was stopped; make it more "
                "selective (add LIMIT, narrow the patterns) or split it"
            )
    return WorkerLostError(
        f"the worker running this request stopped ({describe_status(status)}); the service has "
        "replaced it: retry in a moment"
    )
