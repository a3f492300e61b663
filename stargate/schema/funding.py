"""Funding parameters: parties' equity, stakes, debt (owned by the investor model).

The base case is the split reported in January 2025 (The Information, citing Altman): SoftBank
$19bn, OpenAI $19bn, Oracle ~$7bn, MGX ~$7bn of equity, SoftBank and OpenAI 40 % each. How much
debt lenders put beside that equity is taken from the one Stargate site whose financing is
public (Abilene: $9.4bn of loans in a $15bn joint venture). A scenario can change any amount,
or remove a partner (``withdrawn_parties``).
"""

from __future__ import annotations

from typing import Literal

from pydantic import model_validator

from stargate.schema.common import Fraction, Group, from_fact, param

PartyKey = Literal["softbank", "openai", "oracle", "mgx"]
"""The four initial equity funders of the Stargate venture."""

#: The equity funders, in the order the announcement lists them.
EQUITY_PARTIES: tuple[str, ...] = ("softbank", "openai", "oracle", "mgx")

_MAX_USD = 5e12


class Funding(Group):
    """Who puts in what: equity by party, stakes, debt capacity."""

    softbank_equity_usd: float = from_fact(
        "sg_eq_softbank",
        unit="USD",
        help="SoftBank's equity commitment to the Stargate venture (reported, Jan 2025)",
        ge=0,
        le=_MAX_USD,
    )
    openai_equity_usd: float = from_fact(
        "sg_eq_openai",
        unit="USD",
        help="OpenAI's equity commitment to the Stargate venture (reported, Jan 2025)",
        ge=0,
        le=_MAX_USD,
    )
    oracle_equity_usd: float = from_fact(
        "sg_eq_oracle",
        unit="USD",
        help="Oracle's equity commitment to the Stargate venture (~$7bn reported)",
        ge=0,
        le=_MAX_USD,
    )
    mgx_equity_usd: float = from_fact(
        "sg_eq_mgx",
        unit="USD",
        help="MGX's equity commitment to the Stargate venture (~$7bn reported)",
        ge=0,
        le=_MAX_USD,
    )
    softbank_stake_fraction: Fraction = from_fact(
        "sg_stake_softbank",
        unit="fraction",
        help="SoftBank's reported ownership of the venture (0.4 = 40 %)",
        ge=0,
        le=1,
    )
    openai_stake_fraction: Fraction = from_fact(
        "sg_stake_openai",
        unit="fraction",
        help="OpenAI's reported ownership of the venture (0.4 = 40 %)",
        ge=0,
        le=1,
    )
    oracle_stake_fraction: Fraction | None = param(
        None,
        unit="fraction",
        help="Oracle's ownership of the venture; no source reports it (empty = not reported)",
    )
    mgx_stake_fraction: Fraction | None = param(
        None,
        unit="fraction",
        help="MGX's ownership of the venture; no source reports it (empty = not reported)",
    )
    withdrawn_parties: list[PartyKey] = param(
        list,
        unit="text",
        help="Equity partners that pull out (softbank, openai, oracle, mgx): their equity counts 0",
        max_length=4,
    )
    max_debt_to_equity_ratio: float = from_fact(
        "abilene_debt_to_equity_derived",
        unit="ratio",
        help="Debt lent per dollar of equity paid in (Abilene: $9.4bn loans on $5.6bn equity)",
        ge=0,
        le=100,
    )

    @model_validator(mode="after")
    def _check(self) -> Funding:
        if len(set(self.withdrawn_parties)) != len(self.withdrawn_parties):
            raise ValueError(f"withdrawn_parties lists a party twice ({self.withdrawn_parties})")
        remaining = [p for p in EQUITY_PARTIES if not self.is_withdrawn(p)]
        if sum(self.equity_usd(p) for p in remaining) <= 0:
            raise ValueError(
                "no equity left: at least one partner still in must commit equity "
                "(the funding stack is measured against the partners' equity)"
            )
        stakes = {p: self.stake_fraction(p) for p in EQUITY_PARTIES}
        total = sum(s for s in stakes.values() if s is not None)
        if total > 1.0 + 1e-9:
            shown = ", ".join(f"{p} {s:g}" for p, s in stakes.items() if s is not None)
            raise ValueError(f"stakes add up to more than 100 % ({total:.4g}: {shown})")
        return self

    def equity_usd(self, party: str) -> float:
        """Equity ``party`` commits as set in the scenario (before any withdrawal), USD."""
        return float(getattr(self, f"{party}_equity_usd"))

    def stake_fraction(self, party: str) -> float | None:
        """Ownership of ``party`` as set in the scenario (None: not reported), fraction 0–1."""
        return getattr(self, f"{party}_stake_fraction")

    def is_withdrawn(self, party: str) -> bool:
        """True when ``party`` pulls out in this scenario."""
        return party in self.withdrawn_parties
