"""The re-run loop's goals (issue 16), each measured in one run, with OK / MISSED.

On one machine, in one run, into a temporary copy of the repository's ``notebooks/`` and
``params/`` (the library is the installed package), with an empty chart cache of its own:

0. **profile**: one report executed with cProfile running inside its kernel; the top lines,
   and the floor: a kernel started, the notebook's imports run, shut down;
1. **naive**: for each report, the ``papermill`` CLI, then ``jupyter nbconvert --to html``;
2. **cold**: ``stargate build --force`` into a fresh folder, chart cache empty;
3. **no change**: ``stargate build`` again;
4. **one scenario changed**: an assumption of one non-base scenario edited (a new value each
   time), ``stargate build`` — as built (no static SVG, chart cache on), with static SVGs drawn
   (``STARGATE_STATIC_SVG=1``) and with the chart cache off (``STARGATE_CHART_CACHE=0``); then
   the edit undone (its charts are in the cache);
5. **index + compare**: ``write_site`` in a process that has imported it (as the build has by
   then), over the shipped scenarios and over 5 times as many (each copied under 5 names), with
   the report summaries and static SVGs on and off.

``make test`` (goal: 5 minutes) is not run here: time it on its own.

Times are medians of ``--repeat`` runs (default 3) except the naive loop and the cold build
(one each). Other work on the machine adds time: say so when quoting.

    .venv/bin/python benchmarks/bench_build.py [--repeat N] [--jobs N] [--quick]
"""

from __future__ import annotations

import argparse
import json
import os
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
#: (key, value) pairs of the assumption the one-scenario step edits, a new value per run.
EDIT_SECTION, EDIT_KEY = "finance", "utilization_rate"
EDIT_VALUES = tuple(round(0.51 + i / 100, 2) for i in range(30))

GOAL_ONE_SCENARIO_S = 5.0
GOAL_SITE_S = 0.5
GOAL_COLD_RATIO = 0.15


def run(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, str]:
    started = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        sys.exit(
            f"{cmd[:3]} failed (exit {proc.returncode}):\n{proc.stdout[-2000:]}"
            + proc.stderr[-3000:]
        )
    return seconds, proc.stdout


def built_count(out: str) -> int:
    found = re.search(r"(\d+) built, (\d+) failed, (\d+) fresh", out)
    return int(found.group(1)) if found else -1


def site_seconds(out: str) -> float:
    found = re.search(r"index pages (\d+\.\d+) s", out)
    return float(found.group(1)) if found else float("nan")


def verdict(ok: bool) -> str:
    return "OK" if ok else "MISSED"


# --------------------------------------------------------------------------- profile


PROFILE_START = "import cProfile as _sg_cp\n_sg_prof = _sg_cp.Profile()\n_sg_prof.enable()"
PROFILE_STOP = "_sg_prof.disable()\n_sg_prof.dump_stats({path!r})"
#: Where a report's kernel time goes, by function (cumulative seconds under the profiler).
PROFILE_PARTS = (
    ("imports (inside cells)", "<frozen importlib._bootstrap>", "_find_and_load"),
    ("facts register loaded (YAML)", "stargate/facts.py", "load_register"),
    ("static SVG per chart (vl-convert)", "stargate/present/chart_render.py", "render_svg"),
    ("Vega compile per chart (vl-convert)", "stargate/present/chart_render.py", "to_vega"),
    ("Altair to_dict + schema validation", "altair/vegalite/v6/api.py", "to_dict"),
    ("Altair from_dict (altair#3547: per call)", "altair/utils/schemapi.py", "from_dict"),
    ("HTML-ish outputs (nb.show, both languages)", "stargate/publish/notebook_helpers.py", "show"),
    ("idle: waiting for the next cell", "~", "<method 'poll' of 'select.epoll' objects>"),
)


