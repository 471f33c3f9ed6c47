"""Figures: every count, amount, share and duration a text states, with what it counts.

The numbers are read in `numbers.py` and what each counts in `counted.py`; this module puts them
together: a range gives its two bounds, a count restated or referred back to is read once, and
ratios are read as their parts: "48名学员中有四十二（42）人…获得了证书" is 48 trainees and 42 of
them certified, the 42 `part_of` the 48, never 48 certified. Back-references (这两个项目) are no
new figures.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from service.extract.counted import Figure, clause_before, figure_at
from service.extract.numbers import excluded, read_tokens

_RANGE = re.compile(r"\s*[-–]\s*(\d+)")
_PART_MARKER = re.compile(r"(其中(?:包括|有)?|这包括|包括|中有|中的)[^，。；]{0,16}$")
_SENTENCE_END = "。；;"


def _compatible(part: Figure, whole: Figure) -> bool:
    """Whether `part` can be a part of `whole` (a share, a sub-kind, or the same unit)."""
    if whole.unit == "percent":
        return False
    if part.unit in (whole.unit, "percent") or part.generic:
        return part.unit != "percent" or whole.unit != "countries"
    return whole.unit in ("institutions", "organizations") and part.unit in (
        "schools", "health facilities", "institutions", "organizations")  # fmt: skip


def _link_parts(text: str, figures: list[Figure]) -> list[Figure]:
    """A figure after 其中 / 中有 / 中的 / 包括 / an opening bracket is a part of the figure before
    it ("22 197人接受了培训，其中8 057人获得了认证"), and so are the figures after it in the same
    sentence ("这包括48所学校、45家医院/诊所和23个政府机构"); a part with no noun of its own counts
    what its whole counts ("7个CIRT项目正在进行，其中4个处于收尾阶段")."""
    linked = list(figures)
    whole: int | None = None
    for index in range(1, len(linked)):
        between = text[linked[index - 1].end : linked[index].start]
        if any(mark in between for mark in _SENTENCE_END):
            whole = None
        if _PART_MARKER.search(between) or re.search(r"（\s*$", between):
            whole = next((i for i in range(index - 1, -1, -1)
                          if _compatible(linked[index], linked[i])), None)  # fmt: skip
        if whole is not None and _compatible(linked[index], linked[whole]):
            linked[index] = replace(_inherit(linked[index], linked[whole]), part_of=whole)
    return linked


def _inherit(part: Figure, whole: Figure) -> Figure:
    """A part that names no noun of its own counts what its whole counts."""
    if not part.generic or whole.generic:
        return part
    return replace(
        part, unit=whole.unit, label_en=whole.label_en, label_zh=whole.label_zh, generic=False
    )


def _read(text: str) -> list[Figure]:
    """Every figure in printed order; a range gives its two bounds."""
    tokens = read_tokens(text)
    kept = [t for t in tokens if not excluded(text, t)]
    starts = sorted(t.start for t in kept)
    figures: list[Figure] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        bound = _RANGE.match(text, token.end)
        if bound and following is not None and following.start == bound.start(1):
            after = tokens[index + 2].start if index + 2 < len(tokens) else len(text)
            upper = None if excluded(text, following, True) else figure_at(text, following, after)
            if upper is not None:  # "200-300人": both bounds count what the upper one counts
                figures.append(
                    replace(
                        upper,
                        value=token.value,
                        qualifier="at least",
                        start=token.start,
                        printed=text[token.start : upper.end],
                    )
                )
                figures.append(replace(upper, qualifier="at most"))
            index += 2
            continue
        next_start = next((s for s in starts if s > token.start), len(text))
        figure = None if excluded(text, token) else figure_at(text, token, next_start)
        if figure is not None:
            figures.append(figure)
        index += 1
    return figures


def figures_reported(text: str) -> list[Figure]:
    """Every figure of the text in printed order, each once (the same count restated as the base
    of a ratio, "48名代表…48名学员中有…", or referred back to, "这两个社区", is the figure
    already read), parts linked to their whole."""
    unique: list[Figure] = []
    counted: set[tuple[Decimal, str]] = set()
    for figure in _read(text):
        back = re.search(r"(?:这|该|上述)", clause_before(text, figure.start))
        restated = (figure.value, figure.unit) in counted and (
            back or re.match(r"^[^，。；]{0,8}?中(?:有|的)", text[figure.end : figure.end + 10])
        )  # "这39个国家中的24个", "这些EWS向…的两个社区": read already; "这三个国家" alone counts
        if not restated:
            unique.append(figure)
        counted.add((figure.value, figure.unit))
    return _link_parts(text, unique)


__all__ = ["figures_reported"]
