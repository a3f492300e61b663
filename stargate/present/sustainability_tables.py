"""The sustainability report's reader tables and chart data, every figure in the house format.

Each function takes a model table (:mod:`stargate.model.openai_path`,
:mod:`~stargate.model.project_economics`, :mod:`~stargate.model.fleet_refresh`,
:mod:`~stargate.model.reference_class`, :mod:`~stargate.model.montecarlo`) and returns it as
readers see it: money in the scenario's display currency, shares as percentages, missing values
as ``—`` (:func:`stargate.present.formatting.format_table`).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from stargate.model import montecarlo, openai_path
from stargate.model import reference_class as rc
from stargate.model.openai_plan import PLAN_START_YEAR
from stargate.present import charts
from stargate.present.fact_text import fill_facts
from stargate.present.formatting import (
    DisplaySettings,
    format_share,
    format_table,
)
from stargate.present.sustainability_report import LABELS, describe_distribution
from stargate.scenario import Scenario

# =========================================================================== reader tables

_PATH_COLUMNS: dict[str, str] = {
    "revenue_plan_usd": "revenue, OpenAI's plan",
    "revenue_usd": "revenue, this scenario",
    "compute_usd": "compute",
    "stargate_usd": "of which Stargate",
    "other_costs_usd": "staff and other",
    "revenue_share_usd": "revenue share",
    "operating_loss_usd": "operating loss",
    "cash_burn_usd": "cash burn",
}


def money_header(label: str, display: DisplaySettings) -> str:
    """A money column's header with its unit: ``"cash burn (USD)"``, ``"cash burn (JPY)"``."""
    return f"{label} ({display.currency})"


def _money_headers(labels: dict[str, str], display: DisplaySettings) -> dict[str, str]:
    return {column: money_header(label, display) for column, label in labels.items()}


def format_openai_path_table(path: pd.DataFrame, display: DisplaySettings) -> pd.DataFrame:
    """:func:`stargate.model.openai_path.compute_openai_path` for readers, by year."""
    return format_table(
        path[list(_PATH_COLUMNS)].reset_index(),
        display,
        money=list(_PATH_COLUMNS),
        rename=_money_headers(_PATH_COLUMNS, display),
    )


def format_calibration_table(calibration: pd.DataFrame, display: DisplaySettings) -> pd.DataFrame:
    """:func:`stargate.model.openai_path.compare_with_reported` for readers."""
    out = format_table(
        calibration.drop(columns="fact"),
        display,
        money=["reported_usd", "model_usd"],
        shares=["tolerance"],
        rename={
            "reported_usd": money_header("reported", display),
            "model_usd": money_header("model", display),
            "difference": "model vs reported (%)",
            "tolerance": "tolerance (± %)",
            "within_tolerance": "within tolerance",
        },
    )
    out["model vs reported (%)"] = [
        format_share(x, signed=True) for x in calibration["difference"].to_numpy()
    ]
    return out


def format_venture_table(venture: pd.DataFrame, display: DisplaySettings) -> pd.DataFrame:
    """:func:`stargate.model.openai_path.compute_venture_path` for readers, by year.

    From the plan's first year (2025), the first year of the project table
    (:func:`align_project_flows`) and of the reconciliation: the model's 2024 column holds no
    venture cash.
    """
    venture = venture.loc[PLAN_START_YEAR:]
    return format_table(
        venture.reset_index(),
        display,
        money=list(venture.columns),
        rename=_money_headers(
            {
                "capex_usd": "capex incl. refresh",
                "refresh_usd": "of which refresh",
                "opex_usd": "running costs",
                "revenue_usd": "revenue from OpenAI",
                "deficit_usd": "deficit to fund",
                "openai_equity_calls_usd": "OpenAI's equity calls",
            },
            display,
        ),
    )


def format_runway_table(runway: pd.DataFrame, display: DisplaySettings) -> pd.DataFrame:
    """:func:`stargate.model.openai_path.compute_runway` for readers, by year."""
    return format_table(
        runway.reset_index(),
        display,
        money=list(runway.columns),
        rename=_money_headers(
            {
                "cash_burn_usd": "cash burn",
                "equity_calls_usd": "equity calls",
                "committed_rounds_usd": "committed rounds",
                "announced_rounds_usd": "announced rounds",
                "cash_end_usd": "cash at year end",
                "cash_end_incl_announced_usd": "with announced money",
                "still_to_raise_usd": "still to raise",
            },
            display,
        ),
    )


