"""The ``stargate`` command: ``validate`` scenarios, ``build`` reports, ``list`` their status.

Bad input never prints a traceback: each problem is one line naming the file and key, and the
exit code is 2. Exit codes: 0 success, 1 a report failed to build, 2 bad input.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from stargate import build
from stargate.scenario import PARAMS_DIR, ScenarioError, display_path, load_scenario

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_BAD_INPUT = 2


class _Parser(argparse.ArgumentParser):
    """argparse that exits 2 with a one-line message (its default also exits 2)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_BAD_INPUT, f"stargate: {message} (see 'stargate --help')\n")


def _validate_files(paths: list[Path]) -> int:
    problems: list[str] = []
    for path in paths:
        try:
            load_scenario(path)
        except ScenarioError as exc:
            problems.extend(exc.problems)
        except Exception as exc:  # a fault the checks missed: still one line, never a traceback
            text = " ".join(f"{type(exc).__name__}: {exc}".split())
            problems.append(f"{display_path(path)}: cannot load: {text}")
    for line in problems:
        print(line, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) in {len(paths)} file(s)", file=sys.stderr)
        return EXIT_BAD_INPUT
    for path in paths:
        print(f"ok  {display_path(path)}")
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    """Validate the given scenario files (default: every file in ``params/``)."""
    paths = [Path(p) for p in args.files] or sorted(PARAMS_DIR.glob("*.yaml"))
    if not paths:
        print(f"{display_path(PARAMS_DIR)}: no scenario files found", file=sys.stderr)
        return EXIT_BAD_INPUT
    return _validate_files(paths)


def make_parser() -> argparse.ArgumentParser:
    """The argument parser for every sub-command."""
    parser = _Parser(prog="stargate", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    p_val = sub.add_parser("validate", help="check scenario files; exit 2 on any problem")
    p_val.add_argument("files", nargs="*", help="scenario files (default: params/*.yaml)")
    p_val.set_defaults(func=cmd_validate)
    build.add_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``stargate`` command."""
    parser = make_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except ScenarioError as exc:
        for line in exc.problems:
            print(line, file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("stargate: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
