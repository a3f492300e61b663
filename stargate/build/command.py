"""``stargate build`` and ``stargate list``: every notebook × every scenario, only what changed.

A *report* is one notebook (``notebooks/<notebook>.ipynb``) run by papermill with one scenario's
merged parameters (``params/<scenario>.yaml``), kept as ``reports/<scenario>/<notebook>.ipynb``
(the executed notebook) and ``reports/<scenario>/<notebook>.html``. After the reports,
``reports/index.html`` and ``reports/compare.html`` are regenerated.

The build, in order:

1. **Validate** every selected scenario and notebook. Bad input stops here: one line per problem
   naming file and key, exit 2, no kernel started, nothing written.
2. **Plan**: a report whose input hash (:mod:`stargate.build.freshness`) equals the one stored in
its
   executed notebook is fresh and skipped (``--force`` rebuilds it anyway). A no-change build
   imports neither papermill nor pandas and takes well under a second.
3. **Run** the rest side by side (``--jobs``, default the number of cores) in worker processes
   (``--executor local``) or on Dask (``--executor dask``). Each worker forks its kernels from a
   template process that imported the notebooks' modules once (``--cold-kernels`` turns this
   off; the output is byte-identical either way, see :class:`stargate.build.kernels.WarmKernels`).
   Workers return the executed notebook and HTML as text; only this process writes, each file
   through a temporary file and ``os.replace``. A failing notebook leaves the previous report
   untouched; its partial run goes to ``reports/_failed/<scenario>/<notebook>.ipynb`` and one
   line names the scenario, notebook, cell and error. A cell that runs longer than
   ``--cell-timeout`` (default 600 s) fails its report, so a hung notebook cannot hold the build.
4. **Index**: ``stargate.publish.site.write_site`` rewrites the index and comparison pages.

Exit codes: 0 every selected report is built and fresh, 1 some report failed, 2 bad input
(unknown scenario or notebook, invalid scenario file, bad ``--jobs``, unwritable output folder,
another build running on the same output folder, unreachable Dask scheduler).

Stopping a build: Ctrl-C (SIGINT) or ``kill PID`` (SIGTERM) stops it cleanly — kernels and
workers end, no partial file is left, every previous report stays as it was, exit code 130.
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

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import signal
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stargate.build.freshness import (
    PACKAGE_DIR,
    Status,
    environment_fingerprint,
    failed_path,
    input_hash,
    library_digest,
    notebook_digest,
    report_inputs,
    report_paths,
    report_status,
)
from stargate.files import remove_leftovers, write_text_atomic
from stargate.scenario import (
    BASE_NAME,
    PARAMS_DIR,
    ScenarioError,
    display_path,
    list_scenarios,
    load_scenario,
)

#: Repository folders the command uses by default (the package is installed in editable mode).
REPO_DIR = PACKAGE_DIR.parent
NOTEBOOKS_DIR = REPO_DIR / "notebooks"
OUT_DIR = REPO_DIR / "reports"
LOCK_NAME = ".lock"
#: Merged parameters of scenarios validated by earlier builds, by name (see plan_build).
VALIDATED_CACHE = ".build/validated.json"
SITE_PAGES = ("index.html", "compare.html")
EXECUTORS = ("local", "dask")
#: Longest a single cell may run before its report fails (the longest runs ~1 s here).
DEFAULT_CELL_TIMEOUT_S = 600.0

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_BAD_INPUT = 2


class BuildInputError(Exception):
    """Bad input for a build; ``problems`` holds one line per problem (file and key named)."""

    def __init__(self, problems: Sequence[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


# --------------------------------------------------------------------------- planning


@dataclass(frozen=True)
class PlannedReport:
    """One report of a plan: its current inputs and hash, and how it stands on disk."""

    scenario: str
    notebook: str
    input_hash: str
    status: Status
    inputs: dict[str, Any] = field(repr=False, default_factory=dict)

    @property
    def record(self) -> dict[str, Any]:
        """The build record stored as ``metadata.stargate`` of the executed notebook."""
        return {
            "input_hash": self.input_hash,
            "inputs": self.inputs,
            "notebook": self.notebook,
            "scenario": self.scenario,
        }

    @property
    def label(self) -> str:
        """``scenario/notebook``."""
        return f"{self.scenario}/{self.notebook}"


@dataclass
class BuildPlan:
    """Every selected report with its inputs; what :func:`build` runs from."""

    notebooks_dir: Path
    params_dir: Path
    out_dir: Path
    notebooks: dict[str, Path]
    parameters: dict[str, dict[str, Any]]
    reports: list[PlannedReport]
    library: str
    environment: dict[str, str]
    notebook_texts: dict[str, str] = field(repr=False, default_factory=dict)
    #: The validation cache to write back (empty: unchanged); see :func:`plan_build`.
    validated: dict[str, dict[str, Any]] = field(repr=False, default_factory=dict)

    @property
    def scenarios(self) -> list[str]:
        """The selected scenario names (each validated)."""
        return list(self.parameters)

    def todo(self, force: bool = False) -> list[PlannedReport]:
        """The reports to (re)build: all with ``force``, else those not fresh."""
        return [r for r in self.reports if force or r.status.state != "fresh"]


def find_notebooks(notebooks_dir: Path) -> dict[str, Path]:
    """Report notebooks in ``notebooks_dir`` by name (file stem), sorted."""
    return {p.stem: p for p in sorted(notebooks_dir.glob("*.ipynb")) if not p.name.startswith(".")}


def _select(
    kind: str, wanted: Sequence[str] | None, known: Sequence[str], where: Path
) -> list[str]:
    if not wanted:
        return list(known)
    problems = []
    chosen: list[str] = []
    for item in wanted:
        name = Path(item).stem if item.endswith((".yaml", ".yml", ".ipynb")) else item
        if name not in known:
            hint = ", ".join(known) or "none"
            problems.append(f"{display_path(where)}: unknown {kind} {item!r} (known: {hint})")
        elif name not in chosen:
            chosen.append(name)
    if problems:
        raise BuildInputError(problems)
    return chosen


def _read_notebook(path: Path) -> tuple[str, str]:
    """``(notebook digest, notebook text without stored outputs)``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
            raise ValueError("no 'cells' list")
    except (OSError, ValueError) as exc:
        raise BuildInputError([f"{display_path(path)}: not a readable notebook ({exc})"]) from None
    for cell in data["cells"]:
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
    return notebook_digest(data), json.dumps(data, ensure_ascii=False)


