"""papermill by hand cannot mislabel: the label always matches the numbers.

Each case runs a small notebook built with the reports' own parameters and setup cells, the way
``papermill nb.ipynb out.ipynb -f params/x.yaml`` or ``-p key value`` runs a report, and reads the
scenario the setup cell validated.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import nbformat
import papermill
import pytest
import yaml
from papermill.exceptions import PapermillExecutionError

from stargate.present.parameter_reference import parameters_cell_source

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def probe(tmp_path_factory: pytest.TempPathFactory) -> Path:
    params = nbformat.v4.new_code_cell(parameters_cell_source(), metadata={"tags": ["parameters"]})
    setup = nbformat.v4.new_code_cell(
        "from stargate.publish import notebook_helpers as nb\n\n"
        'scenario = nb.start("Probe", globals())',
        metadata={"tags": ["setup"]},
    )
    show = nbformat.v4.new_code_cell(
        "import json\n"
        "print(json.dumps({'name': scenario.name, 'title': scenario.title,\n"
        "    'utilization_rate': scenario.finance.utilization_rate,\n"
        "    'price': scenario.finance.price_usd_per_gpu_hour,\n"
        "    'gb200_w': scenario.fleet.specs.GB200.chip_power_w,\n"
        "    'slip': scenario.programme.slip_years}))"
    )
    nb = nbformat.v4.new_notebook(cells=[params, setup, show])
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    path = tmp_path_factory.mktemp("probe") / "probe.ipynb"
    nbformat.write(nb, path)
    return path


def run(probe: Path, parameters: dict) -> dict:
    out = probe.with_name(f"out-{abs(hash(json.dumps(parameters, sort_keys=True)))}.ipynb")
    nb = papermill.execute_notebook(
        str(probe), str(out), parameters=parameters, kernel_name="python3", progress_bar=False,
        cwd=str(ROOT), shutdown_kernel="immediate",  # a graceful stop sometimes waits 3 s
    )  # fmt: skip
    return json.loads(nb.cells[-1].outputs[0]["text"])


def test_a_scenario_file_by_hand_runs_under_its_own_name(probe):
    # What `papermill ... -f params/musk_skeptic.yaml` injects: the file as papermill reads it.
    given = yaml.safe_load((ROOT / "params" / "musk_skeptic.yaml").read_text())
    got = run(probe, given)
    assert got["name"] == "musk_skeptic"
    assert got["title"].startswith("Musk's doubt")
    assert got["utilization_rate"] == given["finance"]["utilization_rate"]


def test_a_name_alone_runs_that_scenario_s_numbers(probe):
    # `-p name musk_skeptic`: the label and the numbers are the Musk scenario's.
    musk = yaml.safe_load((ROOT / "params" / "musk_skeptic.yaml").read_text())
    got = run(probe, {"name": "musk_skeptic"})
    assert got["name"] == "musk_skeptic"
    assert got["utilization_rate"] == musk["finance"]["utilization_rate"]


def test_one_key_by_its_own_name_or_its_path(probe):
    got = run(probe, {"utilization_rate": 0.75, "fleet__specs__GB200__chip_power_w": 1_250.0})
    assert got["utilization_rate"] == 0.75 and got["gb200_w"] == 1_250.0
    assert got["name"] == "base"


@pytest.mark.parametrize(
    ("parameters", "message"),
    [
        ({"name": "no_such_scenario"}, "name: no scenario 'no_such_scenario'"),
        ({"utilisation_rate": 0.75}, "utilisation_rate: unknown parameter"),
        ({"utilization_rate": 2.0}, "finance.utilization_rate"),
    ],
)
def test_unknown_names_and_scenarios_fail_with_one_line(probe, parameters, message):
    with pytest.raises(PapermillExecutionError) as info:
        run(probe, parameters)
    assert message in str(info.value.evalue)


def test_help_notebook_lists_each_key_with_unit_and_default(probe):
    out = subprocess.run(
        [sys.executable, "-m", "papermill", "--help-notebook", str(probe)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    at = next(i for i, x in enumerate(lines) if x.strip().startswith("utilization_rate:"))
    entry = " ".join(lines[at : at + 2])  # the name, then its help on the next line
    assert "finance.utilization_rate" in entry and "fraction" in entry
    assert "default 0.8 (as_utilization_rate)" in entry
