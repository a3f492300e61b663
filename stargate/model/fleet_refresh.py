"""The Stargate fleet as the venture model sees it: per-batch costs, and the hardware refresh wave.

Per-batch capex and running costs come from the cost model (:mod:`stargate.model.costs`). IT
equipment is replaced at the end of its life, counted from purchase, by the newest generation
in service, in the same power envelope (the refresh wave).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from stargate import facts
from stargate.model import costs, sites
from stargate.model.finance import HOURS_PER_YEAR
from stargate.model.openai_plan import YEARS
from stargate.scenario import Scenario

#: First year H100 was in service (the scenario's programme dates the newer generations).
H100_FIRST_YEAR = 2022


def generation_first_years(scenario: Scenario) -> dict[str, int]:
    """First year each generation is in service: H100, then the programme's dates."""
    return {"H100": H100_FIRST_YEAR, **scenario.programme.generation_first_year.as_dict()}


def choose_refresh_generation(
    year: int, current: str, first_years: dict[str, int] | None = None
) -> str:
    """The generation that replaces ``current`` in ``year``: the newest in service by then.

    Never an older one than ``current`` (order H100 < GB200 < GB300 < VR200). ``first_years``
    is :func:`generation_first_years` (default: the register's dates, as the base scenario).
    """
    if first_years is None:
        first_years = {
            "H100": H100_FIRST_YEAR,
            "GB200": int(facts.value("gen_gb200_first_year")),
            "GB300": int(facts.value("gen_gb300_first_year")),
            "VR200": int(facts.value("gen_vr200_first_year_derived")),
        }
    order = list(first_years)
    available = [g for g in order if first_years[g] <= year]
    newest = available[-1] if available else current
    return newest if order.index(newest) >= order.index(current) else current


def whole_years(years: np.ndarray) -> np.ndarray:
    """Round year counts to whole years, halves up (4.5 -> 5), as integers."""
    return np.floor(np.asarray(years, dtype=float) + 0.5).astype(int)


@dataclass(frozen=True)
class FleetArrays:
    """Per-batch figures of the Stargate fleet, from the cost model (arrays of shape (B,)).

    Attributes:
        generation: GPU generation of each batch.
        gpu_count: GPUs per batch.
        deploy_year: year each batch is bought (capex paid).
        accelerator_capex_usd, other_it_capex_usd, facility_capex_usd: capex as budgeted, USD.
        energy_usd_per_year_full_use: electricity per year at 100 % utilisation, USD.
        fixed_opex_usd_per_year: maintenance, staff and other per year, USD.
        refresh_accelerator_capex_usd, refresh_other_it_capex_usd: shape (B, R): IT capex of
            replacing each batch in year ``refresh_years[j]`` (power-equivalent count of the
            newest generation in service by then), USD.
        refresh_years: calendar years of the refresh columns (R,).
        facility_lifetime_years: economic life of the facility, years.
        contract_weight: (B,) what a contracted GPU-hour of each batch earns per USD of
            ``finance.price_usd_per_gpu_hour`` (its all-in IT power over that of
            ``finance.price_generation``: the contract buys capacity by the GW).
        market_usd_per_gpu_hour: (B,) market rent of a GPU-hour of each batch in
            ``market_rent_year`` (its dense FP8 PFLOPS x the market rent per PFLOP-hour), USD.
        refresh_market_usd_per_gpu_hour: (B, R) the same after the batch's IT is replaced in
            ``refresh_years[j]``, per GPU-hour of the batch as first installed (the new GPUs
            fill the same power: their PFLOPS over the old count), USD.
        contracted_share: share of every batch's hours sold under the contract
            (``finance.contracted_gw`` over the fleet's facility GW, at most 1).
        contract_years: years a contracted hour earns the contract price, from service start
            or ``contract_start_year``, whichever is later.
        contract_start_year: first calendar year of the contract; hours before it earn the
            market rent.
        openai_uncontracted_share: share of the hours outside the contract that OpenAI rents
            (``openai.uncontracted_hours_share``)
            (at the market rent); other customers pay for the rest.
        market_rent_year: calendar year of ``market_usd_per_gpu_hour``.
    """

    generation: tuple[str, ...]
    gpu_count: np.ndarray
    deploy_year: np.ndarray
    accelerator_capex_usd: np.ndarray
    other_it_capex_usd: np.ndarray
    facility_capex_usd: np.ndarray
    energy_usd_per_year_full_use: np.ndarray
    fixed_opex_usd_per_year: np.ndarray
    refresh_accelerator_capex_usd: np.ndarray
    refresh_other_it_capex_usd: np.ndarray
    refresh_years: np.ndarray
    facility_lifetime_years: float
    contract_weight: np.ndarray
    market_usd_per_gpu_hour: np.ndarray
    refresh_market_usd_per_gpu_hour: np.ndarray
    contracted_share: float
    contract_years: float
    market_rent_year: int
    contract_start_year: int = 0
    openai_uncontracted_share: float = 1.0

    @property
    def gpu_hours_per_year(self) -> np.ndarray:
        """GPU-hours each batch offers in a year at 100 % utilisation."""
        return self.gpu_count * HOURS_PER_YEAR


