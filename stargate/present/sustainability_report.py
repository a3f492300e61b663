"""The sustainability report as readers see it: paragraphs, verdict, tables and charts.

Every sentence whose wording depends on the figures is built here from the model
(:mod:`stargate.model.openai_path`, :mod:`~stargate.model.venture`,
:mod:`~stargate.model.project_economics`, :mod:`~stargate.model.fleet_refresh`,
:mod:`~stargate.model.reference_class`, :mod:`~stargate.model.montecarlo`), and every figure goes
through :mod:`stargate.present.formatting` in the scenario's display currency. The notebook shows
the Markdown with ``nb.md(...)``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from stargate import facts
from stargate.model import (
    capital_structure,
    montecarlo,
    openai_path,
    programme,
    project_economics,
    sites,
)
from stargate.model import reference_class as rc
from stargate.model.venture import build_model_inputs
from stargate.present.formatting import (
    DisplaySettings,
    format_money,
    format_number,
    format_share,
    format_value,
    markdown_text,
)
from stargate.scenario import Scenario
from stargate.schema.common import fact_behind
from stargate.schema.risk import Centred, Fixed, Triangular, Uniform

# =========================================================================== words for figures

#: Readers' labels of the Monte Carlo inputs and of the assumptions the tornado swings.
LABELS: dict[str, str] = {
    "revenue_growth_realization": "OpenAI revenue growth (share of plan)",
    "price_usd_per_gpu_hour": "Contract price per GPU-hour",
    "price_change_rate": "Market rent change per year",
    "utilization_rate": "Utilisation",
    "facility_overrun_rate": "Facility capex overrun",
    "accelerator_overrun_rate": "Accelerator capex overrun",
    "other_it_overrun_rate": "Other IT capex overrun",
    "it_lifetime_years": "IT lifetime",
    "cost_of_capital_rate": "Cost of capital",
    "schedule_delay_years": "Schedule delay",
    "fixed_cost_ratio_2030": "OpenAI 2030 cost level",
    "flexible_cost_share": "Costs that follow revenue",
    "market_rent_usd_per_pflop_hour": "Market rent per PFLOP-hour (hours outside the contract)",
    "vr200_compute_pflops_fp8_dense": "Vera Rubin compute, which sets its market rent",
}


#: What each gap is, in the words every headline and sentence uses (:data:`GAPS` of
#: :mod:`stargate.model.openai_path`).
GAP_NAMES: dict[str, str] = {
    "openai": "OpenAI's corporate funding need",
    "venture": "the venture's funding gap",
    "combined": "OpenAI's corporate need and the venture's gap together",
}
GAP_DEFINITIONS: dict[str, str] = {
    "openai": "OpenAI's own cash burn and equity calls against its cash and signed rounds",
    "venture": (
        "the venture's capex and running costs, less what OpenAI pays it, against its "
        "partners' equity and the named lenders' and developers' money in its sites; debt no "
        "lender is named for is not counted"
    ),
}


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


#: Readers' names of the outcomes shown as point beside median
#: (:data:`stargate.model.montecarlo.POINT_OUTCOMES`).
OUTCOME_LABELS: dict[str, str] = {
    "total_need_usd": "Combined funding need 2025-2030 (OpenAI and venture)",
    "openai_need_usd": "OpenAI's corporate funding need 2025-2030",
    "venture_need_usd": (
        "The venture's cash need at its peak, 2025-2030 (reconciliation line: capex and running "
        "costs less revenue, before equity and named funders)"
    ),
    "npv_usd": "NPV of the venture's build-out",
}


def format_point_and_median_table(
    scenario: Scenario, result: montecarlo.MonteCarloResult
) -> pd.DataFrame:
    """Each headline outcome as "point (this scenario)" beside "median of N draws" and P10-P90.

    The point is the model at the scenario's own values (what the paragraphs quote); the median
    and the band come from the Monte Carlo, whose inputs are centred on those values.
    """
    table = montecarlo.compare_point_with_draws(scenario, result)
    disp = scenario.display
    n = format_number(result.n_draws)
    return pd.DataFrame(
        {
            "measure": [OUTCOME_LABELS[o] for o in table["outcome"]],
            "point (this scenario)": [format_money(v, disp) for v in table["point"]],
            f"median of {n} draws": [format_money(v, disp) for v in table["p50"]],
            "P10": [format_money(v, disp) for v in table["p10"]],
            "P90": [format_money(v, disp) for v in table["p90"]],
        }
    )


def format_probability(p: float) -> str:
    """A probability for a sentence: ``38%``, ``more than 99%``, ``less than 0.1%``.

    The house share format, except that a probability short of certainty (or of zero) never
    reads as ``100%`` (or ``0.0%``).
    """
    if 0.995 < p < 1.0:
        return "more than " + format_share(0.99)
    if 0.0 < p < 0.0005:
        return "less than " + format_share(0.001)
    return format_share(p)


def format_pace(k: float) -> str:
    """A growth realisation as readers say it: ``81% as fast as``, ``2.4 times as fast as``."""
    if k <= 1.0:
        return f"{format_share(k)} as fast as"
    return f"{format_value(k, 'times', fmt='.1f')} as fast as"


def describe_distribution(dist: Any) -> str:
    """A distribution in words: ``triangular 1.7 / 2.8 / 3.9``."""
    n = format_number
    if isinstance(dist, Fixed):
        return f"fixed at {n(dist.value)}"
    if isinstance(dist, Uniform):
        return f"uniform {n(dist.low)} to {n(dist.high)}"
    if isinstance(dist, Triangular):
        return f"triangular {n(dist.low)} / {n(dist.mode)} / {n(dist.high)}"
    if isinstance(dist, Centred):
        return f"centred on {n(dist.median)}, {n(dist.low)} to {n(dist.high)}"
    return f"lognormal: median {n(dist.median)}, P90 {n(dist.p90)}, floor {n(dist.floor)}"


def format_input(name: str, unit: str, value: float, display: DisplaySettings) -> str:
    """One value of a model input for the tornado: ``$2.19/GPU-hour``, ``-19% a year``."""
    if name == "revenue_growth_realization":
        return f"{format_share(value)} of projected growth"
    if name == "price_change_rate":
        return f"{format_share(value, signed=True)} a year"
    if unit == "PFLOPS":
        return format_value(value, "PFLOPS", display, ".1f")
    if unit in ("fraction", "years") or unit.startswith("USD"):
        return format_value(value, unit, display, ".1f" if unit == "years" else None)
    return format_value(value, "", display, ".2f")


def label_tornado(tornado: pd.DataFrame, display: DisplaySettings) -> pd.DataFrame:
    """:func:`stargate.model.montecarlo.compute_tornado` for readers (and the tornado chart).

    Returns:
        ``factor`` (label), ``low_input``, ``high_input`` (text), ``outcome_low``,
        ``outcome_high``, ``swing``; ``attrs`` ``base`` and ``no_effect`` (labels).
    """
    out = pd.DataFrame(
        {
            "factor": [LABELS[n] for n in tornado["input"]],
            "low_input": [
                format_input(r.input, r.unit, r.low_value, display) for r in tornado.itertuples()
            ],
            "high_input": [
                format_input(r.input, r.unit, r.high_value, display) for r in tornado.itertuples()
            ],
            "outcome_low": tornado["outcome_low"].to_numpy(),
            "outcome_high": tornado["outcome_high"].to_numpy(),
            "swing": tornado["swing"].to_numpy(),
        }
    )
    out.attrs["base"] = tornado.attrs["base"]
    out.attrs["no_effect"] = [LABELS[n] for n in tornado.attrs["no_effect"]]
    return out


# =========================================================================== paragraphs


def build_distribution_note(scenario: Scenario) -> str:
    """Whether each input is drawn around its point value, and the offset where not (Markdown).

    Distributions left empty are centred on the point by construction; one the scenario file
    declares is drawn as written, and the note states its median against the point.
    """
    problems = [
        f"{LABELS[name]}: the point value {format_number(point)} lies outside its distribution "
        f"({describe_distribution(dist)})"
        for name, point, dist in montecarlo.check_distribution_points(scenario)
    ]
    outside = {name for name, _, _ in montecarlo.check_distribution_points(scenario)}
    centring = montecarlo.compute_centring(scenario)
    off = centring[~centring["is_centred"] & ~centring["input"].isin(outside)]
    offsets = [
        f"{LABELS[r.input]}: drawn with median {format_number(r.median)} against the point "
        f"value {format_number(r.point)} (the distribution this scenario's file sets)"
        for r in off.itertuples()
    ]
    if not problems and not offsets:
        return (
            "_Every input is drawn around this scenario's own value: the median of each "
            "distribution is the point value._"
        )
    return "**Note on this scenario's inputs:** " + "; ".join(problems + offsets) + "."


def build_in_brief(scenario: Scenario, summary: Mapping[str, float]) -> str:
    """Three sentences for the top of the report: each gap's probability, named (Markdown)."""
    disp = scenario.display
    announced = float(build_model_inputs(scenario).announced_rounds_usd.sum())
    still = summary["still_to_raise_p50_usd"]
    pct = format_probability
    text = (
        f"**In brief ({markdown_text(scenario.title)}).** Two gaps, kept apart. "
        f"**{_cap(GAP_NAMES['openai'])}** ({GAP_DEFINITIONS['openai']}) is not covered "
        f"in {pct(summary['openai_shortfall_probability'])} of "
        f"{format_number(summary['n_draws'])} simulated futures"
    )
    if announced > 0:
        text += (
            f", and in {pct(summary['openai_shortfall_incl_announced_probability'])} even "
            "counting money only announced"
        )
    text += (
        f". **{_cap(GAP_NAMES['venture'])}** ({GAP_DEFINITIONS['venture']}) opens in "
        f"{pct(summary['venture_shortfall_probability'])} of them. Either gap is open in "
        f"{pct(summary['shortfall_probability'])} (median still to raise, both together: "
        f"{format_money(still, disp) if still > 0 else 'nothing'})"
    )
    return text + (
        ". The venture's build-out pays for itself in "
        f"{pct(summary['npv_positive_probability'])} of them. "
        "The verdict at the end says what must be true for each side to be right."
    )


