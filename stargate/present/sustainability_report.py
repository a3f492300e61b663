"""The sustainability report as readers see it: paragraphs, verdict, tables and charts.

Every sentence whose wording depends on the figures is built here from the model
(:mod:`stargate.model.openai_path`, :mod:`~stargate.model.venture`,
:mod:`~stargate.model.project_economics`, :mod:`~stargate.model.fleet_refresh`,
:mod:`~stargate.model.reference_class`, :mod:`~stargate.model.montecarlo`), and every figure goes
through :mod:`stargate.present.formatting` in the scenario's display currency. The notebook shows
the Markdown with ``nb.md(fn, scenario, ...)``, once per language: every sentence is a whole
msgid with named placeholders (:mod:`stargate.present.i18n`); in Japanese, amounts are in yen
with the USD figure in parentheses (:func:`stargate.present.i18n.money_text`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import pandas as pd

from stargate import facts
from stargate.model import (
    capital_structure,
    montecarlo,
    obligations,
    openai_path,
    programme,
    project_economics,
    sites,
)
from stargate.model import reference_class as rc
from stargate.model.openai_plan import PLAN_START_YEAR
from stargate.model.venture import build_model_inputs
from stargate.present.fact_text import _PLACEHOLDER, fill_facts
from stargate.present.formatting import (
    DisplaySettings,
    format_money,
    format_number,
    format_share,
    format_value,
    markdown_text,
)
from stargate.present.i18n import (
    N_,
    SOURCE_LANGUAGE,
    current_language,
    format_date,
    join_sentences,
    localise_units,
    money_text,
    scenario_title,
)
from stargate.present.i18n import gettext as _
from stargate.scenario import Scenario
from stargate.schema.common import fact_behind
from stargate.schema.risk import Centred, Fixed, Triangular, Uniform

# =========================================================================== words for figures

#: Readers' labels of the Monte Carlo inputs and of the assumptions the tornado swings (msgids:
#: translated where they are shown).
LABELS: dict[str, str] = {
    "revenue_growth_realization": N_("OpenAI revenue growth (share of plan)"),
    "price_usd_per_gpu_hour": N_("Contract price per GPU-hour"),
    "price_change_rate": N_("Market rent change per year"),
    "utilization_rate": N_("Utilisation"),
    "facility_overrun_rate": N_("Facility capex overrun"),
    "accelerator_overrun_rate": N_("Accelerator capex overrun"),
    "other_it_overrun_rate": N_("Other IT capex overrun"),
    "it_lifetime_years": N_("IT lifetime"),
    "cost_of_capital_rate": N_("Cost of capital"),
    "schedule_delay_years": N_("Schedule delay"),
    "fixed_cost_ratio_2030": N_("OpenAI 2030 cost level"),
    "flexible_cost_share": N_("Costs that follow revenue"),
    "market_rent_usd_per_pflop_hour": N_("Market rent per PFLOP-hour (hours outside the contract)"),
    "vr200_compute_pflops_fp8_dense": N_("Vera Rubin compute, which sets its market rent"),
    "azure_commitment_years": N_("Term of OpenAI's incremental Azure commitment"),
    "commitments_honoured_share": N_("Share of OpenAI's reported compute commitments honoured"),
    # The cost inputs the Monte Carlo holds at the point (the cost page's tornado names).
    "facility_lifetime_years": N_("Facility lifetime"),
    "maintenance_rate": N_("Maintenance"),
    "staff_other_rate": N_("Staff and other"),
    "electricity_usd_per_mwh": N_("Electricity price"),
    "pue": N_("PUE"),
}


def label(name: str) -> str:
    """The readers' label of a Monte Carlo input in the current language."""
    return _(LABELS[name])


#: What each gap is, in the words every headline and sentence uses (:data:`GAPS` of
#: :mod:`stargate.model.openai_path`). The sentences below write them out (whole msgids).
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


def _english() -> bool:
    return current_language() == SOURCE_LANGUAGE


def _money(amount_usd: float, display: DisplaySettings, unit_rest: str = "") -> str:
    """An amount in running text (Japanese: yen, then the USD figure in parentheses)."""
    return money_text(amount_usd, display, unit_rest)


def _value(
    value: float, unit: str, display: DisplaySettings | None = None, fmt: str | None = None
) -> str:
    """:func:`~stargate.present.formatting.format_value` with its units in the current language."""
    text = format_value(value, unit, display, fmt)
    if _english():
        return text
    if unit == "times":
        return text.replace(" times", "倍")
    return localise_units(text).replace("×", "倍")


def _title(scenario: Scenario) -> str:
    """The scenario's title in narrative (Japanese: the short part, before any colon)."""
    if _english():
        return markdown_text(scenario.title)
    return markdown_text(re.split(r"[:：]", scenario_title(scenario), maxsplit=1)[0].strip())


def fill(text: str, scenario: Scenario) -> str:
    """``text`` (an English msgid with ``{fact_id}`` placeholders) translated and filled.

    :func:`stargate.present.fact_text.fill_facts`, except that in Japanese an amount the
    register gives in USD reads yen first with the USD figure in parentheses.
    """
    return fill_display(text, scenario.display)


def fill_display(
    text: str,
    display: DisplaySettings,
    figures: Mapping[str, float] | None = None,
    *,
    translated: bool = False,
) -> str:
    """:func:`fill` with display settings (and figures worked out from facts, if any).

    ``translated``: ``text`` is already in the page's language (the caller looked it up and
    filled some of it): it is not looked up again.
    """
    text = text if translated else _(text)
    if not _english():

        def both(match: Any) -> str:
            name, kind = match.group(1), match.group(2)
            if kind in (None, "money", "both") and facts.exists(name):
                fact = facts.get(name)
                if isinstance(fact.value, float) and fact.unit.startswith("USD"):
                    # The sentence says what it is per ("1時間", "年"), as the English does.
                    return money_text(fact.value, display)
            return str(match.group(0))

        text = _PLACEHOLDER.sub(both, text)
    return fill_facts(text, display, figures)


def _paragraphs(scenario: Scenario, *paragraphs: str) -> str:
    return "\n\n".join(fill(p, scenario) for p in paragraphs)


#: Readers' names of the outcomes shown as point beside median
#: (:data:`stargate.model.montecarlo.POINT_OUTCOMES`).
OUTCOME_LABELS: dict[str, str] = {
    "total_need_usd": N_(
        "Combined funding need 2025-2030, OpenAI and venture consolidated (OpenAI's payments to "
        "the venture cancel out)"
    ),
    "openai_need_usd": N_(
        "OpenAI's corporate funding need 2025-2030, gross (its peak cash burn and equity calls, "
        "before its cash and rounds)"
    ),
    "venture_need_usd": N_(
        "The venture's cash need at its peak, 2025-2030 (reconciliation line: capex and running "
        "costs less revenue, before equity and named funders)"
    ),
    "npv_usd": N_("NPV of the venture's build-out"),
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
            _("measure"): [_(OUTCOME_LABELS[o]) for o in table["outcome"]],
            _("point (this scenario)"): [format_money(v, disp) for v in table["point"]],
            _("median of {n} draws").format(n=n): [format_money(v, disp) for v in table["p50"]],
            "P10": [format_money(v, disp) for v in table["p10"]],
            "P90": [format_money(v, disp) for v in table["p90"]],
        }
    )


def format_probability(p: float) -> str:
    """A probability for a sentence: ``38%``, ``more than 99%``, ``less than 0.1%``.

    The house share format (:func:`~stargate.present.formatting.format_share`, which never shows
    a probability short of certainty as ``100%``, or above zero as ``0%``), its bounds in words.
    """
    text = format_share(p)  # the one rounding rule: "> 99%", "< 0.1%" short of 1 or 0
    if text.startswith("> "):
        return _("more than {share}").format(share=text[2:])
    if text.startswith("< "):
        return _("less than {share}").format(share=text[2:])
    return text


def format_pace(k: float) -> str:
    """A growth realisation as readers say it: ``81% as fast as``, ``2.4 times as fast as``."""
    return f"{_pace(k)} as fast as"


