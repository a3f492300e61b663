"""One value per quantity: every page of a scenario shows the programme with the same numbers.

The shared quantities — the programme's capex, GW, GPUs, capex per year, the funding gap, the
cost per GPU-hour — are published as headline records by every report that shows them
(``nb.headline``), and the index and comparison pages show those records. Two shipped scenarios
(the base programme and ``megaproject_overrun``) are built with ``stargate build`` into a temporary
folder; their executed notebooks' records must agree report by report, and the overrun must move
the cost, investor and sustainability headlines together. A fixture in which two reports
disagree must fail the same check. That each report's record comes from the same model function
is checked on the notebooks' code (building every scenario would take too long).
"""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import nbformat
import pytest

from stargate import cli
from stargate.model import costs, funding, like_for_like, programme
from stargate.publish import site
from stargate.publish.headline import HEADLINE_MIMETYPE, headline_record
from stargate.scenario import load_scenario

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
SCENARIOS = ("base", "megaproject_overrun")

#: Quantities more than one report shows, each of which must have one value per scenario.
SHARED = (
    "programme_capex_usd",
    "programme_gw",
    "programme_gpus",
    *(f"capex_{year}_usd" for year in programme.PLAN_YEARS),
    "funding_gap_usd",
    "cost_per_gpu_hour_usd",
    "cost_per_gb300_equivalent_hour_usd",
)


def disagreements(reports: dict[str, list[dict]]) -> list[str]:
    """Shared quantities two reports of one scenario publish with different values.

    Args:
        reports: report name → its headline records (:func:`stargate.publish.headline.
            read_headlines`).

    Returns:
        One line per quantity whose values differ (relative 1e-9), naming reports and values.
    """
    problems = []
    for name in SHARED:
        seen = {
            report: float(record["value"])
            for report, records in reports.items()
            for record in records
            if record["name"] == name
        }
        values = list(seen.values())
        if any(not math.isclose(v, values[0], rel_tol=1e-9, abs_tol=1e-6) for v in values):
            problems.append(f"{name}: {seen}")
    return problems


def shown_in(reports: dict[str, list[dict]], name: str) -> list[str]:
    """Reports that publish ``name``."""
    return [r for r, records in reports.items() if any(h["name"] == name for h in records)]


@pytest.fixture(scope="module")
def built(
    shipped_reports: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, dict[str, list[dict]]]:
    # ``stargate build`` of the two scenarios, index pages included. Their reports start as the
    # session's build of the shipped ones (``shipped_reports``): the same notebook, parameters
    # and library, so they are fresh and the build writes the index pages from them.
    root = tmp_path_factory.mktemp("one_value")
    params = root / "params"
    params.mkdir()
    out = root / "reports"
    for name in SCENARIOS:
        shutil.copy(ROOT / "params" / f"{name}.yaml", params / f"{name}.yaml")
        for lang in ("", "ja"):
            shutil.copytree(shipped_reports / lang / name, out / lang / name)
    args = ["build", "--params-dir", str(params), "--notebooks-dir", str(NOTEBOOKS)]
    args += ["--out", str(out), "--jobs", "2"]
    assert cli.main(args) == 0, "the scenarios did not build"
    entries = {e.name: e for e in site.collect(out)}
    built = {name: {r.notebook: r.headlines for r in entries[name].reports} for name in SCENARIOS}
    built["_compare"] = {"html": [{"text": (out / "compare.html").read_text(encoding="utf-8")}]}
    return built


# --------------------------------------------------------------------------- the built pages


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_every_report_shows_the_programme_with_one_value(built, scenario):
    reports = built[scenario]
    assert set(reports) == {"cost_structure", "investor_roles", "sustainability"}
    assert disagreements(reports) == []
    # Capex, GW and GPUs are on every page; the funding gap on the investor and sustainability
    # pages; the values are the model's.
    model = load_scenario(scenario)
    for name in ("programme_capex_usd", "programme_gw", "programme_gpus"):
        assert sorted(shown_in(reports, name)) == sorted(reports), name
    assert sorted(shown_in(reports, "funding_gap_usd")) == ["investor_roles", "sustainability"]
    record = {h["name"]: h for h in reports["cost_structure"]}
    assert record["programme_capex_usd"]["value"] == pytest.approx(costs.total_capex_usd(model))
    assert record["cost_per_gpu_hour_usd"]["value"] == pytest.approx(
        costs.cost_per_gpu_hour_usd(model)
    )
    # The index's cost beside the break-even: the like-for-like table's cost, one value.
    like = like_for_like.compare_cost_price_breakeven(model)["cost_usd_per_gb300_hour"]
    assert record["cost_per_gb300_equivalent_hour_usd"]["value"] == pytest.approx(like)
    assert record["cost_per_gb300_equivalent_hour_usd"]["label"] == (
        "Cost per GB300-equivalent GPU-hour (by IT power)"
    )
    gap = {h["name"]: h for h in reports["investor_roles"]}["funding_gap_usd"]["value"]
    assert gap == pytest.approx(funding.summarize_funding(model)["funding_gap_usd"])


