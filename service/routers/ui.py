"""The HTML pages: home `/`, `/query`, `/browse/activities`, `/search`, `/report`, `/audit.html`.

Every page is rendered on the server from `service/templates/` (one `layout.html`), readable
without JavaScript, in English or Chinese (`service.i18n`), and loads nothing from another origin:
styles and scripts come from `/static/`. A page is HTML only for clients that ask for HTML: a
client that asks for JSON, SPARQL results or RDF is sent where that lives (303) or gets a 406.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any, Final
from urllib.parse import quote, urlencode

import orjson
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from service import __version__
from service.api import (
    BAAP,
    DIMENSIONS,
    MAX_PER_PAGE,
    PREFIXES,
    Page,
    activity_members,
    check_parameters,
    matching_activities,
    parse_activity_filters,
    reference_members,
    sparql_string,
)
from service.audit_report import href as local_href
from service.cache import Recent
from service.errors import NotFoundError, RequestError
from service.i18n import (
    COOKIE,
    COOKIE_MAX_AGE,
    LANGUAGES,
    choose_language,
    label,
    translator,
)
from service.namespaces import PREFIXES as ALL_PREFIXES
from service.namespaces import graph_iri
from service.routers.api import ACTIVITY_PARAMETERS
from service.routers.api import _vocabulary as vocabulary
from service.site import NAV, STATIC, asset, query_href
from service.site import environment as environment  # routers/resources.py renders with it
from service.sparql import negotiate
from service.store import KnowledgeStore

router = APIRouter(include_in_schema=False)

HTML: Final = "text/html"
#: What a page offers: HTML, else what a machine client may be sent to instead.
PAGE_TYPES: Final[dict[str, str]] = {"text/html": HTML, "application/xhtml+xml": HTML}
JSON_TYPES: Final[dict[str, str]] = {
    "application/json": "application/json",
    "application/ld+json": "application/ld+json",
}
RDF_TYPES: Final[dict[str, str]] = {
    "text/turtle": "text/turtle",
    "application/n-triples": "application/n-triples",
    "application/rdf+xml": "application/rdf+xml",
    "application/n-quads": "application/n-quads",
    "application/trig": "application/trig",
    "application/ld+json": "application/ld+json",
}
RESULT_TYPES: Final[dict[str, str]] = {
    "application/sparql-results+json": "application/sparql-results+json",
    "application/sparql-results+xml": "application/sparql-results+xml",
    "text/csv": "text/csv",
    "text/tab-separated-values": "text/tab-separated-values",
}
#: Result formats of /sparql, as `format` names, for the download links of /query.
SELECT_DOWNLOADS: Final = (
    ("json", "SPARQL JSON", "json"),
    ("xml", "SPARQL XML", "srx"),
    ("csv", "CSV", "csv"),
    ("tsv", "TSV", "tsv"),
)
GRAPH_DOWNLOADS: Final = (
    ("turtle", "Turtle", "ttl"),
    ("nt", "N-Triples", "nt"),
    ("jsonld", "JSON-LD", "jsonld"),
    ("rdfxml", "RDF/XML", "rdf"),
    ("nq", "N-Quads", "nq"),
    ("trig", "TriG", "trig"),
)
BROWSE_FILTERS: Final = (
    "region",
    "regionalInitiative",
    "thematicPriority",
    "strategicInitiative",
    "question",
    "sdg",
    "wsis",
    "country",
    "partner",
)
#: What /api/activities takes, and the page language.
BROWSE_PARAMETERS: Final = (*ACTIVITY_PARAMETERS, "lang")
SEARCH_KINDS: Final = (
    "ThematicPriority",
    "RegionalInitiative",
    "Region",
    "StrategicInitiative",
    "StudyGroup",
    "Question",
    "Goal",
    "Target",
    "WSISActionLine",
    "Country",
    "Organization",
    "SourceIssue",
)
SEARCH_LIMIT: Final = 25


# ---------------------------------------------------------------- rendering

#: What the pages read from the store, once per data version (the served store never changes).
_HOME: Recent[str, dict[str, Any]] = Recent(4)
_MEMBERS: Recent[tuple[str, str], list[dict[str, Any]]] = Recent(4 * len(DIMENSIONS))
_OPTIONS: Recent[tuple[str, str], dict[str, list[dict[str, str]]]] = Recent(4 * len(LANGUAGES))
#: data version -> {IRI: labels and notation}, filled as pages name IRIs.
_LABELS: Recent[str, dict[str, dict[str, str]]] = Recent(4)


def language(request: Request) -> tuple[str, bool]:
    """The page language of this request and whether the request chose it (`?lang=`); worked
    out once per request."""
    chosen: tuple[str, bool] | None = getattr(request.state, "language", None)
    if chosen is None:
        chosen = choose_language(
            request.query_params, request.cookies, request.headers.get("accept-language")
        )
        request.state.language = chosen
    return chosen


def _with_lang(request: Request, lang: str) -> str:
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
    params.append(("lang", lang))
    return f"{request.url.path}?{urlencode(params)}"


def layout_context(request: Request, page: str) -> dict[str, Any]:
    """What `layout.html` needs: language, labels, navigation, language switch links."""
    lang, _ = language(request)
    store: KnowledgeStore | None = getattr(request.app.state, "store", None)
    return {
        "lang": lang,
        "t": translator(lang),
        "page": page,
        "nav": NAV,
        "switch": {code: _with_lang(request, code) for code in LANGUAGES},
        "search_query": request.query_params.get("q", "") if page == "search" else "",
        "data_version": store.data_version if store is not None else "",
        "inline_css": None,
        "asset": asset,
    }


def remember_language(request: Request, response: Response) -> Response:
    """Set the `lang` cookie when the request chose a language; mark what the page varies by."""
    lang, explicit = language(request)
    if explicit:
        response.set_cookie(
            COOKIE, lang, max_age=COOKIE_MAX_AGE, samesite="lax", httponly=True, path="/"
        )
    response.headers["Content-Language"] = "zh" if lang == "zh" else "en"
    response.headers["Vary"] = "Accept, Accept-Language, Cookie"
    return response


def render(
    request: Request, template: str, page: str, status_code: int = 200, **context: Any
) -> HTMLResponse:
    """A page of the site, in the request's language."""
    values = layout_context(request, page)
    values.update(context)
    body = environment().get_template(template).render(**values)
    response = HTMLResponse(body, status_code=status_code)
    remember_language(request, response)
    return response