def plan_build(
    notebooks_dir: Path = NOTEBOOKS_DIR,
    params_dir: Path = PARAMS_DIR,
    out_dir: Path = OUT_DIR,
    scenarios: Sequence[str] | None = None,
    notebooks: Sequence[str] | None = None,
    *,
    use_cache: bool = False,
) -> BuildPlan:
    """Validate the selection and compute every report's input hash and status.

    Args:
        notebooks_dir: folder of report notebooks.
        params_dir: folder of scenario files (with ``base.yaml``).
        out_dir: the reports folder (read only here).
        scenarios: scenario names to build (default all in ``params_dir``).
        notebooks: notebook names to build (default all in ``notebooks_dir``).
        use_cache: reuse validations recorded by earlier builds in
            ``<out_dir>/.build/validated.json`` when the scenario file, ``base.yaml``, the
            library and the package versions are all unchanged.

    Raises:
        BuildInputError: unknown names, invalid scenario files, unreadable notebooks.
    """
    notebooks_dir, params_dir, out_dir = Path(notebooks_dir), Path(params_dir), Path(out_dir)
    all_notebooks = find_notebooks(notebooks_dir)
    if not all_notebooks:
        raise BuildInputError([f"{display_path(notebooks_dir)}: no notebooks (*.ipynb) found"])
    all_scenarios = list_scenarios(params_dir)
    if not all_scenarios:
        raise BuildInputError([f"{display_path(params_dir)}: no scenario files (*.yaml) found"])
    problems: list[str] = []
    try:
        chosen_scenarios = _select("scenario", scenarios, all_scenarios, params_dir)
    except BuildInputError as exc:
        problems += exc.problems
        chosen_scenarios = []
    try:
        chosen_notebooks = _select("notebook", notebooks, list(all_notebooks), notebooks_dir)
    except BuildInputError as exc:
        problems += exc.problems
        chosen_notebooks = []
    library = library_digest()
    environment = environment_fingerprint()
    cache_path = out_dir / VALIDATED_CACHE
    cached = _read_validated(cache_path) if use_cache else {}
    # The cache after this plan: entries of scenarios that still exist, refreshed.
    validated = {name: entry for name, entry in cached.items() if name in all_scenarios}
    parameters: dict[str, dict[str, Any]] = {}
    for name in chosen_scenarios:
        path = params_dir / f"{name}.yaml"
        key = _validation_key(path, params_dir, library, environment)
        entry = cached.get(name)
        if key is not None and isinstance(entry, dict) and entry.get("key") == key:
            parameters[name] = entry["parameters"]
            continue
        validated.pop(name, None)
        try:
            parameters[name] = load_scenario(path, params_dir=params_dir).to_parameters()
        except ScenarioError as exc:
            problems += exc.problems
        except Exception as exc:  # a library fault (e.g. a missing fact): still one line
            problems.append(f"{display_path(path)}: cannot load: {type(exc).__name__}: {exc}")
        else:
            if key is not None:
                validated[name] = {"key": key, "parameters": parameters[name]}
    texts: dict[str, str] = {}
    digests: dict[str, str] = {}
    for name in chosen_notebooks:
        try:
            digests[name], texts[name] = _read_notebook(all_notebooks[name])
        except BuildInputError as exc:
            problems += exc.problems
    if problems:
        raise BuildInputError(problems)
    reports = []
    for scenario_name, merged in parameters.items():
        for notebook_name in chosen_notebooks:
            inputs = report_inputs(digests[notebook_name], merged, library, environment)
            status = report_status(out_dir, scenario_name, notebook_name, inputs)
            reports.append(
                PlannedReport(scenario_name, notebook_name, input_hash(inputs), status, inputs)
            )
    return BuildPlan(
        notebooks_dir=notebooks_dir,
        params_dir=params_dir,
        out_dir=out_dir,
        notebooks={n: all_notebooks[n] for n in chosen_notebooks},
        parameters=parameters,
        reports=reports,
        library=library,
        environment=environment,
        notebook_texts=texts,
        validated=validated if use_cache and validated != cached else {},
    )