def build_calibration_paragraph(scenario: Scenario, calibration: pd.DataFrame) -> str:
    """How close the modelled OpenAI path is to the reported points (Markdown).

    Args:
        scenario: the scenario.
        calibration: :func:`stargate.model.openai_path.compare_with_reported`.
    """
    disp = scenario.display
    tested = calibration.dropna(subset=["tolerance"])
    # The 2028 anchors built the model: shown in the table, never counted as a test.
    tested = tested[~tested["point"].str.contains("(anchor)", regex=False)]
    gaps = tested["difference"].abs()
    first = openai_path.first_cash_positive_year(scenario)
    reported = facts.value("oa_burn_to_2029_cash_positive_year")
    return (
        f"{int(tested['within_tolerance'].sum())} of {len(tested)} independent points are "
        "within tolerance (the two 2028 anchors the model is built from are shown, not counted; "
        "the 2025-2029 total includes the anchored year). The largest gap is "
        f"{format_share(gaps.max())} "
        f"({tested.loc[gaps.idxmax(), 'point']}): the reported 2025 burn was held down by "
        "payment timing — in the first half of 2025 OpenAI burned "
        f"{format_money(facts.value('oa_h1_2025_cash_burn'), disp)} of cash on a "
        f"{format_money(facts.value('oa_h1_2025_op_loss'), disp)} operating loss — which the "
        "model's single non-cash share does not capture. First year of positive cash flow in "
        f"the model: {first if first is not None else 'none by 2030'} (reported projection: "
        f"{reported:.0f})."
    )


