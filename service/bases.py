"""The four bases of a link and their unions (CONTRACT v2), shared by the audit, the `/api/`
filters and the pages.

A link's basis is the graph it is in: *report* (graph `report`, or any graph that is not one of
the three below, such as the default graph of a dataset served with `--data`: what the data
states), *curation* (graph `curation`: a person judged it from the passage), *inferred* (graph
`inferred`: a method read it from the activity's text), *derived* (graph `derived`: implied by
the priority mapping). *stated* is report or curation; *any* is every basis.
"""

from __future__ import annotations

from typing import Final

from service.namespaces import graph_iri

#: The bases a link can have, one per graph kind.
GRAPH_BASES: Final = ("report", "curation", "inferred", "derived")
#: Every basis a count or filter can take, in CONTRACT's order.
BASES: Final = ("report", "curation", "stated", "inferred", "derived", "any")
#: What each basis takes in, in graph bases.
BASIS_GRAPHS: Final[dict[str, tuple[str, ...]]] = {
    "report": ("report",),
    "curation": ("curation",),
    "stated": ("report", "curation"),
    "inferred": ("inferred",),
    "derived": ("derived",),
    "any": GRAPH_BASES,
}


def basis_pattern(subject: str, prop: str, obj: str, basis: str, graph: str = "?g") -> str:
    """The SPARQL pattern `subject prop obj` restricted to links of `basis`; `graph` names the
    variable bound to the link's graph (give each pattern of one query its own)."""
    triple = f"{subject} {prop} {obj}"
    if basis == "any":
        return f"{triple} ."
    if basis not in BASIS_GRAPHS:
        raise ValueError(f"unknown basis {basis!r}; use one of {', '.join(BASES)}")
    if basis in ("curation", "inferred", "derived"):
        return f"GRAPH <{graph_iri(basis)}> {{ {triple} }}"
    excluded = [b for b in GRAPH_BASES if b not in BASIS_GRAPHS[basis]]
    names = ", ".join(f"<{graph_iri(b)}>" for b in excluded)
    return f"GRAPH {graph} {{ {triple} }} FILTER({graph} NOT IN ({names}))"


def named_bases(graphs: list[str]) -> list[str]:
    """The bases of a link found in `graphs` (IRIs), counting only the four basis graphs
    (`report`, `curation`, `inferred`, `derived`; a reference or mapping graph has no basis)."""
    return [b for b in GRAPH_BASES if graph_iri(b) in graphs]
