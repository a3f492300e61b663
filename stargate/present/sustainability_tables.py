"""The sustainability report's reader tables and chart data, every figure in the house format.

Each function takes a model table (:mod:`stargate.model.openai_path`,
:mod:`~stargate.model.project_economics`, :mod:`~stargate.model.fleet_refresh`,
:mod:`~stargate.model.reference_class`, :mod:`~stargate.model.montecarlo`) and returns it as
readers see it: money in the scenario's display currency, shares as percentages, missing values
as ``—`` (:func:`stargate.present.formatting.format_table`). Headers, row labels and chart words
are msgids: the notebook shows each with ``nb.show(fn, ...)``, once per language; the Japanese
edition shows money in yen (:func:`stargate.present.i18n.edition_display`).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from stargate.model import montecarlo, obligations, openai_path
from stargate.model import reference_class as rc
from stargate.model.openai_plan import PLAN_START_YEAR
from stargate.present import charts
from stargate.present.formatting import (
    DisplaySettings,
    format_number,
    format_share,
    format_table,
)
from stargate.present.i18n import (
    N_,
    SOURCE_LANGUAGE,
    current_language,
    edition_display,
    format_date,
    pgettext,
)
from stargate.present.i18n import gettext as _
from stargate.present.sustainability_report import (
    HELD_REASONS,
    describe_drawn_input,
    fill_display,
    label,
)
from stargate.scenario import Scenario
from stargate.schema.risk import Fixed

# =========================================================================== reader tables

_PATH_COLUMNS: dict[str, str] = {
    "revenue_plan_usd": N_("revenue, OpenAI's plan"),
    "revenue_usd": N_("revenue, this scenario"),
    "compute_budget_usd": N_("compute budget in OpenAI's projections"),
    "compute_usd": N_(
        "compute cost: the budget (Stargate at this scenario's price), or the bills where larger"
    ),
    "stargate_usd": N_("of which paid to Stargate"),
    "other_clouds_usd": N_("of which other clouds under contract (Azure, AWS, CoreWeave)"),
    "uncontracted_compute_usd": N_("of which the rest of the budget, not under contract"),
    "other_costs_usd": N_("staff and other"),
    "revenue_share_usd": N_("revenue share"),
    "operating_loss_usd": N_("operating loss"),
    "cash_burn_usd": N_("cash burn"),
}


def _english() -> bool:
    return current_language() == SOURCE_LANGUAGE


def _edition(display: DisplaySettings) -> DisplaySettings:
    """The display a table in the current language shows money with (Japanese: yen)."""
    return edition_display(display)


def money_header(label: str, display: DisplaySettings) -> str:
    """A money column's header with its unit: ``"cash burn (USD)"``, ``"cash burn (JPY)"``.

    In Japanese: the label translated, ``（円）`` (the Japanese edition is in yen).
    """
    if _english():
        return f"{label} ({display.currency})"
    return f"{_(label)}（円）"


def _money_headers(labels: dict[str, str], display: DisplaySettings) -> dict[str, str]:
    return {column: money_header(label, display) for column, label in labels.items()}


def _with_year(rename: dict[str, str]) -> dict[str, str]:
    """Column titles plus the ``year`` column's (Japanese: 年)."""
    return {"year": _("year"), **rename}


def _yes_no(value: Any) -> Any:
    """A table's True / False in the current language (English: as pandas shows them)."""
    if _english():
        return value
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return _(str(value))


def format_openai_path_table(path: pd.DataFrame, display: DisplaySettings) -> pd.DataFrame:
    """:func:`stargate.model.openai_path.compute_openai_path` for readers, by year."""
    display = _edition(display)
    return format_table(
        path[list(_PATH_COLUMNS)].reset_index(),
        display,
        money=list(_PATH_COLUMNS),
        rename=_with_year(_money_headers(_PATH_COLUMNS, display)),
    )


