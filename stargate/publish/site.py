"""The index (a front page) and comparison pages over every built report.

One concept: the site around the reports (both pages are built from the same records).

:func:`write_site` takes each executed report's (``reports/<scenario>/<notebook>.ipynb``) header
data and headline figures (:mod:`stargate.publish.headline`, nothing is re-run) from its summary
(:func:`read_summary`: a small JSON file the build writes beside the reports, used only while it
names the notebook's current bytes; else the notebook is read) and writes:

- ``reports/index.html``: a front page. Five bullets on the base scenario, each a sentence
  template filled from named headline records (:data:`FRONT_PAGE_BULLETS`; a bullet whose
  records are missing is left out), links to its reports, one line per other scenario (its
  description and the headline figures that differ most from the base), then every scenario's
  headline figures. Evidence as of the newest evidence the reports used;
- ``reports/compare.html``: every headline figure of every scenario side by side: figures as
  rows grouped by report, with units; scenarios as columns headed by their titles, the base
  first as the reference, each other value with its difference from the base; a scroll box
  with a sticky first column so any number of scenarios fits. Then one chart per figure.

Both pages are written in each language of :data:`stargate.present.i18n.LANGUAGES`: English
in ``reports/``, Japanese in ``reports/ja/`` (same file names), from the same records, every
piece of text through the gettext catalog (:mod:`stargate.present.i18n`; whole sentences with
named placeholders). The Japanese pages show amounts in yen first, the USD figure in
parentheses, and state the exchange rate and its date once. Scenario titles and descriptions
are the user's text and stay as the scenario file writes them (marked ``lang="en"``).

Both pages work offline, look like the reports, are byte-identical for the same inputs and are
written atomically. Scenario order: ``base`` first, then alphabetical.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from stargate.present import i18n
from stargate.present.formatting import MISSING as MISSING_MARK
from stargate.present.formatting import RATIO_UNITS, money_note
from stargate.present.i18n import N_, gettext
from stargate.publish.headline import load_notebook, read_headlines, read_meta
from stargate.publish.page import report_data_as_of
from stargate.publish.table_html import LONG_TABLE_ROWS

INDEX_PAGE = "index.html"
COMPARE_PAGE = "compare.html"
#: Where each language's site pages go, under the reports folder ("": the folder itself).
LANGUAGE_DIRS = {"en": "", "ja": "ja"}
#: The fact the default exchange rate comes from (its date is stated on the Japanese pages).
RATE_FACT = "fx_implied"
BASE_SCENARIO = "base"
#: Where each report's summary (header data and headline figures) is kept, under the reports
#: folder: a cache the index pages read instead of parsing every executed notebook.
SUMMARY_DIR = ".build/summaries"
#: Bump when :func:`report_summary` changes what it holds (every cached summary is then unused).
SUMMARY_FORMAT = 2


@dataclass
class ReportEntry:
    """One built report of a scenario."""

    notebook: str
    title: str
    href: str | None
    headlines: list[dict[str, Any]]
    #: Languages whose twin of this page exists (``reports/<lang>/<href>``).
    twins: tuple[str, ...] = ()


@dataclass
class ScenarioEntry:
    """One scenario and its built reports."""

    name: str
    title: str
    description: str = ""
    data_as_of: str = ""
    #: The scenario file's Japanese title and description ("": none, the English is shown).
    title_ja: str = ""
    description_ja: str = ""
    display: dict[str, Any] = field(default_factory=dict)
    reports: list[ReportEntry] = field(default_factory=list)

    def table_rows(self) -> int:
        """The rows of its headline-figure table on the index (one per report at least)."""
        return sum(max(len(r.headlines), 1) for r in self.reports)


def scenario_order(names: Sequence[str]) -> list[str]:
    """``base`` first, then the others alphabetically (duplicates dropped)."""
    return sorted(dict.fromkeys(names), key=lambda n: (n != BASE_SCENARIO, n))


def _scenario_dirs(reports_dir: Path) -> list[str]:
    if not reports_dir.is_dir():
        return []
    return [
        p.name
        for p in reports_dir.iterdir()
        if p.is_dir() and not p.name.startswith(("_", ".")) and any(p.glob("*.ipynb"))
    ]


def _title_from_notebook(nb_path: Path) -> str:
    return nb_path.stem.replace("_", " ").strip().capitalize()


def report_summary(nb: Any) -> dict[str, Any]:
    """What the index pages need of one executed report: header data, headlines, data date.

    Args:
        nb: an executed notebook (NotebookNode), its path, or its JSON text.
    """
    nb = load_notebook(nb)
    return {
        "meta": read_meta(nb),
        "headlines": read_headlines(nb),
        "data_as_of": report_data_as_of(nb),
    }


def summary_path(reports_dir: Path, scenario: str, notebook: str) -> Path:
    """Where the cached :func:`report_summary` of ``<scenario>/<notebook>.ipynb`` is kept."""
    return Path(reports_dir) / SUMMARY_DIR / scenario / f"{notebook}.json"


def summary_text(notebook_bytes: bytes, summary: dict[str, Any]) -> str:
    """The cache file of a summary: the summary and the SHA-256 of the notebook it is of."""
    record = {
        "format": SUMMARY_FORMAT,
        "notebook_sha256": hashlib.sha256(notebook_bytes).hexdigest(),
        "summary": summary,
    }
    return json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n"


def read_summary(
    reports_dir: Path, scenario: str, nb_path: Path, *, refresh: bool = False
) -> dict[str, Any]:
    """The :func:`report_summary` of an executed notebook, from the cache when it is of it.

    A cached summary is used only when it names the SHA-256 of the notebook's bytes as they
    are now, so a notebook rebuilt, edited or copied in is never summarised from an older one.
    Otherwise the notebook is read (≈0.05 s for a report with charts) and, with ``refresh``,
    the cache written (a cache that cannot be written only costs time). The build writes each
    report's summary as it stores the report (:func:`stargate.build.output_folder.store_result`).
    """
    from stargate.files import write_cache

    data = nb_path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    path = summary_path(reports_dir, scenario, nb_path.stem)
    try:
        cached = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        cached = None
    if (
        isinstance(cached, dict)
        and cached.get("format") == SUMMARY_FORMAT
        and cached.get("notebook_sha256") == digest
        and isinstance(cached.get("summary"), dict)
    ):
        return cached["summary"]
    summary = report_summary(data.decode("utf-8"))
    if refresh:
        write_cache(path, summary_text(data, summary))
    return summary


def collect(
    reports_dir: Path, scenarios: Sequence[Any] | None = None, *, cache_summaries: bool = False
) -> list[ScenarioEntry]:
    """Read every built report's header and headline figures.

    Args:
        reports_dir: the reports folder (``reports/``).
        scenarios: scenario names, or objects with ``name`` (and ``title``, ``description``,
            used when no report of that scenario carries them); None: every folder of
            ``reports_dir`` holding an executed notebook (``_failed``, hidden folders skipped).
        cache_summaries: write the summaries read from notebooks to the summary cache
            (:func:`read_summary`; the build does, in the folder it owns).

    Returns:
        The scenarios in page order, each with its reports in notebook-name order.
    """
    reports_dir = Path(reports_dir)
    given: dict[str, Any] = {}
    if scenarios is None:
        names = _scenario_dirs(reports_dir)
    else:
        for item in scenarios:
            given[item if isinstance(item, str) else str(item.name)] = item
        names = list(given)
    entries = []
    for name in scenario_order(names):
        obj = given.get(name)
        if isinstance(obj, str):  # a bare name: title and description come from the reports
            obj = None
        entry = ScenarioEntry(
            name=name,
            title=str(getattr(obj, "title", "") or name),
            description=str(getattr(obj, "description", "") or ""),
            title_ja=str(getattr(obj, "title_ja", "") or ""),
            description_ja=str(getattr(obj, "description_ja", "") or ""),
        )
        meta_seen = False
        for nb_path in sorted((reports_dir / name).glob("*.ipynb")):
            summary = read_summary(reports_dir, name, nb_path, refresh=cache_summaries)
            meta = summary["meta"]
            html_path = nb_path.with_suffix(".html")
            entry.reports.append(
                ReportEntry(
                    notebook=nb_path.stem,
                    title=str(meta.get("report_title") or _title_from_notebook(nb_path)),
                    href=f"{quote(name)}/{quote(html_path.name)}" if html_path.exists() else None,
                    headlines=summary["headlines"],
                    twins=tuple(
                        code
                        for code, folder in LANGUAGE_DIRS.items()
                        if folder and (reports_dir / folder / name / html_path.name).exists()
                    ),
                )
            )
            if meta and not meta_seen:
                meta_seen = True
                entry.title = str(meta.get("scenario_title") or entry.title)
                entry.description = str(meta.get("scenario_description") or entry.description)
                if meta.get("scenario_title"):  # the Japanese text goes with its English
                    entry.title_ja = str(meta.get("scenario_title_ja") or "")
                    entry.description_ja = str(meta.get("scenario_description_ja") or "")
                entry.display = {
                    "currency": meta.get("currency", "USD"),
                    "jpy_per_usd": meta.get("jpy_per_usd", 156.0),
                }
            as_of = summary["data_as_of"] or str(meta.get("data_as_of") or "")
            if as_of:
                entry.data_as_of = max((entry.data_as_of, as_of), key=lambda d: (d + "-00-00")[:10])
        entries.append(entry)
    return entries


def _anchor(notebook: str, name: str) -> str:
    return "figure-" + re.sub(r"[^a-z0-9]+", "-", f"{notebook}-{name}".lower()).strip("-")


# --------------------------------------------------------------------------- front page


@dataclass(frozen=True)
class Sentence:
    """A sentence template: ``{name}`` is the text of the headline record ``name``.

    ``when`` is an optional condition on a record's value, ``(name, "<" or ">=", number)``:
    the sentence applies only when it holds (a verdict that depends on the figure).
    """

    text: str
    when: tuple[str, str, float] | None = None

    def names(self) -> list[str]:
        """The record names the template needs (its fields and its condition)."""
        fields = re.findall(r"\{([a-z][a-z0-9_]*)\}", self.text)
        return fields + ([self.when[0]] if self.when else [])

    def fill(self, records: dict[str, dict[str, Any]], text_of: Any = None) -> str | None:
        """The sentence in the current language, or None (a record missing, the condition fails).

        ``text_of(record)`` is a record's text for readers (default: its ``text``, as the
        report published it).
        """
        text_of = text_of or (lambda record: str(record["text"]))
        if any(name not in records for name in self.names()):
            return None
        if self.when:
            name, op, threshold = self.when
            value = float(records[name]["value"])
            if not (value < threshold if op == "<" else value >= threshold):
                return None
        return re.sub(
            r"\{([a-z][a-z0-9_]*)\}", lambda m: text_of(records[m.group(1)]), gettext(self.text)
        )


@dataclass(frozen=True)
class Bullet:
    """One front-page bullet: the first of its sentences that can be filled; else none."""

    topic: str
    sentences: tuple[Sentence, ...]

    def fill(self, records: dict[str, dict[str, Any]], text_of: Any = None) -> str | None:
        """The first sentence all of whose records exist (and whose condition holds)."""
        return next(
            (t for s in self.sentences if (t := s.fill(records, text_of)) is not None), None
        )


#: The front page's five bullets for the base scenario, each filled from headline records.
#: ``programme_commitment_usd`` (USD, the programme's total commitment) is published by no
#: report yet: until one does, the first bullet uses its second sentence. Each sentence is an
#: English msgid (marked with ``N_`` for ``make translations``), translated when filled.
FRONT_PAGE_BULLETS: tuple[Bullet, ...] = (
    Bullet(
        "what it is",
        (
            Sentence(
                N_(
                    "Stargate is the AI-infrastructure plan OpenAI, SoftBank, Oracle and MGX "
                    "announced in January 2025. The programme modelled here holds "
                    "{programme_gpus} in {programme_gw} and costs {programme_capex_usd} to build."
                )
            ),
            Sentence(
                N_(
                    "Stargate is the AI-infrastructure plan OpenAI, SoftBank, Oracle and MGX "
                    "announced in January 2025: {programme_commitment_usd} over four years. The "
                    "fleet modelled here costs {capex_usd} to build and draws "
                    "{power_facility_mw} of power."
                )
            ),
            Sentence(
                N_(
                    "Stargate is the AI-infrastructure plan OpenAI, SoftBank, Oracle and MGX "
                    "announced in January 2025. The fleet modelled here costs {capex_usd} to "
                    "build and draws {power_facility_mw} of power."
                )
            ),
            Sentence(
                N_(
                    "Stargate is the AI-infrastructure plan OpenAI, SoftBank, Oracle and MGX "
                    "announced in January 2025. The fleet modelled here costs {capex_usd} to "
                    "build."
                )
            ),
        ),
    ),
    Bullet(
        "cost per GPU-hour",
        (
            # Cost and break-even in one unit: a GB300-equivalent hour (by IT power). The
            # average GPU-hour of the mixed fleet is another unit and is never set beside them.
            Sentence(
                N_(
                    "Counted per GB300-equivalent GPU-hour (every generation's hours counted by "
                    "IT power against a GB300's, not by compute), its compute costs "
                    "{cost_per_gb300_equivalent_hour_usd} to provide, all costs included; for "
                    "the build-out to break even, the contract must pay "
                    "{breakeven_price_usd_per_gpu_hour} in the same unit, the hours outside the "
                    "contract earning their market rent (so the break-even is below the cost "
                    "when that rent is above it)."
                )
            ),
            Sentence(
                N_(
                    "Counted per GB300-equivalent GPU-hour (every generation's hours counted by "
                    "IT power against a GB300's, not by compute), its compute costs "
                    "{cost_per_gb300_equivalent_hour_usd} to provide, all costs included."
                )
            ),
            Sentence(
                N_(
                    "An average GPU-hour of its fleet costs {cost_per_gpu_hour_usd} to provide, "
                    "all costs included."
                )
            ),
        ),
    ),
    Bullet(
        "who pays",
        (
            Sentence(
                N_(
                    "The partners have committed {equity_committed_usd} of equity, "
                    "{equity_share_of_programme} of the programme; closing the venture's gap "
                    "with debt would take {debt_to_equity_ratio} that equity plus the named "
                    "owners' capital in its sites, named loans included."
                )
            ),
            Sentence(
                N_(
                    "The partners have committed {equity_committed_usd} of equity, "
                    "{equity_share_of_programme} of the programme."
                )
            ),
        ),
    ),
    Bullet(
        "the funding gap",
        (
            Sentence(
                N_(
                    "{funding_gap_usd} of the venture's cash need has no equity or named funder "
                    "(this scenario's point). OpenAI and the venture together, consolidated, "
                    "need {funding_need_p50_usd} of funding by 2030 (median of the simulated "
                    "futures), and OpenAI's corporate need or the venture's gap is left open by "
                    "committed money in {shortfall_probability} of futures."
                )
            ),
            Sentence(
                N_("{funding_gap_usd} of the venture's cash need has no equity or named funder.")
            ),
        ),
    ),
    Bullet(
        "the verdict",
        (
            Sentence(
                N_(
                    "Verdict: on these assumptions the build-out is unlikely to pay for itself. "
                    "It earns back its cost (a positive net present value) in only "
                    "{npv_positive_probability} of simulated futures."
                ),
                when=("npv_positive_probability", "<", 0.5),
            ),
            Sentence(
                N_(
                    "Verdict: on these assumptions the build-out is likely to pay for itself. It "
                    "earns back its cost (a positive net present value) in "
                    "{npv_positive_probability} of simulated futures."
                ),
                when=("npv_positive_probability", ">=", 0.5),
            ),
        ),
    ),
)

#: The question each report answers, for the front page (by notebook name).
REPORT_QUESTIONS = {
    "cost_structure": N_("What does the compute cost?"),
    "investor_roles": N_("Who funds, builds, operates and bears which risk?"),
    "sustainability": N_("Can OpenAI and the partners carry it?"),
}
#: How many of a scenario's most changed headline figures its front-page line names.
CHANGES_SHOWN = 3
#: The headline figures a reader judges a scenario by, which its front-page line chooses
#: among: what the programme costs to build (the programme's capex, or the modelled fleet's
#: where no programme is published), what its compute costs, the money no one has put up,
#: whether it pays, and the price it must fetch.
LINE_FIGURES = (
    "programme_capex_usd",
    "capex_usd",
    "cost_per_gb300_equivalent_hour_usd",
    "cost_per_gpu_hour_usd",
    "funding_gap_usd",
    "npv_positive_probability",
    "breakeven_price_usd_per_gpu_hour",
)
#: Figures the line falls back on when fewer than two of :data:`LINE_FIGURES` move: the size
#: of the programme and how its funding holds. Never a year's slice of a series
#: (:func:`is_year_slice`): that moves when spending only moves between years.
LINE_FALLBACK_FIGURES = (
    "programme_gw",
    "programme_gpus",
    "funding_need_p50_usd",
    "shortfall_probability",
    "equity_share_of_programme",
    "debt_to_equity_ratio",
    "obligations_to_revenue_2028",
)
#: Figures the index and comparison pages leave out when the figure named beside them is
#: published: the cost per average GPU-hour of a mixed fleet is shown on the cost page, but on
#: the site pages the cost per GB300-equivalent hour stands in its place, in the unit of the
#: break-even price (a fleet of dearer GPUs per GW otherwise shows a larger change per GPU-hour
#: than per unit of power bought).
SUPERSEDED_BY = {"cost_per_gpu_hour_usd": "cost_per_gb300_equivalent_hour_usd"}


def is_superseded(name: str, names: Iterable[str]) -> bool:
    """True when ``name``'s replacement (:data:`SUPERSEDED_BY`) is among ``names``."""
    return SUPERSEDED_BY.get(name, "") in set(names)


