"""Capital structure: who owns and funds each layer of the programme, and the one reconciliation.

The layers (land, buildings and power plant; GPUs, servers and networking; the compute contract;
electricity) and the money reported in each are data (``data/tables/capital_layers.yaml``): who
owns the layer at a site, who lends or invests, on what terms where the register has them.

:func:`reconcile_venture_funding` is the **one** reconciliation every venture figure of the
reports is a line of. Over the years up to the venture's peak cash need (the year it is most
out of pocket):

    programme capex + IT refresh + running costs − revenue from OpenAI
        = the venture's cash need at its peak            (the Monte Carlo's venture need, point)
    − the partners' equity
    − each named loan and lessor's or developer's capital, tied to the layer it pays for at its
      sites and never counted above that layer's capex there
        = the venture's funding gap: cash need no equity or named funder covers
                                                          (the headline ``funding_gap_usd`` and
                                                           the Monte Carlo's venture gap)
    and then, conditionally, below the gap:
    (−) debt the venture could raise at the assumed leverage (no lender named)
    (=) left if that debt is raised

The assumed leverage (``funding.max_debt_to_equity_ratio``, 1.68× from Abilene) is derived from
Abilene's own loans, which are also a named funder. So it is read as a cap on **all** the debt
in the programme's structure: at most that many dollars of debt per dollar of equity in it (the
partners' equity used plus the named developers' own capital counted), less the named loans
already counted. The named loans fund the venture's layers and are repaid from its revenue
(through Oracle's leases), so they are the venture's debt in all but the borrower's name;
counting the full leverage on the partners' equity beside them would count Abilene's leverage
twice.

Oracle buys and owns Abilene's GPUs. The venture model earns OpenAI's payments for every
GPU-hour of the programme, Abilene's included, so the GPUs are the venture's to pay for and
Oracle's purchase is **not** counted as a funder (it is listed with that reason): one or the
other, never both the rent and the GPUs.

Money that funds a party rather than the programme (NVIDIA's and Microsoft's investments in
OpenAI, Oracle's bonds, SoftBank's bridge loan) is listed with the reason it is not counted:
OpenAI's corporate funding need is a separate object (:mod:`stargate.model.openai_path`).

Pure functions of a validated :class:`~stargate.scenario.Scenario`; amounts in nominal USD.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict

from stargate import facts, tables
from stargate.model import costs, openai_path, programme, sites, venture
from stargate.model.parties import PARTY_NAMES, equity_usd_by_party
from stargate.model.provenance import citations, confidence_floor
from stargate.scenario import Scenario
from stargate.schema.funding import EQUITY_PARTIES
from stargate.tables import N_

Layer = Literal["facility", "it", "contract", "power", "parties"]

#: Readers' names of the layers, in reading order.
LAYER_NAMES: dict[str, str] = {
    "facility": "Land, buildings & power plant",
    "it": "GPUs, servers & networking",
    "contract": "The compute contract",
    "power": "Electricity",
    "parties": "Money for the parties, not the programme",
}

#: What "not reported" reads as in a terms column.
NOT_REPORTED = "not reported"


class CapitalRow(BaseModel):
    """One layer of one site (or of the programme) and the money in it (``capital_layers.yaml``).

    ``terms`` may hold ``{fact_id}`` placeholders, filled in at display.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)
    layer: Layer
    scope: str
    sites: tuple[str, ...] = ()
    owner: str
    owner_facts: tuple[str, ...] = ()
    funder: str
    label: str = ""
    party: str | None = None
    instrument: str
    amount_facts: tuple[str, ...] = ()
    rate_facts: tuple[str, ...] = ()
    tenor_facts: tuple[str, ...] = ()
    terms: str = ""
    terms_facts: tuple[str, ...] = ()
    counted: bool
    is_debt: bool = False
    why: str


def load_capital_layers() -> tuple[CapitalRow, ...]:
    """The rows of ``data/tables/capital_layers.yaml``, checked against the sites table.

    Raises:
        ValueError: a row names a site the sites table does not hold, or a counted row has no
            amount or no site to tie it to.
    """
    known = {s.id for s in sites.load_sites()}
    rows = tables.load_table("capital_layers", CapitalRow)
    for row in rows:
        unknown = [s for s in row.sites if s not in known]
        if unknown:
            raise ValueError(f"capital_layers: {row.funder}: unknown sites {unknown}")
        if row.counted and not (row.amount_facts and row.sites):
            raise ValueError(f"capital_layers: {row.funder}: a counted row needs amount and sites")
    return rows


