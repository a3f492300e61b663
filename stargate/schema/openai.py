"""OpenAI financial parameters: revenue path, cost structure, cash and funding rounds.

OpenAI is Stargate's tenant and one of its two lead equity partners, so whether Stargate can be
carried depends on OpenAI's own cash path. The parameters anchor that path on reported figures
(:mod:`stargate.model.openai_plan` explains the model):

- revenue: 2024 calendar revenue, the 2025 target, and OpenAI's long-range projections for 2028
  and 2030 (geometric in between); ``revenue_growth_realization`` scales the projected growth;
- costs: the 2024 compute and staff bill, the projected 2028 operating loss, and a 2030 cost level
  at which OpenAI breaks even as it projects; Microsoft's revenue share on top;
- cash: cash at the end of 2024 and the funding rounds raised since (committed or only announced).
"""

from __future__ import annotations

from itertools import pairwise

from pydantic import Field, model_validator

from stargate import facts
from stargate.schema.common import (
    FACT_KEY,
    UNIT_KEY,
    Fraction,
    Group,
    KeyProblems,
    PlanYear,
    Title,
    from_fact,
    param,
)

_MAX_USD = 5e12
#: Smallest revenue, and smallest 2024 cost bill, the model can compute with. The plan divides
#: costs by revenue and grows each year by the ratio of consecutive anchors (geometric
#: interpolation): a revenue near 0 makes those ratios overflow (1e-300 gives an infinite 2025
#: revenue). $1m is far below OpenAI's scale (2024: $3.7bn) and keeps every ratio below 5e6.
_MIN_USD = 1e6
_REVENUE_WHY = "; at least $1m: the plan divides by revenue and grows by ratios of revenues"
#: Smallest cost ratio (costs other than the revenue share per dollar of revenue) at an anchor
#: year: the cost plan interpolates geometrically between the 2024, 2028 and 2030 ratios, so
#: each must be clearly above 0 (a ratio of 5e-324 against 0.8 overflows).
_MIN_COST_RATIO = 0.01


class FundingRound(Group):
    """Money OpenAI raised (or was promised) in a year."""

    name: Title = Field(
        min_length=1,
        max_length=120,
        description="What the round is: one line of printable text, not blank",
        json_schema_extra={UNIT_KEY: "text"},
    )
    year: PlanYear = Field(
        description=(
            "Calendar year the cash arrives; 2025-2030, the years of OpenAI's cash path (money "
            "raised before 2025 is in cash_2024_usd; a later round would be left out)"
        ),
        json_schema_extra={UNIT_KEY: "year"},
    )
    amount_usd: float = Field(
        gt=0, le=_MAX_USD, description="New money to OpenAI", json_schema_extra={UNIT_KEY: "USD"}
    )
    is_committed: bool = Field(
        description="True when signed or paid; False when only announced or a letter of intent",
        json_schema_extra={UNIT_KEY: "text"},
    )
    fact: str | None = Field(
        default=None,
        description="Fact id in the register behind the amount (listed in the sources)",
        json_schema_extra={UNIT_KEY: "text"},
    )


def _default_rounds() -> list[FundingRound]:
    # The SoftBank-led round of March 2025: $10bn at once and $30bn by the end of 2025
    # (fund_mar2025_*); SoftBank completed it in December 2025 (fund_softbank_complete_*).
    # NVIDIA's "up to $100bn" is a letter of intent, not a definitive agreement (nvda_loi_status):
    # counted as announced, not committed; progressive "as each GW is deployed" from H2 2026.
    return [
        FundingRound(
            name="SoftBank-led round, first tranche (Mar 2025)",
            year=2025,
            amount_usd=facts.value("fund_mar2025_first_tranche"),
            is_committed=True,
            fact="fund_mar2025_first_tranche",
        ),
        FundingRound(
            name="SoftBank-led round, second tranche (by end-2025)",
            year=2025,
            amount_usd=facts.value("fund_mar2025_second_tranche"),
            is_committed=True,
            fact="fund_mar2025_second_tranche",
        ),
        FundingRound(
            name="NVIDIA letter of intent, up to $100bn as each GW is deployed",
            year=2026,
            amount_usd=facts.value("nvda_loi_usd"),
            is_committed=False,
            fact="nvda_loi_usd",
        ),
    ]


