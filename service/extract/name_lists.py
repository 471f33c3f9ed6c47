"""Names printed as one list, and the words around the list: what the role words are read on.

Names are read as printed with their position; names printed as a list ("向巴布亚新几内亚、萨摩亚、
汤加和瓦努阿图提供了…", "来自阿根廷、巴哈马…的参与者") share the words around the list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import URIRef

from service.extract.gazetteer import Match

_GAP = re.compile(
    r"\s*(?:[（(][^（）()]{0,16}[）)])?\s*(?:[、，,和与及/]|以及)?\s*(?:[（(][^（）()]{0,16}[）)])?\s*"
)
_UNKNOWN_ITEM = re.compile(r"\s*、[^，。；、（）]{1,10}(?:、|和)\s*")
_CLAUSE = "，。；：,;:"
_SENTENCE = "。；;"


@dataclass
class Mention:
    """A name printed at one place, with the countries or organisations it stands for."""

    start: int
    end: int
    countries: set[URIRef] = field(default_factory=set)  # the country the name stands for
    partners: set[URIRef] = field(default_factory=set)


@dataclass
class Context:
    """The words around a list of names: in its clause and in its sentence."""

    before: str
    after: str
    before_sentence: str
    after_sentence: str
    lead: str  # for a list after a colon, the clause before the colon


def mentions_of(countries: list[Match], partners: list[Match]) -> list[Mention]:
    """Names in text order; a country inside an organisation's name ("日本总务省",
    "丹麦王国驻埃塞俄比亚大使馆") is one mention with it, standing for its leading country."""
    mentions = [Mention(m.start, m.end, partners={m.iri}) for m in partners]
    for match in countries:
        holder = next((m for m in mentions if m.start <= match.start < m.end), None)
        if holder is None:
            mentions.append(Mention(match.start, match.end, countries={match.iri}))
        elif match.start == holder.start and not holder.countries:
            holder.countries.add(match.iri)
    return sorted(mentions, key=lambda m: m.start)


def group_lists(text: str, mentions: list[Mention]) -> list[list[Mention]]:
    """Mentions printed as one list: only separators, bracketed notes ("科特迪瓦（2018年）",
    "互联网协会（ISOC）") or an item the gazetteer does not know between them. A name inside
    the bracket after a listed name ("白俄罗斯（白俄罗斯国家通信学院…）") is read on its own."""
    groups: list[list[Mention]] = []
    for mention in mentions:
        if groups:
            last = groups[-1][-1]
            gap = text[last.end : mention.start]
            nested = gap.startswith("（") and "）" not in gap
            if nested and (
                mention.partners == last.partners and mention.countries <= last.countries
            ):
                continue  # the acronym in brackets after the name: "互联网协会（ISOC）"
            # "在乌干达与东非通信组织（EACO）协作": a country *with* an organisation is no list
            kinds_differ = bool(last.countries) != bool(mention.countries)
            if (
                not nested
                and _in_list(text, last.end, gap)
                and not (kinds_differ and gap.strip() == "与")
            ):
                groups[-1].append(mention)
                continue
        groups.append([mention])
    return _reattach(text, groups)


def _in_list(text: str, end: int, gap: str) -> bool:
    """Whether `gap` only separates two items of one list."""
    if any(c in gap for c in "。") or ("；" in gap and text[:end].count("（") <= text[
            :end].count("）")):  # fmt: skip
        return False
    return bool(_GAP.fullmatch(gap.replace("；", "、")) or _UNKNOWN_ITEM.fullmatch(gap))


def _reattach(text: str, groups: list[list[Mention]]) -> list[list[Mention]]:
    """A list interrupted by names inside a bracket goes on after the bracket closes."""
    merged: list[list[Mention]] = []
    for group in groups:
        host = next((g for g in reversed(merged) if _continues(text, g, group)), None)
        if host is not None:
            host.extend(group)
        else:
            merged.append(group)
    return merged


def _continues(text: str, group: list[Mention], after: list[Mention]) -> bool:
    gap = text[group[-1].end : after[0].start]
    if not gap.startswith("（") or gap.count("（") != gap.count("）") or len(gap) > 48:
        return False
    rest = gap[gap.rindex("）") + 1 :]
    return bool(_GAP.fullmatch(rest))


def _cut_before(text: str, stops: str) -> str:
    positions = [text.rfind(c) for c in stops]
    return text[max(positions) + 1 :]


def _cut_after(text: str, stops: str) -> str:
    positions = [p for p in (text.find(c) for c in stops) if p != -1]
    return text[: min(positions)] if positions else text


def words_around(text: str, start: int, end: int) -> Context:
    """The words around the names printed from `start` to `end`."""
    head, tail = text[:start], text[end:]
    before = _cut_before(head, _CLAUSE)
    lead = ""
    if not before.strip() and head.rstrip().endswith(("：", ":")):
        lead = _cut_before(head.rstrip()[:-1], _SENTENCE)
    return Context(
        before, _cut_after(tail, _CLAUSE.replace("：", "").replace(":", "")),
        _cut_before(head, _SENTENCE), _cut_after(tail, _SENTENCE), lead,
    )  # fmt: skip


__all__ = ["Context", "Mention", "group_lists", "mentions_of", "words_around"]
