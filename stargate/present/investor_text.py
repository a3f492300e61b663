"""The investor-roles report's narrative: the paragraphs whose figures are facts of the register.

Each text is an English msgid with ``{fact_id}`` placeholders; the notebook shows it with
``nb.md_facts(investor_text.INTRO, scenario)``, which translates it through the catalog and fills
the figures in the page's money (:func:`stargate.present.fact_text.fill_facts`). Kept here, not
in the notebook, so ``make translations`` extracts them (``N_``).
"""

from __future__ import annotations

from stargate.present.i18n import N_

INTRO = N_(
    """\
Stargate was announced at the White House on 21 January 2025 as a plan by OpenAI, SoftBank, Oracle
and MGX to invest **{sg_total_commitment:both} over four years** in AI data centres for OpenAI,
starting with {sg_initial_deploy} "immediately". This report asks four questions of that plan:

1. **Who is in it**, and what has each party actually put on the table?
2. **Where is the money to come from?** The partners' reported equity is a small part of
   {sg_total_commitment}; how much would have to be borrowed, and how much is not accounted for
   at all?
3. **Who is exposed** if it goes wrong, and who earns if it goes right?
4. **Was Elon Musk right** that "they don't actually have the money"?

Every figure names its source and a confidence grade: **H** — a company or government document, or
several reputable outlets agreeing; **M** — one reputable outlet or a reported leak; **L** — a
single weak source or an estimate. Amounts are nominal, in the currency the page names at the top;
yen are converted at the scenario's rate (the seed article's 156 JPY/USD in the base case). The
tables at the end list every fact used."""
)

WHO_IS_IN = N_(
    """\
## Who is in Stargate

The announcement named four **equity funders** — SoftBank, OpenAI, Oracle and MGX (an Abu Dhabi
investment company) — with SoftBank and OpenAI as lead partners: SoftBank with financial
responsibility (Masayoshi Son chairs the venture), OpenAI with operational responsibility. NVIDIA,
Microsoft, Arm, Oracle and OpenAI were named **technology partners**. Once sites were built, other
names appeared: Crusoe develops the first campus at Abilene, Texas, financed by a joint venture with
Blue Owl and Primary Digital and by JPMorgan loans; Vantage builds two more campuses leased to
Oracle, with loans led by JPMorgan and MUFG; Related Digital develops the Michigan site.

"Commitment" means something different on each row. The four equity figures ({sg_eq_softbank},
{sg_eq_openai}, ~{sg_eq_oracle}, ~{sg_eq_mgx}) come from one report (The Information, citing Sam
Altman to colleagues, two days after the announcement): no filing confirms them. NVIDIA's
{nvda_loi_usd} is a **letter of intent** to invest in OpenAI — not in Stargate — as capacity is
deployed. The banks' figures are loans for particular sites. The table shows each figure in dollars
and in yen, its source and its confidence."""
)

#: The stakes paragraph, then (when both lead partners' stakes are reported) :data:`STAKES_NOTE`
#: and :data:`WHO_DOES_WHAT`: joined by
#: :func:`stargate.present.investor_report.build_stakes_and_roles`.
STAKES = N_(
    """\
Stakes: SoftBank and OpenAI were reported to own 40 % each; no source gives Oracle's or MGX's share
(the remaining 20 % is not attributed anywhere). A scenario may set them, but the stakes of all four
may not add up to more than 100 %."""
)

#: Reported stakes against the share of the cash: ``{lead_stake:share}`` and
#: ``{lead_contribution:share}`` are the two lead partners' together (figures, not facts).
STAKES_NOTE = N_(
    """\
The reported stakes come from the announcements; the shares of equity contributions are the
model's equity calls, each partner's equity over the four partners'. Together the two lead
partners, SoftBank and OpenAI, are reported to own {lead_stake:share} of the venture for
{lead_contribution:share} of the partners' equity; no source explains the difference. The
exposure table below uses the reported stakes."""
)

WHO_DOES_WHAT = N_(
    """\
## Who does what

Roles overlap. OpenAI is at once an owner, the operator and the **customer** whose payments are
meant to repay everything. Oracle is an owner, a technology partner, the builder and operator of
most sites, and the buyer of the chips. SoftBank is owner, chair and financier — and also led
OpenAI's {fund_mar2025_raised} funding round of 2025. Hover a dot to see the source for a role; the
table below the chart lists them all."""
)

