"""OpenAI's compute cost carries its contracted bills (issue 13, point 2).

Compute ``C = max(budget - S_ref, O) + S``: the plan's budget, Stargate's payments ``S`` (``S_ref``
at the scenario's point) and ``O``, the bills of the other clouds OpenAI rents from under
contract (Azure, AWS, CoreWeave; Oracle's 4.5 GW is Stargate itself, AMD and Broadcom sell chips).
Register values used by hand below: Azure $250bn over 6 years from 2026 (assumed term), AWS $38bn
over 7 years from 2025, CoreWeave $22.4bn over 5 years from 2025, all even; OpenAI's 2024 costs
$7bn compute + $1.5bn staff on $3.7bn revenue, 2028 costs per planned dollar (100 + 74 - 20) /
100 = 1.54, revenue $13bn in 2025 and $100bn in 2028 (geometric between), a sixth of planned
costs not paid in cash (1 - 145/174).
"""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from stargate import facts
from stargate.model import montecarlo as mc
from stargate.model import obligations, openai_path, venture
from stargate.model import openai_plan as oplan
from stargate.scenario import PARAMS_DIR, list_scenarios, load_scenario

BN = 1e9
SHIPPED = list_scenarios()


@pytest.fixture(scope="module")
def base():
    return load_scenario(PARAMS_DIR / "base.yaml")


def _budget_usd(year: int) -> tuple[float, float, float]:
    """Base (growth as planned): (revenue, fixed costs, compute budget) in USD, by hand."""
    revenue = 13 * (100 / 13) ** ((year - 2025) / 3)
    ratio = (8.5 / 3.7) * (1.54 / (8.5 / 3.7)) ** ((year - 2024) / 4)
    fixed = ratio * revenue
    # Compute's share of those costs: 7 / 8.5, as the register rounds it (0.823529).
    share = facts.value("oa_compute_share_2024_derived")
    return revenue * BN, fixed * BN, share * fixed * BN


def test_other_cloud_bills_are_azure_aws_and_coreweave_only(base) -> None:
    # 2025: AWS 38/7 = 5.4286 + CoreWeave 22.4/5 = 4.48 -> 9.9086 (Azure starts in 2026).
    # 2026-2029: + Azure 250/6 = 41.667 -> 51.575. 2030: CoreWeave ended -> 47.095.
    bills = obligations.other_cloud_bills_usd(base)
    by_year = dict(zip(oplan.YEARS, bills, strict=True))
    assert by_year[2024] == 0.0
    assert by_year[2025] == pytest.approx((38 / 7 + 22.4 / 5) * BN)
    for year in (2026, 2027, 2028, 2029):
        assert by_year[year] == pytest.approx((250 / 6 + 38 / 7 + 22.4 / 5) * BN)
    assert by_year[2030] == pytest.approx((250 / 6 + 38 / 7) * BN)
    # Oracle ($60bn a year from 2027), AMD and Broadcom are not cloud bills: the full schedule
    # is larger by exactly those three columns.
    schedule = obligations.compute_obligations_schedule(base)
    left_out = schedule[["Oracle", "AMD", "Broadcom"]].sum(axis=1)
    assert schedule.sum(axis=1).loc[2028] - left_out.loc[2028] == pytest.approx(by_year[2028])
    assert left_out.loc[2028] == pytest.approx((60 + 18 + 45) * BN)


