"""What a passage states: initiatives, regions, Questions, SDGs, WSIS lines, years and figures.

Pure functions over the passage text; countries and organisations come from `gazetteer.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from service.extract.structure import REGION_CODES

_REGION_WORD = "(?:非洲|美洲|阿拉伯国家|阿拉伯|亚太|亚洲及太平洋|欧洲|独联体国家|独联体)"
_REGION_LIST = re.compile(rf"({_REGION_WORD}(?:[、和及与]{_REGION_WORD})*)(?:区域|地区)")
_REGION_NAMES = re.compile(_REGION_WORD)
_QUESTION = re.compile(r"第([1-7])/([12])号课题")
_QUESTION_SG = re.compile(r"第([12])研究组第([1-7])号课题")
_QUESTION_SG_MISMATCH = re.compile(r"第([12])研究组第([1-7])/([12])号课题")
_RI_IN_TEXT = re.compile(rf"({_REGION_WORD})(?:区域性举措|区域举措)\s*([1-5])")
_RI_CODE_IN_TEXT = re.compile(r"\b(AFR|AMS|ARB|ASP|CIS|EUR)\s*RI\s*([1-5])\b")
_SDG = re.compile(r"(?:可持续发展目标|SDG)\s*(\d{1,2})(?:\.([0-9a-z]{1,2}))?(?![\d.])")
_WSIS = re.compile(r"行动方面\s*(C\d{1,2})(?:（(电子[^）]{1,4})）)?")
_E_APPS = {
    "电子政务": "e-government", "电子商务": "e-business", "电子学习": "e-learning",
    "电子卫生": "e-health", "电子就业": "e-employment", "电子环境": "e-environment",
    "电子农业": "e-agriculture", "电子科学": "e-science",
}  # fmt: skip
_YEAR = re.compile(
    r"(?<![\d.])((?:19|20)\d{2})(?=\s*(?:年|[-–/]\s*(?:\d{2,4})|和\d{4}年|、\d{4}年))"
)
_YEAR_IN_RANGE = re.compile(r"(?<![\d.])((?:19|20)\d{2})\s*[-–/]\s*((?:19|20)\d{2})\s*年")
_SI_NAMES = {
    "giga": re.compile(r"Giga"),
    "connect2recover": re.compile(r"Connect2Recover|加强连通，促进恢复", re.IGNORECASE),
    "i-codi": re.compile(r"I-CoDI|数字化创新国际中心"),
}


def regions_named(text: str) -> set[str]:
    """Regions named as a whole: 非洲区域, 阿拉伯国家地区, 非洲、美洲和亚太区域 ..."""
    codes = set()
    for enumeration in _REGION_LIST.finditer(text):
        for name in _REGION_NAMES.findall(enumeration.group(1)):
            codes.add(REGION_CODES[name])
    return codes


def questions_named(text: str) -> set[str]:
    """Questions as `number-group`: 第5/2号课题 -> 5-2; 第2研究组第3号课题 -> 3-2."""
    found = {f"{n}-{g}" for n, g in _QUESTION.findall(text)}
    found |= {f"{n}-{g}" for g, n in _QUESTION_SG.findall(text)}
    return found


def question_group_mismatches(text: str) -> list[tuple[str, str]]:
    """(Question, study group printed) where a Question x/1 is said to be SG2's or vice versa."""
    return [(f"{n}/{g}", sg) for sg, n, g in _QUESTION_SG_MISMATCH.findall(text) if sg != g]


def initiatives_named(text: str) -> set[str]:
    """Regional initiatives the text names by region and number."""
    found = {f"{REGION_CODES[r]}{n}" for r, n in _RI_IN_TEXT.findall(text)}
    found |= {f"{r}{n}" for r, n in _RI_CODE_IN_TEXT.findall(text)}
    return found


def strategic_initiatives_named(text: str) -> set[str]:
    """Giga, Connect2Recover, I-CoDI where the text names them."""
    return {slug for slug, pattern in _SI_NAMES.items() if pattern.search(text)}


def sdgs_named(text: str) -> set[str]:
    """SDG goals and targets named explicitly (可持续发展目标4, SDG 9.c); never ITU targets."""
    found = set()
    for goal, target in _SDG.findall(text):
        if 1 <= int(goal) <= 17:
            found.add(f"{int(goal)}.{target}" if target else str(int(goal)))
    return found


def wsis_named(text: str) -> set[str]:
    """WSIS action lines named explicitly: 行动方面C7（电子环境） -> C7-e-environment."""
    found = set()
    for code, application in _WSIS.findall(text):
        found.add(f"{code}-{_E_APPS[application]}" if application in _E_APPS else code)
    return found


def years_printed(text: str) -> set[str]:
    """Every year printed in the text (with 年 or in a range), as printed; not target years."""
    years = set(_YEAR.findall(text))
    for first, last in _YEAR_IN_RANGE.findall(text):
        years.update((first, last))
    return {y for y in years if not 2023 <= int(y) <= 2050}


@dataclass(frozen=True)
class Figure:
    """A figure the passage reports."""

    value: Decimal
    unit: str
    label_en: str
    surface: str


_NUMBER = r"(\d{1,3}(?:[ ,]\d{3})+|\d+(?:\.\d+)?)"
_FIGURES: list[tuple[re.Pattern[str], str, str]] = [
    (re.compile(_NUMBER + r"\s*(多)?(万)?\s*美元"), "USD", "amount in US dollars"),
    (re.compile(_NUMBER + r"\s*(多)?(万)?个(?:国家|成员国)"), "countries", "countries"),
    (
        re.compile(_NUMBER + r"\s*(多)?(万)?(?:门|个|次|期)?(?:在线)?(?:培训)?课程"),
        "courses",
        "courses",
    ),
    (
        re.compile(_NUMBER + r"\s*(多)?(万)?(?:场|次)(?:活动|会议|讲习班|研讨会|网络研讨会|培训)"),
        "events",
        "events",
    ),
    (re.compile(_NUMBER + r"\s*(多)?(万)?(?:名|人)"), "people", "people"),
]


def _people_label(context: str) -> str:
    if re.search(r"培训|受训|学习|课程", context):
        return "people trained"
    if re.search(r"参加|与会|参与|出席", context):
        return "participants"
    if re.search(r"注册|用户", context):
        return "registered users"
    return "people"


def figures_reported(text: str) -> list[Figure]:
    """Figures with their unit and what was counted, in text order; each span counted once."""
    figures: list[tuple[int, Figure]] = []
    taken: list[range] = []
    for pattern, unit, label in _FIGURES:
        for match in pattern.finditer(text):
            span = range(match.start(), match.end())
            if any(set(span) & set(t) for t in taken):
                continue
            number = Decimal(match.group(1).replace(" ", "").replace(",", ""))
            if match.group(3):
                number *= 10_000
            if unit == "people":
                context = text[max(0, match.start() - 25) : match.end() + 25]
                label = _people_label(context)
            taken.append(span)
            figures.append((match.start(), Figure(number, unit, label, match.group(0).strip())))
    return [f for _, f in sorted(figures, key=lambda item: item[0])]