def _amount_usd(fact_ids: tuple[str, ...]) -> float:
    """Sum of the facts in USD (NaN when none is given or any is not in USD)."""
    if not fact_ids or any(facts.get(i).unit != "USD" for i in fact_ids):
        return float("nan")
    return float(sum(facts.value(i) for i in fact_ids))


def _fact_text(fact_ids: tuple[str, ...], unit: str) -> str:
    """The facts' values (``4``), all in ``unit``, or :data:`NOT_REPORTED` when none is given.

    Raises:
        ValueError: a fact in another unit (the column names the unit).
    """
    if not fact_ids:
        return NOT_REPORTED
    for i in fact_ids:
        if facts.get(i).unit != unit:
            raise ValueError(f"capital_layers: {i} is in {facts.get(i).unit}, not {unit}")
    return ", ".join(f"{facts.value(i):g}" for i in fact_ids)


def list_capital_layers() -> pd.DataFrame:
    """Every layer, owner and funder as the evidence reports them, dated and sourced.

    Returns:
        One row per ``capital_layers.yaml`` row: ``layer`` (reader's name), ``scope``,
        ``owner``, ``funder``, ``instrument``, ``amount_usd`` (NaN: not reported), ``rate``
        (fraction a year) and ``tenor`` (years), from the register, else "not reported",
        ``terms`` (placeholders unfilled), ``as_of`` (latest date of the amount's facts; ""
        when none), ``is_counted``, ``why``, ``fact_ids``, ``source``, ``confidence``.
    """
    out = []
    for row in load_capital_layers():
        ids = tuple(
            dict.fromkeys(
                (*row.amount_facts, *row.owner_facts, *row.rate_facts, *row.tenor_facts)
                + row.terms_facts
            )
        )
        dates = [facts.get(i).as_of for i in row.amount_facts]
        out.append(
            {
                "layer": LAYER_NAMES[row.layer],
                "scope": row.scope,
                "owner": row.owner,
                "funder": row.funder,
                "instrument": row.instrument,
                "amount_usd": _amount_usd(row.amount_facts),
                "rate": _fact_text(row.rate_facts, "fraction"),
                "tenor": _fact_text(row.tenor_facts, "years"),
                "terms": row.terms,
                "as_of": max(dates) if dates else "",
                "is_counted": row.counted,
                "why": row.why,
                "fact_ids": ", ".join(ids),
                "source": citations(ids),
                "confidence": confidence_floor(ids),
            }
        )
    return pd.DataFrame(out)


# =========================================================================== the venture's cash


def compute_cash_need_by_year(scenario: Scenario) -> pd.DataFrame:
    """The venture's uses of cash and its revenue per year of the plan, 2025-2030 (USD).

    From the venture model at the scenario's point (:func:`stargate.model.openai_path.
    compute_venture_path`): ``programme_capex_usd`` (initial build), ``refresh_usd`` (IT
    replaced at the end of its life), ``running_usd`` (power, maintenance, staff),
    ``revenue_usd`` (OpenAI's payments), ``deferred_capex_usd`` (initial-build capex a delay
    or slip moves past 2030, still owed: counted in 2030, the model's last year),
    ``cash_need_usd`` (the five netted: money the venture must find that year),
    ``cumulative_need_usd`` and ``in_reconciliation`` (years up to the
    peak of the cumulative need, which the reconciliation covers).
    """
    path = openai_path.compute_venture_path(scenario)
    path = path.loc[programme.PLAN_YEARS[0] :]
    deferred = pd.Series(0.0, index=path.index)
    deferred.iloc[-1] = venture.deferred_capex_usd(scenario)
    table = pd.DataFrame(
        {
            "programme_capex_usd": path["capex_usd"] - path["refresh_usd"],
            "refresh_usd": path["refresh_usd"],
            "running_usd": path["opex_usd"],
            "revenue_usd": path["revenue_usd"],
            "deferred_capex_usd": deferred,
            "cash_need_usd": path["deficit_usd"] + deferred,
        }
    )
    table["cumulative_need_usd"] = table["cash_need_usd"].cumsum()
    peak = _peak_year(table)
    table["in_reconciliation"] = table.index <= peak
    table.index.name = "year"
    return table


