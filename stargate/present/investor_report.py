"""The investor-roles report as readers see it: tables, paragraphs and charts.

One concept — the presentation of this one report, in the order the notebook shows it — hence
longer than most modules (about 650 lines).

Every figure goes through the house formatter (:mod:`stargate.present.formatting`) and the
scenario's display settings: a JPY scenario shows yen, and no dollar amount, anywhere. The
numbers come from the model (:mod:`stargate.model.parties`, :mod:`~stargate.model.funding`,
:mod:`~stargate.model.exposure`, :mod:`~stargate.model.liquidity`,
:mod:`~stargate.model.label_timeline`); the words of data tables come from
``stargate/data/tables``, where ``{fact_id}`` stands for that fact's amount (filled in here by
:func:`fill_facts`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import altair as alt
import pandas as pd

from stargate import facts
from stargate.model import costs, exposure, label_timeline, liquidity, obligations, parties
from stargate.present import charts, investor_text
from stargate.present.data_text import data_text, data_texts
from stargate.present.fact_text import fill_facts, format_amount
from stargate.present.formatting import (
    MISSING,
    DisplaySettings,
    format_both,
    format_money,
    format_share,
    format_table,
    format_value,
    is_missing,
    markdown_text,
    usd_to_jpy,
)
from stargate.present.i18n import (
    N_,
    current_language,
    format_date,
    join_sentences,
    money_text,
    scenario_title,
)
from stargate.present.i18n import gettext as _
from stargate.scenario import Scenario

# --------------------------------------------------------------------------- amounts in words


def _money_with_jpy(amount_usd: float, display: DisplaySettings) -> str:
    """``$52.0bn (8.1兆円)`` when showing USD; yen alone when showing JPY (no dollar sign).

    The Japanese edition: yen first, the dollars after (``8.1兆円（520億ドル）``).
    """
    if current_language() != "en":
        return money_text(amount_usd, display)
    if display.currency == "USD":
        return format_both(amount_usd, display.jpy_per_usd)
    return format_money(amount_usd, display)


def _with_jpy(table: pd.DataFrame, usd: str, jpy: str, display: DisplaySettings) -> pd.DataFrame:
    """``table`` with a ``jpy`` column (``usd`` at the display rate) right after ``usd``."""
    out = table.copy()
    out.insert(out.columns.get_loc(usd) + 1, jpy, usd_to_jpy(out[usd], display.jpy_per_usd))
    return out


def _amount_columns(
    table: pd.DataFrame, usd: str, jpy: str, display: DisplaySettings, **kwargs: Any
) -> pd.DataFrame:
    """A reader table with an amount in USD and JPY columns (only JPY when showing JPY)."""
    rename = dict(kwargs.pop("rename", {}))
    shown = [_("amount (JPY)"), _("amount (USD)"), *rename.values()]
    if display.currency != "USD":
        table = table.drop(columns=usd)
        out = format_table(
            table, display, jpy=[jpy], rename={jpy: _("amount (JPY)"), **rename}, **kwargs
        )
    else:
        out = format_table(
            table,
            display,
            usd=[usd],
            jpy=[jpy],
            rename={usd: _("amount (USD)"), jpy: _("amount (JPY)"), **rename},
            **kwargs,
        )
    return translate_headers(out, shown)


#: Column titles of the report's tables that keep their data name in English, and words that
#: fill their cells (the catalog translates them; English shows them as they are).
COLUMN_WORDS = (
    N_("party"),
    N_("roles"),
    N_("role"),
    N_("source"),
    N_("confidence"),
    N_("recipient"),
    N_("what"),
    N_("payer"),
    N_("payee"),
    N_("status"),
    N_("date"),
    N_("event"),
    N_("kind"),
    N_("loop"),
    N_("layer"),
    N_("scope"),
    N_("owner"),
    N_("funder"),
    N_("instrument"),
    N_("terms"),
    N_("year"),
    N_("from"),
    N_("pays for"),
    N_("line"),
    # the data columns the charts' tooltips name
    N_("commitment_usd"),
    N_("commitment_kind"),
    N_("share_of_capex"),
    N_("left_after_debt_usd"),
    N_("amount_usd"),
    N_("item"),
)


def translate_headers(table: pd.DataFrame, shown: Iterable[str] = ()) -> pd.DataFrame:
    """A reader table with its column titles (and index name) in the current language.

    ``shown``: titles already in the page's language (renamed with ``_``), kept as they are.
    """
    if current_language() == "en":
        return table
    kept = set(shown)
    out = table.rename(columns=lambda c: str(c) if c in kept else _(str(c)))
    if out.index.name:
        out.index.name = _(str(out.index.name))
    return out


# --------------------------------------------------------------------------- summary


def write_funding_summary(scenario: Scenario, summary: dict[str, float]) -> str:
    """The opening paragraph: equity against the programme, the one funding gap, the leverage.

    Args:
        scenario: the scenario (title, display settings).
        summary: :func:`stargate.model.funding.summarize_funding` of it.
    """
    show = scenario.display
    closing = summary["debt_to_equity_ratio"]
    if summary["funding_gap_usd"] <= 0:
        leverage = _("No debt beyond the named loans is needed.")
    elif closing == closing and closing != float("inf"):
        leverage = _(
            "Closing the gap with debt alone would take {closing} dollars of debt, named loans "
            "included, per dollar of the partners' equity plus the named owners' capital in its "
            "sites."
        ).format(closing=format_value(closing, "", fmt=".1f"))
    else:
        leverage = _("Without equity, no debt can be raised beside it.")
    text = _(
        "**In this scenario ({title}):** the partners commit {equity} of equity — "
        "{equity_share} of the {programme} the programme's build-out costs (its capex, "
        "against the {commitment} announced) and {first_share} of the first {first_tranche}. "
        "After the revenue OpenAI pays it, the venture is out of pocket by at most "
        "{cash_need}, in {peak_year}. Its equity and the money named lenders, lessors and "
        "developers have put into its sites ({named} counted) leave **{gap} as the venture's "
        "funding gap**: cash need no equity or named funder covers (the gap line of the "
        "reconciliation below). If it also borrowed at the assumed {max_leverage} dollars of "
        "debt per dollar of equity (Abilene's leverage; no lender is named), net of the named "
        "loans that leverage already counts, it could raise {debt} more and {left} would be "
        "left."
    ).format(
        title=markdown_text(scenario_title(scenario)),
        equity=_money_with_jpy(summary["equity_committed_usd"], show),
        # The true share, not capped at 100 % (equity can exceed a small scenario's capex).
        equity_share=format_share(
            summary["equity_committed_usd"] / summary["programme_usd"]
            if summary["programme_usd"] > 0
            else float("nan"),
            digits=1,
        ),
        programme=_money_with_jpy(summary["programme_usd"], show),
        commitment=_money(summary["commitment_usd"], show),
        first_share=format_share(summary["equity_share_of_first_tranche"]),
        first_tranche=_money(summary["first_tranche_usd"], show),
        cash_need=_money_with_jpy(summary["cash_need_usd"], show),
        peak_year=int(summary["peak_year"]),
        named=_money(summary["named_finance_usd"], show),
        gap=_money_with_jpy(summary["funding_gap_usd"], show),
        max_leverage=format_value(summary["max_debt_to_equity_ratio"], "", fmt=".2f"),
        debt=_money(summary["debt_usd"], show),
        left=_money(summary["left_after_debt_usd"], show),
    )
    return join_sentences(text, leverage)


def _money(amount_usd: float, display: DisplaySettings) -> str:
    """An amount in running text: the display currency; Japanese: yen, then the dollars."""
    if current_language() != "en":
        return money_text(amount_usd, display)
    return format_money(amount_usd, display)


# --------------------------------------------------------------------------- parties and roles


#: The confidence of a figure the scenario sets (not a grade of evidence), as readers read it.
SCENARIO_CONFIDENCE = N_("set by the scenario")


def confidence_words(values: Any) -> list[Any]:
    """A confidence column for readers: the grades (H, M, L) as they are; ``scenario`` in words."""
    return [_(SCENARIO_CONFIDENCE) if v == "scenario" else v for v in values]


def describe_parties(scenario: Scenario) -> pd.DataFrame:
    """Every party (:func:`stargate.model.parties.build_parties_table`) in words and yen.

    Returns:
        Columns ``party``, ``roles``, ``commitment`` (what the amount is, in the display
        currency; a withdrawn funder says so), ``commitment_kind``, ``commitment_usd``,
        ``commitment_jpy``, ``stake_fraction``, ``contribution_share``, ``fact_ids``,
        ``source``, ``confidence``.
    """
    show = scenario.display
    table = parties.build_parties_table(scenario)
    # A figure the scenario set cites the scenario (the model's English): in the page's words.
    own = table["confidence"] == "scenario"
    table.loc[own, "source"] = _("this scenario ({title}); the register's figure differs").format(
        title=scenario_title(scenario)
    )
    commitment = []
    for what, withdrawn in zip(table["commitment_what"], table["is_withdrawn"], strict=True):
        text = data_text(what, show)
        if withdrawn:
            text = _("Withdrawn in this scenario (reported plan: {what})").format(what=text.lower())
        commitment.append(text)
    table.insert(table.columns.get_loc("commitment_what"), "commitment", commitment)
    table = table.drop(columns=["commitment_what", "is_withdrawn"])
    return _with_jpy(table, "commitment_usd", "commitment_jpy", show)


def format_parties(table: pd.DataFrame, display: DisplaySettings) -> pd.DataFrame:
    """The parties table (:func:`describe_parties`) for readers."""
    columns = ["party", "roles", "commitment", "commitment_usd", "commitment_jpy"]
    table = table.assign(
        party=[party_name(p) for p in table["party"]],
        roles=[role_names(r) for r in table["roles"]],
        confidence=confidence_words(table["confidence"]),
    )
    return _amount_columns(
        table[[*columns, "stake_fraction", "contribution_share", "source", "confidence"]],
        "commitment_usd",
        "commitment_jpy",
        display,
        shares=["stake_fraction", "contribution_share"],
        rename={
            # Two definitions side by side: ownership as reported, and the funder's equity over
            # the partners' (40 % and 36.5 % for SoftBank in the base): the titles say which.
            "stake_fraction": _("reported stake (%)"),
            "contribution_share": _("share of equity contributions (%)"),
            "commitment": _("commitment (in words)"),
        },
    )


def build_stakes_and_roles(scenario: Scenario) -> str:
    """The stakes paragraph, reported stakes against contributions, and who does what (Markdown).

    The note on stakes (:data:`~stargate.present.investor_text.STAKES_NOTE`) sets the two lead
    partners' reported stakes together (base: 40 % + 40 % = 80 %) beside their share of the
    partners' equity (:func:`stargate.model.parties.contribution_share_by_party`, base:
    (19 + 19) / 52 = 73 %); it is left out where either lead partner's stake is not reported or
    either is withdrawn (nothing to set side by side).
    """
    stakes = parties.stake_by_party(scenario)
    shares = parties.contribution_share_by_party(scenario)
    equity = parties.equity_usd_by_party(scenario)
    parts = [fill_facts(_(investor_text.STAKES), scenario.display)]
    leads = ("softbank", "openai")
    if all(stakes[p] is not None and equity[p] > 0 for p in leads):
        figures = {
            "lead_stake": float(sum(stakes[p] or 0.0 for p in leads)),
            "lead_contribution": float(sum(shares[p] for p in leads)),
        }
        parts.append(fill_facts(_(investor_text.STAKES_NOTE), scenario.display, figures))
    parts.append(fill_facts(_(investor_text.WHO_DOES_WHAT), scenario.display))
    return "\n\n".join(parts)


#: The parties' names as the Japanese press writes them (the catalog; English: as they are).
PARTY_NAMES = (
    N_("SoftBank"),
    N_("OpenAI"),
    N_("Oracle"),
    N_("MGX"),
    N_("NVIDIA"),
    N_("Microsoft"),
    N_("Arm"),
    N_("Crusoe"),
    N_("Blue Owl & Primary Digital"),
    N_("JPMorgan (Abilene)"),
    N_("Banks led by JPMorgan & MUFG (Vantage)"),
    N_("Vantage"),
    N_("Related Digital"),
    N_("Lenders to the venture (modelled)"),
    N_("Site lenders (JPMorgan, MUFG and banks)"),
    N_("Crusoe, Blue Owl & Primary Digital"),
)
#: The roles (:data:`stargate.model.parties.ROLES`) and the kinds of commitment, for the catalog.
ROLE_WORDS = (
    N_("Equity funder"),
    N_("Lead partner"),
    N_("Financial responsibility (chair)"),
    N_("Operational responsibility"),
    N_("Technology partner"),
    N_("Anchor tenant (buys compute)"),
    N_("Builds, leases & runs sites"),
    N_("Site developer"),
    N_("Site financier"),
    N_("Lender"),
    N_("Hardware supplier"),
    N_("Investor in OpenAI"),
    N_("equity plan (reported)"),
    N_("letter of intent"),
    N_("JV funding (debt + equity)"),
    N_("loans"),
    N_("site cost (estimate)"),
)


def party_name(name: str) -> str:
    """A party's name in the current language (a name the catalog lacks stays as it is)."""
    return _(str(name))


