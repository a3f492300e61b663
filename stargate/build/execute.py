"""Run one report: papermill executes the notebook, the result is normalised, HTML rendered.

:func:`run_report` is what a build worker runs — in a local process pool or on a Dask worker.
It takes everything it needs in the :class:`ReportJob` (the notebook's text, the parameters) and
returns everything it made in the :class:`ReportResult` (the executed notebook and the HTML as
text). It never writes a file: the build process writes every output, atomically, so a worker
that dies or is cancelled cannot leave a half-written report, and Dask workers need no shared
file system for outputs.

:func:`normalise_notebook` makes an executed notebook byte-identical run to run (papermill
timings and paths removed, cell ids numbered); ``stargate.build.rerun_notebooks`` reuses it.
"""

from __future__ import annotations

import contextlib
import contextvars
import json
import logging
import os
import signal
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
#: Longest Unix socket path (``sun_path`` holds 108 bytes on Linux, 104 on macOS).
_MAX_SOCKET_PATH = 100
#: Longest wait for the warm-kernel template to finish its imports before a kernel starts cold.
TEMPLATE_WAIT_S = 60.0


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
        preload: modules the notebooks import; non-empty turns on warm kernels (see
            :class:`WarmKernels`) — forked from a process that imported them already.
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
    preload: tuple[str, ...] = ()


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
        partial_text: the normalised partial notebook of a failed run, when there is one.
        cell_index: 0-based index of the failing cell in the executed notebook (the injected
            parameters cell counts; papermill's error marker cells do not).
        execution_count: the failing cell's ``In [n]`` number.
        error: ``"ExceptionType: first line of the message"`` for a failure.
    """

    scenario: str
    notebook: str
    ok: bool
    seconds: float
    ipynb_text: str | None = None
    html_text: str | None = None
    partial_text: str | None = None
    cell_index: int | None = None
    execution_count: int | None = None
    error: str = ""
    worker: dict[str, Any] = field(default_factory=dict)


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


# --------------------------------------------------------------------------- kernels

#: Kernel managers of the reports running in this process, by build id.
_KERNELS: dict[str, set[Any]] = {}
_KERNELS_LOCK = threading.Lock()
_build_id: contextvars.ContextVar[str] = contextvars.ContextVar("stargate_build_id", default="")
_warm_kernels: contextvars.ContextVar[WarmKernels | None] = contextvars.ContextVar(
    "stargate_warm_kernels", default=None
)


def _ipc_path() -> str | None:
    """A new, unique path prefix for a kernel's five Unix sockets (None: use TCP).

    With TCP, jupyter_client picks five free ports by binding port 0 and closing the socket,
    writes them to the connection file, and the kernel binds them a moment later. Its port
    cache only keeps kernels of *one* process apart: two build workers (or two builds) can
    pick the same port in that gap, and the kernel that binds second dies at start
    ("Kernel died before replying to kernel_info"; when it is the iopub port, the kernel
    hangs instead and the report fails after 60 s). Unix sockets named after a random id
    have no shared namespace to race in (jupyter/jupyter_client#487, nteract/papermill#511).
    """
    import tempfile

    if os.name != "posix":
        return None
    path = os.path.join(tempfile.gettempdir(), f"stargate-kernel-{uuid.uuid4().hex[:12]}")
    return path if len(path) + 2 <= _MAX_SOCKET_PATH else None  # + "-1" … "-5"


@lru_cache(maxsize=1)
def _tracked_kernel_manager() -> type:
    """The kernel manager class for nbclient: registers each started kernel by build id.

    A cancelled Dask build calls :func:`kill_kernels` on every worker: Dask cannot interrupt a
    running task, but killing its kernel ends it at once.

    Kernels talk to the worker over Unix sockets, not local TCP ports (see :func:`_ipc_path`).
    """
    from jupyter_client.manager import AsyncKernelManager

    class TrackedKernelManager(AsyncKernelManager):  # type: ignore[misc]
        def __init__(self, **kwargs: Any) -> None:
            path = None if "transport" in kwargs or "ip" in kwargs else _ipc_path()
            if path is not None:
                kwargs.update(transport="ipc", ip=path)
            super().__init__(**kwargs)

        async def _async_start_kernel(self, **kwargs: Any) -> None:
            key = _build_id.get()
            with _KERNELS_LOCK:
                _KERNELS.setdefault(key, set()).add(self)
            await super()._async_start_kernel(**kwargs)

        start_kernel = _async_start_kernel

        async def _async_cleanup_resources(self, restart: bool = False) -> None:
            with _KERNELS_LOCK:
                for managers in _KERNELS.values():
                    managers.discard(self)
            await super()._async_cleanup_resources(restart=restart)

        cleanup_resources = _async_cleanup_resources

        async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: Any) -> None:
            warm = _warm_kernels.get()
            pid = warm.launch(kernel_cmd, kw) if warm is not None else None
            if pid is None:  # no warm kernels (yet): an ordinary kernel process
                await super()._async_launch_kernel(kernel_cmd, **kw)
                return
            provisioner = self.provisioner
            provisioner.process = _ForeignProcess(pid)
            provisioner.pid = provisioner.pgid = pid  # the child called setsid()
            provisioner.cwd = kw.get("cwd")
            self._reconcile_connection_info(provisioner.connection_info)

        _launch_kernel = _async_launch_kernel

    return TrackedKernelManager


def kill_kernels(build_id: str) -> int:
    """Kill the kernels this process runs for ``build_id``; returns how many.

    Run on Dask workers (``client.run``) when a build is cancelled.
    """
    with _KERNELS_LOCK:
        managers = _KERNELS.pop(build_id, set())
    killed = 0
    for km in managers:
        process = getattr(getattr(km, "provisioner", None), "process", None)
        if process is None:
            continue
        try:
            os.killpg(process.pid, signal.SIGKILL)  # the kernel leads its own session
        except OSError:
            continue
        killed += 1
        with contextlib.suppress(Exception):
            km.cleanup_connection_file()
        with contextlib.suppress(Exception):
            km.cleanup_ipc_files()
    return killed


# --------------------------------------------------------------------------- warm kernels


class WarmKernels:
    """Kernels forked from a process that has imported the notebooks' modules already.

    A report's kernel spends ≈2 s of CPU starting: ipykernel, pandas, Altair, the stargate
    library, the facts register. Each worker starts one *template* process that pays this once
    (:func:`template_main`); a kernel is then a ``fork()`` of it running ``IPKernelApp`` with the
    connection file nbclient wrote, in a new session, with nbclient's environment and working
    directory — what ``python -m ipykernel_launcher`` would do, minus the imports. The
    notebook's cells run exactly as in a fresh kernel (the modules are the same files, just
    imported earlier), so outputs are byte-identical; the build tests compare both kinds.

    A kernel waits for the template to be ready (up to :data:`TEMPLATE_WAIT_S`); if it cannot
    serve, kernels start the ordinary way.
    """

    def __init__(self, preload: tuple[str, ...]):
        import socket
        import subprocess
        import sys

        self.preload = preload
        self._lock = threading.Lock()
        self._ready = False
        self._broken = False
        ours, theirs = socket.socketpair()
        try:
            self._proc = subprocess.Popen(
                [
                    sys.executable,
                    "-c",
                    "from stargate.build.execute import template_main as m; m()",
                ],
                pass_fds=[theirs.fileno()],
                stdin=subprocess.DEVNULL,
                env={
                    **os.environ,
                    "STARGATE_TEMPLATE_FD": str(theirs.fileno()),
                    "STARGATE_TEMPLATE_PRELOAD": json.dumps(list(preload)),
                },
            )
        finally:
            theirs.close()
        self._sock = ours
        self._reader = ours.makefile("rb")

    def _check_ready(self, wait_s: float = 0.0) -> bool:
        import select

        if not self._ready and not self._broken:
            readable, _, _ = select.select([self._sock], [], [], wait_s)
            if readable:
                line = self._reader.readline()
                self._ready = line.strip() == b'{"ready": true}'
                self._broken = not self._ready
        return self._ready

    def launch(self, cmd: list[str], kwargs: dict[str, Any]) -> int | None:
        """Fork a kernel for ``cmd`` (an ``ipykernel_launcher`` command); its pid, or None."""
        if len(cmd) < 3 or cmd[1:3] != ["-m", "ipykernel_launcher"]:
            return None
        if kwargs.get("cwd") and not os.path.isdir(kwargs["cwd"]):
            return None  # let the ordinary launch report it
        with self._lock:
            # Waiting for the template costs no more than a new kernel importing the same
            # modules itself, and its imports then serve every later kernel too.
            if not self._check_ready(wait_s=TEMPLATE_WAIT_S):
                return None
            request = {
                "argv": cmd[3:],
                "env": kwargs.get("env") or dict(os.environ),
                "cwd": str(kwargs.get("cwd") or os.getcwd()),
            }
            try:
                self._sock.sendall(json.dumps(request).encode() + b"\n")
                reply = json.loads(self._reader.readline() or b"{}")
            except (OSError, ValueError):
                self._broken, self._ready = True, False
                return None
        pid = reply.get("pid")
        return pid if isinstance(pid, int) else None

    def close(self) -> None:
        """Stop the template (kernels it forked watch it and stop too)."""
        with contextlib.suppress(OSError):
            self._sock.close()
        with contextlib.suppress(Exception):
            self._proc.wait(timeout=5)


class _ForeignProcess:
    """A ``Popen``-like handle on a kernel forked by the template (not our child)."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int):
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                os.kill(self.pid, 0)
            except ProcessLookupError:
                self.returncode = 0
            except PermissionError:
                pass
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise TimeoutError(f"kernel {self.pid} still running")
            time.sleep(0.01)
        return self.returncode or 0

    def send_signal(self, signum: int) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signum)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