def _pace(k: float) -> str:
    """How fast against the projection, for ``{pace}`` in a sentence: ``81%``, ``2.4 times``."""
    if k <= 1.0:
        return format_share(k)
    return _value(k, "times", fmt=".1f")


def describe_distribution(dist: Any) -> str:
    """A distribution in words: ``triangular 1.7 / 2.8 / 3.9``."""
    n = format_number
    if isinstance(dist, Fixed):
        return _("fixed at {value}").format(value=n(dist.value))
    if isinstance(dist, Uniform):
        return _("uniform {low} to {high}").format(low=n(dist.low), high=n(dist.high))
    if isinstance(dist, Triangular):
        return _("triangular {low} / {mode} / {high}").format(
            low=n(dist.low), mode=n(dist.mode), high=n(dist.high)
        )
    if isinstance(dist, Centred):
        return _("centred on {median}, {low} to {high}").format(
            median=n(dist.median), low=n(dist.low), high=n(dist.high)
        )
    return _("lognormal: median {median}, P90 {p90}, floor {floor}").format(
        median=n(dist.median), p90=n(dist.p90), floor=n(dist.floor)
    )


#: A drawn input whose point is an end of its range, in words, by (bound, effect on the venture's
#: NPV of the draws beyond it) (:func:`stargate.model.montecarlo.compute_input_quantiles`).
BOUND_TEXTS: dict[tuple[str, str], str] = {
    ("floor", "kinder"): N_(
        "point at the floor of the sourced range, {low} to {high}: draws can only be higher, "
        "kinder to the venture's NPV"
    ),
    ("floor", "harsher"): N_(
        "point at the floor of the sourced range, {low} to {high}: draws can only be higher, "
        "harsher on the venture's NPV"
    ),
    ("floor", "none"): N_(
        "point at the floor of the sourced range, {low} to {high}: draws can only be higher"
    ),
    ("ceiling", "kinder"): N_(
        "point at the ceiling of the sourced range, {low} to {high}: draws can only be lower, "
        "kinder to the venture's NPV"
    ),
    ("ceiling", "harsher"): N_(
        "point at the ceiling of the sourced range, {low} to {high}: draws can only be lower, "
        "harsher on the venture's NPV"
    ),
    ("ceiling", "none"): N_(
        "point at the ceiling of the sourced range, {low} to {high}: draws can only be lower"
    ),
}


#: Why an input the Monte Carlo holds is not drawn, where the input table says more than "held
#: at the point" (:data:`stargate.model.montecarlo.HELD_ASSUMPTIONS`).
HELD_REASONS: dict[str, str] = {
    "commitments_honoured_share": N_(
        "held at the point: the register's low end (17 %) is the least a counterparty could "
        "enforce, a what-if rather than an outcome with odds"
    ),
}


def describe_drawn_input(dist: Any, bound: str, effect: str, in_fleet: bool = True) -> str:
    """A drawn input's distribution in words, saying so where its point is an end of the range.

    ``bound`` and ``effect`` as the columns of
    :func:`stargate.model.montecarlo.compute_input_quantiles`; a point inside its range gets
    :func:`describe_distribution` (``centred on 0.8, 0.5 to 1``). An input no GPU of the
    fleet uses (``in_fleet`` False) says so, wherever its point lies.
    """
    if not bound and in_fleet:
        return describe_distribution(dist)
    low, high = montecarlo.support(dist)
    if not in_fleet:
        return _(
            "not in this fleet, so its draws move nothing (sourced range {low} to {high})"
        ).format(low=format_number(low), high=format_number(high))
    return _(BOUND_TEXTS[(bound, effect)]).format(low=format_number(low), high=format_number(high))


def format_input(name: str, unit: str, value: float, display: DisplaySettings) -> str:
    """One value of a model input for the tornado: ``$2.19/GPU-hour``, ``-19% a year``."""
    if name == "revenue_growth_realization":
        return _("{share} of projected growth").format(share=format_share(value))
    if name == "price_change_rate":
        return _("{share} a year").format(share=format_share(value, signed=True))
    if unit == "PFLOPS":
        return _value(value, "PFLOPS", display, ".1f")
    if unit in ("fraction", "years") or unit.startswith("USD"):
        return _value(value, unit, display, ".1f" if unit == "years" else None)
    return _value(value, "", display, ".2f")


