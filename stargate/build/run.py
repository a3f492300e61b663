"""Run a build: the stale reports side by side, each result stored, then the index pages.

:func:`build` plans (:mod:`stargate.build.plan`), takes the reports folder's lock
(:mod:`stargate.build.output_folder`), runs every report that is not fresh on a runner
(:mod:`stargate.build.runners`), stores each result as it arrives — a failure leaves the
previous report untouched and one line naming scenario, notebook, cell and error — and then
rewrites ``index.html`` and ``compare.html`` (``stargate.publish.site.write_site``) when what they
are built from changed (:func:`stargate.build.freshness.site_digest`, stamped into both pages).
SIGTERM is handled like Ctrl-C (exit code 143 rather than 130); a second stop waits for the
clean-up. It returns a :class:`BuildSummary`; printing it is the command's job
(:mod:`stargate.cli`).
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from stargate.build.freshness import SITE_HASH_META, failed_path, read_html_stamp, site_digest
from stargate.build.output_folder import build_lock, check_writable, store_result
from stargate.build.plan import (
    NOTEBOOKS_DIR,
    OUT_DIR,
    BuildInputError,
    BuildPlan,
    PlannedReport,
    plan_build,
    store_validated,
)
from stargate.build.runners import DaskRunner, LocalRunner, default_jobs
from stargate.files import WriteError, remove_leftovers, write_cache, write_text_atomic
from stargate.scenario import BASE_NAME, PARAMS_DIR, display_path, list_scenarios

#: The site pages of every language (English in the reports folder, Japanese under ja/); all
#: carry the site digest, so a missing or stale one has them all rewritten.
SITE_PAGES = ("index.html", "compare.html", "ja/index.html", "ja/compare.html")
EXECUTORS = ("local", "dask")
#: Seconds each report took when last built (reports folder): the longest start first.
DURATIONS_FILE = ".build/durations.json"
#: Longest a single cell may run before its report fails (the longest runs ~1 s here).
DEFAULT_CELL_TIMEOUT_S = 600.0

#: Exit codes of ``stargate`` (:attr:`BuildSummary.exit_code` gives a build's).
EXIT_OK = 0
EXIT_FAILED = 1
EXIT_BAD_INPUT = 2
#: Stopped by Ctrl-C (SIGINT): 128 + 2, as a shell reports a program the signal killed.
EXIT_INTERRUPTED = 130
#: Stopped by ``kill PID`` (SIGTERM): 128 + 15, with the same clean-up as Ctrl-C.
EXIT_TERMINATED = 143


class Terminated(KeyboardInterrupt):
    """SIGTERM: stops the build like Ctrl-C (same clean-up), exit code :data:`EXIT_TERMINATED`."""


#: The signals :func:`raise_stop` turned into exceptions, latest last (a watch, whose file
#: watcher swallows the exception to end quietly, reads it: SIGTERM still exits 143).
STOP_SIGNALS: list[int] = []


def raise_stop(signum: int, frame: Any = None) -> None:
    """A signal handler: SIGTERM raises :class:`Terminated`, any other KeyboardInterrupt."""
    STOP_SIGNALS.append(signum)
    raise Terminated if signum == signal.SIGTERM else KeyboardInterrupt


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
    cell_timeout_s: float | None = DEFAULT_CELL_TIMEOUT_S,
    console: Any = None,
    on_line: Callable[[str], None] | None = None,
    on_note: Callable[[str], None] | None = None,
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
        cell_timeout_s: a cell running longer fails its report (None or 0: no limit), so a
            notebook that hangs cannot hold the build forever.
        console: a ``rich.console.Console`` for the progress bar (default stderr; None and
            not a terminal: no bar).
        on_line: called with each failure line (default: printed to stderr).
        on_note: called with each note, before the reports run (default: printed to stderr):
            the reference scenario ``base`` rebuilt too (:func:`_reference_is_stale`).

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
    if site and _reference_is_stale(plan, notebooks):
        (on_note or _print_note)(REFERENCE_NOTE)
        chosen = [BASE_NAME, *plan.scenarios]
        plan = plan_build(notebooks_dir, params_dir, out_dir, chosen, notebooks, use_cache=True)
    check_writable(out_dir)
    with build_lock(out_dir), _stop_signals():
        remove_leftovers(out_dir)
        store_validated(plan)
        todo = plan.todo(force)
        for name in dict.fromkeys(r.scenario for r in todo):
            if (out_dir / name).exists():  # new folders are made when their report is written
                check_writable(out_dir / name)
        outcomes = {r.label: Outcome(r.scenario, r.notebook, "fresh") for r in plan.reports}
        try:
            if todo:
                _run_reports(
                    plan,
                    todo,
                    jobs,
                    executor,
                    scheduler,
                    html_renderer or HTML_RENDERER,
                    outcomes,
                    console,
                    on_line,
                    site,
                    cell_timeout_s or None,
                )
            site_error = ""
            site_seconds = None
            if site:
                names = site_scenarios(plan)
                from stargate.present.i18n import OTHER_LANGUAGES

                digest = site_digest(
                    out_dir, names, plan.library, plan.environment, OTHER_LANGUAGES
                )
                if force or not site_is_current(out_dir, digest):
                    site_started = time.perf_counter()
                    site_error = _write_site(plan, names, digest)
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


#: Said when a build of some scenarios also rebuilds the reference (see _reference_is_stale).
REFERENCE_NOTE = (
    f"note: the reference scenario {BASE_NAME} was built from other inputs (an older version "
    "of the model, other packages or fewer languages); rebuilding it too, so the index "
    "compares against current figures (--no-site skips the index and this)"
)


def _print_note(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _reference_is_stale(plan: BuildPlan, notebooks: Sequence[str] | None) -> bool:
    """Whether a build of ``plan`` must rebuild ``base`` too: the index compares against it.

    Only when the selection leaves ``base`` out and ``base`` has reports on disk built from
    other inputs (``stale``: older code, packages or parameters). A ``base`` never built, or
    whose last build with these inputs failed, is left alone (rebuilding cannot help there).
    """
    if BASE_NAME in plan.scenarios or BASE_NAME not in list_scenarios(plan.params_dir):
        return False
    if not (plan.out_dir / BASE_NAME).is_dir():
        return False
    try:
        reference = plan_build(
            plan.notebooks_dir, plan.params_dir, plan.out_dir, [BASE_NAME], notebooks,
            use_cache=True,
        )  # fmt: skip
    except BuildInputError:
        return False  # base itself invalid: every scenario's plan said so already
    return any(r.status.state == "stale" for r in reference.reports)


def _run_reports(
    plan: BuildPlan,
    todo: list[PlannedReport],
    jobs: int,
    executor: str,
    scheduler: str | None,
    html_renderer: str,
    outcomes: dict[str, Outcome],
    console: Any,
    on_line: Callable[[str], None] | None,
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
    env = kernel_environment(plan)
    runner: LocalRunner | DaskRunner = (
        DaskRunner(n_workers, scheduler, env) if executor == "dask" else LocalRunner(n_workers)
    )
    build_id = f"{os.getpid()}-{time.time_ns()}"
    durations = read_durations(plan.out_dir)
    todo = longest_first(todo, durations)
    job_list = [_job(plan, report, html_renderer, build_id, cell_timeout_s) for report in todo]
    with _environment(env), runner:
        runner.submit_all(job_list)  # before the progress bar's thread: see LocalRunner
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
                    _prefetch_site_imports(plan.static_svg)  # a core is idle from now on
                label = f"{result.scenario}/{result.notebook}"
                try:
                    store_result(plan.out_dir, result)
                except OSError as exc:
                    result = _write_failed(result, exc)
                if result.ok:
                    outcomes[label] = Outcome(
                        result.scenario, result.notebook, "built", result.seconds
                    )
                    durations[label] = round(result.seconds, 2)
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
    write_cache(plan.out_dir / DURATIONS_FILE, json.dumps(durations, sort_keys=True) + "\n")


def read_durations(out_dir: Path) -> dict[str, float]:
    """Seconds each report took when last built, by ``scenario/notebook`` ({} if unknown)."""
    try:
        data = json.loads((out_dir / DURATIONS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): float(v) for k, v in data.items() if isinstance(v, (int, float))}


def longest_first(todo: list[PlannedReport], durations: dict[str, float]) -> list[PlannedReport]:
    """The reports in the order to start them: longest last time first, never built first.

    With more reports than workers, a long report started last keeps one worker busy while
    the others idle (three reports on two cores: the shortest first, then the longest, ends
    later than the longest first). Reports never timed keep their order, at the front.
    """
    return sorted(todo, key=lambda r: -durations.get(r.label, float("inf")))


def kernel_environment(plan: BuildPlan) -> dict[str, str]:
    """Environment variables the build's kernels run with: static SVGs on or off."""
    from stargate.present.chart_render import STATIC_SVG_ENV

    return {STATIC_SVG_ENV: "1" if plan.static_svg else "0"}