_YEAR_IN_NAME = re.compile(r"_(?:19|20)\d\d(?=_|$)")


def is_year_slice(name: str, names: Sequence[str]) -> bool:
    """True for one year of a series of figures (``capex_2027_usd`` beside ``capex_2028_usd``).

    A series shows when money is spent; one year of it changes when a scenario only moves
    spending between years (a delay), which says nothing of what the programme costs.
    """
    series = _YEAR_IN_NAME.sub("_<year>", name)
    return series != name and sum(_YEAR_IN_NAME.sub("_<year>", n) == series for n in names) > 1


def records_by_name(entry: ScenarioEntry) -> dict[str, dict[str, Any]]:
    """Every headline record of a scenario's reports, by name (the first report's wins)."""
    records: dict[str, dict[str, Any]] = {}
    for report in entry.reports:
        for h in report.headlines:
            records.setdefault(str(h["name"]), h)
    return records


def front_page_bullets(
    records: dict[str, dict[str, Any]], bullets: Sequence[Bullet] = FRONT_PAGE_BULLETS
) -> list[str]:
    """The bullets that can be filled from ``records`` (a bullet with none is left out)."""
    return [text for b in bullets if (text := b.fill(records)) is not None]


def _signed(text: str, negative: bool) -> str:
    return ("\u2212" if negative else "+") + text


