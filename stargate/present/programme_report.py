"""The programme for readers: its sites, its schedule, what $500bn buys, the article's share.

Shared by every report, so each page states the programme with the same figures. Numbers come
from :mod:`stargate.model.sites` and :mod:`stargate.model.programme`; every figure goes through
:mod:`stargate.present.formatting` (amounts in the scenario's display currency; in Japanese
yen, the dollar figure in parentheses). Sentences and headers are msgids
(:mod:`stargate.present.i18n`); names of sites, places and companies stay as the register
writes them (marked English on a Japanese page).
"""

from __future__ import annotations

import math

import pandas as pd

from stargate import facts
from stargate.model import programme, sites
from stargate.present.formatting import (
    MISSING,
    format_money,
    format_number,
    format_share,
    format_value,
)
from stargate.present.i18n import (
    N_,
    current_language,
    format_date,
    has_translation,
    join_sentences,
    keep_english,
    money_text,
    pgettext,
    year_span,
)
from stargate.present.i18n import gettext as _
from stargate.scenario import Scenario
from stargate.schema.compute import GENERATIONS

#: Readers' names of the NVIDIA generations.
GENERATION_NAMES: dict[str, str] = {
    "H100": "Hopper H100",
    "GB200": "Blackwell GB200",
    "GB300": "Blackwell Ultra GB300",
    "VR200": "Vera Rubin VR200",
}


def _gw(value: float) -> str:
    return format_value(value, "GW", fmt=",.2f")


def _year_span(first: float, last: float) -> str:
    """``2026–2028``; on a Japanese page ``2026〜2028年`` (:func:`i18n.year_span`)."""
    span = year_span(first, last)
    return span if current_language() == "en" else f"{span}年"


def _year(value: float) -> str:
    return (
        MISSING
        if value is None or (isinstance(value, float) and math.isnan(value))
        else str(int(value))
    )


#: Site statuses, notes and the remainder's words (``data/tables/sites.yaml``,
#: :func:`stargate.model.sites.sites_table`), marked for the catalog.
SITE_WORDS = (
    N_("energised"),
    N_("under construction"),
    N_("announced"),
    N_("plan, no site"),
    N_("none named"),
    N_("Unsited remainder (a plan with no site)"),
    N_('an "OpenAI for Countries" site outside the US programme'),
    N_("not reported; the Oracle sites' total less the others (a lower bound)"),
    N_('reported only for the two sites together ("may scale to 1.5 GW")'),
)
_NOT_COUNTED = "not counted: "


def _site_word(text: str) -> str:
    """A site's text in the current language (tables.TEXT_FIELDS; unknown text stays as written)."""
    if text.startswith(_NOT_COUNTED):
        why = text[len(_NOT_COUNTED) :]
        return _("not counted: {why}").format(why=_site_word(why))
    return _(text) if text in SITE_WORDS or has_translation(text) else text


def _capacity_note(row: pd.Series, scenario: Scenario) -> str:
    """A site's capacity note; the unsited remainder's worked out in the current language."""
    if row["site_id"] == sites.UNSITED_ID:
        return _("{target} GW target less the named sites, × {built} built").format(
            target=f"{scenario.programme.target_gw:g}",
            built=format_share(scenario.programme.unsited_share_built),
        )
    return _site_word(row["capacity_note"]) if row["capacity_note"] else MISSING


def format_sites_table(scenario: Scenario) -> pd.DataFrame:
    """Every site with its capacity, parties, dates and status (:func:`sites.sites_table`)."""
    table = sites.sites_table(scenario)
    slip = _("+{years} y")
    frame = pd.DataFrame(
        {
            _("Site"): [_site_word(n) for n in table["site"]],
            _("Location"): [_site_word(n) for n in table["location"]],
            _("Capacity"): [_gw(v) for v in table["gw"]],
            _("Capacity note"): [_capacity_note(r, scenario) for _i, r in table.iterrows()],
            _("Developer"): [_site_word(n) for n in table["developer"]],
            _("Operator"): [_site_word(n) for n in table["operator"]],
            _("Financier"): [_site_word(n) for n in table["financier"]],
            _("Announced"): [
                a if current_language() == "en" else format_date(str(a)) for a in table["announced"]
            ],
            _("Energised (reported)"): [
                MISSING if not counted else _year_span(a, b)
                for counted, a, b in zip(
                    table["counted"], table["first_year"], table["last_year"], strict=True
                )
            ],
            _("Slip (scenario)"): [
                slip.format(years=s) if s else MISSING for s in table["slip_years"]
            ],
            _("Status"): [_site_word(str(s)) for s in table["status"]],
        }
    )
    # Names of sites, places and companies stay as written (marked English on other pages);
    # the remainder's row is the model's words, translated.
    return keep_english(
        frame, _("Site"), _("Location"), _("Developer"), _("Operator"), _("Financier")
    )


