"""`python -m service.bench` (`make bench`): baap-kg against the floor and rdflib-endpoint.

Runs a fixed SPARQL query mix over HTTP on loopback, bounded in time, against three servers that
serve identical data: baap-kg (`baap-kg serve --data`), the floor (a bare pyoxigraph + Starlette
+ uvicorn endpoint, `service.bench.baseline`) and rdflib-endpoint. It does so on the real dataset
and on a synthetic graph 100x its size, generated into a temporary directory, and prints p50, p99
and requests/s per query, the ratios, and the memory of each server after loading.
"""

from __future__ import annotations

import argparse
import json
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from types import FrameType

from service.bench import data, queries, report, runner, scaling
from service.bench.servers import BAAP, FLOOR, RDFLIB, Server, ServerSpec

DEFAULT_SYNTHETIC_SCALE = 100


def _scales(text: str) -> list[int]:
    if text == "both":
        return [1, DEFAULT_SYNTHETIC_SCALE]
    try:
        scales = [int(part) for part in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError("use 1, 100, both, or a comma list like 1,10") from None
    if any(s < 1 for s in scales):
        raise argparse.ArgumentTypeError("scales are at least 1")
    return scales


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m service.bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--scale",
        type=_scales,
        default=[1, DEFAULT_SYNTHETIC_SCALE],
        help="1 (the real data), N (synthetic, N copies), both (1 and 100; the default)",
    )
    parser.add_argument(
        "--seconds", type=float, default=3.0, help="time per query per server (default 3)"
    )
    parser.add_argument(
        "--max-requests", type=int, default=200, help="requests per query per server (default 200)"
    )
    parser.add_argument(
        "--warmup", type=int, default=3, help="warm-up requests per query per server (default 3)"
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=30.0,
        help="client timeout per request, after which a query counts as timed out (default 30)",
    )
    parser.add_argument(
        "--startup-timeout",
        type=float,
        default=900.0,
        help="seconds a server may take to load and answer (default 900)",
    )
    parser.add_argument(
        "--load-seconds",
        type=float,
        default=5.0,
        help="seconds per point of the load curve and fairness runs (0: skip them; default 5)",
    )
    parser.add_argument("--skip-rdflib", action="store_true", help="leave rdflib-endpoint out")
    parser.add_argument("--skip-baap", action="store_true", help="leave baap-kg out")
    parser.add_argument(
        "--queries",
        nargs="+",
        metavar="NAME",
        help="run only these queries: " + ", ".join(q.name for q in queries.QUERIES),
    )
    parser.add_argument(
        "--workdir",
        type=Path,
        help="keep datasets and server logs here (default: a temporary directory, removed)",
    )
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures as JSON")
    parser.add_argument(
        "--check",
        action="store_true",
        help="exit 1 when a target fails or cannot be checked",
    )
    return parser.parse_args(argv)


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _prepare(scale: int, workdir: Path, real: data.DatasetFile) -> data.DatasetFile:
    if scale == 1:
        return real
    path = workdir / f"synthetic-x{scale}.nq"
    started = time.perf_counter()
    made = data.write_synthetic(real.path, scale, path)
    _log(f"generated {made.name}: {made.quads:,} quads in {time.perf_counter() - started:.1f} s")
    return made


def _bench_dataset(
    dataset: data.DatasetFile,
    specs: list[ServerSpec],
    mix: tuple[queries.BenchQuery, ...],
    settings: runner.Settings,
    workdir: Path,
    live: list[Server],
    load_seconds: float,
) -> report.DatasetResult:
    servers: list[Server] = []
    try:
        for spec in specs:
            log_path = workdir / f"{spec.key}-{dataset.path.stem}.log"
            server = Server(spec, [dataset.path], log_path)
            servers.append(server)
            live.append(server)
            _log(f"[{dataset.name}] starting {spec.label} ...")
            server.start(settings.startup_timeout)
            state = server.problem or "ready"
            _log(f"[{dataset.name}] {spec.label}: {state} after {server.ready_s:.1f} s")
        results = runner.run_queries(servers, mix, settings, dataset.name)
        for server in servers:
            if server.usable:
                server.memory_after = server.measure_memory()
        growth = _scaling(servers, mix, settings, load_seconds, dataset.name)
    finally:
        for server in servers:
            server.stop()
            if server in live:
                live.remove(server)
    return report.DatasetResult(
        name=dataset.name,
        quads=dataset.quads,
        file_bytes=dataset.path.stat().st_size,
        servers=servers,
        queries=mix,
        results=results,
        timeout=settings.request_timeout,
        scaling=growth,
    )


