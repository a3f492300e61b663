"""Funding parameters: parties' equity, debt, schedule (owned by the investor-roles model)."""

from __future__ import annotations

from stargate.schema.common import Group


class Funding(Group):
    """Who puts in what, and when."""