@contextlib.contextmanager
def _environment(env: dict[str, str]) -> Iterator[None]:
    """``env`` set in this process while workers start (they and their kernels inherit it)."""
    saved = {name: os.environ.get(name) for name in env}
    os.environ.update(env)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _prefetch_site_imports(static_svg: bool = False) -> None:
    """Import what the index pages need in a background thread, while the last reports run.

    With static SVGs on, also start vl-convert (≈1 s: its JavaScript engine), which draws the
    comparison charts not in the chart cache. (Workers of a later build in this process must
    then come from a fork server: see :data:`~stargate.build.runners.WORKER_START_METHOD`.)
    """
    import threading

    def prefetch() -> None:
        for name in ("nbformat", "stargate.present.charts", "stargate.publish.site"):
            with contextlib.suppress(Exception):
                __import__(name)
        with contextlib.suppress(Exception):  # the Japanese pages' rate and dates (~0.3 s)
            from stargate import facts

            facts.all_facts()
        if not static_svg:
            return
        with contextlib.suppress(Exception):
            import vl_convert

            from stargate.present.charts import vl_version

            vl_convert.vegalite_to_vega({"mark": "point"}, vl_version=vl_version())

    threading.Thread(target=prefetch, name="stargate-prefetch", daemon=True).start()


