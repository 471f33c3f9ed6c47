"""rdflib-endpoint serving the bench data, as `make bench` compares against it.

An rdflib `Dataset(default_union=True)` (the default graph is the union of the named graphs, as
in baap-kg) filled from the given files, served by `rdflib_endpoint.SparqlEndpoint` at `/sparql`
with uvicorn. rdflib-endpoint is the optional `bench` extra; it is imported at run time so that
the typed code of `service/` does not depend on it being installed.

    python -m service.bench.rdflib_server --port 8002 --data dataset.nq
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Sequence
from pathlib import Path

_RDFLIB_FORMATS = {".nq": "nquads", ".trig": "trig", ".nt": "nt", ".ttl": "turtle"}


def main(argv: Sequence[str] | None = None) -> int:
    """Load the files, then serve until killed (exit 3 when rdflib-endpoint is missing)."""
    import uvicorn
    from rdflib import Dataset

    parser = argparse.ArgumentParser(
        prog="python -m service.bench.rdflib_server", description=__doc__
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--data", nargs="+", type=Path, required=True, metavar="FILE")
    args = parser.parse_args(argv)
    try:
        endpoint = importlib.import_module("rdflib_endpoint")
    except ImportError:
        print("rdflib-endpoint is not installed: pip install -e '.[bench]'")
        return 3
    dataset = Dataset(default_union=True)
    for path in args.data:
        dataset.parse(str(path), format=_RDFLIB_FORMATS.get(path.suffix.lower()))
    app = endpoint.SparqlEndpoint(graph=dataset, path="/sparql", cors_enabled=False)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", access_log=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
