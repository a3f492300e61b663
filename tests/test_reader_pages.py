"""Pages for readers (issue 14): no raw values, readable tables, a front page, a compare page.

:func:`raw_tokens` scans a page's visible text (scripts, styles, code and URLs dropped) for what
a reader should never see: ``NaN``, ``None`` / ``True`` / ``False`` standing as values, ``-0%``,
``$0.00``, and snake_case identifiers. It must fail on a fixture page that has them; rendered
pages must pass it. The committed reports are scanned too and the findings written to
``test-artifacts/raw_tokens.txt`` for routing (they are rebuilt after the model refactor).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from stargate.publish.headline import HEADLINE_MIMETYPE, read_headlines
from stargate.publish.page import format_as_of, render_report_html
from stargate.publish.site import (
    FRONT_PAGE_BULLETS,
    Bullet,
    ReportEntry,
    ScenarioEntry,
    Sentence,
    format_difference,
    front_page_bullets,
    records_by_name,
    render_compare_html,
    render_index_html,
    scenario_changes,
    short_title,
)
from stargate.publish.table_html import polish_dataframe_html, reader_value

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "reader"
ARTIFACTS = ROOT / "test-artifacts"

#: Not prose: code, and a source's title (``<cite>``: the source's own words, which may read
#: like a value - "…2026: True Costs & Architecture"), skipped by element.
_HIDDEN = ("script", "style", "code", "pre", "kbd", "samp", "template", "cite")
_VALUE_WORD = r"(?:None|True|False)"
RAW_PATTERNS: dict[str, re.Pattern[str]] = {
    "NaN": re.compile(r"\b(?:NaN|nan|NaT|<NA>)\b"),
    # As a value: the whole text, after a colon or equals sign, or before punctuation / the end.
    "None/True/False": re.compile(
        rf"^\s*{_VALUE_WORD}\s*$|[:=]\s*{_VALUE_WORD}\b|\b{_VALUE_WORD}\s*(?:[.,;)]|$)"
    ),
    "-0%": re.compile(r"(?<![\d.,])[-−]0(?:\.0+)?\s?%"),
    "$0.00": re.compile(r"(?<![\d.,])\$0\.00(?!\d)"),
    "identifier": re.compile(r"(?<![\w/.:-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w/])"),
}


def visible_strings(page: str) -> list[str]:
    """The text nodes a reader sees: no script, style, code, cited title, or URL link text."""
    soup = BeautifulSoup(page, "html.parser")
    for tag in soup(list(_HIDDEN)):
        tag.decompose()
    for link in soup.find_all("a"):
        if re.match(r"https?://", link.get_text().strip()):
            link.decompose()
    return [s for s in (str(t) for t in soup.find_all(string=True)) if s.strip()]


def raw_tokens(page: str) -> list[tuple[str, str]]:
    """``(kind, text)`` for every raw value or identifier in the page's visible text."""
    found = []
    for text in visible_strings(page):
        for kind, pattern in RAW_PATTERNS.items():
            for match in pattern.finditer(text):
                start = max(0, match.start() - 40)
                found.append((kind, text[start : match.end() + 40].strip().replace("\n", " ")))
    return found


# --------------------------------------------------------------------------- the scanner


def test_scanner_fails_on_a_page_with_raw_values() -> None:
    found = raw_tokens((FIXTURES / "raw_values.html").read_text(encoding="utf-8"))
    kinds = [kind for kind, _text in found]
    assert kinds.count("NaN") == 1
    assert kinds.count("None/True/False") == 3  # True, False, ": None"
    assert kinds.count("-0%") == 1
    assert kinds.count("$0.00") == 1
    identifiers = [text for kind, text in found if kind == "identifier"]
    assert len(identifiers) == 2  # facility_overrun_rate and bf_it_alpha in prose
    assert not any("example.org" in text for text in identifiers)  # the URL is not prose


def test_scanner_passes_a_clean_page() -> None:
    assert raw_tokens((FIXTURES / "clean.html").read_text(encoding="utf-8")) == []


def test_scanner_skips_a_cited_title_by_element_only() -> None:
    # A source's title in <cite> is its own words, "True" or not; the same words outside a
    # <cite> are scanned like any prose.
    found = raw_tokens((FIXTURES / "cited_title.html").read_text(encoding="utf-8"))
    assert [kind for kind, _text in found] == ["None/True/False"]
    assert found[0][1].startswith("ent: “NVIDIA B200") and "<cite>" not in found[0][1]


