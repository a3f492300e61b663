"""Run one report: papermill executes the notebook, the result is normalised, HTML rendered.

:func:`run_report` is what a build worker runs — in a local process pool or on a Dask worker.
It takes everything it needs in the :class:`ReportJob` (the notebook's text, the parameters) and
returns everything it made in the :class:`ReportResult` (the executed notebook and the HTML as
text). It never writes a file: the build process writes every output, atomically, so a worker
that dies or is cancelled cannot leave a half-written report, and Dask workers need no shared
file system for outputs. The kernel it runs in is a new process, tracked by
:mod:`stargate.build.kernels`.

:func:`normalise_notebook` makes an executed notebook byte-identical run to run (papermill
timings and paths removed, cell ids numbered); ``stargate.build.rerun_notebooks`` reuses it.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import sys
import threading
import time
import uuid
import warnings
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import import_module
from typing import Any

from stargate.build.freshness import (
    META_KEY,
    VOLATILE_CELL_METADATA,
    cached_library_digest,
    environment_fingerprint,
    stamp_html,
)
from stargate.build.kernels import (
    die_with_parent,
    kernels_of_build,
    kill_kernels,
    last_kernel_exit,
    tracked_kernel_manager,
)

#: Kernel every report runs in (the venv's own ``python3`` kernel).
KERNEL_NAME = "python3"
#: What a report's kernelspec metadata reads; fixed so it never varies between machines.
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": KERNEL_NAME}
#: ``module:function`` that turns an executed notebook into the report's HTML page.
HTML_RENDERER = "stargate.publish.page:render_report_html"
#: papermill run-time keys in ``metadata.papermill`` that change run to run.
VOLATILE_PAPERMILL_KEYS = ("start_time", "end_time", "duration", "input_path", "output_path")

_MEMORY_SCHEME = "stargate-memory://"


@dataclass(frozen=True)
class ReportJob:
    """One report to build: a notebook run with one scenario's parameters.

    Attributes:
        scenario: scenario name (``params/<scenario>.yaml``).
        notebook: notebook name (``notebooks/<notebook>.ipynb``).
        notebook_text: the notebook's JSON text (stored outputs may be stripped).
        parameters: the merged scenario parameters papermill injects.
        record: the build record (input hash and inputs) written to ``metadata.stargate``.
        library_digest: the builder's library digest; a worker whose own differs refuses.
        environment: the builder's package versions; a worker whose own differ refuses.
        cwd: the kernel's working directory (the notebooks folder), if it exists on the worker.
        html_renderer: ``module:function`` rendering the HTML page from the executed notebook.
        timeout_s: per-cell execution timeout in seconds (None: no limit).
        build_id: the build this job belongs to (:func:`kill_kernels` stops its kernels).
    """

    scenario: str
    notebook: str
    notebook_text: str
    parameters: dict[str, Any]
    record: dict[str, Any]
    library_digest: str
    environment: dict[str, str]
    cwd: str | None = None
    html_renderer: str = HTML_RENDERER
    timeout_s: float | None = None
    build_id: str = ""


@dataclass(frozen=True)
class ReportResult:
    """What running a :class:`ReportJob` produced.

    Attributes:
        scenario: as in the job.
        notebook: as in the job.
        ok: True when the notebook ran and the HTML was rendered.
        seconds: wall time on the worker.
        ipynb_text: the normalised executed notebook (ok only).
        html_text: the HTML page (ok only).
        html_twins: the page in each other language, by language code (ok only; empty when
            the renderer writes one language), e.g. ``{"ja": "<!DOCTYPE html>…"}``.
        partial_text: the normalised partial notebook of a failed run, when there is one.
        cell_index: 0-based index of the failing cell in the executed notebook (the injected
            parameters cell counts; papermill's error marker cells do not).
        execution_count: the failing cell's ``In [n]`` number.
        error: ``"ExceptionType: first line of the message"`` for a failure.
        summary: what the index pages show of the report
            (:func:`stargate.publish.site.report_summary`; ok only, None if it failed).
    """

    scenario: str
    notebook: str
    ok: bool
    seconds: float
    ipynb_text: str | None = None
    html_text: str | None = None
    html_twins: dict[str, str] = field(default_factory=dict)
    partial_text: str | None = None
    cell_index: int | None = None
    execution_count: int | None = None
    error: str = ""
    worker: dict[str, Any] = field(default_factory=dict)
    summary: dict[str, Any] | None = None


# --------------------------------------------------------------------------- normalisation


def normalise_notebook(
    nb: Any, record: dict[str, Any] | None = None, *, keep_papermill: bool = True
) -> Any:
    """Make an executed notebook identical from run to run, in place.

    Removes papermill's start/end times, durations and input/output paths, every cell's
    run-time ``metadata.papermill`` / ``metadata.execution``, the empty ``tags`` lists papermill
    adds; numbers cell ids ``cell-0001``, ``cell-0002``… (papermill gives the injected cell a
    random one); fixes the kernelspec.

    Args:
        nb: an ``nbformat.NotebookNode`` (version 4).
        record: written to ``metadata.stargate`` (the report's build record) when given.
        keep_papermill: keep the stable part of ``metadata.papermill`` (the parameters used);
            False drops it, for notebooks executed in place.

    Returns:
        The same notebook object.
    """
    meta = nb.metadata
    papermill_meta = meta.get("papermill")
    if keep_papermill and isinstance(papermill_meta, dict):
        for key in VOLATILE_PAPERMILL_KEYS:
            papermill_meta.pop(key, None)
    else:
        meta.pop("papermill", None)
    meta["kernelspec"] = dict(KERNELSPEC)
    has_ids = (nb.nbformat, nb.nbformat_minor) >= (4, 5)
    for number, cell in enumerate(nb.cells, start=1):
        for key in VOLATILE_CELL_METADATA:
            cell.metadata.pop(key, None)
        if cell.metadata.get("tags") == []:
            del cell.metadata["tags"]
        if has_ids:
            cell["id"] = f"cell-{number:04d}"
        else:
            cell.pop("id", None)
    if record is not None:
        meta[META_KEY] = dict(record)
    else:
        meta.pop(META_KEY, None)
    return nb


def notebook_to_text(nb: Any) -> str:
    """The notebook as nbformat writes it (sorted keys, indent 1), plus a trailing newline."""
    import nbformat

    text = nbformat.writes(nb, version=4)
    return text if text.endswith("\n") else text + "\n"


# --------------------------------------------------------------------------- papermill I/O


class _MemoryIO:
    """A papermill I/O handler keeping notebooks in memory, so workers write no files.

    papermill writes the partial notebook (with its error marker cells) to ``output_path`` just
    before raising ``PapermillExecutionError``; this is where the builder picks it up.
    """

    store: dict[str, str] = {}
    _lock = threading.Lock()

    @classmethod
    def read(cls, path: str) -> str:
        with cls._lock:
            return cls.store[path]

    @classmethod
    def write(cls, buf: str, path: str) -> None:
        with cls._lock:
            cls.store[path] = buf

    @classmethod
    def listdir(cls, path: str) -> list[str]:
        raise NotImplementedError("listdir is not supported for in-memory notebooks")

    @classmethod
    def pretty_path(cls, path: str) -> str:
        return path


_registered = False
#: The papermill engine reports run with (:func:`_register_memory_io` registers it).
ENGINE_NAME = "stargate-nbclient"
#: Attribute naming, on an exception out of the engine, the notebook as far as it ran.
_PARTIAL_ATTR = "stargate_partial_notebook"


def _register_memory_io() -> None:
    global _registered
    if not _registered:
        from papermill.engines import NBClientEngine, papermill_engines
        from papermill.iorw import papermill_io

        class KeepPartialEngine(NBClientEngine):  # type: ignore[misc]
            """papermill's nbclient engine, keeping the notebook of a run that stopped.

            When the kernel dies or a cell times out, papermill raises without writing the
            partial notebook (builds save no notebook per cell: that costs a serialisation per
            cell). The notebook being executed is attached to the exception instead.
            """

            @classmethod
            def execute_managed_notebook(cls, nb_man: Any, kernel_name: str, **kwargs: Any) -> Any:
                try:
                    return super().execute_managed_notebook(nb_man, kernel_name, **kwargs)
                except Exception as exc:
                    with contextlib.suppress(Exception):
                        setattr(exc, _PARTIAL_ATTR, nb_man.nb)
                    raise

        papermill_io.register(_MEMORY_SCHEME, _MemoryIO)
        papermill_engines.register(ENGINE_NAME, KeepPartialEngine)
        _registered = True


def quiet_logs() -> None:
    """Keep papermill/nbclient chatter (unknown-parameter notes, extension warnings) quiet."""
    for name in ("papermill", "nbclient", "traitlets", "jupyter_client"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    warnings.filterwarnings("ignore", module="papermill")
    warnings.filterwarnings("ignore", module="nbclient")
    warnings.filterwarnings("ignore", module="jupyter_client")


def execute_notebook(
    notebook_text: str,
    parameters: dict[str, Any] | None,
    *,
    cwd: str | None = None,
    timeout_s: float | None = None,
    name: str = "notebook",
) -> Any:
    """Run a notebook with papermill's Python API and return the executed NotebookNode.

    The kernel is shut down immediately at the end (``shutdown_kernel="immediate"``: a graceful
    shutdown sometimes waits 3 s for a kernel that ignores the request).

    Args:
        notebook_text: the notebook's JSON text.
        parameters: injected after the cell tagged ``parameters`` (None or {}: none injected).
        cwd: the kernel's working directory; default this process's.
        timeout_s: per-cell execution timeout in seconds.
        name: the notebook's name (used in papermill's in-memory paths only).

    Raises:
        ExecutionFailed: a cell raised; carries papermill's error and the partial notebook.
    """
    import papermill
    from papermill.exceptions import PapermillExecutionError

    _register_memory_io()
    last_kernel_exit()  # forget an earlier run's
    key = uuid.uuid4().hex
    in_path = f"{_MEMORY_SCHEME}{key}/in/{name}.ipynb"
    out_path = f"{_MEMORY_SCHEME}{key}/out/{name}.ipynb"
    _MemoryIO.write(notebook_text, in_path)
    engine_kwargs: dict[str, Any] = {
        "shutdown_kernel": "immediate",
        # ipykernel 7 warns on stderr at every start that local TCP is unencrypted.
        "extra_arguments": ["--IPKernelApp.log_level=ERROR"],
        "kernel_manager_class": tracked_kernel_manager(),
    }
    if cwd:
        # The kernel starts in ``cwd`` (nbclient's resources path). Unlike papermill's own
        # ``cwd=`` this does not chdir the whole process, so threaded Dask workers are safe.
        engine_kwargs["resources"] = {"metadata": {"path": cwd}}
    if timeout_s:
        # nbclient's ``timeout`` is an integer trait: 2.5 was refused at every report's start
        # (TraitError). ``timeout_func`` may return any number of seconds, and the reply is
        # polled every second rather than every five.
        engine_kwargs["timeout_func"] = _CellTimeout(float(timeout_s))
        engine_kwargs["shell_timeout_interval"] = 1
    try:
        return papermill.execute_notebook(
            in_path,
            out_path,
            parameters=parameters or None,
            kernel_name=KERNEL_NAME,
            progress_bar=False,
            request_save_on_cell_execute=False,
            engine_name=ENGINE_NAME,
            **engine_kwargs,
        )
    except PapermillExecutionError as exc:
        raise ExecutionFailed(exc, _MemoryIO.store.get(out_path)) from None
    except Exception as exc:  # the kernel died, a timeout, nbclient's own errors...
        partial = getattr(exc, _PARTIAL_ATTR, None)
        text = None
        if partial is not None:
            with contextlib.suppress(Exception):
                text = notebook_to_text(partial)
        raise KernelFailed(exc, text or _MemoryIO.store.get(out_path)) from exc
    finally:
        with _MemoryIO._lock:
            _MemoryIO.store.pop(in_path, None)
            _MemoryIO.store.pop(out_path, None)


class _CellTimeout:
    """nbclient's ``timeout_func``: the same limit, in seconds, for every cell."""

    def __init__(self, seconds: float):
        self.seconds = seconds

    def __call__(self, cell: Any) -> float:
        return self.seconds


class KernelFailed(Exception):
    """The run stopped without a cell raising (the kernel died, a cell timed out…).

    ``cause`` is the exception; ``partial_text`` the notebook as far as it ran (JSON), when
    papermill saved one.
    """

    def __init__(self, cause: BaseException, partial_text: str | None):
        self.cause = cause
        self.partial_text = partial_text
        super().__init__(str(cause))


class ExecutionFailed(Exception):
    """A notebook cell raised. ``partial_text`` is papermill's partial notebook (JSON)."""

    def __init__(self, error: Any, partial_text: str | None):
        self.error = error
        self.partial_text = partial_text
        super().__init__(str(error))


def one_line_error(ename: str, evalue: str) -> str:
    """``"Type: first line of the message"`` (just ``"Type"`` for an empty message)."""
    first = next((line.strip() for line in str(evalue).splitlines() if line.strip()), "")
    return f"{ename}: {first}" if first else ename


# --------------------------------------------------------------------------- the worker


class _Terminated(BaseException):
    """Raised in a busy local worker on SIGTERM, so papermill shuts its kernel down."""


_busy = False


def _on_sigterm(signum: int, frame: Any) -> None:
    if _busy:
        raise _Terminated
    os._exit(128 + signum)


def _on_unraisable(args: Any) -> None:
    """Deliver again a SIGTERM raised where Python cannot raise (a weakref's callback).

    Inside such a callback the worker's :class:`_Terminated` would be printed as "Exception
    ignored" and lost; sent again, it is raised at the worker's next step and the report
    unwinds as for any other SIGTERM.
    """
    if isinstance(args.exc_value, _Terminated):
        os.kill(os.getpid(), signal.SIGTERM)
        return
    sys.__unraisablehook__(args)


def init_worker() -> None:
    """Initializer of local pool workers: Ctrl-C is the build process's to handle.

    The build process stops workers with SIGTERM; a worker in the middle of a report then
    unwinds (papermill shuts the kernel down) and exits.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _on_sigterm)
    sys.unraisablehook = _on_unraisable
    die_with_parent()


def run_report(job: ReportJob) -> ReportResult:
    """Execute one report and render its HTML; never raises for a failing notebook.

    Args:
        job: what to run.

    Returns:
        The normalised executed notebook and HTML (``ok``), or the failure: one-line error, the
        failing cell and the normalised partial notebook.
    """
    global _busy
    _busy = True
    with kernels_of_build(job.build_id):
        try:
            return _run_report(job)
        except _Terminated:
            # Stopped mid-report: the kernel's shutdown never runs, so end it here and remove
            # its connection file and socket files.
            kill_kernels(job.build_id)
            os._exit(128 + signal.SIGTERM)
        finally:
            _busy = False


def _run_report(job: ReportJob) -> ReportResult:
    start = time.perf_counter()
    quiet_logs()
    record = job.record

    def failed(error: str, **extra: Any) -> ReportResult:
        if extra.get("partial_text") is None:
            extra["partial_text"] = _failure_notebook(error, record)
        return ReportResult(
            job.scenario, job.notebook, False, time.perf_counter() - start, error=error, **extra
        )

    mismatch = _environment_mismatch(job)
    if mismatch:
        return failed(f"EnvironmentMismatch: {mismatch}")
    cwd = job.cwd if job.cwd and os.path.isdir(job.cwd) else None
    try:
        nb = execute_notebook(
            job.notebook_text, job.parameters, cwd=cwd, timeout_s=job.timeout_s, name=job.notebook
        )
    except ExecutionFailed as exc:
        err = exc.error
        partial = None
        if exc.partial_text is not None:
            import nbformat

            partial_nb = nbformat.reads(exc.partial_text, as_version=4)
            partial = notebook_to_text(normalise_notebook(partial_nb, record))
        return failed(
            one_line_error(err.ename, err.evalue),
            partial_text=partial,
            cell_index=err.cell_index,
            execution_count=err.exec_count,
        )
    except KernelFailed as exc:  # kernel died, timeout...
        error = one_line_error(type(exc.cause).__name__, str(exc.cause))
        exit_note = last_kernel_exit()
        if exit_note:
            error = f"{error} ({exit_note})"
        partial, index, count = _stopped_notebook(exc.partial_text, error, record)
        return failed(error, partial_text=partial, cell_index=index, execution_count=count)
    except Exception as exc:  # bad notebook JSON...
        return failed(one_line_error(type(exc).__name__, str(exc)))
    normalise_notebook(nb, record)
    ipynb_text = notebook_to_text(nb)
    try:
        render = _load_renderer(job.html_renderer)
        # The page carries the input hash too: a report is fresh only when both files do.
        stamp = str(record.get("input_hash", ""))
        html_text = stamp_html(render(nb), stamp)
        # The same executed notebook gives the page in every language (no second run).
        twins = {code: stamp_html(render(nb, lang=code), stamp) for code in _languages(render)}
    except Exception as exc:
        return failed(
            "HTML rendering failed: " + one_line_error(type(exc).__name__, str(exc)),
            partial_text=ipynb_text,
        )
    return ReportResult(
        job.scenario,
        job.notebook,
        True,
        time.perf_counter() - start,
        ipynb_text=ipynb_text,
        html_text=html_text,
        html_twins=twins,
        worker={"pid": os.getpid()},
        summary=_summary(nb),
    )


def _summary(nb: Any) -> dict[str, Any] | None:
    """The report's summary for the index pages; None if it cannot be made.

    Without one the index pages read the notebook itself.
    """
    try:
        from stargate.publish.site import report_summary

        return report_summary(nb)
    except Exception:
        return None


def _stopped_notebook(
    partial_text: str | None, error: str, record: dict[str, Any]
) -> tuple[str | None, int | None, int | None]:
    """The partial notebook of a run that stopped without a cell raising (kernel died…).

    Returns ``(notebook text, index of the cell that was running, its In [n])``. The notebook
    keeps every cell that ran with its outputs — the running cell's outputs are the kernel's
    last words — and starts with a note naming the error and the cell. None when papermill
    saved nothing.
    """
    if partial_text is None:
        return None, None, None
    import nbformat

    try:
        nb = nbformat.reads(partial_text, as_version=4)
    except Exception:
        return None, None, None
    started = [
        i
        for i, cell in enumerate(nb.cells)
        if cell.cell_type == "code" and (cell.metadata.get("papermill") or {}).get("start_time")
    ]
    index = started[-1] if started else None
    count = nb.cells[index].get("execution_count") if index is not None else None
    where = (
        f"while cell index {index} (In [{count if count is not None else ' '}]) was running"
        if index is not None
        else "before any cell ran"
    )
    note = nbformat.v4.new_markdown_cell(
        f"**The build of this report stopped {where}:** `{error}`\n\n"
        "The cells below ran before it; the running cell's outputs are the kernel's last words."
    )
    note.metadata["tags"] = ["stargate-failure-note"]
    nb.cells.insert(0, note)
    text = notebook_to_text(normalise_notebook(nb, record))
    return text, index, count


def _failure_notebook(error: str, record: dict[str, Any]) -> str:
    """A one-cell notebook recording a failure that left no partial run (kernel died...)."""
    import nbformat.v4

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(f"The build of this report failed:\n\n    {error}")]
    return notebook_to_text(normalise_notebook(nb, record))


def _languages(render: Any) -> tuple[str, ...]:
    """The other languages a renderer writes (none unless it takes ``lang``).

    Those of the build: every catalog's, or what ``STARGATE_LANGUAGES`` names.
    """
    import inspect

    try:
        takes_lang = "lang" in inspect.signature(render).parameters
    except (TypeError, ValueError):
        takes_lang = False
    if not takes_lang:
        return ()
    from stargate.present.i18n import build_languages

    return build_languages()


def _load_renderer(spec: str) -> Any:
    module_name, _, func_name = spec.partition(":")
    return getattr(import_module(module_name), func_name)


@lru_cache(maxsize=1)
def _worker_environment() -> dict[str, str]:
    return environment_fingerprint()


def _environment_mismatch(job: ReportJob) -> str:
    """Why this worker would not produce what the builder expects ('' when it would)."""
    ours = _worker_environment()
    diffs = [
        f"{name} {ours.get(name)} here, {want} on the builder"
        for name, want in job.environment.items()
        if ours.get(name) != want
    ]
    if diffs:
        return "worker packages differ: " + "; ".join(diffs)
    if cached_library_digest() != job.library_digest:
        return (
            "the stargate library on this worker differs from the builder's "
            "(edited during the build, or a different checkout)"
        )
    return ""
