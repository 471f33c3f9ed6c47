"""Every node shape has a valid example that passes and an invalid one that it catches."""

from __future__ import annotations

import pytest
from rdflib import RDF, Graph, Namespace

from service.config import Settings
from service.validation import load_shapes, validate_graph

SH = Namespace("http://www.w3.org/ns/shacl#")
HEAD = """
@prefix baap: <https://w3id.org/baap/ontology#> .
@prefix id: <https://w3id.org/baap/id/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix sdgo: <http://metadata.un.org/sdg/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix ex: <https://example.org/> .
@prefix vann: <http://purl.org/vocab/vann/> .
"""
LABELS = 'rdfs:label "x"@en , "某"@zh'
REGION = f'ex:region a baap:Region ; {LABELS} ; skos:notation "AFR" .'
GOAL = f'ex:goal a sdgo:Goal ; {LABELS} ; skos:notation "9" .'
PASSAGE = (
    "ex:passage a baap:SourcePassage ; baap:startLine 3 ; baap:endLine 4 ; "
    'baap:section "8" ; baap:text "文本"@zh .'
)
PRIORITY = f'ex:tp a baap:ThematicPriority ; {LABELS} ; skos:notation "8" .'
LINE = f'ex:c2 a baap:WSISActionLine ; {LABELS} ; skos:notation "C2" .'
ACTIVITY_CONTEXT = " ".join([PASSAGE, PRIORITY, GOAL, LINE])
#: An activity with an SDG and a WSIS link, and a justification of its SDG link (to complete).
LINKED = (
    f"ex:act a baap:Activity ; {LABELS} ; prov:wasDerivedFrom ex:passage ; "
    f'baap:thematicPriority ex:tp ; baap:year "2019"^^xsd:gYear ; baap:contributesTo ex:goal ; '
    f"baap:supportsActionLine ex:c2 . {ACTIVITY_CONTEXT}"
)
JUSTIFIES = (
    "ex:it a baap:LinkJustification ; baap:justifiesSubject ex:act ; "
    "baap:justifiesProperty baap:contributesTo ; baap:justifiesObject ex:goal ; "
)
CURATED = f'{JUSTIFIES} baap:basis "curation" ; baap:evidence "数字技能培训"@zh ; baap:startLine 3 ; '
METHOD = f'ex:method a baap:LinkMethod ; {LABELS} ; dcterms:hasVersion "1.0" .'
INFERRED = (
    f'{JUSTIFIES} baap:basis "inferred" ; baap:evidence "数字技能培训"@zh ; baap:startLine 3 ; '
)

