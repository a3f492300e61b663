"""Fact-check of the seed article's cost figures, and of the model against published cost models.

Numbers and verdicts only. The article's own figures (the ``claim_*`` rows, which no source
confirms) are combined the way the article combines them (:func:`article_arithmetic`); each
checked figure is set against a range that the evidence or the cost model allows
(:func:`fact_check_table`), and the model's GB200 results against published estimates
(:func:`peer_check_table`). Which checks there are, and the rows each cites, is data:
``data/tables/cost_claim_checks.yaml`` and ``data/tables/cost_peer_checks.yaml``. The sentences a
reader sees are built in :mod:`stargate.present.cost_fact_check`.

Rules: a figure no source gives and nothing can test is ``unsourced``; a numeric figure is
``consistent`` when it lies inside the stated range and ``inconsistent`` otherwise. Model ranges
span the cost over the sensitivity grid (:data:`~stargate.model.costs.LIFETIME_GRID_YEARS` ×
:data:`~stargate.model.costs.UTILIZATION_GRID`) at the scenario's other inputs. The article's
fleet is always its own (700,000 H100) here, whatever the scenario's fleet, so the test is of the
article's arithmetic. Amounts are nominal USD.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict

from stargate import facts
from stargate.model import costs, sites
from stargate.model.finance import HOURS_PER_YEAR, capital_recovery_factor
from stargate.scenario import Scenario
from stargate.schema.programme import load_sites
from stargate.tables import load_table

Verdict = Literal["consistent", "inconsistent", "unsourced"]
#: Verdict of a peer check (see :func:`peer_check_table`).
PeerVerdict = Literal["agrees", "differs", "consistent", "inconsistent", "fitted"]

#: A model figure within this share of a published one agrees with it (fraction); a larger
#: difference is explained component by component in the report.
PEER_TOLERANCE = 0.10

#: Generations whose rising cost per GPU-hour the article claims (GB200 → GB300 → VR200).
NEWER_GENERATIONS: tuple[str, ...] = ("GB200", "GB300", "VR200")


class ClaimCheck(BaseModel):
    """A row of ``data/tables/cost_claim_checks.yaml``: one of the article's figures to check.

    ``verdict`` is given only where no number decides it (the cited evidence does); the numeric
    checks are judged against their range.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    test: str
    fact_ids: tuple[str, ...]
    verdict: Verdict | None = None


class PeerCheck(BaseModel):
    """A row of ``data/tables/cost_peer_checks.yaml``: a component and the published rows.

    ``bernstein_facts`` and ``nvidia_facts`` give the two peers' figures, ``other_facts`` another
    published figure where neither peer gives the component. ``fitted_facts`` names the model's
    inputs that were taken from or fitted to the published figure: such a row is no test.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    measure: str
    bernstein_facts: tuple[str, ...] = ()
    nvidia_facts: tuple[str, ...] = ()
    other_facts: tuple[str, ...] = ()
    fitted_facts: tuple[str, ...] = ()
    fact_ids: tuple[str, ...]


def claim_checks() -> tuple[ClaimCheck, ...]:
    """The article's cost figures the report checks, in the order it shows them."""
    return load_table("cost_claim_checks", ClaimCheck)


def peer_checks() -> tuple[PeerCheck, ...]:
    """The published cost models the report sets the model against, in order."""
    return load_table("cost_peer_checks", PeerCheck)


def article_arithmetic() -> dict[str, float]:
    """The seed article's own figures, combined the way the fact-check needs them.

    Returns:
        ``annual_cost_usd`` = GPUs × $/GPU-hour × 8,760 h (every hour of the year paid for);
        ``capex_usd_per_gpu`` = capex ÷ GPUs; ``nvidia_share_of_capex`` = NVIDIA revenue ÷
        capex; ``nvidia_revenue_usd_per_gpu`` = NVIDIA revenue ÷ GPUs. All from the claim rows
        (``claim_*``), which no source confirms.
    """
    gpus = facts.value("claim_hopper_gpus")
    price = facts.value("claim_price_usd_per_gpu_hour")
    capex = facts.value("claim_capex_usd")
    nvidia = facts.value("claim_nvidia_revenue_usd")
    return {
        "annual_cost_usd": gpus * price * HOURS_PER_YEAR,
        "capex_usd_per_gpu": capex / gpus,
        "nvidia_share_of_capex": nvidia / capex,
        "nvidia_revenue_usd_per_gpu": nvidia / gpus,
    }


