"""Validation is the contract: what ``stargate validate`` refuses, how, and that it never hangs.

Every case writes a scenario file (or makes a FIFO, a symlink, a folder) next to a copy of the
shipped ``base.yaml``, runs ``stargate validate FILE`` in-process, and checks the contract: exit
code 2, one line per problem, each naming the file and the key path, the expected message, no
traceback, nothing in the folder changed. A few run as a subprocess (a real traceback would reach
stderr there), and a few as ``stargate build --scenario`` against a reports folder that must stay
byte-identical.

The last part checks the schema's bounds against the model's formulas (written out here, since
the model modules are moving): at the edge of what validation accepts, the amounts are finite.
"""

from __future__ import annotations

import math
import os
import re
import shutil
import signal
import socket
import stat
import subprocess
import sys
import types
from dataclasses import dataclass
from itertools import product
from pathlib import Path
from typing import Any

import pytest

from stargate import scenario as scenario_mod
from stargate.cli import main
from stargate.scenario import MAX_DEPTH, MAX_FILE_BYTES, PARAMS_DIR, ScenarioError, read_yaml
from stargate.schema import common
from stargate.schema.compute import Facility, Finance, GpuBatch, GpuSpec
from stargate.schema.openai import OpenAIFinancials
from stargate.schema.risk import MAX_LOGNORMAL_SPREAD, VARIABLES, Z90, Lognormal, Risk

HEAD = "title: T\ndescription: D\n"
BUILD_FIXTURES = Path(__file__).parent / "fixtures" / "build"


# --------------------------------------------------------------------------- special files


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _link_to(target: str):
    def make(path: Path) -> None:
        path.symlink_to(target)

    return make


def _link_to_fifo(path: Path) -> None:
    os.mkfifo(path.with_name("pipe.fifo"))
    path.symlink_to(path.with_name("pipe.fifo"))


def _link_to_dir(path: Path) -> None:
    path.with_name("a_folder").mkdir()
    path.symlink_to(path.with_name("a_folder"))


def _directory(path: Path) -> None:
    path.mkdir()


def _socket(path: Path) -> None:
    # AF_UNIX paths are limited to ~107 bytes: bind by a relative name from the folder.
    here = os.getcwd()
    os.chdir(path.parent)
    try:
        sock = socket.socket(socket.AF_UNIX)
        sock.bind(path.name)
        sock.close()
    finally:
        os.chdir(here)


def _nested_mappings(depth: int) -> str:
    return HEAD + "".join("  " * i + "a:\n" for i in range(depth)) + "  " * depth + "a: 1\n"


def _rounds(*years: int, name: str = "R") -> str:
    items = "".join(
        f"    - {{name: {name}, year: {y}, amount_usd: 1.0e+9, is_committed: true}}\n"
        for y in years
    )
    return HEAD + "openai:\n  funding_rounds:\n" + items


def _batches(*years: int | str) -> str:
    items = "".join(
        f"    - {{generation: H100, gpu_count: 1000, deploy_year: {y}}}\n" for y in years
    )
    return HEAD + "fleet:\n  batches:\n" + items


@dataclass(frozen=True)
class Case:
    """One bad input: what the file holds (text, bytes, or a maker), what validation says."""

    id: str
    content: str | bytes | Any
    fragment: str
    key: str | None = None
    lines: int = 1
    filename: str = "x.yaml"