def format_difference(value: float, base: float, unit: str, display: Any, fmt: Any = None) -> str:
    """A figure's difference from the base, for readers.

    Shares differ in percentage points (``+8.2 pts``); money by the amount and the relative
    change (``+$3.58 (+140%)``, in the display currency); anything else by the relative change
    (``+12%``). No difference: ``same``.
    """
    from stargate.present import charts
    from stargate.present.formatting import format_share, is_money_unit

    diff = value - base
    if unit in ("fraction", "share"):
        points = round(abs(diff) * 100, 1)
        if points == 0:
            return gettext("same")
        return _signed(gettext("{points} pts").format(points=f"{points:.1f}"), diff < 0)
    relative = diff / abs(base) if base else None
    rel_text = format_share(relative, signed=True) if relative is not None else ""
    if is_money_unit(unit):
        amount = charts.format_value(abs(diff), "USD", display)
        if amount.strip("$0.円,") == "":
            return gettext("same")
        rel_text = rel_text.replace("-", "\u2212")
        if not rel_text:
            return _signed(amount, diff < 0)
        return gettext("{amount} ({relative})").format(
            amount=_signed(amount, diff < 0), relative=rel_text
        )
    if relative is None:
        shown = charts.format_value(abs(diff), unit, display, fmt)
        return gettext("same") if diff == 0 else _signed(shown, diff < 0)
    return gettext("same") if rel_text in ("0%", "0.0%") else rel_text.replace("-", "\u2212")