def template_main() -> None:
    """The template process of :class:`WarmKernels` (run as ``python -c``)."""
    import socket
    import sys

    _die_with_parent()  # the worker: without it, no one needs the template
    fd = int(os.environ.pop("STARGATE_TEMPLATE_FD"))
    preload = json.loads(os.environ.pop("STARGATE_TEMPLATE_PRELOAD", "[]"))
    sock = socket.socket(fileno=fd)
    reader = sock.makefile("rb")
    _import_as_in_a_kernel(["ipykernel.kernelapp", *preload])
    with contextlib.suppress(Exception):  # the facts register: ≈0.6 s of YAML per kernel
        facts = sys.modules.get("stargate.facts")
        if facts is not None:
            facts.all_facts()

    def reap(signum: int, frame: Any) -> None:
        with contextlib.suppress(ChildProcessError):
            while os.waitpid(-1, os.WNOHANG)[0]:
                pass

    signal.signal(signal.SIGCHLD, reap)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    sock.sendall(b'{"ready": true}\n')
    for line in reader:  # until the worker closes the socket
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            reader.close()
            sock.close()
            _run_forked_kernel(request)
        sock.sendall(json.dumps({"pid": pid}).encode() + b"\n")


class ZMQInteractiveShell:
    """Stands for the kernel's shell while the template imports modules.

    Some libraries look at their surroundings when imported: pandas, for one, sets
    ``display.max_columns`` to 20 inside a Jupyter kernel (``get_ipython()`` has a ``kernel``)
    and to 0 in a terminal, which changes every wide DataFrame's text. Imported under this
    stand-in they take their in-kernel defaults, as in a new kernel. A module whose import
    needs more of a real shell fails here quietly, and the kernel imports it itself.
    """

    kernel = None
    config: dict[str, Any] = {}