def align_project_flows(flows: pd.DataFrame) -> pd.DataFrame:
    """The project cash flows by the calendar year they belong to, as §2's cash table shows them.

    :func:`stargate.model.project_economics.compute_project_cash_flows` is indexed by
    discounting period: capex at the start of period t (calendar year 2025 + t), a year's
    operating cash and the facility value kept at its end (period t + 1). Read by period, a
    year's operations sit one row below the capex and one year behind §2's table. Here period
    t's capex and period t + 1's operating cash and facility value share the row of calendar
    year 2025 + t; the NPV (discounting by period) is unchanged.

    Returns:
        Indexed by ``year``: ``capex_usd`` (negative, paid at the year's start),
        ``operating_usd`` (earned in the year), ``residual_usd``, ``net_usd``,
        ``cumulative_usd``; the same totals as ``flows``.
    """
    years = flows["year"].to_numpy()
    operating = flows["operating_usd"].to_numpy()
    residual = flows["residual_usd"].to_numpy()
    out = pd.DataFrame(
        {
            "capex_usd": flows["capex_usd"].to_numpy(),
            "operating_usd": 0.0,
            "residual_usd": 0.0,
        },
        index=pd.Index(years, name="year"),
    )
    # Flows at the end of period t + 1 belong to calendar year 2025 + t (the year before).
    out["operating_usd"] = pd.Series(operating[1:], index=years[:-1]).reindex(
        out.index, fill_value=0.0
    )
    out["residual_usd"] = pd.Series(residual[1:], index=years[:-1]).reindex(
        out.index, fill_value=0.0
    )
    if operating[0] or residual[0]:
        raise ValueError("project flows start with cash at the end of a year before the first")
    # The last period's end-of-year cash now sits in the year before: drop the empty last row.
    out = out.loc[: out.index[(out != 0).any(axis=1).to_numpy()].max()]
    out["net_usd"] = out["capex_usd"] + out["operating_usd"] + out["residual_usd"]
    out["cumulative_usd"] = out["net_usd"].cumsum()
    return out


def format_project_flows_table(flows: pd.DataFrame, display: DisplaySettings) -> pd.DataFrame:
    """:func:`stargate.model.project_economics.compute_project_cash_flows` for readers.

    By calendar year (:func:`align_project_flows`), so its years match §2's cash table.
    """
    return format_table(
        align_project_flows(flows).reset_index(),
        display,
        money=["capex_usd", "operating_usd", "residual_usd", "net_usd", "cumulative_usd"],
        rename={
            "capex_usd": "capex (start of year)",
            "operating_usd": "operating cash flow (earned in the year)",
            "residual_usd": "facility value kept",
            "net_usd": "net",
            "cumulative_usd": "cumulative",
        },
    )


def format_refresh_wave_table(wave: pd.DataFrame, display: DisplaySettings) -> pd.DataFrame:
    """:func:`stargate.model.fleet_refresh.compute_refresh_wave` for readers."""
    counts = ("old_gpu_count", "new_gpu_count", "compute_before_pflops", "compute_after_pflops")
    return format_table(
        wave,
        display,
        money=["refresh_capex_usd"],
        numbers=dict.fromkeys(counts, ",.0f"),
        rename={
            "refresh_year": "refresh year",
            "old_generation": "from",
            "new_generation": "to",
            "old_gpu_count": "GPUs before",
            "new_gpu_count": "GPUs after",
            "refresh_capex_usd": money_header("refresh capex", display),
            "compute_before_pflops": "PFLOPS before",
            "compute_after_pflops": "PFLOPS after",
            "in_funding_horizon": "by 2030",
        },
    )


def format_reference_class_table(scenario: Scenario) -> pd.DataFrame:
    """:func:`stargate.model.reference_class.compute_reference_class_table` for readers."""
    return format_table(
        rc.compute_reference_class_table(scenario).drop(columns="fact"),
        scenario.display,
        money=["capex_usd", "expected_overrun_usd"],
        shares=["share_of_capex", "mean_overrun"],
        rename={
            "capex_usd": money_header("capex, budget", scenario.display),
            "share_of_capex": "share of capex (%)",
            "reference_class": "reference class",
            "mean_overrun": "class mean overrun (%)",
            "expected_overrun_usd": money_header("overrun at class mean", scenario.display),
            "in_model": "in the model",
        },
    )


