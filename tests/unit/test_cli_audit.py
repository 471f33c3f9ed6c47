"""`baap-kg audit`: formats, --output, and the CI-gate exit codes of --fail-on."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from types import SimpleNamespace

import pyoxigraph as ox
import pytest

import service.audit
from service import cli
from service.config import Settings
from service.store import KnowledgeStore
from tests.content.test_validation_engine import inject_defects


@pytest.fixture(autouse=True)
def repository_settings(monkeypatch: pytest.MonkeyPatch, settings: Settings) -> None:
    """The CLI reads settings for this repository, not the caller's BAAP_* environment."""
    monkeypatch.setattr(cli, "get_settings", lambda: settings)


@pytest.fixture(scope="module")
def defective_file(store: KnowledgeStore, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real dataset with injected violations and a warning, as N-Quads (graphs kept)."""
    dataset = inject_defects(store.oxigraph).dataset
    path = tmp_path_factory.mktemp("defects") / "defects.nq"
    path.write_bytes(dataset.dump(format=ox.RdfFormat.N_QUADS) or b"")
    return path


def fake_validation(monkeypatch: pytest.MonkeyPatch, violations: int, warnings: int) -> None:
    """Make every audit report these validation counts (the real validation is not run: these
    tests are about the gate, and the real data's own gate has its test below)."""
    counts = {"conforms": violations == 0, "violations": violations, "warnings": warnings,
              "infos": 0}  # fmt: skip
    report = SimpleNamespace(counts=lambda: counts)
    monkeypatch.setattr(service.audit, "validate_store", lambda *args, **kwargs: report)


def test_json_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["audit", "--format", "json"])
    out = capsys.readouterr().out
    body = json.loads(out)
    assert set(body) >= {"dataVersion", "coverage", "matrices", "gaps", "sourceIssues"}
    assert code == 0


@pytest.mark.parametrize("fmt", ["json", "html", "csv"])
def test_each_format_to_a_file(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"audit.{fmt}"
    assert cli.main(["audit", "--format", fmt, "--output", str(target)]) == 0
    text = target.read_text(encoding="utf-8")
    if fmt == "json":
        assert "regionByRegionalInitiative" in json.loads(text)["matrices"]
    elif fmt == "html":
        assert text.startswith("<!DOCTYPE html>") and text.count("<svg") == 4
    else:
        assert next(csv.reader(io.StringIO(text))) == ["section", "key", "row", "column", "value"]


@pytest.mark.parametrize(
    ("violations", "warnings", "fail_on", "expected"),
    [
        (0, 0, None, 0),
        (0, 0, "violation", 0),
        (0, 0, "warning", 0),
        (0, 3, None, 0),
        (0, 3, "violation", 0),
        (0, 3, "warning", 1),
        (2, 0, None, 0),
        (2, 0, "violation", 1),
        (2, 0, "warning", 1),
    ],
)
def test_fail_on_thresholds(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    violations: int,
    warnings: int,
    fail_on: str | None,
    expected: int,
) -> None:
    fake_validation(monkeypatch, violations, warnings)
    argv = ["audit", "--format", "json", "--output", str(tmp_path / "a.json")]
    if fail_on:
        argv += ["--fail-on", fail_on]
    assert cli.main(argv) == expected


def test_injected_violations_fail_the_gate(defective_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "a.json"
    base = ["audit", "--data", str(defective_file), "--output", str(out)]
    assert cli.main([*base, "--fail-on", "violation"]) == 1
    validation = json.loads(out.read_text(encoding="utf-8"))["validation"]
    assert validation["violations"] >= 3 and validation["warnings"] >= 1
    assert validation["conforms"] is False
    assert cli.main([*base, "--fail-on", "warning"]) == 1
    assert cli.main(base) == 0


def test_real_data_gate_follows_its_validation(
    store: KnowledgeStore, settings: Settings, tmp_path: Path
) -> None:
    from service.validation import validate_store

    counts = validate_store(store, settings.shapes_dir).counts()
    out = str(tmp_path / "a.json")
    assert cli.main(["audit", "--output", out, "--fail-on", "violation"]) == int(
        counts["violations"] > 0
    )
    assert cli.main(["audit", "--output", out, "--fail-on", "warning"]) == int(
        counts["violations"] + counts["warnings"] > 0
    )


def test_unreadable_data_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["audit", "--data", str(tmp_path / "missing.ttl")]) == 2
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> ", encoding="utf-8")
    assert cli.main(["audit", "--data", str(broken)]) == 2
    assert "baap-kg audit" in capsys.readouterr().err


def test_unwritable_output_is_exit_2(tmp_path: Path) -> None:
    assert cli.main(["audit", "--output", str(tmp_path / "no" / "such" / "dir.json")]) == 2


def test_unknown_format_is_a_usage_error() -> None:
    with pytest.raises(SystemExit) as caught:
        cli.main(["audit", "--format", "pdf"])
    assert caught.value.code == 2
