"""SPARQL syntax errors a person can act on.

Oxigraph's parser reports `error at LINE:COLUMN: expected one of ...`, listing grammar tokens and
Unicode character classes. `explain` turns that into words: where (line, column, the line of the
query with a caret under the spot) and what, for the common mistakes in particular:

- a prefix used without its `PREFIX` declaration: which prefix, and the declaration to add when
  it is one of this service's prefixes or a well-known one;
- a misspelt keyword: the keyword it probably is;
- an unclosed group or parenthesis, a variable selected but neither grouped nor aggregated, an
  invalid IRI, an unterminated string;
- otherwise the tokens that could come there, in plain words, never the character classes.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Final

from service.namespaces import PREFIXES

_WINDOW: Final = 4000  # characters the heuristics look at
_ECHO: Final = 100  # characters of the erroneous line shown
_POSITION: Final = re.compile(r"^error at (\d+):(\d+): (.*)$", re.DOTALL)
_PREFIXED_NAME: Final = re.compile(r"(?<![\w?$<])([A-Za-z][\w\-.]*)?:[\w\-.%]*")
_WORD: Final = re.compile(r"[A-Za-z_]+")
_QUOTED: Final = re.compile(r'"((?:[^"\\]|\\.)*)"')
#: Well-known prefixes beyond the service's own, for the PREFIX line an error suggests.
COMMON_PREFIXES: Final[dict[str, str]] = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "prov": "http://www.w3.org/ns/prov#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "schema": "http://schema.org/",
    "sh": "http://www.w3.org/ns/shacl#",
    "void": "http://rdfs.org/ns/void#",
    "sd": "http://www.w3.org/ns/sparql-service-description#",
    "hydra": "http://www.w3.org/ns/hydra/core#",
    "org": "http://www.w3.org/ns/org#",
    "geo": "http://www.opengis.net/ont/geosparql#",
    "wd": "http://www.wikidata.org/entity/",
    "wdt": "http://www.wikidata.org/prop/direct/",
}
KEYWORDS: Final = (
    "SELECT", "CONSTRUCT", "DESCRIBE", "ASK", "WHERE", "FROM", "NAMED", "PREFIX", "BASE",
    "DISTINCT", "REDUCED", "OPTIONAL", "UNION", "MINUS", "GRAPH", "FILTER", "BIND", "VALUES",
    "GROUP", "BY", "HAVING", "ORDER", "ASC", "DESC", "LIMIT", "OFFSET", "AS", "NOT", "EXISTS",
    "IN", "COUNT", "SUM", "MIN", "MAX", "AVG", "SAMPLE", "GROUP_CONCAT", "SEPARATOR", "STR",
    "LANG", "LANGMATCHES", "DATATYPE", "BOUND", "IRI", "URI", "BNODE", "RAND", "ABS", "CEIL",
    "FLOOR", "ROUND", "CONCAT", "STRLEN", "UCASE", "LCASE", "CONTAINS", "STRSTARTS", "STRENDS",
    "STRBEFORE", "STRAFTER", "REPLACE", "REGEX", "SUBSTR", "YEAR", "MONTH", "DAY", "NOW", "IF",
    "COALESCE", "ISIRI", "ISURI", "ISBLANK", "ISLITERAL", "ISNUMERIC", "SAMETERM",
)  # fmt: skip
_TOKEN_WORDS: Final = {
    '"."': "'.' (end of a triple)",
    '";"': "';' (same subject)",
    '","': "',' (same subject and predicate)",
    '"{"': "'{'",
    '"}"': "'}'",
    '"("': "'('",
    '")"': "')'",
    '"?"': "a variable",
    '"$"': "a variable",
    '"<"': "an IRI",
    '":"': "a prefixed name",
}


@dataclass(frozen=True)
class SyntaxProblem:
    """A syntax error in words, with where it is."""

    message: str
    line: int | None = None
    column: int | None = None


def explain(query: str, engine_message: str) -> SyntaxProblem:
    """The engine's syntax error about `query`, in words (see the module doc)."""
    match = _POSITION.match(engine_message.strip())
    if match is None:
        return SyntaxProblem(f"syntax error in the query: {engine_message}")
    line, column, expected = int(match.group(1)), int(match.group(2)), match.group(3)
    lines = query.splitlines() or [""]
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    # The heuristics read the query with regular expressions: bounded to a window, so a huge
    # or hostile text costs no more than a short one.
    window = query if len(query) <= _WINDOW else _around(query, lines, line, column)
    what = _what(expected, text[:_WINDOW], column, window)
    return SyntaxProblem(
        f"syntax error at line {line}, column {column}: {what}{_caret(text, column)}",
        line,
        column,
    )


def _around(query: str, lines: list[str], line: int, column: int) -> str:
    """The part of the query before the error and a little after, at most _WINDOW chars."""
    offset = sum(len(text) + 1 for text in lines[: line - 1]) + column - 1
    return query[max(0, offset - _WINDOW + 200) : offset + 200]