def _peak_year(table: pd.DataFrame) -> int:
    """First year at which the cumulative need reaches its maximum."""
    cumulative = table["cash_need_usd"].cumsum()
    return int(cumulative.idxmax())


def site_layer_capex_usd(scenario: Scenario, until_year: int) -> pd.DataFrame:
    """Capex of each site's facility and IT layers energised up to ``until_year`` (USD).

    The programme's own arithmetic per site (:func:`stargate.model.sites.schedule_table`):
    IT MW = GW × 1000 ÷ PUE; facility = IT MW × facility capex per MW of IT; IT = GPUs (IT MW ÷
    all-in IT W per GPU) × (accelerator + other IT per GPU); the point overruns in. Empty for a
    scenario that sets its own fleet (no site is in it).

    Returns:
        Indexed by ``site_id``: ``facility_usd``, ``it_usd``.
    """
    empty = pd.DataFrame(
        {"facility_usd": [], "it_usd": []}, index=pd.Index([], name="site_id", dtype=str)
    )
    if not sites.uses_programme_fleet(scenario):
        return empty
    table = sites.schedule_table(scenario)
    table = table[table["in_horizon"] & (table["year"] <= until_year)]
    if table.empty:
        return empty
    factors = costs.overrun_factors(scenario)
    pue = scenario.facility.pue
    per_mw = scenario.facility.facility_capex_usd_per_mw_it * factors["facility"]
    rows = []
    for r in table.itertuples():
        it_mw = float(r.gw) * 1000.0 / pue
        spec = scenario.fleet.specs[str(r.generation)]
        gpus = it_mw * 1e6 / spec.it_power_w_per_gpu
        it_per_gpu = (
            spec.accelerator_price_usd * factors["accelerators"]
            + spec.other_it_capex_usd_per_gpu * factors["other_it"]
        )
        rows.append(
            {"site_id": r.site_id, "facility_usd": it_mw * per_mw, "it_usd": gpus * it_per_gpu}
        )
    return pd.DataFrame(rows).groupby("site_id")[["facility_usd", "it_usd"]].sum()


def tie_named_finance(scenario: Scenario, until_year: int | None = None) -> pd.DataFrame:
    """Each counted funder's money, tied to the layer it pays for at its sites (USD).

    A funder's reported amount counts up to the capex of its layer at its sites energised by
    ``until_year`` (default: the reconciliation's peak year); funders sharing a layer at the
    same sites fill it in table order (loans first, then the owners' capital), so no dollar of
    capex is counted twice.

    Returns:
        One row per counted row of ``capital_layers.yaml``: ``funder``, ``party``, ``layer``,
        ``scope``, ``instrument``, ``reported_usd``, ``layer_capex_usd`` (the layer's capex at
        those sites, shared with the other funders of the same layer and sites),
        ``tied_usd`` (≤ both), ``is_debt`` (a loan; else an owner's own capital), ``fact_ids``,
        ``source``, ``confidence``.
    """
    if until_year is None:
        until_year = _peak_year(compute_cash_need_by_year(scenario))
    capex = site_layer_capex_usd(scenario, until_year)
    column = {"facility": "facility_usd", "it": "it_usd"}
    room: dict[tuple[str, tuple[str, ...]], float] = {}
    rows = []
    for row in load_capital_layers():
        if not row.counted:
            continue
        key = (row.layer, row.sites)
        layer_capex = float(capex.reindex(list(row.sites))[column[row.layer]].fillna(0.0).sum())
        left = room.setdefault(key, layer_capex)
        reported = _amount_usd(row.amount_facts)
        tied = min(reported, left)
        room[key] = left - tied
        rows.append(
            {
                "funder": row.funder,
                "label": row.label or row.funder,
                "party": row.party or "",
                "layer": LAYER_NAMES[row.layer],
                "scope": row.scope,
                "instrument": row.instrument,
                "reported_usd": reported,
                "layer_capex_usd": layer_capex,
                "tied_usd": tied,
                "is_debt": row.is_debt,
                "fact_ids": ", ".join(row.amount_facts),
                "source": citations(row.amount_facts),
                "confidence": confidence_floor(row.amount_facts),
            }
        )
    return pd.DataFrame(rows)


# =========================================================================== the reconciliation

