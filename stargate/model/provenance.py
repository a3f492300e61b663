"""Provenance of a figure in a model table: the facts it comes from, their sources and confidence.

Every table of the investor-roles model carries, per row, the fact ids behind its figures, their
citations and the weakest confidence among them — or says that the scenario file set the value.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from stargate import facts
from stargate.scenario import Scenario

#: Confidence grades of the register, weakest first.
CONFIDENCE_ORDER: tuple[str, ...] = ("L", "L-M", "M", "M-H", "H")


def confidence_floor(fact_ids: Iterable[str]) -> str:
    """The lowest confidence among ``fact_ids`` (a chain is as strong as its weakest link).

    Returns ``""`` when there are no facts.
    """
    levels = [facts.get(i).confidence for i in fact_ids]
    if not levels:
        return ""
    return min(levels, key=CONFIDENCE_ORDER.index)


def citations(fact_ids: Iterable[str]) -> str:
    """Citations of ``fact_ids``, de-duplicated, joined by '; '."""
    return "; ".join(dict.fromkeys(facts.get(i).citation() for i in fact_ids))


def scenario_or_fact(value: float, fact_id: str, scenario: Scenario) -> tuple[str, str, str]:
    """Provenance of a scenario value that defaults to ``fact_id``.

    Returns:
        ``(fact ids, source, confidence)``: the fact's when the value is the fact's value,
        otherwise the scenario file's (confidence ``"scenario"``). The value decides, as in
        :func:`stargate.schema.common.fact_behind`, not whether a file set the field.
    """
    fact = facts.all_facts()[fact_id]  # not recorded as used unless its value is the one used
    if isinstance(fact.value, float) and np.isclose(value, fact.value, rtol=1e-12, atol=0.0):
        facts.record([fact_id])
        return fact_id, fact.citation(), fact.confidence
    return "", f"this scenario ({scenario.title}); the register's figure differs", "scenario"