CASES: list[Case] = [
    # ---- ranges the model can compute (the issue: ZeroDivisionError, non-finite amounts)
    Case(
        "cost_of_capital_zero",
        HEAD + "finance:\n  cost_of_capital_rate: 0\n",
        "greater than or equal to 0.001 (got 0)",
        "finance.cost_of_capital_rate",
    ),
    Case(
        "cost_of_capital_tiny",
        HEAD + "finance:\n  cost_of_capital_rate: 1.0e-300\n",
        "greater than or equal to 0.001",
        "finance.cost_of_capital_rate",
    ),
    Case(
        "utilisation_tiny",
        HEAD + "finance:\n  utilization_rate: 1.0e-300\n",
        "greater than or equal to 0.01",
        "finance.utilization_rate",
    ),
    Case(
        "utilisation_subnormal",
        HEAD + "finance:\n  utilization_rate: 5.0e-324\n",
        "greater than or equal to 0.01",
        "finance.utilization_rate",
    ),
    Case(
        "revenue_tiny",
        HEAD + "openai:\n  revenue_2024_usd: 1.0e-300\n",
        "greater than or equal to 1000000",
        "openai.revenue_2024_usd",
    ),
    Case(
        "costs_2024_zero",
        HEAD + "openai:\n  compute_cost_2024_usd: 0\n  staff_cost_2024_usd: 0\n",
        "2024 costs are 0 USD",
        "openai.compute_cost_2024_usd",
    ),
    Case(
        "costs_2028_below_revenue_share",
        HEAD + "openai:\n  operating_loss_2028_usd: -9.0e+10\n",
        "must be at least 0.01",
        "openai.operating_loss_2028_usd",
    ),
    Case(
        "cost_ratio_2030_tiny",
        HEAD + "openai:\n  fixed_cost_ratio_2030: 1.0e-300\n",
        "greater than or equal to 0.01",
        "openai.fixed_cost_ratio_2030",
    ),
    Case(
        "it_power_tiny",
        HEAD + "fleet:\n  specs:\n    VR200:\n      it_power_w_per_gpu: 1.0e-300\n",
        "greater than or equal to 1",
        "fleet.specs.VR200.it_power_w_per_gpu",
    ),
    Case(
        "compute_tiny",
        HEAD + "fleet:\n  specs:\n    H100:\n      compute_pflops_bf16_dense: 1.0e-300\n",
        "greater than or equal to 0.001",
        "fleet.specs.H100.compute_pflops_bf16_dense",
    ),
    Case(
        "lognormal_too_wide",
        HEAD
        + "risk:\n  other_it_overrun_rate_dist: "
        + "{dist: lognormal, median: 1.0e-9, p90: 1.0, floor: 0}\n",
        "at most 1000 times",
        "risk.other_it_overrun_rate_dist",
    ),
    # ---- free text: printable, one line where it is a title or a label, not blank
    Case("title_bel", HEAD.replace("T\n", '"T\\a"\n', 1), "U+0007, a control", "title"),
    Case("title_escape", 'title: "\\e[31mRed"\ndescription: D\n', "U+001B", "title"),
    Case("title_nul", 'title: "a\\0b"\ndescription: D\n', "U+0000", "title"),
    Case("title_del", 'title: "a\\x7Fb"\ndescription: D\n', "U+007F", "title"),
    Case("title_newline", 'title: "a\\nb"\ndescription: D\n', "a line break", "title"),
    Case("title_tab", 'title: "a\\tb"\ndescription: D\n', "U+0009", "title"),
    Case("title_line_separator", 'title: "a\\Lb"\ndescription: D\n', "U+2028", "title"),
    Case("title_bidi_override", 'title: "a\\u202Eb"\ndescription: D\n', "U+202E", "title"),
    Case(
        "title_lone_surrogate",
        'title: "a\\uD800b"\ndescription: D\n',
        "must be a valid string",
        "title",
    ),
    Case("title_blank", 'title: "   "\ndescription: D\n', "must not be blank", "title"),
    Case("title_invisible", 'title: "\\u200B\\u3000"\ndescription: D\n', "not be blank", "title"),
    Case("title_empty", 'title: ""\ndescription: D\n', "at least 1 character", "title"),
    Case("description_blank", "title: T\ndescription: '  '\n", "not be blank", "description"),
    Case(
        "description_control",
        'title: T\ndescription: "ok\\nbut \\e[2J"\n',
        "U+001B",
        "description",
    ),
    Case(
        "round_name_control",
        _rounds(2025, name='"\\e]0;pwned\\a"'),
        "U+001B",
        "openai.funding_rounds[0].name",
    ),
    Case(
        "round_name_blank",
        _rounds(2025, name='" "'),
        "not be blank",
        "openai.funding_rounds[0].name",
    ),
    # ---- years: in order, inside the models' 2025-2030 horizon
    Case(
        "batches_out_of_order",
        _batches(2027, 2026),
        "deploy-year order",
        "fleet.batches[1].deploy_year",
    ),
    Case(
        "rounds_out_of_order",
        _rounds(2026, 2025),
        "order their money arrives",
        "openai.funding_rounds[1].year",
    ),
    Case(
        "batch_past_horizon",
        _batches(2031),
        "less than or equal to 2030",
        "fleet.batches[0].deploy_year",
    ),
    Case(
        "batch_before_plan",
        _batches(2024),
        "greater than or equal to 2025",
        "fleet.batches[0].deploy_year",
    ),
    Case(
        "batch_before_programme",
        HEAD
        + "program:\n  start_year: 2027\nfleet:\n  batches:\n"
        + "    - {generation: H100, gpu_count: 1000, deploy_year: 2025}\n",
        "before program.start_year 2027",
        "fleet.batches[0].deploy_year",
    ),
    Case(
        "programme_past_horizon",
        HEAD + "program:\n  start_year: 2031\n",
        "less than or equal to 2030",
        "program.start_year",
    ),
    Case(
        "round_past_horizon",
        _rounds(2035),
        "less than or equal to 2030",
        "openai.funding_rounds[0].year",
    ),
    Case(
        "round_before_plan",
        _rounds(2024),
        "greater than or equal to 2025",
        "openai.funding_rounds[0].year",
    ),
    # ---- hostile files: refused before parsing, never opened for reading
    Case("fifo", _fifo, "is a named pipe (FIFO)"),
    Case("symlink_to_dev_zero", _link_to("/dev/zero"), "is a character device"),
    Case("symlink_to_dev_null", _link_to("/dev/null"), "a symbolic link to /dev/null"),
    Case("symlink_to_fifo", _link_to_fifo, "is a named pipe (FIFO) (a symbolic link"),
    Case("symlink_to_folder", _link_to_dir, "is a directory"),
    Case("folder", _directory, "is a directory"),
    Case("socket", _socket, "is a socket"),
    Case("broken_symlink", _link_to("/nonexistent/x.yaml"), "broken symbolic link"),
    Case("oversized", HEAD + "#" * MAX_FILE_BYTES + "\n", "file too large"),
    Case("cap_plus_one", b"#" * (MAX_FILE_BYTES + 1), "at most 262,144"),
    Case(
        "deep_flow_nesting",
        HEAD + "program: " + "[" * 30 + "]" * 30 + "\n",
        f"nested more than {MAX_DEPTH} levels deep",
        "program[0][0][0]",
    ),
    Case(
        "deep_block_nesting",
        _nested_mappings(25),
        f"nested more than {MAX_DEPTH} levels deep",
        "a.a.a.a.a",
    ),
    Case(
        "very_deep_nesting",
        HEAD + "program: " + "[" * 100_000 + "]" * 100_000 + "\n",
        "levels deep",
        "program[0]",
    ),
    Case(
        "complex_key_list",
        HEAD + "? [a, b]\n: 1\n",
        "complex key (a list) is not allowed",
        "(top level)",
    ),
    Case(
        "complex_key_mapping",
        HEAD + "program:\n  {x: 1}: 2\n",
        "complex key (a mapping) is not allowed",
        "program",
    ),
    Case("number_key", HEAD + "program:\n  4: x\n", "keys must be text (got '4'", "program"),
    Case("null_key", HEAD + "~: x\n", "keys must be text (got '~', read as null", "(top level)"),
    Case("bool_key", HEAD + "true: x\n", "read as bool", "(top level)"),
    Case(
        "duplicate_nested_key",
        HEAD + "program:\n  duration_years: 4\n  duration_years: 5\n",
        "duplicate key 'duration_years'",
        "program.duration_years",
    ),
    Case(
        "anchor_without_alias",
        HEAD + "program: &p\n  duration_years: 4\n",
        "anchors and aliases are not allowed",
        "program",
    ),
    Case(
        "alias_in_list",
        HEAD + "funding:\n  withdrawn_parties: [&s mgx, *s]\n",
        "anchors and aliases are not allowed",
        "funding.withdrawn_parties[0]",
    ),
    Case(
        "python_tag",
        HEAD + "program: !!python/object/apply:os.system [echo hi]\n",
        "YAML tag '!!python/object/apply:os.system' is not allowed",
        "program",
    ),
    Case(
        "binary_tag",
        HEAD + "display:\n  currency: !!binary VVNE\n",
        "YAML tag '!!binary' is not allowed",
        "display.currency",
    ),
    Case(
        "timestamp_tag",
        HEAD + "program:\n  start_year: !!timestamp 2025-01-21\n",
        "YAML tag '!!timestamp'",
        "program.start_year",
    ),
    Case(
        "int_tag_on_text",
        HEAD + "program:\n  duration_years: !!int four\n",
        "!!int cannot read 'four'",
        "program.duration_years",
    ),
    Case(
        "bool_tag_on_text",
        HEAD + "openai:\n  funding_rounds:\n    - {is_committed: !!bool maybe}\n",
        "!!bool cannot read 'maybe'",
        "openai.funding_rounds[0].is_committed",
    ),
    Case(
        "raw_control_char",
        b"title: T\x07\ndescription: D\n",
        "x.yaml:1:9: YAML error: U+0007 is a control character",
    ),
    Case("raw_escape_char", b"title: T\ndescription: \x1b[2J\n", "U+001B is a control"),
    Case(
        "float_overflow",
        HEAD + "program:\n  total_commitment_usd: 1e400\n",
        "too large for a float",
        "program.total_commitment_usd",
    ),
    Case(
        "number_too_long",
        HEAD + "program:\n  total_commitment_usd: " + "9" * 5_000 + "\n",
        "number too long (5,000 characters",
        "program.total_commitment_usd",
    ),
    # ---- YAML 1.2, as the README promises (1.1 would read these differently)
    Case(
        "sexagesimal_stays_text",
        HEAD + "program:\n  duration_years: 33:45\n",
        "got text '33:45'",
        "program.duration_years",
    ),
    Case(
        "leading_zero_is_decimal",
        HEAD + "program:\n  start_year: 010\n",
        "greater than or equal to 2025 (got 10)",
        "program.start_year",
    ),
    Case(
        "leading_zero_year",
        _batches("02031"),
        "less than or equal to 2030 (got 2031)",
        "fleet.batches[0].deploy_year",
    ),
    Case(
        "octal_0o",
        HEAD + "program:\n  duration_years: 0o20\n",
        "less than or equal to 15 (got 16)",
        "program.duration_years",
    ),
    Case(
        "hexadecimal",
        HEAD + "program:\n  duration_years: 0x10\n",
        "less than or equal to 15 (got 16)",
        "program.duration_years",
    ),
    Case(
        "binary_stays_text",
        HEAD + "program:\n  duration_years: 0b11\n",
        "got text '0b11'",
        "program.duration_years",
    ),
    Case(
        "date_stays_text",
        HEAD + "program:\n  start_year: 2025-01-21\n",
        "got text '2025-01-21'",
        "program.start_year",
    ),
    Case(
        "yes_stays_text",
        _rounds(2025).replace("is_committed: true", "is_committed: yes"),
        "valid boolean (got 'yes')",
        "openai.funding_rounds[0].is_committed",
    ),
    Case("on_stays_text", HEAD + "display:\n  currency: on\n", "(got 'on')", "display.currency"),
    Case("merge_key_is_unknown", HEAD + "<<: {title: X}\n", "unknown parameter", "<<"),
    Case(
        "nan_in_list",
        HEAD
        + "openai:\n  funding_rounds:\n  - {name: R, year: 2026, amount_usd: .nan, "
        + "is_committed: true}\n",
        "finite number",
        "openai.funding_rounds[0].amount_usd",
    ),
    Case(
        "inf_in_distribution",
        HEAD + "risk:\n  schedule_delay_years_dist: {dist: fixed, value: .inf}\n",
        "finite number",
        "risk.schedule_delay_years_dist.fixed.value",
    ),
    # ---- types, bounds, unknown keys
    Case(
        "quoted_count",
        _batches(2025).replace("gpu_count: 1000", "gpu_count: '1000'"),
        "got text '1000'; write a number without quotes",
        "fleet.batches[0].gpu_count",
    ),
    Case(
        "zero_gpus",
        _batches(2025).replace("gpu_count: 1000", "gpu_count: 0"),
        "greater than 0",
        "fleet.batches[0].gpu_count",
    ),
    Case(
        "unknown_distribution_key",
        HEAD + "risk:\n  utilization_rate_dist: {dist: fixed, value: 0.5, spread: 1}\n",
        "unknown parameter",
        "risk.utilization_rate_dist.fixed.spread",
    ),
    Case(
        "unknown_key_with_terminal_escape",
        HEAD + '"\\e[31mevil": 1\n',
        "\\x1b[31mevil: unknown parameter",
    ),
    Case(
        "list_far_too_long",
        HEAD + "funding:\n  withdrawn_parties: [" + ", ".join(["mgx"] * 20_000) + "]\n",
        "must have at most 4 items",
        "funding.withdrawn_parties",
    ),
    Case(
        "many_unknown_keys",
        HEAD + "".join(f"k{i:04d}: 1\n" for i in range(200)),
        "... and 150 more problem(s)",
        lines=scenario_mod.MAX_PROBLEMS + 1,
    ),
    Case(
        "several_problems_one_line_each",
        'title: "\\a"\ndescription: " "\nfinance:\n  cost_of_capital_rate: 0\n'
        "  utilization_rate: 0\nprogram:\n  start_year: 2031\n",
        "program.start_year",
        lines=5,
    ),
]


