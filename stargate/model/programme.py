"""The programme every report describes: GW, GPUs by generation, capex by year, totals.

Numbers only. The fleet is :func:`stargate.model.sites.fleet_batches` — the evidenced
programme's sites filled with GPUs, unless a scenario sets its own batches (the article's case)
— and its costs are the cost model's (:mod:`stargate.model.costs`, with the scenario's point
overruns). Every report publishes its shared headline figures from :func:`headline_figures`, so
the cost, investor and sustainability pages show one value per quantity.

"Capex" here is the initial build (GPUs, the IT around them, buildings and power) paid in the
year the capacity is energised; IT refreshes at the end of the IT life are shown beside it
(:func:`capex_by_year_table`) but are not part of the programme's capex total.
"""

from __future__ import annotations

import pandas as pd

from stargate import facts
from stargate.model import costs, fleet_refresh, sites
from stargate.scenario import Scenario
from stargate.schema.common import PLAN_FIRST_YEAR, PLAN_LAST_YEAR
from stargate.schema.compute import GENERATIONS, GpuBatch

#: Calendar years of the programme's schedule (the models' horizon).
PLAN_YEARS: tuple[int, ...] = tuple(range(PLAN_FIRST_YEAR, PLAN_LAST_YEAR + 1))


def programme_capex_usd(scenario: Scenario) -> float:
    """Capex of the modelled fleet's initial build (with the point overruns), USD."""
    return costs.total_capex_usd(scenario)


def programme_gw(scenario: Scenario) -> float:
    """Facility power of the modelled fleet (IT power × PUE), GW."""
    return costs.power_summary(scenario)["power_facility_mw"] / 1000.0


def programme_gpus(scenario: Scenario) -> int:
    """GPUs in the modelled fleet."""
    return sites.fleet_gpu_count(scenario)


def capex_usd_by_plan_year(scenario: Scenario) -> dict[int, float]:
    """Initial-build capex per year of :data:`PLAN_YEARS` (0 where nothing is built), USD."""
    by_year = costs.capex_usd_by_year(scenario)
    return {year: float(by_year.get(year, 0.0)) for year in PLAN_YEARS}


def gpus_by_generation(scenario: Scenario) -> dict[str, int]:
    """GPUs of the modelled fleet per generation (release order; only those present)."""
    table = costs.fleet_table(scenario)
    counts = table.groupby("generation")["gpu_count"].sum()
    return {g: int(counts[g]) for g in GENERATIONS if g in counts.index}


def capex_by_year_table(scenario: Scenario) -> pd.DataFrame:
    """The programme's schedule per year of :data:`PLAN_YEARS`.

    Returns:
        Indexed by ``year``: ``gw_energised`` (facility power of the batches deployed that
        year), ``gw_cumulative``, ``gpus_installed``, ``generations`` (text),
        ``build_capex_usd`` (initial build, overruns in), ``refresh_capex_usd`` (IT replaced
        at the end of its life, overruns in), ``capex_usd`` (the two together).
    """
    table = costs.fleet_table(scenario)
    refresh = fleet_refresh.compute_refresh_wave(scenario, until_year=PLAN_LAST_YEAR)
    rows = []
    for year in PLAN_YEARS:
        batch = table[table["deploy_year"] == year]
        build = float(batch["capex_usd"].sum())
        refreshed = (
            float(refresh.loc[refresh["refresh_year"] == year, "refresh_capex_usd"].sum())
            if not refresh.empty
            else 0.0
        )
        rows.append(
            {
                "year": year,
                "gw_energised": float(batch["power_facility_mw"].sum()) / 1000.0,
                "gpus_installed": int(batch["gpu_count"].sum()),
                "generations": ", ".join(g for g in GENERATIONS if g in set(batch["generation"])),
                "build_capex_usd": build,
                "refresh_capex_usd": refreshed,
                "capex_usd": build + refreshed,
            }
        )
    out = pd.DataFrame(rows).set_index("year")
    out.insert(1, "gw_cumulative", out["gw_energised"].cumsum())
    return out


