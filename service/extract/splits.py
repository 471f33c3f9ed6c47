"""Curated splits: a passage that reports several activities becomes one activity per item.

`data/source/curated/activity_splits.csv` names, for each such passage, the exact text (`zh_span`)
that reports each part, with the part's English title. A part may take several spans (rows with
the same part number); a span with part `shared` is context that every part of the passage
shares ("2019年，" before a list of drills, the Question a study-group paragraph is about). Each
part is built like a whole passage, over its own spans plus the shared ones: it keeps what the
passage's headings give it (priority, initiative heading, region heading, section-11 topic) and
takes the countries, years, figures, partners, Questions, initiatives, regions, SDGs and WSIS
lines its own text names. Parts are keyed `{passage-key}-s1`, `-s2`, ... (`-a`, `-b` are the
country-year parts). Whatever the passage names outside all its spans and no part has is kept on
one more part, `{passage-key}-s0`, so a split never loses a link. A part whose own spans list two
or more "country（year）" pairs is split further by country (`-s1-a`, `-s1-b`).

The file is checked against the report on every build: an unknown passage key, a span that is not
in its passage's text, or a malformed row stops the build with an error naming the row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from service.errors import DataLoadError
from service.extract.activities import Activity, Context, build_activity
from service.extract.counted import Figure
from service.extract.figures import figures_reported
from service.extract.structure import Passage
from service.reference import read_table

SPLITS_FILE = "activity_splits.csv"
SHARED = "shared"
COLUMNS = ("passage_key", "part", "zh_span", "en_title", "note")
# joins a part's spans for the detectors: a clause end, so no pattern runs across two spans
_JOIN = "。"
_DISTRIBUTIVE = re.compile(r"均|各|分别|每")


class SplitError(DataLoadError):
    """`activity_splits.csv` is malformed or does not fit the report; the message names the row."""


@dataclass(frozen=True)
class Span:
    """One span of text and the CSV row (1-based, header = row 1) that gives it."""

    row: int
    text: str


@dataclass(frozen=True)
class SplitPart:
    """One part of a split passage: its number, its spans and its English title."""

    number: int
    spans: tuple[Span, ...]
    title_en: str


@dataclass(frozen=True)
class PassageSplit:
    """How one passage splits: its parts and the spans every part shares."""

    passage_key: str
    parts: tuple[SplitPart, ...]
    shared: tuple[Span, ...] = ()

    def part_key(self, number: int) -> str:
        return f"{self.passage_key}-s{number}"

    @property
    def remainder_key(self) -> str:
        return self.part_key(0)

    def titles(self) -> dict[str, str]:
        """English title by activity key."""
        return {self.part_key(p.number): p.title_en for p in self.parts}

    def all_spans(self) -> list[Span]:
        return [s for p in self.parts for s in p.spans] + list(self.shared)


@dataclass
class _Draft:
    spans: list[Span] = field(default_factory=list)
    title: str = ""
    title_row: int = 0


def _where(path: Path, row: int, key: str, part: str = "") -> str:
    return f"{path.name} row {row} (passage {key}{f', part {part}' if part else ''})"


def read_splits(path: Path) -> dict[str, PassageSplit]:
    """The curated splits by passage key; the file's own consistency is checked here."""
    if not path.exists():
        return {}
    rows = read_table(path)
    if rows and set(COLUMNS) - set(rows[0]):
        raise SplitError(f"{path.name}: columns must be {', '.join(COLUMNS)}")
    drafts: dict[str, dict[str, _Draft]] = {}
    for row_number, row in enumerate(rows, start=2):
        key, part = row["passage_key"].strip(), row["part"].strip()
        span, title = row["zh_span"], row["en_title"].strip()
        where = _where(path, row_number, key, part)
        if not key:
            raise SplitError(f"{where}: passage_key is empty")
        if part != SHARED and not (part.isdigit() and int(part) >= 1):
            raise SplitError(f"{where}: part must be a number from 1 or '{SHARED}', not {part!r}")
        if not span.strip():
            raise SplitError(f"{where}: zh_span is empty")
        if part == SHARED and title:
            raise SplitError(f"{where}: a shared span has no English title")
        draft = drafts.setdefault(key, {}).setdefault(part, _Draft())
        draft.spans.append(Span(row_number, span))
        if title and draft.title and title != draft.title:
            raise SplitError(f"{where}: English title differs from row {draft.title_row}'s")
        if title and not draft.title:
            draft.title, draft.title_row = title, row_number
    splits = {}
    for key, parts in drafts.items():
        numbers = sorted(int(p) for p in parts if p != SHARED)
        first_row = min(s.row for d in parts.values() for s in d.spans)
        if numbers != list(range(1, len(numbers) + 1)) or len(numbers) < 2:
            raise SplitError(
                f"{_where(path, first_row, key)}: parts must be numbered 1, 2, ... and be at "
                f"least two; found {numbers}"
            )
        for number in numbers:
            draft = parts[str(number)]
            if not draft.title:
                raise SplitError(f"{_where(path, draft.spans[0].row, key, str(number))}: "
                                 "the part has no English title")  # fmt: skip
        splits[key] = PassageSplit(
            key,
            tuple(SplitPart(n, tuple(parts[str(n)].spans), parts[str(n)].title) for n in numbers),
            tuple(parts[SHARED].spans) if SHARED in parts else (),
        )
    return splits