def build_funding_need_paragraph(scenario: Scenario) -> str:
    """The funding need at the point values, and who must still raise what (Markdown)."""
    show = scenario.display
    need = openai_path.summarize_funding_need(scenario)
    runway_end = openai_path.find_runway_end_year(openai_path.compute_runway(scenario))
    text = (
        "At this scenario's point values OpenAI and the venture together need "
        f"**{format_money(need['total_need_usd'], show)}** over 2025–2030. "
    )
    if runway_end:
        text += (
            f"OpenAI's committed money runs out in **{runway_end}**; by 2030 it must still raise "
            f"**{format_money(need['openai_still_to_raise_usd'], show)}** beyond what is "
            "committed"
        )
    else:
        text += "OpenAI's committed money lasts to 2030"
    if need["openai_still_to_raise_incl_announced_usd"] > 0:
        text += (
            f", and **{format_money(need['openai_still_to_raise_incl_announced_usd'], show)}** "
            "even if the announced money arrives. "
        )
    else:
        text += "; the announced money would cover it, if it arrives. "
    rec = capital_structure.reconcile_venture_funding(scenario)
    named = rec.named_usd()
    text += (
        f"The venture's cash need peaks at **{format_money(rec.value('cash_need'), show)}** in "
        f"{rec.peak_year}; its partners' equity and the named lenders, lessors and developers "
        f"({format_money(named, show)} counted) leave "
        f"**{format_money(rec.value('funding_gap'), show)}**: the venture's funding gap, cash "
        "need no equity or named funder covers (the gap line of the reconciliation below). "
        "If the venture also borrowed at the assumed leverage, net of the named loans (no "
        f"lender is named), it could raise {format_money(rec.value('assumed_debt'), show)} "
        f"more, leaving {format_money(rec.value('left_after_debt'), show)}."
    )
    return text


