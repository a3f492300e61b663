"""The index and comparison pages over every built report.

:func:`write_site` reads each executed report (``reports/<scenario>/<notebook>.ipynb``) for its
header data and headline figures (:mod:`stargate.publish.headline`, nothing is re-run) and writes:

- ``reports/index.html``: every scenario (title, description) with each report's headline
  figures and a link to the report page;
- ``reports/compare.html``: every headline figure of every scenario side by side, as one table
  and one chart per figure.

Both pages work offline, look like the reports, are byte-identical for the same inputs and are
written atomically. Scenario order: ``base`` first, then alphabetical.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from stargate.present.formatting import money_note
from stargate.publish.headline import read_headlines, read_meta

INDEX_PAGE = "index.html"
COMPARE_PAGE = "compare.html"
BASE_SCENARIO = "base"


@dataclass
class ReportEntry:
    """One built report of a scenario."""

    notebook: str
    title: str
    href: str | None
    headlines: list[dict[str, Any]]


@dataclass
class ScenarioEntry:
    """One scenario and its built reports."""

    name: str
    title: str
    description: str = ""
    data_as_of: str = ""
    display: dict[str, Any] = field(default_factory=dict)
    reports: list[ReportEntry] = field(default_factory=list)


def scenario_order(names: Sequence[str]) -> list[str]:
    """``base`` first, then the others alphabetically (duplicates dropped)."""
    return sorted(dict.fromkeys(names), key=lambda n: (n != BASE_SCENARIO, n))


def _scenario_dirs(reports_dir: Path) -> list[str]:
    if not reports_dir.is_dir():
        return []
    return [
        p.name
        for p in reports_dir.iterdir()
        if p.is_dir() and not p.name.startswith(("_", ".")) and any(p.glob("*.ipynb"))
    ]


def _title_from_notebook(nb_path: Path) -> str:
    return nb_path.stem.replace("_", " ").strip().capitalize()


def collect(reports_dir: Path, scenarios: Sequence[Any] | None = None) -> list[ScenarioEntry]:
    """Read every built report's header and headline figures.

    Args:
        reports_dir: the reports folder (``reports/``).
        scenarios: scenario names, or objects with ``name`` (and ``title``, ``description``,
            used when no report of that scenario carries them); None: every folder of
            ``reports_dir`` holding an executed notebook (``_failed``, hidden folders skipped).

    Returns:
        The scenarios in page order, each with its reports in notebook-name order.
    """
    reports_dir = Path(reports_dir)
    given: dict[str, Any] = {}
    if scenarios is None:
        names = _scenario_dirs(reports_dir)
    else:
        for item in scenarios:
            given[item if isinstance(item, str) else str(item.name)] = item
        names = list(given)
    entries = []
    for name in scenario_order(names):
        obj = given.get(name)
        entry = ScenarioEntry(
            name=name,
            title=str(getattr(obj, "title", "") or name),
            description=str(getattr(obj, "description", "") or ""),
        )
        meta_seen = False
        for nb_path in sorted((reports_dir / name).glob("*.ipynb")):
            meta = read_meta(nb_path)
            html_path = nb_path.with_suffix(".html")
            entry.reports.append(
                ReportEntry(
                    notebook=nb_path.stem,
                    title=str(meta.get("report_title") or _title_from_notebook(nb_path)),
                    href=f"{quote(name)}/{quote(html_path.name)}" if html_path.exists() else None,
                    headlines=read_headlines(nb_path),
                )
            )
            if meta and not meta_seen:
                meta_seen = True
                entry.title = str(meta.get("scenario_title") or entry.title)
                entry.description = str(meta.get("scenario_description") or entry.description)
                entry.display = {
                    "currency": meta.get("currency", "USD"),
                    "jpy_per_usd": meta.get("jpy_per_usd", 156.0),
                }
            if meta.get("data_as_of"):
                entry.data_as_of = max(entry.data_as_of, str(meta["data_as_of"]))
        entries.append(entry)
    return entries


def _anchor(notebook: str, name: str) -> str:
    return "figure-" + re.sub(r"[^a-z0-9]+", "-", f"{notebook}-{name}".lower()).strip("-")


def render_index_html(entries: list[ScenarioEntry]) -> str:
    """The index page: every scenario, its reports and their headline figures."""
    from stargate.publish.assets import render_template

    data_as_of = max((e.data_as_of for e in entries), default="")
    return render_template(
        "index.html.j2",
        page_title="Stargate economics — reports",
        title="Stargate economics: reports by scenario",
        intro=(
            "Each scenario is one set of assumptions about the $500bn Stargate programme; each "
            "report examines one question under it. Headline figures link to their report."
        ),
        data_as_of=data_as_of,
        scenarios=entries,
        footer="Built by stargate from the executed report notebooks in this folder.",
    )


def render_compare_html(entries: list[ScenarioEntry], static_svg: bool = True) -> str:
    """The comparison page: every headline figure of every scenario, as a table and charts.

    Args:
        entries: from :func:`collect`.
        static_svg: also draw each chart as a static SVG (shown without JavaScript, e.g. in
            some PDF printers); ≈0.03 s per chart.
    """
    import pandas as pd
    from markupsafe import Markup

    from stargate.present import charts
    from stargate.present.chart_output import CHART_ID_PREFIX
    from stargate.publish.assets import chart_html, page_scripts, render_template

    base = next((e for e in entries if e.name == BASE_SCENARIO and e.display), None)
    display = (
        base or next((e for e in entries if e.display), None) or ScenarioEntry("", "")
    ).display
    figures: dict[tuple[str, str], dict[str, Any]] = {}
    for entry in entries:
        for report in entry.reports:
            for h in report.headlines:
                key = (report.notebook, str(h["name"]))
                figure = figures.setdefault(
                    key,
                    {
                        "report": report.title,
                        "label": str(h.get("label", h["name"])),
                        "unit": str(h.get("unit", "")),
                        "fmt": h.get("fmt"),
                        "anchor": _anchor(*key),
                        "values": {},
                    },
                )
                figure["values"][entry.name] = (float(h["value"]), report.href)
    rows = []
    with charts.settings(display=display or None):
        shown = charts.current_display()
        for number, figure in enumerate(figures.values(), start=1):
            cells = []
            for entry in entries:
                value, href = figure["values"].get(entry.name, (None, None))
                text = (
                    "—"
                    if value is None
                    else charts.format_value(value, figure["unit"], shown, figure["fmt"])
                )
                cells.append({"text": text, "href": href})
            data = pd.DataFrame(
                {
                    "scenario": [e.name for e in entries if e.name in figure["values"]],
                    "value": [
                        figure["values"][e.name][0] for e in entries if e.name in figure["values"]
                    ],
                }
            )
            chart = charts.bar(
                data,
                "scenario",
                "value",
                title=f"{figure['label']}, by scenario",
                unit=figure["unit"],
                sort=None,
                subtitle=f"Report: {figure['report']}",
                fmt=figure["fmt"],
            )
            spec = chart.to_dict()
            svg = charts.render_svg(spec) if static_svg else None
            html = chart_html(spec, f"{CHART_ID_PREFIX}{number}", svg)
            rows.append({**figure, "cells": cells, "chart": Markup(html)})
    return render_template(
        "compare.html.j2",
        page_title="Stargate economics — scenarios compared",
        head_scripts=Markup(page_scripts() if rows else ""),
        title="Scenarios compared",
        intro=(
            "Every headline figure of every scenario side by side. Each figure comes from the "
            "report named beside it; click a value to open that report."
        ),
        money_note=money_note(display.get("currency"), display.get("jpy_per_usd"))
        if display
        else money_note("USD"),
        scenarios=entries,
        figures=rows,
        footer="Built by stargate from the executed report notebooks in this folder.",
    )


def write_site(
    reports_dir: Path, scenarios: Sequence[Any] | None = None, *, static_svg: bool = True
) -> list[Path]:
    """Write ``index.html`` and ``compare.html`` into ``reports_dir`` (atomically).

    Args:
        reports_dir: the reports folder holding ``<scenario>/<notebook>.ipynb`` and ``.html``.
        scenarios: scenario names or objects with ``name`` (see :func:`collect`); None: every
            scenario folder found.
        static_svg: draw static SVG fallbacks for the comparison charts.

    Returns:
        The two paths written.
    """
    from stargate.files import write_text_atomic

    reports_dir = Path(reports_dir)
    entries = collect(reports_dir, scenarios)
    index = reports_dir / INDEX_PAGE
    compare = reports_dir / COMPARE_PAGE
    write_text_atomic(index, render_index_html(entries))
    write_text_atomic(compare, render_compare_html(entries, static_svg=static_svg))
    return [index, compare]
