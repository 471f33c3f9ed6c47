"""A zygote in a process of its own that loads the data files itself: what `create_app` uses
outside `baap-kg serve` (tests with an in-process client, `uvicorn --factory`). Under
`baap-kg serve` the supervisor forks the zygote from the store it loaded instead."""

from __future__ import annotations

import argparse
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from service import frames
from service.errors import KGError
from service.zygote import WorkerLimits, zygote_main

if TYPE_CHECKING:
    from service.config import Settings


class StandaloneZygote:
    """A zygote in a process of its own that loads the data files itself: what `create_app`
    uses outside `baap-kg serve` (tests with an in-process client, `uvicorn --factory`)."""

    def __init__(
        self, process: subprocess.Popen[bytes], directory: Path, ready: socket.socket
    ) -> None:
        self.process = process
        self.directory = directory
        self.path = directory / "zygote.sock"
        self._ready = ready  # closing it tells the zygote to exit

    @classmethod
    def start(cls, settings: Settings) -> StandaloneZygote:
        """Start it and wait until it has loaded the data (DataLoadError if it cannot)."""
        from service.errors import DataLoadError
        from service.store import files_of

        directory = Path(tempfile.mkdtemp(prefix="baap-kg-"))
        ours, theirs = socket.socketpair()
        specs = [f"{f.graph or ''}={f.path}" for f in files_of(settings)]
        command = [
            sys.executable, "-m", "service.standalone", "--socket", str(directory / "zygote.sock"),
            "--ready", str(theirs.fileno()), "--memory-mb", str(settings.worker_memory_mb),
            "--base-iri", settings.base_iri, "--files", *specs,
        ]  # fmt: skip
        process = subprocess.Popen(
            command, pass_fds=(theirs.fileno(),), cwd=Path(__file__).resolve().parent.parent
        )
        theirs.close()
        ours.settimeout(600)
        try:
            kind, payload = frames.recv(ours)
        except (frames.PeerGoneError, OSError) as error:
            process.kill()
            raise DataLoadError(f"the query zygote did not start: {error}") from error
        if kind != b"Y":
            process.wait()
            raise DataLoadError(payload.decode("utf-8", "replace"))
        return cls(process, directory, ours)

    def stop(self) -> None:
        """Stop the zygote (its workers end when their sockets close)."""
        self._ready.close()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.directory, ignore_errors=True)


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m service.standalone --socket PATH --ready FD [--memory-mb N] [--base-iri IRI]
    --files GRAPH=PATH ...` (an empty GRAPH: the file's own graphs)."""
    parser = argparse.ArgumentParser(prog="python -m service.standalone")
    parser.add_argument("--socket", required=True, type=Path)
    parser.add_argument("--ready", required=True, type=int, help="fd to report readiness on")
    parser.add_argument("--memory-mb", type=int, default=4096)
    parser.add_argument("--base-iri", required=True)
    parser.add_argument("--files", nargs="*", default=[], help="GRAPH=PATH")
    args = parser.parse_args(argv)
    from service.sandbox import deny_network
    from service.store import KnowledgeStore, LoadedFile

    files = []
    for spec in args.files:
        graph, _, path = spec.partition("=")
        files.append(LoadedFile(Path(path), graph or None))
    ready = socket.socket(fileno=args.ready)
    try:
        store = KnowledgeStore(files, args.base_iri)
    except KGError as error:
        frames.send(ready, b"E", str(error).encode())
        return 2
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    listener.bind(str(args.socket))
    listener.listen(64)
    deny_network()
    frames.send(ready, b"Y")
    zygote_main(store.oxigraph, listener, WorkerLimits(args.memory_mb), ready)


if __name__ == "__main__":
    sys.exit(main())