def with_batches(scenario: Scenario, batches: list[GpuBatch] | None) -> Scenario:
    """The scenario with its fleet's batches replaced (None: the programme's)."""
    fleet = scenario.fleet.model_copy(update={"batches": batches})
    return scenario.model_copy(update={"fleet": fleet})


def evidenced_programme(scenario: Scenario) -> Scenario:
    """The scenario with the programme's fleet, whatever batches it sets of its own."""
    return with_batches(scenario, None)


def article_fleet(scenario: Scenario) -> Scenario:
    """The scenario with the seed article's fleet: its 700,000 H100 bought in 2025 (a claim)."""
    count = int(facts.value("claim_hopper_gpus"))
    year = int(facts.get("sg_total_commitment").as_of[:4])
    return with_batches(scenario, [GpuBatch(generation="H100", gpu_count=count, deploy_year=year)])


def fleet_summary(scenario: Scenario) -> dict[str, float]:
    """GW, GPUs (total and per generation) and capex of a scenario's modelled fleet.

    Returns:
        ``gw`` (facility power), ``gpus``, ``capex_usd``, ``capex_usd_per_gw`` and
        ``gpus_<generation>`` for every generation (0 where absent).
    """
    gw = programme_gw(scenario)
    capex = programme_capex_usd(scenario)
    by_gen = gpus_by_generation(scenario)
    out: dict[str, float] = {
        "gw": gw,
        "gpus": float(programme_gpus(scenario)),
        "capex_usd": capex,
        "capex_usd_per_gw": capex / gw if gw > 0 else float("nan"),
    }
    for generation in GENERATIONS:
        out[f"gpus_{generation}"] = float(by_gen.get(generation, 0))
    return out


def what_commitment_buys(scenario: Scenario) -> pd.DataFrame:
    """What $500bn buys: the evidenced programme, the commitment at its cost, the article's fleet.

    Rows (``row``): ``programme`` (the evidenced programme under the scenario's inputs),
    ``commitment`` (``program.total_commitment_usd`` spent at the programme's capex per GW and
    generation mix), ``article`` (the seed article's 700,000 H100, priced by the same model),
    ``article_share`` (the article's fleet as a share of the programme: fractions).
    Columns: those of :func:`fleet_summary`.
    """
    programme = fleet_summary(evidenced_programme(scenario))
    article = fleet_summary(article_fleet(scenario))
    commitment_usd = scenario.program.total_commitment_usd
    scale = commitment_usd / programme["capex_usd"] if programme["capex_usd"] > 0 else 0.0
    commitment = {k: (v * scale if k != "capex_usd_per_gw" else v) for k, v in programme.items()}
    commitment["capex_usd"] = commitment_usd
    share = {
        k: (article[k] / programme[k] if programme[k] else float("nan"))
        for k in programme
        if k != "capex_usd_per_gw"
    }
    share["capex_usd_per_gw"] = float("nan")
    frame = pd.DataFrame([programme, commitment, article, share])
    frame.insert(0, "row", ["programme", "commitment", "article", "article_share"])
    return frame


def headline_figures(scenario: Scenario) -> dict[str, tuple[float, str, str]]:
    """The programme's shared headline figures: name → (value, unit, label).

    Every report that shows the programme publishes these, from this one function, so the
    index and comparison pages carry one value per quantity: capex, GW, GPUs and capex per
    year of the modelled fleet's initial build.
    """
    what = "programme" if sites.uses_programme_fleet(scenario) else "modelled fleet"
    out: dict[str, tuple[float, str, str]] = {
        "programme_capex_usd": (
            programme_capex_usd(scenario),
            "USD",
            f"Capex of the {what} (initial build)",
        ),
        "programme_gw": (programme_gw(scenario), "GW", f"Power of the {what} (facility)"),
        "programme_gpus": (float(programme_gpus(scenario)), "GPU", f"GPUs in the {what}"),
    }
    for year, usd in capex_usd_by_plan_year(scenario).items():
        out[f"capex_{year}_usd"] = (usd, "USD", f"Capex of the {what} in {year}, initial build")
    return out
