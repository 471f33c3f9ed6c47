"""Read a SPARQL request's text before it runs: which form it is and what it must not do.

The engine cannot be told "no SERVICE": Oxigraph would open the connection while evaluating. So
the text is tokenised here (strings, IRIs, comments, variables and prefixed names kept whole, so
`ex:service`, `?load` or `"SERVICE"` are not keywords) and refused before any worker sees it.
Codepoint escapes (`\\u0053ERVICE`) are decoded first, as SPARQL 1.1 section 19.2 says a parser
may, so they cannot smuggle a keyword past the check.

Oxigraph's parser matches keywords without a word boundary: `SERVICEex:a {}` is `SERVICE ex:a {}`
and `CONSTRUCTWHERE {}` is `CONSTRUCT WHERE {}`. A bare word or a prefix that starts with a keyword
is therefore read as that keyword where the grammar would read it so.

The scanner runs in linear time: a string that does not close, or a run of name characters that
is not a prefix, is remembered, so text built to make every position rescan the rest (such as
`"\\"\\"\\"…` or `a.a.a.…`) costs no more than any other text of its length.
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
#: Keywords the parser also finds at the start of a longer word (`CONSTRUCTWHERE`, `FROMNAMED`).
_GLUED_KEYWORDS: Final = ("SERVICE", "FROM", *sorted(QUERY_FORMS), *sorted(UPDATE_KEYWORDS))
MAX_NESTING: Final = 256

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_WS = re.compile(r"\s++")
_COMMENT = re.compile(r"#[^\n\r]*+")
_IRI = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*+>")
#: String bodies without their closing quotes; the caller checks that the quotes follow.
_LONG_BODY: Final = {
    '"': re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*+'),
    "'": re.compile(r"'''(?:[^'\\]|\\.|'(?!''))*+"),
}
_SHORT_BODY: Final = {
    '"': re.compile(r'"(?:[^"\\\n\r]|\\.)*+'),
    "'": re.compile(r"'(?:[^'\\\n\r]|\\.)*+"),
}
_LANGTAG = re.compile(r"@[A-Za-z]++(?:-[A-Za-z0-9]*+)*+")
_VAR = re.compile(r"[?$][\w\u00B7\u0300-\u036F\u203F-\u2040]++")
_BNODE = re.compile(r"_:[\w.\-\u00B7]*+")
_PREFIX = re.compile(r"[^\W\d_][\w.\-\u00B7]*+")
_LOCAL = re.compile(r"(?:[\w:%\-\u00B7]|\\[^\s]|\.(?=[\w:%\-]))*+")
_WORD = re.compile(r"[^\W\d]\w*+")
_NUMBER = re.compile(r"[+-]?(?:\d++\.?\d*+(?:[eE][+-]?\d++)?|\.\d++(?:[eE][+-]?\d++)?)")
_PUNCT = re.compile(r"\^\^|\|\||&&|!=|<=|>=|[.,;*=<>!+\-/^|@]")


@dataclass(frozen=True)
class Token:
    """One significant token: its kind, its text, and how deep it stands in brackets / `{`."""

    kind: str  # word, pname, iri, string, langtag, var, bnode, number, open, close, punct
    text: str
    depth: int  # brackets of any kind around the token (an open/close: around its pair)
    braces: int  # `{` around the token


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


class _Scanner:
    """Splits text into significant tokens in one left-to-right pass (see the module doc)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens: list[Token] = []
        self._depth = 0
        self._braces = 0
        #: (long?, quote) -> a position before which no string of that kind can close.
        self._no_string: dict[tuple[bool, str], int] = {}
        #: A position before which a run of name characters cannot end in `:`.
        self._no_prefix = -1

    def run(self) -> list[Token]:
        """Scan the whole text."""
        position = 0
        while position < len(self.text):
            position = self._step(position)
        return self.tokens

    def _add(self, kind: str, start: int, end: int) -> int:
        self.tokens.append(Token(kind, self.text[start:end], self._depth, self._braces))
        return end

    def _step(self, position: int) -> int:
        text, char = self.text, self.text[position]
        for pattern in (_WS, _COMMENT):
            match = pattern.match(text, position)
            if match:
                return match.end()
        if char in "\"'":
            return self._string(position, char)
        if char == "@" and self.tokens and self.tokens[-1].kind == "string":
            match = _LANGTAG.match(text, position)
            if match:
                return self._add("langtag", position, match.end())
        if char in "{([":
            return self._open(position, char)
        if char in "})]":
            self._depth = max(0, self._depth - 1)
            if char == "}":
                self._braces = max(0, self._braces - 1)
            return self._add("close", position, position + 1)
        for kind, pattern in (("iri", _IRI), ("var", _VAR), ("bnode", _BNODE)):
            match = pattern.match(text, position)
            if match:
                return self._add(kind, position, match.end())
        end = self._name(position)
        if end:
            return end
        for kind, pattern in (("number", _NUMBER), ("punct", _PUNCT)):
            match = pattern.match(text, position)
            if match:
                return self._add(kind, position, match.end())
        # An unknown character: the engine will report the syntax error precisely.
        return position + 1

    def _open(self, position: int, char: str) -> int:
        if self._depth >= MAX_NESTING:
            raise QuerySyntaxError(
                f"the query nests brackets more than {MAX_NESTING} levels deep; "
                "flatten it or split it into several queries"
            )
        end = self._add("open", position, position + 1)
        self._depth += 1
        if char == "{":
            self._braces += 1
        return end

    def _string(self, position: int, quote: str) -> int:
        """A string token; or, where no string closes, one skipped character."""
        for long in (True, False):
            if long and not self.text.startswith(quote * 3, position):
                continue
            if position < self._no_string.get((long, quote), -1):
                # An earlier string of this kind ran over this quote (as an escape) and did
                # not close: one starting here reads the same characters and cannot either.
                continue
            body = (_LONG_BODY if long else _SHORT_BODY)[quote].match(self.text, position)
            assert body is not None
            closing = quote * 3 if long else quote
            if self.text.startswith(closing, body.end()):
                return self._add("string", position, body.end() + len(closing))
            self._no_string[(long, quote)] = body.end()
        return position + 1

    def _name(self, position: int) -> int:
        """The end of a prefixed name or bare word at `position`; 0 if there is none."""
        text = self.text
        prefix_end = -1
        if text[position] == ":":
            prefix_end = position
        elif position >= self._no_prefix:
            match = _PREFIX.match(text, position)
            if match and text.startswith(":", match.end()):
                prefix_end = match.end()
            elif match:
                self._no_prefix = match.end()
        if prefix_end >= 0:
            local = _LOCAL.match(text, prefix_end + 1)
            assert local is not None
            return self._add("pname", position, local.end())
        match = _WORD.match(text, position)
        return self._add("word", position, match.end()) if match else 0