def _validation_key(
    path: Path, params_dir: Path, library: str, environment: dict[str, str]
) -> str | None:
    """What a scenario's validation depends on: its file, base.yaml, the schema and facts.

    Validating loads the facts register (≈0.6 s); a no-change build reuses the result of the
    last successful validation with the very same inputs instead. None: a file is unreadable
    (validation will say so).
    """
    try:
        scenario_bytes = path.read_bytes()
        base = params_dir / f"{BASE_NAME}.yaml"
        base_bytes = base.read_bytes() if base.exists() else b""
    except OSError:
        return None
    digest = hashlib.sha256()
    for part in (path.stem.encode(), scenario_bytes, base_bytes, library.encode()):
        digest.update(hashlib.sha256(part).digest())
    digest.update(json.dumps(environment, sort_keys=True).encode())
    return digest.hexdigest()


def _read_validated(path: Path) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


# --------------------------------------------------------------------------- output folder


class BuildBusy(Exception):
    """Another build holds the output folder's lock."""


@contextlib.contextmanager
def build_lock(out_dir: Path) -> Iterator[None]:
    """Hold ``<out_dir>/.lock`` (``flock``, non-blocking) for the duration of a build.

    Raises:
        BuildBusy: another build holds it; the message names its pid.
    """
    import fcntl

    path = out_dir / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.read(fd, 64).decode(errors="replace").strip() or "unknown"
        os.close(fd)
        raise BuildBusy(
            f"stargate: another build is running (pid {holder}) on {display_path(out_dir)}; "
            "wait for it to finish"
        ) from None
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _check_writable(folder: Path) -> None:
    """Create ``folder`` and prove a file can be written there, or raise BuildInputError."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".write-test-{os.getpid()}.stargate-tmp"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise BuildInputError(
            [f"stargate: cannot write to output folder {display_path(folder)}: {reason}"]
        ) from None


# --------------------------------------------------------------------------- runners


def _job(
    plan: BuildPlan,
    report: PlannedReport,
    html_renderer: str,
    build_id: str,
    preload: tuple[str, ...] = (),
    cell_timeout_s: float | None = None,
) -> Any:
    from stargate.build.execute import ReportJob

    return ReportJob(
        scenario=report.scenario,
        notebook=report.notebook,
        notebook_text=plan.notebook_texts[report.notebook],
        parameters=plan.parameters[report.scenario],
        record=report.record,
        library_digest=plan.library,
        environment=plan.environment,
        cwd=str(plan.notebooks_dir.resolve()),
        html_renderer=html_renderer,
        build_id=build_id,
        preload=preload,
        timeout_s=cell_timeout_s,
    )


def _preload(plan: BuildPlan) -> tuple[str, ...]:
    """Every module the selected notebooks import, for warm kernels (sorted, stable)."""
    from stargate.build.kernels import notebook_imports

    found: set[str] = set()
    for text in plan.notebook_texts.values():
        found.update(notebook_imports(text))
    return tuple(sorted(found))


def _crashed(job: Any, exc: BaseException) -> Any:
    from stargate.build.execute import ReportResult, one_line_error

    error = one_line_error(type(exc).__name__, str(exc))
    return ReportResult(job.scenario, job.notebook, False, 0.0, error=f"worker crashed: {error}")


class _LocalRunner:
    """Worker processes (``concurrent.futures``) running ``fn``; Ctrl-C terminates them.

    Args:
        n_workers: worker processes.
        fn: a picklable function of one job (default :func:`stargate.build.execute.run_report`).
    """

    name = "local"

    def __init__(
        self,
        n_workers: int,
        fn: Callable[[Any], Any] | None = None,
        preload: tuple[str, ...] = (),
    ):
        self.n_workers = n_workers
        self.fn = fn
        self.preload = preload
        self.futures: dict[Any, Any] = {}

    def __enter__(self) -> _LocalRunner:
        import concurrent.futures as cf
        import multiprocessing

        from stargate.build.execute import init_worker

        # fork: workers start in milliseconds. All of them are forked at the first submit,
        # before the progress bar starts its thread.
        context = multiprocessing.get_context("fork") if sys.platform == "linux" else None
        self.executor = cf.ProcessPoolExecutor(
            max_workers=self.n_workers,
            mp_context=context,
            initializer=init_worker,
            initargs=(self.preload,),
        )
        return self

    def submit_all(self, jobs: Sequence[Any]) -> None:
        """Queue every job (forks the workers: call before starting any thread)."""
        from stargate.build.execute import run_report

        for job in jobs:
            self.futures[self.executor.submit(self.fn or run_report, job)] = job

    def outcomes(self) -> Iterator[tuple[Any, Any, BaseException | None]]:
        """``(job, result, None)`` or ``(job, None, exception)`` as jobs finish."""
        import concurrent.futures as cf

        for future in cf.as_completed(self.futures):
            try:
                yield self.futures[future], future.result(), None
            except Exception as exc:  # a worker died (killed, out of memory...)
                yield self.futures[future], None, exc

    def results(self) -> Iterator[Any]:
        """Report results as they finish; a crashed worker becomes a failed result."""
        for job, result, exc in self.outcomes():
            yield result if exc is None else _crashed(job, exc)

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        if exc_type is None:
            self.executor.shutdown(wait=True)
            return
        self.terminate()

    def terminate(self) -> None:
        """Cancel queued reports and stop the workers (each shuts its kernel down)."""
        # No public API before Python 3.14 (terminate_workers); the pool's own table of
        # processes is the only handle on them.
        processes = list(getattr(self.executor, "_processes", {}).values())
        self.executor.shutdown(wait=False, cancel_futures=True)
        for proc in processes:
            with contextlib.suppress(Exception):
                proc.terminate()
        deadline = time.monotonic() + 15
        for proc in processes:
            proc.join(max(0.1, deadline - time.monotonic()))
        for proc in processes:
            if proc.is_alive():
                proc.kill()
                proc.join(2)


class _DaskRunner:
    """The same jobs on Dask: a LocalCluster, or an existing cluster at ``scheduler``."""

    name = "dask"

    def __init__(self, n_workers: int, scheduler: str | None):
        self.n_workers = n_workers
        self.scheduler = scheduler
        self.cluster: Any = None
        self.client: Any = None
        self.futures: dict[Any, Any] = {}

    def __enter__(self) -> _DaskRunner:
        import logging

        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise BuildInputError(
                ["stargate: --executor dask needs dask.distributed: pip install -e '.[dask]'"]
            ) from None
        try:
            if self.scheduler:
                self.client = Client(self.scheduler, timeout="15s")
            else:
                self.cluster = LocalCluster(
                    n_workers=self.n_workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
                self.client = Client(self.cluster)
        except (OSError, TimeoutError, ValueError) as exc:
            self._close()
            where = self.scheduler or "a local cluster"
            raise BuildInputError(
                [f"stargate: cannot reach the Dask scheduler at {where}: {exc}"]
            ) from None
        return self

    def submit_all(self, jobs: Sequence[Any]) -> None:
        import uuid

        from stargate.build.execute import run_report

        for job in jobs:
            key = f"stargate-{job.scenario}-{job.notebook}-{uuid.uuid4().hex[:8]}"
            self.futures[self.client.submit(run_report, job, key=key, pure=False)] = job

    def results(self) -> Iterator[Any]:
        from dask.distributed import as_completed

        for future in as_completed(list(self.futures)):
            try:
                yield future.result()
            except Exception as exc:  # KilledWorker, lost connection...
                yield _crashed(self.futures[future], exc)

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        if exc_type is not None and self.client is not None and self.futures:
            from stargate.build.kernels import kill_kernels

            build_ids = {job.build_id for job in self.futures.values()}
            with contextlib.suppress(Exception):
                self.client.cancel(list(self.futures), force=True)
                # Dask cannot stop a running task; killing its kernel ends it now.
                for build_id in build_ids:
                    self.client.run(kill_kernels, build_id)
        self._close()

    def _close(self) -> None:
        for thing in (self.client, self.cluster):
            if thing is not None:
                with contextlib.suppress(Exception):
                    thing.close()


# --------------------------------------------------------------------------- the build


@dataclass(frozen=True)
class Outcome:
    """How one report of a build ended: ``built``, ``failed`` or ``fresh`` (skipped)."""

    scenario: str
    notebook: str
    state: str
    seconds: float = 0.0
    message: str = ""

    @property
    def label(self) -> str:
        """``scenario/notebook``."""
        return f"{self.scenario}/{self.notebook}"


@dataclass
class BuildSummary:
    """The result of :func:`build`."""

    outcomes: list[Outcome]
    seconds: float
    executor: str
    jobs: int
    site_error: str = ""
    #: Time spent writing index.html and compare.html (None: not written).
    site_seconds: float | None = None

    @property
    def built(self) -> list[Outcome]:
        """Reports rebuilt by this build."""
        return [o for o in self.outcomes if o.state == "built"]

    @property
    def failed(self) -> list[Outcome]:
        """Reports whose notebook failed (their previous version is untouched)."""
        return [o for o in self.outcomes if o.state == "failed"]

    @property
    def exit_code(self) -> int:
        """0 when every report is fresh or built, 1 when a report or the index failed."""
        return EXIT_FAILED if self.failed or self.site_error else EXIT_OK


def failure_line(out_dir: Path, result: Any) -> str:
    """The one line printed for a failed report: scenario, notebook, cell, error."""
    where = f"scenario {result.scenario}, notebook {result.notebook}"
    if result.cell_index is not None:
        count = result.execution_count if result.execution_count is not None else " "
        where += f", cell index {result.cell_index} (In [{count}])"
    saved = failed_path(out_dir, result.scenario, result.notebook)
    tail = f" [partial run: {display_path(saved)}]" if result.partial_text else ""
    return f"FAILED {where}: {result.error}{tail}"


def _store(out_dir: Path, result: Any) -> None:
    """Write one result: the report (HTML first, the notebook carrying the hash last)."""
    ipynb, html = report_paths(out_dir, result.scenario, result.notebook)
    failed = failed_path(out_dir, result.scenario, result.notebook)
    if result.ok:
        write_text_atomic(html, result.html_text)
        write_text_atomic(ipynb, result.ipynb_text)
        if failed.exists():
            failed.unlink()
            with contextlib.suppress(OSError):  # drop the _failed folders once empty
                failed.parent.rmdir()
                failed.parent.parent.rmdir()
    elif result.partial_text:
        write_text_atomic(failed, result.partial_text)


def build(
    notebooks_dir: Path = NOTEBOOKS_DIR,
    params_dir: Path = PARAMS_DIR,
    out_dir: Path = OUT_DIR,
    *,
    scenarios: Sequence[str] | None = None,
    notebooks: Sequence[str] | None = None,
    jobs: int | None = None,
    force: bool = False,
    executor: str = "local",
    scheduler: str | None = None,
    site: bool = True,
    html_renderer: str | None = None,
    warm_kernels: bool = True,
    cell_timeout_s: float | None = DEFAULT_CELL_TIMEOUT_S,
    console: Any = None,
    on_line: Callable[[str], None] | None = None,
) -> BuildSummary:
    """Build every selected report that is not fresh, then the index pages.

    Args:
        notebooks_dir: folder of report notebooks.
        params_dir: folder of scenario files.
        out_dir: reports folder (created if missing).
        scenarios: scenario names (default all).
        notebooks: notebook names (default all).
        jobs: reports run side by side (default: the machine's cores).
        force: rebuild fresh reports too.
        executor: ``"local"`` (worker processes) or ``"dask"``.
        scheduler: address of an existing Dask scheduler (``executor="dask"`` only).
        site: regenerate ``index.html`` and ``compare.html`` afterwards.
        html_renderer: ``module:function`` for the HTML page (default
            ``stargate.publish.page:render_report_html``).
        warm_kernels: fork kernels from a template process that imported the notebooks'
            modules once per worker (:class:`stargate.build.kernels.WarmKernels`); False starts
            every
            kernel as a new process. The outputs are the same.
        cell_timeout_s: a cell running longer fails its report (None or 0: no limit), so a
            notebook that hangs cannot hold the build forever.
        console: a ``rich.console.Console`` for the progress bar (default stderr; None and
            not a terminal: no bar).
        on_line: called with each failure line (default: printed to stderr).

    Returns:
        What was built, failed or skipped.

    Raises:
        BuildInputError: bad input, before any kernel starts and before anything is written.
        BuildBusy: another build holds the output folder.
    """
    from stargate.build.execute import HTML_RENDERER

    started = time.perf_counter()
    jobs = default_jobs() if jobs is None else jobs
    if jobs < 1:
        raise BuildInputError([f"stargate: --jobs must be at least 1 (got {jobs})"])
    if cell_timeout_s is not None and not cell_timeout_s >= 0:
        raise BuildInputError(
            [
                "stargate: --cell-timeout must be 0 (no limit) or more seconds "
                f"(got {cell_timeout_s})"
            ]
        )
    if executor not in EXECUTORS:
        raise BuildInputError([f"stargate: --executor must be one of {', '.join(EXECUTORS)}"])
    if scheduler and executor != "dask":
        raise BuildInputError(["stargate: --scheduler needs --executor dask"])
    out_dir = Path(out_dir)
    plan = plan_build(notebooks_dir, params_dir, out_dir, scenarios, notebooks, use_cache=True)
    _check_writable(out_dir)
    with build_lock(out_dir):
        remove_leftovers(out_dir)
        if plan.validated:
            with contextlib.suppress(OSError):  # a cache only saves time
                # Key order kept: papermill injects parameters in this order.
                text = json.dumps(plan.validated, ensure_ascii=False) + "\n"
                write_text_atomic(out_dir / VALIDATED_CACHE, text)
        todo = plan.todo(force)
        for name in dict.fromkeys(r.scenario for r in todo):
            if (out_dir / name).exists():  # new folders are made when their report is written
                _check_writable(out_dir / name)
        outcomes = {r.label: Outcome(r.scenario, r.notebook, "fresh") for r in plan.reports}
        try:
            if todo:
                _run(
                    plan,
                    todo,
                    jobs,
                    executor,
                    scheduler,
                    html_renderer or HTML_RENDERER,
                    outcomes,
                    console,
                    on_line,
                    warm_kernels,
                    site,
                    cell_timeout_s or None,
                )
            site_error = ""
            site_seconds = None
            site_missing = any(not (out_dir / page).exists() for page in SITE_PAGES)
            if site and (todo or force or site_missing):
                site_started = time.perf_counter()
                site_error = _write_site(plan)
                site_seconds = time.perf_counter() - site_started
        finally:
            remove_leftovers(out_dir)
    return BuildSummary(
        outcomes=[outcomes[r.label] for r in plan.reports],
        seconds=time.perf_counter() - started,
        executor=executor,
        jobs=jobs,
        site_error=site_error,
        site_seconds=site_seconds,
    )


def default_jobs() -> int:
    """The machine's cores available to this process."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def _run(
    plan: BuildPlan,
    todo: list[PlannedReport],
    jobs: int,
    executor: str,
    scheduler: str | None,
    html_renderer: str,
    outcomes: dict[str, Outcome],
    console: Any,
    on_line: Callable[[str], None] | None,
    warm: bool,
    site: bool,
    cell_timeout_s: float | None = None,
) -> None:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    console = console or Console(stderr=True)
    n_workers = min(jobs, len(todo))
    preload = _preload(plan) if warm else ()
    runner: _LocalRunner | _DaskRunner = (
        _DaskRunner(n_workers, scheduler)
        if executor == "dask"
        else _LocalRunner(n_workers, preload=preload)
    )
    build_id = f"{os.getpid()}-{time.time_ns()}"
    job_list = [
        _job(plan, report, html_renderer, build_id, preload, cell_timeout_s) for report in todo
    ]
    with _sigterm_as_interrupt(), runner:
        runner.submit_all(job_list)  # before the progress bar's thread: see _LocalRunner
        progress = Progress(
            SpinnerColumn(),
            TextColumn("building reports"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.description}"),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        )
        with progress:
            task = progress.add_task("", total=len(job_list))
            remaining = len(job_list)
            for result in runner.results():
                remaining -= 1
                if remaining == n_workers - 1 and site:
                    _prefetch_site_imports()  # a core is idle from now on
                label = f"{result.scenario}/{result.notebook}"
                try:
                    _store(plan.out_dir, result)
                except OSError as exc:
                    result = _write_failed(result, exc)
                if result.ok:
                    outcomes[label] = Outcome(
                        result.scenario, result.notebook, "built", result.seconds
                    )
                else:
                    line = failure_line(plan.out_dir, result)
                    outcomes[label] = Outcome(
                        result.scenario, result.notebook, "failed", result.seconds, line
                    )
                    if on_line is not None:
                        on_line(line)
                    else:  # printed above the progress bar
                        progress.console.print(line, markup=False, highlight=False, soft_wrap=True)
                progress.update(task, advance=1, description=label)


def _prefetch_site_imports() -> None:
    """Import what the index pages need in a background thread, while the last reports run."""
    import threading

    def prefetch() -> None:
        for name in ("nbformat", "stargate.present.charts", "stargate.publish.site"):
            with contextlib.suppress(Exception):
                __import__(name)

    threading.Thread(target=prefetch, name="stargate-prefetch", daemon=True).start()


def _write_failed(result: Any, exc: OSError) -> Any:
    from dataclasses import replace

    reason = f"cannot write {display_path(Path(exc.filename or '?'))}: {exc.strerror or exc}"
    return replace(result, ok=False, error=reason, partial_text=None, cell_index=None)


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """Treat SIGTERM like Ctrl-C while reports run, so the same clean-up happens."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _write_site(plan: BuildPlan) -> str:
    """Regenerate the index and comparison pages; '' or a one-line error."""
    from stargate.build.execute import one_line_error

    try:
        from stargate.publish.site import write_site
    except ImportError as exc:
        return f"index pages not written: {one_line_error(type(exc).__name__, str(exc))}"
    # Every scenario with reports: the ones just built and any built before.
    names = [
        name
        for name in list_scenarios(plan.params_dir)
        if name in plan.parameters or (plan.out_dir / name).is_dir()
    ]
    try:
        write_site(plan.out_dir, names)
    except Exception as exc:
        return f"index pages not written: {one_line_error(type(exc).__name__, str(exc))}"
    return ""


# --------------------------------------------------------------------------- commands


def _dirs(args: argparse.Namespace) -> tuple[Path, Path, Path]:
    return Path(args.notebooks_dir), Path(args.params_dir), Path(args.out)


def cmd_build(args: argparse.Namespace) -> int:
    """``stargate build``: see the module docstring."""
    from rich.console import Console

    notebooks_dir, params_dir, out_dir = _dirs(args)
    try:
        summary = build(
            notebooks_dir,
            params_dir,
            out_dir,
            scenarios=args.scenario,
            notebooks=args.notebook,
            jobs=args.jobs,
            force=args.force,
            executor=args.executor,
            scheduler=args.scheduler,
            site=not args.no_site,
            warm_kernels=not args.cold_kernels,
            cell_timeout_s=args.cell_timeout,
        )
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


def orphan_scenarios(out_dir: Path, params_dir: Path) -> list[str]:
    """Report folders in ``out_dir`` whose scenario file is gone from ``params_dir``.

    They are never deleted by a build (a scenario file may be away only for a moment); the
    build names them so the reader knows why the index no longer lists them.
    """
    if not out_dir.is_dir():
        return []
    known = set(list_scenarios(params_dir))
    return sorted(
        p.name
        for p in out_dir.iterdir()
        if p.is_dir()
        and not p.name.startswith(("_", "."))
        and p.name not in known
        and any(p.glob("*.ipynb"))
    )


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
    scenario_names = list_scenarios(params_dir)
    notebook_names = list(find_notebooks(notebooks_dir))
    console.print(
        f"scenarios ({display_path(params_dir)}): {', '.join(scenario_names) or 'none'}",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )
    console.print(
        f"notebooks ({display_path(notebooks_dir)}): {', '.join(notebook_names) or 'none'}",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )
    if not scenario_names or not notebook_names:
        return EXIT_OK
    problems: list[str] = []
    statuses: dict[tuple[str, str], str] = {}
    for name in scenario_names:
        try:
            plan = plan_build(notebooks_dir, params_dir, out_dir, [name], use_cache=True)
        except BuildInputError as exc:
            problems += exc.problems
            statuses.update({(name, nb): "invalid" for nb in notebook_names})
            continue
        statuses.update({(r.scenario, r.notebook): r.status.state for r in plan.reports})
    style = {
        "fresh": "green",
        "stale": "yellow",
        "failed": "bold red",
        "missing": "dim",
        "invalid": "bold red",
    }
    table = Table(title=f"reports in {display_path(out_dir)}", box=None, header_style="bold")
    table.add_column("scenario")
    for nb in notebook_names:
        table.add_column(nb)
    for name in scenario_names:
        cells = [statuses.get((name, nb), "?") for nb in notebook_names]
        table.add_row(name, *(f"[{style.get(c, '')}]{c}[/]" for c in cells))
    console.print(table)
    for line in dict.fromkeys(problems):
        print(line, file=sys.stderr)
    return EXIT_BAD_INPUT if problems else EXIT_OK


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


def add_commands(subparsers: Any) -> None:
    """Register ``build`` and ``list`` on the ``stargate`` command's sub-parsers."""
    doc = __doc__ or ""
    p_build = subparsers.add_parser(
        "build",
        help="build every notebook x every scenario (only what changed)",
        description=doc.split("\n\n", 1)[0],
        epilog=doc[doc.index("Stopping a build") : doc.index("Running on a Dask cluster")]
        + doc[doc.index("Running on a Dask cluster") :],
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
        "--cold-kernels",
        action="store_true",
        help="start every kernel as a new process (default: fork warm kernels from a template "
        "that imported the notebooks' modules once per worker; same output, less CPU)",
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