#: Calendar years a refresh may fall in (the ledger's years and the rest of a long IT life).
REFRESH_YEARS: tuple[int, ...] = tuple(range(YEARS[0], YEARS[-1] + 1))


def build_fleet_arrays(scenario: Scenario) -> FleetArrays:
    """Per-batch capex, running costs and refresh capex of the fleet, from the cost model."""
    per_batch = _batch_costs(scenario)
    specs = scenario.fleet.specs
    batches = sites.fleet_batches(scenario)
    first_years = generation_first_years(scenario)
    gens = tuple(b.generation for b in batches)
    counts = np.array([b.gpu_count for b in batches], dtype=float)
    ref_a = np.zeros((len(gens), len(REFRESH_YEARS)))
    ref_o = np.zeros_like(ref_a)
    ref_m = np.zeros_like(ref_a)
    fin = scenario.finance
    per_pflop = fin.market_rent_usd_per_pflop_hour
    for i, (gen, count) in enumerate(zip(gens, counts, strict=True)):
        old = specs[gen]
        for j, year in enumerate(REFRESH_YEARS):
            new_gen = choose_refresh_generation(year, gen, first_years)
            new = specs[new_gen]
            # Same power envelope: the building's megawatts are fixed, so a refresh installs as
            # many new GPUs as the old ones' IT power allows.
            ratio = old.it_power_w_per_gpu / new.it_power_w_per_gpu
            new_count = count * ratio
            ref_a[i, j] = new_count * new.accelerator_price_usd
            ref_o[i, j] = new_count * new.other_it_capex_usd_per_gpu
            ref_m[i, j] = ratio * new.compute_pflops_fp8_dense * per_pflop
    reference_w = specs[fin.price_generation].it_power_w_per_gpu
    return FleetArrays(
        generation=gens,
        gpu_count=counts,
        deploy_year=np.array([b.deploy_year for b in batches], dtype=int),
        accelerator_capex_usd=per_batch["accelerators"],
        other_it_capex_usd=per_batch["other_it"],
        facility_capex_usd=per_batch["facility"],
        energy_usd_per_year_full_use=per_batch["energy_full_use"],
        fixed_opex_usd_per_year=per_batch["fixed_opex"],
        refresh_accelerator_capex_usd=ref_a,
        refresh_other_it_capex_usd=ref_o,
        refresh_years=np.array(REFRESH_YEARS),
        facility_lifetime_years=float(fin.facility_lifetime_years),
        contract_weight=np.array([specs[g].it_power_w_per_gpu / reference_w for g in gens]),
        market_usd_per_gpu_hour=np.array(
            [specs[g].compute_pflops_fp8_dense * per_pflop for g in gens]
        ),
        refresh_market_usd_per_gpu_hour=ref_m,
        contracted_share=contracted_share(scenario),
        contract_years=float(fin.contract_years),
        market_rent_year=int(fin.market_rent_year),
        contract_start_year=int(fin.contract_start_year),
        openai_uncontracted_share=float(scenario.openai.uncontracted_hours_share),
    )


