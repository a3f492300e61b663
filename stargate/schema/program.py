"""The programme: how much is announced, over how long, and how spending is spread over years."""

from __future__ import annotations

from pydantic import Field, model_validator

from stargate import facts
from stargate.schema.common import Fraction, Group, PlanYear, from_fact


def _default_start_year() -> int:
    return int(facts.get("sg_total_commitment").as_of[:4])


class Program(Group):
    """Size and schedule of the Stargate programme."""

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
    deployment_shares: list[Fraction] | None = Field(
        default=None,
        description=(
            "Share of the commitment spent in each programme year (sums to 1); default: the "
            "initial tranche in year one, the rest evenly over the remaining years"
        ),
        json_schema_extra={"unit": "fraction"},
        max_length=15,
    )

    @model_validator(mode="after")
    def _check(self) -> Program:
        if self.initial_tranche_usd > self.total_commitment_usd:
            raise ValueError(
                f"initial_tranche_usd ({self.initial_tranche_usd:g}) exceeds "
                f"total_commitment_usd ({self.total_commitment_usd:g})"
            )
        if self.deployment_shares is not None:
            if len(self.deployment_shares) != self.duration_years:
                raise ValueError(
                    f"deployment_shares has {len(self.deployment_shares)} entries; "
                    f"duration_years is {self.duration_years}"
                )
            total = sum(self.deployment_shares)
            if abs(total - 1.0) > 1e-6:
                raise ValueError(f"deployment_shares must sum to 1 (got {total:.6g})")
        return self

    @property
    def years(self) -> list[int]:
        """Calendar years of the programme."""
        return list(range(self.start_year, self.start_year + self.duration_years))

    def shares(self) -> list[float]:
        """Deployment share per programme year (explicit, or the default profile)."""
        if self.deployment_shares is not None:
            return list(self.deployment_shares)
        if self.duration_years == 1:
            return [1.0]
        first = self.initial_tranche_usd / self.total_commitment_usd
        rest = (1.0 - first) / (self.duration_years - 1)
        return [first] + [rest] * (self.duration_years - 1)

    def spend_usd_by_year(self) -> dict[int, float]:
        """Programme spending per calendar year, USD."""
        return {
            y: s * self.total_commitment_usd for y, s in zip(self.years, self.shares(), strict=True)
        }