#: shape local name -> (valid Turtle, invalid Turtle); the node under test is ex:it.
EXAMPLES: dict[str, tuple[str, str]] = {
    "RegionShape": (
        f'ex:it a baap:Region ; {LABELS} ; skos:notation "ARB" .',
        f'ex:it a baap:Region ; {LABELS} ; skos:notation "ARAB" .',
    ),
    "RegionalInitiativeShape": (
        f'ex:it a baap:RegionalInitiative ; {LABELS} ; skos:notation "AFR3" ; baap:region ex:region . {REGION}',
        f'ex:it a baap:RegionalInitiative ; {LABELS} ; skos:notation "AFR3" ; '
        f'baap:region ex:region , ex:region2 . {REGION} ex:region2 a baap:Region ; {LABELS} ; skos:notation "ARB" .',
    ),
    "ThematicPriorityShape": (
        f'ex:it a baap:ThematicPriority ; {LABELS} ; skos:notation "10" .',
        f'ex:it a baap:ThematicPriority ; {LABELS} ; skos:notation "11" .',
    ),
    "StrategicInitiativeShape": (
        f'ex:it a baap:StrategicInitiative ; {LABELS} ; skos:notation "giga" .',
        f'ex:it a baap:StrategicInitiative ; {LABELS} ; skos:notation "GIGA" .',
    ),
    "StudyGroupShape": (
        f'ex:it a baap:StudyGroup ; {LABELS} ; skos:notation "SG2" .',
        f'ex:it a baap:StudyGroup ; {LABELS} ; skos:notation "SG3" .',
    ),
    "QuestionShape": (
        f'ex:it a baap:Question ; {LABELS} ; skos:notation "Q5/2" ; baap:studyGroup ex:sg . '
        f'ex:sg a baap:StudyGroup ; {LABELS} ; skos:notation "SG2" .',
        f'ex:it a baap:Question ; {LABELS} ; skos:notation "Q5/2" .',
    ),
    "WSISActionLineShape": (
        f'ex:it a baap:WSISActionLine ; {LABELS} ; skos:notation "C7-e-health" ; skos:broader ex:c7 . '
        f'ex:c7 a baap:WSISActionLine ; {LABELS} ; skos:notation "C7" .',
        f'ex:it a baap:WSISActionLine ; {LABELS} ; skos:notation "C12" .',
    ),
    "SDGGoalShape": (
        f'ex:it a sdgo:Goal ; {LABELS} ; skos:notation "17" .',
        'ex:it a sdgo:Goal ; rdfs:label "Goal 17"@en ; skos:notation "17" .',
    ),
    "SDGTargetShape": (
        f'ex:it a sdgo:Target ; {LABELS} ; skos:notation "9.c" ; skos:broader ex:goal . {GOAL}',
        f'ex:it a sdgo:Target ; {LABELS} ; skos:notation "9.c" .',
    ),
    "CountryShape": (
        f'ex:it a baap:Country ; {LABELS} ; skos:notation "KEN" .',
        f'ex:it a baap:Country ; {LABELS} ; skos:notation "KE" .',
    ),
    "OrganizationShape": (
        f"ex:it a baap:Organization ; {LABELS} .",
        'ex:it a baap:Organization ; rdfs:label "UNICEF"@en , "UNICEF" .',
    ),
    "ActivityShape": (
        f"ex:it a baap:Activity ; {LABELS} ; prov:wasDerivedFrom ex:passage ; "
        f'baap:thematicPriority ex:tp ; baap:year "2019"^^xsd:gYear ; baap:contributesTo ex:goal ; '
        f"baap:supportsActionLine ex:c2 . {ACTIVITY_CONTEXT}",
        f"ex:it a baap:Activity ; {LABELS} ; prov:wasDerivedFrom ex:passage ; "
        f"baap:contributesTo ex:goal ; baap:supportsActionLine ex:c2 . {ACTIVITY_CONTEXT}",
    ),
    "ActivityRolesShape": (
        f'ex:it a baap:Activity ; {LABELS} ; prov:wasDerivedFrom ex:passage ; '
        f'baap:thematicPriority ex:tp ; baap:contributesTo ex:goal ; baap:supportsActionLine ex:c2 ; '
        f'baap:country ex:ken ; baap:beneficiaryCountry ex:ken ; baap:newBeneficiaryCountry ex:ken ; '
        f'baap:partner ex:fao ; baap:coOrganizer ex:fao ; baap:hostPartner ex:fao . {ACTIVITY_CONTEXT} '
        f'ex:ken a baap:Country ; {LABELS} ; skos:notation "KEN" . '
        f'ex:fao a baap:Organization ; {LABELS} .',
        # a role link without its baap:country (the role must be materialised)
        f'ex:it a baap:Activity ; {LABELS} ; prov:wasDerivedFrom ex:passage ; '
        f'baap:thematicPriority ex:tp ; baap:contributesTo ex:goal ; baap:supportsActionLine ex:c2 ; '
        f'baap:hostCountry ex:ken . {ACTIVITY_CONTEXT} '
        f'ex:ken a baap:Country ; {LABELS} ; skos:notation "KEN" .',
    ),
    "ActivityCompletenessShape": (
        f"ex:it a baap:Activity ; {LABELS} ; prov:wasDerivedFrom ex:passage ; "
        f"baap:thematicPriority ex:tp ; baap:contributesTo ex:goal ; baap:supportsActionLine ex:c2 . "
        f"{ACTIVITY_CONTEXT}",
        f"ex:it a baap:Activity ; {LABELS} ; prov:wasDerivedFrom ex:passage ; "
        f"baap:thematicPriority ex:tp . {ACTIVITY_CONTEXT}",
    ),
    "SourcePassageShape": (
        'ex:it a baap:SourcePassage ; baap:startLine 3 ; baap:endLine 3 ; baap:section "1" ; '
        'baap:text "文本"@zh .',
        'ex:it a baap:SourcePassage ; baap:startLine 5 ; baap:endLine 3 ; baap:section "1" ; '
        'baap:text "文本"@zh .',
    ),
    "MetricShape": (
        'ex:it a baap:Metric ; baap:value 30 ; baap:unit "people" ; rdfs:label "officials trained"@en , '
        '"接受培训的官员"@zh ; baap:printedAs "30多名官员"@zh ; baap:qualifier "more than" .',
        'ex:it a baap:Metric ; baap:value "thirty" ; baap:unit "people" ; rdfs:label "officials"@en .',
    ),
    "SourceIssueShape": (
        'ex:it a baap:SourceIssue ; baap:issueType "typo" ; baap:startLine 155 ; baap:endLine 155 ; '
        'rdfs:comment "R13 is a typo for RI3."@en .',
        'ex:it a baap:SourceIssue ; baap:issueType "Typo!" ; baap:startLine 155 ; baap:endLine 155 .',
    ),
    "LinkJustificationShape": (
        "ex:it a baap:LinkJustification ; baap:justifiesSubject ex:tp ; "
        "baap:justifiesProperty baap:contributesTo ; baap:justifiesObject ex:goal ; "
        'baap:basis "inferred" ; baap:evidence "skills training"@en . ex:tp baap:contributesTo ex:goal .',
        "ex:it a baap:LinkJustification ; baap:justifiesSubject ex:tp ; "
        'baap:justifiesProperty rdfs:seeAlso ; baap:justifiesObject ex:goal ; baap:basis "guess" .',
    ),
    "ActivityLinkJustificationShape": (
        f'{CURATED} baap:confidence "high" . {LINKED}',
        # evidence in English, no line
        f'{JUSTIFIES} baap:basis "curation" ; baap:evidence "skills"@en ; baap:confidence "high" . {LINKED}',
    ),
    "CuratedLinkJustificationShape": (
        f'{CURATED} baap:confidence "medium" . {LINKED}',
        f'{CURATED} baap:confidence "certain" . {LINKED}',
    ),
    "InferredLinkJustificationShape": (
        f"{INFERRED} baap:score 0.875 ; prov:wasGeneratedBy ex:method . {METHOD} {LINKED}",
        # a score above 1 and no method
        f"{INFERRED} baap:score 1.5 . {LINKED}",
    ),
    "JustifiedLinkPresentShape": (
        f'{CURATED} baap:confidence "high" . {LINKED}',
        # the activity supports C2 but does not contribute to it: the justified link is missing
        "ex:it a baap:LinkJustification ; baap:justifiesSubject ex:act ; "
        "baap:justifiesProperty baap:contributesTo ; baap:justifiesObject ex:c2 ; "
        f'baap:basis "curation" ; baap:evidence "数字技能培训"@zh ; baap:startLine 3 ; '
        f'baap:confidence "high" . {LINKED}',
    ),
    "LinkMethodShape": (
        f'ex:it a baap:LinkMethod ; {LABELS} ; dcterms:hasVersion "2.1" .',
        f"ex:it a baap:LinkMethod ; {LABELS} .",
    ),
    "OntologyTermShape": (
        f'ex:it a owl:Class ; {LABELS} ; rdfs:comment "c"@en , "注"@zh ; rdfs:isDefinedBy ex:o .',
        f'ex:it a owl:ObjectProperty ; {LABELS} ; rdfs:comment "c"@en ; rdfs:isDefinedBy ex:o .',
    ),
    "OntologyHeaderShape": (
        '<https://w3id.org/baap/ontology> a owl:Ontology ; dcterms:title "t"@en ; '
        'owl:versionInfo "1" ; dcterms:license <https://creativecommons.org/licenses/by/4.0/> ; '
        'dcterms:source "TDAG-21/2/2-C" ; vann:preferredNamespaceUri "https://w3id.org/baap/ontology#" .',
        '<https://w3id.org/baap/ontology> a owl:Ontology ; dcterms:title "t"@en ; '
        'vann:preferredNamespaceUri "https://w3id.org/baap/ontology#" .',
    ),
}