# --------------------------------------------------------------------------- tables


def test_reader_values_replace_raw_ones() -> None:
    assert [reader_value(v) for v in ("NaN", "None", "", "<NA>", "True", "False")] == [
        "—",
        "—",
        "—",
        "—",
        "yes",
        "no",
    ]
    assert reader_value("-0%") == "0%" and reader_value("-$0.0bn") == "$0.0bn"
    assert reader_value("-12%") == "-12%"
    assert reader_value("price_h100, tdp_h100") == "<code>price_h100</code>, <code>tdp_h100</code>"


def test_money_shares_and_multiples_are_right_aligned_by_column() -> None:
    import pandas as pd

    table = pd.DataFrame(
        {
            "party": ["SoftBank", "Oracle", "MGX"],
            "equity ($bn)": ["$19.0bn", "$7.0bn", None],
            "JPY": ["2.7兆円", "1,092億円", "—"],
            "share": ["40%", "-0%", "8.6%"],
            "multiple": ["8.6×", "10.6 ×", float("nan")],
            "committed": [True, False, True],
            "GW": [1.2, float("nan"), 0.0],
        }
    )
    html = polish_dataframe_html(table._repr_html_())
    head = html.split("</thead>", 1)[0]
    for column in ("equity ($bn)", "JPY", "share", "multiple", "GW"):
        assert f'<th class="sg-num">{column}</th>' in head, column
    assert "<th>party</th>" in head and "<th>committed</th>" in head
    body = html.split("</thead>", 1)[1]
    assert '<td class="sg-num">—</td>' in body  # None, NaN: one missing mark, aligned
    assert "<td>yes</td>" in body and "<td>no</td>" in body
    assert '<td class="sg-num">0%</td>' in body
    assert "NaN" not in body and "None" not in body and "True" not in body


def _notebook(*cells: Any) -> Any:
    nb = new_notebook(cells=list(cells))
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    return nb


def _html_output(html: str) -> Any:
    return new_output("display_data", data={"text/html": html, "text/plain": "table"})


def _sources_output() -> Any:
    import pandas as pd

    from stargate.present.sources import sources_table

    ids = ["sg_total_commitment", "oa_rev_2023_expected", "sg_jobs_claim", "claim_hopper_gpus"]
    with pd.option_context("display.max_colwidth", None):  # as charts.enable sets it
        return _html_output(sources_table(ids)._repr_html_())


@pytest.fixture(scope="module")
def synthetic_page() -> str:
    """A report page from a notebook with every raw value the issue lists, and a long table."""
    import pandas as pd

    timeline = pd.DataFrame(
        {
            "year": list(range(2025, 2045)),
            "GW": [float("nan")] * 6 + [1.0 + i / 10 for i in range(14)],
            "operational": [i % 2 == 0 for i in range(20)],
            "change": ["-0%"] + ["+1%"] * 19,
        }
    )
    wide = pd.DataFrame({f"column {i}": [f"${i}.0bn"] for i in range(14)})
    headline = new_output(
        "display_data",
        data={
            HEADLINE_MIMETYPE: {
                "name": "capex_usd",
                "value": 1.0e9,
                "unit": "USD",
                "label": "Capex",
                "text": "$1.0bn",
            },
            "text/plain": "Capex: $1.0bn  [headline capex_usd]",
        },
    )
    nb = _notebook(
        new_markdown_cell("# Synthetic\n\n## Timeline"),
        new_code_cell("timeline", outputs=[_html_output(timeline._repr_html_())]),
        new_markdown_cell("## A wide table"),
        new_code_cell("wide", outputs=[_html_output(wide._repr_html_())]),
        new_markdown_cell(
            "## Headline figures\n\nThe figures this report publishes for the index."
        ),
        new_code_cell("nb.headline(...)", outputs=[headline]),
        new_markdown_cell("## Sources"),
        new_code_cell("nb.sources(scenario)", outputs=[_sources_output()]),
    )
    return render_report_html(nb)


def test_rendered_page_has_no_raw_values(synthetic_page: str) -> None:
    assert raw_tokens(synthetic_page) == []


