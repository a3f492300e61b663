"""Re-execute the report notebooks in place with the base scenario: ``make notebooks``.

``python -m stargate.build.rerun_notebooks [NAME ...]`` runs each ``notebooks/*.ipynb`` with
papermill as it stands — no parameters injected, so the parameters cell's defaults (the base
scenario) apply — and writes it back normalised exactly like a built report
(:func:`stargate.build.execute.normalise_notebook`: no papermill timings or paths, numbered cell
ids), without papermill's metadata or a build record. The committed outputs then equal a fresh
run, which is what nbval (``pytest --nbval``) compares.

A notebook that fails is left as it was, with one line naming it, the cell and the error; the
exit code is then 1. Each file is replaced atomically, and only when its bytes change.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from stargate.build.plan import NOTEBOOKS_DIR, find_notebooks
from stargate.build.runners import LocalRunner, default_jobs
from stargate.files import write_text_atomic
from stargate.scenario import display_path


@dataclass(frozen=True)
class InPlaceResult:
    """The outcome of re-executing one notebook."""

    path: str
    text: str | None
    error: str
    seconds: float


def with_generated_parameters(notebook_text: str) -> str:
    """The notebook with its ``parameters`` cell regenerated from the schema.

    Every group and every key a scenario can set, with unit and default
    (:func:`stargate.present.parameter_reference.parameters_cell_source`).
    """
    import json

    from stargate.present.parameter_reference import parameters_cell_source

    nb = json.loads(notebook_text)
    for cell in nb["cells"]:
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            if "# Scenario parameters" not in "".join(cell["source"]):
                return notebook_text  # not a report notebook (e.g. a test fixture): as it is
            cell["source"] = parameters_cell_source().splitlines(keepends=True)
            return json.dumps(nb, indent=1, ensure_ascii=False) + "\n"
    return notebook_text


def execute_in_place_text(path: str) -> InPlaceResult:
    """Execute the notebook at ``path`` (kernel cwd: its folder) and return its new text.

    Nothing is written here (this runs in a worker process).
    """
    from stargate.build.execute import (
        ExecutionFailed,
        execute_notebook,
        normalise_notebook,
        notebook_to_text,
        one_line_error,
        quiet_logs,
    )

    start = time.perf_counter()
    quiet_logs()
    source = Path(path)
    try:
        text = with_generated_parameters(source.read_text(encoding="utf-8"))
        nb = execute_notebook(text, None, cwd=str(source.parent), name=source.stem)
    except ExecutionFailed as exc:
        err = exc.error
        where = f"cell index {err.cell_index} (In [{err.exec_count}])"
        error = f"{where}: {one_line_error(err.ename, err.evalue)}"
        return InPlaceResult(path, None, error, time.perf_counter() - start)
    except Exception as exc:
        return InPlaceResult(
            path, None, one_line_error(type(exc).__name__, str(exc)), time.perf_counter() - start
        )
    text = notebook_to_text(normalise_notebook(nb, keep_papermill=False))
    return InPlaceResult(path, text, "", time.perf_counter() - start)


def execute_in_place(paths: list[Path], jobs: int | None = None) -> int:
    """Re-execute ``paths`` side by side and write the changed ones back.

    Args:
        paths: notebook files.
        jobs: notebooks run at once (default: the machine's cores).

    Returns:
        The exit code: 0 all ran, 1 some notebook failed.
    """
    failed = 0
    runner = LocalRunner(min(jobs or default_jobs(), len(paths)), execute_in_place_text)
    with runner:
        runner.submit_all([str(p) for p in paths])
        for job, result, exc in runner.outcomes():
            where = display_path(Path(job))
            if exc is not None or result is None or result.text is None:
                error = result.error if result is not None else f"worker crashed: {exc}"
                print(f"FAILED {where}: {error}", file=sys.stderr)
                failed += 1
                continue
            path = Path(result.path)
            if path.read_text(encoding="utf-8") == result.text:
                print(f"unchanged {where} ({result.seconds:.1f} s)")
            else:
                write_text_atomic(path, result.text)
                print(f"updated   {where} ({result.seconds:.1f} s)")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m stargate.build.rerun_notebooks``."""
    parser = argparse.ArgumentParser(
        prog="python -m stargate.build.rerun_notebooks", description=(__doc__ or "").splitlines()[0]
    )
    parser.add_argument("names", nargs="*", help="notebook names (default: all)")
    parser.add_argument("--jobs", "-j", type=int, default=None, metavar="N")
    parser.add_argument("--notebooks-dir", default=str(NOTEBOOKS_DIR), metavar="DIR")
    args = parser.parse_args(argv)
    found = find_notebooks(Path(args.notebooks_dir))
    unknown = [n for n in args.names if Path(n).stem not in found]
    if unknown or not found or (args.jobs is not None and args.jobs < 1):
        for name in unknown:
            print(
                f"unknown notebook {name!r} (known: {', '.join(found) or 'none'})", file=sys.stderr
            )
        if not found:
            print(f"{display_path(Path(args.notebooks_dir))}: no notebooks found", file=sys.stderr)
        if args.jobs is not None and args.jobs < 1:
            print(f"--jobs must be at least 1 (got {args.jobs})", file=sys.stderr)
        return 2
    paths = [found[Path(n).stem] for n in args.names] or list(found.values())
    try:
        return execute_in_place(paths, args.jobs)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