def _scaling(
    servers: list[Server],
    mix: tuple[queries.BenchQuery, ...],
    settings: runner.Settings,
    load_seconds: float,
    name: str,
) -> dict[str, scaling.Scaling]:
    """Load curve, large results (and, for baap-kg, fairness) of the floor and baap-kg."""
    out: dict[str, scaling.Scaling] = {}
    if load_seconds <= 0:
        return out
    for server in servers:
        if server.spec.key not in ("floor", "baap") or not server.usable:
            continue
        _log(f"[{name}] {server.spec.label}: load curve, large results ...")
        figures = scaling.Scaling()
        figures.load = scaling.load_curve(server, mix, load_seconds)
        figures.large_seconds = scaling.large_results(server, settings.request_timeout)
        figures.memory_after_large = server.measure_memory()
        time.sleep(1.5)  # and once the server has had a moment to recycle its workers
        figures.memory_settled = server.measure_memory()
        if server.spec.key == "baap":
            _log(f"[{name}] {server.spec.label}: fairness beside a runaway ...")
            figures.fairness = scaling.fairness(server, mix, load_seconds)
        out[server.spec.key] = figures
    return out


def _validation_and_audit() -> None:
    """Full SHACL validation and the audit of the built-in dataset: cold (first) and cached."""
    from service.audit import benchmark
    from service.config import Settings as ServiceSettings
    from service.store import KnowledgeStore

    store = KnowledgeStore.from_settings(ServiceSettings())
    runs = [benchmark(store) for _ in range(3)]  # each run starts cold (fresh caches)
    best = {key: min(run[key] for run in runs) for key in runs[0]}
    print("== validation and audit (built-in dataset, best of 3) ==")
    print(
        f"SHACL validation: {best['validation_cold']:.3f} s cold, "
        f"{best['validation_warm'] * 1000:.2f} ms cached  (target < 0.3 s)"
    )
    print(
        f"audit:            {best['audit_cold']:.3f} s cold, "
        f"{best['audit_warm'] * 1000:.2f} ms cached  (target < 0.5 s)",
        flush=True,
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    mix = queries.by_name(args.queries) if args.queries else queries.QUERIES
    specs = [FLOOR]
    if not args.skip_baap:
        specs.append(BAAP)
    if not args.skip_rdflib:
        specs.append(RDFLIB)
    settings = runner.Settings(
        seconds=args.seconds,
        max_requests=args.max_requests,
        warmup=args.warmup,
        request_timeout=args.timeout,
        startup_timeout=args.startup_timeout,
    )
    live: list[Server] = []

    def _terminate(signum: int, frame: FrameType | None) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, _terminate)
    signal.signal(signal.SIGHUP, _terminate)
    temporary = args.workdir is None
    workdir = Path(tempfile.mkdtemp(prefix="baap-bench-")) if temporary else args.workdir
    workdir.mkdir(parents=True, exist_ok=True)
    outcomes: list[report.DatasetResult] = []
    _validation_and_audit()
    try:
        real = data.export_real(workdir / "real.nq")
        _log(f"exported the real dataset: {real.quads:,} quads -> {real.path}")
        for scale in args.scale:
            dataset = _prepare(scale, workdir, real)
            outcome = _bench_dataset(
                dataset, specs, mix, settings, workdir, live, args.load_seconds
            )
            outcomes.append(outcome)
            print(report.render(outcome), flush=True)
            if scale != 1:
                dataset.path.unlink(missing_ok=True)
    finally:
        for server in live:
            server.stop()
        if temporary:
            shutil.rmtree(workdir, ignore_errors=True)
    if args.json:
        args.json.write_text(
            json.dumps([report.to_json(o) for o in outcomes], indent=2), encoding="utf-8"
        )
    if args.check and any(report.failed(o) for o in outcomes):
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
