"""OpenAI's compute obligations against its revenue, for readers: table, chart and sentence.

Numbers come from :mod:`stargate.model.obligations`; every figure goes through
:mod:`stargate.present.formatting` in the scenario's display currency. Each function takes only
the scenario, so a notebook cell is one call.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from stargate.model import obligations
from stargate.present import charts
from stargate.present.fact_text import fill_facts
from stargate.present.formatting import (
    format_money,
    format_ratio,
    format_table,
    format_value,
)
from stargate.scenario import Scenario

#: Lines drawn over the bars: series name -> column of the coverage table.
COVERAGE_LINES: dict[str, str] = {
    "Revenue": "revenue_usd",
    "Revenue + cash and committed money on hand": "available_usd",
}


def format_commitments_table(scenario: Scenario) -> pd.DataFrame:
    """Each commitment as the schedule uses it: amount, conversion, first year, term, ramp."""
    terms = obligations.compute_commitment_terms(scenario)
    disp = scenario.display
    amount = []
    for t in terms.itertuples():
        text = format_money(t.reported_usd, disp)
        if pd.notna(t.gw):
            text += f" ({format_value(t.gw, 'GW')} at {format_money(t.usd_per_gw, disp)} per GW)"
        amount.append(text)
    out = pd.DataFrame(
        {
            "counterparty": terms["counterparty"],
            "what": [fill_facts(w, disp) for w in terms["what"]],
            "status": terms["status"],
            f"amount ({disp.currency})": amount,
            f"paid in this scenario ({disp.currency})": [
                format_money(v, disp) for v in terms["honoured_usd"]
            ],
            "years": [
                f"{a}–{b}" for a, b in zip(terms["start_year"], terms["end_year"], strict=True)
            ],
            "spread": [
                ("evenly" if r == "even" else "ramping up") + f": {fill_facts(why, disp)}"
                for r, why in zip(terms["ramp"], terms["ramp_why"], strict=True)
            ],
            "facts": terms["facts"],
        }
    )
    return out


def format_obligations_schedule_table(scenario: Scenario) -> pd.DataFrame:
    """The yearly schedule by counterparty, with the total, for readers."""
    schedule = obligations.compute_obligations_schedule(scenario)
    table = schedule.copy()
    table["total"] = schedule.sum(axis=1)
    columns = list(table.columns)
    currency = scenario.display.currency
    return format_table(
        table.reset_index(),
        scenario.display,
        money=columns,
        rename={c: f"{c} ({currency})" for c in columns},
    )


_COVERAGE_COLUMNS: dict[str, str] = {
    "obligations_usd": "compute obligations",
    "revenue_usd": "revenue",
    "obligations_to_revenue": "obligations ÷ revenue (×)",
    "available_usd": "revenue + money on hand",
    "funding_usd": "cash + committed rounds (to date)",
    "headroom_usd": "left after obligations (to date)",
    "headroom_after_other_costs_usd": "left after obligations and other costs",
}


def format_obligation_coverage_table(scenario: Scenario) -> pd.DataFrame:
    """Obligations against revenue and money by year, 2025-2030, with the ratio (for readers).

    A negative "left after" is money OpenAI must still raise to honour its commitments.
    """
    cov = obligations.compute_obligation_coverage(scenario)
    money = [c for c in _COVERAGE_COLUMNS if c.endswith("_usd")]
    currency = scenario.display.currency
    return format_table(
        cov[list(_COVERAGE_COLUMNS)].reset_index(),
        scenario.display,
        money=money,
        ratios=["obligations_to_revenue"],
        rename={
            c: f"{label} ({currency})" if c in money else label
            for c, label in _COVERAGE_COLUMNS.items()
        },
    )


def tidy_obligations(scenario: Scenario) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Chart data: (bars: year, counterparty, usd for 2025-2030; lines: year, series, usd)."""
    schedule = obligations.compute_obligations_schedule(scenario)
    cov = obligations.compute_obligation_coverage(scenario)
    bars = (
        schedule.loc[cov.index]
        .reset_index()
        .melt(id_vars="year", var_name="counterparty", value_name="usd")
    )
    lines = (
        cov[list(COVERAGE_LINES.values())]
        .rename(columns={v: k for k, v in COVERAGE_LINES.items()})
        .reset_index()
        .melt(id_vars="year", var_name="series", value_name="usd")
    )
    return bars, lines