def _relative_change(value: float, base: float, unit: str) -> float:
    """How much a figure changed, comparable across units (shares: points / 100 → ×2)."""
    if unit in ("fraction", "share"):
        return abs(value - base) * 2  # 10 points weigh like a 20 % change
    if base == 0:
        return 0.0 if value == 0 else float("inf")
    return abs(value - base) / abs(base)


def scenario_changes(
    entry: ScenarioEntry,
    base: dict[str, dict[str, Any]],
    display: Any,
    limit: int = CHANGES_SHOWN,
    text_of: Any = None,
) -> list[dict[str, str]]:
    """The headline figures of ``entry`` a reader weighs it by that differ most from the base.

    The figures are :data:`LINE_FIGURES` (what it costs to build, what its compute costs, the
    funding gap, whether it pays, the break-even price); when fewer than two of them move,
    :data:`LINE_FALLBACK_FIGURES` too. A year's slice of a series is never one of them
    (:func:`is_year_slice`): a delay moves spending between years without changing what the
    programme costs. Changes are compared relatively (:func:`_relative_change`: ten points of
    a share weigh as a 20 % change).

    Args:
        entry: the scenario.
        base: the base scenario's records (:func:`records_by_name`).
        display: display settings for figures and differences.
        limit: how many changes at most.
        text_of: a record's text for readers (default: in ``display``'s currency).

    Returns:
        Dicts with ``label``, ``text`` (the scenario's figure, in the base's currency),
        ``difference`` (:func:`format_difference`) and ``phrase`` (all three, in the current
        language), largest change first; figures within 0.5 % of the base are not changes.
    """
    from stargate.present import charts

    records = records_by_name(entry)
    moved: dict[str, float] = {}
    for name, record in records.items():
        if name not in base or is_year_slice(name, list(records)) or is_superseded(name, records):
            continue
        score = _relative_change(
            float(record["value"]), float(base[name]["value"]), str(record.get("unit", ""))
        )
        if score > 0.005:
            moved[name] = score
    chosen = [n for n in LINE_FIGURES if n in moved]
    if "programme_capex_usd" in chosen and "capex_usd" in chosen:
        chosen.remove("capex_usd")  # the fleet's capex is the programme's, said once
    if len(chosen) < 2:
        chosen += [n for n in LINE_FALLBACK_FIGURES if n in moved]
    # Largest change first; equal changes in the order of the lists.
    chosen = sorted(chosen, key=lambda n: -moved[n])[:limit]
    changes = []
    for name in chosen:
        record = records[name]
        value, reference = float(record["value"]), float(base[name]["value"])
        unit, fmt = str(record.get("unit", "")), record.get("fmt")
        label = gettext(str(record.get("label", name)))
        text = text_of(record) if text_of else charts.format_value(value, unit, display, fmt)
        difference = format_difference(value, reference, unit, display, fmt)
        phrase = gettext("{label} {value} ({difference})").format(
            label=_lower_first(label), value=text, difference=difference
        )
        changes.append({"label": label, "text": text, "difference": difference, "phrase": phrase})
    return changes


