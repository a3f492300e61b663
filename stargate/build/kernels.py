"""The kernels reports run in: tracked per build, on Unix sockets, each a new process.

- :func:`tracked_kernel_manager` is the kernel manager nbclient uses: each kernel talks over Unix
  sockets (no local TCP port to race for) and is registered under its build, so
  :func:`kill_kernels` can end a cancelled build's kernels on a Dask worker.
- :func:`kernels_of_build` says, around one report's run, which build the kernels started in it
  belong to.

(Kernels forked warm from a template process that had imported the notebooks' modules were
tried and removed: issue 16 measured no gain a user could see, for ≈250 lines.)
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import signal
import threading
import uuid
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

#: Longest Unix socket path (``sun_path`` holds 108 bytes on Linux, 104 on macOS).
_MAX_SOCKET_PATH = 100

#: Kernel managers of the reports running in this process, by build id.
_KERNELS: dict[str, set[Any]] = {}
_KERNELS_LOCK = threading.Lock()
_build_id: contextvars.ContextVar[str] = contextvars.ContextVar("stargate_build_id", default="")


@contextlib.contextmanager
def kernels_of_build(build_id: str) -> Iterator[None]:
    """Kernels started inside belong to ``build_id`` (:func:`kill_kernels` stops them).

    A context variable: the kernel manager nbclient starts inside reads it, and reports run
    side by side in threads do not see each other's.
    """
    token = _build_id.set(build_id)
    try:
        yield
    finally:
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

    return TrackedKernelManager


_last_exit: list[str] = []


def _note_exit(process: Any) -> None:
    """Remember how a kernel process ended, if it ended badly (see :func:`last_kernel_exit`)."""
    code = getattr(process, "returncode", None)
    if process is None or not code:
        return  # running, or exited 0
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


def die_with_parent() -> None:
    """Have Linux send this process SIGTERM when its parent dies (even by SIGKILL).

    A pool worker otherwise waits forever for work from a build process that is gone.
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
