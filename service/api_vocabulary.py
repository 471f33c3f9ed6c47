"""The reference vocabulary of the `/api/` collections: the kinds of reference entity (dimensions)
activities link to, the CONTRACT v2 role filters, and every accepted spelling of every entity.

Filter values are resolved against this vocabulary before any query is built: an unknown value is
a 400 listing the valid ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Final

from service.errors import RequestError
from service.store import KnowledgeStore

BAAP: Final = "https://w3id.org/baap/ontology#"
SDGO: Final = "http://metadata.un.org/sdg/ontology#"
SDG_BASE: Final = "http://metadata.un.org/sdg/"
PREFIXES: Final = f"""PREFIX baap: <{BAAP}>
PREFIX sdgo: <{SDGO}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


@dataclass(frozen=True)
class Dimension:
    """A kind of reference entity: its class, how activities link to it, and roll-up."""

    name: str  # the filter parameter and collection name
    path: str  # collection path under /api/
    cls: str
    link: str  # the activity property
    rollup: bool = False  # sub-entities (skos:broader) count for the parent


DIMENSIONS: Final[dict[str, Dimension]] = {
    d.name: d
    for d in (
        Dimension(
            "thematicPriority", "thematic-priorities", f"{BAAP}ThematicPriority", "thematicPriority"
        ),
        Dimension(
            "regionalInitiative",
            "regional-initiatives",
            f"{BAAP}RegionalInitiative",
            "regionalInitiative",
        ),
        Dimension("region", "regions", f"{BAAP}Region", "region"),
        Dimension(
            "strategicInitiative",
            "strategic-initiatives",
            f"{BAAP}StrategicInitiative",
            "strategicInitiative",
        ),
        Dimension("question", "questions", f"{BAAP}Question", "question"),
        Dimension("sdgGoal", "sdg-goals", f"{SDGO}Goal", "contributesTo", rollup=True),
        Dimension("sdgTarget", "sdg-targets", f"{SDGO}Target", "contributesTo"),
        Dimension(
            "wsis", "wsis-action-lines", f"{BAAP}WSISActionLine", "supportsActionLine", rollup=True
        ),
        Dimension("country", "countries", f"{BAAP}Country", "country"),
        Dimension("partner", "organizations", f"{BAAP}Organization", "partner"),
    )
}


#: CONTRACT v2 role filters of `/api/activities`: parameter (the role property) -> the dimension
#: whose notations it takes, and what it selects (the OpenAPI description)
ROLE_FILTERS: Final[dict[str, tuple[str, str]]] = {
    "beneficiaryCountry": ("country", "ISO3 of a country the activity is for"),
    "newBeneficiaryCountry": ("country", "ISO3 of a beneficiary where the work began"),
    "continuingBeneficiaryCountry": ("country", "ISO3 of a beneficiary where work continued"),
    "prospectiveCountry": ("country", "ISO3 of a country where the work is only planned"),
    "hostCountry": ("country", "ISO3 of the country that hosts the activity"),
    "fundingCountry": ("country", "ISO3 of a country that funds or supports it"),
    "participantCountry": ("country", "ISO3 of a country whose people took part"),
    "fundingPartner": ("partner", "organisation that funds it (slug, acronym or IRI)"),
    "coOrganizer": ("partner", "organisation it was organised with"),
    "hostPartner": ("partner", "organisation that hosted it"),
    "implementingPartner": ("partner", "organisation it was carried out with"),
    "leadPartner": ("partner", "organisation that leads or co-leads it"),
    "newPartner": ("partner", "organisation named as a new partner"),
    "continuingPartner": ("partner", "existing partner the work continued with"),
    "supportingPartner": ("partner", "organisation that supports it"),
}


@dataclass
class Vocabulary:
    """Every accepted spelling of every reference entity, per dimension."""

    names: dict[str, dict[str, str]] = field(default_factory=dict)  # dimension -> key -> IRI
    shown: dict[str, list[str]] = field(default_factory=dict)  # dimension -> codes to list

    @classmethod
    def load(cls, store: KnowledgeStore) -> Vocabulary:
        vocabulary = cls()
        base = store.base_iri
        for dimension in DIMENSIONS.values():
            query = (
                PREFIXES
                + f"""SELECT ?e ?n WHERE {{
                ?e a <{dimension.cls}> . OPTIONAL {{ ?e skos:notation ?n }} }}"""
            )
            keys: dict[str, str] = {}
            shown: set[str] = set()
            for row in store.select(query):
                iri = row["e"]
                keys[iri.lower()] = iri
                local = iri[len(base) :] if iri.startswith(base) else ""
                slug = local.rsplit("/", 1)[-1] if local else ""
                if slug:
                    keys[slug.lower()] = iri
                if iri.startswith(SDG_BASE):
                    keys[f"{base}sdg/{iri[len(SDG_BASE) :]}".lower()] = iri
                notation = row.get("n")
                if notation:
                    keys[notation.lower()] = iri
                    if dimension.name == "question":  # Q5/2, 5/2 and 5-2
                        keys[notation.lower().removeprefix("q")] = iri
                shown.add(notation or slug or iri)
            if dimension.name == "partner":
                keys.update(_unique_alt_labels(store, dimension, keys))
            vocabulary.names[dimension.name] = keys
            vocabulary.shown[dimension.name] = sorted(shown, key=natural_key)
        return vocabulary

    def resolve(self, dimension: str, value: str) -> str:
        """The IRI a filter value names; RequestError listing the valid values if none."""
        found = self.names[dimension].get(value.strip().lower())
        if found is None:
            valid = ", ".join(self.shown[dimension])
            raise RequestError(f"unknown {dimension} {value!r}; valid values: {valid}")
        return found


def role_parameters(vocabulary: Vocabulary | None) -> list[dict[str, Any]]:
    """The OpenAPI parameter objects of the role filters, with the notations they take."""
    parameters = []
    for role, (dimension, description) in ROLE_FILTERS.items():
        schema: dict[str, Any] = {"anyOf": [{"type": "string"}, {"type": "null"}]}
        if vocabulary is not None:
            values = ["", *vocabulary.shown[dimension]]  # "": any
            schema = {"anyOf": [{"type": "string", "enum": values}, {"type": "null"}]}
        parameters.append({
            "name": role, "in": "query", "required": False, "schema": schema,
            "description": f"{description} (CONTRACT v2 role baap:{role})",
        })  # fmt: skip
    return parameters


def _unique_alt_labels(
    store: KnowledgeStore, dimension: Dimension, taken: dict[str, str]
) -> dict[str, str]:
    """Acronyms and other alternative labels (`UNDP`) that name exactly one entity."""
    query = PREFIXES + f"SELECT ?e ?alt WHERE {{ ?e a <{dimension.cls}> ; skos:altLabel ?alt }}"
    owners: dict[str, set[str]] = {}
    for row in store.select(query):
        owners.setdefault(row["alt"].strip().lower(), set()).add(row["e"])
    return {
        alt: next(iter(iris))
        for alt, iris in owners.items()
        if len(iris) == 1 and alt and alt not in taken
    }


def natural_key(text: str) -> list[Any]:
    """Sort key that orders the numbers inside `text` by value (Q2 before Q10)."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]