def judge_claim(value: float, low: float, high: float) -> Verdict:
    """Verdict on a numeric claim: ``consistent`` inside [low, high], else ``inconsistent``."""
    if low > high:
        raise ValueError(f"empty range [{low}, {high}]")
    return "consistent" if low <= value <= high else "inconsistent"


def shackelford_usd_per_mw_it(scenario: Scenario) -> float:
    """Shackelford's cost per MW of IT load: its cost per MW of facility power x the PUE, USD/MW.

    ``sg_shackelford_per_mw_derived`` ($25bn / 1.4 GW) is per MW of the campus's capacity, which
    is facility (grid) power, like every site's; the model's facility capex is per MW of IT load.
    A MW of IT draws PUE MW of facility power (facility MW = IT MW x PUE), so it carries PUE times
    the cost per facility MW. The scenario's PUE, so the figure sits in the model's unit.
    """
    return facts.value("sg_shackelford_per_mw_derived") * scenario.facility.pue


#: Construction loans that each fund one named site: (site id in ``sites.yaml``, loan fact).
NAMED_SITE_LOANS: tuple[tuple[str, str], ...] = (
    ("shackelford", "sg_oracle_debt_38bn_tx"),
    ("wisconsin", "sg_oracle_debt_38bn_wi"),
)


def named_loans_against_facility(scenario: Scenario) -> pd.DataFrame:
    """Each named site's construction loan against the model's facility capex at that site.

    The model's facility capex at a site is its capacity (facility power, MW) ÷ PUE × the
    scenario's facility capex per MW of IT (with any facility overrun,
    :func:`stargate.model.costs.site_inputs`). A loan above it means the site costs more per
    MW than the model's rate (or the loan funds more than buildings and power).

    Returns:
        One row per :data:`NAMED_SITE_LOANS` entry: ``site`` (id), ``loan_fact``,
        ``facility_mw``, ``it_mw``, ``loan_usd``, ``model_facility_capex_usd`` and
        ``loan_over_model`` (loan ÷ model facility capex, ratio). Records the facts used.
    """
    per_mw_it = float(costs.site_inputs(scenario)["facility_capex_usd_per_mw_it"])
    by_id = {site.id: site for site in load_sites()}
    rows = []
    for site_id, loan_fact in NAMED_SITE_LOANS:
        site = by_id[site_id]
        facility_mw = sites.capacity_gw(site) * 1000.0
        it_mw = facility_mw / scenario.facility.pue
        loan = float(facts.value(loan_fact))
        model = it_mw * per_mw_it
        rows.append(
            {
                "site": site_id,
                "loan_fact": loan_fact,
                "facility_mw": facility_mw,
                "it_mw": it_mw,
                "loan_usd": loan,
                "model_facility_capex_usd": model,
                "loan_over_model": loan / model,
            }
        )
    return pd.DataFrame(rows)


def capex_at_facility_rate_usd(scenario: Scenario, usd_per_mw_it: float) -> float:
    """The programme's (fleet's) capex with facility capex at ``usd_per_mw_it`` per MW of IT, USD.

    Everything else as the scenario has it (:func:`stargate.model.costs.total_capex_usd`).
    """
    facility = scenario.facility.model_copy(update={"facility_capex_usd_per_mw_it": usd_per_mw_it})
    return costs.total_capex_usd(scenario.model_copy(update={"facility": facility}))