def profile_report(work: Path, scenario: str, notebook: str, parameters: dict) -> list[str]:
    """Run one report with cProfile on inside its kernel; the lines to print."""
    import nbformat
    import papermill

    nb = nbformat.read(work / "notebooks" / f"{notebook}.ipynb", as_version=4)
    stats_path = work / "kernel.prof"
    nb.cells.insert(0, nbformat.v4.new_code_cell(PROFILE_START))
    nb.cells.append(nbformat.v4.new_code_cell(PROFILE_STOP.format(path=str(stats_path))))
    source = work / "profiled.ipynb"
    nbformat.write(nb, source)
    started = time.perf_counter()
    papermill.execute_notebook(
        str(source),
        str(work / "profiled-out.ipynb"),
        parameters=parameters,
        kernel_name="python3",
        progress_bar=False,
        cwd=str(work / "notebooks"),
        shutdown_kernel="immediate",
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
    )
    wall = time.perf_counter() - started
    stats = pstats.Stats(str(stats_path))
    total = stats.total_tt
    lines = [
        f"profile of {scenario}/{notebook} inside its kernel: {total:.2f} s of cells under "
        f"cProfile ({wall:.2f} s wall with kernel start and stop)",
    ]
    for label, file_part, func in PROFILE_PARTS:
        cum = max(
            (
                v[3]
                for (f, _line, name), v in stats.stats.items()
                if file_part in f and name == func
            ),
            default=0.0,
        )
        lines.append(f"  {label:<40}{cum:>7.2f} s  ({cum / total:.0%})")
    lines.append("  top functions by own time:")
    rows = sorted(stats.stats.items(), key=lambda kv: kv[1][2], reverse=True)[:12]
    for (f, line, name), (_cc, nc, tt, ct, _callers) in rows:
        where = f if f.startswith("<") or f == "~" else "/".join(Path(f).parts[-2:])
        lines.append(f"    {tt:6.2f} s own {ct:6.2f} s cum {nc:>8} calls  {where}:{line}({name})")
    return lines


def kernel_floor(work: Path) -> tuple[float, float]:
    """Seconds to start a kernel, run nothing / the notebooks' imports, and stop it."""
    import nbformat
    import papermill

    imports = (
        "import pandas, altair, numpy\n"
        "from stargate.publish import notebook_helpers as nb\n"
        "from stargate.present import charts\n"
        "from stargate import facts\n"
        "_ = facts.all_facts()"
    )
    times = []
    for code in ("pass", imports):
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell(code)]
        nb.metadata["kernelspec"] = {"name": "python3", "language": "python", "display_name": "P"}
        nbformat.write(nb, work / "floor.ipynb")
        runs = []
        for _ in range(3):
            started = time.perf_counter()
            papermill.execute_notebook(
                str(work / "floor.ipynb"),
                str(work / "floor-out.ipynb"),
                kernel_name="python3",
                progress_bar=False,
                shutdown_kernel="immediate",
                extra_arguments=["--IPKernelApp.log_level=ERROR"],
            )
            runs.append(time.perf_counter() - started)
        times.append(statistics.median(runs))
    return times[0], times[1]


# --------------------------------------------------------------------------- naive loop


def naive(work: Path, scenarios: list[str], notebooks: list[str], parameters: dict) -> float:
    """papermill CLI + nbconvert CLI per report, one after the other."""
    out = work / "naive"
    out.mkdir()
    total = 0.0
    for scenario in scenarios:
        # The merged parameters, as stargate build injects them; JSON is YAML for papermill -f.
        params = out / f"{scenario}.json"
        params.write_text(json.dumps(parameters[scenario]))
        for notebook in notebooks:
            executed = out / f"{scenario}-{notebook}.ipynb"
            seconds, _ = run(
                [
                    str(BIN / "papermill"),
                    str(work / "notebooks" / f"{notebook}.ipynb"),
                    str(executed),
                    "-f",
                    str(params),
                    "-k",
                    "python3",
                    "--cwd",
                    str(work / "notebooks"),
                    "--no-progress-bar",
                ]  # fmt: skip
            )
            total += seconds
            seconds, _ = run([str(BIN / "jupyter-nbconvert"), "--to", "html", str(executed)])
            total += seconds
        print(f"  naive: {scenario} done, {total:.1f} s so far", flush=True)
    return total


