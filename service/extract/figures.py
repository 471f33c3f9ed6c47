"""Figures: every count, amount, share and duration a text states, with what it counts.

A number is read in Arabic digits ("2 000", "8 057", "2.46") or Chinese numerals ("三次",
"五百多名", "二十个国家"), with its scale (万, 亿), its qualifier (多, 超过, 近, 约, 最多) and,
for "四十二（42）人", the Arabic gloss as one figure. What it counts is the noun after its
classifier, close behind it ("188个国家") or at the head of the noun phrase ("22个与CIRT有关的
项目"); people are further told apart by what the clause says they did (trained, certified,
registered, took part). Ratios are read as their parts: "48名学员中有四十二（42）人…获得了证书"
is 48 trainees and 42 of them certified, the 42 `part_of` the 48, never 48 certified.

Not figures: years and dates, ordinals (第三期), codes and names with digits (5G, COVID-19,
GSR-19, Connect2Recover), resolution, section, goal and target numbers, ages, hurricane
categories, frequencies (每年两次), list numbering, back-references (这两个项目) and lone 一.
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
_PERCENT = re.compile(r"^\s*%")
_MONEY = re.compile(r"^\s*美元")
_RANGE = re.compile(r"\s*[-–]\s*(\d+)")
_DURATION = re.compile(r"^\s*(个月|天|周|年半|年)")
_MULTIPLE = re.compile(r"^\s*倍")
_PART_MARKER = re.compile(r"(其中(?:包括|有)?|这包括|包括|中有|中的)[^，。；]{0,16}$")
_CLAUSE = re.compile(r"[，。；,;：:]")
_SENTENCE_END = "。；;"

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


def _make(text: str, token: _Token, end: int, unit: str, en: str, zh: str,
          value: Decimal | None = None) -> Figure:  # fmt: skip
    """A figure printed from `token.start` to `end`."""
    value = token.value if value is None else value
    return Figure(value, unit, en, zh, text[token.start : end].strip(), token.qualifier,
                  start=token.start, end=end)  # fmt: skip


@dataclass
class _Token:
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


def _tokens(text: str) -> list[_Token]:
    """Every number of the text with its scale, qualifier and Arabic gloss, unfiltered."""
    tokens: list[_Token] = []
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
        tokens.append(_Token(start, end, value, qualifier))


def _number_start(text: str, token: _Token) -> int:
    """Where the digits begin (after a qualifier word such as 超过)."""
    match = _TOKEN.search(text, token.start)
    return match.start() if match else token.start


def _excluded(text: str, token: _Token, upper_bound: bool = False) -> bool:
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


def _clause_after(text: str, end: int, next_start: int) -> str:
    tail = text[end:next_start]
    cut = _CLAUSE.search(tail)
    return tail[: cut.start()] if cut else tail


def _clause_before(text: str, start: int) -> str:
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
    head = _clause_before(text, start)[-10:]
    found = [m for m in NOUN_PATTERN.finditer(head) if NOUNS[m.group(0)].unit == "people"]
    if not found or not re.fullmatch(r"(?:总数|人数)?(?:超过|约|达到|为|有|共)?\s*",
                                     head[found[-1].end() :]):  # fmt: skip
        return None
    return NOUNS[found[-1].group(0)], found[-1].group(0)


def _count_figure(text: str, token: _Token, next_start: int) -> Figure | None:
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
        role_en, role_zh = _role(after, _clause_before(text, token.start), allowed)
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


def _percent_figure(text: str, token: _Token) -> Figure:
    after = text[token.end : token.end + 16]
    before = _clause_before(text, token.start)
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


def _money_figure(text: str, token: _Token) -> Figure:
    end = text.index("美元", token.end) + 2
    context = _clause_before(text, token.start) + text[end : end + 12]
    kind = next(((en, zh) for key, en, zh in _MONEY_KINDS if key in context),
                ("amount", "金额"))  # fmt: skip
    return _make(text, token, end, "USD", f"US dollars: {kind[0]}", f"{kind[1]}（美元）")


def _duration_figure(text: str, token: _Token, unit_word: str, end: int) -> Figure:
    unit, zh = _DURATIONS[unit_word]
    value = token.value + Decimal("0.5") if unit_word == "年半" else token.value
    return _make(text, token, end, unit, f"duration in {unit}", f"持续{zh}", value)


def _figure(text: str, token: _Token, next_start: int) -> Figure | None:
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
    tokens = _tokens(text)
    kept = [t for t in tokens if not _excluded(text, t)]
    starts = sorted(t.start for t in kept)
    figures: list[Figure] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        bound = _RANGE.match(text, token.end)
        if bound and following is not None and following.start == bound.start(1):
            after = tokens[index + 2].start if index + 2 < len(tokens) else len(text)
            upper = None if _excluded(text, following, True) else _figure(text, following, after)
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
        figure = None if _excluded(text, token) else _figure(text, token, next_start)
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
        back = re.search(r"(?:这|该|上述)", _clause_before(text, figure.start))
        restated = (figure.value, figure.unit) in counted and (
            back or re.match(r"^[^，。；]{0,8}?中(?:有|的)", text[figure.end : figure.end + 10])
        )  # "这39个国家中的24个", "这些EWS向…的两个社区": read already; "这三个国家" alone counts
        if not restated:
            unique.append(figure)
        counted.add((figure.value, figure.unit))
    return _link_parts(text, unique)


__all__ = ["Figure", "chinese_number", "figures_reported"]