def role_names(roles: str) -> str:
    """A comma-separated list of roles in the current language (Japanese: joined by 、)."""
    if current_language() == "en" or not isinstance(roles, str):
        return roles
    # A role may hold ", " itself ("Builds, leases & runs sites"): whole roles first.
    for role in ROLE_WORDS:
        if ", " in role:
            roles = roles.replace(role, role.replace(", ", "\0"))
    return "、".join(_(r.strip().replace("\0", ", ")) for r in roles.split(", "))


def format_role_evidence() -> pd.DataFrame:
    """Every role each party holds, with its source (:func:`parties.list_role_evidence`)."""
    table = parties.list_role_evidence().drop(columns="fact_ids")
    if current_language() == "en":
        return table
    table = table.assign(
        party=[party_name(p) for p in table["party"]], role=[_(r) for r in table["role"]]
    )
    return translate_headers(table)


def parties_chart(scenario: Scenario) -> alt.Chart:
    """Bars: what each party has put on the table, coloured by what kind of commitment it is."""
    data = describe_parties(scenario).dropna(subset=["commitment_usd"])
    data = data.assign(
        party=[party_name(p) for p in data["party"]],
        commitment_kind=[_(k) if isinstance(k, str) else k for k in data["commitment_kind"]],
    )
    return charts.bar(
        data,
        "party",
        "commitment_usd",
        title=N_("What each party has put on the table — in very different forms"),
        unit="USD",
        color="commitment_kind",
        category_title=N_("Party"),
        value_title=N_("Commitment"),
        color_title=N_("Kind of commitment"),
        subtitle=N_(
            "Colour: what kind of commitment it is — only the equity is money in the venture itself"
        ),
    )


