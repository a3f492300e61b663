"""What a report notebook calls around its narrative: start, headline figures, sources.

A report notebook reads as Load / Process / Show / Sources::

    scenario = nb.start("Cost structure", globals())   # setup cell, after the parameters cell
    ...                                                  # narrative, library calls, charts
    nb.headline("cost_per_gpu_hour_usd", value, "USD/GPU-hour", "Cost per GPU-hour")
    nb.sources(scenario, groups=["fleet", "facility", "finance"])   # last cell
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from stargate import facts
from stargate.scenario import META_KEYS, Scenario, from_parameters

#: Names a notebook's parameters cell declares (papermill injects a scenario file over them).
PARAMETER_NAMES: tuple[str, ...] = (
    *META_KEYS,
    *(n for n in Scenario.model_fields if n not in META_KEYS),
)


def start(report_title: str, namespace: Mapping[str, Any]) -> Scenario:
    """Validate the notebook's parameters and prepare the report.

    Args:
        report_title: the report's title, shown in the page header (e.g. ``"Cost structure"``).
        namespace: the notebook's ``globals()``; the parameters cell defined the scenario keys.

    Returns:
        The validated scenario (parameters merged onto ``params/base.yaml``).

    Raises:
        stargate.scenario.ScenarioError: a parameter is invalid (one line per problem).
    """
    from stargate import charts
    from stargate.headline import publish_meta

    parameters = {name: namespace[name] for name in PARAMETER_NAMES if name in namespace}
    scenario = from_parameters(parameters)
    facts.reset_used()
    charts.enable(display=scenario.display, scenario_title=scenario.title)
    publish_meta(
        report_title=report_title,
        scenario_name=scenario.name,
        scenario_title=scenario.title,
        scenario_description=scenario.description,
        data_as_of=data_as_of(),
    )
    return scenario


def data_as_of() -> str:
    """The date of the newest fact in the register (YYYY-MM-DD, YYYY-MM or YYYY)."""
    dated = [f.as_of for f in facts.all_facts().values() if f.kind != "assumption"]
    return max(dated, key=lambda d: (d + "-99-99")[:10]) if dated else ""


def md(text: str) -> Any:
    """Markdown output with dollar signs escaped, so JupyterLab does not typeset ``$2.80 … $49bn``.

    JupyterLab reads text between two dollar signs as LaTeX math; a backslash-escaped dollar is
    a literal one in Markdown, and the rendered report shows a plain dollar either way.
    """
    from IPython.display import Markdown

    return Markdown(escape_dollars(text))


def escape_dollars(text: str) -> str:
    """Put a backslash before every dollar sign that has none."""
    return re.sub(r"(?<!\\)\$", r"\\$", text)


def headline(name: str, value: float, unit: str, label: str, fmt: str | None = None) -> None:
    """Publish a headline figure for the index and comparison pages.

    Args:
        name: stable snake_case id shared across scenarios (e.g. ``cost_per_gpu_hour_usd``).
        value: the figure, in ``unit``.
        unit: unit of ``value`` (``USD``, ``USD/GPU-hour``, ``fraction``, ``years`` …).
        label: short label for readers.
        fmt: optional display format understood by :mod:`stargate.headline`.
    """
    from stargate.headline import publish

    publish(name, value, unit, label, fmt=fmt)


def sources(scenario: Scenario, groups: Iterable[str] | None = None) -> Any:
    """The sources table of exactly the facts this report used.

    That is every fact looked up during the run (:func:`stargate.facts.used`) plus the facts
    behind scenario defaults still in effect for ``groups`` (parameters a scenario file overrode
    are not listed: their value came from that file).

    Returns:
        A pandas DataFrame (displayed as the last output of the report).
    """
    ids = [*facts.used(), *scenario.fact_ids(groups)]
    table = facts.sources_table(dict.fromkeys(ids))
    # Evidence first, then what is derived from it, then assumptions, then the article's claims.
    order = {"evidence": 0, "derived": 1, "assumption": 2, "claim": 3}
    table = table.assign(_order=table["kind"].map(order))
    return table.sort_values(["_order", "id"]).drop(columns="_order").reset_index(drop=True)
