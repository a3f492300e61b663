"""stargate.publish.page and stargate.publish.headline on executed fixture notebooks."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from stargate.publish.headline import (
    HEADLINE_MIMETYPE,
    META_MIMETYPE,
    headline_record,
    read_headlines,
    read_meta,
)
from stargate.publish.page import polish_dataframe_html, render_report_html

CDN_HOSTS = ("cdn.jsdelivr", "unpkg.com", "cdnjs")
BUNDLE_MARK = "window.vegaEmbed="


@pytest.fixture(scope="module")
def ok_nb(reports_tree: Path) -> Path:
    return reports_tree / "base" / "charts_ok.ipynb"


@pytest.fixture(scope="module")
def ok_html(ok_nb: Path) -> str:
    return ok_nb.with_suffix(".html").read_text(encoding="utf-8")


def ids(page: str) -> set[str]:
    return set(re.findall(r'\sid="([^"]+)"', page))


def toc(page: str) -> str:
    return page.split('<nav class="sg-toc"', 1)[1].split("</nav>", 1)[0]


# --------------------------------------------------------------------------- offline, once


def test_page_references_no_network(ok_html: str) -> None:
    for host in CDN_HOSTS:
        assert host not in ok_html
    assert not re.search(r"<script[^>]*\ssrc=", ok_html)
    # Nothing is loaded from elsewhere: no src/srcset/url()/@import/<link> to another host.
    assert not re.search(r"""(src|srcset)=["']?(https?:)?//""", ok_html)
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", ok_html)
    assert "@import" not in ok_html and "<link" not in ok_html
    assert "require.js" not in ok_html and "MathJax" not in ok_html
    # Links to read are fine: the sources table's URLs, in full.
    assert ok_html.count('<a href="https://') == 1


def test_bundle_included_exactly_once_with_several_charts(ok_html: str) -> None:
    assert ok_html.count(BUNDLE_MARK) == 1
    assert ok_html.count('class="sg-chart"') == 4
    # The notebook's Vega outputs, embedded as Vega (not Vega-Lite), ids counted on the page.
    assert ok_html.count('"mode":"vega"') == 4
    assert [f'id="sg-chart-{i}"' in ok_html for i in range(1, 6)] == [True] * 4 + [False]
    assert "var VEGA_DEBUG = " in ok_html
    assert ok_html.index(BUNDLE_MARK) < ok_html.index('class="sg-chart"')


def test_page_without_charts_has_no_bundle(reports_tree: Path) -> None:
    page = (reports_tree / "base" / "headlines_only.html").read_text(encoding="utf-8")
    assert BUNDLE_MARK not in page
    assert len(page) < 40_000


def test_page_is_small(ok_html: str) -> None:
    size_bytes = len(ok_html.encode("utf-8"))
    assert size_bytes < 2_000_000
    print(f"charts_ok page: {size_bytes / 1e6:.2f} MB")


# --------------------------------------------------------------------------- deterministic


def test_rendering_twice_is_byte_identical(ok_nb: Path, ok_html: str) -> None:
    assert render_report_html(ok_nb) == ok_html
    assert render_report_html(nbformat.read(ok_nb, as_version=4)) == ok_html


def test_executing_twice_gives_the_same_page(ok_html: str, charts_ok_rerun: Path) -> None:
    assert render_report_html(charts_ok_rerun) == ok_html


# --------------------------------------------------------------------------- what is shown


def test_no_code_and_no_papermill_plumbing(ok_html: str) -> None:
    for code in (
        "funding = pd.DataFrame(",  # a code cell's source
        "charts.enable(",  # the setup cell
        "scale = 1.0",  # the parameters cell
        "Parameters: papermill",
        "injected-parameters",
        "[headline ",  # text/plain of headline outputs
        "report_title=",
    ):
        assert code not in ok_html, code
    assert "Injected Parameters" not in ok_html


def test_header_shows_meta_and_headlines(ok_html: str) -> None:
    header = ok_html.split("</header>", 1)[0]
    assert "<h1>Chart fixture</h1>" in header
    assert "Fixture base case" in header
    assert "A small fixture scenario for the rendering tests." in header
    assert '<time datetime="2025-09-30">30 September 2025</time>' in header
    assert "Amounts in nominal USD" in header
    assert ok_html.count("<h1") == 1  # the notebook's own title heading is not repeated
    box = ok_html.split('class="sg-headlines"', 1)[1].split("</ul>", 1)[0]
    assert "$168.0bn" in box and "Funding committed" in box
    assert "$2.31<small>/GPU-hour</small>" in box


def test_toc_links_resolve_to_headings(ok_html: str) -> None:
    links = re.findall(r'href="#([^"]+)"', toc(ok_html))
    assert links == [
        "who-pays",
        "what-it-costs",
        "from-budget-to-gap",
        "cost-per-gpu-hour",
        "risk",
        "sources",
    ]
    assert set(links) <= ids(ok_html)