def test_empty_section_is_not_emitted(synthetic_page: str) -> None:
    assert "Headline figures" not in synthetic_page.split("<main>", 1)[1]
    assert 'href="#headline-figures"' not in synthetic_page
    assert "[headline capex_usd]" not in synthetic_page  # legacy records stay data
    assert 'data-name="capex_usd"' in synthetic_page  # …shown in the header


def test_long_and_wide_tables(synthetic_page: str) -> None:
    assert "<summary>Show the full table (20 rows)</summary>" in synthetic_page
    assert 'class="sg-scroll sg-wide"' in synthetic_page  # 14 columns leave the text column
    assert synthetic_page.count('class="sg-scroll') >= 3


def test_sources_table_is_collapsed_under_counts(synthetic_page: str) -> None:
    sources = synthetic_page.split('<div class="sg-sources">', 1)[1]
    summary = sources.split("</p>", 1)[0]
    assert "4 facts: 3 evidence, 1 claim of the seed article." in summary
    assert "can be cited" in summary and "have only a description" in summary
    assert "facts have only a description" in summary  # a count of facts says so
    assert "<summary>Show the sources table (4 rows)</summary>" in sources
    assert "(a description: no title was found)" in sources
    assert '<a class="sg-source-link" href="https://' in sources
    assert '<li id="fact-sg_total_commitment">' in sources  # the id is an anchor, not text
    assert ">sg_total_commitment<" not in sources


def test_table_summary_matches_the_register() -> None:
    from stargate import facts
    from stargate.present.sources import sources_table, summarise_rows

    ids = list(facts.all_facts())
    rows = sources_table(ids).to_dict("records")
    expected = facts.sources_summary(ids)
    expected.pop("verdicts")
    assert summarise_rows(rows) == expected


def test_the_headline_mimetype_keeps_its_name() -> None:
    # Executed notebooks in reports/ carry it; renaming it would hide every headline record.
    assert HEADLINE_MIMETYPE == "application/vnd.stargate.headline+json"
    record = {"name": "x_usd", "value": 1.0, "unit": "USD", "label": "X", "text": "$1.00"}
    out = new_output("display_data", data={HEADLINE_MIMETYPE: record, "text/plain": "X"})
    assert read_headlines(_notebook(new_code_cell("", outputs=[out])))[0]["name"] == "x_usd"


def test_dates_for_readers() -> None:
    """A data date is a day; one the register gives by month or year says how it is counted."""
    from stargate.present import i18n
    from stargate.publish.page import as_of_day

    assert format_as_of("2025-09-30") == "30 September 2025"
    assert format_as_of("2026-11") == (
        "1 November 2026 (the newest fact gives only its month, November 2026, counted as the 1st)"
    )
    assert format_as_of("2026") == (
        "1 January 2026 (the newest fact gives only its year, 2026, counted as 1 January)"
    )
    assert format_as_of("soon") == "soon"
    assert [as_of_day(d) for d in ("2026-11-02", "2026-11", "2026")] == [
        "2026-11-02",
        "2026-11-01",
        "2026-01-01",
    ]
    with i18n.language("ja"):
        assert format_as_of("2026-11-02") == "2026年11月2日"
        assert format_as_of("2026-11") == (
            "2026年11月1日（最新の資料は2026年11月付けで日付がないため、同月1日とみなした）"
        )


def test_data_as_of_is_the_newest_evidence_not_an_assumption_or_a_working() -> None:
    """The data-as-of date is the newest *evidence*: assumptions (the project's own, dated when
    they were written) never count, and a derived row counts with its inputs' dates."""
    from stargate import facts
    from stargate.publish.notebook_helpers import data_as_of
    from stargate.publish.table_html import newest_as_of

    register = facts.all_facts()
    evidence = [
        d
        for f in register.values()
        if f.kind in ("evidence", "claim")
        for d in (str(f.as_of), str(f.source.date))
    ]
    assert data_as_of() == max(evidence, key=facts.date_key)
    newest_assumption = max(
        (str(f.as_of) for f in register.values() if f.kind == "assumption"), key=facts.date_key
    )
    assert facts.date_key(data_as_of()) < facts.date_key(newest_assumption)  # a real test

    working = register["dc_reference_class"]  # derived, dated the day it was worked out
    inputs = facts.evidence_as_of(working.derived_from)
    assert inputs and facts.date_key(inputs) < facts.date_key(str(working.as_of))
    rows = [
        {"id": "as_price_change_rate", "kind": "assumption", "as_of": "2030-01"},
        {"id": working.id, "kind": "derived", "as_of": str(working.as_of)},
        {"id": "x", "kind": "evidence", "as_of": "2001"},
    ]
    # (dc_reference_class's inputs: their source dates are not newer than the inputs' own.)
    assert newest_as_of(rows) == inputs
    legacy = {"id": "gone", "kind": "derived", "as_of": "2030", "derived_from": "bf_overrun_it"}
    assert newest_as_of([legacy]) == str(register["bf_overrun_it"].as_of)
    assert newest_as_of(rows[:1]) == ""


