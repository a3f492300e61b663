"""Tables of the register: parties, payment flows, timelines, reference classes — data, not code.

A table is ``stargate/data/tables/<name>.yaml``: a mapping with a ``description`` (what the table
is, where its rows come from) and ``rows`` (a list of mappings). Each caller names the pydantic
model of its rows, so a table is validated as strictly as the facts register: unknown keys,
missing keys and wrong types fail at load with the file and row named. Rows cite their evidence
through fact ids (any field named ``fact_id`` / ``fact_ids`` / ending in ``_fact``), and every id
must exist in the register: a table cannot cite what the sources table would not list.

Like the facts, tables are read with PyYAML's safe loader; the files are the project's own.
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from stargate import facts

Row = TypeVar("Row", bound=BaseModel)


class TableError(Exception):
    """A shipped table is malformed (a bug in the package's data, not user input)."""


def _table_path(name: str) -> Any:
    return resources.files("stargate") / "data" / "tables" / f"{name}.yaml"


@functools.cache
def _raw(name: str) -> dict[str, Any]:
    path = _table_path(name)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=facts.YAML_LOADER)
    except FileNotFoundError as exc:
        raise TableError(f"data/tables/{name}.yaml: no such table") from exc
    if not isinstance(data, dict) or not isinstance(data.get("rows"), list):
        raise TableError(f"data/tables/{name}.yaml: needs a mapping with 'description' and 'rows'")
    if not str(data.get("description", "")).strip():
        raise TableError(f"data/tables/{name}.yaml: 'description' says what the table is")
    return data


def _cited_ids(row: dict[str, Any]) -> list[str]:
    ids: list[str] = []
    for key, value in row.items():
        if key in ("fact_id", "fact_ids") or key.endswith("_fact") or key.endswith("_facts"):
            if isinstance(value, str):
                ids.append(value)
            elif isinstance(value, list | tuple):
                ids.extend(str(v) for v in value)
    return ids


@functools.cache
def load_table(name: str, row_model: type[Row]) -> tuple[Row, ...]:
    """The rows of table ``name``, each validated as ``row_model``; cached per process.

    Raises:
        TableError: the file is missing or malformed, a row does not fit ``row_model``, or a
            row cites a fact id the register does not hold (the message names file and row).
    """
    data = _raw(name)
    rows: list[Row] = []
    for number, raw in enumerate(data["rows"], start=1):
        where = f"data/tables/{name}.yaml: row {number}"
        if not isinstance(raw, dict):
            raise TableError(f"{where}: a row is a mapping")
        try:
            rows.append(row_model.model_validate(raw))
        except ValidationError as exc:
            first = exc.errors()[0]
            loc = ".".join(str(p) for p in first["loc"])
            raise TableError(f"{where}: {loc}: {first['msg']}") from exc
        for fact_id in _cited_ids(raw):
            if not facts.exists(fact_id):
                raise TableError(f"{where}: cites unknown fact id {fact_id!r}")
    return tuple(rows)


def describe_table(name: str) -> str:
    """The table's ``description`` (what it is and where its rows come from)."""
    return str(_raw(name)["description"]).strip()


#: The fields of each table whose text readers see on a page (cells, labels), in the English
#: the catalog's msgids are written in: the Japanese edition translates them through the
#: catalog at presentation time (:mod:`stargate.present.data_text`), and ``make translations``
#: extracts them (:func:`stargate.present.i18n.extract_table_texts`). A text may hold
#: ``{fact_id}`` placeholders: the msgid is the text as written, placeholders unfilled. Fields
#: not listed are keys, ids or numbers; a new reader-visible field is added here once.
TEXT_FIELDS: dict[str, tuple[str, ...]] = {
    "parties": ("party", "commitment_what", "commitment_kind"),
    "party_roles": ("role",),
    "payment_flows": ("payer", "payee", "what", "status"),
    "capital_layers": ("scope", "owner", "label", "funder", "instrument", "terms", "why"),
    "label_timeline": ("event", "status"),
    "musk_check": ("who", "kind", "what", "label"),
    "openai_commitments": ("counterparty", "what", "status", "ramp_why"),
    "precedents": ("project", "promised", "outcome", "gap"),
    "reference_classes": ("component", "reference_class", "why", "in_model"),
    "sites": ("name", "location", "developer", "operator", "financier", "capacity_note", "status"),
}


def reader_texts(name: str) -> list[tuple[int, str, str]]:
    """The reader-visible texts of table ``name`` (:data:`TEXT_FIELDS`), in file order.

    Returns:
        ``(row number, field, text)`` for each non-empty text (1-based rows; a table with no
        declared fields has none).
    """
    fields = TEXT_FIELDS.get(name, ())
    found = []
    for number, row in enumerate(_raw(name)["rows"], start=1):
        for field in fields:
            text = row.get(field) if isinstance(row, dict) else None
            if isinstance(text, str) and text.strip():
                found.append((number, field, text))
    return found


def N_(message: str) -> str:  # noqa: N802 - gettext's "mark for the catalog" (no-op here)
    """Mark ``message`` as a msgid: data and model code write English; the page translates it.

    Babel extracts ``N_(...)`` by default; :mod:`stargate.present.i18n` translates at display.
    """
    return message
