"""OpenAI financial parameters (owned by the sustainability model)."""

from __future__ import annotations

from stargate.schema.common import Group


class OpenAIFinancials(Group):
    """OpenAI revenue, costs, funding rounds."""