def _make(folder: Path, case: Case) -> Path:
    path = folder / case.filename
    if isinstance(case.content, bytes):
        path.write_bytes(case.content)
    elif isinstance(case.content, str):
        path.write_text(case.content, encoding="utf-8")
    else:
        case.content(path)
    return path


def _snapshot(folder: Path) -> dict[str, Any]:
    """Each entry: a regular file's bytes, a link's target, else its type (never opened)."""
    out: dict[str, Any] = {}
    for p in sorted(folder.iterdir()):
        mode = os.lstat(p).st_mode
        if stat.S_ISREG(mode):
            out[p.name] = ("file", p.read_bytes())
        elif stat.S_ISLNK(mode):
            out[p.name] = ("link", os.readlink(p))
        else:
            out[p.name] = (stat.S_IFMT(mode), None)
    return out


@pytest.fixture
def params(tmp_path: Path) -> Path:
    folder = tmp_path / "params"
    folder.mkdir()
    shutil.copy(PARAMS_DIR / "base.yaml", folder / "base.yaml")
    return folder


def _alarm(seconds: int) -> None:
    """Fail instead of hanging if a read blocks (a FIFO opened without O_NONBLOCK)."""

    def stop(signum: int, frame: Any) -> None:
        raise TimeoutError("validation hung")

    signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_is_refused_one_line_each(params: Path, capsys, case: Case) -> None:
    path = _make(params, case)
    before = _snapshot(params)
    _alarm(20)
    try:
        code = main(["validate", str(path)])
    finally:
        signal.alarm(0)
    out, err = capsys.readouterr()
    assert code == 2, err
    assert "Traceback" not in out + err
    lines = err.strip().splitlines()
    problems, summary = lines[:-1], lines[-1]
    assert len(problems) == case.lines, err
    assert summary.startswith(f"{case.lines} problem(s)"), summary
    for line in problems:
        assert case.filename in line.split(": ")[0], line  # each line starts with the file
        assert "\x1b" not in line and "\x07" not in line and "\x00" not in line, line
    joined = "\n".join(problems)
    assert case.fragment in joined, joined
    if case.key is not None:
        assert re.search(rf": {re.escape(case.key)}[:.\[]", joined), joined
    assert _snapshot(params) == before