def chart_roles_matrix(matrix: pd.DataFrame | None = None) -> alt.Chart:
    """Dots where a party holds a role, with the source on hover.

    Args:
        matrix: :func:`stargate.model.parties.build_roles_matrix` (built when None).

    Returns:
        An Altair chart (party rows, role columns).
    """
    matrix = parties.build_roles_matrix() if matrix is None else matrix
    evidence = parties.list_role_evidence()
    data = evidence.assign(
        color=[p if p in charts.PARTY_COLORS else "Other" for p in evidence["party"]],
        party=[party_name(p) for p in evidence["party"]],
        role=[_(r) for r in evidence["role"]],
    )
    names = [party_name(p) for p in matrix.index]
    roles = [_(r) for r in parties.ROLES if matrix[r].any()]
    extra_lines = sum(len(charts.wrap_label(n, charts.LABEL_WIDTH_PX, 3)) - 1 for n in names)
    return (
        alt.Chart(
            data,
            title=charts.chart_title(N_("Who does what"), None, N_("Hover a dot for its source")),
        )
        .mark_circle(size=170, opacity=1)
        .encode(
            x=alt.X(
                "role:N",
                sort=roles,
                title=None,
                axis=alt.Axis(orient="top", labelAngle=-35, labelAlign="left", labelLimit=240),
            ),
            # Long party names wrap (a cut name, "Banks led by JPMorgan & MUFG (Vant…", hid
            # who the party is).
            y=alt.Y(
                "party:N",
                sort=names,
                title=None,
                axis=charts.category_axis(names, charts.LABEL_WIDTH_PX),
            ),
            color=alt.Color(
                "color:N",
                scale=charts.color_scale(data["color"], charts.PARTY_COLORS),
                legend=None,
            ),
            tooltip=[
                alt.Tooltip("party:N", title=_("Party")),
                alt.Tooltip("role:N", title=_("Role")),
                alt.Tooltip("source:N", title=_("Source")),
                alt.Tooltip("confidence:N", title=_("Confidence")),
            ],
        )
        .properties(width=34 * len(roles), height=26 * len(names) + 14 * extra_lines)
    )


