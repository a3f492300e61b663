"""Cost structure: capex, power, opex, total cost of ownership, GPU generations, sensitivity.

Numbers only: every function here is a pure function of a validated
:class:`~stargate.scenario.Scenario` (the fleet, facility and finance groups of
``stargate/schema/compute.py``) and of the facts register, built on lower-level functions over
plain numbers or NumPy arrays (:func:`compute_annual_cost_per_gpu_usd`,
:func:`compute_cost_per_gpu_hour_usd`) that can be checked by hand and vectorised for sweeps. The
report's sentences and reader tables are in :mod:`stargate.present.cost_report` and
:mod:`stargate.present.cost_tables`; the fact-check of the seed article is
:mod:`stargate.model.fact_check`.

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
from stargate.model import sites
from stargate.model.finance import HOURS_PER_YEAR, capital_recovery_factor
from stargate.scenario import Scenario
from stargate.schema.common import fact_behind
from stargate.schema.compute import GpuSpec

#: IT lifetimes swept in the lifetime × utilisation grid (hyperscaler filings 5–6 y; critics
#: 2–3 y; the grid brackets both), years.
LIFETIME_GRID_YEARS: tuple[int, ...] = (3, 4, 5, 6, 7)
#: Utilisation rates swept in the lifetime × utilisation grid (fractions).
UTILIZATION_GRID: tuple[float, ...] = (0.5, 0.6, 0.7, 0.8, 0.9, 1.0)

#: Components of annual TCO, in the order the reports show them (capital recovery, then
#: operating costs); the keys of :func:`annual_tco_breakdown_usd`.
TCO_COMPONENTS: tuple[str, ...] = (
    "it_capital",
    "facility_capital",
    "energy",
    "maintenance",
    "staff_other",
)
#: Components of capex, the keys of :func:`capex_breakdown_usd`.
CAPEX_COMPONENTS: tuple[str, ...] = ("accelerators", "other_it", "facility")

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


def site_inputs(scenario: Scenario, with_overruns: bool = True) -> dict[str, float]:
    """The facility and finance inputs of the per-GPU functions (:data:`SWEEPABLE`).

    With ``with_overruns`` the facility capex per MW carries the scenario's point overrun
    (``risk.facility_overrun_rate``), so every report's capex and cost per GPU-hour move with a
    scenario's overrun; without, the figures are as budgeted (what the Monte Carlo draws
    overruns on).
    """
    out = {
        name: float(getattr(getattr(scenario, group), name)) for name, group in SWEEPABLE.items()
    }
    if with_overruns:
        out["facility_capex_usd_per_mw_it"] *= 1.0 + scenario.risk.facility_overrun_rate
    return out


def overrun_factors(scenario: Scenario) -> dict[str, float]:
    """1 + the scenario's point overrun per capex component (keys of :data:`CAPEX_COMPONENTS`)."""
    risk = scenario.risk
    return {
        "accelerators": 1.0 + risk.accelerator_overrun_rate,
        "other_it": 1.0 + risk.other_it_overrun_rate,
        "facility": 1.0 + risk.facility_overrun_rate,
    }


def spec_inputs(spec: GpuSpec, scenario: Scenario | None = None) -> dict[str, float]:
    """A GPU's inputs of the per-GPU functions: IT capex (USD) and all-in IT power (W).

    Given a ``scenario``, the IT capex carries its point overruns (accelerator, other IT).
    """
    accelerator, other = spec.accelerator_price_usd, spec.other_it_capex_usd_per_gpu
    if scenario is not None:
        factors = overrun_factors(scenario)
        accelerator *= factors["accelerators"]
        other *= factors["other_it"]
    return {
        "it_capex_usd_per_gpu": accelerator + other,
        "it_power_w_per_gpu": spec.it_power_w_per_gpu,
    }


def facility_capex_usd_per_gpu(scenario: Scenario, spec: GpuSpec) -> float:
    """Facility capex per GPU: all-in IT W ÷ 10⁶ × facility USD per MW of IT load (overrun in)."""
    return spec.it_power_w_per_gpu / 1e6 * site_inputs(scenario)["facility_capex_usd_per_mw_it"]