class OpenAIFinancials(Group):
    """OpenAI revenue, costs, cash and funding rounds."""

    revenue_2024_usd: float = from_fact(
        "oa_rev_2024",
        unit="USD",
        help="Calendar 2024 revenue (reported ~$3.7bn; not the $6bn annualised run-rate)"
        + _REVENUE_WHY,
        ge=_MIN_USD,
        le=_MAX_USD,
    )
    revenue_2025_usd: float = from_fact(
        "oa_rev_2025_target",
        unit="USD",
        help="Calendar 2025 revenue (the ~$13bn target)" + _REVENUE_WHY,
        ge=_MIN_USD,
        le=_MAX_USD,
    )
    revenue_2028_usd: float = from_fact(
        "oa_rev_proj_long_2028",
        unit="USD",
        help="OpenAI's projected 2028 revenue (~$100bn, 2025 projections)" + _REVENUE_WHY,
        ge=_MIN_USD,
        le=_MAX_USD,
    )
    revenue_2030_usd: float = from_fact(
        "oa_rev_proj_long_2030",
        unit="USD",
        help="OpenAI's projected 2030 revenue (~$200bn)" + _REVENUE_WHY,
        ge=_MIN_USD,
        le=_MAX_USD,
    )
    revenue_growth_realization: float = from_fact(
        "as_revenue_growth_realization",
        unit="ratio",
        help=(
            "Share of the projected year-on-year revenue growth after 2025 that is realised "
            "(1 = OpenAI's projections as reported; 0.5 = half the growth rate each year)"
        ),
        ge=0,
        le=3,
    )
    compute_cost_2024_usd: float = from_fact(
        "oa_cost_2024_compute",
        unit="USD",
        help="2024 compute bill: training and running models (~$7bn)",
        ge=0,
        le=_MAX_USD,
    )
    staff_cost_2024_usd: float = from_fact(
        "oa_cost_2024_staff",
        unit="USD",
        help="2024 staff costs (~$1.5bn); with compute, OpenAI's 2024 costs before revenue share",
        ge=0,
        le=_MAX_USD,
    )
    operating_loss_2028_usd: float = from_fact(
        "oa_oploss_2028_proj",
        unit="USD",
        help="Projected 2028 operating loss (~$74bn): anchors the planned 2028 cost level",
        ge=-_MAX_USD,
        le=_MAX_USD,
    )
    fixed_cost_ratio_2030: float = from_fact(
        "as_oa_fixed_cost_ratio_2030",
        unit="ratio",
        help=(
            "Planned costs other than the revenue share per dollar of planned 2030 revenue "
            "(0.8 = operating break-even in 2030, as OpenAI projects); at least 0.01: the cost "
            "plan interpolates geometrically between cost ratios, which must stay above 0"
        ),
        ge=_MIN_COST_RATIO,
        le=5,
    )
    revenue_share_rate: Fraction = from_fact(
        "oa_msft_share",
        unit="fraction",
        help="Share of revenue paid to Microsoft (20 %); scales with realised revenue",
    )
    flexible_cost_share: Fraction = from_fact(
        "as_oa_flexible_cost_share",
        unit="fraction",
        help=(
            "Share of planned costs that shrink in proportion when revenue falls short of plan "
            "(the rest is contracted compute, staff and training)"
        ),
    )
    non_cash_cost_share: Fraction = from_fact(
        "oa_non_cash_cost_share_derived",
        unit="fraction",
        help=(
            "Share of operating costs not paid in cash that year (stock compensation, deferred "
            "payments): why cash burn is smaller than the operating loss"
        ),
    )
    compute_share_of_fixed_costs: Fraction = from_fact(
        "oa_compute_share_2024_derived",
        unit="fraction",
        help="Compute's share of planned costs other than the revenue share (2024: 7 of 8.5)",
    )
    uncontracted_hours_share: Fraction = from_fact(
        "as_openai_uncontracted_share",
        unit="fraction",
        help=(
            "Share of the venture's GPU-hours outside the contract (beyond "
            "finance.contracted_gw or before finance.contract_start_year) that OpenAI rents at "
            "the market rent (assumption: Stargate was announced as infrastructure for OpenAI; "
            "no contract obliges it); other customers rent the rest"
        ),
    )
    cash_2024_usd: float = from_fact(
        "sg_partner_cash_openai",
        unit="USD",
        help="OpenAI's cash at the end of 2024 (>$10bn from its October 2024 round)",
        ge=0,
        le=_MAX_USD,
    )
    funding_rounds: list[FundingRound] = Field(
        default_factory=_default_rounds,
        description=(
            "New money from 2025 on: name, year, amount_usd, is_committed, fact "
            "(a scenario's list replaces this one)"
        ),
        json_schema_extra={FACT_KEY: "fund_mar2025_raised", UNIT_KEY: "USD"},
        max_length=50,
    )
    commitments_honoured_share: Fraction = from_fact(
        "as_commitments_honoured_share",
        unit="fraction",
        help=(
            "Share of each reported compute commitment (Oracle, Azure, AWS, CoreWeave, AMD, "
            "Broadcom) OpenAI actually pays (1 = as reported): it scales the obligations "
            "schedule and OpenAI's contracted compute costs (the Azure, AWS and CoreWeave bills "
            "under its compute cost), so its funding need"
        ),
    )
    commitments_delay_years: int = param(
        0,
        unit="years",
        help=(
            "Years every compute commitment starts later than reported (the amounts and terms "
            "unchanged); at most 5, so that each still starts within the horizon"
        ),
        ge=0,
        le=5,
    )

    @model_validator(mode="after")
    def _check(self) -> OpenAIFinancials:
        for rnd in self.funding_rounds:
            if rnd.fact is not None and not facts.exists(rnd.fact):
                raise ValueError(f"funding round {rnd.name!r}: unknown fact id {rnd.fact!r}")
        problems: list[tuple[tuple[str | int, ...], str]] = [
            (
                ("funding_rounds", i, "year"),
                f"{later.year} comes after round {i - 1}'s {earlier.year}: list rounds in the "
                "order their money arrives",
            )
            for i, (earlier, later) in enumerate(pairwise(self.funding_rounds), start=1)
            if later.year < earlier.year
        ]
        # The cost plan (stargate.sustainability.plan_fixed_costs_usd) anchors on costs per
        # dollar of revenue in 2024 and 2028 and interpolates geometrically: both must be > 0.
        costs_2024 = self.compute_cost_2024_usd + self.staff_cost_2024_usd
        if costs_2024 < _MIN_USD:
            problems.append(
                (
                    ("compute_cost_2024_usd",),
                    f"with staff_cost_2024_usd, 2024 costs are {costs_2024:g} USD; they must be "
                    "at least 1e+06 (the cost plan starts from 2024 costs per dollar of revenue)",
                )
            )
        ratio_2028 = self.cost_ratio_2028()
        if ratio_2028 < _MIN_COST_RATIO:
            problems.append(
                (
                    ("operating_loss_2028_usd",),
                    f"leaves 2028 costs other than the revenue share at {ratio_2028:.3g} per "
                    f"dollar of revenue_2028_usd; must be at least {_MIN_COST_RATIO:g} (revenue x "
                    "(1 - revenue_share_rate) + operating loss; the cost plan interpolates "
                    "geometrically between cost ratios)",
                )
            )
        if problems:
            raise KeyProblems(problems)
        return self

    def cost_ratio_2028(self) -> float:
        """Planned 2028 costs other than the revenue share per dollar of 2028 revenue.

        ``(revenue x (1 - revenue share) + operating loss) / revenue``: (100 x 0.8 + 74) / 100
        = 1.54 in the base case; the model's 2028 anchor (``plan_fixed_costs_usd``).
        """
        rev = self.revenue_2028_usd
        return (rev * (1.0 - self.revenue_share_rate) + self.operating_loss_2028_usd) / rev

    def round_fact_ids(self) -> list[str]:
        """Fact ids behind the funding rounds (those that name one)."""
        return [r.fact for r in self.funding_rounds if r.fact is not None]
