"""The SPARQL 1.1 Protocol: reading a request.

`read_protocol_request` turns the HTTP request (method, URL parameters, content type, body) into a
`ProtocolRequest`, refusing what the protocol forbids with a precise 4xx. The response format is
chosen by `service.negotiation` (offers `RESULTS_TYPES` and `GRAPH_TYPES`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final
from urllib.parse import parse_qsl

import pyoxigraph as ox

from service.errors import (
    MethodNotAllowedError,
    PayloadTooLargeError,
    RequestError,
    UnsupportedMediaTypeError,
)
from service.negotiation import same_format

SINGLE_PARAMETERS: Final = ("query", "update", "format", "timeout", "version")
DATASET_PARAMETERS: Final = ("default-graph-uri", "named-graph-uri")
_IRI: Final = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|\\^`]*")


@dataclass(frozen=True)
class ProtocolRequest:
    """A SPARQL protocol operation as the client sent it, checked for protocol errors."""

    query: str | None
    update: str | None
    default_graphs: tuple[str, ...]
    named_graphs: tuple[str, ...]
    format: str | None
    timeout: float | None

    @property
    def has_dataset(self) -> bool:
        """Whether the protocol names the dataset (it then overrides FROM / FROM NAMED)."""
        return bool(self.default_graphs or self.named_graphs)


def _content_type(header: str | None) -> tuple[str, dict[str, str]]:
    if not header:
        return "", {}
    base, *params = header.split(";")
    parsed: dict[str, str] = {}
    for param in params:
        name, _, value = param.partition("=")
        parsed[name.strip().lower()] = value.strip().strip('"')
    return base.strip().lower(), parsed


def _check_charset(params: dict[str, str], content_type: str) -> None:
    charset = params.get("charset", "utf-8").lower()
    if charset not in ("utf-8", "utf8"):
        raise RequestError(
            f"{content_type} must be sent in UTF-8 (the request says charset={charset}); "
            "re-encode the body as UTF-8"
        )


def _decode_utf8(body: bytes, what: str) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise RequestError(
            f"the {what} is not valid UTF-8 (byte {error.start}); SPARQL requests must be UTF-8"
        ) from None


def _parse_form(text: str, what: str) -> list[tuple[str, str]]:
    try:
        return parse_qsl(text, keep_blank_values=True, strict_parsing=False, errors="strict")
    except UnicodeDecodeError:
        raise RequestError(
            f"the {what} percent-encodes bytes that are not UTF-8; SPARQL requests must be UTF-8"
        ) from None


def _single(params: list[tuple[str, str]], name: str) -> str | None:
    """The parameter's value; repeated with the same value is fine (SPARQLWrapper sends
    `format` twice), repeated with different values is ambiguous."""
    values = [v for k, v in params if k == name]
    if len(set(values)) > 1:
        raise RequestError(
            f"the parameter {name!r} is given {len(values)} times with different values; "
            "send it once"
        )
    return values[0] if values else None


def _format(params: list[tuple[str, str]]) -> str | None:
    """The `format` parameter: repeated, its values must name one format (SPARQLWrapper sends
    `format=tsv&format=text/tab-separated-values`); the most specific (a media type) wins."""
    # A value may list types, as an Accept header does (SPARQLWrapper copies its Accept there).
    values = list(
        dict.fromkeys(
            item.split(";")[0].strip()
            for k, v in params
            if k == "format"
            for item in v.split(",")
            if item.strip()
        )
    )
    if len(values) > 1 and not same_format(values):
        raise RequestError(
            f"the parameter 'format' is given {len(values)} times naming different formats "
            f"({', '.join(values)}); send one"
        )
    if not values:
        return None
    return next((v for v in values if "/" in v), values[0])


def _graph_iris(params: list[tuple[str, str]], name: str) -> tuple[str, ...]:
    iris = tuple(v for k, v in params if k == name)
    for iri in iris:
        if not _IRI.fullmatch(iri):
            raise RequestError(f"{name} must be an absolute IRI; {iri!r} is not")
        try:
            ox.NamedNode(iri)  # the engine's own IRI check (ports, %-escapes, IPv6 hosts)
        except ValueError as error:
            raise RequestError(f"{name} must be a valid IRI; {iri!r} is not: {error}") from None
    return iris


def _timeout(value: str | None) -> float | None:
    if value is None or value == "":
        return None
    try:
        seconds = float(value)
    except ValueError:
        raise RequestError(f"timeout must be a number of seconds, not {value!r}") from None
    if not seconds > 0 or seconds != seconds or seconds == float("inf"):
        raise RequestError(f"timeout must be a positive number of seconds, not {value!r}")
    return seconds


def read_protocol_request(
    method: str,
    url_query: str,
    content_type_header: str | None,
    body: bytes,
    max_query_length: int,
) -> ProtocolRequest:
    """Check and decode one request to the SPARQL endpoint."""
    url_params = _parse_form(url_query, "URL")
    if method in ("GET", "HEAD"):
        if body:
            raise RequestError(
                f"a {method} request to the SPARQL endpoint must not have a body; "
                "send the query in the URL, or POST it"
            )
        params = url_params
    elif method == "POST":
        params = _post_params(url_params, content_type_header, body)
    else:
        raise MethodNotAllowedError(
            f"{method} is not supported here; query with GET or POST", "GET, HEAD, POST, OPTIONS"
        )
    query, update = _single(params, "query"), _single(params, "update")
    for name, text in (("query", query), ("update", update)):
        if text is not None and not text.strip():
            raise RequestError(
                f"the {name} is empty; send a SPARQL {name}, or no query at all for the "
                "service description"
            )
    if query is not None and update is not None:
        raise RequestError("send either a query or an update, not both")
    for text in (query, update):
        if text is not None and len(text) > max_query_length:
            raise PayloadTooLargeError(
                f"the query is {len(text)} characters long; the maximum is {max_query_length} "
                "(BAAP_MAX_QUERY_LENGTH)"
            )
    _single(params, "version")
    return ProtocolRequest(
        query=query,
        update=update,
        default_graphs=_graph_iris(params, "default-graph-uri"),
        named_graphs=_graph_iris(params, "named-graph-uri"),
        format=_format(params),
        timeout=_timeout(_single(params, "timeout")),
    )


def _post_params(
    url_params: list[tuple[str, str]], content_type_header: str | None, body: bytes
) -> list[tuple[str, str]]:
    content_type, ct_params = _content_type(content_type_header)
    if content_type == "application/x-www-form-urlencoded":
        _check_charset(ct_params, content_type)
        body_params = _parse_form(_decode_utf8(body, "form body"), "form body")
        for name in SINGLE_PARAMETERS:
            if any(k == name for k, _ in url_params) and any(k == name for k, _ in body_params):
                raise RequestError(f"{name!r} is given both in the URL and in the form body")
        return body_params + url_params
    if content_type in ("application/sparql-query", "application/sparql-update"):
        _check_charset(ct_params, content_type)
        field = "query" if content_type == "application/sparql-query" else "update"
        for name in ("query", "update"):
            if any(k == name for k, _ in url_params):
                raise RequestError(
                    f"with Content-Type {content_type} the {field} is the body; "
                    f"do not also send {name!r} in the URL"
                )
        return [(field, _decode_utf8(body, field)), *url_params]
    offered = "application/x-www-form-urlencoded, application/sparql-query"
    if not content_type:
        raise UnsupportedMediaTypeError(f"a POST needs a Content-Type: one of {offered}")
    raise UnsupportedMediaTypeError(
        f"cannot read a POST body of type {content_type}; send one of {offered}"
    )