# --------------------------------------------------------------------------- index pages


def grow_reports(src: Path, dst: Path, copies: int) -> None:
    """``dst``: every scenario folder of ``src`` under ``copies`` names (summaries too)."""
    for folder in sorted(p for p in src.iterdir() if p.is_dir() and p.name[0] not in "._"):
        for i in range(copies):
            name = folder.name if i == 0 else f"{folder.name}_{i}"
            shutil.copytree(folder, dst / name)
            summaries = src / ".build" / "summaries" / folder.name
            if summaries.is_dir():
                shutil.copytree(summaries, dst / ".build" / "summaries" / name)


def time_site(reports: Path, repeat: int, *, summaries: bool, static_svg: bool = False) -> float:
    """Median seconds of write_site over ``reports`` (summaries used, or every notebook read)."""
    from stargate.publish.site import SUMMARY_DIR, write_site

    names = sorted(p.name for p in reports.iterdir() if p.is_dir() and p.name[0] not in "._")
    runs = []
    for _ in range(repeat):
        if not summaries:
            shutil.rmtree(reports / SUMMARY_DIR, ignore_errors=True)
        started = time.perf_counter()
        write_site(reports, names, cache_summaries=summaries, static_svg=static_svg)
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def site_figures(reports: Path, work: Path, repeat: int) -> dict[str, float]:
    """write_site at the shipped scenarios and 5 times as many; summaries, static SVG on/off."""
    from stargate.present import charts

    figures: dict[str, float] = {}
    grown = work / "reports25"
    grow_reports(reports, grown, 5)
    for label, folder in (("5", reports), ("25", grown)):
        time_site(folder, 1, summaries=True)  # as in a build: the pages' modules imported
        figures[f"site{label}"] = time_site(folder, repeat, summaries=True)
        figures[f"site{label}_nosummary"] = time_site(folder, repeat, summaries=False)
        # Static SVGs drawn (vl-convert started first, as the build's prefetch does), from a
        # warm chart cache (the first run fills it) and from none.
        charts.render_svg({"mark": "point", "data": {"values": [{"x": 1}]}, "encoding": {}})
        time_site(folder, 1, summaries=True, static_svg=True)
        figures[f"site{label}_svg"] = time_site(folder, repeat, summaries=True, static_svg=True)
        os.environ[charts.CHART_CACHE_ENV] = "0"
        try:
            figures[f"site{label}_svg_nocache"] = time_site(
                folder, repeat, summaries=True, static_svg=True
            )
        finally:
            os.environ[charts.CHART_CACHE_ENV] = str(work / "chart-cache")
    return figures


# --------------------------------------------------------------------------- main


