"""`KnowledgeStore`: owns loading the graph files into named graphs and querying them.

The store is an embedded Oxigraph (pyoxigraph) in memory: fast SPARQL 1.1 and a small footprint.
Each file lands in one named graph of CONTRACT.md; queries see the union of all graphs as their
default graph. After loading, the store is only read.
"""

from __future__ import annotations

import asyncio
import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from service.config import Settings
from service.errors import DataLoadError
from service.namespaces import GRAPH_NAMES, ID, graph_iri

if TYPE_CHECKING:
    from rdflib import Graph

DEFAULT_BASE_IRI = str(ID)
_FORMATS: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
}


@dataclass(frozen=True)
class LoadedFile:
    """A file in the store: where it came from and which graph it fills."""

    path: Path
    graph: str | None  # None: the file's own graphs (quads) or the default graph


def rdf_format_for(path: Path) -> ox.RdfFormat:
    """The RDF syntax of a file, from its extension."""
    try:
        return _FORMATS[path.suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(_FORMATS))
        raise DataLoadError(f"{path}: unknown RDF file extension; use one of {known}") from None


def refuse_xml_entities(data: bytes, name: str) -> None:
    """Refuse XML that declares entities: the RDF/XML parser would expand them without bound
    (a "billion laughs" document takes gigabytes), and external ones would read files."""
    texts = [data]
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        texts.append(data.decode("utf-16", errors="ignore").encode())
    if any(b"<!ENTITY" in text for text in texts):
        raise DataLoadError(
            f"{name}: RDF/XML with <!ENTITY> declarations is refused (entity expansion is "
            "disabled); replace the entity references by their values, or convert the file "
            "to Turtle or N-Triples"
        )


def union_graph_of(store: ox.Store) -> Graph:
    """Every triple of every graph of `store` once, in an rdflib graph (what pySHACL validates)."""
    from rdflib import Graph  # imported here: serving queries never needs rdflib

    result = store.query(
        "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True
    )
    if not isinstance(result, ox.QueryTriples):
        raise TypeError("a CONSTRUCT query returned no triples iterator")
    graph = Graph()
    graph.parse(data=result.serialize(format=ox.RdfFormat.N_TRIPLES) or b"", format="nt")
    return graph


def builtin_files(settings: Settings) -> list[LoadedFile]:
    """The ontology modules and the generated data, each with its named graph."""
    files = [LoadedFile(p, "ontology") for p in sorted(settings.ontology_dir.glob("*.ttl"))]
    for name in GRAPH_NAMES:
        path = settings.generated_dir / f"{name}.ttl"
        if name != "ontology" and path.exists():
            files.append(LoadedFile(path, name))
    return files


SelectRunner = Callable[[str], bytes]


def _on_event_loop() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def _solution_rows(
    result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples,
) -> list[dict[str, ox.NamedNode | ox.BlankNode | ox.Literal]]:
    try:
        if not isinstance(result, ox.QuerySolutions):
            raise TypeError("rows() takes a SELECT query")
        names = [v.value for v in result.variables]
        found = []
        for solution in result:
            row = {}
            for name in names:
                term = solution[name]
                if isinstance(term, ox.NamedNode | ox.BlankNode | ox.Literal):
                    row[name] = term
            found.append(row)
        return found
    finally:
        del result


def _digest_files(files: list[LoadedFile], digest: hashlib._Hash) -> None:
    """Feed `digest` each file's name, a NUL and its bytes, in order, a chunk at a time."""
    for loaded in files:
        digest.update(loaded.path.name.encode() + b"\0")
        try:
            with loaded.path.open("rb") as stream:
                while chunk := stream.read(1 << 20):
                    digest.update(chunk)
        except OSError:
            return  # the load reports the unreadable file, with its reason


def files_of(settings: Settings) -> list[LoadedFile]:
    """The files `settings` serve: exactly `data_files` when given, else the built-in ones."""
    if settings.data_files:
        return [LoadedFile(Path(p), None) for p in settings.data_files]
    return builtin_files(settings)