def test_at_least_fifty_cases() -> None:
    assert len(CASES) >= 50
    assert len({c.id for c in CASES}) == len(CASES)


# --------------------------------------------------------------------------- subprocess


@pytest.mark.parametrize(
    "case_id",
    ["fifo", "symlink_to_dev_zero", "very_deep_nesting", "complex_key_list", "title_escape"],
)
def test_command_line_exits_2_without_traceback(params: Path, case_id: str) -> None:
    case = next(c for c in CASES if c.id == case_id)
    path = _make(params, case)
    done = subprocess.run(
        [sys.executable, "-m", "stargate.cli", "validate", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=params,
    )
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    problems = done.stderr.strip().splitlines()[:-1]
    assert len(problems) == 1, done.stderr
    assert problems[0].startswith("x.yaml"), problems  # relative to the working directory
    assert case.fragment in problems[0]


# --------------------------------------------------------------------------- build refuses


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The builder's fixture notebooks and params, and a reports folder with earlier output."""
    shutil.copytree(BUILD_FIXTURES / "notebooks", tmp_path / "notebooks")
    shutil.copytree(BUILD_FIXTURES / "params", tmp_path / "params")
    reports = tmp_path / "reports"
    (reports / "x").mkdir(parents=True)
    (reports / "keep.txt").write_text("built earlier\n")
    (reports / "x" / "ok.html").write_text("<p>an earlier report</p>\n")
    return tmp_path


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


@pytest.mark.parametrize(
    "case_id",
    ["cost_of_capital_zero", "utilisation_tiny", "title_bel", "batch_past_horizon", "fifo"],
)
def test_build_refuses_and_touches_nothing(project: Path, capsys, case_id: str) -> None:
    case = next(c for c in CASES if c.id == case_id)
    _make(project / "params", case)
    before = _tree(project / "reports")
    _alarm(60)
    try:
        code = main(
            [
                "build",
                "--notebooks-dir", str(project / "notebooks"),
                "--params-dir", str(project / "params"),
                "--out", str(project / "reports"),
                "--no-site",
                "--scenario", "x",
            ]
        )  # fmt: skip
    finally:
        signal.alarm(0)
    out, err = capsys.readouterr()
    assert code == 2, out + err
    assert "Traceback" not in out + err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "x.yaml" in lines[0] and case.fragment in lines[0], lines
    assert _tree(project / "reports") == before
    assert sorted(p.name for p in (project / "reports").iterdir()) == ["keep.txt", "x"]


@pytest.mark.parametrize("setting", ["fr", "en,fr", "EN", "en;ja"])
@pytest.mark.parametrize("command", ["build", "watch", "list"])
def test_an_unknown_language_is_refused_and_touches_nothing(
    project: Path, capsys, monkeypatch, setting: str, command: str
) -> None:
    """``STARGATE_LANGUAGES=fr`` used to be accepted silently (exit 0, an English build)."""
    monkeypatch.setenv("STARGATE_LANGUAGES", setting)
    before = _tree(project / "reports")
    dirs = [
        "--notebooks-dir", str(project / "notebooks"),
        "--params-dir", str(project / "params"),
        "--out", str(project / "reports"),
    ]  # fmt: skip
    args = {
        "build": ["build", *dirs, "--scenario", "base"],
        "watch": ["build", *dirs, "--watch"],
        "list": ["list", *dirs],
    }[command]
    _alarm(60)
    try:
        code = main(args)
    finally:
        signal.alarm(0)
    out, err = capsys.readouterr()
    assert code == 2, out + err
    assert "Traceback" not in out + err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"stargate: STARGATE_LANGUAGES={setting}: unknown language")
    assert "(available: en, ja;" in lines[0], lines[0]
    assert _tree(project / "reports") == before


