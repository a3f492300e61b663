"""The cost-structure report's tables for readers: fleet, inputs, TCO, generations, electricity.

Every figure goes through :mod:`stargate.present.formatting` (amounts in the scenario's display
currency, shares as ``40%``, ratios as ``1.86×``, missing values as ``—``). The numbers come from
:mod:`stargate.model.costs` and :mod:`stargate.model.cost_sensitivity`; the "why this value" of
each input is the ``chosen_why`` of the fact behind its default, in the facts register.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import pandas as pd

from stargate import facts
from stargate.model import cost_sensitivity, costs, fact_check, like_for_like
from stargate.present.cost_report import TCO_LABELS, describe_facility_high
from stargate.present.data_text import source_names
from stargate.present.formatting import (
    MISSING,
    format_number,
    format_ratio,
    format_share,
    format_value,
)
from stargate.present.i18n import (
    N_,
    current_language,
    join_sentences,
    keep_english,
    money_text,
    pgettext,
)
from stargate.present.i18n import gettext as _
from stargate.scenario import Scenario
from stargate.schema.common import fact_behind

#: Readers' names of the per-GPU figures a generation's default may derive rather than source
#: (:data:`stargate.model.costs.SPEC_FIELDS`).
SPEC_FIELD_LABELS: dict[str, str] = {
    "accelerator_price_usd": N_("price"),
    "other_it_capex_usd_per_gpu": N_("other IT"),
    "chip_power_w": N_("chip power"),
    "it_power_w_per_gpu": N_("IT power"),
    "compute_pflops_bf16_dense": N_("BF16 compute"),
}

#: What each kind of register row is called in the inputs table.
KIND_LABELS: dict[str, str] = {
    "evidence": N_("evidence"),
    "derived": N_("derived"),
    "assumption": N_("assumption"),
    "claim": N_("claim"),
    "scenario": N_("scenario"),
}

#: The electricity prices' labels (``data/tables/cost_electricity_prices.yaml``), marked for
#: the catalog: the table and the chart show them translated.
ELECTRICITY_LABELS = (
    N_("ERCOT North hub day-ahead 2024 (wholesale)"),
    N_("ERCOT real-time 2024 (wholesale)"),
    N_("ERCOT North hub day-ahead 2023 (wholesale)"),
    N_("New Mexico industrial 2023"),
    N_("Texas industrial 2023"),
    N_("Ohio industrial 2023"),
    N_("US industrial 2023"),
    N_("Michigan industrial 2023"),
    N_("Wisconsin industrial 2023"),
)


def _each(values: Iterable[Any], show: Callable[[Any], str]) -> list[str]:
    return [show(v) for v in values]


def _watts(unit: str) -> Callable[[float], str]:
    return lambda v: format_value(v, unit, fmt=",.0f")


def _years(value: float) -> str:
    return _("{years} years").format(years=format_number(value))


def format_fleet_table(scenario: Scenario) -> pd.DataFrame:
    """The fleet table for readers: per-GPU cost and power, batch totals."""
    d = scenario.display
    table = costs.fleet_table(scenario)

    def money(v: float) -> str:
        return money_text(v, d)

    return pd.DataFrame(
        {
            _("Generation"): table["generation"],
            _("Deployed"): table["deploy_year"].astype(str),
            pgettext("column", "GPUs"): _each(table["gpu_count"], format_number),
            _("Accelerator per GPU"): _each(table["accelerator_price_usd"], money),
            _("Other IT per GPU"): _each(table["other_it_capex_usd_per_gpu"], money),
            _("Facility per GPU"): _each(table["facility_capex_usd_per_gpu"], money),
            _("All-in per GPU"): _each(table["capex_usd_per_gpu"], money),
            _("Chip power"): _each(table["chip_power_w"], _watts("W")),
            _("All-in IT power"): _each(table["it_power_w_per_gpu"], _watts("W")),
            _("IT load"): _each(table["power_it_mw"], _watts("MW")),
            _("Facility load"): _each(table["power_facility_mw"], _watts("MW")),
            pgettext("column", "Capex"): _each(table["capex_usd"], money),
        }
    ).set_index(_("Generation"))


def format_tco_table(scenario: Scenario) -> pd.DataFrame:
    """Annual TCO by component for readers: per year, per MW of IT load, per GPU-hour, share."""
    d = scenario.display
    parts = costs.annual_tco_breakdown_usd(scenario)
    per_hour = costs.cost_per_gpu_hour_breakdown_usd(scenario)
    it_mw = costs.power_summary(scenario)["power_it_mw"]
    total = sum(parts.values())

    def row(label: str, per_year: float, per_gpu_hour: float) -> dict[str, str]:
        return {
            _("Component"): label,
            _("Per year"): money_text(per_year, d),
            _("Per MW of IT load per year"): money_text(per_year / it_mw, d),
            _("Per GPU-hour"): money_text(per_gpu_hour, d),
            _("Share"): format_share(per_year / total),
        }

    rows = [row(_(TCO_LABELS[k]), v, per_hour[k]) for k, v in parts.items()]
    rows.append(row(_("Total cost of ownership"), total, sum(per_hour.values())))
    return pd.DataFrame(rows).set_index(_("Component"))


def format_like_for_like_table(scenario: Scenario) -> pd.DataFrame:
    """Cost, contract price, break-even and market rent of a GPU-hour, in one unit, for readers.

    One row each, per GB300-equivalent GPU-hour (:mod:`stargate.model.like_for_like`), with
    what the figure is; the market row shows "—" when every hour is contracted.
    """
    d = scenario.display
    fin = scenario.finance
    lfl = like_for_like.compare_cost_price_breakeven(scenario)
    price_label = (
        _("Contract price (Oracle)")
        if fact_behind(fin, "price_usd_per_gpu_hour")
        else _("Price (set by this scenario)")
    )
    rows = [
        (
            _("Cost"),
            lfl["cost_usd_per_gb300_hour"],
            _("The fleet's yearly cost of ownership ÷ the GB300-equivalent hours it works"),
        ),
        (
            price_label,
            lfl["price_usd_per_gb300_hour"],
            _("What a contracted hour earns, flat for the contract's term"),
        ),
        (
            _("Break-even price"),
            lfl["breakeven_usd_per_gb300_hour"],
            _("The contract price at which the venture's NPV is zero"),
        ),
        (
            _("Market rent (hours outside the contract)"),
            lfl["market_usd_per_gb300_hour"],
            _("Average over the IT life, discounted at the cost of capital"),
        ),
    ]
    return pd.DataFrame(
        {
            _("Figure"): [label for label, _v, _w in rows],
            _("Per GB300-equivalent GPU-hour"): [
                "—" if value != value else money_text(value, d) for _l, value, _w in rows
            ],
            _("What it is"): [what for _l, _v, what in rows],
        }
    ).set_index(_("Figure"))


def _ratio(value: float) -> str:
    text = format_ratio(value, digits=2)
    return text.replace("×", "倍") if current_language() == "ja" else text


def format_generation_table(scenario: Scenario) -> pd.DataFrame:
    """The generation comparison for readers."""
    d = scenario.display
    t = costs.generation_table(scenario)

    def money(v: float) -> str:
        return money_text(v, d)

    def derived(fields: tuple[str, ...]) -> str:
        return _(", ").join(_(SPEC_FIELD_LABELS[f]) for f in fields) or MISSING

    return pd.DataFrame(
        {
            _("Generation"): t["generation"],
            _("Accelerator per GPU"): _each(t["accelerator_price_usd"], money),
            _("All-in capex per GPU"): _each(t["capex_usd_per_gpu"], money),
            _("All-in IT power"): _each(t["it_power_w_per_gpu"], _watts("W")),
            _("Dense BF16"): _each(
                t["compute_pflops_bf16_dense"], lambda v: format_value(v, "PFLOPS", fmt=".3g")
            ),
            _("Cost per GPU-hour"): _each(t["cost_per_gpu_hour_usd"], money),
            _("vs H100 (GPU-hour)"): _each(t["cost_per_gpu_hour_vs_h100"], _ratio),
            _("Cost per PFLOP-hour"): _each(t["cost_per_pflop_hour_usd"], money),
            _("vs H100 (PFLOP-hour)"): _each(t["cost_per_pflop_hour_vs_h100"], _ratio),
            _("Derived, not sourced directly"): _each(t["derived_fields"], derived),
        }
    ).set_index(_("Generation"))


def format_electricity_table(scenario: Scenario) -> pd.DataFrame:
    """Cost per GPU-hour at each sourced electricity price, for readers.

    The price is in the display currency, as on the chart's axis (Japanese: yen, then the
    sources' dollars).
    """
    d = scenario.display
    t = cost_sensitivity.electricity_sweep(scenario)
    frame = pd.DataFrame(
        {
            _("Electricity price"): [_(label) for label in t["price"]],
            _("Price per MWh"): _each(
                t["electricity_usd_per_mwh"], lambda v: money_text(v, d, "/MWh")
            ),
            _("Cost per GPU-hour"): _each(t["cost_per_gpu_hour_usd"], lambda v: money_text(v, d)),
            _("Energy's share of TCO"): _each(t["energy_share"], format_share),
            _("Source"): [source_names([i]) for i in t["fact_id"]],
        }
    ).set_index(_("Electricity price"))
    return keep_english(frame, _("Source"))


def _input_rows(scenario: Scenario) -> list[tuple[Any, str, str, str, str]]:
    """(group, field, label, value shown, what the sources say) for each site/finance input."""
    d = scenario.display
    v = facts.value

    def m(usd: float, rest: str = "") -> str:
        return money_text(usd, d, rest)

    def ratio(x: float, fmt: str) -> str:
        return format_value(x, "", fmt=fmt)

    cw = facts.get("dc_cost_per_mw")
    states = [v(f) for f in ("elec_nm_industrial", "elec_oh_industrial", "elec_mi_industrial")]
    states.append(v("elec_wi_industrial"))
    fac, fin = scenario.facility, scenario.finance
    return [
        (
            fac,
            "facility_capex_usd_per_mw_it",
            _("Facility capex per MW of IT load"),
            m(fac.facility_capex_usd_per_mw_it, "/MW"),
            join_sentences(
                _(
                    "Abilene: {jv} of joint-venture funding for buildings and power over {gw} "
                    "of facility power, {it_mw} of IT load at a PUE of {pue} = {per_mw} (Oracle "
                    "buys the GPUs). Cushman & Wakefield, 19 US markets: "
                    "{low}–{high}, average {average} (excluding IT, land and soft costs). "
                    "Shackelford: {shackelford} per MW of facility power, {shackelford_it} per "
                    "MW of IT load at a PUE of {scenario_pue} (scope may be wider)."
                ).format(
                    jv=m(v("abilene_jv_15bn")),
                    gw=format_value(v("abilene_capacity"), "GW"),
                    it_mw=format_value(v("abilene_it_mw_derived"), "MW", fmt=",.0f"),
                    pue=format_value(v("pue_new_builds"), "", fmt=".1f"),
                    per_mw=m(v("abilene_shell_per_mw"), "/MW"),
                    low=m(cw.low or 0),
                    high=m(cw.high or 0, "/MW"),
                    average=m(cw.value),
                    shackelford=m(v("sg_shackelford_per_mw_derived")),
                    shackelford_it=m(fact_check.shackelford_usd_per_mw_it(scenario)),
                    scenario_pue=format_number(fac.pue),
                ),
                describe_facility_high(scenario),
            ),
        ),
        (
            fac,
            "pue",
            _("Power usage effectiveness (PUE)"),
            ratio(fac.pue, ".2f"),
            _(
                "Uptime Institute survey average {survey} (2024); new large facilities {new} or "
                "better; Google's fleet {google}."
            ).format(
                survey=ratio(v("pue_uptime_2024"), ".2f"),
                new=ratio(v("pue_new_builds"), ".1f"),
                google=ratio(v("pue_google"), ".2f"),
            ),
        ),
        (
            fac,
            "electricity_usd_per_mwh",
            _("Electricity price"),
            m(fac.electricity_usd_per_mwh, "/MWh"),
            _(
                "Texas industrial average {texas} (EIA, 2023, incl. delivery); ERCOT wholesale "
                "2024 {day_ahead} (day-ahead) to {real_time} (real-time), 2023 {wholesale_2023}; "
                "other Stargate states' industrial averages {low}–{high}."
            ).format(
                texas=m(v("elec_tx_industrial"), "/MWh"),
                day_ahead=m(v("elec_ercot_da_2024")),
                real_time=m(v("elec_ercot_rt_2024")),
                wholesale_2023=m(v("elec_ercot_da_2023")),
                low=m(min(states)),
                high=m(max(states)),
            ),
        ),
        (
            fin,
            "it_lifetime_years",
            _("IT lifetime"),
            _years(fin.it_lifetime_years),
            _(
                "Hyperscaler filings: Amazon {amazon} (2025, cut from {amazon_prior} for the pace "
                "of AI), Meta {meta}, Microsoft {microsoft}, Alphabet {alphabet}; about {before} "
                "at all four around 2020. Critics argue 2–3 years (an opinion, not a filing)."
            ).format(
                amazon=_years(v("dep_amazon_2025")),
                amazon_prior=format_number(v("dep_amazon_2025_prior")),
                meta=format_number(v("dep_meta_2025")),
                microsoft=format_number(v("dep_msft")),
                alphabet=format_number(v("dep_alphabet")),
                before=_years(v("dep_2020")),
            ),
        ),
        (
            fin,
            "facility_lifetime_years",
            _("Facility lifetime"),
            _years(fin.facility_lifetime_years),
            _("No source. Oracle's lease on the Abilene campus runs {years}.").format(
                years=_years(v("abilene_lease_term"))
            ),
        ),
        (
            fin,
            "cost_of_capital_rate",
            _("Cost of capital"),
            format_share(fin.cost_of_capital_rate),
            _(
                "No source. Abilene's financing carries about {ratio} dollars of loans per "
                "dollar of equity."
            ).format(ratio=ratio(v("abilene_debt_to_equity_derived"), ".1f")),
        ),
        (
            fin,
            "utilization_rate",
            _("Utilisation"),
            format_share(fin.utilization_rate),
            _("No source gives the utilisation of a Stargate fleet."),
        ),
        (
            fin,
            "maintenance_rate",
            _("Maintenance (share of capex a year)"),
            format_share(fin.maintenance_rate),
            _("No source for AI campuses."),
        ),
        (
            fin,
            "staff_other_rate",
            _("Staff and other (share of capex a year)"),
            format_share(fin.staff_other_rate),
            _("No source for AI campuses."),
        ),
        (
            fin,
            "price_usd_per_gpu_hour",
            _("Price of a GPU-hour"),
            m(fin.price_usd_per_gpu_hour),
            _(
                "The article's {claim} (its 'operating cost', untraced); H100 rental "
                "{low}–{high} in 2024–25."
            ).format(
                claim=m(v("claim_price_usd_per_gpu_hour")),
                low=m(v("gpu_rent_low_2025")),
                high=m(v("gpu_rent_oct2024")),
            ),
        ),
    ]


#: The scenario inputs the inputs table shows, in its order (group, field).
INPUT_FIELDS: tuple[tuple[str, str], ...] = (
    ("facility", "facility_capex_usd_per_mw_it"),
    ("facility", "pue"),
    ("facility", "electricity_usd_per_mwh"),
    ("finance", "it_lifetime_years"),
    ("finance", "facility_lifetime_years"),
    ("finance", "cost_of_capital_rate"),
    ("finance", "utilization_rate"),
    ("finance", "maintenance_rate"),
    ("finance", "staff_other_rate"),
    ("finance", "price_usd_per_gpu_hour"),
)


def format_inputs_table(scenario: Scenario) -> pd.DataFrame:
    """The site and finance inputs for readers: value, what the sources say, why this value.

    Returns:
        Index "Input"; columns "Value", "Kind" (evidence / derived / assumption / claim, or
        "scenario" where the scenario file changed the default), "What the sources say" and
        "Why this value" (the ``chosen_why`` of the fact behind the default — in another
        language through the catalog, :func:`extract_input_reasons` — or "Set by this
        scenario.").
    """
    table = []
    for model, field, label, value, sources in _input_rows(scenario):
        fact_id = fact_behind(model, field)
        fact = facts.get(fact_id) if fact_id else None
        table.append(
            {
                _("Input"): label,
                _("Value"): value,
                _("Kind"): _(KIND_LABELS[fact.kind if fact else "scenario"]),
                _("What the sources say"): sources,
                _("Why this value"): _(_reason(fact)) if fact else _("Set by this scenario."),
            }
        )
    return pd.DataFrame(table).set_index(_("Input"))


def _reason(fact: Any) -> str:
    """A fact's ``chosen_why`` on one line (the msgid the catalog holds)."""
    return " ".join(str(fact.chosen_why).split())


def input_reasons() -> list[tuple[str, str]]:
    """(fact id, reason) of each input's default: the ``chosen_why`` the inputs table shows.

    The reasons are the register's words; the table shows them translated, so they are msgids.
    """
    from stargate.scenario import load_scenario

    base = load_scenario("base")
    found = []
    for group, field in INPUT_FIELDS:
        fact_id = fact_behind(getattr(base, group), field)
        if fact_id and facts.get(fact_id).chosen_why:
            found.append((fact_id, _reason(facts.get(fact_id))))
    return found


def extract_input_reasons(
    fileobj: Any, keywords: Any, comment_tags: Any, options: Any
) -> Iterable[tuple[int, str | None, str, list[str]]]:
    """Babel extractor: the inputs table's reasons (register ``chosen_why``) as msgids.

    Named in ``babel.cfg`` for this module's file; the file's text is not read, the reasons
    come from the register (:func:`input_reasons`).
    """
    with facts.unrecorded():
        for number, (fact_id, reason) in enumerate(input_reasons(), start=1):
            yield number, None, reason, [f"chosen_why of {fact_id} (facts register)"]
