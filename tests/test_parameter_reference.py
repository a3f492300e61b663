"""The parameter reference lists every key validate accepts, and docs/parameters.md is current."""

from __future__ import annotations

from pathlib import Path

import pytest

from stargate.present import parameter_reference as ref
from stargate.scenario import ScenarioError, validate

ROOT = Path(__file__).resolve().parent.parent


def test_docs_parameters_md_is_generated_from_the_schema():
    committed = (ROOT / "docs" / "parameters.md").read_text(encoding="utf-8")
    assert committed == ref.render_markdown(), "run `make docs` to regenerate docs/parameters.md"


def test_every_listed_key_is_one_validate_knows():
    keys = {p.key for p in ref.list_parameters()}
    assert "finance.utilization_rate" in keys and "display.currency" in keys
    assert "name" not in keys  # scenario metadata is described in the README, not here
    # A listed key set to a wrong type is refused by the same path validate reports.
    with pytest.raises(ScenarioError) as info:
        validate({"name": "x", "title": "t", "finance": {"utilization_rate": "high"}})
    assert any("finance.utilization_rate" in line for line in info.value.problems)


def test_each_fact_backed_default_names_its_fact_and_shows_its_value():
    by_key = {p.key: p for p in ref.list_parameters()}
    commitment = by_key["program.total_commitment_usd"]
    assert commitment.fact_id == "sg_total_commitment"
    assert commitment.default == "$500.0bn" and commitment.unit == "USD"
    assert "> 0" in commitment.bounds
    assert by_key["fleet.batches[].gpu_count"].default == "(required)"


def test_stargate_params_prints_the_reference(capsys):
    from stargate import cli

    assert cli.main(["params"]) == 0
    assert capsys.readouterr().out == ref.render_markdown()
