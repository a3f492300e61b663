"""The ``stargate`` command: ``validate`` scenarios, ``build`` reports, ``list`` their status.

Bad input never prints a traceback: each problem is one line naming the file and key, and the
exit code is 2. Exit codes: 0 success, 1 a report failed to build, 2 bad input.

``stargate build`` exits 0 when every selected report is built and fresh, 1 when some report
failed, 2 on bad input (unknown scenario or notebook, invalid scenario file, bad ``--jobs``,
unknown language in ``STARGATE_LANGUAGES``, unwritable output folder, another build running on
the same output folder, unreachable Dask scheduler), 130 when stopped by Ctrl-C (SIGINT), 143
when stopped by SIGTERM. The commands are argument parsing and printing only; the work is the
plain Python API of :mod:`stargate.build` (:func:`stargate.build.run.build`,
:func:`stargate.build.plan.list_reports`).
"""

from __future__ import annotations

import os
import signal
import sys


def _stopped_while_starting(signum: int, frame: object) -> None:
    """Ctrl-C or SIGTERM before :func:`main` runs (while modules import): stop quietly.

    Exit 130 for SIGINT, 143 for SIGTERM (128 + the signal's number, the shell's convention).
    """
    sys.stderr.write("stargate: interrupted\n")
    raise SystemExit(128 + signum)


# Imports take a moment; Ctrl-C then must not print a traceback either (Python's own handler is
# put back at the end of this module). A SIGINT that was ignored (nohup, `cmd &`) stays ignored.
if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
    signal.signal(signal.SIGINT, _stopped_while_starting)
if __name__ == "__main__" and signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
    signal.signal(signal.SIGTERM, _stopped_while_starting)

import argparse  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

from stargate.build.output_folder import BuildBusy, orphan_scenarios  # noqa: E402
from stargate.build.plan import (  # noqa: E402
    NOTEBOOKS_DIR,
    OUT_DIR,
    BuildInputError,
    list_reports,
    requested_languages,
)
from stargate.build.run import (  # noqa: E402
    DEFAULT_CELL_TIMEOUT_S,
    EXECUTORS,
    EXIT_BAD_INPUT,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_TERMINATED,
    STOP_SIGNALS,
    BuildSummary,
    Terminated,
    build,
    raise_stop,
)
from stargate.build.runners import default_jobs  # noqa: E402
from stargate.scenario import (  # noqa: E402
    PARAMS_DIR,
    ScenarioError,
    display_path,
    load_scenario,
)

#: ``stargate build --help``: the first line, then (after the options) how to stop a build and
#: how to run it on Dask.
BUILD_SUMMARY = (
    "``stargate build`` and ``stargate list``: every notebook × every scenario, only what changed."
)
BUILD_EPILOG = """\
Stopping a build: Ctrl-C (SIGINT) or ``kill PID`` (SIGTERM) stops it cleanly — kernels and
workers end, no partial file is left, every previous report stays as it was; exit code 130
after Ctrl-C, 143 after SIGTERM.
A build started with SIGINT ignored (``nohup``, or ``cmd &`` in a non-interactive shell) keeps
it ignored, as whoever started it asked: Ctrl-C does nothing then; stop it with SIGTERM.

Running on a Dask cluster
-------------------------
``stargate build --executor dask`` starts a ``LocalCluster`` (one single-threaded worker process
per job). ``--scheduler tcp://HOST:8786`` uses an existing cluster instead. What the workers
need:

- this package installed in their Python environment with the **same** library files and the
  same versions of the output-shaping packages (``stargate.build.freshness.OUTPUT_PACKAGES``, Python
  ``major.minor``) — a worker that differs refuses the report with a one-line error rather than
  build something else. ``pip install -e .`` of the same commit on every worker does it;
- a Jupyter kernel named ``python3`` that runs that environment (ipykernel provides it);
- nothing from the repository's ``notebooks/``, ``params/`` or ``reports/``: each task carries the
  notebook's text and the merged parameters, and returns the outputs, which are written here.
  The kernel starts in the client's notebooks folder when that path exists on the worker, else
  in the worker's working directory, so notebooks must not read files relative to themselves.

Only the builder needs write access to ``reports/``. Cancelling a build (Ctrl-C) cancels its
tasks; a task already running on a remote worker finishes there and its result is dropped.
"""


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


