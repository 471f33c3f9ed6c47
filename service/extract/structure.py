"""Sections, subsections, headings, bullets and table rows -> passages.

A passage is one content line (a paragraph, a bullet, a numbered item or a table row) with the
context it sits in: section, subsection kind, the topic or regional-initiative heading above it.
Its key (`1-gen-12`, `2-ri-3`, `8-tab-4`) is section + kind + position within that kind, so it
does not change when another section or another kind of subsection is edited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from service.extract.source import Line
from service.reference import read_table

KIND_CODES = {"general": "gen", "regional-initiatives": "ri", "study-groups": "sg", "table": "tab"}
REGION_CODES = {
    "非洲": "AFR", "美洲": "AMS", "阿拉伯国家": "ARB", "阿拉伯": "ARB", "亚太": "ASP",
    "亚洲及太平洋": "ASP", "独联体国家": "CIS", "独联体": "CIS", "欧洲": "EUR",
}  # fmt: skip
#: the region names as a regex alternation, longest first (阿拉伯国家 before 阿拉伯)
REGION_NAMES = "|".join(sorted(REGION_CODES, key=len, reverse=True))
REGION_PREFIX = re.compile(f"^({REGION_NAMES})")
_SECTION = re.compile(r"^(\d{1,2})\t(\S.*)$")
_BULLET = re.compile(r"^[–•\-]\t?")
_NUMBERED = re.compile(r"^\d{1,2}\t")
_SUBSECTIONS = {"区域性举措": "regional-initiatives", "研究组": "study-groups"}
_NOTE = re.compile(r"（[^（）]*）")


@dataclass(frozen=True)
class Heading:
    """A heading as printed, with its line."""

    line: int
    text: str


@dataclass
class Passage:
    """One content line in its context."""

    key: str
    section: str
    kind: str
    line: Line
    topic: Heading | None = None
    ri_heading: Heading | None = None
    region_heading: str | None = None  # region code of an RI heading or an LDC region heading
    sub_heading: Heading | None = None  # a table's title, an "在非洲区域，国际电联：" line
    count: int | None = None  # a table row's number of activities
    count_line: int | None = None  # the line that number is printed on
    lead: Heading | None = None  # the lead-in of the list this item belongs to (it inherits it)

    @property
    def start(self) -> int:
        return self.line.number

    @property
    def end(self) -> int:
        """Last line: a table row ends on the line of its count."""
        return self.count_line or self.line.number

    @property
    def text(self) -> str:
        return _BULLET.sub("", self.line.text.strip()).strip()


@dataclass(frozen=True)
class StructureOverride:
    """A curated fact about an irregular line (split or truncated headings)."""

    text: str
    role: str
    value: str


def read_overrides(path: Path) -> dict[str, StructureOverride]:
    """Curated structure overrides keyed by the line's text, not its number (insertion-proof)."""
    return {
        r["text"]: StructureOverride(r["text"], r["role"], r["value"]) for r in read_table(path)
    }


def is_heading_text(text: str) -> bool:
    """A short line without sentence punctuation: a topic heading."""
    return len(text) <= 40 and not text.endswith(("。", "；", ";")) and "。" not in text