def build_project_paragraph(scenario: Scenario) -> str:
    """NPV, IRR, payback and break-evens of the build-out at the point values (Markdown)."""
    show = scenario.display
    project = project_economics.summarize_project(scenario)
    fin = scenario.finance
    text = (
        f"With the contracted hours at **{format_money(project['price_usd_per_gpu_hour'], show)} "
        f"per {fin.price_generation} GPU-hour** (flat for the contract's term; other "
        "generations in proportion to their power), every other hour at the market rent of its "
        f"GPUs' compute ({format_money(fin.market_rent_usd_per_pflop_hour, show)} per dense "
        f"PFLOP-hour in {fin.market_rent_year}, "
        f"{format_share(scenario.risk.price_change_rate, digits=1, signed=True)} a year), "
        f"{format_share(project['utilization_rate'])} utilisation and a "
        f"{format_share(project['cost_of_capital_rate'])} cost of capital, the "
        f"{format_money(project['capex_usd'], show)} build-out has an NPV of "
        f"**{format_money(project['npv_usd'], show)}**"
    )
    if project["irr"] is not None:
        text += f" and an IRR of **{format_share(project['irr'], digits=1)}**"
    else:
        text += " and no IRR"
    if project["payback_years"] is not None:
        text += (
            f"; it pays back in **{format_value(project['payback_years'], 'years', fmt='.1f')}**."
        )
    else:
        text += "; it does not pay back within the life of its IT."
    text += (
        " It breaks even at a contract price of "
        f"**{format_money(project['breakeven_price_usd_per_gpu_hour'], show)}** per "
        f"{fin.price_generation} GPU-hour "
    )
    if project["breakeven_utilization"] <= 1:
        text += f"or at **{format_share(project['breakeven_utilization'])}** utilisation."
    else:
        text += "; no utilisation up to 100 % breaks even at this price."
    return text


def build_reference_class_paragraph(scenario: Scenario) -> str:
    """The overrun at the reference classes' means, and the IT projects' warning (Markdown)."""
    return (
        "At the class means the build-out would cost "
        f"**{format_share(rc.compute_reference_class_overrun(scenario))} more** than budgeted. "
        "IT projects are the warning: they are the only class whose overruns have a tail so fat "
        "(tail index at or below 1) that the average overrun is not a stable number; "
        f"{format_share(facts.value('bf_it_tail_share'))} of IT projects overrun by half or "
        f"more, by {format_share(facts.value('bf_it_tail_mean'))} on average among them."
    )


