"""The bench datasets: the real graph as one N-Quads file, and a synthetic graph N times its size.

The synthetic graph is N copies of the activity-level graphs (`report`, `curation`, `derived`,
`inferred`) plus one copy of the shared graphs (`ontology`, `reference`, `mapping`). In copy
k >= 1 every activity-level resource IRI (the kinds under `.../id/` that the shared graphs never
describe: activity, passage, source, source-issue, ...) and every blank node label gets the
suffix `-copy{k}`, so the copies are distinct resources that link to the same reference entities.
Copy 0 keeps the real IRIs, so queries naming real resources work on both graphs. The output is
deterministic: same input, same bytes.

Nothing here is committed: the runner writes the files to a temporary directory.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from service.namespaces import GRAPH, ID

#: Graphs copied N times; the others (ontology, reference, mapping) are copied once.
ACTIVITY_GRAPHS: Final[frozenset[str]] = frozenset(
    f"<{GRAPH}{name}>" for name in ("report", "curation", "derived", "inferred")
)
_SENTINEL: Final = "\x00"  # never in N-Quads text (it would have to be escaped)


@dataclass(frozen=True)
class DatasetFile:
    """A bench dataset on disk."""

    name: str
    path: Path
    quads: int


def copy_suffix(copy: int) -> str:
    """What copy `copy` appends to each activity-level IRI and blank node label."""
    return f"-copy{copy}" if copy else ""


def export_real(path: Path) -> DatasetFile:
    """Write the built-in dataset (ontology + data/generated) as sorted N-Quads to `path`."""
    from service.config import Settings
    from service.store import KnowledgeStore

    store = KnowledgeStore.from_settings(Settings())
    lines = sorted(_lines(store.to_nquads().decode("utf-8")))
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return DatasetFile("real", path, len(lines))


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _term_end(line: str, start: int) -> int:
    """Index just past the N-Quads term that begins at `start`."""
    first = line[start]
    if first == "<":
        return line.index(">", start) + 1
    if first == '"':
        end = start + 1
        while True:
            end = line.index('"', end)
            backslashes = 0
            while line[end - 1 - backslashes] == "\\":
                backslashes += 1
            end += 1
            if backslashes % 2 == 0:
                break
        if line.startswith("^^<", end):
            return line.index(">", end) + 1
        if line.startswith("@", end):
            space = line.find(" ", end)
            return space if space != -1 else len(line)
        return end
    space = line.find(" ", start)  # a blank node label
    return space if space != -1 else len(line)


def _split_line(line: str) -> tuple[str, str, str, str]:
    """(subject, predicate, object, graph or "") of one N-Quads line; single spaces between."""
    terms: list[str] = []
    position = 0
    for _ in range(4):
        while line[position] == " ":
            position += 1
        if line[position] == ".":
            break
        end = _term_end(line, position)
        terms.append(line[position:end])
        position = end
    if len(terms) < 3 or line[position:].strip() != ".":
        raise ValueError(f"not an N-Quads line: {line!r}")
    return terms[0], terms[1], terms[2], terms[3] if len(terms) == 4 else ""


def activity_kinds(lines: Iterable[str]) -> frozenset[str]:
    """The first path segments of `.../id/` IRIs that only the activity-level graphs describe."""
    used: set[str] = set()
    shared_subjects: set[str] = set()
    prefix = f"<{ID}"
    for line in lines:
        subject, _, obj, graph = _split_line(line)
        kind = _kind(subject, prefix)
        if graph in ACTIVITY_GRAPHS:
            if kind:
                used.add(kind)
            obj_kind = _kind(obj, prefix)
            if obj_kind:
                used.add(obj_kind)
        elif kind:
            shared_subjects.add(kind)
    return frozenset(used - shared_subjects)


def _kind(term: str, prefix: str) -> str:
    if not term.startswith(prefix):
        return ""
    end = term.find(">")
    segment = term[len(prefix) : end].split("/", 1)
    return segment[0] if len(segment) == 2 else ""


def _mark(term: str, prefixes: tuple[str, ...]) -> str:
    """`term` with the sentinel where a copy suffix goes, if it is a term that gets one."""
    if term.startswith("_:"):
        return term + _SENTINEL
    if term.startswith(prefixes):
        return term[:-1] + _SENTINEL + ">"
    return term


def _template(lines: Iterable[str], kinds: frozenset[str]) -> str:
    """The activity-level lines with the sentinel wherever a copy suffix goes."""
    prefixes = tuple(f"<{ID}{kind}/" for kind in sorted(kinds))
    out: list[str] = []
    for line in lines:
        subject, predicate, obj, graph = _split_line(line)
        if not obj.startswith('"'):  # literals are never rewritten
            obj = _mark(obj, prefixes)
        out.append(f"{_mark(subject, prefixes)} {predicate} {obj} {graph} .\n")
    return "".join(out)


def synthesize(nquads: str, scale: int) -> tuple[str, list[str]]:
    """(shared lines, one N-Quads text per copy) of the synthetic graph `scale` times `nquads`."""
    if scale < 1:
        raise ValueError("scale must be at least 1")
    lines = sorted(_lines(nquads))
    shared = [line for line in lines if _split_line(line)[3] not in ACTIVITY_GRAPHS]
    activity = [line for line in lines if _split_line(line)[3] in ACTIVITY_GRAPHS]
    template = _template(activity, activity_kinds(lines))
    copies = [template.replace(_SENTINEL, copy_suffix(k)) for k in range(scale)]
    return "".join(line + "\n" for line in shared), copies


def write_synthetic(source: Path, scale: int, path: Path) -> DatasetFile:
    """Write the synthetic graph `scale` times `source` (N-Quads) to `path`."""
    shared, copies = synthesize(source.read_text(encoding="utf-8"), scale)
    quads = shared.count("\n")
    with path.open("w", encoding="utf-8") as out:
        out.write(shared)
        for text in copies:
            out.write(text)
            quads += text.count("\n")
    return DatasetFile(f"synthetic x{scale}", path, quads)