def tokens(text: str) -> list[Token]:
    """The significant tokens of `text` (whitespace and comments dropped)."""
    return _Scanner(text).run()


def _glued(word: str) -> str | None:
    """The keyword that `word` (a bare word or a prefix) starts with, if any."""
    upper = word.upper()
    return next((k for k in _GLUED_KEYWORDS if upper.startswith(k)), None)


def _is_word(token: Token | None, word: str) -> bool:
    return token is not None and token.kind == "word" and token.text.upper() == word


def _at(items: list[Token], index: int) -> Token | None:
    return items[index] if 0 <= index < len(items) else None


def _keywords(items: list[Token]) -> list[str]:
    found: list[str] = []
    for index, token in enumerate(items):
        if token.kind == "word":
            found.append(_glued(token.text) or token.text.upper())
        elif (
            token.kind == "pname"
            and token.braces > 0
            and token.text.upper().startswith("SERVICE")
            and _at(items, index + 1) is not None
            and items[index + 1].text == "{"
            and not _is_word(_at(items, index - 1), "GRAPH")
        ):
            # `SERVICEex:a {`, `SERVICE:a {`, `SERVICESILENTex:a {`: the parser reads SERVICE.
            found.append("SERVICE")
    return found


def keywords(text: str) -> list[str]:
    """The keywords of `text`, upper-cased, in order (strings, IRIs, names, comments skipped).

    A bare word that starts with a keyword (`CONSTRUCTWHERE`, `SERVICESILENT`) counts as that
    keyword, and so does a prefixed name whose prefix starts with SERVICE where a SERVICE
    pattern can stand (inside a group, right before `{`, not after GRAPH).
    """
    return _keywords(tokens(text))


