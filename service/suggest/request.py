"""Reading a `/suggest` request body (serving side): JSON `{"text", "lang"?}` or text/plain,
UTF-8, not empty. Every refusal is a RequestError (400) or UnsupportedMediaTypeError (415)."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Final

from starlette.requests import Request

from service.errors import RequestError, UnsupportedMediaTypeError
from service.suggest.model import MODEL_FILE, SuggestModel

LANGUAGES: Final = ("zh", "en")
ACCEPTED: Final = ("application/json", "text/plain")
_LOCK = threading.Lock()


def media_type(header: str | None) -> str:
    """The body's media type without parameters; a type /suggest does not read is a 415."""
    kind = (header or "").split(";", 1)[0].strip().lower()
    if kind not in ACCEPTED:
        raise UnsupportedMediaTypeError(
            f'send the text as application/json {{"text": ...}} or as text/plain, not '
            f"{kind or 'a body without Content-Type'}"
        )
    return kind


def parse(body: bytes, kind: str) -> tuple[str, str | None]:
    """(text, lang) from the body."""
    try:
        decoded = body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise RequestError(f"the body is not UTF-8 (byte {error.start}); send UTF-8 text") from None
    lang: str | None = None
    if kind == "application/json":
        try:
            document = json.loads(decoded)
        except ValueError as error:
            raise RequestError(f"the body is not JSON: {error}") from None
        if not isinstance(document, dict) or not isinstance(document.get("text"), str):
            raise RequestError('send a JSON object with a string member "text"')
        lang = document.get("lang")
        if "lang" in document and lang not in LANGUAGES:  # null is no language either
            shown = json.dumps(lang, ensure_ascii=False)[:40]
            raise RequestError(f'"lang" must be "zh" or "en" (or left out), not {shown}')
        decoded = document["text"]
    if not decoded.strip():
        raise RequestError("the text is empty; send the activity's text")
    if "\x00" in decoded:
        raise RequestError("the text holds a NUL character; send plain text")
    return decoded, lang


def model_of(request: Request, generated_dir: Path) -> SuggestModel:
    """The model of this app, read on first use and kept on `app.state`."""
    model: SuggestModel | None = getattr(request.app.state, "suggest_model", None)
    if model is None:
        with _LOCK:
            model = getattr(request.app.state, "suggest_model", None)
            if model is None:
                model = SuggestModel.load(generated_dir / MODEL_FILE)
                request.app.state.suggest_model = model
    return model
