"""Compute fleet, facility and power, finance parameters (owned by the cost model).

The base fleet is the evidenced programme's (its sites' power filled with GB200, GB300 and Vera
Rubin GPUs; :mod:`stargate.model.sites`); a scenario may set its own batches instead, as
``params/article_case.yaml`` sets the article's 700,000 Hopper (H100) GPUs (``claim_hopper_gpus``,
a claim no source confirms). Per-GPU prices, power and
compute of each NVIDIA generation come from the facts register; where no source gives a
generation's figure, a ``derived`` row says how it is filled
(``stargate/data/facts/10_costs.yaml``).
Figures no source gives at all (cost of capital, utilisation, maintenance, staff and other,
facility life) are ``assumption`` rows that the cost-structure report sweeps.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
from typing import Literal

from pydantic import Field, model_validator

from stargate.schema.common import Fraction, Group, KeyProblems, PlanYear, from_fact, param

Generation = Literal["H100", "GB200", "GB300", "VR200"]
"""NVIDIA GPU generations the model prices: Hopper, Blackwell, Blackwell Ultra, Vera Rubin."""

#: The generations in release order.
GENERATIONS: tuple[str, ...] = ("H100", "GB200", "GB300", "VR200")

_MAX_USD_PER_GPU = 10e6
_MAX_W = 100_000.0
_MAX_PFLOPS = 1_000.0
#: Floors the model can compute with. A refresh installs ``old W / new W`` new GPUs per GPU
#: replaced (same power envelope) and costs per PFLOP-hour divide by the PFLOPS, so a power or
#: compute near 0 makes counts and costs overflow to infinity; real GPUs draw hundreds of W
#: and deliver about 1 PFLOPS.
_MIN_W = 1.0
_MIN_PFLOPS = 0.001
_W_WHY = " (at least 1 W: a refresh installs old W / new W GPUs per GPU replaced)"
_PFLOPS_WHY = " (at least 0.001 PFLOPS: costs per PFLOP-hour divide by it)"


class GpuSpec(Group):
    """Cost, power and compute of one GPU of a generation (all per GPU).

    ``accelerator_price_usd`` is what NVIDIA is paid per GPU: the GPU for H100, the GPU's share
    of the NVL72 rack (GPU, Grace CPU, NVLink) for the rack-scale generations.
    """

    accelerator_price_usd: float = Field(
        gt=0,
        le=_MAX_USD_PER_GPU,
        description="NVIDIA accelerator price per GPU",
        json_schema_extra={"unit": "USD"},
    )
    other_it_capex_usd_per_gpu: float = Field(
        ge=0,
        le=_MAX_USD_PER_GPU,
        description="Rest of server, networking, storage per GPU",
        json_schema_extra={"unit": "USD"},
    )
    chip_power_w: float = Field(
        gt=0, le=_MAX_W, description="GPU chip TDP", json_schema_extra={"unit": "W"}
    )
    it_power_w_per_gpu: float = Field(
        ge=_MIN_W,
        le=_MAX_W,
        description="All-in IT power per GPU" + _W_WHY,
        json_schema_extra={"unit": "W"},
    )
    compute_pflops_bf16_dense: float = Field(
        ge=_MIN_PFLOPS,
        le=_MAX_PFLOPS,
        description="Dense BF16 compute per GPU" + _PFLOPS_WHY,
        json_schema_extra={"unit": "PFLOPS"},
    )
    compute_pflops_fp8_dense: float = Field(
        ge=_MIN_PFLOPS,
        le=_MAX_PFLOPS,
        description="Dense FP8 compute per GPU (what a market GPU-hour is rented for)"
        + _PFLOPS_WHY,
        json_schema_extra={"unit": "PFLOPS"},
    )

    @model_validator(mode="after")
    def _check(self) -> GpuSpec:
        if self.it_power_w_per_gpu < self.chip_power_w:
            raise ValueError(
                f"it_power_w_per_gpu ({self.it_power_w_per_gpu:g} W) is below chip_power_w "
                f"({self.chip_power_w:g} W): all-in IT power includes the chip"
            )
        return self

    @property
    def it_capex_usd_per_gpu(self) -> float:
        """All-in IT capex per GPU (accelerator + rest of server and networking), USD."""
        return self.accelerator_price_usd + self.other_it_capex_usd_per_gpu


class H100Spec(GpuSpec):
    """NVIDIA H100 (Hopper) in an 8-GPU HGX/DGX server."""

    accelerator_price_usd: float = from_fact(
        "price_h100",
        unit="USD",
        help="H100 price per GPU (Raymond James estimate $25-30k; midpoint)",
        gt=0,
        le=_MAX_USD_PER_GPU,
    )
    other_it_capex_usd_per_gpu: float = from_fact(
        "other_it_h100_per_gpu_derived",
        unit="USD",
        help="Rest of server, cluster network, storage per H100 (all-in $50k minus the GPU)",
        ge=0,
        le=_MAX_USD_PER_GPU,
    )
    chip_power_w: float = from_fact("tdp_h100", unit="W", help="H100 SXM TDP", gt=0, le=_MAX_W)
    it_power_w_per_gpu: float = from_fact(
        "it_power_h100_allin_derived",
        unit="W",
        help="All-in IT power per H100 (DGX H100 10.2 kW / 8, + 10 % cluster network & storage)"
        + _W_WHY,
        ge=_MIN_W,
        le=_MAX_W,
    )
    compute_pflops_bf16_dense: float = from_fact(
        "spec_h100_bf16",
        unit="PFLOPS",
        help="H100 dense BF16" + _PFLOPS_WHY,
        ge=_MIN_PFLOPS,
        le=_MAX_PFLOPS,
    )
    compute_pflops_fp8_dense: float = from_fact(
        "spec_h100_fp8",
        unit="PFLOPS",
        help="H100 dense FP8" + _PFLOPS_WHY,
        ge=_MIN_PFLOPS,
        le=_MAX_PFLOPS,
    )


class GB200Spec(GpuSpec):
    """NVIDIA GB200 (Blackwell) in a 72-GPU NVL72 rack."""

    accelerator_price_usd: float = from_fact(
        "price_gb200_nvl72_per_gpu_derived",
        unit="USD",
        help="GB200 NVL72 rack price per GPU ($3.1m / 72; incl. Grace CPUs and NVLink)",
        gt=0,
        le=_MAX_USD_PER_GPU,
    )
    other_it_capex_usd_per_gpu: float = from_fact(
        "other_it_nvl72_per_gpu_derived",
        unit="USD",
        help="External networking and rest per GPU (all-in $5m minus rack $3.1m, / 72)",
        ge=0,
        le=_MAX_USD_PER_GPU,
    )
    chip_power_w: float = from_fact(
        "tdp_gb200", unit="W", help="Blackwell GPU power in GB200", gt=0, le=_MAX_W
    )
    it_power_w_per_gpu: float = from_fact(
        "it_power_gb200_allin_derived",
        unit="W",
        help="All-in IT power per GB200 (NVIDIA SuperPOD unit: 1.2 MW / 576 GPUs)" + _W_WHY,
        ge=_MIN_W,
        le=_MAX_W,
    )
    compute_pflops_bf16_dense: float = from_fact(
        "spec_gb200_bf16",
        unit="PFLOPS",
        help="GB200 GPU dense BF16" + _PFLOPS_WHY,
        ge=_MIN_PFLOPS,
        le=_MAX_PFLOPS,
    )
    compute_pflops_fp8_dense: float = from_fact(
        "spec_gb200_fp8",
        unit="PFLOPS",
        help="GB200 GPU dense FP8 (midpoint of 4.5-5)" + _PFLOPS_WHY,
        ge=_MIN_PFLOPS,
        le=_MAX_PFLOPS,
    )


class GB300Spec(GpuSpec):
    """NVIDIA GB300 (Blackwell Ultra) in a 72-GPU NVL72 rack."""

    accelerator_price_usd: float = from_fact(
        "price_gb300_per_gpu_derived",
        unit="USD",
        help="GB300 rack price per GPU (leak: ~$4m per rack / 72; no GB300 price found)",
        gt=0,
        le=_MAX_USD_PER_GPU,
    )
    other_it_capex_usd_per_gpu: float = from_fact(
        "other_it_nvl72_per_gpu_derived",
        unit="USD",
        help="External networking and rest per GPU (GB200's figure; none found for GB300)",
        ge=0,
        le=_MAX_USD_PER_GPU,
    )
    chip_power_w: float = from_fact(
        "tdp_b300", unit="W", help="Blackwell Ultra GPU TDP", gt=0, le=_MAX_W
    )
    it_power_w_per_gpu: float = from_fact(
        "it_power_gb300_allin_derived",
        unit="W",
        help="All-in IT power per GB300 (132 kW rack / 72, x 1.25 NVL72 cluster overhead)" + _W_WHY,
        ge=_MIN_W,
        le=_MAX_W,
    )
    compute_pflops_bf16_dense: float = from_fact(
        "spec_gb300_bf16",
        unit="PFLOPS",
        help="GB300 GPU dense BF16" + _PFLOPS_WHY,
        ge=_MIN_PFLOPS,
        le=_MAX_PFLOPS,
    )
    compute_pflops_fp8_dense: float = from_fact(
        "spec_gb300_fp8",
        unit="PFLOPS",
        help="GB300 GPU dense FP8" + _PFLOPS_WHY,
        ge=_MIN_PFLOPS,
        le=_MAX_PFLOPS,
    )


class VR200Spec(GpuSpec):
    """NVIDIA Vera Rubin (VR200) in a 72-package NVL72 rack (pre-release figures)."""

    accelerator_price_usd: float = from_fact(
        "price_vr200_per_gpu_derived",
        unit="USD",
        help="VR200 rack price per GPU (leaked BoM ~$7.8m per rack / 72)",
        gt=0,
        le=_MAX_USD_PER_GPU,
    )
    other_it_capex_usd_per_gpu: float = from_fact(
        "other_it_nvl72_per_gpu_derived",
        unit="USD",
        help="External networking and rest per GPU (GB200's figure; none found for VR200)",
        ge=0,
        le=_MAX_USD_PER_GPU,
    )
    chip_power_w: float = from_fact(
        "tdp_vr200_derived",
        unit="W",
        help="VR200 GPU power (GB300's x 1.17, the cooling-cost rise; none published)",
        gt=0,
        le=_MAX_W,
    )
    it_power_w_per_gpu: float = from_fact(
        "it_power_vr200_allin_derived",
        unit="W",
        help="All-in IT power per VR200 (190 kW rack / 72, x 1.25 NVL72 cluster overhead)" + _W_WHY,
        ge=_MIN_W,
        le=_MAX_W,
    )
    compute_pflops_bf16_dense: float = from_fact(
        "spec_vr200_bf16_derived",
        unit="PFLOPS",
        help="VR200 dense BF16 (not published; GB300's as a floor)" + _PFLOPS_WHY,
        ge=_MIN_PFLOPS,
        le=_MAX_PFLOPS,
    )
    compute_pflops_fp8_dense: float = from_fact(
        "spec_vr200_fp8_derived",
        unit="PFLOPS",
        help="VR200 dense FP8 (not published; GB300's as a floor)" + _PFLOPS_WHY,
        ge=_MIN_PFLOPS,
        le=_MAX_PFLOPS,
    )


class GpuSpecs(Group):
    """Per-generation specs; ``specs["GB200"]`` and ``specs.GB200`` both work."""

    H100: H100Spec = Field(default_factory=H100Spec, description="NVIDIA H100 (Hopper)")
    GB200: GB200Spec = Field(default_factory=GB200Spec, description="NVIDIA GB200 (Blackwell)")
    GB300: GB300Spec = Field(
        default_factory=GB300Spec, description="NVIDIA GB300 (Blackwell Ultra)"
    )
    VR200: VR200Spec = Field(default_factory=VR200Spec, description="NVIDIA Vera Rubin VR200")

    def __getitem__(self, generation: str) -> GpuSpec:
        if generation not in GENERATIONS:
            raise KeyError(f"unknown generation {generation!r} (known: {', '.join(GENERATIONS)})")
        return getattr(self, generation)

    def items(self) -> Iterator[tuple[str, GpuSpec]]:
        """(generation, spec) pairs in release order."""
        for generation in GENERATIONS:
            yield generation, getattr(self, generation)


class GpuBatch(Group):
    """GPUs of one generation deployed in one year."""

    generation: Generation = Field(
        description="NVIDIA generation: H100, GB200, GB300 or VR200",
        json_schema_extra={"unit": "text"},
    )
    gpu_count: int = Field(
        gt=0,
        le=100_000_000,
        description="Number of GPUs in the batch",
        json_schema_extra={"unit": "GPU"},
    )
    deploy_year: PlanYear = Field(
        description=(
            "Year the batch is bought and installed (its capex is paid that year); 2025-2030, "
            "the years the venture's cash ledger covers (capex outside them would be left out)"
        ),
        json_schema_extra={"unit": "year"},
    )


class Fleet(Group):
    """GPU fleet by generation: the programme's (default) or batches a scenario sets; specs."""

    batches: list[GpuBatch] | None = Field(
        default=None,
        min_length=1,
        max_length=50,
        description=(
            "GPU batches (generation, gpu_count, deploy_year) that replace the programme's "
            "fleet; default (empty): the fleet of the evidenced programme, built from its sites "
            "(stargate/model/sites.py). params/article_case.yaml sets the article's 700,000 "
            "H100 here (a claim no source confirms)"
        ),
        json_schema_extra={"unit": "GPU"},
    )
    specs: GpuSpecs = Field(
        default_factory=GpuSpecs,
        description="Per-generation price, power and compute per GPU (see each field's fact)",
    )

    @model_validator(mode="after")
    def _check_order(self) -> Fleet:
        # Batches read as a deployment timeline (tables, charts, the refresh wave): in order.
        problems: list[tuple[tuple[str | int, ...], str]] = [
            (
                ("batches", i, "deploy_year"),
                f"{later.deploy_year} comes after batch {i - 1}'s {earlier.deploy_year}: "
                "list batches in deploy-year order",
            )
            for i, (earlier, later) in enumerate(pairwise(self.batches or []), start=1)
            if later.deploy_year < earlier.deploy_year
        ]
        if problems:
            raise KeyProblems(problems)
        return self


