"""The scenario: one validated set of parameters, loaded from ``params/<name>.yaml``.

A scenario file holds only what differs from ``params/base.yaml`` (plus ``title`` and
``description``); :func:`load_scenario` deep-merges it onto base, then validates the result
against :class:`Scenario`. Every problem is reported at once, one line each, naming the file and
the key path, e.g. ``params/x.yaml: fleet.batches[0].gpu_count: must be > 0 (got -5)``.

YAML is read with a YAML 1.2-style resolver: only ``true``/``false`` are booleans (``no`` stays a
string), ``7e5`` is a number, anchors and aliases are refused, duplicate keys are an error.
"""

from __future__ import annotations

import copy
import difflib
import math
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError

from stargate.schema.common import fact_behind
from stargate.schema.compute import Facility, Finance, Fleet
from stargate.schema.display import Display
from stargate.schema.funding import Funding
from stargate.schema.openai import OpenAIFinancials
from stargate.schema.program import Program
from stargate.schema.risk import Risk

#: Repository folder holding the scenario files (the package is installed in editable mode).
PARAMS_DIR = Path(__file__).resolve().parent.parent / "params"
BASE_NAME = "base"
MAX_FILE_BYTES = 256 * 1024
_NAME = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
#: Top-level keys that describe a scenario rather than parameterise the model.
META_KEYS = ("name", "title", "description")


class Scenario(BaseModel):
    """Every parameter of the model, grouped by concern. The single source of truth."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, validate_default=True)

    name: str = Field(pattern=_NAME.pattern, description="Scenario id (the file name stem)")
    title: str = Field(min_length=1, max_length=200, description="Scenario title for readers")
    description: str = Field(
        min_length=1, max_length=4000, description="What this scenario assumes, and why"
    )
    program: Program = Field(default_factory=Program, description="Programme size and schedule")
    fleet: Fleet = Field(default_factory=Fleet, description="GPU fleet by generation")
    facility: Facility = Field(default_factory=Facility, description="Facility and power")
    finance: Finance = Field(default_factory=Finance, description="Cost of capital, lifetimes")
    funding: Funding = Field(default_factory=Funding, description="Parties' funding")
    openai: OpenAIFinancials = Field(
        default_factory=OpenAIFinancials, description="OpenAI revenue, costs, funding"
    )
    risk: Risk = Field(default_factory=Risk, description="Monte Carlo distributions and seed")
    display: Display = Field(default_factory=Display, description="Display currency and rate")

    #: What the scenario files said (base merged with the scenario file), before defaults.
    _given: dict[str, Any] = PrivateAttr(default_factory=dict)

    def to_parameters(self) -> dict[str, Any]:
        """The merged scenario-file data, ready for papermill to inject.

        Only what the files set is injected, not the defaults: re-validated in the notebook it
        gives the same scenario, and defaults stay defaults, so :meth:`fact_ids` can still name
        the facts behind them.
        """
        return copy.deepcopy(self._given)

    def to_values(self) -> dict[str, Any]:
        """Every parameter's value, defaults included, as plain data."""
        return self.model_dump(mode="json")

    def fact_ids(self, groups: Iterable[str] | None = None) -> list[str]:
        """Fact ids behind the defaults still in effect (a value a scenario changed has none).

        See :func:`stargate.schema.common.fact_behind`. Nothing is recorded as used.

        Args:
            groups: top-level groups to look in (e.g. ``["fleet", "finance"]``); default all.
        """
        names = list(groups) if groups is not None else list(type(self).model_fields)
        found: dict[str, None] = {}
        for name in names:
            _collect_fact_ids(getattr(self, name), found)
        return list(found)


def _collect_fact_ids(obj: Any, found: dict[str, None]) -> None:
    if isinstance(obj, BaseModel):
        for field_name in type(obj).model_fields:
            fact_id = fact_behind(obj, field_name)
            if fact_id:
                found[fact_id] = None
            _collect_fact_ids(getattr(obj, field_name), found)
    elif isinstance(obj, (list, tuple)):
        for item in obj:
            _collect_fact_ids(item, found)
    elif isinstance(obj, dict):
        for item in obj.values():
            _collect_fact_ids(item, found)


class ScenarioError(Exception):
    """Bad scenario input. ``problems`` holds one line per problem, each naming file and key."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


# --------------------------------------------------------------------------- YAML reading


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 booleans and floats, no aliases, no duplicate keys."""


# Drop YAML 1.1 implicit resolvers for bool and float, then add 1.2 core-schema ones.
_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in ("tag:yaml.org,2002:bool",)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(
        r"^(?:[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+0123456789."),
)


