"""The graph's per-activity SDG-target and WSIS-line links measured against independent labels.

`tests/eval/graph_labels.csv` holds what two annotators, each alone and without the codebook
(`tests/eval/graph_labels_brief.md`), said 80 activities drawn at random directly serve. The
links the graph gives an activity from report, curation and inference are compared with each
annotator's labels; the priority mapping (`derived`) and each pair of annotators against each
other are printed beside them. Two more annotators (G, H) labelled the same 80 activities from a
brief asking for every target and line each activity directly serves
(`tests/eval/graph_labels_dense_brief.md`): they give 2.6-2.7 targets per activity where A and B
give 1.7, and the issue's figures for the priority mapping put its annotators in between.
Micro-averaged over the 80 activities; C7 sub-lines and targets must match exactly.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path
from statistics import fmean
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


#: The annotator pairs that worked from the same brief: A and B were asked what each activity
#: directly serves; G and H for every target and line it directly serves (exhaustive).
PAIRS: Final = (("A", "B"), ("G", "H"))


#: The priority mapping's precision and recall on the issue's hidden set, as the issue gives them.
HIDDEN_MAPPING: Final = {"sdg": (0.31, 0.65), "wsis": (0.53, 0.51)}


def estimate(links: Links, mapping: Links, labels: dict[str, Links], kind: str) -> dict[str, float]:
    """Precision and recall a system would have on the issue's hidden set, estimated.

    The issue gives the mapping's figures there; with the mapping's links per activity measured
    here, they say how many labels its annotators give per activity, inside the mapping and
    outside it. The hidden annotators' labels inside the mapping are taken to be found as often
    as the exhaustive annotators' (G, H) are; outside it, the system's hits per activity are
    interpolated between those against A, B and against G, H by the hidden annotators' count
    there. Assumes the hidden sample's activities have as many mapping links as these 80."""
    keys = sorted(set().union(*labels.values()))

    def per_activity(found: Links) -> float:
        return sum(len(found[key][kind]) for key in keys) / len(keys)

    def outside(found: Links) -> float:
        return per_activity(found) - per_activity(_both(found, mapping))

    precision, recall = HIDDEN_MAPPING[kind]
    hidden_inside = precision * per_activity(mapping)
    hidden_outside = hidden_inside / recall - hidden_inside
    hits = {name: _both(links, gold) for name, gold in labels.items()}
    _, dense = PAIRS
    found = sum(per_activity(_both(hits[n], mapping)) for n in dense) / sum(
        per_activity(_both(labels[n], mapping)) for n in dense
    )
    sparse_out, dense_out = (fmean(outside(labels[n]) for n in names) for names in PAIRS)
    share = min(max((hidden_outside - sparse_out) / (dense_out - sparse_out), 0.0), 1.0)
    sparse_hits, dense_hits = (fmean(outside(hits[n]) for n in names) for names in PAIRS)
    right = found * hidden_inside + sparse_hits + share * (dense_hits - sparse_hits)
    given = per_activity(links)
    return {"precision": round(right / given, 3) if given else 0.0,
            "recall": round(right / (hidden_inside + hidden_outside), 3)}  # fmt: skip


def _both(first: Links, second: Links) -> Links:
    """The links both hold, per activity."""
    return {
        key: {kind: first[key][kind] & second[key][kind] for kind in KINDS} for key in first
    }


def measure(store: KnowledgeStore, path: Path = LABELS) -> dict[str, Any]:
    """The figures `make eval` prints under `graphLinks`: each system against each annotator,
    and each pair of annotators of one brief against each other."""
    labels = read_labels(path)
    keys = set().union(*labels.values())
    golds = {f"annotator {name}": labels[name] for name in sorted(labels)}
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
    if all(name in labels for pair in PAIRS for name in pair):
        mapping = systems["priority mapping (derived)"]
        figures["issue's hidden set, estimated"] = {
            system: {kind: estimate(links, mapping, labels, kind) for kind in KINDS}
            for system, links in systems.items()
        }
    for first, second in PAIRS:
        if first in labels and second in labels:
            figures[f"annotator {first} against {second}"] = {
                kind: prf(labels[first], labels[second], kind) for kind in KINDS
            }
    return figures
