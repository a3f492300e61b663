"""OpenAI's projected 2025-2029 burn ($115bn, Sept 2025) reconciled with the modelled burn.

The steps (:func:`stargate.model.obligations.reconcile_projected_burn`): the projection, the
model's fit with compute at the plan's budget, Stargate payments above the budget, each cloud's
bills above what is left of it in signing order (CoreWeave March 2025, Azure 28 Oct 2025, AWS
3 Nov 2025), the modelled burn. Hand values from the register: AWS $38bn over 7 years from
2025, CoreWeave $22.4bn over 5 years from 2025, Azure $250bn over 6 years from 2026.
"""

from __future__ import annotations

import numpy as np
import pytest

from stargate.model import obligations, openai_path, venture
from stargate.present import sustainability_report as report
from stargate.present import sustainability_tables as tables
from stargate.scenario import PARAMS_DIR, list_scenarios, load_scenario

BN = 1e9


@pytest.fixture(scope="module")
def base():
    return load_scenario(PARAMS_DIR / "base.yaml")


def test_the_steps_of_base_by_hand(base) -> None:
    table = obligations.reconcile_projected_burn(base).set_index(["step", "counterparty"])
    amount = table["amount_usd"] / BN
    assert amount[("reported", "")] == 115.0
    # Order-free: each year the bills beyond what is left of the budget (after the Stargate
    # payments the plan counts, S_ref) are shared in proportion to each bill. Bills by hand:
    # Azure 250/6 from 2026, AWS 38/7 and CoreWeave 22.4/5 from 2025. In 2025 the budget left
    # ($22.3bn - $3.1bn) covers all $9.9bn; in 2026 S_ref ($42.9bn) exceeds the $39.8bn budget,
    # so all $51.6bn is beyond it.
    path = openai_path.compute_openai_path(base).loc[2025:2029]
    reference = venture.build_model_inputs(base).stargate_reference_usd[1:6]
    left = np.maximum(path["compute_budget_usd"].to_numpy() - reference, 0.0) / BN
    hand = {
        "Microsoft Azure": np.array([0.0] + [250 / 6] * 4),
        "AWS": np.full(5, 38 / 7),
        "CoreWeave": np.full(5, 22.4 / 5),
    }
    total = sum(hand.values())
    weight = np.maximum(total - left, 0.0) / total
    assert weight[0] == 0.0 and weight[1] == pytest.approx(1.0)
    for name, bill in hand.items():
        assert amount[("cloud", name)] == pytest.approx(float((bill * weight).sum()), rel=1e-9)
    # Independently of the order: the clouds together are the path with the contracts less the
    # plan as projected, and Stargate's step is the plan's compute above its budget.
    plan = openai_path.compute_openai_path(base, other_clouds=False).loc[2025:2029]
    clouds = table.xs("cloud")["amount_usd"].sum()
    assert clouds == pytest.approx(path["cash_burn_usd"].sum() - plan["cash_burn_usd"].sum())
    assert clouds / BN == pytest.approx(np.maximum(total - left, 0.0).sum())
    assert amount[("stargate", "")] == pytest.approx(plan.loc[2026, "above_budget_usd"] / BN)
    # The steps add up to the model's burn, $275.2bn: $160.2bn above the projection.
    assert amount[("modelled", "")] == pytest.approx(path["cash_burn_usd"].sum() / BN)
    assert round(amount[("modelled", "")], 1) == 275.2
    running = table["running_usd"].to_numpy()
    assert running[-2] == pytest.approx(running[-1])
    np.testing.assert_allclose(np.diff(running[:-1]), table["amount_usd"].to_numpy()[1:-1])


def test_the_dates_come_from_the_register(base) -> None:
    table = obligations.reconcile_projected_burn(base).set_index("counterparty")
    assert list(table.loc[["CoreWeave", "Microsoft Azure", "AWS"], "timing"]) == [
        "partly before",
        "after",
        "after",
    ]
    assert table.loc["Microsoft Azure", "first_date"] == "2025-10-28"
    assert table.loc["AWS", "first_date"] == "2025-11-03"
    assert (table.loc["CoreWeave", "first_date"], table.loc["CoreWeave", "last_date"]) == (
        "2025-03",
        "2025-09",
    )


def test_compare_dates_at_their_shared_precision() -> None:
    assert obligations.compare_dates("2025-10-28", "2025-09") == 1
    assert obligations.compare_dates("2025-03", "2025-09") == -1
    assert obligations.compare_dates("2025-09-25", "2025-09") == 0
    assert obligations.compare_dates("2024", "2025-09") == -1


def test_a_commitment_that_predates_the_projection_is_said_to(base, monkeypatch) -> None:
    # AWS dated by CoreWeave's first contract (March 2025): before the projection.
    monkeypatch.setitem(obligations.COMMITMENT_DATE_FACTS, "AWS", ("coreweave_first_contract_usd",))
    table = obligations.reconcile_projected_burn(base).set_index("counterparty")
    assert table.loc["AWS", "timing"] == "before"
    text = report.build_burn_reconciliation_paragraph(base)
    assert (
        "OpenAI's commitment to AWS (March 2025) predates the projection, which may already "
        "carry its bills." in text
    )
    # Only Azure's bills are then "made after the projection".
    steps = table.set_index("step")["amount_usd"]
    gap = steps["modelled"] - steps["reported"]
    azure = table.loc["Microsoft Azure", "amount_usd"]
    assert f"of the difference ({report.format_share(azure / gap)})" in text