def test_the_comparison_page_shows_the_reports_values(built):
    html = built["_compare"]["html"][0]["text"]
    for scenario in SCENARIOS:
        for records in built[scenario].values():
            for h in records:
                if h["name"] in (
                    "programme_capex_usd",
                    "funding_gap_usd",
                    "cost_per_gb300_equivalent_hour_usd",
                ):
                    assert h["text"] in html, (scenario, h["name"], h["text"])
    # The cost per average GPU-hour (another unit than the break-even's) is not in its table;
    # the header's intro says it is on the index and in the cost report instead.
    assert "Cost per average GPU-hour of the fleet" not in html.split("</header>", 1)[1]


def test_the_overrun_moves_every_report_together(built):
    base, over = built["base"], built["megaproject_overrun"]

    def value(reports, report, name):
        return {h["name"]: h["value"] for h in reports[report]}[name]

    for report in ("cost_structure", "investor_roles", "sustainability"):
        assert value(over, report, "programme_capex_usd") > value(
            base, report, "programme_capex_usd"
        )
    assert value(over, "cost_structure", "cost_per_gpu_hour_usd") > value(
        base, "cost_structure", "cost_per_gpu_hour_usd"
    )
    for report in ("investor_roles", "sustainability"):
        assert value(over, report, "funding_gap_usd") > value(base, report, "funding_gap_usd")
    # The point (the draws' median can fall: tests/test_sustainability.py explains why).
    assert value(over, "sustainability", "funding_need_point_usd") > value(
        base, "sustainability", "funding_need_point_usd"
    )


# --------------------------------------------------------------------------- the check itself


def _fixture_notebook(path: Path, records: list[tuple[str, float, str, str]]) -> Path:
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("")
    cell.outputs = [
        nbformat.v4.new_output(
            "display_data", data={HEADLINE_MIMETYPE: headline_record(*r), "text/plain": r[3]}
        )
        for r in records
    ]
    nb.cells = [cell]
    nbformat.write(nb, str(path))
    return path


def test_the_check_fails_on_two_reports_that_disagree(tmp_path):
    # A broken scenario folder: the cost report says $570.9bn, the investor report $500bn.
    folder = tmp_path / "reports" / "broken"
    folder.mkdir(parents=True)
    _fixture_notebook(
        folder / "cost_structure.ipynb",
        [("programme_capex_usd", 570.9e9, "USD", "Capex"), ("programme_gw", 10.0, "GW", "GW")],
    )
    _fixture_notebook(
        folder / "investor_roles.ipynb",
        [("programme_capex_usd", 500e9, "USD", "Capex"), ("programme_gw", 10.0, "GW", "GW")],
    )
    (entry,) = site.collect(tmp_path / "reports")
    reports = {r.notebook: r.headlines for r in entry.reports}
    problems = disagreements(reports)
    assert len(problems) == 1 and problems[0].startswith("programme_capex_usd")
    # The same folder with the two reports agreeing passes.
    _fixture_notebook(
        folder / "investor_roles.ipynb",
        [("programme_capex_usd", 570.9e9, "USD", "Capex"), ("programme_gw", 10.0, "GW", "GW")],
    )
    (entry,) = site.collect(tmp_path / "reports")
    assert disagreements({r.notebook: r.headlines for r in entry.reports}) == []


@pytest.mark.parametrize(
    ("notebook", "calls"),
    [
        ("cost_structure", ["programme_model.headline_figures(scenario)"]),
        (
            "investor_roles",
            [
                "programme_model.headline_figures(scenario)",
                "funding_model.shared_headline_figures(scenario)",
            ],
        ),
        (
            "sustainability",
            [
                "programme_model.headline_figures(scenario)",
                "funding_model.shared_headline_figures(scenario)",
            ],
        ),
    ],
)
def test_each_report_publishes_the_shared_figures_from_one_function(notebook, calls):
    nb = nbformat.read(str(NOTEBOOKS / f"{notebook}.ipynb"), as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    for call in calls:
        assert call in code, (notebook, call)
    # No shared quantity is published by name outside those functions.
    for name in SHARED:
        if name != "cost_per_gpu_hour_usd":
            assert f'"{name}"' not in code, (notebook, name)
