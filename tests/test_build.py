"""End-to-end tests of ``stargate build`` / ``stargate list`` on small fixture notebooks.

The fixtures (``tests/fixtures/build/``): two scenarios (``base``, ``alt``) and three notebooks —
``ok`` (runs with any scenario), ``raises`` (its fourth cell raises) and ``sleeps`` (sleeps 60 s:
the Ctrl-C test). Kernel runs are the expensive part, so one module-scoped build is made once and
copied by the tests that change things.
"""

from __future__ import annotations

import html
import importlib.util
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import types
from pathlib import Path
from typing import Any

import pytest

from stargate import cli
from stargate.build import execute, runners
from stargate.build import plan as build_plan
from stargate.build.freshness import library_digest, read_html_stamp, read_record
from stargate.build.output_folder import build_lock
from stargate.files import TMP_MARK

FIXTURES = Path(__file__).parent / "fixtures" / "build"


def _standin_render(nb) -> str:
    """Stand-in for stargate.publish.page.render_report_html while that module does not exist."""
    body = "".join(f"<pre>{html.escape(cell.source)}</pre>" for cell in nb.cells)
    return f"<!doctype html><html><body>{body}</body></html>\n"


HAS_REPORT = importlib.util.find_spec("stargate.publish.page") is not None
RENDERER = execute.HTML_RENDERER if HAS_REPORT else f"{__name__}:_standin_render"


def _pin(mp: pytest.MonkeyPatch) -> None:
    """Stand-in renderer if needed, and a fixed library digest.

    The library digest covers every ``stargate/**/*.py``: an edit anywhere in the package while
    these tests run would make every report stale. Pinning it keeps the tests about the
    fixtures; local workers are forked, so they see the pin too.
    """
    mp.setattr(execute, "HTML_RENDERER", RENDERER)
    mp.setattr(build_plan, "library_digest", lambda *a: "pinned-library-digest")
    mp.setattr(execute, "cached_library_digest", lambda *a: "pinned-library-digest")


@pytest.fixture(autouse=True)
def _pinned(monkeypatch):
    _pin(monkeypatch)


class Project:
    """A copy of the fixture notebooks and params, with an output folder."""

    def __init__(self, root: Path, notebooks: tuple[str, ...] = ("ok",)):
        self.root = root
        self.notebooks = root / "notebooks"
        self.params = root / "params"
        self.out = root / "reports"
        if not self.notebooks.exists():
            self.notebooks.mkdir(parents=True)
            for name in notebooks:
                shutil.copy(FIXTURES / "notebooks" / f"{name}.ipynb", self.notebooks)
            shutil.copytree(FIXTURES / "params", self.params)

    def dirs(self) -> list[str]:
        return [
            "--notebooks-dir", str(self.notebooks),
            "--params-dir", str(self.params),
            "--out", str(self.out),
        ]  # fmt: skip

    def build(self, *args: str) -> int:
        return cli.main(["build", *self.dirs(), "--no-site", "--jobs", "2", *args])

    def list(self) -> int:
        return cli.main(["list", *self.dirs()])

    def snapshot(self) -> dict[str, bytes]:
        """Every output file by relative path (not the lock or the .build cache folder)."""
        return {
            p.relative_to(self.out).as_posix(): p.read_bytes()
            for p in sorted(self.out.rglob("*"))
            if p.is_file() and not p.relative_to(self.out).parts[0].startswith(".")
        }

    def copy(self, dest: Path) -> Project:
        shutil.copytree(self.root, dest)
        return Project(dest)


def _outcomes(capsys) -> dict[str, str]:
    """``{"scenario/notebook": status}`` from the summary table just printed."""
    out = capsys.readouterr().out
    rows = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) >= 2 and "/" in parts[0] and parts[1] in ("built", "failed"):
            rows[parts[0]] = parts[1]
    return rows


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Project:
    """Both fixture scenarios × the ``ok`` notebook, built once."""
    project = Project(tmp_path_factory.mktemp("built"))
    mp = pytest.MonkeyPatch()
    _pin(mp)
    try:
        assert project.build() == 0
    finally:
        mp.undo()
    return project