def write_error_line(exc: OSError) -> str:
    """``cannot write <the file meant>: <reason>`` for a failed write."""
    if isinstance(exc, WriteError):
        return f"cannot write {display_path(Path(exc.filename))}: {exc.strerror}"
    where = exc.filename2 or exc.filename  # os.replace(tmp, target): target is the second
    shown = display_path(Path(where)) if where else "a file"
    return f"cannot write {shown}: {exc.strerror or exc}"


def _write_failed(result: Any, exc: OSError) -> Any:
    from dataclasses import replace

    reason = write_error_line(exc)
    return replace(result, ok=False, error=reason, partial_text=None, cell_index=None)


@contextlib.contextmanager
def _stop_signals() -> Iterator[None]:
    """Ctrl-C and SIGTERM stop the build once; further ones wait for its clean-up.

    SIGTERM is handled like Ctrl-C, so the same clean-up happens. The first signal raises
    KeyboardInterrupt (:class:`Terminated` for SIGTERM: the command exits 143, not 130);
    later ones are ignored until the build has stopped its workers and kernels and removed its
    temporary files (a second Ctrl-C used to cut that short, with a traceback). A build
    started with SIGINT ignored keeps it ignored.
    """
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous_int = signal.getsignal(signal.SIGINT)
    previous_term = signal.getsignal(signal.SIGTERM)
    catch_int = previous_int is not signal.SIG_IGN

    def handler(signum: int, frame: Any) -> None:
        if catch_int:
            signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        raise_stop(signum)

    if catch_int:
        signal.signal(signal.SIGINT, handler)
    signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous_term)
        if catch_int:
            signal.signal(signal.SIGINT, previous_int)


@dataclass(frozen=True)
class SiteScenario:
    """A scenario as the index pages are given it (its reports' own header data come first)."""

    name: str
    title: str
    description: str = ""


def site_scenarios(plan: BuildPlan) -> list[SiteScenario]:
    """The scenarios the index pages show: every scenario file with reports on disk.

    Title and description come from the scenario's parameters when this build validated it
    (else the name stands for the title), for reports that carry no header data of their own.
    """
    found = []
    for name in list_scenarios(plan.params_dir):
        params = plan.parameters.get(name)
        if params is None and not (plan.out_dir / name).is_dir():
            continue
        params = params or {}
        found.append(
            SiteScenario(
                name,
                str(params.get("title") or name),
                str(params.get("description") or ""),
            )
        )
    return found


def site_is_current(out_dir: Path, digest: str) -> bool:
    """Every site page (:data:`SITE_PAGES`) exists and carries ``digest`` (:func:`site_digest`)."""
    return all(read_html_stamp(out_dir / page, SITE_HASH_META) == digest for page in SITE_PAGES)


def _write_site(plan: BuildPlan, names: list[SiteScenario], digest: str) -> str:
    """Regenerate the index and comparison pages, then stamp them; '' or a one-line error.

    ``write_site`` writes both pages unstamped, so a write it does not finish (Ctrl-C, a page
    that cannot be written) leaves a page without the current digest, and the next build
    writes both again.
    """
    from stargate.build.execute import one_line_error
    from stargate.build.freshness import stamp_html

    try:
        from stargate.publish.site import write_site
    except ImportError as exc:
        return f"index pages not written: {one_line_error(type(exc).__name__, str(exc))}"
    try:
        write_site(plan.out_dir, names, cache_summaries=True, static_svg=plan.static_svg)
        for page in SITE_PAGES:
            path = plan.out_dir / page
            if path.exists():
                text = path.read_text(encoding="utf-8")
                write_text_atomic(path, stamp_html(text, digest, SITE_HASH_META))
    except OSError as exc:
        return f"index pages not written: {write_error_line(exc)}"
    except Exception as exc:
        return f"index pages not written: {one_line_error(type(exc).__name__, str(exc))}"
    return ""


def _job(
    plan: BuildPlan,
    report: PlannedReport,
    html_renderer: str,
    build_id: str,
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
        timeout_s=cell_timeout_s,
    )
