"""English and Chinese labels of the HTML pages, and the choice of language per request.

The language of a page is, in order: the `lang` query parameter (`en` or `zh`; the page then sets
the `lang` cookie so the choice sticks), the `lang` cookie, the best match of `Accept-Language`,
English. Labels of entities never come from here: they are the graph's `rdfs:label` @en/@zh.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Final

from service.messages import PARTS

LANGUAGES: Final = ("en", "zh")
DEFAULT_LANGUAGE: Final = "en"
COOKIE: Final = "lang"
#: One year: the choice is a preference, not a session.
COOKIE_MAX_AGE: Final = 365 * 24 * 3600

#: message id -> (English, Chinese), from `service.messages`; `{name}` placeholders are filled
#: by `format`.
MESSAGES: Final[dict[str, tuple[str, str]]] = {}
for _part in PARTS:
    _twice = MESSAGES.keys() & _part.keys()
    if _twice:
        raise ValueError(f"message ids defined twice: {', '.join(sorted(_twice))}")
    MESSAGES.update(_part)


def translate(lang: str, key: str, **values: object) -> str:
    """The message `key` in `lang`, with `{name}` placeholders filled from `values`."""
    english, chinese = MESSAGES[key]
    text = chinese if lang == "zh" else english
    return text.format(**values) if values else text


def translator(lang: str) -> Callable[..., str]:
    """`t(key, **values)` for templates, bound to `lang`."""

    def t(key: str, **values: object) -> str:
        return translate(lang, key, **values)

    return t


def from_accept_language(header: str | None) -> str | None:
    """The first of LANGUAGES that `Accept-Language` prefers (by q-value), or None."""
    if not header:
        return None
    ranked: list[tuple[float, int, str]] = []
    for index, part in enumerate(header.split(",")):
        pieces = part.strip().split(";")
        tag = pieces[0].strip().lower()
        quality = 1.0
        for parameter in pieces[1:]:
            name, _, value = parameter.strip().partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        primary = tag.split("-")[0]
        if quality > 0 and primary in LANGUAGES:
            ranked.append((-quality, index, primary))
    return min(ranked)[2] if ranked else None


def choose_language(
    query: Mapping[str, str], cookies: Mapping[str, str], accept_language: str | None
) -> tuple[str, bool]:
    """The page language and whether it was chosen explicitly (then it should be remembered)."""
    asked = query.get("lang", "").lower()
    if asked in LANGUAGES:
        return asked, True
    remembered = cookies.get(COOKIE, "").lower()
    if remembered in LANGUAGES:
        return remembered, False
    return from_accept_language(accept_language) or DEFAULT_LANGUAGE, False


def label(labels: Mapping[str, str], lang: str, fallback: str = "") -> str:
    """The label in `lang`, else the English one, else any, else `fallback`."""
    return (
        labels.get(lang)
        or labels.get(DEFAULT_LANGUAGE)
        or labels.get("")
        or next(iter(labels.values()), "")
        or fallback
    )


def label_language(labels: Mapping[str, str], lang: str) -> str:
    """The language of what `label(labels, lang)` shows: `lang`, or the one it fell back to
    (`en`; "" when unknown), so a page can mark text that is not in its own language."""
    if labels.get(lang):
        return lang
    if labels.get(DEFAULT_LANGUAGE):
        return DEFAULT_LANGUAGE
    return ""
