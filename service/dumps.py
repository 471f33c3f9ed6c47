"""Whole graphs as documents, written by a worker: what `/store` (the Graph Store Protocol's read
side) answers. A dump is no query result: it is never cut at the row cap; it is bounded by the
spool budget instead (`max_bytes`), past which it is refused rather than cut."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from service.capped import CapReached, CountingSink, Sink
from service.engine import Outcome
from service.errors import PayloadTooLargeError
from service.writers import GRAPH_FORMATS, PREFIXED_FORMATS

#: What a dump is of: one named graph, the default graph (the union of all), the whole dataset.
SCOPES = ("graph", "default", "dataset")


def run_dump(store: ox.Store, job: dict[str, Any], sink: Sink) -> Outcome:
    """Write the graph `job` names (`scope`, `graph`) in `job["media_type"]`."""
    media_type: str = job["media_type"]
    fmt = GRAPH_FORMATS[media_type]
    prefixes = dict(job.get("prefixes") or ()) if fmt in PREFIXED_FORMATS else None
    out = CountingSink.bytes_only(sink, int(job["max_bytes"]))
    try:
        if job["scope"] == "dataset":
            store.dump(out, format=fmt, prefixes=prefixes)  # type: ignore[arg-type]
        elif job["scope"] == "graph":
            graph = ox.NamedNode(job["graph"])
            store.dump(out, format=fmt, from_graph=graph, prefixes=prefixes)  # type: ignore[arg-type]
        else:
            union = store.query(
                "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True
            )
            assert isinstance(union, ox.QueryTriples)
            ox.serialize(union, out, format=fmt, prefixes=prefixes)  # type: ignore[arg-type]
    except CapReached:
        raise PayloadTooLargeError(
            f"this graph is larger than the server sends in one document ({int(job['max_bytes'])}"
            " bytes, BAAP_MAX_SPOOL_BYTES); query the parts you need with SPARQL"
        ) from None
    return Outcome(media_type, rows=None)
