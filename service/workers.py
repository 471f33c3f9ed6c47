"""The app's side of the query workers: a pool that runs jobs fairly, within time, bytes and memory.

Neither pyoxigraph nor rdflib can cancel a running query, and a thread cannot be killed, so every
query (and every parse of an untrusted upload) runs in a worker process forked by the zygote
(`service.zygote`). This module owns the app's end:

- `WorkerPool.run`: a job on a worker. A request that finds no idle worker waits in a fair queue
  (`service.scheduler`) up to its wait budget, then gets a 429 with Retry-After; a job that runs
  past its timeout has its worker SIGKILLed (the CPU is free at once) and gets a 503; a worker
  that dies mid-job is a 503 that says so. The result is spooled (memory, then a temporary file
  within a total disk budget) and answered only once complete, so a client never receives a 200
  with a cut-off body;
- upkeep: workers whose private memory (pages the queries dirtied, copies of the shared store)
  passed `recycle_mb` are replaced while idle, missing workers are re-forked, and the zygote is
  pinged so `/health` can say when queries cannot be served.

The zygote is reached through `service.zygote_link`, a job's frames through
`service.worker_protocol` (non-blocking socket I/O on the event loop: waiting costs no thread).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import socket
import time
from dataclasses import dataclass
from typing import Any, Final

import orjson

from service import frames
from service.engine import Job
from service.errors import (
    KGError,
    OverloadedError,
    QueryEngineError,
    QueryTimeoutError,
    TooManyRequestsError,
    WorkerLostError,
)
from service.job_history import Costs, Crashers
from service.recycling import Recycling, store_budget_mb
from service.scheduler import FairQueue
from service.spool import Collector, QueryResult, SpoolBudget
from service.worker_faults import crash_message, death_error
from service.worker_protocol import WorkerDied, WorkerWasGone, exchange
from service.zygote_link import ZygoteLink, ZygoteUnavailableError

logger = logging.getLogger(__name__)

_UPKEEP_S: Final = 0.25


@dataclass(frozen=True)
class PoolConfig:
    """The pool's knobs (from `Settings`)."""

    size: int
    queue_timeout_s: float = 20.0
    per_client_queue: int = 256
    max_queue: int = 4096
    heavy_slots: int = 1
    slow_query_s: float = 0.1
    recycle_mb: int = 64
    #: All workers' private memory together before any is replaced (0: half the store's size).
    private_budget_mb: int = 0
    max_spool_bytes: int = 1024 * 1024 * 1024
    spawn_timeout_s: float = 5.0


@dataclass(eq=False)
class _Worker:
    sock: socket.socket
    pid: int
    jobs: int = 0
    #: What the worker last reported it had made private of the shared memory (MB).
    private_mb: int = 0
    #: When it last became idle (monotonic seconds).
    idle_since: float = 0.0
    #: Bytes of result (before compression) its last job wrote.
    written: int = 0


