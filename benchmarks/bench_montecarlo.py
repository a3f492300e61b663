"""Monte Carlo speed: NumPy over all draws at once against a plain Python loop, one draw at a time.

Targets (issue 7): 100,000 draws x the model's years evaluated in under 1 s on one core, at least
50x faster than the same model looped per draw in Python; the median (P50) of the cumulative
funding need moves less than 1 % between 50,000 and 200,000 draws.

Run: ``.venv/bin/python benchmarks/bench_montecarlo.py [--scenario base] [--draws 100000]``.
Exit code 1 if a target is missed. Times are the best of several runs after a warm-up (the
timeit convention: noise from other processes only ever adds time); the loop is timed twice.
NumPy's element-wise arithmetic runs on one thread, and threaded math libraries are limited to
one; ``--pin`` also pins the process to one CPU (on a shared machine that CPU may be busy).
"""

from __future__ import annotations

import os

# One core: no threaded math libraries, and pinned to a single CPU where the OS allows it.
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

import argparse  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

from stargate.model import montecarlo as risk  # noqa: E402
from stargate.model import venture as su  # noqa: E402
from stargate.scenario import PARAMS_DIR, load_scenario  # noqa: E402

# The plain-Python loop is the tests' oracle (tests/oracle_loop.py), not library code.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from oracle_loop import evaluate_model_loop  # noqa: E402

TARGET_SECONDS = 1.0
TARGET_RATIO = 50.0
TARGET_DRIFT = 0.01


def pin_to_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"CPU {cpu}"
    return "not pinned (no sched_setaffinity)"


def best_of(fn, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="base")
    parser.add_argument("--draws", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--pin", action="store_true", help="pin the process to one CPU")
    args = parser.parse_args(argv)

    where = pin_to_one_core() if args.pin else "one thread"
    scenario = load_scenario(PARAMS_DIR / f"{args.scenario}.yaml")
    inputs = su.build_model_inputs(scenario)
    draws = risk.draw_inputs(scenario, args.draws)
    n_years = len(inputs.years)
    print(f"scenario {args.scenario}: {args.draws:,} draws x {n_years} years, {where}")

    # The outcomes are kept, as a Monte Carlo run keeps them: timing a call whose result is
    # thrown away would also time the allocator handing ~100 MB back to the OS each time.
    held: dict[str, object] = {}

    def run_model() -> None:
        held["model"] = su.evaluate_model(inputs, draws)

    def run_whole() -> None:
        held["whole"] = risk.run_monte_carlo(scenario, args.draws)

    start = time.perf_counter()
    run_model()
    cold = time.perf_counter() - start
    for _ in range(2):  # warm-up: caches, and the allocator settling on the array sizes
        run_model()
    vectorised = best_of(run_model, args.repeats)
    whole_run = best_of(run_whole, args.repeats)
    print(f"vectorised model, first call      {cold:8.3f} s")
    print(f"vectorised model (NumPy)          {vectorised:8.3f} s")
    print(f"whole run (draw + model)          {whole_run:8.3f} s")

    looped: dict[str, np.ndarray] = {}

    def run_loop() -> None:
        looped.update(evaluate_model_loop(inputs, draws))

    loop = best_of(run_loop, 2)
    ratio = loop / vectorised
    print(f"per-draw Python loop              {loop:8.3f} s")
    print(f"speed-up                          {ratio:8.1f} x")

    out = su.evaluate_model(inputs, draws)
    worst = max(
        float(np.max(np.abs(out[k] - v) / np.maximum(1.0, np.abs(v)))) for k, v in looped.items()
    )
    print(f"largest relative difference, vectorised vs loop: {worst:.1e}")

    p50 = {
        n: risk.summarize_monte_carlo(risk.run_monte_carlo(scenario, n))["need_p50_usd"]
        for n in (50_000, 200_000)
    }
    drift = abs(p50[50_000] / p50[200_000] - 1.0)
    print(
        f"P50 funding need: {p50[50_000] / 1e9:.2f} bn (50,000 draws), "
        f"{p50[200_000] / 1e9:.2f} bn (200,000 draws): drift {drift:.3%}"
    )

    checks = {
        f"vectorised < {TARGET_SECONDS:g} s": vectorised < TARGET_SECONDS,
        f"first call < {TARGET_SECONDS:g} s": cold < TARGET_SECONDS,
        f"whole run < {TARGET_SECONDS:g} s": whole_run < TARGET_SECONDS,
        f"speed-up >= {TARGET_RATIO:g}x": ratio >= TARGET_RATIO,
        f"P50 drift < {TARGET_DRIFT:.0%}": drift < TARGET_DRIFT,
        "vectorised equals loop": worst < 1e-9,
    }
    for label, ok in checks.items():
        print(f"{'PASS' if ok else 'FAIL'}  {label}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