def chart_obligations(scenario: Scenario) -> Any:
    """Stacked bars of obligations by counterparty, against revenue and revenue + money on hand.

    Where the bars rise above the upper line, the commitments are not covered by revenue plus
    the cash and committed money left (the first such year is in the subtitle).
    """
    import altair as alt

    bars, lines = tidy_obligations(scenario)
    cov = obligations.compute_obligation_coverage(scenario)
    first = cov.attrs["first_uncovered_year"]
    ratio = cov.loc[2028, "obligations_to_revenue"]
    subtitle = (
        f"2028: obligations {format_ratio(ratio)} revenue. "
        + (
            f"From {first} the bars rise above revenue plus the money on hand"
            if first is not None
            else "Revenue plus the money on hand covers the bars to 2030"
        )
        + " (before any other cost)"
    )
    chart_bars = charts.stacked_bar(
        bars,
        "year",
        "usd",
        "counterparty",
        title="OpenAI's compute obligations against its revenue",
        unit="USD",
        x_title="Year",
        subtitle=subtitle,
    )
    chart_lines = charts.line(
        lines,
        "year",
        "usd",
        title="OpenAI's compute obligations against its revenue",
        unit="USD",
        color="series",
        x_type="O",
        x_title="Year",
        subtitle=subtitle,
    ).encode(
        color=alt.Color(
            "series:N",
            scale=alt.Scale(
                domain=list(COVERAGE_LINES), range=[charts.TEXT_COLOR, charts.MUTED_COLOR]
            ),
            legend=None,
        ),
        strokeDash=alt.StrokeDash(
            "series:N",
            scale=alt.Scale(domain=list(COVERAGE_LINES), range=[[1, 0], [6, 3]]),
            legend=alt.Legend(title=None, labelLimit=320, orient="bottom", direction="vertical"),
        ),
    )
    return alt.layer(chart_bars, chart_lines).resolve_scale(color="independent")


def build_obligations_paragraph(scenario: Scenario) -> str:
    """What the schedule says, in two or three sentences (Markdown)."""
    disp = scenario.display
    summary = obligations.summarize_obligations(scenario)
    cov = obligations.compute_obligation_coverage(scenario)
    first = summary["first_uncovered_year"]
    first_after = summary["first_uncovered_after_other_costs_year"]
    text = (
        "OpenAI's reported compute commitments add up to "
        f"**{format_money(float(summary['total_usd']), disp)}**, of which "
        f"{format_money(float(summary['to_2030_usd']), disp)} falls due by 2030. In 2028 they "
        f"come to **{format_ratio(summary['ratio_2028'])} its revenue** "
        f"({format_money(float(cov.loc[2028, 'obligations_usd']), disp)} against "
        f"{format_money(float(cov.loc[2028, 'revenue_usd']), disp)}); the ratio peaks at "
        f"{format_ratio(summary['peak_ratio'])} in {summary['peak_ratio_year']}. "
    )
    if first is None:
        text += (
            "Revenue plus OpenAI's cash and committed money covers them to 2030, before any "
            "other cost"
        )
    else:
        text += (
            f"From **{first}** the commitments to date exceed the revenue to date plus the cash "
            "and committed money, even before paying any other cost"
        )
    if first_after is not None:
        text += f"; counting OpenAI's other costs, from {first_after}."
    else:
        text += "; they are covered to 2030 even after OpenAI's other costs."
    return text