# --------------------------------------------------------------------------- bad input


def _no_kernels(monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("a runner was started")

    monkeypatch.setattr(runners.LocalRunner, "__enter__", refuse)
    monkeypatch.setattr(runners.DaskRunner, "__enter__", refuse)


def test_bad_scenario_exits_2_and_touches_nothing(tmp_path, capsys, monkeypatch):
    project = Project(tmp_path)
    (project.params / "broken.yaml").write_text(
        "title: Broken\ndescription: an unknown key\nfleet:\n  nonsense_key: 1\n"
    )
    _no_kernels(monkeypatch)
    assert project.build() == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert "broken.yaml" in err[0] and "fleet.nonsense_key" in err[0]
    assert "Traceback" not in err[0]
    assert not project.out.exists()

    # Unknown names and a bad --jobs stop the build the same way, each with one line.
    project.out.mkdir()
    (project.out / "keep.txt").write_text("untouched")
    (project.params / "broken.yaml").unlink()
    assert project.build("--scenario", "nope", "--notebook", "nada") == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2
    assert "unknown scenario 'nope' (known: base, alt)" in err[0]
    assert "unknown notebook 'nada' (known: ok)" in err[1]
    assert project.build("--jobs", "0") == 2
    assert capsys.readouterr().err.strip() == "stargate: --jobs must be at least 1 (got 0)"
    assert sorted(p.name for p in project.out.iterdir()) == ["keep.txt"]


def test_unwritable_output_folder_is_one_line_exit_2(tmp_path, capsys, monkeypatch):
    project = Project(tmp_path)
    blocker = tmp_path / "a_file"
    blocker.write_text("not a folder")
    project.out = blocker / "reports"  # root may write anywhere; a file in the path stops all
    _no_kernels(monkeypatch)
    assert project.build() == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith("stargate: cannot write to output folder")
    assert "a_file/reports" in err[0]


def test_second_build_is_refused_while_one_runs(tmp_path, capsys, monkeypatch):
    project = Project(tmp_path)
    project.out.mkdir()
    _no_kernels(monkeypatch)
    with build_lock(project.out):  # what a running build holds
        assert project.build() == 2
    err = capsys.readouterr().err.strip()
    assert err == f"stargate: another build is running (pid {os.getpid()}) on {project.out}; " + (
        "wait for it to finish"
    )
    assert not (project.out / "base").exists()


# --------------------------------------------------------------------------- building


def test_build_writes_reports_with_their_input_hash(built):
    files = built.snapshot()
    twins = ["ja/alt/ok.html", "ja/base/ok.html"] if HAS_REPORT else []  # from the same run
    assert sorted(files) == [
        "alt/ok.html", "alt/ok.ipynb", "base/ok.html", "base/ok.ipynb", *twins
    ]  # fmt: skip
    nb = json.loads(files["alt/ok.ipynb"])
    assert nb["metadata"]["stargate"]["scenario"] == "alt"
    assert nb["metadata"]["stargate"]["notebook"] == "ok"
    assert len(nb["metadata"]["stargate"]["input_hash"]) == 64
    # The injected parameters are the merged scenario, and the notebook saw them.
    injected = [c for c in nb["cells"] if "injected-parameters" in c["metadata"].get("tags", [])]
    assert 'name = "alt"' in "".join(injected[0]["source"])
    outputs = [o for c in nb["cells"] if c["cell_type"] == "code" for o in c["outputs"]]
    assert outputs[0]["text"] == ["alt: Fixture alternative\n"]
    assert "JPY" in "".join(outputs[1]["data"]["text/html"])
    # Volatile papermill metadata is gone; cell ids are numbered.
    assert "start_time" not in nb["metadata"]["papermill"]
    assert [c["id"] for c in nb["cells"]] == [f"cell-{i:04d}" for i in range(1, 7)]
    assert all("papermill" not in c["metadata"] for c in nb["cells"])
    assert files["alt/ok.ipynb"].endswith(b"}\n")


def test_force_rebuild_is_byte_identical(built, tmp_path, capsys):
    project = built.copy(tmp_path / "p")
    before = project.snapshot()
    capsys.readouterr()
    assert project.build("--force") == 0
    assert _outcomes(capsys) == {"base/ok": "built", "alt/ok": "built"}
    assert project.snapshot() == before


def test_incremental_rebuilds_only_what_changed(built, tmp_path, capsys):
    project = built.copy(tmp_path / "p")
    before = project.snapshot()
    capsys.readouterr()

    started = time.perf_counter()
    assert project.build() == 0
    assert time.perf_counter() - started < 1.0
    assert _outcomes(capsys) == {}
    assert project.snapshot() == before

    alt = project.params / "alt.yaml"
    alt.write_text(alt.read_text().replace("Fixture alternative", "Fixture alternative 2"))
    assert project.build() == 0
    assert _outcomes(capsys) == {"alt/ok": "built"}
    after = project.snapshot()
    assert after["base/ok.ipynb"] == before["base/ok.ipynb"]
    assert b"Fixture alternative 2" in after["alt/ok.ipynb"]

    nb_path = project.notebooks / "ok.ipynb"
    nb = json.loads(nb_path.read_text())
    nb["cells"].append({"cell_type": "markdown", "id": "new", "metadata": {}, "source": "End."})
    nb_path.write_text(json.dumps(nb))
    assert project.build() == 0
    assert _outcomes(capsys) == {"base/ok": "built", "alt/ok": "built"}

    # Stored outputs are not an input: clearing them rebuilds nothing.
    nb = json.loads(nb_path.read_text())
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "old run\n"}]
    nb_path.write_text(json.dumps(nb))
    assert project.build() == 0
    assert _outcomes(capsys) == {}


