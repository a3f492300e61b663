"""The scenario: one validated set of parameters, loaded from ``params/<name>.yaml``.

One concept, longer than most modules: reading a scenario file safely and turning every problem
in it into one line a user can act on (the strict YAML 1.2 reader and the problem lines are most
of its length).

A scenario file holds only what differs from ``params/base.yaml`` (plus ``title`` and
``description``, and optionally their Japanese ``title_ja`` and ``description_ja``, which
count only beside the English text they translate); :func:`load_scenario` deep-merges it onto
base, then validates the result against :class:`Scenario`. Every problem is reported at once,
one line each, naming the file and the key path, e.g.
``params/x.yaml: fleet.batches[0].gpu_count: must be > 0 (got -5)``.

Validation is the contract: what it accepts, the models can compute (bounds and cross-field
rules in :mod:`stargate.schema`, each with its reason in the field's help).

Reading refuses hostile files before parsing: anything but a regular file (a FIFO, a device, a
folder, a symlink to one) is named without being opened; at most ``MAX_FILE_BYTES + 1`` bytes are
read. YAML is read as 1.2 core (:class:`_StrictLoader`): only ``true``/``false`` are booleans
(``no`` stays a string), ``7e5`` is a number, ``010`` is 10, ``33:45`` and dates stay text;
``.inf``/``.nan`` are read as floats and refused by validation wherever a number is expected
(``must be a finite number``), a literal beyond a float's range (``1e400``) is refused while
reading. Anchors, aliases, tags beyond the core schema, complex or non-text keys, duplicate keys
and nesting deeper than :data:`MAX_DEPTH` are errors.
"""

from __future__ import annotations

import copy
import difflib
import math
import os
import re
import stat
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, model_validator

from stargate.schema.common import KeyProblems, Paragraph, Title, fact_behind
from stargate.schema.compute import Facility, Finance, Fleet
from stargate.schema.display import Display
from stargate.schema.funding import Funding
from stargate.schema.openai import OpenAIFinancials
from stargate.schema.program import Program
from stargate.schema.programme import Programme
from stargate.schema.risk import Risk

#: Repository folder holding the scenario files (the package is installed in editable mode).
PARAMS_DIR = Path(__file__).resolve().parent.parent / "params"
BASE_NAME = "base"
MAX_FILE_BYTES = 256 * 1024
#: Problems listed for one validation; the rest are counted (a file of 10,000 unknown keys).
MAX_PROBLEMS = 50
_NAME = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
#: Top-level keys that describe a scenario rather than parameterise the model.
META_KEYS = ("name", "title", "description", "title_ja", "description_ja")
#: The Japanese edition's text of a scenario's ``title`` and ``description`` (optional). Each
#: counts only from the file (or parameters) that set its English text: a scenario that
#: retitles base without a Japanese title is not shown under base's Japanese one.
JAPANESE_KEYS = {"title": "title_ja", "description": "description_ja"}


