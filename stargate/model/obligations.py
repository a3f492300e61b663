"""OpenAI's compute obligations against its revenue and money: the schedule a credit analyst reads.

Every reported compute commitment (:file:`data/tables/openai_commitments.yaml`: Oracle, Azure,
AWS, CoreWeave, AMD, Broadcom) becomes a yearly schedule: its amount (in USD, or GW times a
sourced price per GW), spread over its term from its first year, evenly or ramping up
(``linear``: 1, 2, 3 ... parts). The scenario scales every commitment by
``openai.commitments_honoured_share`` and can start them all ``openai.commitments_delay_years``
later.

:func:`compute_obligation_coverage` sets the schedule beside OpenAI's revenue path
(:func:`stargate.model.openai_path.compute_openai_path`) and its cash and committed funding
rounds, year by year, 2025-2030: the ratio of obligations to revenue, and the first year the
commitments to date exceed the revenue to date plus the cash and committed money - before any
other cost (a generous test), and after OpenAI's other costs (staff, sales, Microsoft's revenue
share).

:func:`other_cloud_bills_usd` picks out of the same schedule the bills OpenAI pays other clouds
for compute it rents (:data:`CLOUD_BILLS`): the floor under the compute cost of OpenAI's cash
path (:func:`stargate.model.openai_plan.compute_openai_flows`).
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, model_validator

from stargate import facts, tables
from stargate.model import openai_path, venture
from stargate.model.openai_plan import PLAN_START_YEAR, YEAR_INDEX, YEARS, rounds_by_year_usd
from stargate.scenario import Scenario

TABLE = "openai_commitments"

#: The commitments that are bills OpenAI pays, year by year, for compute it rents from a cloud
#: other than Stargate: they sit under its compute cost beside its Stargate payments
#: (:func:`other_cloud_bills_usd`). Left out, each for a stated reason:
#:
#: - **Oracle** (4.5 GW, ~$300bn from 2027): that capacity is Stargate's own (Abilene and the
#:   sites Oracle builds for the programme); OpenAI pays for it as its Stargate payments, which
#:   the model already counts. Counting the contract as well would bill the same GW twice.
#: - **AMD** and **Broadcom** (6 GW and 10 GW of chips): purchases of accelerators, not rent.
#:   The chips go into someone's data centres - Stargate's or the clouds' above, which buy and
#:   install them and charge OpenAI for the capacity through the bills already counted. Only
#:   AMD's first GW is binding and Broadcom's price was never disclosed. They stay in the
#:   obligations schedule (a credit analyst's generous test), not in OpenAI's operating costs.
CLOUD_BILLS: tuple[str, ...] = ("Microsoft Azure", "AWS", "CoreWeave")

#: The commitments that buy chips rather than compute capacity: AMD's and Broadcom's. The chips
#: are installed by Stargate or the clouds above and billed to OpenAI as their capacity, so they
#: may overlap the cloud contracts: the ratios and the coverage test leave them out and show
#: them beside (``chip_commitments_usd``). Every other row is a contract for compute capacity.
CHIP_DEALS: tuple[str, ...] = ("AMD", "Broadcom")

#: The cloud bill whose term the Monte Carlo draws (``azure_commitment_years``): the largest,
#: whose term no source gives (as_azure_250bn_years, 5-7 years). Its row must be spread evenly.
DRAWN_TERM: str = "Microsoft Azure"


class CommitmentRow(BaseModel):
    """One reported compute commitment of OpenAI's (a row of ``openai_commitments.yaml``).

    The amount is ``amount_fact`` (USD), or ``gw_fact`` GW at ``usd_per_gw_fact``; the term is
    ``years_fact`` years, or runs to the year in ``end_fact`` (inclusive), from ``start_fact``.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    counterparty: str
    what: str
    status: str
    amount_fact: str | None = None
    gw_fact: str | None = None
    usd_per_gw_fact: str | None = None
    start_fact: str
    years_fact: str | None = None
    end_fact: str | None = None
    ramp: Literal["even", "linear"]
    ramp_why: str

    @model_validator(mode="after")
    def _check(self) -> CommitmentRow:
        in_usd = self.amount_fact is not None
        in_gw = self.gw_fact is not None and self.usd_per_gw_fact is not None
        if in_usd == in_gw or (not in_gw and (self.gw_fact or self.usd_per_gw_fact)):
            raise ValueError("give amount_fact, or gw_fact with usd_per_gw_fact (not both)")
        if (self.years_fact is None) == (self.end_fact is None):
            raise ValueError("give years_fact or end_fact (exactly one)")
        return self

    def fact_ids(self) -> list[str]:
        """Every fact the row cites."""
        ids = (
            self.amount_fact,
            self.gw_fact,
            self.usd_per_gw_fact,
            self.start_fact,
            self.years_fact,
            self.end_fact,
        )
        return [i for i in ids if i is not None]