# --------------------------------------------------------------------------- front page


def _record(name: str, value: float, unit: str, label: str, text: str) -> dict[str, Any]:
    return {"name": name, "value": value, "unit": unit, "label": label, "text": text}


BASE_RECORDS = [
    _record("capex_usd", 43.5e9, "USD", "Capex of the modelled fleet", "$43.5bn"),
    _record("cost_per_gpu_hour_usd", 2.55, "USD/GPU-hour", "Cost per GPU-hour", "$2.55/GPU-hour"),
    _record("equity_committed_usd", 52e9, "USD", "Equity committed", "$52.0bn"),
    _record("funding_gap_usd", 360.7e9, "USD", "Spending no named funder covers", "$360.7bn"),
    _record("npv_positive_probability", 0.085, "fraction", "Chance it pays", "8.5%"),
]


def test_a_bullet_is_its_first_fillable_sentence_or_nothing() -> None:
    records = {r["name"]: r for r in BASE_RECORDS}
    bullet = Bullet(
        "t", (Sentence("A {missing_usd} B {capex_usd}."), Sentence("Costs {capex_usd}."))
    )
    assert bullet.fill(records) == "Costs $43.5bn."
    assert Bullet("t", (Sentence("Only {missing_usd}."),)).fill(records) is None
    verdict = Sentence(
        "Unlikely: {npv_positive_probability}.", when=("npv_positive_probability", "<", 0.5)
    )
    assert verdict.fill(records) == "Unlikely: 8.5%."
    assert Sentence("Likely.", when=("npv_positive_probability", ">=", 0.5)).fill(records) is None


def test_front_page_bullets_from_the_published_records() -> None:
    bullets = front_page_bullets({r["name"]: r for r in BASE_RECORDS})
    # "who pays" needs equity_share_of_programme, which these records lack: left out
    assert len(bullets) == 4
    assert bullets[0].startswith("Stargate is the AI-infrastructure plan")
    assert "$43.5bn" in bullets[0] and "$2.55/GPU-hour" in bullets[1]
    assert bullets[2] == "$360.7bn of the venture's cash need has no equity or named funder."
    assert "Verdict: on these assumptions the build-out is unlikely" in bullets[3]
    assert not any("of equity" in b for b in bullets)
    assert not any("None" in b or "{" in b for b in bullets)
    assert front_page_bullets({}) == []  # no records: no bullets, never "None"


def test_differences_from_the_base() -> None:
    usd = {"currency": "USD", "jpy_per_usd": 156.0}
    from stargate.present import charts

    d = charts.to_display(usd)
    assert format_difference(6.13, 2.55, "USD/GPU-hour", d) == "+$3.58 (+140%)"
    assert format_difference(43.0e9, 52.0e9, "USD", d) == "\u2212$9.0bn (\u221217%)"
    assert format_difference(0.003, 0.085, "fraction", d) == "\u22128.2 pts"
    assert format_difference(10.6, 8.6, "\u00d7", d) == "+23%"
    assert format_difference(2.0, 2.0, "USD", d) == "same"
    assert short_title("Musk's doubt: slower revenue, cheaper GPU-hours") == "Musk's doubt"


