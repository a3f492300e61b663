"""Building blocks shared by every parameter group: fact-backed defaults, shares, base model."""

from __future__ import annotations

import unicodedata
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from stargate import facts

#: Key under ``json_schema_extra`` naming the fact a default comes from.
FACT_KEY = "fact"
#: Key under ``json_schema_extra`` naming a parameter's unit.
UNIT_KEY = "unit"


class Group(BaseModel):
    """Base of every parameter group: strict types, no unknown keys, no NaN or infinity.

    Strict mode keeps YAML's string/bool look-alikes from silently becoming numbers
    (``'1.2'`` stays an error, ``no`` never becomes 0).
    """

    model_config = ConfigDict(
        extra="forbid", strict=True, allow_inf_nan=False, frozen=True, validate_default=True
    )


def from_fact(
    fact_id: str,
    *,
    unit: str,
    help: str,
    scale: float = 1.0,
    cast: type = float,
    **bounds: Any,
) -> Any:
    """A pydantic ``Field`` whose default is the value of fact ``fact_id``.

    Args:
        fact_id: id in the facts register; resolved when a scenario is validated.
        unit: unit of the parameter (e.g. ``"USD"``, ``"fraction"``).
        help: one-line help shown by ``papermill --help-notebook`` and the docs.
        scale: multiply the fact's value by this (e.g. a fact in W for a parameter in kW).
        cast: ``float`` or ``int``.
        **bounds: pydantic bounds such as ``gt=0``, ``le=1``.
    """

    def _default() -> Any:
        return cast(facts.value(fact_id) * scale)

    return Field(
        default_factory=_default,
        description=help,
        json_schema_extra={FACT_KEY: fact_id, UNIT_KEY: unit},
        **bounds,
    )


def fact_behind(model: BaseModel, field: str) -> str | None:
    """The fact whose value ``model.field`` holds: its fact-backed default, still in effect.

    Compares the value with the default rather than asking whether a scenario file set the
    field, so the answer is the same however the parameters arrived (a scenario file, papermill
    by hand, or every value injected). Nothing is recorded as used.

    Returns:
        The fact id, or None when the field has no fact or holds another value.
    """
    info = type(model).model_fields[field]
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    fact_id = extra.get(FACT_KEY)
    if not fact_id:
        return None
    with facts.unrecorded():
        default = info.get_default(call_default_factory=True)
    return str(fact_id) if getattr(model, field) == default else None


def param(default: Any, *, unit: str, help: str, **bounds: Any) -> Any:
    """A pydantic ``Field`` whose default is a modelling choice, not a sourced figure.

    Use only for choices (a display currency, a random seed, a horizon); ``help`` says why.
    """
    extra = {UNIT_KEY: unit}
    if callable(default):
        return Field(default_factory=default, description=help, json_schema_extra=extra, **bounds)
    return Field(default=default, description=help, json_schema_extra=extra, **bounds)


Fraction = Annotated[float, Field(ge=0.0, le=1.0)]
"""A share between 0 and 1 (0.4 means 40 %)."""

Year = Annotated[int, Field(ge=2020, le=2060)]
"""A calendar year within the horizon the reports cover."""

#: First and last year of the plan the models follow year by year. The sustainability model's
#: ledger (``stargate.sustainability.YEARS``) runs from 2024, the last actual year, to 2030,
#: the last year OpenAI's projections reach; the plan, its capex and its funding rounds count
#: from ``PLAN_START_YEAR`` = 2025 (the announcement). A batch bought in 2024 would fall
#: before the funding need is counted, one bought after 2030 outside the ledger, and a round
#: outside 2025-2030 is dropped (earlier money is in ``openai.cash_2024_usd``), so a year a
#: scenario sets must lie in 2025-2030 or the reports would silently leave it out.
PLAN_FIRST_YEAR = 2025
PLAN_LAST_YEAR = 2030

PlanYear = Annotated[int, Field(ge=PLAN_FIRST_YEAR, le=PLAN_LAST_YEAR)]
"""A calendar year inside the models' horizon, 2025-2030 (see :data:`PLAN_FIRST_YEAR`)."""


class KeyProblems(ValueError):  # noqa: N818 - a ValueError pydantic reports as a value error
    """Problems a cross-field rule finds, each at a key path below the model that raises it.

    :func:`stargate.scenario.validate` prints one line per problem at the full key path
    (``fleet.batches[1].deploy_year: ...``) instead of one line at the group.

    Args:
        problems: ``(key path relative to the model, message)`` pairs.
    """

    def __init__(self, problems: list[tuple[tuple[str | int, ...], str]]):
        self.problems = list(problems)
        super().__init__("; ".join(f"{'.'.join(map(str, loc))}: {msg}" for loc, msg in problems))


#: Bidirectional-text controls: they reorder how the text around them is shown.
_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


def check_text(value: str, *, multiline: bool = False) -> str:
    """``value`` if it is non-blank printable text, else ValueError saying what is wrong.

    Refused: blank text (only spaces or invisible characters), control characters (category
    Cc, e.g. NUL, ESC, DEL, TAB, and a newline unless ``multiline``), line and paragraph
    separators, lone surrogates, and bidirectional-text controls. Control characters in a
    title abort the chart renderer and so every report; they also corrupt terminals and pages.
    """
    if all(ch.isspace() or unicodedata.category(ch) == "Cf" for ch in value):
        raise ValueError("must not be blank")
    for i, ch in enumerate(value, start=1):
        if multiline and ch == "\n":
            continue
        category = unicodedata.category(ch)
        if category in ("Cc", "Cs", "Zl", "Zp") or ch in _BIDI_CONTROLS:
            what = "a line break" if ch in "\n\r\u2028\u2029" else "a control character"
            raise ValueError(
                f"must be printable text: character {i} is U+{ord(ch):04X}, {what}"
                + ("" if multiline else " (one line only)" if what == "a line break" else "")
            )
    return value


def _line(value: str) -> str:
    return check_text(value, multiline=False)


def _paragraph(value: str) -> str:
    return check_text(value, multiline=True)


Title = Annotated[str, AfterValidator(_line)]
"""One line of printable text, not blank (a title, a label)."""

Paragraph = Annotated[str, AfterValidator(_paragraph)]
"""Printable text, not blank; newlines allowed (a description)."""
