"""Where the money goes and who is exposed: the capex dollar, payment flows, parties at risk.

A dollar of capex splits between NVIDIA, other IT suppliers and the builders (from the cost
model); the reported payment flows (``data/tables/payment_flows.yaml``) run in a loop from NVIDIA
to OpenAI to Oracle and back; each party has something at risk and something to earn. Figures
the scenario drives (equity, modelled debt, NVIDIA's hardware revenue) are computed here; the
rest are facts, named by id.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict

from stargate import facts, tables
from stargate.model import costs, obligations
from stargate.model.capital_structure import reconcile_venture_funding
from stargate.model.parties import equity_usd_by_party
from stargate.model.provenance import citations, confidence_floor
from stargate.scenario import Scenario

#: Recipients of a capex dollar, in reading order.
CAPEX_RECIPIENTS: tuple[str, ...] = ("NVIDIA", "Other IT suppliers", "Builders & power plant")


def split_capex_dollar(scenario: Scenario) -> pd.DataFrame:
    """Where a dollar of capex goes: NVIDIA, other IT suppliers, facility builders.

    Shares come from the cost model (:func:`stargate.model.costs.capex_breakdown_usd` and
    :func:`stargate.model.costs.nvidia_share_of_capex`): NVIDIA's share is taken out of the IT
    capex (accelerators + other IT); the facility share (buildings, power and cooling plant)
    goes to developers and builders.

    Returns:
        Rows :data:`CAPEX_RECIPIENTS`, columns ``recipient``, ``share_of_capex`` (fraction; the
        rows sum to 1), ``fleet_usd`` (share × the modelled fleet's capex,
        :func:`stargate.model.costs.total_capex_usd`) and ``programme_usd`` (share ×
        ``program.total_commitment_usd``: the programme spent with the same mix).

    Raises:
        ValueError: the cost model gives no capex, or NVIDIA's share exceeds the IT share.
    """
    breakdown = costs.capex_breakdown_usd(scenario)
    total = float(sum(breakdown.values()))
    if total <= 0:
        raise ValueError("the cost model gives no capex for this scenario")
    it_share = (breakdown["accelerators"] + breakdown["other_it"]) / total
    nvidia_share = float(costs.nvidia_share_of_capex(scenario))
    if nvidia_share > it_share + 1e-9:
        raise ValueError(
            f"NVIDIA's share of capex ({nvidia_share:.3f}) exceeds the IT share ({it_share:.3f})"
        )
    shares = (nvidia_share, it_share - nvidia_share, breakdown["facility"] / total)
    fleet_usd = float(costs.total_capex_usd(scenario))
    programme_usd = scenario.program.total_commitment_usd
    return pd.DataFrame(
        [
            {
                "recipient": name,
                "share_of_capex": share,
                "fleet_usd": share * fleet_usd,
                "programme_usd": share * programme_usd,
            }
            for name, share in zip(CAPEX_RECIPIENTS, shares, strict=True)
        ]
    )


class PaymentFlow(BaseModel):
    """Who pays whom, as the evidence describes it (a row of ``payment_flows.yaml``).

    ``what`` may hold ``{fact_id}`` placeholders for amounts, filled in at display.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)
    payer: str
    payee: str
    what: str
    status: str
    fact_ids: tuple[str, ...]


def list_payment_flows() -> pd.DataFrame:
    """Who pays whom: equity, contracts, hardware, leases and loans, each with its source.

    Reads like a loop: NVIDIA invests in OpenAI (letter of intent), OpenAI pays Oracle for
    compute, Oracle buys NVIDIA chips and leases sites that banks lend to build.

    Returns:
        Columns ``payer``, ``payee``, ``what`` (placeholders unfilled), ``amount_usd`` (the sum
        of the flow's facts; NaN where only a term is reported), ``status``, ``fact_ids``,
        ``source``, ``confidence``.
    """
    rows = []
    for flow in tables.load_table("payment_flows", PaymentFlow):
        units = {facts.get(i).unit for i in flow.fact_ids}
        amount = float(sum(facts.value(i) for i in flow.fact_ids)) if units == {"USD"} else np.nan
        rows.append(
            {
                "payer": flow.payer,
                "payee": flow.payee,
                "what": flow.what,
                "amount_usd": amount,
                "status": flow.status,
                "fact_ids": ", ".join(flow.fact_ids),
                "source": citations(flow.fact_ids),
                "confidence": confidence_floor(flow.fact_ids),
            }
        )
    return pd.DataFrame(rows)