def scenario_entries(count: int) -> list[ScenarioEntry]:
    """``count`` scenarios with fixture headline records (the base first), no notebooks run."""
    entries = []
    for i in range(count):
        name = "base" if i == 0 else f"scenario_{i:02d}"
        scale = 1.0 + 0.15 * i
        reports = [
            ReportEntry(
                "cost_structure",
                "Cost structure",
                f"{name}/cost_structure.html",
                [
                    {**r, "value": r["value"] * (scale if r["unit"] != "fraction" else 1 / scale)}
                    for r in BASE_RECORDS[:2]
                ],
            ),
            ReportEntry(
                "sustainability",
                "Sustainability",
                f"{name}/sustainability.html",
                [{**BASE_RECORDS[4], "value": 0.085 / scale}],
            ),
        ]
        entries.append(
            ScenarioEntry(
                name=name,
                title="The article's case: $500bn, 700,000 Hopper GPUs"
                if i == 0
                else f"Variant {i}: costs {scale:.2f} times the base, with a long subtitle",
                description=f"Scenario {i}'s assumptions, described for readers.",
                data_as_of="2025-09-30",
                display={"currency": "USD", "jpy_per_usd": 156.0},
                reports=reports,
            )
        )
    return entries


def write_site_pages(root: Path, count: int) -> Path:
    """index.html and compare.html for ``count`` fixture scenarios in ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    entries = scenario_entries(count)
    (root / "index.html").write_text(render_index_html(entries), encoding="utf-8")
    compare = root / "compare.html"
    compare.write_text(render_compare_html(entries, static_svg=False), encoding="utf-8")
    return compare


@pytest.mark.parametrize("count", [5, 12])
def test_compare_page_reads_side_by_side(tmp_path: Path, count: int) -> None:
    page = write_site_pages(tmp_path, count).read_text(encoding="utf-8")
    head = page.split("<thead>", 1)[1].split("</thead>", 1)[0]
    assert len(re.findall(r"data-scenario=", head)) == count
    assert ">The article&#39;s case<" in head and ">Variant 1<" in head  # titles, not slugs
    assert "scenario_01" not in re.sub(r'(href|data-scenario)="[^"]*"', "", head)
    assert page.count('<tr class="sg-group">') == 2  # grouped by report
    assert '<span class="sg-unit">USD/GPU-hour</span>' in page
    assert page.count('<span class="sg-diff">') == 3 * (count - 1)
    assert "+$0.38 (+15%)" in page  # scenario 1: cost per GPU-hour × 1.15
    assert 'class="sg-scroll sg-wide sg-compare-scroll"' in page  # wider than the text
    assert raw_tokens(page) == []


def test_site_pages_set_cost_and_break_even_in_one_unit(tmp_path: Path) -> None:
    """Index and compare: the cost per GB300-equivalent hour (by IT power) beside the break-even
    in that unit; the cost per average GPU-hour of the mixed fleet (another unit) stays off."""
    gb300 = _record(
        "cost_per_gb300_equivalent_hour_usd",
        4.97,
        "USD/GPU-hour",
        "Cost per GB300-equivalent GPU-hour (by IT power)",
        "$4.97/GPU-hour",
    )
    average = _record(
        "cost_per_gpu_hour_usd",
        6.17,
        "USD/GPU-hour",
        "Cost per average GPU-hour of the fleet",
        "$6.17/GPU-hour",
    )
    breakeven = _record(
        "breakeven_price_usd_per_gpu_hour", 6.62, "USD/GPU-hour", "Break-even", "$6.62/GPU-hour"
    )
    records = {r["name"]: r for r in (gb300, average, breakeven)}
    (bullet,) = [b for b in FRONT_PAGE_BULLETS if b.topic == "cost per GPU-hour"]
    text = bullet.fill(records)
    assert "$4.97/GPU-hour" in text and "$6.62/GPU-hour in the same unit" in text
    assert "$6.17" not in text and "IT power" in text and "not by compute" in text
    # Without the like-for-like record (an older build) the average stands alone, no break-even.
    alone = bullet.fill({"cost_per_gpu_hour_usd": average, "x": breakeven})
    assert (
        alone
        == "An average GPU-hour of its fleet costs $6.17/GPU-hour to provide, all costs included."
    )

    # next_gen-like: 11 % dearer per average GPU-hour, 2 % per GB300-equivalent hour.
    entries = scenario_entries(2)
    for entry in entries:
        other = entry.name != "base"
        entry.reports[0].headlines[:] = [
            BASE_RECORDS[0],
            {**gb300, "value": 4.97 * (1.02 if other else 1.0)},
            {**average, "value": 6.17 * (1.11 if other else 1.0)},
        ]
    from stargate.present import charts

    changes = scenario_changes(entries[1], records_by_name(entries[0]), charts.to_display(None))
    labels = [c["label"] for c in changes]
    assert "Cost per GB300-equivalent GPU-hour (by IT power)" in labels
    assert "Cost per average GPU-hour of the fleet" not in labels
    compare = render_compare_html(entries, static_svg=False)
    assert "Cost per GB300-equivalent GPU-hour (by IT power)" in compare
    # Not in the table (the header's intro says where it is instead).
    assert "Cost per average GPU-hour of the fleet" not in compare.split("</header>", 1)[1]
    assert "+$0.10 (+2.0%)" in compare and "+11%" not in compare


def test_evidence_date_counts_the_source_date_in_a_fixture_register() -> None:
    """A figure "as of 2026" published on 22 June 2026 is evidence of 22 June 2026, not of
    1 January 2026; an assumption dated later never counts; a derived row counts its inputs."""
    from stargate import facts

    def row(fact_id: str, kind: str, as_of: str, date: str, **extra: object) -> facts.Fact:
        source = {"publisher": "Test", "title": "Test", "date": date, "kind": "register"}
        if kind in ("evidence", "claim"):
            source |= {"kind": "outlet", "url": "https://example.org/" + fact_id}
        fields = {"id": fact_id, "kind": kind, "value": 1.0, "unit": "USD", "as_of": as_of}
        fields |= {"what": "t", "source": source, "confidence": "M", **extra}
        return facts.Fact.model_validate(fields)

    register = {
        "rack": row("rack", "evidence", "2026", "2026-06-22"),
        "loan": row("loan", "evidence", "2026-05-11", "2025"),
        "mine": row("mine", "assumption", "2026-11", "2026-11"),
        "worked": row("worked", "derived", "2026-12-01", "2026-12-01", derived_from=["loan"]),
    }
    assert facts.evidence_as_of(["rack"], register) == "2026-06-22"  # the source's date
    assert facts.evidence_as_of(["loan"], register) == "2026-05-11"  # the figure's own date
    assert facts.evidence_as_of(["mine"], register) == ""
    assert facts.evidence_as_of(["worked"], register) == "2026-05-11"
    assert facts.evidence_as_of(["mine", "worked", "rack"], register) == "2026-06-22"


def test_index_is_a_front_page(tmp_path: Path) -> None:
    write_site_pages(tmp_path, 5)
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    brief = page.split('id="in-brief"', 1)[1].split("</section>", 1)[0]
    assert brief.count("<li>") == 3 + 2  # 3 bullets fillable from these records + 2 reports
    assert "Evidence as of <time" in page and "30 September 2025" in page
    lines = page.split('id="other-scenarios"', 1)[1].split("</section>", 1)[0]
    assert lines.count("Against the reference:") == 4
    assert "cost per GPU-hour $3.08/GPU-hour (+$0.54 (+21%))" not in lines  # scenario 4: x1.6
    assert "cost per GPU-hour $4.08/GPU-hour (+$1.53 (+60%))" in lines
    assert raw_tokens(page) == []


def test_entries_fixture_is_consistent() -> None:
    entries = scenario_entries(3)
    from stargate.present import charts

    changes = scenario_changes(
        entries[1], {r["name"]: r for r in BASE_RECORDS}, charts.to_display(None)
    )
    assert [c["label"] for c in changes][0] in ("Capex of the modelled fleet", "Cost per GPU-hour")


# --------------------------------------------------------------------------- committed reports


def test_committed_reports_scan(tmp_path: Path) -> None:
    """What raw values the committed reports show, as committed and as rendered now.

    The committed HTML predates this renderer; re-rendered from their notebooks, what is left
    comes from the notebooks' own outputs (model / present / register text). Findings are
    written to ``test-artifacts/raw_tokens.txt``; no built page may have any.
    """
    pages = sorted((ROOT / "reports").glob("*/*.html"))
    if not pages:
        pytest.skip("no committed reports")
    lines = []
    remaining = 0
    for html_path in [*pages, ROOT / "reports" / "index.html", ROOT / "reports" / "compare.html"]:
        if not html_path.exists():
            continue
        rel = html_path.relative_to(ROOT)
        for kind, text in raw_tokens(html_path.read_text(encoding="utf-8")):
            lines.append(f"committed\t{rel}\t{kind}\t{text}")
            remaining += 1
    for html_path in sorted((ROOT / "reports" / "base").glob("*.html")):
        page = render_report_html(html_path.with_suffix(".ipynb"))
        rel = html_path.relative_to(ROOT)
        for kind, text in raw_tokens(page):
            lines.append(f"re-rendered\t{rel}\t{kind}\t{text}")
            remaining += 1
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "raw_tokens.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert not remaining, (
        f"{remaining} raw values on the built pages (see test-artifacts/raw_tokens.txt)"
    )


# --------------------------------------------------------------------------- units in headers

#: What marks a header's unit: a currency, a share, a multiple, or a physical unit.
_HEADER_UNIT = re.compile(
    r"\((?:USD|JPY)[^)]*\)|%|×|\bGW\b|\bMW\b|\bGPUs\b|\bPFLOPS\b|\(in its unit\)"
)
#: Columns that hold years or year ranges, not quantities.
_YEAR_HEADERS = frozenset({"year", "refresh year", "years"})


def headers_without_unit(table: Any) -> list[str]:
    """The headers of a reader table's figure columns that name no unit."""
    from stargate.present.formatting import MISSING
    from stargate.publish.table_html import is_number

    missing = []
    for column in table.columns:
        cells = [str(v) for v in table[column].tolist()]
        figures = [c for c in cells if c != MISSING]
        if str(column) in _YEAR_HEADERS or not figures:
            continue
        if all(is_number(c) for c in figures) or str(column).startswith("amount"):
            if not _HEADER_UNIT.search(str(column)):
                missing.append(str(column))
    return missing