def label_tornado(tornado: pd.DataFrame, display: DisplaySettings) -> pd.DataFrame:
    """:func:`stargate.model.montecarlo.compute_tornado` for readers (and the tornado chart).

    Returns:
        ``factor`` (label), ``low_input``, ``high_input`` (text), ``outcome_low``,
        ``outcome_high``, ``swing``; ``attrs`` ``base`` and ``no_effect`` (labels).
    """
    out = pd.DataFrame(
        {
            "factor": [label(n) for n in tornado["input"]],
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
    out.attrs["no_effect"] = [label(n) for n in tornado.attrs["no_effect"]]
    return out


# =========================================================================== sections' text
#
# The notebook's explanatory text, one msgid per paragraph, register figures as ``{fact_id}``
# placeholders (:func:`fill`): ``nb.md(report.describe_introduction, scenario)``.


def describe_introduction(scenario: Scenario) -> str:
    """What the report asks and how it goes (Markdown)."""
    return _paragraphs(
        scenario,
        N_(
            "When Stargate was announced in January 2025 — {sg_total_commitment:both} over four "
            "years for AI data centres for OpenAI — Elon Musk replied that \"they don't actually "
            'have the money", and Sam Altman answered "wrong". This report puts numbers on '
            "that exchange. It asks whether **OpenAI**, the tenant and one of the two lead "
            "partners, and **the Stargate venture** that builds the capacity can pay for it, and "
            "states the answer as **probabilities under stated assumptions**, with the "
            "assumptions that decide it."
        ),
        N_(
            "It goes in steps: OpenAI's own cash path to 2030, checked against what was reported; "
            "the venture's cash and the money still to raise; whether the build-out pays for "
            "itself (break-even price, NPV, IRR); the wave of spending when GPUs wear out; how "
            "large projects usually overrun; and a Monte Carlo simulation that draws all the "
            "uncertain assumptions together."
        ),
        N_(
            "The seed article's own case — 700,000 Hopper GPUs at "
            "{claim_price_usd_per_gpu_hour} an hour, figures no source confirms — is a scenario "
            "of its own. Figures no source gives are marked as assumptions and varied."
        ),
    )


def describe_openai_path_method(scenario: Scenario) -> str:
    """Section 1's heading and how OpenAI's revenue, costs and cash burn are modelled."""
    return _paragraphs(
        scenario,
        N_("## 1. OpenAI's cash path, 2024–2030"),
        N_(
            "**Revenue** follows OpenAI's own figures: about {oa_rev_2024} of calendar revenue in "
            "2024, the ~{oa_rev_2025_target} target for 2025, and its long-range projections of "
            "~{oa_rev_proj_long_2028} in 2028 and ~{oa_rev_proj_long_2030} in 2030, growing at a "
            'steady rate between them. (OpenAI also quotes "annualised" run-rates — '
            "{oa_runrate_2024} for 2024, over {oa_runrate_2025} at the end of 2025 — which are a "
            "different measure and are not mixed in.) A scenario can say that only part of the "
            "projected growth is realised: 0.5 means half the projected growth rate each year."
        ),
        N_(
            "**Costs** follow a plan built from three reported points, as costs per dollar of "
            "planned revenue: 2024's bill (about {oa_cost_2024_compute} of compute and "
            "{oa_cost_2024_staff} of staff on {oa_rev_2024} of revenue), the projected 2028 "
            "operating loss (~{oa_oploss_2028_proj} on ~{oa_rev_proj_long_2028}), and break-even "
            "in 2030, which OpenAI projects. Microsoft's 20 % revenue share comes on top. If "
            "revenue falls short of plan, only part of the costs shrink with it — serving users "
            "(inference) does, contracted compute, training and staff do not. Payments for "
            "Stargate capacity are part of the compute bill."
        ),
        N_(
            "**Compute costs at least what is contracted.** Each year OpenAI pays its Stargate "
            "payments and the bills of the other clouds it rents from under contract — Azure, "
            "AWS and CoreWeave, from the schedule in section 1b. What is left of the compute "
            "budget in its projections buys compute not under contract; where the contracted "
            "bills exceed that budget, the excess is paid on top, in cash. Oracle's contract is "
            "not counted again (its 4.5 GW are Stargate's own capacity), nor are the AMD and "
            "Broadcom deals: they buy chips, which the venture or the clouds above install and "
            "bill OpenAI for as capacity."
        ),
        N_(
            "**Operating loss and cash burn are different measures.** The operating loss is an "
            "accounting figure that includes stock-based pay and other costs not paid in cash "
            "that year; cash burn is the cash that actually leaves. The projections put 2028's "
            "operating loss at ~{oa_oploss_2028_proj} but its cash burn at {oa_burn_2028}; the "
            "model keeps that gap (a sixth of costs not paid in cash)."
        ),
    )


def build_compute_paragraph(scenario: Scenario) -> str:
    """OpenAI's compute budget against its contracted bills, from the path (Markdown).

    Names the first plan year whose contracted bills (Stargate payments plus the other clouds')
    exceed the budget in OpenAI's projections, and the excess over 2025-2030; or, if none does,
    the year they take the largest share of the budget.
    """
    disp = scenario.display
    path = openai_path.compute_openai_path(scenario).loc[PLAN_START_YEAR:]
    contracted = path["stargate_usd"] + path["other_clouds_usd"]
    above = path["above_budget_usd"].clip(lower=0.0)
    over = above[above > 1.0]
    if over.empty:
        share = contracted / path["compute_budget_usd"]
        year = int(share.idxmax())
        return _(
            "In every year to 2030 OpenAI's Stargate payments and the other clouds' contracted "
            "bills fit within the compute budget of its projections; in {year} they take "
            "{share} of it."
        ).format(year=year, share=format_share(float(share.loc[year])))
    year = int(over.index[0])
    row = path.loc[year]
    start = scenario.finance.contract_start_year
    before_contract = (
        _(
            "Before the Oracle contract starts in {start}, no hour is billed at its price: OpenAI "
            "pays the venture the market rent for the hours it is assumed to rent."
        )
        if year < start
        else ""
    )
    parts = _compute_parts(row, disp)
    names = (
        f"{', '.join(parts[:-1])} and {parts[-1]}"
        if current_language() == SOURCE_LANGUAGE
        else _(", ").join(parts)
    )
    total = (
        _(
            "Over 2025–2030 OpenAI's compute exceeds the budget by {total} in all (the contracted "
            "bills, the assumed Stargate rent and the compute bought elsewhere while sites are "
            "late), which OpenAI pays in cash on top of its projected costs."
        )
        if float(path["late_sites_compute_usd"].sum()) > 1.0
        else _(
            "Over 2025–2030 the contracted bills and the assumed Stargate rent exceed the budget "
            "by {total} in all, which OpenAI pays in cash on top of its projected costs."
        )
    )
    return join_sentences(
        _(
            "In {year} OpenAI's projections budget {budget} for compute; {parts} come to "
            "{compute}, {above} more than its budget."
        ),
        before_contract,
        total,
    ).format(
        year=year,
        budget=_money(float(row["compute_budget_usd"]), disp),
        parts=names,
        compute=_money(float(row["compute_usd"]), disp),
        above=_money(float(row["above_budget_usd"]), disp),
        total=_money(float(above.sum()), disp),
        start=start,
    )


def compute_components_usd(row: pd.Series) -> dict[str, float]:
    """One year's compute of OpenAI's path in its parts, which add up to ``compute_usd`` (USD).

    ``stargate`` (payments to the venture), ``late`` (compute bought elsewhere while sites are
    late), ``clouds`` (the other clouds' contracted bills) and ``rest`` (the budget's
    uncontracted remainder); a part of less than a dollar is left out.
    """
    parts = {
        "stargate": float(row["stargate_usd"]),
        "late": float(row["late_sites_compute_usd"]),
        "clouds": float(row["other_clouds_usd"]),
        "rest": float(row["uncontracted_compute_usd"] - row["late_sites_compute_usd"]),
    }
    return {k: v for k, v in parts.items() if k == "stargate" or abs(v) > 1.0}


#: Each part of :func:`compute_components_usd`, in a sentence.
COMPUTE_PART_TEXTS: dict[str, str] = {
    "stargate": N_("its Stargate payments ({amount})"),
    "late": N_("the compute it buys elsewhere while sites are late ({amount})"),
    "clouds": N_("the other clouds' contracted bills ({amount})"),
    "rest": N_("the rest of its compute budget ({amount})"),
}


def _compute_parts(row: pd.Series, disp: Any) -> list[str]:
    return [
        _(COMPUTE_PART_TEXTS[k]).format(amount=_money(v, disp))
        for k, v in compute_components_usd(row).items()
    ]


#: How a cloud commitment's dates stand against OpenAI's projection (the ``timing`` of
#: :func:`stargate.model.obligations.reconcile_projected_burn`), in a sentence.
TIMING_SENTENCES: dict[str, str] = {
    "after": N_("OpenAI's commitment to {name} ({first}) came after the projection."),
    "before": N_(
        "OpenAI's commitment to {name} ({first}) predates the projection, which may already "
        "carry its bills."
    ),
    "partly before": N_(
        "OpenAI's first contract with {name} ({first}) predates the projection; its last "
        "({last}) came the same month or later, so the projection may carry part of its bills."
    ),
}


def _commitments_after(rows: list[Any]) -> str:
    """One sentence for the cloud commitments made after OpenAI's projection, dated each."""
    each = [
        _("{name} ({first})").format(
            name=_(str(row.counterparty)), first=format_date(str(row.first_date))
        )
        for row in rows
    ]
    names = (
        f"{', '.join(each[:-1])} and {each[-1]}"
        if current_language() == SOURCE_LANGUAGE
        else _(", ").join(each)
    )
    return _("OpenAI's commitments to {names} came after the projection.").format(names=names)


def build_burn_reconciliation_paragraph(scenario: Scenario) -> str:
    """Why the modelled 2025-2029 burn differs from OpenAI's projection (Markdown).

    From :func:`stargate.model.obligations.reconcile_projected_burn`: the projection and its
    date, the modelled burn and the difference, the share of it that is bills of commitments
    made after the projection, and each cloud's commitment dates against the projection's.
    """
    disp = scenario.display
    table = obligations.reconcile_projected_burn(scenario)
    first, last = table.attrs["years"]
    steps = table.set_index("step")
    reported = float(steps.loc["reported", "amount_usd"])
    modelled = float(steps.loc["modelled", "amount_usd"])
    gap = modelled - reported
    clouds = table[table["step"] == "cloud"]
    after = float(clouds.loc[clouds["timing"] == "after", "amount_usd"].sum())
    lead = (
        N_(
            "**Why the modelled burn differs from OpenAI's own projection.** OpenAI projected a "
            "cash burn of {oa_burn_to_2029} over {first_year}–{last_year} (reported {date}); the "
            "model's is {modelled:money}, {gap:money} more."
        )
        if gap >= 0
        else N_(
            "**Why the modelled burn differs from OpenAI's own projection.** OpenAI projected a "
            "cash burn of {oa_burn_to_2029} over {first_year}–{last_year} (reported {date}); the "
            "model's is {modelled:money}, {gap:money} less."
        )
    )
    # The dates and years are formatted in first; fill_display then fills the amounts of the
    # translated text (not looked up again).
    text = _(lead).replace("{date}", format_date(str(steps.loc["reported", "first_date"])))
    text = text.replace("{first_year}", str(first)).replace("{last_year}", str(last))
    parts = [fill_display(text, disp, {"modelled": modelled, "gap": abs(gap)}, translated=True)]
    if gap > 0 and after > gap:
        parts.append(
            _(
                "The bills of commitments made after the projection, where they exceed the "
                "compute budget in OpenAI's plan, come to {after}: more than the whole "
                "difference, because this scenario pays the venture less than the plan counts."
            ).format(after=_money(after, disp))
        )
    elif gap > 0 and after > 0:
        parts.append(
            _(
                "{after} of the difference ({share}) is the bills of commitments made after "
                "the projection, where they exceed the compute budget in OpenAI's plan."
            ).format(after=_money(after, disp), share=format_share(after / gap))
        )
    after_rows = [row for row in clouds.itertuples() if str(row.timing) == "after"]
    for row in clouds.itertuples():
        if len(after_rows) > 1 and str(row.timing) == "after":
            if row.Index == after_rows[0].Index:  # the commitments made after it: one sentence
                parts.append(_commitments_after(after_rows))
            continue
        parts.append(
            _(TIMING_SENTENCES[str(row.timing)]).format(
                name=_(str(row.counterparty)),
                first=format_date(str(row.first_date)),
                last=format_date(str(row.last_date)),
            )
        )
    parts.append(_describe_uncontracted_hours(scenario, table))
    parts.append(
        _(
            "Microsoft Azure's bills assume its {azure_total} commitment is billed evenly over "
            "{years} years from {start} (a modelling assumption of low confidence: no source "
            "gives its start or term): {azure} over {first}–{last}. Spread over {alt_years} "
            "years it would be {azure_alt}."
        ).format(
            azure_total=_money(table.attrs["azure_amount_usd"], disp),
            years=format_number(table.attrs["azure_years"]),
            start=table.attrs["azure_start_year"],
            azure=_money(table.attrs["azure_in_span_usd"], disp),
            first=first,
            last=last,
            alt_years=format_number(facts.value("as_azure_250bn_years_alternative")),
            azure_alt=_money(table.attrs["azure_illustrative_in_span_usd"], disp),
        )
    )
    parts.append(
        _(
            "The table adds it up: OpenAI's plan recomputed with this scenario's revenue growth "
            "and costs, compute at the plan's budget (a scenario that grows revenue more slowly "
            "than OpenAI projects adds its lost revenue here; at the projected growth what is "
            "left is the model's fit); what OpenAI pays the venture beyond what that budget holds "
            "for it (Stargate at the register's contract price); then the clouds' bills beyond "
            "what is left of the budget, shared among the clouds in proportion to each one's bill "
            "that year, so that no cloud is counted first."
        )
    )
    return join_sentences(*parts)


def _describe_uncontracted_hours(scenario: Scenario, table: pd.DataFrame) -> str:
    """How much of the modelled burn is the venture's hours outside the Oracle contract."""
    first, last = table.attrs["years"]
    fin = scenario.finance
    return _(
        "The modelled burn includes {amount} over {first}–{last} that OpenAI pays the venture "
        "at the market rent for GPU-hours outside the Oracle contract (beyond its {gw} GW, and "
        "every hour before the contract starts in {start}). No contract obliges OpenAI to rent "
        "them: the scenario assumes it rents {share} of them (an assumption: Stargate was "
        "announced as infrastructure for OpenAI, and no other customer has been named). Were "
        "other customers to rent them, the modelled burn over {first}–{last} would be lower by "
        "{saving} (the model run with none of them rented)."
    ).format(
        amount=_money(table.attrs["uncontracted_hours_usd"], scenario.display),
        saving=_money(table.attrs["uncontracted_hours_burn_usd"], scenario.display),
        first=first,
        last=last,
        gw=format_number(fin.contracted_gw),
        start=fin.contract_start_year,
        share=format_share(table.attrs["openai_uncontracted_share"]),
    )


def describe_calibration_method(scenario: Scenario) -> str:
    """How the model is tested against the reported figures it was not built from."""
    return _paragraphs(
        scenario,
        N_("### How close is the model to what was reported?"),
        N_(
            "The model is built from the 2024 cost structure and the 2028 projections; the other "
            "reported figures were **not** used to build it, so they test it. The stated "
            "tolerance: each year's cash burn within ±40 %, the cumulative 2025–2029 burn within "
            "±10 %, the 2024 loss within ±15 %. The 2026 loss of {claim_loss_2026_usd} is the "
            "article's figure: a projection of October 2024 that excluded stock-based pay and "
            "was superseded in 2025, when OpenAI's 2026 cash burn alone was put at "
            "{oa_burn_2026} — it is shown, not tested. The comparison is meaningful for "
            "scenarios that keep OpenAI's projected growth; where a scenario changes it, the gaps "
            "below measure that change, not the model's accuracy."
        ),
        N_(
            "The reported figures are OpenAI's own, so they are compared with its plan as "
            "projected. The last column is the model's path with the other clouds' contracted "
            "bills: how far the contracts take OpenAI beyond its own projections (not tested)."
        ),
    )


def describe_obligations_method(scenario: Scenario) -> str:
    """Section 1b's heading: OpenAI's compute commitments and how they are converted."""
    return _paragraphs(
        scenario,
        N_("## 1b. OpenAI's compute obligations against its revenue"),
        N_(
            "OpenAI has signed or announced compute commitments far larger than its revenue: "
            "Oracle {sg_oracle_300bn} over five years from 2027, an incremental {azure_250bn} of "
            "Azure services, AWS {aws_38bn} over seven years, CoreWeave {coreweave_total}, 6 GW "
            "of AMD GPUs and 10 GW of Broadcom-built accelerators. The GW deals are converted to "
            "dollars at a price per GW (AMD's deal: about {amd_6gw_usd_per_gw_derived} per GW; "
            "Broadcom's price was not disclosed and is assumed at the same level, up to NVIDIA's "
            "{nvda_per_gw_hardware} per GW). Where no term was reported (Azure) it is an "
            "assumption; a scenario can change how much of each commitment is honoured and "
            "delay it. NVIDIA's letter of intent is not counted: those systems are bought by the "
            "clouds above and rented to OpenAI."
        ),
        N_(
            "This schedule is OpenAI's contractual compute commitments, signed or announced, "
            "over terms that run past 2030. Section 1's compute cost counts the part of it that "
            "is rent paid to other clouds (Azure, AWS, CoreWeave) beside the Stargate payments, "
            "and so does the funding need; Oracle's contract is Stargate's own capacity and the "
            "AMD and Broadcom deals buy chips, so those are not counted there again."
        ),
        N_(
            "The bars are the yearly bill of the contracts for compute capacity (Oracle and the "
            "clouds) by counterparty; the lines are OpenAI's revenue in this scenario, and its "
            "revenue plus the cash and committed money it has left. The dotted line is the AMD "
            "and Broadcom chip deals, shown apart and not added to the bars or the ratio: the "
            "chips are installed by Stargate or the clouds and billed to OpenAI as their "
            "capacity, so adding them could count the same GW twice. Where the bars rise above "
            "the upper line, the contracts are not covered even before paying staff or "
            "Microsoft's revenue share."
        ),
    )


def describe_venture_method(scenario: Scenario) -> str:
    """Section 2's heading: the venture's cash, OpenAI's rounds, the two gaps."""
    return _paragraphs(
        scenario,
        N_("## 2. The venture's cash, OpenAI's runway and the money still to raise"),
        N_(
            "The **Stargate venture** pays for its GPUs, servers and buildings in the year each "
            "batch is deployed (with any cost overrun), earns the price of a GPU-hour for every "
            "hour its GPUs are used — paid by OpenAI, its tenant — and pays for power, "
            "maintenance and staff. When the IT equipment reaches the end of its life it is "
            "replaced by the newest generation (section 4). The partners' equity and the money of "
            "the lenders and developers named at its sites fund the venture's deficit; debt no "
            "lender is named for (about 1.7 dollars per dollar of equity, as at Abilene) is shown "
            "but not counted. OpenAI pays its share of the equity out of its own cash."
        ),
        N_(
            "**OpenAI** starts 2025 with the cash left from its October 2024 round (over "
            "{sg_partner_cash_openai}) and receives new rounds in the year their money arrives. "
            "Rounds are either *committed* (signed or paid) or only *announced* — such as "
            "NVIDIA's letter of intent to invest up to {nvda_loi_usd}, which NVIDIA's own filing "
            "says may never become a definitive agreement."
        ),
        N_(
            "The **combined funding need** is the largest amount OpenAI and the venture together "
            "are out of pocket at any point from 2025 to 2030, as one consolidated account: what "
            "OpenAI pays the venture cancels out, so a surplus the venture earns from OpenAI "
            "lowers it, and it can be smaller than OpenAI's own need. What is still to raise is "
            "counted for each party apart, because money committed to one cannot pay the "
            "other's bills: what OpenAI must still raise beyond its cash and committed rounds, "
            "and what the venture must still raise beyond its partners' equity and the named "
            "funders' money in its sites."
        ),
        N_(
            "A **schedule delay** defers the build; it does not cancel it. A late site is paid "
            "for, buildings, power and GPUs alike, in the year it is energised, in the Monte "
            "Carlo's draws as in the scenario's own schedule; capacity already energised does "
            "not move. Capex a delay pushes past 2030, the model's last year, is still owed: it "
            "is counted in 2030 as capex deferred past 2030. OpenAI's plan still needs the "
            "compute a late site would have supplied, so it buys it from other clouds at the "
            "same price. Only the rent and running costs after 2030 fall outside the account. "
            "The venture's need and funding gap rise with every year of delay; the combined "
            "need, a peak, can move slightly either way, as a delay shifts spending into years "
            "in which OpenAI's own cash is improving."
        ),
        N_(
            "Two gaps are kept apart throughout: **OpenAI's corporate funding need** (its own "
            "cash burn and equity calls against its cash and signed rounds) and **the venture's "
            "funding gap** (its capex and running costs, less what OpenAI pays it, against its "
            "partners' equity and the named lenders' and developers' money in its sites; debt at "
            "the assumed leverage, for which no lender is named, is shown beside it and not "
            "counted). Neither's money can pay the other's bills."
        ),
    )


def describe_project_method(scenario: Scenario) -> str:
    """Section 3's heading: how the build-out is valued (NPV, IRR, payback, break-even)."""
    return _paragraphs(
        scenario,
        N_("## 3. Does the build-out pay? Break-even, payback, NPV and IRR"),
        N_(
            "The venture's investment is valued over one life of its IT equipment: capex at the "
            "start, then each year the price of the GPU-hours sold minus running costs, with the "
            "price of a GPU-hour falling each year as the hardware ages (H100 rents fell from "
            "about {gpu_rent_2024_early} in early 2024 to {gpu_rent_low_2025_rebound} in March "
            "2026, −8.4 % a year; to a {gpu_rent_low_2025} low in between). At the end of the IT "
            "life the buildings and power plant are worth what they still have to earn back over "
            "their own, longer life. The **net present value** (NPV) discounts all of it at the "
            "cost of capital; the **internal rate of return** (IRR) is the rate at which the NPV "
            "is zero; **payback** counts the years until the cash put in has come back, "
            "undiscounted. The **break-even price** is the contract price per GPU-hour at which "
            "the NPV is zero, the hours outside the contract earning their market rent. It "
            "equals the cost model's cost per GPU-hour only if every hour is contracted at a flat "
            "price with no overrun and no delay; where the market rent is above the cost, the "
            "market hours carry part of the cost and the break-even falls below it."
        ),
    )


# =========================================================================== paragraphs


def build_distribution_note(scenario: Scenario) -> str:
    """Whether each input is drawn around its point value, and the offset where not (Markdown).

    Distributions left empty are centred on the point by construction; one the scenario file
    declares is drawn as written, and the note states its median against the point.
    """
    problems = [
        _("{label}: the point value {point} lies outside its distribution ({distribution})").format(
            label=label(name),
            point=format_number(point),
            distribution=describe_distribution(dist),
        )
        for name, point, dist in montecarlo.check_distribution_points(scenario)
    ]
    outside = {name for name, _p, _d in montecarlo.check_distribution_points(scenario)}
    centring = montecarlo.compute_centring(scenario)
    off = centring[~centring["is_centred"] & ~centring["input"].isin(outside)]
    offsets = [
        _(
            "{label}: drawn with median {median} against the point value {point} (the "
            "distribution this scenario's file sets)"
        ).format(label=label(r.input), median=format_number(r.median), point=format_number(r.point))
        for r in off.itertuples()
    ]
    if not problems and not offsets:
        quantiles = montecarlo.compute_input_quantiles(scenario)
        at_bound = int(((quantiles["bound"] != "") & quantiles["in_fleet"]).sum())
        if at_bound:
            return _(
                "_Every input is drawn around this scenario's own value: the median of each "
                "distribution is the point value. {count} of them sit at an end of their range, "
                "so all their draws fall on one side of the point; section 6 states what that "
                "does to the medians of the outcomes._"
            ).format(count=format_number(at_bound))
        return _(
            "_Every input is drawn around this scenario's own value: the median of each "
            "distribution is the point value._"
        )
    return _("**Note on this scenario's inputs:** {notes}.").format(
        notes=_("; ").join(problems + offsets)
    )


def build_centring_paragraph(scenario: Scenario, result: montecarlo.MonteCarloResult) -> str:
    """Whether the median of the draws can sit at the point, and by how much it does not (Markdown).

    A drawn input whose point is an end of its range (the floor of utilisation in the sceptic's
    case, an overrun of 0) has every draw on one side of it, so the median of an outcome moves
    off the point; the paragraph names those inputs and states the venture's NPV and the
    combined funding need at the point beside the median of the draws.
    """
    quantiles = montecarlo.compute_input_quantiles(scenario)
    bound = quantiles[(quantiles["bound"] != "") & quantiles["in_fleet"]]
    if bound.empty:
        return _(
            "Every drawn input's point lies inside its range, so its draws fall on both sides of "
            "it; the medians below differ from the points only through how the inputs combine "
            "(the model is not linear in them)."
        )
    words = {"floor": N_("{label} (at its floor)"), "ceiling": N_("{label} (at its ceiling)")}
    table = montecarlo.compare_point_with_draws(scenario, result).set_index("outcome")
    disp = scenario.display
    named = [_(words[r.bound]).format(label=label(r.input)) for r in bound.itertuples()]
    return _(
        "**The median is not the point here.** {count} drawn inputs sit at an end of their range "
        "in this scenario: {inputs}. Every draw of such an input lies on one side of its point, "
        "so the median of the draws moves off the point: the venture's NPV has median {npv_p50} "
        "against {npv_point} at the point, and OpenAI and the venture together need {need_p50} "
        "(median) against {need_point} (point). The input table says which way each such input's "
        "draws move the venture's NPV."
    ).format(
        count=format_number(len(bound)),
        inputs=_("; ").join(named),
        npv_p50=_money(table.loc["npv_usd", "p50"], disp),
        npv_point=_money(table.loc["npv_usd", "point"], disp),
        need_p50=_money(table.loc["total_need_usd", "p50"], disp),
        need_point=_money(table.loc["total_need_usd", "point"], disp),
    )


def build_in_brief(scenario: Scenario, summary: Mapping[str, float]) -> str:
    """Three sentences for the top of the report: each gap's probability, named (Markdown)."""
    disp = scenario.display
    announced = float(build_model_inputs(scenario).announced_rounds_usd.sum())
    still = summary["still_to_raise_p50_usd"]
    pct = format_probability
    values = {
        "title": _title(scenario),
        "openai_probability": pct(summary["openai_shortfall_probability"]),
        "announced_probability": pct(summary["openai_shortfall_incl_announced_probability"]),
        "draws": format_number(summary["n_draws"]),
        "venture_probability": pct(summary["venture_shortfall_probability"]),
        "either_probability": pct(summary["shortfall_probability"]),
        "still_to_raise": _money(still, disp) if still > 0 else _("nothing"),
        "npv_probability": pct(summary["npv_positive_probability"]),
    }
    openai = (
        _(
            "**OpenAI's corporate funding need** (OpenAI's own cash burn and equity calls against "
            "its cash and signed rounds) is not covered in {openai_probability} of {draws} "
            "simulated futures, and in {announced_probability} even counting money only "
            "announced."
        )
        if announced > 0
        else _(
            "**OpenAI's corporate funding need** (OpenAI's own cash burn and equity calls against "
            "its cash and signed rounds) is not covered in {openai_probability} of {draws} "
            "simulated futures."
        )
    )
    return join_sentences(
        _("**In brief ({title}).** Two gaps, kept apart."),
        openai,
        _(
            "**The venture's funding gap** (the venture's capex and running costs, less what "
            "OpenAI pays it, against its partners' equity and the named lenders' and developers' "
            "money in its sites; debt no lender is named for is not counted) opens in "
            "{venture_probability} of them."
        ),
        _(
            "Either gap is open in {either_probability} (median still to raise, both together: "
            "{still_to_raise})."
        ),
        _("The venture's build-out pays for itself in {npv_probability} of them."),
        _("The verdict at the end says what must be true for each side to be right."),
    ).format(**values)


#: The calibration table's reported points (``openai_path.compare_with_reported``).
CALIBRATION_POINTS = (
    N_("Loss 2024"),
    N_("Cash burn 2025"),
    N_("Cash burn 2026"),
    N_("Cash burn 2027"),
    N_("Cash burn 2028 (anchor)"),
    N_("Operating loss 2028 (anchor)"),
    N_("Cash burn 2025-2029"),
    N_("Loss 2026 (Oct-2024 projection)"),
)


#: Reported points that are checked but not independent of the model's inputs: the 2024 loss
#: (arithmetic on the 2024 cost inputs) and the 2025-2029 total (it includes the anchored 2028).
NOT_INDEPENDENT_POINTS = ("Loss 2024", "Cash burn 2025-2029")


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
    # Not independent either: the 2024 loss is arithmetic on the 2024 cost inputs, and the
    # 2025-2029 total includes the anchored 2028. Shown and checked, not counted as independent.
    dependent = tested[tested["point"].isin(NOT_INDEPENDENT_POINTS)]
    tested = tested[~tested["point"].isin(NOT_INDEPENDENT_POINTS)]
    gaps = tested["difference"].abs()
    total = calibration.set_index("point").loc["Cash burn 2025-2029"]
    first = openai_path.first_cash_positive_year(scenario)
    reported = facts.value("oa_burn_to_2029_cash_positive_year")
    return join_sentences(
        _(
            "{within} of {tested} independent points are within tolerance. Not counted as "
            "independent: the 2024 loss, which is arithmetic on the 2024 cost inputs, and the "
            "2025-2029 total, which includes the anchored 2028 ({dependent_within} of these "
            "{dependent} are within tolerance); the two 2028 anchors the model is built from are "
            "shown, not counted."
        ),
        _(
            "The largest gap is {largest_gap} ({largest_point}): the reported 2025 burn was held "
            "down by payment timing — in the first half of 2025 OpenAI burned {h1_burn} of cash "
            "on a {h1_loss} operating loss — which the model's single non-cash share does not "
            "capture."
        ),
        _(
            "First year of positive cash flow in the model: {first_year} (reported projection: "
            "{reported_year})."
        ),
        _(
            "With the other clouds' contracted bills the modelled 2025–2029 cash burn is "
            "{contracted_burn}, against {reported_burn} reported."
        ),
    ).format(
        contracted_burn=_money(float(total["with_contracts_usd"]), disp),
        reported_burn=_money(float(total["reported_usd"]), disp),
        within=int(tested["within_tolerance"].sum()),
        tested=len(tested),
        dependent_within=int(dependent["within_tolerance"].sum()),
        dependent=len(dependent),
        largest_gap=format_share(gaps.max()),
        largest_point=_(str(tested.loc[gaps.idxmax(), "point"])),
        h1_burn=_money(facts.value("oa_h1_2025_cash_burn"), disp),
        h1_loss=_money(facts.value("oa_h1_2025_op_loss"), disp),
        first_year=(first if _english() else f"{first}年")
        if first is not None
        else _("none by 2030"),
        reported_year=f"{reported:.0f}",
    )


def build_funding_need_paragraph(scenario: Scenario) -> str:
    """The funding need at the point values, and who must still raise what (Markdown)."""
    show = scenario.display
    need = openai_path.summarize_funding_need(scenario)
    runway_end = openai_path.find_runway_end_year(openai_path.compute_runway(scenario))
    rec = capital_structure.reconcile_venture_funding(scenario)
    values = {
        "total_need": _money(need["total_need_usd"], show),
        "runway_end": runway_end,
        "still_to_raise": _money(need["openai_still_to_raise_usd"], show),
        "still_incl_announced": _money(need["openai_still_to_raise_incl_announced_usd"], show),
        "cash_need": _money(rec.value("cash_need"), show),
        "peak_year": rec.peak_year,
        "named": _money(rec.named_usd(), show),
        "funding_gap": _money(rec.value("funding_gap"), show),
        "assumed_debt": _money(rec.value("assumed_debt"), show),
        "left_after_debt": _money(rec.value("left_after_debt"), show),
    }
    announced_covers = need["openai_still_to_raise_incl_announced_usd"] <= 0
    if runway_end and not announced_covers:
        openai = _(
            "OpenAI's committed money runs out in **{runway_end}**; by 2030 it must still raise "
            "**{still_to_raise}** beyond what is committed, and **{still_incl_announced}** even "
            "if the announced money arrives."
        )
    elif runway_end:
        openai = _(
            "OpenAI's committed money runs out in **{runway_end}**; by 2030 it must still raise "
            "**{still_to_raise}** beyond what is committed; the announced money would cover it, "
            "if it arrives."
        )
    elif not announced_covers:
        openai = _(
            "OpenAI's committed money lasts to 2030, and **{still_incl_announced}** even if the "
            "announced money arrives."
        )
    else:
        openai = _(
            "OpenAI's committed money lasts to 2030; the announced money would cover it, if it "
            "arrives."
        )
    return join_sentences(
        _(
            "At this scenario's point values OpenAI and the venture together need "
            "**{total_need}** over 2025–2030, consolidated: what OpenAI pays the venture cancels "
            "out, so a surplus the venture earns from OpenAI lowers it."
        ),
        openai,
        _(
            "The venture's cash need peaks at **{cash_need}** in {peak_year}; its partners' "
            "equity and the named lenders, lessors and developers ({named} counted) leave "
            "**{funding_gap}**: the venture's funding gap, cash need no equity or named funder "
            "covers (the gap line of the reconciliation below)."
        ),
        _(
            "If the venture also borrowed at the assumed leverage, net of the named loans (no "
            "lender is named), it could raise {assumed_debt} more, leaving {left_after_debt}."
        ),
    ).format(**values)


def build_project_paragraph(scenario: Scenario) -> str:
    """NPV, IRR, payback and break-evens of the build-out at the point values (Markdown)."""
    show = scenario.display
    project = project_economics.summarize_project(scenario)
    fin = scenario.finance
    values = {
        "price": _money(project["price_usd_per_gpu_hour"], show),
        "generation": fin.price_generation,
        "market_rent": _money(fin.market_rent_usd_per_pflop_hour, show),
        "rent_year": fin.market_rent_year,
        "rent_change": format_share(scenario.risk.price_change_rate, digits=1, signed=True),
        "utilization": format_share(project["utilization_rate"]),
        "cost_of_capital": format_share(project["cost_of_capital_rate"]),
        "capex": _money(project["capex_usd"], show),
        "npv": _money(project["npv_usd"], show),
        "irr": format_share(project["irr"], digits=1) if project["irr"] is not None else "",
        "payback": (
            _value(project["payback_years"], "years", fmt=".1f")
            if project["payback_years"] is not None
            else ""
        ),
        "breakeven_price": _money(project["breakeven_price_usd_per_gpu_hour"], show),
        "breakeven_utilization": format_share(project["breakeven_utilization"]),
    }
    has_irr = project["irr"] is not None
    pays_back = project["payback_years"] is not None
    if has_irr and pays_back:
        first = _(
            "With the contracted hours at **{price} per {generation} GPU-hour** (flat for the "
            "contract's term; other generations in proportion to their power), every other hour "
            "at the market rent of its GPUs' compute ({market_rent} per dense PFLOP-hour in "
            "{rent_year}, {rent_change} a year), {utilization} utilisation and a "
            "{cost_of_capital} cost of capital, the {capex} build-out has an NPV of **{npv}** "
            "and an IRR of **{irr}**; it pays back in **{payback}**."
        )
    elif has_irr:
        first = _(
            "With the contracted hours at **{price} per {generation} GPU-hour** (flat for the "
            "contract's term; other generations in proportion to their power), every other hour "
            "at the market rent of its GPUs' compute ({market_rent} per dense PFLOP-hour in "
            "{rent_year}, {rent_change} a year), {utilization} utilisation and a "
            "{cost_of_capital} cost of capital, the {capex} build-out has an NPV of **{npv}** "
            "and an IRR of **{irr}**; it does not pay back within the life of its IT."
        )
    elif pays_back:
        first = _(
            "With the contracted hours at **{price} per {generation} GPU-hour** (flat for the "
            "contract's term; other generations in proportion to their power), every other hour "
            "at the market rent of its GPUs' compute ({market_rent} per dense PFLOP-hour in "
            "{rent_year}, {rent_change} a year), {utilization} utilisation and a "
            "{cost_of_capital} cost of capital, the {capex} build-out has an NPV of **{npv}** "
            "and no IRR; it pays back in **{payback}**."
        )
    else:
        first = _(
            "With the contracted hours at **{price} per {generation} GPU-hour** (flat for the "
            "contract's term; other generations in proportion to their power), every other hour "
            "at the market rent of its GPUs' compute ({market_rent} per dense PFLOP-hour in "
            "{rent_year}, {rent_change} a year), {utilization} utilisation and a "
            "{cost_of_capital} cost of capital, the {capex} build-out has an NPV of **{npv}** "
            "and no IRR; it does not pay back within the life of its IT."
        )
    if project["breakeven_utilization"] <= 1:
        second = _(
            "It breaks even at a contract price of **{breakeven_price}** per {generation} "
            "GPU-hour or at **{breakeven_utilization}** utilisation."
        )
    else:
        second = _(
            "It breaks even at a contract price of **{breakeven_price}** per {generation} "
            "GPU-hour; no utilisation up to 100 % breaks even at this price."
        )
    return join_sentences(first, second).format(**values)


def build_reference_class_paragraph(scenario: Scenario) -> str:
    """The overrun at the reference classes' means, and the IT projects' warning (Markdown)."""
    return join_sentences(
        _("At the class means the build-out would cost **{overrun} more** than budgeted."),
        _(
            "IT projects are the warning: they are the only class whose overruns have a tail so "
            "fat (tail index at or below 1) that the average overrun is not a stable number; "
            "{tail_share} of IT projects overrun by half or more, by {tail_mean} on average "
            "among them."
        ),
    ).format(
        overrun=format_share(rc.compute_reference_class_overrun(scenario)),
        tail_share=format_share(facts.value("bf_it_tail_share")),
        tail_mean=format_share(facts.value("bf_it_tail_mean")),
    )


def build_no_effect_paragraph(tornado_need: pd.DataFrame, tornado_npv: pd.DataFrame) -> str:
    """The swept assumptions that move neither outcome, and why (Markdown).

    Args:
        tornado_need: :func:`stargate.model.montecarlo.compute_tornado` of ``total_need_usd``.
        tornado_npv: the same of ``npv_usd``.
    """
    need = [label(n) for n in tornado_need.attrs["no_effect"]]
    npv = [label(n) for n in tornado_npv.attrs["no_effect"]]
    if not need and not npv:
        return _("Every swept assumption moves both outcomes.")
    left_out = [
        _(
            "Left out of the combined-need chart because they do not move the combined need at "
            "all: {assumptions}."
        ).format(assumptions=_(", ").join(need))
        if need
        else "",
        _(
            "Left out of the NPV chart because they do not move the venture's NPV at all: "
            "{assumptions}."
        ).format(assumptions=_(", ").join(npv))
        if npv
        else "",
    ]
    return join_sentences(
        *left_out,
        _(
            "The cost of capital discounts but does not change the cash to be found; OpenAI's "
            "revenue and costs do not change what the venture earns, which is the contract price "
            "for the contracted hours and the market rent for the rest, whatever OpenAI's own "
            "fortunes."
        ),
        _(
            "The contract price, the market rent and Vera Rubin's compute (which sets its rent) "
            "change only what OpenAI pays the venture: a payment from one to the other, which "
            "nets out of their combined need."
        ),
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
    plan_2030 = _money(inputs.revenue_plan_usd[-1], disp)
    pct = format_probability

    def money(amount_usd: float) -> str:
        return _money(amount_usd, disp)

    def drivers(tornado: pd.DataFrame) -> str:
        top = label_tornado(tornado, disp).head(3)
        if top.empty:
            return _("none of the swept assumptions moves it")
        return _("; ").join(
            _("{factor} ({low_input} to {high_input}: {low} to {high})").format(
                factor=r.factor,
                low_input=r.low_input,
                high_input=r.high_input,
                low=money(r.outcome_low),
                high=money(r.outcome_high),
            )
            for r in top.itertuples()
        )

    def growth(k: float | None, announced_too: bool) -> str:
        """What OpenAI's revenue must do for the money (committed, or also announced) to do."""
        if k is None:
            raise ValueError("no growth threshold: the verdict says so in its own sentence")
        if k == 0:
            return (
                _(
                    "committed and announced money covers the need even if OpenAI's revenue "
                    "stops growing"
                )
                if announced_too
                else _("committed money covers the need even if OpenAI's revenue stops growing")
            )
        return _(
            "OpenAI's revenue must grow at least {pace} as fast as it projects each year (about "
            "{revenue_2030} in 2030, against the {plan_2030} projected)"
        ).format(
            pace=_pace(k),
            revenue_2030=money(openai_path.revenue_2030_usd(scenario, k)),
            plan_2030=plan_2030,
        )

    still = summary["still_to_raise_p50_usd"]
    util_ok = project["breakeven_utilization"]
    values = {
        "draws": format_number(n),
        "seed": scenario.risk.seed,
        "openai_probability": pct(summary["openai_shortfall_probability"]),
        "venture_probability": pct(summary["venture_shortfall_probability"]),
        "either_probability": pct(summary["shortfall_probability"]),
        "oa_committed": money(oa_committed),
        "venture_sources": money(venture_sources),
        "still_to_raise": money(still) if still > 0 else _("nothing"),
        "still_to_raise_p90": money(summary["still_to_raise_p90_usd"]),
        "announced": money(announced),
        "announced_openai_probability": pct(summary["openai_shortfall_incl_announced_probability"]),
        "announced_either_probability": pct(summary["shortfall_incl_announced_probability"]),
        "npv_probability": pct(summary["npv_positive_probability"]),
        "npv_p50": money(summary["npv_p50_usd"]),
        "npv_point": money(point_npv),
        "need_p50": money(summary["need_p50_usd"]),
        "need_p10": money(summary["need_p10_usd"]),
        "need_p90": money(summary["need_p90_usd"]),
        "need_point": money(point_need),
        "generation": fin.price_generation,
        "breakeven_price": money(project["breakeven_price_usd_per_gpu_hour"]),
        "price": money(fin.price_usd_per_gpu_hour),
        "breakeven_utilization": pct(util_ok),
        "utilization": pct(fin.utilization_rate),
    }
    if announced > 0:
        announced_line = _(
            "- **Counting money only announced** ({announced}, such as NVIDIA's letter of "
            "intent, which is not a definitive agreement), the chance that OpenAI's corporate "
            "funding need is not covered is {announced_openai_probability}, and that either gap "
            "is open {announced_either_probability}."
        )
        musk_k = k_ann
    else:
        announced_line = _(
            "- This scenario counts no money as merely announced: every round in it is treated "
            "as committed."
        )
        musk_k = k_com
    musk_lead = _(
        '**What must be true for Musk to be right** ("they don\'t have the money"): his claim '
        "was about Stargate's money, which is the venture's funding gap: it opens in "
        "{venture_probability} of draws. OpenAI's own committed money falls short in "
        "{openai_probability} - but a shortfall is money still to raise, not proof that it "
        "cannot be raised."
    )
    if musk_k is None:
        musk = (
            _(
                "For him to be right even after the announced money arrives, revenue need not "
                "disappoint: in this scenario a gap stays open however fast OpenAI's revenue "
                "grows, up to three times as fast as it projects."
            )
            if announced > 0
            else _(
                "For him to be right even with the money in this scenario, revenue need not "
                "disappoint: in this scenario a gap stays open however fast OpenAI's revenue "
                "grows, up to three times as fast as it projects."
            )
        )
    elif musk_k == 0:
        musk = (
            _(
                "For him to be right even after the announced money arrives, slow revenue is not "
                "enough: in this scenario the money covers the need at any growth rate, so costs "
                "would have to rise or money fail to arrive."
            )
            if announced > 0
            else _(
                "For him to be right even with the money in this scenario, slow revenue is not "
                "enough: in this scenario the money covers the need at any growth rate, so costs "
                "would have to rise or money fail to arrive."
            )
        )
    else:
        musk = (
            _(
                "For him to be right even after the announced money arrives, revenue must "
                "disappoint: unless OpenAI's revenue grows at least {pace} as fast as it "
                "projects, one of the two gaps stays open at this scenario's other values."
            )
            if announced > 0
            else _(
                "For him to be right even with the money in this scenario, revenue must "
                "disappoint: unless OpenAI's revenue grows at least {pace} as fast as it "
                "projects, one of the two gaps stays open at this scenario's other values."
            )
        ).format(pace=_pace(musk_k))
    beyond = _(
        '**What must be true for Altman to be right** ("wrong"): more money than this scenario '
        "counts."
    )
    if announced > 0:
        altman = join_sentences(
            _(
                '**What must be true for Altman to be right** ("wrong"): the announced money '
                "must turn into signed money, and {condition}."
            ).format(condition=growth(k_ann, True))
            if k_ann is not None
            else join_sentences(
                beyond,
                _(
                    "Even with the announced money signed, no growth of OpenAI's revenue up to "
                    "three times its projection closes both gaps."
                ),
            ),
            _("With committed money alone, {condition}.").format(condition=growth(k_com, False))
            if k_com is not None
            else _(
                "With committed money alone, no growth of OpenAI's revenue up to three times "
                "its projection closes both gaps either."
            ),
        )
    elif k_ann is not None:
        altman = _('**What must be true for Altman to be right** ("wrong"): {condition}.').format(
            condition=growth(k_ann, False)
        )
    else:
        altman = join_sentences(
            beyond,
            _(
                "With the committed money, no growth of OpenAI's revenue up to three times its "
                "projection closes both gaps."
            ),
        )
    pays = (
        _(
            "For the build-out itself to pay, a contracted {generation} GPU-hour must fetch at "
            "least {breakeven_price} (this scenario: {price}); at this scenario's prices the "
            "fleet must be used {breakeven_utilization} of its hours (this scenario: "
            "{utilization})."
        )
        if util_ok <= 1.0
        else _(
            "For the build-out itself to pay, a contracted {generation} GPU-hour must fetch at "
            "least {breakeven_price} (this scenario: {price}); at this scenario's prices no "
            "utilisation is enough, not even every hour of the year (this scenario: "
            "{utilization})."
        )
    )
    from stargate.present.verdict import build_verdict_paragraph

    lines = [
        build_verdict_paragraph(scenario, summary, tornado_npv),
        "",
        _("**The answer in probabilities** ({draws} draws of the assumptions, seed {seed}):"),
        "",
        _(
            "- **OpenAI's corporate funding need: OpenAI's committed money falls short in "
            "{openai_probability} of draws.** Committed means its cash and signed rounds "
            "({oa_committed}), against its own burn and equity calls."
        ),
        _(
            "- **The venture's funding gap: the venture's cash need exceeds its equity and named "
            "funders in {venture_probability} of draws.** That money is the partners' equity and "
            "the named lenders' and developers' money in its sites ({venture_sources}); debt no "
            "lender is named for is not counted."
        ),
        _(
            "- Either gap is open in {either_probability} of draws; neither party's money can "
            "pay the other's bills. Median still to raise by 2030, both together: "
            "{still_to_raise} (1 draw in 10: more than {still_to_raise_p90})."
        ),
        announced_line,
        _(
            "- **The venture's build-out pays for itself** (NPV above zero at the cost of "
            "capital) in {npv_probability} of draws; median NPV {npv_p50} (point, at this "
            "scenario's values: {npv_point})."
        ),
        _(
            "- Combined funding need of OpenAI and the venture, 2025-2030, consolidated (OpenAI's "
            "payments to the venture cancel out): median of the draws {need_p50}, 8 draws in 10 "
            "between {need_p10} and {need_p90} (point, at this scenario's values: {need_point})."
        ),
        "",
        join_sentences(musk_lead, musk),
        "",
        join_sentences(altman, pays),
        "",
        join_sentences(
            _("**The assumptions that decide the funding need:** {drivers}.").format(
                drivers=drivers(tornado_need)
            ),
        ),
    ]
    # The verdict paragraph and the drivers are filled already; the rest takes the values.
    filled = [lines[0]] + [line.format(**values) for line in lines[1:-1]] + [lines[-1]]
    return "\n".join(filled)


def headline_figures(
    scenario: Scenario, summary: Mapping[str, float]
) -> dict[str, tuple[float, str, str]]:
    """The sustainability report's headline figures: name -> (value, unit, label).

    Record names are stable across versions (pages compare them); each label names the gap a
    probability is about and whether a figure is the point (this scenario's values) or the
    median of the draws. Labels are English msgids (the Japanese page translates them).
    """
    return {
        "funding_need_point_usd": (
            openai_path.summarize_funding_need(scenario)["total_need_usd"],
            "USD",
            N_("Combined funding need 2025-2030, OpenAI and venture (point: this scenario)"),
        ),
        "funding_need_p50_usd": (
            summary["need_p50_usd"],
            "USD",
            N_("Combined funding need 2025-2030, OpenAI and venture (median of the draws)"),
        ),
        "openai_shortfall_probability": (
            summary["openai_shortfall_probability"],
            "fraction",
            N_("Chance OpenAI's committed money falls short (its corporate funding need)"),
        ),
        "venture_shortfall_probability": (
            summary["venture_shortfall_probability"],
            "fraction",
            N_("Chance the venture's cash need exceeds its equity and named funders"),
        ),
        "shortfall_probability": (
            summary["shortfall_probability"],
            "fraction",
            N_("Chance either gap is open (OpenAI's corporate need or the venture's gap)"),
        ),
        "shortfall_incl_announced_probability": (
            summary["shortfall_incl_announced_probability"],
            "fraction",
            N_("Chance either gap is open even with announced money"),
        ),
        "npv_positive_probability": (
            summary["npv_positive_probability"],
            "fraction",
            N_("Chance the venture's build-out pays (NPV > 0)"),
        ),
        "breakeven_price_usd_per_gpu_hour": (
            project_economics.find_breakeven_price_usd_per_gb300_hour(scenario),
            "USD/GPU-hour",
            N_(
                "Break-even contract price per GB300-equivalent GPU-hour (other generations in "
                "proportion to their power)"
            ),
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
    values = {
        "target_gw": format_number(scenario.programme.target_gw),
        "gw": format_number(programme.programme_gw(scenario)),
        "gpus": format_number(programme.programme_gpus(scenario)),
        "capex": _money(programme.programme_capex_usd(scenario), disp),
        "price": _money(price, disp),
        "contract_price": _money(float(contract.value), disp),
    }
    if sites.uses_programme_fleet(scenario):
        what = _(
            "The venture here **is the programme**: the sites Stargate has named and the rest of "
            "the stated {target_gw} GW it builds in this scenario ({gw} GW, {gpus} GPUs, "
            "{capex} of capex), the same fleet as the cost-structure report."
        )
    else:
        what = _(
            "The venture here is **the fleet this scenario sets** instead of the programme's "
            "({gpus} GPUs, {capex} of capex), the same fleet as the cost-structure report."
        )
    if fact_behind(scenario.finance, "price_usd_per_gpu_hour") == contract.id:
        earns = _(
            "Its GPU-hour earns what the Oracle contract implies, {price} per GPU-hour sold (a "
            "derived figure, low confidence)."
        )
    else:
        earns = _(
            "Its GPU-hour earns this scenario's price, {price} per GPU-hour sold (the Oracle "
            "contract implies {contract_price})."
        )
    return join_sentences(what, earns).format(**values)