def openai_compute_contracts_usd(scenario: Scenario) -> tuple[float, tuple[str, ...]]:
    """OpenAI's contracts for compute capacity, all years, as the scenario honours them (USD).

    Oracle's and the other clouds' (Azure, AWS, CoreWeave): the rows of the obligations schedule
    that are not :data:`~stargate.model.obligations.CHIP_DEALS`, so the figure is the schedule's
    own total (:func:`~stargate.model.obligations.summarize_obligations`, ``total_usd``). The
    chip deals are left out: the chips may be the clouds' capacity itself.

    Returns:
        ``(amount_usd, fact_ids)``: the honoured amounts summed, and the facts that give the
        amounts (not the terms: the total does not depend on when it is paid).
    """
    terms = obligations.compute_commitment_terms(scenario)
    rows = terms[~terms["counterparty"].isin(obligations.CHIP_DEALS)]
    ids = tuple(
        i
        for row in obligations.load_commitments()
        if row.counterparty not in obligations.CHIP_DEALS
        for i in (row.amount_fact, row.gw_fact, row.usd_per_gw_fact)
        if i is not None
    )
    return float(rows["honoured_usd"].sum()), ids


def compute_exposure(scenario: Scenario) -> pd.DataFrame:
    """For each party: what it has at risk and what it earns, under the scenario, USD.

    Scenario-driven figures: the partners' equity (``scenario.funding``), the debt lenders put
    in beside it (the assumed-debt line of
    :func:`stargate.model.capital_structure.reconcile_venture_funding`), NVIDIA's hardware revenue
    (its share of capex from the cost model × the programme), OpenAI's compute contracts
    (:func:`openai_compute_contracts_usd`: Oracle and the other clouds, as the scenario honours
    them; the chip deals apart, as in the obligations schedule). The rest are reported figures,
    named by fact id. Amounts of different parties overlap (one party's revenue is another's
    obligation); they must not be added up.

    Returns:
        Columns ``party``, ``at_risk_usd``, ``earns_usd`` (NaN: no figure), ``fact_ids``,
        ``source``, ``confidence`` (of the reported figures; ``"scenario"`` where the scenario
        alone gives them).
    """
    equity = equity_usd_by_party(scenario)
    contracts_usd, contract_ids = openai_compute_contracts_usd(scenario)
    programme = costs.total_capex_usd(scenario)
    debt_usd = reconcile_venture_funding(scenario).value("assumed_debt")
    nvidia_share = float(costs.nvidia_share_of_capex(scenario))
    v = facts.value
    abilene_loans = ("abilene_loan_phase1", "abilene_loan_phase2")
    rows: list[tuple[str, float, float, tuple[str, ...]]] = [
        (
            "SoftBank",
            equity["softbank"] + v("fund_softbank_complete_total"),
            np.nan,
            ("fund_softbank_complete_total",),
        ),
        ("OpenAI", equity["openai"] + contracts_usd, np.nan, contract_ids),
        (
            "Oracle",
            equity["oracle"] + v("abilene_gpus_oracle_ft_usd"),
            v("sg_oracle_300bn"),
            ("abilene_gpus_oracle_ft_usd", "sg_oracle_300bn"),
        ),
        ("MGX", equity["mgx"], np.nan, ()),
        ("NVIDIA", v("nvda_loi_usd"), nvidia_share * programme, ("nvda_loi_usd",)),
        ("Lenders to the venture (modelled)", debt_usd, np.nan, ()),
        (
            "Site lenders (JPMorgan, MUFG and banks)",
            sum(v(i) for i in abilene_loans) + v("sg_oracle_debt_38bn"),
            np.nan,
            (*abilene_loans, "sg_oracle_debt_38bn"),
        ),
        (
            "Crusoe, Blue Owl & Primary Digital",
            v("abilene_jv_15bn") - sum(v(i) for i in abilene_loans),
            np.nan,
            ("abilene_jv_15bn", *abilene_loans),
        ),
        ("Vantage", v("sg_shackelford_usd"), np.nan, ("sg_shackelford_usd",)),
        (
            "Microsoft",
            v("oa_msft_invest_commitment"),
            np.nan,
            ("oa_msft_invest_commitment", "oa_msft_share"),
        ),
    ]
    return pd.DataFrame(
        [
            {
                "party": party,
                "at_risk_usd": float(at_risk),
                "earns_usd": float(earns),
                "fact_ids": ", ".join(ids),
                "source": citations(ids) if ids else f"this scenario ({scenario.title})",
                "confidence": confidence_floor(ids) if ids else "scenario",
            }
            for party, at_risk, earns, ids in rows
        ]
    )
