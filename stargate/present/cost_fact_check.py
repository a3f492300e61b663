"""The cost report's fact-check for readers: each claim, the evidence and the model, in words.

The checks, their ranges and verdicts are worked out in :mod:`stargate.model.fact_check`; here
each row gets the sentence a reader sees, every amount in the scenario's display currency
(the article's own dollar figures too, converted like any other amount).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
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


#: How each peer-check verdict reads.
_PEER_VERDICTS = {
    "agrees": "agrees (within 10%)",
    "differs": "differs by more than 10% (see why)",
    "consistent": "consistent (cost below the price paid)",
    "inconsistent": "inconsistent (cost above the price paid)",
    "fitted": "fitted — not a test",
}


def _peer_whys(scenario: Scenario) -> dict[str, str]:
    """Check id → why the model differs from the published figures, by component (sourced)."""
    d = scenario.display
    v = facts.value
    campus = fact_check.gb200_campus_per_gw(scenario)
    peer = fact_check.peer_figures(scenario)
    spec = scenario.fleet.specs["GB200"]

    def m(usd: float) -> str:
        return format_money(usd, d)

    racks = (
        f"the model counts {format_number(campus['racks'])} racks per GW "
        f"({format_number(campus['facility_w_per_gpu'])} W of facility power per GPU: "
        f"{format_number(spec.it_power_w_per_gpu)} W all-in IT incl. cluster network and storage "
        f"× PUE {scenario.facility.pue:g}), Bernstein's figures imply "
        f"{format_number(peer['bernstein_racks'])} ({m(v('bernstein_per_gw'))} ÷ "
        f"{m(v('bernstein_rack_gb200'))} per rack, "
        f"{format_number(peer['bernstein_facility_w_per_gpu'])} W per GPU)"
    )
    per_rack_it = campus["it_equipment"] / campus["racks"]
    facility_per_mw_bernstein = peer["bernstein_facility"] / campus["it_mw"]
    return {
        "capex_per_gw": (
            f"Bernstein: total within 1%, but the parts differ (rows below). NVIDIA's "
            f"{m(peer['nvidia_capex'])} is a vendor's claim: "
            f"{m(peer['nvidia_it_equipment'])} of NVIDIA hardware per GW against the model's "
            f"{m(campus['it_equipment'])} of all IT, and {m(peer['nvidia_facility'])} of the rest "
            f"against a {m(campus['facility'])} facility. Altman's figure is a floor (more than "
            f"{m(peer['altman_capex'])})."
        ),
        "it_equipment_per_gw": (
            f"Per rack the model's IT is {m(per_rack_it)} (the {m(v('price_gb200_nvl72'))} rack "
            f"plus {m(spec.other_it_capex_usd_per_gpu * v('rack_gb200_nvl72_gpus'))} outside it, "
            f"from Nesov's {m(v('price_gb200_nvl72_allin'))} all-in) against Bernstein's "
            f"{m(v('bernstein_rack_compute'))} of compute; {racks}. NVIDIA's "
            f"{m(v('nvda_per_gw_hardware'))} is all NVIDIA hardware at NVIDIA's own prices."
        ),
        "accelerators_per_gw": (
            "The model's accelerator line is the whole NVL72 rack price "
            f"({m(v('price_gb200_nvl72'))}: GPUs, Grace CPUs, NVLink switches); Bernstein's "
            f"{format_share(v('bernstein_gpu_share'))} counts the GPUs alone "
            f"({m(peer['bernstein_accelerators'] / peer['bernstein_racks'])} per rack); the "
            "rack counts differ too (IT equipment row)."
        ),
        "other_it_per_gw": (
            f"The model's {m(spec.other_it_capex_usd_per_gpu)} per GPU outside the rack is Nesov's "
            f"{m(v('price_gb200_nvl72_allin'))} all-in minus the {m(v('price_gb200_nvl72'))} rack, "
            "÷ 72 (one low-confidence estimate): cluster network, storage and everything else; "
            f"Bernstein's {format_share(v('bernstein_network_share'))} is networking alone."
        ),
        "facility_per_gw": (
            f"The model builds {format_number(campus['it_mw'])} MW of IT per GW at Abilene's "
            f"{m(scenario.facility.facility_capex_usd_per_mw_it)} per MW (a joint venture that "
            f"funds shell and power); Bernstein's {m(v('bernstein_rack_physical'))} per rack "
            f"comes to {m(facility_per_mw_bernstein)} per MW of IT, near Shackelford's "
            f"{m(v('sg_shackelford_per_mw_derived'))} and above Cushman & Wakefield's "
            f"{m(v('dc_cost_per_mw'))} average (which leaves out land and soft costs). NVIDIA's "
            f"{m(peer['nvidia_facility'])} of non-NVIDIA spend also holds non-NVIDIA IT."
        ),
        "nvidia_share": (
            "The model's share counts the whole rack (GPUs, Grace CPUs, NVLink); Bernstein counts "
            f"GPUs alone ({format_share(v('bernstein_gpu_share'))}); NVIDIA's "
            f"{format_share(v('nvda_per_gw_share'))} counts all NVIDIA hardware, networking "
            "included."
        ),
        "annual_cost_per_gw": (
            f"Oracle's contract price to OpenAI ({m(v('sg_oracle_300bn_per_year_derived'))} a "
            f"year for {format_number(v('sg_oracle_4p5gw'))} GW) includes Oracle's margin, so a "
            "cost below it is consistent; it sets none of the model's inputs."
        ),
        "annual_cost_per_gw_nesov": (
            "Not a test: the model's IT outside the rack comes from Nesov's "
            f"{m(v('price_gb200_nvl72_allin'))} all-in rack (so its IT capex per GPU is his "
            f"~{m(v('gpu_gb200_atcost_est_capex'))}), and the maintenance rate "
            f"({format_share(scenario.finance.maintenance_rate)}) was chosen to match his "
            "running costs."
        ),
        "opex_per_gw": (
            "Not a test: the maintenance rate was chosen so that energy + maintenance + staff "
            f"match Nesov's {format_share(v('gpu_gb200_atcost_est_opex_share'))} of the yearly "
            "capital repayment. No independent published estimate of an AI campus's "
            "maintenance was found; the rate stays an assumption the report sweeps."
        ),
    }


def _peer_texts(scenario: Scenario, row: pd.Series) -> tuple[str, str, str, str]:
    """(model, Bernstein, NVIDIA, other published figure) texts of one peer-check row."""
    d = scenario.display

    def amount(value: float, diff: float) -> str:
        if not np.isfinite(value):
            return "—"
        shown = format_share(value) if row.check == "nvidia_share" else format_money(value, d)
        return f"{shown} ({format_share(diff, signed=True)})"

    model = (
        format_share(row.model_value)
        if row.check == "nvidia_share"
        else format_money(row.model_value, d)
    )
    nvidia = amount(row.nvidia_value, row.diff_nvidia)
    if np.isfinite(row.nvidia_low):
        nvidia += (
            f"; its own range {format_money(row.nvidia_low, d)}–{format_money(row.nvidia_high, d)}"
        )
    other = amount(row.other_value, row.diff_other)
    if row.check == "capex_per_gw" and other != "—":
        other = f"Altman: more than {other}"
    elif row.check == "annual_cost_per_gw":
        other = f"Oracle's price to OpenAI: {other}"
    elif row.check in ("annual_cost_per_gw_nesov", "opex_per_gw"):
        other = f"Nesov's at-cost estimate: {other}"
    return model, amount(row.bernstein_value, row.diff_bernstein), nvidia, other


def format_peer_check_table(scenario: Scenario) -> pd.DataFrame:
    """A 1 GW GB200 campus against published cost models, component by component, for readers.

    Columns: the model's figure, Bernstein's (peer 1) and NVIDIA's (peer 2) with the model's
    difference in brackets, another published figure where neither peer gives one, the verdict,
    why the figures differ, and the sources (fact ids).
    """
    t = fact_check.peer_check_table(scenario)
    shown = [_peer_texts(scenario, row) for _, row in t.iterrows()]
    whys = _peer_whys(scenario)
    return pd.DataFrame(
        {
            "Component (GB200 campus, per GW of facility power)": t["measure"],
            "Model": [s[0] for s in shown],
            "Bernstein": [s[1] for s in shown],
            "NVIDIA": [s[2] for s in shown],
            "Other published figure": [s[3] for s in shown],
            "Verdict": [_PEER_VERDICTS[v] for v in t["verdict"]],
            "Why": [whys[c] for c in t["check"]],
            "Sources (fact ids)": t["sources"],
        }
    ).set_index("Component (GB200 campus, per GW of facility power)")


def describe_peer_check(scenario: Scenario) -> str:
    """Markdown: what the peer check compares, and which rows are no test (fitted inputs)."""
    t = fact_check.peer_check_table(scenario)
    counts = t["verdict"].value_counts()
    fitted = int(counts.get("fitted", 0))
    tested = len(t) - fitted
    return (
        f"A GB200 campus of 1 GW of facility power, built from the model's own inputs, against "
        f"Bernstein's cost model and NVIDIA's figures, which set none of those inputs. Of "
        f"{format_number(tested)} components tested, **{format_number(counts.get('agrees', 0))}"
        f"** agree within 10%, **{format_number(counts.get('differs', 0))}** differ by more "
        "(each explained in the table), and the annual cost is "
        f"**{'below' if counts.get('consistent', 0) else 'above'}** the price Oracle charges "
        f"OpenAI per GW. {format_number(fitted)} comparisons with the at-cost estimate some "
        "inputs were taken from or fitted to are shown as **fitted — not a test**."
    )
