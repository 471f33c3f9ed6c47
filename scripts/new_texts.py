"""Write data/source/curated/new_texts.jsonl: the labelled new texts of tests/eval/ as training
examples for the suggester (service/suggest/new_texts.py reads it).

Per text: its set, id, language, text, the thematic priority its writer gave, and per SDG target
and WSIS line how many of the set's independent annotators gave it (the sets and their labels
as `make eval` reads them: service.suggest.evaluate.TEXT_SETS, link_quality.read_labels). Run by
hand when a set is added: .venv/bin/python scripts/new_texts.py
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from service.link_quality import read_labels  # noqa: E402
from service.suggest.evaluate import TEXT_SETS, read_rows  # noqa: E402

OUT = ROOT / "data" / "source" / "curated" / "new_texts.jsonl"
#: The sets the suggester learns from (version 1.6), in this order; fresh4 and fresh5 test it.
SETS = ("dev", "new", "fresh", "fresh2", "fresh3")


def rows_of(name: str) -> list[dict[str, object]]:
    texts, labels = TEXT_SETS[name]
    rows = read_rows(texts)
    by_annotator = read_labels(labels, key="id")
    out = []
    for row in rows:
        given = [links[row["id"]] for links in by_annotator.values() if row["id"] in links]
        counts = {kind: Counter(code for links in given for code in links[kind])
                  for kind in ("sdg", "wsis")}  # fmt: skip
        out.append({"set": name, "id": row["id"], "lang": row["lang"], "text": row["text"],
                    "priority": row["priority"], "annotators": len(given),
                    "sdg": dict(sorted(counts["sdg"].items())),
                    "wsis": dict(sorted(counts["wsis"].items()))})  # fmt: skip
    return out


def main() -> None:
    lines = [json.dumps(row, ensure_ascii=False, sort_keys=True)
             for name in SETS for row in rows_of(name)]  # fmt: skip
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} texts to {OUT}")


if __name__ == "__main__":
    main()
