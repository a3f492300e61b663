"""“They don't actually have the money”: Musk's claim against the partners' reported liquidity.

Evidence, not assertion: each row of ``data/tables/musk_check.yaml`` is a dated, sourced figure.
The claim and CNN's counter (cash figures) both rest on single, partly unnamed sources (facts.md
caveat 1); SoftBank's later borrowing and asset sales are better documented.
"""

from __future__ import annotations

from typing import Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict

from stargate import facts, tables
from stargate.model.parties import equity_usd_by_party
from stargate.scenario import Scenario


class MuskCheckRow(BaseModel):
    """One figure about the partners' money around Musk's claim (``musk_check.yaml``).

    ``what`` may hold ``{fact_id}`` / ``{fact_id|as written}`` placeholders for amounts,
    filled in at display; ``label`` is the short text for charts.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)
    who: str
    kind: Literal["claim", "reported liquidity", "commitment", "later financing"]
    what: str
    label: str
    fact_id: str


def check_musk_claim() -> pd.DataFrame:
    """Musk's “they don't have the money” against the partners' reported cash and financing.

    Returns:
        Columns ``date``, ``who``, ``kind`` (claim / reported liquidity / commitment / later
        financing), ``what`` (placeholders unfilled), ``label`` (short, for charts),
        ``amount_usd``, ``vs_musk_10bn`` (amount ÷ Musk's $10bn), ``fact_id``, ``source``,
        ``confidence``; the claim first, then the evidence in the order it appeared.
    """
    musk_usd = facts.value("sg_musk_claim")
    rows = []
    for row in tables.load_table("musk_check", MuskCheckRow):
        fact = facts.get(row.fact_id)
        amount = facts.value(row.fact_id)
        rows.append(
            {
                "date": fact.as_of,
                "who": row.who,
                "kind": row.kind,
                "what": row.what,
                "label": row.label,
                "amount_usd": amount,
                "vs_musk_10bn": amount / musk_usd,
                "fact_id": row.fact_id,
                "source": fact.citation(),
                "confidence": fact.confidence,
            }
        )
    return pd.DataFrame(rows)


def check_softbank_liquidity(scenario: Scenario) -> dict[str, float]:
    """SoftBank's cash against what it committed in 2025, and what it raised later, USD.

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
