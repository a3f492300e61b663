"""The Japanese report pages (issue 17, phase 2): one execution, a page per language.

The cost report is built once for the base scenario (``stargate build`` into a temporary
folder); both pages come from that one executed notebook. The checkers are plain functions,
each shown to fail on a fixture that breaks it.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup

from stargate import cli
from stargate.present import i18n
from stargate.publish import notebook_helpers as nb
from stargate.publish.page import render_report

ROOT = Path(__file__).resolve().parent.parent
RATE = 156.0


def headline_values(html: str) -> dict[str, str]:
    """Each headline figure of a report page: its name → the text shown."""
    soup = BeautifulSoup(html, "html.parser")
    return {
        li["data-name"]: li.select_one(".sg-headline-value").get_text("")
        for li in soup.select("li.sg-headline")
    }


def yen_with_dollar(text: str) -> list[str]:
    """A yen amount written with a dollar sign (``$1.2兆円``): never allowed."""
    return re.findall(r"\$\s*[\d,.]+\s*(?:兆|億|万)?円", text)


# --------------------------------------------------------------------------- the build


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("ja-reports") / "reports"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("STARGATE_STATIC_SVG", "1")  # the charts' static SVGs show their text
        code = cli.main(
            [
                "build",
                "--scenario", "base",
                "--notebook", "cost_structure",
                "--out", str(out),
                "--jobs", "1",
                "--no-site",
            ]
        )  # fmt: skip
    assert code == 0
    return out


def test_build_writes_the_japanese_twin_from_the_same_run(built: Path) -> None:
    english = built / "base" / "cost_structure.html"
    japanese = built / "ja" / "base" / "cost_structure.html"
    assert english.exists() and japanese.exists()
    en, ja = english.read_text(encoding="utf-8"), japanese.read_text(encoding="utf-8")
    assert '<html lang="ja">' in ja and '<html lang="en">' in en
    # The switches lead to each other; each page names its twin for the freshness check.
    assert 'href="../ja/base/cost_structure.html" hreflang="ja"' in en
    assert 'href="../../base/cost_structure.html" hreflang="en"' in ja
    stamp = re.search(r'<meta name="stargate-input-hash" content="([^"]+)"', en)
    assert stamp and stamp.group(0) in ja  # one input hash: one execution
    # A twin that goes missing makes the report stale (it is rebuilt).
    from stargate.build.freshness import twin_paths

    assert twin_paths(built, "base", "cost_structure", english) == [japanese]


def test_cost_report_markdown_is_fully_translated(built: Path) -> None:
    page = render_report(built / "base" / "cost_structure.ipynb", "ja")
    assert page.untranslated == []
    assert "設備投資" in page.html and "総保有コスト" in page.html
    assert "このレポートの一部はまだ日本語に翻訳されて" not in page.html


def test_untranslated_markdown_is_marked_and_announced() -> None:
    # Fixture: a report whose Markdown has a block no catalog holds.
    book = nbformat.v4.new_notebook()
    book.cells = [
        nbformat.v4.new_markdown_cell("## Sources\n\nA paragraph no translator has seen yet."),
    ]
    page = render_report(book, "ja")
    assert page.untranslated == ["A paragraph no translator has seen yet."]
    assert '<div lang="en"><p>A paragraph no translator has seen yet.</p>' in page.html
    assert "まだ日本語に翻訳されて" in page.html
    assert '<h2 id="出典">出典</h2>' in page.html  # the translated block is Japanese


def test_both_editions_show_the_same_headline_numbers(built: Path) -> None:
    from stargate.publish.headline import read_headlines

    book = built / "base" / "cost_structure.ipynb"
    english = headline_values((built / "base" / "cost_structure.html").read_text("utf-8"))
    japanese = headline_values((built / "ja" / "base" / "cost_structure.html").read_text("utf-8"))
    records = read_headlines(nbformat.read(book, as_version=4))
    assert set(english) == set(japanese) == {r["name"] for r in records} and len(records) >= 8
    money = 0
    for record in records:
        shown = japanese[record["name"]]
        assert shown == i18n.format_value_ja(record["value"], record["unit"], RATE, record["fmt"])
        assert english[record["name"]] == record["text"]
        if record["unit"].startswith("USD"):
            # A USD-sourced figure shows both: yen first, the English page's dollars after.
            assert "円" in shown and "$" in shown and english[record["name"]].split("/")[0] in shown
            money += 1
        assert yen_with_dollar(shown) == []
    assert money >= 3


def test_japanese_page_never_writes_yen_with_a_dollar_sign(built: Path) -> None:
    text = BeautifulSoup(
        (built / "ja" / "base" / "cost_structure.html").read_text("utf-8"), "html.parser"
    ).get_text(" ")
    assert yen_with_dollar(text) == []
    assert yen_with_dollar("設備投資は$89.1兆円") == ["$89.1兆円"]  # the checker finds one


def test_japanese_narrative_and_charts_are_japanese(built: Path) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from test_i18n import english_runs

    from stargate.present import cost_report
    from stargate.scenario import load_scenario

    html = (built / "ja" / "base" / "cost_structure.html").read_text("utf-8")
    soup = BeautifulSoup(html, "html.parser")
    svgs = soup.select("svg")
    assert len(svgs) == 9  # every chart of the report, drawn in Japanese
    assert english_runs("".join(str(svg) for svg in svgs)) == []
    assert "単位：名目円" in html and "GPU時間当たりコストを動かす要因" in html
    assert "Units: nominal" not in html
    # The cost report's own narrative. (programme_report's and the fact-check's paragraphs and
    # the tables are not wrapped yet: the next step of issue 17.)
    scenario = load_scenario("base")
    scenario = scenario.model_copy(update={"display": i18n.edition_display(scenario.display, "ja")})
    with nb.edition("ja"):
        for describe in (
            cost_report.describe_capex,
            cost_report.describe_power,
            cost_report.describe_tco,
            cost_report.describe_generations,
            cost_report.describe_sensitivity,
            cost_report.describe_takeaways,
        ):
            text = describe(scenario)
            assert english_runs(f"<p>{text}</p>") == [], describe.__name__
            assert yen_with_dollar(text) == [] and "円" in text, describe.__name__


def test_english_run_checker_fails_on_an_untranslated_paragraph() -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from test_i18n import english_runs

    text = "Building the scenario's fleet of GPUs costs 89.1兆円"
    assert english_runs(f"<p>{text}</p>") == [text[: text.index("兆")]]


# --------------------------------------------------------------------------- the mechanism


def test_show_makes_one_output_in_every_language() -> None:
    def sentence() -> nb.Narrative:
        return nb.Narrative(i18n.gettext("Contents"))

    bundle = nb.show(sentence)._repr_mimebundle_()
    assert "Contents" in bundle["text/html"]  # JupyterLab and nbval see English
    assert "目次" in bundle[i18n.I18N_MIMETYPE]["ja"]["text/html"]
    json.dumps(bundle)  # a valid notebook output


def test_page_shows_each_language_its_payload() -> None:
    book = nbformat.v4.new_notebook()
    out = nbformat.v4.new_output(
        "display_data",
        data={
            "text/html": '<div class="mathjax_ignore"><p>English text</p></div>',
            i18n.I18N_MIMETYPE: {"ja": {"text/html": "<p>日本語の本文</p>"}},
        },
    )
    book.cells = [nbformat.v4.new_code_cell("nb.md(...)", outputs=[out])]
    assert "日本語の本文" in render_report(book, "ja").html
    english = render_report(book, "en").html
    assert "English text" in english and "日本語の本文" not in english
    # An output without a Japanese payload falls back to English, marked and announced.
    del out["data"][i18n.I18N_MIMETYPE]
    fallback = render_report(book, "ja")
    assert fallback.untranslated == ["English text"]
    assert '<div lang="en">' in fallback.html


def test_notebook_extractor_yields_markdown_blocks() -> None:
    book = {
        "cells": [
            {"cell_type": "markdown", "metadata": {}, "source": ["## Title\n", "\n", "Para."]},
            {"cell_type": "markdown", "metadata": {"tags": ["remove-cell"]}, "source": "Hidden"},
            {"cell_type": "code", "metadata": {}, "source": "x = 1", "outputs": []},
            {
                "cell_type": "markdown",
                "metadata": {},
                "source": '<div class="x">\n\nText\n\n</div>',
            },
        ]
    }
    data = io.BytesIO(json.dumps(book).encode())
    found = [(n, m) for n, _f, m, _c in i18n.extract_notebook(data, [], [], {})]
    assert found == [(1, "## Title"), (1, "Para."), (4, "Text")]
