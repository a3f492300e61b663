"""Circular financing, with numbers: money that leaves a supplier and comes back as its revenue.

Three loops the register documents (issue 13, item 7):

- **NVIDIA**: it intends to invest up to $100bn in OpenAI "as each GW is deployed" for at least
  10 GW (a letter of intent): $10bn per GW. Each GW needs about $35bn of NVIDIA hardware
  (Huang), bought by the clouds OpenAI rents from and paid for by OpenAI's compute contracts.
- **AMD**: OpenAI buys 6 GW of AMD GPUs (about $90bn); AMD gives OpenAI a warrant for 160m AMD
  shares at $0.01, vesting with deployment and share-price targets up to $600 - worth $96bn at
  the last target.
- **SoftBank**: to pay its last $22.5bn into OpenAI it sold all its Nvidia shares and part of
  T-Mobile and took a bridge loan.

Numbers only; :mod:`stargate.present.circular_report` words them and draws the loop.
"""

from __future__ import annotations

import pandas as pd

from stargate import facts
from stargate.scenario import Scenario

#: The loops' nodes (as the chart names them).
NODES: tuple[str, ...] = (
    "NVIDIA",
    "OpenAI",
    "Clouds (Oracle, Azure, AWS, CoreWeave)",
    "AMD",
    "SoftBank",
    "Markets and banks",
)


def compute_circular_flows(scenario: Scenario) -> pd.DataFrame:
    """The flows of the three loops, with amounts per GW where the deal is in GW (USD).

    Args:
        scenario: the scenario (the flows are register facts; the scenario is taken so a
            notebook calls every function the same way).

    Returns:
        One row per flow: ``loop`` (NVIDIA, AMD, SoftBank), ``payer``, ``payee``, ``what``,
        ``amount_usd``, ``gw`` (the deal's GW, NaN where none), ``usd_per_gw`` (amount / GW),
        ``status``, ``facts`` (ids, comma-separated). The facts are recorded as used.
    """
    del scenario  # the loops are reported deals; no parameter changes them
    v = facts.value
    nvda_gw = v("nvda_loi_gw")
    amd_gw = v("amd_6gw")
    warrant_usd = v("amd_6gw_warrant_shares") * v("amd_6gw_share_price_target")
    nan = float("nan")
    rows = [
        (
            "NVIDIA",
            "NVIDIA",
            "OpenAI",
            "equity, in steps as each GW is deployed (letter of intent)",
            v("nvda_loi_usd"),
            nvda_gw,
            "letter of intent, not definitive",
            ("nvda_loi_usd", "nvda_loi_gw", "nvda_loi_status"),
        ),
        (
            "NVIDIA",
            "OpenAI",
            "Clouds (Oracle, Azure, AWS, CoreWeave)",
            "compute contracts that pay for the systems",
            v("nvda_per_gw_hardware") * nvda_gw,
            nvda_gw,
            "contracts (reported); amount per GW from NVIDIA",
            ("nvda_per_gw_hardware", "nvda_loi_gw"),
        ),
        (
            "NVIDIA",
            "Clouds (Oracle, Azure, AWS, CoreWeave)",
            "NVIDIA",
            "NVIDIA hardware for each GW (NVIDIA's own estimate)",
            v("nvda_per_gw_hardware") * nvda_gw,
            nvda_gw,
            "Huang's figure per GW x the LOI's GW",
            ("nvda_per_gw_hardware", "nvda_loi_gw"),
        ),
        (
            "AMD",
            "OpenAI",
            "AMD",
            "6 GW of Instinct GPUs",
            v("amd_6gw_sales_value"),
            amd_gw,
            "purchase agreement; first GW binding",
            ("amd_6gw_sales_value", "amd_6gw", "amd_6gw_first_gw"),
        ),
        (
            "AMD",
            "AMD",
            "OpenAI",
            "warrant: 160m AMD shares at a nominal price, worth this at the share-price target",
            warrant_usd,
            amd_gw,
            "vests with deployment and share-price targets",
            ("amd_6gw_warrant_shares", "amd_6gw_share_price_target", "amd_6gw"),
        ),
        (
            "SoftBank",
            "Markets and banks",
            "SoftBank",
            "sale of all its Nvidia shares",
            v("fund_softbank_sources_nvidia"),
            nan,
            "done (Oct 2025)",
            ("fund_softbank_sources_nvidia", "fund_softbank_sources_nvidia_shares"),
        ),
        (
            "SoftBank",
            "Markets and banks",
            "SoftBank",
            "partial sale of T-Mobile",
            v("fund_softbank_sources_tmobile"),
            nan,
            "done (2025)",
            ("fund_softbank_sources_tmobile",),
        ),
        (
            "SoftBank",
            "Markets and banks",
            "SoftBank",
            "bridge loan for the first closing",
            v("fund_softbank_sources_bridge_loan"),
            nan,
            "loan",
            ("fund_softbank_sources_bridge_loan",),
        ),
        (
            "SoftBank",
            "SoftBank",
            "OpenAI",
            "last tranche of the SoftBank-led round",
            v("fund_mar2025_second_softbank"),
            nan,
            "paid (Dec 2025)",
            ("fund_mar2025_second_softbank", "fund_softbank_complete_total"),
        ),
    ]
    table = pd.DataFrame(
        [
            {
                "loop": loop,
                "payer": payer,
                "payee": payee,
                "what": what,
                "amount_usd": amount,
                "gw": gw,
                "usd_per_gw": amount / gw if gw == gw else nan,
                "status": status,
                "facts": ", ".join(ids),
            }
            for loop, payer, payee, what, amount, gw, status, ids in rows
        ]
    )
    facts.record(fid for ids in (r[-1] for r in rows) for fid in ids)
    return table