def load_commitments() -> tuple[CommitmentRow, ...]:
    """The rows of ``data/tables/openai_commitments.yaml``."""
    return tables.load_table(TABLE, CommitmentRow)


def ramp_weights(ramp: str, years: int) -> np.ndarray:
    """Share of a commitment paid in each year of its term (sums to 1).

    ``even``: ``1 / years`` each year. ``linear``: ``k / (1 + 2 + ... + years)`` in year ``k``
    (four years: 0.1, 0.2, 0.3, 0.4), capacity added in equal steps and paid as delivered.
    """
    if years < 1:
        raise ValueError(f"a term is at least one year (got {years})")
    if ramp == "even":
        return np.full(years, 1.0 / years)
    if ramp == "linear":
        k = np.arange(1, years + 1, dtype=float)
        return k / k.sum()
    raise ValueError(f"unknown ramp {ramp!r} (even or linear)")


def compute_commitment_terms(scenario: Scenario) -> pd.DataFrame:
    """Each commitment's amount and term as the scenario applies them.

    Returns:
        One row per counterparty: ``counterparty``, ``what``, ``status``, ``reported_usd``
        (the amount as reported, or GW x price per GW), ``gw`` (NaN for USD contracts),
        ``usd_per_gw`` (NaN likewise), ``honoured_usd`` (x the honoured share), ``start_year``
        (+ the scenario's delay), ``end_year``, ``years``, ``ramp``, ``ramp_why``, ``facts``
        (ids cited, comma-separated). The facts are recorded as used.
    """
    oa = scenario.openai
    share = oa.commitments_honoured_share
    delay = oa.commitments_delay_years
    rows = []
    for row in load_commitments():
        facts.record(row.fact_ids())
        if row.amount_fact is not None:
            gw = per_gw = float("nan")
            amount = facts.value(row.amount_fact)
        else:
            assert row.gw_fact is not None and row.usd_per_gw_fact is not None
            gw = facts.value(row.gw_fact)
            per_gw = facts.value(row.usd_per_gw_fact)
            amount = gw * per_gw
        start = int(facts.value(row.start_fact))
        if row.years_fact is not None:
            years = int(round(facts.value(row.years_fact)))
        else:
            assert row.end_fact is not None
            years = int(facts.value(row.end_fact)) - start + 1
        rows.append(
            {
                "counterparty": row.counterparty,
                "what": row.what,
                "status": row.status,
                "reported_usd": amount,
                "gw": gw,
                "usd_per_gw": per_gw,
                "honoured_usd": amount * share,
                "start_year": start + delay,
                "end_year": start + delay + years - 1,
                "years": years,
                "ramp": row.ramp,
                "ramp_why": row.ramp_why,
                "facts": ", ".join(row.fact_ids()),
            }
        )
    return pd.DataFrame(rows)


def compute_obligations_schedule(scenario: Scenario) -> pd.DataFrame:
    """OpenAI's compute obligations per year and counterparty (USD), from 2025 to the last year.

    Returns:
        Indexed by ``year`` (2025 to the last year of the longest commitment), one column per
        counterparty in the table's order (the terms: :func:`compute_commitment_terms`).
    """
    terms = compute_commitment_terms(scenario)
    first = min(PLAN_START_YEAR, int(terms["start_year"].min()))
    last = int(terms["end_year"].max())
    years = pd.Index(range(first, last + 1), name="year")
    table = pd.DataFrame(0.0, index=years, columns=list(terms["counterparty"]))
    for term in terms.itertuples():
        paid = term.honoured_usd * ramp_weights(term.ramp, term.years)
        table.loc[term.start_year : term.end_year, term.counterparty] = paid
    return table.loc[PLAN_START_YEAR:]


