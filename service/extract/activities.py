"""Passages -> activities with the links the report states.

One activity per passage; a passage that lists several countries each with its own year
("科特迪瓦（2018年）、乌干达（2019年）") becomes one activity per country, all pointing at it.
Passages that report several distinct activities in prose are split by the curated spans of
`splits.py`; each part is built here like a whole passage, over its own text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from rdflib import URIRef

from service.extract.counted import Figure
from service.extract.figures import figures_reported
from service.extract.gazetteer import Gazetteer, Match, Override, countries_in, country_matches
from service.extract.initiatives import Resolution
from service.extract.links import (
    initiatives_named,
    questions_named,
    regions_named,
    sdgs_named,
    strategic_initiatives_named,
    wsis_named,
)
from service.extract.roles import PlacedRole, Roles, placed_roles, read_roles, roles_within
from service.extract.structure import Passage
from service.extract.years import Years, classify_years

# "毛里塔尼亚（2019 ）" (L133) lost its 年 but is still an item of the list
_COUNTRY_YEAR = re.compile(r"([^、，,。；（）()]{2,14}?)（((?:19|20)\d{2})\s*年?\s*）")


@dataclass
class Activity:
    """One reported item and what the report states about it."""

    key: str
    passage: Passage
    priority: str | None = None
    strategic: set[str] = field(default_factory=set)
    initiatives: set[str] = field(default_factory=set)
    curated_initiatives: set[str] = field(default_factory=set)
    regions: set[str] = field(default_factory=set)
    questions: set[str] = field(default_factory=set)
    countries: set[URIRef] = field(default_factory=set)
    partners: set[URIRef] = field(default_factory=set)
    years: set[str] = field(default_factory=set)  # when it happened (or is scheduled to)
    other_years: Years = field(default_factory=Years)  # target, data and cited years
    figures: list[Figure] = field(default_factory=list)
    roles: Roles = field(default_factory=Roles)
    sdgs: set[str] = field(default_factory=set)
    wsis: set[str] = field(default_factory=set)
    part_of_list: tuple[str, str] | None = None  # (country surface, year) for split activities
    rest_of_list: bool = False  # the part of a split passage outside its "country（year）" list
    reported: str | None = None  # the text this activity reports, when not the whole passage
    label_spans: tuple[str, ...] = ()  # a curated part's spans, its Chinese label is made of
    parent_key: str | None = None  # the activity a "country（year）" part was split from
    refers_to: set[str] = field(default_factory=set)  # activities its "该项目" refers back to

    @property
    def text(self) -> str:
        """What the activity's links are read from: its own text or the whole passage."""
        return self.passage.text if self.reported is None else self.reported


@dataclass
class Context:
    """Everything activity building needs besides the passage."""

    priorities: dict[str, str]  # section number -> thematic priority slug
    countries: Gazetteer
    organizations: Gazetteer
    overrides: list[Override]
    headings: dict[int, Resolution]  # RI heading line -> its resolution
    # the roles a passage states, read once for all its parts
    placed: dict[str, list[PlacedRole]] = field(default_factory=dict)


def _strategic(passage: Passage, text: str) -> set[str]:
    """Initiatives the text names, plus, in section 11, the one its topic heading names."""
    found = strategic_initiatives_named(text)
    if passage.section == "11" and passage.topic is not None:
        found |= strategic_initiatives_named(passage.topic.text)
    return found


def build_activity(
    passage: Passage,
    context: Context,
    text: str | None = None,
    key: str | None = None,
    own: str | None = None,
    spans: tuple[str, ...] = (),
    lead: bool = True,
) -> Activity:
    """The activity a passage reports, with every link the passage states.

    With `text` (a curated part's spans), the links named in the text are read from it alone;
    the passage still gives what its headings say (priority, initiative and region headings).
    With `own` (the part's spans without the shared context), figures are read from it alone.
    Roles are read in the whole passage, where the words that state them are, and a part keeps
    those stated inside its `spans`. With `lead`, an item of a list inherits its lead-in.
    """
    text = passage.text if text is None else text
    activity = Activity(key or passage.key, passage,
                        priority=context.priorities.get(passage.section))  # fmt: skip
    activity.strategic = _strategic(passage, text)
    resolution = context.headings.get(passage.ri_heading.line) if passage.ri_heading else None
    if resolution is not None:
        target = activity.curated_initiatives if resolution.curated else activity.initiatives
        target |= resolution.initiatives
    activity.initiatives |= initiatives_named(text)
    activity.regions = regions_named(text)
    if passage.region_heading:
        activity.regions.add(passage.region_heading)
    activity.questions = questions_named(text)
    activity.countries = countries_in(text, context.countries, context.overrides)
    activity.partners = {m.iri for m in context.organizations.find(text)}
    years = classify_years(text)
    activity.years, activity.other_years = set(years.event), years
    activity.figures = figures_reported(text if own is None else own)
    activity.roles = _roles(passage, context, spans)
    # Resolution 9 table: the row's printed number of activities
    if passage.count is not None and own is None and text == passage.text:
        activity.figures.append(
            Figure(Decimal(passage.count), "activities", "activities on this theme",
                   "该主题的活动数量", str(passage.count))
        )  # fmt: skip
    activity.sdgs = sdgs_named(text)
    activity.wsis = wsis_named(text)
    if lead and passage.lead is not None:
        _inherit_lead(activity, passage.lead.text, context)
    return activity


