"""The facts register: every sourced figure the reports use, with its provenance.

The register lives in ``stargate/data/facts/*.yaml`` (one file per section of the research
register, plus the seed article's claims kept apart in ``00_article_claims.yaml``). Each row is
validated into a :class:`Fact` when first loaded; look-ups are recorded so that a report can list
exactly the facts it used (:func:`used`, :func:`sources_table`).

Values are stored in base units (USD, not USD bn; fractions 0–1, not %), named by ``unit``.
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Iterable, Iterator
from importlib import resources
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

#: Units a fact may carry. Amounts are nominal; rates are per year unless the unit says otherwise.
KNOWN_UNITS: frozenset[str] = frozenset(
    {
        "USD",
        "USD/year",
        "USD/GPU",
        "USD/rack",
        "USD/MW",
        "USD/GW",
        "USD/GPU-hour",
        "USD/MWh",
        "USD/MMBtu",
        "JPY",
        "JPY/USD",
        "W",
        "kW",
        "MW",
        "GW",
        "GPU",
        "count",
        "jobs",
        "users",
        "years",
        "year",
        "fraction",
        "ratio",
        "PFLOPS",
        "text",
    }
)

Confidence = Literal["H", "M-H", "M", "L-M", "L"]
Kind = Literal["evidence", "derived", "claim", "assumption"]
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class Source(BaseModel):
    """Where a fact comes from: the copy actually read, and the original outlet if different."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    publisher: str = Field(min_length=1)
    title: str = Field(min_length=1)
    date: str = Field(description="Publication date, YYYY, YYYY-MM or YYYY-MM-DD")
    url: str | None = None

    @model_validator(mode="after")
    def _check_date(self) -> Source:
        if not _DATE.match(self.date):
            raise ValueError(f"source date must be YYYY[-MM[-DD]] (got {self.date!r})")
        return self