CAPITAL_LAYERS = N_(
    """\
## Capital structure: who owns and who funds each layer

"Stargate" is not one company paying for everything. At the sites whose financing is public,
developers and their funds own the **land, buildings and power plant** and lease them to Oracle:
at Abilene a joint venture of Crusoe, Blue Owl and Primary Digital, with JPMorgan construction
loans of {abilene_loan_phase1} and {abilene_loan_phase2}; at Shackelford County and Port
Washington, Vantage, with {sg_oracle_debt_38bn} of loans led by JPMorgan and MUFG. **Oracle**
owns and runs the **GPUs** (about {abilene_gpus_oracle_ft_usd} of GB200 chips for Abilene) and
sells the **compute** to OpenAI ({sg_oracle_300bn} over about five years). The table lists every
layer, its owner and every funder the register names, with the terms where they are reported —
interest rates are reported for none of the loans. Money that funds a party rather than the
programme (NVIDIA's and Microsoft's investments in OpenAI, Oracle's bonds, SoftBank's bridge
loan) is listed too, with why it is not counted: Oracle's bonds fund Oracle as a company, and no
part of them is reported as going to a Stargate site."""
)

FLOWS_AND_RECONCILIATION = N_(
    """\
The chart follows each dollar the venture needs up to the year it is most out of pocket: named
funders flow to the layer they pay for at their sites, counted at most up to what the model says
that layer costs there (where a loan is larger, the rest is beyond the model's cost of the site);
OpenAI's payments, the partners' equity and the gap are spread over what is left. The table
gives the same flows.

## One reconciliation: the venture's funding gap

Every figure about the venture's money on this page and in the *Sustainability* report is a line
of the reconciliation below: capex and running costs, less the revenue OpenAI pays in those
years, less the partners' equity, less each named lender, lessor and developer = **the venture's
funding gap**, the cash need no equity or named funder covers. Below it, not counted in the gap,
the debt the venture could raise if lenders lent as at Abilene (about 1.7 dollars per dollar of
equity, net of the named loans; no lender is named) and what would be left. OpenAI's own
corporate funding need — its cash burn against its cash and rounds — is a different object, kept
apart in the *Sustainability* report."""
)

WHO_PAYS_WHOM = N_(
    """\
**Who pays whom.** The money moves in a loop. NVIDIA intends to invest up to {nvda_loi_usd} in
OpenAI as capacity is deployed; OpenAI has reportedly contracted to buy about {sg_oracle_300bn} of
computing power from Oracle over some five years; Oracle buys NVIDIA chips and leases campuses that
banks lend developers to build; SoftBank borrows and sells assets to invest in OpenAI. Every arrow
ends up depending on the same thing: OpenAI's revenue growing fast enough to pay for the capacity
(see the *Sustainability* report)."""
)

CIRCULAR = N_(
    """\
## Circular financing: money that comes back as revenue

Some of the money that funds OpenAI comes from the suppliers it pays. NVIDIA intends to invest up
to {nvda_loi_usd}, in steps as each gigawatt of at least {nvda_loi_gw} GW is deployed — a letter
of intent, not a definitive agreement — while each GW needs about {nvda_per_gw_hardware} of
NVIDIA hardware, bought by the clouds OpenAI rents from. AMD gives OpenAI a warrant for
{amd_6gw_warrant_shares} AMD shares at a nominal exercise price, vesting as OpenAI buys its 6 GW
and as AMD's shares reach targets up to {amd_6gw_share_price_target}. SoftBank paid its last
tranche into OpenAI by selling assets and borrowing."""
)

MUSK = N_(
    """\
## "They don't actually have the money": Musk's claim against the evidence

Within a day of the announcement Elon Musk wrote on X that "SoftBank has well under
{sg_musk_claim|$10B} secured"; Sam Altman replied "wrong". CNN then quoted a person familiar with
the matter: SoftBank had {sg_partner_cash_softbank} of cash on its balance sheet, MGX
{sg_partner_cash_mgx_commitments} of capital commitments, Oracle {sg_partner_cash_oracle} of cash
and OpenAI more than {sg_partner_cash_openai} from its latest round. **Neither side named a
document**: Musk's figure and the rebuttal are both unverified (the rebuttal comes from an unnamed
person). What happened next is better documented — SoftBank's later borrowing and asset sales."""
)

MOVING_LABEL = N_(
    """\
## A moving label

"Stargate" did not stay one thing. Six months after the launch the joint venture had not closed a
single data-centre deal (WSJ). Meanwhile the name spread to capacity that Oracle leases and operates
for OpenAI (Abilene, Shackelford County, Doña Ana County, Wisconsin, Michigan) and to sites SoftBank
develops (Lordstown, Milam County); the September 2025 total of nearly 7 GW even includes CoreWeave
capacity. The "{sg_total_commitment} over four years" became "{sg_total_commitment} / 10 GW" in July
and "{sg_sep25_total_usd}, then {sg_oct25_total_usd}, over the next three years" in the autumn.

Read each figure for what it is: an **intention** (the {sg_total_commitment}), a **plan** (GW and
dollars "planned"), a **contract** (Oracle's {sg_oracle_300bn}, reported by the WSJ), **loans** for
named sites, or a **letter of intent** — NVIDIA's {nvda_loi_usd}, about which NVIDIA's own quarterly
report (10-Q) warns that "there is no assurance that we will enter into definitive agreements"."""
)
