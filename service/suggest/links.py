"""What the build's `inferred` graph is made of: one link a method read from an activity's text."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class InferredLink:
    """An activity -> SDG target (`contributesTo`) or WSIS line (`supportsActionLine`) link.

    `notation` is CONTRACT's (`9.c`, `C7-e-health`); `score` is 0-1 with 3 decimals; `evidence`
    is a substring of the activity's text (and of its passage, as printed) and `line` the
    1-based report line it is printed on; `method` and `version` name what read it.
    """

    activity: str
    property: str
    notation: str
    score: float
    evidence: str
    line: int
    method: str
    version: str
