"""The cost report's fact-check for readers: each claim, the evidence and the model, in words.

The checks, their ranges and verdicts are worked out in :mod:`stargate.model.fact_check`; here
each row gets the sentence a reader sees, every amount in the scenario's display currency
(the article's own dollar figures too, converted like any other amount; the Japanese edition
gives yen with the dollar figure in parentheses). Beside each verdict stands the article's own
Japanese sentence (the claim row's ``quote`` in the register), in both editions. Every sentence
is a msgid with named placeholders (:mod:`stargate.present.i18n`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
import pandas as pd

from stargate import facts
from stargate.model import costs, fact_check
from stargate.model.finance import HOURS_PER_YEAR
from stargate.present.data_text import source_names
from stargate.present.formatting import format_number, format_share
from stargate.present.i18n import N_, join_sentences, keep_english, money_text
from stargate.present.i18n import gettext as _
from stargate.scenario import Scenario

#: (claim, article's figure, evidence and model) for one check.
Texts = tuple[str, str, str]

#: How each verdict reads (:data:`stargate.facts.Verdict`).
VERDICT_LABELS: dict[str, str] = {
    "consistent": N_("consistent"),
    "partly_supported": N_("partly supported"),
    "inconsistent": N_("inconsistent"),
    "misattributed": N_("misattributed"),
    "unsourced": N_("unsourced"),
}


def verdict_label(verdict: str) -> str:
    """A verdict in the current language (``inconsistent`` → 不整合)."""
    return _(VERDICT_LABELS[verdict])


def _claim_texts(scenario: Scenario) -> dict[str, Callable[[], Texts]]:
    """Check id → a function giving its three texts (called only for the checks in the table)."""
    d = scenario.display
    v = facts.value
    fig = fact_check.fact_check_figures(scenario)
    art = fact_check.article_arithmetic()
    gpus = format_number(v("claim_hopper_gpus"))
    capex_claim = v("claim_capex_usd")
    nvidia_claim = v("claim_nvidia_revenue_usd")
    grid_years, grid_util = costs.LIFETIME_GRID_YEARS, costs.UTILIZATION_GRID
    grid = _("IT life {first_year}–{last_year} years × utilisation {low_util}–{high_util}").format(
        first_year=format_number(grid_years[0]),
        last_year=format_number(grid_years[-1]),
        low_util=format_share(grid_util[0]),
        high_util=format_share(grid_util[-1]),
    )

    def m(usd: float, rest: str = "") -> str:
        return money_text(usd, d, rest)

    def per_hour(usd: float) -> str:
        return m(usd, "/GPU-hour")

    def gpu_count() -> Texts:
        return (
            _("NVIDIA supplies {gpus} GPUs to Stargate").format(gpus=gpus),
            _("{gpus} GPUs").format(gpus=gpus),
            _(
                "No source ties a count of {gpus} GPUs to Stargate. Reported figures are "
                "{planned} GB200 planned at Abilene by end-2026, with space for {most} chips if "
                "the campus is filled."
            ).format(
                gpus=gpus,
                planned=format_number(v("abilene_gpus_committed_2026")),
                most=format_number(v("abilene_gpus_max")),
            ),
        )

    def hopper() -> Texts:
        return (
            _("The GPUs are Hopper (H100)"),
            "Hopper",
            _(
                "The hardware reported for Stargate and OpenAI is Blackwell and later: Oracle "
                "began delivering GB200 racks to Abilene in June 2025, OpenAI's AWS deal names "
                "GB200/GB300, and NVIDIA's first GW for OpenAI is to be Vera Rubin. The report "
                "prices H100 only to test the article's own arithmetic."
            ),
        )

    def capex_per_gpu() -> Texts:
        h100_capex = fig["h100_capex_usd_per_gpu"]
        return (
            _("Capex of {capex} for the {gpus} GPUs").format(capex=m(capex_claim), gpus=gpus),
            _("{capex} = {per_gpu} per GPU").format(
                capex=m(capex_claim), per_gpu=m(art["capex_usd_per_gpu"])
            ),
            _(
                "Model: {per_h100} per H100 all-in ({fleet} for {gpus}), of which facility "
                "{facility}. Evidence allows {low} (DGX server price per GPU, cheapest facility) "
                "to {high} (all-in compute estimate, facility at Shackelford's cost per MW of "
                "IT). {claim} is "
                "close to a GB200's all-in IT cost ({gb200}) before any building."
            ).format(
                per_h100=m(h100_capex),
                fleet=m(h100_capex * v("claim_hopper_gpus")),
                gpus=gpus,
                facility=m(fig["h100_facility_usd_per_gpu"]),
                low=m(fig["capex_low_usd_per_gpu"]),
                high=m(fig["capex_high_usd_per_gpu"]),
                claim=m(art["capex_usd_per_gpu"]),
                gb200=m(v("allin_gb200_per_gpu_derived")),
            ),
        )

    def nvidia_revenue_per_gpu() -> Texts:
        price = facts.get("price_h100")
        return (
            _("NVIDIA earns {revenue}").format(revenue=m(nvidia_claim)),
            _("{revenue} = {per_gpu} per GPU").format(
                revenue=m(nvidia_claim), per_gpu=m(art["nvidia_revenue_usd_per_gpu"])
            ),
            _(
                "An H100 sells for {low}–{high}; a whole DGX server costs {dgx} per GPU and "
                "all-in compute with networking about {allin} per GPU. NVIDIA cannot earn more "
                "per GPU than the whole IT bill, so the range tested is the GPU price up to the "
                "all-in figure."
            ).format(
                low=m(price.low or 0),
                high=m(price.high or 0),
                dgx=m(v("price_dgx_h100_per_gpu_derived")),
                allin=m(fig["revenue_high_usd_per_gpu"]),
            ),
        )

    def nvidia_share_of_capex() -> Texts:
        return (
            _("NVIDIA's share of capex ({revenue} of {capex})").format(
                revenue=m(nvidia_claim), capex=m(capex_claim)
            ),
            format_share(art["nvidia_share_of_capex"], digits=1),
            _(
                "Bernstein puts GPUs at {bernstein} of AI data-centre capex; NVIDIA's own figure "
                "is {hardware} of {total} per GW ({nvidia}, all NVIDIA hardware incl. "
                "networking). Model (H100): accelerators {model} of capex."
            ).format(
                bernstein=format_share(fig["share_low"]),
                hardware=m(v("nvda_per_gw_hardware")),
                total=m(v("nvda_per_gw_total")),
                nvidia=format_share(fig["share_high"]),
                model=format_share(fig["h100_accelerator_share"]),
            ),
        )

    def h100_cost_per_hour() -> Texts:
        claim = v("claim_price_usd_per_gpu_hour")
        return (
            _("Operating cost of {price} per H100-hour").format(price=m(claim)),
            per_hour(claim),
            _(
                "Model full cost of an H100-hour (capital recovery + operating costs): {cost}; "
                "{low}–{high} over {grid}. Running costs alone (energy, maintenance, staff) are "
                "{running}, so {claim} can only be a full cost of ownership or a rental price. "
                "Market H100 rental: {early_2024} (early 2024), {october_2024} (Oct 2024), "
                "{low_2025} (2025 low). The figure itself is untraced; a rental price is not an "
                "operating cost."
            ).format(
                cost=m(fig["h100_cost_per_gpu_hour_usd"]),
                low=m(fig["h100_cost_per_gpu_hour_usd_low"]),
                high=m(fig["h100_cost_per_gpu_hour_usd_high"]),
                grid=grid,
                running=m(fig["h100_running_cost_per_gpu_hour_usd"]),
                claim=m(claim),
                early_2024=m(v("gpu_rent_2024_early")),
                october_2024=m(v("gpu_rent_oct2024")),
                low_2025=m(v("gpu_rent_low_2025")),
            ),
        )

    def annual_cost() -> Texts:
        price = m(v("claim_price_usd_per_gpu_hour"))
        return (
            _("Implied annual cost: {gpus} × {price} × {hours} h").format(
                gpus=gpus, price=price, hours=format_number(HOURS_PER_YEAR)
            ),
            _("{cost} a year").format(cost=m(art["annual_cost_usd"])),
            _(
                "Model annual TCO of {gpus} H100: {cost}; {low}–{high} over {grid}. The "
                "article's product assumes every hour of the year is paid for."
            ).format(
                gpus=gpus,
                cost=m(fig["annual_cost_model_usd"]),
                low=m(fig["annual_cost_model_usd_low"]),
                high=m(fig["annual_cost_model_usd_high"]),
                grid=grid,
            ),
        )

    def gb200_cost_per_hour() -> Texts:
        claim = v("claim_gb200_usd_per_gpu_hour")
        return (
            _("Operating cost of OpenAI's first GB200 cluster: {price} per hour").format(
                price=m(claim)
            ),
            per_hour(claim),
            _(
                "Model GB200 GPU-hour: {cost}; {low}–{high} over the same grid. An independent "
                "at-cost estimate gives {estimate} per GB200-hour; B200 spot rental was {spot} "
                "in March 2026."
            ).format(
                cost=m(fig["gb200_cost_per_gpu_hour_usd"]),
                low=m(fig["gb200_cost_per_gpu_hour_usd_low"]),
                high=m(fig["gb200_cost_per_gpu_hour_usd_high"]),
                estimate=m(v("gpu_gb200_atcost_est")),
                spot=m(v("gpu_rent_b200_2026_spot")),
            ),
        )

    def newer_generations_dearer() -> Texts:
        gens = fact_check.NEWER_GENERATIONS
        hours = " → ".join(m(fig[f"cost_per_gpu_hour_usd_{g}"]) for g in gens)
        pflops = " → ".join(m(fig[f"cost_per_pflop_hour_usd_{g}"]) for g in gens)
        return (
            _("GB300 and VR200 raise costs further"),
            _("qualitative"),
            _(
                "Model cost per GPU-hour {generations}: {per_hour}; per dense BF16 PFLOP-hour: "
                "{per_pflop} (VR200's BF16 is unpublished: a floor, so its per-PFLOP cost is an "
                "upper bound). Per GPU-hour the claim holds; per unit of compute it need not."
            ).format(generations=" → ".join(gens), per_hour=hours, per_pflop=pflops),
        )

    return {
        "gpu_count": gpu_count,
        "hopper": hopper,
        "capex_per_gpu": capex_per_gpu,
        "nvidia_revenue_per_gpu": nvidia_revenue_per_gpu,
        "nvidia_share_of_capex": nvidia_share_of_capex,
        "h100_cost_per_hour": h100_cost_per_hour,
        "annual_cost": annual_cost,
        "gb200_cost_per_hour": gb200_cost_per_hour,
        "newer_generations_dearer": newer_generations_dearer,
    }


def article_quotes(fact_ids: Iterable[str]) -> str:
    """The article's own Japanese words for the claim rows among ``fact_ids`` (register quotes).

    Each claim row (``claim_*``) carries the article's sentence as it wrote it (``quote``);
    several are joined by " / ". Both editions show them: they are the article's words.
    """
    with facts.unrecorded():
        quotes = [
            facts.get(i).quote or "" for i in fact_ids if i.startswith("claim_") and facts.exists(i)
        ]
    return " / ".join(q for q in dict.fromkeys(quotes) if q)


def fact_check_rows(scenario: Scenario) -> pd.DataFrame:
    """The fact-check table with the sentences a reader sees.

    Returns:
        The columns of :func:`stargate.model.fact_check.fact_check_table` plus ``claim``,
        ``quote`` (the article's Japanese words), ``article_value`` and ``evidence`` (text).
    """
    table = fact_check.fact_check_table(scenario)
    texts = _claim_texts(scenario)
    shown = [texts[check]() for check in table["check"]]
    return table.assign(
        claim=[t[0] for t in shown],
        quote=[article_quotes(s.split(", ")) for s in table["sources"]],
        article_value=[t[1] for t in shown],
        evidence=[t[2] for t in shown],
    )


def format_fact_check_table(scenario: Scenario) -> pd.DataFrame:
    """The fact-check table for readers: claim, the article's words, figure, evidence, verdict."""
    t = fact_check_rows(scenario)
    claim = _("Claim in the article")
    frame = pd.DataFrame(
        {
            claim: t["claim"],
            _("The article's words"): t["quote"],
            _("Article's figure"): t["article_value"],
            _("Evidence and model"): t["evidence"],
            _("Verdict"): [
                _verdict_text(c, v) for c, v in zip(t["check"], t["verdict"], strict=True)
            ],
            _("Sources"): [source_names(ids) for ids in t["sources"]],
        }
    ).set_index(claim)
    return keep_english(frame, _("Sources"))


def _verdict_text(check: str, verdict: str) -> str:
    """A cost claim's verdict; one named an operating cost says which reading holds."""
    if check in fact_check.NAMED_OPERATING_COST and verdict == "partly_supported":
        return _("not an operating cost; as a full cost or rental price: consistent")
    return verdict_label(verdict)


def describe_fact_check(scenario: Scenario) -> str:
    """Markdown: the count of verdicts in the fact-check table."""
    counts = fact_check.fact_check_table(scenario)["verdict"].value_counts()
    return _(
        "Of the article's {checked} cost claims checked: **{consistent}** consistent, "
        "**{partly}** partly supported, **{inconsistent}** inconsistent, **{unsourced}** "
        "unsourced."
    ).format(
        checked=format_number(counts.sum()),
        consistent=format_number(counts.get("consistent", 0)),
        partly=format_number(counts.get("partly_supported", 0)),
        inconsistent=format_number(counts.get("inconsistent", 0)),
        unsourced=format_number(counts.get("unsourced", 0)),
    )


# --------------------------------------------------------------------------- other statements

#: The article's statements that are not about cost (people, titles, names), each with what
#: the evidence says (the claim row's ``evidence`` decides the verdict, in the register).
STATEMENTS: dict[str, tuple[str, str]] = {
    "claim_trump_former_president": (
        N_('Trump, "former president", backed the plan'),
        N_(
            "Trump was sworn in on 20 January 2025 and announced Stargate at the White House "
            'the next day as the sitting president: "former president" is the wrong title.'
        ),
    ),
    "claim_nvidia_british": (
        N_("NVIDIA is British"),
        N_(
            "NVIDIA is an American company (Santa Clara, California). The British company "
            "named with it at the announcement is Arm, which the article does not name."
        ),
    ),
    "claim_gpt4b_cancer": (
        N_("Altman spoke of cancer research using GPT-4b"),
        N_(
            "At the announcement the cancer remark was Larry Ellison's (personalised mRNA "
            "vaccines designed by AI); Altman spoke of curing diseases in general, and no "
            "report has him mention GPT-4b. GPT-4b micro is a protein-design model for "
            "longevity research, not cancer treatment."
        ),
    ),
    "claim_altman_rebuttal": (
        N_("Altman called the criticism groundless and invited Musk to the site"),
        N_(
            'In substance: Altman answered "wrong" and invited Musk to visit the first '
            'site; "groundless" is the article\'s paraphrase.'
        ),
    ),
    "claim_ellison_founder": (
        N_("Larry Ellison, Oracle's founder, drove the plan"),
        N_("Ellison co-founded Oracle; he is its chairman and chief technology officer."),
    ),
    "claim_musk_tesla_ceo": (
        N_("Musk, Tesla's chief executive, doubted the financing"),
        N_("Correct; he also led a task force of the new administration, which is not said."),
    ),
    "claim_musk_loss_forecast": (
        N_("Musk forecast OpenAI's loss growing from 2024 to 2026"),
        N_(
            "The figures are OpenAI's own projections as reported by The Information; no "
            "source has Musk making this forecast."
        ),
    ),
    "claim_manhattan_apollo": (
        N_("The plan was called bigger than the Manhattan Project and Apollo"),
        N_("No report of the announcement found describes it this way; no speaker is named."),
    ),
}


def format_statement_table(scenario: Scenario) -> pd.DataFrame:
    """The article's statements about people, titles and names, with their verdicts.

    One row per :data:`STATEMENTS` claim: what the article says, its own Japanese words,
    what the evidence says, the verdict (the register's) and the evidence rows' sources.
    Every row cited is recorded as used, so the sources table lists it.
    """
    rows = []
    for fact_id, (said, evidence) in STATEMENTS.items():
        fact = facts.get(fact_id)
        facts.record([fact_id, *fact.evidence])
        rows.append(
            {
                _("The article says"): _(said),
                _("The article's words"): fact.quote or "",
                _("What the evidence says"): _(evidence),
                _("Verdict"): verdict_label(fact.verdict or "unsourced"),
                _("Sources"): source_names(fact.evidence),
            }
        )
    frame = pd.DataFrame(rows).set_index(_("The article says"))
    return keep_english(frame, _("Sources"))


def describe_statements(scenario: Scenario) -> str:
    """Markdown: how many of the article's other statements hold."""
    verdicts = [facts.get(i).verdict for i in STATEMENTS]
    wrong = sum(v in ("inconsistent", "misattributed") for v in verdicts)
    return _(
        "The article also makes {count} statements about people, titles and names. "
        "**{wrong}** are wrong or misattributed, **{right}** hold and **{unsourced}** have no "
        "source."
    ).format(
        count=format_number(len(verdicts)),
        wrong=format_number(wrong),
        right=format_number(sum(v == "consistent" for v in verdicts)),
        unsourced=format_number(sum(v == "unsourced" for v in verdicts)),
    )


# --------------------------------------------------------------------------- peer check

#: How each peer-check verdict reads.
_PEER_VERDICTS = {
    "agrees": N_("agrees (within 10%)"),
    "differs": N_("differs by more than 10% (see why)"),
    "consistent": N_("consistent (cost below the price paid)"),
    "inconsistent": N_("inconsistent (cost above the price paid)"),
    "fitted": N_("fitted — not a test"),
}

#: A ``differs`` verdict naming the peer(s) the model misses by more than 10% (the verdict
#: beside a close Bernstein figure must not read as if that one differed).
_DIFFERS_FROM = {
    ("Bernstein",): N_("differs from Bernstein by more than 10% (see why)"),
    ("NVIDIA",): N_("differs from NVIDIA by more than 10% (see why)"),
    ("Bernstein", "NVIDIA"): N_("differs from Bernstein and NVIDIA by more than 10% (see why)"),
}


def peer_verdict_text(verdict: str, differs_from: tuple[str, ...] = ()) -> str:
    """A peer-check verdict for readers; ``differs`` names the peer(s) that differ."""
    if verdict == "differs" and tuple(differs_from) in _DIFFERS_FROM:
        return _(_DIFFERS_FROM[tuple(differs_from)])
    return _(_PEER_VERDICTS[verdict])


#: The peer check's components (``data/tables/cost_peer_checks.yaml``), marked for the catalog.
PEER_MEASURES = (
    N_("Capex per GW of facility power"),
    N_("IT equipment per GW (racks, networking, storage)"),
    N_("NVIDIA racks per GW (GPUs, Grace CPUs, NVLink)"),
    N_("IT outside the racks per GW (cluster network, storage, rest)"),
    N_("Facility per GW (buildings, power and cooling plant)"),
    N_("NVIDIA rack share of capex"),
    N_("Annual cost per GW (capital recovery and running costs)"),
    N_("Annual cost per GW against the at-cost estimate the inputs came from"),
    N_("Running costs per GW (energy, maintenance, staff & other)"),
)


def _peer_whys(scenario: Scenario) -> dict[str, str]:
    """Check id → why the model differs from the published figures, by component (sourced)."""
    d = scenario.display
    v = facts.value
    campus = fact_check.gb200_campus_per_gw(scenario)
    peer = fact_check.peer_figures(scenario)
    spec = scenario.fleet.specs["GB200"]

    def m(usd: float) -> str:
        return money_text(usd, d)

    racks = _(
        "the model counts {racks} racks per GW ({facility_w} W of facility power per GPU: "
        "{it_w} W all-in IT incl. cluster network and storage × PUE {pue}), Bernstein's "
        "figures imply {bernstein_racks} ({per_gw} ÷ {per_rack} per rack, {bernstein_w} W per "
        "GPU)"
    ).format(
        racks=format_number(campus["racks"]),
        facility_w=format_number(campus["facility_w_per_gpu"]),
        it_w=format_number(spec.it_power_w_per_gpu),
        pue=f"{scenario.facility.pue:g}",
        bernstein_racks=format_number(peer["bernstein_racks"]),
        per_gw=m(v("bernstein_per_gw")),
        per_rack=m(v("bernstein_rack_gb200")),
        bernstein_w=format_number(peer["bernstein_facility_w_per_gpu"]),
    )
    per_rack_it = campus["it_equipment"] / campus["racks"]
    table = fact_check.peer_check_table(scenario)
    capex_row = table.set_index("check").loc["capex_per_gw"]
    facility_per_mw_bernstein = peer["bernstein_facility"] / campus["it_mw"]
    return {
        "capex_per_gw": join_sentences(
            _(
                "The model's total, {model}, is {diff} against Bernstein's "
                "{bernstein}, and the parts differ (rows below)."
            ).format(
                model=m(capex_row.model_value),
                diff=format_share(capex_row.diff_bernstein, signed=True),
                bernstein=m(capex_row.bernstein_value),
            ),
            _(
                "NVIDIA's {nvidia_capex} is a vendor's claim: {nvidia_it} of NVIDIA hardware "
                "per GW against the model's {model_it} of all IT, and {nvidia_rest} of the "
                "rest against a {model_facility} facility."
            ).format(
                nvidia_capex=m(peer["nvidia_capex"]),
                nvidia_it=m(peer["nvidia_it_equipment"]),
                model_it=m(campus["it_equipment"]),
                nvidia_rest=m(peer["nvidia_facility"]),
                model_facility=m(campus["facility"]),
            ),
            (
                _(
                    "Altman's figure is a floor (more than {altman}), and the model's "
                    "{model} is below it."
                )
                if capex_row.model_value < capex_row.other_value
                else _(
                    "Altman's figure is a floor (more than {altman}), and the model's "
                    "{model} is above it."
                )
            ).format(altman=m(capex_row.other_value), model=m(capex_row.model_value)),
        ),
        "it_equipment_per_gw": _(
            "Per rack the model's IT is {per_rack} (the {rack} rack plus {outside} outside it, "
            "from Nesov's {allin} all-in) against Bernstein's {bernstein} of compute; {racks}. "
            "NVIDIA's {nvidia} is all NVIDIA hardware at NVIDIA's own prices."
        ).format(
            per_rack=m(per_rack_it),
            rack=m(v("price_gb200_nvl72")),
            outside=m(spec.other_it_capex_usd_per_gpu * v("rack_gb200_nvl72_gpus")),
            allin=m(v("price_gb200_nvl72_allin")),
            bernstein=m(v("bernstein_rack_compute")),
            racks=racks,
            nvidia=m(v("nvda_per_gw_hardware")),
        ),
        "accelerators_per_gw": _(
            "The model's accelerator line is the whole NVL72 rack price ({rack}: GPUs, Grace "
            "CPUs, NVLink switches); Bernstein's {share} counts the GPUs alone ({per_rack} per "
            "rack); the rack counts differ too (IT equipment row)."
        ).format(
            rack=m(v("price_gb200_nvl72")),
            share=format_share(v("bernstein_gpu_share")),
            per_rack=m(peer["bernstein_accelerators"] / peer["bernstein_racks"]),
        ),
        "other_it_per_gw": _(
            "The model's {per_gpu} per GPU outside the rack is Nesov's {allin} all-in minus the "
            "{rack} rack, ÷ 72 (one low-confidence estimate): cluster network, storage and "
            "everything else; Bernstein's {share} is networking alone."
        ).format(
            per_gpu=m(spec.other_it_capex_usd_per_gpu),
            allin=m(v("price_gb200_nvl72_allin")),
            rack=m(v("price_gb200_nvl72")),
            share=format_share(v("bernstein_network_share")),
        ),
        "facility_per_gw": _(
            "The model builds {it_mw} MW of IT per GW at Abilene's {abilene} per MW (a joint "
            "venture that funds shell and power); Bernstein's {per_rack} per rack comes to "
            "{bernstein} per MW of IT, below Shackelford's {shackelford} per MW of IT ({per_mw} "
            "per MW of facility power × PUE {pue}) and above Cushman & Wakefield's {average} "
            "average (which leaves out land and soft costs). NVIDIA's {nvidia} of non-NVIDIA "
            "spend also holds non-NVIDIA IT."
        ).format(
            it_mw=format_number(campus["it_mw"]),
            abilene=m(scenario.facility.facility_capex_usd_per_mw_it),
            per_rack=m(v("bernstein_rack_physical")),
            bernstein=m(facility_per_mw_bernstein),
            shackelford=m(fact_check.shackelford_usd_per_mw_it(scenario)),
            per_mw=m(v("sg_shackelford_per_mw_derived")),
            pue=format_number(scenario.facility.pue),
            average=m(v("dc_cost_per_mw")),
            nvidia=m(peer["nvidia_facility"]),
        ),
        "nvidia_share": _(
            "The model's share counts the whole rack (GPUs, Grace CPUs, NVLink); Bernstein "
            "counts GPUs alone ({bernstein}); NVIDIA's {nvidia} counts all NVIDIA hardware, "
            "networking included."
        ).format(
            bernstein=format_share(v("bernstein_gpu_share")),
            nvidia=format_share(v("nvda_per_gw_share")),
        ),
        "annual_cost_per_gw": _(
            "Oracle's contract price to OpenAI ({price} a year for {gw} GW) includes Oracle's "
            "margin, so a cost below it is consistent; it sets none of the model's inputs."
        ).format(
            price=m(v("sg_oracle_300bn_per_year_derived")),
            gw=format_number(v("sg_oracle_4p5gw")),
        ),
        "annual_cost_per_gw_nesov": _(
            "Not a test: the model's IT outside the rack comes from Nesov's {allin} all-in "
            "rack (so its IT capex per GPU is his ~{capex}), and the maintenance rate "
            "({maintenance}) was chosen to match his running costs."
        ).format(
            allin=m(v("price_gb200_nvl72_allin")),
            capex=m(v("gpu_gb200_atcost_est_capex")),
            maintenance=format_share(scenario.finance.maintenance_rate),
        ),
        "opex_per_gw": _(
            "Not a test: the maintenance rate was chosen so that energy + maintenance + staff "
            "match Nesov's {share} of the yearly capital repayment. No independent published "
            "estimate of an AI campus's maintenance was found; the rate stays an assumption "
            "the report sweeps."
        ).format(share=format_share(v("gpu_gb200_atcost_est_opex_share"))),
    }


def _peer_texts(scenario: Scenario, row: pd.Series) -> tuple[str, str, str, str]:
    """(model, Bernstein, NVIDIA, other published figure) texts of one peer-check row."""
    d = scenario.display

    def shown(value: float) -> str:
        return format_share(value) if row.check == "nvidia_share" else money_text(value, d)

    def amount(value: float, diff: float) -> str:
        if not np.isfinite(value):
            return "—"
        return f"{shown(value)} ({format_share(diff, signed=True)})"

    nvidia = amount(row.nvidia_value, row.diff_nvidia)
    if np.isfinite(row.nvidia_low):
        nvidia = _("{figure}; its own range {low}–{high}").format(
            figure=nvidia, low=money_text(row.nvidia_low, d), high=money_text(row.nvidia_high, d)
        )
    other = amount(row.other_value, row.diff_other)
    if row.other_is_floor and np.isfinite(row.other_value):
        # A floor ("more than") is passed or not; a signed difference from it would misread.
        other = (
            _("Altman: more than {figure} (the model is below this floor)")
            if row.model_value < row.other_value
            else _("Altman: more than {figure} (the model is above this floor)")
        ).format(figure=money_text(row.other_value, d))
    elif row.check == "annual_cost_per_gw":
        other = _("Oracle's price to OpenAI: {figure}").format(figure=other)
    elif row.check in ("annual_cost_per_gw_nesov", "opex_per_gw"):
        other = _("Nesov's at-cost estimate: {figure}").format(figure=other)
    return shown(row.model_value), amount(row.bernstein_value, row.diff_bernstein), nvidia, other


def format_peer_check_table(scenario: Scenario) -> pd.DataFrame:
    """A 1 GW GB200 campus against published cost models, component by component, for readers.

    Columns: the model's figure, Bernstein's (peer 1) and NVIDIA's (peer 2) with the model's
    difference in brackets, another published figure where neither peer gives one, the verdict,
    why the figures differ, and who the sources are.
    """
    t = fact_check.peer_check_table(scenario)
    shown = [_peer_texts(scenario, row) for _i, row in t.iterrows()]
    whys = _peer_whys(scenario)
    component = _("Component (GB200 campus, per GW of facility power)")
    frame = pd.DataFrame(
        {
            component: [_(measure) for measure in t["measure"]],
            _("Model"): [s[0] for s in shown],
            "Bernstein": [s[1] for s in shown],
            "NVIDIA": [s[2] for s in shown],
            _("Other published figure"): [s[3] for s in shown],
            _("Verdict"): [
                peer_verdict_text(verdict, peers)
                for verdict, peers in zip(t["verdict"], t["differs_from"], strict=True)
            ],
            _("Why"): [whys[c] for c in t["check"]],
            _("Sources"): [source_names(ids) for ids in t["sources"]],
        }
    ).set_index(component)
    return keep_english(frame, _("Sources"))


def describe_peer_check(scenario: Scenario) -> str:
    """Markdown: what the peer check compares, and which rows are no test (fitted inputs)."""
    t = fact_check.peer_check_table(scenario)
    counts = t["verdict"].value_counts()
    fitted = int(counts.get("fitted", 0))
    values = {
        "tested": format_number(len(t) - fitted),
        "agree": format_number(counts.get("agrees", 0)),
        "differ": format_number(counts.get("differs", 0)),
        "fitted": format_number(fitted),
    }
    text = (
        _(
            "A GB200 campus of 1 GW of facility power, built from the model's own inputs, "
            "against Bernstein's cost model and NVIDIA's figures, which set none of those "
            "inputs. Of {tested} components tested, **{agree}** agree within 10%, **{differ}** "
            "differ by more (each explained in the table), and the annual cost is **below** the "
            "price Oracle charges OpenAI per GW. {fitted} comparisons with the at-cost estimate "
            "some inputs were taken from or fitted to are shown as **fitted — not a test**."
        )
        if counts.get("consistent", 0)
        else _(
            "A GB200 campus of 1 GW of facility power, built from the model's own inputs, "
            "against Bernstein's cost model and NVIDIA's figures, which set none of those "
            "inputs. Of {tested} components tested, **{agree}** agree within 10%, **{differ}** "
            "differ by more (each explained in the table), and the annual cost is **above** the "
            "price Oracle charges OpenAI per GW. {fitted} comparisons with the at-cost estimate "
            "some inputs were taken from or fitted to are shown as **fitted — not a test**."
        )
    )
    return text.format(**values)