def test_list_names_a_fifo_instead_of_hanging(project: Path, capsys) -> None:
    os.mkfifo(project / "params" / "pipe.yaml")
    _alarm(60)
    try:
        code = main(["list", "--params-dir", str(project / "params"), "--out", str(project)])
    finally:
        signal.alarm(0)
    assert code == 2
    assert "pipe.yaml: is a named pipe (FIFO)" in capsys.readouterr().err


# --------------------------------------------------------------------------- how files are read


def _os_with(**overrides: Any) -> types.SimpleNamespace:
    """The ``os`` module as ``stargate.scenario`` sees it, with some functions replaced."""
    names = {k: getattr(os, k) for k in dir(os) if not k.startswith("__")}
    return types.SimpleNamespace(**{**names, **overrides})


def test_a_fifo_is_never_opened(params: Path, monkeypatch) -> None:
    pipe = params / "x.yaml"
    os.mkfifo(pipe)
    opened: list[str] = []
    real_open = os.open

    def spy(path: Any, flags: int, *args: Any) -> int:
        opened.append(str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(scenario_mod, "os", _os_with(open=spy))
    with pytest.raises(ScenarioError, match="named pipe"):
        read_yaml(pipe)
    assert str(pipe) not in opened


def test_regular_files_are_opened_non_blocking(params: Path, monkeypatch) -> None:
    seen: list[int] = []
    real_open = os.open

    def spy(path: Any, flags: int, *args: Any) -> int:
        seen.append(flags)
        return real_open(path, flags, *args)

    monkeypatch.setattr(scenario_mod, "os", _os_with(open=spy))
    read_yaml(params / "base.yaml")
    assert seen and all(f & os.O_NONBLOCK for f in seen)


def test_a_fifo_swapped_in_after_the_check_is_refused(params: Path, monkeypatch) -> None:
    # stat says "regular file" (the check ran before the swap); open must not block on the
    # FIFO and fstat must catch it.
    pipe = params / "x.yaml"
    os.mkfifo(pipe)
    regular = os.stat(params / "base.yaml")
    monkeypatch.setattr(scenario_mod, "os", _os_with(stat=lambda p, *a, **k: regular))
    _alarm(10)
    try:
        with pytest.raises(ScenarioError, match="swapped in while reading"):
            read_yaml(pipe)
    finally:
        signal.alarm(0)


def test_reads_at_most_cap_plus_one_bytes(params: Path, monkeypatch) -> None:
    # A file that grows after its size was checked: the read stops at the cap + 1.
    big = params / "x.yaml"
    big.write_bytes(b"#" * (4 * MAX_FILE_BYTES))
    small = os.stat(params / "base.yaml")
    got: list[int] = []

    def counting(fd: int, n: int) -> bytes:
        chunk = os.read(fd, n)
        got.append(len(chunk))
        return chunk

    fake = _os_with(stat=lambda p, *a, **k: small, read=counting)
    monkeypatch.setattr(scenario_mod, "os", fake)
    with pytest.raises(ScenarioError, match="more than 262,144 bytes"):
        read_yaml(big)
    assert sum(got) == MAX_FILE_BYTES + 1


def test_a_file_of_exactly_the_cap_is_read(params: Path) -> None:
    path = params / "x.yaml"
    body = HEAD.encode()
    path.write_bytes(body + b"#" * (MAX_FILE_BYTES - len(body)))
    assert read_yaml(path) == {"title": "T", "description": "D"}


def test_nesting_up_to_the_limit_is_read(params: Path) -> None:
    path = params / "x.yaml"
    path.write_text("a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n")
    assert read_yaml(path)["a"] is not None


def test_list_scenarios_names_every_non_regular_file(params: Path) -> None:
    os.mkfifo(params / "pipe.yaml")
    (params / "zero.yaml").symlink_to("/dev/zero")
    with pytest.raises(ScenarioError) as info:
        scenario_mod.list_scenarios(params)
    assert len(info.value.problems) == 2
    assert "pipe.yaml: is a named pipe" in info.value.problems[0]
    assert "zero.yaml: is a character device" in info.value.problems[1]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("33:45", "33:45"),
        ("010", 10),
        ("-010", -10),
        ("0o10", 8),
        ("0x1F", 31),
        ("0b101", "0b101"),
        ("204_000", 204_000),
        ("7e5", 700_000.0),
        ("30.0e+9", 30e9),
        (".5", 0.5),
        ("yes", "yes"),
        ("No", "No"),
        ("on", "on"),
        ("True", True),
        ("FALSE", False),
        ("~", None),
        ("null", None),
        ("2025-01-21", "2025-01-21"),
        ("<<", "<<"),
        ("=", "="),
        ("'010'", "010"),
    ],
)
def test_yaml_1_2_core_scalars(params: Path, text: str, value: Any) -> None:
    path = params / "x.yaml"
    path.write_text(f"v: {text}\n", encoding="utf-8")
    got = read_yaml(path)["v"]
    assert got == value and type(got) is type(value)


