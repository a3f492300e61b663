"""pytest plugin for CI (``-p no_skips`` with ``.ci`` on ``PYTHONPATH``): a skipped test fails.

Locally a test may skip when what it needs is missing (Chromium, JupyterLab's venv, Dask). In CI
each of those is installed by ``.ci/run``; a skip there means a test that did not run, and a run
that passes without its browser tests would pass blind. So with ``CI`` set, every skip is
reported as a failure naming the reason. Expected failures (``xfail``) are left alone.
"""

from __future__ import annotations

import os

import pytest


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if not os.environ.get("CI") or not report.skipped or hasattr(report, "wasxfail"):
        return
    reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
    report.outcome = "failed"
    report.longrepr = f"skipped in CI, where every test must run: {reason}"
