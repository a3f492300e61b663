"""``stargate build --watch``: which scenarios a batch of file changes rebuilds, and the loop."""

from __future__ import annotations

from pathlib import Path

from stargate.build import watch


def _dirs(tmp_path: Path) -> tuple[Path, Path]:
    params, notebooks = tmp_path / "params", tmp_path / "notebooks"
    params.mkdir()
    notebooks.mkdir()
    for name in ("base", "alt", "other"):
        (params / f"{name}.yaml").write_text("title: x\n")
    (notebooks / "ok.ipynb").write_text("{}")
    return params, notebooks


def test_a_saved_scenario_rebuilds_that_scenario_only(tmp_path):
    params, notebooks = _dirs(tmp_path)
    changes = [(2, str(params / "alt.yaml")), (2, str(params / ".alt.yaml.swp"))]
    assert watch.scenarios_to_rebuild(changes, params, notebooks) == ["alt"]
    assert watch.scenarios_to_rebuild([(2, str(tmp_path / "x.txt"))], params, notebooks) == []


def test_base_a_notebook_or_a_deleted_scenario_rebuild_everything(tmp_path):
    params, notebooks = _dirs(tmp_path)
    for path in (params / "base.yaml", notebooks / "ok.ipynb", params / "gone.yaml"):
        assert watch.scenarios_to_rebuild([(2, str(path))], params, notebooks) is None


def test_the_loop_builds_first_then_what_each_batch_touches(tmp_path, monkeypatch):
    from stargate.build import run
    from stargate.build.plan import BuildInputError

    params, notebooks = _dirs(tmp_path)
    calls: list[object] = []

    def fake_build(notebooks_dir, params_dir, out_dir, *, scenarios=None, **options):
        calls.append(scenarios)
        if scenarios == ["other"]:
            raise BuildInputError(["params/other.yaml: bad"])
        return "summary"

    monkeypatch.setattr(run, "build", fake_build)
    summaries, problems = [], []
    batches = [
        [(2, str(params / "alt.yaml"))],
        [(2, str(tmp_path / "notes.txt"))],  # touches nothing: no build
        [(2, str(params / "other.yaml"))],  # refused: reported, the watch goes on
        [(2, str(params / "base.yaml"))],
    ]
    watch.watch_builds(
        notebooks,
        params,
        tmp_path / "reports",
        build_options={"scenarios": ["alt"], "jobs": 1},
        on_summary=summaries.append,
        on_problems=problems.append,
        changes=batches,
    )
    assert calls == [["alt"], ["alt"], ["other"], None]
    assert summaries == ["summary"] * 3
    assert problems == [["params/other.yaml: bad"]]


def test_sigterm_stops_a_watch_with_exit_code_143(tmp_path):
    """`kill PID` ends a watch like Ctrl-C, with SIGTERM's exit code (the file watcher used to
    swallow the stop, or the default handler killed the process without its clean-up)."""
    import os
    import shutil
    import signal
    import subprocess
    import sys
    import time

    fixtures = Path(__file__).parent / "fixtures" / "build"
    (tmp_path / "notebooks").mkdir()
    shutil.copy(fixtures / "notebooks" / "ok.ipynb", tmp_path / "notebooks")
    shutil.copytree(fixtures / "params", tmp_path / "params")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "stargate.cli",
            "build",
            "--watch",
            "--no-site",
            "-j",
            "1",
            "--notebooks-dir",
            "notebooks",
            "--params-dir",
            "params",
            "--out",
            "out",
            "--scenario",
            "alt",
        ],  # fmt: skip
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "STARGATE_LANGUAGES": "en"},
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not (tmp_path / "out" / "alt" / "ok.ipynb").exists():
            time.sleep(0.2)
        time.sleep(1.0)  # past the build, into the file watcher
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert "1 built" in out, out + err
    assert proc.returncode == 143, err
    assert "stargate: interrupted" in err and "Traceback" not in err, err