def test_failing_notebook_keeps_previous_report(built, tmp_path, capsys):
    project = built.copy(tmp_path / "p")
    before = project.snapshot()
    shutil.copy(FIXTURES / "notebooks" / "raises.ipynb", project.notebooks / "ok.ipynb")
    capsys.readouterr()

    assert project.build("--scenario", "alt") == 1
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(
        "FAILED scenario alt, notebook ok, cell index 4 (In [4]): ValueError: boom in alt"
    )
    assert "second line" not in lines[0]
    assert "_failed/alt/ok.ipynb" in lines[0]

    after = project.snapshot()
    assert after["alt/ok.ipynb"] == before["alt/ok.ipynb"]
    assert after["alt/ok.html"] == before["alt/ok.html"]
    partial = json.loads(after["_failed/alt/ok.ipynb"])
    assert partial["metadata"]["stargate"]["scenario"] == "alt"
    assert "papermill-error-cell-tag" in partial["cells"][0]["metadata"]["tags"]
    errors = [
        o for c in partial["cells"] for o in c.get("outputs", []) if o["output_type"] == "error"
    ]
    assert errors[0]["ename"] == "ValueError"

    assert project.list() == 0
    rows = _list_rows(capsys)
    assert rows == {"base": ["stale"], "alt": ["failed"]}


def _list_rows(capsys) -> dict[str, list[str]]:
    out = capsys.readouterr().out
    rows = {}
    for line in out.splitlines():
        parts = line.split()
        if parts and parts[0] in ("base", "alt", "extra") and len(parts) > 1:
            rows[parts[0]] = parts[1:]
    return rows


def test_list_shows_fresh_stale_missing(built, tmp_path, capsys):
    project = built.copy(tmp_path / "p")
    (project.params / "extra.yaml").write_text("title: Extra\ndescription: not built yet\n")
    alt = project.params / "alt.yaml"
    alt.write_text(alt.read_text() + "# a comment changes no parameter\n")
    capsys.readouterr()
    assert project.list() == 0
    out_rows = _list_rows(capsys)
    assert out_rows == {"base": ["fresh"], "alt": ["fresh"], "extra": ["missing"]}

    alt.write_text(alt.read_text().replace("currency: JPY", "currency: USD"))
    assert project.list() == 0
    assert _list_rows(capsys)["alt"] == ["stale"]