def build_no_effect_paragraph(tornado_need: pd.DataFrame, tornado_npv: pd.DataFrame) -> str:
    """The swept assumptions that move neither outcome, and why (Markdown).

    Args:
        tornado_need: :func:`stargate.model.montecarlo.compute_tornado` of ``total_need_usd``.
        tornado_npv: the same of ``npv_usd``.
    """
    no_effect = [LABELS[n] for n in tornado_need.attrs["no_effect"]] + [
        f"{LABELS[n]} (on the NPV)" for n in tornado_npv.attrs["no_effect"]
    ]
    if not no_effect:
        return "Every swept assumption moves both outcomes."
    return (
        "Left out because they do not move the outcome at all: " + ", ".join(no_effect) + ". "
        "The cost of capital discounts but does not change the cash to be found; OpenAI's revenue "
        "and costs do not change what the venture earns, which is the contract price for the "
        "contracted hours and the market rent for the rest, whatever OpenAI's own fortunes."
    )


def build_verdict(
    scenario: Scenario,
    summary: Mapping[str, float],
    tornado_need: pd.DataFrame,
    tornado_npv: pd.DataFrame,
) -> str:
    """The verdict in plain words (Markdown): probabilities, and what must be true for each side.

    Args:
        scenario: the scenario.
        summary: :func:`stargate.model.montecarlo.summarize_monte_carlo` of its Monte Carlo.
        tornado_need: :func:`stargate.model.montecarlo.compute_tornado` of ``total_need_usd``.
        tornado_npv: :func:`stargate.model.montecarlo.compute_tornado` of ``npv_usd``.
    """
    disp = scenario.display
    inputs = build_model_inputs(scenario)
    oa_committed = inputs.cash_2024_usd + float(inputs.committed_rounds_usd.sum())
    venture_sources = inputs.equity_total_usd + inputs.named_funders_usd
    announced = float(inputs.announced_rounds_usd.sum())
    k_ann = openai_path.find_growth_threshold(scenario, include_announced=True)
    k_com = openai_path.find_growth_threshold(scenario, include_announced=False)
    project = project_economics.summarize_project(scenario)
    fin = scenario.finance
    n = int(summary["n_draws"])
    point_need = openai_path.summarize_funding_need(scenario)["total_need_usd"]
    point_npv = project["npv_usd"]
    plan_2030 = format_money(inputs.revenue_plan_usd[-1], disp)
    pct = format_probability

    def money(amount_usd: float) -> str:
        return format_money(amount_usd, disp)

    def drivers(tornado: pd.DataFrame) -> str:
        top = label_tornado(tornado, disp).head(3)
        if top.empty:
            return "none of the swept assumptions moves it"
        return "; ".join(
            f"{r.factor} ({r.low_input} to {r.high_input}: "
            f"{money(r.outcome_low)} to {money(r.outcome_high)})"
            for r in top.itertuples()
        )

    def growth(k: float | None, money_kind: str) -> str:
        if k is None:
            return (
                f"no growth rate up to three times OpenAI's projection closes both gaps with "
                f"{money_kind}"
            )
        if k == 0:
            return f"{money_kind} covers the need even if OpenAI's revenue stops growing"
        return (
            f"OpenAI's revenue must grow at least {format_pace(k)} it projects each year (about "
            f"{money(openai_path.revenue_2030_usd(scenario, k))} in 2030, against the "
            f"{plan_2030} projected)"
        )

    still = summary["still_to_raise_p50_usd"]
    still_text = money(still) if still > 0 else "nothing"
    util_ok = project["breakeven_utilization"]
    util_text = (
        f"the fleet must be used {pct(util_ok)} of its hours"
        if util_ok <= 1.0
        else "no utilisation is enough, not even every hour of the year"
    )
    if announced > 0:
        announced_line = (
            f"- **Counting money only announced** ({money(announced)}, such as NVIDIA's "
            "letter of intent, which is not a definitive agreement), the chance that "
            f"{GAP_NAMES['openai']} is not covered is "
            f"{pct(summary['openai_shortfall_incl_announced_probability'])}, and that either "
            f"gap is open {pct(summary['shortfall_incl_announced_probability'])}."
        )
        gap_money = "committed and announced money"
        musk_k, musk_when = k_ann, "even after the announced money arrives"
    else:
        announced_line = (
            "- This scenario counts no money as merely announced: every round in it is treated "
            "as committed."
        )
        gap_money = "committed money"
        musk_k, musk_when = k_com, "even with the money in this scenario"
    if musk_k is None:
        musk_growth = "in this scenario a gap stays open at any growth rate up to three times "
        musk_growth += "the projection."
    elif musk_k == 0:
        musk_growth = "in this scenario the money covers the need at any growth rate."
    else:
        musk_growth = (
            f"unless OpenAI's revenue grows at least {format_pace(musk_k)} it projects, one of "
            "the two gaps stays open at this scenario's other values."
        )
    altman = (
        '**What must be true for Altman to be right** ("wrong"): '
        + ("the announced money must turn into signed money, and " if announced > 0 else "")
        + growth(k_ann, gap_money)
        + ". "
    )
    if announced > 0:
        altman += "With committed money alone, " + growth(k_com, "committed money") + ". "
    from stargate.present.verdict import build_verdict_paragraph

    lines = [
        build_verdict_paragraph(scenario, summary, tornado_npv),
        "",
        f"**The answer in probabilities** ({format_number(n)} draws of the assumptions, seed "
        f"{scenario.risk.seed}):",
        "",
        f"- **{_cap(GAP_NAMES['openai'])}: OpenAI's committed money falls short in "
        f"{pct(summary['openai_shortfall_probability'])} of draws.** Committed means its cash "
        f"and signed rounds ({money(oa_committed)}), against its own burn and equity calls.",
        f"- **{_cap(GAP_NAMES['venture'])}: the venture's cash need exceeds its equity and "
        f"named funders in {pct(summary['venture_shortfall_probability'])} of draws.** That "
        f"money is the partners' equity and the named lenders' and developers' money in its "
        f"sites ({money(venture_sources)}); debt no lender is named for is not counted.",
        f"- Either gap is open in {pct(summary['shortfall_probability'])} of draws; neither "
        f"party's money can pay the other's bills. Median still to raise by 2030, both "
        f"together: {still_text} (1 draw in 10: more than "
        f"{money(summary['still_to_raise_p90_usd'])}).",
        announced_line,
        f"- **The venture's build-out pays for itself** (NPV above zero at the cost of "
        f"capital) in {pct(summary['npv_positive_probability'])} of draws; median NPV "
        f"{money(summary['npv_p50_usd'])} (point, at this scenario's values: "
        f"{money(point_npv)}).",
        f"- Combined funding need of OpenAI and the venture, 2025-2030: median of the draws "
        f"{money(summary['need_p50_usd'])}, 8 draws in 10 between "
        f"{money(summary['need_p10_usd'])} and {money(summary['need_p90_usd'])} (point, at "
        f"this scenario's values: {money(point_need)}).",
        "",
        '**What must be true for Musk to be right** ("they don\'t have the money"): his claim '
        "was about Stargate's money, which is the venture's funding gap: it opens in "
        f"{pct(summary['venture_shortfall_probability'])} of draws. OpenAI's own committed "
        f"money falls short in {pct(summary['openai_shortfall_probability'])} - but a "
        "shortfall is money still to raise, not proof that it cannot be raised. For him to be "
        f"right {musk_when}, revenue must disappoint: " + musk_growth,
        "",
        altman + "For the build-out itself to pay, a contracted "
        f"{fin.price_generation} GPU-hour must fetch at least "
        f"{money(project['breakeven_price_usd_per_gpu_hour'])} (this "
        f"scenario: {money(fin.price_usd_per_gpu_hour)}); at this scenario's prices {util_text} "
        f"(this scenario: {pct(fin.utilization_rate)}).",
        "",
        "**The assumptions that decide the funding need:** " + drivers(tornado_need) + ".",
    ]
    return "\n".join(lines)


