"""`/suggest` in the site: paste a text, see the suggestions with their evidence marked.

Rendered on the server from `GET /suggest?text=` (readable without JavaScript); `suggest.js`
only lights up the words behind a suggestion when it is pointed at or focused.
"""

from __future__ import annotations

from typing import Any, Final

from fastapi.responses import Response
from starlette.requests import Request

from service.i18n import label
from service.negotiation import PAGE_TYPES
from service.suggest.request import model_of
from service.suggest.suggester import KINDS, suggest
from service.web.layout import choose, language, render

#: The page reads at most this much of the text (the URL carries it).
MAX_TEXT: Final = 4000


def segments(text: str, answer: dict[str, Any]) -> list[dict[str, Any]]:
    """The text cut where evidence starts or ends; each piece with the suggestions it backs."""
    cuts = {0, len(text)}
    backs: list[tuple[int, int, str]] = []
    for kind, items in answer["suggestions"].items():
        for index, item in enumerate(items):
            for quote in item["evidence"]:
                cuts |= {quote["start"], quote["end"]}
                backs.append((quote["start"], quote["end"], f"{kind}-{index}"))
    ordered = sorted(cuts)
    pieces = []
    for start, end in zip(ordered, ordered[1:], strict=False):
        ids = [i for s, e, i in backs if s <= start and end <= e]
        pieces.append({"text": text[start:end], "ids": " ".join(ids)})
    return pieces


def page(request: Request) -> Response:
    """The form, and with `?text=` the suggestions."""
    choose(request, PAGE_TYPES)
    lang, _ = language(request)
    text = request.query_params.get("text", "")[:MAX_TEXT]
    everything = request.query_params.get("all") in ("1", "true", "on")
    answer = None
    groups: list[dict[str, Any]] = []
    pieces: list[dict[str, Any]] = []
    if text.strip():
        settings = request.app.state.settings
        answer = suggest(model_of(request, settings.generated_dir), text, None, everything)
        pieces = segments(text, answer)
        for kind in KINDS:
            items = [
                {**item, "id": f"{kind}-{index}", "shown": label(item["label"], lang)}
                for index, item in enumerate(answer["suggestions"][kind])
            ]
            groups.append({"kind": kind, "items": items})
    return render(request, "suggest.html", "suggest", text=text, everything=everything,
                  answer=answer, groups=groups, pieces=pieces, text_lang=answer["lang"] if answer
                  else lang)  # fmt: skip
