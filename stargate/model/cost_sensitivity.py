"""Sensitivity of the cost per GPU-hour: grids, sourced-price sweeps and one-at-a-time swings.

Numbers only, for the cost report's sensitivity section: the IT lifetime × utilisation grid
(heatmap), the fleet priced at every sourced electricity price and across the cost-of-capital
range, and the tornado of one-at-a-time swings whose low and high figures come from the register
(``data/tables/cost_tornado_inputs.yaml``). Everything is vectorised through
:func:`stargate.model.costs.sweep_cost_per_gpu_hour_usd`. Amounts are nominal USD.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict

from stargate import facts
from stargate.model import sites
from stargate.model.costs import (
    LIFETIME_GRID_YEARS,
    SWEEPABLE,
    UTILIZATION_GRID,
    cost_per_gpu_hour_usd,
    sweep_annual_tco_breakdown_usd,
    sweep_cost_per_gpu_hour_usd,
)
from stargate.scenario import Scenario
from stargate.schema.common import FACT_KEY
from stargate.tables import load_table


def lifetime_utilization_grid(scenario: Scenario) -> pd.DataFrame:
    """Fleet cost per GPU-hour over IT lifetime × utilisation (the report's heatmap).

    Returns:
        Long table: ``it_lifetime_years``, ``utilization_rate``, ``cost_per_gpu_hour_usd``
        (USD), one row per cell of :data:`LIFETIME_GRID_YEARS` × :data:`UTILIZATION_GRID`.
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
        }
        for i, y in enumerate(years)
        for j, u in enumerate(util)
    ]
    return pd.DataFrame(rows)


class ElectricityPrice(BaseModel):
    """A row of ``data/tables/cost_electricity_prices.yaml``: a sourced price and its label."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    fact_id: str
    label: str


def electricity_prices() -> tuple[ElectricityPrice, ...]:
    """The sourced electricity prices the report sweeps (``cost_electricity_prices.yaml``)."""
    return load_table("cost_electricity_prices", ElectricityPrice)


def electricity_sweep(scenario: Scenario) -> pd.DataFrame:
    """Fleet cost per GPU-hour at each sourced electricity price (:func:`electricity_prices`).

    Returns:
        Rows sorted by price: ``price`` (label), ``fact_id``, ``electricity_usd_per_mwh``,
        ``cost_per_gpu_hour_usd``, ``energy_share`` (energy's share of annual TCO, fraction).
    """
    rows = electricity_prices()
    prices = np.asarray([facts.value(r.fact_id) for r in rows], dtype=float)
    cost = sweep_cost_per_gpu_hour_usd(scenario, electricity_usd_per_mwh=prices)
    parts = sweep_annual_tco_breakdown_usd(scenario, electricity_usd_per_mwh=prices)
    share = parts["energy"] / sum(parts.values())
    table = pd.DataFrame(
        {
            "price": [r.label for r in rows],
            "fact_id": [r.fact_id for r in rows],
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
        Long table: ``cost_of_capital_rate`` (fraction), ``it_lifetime_years``,
        ``cost_per_gpu_hour_usd``.
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
            "it_lifetime_years": float(life),
            "cost_per_gpu_hour_usd": float(grid[i, j]),
        }
        for i, life in enumerate(lives)
        for j, r in enumerate(rates)
    ]
    return pd.DataFrame(rows)


class TornadoInput(BaseModel):
    """A row of ``data/tables/cost_tornado_inputs.yaml``: one input and its low / high figures.

    ``low_fact`` / ``high_fact`` name a register row and ``low_figure`` / ``high_figure`` which
    of its figures to take: its ``value``, or the ``low`` / ``high`` of its range.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    label: str
    group: Literal["facility", "finance"]
    field: str
    low_fact: str
    low_figure: Literal["value", "low", "high"]
    high_fact: str
    high_figure: Literal["value", "low", "high"]


def tornado_inputs() -> tuple[TornadoInput, ...]:
    """The site and finance inputs the tornado swings (``cost_tornado_inputs.yaml``)."""
    rows = load_table("cost_tornado_inputs", TornadoInput)
    for row in rows:
        if SWEEPABLE.get(row.field) != row.group:
            raise ValueError(f"cost_tornado_inputs: {row.group}.{row.field} is not sweepable")
    return rows


#: Per-GPU figures whose sourced range the tornado also swings, for each generation in the fleet
#: (field → the factor's name, followed by the generation: "GPU price (H100)").
TORNADO_SPEC_FIELDS: dict[str, str] = {
    "accelerator_price_usd": "GPU price",
    "other_it_capex_usd_per_gpu": "Other IT per GPU",
}


def _fact_figure(fact_id: str, figure: str) -> float:
    number = getattr(facts.get(fact_id), figure)
    if not isinstance(number, float):
        raise TypeError(f"fact {fact_id!r} has no numeric {figure}")
    return number


def _replace_spec(scenario: Scenario, generation: str, field: str, value: float) -> Scenario:
    specs = scenario.fleet.specs
    spec = specs[generation].model_copy(update={field: value})
    fleet = scenario.fleet.model_copy(update={"specs": specs.model_copy(update={generation: spec})})
    return scenario.model_copy(update={"fleet": fleet})


def tornado_table(scenario: Scenario) -> pd.DataFrame:
    """One-at-a-time swings of the fleet's cost per GPU-hour (the report's tornado chart).

    Each input goes to the low and to the high figure named in :func:`tornado_inputs` (a
    sourced fact or the range of an assumption row) while every other input stays at the
    scenario's value; for each generation in the fleet, its GPU price and other-IT figures swing
    over their sourced range where the register gives one.

    Returns:
        Columns ``factor`` (name), ``field`` (the parameter swung), ``low_value``,
        ``high_value`` (the input, in the parameter's unit), ``cost_at_low_usd``,
        ``cost_at_high_usd`` (USD per GPU-hour), ``swing_usd`` (absolute difference),
        ``fact_ids`` (comma-separated); widest swing first.
    """
    rows = []
    for row in tornado_inputs():
        low = _fact_figure(row.low_fact, row.low_figure)
        high = _fact_figure(row.high_fact, row.high_figure)
        costs = sweep_cost_per_gpu_hour_usd(scenario, **{row.field: np.asarray([low, high])})
        rows.append(
            {
                "factor": row.label,
                "field": row.field,
                "low_value": low,
                "high_value": high,
                "cost_at_low_usd": float(costs[0]),
                "cost_at_high_usd": float(costs[1]),
                "fact_ids": ", ".join(dict.fromkeys((row.low_fact, row.high_fact))),
            }
        )
    for generation in sites.fleet_generations(scenario):
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
                    "field": field,
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
