"""What every page of the site shares, served (`service.routers.ui`) or written as a file (the
CLI's `audit --format html`, `service.audit_report`): the templates, the navigation, versioned
static URLs and links into the /query editor. Nothing here needs the web framework.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Final
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from service import __version__

HERE: Final = Path(__file__).resolve().parent
TEMPLATES: Final = HERE / "templates"
STATIC: Final = HERE / "static"
NAV: Final = (
    {"id": "home", "href": "/", "label": "nav.home"},
    {"id": "query", "href": "/query", "label": "nav.query"},
    {"id": "browse", "href": "/browse/activities", "label": "nav.browse"},
    {"id": "audit", "href": "/audit.html", "label": "nav.audit"},
    {"id": "suggest", "href": "/suggest", "label": "nav.suggest"},
    {"id": "docs", "href": "/docs", "label": "nav.docs"},
    {"id": "search", "href": "/search", "label": "nav.search"},
)


def asset(path: str) -> str:
    """The URL of a static file, versioned by its content so browsers may cache it for long."""
    return f"/static/{path}?v={_digest(path)}"


@lru_cache(maxsize=64)
def _digest(path: str) -> str:
    file = STATIC / path
    data = file.read_bytes() if file.is_file() else __version__.encode()
    return hashlib.sha256(data).hexdigest()[:12]


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The Jinja environment of every page (autoescaped; `asset` available to templates)."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["asset"] = asset
    env.filters["code_spans"] = code_spans
    return env


def code_spans(text: str) -> Markup:
    """`text` escaped, with each `backquoted` part as <code> (identifiers inside prose)."""
    parts = str(text).split("`")
    return Markup("").join(
        Markup("<code>{}</code>").format(part) if index % 2 else escape(part)
        for index, part in enumerate(parts)
    )


def query_href(query: str) -> str:
    """The /query page with `query` in the editor (shareable)."""
    return "/query?query=" + quote(query, safe="")