def contracted_share(scenario: Scenario) -> float:
    """Share of the fleet's GPU-hours sold under the contract: contracted GW / fleet GW, at most 1.

    The contract buys capacity by the GW (``finance.contracted_gw``: the Oracle contract's
    4.5 GW); the fleet's GW is its facility power (IT power x PUE), the same GW the programme
    states. Every batch carries the same share: the contract does not say which sites fill it.
    """
    gw = costs.power_summary(scenario)["power_facility_mw"] / 1000.0
    if gw <= 0:
        return 0.0
    return min(1.0, scenario.finance.contracted_gw / gw)


def _batch_costs(scenario: Scenario) -> dict[str, np.ndarray]:
    """Per-batch capex by component and running costs per year, from :mod:`stargate.model.costs`.

    Energy is given at 100 % utilisation (the model scales it with each draw's utilisation,
    as the cost model draws energy only in the hours the GPUs work); maintenance and staff &
    other are shares of capex as budgeted.
    """
    table = costs.fleet_table(scenario, with_overruns=False)
    site = costs.site_inputs(scenario, with_overruns=False)
    site["utilization_rate"] = 1.0
    per_gpu = costs.compute_annual_cost_per_gpu_usd(
        it_capex_usd_per_gpu=table["it_capex_usd_per_gpu"].to_numpy(dtype=float),
        it_power_w_per_gpu=table["it_power_w_per_gpu"].to_numpy(dtype=float),
        **site,
    )
    count = table["gpu_count"].to_numpy(dtype=float)
    return {
        "accelerators": count * table["accelerator_price_usd"].to_numpy(dtype=float),
        "other_it": count * table["other_it_capex_usd_per_gpu"].to_numpy(dtype=float),
        "facility": count * table["facility_capex_usd_per_gpu"].to_numpy(dtype=float),
        "energy_full_use": count * per_gpu["energy"],
        "fixed_opex": count * (per_gpu["maintenance"] + per_gpu["staff_other"]),
    }


# =========================================================================== hardware refresh


def compute_refresh_wave(scenario: Scenario, until_year: int = 2035) -> pd.DataFrame:
    """Each batch's IT replaced at the end of its life by the newest generation, to ``until_year``.

    A refresh keeps the building's power envelope: it installs as many GPUs of the new
    generation as the old ones' IT power allows (``old count x old W / new W``). The IT
    lifetime (the scenario's point value, rounded to whole years) counts from purchase: a
    delayed site does not slow the hardware's ageing.

    Returns:
        One row per refresh: ``batch`` (generation and deploy year), ``refresh_year``,
        ``old_generation``, ``new_generation``, ``old_gpu_count``, ``new_gpu_count``,
        ``refresh_capex_usd`` (with the point overruns), ``compute_before_pflops``,
        ``compute_after_pflops`` (dense BF16), ``in_funding_horizon`` (refresh by 2030).
    """
    specs = scenario.fleet.specs
    risk = scenario.risk
    life = int(max(1, whole_years(scenario.finance.it_lifetime_years)))
    first_years = generation_first_years(scenario)
    rows = []
    for batch in sites.fleet_batches(scenario):
        year = batch.deploy_year + life
        generation, count = batch.generation, float(batch.gpu_count)
        while year <= until_year:
            new_gen = choose_refresh_generation(year, generation, first_years)
            old, new = specs[generation], specs[new_gen]
            new_count = count * old.it_power_w_per_gpu / new.it_power_w_per_gpu
            capex = new_count * (
                new.accelerator_price_usd * (1.0 + risk.accelerator_overrun_rate)
                + new.other_it_capex_usd_per_gpu * (1.0 + risk.other_it_overrun_rate)
            )
            rows.append(
                {
                    "batch": f"{batch.generation} ({batch.deploy_year})",
                    "refresh_year": year,
                    "old_generation": generation,
                    "new_generation": new_gen,
                    "old_gpu_count": count,
                    "new_gpu_count": new_count,
                    "refresh_capex_usd": capex,
                    "compute_before_pflops": count * old.compute_pflops_bf16_dense,
                    "compute_after_pflops": new_count * new.compute_pflops_bf16_dense,
                    "in_funding_horizon": year <= YEARS[-1],
                }
            )
            generation, count = new_gen, new_count
            year += life
    return pd.DataFrame(rows)


