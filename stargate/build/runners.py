"""Where reports run: worker processes on this machine, or a Dask cluster.

A runner takes picklable jobs (by default :class:`stargate.build.execute.ReportJob`, run by
:func:`stargate.build.execute.run_report`) and yields their results as they finish; a worker
that dies becomes a failed result, never an exception. Leaving a runner's ``with`` block on an
exception (Ctrl-C, SIGTERM) stops its workers and their kernels. Nothing here writes a file.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from stargate.build.plan import BuildInputError

#: How local workers start on Linux (None: ``fork``). ``stargate build --watch`` sets
#: ``forkserver`` after its first build: that build started vl-convert in this process (the
#: comparison charts), whose JavaScript engine runs on a thread a forked child would not have.
WORKER_START_METHOD: str | None = None


def default_jobs() -> int:
    """The machine's cores available to this process."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def _crashed(job: Any, exc: BaseException) -> Any:
    from stargate.build.execute import ReportResult, one_line_error

    error = one_line_error(type(exc).__name__, str(exc))
    return ReportResult(job.scenario, job.notebook, False, 0.0, error=f"worker crashed: {error}")


def set_environment(env: dict[str, str]) -> None:
    """Set ``env`` in this process (run on each worker of an existing Dask cluster)."""
    os.environ.update(env)


class LocalRunner:
    """Worker processes running ``fn``; Ctrl-C terminates them.

    Each worker is its own single-process pool (*slot*) fed one job at a time, so a worker that
    dies (killed, out of memory) fails only the job it was running: its slot gets a new worker
    and the other jobs go on. (One shared ``ProcessPoolExecutor`` would fail every queued job
    with ``BrokenProcessPool``.)

    Args:
        n_workers: worker processes.
        fn: a picklable function of one job (default :func:`stargate.build.execute.run_report`).
    """

    name = "local"

    def __init__(
        self,
        n_workers: int,
        fn: Callable[[Any], Any] | None = None,
    ):
        self.n_workers = max(1, n_workers)
        self.fn = fn
        self.slots: list[Any] = []
        self.retired: list[Any] = []
        self.pending: list[Any] = []
        #: Running jobs: future -> (slot index, job).
        self.futures: dict[Any, tuple[int, Any]] = {}

    def _new_pool(self, context: Any) -> Any:
        import concurrent.futures as cf

        from stargate.build.execute import init_worker

        return cf.ProcessPoolExecutor(max_workers=1, mp_context=context, initializer=init_worker)

    def __enter__(self) -> LocalRunner:
        import multiprocessing

        # fork: workers start in milliseconds. Each is forked at its first submit, in
        # submit_all, before the progress bar starts its thread.
        method = WORKER_START_METHOD or "fork"
        context = multiprocessing.get_context(method) if sys.platform == "linux" else None
        self.slots = [self._new_pool(context) for _ in range(self.n_workers)]
        return self

    def _submit(self, slot: int) -> None:
        from stargate.build.execute import run_report

        if self.pending:
            job = self.pending.pop(0)
            future = self.slots[slot].submit(self.fn or run_report, job)
            self.futures[future] = (slot, job)

    def submit_all(self, jobs: Sequence[Any]) -> None:
        """Queue every job; each idle slot starts one (forks workers: call before any thread)."""
        self.pending.extend(jobs)
        busy = {slot for slot, _ in self.futures.values()}
        for slot in range(len(self.slots)):
            if slot not in busy:
                self._submit(slot)

    def _replace(self, slot: int) -> None:
        """A new worker for a slot whose worker died.

        Started with ``forkserver``, not ``fork``: other threads (the progress bar) run by now,
        and a fork could copy a lock one of them holds.
        """
        import multiprocessing

        self.retired.append(self.slots[slot])
        with contextlib.suppress(Exception):
            self.slots[slot].shutdown(wait=False, cancel_futures=True)
        method = "forkserver" if sys.platform == "linux" else None
        context = multiprocessing.get_context(method) if method else None
        self.slots[slot] = self._new_pool(context)

    def outcomes(self) -> Iterator[tuple[Any, Any, BaseException | None]]:
        """``(job, result, None)`` or ``(job, None, exception)`` as jobs finish."""
        import concurrent.futures as cf
        from concurrent.futures.process import BrokenProcessPool

        while self.futures:
            done, _ = cf.wait(list(self.futures), return_when=cf.FIRST_COMPLETED)
            for future in done:
                slot, job = self.futures.pop(future)
                try:
                    result = future.result()
                except BrokenProcessPool as exc:  # this slot's worker died
                    self._replace(slot)
                    self._submit(slot)
                    yield job, None, exc
                    continue
                except Exception as exc:  # the job's function raised
                    self._submit(slot)
                    yield job, None, exc
                    continue
                self._submit(slot)
                yield job, result, None

    def results(self) -> Iterator[Any]:
        """Report results as they finish; a crashed worker becomes a failed result."""
        for job, result, exc in self.outcomes():
            yield result if exc is None else _crashed(job, exc)

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        if exc_type is None:
            for pool in self.slots + self.retired:
                pool.shutdown(wait=True)
            return
        self.terminate()

    def processes(self) -> list[Any]:
        """The worker processes of every slot (alive or not)."""
        # No public API before Python 3.14 (terminate_workers); each pool's own table of
        # processes is the only handle on them.
        return [
            proc
            for pool in self.slots + self.retired
            for proc in list((getattr(pool, "_processes", None) or {}).values())
        ]

    def terminate(self) -> None:
        """Cancel queued reports and stop the workers (each shuts its kernel down)."""
        processes = self.processes()
        self.pending.clear()
        for pool in self.slots + self.retired:
            with contextlib.suppress(Exception):
                pool.shutdown(wait=False, cancel_futures=True)
        for proc in processes:
            with contextlib.suppress(Exception):
                proc.terminate()
        deadline = time.monotonic() + 15
        for proc in processes:
            with contextlib.suppress(Exception):
                proc.join(max(0.1, deadline - time.monotonic()))
        for proc in processes:
            with contextlib.suppress(Exception):
                if proc.is_alive():
                    proc.kill()
                    proc.join(2)
        # Join each pool's manager thread now that its worker is gone: left running, it meets
        # Python's exit hooks with a closed pipe and prints a traceback.
        for pool in self.slots + self.retired:
            with contextlib.suppress(Exception):
                pool.shutdown(wait=True, cancel_futures=True)


class DaskRunner:
    """The same jobs on Dask: a LocalCluster, or an existing cluster at ``scheduler``."""

    name = "dask"

    def __init__(self, n_workers: int, scheduler: str | None, env: dict[str, str] | None = None):
        self.n_workers = n_workers
        self.scheduler = scheduler
        #: Environment variables for the workers' kernels (a local cluster's workers inherit
        #: them from this process; an existing cluster's workers are given them).
        self.env = dict(env or {})
        self.cluster: Any = None
        self.client: Any = None
        self.futures: dict[Any, Any] = {}

    def __enter__(self) -> DaskRunner:
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
                if self.env:
                    self.client.run(set_environment, self.env)
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
        """Queue every job on the cluster, each under a key naming its report."""
        import uuid

        from stargate.build.execute import run_report

        for job in jobs:
            key = f"stargate-{job.scenario}-{job.notebook}-{uuid.uuid4().hex[:8]}"
            self.futures[self.client.submit(run_report, job, key=key, pure=False)] = job

    def results(self) -> Iterator[Any]:
        """Report results as they finish; a lost worker becomes a failed result."""
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
