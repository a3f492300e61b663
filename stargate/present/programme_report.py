"""The programme for readers: its sites, its schedule, what $500bn buys, the article's share.

Shared by every report, so each page states the programme with the same figures. Numbers come
from :mod:`stargate.model.sites` and :mod:`stargate.model.programme`; every figure goes through
:mod:`stargate.present.formatting` (amounts in the scenario's display currency).
"""

from __future__ import annotations

import math

import pandas as pd

from stargate import facts
from stargate.model import programme, sites
from stargate.present.formatting import (
    MISSING,
    format_money,
    format_number,
    format_share,
    format_value,
)
from stargate.scenario import Scenario
from stargate.schema.compute import GENERATIONS

#: Readers' names of the NVIDIA generations.
GENERATION_NAMES: dict[str, str] = {
    "H100": "Hopper H100",
    "GB200": "Blackwell GB200",
    "GB300": "Blackwell Ultra GB300",
    "VR200": "Vera Rubin VR200",
}


def _gw(value: float) -> str:
    return format_value(value, "GW", fmt=",.2f")


def _year(value: float) -> str:
    return (
        MISSING
        if value is None or (isinstance(value, float) and math.isnan(value))
        else str(int(value))
    )


def format_sites_table(scenario: Scenario) -> pd.DataFrame:
    """Every site with its capacity, parties, dates and status (:func:`sites.sites_table`)."""
    table = sites.sites_table(scenario)
    return pd.DataFrame(
        {
            "Site": table["site"],
            "Location": table["location"],
            "Capacity": [_gw(v) for v in table["gw"]],
            "Capacity note": [n or MISSING for n in table["capacity_note"]],
            "Developer": table["developer"],
            "Operator": table["operator"],
            "Financier": table["financier"],
            "Announced": table["announced"],
            "Energised (reported)": [
                MISSING if not counted else (_year(a) if a == b else f"{_year(a)}–{_year(b)}")
                for counted, a, b in zip(
                    table["counted"], table["first_year"], table["last_year"], strict=True
                )
            ],
            "Slip (scenario)": [f"+{s} y" if s else MISSING for s in table["slip_years"]],
            "Status": table["status"],
        }
    )


def format_schedule_table(scenario: Scenario) -> pd.DataFrame:
    """The programme per year: GW energised, GPUs and generations installed, capex."""
    d = scenario.display
    table = programme.capex_by_year_table(scenario)
    return pd.DataFrame(
        {
            "Year": [str(y) for y in table.index],
            "GW energised": [_gw(v) for v in table["gw_energised"]],
            "GW in service": [_gw(v) for v in table["gw_cumulative"]],
            "GPUs installed": [format_number(v) if v else MISSING for v in table["gpus_installed"]],
            "Generations": [g or MISSING for g in table["generations"]],
            "Capex: build": [format_money(v, d) for v in table["build_capex_usd"]],
            "Capex: IT refresh": [format_money(v, d) for v in table["refresh_capex_usd"]],
            "Capex": [format_money(v, d) for v in table["capex_usd"]],
        }
    )


def format_what_commitment_buys(scenario: Scenario) -> pd.DataFrame:
    """What $500bn buys, and where the article's fleet sits (``what_commitment_buys``)."""
    d = scenario.display
    frame = programme.what_commitment_buys(scenario).set_index("row")
    labels = {
        "programme": "The evidenced programme (its sites and the unsited remainder)",
        "commitment": (
            f"{format_money(scenario.program.total_commitment_usd, d)} at the programme's cost"
        ),
        "article": "The article's fleet (700,000 Hopper GPUs, a claim)",
        "article_share": "The article's fleet as a share of the programme",
    }
    rows = []
    for key, label in labels.items():
        r = frame.loc[key]
        share = key == "article_share"

        def show(value: float, kind: str, *, is_share: bool = share) -> str:
            if is_share:
                return format_share(value) if not math.isnan(value) else MISSING
            if kind == "gw":
                return _gw(value)
            if kind == "money":
                return format_money(value, d) if not math.isnan(value) else MISSING
            return format_number(value) if value else MISSING

        row = {
            "": label,
            "Power (GW)": show(r["gw"], "gw"),
            "GPUs": show(r["gpus"], "n"),
        }
        for generation in GENERATIONS:
            row[GENERATION_NAMES[generation]] = show(r[f"gpus_{generation}"], "n")
        row["Capex"] = show(r["capex_usd"], "money")
        row["Capex per GW"] = MISSING if share else format_money(r["capex_usd_per_gw"], d)
        rows.append(row)
    return pd.DataFrame(rows)