def edit(path: Path, value: float | None, original: str) -> None:
    """Set the edited assumption to ``value`` in a scenario file (None: restore it)."""
    from stargate.scenario import read_yaml

    if value is None:
        path.write_text(original)
        return
    data = read_yaml(path)
    data.setdefault(EDIT_SECTION, {})[EDIT_KEY] = value
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1))  # JSON is YAML


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per short measurement")
    parser.add_argument("--jobs", type=int, default=None, help="stargate build --jobs")
    parser.add_argument("--quick", action="store_true", help="skip the naive loop")
    args = parser.parse_args()
    from stargate.build.plan import plan_build

    notebooks = sorted(p.stem for p in (REPO / "notebooks").glob("*.ipynb"))
    scenarios = sorted(p.stem for p in (REPO / "params").glob("*.yaml"))
    changed = "musk_skeptic" if "musk_skeptic" in scenarios else scenarios[-1]
    n_reports = len(notebooks) * len(scenarios)
    print(
        f"{n_reports} reports ({len(scenarios)} scenarios x {len(notebooks)} notebooks), "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at start",
        flush=True,
    )
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        work = Path(tmp)
        shutil.copytree(REPO / "notebooks", work / "notebooks")
        shutil.copytree(REPO / "params", work / "params")
        cache = work / "chart-cache"
        os.environ["STARGATE_CHART_CACHE"] = str(cache)  # empty: a cold start
        os.environ.pop("STARGATE_STATIC_SVG", None)  # as built: no static SVG
        env_on = dict(os.environ)
        env_off = {**os.environ, "STARGATE_CHART_CACHE": "0"}
        env_svg = {**os.environ, "STARGATE_STATIC_SVG": "1"}
        plan = plan_build(work / "notebooks", work / "params", work / "out")

        print("profiling one report...", flush=True)
        os.environ["STARGATE_CHART_CACHE"] = "0"  # the profile shows the rendering
        os.environ["STARGATE_STATIC_SVG"] = "0"  # as a build runs its kernels
        profile = profile_report(work, changed, "cost_structure", plan.parameters[changed])
        os.environ.pop("STARGATE_STATIC_SVG")
        floor_kernel, floor_imports = kernel_floor(work)
        os.environ["STARGATE_CHART_CACHE"] = str(cache)

        t_naive = float("nan")
        if not args.quick:
            print("naive loop...", flush=True)
            t_naive = naive(work, scenarios, notebooks, plan.parameters)

        build = [
            str(BIN / "stargate"), "build",
            "--notebooks-dir", str(work / "notebooks"),
            "--params-dir", str(work / "params"),
            "--out", str(work / "reports"),
        ]  # fmt: skip
        if args.jobs:
            build += ["--jobs", str(args.jobs)]
        print("cold build...", flush=True)
        t_cold, out = run([*build, "--force"], env_on)
        cold_built = built_count(out)
        t_cold_site = site_seconds(out)
        none_runs = [run(build, env_on) for _ in range(args.repeat)]
        t_none = statistics.median(t for t, _ in none_runs)
        none_built = max(built_count(o) for _, o in none_runs)
        # Static SVGs are an input of each report: that mode keeps its own copy of the reports.
        shutil.copytree(work / "reports", work / "reports-svg")
        build_svg = [str(work / "reports-svg") if a == str(work / "reports") else a for a in build]
        durations = work / "reports" / ".build" / "durations.json"

        path = work / "params" / f"{changed}.yaml"
        original = path.read_text()
        values = iter(EDIT_VALUES)
        results: dict[str, list[tuple[float, int, float]]] = {
            "on": [], "off": [], "svg": [], "plan_order": [], "undo": []
        }  # fmt: skip
        modes = (
            ("on", build, env_on),
            ("svg", build_svg, env_svg),
            ("off", build, env_off),
            ("plan_order", build, env_on),  # the last build's timings removed first
        )
        print(f"one scenario changed ({changed}: {EDIT_SECTION}.{EDIT_KEY})...", flush=True)
        for _ in range(args.repeat):
            for mode, command, env in modes:
                edit(path, next(values), original)
                if mode == "plan_order":
                    durations.unlink(missing_ok=True)
                seconds, out = run(command, env)
                results[mode].append((seconds, built_count(out), site_seconds(out)))
            edit(path, None, original)
            seconds, out = run(build, env_on)
            results["undo"].append((seconds, built_count(out), site_seconds(out)))
        med = {k: statistics.median(r[0] for r in v) for k, v in results.items()}
        med_site = {k: statistics.median(r[2] for r in v) for k, v in results.items()}
        rebuilt = {k: {r[1] for r in v} for k, v in results.items()}

        print("index pages...", flush=True)
        site = site_figures(work / "reports", work, args.repeat)

    ratio = t_cold / t_naive
    one = med["on"]
    growth = site["site25"] / site["site5"]
    n_small, n_big = len(scenarios), 5 * len(scenarios)
    w = 46
    print()
    print("\n".join(profile))
    print(
        f"floor per report: kernel start + stop {floor_kernel:.2f} s; with the notebooks' "
        f"imports and the facts register {floor_imports:.2f} s"
    )
    print()
    print(f"{'GOAL':<{w}}{'measured':>10}  target / note")
    print(
        f"{'one scenario changed, its reports + index':<{w}}{one:>9.2f}s  <= "
        f"{GOAL_ONE_SCENARIO_S:g} s {verdict(one <= GOAL_ONE_SCENARIO_S)}"
        + ("" if one <= GOAL_ONE_SCENARIO_S else f" by {one - GOAL_ONE_SCENARIO_S:.1f} s")
        + f"; rebuilt {sorted(rebuilt['on'])} (want [{len(notebooks)}])"
    )
    print(
        f"{'  of which index + compare in that build':<{w}}{med_site['on']:>9.2f}s  "
        f"<= {GOAL_SITE_S:g} s {verdict(med_site['on'] <= GOAL_SITE_S)}"
    )
    print(
        f"{f'index + compare, {n_small} scenarios':<{w}}{site['site5']:>9.2f}s  "
        f"<= {GOAL_SITE_S:g} s "
        f"{verdict(site['site5'] <= GOAL_SITE_S)}"
    )
    print(
        f"{f'index + compare, {n_big} scenarios':<{w}}{site['site25']:>9.2f}s  {growth:.1f} x "
        f"(linear: <= 5.0 x) {verdict(growth <= 5.0)}"
    )
    if args.quick:
        print(f"{'cold full build (no naive loop: --quick)':<{w}}{t_cold:>9.2f}s")
    else:
        print(
            f"{'cold full build / naive loop':<{w}}{ratio:>10.3f}  <= {GOAL_COLD_RATIO} "
            f"{verdict(ratio <= GOAL_COLD_RATIO)}"
            + ("" if ratio <= GOAL_COLD_RATIO else f" by {ratio - GOAL_COLD_RATIO:.3f}")
            + f" ({t_cold:.1f} s vs {t_naive:.1f} s, {cold_built} reports; "
            f"index pages {t_cold_site:.2f} s of it)"
        )
    print(
        f"{'no-change build':<{w}}{t_none:>9.2f}s  <= 1 s, 0 rebuilt "
        f"{verdict(t_none <= 1 and none_built == 0)} ({none_built} rebuilt)"
    )
    print()
    print(f"{'MECHANISM (on vs off, same run)':<{w}}{'on':>9} {'off':>9}")
    print(
        f"{'no static SVG: one scenario changed':<{w}}{med['on']:>8.2f}s {med['svg']:>8.2f}s"
        "  (off: STARGATE_STATIC_SVG=1, SVGs drawn in the kernels)"
    )
    print(
        f"{'chart cache: one scenario changed':<{w}}{med['on']:>8.2f}s {med['off']:>8.2f}s"
        f"  (the edit undone, its charts cached: {med['undo']:.2f} s)"
    )
    print(
        f"{'longest first: one scenario changed':<{w}}{med['on']:>8.2f}s "
        f"{med['plan_order']:>8.2f}s  (off: plan order, no timings)"
    )
    for n, count in (("5", n_small), ("25", n_big)):
        print(
            f"{f'no static SVG: index + compare, {count} scen.':<{w}}{site[f'site{n}']:>8.2f}s "
            f"{site[f'site{n}_svg']:>8.2f}s  (SVGs from a warm chart cache; from none: "
            f"{site[f'site{n}_svg_nocache']:.2f} s)"
        )
        print(
            f"{f'report summaries: index + compare, {count} scen.':<{w}}{site[f'site{n}']:>8.2f}s "
            f"{site[f'site{n}_nosummary']:>8.2f}s"
        )
    print(
        f"machine load average at the end {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs "
        "(other work adds time to every figure)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
