"""Read a SPARQL request's text before it runs: which form it is and what it must not do.

The engine cannot be told "no SERVICE": Oxigraph would open the connection while evaluating. So
the text is tokenised here (strings, IRIs, comments, variables and prefixed names kept whole, so
`ex:service`, `?load` or `"SERVICE"` are not keywords) and refused before any worker sees it.
Codepoint escapes (`\\u0053ERVICE`) are decoded first, as SPARQL 1.1 section 19.2 says a parser
may, so they cannot smuggle a keyword past the check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from service.errors import ForbiddenQueryError, QuerySyntaxError, UpdateNotAllowedError

QUERY_FORMS: Final = frozenset({"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"})
UPDATE_KEYWORDS: Final = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
)
#: Keywords that make the engine reach the network.
OUTBOUND_KEYWORDS: Final = frozenset({"SERVICE", "LOAD"})
MAX_NESTING: Final = 256

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_TOKEN = re.compile(
    r"""
      (?P<ws>\s+)
    | (?P<comment>\#[^\n\r]*)
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
                 |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
    | (?P<var>[?$][\w\u00B7\u0300-\u036F\u203F-\u2040]+)
    | (?P<bnode>_:[\w.\-\u00B7]*)
    | (?P<pname>(?:[^\W\d_][\w.\-\u00B7]*)?:(?:[\w:%\-\u00B7]|\\[^\s]|\.(?=[\w:%\-]))*)
    | (?P<word>[^\W\d][\w]*)
    | (?P<number>[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?))
    | (?P<open>[{(\[])
    | (?P<close>[})\]])
    | (?P<punct>\^\^|\|\||&&|!=|<=|>=|[.,;*=<>!+\-/^|@])
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class QueryText:
    """What the server needs to know about a request's text before running it."""

    text: str
    form: str  # SELECT, ASK, CONSTRUCT, DESCRIBE, or UNKNOWN (left to the engine's parser)
    has_dataset_clause: bool  # FROM or FROM NAMED: the query names its own dataset


def decode_escapes(text: str) -> str:
    """Replace `\\uXXXX` and `\\UXXXXXXXX` codepoint escapes by their characters."""

    def char(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else match.group(0)

    return _ESCAPE.sub(char, text)


def keywords(text: str) -> list[str]:
    """The bare keywords of `text`, upper-cased, in order (strings, IRIs, names skipped)."""
    found: list[str] = []
    depth = 0
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            # An unknown character: the engine will report the syntax error precisely.
            position += 1
            continue
        kind = match.lastgroup
        if kind == "word":
            found.append(match.group().upper())
        elif kind == "open":
            depth += 1
            if depth > MAX_NESTING:
                raise QuerySyntaxError(
                    f"the query nests brackets more than {MAX_NESTING} levels deep; "
                    "flatten it or split it into several queries"
                )
        elif kind == "close":
            depth = max(0, depth - 1)
        position = match.end()
    return found


def _first_form(words: list[str]) -> str | None:
    """The first keyword that decides query versus update (after BASE/PREFIX)."""
    for word in words:
        if word in QUERY_FORMS or word in UPDATE_KEYWORDS:
            return word
    return None


def inspect_query(text: str) -> QueryText:
    """Classify a query; refuse updates and anything that would open a connection."""
    words = keywords(decode_escapes(text))
    outbound = sorted(OUTBOUND_KEYWORDS.intersection(words))
    if outbound:
        raise ForbiddenQueryError(
            f"{' and '.join(outbound)} {'is' if len(outbound) == 1 else 'are'} not allowed: "
            "this endpoint never fetches remote data. Query the data it holds, or load your "
            "own files with `baap-kg serve --data FILE`."
        )
    # No form keyword: the engine's parser will say precisely where the query goes wrong.
    form = _first_form(words) or "UNKNOWN"
    if form in UPDATE_KEYWORDS:
        raise UpdateNotAllowedError(
            f"this is a SPARQL update ({form}); writes are not enabled on this endpoint, "
            "which serves a read-only dataset"
        )
    return QueryText(text=text, form=form, has_dataset_clause="FROM" in words)


def inspect_update(text: str) -> None:
    """Updates are refused; LOAD (outbound) with 400, everything else with 403."""
    words = keywords(decode_escapes(text))
    if OUTBOUND_KEYWORDS.intersection(words):
        inspect_query(text)  # raises ForbiddenQueryError with the full message
    raise UpdateNotAllowedError(
        "SPARQL updates are not enabled on this endpoint, which serves a read-only dataset"
    )