def fact_check_figures(scenario: Scenario) -> dict[str, float]:
    """Every number the fact-check sets the article's figures against (model and evidence).

    Returns (USD unless stated):
        ``h100_capex_usd_per_gpu`` (all-in, facility included), ``h100_facility_usd_per_gpu``;
        ``capex_low_usd_per_gpu`` (DGX server price per GPU + cheapest facility per MW) and
        ``capex_high_usd_per_gpu`` (all-in compute + Shackelford's facility cost: its cost
        per MW of facility power x PUE per MW of IT, :func:`shackelford_usd_per_mw_it`);
        ``revenue_low_usd_per_gpu`` (the H100's low price) and ``revenue_high_usd_per_gpu``
        (all-in compute per GPU); ``share_low`` (Bernstein's GPU share) and ``share_high``
        (NVIDIA's own hardware per GW ÷ total per GW), ``h100_accelerator_share`` (fractions);
        ``h100_cost_per_gpu_hour_usd`` and its grid ``…_low`` / ``…_high``;
        ``h100_running_cost_per_gpu_hour_usd`` (energy, maintenance, staff only);
        ``annual_cost_model_usd`` (the article's fleet of H100 at the model's cost, per year)
        and its grid ``…_low`` / ``…_high``; ``gb200_cost_per_gpu_hour_usd`` and its grid
        ``…_low`` / ``…_high``; ``cost_per_gpu_hour_usd_<gen>`` and
        ``cost_per_pflop_hour_usd_<gen>`` for :data:`NEWER_GENERATIONS`.
    """
    gpus = facts.value("claim_hopper_gpus")
    h100 = scenario.fleet.specs["H100"]
    site = costs.site_inputs(scenario)
    h100_mw = h100.it_power_w_per_gpu / 1e6
    h100_facility = costs.facility_capex_usd_per_gpu(scenario, h100)
    h100_capex = h100.it_capex_usd_per_gpu + h100_facility
    h100_cost, h100_low, h100_high = costs.generation_cost_range(scenario, "H100")
    gb200_cost, gb200_low, gb200_high = costs.generation_cost_range(scenario, "GB200")
    h100_parts = costs.compute_annual_cost_per_gpu_usd(**costs.spec_inputs(h100), **site)
    running = h100_parts["energy"] + h100_parts["maintenance"] + h100_parts["staff_other"]
    annual_low, annual_high = costs.annual_cost_range_usd(scenario, "H100", gpus)
    price_h100 = facts.get("price_h100")
    gens = costs.generation_table(scenario).set_index("generation")
    figures = {
        "h100_capex_usd_per_gpu": h100_capex,
        "h100_facility_usd_per_gpu": h100_facility,
        "capex_low_usd_per_gpu": facts.value("price_dgx_h100_per_gpu_derived")
        + h100_mw * float(facts.get("dc_cost_per_mw").low or 0.0),
        "capex_high_usd_per_gpu": facts.value("allin_h100_per_gpu")
        + h100_mw * shackelford_usd_per_mw_it(scenario),
        "revenue_low_usd_per_gpu": float(price_h100.low or price_h100.value),
        "revenue_high_usd_per_gpu": facts.value("allin_h100_per_gpu"),
        "share_low": facts.value("bernstein_gpu_share"),
        "share_high": facts.value("nvda_per_gw_hardware") / facts.value("nvda_per_gw_total"),
        "h100_accelerator_share": h100.accelerator_price_usd / h100_capex,
        "h100_cost_per_gpu_hour_usd": h100_cost,
        "h100_cost_per_gpu_hour_usd_low": h100_low,
        "h100_cost_per_gpu_hour_usd_high": h100_high,
        "h100_running_cost_per_gpu_hour_usd": float(
            running / (HOURS_PER_YEAR * site["utilization_rate"])
        ),
        "annual_cost_model_usd": h100_cost
        * gpus
        * HOURS_PER_YEAR
        * scenario.finance.utilization_rate,
        "annual_cost_model_usd_low": annual_low,
        "annual_cost_model_usd_high": annual_high,
        "gb200_cost_per_gpu_hour_usd": gb200_cost,
        "gb200_cost_per_gpu_hour_usd_low": gb200_low,
        "gb200_cost_per_gpu_hour_usd_high": gb200_high,
    }
    for g in NEWER_GENERATIONS:
        figures[f"cost_per_gpu_hour_usd_{g}"] = float(gens.loc[g, "cost_per_gpu_hour_usd"])
        figures[f"cost_per_pflop_hour_usd_{g}"] = float(gens.loc[g, "cost_per_pflop_hour_usd"])
    return figures