def html_or_alternative(request: Request, alternatives: Mapping[str, str]) -> str:
    """The media type to answer in: `text/html`, or one of `alternatives` (type -> served);
    406 (problem+json) when the client accepts neither."""
    offered = {**PAGE_TYPES, **alternatives}
    return negotiate(offered, request.headers.get("accept"), None)


def _store(request: Request) -> KnowledgeStore:
    store: KnowledgeStore = request.app.state.store
    return store


# ---------------------------------------------------------------- labels


def labels_of(store: KnowledgeStore, iris: Iterable[str]) -> dict[str, dict[str, str]]:
    """{iri: {"en", "zh", "notation"}} for the given IRIs (those the graph names); each IRI is
    looked up once per data version, the ones not seen before in one query."""
    known = _LABELS.get(store.data_version, dict)
    wanted = set(iris)
    missing = sorted(wanted - known.keys())
    found: dict[str, dict[str, str]] = {iri: {} for iri in missing}
    for start in range(0, len(missing), 400):
        values = " ".join(f"<{iri}>" for iri in missing[start : start + 400])
        query = (
            PREFIXES
            + f"""SELECT ?e ?p ?v WHERE {{
            VALUES ?e {{ {values} }}
            {{ ?e rdfs:label ?v BIND(LANG(?v) AS ?p) }}
            UNION {{ ?e skos:notation ?v BIND("n" AS ?p) }}
        }}"""
        )
        for row in store.select(query):
            key = "notation" if row["p"] == "n" else row["p"].split("-")[0]
            found[row["e"]].setdefault(key, row["v"])
    known.update(found)
    return {iri: known[iri] for iri in wanted if known[iri]}


