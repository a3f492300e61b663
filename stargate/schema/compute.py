"""Compute fleet, facility and power, finance parameters (owned by the cost model)."""

from __future__ import annotations

from stargate.schema.common import Group


class Fleet(Group):
    """GPU fleet by generation."""


class Facility(Group):
    """Facility capex, PUE, electricity."""


class Finance(Group):
    """Cost of capital, lifetimes, utilisation, prices."""
