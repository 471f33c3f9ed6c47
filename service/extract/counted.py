"""What a figure counts: for each number of a text, its unit and a label in English and Chinese.

A count counts the noun after its classifier, close behind it ("188个国家") or at the head of the
noun phrase ("22个与CIRT有关的项目"), else a kind of person named just before it; people (and
places) are further told apart by what the clause says they did (trained, certified, registered,
took part). A number before %, 美元, 倍, a duration or 公里 is a share, an amount, a multiple, a
duration or a distance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from service.extract.nouns import (
    CLASSIFIER_NOUNS,
    CLASSIFIER_ZH,
    CLASSIFIERS,
    NOUN_PATTERN,
    NOUNS,
    PEOPLE_ALSO,
    PEOPLE_CLASSIFIERS,
    Noun,
)
from service.extract.numbers import Token

_PERCENT = re.compile(r"^\s*%")
_MONEY = re.compile(r"^\s*美元")
_DURATION = re.compile(r"^\s*(个月|天|周|年半|年)")
_MULTIPLE = re.compile(r"^\s*倍")
_CLAUSE = re.compile(r"[，。；,;：:]")

_ROLES = (  # (pattern, English, Chinese) in priority order
    (re.compile(r"(?:获得|取得)[^，。；]{0,14}?证书"), "certified", "获得证书的"),
    (re.compile(r"(?:获得|取得)[^，。；]{0,14}?认证|进行了认证|获得了?认证"), "certified",
     "获得认证的"),
    (re.compile(r"通过考试|考试并通过|参加考试并通过"), "certified", "通过考试的"),
    (re.compile(r"验证了?"), "certified", "验证了知识的"),
    (re.compile(r"报名"), "registered", "报名的"),
    (re.compile(r"注册"), "registered", "注册的"),
    (re.compile(r"完成了?培训|成功完成"), "who completed training", "完成培训的"),
    (re.compile(r"接受了?[^，。；]{0,10}?培训|参加了?[^，。；]{0,4}培训|受训|培训了|得到培训|"
                r"学习了?|传授|提供了?[^，。；]{0,10}培训"), "trained", "接受培训的"),
    (re.compile(r"接入了?|连接到|连通了|配备了"), "connected", "接入网络的"),
    (re.compile(r"受益"), "benefiting", "受益的"),
    (re.compile(r"得到[^，。；]{0,14}?(?:帮助|援助)|获得了?[^，。；]{0,8}?援助"), "assisted",
     "得到援助的"),
    (re.compile(r"被选定|挑选|录取"), "selected", "入选的"),
    (re.compile(r"参加|出席|与会|参与|关注|观看"), "taking part", "参加的"),
)  # fmt: skip
_PARTICIPANT_NOUNS = {"participants", "registered delegates"}
_ALL_ROLES = frozenset(role for _, role, _ in _ROLES)
_PLACE_ROLES = frozenset({"connected", "selected", "benefiting", "taking part", "assisted"})
_UNIT_ROLES = {
    "people": _ALL_ROLES, "countries": frozenset({"assisted", "taking part", "benefiting"}),
    "schools": _PLACE_ROLES, "institutions": _PLACE_ROLES, "organizations": _PLACE_ROLES,
    "health facilities": _PLACE_ROLES,
}  # fmt: skip
_MONEY_KINDS = (
    ("种子基金", "seed funding", "种子基金"), ("承诺额", "total commitments", "承诺总额"),
    ("签约金额", "value of agreements signed", "签约金额"), ("承诺", "funding pledged", "融资承诺"),
    ("筹集", "funds raised", "筹集的资金"), ("预算", "budget", "项目预算"),
    ("获得", "funds obtained", "获得的资金"),
)  # fmt: skip
_DURATIONS = {"个月": ("months", "月数"), "天": ("days", "天数"), "周": ("weeks", "周数"),
              "年": ("years", "年数"), "年半": ("years", "年数")}  # fmt: skip
_PERCENT_TERMS = (("移动宽带普及率", "mobile broadband penetration"),
                  ("人均国内生产总值", "GDP per capita"))  # fmt: skip


@dataclass(frozen=True)
class Figure:
    """A figure the text states: value, unit, what it counts (en, zh) and how it is printed."""

    value: Decimal
    unit: str
    label_en: str
    label_zh: str
    printed: str
    qualifier: str = ""  # "more than", "about", "nearly", "up to", "at least", "fewer than"
    part_of: int | None = None  # index (in the same list) of the whole this figure is part of
    start: int = 0  # where it is printed in the text it was read from
    end: int = 0
    generic: bool = False  # what it counts is known from its classifier only ("4个")


def _make(text: str, token: Token, end: int, unit: str, en: str, zh: str,
          value: Decimal | None = None) -> Figure:  # fmt: skip
    """A figure printed from `token.start` to `end`."""
    value = token.value if value is None else value
    return Figure(value, unit, en, zh, text[token.start : end].strip(), token.qualifier,
                  start=token.start, end=end)  # fmt: skip


def _clause_after(text: str, end: int, next_start: int) -> str:
    """The words after `end` up to the clause's end or the next number."""
    tail = text[end:next_start]
    cut = _CLAUSE.search(tail)
    return tail[: cut.start()] if cut else tail


