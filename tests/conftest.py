"""Shared pytest configuration."""

import shutil
from pathlib import Path

import pytest

# Fixture notebooks are inputs to tests, not notebooks for nbval to check.
collect_ignore_glob = ["fixtures/*", "fixtures/**/*"]

#: Session fixtures that build or execute reports (seconds each), by family (a fixture of the
#: second uses the first): the test files naming a family's fixtures run in one pytest-xdist
#: worker, so ``-n 2`` builds each once, not once per worker.
SHARED_BUILDS = {
    "shipped reports": ("shipped_reports", "jpy_reports"),
    "fixture reports": ("reports_tree", "site_tree", "charts_ok_rerun", "charts_broken"),
}


def shared_build_of(test_file: str) -> str | None:
    """The family of :data:`SHARED_BUILDS` whose fixtures a test file names (None: none)."""
    try:
        text = (Path(__file__).resolve().parent.parent / test_file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return next((f for f, names in SHARED_BUILDS.items() if any(n in text for n in names)), None)


@pytest.hookimpl(optionalhook=True)  # a hook of pytest-xdist: none without it
def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object:
    """With ``pytest -n N`` (pytest-xdist): one test file at a time per worker, in order.

    As ``--dist loadfile`` (a file's module fixtures run once; nbval's cells of a notebook
    run in order in one kernel), except that the files naming one of :data:`SHARED_BUILDS`
    go to one worker together, which builds it once. (``--dist loadgroup`` with marks ran
    nbval's cells out of order.)
    """
    from xdist.scheduler import LoadFileScheduling

    class SharedBuildScheduling(LoadFileScheduling):  # type: ignore[misc]
        def _split_scope(self, nodeid: str) -> str:
            test_file = nodeid.split("::", 1)[0]
            return shared_build_of(test_file) or test_file

    return SharedBuildScheduling(config, log)


# --------------------------------------------------------------------------- report rendering
# Executed fixture notebooks and a small reports folder, shared by test_report, test_site and
# test_browser. Each papermill run starts a kernel (~1.5 s), so they run once per session.

FIXTURE_NOTEBOOKS = Path(__file__).resolve().parent / "fixtures" / "notebooks"
#: Scenario parameters the fixture notebooks understand (see their parameters cell).
FIXTURE_SCENARIOS = {
    "base": {},
    "alt": {
        "name": "alt",
        "title": 'Alt <script>alert("x")</script> & co',
        "description": "Costs <b>double</b>; amounts in JPY.",
        "currency": "JPY",
        "jpy_per_usd": 150.0,
        "scale": 2.0,
    },
}


def execute_fixture(name: str, out_path: Path, parameters: dict | None = None) -> Path:
    """Run ``tests/fixtures/notebooks/<name>.ipynb`` with papermill; the output lands on disk."""
    import papermill

    out_path.parent.mkdir(parents=True, exist_ok=True)
    papermill.execute_notebook(
        str(FIXTURE_NOTEBOOKS / f"{name}.ipynb"),
        str(out_path),
        parameters=parameters or {},
        kernel_name="python3",
        progress_bar=False,
        cwd=str(out_path.parent),
        shutdown_kernel="immediate",
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
    )
    return out_path


@pytest.fixture(scope="session")
def reports_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A reports folder as the builder leaves it: two scenarios, executed notebooks + HTML.

    ``base`` has ``charts_ok`` and ``headlines_only``; ``alt`` (JPY, a title with markup) has
    ``headlines_only``; ``_failed`` holds a leftover the site must ignore.
    """
    from stargate.publish.page import write_report_html

    root = tmp_path_factory.mktemp("reports")
    plan = [
        ("base", "charts_ok"),
        ("base", "headlines_only"),
        ("alt", "headlines_only"),
    ]
    for scenario, notebook in plan:
        nb_path = execute_fixture(
            notebook, root / scenario / f"{notebook}.ipynb", FIXTURE_SCENARIOS[scenario]
        )
        write_report_html(nb_path)
    failed = root / "_failed" / "base"
    failed.mkdir(parents=True)
    shutil.copy(root / "base" / "headlines_only.ipynb", failed / "broken.ipynb")
    return root


@pytest.fixture(scope="session")
def site_tree(reports_tree: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of ``reports_tree`` with ``index.html`` and ``compare.html`` written into it."""
    from stargate.publish.site import write_site

    root = tmp_path_factory.mktemp("site") / "reports"
    shutil.copytree(reports_tree, root)
    write_site(root)
    return root


@pytest.fixture(scope="session")
def charts_ok_rerun(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``charts_ok`` executed a second time with the same parameters (for byte-identity)."""
    root = tmp_path_factory.mktemp("rerun")
    return execute_fixture("charts_ok", root / "charts_ok.ipynb", FIXTURE_SCENARIOS["base"])


@pytest.fixture(scope="session")
def charts_broken(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``charts_broken`` executed and rendered: one chart draws, one cannot."""
    from stargate.publish.page import write_report_html

    root = tmp_path_factory.mktemp("broken")
    nb_path = execute_fixture("charts_broken", root / "charts_broken.ipynb")
    return write_report_html(nb_path)


# --------------------------------------------------------------------------- shipped reports


@pytest.fixture(scope="session")
def shipped_reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every shipped scenario × notebook, built once per session (see ``report_run``)."""
    from report_run import build_shipped_reports

    return build_shipped_reports(tmp_path_factory.mktemp("shipped") / "reports")


# --------------------------------------------------------------------------- a scenario in yen


@pytest.fixture(scope="session")
def jpy_reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every report of the ``yen`` scenario and the index pages, built once per session.

    ``stargate build`` into a temporary folder (``<folder>/params`` holds ``base.yaml`` and
    ``yen.yaml``); test_jpy_pages reads the pages, the three notebook tests the executed
    notebooks — one build instead of a kernel per test.
    """
    from report_run import JPY_SCENARIO, JPY_SCENARIO_YAML

    from stargate import cli

    root = tmp_path_factory.mktemp("jpy")
    params = root / "params"
    params.mkdir()
    repo = Path(__file__).resolve().parent.parent
    shutil.copy(repo / "params" / "base.yaml", params / "base.yaml")
    (params / f"{JPY_SCENARIO}.yaml").write_text(JPY_SCENARIO_YAML, encoding="utf-8")
    out = root / "reports"
    code = cli.main(
        [
            "build",
            "--params-dir", str(params),
            "--notebooks-dir", str(repo / "notebooks"),
            "--out", str(out),
            "--scenario", JPY_SCENARIO,
            "--jobs", "2",
        ]
    )  # fmt: skip
    assert code == 0, "the JPY scenario did not build"
    return out
