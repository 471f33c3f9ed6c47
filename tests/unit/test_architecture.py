"""How the serving code is laid out (issue 14): routers declare routes and call down, never into
another router or the build; one negotiation module; derived views live in `service.views.Views`
(reached through the app), not in module globals; modules stay small."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SERVICE = Path(__file__).resolve().parents[2] / "service"
#: Code of the build and the benchmarks; everything else serves requests or commands.
BUILD = ("extract/", "build.py", "bench/",
         # the suggestion method's learning side (it reads the extraction; /suggest never does)
         "suggest/corpus.py", "suggest/names_table.py", "suggest/training.py",
         "suggest/inference.py", "suggest/evaluate.py", "suggest/curated.py")  # fmt: skip
#: Modules over the size limit (none: every module is under it).
LONG_ELSEWHERE: set[str] = set()
#: Module-level caches that hold no view of the data: settings of the process, request parsing
#: memos (/sparql requests, Host headers, a worker's text checks), compiled SHACL shapes (per
#: shapes digest), static-file digests, the Jinja environment, plain mappings turned into
#: offers, the C library handle.
CACHES_ALLOWED = {
    "config.py",
    "memory.py",
    "edge.py",
    "engine.py",
    "routers/sparql.py",
    "validation.py",
    "site.py",
    "negotiation.py",
}


def _modules() -> list[Path]:
    return sorted(p for p in SERVICE.rglob("*.py") if "/static/" not in p.as_posix())


def _name(path: Path) -> str:
    return path.relative_to(SERVICE).as_posix()


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


@pytest.mark.parametrize("path", sorted((SERVICE / "routers").glob("*.py")), ids=_name)
def test_a_router_imports_no_other_router(path: Path) -> None:
    others = {
        name
        for name in _imports(path)
        if name.startswith("service.routers.") and name != f"service.routers.{path.stem}"
    }
    assert others == set(), f"{_name(path)} imports {sorted(others)}"


def test_serving_code_does_not_reach_into_the_build() -> None:
    offenders = {
        _name(path): sorted(n for n in _imports(path) if n.startswith("service.extract"))
        for path in _modules()
        if not _name(path).startswith(BUILD)
    }
    assert {k: v for k, v in offenders.items() if v and k != "cli.py"} == {}


def test_one_negotiation_module() -> None:
    parsers = [
        _name(path)
        for path in _modules()
        if any(
            isinstance(node, ast.FunctionDef) and node.name in ("negotiate", "_accept_ranges")
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        )
    ]
    assert parsers == ["negotiation.py"]


def _module_level_caches(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in tree.body:
        decorated = isinstance(node, ast.FunctionDef) and any(
            "cache" in ast.unparse(d) for d in node.decorator_list
        )
        assigned = isinstance(node, ast.AnnAssign | ast.Assign) and "Recent(" in ast.unparse(node)
        if decorated or assigned:
            found.append(ast.unparse(node).splitlines()[0][:80])
    return found


def test_no_module_level_cache_of_derived_views() -> None:
    caches = {
        _name(path): _module_level_caches(path)
        for path in _modules()
        if not _name(path).startswith(BUILD) and _name(path) not in CACHES_ALLOWED
    }
    assert {k: v for k, v in caches.items() if v} == {}


def test_every_module_is_under_400_lines() -> None:
    long = {
        _name(path): n
        for path in _modules()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) >= 400
    }
    assert set(long) <= LONG_ELSEWHERE, long