#: Each step of the burn reconciliation as the table's first column names it
#: (:func:`stargate.model.obligations.reconcile_projected_burn`).
RECONCILIATION_STEPS: dict[str, str] = {
    "reported": N_("OpenAI's projection, as reported"),
    "plan": N_(
        "+ this scenario's revenue growth and costs against OpenAI's plan, with the model's fit"
    ),
    "stargate": N_("+ OpenAI's Stargate payments beyond what the plan's budget holds for them"),
    "cloud": N_("+ {name}'s share of the bills beyond what is left of the budget"),
    "modelled": N_("= the model's cash burn"),
}
#: How a cloud's commitment dates stand against the projection's.
RECONCILIATION_TIMING: dict[str, str] = {
    "after": N_("after the projection"),
    "before": N_("before the projection"),
    "partly before": N_("partly before the projection"),
}


def format_burn_reconciliation_table(scenario: Scenario) -> pd.DataFrame:
    """OpenAI's projected 2025-2029 burn to the modelled burn, step by step, for readers.

    Columns: the step; when it was committed or reported (register dates) and how that stands
    against the projection; the step's amount; the running total.
    """
    display = _edition(scenario.display)
    table = obligations.reconcile_projected_burn(scenario)
    first, last = table.attrs["years"]
    steps, dates = [], []
    for row in table.itertuples():
        steps.append(_(RECONCILIATION_STEPS[str(row.step)]).format(name=_(str(row.counterparty))))
        if row.step == "reported":
            dates.append(format_date(str(row.first_date)))
        elif row.step == "cloud":
            when = format_date(str(row.first_date))
            if row.last_date != row.first_date:
                dash = " – " if _english() else "〜"
                when = f"{when}{dash}{format_date(str(row.last_date))}"
            colon = ": " if _english() else "："
            dates.append(f"{when}{colon}{_(RECONCILIATION_TIMING[str(row.timing)])}")
        else:
            dates.append("")
    out = pd.DataFrame(
        {
            "step": steps,
            "when": dates,
            "amount_usd": table["amount_usd"],
            "running_usd": table["running_usd"],
        }
    )
    span = f"{first}–{last}" if _english() else f"{first}〜{last}"
    return format_table(
        out,
        display,
        money=["amount_usd", "running_usd"],
        rename={
            "step": _("step, {years}").format(years=span),
            "when": _("committed or reported"),
            "amount_usd": money_header(N_("amount"), display),
            "running_usd": money_header(N_("running total"), display),
        },
    )


def format_calibration_table(calibration: pd.DataFrame, display: DisplaySettings) -> pd.DataFrame:
    """:func:`stargate.model.openai_path.compare_with_reported` for readers."""
    display = _edition(display)
    table = calibration.drop(columns="fact")
    if not _english():
        table = table.assign(
            point=[_(p) for p in table["point"]],
            within_tolerance=[_yes_no(v) for v in table["within_tolerance"]],
        )
    difference = _("model vs reported (%)")
    out = format_table(
        table,
        display,
        money=["reported_usd", "model_usd", "with_contracts_usd"],
        shares=["tolerance"],
        rename=_with_year(
            {
                "point": _("point"),
                "reported_usd": money_header(N_("reported"), display),
                "model_usd": money_header(N_("model: OpenAI's plan"), display),
                "with_contracts_usd": money_header(
                    N_("model with the other clouds' contracts (not tested)"), display
                ),
                "difference": difference,
                "tolerance": _("tolerance (± %)"),
                "within_tolerance": _("within tolerance"),
            }
        ),
    )
    out[difference] = [format_share(x, signed=True) for x in calibration["difference"].to_numpy()]
    return out


def format_venture_table(venture: pd.DataFrame, display: DisplaySettings) -> pd.DataFrame:
    """:func:`stargate.model.openai_path.compute_venture_path` for readers, by year.

    From the plan's first year (2025), the first year of the project table
    (:func:`align_project_flows`) and of the reconciliation: the model's 2024 column holds no
    venture cash.
    """
    display = _edition(display)
    venture = venture.loc[PLAN_START_YEAR:]
    return format_table(
        venture.reset_index(),
        display,
        money=list(venture.columns),
        rename=_with_year(
            _money_headers(
                {
                    "capex_usd": N_("capex incl. refresh"),
                    "refresh_usd": N_("of which refresh"),
                    "opex_usd": N_("running costs"),
                    "revenue_usd": N_("revenue from OpenAI"),
                    "deficit_usd": N_("deficit to fund"),
                    "openai_equity_calls_usd": N_("OpenAI's equity calls"),
                },
                display,
            )
        ),
    )


