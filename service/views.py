"""`Views`: what is derived from one loaded dataset and reused across requests, in one object.

The served store never changes once loaded, so a derived view (the filter vocabulary, labels,
home figures, menu options, the validation report, the audit) is computed on first use and kept
for the life of the store. The app builds one `Views` with its store (`app.state.views`); a test
or a command builds its own, so nothing is shared through module globals and nothing needs reset.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Iterable
from typing import TYPE_CHECKING, Any, TypeVar, cast

from service.api_vocabulary import PREFIXES, Vocabulary
from service.config import Settings
from service.memory import release_free_memory
from service.store import KnowledgeStore

if TYPE_CHECKING:
    from service.audit import Audit
    from service.ontology_doc import Vocabulary as OntologyVocabulary
    from service.service_description import Partitions
    from service.validation import ValidationReport

T = TypeVar("T")
#: IRIs per label query (a VALUES block of this many stays well under any limit).
LABEL_BATCH = 400


class Views:
    """The derived views of `store`, each computed once (concurrent first callers wait)."""

    def __init__(self, store: KnowledgeStore, settings: Settings) -> None:
        self.store = store
        self.settings = settings
        self._values: dict[Hashable, Any] = {}
        self._locks: dict[Hashable, threading.Lock] = {}
        self._guard = threading.Lock()
        #: IRI -> {"en", "zh", "", "notation"}, filled as pages name IRIs.
        self._labels: dict[str, dict[str, str]] = {}

    @property
    def data_version(self) -> str:
        """The version of the data these views are of."""
        return self.store.data_version

    def memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The view named `key`, computed by `compute()` the first time it is asked for."""
        try:
            return cast(T, self._values[key])
        except KeyError:
            pass
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            if key not in self._values:
                self._values[key] = compute()
            return cast(T, self._values[key])

    def ontology(self) -> OntologyVocabulary:
        """The ontology's classes and properties, for the /ontology page."""
        from service.ontology_doc import read_vocabulary

        return self.memo("ontology", lambda: read_vocabulary(self.store))

    def void_partitions(self) -> Partitions:
        """Class and property partitions of the dataset (the service description's VoID)."""
        from service.service_description import void_partitions

        return self.memo("void", lambda: void_partitions(self.store))

    @property
    def vocabulary(self) -> Vocabulary:
        """Every accepted spelling of every filter value (`/api/` and the pages)."""
        return self.memo("vocabulary", lambda: Vocabulary.load(self.store))

    def validation(self) -> ValidationReport:
        """The SHACL report of the whole dataset."""
        from service.validation import validate_store

        def run() -> ValidationReport:
            report = validate_store(self.store, self.settings.shapes_dir)
            release_free_memory()
            return report

        return self.memo("validation", run)

    def audit(self) -> Audit:
        """The audit (CONTRACT.md "Audit report") with the dataset's SHACL counts."""
        from service.audit import build_audit

        def run() -> Audit:
            audit = build_audit(self.store, self.validation().counts(), self.settings.base_iri)
            release_free_memory()
            return audit

        return self.memo("audit", run)

    def labels_of(self, iris: Iterable[str]) -> dict[str, dict[str, str]]:
        """{iri: {"en", "zh", "notation"}} for those of `iris` the graph names; each IRI is
        looked up once, the ones not seen before in one query per batch."""
        wanted = set(iris)
        with self._guard:
            missing = sorted(wanted - self._labels.keys())
        found: dict[str, dict[str, str]] = {iri: {} for iri in missing}
        for start in range(0, len(missing), LABEL_BATCH):
            values = " ".join(f"<{iri}>" for iri in missing[start : start + LABEL_BATCH])
            query = (
                PREFIXES
                + f"""SELECT ?e ?p ?v WHERE {{
                VALUES ?e {{ {values} }}
                {{ ?e rdfs:label ?v BIND(LANG(?v) AS ?p) }}
                UNION {{ ?e skos:notation ?v BIND("n" AS ?p) }}
            }}"""
            )
            for row in self.store.select(query):
                key = "notation" if row["p"] == "n" else row["p"].split("-")[0]
                found[row["e"]].setdefault(key, row["v"])
        with self._guard:
            for iri, info in found.items():
                self._labels.setdefault(iri, info)
            return {iri: self._labels[iri] for iri in wanted if self._labels[iri]}
