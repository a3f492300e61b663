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
from stargate.model import costs
from stargate.model.finance import HOURS_PER_YEAR
from stargate.scenario import Scenario
from stargate.tables import load_table

Verdict = Literal["consistent", "inconsistent", "unsourced"]

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
    """A row of ``data/tables/cost_peer_checks.yaml``: a measure and the published rows."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    measure: str
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


def fact_check_figures(scenario: Scenario) -> dict[str, float]:
    """Every number the fact-check sets the article's figures against (model and evidence).

    Returns (USD unless stated):
        ``h100_capex_usd_per_gpu`` (all-in, facility included), ``h100_facility_usd_per_gpu``;
        ``capex_low_usd_per_gpu`` (DGX server price per GPU + cheapest facility per MW) and
        ``capex_high_usd_per_gpu`` (all-in compute + Shackelford facility per MW);
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
        + h100_mw * facts.value("sg_shackelford_per_mw_derived"),
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


def fact_check_table(scenario: Scenario) -> pd.DataFrame:
    """The seed article's cost figures against the evidence and the model (see module rules).

    Records every cited fact as used, so the report's sources table lists them.

    Returns:
        One row per :func:`claim_checks` row, in order: ``check`` (id), ``verdict``,
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


def peer_check_table(scenario: Scenario) -> pd.DataFrame:
    """The model's per-GPU results for GB200 against published cost models of an AI campus.

    Returns:
        One row per :func:`peer_checks` row: ``check`` (id), ``measure`` (label), ``sources``
        (fact ids), ``model_value``; for a published range ``range_low``, ``range_high`` and
        ``verdict`` (``consistent`` inside it, else ``inconsistent``); for a single estimate
        ``peer_value`` and ``difference_vs_estimate`` (model ÷ estimate − 1, fraction), with
        ``verdict`` NaN. Capex per GW in USD per GW of facility power, the share as a fraction,
        operating costs in USD per GPU per year.
    """
    spec = scenario.fleet.specs["GB200"]
    gb = costs.generation_table(scenario).set_index("generation").loc["GB200"]
    parts = costs.compute_annual_cost_per_gpu_usd(
        **costs.spec_inputs(spec), **costs.site_inputs(scenario)
    )
    opex = float(parts["energy"] + parts["maintenance"] + parts["staff_other"])
    nesov_capex = facts.value("gpu_gb200_atcost_est_capex")
    nesov_years = facts.value("gpu_gb200_atcost_est_years")
    nesov_opex = facts.value("gpu_gb200_atcost_est_opex_share") * nesov_capex / nesov_years
    measured = {
        "capex_per_gw": (
            float(gb.capex_usd_per_gw_facility),
            facts.value("bernstein_per_gw"),
            float(facts.get("nvda_per_gw_claim").high or 0.0),
            np.nan,
        ),
        "nvidia_share": (
            spec.accelerator_price_usd / float(gb.capex_usd_per_gpu),
            facts.value("bernstein_gpu_share"),
            facts.value("nvda_per_gw_share"),
            np.nan,
        ),
        "opex_per_gpu": (opex, np.nan, np.nan, nesov_opex),
    }
    rows = []
    for check in peer_checks():
        facts.record(check.fact_ids)
        model, low, high, peer = measured[check.id]
        ranged = bool(np.isfinite(low))
        rows.append(
            {
                "check": check.id,
                "measure": check.measure,
                "sources": ", ".join(check.fact_ids),
                "model_value": model,
                "range_low": low,
                "range_high": high,
                "peer_value": peer,
                "verdict": judge_claim(model, low, high) if ranged else np.nan,
                "difference_vs_estimate": np.nan if ranged else model / peer - 1,
            }
        )
    return pd.DataFrame(rows)
