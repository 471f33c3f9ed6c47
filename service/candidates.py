"""Uploaded candidate data for `/validate`: untrusted RDF, checked and parsed inside a worker.

A candidate runs in a worker process (`service.zygote`), never in the app: a parser that crashes
on it, or a document built to take all memory or time, costs one worker that the pool replaces.
Before any parser sees it, the bytes are checked here for what makes parsers blow up: nesting
deeper than `max_nesting` (JSON-LD arrays and objects, Turtle blank-node lists and collections,
RDF/XML elements; a recursive parser needs stack in proportion) and XML entity declarations
(expansion bombs, external reads). After parsing, more than `max_triples` triples is refused.
The worker's address-space limit and the pool's timeout bound whatever is left.

The candidate is validated together with the served ontology and reference graphs, so links to
regions, initiatives and SDGs resolve; the served store is only read.
"""

from __future__ import annotations

import xml.parsers.expat
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

import orjson
import pyoxigraph as ox

from service.engine import Outcome
from service.errors import (
    DataLoadError,
    PayloadTooLargeError,
    RequestError,
    UnsupportedMediaTypeError,
)
from service.namespaces import graph_iri
from service.store import KnowledgeStore, refuse_xml_entities
from service.validation import ValidationReport, shape_set, summary, validate_dataset

#: Media types a candidate may be sent in, and the parser for each.
CANDIDATE_FORMATS: Final[dict[str, ox.RdfFormat]] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
#: The graphs a candidate is validated together with: the classes and the entities it links to.
CONTEXT_GRAPHS: Final = ("ontology", "reference")
SUMMARY: Final = "application/json"
#: Report media type -> rdflib serializer.
REPORT_SERIALIZERS: Final[dict[str, str]] = {
    "text/turtle": "turtle",
    "application/ld+json": "json-ld",
}
DEFAULT_MAX_NESTING: Final = 64
DEFAULT_MAX_TRIPLES: Final = 50_000


class _TooDeep(Exception):
    pass


def _json_depth(data: bytes, limit: int) -> None:
    """Raise _TooDeep when JSON arrays/objects nest deeper than `limit` (strings skipped)."""
    depth, in_string, escaped = 0, False, False
    for byte in data:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):  # [ {
            depth += 1
            if depth > limit:
                raise _TooDeep
        elif byte in (0x5D, 0x7D):
            depth -= 1


def _turtle_depth(data: bytes, limit: int) -> None:
    """Raise _TooDeep when Turtle `[` / `(` nest deeper than `limit` (strings, IRIs and comments
    skipped). Only an upper bound matters: nothing here decides what the document means."""
    text = data.decode("utf-8", errors="replace")
    depth, i, n = 0, 0, len(text)
    while i < n:
        char = text[i]
        if char in "\"'":
            long = text.startswith(char * 3, i)
            closing = char * 3 if long else char
            j = i + len(closing)
            while j < n:
                if text[j] == "\\":
                    j += 2
                    continue
                if text.startswith(closing, j):
                    break
                if not long and text[j] in "\r\n":
                    break
                j += 1
            i = j + len(closing)
            continue
        if char == "<":
            end = text.find(">", i + 1)
            space = text.find(" ", i + 1)
            if end > 0 and (space < 0 or space > end):
                i = end + 1
                continue
        elif char == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end + 1
            continue
        elif char in "[(":
            depth += 1
            if depth > limit:
                raise _TooDeep
        elif char in "])":
            depth -= 1
        i += 1


def _xml_depth(data: bytes, limit: int) -> None:
    """Raise _TooDeep when XML elements nest deeper than `limit` (expat: C, not recursive)."""
    parser = xml.parsers.expat.ParserCreate()
    depth = 0

    def start(name: str, attributes: dict[str, str]) -> None:
        nonlocal depth
        depth += 1
        if depth > limit:
            raise _TooDeep

    def end(name: str) -> None:
        nonlocal depth
        depth -= 1

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError:
        return  # not well-formed: the RDF/XML parser says where, in its own words


