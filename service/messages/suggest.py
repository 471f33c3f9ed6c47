"""Messages of the /suggest page."""

from __future__ import annotations

from typing import Final

#: message id -> (English, Chinese).
MESSAGES: Final[dict[str, tuple[str, str]]] = {
    "nav.suggest": ("Suggest", "建议"),
    "suggest.title": ("Suggest links for a new activity", "为新活动建议关联"),
    "suggest.lead": (
        "Paste an activity's text, in Chinese or English. The method suggests its thematic "
        "priority, region, initiative, Questions, SDG targets, WSIS lines, countries, partners "
        "and years, each with a score and the words behind it. It reads the text alone.",
        "粘贴一项活动的文字（中文或英文）。本方法会建议其专题优先事项、区域、区域性举措、课题、"
        "可持续发展目标具体目标、信息社会世界峰会行动方面、国家、合作伙伴和年份，并给出每项的"
        "分数和依据的文字。它只读取这段文字。",
    ),
    "suggest.label": ("Activity text", "活动文字"),
    "suggest.button": ("Suggest", "建议"),
    "suggest.all": ("Also show what scores below the threshold", "同时显示低于阈值的建议"),
    "suggest.text": (
        "The text, with the words behind the suggestions marked",
        "文字（标出建议所依据的词语）",
    ),
    "suggest.none": ("Nothing suggested", "没有建议"),
    "suggest.score": ("score", "分数"),
    "suggest.below": ("below the threshold", "低于阈值"),
    "suggest.method": ("Method: {name} {version}", "方法：{name} {version}"),
    "suggest.truncated": (
        "Only the first {count} characters were read.",
        "只读取了前 {count} 个字符。",
    ),
    "suggest.api": (
        "The same as JSON: POST /suggest (see the API reference).",
        "以 JSON 形式获取：POST /suggest（见 API 参考）。",
    ),
    "suggest.kind.thematicPriority": ("Thematic priority", "专题优先事项"),
    "suggest.kind.region": ("Region", "区域"),
    "suggest.kind.regionalInitiative": ("Regional initiative", "区域性举措"),
    "suggest.kind.question": ("Study-group Questions", "研究组课题"),
    "suggest.kind.sdgTarget": ("SDG targets", "可持续发展目标具体目标"),
    "suggest.kind.wsisActionLine": ("WSIS action lines", "信息社会世界峰会行动方面"),
    "suggest.kind.country": ("Countries", "国家"),
    "suggest.kind.partner": ("Partners", "合作伙伴"),
    "suggest.kind.year": ("Years", "年份"),
}