def locate_splits(
    splits: dict[str, PassageSplit], passages: list[Passage], path: Path
) -> dict[str, PassageSplit]:
    """The splits by the key of the passage they split. A split is found by its passage key; if
    that passage does not hold its spans (a paragraph was inserted before it and keys moved), by
    the one passage that holds them all. A split that fits no passage stops the build."""
    texts = {p.key: p.text for p in passages}
    located: dict[str, PassageSplit] = {}
    for split in splits.values():
        spans = split.all_spans()
        key = split.passage_key
        if key not in texts or any(s.text not in texts[key] for s in spans):
            holders = [k for k, t in texts.items() if all(s.text in t for s in spans)]
            if len(holders) == 1:
                split = replace(split, passage_key=holders[0])
            else:
                _raise_misfit(split, texts, path)
        located[split.passage_key] = split
    return located


def _raise_misfit(split: PassageSplit, texts: dict[str, str], path: Path) -> None:
    spans = split.all_spans()
    first = min(s.row for s in spans)
    if split.passage_key not in texts:
        raise SplitError(f"{_where(path, first, split.passage_key)}: no passage has this key")
    for span in spans:
        if span.text not in texts[split.passage_key]:
            raise SplitError(
                f"{_where(path, span.row, split.passage_key)}: zh_span {span.text!r} is not "
                "in the passage text"
            )


def check_splits(splits: dict[str, PassageSplit], passages: list[Passage], path: Path) -> None:
    """Every split fits a passage of the report (see `locate_splits`)."""
    locate_splits(splits, passages, path)


def remainder_text(text: str, spans: list[str]) -> str:
    """The passage text with every occurrence of every span replaced by a clause end."""
    covered = [False] * len(text)
    for span in spans:
        start = text.find(span)
        while start != -1:
            for index in range(start, start + len(span)):
                covered[index] = True
            start = text.find(span, start + 1)
    out: list[str] = []
    for char, is_covered in zip(text, covered, strict=True):
        if not is_covered:
            out.append(char)
        elif not out or out[-1] != _JOIN:
            out.append(_JOIN)
    return "".join(out)


def _part(passage: Passage, context: Context, key: str, own: list[str], shared: list[str],
          label: tuple[str, ...], counted: set[str], lead: bool = True) -> Activity:  # fmt: skip
    """An activity over its own text plus the shared context. Its figures are read from its own
    spans that no earlier part holds (a span printed in several parts, "组织了五次国际电联区域
    网络演练", is counted once); `split_by_curation` gives out the shared context's figures."""
    text = _JOIN.join(own)
    fresh = _JOIN.join(span for span in own if span not in counted)
    counted.update(own)
    activity = build_activity(passage, context, text=_JOIN.join([text, *shared]), key=key,
                              own=fresh, spans=(*own, *shared), lead=lead)  # fmt: skip
    activity.reported = text
    activity.label_spans = label
    return activity


def _share(text: str, parts: list[Activity]) -> None:
    """A figure of the shared context is the first part's, except one the context gives to
    each ("在两届挑战赛中，均选出了四名获胜者": two challenges in all, four winners each)."""
    marker = _DISTRIBUTIVE.search(text)
    for figure in figures_reported(text):
        each = marker is not None and figure.start >= marker.start()
        for part in parts if each else parts[:1]:
            part.figures = [*part.figures, *_offset([figure], len(part.figures))]


def split_by_curation(passage: Passage, split: PassageSplit, context: Context) -> list[Activity]:
    """The parts of a curated split, plus a remainder part if text outside all spans names links."""
    shared = [s.text for s in split.shared]
    counted: set[str] = set()
    parts = [
        _part(passage, context, split.part_key(p.number), [s.text for s in p.spans], shared,
              tuple(s.text for s in p.spans), counted)
        for p in split.parts
    ]  # fmt: skip
    for text in shared:
        _share(text, parts)
    rest = remainder_text(passage.text, [s.text for s in split.all_spans()])
    fragments = tuple(f for f in rest.split(_JOIN) if f)
    # whether the rest adds a link is judged on its own words, not on a list's lead-in
    remainder = _part(passage, context, split.remainder_key, [rest], shared, (), set(), False)
    remainder.roles = build_activity(passage, context, spans=(*fragments, *shared)).roles
    if _adds_links(remainder, parts):
        kept = _part(passage, context, split.remainder_key, [rest], shared, (), set())
        kept.roles = remainder.roles
        parts.append(replace(kept, rest_of_list=True))
    return parts


def _offset(figures: list[Figure], shift: int) -> list[Figure]:
    """Figures appended after `shift` others: their part-of indexes move with them."""
    return [replace(f, part_of=None if f.part_of is None else f.part_of + shift) for f in figures]


def _links(activity: Activity) -> set[tuple[str, object]]:
    return (
        {("country", c) for c in activity.countries}
        | {("year", y) for y in activity.years}
        | {("figure", (f.value, f.unit)) for f in activity.figures}
        | {("partner", p) for p in activity.partners}
        | {("question", q) for q in activity.questions}
        | {("initiative", i) for i in activity.initiatives}
        | {("region", r) for r in activity.regions}
        | {("strategic", s) for s in activity.strategic}
        | {("sdg", s) for s in activity.sdgs}
        | {("wsis", w) for w in activity.wsis}
    )


def _adds_links(remainder: Activity, parts: list[Activity]) -> bool:
    """Whether the text outside the spans names something no part already has."""
    covered: set[tuple[str, object]] = set()
    for part in parts:
        covered |= _links(part)
    return bool(_links(remainder) - covered)