def _lower_first(text: str) -> str:
    """Lower-case a label's first letter inside a sentence, unless it starts an acronym."""
    return text if text[:2].isupper() else text[:1].lower() + text[1:]


def short_title(title: str, limit: int = 32) -> str:
    """A scenario title short enough for a column head: the part before a colon, if any."""
    head = re.split(r"[:：]", title, maxsplit=1)[0].strip()
    if len(head) <= limit:
        return head
    return head[: limit - 1].rstrip() + "…"


def _display_of(entries: Sequence[ScenarioEntry]) -> dict[str, Any]:
    base = next((e for e in entries if e.name == BASE_SCENARIO and e.display), None)
    return (base or next((e for e in entries if e.display), None) or ScenarioEntry("", "")).display


def _data_as_of(entries: Sequence[ScenarioEntry]) -> str:
    return max((e.data_as_of for e in entries), key=lambda d: (d + "-00-00")[:10], default="")


#: Headline labels and report titles the pages show, as the reports publish them: marked
#: here so ``make translations`` extracts them (the reports' own text is translated in
#: phase 2 of issue 17; until then the pages translate what the records carry).
HEADLINE_TEXTS = (
    N_("Cost structure"),
    N_("Investor roles"),
    N_("Sustainability"),
    N_("Capex of the programme (initial build)"),
    N_("Capex of the modelled fleet (initial build)"),
    N_("Capex of the modelled fleet in 2025, initial build"),
    N_("Capex of the modelled fleet in 2026, initial build"),
    N_("Capex of the modelled fleet in 2027, initial build"),
    N_("Capex of the modelled fleet in 2028, initial build"),
    N_("Capex of the modelled fleet in 2029, initial build"),
    N_("Capex of the modelled fleet in 2030, initial build"),
    N_("GPUs in the modelled fleet"),
    N_("Power of the modelled fleet (facility)"),
    N_("Power of the programme (facility)"),
    N_("GPUs in the programme"),
    N_("Capex of the programme in 2025, initial build"),
    N_("Capex of the programme in 2026, initial build"),
    N_("Capex of the programme in 2027, initial build"),
    N_("Capex of the programme in 2028, initial build"),
    N_("Capex of the programme in 2029, initial build"),
    N_("Capex of the programme in 2030, initial build"),
    N_("Annual total cost of ownership"),
    N_("Cost per GPU-hour"),
    N_("Cost per GB300-equivalent GPU-hour (by IT power)"),
    N_("Cost per average GPU-hour of the fleet"),
    N_("NVIDIA accelerators' share of capex"),
    N_("Facility power draw"),
    N_("Equity committed by the partners"),
    N_("Equity as a share of the programme"),
    N_("The venture's funding gap: cash need no equity or named funder covers"),
    N_("Debt per dollar of equity, named loans included, that would close the venture's gap"),
    N_("Funding need 2025-2030 (median)"),
    N_("Chance committed money falls short"),
    N_("Chance of a shortfall even with announced money"),
    N_("Chance the build-out pays (NPV > 0)"),
    N_(
        "Break-even contract price per GB300-equivalent GPU-hour (other generations in "
        "proportion to their power)"
    ),
    N_("Chance OpenAI's committed money falls short (its corporate funding need)"),
    N_("Chance either gap is open (OpenAI's corporate need or the venture's gap)"),
    N_("Chance either gap is open even with announced money"),
    N_("Chance the venture's build-out pays (NPV > 0)"),
    N_("Chance the venture's cash need exceeds its equity and named funders"),
    N_("Combined funding need 2025-2030, OpenAI and venture (median of the draws)"),
    N_("Combined funding need 2025-2030, OpenAI and venture (point: this scenario)"),
    N_("OpenAI's compute contracts ÷ revenue, 2028 (chip deals apart)"),
)


