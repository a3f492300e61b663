"""Safe writes: every output file is replaced atomically, and leftovers can be swept.

The lowest layer of the package (no stargate imports): the build, the pages and the notebook
re-run all write through :func:`write_text_atomic`, and caches through :func:`write_cache`.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

#: Marker in the names of temporary files; a build sweeps leftovers carrying it.
TMP_MARK = ".stargate-tmp"


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` through a temporary file in the same folder.

    Readers see the old file or the new one, never a half-written one; on any error (Ctrl-C
    included) the temporary file is removed and the old file is left as it was.

    Raises:
        WriteError: the file could not be written; it names ``path`` (never the temporary
            file) and the reason.
    """
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TMP_MARK)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as exc:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        if isinstance(exc, OSError) and not isinstance(exc, WriteError):
            raise WriteError(path, exc) from exc
        raise


class WriteError(OSError):
    """A file could not be written: ``filename`` is the file meant, ``strerror`` the reason."""

    def __init__(self, path: Path, cause: OSError):
        reason = cause.strerror or str(cause) or type(cause).__name__
        super().__init__(cause.errno, reason, str(path))

    def __str__(self) -> str:
        return f"cannot write {self.filename}: {self.strerror}"


def leftover_temp_files(out_dir: Path) -> Iterator[Path]:
    """Temporary files a killed build may have left under ``out_dir``."""
    if out_dir.is_dir():
        yield from (p for p in out_dir.rglob(f"*{TMP_MARK}") if p.is_file())


def remove_leftovers(out_dir: Path) -> int:
    """Delete :func:`leftover_temp_files`; returns how many were removed."""
    count = 0
    for path in list(leftover_temp_files(out_dir)):
        with contextlib.suppress(OSError):
            path.unlink()
            count += 1
    return count


def write_cache(path: Path, text: str) -> None:
    """Write a cache file atomically; a cache that cannot be written only costs time."""
    with contextlib.suppress(OSError):
        write_text_atomic(path, text)