def entity_view(iri: str, info: Mapping[str, str], lang: str, base: str) -> dict[str, str]:
    """An entity as a page shows it: link, notation, label in `lang` and in the other language."""
    names = {k: v for k, v in info.items() if k in ("en", "zh", "")}
    other = _other(lang)
    tail = iri.rstrip("/").rsplit("/", 1)[-1]
    return {
        "iri": iri,
        "href": local_href(iri, base),
        "notation": info.get("notation", ""),
        "label": label(names, lang, info.get("notation", "") or tail),
        "other": names.get(other, ""),
        "other_lang": other,
    }


def _other(lang: str) -> str:
    """The language a page shows second."""
    return "en" if lang == "zh" else "zh"


# ---------------------------------------------------------------- home


LINK_PROPERTIES: Final = (
    "thematicPriority",
    "regionalInitiative",
    "region",
    "strategicInitiative",
    "question",
    "contributesTo",
    "supportsActionLine",
    "country",
    "partner",
    "year",
)
#: Links from activities per property: stated (any graph but `derived`) and derived.
LINKS_QUERY: Final = (
    PREFIXES
    + f"""# Links from activities, by property: stated in the report (graphs report, curation)
# and derived through the curated priority -> SDG / WSIS mapping (graph derived).
SELECT ?property (SUM(?isStated) AS ?stated) (SUM(1 - ?isStated) AS ?derived) WHERE {{
  {{ SELECT DISTINCT ?property ?activity ?object ?isStated WHERE {{
      VALUES ?property {{ {" ".join(f"baap:{p}" for p in LINK_PROPERTIES)} }}
      ?activity a baap:Activity .
      GRAPH ?graph {{ ?activity ?property ?object }}
      BIND(IF(?graph = <{graph_iri("derived")}>, 0, 1) AS ?isStated)
  }} }}
}}
GROUP BY ?property
ORDER BY DESC(?stated + ?derived)
"""
)
COUNTS_QUERY: Final = (
    PREFIXES
    + """# How many activities, source passages and source defects the graph holds.
SELECT ?activities ?passages ?issues WHERE {
  { SELECT (COUNT(DISTINCT ?a) AS ?activities) WHERE { ?a a baap:Activity } }
  { SELECT (COUNT(DISTINCT ?p) AS ?passages) WHERE { ?p a baap:SourcePassage } }
  { SELECT (COUNT(DISTINCT ?i) AS ?issues) WHERE { ?i a baap:SourceIssue } }
}
"""
)
LINKS_HREF: Final = query_href(LINKS_QUERY)
COUNTS_HREF: Final = query_href(COUNTS_QUERY)


def dimension_members(store: KnowledgeStore, dimension: str) -> list[dict[str, Any]]:
    """`reference_members` of a dimension, once per data version."""
    return _MEMBERS.get(
        (store.data_version, dimension), lambda: reference_members(store, DIMENSIONS[dimension])
    )


def home_facts(store: KnowledgeStore) -> dict[str, Any]:
    """Counts, links by kind, priorities and regions; computed once per data version."""
    return _HOME.get(store.data_version, lambda: _home_facts(store))


def _home_facts(store: KnowledgeStore) -> dict[str, Any]:
    counts = store.select(COUNTS_QUERY)[0]
    links = store.select(LINKS_QUERY)
    properties = labels_of(store, (f"{BAAP}{p}" for p in LINK_PROPERTIES))
    return {
        "activities": int(counts.get("activities", 0)),
        "passages": int(counts.get("passages", 0)),
        "issues": int(counts.get("issues", 0)),
        "triples": len(store),
        "links": [
            {
                "property": row["property"],
                "name": row["property"].rsplit("#", 1)[-1],
                "labels": properties.get(row["property"], {}),
                "stated": int(row.get("stated", 0)),
                "derived": int(row.get("derived", 0)),
            }
            for row in links
        ],
        "priorities": dimension_members(store, "thematicPriority"),
        "regions": dimension_members(store, "region"),
    }