def _caret(text: str, column: int) -> str:
    """The line of the query (a slice around the spot when long) and a caret under it."""
    if not text.strip():
        return ""
    start = max(0, column - 1 - _ECHO // 2)
    shown = text[start : start + _ECHO]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + _ECHO < len(text) else ""
    return f"\n  {prefix}{shown}{suffix}\n  {' ' * (len(prefix) + column - 1 - start)}^"


def _what(expected: str, text: str, column: int, query: str) -> str:
    here = text[max(0, column - 1) :]
    before = text[: max(0, column - 1)]
    if "Prefix not found" in expected:
        return _undeclared_prefix(before + here, column, query)
    undeclared = _first_undeclared(query)
    if undeclared is not None:
        return _prefix_advice(undeclared)
    if "variable that is unbound" in expected:
        return (
            "a variable in SELECT is neither grouped nor aggregated; add it to GROUP BY, or "
            "wrap it in an aggregate such as SAMPLE(?x) or COUNT(?x)"
        )
    if "IRI parsing failed" in expected:
        return "this IRI is not valid (IRIs have no spaces, quotes or braces)"
    misspelt = _misspelt_keyword(query, text, column)
    if misspelt:
        return misspelt
    if not here.strip() and column > len(text) and _unbalanced(query):
        return f"the query ends before it closes {_unbalanced(query)}"
    if '"\\\\u"' in expected or '"\\""' in expected:
        return "a string is not closed: its closing quote is missing"
    return "expected " + _tokens(expected)


def _misspelt_keyword(query: str, text: str, column: int) -> str | None:
    """A bare word up to the error that is no keyword but close to one ("SELEC", "LIMT")."""
    start = query.find(text) if text else -1
    upto = query[: start + column + 20] if start >= 0 else query
    bare = re.sub(r'"(?:[^"\\\n]|\\.)*"|<[^<>\s]*>|#[^\n]*|[?$]\w+|\w*:\w*', " ", upto)
    for word in reversed(_WORD.findall(bare)):
        if word.upper() in KEYWORDS or len(word) < 3:
            continue
        close = difflib.get_close_matches(word.upper(), KEYWORDS, n=1, cutoff=0.75)
        if close:
            return f"{word!r} is not a SPARQL keyword; did you mean {close[0]}?"
    return None


def _undeclared_prefix(text: str, column: int, query: str) -> str:
    """Name the prefixed name the error points into (the last one that starts before it)."""
    found = None
    for match in _PREFIXED_NAME.finditer(text):
        if match.start() < column:
            found = match.group(1) or ""
    if found is None:
        return "a prefixed name uses a prefix that is not declared with PREFIX"
    return _prefix_advice(found)


def _prefix_advice(prefix: str) -> str:
    known = {**COMMON_PREFIXES, **PREFIXES}
    message = f"the prefix '{prefix}:' is not declared"
    if prefix in known:
        return message + f"; add the line: PREFIX {prefix}: <{known[prefix]}>"
    return message + f"; declare it first: PREFIX {prefix}: <...>"


_DECLARED: Final = re.compile(r"PREFIX\s+([A-Za-z][\w\-.]*)?:", re.IGNORECASE)
_NOT_CODE: Final = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>\s]*>|#[^\n]*'
)


def _first_undeclared(query: str) -> str | None:
    """The first prefix the query uses in a prefixed name without declaring it."""
    code = _NOT_CODE.sub(lambda m: " " * len(m.group(0)), query)
    declared = {m.group(1) or "" for m in _DECLARED.finditer(code)}
    for match in _PREFIXED_NAME.finditer(_DECLARED.sub(" ", code)):
        prefix = match.group(1) or ""
        if prefix not in declared and not _is_keyword_glue(code, match.start()):
            return prefix
    return None


def _is_keyword_glue(code: str, start: int) -> bool:
    """`SERVICE:x`-like text or an `_:b` blank node is no prefixed name to complain about."""
    return start > 0 and code[start - 1] == "_"


def _unbalanced(query: str) -> str:
    """ "'{'" or "'('" when the query opens more of it than it closes (strings ignored)."""
    bare = re.sub(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>\s]*>|#[^\n]*', "", query)
    if bare.count("{") > bare.count("}"):
        return "'{' (a '}' is missing)"
    if bare.count("(") > bare.count(")"):
        return "'(' (a ')' is missing)"
    return ""


def _tokens(expected: str) -> str:
    """The grammar tokens the parser expected, in words; character classes left out."""
    body = expected.removeprefix("one of ").strip()
    items = [m.group(0) for m in _QUOTED.finditer(body)]
    words = [w for w in re.findall(r"\b[A-Z][A-Z_]+\b", re.sub(_QUOTED, "", body)) if w]
    readable = [_TOKEN_WORDS.get(item, item.strip('"').join("''")) for item in items]
    readable += words
    unique = list(dict.fromkeys(readable))
    if not unique:
        return "something else here"
    if len(unique) == 1:
        return unique[0]
    return "one of " + ", ".join(unique[:12])