def _numeric_checks(
    scenario: Scenario, fig: dict[str, float]
) -> dict[str, tuple[float, float, float, float]]:
    """Check id → (article's figure, model's figure, range low, range high) for numeric checks."""
    art = article_arithmetic()
    h100_price = scenario.fleet.specs["H100"].accelerator_price_usd
    return {
        "capex_per_gpu": (
            art["capex_usd_per_gpu"],
            fig["h100_capex_usd_per_gpu"],
            fig["capex_low_usd_per_gpu"],
            fig["capex_high_usd_per_gpu"],
        ),
        "nvidia_revenue_per_gpu": (
            art["nvidia_revenue_usd_per_gpu"],
            h100_price,
            fig["revenue_low_usd_per_gpu"],
            fig["revenue_high_usd_per_gpu"],
        ),
        "nvidia_share_of_capex": (
            art["nvidia_share_of_capex"],
            fig["h100_accelerator_share"],
            fig["share_low"],
            fig["share_high"],
        ),
        "h100_cost_per_hour": (
            facts.value("claim_price_usd_per_gpu_hour"),
            fig["h100_cost_per_gpu_hour_usd"],
            fig["h100_cost_per_gpu_hour_usd_low"],
            fig["h100_cost_per_gpu_hour_usd_high"],
        ),
        "annual_cost": (
            art["annual_cost_usd"],
            fig["annual_cost_model_usd"],
            fig["annual_cost_model_usd_low"],
            fig["annual_cost_model_usd_high"],
        ),
        "gb200_cost_per_hour": (
            facts.value("claim_gb200_usd_per_gpu_hour"),
            fig["gb200_cost_per_gpu_hour_usd"],
            fig["gb200_cost_per_gpu_hour_usd_low"],
            fig["gb200_cost_per_gpu_hour_usd_high"],
        ),
    }


#: Checks whose figure the article calls an operating cost (running costs, not a full cost):
#: inside the full-cost range but above the running costs, the figure is ``partly_supported``.
NAMED_OPERATING_COST = frozenset({"h100_cost_per_hour"})


def fact_check_table(scenario: Scenario) -> pd.DataFrame:
    """The seed article's cost figures against the evidence and the model (see module rules).

    Records every cited fact as used, so the report's sources table lists them.

    Returns:
        One row per :func:`claim_checks` row, in order: ``check`` (id), ``verdict`` (a figure the
        article names an operating cost that lies in the full-cost range but above the running
        costs is ``partly_supported``: a full cost or rental price, not an operating cost),
        ``sources`` (comma-separated fact ids), and numeric ``article_number`` (the article's
        figure in the unit tested: USD per GPU, fraction, USD per GPU-hour, USD a year; the GPU
        count for ``gpu_count``), ``model_value``, ``range_low``, ``range_high`` (NaN where not
        applicable).
    """
    fig = fact_check_figures(scenario)
    numeric = _numeric_checks(scenario, fig)
    per_hour = [fig[f"cost_per_gpu_hour_usd_{g}"] for g in NEWER_GENERATIONS]
    rows = []
    for check in claim_checks():
        facts.record(check.fact_ids)
        number = model = low = high = np.nan
        if check.id in numeric:
            number, model, low, high = numeric[check.id]
            verdict: str = judge_claim(number, low, high)
            if check.id in NAMED_OPERATING_COST and verdict == "consistent":
                # The article names the figure an operating cost; above the running costs
                # alone it can only be a full cost or a rental price, so only that part holds.
                if number > fig["h100_running_cost_per_gpu_hour_usd"]:
                    verdict = "partly_supported"
        elif check.id == "newer_generations_dearer":
            rising = bool(np.all(np.diff(per_hour) > 0))
            verdict = "consistent" if rising else "inconsistent"
        elif check.verdict is not None:
            verdict = check.verdict
            if check.id == "gpu_count":
                number = facts.value("claim_hopper_gpus")
        else:
            raise ValueError(f"cost_claim_checks: no rule decides check {check.id!r}")
        rows.append(
            {
                "check": check.id,
                "verdict": verdict,
                "sources": ", ".join(check.fact_ids),
                "article_number": float(number),
                "model_value": float(model),
                "range_low": float(low),
                "range_high": float(high),
            }
        )
    return pd.DataFrame(rows)


