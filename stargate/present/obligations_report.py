"""OpenAI's compute obligations against its revenue, for readers: table, chart and sentence.

Numbers come from :mod:`stargate.model.obligations`; every figure goes through
:mod:`stargate.present.formatting` in the scenario's display currency. Each function takes only
the scenario, so a notebook cell is one call: ``nb.show(obligations_report.chart_obligations,
scenario)`` makes it in every language (words are msgids; the texts of
``openai_commitments.yaml`` are translated through the catalog too).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from stargate.model import obligations
from stargate.present import charts
from stargate.present.formatting import (
    format_money,
    format_ratio,
    format_table,
    format_value,
)
from stargate.present.i18n import N_, SOURCE_LANGUAGE, current_language, join_sentences, money_text
from stargate.present.i18n import gettext as _
from stargate.present.sustainability_report import fill
from stargate.scenario import Scenario

#: Lines drawn over the bars: series name (a msgid) -> column of the coverage table. The chip
#: deals are a line of their own, not a bar: the chips may be the clouds' capacity itself.
COVERAGE_LINES: dict[str, str] = {
    N_("Revenue"): "revenue_usd",
    N_("Revenue + cash and committed money on hand"): "available_usd",
    N_("Chip commitments (may overlap the clouds' capacity)"): "chip_commitments_usd",
}

#: The counterparties of ``openai_commitments.yaml``, as the Japanese press names them.
COUNTERPARTIES = (
    N_("Oracle"),
    N_("Microsoft Azure"),
    N_("AWS"),
    N_("CoreWeave"),
    N_("AMD"),
    N_("Broadcom"),
)


def _english() -> bool:
    return current_language() == SOURCE_LANGUAGE


def _money_column(label: str, currency: str) -> str:
    """A money column's header: ``"amount (USD)"``; Japanese ``"金額（円）"``."""
    return f"{label} ({currency})" if _english() else f"{_(label)}（円）"


def _ratio(value: float) -> str:
    text = format_ratio(value)
    return text if _english() else text.replace("×", "倍")