def describe_programme(scenario: Scenario) -> str:
    """Markdown: the programme in figures, what the commitment buys, and the article's share."""
    d = scenario.display
    frame = programme.what_commitment_buys(scenario).set_index("row")
    prog, buys, share = frame.loc["programme"], frame.loc["commitment"], frame.loc["article_share"]
    by_gen = [
        f"{format_number(prog[f'gpus_{g}'])} {GENERATION_NAMES[g]}"
        for g in GENERATIONS
        if prog[f"gpus_{g}"] > 0
    ]
    beyond = sites.beyond_horizon_gw(programme.evidenced_programme(scenario))
    text = (
        f"The evidenced programme is **{_gw(prog['gw'])}** of data-centre power by 2030: the "
        f"sites named so far ({_gw(sites.sited_gw())}) and "
        f"{_gw(sites.unsited_gw(scenario))} of the stated "
        f"{_gw(scenario.programme.target_gw)} that no announcement places yet. Filled with the "
        f"GPUs of the year each part is energised, it holds **{format_number(prog['gpus'])} "
        f"GPUs** ({', '.join(by_gen)}) and costs **{format_money(prog['capex_usd'], d)}** to "
        f"build, {format_money(prog['capex_usd_per_gw'], d)} per GW. At that cost the announced "
        f"{format_money(scenario.program.total_commitment_usd, d)} buys "
        f"{_gw(buys['gw'])} and about {format_number(buys['gpus'])} GPUs. The article's "
        f"700,000 Hopper GPUs would be **{format_share(share['gw'])} of the programme's power**, "
        f"{format_share(share['gpus'])} of its GPUs and {format_share(share['capex_usd'])} of its "
        f"capex — and Hopper is not what Stargate's sites are reported to install."
    )
    huang = facts.get("nvda_gw_gpus")
    if prog["gpus"] > 0 and huang.low is not None:
        kw_per_gpu = prog["gw"] * 1e6 / prog["gpus"]
        huang_kw = facts.value("nvda_loi_gw") * 1e6  # the 10 GW of NVIDIA's deal he spoke of
        text += (
            f" NVIDIA's Jensen Huang put {format_number(facts.value('nvda_loi_gw'))} GW at about "
            f"{huang.low / 1e6:.0f}–{huang.high / 1e6:.0f} million GPUs, "
            f"{huang_kw / huang.high:.1f}–{huang_kw / huang.low:.1f} kW a GPU with its share of "
            f"the building; the model counts "
            f"fewer because it sizes each GPU with its rack, cluster network and storage from "
            f"NVIDIA's system specifications and adds the building's cooling: "
            f"{kw_per_gpu:.1f} kW a GPU on average."
        )
    if beyond > 0:
        text += (
            f" In this scenario {_gw(beyond)} slips past 2030, the last year the models follow, "
            f"and is left out."
        )
    if not sites.uses_programme_fleet(scenario):
        text += (
            " **This scenario models a fleet of its own** instead of the programme's (see the "
            "fleet table below): every other figure of this report is that fleet's."
        )
    return text


def describe_programme_brief(scenario: Scenario) -> str:
    """Markdown, for the investor and sustainability reports: the object they analyse."""
    d = scenario.display
    what = (
        "the evidenced programme"
        if sites.uses_programme_fleet(scenario)
        else "the fleet this scenario sets instead of the programme's"
    )
    by_year = programme.capex_usd_by_plan_year(scenario)
    spend = ", ".join(f"{y} {format_money(v, d)}" for y, v in by_year.items() if v > 0)
    return (
        f"This report analyses {what}: **{_gw(programme.programme_gw(scenario))}** of "
        f"data-centre power, **{format_number(programme.programme_gpus(scenario))} GPUs** and "
        f"**{format_money(programme.programme_capex_usd(scenario), d)}** of capex for the "
        f"initial build, paid as each site is energised ({spend}) — the same figures as the "
        f"cost-structure report, not the announced "
        f"{format_money(scenario.program.total_commitment_usd, d)} spread over four years."
    )


def describe_funding_gap(scenario: Scenario) -> str:
    """Markdown: the venture's funding gap, the gap line of the one reconciliation."""
    from stargate.model import funding

    d = scenario.display
    gap = funding.summarize_funding(scenario)["funding_gap_usd"]
    return (
        f"**The venture's funding gap: {format_money(gap, d)}** — its cash need after the "
        f"revenue OpenAI pays it that no equity or named funder covers (debt no lender is "
        f"named for is not counted): the gap line of the reconciliation in section 2, the same "
        f"figure as in the "
        f"investor-roles report. OpenAI's corporate funding need is a different object."
    )