def build_precedents_table(display: DisplaySettings) -> pd.DataFrame:
    """Foxconn Wisconsin and the CHIPS Act fabs: what was promised, what happened.

    The texts are the templates of ``data/tables/precedents.yaml`` filled with
    :func:`stargate.model.reference_class.compute_precedent_figures`.

    Returns:
        ``project``, ``promised``, ``outcome``, ``gap``, ``facts`` (ids behind the row).
    """
    figures = rc.compute_precedent_figures()

    def fill(template: str) -> str:
        return fill_facts(template, display, figures)

    return pd.DataFrame(
        [
            {
                "project": row.project,
                "promised": fill(row.promised),
                "outcome": fill(row.outcome),
                "gap": fill(row.gap),
                "facts": ", ".join(row.fact_ids),
            }
            for row in rc.load_precedents()
        ]
    )


def format_inputs_table(scenario: Scenario) -> pd.DataFrame:
    """Each Monte Carlo input: distribution, point value, P10 and P90, for readers."""
    table = montecarlo.compute_input_quantiles(scenario)
    dists = table.attrs["distributions"]
    table = table.assign(
        distribution=[describe_distribution(dists[n]) for n in table["input"]],
        input=[LABELS[n] for n in table["input"]],
    )[["input", "unit", "distribution", "point", "p10", "p90"]]
    return format_table(
        table,
        scenario.display,
        numbers={"point": ".3g", "p10": ".3g", "p90": ".3g"},
        rename={
            "point": "point value (in its unit)",
            "p10": "P10 (in its unit)",
            "p90": "P90 (in its unit)",
        },
    )


# =========================================================================== chart data

#: Series of the OpenAI path chart: column of ``compute_openai_path`` -> label.
PATH_SERIES: dict[str, str] = {
    "revenue_usd": "Revenue",
    "operating_costs_usd": "Operating costs",
    "operating_loss_usd": "Operating loss",
    "cash_burn_usd": "Cash burn",
}


def chart_openai_path(scenario: Scenario) -> Any:
    """Revenue, costs, operating loss and cash burn by year, with the reported points.

    Lines: the model (:func:`stargate.model.openai_path.compute_openai_path`); diamonds: the
    reported figures of :func:`~stargate.model.openai_path.compare_with_reported` (annual ones).
    """
    import altair as alt

    path = openai_path.compute_openai_path(scenario)
    tidy = (
        path[list(PATH_SERIES)]
        .rename(columns=PATH_SERIES)
        .reset_index()
        .melt(id_vars="year", var_name="series", value_name="usd")
    )
    lines = charts.line(
        tidy,
        "year",
        "usd",
        title="OpenAI's cash path: the model against the reported figures",
        unit="USD",
        color="series",
        x_title="Year",
        subtitle="Lines: model; diamonds: reported figures (listed in the table below)",
    )
    reported = openai_path.compare_with_reported(scenario)
    reported = reported[~reported["year"].str.contains("-")].copy()
    reported["year"] = reported["year"].astype(int)
    factor = charts.money_factor("USD")
    points = pd.DataFrame(
        {
            "year": reported["year"],
            "usd": reported["reported_usd"] * factor,
            "label": reported["point"],
            "text": [charts.format_value(v, "USD") for v in reported["reported_usd"]],
        }
    )
    base = alt.Chart(points).encode(
        x=alt.X("year:Q"),
        y=alt.Y("usd:Q"),
        tooltip=[
            alt.Tooltip("label:N", title="Reported"),
            alt.Tooltip("year:Q", title="Year", format="d"),
            alt.Tooltip("text:N", title="Value"),
        ],
    )
    marks = base.mark_point(shape="diamond", size=90, filled=True, color=charts.TEXT_COLOR)
    return alt.layer(lines, marks)


def tidy_runway(runway: pd.DataFrame) -> pd.DataFrame:
    """``compute_runway`` as tidy rows for a line chart: year, series, usd."""
    series = {
        "cash_end_usd": "Committed money only",
        "cash_end_incl_announced_usd": "With announced money",
    }
    return (
        runway[list(series)]
        .rename(columns=series)
        .reset_index()
        .melt(id_vars="year", var_name="series", value_name="usd")
    )


def tidy_capex_wave(wave: pd.DataFrame) -> pd.DataFrame:
    """``compute_capex_wave`` with one label per kind and generation, for a stacked bar."""
    out = wave.copy()
    out["part"] = out["kind"] + ": " + out["generation"]
    return out