def _import_as_in_a_kernel(names: list[str]) -> None:
    import builtins

    shell = ZMQInteractiveShell()
    builtins.get_ipython = lambda: shell  # type: ignore[attr-defined]
    try:
        for name in names:
            with contextlib.suppress(Exception):
                import_module(name)
    finally:
        del builtins.get_ipython  # type: ignore[attr-defined]


def _run_forked_kernel(request: dict[str, Any]) -> None:
    """In the forked child: become ``python -m ipykernel_launcher <argv>``; never returns."""
    import atexit
    import sys

    code = 1
    try:
        os.setsid()
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.close(devnull)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        os.environ["JPY_PARENT_PID"] = str(os.getppid())  # the template: kernels stop with it
        if sys.path and sys.path[0] in ("", os.getcwd()):
            del sys.path[0]  # as ipykernel_launcher does
        from ipykernel import kernelapp

        # IPKernelApp read JPY_PARENT_PID when the template imported it: say it again, so
        # the kernel watches its parent (and prints no "connect another client" banner).
        parent = f"--IPKernelApp.parent_handle={os.getppid()}"
        sys.argv = [kernelapp.__file__, *request["argv"], parent]
        kernelapp.launch_new_instance()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 0
    except BaseException:
        import traceback

        traceback.print_exc()
    finally:
        with contextlib.suppress(Exception):
            atexit._run_exitfuncs()
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)


_WARM: WarmKernels | None = None
_WARM_LOCK = threading.Lock()