def test_sources_table_is_last_styled_and_linked(ok_html: str) -> None:
    main = ok_html.split("<main>", 1)[1].split("</main>", 1)[0]
    sources = main.split('<h2 id="sources">', 1)[1]
    assert '<table class="dataframe">' in sources
    assert '<a href="https://openai.com/index/announcing-the-stargate-project/">' in sources
    assert "<table" not in main.split('<h2 id="sources">', 1)[1].split("</table>", 1)[1]


def test_dataframe_tables_are_polished(ok_html: str) -> None:
    costs = ok_html.split('id="cost-per-gpu-hour"', 1)[1].split("</table>", 1)[0]
    assert "<style" not in costs and 'border="1"' not in costs
    assert "<th>0</th>" not in costs  # the default row index is dropped
    assert '<th class="sg-num">gpus</th>' in costs
    assert '<td class="sg-num">700000</td>' in costs
    assert "<td>H100</td>" in costs


def test_print_stylesheet_and_typography(ok_html: str) -> None:
    assert "@media print" in ok_html
    assert "max-width: 880px" in ok_html
    assert "-apple-system" in ok_html


def test_scenario_text_is_escaped(reports_tree: Path) -> None:
    page = (reports_tree / "alt" / "headlines_only.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page
    assert "Alt &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; co" in page
    assert "Costs &lt;b&gt;double&lt;/b&gt;; amounts in JPY." in page
    assert "Amounts in nominal JPY at 150 JPY/USD" in page
    assert "150.0兆円" in page  # 2 × $500bn at 150 JPY/USD
    assert "1,400,000<small> GPUs</small>" in page


# --------------------------------------------------------------------------- headlines, meta


def test_headlines_round_trip(ok_nb: Path) -> None:
    nb = nbformat.read(ok_nb, as_version=4)
    nbformat.validate(nb)  # papermill saved the custom mimetypes; nbformat accepts them
    heads = read_headlines(ok_nb)
    assert [h["name"] for h in heads] == [
        "funding_total_usd",
        "cost_per_gpu_hour_usd",
        "npv_p50_usd",
        "loss_probability",
    ]
    assert heads[0]["value"] == 168e9
    assert heads[0]["unit"] == "USD" and heads[0]["text"] == "$168.0bn"
    assert heads[1]["value"] == pytest.approx(2.31)
    assert 0 < heads[3]["value"] < 0.5 and heads[3]["text"].endswith("%")
    assert read_headlines(nb) == heads


def test_meta_round_trip(ok_nb: Path, reports_tree: Path) -> None:
    assert read_meta(ok_nb) == {
        "report_title": "Chart fixture",
        "scenario_name": "base",
        "scenario_title": "Fixture base case",
        "scenario_description": "A small fixture scenario for the rendering tests.",
        "data_as_of": "2025-09-30",
        "currency": "USD",
        "jpy_per_usd": 156.0,
    }
    alt = read_meta(reports_tree / "alt" / "headlines_only.ipynb")
    assert alt["scenario_name"] == "alt" and alt["currency"] == "JPY"


def test_headline_record_refuses_bad_input() -> None:
    with pytest.raises(ValueError, match="snake_case"):
        headline_record("Cost per GPU", 1.0, "USD", "x")
    with pytest.raises(ValueError, match="finite"):
        headline_record("cost", float("nan"), "USD", "x")
    assert headline_record("share", 0.25, "fraction", "Share")["text"] == "25%"


def test_last_publication_of_a_name_wins() -> None:
    def out(value: float) -> object:
        record = headline_record("capex_usd", value, "USD", "Capex")
        return new_output("display_data", data={HEADLINE_MIMETYPE: record, "text/plain": "x"})

    cell = new_code_cell("x")
    cell.outputs = [out(1e9), out(2e9)]
    nb = new_notebook(cells=[cell])
    nbformat.validate(nb)
    assert [h["value"] for h in read_headlines(nb)] == [2e9]
    assert read_meta(nb) == {}


# --------------------------------------------------------------------------- failures


def failed_notebook() -> object:
    """What papermill leaves when a cell raises: marker cells and an error output."""
    marker = (
        '<span style="color:red">An Exception was encountered at <a href="#papermill-error-cell">'
    )
    setup = new_code_cell("start()", metadata={"tags": ["setup"]})
    setup.outputs = [
        new_output(
            "display_data",
            data={
                META_MIMETYPE: {"report_title": "Failing report", "scenario_title": "S"},
                "text/plain": "meta",
            },
        )
    ]
    bad = new_code_cell("1 / 0", execution_count=3)
    bad.outputs = [
        new_output(
            "error",
            ename="ZeroDivisionError",
            evalue="division by zero",
            traceback=["\x1b[0;31mZeroDivisionError\x1b[0m: division by zero"],
        )
    ]
    return new_notebook(
        cells=[
            new_markdown_cell(marker, metadata={"tags": ["papermill-error-cell-tag"]}),
            setup,
            new_markdown_cell("## Before"),
            new_markdown_cell(
                '<span id="papermill-error-cell">Execution stopped</span>',
                metadata={"tags": ["papermill-error-cell-tag"]},
            ),
            bad,
            new_markdown_cell("## After"),
        ]
    )


def test_failed_run_gets_a_banner_and_the_error_in_place() -> None:
    page = render_report_html(failed_notebook())
    assert "An Exception was encountered" not in page
    assert "papermill-error-cell" not in page
    banner = page.split('class="sg-error sg-failed-banner"', 1)[1].split("</div>", 1)[0]
    assert '<a href="#error-1">ZeroDivisionError: division by zero (In [3])</a>' in banner
    assert '<div class="sg-error" id="error-1" role="alert">' in page
    assert "\x1b" not in page
    assert page.index('id="before"') < page.index('id="error-1"') < page.index('id="after"')


def test_error_in_a_hidden_setup_cell_is_still_shown() -> None:
    cell = new_code_cell("start()", metadata={"tags": ["setup"]})
    cell.outputs = [new_output("error", ename="ScenarioError", evalue="bad rate", traceback=[])]
    page = render_report_html(new_notebook(cells=[cell]))
    assert "ScenarioError" in page and "bad rate" in page


def test_altair_default_output_is_made_offline() -> None:
    """A chart shown without charts.enable: its CDN loader is never used nor referenced."""
    import altair as alt

    with alt.renderers.enable("html"):
        bundle = (
            alt.Chart(alt.Data(values=[{"a": 1}])).mark_bar().encode(x="a:Q")._repr_mimebundle_()
        )
    data = bundle[0] if isinstance(bundle, tuple) else bundle
    assert "cdn.jsdelivr" in data["text/html"]
    cell = new_code_cell("chart")
    cell.outputs = [new_output("display_data", data={"text/html": data["text/html"]})]
    page = render_report_html(new_notebook(cells=[cell]))
    assert "cdn.jsdelivr" not in page
    assert page.count(BUNDLE_MARK) == 1
    assert '"vegalite_version":"6.4.1"' in page


def test_polish_keeps_a_named_index() -> None:
    import pandas as pd

    table = pd.DataFrame({"party": ["SoftBank"], "usd": [1.5]}).set_index("party")
    html = polish_dataframe_html(table._repr_html_())
    assert "<th>SoftBank</th>" in html
    assert '<td class="sg-num">1.5</td>' in html


def test_md_facts_shows_register_figures_in_the_display_currency() -> None:
    from stargate import facts
    from stargate.publish import notebook_helpers as nb
    from stargate.scenario import load_scenario

    base = load_scenario("base")
    yen = base.model_copy(
        update={
            "display": base.display.model_copy(update={"currency": "JPY", "jpy_per_usd": 156.0})
        }
    )
    text = "{sg_total_commitment} over four years, {sg_initial_deploy} at once; {sg_stake_softbank}"
    facts.reset_used()
    # $500bn and $100bn (announcement); 40 % stake. In yen at 156: 78.0兆円 and 15.6兆円.
    assert nb.md_facts(text, base).text == r"\$500bn over four years, \$100bn at once; 40%"
    assert nb.md_facts(text, yen).text == "78.0兆円 over four years, 15.6兆円 at once; 40%"
    assert {"sg_total_commitment", "sg_initial_deploy", "sg_stake_softbank"} <= set(facts.used())
    with pytest.raises(facts.UnknownFactError):
        nb.md_facts("{no_such_fact}", base)


def test_fill_facts_with_worked_out_figures_and_kinds() -> None:
    from stargate.present.fact_text import fill_facts
    from stargate.scenario import load_scenario

    usd = load_scenario("base").display
    figures = {"gap_years": 2.0, "share_short": 0.888}
    text = "{gap_years:year} years late; {share_short:share} fewer; {sg_total_commitment:money}"
    assert fill_facts(text, usd, figures) == "2 years late; 89% fewer; $500bn"
    # A figure named in `figures` wins over the register; unknown names still fail.
    with pytest.raises(KeyError):
        fill_facts("{nothing_here:count}", usd, figures)


def test_headings_of_computed_narrative_are_in_the_contents() -> None:
    import nbformat

    from stargate.publish.notebook_helpers import md

    nb = nbformat.v4.new_notebook()
    out = nbformat.v4.new_output(
        "display_data", data={"text/html": md("## 2. The venture's cash\n\nText.").html()}
    )
    nb.cells = [
        nbformat.v4.new_markdown_cell("## 1. Static section"),
        nbformat.v4.new_code_cell("nb.md(...)", outputs=[out]),
    ]
    page = render_report_html(nb)
    toc = page[page.index('class="sg-toc"') : page.index("</nav>")]
    assert "1. Static section" in toc and "2. The venture&#x27;s cash" in toc
    assert '<h2 id="2-the-venture-s-cash">' in page
