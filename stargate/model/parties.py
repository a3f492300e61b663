"""Parties, stakes and roles: who is in Stargate and what each has put on the table.

The parties and the facts behind each of their roles are data (``data/tables/parties.yaml`` and
``data/tables/party_roles.yaml``); the four equity funders' equity and stakes come from the
scenario (``scenario.funding``), the other parties' commitments from the facts register. Every
row names its facts, their citations and confidence, or says that the scenario file set it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict

from stargate import facts, tables
from stargate.model.provenance import citations, confidence_floor, scenario_or_fact
from stargate.scenario import Scenario
from stargate.schema.funding import EQUITY_PARTIES
from stargate.tables import N_

#: Display names of the four equity funders (keys of ``scenario.funding``).
PARTY_NAMES: dict[str, str] = {
    "softbank": "SoftBank",
    "openai": "OpenAI",
    "oracle": "Oracle",
    "mgx": "MGX",
}

#: Facts behind the default equity and stake of each equity funder.
EQUITY_FACTS: dict[str, str] = {
    "softbank": "sg_eq_softbank",
    "openai": "sg_eq_openai",
    "oracle": "sg_eq_oracle",
    "mgx": "sg_eq_mgx",
}
STAKE_FACTS: dict[str, str] = {"softbank": "sg_stake_softbank", "openai": "sg_stake_openai"}

#: Roles a party can hold (columns of the roles matrix), in reading order.
ROLES: tuple[str, ...] = (
    "Equity funder",
    "Lead partner",
    "Financial responsibility (chair)",
    "Operational responsibility",
    "Technology partner",
    "Anchor tenant (buys compute)",
    "Builds, leases & runs sites",
    "Site developer",
    "Site financier",
    "Lender",
    "Hardware supplier",
    "Investor in OpenAI",
)


class Party(BaseModel):
    """A party the evidence names (a row of ``parties.yaml``).

    Attributes:
        party: display name.
        equity_key: key in ``scenario.funding`` for the four equity funders, else None.
        commitment_facts: facts summed into the party's commitment (empty: none reported);
            ignored for the equity funders, whose equity comes from the scenario.
        commitment_what: what the commitment is, in words (``{fact_id}``: that fact's amount,
            filled in at display).
        commitment_kind: its kind in a few words (loans, letter of intent…).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)
    party: str
    equity_key: str | None = None
    commitment_facts: tuple[str, ...] = ()
    commitment_what: str
    commitment_kind: str = ""


