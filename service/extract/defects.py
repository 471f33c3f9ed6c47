"""Source issues: defects of the report found by rule, merged with the curated list.

Rules find what patterns can (mangled codes, headings whose number and title disagree or lack
one of them, impossible years, Questions attributed to the wrong study group, repeated
passages); people find the rest (`data/source/curated/source_issues.csv`). A curated row with the
same type and first line as a rule finding describes the same defect: it is kept once.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from service.extract.initiatives import Resolution
from service.extract.links import question_group_mismatches
from service.extract.structure import Passage
from service.reference import read_table, split_list


@dataclass
class SourceIssue:
    """One defect of the source text."""

    slug: str
    issue_type: str
    start: int
    end: int
    comment: str
    affects: list[str] = field(default_factory=list)  # IRI paths after the id base
    choice: str = ""
    detected_by: str = "rule"


def rule_issues(passages: list[Passage], headings: dict[int, Resolution]) -> list[SourceIssue]:
    """Defects that rules over the parsed text can find."""
    issues: list[SourceIssue] = []
    for line, resolution in sorted(headings.items()):
        text = resolution.heading.text
        affects = [f"regional-initiative/{c}" for c in sorted(resolution.initiatives)]
        for issue_type, explanation in resolution.problems:
            issues.append(SourceIssue(
                f"{issue_type}-l{line}", issue_type, line, line,
                f"Regional-initiative heading '{text}': {explanation}.", affects,
                f"linked to {', '.join(sorted(resolution.initiatives)) or 'no initiative'}",
            ))  # fmt: skip
    for passage in passages:
        for year in _impossible_years(passage.text):
            issues.append(SourceIssue(
                f"typo-year-{year}-l{passage.start}", "typo", passage.start, passage.start,
                f"Year {year} is impossible for a report covering 2018-2021; kept as printed.",
                [f"activity/{passage.key}"], "year recorded as printed",
            ))  # fmt: skip
        for question, group in question_group_mismatches(passage.text):
            n, g = question.split("/")
            issues.append(SourceIssue(
                f"question-study-group-mismatch-l{passage.start}", "question-study-group-mismatch",
                passage.start, passage.start,
                f"Question {question} belongs to Study Group {g}, but the text attributes it to "
                f"Study Group {group}.", [f"question/{n}-{g}", f"study-group/{group}"],
                f"linked to Question {question}",
            ))  # fmt: skip
    issues.extend(_repeated_passages(passages))
    return issues


def _impossible_years(text: str) -> list[str]:
    return [y for y in re.findall(r"(?<!\d)(2[0-9]{3})年", text) if int(y) > 2050]


def _repeated_passages(passages: list[Passage]) -> list[SourceIssue]:
    by_text: dict[str, list[Passage]] = defaultdict(list)
    for passage in passages:
        if len(passage.text) >= 20:
            by_text[passage.text].append(passage)
    issues = []
    for repeated in by_text.values():
        if len(repeated) > 1:
            first, last = repeated[0], repeated[-1]
            issues.append(SourceIssue(
                f"duplicate-passage-l{first.start}", "duplicate-passage", first.start, last.start,
                "The same passage is printed on lines "
                f"{', '.join(str(p.start) for p in repeated)}.",
                [f"activity/{p.key}" for p in repeated], "each occurrence kept as its own activity",
            ))  # fmt: skip
    return issues


def curated_issues(path: Path) -> list[SourceIssue]:
    """Defects found by people reading the report."""
    return [
        SourceIssue(
            row["id"],
            row["issue_type"],
            int(row["start_line"]),
            int(row["end_line"]),
            row["comment_en"],
            split_list(row["affects"]),
            row["choice_made"],
            "curation",
        )  # fmt: skip
        for row in read_table(path)
    ]


def merge_issues(rules: list[SourceIssue], curated: list[SourceIssue]) -> list[SourceIssue]:
    """Curated issues plus the rule findings no curated row already describes."""
    merged = {c.slug: c for c in curated}
    by_kind_and_line = {(c.issue_type, c.start): c for c in curated}
    for issue in rules:
        existing = by_kind_and_line.get((issue.issue_type, issue.start))
        if existing is not None:
            existing.detected_by = "rule"
            existing.affects = sorted(set(existing.affects) | set(issue.affects))
        else:
            merged.setdefault(issue.slug, issue)
    return sorted(merged.values(), key=lambda i: (i.start, i.slug))
