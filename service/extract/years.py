"""Years as printed, each read in its role: when the activity happened, a target, data, a citation.

`baap:year` is only for when the activity happened (or is scheduled to): "2019年12月在突尼斯举办".
Other printed years are kept apart, so a filter on `baap:year` finds what happened then:
- *target* years: a goal's deadline or horizon ("到2030年", "在2030年前实现", "2030年议程") and
  the period a plan, strategy or framework covers ("2020-2025年国家宽带发展计划");
- *data* years: the period the data or evidence an activity analyses covers ("分析2007年以来…
  数据", "提供2007至2019年间的数据");
- *cited* years: the year of a document the passage cites, not of the activity ("第130号决议
  （2018年，迪拜，修订版）", "2017年WTDC第68号决议", "《2020年GCI报告》", "2018年版",
  "联合国2019年报告").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

EVENT, TARGET, DATA, CITED = "event", "target", "data", "cited"

_Y = r"(?:19|20)\d{2}"
# one printed year expression: a list or range ending in 年, or a year in brackets without 年
_EXPRESSION = re.compile(
    rf"(?<![\d.A-Za-z])(?<![A-Za-z]-)({_Y}(?:\s*(?:年\s*)?(?:[-–/至到]|和|、|或)\s*(?:{_Y}|\d{{3}}(?=\s*年)))*)"
    rf"(\s*年|(?=\s*）))"
)
_FOUR = re.compile(_Y)
# "2018和019年" (L251): a listed year that lost its leading digit, read with the digit before it
_TRUNCATED = re.compile(rf"({_Y})\s*[和、]\s*(\d{{3}})\s*年")

_PLAN_NOUNS = (
    r"(?:国家|新的)?[^，。；（）]{0,12}?(?:战略|计划|规划|框架|UNSDCF|UNSCDF|合作框架"
    r"|可持续发展基金|研究期)"
)
_TARGET_BEFORE = re.compile(r"(?<!持续)(?<!延续)到\s*$")
_TARGET_AFTER = re.compile(
    r"^(?:(?:第.季度|底|年底)?\s*(?:时|前|之前)?\s*[，,]?\s*(?!已)(?:[^，。；]{0,24}?)"
    r"(?:实现|将|应|增加|提供|培训|力争|努力|达到|连上|普及))"
)
_BEFORE_GOAL = re.compile(r"(?:前|之前)\s*实现")
_AGENDA = re.compile(r"^\s*(?:联合国)?(?:可持续发展)?议程")
_DATA_AFTER = re.compile(r"^(?:以来|间|期间)?[^，。；]{0,24}?(?:数据|证据|数据集)")
_CITED_BRACKET = re.compile(r"（[^（）]{0,12}$")  # "第130号决议（2018年，迪拜，修订版）"
_CITED_BRACKET_AFTER = re.compile(r"^[^（）]{0,16}修订版）")
_CITED_AFTER = re.compile(r"^\s*(?:WTDC|世界电信发展大会)?\s*第\d+号决议|^\s*版|^\s*通过的")
_REPORT_AFTER = re.compile(r"^\s*报告")
# a title whose year is the year it came out: "新发布的《2020年…报告》"
_NEW_TITLE = re.compile(r"(?:新发布的|发布了|推出了)\s*《[^《》]*$")


@dataclass
class Years:
    """The years a text prints, by role."""

    event: set[str] = field(default_factory=set)
    target: set[str] = field(default_factory=set)
    data: set[str] = field(default_factory=set)
    cited: set[str] = field(default_factory=set)

    def add(self, role: str, years: set[str]) -> None:
        getattr(self, role).update(years)

    def all(self) -> set[str]:
        return self.event | self.target | self.data | self.cited


def _in_title(text: str, start: int) -> bool:
    """Whether `start` sits inside a 《title》."""
    opened = text.rfind("《", 0, start)
    return opened != -1 and text.rfind("》", 0, start) < opened


def _is_plan_period(text: str, end: int, years: list[str]) -> bool:
    """A range followed by a plan noun ("2020-2025年国家宽带发展计划"); a study period from 2022
    on is a future one, the current "2018-2021年研究周期" is when the work happened."""
    after = text[end : end + 20]
    if len(years) < 2 or not re.match(_PLAN_NOUNS, after):
        return False
    return "研究期" not in after[:6] or min(int(y) for y in years) >= 2022


def year_role(text: str, start: int, end: int, years: list[str]) -> str:
    """The role of the year expression `text[start:end]` (its years listed in `years`)."""
    before, after = text[max(0, start - 8) : start], text[end : end + 40]
    bracket = _CITED_BRACKET.search(text[max(0, start - 12) : start])
    if (bracket and _CITED_BRACKET_AFTER.match(after)) or _CITED_AFTER.match(after):
        return CITED
    if _AGENDA.match(after) or _BEFORE_GOAL.match(after.lstrip()):
        return TARGET
    if _TARGET_BEFORE.search(before) and _TARGET_AFTER.match(after):
        return TARGET
    if before.endswith("“") and "”计划" in after[:16]:
        return TARGET  # "“2021年7月-2022年7月”计划"
    if _in_title(text, start) and not _NEW_TITLE.search(text[max(0, start - 14) : start]):
        return CITED
    if _REPORT_AFTER.match(after) and "新" not in before:
        return CITED
    if _is_plan_period(text, end, years) or re.match(r"^\s*\S{0,3}”\s*计划", after):
        return TARGET
    if _DATA_AFTER.match(after) and re.search(r"(?:分析|提供|基于|收集|汇编)\s*$", before):
        return DATA
    return EVENT


def _expand(expression: str) -> list[str]:
    """The years of "2018、2019和2020", "2019-2022", "2018和019" (L251: the digit restored)."""
    found = _FOUR.findall(expression)
    truncated = _TRUNCATED.search(expression + "年")
    if truncated:
        first, tail = truncated.groups()
        restored = first[0] + tail
        if abs(int(restored) - int(first)) <= 5:
            found.append(restored)
    return found


def classify_years(text: str) -> Years:
    """Every year printed in `text` (with 年, in a list or range, or bracketed), by role. A lone
    year from 2023 on that no rule places is read as a target ("2030年" in a goal)."""
    result = Years()
    for match in _EXPRESSION.finditer(text):
        years = _expand(match.group(1))
        if not years:
            continue
        role = year_role(text, match.start(), match.end(), years)
        if role == EVENT and all(2023 <= int(y) <= 2050 for y in years):
            role = TARGET
        result.add(role, set(years))
    return result
