"""Write data/source/curated/new_texts.jsonl: the labelled new texts of tests/eval/ as training
examples for the suggester (service/suggest/new_texts.py reads it).

Per text: its set, id, language, text, the thematic priority its writer gave, and per SDG target
and WSIS line how many of the set's independent annotators gave it (relabels.csv: E, F, I, J for
the development and first test sets; fresh*_labels.csv for the fresh sets). Run by hand when a
set is added: python3 scripts/new_texts.py [SET ...] (default: every set of SETS).
"""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT / "tests" / "eval"
OUT = ROOT / "data" / "source" / "curated" / "new_texts.jsonl"
#: set name -> (texts, labels of its annotators)
SETS = {
    "dev": ("dev_activities.jsonl", "relabels.csv"),
    "new": ("new_activities.jsonl", "relabels.csv"),
    "fresh": ("fresh_activities.jsonl", "fresh_labels.csv"),
    "fresh2": ("fresh2_activities.jsonl", "fresh2_labels.csv"),
    "fresh3": ("fresh3_activities.jsonl", "fresh3_labels.csv"),
}


def wsis(code: str) -> str:
    """CONTRACT notation: C7.e-health -> C7-e-health."""
    return code.replace("C7.", "C7-")


def rows_of(name: str) -> list[dict[str, object]]:
    texts, labels = SETS[name]
    rows = [json.loads(line) for line in (EVAL / texts).read_text(encoding="utf-8").splitlines()
            if line]  # fmt: skip
    ids = {row["id"] for row in rows}
    counts: dict[str, dict[str, Counter[str]]] = {i: {"sdg": Counter(), "wsis": Counter()}
                                                  for i in ids}  # fmt: skip
    annotators: dict[str, set[str]] = {i: set() for i in ids}
    with (EVAL / labels).open(encoding="utf-8", newline="") as handle:
        for label in csv.DictReader(handle):
            if label["id"] not in ids:
                continue
            annotators[label["id"]].add(label["annotator"])
            if label["code"] != "none":
                code = wsis(label["code"]) if label["kind"] == "wsis" else label["code"]
                counts[label["id"]][label["kind"]][code] += 1
    return [
        {"set": name, "id": row["id"], "lang": row["lang"], "text": row["text"],
         "priority": row["priority"], "annotators": len(annotators[row["id"]]),
         "sdg": dict(sorted(counts[row["id"]]["sdg"].items())),
         "wsis": dict(sorted(counts[row["id"]]["wsis"].items()))}  # fmt: skip
        for row in rows
    ]


def main(names: list[str]) -> None:
    lines = [json.dumps(row, ensure_ascii=False, sort_keys=True)
             for name in names or list(SETS) for row in rows_of(name)]  # fmt: skip
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} texts to {OUT}")


if __name__ == "__main__":
    main(sys.argv[1:])