def _first_form(words: list[str], items: list[Token]) -> str | None:
    """The first keyword that decides query versus update (after BASE/PREFIX)."""
    for word in words:
        if word in QUERY_FORMS or word in UPDATE_KEYWORDS:
            return word
    # `DESCRIBEex:a`: the form is glued to the first name after the prologue.
    index = 0
    while True:
        if _is_word(_at(items, index), "PREFIX"):
            index += 3  # PREFIX ex: <iri>
        elif _is_word(_at(items, index), "BASE"):
            index += 2  # BASE <iri>
        else:
            break
    first = _at(items, index)
    glued = _glued(first.text) if first is not None and first.kind == "pname" else None
    return glued if glued in QUERY_FORMS or glued in UPDATE_KEYWORDS else None


def _glued_from(items: list[Token], form: str) -> bool:
    """Whether the query head holds a dataset IRI glued to FROM (`SELECT * FROMex:g {`)."""
    start = next(
        (i for i, t in enumerate(items) if t.kind == "word" and _glued(t.text) == form), None
    )
    if start is None:
        return False
    template = (
        form == "CONSTRUCT"
        and _is_word(items[start], "CONSTRUCT")
        and _at(items, start + 1) is not None
        and items[start + 1].text == "{"
    )
    for index in range(start + 1, len(items)):
        token = items[index]
        if token.depth > 0 or token.kind == "close":
            continue
        if token.kind == "open":
            if template and index == start + 1:
                continue  # the CONSTRUCT template; dataset clauses follow it
            return False  # the WHERE group: the head is over
        if _is_word(token, "WHERE"):
            return False
        if token.kind == "pname" and token.text.upper().startswith("FROM"):
            # In a SELECT/ASK/CONSTRUCT head a name stands only in a dataset clause; after
            # `DESCRIBE <x>` it is one more resource to describe, after `DESCRIBE *` a clause.
            previous = items[index - 1]
            return form != "DESCRIBE" or previous.text == "*"
    return False


def _refuse_outbound(found: list[str]) -> None:
    outbound = sorted(OUTBOUND_KEYWORDS.intersection(found))
    if outbound:
        raise ForbiddenQueryError(
            f"{' and '.join(outbound)} {'is' if len(outbound) == 1 else 'are'} not allowed: "
            "this endpoint never fetches remote data. Query the data it holds, or load your "
            "own files with `baap-kg serve --data FILE`."
        )


def inspect_query(text: str) -> QueryText:
    """Classify a query; refuse updates and anything that would open a connection."""
    items = tokens(decode_escapes(text))
    words = _keywords(items)
    _refuse_outbound(words)
    # No form keyword: the engine's parser will say precisely where the query goes wrong.
    form = _first_form(words, items) or "UNKNOWN"
    if form in UPDATE_KEYWORDS:
        raise UpdateNotAllowedError(
            f"this is a SPARQL update ({form}); writes are not enabled on this endpoint, "
            "which serves a read-only dataset"
        )
    has_dataset = "FROM" in words or (form in QUERY_FORMS and _glued_from(items, form))
    return QueryText(text=text, form=form, has_dataset_clause=has_dataset)


def inspect_update(text: str) -> None:
    """Updates are refused; LOAD and SERVICE (outbound) with 400, everything else with 403."""
    items = tokens(decode_escapes(text))
    words = _keywords(items)
    if any(t.kind == "pname" and t.braces == 0 and _glued(t.text) == "LOAD" for t in items):
        words.append("LOAD")  # `LOADex:data`: the parser reads LOAD ex:data
    _refuse_outbound(words)
    raise UpdateNotAllowedError(
        "this is a SPARQL update; writes are not enabled on this endpoint, which serves a "
        "read-only dataset"
    )
