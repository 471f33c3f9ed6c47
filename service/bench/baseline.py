"""The floor of `make bench`: the least a SPARQL endpoint over pyoxigraph can do per request.

A bare Starlette app, one route `/sparql` (GET `?query=`, POST form or `application/sparql-query`)
over an in-memory pyoxigraph Store loaded from the given RDF files; the default graph is the
union of the named graphs, results are written by pyoxigraph's own serializers. No limits, no
timeouts, no content negotiation beyond the SPARQL results JSON / N-Triples that the bench asks
for, no logging: the cost of HTTP + query + serialization, nothing else.

    python -m service.bench.baseline --port 8001 --data dataset.nq
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import parse_qs

import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

_RDF_TYPES = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE,
}


def load_store(files: Sequence[Path]) -> ox.Store:
    """An in-memory store holding `files` (quads keep their graph names)."""
    store = ox.Store()
    for path in files:
        rdf_format = ox.RdfFormat.from_extension(path.suffix.lstrip("."))
        if rdf_format is None:
            raise SystemExit(f"{path}: unknown RDF file extension")
        store.load(path=path, format=rdf_format)
    return store


async def _query_text(request: Request) -> str | None:
    if request.method == "GET":
        return request.query_params.get("query")
    body = await request.body()
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("application/sparql-query"):
        return body.decode("utf-8")
    values = parse_qs(body.decode("utf-8")).get("query")
    return values[0] if values else None


def create_app(store: ox.Store) -> Starlette:
    """The floor app over `store`."""

    async def sparql(request: Request) -> Response:
        query = await _query_text(request)
        if not query:
            return PlainTextResponse("missing query", status_code=400)
        try:
            result = store.query(query, use_default_graph_as_union=True)
        except SyntaxError as error:
            return PlainTextResponse(str(error), status_code=400)
        if isinstance(result, ox.QueryTriples):
            accept = request.headers.get("accept", "")
            media_type = next((m for m in _RDF_TYPES if m in accept), "application/n-triples")
            return Response(result.serialize(format=_RDF_TYPES[media_type]), media_type=media_type)
        return Response(
            result.serialize(format=ox.QueryResultsFormat.JSON),
            media_type="application/sparql-results+json",
        )

    return Starlette(routes=[Route("/sparql", sparql, methods=["GET", "POST"])])


def main(argv: Sequence[str] | None = None) -> int:
    """Load the files, then serve until killed."""
    import uvicorn

    parser = argparse.ArgumentParser(prog="python -m service.bench.baseline", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--data", nargs="+", type=Path, required=True, metavar="FILE")
    args = parser.parse_args(argv)
    app = create_app(load_store(args.data))
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", access_log=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