def other_cloud_bills_usd(scenario: Scenario) -> np.ndarray:
    """OpenAI's contracted bills from clouds other than Stargate, per year of :data:`YEARS` (USD).

    The :data:`CLOUD_BILLS` columns of :func:`compute_obligations_schedule` (so the scenario's
    honoured share and delay apply), summed per year; 0 before the plan and where no contract
    runs. Raises if the table no longer names one of them.
    """
    schedule = compute_obligations_schedule(scenario)
    missing = [name for name in CLOUD_BILLS if name not in schedule.columns]
    if missing:
        raise ValueError(f"{TABLE} has no row for {', '.join(missing)}")
    bills = schedule[list(CLOUD_BILLS)].sum(axis=1)
    return bills.reindex(list(YEARS), fill_value=0.0).to_numpy(dtype=float)


def drawn_term_commitment(scenario: Scenario) -> tuple[float, int, float]:
    """The :data:`DRAWN_TERM` commitment as the scenario applies it: amount, first year, term.

    Returns:
        ``(honoured_usd, start_year, years)``: the amount times the honoured share (USD), the
        first year after the scenario's delay, the term in the register (years). Raises if the
        row is not spread evenly (the draws spread it evenly over a drawn term).
    """
    terms = compute_commitment_terms(scenario).set_index("counterparty")
    if DRAWN_TERM not in terms.index:
        raise ValueError(f"{TABLE} has no row for {DRAWN_TERM}")
    row = terms.loc[DRAWN_TERM]
    if row["ramp"] != "even":
        raise ValueError(f"{DRAWN_TERM}'s term is drawn for an even spread, not {row['ramp']!r}")
    return float(row["honoured_usd"]), int(row["start_year"]), float(row["years"])


def capacity_contracts(schedule: pd.DataFrame) -> list[str]:
    """The columns of an obligations schedule that are compute-capacity contracts.

    Every counterparty except :data:`CHIP_DEALS`. Raises if the schedule no longer names one of
    the chip deals (a renamed row would otherwise be counted as capacity).
    """
    missing = [name for name in CHIP_DEALS if name not in schedule.columns]
    if missing:
        raise ValueError(f"{TABLE} has no row for {', '.join(missing)}")
    return [c for c in schedule.columns if c not in CHIP_DEALS]


