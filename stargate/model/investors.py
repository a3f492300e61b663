"""Investor roles, split by concept: this module only keeps an old import path working.

The model now lives in :mod:`stargate.model.parties` (parties, stakes, roles),
:mod:`stargate.model.funding` (funding stack, schedule, leverage sweep, call profiles),
:mod:`stargate.model.exposure` (capex dollar, payment flows, exposure),
:mod:`stargate.model.liquidity` (Musk's claim, SoftBank's liquidity) and
:mod:`stargate.model.label_timeline`. :func:`equity_usd_by_party` is re-exported for the
sustainability model, which imports it from here; delete this module once it imports
``stargate.model.parties`` instead.
"""

from __future__ import annotations

from stargate.model.parties import equity_usd_by_party

__all__ = ["equity_usd_by_party"]