class Scenario(BaseModel):
    """Every parameter of the model, grouped by concern. The single source of truth."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, validate_default=True)

    name: str = Field(pattern=_NAME.pattern, description="Scenario id (the file name stem)")
    title: Title = Field(
        min_length=1,
        max_length=200,
        description="Scenario title for readers: one line of printable text, not blank",
    )
    description: Paragraph = Field(
        min_length=1,
        max_length=4000,
        description="What this scenario assumes, and why: printable text, not blank",
    )
    title_ja: Title | None = Field(
        default=None,
        min_length=1,
        max_length=200,
        description="The title in Japanese, for the Japanese pages (optional; without it they "
        "show the English title, marked as the scenario's own text)",
    )
    description_ja: Paragraph | None = Field(
        default=None,
        min_length=1,
        max_length=4000,
        description="The description in Japanese, for the Japanese pages (optional; without it "
        "they show the English description, marked as the scenario's own text)",
    )
    program: Program = Field(default_factory=Program, description="Programme size and schedule")
    programme: Programme = Field(
        default_factory=Programme, description="Programme sites, slips, remainder, generations"
    )
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

    @model_validator(mode="after")
    def _check_years(self) -> Scenario:
        # No batch is bought before the programme starts (its capex would precede the plan).
        start = self.program.start_year
        problems: list[tuple[tuple[str | int, ...], str]] = [
            (
                ("fleet", "batches", i, "deploy_year"),
                f"{batch.deploy_year} is before program.start_year {start}: "
                "no GPUs are bought before the programme starts",
            )
            for i, batch in enumerate(self.fleet.batches or [])
            if batch.deploy_year < start
        ]
        if problems:
            raise KeyProblems(problems)
        return self

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
        # One line each, whatever a message quoted: newlines and control characters escaped.
        self.problems = [_printable(" ".join(str(p).splitlines())) for p in problems]
        super().__init__("\n".join(self.problems))


# --------------------------------------------------------------------------- YAML reading

#: Deepest nesting of mappings and lists a scenario file may have. The deepest real parameter
#: is 3 levels down (``risk.<input>_dist.low``, ``fleet.specs.H100.chip_power_w``); PyYAML's
#: composer recurses once per level, so a hostile file could otherwise exhaust the stack.
MAX_DEPTH = 20
#: Longest number a file may spell (digits, sign, underscores): Python refuses to convert
#: integers of more than 4,300 digits, and no parameter needs more than a dozen.
MAX_NUMBER_CHARS = 40
#: The YAML 1.2 core schema's tags: the only ones a node may carry, implicitly or explicitly.
_CORE_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "map", "seq")
)
_STR_TAG = "tag:yaml.org,2002:str"


class _KeyedYAMLError(yaml.MarkedYAMLError):
    """A YAML problem at a key path (``path``) the reader knows."""

    def __init__(self, problem: str, mark: Any, path: tuple[Any, ...]):
        super().__init__(problem=problem, problem_mark=mark)
        self.path = path


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader read as YAML 1.2 (core schema); no anchors, aliases, tags or deep nesting.

    Implicit types are the core schema's: ``true``/``false`` (any case variant the spec lists)
    are booleans, ``null``/``~``/empty is null, integers are decimal (``010`` is 10, leading
    zeros do not make octal), ``0o17`` octal and ``0x1F`` hexadecimal, floats include ``7e5``
    and ``.inf``/``.nan``. Everything else is text: ``no``, ``on``, ``33:45``, ``2025-01-21``,
    ``0b101``, ``<<``. As an extension decimal numbers may group digits with ``_``
    (``204_000``), which YAML 1.1 (papermill) reads the same way.
    """

    def __init__(self, stream: str):
        super().__init__(stream)
        #: Key path of the node being composed (keys and list indices).
        self.key_path: list[Any] = []

    def compose_node(self, parent: Any, index: Any) -> Any:  # type: ignore[override]
        event = self.peek_event()
        if isinstance(parent, yaml.MappingNode):
            step: Any = _key_text(index) if index is not None else "(key)"
        elif isinstance(parent, yaml.SequenceNode):
            step = index
        else:
            step = None
        if step is not None:
            self.key_path.append(step)
        try:
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
                raise _KeyedYAMLError(
                    "YAML anchors and aliases are not allowed in scenario files",
                    event.start_mark,
                    tuple(self.key_path),
                )
            opens = isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent))
            if opens and len(self.key_path) >= MAX_DEPTH:
                raise _KeyedYAMLError(
                    f"nested more than {MAX_DEPTH} levels deep (no parameter is deeper than 3)",
                    event.start_mark,
                    tuple(self.key_path),
                )
            return super().compose_node(parent, index)
        finally:
            if step is not None:
                self.key_path.pop()

    def construct_object(self, node: Any, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except yaml.MarkedYAMLError:
            raise
        except (ValueError, KeyError, TypeError, AttributeError, OverflowError) as exc:
            # An explicit tag on text it cannot read (``!!int abc``, ``!!bool maybe``).
            short = node.tag.replace("tag:yaml.org,2002:", "!!")
            raise yaml.MarkedYAMLError(
                problem=f"{short} cannot read {_short(node.value)} ({type(exc).__name__})",
                problem_mark=node.start_mark,
            ) from None


def _key_text(node: Any) -> Any:
    return node.value if isinstance(node, yaml.ScalarNode) else "(complex key)"


# Only the null resolver survives from PyYAML's YAML 1.1 set (1.2 core spells null the same);
# bool, int, float, timestamp, merge (<<) and value (=) are 1.1 only or replaced below.
_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag == "tag:yaml.org,2002:null"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_BOOL_RX = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT_RX = re.compile(r"^(?:[-+]?[0-9][0-9_]*|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT_RX = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)
_StrictLoader.add_implicit_resolver("tag:yaml.org,2002:bool", _BOOL_RX, list("tTfF"))
# int before float: both match "12", and the first resolver that matches wins.
_StrictLoader.add_implicit_resolver("tag:yaml.org,2002:int", _INT_RX, list("-+0123456789"))
_StrictLoader.add_implicit_resolver("tag:yaml.org,2002:float", _FLOAT_RX, list("-+0123456789."))


def _scalar_problem(node: yaml.ScalarNode) -> str | None:
    """Why a bool, int or float scalar cannot be read, or None.

    An explicit tag on other text (``!!int abc``), a number too long for Python to convert, a
    float beyond the largest double (``1e400`` would silently become infinity).
    """
    kind = node.tag.removeprefix("tag:yaml.org,2002:")
    text = str(node.value)
    if kind in ("int", "float") and len(text) > MAX_NUMBER_CHARS:
        return f"number too long ({len(text):,} characters; at most {MAX_NUMBER_CHARS})"
    if kind == "bool" and not _BOOL_RX.match(text):
        return f"!!bool cannot read {_short(text)} (only true or false)"
    if kind == "int" and not _INT_RX.match(text):
        return f"!!int cannot read {_short(text)}"
    if kind == "float":
        if not (_FLOAT_RX.match(text) or _INT_RX.match(text)):
            return f"!!float cannot read {_short(text)}"
        clean = text.replace("_", "")
        special = clean.lower().lstrip("+-") in (".inf", ".nan") or clean.startswith(("0x", "0o"))
        if not special and math.isinf(float(clean)):
            return f"number {text} is too large for a float (above 1.8e308)"
    return None


def _construct_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    text = str(node.value)
    if text.startswith("0x"):
        return int(text[2:], 16)
    if text.startswith("0o"):
        return int(text[2:], 8)
    # YAML 1.2: leading zeros are decimal (010 is 10, not YAML 1.1's octal 8).
    return int(text.replace("_", ""), 10)


def _construct_float(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    text = str(node.value).replace("_", "")
    if text.startswith(("0x", "0o")):  # an explicit !!float on a hex or octal integer
        return float(_construct_int(loader, node))
    lowered = text.lower()
    if lowered == ".nan":
        return math.nan
    if lowered in (".inf", "+.inf"):
        return math.inf
    if lowered == "-.inf":
        return -math.inf
    return float(text)


def _construct_bool(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> bool:
    return str(node.value).lower() == "true"


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    # Keys were checked on the node tree (text, unique) before anything is constructed.
    return {
        loader.construct_object(key_node, deep=True): loader.construct_object(value_node, deep=True)
        for key_node, value_node in node.value
    }


_StrictLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_StrictLoader.add_constructor("tag:yaml.org,2002:float", _construct_float)
_StrictLoader.add_constructor("tag:yaml.org,2002:bool", _construct_bool)
_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _check_nodes(node: Any, path: tuple[Any, ...], where: str) -> list[str]:
    """Problems of a composed node tree: non-core tags, non-text or duplicate keys.

    The tree is at most :data:`MAX_DEPTH` deep (the composer refuses deeper ones).
    """
    problems: list[str] = []

    def at(mark: Any, sub: tuple[Any, ...], text: str) -> str:
        return f"{where}:{mark.line + 1}:{mark.column + 1}: {_loc_text(sub)}: {text}"

    if node.tag not in _CORE_TAGS:
        shown = node.tag.replace("tag:yaml.org,2002:", "!!")
        problems.append(
            at(
                node.start_mark,
                path,
                f"YAML tag {_short(shown)} is not allowed (plain values only)",
            )
        )
        return problems
    if isinstance(node, yaml.ScalarNode):
        problem = _scalar_problem(node)
        if problem:
            problems.append(at(node.start_mark, path, problem))
        return problems
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                kind = "a mapping" if isinstance(key_node, yaml.MappingNode) else "a list"
                problems.append(
                    at(
                        key_node.start_mark,
                        path,
                        f"complex key ({kind}) is not allowed: keys must be plain text",
                    )
                )
                continue
            if key_node.tag != _STR_TAG:
                kind = key_node.tag.replace("tag:yaml.org,2002:", "")
                problems.append(
                    at(
                        key_node.start_mark,
                        path,
                        f"keys must be text (got {_short(key_node.value)}, read as {kind}; "
                        "quote it)",
                    )
                )
                continue
            key = key_node.value
            if key in seen:
                problems.append(at(key_node.start_mark, (*path, key), f"duplicate key {key!r}"))
                continue
            seen.add(key)
            problems += _check_nodes(value_node, (*path, key), where)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            problems += _check_nodes(item, (*path, i), where)
    return problems


def display_path(path: Path) -> str:
    """A path as the user would type it: relative to the working directory when possible.

    Characters that are not printable (a control character in a file name) are escaped, so a
    problem line stays one line and cannot drive the terminal.
    """
    try:
        # Resolve the folder, not the file: a symlink is shown by its own name.
        text = str((path.parent.resolve() / path.name).relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):
        text = str(path)
    return _printable(text)


def _printable(text: str) -> str:
    """``text`` with every non-printable character escaped (as ``repr`` escapes them)."""
    if text.isprintable():
        return text
    return "".join(
        ch if ch.isprintable() else ch.encode("unicode_escape", "backslashreplace").decode()
        for ch in text
    )


_FILE_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _not_a_file(path: Path, mode: int) -> str | None:
    """Why ``mode`` (of ``path``, symlinks followed) is not a scenario file, or None."""
    if stat.S_ISREG(mode):
        return None
    where = display_path(path)
    if stat.S_ISDIR(mode):
        return f"{where}: is a directory, not a scenario file"
    kind = next((name for test, name in _FILE_KINDS if test(mode)), "not a regular file")
    via = ""
    if path.is_symlink():
        try:
            via = f" (a symbolic link to {_printable(os.readlink(path))})"
        except OSError:
            via = " (a symbolic link)"
    return f"{where}: is {kind}{via}, not a regular file; refused without reading it"


def _read_bytes(path: Path) -> bytes:
    """The bytes of a regular file of at most :data:`MAX_FILE_BYTES`, or ScenarioError.

    Non-regular files (FIFO, device, socket, directory, or a symlink to one) are refused from
    ``os.stat`` without being opened; the file is opened non-blocking (a FIFO swapped in after
    the check cannot hang the read), checked again with ``fstat``, and at most
    ``MAX_FILE_BYTES + 1`` bytes are read whatever its size claims.
    """
    where = display_path(path)
    limit = f"{MAX_FILE_BYTES:,}"
    try:
        info = os.stat(path)
    except FileNotFoundError:
        broken = " (a broken symbolic link)" if path.is_symlink() else ""
        raise ScenarioError([f"{where}: file not found{broken}"]) from None
    except OSError as exc:
        raise ScenarioError([f"{where}: cannot read ({exc.strerror or exc})"]) from None
    problem = _not_a_file(path, info.st_mode)
    if problem:
        raise ScenarioError([problem])
    if info.st_size > MAX_FILE_BYTES:
        raise ScenarioError([f"{where}: file too large ({info.st_size:,} bytes; at most {limit})"])
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    flags |= getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise ScenarioError([f"{where}: cannot read ({exc.strerror or exc})"]) from None
    try:
        problem = _not_a_file(path, os.fstat(fd).st_mode)
        if problem:
            raise ScenarioError(
                [problem.replace("; refused", ", swapped in while reading; refused")]
            )
        chunks: list[bytes] = []
        size = 0
        while size <= MAX_FILE_BYTES:
            chunk = os.read(fd, MAX_FILE_BYTES + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise ScenarioError([f"{where}: cannot read ({exc.strerror or exc})"]) from None
    finally:
        os.close(fd)
    if size > MAX_FILE_BYTES:
        raise ScenarioError([f"{where}: file too large (more than {limit} bytes)"])
    return b"".join(chunks)


def read_yaml(path: Path) -> dict[str, Any]:
    """Read one scenario file into a mapping, or raise :class:`ScenarioError` naming the file.

    Hostile files are refused before parsing (see :func:`_read_bytes`); the YAML is read as
    1.2 core (:class:`_StrictLoader`), at most :data:`MAX_DEPTH` levels deep, keys plain and
    unique text. Each problem is one line naming the file, and the key path where there is one.
    """
    where = display_path(path)
    raw = _read_bytes(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ScenarioError([f"{where}: not UTF-8 text (byte {exc.start})"]) from None
    if not text.strip():
        raise ScenarioError([f"{where}: file is empty"])
    loader = None
    try:
        loader = _StrictLoader(text)
        node = loader.get_single_node()
        if node is None:
            data = None
        else:
            problems = _check_nodes(node, (), where)
            if problems:
                raise ScenarioError(problems)
            data = loader.construct_document(node)
    except yaml.reader.ReaderError as exc:
        before = text[: max(exc.position, 0)]
        line, col = before.count("\n") + 1, len(before) - before.rfind("\n")
        char = f"U+{exc.character:04X}" if isinstance(exc.character, int) else "a character"
        raise ScenarioError(
            [
                f"{where}:{line}:{col}: YAML error: {char} is a control character, not allowed "
                "in a YAML file"
            ]
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        problem = " ".join(str(exc.problem or exc.context or "invalid YAML").split())
        if isinstance(exc, _KeyedYAMLError):
            raise ScenarioError(
                [f"{where}:{line}:{col}: {_loc_text(exc.path)}: {problem}"]
            ) from None
        raise ScenarioError([f"{where}:{line}:{col}: YAML error: {problem}"]) from None
    except yaml.YAMLError as exc:
        raise ScenarioError([f"{where}: YAML error: {' '.join(str(exc).split())}"]) from None
    except RecursionError:  # not expected: the composer stops at MAX_DEPTH
        raise ScenarioError([f"{where}: YAML error: nested too deeply"]) from None
    finally:
        if loader is not None:
            loader.dispose()
    if data is None:
        raise ScenarioError([f"{where}: file holds no parameters"])
    if not isinstance(data, dict):
        raise ScenarioError(
            [f"{where}: expected a mapping of parameters, got {type(data).__name__}"]
        )
    return data


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
            out += ("." if out else "") + _printable(str(part))
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
    if kind in ("model_type", "model_attributes_type", "dict_type") and err.get("input") is None:
        # `finance:` with nothing under it: usually its keys lost their indentation (and are
        # reported as unknown parameters at the top level).
        return "is empty — its keys must be indented under it (or delete the line)"
    msg = str(err["msg"])
    msg = re.sub(r"^(?:Input|String|List|Tuple|Dictionary) should ", "must ", msg)
    msg = re.sub(r"^Value error, ", "", msg)
    msg = msg.replace("a valid number", "a number")
    if "input" in err and not isinstance(err["input"], (dict,)) and kind != "value_error":
        got = err["input"]
        if isinstance(got, str) and kind in ("float_type", "int_type"):
            msg += f" (got text {_short(got)}; write a number without quotes)"
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
            cause = (err.get("ctx") or {}).get("error")
            if isinstance(cause, KeyProblems):
                # A cross-field rule names the keys it is about, below the group it checks.
                for sub, text in cause.problems:
                    full = (*loc, *sub)
                    problems.append(f"{_blame(full, layers)}: {_loc_text(full)}: {text}")
                continue
            where = _blame(loc, layers)
            problems.append(f"{where}: {_loc_text(loc)}: {_message(err)}")
        problems = sorted(dict.fromkeys(problems))
        if len(problems) > MAX_PROBLEMS:
            more = len(problems) - MAX_PROBLEMS
            where = layers[-1][0]
            problems = [*problems[:MAX_PROBLEMS], f"{where}: ... and {more} more problem(s)"]
        raise ScenarioError(problems) from None
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
    return validate(_japanese_with_its_english(merged, layers), layers)


def from_parameters(parameters: Mapping[str, Any], params_dir: Path | None = None) -> Scenario:
    """Validate parameters injected into a notebook by papermill (merged onto base first).

    Papermill runs by hand (``papermill nb.ipynb out.ipynb -f params/x.yaml``) inject only what
    the file holds (its ``name`` included); the builder injects the complete merged parameters.
    A ``name`` other than ``base`` brings in ``params/<name>.yaml`` under what was injected, so
    ``-p name musk_skeptic`` runs that scenario's numbers under its label; a name with no file
    and nothing else injected is refused (the label would not match the numbers).
    """
    folder = params_dir or PARAMS_DIR
    base_path = folder / f"{BASE_NAME}.yaml"
    base = read_yaml(base_path)
    given = {k: v for k, v in parameters.items() if v not in ({}, None, "")}
    layers = [(display_path(base_path), base)]
    name = given.get("name")
    if isinstance(name, str) and name != BASE_NAME and _NAME.match(name):
        path = folder / f"{name}.yaml"
        if path.exists():
            layers.append((display_path(path), read_yaml(path)))
        elif set(given) <= {"name"}:
            missing = f"{display_path(path)} not found"
            raise ScenarioError([f"notebook parameters: name: no scenario {name!r} ({missing})"])
    layers.append(("notebook parameters", given))
    merged: dict[str, Any] = {}
    for _, layer in layers:
        merged = deep_merge(merged, layer)
    merged.setdefault("name", BASE_NAME)
    return validate(_japanese_with_its_english(merged, layers), layers)


def _japanese_with_its_english(
    merged: dict[str, Any], layers: list[tuple[str, Mapping[str, Any]]]
) -> dict[str, Any]:
    """``merged`` without a Japanese title or description set apart from its English text.

    The last layer that sets ``title`` (``description``) decides: its ``title_ja``
    (``description_ja``) is kept, and none when it has none; a Japanese text inherited from
    base would describe another scenario.
    """
    for english, japanese in JAPANESE_KEYS.items():
        setters = [layer for _, layer in layers if english in layer]
        if setters and japanese not in setters[-1]:
            merged.pop(japanese, None)
    return merged


def list_scenarios(params_dir: Path | None = None) -> list[str]:
    """Scenario names in ``params_dir``: ``base`` first, then alphabetical.

    Raises:
        ScenarioError: a ``*.yaml`` entry is not a regular file (a FIFO, a device, a folder or
            a symlink to one): every command that lists scenarios would otherwise hang or read
            without end on it, so it is named and refused before anything reads it.
    """
    folder = params_dir or PARAMS_DIR
    names: list[str] = []
    problems: list[str] = []
    for path in sorted(folder.glob("*.yaml")):
        try:
            problem = _not_a_file(path, os.stat(path).st_mode)
        except OSError:
            problem = None  # gone or a broken link: loading it says so
        if problem:
            problems.append(problem)
        else:
            names.append(path.stem)
    if problems:
        raise ScenarioError(problems)
    return sorted(names, key=lambda n: (n != BASE_NAME, n))