def _service_json(request: Request) -> Response:
    base = str(request.base_url).rstrip("/")
    body = {
        "name": "baap-kg",
        "description": "The ITU-D Buenos Aires Action Plan report (TDAG-21/2/2-C) as a "
        "knowledge graph: SPARQL, JSON-LD resources and collections, audit reports.",
        "version": __version__,
        "dataVersion": _store(request).data_version,
        "links": {
            "sparql": f"{base}/sparql",
            "examples": f"{base}/sparql/examples",
            "context": f"{base}/context.jsonld",
            "activities": f"{base}/api/activities",
            "audit": f"{base}/audit",
            "validate": f"{base}/validate",
            "health": f"{base}/health",
            "openapi": f"{base}/openapi.json",
            "docs": f"{base}/docs",
            "resource": f"{base}/id/{{path}}",
        },
    }
    return Response(orjson.dumps(body), media_type="application/json", headers={"Vary": "Accept"})


@router.get("/")
def home(request: Request) -> Response:
    """HTML for browsers; JSON links for `application/json`; RDF types see the service
    description at /sparql (303)."""
    chosen = html_or_alternative(request, {"application/json": "application/json", **RDF_TYPES})
    if chosen == "application/json":
        return _service_json(request)
    if chosen != HTML:
        return RedirectResponse("/sparql", status_code=303, headers={"Vary": "Accept"})
    store = _store(request)
    lang, _ = language(request)
    facts = home_facts(store)
    base = store.base_iri

    def tile(member: dict[str, Any], filter_name: str) -> dict[str, Any]:
        names = member.get("label", {})
        view = entity_view(
            member["id"], {**names, "notation": member.get("notation", "")}, lang, base
        )
        view["count"] = member.get("activityCount", 0)
        view["browse"] = (
            f"/browse/activities?{urlencode({filter_name: member.get('notation', '')})}"
        )
        return view

    return render(
        request,
        "home.html",
        "home",
        facts=facts,
        priorities=[tile(m, "thematicPriority") for m in facts["priorities"]],
        regions=[tile(m, "region") for m in facts["regions"]],
        links=[
            {**link, "label": label(link["labels"], lang, link["name"])} for link in facts["links"]
        ],
        links_query=LINKS_HREF,
        counts_query=COUNTS_HREF,
    )


# ---------------------------------------------------------------- query


DEFAULT_QUERY: Final = (
    "".join(
        f"PREFIX {p}: <{ALL_PREFIXES[p]}>\n"
        for p in ("baap", "sdgo", "rdfs", "skos", "prov", "xsd", "dcterms")
    )
    + """
# Activities with their English title, thematic priority and years
SELECT ?activity ?title ?priority (GROUP_CONCAT(DISTINCT STR(?year); separator=", ") AS ?years)
WHERE {
  ?activity a baap:Activity ;
            rdfs:label ?title ;
            baap:thematicPriority ?priority .
  FILTER(LANG(?title) = "en")
  OPTIONAL { ?activity baap:year ?year }
}
GROUP BY ?activity ?title ?priority
ORDER BY ?activity
LIMIT 50
"""
)


@lru_cache(maxsize=1)
def _examples() -> tuple[dict[str, str], ...]:
    from service.examples import load_examples

    return tuple(
        {
            "id": e.id,
            "title": e.title,
            "audience": e.audience,
            "description": e.description,
            "form": e.query_form,
            "query": e.query,
        }
        for e in load_examples()
    )


@router.get("/query")
def query_page(request: Request) -> Response:
    """The SPARQL editor (YASGUI's Yasqe and Yasr), with the query of `?query=` or the example
    of `?example=`; clients that want results rather than a page are sent to /sparql."""
    text = request.query_params.get("query")
    example_id = request.query_params.get("example", "")
    examples = _examples()
    example = next((e for e in examples if e["id"] == example_id), None)
    if example_id and example is None:
        raise NotFoundError(f"no example {example_id!r}; see /sparql/examples for the ids")
    if text is None and example is not None:
        text = example["query"]
    chosen = html_or_alternative(request, {**RESULT_TYPES, **RDF_TYPES} if text else {})
    if chosen != HTML:
        assert text is not None  # noqa: S101 - alternatives are offered only with a query
        return RedirectResponse(
            f"/sparql?query={quote(text, safe='')}", status_code=303, headers={"Vary": "Accept"}
        )
    query = text or DEFAULT_QUERY
    downloads = (
        GRAPH_DOWNLOADS if _query_form(query) in ("CONSTRUCT", "DESCRIBE") else SELECT_DOWNLOADS
    )
    lang, _ = language(request)
    t = translator(lang)
    config = {
        "endpoint": "/sparql",
        "prefixes": ALL_PREFIXES,
        "base": _store(request).base_iri,
        "autorun": bool(text),
        "selectDownloads": [list(d) for d in SELECT_DOWNLOADS],
        "graphDownloads": [list(d) for d in GRAPH_DOWNLOADS],
        "lang": lang,
        "messages": {"rows": t("query.rows", count="{count}"), "copied": t("query.copied")},
    }
    return render(
        request,
        "query.html",
        "query",
        query=query,
        examples=examples,
        example=example,
        downloads=[
            {
                "label": name,
                "href": f"/sparql?query={quote(query, safe='')}&format={fmt}",
                "file": f"results.{ext}",
            }
            for fmt, name, ext in downloads
        ],
        config=orjson.dumps(config).decode(),
    )


