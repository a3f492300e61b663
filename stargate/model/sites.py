"""The programme's sites → GW energised by year → GPUs by generation → the fleet's batches.

Numbers only: pure functions of a validated :class:`~stargate.scenario.Scenario` and the sites
table (``stargate/data/tables/sites.yaml``, rows :class:`~stargate.schema.programme.SiteRow`).

The model in one paragraph. Each counted site has an announced capacity (GW of facility power)
and reported energisation dates; its capacity comes on evenly over the years from its first to
its last date, later by the scenario's slip — except capacity already energised at the sites
table's date (status ``energised``), which no slip can move. The programme's stated target
(10 GW) less the named sites is the **unsited remainder**, a plan with no site, of which a share
is built in one year.
Capacity energised in a year is filled with the newest NVIDIA generation whose first year has
come (GB200 → GB300 → Vera Rubin), unless the site reports its hardware (Abilene: GB200). IT
power is facility power ÷ PUE, and GPUs = IT power ÷ the generation's all-in IT watts per GPU.
Capacity that slips past the models' last year (2030) is counted as beyond the horizon and left
out of the fleet.

GW are facility (grid) power unless a name says ``it``; MW likewise.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from stargate import facts
from stargate.scenario import Scenario
from stargate.schema.common import PLAN_LAST_YEAR
from stargate.schema.compute import GpuBatch
from stargate.schema.programme import SiteRow, load_sites

#: Id of the unsited remainder in the schedule (not a row of the sites table).
UNSITED_ID = "unsited"
#: Reader's name of the unsited remainder.
UNSITED_NAME = "Unsited remainder (a plan with no site)"


def capacity_gw(site: SiteRow) -> float:
    """A site's announced capacity in GW (its capacity fact is in GW or MW)."""
    fact = facts.get(site.capacity_fact)
    value = float(fact.value)
    if fact.unit == "GW":
        return value
    if fact.unit == "MW":
        return value / 1000.0
    raise ValueError(f"site {site.id}: capacity fact {fact.id} is in {fact.unit}, not GW or MW")


def reported_years(site: SiteRow) -> tuple[int, int]:
    """(first, last) reported energisation year of a counted site, before any slip."""
    if site.energised_by_fact is None:
        raise ValueError(f"site {site.id} has no energisation year")
    last = int(facts.value(site.energised_by_fact))
    first = int(facts.value(site.energised_from_fact)) if site.energised_from_fact else last
    return min(first, last), last


def counted_sites() -> tuple[SiteRow, ...]:
    """Sites that belong to the US programme."""
    return tuple(s for s in load_sites() if s.counted)


def sited_gw() -> float:
    """Announced capacity of the counted sites, GW."""
    return sum(capacity_gw(s) for s in counted_sites())


def unsited_gw(scenario: Scenario) -> float:
    """The unsited remainder that is built: (target − named sites, ≥ 0) × share built, GW."""
    gap = max(0.0, scenario.programme.target_gw - sited_gw())
    return gap * scenario.programme.unsited_share_built


def slip_years(scenario: Scenario, site: SiteRow) -> int:
    """Years a counted site energises later than reported under the scenario.

    The scenario's slip (overall plus the site's own) applies only to capacity not yet
    energised: a site whose status is ``energised`` at the sites table's date keeps its
    reported year, since a delay cannot move what is already running.
    """
    if site.status == "energised":
        return 0
    return scenario.programme.slip_for(site.id)


def generation_for_year(scenario: Scenario, year: int) -> str:
    """The newest generation whose first year is ≤ ``year`` (GB200 before its first year)."""
    chosen = "GB200"
    for generation, first in scenario.programme.generation_first_year.as_dict().items():
        if first <= year:
            chosen = generation
    return chosen


def schedule_table(scenario: Scenario) -> pd.DataFrame:
    """GW energised per site and year, after the scenario's slips, with the unsited remainder.

    Returns:
        One row per (site, year): ``site_id``, ``site``, ``status``, ``year``, ``gw``
        (facility power energised that year), ``generation`` (hardware installed),
        ``in_horizon`` (year ≤ 2030, the models' last year), ``slip_years``.
    """
    rows = []
    for site in counted_sites():
        first, last = reported_years(site)
        slip = slip_years(scenario, site)
        years = list(range(first + slip, last + slip + 1))
        per_year = capacity_gw(site) / len(years)
        for year in years:
            generation = site.generation or generation_for_year(scenario, year)
            if site.generation_fact:
                facts.get(site.generation_fact)
            rows.append(
                {
                    "site_id": site.id,
                    "site": site.name,
                    "status": site.status,
                    "year": year,
                    "gw": per_year,
                    "generation": generation,
                    "in_horizon": year <= PLAN_LAST_YEAR,
                    "slip_years": slip,
                }
            )
    remainder = unsited_gw(scenario)
    if remainder > 0:
        year = scenario.programme.unsited_energised_year + scenario.programme.slip_years
        rows.append(
            {
                "site_id": UNSITED_ID,
                "site": UNSITED_NAME,
                "status": "plan, no site",
                "year": year,
                "gw": remainder,
                "generation": generation_for_year(scenario, year),
                "in_horizon": year <= PLAN_LAST_YEAR,
                "slip_years": scenario.programme.slip_years,
            }
        )
    columns = ["site_id", "site", "status", "year", "gw", "generation", "in_horizon", "slip_years"]
    return pd.DataFrame(rows, columns=columns)