def test_base_2026_and_2025_by_hand(base) -> None:
    path = openai_path.compute_openai_path(base)
    stargate = path["stargate_usd"]
    n = facts.value("oa_non_cash_cost_share_derived")
    # 2026: revenue 13 x (100/13)^(1/3) = 25.66; costs per planned dollar sqrt(2.297 x 1.54) =
    # 1.881 -> fixed 48.26, budget 7/8.5 of it = 39.75. Stargate's payments (the venture model,
    # $42.9bn, all at market rent before the contract's 2027 start) alone exceed it, and the
    # other clouds' bills are 51.575 on top: compute = max(39.75, 42.9 + 51.575) = 94.5, none
    # of the budget left uncontracted.
    rev, fixed, budget = _budget_usd(2026)
    clouds = (250 / 6 + 38 / 7 + 22.4 / 5) * BN
    assert budget == pytest.approx(39.75 * BN, rel=1e-3)
    assert path.loc[2026, "compute_budget_usd"] == pytest.approx(budget)
    assert stargate[2026] + clouds > budget
    assert path.loc[2026, "compute_usd"] == pytest.approx(stargate[2026] + clouds)
    assert path.loc[2026, "other_clouds_usd"] == pytest.approx(clouds)
    assert path.loc[2026, "uncontracted_compute_usd"] == 0.0
    # Burn: compute + staff and other (1 - 7/8.5) x fixed + revenue share 0.2 x revenue, less
    # the non-cash sixth of the planned costs (fixed + revenue share), less revenue.
    costs = stargate[2026] + clouds + (fixed - budget) + 0.2 * rev
    burn = costs - n * (fixed + 0.2 * rev) - rev
    assert path.loc[2026, "cash_burn_usd"] == pytest.approx(burn)
    # 2025: budget 7/8.5 x 13 x 2.297 x (1.54/2.297)^(1/4) = 22.25 holds Stargate's $3.06bn
    # (market rent: the Oracle contract starts in 2027) and the clouds' 9.91: compute is the
    # budget, 22.25 - 3.06 - 9.91 = 9.29 left uncontracted.
    _, _, budget = _budget_usd(2025)
    clouds = (38 / 7 + 22.4 / 5) * BN
    assert path.loc[2025, "compute_usd"] == pytest.approx(budget)
    assert path.loc[2025, "uncontracted_compute_usd"] == pytest.approx(
        budget - stargate[2025] - clouds
    )
    assert path.loc[2025, "uncontracted_compute_usd"] == pytest.approx(9.29 * BN, rel=2e-3)


def test_small_numbers_both_branches() -> None:
    # F = 20 x (0.5 + 0.5 x 5/10) = 15, budget 7.5, other 7.5, revenue share 1, non-cash
    # 0.25 x (15 + 1) = 4. Stargate 2, clouds 3: max(7.5 - 2, 3) + 2 = 7.5, 2.5 uncontracted,
    # burn 7.5 + 7.5 + 1 - 4 - 5 = 7. Stargate 30, clouds 4: max(-22.5, 4) + 30 = 34, burn 33.5.
    kw = dict(
        revenue_share_rate=0.2,
        flexible_cost_share=0.5,
        non_cash_cost_share=0.25,
        compute_share_of_fixed_costs=0.5,
    )
    args = (np.array([5.0]), np.array([10.0]), np.array([20.0]))
    for s, o, compute, left, burn in ((2.0, 3.0, 7.5, 2.5, 7.0), (30.0, 4.0, 34.0, 0.0, 33.5)):
        out = oplan.compute_openai_flows(*args, np.array([s]), other_clouds_usd=o, **kw)
        assert out["compute_usd"][0] == pytest.approx(compute)
        assert out["uncontracted_compute_usd"][0] == pytest.approx(left)
        assert out["cash_burn_usd"][0] == pytest.approx(burn)
        lean = oplan.compute_openai_cash_burn_usd(*args, np.array([s]), other_clouds_usd=o, **kw)
        assert lean[0] == pytest.approx(burn)


@pytest.mark.parametrize("name", SHIPPED)
def test_compute_never_below_the_contracted_bills(name) -> None:
    scenario = load_scenario(PARAMS_DIR / f"{name}.yaml")
    path = openai_path.compute_openai_path(scenario)
    clouds = obligations.other_cloud_bills_usd(scenario)
    contracted = path["stargate_usd"].to_numpy() + clouds
    assert (path["compute_usd"].to_numpy() >= contracted - 1.0).all(), name
    # The three parts add up to the compute cost, and the budget only binds above the bills.
    parts = path[["stargate_usd", "other_clouds_usd", "uncontracted_compute_usd"]].sum(axis=1)
    assert parts.to_numpy() == pytest.approx(path["compute_usd"].to_numpy())
    # C = max(budget - S_ref, O) + S + late: S_ref at the register's contract price with the
    # sites on schedule (article_case pays less than that: its compute falls below the budget
    # by the difference), plus the compute late sites hold back, which OpenAI buys elsewhere
    # (megaproject's slip).
    late = venture.evaluate_point(scenario)["openai_replacement_compute_usd"][0]
    reference = venture.build_model_inputs(scenario).stargate_reference_usd
    budget = path["compute_budget_usd"].to_numpy()
    assert path["compute_usd"].to_numpy() == pytest.approx(
        np.maximum(budget - reference, clouds) + path["stargate_usd"].to_numpy() + late
    )
    # At the register's terms the plan's Stargate is what OpenAI pays plus the late compute.
    if venture.at_reference_terms(scenario) is scenario:
        assert path["compute_usd"].to_numpy() == pytest.approx(
            np.maximum(budget, contracted + late)
        )