# --------------------------------------------------------------------------- fleet


def fleet_table(scenario: Scenario, with_overruns: bool = True) -> pd.DataFrame:
    """One row per GPU batch of the modelled fleet: per-GPU cost and power, batch totals.

    The fleet is :func:`stargate.model.sites.fleet_batches`: the programme's, unless the
    scenario sets its own batches. Prices carry the scenario's point overruns unless
    ``with_overruns`` is False (the budget the Monte Carlo draws overruns on).

    Returns:
        Columns ``generation``, ``deploy_year``, ``gpu_count``; per GPU
        ``accelerator_price_usd``, ``other_it_capex_usd_per_gpu``, ``it_capex_usd_per_gpu``,
        ``facility_capex_usd_per_gpu`` (IT W ÷ 10⁶ × facility USD/MW), ``capex_usd_per_gpu``,
        ``chip_power_w``, ``it_power_w_per_gpu``, ``compute_pflops_bf16_dense``; per batch
        ``power_it_mw``, ``power_facility_mw`` (× PUE), ``capex_usd``.
    """
    fac = scenario.facility
    factors = overrun_factors(scenario) if with_overruns else dict.fromkeys(CAPEX_COMPONENTS, 1.0)
    facility_per_mw = fac.facility_capex_usd_per_mw_it * factors["facility"]
    rows = []
    for batch in sites.fleet_batches(scenario):
        spec = scenario.fleet.specs[batch.generation]
        accelerator = spec.accelerator_price_usd * factors["accelerators"]
        other = spec.other_it_capex_usd_per_gpu * factors["other_it"]
        facility_per_gpu = spec.it_power_w_per_gpu / 1e6 * facility_per_mw
        per_gpu = accelerator + other + facility_per_gpu
        it_mw = batch.gpu_count * spec.it_power_w_per_gpu / 1e6
        rows.append(
            {
                "generation": batch.generation,
                "deploy_year": batch.deploy_year,
                "gpu_count": batch.gpu_count,
                "accelerator_price_usd": accelerator,
                "other_it_capex_usd_per_gpu": other,
                "it_capex_usd_per_gpu": accelerator + other,
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


def capex_breakdown_usd(scenario: Scenario, with_overruns: bool = True) -> dict[str, float]:
    """Capex of the fleet by component, with the scenario's point overruns unless told not to.

    Returns:
        USD under ``accelerators`` (Σ GPUs × accelerator price), ``other_it`` (Σ GPUs × other
        IT per GPU) and ``facility`` (IT MW × facility capex per MW). Without
        ``with_overruns``: the budget, before any overrun.
    """
    table = fleet_table(scenario, with_overruns=with_overruns)
    return {
        "accelerators": float((table["gpu_count"] * table["accelerator_price_usd"]).sum()),
        "other_it": float((table["gpu_count"] * table["other_it_capex_usd_per_gpu"]).sum()),
        "facility": float((table["gpu_count"] * table["facility_capex_usd_per_gpu"]).sum()),
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


def sweep_annual_tco_breakdown_usd(
    scenario: Scenario, **overrides: ArrayLike
) -> dict[str, np.ndarray]:
    """Annual TCO components of the whole fleet, with facility/finance inputs overridden.

    Overrides broadcast against each other; the results have their broadcast shape.
    """
    unknown = sorted(set(overrides) - set(SWEEPABLE))
    if unknown:
        raise ValueError(f"cannot sweep {unknown} (known: {', '.join(SWEEPABLE)})")
    site: dict[str, Any] = site_inputs(scenario)
    site.update({k: np.asarray(v, dtype=float) for k, v in overrides.items()})
    if "facility_capex_usd_per_mw_it" in overrides:
        # An overridden facility cost is a budget figure: it overruns like the scenario's own.
        site["facility_capex_usd_per_mw_it"] = site["facility_capex_usd_per_mw_it"] * (
            1.0 + scenario.risk.facility_overrun_rate
        )
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
    return {k: float(v) for k, v in sweep_annual_tco_breakdown_usd(scenario).items()}


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
    return sites.fleet_gpu_count(scenario) * HOURS_PER_YEAR * scenario.finance.utilization_rate


def cost_per_gpu_hour_usd(scenario: Scenario) -> float:
    """Cost of one worked GPU-hour across the fleet: annual TCO ÷ GPU-hours worked, USD."""
    return annual_tco_usd(scenario) / gpu_hours_per_year(scenario)


def average_it_power_w_per_gpu(scenario: Scenario) -> float:
    """All-in IT power of the fleet's average GPU: IT MW × 10⁶ ÷ GPUs, W."""
    return power_summary(scenario)["power_it_mw"] * 1e6 / sites.fleet_gpu_count(scenario)


def equivalent_gpu_hours_per_year(scenario: Scenario, generation: str) -> float:
    """GPU-hours the fleet works in a year, counted in hours of ``generation`` of equal power.

    Each GPU-hour counts as its all-in IT power over ``generation``'s: Σ GPUs × IT W ÷ the
    generation's IT W × 8,760 h × utilisation, which is the fleet's IT MW ÷ the generation's
    MW per GPU, times the hours worked. The Oracle contract prices hours this way (it buys
    capacity by the GW: an hour of another generation earns the price in proportion to its
    power), and so do the break-even prices of :mod:`stargate.model.project_economics`.
    """
    reference_mw = scenario.fleet.specs[generation].it_power_w_per_gpu / 1e6
    it_mw = power_summary(scenario)["power_it_mw"]
    return it_mw / reference_mw * HOURS_PER_YEAR * scenario.finance.utilization_rate


def cost_per_equivalent_gpu_hour_usd(scenario: Scenario, generation: str) -> float:
    """Cost of one worked ``generation``-equivalent GPU-hour: annual TCO ÷ those hours, USD.

    :func:`cost_per_gpu_hour_usd` per hour of ``generation`` of equal power
    (:func:`equivalent_gpu_hours_per_year`), the unit contract prices and break-even prices
    are quoted in: per GB300-equivalent hour the cost sits beside them like for like.
    """
    return annual_tco_usd(scenario) / equivalent_gpu_hours_per_year(scenario, generation)


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
    parts = sweep_annual_tco_breakdown_usd(scenario, **overrides)
    utilization = np.asarray(
        overrides.get("utilization_rate", scenario.finance.utilization_rate), dtype=float
    )
    out = sum(parts.values()) / (sites.fleet_gpu_count(scenario) * HOURS_PER_YEAR * utilization)
    return float(out) if np.ndim(out) == 0 else out


# --------------------------------------------------------------------------- generations

#: Per-GPU figures of a generation whose origin :func:`generation_table` reports.
SPEC_FIELDS: tuple[str, ...] = (
    "accelerator_price_usd",
    "other_it_capex_usd_per_gpu",
    "chip_power_w",
    "it_power_w_per_gpu",
    "compute_pflops_bf16_dense",
)


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
        ``capex_usd_per_gw_facility`` (capex per GW of facility power); and ``derived_fields``
        (tuple of the :data:`SPEC_FIELDS` whose figure is derived or assumed — no direct
        source — rather than evidence).
    """
    site = site_inputs(scenario)
    rows = []
    for generation, spec in scenario.fleet.specs.items():
        cost_hour = compute_cost_per_gpu_hour_usd(**spec_inputs(spec, scenario), **site)
        capex_per_gpu = spec_inputs(spec, scenario)[
            "it_capex_usd_per_gpu"
        ] + facility_capex_usd_per_gpu(scenario, spec)
        derived = tuple(
            field
            for field in SPEC_FIELDS
            if _figure_origin(spec, field) in ("derived", "assumption")
        )
        rows.append(
            {
                "generation": generation,
                "accelerator_price_usd": spec.accelerator_price_usd,
                "it_capex_usd_per_gpu": spec_inputs(spec, scenario)["it_capex_usd_per_gpu"],
                "capex_usd_per_gpu": capex_per_gpu,
                "chip_power_w": spec.chip_power_w,
                "it_power_w_per_gpu": spec.it_power_w_per_gpu,
                "compute_pflops_bf16_dense": spec.compute_pflops_bf16_dense,
                "cost_per_gpu_hour_usd": cost_hour,
                "cost_per_pflop_hour_usd": cost_hour / spec.compute_pflops_bf16_dense,
                "capex_usd_per_gw_facility": capex_per_gpu
                / (spec.it_power_w_per_gpu * scenario.facility.pue / 1e9),
                "derived_fields": derived,
            }
        )
    table = pd.DataFrame(rows)
    h100 = table.set_index("generation").loc["H100"]
    table["cost_per_gpu_hour_vs_h100"] = table["cost_per_gpu_hour_usd"] / h100.cost_per_gpu_hour_usd
    table["cost_per_pflop_hour_vs_h100"] = (
        table["cost_per_pflop_hour_usd"] / h100.cost_per_pflop_hour_usd
    )
    return table


def _grid_site_inputs(scenario: Scenario) -> dict[str, Any]:
    """Site inputs with IT life × utilisation set to the sensitivity grid (5 × 6 arrays)."""
    site: dict[str, Any] = site_inputs(scenario)
    site.update(
        it_lifetime_years=np.asarray(LIFETIME_GRID_YEARS, dtype=float)[:, None],
        utilization_rate=np.asarray(UTILIZATION_GRID, dtype=float)[None, :],
    )
    return site


def generation_cost_range(scenario: Scenario, generation: str) -> tuple[float, float, float]:
    """A generation's cost per GPU-hour: (scenario value, min, max over the sensitivity grid).

    The grid is :data:`LIFETIME_GRID_YEARS` × :data:`UTILIZATION_GRID`, every other input at
    the scenario's value; USD per GPU-hour.
    """
    spec = spec_inputs(scenario.fleet.specs[generation], scenario)
    point = compute_cost_per_gpu_hour_usd(**spec, **site_inputs(scenario))
    grid = compute_cost_per_gpu_hour_usd(**spec, **_grid_site_inputs(scenario))
    return float(point), float(np.min(grid)), float(np.max(grid))


def annual_cost_range_usd(
    scenario: Scenario, generation: str, gpu_count: float
) -> tuple[float, float]:
    """Annual TCO of ``gpu_count`` GPUs of a generation: (min, max) over the grid, USD/year."""
    spec = spec_inputs(scenario.fleet.specs[generation], scenario)
    parts = compute_annual_cost_per_gpu_usd(**spec, **_grid_site_inputs(scenario))
    total = sum(parts.values()) * gpu_count
    return float(np.min(total)), float(np.max(total))


# --------------------------------------------------------------------------- headline


def headline_figures(scenario: Scenario) -> dict[str, tuple[float, str, str]]:
    """The cost report's own headline figures: name → (value, unit, label).

    The programme's capex, GW and GPUs are published from
    :func:`stargate.model.programme.headline_figures`, shared by every report. The cost per
    GPU-hour is published twice: per GB300-equivalent hour (hours counted by IT power, the unit
    of the contract and break-even prices, so the front page sets them side by side) and per
    average GPU of the mixed fleet.
    """
    # Imported here: project_economics imports this module through the venture model.
    from stargate.model.project_economics import HEADLINE_PRICE_GENERATION

    return {
        "annual_tco_usd": (annual_tco_usd(scenario), "USD", "Annual total cost of ownership"),
        "cost_per_gb300_equivalent_hour_usd": (
            cost_per_equivalent_gpu_hour_usd(scenario, HEADLINE_PRICE_GENERATION),
            "USD/GPU-hour",
            "Cost per GB300-equivalent GPU-hour (by IT power)",
        ),
        "cost_per_gpu_hour_usd": (
            cost_per_gpu_hour_usd(scenario),
            "USD/GPU-hour",
            "Cost per average GPU-hour of the fleet",
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
