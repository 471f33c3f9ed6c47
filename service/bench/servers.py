"""The servers under test as subprocesses: start on a free port, wait until ready, measure, stop.

Each server runs in its own session (process group), so stopping it also stops any worker
processes it forked; its output goes to a log file (a pipe nobody reads would block it).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import httpx

from service.config import PROJECT_ROOT

READY_QUERY = "ASK {}"


@dataclass(frozen=True)
class ServerSpec:
    """How to start one kind of server on a port, serving some RDF files."""

    key: str
    label: str
    command: Callable[[str, int, list[Path]], list[str]]


def _baap_command(host: str, port: int, files: list[Path]) -> list[str]:
    script = Path(sys.executable).parent / "baap-kg"
    prefix = [str(script)] if script.exists() else [sys.executable, "-m", "service"]
    return [*prefix, "serve", "--host", host, "--port", str(port), "--data", *map(str, files)]


def _module_command(module: str) -> Callable[[str, int, list[Path]], list[str]]:
    def command(host: str, port: int, files: list[Path]) -> list[str]:
        return [sys.executable, "-m", module, "--host", host, "--port", str(port), "--data"] + [
            str(f) for f in files
        ]

    return command


FLOOR = ServerSpec("floor", "floor (pyoxigraph)", _module_command("service.bench.baseline"))
BAAP = ServerSpec("baap", "baap-kg", _baap_command)
RDFLIB = ServerSpec("rdflib", "rdflib-endpoint", _module_command("service.bench.rdflib_server"))


@dataclass(frozen=True)
class Memory:
    """Memory of a process tree, in bytes: RSS summed (shared pages count once per process)
    and PSS summed (shared pages split between the processes sharing them)."""

    rss: int
    pss: int
    processes: int


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        port: int = sock.getsockname()[1]
        return port


def _children() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        # pid (comm) state ppid ...: comm may hold spaces and parentheses
        ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    return children


def process_tree(pid: int) -> list[int]:
    """`pid` and all its descendants that are alive."""
    children = _children()
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        todo.extend(children.get(current, []))
    return tree


def _kib_field(path: Path, name: str) -> int:
    try:
        for line in path.read_text().splitlines():
            if line.startswith(name + ":"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def tree_memory(pid: int) -> Memory:
    """RSS and PSS of `pid` and its descendants, from /proc (Linux)."""
    pids = process_tree(pid)
    rss = sum(_kib_field(Path(f"/proc/{p}/status"), "VmRSS") for p in pids)
    pss = sum(_kib_field(Path(f"/proc/{p}/smaps_rollup"), "Pss") for p in pids)
    return Memory(rss, pss, len(pids))


@dataclass
class Server:
    """One running (or failed) server of the bench."""

    spec: ServerSpec
    files: list[Path]
    log_path: Path
    host: str = "127.0.0.1"
    port: int = 0
    process: subprocess.Popen[bytes] | None = None
    #: "" while usable; otherwise why it is not (failed to start, no /sparql, ...).
    problem: str = ""
    ready_s: float = 0.0
    memory_loaded: Memory | None = None
    memory_after: Memory | None = None
    restarts: int = 0
    _log: IO[bytes] | None = field(default=None, repr=False)

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def usable(self) -> bool:
        return self.process is not None and not self.problem

    def start(self, startup_timeout: float) -> None:
        """Start the process and wait until `/sparql` answers; sets `problem` if it does not."""
        self.problem = ""
        self.port = free_port(self.host)
        argv = self.spec.command(self.host, self.port, self.files)
        self._log = self.log_path.open("ab")
        self._log.write(f"\n$ {' '.join(argv)}\n".encode())
        self._log.flush()
        started = time.perf_counter()
        try:
            self.process = subprocess.Popen(
                argv,
                stdin=subprocess.DEVNULL,
                stdout=self._log,
                stderr=subprocess.STDOUT,
                cwd=PROJECT_ROOT,
                start_new_session=True,
            )
        except OSError as error:
            self.problem = f"cannot start: {error}"
            return
        self.problem = self._wait_ready(started + startup_timeout)
        self.ready_s = time.perf_counter() - started
        if self.process is not None and self.process.poll() is None:
            self.memory_loaded = tree_memory(self.process.pid)

    def _wait_ready(self, deadline: float) -> str:
        assert self.process is not None
        with httpx.Client(base_url=self.base_url, timeout=5.0) as client:
            while time.perf_counter() < deadline:
                code = self.process.poll()
                if code is not None:
                    return f"exited with code {code} while starting ({self.log_tail()})"
                try:
                    response = client.get(
                        "/sparql",
                        params={"query": READY_QUERY},
                        headers={"Accept": "application/sparql-results+json"},
                    )
                except httpx.TransportError:
                    time.sleep(0.1)
                    continue
                if response.status_code == 200:
                    return ""
                return f"unavailable: GET /sparql answers HTTP {response.status_code}"
        return "unavailable: not ready before the startup timeout"

    def responsive(self, timeout: float) -> bool:
        """Whether the server answers a trivial query within `timeout` seconds."""
        if self.process is None or self.process.poll() is not None:
            return False
        try:
            response = httpx.get(
                f"{self.base_url}/sparql",
                params={"query": READY_QUERY},
                headers={"Accept": "application/sparql-results+json"},
                timeout=timeout,
            )
        except httpx.HTTPError:
            return False
        return response.status_code == 200

    def measure_memory(self) -> Memory | None:
        if self.process is None or self.process.poll() is not None:
            return None
        return tree_memory(self.process.pid)

    def log_tail(self, lines: int = 3) -> str:
        try:
            text = self.log_path.read_text(errors="replace").strip().splitlines()
        except OSError:
            return "no log"
        return " | ".join(text[-lines:]) or "no output"

    def stop(self) -> None:
        """Stop the server and every process of its session (SIGTERM, then SIGKILL)."""
        process, self.process = self.process, None
        if process is not None:
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(process.pid, signal.SIGKILL)
                    process.wait(timeout=10)
            # workers that outlived their parent are still in the session's group
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)
        if self._log is not None:
            self._log.close()
            self._log = None

    def retire(self, reason: str) -> None:
        """Record the memory, then stop the server for good."""
        self.memory_after = self.measure_memory()
        self.stop()
        self.problem = reason

    def restart(self, startup_timeout: float) -> None:
        self.stop()
        self.restarts += 1
        self.start(startup_timeout)
