"""Risk parameters: overruns and delays, Monte Carlo distributions and seed.

The Monte Carlo of :mod:`stargate.model.montecarlo` draws each uncertain input from a distribution
declared
here, written in a scenario file as a small mapping tagged by ``dist``::

    risk:
      utilization_rate_dist: {dist: triangular, low: 0.6, mode: 0.8, high: 0.95}
      other_it_overrun_rate_dist: {dist: lognormal, median: 0.07, p90: 1.1, floor: 0.0}
      schedule_delay_years_dist: {dist: fixed, value: 1}

Five shapes: ``fixed`` (one value), ``uniform`` (low, high), ``triangular`` (low, mode, high),
``lognormal`` (median, p90, floor: ``floor + (median - floor) * exp(sigma * Z)``, a right-skewed
fat tail for overruns) and ``centred`` (low, median, high: two triangles meeting at the median,
each holding half the draws). Draws are clipped to each input's bounds (e.g. utilisation to 0–1).

**Centred on the scenario by construction.** Left empty (the default), an input's distribution
is ``centred`` on the scenario's point value (``finance.price_usd_per_gpu_hour`` and so on): its
median *is* the point, its low and high the sourced range of :data:`CENTRED_RANGES` (widened to
include the point). A scenario that moves a point value moves its distribution with it, and the
point results sit in the middle of the Monte Carlo's. A distribution a scenario file declares is
used as written, in absolute units; the report states its offset from the point.
"""

from __future__ import annotations

import math
from typing import Annotated, Any, Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from stargate.schema.common import FACT_KEY, UNIT_KEY, Group, from_fact, param

#: Bounds of each uncertain input, in its unit: (lowest, highest) allowed value, unit, help.
VARIABLES: dict[str, tuple[float, float, str, str]] = {
    "revenue_growth_realization": (
        0.0,
        3.0,
        "ratio",
        "Share of OpenAI's projected year-on-year revenue growth that is realised (1 = plan)",
    ),
    "price_usd_per_gpu_hour": (
        0.01,
        100.0,
        "USD/GPU-hour",
        (
            "Contract price of a GPU-hour of finance.price_generation (what OpenAI pays for a "
            "contracted hour; its range: the GB300 hour's, relative to the point)"
        ),
    ),
    "price_change_rate": (
        -0.9,
        1.0,
        "ratio",
        "Change per year in what a GPU-hour fetches as the hardware ages (-0.1 = 10 % less)",
    ),
    "utilization_rate": (
        0.01,
        1.0,
        "fraction",
        "Share of the fleet's hours sold and used",
    ),
    "facility_overrun_rate": (
        -0.5,
        20.0,
        "fraction",
        "Cost overrun on shell, power and cooling capex (0.2 = 20 % over budget)",
    ),
    "accelerator_overrun_rate": (
        -0.5,
        20.0,
        "fraction",
        "Cost overrun on the accelerators (GPUs bought in volume at a quoted price)",
    ),
    "other_it_overrun_rate": (
        -0.5,
        20.0,
        "fraction",
        "Cost overrun on other IT: servers, networking and the work of integrating them",
    ),
    "it_lifetime_years": (
        1.0,
        15.0,
        "years",
        "Economic life of the IT equipment before it is replaced",
    ),
    "cost_of_capital_rate": (
        0.001,
        0.5,
        "fraction",
        "Annual cost of capital used to discount project cash flows",
    ),
    "schedule_delay_years": (
        0.0,
        10.0,
        "years",
        "Delay before capacity comes into service (whole years; capex is spent on plan)",
    ),
    "vr200_compute_pflops_fp8_dense": (
        0.1,
        100.0,
        "PFLOPS",
        (
            "Vera Rubin (VR200) dense FP8 compute per GPU, which sets the market rent of its "
            "hours outside the contract (not published; the register's floor to FP4-ratio range)"
        ),
    ),
    "market_rent_usd_per_pflop_hour": (
        0.0,
        100.0,
        "USD/PFLOP-hour",
        (
            "Market rent of a dense FP8 PFLOP-hour of GPU compute in its reference year, what "
            "every hour outside the contract earns (the B200's spot to the top of its on-demand "
            "range)"
        ),
    ),
    "azure_commitment_years": (
        1.0,
        20.0,
        "years",
        (
            "Years over which OpenAI's incremental Azure commitment is billed, evenly, from its "
            "first year (no term was reported; a term that is not whole ends in a part-year)"
        ),
    ),
}