class Facility(Group):
    """Facility capex, PUE, electricity."""

    facility_capex_usd_per_mw_it: float = from_fact(
        "abilene_shell_per_mw",
        unit="USD/MW",
        help=(
            "Buildings, power and cooling plant per MW of IT load; Abilene, Stargate's own "
            "flagship: the joint venture's funding over the campus's IT load (its facility "
            "power over the PUE of new builds, register row abilene_it_mw_derived), above "
            "Cushman & Wakefield's range, which leaves out land and soft costs"
        ),
        gt=0,
        le=200e6,
    )
    pue: float = from_fact(
        "pue_new_builds",
        unit="ratio",
        help=(
            "Power usage effectiveness (facility / IT power); 1.3 = new large builds (Uptime), "
            "not the 1.56 fleet average of older sites"
        ),
        ge=1.0,
        le=3.0,
    )
    electricity_usd_per_mwh: float = from_fact(
        "elec_tx_industrial",
        unit="USD/MWh",
        help=(
            "Delivered electricity price; EIA Texas industrial average (incl. delivery), "
            "not the ERCOT wholesale energy-only price"
        ),
        ge=0,
        le=2_000,
    )


class Finance(Group):
    """Cost of capital, lifetimes, utilisation, prices."""

    cost_of_capital_rate: float = from_fact(
        "as_cost_of_capital_rate",
        unit="fraction",
        help=(
            "Nominal cost of capital per year for annuitising capex (assumption; swept); at "
            "least 0.001 (0.1 %): the annuity and capital-recovery formulas divide by the rate, "
            "r / (1 - (1 + r)^-n) is 0/0 at 0, and the Monte Carlo's floor is 0.001 too"
        ),
        ge=0.001,
        le=0.5,
    )
    it_lifetime_years: float = from_fact(
        "dep_amazon_2025",
        unit="years",
        help=(
            "Economic life of GPUs and servers; Amazon's 5 years (2025), the latest hyperscaler "
            "filing and the one made for the pace of AI (others 5.5-6; critics 2-3)"
        ),
        ge=1,
        le=15,
    )
    facility_lifetime_years: float = from_fact(
        "as_facility_lifetime_years",
        unit="years",
        help="Economic life of buildings, power and cooling plant (assumption: Abilene lease)",
        ge=1,
        le=60,
    )
    utilization_rate: float = from_fact(
        "as_utilization_rate",
        unit="fraction",
        help=(
            "Share of the year's hours a GPU works (assumption; swept 50-100 %); at least 0.01 "
            "(88 hours a year): the cost per GPU-hour divides by the hours worked and overflows "
            "near 0, and the Monte Carlo's floor is 0.01 too"
        ),
        ge=0.01,
        le=1,
    )
    price_usd_per_gpu_hour: float = from_fact(
        "price_oracle_contract_per_gpu_hour_derived",
        unit="USD/GPU-hour",
        help=(
            "Contract price of a GPU-hour of finance.price_generation, flat for the contract's "
            "term; base: the Oracle-OpenAI contract's $60bn a year for 4.5 GW over the GB300 "
            "GPUs a GW holds and the hours sold (derived); the article's $2.80 per H100-hour "
            "is params/article_case.yaml's"
        ),
        ge=0,
        le=1_000,
    )
    price_generation: Generation = param(
        "GB300",
        unit="text",
        help=(
            "The generation whose GPU-hour finance.price_usd_per_gpu_hour prices: GB300, the "
            "generation the Oracle contract's price per GPU-hour is worked out for (fact "
            "price_oracle_contract_per_gpu_hour_derived). A contracted hour of another "
            "generation earns it in proportion to its all-in IT power (the contract buys GW)"
        ),
    )
    contracted_gw: float = from_fact(
        "sg_oracle_4p5gw",
        unit="GW",
        help=(
            "Capacity sold under the Oracle-OpenAI contract at its price, whatever the GPUs' "
            "age; the rest of the fleet's hours earn the market rent. Each batch's share of "
            "contracted hours is this over the fleet's facility GW (at most all of them)"
        ),
        ge=0,
        le=1_000,
    )
    contract_years: float = from_fact(
        "sg_oracle_300bn_years",
        unit="years",
        help=(
            "Years a contracted GPU-hour earns the contract price from the day its capacity "
            "enters service (the $300bn contract's ~5-year term); after it, the market rent"
        ),
        ge=0,
        le=30,
    )
    contract_start_year: int = from_fact(
        "sg_oracle_300bn_start",
        unit="year",
        help=(
            "First year the contract price is paid (the $300bn contract starts in 2027): a "
            "contracted GPU-hour earns it for finance.contract_years from this year or from its "
            "service start, whichever is later; hours before it earn the market rent"
        ),
        cast=int,
        ge=2020,
        le=2060,
    )
    market_rent_usd_per_pflop_hour: float = from_fact(
        "rent_market_usd_per_pflop_hour_fp8_derived",
        unit="USD/PFLOP-hour",
        help=(
            "Market rent of a dense FP8 PFLOP-hour in finance.market_rent_year (B200 on-demand "
            "$5.25 / 4.75 PFLOPS); an uncontracted GPU-hour earns this times its generation's "
            "FP8 PFLOPS, moved by risk.price_change_rate each year"
        ),
        ge=0,
        le=1_000,
    )
    market_rent_year: int = from_fact(
        "rent_market_reference_year_derived",
        unit="year",
        help="Year of finance.market_rent_usd_per_pflop_hour (the B200 prices of March 2026)",
        cast=int,
        ge=2020,
        le=2060,
    )
    maintenance_rate: Fraction = from_fact(
        "as_maintenance_rate",
        unit="fraction",
        help="Maintenance per year as a share of capex (assumption; swept 1-5 %)",
        ge=0,
        le=0.5,
    )
    staff_other_rate: Fraction = from_fact(
        "as_staff_other_rate",
        unit="fraction",
        help="Staff and other operating costs per year as a share of capex (assumption)",
        ge=0,
        le=0.5,
    )
