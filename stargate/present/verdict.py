"""The verdict of a scenario in one paragraph: its objects, its numbers, the conditions it turns on.

One paragraph per scenario, with two objects named apart: **the venture's build-out** (does it
pay for itself: NPV, the chance it is above zero, the contract price at which it breaks even)
and **OpenAI's funding** (the chance its committed money falls short, and the combined need of
OpenAI and the venture). Every figure is the value of a headline record of the sustainability
report (:func:`stargate.present.sustainability_report.headline_figures`), formatted as the
headline is (:func:`stargate.present.formatting.format_value` with its unit), so the paragraph
and the index page cannot disagree. The conditions are the tornado's (the inputs whose P10-P90
swings the NPV most, :func:`stargate.model.montecarlo.compute_tornado`), each with the value at
which the NPV crosses zero inside that range when it does
(:func:`stargate.model.montecarlo.find_zero_crossing`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from stargate.model import montecarlo, project_economics
from stargate.present.formatting import format_value
from stargate.present.i18n import (
    SOURCE_LANGUAGE,
    current_language,
    format_value_ja,
    join_sentences,
    money_text,
)
from stargate.present.i18n import gettext as _
from stargate.scenario import Scenario

#: How many of the tornado's widest NPV swings the verdict names.
N_CONDITIONS = 3


@dataclass(frozen=True)
class Condition:
    """One input the verdict turns on.

    Attributes:
        input: the tornado's name of the input.
        label: its readers' label.
        low_text, high_text: the two ends of its swing (P10 and P90, or the fact's low-high).
        npv_low_usd, npv_high_usd: the NPV at each end, USD.
        zero_at: the input's value at which the NPV crosses zero inside the swing (None if it
            does not), and ``zero_text`` the same for readers.
    """

    input: str
    label: str
    low_text: str
    high_text: str
    npv_low_usd: float
    npv_high_usd: float
    zero_at: float | None
    zero_text: str | None


def find_conditions(
    scenario: Scenario, tornado_npv: pd.DataFrame, n: int = N_CONDITIONS
) -> list[Condition]:
    """The ``n`` inputs with the widest NPV swing, each with its zero crossing if it has one.

    Args:
        scenario: the scenario.
        tornado_npv: :func:`stargate.model.montecarlo.compute_tornado` of ``npv_usd``.
        n: how many.
    """
    from stargate.present.sustainability_report import format_input, label

    disp = scenario.display
    out = []
    for row in tornado_npv.head(n).itertuples():
        zero = montecarlo.find_zero_crossing(scenario, row.input, row.low_value, row.high_value)
        out.append(
            Condition(
                input=row.input,
                label=label(row.input),
                low_text=format_input(row.input, row.unit, row.low_value, disp),
                high_text=format_input(row.input, row.unit, row.high_value, disp),
                npv_low_usd=float(row.outcome_low),
                npv_high_usd=float(row.outcome_high),
                zero_at=zero,
                zero_text=None if zero is None else _zero_text(scenario, row.input, row.unit, zero),
            )
        )
    return out


def _headline_text(
    figures: Mapping[str, tuple[float, str, str]], name: str, scenario: Scenario
) -> str:
    value, unit, _label = figures[name]
    if current_language() == SOURCE_LANGUAGE:
        return format_value(value, unit, scenario.display)
    # As the Japanese page's headline shows it: yen first, the USD figure in parentheses.
    return format_value_ja(value, unit, float(scenario.display.jpy_per_usd))


def _zero_text(scenario: Scenario, name: str, unit: str, value: float) -> str:
    """The value at which the NPV crosses zero; Vera Rubin's compute also as the rent it sets."""
    from stargate.present.sustainability_report import format_input

    disp = scenario.display
    shown = format_input(name, unit, value, disp)
    if name == "vr200_compute_pflops_fp8_dense":
        fin = scenario.finance
        rent = value * fin.market_rent_usd_per_pflop_hour
        shown = _(
            "{value}, a Vera Rubin hour outside the contract renting for {rent} at the {year} "
            "market"
        ).format(value=shown, rent=money_text(rent, disp, "/GPU-hour"), year=fin.market_rent_year)
    return shown