def clause_before(text: str, start: int) -> str:
    """The words of the clause before `start`."""
    head = text[:start]
    cuts = [m.end() for m in _CLAUSE.finditer(head)]
    return head[cuts[-1] :] if cuts else head


def _noun_after(text: str, end: int, next_start: int) -> tuple[Noun, str, int] | None:
    """(noun, what is counted as printed, where it ends) for a count ending at `end`."""
    classifier = CLASSIFIERS.match(text, end)
    position = classifier.end() if classifier else end
    window_end = min(next_start, position + 32)
    window = text[position:window_end]
    cut = re.search(r"[，。；：:]", window)
    window = window[: cut.start()] if cut else window
    name = classifier.group(0) if classifier else ""
    if window.startswith("的") and name in CLASSIFIER_NOUNS:
        return CLASSIFIER_NOUNS[name], "", position  # "六节的课程": six sessions
    found = _head_noun(window, name)
    if found is not None:
        noun_start, noun_end, surface = found
        noun = NOUNS[surface]
        if name in PEOPLE_CLASSIFIERS and surface in PEOPLE_ALSO:
            noun = Noun("people", PEOPLE_ALSO[surface])
        printed = window[:noun_end]
        if re.match(r"[为在向对从]", printed) or len(printed) > 30:
            printed = window[noun_start:noun_end]  # a long or prepositional phrase: its head
        return noun, _clean(printed), position + noun_end
    if name in CLASSIFIER_NOUNS:
        return CLASSIFIER_NOUNS[name], "", position
    return None


# a verb ends the noun phrase after a classifier ("28个机构被选定", "4个处于收尾阶段")
_VERB = re.compile(
    r"使(?!用)|是|被|将|已经|已|正在|获得|参加(?!者)|参与(?!者)|接受|提供|举办|举行|组织了|完成|"
    r"加入|成为|进行|开展|受益|达到|涵盖|包括|覆盖|旨在|用于|得到|处于|认为|学习|接入|配备|组成"
)


def _head_noun(window: str, classifier: str) -> tuple[int, int, str] | None:
    """The counted noun in the words after a classifier: one right behind it ("个国家",
    "家决策机构"), else the head of the noun phrase, its last noun not followed by 的
    ("个与CIRT有关的项目"). After 名/人/位 only a kind of person counts."""
    quoted = re.match(r"“([^”]*)”", window)  # "六个“连通一代青年组”": the name is the noun
    masked = window if quoted else re.sub(r"“[^”]*”|（[^）]*）", lambda m: "□" * len(m.group(0)),
                                          window)  # fmt: skip
    verb = _VERB.search(masked)
    if verb and not re.match(r"[为对向在与]", masked):  # "两个为学校…提供…的试点项目"
        masked = masked[: verb.start()]
    matches = [
        (m.start(), m.end(), m.group(0))
        for m in NOUN_PATTERN.finditer(masked)
        if masked[m.end() : m.end() + 1] != "性"
    ]  # "区域性讲习班": 区域 is no noun here
    if classifier in PEOPLE_CLASSIFIERS:
        matches = [m for m in matches if NOUNS[m[2]].unit == "people" or m[2] in PEOPLE_ALSO]
    if not matches:
        return None
    first = matches[0]
    lead = masked[: first[0]]
    close = first[0] <= 3 and not re.search(r"[为与在向对从给]|有关|关于", lead)
    if close and (classifier or first[0] <= 1):
        return first
    heads = [m for m in matches if masked[m[1] : m[1] + 1] != "的"]
    return heads[-1] if heads else matches[-1]


def _clean(text: str) -> str:
    """What is counted, as printed, without quotes or brackets that lost their partner."""
    text = re.sub(r"[“”\"《》]", "", text).strip(" 的")
    text = re.sub(r"^(?:为|是)", "", text)
    while text.count("（") != text.count("）"):
        text = text.replace("（", "", 1) if text.count("（") > text.count("）") else text[
            text.index("）") + 1 :]  # fmt: skip
    return text[:28]


def _role(after: str, before: str, allowed: frozenset[str]) -> tuple[str, str]:
    """What the counted did, from the words after the figure, else the words before it."""
    for text in (after, before):
        for pattern, english, chinese in _ROLES:
            match = pattern.search(text) if english in allowed else None
            if match:
                if english == "certified" and "证书" in text and chinese != "获得证书的":
                    continue  # "获得了相应的证书" is told as printed
                return english, chinese
    return "", ""


def _noun_before(text: str, start: int) -> tuple[Noun, str] | None:
    """A kind of person named just before a bare count ("用户总数超过10 200人": users)."""
    head = clause_before(text, start)[-10:]
    found = [m for m in NOUN_PATTERN.finditer(head) if NOUNS[m.group(0)].unit == "people"]
    if not found or not re.fullmatch(r"(?:总数|人数)?(?:超过|约|达到|为|有|共)?\s*",
                                     head[found[-1].end() :]):  # fmt: skip
        return None
    return NOUNS[found[-1].group(0)], found[-1].group(0)


