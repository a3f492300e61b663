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


class LocalRunner:
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

    def __enter__(self) -> LocalRunner:
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


class DaskRunner:
    """The same jobs on Dask: a LocalCluster, or an existing cluster at ``scheduler``."""

    name = "dask"

    def __init__(self, n_workers: int, scheduler: str | None):
        self.n_workers = n_workers
        self.scheduler = scheduler
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
