"""A second, blind set of questions about the report, answered from the graph.

The 80 questions `b01`-`b84` were written by a reviewer who read the source text
(`data/source/000_417735bef9bf6315.txt`) without looking at the graph or at the first question set
(`test_questions.py`); every expected answer comes from the lines cited in `lines`. Queries use
only the CONTRACT.md vocabulary over the union default graph. Questions `p01`-`p06` were added
after probing and pin the fixes that probing led to (a truncated year, figures printed in Chinese
numerals, a shared figure of a split passage, bare region headings that name no initiative).

Modes: `eq` the graph's answer is exactly the expected set; `sup` the graph's answer contains the
expected set (the passage names more, e.g. a funder); `count` a single number; `nonempty` at
least one source issue is recorded at those lines (and, when given, one of the expected types).
"""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pytest

from service.store import KnowledgeStore

QUESTIONS: list[dict[str, Any]] = json.loads(
    Path(__file__).with_name("questions_blind.json").read_text(encoding="utf-8")
)


def _norm(value: object) -> str:
    """Numbers compare by value (2.1 == 2.10, "500"^^xsd:integer == 500); other values as text."""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    return str(number.normalize()) if number == number.to_integral_value() else str(number)


def _answer(store: KnowledgeStore, query: str) -> set[str]:
    return {_norm(row["x"]) for row in store.select(query) if row.get("x") is not None}


def test_the_blind_set_has_80_questions_over_every_part() -> None:
    blind = [q for q in QUESTIONS if q["id"].startswith("b")]
    assert len(blind) == 80
    sections = {q["section"] for q in blind}
    assert {str(n) for n in range(1, 12)} | {"LDC", "14", "15", "gaps", "defects"} <= sections


@pytest.mark.parametrize("question", QUESTIONS, ids=[q["id"] for q in QUESTIONS])
def test_question(store: KnowledgeStore, question: dict[str, Any]) -> None:
    got = _answer(store, question["sparql"])
    expected = question["expected"]
    mode = question["mode"]
    context = f"{question['id']} (lines {question['lines']}): {question['question']}"
    if mode == "count":
        assert got == {_norm(expected)}, context
    elif mode == "nonempty":
        assert got, context
        if expected:
            assert got & {_norm(e) for e in expected}, context
    elif mode == "eq":
        assert got == {_norm(e) for e in expected}, context
    else:
        assert mode == "sup", question["id"]
        assert {_norm(e) for e in expected} <= got, context