def test_site_pages_are_regenerated_after_a_build(built, tmp_path, capsys, monkeypatch):
    calls = []

    def write_site(out_dir, scenarios, **options):
        calls.append((Path(out_dir), scenarios))
        for page in ("index.html", "compare.html", "ja/index.html", "ja/compare.html"):
            (Path(out_dir) / page).parent.mkdir(exist_ok=True)
            (Path(out_dir) / page).write_text(f"<html><head></head><body>{page}</body></html>")

    fake_site = types.ModuleType("stargate.publish.site")
    fake_site.write_site = write_site
    monkeypatch.setitem(sys.modules, "stargate.publish.site", fake_site)
    project = built.copy(tmp_path / "p")
    args = ["build", *project.dirs(), "--jobs", "2"]
    assert cli.main(args) == 0  # index pages missing: written even with nothing to rebuild
    assert [(out, [s.name for s in scenarios]) for out, scenarios in calls] == [
        (project.out, ["base", "alt"])
    ]
    assert [s.title for s in calls[0][1]] == ["Fixture base", "Fixture alternative"]
    assert cli.main(args) == 0
    assert len(calls) == 1  # nothing changed: nothing regenerated
    # Pages that do not carry the digest of what they show (hand-edited, an older build's,
    # a write cut short) are written again.
    (project.out / "index.html").write_text("x")
    assert cli.main(args) == 0
    assert len(calls) == 2
    # The Japanese pages carry the digest too: one deleted is written again by a plain build.
    (project.out / "ja" / "index.html").unlink()
    assert cli.main(args) == 0
    assert len(calls) == 3
    assert cli.main(args) == 0
    assert len(calls) == 3


def test_dask_build_equals_local_build(built, tmp_path, capsys, monkeypatch):
    pytest.importorskip("distributed")
    # Dask workers are spawned: they check the real library digest, so both builds use it.
    real = library_digest()
    monkeypatch.setattr(build_plan, "library_digest", lambda *a: real)
    monkeypatch.setattr(execute, "cached_library_digest", lambda *a: real)
    project = built.copy(tmp_path / "p")
    assert project.build("--force") == 0
    local = project.snapshot()
    shutil.rmtree(project.out)
    capsys.readouterr()
    assert project.build("--executor", "dask") == 0
    assert _outcomes(capsys) == {"base/ok": "built", "alt/ok": "built"}
    assert project.snapshot() == local


# --------------------------------------------------------------------------- Ctrl-C


def _descendants(pid: int) -> dict[int, str]:
    """Child processes of ``pid``, recursively: ``{pid: command line}`` (Linux /proc)."""
    parents: dict[int, int] = {}
    commands: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            commands[int(entry.name)] = (
                (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            )
        except OSError:
            continue
        parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found: dict[int, str] = {}
    frontier = [pid]
    while frontier:
        current = frontier.pop()
        for child, parent in parents.items():
            if parent == current and child not in found:
                found[child] = commands.get(child, "")
                frontier.append(child)
    return found


def _kernels(pid: int) -> dict[int, str]:
    """Kernel processes (ipykernel_launcher) under ``pid``."""
    return {p: c for p, c in _descendants(pid).items() if "ipykernel" in c}


# Signals a test sends must not depend on how the test runner was started: a shell that runs
# a command in the background (`cmd &`, CI scripts) starts it with SIGINT ignored, and Python
# then installs no KeyboardInterrupt handler, so a SIGINT sent by the test would do nothing.
# Each child below is given the disposition the test is about, before exec.
SLOW_MACHINE_S = 120  # an upper bound, never a wait: generous for a loaded 2-core machine


def _sigint_default() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _sigint_ignored() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _start_sleeps_build(project: Project, preexec: Any) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "stargate.cli", "build", *project.dirs(), "--no-site", "-j", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # so a failing test can stop the whole group
        preexec_fn=preexec,
    )


def _wait_for_kernels(proc: subprocess.Popen[str], count: int = 2) -> None:
    deadline = time.monotonic() + SLOW_MACHINE_S
    kernels: dict[int, str] = {}
    while time.monotonic() < deadline and len(kernels) < count and proc.poll() is None:
        time.sleep(0.2)
        kernels = _kernels(proc.pid)
    assert len(kernels) == count, "the kernels never started"
    time.sleep(0.5)