# --------------------------------------------------------------------------- funding


def chart_leverage_sweep(sweep: pd.DataFrame, summary: dict[str, float]) -> alt.Chart:
    """What the venture's funding gap leaves if it borrows at each leverage (the sweep).

    Args:
        sweep: :func:`stargate.model.funding.sweep_debt_to_equity`.
        summary: :func:`stargate.model.funding.summarize_funding` (the leverage that closes it).
    """
    closing = summary["debt_to_equity_ratio"]
    title = (
        _(
            "Debt would close the venture's gap at {closing} dollars per dollar of equity "
            "(partners' and named owners')"
        ).format(closing=format_value(closing, "", fmt=".1f"))
        if closing != float("inf")
        else _("Without equity, no leverage closes the venture's gap")
    )
    return charts.line(
        sweep,
        "max_debt_to_equity_ratio",
        "left_after_debt_usd",
        title=title,
        unit="USD",
        x_title=N_("Debt per dollar of equity in the whole structure, named loans included (×)"),
        value_title=N_("Gap left"),
        subtitle=N_(
            "Left of the funding gap if that debt were raised (no lender named); Abilene's "
            "financing: 1.6–2.1× (phases 2 and 1), 1.7× for the whole campus"
        ),
    )


# --------------------------------------------------------------------------- flows and exposure