# --------------------------------------------------------------------------- build and list


def _dirs(args: argparse.Namespace) -> tuple[Path, Path, Path]:
    return Path(args.notebooks_dir), Path(args.params_dir), Path(args.out)


def cmd_params(args: argparse.Namespace) -> int:
    """Print the parameter reference (the text of ``docs/parameters.md``)."""
    from stargate.present.parameter_reference import render_markdown

    sys.stdout.write(render_markdown())
    return EXIT_OK


def cmd_build(args: argparse.Namespace) -> int:
    """``stargate build``: see :func:`stargate.build.run.build` and ``stargate build --help``."""
    from rich.console import Console

    notebooks_dir, params_dir, out_dir = _dirs(args)
    options: dict[str, Any] = {
        "scenarios": args.scenario,
        "notebooks": args.notebook,
        "jobs": args.jobs,
        "force": args.force,
        "executor": args.executor,
        "scheduler": args.scheduler,
        "site": not args.no_site,
        "cell_timeout_s": args.cell_timeout,
    }
    if args.cold_kernels:
        print(
            "stargate: --cold-kernels is deprecated and has no effect (every kernel is a new "
            "process)",
            file=sys.stderr,
        )
    try:
        requested_languages()  # a bad STARGATE_LANGUAGES stops a watch too, before it starts
    except BuildInputError as exc:
        for line in exc.problems:
            print(line, file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.watch:
        return _watch(Console(), notebooks_dir, params_dir, out_dir, options)
    try:
        summary = build(notebooks_dir, params_dir, out_dir, **options)
    except BuildInputError as exc:
        for line in exc.problems:
            print(line, file=sys.stderr)
        return EXIT_BAD_INPUT
    except BuildBusy as exc:
        print(exc, file=sys.stderr)
        return EXIT_BAD_INPUT
    _print_summary(Console(), summary, out_dir)
    if summary.site_error:
        print(f"FAILED {summary.site_error}", file=sys.stderr)
    for name in orphan_scenarios(out_dir, params_dir):
        print(
            f"note: {display_path(out_dir / name)}/ has no {name}.yaml in "
            f"{display_path(params_dir)}/, so the index leaves it out; delete the folder if the "
            "scenario is gone for good",
            file=sys.stderr,
        )
    return summary.exit_code


def _watch(
    console: Any, notebooks_dir: Path, params_dir: Path, out_dir: Path, options: dict[str, Any]
) -> int:
    """``stargate build --watch``: build, then rebuild each scenario whose file is saved."""
    from stargate.build.watch import watch_builds

    def summary(result: BuildSummary) -> None:
        _print_summary(console, result, out_dir)
        if result.site_error:
            print(f"FAILED {result.site_error}", file=sys.stderr)

    def problems(lines: list[str]) -> None:
        for line in lines:
            print(line, file=sys.stderr)

    def waiting() -> None:
        console.print(
            f"watching {display_path(params_dir)}/ and {display_path(notebooks_dir)}/ "
            "(Ctrl-C to stop)",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )

    STOP_SIGNALS.clear()
    try:
        watch_builds(
            notebooks_dir,
            params_dir,
            out_dir,
            build_options=options,
            on_summary=summary,
            on_problems=problems,
            on_waiting=waiting,
        )
    except BuildBusy as exc:
        print(exc, file=sys.stderr)
        return EXIT_BAD_INPUT
    if signal.SIGTERM in STOP_SIGNALS:  # the file watcher ended quietly on it
        print("stargate: interrupted", file=sys.stderr)
        return EXIT_TERMINATED
    return EXIT_OK


def _print_summary(console: Any, summary: BuildSummary, out_dir: Path) -> None:
    from rich.table import Table

    shown = [o for o in summary.outcomes if o.state != "fresh"]
    fresh = len(summary.outcomes) - len(shown)
    if shown:
        table = Table(box=None, pad_edge=False, header_style="bold")
        table.add_column("report")
        table.add_column("status")
        table.add_column("time", justify="right")
        style = {"built": "green", "failed": "bold red"}
        for o in shown:
            table.add_row(o.label, f"[{style[o.state]}]{o.state}[/]", f"{o.seconds:.1f} s")
        if fresh:
            table.add_row(f"({fresh} more)", "fresh", "-")
        console.print(table)
    site = "" if summary.site_seconds is None else f", index pages {summary.site_seconds:.1f} s"
    console.print(
        f"{len(summary.built)} built, {len(summary.failed)} failed, {fresh} fresh"
        f" in {summary.seconds:.1f} s ({summary.executor}, {summary.jobs} jobs{site})"
        f" -> {display_path(out_dir)}",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )


def cmd_list(args: argparse.Namespace) -> int:
    """``stargate list``: scenarios, notebooks and each report's status."""
    from rich.console import Console
    from rich.table import Table

    notebooks_dir, params_dir, out_dir = _dirs(args)
    console = Console()
    try:
        listing = list_reports(notebooks_dir, params_dir, out_dir)
    except BuildInputError as exc:
        for line in exc.problems:
            print(line, file=sys.stderr)
        return EXIT_BAD_INPUT
    console.print(
        f"scenarios ({display_path(params_dir)}): {', '.join(listing.scenarios) or 'none'}",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )
    console.print(
        f"notebooks ({display_path(notebooks_dir)}): {', '.join(listing.notebooks) or 'none'}",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )
    if not listing.scenarios or not listing.notebooks:
        return EXIT_OK
    style = {
        "fresh": "green",
        "stale": "yellow",
        "failed": "bold red",
        "missing": "dim",
        "invalid": "bold red",
    }
    table = Table(title=f"reports in {display_path(out_dir)}", box=None, header_style="bold")
    table.add_column("scenario")
    for nb in listing.notebooks:
        table.add_column(nb)
    for name in listing.scenarios:
        cells = [listing.states.get((name, nb), "?") for nb in listing.notebooks]
        table.add_row(name, *(f"[{style.get(c, '')}]{c}[/]" for c in cells))
    console.print(table)
    for line in dict.fromkeys(listing.problems):
        print(line, file=sys.stderr)
    return EXIT_BAD_INPUT if listing.problems else EXIT_OK


def _add_dir_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out", default=str(OUT_DIR), metavar="DIR", help="reports folder (default: reports/)"
    )
    parser.add_argument(
        "--notebooks-dir",
        default=str(NOTEBOOKS_DIR),
        metavar="DIR",
        help="folder of report notebooks (default: notebooks/)",
    )
    parser.add_argument(
        "--params-dir",
        default=str(PARAMS_DIR),
        metavar="DIR",
        help="folder of scenario files (default: params/)",
    )


