"""The cost report's fact-check for readers: each claim, the evidence and the model, in words.

The checks, their ranges and verdicts are worked out in :mod:`stargate.model.fact_check`; here
each row gets the sentence a reader sees, every amount in the scenario's display currency
(the article's own dollar figures too, converted like any other amount).
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from stargate import facts
from stargate.model import costs, fact_check
from stargate.model.finance import HOURS_PER_YEAR
from stargate.present.formatting import format_money, format_number, format_share
from stargate.scenario import Scenario

#: (claim, article's figure, evidence and model) for one check.
Texts = tuple[str, str, str]


def _claim_texts(scenario: Scenario) -> dict[str, Callable[[], Texts]]:
    """Check id → a function giving its three texts (called only for the checks in the table)."""
    d = scenario.display
    v = facts.value
    fig = fact_check.fact_check_figures(scenario)
    art = fact_check.article_arithmetic()
    gpus = format_number(v("claim_hopper_gpus"))
    capex_claim = v("claim_capex_usd")
    nvidia_claim = v("claim_nvidia_revenue_usd")
    grid_years, grid_util = costs.LIFETIME_GRID_YEARS, costs.UTILIZATION_GRID
    grid = (
        f"IT life {format_number(grid_years[0])}–{format_number(grid_years[-1])} years × "
        f"utilisation {format_share(grid_util[0])}–{format_share(grid_util[-1])}"
    )

    def m(usd: float) -> str:
        return format_money(usd, d)

    def gpu_count() -> Texts:
        return (
            f"NVIDIA supplies {gpus} GPUs to Stargate",
            f"{gpus} GPUs",
            f"No source ties a count of {gpus} GPUs to Stargate. Reported figures are "
            f"{format_number(v('abilene_gpus_committed_2026'))} GB200 planned at Abilene by "
            f"end-2026, with space for {format_number(v('abilene_gpus_max'))} chips if the "
            "campus is filled.",
        )

    def hopper() -> Texts:
        return (
            "The GPUs are Hopper (H100)",
            "Hopper",
            "The hardware reported for Stargate and OpenAI is Blackwell and later: Oracle began "
            "delivering GB200 racks to Abilene in June 2025, OpenAI's AWS deal names GB200/GB300, "
            "and NVIDIA's first GW for OpenAI is to be Vera Rubin. The report prices H100 only to "
            "test the article's own arithmetic.",
        )

    def capex_per_gpu() -> Texts:
        h100_capex = fig["h100_capex_usd_per_gpu"]
        return (
            f"Capex of {m(capex_claim)} for the {gpus} GPUs",
            f"{m(capex_claim)} = {m(art['capex_usd_per_gpu'])} per GPU",
            f"Model: {m(h100_capex)} per H100 all-in ({m(h100_capex * v('claim_hopper_gpus'))} "
            f"for {gpus}), of which facility {m(fig['h100_facility_usd_per_gpu'])}. Evidence "
            f"allows {m(fig['capex_low_usd_per_gpu'])} (DGX server price per GPU, cheapest "
            f"facility) to {m(fig['capex_high_usd_per_gpu'])} (all-in compute estimate, "
            f"Shackelford-level facility). {m(art['capex_usd_per_gpu'])} is close to a GB200's "
            f"all-in IT cost ({m(v('allin_gb200_per_gpu_derived'))}) before any building.",
        )

    def nvidia_revenue_per_gpu() -> Texts:
        price = facts.get("price_h100")
        return (
            f"NVIDIA earns {m(nvidia_claim)}",
            f"{m(nvidia_claim)} = {m(art['nvidia_revenue_usd_per_gpu'])} per GPU",
            f"An H100 sells for {m(price.low or 0)}–{m(price.high or 0)}; a whole DGX server "
            f"costs {m(v('price_dgx_h100_per_gpu_derived'))} per GPU and all-in compute with "
            f"networking about {m(fig['revenue_high_usd_per_gpu'])} per GPU. NVIDIA cannot earn "
            "more per GPU than the whole IT bill, so the range tested is the GPU price up to the "
            "all-in figure.",
        )

    def nvidia_share_of_capex() -> Texts:
        return (
            f"NVIDIA's share of capex ({m(nvidia_claim)} of {m(capex_claim)})",
            format_share(art["nvidia_share_of_capex"], digits=1),
            f"Bernstein puts GPUs at {format_share(fig['share_low'])} of AI data-centre capex; "
            f"NVIDIA's own figure is {m(v('nvda_per_gw_hardware'))} of "
            f"{m(v('nvda_per_gw_total'))} per GW ({format_share(fig['share_high'])}, all NVIDIA "
            f"hardware incl. networking). Model (H100): accelerators "
            f"{format_share(fig['h100_accelerator_share'])} of capex.",
        )

    def h100_cost_per_hour() -> Texts:
        claim = v("claim_price_usd_per_gpu_hour")
        return (
            f"Operating cost of {m(claim)} per H100-hour",
            f"{m(claim)}/GPU-hour",
            "Model full cost of an H100-hour (capital recovery + operating costs): "
            f"{m(fig['h100_cost_per_gpu_hour_usd'])}; "
            f"{m(fig['h100_cost_per_gpu_hour_usd_low'])}–"
            f"{m(fig['h100_cost_per_gpu_hour_usd_high'])} over {grid}. Running costs alone "
            f"(energy, maintenance, staff) are {m(fig['h100_running_cost_per_gpu_hour_usd'])}, "
            f"so {m(claim)} can only be a full cost of ownership or a rental price. Market H100 "
            f"rental: {m(v('gpu_rent_2024_early'))} (early 2024), {m(v('gpu_rent_oct2024'))} "
            f"(Oct 2024), {m(v('gpu_rent_low_2025'))} (2025 low). The figure itself is "
            "untraced; a rental price is not an operating cost.",
        )

    def annual_cost() -> Texts:
        price = m(v("claim_price_usd_per_gpu_hour"))
        return (
            f"Implied annual cost: {gpus} × {price} × {format_number(HOURS_PER_YEAR)} h",
            f"{m(art['annual_cost_usd'])} a year",
            f"Model annual TCO of {gpus} H100: {m(fig['annual_cost_model_usd'])}; "
            f"{m(fig['annual_cost_model_usd_low'])}–{m(fig['annual_cost_model_usd_high'])} over "
            f"{grid}. The article's product assumes every hour of the year is paid for.",
        )

    def gb200_cost_per_hour() -> Texts:
        claim = v("claim_gb200_usd_per_gpu_hour")
        return (
            f"Operating cost of OpenAI's first GB200 cluster: {m(claim)} per hour",
            f"{m(claim)}/GPU-hour",
            f"Model GB200 GPU-hour: {m(fig['gb200_cost_per_gpu_hour_usd'])}; "
            f"{m(fig['gb200_cost_per_gpu_hour_usd_low'])}–"
            f"{m(fig['gb200_cost_per_gpu_hour_usd_high'])} over the same grid. An independent "
            f"at-cost estimate gives {m(v('gpu_gb200_atcost_est'))} per GB200-hour; B200 spot "
            f"rental was {m(v('gpu_rent_b200_2026_spot'))} in March 2026.",
        )

    def newer_generations_dearer() -> Texts:
        gens = fact_check.NEWER_GENERATIONS
        per_hour = " → ".join(m(fig[f"cost_per_gpu_hour_usd_{g}"]) for g in gens)
        per_pflop = " → ".join(m(fig[f"cost_per_pflop_hour_usd_{g}"]) for g in gens)
        return (
            "GB300 and VR200 raise costs further",
            "qualitative",
            f"Model cost per GPU-hour {' → '.join(gens)}: {per_hour}; per dense BF16 "
            f"PFLOP-hour: {per_pflop} (VR200's BF16 is unpublished: a floor, so its per-PFLOP "
            "cost is an upper bound). Per GPU-hour the claim holds; per unit of compute it need "
            "not.",
        )

    return {
        "gpu_count": gpu_count,
        "hopper": hopper,
        "capex_per_gpu": capex_per_gpu,
        "nvidia_revenue_per_gpu": nvidia_revenue_per_gpu,
        "nvidia_share_of_capex": nvidia_share_of_capex,
        "h100_cost_per_hour": h100_cost_per_hour,
        "annual_cost": annual_cost,
        "gb200_cost_per_hour": gb200_cost_per_hour,
        "newer_generations_dearer": newer_generations_dearer,
    }


def fact_check_rows(scenario: Scenario) -> pd.DataFrame:
    """The fact-check table with the sentences a reader sees.

    Returns:
        The columns of :func:`stargate.model.fact_check.fact_check_table` plus ``claim``,
        ``article_value`` and ``evidence`` (text).
    """
    table = fact_check.fact_check_table(scenario)
    texts = _claim_texts(scenario)
    shown = [texts[check]() for check in table["check"]]
    return table.assign(
        claim=[t[0] for t in shown],
        article_value=[t[1] for t in shown],
        evidence=[t[2] for t in shown],
    )


def format_fact_check_table(scenario: Scenario) -> pd.DataFrame:
    """The fact-check table for readers: claim, article value, evidence/model, verdict, sources."""
    t = fact_check_rows(scenario)
    return pd.DataFrame(
        {
            "Claim in the article": t["claim"],
            "Article's figure": t["article_value"],
            "Evidence and model": t["evidence"],
            "Verdict": t["verdict"],
            "Sources (fact ids)": t["sources"],
        }
    ).set_index("Claim in the article")


def describe_fact_check(scenario: Scenario) -> str:
    """Markdown: the count of verdicts in the fact-check table."""
    counts = fact_check.fact_check_table(scenario)["verdict"].value_counts()
    parts = [
        f"**{format_number(counts.get(v, 0))}** {v}"
        for v in ("consistent", "inconsistent", "unsourced")
    ]
    return (
        f"Of the article's {format_number(counts.sum())} cost claims checked: "
        + ", ".join(parts)
        + "."
    )


def _peer_texts(scenario: Scenario, row: pd.Series) -> tuple[str, str, str]:
    """(model, published estimates, verdict) texts of one peer-check row."""
    d = scenario.display
    v = facts.value

    def m(usd: float) -> str:
        return format_money(usd, d)

    if row.check == "capex_per_gw":
        model = m(row.model_value)
        peer = (
            f"Bernstein {m(row.range_low)}; Altman more than {m(v('openai_1p4tn_per_gw'))}; "
            f"NVIDIA {m(v('nvda_per_gw_total'))} (its own range up to {m(row.range_high)})"
        )
    elif row.check == "nvidia_share":
        model = format_share(row.model_value)
        peer = (
            f"Bernstein: GPUs {format_share(row.range_low)} of capex; NVIDIA: "
            f"{format_share(row.range_high)} of new AI data-centre spend"
        )
    elif row.check == "opex_per_gpu":
        model = m(row.model_value)
        peer = (
            f"Nesov's at-cost estimate: {format_share(v('gpu_gb200_atcost_est_opex_share'))} of "
            f"{m(v('gpu_gb200_atcost_est_capex'))} ÷ "
            f"{format_number(v('gpu_gb200_atcost_est_years'))} years = {m(row.peer_value)}"
        )
    else:
        raise ValueError(f"no text for peer check {row.check!r}")
    if row.verdict == "consistent":
        verdict = "within range (consistent)"
    elif row.verdict == "inconsistent":
        verdict = "outside range (inconsistent)"
    else:
        verdict = f"{format_share(row.difference_vs_estimate, signed=True)} against the estimate"
    return model, peer, verdict


def format_peer_check_table(scenario: Scenario) -> pd.DataFrame:
    """The model against peer cost models, for readers."""
    t = fact_check.peer_check_table(scenario)
    shown = [_peer_texts(scenario, row) for _, row in t.iterrows()]
    return pd.DataFrame(
        {
            "Measure": t["measure"],
            "Model": [s[0] for s in shown],
            "Published estimates": [s[1] for s in shown],
            "Verdict": [s[2] for s in shown],
            "Sources (fact ids)": t["sources"],
        }
    ).set_index("Measure")