LineKind = Literal["use", "revenue", "subtotal", "source", "gap", "if_source", "if_subtotal"]


#: Which published figure each subtotal is (``figure`` of the reconciliation's rows; msgids).
FIGURES: dict[str, str] = {
    "programme_capex": N_("programme capex (every report's headline)"),
    "cash_need": N_("the Monte Carlo's venture need at the point values"),
    "funding_gap": N_("the headline funding gap; the Monte Carlo's venture gap"),
    "left_after_debt": N_("the leverage chart's line at the assumed leverage"),
}

#: Reader's words of the reconciliation's lines: templates (msgids) the line's ``values`` fill
#: (``{span}``: the years covered; ``{peak}``: the peak year; ``{name}``: a partner;
#: ``{funder}``, ``{instrument}``, ``{scope}``: a named funder's texts in capital_layers.yaml).
LINE_TEXTS: dict[str, str] = {
    "programme_capex": N_("Programme capex, initial build, {span}"),
    "refresh": N_("IT replaced at the end of its life, {span}"),
    "running": N_("Running costs: power, maintenance, staff, {span}"),
    "revenue": N_(
        "Revenue from OpenAI, {span}: the contract price for contracted GPU-hours, the market "
        "rent for the rest"
    ),
    "deferred": N_(
        "Capex deferred past 2030 by the delay, still owed (counted in 2030, the model's last year)"
    ),
    "cash_need": N_("The venture's cash need at its peak ({peak})"),
    "equity": N_("{name}: equity in the venture"),
    "named": N_("{funder}: {instrument}; {scope}"),
    "funding_gap": N_("The venture's funding gap: cash need no equity or named funder covers"),
    "assumed_debt": N_(
        "If raised: debt the venture could raise at the assumed leverage (no lender named), "
        "net of the named loans above"
    ),
    "left_after_debt": N_("Left if that debt is raised"),
}


@dataclass(frozen=True)
class Reconciliation:
    """The venture's funding reconciliation (:func:`reconcile_venture_funding`).

    ``lines``: one row per line, in order: ``line_id``, ``line`` (reader's words), ``kind``
    (use / revenue / subtotal / source / gap; ``if_source`` and ``if_subtotal`` for the
    conditional lines below the gap, which are not part of its sum), ``amount_usd`` (positive;
    uses add, revenue and sources subtract, a subtotal is what the lines above it leave),
    ``figure`` (the published figure the line is, "" for none; a msgid), ``template`` and
    ``values`` (``line`` is the template filled: the page fills it in its language), ``party``
    (the parties.yaml name
    of a funder), ``fact_ids``, ``source``, ``confidence``. ``by_year``:
    :func:`compute_cash_need_by_year`. ``named``: :func:`tie_named_finance`. ``first_year`` and
    ``peak_year`` bound the years it covers; ``max_debt_to_equity_ratio`` is the leverage it
    assumes and ``debt_capacity_usd`` the debt that leverage leaves room for beside the named
    loans (before it is capped at the gap).
    """

    lines: pd.DataFrame
    by_year: pd.DataFrame
    named: pd.DataFrame
    first_year: int
    peak_year: int
    max_debt_to_equity_ratio: float
    debt_capacity_usd: float

    def named_usd(self) -> float:
        """Named funders' money counted, all lines together (USD)."""
        named = self.lines["line_id"].str.startswith("named_")
        return float(self.lines.loc[named, "amount_usd"].sum())

    def value(self, line_id: str) -> float:
        """The amount of one line (USD)."""
        match = self.lines.loc[self.lines["line_id"] == line_id, "amount_usd"]
        if match.empty:
            raise KeyError(line_id)
        return float(match.iloc[0])


def compute_debt_capacity_usd(
    ratio: float, equity_usd: float, named_equity_usd: float, named_debt_usd: float
) -> float:
    """Debt the venture could still raise at ``ratio``, beside the named loans (USD, ≥ 0).

    ``ratio`` × (the partners' equity used + the named owners' own capital counted) − the named
    loans counted: the leverage caps all the debt in the programme's structure, and the named
    loans already use part of it (the ratio itself is Abilene's loans over its owners' capital).
    """
    return max(0.0, ratio * (equity_usd + named_equity_usd) - named_debt_usd)