#: What each recipient of a capex dollar supplies.
CAPEX_RECIPIENT_WHAT: dict[str, str] = {
    "NVIDIA": N_("GPUs and the NVIDIA systems around them"),
    "Other IT suppliers": N_("servers, networking, storage not sold by NVIDIA"),
    "Builders & power plant": N_(
        "buildings, electrical and cooling plant (site developers, contractors)"
    ),
}
#: The recipients' names (:func:`stargate.model.exposure.split_capex_dollar`), for the catalog.
RECIPIENT_NAMES = (N_("Other IT suppliers"), N_("Builders & power plant"))


def describe_capex_split(scenario: Scenario) -> pd.DataFrame:
    """Where a dollar of capex goes (:func:`stargate.model.exposure.split_capex_dollar`).

    Returns:
        Its columns with ``what`` (what the recipient supplies) after ``recipient``.
    """
    table = exposure.split_capex_dollar(scenario)
    table.insert(1, "what", [_(CAPEX_RECIPIENT_WHAT[r]) for r in table["recipient"]])
    table["recipient"] = [_(r) for r in table["recipient"]]
    return table


def capex_split_chart(scenario: Scenario) -> alt.Chart:
    """Bars: the share of a capex dollar each recipient gets."""
    return charts.bar(
        describe_capex_split(scenario),
        "recipient",
        "share_of_capex",
        title=N_("Where a dollar of capex goes"),
        unit="fraction",
        color="recipient",
        sort=None,
        category_title=N_("Recipient"),
        value_title=N_("Share of a capex dollar"),
        subtitle=N_("From the cost model's capex breakdown and NVIDIA's share of it"),
    )


def format_capex_split(table: pd.DataFrame, display: DisplaySettings) -> pd.DataFrame:
    """The capex split (:func:`describe_capex_split`) for readers."""
    rename = {
        "share_of_capex": _("share of a capex dollar (%)"),
        "fleet_usd": _("of the modelled fleet ({currency})").format(currency=_currency(display)),
        "programme_usd": _("of the announced commitment ({currency})").format(
            currency=_currency(display)
        ),
    }
    shown = format_table(
        table,
        display,
        money=["fleet_usd", "programme_usd"],
        shares=["share_of_capex"],
        rename=rename,
    )
    return translate_headers(shown, rename.values())


def _currency(display: DisplaySettings) -> str:
    """The display currency in a column title: ``USD`` / ``JPY``; Japanese: 円 (or ドル)."""
    if current_language() == "en":
        return display.currency
    return "円" if display.currency == "JPY" else "ドル"


def describe_payment_flows(scenario: Scenario) -> pd.DataFrame:
    """Who pays whom (:func:`stargate.model.exposure.list_payment_flows`) in words and yen."""
    show = scenario.display
    table = exposure.list_payment_flows()
    table["what"] = data_texts(table["what"], show)
    table["status"] = data_texts(table["status"])
    return _with_jpy(table, "amount_usd", "amount_jpy", show)


def format_payment_flows(table: pd.DataFrame, display: DisplaySettings) -> pd.DataFrame:
    """The payment flows (:func:`describe_payment_flows`) for readers."""
    table = table.drop(columns=["fact_ids"])
    if current_language() != "en":
        table = table.assign(
            payer=[party_name(p) for p in table["payer"]],
            payee=[party_name(p) for p in table["payee"]],
        )
    return _amount_columns(table, "amount_usd", "amount_jpy", display)