class _Walker:
    """Walks the lines once, keeping the current section, subsection and headings."""

    def __init__(self, overrides: dict[str, StructureOverride]) -> None:
        self.overrides = overrides
        self.section: str | None = None
        self.section_number = 0
        self.kind = "general"
        self.topic: Heading | None = None
        self.ri_heading: Heading | None = None
        self.region: str | None = None
        self.sub_heading: Heading | None = None
        self.counters: dict[tuple[str, str], int] = {}
        self.passages: list[Passage] = []
        self.pending_table_row: Passage | None = None
        self.lead: tuple[Heading, str] | None = None  # a lead-in ending with ：, its bullet

    def _start_section(self, section: str, number: int | None) -> None:
        self.section = section
        if number is not None:
            self.section_number = number
        self.kind = "general"
        self._clear_headings()

    def _clear_headings(self) -> None:
        self.topic = self.ri_heading = self.sub_heading = None
        self.region = None
        self.lead = None

    def _emit(self, line: Line, kind: str | None = None, lead: bool = False) -> Passage:
        """A passage keyed by its position among its kind; a curated lead-in passage is counted
        apart ("8-sg-lead-1"), so keys of the passages after it do not move."""
        assert self.section is not None
        kind = kind or self.kind
        counter = (self.section, kind + ("-lead" if lead else ""))
        self.counters[counter] = self.counters.get(counter, 0) + 1
        code = KIND_CODES[kind] + ("-lead" if lead else "")
        key = f"{self.section}-{code}-{self.counters[counter]}"
        passage = Passage(
            key=key, section=self.section, kind=kind, line=line, topic=self.topic,
            ri_heading=self.ri_heading if kind == "regional-initiatives" else None,
            region_heading=self.region, sub_heading=self.sub_heading, lead=self._lead_of(line),
        )  # fmt: skip
        self.passages.append(passage)
        if passage.text.endswith(("：", ":")):
            self.lead = (Heading(line.number, passage.text), _bullet_of(line))
        return passage

    def _lead_of(self, line: Line) -> Heading | None:
        """The lead-in an item belongs to: a topic heading ending with ： above it ("国际电联在
        2021年开展了下列活动："), or the passage ending with ： just before a list of bullets of
        another kind ("–\t2020年，国际电联向特立尼达和多巴哥提供了以下技术援助:" then "•\t…")."""
        if self.topic is not None and self.topic.text.endswith(("：", ":")):
            return self.topic
        bullet = _bullet_of(line)
        if self.lead is None or not bullet or bullet == self.lead[1]:
            self.lead = None
            return None
        return self.lead[0]

    def visit(self, line: Line) -> None:
        text = line.text.strip()
        override = self.overrides.get(text) if self.section_number >= 1 else None
        if override is not None and override.role == "lead-passage" and self.section:
            self._emit(line, lead=True)  # a lead-in that reports something itself
            return
        if override is not None:
            if override.role == "section-heading":
                number = int(override.value) if override.value.isdigit() else None
                self._start_section(override.value, number)
            return  # heading continuations carry no content
        if not text:
            return
        match = _SECTION.match(text)
        if match and int(match.group(1)) == self.section_number + 1 and not text.endswith("。"):
            self._start_section(match.group(1), int(match.group(1)))
            return
        if self.section is None:
            return  # front matter and introduction: no activities
        self._visit_content(line, text)

    def _visit_content(self, line: Line, text: str) -> None:
        if _NOTE.fullmatch(text):
            return  # "（关于COP相关活动的更多信息，请参阅本文件第2节）": a note, not a heading
        bare = text.rstrip("：:").strip()
        if bare in _SUBSECTIONS and len(text) <= 6:
            self.kind = _SUBSECTIONS[bare]
            self._clear_headings()
            return
        if text in ("主题", "活动数量"):
            self.kind = "table"
            return
        if self.kind == "table":
            self._visit_table(line, text)
            return
        bullet = bool(_BULLET.match(text)) or bool(_NUMBERED.match(text))
        if not bullet and self.kind == "regional-initiatives" and self._is_ri_heading(text):
            self.ri_heading = Heading(line.number, text)
            self.lead = None
            prefix = REGION_PREFIX.match(text)
            self.region = REGION_CODES[prefix.group(1)] if prefix else None
            return
        if (
            not bullet
            and self.section == "LDC"
            and re.match(r"^在.{1,8}(区域|地区)，国际电联：$", text)
        ):
            self.sub_heading = Heading(line.number, text)
            self.lead = None
            prefix = REGION_PREFIX.match(text[1:])
            self.region = REGION_CODES[prefix.group(1)] if prefix else None
            return
        if not bullet and is_heading_text(text):
            self.topic = Heading(line.number, text)
            self.sub_heading = None
            self.lead = None
            return
        if not bullet and self.section == "LDC" and self.sub_heading is not None:
            # a paragraph ends the "在X区域，国际电联：" list (L937 "在欧洲地区，…" is prose)
            self.sub_heading = None
            self.region = None
        self._emit(line)

    @staticmethod
    def _is_ri_heading(text: str) -> bool:
        return bool(REGION_PREFIX.match(text)) and len(text) < 160 and not text.endswith("。")

    def _visit_table(self, line: Line, text: str) -> None:
        if text.startswith("合计"):
            return
        if _BULLET.match(text):
            self.pending_table_row = self._emit(line, "table")
            return
        if text.isdigit() and self.pending_table_row is not None:
            self.pending_table_row.count = int(text)
            self.pending_table_row.count_line = line.number
            self.pending_table_row = None
            return
        if text.isdigit():
            return  # the total after 合计
        self.kind = "general"
        self._visit_content(line, text)


def _bullet_of(line: Line) -> str:
    """The bullet (or numbering) a line starts with, "" for prose."""
    text = line.text.strip()
    if _NUMBERED.match(text):
        return "1"
    return text[0] if _BULLET.match(text) else ""


def split_passages(lines: list[Line], overrides: dict[str, StructureOverride]) -> list[Passage]:
    """Every passage of the report, in line order."""
    walker = _Walker(overrides)
    for line in lines:
        walker.visit(line)
    return walker.passages
