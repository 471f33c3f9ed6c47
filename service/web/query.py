"""The SPARQL editor `/query` (YASGUI's Yasqe and Yasr on this server's /sparql) and the
prefixes its completion reads."""

from __future__ import annotations

from typing import Any, Final
from urllib.parse import quote

import orjson
from fastapi.responses import RedirectResponse, Response
from starlette.requests import Request

from service.errors import NotFoundError
from service.i18n import translate, translator
from service.messages.examples import EXAMPLES_ZH
from service.messages.yasgui import table_language, yasgui_text
from service.namespaces import PREFIXES as ALL_PREFIXES
from service.negotiation import GRAPH_TYPES, HTML, RESULTS_TYPES, Format, page_or
from service.views import Views
from service.web.layout import choose, language, render, views_of

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
#: With a query: results or RDF for clients that ask for them (sent to /sparql).
WITH_QUERY: Final = page_or(*RESULTS_TYPES.offered, *GRAPH_TYPES.offered)
PAGE_ONLY: Final = page_or()


def downloads(formats: list[Format]) -> list[list[str]]:
    """(format name, label, file extension) of each download link."""
    return [[f.name, f.label, f.extension] for f in formats]


def examples(views: Views) -> tuple[dict[str, str], ...]:
    """The example queries with their Chinese titles and descriptions, read once."""
    from service.examples import load_examples

    def read() -> tuple[dict[str, str], ...]:
        found = []
        for e in load_examples():
            title_zh, description_zh = EXAMPLES_ZH.get(e.id, (e.title, e.description))
            found.append(
                {
                    "id": e.id,
                    "title": e.title,
                    "title_zh": title_zh,
                    "audience": e.audience,
                    "description": e.description,
                    "description_zh": description_zh,
                    "form": e.query_form,
                    "query": e.query,
                }
            )
        return tuple(found)

    return views.memo("examples", read)


def in_language(example: dict[str, str], lang: str) -> dict[str, str]:
    """An example with its title and description in `lang`."""
    if lang != "zh":
        return example
    return {**example, "title": example["title_zh"], "description": example["description_zh"]}


def editor_messages(lang: str) -> dict[str, str]:
    """What the editor's script says, in `lang` (`{name}` placeholders kept for the script)."""
    t = translator(lang)
    return {
        **{key: t(f"query.{key}") for key in ("copied", "error", "pageSize", "option")},
        "rows": t("query.rows", count="{count}"),
        "errorAt": translate(lang, "query.errorAt", line="{line}", column="{column}"),
        "resultCount": t("query.resultCount", count="{count}"),
        "seconds": t("query.seconds", seconds="{seconds}"),
    }


def _query_form(text: str) -> str:
    from service.examples import query_form

    try:
        return query_form(text)
    except ValueError:
        return "SELECT"


def page(request: Request) -> Response:
    """The editor with the query of `?query=` or the example of `?example=`; clients that want
    results rather than a page are sent to /sparql."""
    text = request.query_params.get("query")
    example_id = request.query_params.get("example", "")
    views = views_of(request)
    lang, _ = language(request)
    known = [in_language(e, lang) for e in examples(views)]
    example = next((e for e in known if e["id"] == example_id), None)
    if example_id and example is None:
        raise NotFoundError(f"no example {example_id!r}; see /sparql/examples for the ids")
    if text is None and example is not None:
        text = example["query"]
    chosen = choose(request, WITH_QUERY if text else PAGE_ONLY)
    if chosen != HTML:
        assert text is not None  # noqa: S101 - alternatives are offered only with a query
        return RedirectResponse(
            f"/sparql?query={quote(text, safe='')}", status_code=303, headers={"Vary": "Accept"}
        )
    query = text or DEFAULT_QUERY
    select_downloads = downloads(RESULTS_TYPES.formats())
    graph_downloads = downloads(GRAPH_TYPES.formats())
    graph_form = _query_form(query) in ("CONSTRUCT", "DESCRIBE")
    config: dict[str, Any] = {
        "endpoint": "/sparql",
        "prefixes": ALL_PREFIXES,
        "base": views.store.base_iri,
        "autorun": bool(text),
        "selectDownloads": select_downloads,
        "graphDownloads": graph_downloads,
        "lang": lang,
        "messages": editor_messages(lang),
        "tableLanguage": table_language(lang),
        "yasrText": yasgui_text(lang),
    }
    return render(
        request,
        "query.html",
        "query",
        query=query,
        examples=known,
        example=example,
        downloads=[
            {
                "label": name,
                "href": f"/sparql?query={quote(query, safe='')}&format={fmt}",
                "file": f"results.{ext}",
            }
            for fmt, name, ext in (graph_downloads if graph_form else select_downloads)
        ],
        config=orjson.dumps(config).decode(),
    )


def prefixes() -> Response:
    """The prefixes the editor completes (Yasqe's `prefixCcApi` format), served from here."""
    return Response(
        orjson.dumps(ALL_PREFIXES),
        media_type="application/json",
        headers={"Cache-Control": "public, max-age=3600"},
    )
