"""The kernels reports run in: tracked per build, on Unix sockets, forked warm from a template.

- :func:`tracked_kernel_manager` is the kernel manager nbclient uses: each kernel talks over Unix
  sockets (no local TCP port to race for) and is registered under its build, so
  :func:`kill_kernels` can end a cancelled build's kernels on a Dask worker.
- :class:`WarmKernels` forks kernels from a *template* process (:func:`template_main`) that
  imported the notebooks' modules once (:func:`notebook_imports` finds them), instead of starting
  each kernel from scratch; outputs are byte-identical either way.
- :func:`kernels_of_build` says, around one report's run, which build and which template the
  kernels started in it belong to.
"""

from __future__ import annotations

import contextlib
import contextvars
import json
import os
import signal
import threading
import time
import uuid
from collections.abc import Iterator
from functools import lru_cache
from importlib import import_module
from typing import Any

#: Longest Unix socket path (``sun_path`` holds 108 bytes on Linux, 104 on macOS).
_MAX_SOCKET_PATH = 100
#: Longest wait for the warm-kernel template to finish its imports before a kernel starts cold.
TEMPLATE_WAIT_S = 60.0

#: Kernel managers of the reports running in this process, by build id.
_KERNELS: dict[str, set[Any]] = {}
_KERNELS_LOCK = threading.Lock()
_build_id: contextvars.ContextVar[str] = contextvars.ContextVar("stargate_build_id", default="")
_warm_kernels: contextvars.ContextVar[WarmKernels | None] = contextvars.ContextVar(
    "stargate_warm_kernels", default=None
)


@contextlib.contextmanager
def kernels_of_build(build_id: str, warm: WarmKernels | None) -> Iterator[None]:
    """Kernels started inside belong to ``build_id`` and fork from ``warm`` (None: new processes).

    Both are context variables: the kernel manager nbclient starts inside reads them, and reports
    run side by side in threads do not see each other's.
    """
    token = _build_id.set(build_id)
    warm_token = _warm_kernels.set(warm)
    try:
        yield
    finally:
        _warm_kernels.reset(warm_token)
        _build_id.reset(token)


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
def tracked_kernel_manager() -> type:
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
            _note_exit(getattr(getattr(self, "provisioner", None), "process", None))
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


_last_exit: list[str] = []


def _note_exit(process: Any) -> None:
    """Remember how a kernel process ended, if it ended badly (see :func:`last_kernel_exit`)."""
    code = getattr(process, "returncode", None)
    if process is None or isinstance(process, _ForeignProcess) or not code:
        return  # running, exited 0, or a forked kernel (its status is its template's to read)
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        _last_exit[:] = [f"kernel killed by {name}"]
    else:
        _last_exit[:] = [f"kernel exited with code {code}"]


def last_kernel_exit() -> str:
    """How the last kernel that ended badly in this process ended ('' if none); forgets it."""
    note = _last_exit[0] if _last_exit else ""
    _last_exit.clear()
    return note


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
                    "from stargate.build.kernels import template_main as m; m()",
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

    die_with_parent()  # the worker: without it, no one needs the template
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


def die_with_parent() -> None:
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