def _count_figure(text: str, token: Token, next_start: int) -> Figure | None:
    """A count and what it counts: the noun after it, else one just before it (people), else
    what its classifier counts."""
    found = _noun_after(text, token.end, next_start)
    if found is None:
        return None
    noun, printed_noun, noun_end = found
    zh_noun = printed_noun
    bare = not zh_noun
    if bare and noun.unit == "people" and (before := _noun_before(text, token.start)):
        noun, zh_noun, bare = before[0], before[1], False
    if bare:
        classifier = CLASSIFIERS.match(text, token.end)
        zh_noun = CLASSIFIER_ZH.get(classifier.group(0) if classifier else "", "数量")
    role_en, role_zh = ("", "")
    allowed = _UNIT_ROLES.get(noun.unit)
    if allowed:
        after = text[token.end : noun_end] + _clause_after(text, noun_end, next_start)
        role_en, role_zh = _role(after, clause_before(text, token.start), allowed)
    said = role_zh.rstrip("的")[-2:]
    if (role_en == "taking part" and noun.en in _PARTICIPANT_NOUNS) or (
        role_en and (role_en in noun.en or said in zh_noun)
    ):
        role_en, role_zh = "", ""  # the noun says it already ("注册代表", "参与者")
    label_en = f"{noun.en} {role_en}".strip()
    label_zh = f"{role_zh}{zh_noun}" if role_zh else zh_noun
    end = noun_end + 1 if text[noun_end : noun_end + 1] == "”" else noun_end
    figure = _make(text, token, end, noun.unit, label_en, label_zh)
    return replace(figure, generic=bare and not role_en)


def _percent_figure(text: str, token: Token) -> Figure:
    after = text[token.end : token.end + 16]
    before = clause_before(text, token.start)
    end = token.end + after.index("%") + 1
    share = re.match(r"^\s*%\s*(?:是|为)\s*(女性|男性|女孩|年轻女性)", after)
    people = {"女性": "women", "男性": "men", "女孩": "girls", "年轻女性": "young women"}
    if share:
        noun = share.group(1)
        return _make(text, token, end, "percent", f"share of {people[noun]}", f"{noun}所占比例")
    if re.search(r"(?:增加|增长)\s*$", before):
        before = text[: token.start]  # "阿拉伯国家区域将增加1.82%": the term said before
    for term, english in sorted(_PERCENT_TERMS, key=lambda t: -before.rfind(t[0])):
        if term in before:
            return _make(text, token, end, "percent", f"increase in {english}", f"{term}的增幅")
    if re.match(r"^\s*%\s*的增长", after):
        return _make(text, token, end, "percent", "growth", "增长幅度")
    phrase = re.match(r"^\s*%\s*的?([^，。；]{1,16})", after)
    zh = f"{phrase.group(1)}的比例" if phrase else "比例"
    english = "share of people" if phrase and "人" in phrase.group(1) else "share"
    if phrase and "女性" in phrase.group(1):
        english = "share of women"
    return _make(text, token, end, "percent", english, zh)


def _money_figure(text: str, token: Token) -> Figure:
    end = text.index("美元", token.end) + 2
    context = clause_before(text, token.start) + text[end : end + 12]
    kind = next(((en, zh) for key, en, zh in _MONEY_KINDS if key in context),
                ("amount", "金额"))  # fmt: skip
    return _make(text, token, end, "USD", f"US dollars: {kind[0]}", f"{kind[1]}（美元）")


def _duration_figure(text: str, token: Token, unit_word: str, end: int) -> Figure:
    unit, zh = _DURATIONS[unit_word]
    value = token.value + Decimal("0.5") if unit_word == "年半" else token.value
    return _make(text, token, end, unit, f"duration in {unit}", f"持续{zh}", value)


def figure_at(text: str, token: Token, next_start: int) -> Figure | None:
    """The figure the number `token` states, or None when nothing says what it counts."""
    after = text[token.end : token.end + 8]
    if _PERCENT.match(after):
        return _percent_figure(text, token)
    if _MONEY.match(after):
        return _money_figure(text, token)
    if _MULTIPLE.match(after):
        end = token.end + after.index("倍") + 1
        return _make(
            text, token, end, "times", "multiple of the figure it is compared with", "倍数"
        )
    duration = _DURATION.match(after)
    before = text[max(0, token.start - 3) : token.start]
    if duration and (duration.group(1) != "年" or re.match(r"^\s*年(?:内|的趋势|以来|多)", after)
                     or re.search(r"为期|未来|过去|今后", before)):  # fmt: skip
        return _duration_figure(text, token, duration.group(1), token.end + duration.end())
    if text[token.end : token.end + 2] == "公里":
        return _make(
            text, token, token.end + 2, "km", "kilometres of network data", "网络数据公里数"
        )
    return _count_figure(text, token, next_start)


__all__ = ["Figure", "clause_before", "figure_at"]
