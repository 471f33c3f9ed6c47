"""Activities, passages, figures and source issues -> triples for the named graphs."""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import RDF, RDFS, XSD, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from service.extract import role_words
from service.extract.activities import Activity
from service.extract.defects import SourceIssue
from service.extract.structure import Passage
from service.namespaces import BAAP
from service.rdfio import Triple
from service.reference import entity, sdg_iri

SOURCE_DOCUMENT = entity("source/TDAG-21-2-2-C")


def activity_iri(key: str) -> URIRef:
    return entity(f"activity/{key}")


def passage_iri(key: str) -> URIRef:
    return entity(f"passage/{key}")


def _first_sentence(text: str, limit: int) -> str:
    """The text's first sentence, cut at `limit` characters."""
    text = text.split("。")[0].rstrip("；;，,：:")
    return text if len(text) <= limit else text[:limit] + "…"


def zh_title(activity: Activity, limit: int = 48) -> str:
    """The activity's Chinese label: the first sentence of what it reports (a curated part's
    spans joined by "…"), with the country and year of a "country（year）" part."""
    if activity.label_spans:
        title = _first_sentence("…".join(s.strip("，,；;。") for s in activity.label_spans), limit)
    else:
        title = _first_sentence(activity.passage.text, limit)
    if activity.part_of_list:
        return f"{title}（{activity.part_of_list[0]}，{activity.part_of_list[1]}年）"
    if activity.rest_of_list:
        return f"{title}（其余内容）"
    return title


def source_document() -> Iterator[Triple]:
    yield SOURCE_DOCUMENT, RDF.type, BAAP.SourceDocument
    yield (
        SOURCE_DOCUMENT,
        RDFS.label,
        Literal("ITU TDAG-21/2/2-C: BAAP implementation report", lang="en"),
    )
    yield (
        SOURCE_DOCUMENT,
        RDFS.label,
        Literal("TDAG-21/2/2-C号文件：《布宜诺斯艾利斯行动计划》实施报告", lang="zh"),
    )
    yield SOURCE_DOCUMENT, DCTERMS.source, Literal("data/source/000_417735bef9bf6315.txt")


def passage_triples(passage: Passage) -> Iterator[Triple]:
    node = passage_iri(passage.key)
    yield node, RDF.type, BAAP.SourcePassage
    yield node, BAAP.startLine, Literal(passage.start, datatype=XSD.integer)
    yield node, BAAP.endLine, Literal(passage.end, datatype=XSD.integer)
    yield node, BAAP.section, Literal(passage.section)
    yield node, BAAP.subsection, Literal(passage.kind)
    yield node, BAAP.text, Literal(passage.text, lang="zh")
    yield node, BAAP.sourceDocument, SOURCE_DOCUMENT
    heading = passage.ri_heading or passage.sub_heading or passage.topic
    if heading is not None:
        yield node, BAAP.heading, Literal(heading.text)
    for bookmark in passage.line.bookmarks:
        yield node, BAAP.bookmark, Literal(bookmark)


def stated_triples(activity: Activity) -> Iterator[Triple]:
    """Graph `report`: the activity, its passage link and what the passage states."""
    node = activity_iri(activity.key)
    yield node, RDF.type, BAAP.Activity
    yield node, RDFS.label, Literal(zh_title(activity), lang="zh")
    yield node, PROV.wasDerivedFrom, passage_iri(activity.passage.key)
    if activity.priority:
        yield node, BAAP.thematicPriority, entity(f"thematic-priority/{activity.priority}")
    for slug in sorted(activity.strategic):
        yield node, BAAP.strategicInitiative, entity(f"strategic-initiative/{slug}")
    for code in sorted(activity.initiatives):
        yield node, BAAP.regionalInitiative, entity(f"regional-initiative/{code}")
    for region in sorted(activity.regions | {c[:3] for c in activity.initiatives}):
        yield node, BAAP.region, entity(f"region/{region}")
    for question in sorted(activity.questions):
        yield node, BAAP.question, entity(f"question/{question}")
    for country in sorted(activity.countries):
        yield node, BAAP.country, country
    for partner in sorted(activity.partners):
        yield node, BAAP.partner, partner
    for prop, years in (
        (BAAP.year, activity.years),
        (BAAP.targetYear, activity.other_years.target),
        (BAAP.dataYear, activity.other_years.data),
        (BAAP.citedYear, activity.other_years.cited),
    ):
        for year in sorted(years):
            yield node, prop, Literal(year, datatype=XSD.gYear)
    yield from role_triples(activity)
    for key in sorted(activity.refers_to):
        yield node, BAAP.refersTo, activity_iri(key)
    for code in sorted(activity.sdgs):
        yield node, BAAP.contributesTo, sdg_iri(code)
    for code in sorted(activity.wsis):
        yield node, BAAP.supportsActionLine, entity(f"wsis-action-line/{code}")
    yield from figure_triples(activity)


