"""service/config.py: one settings object from BAAP_* variables."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from service.config import Settings


def test_settings_read_baap_prefixed_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BAAP_PORT", "8123")
    monkeypatch.setenv("BAAP_QUERY_TIMEOUT_S", "2.5")
    settings = Settings()
    assert settings.port == 8123
    assert settings.query_timeout_s == 2.5


def test_base_iri_without_trailing_slash_is_refused() -> None:
    with pytest.raises(ValidationError, match="BAAP_BASE_IRI"):
        Settings(base_iri="https://example.org/id")


def test_out_of_range_port_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BAAP_PORT", "70000")
    with pytest.raises(ValidationError):
        Settings()
