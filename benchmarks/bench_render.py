"""How long turning one executed notebook into its HTML page takes, against nbconvert's CLI.

Measures, for one executed notebook (default: ``tests/fixtures/notebooks/charts_ok.ipynb`` run
once with papermill into a temporary folder; or pass an executed ``.ipynb``):

1. **first call** of :func:`stargate.publish.page.render_report_html` in a fresh process, imports
   included — with the Vega bundle in the file cache (the usual case) and with an empty cache
   (vl-convert builds the bundle: once per machine and version);
2. **next calls**: the mean of the next N calls in one process (target ≤ 0.5 s);
3. **naive**: ``jupyter nbconvert --to html`` in a subprocess (mean of 3; its page loads
   require.js, Vega and MathJax from CDNs, so it is not even offline).

    .venv/bin/python benchmarks/bench_render.py [NOTEBOOK.ipynb] [-n 20]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
FIXTURE = REPO / "tests" / "fixtures" / "notebooks" / "charts_ok.ipynb"

FIRST_CALL = """
import sys, time
started = time.perf_counter()
from stargate.publish.page import render_report_html
html = render_report_html(sys.argv[1])
print(time.perf_counter() - started, len(html.encode()))
"""


def execute_fixture(work: Path) -> Path:
    import papermill

    out = work / "charts_ok.ipynb"
    papermill.execute_notebook(
        str(FIXTURE),
        str(out),
        kernel_name="python3",
        progress_bar=False,
        cwd=str(work),
        shutdown_kernel="immediate",
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
    )
    return out


def first_call(nb: Path, cache_dir: str | None = None) -> tuple[float, int]:
    env = dict(os.environ)
    if cache_dir is not None:
        env["STARGATE_CACHE_DIR"] = cache_dir
    proc = subprocess.run(
        [sys.executable, "-c", FIRST_CALL, str(nb)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    seconds, size = proc.stdout.split()
    return float(seconds), int(size)


def nbconvert_cli(nb: Path, out_dir: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [str(BIN / "jupyter"), "nbconvert", "--to", "html", "--output-dir", str(out_dir), str(nb)],
        capture_output=True,
        check=True,
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebook", nargs="?", type=Path, help="an executed notebook")
    parser.add_argument("-n", type=int, default=20, help="calls to average after the first")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-render-") as tmp:
        work = Path(tmp)
        nb = args.notebook or execute_fixture(work)
        first_s, size_bytes = first_call(nb)
        with tempfile.TemporaryDirectory(prefix="bench-render-cache-") as empty:
            cold_s, _ = first_call(nb, cache_dir=empty)

        from stargate.publish.page import render_report_html

        render_report_html(nb)  # this process's first call
        times = []
        pages = set()
        for _ in range(args.n):
            started = time.perf_counter()
            pages.add(render_report_html(nb))
            times.append(time.perf_counter() - started)
        next_s = statistics.mean(times)
        cli = [nbconvert_cli(nb, work / "nbconvert") for _ in range(3)]
        cli_s = statistics.mean(cli)
        cli_bytes = (work / "nbconvert" / f"{nb.stem}.html").stat().st_size

    print(f"notebook: {nb.name}")
    print(f"page: {size_bytes / 1e6:.2f} MB (nbconvert CLI page: {cli_bytes / 1e6:.2f} MB)")
    print(f"first call in a process (bundle cached): {first_s:.3f} s")
    print(f"first call in a process (empty cache):   {cold_s:.3f} s")
    print(f"next {args.n} calls, mean:                 {next_s * 1000:.1f} ms (target <= 500 ms)")
    print(f"byte-identical across calls:            {len(pages) == 1}")
    print(f"jupyter nbconvert --to html (CLI), mean: {cli_s:.3f} s")
    print(f"ratio first call / CLI: {first_s / cli_s:.3f}")
    print(f"ratio next call / CLI:  {next_s / cli_s:.4f}")


if __name__ == "__main__":
    main()
