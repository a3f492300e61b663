"""Run one report notebook for one shipped scenario, the way the builder does, and check it.

Shared by the per-report notebook tests, which add their own checks on the figures.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import papermill

from stargate.publish.headline import read_headlines, read_meta
from stargate.scenario import PARAMS_DIR, Scenario, from_parameters, load_scenario

NOTEBOOKS_DIR = Path(__file__).resolve().parent.parent / "notebooks"


def _outputs(nb: Any, kind: str) -> list[Any]:
    return [
        o
        for cell in nb.cells
        if cell.cell_type == "code"
        for o in cell.get("outputs", [])
        if o.get("output_type") == kind
    ]


def run_report(
    notebook: str,
    name: str,
    report_title: str,
    headline_names: set[str],
    tmp_path: Path,
    overrides: dict[str, Any] | None = None,
) -> tuple[Scenario, Any, dict[str, dict[str, Any]]]:
    """Execute ``notebooks/<notebook>.ipynb`` for scenario ``name``; return it with its headlines.

    ``overrides``: parameter groups merged over the scenario file's (e.g. a display currency).

    Asserts: no error output, no printed text or warnings, the report's metadata names the report
    and the scenario, and it publishes exactly ``headline_names``, each a finite number.
    """
    scenario = load_scenario(PARAMS_DIR / f"{name}.yaml")
    if overrides:
        scenario = from_parameters({**scenario.to_parameters(), **overrides})
    # The builder injects the merged scenario-file parameters; so does this.
    nb = papermill.execute_notebook(
        str(NOTEBOOKS_DIR / f"{notebook}.ipynb"),
        str(tmp_path / f"{notebook}-{name}.ipynb"),
        parameters=scenario.to_parameters(),
        cwd=str(tmp_path),
        kernel_name="python3",
        progress_bar=False,
        shutdown_kernel="immediate",
    )
    errors = _outputs(nb, "error")
    assert not errors, f"{name}: {errors[0].get('ename')}: {errors[0].get('evalue')}"
    assert not _outputs(nb, "stream"), f"{name}: the report printed warnings or text"
    meta = read_meta(nb)
    assert (meta["report_title"], meta["scenario_name"]) == (report_title, name)
    headlines = {h["name"]: h for h in read_headlines(nb)}
    assert set(headlines) == headline_names, name
    assert all(math.isfinite(h["value"]) for h in headlines.values()), name
    return scenario, nb, headlines
