"""Numbers as printed: Arabic digits ("2 000", "8 057", "2.46") and Chinese numerals ("三次",
"五百多名", "二十个国家"), with their scale (万, 亿), their qualifier (多, 超过, 近, 约, 最多) and,
for "四十二（42）人", the Arabic gloss as one number; and the numbers that are no figures.

Not figures: years and dates, ordinals (第三期), codes and names with digits (5G, COVID-19,
GSR-19, Connect2Recover), resolution, section, goal and target numbers, ages, hurricane
categories, frequencies (每年两次), list numbering and lone 一.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

_ARABIC = r"\d{1,3}(?:[ \u00a0,]\d{3})+(?!\d)|\d+(?:\.\d+)?"
_CHINESE = r"[一二两三四五六七八九十百千]+"
_TOKEN = re.compile(rf"({_ARABIC})|({_CHINESE})")
_GLOSS = re.compile(r"（\s*(\d{1,3}(?:[ \u00a0,]\d{3})+|\d+)\s*）")
_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9}  # fmt: skip
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_QUALIFIER_BEFORE = re.compile(r"(超过|多达|高达|最多|至少|大约|约有|约|近|逾|不到|不足)\s*$")
_QUALIFIER_WORDS = {
    "超过": "more than", "逾": "more than", "多": "more than", "余": "more than",
    "多达": "up to", "高达": "up to", "最多": "up to", "至少": "at least", "以上": "at least",
    "大约": "about", "约": "about", "约有": "about", "左右": "about", "近": "nearly",
    "不到": "fewer than", "不足": "fewer than",
}  # fmt: skip
_SCALE = re.compile(r"\s*(多|余)?\s*(万|亿)?\s*(多|余)?")
# what rules a number out, looking at the characters just before and after it
_NOT_BEFORE = re.compile(
    r"(?:第|附件|支柱|目标|举措|RI\s?|Ref:|\[|课题|工业|义务|IMT\s?|GET\s?|INK\s?|USO\s?|"
    r"每年[^，。；]{0,4}|第\d+[和、]|红|#|/|[A-Za-z]-?|-|\.)\s*$"
)
_NOT_AFTER = re.compile(
    r"^\s*(?:年(?!内|的趋势|半|以来|多)|月|日|号|周年|级|岁|时|世纪|国集团|G\b|[A-Za-z]|"
    r"/\d|-[^\d\s]|）[^个名人]|\.\d|字|维|赢|方的|年期|性|年一度|周前)"
)
_LIST_NUMBER = re.compile(r"(?:^|[：；。\s])\s*$")


@dataclass
class Token:
    """A number of the text: where it is printed, its value and its qualifier."""

    start: int
    end: int  # after the number, its gloss and its scale
    value: Decimal
    qualifier: str


def chinese_number(text: str) -> int:
    """五百 -> 500, 二十 -> 20, 十五 -> 15, 四十二 -> 42, 一千 -> 1000."""
    total, digit = 0, 0
    for char in text:
        if char in _CN_UNITS:
            total += (digit or 1) * _CN_UNITS[char]
            digit = 0
        else:
            digit = _CN_DIGITS[char]
    return total + digit


def _valid_chinese(numeral: str) -> bool:
    """A lone 一 ("一名代表", "一次活动") is an article, not a count; 一 counts before 十百千."""
    return not numeral.startswith("一") or (len(numeral) > 1 and numeral[1] in _CN_UNITS)


def read_tokens(text: str) -> list[Token]:
    """Every number of the text with its scale, qualifier and Arabic gloss, unfiltered."""
    tokens: list[Token] = []
    position = 0
    while True:
        match = _TOKEN.search(text, position)
        if match is None:
            return tokens
        start, end = match.span()
        position = end
        arabic, chinese = match.groups()
        if chinese is not None:
            if not _valid_chinese(chinese):
                continue
            value = Decimal(chinese_number(chinese))
            gloss = _GLOSS.match(text, end)
            if gloss:  # "四十二（42）": the Arabic gloss is the same figure
                value = Decimal(re.sub(r"[ \u00a0,]", "", gloss.group(1)))
                end = position = gloss.end()
        else:
            value = Decimal(re.sub(r"[ \u00a0,]", "", arabic))
        scale = _SCALE.match(text, end)
        qualifier = ""
        if scale and (scale.group(2) or scale.group(1) or scale.group(3)):
            if scale.group(2) == "万":
                value *= 10_000
            elif scale.group(2) == "亿":
                value *= 100_000_000
            if scale.group(1) or scale.group(3):
                qualifier = _QUALIFIER_WORDS["多"]
            end = scale.end()
        before = _QUALIFIER_BEFORE.search(text[max(0, start - 4) : start])
        if before:
            qualifier = _QUALIFIER_WORDS[before.group(1)]
            start -= len(before.group(0))
        tokens.append(Token(start, end, value, qualifier))


def _number_start(text: str, token: Token) -> int:
    """Where the digits begin (after a qualifier word such as 超过)."""
    match = _TOKEN.search(text, token.start)
    return match.start() if match else token.start


def excluded(text: str, token: Token, upper_bound: bool = False) -> bool:
    """Whether the number is no figure (a year, a date, a code, an ordinal...); the upper bound
    of a range ("200-300人") is read past its hyphen."""
    start = _number_start(text, token)
    digits = text[start : token.end]
    before, after = text[max(0, start - 8) : start], text[token.end : token.end + 6]
    raw_end = start + len(_TOKEN.match(text, start).group(0))  # type: ignore[union-attr]
    raw_after = text[raw_end : raw_end + 6]
    if upper_bound:
        before = before.rstrip("-– ")
    span = re.search(r"(?:未来|过去|今后|为期)\s*$", before) and raw_after.startswith("年")
    if _NOT_BEFORE.search(before) or (_NOT_AFTER.match(raw_after) and not span):
        return True  # (a span of years, "未来30年", "过去四年", is a duration)
    if re.fullmatch(r"(?:19|20)\d{2}", digits.strip()) and not re.match(
        r"\s*(?:多|余)?\s*(?:名|人|所|个|家)", after
    ):
        return True  # a year, or a name with a year ("WINLINK 2000")
    if re.match(r"\s*[\t）)]|\s*-\D", raw_after) and _LIST_NUMBER.search(before):
        return True  # "1\t完成了…", "1）为普遍…", "1-为什么是C&I？"
    if _inside_quote(text, start) or text[raw_end : raw_end + 2] == "十年" and "老龄化" in before:
        return True
    return "老龄化" in before and digits == "十"


def _inside_quote(text: str, start: int) -> bool:
    """Inside a short quoted name ("“信息通信年轻女性的10个瞬间”")."""
    opened = text.rfind("“", 0, start)
    if opened == -1 or text.rfind("”", 0, start) > opened:
        return False
    closing = text.find("”", start)
    return closing != -1 and closing - opened <= 30


__all__ = ["Token", "chinese_number", "excluded", "read_tokens"]