@pytest.mark.parametrize("name", SHIPPED)
def test_point_path_and_draws_agree(name) -> None:
    # The vectorised model's burn at the point is the reader's path's, contracts included.
    scenario = load_scenario(PARAMS_DIR / f"{name}.yaml")
    path = openai_path.compute_openai_path(scenario)
    point = venture.evaluate_point(scenario)
    assert point["openai_cash_burn_usd"][0] == pytest.approx(path["cash_burn_usd"].to_numpy())


def test_contracts_raise_the_burn_by_the_bills_beyond_the_budget(base) -> None:
    # Without the other clouds the 2026 burn is lower by exactly the bills that do not fit in
    # the budget: 51.575 - max(39.75 - 42.9, 0) = 51.575 (all of them, in cash).
    plan = openai_path.compute_openai_path(base, other_clouds=False)
    path = openai_path.compute_openai_path(base)
    diff = path["cash_burn_usd"] - plan["cash_burn_usd"]
    clouds = obligations.other_cloud_bills_usd(base)
    room = np.maximum(plan["compute_budget_usd"] - plan["stargate_usd"], 0.0).to_numpy()
    assert diff.to_numpy() == pytest.approx(np.maximum(clouds - room, 0.0), abs=1.0)
    assert diff[2026] == pytest.approx((250 / 6 + 38 / 7 + 22.4 / 5) * BN)


@pytest.mark.parametrize("name", ["base", "musk_skeptic", "megaproject_overrun"])
def test_combined_need_does_not_move_with_the_venture_price(name) -> None:
    # What OpenAI pays the venture nets out of the combined need, contracts or not; OpenAI's
    # own need rises with the price (the same dollars leave it).
    scenario = load_scenario(PARAMS_DIR / f"{name}.yaml")
    inputs = venture.build_model_inputs(scenario)
    assert inputs.other_clouds_usd is not None and inputs.other_clouds_usd.max() > 0
    draws = venture.point_draws(scenario)
    draws["price_usd_per_gpu_hour"] = np.array([1.0, 2.8, 5.67, 9.0])
    out = venture.evaluate_model(inputs, draws)
    assert out["total_need_usd"] == pytest.approx(np.full(4, out["total_need_usd"][0]), rel=1e-9)
    assert np.all(np.diff(out["openai_need_usd"]) > 0)


@pytest.mark.parametrize("name", SHIPPED)
def test_openai_need_point_inside_its_draws(name) -> None:
    scenario = load_scenario(PARAMS_DIR / f"{name}.yaml")
    result = mc.run_monte_carlo(scenario, n_draws=4_000)
    table = mc.compare_point_with_draws(scenario, result).set_index("outcome")
    for outcome in ("openai_need_usd", "total_need_usd"):
        row = table.loc[outcome]
        assert row.p10 <= row.point <= row.p90, (name, outcome, row.point, row.p10, row.p90)


def test_hand_budget_helper_matches_the_model(base) -> None:
    # The helper above is the docstring's arithmetic, not the model's code: checked once.
    _, fixed, budget = _budget_usd(2028)
    assert fixed == pytest.approx(154 * BN)
    assert budget == pytest.approx(7 / 8.5 * 154 * BN, rel=1e-6)
    assert math.isclose(
        openai_path.compute_openai_path(base).loc[2028, "compute_budget_usd"], budget, rel_tol=1e-9
    )


def test_the_page_says_which_bill_is_which(base) -> None:
    from stargate.present import sustainability_report as report
    from stargate.present import sustainability_tables as tables

    path = openai_path.compute_openai_path(base)
    table = tables.format_openai_path_table(path, base.display).set_index("year")
    row = table.loc[2026]
    assert row["of which paid to Stargate (USD)"] == "$42.9bn"
    # Azure 41.667 + AWS 5.429 + CoreWeave 4.48 = 51.575
    assert row["of which other clouds under contract (Azure, AWS, CoreWeave) (USD)"] == "$51.6bn"
    assert row["of which the rest of the budget, not under contract (USD)"] == "$0"
    assert row["compute budget in OpenAI's projections (USD)"] == "$39.8bn"
    # 42.9 + 51.6 = 94.5, 54.8 above the 39.8 budget (42.93 + 51.575 - 39.75)
    text = report.build_compute_paragraph(base)
    assert "In 2026 OpenAI's projections budget $39.8bn for compute" in text
    assert (
        "its Stargate payments ($42.9bn) and the other clouds' contracted bills ($51.6bn) come "
        "to $94.5bn, $54.8bn more than its budget" in text
    )
    # The total is every part of compute, Stargate's assumed market rent among them.
    assert (
        "Over 2025–2030 the contracted bills and the assumed Stargate rent exceed the budget by "
        "$172.3bn in all" in text
    )
    # 2026 is before the Oracle contract's 2027 start: the page says the hours are at market rent.
    assert (
        "Before the Oracle contract starts in 2027, no hour is billed at its price: OpenAI pays "
        "the venture the market rent for the hours it is assumed to rent." in text
    )


