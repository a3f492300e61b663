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

from stargate.model import obligations, openai_path
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
    # In 2025 the budget left after Stargate ($22.3bn - $2.9bn) covers every 2025 bill; in 2026
    # Stargate alone exceeds the budget, so all of 2026's bills are above it; in 2027-2029 the
    # budget left covers CoreWeave (first signed) but not Azure. AWS: 2026-2029, 4 x 38 / 7.
    assert amount[("cloud", "CoreWeave")] == pytest.approx(22.4 / 5, abs=1e-9)
    assert amount[("cloud", "AWS")] == pytest.approx(4 * 38 / 7, abs=1e-9)
    # Independently of the order: the clouds together are the path with the contracts less the
    # plan as projected, and Stargate's step is the plan's compute above its budget.
    plan = openai_path.compute_openai_path(base, other_clouds=False).loc[2025:2029]
    path = openai_path.compute_openai_path(base).loc[2025:2029]
    clouds = table.xs("cloud")["amount_usd"].sum()
    assert clouds == pytest.approx(path["cash_burn_usd"].sum() - plan["cash_burn_usd"].sum())
    left = np.maximum(path["compute_budget_usd"] - path["stargate_usd"], 0.0)
    assert clouds == pytest.approx(np.maximum(path["other_clouds_usd"] - left, 0.0).sum())
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
    # Azure 127.7 + AWS 21.7 = 149.4 of the 160.2: 93 %.
    assert "$149.4bn of the difference (93%)" in text
    assert (
        "OpenAI's commitment to Microsoft Azure (28 October 2025) came after the projection" in text
    )
    assert "OpenAI's commitment to AWS (3 November 2025) came after the projection" in text
    assert "OpenAI's first contract with CoreWeave (March 2025) predates the projection" in text
    shown = tables.format_burn_reconciliation_table(base)
    assert list(shown.iloc[:, 2]) == [
        "$115.0bn",
        "$3.1bn",
        "$3.2bn",
        "$4.5bn",
        "$127.7bn",
        "$21.7bn",
        "$275.2bn",
    ]
    assert shown.iloc[4, 1] == "28 October 2025: after the projection"


@pytest.mark.parametrize("name", list_scenarios())
def test_every_scenario_reconciles_to_its_own_burn(name: str) -> None:
    s = load_scenario(PARAMS_DIR / f"{name}.yaml")
    table = obligations.reconcile_projected_burn(s)
    path = openai_path.compute_openai_path(s).loc[2025:2029]
    assert table["amount_usd"].iloc[-1] == pytest.approx(path["cash_burn_usd"].sum())
    assert (table.loc[table["step"].isin(["stargate", "cloud"]), "amount_usd"] >= 0).all()
    text = report.build_burn_reconciliation_paragraph(s)
    assert "nan" not in text.lower() and "None" not in text
