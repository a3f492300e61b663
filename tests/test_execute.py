"""Kernel start-up in ``stargate.build.kernels``: the port race between parallel build workers.

With local TCP, jupyter_client picks each kernel port by binding port 0 and closing the socket;
the kernel binds it a moment later. Its port cache only keeps apart the kernels of one process,
so a second build worker (or a second build) can take the port in that gap, and the kernel dies
at start: ``RuntimeError: Kernel died before replying to kernel_info`` about a second after the
report started. The tests make that happen every time: each port handed out is taken at once.
"""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
from pathlib import Path

import nbformat
import pytest
from jupyter_client.connect import LocalPortCache

from stargate.build import execute
from stargate.build import kernels as build_kernels

pytestmark = pytest.mark.skipif(os.name != "posix", reason="Unix sockets")

CELL = (
    "from ipykernel.kernelapp import IPKernelApp\n"
    "app = IPKernelApp.instance()\n"
    "print(app.transport, x)"
)


def _notebook() -> str:
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell("x = 0")
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, nbformat.v4.new_code_cell(CELL)]
    nb.metadata["kernelspec"] = dict(execute.KERNELSPEC)
    return nbformat.writes(nb)


@pytest.fixture
def kernels():
    """Kernels started as new processes, tracked under no build."""
    with build_kernels.kernels_of_build(""):
        yield "new"


@pytest.fixture
def ports_taken(monkeypatch):
    """Another process binds every local port jupyter_client picks, before the kernel does."""
    taken: list[socket.socket] = []
    pick = LocalPortCache.find_available_port

    def pick_and_lose(self, ip: str) -> int:
        port = pick(self, ip)
        thief = socket.socket()
        thief.bind((ip, port))
        thief.listen()
        taken.append(thief)
        return port

    monkeypatch.setattr(LocalPortCache, "find_available_port", pick_and_lose)
    yield taken
    for thief in taken:
        thief.close()


def test_a_kernel_port_taken_by_another_process_does_not_fail_the_report(kernels, ports_taken):
    nb = execute.execute_notebook(_notebook(), {"x": 7}, timeout_s=60)
    assert nb.cells[-1].outputs[0]["text"] == "ipc 7\n"


def test_kernels_leave_no_socket_files_behind(kernels, monkeypatch):
    # A short folder of its own: under pytest-xdist, tmp_path is too long for a socket path
    # (the kernel would talk TCP).
    sockets = Path(tempfile.mkdtemp(prefix="sg-t-"))
    try:
        monkeypatch.setattr(tempfile, "tempdir", str(sockets))
        for x in (1, 2):
            nb = execute.execute_notebook(_notebook(), {"x": x}, timeout_s=60)
            assert nb.cells[-1].outputs[0]["text"] == f"ipc {x}\n"
        assert sorted(p.name for p in sockets.iterdir()) == []
    finally:
        shutil.rmtree(sockets, ignore_errors=True)


def test_a_long_temp_dir_falls_back_to_tcp(monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", "/" + "d" * 120)
    assert build_kernels._ipc_path() is None
    monkeypatch.setattr(tempfile, "tempdir", "/tmp")
    first, second = build_kernels._ipc_path(), build_kernels._ipc_path()
    assert first and second and first != second and first.startswith("/tmp/stargate-kernel-")


def test_a_sigterm_lost_in_a_callback_is_delivered_again(monkeypatch) -> None:
    """A worker's SIGTERM raised inside a weakref callback reaches the unraisable hook, which
    sends it again (so the report still unwinds) and prints nothing; other errors go on to
    Python's own hook."""
    import signal
    import sys
    from types import SimpleNamespace

    from stargate.build import execute

    sent: list[tuple[int, int]] = []
    passed_on: list[object] = []
    monkeypatch.setattr(execute.os, "kill", lambda pid, sig: sent.append((pid, sig)))
    monkeypatch.setattr(sys, "__unraisablehook__", passed_on.append)
    execute._on_unraisable(SimpleNamespace(exc_value=execute._Terminated()))
    assert sent == [(execute.os.getpid(), signal.SIGTERM)] and passed_on == []
    other = SimpleNamespace(exc_value=ValueError("x"))
    execute._on_unraisable(other)
    assert passed_on == [other] and len(sent) == 1