#: role -> the properties a role link is stated with (the role, then what it refines)
COUNTRY_ROLES: dict[str, tuple[URIRef, ...]] = {
    role_words.BENEFICIARY: (BAAP.beneficiaryCountry,),
    role_words.HOST: (BAAP.hostCountry,),
    role_words.FUNDING: (BAAP.fundingCountry,),
    role_words.PARTICIPANT: (BAAP.participantCountry,),
    role_words.NEW: (BAAP.newBeneficiaryCountry, BAAP.beneficiaryCountry),
    role_words.CONTINUING: (BAAP.continuingBeneficiaryCountry, BAAP.beneficiaryCountry),
    role_words.PROSPECTIVE: (BAAP.prospectiveCountry,),
}
PARTNER_ROLES: dict[str, tuple[URIRef, ...]] = {
    role_words.FUNDER: (BAAP.fundingPartner,),
    role_words.CO_ORGANIZER: (BAAP.coOrganizer,),
    role_words.IMPLEMENTING: (BAAP.implementingPartner,),
    role_words.LEAD: (BAAP.leadPartner,),
    role_words.NEW_PARTNER: (BAAP.newPartner,),
    role_words.SUPPORTING: (BAAP.supportingPartner,),
    role_words.CONTINUING_PARTNER: (BAAP.continuingPartner,),
    role_words.HOST_PARTNER: (BAAP.hostPartner, BAAP.coOrganizer),
}


def role_triples(activity: Activity) -> Iterator[Triple]:
    """Each role link with every property it refines; `baap:country` / `baap:partner` hold
    every named country and partner already."""
    node = activity_iri(activity.key)
    links: set[Triple] = set()
    for table, found in ((COUNTRY_ROLES, activity.roles.countries),
                         (PARTNER_ROLES, activity.roles.partners)):  # fmt: skip
        for role, iris in found.items():
            for prop in table[role]:
                links.update((node, prop, iri) for iri in iris)
    yield from sorted(links)


def figure_triples(activity: Activity) -> Iterator[Triple]:
    node = activity_iri(activity.key)
    metrics = [
        entity(f"activity/{activity.key}/figure/{i}") for i in range(1, len(activity.figures) + 1)
    ]
    for metric, figure in zip(metrics, activity.figures, strict=True):
        yield node, BAAP.metric, metric
        yield metric, RDF.type, BAAP.Metric
        datatype = XSD.integer if figure.value == figure.value.to_integral() else XSD.decimal
        value = int(figure.value) if datatype == XSD.integer else figure.value.normalize()
        yield metric, BAAP.value, Literal(value, datatype=datatype)
        yield metric, BAAP.unit, Literal(figure.unit)
        yield metric, RDFS.label, Literal(figure.label_en, lang="en")
        yield metric, RDFS.label, Literal(figure.label_zh, lang="zh")
        yield metric, BAAP.printedAs, Literal(figure.printed, lang="zh")
        if figure.qualifier:
            yield metric, BAAP.qualifier, Literal(figure.qualifier)
        if figure.part_of is not None:
            yield metric, BAAP.partOf, metrics[figure.part_of]


def curated_activity_triples(activity: Activity, title_en: str | None) -> Iterator[Triple]:
    """Graph `curation`: the English title (curated links: `service.extract.curated_links`)."""
    if title_en:
        yield activity_iri(activity.key), RDFS.label, Literal(title_en, lang="en")


def issue_triples(issue: SourceIssue) -> Iterator[Triple]:
    node = entity(f"source-issue/{issue.slug}")
    yield node, RDF.type, BAAP.SourceIssue
    yield node, BAAP.issueType, Literal(issue.issue_type)
    yield node, BAAP.startLine, Literal(issue.start, datatype=XSD.integer)
    yield node, BAAP.endLine, Literal(issue.end, datatype=XSD.integer)
    yield node, RDFS.comment, Literal(issue.comment, lang="en")
    yield node, RDFS.label, Literal(f"{issue.issue_type} at line {issue.start}", lang="en")
    yield node, RDFS.label, Literal(f"第{issue.start}行：{issue.issue_type}", lang="zh")
    yield node, BAAP.detectedBy, Literal(issue.detected_by)
    if issue.choice:
        yield node, BAAP.choiceMade, Literal(issue.choice, lang="en")
    for path in issue.affects:
        yield node, BAAP.affects, entity(path)
