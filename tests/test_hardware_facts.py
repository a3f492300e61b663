"""All-in IT power per GPU (stargate/data/facts/14_hardware_power.yaml), recomputed by hand."""

from __future__ import annotations

import pytest

from stargate import facts
from stargate.scenario import load_scenario


def v(fact_id: str) -> float:
    return facts.value(fact_id)


def test_h100_from_the_dgx_system_power():
    # NVIDIA DGX H100: 10,200 W max for 8 GPUs = 1,275 W (= 700 W GPU + 575 W host per GPU)
    assert v("sys_power_dgx_h100_per_gpu_derived") == pytest.approx(10_200 / 8)
    assert v("tdp_h100") + v("h100_server_non_gpu_w_per_gpu") == pytest.approx(10_200 / 8)
    # + 10 % of the cluster for network and storage: 1,275 / 0.9 = 1,416.67 W
    allin = facts.get("it_power_h100_allin_derived")
    assert allin.value == pytest.approx(10_200 / 8 / (1 - 0.10), abs=0.01)
    # High end: 150 MW for 100,000 GPUs = 1,500 W
    assert allin.high == pytest.approx(150e6 / 100_000)
    assert allin.low == pytest.approx(allin.value)


def test_b200_cross_check():
    assert v("sys_power_dgx_b200_per_gpu_derived") == pytest.approx(14_300 / 8)


def test_nvl72_cluster_overhead_from_nvidias_scalable_unit():
    # 1,200 kW per scalable unit of 8 racks at ~120 kW: 1,200 / 960 = 1.25
    ratio = v("superpod_gb200_su_power") / (v("superpod_gb200_su_racks") * v("rack_power_nvl72"))
    assert ratio == pytest.approx(1.25)
    assert v("nvl72_cluster_overhead_ratio_derived") == pytest.approx(ratio)


def test_gb200_all_in():
    f = facts.get("it_power_gb200_allin_derived")
    # 120,000 W / 72 × 1.25 = 2,083.33 W = 1,200,000 W / (8 × 72)
    assert f.value == pytest.approx(120_000 / 72 * 1.25, abs=0.01)
    assert f.value == pytest.approx(1_200_000 / (8 * 72), abs=0.01)
    # Low: the rack's 120 kW with the 10 % cluster share measured on H100
    assert f.low == pytest.approx(120_000 / 72 / 0.9, abs=0.01)


def test_gb300_all_in():
    f = facts.get("it_power_gb300_allin_derived")
    rack = facts.get("rack_power_gb300_nvl72")
    assert f.value == pytest.approx(rack.value * 1000 / 72 * 1.25, abs=0.01)
    assert f.low == pytest.approx(rack.low * 1000 / 72 / 0.9, abs=0.01)
    assert f.high == pytest.approx(rack.high * 1000 / 72 * 1.25, abs=0.01)


def test_vr200_all_in():
    f = facts.get("it_power_vr200_allin_derived")
    rack = facts.get("rack_power_vr200")
    assert f.value == pytest.approx(rack.value * 1000 / 72 * 1.25, abs=0.01)
    assert f.low == pytest.approx(rack.low * 1000 / 72 / 0.9, abs=0.01)
    assert f.high == pytest.approx(rack.high * 1000 / 72 * 1.25, abs=0.01)


def test_every_derived_power_row_names_its_inputs_and_shows_its_arithmetic():
    ids = [
        "sys_power_dgx_h100_per_gpu_derived",
        "sys_power_dgx_b200_per_gpu_derived",
        "nvl72_cluster_overhead_ratio_derived",
        "it_power_h100_allin_derived",
        "it_power_gb200_allin_derived",
        "it_power_gb300_allin_derived",
        "it_power_vr200_allin_derived",
    ]
    for fact_id in ids:
        f = facts.get(fact_id)
        assert f.kind == "derived" and f.derived_from, fact_id
        assert "=" in f.note, fact_id


def test_schema_defaults_point_at_the_all_in_rows():
    specs = load_scenario("base").fleet.specs
    expected = {
        "H100": "it_power_h100_allin_derived",
        "GB200": "it_power_gb200_allin_derived",
        "GB300": "it_power_gb300_allin_derived",
        "VR200": "it_power_vr200_allin_derived",
    }
    for generation, fact_id in expected.items():
        spec = specs[generation]
        assert spec.it_power_w_per_gpu == pytest.approx(v(fact_id)), generation
        # all-in IT power includes the chip
        assert spec.it_power_w_per_gpu >= spec.chip_power_w, generation