@dataclass(frozen=True)
class ProgrammeBatch:
    """GPUs of one generation energised in one year, with the power they fill."""

    generation: str
    year: int
    gw: float
    it_mw: float
    gpu_count: int


def programme_batches(scenario: Scenario) -> list[ProgrammeBatch]:
    """The programme's fleet by (year, generation), within the horizon.

    GPUs = IT MW × 10⁶ ÷ all-in IT W per GPU (``fleet.specs``), IT MW = GW × 1000 ÷ PUE,
    rounded to whole GPUs. Years after 2030 are left out (see :func:`beyond_horizon_gw`).
    """
    table = schedule_table(scenario)
    table = table[table["in_horizon"]]
    grouped = table.groupby(["year", "generation"], sort=True)["gw"].sum()
    pue = scenario.facility.pue
    out = []
    for (year, generation), gw in grouped.items():
        if gw <= 0:
            continue
        it_mw = float(gw) * 1000.0 / pue
        watts = scenario.fleet.specs[str(generation)].it_power_w_per_gpu
        count = int(round(it_mw * 1e6 / watts))
        if count <= 0:
            continue
        out.append(ProgrammeBatch(str(generation), int(year), float(gw), it_mw, count))
    return out


def beyond_horizon_batches(scenario: Scenario) -> list[GpuBatch]:
    """The capacity a slip puts past 2030 as batches (generation, GPUs, year energised).

    The same arithmetic as :func:`programme_batches` on the schedule's rows after 2030: left
    out of the fleet, but its capex is still owed (the venture model counts it in 2030). Empty
    for a scenario that sets its own fleet.
    """
    if not uses_programme_fleet(scenario):
        return []
    table = schedule_table(scenario)
    table = table[~table["in_horizon"]]
    pue = scenario.facility.pue
    out = []
    for (year, generation), gw in (
        table.groupby(["year", "generation"], sort=True)["gw"].sum().items()
    ):
        watts = scenario.fleet.specs[str(generation)].it_power_w_per_gpu
        count = int(round(float(gw) * 1e9 / pue / watts))
        if count > 0:
            # Unvalidated: a fleet batch's year is at most 2030 and these come after it (they
            # are only priced; their year places nothing in the horizon).
            out.append(
                GpuBatch.model_construct(
                    generation=str(generation), gpu_count=count, deploy_year=int(year)
                )
            )
    return out


def batch_is_energised(scenario: Scenario) -> list[bool]:
    """Per batch of :func:`fleet_batches`: True where all its capacity is already energised.

    A delay cannot move such a batch (:func:`slip_years`). False for a scenario's own fleet.
    """
    batches = fleet_batches(scenario)
    if not uses_programme_fleet(scenario):
        return [False] * len(batches)
    table = schedule_table(scenario)
    out = []
    for batch in batches:
        rows = table[
            (table["year"] == batch.deploy_year) & (table["generation"] == batch.generation)
        ]
        out.append(bool(len(rows)) and bool((rows["status"] == "energised").all()))
    return out


def beyond_horizon_gw(scenario: Scenario) -> float:
    """Capacity that slips past 2030, the models' last year, GW (left out of the fleet)."""
    table = schedule_table(scenario)
    return float(table.loc[~table["in_horizon"], "gw"].sum())


def programme_gpu_batches(scenario: Scenario) -> list[GpuBatch]:
    """The programme's fleet as the cost model's batches (generation, GPUs, deploy year)."""
    return [
        GpuBatch(generation=b.generation, gpu_count=b.gpu_count, deploy_year=b.year)  # type: ignore[arg-type]
        for b in programme_batches(scenario)
    ]


def uses_programme_fleet(scenario: Scenario) -> bool:
    """True when the scenario's fleet is the programme's (it sets no batches of its own)."""
    return scenario.fleet.batches is None


