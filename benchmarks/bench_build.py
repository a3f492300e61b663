"""How long building the reports takes: the naive way against ``stargate build``.

On one machine, in one run, into a temporary copy of the repository's ``notebooks/`` and ``params/``
(the library is the installed package):

1. **naive**: for each report, the ``papermill`` CLI in a subprocess, then
   ``jupyter nbconvert --to html`` in a subprocess;
2. **cold**: ``stargate build --force`` (a fresh output folder);
3. **no change**: ``stargate build`` again;
4. **one scenario changed**: edit one non-base scenario's title, ``stargate build``.

Targets: cold ≤ 0.25 × naive; no change ≤ 1 s; the one-scenario change rebuilds only that
scenario's reports. ``--quick`` measures one notebook (and every scenario) instead of all.

    .venv/bin/python benchmarks/bench_build.py [--quick] [--jobs N]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def run(cmd: list[str], **kwargs) -> tuple[float, subprocess.CompletedProcess]:
    started = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, **kwargs)
    return time.perf_counter() - started, proc


def check(proc: subprocess.CompletedProcess, what: str) -> None:
    if proc.returncode != 0:
        sys.exit(
            f"{what} failed (exit {proc.returncode}):\n{proc.stdout[-2000:]}{proc.stderr[-3000:]}"
        )


def site_seconds(proc: subprocess.CompletedProcess) -> float:
    found = re.search(r"index pages (\d+\.\d+) s", proc.stdout)
    return float(found.group(1)) if found else 0.0


def built_count(proc: subprocess.CompletedProcess) -> int:
    found = re.search(r"(\d+) built, (\d+) failed, (\d+) fresh", proc.stdout)
    return int(found.group(1)) if found else -1


def naive(work: Path, scenarios: list[str], notebooks: list[str]) -> float:
    """papermill CLI + nbconvert CLI per report, one after the other."""
    from stargate.build.plan import plan_build

    out = work / "naive"
    out.mkdir()
    plan = plan_build(work / "notebooks", work / "params", out, scenarios, notebooks)
    total = 0.0
    for scenario in scenarios:
        # The merged parameters, as stargate build injects them; JSON is YAML for papermill -f.
        params = out / f"{scenario}.json"
        params.write_text(json.dumps(plan.parameters[scenario]))
        for notebook in notebooks:
            executed = out / f"{scenario}-{notebook}.ipynb"
            seconds, proc = run(
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
            check(proc, f"papermill {scenario}/{notebook}")
            total += seconds
            seconds, proc = run([str(BIN / "jupyter-nbconvert"), "--to", "html", str(executed)])
            check(proc, f"nbconvert {scenario}/{notebook}")
            total += seconds
            print(f"  naive {scenario}/{notebook}: {total:.1f} s so far", flush=True)
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one notebook instead of all")
    parser.add_argument("--jobs", type=int, default=None, help="stargate build --jobs")
    parser.add_argument("--notebooks-dir", type=Path, default=REPO / "notebooks")
    parser.add_argument("--params-dir", type=Path, default=REPO / "params")
    args = parser.parse_args()

    notebooks = sorted(p.stem for p in args.notebooks_dir.glob("*.ipynb"))
    scenarios = sorted(p.stem for p in args.params_dir.glob("*.yaml"))
    if not notebooks or not scenarios:
        sys.exit("no notebooks or no scenarios to build")
    if args.quick:
        notebooks = notebooks[:1]
    changed = next((s for s in scenarios if s != "base"), None)
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        work = Path(tmp)
        (work / "notebooks").mkdir()
        for name in notebooks:
            shutil.copy(args.notebooks_dir / f"{name}.ipynb", work / "notebooks")
        shutil.copytree(args.params_dir, work / "params")
        n_reports = len(notebooks) * len(scenarios)
        print(f"{n_reports} reports: {len(scenarios)} scenarios x {len(notebooks)} notebooks")

        build = [
            str(BIN / "stargate"), "build",
            "--notebooks-dir", str(work / "notebooks"),
            "--params-dir", str(work / "params"),
            "--out", str(work / "reports"),
        ]  # fmt: skip
        if args.jobs:
            build += ["--jobs", str(args.jobs)]

        t_naive = naive(work, scenarios, notebooks)
        t_cold, proc = run([*build, "--force"])
        check(proc, "stargate build --force")
        t_site = site_seconds(proc)
        print(f"  cold build: {t_cold:.1f} s ({built_count(proc)} built)", flush=True)
        t_none, proc = run(build)
        check(proc, "stargate build (no change)")
        none_built = built_count(proc)
        t_one, one_built = float("nan"), -1
        if changed:
            from stargate.scenario import read_yaml

            path = work / "params" / f"{changed}.yaml"
            data = read_yaml(path)
            data["title"] = f"{data.get('title', changed)} (edited by the benchmark)"
            path.write_text(json.dumps(data, ensure_ascii=False, indent=1))  # JSON is YAML
            t_one, proc = run(build)
            check(proc, f"stargate build after editing {changed}.yaml")
            one_built = built_count(proc)

    ratio = t_cold / t_naive
    print()
    print(f"{'step':<40}{'seconds':>9}  note")
    print(f"{'naive (papermill CLI + nbconvert CLI)':<40}{t_naive:>9.2f}  {n_reports} reports")
    print(
        f"{'stargate build --force (cold)':<40}{t_cold:>9.2f}  "
        f"{ratio:.2f} x naive (target <= 0.25) {'OK' if ratio <= 0.25 else 'MISSED'}"
    )
    print(
        f"{'  of which index + compare pages':<40}{t_site:>9.2f}  "
        f"(the naive way makes none; reports alone: {(t_cold - t_site) / t_naive:.2f} x naive)"
    )
    print(
        f"{'stargate build (no change)':<40}{t_none:>9.2f}  {none_built} rebuilt "
        f"(target <= 1 s, 0 rebuilt) {'OK' if t_none <= 1 and none_built == 0 else 'MISSED'}"
    )
    if changed:
        ok = one_built == len(notebooks)
        print(
            f"{f'one scenario changed ({changed})':<40}{t_one:>9.2f}  {one_built} rebuilt "
            f"(target: {len(notebooks)}, that scenario's reports) {'OK' if ok else 'MISSED'}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