class PartyRole(BaseModel):
    """One role of one party, with the facts that show it (a row of ``party_roles.yaml``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    party: str
    role: str
    fact_ids: tuple[str, ...]


def load_parties() -> tuple[Party, ...]:
    """The parties of ``data/tables/parties.yaml``, in reading order."""
    return tables.load_table("parties", Party)


def load_party_roles() -> tuple[PartyRole, ...]:
    """The (party, role, facts) rows of ``data/tables/party_roles.yaml``, checked against ROLES.

    Raises:
        ValueError: a role outside :data:`ROLES`, or a party not in ``parties.yaml``.
    """
    names = {p.party for p in load_parties()}
    rows = tables.load_table("party_roles", PartyRole)
    for row in rows:
        if row.role not in ROLES:
            raise ValueError(f"{row.party}: unknown role {row.role!r}")
        if row.party not in names:
            raise ValueError(f"party_roles: {row.party!r} is not in parties.yaml")
    return rows


def _roles_of(party: str) -> list[PartyRole]:
    return [r for r in load_party_roles() if r.party == party]


def equity_usd_by_party(scenario: Scenario) -> dict[str, float]:
    """Equity each of the four funders puts in under the scenario (0 if withdrawn), USD."""
    funding = scenario.funding
    return {p: 0.0 if funding.is_withdrawn(p) else funding.equity_usd(p) for p in EQUITY_PARTIES}


def stake_by_party(scenario: Scenario) -> dict[str, float | None]:
    """Reported ownership of each equity funder (0 if withdrawn; None if not reported)."""
    funding = scenario.funding
    return {
        p: 0.0 if funding.is_withdrawn(p) else funding.stake_fraction(p) for p in EQUITY_PARTIES
    }


def contribution_share_by_party(scenario: Scenario) -> dict[str, float]:
    """Each equity funder's share of the equity the partners put in (fraction; NaN if none).

    Not the stake: a stake is ownership as reported (SoftBank and OpenAI 40 % each), this is
    the funder's equity over all four's (base: $19bn / $52bn = 36.5 %). The two differ by
    definition; no source says the stakes follow the money.
    """
    equity = equity_usd_by_party(scenario)
    total = sum(equity.values())
    return {p: (usd / total if total > 0 else float("nan")) for p, usd in equity.items()}


def total_equity_usd(scenario: Scenario) -> float:
    """Equity committed by the partners still in, USD (base: 19 + 19 + 7 + 7 = $52bn)."""
    return float(sum(equity_usd_by_party(scenario).values()))


def build_parties_table(scenario: Scenario) -> pd.DataFrame:
    """Every party: roles, commitment in USD, stake, source and confidence.

    Returns:
        One row per party (``parties.yaml``), columns ``party``, ``roles`` (joined by ", "),
        ``commitment_what`` (what the amount is, ``{fact_id}`` placeholders unfilled),
        ``is_withdrawn`` (an equity funder the scenario withdraws), ``commitment_kind``
        (equity plan, loans, letter of intent…), ``commitment_usd``, ``stake_fraction``
        (reported stake; NaN: not reported), ``contribution_share`` (share of the partners'
        equity, :func:`contribution_share_by_party`; NaN for other parties), ``fact_ids``,
        ``source``, ``confidence``. Amounts are NaN where
        none is reported.
    """
    equity = equity_usd_by_party(scenario)
    stakes = stake_by_party(scenario)
    contributions = contribution_share_by_party(scenario)
    rows = []
    for spec in load_parties():
        roles = _roles_of(spec.party)
        role_ids = tuple(dict.fromkeys(i for r in roles for i in r.fact_ids))
        kind = spec.commitment_kind
        stake = np.nan
        contribution = np.nan
        withdrawn = False
        if spec.equity_key is not None:
            key = spec.equity_key
            amount = equity[key]
            ids, source, confidence = scenario_or_fact(
                scenario.funding.equity_usd(key), EQUITY_FACTS[key], scenario
            )
            kind = (
                N_("equity plan (reported)")
                if confidence != "scenario"
                else N_("equity (scenario)")
            )
            withdrawn = scenario.funding.is_withdrawn(key)
            if withdrawn:
                kind = N_("withdrawn (scenario)")
            contribution = contributions[key]
            s = stakes[key]
            if s is not None:
                stake = s
                if key in STAKE_FACTS and not withdrawn:
                    scenario_or_fact(s, STAKE_FACTS[key], scenario)
        elif spec.commitment_facts:
            amount = float(sum(facts.value(i) for i in spec.commitment_facts))
            ids = ", ".join(spec.commitment_facts)
            source = citations(spec.commitment_facts)
            confidence = confidence_floor(spec.commitment_facts)
        else:
            amount = np.nan
            ids = ", ".join(role_ids)
            source = citations(role_ids)
            confidence = confidence_floor(role_ids)
        rows.append(
            {
                "party": spec.party,
                "roles": ", ".join(r.role for r in roles),
                "commitment_what": spec.commitment_what,
                "is_withdrawn": withdrawn,
                "commitment_kind": kind,
                "commitment_usd": amount,
                "stake_fraction": stake,
                "contribution_share": contribution,
                "fact_ids": ids,
                "source": source,
                "confidence": confidence,
            }
        )
    return pd.DataFrame(rows)


def build_roles_matrix() -> pd.DataFrame:
    """Party × role matrix: True where a fact shows the party in that role.

    Returns:
        Boolean DataFrame, index = party names (``parties.yaml`` order), columns = :data:`ROLES`.
    """
    matrix = pd.DataFrame(False, index=[p.party for p in load_parties()], columns=list(ROLES))
    for row in load_party_roles():
        facts.record(row.fact_ids)
        matrix.loc[row.party, row.role] = True
    matrix.index.name = "party"
    return matrix


def list_role_evidence() -> pd.DataFrame:
    """One row per (party, role): the facts that show it, their sources and confidence."""
    return pd.DataFrame(
        [
            {
                "party": spec.party,
                "role": r.role,
                "fact_ids": ", ".join(r.fact_ids),
                "source": citations(r.fact_ids),
                "confidence": confidence_floor(r.fact_ids),
            }
            for spec in load_parties()
            for r in _roles_of(spec.party)
        ]
    )
