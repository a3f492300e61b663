"""The moving label: how “Stargate” grew over 2025, and what kind of promise each figure is.

The steps are data (``data/tables/label_timeline.yaml``, facts.md caveats 2 and 8): a stated
intention, a reported plan, agreements, a contract, a letter of intent, plans, loans, a filing.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict

from stargate import facts, tables
from stargate.model.provenance import citations, confidence_floor


class LabelStep(BaseModel):
    """One dated step of the label (a row of ``label_timeline.yaml``).

    ``event`` may hold ``{fact_id}`` / ``{fact_id|as written}`` placeholders for amounts,
    filled in at display.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)
    date: str
    event: str
    status: str
    usd_fact: str | None = None
    gw_fact: str | None = None
    other_facts: tuple[str, ...] = ()


def trace_label_timeline() -> pd.DataFrame:
    """How “Stargate” grew from the January 2025 plan, and what kind of promise each step is.

    Returns:
        Columns ``date``, ``event`` (placeholders unfilled), ``status`` (stated intention,
        reported plan, agreement, contract, letter of intent, plan, loans, filing, report),
        ``gw`` and ``usd`` (NaN where the step gives none), ``fact_ids``, ``source``,
        ``confidence``.
    """
    rows = []
    for step in tables.load_table("label_timeline", LabelStep):
        ids = tuple(i for i in (step.usd_fact, step.gw_fact, *step.other_facts) if i is not None)
        rows.append(
            {
                "date": step.date,
                "event": step.event,
                "status": step.status,
                "gw": facts.value(step.gw_fact) if step.gw_fact else np.nan,
                "usd": facts.value(step.usd_fact) if step.usd_fact else np.nan,
                "fact_ids": ", ".join(ids),
                "source": citations(ids),
                "confidence": confidence_floor(ids),
            }
        )
    return pd.DataFrame(rows)
