"""The fair queue: who gets the next free worker."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest

from service.scheduler import FairQueue

_LOOP: asyncio.AbstractEventLoop | None = None


@pytest.fixture(autouse=True)
def loop() -> Iterator[asyncio.AbstractEventLoop]:
    """One event loop per test, closed after it (the futures belong to it)."""
    global _LOOP
    _LOOP = asyncio.new_event_loop()
    try:
        yield _LOOP
    finally:
        _LOOP.close()
        _LOOP = None


def _future() -> asyncio.Future[str]:
    assert _LOOP is not None
    return _LOOP.create_future()


def test_the_client_with_fewest_running_jobs_goes_first() -> None:
    queue: FairQueue[str] = FairQueue(heavy_slots=1)
    queue.started("busy", heavy=False)
    queue.started("busy", heavy=False)
    first = queue.add("busy", False, _future())
    second = queue.add("quiet", False, _future())
    assert queue.pick() is second
    assert queue.pick() is first
    assert queue.pick() is None


def test_among_equals_the_oldest_request_goes_first() -> None:
    queue: FairQueue[str] = FairQueue(heavy_slots=1)
    a = queue.add("a", False, _future())
    b = queue.add("b", False, _future())
    a2 = queue.add("a", False, _future())
    assert [queue.pick(), queue.pick(), queue.pick()] == [a, b, a2]


def test_a_resubmitting_client_is_interleaved_with_the_others() -> None:
    queue: FairQueue[str] = FairQueue(heavy_slots=1)
    hog = [queue.add("hog", False, _future()) for _ in range(5)]
    other = queue.add("other", False, _future())
    served = []
    for _ in range(3):
        waiter = queue.pick()
        assert waiter is not None
        served.append(waiter)
        queue.started(waiter.client, False)  # each keeps its worker
    assert other in served[:2]
    assert served[0] is hog[0]


def test_heavy_jobs_wait_when_their_slots_are_taken_light_ones_do_not() -> None:
    queue: FairQueue[str] = FairQueue(heavy_slots=1)
    queue.started("x", heavy=True)
    heavy = queue.add("y", True, _future())
    light = queue.add("z", False, _future())
    assert queue.pick() is light
    assert queue.pick() is None
    queue.finished("x", heavy=True)
    assert queue.pick() is heavy


def test_a_waiter_that_gave_up_is_skipped_and_removable() -> None:
    queue: FairQueue[str] = FairQueue(heavy_slots=1)
    gone = queue.add("a", False, _future())
    gone.future.cancel()
    kept = queue.add("b", False, _future())
    assert queue.pick() is kept
    queue.remove(gone)
    assert len(queue) == 0
    queue.remove(gone)  # twice is harmless


def test_running_counts_go_back_to_zero() -> None:
    queue: FairQueue[str] = FairQueue(heavy_slots=2)
    queue.started("a", heavy=True)
    queue.finished("a", heavy=True)
    assert queue.running["a"] == 0
    assert queue.heavy_running == 0


def test_light_requests_of_a_client_go_before_its_heavy_ones() -> None:
    queue: FairQueue[str] = FairQueue(heavy_slots=2)
    slow = queue.add("a", False, _future(), light=False)
    fast = queue.add("a", False, _future(), light=True)
    assert queue.pick() is fast
    assert queue.pick() is slow


def test_a_heavy_request_that_waited_long_enough_counts_as_light() -> None:
    import service.scheduler as scheduler

    queue: FairQueue[str] = FairQueue(heavy_slots=2)
    slow = queue.add("a", False, _future(), light=False)
    slow.since -= 60  # as if it had waited a minute
    fast = queue.add("a", False, _future(), light=True)
    assert scheduler._AGING_S < 60
    assert queue.pick() is slow
    assert queue.pick() is fast
