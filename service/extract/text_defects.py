"""Source defects that rules find in the text itself, line by line, anywhere in the report.

Each rule stands for a class of defect, so the whole text is searched, not known lines:
- `missing-annex`: an annex the text cites (见附件1, 附件2提供…) that the report does not contain;
- `missing-reference`: a link or web page the text points to (请点击此处, 见以下网页, 网站链接)
  that was lost when the text was exported;
- `question-notation`: a study-group Question written otherwise than 第X/Y号课题
  (第2研究组第3号课题 for Question 3/2);
- `duplicated-text`: words printed twice (和和, 为为), two prepositions where one is meant (于在),
  a gloss that repeats its own term (电信发展局（电信发展局）);
- `punctuation`: a bracket or quotation mark closed by the wrong partner ("(APCICT/UNESCAP）",
  ”…“);
- `country-name-variant`: a country written in a non-standard, abbreviated, short or former form
  (孟加拉, 波黑, 沙特, 阿联酋, 俄罗斯, 马其顿, 瓜地马拉), or 多米尼加 for Dominica (UN: 多米尼克);
- `figure-conflict`: a count followed by a bracketed list of a different length
  ("五个国家（安提瓜和巴布达、巴巴多斯、圭亚那和牙买加）").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from service.extract.defects import SourceIssue
from service.extract.gazetteer import Gazetteer
from service.extract.numbers import chinese_number
from service.extract.source import Line
from service.extract.structure import Passage
from service.reference import read_table

_ANNEX = re.compile(r"附件\s*(\d+)")
_LINK = re.compile(
    r"(?:请|可)?(?:点击|查看|访问)?\s*此处|点击这里|见以下网页|(?:网站|研究组的)链接|这里下载"
)
_QUESTION_VARIANT = re.compile(r"第([12])研究组第([1-7])号课题")
# "于在" only after an actor ("国际电联于在经社理事会"), not in 关于在, 用于在, 侧重于在…
_DOUBLED = re.compile(r"(和和|为为|的的|与与|在在|了了|及及|并并)|(?<=[联局])于在")
_GLOSS_REPEAT = re.compile(r"(\S{2,8})（\1）")
_BRACKETS = re.compile(r"\([^()（）]*）|（[^()（）]*\)")
_COUNT_LIST = re.compile(
    r"(\d+|[二两三四五六七八九十]+)个(?:[^（）。，；]{0,8})（([^（）]{4,200})）"
)
#: variant types of `countries.csv` that are a defect of the text, not an official long form
VARIANT_TYPES = ("abbreviation", "short form", "former name", "non-standard spelling",
                 "ambiguous short form")  # fmt: skip


@dataclass(frozen=True)
class NameVariant:
    """A country name as the report writes it that is not the standard UN Chinese name."""

    surface: str
    iso3: str
    standard: str
    kind: str


def read_name_variants(path: Path) -> tuple[dict[str, NameVariant], frozenset[str]]:
    """The country names of `countries.csv` whose variant type is a defect of the text, and
    every standard name (a variant inside one, 俄罗斯 in 白俄罗斯, is no variant)."""
    variants = {}
    names: set[str] = set()
    for row in read_table(path):
        kind = row["variant_type"]
        surface, standard = row["name_zh_as_written"], row["canonical_zh_un"]
        names.update(n.strip() for n in standard.split("/"))
        if not kind.startswith(VARIANT_TYPES):
            names.add(surface)
        elif surface != standard:
            variants[surface] = NameVariant(surface, row["iso3"], standard, kind.split(" (")[0])
    return variants, frozenset(names - set(variants))


def _affects(passages: list[Passage], line: int) -> list[str]:
    return [f"activity/{p.key}" for p in passages if p.start <= line <= p.end]


def _issue(slug: str, kind: str, line: int, comment: str, passages: list[Passage],
           choice: str = "recorded as printed") -> SourceIssue:  # fmt: skip
    return SourceIssue(slug, kind, line, line, comment, _affects(passages, line), choice)


def missing_annexes(lines: list[Line], passages: list[Passage]) -> Iterator[SourceIssue]:
    for line in lines:
        for number in sorted(set(_ANNEX.findall(line.text))):
            yield _issue(
                f"missing-annex-{number}-l{line.number}", "missing-annex", line.number,
                f"The text cites Annex {number} (附件{number}), but the report as exported "
                "contains no annexes.", passages, "the citation is kept; nothing is linked to it",
            )  # fmt: skip


def missing_references(lines: list[Line], passages: list[Passage]) -> Iterator[SourceIssue]:
    for line in lines:
        match = _LINK.search(line.text)
        if match:
            yield _issue(
                f"missing-reference-l{line.number}", "missing-reference", line.number,
                f"'{match.group(0)}' points to a link or web page that is not in the text (the "
                "hyperlink was lost when the document was exported).", passages,
            )  # fmt: skip


def question_notations(lines: list[Line], passages: list[Passage]) -> Iterator[SourceIssue]:
    for line in lines:
        for group, number in _QUESTION_VARIANT.findall(line.text):
            yield _issue(
                f"question-notation-{number}-{group}-l{line.number}", "question-notation",
                line.number,
                f"Question {number}/{group} is written '第{group}研究组第{number}号课题' "
                f"instead of the usual notation '第{number}/{group}号课题'.", passages,
                f"linked to Question {number}/{group}",
            )  # fmt: skip


def duplicated_text(lines: list[Line], passages: list[Passage]) -> Iterator[SourceIssue]:
    for line in lines:
        found = [m.group(0) for m in _DOUBLED.finditer(line.text)]
        found += [f"{m.group(1)}（{m.group(1)}）" for m in _GLOSS_REPEAT.finditer(line.text)]
        if found:
            words = "', '".join(found)
            yield _issue(
                f"duplicated-text-l{line.number}", "duplicated-text", line.number,
                f"Words printed twice or doubled where one is meant: '{words}'.", passages,
            )  # fmt: skip


def mismatched_punctuation(lines: list[Line], passages: list[Passage]) -> Iterator[SourceIssue]:
    for line in lines:
        text = line.text
        bad = [m.group(0)[:24] for m in _BRACKETS.finditer(text)]
        quotes = [c for c in text if c in "“”"]
        if quotes and quotes[0] == "”":
            bad.append("”…“")
        if bad:
            yield _issue(
                f"punctuation-l{line.number}", "punctuation", line.number,
                f"A bracket or quotation mark is closed by the wrong partner: {'; '.join(bad)}.",
                passages,
            )  # fmt: skip


def country_name_variants(lines: list[Line], passages: list[Passage],
                          variants: dict[str, NameVariant],
                          names: frozenset[str]) -> Iterator[SourceIssue]:  # fmt: skip
    """A variant name wherever it stands on its own, not inside a standard name (孟加拉 in
    孟加拉国, 俄罗斯 in 白俄罗斯 or 俄罗斯联邦, 马其顿 in 北马其顿)."""
    if not variants:
        return
    pattern = re.compile("|".join(sorted(map(re.escape, variants), key=len, reverse=True)))
    for line in lines:
        found = {m.group(0) for m in pattern.finditer(line.text)
                 if not _inside_name(line.text, m.start(), m.group(0), names)}  # fmt: skip
        for surface in sorted(found):
            variant = variants[surface]
            code = variant.iso3.replace("|", "-").lower()
            yield _issue(
                f"country-name-variant-{code}-l{line.number}", "country-name-variant",
                line.number,
                f"'{surface}' is {_article(variant.kind)} {variant.kind} of the country name "
                f"({variant.iso3}); the UN Chinese name is '{variant.standard}'.", passages,
                f"read as {variant.iso3} (see the country links of the activity)",
            )  # fmt: skip


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def _inside_name(text: str, start: int, surface: str, names: frozenset[str]) -> bool:
    """Whether the occurrence at `start` is part of a longer standard name."""
    for name in names:
        if name == surface or surface not in name:
            continue
        offset = name.index(surface)
        if text[start - offset : start - offset + len(name)] == name:
            return True
    return False


def count_list_conflicts(lines: list[Line], passages: list[Passage],
                         countries: Gazetteer) -> Iterator[SourceIssue]:  # fmt: skip
    for line in lines:
        for match in _COUNT_LIST.finditer(line.text):
            number = match.group(1)
            count = int(number) if number.isdigit() else chinese_number(number)
            names = {m.iri for m in countries.find(match.group(2))}
            if len(names) >= 2 and len(names) != count:
                yield _issue(
                    f"count-list-conflict-l{line.number}", "figure-conflict", line.number,
                    f"'{match.group(0)[:40]}…' gives a count of {count} but lists "
                    f"{len(names)} countries.", passages,
                    "the count and every listed country are recorded as printed",
                )  # fmt: skip


def text_issues(lines: list[Line], passages: list[Passage], countries: Gazetteer,
                variants: tuple[dict[str, NameVariant], frozenset[str]]
                ) -> list[SourceIssue]:  # fmt: skip
    """Every defect the line rules find."""
    return [
        *missing_annexes(lines, passages),
        *missing_references(lines, passages),
        *question_notations(lines, passages),
        *duplicated_text(lines, passages),
        *mismatched_punctuation(lines, passages),
        *country_name_variants(lines, passages, *variants),
        *count_list_conflicts(lines, passages, countries),
    ]