def gb200_campus_per_gw(scenario: Scenario) -> dict[str, float]:
    """A GB200 campus of 1 GW of facility power, built from the scenario's GB200 spec and site.

    Independent of the scenario's fleet: GPUs per GW = 10⁹ W ÷ (all-in IT W per GPU × PUE); IT
    load = 1,000 MW ÷ PUE; capex and yearly costs as in :mod:`stargate.model.costs`, capital
    recovered with :func:`~stargate.model.finance.capital_recovery_factor`.

    Returns:
        ``gpus`` and ``racks`` (GPU, NVL72 racks of 72), ``facility_w_per_gpu`` and
        ``it_mw`` (W, MW); capex in USD: ``accelerators``, ``other_it``, ``it_equipment``,
        ``facility``, ``capex``, ``accelerator_share`` (fraction); yearly USD:
        ``it_capital``, ``facility_capital``, ``energy``, ``maintenance``, ``staff_other``,
        ``opex`` (the last three with energy) and ``annual_cost`` (all five).
    """
    spec = scenario.fleet.specs["GB200"]
    fac, fin = scenario.facility, scenario.finance
    facility_w_per_gpu = spec.it_power_w_per_gpu * fac.pue
    gpus = 1e9 / facility_w_per_gpu
    it_mw = 1e3 / fac.pue
    accelerators = gpus * spec.accelerator_price_usd
    other_it = gpus * spec.other_it_capex_usd_per_gpu
    facility = it_mw * fac.facility_capex_usd_per_mw_it
    capex = accelerators + other_it + facility
    rate = fin.cost_of_capital_rate
    yearly = {
        "it_capital": (accelerators + other_it)
        * capital_recovery_factor(rate, fin.it_lifetime_years),
        "facility_capital": facility * capital_recovery_factor(rate, fin.facility_lifetime_years),
        # 1 GW of facility power drawn in the hours the GPUs work.
        "energy": 1e3 * HOURS_PER_YEAR * fin.utilization_rate * fac.electricity_usd_per_mwh,
        "maintenance": capex * fin.maintenance_rate,
        "staff_other": capex * fin.staff_other_rate,
    }
    return {
        "gpus": gpus,
        "racks": gpus / facts.value("rack_gb200_nvl72_gpus"),
        "facility_w_per_gpu": facility_w_per_gpu,
        "it_mw": it_mw,
        "accelerators": accelerators,
        "other_it": other_it,
        "it_equipment": accelerators + other_it,
        "facility": facility,
        "capex": capex,
        "accelerator_share": accelerators / capex,
        **{k: float(v) for k, v in yearly.items()},
        "opex": float(yearly["energy"] + yearly["maintenance"] + yearly["staff_other"]),
        "annual_cost": float(sum(yearly.values())),
    }


