"""The reports folder: one build at a time, proven writable, written one whole report at a time.

Only the build process writes here — every file through a temporary file and ``os.replace``
(:func:`stargate.files.write_text_atomic`) — while it holds ``<out_dir>/.lock``
(:func:`build_lock`). A report's page and its executed notebook both carry the input hash, and a
report is fresh only when both carry the current one, so an interruption between the two writes
leaves a stale report, never a mixed pair that passes as fresh. Report folders whose scenario
file is gone are named (:func:`orphan_scenarios`), never deleted.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from stargate.build.freshness import failed_path, language_page, report_paths
from stargate.build.plan import BuildInputError
from stargate.files import write_text_atomic
from stargate.scenario import display_path, list_scenarios

LOCK_NAME = ".lock"


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


def check_writable(folder: Path) -> None:
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


def store_result(out_dir: Path, result: Any) -> None:
    """Write one result: the report (HTML first, the notebook carrying the hash last).

    Then the report's summary for the index pages (``stargate.publish.site.read_summary``): a
    cache naming the notebook's bytes, so a summary left over from an earlier notebook is
    never used.
    """
    ipynb, html = report_paths(out_dir, result.scenario, result.notebook)
    failed = failed_path(out_dir, result.scenario, result.notebook)
    if result.ok:
        # Pages in other languages first (reports/<lang>/<scenario>/), then the English page,
        # then the notebook carrying the hash: a report is fresh only once all are written.
        # A language this run did not write (STARGATE_LANGUAGES=en) loses its older page: its
        # index would otherwise show this run's figures and link to that page's older ones.
        from stargate.present.i18n import OTHER_LANGUAGES

        twins = getattr(result, "html_twins", None) or {}
        for code in OTHER_LANGUAGES:
            if code not in twins:
                language_page(out_dir, code, result.scenario, result.notebook).unlink(
                    missing_ok=True
                )
        for code, text in twins.items():
            write_text_atomic(language_page(out_dir, code, result.scenario, result.notebook), text)
        write_text_atomic(html, result.html_text)
        write_text_atomic(ipynb, result.ipynb_text)
        summary = getattr(result, "summary", None)
        if summary is not None:
            from stargate.files import write_cache
            from stargate.publish.site import summary_path, summary_text

            text = summary_text(result.ipynb_text.encode("utf-8"), summary)
            write_cache(summary_path(out_dir, result.scenario, result.notebook), text)
        if failed.exists():
            failed.unlink()
            with contextlib.suppress(OSError):  # drop the _failed folders once empty
                failed.parent.rmdir()
                failed.parent.parent.rmdir()
    elif result.partial_text:
        write_text_atomic(failed, result.partial_text)


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