def _query_form(text: str) -> str:
    from service.examples import query_form

    try:
        return query_form(text)
    except ValueError:
        return "SELECT"


@router.get("/query/prefixes.json")
def query_prefixes() -> Response:
    """The prefixes the editor completes (Yasqe's `prefixCcApi` format), served from here."""
    return Response(
        orjson.dumps(ALL_PREFIXES),
        media_type="application/json",
        headers={"Cache-Control": "public, max-age=3600"},
    )


# ---------------------------------------------------------------- browse


def _filter_options(store: KnowledgeStore, lang: str) -> dict[str, list[dict[str, str]]]:
    """The choices of each filter control: notation (the API's value) and label, with counts;
    once per data version and language."""
    return _OPTIONS.get((store.data_version, lang), lambda: _options(store, lang))


def _options(store: KnowledgeStore, lang: str) -> dict[str, list[dict[str, str]]]:
    def choices(dimension: str, sort_by_label: bool = False) -> list[dict[str, str]]:
        out = []
        for member in dimension_members(store, dimension):
            count = member.get("activityCount", 0)
            if dimension in ("country", "partner", "sdgTarget") and not count:
                continue
            notation = member.get("notation") or member["id"].rsplit("/", 1)[-1]
            name = label(member.get("label", {}), lang, notation)
            text = name if sort_by_label or name.startswith(notation) else f"{notation} · {name}"
            out.append({"value": notation, "text": f"{text} ({count})"})
        if sort_by_label:
            out.sort(key=lambda o: o["text"].lower())
        return out

    options = {
        name: choices(name)
        for name in (
            "region",
            "regionalInitiative",
            "thematicPriority",
            "strategicInitiative",
            "question",
            "wsis",
        )
    }
    options["country"] = choices("country", sort_by_label=True)
    options["partner"] = choices("partner", sort_by_label=True)
    targets = choices("sdgTarget")
    options["sdg"] = []
    for goal in choices("sdgGoal"):
        options["sdg"].append(goal)
        prefix = goal["value"] + "."
        options["sdg"].extend(
            {"value": t["value"], "text": "\u2003" + t["text"]}
            for t in targets
            if t["value"].startswith(prefix)
        )
    years = store.select(
        PREFIXES + "SELECT DISTINCT ?y WHERE { ?a a baap:Activity ; baap:year ?y } ORDER BY ?y"
    )
    options["year"] = [{"value": r["y"], "text": r["y"]} for r in years]
    return options