def peer_figures(scenario: Scenario) -> dict[str, float]:
    """The published figures each peer check compares with, in the unit of its component.

    Bernstein (``bernstein_*``): $35bn per GW, split by its GB200 rack ($5.9m: $3.4m compute +
    $2.5m physical infrastructure) and its capex shares; ``bernstein_racks`` = $35bn ÷ $5.9m and
    ``bernstein_facility_w_per_gpu`` = 10⁹ W ÷ (racks × 72). NVIDIA (``nvidia_*``): Huang's
    ~$50bn per GW (its own range $50–60bn), of which ~$35bn NVIDIA hardware and ~$15bn other;
    NVIDIA's ~70 % of spend. Others: Altman's ">$40bn" per GW (``altman_capex``, a floor);
    Oracle's price to OpenAI per GW-year, $300bn ÷ 5 years ÷ 4.5 GW (``oracle_price_per_gw_year``);
    Nesov's at-cost estimate per GPU ($70k capex repaid over 3 years, plus 20 % for running
    costs) scaled to the campus's GPUs per GW (``nesov_annual``, ``nesov_opex``). USD, USD per
    year, fractions.
    """
    v = facts.value
    campus = gb200_campus_per_gw(scenario)
    bernstein = v("bernstein_per_gw")
    rack = v("bernstein_rack_gb200")
    nvidia_range = facts.get("nvda_per_gw_claim")
    nesov_repayment = v("gpu_gb200_atcost_est_capex") / v("gpu_gb200_atcost_est_years")
    nesov_opex = nesov_repayment * v("gpu_gb200_atcost_est_opex_share")
    bernstein_racks = bernstein / rack
    return {
        "bernstein_capex": bernstein,
        "bernstein_it_equipment": bernstein * v("bernstein_rack_compute") / rack,
        "bernstein_accelerators": bernstein * v("bernstein_gpu_share"),
        "bernstein_other_it": bernstein * v("bernstein_network_share"),
        "bernstein_facility": bernstein * v("bernstein_rack_physical") / rack,
        "bernstein_accelerator_share": v("bernstein_gpu_share"),
        "bernstein_racks": bernstein_racks,
        "bernstein_facility_w_per_gpu": 1e9 / (bernstein_racks * v("rack_gb200_nvl72_gpus")),
        "nvidia_capex": v("nvda_per_gw_total"),
        "nvidia_capex_low": float(nvidia_range.low or np.nan),
        "nvidia_capex_high": float(nvidia_range.high or np.nan),
        "nvidia_it_equipment": v("nvda_per_gw_hardware"),
        "nvidia_facility": v("nvda_per_gw_other"),
        "nvidia_accelerator_share": v("nvda_per_gw_share"),
        "altman_capex": v("openai_1p4tn_per_gw"),
        "oracle_price_per_gw_year": v("sg_oracle_300bn_per_year_derived")
        / facts.value("sg_oracle_4p5gw"),
        "nesov_annual": campus["gpus"] * (nesov_repayment + nesov_opex),
        "nesov_opex": campus["gpus"] * nesov_opex,
    }


def _peer_verdict(
    model: float, bernstein: float, nvidia: float, nvidia_range: tuple[float, float]
) -> PeerVerdict:
    """``agrees`` if every peer figure is within :data:`PEER_TOLERANCE`, else ``differs``.

    A model figure inside NVIDIA's own range counts as agreeing with NVIDIA.
    """
    close = []
    if np.isfinite(bernstein):
        close.append(abs(model / bernstein - 1) <= PEER_TOLERANCE)
    if np.isfinite(nvidia):
        low, high = nvidia_range
        inside = bool(np.isfinite(low) and low <= model <= high)
        close.append(inside or abs(model / nvidia - 1) <= PEER_TOLERANCE)
    return "agrees" if close and all(close) else "differs"


def _peers_differing(
    model: float, bernstein: float, nvidia: float, nvidia_range: tuple[float, float]
) -> tuple[str, ...]:
    """The peers (``Bernstein``, ``NVIDIA``) the model misses by more than the tolerance.

    The tolerance is :data:`PEER_TOLERANCE`; NVIDIA counts only when the model is also outside
    NVIDIA's own range. A ``differs`` verdict names these peers, the ones that decide it.
    """
    found = []
    if np.isfinite(bernstein) and abs(model / bernstein - 1) > PEER_TOLERANCE:
        found.append("Bernstein")
    if np.isfinite(nvidia):
        low, high = nvidia_range
        inside = bool(np.isfinite(low) and low <= model <= high)
        if not inside and abs(model / nvidia - 1) > PEER_TOLERANCE:
            found.append("NVIDIA")
    return tuple(found)


#: Checks whose "other published figure" is a floor (Altman's "more than $40bn" per GW).
_FLOOR_CHECKS = frozenset({"capex_per_gw"})