def test_the_page_says_when_the_contracts_fit(base) -> None:
    from stargate.present import sustainability_report as report

    # No other cloud's contract honoured, Stargate at $3.42 an hour and none of its hours
    # outside the contract rented by OpenAI (2026: none at all, the contract starts in 2027),
    # inside the budget every year: the bills fit, and the year named is the fullest.
    cheap = base.model_copy(
        update={
            "finance": base.finance.model_copy(update={"price_usd_per_gpu_hour": 3.42}),
            "openai": base.openai.model_copy(
                update={"commitments_honoured_share": 0.0, "uncontracted_hours_share": 0.0}
            ),
        }
    )
    path = openai_path.compute_openai_path(cheap)
    share = (path["stargate_usd"] / path["compute_budget_usd"]).loc[2025:]
    text = report.build_compute_paragraph(cheap)
    assert text.startswith("In every year to 2030")
    assert f"in {int(share.idxmax())} they take" in text


def _market_rent_2026_usd(scenario, inputs) -> float:
    """Base 2026 by hand from the fleet's arrays: every batch serving in 2026 at market rent."""
    fl = inputs.fleet
    change = scenario.risk.price_change_rate
    level = (1.0 + change) ** (2026 - fl.market_rent_year)
    total = 0.0
    for b in range(fl.gpu_count.size):
        start = int(fl.deploy_year[b]) + int(scenario.risk.schedule_delay_years)
        if start <= 2026:
            hours = fl.gpu_count[b] * 8_760 * scenario.finance.utilization_rate
            total += hours * fl.market_usd_per_gpu_hour[b] * level
    return float(total)


def test_no_hour_is_billed_at_the_contract_price_before_the_contract_starts(base) -> None:
    # The register: Oracle's $300bn contract starts in 2027 (sg_oracle_300bn_start). In 2026
    # every serving GPU-hour earns the market rent (its FP8 PFLOPS x $1.10/PFLOP-hour, moved by
    # the rent change), whatever the contract price; from 2027 the contract price counts.
    assert base.finance.contract_start_year == facts.value("sg_oracle_300bn_start") == 2027
    inputs = venture.build_model_inputs(base)
    path = openai_path.compute_openai_path(base)
    by_hand = _market_rent_2026_usd(base, inputs)
    assert by_hand > 0
    assert path.loc[2026, "stargate_usd"] == pytest.approx(by_hand, rel=1e-9)
    doubled = venture.evaluate_point(
        base, price_usd_per_gpu_hour=2 * base.finance.price_usd_per_gpu_hour
    )
    point = venture.evaluate_point(base)
    pay, pay2 = point["stargate_payments_usd"][0], doubled["stargate_payments_usd"][0]
    assert pay2[oplan.YEAR_INDEX[2026]] == pytest.approx(pay[oplan.YEAR_INDEX[2026]], rel=1e-12)
    assert pay2[oplan.YEAR_INDEX[2027]] > pay[oplan.YEAR_INDEX[2027]] * 1.3
    # Moving the start to 2026 bills 2026's contracted share at the contract price instead.
    early = base.model_copy(
        update={"finance": base.finance.model_copy(update={"contract_start_year": 2026})}
    )
    early_pay = openai_path.compute_openai_path(early).loc[2026, "stargate_usd"]
    assert early_pay != pytest.approx(by_hand, rel=1e-3)