def test_shipped_scenarios_and_every_default_stay_valid(capsys) -> None:
    assert main(["validate"]) == 0
    assert "problem" not in capsys.readouterr().err


# --------------------------------------------------------------------------- bounds vs model


def _bound(model: type, field: str, which: str) -> float:
    """The ``ge``/``gt`` (``which="low"``) or ``le``/``lt`` (``"high"``) bound of a field."""
    info = model.model_fields[field]
    names = ("ge", "gt") if which == "low" else ("le", "lt")
    for meta in info.metadata:
        for name in names:
            value = getattr(meta, name, None)
            if value is not None:
                return float(value)
    raise AssertionError(f"{model.__name__}.{field} has no {which} bound")


def _finite(*values: float) -> bool:
    return all(math.isfinite(v) for v in values)


def test_bounds_are_inclusive_and_the_model_floors_hold() -> None:
    rate = _bound(Finance, "cost_of_capital_rate", "low")
    util = _bound(Finance, "utilization_rate", "low")
    assert rate >= VARIABLES["cost_of_capital_rate"][0] > 0
    assert util >= VARIABLES["utilization_rate"][0] > 0
    # the floors themselves validate (>=, not >)
    Finance(cost_of_capital_rate=rate, utilization_rate=util)


def test_capital_recovery_is_finite_at_the_accepted_extremes() -> None:
    # Guards stargate.costs.capital_recovery_factor, the crf and annuity_factor of
    # stargate.sustainability.compute_project_cash_flows (plain floats: r / (1 - (1+r)^-n) was
    # the ZeroDivisionError at r = 0), evaluate_model's 1 / rate and crf_facility, and
    # stargate.risk.evaluate_model_loop.
    rates = [_bound(Finance, "cost_of_capital_rate", w) for w in ("low", "high")]
    lives = [_bound(Finance, "it_lifetime_years", w) for w in ("low", "high")]
    lives += [_bound(Finance, "facility_lifetime_years", w) for w in ("low", "high")]
    for r, n in product(rates, lives):
        crf = r / (1.0 - (1.0 + r) ** -n)
        annuity = (1.0 - (1.0 + r) ** -n) / r
        assert _finite(crf, annuity) and crf > 0 and annuity > 0, (r, n)
        # the growing annuity at any accepted price change (stargate.sustainability.grow)
        for g in (_bound(Risk, "price_change_rate", w) for w in ("low", "high")):
            diff = r - g
            growing = n / (1 + r) if abs(diff) < 1e-12 else (1 - ((1 + g) / (1 + r)) ** n) / diff
            assert _finite(growing), (r, g, n)