def _assert_stopped_cleanly(
    proc: subprocess.Popen[str],
    err: str,
    project: Project,
    previous: Path,
    everything: dict,
    code: int = 130,
) -> None:
    assert proc.returncode == code, err
    assert "stargate: interrupted" in err
    assert "Traceback" not in err, err
    assert sorted(project.snapshot()) == ["base/sleeps.html"]
    assert previous.read_text() == "the previous report\n"
    assert not list(project.out.rglob(f"*{TMP_MARK}"))
    deadline = time.monotonic() + SLOW_MACHINE_S
    while time.monotonic() < deadline and not all(_gone(p) for p in everything):
        time.sleep(0.2)
    alive = {p: c for p, c in everything.items() if not _gone(p)}
    assert not alive, f"processes left running: {alive}"


def _sleeps_project(tmp_path: Path) -> tuple[Project, Path]:
    project = Project(tmp_path, notebooks=("sleeps",))
    previous = project.out / "base" / "sleeps.html"
    previous.parent.mkdir(parents=True)
    previous.write_text("the previous report\n")
    return project, previous


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc")
def test_ctrl_c_leaves_no_partial_files(tmp_path):
    project, previous = _sleeps_project(tmp_path)
    proc = _start_sleeps_build(project, _sigint_default)
    try:
        _wait_for_kernels(proc)
        everything = _descendants(proc.pid)  # workers, warm-kernel templates, kernels
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=SLOW_MACHINE_S)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    _assert_stopped_cleanly(proc, err, project, previous, everything)


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc")
def test_started_with_sigint_ignored_the_build_keeps_it_ignored_and_stops_on_sigterm(tmp_path):
    """`nohup stargate build &` asks for Ctrl-C to be ignored; the build respects that.

    SIGTERM (`kill PID`) still stops it with the same clean-up as Ctrl-C.
    """
    project, previous = _sleeps_project(tmp_path)
    proc = _start_sleeps_build(project, _sigint_ignored)
    try:
        _wait_for_kernels(proc)
        everything = _descendants(proc.pid)
        proc.send_signal(signal.SIGINT)
        time.sleep(1.5)
        assert proc.poll() is None, "a build started with SIGINT ignored stopped on SIGINT"
        assert all(not _gone(p) for p in everything), "SIGINT reached the kernels"
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=SLOW_MACHINE_S)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    # 143 (128 + SIGTERM), as a shell reports it and as `stargate build --help` says.
    _assert_stopped_cleanly(proc, err, project, previous, everything, code=143)


