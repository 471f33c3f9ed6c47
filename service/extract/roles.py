"""Roles: in what capacity a country or an organisation takes part, as the text states it.

CONTRACT v2 "Roles": countries are beneficiaries, hosts, funders or participants; partners fund,
co-organise, implement, lead, or are named as new. Finer roles refine them: a beneficiary where
the work began (`newBeneficiaryCountry`) or continued (`continuingBeneficiaryCountry`), a country
where work is only planned or explored (`prospectiveCountry`), a partner that supports without
the text saying it funds (`supportingPartner`), one the work continued with
(`continuingPartner`), one that hosted an event (`hostPartner`, a co-organiser).

Names printed as one list share the words around it (`name_lists.py`); which words give which role
is in `role_words.py`. A government's or a country's body's support ("在日本总务省…的支持下",
"来自挪威的支持") is funding unless the country is also a beneficiary, host or participant of
the activity (a host government supports its own event: "在肯尼亚通信管理局…的大力支持下").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import URIRef

from service.extract.gazetteer import Match
from service.extract.name_lists import Mention, group_lists, mentions_of, words_around
from service.extract.role_words import (
    BENEFICIARY,
    CONTINUING,
    FUNDER,
    FUNDING,
    HOST,
    NEW,
    PARTICIPANT,
    PROSPECTIVE,
    SUPPORTING,
    country_roles,
    partner_roles,
)


@dataclass
class Roles:
    """Role -> the countries and the partners named in it."""

    countries: dict[str, set[URIRef]] = field(default_factory=dict)
    partners: dict[str, set[URIRef]] = field(default_factory=dict)

    def add(self, kind: str, role: str, iris: Iterable[URIRef]) -> None:
        target = self.countries if kind == "country" else self.partners
        target.setdefault(role, set()).update(iris)

    def of(self, kind: str, role: str) -> set[URIRef]:
        return (self.countries if kind == "country" else self.partners).get(role, set())

    def merge(self, other: Roles) -> None:
        for role, iris in other.countries.items():
            self.add("country", role, iris)
        for role, iris in other.partners.items():
            self.add("partner", role, iris)


@dataclass(frozen=True)
class PlacedRole:
    """A role given to names printed at one place of the text."""

    start: int
    end: int
    kind: str  # "country" or "partner"
    role: str
    iris: frozenset[URIRef]


def placed_roles(text: str, countries: list[Match], partners: list[Match]) -> list[PlacedRole]:
    """Every role the text states, where it states it."""
    placed: list[PlacedRole] = []
    supporters: list[Mention] = []
    for group in group_lists(text, mentions_of(countries, partners)):
        context = words_around(text, group[0].start, group[-1].end)
        if any(m.countries for m in group):
            for role in country_roles(context, text[: group[0].start]):
                if role == "support":
                    supporters.extend(m for m in group if m.countries)
                    continue
                placed.extend(PlacedRole(m.start, m.end, "country", role, frozenset(m.countries))
                              for m in group if m.countries)  # fmt: skip
        if any(m.partners for m in group):
            for role in partner_roles(context):
                placed.extend(PlacedRole(m.start, m.end, "partner", role, frozenset(m.partners))
                              for m in group if m.partners)  # fmt: skip
    return _resolve_support(placed, supporters)


def _resolve_support(placed: list[PlacedRole], supporters: list[Mention]) -> list[PlacedRole]:
    """A supporting country funds, unless it is a beneficiary, host or participant itself (then
    its body only supports); its body that supports is a funding partner with it."""
    involved = {iri for p in placed if p.kind == "country"
                and p.role in (BENEFICIARY, HOST, PARTICIPANT) for iri in p.iris}  # fmt: skip
    resolved = list(placed)
    for mention in supporters:
        funders = frozenset(mention.countries - involved)
        if not funders:
            continue
        resolved.append(PlacedRole(mention.start, mention.end, "country", FUNDING, funders))
        if mention.partners:
            resolved = [
                p
                for p in resolved
                if not (
                    p.role == SUPPORTING
                    and p.iris == frozenset(mention.partners)
                    and p.start <= mention.start < p.end
                )
            ]
            resolved.append(PlacedRole(mention.start, mention.end, "partner", FUNDER,
                                       frozenset(mention.partners)))  # fmt: skip
    return resolved


def roles_within(placed: list[PlacedRole], spans: list[tuple[int, int]] | None = None) -> Roles:
    """The roles stated inside `spans` (all of them without), prospective work taking the place
    of a beneficiary role for the same country."""
    roles = Roles()
    for item in placed:
        if spans is None or any(a <= item.start and item.end <= b for a, b in spans):
            roles.add(item.kind, item.role, item.iris)
    prospective = roles.of("country", PROSPECTIVE)
    for role in (BENEFICIARY, NEW, CONTINUING):
        roles.countries.get(role, set()).difference_update(prospective)
    return roles


def read_roles(text: str, countries: list[Match], partners: list[Match]) -> Roles:
    """The roles the text states for the countries and partners named in it."""
    return roles_within(placed_roles(text, countries, partners))


__all__ = ["PlacedRole", "Roles", "placed_roles", "read_roles", "roles_within"]