def test_cost_per_gpu_hour_is_finite_at_the_accepted_extremes() -> None:
    # Guards stargate.costs.compute_cost_per_gpu_hour_usd: yearly cost / (8,760 h x util).
    util = _bound(Finance, "utilization_rate", "low")
    rate = _bound(Finance, "cost_of_capital_rate", "high")
    life = _bound(Finance, "it_lifetime_years", "low")
    capex = 2 * _bound(GpuSpec, "accelerator_price_usd", "high")
    watts = _bound(GpuSpec, "it_power_w_per_gpu", "high")
    facility = watts / 1e6 * _bound(Facility, "facility_capex_usd_per_mw_it", "high")
    energy = (watts / 1e6 * _bound(Facility, "pue", "high") * 8760 * util) * _bound(
        Facility, "electricity_usd_per_mwh", "high"
    )
    crf = rate / (1.0 - (1.0 + rate) ** -life)
    yearly = (capex + facility) * crf + energy + (capex + facility) * 1.0
    per_hour = yearly / (8760 * util)
    # ... and per PFLOP-hour (stargate.costs.generation_table)
    per_pflop = per_hour / _bound(GpuSpec, "compute_pflops_bf16_dense", "low")
    assert _finite(per_hour, per_pflop) and per_pflop > 0