def _add_build_commands(subparsers: Any) -> None:
    """Register ``build`` and ``list`` on the ``stargate`` command's sub-parsers."""
    p_build = subparsers.add_parser(
        "build",
        help="build every notebook x every scenario (only what changed)",
        description=BUILD_SUMMARY,
        epilog=BUILD_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p_build.add_argument(
        "--scenario",
        action="append",
        metavar="NAME",
        help="build only this scenario (repeatable; default: all in params/)",
    )
    p_build.add_argument(
        "--notebook",
        action="append",
        metavar="NAME",
        help="build only this notebook (repeatable; default: all in notebooks/)",
    )
    p_build.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=None,
        metavar="N",
        help=f"reports run side by side (default: cores, here {default_jobs()})",
    )
    p_build.add_argument("--force", action="store_true", help="rebuild fresh reports too")
    p_build.add_argument(
        "--executor",
        choices=EXECUTORS,
        default="local",
        help="local worker processes, or Dask (see below)",
    )
    p_build.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="an existing Dask scheduler, e.g. tcp://10.0.0.5:8786 (with --executor dask)",
    )
    p_build.add_argument(
        "--no-site", action="store_true", help="do not regenerate index.html / compare.html"
    )
    p_build.add_argument(
        "--watch",
        action="store_true",
        help="build, then watch params/ and notebooks/ and rebuild a scenario (its reports "
        "and the index pages) each time its file is saved; Ctrl-C stops",
    )
    p_build.add_argument(
        "--cold-kernels",
        action="store_true",
        help="deprecated, no effect: every kernel is a new process (the warm-kernel fork "
        "server was removed, issue 16: no measurable gain)",
    )
    p_build.add_argument(
        "--cell-timeout",
        type=float,
        default=DEFAULT_CELL_TIMEOUT_S,
        metavar="SECONDS",
        help=f"a cell running longer fails its report (default {DEFAULT_CELL_TIMEOUT_S:g}; "
        "0: no limit)",
    )
    _add_dir_options(p_build)
    p_build.set_defaults(func=cmd_build)
    p_list = subparsers.add_parser(
        "list", help="scenarios, notebooks and report status (fresh/stale/failed/missing)"
    )
    _add_dir_options(p_list)
    p_list.set_defaults(func=cmd_list)


