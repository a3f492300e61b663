"""The programme: how much is announced, when, and over how long."""

from __future__ import annotations

from pydantic import Field, model_validator

from stargate import facts
from stargate.schema.common import Group, PlanYear, from_fact


def _default_start_year() -> int:
    return int(facts.get("sg_total_commitment").as_of[:4])


class Program(Group):
    """Size and timing of the Stargate programme."""

    total_commitment_usd: float = from_fact(
        "sg_total_commitment",
        unit="USD",
        help="Announced programme size (January 2025: $500bn over four years)",
        gt=0,
        le=5e12,
    )
    initial_tranche_usd: float = from_fact(
        "sg_initial_deploy",
        unit="USD",
        help="Amount to be deployed 'immediately' (first year of the schedule)",
        ge=0,
        le=5e12,
    )
    start_year: PlanYear = Field(
        default_factory=_default_start_year,
        description=(
            "First year of spending (year of the announcement, sg_total_commitment); 2025-2030, "
            "the years the models follow (nothing is spent before the 2025 announcement)"
        ),
        json_schema_extra={"fact": "sg_total_commitment", "unit": "year"},
    )
    duration_years: int = from_fact(
        "sg_duration_years",
        unit="years",
        help="Years over which the commitment is spent ('over the next four years')",
        cast=int,
        ge=1,
        le=15,
    )

    @model_validator(mode="after")
    def _check(self) -> Program:
        if self.initial_tranche_usd > self.total_commitment_usd:
            raise ValueError(
                f"initial_tranche_usd ({self.initial_tranche_usd:g}) exceeds "
                f"total_commitment_usd ({self.total_commitment_usd:g})"
            )
        return self

    @property
    def years(self) -> list[int]:
        """Calendar years of the programme."""
        return list(range(self.start_year, self.start_year + self.duration_years))
