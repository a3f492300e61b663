"""A scenario shown in yen shows no dollar amount on any page: reports, index, compare.

The real notebooks are built for one JPY scenario (base with ``display: {currency: JPY}``) by
``stargate build`` into a temporary folder, and the visible text of every page is scanned for a
``$`` before a digit. What a source wrote is quoted as written, so two places may keep a dollar
sign: the "what" and "source" columns of the sources table (a headline like "Trump launches
$500bn AI behemoth Stargate" is a title), and text a page marks as a quotation (``<q>``,
``<blockquote>`` or class ``sg-quote``).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
DOLLAR_AMOUNT = re.compile(r"(?<![A-Za-z])\$\s?[0-9]")
#: Columns that quote the register or a source as written (the sources table lists each fact
#: by its description, which quotes its source's own words and currency).
QUOTED_COLUMNS = ("what", "source", "facts it supports")


def visible_dollar_amounts(html: str) -> list[str]:
    """Each visible text run holding a dollar amount, outside quotations and source citations."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "q", "blockquote", "title"]):
        tag.decompose()
    for tag in soup.select(".sg-quote"):
        tag.decompose()
    for table in soup.find_all("table"):
        head_rows = table.select("thead tr")
        if not head_rows:
            continue
        header = [c.get_text(strip=True).lower() for c in head_rows[-1].find_all(["th", "td"])]
        skip = [i for i, name in enumerate(header) if name in QUOTED_COLUMNS]
        for row in table.select("tbody tr"):
            cells = row.find_all(["td", "th"], recursive=False)
            offset = len(cells) - len(header)  # an index column the header does not name
            for i in skip:
                if 0 <= i + offset < len(cells):
                    cells[i + offset].clear()
    text = soup.get_text("\n")
    return [line.strip() for line in text.splitlines() if DOLLAR_AMOUNT.search(line)]


def test_the_scanner_finds_a_dollar_amount_and_spares_quotes():
    page = (
        "<p>a GPU-hour must fetch at least $2.96</p><q>deploying $100 billion</q>"
        "<table><thead><tr><th>what</th><th>value</th></tr></thead>"
        "<tbody><tr><td>Title: $500bn behemoth</td><td>78兆円</td></tr></tbody></table>"
        "<script>var x = '$5';</script><p>US$ is not an amount; $ alone neither</p>"
    )
    assert visible_dollar_amounts(page) == ["a GPU-hour must fetch at least $2.96"]


@pytest.fixture(scope="module")
def jpy_site(jpy_reports: Path) -> Path:
    """The ``yen`` scenario's reports and index pages (``conftest.jpy_reports``)."""
    return jpy_reports


def test_no_page_of_a_jpy_scenario_shows_a_dollar_amount(jpy_site: Path):
    pages = sorted((jpy_site / "yen").glob("*.html"))
    assert len(pages) == len(list((ROOT / "notebooks").glob("*.ipynb")))
    found = {}
    for page in pages:
        hits = visible_dollar_amounts(page.read_text(encoding="utf-8"))
        if hits:
            found[page.name] = hits[:5]
    assert not found, f"dollar amounts on JPY pages: {found}"


def test_index_and_compare_show_the_jpy_scenario_in_yen(jpy_site: Path):
    for name in ("index.html", "compare.html"):
        html = (jpy_site / name).read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        assert "兆円" in soup.get_text() or "億円" in soup.get_text(), name