@dataclass(frozen=True)
class Edition:
    """How one language's site pages show what the records hold.

    ``lang``: the page language; ``folder``: where its pages go under the reports folder;
    ``jpy_per_usd``: the rate its yen figures use (Japanese); ``rate_date``: that rate's date.
    """

    lang: str
    folder: str = ""
    jpy_per_usd: float = 156.0
    rate_date: str = ""

    @property
    def prefix(self) -> str:
        """From this edition's pages back to the reports folder (report links)."""
        return "../" * len(Path(self.folder).parts)

    def other_href(self, page: str) -> str:
        """The same page in the other language (the switch)."""
        other = "ja" if self.lang == "en" else "en"
        return self.prefix + (f"{LANGUAGE_DIRS[other]}/" if LANGUAGE_DIRS[other] else "") + page

    def value_text(self, record: dict[str, Any]) -> str:
        """A headline record for readers: as published (English), or yen first (Japanese)."""
        if self.lang == "en":
            return str(record["text"])
        return i18n.format_value_ja(
            record["value"], str(record.get("unit", "")), self.jpy_per_usd, record.get("fmt")
        )

    def display(self, display: dict[str, Any]) -> dict[str, Any]:
        """The chart display settings: the scenario's (English), yen at the page's rate."""
        if self.lang == "en":
            return display
        return {"currency": "JPY", "jpy_per_usd": self.jpy_per_usd}

    def as_of_html(self, data_as_of: str, note: bool = True) -> Any:
        """The data date as a ``<time>`` element, in the page's language.

        ``note``: say how a date given only by month or year is counted (the page's header
        does; a scenario's line, under it, shows the day only).
        """
        from markupsafe import Markup, escape

        from stargate.publish.page import as_of_day, format_as_of

        with i18n.language(self.lang):
            text = format_as_of(data_as_of if note else as_of_day(data_as_of))
        return Markup(f'<time datetime="{escape(data_as_of)}">{escape(text)}</time>')

    def as_of_note(self, data_as_of: str) -> str:
        """How the data date is counted when the register gives only its month or year.

        Shown after the "Evidence as of" phrase (Japanese ends it after the date), "" for a day.
        """
        from stargate.publish.page import as_of_note

        with i18n.language(self.lang):
            note = as_of_note(data_as_of)
        return note if not note or note.startswith("（") else " " + note

    def rate_note(self) -> str:
        """The exchange rate and its date, stated once per page (Japanese pages only)."""
        if self.lang == "en":
            return ""
        rate = f"{self.jpy_per_usd:g}"
        if self.rate_date:
            return gettext(
                "Amounts in yen at {rate} yen to the dollar, the rate of the article's own "
                "conversion ({date}); figures the sources give in dollars follow in parentheses."
            ).format(rate=rate, date=i18n.format_date(self.rate_date))
        return gettext(
            "Amounts in yen at {rate} yen to the dollar, as the scenario sets it; figures the "
            "sources give in dollars follow in parentheses."
        ).format(rate=rate)

    def title_of(self, entry: ScenarioEntry) -> str:
        """A scenario's title on this edition's pages (its Japanese one when it has one)."""
        return i18n.scenario_text(entry.title, entry.title_ja, self.lang)

    def description_of(self, entry: ScenarioEntry) -> str:
        """A scenario's description on this edition's pages."""
        return i18n.scenario_text(entry.description, entry.description_ja, self.lang)

    def title_lang(self, entry: ScenarioEntry) -> Any:
        """`` lang="en"`` where this edition shows the scenario's English title, else ""."""
        from markupsafe import Markup

        english = i18n.is_scenario_text_english(entry.title_ja, self.lang)
        return Markup(' lang="en"' if english else "")

    def description_lang(self, entry: ScenarioEntry) -> Any:
        """`` lang="en"`` where this edition shows the scenario's English description."""
        from markupsafe import Markup

        english = i18n.is_scenario_text_english(entry.description_ja, self.lang)
        return Markup(' lang="en"' if english else "")

    def context(self, page: str, entries: Sequence[ScenarioEntry] = ()) -> dict[str, Any]:
        """What every site template needs of the edition (``entries``: the scenarios shown)."""
        from markupsafe import Markup

        from stargate.publish.page import language_switch

        english_text = any(
            i18n.is_scenario_text_english(e.title_ja, self.lang)
            or (e.description and i18n.is_scenario_text_english(e.description_ja, self.lang))
            for e in entries
        )
        return {
            "lang": self.lang,
            "prefix": self.prefix,
            "switch": language_switch(self.lang, self.other_href(page)),
            "tr": gettext,
            # The user's text (scenario titles, descriptions): the Japanese the scenario file
            # gives, else its English, marked.
            "en": Markup(_user_lang(self)),
            "title_of": self.title_of,
            "title_lang": self.title_lang,
            "description_of": self.description_of,
            "description_lang": self.description_lang,
            "value_text": self.value_text,
            "command_html": Markup("<code>stargate build</code>"),
            "title_note": ""
            if self.lang == "en" or not english_text
            else gettext(
                "Scenario titles and descriptions that the scenario files do not give in "
                "Japanese are shown in English, as the files write them."
            ),
        }


def edition(lang: str, entries: Sequence[ScenarioEntry] = ()) -> Edition:
    """The edition of ``lang`` for these scenarios (the rate: the base scenario's display)."""
    display = _display_of(entries) if entries else {}
    rate = float(display.get("jpy_per_usd") or 156.0)
    rate_date = ""
    if lang != "en":
        from stargate import facts

        with facts.unrecorded():
            fact = facts.get(RATE_FACT) if facts.exists(RATE_FACT) else None
        if fact is not None and float(fact.value) == rate:
            rate_date = str(fact.as_of)
    return Edition(lang, LANGUAGE_DIRS[lang], rate, rate_date)


def _twin_links(entries: list[ScenarioEntry], lang: str) -> list[ScenarioEntry]:
    """The entries as a page in ``lang`` links them: to a report's twin in ``lang`` if built.

    Links are relative to the reports folder (the page adds its way back to it), so a
    Japanese twin's is ``ja/<scenario>/<report>.html``; a report with no twin keeps its
    English page.
    """
    from dataclasses import replace

    folder = LANGUAGE_DIRS.get(lang, "")
    if not folder:
        return entries
    return [
        replace(
            entry,
            reports=[
                replace(r, href=f"{folder}/{r.href}") if r.href and lang in r.twins else r
                for r in entry.reports
            ],
        )
        for entry in entries
    ]


def render_index_html(entries: list[ScenarioEntry], lang: str = "en") -> str:
    """The front page: five bullets on the base scenario, a line per other scenario, figures.

    Args:
        entries: from :func:`collect`.
        lang: the page's language (:data:`LANGUAGE_DIRS`); the English page is the reports'
            own text, the Japanese one translates it and shows yen first.
    """
    with i18n.language(lang):
        return _render_index_html(_twin_links(entries, lang), edition(lang, entries))


