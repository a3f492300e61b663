"""Display settings: how amounts are shown (the model always works in nominal USD)."""

from __future__ import annotations

from typing import Literal

from stargate.schema.common import Group, from_fact, param


class Display(Group):
    """Currency and exchange rate used to show amounts in reports."""

    currency: Literal["USD", "JPY"] = param(
        "USD", unit="text", help="Currency amounts are shown in: USD or JPY (兆円 / 億円)"
    )
    jpy_per_usd: float = from_fact(
        "fx_implied",
        unit="JPY/USD",
        help="JPY per USD for display; base is the article's 156 (78兆円 ÷ $500bn)",
        gt=50,
        lt=500,
    )
