"""New activity texts labelled by independent annotators, as training examples (build side).

`data/source/curated/new_texts.jsonl` (written by `scripts/new_texts.py` from the labelled sets
of `tests/eval/`): per text its thematic priority (as its writer gave it) and, per SDG target
and WSIS line, how many of its annotators gave it. A target or line is a label of the text when
at least AGREEMENT of them did. The dataset's activities are the report's short passages read by
our curators; these are other people's texts read by other people, which is what `/suggest`
meets. They are counted in every fold of the cross-validation, as the reference texts are (they
are not activities: they make no `inferred` link).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Final

NEW_TEXTS_FILE: Final = "new_texts.jsonl"
#: How many of a text's annotators must give a target or line for it to count.
AGREEMENT: Final = 2
#: A labelled text and its labels of one kind.
Labelled = tuple[str, list[str]]


def read_new_texts(
    curated_dir: Path, priority_codes: Mapping[str, str], ids: set[str] | None = None
) -> dict[str, list[Labelled]]:
    """Kind -> (text, labels) of every new text (of `ids` only, when given); priorities as
    notations through `priority_codes` (slug -> notation). No file: no texts."""
    path = curated_dir / NEW_TEXTS_FILE
    found: dict[str, list[Labelled]] = {"sdgTarget": [], "wsisActionLine": [],
                                         "thematicPriority": []}  # fmt: skip
    if not path.exists():
        return found
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line:
            continue
        row = json.loads(line)
        if ids is not None and row["id"] not in ids:
            continue
        for kind, key in (("sdgTarget", "sdg"), ("wsisActionLine", "wsis")):
            agreed = sorted(code for code, n in row[key].items() if n >= AGREEMENT)
            found[kind].append((row["text"], agreed))
        found["thematicPriority"].append((row["text"], [priority_codes[row["priority"]]]))
    return found
