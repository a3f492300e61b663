"""stargate.publish.site: the index and comparison pages over a reports folder."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from stargate.publish.site import collect, scenario_order, site_pages, write_site

CDN_HOSTS = ("cdn.jsdelivr", "unpkg.com", "cdnjs")


@pytest.fixture(scope="module")
def site(site_tree: Path) -> Path:
    return site_tree


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_scenario_order_puts_base_first() -> None:
    assert scenario_order(["zeta", "alt", "base", "alt"]) == ["base", "alt", "zeta"]
    assert scenario_order(["b", "a"]) == ["a", "b"]


def test_collect_reads_meta_and_headlines(reports_tree: Path) -> None:
    entries = collect(reports_tree)
    assert [e.name for e in entries] == ["base", "alt"]  # _failed is not a scenario
    base, alt = entries
    assert base.title == "Fixture base case"
    assert [r.notebook for r in base.reports] == ["charts_ok", "headlines_only"]
    assert [r.title for r in base.reports] == ["Chart fixture", "Headline fixture"]
    assert base.reports[0].href == "base/charts_ok.html"
    assert [h["name"] for h in alt.reports[0].headlines] == ["capex_usd", "gpus"]
    assert alt.display == {"currency": "JPY", "jpy_per_usd": 150.0}
    assert base.data_as_of == "2025-09-30"


def test_index_lists_every_scenario_report_and_figure(site: Path) -> None:
    page = read(site / "index.html")
    assert page.index('id="scenario-base"') < page.index('id="scenario-alt"')
    for href in ("base/charts_ok.html", "base/headlines_only.html", "alt/headlines_only.html"):
        assert f'<a href="{href}">' in page
        assert (site / href).is_file()
    for text in ("Chart fixture", "Headline fixture", "Funding committed", "$168.0bn", "$500.0bn"):
        assert text in page, text
    assert "150.0兆円" in page  # alt shows its own currency
    assert 'href="compare.html"' in page
    assert "_failed" not in page and "broken" not in page


def test_index_escapes_scenario_text(site: Path) -> None:
    page = read(site / "index.html")
    assert "<script>alert" not in page
    assert "Alt &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; co" in page
    assert "Costs &lt;b&gt;double&lt;/b&gt;" in page


def test_compare_has_a_table_and_one_chart_per_figure(site: Path) -> None:
    page = read(site / "compare.html")
    head = page.split("<thead>", 1)[1].split("</thead>", 1)[0]
    # scenario titles (short: before any colon), not slugs; the base is the reference column
    assert re.findall(r'data-scenario="(\w+)"', head) == ["base", "alt"]
    assert "Fixture base case" in head and 'title="Alt &lt;script&gt;' in head
    assert head.index("reference") < head.index('data-scenario="alt"')
    figures = re.findall(r'<section class="sg-compare-chart" id="([^"]+)"', page)
    assert figures == [
        "figure-charts-ok-funding-total-usd",
        "figure-charts-ok-cost-per-gpu-hour-usd",
        "figure-charts-ok-npv-p50-usd",
        "figure-charts-ok-loss-probability",
        "figure-headlines-only-capex-usd",
        "figure-headlines-only-gpus",
    ]
    assert page.count('class="sg-chart"') == len(figures)
    table = page.split("<tbody>", 1)[1]
    capex = table.split('<a href="#figure-headlines-only-capex-usd">', 1)[1].split("</tr>", 1)[0]
    # one currency on the comparison page: base's (USD); alt's 2 × $500bn
    assert re.findall(r">([^<>]+)</a>", capex) == ["$500.0bn", "$1.0tn"]
    assert '<span class="sg-diff">+$500.0bn (+100%)</span>' in capex  # alt against base
    missing = table.split('<a href="#figure-charts-ok-npv-p50-usd">', 1)[1].split("</tr>", 1)[0]
    assert "—" in missing  # alt has no chart report


def test_pages_are_offline_with_bundle_once(site: Path) -> None:
    index, compare = read(site / "index.html"), read(site / "compare.html")
    for page in (index, compare):
        for host in CDN_HOSTS:
            assert host not in page
        assert not re.search(r"<script[^>]*\ssrc=", page)
        assert "@media print" in page
    assert compare.count("window.vegaEmbed=") == 1
    assert "window.vegaEmbed=" not in index
    assert len(compare.encode()) < 2_000_000


def test_toc_links_resolve(site: Path) -> None:
    for name in ("index.html", "compare.html"):
        page = read(site / name)
        nav = page.split('<nav class="sg-toc"', 1)[1].split("</nav>", 1)[0]
        links = re.findall(r'href="#([^"]+)"', nav)
        assert links
        assert set(links) <= set(re.findall(r'\sid="([^"]+)"', page)), name


def test_writing_twice_is_byte_identical_and_atomic(site: Path) -> None:
    pages = [site / "index.html", site / "compare.html"]
    pages += [site / "ja" / "index.html", site / "ja" / "compare.html"]
    before = {p: p.read_bytes() for p in pages}
    written = write_site(site)
    assert written == pages == site_pages(site)
    assert {p: p.read_bytes() for p in written} == before
    for folder in (site, site / "ja"):  # no temp file left
        assert not [p for p in folder.iterdir() if p.name.startswith(".")]


def test_scenarios_as_names_or_objects(reports_tree: Path) -> None:
    @dataclass
    class Scenario:
        name: str
        title: str
        description: str

    entries = collect(reports_tree, [Scenario("zeta", "Not built yet", "None"), "alt", "base"])
    assert [e.name for e in entries] == ["base", "alt", "zeta"]
    assert entries[2].title == "Not built yet" and entries[2].reports == []
    assert entries[1].title.startswith("Alt <script>")  # from the report's meta


def test_a_bare_name_with_no_reports_is_titled_by_its_name(tmp_path: Path) -> None:
    # A str has a .title method: it must never be shown as the title.
    (entry,) = collect(tmp_path, ["lonely"])
    assert entry.title == "lonely" and entry.description == ""


def test_empty_reports_folder(tmp_path: Path) -> None:
    write_site(tmp_path)
    assert "No reports have been built yet" in read(tmp_path / "index.html")
    assert "No headline figures" in read(tmp_path / "compare.html")


COMMITTED_REPORTS = Path(__file__).resolve().parent.parent / "reports"
_PAGE_DATE = re.compile(r'<p class="sg-dateline">.*?<time datetime="([^"]*)">([^<]*)</time>', re.S)


def test_every_page_of_a_built_scenario_carries_the_scenario_date(tmp_path: Path) -> None:
    """Each report shows the newest fact *it* used until the site is written; then every page
    of the scenario, and its line on the index, shows the newest over all its reports."""
    import shutil

    from stargate.publish.page import report_data_as_of, write_report_html

    notebooks = sorted((COMMITTED_REPORTS / "base").glob("*.ipynb"))
    if len(notebooks) < 2:
        pytest.skip("no committed base reports")
    reports = tmp_path / "reports"
    own: dict[str, str] = {}
    for nb_path in notebooks:
        copy = reports / "base" / nb_path.name
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(nb_path, copy)
        own[copy.stem] = report_data_as_of(copy)
    if len(set(own.values())) == 1:
        # Every report used the same newest fact: make the first one's newest rows older so the
        # reports differ, as they do whenever one report cites a fact the others do not.
        first = reports / "base" / notebooks[0].name
        _drop_source_rows_dated(first, own[first.stem])
        own[first.stem] = report_data_as_of(first)
    for copy in sorted((reports / "base").glob("*.ipynb")):
        write_report_html(copy)
    newest = max(own.values(), key=lambda d: (d + "-00-00")[:10])
    pages = sorted((reports / "base").glob("*.html"))
    before = {p.stem: _PAGE_DATE.search(p.read_text(encoding="utf-8")).group(1) for p in pages}
    assert before == own and len(set(own.values())) > 1  # the reports differ: a real test

    write_site(reports, static_svg=False)
    after = {p.stem: _PAGE_DATE.search(p.read_text(encoding="utf-8")).groups() for p in pages}
    assert set(after.values()) == {after[pages[0].stem]}
    date, text = after[pages[0].stem]
    assert date == newest
    index = (reports / "index.html").read_text(encoding="utf-8")
    section = index.split('id="scenario-base"', 1)[1].split("</section>", 1)[0]
    assert f'<time datetime="{date}">{text.split(" (")[0]}</time>' in section
    assert f'<time datetime="{date}">' in index.split("</header>", 1)[0]  # newest over all
    ja = (reports / "ja" / "index.html").read_text(encoding="utf-8")
    assert re.search(rf'<time datetime="{date}">\d{{4}}年\d{{1,2}}月\d{{1,2}}日', ja)
    if len(date) < len("2026-11-02"):  # a month or a year: how it is counted follows the date
        assert re.search(
            r"根拠資料は<time[^>]*>[^<（]+（最新の資料は[^<]+とみなした）</time>時点。", ja
        )
    # Written again, nothing changes.
    first = [p.read_bytes() for p in pages]
    write_site(reports, static_svg=False)
    assert [p.read_bytes() for p in pages] == first


def _entry(name: str, values: dict[str, float]) -> Any:
    from stargate.publish.site import ReportEntry, ScenarioEntry

    units = {"npv_positive_probability": "fraction", "programme_gw": "GW"}
    records = [
        {
            "name": n,
            "value": v,
            "unit": units.get(n, "USD/GPU-hour" if "gpu_hour" in n else "USD"),
            "label": n.replace("_", " ").capitalize(),
            "text": str(v),
        }
        for n, v in values.items()
    ]
    return ScenarioEntry(name, name.title(), reports=[ReportEntry("r", "R", None, records)])


BASE_FIGURES = {
    "programme_capex_usd": 400e9,
    "capex_2026_usd": 100e9,
    "capex_2027_usd": 100e9,
    "capex_2028_usd": 200e9,
    "capex_2029_usd": 0.0,
    "cost_per_gpu_hour_usd": 5.91,
    "funding_gap_usd": 256e9,
    "npv_positive_probability": 0.13,
    "breakeven_price_usd_per_gpu_hour": 6.73,
    "programme_gw": 10.0,
}


def test_a_scenario_line_names_what_moves_not_when_money_is_spent() -> None:
    """A year's delay moves every year's capex a lot (−100 %, +100 %, ...) and the total not
    at all: the line names the figures a reader weighs a scenario by, never a year's slice."""
    from stargate.publish.site import is_year_slice, records_by_name, scenario_changes

    delayed = {
        **BASE_FIGURES,
        "capex_2026_usd": 0.0,  # −100 %
        "capex_2027_usd": 100e9,
        "capex_2028_usd": 100e9,  # −50 %
        "capex_2029_usd": 200e9,  # from 0: an infinite change
        "cost_per_gpu_hour_usd": 5.91 * 1.02,  # +2 %
        "npv_positive_probability": 0.10,  # −3 points: weighs as −6 %
        "breakeven_price_usd_per_gpu_hour": 6.73 * 1.04,  # +4 %
    }
    base = records_by_name(_entry("base", BASE_FIGURES))
    changes = scenario_changes(_entry("delay", delayed), base, {"currency": "USD"})
    assert [c["label"] for c in changes] == [
        "Npv positive probability",
        "Breakeven price usd per gpu hour",
        "Cost per gpu hour usd",
    ]
    assert changes[0]["difference"] == "\u22123.0 pts"
    assert not any("2026" in c["phrase"] or "2029" in c["phrase"] for c in changes)
    names = list(BASE_FIGURES)
    assert is_year_slice("capex_2026_usd", names)
    assert not is_year_slice("programme_capex_usd", names)
    assert not is_year_slice("obligations_to_revenue_2028", names)  # one year, no series