def test_openai_pays_only_its_share_of_the_uncontracted_hours(base) -> None:
    # as_openai_uncontracted_share: 1 (Stargate "for OpenAI"). At 0 OpenAI pays no 2026 hour
    # (all before the contract) and the venture still earns them from other customers; the
    # venture's revenue does not depend on who rents.
    assert (
        base.openai.uncontracted_hours_share == facts.value("as_openai_uncontracted_share") == 1.0
    )
    none = base.model_copy(
        update={"openai": base.openai.model_copy(update={"uncontracted_hours_share": 0.0})}
    )
    half = base.model_copy(
        update={"openai": base.openai.model_copy(update={"uncontracted_hours_share": 0.5})}
    )
    paths = {
        q: openai_path.compute_openai_path(s) for q, s in ((1.0, base), (0.0, none), (0.5, half))
    }
    ventures = {
        q: openai_path.compute_venture_path(s) for q, s in ((1.0, base), (0.0, none), (0.5, half))
    }
    assert paths[0.0].loc[2026, "stargate_usd"] == 0.0
    assert paths[0.5].loc[2026, "stargate_usd"] == pytest.approx(
        0.5 * paths[1.0].loc[2026, "stargate_usd"]
    )
    for q in (0.0, 0.5):
        assert ventures[q]["revenue_usd"].to_numpy() == pytest.approx(
            ventures[1.0]["revenue_usd"].to_numpy()
        )
        # OpenAI's compute falls one for one with what it no longer pays (2026: budget short).
        cut = paths[1.0]["stargate_usd"] - paths[q]["stargate_usd"]
        assert (paths[1.0]["compute_usd"] - paths[q]["compute_usd"]).to_numpy() == pytest.approx(
            cut.to_numpy(), abs=1.0
        )


_MONEY = re.compile(r"\$(-?[0-9.,]+)bn")


@pytest.mark.parametrize("name", ["base", "megaproject_overrun"])
def test_the_compute_sentence_adds_up(name) -> None:
    """The parts the first sentence names add up to its total, and the total less the budget
    to the excess it states: in the figures as printed (to a rounding) and in the model's."""
    from stargate.present import sustainability_report as report

    scenario = load_scenario(PARAMS_DIR / f"{name}.yaml")
    path = openai_path.compute_openai_path(scenario)
    text = report.build_compute_paragraph(scenario)
    first = text.split(". ")[0]
    budget, *parts, total, excess = (float(x.replace(",", "")) for x in _MONEY.findall(first))
    assert len(parts) >= 2
    assert sum(parts) == pytest.approx(total, abs=0.05 * len(parts) + 1e-9)
    assert total - budget == pytest.approx(excess, abs=0.1 + 1e-9)
    year = int(re.match(r"In (\d{4})", first).group(1))
    row = path.loc[year]
    model_parts = report.compute_components_usd(row)
    assert sum(model_parts.values()) == pytest.approx(row["compute_usd"], rel=1e-12)
    assert row["compute_usd"] - row["compute_budget_usd"] == pytest.approx(row["above_budget_usd"])
    assert [round(v / 1e9, 1) for v in model_parts.values()] == parts
    if name == "megaproject_overrun":
        # 2026: $2.8bn to Stargate, $40.1bn bought elsewhere while sites are late, $51.6bn of
        # other clouds: $94.5bn, $54.8bn over the $39.8bn budget (not $54.4bn with $54.8bn).
        assert parts == [2.8, 40.1, 51.6] and total == 94.5 and excess == 54.8
        assert "compute it buys elsewhere while sites are late ($40.1bn)" in first
        assert "the compute bought elsewhere while sites are late" in text


def test_the_compute_column_heading_holds_where_the_scenario_pays_less() -> None:
    """article_case 2027: compute $67.5bn under the $71.0bn budget, because the budget holds
    Stargate at the register's price and this scenario pays less; the heading says so."""
    from stargate.present import sustainability_tables as tables

    case = load_scenario(PARAMS_DIR / "article_case.yaml")
    path = openai_path.compute_openai_path(case)
    reference = venture.build_model_inputs(case).stargate_reference_usd[oplan.YEAR_INDEX[2027]]
    row = path.loc[2027]
    assert row["compute_usd"] < row["compute_budget_usd"]
    assert row["stargate_usd"] + row["late_sites_compute_usd"] < reference
    # The budget with Stargate at this scenario's price, the bills being smaller.
    at_price = row["compute_budget_usd"] - reference + row["stargate_usd"]
    at_price += row["late_sites_compute_usd"]
    assert row["compute_usd"] == pytest.approx(at_price, rel=1e-12)
    assert row["other_clouds_usd"] + row["stargate_usd"] < row["compute_usd"]
    table = tables.format_openai_path_table(path, case.display).set_index("year")
    heading = (
        "compute cost: the budget (Stargate at this scenario's price), or the bills where larger "
        "(USD)"
    )
    assert table.loc[2027, heading] == "$67.5bn"
    assert table.loc[2027, "compute budget in OpenAI's projections (USD)"] == "$71.0bn"
