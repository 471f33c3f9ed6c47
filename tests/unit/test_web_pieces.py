"""The pieces the pages are made of: every message in both languages, every example and issue
type translated, only safe links, the report's clutter removed, provenance put into words."""

from __future__ import annotations

import re

import pytest

from service.audit_report import href as audit_href
from service.examples import load_examples
from service.i18n import MESSAGES
from service.messages.audit import ISSUE_TYPES
from service.messages.examples import EXAMPLES_ZH
from service.store import KnowledgeStore
from service.web.entities import link_for
from service.web.provenance import explain, source_kind
from service.web.report import clean_lines

BASE = "https://w3id.org/baap/id/"
CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_has_english_and_chinese(key: str) -> None:
    english, chinese = MESSAGES[key]
    assert english.strip() and chinese.strip()
    words = re.sub(r"\{\w+\}|`[^`]*`", "", chinese)  # placeholders and code are not words
    assert CJK.search(words) or not re.search(r"[a-z]{3,}", words), chinese
    assert set(re.findall(r"\{(\w+)\}", english)) == set(re.findall(r"\{(\w+)\}", chinese))


def test_every_example_has_its_chinese_title_and_description() -> None:
    assert set(EXAMPLES_ZH) == {e.id for e in load_examples()}
    for title, description in EXAMPLES_ZH.values():
        assert CJK.search(title) and CJK.search(description)
        assert description.count("`") % 2 == 0  # identifiers are closed code spans


def test_every_issue_type_of_the_data_is_named_in_both_languages(store: KnowledgeStore) -> None:
    rows = store.select(
        "SELECT DISTINCT ?t WHERE { ?i <https://w3id.org/baap/ontology#issueType> ?t }"
    )
    types = {row["t"] for row in rows}
    assert types and types <= set(ISSUE_TYPES)
    assert all(CJK.search(names[1]) and CJK.search(names[3]) for names in ISSUE_TYPES.values())


@pytest.mark.parametrize(
    ("iri", "expected"),
    [
        (f"{BASE}region/AFR", "/id/region/AFR"),
        ("http://metadata.un.org/sdg/5.b", "/id/sdg/5.b"),
        ("https://example.org/a", "https://example.org/a"),
        ("HTTP://EXAMPLE.ORG/B", "HTTP://EXAMPLE.ORG/B"),
        ("javascript:alert(document.domain)", None),
        ("JavaScript:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("vbscript:msgbox", None),
        ("ftp://example.org/file", None),
        ("urn:isbn:123", None),
    ],
)
def test_only_http_iris_and_our_pages_are_links(iri: str, expected: str | None) -> None:
    assert link_for(iri, BASE) == expected
    assert audit_href(iri, BASE) == (expected or "")


def test_report_clutter_is_removed_and_line_numbers_kept() -> None:
    raw = [
        "\t[image: P:\\SUP\\logo.jpg]",
        "\t[image: A close up of a sign",
        "",
        "Description automatically generated]",
        "[bookmark: DocNo1]文件TDAG-21/2/2-C",
        "[bookmark: a][bookmark: b]正文 [bookmark: c]继续",
    ]
    assert clean_lines(raw) == ["", "", "", "", "文件TDAG-21/2/2-C", "正文 继续"]


@pytest.mark.parametrize(
    ("note", "kind"),
    [
        ("official: ITU publication ...", "official"),
        ("official draft: BDT news item ...; final wording reconstructed from memory", "memory"),
        ("reconstructed from memory (WTDC-17 Resolution 2 annex)", "memory"),
        ("translated: the report's heading is truncated", "translated"),
        ("ITU document TDAG-21/2/2-C (8 October 2021): Report ...", "report"),
        ("ISO 3166-1; UN Chinese short names", "list"),
    ],
)
def test_source_notes_are_put_into_words(note: str, kind: str) -> None:
    assert source_kind(note) == kind


def test_provenance_says_where_and_how_sure_in_the_page_language() -> None:
    said = explain(["reconstructed from memory (...)"], ["medium", "a guess"], "zh")
    assert said is not None
    sentences = said["sentences"]
    assert isinstance(sentences, list) and len(sentences) == 2
    assert all(CJK.search(s) for s in sentences)
    assert said["unexplained"] == ["a guess"] and said["notes"] == [
        "reconstructed from memory (...)"
    ]
    assert explain([], [], "en") is None
