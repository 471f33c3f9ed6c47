"""Names printed in a text: countries, organisations, regions (longest match, traps masked),
codes (Questions, SDG targets, WSIS lines, regional initiatives) and years.

The name lists come from the model file (built from the reference graph with the extraction's
own gazetteers, plus the world's countries in English and Chinese). Matching looks names up by
their first character and the lengths known for it, so it is linear in the text; the code
patterns are plain, with no nested repetition, so they cannot backtrack badly.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Final

from service.suggest.text import is_cjk

#: The value of a trap in the table (a string no name has).
_TRAP: Final = ""


@dataclass(frozen=True)
class Found:
    """A name or code in the text: what it stands for, and where."""

    value: str
    start: int
    end: int


def _word_char(char: str) -> bool:
    return char.isascii() and char.isalnum()


class NameIndex:
    """Surface strings -> values, matched leftmost-longest; Latin names as whole words
    (case-sensitive: "Chad", not "chad")."""

    def __init__(self, names: Mapping[str, str], traps: tuple[str, ...] = ()) -> None:
        # a trap is a name of nothing: matched leftmost-longest like the others, so a trap
        # hides the shorter name inside it (印度 in 印度洋) but not the longer name around it
        # (印度洋 in 英属印度洋领地)
        self.names = {**{trap: _TRAP for trap in traps}, **names}
        lengths: dict[str, set[int]] = {}
        for surface in self.names:
            if surface:
                lengths.setdefault(surface[0], set()).add(len(surface))
        self.lengths = {c: sorted(n, reverse=True) for c, n in lengths.items()}

    def find(self, text: str) -> list[Found]:
        """Every non-overlapping name in `text`, leftmost-longest."""
        found: list[Found] = []
        index, size = 0, len(text)
        while index < size:
            match = self._at(text, index)
            if match is None:
                index += 1
                continue
            if match.value != _TRAP:
                found.append(match)
            index = match.end
        return found

    def spans(self, text: str) -> tuple[tuple[int, int], ...]:
        """Where the names of `text` are printed (what `find` finds)."""
        return tuple((found.start, found.end) for found in self.find(text))

    def _at(self, text: str, index: int) -> Found | None:
        char = text[index]
        if _word_char(char) and index > 0 and _word_char(text[index - 1]):
            return None
        for length in self.lengths.get(char, ()):
            surface = text[index : index + length]
            value = self.names.get(surface)
            if value is None or len(surface) < length:
                continue
            end = index + length
            if surface[-1].isascii() and end < len(text) and _word_char(text[end]):
                continue
            return Found(value, index, end)
        return None


_QUESTION_ZH = re.compile(r"第\s?([1-7])\s?/\s?([12])\s?号课题")
_QUESTION_SG = re.compile(r"第([12])研究组第([1-7])号课题")
_QUESTION_EN = re.compile(r"\b(?:Question|Q)\s?([1-7])/([12])\b")
_SDG = re.compile(
    r"(?:可持续发展目标|SDG|Sustainable Development Goal)\s?(?:具体目标|[Tt]arget)?\s?"
    r"(1[0-7]|[1-9])\.([0-9]{1,2}|[a-dA-D])(?![\d.])"
)
_WSIS = re.compile(r"(?:行动方面|[Aa]ction [Ll]ine|WSIS)\s?(C(?:1[01]|[1-9]))(?!\d)")
_RI_CODE = re.compile(r"\b(AFR|AMS|ARB|ASP|CIS|EUR)\s?(?:RI\s?)?([1-5])\b")
_YEAR = re.compile(r"(?<![\d.])(?:19|20)\d{2}(?![\d.])")


def questions(text: str) -> Iterator[Found]:
    """Questions as notation `Q5/2`: 第5/2号课题, 第2研究组第5号课题, Question 5/2, Q5/2."""
    for match in _QUESTION_ZH.finditer(text):
        yield Found(f"Q{match.group(1)}/{match.group(2)}", *match.span())
    for match in _QUESTION_SG.finditer(text):
        yield Found(f"Q{match.group(2)}/{match.group(1)}", *match.span())
    for match in _QUESTION_EN.finditer(text):
        yield Found(f"Q{match.group(1)}/{match.group(2)}", *match.span())


def sdg_targets(text: str) -> Iterator[Found]:
    """SDG targets named with their goal word: SDG 9.c, 可持续发展目标具体目标9.c (never a bare
    "具体目标3.5", which the report uses for ITU's own targets)."""
    for match in _SDG.finditer(text):
        yield Found(f"{match.group(1)}.{match.group(2).lower()}", *match.span())


def wsis_lines(text: str) -> Iterator[Found]:
    """WSIS action lines named as such: 行动方面C5, action line C5, WSIS C7."""
    for match in _WSIS.finditer(text):
        yield Found(match.group(1), *match.span())


def initiative_codes(text: str) -> Iterator[Found]:
    """Regional initiatives by code: ASP RI 3, ASP3."""
    for match in _RI_CODE.finditer(text):
        yield Found(f"{match.group(1)}{match.group(2)}", *match.span())


#: Words just before a year that make it a target ("到2030年", "by 2030").
_TARGET_BEFORE: Final = ("到", "至")
_TARGET_WORDS: Final = ("by", "By", "until", "before")
_TARGET_AFTER: Final = ("年议程", "年前", "年之前", " Agenda", "年可持续发展议程")


def _ends_with_word(text: str, word: str) -> bool:
    """Whether `text` ends with `word` as a whole word."""
    return text.endswith(word) and not _word_char(text[-len(word) - 1 : -len(word)] or " ")


def years(text: str) -> Iterator[tuple[Found, bool]]:
    """Every year printed (19xx, 20xx), and whether it dates the activity (not a target such
    as "到2030年" or "by 2030", nor the year of a title in 《》)."""
    for match in _YEAR.finditer(text):
        start, end = match.span()
        before, after = text[max(0, start - 6) : start], text[end : end + 9]
        stripped = before.rstrip()
        target = (
            stripped.endswith(_TARGET_BEFORE)
            or any(_ends_with_word(stripped, word) for word in _TARGET_WORDS)
            or after.startswith(_TARGET_AFTER)
        )
        opened = text.rfind("《", 0, start)
        cited = opened != -1 and text.rfind("》", 0, start) < opened
        if cited and re.search("发布|推出|launched|published", text[max(0, opened - 8) : opened]):
            cited = False
        yield Found(match.group(0), start, end), not (target or cited)


def has_cjk(text: str) -> bool:
    """Whether any Chinese character is in `text`."""
    return any(is_cjk(c) for c in text)
