"""What a report depends on, and whether the report on disk is still fresh.

A report (one notebook run with one scenario) is rebuilt only when an input changed. Its *input
hash* covers:

- the notebook: cell types, sources, attachments and metadata; **not** stored outputs or
  execution counts (``make notebooks`` re-executes notebooks in place; that alone changes no
  report);
- the merged scenario parameters (:meth:`stargate.scenario.Scenario.to_parameters`);
- the library: every ``stargate/**/*.py``, ``stargate/templates/**`` and ``stargate/data/**`` —
  this builder included, since it shapes the output too;
- the versions of the packages that shape output (:data:`OUTPUT_PACKAGES`) and Python's
  ``major.minor``.

The hash is stored in the executed notebook itself (``metadata.stargate.input_hash``) **and** in its
HTML page (``<meta name="stargate-input-hash">``, :func:`stamp_html`); a report is fresh only when
both files carry the current hash, so no interruption between the two writes can leave a page
and a notebook of different inputs that pass as fresh. Freshness is per language: the page in
each language the build is asked for (``STARGATE_LANGUAGES``) must carry the current hash too, so
a report built English-only is stale for a build in both languages. A committed report
carries its own freshness and ``tests/test_committed_reports.py`` can check it. The index pages
carry the :func:`site_digest` of what they were built from the same way.

Only the standard library is imported here: the no-change build must stay well under a second.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import json
import os
import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

#: The installed package folder (``stargate/``); its files are inputs of every report.
PACKAGE_DIR = Path(__file__).resolve().parent.parent
#: Packages whose version can change a report's bytes (distribution names).
OUTPUT_PACKAGES: tuple[str, ...] = (
    "altair",
    "vl-convert-python",
    "pandas",
    "numpy",
    "nbconvert",
    "nbformat",
    "papermill",
    "pydantic",
    # The font static chart SVGs are drawn with (stargate.present.charts.STATIC_FONT).
    "matplotlib-fontja",
)
#: Bump when the meaning of the hash changes (forces every report stale).
HASH_FORMAT = 1
#: Key under the executed notebook's ``metadata`` holding the build record.
META_KEY = "stargate"
#: Per-cell metadata written by papermill / nbclient at run time: never an input.
VOLATILE_CELL_METADATA = ("papermill", "execution")
#: Sub-folder of the output folder for notebooks that failed to execute.
FAILED_DIR = "_failed"
_TAIL_BYTES = 256 * 1024
#: ``<meta name=…>`` carrying a report's input hash in its HTML page.
HTML_HASH_META = "stargate-input-hash"
#: ``<meta name=…>`` carrying the :func:`site_digest` in the index and comparison pages.
SITE_HASH_META = "stargate-site-hash"
#: How far into a page the stamp is looked for (it sits right after ``<head>``).
_HEAD_BYTES = 64 * 1024


# --------------------------------------------------------------------------- inputs


def environment_fingerprint() -> dict[str, str]:
    """Versions of the packages that shape output, plus Python ``major.minor``.

    Returns:
        ``{"python": "3.11", "altair": "6.3.0", ...}``; a package that is not installed maps to
        ``"absent"``.
    """
    versions = {"python": f"{sys.version_info.major}.{sys.version_info.minor}"}
    for name in OUTPUT_PACKAGES:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = "absent"
    return versions


def library_files(package_dir: Path = PACKAGE_DIR) -> list[Path]:
    """The library files that are inputs of every report, in a stable order.

    Args:
        package_dir: the ``stargate`` package folder.

    Returns:
        ``**/*.py`` anywhere in the package, and every file under ``data/``, ``locale/`` (the
        translation catalogs; not the compiled ``.mo`` nor the extracted ``.pot``) and any
        ``templates/`` folder,
        skipping caches and hidden or editor-backup files.
    """
    found: set[Path] = set()
    for path in package_dir.rglob("*"):
        rel = path.relative_to(package_dir)
        if not path.is_file() or any(
            part == "__pycache__" or part.startswith(".") for part in rel.parts
        ):
            continue
        if path.name.endswith(("~", ".pyc", ".swp")):
            continue
        if path.suffix in (".mo", ".pot"):  # built: the .mo from its .po (the input), the
            continue  # .pot by `make translations` (not committed; a fresh clone has none)
        if (
            path.suffix == ".py"
            or rel.parts[0] in ("data", "locale")
            or "templates" in rel.parts[:-1]
        ):
            found.add(path)
    return sorted(found, key=lambda p: p.relative_to(package_dir).as_posix())


def library_digest(package_dir: Path = PACKAGE_DIR) -> str:
    """SHA-256 over the library files' relative paths and bytes (hex)."""
    digest = hashlib.sha256()
    for path in library_files(package_dir):
        digest.update(path.relative_to(package_dir).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


@lru_cache(maxsize=4)
def cached_library_digest(package_dir: Path = PACKAGE_DIR) -> str:
    """:func:`library_digest`, computed once per process (for build workers)."""
    return library_digest(package_dir)


def notebook_inputs(nb_json: Mapping[str, Any]) -> dict[str, Any]:
    """The part of a notebook that can change its executed output.

    Cell outputs, execution counts, cell ids (the builder renumbers them) and run-time cell
    metadata are dropped, so re-executing a notebook in place does not make its reports stale.
    """
    cells = []
    for cell in nb_json.get("cells", []):
        metadata = {
            k: v for k, v in cell.get("metadata", {}).items() if k not in VOLATILE_CELL_METADATA
        }
        kept = {
            "cell_type": cell.get("cell_type"),
            "source": cell.get("source"),
            "metadata": metadata,
        }
        if "attachments" in cell:
            kept["attachments"] = cell["attachments"]
        cells.append(kept)
    metadata = {k: v for k, v in nb_json.get("metadata", {}).items() if k not in ("papermill",)}
    return {"cells": cells, "metadata": metadata}


def notebook_digest(nb_json: Mapping[str, Any]) -> str:
    """SHA-256 (hex) of :func:`notebook_inputs`."""
    return _sha256_json(notebook_inputs(nb_json))


def report_inputs(
    notebook: str, parameters: Mapping[str, Any], library: str, environment: Mapping[str, str]
) -> dict[str, Any]:
    """The inputs of one report, as recorded next to its hash (to tell what changed).

    Args:
        notebook: :func:`notebook_digest` of the notebook.
        parameters: the merged scenario parameters injected into the notebook.
        library: :func:`library_digest`.
        environment: :func:`environment_fingerprint`.
    """
    return {
        "environment": dict(environment),
        "library": library,
        "notebook": notebook,
        "parameters": _sha256_json(parameters),
    }


def input_hash(inputs: Mapping[str, Any]) -> str:
    """The input hash of one report (hex SHA-256 of :func:`report_inputs`)."""
    return _sha256_json({"format": HASH_FORMAT, **inputs})


def describe_change(stored: Mapping[str, Any] | None, current: Mapping[str, Any]) -> str:
    """Which inputs differ between a stored build record's ``inputs`` and ``current``.

    Returns:
        e.g. ``"parameters, pandas 3.1.1 -> 3.2.0"``; ``"unknown"`` without a stored record.
    """
    if not isinstance(stored, Mapping):
        return "unknown"
    changed = [k for k in ("notebook", "parameters", "library") if stored.get(k) != current[k]]
    changed += [k for k in ("static_svg",) if stored.get(k) != current.get(k)]
    old_env = stored.get("environment") or {}
    for name, version in current["environment"].items():
        if old_env.get(name) != version:
            changed.append(f"{name} {old_env.get(name, '?')} -> {version}")
    return ", ".join(changed) or "build format"


def _sha256_json(data: Any) -> str:
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------- reports on disk


def report_paths(out_dir: Path, scenario: str, notebook: str) -> tuple[Path, Path]:
    """``(executed notebook, HTML page)`` of one report under ``out_dir``."""
    folder = out_dir / scenario
    return folder / f"{notebook}.ipynb", folder / f"{notebook}.html"


def twin_paths(out_dir: Path, scenario: str, notebook: str, html: Path) -> list[Path]:
    """The report's pages in other languages that its English page links to.

    Each language has its own folder beside the scenarios (``reports/ja/<scenario>/``); the
    English page names its twins in ``<link rel="alternate" hreflang=…>`` (a renderer that
    writes one language names none, and its reports need none).
    """
    try:
        with html.open("rb") as fh:
            head = fh.read(_HEAD_BYTES)
    except OSError:
        return []
    codes = re.findall(rb'<link rel="alternate" hreflang="([a-z]{2})"', head)
    return [out_dir / code.decode() / scenario / f"{notebook}.html" for code in codes]


def failed_path(out_dir: Path, scenario: str, notebook: str) -> Path:
    """Where the partial notebook of a failed run is kept."""
    return out_dir / FAILED_DIR / scenario / f"{notebook}.ipynb"


def read_record(path: Path) -> dict[str, Any] | None:
    """The build record (``metadata.stargate``) of an executed notebook, or None.

    None when the file is missing, unreadable or carries no record.

    nbformat writes the top-level keys sorted and indented by one space, so ``metadata`` is
    the last object but two: it is read from the file's tail without parsing every output
    (reports with charts run to megabytes). Any other layout falls back to a full parse.
    """
    try:
        with path.open("rb") as fh:
            size = fh.seek(0, os.SEEK_END)
            fh.seek(max(0, size - _TAIL_BYTES))
            tail = fh.read()
            start = tail.rfind(b'\n "metadata": {')
            data: Any = None
            if start >= 0:
                with contextlib.suppress(ValueError):
                    data = json.loads(b"{" + tail[start:])
            if data is None:
                fh.seek(0)
                data = json.load(fh)
    except (OSError, ValueError):
        return None
    record = data.get("metadata", {}).get(META_KEY) if isinstance(data, dict) else None
    return record if isinstance(record, dict) else None


@dataclass(frozen=True)
class Status:
    """Where one report stands against its current inputs.

    ``state`` is one of ``fresh`` (notebook and page both carry the current input hash),
    ``stale`` (built from other inputs, or its page is missing or from other inputs),
    ``failed`` (the last run with these very inputs failed) or ``missing``.
    """

    state: str
    stored_hash: str | None = None
    reason: str = ""


# --------------------------------------------------------------------------- hashes in pages


def _meta_tag(name: str, value: str) -> str:
    return f'<meta name="{name}" content="{value}">'


def stamp_html(text: str, value: str, name: str = HTML_HASH_META) -> str:
    """``text`` (an HTML page) with ``<meta name=NAME content=VALUE>`` right after ``<head>``.

    A stamp already there is replaced. Without a ``<head>`` tag the stamp goes after the
    doctype (the HTML parser puts it in the implied head).
    """
    text = re.sub(rf'<meta name="{re.escape(name)}" content="[^"]*">\n?', "", text, count=1)
    tag = _meta_tag(name, value) + "\n"
    head = re.search(r"<head(\s[^>]*)?>\n?", text[:_HEAD_BYTES], re.IGNORECASE)
    if head is None:
        head = re.match(r"\s*<!doctype[^>]*>\n?", text, re.IGNORECASE)
    at = head.end() if head else 0
    return text[:at] + tag + text[at:]


def read_html_stamp(path: Path, name: str = HTML_HASH_META) -> str | None:
    """The value :func:`stamp_html` put in the page at ``path`` (None: missing, no stamp)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(_HEAD_BYTES)
    except OSError:
        return None
    found = re.search(rf'<meta name="{re.escape(name)}" content="([^"]*)">'.encode(), head)
    return found.group(1).decode() if found else None


def site_digest(
    out_dir: Path,
    scenarios: list[Any],
    library: str,
    environment: Mapping[str, str],
    languages: Sequence[str] = (),
) -> str:
    """What the index and comparison pages are built from, as one hash.

    ``scenarios`` are names, or objects with ``name``, ``title`` and ``description`` (what the
    pages are given). Covers the scenario list (in order, with titles and descriptions), every
    report on disk under each scenario (the input
    hash in its notebook, or the notebook's bytes when it carries none, its page's stamp and
    the stamp of its page in each of ``languages``, so a language's index is rewritten when
    that language's pages change or go),
    the library (the site code is in it) and the output-shaping package versions. Pages whose
    stamp differs are rebuilt: after a scenario is deleted and restored, a report rebuilt, or
    an interrupted or failed write of the pages.
    """
    parts: list[Any] = [HASH_FORMAT, library, dict(environment)]
    for scenario in scenarios:
        name = scenario if isinstance(scenario, str) else scenario.name
        shown = [] if isinstance(scenario, str) else [scenario.title, scenario.description]
        folder = out_dir / name
        reports = []
        for ipynb in sorted(folder.glob("*.ipynb")) if folder.is_dir() else []:
            record = read_record(ipynb)
            stored = record.get("input_hash") if record else None
            if not isinstance(stored, str):
                try:
                    stored = "bytes:" + hashlib.sha256(ipynb.read_bytes()).hexdigest()
                except OSError:
                    stored = "unreadable"
            html = ipynb.with_suffix(".html")
            page = read_html_stamp(html) if html.exists() else "absent"
            twins = [
                read_html_stamp(language_page(out_dir, code, name, ipynb.stem)) or "absent"
                for code in languages
            ]
            reports.append([ipynb.stem, stored, page, *twins])
        parts.append([name, shown, reports])
    return _sha256_json(parts)


def language_page(out_dir: Path, code: str, scenario: str, notebook: str) -> Path:
    """A report's page in language ``code`` (not the source language): ``<code>/<scenario>/``."""
    return out_dir / code / scenario / f"{notebook}.html"


def report_status(
    out_dir: Path,
    scenario: str,
    notebook: str,
    inputs: Mapping[str, Any],
    languages: Sequence[str] = (),
) -> Status:
    """Compare the report on disk with its current ``inputs`` (see :class:`Status`).

    Freshness is per language: ``languages`` are the other languages the build is asked for
    (``STARGATE_LANGUAGES``); each one's page must exist and carry the current input hash, as
    must every twin the English page links to. A report built English-only is therefore stale
    for a build in both languages, while a report in both is fresh for an English-only build.

    ``reason`` says why a report is not fresh (e.g. ``"library, numpy 2.4.6 -> 2.5.0"``).
    """
    current_hash = input_hash(inputs)
    ipynb, html = report_paths(out_dir, scenario, notebook)
    failed = read_record(failed_path(out_dir, scenario, notebook))
    if failed is not None and failed.get("input_hash") == current_hash:
        return Status("failed", current_hash, "the last build with these inputs failed")
    record = read_record(ipynb)
    if record is None:
        if ipynb.exists():
            return Status("stale", None, "no build record in the notebook")
        return Status("missing", None, "not built")
    stored = record.get("input_hash")
    stored = stored if isinstance(stored, str) else None
    if stored == current_hash:
        if not html.exists():
            return Status("stale", stored, "HTML page missing")
        if read_html_stamp(html) != current_hash:
            # A page of other inputs beside this notebook (an interrupted or failed write).
            return Status("stale", stored, "HTML page built from other inputs")
        wanted = [language_page(out_dir, code, scenario, notebook) for code in languages]
        for twin in dict.fromkeys([*wanted, *twin_paths(out_dir, scenario, notebook, html)]):
            if read_html_stamp(twin) != current_hash:
                return Status("stale", stored, f"{twin.parent.parent.name} page missing or older")
        return Status("fresh", stored)
    return Status("stale", stored, "changed: " + describe_change(record.get("inputs"), inputs))
