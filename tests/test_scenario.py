"""Scenario loading: deep merge, strict YAML, and one clear line per bad input."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from stargate import facts
from stargate.cli import main
from stargate.scenario import (
    PARAMS_DIR,
    Scenario,
    ScenarioError,
    deep_merge,
    from_parameters,
    list_scenarios,
    load_scenario,
)

HEAD = "title: T\ndescription: D\n"


@pytest.fixture
def params(tmp_path: Path) -> Path:
    """A params folder with the shipped base.yaml."""
    folder = tmp_path / "params"
    folder.mkdir()
    shutil.copy(PARAMS_DIR / "base.yaml", folder / "base.yaml")
    return folder


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


# (case id, file name, content, expected fragment of the problem line, key path named)
BAD_INPUTS = [
    ("empty", "x.yaml", "", "file is empty", None),
    ("only_comment", "x.yaml", "# nothing\n", "holds no parameters", None),
    ("null_doc", "x.yaml", "~\n", "holds no parameters", None),
    ("not_utf8", "x.yaml", b"title: caf\xe9\n", "not UTF-8", None),
    ("syntax", "x.yaml", HEAD + "program:\n  x: [1,\n", "x.yaml:5:1: YAML error", None),
    ("top_list", "x.yaml", "- 1\n- 2\n", "expected a mapping", None),
    ("unknown_top", "x.yaml", HEAD + "progam: {}\n", "did you mean 'program'", "progam"),
    (
        "unknown_nested",
        "x.yaml",
        HEAD + "program:\n  total_commitment: 1\n",
        "did you mean 'total_commitment_usd'",
        "program.total_commitment",
    ),
    (
        "negative",
        "x.yaml",
        HEAD + "program:\n  total_commitment_usd: -5\n",
        "must be greater than 0 (got -5)",
        "program.total_commitment_usd",
    ),
    (
        "quoted_number",
        "x.yaml",
        HEAD + "program:\n  total_commitment_usd: '5e11'\n",
        "got text '5e11'",
        "program.total_commitment_usd",
    ),
    (
        "yaml11_no",
        "x.yaml",
        HEAD + "display:\n  currency: no\n",
        "(got 'no')",
        "display.currency",
    ),
    ("nan", "x.yaml", HEAD + "display:\n  jpy_per_usd: .nan\n", "finite", "display.jpy_per_usd"),
    ("inf", "x.yaml", HEAD + "display:\n  jpy_per_usd: .inf\n", "finite", "display.jpy_per_usd"),
    (
        "list_for_number",
        "x.yaml",
        HEAD + "display:\n  jpy_per_usd: [156, 150]\n",
        "(got a list)",
        "display.jpy_per_usd",
    ),
    (
        "huge",
        "x.yaml",
        HEAD + "program:\n  total_commitment_usd: 1e300\n",
        "less than or equal to 5000000000000",
        "program.total_commitment_usd",
    ),
    (
        "share_above_one",
        "x.yaml",
        HEAD + "funding:\n  withdrawn_parties: [mgx, nvidia]\n",
        "'softbank', 'openai', 'oracle' or 'mgx'",
        "funding.withdrawn_parties[1]",
    ),
    (
        "list_check",
        "x.yaml",
        HEAD + "funding:\n  withdrawn_parties: [mgx, mgx]\n",
        "lists a party twice",
        "funding",
    ),
    (
        "list_length",
        "x.yaml",
        HEAD + "funding:\n  withdrawn_parties: [softbank, openai, oracle, mgx, mgx]\n",
        "at most 4 items",
        "funding.withdrawn_parties",
    ),
    (
        "alias",
        "x.yaml",
        HEAD + "a: &big [1, 2]\nb: *big\n",
        "anchors and aliases are not allowed",
        None,
    ),
    ("duplicate_key", "x.yaml", HEAD + "title: again\n", "duplicate key 'title'", None),
    ("missing_title", "x.yaml", "description: D\n", "title: is required", "title"),
    ("name_mismatch", "x.yaml", HEAD + "name: other\n", "must match the file name 'x'", "name"),
    ("bad_file_name", "Bad-Name.yaml", HEAD, "lower_snake_case", None),
    (
        "tranche_over_total",
        "x.yaml",
        HEAD + "program:\n  initial_tranche_usd: 6.0e11\n",
        "exceeds total_commitment_usd",
        "program",
    ),
    (
        "bool_for_int",
        "x.yaml",
        HEAD + "program:\n  duration_years: true\n",
        "valid integer (got True)",
        "program.duration_years",
    ),
    (
        "float_for_int",
        "x.yaml",
        HEAD + "program:\n  duration_years: 4.5\n",
        "valid integer (got 4.5)",
        "program.duration_years",
    ),
    ("non_text_key", "x.yaml", HEAD + "1: x\n", "keys must be text", None),
    ("group_not_mapping", "x.yaml", HEAD + "program: 5\n", "program", "program"),
    (
        # Its keys lost their indentation: `finance:` holds nothing (None), not pydantic's
        # "must be a valid dictionary or instance of Finance (got None)".
        "dedented_section",
        "x.yaml",
        HEAD + "finance:\nutilization_rate: 0.9\n",
        "finance: is empty — its keys must be indented under it",
        "finance",
    ),
    ("too_large", "x.yaml", HEAD + "#" * 300_000 + "\n", "file too large", None),
]


@pytest.mark.parametrize(
    ("case", "filename", "content", "fragment", "key"),
    BAD_INPUTS,
    ids=[c[0] for c in BAD_INPUTS],
)
def test_bad_input_is_one_clear_line(
    params: Path, capsys, case, filename, content, fragment, key
) -> None:
    path = write(params, filename, content)
    before = {p.name: p.read_bytes() for p in params.iterdir()}
    code = main(["validate", str(path)])
    out, err = capsys.readouterr()
    assert code == 2
    assert "Traceback" not in err + out
    problems = err.strip().splitlines()[:-1]  # the last line is the summary count
    assert problems, err
    for line in problems:
        assert filename in line, line  # every problem names the file
    joined = "\n".join(problems)
    assert fragment in joined, joined
    if key is not None:
        assert f": {key}:" in joined or f": {key} " in joined or f" {key}:" in joined, joined
    # nothing written or changed
    assert {p.name: p.read_bytes() for p in params.iterdir()} == before


def test_missing_and_directory(tmp_path: Path, capsys) -> None:
    assert main(["validate", str(tmp_path / "nope.yaml")]) == 2
    assert "nope.yaml: file not found" in capsys.readouterr().err
    folder = tmp_path / "dir.yaml"
    folder.mkdir()
    assert main(["validate", str(folder)]) == 2
    assert "is a directory" in capsys.readouterr().err


def test_every_problem_reported_at_once(params: Path) -> None:
    path = write(
        params,
        "x.yaml",
        HEAD
        + "program:\n  total_commitment_usd: -1\n  duration_years: 0\n"
        + "display:\n  currencyy: X\n",
    )
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    lines = info.value.problems
    assert len(lines) == 3, lines
    assert any("program.total_commitment_usd: must be greater than 0" in x for x in lines)
    assert any("program.duration_years: must be greater than or equal to 1" in x for x in lines)
    hint = "display.currencyy: unknown parameter (did you mean 'currency'?)"
    assert any(hint in x for x in lines)


def test_yaml12_numbers_and_booleans(params: Path) -> None:
    # YAML 1.1 reads 7e5 as a string; our loader reads it as the number 700,000.
    path = write(params, "x.yaml", HEAD + "program:\n  total_commitment_usd: 7e11\n")
    assert load_scenario(path).program.total_commitment_usd == 700_000_000_000
    # Underscored integers are numbers too.
    path = write(params, "x.yaml", HEAD + "program:\n  total_commitment_usd: 400_000_000_000\n")
    assert load_scenario(path).program.total_commitment_usd == 400e9


def test_deep_merge_only_replaces_what_is_given() -> None:
    base = {"a": {"x": 1, "y": {"p": 1, "q": 2}}, "b": [1, 2]}
    over = {"a": {"y": {"q": 3}}, "b": [9]}
    assert deep_merge(base, over) == {"a": {"x": 1, "y": {"p": 1, "q": 3}}, "b": [9]}
    assert base == {"a": {"x": 1, "y": {"p": 1, "q": 2}}, "b": [1, 2]}  # not mutated


def test_scenario_overrides_only_what_it_names(params: Path) -> None:
    path = write(
        params,
        "small.yaml",
        HEAD + "program:\n  total_commitment_usd: 2.0e11\n  initial_tranche_usd: 5.0e10\n",
    )
    small = load_scenario(path)
    base = load_scenario(params / "base.yaml")
    assert small.name == "small"
    assert small.program.total_commitment_usd == 200e9
    assert small.program.duration_years == base.program.duration_years == 4
    assert small.program.initial_tranche_usd == 50e9
    assert small.program.years == base.program.years == [2025, 2026, 2027, 2028]
    # provenance: the overridden default's fact is no longer "in effect"
    assert "sg_initial_deploy" in base.fact_ids(["program"])
    assert "sg_initial_deploy" not in small.fact_ids(["program"])
    assert "sg_duration_years" in small.fact_ids(["program"])


def test_blame_names_the_file_that_set_the_value(params: Path) -> None:
    base = params / "base.yaml"
    base.write_text(base.read_text() + "display:\n  jpy_per_usd: 9999\n", encoding="utf-8")
    path = write(params, "x.yaml", HEAD)
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    assert info.value.problems[0].startswith(str(base)) or "base.yaml" in info.value.problems[0]


def test_from_parameters_equals_file_load() -> None:
    # papermill by hand injects only what a file holds; the builder injects everything.
    base = load_scenario(PARAMS_DIR / "base.yaml")
    assert from_parameters({"name": "base", "program": {}, "title": ""}) == base
    assert from_parameters(base.to_parameters()) == base
    # injecting the complete values gives the same scenario too
    assert from_parameters(base.to_values()).to_values() == base.to_values()
    # what is injected is what the files said, so defaults keep their provenance
    assert "program" not in base.to_parameters()
    injected = from_parameters(base.to_parameters())
    assert injected.fact_ids() == base.fact_ids()
    # ... and so they do when every value is injected (papermill by hand with a full file)
    assert from_parameters(base.to_values()).fact_ids() == base.fact_ids()


def test_fact_ids_follow_values_not_who_set_them() -> None:
    base = load_scenario(PARAMS_DIR / "base.yaml")
    years = base.program.duration_years
    same = from_parameters({"program": {"duration_years": years}})
    other = from_parameters({"program": {"duration_years": years + 1}})
    assert "sg_duration_years" in same.fact_ids(["program"])  # set, but to the fact's value
    assert "sg_duration_years" not in other.fact_ids(["program"])
    facts.reset_used()
    other.fact_ids()
    assert facts.used() == []  # comparing with defaults records nothing


def test_shipped_scenarios_validate(capsys) -> None:
    assert main(["validate"]) == 0
    out = capsys.readouterr().out
    names = list_scenarios()
    assert names[0] == "base"
    for name in names:
        assert f"{name}.yaml" in out


def test_every_schema_default_resolves_to_a_fact() -> None:
    base = load_scenario(PARAMS_DIR / "base.yaml")
    ids = base.fact_ids()
    assert "sg_total_commitment" in ids and "fx_implied" in ids
    register = facts.all_facts()
    for fact_id in ids:
        assert fact_id in register, fact_id
        assert register[fact_id].source.publisher


def _leaf_fields(model: type, prefix: str = "") -> list[tuple[str, object]]:
    """Every leaf parameter, following nested groups, lists and dicts of groups."""
    from stargate.scenario import _inner_model

    out = []
    for name, info in model.model_fields.items():
        inner = _inner_model(info.annotation)
        if inner is not None:
            out += _leaf_fields(inner, f"{prefix}{name}.")
        else:
            out.append((f"{prefix}{name}", info))
    return out


def _is_numeric(annotation: object) -> bool:
    if annotation in (int, float):
        return True
    return any(_is_numeric(a) for a in getattr(annotation, "__args__", ()) or ())


def test_every_parameter_has_help_and_numbers_have_units() -> None:
    leaves = _leaf_fields(Scenario)
    assert len(leaves) > 30
    for path, info in leaves:
        assert info.description, f"{path} has no help"
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        if _is_numeric(info.annotation):
            assert extra.get("unit"), f"{path} has no unit"


def test_shipped_files_read_the_same_under_yaml_1_1() -> None:
    """papermill -f reads YAML 1.1, where 30.0e9 is text: shipped files avoid such numbers."""
    import yaml

    from stargate.scenario import _StrictLoader

    for path in sorted(PARAMS_DIR.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert yaml.safe_load(text) == yaml.load(text, Loader=_StrictLoader), path.name  # noqa: S506