def test_the_page_says_why_the_burn_exceeds_the_projection(base) -> None:
    text = report.build_burn_reconciliation_paragraph(base)
    assert "OpenAI projected a cash burn of $115bn over 2025–2029 (reported September 2025)" in text
    assert "the model's is $275.2bn, $160.2bn more" in text
    # Azure 124.3 + AWS 16.2 = 140.5 of the 160.2: 88 %.
    assert "$140.5bn of the difference (88%)" in text
    assert (
        "OpenAI's commitments to Microsoft Azure (28 October 2025) and AWS (3 November 2025) came "
        "after the projection." in text
    )
    assert "OpenAI's first contract with CoreWeave (March 2025) predates the projection" in text
    shown = tables.format_burn_reconciliation_table(base)
    assert list(shown.iloc[:, 2]) == [
        "$115.0bn",
        "$3.1bn",
        "$3.2bn",
        "$13.4bn",
        "$124.3bn",
        "$16.2bn",
        "$275.2bn",
    ]
    assert shown.iloc[4, 1] == "28 October 2025: after the projection"


@pytest.mark.parametrize("name", list_scenarios())
def test_every_scenario_reconciles_to_its_own_burn(name: str) -> None:
    s = load_scenario(PARAMS_DIR / f"{name}.yaml")
    table = obligations.reconcile_projected_burn(s)
    path = openai_path.compute_openai_path(s).loc[2025:2029]
    assert table["amount_usd"].iloc[-1] == pytest.approx(path["cash_burn_usd"].sum())
    # The clouds' shares are never negative; Stargate's step is, where the scenario pays the
    # venture less than the plan counts (article_case's $2.80 an H100-hour).
    assert (table.loc[table["step"] == "cloud", "amount_usd"] >= 0).all()
    text = report.build_burn_reconciliation_paragraph(s)
    assert "nan" not in text.lower() and "None" not in text


def test_the_split_does_not_depend_on_the_signing_order(base, monkeypatch) -> None:
    # Dating AWS before everything (CoreWeave's first contract) changes the order the clouds are
    # listed in, not what each is charged.
    before = obligations.reconcile_projected_burn(base).set_index("counterparty")["amount_usd"]
    monkeypatch.setitem(obligations.COMMITMENT_DATE_FACTS, "AWS", ("coreweave_first_contract_usd",))
    after = obligations.reconcile_projected_burn(base).set_index("counterparty")["amount_usd"]
    for name in obligations.CLOUD_BILLS:
        assert after[name] == pytest.approx(before[name], rel=1e-12)


def test_the_page_says_what_the_uncontracted_hours_and_the_azure_term_do(base) -> None:
    table = obligations.reconcile_projected_burn(base)
    # The uncontracted hours: OpenAI's payments less those it makes renting none of them, and
    # the burn falls by exactly that much when it rents none (the plan's reference is fixed).
    none = base.model_copy(
        update={"openai": base.openai.model_copy(update={"uncontracted_hours_share": 0.0})}
    )
    burn = openai_path.compute_openai_path(base).loc[2025:2029, "cash_burn_usd"].sum()
    burn_none = openai_path.compute_openai_path(none).loc[2025:2029, "cash_burn_usd"].sum()
    uncontracted = table.attrs["uncontracted_hours_usd"]
    assert uncontracted > 0
    assert burn - burn_none == pytest.approx(uncontracted, rel=1e-9)
    # The saving the page states is the model's difference, not more than the payments.
    saving = table.attrs["uncontracted_hours_burn_usd"]
    assert saving == pytest.approx(burn - burn_none, rel=1e-12)
    assert saving <= uncontracted + 1.0
    assert round(saving / BN, 1) == 168.8
    # Azure: $250bn over 6 years from 2026 -> 4 x 41.67 = 166.7 in 2026-2029; over 10: 4 x 25.
    assert table.attrs["azure_in_span_usd"] == pytest.approx(4 * 250 / 6 * BN)
    assert table.attrs["azure_illustrative_in_span_usd"] == pytest.approx(100 * BN)
    text = report.build_burn_reconciliation_paragraph(base)
    assert f"The modelled burn includes ${uncontracted / BN:.1f}bn over 2025–2029" in text
    assert "the scenario assumes it rents 100% of them" in text
    assert (
        f"the modelled burn over 2025–2029 would be lower by ${saving / BN:.1f}bn (the model run "
        "with none of them rented)" in text
    )
    assert "by as much" not in text
    assert "billed evenly over 6 years from 2026" in text
    assert "$166.7bn over 2025–2029. Spread over 10 years it would be $100.0bn." in text
    assert "in proportion to each one's bill that year" in text