_SAME = "unit of the input"


def _part(help_text: str, unit: str = _SAME) -> Any:
    return Field(description=help_text, json_schema_extra={UNIT_KEY: unit})


class Fixed(Group):
    """One value, no uncertainty."""

    dist: Literal["fixed"] = _part("Shape of the distribution: fixed", "text")
    value: float = _part("The value")


class Uniform(Group):
    """Every value between ``low`` and ``high`` equally likely."""

    dist: Literal["uniform"] = _part("Shape of the distribution: uniform", "text")
    low: float = _part("Lowest value")
    high: float = _part("Highest value")

    @model_validator(mode="after")
    def _check(self) -> Uniform:
        if not self.low < self.high:
            raise ValueError(f"uniform needs low < high (got low {self.low:g}, high {self.high:g})")
        return self


class Triangular(Group):
    """Lowest, most likely and highest value; density falls linearly on both sides."""

    dist: Literal["triangular"] = _part("Shape of the distribution: triangular", "text")
    low: float = _part("Lowest value")
    mode: float = _part("Most likely value")
    high: float = _part("Highest value")

    @model_validator(mode="after")
    def _check(self) -> Triangular:
        if not (self.low <= self.mode <= self.high and self.low < self.high):
            raise ValueError(
                "triangular needs low <= mode <= high and low < high "
                f"(got low {self.low:g}, mode {self.mode:g}, high {self.high:g})"
            )
        return self


class Lognormal(Group):
    """Right-skewed: ``floor + (median - floor) * exp(sigma * Z)``, Z standard normal.

    ``sigma`` follows from the 90th percentile: ``ln((p90 - floor) / (median - floor)) / 1.2816``.
    """

    dist: Literal["lognormal"] = _part("Shape of the distribution: lognormal", "text")
    median: float = _part("Median: half the draws fall below it")
    p90: float = _part("90th percentile: 90 % of the draws fall below it")
    floor: float = Field(
        default=0.0,
        description="Lowest possible value (the distribution's shift)",
        json_schema_extra={UNIT_KEY: _SAME},
    )

    @model_validator(mode="after")
    def _check(self) -> Lognormal:
        if not self.floor < self.median < self.p90:
            raise ValueError(
                "lognormal needs floor < median < p90 "
                f"(got floor {self.floor:g}, median {self.median:g}, p90 {self.p90:g})"
            )
        spread = (self.p90 - self.floor) / (self.median - self.floor)
        if not spread <= MAX_LOGNORMAL_SPREAD:
            raise ValueError(
                f"lognormal p90 - floor may be at most {MAX_LOGNORMAL_SPREAD:g} times median - "
                f"floor (got {spread:.3g}): a wider one has sigma above "
                f"{math.log(MAX_LOGNORMAL_SPREAD) / Z90:.1f} and its draws overflow to infinity"
            )
        return self

    @property
    def sigma(self) -> float:
        """Standard deviation of the underlying normal (log scale)."""
        return math.log((self.p90 - self.floor) / (self.median - self.floor)) / Z90