def describe_exposure(scenario: Scenario) -> pd.DataFrame:
    """What each party has at risk and earns (:func:`stargate.model.exposure.compute_exposure`).

    Returns:
        Columns ``party``, ``at_risk_usd``, ``at_risk`` (what is at risk, in words),
        ``earns_usd``, ``earns``, ``fact_ids``, ``source``, ``confidence``.
    """
    show = scenario.display
    equity = parties.equity_usd_by_party(scenario)
    stakes = parties.stake_by_party(scenario)
    nvidia_share = float(costs.nvidia_share_of_capex(scenario))
    v = facts.value

    def stake(party: str) -> str:
        s = stakes[party]
        return (
            _("stake not reported")
            if s is None
            else _("{share} reported stake").format(share=format_share(s))
        )

    def in_venture(party: str) -> str:
        return _("equity in the venture (scenario: {amount})").format(
            amount=format_money(equity[party], show)
        )

    def money(amount_usd: float) -> str:
        return format_amount(amount_usd, show)

    loans = v("abilene_loan_phase1") + v("abilene_loan_phase2")
    contracts_usd, _ids = exposure.openai_compute_contracts_usd(scenario)
    terms = obligations.compute_commitment_terms(scenario)
    chips_usd = float(
        terms.loc[terms["counterparty"].isin(obligations.CHIP_DEALS), "honoured_usd"].sum()
    )
    profits = N_("its share of the venture's profits, if any ({stake})")
    words: dict[str, tuple[str, str]] = {
        "SoftBank": (
            _("{equity} + its completed OpenAI investment").format(equity=in_venture("softbank")),
            _(profits).format(stake=stake("softbank")),
        ),
        "OpenAI": (
            _(
                "{equity} + the compute it contracted to buy from Oracle, Azure, AWS and "
                "CoreWeave ({contracts}); its AMD and Broadcom chip deals ({chips}) are not added, "
                "as the chips may be that same capacity"
            ).format(
                equity=in_venture("openai"),
                contracts=format_money(contracts_usd, show),
                chips=format_money(chips_usd, show),
            ),
            _("the compute its products run on ({stake})").format(stake=stake("openai")),
        ),
        "Oracle": (
            _("{equity} + GB200 chips bought for Abilene; long site leases").format(
                equity=in_venture("oracle")
            ),
            _("OpenAI's compute contract (~5 years from 2027), if OpenAI can pay"),
        ),
        "MGX": (
            in_venture("mgx"),
            _(profits).format(stake=stake("mgx")),
        ),
        "NVIDIA": (
            _("up to {amount} it intends to invest in OpenAI (letter of intent)").format(
                amount=money(v("nvda_loi_usd"))
            ),
            _("hardware sales: {share} of capex (cost model) × the programme").format(
                share=format_share(nvidia_share)
            ),
        ),
        "Lenders to the venture (modelled)": (
            _("debt lent beside the equity at the scenario's leverage"),
            _("interest (rate not reported)"),
        ),
        "Site lenders (JPMorgan, MUFG and banks)": (
            _("construction loans at Abilene and the two Vantage campuses"),
            _("interest (rate not reported)"),
        ),
        "Crusoe, Blue Owl & Primary Digital": (
            _("JV equity in Abilene ({jv} JV funding less {loans} of loans)").format(
                jv=money(v("abilene_jv_15bn")), loans=money(loans)
            ),
            _("Oracle's lease payments (amount not reported)"),
        ),
        "Vantage": (
            _("cost of the Shackelford campus (mostly borrowed)"),
            _("Oracle's lease payments (amount not reported)"),
        ),
        "Microsoft": (
            _("its funding commitment to OpenAI (not to Stargate)"),
            _("a {share} share of OpenAI's revenue").format(share=format_share(v("oa_msft_share"))),
        ),
    }
    table = exposure.compute_exposure(scenario)
    # A row no fact supports cites the scenario (the model's English): in the page's words.
    own = table["fact_ids"] == ""
    table.loc[own, "source"] = _("this scenario ({title})").format(title=scenario_title(scenario))
    table.insert(2, "at_risk", [words[p][0] for p in table["party"]])
    table.insert(4, "earns", [words[p][1] for p in table["party"]])
    table["party"] = [party_name(p) for p in table["party"]]
    return table


def format_exposure(table: pd.DataFrame, display: DisplaySettings) -> pd.DataFrame:
    """The exposure table (:func:`describe_exposure`) for readers."""
    rename = {
        "at_risk_usd": _("at risk ({currency})").format(currency=_currency(display)),
        "at_risk": _("what is at risk"),
        "earns_usd": _("earns ({currency})").format(currency=_currency(display)),
        "earns": _("what it earns"),
    }
    shown = format_table(
        table.drop(columns=["fact_ids"]).assign(confidence=confidence_words(table["confidence"])),
        display,
        money=["at_risk_usd", "earns_usd"],
        rename=rename,
    )
    return translate_headers(shown, rename.values())


# --------------------------------------------------------------------------- Musk check


def describe_musk_check(scenario: Scenario) -> pd.DataFrame:
    """Musk's claim against the evidence (:func:`stargate.model.liquidity.check_musk_claim`).

    Returns:
        Its columns, ``what`` in the display currency, with ``amount_jpy`` after ``amount_usd``.
    """
    show = scenario.display
    table = liquidity.check_musk_claim()
    table["what"] = data_texts(table["what"], show)
    return _with_jpy(table, "amount_usd", "amount_jpy", show)


def format_musk_check(table: pd.DataFrame, display: DisplaySettings) -> pd.DataFrame:
    """The Musk check (:func:`describe_musk_check`) for readers."""
    musk = format_amount(facts.value("sg_musk_claim"), display)
    table = table.drop(columns=["fact_id", "label"])
    if current_language() != "en":
        table = table.assign(
            date=[format_date(d) for d in table["date"]],
            who=[_(w) for w in table["who"]],
            kind=[_(k) for k in table["kind"]],
        )
    return _amount_columns(
        table,
        "amount_usd",
        "amount_jpy",
        display,
        ratios=["vs_musk_10bn"],
        rename={"vs_musk_10bn": _("multiple of Musk's {musk} (×)").format(musk=musk)},
    )


