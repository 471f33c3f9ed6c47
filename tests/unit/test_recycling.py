"""When the pool replaces a worker: within the memory budget workers keep their pages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from service.recycling import LARGE_RESULT, Recycling, store_budget_mb


@dataclass
class W:
    private_mb: int
    idle_since: float = 0.0


POLICY = Recycling(worker_mb=64, budget_mb=1000, idle_s=2.0, long_idle_s=30.0)


def test_warm_workers_within_the_budget_keep_their_pages_while_idle() -> None:
    idle = [W(400, idle_since=0.0), W(500, idle_since=0.0)]
    assert POLICY.idle_to_replace(idle, [], now=10.0) == []


def test_past_the_budget_the_largest_idle_workers_go_first_until_it_fits() -> None:
    idle = [W(300), W(700), W(200)]
    busy = [W(400)]
    assert POLICY.idle_to_replace(idle, busy, now=5.0) == [1]  # 1600 - 700 = 900 <= 1000
    assert POLICY.idle_to_replace(idle, busy, now=1.0) == []  # not idle long enough yet


def test_a_dirty_worker_idle_for_long_is_replaced_whatever_the_budget() -> None:
    idle = [W(100, idle_since=0.0), W(10, idle_since=0.0)]
    assert POLICY.idle_to_replace(idle, [], now=31.0) == [0]  # the clean one stays


def test_a_large_result_replaces_its_worker_at_once_only_past_the_budget() -> None:
    worker = W(600)
    assert POLICY.after_job(LARGE_RESULT + 1, worker, [worker, W(500)])
    assert not POLICY.after_job(LARGE_RESULT + 1, worker, [worker, W(100)])
    assert not POLICY.after_job(1000, worker, [worker, W(900)])


def test_recycle_mb_zero_never_recycles() -> None:
    never = Recycling(worker_mb=0, budget_mb=0)
    assert never.idle_to_replace([W(10_000)], [], now=1e9) == []
    assert not never.after_job(LARGE_RESULT * 10, W(10_000), [W(10_000)])


def test_the_default_budget_is_half_the_process_anonymous_memory(tmp_path: Path) -> None:
    status = tmp_path / "status"
    status.write_text("Name:\tpython\nRssAnon:\t 2097152 kB\nRssFile:\t 1 kB\n")
    assert store_budget_mb(64, status) == 1024
    status.write_text("RssAnon:\t 1024 kB\n")
    assert store_budget_mb(64, status) == 64
    assert store_budget_mb(64, tmp_path / "missing") == 64