def test_a_scenario_line_falls_back_on_size_when_little_else_moves() -> None:
    from stargate.publish.site import records_by_name, scenario_changes

    smaller = {**BASE_FIGURES, "programme_gw": 9.2, "funding_gap_usd": 240e9}
    base = records_by_name(_entry("base", BASE_FIGURES))
    changes = scenario_changes(_entry("smaller", smaller), base, {"currency": "USD"})
    assert [c["label"] for c in changes] == ["Programme gw", "Funding gap usd"]  # −8 %, −6.25 %
    assert changes[0]["text"] == "9.2 GW" and changes[0]["difference"] == "\u22128.0%"


def test_a_long_table_of_headline_figures_is_collapsed_with_its_count() -> None:
    from stargate.publish.site import render_index_html

    many = {f"figure_{i:02d}_usd": float(i + 1) for i in range(16)}
    few = {f"figure_{i:02d}_usd": float(i + 1) for i in range(15)}
    page = render_index_html([_entry("base", many), _entry("few", few)])
    base = page.split('id="scenario-base"', 1)[1].split("</section>", 1)[0]
    other = page.split('id="scenario-few"', 1)[1].split("</section>", 1)[0]
    assert '<details class="sg-long-table"><summary>Show all 16 headline figures</summary>' in base
    assert base.count("<tr>") == 16 + 1 and "<details" not in other
    ja = render_index_html([_entry("base", many)], lang="ja")
    assert "<summary>主要指標16件をすべて表示</summary>" in ja