def warm_kernels(preload: tuple[str, ...]) -> WarmKernels | None:
    """The :class:`WarmKernels` of this process for ``preload`` (started on first use)."""
    global _WARM
    if not preload or not hasattr(os, "fork"):
        return None
    with _WARM_LOCK:
        if _WARM is None or _WARM.preload != preload:
            if _WARM is not None:
                _WARM.close()
            _WARM = WarmKernels(preload)
        return _WARM


def notebook_imports(notebook_text: str) -> list[str]:
    """Modules a notebook imports (``import x`` / ``from x import y`` in its code cells)."""
    import ast

    names: dict[str, None] = {}
    for cell in json.loads(notebook_text).get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else source
        try:
            tree = ast.parse(source)
        except SyntaxError:  # IPython magics and the like
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(dict.fromkeys(alias.name for alias in node.names))
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names[node.module] = None
                # ``from stargate import charts``: the names may be submodules (if they are
                # not, the template's import of them fails quietly).
                names.update(dict.fromkeys(f"{node.module}.{a.name}" for a in node.names))
    return list(names)


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


def _register_memory_io() -> None:
    global _registered
    if not _registered:
        from papermill.iorw import papermill_io

        papermill_io.register(_MEMORY_SCHEME, _MemoryIO)
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
    key = uuid.uuid4().hex
    in_path = f"{_MEMORY_SCHEME}{key}/in/{name}.ipynb"
    out_path = f"{_MEMORY_SCHEME}{key}/out/{name}.ipynb"
    _MemoryIO.write(notebook_text, in_path)
    engine_kwargs: dict[str, Any] = {
        "shutdown_kernel": "immediate",
        # ipykernel 7 warns on stderr at every start that local TCP is unencrypted.
        "extra_arguments": ["--IPKernelApp.log_level=ERROR"],
        "kernel_manager_class": _tracked_kernel_manager(),
    }
    if cwd:
        # The kernel starts in ``cwd`` (nbclient's resources path). Unlike papermill's own
        # ``cwd=`` this does not chdir the whole process, so threaded Dask workers are safe.
        engine_kwargs["resources"] = {"metadata": {"path": cwd}}
    if timeout_s:
        engine_kwargs["execution_timeout"] = timeout_s
    try:
        return papermill.execute_notebook(
            in_path,
            out_path,
            parameters=parameters or None,
            kernel_name=KERNEL_NAME,
            progress_bar=False,
            request_save_on_cell_execute=False,
            **engine_kwargs,
        )
    except PapermillExecutionError as exc:
        raise ExecutionFailed(exc, _MemoryIO.store.get(out_path)) from None
    finally:
        with _MemoryIO._lock:
            _MemoryIO.store.pop(in_path, None)
            _MemoryIO.store.pop(out_path, None)


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


def init_worker(preload: tuple[str, ...] = ()) -> None:
    """Initializer of local pool workers: Ctrl-C is the build process's to handle.

    The build process stops workers with SIGTERM; a worker in the middle of a report then
    unwinds (papermill shuts the kernel down) and exits. With ``preload``, the warm-kernel
    template starts now, importing while the worker prepares its first report.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _on_sigterm)
    _die_with_parent()
    if preload:
        warm_kernels(preload)


def _die_with_parent() -> None:
    """Have Linux send this process SIGTERM when its parent dies (even by SIGKILL).

    A pool worker otherwise waits forever for work from a build process that is gone, and a
    warm-kernel template would finish its imports first.
    """
    import sys

    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(Exception):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGTERM)
        if os.getppid() == 1:  # the parent died before prctl took effect
            os._exit(128 + signal.SIGTERM)


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
    token = _build_id.set(job.build_id)
    warm_token = _warm_kernels.set(warm_kernels(job.preload))
    try:
        return _run_report(job)
    except _Terminated:
        os._exit(128 + signal.SIGTERM)
    finally:
        _warm_kernels.reset(warm_token)
        _build_id.reset(token)
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
    except Exception as exc:  # kernel died, timeout, bad notebook JSON...
        return failed(one_line_error(type(exc).__name__, str(exc)))
    normalise_notebook(nb, record)
    ipynb_text = notebook_to_text(nb)
    try:
        render = _load_renderer(job.html_renderer)
        html_text = render(nb)
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
        worker={"pid": os.getpid()},
    )


def _failure_notebook(error: str, record: dict[str, Any]) -> str:
    """A one-cell notebook recording a failure that left no partial run (kernel died...)."""
    import nbformat.v4

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(f"The build of this report failed:\n\n    {error}")]
    return notebook_to_text(normalise_notebook(nb, record))


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