def headline_figures(
    scenario: Scenario, summary: Mapping[str, float]
) -> dict[str, tuple[float, str, str]]:
    """The sustainability report's headline figures: name -> (value, unit, label).

    Record names are stable across versions (pages compare them); each label names the gap a
    probability is about and whether a figure is the point (this scenario's values) or the
    median of the draws.
    """
    return {
        "funding_need_point_usd": (
            openai_path.summarize_funding_need(scenario)["total_need_usd"],
            "USD",
            "Combined funding need 2025-2030, OpenAI and venture (point: this scenario)",
        ),
        "funding_need_p50_usd": (
            summary["need_p50_usd"],
            "USD",
            "Combined funding need 2025-2030, OpenAI and venture (median of the draws)",
        ),
        "openai_shortfall_probability": (
            summary["openai_shortfall_probability"],
            "fraction",
            "Chance OpenAI's committed money falls short (its corporate funding need)",
        ),
        "venture_shortfall_probability": (
            summary["venture_shortfall_probability"],
            "fraction",
            "Chance the venture's cash need exceeds its equity and named funders",
        ),
        "shortfall_probability": (
            summary["shortfall_probability"],
            "fraction",
            "Chance either gap is open (OpenAI's corporate need or the venture's gap)",
        ),
        "shortfall_incl_announced_probability": (
            summary["shortfall_incl_announced_probability"],
            "fraction",
            "Chance either gap is open even with announced money",
        ),
        "npv_positive_probability": (
            summary["npv_positive_probability"],
            "fraction",
            "Chance the venture's build-out pays (NPV > 0)",
        ),
        "breakeven_price_usd_per_gpu_hour": (
            project_economics.find_breakeven_price_usd_per_gb300_hour(scenario),
            "USD/GPU-hour",
            "Break-even contract price per GB300 GPU-hour",
        ),
    }