def build_verdict_paragraph(
    scenario: Scenario, summary: Mapping[str, float], tornado_npv: pd.DataFrame
) -> str:
    """The verdict paragraph (Markdown): the venture's build-out, then OpenAI's funding.

    Args:
        scenario: the scenario.
        summary: :func:`stargate.model.montecarlo.summarize_monte_carlo` of its Monte Carlo.
        tornado_npv: :func:`stargate.model.montecarlo.compute_tornado` of ``npv_usd``.
    """
    from stargate.present.sustainability_report import _title, headline_figures

    disp = scenario.display
    figures = headline_figures(scenario, summary)
    project = project_economics.summarize_project(scenario)
    fin = scenario.finance

    def text(name: str) -> str:
        return _headline_text(figures, name, scenario)

    def money(amount_usd: float) -> str:
        return money_text(amount_usd, disp)

    npv = project["npv_usd"]
    values = {
        "title": _title(scenario),
        "capex": money(project["capex_usd"]),
        "npv": money(npv),
        "cost_of_capital": format_value(fin.cost_of_capital_rate, "fraction"),
        "npv_probability": text("npv_positive_probability"),
        "draws": format_value(summary["n_draws"], "count"),
        "breakeven": text("breakeven_price_usd_per_gpu_hour"),
        "openai_probability": text("openai_shortfall_probability"),
        "need_point": text("funding_need_point_usd"),
        "need_p50": text("funding_need_p50_usd"),
    }
    pays = (
        _(
            "**Verdict ({title}).** **The venture's build-out** ({capex} of capex) pays for "
            "itself at this scenario's values: NPV **{npv}** at a {cost_of_capital} cost of "
            "capital; it pays in **{npv_probability}** of {draws} draws."
        )
        if npv > 0
        else _(
            "**Verdict ({title}).** **The venture's build-out** ({capex} of capex) does not pay "
            "for itself at this scenario's values: NPV **{npv}** at a {cost_of_capital} cost of "
            "capital; it pays in **{npv_probability}** of {draws} draws."
        )
    )
    breakeven = figures["breakeven_price_usd_per_gpu_hour"][0]
    if breakeven == breakeven:  # not NaN
        price = project["price_usd_per_gb300_hour"]
        this = money_text(price, disp, "/GPU-hour")
        if fin.price_generation != project_economics.HEADLINE_PRICE_GENERATION:
            this = _("{gb300_price}, its {price} per {generation} hour at GB300's power").format(
                gb300_price=this,
                price=money_text(fin.price_usd_per_gpu_hour, disp, "/GPU-hour"),
                generation=fin.price_generation,
            )
        if fin.price_generation == project_economics.HEADLINE_PRICE_GENERATION:
            price_line = _(
                "It breaks even at a contract price of **{breakeven}** per GB300 GPU-hour (this "
                "scenario: {this}; other generations in proportion to their power), the hours "
                "outside the contract at this scenario's market rent."
            ).format(breakeven=values["breakeven"], this=this)
        else:
            # The headline is per GB300-equivalent hour; the scenario's contract prices another
            # generation (article_case: H100), so name it and give its own break-even too.
            price_line = _(
                "It breaks even at a contract price of **{breakeven}** per GB300-equivalent "
                "GPU-hour, {breakeven_own} per hour of this scenario's contract reference "
                "generation, the {generation} (this scenario: {this}), the hours outside the "
                "contract at this scenario's market rent."
            ).format(
                breakeven=values["breakeven"],
                breakeven_own=money_text(project["breakeven_price_usd_per_gpu_hour"], disp),
                generation=fin.price_generation,
                this=this,
            )
    else:
        price_line = _("No hour is sold under the contract, so no contract price breaks it even.")
    conditions = find_conditions(scenario, tornado_npv)
    if conditions:
        parts = []
        for c in conditions:
            swing = {
                "label": c.label,
                "low": c.low_text,
                "high": c.high_text,
                "npv_low": money(c.npv_low_usd),
                "npv_high": money(c.npv_high_usd),
                "zero": c.zero_text,
            }
            if c.zero_text:
                part = _(
                    "{label} ({low} to {high}: NPV {npv_low} to {npv_high}; it crosses zero at "
                    "{zero})"
                )
            elif c.npv_low_usd > 0:
                part = _(
                    "{label} ({low} to {high}: NPV {npv_low} to {npv_high}; above zero across "
                    "the range)"
                )
            else:
                part = _(
                    "{label} ({low} to {high}: NPV {npv_low} to {npv_high}; below zero across "
                    "the range)"
                )
            parts.append(part.format(**swing))
        turns = _(
            "It turns on {count} inputs, the widest swings of its NPV between their low and high "
            "values: {conditions}."
        ).format(count=len(conditions), conditions=_("; ").join(parts))
    else:
        turns = _("None of the swept inputs moves its NPV.")
    funding = _(
        "**OpenAI's funding**: its committed money falls short in **{openai_probability}** of "
        "draws (its corporate funding need); OpenAI and the venture together need "
        "**{need_point}** over 2025-2030 at this scenario's values (median of the draws "
        "{need_p50}), the money OpenAI pays the venture netted out."
    )
    # The conditions are filled already (their text may hold braces of no placeholder).
    return join_sentences(pays.format(**values), price_line, turns, funding.format(**values))
