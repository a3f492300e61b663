"""Cost structure: capex, power, opex, total cost of ownership, GPU generations, fact-check.

Everything here is a pure function of a validated :class:`~stargate.scenario.Scenario` (the
fleet, facility and finance groups of ``stargate/schema/compute.py``) and of the facts register,
built on lower-level functions over plain numbers or NumPy arrays
(:func:`capital_recovery_factor`, :func:`compute_annual_cost_per_gpu_usd`,
:func:`compute_cost_per_gpu_hour_usd`) that can be checked by hand and vectorised for sweeps.

The model in one paragraph. Each GPU costs its accelerator (what NVIDIA is paid) plus the rest of
the IT around it (servers, networking, storage); it draws an all-in IT power, and the facility
(buildings, power and cooling plant) costs a fixed amount per MW of that IT load. Capex is turned
into an equal yearly payment with the capital-recovery factor at the cost of capital, each asset
class over its own economic life (IT over a few years, the facility over much longer) — the
yearly cost of owning the assets, return on capital included, not straight-line depreciation.
Operating costs are energy (facility power = IT power × PUE, drawn in the hours the GPUs work),
maintenance and staff & other (shares of capex). Annual total cost of ownership (TCO) is the sum;
divided by the GPU-hours worked it gives the cost per GPU-hour, and divided by the dense BF16
PFLOPS of the GPU the cost per PFLOP-hour — the fair way to compare generations.

All amounts are nominal USD; power in W (per GPU) or MW (fleet); energy in MWh.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from stargate import facts
from stargate.model.finance import HOURS_PER_YEAR, capital_recovery_factor
from stargate.present.formatting import format_money, format_usd
from stargate.scenario import Scenario
from stargate.schema.common import FACT_KEY, fact_behind
from stargate.schema.compute import GENERATIONS, GpuSpec

#: Hours in a (non-leap) year: 365 × 24. The article's own arithmetic uses it.
#: IT lifetimes swept in the lifetime × utilisation grid (hyperscaler filings 5–6 y; critics
#: 2–3 y; the grid brackets both), years.
LIFETIME_GRID_YEARS: tuple[int, ...] = (3, 4, 5, 6, 7)
#: Utilisation rates swept in the lifetime × utilisation grid (fractions).
UTILIZATION_GRID: tuple[float, ...] = (0.5, 0.6, 0.7, 0.8, 0.9, 1.0)

#: Components of annual TCO, in the order the reports show them, with readers' labels.
TCO_COMPONENTS: dict[str, str] = {
    "it_capital": "IT capital",
    "facility_capital": "Facility capital",
    "energy": "Energy",
    "maintenance": "Maintenance",
    "staff_other": "Staff & other",
}
#: Components of capex with readers' labels.
CAPEX_COMPONENTS: dict[str, str] = {
    "accelerators": "Accelerators (NVIDIA)",
    "other_it": "Other IT",
    "facility": "Facility",
}

#: Scenario parameters (of ``facility`` and ``finance``) that the sweep functions can vary.
SWEEPABLE: dict[str, str] = {
    "facility_capex_usd_per_mw_it": "facility",
    "pue": "facility",
    "electricity_usd_per_mwh": "facility",
    "cost_of_capital_rate": "finance",
    "it_lifetime_years": "finance",
    "facility_lifetime_years": "finance",
    "utilization_rate": "finance",
    "maintenance_rate": "finance",
    "staff_other_rate": "finance",
}


# --------------------------------------------------------------------------- low level


def compute_annual_cost_per_gpu_usd(
    *,
    it_capex_usd_per_gpu: ArrayLike,
    it_power_w_per_gpu: ArrayLike,
    facility_capex_usd_per_mw_it: ArrayLike,
    pue: ArrayLike,
    electricity_usd_per_mwh: ArrayLike,
    cost_of_capital_rate: ArrayLike,
    it_lifetime_years: ArrayLike,
    facility_lifetime_years: ArrayLike,
    utilization_rate: ArrayLike,
    maintenance_rate: ArrayLike,
    staff_other_rate: ArrayLike,
) -> dict[str, np.ndarray]:
    """Yearly cost of owning and running one GPU, by component (NumPy-vectorised).

    Args:
        it_capex_usd_per_gpu: accelerator plus other IT capex per GPU, USD.
        it_power_w_per_gpu: all-in IT power per GPU, W.
        facility_capex_usd_per_mw_it: facility capex per MW of IT load, USD/MW.
        pue: power usage effectiveness (facility power / IT power), ratio ≥ 1.
        electricity_usd_per_mwh: delivered electricity price, USD/MWh.
        cost_of_capital_rate: cost of capital per year, fraction.
        it_lifetime_years: economic life of the IT capex, years.
        facility_lifetime_years: economic life of the facility capex, years.
        utilization_rate: share of the year's hours the GPU works, fraction; energy is drawn
            only in those hours (idle draw is ignored).
        maintenance_rate: maintenance per year as a share of capex (IT + facility), fraction.
        staff_other_rate: staff and other costs per year as a share of capex, fraction.

    Returns:
        Arrays (broadcast shape of the inputs) in USD per GPU per year, keyed as
        :data:`TCO_COMPONENTS`: ``it_capital`` = IT capex × CRF(r, IT life);
        ``facility_capital`` = facility capex per GPU × CRF(r, facility life);
        ``energy`` = IT MW × PUE × 8,760 h × utilisation × price; ``maintenance`` and
        ``staff_other`` = rate × capex per GPU.
    """
    it_capex = np.asarray(it_capex_usd_per_gpu, dtype=float)
    it_mw = np.asarray(it_power_w_per_gpu, dtype=float) / 1e6
    facility_capex = it_mw * np.asarray(facility_capex_usd_per_mw_it, dtype=float)
    capex = it_capex + facility_capex
    rate = np.asarray(cost_of_capital_rate, dtype=float)
    energy_mwh = (
        it_mw
        * np.asarray(pue, dtype=float)
        * HOURS_PER_YEAR
        * np.asarray(utilization_rate, dtype=float)
    )
    parts = {
        "it_capital": it_capex * capital_recovery_factor(rate, it_lifetime_years),
        "facility_capital": facility_capex * capital_recovery_factor(rate, facility_lifetime_years),
        "energy": energy_mwh * np.asarray(electricity_usd_per_mwh, dtype=float),
        "maintenance": capex * np.asarray(maintenance_rate, dtype=float),
        "staff_other": capex * np.asarray(staff_other_rate, dtype=float),
    }
    shape = np.broadcast_shapes(*(np.shape(v) for v in parts.values()))
    return {k: np.broadcast_to(np.asarray(v, dtype=float), shape) for k, v in parts.items()}


def compute_cost_per_gpu_hour_usd(**inputs: ArrayLike) -> Any:
    """Cost of one worked GPU-hour: yearly cost per GPU ÷ (8,760 h × utilisation).

    Args:
        **inputs: the keyword arguments of :func:`compute_annual_cost_per_gpu_usd`.

    Returns:
        USD per GPU-hour (a float for scalar inputs, else an array).
    """
    parts = compute_annual_cost_per_gpu_usd(**inputs)
    total = sum(parts.values())
    hours = HOURS_PER_YEAR * np.asarray(inputs["utilization_rate"], dtype=float)
    out = total / hours
    return float(out) if np.ndim(out) == 0 else out


def _site_inputs(scenario: Scenario) -> dict[str, float]:
    """The facility and finance inputs of the per-GPU functions, from the scenario."""
    return {
        name: float(getattr(getattr(scenario, group), name)) for name, group in SWEEPABLE.items()
    }


def _spec_inputs(spec: GpuSpec) -> dict[str, float]:
    return {
        "it_capex_usd_per_gpu": spec.it_capex_usd_per_gpu,
        "it_power_w_per_gpu": spec.it_power_w_per_gpu,
    }


# --------------------------------------------------------------------------- fleet


def fleet_table(scenario: Scenario) -> pd.DataFrame:
    """One row per GPU batch: per-GPU cost and power, and the batch's totals.

    Returns:
        Columns ``generation``, ``deploy_year``, ``gpu_count``; per GPU
        ``accelerator_price_usd``, ``other_it_capex_usd_per_gpu``, ``it_capex_usd_per_gpu``,
        ``facility_capex_usd_per_gpu`` (IT W ÷ 10⁶ × facility USD/MW), ``capex_usd_per_gpu``,
        ``chip_power_w``, ``it_power_w_per_gpu``, ``compute_pflops_bf16_dense``; per batch
        ``power_it_mw``, ``power_facility_mw`` (× PUE), ``capex_usd``.
    """
    fac = scenario.facility
    rows = []
    for batch in scenario.fleet.batches:
        spec = scenario.fleet.specs[batch.generation]
        facility_per_gpu = spec.it_power_w_per_gpu / 1e6 * fac.facility_capex_usd_per_mw_it
        per_gpu = spec.it_capex_usd_per_gpu + facility_per_gpu
        it_mw = batch.gpu_count * spec.it_power_w_per_gpu / 1e6
        rows.append(
            {
                "generation": batch.generation,
                "deploy_year": batch.deploy_year,
                "gpu_count": batch.gpu_count,
                "accelerator_price_usd": spec.accelerator_price_usd,
                "other_it_capex_usd_per_gpu": spec.other_it_capex_usd_per_gpu,
                "it_capex_usd_per_gpu": spec.it_capex_usd_per_gpu,
                "facility_capex_usd_per_gpu": facility_per_gpu,
                "capex_usd_per_gpu": per_gpu,
                "chip_power_w": spec.chip_power_w,
                "it_power_w_per_gpu": spec.it_power_w_per_gpu,
                "compute_pflops_bf16_dense": spec.compute_pflops_bf16_dense,
                "power_it_mw": it_mw,
                "power_facility_mw": it_mw * fac.pue,
                "capex_usd": batch.gpu_count * per_gpu,
            }
        )
    return pd.DataFrame(rows)


def power_summary(scenario: Scenario) -> dict[str, float]:
    """Power and energy of the whole fleet.

    Returns:
        ``power_it_mw`` (Σ GPUs × IT W), ``power_facility_mw`` (× PUE),
        ``energy_mwh_per_year`` (facility MW × 8,760 h × utilisation) and
        ``energy_usd_per_year`` (× electricity price).
    """
    table = fleet_table(scenario)
    it_mw = float(table["power_it_mw"].sum())
    facility_mw = it_mw * scenario.facility.pue
    mwh = facility_mw * HOURS_PER_YEAR * scenario.finance.utilization_rate
    return {
        "power_it_mw": it_mw,
        "power_facility_mw": facility_mw,
        "energy_mwh_per_year": mwh,
        "energy_usd_per_year": mwh * scenario.facility.electricity_usd_per_mwh,
    }


def capex_breakdown_usd(scenario: Scenario) -> dict[str, float]:
    """Capex of the fleet by component.

    Returns:
        USD under ``accelerators`` (Σ GPUs × accelerator price), ``other_it`` (Σ GPUs × other
        IT per GPU) and ``facility`` (IT MW × facility capex per MW).
    """
    table = fleet_table(scenario)
    return {
        "accelerators": float((table["gpu_count"] * table["accelerator_price_usd"]).sum()),
        "other_it": float((table["gpu_count"] * table["other_it_capex_usd_per_gpu"]).sum()),
        "facility": float(
            table["power_it_mw"].sum() * scenario.facility.facility_capex_usd_per_mw_it
        ),
    }


def total_capex_usd(scenario: Scenario) -> float:
    """Capex of the whole fleet (accelerators + other IT + facility), USD."""
    return float(sum(capex_breakdown_usd(scenario).values()))


def capex_usd_by_year(scenario: Scenario) -> dict[int, float]:
    """Capex by deployment year (each batch's IT and facility paid in its deploy year), USD."""
    table = fleet_table(scenario)
    by_year = table.groupby("deploy_year")["capex_usd"].sum()
    return {int(year): float(usd) for year, usd in by_year.items()}


def nvidia_share_of_capex(scenario: Scenario) -> float:
    """Share of the fleet's capex paid for NVIDIA accelerators (fraction 0–1).

    The accelerator line is the GPU for H100 and the GPU's share of the NVL72 rack (GPU, Grace
    CPU, NVLink) for rack-scale generations. NVIDIA also sells networking that sits in "other
    IT", so this is a floor on NVIDIA's take; IT capex as a whole is its ceiling.
    """
    parts = capex_breakdown_usd(scenario)
    return parts["accelerators"] / sum(parts.values())


def _fleet_parts_usd(scenario: Scenario, **overrides: ArrayLike) -> dict[str, np.ndarray]:
    """Annual TCO components of the whole fleet, with facility/finance inputs overridden.

    Overrides broadcast against each other; the results have their broadcast shape.
    """
    unknown = sorted(set(overrides) - set(SWEEPABLE))
    if unknown:
        raise ValueError(f"cannot sweep {unknown} (known: {', '.join(SWEEPABLE)})")
    site: dict[str, Any] = _site_inputs(scenario)
    site.update({k: np.asarray(v, dtype=float) for k, v in overrides.items()})
    shape = np.broadcast_shapes(*(np.shape(v) for v in site.values()))
    table = fleet_table(scenario)

    def column(name: str) -> np.ndarray:
        # Batches along a new first axis, so they broadcast against the swept inputs.
        return table[name].to_numpy(dtype=float).reshape((-1,) + (1,) * len(shape))

    per_gpu = compute_annual_cost_per_gpu_usd(
        it_capex_usd_per_gpu=column("it_capex_usd_per_gpu"),
        it_power_w_per_gpu=column("it_power_w_per_gpu"),
        **site,
    )
    counts = column("gpu_count")
    return {k: (counts * v).sum(axis=0) for k, v in per_gpu.items()}


def annual_tco_breakdown_usd(scenario: Scenario) -> dict[str, float]:
    """Annual total cost of ownership of the fleet by component, USD per year.

    Returns:
        Keys as :data:`TCO_COMPONENTS`: ``it_capital``, ``facility_capital`` (capital
        recovery), ``energy``, ``maintenance``, ``staff_other`` (operating costs).
    """
    return {k: float(v) for k, v in _fleet_parts_usd(scenario).items()}


def annual_capital_charge_usd(scenario: Scenario) -> dict[str, float]:
    """Yearly capital recovery of the fleet: ``it`` and ``facility`` (capex × CRF), USD/year."""
    parts = annual_tco_breakdown_usd(scenario)
    return {"it": parts["it_capital"], "facility": parts["facility_capital"]}


def annual_opex_usd(scenario: Scenario) -> dict[str, float]:
    """Operating costs of the fleet per year: ``energy``, ``maintenance``, ``staff_other``, USD."""
    parts = annual_tco_breakdown_usd(scenario)
    return {k: parts[k] for k in ("energy", "maintenance", "staff_other")}


def annual_tco_usd(scenario: Scenario) -> float:
    """Annual total cost of ownership (capital recovery + operating costs), USD per year."""
    return float(sum(annual_tco_breakdown_usd(scenario).values()))


def tco_per_mw_it_usd(scenario: Scenario) -> float:
    """Annual TCO per MW of IT load, USD per MW-year."""
    return annual_tco_usd(scenario) / power_summary(scenario)["power_it_mw"]


def gpu_hours_per_year(scenario: Scenario) -> float:
    """GPU-hours the fleet works in a year: GPUs × 8,760 h × utilisation."""
    return scenario.fleet.gpu_count * HOURS_PER_YEAR * scenario.finance.utilization_rate


def cost_per_gpu_hour_usd(scenario: Scenario) -> float:
    """Cost of one worked GPU-hour across the fleet: annual TCO ÷ GPU-hours worked, USD."""
    return annual_tco_usd(scenario) / gpu_hours_per_year(scenario)


def cost_per_gpu_hour_breakdown_usd(scenario: Scenario) -> dict[str, float]:
    """Cost per worked GPU-hour by TCO component (keys as :data:`TCO_COMPONENTS`), USD."""
    hours = gpu_hours_per_year(scenario)
    return {k: v / hours for k, v in annual_tco_breakdown_usd(scenario).items()}


def cost_per_pflop_hour_usd(scenario: Scenario) -> float:
    """Cost of one dense BF16 PFLOP-hour across the fleet: TCO ÷ (Σ GPUs × PFLOPS × hours)."""
    table = fleet_table(scenario)
    pflops = float((table["gpu_count"] * table["compute_pflops_bf16_dense"]).sum())
    hours = HOURS_PER_YEAR * scenario.finance.utilization_rate
    return annual_tco_usd(scenario) / (pflops * hours)


def sweep_cost_per_gpu_hour_usd(scenario: Scenario, **overrides: ArrayLike) -> Any:
    """Fleet cost per worked GPU-hour with facility/finance inputs set to arrays (vectorised).

    Args:
        scenario: the scenario; the fleet and every input not overridden come from it.
        **overrides: any of :data:`SWEEPABLE` as scalars or arrays that broadcast together,
            e.g. ``it_lifetime_years=[[3], [5]], utilization_rate=[0.5, 1.0]``.

    Returns:
        USD per GPU-hour, in the broadcast shape of the overrides (a float if all scalar).
    """
    parts = _fleet_parts_usd(scenario, **overrides)
    utilization = np.asarray(
        overrides.get("utilization_rate", scenario.finance.utilization_rate), dtype=float
    )
    out = sum(parts.values()) / (scenario.fleet.gpu_count * HOURS_PER_YEAR * utilization)
    return float(out) if np.ndim(out) == 0 else out


# --------------------------------------------------------------------------- generations


def _figure_origin(spec: GpuSpec, field: str) -> str:
    """'evidence', 'derived', 'assumption' or 'claim' for a default; 'scenario' if changed."""
    fact_id = fact_behind(spec, field)
    return facts.get(fact_id).kind if fact_id else "scenario"


def generation_table(scenario: Scenario) -> pd.DataFrame:
    """Each NVIDIA generation's cost per GPU-hour and per dense BF16 PFLOP-hour.

    Every generation is priced with the scenario's facility and finance inputs (same PUE,
    electricity, cost of capital, lifetimes, utilisation), so only the GPU differs.

    Returns:
        One row per generation (release order): per-GPU ``accelerator_price_usd``,
        ``it_capex_usd_per_gpu``, ``capex_usd_per_gpu`` (incl. facility), ``chip_power_w``,
        ``it_power_w_per_gpu``, ``compute_pflops_bf16_dense``; ``cost_per_gpu_hour_usd``,
        ``cost_per_pflop_hour_usd``; both relative to H100 (``*_vs_h100``, ratio);
        ``capex_usd_per_gw_facility`` (capex per GW of facility power); and ``derived_figures``
        naming the figures that are derived (no direct source) rather than evidence.
    """
    site = _site_inputs(scenario)
    rows = []
    for generation, spec in scenario.fleet.specs.items():
        cost_hour = compute_cost_per_gpu_hour_usd(**_spec_inputs(spec), **site)
        facility_per_gpu = spec.it_power_w_per_gpu / 1e6 * site["facility_capex_usd_per_mw_it"]
        capex_per_gpu = spec.it_capex_usd_per_gpu + facility_per_gpu
        derived = [
            label
            for field, label in (
                ("accelerator_price_usd", "price"),
                ("other_it_capex_usd_per_gpu", "other IT"),
                ("chip_power_w", "chip power"),
                ("it_power_w_per_gpu", "IT power"),
                ("compute_pflops_bf16_dense", "BF16 compute"),
            )
            if _figure_origin(spec, field) in ("derived", "assumption")
        ]
        rows.append(
            {
                "generation": generation,
                "accelerator_price_usd": spec.accelerator_price_usd,
                "it_capex_usd_per_gpu": spec.it_capex_usd_per_gpu,
                "capex_usd_per_gpu": capex_per_gpu,
                "chip_power_w": spec.chip_power_w,
                "it_power_w_per_gpu": spec.it_power_w_per_gpu,
                "compute_pflops_bf16_dense": spec.compute_pflops_bf16_dense,
                "cost_per_gpu_hour_usd": cost_hour,
                "cost_per_pflop_hour_usd": cost_hour / spec.compute_pflops_bf16_dense,
                "capex_usd_per_gw_facility": capex_per_gpu
                / (spec.it_power_w_per_gpu * scenario.facility.pue / 1e9),
                "derived_figures": ", ".join(derived),
            }
        )
    table = pd.DataFrame(rows)
    h100 = table.set_index("generation").loc["H100"]
    table["cost_per_gpu_hour_vs_h100"] = table["cost_per_gpu_hour_usd"] / h100.cost_per_gpu_hour_usd
    table["cost_per_pflop_hour_vs_h100"] = (
        table["cost_per_pflop_hour_usd"] / h100.cost_per_pflop_hour_usd
    )
    return table


def _generation_cost_range(scenario: Scenario, generation: str) -> tuple[float, float, float]:
    """A generation's cost per GPU-hour: (scenario value, min, max over the sensitivity grid)."""
    site = _site_inputs(scenario)
    spec_inputs = _spec_inputs(scenario.fleet.specs[generation])
    point = compute_cost_per_gpu_hour_usd(**spec_inputs, **site)
    site.update(
        it_lifetime_years=np.asarray(LIFETIME_GRID_YEARS, dtype=float)[:, None],
        utilization_rate=np.asarray(UTILIZATION_GRID, dtype=float)[None, :],
    )
    grid = compute_cost_per_gpu_hour_usd(**spec_inputs, **site)
    return float(point), float(np.min(grid)), float(np.max(grid))


# --------------------------------------------------------------------------- sensitivity


def lifetime_utilization_grid(scenario: Scenario) -> pd.DataFrame:
    """Fleet cost per GPU-hour over IT lifetime × utilisation (the report's heatmap).

    Returns:
        Long table: ``it_lifetime_years``, ``utilization_rate``, ``cost_per_gpu_hour_usd``, and
        labels ``it_lifetime`` ("5 years") and ``utilization`` ("80 %") for charts.
    """
    years = np.asarray(LIFETIME_GRID_YEARS, dtype=float)
    util = np.asarray(UTILIZATION_GRID, dtype=float)
    grid = sweep_cost_per_gpu_hour_usd(
        scenario, it_lifetime_years=years[:, None], utilization_rate=util[None, :]
    )
    rows = [
        {
            "it_lifetime_years": float(y),
            "utilization_rate": float(u),
            "cost_per_gpu_hour_usd": float(grid[i, j]),
            "it_lifetime": f"{y:g} years",
            "utilization": f"{u:.0%}",
        }
        for i, y in enumerate(years)
        for j, u in enumerate(util)
    ]
    return pd.DataFrame(rows)


#: Electricity prices the report sweeps: every price in the register for the Stargate states,
#: the US and ERCOT (fact ids, with readers' labels).
ELECTRICITY_PRICE_FACTS: dict[str, str] = {
    "elec_ercot_da_2024": "ERCOT North hub day-ahead 2024 (wholesale)",
    "elec_ercot_rt_2024": "ERCOT real-time 2024 (wholesale)",
    "elec_ercot_da_2023": "ERCOT North hub day-ahead 2023 (wholesale)",
    "elec_nm_industrial": "New Mexico industrial 2023",
    "elec_tx_industrial": "Texas industrial 2023",
    "elec_oh_industrial": "Ohio industrial 2023",
    "elec_us_industrial": "US industrial 2023",
    "elec_mi_industrial": "Michigan industrial 2023",
    "elec_wi_industrial": "Wisconsin industrial 2023",
}


def electricity_sweep(scenario: Scenario) -> pd.DataFrame:
    """Fleet cost per GPU-hour at each sourced electricity price (:data:`ELECTRICITY_PRICE_FACTS`).

    Returns:
        Rows sorted by price: ``price``, ``fact_id``, ``electricity_usd_per_mwh``,
        ``cost_per_gpu_hour_usd``, ``energy_share`` (energy's share of annual TCO).
    """
    prices = np.asarray([facts.value(f) for f in ELECTRICITY_PRICE_FACTS], dtype=float)
    cost = sweep_cost_per_gpu_hour_usd(scenario, electricity_usd_per_mwh=prices)
    parts = _fleet_parts_usd(scenario, electricity_usd_per_mwh=prices)
    share = parts["energy"] / sum(parts.values())
    table = pd.DataFrame(
        {
            "price": list(ELECTRICITY_PRICE_FACTS.values()),
            "fact_id": list(ELECTRICITY_PRICE_FACTS),
            "electricity_usd_per_mwh": prices,
            "cost_per_gpu_hour_usd": cost,
            "energy_share": share,
        }
    )
    return table.sort_values("electricity_usd_per_mwh", kind="stable").reset_index(drop=True)


def cost_of_capital_sweep(scenario: Scenario) -> pd.DataFrame:
    """Fleet cost per GPU-hour across the cost-of-capital range, for three IT lifetimes.

    The rates run in steps of one percentage point over the range of the
    ``as_cost_of_capital_rate`` assumption; the lifetimes are the 2020 hyperscaler server life
    (``dep_2020``), the scenario's, and Microsoft's and Alphabet's six years (``dep_msft``).

    Returns:
        Long table: ``cost_of_capital_rate``, ``cost_of_capital_pct`` (for axes),
        ``it_lifetime_years``, ``it_lifetime`` (label), ``cost_per_gpu_hour_usd``.
    """
    row = facts.get("as_cost_of_capital_rate")
    assert row.low is not None and row.high is not None
    steps = int(round((row.high - row.low) / 0.01))
    rates = np.round(row.low + 0.01 * np.arange(steps + 1), 4)
    lives = sorted(
        {facts.value("dep_2020"), scenario.finance.it_lifetime_years, facts.value("dep_msft")}
    )
    grid = sweep_cost_per_gpu_hour_usd(
        scenario,
        cost_of_capital_rate=rates[None, :],
        it_lifetime_years=np.asarray(lives, dtype=float)[:, None],
    )
    rows = [
        {
            "cost_of_capital_rate": float(r),
            "cost_of_capital_pct": round(float(r) * 100, 2),
            "it_lifetime_years": float(life),
            "it_lifetime": f"IT life {life:g} years",
            "cost_per_gpu_hour_usd": float(grid[i, j]),
        }
        for i, life in enumerate(lives)
        for j, r in enumerate(rates)
    ]
    return pd.DataFrame(rows)


#: One-at-a-time swings of the tornado chart: (label, group, field, low, high); low / high name
#: a fact and which of its figures to take ("value", "low" or "high").
TORNADO_INPUTS: tuple[tuple[str, str, str, tuple[str, str], tuple[str, str]], ...] = (
    (
        "Cost of capital",
        "finance",
        "cost_of_capital_rate",
        ("as_cost_of_capital_rate", "low"),
        ("as_cost_of_capital_rate", "high"),
    ),
    (
        "Utilisation",
        "finance",
        "utilization_rate",
        ("as_utilization_rate", "low"),
        ("as_utilization_rate", "high"),
    ),
    ("IT lifetime", "finance", "it_lifetime_years", ("dep_2020", "value"), ("dep_msft", "value")),
    (
        "Facility lifetime",
        "finance",
        "facility_lifetime_years",
        ("as_facility_lifetime_years", "low"),
        ("as_facility_lifetime_years", "high"),
    ),
    (
        "Maintenance",
        "finance",
        "maintenance_rate",
        ("as_maintenance_rate", "low"),
        ("as_maintenance_rate", "high"),
    ),
    (
        "Staff and other",
        "finance",
        "staff_other_rate",
        ("as_staff_other_rate", "low"),
        ("as_staff_other_rate", "high"),
    ),
    (
        "Electricity price",
        "facility",
        "electricity_usd_per_mwh",
        ("elec_ercot_da_2024", "value"),
        ("elec_wi_industrial", "value"),
    ),
    ("PUE", "facility", "pue", ("pue_google", "value"), ("pue_uptime_2024", "value")),
    (
        "Facility capex per MW",
        "facility",
        "facility_capex_usd_per_mw_it",
        ("dc_cost_per_mw", "low"),
        ("sg_shackelford_per_mw_derived", "value"),
    ),
)

#: Per-GPU figures whose sourced range the tornado also swings, for each generation in the fleet.
TORNADO_SPEC_FIELDS: dict[str, str] = {
    "accelerator_price_usd": "GPU price",
    "other_it_capex_usd_per_gpu": "Other IT per GPU",
}


def _fact_figure(ref: tuple[str, str]) -> float:
    fact = facts.get(ref[0])
    figure = getattr(fact, ref[1])
    if not isinstance(figure, float):
        raise TypeError(f"fact {ref[0]!r} has no numeric {ref[1]}")
    return figure


def _format_input(field: str, value: float, scenario: Scenario) -> str:
    if field.endswith("_rate"):
        return f"{value:.1%}" if value < 0.1 else f"{value:.0%}"
    if field.endswith("_years"):
        return f"{value:g} years"
    if field == "pue":
        return f"PUE {value:.2f}"
    if field == "electricity_usd_per_mwh":
        return f"{format_money(value, scenario.display)}/MWh"
    if field == "facility_capex_usd_per_mw_it":
        return f"{format_money(value, scenario.display)}/MW"
    return format_money(value, scenario.display)


def _replace_spec(scenario: Scenario, generation: str, field: str, value: float) -> Scenario:
    specs = scenario.fleet.specs
    spec = specs[generation].model_copy(update={field: value})
    fleet = scenario.fleet.model_copy(update={"specs": specs.model_copy(update={generation: spec})})
    return scenario.model_copy(update={"fleet": fleet})


def tornado_table(scenario: Scenario) -> pd.DataFrame:
    """One-at-a-time swings of the fleet's cost per GPU-hour (the report's tornado chart).

    Each input goes to the low and to the high figure named in :data:`TORNADO_INPUTS` (a sourced
    fact or the range of an assumption row) while every other input stays at the scenario's
    value; for each generation in the fleet, its GPU price and other-IT figures swing over
    their sourced range where the register gives one.

    Returns:
        Columns ``factor``, ``low_input``, ``high_input`` (labels), ``low_value``,
        ``high_value`` (the inputs), ``cost_at_low_usd``, ``cost_at_high_usd`` (USD per
        GPU-hour), ``swing_usd`` (absolute difference), ``fact_ids``; widest swing first.
    """
    rows = []
    for label, _group, field, low_ref, high_ref in TORNADO_INPUTS:
        low, high = _fact_figure(low_ref), _fact_figure(high_ref)
        costs = sweep_cost_per_gpu_hour_usd(scenario, **{field: np.asarray([low, high])})
        rows.append(
            {
                "factor": label,
                "low_input": _format_input(field, low, scenario),
                "high_input": _format_input(field, high, scenario),
                "low_value": low,
                "high_value": high,
                "cost_at_low_usd": float(costs[0]),
                "cost_at_high_usd": float(costs[1]),
                "fact_ids": ", ".join(dict.fromkeys((low_ref[0], high_ref[0]))),
            }
        )
    for generation in scenario.fleet.generations():
        spec = scenario.fleet.specs[generation]
        for field, label in TORNADO_SPEC_FIELDS.items():
            extra = type(spec).model_fields[field].json_schema_extra
            fact_id = extra.get(FACT_KEY) if isinstance(extra, dict) else None
            if not fact_id or not facts.get(str(fact_id)).is_range:
                continue
            fact = facts.get(str(fact_id))
            assert fact.low is not None and fact.high is not None
            costs = [
                cost_per_gpu_hour_usd(_replace_spec(scenario, generation, field, v))
                for v in (fact.low, fact.high)
            ]
            rows.append(
                {
                    "factor": f"{label} ({generation})",
                    "low_input": format_money(fact.low, scenario.display),
                    "high_input": format_money(fact.high, scenario.display),
                    "low_value": fact.low,
                    "high_value": fact.high,
                    "cost_at_low_usd": costs[0],
                    "cost_at_high_usd": costs[1],
                    "fact_ids": str(fact_id),
                }
            )
    table = pd.DataFrame(rows)
    table["swing_usd"] = (table["cost_at_high_usd"] - table["cost_at_low_usd"]).abs()
    return table.sort_values("swing_usd", ascending=False, kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------- fact-check


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


def judge_claim(value: float, low: float, high: float) -> str:
    """Verdict on a numeric claim: ``consistent`` inside [low, high], else ``inconsistent``."""
    if low > high:
        raise ValueError(f"empty range [{low}, {high}]")
    return "consistent" if low <= value <= high else "inconsistent"


def fact_check_table(scenario: Scenario) -> pd.DataFrame:
    """The seed article's cost figures against the evidence and the model.

    Rules: a figure no source gives and nothing can test is ``unsourced``; a numeric figure is
    ``consistent`` when it lies inside the range the evidence or the model allows (stated in
    each row) and ``inconsistent`` otherwise. Model ranges are the span of the H100 (or GB200)
    cost over the sensitivity grid (:data:`LIFETIME_GRID_YEARS` × :data:`UTILIZATION_GRID`) at
    the scenario's other inputs. The article's fleet is always its own (700,000 H100) here,
    whatever the scenario's fleet, so the test is of the article's arithmetic.

    Returns:
        Columns ``claim``, ``article_value`` (text), ``evidence`` (text), ``verdict``,
        ``sources`` (fact ids), and numeric ``article_number``, ``model_value``, ``range_low``,
        ``range_high`` (NaN where not applicable).
    """
    d = scenario.display
    art = article_arithmetic()
    gpus = facts.value("claim_hopper_gpus")
    capex_claim = facts.value("claim_capex_usd")
    nvidia_claim = facts.value("claim_nvidia_revenue_usd")
    price_claim = facts.value("claim_price_usd_per_gpu_hour")
    h100 = scenario.fleet.specs["H100"]
    site = _site_inputs(scenario)
    h100_facility = h100.it_power_w_per_gpu / 1e6 * site["facility_capex_usd_per_mw_it"]
    h100_capex = h100.it_capex_usd_per_gpu + h100_facility
    h100_cost, h100_low, h100_high = _generation_cost_range(scenario, "H100")
    gb200_cost, gb200_low, gb200_high = _generation_cost_range(scenario, "GB200")
    grid = (
        f"IT life {LIFETIME_GRID_YEARS[0]}–{LIFETIME_GRID_YEARS[-1]} years × utilisation "
        f"{UTILIZATION_GRID[0]:.0%}–{UTILIZATION_GRID[-1]:.0%}"
    )
    rows: list[dict[str, Any]] = []

    def money(amount_usd: float) -> str:
        return format_money(amount_usd, d)

    def usd(amount_usd: float) -> str:
        # The article's own figures are quoted as it gives them, in dollars.
        return format_usd(amount_usd, digits=None if amount_usd < 1e9 else 1)

    def add(
        claim: str,
        shown: str,
        evidence: str,
        verdict: str,
        sources: tuple[str, ...],
        number: float = np.nan,
        model: float = np.nan,
        lo: float = np.nan,
        hi: float = np.nan,
    ) -> None:
        facts.record(sources)
        rows.append(
            {
                "claim": claim,
                "article_value": shown,
                "evidence": evidence,
                "verdict": verdict,
                "sources": ", ".join(sources),
                "article_number": float(number),
                "model_value": float(model),
                "range_low": float(lo),
                "range_high": float(hi),
            }
        )

    add(
        f"NVIDIA supplies {gpus:,.0f} GPUs to Stargate",
        f"{gpus:,.0f} GPUs",
        "No source ties a count of 700,000 GPUs to Stargate. Reported figures are "
        f"{facts.value('abilene_gpus_committed_2026'):,.0f} GB200 planned at Abilene by end-2026, "
        f"with space for {facts.value('abilene_gpus_max'):,.0f} chips if the campus is filled.",
        "unsourced",
        ("claim_hopper_gpus", "abilene_gpus_committed_2026", "abilene_gpus_max"),
        number=gpus,
    )
    add(
        "The GPUs are Hopper (H100)",
        "Hopper",
        "The hardware reported for Stargate and OpenAI is Blackwell and later: Oracle began "
        "delivering GB200 racks to Abilene in June 2025, OpenAI's AWS deal names GB200/GB300, and "
        "NVIDIA's first GW for OpenAI is to be Vera Rubin. The report prices H100 only to test the "
        "article's own arithmetic.",
        "inconsistent",
        ("claim_hopper_gpus", "abilene_timeline", "aws_38bn", "nvda_loi_gw"),
    )
    lo = facts.value("price_dgx_h100_per_gpu_derived") + h100.it_power_w_per_gpu / 1e6 * float(
        facts.get("dc_cost_per_mw").low or 0.0
    )
    hi = facts.value("allin_h100_per_gpu") + h100.it_power_w_per_gpu / 1e6 * facts.value(
        "sg_shackelford_per_mw_derived"
    )
    add(
        f"Capex of {usd(capex_claim)} for the {gpus:,.0f} GPUs",
        f"{money(facts.value('claim_capex_usd'))} = {money(art['capex_usd_per_gpu'])} per GPU",
        f"Model: {money(h100_capex)} per H100 all-in ({money(h100_capex * gpus)} for 700,000), "
        f"of which facility {money(h100_facility)}. Evidence allows {money(lo)} (DGX server "
        f"price per GPU, cheapest facility) to {money(hi)} (all-in compute estimate, "
        f"Shackelford-level facility). {money(art['capex_usd_per_gpu'])} is close to a GB200's "
        f"all-in IT cost ({money(facts.value('allin_gb200_per_gpu_derived'))}) before any "
        "building.",
        judge_claim(art["capex_usd_per_gpu"], lo, hi),
        (
            "claim_capex_usd",
            "price_dgx_h100_per_gpu_derived",
            "allin_h100_per_gpu",
            "dc_cost_per_mw",
            "sg_shackelford_per_mw_derived",
            "allin_gb200_per_gpu_derived",
        ),
        number=art["capex_usd_per_gpu"],
        model=h100_capex,
        lo=lo,
        hi=hi,
    )
    price = facts.get("price_h100")
    lo, hi = float(price.low or price.value), facts.value("allin_h100_per_gpu")
    add(
        f"NVIDIA earns {usd(nvidia_claim)}",
        f"{money(facts.value('claim_nvidia_revenue_usd'))} = "
        f"{money(art['nvidia_revenue_usd_per_gpu'])} per GPU",
        f"An H100 sells for {money(price.low or 0)}–{money(price.high or 0)}; a whole DGX server "
        f"costs {money(facts.value('price_dgx_h100_per_gpu_derived'))} per GPU and all-in compute "
        f"with networking about {money(hi)} per GPU. NVIDIA cannot earn more per GPU than the "
        "whole IT bill, so the range tested is the GPU price up to the all-in figure.",
        judge_claim(art["nvidia_revenue_usd_per_gpu"], lo, hi),
        (
            "claim_nvidia_revenue_usd",
            "price_h100",
            "price_dgx_h100_per_gpu_derived",
            "allin_h100_per_gpu",
        ),
        number=art["nvidia_revenue_usd_per_gpu"],
        model=h100.accelerator_price_usd,
        lo=lo,
        hi=hi,
    )
    lo = facts.value("bernstein_gpu_share")
    hi = facts.value("nvda_per_gw_hardware") / facts.value("nvda_per_gw_total")
    h100_share = h100.accelerator_price_usd / h100_capex
    add(
        f"NVIDIA's share of capex ({usd(nvidia_claim)} of {usd(capex_claim)})",
        f"{art['nvidia_share_of_capex']:.1%}",
        f"Bernstein puts GPUs at {lo:.0%} of AI data-centre capex; NVIDIA's own figure is "
        f"{money(facts.value('nvda_per_gw_hardware'))} of {money(facts.value('nvda_per_gw_total'))}"
        f" per GW ({hi:.0%}, all NVIDIA hardware incl. networking). Model (H100): accelerators "
        f"{h100_share:.0%} of capex.",
        judge_claim(art["nvidia_share_of_capex"], lo, hi),
        (
            "claim_nvidia_revenue_usd",
            "bernstein_gpu_share",
            "nvda_per_gw_hardware",
            "nvda_per_gw_total",
        ),
        number=art["nvidia_share_of_capex"],
        model=h100_share,
        lo=lo,
        hi=hi,
    )
    claim = facts.value("claim_price_usd_per_gpu_hour")
    h100_parts = compute_annual_cost_per_gpu_usd(**_spec_inputs(h100), **site)
    h100_running = float(
        (h100_parts["energy"] + h100_parts["maintenance"] + h100_parts["staff_other"])
        / (HOURS_PER_YEAR * site["utilization_rate"])
    )
    add(
        f"Operating cost of {usd(claim)} per H100-hour",
        f"{money(claim)}/GPU-hour",
        f"Model full cost of an H100-hour (capital recovery + operating costs): {money(h100_cost)}"
        f"; {money(h100_low)}–{money(h100_high)} over {grid}. "
        f"Running costs alone (energy, maintenance, staff) are {money(h100_running)}, so "
        f"{usd(claim)} can only be a full cost of ownership or a rental price. "
        f"Market H100 rental: {money(facts.value('gpu_rent_2024_early'))} (early 2024), "
        f"{money(facts.value('gpu_rent_oct2024'))} (Oct 2024), "
        f"{money(facts.value('gpu_rent_low_2025'))} (2025 low). The figure itself is untraced; "
        "a rental price is not an operating cost.",
        judge_claim(claim, h100_low, h100_high),
        (
            "claim_price_usd_per_gpu_hour",
            "gpu_rent_2024_early",
            "gpu_rent_oct2024",
            "gpu_rent_low_2025",
        ),
        number=claim,
        model=h100_cost,
        lo=h100_low,
        hi=h100_high,
    )
    annual_model = h100_cost * gpus * HOURS_PER_YEAR * scenario.finance.utilization_rate
    grid_low, grid_high = _annual_cost_range(scenario, "H100", gpus)
    add(
        f"Implied annual cost: {gpus:,.0f} × {usd(price_claim)} × {HOURS_PER_YEAR:,} h",
        f"{money(art['annual_cost_usd'])} a year",
        f"Model annual TCO of 700,000 H100: {money(annual_model)}; {money(grid_low)}–"
        f"{money(grid_high)} over {grid}. The article's "
        "product assumes every hour of the year is paid for.",
        judge_claim(art["annual_cost_usd"], grid_low, grid_high),
        ("claim_hopper_gpus", "claim_price_usd_per_gpu_hour"),
        number=art["annual_cost_usd"],
        model=annual_model,
        lo=grid_low,
        hi=grid_high,
    )
    claim = facts.value("claim_gb200_usd_per_gpu_hour")
    add(
        f"Operating cost of OpenAI's first GB200 cluster: {usd(claim)} per hour",
        f"{money(claim)}/GPU-hour",
        f"Model GB200 GPU-hour: {money(gb200_cost)}; {money(gb200_low)}–{money(gb200_high)} over "
        f"the same grid. An independent at-cost estimate gives "
        f"{money(facts.value('gpu_gb200_atcost_est'))} per GB200-hour; B200 spot rental was "
        f"{money(facts.value('gpu_rent_b200_2026_spot'))} in March 2026.",
        judge_claim(claim, gb200_low, gb200_high),
        ("claim_gb200_usd_per_gpu_hour", "gpu_gb200_atcost_est", "gpu_rent_b200_2026_spot"),
        number=claim,
        model=gb200_cost,
        lo=gb200_low,
        hi=gb200_high,
    )
    gens = generation_table(scenario).set_index("generation")
    per_hour = gens.loc[["GB200", "GB300", "VR200"], "cost_per_gpu_hour_usd"]
    per_pflop = gens.loc[["GB200", "GB300", "VR200"], "cost_per_pflop_hour_usd"]
    rising = bool(np.all(np.diff(per_hour.to_numpy()) > 0))
    add(
        "GB300 and VR200 raise costs further",
        "qualitative",
        "Model cost per GPU-hour GB200 → GB300 → VR200: "
        + " → ".join(money(v) for v in per_hour)
        + "; per dense BF16 PFLOP-hour: "
        + " → ".join(money(v) for v in per_pflop)
        + " (VR200's BF16 is unpublished: a floor, so its per-PFLOP cost is an upper bound). "
        "Per GPU-hour the claim holds; per unit of compute it need not.",
        "consistent" if rising else "inconsistent",
        (
            "claim_gb300_vr200_costs",
            "price_gb300_per_gpu_derived",
            "price_vr200_per_gpu_derived",
            "spec_vr200_bf16_derived",
        ),
    )
    return pd.DataFrame(rows)


def _annual_cost_range(scenario: Scenario, generation: str, gpus: float) -> tuple[float, float]:
    """Annual TCO of ``gpus`` GPUs of a generation: (min, max) over the sensitivity grid, USD."""
    site = _site_inputs(scenario)
    site.update(
        it_lifetime_years=np.asarray(LIFETIME_GRID_YEARS, dtype=float)[:, None],
        utilization_rate=np.asarray(UTILIZATION_GRID, dtype=float)[None, :],
    )
    parts = compute_annual_cost_per_gpu_usd(
        **_spec_inputs(scenario.fleet.specs[generation]), **site
    )
    total = sum(parts.values()) * gpus
    return float(np.min(total)), float(np.max(total))


def peer_check_table(scenario: Scenario) -> pd.DataFrame:
    """The model's per-GPU results for GB200 against published cost models of an AI campus.

    Returns:
        Columns ``measure``, ``model`` (text), ``peer`` (text), ``sources`` (fact ids),
        ``model_value``, ``range_low``, ``range_high`` (NaN for a single estimate) and
        ``verdict`` (inside or outside the published range; for a single estimate, the
        difference from it).
    """
    d = scenario.display
    gens = generation_table(scenario).set_index("generation")
    gb = gens.loc["GB200"]
    spec = scenario.fleet.specs["GB200"]
    site = _site_inputs(scenario)
    parts = compute_annual_cost_per_gpu_usd(**_spec_inputs(spec), **site)
    opex = float(parts["energy"] + parts["maintenance"] + parts["staff_other"])
    nesov_capex = facts.value("gpu_gb200_atcost_est_capex")
    nesov_years = facts.value("gpu_gb200_atcost_est_years")
    nesov_opex = facts.value("gpu_gb200_atcost_est_opex_share") * nesov_capex / nesov_years
    per_gw_low = facts.value("bernstein_per_gw")
    per_gw_high = float(facts.get("nvda_per_gw_claim").high or 0.0)
    share = spec.accelerator_price_usd / gb.capex_usd_per_gpu
    rows = [
        {
            "measure": "Capex per GW of facility power (GB200 campus)",
            "model": format_money(gb.capex_usd_per_gw_facility, d),
            "peer": (
                f"Bernstein {format_money(per_gw_low, d)}; Altman more than "
                f"{format_money(facts.value('openai_1p4tn_per_gw'), d)}; NVIDIA "
                f"{format_money(facts.value('nvda_per_gw_total'), d)} (its own range up to "
                f"{format_money(per_gw_high, d)})"
            ),
            "sources": "bernstein_per_gw, openai_1p4tn_per_gw, nvda_per_gw_total, "
            "nvda_per_gw_claim",
            "model_value": float(gb.capex_usd_per_gw_facility),
            "range_low": per_gw_low,
            "range_high": per_gw_high,
        },
        {
            "measure": "NVIDIA rack share of capex (GB200 campus)",
            "model": f"{share:.0%}",
            "peer": (
                f"Bernstein: GPUs {facts.value('bernstein_gpu_share'):.0%} of capex; NVIDIA: "
                f"{facts.value('nvda_per_gw_share'):.0%} of new AI data-centre spend"
            ),
            "sources": "bernstein_gpu_share, nvda_per_gw_share",
            "model_value": share,
            "range_low": facts.value("bernstein_gpu_share"),
            "range_high": facts.value("nvda_per_gw_share"),
        },
        {
            "measure": "Operating costs per GB200 per year (energy, maintenance, staff & other)",
            "model": format_money(opex, d),
            "peer": (
                f"Nesov's at-cost estimate: {facts.value('gpu_gb200_atcost_est_opex_share'):.0%}"
                f" of {format_money(nesov_capex, d)} ÷ {nesov_years:g} years = "
                f"{format_money(nesov_opex, d)}"
            ),
            "sources": "gpu_gb200_atcost_est_opex_share, gpu_gb200_atcost_est_capex, "
            "gpu_gb200_atcost_est_years",
            "model_value": opex,
            "range_low": np.nan,
            "range_high": np.nan,
        },
    ]
    rows[2]["peer_value"] = nesov_opex
    table = pd.DataFrame(rows)
    table["verdict"] = [
        f"within range ({judge_claim(v, lo, hi)})"
        if np.isfinite(lo) and judge_claim(v, lo, hi) == "consistent"
        else "outside range (inconsistent)"
        if np.isfinite(lo)
        else f"{v / peer - 1:+.0%} against the estimate"
        for v, lo, hi, peer in zip(
            table["model_value"],
            table["range_low"],
            table["range_high"],
            table["peer_value"],
            strict=True,
        )
    ]
    return table.drop(columns="peer_value")


# --------------------------------------------------------------------------- report helpers


def capex_frame(scenario: Scenario) -> pd.DataFrame:
    """Steps of the capex build-up (a waterfall): accelerators, other IT, facility.

    Returns:
        Columns ``component`` (label) and ``capex_usd``; the steps sum to
        :func:`total_capex_usd`.
    """
    parts = capex_breakdown_usd(scenario)
    return pd.DataFrame(
        [{"component": CAPEX_COMPONENTS[k], "capex_usd": v} for k, v in parts.items()]
    )


def tco_frame(scenario: Scenario) -> pd.DataFrame:
    """Annual TCO by component, for a bar chart.

    Returns:
        Columns ``component`` (label), ``kind`` ("Capital recovery" / "Operating cost"),
        ``usd_per_year``, ``share`` (of annual TCO).
    """
    parts = annual_tco_breakdown_usd(scenario)
    total = sum(parts.values())
    return pd.DataFrame(
        [
            {
                "component": TCO_COMPONENTS[k],
                "kind": "Capital recovery" if k.endswith("capital") else "Operating cost",
                "usd_per_year": v,
                "share": v / total,
            }
            for k, v in parts.items()
        ]
    )


def gpu_hour_steps(scenario: Scenario) -> pd.DataFrame:
    """Steps of the waterfall from capex to cost per GPU-hour: each component per GPU-hour.

    Returns:
        Columns ``step`` (label) and ``usd_per_gpu_hour``; the steps sum to
        :func:`cost_per_gpu_hour_usd`.
    """
    parts = cost_per_gpu_hour_breakdown_usd(scenario)
    return pd.DataFrame(
        [{"step": TCO_COMPONENTS[k], "usd_per_gpu_hour": v} for k, v in parts.items()]
    )


def generation_frame(scenario: Scenario, per: str = "gpu_hour") -> pd.DataFrame:
    """Cost of each generation per GPU-hour or per dense BF16 PFLOP-hour, for a bar chart.

    Args:
        scenario: the scenario (site and finance inputs; per-generation specs).
        per: ``"gpu_hour"`` or ``"pflop_hour"``.

    Returns:
        Columns ``generation``, ``usd`` (USD per GPU-hour or per PFLOP-hour), ``vs_h100``.
    """
    if per not in ("gpu_hour", "pflop_hour"):
        raise ValueError(f"per must be 'gpu_hour' or 'pflop_hour', not {per!r}")
    table = generation_table(scenario)
    column = "cost_per_gpu_hour" if per == "gpu_hour" else "cost_per_pflop_hour"
    return pd.DataFrame(
        {
            "generation": table["generation"],
            "usd": table[f"{column}_usd"],
            "vs_h100": table[f"{column}_vs_h100"],
        }
    )


def format_fleet_table(scenario: Scenario) -> pd.DataFrame:
    """The fleet table for readers: per-GPU cost and power, batch totals, formatted."""
    d = scenario.display
    table = fleet_table(scenario)
    return pd.DataFrame(
        {
            "Generation": table["generation"],
            "Deployed": table["deploy_year"].astype(str),
            "GPUs": [f"{n:,}" for n in table["gpu_count"]],
            "Accelerator per GPU": [format_money(v, d) for v in table["accelerator_price_usd"]],
            "Other IT per GPU": [format_money(v, d) for v in table["other_it_capex_usd_per_gpu"]],
            "Facility per GPU": [format_money(v, d) for v in table["facility_capex_usd_per_gpu"]],
            "All-in per GPU": [format_money(v, d) for v in table["capex_usd_per_gpu"]],
            "Chip power": [f"{v:,.0f} W" for v in table["chip_power_w"]],
            "All-in IT power": [f"{v:,.0f} W" for v in table["it_power_w_per_gpu"]],
            "IT load": [f"{v:,.0f} MW" for v in table["power_it_mw"]],
            "Facility load": [f"{v:,.0f} MW" for v in table["power_facility_mw"]],
            "Capex": [format_money(v, d) for v in table["capex_usd"]],
        }
    ).set_index("Generation")


def format_tco_table(scenario: Scenario) -> pd.DataFrame:
    """Annual TCO by component for readers: per year, per MW of IT load, per GPU-hour, share."""
    d = scenario.display
    parts = annual_tco_breakdown_usd(scenario)
    per_hour = cost_per_gpu_hour_breakdown_usd(scenario)
    it_mw = power_summary(scenario)["power_it_mw"]
    total = sum(parts.values())
    rows = [
        {
            "Component": TCO_COMPONENTS[k],
            "Per year": format_money(v, d),
            "Per MW of IT load per year": format_money(v / it_mw, d),
            "Per GPU-hour": format_money(per_hour[k], d),
            "Share": f"{v / total:.0%}",
        }
        for k, v in parts.items()
    ]
    rows.append(
        {
            "Component": "Total cost of ownership",
            "Per year": format_money(total, d),
            "Per MW of IT load per year": format_money(total / it_mw, d),
            "Per GPU-hour": format_money(sum(per_hour.values()), d),
            "Share": "100%",
        }
    )
    return pd.DataFrame(rows).set_index("Component")


def format_generation_table(scenario: Scenario) -> pd.DataFrame:
    """The generation comparison for readers."""
    d = scenario.display
    t = generation_table(scenario)
    return pd.DataFrame(
        {
            "Generation": t["generation"],
            "Accelerator per GPU": [format_money(v, d) for v in t["accelerator_price_usd"]],
            "All-in capex per GPU": [format_money(v, d) for v in t["capex_usd_per_gpu"]],
            "All-in IT power": [f"{v:,.0f} W" for v in t["it_power_w_per_gpu"]],
            "Dense BF16": [f"{v:.3g} PFLOPS" for v in t["compute_pflops_bf16_dense"]],
            "Cost per GPU-hour": [format_money(v, d) for v in t["cost_per_gpu_hour_usd"]],
            "vs H100 (GPU-hour)": [f"×{v:.2f}" for v in t["cost_per_gpu_hour_vs_h100"]],
            "Cost per PFLOP-hour": [format_money(v, d) for v in t["cost_per_pflop_hour_usd"]],
            "vs H100 (PFLOP-hour)": [f"×{v:.2f}" for v in t["cost_per_pflop_hour_vs_h100"]],
            "Derived, not sourced directly": [v or "—" for v in t["derived_figures"]],
        }
    ).set_index("Generation")


def format_fact_check_table(scenario: Scenario) -> pd.DataFrame:
    """The fact-check table for readers: claim, article value, evidence/model, verdict, sources."""
    t = fact_check_table(scenario)
    return pd.DataFrame(
        {
            "Claim in the article": t["claim"],
            "Article's figure": t["article_value"],
            "Evidence and model": t["evidence"],
            "Verdict": t["verdict"],
            "Sources (fact ids)": t["sources"],
        }
    ).set_index("Claim in the article")


def format_peer_check_table(scenario: Scenario) -> pd.DataFrame:
    """The model against peer cost models, for readers."""
    t = peer_check_table(scenario)
    return pd.DataFrame(
        {
            "Measure": t["measure"],
            "Model": t["model"],
            "Published estimates": t["peer"],
            "Verdict": t["verdict"],
            "Sources (fact ids)": t["sources"],
        }
    ).set_index("Measure")


def format_electricity_table(scenario: Scenario) -> pd.DataFrame:
    """Cost per GPU-hour at each sourced electricity price, for readers."""
    d = scenario.display
    t = electricity_sweep(scenario)
    return pd.DataFrame(
        {
            "Electricity price": t["price"],
            "USD/MWh": [f"{v:,.2f}" for v in t["electricity_usd_per_mwh"]],
            "Cost per GPU-hour": [format_money(v, d) for v in t["cost_per_gpu_hour_usd"]],
            "Energy's share of TCO": [f"{v:.1%}" for v in t["energy_share"]],
            "Fact id": t["fact_id"],
        }
    ).set_index("Electricity price")


def _share(part: float, whole: float) -> str:
    return f"{part / whole:.0%}"


def describe_capex(scenario: Scenario) -> str:
    """Markdown: what the fleet costs to build, where the money goes, NVIDIA's share."""
    d = scenario.display
    parts = capex_breakdown_usd(scenario)
    total = sum(parts.values())
    fleet = scenario.fleet
    gens = ", ".join(fleet.generations())
    it_share = (parts["accelerators"] + parts["other_it"]) / total
    return (
        f"Building the scenario's fleet of **{fleet.gpu_count:,} GPUs** ({gens}) costs "
        f"**{format_money(total, d)}**: {format_money(parts['accelerators'], d)} for the NVIDIA "
        f"accelerators ({_share(parts['accelerators'], total)}), "
        f"{format_money(parts['other_it'], d)} for the rest of the IT — servers, networking, "
        f"storage ({_share(parts['other_it'], total)}) — and {format_money(parts['facility'], d)}"
        f" for buildings, power and cooling ({_share(parts['facility'], total)}). NVIDIA's "
        f"accelerators are **{nvidia_share_of_capex(scenario):.0%}** of capex; since NVIDIA also "
        f"sells networking, its true share lies between that and the IT total of "
        f"{it_share:.0%}. That is {format_money(total / fleet.gpu_count, d)} per GPU all-in."
    )


def describe_power(scenario: Scenario) -> str:
    """Markdown: IT and facility power of the fleet, yearly energy and its cost."""
    d = scenario.display
    p = power_summary(scenario)
    f = scenario.facility
    return (
        f"The GPUs and the servers around them draw **{p['power_it_mw']:,.0f} MW** of IT load. "
        f"With a PUE of {f.pue:.2f} — every watt of IT needs {f.pue - 1:.2f} W more for cooling "
        f"and power conversion — the campus draws **{p['power_facility_mw']:,.0f} MW** from the "
        f"grid. Working {scenario.finance.utilization_rate:.0%} of the year's hours, it uses "
        f"{p['energy_mwh_per_year'] / 1e6:,.2f} million MWh a year, which at "
        f"{format_money(f.electricity_usd_per_mwh, d)}/MWh costs "
        f"**{format_money(p['energy_usd_per_year'], d)} a year**."
    )


def describe_tco(scenario: Scenario) -> str:
    """Markdown: annual TCO, its split between capital and operating costs, per GPU-hour."""
    d = scenario.display
    fin = scenario.finance
    parts = annual_tco_breakdown_usd(scenario)
    total = sum(parts.values())
    capital = parts["it_capital"] + parts["facility_capital"]
    crf_it = capital_recovery_factor(fin.cost_of_capital_rate, fin.it_lifetime_years)
    crf_fac = capital_recovery_factor(fin.cost_of_capital_rate, fin.facility_lifetime_years)
    cost = cost_per_gpu_hour_usd(scenario)
    price = fin.price_usd_per_gpu_hour
    origin = (
        "the article's figure"
        if fact_behind(fin, "price_usd_per_gpu_hour")
        else "set by this scenario"
    )
    return (
        f"At a {fin.cost_of_capital_rate:.0%} cost of capital, the IT equipment must earn back "
        f"{crf_it:.1%} of its cost every year for {fin.it_lifetime_years:g} years and the "
        f"facility {crf_fac:.1%} a year for {fin.facility_lifetime_years:g} years. Owning and "
        f"running the fleet costs **{format_money(total, d)} a year** "
        f"({format_money(tco_per_mw_it_usd(scenario), d)} per MW of IT load): "
        f"{_share(capital, total)} is capital recovery and {_share(total - capital, total)} "
        f"operating costs. Spread over the GPU-hours worked "
        f"({fin.utilization_rate:.0%} of {HOURS_PER_YEAR:,} hours), that is "
        f"**{format_money(cost, d)} per GPU-hour**. Sold at the scenario's price of "
        f"{format_money(price, d)} per GPU-hour ({origin}), each worked hour "
        + (
            f"earns {format_money(price - cost, d)} more than its full cost, which already "
            "includes the return on capital."
            if price >= cost
            else f"falls {format_money(cost - price, d)} short of its full cost, return on "
            "capital included."
        )
    )


def describe_generations(scenario: Scenario) -> str:
    """Markdown: how cost per GPU-hour and per PFLOP-hour move from H100 to VR200."""
    d = scenario.display
    t = generation_table(scenario).set_index("generation")

    def pair(g: str) -> str:
        return (
            f"{g} {format_money(t.loc[g, 'cost_per_gpu_hour_usd'], d)} per GPU-hour, "
            f"{format_money(t.loc[g, 'cost_per_pflop_hour_usd'], d)} per PFLOP-hour"
        )

    cheapest = str(t["cost_per_pflop_hour_usd"].idxmin())
    dearest_hour = str(t["cost_per_gpu_hour_usd"].idxmax())
    return (
        "With the same site and finance inputs: "
        + "; ".join(pair(g) for g in GENERATIONS)
        + f". The dearest GPU-hour is {dearest_hour}'s, at "
        f"×{t.loc[dearest_hour, 'cost_per_gpu_hour_vs_h100']:.1f} an H100-hour; the cheapest "
        f"unit of compute is {cheapest}'s, at ×{t.loc[cheapest, 'cost_per_pflop_hour_vs_h100']:.2f}"
        " of an H100's cost per PFLOP-hour."
    )


def describe_sensitivity(scenario: Scenario) -> str:
    """Markdown: the range of the cost per GPU-hour over the grid and the widest swings."""
    d = scenario.display
    grid = lifetime_utilization_grid(scenario)
    top = tornado_table(scenario).head(3)
    swings = "; ".join(
        f"{r.factor} ({r.low_input} → {r.high_input}): {format_money(r.cost_at_low_usd, d)} → "
        f"{format_money(r.cost_at_high_usd, d)}"
        for r in top.itertuples()
    )
    lo = grid.loc[grid["cost_per_gpu_hour_usd"].idxmin()]
    hi = grid.loc[grid["cost_per_gpu_hour_usd"].idxmax()]
    return (
        f"Across IT lifetimes of {LIFETIME_GRID_YEARS[0]}–{LIFETIME_GRID_YEARS[-1]} years and "
        f"utilisation of {UTILIZATION_GRID[0]:.0%}–{UTILIZATION_GRID[-1]:.0%}, the cost per "
        f"GPU-hour runs from **{format_money(lo.cost_per_gpu_hour_usd, d)}** ({lo.it_lifetime}, "
        f"{lo.utilization}) to **{format_money(hi.cost_per_gpu_hour_usd, d)}** "
        f"({hi.it_lifetime}, {hi.utilization}). The widest one-at-a-time swings: {swings}."
    )


def describe_fact_check(scenario: Scenario) -> str:
    """Markdown: the count of verdicts in the fact-check table."""
    counts = fact_check_table(scenario)["verdict"].value_counts()
    parts = [f"**{counts.get(v, 0)}** {v}" for v in ("consistent", "inconsistent", "unsourced")]
    return f"Of the article's {int(counts.sum())} cost claims checked: " + ", ".join(parts) + "."


def headline_figures(scenario: Scenario) -> dict[str, tuple[float, str, str]]:
    """The cost report's headline figures: name → (value, unit, label)."""
    return {
        "capex_usd": (total_capex_usd(scenario), "USD", "Capex of the modelled fleet"),
        "annual_tco_usd": (annual_tco_usd(scenario), "USD", "Annual total cost of ownership"),
        "cost_per_gpu_hour_usd": (
            cost_per_gpu_hour_usd(scenario),
            "USD/GPU-hour",
            "Cost per GPU-hour",
        ),
        "nvidia_share_of_capex": (
            nvidia_share_of_capex(scenario),
            "fraction",
            "NVIDIA accelerators' share of capex",
        ),
        "power_facility_mw": (
            power_summary(scenario)["power_facility_mw"],
            "MW",
            "Facility power draw",
        ),
    }


def describe_article_claims() -> str:
    """Markdown: the seed article's cost claims, quoted with their values (claim rows)."""
    gpus = facts.value("claim_hopper_gpus")
    price = format_usd(facts.value("claim_price_usd_per_gpu_hour"))
    return (
        f"- NVIDIA will supply **{gpus:,.0f} Hopper GPUs**;\n"
        f"- their operating cost is about **{price} per GPU-hour**;\n"
        f"- total capital expenditure is about **{format_usd(facts.value('claim_capex_usd'))}**, "
        f"of which NVIDIA would earn about **{format_usd(facts.value('claim_nvidia_revenue_usd'))}"
        "**;\n"
        "- OpenAI's first GB200 cluster costs "
        f"**{format_usd(facts.value('claim_gb200_usd_per_gpu_hour'))} per hour** to run, and the "
        "GB300 and Vera Rubin (VR200) generations will raise costs further."
    )


def _lower_first(text: str) -> str:
    """Lower-case a label's first letter unless it starts an acronym ("IT lifetime", "PUE")."""
    return text if text[:2].isupper() else text[:1].lower() + text[1:]


def describe_takeaways(scenario: Scenario) -> str:
    """Markdown: the report's conclusions for this scenario, as bullet points."""
    d = scenario.display
    parts = annual_tco_breakdown_usd(scenario)
    total = sum(parts.values())
    capital = (parts["it_capital"] + parts["facility_capital"]) / total
    top = [str(f) for f in tornado_table(scenario)["factor"].head(2)]
    gens = generation_table(scenario).set_index("generation")
    verdicts = fact_check_table(scenario)["verdict"].value_counts()
    art = article_arithmetic()
    nvidia_own = facts.value("nvda_per_gw_hardware") / facts.value("nvda_per_gw_total")
    cheapest = str(gens["cost_per_pflop_hour_usd"].idxmin())
    dearest = str(gens["cost_per_gpu_hour_usd"].idxmax())
    lead = "Owning the hardware is the cost." if capital > 0.5 else "Running costs matter."
    compare = "above" if art["nvidia_share_of_capex"] > nvidia_own else "within"
    return (
        f"- **{lead}** Capital recovery is {capital:.0%} of the annual cost in this scenario, "
        f"energy {parts['energy'] / total:.0%}. The inputs that move the cost per GPU-hour most "
        f"are {_lower_first(top[0])} and {_lower_first(top[1])}.\n"
        f"- **NVIDIA's take.** Accelerators are {nvidia_share_of_capex(scenario):.0%} of the "
        f"modelled capex; the article's figures imply {art['nvidia_share_of_capex']:.1%}, "
        f"{compare} NVIDIA's own per-GW figure of {nvidia_own:.0%}.\n"
        f"- **Generations.** The dearest GPU-hour is {dearest}'s "
        f"(×{gens.loc[dearest, 'cost_per_gpu_hour_vs_h100']:.1f} an H100-hour), but per unit of "
        f"compute {cheapest} is the cheapest "
        f"({format_money(gens.loc[cheapest, 'cost_per_pflop_hour_usd'], d)} per PFLOP-hour "
        f"against {format_money(gens.loc['H100', 'cost_per_pflop_hour_usd'], d)} for H100).\n"
        f"- **The article.** Of its cost figures, {verdicts.get('consistent', 0)} are consistent "
        f"with the evidence, {verdicts.get('inconsistent', 0)} are not and "
        f"{verdicts.get('unsourced', 0)} cannot be tested; none could be traced to a source, and "
        "its Hopper fleet is not what Stargate is reported to be buying."
    )


def format_inputs_table(scenario: Scenario) -> pd.DataFrame:
    """The site and finance inputs for readers: value, what the sources say, why this value.

    Returns:
        Index "Input"; columns "Value", "Kind" (evidence / derived / assumption / claim, or
        "scenario" where the scenario file changed the default), "What the sources say" and
        "Why this value".
    """
    d = scenario.display
    v = facts.value

    def m(usd: float) -> str:
        return format_money(usd, d)

    cw = facts.get("dc_cost_per_mw")
    states = [v(f) for f in ("elec_nm_industrial", "elec_oh_industrial", "elec_mi_industrial")]
    states.append(v("elec_wi_industrial"))
    fac, fin = scenario.facility, scenario.finance
    rows = [
        (
            fac,
            "facility_capex_usd_per_mw_it",
            "Facility capex per MW of IT load",
            f"{m(fac.facility_capex_usd_per_mw_it)}/MW",
            f"Abilene: {m(v('abilene_jv_15bn'))} of joint-venture funding for buildings and "
            f"power over {v('abilene_capacity'):g} GW = {m(v('abilene_shell_per_mw'))}/MW (Oracle "
            f"buys the GPUs). Cushman & Wakefield, 19 US markets: {m(cw.low or 0)}–"
            f"{m(cw.high or 0)}/MW, average {m(cw.value)} (excluding IT, land and soft costs). "
            f"Shackelford: {m(v('sg_shackelford_per_mw_derived'))}/MW (scope may be wider).",
            "Stargate's own flagship campus; inside the Cushman & Wakefield range, and it "
            "includes the land and soft costs that range leaves out.",
        ),
        (
            fac,
            "pue",
            "Power usage effectiveness (PUE)",
            f"{fac.pue:.2f}",
            f"Uptime Institute survey average {v('pue_uptime_2024'):.2f} (2024); new large "
            f"facilities {v('pue_new_builds'):.1f} or better; Google's fleet "
            f"{v('pue_google'):.2f}.",
            "Stargate's campuses are new, large, liquid-cooled builds; the survey average "
            "reflects older sites.",
        ),
        (
            fac,
            "electricity_usd_per_mwh",
            "Electricity price",
            f"{m(fac.electricity_usd_per_mwh)}/MWh",
            f"Texas industrial average {m(v('elec_tx_industrial'))}/MWh (EIA, 2023, incl. "
            f"delivery); ERCOT wholesale 2024 {m(v('elec_ercot_da_2024'))} (day-ahead) to "
            f"{m(v('elec_ercot_rt_2024'))} (real-time), 2023 {m(v('elec_ercot_da_2023'))}; "
            f"other Stargate states' industrial averages {m(min(states))}–{m(max(states))}.",
            "A campus pays delivery and capacity charges on top of wholesale energy, and 2024's "
            "wholesale prices were unusually low.",
        ),
        (
            fin,
            "it_lifetime_years",
            "IT lifetime",
            f"{fin.it_lifetime_years:g} years",
            f"Hyperscaler filings: Amazon {v('dep_amazon_2025'):g} years (2025, cut from "
            f"{v('dep_amazon_2025_prior'):g} for the pace of AI), Meta {v('dep_meta_2025'):g}, "
            f"Microsoft {v('dep_msft'):g}, Alphabet {v('dep_alphabet'):g}; about "
            f"{v('dep_2020'):g} years at all four around 2020. Critics argue 2–3 years "
            "(an opinion, not a filing).",
            "The most recent filing, and the one made because of AI.",
        ),
        (
            fin,
            "facility_lifetime_years",
            "Facility lifetime",
            f"{fin.facility_lifetime_years:g} years",
            f"No source. Oracle's lease on the Abilene campus runs {v('abilene_lease_term'):g} "
            "years.",
            facts.get("as_facility_lifetime_years").chosen_why,
        ),
        (
            fin,
            "cost_of_capital_rate",
            "Cost of capital",
            f"{fin.cost_of_capital_rate:.1%}",
            "No source. Abilene's financing carries about "
            f"{v('abilene_debt_to_equity_derived'):.1f} dollars of loans per dollar of equity.",
            facts.get("as_cost_of_capital_rate").chosen_why,
        ),
        (
            fin,
            "utilization_rate",
            "Utilisation",
            f"{fin.utilization_rate:.0%}",
            "No source gives the utilisation of a Stargate fleet.",
            facts.get("as_utilization_rate").chosen_why,
        ),
        (
            fin,
            "maintenance_rate",
            "Maintenance (share of capex a year)",
            f"{fin.maintenance_rate:.1%}",
            "No source for AI campuses.",
            facts.get("as_maintenance_rate").chosen_why,
        ),
        (
            fin,
            "staff_other_rate",
            "Staff and other (share of capex a year)",
            f"{fin.staff_other_rate:.1%}",
            "No source for AI campuses.",
            facts.get("as_staff_other_rate").chosen_why,
        ),
        (
            fin,
            "price_usd_per_gpu_hour",
            "Price of a GPU-hour",
            f"{m(fin.price_usd_per_gpu_hour)}",
            f"The article's {format_usd(v('claim_price_usd_per_gpu_hour'))} (its 'operating "
            f"cost', untraced); H100 rental {m(v('gpu_rent_low_2025'))}–"
            f"{m(v('gpu_rent_oct2024'))} in 2024–25.",
            "The base case is the article's case; used only to compare with the cost.",
        ),
    ]
    table = []
    for model, field, label, value, sources, why in rows:
        fact_id = fact_behind(model, field)
        kind = facts.get(fact_id).kind if fact_id else "scenario"
        table.append(
            {
                "Input": label,
                "Value": value,
                "Kind": kind,
                "What the sources say": sources,
                "Why this value": why if fact_id else "Set by this scenario.",
            }
        )
    return pd.DataFrame(table).set_index("Input")