def compute_capex_wave(scenario: Scenario, until_year: int = 2035) -> pd.DataFrame:
    """Capex by year and kind (initial build, IT refresh) and generation, to ``until_year``.

    Returns:
        Tidy: ``year``, ``kind`` (``Initial build`` / ``IT refresh``), ``generation``,
        ``capex_usd`` (with the scenario's point overruns).
    """
    rows = []
    # fleet_table's prices already carry the point overruns.
    for _, r in costs.fleet_table(scenario).iterrows():
        capex = r["gpu_count"] * r["capex_usd_per_gpu"]
        rows.append(
            {
                "year": int(r["deploy_year"]),
                "kind": "Initial build",
                "generation": r["generation"],
                "capex_usd": float(capex),
            }
        )
    for _, r in compute_refresh_wave(scenario, until_year).iterrows():
        rows.append(
            {
                "year": int(r["refresh_year"]),
                "kind": "IT refresh",
                "generation": r["new_generation"],
                "capex_usd": float(r["refresh_capex_usd"]),
            }
        )
    table = pd.DataFrame(rows, columns=["year", "kind", "generation", "capex_usd"])
    return table.groupby(["year", "kind", "generation"], as_index=False)["capex_usd"].sum()


def compute_generation_costs(scenario: Scenario) -> pd.DataFrame:
    """Cost per GPU-hour and per dense BF16 PFLOP-hour of each generation (cost model).

    Returns:
        ``generation``, ``first_year`` (first reported in service), ``cost_per_gpu_hour_usd``,
        ``cost_per_pflop_hour_usd``, ``cost_per_pflop_hour_vs_h100`` (ratio).
    """
    table = costs.generation_table(scenario)
    first_years = generation_first_years(scenario)
    table["first_year"] = [first_years[g] for g in table["generation"]]
    return table[
        [
            "generation",
            "first_year",
            "cost_per_gpu_hour_usd",
            "cost_per_pflop_hour_usd",
            "cost_per_pflop_hour_vs_h100",
        ]
    ]


def compute_rent_by_generation(scenario: Scenario) -> pd.DataFrame:
    """What a GPU-hour of each generation earns, under the contract and on the market.

    Returns:
        One row per generation (release order): ``generation``, ``first_year``,
        ``contract_usd_per_gpu_hour`` (the contract price x the GPU's IT power / that of
        ``finance.price_generation``: flat for the contract's term), ``market_usd_per_gpu_hour``
        (dense FP8 PFLOPS x the market rent per PFLOP-hour, in ``finance.market_rent_year``),
        ``market_first_year_usd_per_gpu_hour`` (the same moved by ``risk.price_change_rate``
        to the generation's first year in service), ``compute_pflops_fp8_dense``; the share of
        hours under the contract in ``attrs["contracted_share"]``.
    """
    fin = scenario.finance
    specs = scenario.fleet.specs
    first_years = generation_first_years(scenario)
    reference_w = specs[fin.price_generation].it_power_w_per_gpu
    change = scenario.risk.price_change_rate
    rows = []
    for generation, spec in specs.items():
        market = spec.compute_pflops_fp8_dense * fin.market_rent_usd_per_pflop_hour
        first = first_years[generation]
        rows.append(
            {
                "generation": generation,
                "first_year": first,
                "contract_usd_per_gpu_hour": fin.price_usd_per_gpu_hour
                * spec.it_power_w_per_gpu
                / reference_w,
                "market_usd_per_gpu_hour": market,
                "market_first_year_usd_per_gpu_hour": market
                * (1.0 + change) ** (first - fin.market_rent_year),
                "compute_pflops_fp8_dense": spec.compute_pflops_fp8_dense,
            }
        )
    table = pd.DataFrame(rows)
    table.attrs["contracted_share"] = contracted_share(scenario)
    return table