class Centred(Group):
    """Half the draws on each side of ``median``: two triangles meeting at it.

    Below the median the density rises linearly from ``low``; above it, it falls linearly to
    ``high``; each side holds half the draws, so the median and the most likely value are both
    ``median``. With ``median == low`` half the draws are exactly ``low`` (an overrun of 0: on
    budget, as about half of all projects are).
    """

    dist: Literal["centred"] = _part("Shape of the distribution: centred", "text")
    low: float = _part("Lowest value")
    median: float = _part("Median and most likely value: half the draws fall below it")
    high: float = _part("Highest value")

    @model_validator(mode="after")
    def _check(self) -> Centred:
        if not (self.low <= self.median <= self.high and self.low < self.high):
            raise ValueError(
                "centred needs low <= median <= high and low < high "
                f"(got low {self.low:g}, median {self.median:g}, high {self.high:g})"
            )
        return self


#: 90th percentile of the standard normal distribution.
Z90 = 1.2815515655446004
#: Widest lognormal: (p90 - floor) / (median - floor) at most this, so sigma <= 5.4. The
#: draws are ``exp(sigma * Z)``; with no bound a median just above the floor makes sigma
#: infinite and a draw at Z = 0 NaN (inf x 0). The IT projects' fat tail (Flyvbjerg) is 16.
MAX_LOGNORMAL_SPREAD = 1_000.0

Distribution = Annotated[
    Fixed | Uniform | Triangular | Lognormal | Centred, Field(discriminator="dist")
]
"""One uncertain input: ``{dist: fixed | uniform | triangular | lognormal | centred, ...}``."""

AnyDist = Fixed | Uniform | Triangular | Lognormal | Centred


def _support(dist: AnyDist) -> tuple[float, float]:
    """Smallest and largest value a distribution's parameters name (lognormal: floor, p90)."""
    if isinstance(dist, Fixed):
        return dist.value, dist.value
    if isinstance(dist, Lognormal):
        return dist.floor, dist.p90
    return dist.low, dist.high


def _centred_field(name: str, fact_id: str, point: str) -> Any:
    """A distribution that, left empty, is a triangle around the scenario's point value."""
    _, _, unit, help_text = VARIABLES[name]
    return Field(
        default=None,
        description=(
            f"{help_text}; distribution for the Monte Carlo ({unit}). Empty: centred on "
            f"{point} (its median), from the sourced low to high"
        ),
        json_schema_extra={FACT_KEY: fact_id, UNIT_KEY: unit},
    )


#: An end of a centred range: ``(fact id, "low" | "high" | "value")``, or a number whose reason
#: is given beside it.
RangeEnd = tuple[str, str] | float

#: Sourced (low, high) of the distribution centred on a point value when it is left empty:
#: :func:`stargate.model.montecarlo.resolve_distributions` builds them (an input not listed,
#: the schedule delay, is fixed at its point). Overruns run from 0 - about half of all projects
#: finish on budget (bf_on_budget), so an overrun at the budget (0) is the median - to the
#: reference class's mean overrun: major buildings for the facility (shell, site, fit-out;
#: thermal power plants, 16 %, are the rest), wind power for accelerators bought in volume (a
#: modular class with a thin tail), IT projects for networking and integration.
CENTRED_RANGES: dict[str, tuple[RangeEnd, RangeEnd]] = {
    "revenue_growth_realization": (
        ("as_revenue_growth_realization", "low"),
        ("as_revenue_growth_realization", "high"),
    ),
    "price_usd_per_gpu_hour": (
        ("price_oracle_contract_per_gb300_hour_derived", "low"),
        ("price_oracle_contract_per_gb300_hour_derived", "high"),
    ),
    "price_change_rate": (("as_price_change_rate", "low"), ("as_price_change_rate", "high")),
    "utilization_rate": (("as_utilization_rate", "low"), ("as_utilization_rate", "high")),
    "it_lifetime_years": (("dep_2020", "value"), ("dep_msft", "value")),
    "cost_of_capital_rate": (
        ("as_cost_of_capital_rate", "low"),
        ("as_cost_of_capital_rate", "high"),
    ),
    "facility_overrun_rate": (0.0, ("bf_overrun_buildings", "value")),
    "accelerator_overrun_rate": (0.0, ("bf_overrun_wind", "value")),
    "other_it_overrun_rate": (0.0, ("bf_overrun_it", "value")),
    # Not published: from GB300's dense FP8 (the floor, the register's value) to GB300's scaled
    # by Rubin's FP4 ratio (50 / 15): the range of spec_vr200_fp8_derived.
    "vr200_compute_pflops_fp8_dense": (
        ("spec_vr200_fp8_derived", "low"),
        ("spec_vr200_fp8_derived", "high"),
    ),
    # The B200's spot rent to the top of its on-demand range, per dense FP8 PFLOP
    # (rent_market_usd_per_pflop_hour_fp8_derived: $0.47 to $1.26); a scenario's own point (the
    # 2025 cycle low in musk_skeptic) is the median, the range widened to include it.
    "market_rent_usd_per_pflop_hour": (
        ("rent_market_usd_per_pflop_hour_fp8_derived", "low"),
        ("rent_market_usd_per_pflop_hour_fp8_derived", "high"),
    ),
    # Not reported: between Oracle's five years and AWS's seven (as_azure_250bn_years).
    "azure_commitment_years": (
        ("as_azure_250bn_years", "low"),
        ("as_azure_250bn_years", "high"),
    ),
}