@router.get("/browse/activities")
def browse(request: Request) -> Response:
    """Activities filtered and paged exactly as `/api/activities` does, as a page with a form;
    JSON clients are sent to the collection itself (303)."""
    given = [(k, v) for k, v in request.query_params.multi_items() if v.strip() != ""]
    api_params = [(k, v) for k, v in given if k != "lang"]
    chosen = html_or_alternative(request, JSON_TYPES)
    if chosen != HTML:
        target = "/api/activities" + (f"?{urlencode(api_params)}" if api_params else "")
        return RedirectResponse(target, status_code=303, headers={"Vary": "Accept"})
    store = _store(request)
    lang, _ = language(request)
    t = translator(lang)
    error = None
    total, items, paging = 0, [], Page(1, 50)
    try:
        params = check_parameters(given, BROWSE_PARAMETERS)
        params.pop("lang", None)
        filters = parse_activity_filters(params, vocabulary(request))
        paging = Page.from_params(params)
        matches = matching_activities(store, filters, params.get("sort") or "id")
        total = len(matches)
        items = _activity_items(store, activity_members(store, paging.slice(matches)), lang)
    except RequestError as problem:
        error = problem.message
        params = {k: v for k, v in given if k in BROWSE_PARAMETERS and k != "lang"}
    last = paging.last(total)

    def page_href(number: int) -> str:
        query = [(k, v) for k, v in api_params if k != "page"]
        if number > 1:
            query.append(("page", str(number)))
        return "/browse/activities" + (f"?{urlencode(query)}" if query else "")

    pages = {
        "number": paging.number,
        "last": last,
        "first": page_href(1) if paging.number > 1 else None,
        "previous": page_href(min(paging.number - 1, last)) if paging.number > 1 else None,
        "next": page_href(paging.number + 1) if paging.number < last else None,
        "lastHref": page_href(last) if paging.number < last else None,
    }
    first_shown = (paging.number - 1) * paging.size + 1 if items else 0
    api_href = "/api/activities" + (f"?{urlencode(api_params)}" if api_params else "")
    return render(
        request,
        "browse.html",
        "browse",
        status_code=400 if error else 200,
        error=error and t("browse.error", detail=error),
        params=params,
        options=_filter_options(store, lang),
        filters=BROWSE_FILTERS,
        total=total,
        items=items,
        pages=pages,
        first_shown=first_shown,
        last_shown=first_shown + len(items) - 1 if items else 0,
        per_page_choices=(20, 50, 100, MAX_PER_PAGE),
        per_page=paging.size,
        api_href=api_href,
    )


def _activity_items(
    store: KnowledgeStore, members: list[dict[str, Any]], lang: str
) -> list[dict[str, Any]]:
    """Activities as the browse and search pages list them, with named links."""
    base = store.base_iri
    linked = {
        iri
        for m in members
        for name in ("thematicPriority", "regionalInitiative", "region", "country")
        for iri in m.get(name, [])
    }
    info = labels_of(store, linked)
    other = _other(lang)

    def chips(member: dict[str, Any], name: str) -> list[dict[str, str]]:
        return [entity_view(i, info.get(i, {}), lang, base) for i in member.get(name, [])]

    items = []
    for member in members:
        names = member.get("label", {})
        slug = member["id"].rsplit("/", 1)[-1]
        items.append(
            {
                "iri": member["id"],
                "href": local_href(member["id"], base),
                "id": slug,
                "title": label(names, lang, slug),
                "other": names.get(other, ""),
                "other_lang": other,
                "priority": chips(member, "thematicPriority"),
                "initiatives": chips(member, "regionalInitiative"),
                "regions": chips(member, "region"),
                "countries": chips(member, "country"),
                "years": member.get("year", []),
            }
        )
    return items


# ---------------------------------------------------------------- search


def search_entities(store: KnowledgeStore, text: str) -> list[dict[str, str]]:
    """Reference entities and source issues whose label, notation or comment contains `text`."""
    kinds = " ".join(f"sdgo:{k}" if k in ("Goal", "Target") else f"baap:{k}" for k in SEARCH_KINDS)
    query = (
        PREFIXES
        + f"""SELECT ?e ?kind (SAMPLE(?n) AS ?notation) (MAX(?exact) AS ?best) WHERE {{
        VALUES ?needle {{ {sparql_string(text.lower())} }}
        VALUES ?kind {{ {kinds} }}
        ?e a ?kind .
        {{ ?e rdfs:label ?hay }} UNION {{ ?e skos:notation ?hay }}
        UNION {{ ?e rdfs:comment ?hay }} UNION {{ ?e baap:issueType ?hay }}
        FILTER(CONTAINS(LCASE(STR(?hay)), ?needle))
        BIND(IF(LCASE(STR(?hay)) = ?needle, 1, 0) AS ?exact)
        OPTIONAL {{ ?e skos:notation ?n }}
    }} GROUP BY ?e ?kind"""
    )
    return store.select(query)