def describe_venture_object(scenario: Scenario) -> str:
    """Markdown: what "the venture" is in this scenario, and what its GPU-hour earns.

    Built from the scenario's own figures, so a scenario that models another fleet or price
    (the article's case, Musk's) is described as what it is.
    """
    disp = scenario.display
    price = scenario.finance.price_usd_per_gpu_hour
    contract = facts.get("price_oracle_contract_per_gpu_hour_derived")
    if sites.uses_programme_fleet(scenario):
        what = (
            f"The venture here **is the programme**: the sites Stargate has named and the rest of "
            f"the stated {format_number(scenario.programme.target_gw)} GW it builds in this "
            f"scenario ({format_number(programme.programme_gw(scenario))} GW, "
            f"{format_number(programme.programme_gpus(scenario))} GPUs, "
            f"{format_money(programme.programme_capex_usd(scenario), disp)} of capex), the same "
            "fleet as the cost-structure report."
        )
    else:
        what = (
            "The venture here is **the fleet this scenario sets** instead of the programme's "
            f"({format_number(programme.programme_gpus(scenario))} GPUs, "
            f"{format_money(programme.programme_capex_usd(scenario), disp)} of capex), the same "
            "fleet as the cost-structure report."
        )
    if fact_behind(scenario.finance, "price_usd_per_gpu_hour") == contract.id:
        earns = (
            f" Its GPU-hour earns what the Oracle contract implies, {format_money(price, disp)} "
            "per GPU-hour sold (a derived figure, low confidence)."
        )
    else:
        earns = (
            f" Its GPU-hour earns this scenario's price, {format_money(price, disp)} per GPU-hour "
            f"sold (the Oracle contract implies {format_money(float(contract.value), disp)})."
        )
    return what + earns