#: The kinds of figure in the Musk check and the kinds of promise on the label's timeline
#: (``stargate/data/tables``), and the names in them, for the catalog.
KIND_WORDS = (
    N_("Elon Musk"),
    N_("claim"),
    N_("reported liquidity"),
    N_("commitment"),
    N_("later financing"),
    N_("who"),
    N_("stated intention"),
    N_("reported plan"),
    N_("report"),
    N_("agreement"),
    N_("contract (reported)"),
    N_("plan"),
    N_("loans (reported)"),
    N_("filing"),
    N_("gw"),
)


def chart_musk_check(table: pd.DataFrame) -> alt.LayerChart:
    """The Musk check (:func:`describe_musk_check`) as bars, with Musk's figure as a rule.

    Returns:
        An Altair layered chart; amounts in the display currency set by ``charts.enable``.
    """
    show = charts.current_display()
    musk_usd = float(table.loc[table["kind"] == "claim", "amount_usd"].iloc[0])
    musk = format_amount(musk_usd, show)
    data = table.assign(
        item=[
            f"{format_date(r.date) if current_language() != 'en' else r.date} · {_(r.label)}"
            for r in table.itertuples()
        ],
        kind=[_(k) for k in table["kind"]],
    )
    bars = charts.bar(
        data,
        "item",
        "amount_usd",
        title=fill_facts(
            _("“Well under {sg_musk_claim|$10B} secured” against what was reported"), show
        ),
        unit="USD",
        color="kind",
        sort=None,
        category_title=N_("Reported item"),
        color_title=N_("Kind of figure"),
        subtitle=_(
            "Black line: Musk's {musk}; every bar is a sourced figure (see the table)"
        ).format(musk=musk),
    )
    factor = charts.money_factor("USD")
    rule = (
        alt.Chart(
            pd.DataFrame({"x": [musk_usd * factor], "label": [_("Musk: {musk}").format(musk=musk)]})
        )
        .mark_rule(color=charts.TEXT_COLOR, strokeWidth=2)
        .encode(x="x:Q", tooltip=[alt.Tooltip("label:N", title=_("Claim"))])
    )
    return alt.layer(bars, rule)


def write_softbank_verdict(liquidity_usd: dict[str, float], display: DisplaySettings) -> str:
    """What the evidence supports about SoftBank's money, in one paragraph.

    Args:
        liquidity_usd: :func:`stargate.model.liquidity.check_softbank_liquidity`.
        display: display settings.
    """
    m = {k: _money(v, display) for k, v in liquidity_usd.items()}
    return _(
        "**What the evidence supports.** The cash SoftBank was reported to hold ({cash_usd}) "
        "was more than Musk's {musk_bound_usd} — if the unnamed source is right. But within "
        "ten weeks SoftBank had also promised up to {openai_commitment_usd} to OpenAI's "
        "funding round, on top of {stargate_equity_usd} for Stargate: {commitments_usd} of "
        "commitments, {shortfall_usd} more than the cash reported. It was reported to be "
        "negotiating a {loan_talks_usd} loan in March 2025, and by November 2025 had raised "
        "{raised_usd} by selling all its Nvidia shares, part of T-Mobile and taking a bridge "
        "loan. So Musk's number cannot be verified, and the partners did hold more than "
        "{musk_amount} between them — but SoftBank did not have the cash for its commitments "
        "and had to borrow and sell assets to meet them."
    ).format(musk_amount=_amount(liquidity_usd["musk_bound_usd"], display), **m)


def _amount(amount_usd: float, display: DisplaySettings) -> str:
    """An amount as prose states it (``$10bn``); Japanese: yen, then the dollars."""
    if current_language() != "en":
        return money_text(amount_usd, display)
    return format_amount(amount_usd, display)


# --------------------------------------------------------------------------- the moving label


def describe_label_timeline(scenario: Scenario) -> pd.DataFrame:
    """The label's steps (:func:`stargate.model.label_timeline.trace_label_timeline`) in words.

    Returns:
        Its columns, ``event`` in the display currency, with ``usd_jpy`` after ``usd``.
    """
    show = scenario.display
    table = label_timeline.trace_label_timeline()
    table["event"] = data_texts(table["event"], show)
    return _with_jpy(table, "usd", "usd_jpy", show)