def _render_index_html(entries: list[ScenarioEntry], ed: Edition) -> str:
    from markupsafe import Markup, escape

    from stargate.present import charts
    from stargate.publish.assets import render_template

    base = next((e for e in entries if e.name == BASE_SCENARIO), entries[0] if entries else None)
    base_records = records_by_name(base) if base else {}
    display = _display_of(entries)
    text_of = None if ed.lang == "en" else ed.value_text
    others = []
    with charts.settings(display=ed.display(display) or None):
        shown = charts.current_display()
        for entry in entries:
            if entry is base:
                continue
            changes = scenario_changes(entry, base_records, shown, text_of=text_of)
            separator = gettext("; ")
            others.append(
                {
                    "entry": entry,
                    "changes": changes,
                    "changes_text": separator.join(c["phrase"] for c in changes),
                }
            )
    data_as_of = _data_as_of(entries)
    bullets = [
        text for b in FRONT_PAGE_BULLETS if (text := b.fill(base_records, text_of)) is not None
    ]
    return render_template(
        "index.html.j2",
        page_title=gettext("Stargate economics — the five-minute version"),
        title=gettext("Stargate: what it costs, who pays, and whether it holds up"),
        intro=gettext(
            "The AI-infrastructure plan announced in January 2025, in five points, then how "
            "other sets of assumptions change the answer. Each point comes from the reports "
            "below, where every figure is sourced."
        ),
        data_as_of=data_as_of,
        # Japanese: the note inside the date, before 時点 (データは…1日（…とみなした）時点。).
        as_of_html=ed.as_of_html(data_as_of, ed.lang != "en"),
        as_of_note=ed.as_of_note(data_as_of) if ed.lang == "en" else "",
        as_of=ed.as_of_html,
        long_table_rows=LONG_TABLE_ROWS,
        rate_note=ed.rate_note(),
        base=base,
        base_title_html=Markup(f"<strong{ed.title_lang(base)}>{escape(ed.title_of(base))}</strong>")
        if base
        else "",
        bullets=bullets,
        questions=REPORT_QUESTIONS,
        others=others,
        scenarios=entries,
        footer=gettext("Built by stargate from the executed report notebooks in this folder."),
        **ed.context(INDEX_PAGE, entries),
    )


def _user_lang(ed: Edition) -> str:
    """The attribute marking the user's (English) text on a page in another language."""
    return "" if ed.lang == "en" else ' lang="en"'


def _unit_ja(unit: str) -> str:
    """A figure's unit for a Japanese column head (money in yen)."""
    from stargate.present.formatting import is_money_unit

    if is_money_unit(unit):
        return "円/GPU時間" if unit[3:].strip("/ ") == "GPU-hour" else "円" + unit[3:]
    if unit in ("fraction", "share"):
        return "%"
    if unit in RATIO_UNITS:
        return "倍"
    return {"GPU": "基", "years": "年"}.get(unit, unit)


def _retitle_ja(chart: Any, figure: dict[str, Any]) -> Any:
    """A comparison chart with its title lines in the page's language.

    The chart theme's own units line is English (the charts' text is translated in phase 2
    of issue 17); this page's charts get theirs from the catalog.
    """
    import altair as alt

    from stargate.present.formatting import is_money_unit

    unit = _unit_ja(figure["unit"])
    lines = [gettext("Report: {report}").format(report=figure["report"])]
    if is_money_unit(figure["unit"]):
        lines.append(gettext("Units: nominal {unit}").format(unit=unit))
    elif unit:
        lines.append(gettext("Units: {unit}").format(unit=unit))
    title = gettext("{label}, by scenario").format(label=figure["label"])
    return chart.properties(title=alt.TitleParams(text=title, subtitle=lines))


def render_compare_html(
    entries: list[ScenarioEntry], static_svg: bool = True, lang: str = "en"
) -> str:
    """The comparison page: every headline figure of every scenario, base as the reference.

    Metrics are rows, grouped by report, with their unit; scenarios are columns headed by their
    titles, the base first; each other cell shows its difference from the base. The table sits
    in a scroll box with a sticky first column, so any number of scenarios fits a page of any
    width. One chart per figure follows.

    Args:
        entries: from :func:`collect`.
        static_svg: also draw each chart as a static SVG (shown without JavaScript, e.g. in
            some PDF printers); ≈0.03 s per chart.
        lang: the page's language (see :func:`render_index_html`).
    """
    with i18n.language(lang):
        return _render_compare_html(_twin_links(entries, lang), static_svg, edition(lang, entries))


