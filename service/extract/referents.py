"""Anaphora: an activity whose text only says "该项目" (the project) inherits what its referent
says.

`data/source/curated/activity_referents.csv` names, for such an activity, the activity (or the
passage) its words refer back to and the words that do ("该项目于2021年1月签署" refers to the
Americas Girls Can Code project with Facebook of the line before). The activity takes its
referent's countries, partners (with their roles), regions, initiatives and Questions; its own
years and figures stay its own. The file is checked on every build: an unknown activity or
referent, or evidence words not in the activity's text, stop the build with the row named.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from service.errors import DataLoadError
from service.extract.activities import Activity
from service.reference import read_table

REFERENTS_FILE = "activity_referents.csv"
COLUMNS = ("activity", "refers_to", "evidence_zh", "note")


class ReferentError(DataLoadError):
    """`activity_referents.csv` does not fit the activities; the message names the row."""


@dataclass(frozen=True)
class Reference:
    """One curated anaphora: the activity, what it refers to, the words that refer."""

    row: int
    activity: str
    refers_to: str
    evidence: str


def read_referents(path: Path) -> list[Reference]:
    """The curated references (none when the file is absent)."""
    if not path.exists():
        return []
    rows = read_table(path)
    if rows and set(COLUMNS) - set(rows[0]):
        raise ReferentError(f"{path.name}: columns must be {', '.join(COLUMNS)}")
    return [
        Reference(number, r["activity"].strip(), r["refers_to"].strip(), r["evidence_zh"])
        for number, r in enumerate(rows, start=2)
    ]


def _referents(reference: Reference, by_key: dict[str, Activity],
               by_passage: dict[str, list[Activity]], path: Path) -> list[Activity]:  # fmt: skip
    found = [by_key[reference.refers_to]] if reference.refers_to in by_key else by_passage.get(
        reference.refers_to, []
    )  # fmt: skip
    if not found:
        raise ReferentError(f"{path.name} row {reference.row}: no activity or passage "
                            f"{reference.refers_to!r} to refer to")  # fmt: skip
    return found


def _moved(key: str, moved: dict[str, str]) -> str:
    """The key after its passage moved (`moved`: old passage key -> new passage key)."""
    for old, new in moved.items():
        if key == old or key.startswith(old + "-"):
            return new + key[len(old) :]
    return key


def resolve_referents(activities: list[Activity], references: list[Reference], path: Path,
                      moved: dict[str, str] | None = None) -> None:  # fmt: skip
    """Give each referring activity what its referent says (in place). Keys of split passages
    that moved (`moved`, see `locate_splits`) are followed."""
    moved = moved or {}
    references = [
        replace(r, activity=_moved(r.activity, moved), refers_to=_moved(r.refers_to, moved))
        for r in references
    ]
    by_key = {a.key: a for a in activities}
    by_passage: dict[str, list[Activity]] = {}
    for activity in activities:
        by_passage.setdefault(activity.passage.key, []).append(activity)
    for reference in references:
        found = by_key.get(reference.activity)
        if found is None:
            raise ReferentError(f"{path.name} row {reference.row}: no activity "
                                f"{reference.activity!r}")  # fmt: skip
        activity = found
        if reference.evidence not in activity.text:
            raise ReferentError(f"{path.name} row {reference.row}: {reference.evidence!r} is not "
                                f"in the text of {reference.activity}")  # fmt: skip
        for referent in _referents(reference, by_key, by_passage, path):
            _inherit(activity, referent)
            activity.refers_to.add(referent.key)


def _inherit(activity: Activity, referent: Activity) -> None:
    activity.countries |= referent.countries
    activity.partners |= referent.partners
    activity.roles.merge(referent.roles)
    activity.regions |= referent.regions
    activity.initiatives |= referent.initiatives
    activity.curated_initiatives |= referent.curated_initiatives
    activity.strategic |= referent.strategic
    activity.questions |= referent.questions
