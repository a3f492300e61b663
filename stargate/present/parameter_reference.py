"""The parameter reference: every key a scenario file may set, with unit, bounds, default, source.

Generated from the schema (``stargate/schema/``), so it cannot drift from what ``validate``
accepts: ``stargate params`` prints it, and ``docs/parameters.md`` is this text (a test checks
the committed file is current; ``make docs`` rewrites it).
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from annotated_types import Ge, Gt, Le, Lt, MaxLen, MinLen
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from stargate import facts
from stargate.present.formatting import format_number, format_usd
from stargate.scenario import META_KEYS, Scenario
from stargate.schema.common import FACT_KEY, UNIT_KEY


@dataclass(frozen=True)
class Parameter:
    """One key of a scenario file."""

    key: str
    unit: str
    bounds: str
    default: str
    fact_id: str
    help: str


def _models(annotation: Any) -> tuple[str, type[BaseModel]] | None:
    """The group model inside a field's type, with how it nests; None for a plain value.

    ``("", Model)`` for a group, ``("[]", Model)`` for a list of groups, ``("{}", Model)`` for
    a mapping to groups.
    """
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "", annotation
    origin = typing.get_origin(annotation)
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if origin in (list, tuple) and args:
        found = _models(args[0])
        return ("[]", found[1]) if found else None
    if origin is dict and len(args) == 2:
        found = _models(args[1])
        return ("{}", found[1]) if found else None
    if origin in (typing.Union, types.UnionType) and len(args) == 1:
        return _models(args[0])
    return None


def _bounds(info: FieldInfo) -> str:
    parts = []
    for item in info.metadata:
        if isinstance(item, Ge):
            parts.append(f"≥ {item.ge:g}")
        elif isinstance(item, Gt):
            parts.append(f"> {item.gt:g}")
        elif isinstance(item, Le):
            parts.append(f"≤ {item.le:g}")
        elif isinstance(item, Lt):
            parts.append(f"< {item.lt:g}")
        elif isinstance(item, MinLen) and item.min_length:
            parts.append(f"at least {item.min_length} long")
        elif isinstance(item, MaxLen):
            parts.append(f"at most {item.max_length} long")
    return ", ".join(parts)


def _default(info: FieldInfo, unit: str) -> str:
    if info.is_required():
        return "(required)"
    with facts.unrecorded():
        value = info.get_default(call_default_factory=True)
    if isinstance(value, BaseModel):
        return "(group)"
    if isinstance(value, float | int) and not isinstance(value, bool):
        if unit.startswith("USD"):
            return format_usd(float(value))
        return str(value) if isinstance(value, int) or unit == "year" else format_number(value)
    if isinstance(value, list | tuple | dict):
        return f"({len(value)} entries)" if value else "(none)"
    return "(none)" if value is None else str(value)


def list_parameters(model: type[BaseModel] = Scenario, prefix: str = "") -> Iterator[Parameter]:
    """Every leaf key of ``model`` (default: a whole scenario), depth first, in schema order."""
    for name, info in model.model_fields.items():
        if not prefix and name in META_KEYS:
            continue
        key = f"{prefix}{name}"
        nested = _models(info.annotation)
        if nested:
            suffix, sub = nested
            yield from list_parameters(sub, f"{key}{suffix}.")
            continue
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        yield Parameter(
            key=key,
            unit=str(extra.get(UNIT_KEY, "")),
            bounds=_bounds(info),
            default=_default(info, str(extra.get(UNIT_KEY, ""))),
            fact_id=str(extra.get(FACT_KEY, "")),
            help=" ".join((info.description or "").split()),
        )


def _cell(text: str) -> str:
    return text.replace("|", "\\|") or "—"


def render_markdown() -> str:
    """The reference as Markdown: one table per group of keys."""
    lines = [
        "# Scenario parameters",
        "",
        "Every key a scenario file (`params/*.yaml`) may set, generated from `stargate/schema/`",
        "(`stargate params` prints the same). A key is written as its path:",
        "`finance.utilization_rate` is `utilization_rate` under `finance:`; `[]` is an item of a",
        "list and `{}` a value of a mapping. The default is the value of the fact named beside",
        "it, from `stargate/data/facts/`.",
        "",
        "## The scenario's own text",
        "",
        "| key | what it is |",
        "|---|---|",
    ]
    for name in META_KEYS:
        info = Scenario.model_fields[name]
        lines.append(f"| `{name}` | {_cell(' '.join((info.description or '').split()))} |")
    group = None
    for p in list_parameters():
        top = p.key.split(".", 1)[0].rstrip("[]{}")
        if top != group:
            group = top
            lines += [
                "",
                f"## `{group}`",
                "",
                "| key | unit | bounds | default | fact | what it is |",
                "|---|---|---|---|---|---|",
            ]
        fact = f"`{p.fact_id}`" if p.fact_id else "—"
        lines.append(
            f"| `{p.key}` | {_cell(p.unit)} | {_cell(p.bounds)} | {_cell(p.default)} | {fact} "
            f"| {_cell(p.help)} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(render_markdown(), end="")


def notebook_parameter_names() -> dict[str, str]:
    """Names a notebook accepts as papermill parameters, each mapped to its key path.

    A key whose last part is unique in the schema is accepted under that name
    (``utilization_rate`` → ``finance.utilization_rate``); any other under its path with
    ``__`` for the dots (``fleet__specs__GB200__chip_power_w``: papermill's ``-p`` takes only
    Python names). Items of lists (batches, funding rounds) are set through their group
    (``-y "fleet: {batches: [...]}"``).
    """
    scalars = [p.key for p in list_parameters() if "[]" not in p.key and "{}" not in p.key]
    counts: dict[str, int] = {}
    for key in scalars:
        leaf = key.rsplit(".", 1)[-1]
        counts[leaf] = counts.get(leaf, 0) + 1
    names = {}
    for key in scalars:
        leaf = key.rsplit(".", 1)[-1]
        names[leaf if counts[leaf] == 1 else key.replace(".", "__")] = key
    return names


def parameters_cell_source() -> str:
    """The source of every report notebook's ``parameters`` cell, generated from the schema.

    Groups take a scenario file's mapping (``papermill -f params/x.yaml``); every other name
    sets one key (``papermill -p utilization_rate 0.75``). All default to empty: "as in
    ``params/base.yaml``". ``papermill --help-notebook`` lists each with its unit, default and
    what it is.
    """
    by_key = {p.key: p for p in list_parameters()}
    lines = [
        "# fmt: off",
        "# Scenario parameters, generated from stargate/schema/ (tests check it is current).",
        "# papermill -f params/<scenario>.yaml injects a scenario file; -p name <scenario> runs a",
        "# shipped scenario; -p <key> <value> sets one key (docs/parameters.md lists them all).",
        "# Empty values mean 'as in params/base.yaml'.",
        'name: str = "base"  # scenario id (file name in params/)',
        'title: str = ""  # scenario title',
        'description: str = ""  # what the scenario assumes',
        'title_ja: str = ""  # the title in Japanese (optional)',
        'description_ja: str = ""  # the description in Japanese (optional)',
    ]
    for field in Scenario.model_fields:
        if field in META_KEYS:
            continue
        lines.append(f"{field}: dict = {{}}  # the {field} group, as in a scenario file")
    for name, key in notebook_parameter_names().items():
        p = by_key[key]
        unit = f"{p.unit}, " if p.unit else ""
        fact = f" ({p.fact_id})" if p.fact_id else ""
        lines.append(f"{name}: object = None  # {key}: {unit}default {p.default}{fact}")
    lines.append("# fmt: on")
    return "\n".join(lines)
