"""Building blocks shared by every parameter group: fact-backed defaults, shares, base model."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

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
