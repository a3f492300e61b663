"""The shipped reports as the builder makes them, and one report notebook run with parameters.

Shared by the per-report notebook tests, which add their own checks on the figures.

Every shipped scenario × notebook is built **once per test session** by ``stargate build``
(:func:`build_shipped_reports`, the ``shipped_reports`` fixture of ``conftest.py``), two reports
side by side, and the three notebook tests all read that build. The build starts from the
committed reports: one whose input hash (notebook, merged parameters, library files, package
versions) is current is, by the builder's freshness rule, what running it again would write
byte for byte, so it is not run again; any other is executed. ``STARGATE_TEST_REBUILD=1``
executes every report regardless.
"""

from __future__ import annotations

import io
import math
import os
import shutil
from pathlib import Path
from typing import Any

from stargate.publish.headline import read_headlines, read_meta
from stargate.scenario import PARAMS_DIR, Scenario, from_parameters, load_scenario

NOTEBOOKS_DIR = Path(__file__).resolve().parent.parent / "notebooks"
COMMITTED_REPORTS = NOTEBOOKS_DIR.parent / "reports"
#: Set to 1 to execute every shipped report in the session instead of reusing fresh ones.
REBUILD_ENV = "STARGATE_TEST_REBUILD"
#: The base scenario with every amount shown in yen (``display: {currency: JPY}``), under its
#: own name and with a title of its own (the base title quotes the article's "$500bn"); built
#: once per session by the ``jpy_reports`` fixture of ``conftest.py``.
JPY_SCENARIO = "yen"
JPY_SCENARIO_YAML = (
    f"name: {JPY_SCENARIO}\ntitle: The base case in yen\n"
    "description: The base scenario, every amount shown in yen.\n"
    "display:\n  currency: JPY\n"
)


def _outputs(nb: Any, kind: str) -> list[Any]:
    return [
        o
        for cell in nb.cells
        if cell.cell_type == "code"
        for o in cell.get("outputs", [])
        if o.get("output_type") == kind
    ]


def build_shipped_reports(out_dir: Path) -> Path:
    """Build every shipped scenario × notebook into ``out_dir`` with ``stargate build``.

    Fresh committed reports are copied in first (see the module's docstring); the build runs
    the rest. Raises AssertionError naming each report that failed.
    """
    from rich.console import Console

    from stargate.build.run import build

    if os.environ.get(REBUILD_ENV, "") in ("", "0") and COMMITTED_REPORTS.is_dir():
        for folder in COMMITTED_REPORTS.iterdir():
            if folder.is_dir() and not folder.name.startswith(("_", ".")):
                shutil.copytree(folder, out_dir / folder.name, ignore=shutil.ignore_patterns(".*"))
    lines: list[str] = []
    summary = build(
        NOTEBOOKS_DIR,
        PARAMS_DIR,
        out_dir,
        site=False,
        console=Console(file=io.StringIO()),
        on_line=lines.append,
    )
    assert summary.exit_code == 0, "\n".join(lines)
    return out_dir


def run_report(
    notebook: str,
    name: str,
    report_title: str,
    headline_names: set[str],
    tmp_path: Path,
    overrides: dict[str, Any] | None = None,
    *,
    reports: Path | None = None,
    params_dir: Path = PARAMS_DIR,
) -> tuple[Scenario, Any, dict[str, dict[str, Any]]]:
    """``notebooks/<notebook>.ipynb`` run for scenario ``name``, with its headlines.

    With ``reports`` (the ``shipped_reports`` fixture, or ``jpy_reports`` with its
    ``params_dir``) and no ``overrides``: the report the session's build made. Otherwise the
    notebook is executed here, with the merged parameters of the scenario file updated by
    ``overrides`` (parameter groups, e.g. a display currency).

    Asserts: no error output, no printed text or warnings, the report's metadata names the report
    and the scenario, and it publishes exactly ``headline_names``, each a finite number.
    """
    import nbformat

    scenario = load_scenario(params_dir / f"{name}.yaml")
    if overrides:
        scenario = from_parameters({**scenario.to_parameters(), **overrides})
    if reports is not None and not overrides:
        nb = nbformat.read(str(reports / name / f"{notebook}.ipynb"), as_version=4)
    else:
        # The builder injects the merged scenario-file parameters; so does this.
        nb = execute(notebook, scenario.to_parameters(), tmp_path)
    errors = _outputs(nb, "error")
    assert not errors, f"{name}: {errors[0].get('ename')}: {errors[0].get('evalue')}"
    assert not _outputs(nb, "stream"), f"{name}: the report printed warnings or text"
    meta = read_meta(nb)
    assert (meta["report_title"], meta["scenario_name"]) == (report_title, name)
    headlines = {h["name"]: h for h in read_headlines(nb)}
    assert set(headlines) == headline_names, name
    assert all(math.isfinite(h["value"]) for h in headlines.values()), name
    return scenario, nb, headlines


def execute(notebook: str, parameters: dict[str, Any], tmp_path: Path) -> Any:
    """Run ``notebooks/<notebook>.ipynb`` with papermill and ``parameters``; the executed nb."""
    import papermill

    return papermill.execute_notebook(
        str(NOTEBOOKS_DIR / f"{notebook}.ipynb"),
        str(tmp_path / f"{notebook}-{parameters.get('name', 'run')}.ipynb"),
        parameters=parameters,
        cwd=str(tmp_path),
        kernel_name="python3",
        progress_bar=False,
        shutdown_kernel="immediate",
    )
