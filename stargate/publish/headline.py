"""Headline figures and report metadata, carried in the executed notebook's outputs.

A report notebook publishes its header data once (setup cell) and its key figures as it goes::

    publish_meta(report_title="Cost structure", scenario_name="base", scenario_title=...,
                 scenario_description=..., data_as_of="2025-09")
    publish("cost_per_gpu_hour_usd", 2.31, "USD/GPU-hour", "Cost per GPU-hour")

Each call displays one output with a custom JSON mimetype (:data:`HEADLINE_MIMETYPE`,
:data:`META_MIMETYPE`) and a one-line ``text/plain`` for JupyterLab. nbformat accepts any JSON
under ``application/…+json``, so papermill saves these outputs like any other. The report page
(:mod:`stargate.publish.page`) shows them only in its header; the index and comparison pages
(:mod:`stargate.publish.site`) read them back from the executed notebooks with
:func:`read_headlines` and
:func:`read_meta`, without re-running anything.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from os import PathLike
from typing import Any

#: The mimetype of a headline record (a stable name: executed notebooks carry it).
HEADLINE_MIMETYPE = "application/vnd.stargate.headline+json"
META_MIMETYPE = "application/vnd.stargate.meta+json"
#: Mimetypes of outputs that carry data for pages, not content to show inline.
DATA_MIMETYPES = (HEADLINE_MIMETYPE, META_MIMETYPE)

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


def headline_record(
    name: str, value: float, unit: str, label: str, fmt: str | None = None
) -> dict[str, Any]:
    """The JSON record :func:`publish` displays (see there for the arguments).

    Raises:
        ValueError: a name that is not snake_case, or a value that is not a finite number.
    """
    from stargate.present import charts

    if not _NAME.match(name):
        raise ValueError(f"headline name must be snake_case (a-z, 0-9, _), not {name!r}")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"headline {name}: value must be a number, not {value!r}") from None
    if not math.isfinite(number):
        raise ValueError(f"headline {name}: value must be finite, not {number}")
    display = charts.current_display()
    return {
        "name": name,
        "value": number,
        "unit": unit,
        "label": label,
        "text": charts.format_value(number, unit, display, fmt),
        "fmt": fmt,
        "currency": display.currency,
        "jpy_per_usd": display.jpy_per_usd,
    }


def publish(name: str, value: float, unit: str, label: str, fmt: str | None = None) -> None:
    """Publish a headline figure: shown in the report's header, the index and comparison pages.

    Args:
        name: stable snake_case id shared across scenarios (e.g. ``cost_per_gpu_hour_usd``).
        value: the figure, in ``unit``; money is nominal USD (shown in the display currency
            that :func:`stargate.present.charts.enable` set).
        unit: unit of ``value`` (``"USD"``, ``"USD/GPU-hour"``, ``"fraction"``, ``"years"``…).
        label: short label for readers (``"Cost per GPU-hour"``).
        fmt: Python format spec for the number (e.g. ``".1%"``, ``",.0f"``); default by unit
            (see :func:`stargate.present.charts.format_value`).

    Raises:
        ValueError: a name that is not snake_case, or a value that is not a finite number.
    """
    from IPython.display import display

    record = headline_record(name, value, unit, label, fmt)
    text = f"{label}: {record['text']}  [headline {name}]"
    display({HEADLINE_MIMETYPE: record, "text/plain": text}, raw=True)


def publish_meta(
    *,
    report_title: str,
    scenario_name: str,
    scenario_title: str,
    scenario_description: str,
    data_as_of: str,
    scenario_title_ja: str | None = None,
    scenario_description_ja: str | None = None,
) -> None:
    """Publish the report's header data (call once, in the setup cell).

    Args:
        report_title: the report's title (``"Cost structure"``).
        scenario_name: scenario id (``params/<name>.yaml``).
        scenario_title: scenario title for readers.
        scenario_description: what the scenario assumes (plain text; HTML-escaped on pages).
        data_as_of: date of the newest fact used (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``).
        scenario_title_ja: the scenario file's Japanese title (None: the Japanese pages show
            the English one, marked as the scenario's own text).
        scenario_description_ja: its Japanese description (None: likewise the English one).
    """
    from IPython.display import display

    from stargate.present import charts

    shown = charts.current_display()
    record = {
        "report_title": str(report_title),
        "scenario_name": str(scenario_name),
        "scenario_title": str(scenario_title),
        "scenario_description": str(scenario_description),
        "data_as_of": str(data_as_of),
        "currency": shown.currency,
        "jpy_per_usd": shown.jpy_per_usd,
    }
    # The Japanese text only where the scenario file gives it (a page without falls back).
    if scenario_title_ja:
        record["scenario_title_ja"] = str(scenario_title_ja)
    if scenario_description_ja:
        record["scenario_description_ja"] = str(scenario_description_ja)
    text = f"{report_title} — scenario {scenario_name}: {scenario_title} (data as of {data_as_of})"
    display({META_MIMETYPE: record, "text/plain": text}, raw=True)


def load_notebook(nb: Any) -> Any:
    """An nbformat v4 NotebookNode from a NotebookNode, a path, or notebook JSON text."""
    import nbformat

    if isinstance(nb, (str, PathLike)) and not str(nb).lstrip().startswith("{"):
        return nbformat.read(str(nb), as_version=4)
    if isinstance(nb, str):
        return nbformat.reads(nb, as_version=4)
    return nb


def _data_outputs(nb: Any, *mimetypes: str) -> Iterator[dict[str, Any]]:
    for cell in nb.cells:
        for output in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
            data = output.get("data") or {}
            for mimetype in mimetypes:
                if isinstance(data.get(mimetype), dict):
                    yield dict(data[mimetype])
                    break


def read_headlines(nb: Any) -> list[dict[str, Any]]:
    """The headline figures an executed notebook published, without re-running it.

    Args:
        nb: an executed notebook (NotebookNode), its path, or its JSON text.

    Returns:
        One record per name (``name``, ``value``, ``unit``, ``label``, ``text``, ``fmt``,
        ``currency``, ``jpy_per_usd``), in order of first publication; a name published twice
        keeps its last record. ``text`` is written afresh (:func:`record_text`).
    """
    records: dict[str, dict[str, Any]] = {}
    for record in _data_outputs(load_notebook(nb), HEADLINE_MIMETYPE):
        records[str(record.get("name"))] = {**record, "text": record_text(record)}
    return list(records.values())


def record_text(record: dict[str, Any]) -> str:
    """A headline record's figure as the house formatter writes it today.

    The record keeps the value, unit, format and display currency it was published with; its
    ``text`` is how the formatter wrote it then. Reading a report written before a formatting
    fix (``1.7 ratio`` before ratios read ``1.7×``) shows the figure as it is written now; a
    record without a value keeps its text.
    """
    from types import SimpleNamespace

    from stargate.present.formatting import format_value

    try:
        value = float(record["value"])
    except (KeyError, TypeError, ValueError):
        return str(record.get("text", ""))
    display = SimpleNamespace(
        currency=str(record.get("currency") or "USD"),
        jpy_per_usd=float(record.get("jpy_per_usd") or 156.0),
    )
    return format_value(value, str(record.get("unit", "")), display, record.get("fmt"))


def read_meta(nb: Any) -> dict[str, Any]:
    """The header data an executed notebook published (:func:`publish_meta`); ``{}`` if none.

    Args:
        nb: an executed notebook (NotebookNode), its path, or its JSON text.
    """
    meta: dict[str, Any] = {}
    for record in _data_outputs(load_notebook(nb), META_MIMETYPE):
        meta = record
    return meta