def _construct_float(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    text = str(loader.construct_scalar(node)).replace("_", "")
    if re.fullmatch(r"[-+]?[0-9]+", text):
        return int(text)
    lowered = text.lower()
    if lowered in (".nan",):
        return math.nan
    if lowered in (".inf", "+.inf"):
        return math.inf
    if lowered == "-.inf":
        return -math.inf
    return float(text)


_StrictLoader.add_constructor("tag:yaml.org,2002:float", _construct_float)


def _no_alias(self: _StrictLoader, *args: Any, **kwargs: Any) -> Any:
    if self.check_event(yaml.AliasEvent):
        event = self.peek_event()
        mark = event.start_mark
        raise yaml.MarkedYAMLError(
            problem="YAML anchors and aliases are not allowed in scenario files", problem_mark=mark
        )
    return yaml.SafeLoader.compose_node(self, *args, **kwargs)


_StrictLoader.compose_node = _no_alias  # type: ignore[method-assign]


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in seen:
            raise yaml.MarkedYAMLError(
                problem=f"duplicate key {key!r}", problem_mark=key_node.start_mark
            )
        seen[key] = loader.construct_object(value_node, deep=True)
    return seen


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def display_path(path: Path) -> str:
    """A path as the user would type it: relative to the working directory when possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def read_yaml(path: Path) -> dict[str, Any]:
    """Read one scenario file into a mapping, or raise :class:`ScenarioError` naming the file."""
    where = display_path(path)
    if not path.exists():
        raise ScenarioError([f"{where}: file not found"])
    if path.is_dir():
        raise ScenarioError([f"{where}: is a directory, not a scenario file"])
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        limit = f"{MAX_FILE_BYTES:,}"
        raise ScenarioError([f"{where}: file too large ({size:,} bytes; at most {limit})"])
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ScenarioError([f"{where}: not UTF-8 text (byte {exc.start})"]) from None
    if not text.strip():
        raise ScenarioError([f"{where}: file is empty"])
    try:
        data = yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        problem = exc.problem or exc.context or "invalid YAML"
        raise ScenarioError([f"{where}:{line}:{col}: YAML error: {problem}"]) from None
    except yaml.YAMLError as exc:
        raise ScenarioError([f"{where}: YAML error: {exc}"]) from None
    if data is None:
        raise ScenarioError([f"{where}: file holds no parameters"])
    if not isinstance(data, dict):
        raise ScenarioError(
            [f"{where}: expected a mapping of parameters, got {type(data).__name__}"]
        )
    bad_keys = [k for k in _all_keys(data) if not isinstance(k, str)]
    if bad_keys:
        raise ScenarioError([f"{where}: keys must be text (got {bad_keys[0]!r})"])
    return data


def _all_keys(data: Any) -> Iterable[Any]:
    if isinstance(data, dict):
        for key, val in data.items():
            yield key
            yield from _all_keys(val)
    elif isinstance(data, list):
        for item in data:
            yield from _all_keys(item)


# --------------------------------------------------------------------------- merging


def deep_merge(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    """Merge ``override`` onto ``base``: mappings merge key by key, anything else replaces."""
    merged = copy.deepcopy(dict(base))
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


# --------------------------------------------------------------------------- validation


def _loc_text(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(top level)"


def _model_at(loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The pydantic model class that holds the key at ``loc`` (for 'did you mean')."""
    model: Any = Scenario
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return None
        info = model.model_fields.get(str(part))
        if info is None:
            return None
        model = _inner_model(info.annotation)
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _message(err: Mapping[str, Any]) -> str:
    kind = err["type"]
    loc = tuple(err["loc"])
    if kind == "extra_forbidden":
        key = str(loc[-1])
        model = _model_at(loc)
        hint = ""
        if model is not None:
            close = difflib.get_close_matches(key, list(model.model_fields), n=1, cutoff=0.5)
            if close:
                hint = f" (did you mean {close[0]!r}?)"
            else:
                hint = f" (known: {', '.join(model.model_fields)})"
        return f"unknown parameter{hint}"
    if kind == "missing":
        return "is required"
    msg = str(err["msg"])
    msg = re.sub(r"^Input should be ", "must be ", msg)
    msg = re.sub(r"^Value error, ", "", msg)
    msg = msg.replace("a valid number", "a number")
    if "input" in err and not isinstance(err["input"], (dict,)) and kind != "value_error":
        got = err["input"]
        if isinstance(got, str) and kind in ("float_type", "int_type"):
            msg += f" (got text {got!r}; remove the quotes if it is a number)"
        elif isinstance(got, list) and kind in ("float_type", "int_type"):
            msg += " (got a list)"
        else:
            msg += f" (got {_short(got)})"
    return msg


def _blame(loc: tuple[Any, ...], layers: list[tuple[str, Mapping[str, Any]]]) -> str:
    """Name the file that set the value at ``loc`` (the last layer that has the key)."""
    for where, data in reversed(layers):
        node: Any = data
        found = True
        for part in loc:
            if isinstance(node, Mapping) and part in node:
                node = node[part]
            elif isinstance(node, list) and isinstance(part, int) and part < len(node):
                node = node[part]
            else:
                found = False
                break
        if found:
            return where
        # A key missing in a layer may still be a problem of that layer's parent mapping.
    return layers[-1][0]


def validate(
    data: Mapping[str, Any], layers: list[tuple[str, Mapping[str, Any]]] | None = None
) -> Scenario:
    """Validate merged parameters; raise :class:`ScenarioError` with every problem at once.

    Args:
        data: merged parameters (base + scenario file).
        layers: ``(file shown to the user, raw data)`` in merge order, to name the culprit file.
    """
    layers = layers or [("parameters", data)]
    try:
        scenario = Scenario.model_validate(dict(data))
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            # pydantic appends the model-validator's name to nothing; strip union tags.
            loc = tuple(p for p in loc if not (isinstance(p, str) and p.startswith("function-")))
            where = _blame(loc, layers)
            problems.append(f"{where}: {_loc_text(loc)}: {_message(err)}")
        raise ScenarioError(sorted(dict.fromkeys(problems))) from None
    scenario._given = copy.deepcopy(dict(data))
    return scenario


def load_scenario(path: str | Path, params_dir: Path | None = None) -> Scenario:
    """Load ``path`` merged onto ``base.yaml`` from the same folder, and validate it.

    Args:
        path: a scenario file, or a scenario name (resolved to ``params/<name>.yaml``).
        params_dir: folder with ``base.yaml``; default the file's own folder.

    Raises:
        ScenarioError: bad input; ``problems`` has one line per problem.
    """
    path = Path(path)
    if path.suffix not in (".yaml", ".yml") and not path.exists():
        path = (params_dir or PARAMS_DIR) / f"{path.name}.yaml"
    folder = params_dir or path.parent
    data = read_yaml(path)
    where = display_path(path)
    stem = path.stem
    problems: list[str] = []
    if not _NAME.match(stem):
        problems.append(f"{where}: file name must be lower_snake_case (got {stem!r})")
    if "name" in data and data["name"] != stem:
        problems.append(f"{where}: name: must match the file name {stem!r} (got {data['name']!r})")
    base_path = folder / f"{BASE_NAME}.yaml"
    layers: list[tuple[str, Mapping[str, Any]]] = []
    if stem != BASE_NAME and path.resolve() != base_path.resolve():
        for key in ("title", "description"):
            if key not in data:
                problems.append(f"{where}: {key}: is required in every scenario file")
        base = read_yaml(base_path)
        layers.append((display_path(base_path), base))
    if problems:
        raise ScenarioError(problems)
    layers.append((where, data))
    merged: dict[str, Any] = {}
    for _, layer in layers:
        merged = deep_merge(merged, layer)
    merged["name"] = stem
    return validate(merged, layers)


def from_parameters(parameters: Mapping[str, Any], params_dir: Path | None = None) -> Scenario:
    """Validate parameters injected into a notebook by papermill (merged onto base first).

    Papermill runs by hand (``papermill nb.ipynb out.ipynb -f params/x.yaml``) inject only what
    the file holds; the builder injects the complete merged parameters. Both end up the same.
    """
    base_path = (params_dir or PARAMS_DIR) / f"{BASE_NAME}.yaml"
    base = read_yaml(base_path)
    given = {k: v for k, v in parameters.items() if v not in ({}, None, "")}
    merged = deep_merge(base, given)
    merged.setdefault("name", BASE_NAME)
    return validate(merged, [(display_path(base_path), base), ("notebook parameters", given)])


def list_scenarios(params_dir: Path | None = None) -> list[str]:
    """Scenario names in ``params_dir``: ``base`` first, then alphabetical."""
    folder = params_dir or PARAMS_DIR
    names = sorted(p.stem for p in folder.glob("*.yaml"))
    return sorted(names, key=lambda n: (n != BASE_NAME, n))