class WorkerPool:
    """`config.size` workers; `await run(job, ...)` runs one job fairly on one of them."""

    def __init__(self, link: ZygoteLink, config: PoolConfig) -> None:
        self.link = link
        self.config = config
        self._idle: list[_Worker] = []  # last in, first out: warm caches
        self._busy: set[_Worker] = set()
        self._spawning = 0
        self._queue: FairQueue[_Worker] = FairQueue(config.heavy_slots)
        self._costs = Costs()
        self._crashers = Crashers()
        self._spool = SpoolBudget(config.max_spool_bytes)
        self._closed = False
        self._zygote_ok = True
        self._last_spawn_error = ""
        self._upkeep: asyncio.Task[None] | None = None
        self._recycled = 0
        budget = config.private_budget_mb or store_budget_mb(config.recycle_mb)
        self._recycling = Recycling(config.recycle_mb, budget)

    @property
    def size(self) -> int:
        return self.config.size

    # --- life cycle --------------------------------------------------------------------------

    async def start(self) -> None:
        """Fork the workers (ZygoteUnavailableError when none can be had), start the upkeep."""
        spawned = await asyncio.gather(
            *(asyncio.to_thread(self.link.spawn, 60.0) for _ in range(self.config.size)),
            return_exceptions=True,
        )
        errors = [s for s in spawned if isinstance(s, BaseException)]
        for item in spawned:
            if not isinstance(item, BaseException):
                self._idle.append(_Worker(*item))
        if not self._idle:
            raise ZygoteUnavailableError(f"no query worker could be started: {errors[0]}")
        self._upkeep = asyncio.create_task(self._upkeep_forever())

    async def close(self) -> None:
        """Stop the workers and the upkeep."""
        self._closed = True
        if self._upkeep is not None:
            self._upkeep.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._upkeep
        for worker in [*self._idle, *self._busy]:
            self._kill(worker)
        self._idle.clear()
        self.link.close()

    def status(self) -> dict[str, Any]:
        """What /health reports: whether queries can be served, and the pool's state."""
        alive = len(self._idle) + len(self._busy)
        ok = self._zygote_ok and alive > 0
        return {
            "status": "ok" if ok else "degraded",
            "workers": alive,
            "idle": len(self._idle),
            "busy": len(self._busy),
            "waiting": len(self._queue),
            "zygote": "ok" if self._zygote_ok else "unreachable",
            "privateMB": sorted(w.private_mb for w in [*self._idle, *self._busy]),
            "recycled": self._recycled,
            **({"problem": self._last_spawn_error} if not ok and self._last_spawn_error else {}),
        }

    # --- running a job -----------------------------------------------------------------------

    async def run(
        self,
        job: Job,
        timeout: float,
        client: str = "",
        heavy: bool = False,
        encoding: str | None = None,
    ) -> QueryResult:
        """Run a query job; see the module doc for waiting, timeouts and failures. `encoding`:
        the worker compresses the result (br, gzip) when it is large enough to gain."""
        header = orjson.dumps({"job": job, "timeout": timeout, "encoding": encoding})
        cost = self._costs.of(job.query)
        heavy = heavy or cost >= self.config.slow_query_s
        try:
            message = frames.frame(b"Q", header)
            result = await self._run(message, timeout, client, heavy, query=job.query, cost=cost)
        except QueryTimeoutError:
            self._costs.note(job.query, timeout)
            raise
        self._costs.note(job.query, result.seconds)
        return result

    async def run_candidate(
        self, job: dict[str, Any], candidate: bytes, timeout: float, client: str = ""
    ) -> QueryResult:
        """Parse and validate an uploaded candidate in a worker (always the heavy lane); the
        worker is replaced afterwards, so whatever the upload made it allocate is gone."""
        message = frames.frame(b"V", orjson.dumps({"job": job, "timeout": timeout}))
        message += frames.frame(b"B", candidate)
        return await self._run(message, timeout, client, heavy=True, retire=True)

    async def run_dump(
        self, job: dict[str, Any], timeout: float, client: str = "", encoding: str | None = None
    ) -> QueryResult:
        """Write a whole graph (`service.dumps`) in a worker; heavy lane (it reads every quad
        of what it dumps)."""
        message = frames.frame(
            b"G", orjson.dumps({"job": job, "timeout": timeout, "encoding": encoding})
        )
        return await self._run(message, timeout, client, heavy=True)

    async def _death(self, worker: _Worker, query: str) -> KGError:
        """The error for a worker that died mid-job (see `service.worker_faults.death_error`);
        a query that crashed the engine is refused at once for a while."""
        status = await asyncio.to_thread(self.link.exit_status, worker.pid)
        error = death_error(status)
        if query and isinstance(error, QueryEngineError):
            self._crashers.note(query)
        return error

    async def _run(
        self,
        message: bytes,
        timeout: float,
        client: str,
        heavy: bool,
        retire: bool = False,
        query: str = "",
        cost: float = 0.0,
    ) -> QueryResult:
        if query and query in self._crashers:
            raise QueryEngineError(crash_message("a crash a moment ago"))
        for _ in range(3):
            try:
                return await self._run_once(message, timeout, client, heavy, retire, query, cost)
            except WorkerWasGone:
                continue  # died while idle (killed from outside): the job never started
        raise WorkerLostError("no live query worker could be found; retry in a moment")

    async def _run_once(
        self,
        message: bytes,
        timeout: float,
        client: str,
        heavy: bool,
        retire: bool,
        query: str,
        cost: float,
    ) -> QueryResult:
        worker = await self._acquire(client, heavy, cost)
        started = time.monotonic()
        collector = Collector(self._spool)
        reusable = False
        try:
            async with asyncio.timeout(timeout):
                outcome = await exchange(worker, message, collector)
            # A large result leaves its worker with copied pages and buffers: past the budget,
            # replace it now (its next query would be slower, but the memory is back at once).
            workers = [*self._idle, *self._busy]
            large = self._recycling.after_job(worker.written, worker, workers)
            reusable = not retire and not large
        except TimeoutError:
            collector.close()
            raise QueryTimeoutError(
                f"the query ran longer than {timeout:g} s and was stopped; make it more "
                "selective (add LIMIT, narrow the patterns) or split it"
            ) from None
        except WorkerWasGone:
            collector.close()
            raise
        except WorkerDied:
            collector.close()
            raise await self._death(worker, query) from None
        except KGError as error:
            collector.close()
            worker.jobs += 1
            # The worker reported the error and is ready for the next job; a spool-budget
            # refusal stopped reading mid-stream, so that worker must go.
            reusable = not retire and not isinstance(error, OverloadedError)
            raise
        except BaseException:
            collector.close()
            raise
        finally:
            self._release(worker, client, heavy, reusable)
        worker.jobs += 1
        return collector.result(outcome, time.monotonic() - started)

    async def _acquire(self, client: str, heavy: bool, cost: float = 0.0) -> _Worker:
        queue = self._queue
        if self._idle and (not heavy or queue.heavy_allowed()) and not queue.has_eligible():
            worker = self._idle.pop()
            self._busy.add(worker)
            queue.started(client, heavy)
            return worker
        if queue.waiting(client) >= self.config.per_client_queue or len(queue) >= (
            self.config.max_queue
        ):
            raise TooManyRequestsError(
                "too many requests are waiting for a query worker; retry in a moment "
                "(each client may have "
                f"{self.config.per_client_queue} waiting)",
                retry_after=2,
            )
        future: asyncio.Future[_Worker] = asyncio.get_running_loop().create_future()
        waiter = queue.add(client, heavy, future, light=cost < self.config.slow_query_s)
        try:
            async with asyncio.timeout(self.config.queue_timeout_s):
                return await future
        except TimeoutError:
            if future.done() and not future.cancelled():
                return future.result()  # given a worker in the same instant the wait ended
            raise TooManyRequestsError(
                f"every query worker stayed busy for {self.config.queue_timeout_s:g} s; retry "
                "in a moment (BAAP_MAX_CONCURRENT_QUERIES sets how many run at once)",
                retry_after=max(1, round(self.config.queue_timeout_s / 2)),
            ) from None
        except BaseException:  # cancelled: the client went away while it waited
            if future.done() and not future.cancelled():
                self._release(future.result(), client, heavy, True)
            raise
        finally:
            queue.remove(waiter)

    def _release(self, worker: _Worker, client: str, heavy: bool, reusable: bool) -> None:
        self._busy.discard(worker)
        self._queue.finished(client, heavy)
        if reusable and not self._closed:
            self._hand_on(worker)
        else:
            self._kill(worker)
            self._replace_later()

    def _hand_on(self, worker: _Worker) -> None:
        """Give a free worker to the next waiting request, or put it back."""
        waiter = self._queue.pick()
        if waiter is None:
            worker.idle_since = time.monotonic()
            self._idle.append(worker)
            return
        self._busy.add(worker)
        self._queue.started(waiter.client, waiter.heavy)
        waiter.future.set_result(worker)

    def _kill(self, worker: _Worker) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(worker.pid, signal.SIGKILL)
        worker.sock.close()

    def _replace_later(self) -> None:
        if not self._closed:
            self._spawning += 1
            asyncio.get_running_loop().create_task(self._spawn_one())

    async def _spawn_one(self) -> None:
        try:
            sock, pid = await asyncio.to_thread(self.link.spawn, self.config.spawn_timeout_s)
        except ZygoteUnavailableError as error:
            self._last_spawn_error = str(error)
            self._zygote_ok = False
            return
        finally:
            self._spawning -= 1
        self._zygote_ok = True
        if self._closed:
            self._kill(_Worker(sock, pid))
            return
        self._hand_on(_Worker(sock, pid))

    # --- upkeep ------------------------------------------------------------------------------

    async def _upkeep_forever(self) -> None:
        pinged = 0.0
        while not self._closed:
            await asyncio.sleep(_UPKEEP_S)
            try:
                if time.monotonic() - pinged >= 1.0:
                    pinged = time.monotonic()
                    self._zygote_ok = await asyncio.to_thread(self.link.ping, 2.0)
                await self._upkeep_once()
            except Exception:  # upkeep must never die
                logger.exception("worker pool upkeep failed")

    async def _upkeep_once(self) -> None:
        """Fork missing workers; replace idle ones that made too much of the shared memory
        their own (`service.recycling`: past the pool's budget, or idle for long)."""
        alive = len(self._idle) + len(self._busy) + self._spawning
        for _ in range(self.config.size - alive):
            self._spawning += 1
            await self._spawn_one()
        idle = list(self._idle)
        chosen = self._recycling.idle_to_replace(idle, list(self._busy), time.monotonic())
        for worker in (idle[i] for i in chosen):
            if worker not in self._idle:
                continue  # taken by a job meanwhile
            self._idle.remove(worker)
            self._kill(worker)
            self._recycled += 1
            self._spawning += 1
            await self._spawn_one()
