"""Every failure baap-kg reports, one class each.

    KGError                      base: status code, short code, actionable message
    ├── DataLoadError            a data or ontology file cannot be read or parsed (startup)
    ├── ShapesLoadError          the SHACL shapes cannot be read or parsed
    └── ValidationRunError       the SHACL engine failed while validating

Routers never raise rdflib or pySHACL exceptions: `store.py` and `validation.py` translate them
here, and `app.py` renders every KGError as `application/problem+json`.
"""

from __future__ import annotations


class KGError(Exception):
    """Base of all baap-kg errors; `message` says what went wrong and what to do."""

    status_code = 500
    code = "error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class DataLoadError(KGError):
    """A data or ontology file could not be read or parsed; the message names file and cause."""

    status_code = 500
    code = "data-load"


class ShapesLoadError(KGError):
    """A shapes file could not be read or parsed; the message names file and cause."""

    status_code = 500
    code = "shapes-load"


class ValidationRunError(KGError):
    """The SHACL engine failed while validating (not: the data does not conform)."""

    status_code = 500
    code = "validation-run"


class RequestError(KGError):
    """The client's request is malformed (HTTP 400); the message names the problem."""

    status_code = 400
    code = "bad-request"


class QuerySyntaxError(RequestError):
    """The query does not parse; the message carries the parser's message and position."""

    code = "query-syntax"


class ForbiddenQueryError(RequestError):
    """The query uses a feature this endpoint refuses (SERVICE, LOAD): it would go outbound."""

    code = "forbidden-feature"


class UpdateNotAllowedError(KGError):
    """A SPARQL update was sent to the read-only endpoint."""

    status_code = 403
    code = "update-not-allowed"


class MethodNotAllowedError(KGError):
    """An HTTP method the endpoint does not support."""

    status_code = 405
    code = "method-not-allowed"

    def __init__(self, message: str, allowed: str) -> None:
        super().__init__(message)
        self.headers = {"Allow": allowed}


class NotAcceptableError(KGError):
    """No result format the client accepts; the message lists what is offered."""

    status_code = 406
    code = "not-acceptable"


class PayloadTooLargeError(KGError):
    """The request body or query text is longer than the configured maximum."""

    status_code = 413
    code = "payload-too-large"


class UnsupportedMediaTypeError(KGError):
    """A POST body in a media type the endpoint does not read."""

    status_code = 415
    code = "unsupported-media-type"


class QueryTimeoutError(KGError):
    """The query ran past its time limit and was stopped (its worker process was killed)."""

    status_code = 503
    code = "query-timeout"


class OverloadedError(KGError):
    """Every query worker is busy; the client should retry after `retry_after` seconds."""

    status_code = 503
    code = "overloaded"

    def __init__(self, message: str, retry_after: int = 1) -> None:
        super().__init__(message)
        self.headers = {"Retry-After": str(retry_after)}


class QueryEngineError(KGError):
    """The query engine failed on a query that parsed (for example: it exhausted memory)."""

    status_code = 400
    code = "query-failed"


class NotFoundError(KGError):
    """No resource (or route) at this address."""

    status_code = 404
    code = "not-found"


class TooManyRequestsError(KGError):
    """The request waited for a worker as long as it may, or its client has too many waiting."""

    status_code = 429
    code = "too-many-requests"

    def __init__(self, message: str, retry_after: int = 1) -> None:
        super().__init__(message)
        self.headers = {"Retry-After": str(retry_after)}


class WorkerLostError(KGError):
    """The worker process died while it ran the request (killed, or out of memory): a server
    fault, not the client's; the service replaces the worker and the client may retry."""

    status_code = 503
    code = "worker-lost"

    def __init__(self, message: str, retry_after: int = 1) -> None:
        super().__init__(message)
        self.headers = {"Retry-After": str(retry_after)}