def compute_obligation_coverage(scenario: Scenario) -> pd.DataFrame:
    """Obligations against revenue, cash and committed funding by year, 2025-2030 (USD).

    The obligations are the compute-capacity contracts (Oracle and the clouds); the chip deals
    (:data:`CHIP_DEALS`) are bought chips the capacity contracts may already bill, so they are
    shown beside (``chip_commitments_usd``), not added: adding them would count the same GW
    twice.

    Funding is cash at the end of 2024 plus the committed rounds to date (announced money, such
    as NVIDIA's letter of intent, in its own column). "Covered" asks whether the commitments to
    date exceed what the revenue to date plus that money could pay: first before any other cost,
    then after OpenAI's other costs (staff, sales and general costs and Microsoft's revenue
    share, from :func:`~stargate.model.openai_path.compute_openai_path`).

    Returns:
        Indexed by ``year``: ``obligations_usd`` (capacity contracts),
        ``chip_commitments_usd`` (the chip deals, not in any other column), ``revenue_usd``,
        ``other_costs_usd``,
        ``funding_usd`` (cash + committed rounds, cumulative), ``available_usd`` (money on hand
        for the year's bill: its revenue and new rounds plus what was left unspent at the end of
        the year before, none once it ran out), ``announced_usd`` (cumulative),
        ``obligations_to_revenue`` (ratio), ``obligations_to_revenue_and_funding`` (obligations
        to date / (revenue to date + funding)), ``cumulative_obligations_usd``,
        ``headroom_usd`` (revenue to date + funding - obligations to date; negative = not
        covered), ``headroom_after_other_costs_usd``. ``attrs``: ``first_uncovered_year`` and
        ``first_uncovered_after_other_costs_year`` (None: covered to 2030), ``beyond_2030_usd``
        (obligations after 2030, outside the revenue path).
    """
    schedule = compute_obligations_schedule(scenario)
    path = openai_path.compute_openai_path(scenario)
    years = [y for y in YEARS if y >= PLAN_START_YEAR]
    capacity = capacity_contracts(schedule)
    obligations = schedule[capacity].sum(axis=1).reindex(years, fill_value=0.0).to_numpy()
    chips = schedule[list(CHIP_DEALS)].sum(axis=1).reindex(years, fill_value=0.0).to_numpy()
    revenue = path.loc[years, "revenue_usd"].to_numpy()
    other = (path.loc[years, "other_costs_usd"] + path.loc[years, "revenue_share_usd"]).to_numpy()
    sl = slice(YEAR_INDEX[PLAN_START_YEAR], None)
    funding = scenario.openai.cash_2024_usd + np.cumsum(
        rounds_by_year_usd(scenario, committed=True)[sl]
    )
    announced = np.cumsum(rounds_by_year_usd(scenario, committed=False)[sl])
    cum_obl = np.cumsum(obligations)
    cum_rev = np.cumsum(revenue)
    headroom = cum_rev + funding - cum_obl
    # Money on hand for this year's bill: this year's revenue and new rounds, plus what was left
    # unspent at the end of last year (nothing once it ran out; arrears are not carried).
    left_before = np.maximum(np.concatenate(([0.0], headroom[:-1])), 0.0)
    new_money = np.diff(funding, prepend=0.0)
    available = revenue + new_money + left_before
    headroom_after = headroom - np.cumsum(other)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(revenue > 0, obligations / revenue, np.nan)
        cover = cum_obl / (cum_rev + funding)
    table = pd.DataFrame(
        {
            "obligations_usd": obligations,
            "chip_commitments_usd": chips,
            "revenue_usd": revenue,
            "other_costs_usd": other,
            "funding_usd": funding,
            "available_usd": available,
            "announced_usd": announced,
            "obligations_to_revenue": ratio,
            "obligations_to_revenue_and_funding": cover,
            "cumulative_obligations_usd": cum_obl,
            "headroom_usd": headroom,
            "headroom_after_other_costs_usd": headroom_after,
        },
        index=pd.Index(years, name="year"),
    )
    table.attrs["first_uncovered_year"] = _first_negative(table["headroom_usd"])
    table.attrs["first_uncovered_after_other_costs_year"] = _first_negative(
        table["headroom_after_other_costs_usd"]
    )
    table.attrs["beyond_2030_usd"] = float(schedule.loc[years[-1] + 1 :, capacity].to_numpy().sum())
    return table


def _first_negative(series: pd.Series) -> int | None:
    short = series < 0
    return int(short.idxmax()) if short.any() else None


def summarize_obligations(scenario: Scenario) -> dict[str, float | int | None]:
    """The obligations in a few numbers (USD, ratios, years).

    Returns:
        For the capacity contracts (the chip deals apart, see
        :func:`compute_obligation_coverage`): ``total_usd`` (all years), ``to_2030_usd``,
        ``beyond_2030_usd``, ``ratio_2028`` (obligations / revenue in 2028), ``peak_ratio`` and
        ``peak_ratio_year``, ``first_uncovered_year`` and
        ``first_uncovered_after_other_costs_year``. For the chip deals: ``chip_total_usd`` (all
        years) and ``chip_2028_usd``.
    """
    schedule = compute_obligations_schedule(scenario)
    coverage = compute_obligation_coverage(scenario)
    ratio = coverage["obligations_to_revenue"]
    capacity = capacity_contracts(schedule)
    return {
        "total_usd": float(schedule[capacity].to_numpy().sum()),
        "chip_total_usd": float(schedule[list(CHIP_DEALS)].to_numpy().sum()),
        "chip_2028_usd": float(coverage.loc[2028, "chip_commitments_usd"]),
        "to_2030_usd": float(coverage["obligations_usd"].sum()),
        "beyond_2030_usd": coverage.attrs["beyond_2030_usd"],
        "ratio_2028": float(ratio.loc[2028]),
        "peak_ratio": float(ratio.max()),
        "peak_ratio_year": int(ratio.idxmax()),
        "first_uncovered_year": coverage.attrs["first_uncovered_year"],
        "first_uncovered_after_other_costs_year": coverage.attrs[
            "first_uncovered_after_other_costs_year"
        ],
    }


