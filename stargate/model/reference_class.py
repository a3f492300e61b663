"""Megaproject base rates: the reference class of each part of the capex, and the precedents.

Flyvbjerg's database has no data-centre class, so each part of the capex takes the class it
resembles most (``data/tables/reference_classes.yaml``, with why); its mean overrun weighs that
part. The precedents (Foxconn Wisconsin, the CHIPS Act fabs; ``data/tables/precedents.yaml``)
are figures from the register and the gaps between what was promised and what happened.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict

from stargate import facts, tables
from stargate.model import costs
from stargate.scenario import Scenario


class ReferenceClassRow(BaseModel):
    """One row of ``reference_classes.yaml``: a part of the capex and the class it takes."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    component: str
    capex_part: Literal["facility", "accelerators", "other_it"] | None
    share_fact: str | None
    share_is_complement: bool
    reference_class: str
    overrun_fact: str
    why: str
    in_model: str


class PrecedentRow(BaseModel):
    """One row of ``precedents.yaml``: a project, its promise, outcome and gap (templates)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    project: str
    promised: str
    outcome: str
    gap: str
    fact_ids: list[str]


def load_reference_classes() -> tuple[ReferenceClassRow, ...]:
    """The reference class chosen for each part of the capex (``reference_classes.yaml``)."""
    return tables.load_table("reference_classes", ReferenceClassRow)


def load_precedents() -> tuple[PrecedentRow, ...]:
    """The precedents table's rows (``precedents.yaml``)."""
    return tables.load_table("precedents", PrecedentRow)


#: Facts the reference-class section cites besides the class means.
REFERENCE_CONTEXT_FACTS: tuple[str, ...] = (
    "dc_reference_class",
    "bf_database_projects",
    "bf_on_budget",
    "bf_budget_time",
    "bf_budget_time_benefits",
    "bf_modularity",
    "bf_it_alpha",
    "bf_it_tail_share",
    "bf_it_tail_mean",
    "abilene_workers_daily",
    "abilene_workers_peak",
    "abilene_site_onsite_gen_mw",
)


def compute_reference_class_table(scenario: Scenario) -> pd.DataFrame:
    """The reference class chosen for each part of the capex, its mean overrun and why.

    The class means apply to the budget, so ``capex_usd`` is the capex before the scenario's
    own overruns (``risk.*_overrun_rate``): a scenario that already overruns is not overrun
    twice.

    Returns:
        ``component``, ``capex_usd`` (as budgeted, before any overrun; NaN where no capex
        line), ``share_of_capex``, ``reference_class``, ``mean_overrun`` (fraction),
        ``expected_overrun_usd``, ``why``, ``in_model``, ``fact``.
    """
    parts = costs.capex_breakdown_usd(scenario, with_overruns=False)
    total = sum(parts.values())
    rows = []
    for rc in load_reference_classes():
        part = rc.capex_part
        capex = float(parts[part]) if part else float("nan")
        if rc.share_fact:
            share = facts.value(rc.share_fact)
            capex *= (1.0 - share) if rc.share_is_complement else share
        mean = facts.value(rc.overrun_fact)
        rows.append(
            {
                "component": rc.component,
                "capex_usd": capex,
                "share_of_capex": capex / total if part else float("nan"),
                "reference_class": rc.reference_class,
                "mean_overrun": mean,
                "expected_overrun_usd": capex * mean if part else float("nan"),
                "why": rc.why,
                "in_model": rc.in_model,
                "fact": rc.overrun_fact,
            }
        )
    facts.record(REFERENCE_CONTEXT_FACTS)
    return pd.DataFrame(rows)


def compute_reference_class_overrun(scenario: Scenario) -> float:
    """Capex-weighted mean overrun of the reference classes (fraction of budgeted capex)."""
    table = compute_reference_class_table(scenario).dropna(subset=["capex_usd"])
    return float(table["expected_overrun_usd"].sum() / table["capex_usd"].sum())


def compute_capex_overrun_draws(scenario: Scenario, draws: Mapping[str, np.ndarray]) -> np.ndarray:
    """Overrun of the whole initial capex in each Monte Carlo draw (fraction of budget).

    The draws' rates apply to the budget (capex before the scenario's point overruns).
    """
    parts = costs.capex_breakdown_usd(scenario, with_overruns=False)
    total = sum(parts.values())
    with_overrun = (
        parts["accelerators"] * (1.0 + np.asarray(draws["accelerator_overrun_rate"]))
        + parts["other_it"] * (1.0 + np.asarray(draws["other_it_overrun_rate"]))
        + parts["facility"] * (1.0 + np.asarray(draws["facility_overrun_rate"]))
    )
    return with_overrun / total - 1.0


def compute_precedent_figures() -> dict[str, float]:
    """Every figure the precedents table shows: cited facts and the gaps worked out from them.

    Returns:
        ``{fact_id: value}`` for every fact the rows cite (and ``fact_id.low`` /
        ``fact_id.high`` where it has a range), plus ``fx_jobs_shortfall_share`` (1 - jobs in
        2023 / jobs promised), ``intel_years_late``, ``tsmc_fab1_years_late``,
        ``tsmc_fab2_years_late_low`` / ``_high`` and ``samsung_years_late_low`` / ``_high``
        (years between the promised and the revised start of production).
    """
    out: dict[str, float] = {}
    for row in load_precedents():
        for fact_id in row.fact_ids:
            fact = facts.get(fact_id)
            out[fact_id] = float(fact.value)
            if fact.low is not None and fact.high is not None:
                out[f"{fact_id}.low"] = float(fact.low)
                out[f"{fact_id}.high"] = float(fact.high)
    out["fx_jobs_shortfall_share"] = 1.0 - out["fx_2023_jobs"] / out["fx_promise_jobs"]
    out["intel_years_late"] = out["intel_ohio_now_fab1_ops"] - out["intel_ohio_orig"]
    out["tsmc_fab1_years_late"] = out["tsmc_az_fab1_revised"] - out["tsmc_az_fab1_planned"]
    fab2_planned = out["tsmc_az_fab2_planned"]
    out["tsmc_fab2_years_late_low"] = out["tsmc_az_fab2_revised.low"] - fab2_planned
    out["tsmc_fab2_years_late_high"] = out["tsmc_az_fab2_revised.high"] - fab2_planned
    samsung_planned = out["samsung_taylor_planned"]
    out["samsung_years_late_low"] = out["samsung_taylor"] - samsung_planned
    out["samsung_years_late_high"] = out["samsung_taylor.high"] - samsung_planned
    return out