def version() -> str:
    """``stargate X.Y.Z`` (the installed distribution's version)."""
    import importlib.metadata

    try:
        return f"stargate {importlib.metadata.version('stargate')}"
    except importlib.metadata.PackageNotFoundError:
        return "stargate (not installed)"


def make_parser() -> argparse.ArgumentParser:
    """The argument parser for every sub-command."""
    parser = _Parser(prog="stargate", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=version())
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    p_val = sub.add_parser("validate", help="check scenario files; exit 2 on any problem")
    p_val.add_argument("files", nargs="*", help="scenario files (default: params/*.yaml)")
    p_val.set_defaults(func=cmd_validate)
    p_params = sub.add_parser(
        "params",
        help="every key a scenario file may set: unit, bounds, default and fact (Markdown)",
    )
    p_params.set_defaults(func=cmd_params)
    _add_build_commands(sub)
    return parser


def _interrupt(exc: BaseException | None) -> KeyboardInterrupt | None:
    """The KeyboardInterrupt ``exc`` is, or was raised because of; None if none."""
    seen = 0
    while exc is not None and seen < 20:
        if isinstance(exc, KeyboardInterrupt):
            return exc
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return None


def _is_interrupt(exc: BaseException | None) -> bool:
    """True for a KeyboardInterrupt, or an exception raised because of one."""
    return _interrupt(exc) is not None


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``stargate`` command.

    Ctrl-C anywhere prints ``stargate: interrupted`` (no traceback) and returns 130; SIGTERM
    (``kill PID``) does the same and returns 143. Run as the program (``argv`` None), a Ctrl-C
    after the command finished is ignored too: only exiting is left, and Python's exit hooks
    (joining worker threads) would print one.
    """
    term = signal.getsignal(signal.SIGTERM)
    if argv is None and term in (signal.SIG_DFL, _stopped_while_starting):
        signal.signal(signal.SIGTERM, raise_stop)
    try:
        parser = make_parser()
        args = parser.parse_args(argv)
        return int(args.func(args))
    except ScenarioError as exc:
        for line in exc.problems:
            print(line, file=sys.stderr)
        return EXIT_BAD_INPUT
    except (KeyboardInterrupt, Exception) as exc:
        # Ctrl-C during an import can surface wrapped: Python turns an exception raised while a
        # class body is being built into "RuntimeError: Error calling __set_name__", caused by
        # the KeyboardInterrupt. Either way it is an interrupt, not a crash.
        stop = _interrupt(exc)
        if stop is None:
            raise
        code = EXIT_TERMINATED if isinstance(stop, Terminated) else EXIT_INTERRUPTED
        if argv is None:
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
        print("stargate: interrupted", file=sys.stderr)
        if argv is None:
            # The build has stopped its workers and kernels and removed its temporary files.
            # Leave now: the interpreter's exit hooks would wake worker pools whose pipes are
            # already closed and print "Exception ignored ... BrokenPipeError".
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
        return code
    finally:
        if argv is None and signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
            signal.signal(signal.SIGINT, signal.SIG_IGN)
        if argv is None and signal.getsignal(signal.SIGTERM) is raise_stop:
            # Finished: a SIGTERM now just ends the process (still 143), with no traceback
            # from the interpreter's exit hooks.
            signal.signal(signal.SIGTERM, signal.SIG_DFL)


# The imports are done: Python's own handler again (main() turns Ctrl-C into exit code 130,
# and installs its SIGTERM handler: exit code 143).
if signal.getsignal(signal.SIGINT) is _stopped_while_starting:
    signal.signal(signal.SIGINT, signal.default_int_handler)

if __name__ == "__main__":
    sys.exit(main())
