"""The labelled new texts the suggester learns from (data/source/curated/new_texts.jsonl)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from service.config import PROJECT_ROOT, Settings
from service.suggest.new_texts import AGREEMENT, NEW_TEXTS_FILE, read_new_texts
from service.suggest.training import NEW_TEXT_WEIGHT, new_examples

ROW = {"set": "x", "id": "x1", "lang": "zh", "text": "网络安全演练", "priority": "cybersecurity",
       "annotators": 4, "sdg": {"16.a": 4, "17.9": 1}, "wsis": {"C5": 2, "C11": 1}}  # fmt: skip


def test_a_label_counts_when_enough_annotators_give_it(tmp_path: Path) -> None:
    (tmp_path / NEW_TEXTS_FILE).write_text(json.dumps(ROW) + "\n", encoding="utf-8")
    found = read_new_texts(tmp_path, {"cybersecurity": "2"})
    assert AGREEMENT == 2
    assert found["sdgTarget"] == [("网络安全演练", ["16.a"])]
    assert found["wsisActionLine"] == [("网络安全演练", ["C5"])]
    assert found["thematicPriority"] == [("网络安全演练", ["2"])]
    assert read_new_texts(tmp_path, {"cybersecurity": "2"}, ids=set())["sdgTarget"] == []
    assert read_new_texts(tmp_path / "missing", {})["sdgTarget"] == []


def test_new_texts_are_examples_of_their_weight_shown_by_the_whole_text() -> None:
    (example,) = new_examples([("网络安全演练", ["16.a", "17.9"])])
    assert example.labels == {"16.a": (), "17.9": ()} and example.weight == NEW_TEXT_WEIGHT


def test_the_training_file_is_what_the_script_writes_from_the_labelled_sets(
    settings: Settings,
) -> None:
    spec = importlib.util.spec_from_file_location("new_texts_script",
                                                  PROJECT_ROOT / "scripts" / "new_texts.py")  # fmt: skip
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    expected = [json.dumps(row, ensure_ascii=False, sort_keys=True)
                for name in script.SETS for row in script.rows_of(name)]  # fmt: skip
    committed = (settings.source_dir / "curated" / NEW_TEXTS_FILE).read_text(encoding="utf-8")
    assert committed.splitlines() == expected, "run python3 scripts/new_texts.py"
    assert all(json.loads(line)["annotators"] == 4 for line in expected)
