"""Risk parameters: Monte Carlo distributions and seed (owned by the sustainability model)."""

from __future__ import annotations

from stargate.schema.common import Group


class Risk(Group):
    """Monte Carlo settings and distributions."""