def test_unit_checker_fails_on_a_header_without_a_unit() -> None:
    import pandas as pd

    table = pd.DataFrame(
        {"year": ["2026"], "cash burn": ["$17.0bn"], "share (%)": ["40%"], "who": ["Oracle"]}
    )
    assert headers_without_unit(table) == ["cash burn"]


def test_sustainability_obligations_and_circular_tables_name_their_units() -> None:
    """Every figure column of these reader tables says its unit in its header."""
    from stargate.model import fleet_refresh, openai_path
    from stargate.present import circular_report, obligations_report
    from stargate.present import sustainability_tables as tables
    from stargate.scenario import PARAMS_DIR, load_scenario

    base = load_scenario(PARAMS_DIR / "base.yaml")
    show = base.display
    path = openai_path.compute_openai_path(base)
    built = {
        "OpenAI path": tables.format_openai_path_table(path, show),
        "calibration": tables.format_calibration_table(
            openai_path.compare_with_reported(base), show
        ),
        "venture": tables.format_venture_table(openai_path.compute_venture_path(base), show),
        "runway": tables.format_runway_table(openai_path.compute_runway(base), show),
        "refresh": tables.format_refresh_wave_table(fleet_refresh.compute_refresh_wave(base), show),
        "reference class": tables.format_reference_class_table(base),
        "inputs": tables.format_inputs_table(base),
        "coverage": obligations_report.format_obligation_coverage_table(base),
        "schedule": obligations_report.format_obligations_schedule_table(base),
        "commitments": obligations_report.format_commitments_table(base),
        "circular": circular_report.format_circular_table(base),
    }
    assert {name: headers_without_unit(t) for name, t in built.items()} == dict.fromkeys(built, [])
    assert "cash burn (USD)" in built["OpenAI path"].columns
    coverage_2028 = built["coverage"].set_index("year").loc[2028]
    assert coverage_2028["compute contracts ÷ revenue (×)"] == "1.1×"


def test_tornado_axis_has_room_for_the_longest_factor_name() -> None:
    """The sustainability tornado cut "Term of OpenAI's incremental Azure commitment" at the
    theme's 220 px ("Azure c…"); the axis now gets the room its longest name needs."""
    import pandas as pd

    from stargate.present import charts

    long_name = "Term of OpenAI's incremental Azure commitment"
    frame = pd.DataFrame({"factor": [long_name, "Utilisation"], "lo": [1e9, 2e9], "hi": [3e9, 4e9]})
    spec = charts.tornado(frame, "factor", "lo", "hi", base=2e9, title="t", unit="USD").to_dict(
        validate=False
    )
    limits = [
        layer["encoding"]["y"]["axis"]["labelLimit"]
        for layer in spec["layer"]
        if "y" in layer.get("encoding", {})
    ]
    # 45 characters at 12 px (about 6.2 px each) need about 280 px; 220 px cut it.
    assert limits and min(limits) >= 280 and max(limits) <= 300