def _render_compare_html(entries: list[ScenarioEntry], static_svg: bool, ed: Edition) -> str:
    import pandas as pd
    from markupsafe import Markup

    from stargate.present import charts
    from stargate.present.chart_output import CHART_ID_PREFIX
    from stargate.publish.assets import chart_html, page_scripts, render_template

    display = _display_of(entries)
    base_name = BASE_SCENARIO if any(e.name == BASE_SCENARIO for e in entries) else None
    labels = {e.name: short_title(ed.title_of(e)) for e in entries}
    figures: dict[tuple[str, str], dict[str, Any]] = {}
    # A figure left out for its replacement: (its label, the replacement's, its report's title).
    left_out: dict[str, tuple[str, str, str]] = {}
    for entry in entries:
        for report in entry.reports:
            names = [str(h["name"]) for h in report.headlines]
            label_of = {str(h["name"]): str(h.get("label", h["name"])) for h in report.headlines}
            for h in report.headlines:
                if is_superseded(str(h["name"]), names):
                    name = str(h["name"])
                    replacement = label_of[SUPERSEDED_BY[name]]
                    left_out[name] = (label_of[name], replacement, report.title)
                    continue
                key = (report.notebook, str(h["name"]))
                figure = figures.setdefault(
                    key,
                    {
                        "report": gettext(report.title),
                        "label": gettext(str(h.get("label", h["name"]))),
                        "label_msgid": str(h.get("label", h["name"])),
                        "unit": str(h.get("unit", "")),
                        "fmt": h.get("fmt"),
                        "anchor": _anchor(*key),
                        "values": {},
                    },
                )
                figure["values"][entry.name] = (float(h["value"]), report.href)
    groups: dict[str, list[dict[str, Any]]] = {}
    with charts.settings(display=ed.display(display) or None):
        shown = charts.current_display()
        for number, figure in enumerate(figures.values(), start=1):
            reference = figure["values"].get(base_name, (None, None))[0] if base_name else None
            cells = []
            for entry in entries:
                value, href = figure["values"].get(entry.name, (None, None))
                if value is None:
                    text = MISSING_MARK
                elif ed.lang == "en":
                    text = charts.format_value(value, figure["unit"], shown, figure["fmt"])
                else:
                    text = ed.value_text({**figure, "value": value})
                diff = ""
                if value is not None and reference is not None and entry.name != base_name:
                    diff = format_difference(value, reference, figure["unit"], shown, figure["fmt"])
                # Japanese: the dollar figure in brackets goes on its own line, so a column
                # is as wide as its longer half, not the whole (the table fits 1280 px).
                text, bracket, alt = text.partition("（") if ed.lang != "en" else (text, "", "")
                cells.append({"text": text, "alt": bracket + alt, "href": href, "diff": diff})
            present = [e for e in entries if e.name in figure["values"]]
            data = pd.DataFrame(
                {
                    "scenario": [labels[e.name] for e in present],
                    "value": [figure["values"][e.name][0] for e in present],
                }
            )
            chart = charts.bar(
                data,
                "scenario",
                "value",
                title=gettext("{label}, by scenario").format(label=figure["label"]),
                unit=figure["unit"],
                sort=None,
                subtitle=gettext("Report: {report}").format(report=figure["report"]),
                fmt=figure["fmt"],
                category_title=N_("Scenario"),
                value_title=figure["label_msgid"],
            )
            if ed.lang != "en":
                chart = _retitle_ja(chart, figure)
            # Not validated against the Vega-Lite schema here: the same helper's charts are in
            # every report (validated there), and validating 2 x 45 charts took ~1 s a build.
            spec = chart.to_dict(validate=False)
            svg = charts.render_svg(spec) if static_svg else None
            html = chart_html(spec, f"{CHART_ID_PREFIX}{number}", svg)
            if ed.lang == "en":
                unit = charts.display_unit(figure["unit"], shown)
                unit = "×" if unit in RATIO_UNITS else unit
            else:
                unit = _unit_ja(figure["unit"])
            groups.setdefault(figure["report"], []).append(
                {**figure, "unit_shown": unit, "cells": cells, "chart": Markup(html)}
            )
    rows = [f for group in groups.values() for f in group]
    data_as_of = _data_as_of(entries)
    if ed.lang == "en":
        note = (
            money_note(display.get("currency"), display.get("jpy_per_usd"))
            if display
            else money_note("USD")
        )
    else:
        note = ed.rate_note()
    return render_template(
        "compare.html.j2",
        page_title=gettext("Stargate economics — scenarios compared"),
        head_scripts=Markup(page_scripts() if rows else ""),
        title=gettext("Scenarios compared"),
        intro=(" " if ed.lang == "en" else "").join(
            [
                gettext(
                    "Every scenario's headline figures side by side. The first column is the "
                    "reference scenario; under each other figure is its difference from it. "
                    "Click a value to open the report it comes from."
                ),
                *(
                    gettext(
                        "“{figure}” is not in the table: “{replacement}” stands in for it "
                        "here. It is on the index page and in the report “{report}”."
                    ).format(figure=gettext(f), replacement=gettext(r), report=gettext(t))
                    for f, r, t in left_out.values()
                ),
            ]
        ),
        money_note=note,
        data_as_of=data_as_of,
        # Japanese: the note inside the date, before 時点 (データは…1日（…とみなした）時点。).
        as_of_html=ed.as_of_html(data_as_of, ed.lang != "en"),
        as_of_note=ed.as_of_note(data_as_of) if ed.lang == "en" else "",
        scenarios=entries,
        labels=labels,
        base_name=base_name,
        groups=groups,
        figures=rows,
        footer=gettext("Built by stargate from the executed report notebooks in this folder."),
        **ed.context(COMPARE_PAGE, entries),
    )


def date_report_pages(reports_dir: Path, entries: Sequence[ScenarioEntry]) -> list[Path]:
    """Give every report page of a scenario the scenario's data date (its newest fact used).

    Each page is rendered from its own notebook and shows the newest fact that report used;
    once all of a scenario's reports are built, every one of its pages (in each language's
    folder) shows the same date: the newest over them, as its line on the index does.

    Returns:
        The pages rewritten.
    """
    from stargate.publish.page import set_page_data_as_of

    changed = []
    for entry in entries:
        if not entry.data_as_of:
            continue
        for lang, folder in LANGUAGE_DIRS.items():
            pages = sorted((Path(reports_dir) / folder / entry.name).glob("*.html"))
            with i18n.language(lang):
                changed += [p for p in pages if set_page_data_as_of(p, entry.data_as_of)]
    return changed


def site_pages(reports_dir: Path) -> list[Path]:
    """Every site page of every language under ``reports_dir`` (index, compare; English first)."""
    reports_dir = Path(reports_dir)
    return [
        reports_dir / folder / page
        for folder in LANGUAGE_DIRS.values()
        for page in (INDEX_PAGE, COMPARE_PAGE)
    ]


def write_site(
    reports_dir: Path,
    scenarios: Sequence[Any] | None = None,
    *,
    static_svg: bool = True,
    cache_summaries: bool = False,
) -> list[Path]:
    """Write ``index.html`` and ``compare.html`` of each language (atomically).

    English pages go in ``reports_dir``, Japanese ones in ``reports_dir/ja`` (the same file
    names), all from the same records.

    Args:
        reports_dir: the reports folder holding ``<scenario>/<notebook>.ipynb`` and ``.html``.
        scenarios: scenario names or objects with ``name`` (see :func:`collect`); None: every
            scenario folder found.
        static_svg: draw static SVG fallbacks for the comparison charts.
        cache_summaries: keep the report summaries read in the summary cache (see
            :func:`collect`).

    Returns:
        The paths written (:func:`site_pages`).
    """
    from stargate.files import write_text_atomic

    reports_dir = Path(reports_dir)
    entries = collect(reports_dir, scenarios, cache_summaries=cache_summaries)
    date_report_pages(reports_dir, entries)
    written = []
    for lang, folder in LANGUAGE_DIRS.items():
        index = reports_dir / folder / INDEX_PAGE
        compare = reports_dir / folder / COMPARE_PAGE
        write_text_atomic(index, render_index_html(entries, lang))
        write_text_atomic(compare, render_compare_html(entries, static_svg=static_svg, lang=lang))
        written += [index, compare]
    return written