def format_commitments_table(scenario: Scenario) -> pd.DataFrame:
    """Each commitment as the schedule uses it: amount, conversion, first year, term, ramp."""
    terms = obligations.compute_commitment_terms(scenario)
    disp = scenario.display
    amount = []
    for t in terms.itertuples():
        # The reported amount is the source's (USD): Japanese shows yen, then the USD figure.
        text = money_text(t.reported_usd, disp)
        if pd.notna(t.gw):
            text = _("{amount} ({gw} at {per_gw} per GW)").format(
                amount=text,
                gw=format_value(t.gw, "GW"),
                per_gw=format_money(t.usd_per_gw, disp),
            )
        amount.append(text)
    spread = {"even": N_("evenly: {why}"), "linear": N_("ramping up: {why}")}
    out = pd.DataFrame(
        {
            _("counterparty"): [_(c) for c in terms["counterparty"]],
            _("what"): [fill(w, scenario) for w in terms["what"]],
            _("status"): [_(st) for st in terms["status"]],
            _money_column(N_("amount"), disp.currency): amount,
            _money_column(N_("paid in this scenario"), disp.currency): [
                format_money(v, disp) for v in terms["honoured_usd"]
            ],
            _("years"): [
                f"{a}–{b}" if _english() else f"{a}〜{b}年"
                for a, b in zip(terms["start_year"], terms["end_year"], strict=True)
            ],
            _("spread"): [
                _(spread["even" if r == "even" else "linear"]).format(why=fill(why, scenario))
                for r, why in zip(terms["ramp"], terms["ramp_why"], strict=True)
            ],
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
        rename={"year": _("year"), **{c: _money_column(c, currency) for c in columns}},
    )


_COVERAGE_COLUMNS: dict[str, str] = {
    "obligations_usd": N_("compute contracts with Oracle and the clouds, signed or announced"),
    "revenue_usd": N_("revenue"),
    "obligations_to_revenue": N_("compute contracts ÷ revenue (×)"),
    "available_usd": N_("revenue + money on hand"),
    "funding_usd": N_("cash + committed rounds (to date)"),
    "headroom_usd": N_("left after obligations (to date)"),
    "headroom_after_other_costs_usd": N_("left after obligations and other costs"),
    "chip_commitments_usd": N_("chip commitments (may overlap the clouds' capacity)"),
}


def format_obligation_coverage_table(scenario: Scenario) -> pd.DataFrame:
    """Obligations against revenue and money by year, 2025-2030, with the ratio (for readers).

    A negative "left after" is money OpenAI must still raise to honour its commitments. The chip
    commitments are the last column, outside the ratio and the "left after" columns.
    """
    cov = obligations.compute_obligation_coverage(scenario)
    money = [c for c in _COVERAGE_COLUMNS if c.endswith("_usd")]
    currency = scenario.display.currency
    out = format_table(
        cov[list(_COVERAGE_COLUMNS)].reset_index(),
        scenario.display,
        money=money,
        ratios=["obligations_to_revenue"],
        rename={
            "year": _("year"),
            **{
                c: _money_column(label, currency) if c in money else _(label)
                for c, label in _COVERAGE_COLUMNS.items()
            },
        },
    )
    if not _english():
        ratio = _(_COVERAGE_COLUMNS["obligations_to_revenue"])
        out[ratio] = [t.replace("×", "倍") for t in out[ratio]]
    return out


def tidy_obligations(scenario: Scenario) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Chart data: (bars: year, counterparty, usd for 2025-2030; lines: year, series, usd).

    The bars are the capacity contracts; the chip deals are one line (:data:`COVERAGE_LINES`).
    """
    schedule = obligations.compute_obligations_schedule(scenario)
    cov = obligations.compute_obligation_coverage(scenario)
    bars = (
        schedule.loc[cov.index, obligations.capacity_contracts(schedule)]
        .rename(columns=_)
        .reset_index()
        .melt(id_vars="year", var_name="counterparty", value_name="usd")
    )
    lines = (
        cov[list(COVERAGE_LINES.values())]
        .rename(columns={v: _(k) for k, v in COVERAGE_LINES.items()})
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
        _(
            "2028: compute contracts {ratio} revenue, chip deals apart. From {first} the bars "
            "rise above revenue plus the money on hand (before any other cost)"
        )
        if first is not None
        else _(
            "2028: compute contracts {ratio} revenue, chip deals apart. Revenue plus the money "
            "on hand covers the bars to 2030 (before any other cost)"
        )
    ).format(ratio=_ratio(ratio), first=first)
    title = N_("OpenAI's compute obligations against its revenue")
    domain = [_(k) for k in COVERAGE_LINES]
    chart_bars = charts.stacked_bar(
        bars,
        "year",
        "usd",
        "counterparty",
        title=title,
        unit="USD",
        x_title=N_("Year"),
        value_title=N_("Compute obligations"),
        color_title=N_("Counterparty"),
        subtitle=subtitle,
    )
    chart_lines = charts.line(
        lines,
        "year",
        "usd",
        title=title,
        unit="USD",
        color="series",
        x_type="O",
        x_title=N_("Year"),
        color_title=N_("Line"),
        subtitle=subtitle,
    ).encode(
        color=alt.Color(
            "series:N",
            scale=alt.Scale(
                domain=domain,
                range=[charts.TEXT_COLOR, charts.MUTED_COLOR, charts.MUTED_COLOR],
            ),
            legend=None,
        ),
        strokeDash=alt.StrokeDash(
            "series:N",
            scale=alt.Scale(domain=domain, range=[[1, 0], [6, 3], [2, 2]]),
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
    values = {
        "total": money_text(float(summary["total_usd"]), disp),
        "chip_total": money_text(float(summary["chip_total_usd"]), disp),
        "chip_2028": money_text(float(summary["chip_2028_usd"]), disp),
        "to_2030": money_text(float(summary["to_2030_usd"]), disp),
        "ratio_2028": _ratio(summary["ratio_2028"]),
        "obligations_2028": money_text(float(cov.loc[2028, "obligations_usd"]), disp),
        "revenue_2028": money_text(float(cov.loc[2028, "revenue_usd"]), disp),
        "peak_ratio": _ratio(summary["peak_ratio"]),
        "peak_year": summary["peak_ratio_year"],
        "first": first,
        "first_after": first_after,
    }
    lead = _(
        "OpenAI's reported contracts for compute with Oracle and the clouds add up to "
        "**{total}**, of which {to_2030} falls due by 2030. In 2028 they come to **{ratio_2028} "
        "its revenue** ({obligations_2028} against {revenue_2028}); the ratio peaks at "
        "{peak_ratio} in {peak_year}."
    )
    chips = _(
        "Its chip commitments to AMD and Broadcom ({chip_total}, {chip_2028} of it in 2028) are "
        "shown apart and not added: the chips are installed by Stargate or the clouds and may be "
        "billed to OpenAI as the very capacity those contracts buy."
    )
    if first is None and first_after is None:
        cover = _(
            "Revenue plus OpenAI's cash and committed money covers them to 2030, before any "
            "other cost; they are covered to 2030 even after OpenAI's other costs."
        )
    elif first is None:
        cover = _(
            "Revenue plus OpenAI's cash and committed money covers them to 2030, before any "
            "other cost; counting OpenAI's other costs, from {first_after}."
        )
    elif first_after is None:
        cover = _(
            "From **{first}** the commitments to date exceed the revenue to date plus the cash "
            "and committed money, even before paying any other cost; they are covered to 2030 "
            "even after OpenAI's other costs."
        )
    elif first == first_after:
        cover = _(
            "From **{first}** the commitments to date exceed the revenue to date plus the cash "
            "and committed money, even before paying any other cost (and so, from the same "
            "year, after OpenAI's other costs)."
        )
    else:
        cover = _(
            "From **{first}** the commitments to date exceed the revenue to date plus the cash "
            "and committed money, even before paying any other cost; counting OpenAI's other "
            "costs, from {first_after}."
        )
    return join_sentences(lead, cover, chips).format(**values)
