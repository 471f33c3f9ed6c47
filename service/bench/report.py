"""The bench tables (text) and the same figures as JSON, with the targets checked.

Targets: baap-kg p50 within 1.5x of the floor on every query; rdflib-endpoint at least 10x
slower than baap-kg on the analytic queries taken together (sum of p50s).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from service.bench.queries import BenchQuery
from service.bench.runner import Measurement
from service.bench.scaling import LARGE, Scaling, median_ms
from service.bench.servers import Memory, Server

FLOOR_TARGET = 1.5  # baap-kg p50 / floor p50, per query, at most
RDFLIB_TARGET = 10.0  # rdflib-endpoint / baap-kg, analytic p50 sum, at least


@dataclass
class DatasetResult:
    """Everything measured on one dataset."""

    name: str
    quads: int
    file_bytes: int
    servers: list[Server]
    queries: tuple[BenchQuery, ...]
    results: dict[str, dict[str, Measurement]]
    timeout: float
    #: server key -> load curve, large results, fairness (floor and baap-kg)
    scaling: dict[str, Scaling] = field(default_factory=dict)


@dataclass(frozen=True)
class Ratio:
    """A p50 ratio; `lower_bound` when the numerator timed out (the true ratio is larger)."""

    value: float
    lower_bound: bool = False

    def __str__(self) -> str:
        return f"{'>' if self.lower_bound else ''}{self.value:.2f}x"


def _p50_or_timeout(m: Measurement | None, timeout: float) -> tuple[float, bool] | None:
    if m is None:
        return None
    if m.ok:
        return m.p50, False
    if m.status == "timeout":
        return timeout, True
    return None


def ratio(num: Measurement | None, den: Measurement | None, timeout: float) -> Ratio | None:
    """p50(num) / p50(den), or None when either is missing."""
    top = _p50_or_timeout(num, timeout)
    if top is None or den is None or not den.ok or den.p50 <= 0:
        return None
    return Ratio(top[0] / den.p50, top[1])


def aggregate_ratio(result: DatasetResult, kind: str, num: str, den: str) -> Ratio | None:
    """sum of p50(num) / sum of p50(den) over the queries of `kind`; None if any is missing."""
    tops, bottoms, bound = 0.0, 0.0, False
    names = [q.name for q in result.queries if q.kind == kind]
    if not names:
        return None
    for name in names:
        top = _p50_or_timeout(result.results[name].get(num), result.timeout)
        bottom = result.results[name].get(den)
        if top is None or bottom is None or not bottom.ok:
            return None
        tops += top[0]
        bottoms += bottom.p50
        bound = bound or top[1]
    return Ratio(tops / bottoms, bound) if bottoms > 0 else None


def _ms(seconds: float) -> str:
    ms = seconds * 1000
    if ms < 10:
        return f"{ms:.2f}"
    if ms < 1000:
        return f"{ms:.1f}"
    return f"{ms:.0f}"


def _mb(memory: Memory | None) -> str:
    return f"{memory.rss / 2**20:,.0f} MB" if memory else "-"


def _pss(memory: Memory | None) -> str:
    return f"{memory.pss / 2**20:,.0f} MB" if memory else "-"


def _cells(m: Measurement | None) -> list[str]:
    if m is None:
        return ["-", "-", "-", "-"]
    if m.ok:
        first = _ms(m.first) if m.first is not None else "-"
        return [first, _ms(m.p50), _ms(m.p99), f"{m.rps:.1f}"]
    short = (
        "timeout" if m.status == "timeout" else ("n/a" if m.status == "unavailable" else "error")
    )
    return [short, "", "", ""]


def _table(header: list[str], rows: list[list[str]], left: int = 1) -> list[str]:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "  ".join(
            c.ljust(w) if i < left else c.rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    return [line(header), line(["-" * w for w in widths]), *(line(r) for r in rows)]


def render(result: DatasetResult) -> str:
    """The tables of one dataset."""
    out = [
        "",
        f"== {result.name}: {result.quads:,} quads, {result.file_bytes / 2**20:,.1f} MB N-Quads ==",
        "",
    ]
    server_rows = []
    notes = []
    for s in result.servers:
        status = "ok"
        if s.problem:
            status = s.problem.split(":")[0]
            if status not in ("unavailable", "stopped"):
                status = "failed to start"
        if s.problem:
            notes.append(f"  {s.spec.label}: {s.problem[:500]}")
        if s.restarts:
            status += f" (restarted {s.restarts}x)"
        procs = str(s.memory_loaded.processes) if s.memory_loaded else "-"
        server_rows.append(
            [
                s.spec.label,
                f"{s.ready_s:.1f} s" if s.memory_loaded else "-",
                _mb(s.memory_loaded),
                _pss(s.memory_loaded),
                procs,
                _mb(s.memory_after),
                status,
            ]
        )
    out += _table(
        [
            "server",
            "ready in",
            "RSS loaded",
            "PSS loaded",
            "procs",
            "RSS after run",
            "status",
        ],
        server_rows,
    )
    out.append(
        "(RSS and PSS summed over the server's process tree; RSS counts pages shared by forked "
        "workers once per process, PSS splits them)"
    )
    out.append("")
    keys = [s.spec.key for s in result.servers]
    labels = {s.spec.key: s.spec.label for s in result.servers}
    header = ["query", "kind", "rows"]
    for key in keys:
        short = {"floor": "floor", "baap": "baap", "rdflib": "rdflib"}.get(key, key)
        header += [f"{short} 1st", f"{short} p50", f"{short} p99", f"{short} req/s"]
    pairs = [(n, d) for n, d in (("baap", "floor"), ("rdflib", "baap")) if n in keys and d in keys]
    header += [f"{n}/{d}" for n, d in pairs]
    rows = []
    for query in result.queries:
        ms = result.results[query.name]
        counts = {k: m.rows for k, m in ms.items() if m.rows is not None}
        distinct = set(counts.values())
        rows_cell = str(next(iter(distinct))) if len(distinct) == 1 else "MISMATCH"
        if query.form == "ASK" and len(distinct) == 1:
            rows_cell = "true" if next(iter(distinct)) else "false"
        if len(distinct) > 1:
            notes.append(
                f"  {query.name}: result counts differ: "
                + ", ".join(f"{labels[k]}={v}" for k, v in counts.items())
            )
        for key, m in ms.items():
            if m.status not in ("ok", "unavailable"):
                notes.append(f"  {query.name} on {labels[key]}: {m.status[:300]}")
        row = [query.name, query.kind, rows_cell]
        for key in keys:
            row += _cells(ms.get(key))
        for num, den in pairs:
            value = ratio(ms.get(num), ms.get(den), result.timeout)
            row.append(str(value) if value else "-")
        rows.append(row)
    out += _table(header, rows, left=2)
    out.append(
        "(latencies in ms, client side, sequential requests on one keep-alive connection; 1st: "
        "the first request of the query, before any warm-up, not in p50/p99)"
    )
    if notes:
        out += ["", "notes:", *notes]
    out += ["", *summary_lines(result)]
    out += render_scaling(result)
    return "\n".join(out)


def _over(num: float | None, den: float | None) -> str:
    if num is None or den is None or den <= 0 or num != num or den != den:
        return "-"
    return f"{num / den:.2f}x"


def render_scaling(result: DatasetResult) -> list[str]:
    """Start-up, memory, the load curve, large results and fairness: baap-kg beside the floor."""
    servers = {s.spec.key: s for s in result.servers}
    floor, baap = servers.get("floor"), servers.get("baap")
    if floor is None or baap is None or "baap" not in result.scaling:
        return []
    mine, theirs = result.scaling["baap"], result.scaling.get("floor", Scaling())
    out = ["", f"-- {result.name}: growth with load and data (baap-kg / floor) --", ""]

    def pss(memory: Memory | None) -> float | None:
        return memory.pss / 2**20 if memory else None

    def mb(value: float | None) -> str:
        return f"{value:,.0f} MB" if value is not None else "-"

    rows = [
        ["start-up to first answer", f"{baap.ready_s:.2f} s", f"{floor.ready_s:.2f} s",
         _over(baap.ready_s, floor.ready_s)],
        ["PSS after start", mb(pss(baap.memory_loaded)), mb(pss(floor.memory_loaded)),
         _over(pss(baap.memory_loaded), pss(floor.memory_loaded))],
        ["PSS after the mix", mb(pss(baap.memory_after)), mb(pss(floor.memory_after)),
         _over(pss(baap.memory_after), pss(floor.memory_after))],
        ["PSS right after large results", mb(pss(mine.memory_after_large)),
         mb(pss(theirs.memory_after_large)),
         _over(pss(mine.memory_after_large), pss(theirs.memory_after_large))],
        ["PSS 1.5 s later", mb(pss(mine.memory_settled)), mb(pss(theirs.memory_settled)),
         _over(pss(mine.memory_settled), pss(theirs.memory_settled))],
    ]  # fmt: skip
    for name, *_ in LARGE:
        a, b = mine.large_seconds.get(name), theirs.large_seconds.get(name)
        rows.append(
            [name, f"{a:.2f} s" if a is not None else "-", f"{b:.2f} s" if b is not None else "-",
             _over(a, b)]
        )  # fmt: skip
    out += _table(["", "baap-kg", "floor", "ratio"], rows)
    out.append("")
    rows = []
    for clients, load in sorted(mine.load.items()):
        other = theirs.load.get(clients)
        rows.append(
            [
                str(clients),
                f"{load.rate():.1f}",
                f"{load.refused} / {sum(load.errors.values())}",
                f"{other.rate():.1f}" if other else "-",
                f"{other.refused} / {sum(other.errors.values())}" if other else "-",
                _over(load.rate(), other.rate() if other else None),
            ]
        )
    out += _table(
        ["clients", "baap answered/s", "refused / failed", "floor answered/s", "refused / failed",
         "ratio"],
        rows,
    )  # fmt: skip
    out.append("(closed loop over the whole mix; refused = 429 or 503)")
    fair = mine.fairness
    if fair is not None:
        light = fair.light
        lookups = [v for values in light.latencies.values() for v in values]
        lookups.sort()
        p99 = lookups[int(len(lookups) * 0.99)] if lookups else None
        out += [
            "",
            f"32 clients of light queries beside one runaway (5 s limit, resubmitted): "
            f"{light.rate():.1f} answered/s, p50 {median_ms(lookups)}, "
            f"p99 {p99 * 1000:.1f} ms, refused {light.refused}, failed "
            f"{sum(light.errors.values())}; the runaway: {fair.runaway_statuses}"
            if p99 is not None
            else "32 clients beside one runaway: no answer",
            f"32 clients on /search beside one ASK client: /search {fair.search.rate():.1f} "
            f"answered/s; ASK p50 {median_ms(fair.ask_beside_search.latencies.get('ask', []))}",
        ]
    return out


def summary_lines(result: DatasetResult) -> list[str]:
    """The aggregate ratios and the target checks of one dataset."""
    lines = []
    for kind in ("lookup", "analytic"):
        agg = aggregate_ratio(result, kind, "rdflib", "baap")
        floor = aggregate_ratio(result, kind, "baap", "floor")
        lines.append(
            f"{kind:>8} queries together (sum of p50): baap/floor {floor or '-'}, "
            f"rdflib/baap {agg or '-'}"
        )
    checks = targets(result)
    lines += [f"target: {text}: {verdict}" for text, verdict in checks]
    return lines


def targets(result: DatasetResult) -> list[tuple[str, str]]:
    """(target, PASS/FAIL/n/a with the figure) for one dataset."""
    ratios = {
        q.name: ratio(result.results[q.name].get("baap"), result.results[q.name].get("floor"), 0)
        for q in result.queries
    }
    known = {k: v for k, v in ratios.items() if v is not None}
    if len(known) < len(ratios):
        floor_verdict = "n/a (baap-kg or floor has no figure for some queries)"
    else:
        worst = max(known, key=lambda k: known[k].value)
        ok = known[worst].value <= FLOOR_TARGET
        floor_verdict = f"{'PASS' if ok else 'FAIL'} (worst {worst}: {known[worst]})"
    agg = aggregate_ratio(result, "analytic", "rdflib", "baap")
    if agg is None:
        rdflib_verdict = "n/a"
    else:
        rdflib_verdict = f"{'PASS' if agg.value >= RDFLIB_TARGET else 'FAIL'} ({agg})"
    return [
        (f"baap-kg p50 <= {FLOOR_TARGET}x floor on every query", floor_verdict),
        (f"rdflib-endpoint >= {RDFLIB_TARGET:.0f}x baap-kg on analytic queries", rdflib_verdict),
    ]


def failed(result: DatasetResult) -> bool:
    """Whether a target that could be checked failed, or could not be checked for baap-kg."""
    return any(not verdict.startswith("PASS") for _, verdict in targets(result))


def _memory_json(memory: Memory | None) -> dict[str, int] | None:
    if memory is None:
        return None
    return {"rss": memory.rss, "pss": memory.pss, "processes": memory.processes}


def to_json(result: DatasetResult) -> dict[str, Any]:
    """The figures of one dataset as JSON-ready data (seconds, bytes)."""
    return {
        "dataset": result.name,
        "quads": result.quads,
        "fileBytes": result.file_bytes,
        "servers": {
            s.spec.key: {
                "label": s.spec.label,
                "problem": s.problem,
                "readySeconds": s.ready_s,
                "restarts": s.restarts,
                "memoryLoaded": _memory_json(s.memory_loaded),
                "memoryAfter": _memory_json(s.memory_after),
            }
            for s in result.servers
        },
        "queries": {
            q.name: {
                "kind": q.kind,
                "servers": {
                    key: {
                        "status": m.status,
                        "rows": m.rows,
                        "requests": len(m.latencies),
                        "first": m.first,
                        "p50": m.p50 if m.ok else None,
                        "p99": m.p99 if m.ok else None,
                        "rps": m.rps if m.ok else None,
                    }
                    for key, m in result.results[q.name].items()
                },
            }
            for q in result.queries
        },
        "targets": dict(targets(result)),
    }
