"""Investor roles: who is in Stargate, what each has put on the table, and who bears which risk.

Everything here is a pure function of a validated :class:`~stargate.scenario.Scenario` (the
equity, stakes and debt assumptions of ``scenario.funding``, the spending schedule of
``scenario.program``) and of the facts register, plus lower-level functions over plain numbers
(:func:`stack_funding`, :func:`schedule_funding`) that can be checked by hand.

The model in one paragraph: the partners' reported equity ($19bn + $19bn + ~$7bn + ~$7bn) is
called as the programme spends; lenders put beside it at most ``max_debt_to_equity_ratio``
dollars of debt per dollar of equity paid in (the leverage of Abilene's financing by default);
whatever spending that leaves uncovered is the **funding gap** — money that has to come from
investors or lenders not yet named. The gap is a measure of what is missing from the reported
commitments, not a forecast that the money will not be found.

Tables carry their provenance: each party's figure names the facts it comes from, their
citations and confidence, or says that the scenario file set it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from stargate import facts
from stargate.scenario import Scenario
from stargate.schema.funding import EQUITY_PARTIES

# --------------------------------------------------------------------------- parties and roles

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

_CONFIDENCE_ORDER = ("L", "L-M", "M", "M-H", "H")


@dataclass(frozen=True)
class PartySpec:
    """A party the evidence names, with its roles and the facts that show them.

    Attributes:
        name: display name.
        roles: ``{role: fact ids that show it}``; roles are members of :data:`ROLES`.
        commitment_fact_ids: facts summed into the party's commitment (empty: none reported);
            ignored for the four equity funders, whose equity comes from the scenario.
        commitment_what: what the commitment is, in words.
        commitment_kind: its kind in two or three words (equity plan, loans, letter of intent…).
        equity_key: key in ``scenario.funding`` for the four equity funders, else None.
    """

    name: str
    roles: dict[str, tuple[str, ...]]
    commitment_fact_ids: tuple[str, ...] = ()
    commitment_what: str = ""
    commitment_kind: str = ""
    equity_key: str | None = None


#: Every party the evidence names, with the facts that give each role.
PARTIES: tuple[PartySpec, ...] = (
    PartySpec(
        "SoftBank",
        {
            "Equity funder": ("sg_roles",),
            "Lead partner": ("sg_roles",),
            "Financial responsibility (chair)": ("sg_roles",),
            "Site developer": ("sg_sep25_softbank_sites",),
            "Investor in OpenAI": ("fund_softbank_complete_total",),
        },
        commitment_what="Equity in the Stargate venture (reported plan)",
        equity_key="softbank",
    ),
    PartySpec(
        "OpenAI",
        {
            "Equity funder": ("sg_roles",),
            "Lead partner": ("sg_roles",),
            "Operational responsibility": ("sg_roles",),
            "Technology partner": ("sg_roles",),
            "Anchor tenant (buys compute)": ("sg_umbrella_note", "sg_oracle_300bn"),
        },
        commitment_what="Equity in the Stargate venture (reported plan)",
        equity_key="openai",
    ),
    PartySpec(
        "Oracle",
        {
            "Equity funder": ("sg_roles",),
            "Technology partner": ("sg_roles",),
            "Builds, leases & runs sites": (
                "sg_umbrella_note",
                "abilene_phase1_mw",
                "sg_sep25_oracle_sites",
            ),
        },
        commitment_what="Equity in the Stargate venture (reported plan)",
        equity_key="oracle",
    ),
    PartySpec(
        "MGX",
        {
            "Equity funder": ("sg_roles",),
            "Investor in OpenAI": ("fund_oct2024_raised",),
        },
        commitment_what="Equity in the Stargate venture (reported plan)",
        equity_key="mgx",
    ),
    PartySpec(
        "NVIDIA",
        {
            "Technology partner": ("sg_roles",),
            "Hardware supplier": ("abilene_gpus_oracle_ft_usd", "nvda_loi_gw"),
            "Investor in OpenAI": ("nvda_loi_usd",),
        },
        commitment_fact_ids=("nvda_loi_usd",),
        commitment_what="Up to $100bn into OpenAI as each GW is deployed: a letter of intent",
        commitment_kind="letter of intent",
    ),
    PartySpec(
        "Microsoft",
        {
            "Technology partner": ("sg_roles",),
            "Investor in OpenAI": ("oa_msft_invest_commitment",),
        },
        commitment_what="None reported to Stargate (its OpenAI investment is separate)",
    ),
    PartySpec(
        "Arm",
        {"Technology partner": ("sg_roles",)},
        commitment_what="None reported",
    ),
    PartySpec(
        "Crusoe",
        {"Site developer": ("abilene_construction_partner",)},
        commitment_what="Develops and builds Abilene; its own capital is not reported",
    ),
    PartySpec(
        "Blue Owl & Primary Digital",
        {"Site financier": ("abilene_construction_partner", "abilene_jv_15bn")},
        commitment_fact_ids=("abilene_jv_15bn",),
        commitment_what="Abilene joint venture with Crusoe: debt + equity for 1.2 GW of buildings",
        commitment_kind="JV funding (debt + equity)",
    ),
    PartySpec(
        "JPMorgan (Abilene)",
        {"Lender": ("abilene_loan_phase1", "abilene_loan_phase2")},
        commitment_fact_ids=("abilene_loan_phase1", "abilene_loan_phase2"),
        commitment_what="Construction loans for Abilene phases 1 and 2",
        commitment_kind="loans",
    ),
    PartySpec(
        "Banks led by JPMorgan & MUFG (Vantage)",
        {"Lender": ("sg_oracle_debt_38bn",)},
        commitment_fact_ids=("sg_oracle_debt_38bn",),
        commitment_what="Construction loans for the two Vantage campuses leased to Oracle",
        commitment_kind="loans",
    ),
    PartySpec(
        "Vantage",
        {"Site developer": ("sg_shackelford_gw", "sg_oracle_debt_38bn")},
        commitment_fact_ids=("sg_shackelford_usd",),
        commitment_what="Estimated cost of its Shackelford County campus (1.4 GW), for Oracle",
        commitment_kind="site cost (estimate)",
    ),
    PartySpec(
        "Related Digital",
        {"Site developer": ("sg_michigan",)},
        commitment_what="Develops the Michigan campus with Oracle; no amount reported",
    ),
)


def _confidence_floor(fact_ids: Iterable[str]) -> str:
    """The lowest confidence among ``fact_ids`` (a chain is as strong as its weakest link)."""
    levels = [facts.get(i).confidence for i in fact_ids]
    if not levels:
        return ""
    return min(levels, key=_CONFIDENCE_ORDER.index)


def _citations(fact_ids: Iterable[str]) -> str:
    """Citations of ``fact_ids``, de-duplicated, joined by '; '."""
    return "; ".join(dict.fromkeys(facts.get(i).citation() for i in fact_ids))


def _scenario_or_fact(value: float, fact_id: str, scenario: Scenario) -> tuple[str, str, str]:
    """Provenance of a scenario value that defaults to ``fact_id``.

    Returns:
        ``(fact ids, source, confidence)``: the fact's when the value is the fact's value,
        otherwise the scenario file's. The value decides, as in
        :func:`stargate.schema.common.fact_behind`, not whether a file set the field.
    """
    fact = facts.all_facts()[fact_id]  # not recorded as used unless its value is the one used
    if isinstance(fact.value, float) and np.isclose(value, fact.value, rtol=1e-12, atol=0.0):
        facts.record([fact_id])
        return fact_id, fact.citation(), fact.confidence
    return "", f"scenario '{scenario.name}' (differs from {fact_id})", "scenario"


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


def total_equity_usd(scenario: Scenario) -> float:
    """Equity committed by the partners still in, USD (base: 19 + 19 + 7 + 7 = $52bn)."""
    return float(sum(equity_usd_by_party(scenario).values()))


def build_parties_table(scenario: Scenario) -> pd.DataFrame:
    """Every party: roles, commitment in USD and JPY, stake, source and confidence.

    Returns:
        One row per party (:data:`PARTIES`), columns ``party``, ``roles``, ``commitment``
        (what the amount is), ``commitment_kind`` (equity plan, loans, letter of intent…),
        ``commitment_usd``, ``commitment_jpy`` (at
        ``scenario.display.jpy_per_usd``), ``stake_fraction`` (NaN: not reported),
        ``fact_ids``, ``source``, ``confidence``. Amounts are NaN where none is reported.
    """
    jpy_per_usd = scenario.display.jpy_per_usd
    equity = equity_usd_by_party(scenario)
    stakes = stake_by_party(scenario)
    rows = []
    for spec in PARTIES:
        role_ids = tuple(dict.fromkeys(i for ids in spec.roles.values() for i in ids))
        what = spec.commitment_what
        kind = spec.commitment_kind
        stake = np.nan
        if spec.equity_key is not None:
            key = spec.equity_key
            amount = equity[key]
            ids, source, confidence = _scenario_or_fact(
                scenario.funding.equity_usd(key), EQUITY_FACTS[key], scenario
            )
            kind = "equity plan (reported)" if confidence != "scenario" else "equity (scenario)"
            if scenario.funding.is_withdrawn(key):
                what = f"Withdrawn in this scenario (reported plan: {what.lower()})"
                kind = "withdrawn (scenario)"
            s = stakes[key]
            if s is not None:
                stake = s
                if key in STAKE_FACTS and not scenario.funding.is_withdrawn(key):
                    _scenario_or_fact(s, STAKE_FACTS[key], scenario)
        elif spec.commitment_fact_ids:
            amount = float(sum(facts.value(i) for i in spec.commitment_fact_ids))
            ids = ", ".join(spec.commitment_fact_ids)
            source = _citations(spec.commitment_fact_ids)
            confidence = _confidence_floor(spec.commitment_fact_ids)
        else:
            amount = np.nan
            ids = ", ".join(role_ids)
            source = _citations(role_ids)
            confidence = _confidence_floor(role_ids)
        rows.append(
            {
                "party": spec.name,
                "roles": ", ".join(spec.roles),
                "commitment": what,
                "commitment_kind": kind,
                "commitment_usd": amount,
                "commitment_jpy": amount * jpy_per_usd,
                "stake_fraction": stake,
                "fact_ids": ids,
                "source": source,
                "confidence": confidence,
            }
        )
    return pd.DataFrame(rows)


def build_roles_matrix() -> pd.DataFrame:
    """Party × role matrix: True where a fact shows the party in that role.

    Returns:
        Boolean DataFrame, index = party names, columns = :data:`ROLES`.
    """
    matrix = pd.DataFrame(False, index=[p.name for p in PARTIES], columns=list(ROLES))
    for spec in PARTIES:
        for role, ids in spec.roles.items():
            if role not in ROLES:
                raise ValueError(f"{spec.name}: unknown role {role!r}")
            facts.record(ids)
            matrix.loc[spec.name, role] = True
    matrix.index.name = "party"
    return matrix


def list_role_evidence() -> pd.DataFrame:
    """One row per (party, role): the facts that show it, their sources and confidence."""
    rows = []
    for spec in PARTIES:
        for role, ids in spec.roles.items():
            rows.append(
                {
                    "party": spec.name,
                    "role": role,
                    "fact_ids": ", ".join(ids),
                    "source": _citations(ids),
                    "confidence": _confidence_floor(ids),
                }
            )
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- funding stack


def stack_funding(
    amount_usd: float, equity_usd: float, max_debt_to_equity_ratio: float
) -> dict[str, float]:
    """Split a spending amount into equity, debt and an unfunded gap.

    Equity pays first (up to the amount); lenders add at most ``max_debt_to_equity_ratio``
    dollars per dollar of equity used; what is left is the gap.

    Args:
        amount_usd: spending to fund, USD (≥ 0).
        equity_usd: equity available, USD (≥ 0).
        max_debt_to_equity_ratio: debt lenders provide per dollar of equity (≥ 0).

    Returns:
        ``equity_usd``, ``debt_usd``, ``gap_usd`` (they sum to ``amount_usd``) and
        ``debt_to_equity_ratio`` = (amount − equity) ÷ equity, the leverage that would close
        the gap with debt alone (``inf`` without equity).

    Example: $500bn with $52bn of equity at 1.68× → equity 52, debt 87.3, gap 360.7 ($bn);
    closing the gap by borrowing alone needs (500 − 52) ÷ 52 = 8.6× leverage.
    """
    if amount_usd < 0 or equity_usd < 0 or max_debt_to_equity_ratio < 0:
        raise ValueError("amount, equity and ratio must be non-negative")
    equity_used = min(equity_usd, amount_usd)
    debt = min(amount_usd - equity_used, max_debt_to_equity_ratio * equity_used)
    gap = amount_usd - equity_used - debt
    if equity_used > 0:
        required = (amount_usd - equity_used) / equity_used
    else:
        required = float("inf") if amount_usd > 0 else 0.0
    return {
        "equity_usd": float(equity_used),
        "debt_usd": float(debt),
        "gap_usd": float(gap),
        "debt_to_equity_ratio": float(required),
    }


def summarize_funding(scenario: Scenario) -> dict[str, float]:
    """Headline figures of the funding stack.

    Returns:
        ``equity_committed_usd`` (partners still in), ``programme_usd`` and
        ``first_tranche_usd`` (``scenario.program``), ``equity_share_of_programme`` and
        ``equity_share_of_first_tranche`` (fractions, equity ÷ amount, capped at 1),
        ``debt_to_equity_ratio`` (leverage that would fund the whole programme with today's
        equity: (programme − equity) ÷ equity), ``first_tranche_debt_to_equity_ratio``,
        ``max_debt_to_equity_ratio`` (the scenario's lender capacity), ``debt_usd`` and
        ``funding_gap_usd`` (over the programme years, from :func:`compute_funding_schedule`).
    """
    program = scenario.program
    equity = total_equity_usd(scenario)
    ratio = scenario.funding.max_debt_to_equity_ratio
    whole = stack_funding(program.total_commitment_usd, equity, ratio)
    first = stack_funding(program.initial_tranche_usd, equity, ratio)
    schedule = compute_funding_schedule(scenario)
    return {
        "equity_committed_usd": equity,
        "programme_usd": program.total_commitment_usd,
        "first_tranche_usd": program.initial_tranche_usd,
        "equity_share_of_programme": whole["equity_usd"] / program.total_commitment_usd,
        "equity_share_of_first_tranche": (
            first["equity_usd"] / program.initial_tranche_usd
            if program.initial_tranche_usd > 0
            else float("nan")
        ),
        "debt_to_equity_ratio": whole["debt_to_equity_ratio"],
        "first_tranche_debt_to_equity_ratio": first["debt_to_equity_ratio"],
        "max_debt_to_equity_ratio": ratio,
        "debt_usd": float(schedule["debt_drawdown_usd"].sum()),
        "funding_gap_usd": float(schedule["gap_usd"].sum()),
    }


def compute_funding_stack(scenario: Scenario) -> pd.DataFrame:
    """The funding stack against the whole programme and against the first tranche.

    Each partner's equity, the debt lenders add at ``max_debt_to_equity_ratio``, and the gap
    left, for ``program.total_commitment_usd`` ($500bn) and ``program.initial_tranche_usd``
    ($100bn). Equity used on an amount smaller than the equity is scaled down pro rata.

    Returns:
        Rows per layer (``layer``, ``kind`` in equity/debt/gap), columns ``programme_usd``,
        ``programme_share``, ``first_tranche_usd``, ``first_tranche_share``.
    """
    program = scenario.program
    equity = equity_usd_by_party(scenario)
    total = sum(equity.values())
    ratio = scenario.funding.max_debt_to_equity_ratio
    columns: dict[str, dict[str, float]] = {}
    for label, amount in (
        ("programme", program.total_commitment_usd),
        ("first_tranche", program.initial_tranche_usd),
    ):
        stack = stack_funding(amount, total, ratio)
        scale = stack["equity_usd"] / total if total > 0 else 0.0
        layer = {f"{PARTY_NAMES[p]} equity": equity[p] * scale for p in EQUITY_PARTIES}
        layer["Debt (lenders)"] = stack["debt_usd"]
        layer["Unfunded gap"] = stack["gap_usd"]
        columns[label] = layer
    rows = []
    for name in columns["programme"]:
        kind = "equity" if name.endswith("equity") else ("debt" if "Debt" in name else "gap")
        row: dict[str, Any] = {"layer": name, "kind": kind}
        for label, amount in (
            ("programme", program.total_commitment_usd),
            ("first_tranche", program.initial_tranche_usd),
        ):
            row[f"{label}_usd"] = columns[label][name]
            row[f"{label}_share"] = columns[label][name] / amount if amount > 0 else np.nan
        rows.append(row)
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- schedule


def schedule_funding(
    need_usd: ArrayLike,
    equity_usd: float,
    max_debt_to_equity_ratio: float,
    profile: str = "pro_rata",
) -> dict[str, np.ndarray]:
    """Fund a spending schedule year by year with equity calls and debt drawdowns.

    Equity calls: ``pro_rata`` calls ``equity × need_t ÷ Σ need`` each year (a fund calling
    capital as it invests); ``equity_first`` pays each year's need from equity until the
    equity is used up. Either way a call never exceeds the year's need.
    Debt: lenders lend up to ``ratio × equity paid in so far`` in total; each year draws what
    the equity left uncovered, within what is still available.
    Gap: ``need − equity call − debt drawdown`` (≥ 0), the money still to be found.

    Args:
        need_usd: spending per year, USD (≥ 0), e.g. ``program.spend_usd_by_year()`` values.
        equity_usd: equity committed in total, USD.
        max_debt_to_equity_ratio: debt per dollar of equity paid in.
        profile: ``"pro_rata"`` or ``"equity_first"``.

    Returns:
        Arrays per year: ``need_usd``, ``equity_call_usd``, ``debt_drawdown_usd``,
        ``funding_usd`` (equity + debt), ``gap_usd``, ``debt_need_usd`` (need − equity: what
        must be borrowed or raised from outside investors), ``cumulative_gap_usd``.
    """
    need = np.asarray(need_usd, dtype=float)
    if need.ndim != 1 or (need < 0).any():
        raise ValueError("need_usd must be a 1-D array of non-negative amounts")
    if equity_usd < 0 or max_debt_to_equity_ratio < 0:
        raise ValueError("equity_usd and max_debt_to_equity_ratio must be non-negative")
    total_need = need.sum()
    if profile == "pro_rata":
        share = need / total_need if total_need > 0 else np.zeros_like(need)
        equity = np.minimum(equity_usd * share, need)
    elif profile == "equity_first":
        paid_before = np.concatenate(([0.0], np.cumsum(need)[:-1]))
        equity = np.clip(equity_usd - paid_before, 0.0, need)
    else:
        raise ValueError(f"unknown equity call profile {profile!r}")
    debt = np.zeros_like(need)
    drawn = 0.0
    capacity = max_debt_to_equity_ratio * np.cumsum(equity)
    for t in range(need.size):
        debt[t] = max(0.0, min(need[t] - equity[t], capacity[t] - drawn))
        drawn += debt[t]
    funding = equity + debt
    gap = need - funding
    return {
        "need_usd": need,
        "equity_call_usd": equity,
        "debt_drawdown_usd": debt,
        "funding_usd": funding,
        "gap_usd": gap,
        "debt_need_usd": need - equity,
        "cumulative_gap_usd": np.cumsum(gap),
    }


def compute_funding_schedule(scenario: Scenario) -> pd.DataFrame:
    """Need, equity calls, debt drawdowns and the funding gap per programme year.

    Need is ``scenario.program.spend_usd_by_year()``; equity is the partners' committed equity
    (:func:`total_equity_usd`) called as ``funding.equity_call_profile`` says; debt is capped
    at ``funding.max_debt_to_equity_ratio`` × equity paid in (see :func:`schedule_funding`).

    Returns:
        DataFrame indexed by calendar ``year`` with the columns of :func:`schedule_funding`.
    """
    spend = scenario.program.spend_usd_by_year()
    result = schedule_funding(
        list(spend.values()),
        total_equity_usd(scenario),
        scenario.funding.max_debt_to_equity_ratio,
        scenario.funding.equity_call_profile,
    )
    table = pd.DataFrame(result, index=pd.Index(list(spend), name="year"))
    return table


def sweep_debt_to_equity(scenario: Scenario, ratios: Sequence[float]) -> pd.DataFrame:
    """Total debt and funding gap over the programme for each lender leverage in ``ratios``.

    Returns:
        Columns ``max_debt_to_equity_ratio``, ``debt_usd``, ``funding_gap_usd``,
        ``gap_share_of_programme`` (fraction).
    """
    need = list(scenario.program.spend_usd_by_year().values())
    equity = total_equity_usd(scenario)
    rows = []
    for ratio in ratios:
        result = schedule_funding(need, equity, float(ratio), scenario.funding.equity_call_profile)
        gap = float(result["gap_usd"].sum())
        rows.append(
            {
                "max_debt_to_equity_ratio": float(ratio),
                "debt_usd": float(result["debt_drawdown_usd"].sum()),
                "funding_gap_usd": gap,
                "gap_share_of_programme": gap / scenario.program.total_commitment_usd,
            }
        )
    return pd.DataFrame(rows)


def compare_call_profiles(scenario: Scenario) -> pd.DataFrame:
    """The funding gap per year under each equity call profile (same equity and leverage).

    Returns:
        DataFrame indexed by ``year``, one column of gap (USD) per profile.
    """
    spend = scenario.program.spend_usd_by_year()
    equity = total_equity_usd(scenario)
    ratio = scenario.funding.max_debt_to_equity_ratio
    columns = {
        profile: schedule_funding(list(spend.values()), equity, ratio, profile)["gap_usd"]
        for profile in ("pro_rata", "equity_first")
    }
    return pd.DataFrame(columns, index=pd.Index(list(spend), name="year"))


# --------------------------------------------------------------------------- flows


def split_capex_dollar(scenario: Scenario) -> pd.DataFrame:
    """Where a dollar of capex goes: NVIDIA, other IT suppliers, facility builders.

    Shares come from the cost model (:func:`stargate.model.costs.capex_breakdown_usd` and
    :func:`stargate.model.costs.nvidia_share_of_capex`): NVIDIA's share is taken out of the IT
    capex (accelerators + other IT); the facility share (buildings, power and cooling plant)
    goes to developers and builders.

    Returns:
        Rows ``recipient``, ``what``, ``share_of_capex`` (fraction; the rows sum to 1),
        ``fleet_usd`` (share × the modelled fleet's capex,
        :func:`stargate.model.costs.total_capex_usd`)
        and ``programme_usd`` (share × ``program.total_commitment_usd``: the programme spent
        with the same mix).
    """
    from stargate.model import costs

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
    rows = [
        ("NVIDIA", "GPUs and the NVIDIA systems around them", nvidia_share),
        (
            "Other IT suppliers",
            "servers, networking, storage not sold by NVIDIA",
            it_share - nvidia_share,
        ),
        (
            "Builders & power plant",
            "buildings, electrical and cooling plant (site developers, contractors)",
            breakdown["facility"] / total,
        ),
    ]
    fleet_usd = float(costs.total_capex_usd(scenario))
    programme_usd = scenario.program.total_commitment_usd
    return pd.DataFrame(
        [
            {
                "recipient": name,
                "what": what,
                "share_of_capex": share,
                "fleet_usd": share * fleet_usd,
                "programme_usd": share * programme_usd,
            }
            for name, what, share in rows
        ]
    )


@dataclass(frozen=True)
class _Flow:
    payer: str
    payee: str
    what: str
    fact_ids: tuple[str, ...]
    status: str


#: Who pays whom, as the evidence describes it (amounts are the sum of the named facts).
PAYMENT_FLOWS: tuple[_Flow, ...] = (
    _Flow(
        "SoftBank, OpenAI, Oracle, MGX",
        "Stargate venture",
        "equity, 19 + 19 + 7 + 7",
        ("sg_eq_total_derived",),
        "reported plan",
    ),
    _Flow(
        "OpenAI",
        "Oracle",
        "computing power over ~5 years from 2027 (~$60bn a year)",
        ("sg_oracle_300bn",),
        "contract (reported)",
    ),
    _Flow(
        "Oracle",
        "NVIDIA",
        "~400,000 GB200 chips for Abilene",
        ("abilene_gpus_oracle_ft_usd",),
        "reported",
    ),
    _Flow(
        "Oracle",
        "Abilene JV (Crusoe, Blue Owl, Primary Digital)",
        "long-term lease of the campus (15 years per one aggregator)",
        ("abilene_lease_term",),
        "lease (term reported, amount not)",
    ),
    _Flow(
        "JPMorgan",
        "Abilene JV (Crusoe, Blue Owl, Primary Digital)",
        "construction loans, phases 1 and 2",
        ("abilene_loan_phase1", "abilene_loan_phase2"),
        "loans closed",
    ),
    _Flow(
        "Banks led by JPMorgan & MUFG",
        "Vantage (sites leased to Oracle)",
        "construction loans for Shackelford TX and Port Washington WI",
        ("sg_oracle_debt_38bn",),
        "loans (reported)",
    ),
    _Flow(
        "NVIDIA",
        "OpenAI",
        "investment as each GW of NVIDIA systems is deployed",
        ("nvda_loi_usd",),
        "letter of intent, not definitive",
    ),
    _Flow(
        "SoftBank",
        "OpenAI",
        "equity investment, completed Dec 2025",
        ("fund_softbank_complete_total",),
        "completed (reported)",
    ),
    _Flow(
        "Banks",
        "SoftBank",
        "bridge loan for the first closing of its OpenAI investment",
        ("fund_softbank_sources_bridge_loan",),
        "loan (reported)",
    ),
    _Flow(
        "Microsoft",
        "OpenAI",
        "funding commitment (of which $11.6bn funded by Sep 2025)",
        ("oa_msft_invest_commitment",),
        "commitment (filing, as reported)",
    ),
)


def list_payment_flows(scenario: Scenario) -> pd.DataFrame:
    """Who pays whom: equity, contracts, hardware, leases and loans, each with its source.

    Reads like a loop: NVIDIA invests in OpenAI (letter of intent), OpenAI pays Oracle for
    compute, Oracle buys NVIDIA chips and leases sites that banks lend to build.

    Returns:
        Columns ``payer``, ``payee``, ``what``, ``amount_usd`` (NaN where only a term is
        reported), ``amount_jpy``, ``status``, ``fact_ids``, ``source``, ``confidence``.
    """
    rows = []
    for flow in PAYMENT_FLOWS:
        units = {facts.get(i).unit for i in flow.fact_ids}
        amount = float(sum(facts.value(i) for i in flow.fact_ids)) if units == {"USD"} else np.nan
        rows.append(
            {
                "payer": flow.payer,
                "payee": flow.payee,
                "what": flow.what,
                "amount_usd": amount,
                "amount_jpy": amount * scenario.display.jpy_per_usd,
                "status": flow.status,
                "fact_ids": ", ".join(flow.fact_ids),
                "source": _citations(flow.fact_ids),
                "confidence": _confidence_floor(flow.fact_ids),
            }
        )
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- exposure


def compute_exposure(scenario: Scenario) -> pd.DataFrame:
    """For each party: what it has at risk and what it earns, under the scenario.

    Scenario-driven figures: the partners' equity (``scenario.funding``), the debt lenders put
    in (:func:`compute_funding_schedule`), NVIDIA's hardware revenue (its share of capex from
    the cost model × the programme). The rest are reported figures, named by fact id.

    Returns:
        Columns ``party``, ``at_risk_usd``, ``at_risk``, ``earns_usd`` (NaN: no figure),
        ``earns``, ``fact_ids``, ``source``, ``confidence`` (of the reported figures; the
        scenario's own figures are marked in the text).
    """
    from stargate.model import costs

    equity = equity_usd_by_party(scenario)
    stakes = stake_by_party(scenario)
    programme = scenario.program.total_commitment_usd
    debt_usd = float(compute_funding_schedule(scenario)["debt_drawdown_usd"].sum())
    nvidia_share = float(costs.nvidia_share_of_capex(scenario))
    v = facts.value

    def stake_text(party: str) -> str:
        s = stakes[party]
        return "stake not reported" if s is None else f"{s:.0%} stake"

    def equity_text(party: str) -> str:
        return f"equity in the venture (scenario: ${equity[party] / 1e9:,.1f}bn)"

    rows: list[tuple[str, float, str, float, str, tuple[str, ...]]] = [
        (
            "SoftBank",
            equity["softbank"] + v("fund_softbank_complete_total"),
            f"{equity_text('softbank')} + its completed OpenAI investment",
            np.nan,
            f"its share of the venture's profits, if any ({stake_text('softbank')})",
            ("fund_softbank_complete_total",),
        ),
        (
            "OpenAI",
            equity["openai"] + v("sg_oracle_300bn"),
            f"{equity_text('openai')} + compute it contracted to buy from Oracle (~5 years)",
            np.nan,
            f"the compute its products run on ({stake_text('openai')})",
            ("sg_oracle_300bn",),
        ),
        (
            "Oracle",
            equity["oracle"] + v("abilene_gpus_oracle_ft_usd"),
            f"{equity_text('oracle')} + GB200 chips bought for Abilene; long site leases",
            v("sg_oracle_300bn"),
            "OpenAI's compute contract (~5 years from 2027), if OpenAI can pay",
            ("abilene_gpus_oracle_ft_usd", "sg_oracle_300bn"),
        ),
        (
            "MGX",
            equity["mgx"],
            equity_text("mgx"),
            np.nan,
            f"its share of the venture's profits, if any ({stake_text('mgx')})",
            (),
        ),
        (
            "NVIDIA",
            v("nvda_loi_usd"),
            "up to $100bn it intends to invest in OpenAI (letter of intent)",
            nvidia_share * programme,
            f"hardware sales: {nvidia_share:.0%} of capex (cost model) × the programme",
            ("nvda_loi_usd",),
        ),
        (
            "Lenders to the venture (modelled)",
            debt_usd,
            "debt lent beside the equity at the scenario's leverage",
            np.nan,
            "interest (rate not reported)",
            (),
        ),
        (
            "Site lenders (JPMorgan, MUFG and banks)",
            v("abilene_loan_phase1") + v("abilene_loan_phase2") + v("sg_oracle_debt_38bn"),
            "construction loans at Abilene and the two Vantage campuses",
            np.nan,
            "interest (rate not reported)",
            ("abilene_loan_phase1", "abilene_loan_phase2", "sg_oracle_debt_38bn"),
        ),
        (
            "Crusoe, Blue Owl & Primary Digital",
            v("abilene_jv_15bn") - v("abilene_loan_phase1") - v("abilene_loan_phase2"),
            "JV equity in Abilene ($15bn JV funding less $9.4bn of loans)",
            np.nan,
            "Oracle's lease payments (amount not reported)",
            ("abilene_jv_15bn", "abilene_loan_phase1", "abilene_loan_phase2"),
        ),
        (
            "Vantage",
            v("sg_shackelford_usd"),
            "cost of the Shackelford campus (mostly borrowed)",
            np.nan,
            "Oracle's lease payments (amount not reported)",
            ("sg_shackelford_usd",),
        ),
        (
            "Microsoft",
            v("oa_msft_invest_commitment"),
            "its funding commitment to OpenAI (not to Stargate)",
            np.nan,
            f"a {v('oa_msft_share'):.0%} share of OpenAI's revenue",
            ("oa_msft_invest_commitment", "oa_msft_share"),
        ),
    ]
    return pd.DataFrame(
        [
            {
                "party": party,
                "at_risk_usd": float(at_risk),
                "at_risk": at_risk_what,
                "earns_usd": float(earns),
                "earns": earns_what,
                "fact_ids": ", ".join(ids),
                "source": _citations(ids) if ids else f"scenario '{scenario.name}'",
                "confidence": _confidence_floor(ids) if ids else "scenario",
            }
            for party, at_risk, at_risk_what, earns, earns_what, ids in rows
        ]
    )


# --------------------------------------------------------------------------- Musk check

#: Evidence about the partners' money around Musk's claim: (who, kind, what, short label, fact).
_MUSK_ROWS: tuple[tuple[str, str, str, str, str], ...] = (
    (
        "Elon Musk",
        "claim",
        "“SoftBank has well under $10B secured” (an upper bound)",
        "Musk: SoftBank has under this",
        "sg_musk_claim",
    ),
    (
        "SoftBank",
        "reported liquidity",
        "cash on its balance sheet",
        "SoftBank cash (CNN source)",
        "sg_partner_cash_softbank",
    ),
    (
        "MGX",
        "reported liquidity",
        "capital commitments (not cash)",
        "MGX capital commitments",
        "sg_partner_cash_mgx_commitments",
    ),
    ("Oracle", "reported liquidity", "cash", "Oracle cash", "sg_partner_cash_oracle"),
    (
        "OpenAI",
        "reported liquidity",
        "from its recent round (a lower bound, “>$10bn”)",
        "OpenAI cash from its round",
        "sg_partner_cash_openai",
    ),
    (
        "SoftBank",
        "commitment",
        "equity planned for Stargate",
        "SoftBank equity for Stargate",
        "sg_eq_softbank",
    ),
    (
        "SoftBank",
        "later financing",
        "loan it was in talks for, for AI investments",
        "SoftBank loan talks (Mar 2025)",
        "sg_softbank_loan_initial",
    ),
    (
        "SoftBank",
        "later financing",
        "possible further borrowing in early 2026",
        "possible further loan (2026)",
        "sg_softbank_loan_additional",
    ),
    (
        "SoftBank",
        "commitment",
        "its effective commitment to OpenAI's round (up to)",
        "SoftBank into OpenAI's round",
        "fund_mar2025_softbank_effective",
    ),
    (
        "SoftBank",
        "later financing",
        "sold all its Nvidia shares",
        "sold Nvidia shares (Oct 2025)",
        "fund_softbank_sources_nvidia",
    ),
    (
        "SoftBank",
        "later financing",
        "sold part of its T-Mobile stake",
        "sold T-Mobile shares",
        "fund_softbank_sources_tmobile",
    ),
    (
        "SoftBank",
        "later financing",
        "bridge loan for the first closing",
        "bridge loan (Nov 2025)",
        "fund_softbank_sources_bridge_loan",
    ),
    (
        "SoftBank",
        "commitment",
        "OpenAI investment completed",
        "OpenAI investment completed",
        "fund_softbank_complete_total",
    ),
)


def check_musk_claim(scenario: Scenario) -> pd.DataFrame:
    """Musk's “they don't have the money” against the partners' reported cash and financing.

    Evidence, not assertion: each row is a dated, sourced figure. The claim and CNN's counter
    (cash figures) both rest on single, partly unnamed sources (facts.md caveat 1).

    Returns:
        Columns ``date``, ``who``, ``kind`` (claim / reported liquidity / commitment / later
        financing), ``what``, ``label`` (short, for charts), ``amount_usd``, ``amount_jpy``,
        ``vs_musk_10bn`` (amount ÷ Musk's $10bn), ``fact_id``, ``source``, ``confidence``; the
        claim first, then the evidence in the order it appeared.
    """
    musk_usd = facts.value("sg_musk_claim")
    rows = []
    for who, kind, what, label, fact_id in _MUSK_ROWS:
        fact = facts.get(fact_id)
        amount = facts.value(fact_id)
        rows.append(
            {
                "date": fact.as_of,
                "who": who,
                "kind": kind,
                "what": what,
                "label": label,
                "amount_usd": amount,
                "amount_jpy": amount * scenario.display.jpy_per_usd,
                "vs_musk_10bn": amount / musk_usd,
                "fact_id": fact_id,
                "source": fact.citation(),
                "confidence": fact.confidence,
            }
        )
    return pd.DataFrame(rows)


def check_softbank_liquidity(scenario: Scenario) -> dict[str, float]:
    """SoftBank's cash against what it committed in 2025, and what it raised later.

    Commitments: its Stargate equity (scenario) + up to $30bn into OpenAI's March 2025 round.
    Raised by November 2025: Nvidia and T-Mobile share sales + an $8.5bn bridge loan (the
    $16bn loan of March 2025 was only reported as talks and is kept apart).

    Returns:
        ``cash_usd``, ``stargate_equity_usd``, ``openai_commitment_usd``,
        ``commitments_usd``, ``shortfall_usd`` (commitments − cash, ≥ 0),
        ``raised_usd`` (sales + bridge loan), ``loan_talks_usd``, ``musk_bound_usd``.
    """
    cash = facts.value("sg_partner_cash_softbank")
    stargate = equity_usd_by_party(scenario)["softbank"]
    openai = facts.value("fund_mar2025_softbank_effective")
    raised = (
        facts.value("fund_softbank_sources_nvidia")
        + facts.value("fund_softbank_sources_tmobile")
        + facts.value("fund_softbank_sources_bridge_loan")
    )
    commitments = stargate + openai
    return {
        "cash_usd": cash,
        "stargate_equity_usd": stargate,
        "openai_commitment_usd": openai,
        "commitments_usd": commitments,
        "shortfall_usd": max(0.0, commitments - cash),
        "raised_usd": raised,
        "loan_talks_usd": facts.value("sg_softbank_loan_initial"),
        "musk_bound_usd": facts.value("sg_musk_claim"),
    }


# --------------------------------------------------------------------------- the moving label


@dataclass(frozen=True)
class _Milestone:
    date: str
    event: str
    status: str
    gw_fact: str | None
    usd_fact: str | None
    other_facts: tuple[str, ...] = ()


#: How “Stargate” grew, and what kind of promise each figure is (facts.md caveats 2 and 8).
LABEL_TIMELINE: tuple[_Milestone, ...] = (
    _Milestone(
        "2025-01-21",
        "Announced: $500bn over four years, $100bn “immediately”",
        "stated intention",
        None,
        "sg_total_commitment",
        ("sg_initial_deploy", "sg_duration_years"),
    ),
    _Milestone(
        "2025-01-23",
        "Equity split reported: 19 + 19 + 7 + 7 = $52bn",
        "reported plan",
        None,
        "sg_eq_total_derived",
    ),
    _Milestone(
        "2025-07-22",
        "WSJ: six months in, no data-centre deal completed by the venture",
        "report",
        None,
        None,
        ("sg_wsj_stall",),
    ),
    _Milestone(
        "2025-07-22",
        "Oracle deal: +4.5 GW; with Abilene >5 GW under development; “$500bn / 10 GW”",
        "agreement",
        "sg_oracle_4p5gw_total_gw",
        None,
        ("sg_oracle_4p5gw", "sg_oracle_4p5gw_commitment_gw"),
    ),
    _Milestone(
        "2025-09-10",
        "OpenAI to buy ~$300bn of Oracle compute over ~5 years",
        "contract (reported)",
        None,
        "sg_oracle_300bn",
    ),
    _Milestone(
        "2025-09-22",
        "NVIDIA: up to $100bn into OpenAI, ≥10 GW of NVIDIA systems",
        "letter of intent",
        "nvda_loi_gw",
        "nvda_loi_usd",
    ),
    _Milestone(
        "2025-09-23",
        "Five new sites: ~7 GW planned (incl. CoreWeave), >$400bn “over the next three years”",
        "plan",
        "sg_sep25_total_gw",
        "sg_sep25_total_usd",
    ),
    _Milestone(
        "2025-10-24",
        "$38bn of construction loans for two Vantage campuses leased to Oracle",
        "loans (reported)",
        None,
        "sg_oracle_debt_38bn",
    ),
    _Milestone(
        "2025-10-30",
        "Michigan site: >8 GW planned, >$450bn over the next three years",
        "plan",
        "sg_oct25_total_gw",
        "sg_oct25_total_usd",
    ),
    _Milestone(
        "2025-11",
        "NVIDIA 10-Q: “no assurance” of a definitive agreement with OpenAI",
        "filing",
        None,
        None,
        ("nvda_loi_status",),
    ),
)


def trace_label_timeline(scenario: Scenario) -> pd.DataFrame:
    """How “Stargate” grew from the January 2025 plan, and what kind of promise each step is.

    Returns:
        Columns ``date``, ``event``, ``status`` (stated intention, reported plan, agreement,
        contract, letter of intent, plan, loans, filing, report), ``gw`` and ``usd`` (NaN where
        the step gives none), ``usd_jpy``, ``fact_ids``, ``source``, ``confidence``.
    """
    rows = []
    for m in LABEL_TIMELINE:
        ids = tuple(i for i in (m.usd_fact, m.gw_fact, *m.other_facts) if i is not None)
        usd = facts.value(m.usd_fact) if m.usd_fact else np.nan
        rows.append(
            {
                "date": m.date,
                "event": m.event,
                "status": m.status,
                "gw": facts.value(m.gw_fact) if m.gw_fact else np.nan,
                "usd": usd,
                "usd_jpy": usd * scenario.display.jpy_per_usd,
                "fact_ids": ", ".join(ids),
                "source": _citations(ids),
                "confidence": _confidence_floor(ids),
            }
        )
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- tables and charts

#: Colours of the funding layers: each partner's own colour, grey debt, a pale red gap.
GAP_COLOR = "#f2b8b5"
LAYER_COLORS: dict[str, str] = {
    "SoftBank equity": "#e0a800",
    "OpenAI equity": "#10a37f",
    "Oracle equity": "#c74634",
    "MGX equity": "#7c3aed",
    "Equity calls": "#10a37f",
    "Debt (lenders)": "#6b7280",
    "Debt drawdowns": "#6b7280",
    "Unfunded gap": GAP_COLOR,
}


def format_table(
    df: pd.DataFrame,
    display: Any,
    *,
    money: Sequence[str] = (),
    usd: Sequence[str] = (),
    jpy: Sequence[str] = (),
    fractions: Sequence[str] = (),
    ratios: Sequence[str] = (),
    rename: dict[str, str] | None = None,
) -> pd.DataFrame:
    """A copy of ``df`` for readers: amounts as ``$19.0bn`` / ``3.0兆円``, shares as ``40%``.

    Args:
        df: a table of this module (amounts in USD, or JPY for ``jpy`` columns).
        display: display settings (``scenario.display``) for ``money`` columns.
        money: USD columns shown in the display currency.
        usd: USD columns always shown in USD (next to a JPY column).
        jpy: columns already in JPY, shown with 兆円 / 億円.
        fractions: shares 0–1, shown as percentages.
        ratios: plain ratios, shown as ``8.6×``.
        rename: column titles for readers (columns not named keep theirs).

    Returns:
        A DataFrame of strings (missing values shown as ``—``), columns renamed.
    """
    from stargate.present.formatting import format_jpy, format_money, format_usd

    def shown(value: Any, fmt: Any) -> str:
        if value is None or (isinstance(value, float) and not np.isfinite(value)):
            return "—"
        return fmt(float(value))

    out = df.copy()
    for col in money:
        out[col] = [shown(v, lambda x: format_money(x, display)) for v in out[col]]
    for col in usd:
        out[col] = [shown(v, format_usd) for v in out[col]]
    for col in jpy:
        out[col] = [shown(v, format_jpy) for v in out[col]]
    for col in fractions:
        out[col] = [shown(v, lambda x: f"{x:.1%}".replace(".0%", "%")) for v in out[col]]
    for col in ratios:
        out[col] = [shown(v, lambda x: f"{x:,.2f}×") for v in out[col]]
    return out.rename(columns=rename or {})


def tidy_funding_stack(stack: pd.DataFrame) -> pd.DataFrame:
    """The funding stack (:func:`compute_funding_stack`) in long form for a stacked bar.

    Returns:
        Columns ``amount`` ("Whole programme" / "First tranche"), ``layer``, ``usd``.
    """
    rows = []
    for label, col in (
        ("Whole programme", "programme_usd"),
        ("First tranche", "first_tranche_usd"),
    ):
        for _, r in stack.iterrows():
            rows.append({"amount": label, "layer": r["layer"], "usd": float(r[col])})
    return pd.DataFrame(rows)


def tidy_funding_schedule(schedule: pd.DataFrame) -> pd.DataFrame:
    """The funding schedule (:func:`compute_funding_schedule`) in long form for a stacked bar.

    Returns:
        Columns ``year``, ``layer`` (Equity calls / Debt drawdowns / Unfunded gap), ``usd``.
    """
    layers = {
        "equity_call_usd": "Equity calls",
        "debt_drawdown_usd": "Debt drawdowns",
        "gap_usd": "Unfunded gap",
    }
    rows = [
        {"year": int(year), "layer": name, "usd": float(r[col])}
        for year, r in schedule.iterrows()
        for col, name in layers.items()
    ]
    return pd.DataFrame(rows)


def chart_roles_matrix(matrix: pd.DataFrame | None = None) -> Any:
    """Dots where a party holds a role (:func:`build_roles_matrix`), with the source on hover.

    Returns:
        An Altair chart (party rows, role columns).
    """
    import altair as alt

    from stargate.present import charts

    matrix = build_roles_matrix() if matrix is None else matrix
    evidence = list_role_evidence()
    data = evidence.assign(
        color=[p if p in charts.PARTY_COLORS else "Other" for p in evidence["party"]]
    )
    parties = list(matrix.index)
    roles = [r for r in ROLES if matrix[r].any()]
    return (
        alt.Chart(
            data, title=charts.chart_title("Who does what", None, "Hover a dot for its source")
        )
        .mark_circle(size=170, opacity=1)
        .encode(
            x=alt.X(
                "role:N",
                sort=roles,
                title=None,
                axis=alt.Axis(orient="top", labelAngle=-35, labelAlign="left", labelLimit=200),
            ),
            y=alt.Y("party:N", sort=parties, title=None),
            color=alt.Color(
                "color:N",
                scale=charts.color_scale(data["color"], charts.PARTY_COLORS),
                legend=None,
            ),
            tooltip=[
                alt.Tooltip("party:N", title="Party"),
                alt.Tooltip("role:N", title="Role"),
                alt.Tooltip("source:N", title="Source"),
                alt.Tooltip("confidence:N", title="Confidence"),
            ],
        )
        .properties(width=34 * len(roles), height=26 * len(parties))
    )


def chart_musk_check(table: pd.DataFrame) -> Any:
    """The Musk check (:func:`check_musk_claim`) as bars, with Musk's $10bn as a rule.

    Returns:
        An Altair layered chart; amounts in the display currency set by ``charts.enable``.
    """
    import altair as alt

    from stargate.present import charts

    data = table.assign(item=[f"{r.date} · {r.label}" for r in table.itertuples()])
    bars = charts.bar(
        data,
        "item",
        "amount_usd",
        title="“Well under $10B secured” against what was reported",
        unit="USD",
        color="kind",
        sort=None,
        subtitle="Black line: Musk's $10bn; every bar is a sourced figure (see the table)",
    )
    factor = charts.money_factor("USD")
    musk = float(table.loc[table["kind"] == "claim", "amount_usd"].iloc[0])
    rule = (
        alt.Chart(pd.DataFrame({"x": [musk * factor], "label": ["Musk: $10bn"]}))
        .mark_rule(color=charts.TEXT_COLOR, strokeWidth=2)
        .encode(x="x:Q", tooltip=[alt.Tooltip("label:N", title="Claim")])
    )
    return alt.layer(bars, rule)


def chart_label_timeline(timeline: pd.DataFrame) -> Any:
    """Dollar figures attached to “Stargate” over 2025, coloured by what kind of promise.

    Returns:
        An Altair layered chart (points with labels) of the timeline's ``usd`` column.
    """
    import altair as alt

    from stargate.present import charts

    data = timeline.dropna(subset=["usd"]).copy()
    data["when"] = [d if len(d) > 7 else f"{d}-15" for d in data["date"]]
    data["shown"] = [charts.format_value(v, "USD") for v in data["usd"]]
    data["usd"] = data["usd"] * charts.money_factor("USD")
    data["gw_text"] = [f"{g:g} GW" if np.isfinite(g) else "" for g in data["gw"]]
    base = alt.Chart(data).encode(
        x=alt.X(
            "when:T",
            title=None,
            axis=alt.Axis(format="%b %Y", tickCount="month"),
            scale=alt.Scale(domain=["2025-01-01", "2026-01-31"]),
        ),
        y=alt.Y("usd:Q", title=None, axis=alt.Axis(labelExpr=charts.money_label_expr())),
        tooltip=[
            alt.Tooltip("date:N", title="Date"),
            alt.Tooltip("event:N", title="What"),
            alt.Tooltip("status:N", title="Kind of promise"),
            alt.Tooltip("shown:N", title="Amount"),
            alt.Tooltip("gw_text:N", title="Capacity"),
            alt.Tooltip("confidence:N", title="Confidence"),
        ],
    )
    points = base.mark_point(size=120, filled=True, opacity=1).encode(
        color=alt.Color("status:N", scale=charts.color_scale(data["status"]), title=None),
    )
    labels = base.mark_text(align="left", dx=9, dy=-8).encode(text="shown:N")
    title = charts.chart_title(
        "The label moved: what each dollar figure is",
        "USD",
        "Plans, contracts, loans and a letter of intent are different kinds of promise",
    )
    return alt.layer(points, labels, title=title).properties(
        width=charts.WIDTH_PX, height=charts.HEIGHT_PX
    )