def peer_check_table(scenario: Scenario) -> pd.DataFrame:
    """A GB200 campus of 1 GW against published cost models, component by component.

    Each :func:`peer_checks` row compares one component of :func:`gb200_campus_per_gw` with
    Bernstein's model (peer 1), NVIDIA's figures (peer 2) and, where neither gives it, another
    published figure (:func:`peer_figures`). Records every cited fact as used.

    Verdicts: a row whose published figure fed or fixed a model input (``fitted_facts``) is
    ``fitted`` — not a test; the annual cost against Oracle's price to OpenAI is ``consistent``
    when the cost is at or below the price (a price includes the seller's margin), else
    ``inconsistent``; otherwise ``agrees`` when every peer figure given is within
    :data:`PEER_TOLERANCE` (or NVIDIA's own range), else ``differs`` (explained in the report).

    Returns:
        One row per check, in order: ``check`` (id), ``measure``, ``sources`` (fact ids),
        ``model_value``, ``bernstein_value``, ``nvidia_value`` (with ``nvidia_low`` /
        ``nvidia_high`` where NVIDIA gives a range), ``other_value``, the differences
        ``diff_bernstein``, ``diff_nvidia``, ``diff_other`` (model ÷ published − 1, fraction;
        NaN where there is no figure), ``other_is_floor`` (the other figure is a floor, "more
        than": read as above or below it, not as a difference), ``is_fitted``, ``verdict`` and
        ``differs_from`` (for ``differs``: the peers missed by more than the tolerance,
        ``("NVIDIA",)``; else empty).
        Amounts in USD per GW of facility power (capex) or USD per GW per year; shares as
        fractions.
    """
    campus = gb200_campus_per_gw(scenario)
    peer = peer_figures(scenario)
    nan = np.nan
    nvidia_range = (peer["nvidia_capex_low"], peer["nvidia_capex_high"])
    # check id -> (model, Bernstein, NVIDIA, NVIDIA's range, other published figure)
    measured: dict[str, tuple[float, float, float, tuple[float, float], float]] = {
        "capex_per_gw": (
            campus["capex"],
            peer["bernstein_capex"],
            peer["nvidia_capex"],
            nvidia_range,
            peer["altman_capex"],
        ),
        "it_equipment_per_gw": (
            campus["it_equipment"],
            peer["bernstein_it_equipment"],
            peer["nvidia_it_equipment"],
            (nan, nan),
            nan,
        ),
        "accelerators_per_gw": (
            campus["accelerators"],
            peer["bernstein_accelerators"],
            nan,
            (nan, nan),
            nan,
        ),
        "other_it_per_gw": (campus["other_it"], peer["bernstein_other_it"], nan, (nan, nan), nan),
        "facility_per_gw": (
            campus["facility"],
            peer["bernstein_facility"],
            peer["nvidia_facility"],
            (nan, nan),
            nan,
        ),
        "nvidia_share": (
            campus["accelerator_share"],
            peer["bernstein_accelerator_share"],
            peer["nvidia_accelerator_share"],
            (nan, nan),
            nan,
        ),
        "annual_cost_per_gw": (
            campus["annual_cost"],
            nan,
            nan,
            (nan, nan),
            peer["oracle_price_per_gw_year"],
        ),
        "annual_cost_per_gw_nesov": (
            campus["annual_cost"],
            nan,
            nan,
            (nan, nan),
            peer["nesov_annual"],
        ),
        "opex_per_gw": (campus["opex"], nan, nan, (nan, nan), peer["nesov_opex"]),
    }
    rows = []
    for check in peer_checks():
        facts.record(check.fact_ids)
        model, bernstein, nvidia, (low, high), other = measured[check.id]
        fitted = bool(check.fitted_facts)
        if fitted:
            verdict: PeerVerdict = "fitted"
        elif check.id == "annual_cost_per_gw":
            verdict = "consistent" if model <= other else "inconsistent"
        else:
            verdict = _peer_verdict(model, bernstein, nvidia, (low, high))
        rows.append(
            {
                "check": check.id,
                "measure": check.measure,
                "sources": ", ".join(check.fact_ids),
                "model_value": float(model),
                "bernstein_value": float(bernstein),
                "nvidia_value": float(nvidia),
                "nvidia_low": float(low),
                "nvidia_high": float(high),
                "other_value": float(other),
                "diff_bernstein": float(model / bernstein - 1),
                "diff_nvidia": float(model / nvidia - 1),
                "diff_other": float(model / other - 1),
                "other_is_floor": check.id in _FLOOR_CHECKS,
                "is_fitted": fitted,
                "verdict": verdict,
                "differs_from": (
                    _peers_differing(model, bernstein, nvidia, (low, high))
                    if verdict == "differs"
                    else ()
                ),
            }
        )
    return pd.DataFrame(rows)