def format_label_timeline(table: pd.DataFrame, display: DisplaySettings) -> pd.DataFrame:
    """The label timeline (:func:`describe_label_timeline`) for readers."""
    table = table.drop(columns=["fact_ids"])
    if current_language() != "en":
        table = table.assign(
            date=[format_date(d) for d in table["date"]], status=[_(k) for k in table["status"]]
        )
    return _amount_columns(table, "usd", "usd_jpy", display, rename={"gw": _("capacity (GW)")})


def chart_label_timeline(timeline: pd.DataFrame) -> alt.LayerChart:
    """Amounts attached to “Stargate” over 2025, coloured by what kind of promise.

    Args:
        timeline: :func:`describe_label_timeline`.

    Returns:
        An Altair layered chart (points with labels) of the timeline's ``usd`` column.
    """
    data = timeline.dropna(subset=["usd"]).copy()
    data["when"] = [d if len(d) > 7 else f"{d}-15" for d in data["date"]]
    data["shown"] = [charts.format_value(v, "USD") for v in data["usd"]]
    data["usd"] = data["usd"] * charts.money_factor("USD")
    data["gw_text"] = [MISSING if is_missing(g) else format_value(g, "GW") for g in data["gw"]]
    data["status"] = [_(k) for k in data["status"]]
    japanese = current_language() != "en"
    base = alt.Chart(data).encode(
        x=alt.X(
            "when:T",
            title=None,
            axis=alt.Axis(format="%Y年%-m月" if japanese else "%b %Y", tickCount="month"),
            scale=alt.Scale(domain=["2025-01-01", "2026-01-31"]),
        ),
        y=alt.Y("usd:Q", title=None, axis=alt.Axis(labelExpr=charts.money_label_expr())),
        tooltip=[
            alt.Tooltip("date:N", title=_("Date")),
            alt.Tooltip("event:N", title=_("What")),
            alt.Tooltip("status:N", title=_("Kind of promise")),
            alt.Tooltip("shown:N", title=_("Amount")),
            alt.Tooltip("gw_text:N", title=_("Capacity")),
            alt.Tooltip("confidence:N", title=_("Confidence")),
        ],
    )
    points = base.mark_point(size=120, filled=True, opacity=1).encode(
        color=alt.Color("status:N", scale=charts.color_scale(data["status"]), title=None),
    )
    labels = base.mark_text(align="left", dx=9, dy=-8).encode(text="shown:N")
    title = charts.chart_title(
        N_("The label moved: what each dollar figure is"),
        "USD",
        N_("Plans, contracts, loans and a letter of intent are different kinds of promise"),
    )
    return alt.layer(points, labels, title=title).properties(
        width=charts.WIDTH_PX, height=charts.HEIGHT_PX
    )


# --------------------------------------------------------------------------- one call per output
#
# What the notebook shows, each from the scenario alone, so ``nb.show`` can make it once per
# language (the words of a table are filled in that language).


def parties_table(scenario: Scenario) -> pd.DataFrame:
    """The parties table for readers (:func:`describe_parties`, :func:`format_parties`)."""
    return format_parties(describe_parties(scenario), scenario.display)


def capex_split_table(scenario: Scenario) -> pd.DataFrame:
    """Where a dollar of capex goes, for readers."""
    return format_capex_split(describe_capex_split(scenario), scenario.display)


def payment_flows_table(scenario: Scenario) -> pd.DataFrame:
    """Who pays whom, for readers."""
    return format_payment_flows(describe_payment_flows(scenario), scenario.display)


def exposure_table(scenario: Scenario) -> pd.DataFrame:
    """What each party has at risk and earns, for readers."""
    return format_exposure(describe_exposure(scenario), scenario.display)


def musk_table(scenario: Scenario) -> pd.DataFrame:
    """Musk's claim against the evidence, for readers."""
    return format_musk_check(describe_musk_check(scenario), scenario.display)


def musk_chart(scenario: Scenario) -> alt.LayerChart:
    """Musk's claim against the evidence, as bars."""
    return chart_musk_check(describe_musk_check(scenario))


def describe_softbank_verdict(scenario: Scenario) -> str:
    """What the evidence supports about SoftBank's money (:func:`write_softbank_verdict`)."""
    return write_softbank_verdict(liquidity.check_softbank_liquidity(scenario), scenario.display)


def label_timeline_chart(scenario: Scenario) -> alt.LayerChart:
    """The moving label, as points over 2025."""
    return chart_label_timeline(describe_label_timeline(scenario))


def label_timeline_table(scenario: Scenario) -> pd.DataFrame:
    """The moving label's steps, for readers."""
    return format_label_timeline(describe_label_timeline(scenario), scenario.display)
