"""One settings object, read from `BAAP_*` environment variables.

`get_settings()` is what the CLI uses; tests build `Settings(...)` directly and hand it to
`create_app`, so nothing depends on the process environment at import time.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Every knob of baap-kg. Environment variable = `BAAP_` + the field name in capitals."""

    model_config = SettingsConfigDict(env_prefix="BAAP_", frozen=True, extra="ignore")

    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    ontology_dir: Path = PROJECT_ROOT / "ontology"
    shapes_dir: Path = PROJECT_ROOT / "shapes"
    data_dir: Path = PROJECT_ROOT / "data"
    #: Serve exactly these RDF files instead of the built-in dataset (`baap-kg serve --data`).
    data_files: tuple[Path, ...] = ()
    base_iri: str = "https://w3id.org/baap/id/"
    query_timeout_s: float = Field(default=10.0, gt=0, le=600)
    max_rows: int = Field(default=100_000, ge=1)
    max_query_length: int = Field(default=100_000, ge=100)
    max_body_bytes: int = Field(default=2_000_000, ge=1_000)
    max_concurrent_queries: int = Field(default=3, ge=1, le=64)
    #: Address-space limit of each query worker process, in MB (0: no limit).
    worker_memory_mb: int = Field(default=4096, ge=0)
    #: The report text the /report page shows, line by line (relative: under `data_dir/source`).
    report_file: Path = Path("000_417735bef9bf6315.txt")

    @field_validator("base_iri")
    @classmethod
    def _base_iri_ends_with_slash(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")) or not value.endswith("/"):
            raise ValueError(
                "BAAP_BASE_IRI must be an http(s) IRI ending in '/', "
                f"e.g. https://w3id.org/baap/id/ (got {value!r})"
            )
        return value

    @property
    def generated_dir(self) -> Path:
        """Where `baap-kg build` writes and the service reads the generated RDF."""
        return self.data_dir / "generated"

    @property
    def source_dir(self) -> Path:
        """The report, the reference tables and the curated files: the build's inputs."""
        return self.data_dir / "source"

    @property
    def report_path(self) -> Path:
        """The report text file (`report_file`, under `source_dir` unless absolute)."""
        return self.source_dir / self.report_file


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The settings of this process, read once from the environment."""
    return Settings()
