"""The committed reports are up to date with their inputs.

Every shipped scenario (``params/*.yaml``) × notebook (``notebooks/*.ipynb``) must have a report in
``reports/`` whose stored input hash (``metadata.stargate.input_hash``) equals the hash of the
current inputs: notebook, merged parameters, library files, output-shaping package versions. No
kernel runs here; the check takes well under a second.

It runs by default. To skip it while you work (e.g. before rebuilding), deselect it by name:
``pytest -k "not committed_reports"``.
"""

from __future__ import annotations

import pytest

from stargate.build.plan import (
    NOTEBOOKS_DIR,
    OUT_DIR,
    BuildInputError,
    find_notebooks,
    plan_build,
)
from stargate.scenario import PARAMS_DIR, display_path


def test_committed_reports_are_fresh():
    if not find_notebooks(NOTEBOOKS_DIR):
        return  # no report notebooks yet: nothing is committed either
    try:
        plan = plan_build(NOTEBOOKS_DIR, PARAMS_DIR, OUT_DIR)
    except BuildInputError as exc:
        pytest.fail("bad report inputs:\n" + "\n".join(exc.problems))
    not_fresh = [
        f"  {display_path(OUT_DIR / r.scenario / r.notebook)}.ipynb: {r.status.state}"
        f" ({r.status.reason})"
        for r in plan.reports
        if r.status.state != "fresh"
    ]
    assert not not_fresh, (
        f"{len(not_fresh)} of {len(plan.reports)} committed report(s) are not up to date with"
        " their inputs:\n" + "\n".join(not_fresh) + "\nRun `make reports` and commit reports/."
    )
