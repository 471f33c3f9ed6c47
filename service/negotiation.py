"""Media types and content negotiation: one registry, one `negotiate`, for every response.

The registry (`FORMATS`) names each media type the service can answer in once: its label, the
names the `format` parameter takes for it, the file extension of a download, and the other types
a client may ask for it by (`application/x-turtle`). An `Offer` is what one response can be
(SPARQL results, an RDF graph, a page, the audit, a problem), built from the registry in order of
preference; `negotiate(offer, accept, format_param)` picks one of them.

Rules, the same everywhere:

- `format` wins over `Accept`. It takes a name of the registry (`ttl`, `json`), or a media type.
  A name may stand for several types (`json`: SPARQL JSON results, else plain JSON, else JSON-LD);
  the first the offer holds is chosen. An unknown name is a 400 listing the names; a known one the
  offer cannot give is a 406.
- `Accept` is read by q-value, the most specific matching range deciding each type's quality; ties
  go to the offer's order. No `Accept` (or an unreadable one): the offer's first type. Nothing
  acceptable: a 406 naming what is offered.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from service.errors import NotAcceptableError, RequestError

HTML: Final = "text/html"
JSON: Final = "application/json"
JSON_LD: Final = "application/ld+json"
TURTLE: Final = "text/turtle"
PROBLEM: Final = "application/problem+json"


@dataclass(frozen=True)
class Format:
    """One media type the service answers in."""

    media_type: str
    label: str
    #: `format` parameter names; the first is the one links use.
    names: tuple[str, ...] = ()
    extension: str = ""
    #: Other media types that ask for this one (`application/json` for SPARQL JSON results).
    aliases: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        """The `format` value links use."""
        return self.names[0] if self.names else self.media_type


FORMATS: Final[tuple[Format, ...]] = (
    # SPARQL results (SELECT, ASK)
    Format("application/sparql-results+json", "SPARQL JSON", ("json", "srj"), "json", (JSON,)),
    Format(
        "application/sparql-results+xml",
        "SPARQL XML",
        ("xml", "srx"),
        "srx",
        ("application/xml", "text/xml"),
    ),
    Format("text/csv", "CSV", ("csv",), "csv"),
    # `text/plain` asks SELECT results as a plain-text table (as Jena answers it): TSV.
    Format("text/tab-separated-values", "TSV", ("tsv",), "tsv", ("text/plain",)),
    # RDF (graphs, resources, the service description)
    # N3 clients (SPARQLWrapper's `n3`) read Turtle, a subset of N3.
    Format(
        TURTLE,
        "Turtle",
        ("turtle", "ttl", "n3"),
        "ttl",
        ("application/x-turtle", "application/turtle", "text/n3", "text/rdf+n3"),
    ),
    Format("application/n-triples", "N-Triples", ("nt", "ntriples"), "nt", ("text/plain",)),
    Format(JSON_LD, "JSON-LD", ("jsonld", "json-ld"), "jsonld", (JSON, "application/x-json+ld")),
    Format(
        "application/rdf+xml",
        "RDF/XML",
        ("rdfxml", "rdf", "rdf+xml"),
        "rdf",
        ("application/xml", "text/xml"),
    ),
    Format("application/n-quads", "N-Quads", ("nq", "nquads"), "nq"),
    Format("application/trig", "TriG", ("trig",), "trig"),
    # pages, plain JSON, problems
    Format(HTML, "HTML", ("html",), "html", ("application/xhtml+xml",)),
    Format(JSON, "JSON", ("json",), "json"),
    Format(PROBLEM, "Problem details", (), "json"),
    Format("application/vnd.oai.openapi+json", "OpenAPI", (), "json"),
)
BY_TYPE: Final[dict[str, Format]] = {f.media_type: f for f in FORMATS}
#: `format` name -> the media types it may stand for, in the order they are tried.
FORMAT_NAMES: Final[dict[str, tuple[str, ...]]] = {}
for _format in FORMATS:
    for _name in _format.names:
        FORMAT_NAMES[_name] = (*FORMAT_NAMES.get(_name, ()), _format.media_type)
# `json`/`xml` asked of a graph mean its JSON / XML syntax: tried after the results types.
FORMAT_NAMES["json"] = (*FORMAT_NAMES["json"], JSON_LD)
FORMAT_NAMES["xml"] = (*FORMAT_NAMES["xml"], "application/rdf+xml")

_MEDIA_RANGE: Final = re.compile(r"^\s*([^\s/;]+)/([^\s/;]+)\s*$")


class Offer(Mapping[str, str]):
    """What one response can be: requested media type -> media type served, in preference order.

    The offered types come first, each then also reachable by its registry aliases (an alias an
    earlier type already claims stays with that type); `names` adds `format` names of this offer
    only (`summary` on /validate).
    """

    def __init__(self, *media_types: str, names: Mapping[str, str] | None = None) -> None:
        types: dict[str, str] = {}
        for media_type in media_types:
            if media_type not in BY_TYPE:
                raise ValueError(f"{media_type} is not in service.negotiation.FORMATS")
            types[media_type] = media_type
        for media_type in media_types:
            for alias in BY_TYPE[media_type].aliases:
                types.setdefault(alias, media_type)
        self._types = types
        self.offered: tuple[str, ...] = tuple(media_types)
        self.names: dict[str, str] = dict(names or {})

    def __getitem__(self, key: str) -> str:
        return self._types[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._types)

    def __len__(self) -> int:
        return len(self._types)

    def __hash__(self) -> int:
        return hash((self.offered, tuple(sorted(self.names.items()))))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Offer):
            return NotImplemented
        return self.offered == other.offered and self.names == other.names

    def formats(self) -> list[Format]:
        """The registry entries of the offered types, in order."""
        return [BY_TYPE[t] for t in self.offered]

    def _from_format(self, value: str) -> str:
        wanted = value.strip().lower()
        if wanted in self.names:
            return self.names[wanted]
        if wanted in FORMAT_NAMES:
            candidates = FORMAT_NAMES[wanted]
        elif wanted in BY_TYPE:  # a media type: itself, else what its name stands for
            candidates = (wanted, *FORMAT_NAMES.get(BY_TYPE[wanted].name, ()))
        else:
            candidates = (wanted,)
        for candidate in candidates:
            if candidate in self._types:
                return self._types[candidate]
        if wanted in FORMAT_NAMES or wanted in BY_TYPE:
            raise NotAcceptableError(
                f"format {value!r} does not fit this request; offered: {', '.join(self.offered)}"
            )
        names = ", ".join(sorted({*FORMAT_NAMES, *self.names}))
        raise RequestError(f"unknown format {value!r}; use one of {names} or a media type")


#: SELECT and ASK results.
RESULTS_TYPES: Final = Offer(
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
)
#: CONSTRUCT and DESCRIBE results, the service description.
GRAPH_TYPES: Final = Offer(
    TURTLE,
    "application/n-triples",
    JSON_LD,
    "application/rdf+xml",
    "application/n-quads",
    "application/trig",
)
#: A resource document (`/id/...`).
RESOURCE_TYPES: Final = Offer(JSON_LD, HTML, TURTLE, "application/n-triples", "application/rdf+xml")
#: A page of the site, nothing else.
PAGE_TYPES: Final = Offer(HTML)
#: Where an error may be told: a page of the site for browsers, else problem+json.
ERROR_TYPES: Final = Offer(PROBLEM, HTML)


def same_format(values: list[str]) -> bool:
    """Whether `format` values name one format: `tsv` and `text/tab-separated-values` do
    (SPARQLWrapper sends both), `json` and `xml` do not."""

    def candidates(value: str) -> set[str]:
        wanted = value.strip().lower()
        found = set(FORMAT_NAMES.get(wanted, ()))
        if wanted in BY_TYPE:
            found.add(wanted)
        for entry in FORMATS:
            if wanted in entry.aliases:
                found.add(entry.media_type)
        return found or {wanted}

    sets = [candidates(v) for v in values]
    return bool(set.intersection(*sets)) if sets else True


def page_or(*alternatives: str) -> Offer:
    """A page, or (for clients that ask for them) the `alternatives`."""
    return Offer(HTML, *alternatives)


def _accept_ranges(header: str) -> list[tuple[str, str, float]]:
    ranges: list[tuple[str, str, float]] = []
    for part in header.split(","):
        media, *params = part.split(";")
        match = _MEDIA_RANGE.match(media)
        if not match:
            continue
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = max(0.0, min(1.0, float(value)))
                except ValueError:
                    quality = 0.0
        ranges.append((match.group(1).lower(), match.group(2).lower(), quality))
    return ranges


def _quality(media_type: str, ranges: list[tuple[str, str, float]]) -> float:
    """The q-value the client gives `media_type`: from its most specific matching range."""
    kind, subtype = media_type.split("/")
    best_specificity, quality = -1, 0.0
    for r_kind, r_subtype, q in ranges:
        if r_kind == kind and r_subtype == subtype:
            specificity = 2
        elif r_kind == kind and r_subtype == "*":
            specificity = 1
        elif r_kind == "*" and r_subtype == "*":
            specificity = 0
        else:
            continue
        if specificity > best_specificity:
            best_specificity, quality = specificity, q
    return quality


def negotiate(offer: Mapping[str, str], accept: str | None, format_param: str | None) -> str:
    """The media type to answer in, among `offer` (an `Offer`, or requested -> served); `format`
    first, then `Accept`. RequestError for an unknown format name, NotAcceptableError when the
    client takes none of the offer."""
    offer = offer if isinstance(offer, Offer) else _as_offer(tuple(offer.items()))
    if format_param:
        return offer._from_format(format_param)
    return _by_accept(offer, accept)


@lru_cache(maxsize=64)
def _as_offer(items: tuple[tuple[str, str], ...]) -> Offer:
    served = tuple(dict.fromkeys(value for _, value in items))
    offer = Offer(*served)
    offer._types = dict(items)  # exactly what the caller maps, in its order
    return offer


def _by_accept(offer: Offer, accept: str | None) -> str:
    default = offer.offered[0]
    if not accept or not accept.strip():
        return default
    ranges = _accept_ranges(accept)
    if not ranges:
        return default
    best, best_q = None, 0.0
    for media_type in offer:
        quality = _quality(media_type, ranges)
        if quality > best_q:
            best, best_q = media_type, quality
    if best is None:
        raise NotAcceptableError(
            f"none of the accepted types ({accept}) is offered; offered: "
            + ", ".join(offer.offered)
        )
    return offer[best]


def prefers_html(accept: str | None) -> bool:
    """Whether a client that sent `accept` is a browser asking for a page (for error pages)."""
    if not accept:
        return False
    try:
        return negotiate(ERROR_TYPES, accept, None) == HTML
    except NotAcceptableError:
        return False


def content_type(media_type: str) -> str:
    """The Content-Type header for `media_type` (text types in UTF-8)."""
    return f"{media_type}; charset=utf-8" if media_type.startswith("text/") else media_type
