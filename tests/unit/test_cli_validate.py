"""`baap-kg validate`: exit 0 when the data conforms, 1 on violations."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.cli import _validate
from service.config import Settings


def test_the_built_in_dataset_conforms(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _validate(settings) == 0
    assert "conforms: True" in capsys.readouterr().out


def test_an_activity_without_labels_or_passage_is_a_violation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "<https://w3id.org/baap/id/activity/x> a <https://w3id.org/baap/ontology#Activity> .\n",
        encoding="utf-8",
    )
    settings = Settings(_env_file=None, data_files=(bad,))  # type: ignore[call-arg]
    assert _validate(settings) == 1
    assert "violations: 0" not in capsys.readouterr().out