@router.get("/search")
def search(request: Request) -> Response:
    """Activities and entities whose names contain the words, grouped by kind."""
    html_or_alternative(request, {})
    text = request.query_params.get("q", "").strip()[:200]
    store = _store(request)
    lang, _ = language(request)
    base = store.base_iri
    groups: list[dict[str, Any]] = []
    activity_total = 0
    if text:
        found = search_entities(store, text)
        info = labels_of(store, (row["e"] for row in found))
        by_kind: dict[str, list[dict[str, Any]]] = {}
        for row in found:
            kind = row["kind"].rsplit("#", 1)[-1]
            view = entity_view(row["e"], info.get(row["e"], {}), lang, base)
            view["best"] = row.get("best", "0")
            by_kind.setdefault(kind, []).append(view)
        filters = parse_activity_filters({"q": text}, vocabulary(request))
        matches = matching_activities(store, filters, "id")
        activity_total = len(matches)
        if matches:
            groups.append(
                {
                    "kind": "Activity",
                    "count": activity_total,
                    "items": _activity_items(
                        store, activity_members(store, matches[:SEARCH_LIMIT]), lang
                    ),
                    "more": f"/browse/activities?{urlencode({'q': text})}",
                }
            )
        for kind in SEARCH_KINDS:
            entries = by_kind.get(kind, [])
            if not entries:
                continue
            entries.sort(key=lambda v: (v["best"] != "1", len(v["label"]), v["label"]))
            groups.append(
                {"kind": kind, "count": len(entries), "items": entries[:SEARCH_LIMIT], "more": None}
            )
    return render(request, "search.html", "search", q=text, groups=groups)


# ---------------------------------------------------------------- report text


@lru_cache(maxsize=2)
def _report_lines(source_dir: Path) -> tuple[str, ...]:
    from service.extract.source import REPORT_FILE

    file = source_dir / REPORT_FILE
    if not file.is_file():
        return ()
    return tuple(file.read_text(encoding="utf-8").split("\n"))


@router.get("/report")
def report(request: Request) -> Response:
    """The report's text, one numbered line each (the numbers passages and defects cite);
    `start`/`end` mark a passage, `#L<n>` jumps to a line."""
    html_or_alternative(request, {})
    lines = _report_lines(request.app.state.settings.source_dir)
    if not lines:
        raise NotFoundError("this server has no report text (it serves other data)")
    try:
        start = int(request.query_params.get("start", "0"))
        end = int(request.query_params.get("end", str(start)))
    except ValueError:
        raise RequestError("start and end are line numbers") from None
    return render(
        request,
        "report.html",
        "report",
        lines=lines,
        start=start,
        end=max(start, end),
    )


# ---------------------------------------------------------------- audit page and icon


@router.get("/audit.html")
async def audit_page(request: Request) -> Response:
    """The audit in the site layout, in the request's language. JSON and CSV clients are sent
    to /audit and /audit.csv (303)."""
    from service.audit_report import render_html
    from service.routers.audit import _headers, _rendered

    chosen = html_or_alternative(
        request, {"application/json": "application/json", "text/csv": "text/csv"}
    )
    if chosen != HTML:
        target = "/audit" if chosen == "application/json" else "/audit.csv"
        return RedirectResponse(target, status_code=303, headers={"Vary": "Accept"})
    settings = request.app.state.settings
    store = _store(request)
    context = layout_context(request, "audit")
    context["switch"] = {code: f"/audit.html?lang={code}" for code in LANGUAGES}
    lang = context["lang"]
    audit, body = await _rendered(
        request,
        store,
        f"html-{lang}",
        lambda a: render_html(a, settings.base_iri, context).encode("utf-8"),
    )
    response = HTMLResponse(body, headers=_headers(audit))
    response.headers["ETag"] = f'"{audit.data_version}-{lang}"'
    return remember_language(request, response)


@router.get("/favicon.ico")
def favicon() -> Response:
    """Browsers ask for it; the site icon is an SVG."""
    return Response(
        (STATIC / "baap" / "icon.svg").read_bytes(),
        media_type="image/svg+xml",
        headers={"Cache-Control": "public, max-age=86400"},
    )