def reconcile_venture_funding(
    scenario: Scenario, max_debt_to_equity_ratio: float | None = None
) -> Reconciliation:
    """Cash need − equity − named funders = the venture's funding gap; then the debt it could raise.

    Years: from 2025 to the peak of the venture's cumulative cash need (its most money out at
    once). Uses: the programme's capex, IT refreshes and running costs in those years; less
    OpenAI's payments gives the cash need at the peak, which equals the venture model's
    ``venture_need_usd``. Then, in this order, each capped by what is still to fund: the
    partners' equity (``scenario.funding``, withdrawn partners at 0) and each named funder's
    money tied to its layer (:func:`tie_named_finance`); what is left is the **funding gap**,
    cash need no equity or named funder covers, which equals the venture model's
    ``venture_shortfall_usd``. Below it, conditionally, the debt the venture could raise at
    ``max_debt_to_equity_ratio`` (default: the scenario's) net of the named loans
    (:func:`compute_debt_capacity_usd`; no lender is named), capped at the gap, and what is left
    if it is raised.

    Args:
        scenario: the scenario.
        max_debt_to_equity_ratio: leverage to assume instead of the scenario's (for sweeps).

    Returns:
        A :class:`Reconciliation`; its uses less revenue equal its sources plus the gap.
    """
    ratio = (
        scenario.funding.max_debt_to_equity_ratio
        if max_debt_to_equity_ratio is None
        else float(max_debt_to_equity_ratio)
    )
    by_year = compute_cash_need_by_year(scenario)
    window = by_year[by_year["in_reconciliation"]]
    first, peak = int(window.index[0]), int(window.index[-1])
    span = f"{first}–{peak}" if peak > first else f"{first}"
    lines: list[dict[str, object]] = []

    def add(
        line_id: str,
        template: str,
        kind: LineKind,
        amount: float,
        values: dict[str, str] | None = None,
        **extra: str,
    ) -> None:
        values = dict(values or {})
        lines.append(
            {
                "line_id": line_id,
                "line": template.format(**values),
                "template": template,
                "values": values,
                "kind": kind,
                "amount_usd": float(amount),
                "figure": FIGURES.get(line_id, ""),
                "party": extra.get("party", ""),
                "fact_ids": extra.get("fact_ids", ""),
                "source": extra.get("source", ""),
                "confidence": extra.get("confidence", ""),
            }
        )

    capex = float(window["programme_capex_usd"].sum())
    years = {"span": span}
    add("programme_capex", LINE_TEXTS["programme_capex"], "use", capex, years)
    add("refresh", LINE_TEXTS["refresh"], "use", window["refresh_usd"].sum(), years)
    add("running", LINE_TEXTS["running"], "use", window["running_usd"].sum(), years)
    deferred = float(window["deferred_capex_usd"].sum())
    if deferred > 0:
        add("deferred", LINE_TEXTS["deferred"], "use", deferred)
    add("revenue", LINE_TEXTS["revenue"], "revenue", window["revenue_usd"].sum(), years)
    need = max(0.0, float(window["cash_need_usd"].sum()))
    add("cash_need", LINE_TEXTS["cash_need"], "subtotal", need, {"peak": str(peak)})

    left = need
    equity = equity_usd_by_party(scenario)
    total_equity = float(sum(equity.values()))
    equity_used = min(total_equity, left)
    scale = equity_used / total_equity if total_equity > 0 else 0.0
    for key in EQUITY_PARTIES:
        name = PARTY_NAMES[key]
        add(
            f"equity_{key}",
            LINE_TEXTS["equity"],
            "source",
            equity[key] * scale,
            {"name": name},
            party=name,
        )
    left -= equity_used

    named = tie_named_finance(scenario, until_year=peak)
    named_debt = named_equity = 0.0
    for i, r in enumerate(named.itertuples()):
        used = min(float(r.tied_usd), left)
        left -= used
        if r.is_debt:
            named_debt += used
        else:
            named_equity += used
        add(
            f"named_{i}",
            LINE_TEXTS["named"],
            "source",
            used,
            {"funder": str(r.funder), "instrument": str(r.instrument), "scope": str(r.scope)},
            party=str(r.party) or str(r.funder),
            fact_ids=str(r.fact_ids),
            source=str(r.source),
            confidence=str(r.confidence),
        )
    gap = max(0.0, left)
    add("funding_gap", LINE_TEXTS["funding_gap"], "gap", gap)
    capacity = compute_debt_capacity_usd(ratio, equity_used, named_equity, named_debt)
    debt = min(capacity, gap)
    add("assumed_debt", LINE_TEXTS["assumed_debt"], "if_source", debt)
    add("left_after_debt", LINE_TEXTS["left_after_debt"], "if_subtotal", gap - debt)
    return Reconciliation(
        lines=pd.DataFrame(lines),
        by_year=by_year,
        named=named,
        first_year=first,
        peak_year=peak,
        max_debt_to_equity_ratio=ratio,
        debt_capacity_usd=capacity,
    )