def test_build_help_gives_the_exit_codes_a_stop_returns(capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main(["build", "--help"])
    assert stop.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "exit code 130 after Ctrl-C, 143 after SIGTERM" in text


def _gone(pid: int) -> bool:
    return not Path(f"/proc/{pid}").exists() or _zombie(pid)


# --------------------------------------------------------------------------- pieces


def test_normalise_notebook_strips_volatile_metadata():
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["papermill"] = {
        "start_time": "2026-01-01T00:00:00",
        "end_time": "2026-01-01T00:00:01",
        "duration": 1.0,
        "input_path": "/a/in.ipynb",
        "output_path": "/b/out.ipynb",
        "parameters": {"name": "base"},
    }
    nb.metadata["kernelspec"] = {"display_name": "My Python", "language": "python", "name": "x"}
    cell = nbformat.v4.new_code_cell("1 + 1")
    cell.metadata["papermill"] = {"start_time": "t", "duration": 0.1}
    cell.metadata["execution"] = {"iopub.status.busy": "t"}
    cell.metadata["tags"] = []
    nb.cells = [nbformat.v4.new_markdown_cell("# x"), cell]
    out = execute.normalise_notebook(nb, {"input_hash": "h", "scenario": "s", "notebook": "n"})
    assert out.metadata["papermill"] == {"parameters": {"name": "base"}}
    assert out.metadata["kernelspec"]["name"] == "python3"
    assert [c["id"] for c in out.cells] == ["cell-0001", "cell-0002"]
    assert out.cells[1].metadata == {}
    assert out.metadata["stargate"] == {"input_hash": "h", "scenario": "s", "notebook": "n"}
    text = execute.notebook_to_text(out)
    assert text.endswith("}\n") and text == execute.notebook_to_text(out)


def test_report_record_is_read_back(built):
    record = read_record(built.out / "base" / "ok.ipynb")
    plan = build_plan.plan_build(built.notebooks, built.params, built.out)
    assert record["input_hash"] == plan.reports[0].input_hash
    assert [r.status.state for r in plan.reports] == ["fresh", "fresh"]


def test_notebooks_execute_in_place_reproducibly(tmp_path, capsys):
    from stargate.build import rerun_notebooks as notebooks

    folder = tmp_path / "notebooks"
    folder.mkdir()
    shutil.copy(FIXTURES / "notebooks" / "ok.ipynb", folder)
    shutil.copy(FIXTURES / "notebooks" / "raises.ipynb", folder)
    raises_before = (folder / "raises.ipynb").read_bytes()

    assert notebooks.main(["--notebooks-dir", str(folder), "-j", "2"]) == 1
    captured = capsys.readouterr()
    assert "updated" in captured.out and "ok.ipynb" in captured.out
    failed = captured.err.strip().splitlines()
    assert len(failed) == 1 and "raises.ipynb: cell index 3 (In [3]): ValueError" in failed[0]
    assert (folder / "raises.ipynb").read_bytes() == raises_before  # a failure changes nothing

    nb = json.loads((folder / "ok.ipynb").read_text())
    assert "papermill" not in nb["metadata"] and "stargate" not in nb["metadata"]
    assert nb["cells"][2]["outputs"][0]["text"] == ["base: Fixture base\n"]
    first = (folder / "ok.ipynb").read_bytes()
    assert notebooks.main(["--notebooks-dir", str(folder), "ok"]) == 0
    assert "unchanged" in capsys.readouterr().out
    assert (folder / "ok.ipynb").read_bytes() == first


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True


def test_a_cell_over_the_timeout_fails_its_report(tmp_path, capsys):
    project = Project(tmp_path, notebooks=("sleeps",))
    started = time.monotonic()
    assert project.build("--scenario", "base", "--cell-timeout", "2") == 1
    assert time.monotonic() - started < 40  # the notebook sleeps 60 s
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("FAILED scenario base, notebook sleeps"), lines
    assert "timed out" in lines[0].lower() or "timeout" in lines[0].lower(), lines[0]
    assert sorted(project.snapshot()) == ["_failed/base/sleeps.ipynb"]


@pytest.mark.parametrize("value", ["-1", "nan"])
def test_bad_cell_timeout_is_refused(tmp_path, capsys, value):
    project = Project(tmp_path)
    assert project.build("--cell-timeout", value) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("stargate: --cell-timeout must be 0 (no limit) or more seconds"), err
    assert not project.out.exists() or not any(project.out.rglob("*.ipynb"))


def test_reports_of_a_removed_scenario_are_named_not_deleted(built, tmp_path, capsys):
    project = built.copy(tmp_path / "p")
    (project.params / "alt.yaml").unlink()
    capsys.readouterr()
    assert project.build() == 0
    err = capsys.readouterr().err
    assert "note: " in err and "/alt/ has no alt.yaml in " in err, err
    assert (project.out / "alt" / "ok.ipynb").exists()


# --------------------------------------------------------------------------- languages


def _assert_site_links_are_current(out: Path, page: str) -> list[str]:
    """Every report a site page links to carries its notebook's current input hash.

    Returns the report pages linked (relative to the reports folder).
    """
    path = out / page
    linked = []
    for href in re.findall(r'href="([^"#?]+\.html)"', path.read_text(encoding="utf-8")):
        target = (path.parent / html.unescape(href)).resolve()
        rel = target.relative_to(out.resolve())
        if rel.name in ("index.html", "compare.html") or rel.parts[0] == "..":
            continue
        scenario, name = rel.parts[-2], rel.stem
        assert target.exists(), f"{page} links to a missing {rel}"
        record = read_record(out / scenario / f"{name}.ipynb")
        assert read_html_stamp(target) == record["input_hash"], f"{page}: {rel} is out of date"
        linked.append(rel.as_posix())
    return linked


@pytest.mark.skipif(not HAS_REPORT, reason="the stand-in renderer writes no Japanese pages")
def test_freshness_is_per_language(built, tmp_path, capsys, monkeypatch):
    """An English-only build leaves no Japanese page of other inputs, and a build in both
    languages then writes the Japanese pages (it used to find every report fresh)."""
    project = built.copy(tmp_path / "p")
    ja_alt = project.out / "ja" / "alt" / "ok.html"
    assert ja_alt.exists()
    alt = project.params / "alt.yaml"
    alt.write_text(alt.read_text().replace("Fixture alternative", "Fixture alternative 2"))
    capsys.readouterr()

    monkeypatch.setenv("STARGATE_LANGUAGES", "en")
    with_site = ["build", *project.dirs(), "--jobs", "2", "--scenario", "alt"]
    assert cli.main(with_site) == 0
    assert _outcomes(capsys) == {"alt/ok": "built"}
    assert not ja_alt.exists()  # it showed the old figures; the new ones are in English only
    # The Japanese index shows the new figures: it links to no report page of other inputs.
    linked = _assert_site_links_are_current(project.out, "ja/index.html")
    assert "alt/ok.html" in linked and "ja/base/ok.html" in linked
    _assert_site_links_are_current(project.out, "ja/compare.html")
    assert project.list() == 0
    assert _list_rows(capsys) == {"base": ["fresh"], "alt": ["fresh"]}  # fresh in English

    monkeypatch.delenv("STARGATE_LANGUAGES")
    assert project.list() == 0
    assert _list_rows(capsys) == {"base": ["fresh"], "alt": ["stale"]}  # not in Japanese
    monkeypatch.setenv("STARGATE_LANGUAGES", "en,ja")
    assert project.list() == 0
    assert _list_rows(capsys) == {"base": ["fresh"], "alt": ["stale"]}

    assert cli.main(with_site) == 0
    assert _outcomes(capsys) == {"alt/ok": "built"}
    record = read_record(project.out / "alt" / "ok.ipynb")
    assert read_html_stamp(ja_alt) == record["input_hash"]
    assert "ja/alt/ok.html" in _assert_site_links_are_current(project.out, "ja/index.html")
    monkeypatch.delenv("STARGATE_LANGUAGES")
    assert project.list() == 0
    assert _list_rows(capsys) == {"base": ["fresh"], "alt": ["fresh"]}
    # Built in both languages, a report is fresh for an English-only build too.
    monkeypatch.setenv("STARGATE_LANGUAGES", "en")
    assert project.build() == 0
    assert _outcomes(capsys) == {}
    assert ja_alt.exists()


def test_a_stale_reference_is_rebuilt_with_the_scenario_built(built, tmp_path, capsys):
    """The index compares a scenario with base's reports: a stale base is rebuilt first.

    (A fresh clone whose committed reports predate the code: the comparison was wrong, and no
    page said so.)
    """
    project = built.copy(tmp_path / "p")
    base_nb = project.out / "base" / "ok.ipynb"
    nb = json.loads(base_nb.read_text(encoding="utf-8"))
    nb["metadata"]["stargate"]["input_hash"] = "0" * 64  # built by an older model
    nb["metadata"]["stargate"]["inputs"]["library"] = "an older library"
    base_nb.write_text(json.dumps(nb, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    capsys.readouterr()

    assert project.build("--scenario", "alt") == 0  # --no-site: no index, no reference needed
    out, err = capsys.readouterr()
    assert "reference" not in err
    assert project.list() == 0
    assert _list_rows(capsys) == {"base": ["stale"], "alt": ["fresh"]}

    with_site = ["build", *project.dirs(), "--jobs", "2", "--scenario", "alt"]
    assert cli.main(with_site) == 0
    out, err = capsys.readouterr()
    notes = [line for line in err.splitlines() if "reference" in line]
    assert notes == [
        "note: the reference scenario base was built from other inputs (an older version of "
        "the model, other packages or fewer languages); rebuilding it too, so the index "
        "compares against current figures (--no-site skips the index and this)"
    ], err
    assert "base/ok" in out and "built" in out
    assert project.list() == 0
    assert _list_rows(capsys) == {"base": ["fresh"], "alt": ["fresh"]}
    assert cli.main(with_site) == 0
    assert "reference" not in capsys.readouterr().err


# --------------------------------------------------------------------------- static SVG


def test_build_draws_no_static_svg_unless_asked_and_the_setting_is_an_input(
    tmp_path, capsys, monkeypatch
):
    """Charts carry their Vega spec only; STARGATE_STATIC_SVG=1 adds the SVG and rebuilds."""
    monkeypatch.delenv("STARGATE_STATIC_SVG", raising=False)
    project = Project(tmp_path / "p", notebooks=("chart",))
    args = ["--scenario", "alt", "--jobs", "1"]
    assert project.build(*args) == 0
    ipynb = project.out / "alt" / "chart.ipynb"
    page = project.out / "alt" / "chart.html"
    assert b"application/vnd.vega.v5+json" in ipynb.read_bytes()
    assert b"image/svg+xml" not in ipynb.read_bytes()
    if HAS_REPORT:
        assert 'class="sg-chart-static"' not in page.read_text(encoding="utf-8")
    assert "STARGATE_STATIC_SVG" not in os.environ  # the build restored its environment
    capsys.readouterr()
    monkeypatch.setenv("STARGATE_STATIC_SVG", "1")
    assert project.build(*args) == 0
    assert _outcomes(capsys) == {"alt/chart": "built"}  # the setting is an input
    assert b"image/svg+xml" in ipynb.read_bytes()
    if HAS_REPORT:
        assert 'class="sg-chart-static"' in page.read_text(encoding="utf-8")
    assert project.build(*args) == 0
    assert _outcomes(capsys) == {}  # and then fresh


# --------------------------------------------------------------------------- start order


def test_reports_start_longest_first_as_timed_by_the_last_build(built):
    """Three reports on two workers end soonest when the longest starts first."""
    from stargate.build import run

    durations = run.read_durations(built.out)
    assert set(durations) == {"alt/ok", "base/ok"}  # each built report timed
    assert all(seconds > 0 for seconds in durations.values())
    plan = build_plan.plan_build(built.notebooks, built.params, built.out)
    slow_first = {"alt/ok": 9.0, "base/ok": 1.0}
    assert [r.label for r in run.longest_first(plan.reports, slow_first)] == ["alt/ok", "base/ok"]
    fast_first = {"alt/ok": 1.0, "base/ok": 9.0}
    assert [r.label for r in run.longest_first(plan.reports, fast_first)] == ["base/ok", "alt/ok"]
    # Never built: first, in plan order.
    assert [r.label for r in run.longest_first(plan.reports, {"base/ok": 9.0})] == [
        "alt/ok",
        "base/ok",
    ]


def test_files_a_fresh_clone_lacks_are_no_library_input(tmp_path) -> None:
    """The .mo and the .pot are built, never committed: a clone without them hashes the same.

    (The committed reports were found stale on a fresh clone because the .pot that
    `make translations` leaves in the working tree was hashed.)
    """
    from stargate.build.freshness import library_digest

    package = tmp_path / "stargate"
    (package / "locale" / "ja" / "LC_MESSAGES").mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "locale" / "ja" / "LC_MESSAGES" / "stargate.po").write_text("po", encoding="utf-8")
    clean = library_digest(package)
    (package / "locale" / "stargate.pot").write_text("pot", encoding="utf-8")
    (package / "locale" / "ja" / "LC_MESSAGES" / "stargate.mo").write_bytes(b"mo")
    assert library_digest(package) == clean
    (package / "locale" / "ja" / "LC_MESSAGES" / "stargate.po").write_text("po2", encoding="utf-8")
    assert library_digest(package) != clean  # the catalog a translator edits is an input
