"""The graph's per-activity SDG-target and WSIS-line links measured against independent labels.

`tests/eval/graph_labels.csv` holds what two annotators, each alone and without the codebook
(`tests/eval/graph_labels_brief.md`), said 80 activities drawn at random directly serve. The
links the graph gives an activity from report, curation and inference are compared with each
annotator's labels, with what both gave and with what either gave; the priority mapping
(`derived`) and the annotators against each other are printed beside them. Micro-averaged over
the 80 activities; C7 sub-lines and targets must match exactly.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path
from typing import Any, Final

from service.config import PROJECT_ROOT
from service.namespaces import graph_iri
from service.reference import wsis_notation
from service.store import KnowledgeStore

LABELS: Final = PROJECT_ROOT / "tests" / "eval" / "graph_labels.csv"
KINDS: Final = {"sdg": "contributesTo", "wsis": "supportsActionLine"}
Links = dict[str, dict[str, set[str]]]  # activity key -> kind -> notations


def read_labels(path: Path = LABELS, key: str = "activity") -> dict[str, Links]:
    """annotator -> their links by the `key` column (an activity key, a text id), every labelled
    item present (a `none` row adds nothing); WSIS lines in CONTRACT notation."""
    labels: dict[str, Links] = defaultdict(
        lambda: defaultdict(lambda: {"sdg": set(), "wsis": set()})
    )
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            links = labels[row["annotator"]][row[key]]
            if row["code"] != "none":
                code = wsis_notation(row["code"]) if row["kind"] == "wsis" else row["code"]
                links[row["kind"]].add(code)
    return labels


def graph_links(store: KnowledgeStore, bases: tuple[str, ...], keys: set[str]) -> Links:
    """The links of the `keys` activities held in the graphs of `bases`, by notation."""
    found: Links = {key: {"sdg": set(), "wsis": set()} for key in keys}
    graphs = ", ".join(f"<{graph_iri(b)}>" for b in bases)
    for kind, prop in KINDS.items():
        rows = store.select(
            "PREFIX baap: <https://w3id.org/baap/ontology#> "
            "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
            f"SELECT ?a ?n WHERE {{ GRAPH ?g {{ ?a baap:{prop} ?o }} FILTER(?g IN ({graphs})) "
            "?o skos:notation ?n }"
        )
        for row in rows:
            key = row["a"].rsplit("/", 1)[-1]
            if key in found:
                found[key][kind].add(row["n"])
    return found


def prf(predicted: Links, gold: Links, kind: str) -> dict[str, float]:
    """Micro precision and recall of `predicted` against `gold`, and links per activity."""
    keys = sorted(gold)
    hits = sum(len(predicted[k][kind] & gold[k][kind]) for k in keys)
    given = sum(len(predicted[k][kind]) for k in keys)
    wanted = sum(len(gold[k][kind]) for k in keys)
    return {
        "precision": round(hits / given, 3) if given else 0.0,
        "recall": round(hits / wanted, 3) if wanted else 0.0,
        "perActivity": round(given / len(keys), 2),
        "goldPerActivity": round(wanted / len(keys), 2),
    }


def measure(store: KnowledgeStore, path: Path = LABELS) -> dict[str, Any]:
    """The figures `make eval` prints under `graphLinks`."""
    labels = read_labels(path)
    first, second = (labels[name] for name in sorted(labels))
    keys = set(first) | set(second)
    golds = {
        "annotator A": first,
        "annotator B": second,
        "both": {k: {t: first[k][t] & second[k][t] for t in KINDS} for k in keys},
        "either": {k: {t: first[k][t] | second[k][t] for t in KINDS} for k in keys},
    }
    systems = {
        "graph (report + curation + inferred)": graph_links(
            store, ("report", "curation", "inferred"), keys
        ),
        "stated (report + curation)": graph_links(store, ("report", "curation"), keys),
        "priority mapping (derived)": graph_links(store, ("derived",), keys),
    }
    figures: dict[str, Any] = {"activities": len(keys)}
    for system, links in systems.items():
        figures[system] = {
            gold: {kind: prf(links, labels_, kind) for kind in KINDS}
            for gold, labels_ in golds.items()
        }
    figures["annotator A against B"] = {kind: prf(first, second, kind) for kind in KINDS}
    return figures