# =========================================================================== OpenAI's projection

#: The reported projection the modelled burn is reconciled with: OpenAI's 2025-2029 cash burn.
PROJECTION_FACT = "oa_burn_to_2029"
PROJECTION_YEARS: tuple[int, int] = (2025, 2029)

#: When each cloud bill was committed: the facts whose dates (``as_of``) mark its first and its
#: last commitment (CoreWeave: the first contract, March 2025, and the expansions to the total).
COMMITMENT_DATE_FACTS: dict[str, tuple[str, ...]] = {
    "Microsoft Azure": ("azure_250bn",),
    "AWS": ("aws_38bn",),
    "CoreWeave": ("coreweave_first_contract_usd", "coreweave_total"),
}


def compare_dates(a: str, b: str) -> int:
    """-1, 0 or 1 as register date ``a`` is before, in the same period as, or after ``b``.

    Dates are ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; they are compared at the precision they
    share (``"2025-10-28"`` is after ``"2025-09"``; ``"2025-09-25"`` and ``"2025-09"`` are the
    same month: 0).
    """
    n = min(len(a), len(b))
    return (a[:n] > b[:n]) - (a[:n] < b[:n])


def azure_bills_in_span_usd(scenario: Scenario, years: float) -> float:
    """The Azure commitment's bills over :data:`PROJECTION_YEARS` if spread over ``years``."""
    from stargate.model.openai_plan import even_spread_by_year_usd

    amount, start, _ = drawn_term_commitment(scenario)
    first, last = PROJECTION_YEARS
    spread = even_spread_by_year_usd(amount, start, years)
    return float(sum(spread[YEAR_INDEX[y]] for y in range(first, last + 1)))


