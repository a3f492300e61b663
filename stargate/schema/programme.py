"""The evidenced programme: its sites (a data table), its target, and the knobs scenarios turn.

The sites are rows of ``stargate/data/tables/sites.yaml`` (:class:`SiteRow`), each citing the
register for its capacity, dates, parties and status. A scenario changes the programme with
:class:`Programme`: a slip in years overall or per site, the share of the unsited remainder
(the target less the named sites) ever built, and the first year of each GPU generation.
Per-GPU prices and power are the per-generation specs of ``fleet.specs``
(:mod:`stargate.schema.compute`). :mod:`stargate.model.sites` turns it into GW, GPUs and batches.
"""

from __future__ import annotations

import functools
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from stargate import tables
from stargate.schema.common import (
    Fraction,
    Group,
    KeyProblems,
    PlanYear,
    from_fact,
    param,
)

SiteStatus = Literal["energised", "under construction", "announced", "paused"]
"""Where a site stands: energised (IT load running), under construction, announced, paused."""

#: Most years a scenario may slip a site or the whole programme.
MAX_SLIP_YEARS = 5


class SiteRow(BaseModel):
    """One site (or phase of a site) of the programme, as the register reports it.

    ``capacity_fact`` holds the announced capacity (GW or MW; announced capacity is read as
    facility power, IT power being that ÷ PUE). Energisation is spread evenly over the years
    ``energised_from_fact`` to ``energised_by_fact`` (both the same year when only one date is
    reported). ``counted`` says whether the site is part of the US $500bn / 10 GW programme
    (Stargate UAE and Norway are "OpenAI for Countries" sites outside it).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str = Field(min_length=1)
    location: str = Field(min_length=1)
    counted: bool
    not_counted_why: str = ""
    capacity_fact: str
    capacity_note: str = ""
    developer: str
    operator: str
    financier: str
    party_facts: tuple[str, ...] = ()
    announced: str = Field(pattern=r"^\d{4}(-\d{2})?(-\d{2})?$")
    announced_fact: str
    status: SiteStatus
    status_fact: str
    energised_from_fact: str | None = None
    energised_by_fact: str | None = None
    generation: Literal["GB200", "GB300", "VR200"] | None = None
    generation_fact: str | None = None

    @model_validator(mode="after")
    def _check(self) -> SiteRow:
        if not self.counted and not self.not_counted_why:
            raise ValueError("a site outside the programme says why (not_counted_why)")
        if self.counted and self.energised_by_fact is None:
            raise ValueError("a site in the programme has an energisation year (energised_by_fact)")
        if (self.generation is None) != (self.generation_fact is None):
            raise ValueError("generation and generation_fact go together")
        return self


@functools.cache
def load_sites() -> tuple[SiteRow, ...]:
    """The rows of ``data/tables/sites.yaml``, validated (cached)."""
    return tables.load_table("sites", SiteRow)


def counted_site_ids() -> tuple[str, ...]:
    """Ids of the sites counted in the programme (the keys ``site_slip_years`` accepts)."""
    return tuple(s.id for s in load_sites() if s.counted)


class GenerationYears(Group):
    """First year capacity energised is filled with each NVIDIA generation (GB200 → VR200).

    Capacity energised in year y gets the newest generation whose first year is ≤ y, unless the
    site's row names its hardware (Abilene: GB200). Refreshes install the newest generation.
    """

    GB200: PlanYear = from_fact(
        "gen_gb200_first_year",
        unit="year",
        help="First year of GB200 (Abilene's first racks, June 2025)",
        cast=int,
    )
    GB300: PlanYear = from_fact(
        "gen_gb300_first_year",
        unit="year",
        help="First year of GB300 (Stargate UAE's first 200 MW, 2026)",
        cast=int,
    )
    VR200: PlanYear = from_fact(
        "gen_vr200_first_year_derived",
        unit="year",
        help="First full year of Vera Rubin (NVIDIA's first GW on Rubin in H2 2026)",
        cast=int,
    )

    @model_validator(mode="after")
    def _check(self) -> GenerationYears:
        if not self.GB200 <= self.GB300 <= self.VR200:
            raise KeyProblems(
                [
                    (
                        ("GB300",),
                        "generation years must not go backwards: GB200 <= GB300 <= VR200 "
                        f"(got {self.GB200}, {self.GB300}, {self.VR200})",
                    )
                ]
            )
        return self

    def as_dict(self) -> dict[str, int]:
        """First year per generation, in release order."""
        return {"GB200": self.GB200, "GB300": self.GB300, "VR200": self.VR200}


class Programme(Group):
    """The programme's target and the knobs that move its sites, remainder and hardware."""

    target_gw: float = from_fact(
        "sg_oracle_4p5gw_commitment_gw",
        unit="GW",
        help="The programme's stated target ('$500bn / 10 GW', Jul 2025); the named sites' "
        "capacity counts towards it, the rest is the unsited remainder",
        gt=0,
        le=100,
    )
    unsited_share_built: Fraction = from_fact(
        "as_unsited_share_built",
        unit="fraction",
        help="Share of the unsited remainder (target less named sites) ever built "
        "(assumption: 1 = the whole target; 0 = only the named sites)",
    )
    unsited_energised_year: PlanYear = from_fact(
        "sg_plan_horizon_year_derived",
        unit="year",
        help="Year the unsited remainder is energised (the end of the stated three-year "
        "build-out, 2028), before any slip",
        cast=int,
    )
    slip_years: int = param(
        0,
        unit="years",
        help="Years every site not yet energised and the remainder energise later than reported "
        "(a site already energised keeps its year; 0 = as "
        f"reported; at most {MAX_SLIP_YEARS}); capacity slipping past 2030 leaves the horizon",
        ge=0,
        le=MAX_SLIP_YEARS,
    )
    site_slip_years: dict[str, int] = param(
        dict,
        unit="years",
        help="Extra slip per site id (data/tables/sites.yaml), added to slip_years; "
        f"0-{MAX_SLIP_YEARS} each",
    )
    generation_first_year: GenerationYears = Field(
        default_factory=GenerationYears,
        description="First year each NVIDIA generation fills newly energised capacity",
    )

    @model_validator(mode="after")
    def _check_sites(self) -> Programme:
        known = counted_site_ids()
        problems: list[tuple[tuple[str | int, ...], str]] = []
        for key, years in self.site_slip_years.items():
            if key not in known:
                problems.append(
                    (("site_slip_years", key), f"unknown site (known: {', '.join(known)})")
                )
            elif not 0 <= years <= MAX_SLIP_YEARS:
                problems.append(
                    (
                        ("site_slip_years", key),
                        f"must be 0-{MAX_SLIP_YEARS} years (got {years})",
                    )
                )
        if problems:
            raise KeyProblems(problems)
        return self

    def slip_for(self, site_id: str) -> int:
        """Years ``site_id`` energises later than reported (overall slip + its own)."""
        return self.slip_years + self.site_slip_years.get(site_id, 0)
