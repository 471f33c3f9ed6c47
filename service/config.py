"""One settings object, read from `BAAP_*` environment variables.

`get_settings()` is what the CLI uses; tests build `Settings(...)` directly and hand it to
`create_app`, so nothing depends on the process environment at import time.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

if TYPE_CHECKING:
    from service.http_server import HttpLimits

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _default_workers() -> int:
    """One worker per core plus one (at least two): queries use every core, and one more
    covers the moments a worker waits on its socket."""
    return max(2, (os.cpu_count() or 1) + 1)


class Settings(BaseSettings):
    """Every knob of baap-kg. Environment variable = `BAAP_` + the field name in capitals."""

    model_config = SettingsConfigDict(env_prefix="BAAP_", frozen=True, extra="ignore")

    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    ontology_dir: Path = PROJECT_ROOT / "ontology"
    shapes_dir: Path = PROJECT_ROOT / "shapes"
    data_dir: Path = PROJECT_ROOT / "data"
    #: The auditor's gate: rules on coverage and gaps per basis (`/audit?check=policy`).
    audit_policy: Path = PROJECT_ROOT / "policy" / "audit-policy.toml"
    #: Serve exactly these RDF files instead of the built-in dataset (`baap-kg serve --data`).
    data_files: tuple[Path, ...] = ()
    base_iri: str = "https://w3id.org/baap/id/"
    query_timeout_s: float = Field(default=10.0, gt=0, le=600)
    max_rows: int = Field(default=100_000, ge=1)
    max_query_length: int = Field(default=100_000, ge=100)
    max_body_bytes: int = Field(default=2_000_000, ge=1_000)
    #: Query workers (processes); by default one more than the machine has cores.
    max_concurrent_queries: int = Field(default_factory=lambda: _default_workers(), ge=1, le=64)
    #: Address-space limit of each query worker process, in MB (0: no limit).
    worker_memory_mb: int = Field(default=4096, ge=0)
    #: A worker whose private memory (pages its queries copied) passes this is replaced (0: never).
    worker_recycle_mb: int = Field(default=64, ge=0)
    #: All workers' private memory together before any is replaced; 0: half the store's size.
    worker_private_budget_mb: int = Field(default=0, ge=0)
    #: Results are cut, like at the row cap, past this many bytes.
    max_result_bytes: int = Field(default=64 * 1024 * 1024, ge=1024)
    #: Bytes of finished results waiting on disk for their clients, all requests together.
    max_spool_bytes: int = Field(default=1024 * 1024 * 1024, ge=1024 * 1024)
    #: How long a request may wait for a free worker before a 429 (light queries go first, so
    #: it is the heavy ones that wait long).
    queue_timeout_s: float = Field(default=20.0, gt=0, le=600)
    #: Requests one client may have waiting for a worker at once (more: 429 at once). Waiting
    #: costs little; the wait itself is bounded by `queue_timeout_s`.
    per_client_queue: int = Field(default=256, ge=1)
    #: A query that lately ran this long on average (or timed out) is "heavy" when sent again:
    #: heavy jobs (and validations) never take the last free worker, which stays for the other
    #: queries, and wait behind light ones.
    slow_query_s: float = Field(default=0.1, gt=0)
    #: Time limit of one validation of an uploaded candidate (parse + SHACL), in a worker.
    validate_timeout_s: float = Field(default=20.0, gt=0, le=600)
    #: Triples a candidate may hold; brackets it may nest (JSON-LD, Turtle) or elements (RDF/XML).
    max_candidate_triples: int = Field(default=50_000, ge=1)
    max_nesting: int = Field(default=64, ge=4, le=10_000)
    #: The address clients use (`https://kg.example.org`): every absolute link and redirect is
    #: built from it, never from a request's Host header. Default: the address served on.
    public_url: str | None = None
    #: Peers (IP addresses) whose X-Forwarded-For names the real client (for fair shares).
    trusted_proxies: tuple[str, ...] = ()
    #: HTTP limits (see service/http_server.py).
    max_header_bytes: int = Field(default=16 * 1024, ge=1024)
    max_url_bytes: int = Field(default=64 * 1024, ge=1024)
    max_headers: int = Field(default=100, ge=10)
    header_timeout_s: float = Field(default=10.0, gt=0)
    body_timeout_s: float = Field(default=30.0, gt=0)
    keepalive_timeout_s: int = Field(default=5, ge=1)
    max_keepalive_requests: int = Field(default=1000, ge=1)
    max_connections: int = Field(default=1000, ge=8)
    #: A client that reads nothing of its response for this long is disconnected.
    send_timeout_s: float = Field(default=30.0, gt=0)
    #: The supervisor's watch: a zygote silent this long, an app silent this long, is replaced.
    ping_timeout_s: float = Field(default=3.0, gt=0)
    app_stall_s: float = Field(default=30.0, gt=0)
    #: The report text the /report page shows, line by line (relative: under `data_dir/source`).
    report_file: Path = Path("000_417735bef9bf6315.txt")

    @field_validator("public_url")
    @classmethod
    def _public_url_is_a_base(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if not value.startswith(("http://", "https://")) or "?" in value or "#" in value:
            raise ValueError(
                "BAAP_PUBLIC_URL must be an http(s) URL without query or fragment, "
                f"e.g. https://kg.example.org (got {value!r})"
            )
        return value.rstrip("/")

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

    def http_limits(self) -> HttpLimits:
        """The HTTP server's limits."""
        from service.http_server import HttpLimits

        return HttpLimits(
            max_header_bytes=self.max_header_bytes,
            max_url_bytes=self.max_url_bytes,
            max_headers=self.max_headers,
            header_timeout_s=self.header_timeout_s,
            body_timeout_s=self.body_timeout_s,
            keepalive_timeout_s=self.keepalive_timeout_s,
            max_keepalive_requests=self.max_keepalive_requests,
            max_connections=self.max_connections,
        )

    def served_url(self) -> str:
        """The public URL, or the address `baap-kg serve` listens on."""
        if self.public_url:
            return self.public_url
        host = "127.0.0.1" if self.host in ("0.0.0.0", "") else self.host  # noqa: S104
        host = "[::1]" if host == "::" else f"[{host}]" if ":" in host else host
        return f"http://{host}:{self.port}"

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