def reconcile_projected_burn(scenario: Scenario) -> pd.DataFrame:
    """OpenAI's reported 2025-2029 burn projection to the modelled burn, step by step (USD).

    At the scenario's point, over :data:`PROJECTION_YEARS`, each step adds to the one before:

    1. ``reported``: the projection (:data:`PROJECTION_FACT`);
    2. ``plan``: the model's plan as projected with compute at the plan's budget, less the
       projection - the model's fit and the scenario's own inputs (revenue, costs);
    3. ``stargate``: what OpenAI pays the venture beyond what the plan's budget holds for it
       (negative when the scenario pays less than the register's price);
    4. one ``cloud`` row per bill of :data:`CLOUD_BILLS`: each year the bills beyond what is
       left of the budget (after the Stargate payments the plan counts) are shared among the
       clouds in proportion to their bills that year - no cloud is paid first, so the split
       does not depend on an order; the total of the rows is the model's;
    5. ``modelled``: the model's burn (:func:`stargate.model.openai_path.compute_openai_path`).

    Returns:
        One row per step: ``step``, ``counterparty`` (cloud rows; else empty), ``amount_usd``
        (the projection and the modelled burn; each step's addition otherwise),
        ``running_usd`` (the total after the step), ``first_date`` and ``last_date`` (the
        register dates of a cloud's first and last commitment, and of the projection on its
        row), ``timing`` (cloud rows: ``after`` the projection, ``before`` it, or ``partly
        before``: first before, last not), ``fact`` (ids, comma-separated). ``attrs``:
        ``years`` (first, last); ``uncontracted_hours_usd`` (what OpenAI pays the venture over
        the years for GPU-hours outside the Oracle contract), ``uncontracted_hours_burn_usd``
        (how much lower the modelled burn would be were OpenAI to rent none of those hours: at
        most the payments, less where they fill the plan's compute budget),
        ``openai_uncontracted_share``, and the Azure assumption: ``azure_amount_usd`` (as
        honoured), ``azure_start_year``, ``azure_years``, ``azure_in_span_usd`` (its bills
        over the years at that term) and
        ``azure_illustrative_in_span_usd`` (over the register's
        ``as_azure_250bn_years_alternative``). The facts are recorded as used.
    """
    first, last = PROJECTION_YEARS
    span = slice(first, last)
    projection = facts.get(PROJECTION_FACT)
    facts.record([PROJECTION_FACT])
    reported = float(facts.value(PROJECTION_FACT))
    plan = openai_path.compute_openai_path(scenario, other_clouds=False).loc[span]
    path = openai_path.compute_openai_path(scenario).loc[span]
    stargate_above = float(plan["above_budget_usd"].sum())
    at_budget = float(plan["cash_burn_usd"].sum()) - stargate_above
    # What is left of each year's budget after the Stargate payments the plan counts (S_ref:
    # the sites on schedule, so the compute late sites hold back, which OpenAI buys elsewhere,
    # fills it first), and the clouds' bills beyond it, shared in proportion to each bill.
    inputs = venture.build_model_inputs(scenario)
    reference = pd.Series(inputs.stargate_reference_usd, index=YEARS).loc[span]
    left = np.maximum(path["compute_budget_usd"] - reference, 0.0).to_numpy()
    bills = compute_obligations_schedule(scenario).reindex(list(range(first, last + 1)))
    bills = bills.fillna(0.0)
    total_bills = bills[list(CLOUD_BILLS)].sum(axis=1).to_numpy()
    beyond = np.maximum(total_bills - left, 0.0)
    weight = np.divide(beyond, total_bills, out=np.zeros_like(beyond), where=total_bills > 0)
    dated = []
    for name in CLOUD_BILLS:
        ids = COMMITMENT_DATE_FACTS[name]
        facts.record(list(ids))
        dates = sorted(str(facts.get(i).as_of) for i in ids)
        dated.append((dates[0], dates[-1], name, ids))
    rows: list[dict[str, object]] = [
        _step("reported", "", reported, reported, projection.as_of, PROJECTION_FACT),
        _step("plan", "", at_budget - reported, at_budget, "", ""),
        _step("stargate", "", stargate_above, at_budget + stargate_above, "", ""),
    ]
    running = at_budget + stargate_above
    for first_date, last_date, name, ids in sorted(dated):
        above = float((bills[name].to_numpy() * weight).sum())
        running += above
        if compare_dates(first_date, str(projection.as_of)) > 0:
            timing = "after"
        elif compare_dates(last_date, str(projection.as_of)) < 0:
            timing = "before"
        else:
            timing = "partly before"
        row = _step("cloud", name, above, running, first_date, ", ".join(ids))
        row.update(last_date=last_date, timing=timing)
        rows.append(row)
    modelled = float(path["cash_burn_usd"].sum())
    if not np.isclose(running, modelled, rtol=1e-9, atol=1.0):
        raise AssertionError(f"the steps add to {running:,.0f}; the model's burn: {modelled:,.0f}")
    rows.append(_step("modelled", "", modelled, modelled, "", ""))
    table = pd.DataFrame(rows)
    table.attrs["years"] = (first, last)
    # OpenAI's payments for the hours outside the contract: its payments less what it would pay
    # renting none of them (the contract alone). The burn falls by less where the payments fill
    # the plan's compute budget: only what runs over the budget each year is saved.
    oa = scenario.openai
    contract_only = scenario.model_copy(
        update={"openai": oa.model_copy(update={"uncontracted_hours_share": 0.0})}
    )
    contract_path = openai_path.compute_openai_path(contract_only).loc[span]
    paid_contract = contract_path["stargate_usd"]
    table.attrs["uncontracted_hours_usd"] = float(path["stargate_usd"].sum() - paid_contract.sum())
    table.attrs["uncontracted_hours_burn_usd"] = float(
        path["cash_burn_usd"].sum() - contract_path["cash_burn_usd"].sum()
    )
    table.attrs["openai_uncontracted_share"] = float(oa.uncontracted_hours_share)
    amount, start, years = drawn_term_commitment(scenario)
    table.attrs["azure_amount_usd"] = amount
    table.attrs["azure_start_year"] = start
    table.attrs["azure_years"] = years
    table.attrs["azure_in_span_usd"] = azure_bills_in_span_usd(scenario, years)
    table.attrs["azure_illustrative_in_span_usd"] = azure_bills_in_span_usd(
        scenario, facts.value("as_azure_250bn_years_alternative")
    )
    return table


def _step(
    step: str, counterparty: str, amount: float, running: float, date: str, fact: str
) -> dict[str, object]:
    return {
        "step": step,
        "counterparty": counterparty,
        "amount_usd": amount,
        "running_usd": running,
        "first_date": date,
        "last_date": date,
        "timing": "",
        "fact": fact,
    }
