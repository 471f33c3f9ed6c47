"""The example SPARQL queries served at `/sparql/examples`, read from `service/examples/*.rq`.

Each file is named `NN-short-slug.rq` and begins with a header of comment lines:

    # title: <one-line English title>
    # audience: researcher | auditor | developer
    # description: <one or two English sentences>

followed by its PREFIX declarations and the query. A header line that is not `key: value`
continues the field above it, so a long description may wrap onto further `#` lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Final

#: The folder of `.rq` files that ships with the package.
EXAMPLES_DIR: Final = Path(__file__).resolve().parent / "examples"
HEADER_FIELDS: Final = ("title", "audience", "description")
AUDIENCES: Final = frozenset({"researcher", "auditor", "developer"})
QUERY_FORMS: Final = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")

_HEADER_LINE: Final = re.compile(r"^(?P<key>[A-Za-z][\w-]*)\s*:\s*(?P<value>.*)$")
# Comments, IRIs and strings are matched whole so that `#`, `select` or `ask` inside them are
# never taken for the query form; words are what is left.
_TOKEN: Final = re.compile(
    r"""
      (?P<comment>\#[^\n\r]*)
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
                 |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
    | (?P<name>[?$]?[A-Za-z_][\w.\-]*:?[\w.\-]*)
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class Example:
    """One example query: `id` is the file stem, `query` the text after the header."""

    id: str
    title: str
    audience: str
    description: str
    query: str
    query_form: str


def query_form(query: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first query-form keyword outside comments,
    IRIs and strings (so PREFIX IRIs such as `...ontology#` do not hide it)."""
    for match in _TOKEN.finditer(query):
        word = match.group("name")
        if word is not None and word.upper() in QUERY_FORMS:
            return word.upper()
    raise ValueError("no SELECT, ASK, CONSTRUCT or DESCRIBE keyword found")


def _parse_header(path: Path, lines: list[str]) -> tuple[dict[str, str], int]:
    """The header fields and the index of the first line after the header."""
    fields: dict[str, str] = {}
    current: str | None = None
    body_start = len(lines)
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped.startswith("#"):
            body_start = index
            break
        content = stripped[1:].strip()
        match = _HEADER_LINE.match(content)
        if match and match.group("key").lower() in HEADER_FIELDS:
            current = match.group("key").lower()
            if current in fields:
                raise ValueError(f"{path.name}: header field {current!r} is given twice")
            fields[current] = match.group("value").strip()
        elif current is not None and content:
            fields[current] = f"{fields[current]} {content}"
    return fields, body_start


def parse_example(path: Path) -> Example:
    """Read one `.rq` file; a ValueError names the file when its header or query is unusable."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    fields, body_start = _parse_header(path, lines)
    for field in HEADER_FIELDS:
        if not fields.get(field):
            raise ValueError(f"{path.name}: header field {field!r} is missing or empty")
    audience = fields["audience"]
    if audience not in AUDIENCES:
        expected = ", ".join(sorted(AUDIENCES))
        raise ValueError(f"{path.name}: audience {audience!r} is not one of {expected}")
    query = "\n".join(lines[body_start:]).strip() + "\n"
    try:
        form = query_form(query)
    except ValueError as error:
        raise ValueError(f"{path.name}: {error}") from None
    return Example(
        id=path.stem,
        title=fields["title"],
        audience=audience,
        description=fields["description"],
        query=query,
        query_form=form,
    )


def load_examples(directory: Path | None = None) -> list[Example]:
    """Every `*.rq` file of `directory` (default: the packaged examples), sorted by id."""
    folder = EXAMPLES_DIR if directory is None else directory
    if not folder.is_dir():
        raise ValueError(f"{folder}: example folder not found")
    return sorted((parse_example(p) for p in folder.glob("*.rq")), key=lambda e: e.id)