def test_refresh_counts_are_finite_at_the_accepted_extremes() -> None:
    # Guards stargate.sustainability.build_fleet_arrays and compute_refresh_wave:
    # new GPUs = count x old W / new W, then x price.
    count = _bound(GpuBatch, "gpu_count", "high")
    ratio = _bound(GpuSpec, "it_power_w_per_gpu", "high") / _bound(
        GpuSpec, "it_power_w_per_gpu", "low"
    )
    price = _bound(GpuSpec, "accelerator_price_usd", "high")
    new_count = count * ratio
    assert _finite(new_count * price * 51)  # 50 batches, each refreshed


def _geometric(anchors: dict[int, float], years: range) -> list[float]:
    """stargate.sustainability.interpolate_geometric, written out."""
    points = sorted(anchors.items())
    out = []
    for year in years:
        for (y0, v0), (y1, v1) in zip(points, points[1:], strict=False):
            if y0 <= year <= y1:
                out.append(v0 * (v1 / v0) ** ((year - y0) / (y1 - y0)))
                break
    return out


def test_openai_plan_is_finite_at_the_accepted_extremes() -> None:
    # Guards stargate.sustainability.plan_revenue_usd, project_revenue_usd and
    # plan_fixed_costs_usd (which raised on a non-positive 2028 ratio).
    fields = ("revenue_2024_usd", "revenue_2025_usd", "revenue_2028_usd", "revenue_2030_usd")
    ends = [
        (_bound(OpenAIFinancials, f, "low"), _bound(OpenAIFinancials, f, "high")) for f in fields
    ]
    k_max = _bound(OpenAIFinancials, "revenue_growth_realization", "high")
    loss_max = _bound(OpenAIFinancials, "operating_loss_2028_usd", "high")
    costs_max = 2 * _bound(OpenAIFinancials, "compute_cost_2024_usd", "high")
    ratio_floor = _bound(OpenAIFinancials, "fixed_cost_ratio_2030", "low")
    ratio_2030_max = _bound(OpenAIFinancials, "fixed_cost_ratio_2030", "high")
    years = range(2024, 2031)
    for r24, r25, r28, r30 in product(*ends):
        plan = _geometric({2024: r24, 2025: r25, 2028: r28, 2030: r30}, years)
        realised = [plan[0], plan[1]]
        for t in range(2, len(plan)):
            realised.append(realised[-1] * (1 + k_max * (plan[t] / plan[t - 1] - 1)))
        assert _finite(*plan, *realised) and min(plan) > 0
        # cost ratios: 2024 from the $1m floor to the largest bill; 2028 from the floor
        # validation enforces to the largest loss; 2030 over its bounds
        for c24, c28, c30 in product(
            (1e6 / r24, costs_max / r24),
            (ratio_floor, (r28 + loss_max) / r28),
            (ratio_floor, ratio_2030_max),
        ):
            ratios = _geometric({2024: c24, 2028: c28, 2030: c30}, years)
            costs = [a * b for a, b in zip(ratios, plan, strict=True)]
            assert _finite(*ratios, *costs) and min(ratios) > 0


def test_openai_cost_floor_is_what_validation_enforces() -> None:
    base = OpenAIFinancials()
    assert base.cost_ratio_2028() == pytest.approx(1.54, abs=0.01)  # the base case's anchor
    with pytest.raises(ValueError, match="at least 0.01"):
        OpenAIFinancials(operating_loss_2028_usd=-base.revenue_2028_usd * 0.795)


def test_lognormal_draws_are_finite_at_the_widest_accepted_spread() -> None:
    # Guards stargate.risk.sample_distribution and quantile: floor + (median - floor) e^(sigma z).
    median = 0.5**10  # exact in binary, so p90 / median is exactly the limit
    widest = Lognormal(dist="lognormal", median=median, p90=median * MAX_LOGNORMAL_SPREAD)
    assert widest.sigma == pytest.approx(math.log(MAX_LOGNORMAL_SPREAD) / Z90)
    for z in (-9.0, 0.0, 9.0):  # beyond any of 2,000,000 normal draws
        draw = widest.floor + (widest.median - widest.floor) * math.exp(widest.sigma * z)
        assert _finite(draw) and draw >= 0
    with pytest.raises(ValueError, match="at most 1000 times"):
        Lognormal(dist="lognormal", median=median, p90=median * MAX_LOGNORMAL_SPREAD * 1.01)


def test_horizon_matches_the_sustainability_model() -> None:
    """The schema's 2025-2030 is the sustainability ledger's plan years."""
    from stargate.model import openai_plan

    assert common.PLAN_FIRST_YEAR == openai_plan.PLAN_START_YEAR == 2025
    assert common.PLAN_LAST_YEAR == openai_plan.YEARS[-1] == 2030