def fleet_batches(scenario: Scenario) -> list[GpuBatch]:
    """The fleet every report models: the scenario's own batches, else the programme's.

    A programme whose every site slips past 2030 (and builds no remainder) has no fleet in the
    horizon; the cost model then needs at least one GPU, so the first batch after the horizon
    is pulled back to 2030 — the model's last year — rather than failing.
    """
    if scenario.fleet.batches is not None:
        return list(scenario.fleet.batches)
    batches = programme_gpu_batches(scenario)
    if batches:
        return batches
    return [_last_resort_batch(scenario)]


def _last_resort_batch(scenario: Scenario) -> GpuBatch:
    table = schedule_table(scenario)
    if table.empty:
        # No site and nothing of the remainder built: one rack's worth of the first generation,
        # so every ratio stays defined (the reports say the programme builds nothing).
        generation = generation_for_year(scenario, PLAN_LAST_YEAR)
        return GpuBatch(generation=generation, gpu_count=72, deploy_year=PLAN_LAST_YEAR)  # type: ignore[arg-type]
    first = table.sort_values("year").iloc[0]
    generation = str(first["generation"])
    watts = scenario.fleet.specs[generation].it_power_w_per_gpu
    count = max(1, int(round(float(first["gw"]) * 1e9 / scenario.facility.pue / watts)))
    return GpuBatch(generation=generation, gpu_count=count, deploy_year=PLAN_LAST_YEAR)  # type: ignore[arg-type]


def fleet_gpu_count(scenario: Scenario) -> int:
    """GPUs in the modelled fleet (:func:`fleet_batches`)."""
    return sum(b.gpu_count for b in fleet_batches(scenario))


def fleet_generations(scenario: Scenario) -> list[str]:
    """Generations present in the modelled fleet, in release order."""
    from stargate.schema.compute import GENERATIONS

    present = {b.generation for b in fleet_batches(scenario)}
    return [g for g in GENERATIONS if g in present]


def sites_table(scenario: Scenario) -> pd.DataFrame:
    """Every site of the table with its capacity, dates, parties and status, for readers.

    Returns:
        One row per site (counted first, then those outside the programme) and the unsited
        remainder: ``site_id``, ``site``, ``location``, ``counted``, ``gw``, ``developer``,
        ``operator``, ``financier``, ``announced``, ``status``, ``first_year``, ``last_year``
        (reported energisation, before slip; NaN outside the programme), ``slip_years``,
        ``capacity_fact`` and ``fact_ids`` (every fact the row cites).
    """
    rows = []
    for site in load_sites():
        cited = [
            site.capacity_fact,
            site.announced_fact,
            site.status_fact,
            *site.party_facts,
            *(f for f in (site.energised_from_fact, site.energised_by_fact) if f),
            *((site.generation_fact,) if site.generation_fact else ()),
        ]
        for fact_id in cited:
            facts.get(fact_id)
        first, last = reported_years(site) if site.counted else (math.nan, math.nan)
        rows.append(
            {
                "site_id": site.id,
                "site": site.name,
                "location": site.location,
                "counted": site.counted,
                "gw": capacity_gw(site),
                "capacity_note": site.capacity_note
                if site.counted
                else f"not counted: {site.not_counted_why}",
                "developer": site.developer,
                "operator": site.operator,
                "financier": site.financier,
                "announced": site.announced,
                "status": site.status,
                "first_year": first,
                "last_year": last,
                "slip_years": slip_years(scenario, site) if site.counted else 0,
                "capacity_fact": site.capacity_fact,
                "fact_ids": tuple(dict.fromkeys(cited)),
            }
        )
    remainder = unsited_gw(scenario)
    year = scenario.programme.unsited_energised_year
    facts.get("sg_oracle_4p5gw_commitment_gw")
    rows.append(
        {
            "site_id": UNSITED_ID,
            "site": UNSITED_NAME,
            "location": "none named",
            "counted": True,
            "gw": remainder,
            "capacity_note": (
                f"{scenario.programme.target_gw:g} GW target less the named sites, "
                f"× {scenario.programme.unsited_share_built:.0%} built"
            ),
            "developer": "none named",
            "operator": "none named",
            "financier": "none named",
            "announced": "2025-07",
            "status": "plan, no site",
            "first_year": year,
            "last_year": year,
            "slip_years": scenario.programme.slip_years,
            "capacity_fact": "sg_oracle_4p5gw_commitment_gw",
            "fact_ids": ("sg_oracle_4p5gw_commitment_gw", "as_unsited_share_built"),
        }
    )
    table = pd.DataFrame(rows)
    counted = table["counted"].astype(bool)
    return pd.concat([table[counted], table[~counted]], ignore_index=True)