def check_reconciliation(rec: Reconciliation) -> float:
    """Uses − revenue − sources − gap (USD): zero when the reconciliation adds up."""
    t = rec.lines
    uses = t.loc[t["kind"] == "use", "amount_usd"].sum()
    revenue = t.loc[t["kind"] == "revenue", "amount_usd"].sum()
    sources = t.loc[t["kind"].isin(["source", "gap"]), "amount_usd"].sum()
    # The conditional lines below the gap (the debt it could raise) are not part of the sum.
    return float(max(0.0, uses - revenue) - sources)


def build_funding_stack(scenario: Scenario) -> pd.DataFrame:
    """Every funder named in the evidence, what it reports and what of it funds the programme.

    The partners' equity (from the reconciliation), each named funder of ``capital_layers.yaml``
    (counted: tied to its layer; not counted: the reason), OpenAI's revenue and the funding gap,
    so the stack adds up to the venture's uses up to its peak need: ``counted_usd`` sums to
    programme capex + refresh + running costs. The debt the venture could raise at the assumed
    leverage is not in it: no lender is named (the reconciliation shows it below the gap).

    Returns:
        Columns ``funder``, ``party`` (parties.yaml name or ""), ``layer``, ``what`` (and
        ``what_template`` / ``what_values``, from which the page writes it in its language),
        ``reported_usd`` (NaN: not reported or set by the scenario), ``counted_usd``,
        ``why``, ``fact_ids``, ``source``, ``confidence``.
    """
    rec = reconcile_venture_funding(scenario)
    t = rec.lines
    rows: list[dict[str, object]] = []
    revenue = float(t.loc[t["line_id"] == "revenue", "amount_usd"].iloc[0])
    uses = float(t.loc[t["kind"] == "use", "amount_usd"].sum())
    rows.append(
        {
            "funder": "OpenAI (payments for compute)",
            "party": "OpenAI",
            "layer": "Revenue",
            **_what(STACK_TEXTS["revenue"], years=f"{rec.first_year}–{rec.peak_year}"),
            "reported_usd": np.nan,
            "counted_usd": min(revenue, uses),
            "why": N_(
                "the venture model's revenue: the contract price for contracted GPU-hours, the "
                "market rent for the rest, all paid by OpenAI"
            ),
            "fact_ids": "",
            "source": STACK_TEXTS["scenario"].format(title=scenario.title),
            "confidence": "scenario",
        }
    )
    equity = equity_usd_by_party(scenario)
    for key in EQUITY_PARTIES:
        name = PARTY_NAMES[key]
        rows.append(
            {
                "funder": name,
                "party": name,
                "layer": "Venture equity",
                **_what(STACK_TEXTS["equity"]),
                "reported_usd": equity[key],
                "counted_usd": rec.value(f"equity_{key}"),
                "why": N_("partners' equity, used as the venture needs it"),
                "fact_ids": "",
                "source": STACK_TEXTS["scenario"].format(title=scenario.title),
                "confidence": "scenario",
            }
        )
    named_lines = t[t["line_id"].str.startswith("named_")].reset_index(drop=True)
    for (_, line), r in zip(named_lines.iterrows(), rec.named.itertuples(), strict=True):
        rows.append(
            {
                "funder": r.funder,
                "party": r.party,
                "layer": r.layer,
                **_what(STACK_TEXTS["named"], instrument=str(r.instrument), scope=str(r.scope)),
                "reported_usd": r.reported_usd,
                "counted_usd": float(line["amount_usd"]),
                "why": _tie_reason(r.reported_usd, r.tied_usd, float(line["amount_usd"])),
                "fact_ids": r.fact_ids,
                "source": r.source,
                "confidence": r.confidence,
            }
        )
    for row in load_capital_layers():
        if row.counted or not row.amount_facts:
            continue
        rows.append(
            {
                "funder": row.funder,
                "party": row.party or "",
                "layer": LAYER_NAMES[row.layer],
                **_what(N_("{instrument}"), instrument=row.instrument),
                "reported_usd": _amount_usd(row.amount_facts),
                "counted_usd": 0.0,
                "why": row.why,
                "fact_ids": ", ".join(row.amount_facts),
                "source": citations(row.amount_facts),
                "confidence": confidence_floor(row.amount_facts),
            }
        )
    rows.append(
        {
            "funder": "Funding gap (no equity or named funder covers it)",
            "party": "",
            "layer": "Gap",
            **_what(STACK_TEXTS["gap"]),
            "reported_usd": np.nan,
            "counted_usd": rec.value("funding_gap"),
            "why": N_("money still to find"),
            "fact_ids": "",
            "source": STACK_TEXTS["scenario"].format(title=scenario.title),
            "confidence": "scenario",
        }
    )
    return pd.DataFrame(rows)


