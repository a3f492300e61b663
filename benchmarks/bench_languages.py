"""Two languages against one (issue 17): a full build English-only, then with the Japanese twins.

On one machine, in one run, each build into a fresh folder with an empty chart cache of its own
(``STARGATE_CACHE_DIR``), ``--force``:

1. **English only**: ``STARGATE_LANGUAGES=en stargate build`` — no second text evaluation in
   the kernels, no Japanese pages;
2. **both**: ``stargate build`` — every ``nb.show`` / ``nb.md`` output made in Japanese too
   (same kernel run), and the Japanese twin of every page.

The builds alternate (en, both, en, both…) so a busy machine slows both alike. Prints the
median of each, the English-only run-to-run spread, and the ratio against the goal
(both ≤ 1.3 × English only) with OK / MISSED. Then **where the extra time goes**: one more
build of both with ``STARGATE_I18N_PROFILE`` set, summing per kind of output (chart, table,
text) the seconds of the English call and drawing and of the Japanese one, inside the kernels.

    .venv/bin/python benchmarks/bench_languages.py [--repeat N] [--jobs N] [--scenario NAME]

Other work on the machine adds time to every run: say so when quoting.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GOAL_RATIO = 1.3


def build(
    out: Path,
    cache: Path,
    languages: str | None,
    args: argparse.Namespace,
    profile: Path | None = None,
) -> float:
    """Seconds of one ``stargate build --force`` into ``out`` (cache in ``cache``)."""
    env = {**os.environ, "STARGATE_CACHE_DIR": str(cache)}
    env.pop("STARGATE_LANGUAGES", None)
    if languages:
        env["STARGATE_LANGUAGES"] = languages
    if profile is not None:
        env["STARGATE_I18N_PROFILE"] = str(profile)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    cmd = [sys.executable, "-m", "stargate.cli", "build", "--force", "--out", str(out),
           "--jobs", str(args.jobs)]  # fmt: skip
    for scenario in args.scenario or []:
        cmd += ["--scenario", scenario]
    started = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=REPO)
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        sys.exit(
            f"build failed (exit {proc.returncode}):\n{proc.stdout[-2000:]}{proc.stderr[-3000:]}"
        )
    return seconds


def pages(out: Path) -> tuple[int, int]:
    """(English report pages, Japanese report pages) written under ``out``."""
    english = len([p for p in out.glob("*/*.html") if p.parent.name != "ja"])
    return english, len(list((out / "ja").glob("*/*.html")))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2, help="builds of each kind (default 2)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--scenario", action="append", help="only this scenario (repeatable)")
    args = parser.parse_args()

    times: dict[str, list[float]] = {"en": [], "both": []}
    with tempfile.TemporaryDirectory(prefix="bench-languages-") as tmp:
        root = Path(tmp)
        for i in range(args.repeat):
            for kind, languages in (("en", "en"), ("both", None)):
                out = root / f"{kind}-{i}" / "reports"
                seconds = build(out, root / f"cache-{kind}-{i}", languages, args)
                times[kind].append(seconds)
                en_pages, ja_pages = pages(out)
                print(f"  {kind:4s} run {i + 1}: {seconds:6.1f} s "
                      f"({en_pages} English pages, {ja_pages} Japanese)")  # fmt: skip
        profile = root / "profile.jsonl"
        build(root / "profiled" / "reports", root / "cache-profiled", None, args, profile)
        records = [json.loads(line) for line in profile.read_text().splitlines()]

    en, both = statistics.median(times["en"]), statistics.median(times["both"])
    ratio = both / en
    spread = max(times["en"]) - min(times["en"])
    print(f"English only: median {en:.1f} s over {args.repeat} "
          f"(run-to-run spread {spread:.1f} s, {100 * spread / en:.0f}%)")  # fmt: skip
    print(f"Both languages: median {both:.1f} s over {args.repeat}")
    verdict = "OK" if ratio <= GOAL_RATIO else "MISSED"
    print(f"ratio both / English only: {ratio:.2f}x (goal <= {GOAL_RATIO}x) {verdict}")

    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
    for r in records:
        entry = sums[r["kind"]]
        entry[0] += r["english_s"]
        entry[1] += r["other_s"]
        entry[2] += 1
    print("Where the second language's time goes (inside the kernels, one build of both):")
    print(f"  {'output':6s} {'calls':>5s} {'English s':>10s} {'Japanese s':>11s}")
    for kind in ("chart", "table", "text"):
        english_s, other_s, calls = sums.get(kind, [0.0, 0.0, 0])
        print(f"  {kind:6s} {calls:5d} {english_s:10.2f} {other_s:11.2f}")
    total = sum(v[1] for v in sums.values())
    print(f"  Japanese outputs in all: {total:.1f} s of kernel time; the rest of the extra is "
          "rendering and writing the twin pages")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
