"""The page of an SDG goal or target (`/id/sdg/5`, `/id/sdg/5.b` for browsers): its official text
in the page's language and the other one (the graph's `rdfs:label` @en / @zh), goal and targets
linked both ways, and the activities linked to it, grouped by the basis of the link (the named
graph it is in: report, curation, inferred, derived)."""

from __future__ import annotations

from typing import Any, Final
from urllib.parse import urlencode

from starlette.requests import Request

from service.api_filters import sparql_string
from service.api_vocabulary import PREFIXES
from service.i18n import label, translate
from service.resources import SDG_BASE, Description
from service.web.entities import activity_items, alternates
from service.web.layout import language, other_language, render_text, views_of

SDGO: Final = "http://metadata.un.org/sdg/ontology#"
RDF_TYPE: Final = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
OWL_SAME_AS: Final = "http://www.w3.org/2002/07/owl#sameAs"
#: Bases in the order the page lists them; a graph named otherwise is "other".
BASES: Final = ("report", "curation", "inferred", "derived")
#: Activities listed per basis (all of them are one click away in Browse).
SHOWN: Final = 25
#: The `linkBasis` of /browse/activities that lists the activities of a basis.
BROWSE_BASIS: Final = {basis: basis for basis in BASES}


def un_iri(description: Description) -> str | None:
    """The UN goal or target a `/id/sdg/...` resource is the same as, if it is one."""
    for _, predicate, obj in description.about(description.subject):
        if predicate.value == OWL_SAME_AS and obj.value.startswith(SDG_BASE):
            types = {o.value for o in description.values(obj.value, RDF_TYPE)}
            if types & {f"{SDGO}Goal", f"{SDGO}Target"}:
                return obj.value
    return None


def _facts(request: Request, iri: str) -> dict[str, Any]:
    """Labels, definitions, kind, goal and targets of the goal or target `iri`."""
    store = views_of(request).store
    node = sparql_string(iri)[1:-1]
    rows = store.select(
        PREFIXES
        + f"""SELECT ?p ?o (LANG(?o) AS ?lang) WHERE {{
        <{node}> ?p ?o .
        FILTER(?p IN (rdfs:label, skos:definition, skos:notation, skos:broader, <{RDF_TYPE}>))
    }}"""
    )
    facts: dict[str, Any] = {"labels": {}, "definitions": {}, "goal": None, "goal_kind": False}
    for row in rows:
        predicate, value, lang = row["p"], row["o"], row.get("lang", "").split("-")[0]
        if predicate.endswith("#label"):
            facts["labels"].setdefault(lang, value)
        elif predicate.endswith("#definition"):
            facts["definitions"].setdefault(lang, value)
        elif predicate.endswith("#notation"):
            facts["code"] = value
        elif predicate.endswith("#broader"):
            facts["goal"] = value
        elif value == f"{SDGO}Goal":
            facts["goal_kind"] = True
    return facts


def _related(request: Request, iris: list[str], lang: str) -> list[dict[str, Any]]:
    """Goals or targets as links with their code, label and activity count (any basis)."""
    if not iris:
        return []
    views = views_of(request)
    info = views.labels_of(iris)
    counts = {
        row["t"]: int(row["n"])
        for row in views.store.select(
            PREFIXES
            + "SELECT ?t (COUNT(DISTINCT ?a) AS ?n) WHERE { VALUES ?t { "
            + " ".join(f"<{i}>" for i in iris)
            + " } OPTIONAL { ?a baap:contributesTo ?t . ?a a baap:Activity } } GROUP BY ?t"
        )
    }
    return [
        {
            "href": "/id/sdg/" + iri[len(SDG_BASE) :],
            "code": info.get(iri, {}).get("notation", iri.rsplit("/", 1)[-1]),
            "label": label(info.get(iri, {}), lang, iri),
            "count": counts.get(iri, 0),
        }
        for iri in iris
    ]


def _targets_of(request: Request, goal: str) -> list[str]:
    rows = views_of(request).store.select(
        PREFIXES + f"SELECT ?t WHERE {{ ?t skos:broader <{goal}> ; a sdgo:Target }}"
    )
    return sorted((r["t"] for r in rows), key=lambda t: _code_key(t.rsplit("/", 1)[-1]))


def _code_key(code: str) -> tuple[Any, ...]:
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in code.split("."))


def activities_by_basis(request: Request, iri: str, is_goal: bool) -> dict[str, list[str]]:
    """Activity IRIs linked to `iri` (for a goal: or to one of its targets), by basis."""
    store = views_of(request).store
    reach = (
        f"{{ GRAPH ?g {{ ?a baap:contributesTo <{iri}> }} }} UNION "
        f"{{ ?t skos:broader <{iri}> . GRAPH ?g {{ ?a baap:contributesTo ?t }} }}"
        if is_goal
        else f"GRAPH ?g {{ ?a baap:contributesTo <{iri}> }}"
    )
    rows = store.select(
        PREFIXES + f"SELECT DISTINCT ?a ?g WHERE {{ {reach} ?a a baap:Activity . }}"
    )
    found: dict[str, set[str]] = {}
    for row in rows:
        basis = row["g"].rstrip("/").rsplit("/", 1)[-1]
        found.setdefault(basis if basis in BASES else "other", set()).add(row["a"])
    return {
        basis: sorted(found[basis], key=_activity_key)
        for basis in (*BASES, "other")
        if basis in found
    }


def _activity_key(iri: str) -> tuple[Any, ...]:
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in iri.replace("-", "/").split("/"))


def page(request: Request, iri: str, path: str) -> str:
    """The goal or target page in the site layout, in the request's language."""
    views = views_of(request)
    lang, _ = language(request)
    other = other_language(lang)
    facts = _facts(request, iri)
    code = facts.get("code") or iri.rsplit("/", 1)[-1]
    is_goal = bool(facts["goal_kind"])
    names = facts["labels"]
    groups = []
    linked = activities_by_basis(request, iri, is_goal)
    for basis, members in linked.items():
        link = None
        if basis in BROWSE_BASIS:
            link = "/browse/activities?" + urlencode(
                {"sdg": code, "linkBasis": BROWSE_BASIS[basis]}
            )
        groups.append(
            {
                "basis": basis,
                "title": translate(lang, f"basis.{basis}"),
                "total": len(members),
                "items": activity_items(views, members[:SHOWN], lang),
                "browse": link,
            }
        )
    title = label(names, lang, code)
    return render_text(
        request,
        "sdg.html",
        "resource",
        kind=translate(lang, "sdg.goal" if is_goal else "sdg.target", code=code),
        title=title,
        subtitle=names.get(other, "") if names.get(other) != title else "",
        subtitle_lang=other,
        definition=facts["definitions"].get(lang, ""),
        iri=iri,
        goal=_related(request, [facts["goal"]], lang)[0] if facts["goal"] else None,
        targets=_related(request, _targets_of(request, iri), lang) if is_goal else [],
        groups=groups,
        total=len({a for members in linked.values() for a in members}),
        shown=SHOWN,
        alternates=alternates(path),
        browse_all="/browse/activities?" + urlencode({"sdg": code}),
    )