#: Inputs whose sourced range is read relative to its fact's value and applied to the point
#: (point × low ÷ value to point × high ÷ value). The contract price's range is the uncertainty
#: of the GB300 hour's price (the GB300's all-in power); a scenario that prices another
#: generation's hour, or another price, keeps that relative spread around its own point.
RELATIVE_RANGES: frozenset[str] = frozenset({"price_usd_per_gpu_hour"})


#: Facts behind each default distribution (the centred ones: their low and high);
#: :func:`stargate.model.montecarlo.run_monte_carlo` records them as used when the default is in
#: effect.
DEFAULT_FACTS: dict[str, tuple[str, ...]] = {
    **{
        name: tuple(dict.fromkeys(end[0] for end in ends if isinstance(end, tuple)))
        for name, ends in CENTRED_RANGES.items()
    },
    "facility_overrun_rate": ("bf_on_budget", "bf_overrun_buildings"),
    "accelerator_overrun_rate": ("bf_on_budget", "bf_overrun_wind"),
    "other_it_overrun_rate": ("bf_on_budget", "bf_overrun_it"),
    "schedule_delay_years": (),
}


class Risk(Group):
    """Overruns and delays of the deterministic case, and the Monte Carlo's distributions."""

    seed: int = param(
        20250121,
        unit="count",
        help="Seed of the random draws (same seed, same numbers); default: the announcement date",
        ge=0,
        le=2**32 - 1,
    )
    n_draws: int = param(
        50_000,
        unit="count",
        help="Monte Carlo draws; 50,000 keeps the median within 1 % of 200,000 draws",
        ge=1_000,
        le=2_000_000,
    )
    facility_overrun_rate: float = param(
        0.0,
        unit="fraction",
        help="Deterministic case: overrun on shell, power and cooling capex (0 = as budgeted)",
        ge=-0.5,
        le=20.0,
    )
    accelerator_overrun_rate: float = param(
        0.0,
        unit="fraction",
        help="Deterministic case: overrun on accelerator capex (0 = as budgeted)",
        ge=-0.5,
        le=20.0,
    )
    other_it_overrun_rate: float = param(
        0.0,
        unit="fraction",
        help="Deterministic case: overrun on servers, networking and integration (0 = as budgeted)",
        ge=-0.5,
        le=20.0,
    )
    price_change_rate: float = from_fact(
        "as_price_change_rate",
        unit="ratio",
        help=(
            "Change per year in what a GPU-hour fetches as the GPU ages (-0.084: the H100 "
            "rental trend 2024-26); each batch starts at finance.price_usd_per_gpu_hour"
        ),
        ge=-0.9,
        le=1.0,
    )
    schedule_delay_years: int = param(
        0,
        unit="years",
        help="Deterministic case: years of delay before capacity comes into service",
        ge=0,
        le=10,
    )
    revenue_growth_realization_dist: Distribution | None = _centred_field(
        "revenue_growth_realization",
        "as_revenue_growth_realization",
        "openai.revenue_growth_realization",
    )
    price_usd_per_gpu_hour_dist: Distribution | None = _centred_field(
        "price_usd_per_gpu_hour",
        "price_oracle_contract_per_gb300_hour_derived",
        "finance.price_usd_per_gpu_hour",
    )
    price_change_rate_dist: Distribution | None = _centred_field(
        "price_change_rate", "as_price_change_rate", "risk.price_change_rate"
    )
    utilization_rate_dist: Distribution | None = _centred_field(
        "utilization_rate", "as_utilization_rate", "finance.utilization_rate"
    )
    facility_overrun_rate_dist: Distribution | None = _centred_field(
        "facility_overrun_rate", "bf_overrun_buildings", "risk.facility_overrun_rate"
    )
    accelerator_overrun_rate_dist: Distribution | None = _centred_field(
        "accelerator_overrun_rate", "bf_overrun_wind", "risk.accelerator_overrun_rate"
    )
    other_it_overrun_rate_dist: Distribution | None = _centred_field(
        "other_it_overrun_rate", "bf_overrun_it", "risk.other_it_overrun_rate"
    )
    it_lifetime_years_dist: Distribution | None = _centred_field(
        "it_lifetime_years", "dep_2020", "finance.it_lifetime_years"
    )
    cost_of_capital_rate_dist: Distribution | None = _centred_field(
        "cost_of_capital_rate", "as_cost_of_capital_rate", "finance.cost_of_capital_rate"
    )
    vr200_compute_pflops_fp8_dense_dist: Distribution | None = _centred_field(
        "vr200_compute_pflops_fp8_dense",
        "spec_vr200_fp8_derived",
        "fleet.specs.VR200.compute_pflops_fp8_dense",
    )
    market_rent_usd_per_pflop_hour_dist: Distribution | None = _centred_field(
        "market_rent_usd_per_pflop_hour",
        "rent_market_usd_per_pflop_hour_fp8_derived",
        "finance.market_rent_usd_per_pflop_hour",
    )
    azure_commitment_years_dist: Distribution | None = _centred_field(
        "azure_commitment_years",
        "as_azure_250bn_years",
        "the term in the register (as_azure_250bn_years)",
    )
    schedule_delay_years_dist: Distribution | None = Field(
        default=None,
        description=(
            "Delay before capacity comes into service; distribution for the Monte Carlo, "
            "rounded to whole years (years); empty: fixed at risk.schedule_delay_years"
        ),
        json_schema_extra={UNIT_KEY: "years"},
    )

    @field_validator(*(f"{name}_dist" for name in VARIABLES), mode="after")
    @classmethod
    def _within_bounds(cls, dist: AnyDist | None, info: ValidationInfo) -> AnyDist | None:
        if dist is None:
            return dist
        name = str(info.field_name).removesuffix("_dist")
        low, high, unit, _ = VARIABLES[name]
        lo, hi = _support(dist)
        if lo < low or hi > high:
            raise ValueError(
                f"{dist.dist} distribution must stay within [{low:g}, {high:g}] {unit} "
                f"(got {lo:g} to {hi:g})"
            )
        return dist

    def distributions(self) -> dict[str, AnyDist | None]:
        """Every Monte Carlo input's distribution as declared (None: centred on the point value).

        Keyed by input name (no ``_dist`` suffix);
        :func:`stargate.model.montecarlo.resolve_distributions`
        fills the empty ones from the scenario's point values.
        """
        return {name: getattr(self, f"{name}_dist") for name in VARIABLES}

    def default_fact_ids(self) -> list[str]:
        """Facts behind the distributions still at their defaults (not set by a scenario)."""
        found: dict[str, None] = {}
        for name in VARIABLES:
            if f"{name}_dist" not in self.model_fields_set:
                found.update(dict.fromkeys(DEFAULT_FACTS[name]))
        return list(found)
