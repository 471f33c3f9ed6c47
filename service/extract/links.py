"""What a passage states: initiatives, regions, Questions, SDGs, WSIS lines, years and figures.

Pure functions over the passage text; countries and organisations come from `gazetteer.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from service.extract.structure import REGION_CODES, REGION_NAMES

_REGION_WORD = f"(?:{REGION_NAMES})"
_REGION_LIST = re.compile(rf"({_REGION_WORD}(?:[、和及与]{_REGION_WORD})*)(?:区域|地区)")
_REGION_NAME = re.compile(_REGION_WORD)
_QUESTION = re.compile(r"第([1-7])/([12])号课题")
_QUESTION_SG = re.compile(r"第([12])研究组第([1-7])号课题")
_QUESTION_SG_MISMATCH = re.compile(r"第([12])研究组第([1-7])/([12])号课题")
_RI_IN_TEXT = re.compile(rf"({_REGION_WORD})(?:区域性举措|区域举措)\s*([1-5])")
_RI_CODE_IN_TEXT = re.compile(r"\b(AFR|AMS|ARB|ASP|CIS|EUR)\s*RI\s*([1-5])\b")
# "可持续发展目标具体目标9.C" (L940) names an SDG target with an upper-case letter; a bare
# "具体目标3.5" (L502) is an ITU strategic target and is not matched
_SDG = re.compile(
    r"(?:可持续发展目标|SDG)\s*(?:具体目标)?\s*(\d{1,2})(?:\.([0-9a-zA-Z]{1,2}))?(?![\d.])"
)
_WSIS = re.compile(r"行动方面\s*(C\d{1,2})(?:（(电子[^）]{1,4})）)?")
_E_APPS = {
    "电子政务": "e-government", "电子商务": "e-business", "电子学习": "e-learning",
    "电子卫生": "e-health", "电子就业": "e-employment", "电子环境": "e-environment",
    "电子农业": "e-agriculture", "电子科学": "e-science",
}  # fmt: skip
# a year before 年, a range, or a list ending in 年: "2018、2019、2020、2021年" dates all four
_YEAR = re.compile(
    r"(?<![\d.])((?:19|20)\d{2})(?=\s*(?:年|[-–/]\s*(?:\d{2,4})|(?:[和、]\s*(?:19|20)\d{2})+\s*年))"
)
_YEAR_IN_RANGE = re.compile(r"(?<![\d.])((?:19|20)\d{2})\s*[-–/]\s*((?:19|20)\d{2})\s*年")
# "2018和019年" (L251): a listed year that lost its leading digit; read with the digit of the
# year before it (the source issue year-typo-019-l251 records the reading)
_YEAR_TRUNCATED = re.compile(r"(?<![\d.])((?:19|20)\d{2})\s*[和、]\s*(\d{3})\s*年")
_SI_NAMES = {
    "giga": re.compile(r"Giga"),
    "connect2recover": re.compile(r"Connect2Recover|加强连通，促进恢复", re.IGNORECASE),
    "i-codi": re.compile(r"I-CoDI|数字化创新国际中心"),
}


def regions_named(text: str) -> set[str]:
    """Regions named as a whole: 非洲区域, 阿拉伯国家地区, 非洲、美洲和亚太区域 ..."""
    codes = set()
    for enumeration in _REGION_LIST.finditer(text):
        for name in _REGION_NAME.findall(enumeration.group(1)):
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
            found.add(f"{int(goal)}.{target.lower()}" if target else str(int(goal)))
    return found


def wsis_named(text: str) -> set[str]:
    """WSIS action lines named explicitly: 行动方面C7（电子环境） -> C7-e-environment."""
    found = set()
    for code, application in _WSIS.findall(text):
        found.add(f"{code}-{_E_APPS[application]}" if application in _E_APPS else code)
    return found


def years_printed(text: str) -> set[str]:
    """Every year printed in the text (with 年 or in a range), as printed. A lone year from 2023
    on is a target ("到2030年"), not a date; the end of a printed period ("2020-2025年") is kept."""
    years = {y for y in _YEAR.findall(text) if not 2023 <= int(y) <= 2050}
    for first, last in _YEAR_IN_RANGE.findall(text):
        years.update((first, last))
    for first, tail in _YEAR_TRUNCATED.findall(text):
        restored = first[0] + tail
        if abs(int(restored) - int(first)) <= 5:
            years.update((first, restored))
    return years


@dataclass(frozen=True)
class Figure:
    """A figure the passage reports."""

    value: Decimal
    unit: str
    label_en: str
    surface: str


# digits grouped by a space, a no-break space (U+00A0, 13 times in the source) or a comma
_NUMBER = r"(\d{1,3}(?:[ \u00a0,]\d{3})+(?![\d])|\d+(?:\.\d+)?)"
# 多 / 万 / 亿 around the number, a closing bracket after a number printed as "四十二（42）"
_SCALE = r"）?\s*(多)?(万|亿)?(多)?\s*"
_GAP = r"[^\d，。；、：:（）()“”]{0,%d}?"
_CN_DIGITS = {
    "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_NUMBER = (
    r"(?<![第一二两三四五六七八九十百千])"
    r"([二两三四五六七八九十][一二两三四五六七八九十百千]*|一[十百千][一二两三四五六七八九十百千]*)"
)
_PEOPLE_NOUN = r"(?:名|人|位)"


def _noun(pattern: str, unit: str, label: str, gap: int = 8) -> tuple[re.Pattern[str], str, str]:
    """NUMBER + measure word + up to `gap` characters + the noun counted."""
    return re.compile(_NUMBER + _SCALE + pattern.replace("GAP", _GAP % gap)), unit, label


# checked in this order; a span claimed by an earlier pattern is not counted again
_FIGURES: list[tuple[re.Pattern[str], str, str]] = [
    _noun(r"美元", "USD", "amount in US dollars"),
    _noun(r"个(?:不同|非洲|国家的)?(?:国家|成员国|经济体)", "countries", "countries"),
    _noun(r"(?:所)GAP学校", "schools", "schools", 4),
    _noun(
        r"(?:门|个|次|期)(?:CoE|SMTP)?(?:经)?(?:认证|在线|面对面|培训|讲师指导|新的)*"
        r"(?:课程|培训班|培训)",
        "courses",
        "courses",
        0,
    ),
    _noun(
        r"(?:场|次)GAP(?:活动|会议|讲习班|研讨会|培训|论坛|演练|对话|会外活动)",
        "events",
        "events",
        12,
    ),
    _noun(r"(?:个|家)GAP(?:医院|诊所)", "hospitals", "hospitals and clinics", 2),
    _noun(r"个GAP保健中心", "health centres", "health centres", 2),
    _noun(r"个GAP(?:监管机构)", "regulators", "regulatory authorities", 2),
    _noun(r"(?:个|家)GAP(?:机构|实体)", "institutions", "institutions", 6),
    _noun(r"个GAP(?:组织)", "organizations", "organizations", 8),
    _noun(r"个GAP部委", "ministries", "ministries", 2),
    _noun(
        r"个GAP(?:技术园区|孵化器)",
        "technology parks and incubators",
        "technology parks and incubators",
        2,
    ),
    _noun(r"(?:个|家)GAP(?:合作伙伴|伙伴)", "partners", "partners", 4),
    _noun(r"家GAP(?:运营商)", "operators", "operators", 2),
    _noun(r"(?:个|家)GAP初创企业", "start-ups", "start-ups", 2),
    _noun(r"个GAP城市", "cities", "cities", 2),
    _noun(r"个GAP(?:研究)?项目", "projects", "projects", 2),
    _noun(r"个GAP(?:农村)?地区", "areas", "areas", 2),
    _noun(r"个GAP利益攸关方", "stakeholders", "stakeholders", 2),
    _noun(r"份GAP注册", "registrations", "registrations", 0),
    _noun(r"份GAP(?:提交资料|文件|出版物)", "documents", "documents submitted", 2),
    _noun(r"项GAP(?:伙伴关系)?协议", "agreements", "partnership agreements", 6),
    _noun(r"项GAP提名", "nominations", "nominations", 2),
    _noun(r"(?:项|种)GAP(?:政策|工具|做法|指标)", "items", "items", 12),
    _noun(r"多?(?:种|份)GAP(?:出版物)", "publications", "publications", 8),
    _noun(r"(?:万)?公里", "km", "kilometres of network", 0),
    _noun(r"次GAP点击", "clicks", "web hits", 2),
    (re.compile(r"(?<=学校中的)" + _NUMBER + r"所"), "schools", "schools"),
    (re.compile(_NUMBER + r"\s*%"), "percent", "percent"),
    _noun(_PEOPLE_NOUN, "people", "people", 0),
    _noun(r"(?:公民|与会者|参与者|学员|年轻人)", "people", "people", 0),
    # counts printed in Chinese numerals ("五百多名", "二十个国家", "九个国家"); never a lone 一
    # ("每一所学校", "一名代表") nor an ordinal ("第三期")
    (re.compile(_CN_NUMBER + r"(多)?(个(?:不同|非洲)?(?:国家|成员国))"), "countries", "countries"),
    (re.compile(_CN_NUMBER + r"(多)?(?:名|位)"), "people", "people"),
]
_CLAUSE_END = re.compile(r"[，。；,;]")


_CERTIFIED = re.compile(r"获得[^，。；]{0,12}?(?:认证|证书)|通过考试|考试并通过|验证|进行了认证")
_PEOPLE_KINDS = [
    (re.compile(r"报名|注册|用户"), "registered users"),
    (
        re.compile(r"参加了?培训|接受了?[^，。；]{0,6}?培训|培训|受训|学习|课程|学员"),
        "people trained",
    ),
    (re.compile(r"参加|与会|参与|出席|关注|观看|远程|亲自|代表"), "participants"),
]


def _people_label(after: str, before: str) -> str:
    """What a count of people counted: certification anywhere in its own clause, else the
    clause's first keyword, else the last keyword of the words just before it."""
    clause = _CLAUSE_END.split(after, maxsplit=1)[0]
    if _CERTIFIED.search(clause):
        return "people certified"
    hits = [
        (m.start(), -len(m.group(0)), kind)
        for pattern, kind in _PEOPLE_KINDS
        for m in pattern.finditer(clause)
    ]
    if hits:
        return min(hits)[2]
    hits = [
        (m.end(), len(m.group(0)), kind)
        for pattern, kind in _PEOPLE_KINDS
        for m in pattern.finditer(before)
    ]
    return max(hits)[2] if hits else "people"


