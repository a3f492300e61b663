"""Fault injection: whatever stops or breaks a build, the next plain build puts everything right.

Each test starts from a clean build of the small fixture project (``tests/fixtures/build/``: the
``ok`` notebook × scenarios ``base`` and ``alt``, with the index pages), injects one fault —
Ctrl-C or a failed write at each write of a build, an unwritable page, a killed kernel, a killed
build worker, a scenario file deleted and restored, SIGINT at several moments — and then checks:

- ``stargate list`` never calls a report fresh unless its notebook and its page both carry the
  current input hash (no mixed pair passes as fresh);
- the next plain ``stargate build`` leaves every report and both index pages byte-identical to a
  clean build of the same inputs.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from test_build import FIXTURES, Project, _kernels, _pin

from stargate import cli, files
from stargate.build import execute, output_folder, runners
from stargate.build import plan as build_plan
from stargate.build import run as build_run
from stargate.build.freshness import (
    HTML_HASH_META,
    library_digest,
    read_html_stamp,
    read_record,
)

SLOW_MACHINE_S = 120


@pytest.fixture(autouse=True)
def _pinned(monkeypatch):
    _pin(monkeypatch)


def build(project: Project, *args: str) -> int:
    """A plain ``stargate build`` with the index pages, one job, new kernels (fastest here)."""
    return cli.main(["build", *project.dirs(), "--jobs", "1", *args])


def set_alt(project: Project, currency: str) -> None:
    alt = project.params / "alt.yaml"
    text = alt.read_text()
    for old in ("JPY", "USD"):
        text = text.replace(f"currency: {old}", f"currency: {currency}")
    alt.write_text(text)


def assert_no_mixed_pair_is_fresh(project: Project) -> None:
    """Every report ``stargate list`` calls fresh has notebook and page of the current inputs."""
    plan = build_plan.plan_build(project.notebooks, project.params, project.out)
    for report in plan.reports:
        if report.status.state != "fresh":
            continue
        ipynb = project.out / report.scenario / f"{report.notebook}.ipynb"
        page = ipynb.with_suffix(".html")
        assert read_record(ipynb)["input_hash"] == report.input_hash, report.label
        assert read_html_stamp(page) == report.input_hash, f"{report.label}: mixed pair is fresh"


@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> dict[str, tuple[Project, dict[str, bytes]]]:
    """Clean builds: ``JPY`` (the fixture as shipped) and ``USD`` (alt's currency changed)."""
    mp = pytest.MonkeyPatch()
    _pin(mp)
    try:
        states = {}
        for currency in ("JPY", "USD"):
            project = Project(tmp_path_factory.mktemp(f"clean-{currency}"))
            set_alt(project, currency)
            assert build(project) == 0
            states[currency] = (project, project.snapshot())
    finally:
        mp.undo()
    assert sorted(states["JPY"][1]) == [
        "alt/ok.html",
        "alt/ok.ipynb",
        "base/ok.html",
        "base/ok.ipynb",
        "compare.html",
        "index.html",
        "ja/alt/ok.html",  # each report's Japanese twin, from the same run
        "ja/base/ok.html",
        "ja/compare.html",
        "ja/index.html",
    ]
    assert states["JPY"][1]["base/ok.ipynb"] == states["USD"][1]["base/ok.ipynb"]
    assert states["JPY"][1]["index.html"] != states["USD"][1]["index.html"]
    return states


def copy_of(clean, currency: str, dest: Path) -> Project:
    return clean[currency][0].copy(dest)


# --------------------------------------------------------------------------- writes


class WriteFault:
    """``write_text_atomic`` everywhere, raising ``exc`` at its ``nth`` call (1-based)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, nth: int, exc: BaseException):
        self.nth, self.exc, self.calls = nth, exc, []
        self.real = files.write_text_atomic
        for module in (files, build_plan, output_folder, build_run):
            monkeypatch.setattr(module, "write_text_atomic", self)

    def __call__(self, path: Path, text: str) -> None:
        self.calls.append(Path(path).name)
        if len(self.calls) == self.nth:
            raise self.exc
        self.real(path, text)


#: The writes of a build that rebuilds ``alt/ok``: the validation cache, the report's pages
#: (its Japanese twin, then English) and notebook, its summary for the index pages (a cache),
#: the reports' timings (a cache: longest first next time), the index pages of both languages
#: as ``write_site`` writes them (English, then Japanese), then each stamped.
WRITES = [
    "validated.json",
    "ok.html",
    "ok.html",
    "ok.ipynb",
    "ok.json",
    "durations.json",
    "index.html",
    "compare.html",
    "index.html",
    "compare.html",
    "index.html",
    "compare.html",
    "index.html",
    "compare.html",
]


def test_the_writes_of_a_build_are_the_ones_faulted(clean, tmp_path, monkeypatch, capsys):
    project = copy_of(clean, "JPY", tmp_path / "p")
    set_alt(project, "USD")
    fault = WriteFault(monkeypatch, 0, KeyboardInterrupt())
    assert build(project) == 0
    assert fault.calls == WRITES
    assert project.snapshot() == clean["USD"][1]


@pytest.mark.parametrize("nth", range(1, len(WRITES) + 1))
@pytest.mark.parametrize("kind", ["ctrl-c", "oserror"])
def test_a_fault_at_each_write_is_put_right_by_the_next_build(
    clean, tmp_path, monkeypatch, capsys, kind, nth
):
    """Inputs change, the build stops at one write; then the inputs go back (the issue's case:
    a page of the new inputs beside a notebook of the old must not pass as fresh), or stay."""
    project = copy_of(clean, "JPY", tmp_path / "p")
    set_alt(project, "USD")
    if kind == "ctrl-c":
        exc: BaseException = KeyboardInterrupt()
    else:
        exc = files.WriteError(project.out / "x", OSError(errno.ENOSPC, "No space left on device"))
    with monkeypatch.context() as mp:
        fault = WriteFault(mp, nth, exc)
        code = build(project)
    assert fault.calls[:nth] == WRITES[:nth]  # a failed write does not stop the others
    assert kind == "oserror" or len(fault.calls) == nth
    err = capsys.readouterr().err
    assert "Traceback" not in err
    if kind == "ctrl-c":
        assert code == 130 and "stargate: interrupted" in err
    else:  # the validation and summary caches are only caches; any other write fails the build
        assert code == (0 if WRITES[nth - 1].endswith(".json") else 1), err
    assert not list(project.out.rglob(f"*{files.TMP_MARK}"))
    assert_no_mixed_pair_is_fresh(project)

    # Odd writes: the inputs go back to the clean build's; even: they stay changed.
    currency = "JPY" if nth % 2 else "USD"
    set_alt(project, currency)
    assert_no_mixed_pair_is_fresh(project)
    assert build(project) == 0
    assert project.snapshot() == clean[currency][1]
    assert_no_mixed_pair_is_fresh(project)


def test_a_mixed_pair_is_stale_not_fresh(clean, tmp_path, capsys):
    """A new page beside the previous notebook (what Ctrl-C between the two writes left)."""
    project = copy_of(clean, "JPY", tmp_path / "p")
    usd = clean["USD"][1]
    (project.out / "alt" / "ok.html").write_bytes(usd["alt/ok.html"])
    assert project.list() == 0
    plan = build_plan.plan_build(project.notebooks, project.params, project.out)
    states = {r.label: (r.status.state, r.status.reason) for r in plan.reports}
    assert states["alt/ok"] == ("stale", "HTML page built from other inputs")
    assert states["base/ok"][0] == "fresh"
    assert build(project) == 0
    assert project.snapshot() == clean["JPY"][1]


def _deny(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Writing a file called ``name`` fails as an unwritable file does (EACCES)."""
    real = tempfile.mkstemp

    def mkstemp(*args, **kwargs):
        if str(kwargs.get("prefix", "")).startswith(f".{name}."):
            raise PermissionError(errno.EACCES, "Permission denied")
        return real(*args, **kwargs)

    monkeypatch.setattr(files.tempfile, "mkstemp", mkstemp)


@pytest.mark.parametrize("name", ["index.html", "compare.html", "ok.html", "ok.ipynb"])
def test_an_unwritable_file_is_named_and_rewritten_once_writable(
    clean, tmp_path, monkeypatch, capsys, name
):
    project = copy_of(clean, "JPY", tmp_path / "p")
    set_alt(project, "USD")
    with monkeypatch.context() as mp:
        _deny(mp, name)
        assert build(project) == 1
    err = capsys.readouterr().err
    folder = project.out if name.endswith(".html") and name != "ok.html" else project.out / "alt"
    if name == "ok.html":
        folder = project.out / "ja" / "alt"  # the report's Japanese twin is written first
    assert f"cannot write {folder / name}: Permission denied" in err, err
    assert "stargate-tmp" not in err and "?" not in err.replace("(In [", "")
    assert_no_mixed_pair_is_fresh(project)
    assert build(project) == 0
    assert project.snapshot() == clean["USD"][1]


def test_a_scenario_deleted_and_restored_is_back_in_the_index(clean, tmp_path, capsys):
    project = copy_of(clean, "JPY", tmp_path / "p")
    alt = project.params / "alt.yaml"
    kept = alt.read_bytes()
    alt.unlink()
    assert build(project) == 0
    without = project.snapshot()
    assert without["index.html"] != clean["JPY"][1]["index.html"]
    alt.write_bytes(kept)
    capsys.readouterr()
    assert build(project) == 0
    assert project.snapshot() == clean["JPY"][1]
    assert "0 built, 0 failed, 2 fresh" in capsys.readouterr().out  # the index pages only


def test_a_hand_edited_or_older_index_page_is_rewritten(clean, tmp_path):
    project = copy_of(clean, "JPY", tmp_path / "p")
    (project.out / "compare.html").write_bytes(clean["USD"][1]["compare.html"])
    assert build(project) == 0
    assert project.snapshot() == clean["JPY"][1]


# --------------------------------------------------------------------------- kernels and workers


def test_a_killed_kernel_leaves_its_partial_run_and_fails_only_its_report(tmp_path, capsys):
    project = Project(tmp_path, notebooks=("ok", "dies"))
    assert build(project, "--scenario", "base", "--jobs", "2") == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    assert err[0].startswith(
        "FAILED scenario base, notebook dies, cell index 4 (In [4]): DeadKernelError: Kernel died"
        " (kernel killed by SIGKILL) [partial run:"
    ), err[0]
    partial = (project.out / "_failed" / "base" / "dies.ipynb").read_text()
    assert "stopped while cell index 4 (In [4]) was running" in partial
    assert "last words before the kernel dies" in partial  # what the kernel said last
    assert "base: starting" in partial  # what ran before
    assert (project.out / "base" / "ok.html").exists()
    plan = build_plan.plan_build(project.notebooks, project.params, project.out, ["base"])
    assert {r.notebook: r.status.state for r in plan.reports} == {"dies": "failed", "ok": "fresh"}


def _dies_on_job_3(job: int) -> int:
    if job == 3:
        os.kill(os.getpid(), signal.SIGKILL)
    return job * 10


def test_a_killed_worker_fails_only_its_job():
    with runners.LocalRunner(2, _dies_on_job_3) as runner:
        runner.submit_all([1, 2, 3, 4, 5, 6])
        outcomes = {job: (result, exc) for job, result, exc in runner.outcomes()}
    assert {job: result for job, (result, _) in outcomes.items()} == {
        1: 10,
        2: 20,
        3: None,
        4: 40,
        5: 50,
        6: 60,
    }
    assert "BrokenProcessPool" in type(outcomes[3][1]).__name__


def test_a_killed_build_worker_fails_only_its_report_and_the_next_build_rebuilds_it(
    tmp_path, monkeypatch, capsys
):
    # The slot of the killed worker gets a new worker started with forkserver: it checks the
    # real library digest, so these builds use it too.
    real = library_digest()
    monkeypatch.setattr(build_plan, "library_digest", lambda *a: real)
    monkeypatch.setattr(execute, "cached_library_digest", lambda *a: real)
    reference = Project(tmp_path / "ref", notebooks=("ok", "kills_worker"))
    set_alt(reference, "USD")
    assert build(reference) == 0
    project = Project(tmp_path / "p", notebooks=("ok", "kills_worker"))
    assert build(project) == 0
    set_alt(project, "USD")  # alt's two reports are to be rebuilt
    marker = tmp_path / "kill-once"
    marker.write_text("")
    monkeypatch.setenv("STARGATE_TEST_KILL_WORKER", str(marker))
    capsys.readouterr()
    # One job at a time: alt/kills_worker kills its worker, alt/ok then runs in the new one.
    assert build(project, "--jobs", "1") == 1
    captured = capsys.readouterr()
    failed = [line for line in captured.err.splitlines() if line.startswith("FAILED")]
    assert len(failed) == 1, captured.err
    assert failed[0].startswith("FAILED scenario alt, notebook kills_worker: worker crashed")
    assert "1 built, 1 failed, 2 fresh" in captured.out
    assert not marker.exists()
    assert_no_mixed_pair_is_fresh(project)
    states = {
        r.label: r.status.state
        for r in build_plan.plan_build(project.notebooks, project.params, project.out).reports
    }
    assert states["alt/kills_worker"] == "stale"
    assert build(project) == 0
    assert "1 built, 0 failed, 3 fresh" in capsys.readouterr().out
    assert project.snapshot() == reference.snapshot()


def test_fractional_cell_timeout(tmp_path, capsys):
    """nbclient's timeout is an integer trait: 2.5 used to fail every report at its start."""
    project = Project(tmp_path, notebooks=("ok", "sleeps"))
    started = time.monotonic()
    assert build(project, "--scenario", "base", "--cell-timeout", "2.5", "--jobs", "2") == 1
    assert time.monotonic() - started < 30
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "notebook sleeps, cell index 3 (In [3]): CellTimeoutError" in err[0]
    assert "after 2.5 seconds" in err[0]
    assert (project.out / "base" / "ok.html").exists()


# --------------------------------------------------------------------------- signals


def _start(project: Project, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "stargate.cli", "build", *project.dirs(), "-j", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        env={**os.environ, **(env or {})},
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


@pytest.mark.parametrize("delay", [0.1, 0.6, 2.0])
def test_ctrl_c_at_any_moment_prints_no_traceback(clean, tmp_path, delay):
    """SIGINT while modules import, while planning, while a report runs or pages are written.

    (A subprocess runs the real library: its library digest is not pinned, so every report of
    this copy is stale there and it rebuilds them all.)
    """
    project = copy_of(clean, "JPY", tmp_path / "p")
    proc = _start(project)
    try:
        time.sleep(delay)
        proc.send_signal(signal.SIGINT)
        time.sleep(0.05)
        proc.send_signal(signal.SIGINT)  # impatient: a second Ctrl-C
        _, err = proc.communicate(timeout=SLOW_MACHINE_S)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode in (0, 130), err
    assert "Traceback" not in err and "Exception ignored" not in err, err
    assert not list(project.out.rglob(f"*{files.TMP_MARK}"))
    assert_no_mixed_pair_is_fresh(project)
    assert build(project) == 0
    assert project.snapshot() == clean["JPY"][1]


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc")
def test_ctrl_c_removes_the_kernels_connection_and_socket_files(tmp_path):
    project = Project(tmp_path / "p", notebooks=("sleeps",))
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    proc = subprocess.Popen(
        [sys.executable, "-m", "stargate.cli", "build", *project.dirs(), "--no-site", "-j", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        env={**os.environ, "TMPDIR": str(scratch)},
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        deadline = time.monotonic() + SLOW_MACHINE_S
        while time.monotonic() < deadline and len(_kernels(proc.pid)) < 2:
            time.sleep(0.2)
        assert len(_kernels(proc.pid)) == 2, "the kernels never started"
        time.sleep(0.5)
        assert list(scratch.glob("tmp*.json")), "the kernels' connection files are elsewhere"
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=SLOW_MACHINE_S)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130 and "Traceback" not in err, err
    left = sorted(
        p.name for p in scratch.iterdir() if p.name.startswith(("tmp", "stargate-kernel-"))
    )
    assert left == [], left


# --------------------------------------------------------------------------- small things


def test_version(capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.strip().startswith("stargate 0.")


def test_make_lab_as_root_passes_allow_root():
    make = shutil.which("make")
    if make is None:
        pytest.skip("no make")
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run(
        [make, "-n", "lab", "LAB_STAMP=Makefile"], cwd=root, capture_output=True, text=True
    ).stdout
    lab = [line for line in out.splitlines() if "jupyter lab" in line]
    assert len(lab) == 1
    assert ("--allow-root" in lab[0]) == (os.geteuid() == 0), lab[0]


def test_page_stamp_sits_in_the_head():
    from stargate.build.freshness import stamp_html

    page = "<!doctype html>\n<html><head><title>x</title></head><body></body></html>\n"
    once = stamp_html(page, "a" * 64)
    assert once.startswith(f'<!doctype html>\n<html><head><meta name="{HTML_HASH_META}" ')
    assert stamp_html(once, "b" * 64) == stamp_html(page, "b" * 64)
    assert stamp_html("<p>no head</p>", "c" * 64).startswith("<meta ")


def test_fixtures_are_there():
    for name in ("ok", "dies", "kills_worker", "sleeps"):
        assert (FIXTURES / "notebooks" / f"{name}.ipynb").exists()


def test_an_interrupt_wrapped_by_python_is_still_an_interrupt():
    # Ctrl-C while a class body is built (e.g. pandas importing) comes back as
    # "RuntimeError: Error calling __set_name__ ...", caused by the KeyboardInterrupt.
    from stargate import cli

    try:
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt as inner:
            raise RuntimeError("Error calling __set_name__") from inner
    except RuntimeError as wrapped:
        assert cli._is_interrupt(wrapped)
    assert not cli._is_interrupt(RuntimeError("a real crash"))