def _drop_source_rows_dated(nb_path: Path, date: str) -> None:
    """Remove from a report's sources table the rows whose evidence is dated ``date``."""
    import json
    import re

    from stargate.publish.table_html import sources_rows

    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            html = output.get("data", {}).get("text/html")
            if html is None:
                continue
            text = "".join(html) if isinstance(html, list) else html
            if "</thead>" not in text:
                continue
            head, sep, body = text.partition("</thead>")

            def keep(row: re.Match[str], head: str = head) -> str:
                table = head + "</thead><tbody>" + row.group(0) + "</tbody></table>"
                rows = sources_rows(table)
                dated = rows and rows[0].get("id") and report_dates(rows) == date
                return "" if dated else row.group(0)

            output["data"]["text/html"] = (
                head + sep + re.sub(r"<tr>.*?</tr>", keep, body, flags=re.S)
            )
    nb_path.write_text(json.dumps(nb), encoding="utf-8")


def report_dates(rows: list[dict[str, str]]) -> str:
    from stargate.publish.table_html import newest_as_of

    return newest_as_of(rows)


def test_compare_intro_names_the_figure_it_leaves_out() -> None:
    """Review: the compare page said it showed every headline figure, but the cost per average
    GPU-hour is left out for the GB300-equivalent cost; its intro now says so and where it is."""
    from stargate.publish.site import SUPERSEDED_BY, render_compare_html

    committed = Path(__file__).resolve().parent.parent / "reports"
    entries = collect(committed)
    names = {str(h["name"]) for e in entries for r in e.reports for h in r.headlines}
    if not set(SUPERSEDED_BY) & names:
        pytest.skip("no committed report with a superseded figure")
    expected = {
        "en": ("Cost per average GPU-hour of the fleet", "index page", "Cost structure"),
        "ja": ("GPU群の平均GPU時間当たりコスト", "レポート一覧", "コスト構造"),
    }
    for lang, words in expected.items():
        html = render_compare_html(entries, static_svg=False, lang=lang)
        intro = html.split('<p class="sg-description">', 1)[1].split("</p>", 1)[0]
        assert "Every headline figure" not in intro, lang
        for word in words:
            assert word in intro, (lang, word)
        table = html.split("<table", 1)[1].split("</table>", 1)[0]
        assert words[0] not in table, lang  # left out, as the intro says
