"""A schedule delay defers the venture's build, it never cancels it (review finding: delay).

One delay model for the point and the Monte Carlo: a delay of d years moves a whole batch (site,
GPUs, the IT around them, its rent and running costs) d years later, exactly as the scenario's
slip moves a site; capacity already energised never moves; initial-build capex moved past 2030,
the model's last year, is counted in 2030 as still owed; OpenAI's plan still needs the compute a
delay holds back and buys it elsewhere at the same price.
"""

from __future__ import annotations

import numpy as np
import pytest

from stargate.model import venture
from stargate.model.openai_plan import YEARS
from stargate.scenario import PARAMS_DIR, Scenario, load_scenario


def scenario(name: str) -> Scenario:
    return load_scenario(PARAMS_DIR / f"{name}.yaml")


def at_delay(s: Scenario, delay_years: float) -> dict[str, np.ndarray]:
    draws = venture.point_draws(s)
    draws["schedule_delay_years"] = np.array([float(delay_years)])
    out = venture.evaluate_model(venture.build_model_inputs(s), draws)
    return {k: v[0] for k, v in out.items()}


def slipped(s: Scenario, more_years: int) -> Scenario:
    """The scenario with every not-yet-energised site ``more_years`` later (the point's slip)."""
    prog = s.programme.model_copy(update={"slip_years": s.programme.slip_years + more_years})
    return s.model_copy(update={"programme": prog})


def one_generation(s: Scenario) -> Scenario:
    """Every site keeps GB200 whatever its year, so a slip cannot change a batch's hardware."""
    first = s.programme.generation_first_year
    later = {g: 2099 for g in first.as_dict() if g != "GB200"}
    prog = s.programme.model_copy(update={"generation_first_year": first.model_copy(update=later)})
    return s.model_copy(update={"programme": prog})


def test_abilene_phase_2_a_year_late_by_hand() -> None:
    # Base: Abilene phase 2 is 2026's only GB200 batch (0.994 GW, status under construction).
    # A year late, its whole build is paid in 2027: IT MW = 994 / PUE 1.3 = 764.6 MW; GPUs =
    # 764.6e6 / 2,083.33 W = 367,015; per GPU $43,055.56 accelerator + $26,388.89 other IT +
    # 2,083.33e-6 MW x $16.25m/MW facility = $103,298.5; base has no point overruns:
    # $37.91bn, none of it in 2026.
    s = scenario("base")
    gpus = round(994.0 / 1.3 * 1e6 / 2083.33)
    hand_usd = gpus * (43_055.56 + 26_388.89 + 2083.33e-6 * 16.25e6)
    assert hand_usd == pytest.approx(37.91e9, rel=1e-3)
    on_time, late = at_delay(s, 0.0), at_delay(s, 1.0)
    y26, y27 = YEARS.index(2026), YEARS.index(2027)
    fl = venture.build_model_inputs(s).fleet
    gb200_2026 = [
        b
        for b in range(fl.gpu_count.size)
        if fl.deploy_year[b] == 2026 and fl.generation[b] == "GB200"
    ]
    assert len(gb200_2026) == 1
    gb = gb200_2026[0]
    site_and_it = (
        fl.facility_capex_usd[gb] + fl.accelerator_capex_usd[gb] + fl.other_it_capex_usd[gb]
    )
    assert site_and_it == pytest.approx(hand_usd, rel=1e-4)
    # Every 2026 batch, Abilene phase 2 among them, is paid in 2027 instead (site and GPUs):
    # nothing in 2026, and 2027 pays exactly what 2026 paid on time (2027's own batches move on).
    capex_on_time, capex_late = on_time["venture_capex_usd"], late["venture_capex_usd"]
    assert capex_late[y26] == pytest.approx(0.0, abs=1.0)
    assert capex_late[y27] == pytest.approx(capex_on_time[y26], rel=1e-12)
    assert capex_on_time[y26] > site_and_it
    # The 2025 batch (Abilene phase 1, energised) does not move.
    y25 = YEARS.index(2025)
    assert capex_late[y25] == pytest.approx(capex_on_time[y25])
    assert capex_late[y25] > 0


@pytest.mark.parametrize(("name", "d"), [("base", 1), ("base", 2), ("megaproject_overrun", 1)])
def test_a_draw_delay_is_the_point_with_that_much_more_slip(name: str, d: int) -> None:
    # One delay model: the Monte Carlo's delay of d years and d more years of the scenario's
    # slip give the venture the same cash path, need and deferred capex (hardware held to one
    # generation so the slip cannot change what a site installs). Delays that keep every site
    # inside 2030 at the point: a slip past 2030 takes the capacity out of the point's fleet,
    # and the contract's GW are then spread over a smaller fleet (left to fix).
    s = one_generation(scenario(name))
    draw = at_delay(s, float(d))
    point = at_delay(slipped(s, d), 0.0)
    for key in ("venture_capex_usd", "stargate_payments_usd", "venture_opex_usd"):
        np.testing.assert_allclose(draw[key], point[key], rtol=1e-9, atol=1.0, err_msg=key)
    for key in ("venture_need_usd", "venture_deferred_capex_usd", "total_need_usd"):
        assert draw[key] == pytest.approx(point[key], rel=1e-9, abs=1.0), key


@pytest.mark.parametrize("name", ["base", "megaproject_overrun"])
def test_a_delay_defers_the_build_it_never_cancels_it(name: str) -> None:
    # Initial-build capex paid 2025-2030 plus the capex deferred past 2030 is the same at every
    # delay: lateness moves the money, it does not save it. Refreshes excluded: their timing
    # follows the IT life.
    s = scenario(name)
    totals = []
    for d in range(venture.MAX_DELAY_YEARS + 1):
        out = at_delay(s, float(d))
        build = out["venture_capex_usd"] - out["venture_refresh_usd"]
        totals.append(build.sum() + out["venture_deferred_capex_usd"])
    assert max(totals) - min(totals) < 1e-6 * totals[0]
    # With every not-yet-energised site 5+ years late, the build is (almost) all deferred.
    assert at_delay(s, 5.0)["venture_deferred_capex_usd"] > 0.5 * totals[0]


@pytest.mark.parametrize("name", ["base", "megaproject_overrun"])
def test_a_longer_delay_never_lowers_the_venture_need_or_gap(name: str) -> None:
    need, gap = [], []
    for d in range(venture.MAX_DELAY_YEARS + 1):
        out = at_delay(scenario(name), float(d))
        need.append(out["venture_need_usd"])
        gap.append(out["venture_shortfall_usd"])
    assert all(b >= a - 1.0 for a, b in zip(need, need[1:], strict=False)), need
    assert all(b >= a - 1.0 for a, b in zip(gap, gap[1:], strict=False)), gap


@pytest.mark.parametrize("name", ["base", "megaproject_overrun"])
def test_the_longest_delay_raises_the_combined_need(name: str) -> None:
    # Before the fix the combined need fell from $483bn to $144bn (base) and from $515bn to
    # $146bn (megaproject) as the build slid past 2030. Now the longest delay needs more than
    # an on-time build: the build is still owed and OpenAI buys the missing compute elsewhere.
    s = scenario(name)
    on_time = at_delay(s, 0.0)["total_need_usd"]
    longest = at_delay(s, float(venture.MAX_DELAY_YEARS))["total_need_usd"]
    assert longest > on_time * 1.2
