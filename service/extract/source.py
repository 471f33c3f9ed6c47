"""Read the report: numbered lines, bookmarks kept apart, image stubs dropped."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

REPORT_FILE = "000_417735bef9bf6315.txt"
_BOOKMARK = re.compile(r"\[bookmark: ([^\]]*)\]")


@dataclass(frozen=True)
class Line:
    """One line of the report: its 1-based number, text without bookmarks, and the bookmarks."""

    number: int
    text: str
    bookmarks: tuple[str, ...]


def read_report(source_dir: Path) -> list[Line]:
    """Every line of the report; image stubs (and their wrapped descriptions) become blank."""
    raw_lines = (source_dir / REPORT_FILE).read_text(encoding="utf-8").split("\n")
    lines: list[Line] = []
    in_image = False
    for number, raw in enumerate(raw_lines, start=1):
        bookmarks = tuple(_BOOKMARK.findall(raw))
        text = _BOOKMARK.sub("", raw).rstrip()
        if "[image:" in text:
            in_image = "]" not in text.split("[image:", 1)[1]
            text = ""
        elif in_image:
            in_image = "]" not in text
            text = ""
        lines.append(Line(number, text, bookmarks))
    return lines
