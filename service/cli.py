"""`baap-kg`: serve | build [--check] | validate (exit 0 conforms, 1 violations, 2 error) |
audit --format json|html|csv [--fail-on violation|warning] [--policy FILE] (exit 1 when the
threshold is hit or a rule of the policy fails) |
suggest [TEXT] [--file FILE] [--lang zh|en] [--all] (JSON out)."""

from __future__ import annotations

import argparse
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

from service.config import Settings, get_settings
from service.errors import KGError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="baap-kg", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve the graph over HTTP")
    serve.add_argument("--host", help="address to bind (default BAAP_HOST or 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port (default BAAP_PORT or 8000)")
    serve.add_argument(
        "--data",
        nargs="+",
        type=Path,
        metavar="FILE",
        help="serve exactly these RDF files instead of the built-in dataset",
    )
    build = commands.add_parser(
        "build", help="regenerate data/generated and ontology/context.jsonld"
    )
    build.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 naming the files that differ from what the inputs generate",
    )
    commands.add_parser("validate", help="validate the dataset against shapes/ (exit 0/1/2)")
    audit = commands.add_parser(
        "audit",
        help="coverage, matrices, gaps and source defects; a CI gate with --fail-on, --policy",
        description="Write the audit report. Exit 0, or 1 when validation results reach the "
        "--fail-on threshold or a rule of the --policy fails (each failing rule is named, with "
        "the activities or entities that break it, on stderr), or 2 when the data, shapes or "
        "policy cannot be read.",
    )
    audit.add_argument("--format", choices=("json", "html", "csv"), default="json")
    audit.add_argument(
        "--fail-on",
        choices=("violation", "warning"),
        help="exit 1 when there is a SHACL violation (or, with warning, a violation or warning)",
    )
    audit.add_argument(
        "--policy",
        type=Path,
        metavar="FILE",
        help="check the rules of this TOML policy on coverage and gaps per basis "
        "(the repository's: policy/audit-policy.toml); exit 1 when one fails",
    )
    audit.add_argument("--output", type=Path, metavar="FILE", help="write here, not to stdout")
    audit.add_argument(
        "--data",
        nargs="+",
        type=Path,
        metavar="FILE",
        help="audit exactly these RDF files instead of the built-in dataset",
    )
    from service.suggest.command import add_parser as add_suggest

    add_suggest(commands)
    return parser


def _import_serving_modules() -> None:
    """Import the app, the HTTP server and the workers' modules (no thread is left running)."""
    import service.app
    import service.candidates
    import service.http_server
    import service.zygote  # noqa: F401


def _serve(settings: Settings, args: argparse.Namespace) -> int:
    import logging

    from service.sandbox import SandboxError
    from service.store import KnowledgeStore
    from service.supervisor import Supervisor, bind_listener

    logging.basicConfig(level=logging.INFO, format="%(levelname)s:     %(name)s: %(message)s")
    overrides: dict[str, object] = {}
    if args.host:
        overrides["host"] = args.host
    if args.port:
        overrides["port"] = args.port
    if args.data:
        missing = [str(p) for p in args.data if not p.is_file()]
        if missing:
            print(f"baap-kg serve: no such file: {', '.join(missing)}", file=sys.stderr)
            return 2
        overrides["data_files"] = tuple(p.resolve() for p in args.data)
    settings = settings.model_copy(update=overrides)
    # While Oxigraph parses (without the GIL), a thread imports what the app and the workers
    # run on: the forked processes then start with it in memory, shared.
    importing = threading.Thread(target=_import_serving_modules, daemon=True)
    importing.start()
    # Load first, so a file that does not parse is a one-line error, not a startup traceback.
    store = KnowledgeStore.from_settings(settings)
    importing.join()
    print(f"baap-kg: loaded {len(store)} quads (data version {store.data_version})")
    try:
        listener = bind_listener(settings.host, settings.port)
    except OSError as error:
        print(f"baap-kg serve: cannot listen on {settings.host}:{settings.port}: {error.strerror}",
              file=sys.stderr)  # fmt: skip
        return 2
    print(f"baap-kg: serving on {settings.served_url()} (Ctrl-C stops)")
    try:
        return Supervisor(settings, store, listener).run()
    except SandboxError as error:
        print(f"baap-kg serve: {error}", file=sys.stderr)
        return 2


def _build(settings: Settings, check: bool) -> int:
    from service.build import generate, stale_outputs, write_outputs

    outputs = generate(settings)
    if check:
        stale = stale_outputs(outputs)
        if stale:
            print(
                "data is not what the inputs generate; run `baap-kg build` (make data):",
                file=sys.stderr,
            )
            for path in stale:
                print(f"  {path}", file=sys.stderr)
            return 1
        print(f"up to date: {len(outputs)} generated files match their inputs")
        return 0
    changed = write_outputs(outputs)
    print(f"wrote {len(changed)} of {len(outputs)} files" + "".join(f"\n  {p}" for p in changed))
    return 0


def _validate(settings: Settings) -> int:
    from service.store import KnowledgeStore
    from service.validation import summary_text, validate_store

    store = KnowledgeStore.from_settings(settings)
    report = validate_store(store, settings.shapes_dir)  # the engine the server uses
    print(summary_text(report))
    return 1 if report.count("violation") else 0


def _audit(settings: Settings, args: argparse.Namespace) -> int:
    from service.audit import compute_audit
    from service.audit_policy import check_policy, read_policy
    from service.audit_report import render_csv, render_html
    from service.store import KnowledgeStore

    if args.data:
        missing = [str(p) for p in args.data if not p.is_file()]
        if missing:
            print(f"baap-kg audit: no such file: {', '.join(missing)}", file=sys.stderr)
            return 2
        settings = settings.model_copy(update={"data_files": tuple(p.resolve() for p in args.data)})
    # A policy that cannot be read stops the command before any work or output (exit 2).
    policy = read_policy(args.policy) if args.policy else None
    store = KnowledgeStore.from_settings(settings)
    audit = compute_audit(store, settings.shapes_dir, settings.base_iri)
    if args.format == "html":
        text = render_html(audit, settings.base_iri)
    elif args.format == "csv":
        text = render_csv(audit)
    else:
        import json

        text = json.dumps(audit.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if args.output:
        try:
            args.output.write_text(text, encoding="utf-8", newline="")
        except OSError as error:
            print(f"baap-kg audit: cannot write {args.output}: {error.strerror}", file=sys.stderr)
            return 2
    else:
        sys.stdout.write(text)
    counts = audit.validation
    failed = 0
    if args.fail_on and audit.failing(args.fail_on):
        print(
            f"baap-kg audit: failing on {args.fail_on}: {counts['violations']} violations, "
            f"{counts['warnings']} warnings (see `baap-kg validate`)",
            file=sys.stderr,
        )
        failed = 1
    if policy is not None:
        report = check_policy(store, audit, policy)
        sys.stderr.write(report.text())
        if not report.passed:
            failed = 1
    return failed


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the process exit code."""
    args = _parser().parse_args(argv)
    settings = get_settings()
    try:
        if args.command == "serve":
            return _serve(settings, args)
        if args.command == "build":
            return _build(settings, args.check)
        if args.command == "audit":
            return _audit(settings, args)
        if args.command == "suggest":
            from service.suggest.command import run as suggest

            return suggest(settings, args)
        return _validate(settings)
    except KGError as error:
        print(f"baap-kg {args.command}: {error}", file=sys.stderr)
        return 2
