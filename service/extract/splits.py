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

from dataclasses import dataclass, field, replace
from pathlib import Path

from service.errors import DataLoadError
from service.extract.activities import Activity, Context, build_activity
from service.extract.links import figures_reported
from service.extract.structure import Passage
from service.reference import read_table

SPLITS_FILE = "activity_splits.csv"
SHARED = "shared"
COLUMNS = ("passage_key", "part", "zh_span", "en_title", "note")
# joins a part's spans for the detectors: a clause end, so no pattern runs across two spans
_JOIN = "。"


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


def check_splits(splits: dict[str, PassageSplit], passages: list[Passage], path: Path) -> None:
    """Every split names a passage of the report and every span is in that passage's text."""
    texts = {p.key: p.text for p in passages}
    for split in splits.values():
        spans = split.all_spans()
        first = min(s.row for s in spans)
        if split.passage_key not in texts:
            raise SplitError(f"{_where(path, first, split.passage_key)}: no passage has this key")
        text = texts[split.passage_key]
        for span in spans:
            if span.text not in text:
                raise SplitError(
                    f"{_where(path, span.row, split.passage_key)}: zh_span {span.text!r} is not "
                    "in the passage text"
                )


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
          label: tuple[str, ...]) -> Activity:  # fmt: skip
    """An activity over its own text plus the shared context; figures only from its own text
    (the shared context's figures are added to every numbered part by `split_by_curation`)."""
    text = _JOIN.join(own)
    activity = build_activity(passage, context, text=_JOIN.join([text, *shared]), key=key, own=text)
    activity.reported = text
    activity.label_spans = label
    return activity


def split_by_curation(passage: Passage, split: PassageSplit, context: Context) -> list[Activity]:
    """The parts of a curated split, plus a remainder part if text outside all spans names links."""
    shared = [s.text for s in split.shared]
    parts = [
        _part(passage, context, split.part_key(p.number), [s.text for s in p.spans], shared,
              tuple(s.text for s in p.spans))
        for p in split.parts
    ]  # fmt: skip
    # a figure in the shared context counts for each part ("在两届挑战赛中，均选出了四名获胜者")
    shared_figures = [f for text in shared for f in figures_reported(text)]
    for part in parts:
        part.figures = [*part.figures, *shared_figures]
    rest = remainder_text(passage.text, [s.text for s in split.all_spans()])
    remainder = _part(passage, context, split.remainder_key, [rest], shared, ())
    if _adds_links(remainder, parts):
        parts.append(replace(remainder, rest_of_list=True))
    return parts


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