def summarize_circular_financing(scenario: Scenario) -> dict[str, float]:
    """Each loop in one ratio: what comes back to the supplier per dollar it puts in.

    Returns:
        ``nvidia_investment_per_gw_usd`` ($100bn / 10 GW), ``nvidia_revenue_per_gw_usd``
        ($35bn), ``nvidia_revenue_per_dollar_invested`` (35 / 10 = 3.5);
        ``amd_sales_per_gw_usd`` ($90bn / 6), ``amd_warrant_per_gw_usd`` at the $600 target
        (160m x $600 / 6), ``amd_warrant_to_sales`` (96 / 90); ``softbank_asset_sales_usd``
        (Nvidia + T-Mobile), ``softbank_bridge_loan_usd``, ``softbank_tranche_usd`` and
        ``softbank_sources_to_tranche`` (asset sales + loan) / tranche.
    """
    flows = compute_circular_flows(scenario)

    def amount(payer: str, payee: str, loop: str) -> float:
        rows = flows[
            (flows["payer"] == payer) & (flows["payee"] == payee) & (flows["loop"] == loop)
        ]
        return float(rows["amount_usd"].sum())

    nvda_gw = facts.value("nvda_loi_gw")
    amd_gw = facts.value("amd_6gw")
    nvda_in = amount("NVIDIA", "OpenAI", "NVIDIA")
    nvda_back = amount("Clouds (Oracle, Azure, AWS, CoreWeave)", "NVIDIA", "NVIDIA")
    amd_sales = amount("OpenAI", "AMD", "AMD")
    amd_warrant = amount("AMD", "OpenAI", "AMD")
    sb = flows[flows["loop"] == "SoftBank"]
    asset_sales = float(sb.loc[sb["what"].str.startswith(("sale", "partial")), "amount_usd"].sum())
    loan = float(sb.loc[sb["what"].str.startswith("bridge"), "amount_usd"].sum())
    tranche = amount("SoftBank", "OpenAI", "SoftBank")
    return {
        "nvidia_investment_per_gw_usd": nvda_in / nvda_gw,
        "nvidia_revenue_per_gw_usd": nvda_back / nvda_gw,
        "nvidia_revenue_per_dollar_invested": nvda_back / nvda_in,
        "amd_sales_per_gw_usd": amd_sales / amd_gw,
        "amd_warrant_per_gw_usd": amd_warrant / amd_gw,
        "amd_warrant_to_sales": amd_warrant / amd_sales,
        "softbank_asset_sales_usd": asset_sales,
        "softbank_bridge_loan_usd": loan,
        "softbank_tranche_usd": tranche,
        "softbank_sources_to_tranche": (asset_sales + loan) / tranche,
    }