def format_runway_table(runway: pd.DataFrame, display: DisplaySettings) -> pd.DataFrame:
    """:func:`stargate.model.openai_path.compute_runway` for readers, by year."""
    display = _edition(display)
    return format_table(
        runway.reset_index(),
        display,
        money=list(runway.columns),
        rename=_with_year(
            _money_headers(
                {
                    "cash_burn_usd": N_("cash burn"),
                    "equity_calls_usd": N_("equity calls"),
                    "committed_rounds_usd": N_("committed rounds"),
                    "announced_rounds_usd": N_("announced rounds"),
                    "cash_end_usd": N_("cash at year end"),
                    "cash_end_incl_announced_usd": N_("with announced money"),
                    "still_to_raise_usd": N_("still to raise"),
                },
                display,
            )
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
    display = _edition(display)
    return format_table(
        align_project_flows(flows).reset_index(),
        display,
        money=["capex_usd", "operating_usd", "residual_usd", "net_usd", "cumulative_usd"],
        rename=_with_year(
            {
                "capex_usd": _("capex (start of year)"),
                "operating_usd": _("operating cash flow (earned in the year)"),
                "residual_usd": _("facility value kept"),
                "net_usd": _("net"),
                "cumulative_usd": _("cumulative"),
            }
        ),
    )


def format_refresh_wave_table(wave: pd.DataFrame, display: DisplaySettings) -> pd.DataFrame:
    """:func:`stargate.model.fleet_refresh.compute_refresh_wave` for readers."""
    display = _edition(display)
    counts = ("old_gpu_count", "new_gpu_count", "compute_before_pflops", "compute_after_pflops")
    if not _english():
        wave = wave.assign(in_funding_horizon=[_yes_no(v) for v in wave["in_funding_horizon"]])
    return format_table(
        wave,
        display,
        money=["refresh_capex_usd"],
        numbers=dict.fromkeys(counts, ",.0f"),
        rename={
            "batch": _("batch"),
            "refresh_year": _("refresh year"),
            "old_generation": pgettext("generation", "from"),  # the one replaced: 更新前
            "new_generation": _("to"),
            "old_gpu_count": _("GPUs before"),
            "new_gpu_count": _("GPUs after"),
            "refresh_capex_usd": money_header(N_("refresh capex"), display),
            "compute_before_pflops": _("PFLOPS before"),
            "compute_after_pflops": _("PFLOPS after"),
            "in_funding_horizon": _("by 2030"),
        },
    )


def format_reference_class_table(scenario: Scenario) -> pd.DataFrame:
    """:func:`stargate.model.reference_class.compute_reference_class_table` for readers.

    The texts of ``reference_classes.yaml`` are msgids (the Japanese page translates them).
    """
    table = rc.compute_reference_class_table(scenario).drop(columns="fact")
    if not _english():
        for column in ("component", "reference_class", "why", "in_model"):
            table[column] = [_(str(t)) for t in table[column]]
    return format_table(
        table,
        scenario.display,
        money=["capex_usd", "expected_overrun_usd"],
        shares=["share_of_capex", "mean_overrun"],
        rename={
            "component": _("component"),
            "capex_usd": money_header(N_("capex, budget"), scenario.display),
            "share_of_capex": _("share of capex (%)"),
            "reference_class": _("reference class"),
            "mean_overrun": _("class mean overrun (%)"),
            "expected_overrun_usd": money_header(N_("overrun at class mean"), scenario.display),
            "why": _("why"),
            "in_model": _("in the model"),
        },
    )


def build_precedents_table(display: DisplaySettings) -> pd.DataFrame:
    """Foxconn Wisconsin and the CHIPS Act fabs: what was promised, what happened.

    The texts are the templates of ``data/tables/precedents.yaml`` filled with
    :func:`stargate.model.reference_class.compute_precedent_figures`.

    Returns:
        ``project``, ``promised``, ``outcome``, ``gap``, ``facts`` (ids behind the row).
    """
    display = _edition(display)
    figures = rc.compute_precedent_figures()

    def fill(template: str) -> str:
        return fill_display(template, display, figures)

    return pd.DataFrame(
        [
            {
                _("project"): _(row.project),
                _("promised"): fill(row.promised),
                _("outcome"): fill(row.outcome),
                _("gap"): fill(row.gap),
            }
            for row in rc.load_precedents()
        ]
    )


def format_inputs_table(scenario: Scenario) -> pd.DataFrame:
    """What the Monte Carlo draws and what it holds, for readers.

    First each drawn input (its distribution, point value, P10 and P90), then each input held
    at the scenario's point (:func:`stargate.model.montecarlo.compute_held_inputs`: a fixed
    draw, the tornado's undrawn assumptions, the cost inputs no draw covers), its distribution
    "held at the point" (with the reason where :data:`HELD_REASONS` gives one) and no
    percentiles. A drawn input whose point is an end of its range says so instead of "centred
    on" (:func:`describe_drawn_input`).
    """
    quantiles = montecarlo.compute_input_quantiles(scenario)
    dists = quantiles.attrs["distributions"]
    drawn = quantiles[[not isinstance(dists[n], Fixed) for n in quantiles["input"]]]
    drawn = drawn.assign(
        distribution=[
            describe_drawn_input(dists[r.input], r.bound, r.npv_effect, r.in_fleet)
            for r in drawn.itertuples()
        ]
    )
    held = montecarlo.compute_held_inputs(scenario)
    held = held.assign(
        distribution=[
            _(HELD_REASONS[n]) if n in HELD_REASONS else _("held at the point")
            for n in held["input"]
        ],
        p10=float("nan"),
        p90=float("nan"),
    )
    columns = ["input", "unit", "distribution", "point", "p10", "p90"]
    table = pd.concat([drawn[columns], held[columns]], ignore_index=True)
    table["input"] = [label(n) for n in table["input"]]
    if not _english():
        table["unit"] = [_unit_ja(str(u)) for u in table["unit"]]
    return format_table(
        table,
        scenario.display,
        numbers={"point": ".3g", "p10": ".3g", "p90": ".3g"},
        rename={
            "input": _("input"),
            "unit": _("unit"),
            "distribution": _("distribution"),
            "point": _("point value (in its unit)"),
            "p10": _("P10 (in its unit)"),
            "p90": _("P90 (in its unit)"),
        },
    )


def _unit_ja(unit: str) -> str:
    """A model input's unit in Japanese (the inputs are drawn in USD: so stated)."""
    from stargate.present.i18n import localise_units

    words = {"fraction": _("fraction"), "ratio": _("ratio"), "years": "年", "PFLOPS": "PFLOPS"}
    if unit in words:
        return words[unit]
    if unit.startswith("USD"):
        return localise_units("ドル" + unit[3:])
    return unit


# =========================================================================== charts
#
# Each chart of the report, made in the current language (titles, axes, legends and tooltips are
# msgids; money in the edition's currency): ``nb.show(tables.chart_openai_path, scenario)``.

#: Series of the OpenAI path chart: column of ``compute_openai_path`` -> label.
PATH_SERIES: dict[str, str] = {
    "revenue_usd": N_("Revenue"),
    "operating_costs_usd": N_("Operating costs"),
    "operating_loss_usd": N_("Operating loss"),
    "cash_burn_usd": N_("Cash burn"),
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
        .rename(columns={k: _(v) for k, v in PATH_SERIES.items()})
        .reset_index()
        .melt(id_vars="year", var_name="series", value_name="usd")
    )
    lines = charts.line(
        tidy,
        "year",
        "usd",
        title=N_("OpenAI's cash path: the model against the reported figures"),
        unit="USD",
        color="series",
        color_title=N_("Line"),
        x_title=N_("Year"),
        subtitle=N_(
            "Lines: model, compute at least the contracted bills; diamonds: reported figures "
            "(listed in the table below)"
        ),
    )
    reported = openai_path.compare_with_reported(scenario)
    reported = reported[~reported["year"].str.contains("-")].copy()
    reported["year"] = reported["year"].astype(int)
    factor = charts.money_factor("USD")
    points = pd.DataFrame(
        {
            "year": reported["year"],
            "usd": reported["reported_usd"] * factor,
            "label": [_(p) for p in reported["point"]],
            "text": [charts.format_value(v, "USD") for v in reported["reported_usd"]],
        }
    )
    base = alt.Chart(points).encode(
        x=alt.X("year:Q"),
        y=alt.Y("usd:Q"),
        tooltip=[
            alt.Tooltip("label:N", title=_("Reported")),
            alt.Tooltip("year:Q", title=_("Year"), format="d"),
            alt.Tooltip("text:N", title=_("Value")),
        ],
    )
    marks = base.mark_point(shape="diamond", size=90, filled=True, color=charts.TEXT_COLOR)
    return alt.layer(lines, marks)


def tidy_runway(runway: pd.DataFrame) -> pd.DataFrame:
    """``compute_runway`` as tidy rows for a line chart: year, series, usd."""
    series = {
        "cash_end_usd": _("Committed money only"),
        "cash_end_incl_announced_usd": _("With announced money"),
    }
    return (
        runway[list(series)]
        .rename(columns=series)
        .reset_index()
        .melt(id_vars="year", var_name="series", value_name="usd")
    )


def chart_runway(scenario: Scenario) -> Any:
    """OpenAI's cash at each year's end with no new money: committed only, and with announced."""
    return charts.line(
        tidy_runway(openai_path.compute_runway(scenario)),
        "year",
        "usd",
        title=N_("OpenAI's cash at the end of each year, without new money"),
        unit="USD",
        color="series",
        value_title=N_("Cash at year end"),
        color_title=N_("Case"),
        x_title=N_("Year"),
        subtitle=N_("Below zero: money that still has to be raised by then"),
    )


def chart_npv_by_price(scenario: Scenario) -> Any:
    """The project's NPV against the first-year price of a GPU-hour (zero at break-even)."""
    from stargate.model import project_economics

    return charts.line(
        project_economics.sweep_project_npv(
            scenario, "price_usd_per_gpu_hour", [1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 5.0, 6.0, 8.0]
        ),
        "value",
        "npv_usd",
        title=N_("Project NPV against the first-year price of a GPU-hour"),
        unit="USD",
        x_title=N_("Price of a GPU-hour ({unit})"),
        x_unit="USD/GPU-hour",
        value_title=N_("Project NPV"),
        subtitle=N_(
            "Other inputs at this scenario's values; the NPV crosses zero at the break-even price"
        ),
    )


def chart_npv_by_utilisation(scenario: Scenario) -> Any:
    """The project's NPV against utilisation."""
    from stargate.model import project_economics

    return charts.line(
        project_economics.sweep_project_npv(
            scenario, "utilization_rate", [0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]
        ),
        "value",
        "npv_usd",
        title=N_("Project NPV against utilisation"),
        unit="USD",
        x_title=N_("Share of hours sold"),
        value_title=N_("Project NPV"),
        subtitle=N_("Other inputs at this scenario's values"),
    )


#: The kinds of capex in the refresh wave (:func:`stargate.model.fleet_refresh.compute_capex_wave`).
CAPEX_KINDS = (N_("Initial build"), N_("IT refresh"))


def tidy_capex_wave(wave: pd.DataFrame) -> pd.DataFrame:
    """``compute_capex_wave`` with one label per kind and generation, for a stacked bar."""
    out = wave.copy()
    out["part"] = [
        _("{kind}: {generation}").format(kind=_(k), generation=g)
        for k, g in zip(out["kind"], out["generation"], strict=True)
    ]
    return out


def chart_capex_wave(scenario: Scenario) -> Any:
    """Capex by year: the initial build and the IT refresh waves, by generation."""
    from stargate.model import fleet_refresh

    return charts.stacked_bar(
        tidy_capex_wave(fleet_refresh.compute_capex_wave(scenario)),
        "year",
        "capex_usd",
        "part",
        title=N_("Capex by year: the initial build and the IT refresh waves"),
        unit="USD",
        x_title=N_("Year"),
        value_title=N_("Capex"),
        color_title=N_("Part of the build"),
        subtitle=N_(
            "Refresh: IT replaced at the end of its life by the newest generation, same power"
        ),
    )


def chart_generation_costs(scenario: Scenario) -> Any:
    """Cost per dense BF16 PFLOP-hour of each GPU generation."""
    from stargate.model import fleet_refresh

    return charts.bar(
        fleet_refresh.compute_generation_costs(scenario),
        "generation",
        "cost_per_pflop_hour_usd",
        title=N_("Cost per dense BF16 PFLOP-hour by GPU generation"),
        unit="USD/PFLOP-hour",
        sort=None,
        category_title=N_("GPU generation"),
        value_title=N_("Cost per PFLOP-hour"),
        subtitle=N_(
            "Cost model: same facility, power price, cost of capital and utilisation for each"
        ),
    )


# --------------------------------------------------------------------------- Monte Carlo


def chart_need_band(result: montecarlo.MonteCarloResult, summary: Any) -> Any:
    """The cumulative funding need by year: the median of the draws in its P10-P90 band."""
    return charts.line_band(
        montecarlo.compute_need_band(result),
        "year",
        "p50_usd",
        "p10_usd",
        "p90_usd",
        title=N_("Cumulative funding need of OpenAI and the venture"),
        unit="USD",
        x_title=N_("Year"),
        subtitle=_("Line: median of {draws} draws; band: 10th to 90th percentile").format(
            draws=format_number(summary["n_draws"])
        ),
    )


def chart_need_histogram(result: montecarlo.MonteCarloResult, summary: Any) -> Any:
    """The draws of the total funding need, 2025-2030, with P10, P50 and P90."""
    return charts.histogram(
        result.outcomes["total_need_usd"],
        title=N_("Total funding need, 2025–2030"),
        unit="USD",
        markers={
            "P10": summary["need_p10_usd"],
            "P50": summary["need_p50_usd"],
            "P90": summary["need_p90_usd"],
        },
    )


def chart_shortfall_histogram(result: montecarlo.MonteCarloResult, summary: Any) -> Any:
    """The draws of the money still to raise (both gaps together)."""
    return charts.histogram(
        result.outcomes["shortfall_usd"],
        title=N_("Money still to raise: OpenAI's corporate need and the venture's gap together"),
        unit="USD",
        markers={
            "P50": summary["still_to_raise_p50_usd"],
            "P90": summary["still_to_raise_p90_usd"],
        },
        subtitle=_("Zero in {share} of draws").format(
            share=format_share(1 - summary["shortfall_probability"])
        ),
    )


def chart_npv_histogram(result: montecarlo.MonteCarloResult, summary: Any) -> Any:
    """The draws of the project's NPV, with break-even (zero) and the median."""
    return charts.histogram(
        result.outcomes["npv_usd"],
        title=N_("Project NPV at the cost of capital"),
        unit="USD",
        markers={_("Break-even"): 0.0, "P50": summary["npv_p50_usd"]},
        subtitle=_("Above zero in {share} of draws").format(
            share=format_share(summary["npv_positive_probability"])
        ),
    )


def chart_overrun_histogram(scenario: Scenario, result: montecarlo.MonteCarloResult) -> Any:
    """The draws of the initial build's capex overrun, with the reference classes' means."""
    return charts.histogram(
        rc.compute_capex_overrun_draws(scenario, result.draws),
        title=N_("Capex overrun of the initial build (reference-class draws)"),
        unit="fraction",
        markers={_("Class means"): rc.compute_reference_class_overrun(scenario)},
        value_title=N_("Overrun, share of budget"),
    )


def chart_tornado(scenario: Scenario, tornado: pd.DataFrame, outcome: str) -> Any:
    """What moves an outcome (``total_need_usd`` or ``npv_usd``): each input from P10 to P90."""
    from stargate.present.sustainability_report import label_tornado

    titles = {
        "total_need_usd": N_("What moves the funding need"),
        "npv_usd": N_("What moves the value of the build-out (NPV)"),
    }
    return charts.tornado(
        label_tornado(tornado, scenario.display),
        "factor",
        "outcome_low",
        "outcome_high",
        base=tornado.attrs["base"],
        title=titles[outcome],
        unit="USD",
        low_label="low_input",
        high_label="high_input",
    )
