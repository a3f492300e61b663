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
from stargate.present.formatting import format_money, format_value, markdown_text
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
    from stargate.present.sustainability_report import LABELS, format_input

    disp = scenario.display
    out = []
    for row in tornado_npv.head(n).itertuples():
        zero = montecarlo.find_zero_crossing(scenario, row.input, row.low_value, row.high_value)
        out.append(
            Condition(
                input=row.input,
                label=LABELS[row.input],
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
    value, unit, _ = figures[name]
    return format_value(value, unit, scenario.display)


def _zero_text(scenario: Scenario, name: str, unit: str, value: float) -> str:
    """The value at which the NPV crosses zero; Vera Rubin's compute also as the rent it sets."""
    from stargate.present.sustainability_report import format_input

    disp = scenario.display
    shown = format_input(name, unit, value, disp)
    if name == "vr200_compute_pflops_fp8_dense":
        fin = scenario.finance
        rent = value * fin.market_rent_usd_per_pflop_hour
        shown += (
            f", a Vera Rubin hour outside the contract renting for "
            f"{format_value(rent, 'USD/GPU-hour', disp)} at the {fin.market_rent_year} market"
        )
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
    from stargate.present.sustainability_report import headline_figures

    disp = scenario.display
    figures = headline_figures(scenario, summary)
    project = project_economics.summarize_project(scenario)
    fin = scenario.finance

    def text(name: str) -> str:
        return _headline_text(figures, name, scenario)

    npv = project["npv_usd"]
    pays = "pays for itself" if npv > 0 else "does not pay for itself"
    breakeven = figures["breakeven_price_usd_per_gpu_hour"][0]
    if breakeven == breakeven:  # not NaN
        price = project["price_usd_per_gb300_hour"]
        this = format_value(price, "USD/GPU-hour", disp)
        if fin.price_generation != project_economics.HEADLINE_PRICE_GENERATION:
            this += (
                f", its {format_value(fin.price_usd_per_gpu_hour, 'USD/GPU-hour', disp)} per "
                f"{fin.price_generation} hour at GB300's power"
            )
        price_line = (
            f"It breaks even at a contract price of **{text('breakeven_price_usd_per_gpu_hour')}"
            f"** per GB300 GPU-hour (this scenario: {this}; other generations in proportion to "
            "their power), the hours outside the contract at this scenario's market rent."
        )
    else:
        price_line = "No hour is sold under the contract, so no contract price breaks it even."
    conditions = find_conditions(scenario, tornado_npv)
    if conditions:
        parts = []
        for c in conditions:
            part = (
                f"{c.label} ({c.low_text} to {c.high_text}: NPV "
                f"{format_money(c.npv_low_usd, disp)} to {format_money(c.npv_high_usd, disp)}"
            )
            if c.zero_text:
                part += f"; it crosses zero at {c.zero_text})"
            else:
                side = "above" if c.npv_low_usd > 0 else "below"
                part += f"; {side} zero across the range)"
            parts.append(part)
        turns = (
            f" It turns on {len(conditions)} inputs, the widest swings of its NPV between their "
            "low and high values: " + "; ".join(parts) + "."
        )
    else:
        turns = " None of the swept inputs moves its NPV."
    return (
        f"**Verdict ({markdown_text(scenario.title)}).** **The venture's build-out** "
        f"({format_money(project['capex_usd'], disp)} of capex) {pays} at this scenario's "
        f"values: NPV **{format_money(npv, disp)}** at a "
        f"{format_value(fin.cost_of_capital_rate, 'fraction')} cost of capital; it pays in "
        f"**{text('npv_positive_probability')}** of {format_value(summary['n_draws'], 'count')} "
        f"draws. {price_line}{turns} **OpenAI's funding**: its committed money falls short in "
        f"**{text('openai_shortfall_probability')}** of draws (its corporate funding need); "
        "OpenAI and the venture together need "
        f"**{text('funding_need_point_usd')}** over 2025-2030 at this scenario's values "
        f"(median of the draws {text('funding_need_p50_usd')}), the money OpenAI pays the "
        "venture netted out."
    )