def format_schedule_table(scenario: Scenario) -> pd.DataFrame:
    """The programme per year: GW energised, GPUs and generations installed, capex."""
    d = scenario.display
    table = programme.capex_by_year_table(scenario)
    return pd.DataFrame(
        {
            _("Year"): [str(y) for y in table.index],
            _("GW energised"): [_gw(v) for v in table["gw_energised"]],
            _("GW in service"): [_gw(v) for v in table["gw_cumulative"]],
            _("GPUs installed"): [
                format_number(v) if v else MISSING for v in table["gpus_installed"]
            ],
            _("Generations"): [g or MISSING for g in table["generations"]],
            _("Capex: build"): [money_text(v, d) for v in table["build_capex_usd"]],
            _("Capex: IT refresh"): [money_text(v, d) for v in table["refresh_capex_usd"]],
            pgettext("column", "Capex"): [money_text(v, d) for v in table["capex_usd"]],
        }
    )


def format_what_commitment_buys(scenario: Scenario) -> pd.DataFrame:
    """What $500bn buys, and where the article's fleet sits (``what_commitment_buys``)."""
    d = scenario.display
    frame = programme.what_commitment_buys(scenario).set_index("row")
    labels = {
        "programme": _("The evidenced programme (its sites and the unsited remainder)"),
        "commitment": _("{commitment} at the programme's cost").format(
            commitment=money_text(scenario.program.total_commitment_usd, d)
        ),
        "article": _("The article's fleet (700,000 Hopper GPUs, a claim)"),
        "article_share": _("The article's fleet as a share of the programme"),
    }
    rows = []
    for key, label in labels.items():
        r = frame.loc[key]
        share = key == "article_share"

        def show(value: float, kind: str, *, is_share: bool = share) -> str:
            if is_share:
                return format_share(value) if not math.isnan(value) else MISSING
            if kind == "gw":
                return _gw(value)
            if kind == "money":
                return money_text(value, d) if not math.isnan(value) else MISSING
            return format_number(value) if value else MISSING

        row = {
            "": label,
            _("Power (GW)"): show(r["gw"], "gw"),
            pgettext("column", "GPUs"): show(r["gpus"], "n"),
        }
        for generation in GENERATIONS:
            row[GENERATION_NAMES[generation]] = show(r[f"gpus_{generation}"], "n")
        row[pgettext("column", "Capex")] = show(r["capex_usd"], "money")
        row[_("Capex per GW")] = MISSING if share else money_text(r["capex_usd_per_gw"], d)
        rows.append(row)
    return pd.DataFrame(rows)


