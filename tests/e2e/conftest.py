"""Real `baap-kg serve` processes for the SPARQL protocol tests, and tools to watch them.

`spawn_server` starts `python -m service serve --port P --data FILE...` as a subprocess (in its own
process group, so its query zygote and workers are stopped with it) with chosen BAAP_* settings,
waits until `/health` answers and returns its URL and pid. The fixtures below start each
configuration once per session.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from tests.conftest import free_port

PROJECT_ROOT = Path(__file__).resolve().parents[2]
W3C_DIR = PROJECT_ROOT / "tests" / "fixtures" / "w3c-protocol"
W3C_DATASET = W3C_DIR / "dataset.trig"
EX = "http://example.org/"

#: A small dataset with every kind of term a result format must carry: IRIs, a blank node,
#: plain, language-tagged and typed literals, and strings with quotes, commas, tabs, newlines
#: and non-ASCII characters. Used by the format tests.
FORMATS_TRIG = """\
@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:g1 {
    ex:a ex:p "plain" , "chat"@fr , 42 , "2.5"^^xsd:decimal , "2024-01-02"^^xsd:date .
    ex:a ex:q ex:b .
    ex:b ex:p "quote \\" comma , tab \\t end" , "line\\nbreak" , "Ünïcødé ✓" .
    _:n ex:p ex:a .
}
ex:g2 {
    ex:c ex:q ex:a .
}
"""


@dataclass
class Server:
    """A running `baap-kg serve`: its base URL, its pid and the process handle."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path
    env: dict[str, str] = field(default_factory=dict)

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def sparql(self) -> str:
        """The endpoint without a trailing slash."""
        return f"{self.url}/sparql"


def spawn_server(data: list[Path], env: dict[str, str], log: Path) -> Server:
    """Start `baap-kg serve` on a free port with `env` (BAAP_* settings); wait for /health."""
    port = free_port()
    environment = {k: v for k, v in os.environ.items() if not k.startswith("BAAP_")}
    environment.update(env)
    command = [sys.executable, "-m", "service", "serve", "--host", "127.0.0.1"]
    command += ["--port", str(port)]
    if data:
        command += ["--data", *[str(p) for p in data]]
    with log.open("wb") as out:
        process = subprocess.Popen(
            command,
            cwd=PROJECT_ROOT,
            env=environment,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: the zygote and workers go with it
        )
    server = Server(f"http://127.0.0.1:{port}", process, log, env)
    deadline = time.monotonic() + 90
    while True:
        if process.poll() is not None:
            raise RuntimeError(
                f"baap-kg serve exited with {process.returncode}:\n{log.read_text()}"
            )
        try:
            if httpx.get(f"{server.url}/health", timeout=2).status_code == 200:
                return server
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            stop_server(server)
            raise RuntimeError(f"baap-kg serve did not answer /health:\n{log.read_text()}")
        time.sleep(0.1)


def stop_server(server: Server) -> None:
    """Stop the server and every process of its group (zygote, workers)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGTERM)
    try:
        server.process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)
        server.process.wait(timeout=15)
    # The zygote and workers may outlive the app by a moment: make sure none is left.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGKILL)


@contextlib.contextmanager
def running_server(
    tmp_path_factory: pytest.TempPathFactory, name: str, data: list[Path], env: dict[str, str]
) -> Iterator[Server]:
    """A server for the duration of the `with` block."""
    log = tmp_path_factory.mktemp(name) / "server.log"
    server = spawn_server(data, env, log)
    try:
        yield server
    finally:
        stop_server(server)


# --- the servers -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def w3c_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The W3C protocol test data (three named graphs), default settings."""
    with running_server(tmp_path_factory, "w3c", [W3C_DATASET], {}) as server:
        yield server


@pytest.fixture(scope="session")
def formats_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """FORMATS_TRIG written to a file."""
    path = tmp_path_factory.mktemp("formats-data") / "formats.trig"
    path.write_text(FORMATS_TRIG, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def formats_server(
    tmp_path_factory: pytest.TempPathFactory, formats_data: Path
) -> Iterator[Server]:
    """FORMATS_TRIG, default settings."""
    with running_server(tmp_path_factory, "formats", [formats_data], {}) as server:
        yield server


@pytest.fixture(scope="session")
def capped_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Seven subjects in one graph, BAAP_MAX_ROWS=5."""
    path = tmp_path_factory.mktemp("capped-data") / "seven.nt"
    path.write_text(
        "".join(f"<{EX}s{i}> <{EX}p> <{EX}o{i}> .\n" for i in range(1, 8)), encoding="utf-8"
    )
    with running_server(tmp_path_factory, "capped", [path], {"BAAP_MAX_ROWS": "5"}) as server:
        yield server


#: The runaway query of the timeout tests: 2000³ combinations.
RUNAWAY = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="session")
def limits_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """2000 triples (so RUNAWAY never ends), a 2 s timeout, 2 workers, small size limits, a 1 s
    wait for a worker."""
    path = tmp_path_factory.mktemp("limits-data") / "many.nt"
    path.write_text("".join(f'<{EX}s{i}> <{EX}p> "{i}" .\n' for i in range(2000)), encoding="utf-8")
    env = {
        "BAAP_QUERY_TIMEOUT_S": "2",
        "BAAP_MAX_CONCURRENT_QUERIES": "2",
        "BAAP_MAX_QUERY_LENGTH": "2000",
        "BAAP_MAX_BODY_BYTES": "20000",
        "BAAP_QUEUE_TIMEOUT_S": "1",
    }
    with running_server(tmp_path_factory, "limits", [path], env) as server:
        yield server


# --- watching a server from outside ------------------------------------------------------------


def process_tree(root: int) -> list[int]:
    """`root` and all its descendants, from the ppid links of /proc/*/stat."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo += children.get(pid, [])
    return tree


class Listener:
    """A TCP listener on a free port that records every connection made to it."""

    def __init__(self) -> None:
        self._socket = socket.socket()
        self._socket.bind(("127.0.0.1", 0))
        self._socket.listen(16)
        self._socket.settimeout(0.1)
        self.port = int(self._socket.getsockname()[1])
        self.connections: list[tuple[str, int]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                connection, address = self._socket.accept()
            except (TimeoutError, OSError):
                continue
            self.connections.append(address)
            connection.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._socket.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    """A fresh Listener, closed after the test."""
    watcher = Listener()
    try:
        yield watcher
    finally:
        watcher.close()


def comm(pid: int) -> str:
    """The process name (`/proc/PID/comm`): "baap-kg serve", "baap-kg app", "baap-kg zygote",
    "baap-kg worker"."""
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


def named(root: int, name: str) -> list[int]:
    """The processes of `root`'s tree with this name."""
    return [pid for pid in process_tree(root) if comm(pid) == name]


def tree_pss_mb(root: int) -> float:
    """Proportional set size of `root`'s whole process tree, in MB (shared pages counted once)."""
    total = 0
    for pid in process_tree(root):
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def wait_until(predicate: Callable[[], bool], seconds: float, step: float = 0.1) -> bool:
    """Poll `predicate` until it holds (True) or `seconds` pass (False)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return predicate()