@pytest.fixture(scope="module")
def shapes(settings: Settings) -> Graph:
    return load_shapes(settings.shapes_dir)


def node_shape_names(shapes: Graph) -> set[str]:
    base = "https://w3id.org/baap/shapes#"
    return {str(s)[len(base) :] for s in shapes.subjects(RDF.type, SH.NodeShape)}


def test_every_node_shape_has_examples(shapes: Graph) -> None:
    assert node_shape_names(shapes) == set(EXAMPLES)


@pytest.mark.parametrize("shape", sorted(EXAMPLES))
def test_valid_example_passes(shapes: Graph, shape: str) -> None:
    data = Graph().parse(data=HEAD + EXAMPLES[shape][0], format="turtle")
    report = validate_graph(data, shapes)
    assert report.results == [], report.results


@pytest.mark.parametrize("shape", sorted(EXAMPLES))
def test_invalid_example_is_caught_with_the_shape_severity(shapes: Graph, shape: str) -> None:
    data = Graph().parse(data=HEAD + EXAMPLES[shape][1], format="turtle")
    report = validate_graph(data, shapes)
    severity = shapes.value(Namespace("https://w3id.org/baap/shapes#")[shape], SH.severity)
    expected = "warning" if severity == SH.Warning else "violation"
    focus = (
        "https://w3id.org/baap/ontology"
        if shape == "OntologyHeaderShape"
        else "https://example.org/it"
    )
    caught = [r for r in report.results if r.focus == focus]
    assert caught, f"{shape} did not catch its invalid example"
    assert {r.severity for r in caught} == {expected}