def _percent_label(after: str) -> str:
    clause = _CLAUSE_END.split(after, maxsplit=1)[0]
    if re.search(r"女性|女孩|妇女", clause):
        return "share of women"
    if re.search(r"男性", clause):
        return "share of men"
    return "percent"


def _chinese_number(text: str) -> int:
    """五百 -> 500, 二十 -> 20, 十五 -> 15, 九 -> 9."""
    total, digit = 0, 0
    for char in text:
        if char in _CN_UNITS:
            total += (digit or 1) * _CN_UNITS[char]
            digit = 0
        else:
            digit = _CN_DIGITS[char]
    return total + digit


def _value(match: re.Match[str]) -> Decimal:
    digits = re.sub(r"[ \u00a0,]", "", match.group(1))
    number = Decimal(digits) if digits[0].isdigit() else Decimal(_chinese_number(digits))
    groups = match.groups()
    scale = groups[2] if len(groups) >= 3 else None
    if scale == "万":
        number *= 10_000
    elif scale == "亿":
        number *= 100_000_000
    return number


def figures_reported(text: str) -> list[Figure]:
    """Figures with their unit and what was counted, in text order; each span counted once."""
    figures: list[tuple[int, Figure]] = []
    taken: list[tuple[int, int]] = []
    for pattern, unit, label in _FIGURES:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            if start > 0 and text[start - 1] in "0123456789.":
                continue  # the tail of a longer number
            number = _value(match)
            after = text[end : end + 30]
            if unit == "people":
                label = _people_label(after, text[max(0, start - 24) : start])
            elif unit == "percent":
                label = _percent_label(after)
            taken.append((start, end))
            figures.append((start, Figure(number, unit, label, match.group(0).strip())))
    return [f for _, f in sorted(figures, key=lambda item: item[0])]
