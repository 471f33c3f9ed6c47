"""`baap-kg suggest [TEXT] [--file FILE] [--lang zh|en] [--all]`: the suggestions for a text
(the argument, a file, or standard input) as JSON on standard output. Exit 0, or 2 when there
is no text, it is not UTF-8, or the model cannot be read."""

from __future__ import annotations

import argparse
import json
import sys

from service.config import Settings
from service.errors import KGError, RequestError
from service.suggest.model import MODEL_FILE, SuggestModel
from service.suggest.request import parse
from service.suggest.suggester import suggest


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The `suggest` subcommand's arguments."""
    command = commands.add_parser(
        "suggest", help="suggest the links of an activity's text (JSON out)",
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    command.add_argument("text", nargs="?", help="the text (default: --file, else stdin)")
    command.add_argument("--file", type=argparse.FileType("rb"), help="read the text from FILE")
    command.add_argument("--lang", choices=("zh", "en"), help="the text's language (default: "
                         "detected)")  # fmt: skip
    command.add_argument("--all", action="store_true", help="also what scores under threshold")


def run(settings: Settings, args: argparse.Namespace) -> int:
    """Print the suggestions; 2 on a refusal."""
    try:
        if args.text is not None:
            body = args.text.encode("utf-8", "surrogateescape")
        elif args.file is not None:
            body = args.file.read()
        else:
            body = sys.stdin.buffer.read()
        text, _ = parse(body, "text/plain")
        model = SuggestModel.load(settings.generated_dir / MODEL_FILE)
    except (KGError, RequestError) as error:
        print(f"baap-kg suggest: {error}", file=sys.stderr)
        return 2
    answer = suggest(model, text, args.lang, args.all)
    sys.stdout.write(json.dumps(answer, ensure_ascii=False, indent=2) + "\n")
    return 0
