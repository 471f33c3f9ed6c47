"""`baap-kg build` is deterministic and `--check` catches drift."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from service.build import Output, generate, stale_outputs
from service.cli import main
from service.config import PROJECT_ROOT, Settings


def test_generated_files_on_disk_match_the_inputs(built: list[Output]) -> None:
    # the files on disk were written by an earlier build, in another process: equal bytes here
    # also say that two builds give identical bytes (no second build needed to show it)
    assert stale_outputs(built) == []


def test_check_exits_nonzero_and_names_the_file_after_a_changed_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for folder in ("data", "ontology"):
        shutil.copytree(PROJECT_ROOT / folder, tmp_path / folder)
    monkeypatch.setenv("BAAP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("BAAP_ONTOLOGY_DIR", str(tmp_path / "ontology"))
    from service.config import get_settings

    get_settings.cache_clear()
    try:
        assert main(["build", "--check"]) == 0
        target = tmp_path / "data" / "generated" / "reference.ttl"
        content = target.read_bytes()
        target.write_bytes(content.replace(b"Afghanistan", b"Afghanistam", 1))
        assert main(["build", "--check"]) == 1
        assert "reference.ttl" in capsys.readouterr().err
        assert main(["build"]) == 0
        assert target.read_bytes() == content
    finally:
        get_settings.cache_clear()


def test_a_training_that_fails_in_its_process_stops_the_build_with_a_clear_error(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    import service.build

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("no model today")

    monkeypatch.setattr(service.build, "learn", broken)
    with pytest.raises(service.build.TrainingError, match="training stopped without a result"):
        generate(settings)


def test_the_build_writes_the_model_it_trained_and_the_links_it_read(built: list[Output]) -> None:
    outputs = {o.path: o.content for o in built}
    assert outputs["data/generated/suggest-model.json"].startswith(b'{"countryRegions"')
    assert b'baap:basis "inferred"' in outputs["data/generated/inferred.ttl"]