def describe_programme(scenario: Scenario) -> str:
    """Markdown: the programme in figures, what the commitment buys, and the article's share."""
    d = scenario.display
    frame = programme.what_commitment_buys(scenario).set_index("row")
    prog, buys, share = frame.loc["programme"], frame.loc["commitment"], frame.loc["article_share"]
    by_gen = [
        _("{gpus} {generation}").format(
            gpus=format_number(prog[f"gpus_{g}"]), generation=GENERATION_NAMES[g]
        )
        for g in GENERATIONS
        if prog[f"gpus_{g}"] > 0
    ]
    beyond = sites.beyond_horizon_gw(programme.evidenced_programme(scenario))
    parts = [
        _(
            "The evidenced programme is **{gw}** of data-centre power by 2030: the sites named "
            "so far ({sited}) and {unsited} of the stated {target} that no announcement places "
            "yet. Filled with the GPUs of the year each part is energised, it holds **{gpus} "
            "GPUs** ({by_generation}) and costs **{capex}** to build, {per_gw} per GW. At that "
            "cost the announced {commitment} buys {bought_gw} and about {bought_gpus} GPUs. The "
            "article's 700,000 Hopper GPUs would be **{share_gw} of the programme's power**, "
            "{share_gpus} of its GPUs and {share_capex} of its capex — and Hopper is not what "
            "Stargate's sites are reported to install."
        ).format(
            gw=_gw(prog["gw"]),
            sited=_gw(sites.sited_gw()),
            unsited=_gw(sites.unsited_gw(scenario)),
            target=_gw(scenario.programme.target_gw),
            gpus=format_number(prog["gpus"]),
            by_generation=_(", ").join(by_gen),
            capex=money_text(prog["capex_usd"], d),
            per_gw=money_text(prog["capex_usd_per_gw"], d),
            commitment=money_text(scenario.program.total_commitment_usd, d),
            bought_gw=_gw(buys["gw"]),
            bought_gpus=format_number(buys["gpus"]),
            share_gw=format_share(share["gw"]),
            share_gpus=format_share(share["gpus"]),
            share_capex=format_share(share["capex_usd"]),
        )
    ]
    huang = facts.get("nvda_gw_gpus")
    if prog["gpus"] > 0 and huang.low is not None:
        kw_per_gpu = prog["gw"] * 1e6 / prog["gpus"]
        huang_kw = facts.value("nvda_loi_gw") * 1e6  # the 10 GW of NVIDIA's deal he spoke of
        parts.append(
            _(
                "NVIDIA's Jensen Huang put {gw} GW at about {low}–{high} million GPUs, "
                "{kw_low}–{kw_high} kW a GPU with its share of the building; the model counts "
                "fewer because it sizes each GPU with its rack, cluster network and storage from "
                "NVIDIA's system specifications and adds the building's cooling: {kw} kW a GPU "
                "on average."
            ).format(
                gw=format_number(facts.value("nvda_loi_gw")),
                low=f"{huang.low / 1e6:.0f}",
                high=f"{huang.high / 1e6:.0f}",
                kw_low=f"{huang_kw / huang.high:.1f}",
                kw_high=f"{huang_kw / huang.low:.1f}",
                kw=f"{kw_per_gpu:.1f}",
            )
        )
    if beyond > 0:
        parts.append(
            _(
                "In this scenario {gw} slips past 2030, the last year the models follow, and is "
                "left out."
            ).format(gw=_gw(beyond))
        )
    if not sites.uses_programme_fleet(scenario):
        parts.append(
            _(
                "**This scenario models a fleet of its own** instead of the programme's (see the "
                "fleet table below): every other figure of this report is that fleet's."
            )
        )
    return join_sentences(*parts)


def describe_programme_brief(scenario: Scenario) -> str:
    """Markdown, for the investor and sustainability reports: the object they analyse."""
    d = scenario.display
    what = (
        "the evidenced programme"
        if sites.uses_programme_fleet(scenario)
        else "the fleet this scenario sets instead of the programme's"
    )
    by_year = programme.capex_usd_by_plan_year(scenario)
    spend = ", ".join(f"{y} {format_money(v, d)}" for y, v in by_year.items() if v > 0)
    return (
        f"This report analyses {what}: **{_gw(programme.programme_gw(scenario))}** of "
        f"data-centre power, **{format_number(programme.programme_gpus(scenario))} GPUs** and "
        f"**{format_money(programme.programme_capex_usd(scenario), d)}** of capex for the "
        f"initial build, paid as each site is energised ({spend}) — the same figures as the "
        f"cost-structure report, not the announced "
        f"{format_money(scenario.program.total_commitment_usd, d)} spread over four years."
    )


def describe_funding_gap(scenario: Scenario) -> str:
    """Markdown: the venture's funding gap, the gap line of the one reconciliation."""
    from stargate.model import funding

    d = scenario.display
    gap = funding.summarize_funding(scenario)["funding_gap_usd"]
    return (
        f"**The venture's funding gap: {format_money(gap, d)}** — its cash need after the "
        f"revenue OpenAI pays it that no equity or named funder covers (debt no lender is "
        f"named for is not counted): the gap line of the reconciliation in section 2, the same "
        f"figure as in the "
        f"investor-roles report. OpenAI's corporate funding need is a different object."
    )