def _tie_reason(reported: float, tied: float, used: float) -> str:
    if used >= reported - 1.0:
        return N_("counted in full against the layer it pays for")
    if used < tied - 1.0:
        return N_("counted only as far as the venture still needed money")
    return N_("counted up to the model's capex of that layer at those sites; the rest is beyond it")


#: The funding stack's own texts (msgids): ``what`` templates and the scenario's source.
STACK_TEXTS: dict[str, str] = {
    "revenue": N_("revenue from OpenAI, {years}"),
    "equity": N_("equity in the venture"),
    "named": N_("{instrument}; {scope}"),
    "gap": N_("the venture's cash need that nothing above covers"),
    "scenario": N_("this scenario ({title})"),
}


def _what(template: str, **values: str) -> dict[str, object]:
    """A stack row's ``what`` (English), its template and values (the page translates them)."""
    return {"what": template.format(**values), "what_template": template, "what_values": values}


# =========================================================================== flows for the chart


def list_capital_flows(scenario: Scenario) -> pd.DataFrame:
    """Sources to uses of the venture's money up to its peak need, for a flow chart (USD).

    Named funders flow to the layer they are tied to (buildings and power); the pooled money
    (revenue, the partners' equity and the funding gap) is spread over what the
    named funders leave of each use, in proportion. The flows add up, per source, to its amount
    in the reconciliation and, per use, to that use.

    Returns:
        Columns ``source``, ``use``, ``amount_usd``, ``is_tied`` (a named funder's own layer).
    """
    rec = reconcile_venture_funding(scenario)
    t = rec.lines
    breakdown = costs.capex_breakdown_usd(scenario)
    total_capex = float(sum(breakdown.values()))
    capex = rec.value("programme_capex")
    share = capex / total_capex if total_capex > 0 else 0.0
    uses = {
        LAYER_NAMES["facility"]: breakdown["facility"] * share,
        LAYER_NAMES["it"]: (breakdown["accelerators"] + breakdown["other_it"]) * share,
        "IT refresh": rec.value("refresh"),
        "Running costs": rec.value("running"),
    }
    left = dict(uses)
    flows: list[dict[str, object]] = []
    named_lines = t[t["line_id"].str.startswith("named_")].reset_index(drop=True)
    for (_, line), r in zip(named_lines.iterrows(), rec.named.itertuples(), strict=True):
        amount = float(line["amount_usd"])
        if amount <= 0:
            continue
        flows.append(
            {"source": str(r.label), "use": str(r.layer), "amount_usd": amount, "is_tied": True}
        )
        left[str(r.layer)] -= amount
    pooled = [("Revenue from OpenAI", rec.value("revenue"))]
    pooled += [
        (f"{PARTY_NAMES[k]} equity", rec.value(f"equity_{k}"))
        for k in EQUITY_PARTIES
        if rec.value(f"equity_{k}") > 0
    ]
    pooled += [("Funding gap", rec.value("funding_gap"))]
    remaining = sum(max(0.0, v) for v in left.values())
    for name, amount in pooled:
        if amount <= 0 or remaining <= 0:
            continue
        for use, rest in left.items():
            if rest > 0:
                flows.append(
                    {
                        "source": name,
                        "use": use,
                        "amount_usd": amount * rest / remaining,
                        "is_tied": False,
                    }
                )
    return pd.DataFrame(flows, columns=["source", "use", "amount_usd", "is_tied"])