_DEPTH_CHECKS: Final[dict[ox.RdfFormat, Callable[[bytes, int], None]]] = {
    ox.RdfFormat.JSON_LD: _json_depth,
    ox.RdfFormat.TURTLE: _turtle_depth,
    ox.RdfFormat.RDF_XML: _xml_depth,
}


def parse_candidate(
    data: bytes,
    media_type: str,
    max_nesting: int = DEFAULT_MAX_NESTING,
    max_triples: int = DEFAULT_MAX_TRIPLES,
) -> ox.Store:
    """The candidate document in a fresh store of its own (never the served one).

    Raises:
        UnsupportedMediaTypeError: `media_type` is not one of CANDIDATE_FORMATS.
        RequestError: the document nests too deeply, does not parse (the message is the
            parser's), or is RDF/XML that declares entities (expansion is disabled).
        PayloadTooLargeError: it holds more than `max_triples` triples.
    """
    fmt = CANDIDATE_FORMATS.get(media_type)
    if fmt is None:
        offered = ", ".join(CANDIDATE_FORMATS)
        raise UnsupportedMediaTypeError(
            f"cannot validate a body of type {media_type or '(none)'}; send one of {offered}"
        )
    if fmt == ox.RdfFormat.RDF_XML:
        try:
            refuse_xml_entities(data, "the candidate")
        except DataLoadError as error:
            raise RequestError(error.message) from error
    check = _DEPTH_CHECKS.get(fmt)
    if check is not None:
        try:
            check(data, max_nesting)
        except _TooDeep:
            raise RequestError(
                f"the candidate nests more than {max_nesting} levels deep (BAAP_MAX_NESTING); "
                "flatten it (name the nodes instead of nesting them)"
            ) from None
    candidate = ox.Store()
    try:
        # The base IRI only resolves relative IRIs; JSON-LD remote contexts are never fetched.
        candidate.load(data, format=fmt, base_iri="https://w3id.org/baap/candidate/")
    except (SyntaxError, ValueError, OSError) as error:
        raise RequestError(f"the candidate does not parse as {media_type}: {error}") from error
    if len(candidate) > max_triples:
        raise PayloadTooLargeError(
            f"the candidate holds {len(candidate)} triples; at most {max_triples} are "
            "validated at once (BAAP_MAX_CANDIDATE_TRIPLES): split it"
        )
    return candidate


def validate_candidate_in(
    dataset: ox.Store,
    shapes_dir: Path,
    data: bytes,
    media_type: str,
    max_nesting: int = DEFAULT_MAX_NESTING,
    max_triples: int = DEFAULT_MAX_TRIPLES,
) -> ValidationReport:
    """Validate a candidate together with `dataset`'s ontology and reference graphs."""
    candidate = parse_candidate(data, media_type, max_nesting, max_triples)
    for name in CONTEXT_GRAPHS:
        graph = ox.NamedNode(graph_iri(name))
        candidate.extend(dataset.quads_for_pattern(None, None, None, graph))
    return validate_dataset(candidate, shape_set(shapes_dir))


def validate_candidate(
    store: KnowledgeStore, shapes_dir: Path, data: bytes, media_type: str
) -> ValidationReport:
    """`validate_candidate_in` over a loaded store (the CLI and tests; the server uses a worker)."""
    return validate_candidate_in(store.oxigraph, shapes_dir, data, media_type)


def run_candidate_job(
    dataset: ox.Store, job: dict[str, Any], data: bytes, write: Callable[[bytes], None]
) -> Outcome:
    """What a worker does for POST /validate: validate, then write the answer `job` asks for."""
    report = validate_candidate_in(
        dataset,
        Path(job["shapes_dir"]),
        data,
        job["media_type"],
        job["max_nesting"],
        job["max_triples"],
    )
    answer = job["answer"]
    if answer == SUMMARY:
        write(orjson.dumps(summary(report)))
    else:
        write(report.serialized(REPORT_SERIALIZERS[answer]))
    return Outcome(answer, rows=None)