class Fact(BaseModel):
    """One row of the register.

    ``value`` is the point the model uses; ``low`` / ``high`` keep a range where sources give one,
    and ``chosen_why`` says why the point was chosen inside it. ``kind`` separates evidence from
    figures derived from other rows, from the seed article's own (unsourced) claims, and from
    modelling assumptions (a figure no source gives, such as a cost of capital: its ``note``
    says why this value, and the reports sweep it in their sensitivity analysis).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    kind: Kind
    value: float | str
    low: float | None = None
    high: float | None = None
    unit: str
    as_of: str
    what: str = Field(min_length=1)
    source: Source
    confidence: Confidence
    note: str = ""
    chosen_why: str = ""
    derived_from: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _check(self) -> Fact:
        if self.unit not in KNOWN_UNITS:
            raise ValueError(f"unknown unit {self.unit!r}")
        if not _DATE.match(self.as_of):
            raise ValueError(f"as_of must be YYYY[-MM[-DD]] (got {self.as_of!r})")
        if isinstance(self.value, str) and self.unit != "text":
            raise ValueError("a text value needs unit 'text'")
        if (self.low is None) != (self.high is None):
            raise ValueError("low and high go together")
        if self.low is not None:
            if not isinstance(self.value, float):
                raise ValueError("a range needs a numeric value")
            if not self.low <= self.value <= self.high:
                raise ValueError(f"value {self.value} outside [{self.low}, {self.high}]")
            if not self.chosen_why:
                raise ValueError("a range needs chosen_why")
        if self.kind == "derived" and not self.derived_from:
            raise ValueError("a derived fact names the rows it is derived from (derived_from)")
        return self

    @property
    def is_range(self) -> bool:
        """True when sources give a range rather than one figure."""
        return self.low is not None

    def citation(self) -> str:
        """One-line citation: publisher, title, date."""
        return f"{self.source.publisher}, “{self.source.title}”, {self.source.date}"


class FactsError(Exception):
    """The register itself is malformed (a bug in the shipped data, not user input)."""


class UnknownFactError(KeyError):
    """A fact id that is not in the register."""


def _data_files() -> list[Any]:
    folder = resources.files("stargate") / "data" / "facts"
    return sorted((p for p in folder.iterdir() if p.name.endswith(".yaml")), key=lambda p: p.name)


@functools.cache
def _register() -> dict[str, Fact]:
    rows: dict[str, Fact] = {}
    problems: list[str] = []
    for path in _data_files():
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        if not isinstance(data, list):
            problems.append(f"{path.name}: expected a list of facts")
            continue
        for i, raw in enumerate(data):
            where = f"{path.name}[{i}] {raw.get('id', '?') if isinstance(raw, dict) else '?'}"
            try:
                fact = Fact.model_validate(raw)
            except ValidationError as exc:
                for err in exc.errors():
                    loc = ".".join(str(p) for p in err["loc"])
                    problems.append(f"{where}: {loc}: {err['msg']}")
                continue
            if fact.id in rows:
                problems.append(f"{where}: duplicate id {fact.id!r}")
            rows[fact.id] = fact
    for fact in rows.values():
        for dep in fact.derived_from:
            if dep not in rows:
                problems.append(f"{fact.id}: derived_from names unknown fact {dep!r}")
    if problems:
        raise FactsError("facts register is invalid:\n" + "\n".join(problems))
    return rows


_used: dict[str, None] = {}


def all_facts() -> dict[str, Fact]:
    """Every fact in the register, by id (not recorded as used)."""
    return dict(_register())


def get(fact_id: str) -> Fact:
    """Return the fact ``fact_id`` and record it as used by the current report."""
    try:
        fact = _register()[fact_id]
    except KeyError:
        raise UnknownFactError(f"unknown fact id {fact_id!r}") from None
    _used[fact_id] = None
    return fact


def value(fact_id: str) -> float:
    """Return the numeric point value of ``fact_id`` (recorded as used)."""
    fact = get(fact_id)
    if not isinstance(fact.value, float):
        raise TypeError(f"fact {fact_id!r} is text, not a number")
    return fact.value


def exists(fact_id: str) -> bool:
    """True when ``fact_id`` is in the register."""
    return fact_id in _register()


def used() -> list[str]:
    """Fact ids looked up since the process started (or since :func:`reset_used`), in order."""
    return list(_used)


def reset_used() -> None:
    """Forget which facts were used (a report calls this at its start)."""
    _used.clear()


@contextlib.contextmanager
def unrecorded() -> Iterator[None]:
    """Look facts up without recording them as used (e.g. to compare a value with a default)."""
    saved = dict(_used)
    try:
        yield
    finally:
        _used.clear()
        _used.update(saved)


def with_inputs(fact_ids: Iterable[str]) -> list[str]:
    """``fact_ids``, each followed by the rows it is derived from (recursively), no repeats.

    A reader who sees a derived figure in a sources table also sees what it was worked out from.
    """
    register = _register()
    found: dict[str, None] = {}

    def visit(fact_id: str) -> None:
        if fact_id in found:
            return
        found[fact_id] = None
        if fact_id in register:
            for dep in register[fact_id].derived_from:
                visit(dep)

    for fact_id in fact_ids:
        visit(fact_id)
    return list(found)


def record(fact_ids: Iterable[str]) -> None:
    """Mark ``fact_ids`` as used (e.g. the facts behind scenario defaults a report relies on)."""
    for fact_id in fact_ids:
        get(fact_id)


def format_value(value: float, unit: str) -> str:
    """Show a fact's value for readers: ``$27,500``, ``40 %``, ``1,200``, ``0.989``."""
    from stargate.present.formatting import format_usd

    if unit.startswith("USD"):
        return format_usd(value)
    if unit == "fraction":
        return f"{value * 100:.4g} %"
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.4g}"


def sources_table(fact_ids: Iterable[str] | None = None):
    """Return a DataFrame listing ``fact_ids`` (default: :func:`used`) with their sources.

    Columns: id, kind, what, value, unit, as_of, source, url, confidence. Claims of the seed
    article are labelled as such so a reader never mistakes them for evidence.
    """
    import pandas as pd

    ids = list(dict.fromkeys(fact_ids if fact_ids is not None else used()))
    rows = []
    for fact_id in ids:
        f = _register()[fact_id] if fact_id in _register() else get(fact_id)
        shown = f.value
        if f.is_range:
            low, high = format_value(f.low, f.unit), format_value(f.high, f.unit)
            shown = f"{format_value(f.value, f.unit)} (range {low}–{high})"
        elif isinstance(shown, float):
            shown = format_value(shown, f.unit)
        rows.append(
            {
                "id": f.id,
                "kind": f.kind,
                "what": f.what,
                "value": shown,
                "unit": f.unit,
                "as_of": f.as_of,
                "source": f.citation(),
                "url": f.source.url or "",
                "confidence": f.confidence,
            }
        )
    return pd.DataFrame(
        rows,
        columns=["id", "kind", "what", "value", "unit", "as_of", "source", "url", "confidence"],
    )