def _inherit_lead(activity: Activity, lead: str, context: Context) -> None:
    """An item of a list inherits what its lead-in says: "2020年，国际电联向特立尼达和多巴哥提供了
    以下技术援助:" dates its items to 2020 and makes Trinidad and Tobago their beneficiary."""
    if not activity.years:
        activity.years = set(classify_years(lead).event)
    found = country_matches(lead, context.countries, context.overrides)
    activity.countries |= {iri for _, iri in found if iri is not None}
    organizations = context.organizations.find(lead)
    activity.partners |= {m.iri for m in organizations}
    activity.roles.merge(read_roles(lead, _placed(found), organizations))
    activity.regions |= regions_named(lead)
    activity.initiatives |= initiatives_named(lead)
    activity.strategic |= strategic_initiatives_named(lead)


def _roles(passage: Passage, context: Context, spans: tuple[str, ...]) -> Roles:
    """The roles the passage states (inside `spans` when given)."""
    text = passage.text
    placed = context.placed.get(text)
    if placed is None:
        found = country_matches(text, context.countries, context.overrides)
        placed = placed_roles(text, _placed(found), context.organizations.find(text))
        context.placed[text] = placed
    if not spans:
        return roles_within(placed)
    ranges = []
    for span in spans:
        start = text.find(span)
        while start != -1:
            ranges.append((start, start + len(span)))
            start = text.find(span, start + 1)
    return roles_within(placed, ranges)


def _placed(found: list[tuple[Match, URIRef | None]]) -> list[Match]:
    """Country names as printed, each standing for the country it is read as."""
    return [replace(match, iri=iri) for match, iri in found if iri is not None]


def split_by_country_year(activity: Activity, context: Context) -> list[Activity]:
    """One activity per "country（year年）" pair when a passage lists two or more of them.

    Whatever the passage reports outside those pairs (other countries, years, figures: "自2018年
    以来…巴哈马、莫桑比克…在斐济（2020年）和海地（2021年）") is kept on one more part, so no
    country the passage names is lost by the split.
    """
    pairs = []  # (country as printed, year, country, span of the pair)
    for match in _COUNTRY_YEAR.finditer(activity.text):
        found = country_matches(match.group(1), context.countries, context.overrides)
        countries = {iri for _, iri in found if iri is not None}
        if len(countries) == 1:
            # the label names the country as printed ("斯威士兰王国"), not the words before it
            pairs.append((found[-1][0].surface, match.group(2), countries.pop(), match.span()))
    listed = {country for _, _, country, _ in pairs}
    if len(listed) < 2:
        return [activity]
    # the parts share the passage's other links; only country, year and figures are their own
    parts = [
        _list_part(activity, index, countries={country}, years={year}, figures=[],
                   part_of_list=(surface, year), roles=_roles_of(activity.roles, {country}))
        for index, (surface, year, country, _) in enumerate(pairs)
    ]  # fmt: skip
    rest = activity.text
    for *_, (start, end) in reversed(pairs):
        rest = rest[:start] + "、" + rest[end:]
    other_countries = countries_in(rest, context.countries, context.overrides) - listed
    rest_years = classify_years(rest).event
    if other_countries or rest_years - {year for _, year, _, _ in pairs} or activity.figures:
        parts.append(_list_part(activity, len(pairs), countries=other_countries,
                                years=rest_years, rest_of_list=True,
                                roles=_roles_of(activity.roles, other_countries)))  # fmt: skip
    return parts


def _roles_of(roles: Roles, countries: set[URIRef]) -> Roles:
    """The roles of a "country（year）" part: its own country's, and every partner's."""
    kept = Roles(partners={r: set(p) for r, p in roles.partners.items()})
    for role, iris in roles.countries.items():
        if iris & countries:
            kept.add("country", role, iris & countries)
    return kept


def _list_part(activity: Activity, index: int, **own: Any) -> Activity:
    """Item `index` of a passage's "country（year）" list (`-a`, `-b`, ...): the activity with
    the links that are the item's own replaced."""
    key = f"{activity.key}-{chr(ord('a') + index)}"
    return replace(activity, key=key, parent_key=activity.key, **own)