class KnowledgeStore:
    """The loaded dataset: named graphs, their union as default graph, and queries over it."""

    def __init__(self, files: list[LoadedFile], base_iri: str = DEFAULT_BASE_IRI) -> None:
        self.files = files
        self.base_iri = base_iri
        self._runner: SelectRunner | None = None
        self._store = ox.Store()
        # The data version is a digest of the files as read. When the files are loaded as they
        # are, Oxigraph parses each from its path while a thread digests it (the parser
        # releases the GIL): no second pass, no copy of the files in memory.
        rewrite = base_iri != DEFAULT_BASE_IRI
        digest = hashlib.sha256()
        hashing = threading.Thread(target=_digest_files, args=(files, digest))
        if not rewrite:
            hashing.start()
        try:
            for loaded in files:
                if rewrite and loaded.graph is not None:
                    # The built-in data names resources under the default base; serve them
                    # under ours.
                    data = self._read(loaded.path)
                    data = data.replace(DEFAULT_BASE_IRI.encode(), base_iri.encode())
                    digest.update(loaded.path.name.encode() + b"\0" + data)
                    self._load(loaded, data)
                elif rewrite:
                    data = self._read(loaded.path)
                    digest.update(loaded.path.name.encode() + b"\0" + data)
                    self._load(loaded, data)
                else:
                    self._load(loaded, None)
        finally:
            if not rewrite:
                hashing.join()
        self.data_version = digest.hexdigest()[:16]

    @classmethod
    def from_settings(cls, settings: Settings) -> KnowledgeStore:
        """The built-in dataset, or exactly `settings.data_files` when given."""
        return cls(files_of(settings), settings.base_iri)

    @staticmethod
    def _read(path: Path) -> bytes:
        try:
            return path.read_bytes()
        except OSError as error:
            raise DataLoadError(f"cannot read {path}: {error.strerror}") from error

    def _load(self, loaded: LoadedFile, data: bytes | None) -> None:
        """Parse one file into its graph: `data` when given, else straight from its path."""
        fmt = rdf_format_for(loaded.path)
        if fmt == ox.RdfFormat.RDF_XML and data is None:
            data = self._read(loaded.path)
        if fmt == ox.RdfFormat.RDF_XML:
            assert data is not None
            refuse_xml_entities(data, str(loaded.path))
        target = ox.NamedNode(graph_iri(loaded.graph)) if loaded.graph else None
        source: dict[str, object] = {"path": str(loaded.path)} if data is None else {"input": data}
        options: dict[str, object] = {"format": fmt, "base_iri": loaded.path.resolve().as_uri()}
        if target is not None and fmt in (
            ox.RdfFormat.TURTLE,
            ox.RdfFormat.N_TRIPLES,
            ox.RdfFormat.RDF_XML,
            ox.RdfFormat.JSON_LD,
        ):
            options["to_graph"] = target
        try:
            self._store.load(**source, **options)  # type: ignore[arg-type]
        except (SyntaxError, ValueError, OSError) as error:
            raise DataLoadError(f"cannot parse {loaded.path}: {error}") from error

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying store, for the modules that run queries (sparql, workers)."""
        return self._store

    def named_graphs(self) -> list[str]:
        """IRIs of the named graphs that hold at least one triple, sorted."""
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    @cached_property
    def _counts(self) -> dict[str, int]:
        # Counted by the engine (in Rust, once: the store is read-only once loaded), so /health
        # and the service description reuse one count.
        counts: dict[str, int] = {}
        named = self._store.query(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
        )
        assert isinstance(named, ox.QuerySolutions)
        for row in named:
            graph, number = row["g"], row["n"]
            if graph is not None and number is not None:
                key = graph.value if isinstance(graph, ox.NamedNode) else f"_:{graph.value}"
                counts[key] = int(number.value)
        default = self._store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        assert isinstance(default, ox.QuerySolutions)
        for row in default:
            number = row["n"]
            if number is not None and int(number.value):
                counts["default"] = int(number.value)
        for loaded in self.files:  # a graph loaded from an empty file (`inferred` before a
            if loaded.graph is not None:  # method fills it) is listed with 0 triples
                counts.setdefault(graph_iri(loaded.graph), 0)
        return dict(sorted(counts.items()))

    def triple_counts(self) -> dict[str, int]:
        """Triples per named graph (and `default` for the store's own default graph)."""
        return dict(self._counts)

    def __len__(self) -> int:
        return sum(self._counts.values())

    def route_selects(self, runner: SelectRunner | None) -> None:
        """Run `rows()` queries with `runner` (a function of the query text returning SPARQL JSON
        results): the server hands them to its workers, so a query built from a request's
        words is bounded in time, shares the workers fairly and never runs in the app."""
        self._runner = runner

    def rows(self, query: str) -> list[dict[str, ox.NamedNode | ox.BlankNode | ox.Literal]]:
        """Run a SELECT over the union graph; every row as {variable: term}, unbound left out.

        Always a list: Oxigraph's result iterator must be dropped on the thread that made it,
        so it never leaves this method (a half-consumed generator could be collected elsewhere).
        With a runner (see `route_selects`), the query runs in a worker, except on an event
        loop's own thread, which must not wait for one.
        """
        if self._runner is not None and not _on_event_loop():
            data = self._runner(query)
            return _solution_rows(ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON))
        return _solution_rows(self._store.query(query, use_default_graph_as_union=True))

    def select(self, query: str) -> list[dict[str, str]]:
        """Run a SELECT over the union graph; rows as {variable: lexical value}."""
        return [{k: v.value for k, v in row.items()} for row in self.rows(query)]

    def to_nquads(self) -> bytes:
        """The whole dataset as N-Quads."""
        data = self._store.dump(format=ox.RdfFormat.N_QUADS)
        return data if data is not None else b""

    def union_graph(self) -> Graph:
        """All triples of all graphs in one rdflib Graph (for pySHACL)."""
        return union_graph_of(self._store)
