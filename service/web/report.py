"""`/report`: the report's text, one numbered line each (the numbers passages and defects cite),
without the extraction's clutter (`[bookmark: ...]` anchors, `[image: ...]` stubs), with a table
of contents by section and, on each line, links to the activities extracted from the passage
that starts there and to the source issues recorded on it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Final

from fastapi.responses import Response
from starlette.requests import Request

from service.api_vocabulary import PREFIXES
from service.errors import NotFoundError, RequestError
from service.i18n import label, translate
from service.messages.audit import issue_type_name
from service.negotiation import PAGE_TYPES
from service.resources import local_path
from service.views import Views
from service.web.entities import dimension_members
from service.web.layout import choose, language, render, views_of

#: Word-processor anchors the conversion left in the text (kept out of what readers see).
BOOKMARK: Final = re.compile(r"\[bookmark: [^\]]*\]")
IMAGE: Final = "[image:"
#: A numbered section heading: "3<TAB>数字包容性：...".
SECTION_HEADING: Final = re.compile(r"^(\d{1,2})\t(.+)$")
PASSAGES_QUERY: Final = (
    PREFIXES
    + """SELECT ?p ?start ?end ?section ?a WHERE {
  ?p a baap:SourcePassage ; baap:startLine ?start ; baap:endLine ?end ; baap:section ?section .
  OPTIONAL { ?a prov:wasDerivedFrom ?p ; a baap:Activity }
}"""
)
ISSUES_QUERY: Final = (
    PREFIXES
    + """SELECT ?i ?type ?start ?end WHERE {
  ?i a baap:SourceIssue ; baap:issueType ?type ; baap:startLine ?start ; baap:endLine ?end .
}"""
)


@dataclass
class Line:
    """One line as the page shows it, with what was extracted from it."""

    number: int
    text: str
    activities: list[str] = field(default_factory=list)
    issues: list[tuple[str, str]] = field(default_factory=list)  # (IRI, type)


def clean_lines(raw: list[str]) -> list[str]:
    """The report's lines without bookmarks; an image stub (and its wrapped description) blank.
    Line numbers do not move: a removed line stays as an empty one."""
    lines, in_image = [], False
    for text in raw:
        text = BOOKMARK.sub("", text).rstrip()
        if IMAGE in text:
            in_image = "]" not in text.split(IMAGE, 1)[1]
            text = text.split(IMAGE, 1)[0].rstrip()
        elif in_image:
            in_image = "]" not in text
            text = ""
        lines.append(text if text.strip() else "")
    return lines


def report_lines(views: Views) -> tuple[str, ...]:
    """The raw lines of the report file of the settings (none when it is absent), read once."""

    def read() -> tuple[str, ...]:
        file = views.settings.report_path
        if not file.is_file():
            return ()
        return tuple(file.read_text(encoding="utf-8").split("\n"))

    return views.memo("report-lines", read)


def report_index(views: Views) -> dict[str, Any]:
    """The cleaned lines with their activities and issues, and the sections; computed once."""

    def build() -> dict[str, Any]:
        lines = [Line(n, text) for n, text in enumerate(clean_lines(list(report_lines(views))), 1)]
        sections: dict[str, int] = {}
        for row in views.store.select(PASSAGES_QUERY):
            start = int(row["start"])
            if not 1 <= start <= len(lines):
                continue
            sections[row["section"]] = min(sections.get(row["section"], start), start)
            if "a" in row and row["a"] not in lines[start - 1].activities:
                lines[start - 1].activities.append(row["a"])
        for row in views.store.select(ISSUES_QUERY):
            start = int(row["start"])
            if 1 <= start <= len(lines):
                lines[start - 1].issues.append((row["i"], row["type"]))
        for line in lines:
            line.activities.sort(key=_natural)
            line.issues.sort()
        return {"lines": lines, "sections": _sections(lines, sections)}

    return views.memo("report-index", build)


def _natural(text: str) -> list[Any]:
    return [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", text)]


def _sections(lines: list[Line], first_lines: dict[str, int]) -> list[dict[str, Any]]:
    """Each section with the line of its heading (or of its first passage) and the heading."""
    sections = []
    for section, first in sorted(first_lines.items(), key=lambda item: item[1]):
        line, heading = first, ""
        for number in range(first - 1, max(first - 12, 0), -1):
            match = SECTION_HEADING.match(lines[number - 1].text)
            if match and match.group(1) == section:
                line, heading = number, match.group(2).strip()
                break
        if not heading:  # a heading set off by a tab, wrapped onto the lines below it
            above = range(first - 1, max(first - 4, 0), -1)
            starts = [n for n in above if lines[n - 1].text.startswith("\t")]
            if starts:
                line = starts[-1]
                heading = "".join(lines[n - 1].text.strip() for n in range(line, first))
        sections.append({"section": section, "line": line, "heading": heading})
    return sections


def page(request: Request) -> Response:
    """The report text; `start`/`end` mark a passage, `#L<n>` jumps to a line."""
    choose(request, PAGE_TYPES)
    views = views_of(request)
    if not report_lines(views):
        raise NotFoundError("this server has no report text (it serves other data)")
    try:
        start = int(request.query_params.get("start", "0"))
        end = int(request.query_params.get("end", str(start)))
    except ValueError:
        raise RequestError("start and end are line numbers") from None
    lang, _ = language(request)
    index = report_index(views)
    priorities = {
        member.get("notation", ""): label(member.get("label", {}), lang)
        for member in dimension_members(views, "thematicPriority")
    }
    base = views.store.base_iri
    return render(
        request,
        "report.html",
        "report",
        lines=[
            {"number": line.number, "text": line.text, "links": _links(line, base, lang)}
            for line in index["lines"]
        ],
        sections=[{**s, "priority": priorities.get(s["section"], "")} for s in index["sections"]],
        start=start,
        end=max(start, end),
    )


def _links(line: Line, base: str, lang: str) -> list[dict[str, str]]:
    """The line's activities and issues as links (short id, or the issue type in words)."""
    links = [
        {
            "href": local_path(a, base) or "",
            "text": a.rsplit("/", 1)[-1],
            "title": translate(lang, "report.activity"),
            "kind": "activity",
        }
        for a in line.activities
    ]
    links.extend(
        {
            "href": local_path(i, base) or "",
            "text": issue_type_name(kind, lang),
            "title": translate(lang, "report.issue"),
            "kind": "issue",
        }
        for i, kind in line.issues
    )
    return links
