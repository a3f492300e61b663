"""Citable sources (issue 14, item 5): the register's source rules and the sources table.

The rules are written in the docstring of :mod:`stargate.facts`; a register file outside
:data:`stargate.facts.GAPS_ALLOWED_IN` (every new section) is held to them in full.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pandas as pd
import pytest
import yaml

from stargate import facts
from stargate.present import sources
from stargate.publish.table_html import sources_block

# A complete register: an outlet's report, a primary release, a print source, a derived row
# and a claim of the seed article (every figure invented for the test, none from the register).
GOOD = [
    {
        "id": "ev_news",
        "kind": "evidence",
        "value": 7.0e9,
        "unit": "USD",
        "as_of": "2025-01-23",
        "what": "A partner's stake",
        "source": {
            "publisher": "Example News",
            "title": "Partners commit money to a venture",
            "date": "2025-01-23",
            "url": "https://news.example.com/partners",
            "kind": "outlet",
        },
        "confidence": "M",
    },
    {
        "id": "ev_news_two",
        "kind": "evidence",
        "value": 19.0e9,
        "unit": "USD",
        "as_of": "2025-01-23",
        "what": "Another partner's stake",
        "source": {
            "publisher": "Example News",
            "title": "Partners commit money to a venture",
            "date": "2025-01-23",
            "url": "https://news.example.com/partners",
            "kind": "outlet",
        },
        "confidence": "M",
    },
    {
        "id": "ev_release",
        "kind": "evidence",
        "value": 500.0e9,
        "unit": "USD",
        "as_of": "2025-01-21",
        "what": "The plan's stated size",
        "source": {
            "publisher": "Example Corp",
            "title": "Announcing the example project",
            "date": "2025-01-21",
            "url": "https://corp.example.com/announce",
            "kind": "primary",
        },
        "confidence": "H",
    },
    {
        "id": "ev_book",
        "kind": "evidence",
        "value": 0.62,
        "unit": "fraction",
        "as_of": "2023",
        "what": "Mean overrun of a class of projects",
        "source": {
            "publisher": "Example Press",
            "title": "A Book of Base Rates",
            "date": "2023",
            "print_source": True,
            "locator": "Appendix table, p. 192 (ISBN 000-0-00-000000-0)",
            "kind": "primary",
        },
        "confidence": "H",
    },
    {
        "id": "sum_derived",
        "kind": "derived",
        "value": 26.0e9,
        "unit": "USD",
        "as_of": "2025-01",
        "what": "The two stakes together",
        "source": {
            "publisher": "derived (stargate facts register)",
            "title": "Worked out from the rows it names",
            "date": "2026-11",
            "kind": "register",
        },
        "derived_from": ["ev_news", "ev_news_two"],
        "confidence": "M",
        "note": "7 + 19 = 26",
    },
]


def _load(tmp_path: Path, rows: list[dict], name: str = "16_new_section.yaml") -> dict:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(rows, allow_unicode=True), encoding="utf-8")
    return facts.load_register([path])


def _with(change: dict, row_id: str = "ev_news") -> list[dict]:
    rows = copy.deepcopy(GOOD)
    for row in rows:
        if row["id"] == row_id:
            for key, value in change.items():
                if isinstance(value, dict):
                    row[key].update(value)
                else:
                    row[key] = value
    return rows


# --------------------------------------------------------------------------- the rules


def test_a_complete_new_file_loads(tmp_path):
    register = _load(tmp_path, GOOD)
    assert all(f.source.citable for f in register.values() if f.kind == "evidence")
    book = register["ev_book"]
    assert book.citation() == (
        "Example Press, \u201cA Book of Base Rates\u201d, 2023, "
        "Appendix table, p. 192 (ISBN 000-0-00-000000-0)"
    )
    assert facts.citation_gaps(register["sum_derived"]) == []


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"source": {"title": ""}}, "source.title"),
        ({"source": {"title": "   "}}, "source title is blank"),
        (
            {"source": {"title": "A report on stakes", "title_is_description": True}},
            "title is a description",
        ),
        ({"source": {"url": None, "url_not_found": True}}, "no URL found"),
        ({"source": {"url": None}}, "print_source (no URL exists) or url_not_found"),
        ({"source": {"url": None, "print_source": True}}, "gives a locator"),
        ({"source": {"date": "Jan 2025"}}, "YYYY[-MM[-DD]]"),
        ({"source": {"kind": "aggregator", "via": "copies.example"}, "confidence": "H"}, "above M"),
        ({"source": {"kind": "register"}}, "cites the register's own note"),
    ],
    ids=[
        "missing_title",
        "blank_title",
        "description_for_title",
        "url_not_found",
        "no_url_no_mark",
        "print_source_without_locator",
        "bad_date",
        "aggregator_rated_high",
        "evidence_cites_register",
    ],
)
def test_a_new_file_with_an_uncitable_source_fails(tmp_path, change, error):
    with pytest.raises(facts.FactsError, match="facts register is invalid") as err:
        _load(tmp_path, _with(change))
    assert error in str(err.value), str(err.value)


def test_a_derived_row_cites_the_register_not_a_url(tmp_path):
    rows = _with(
        {"source": {"kind": "outlet", "url": "https://news.example.com/partners"}}, "sum_derived"
    )
    with pytest.raises(facts.FactsError, match="cites the register"):
        _load(tmp_path, rows)


def test_legacy_files_may_keep_recorded_gaps_but_new_ones_may_not(tmp_path):
    rows = _with({"source": {"url": None, "url_not_found": True}})
    legacy = _load(tmp_path, rows, name="01_stargate.yaml")
    assert legacy["ev_news"].source.url_not_found
    with pytest.raises(facts.FactsError, match="no URL found"):
        _load(tmp_path, rows, name="16_capital_structure.yaml")


def _gaps_by_file() -> dict[str, int]:
    register = facts.all_facts()
    out = {}
    for path in facts._data_files():
        ids = [row["id"] for row in yaml.safe_load(path.read_text(encoding="utf-8")) or []]
        out[path.name] = sum(bool(facts.citation_gaps(register[i])) for i in ids)
    return out


def test_gaps_are_allowed_only_where_they_remain():
    gaps = _gaps_by_file()
    # Every file without gaps is held to the full rule: shrink GAPS_ALLOWED_IN as files are done.
    assert {name for name, n in gaps.items() if n} == set(facts.GAPS_ALLOWED_IN)
    for name in ("10_costs.yaml", "12_sustainability.yaml", "15_openai_commitments.yaml"):
        assert gaps[name] == 0 and name not in facts.GAPS_ALLOWED_IN


#: Evidence rows a reader can cite (real title, and a URL or a print source): 191 of 506 before
#: the sources pass of issue 14 item 5, 270 after it, 318 after the second pass, 354 of 504 after
#: the third (two register judgements became derived rows); the fourth pass adds 30 in files 03
#: and 05 and 36 in 01, 02, 06 and 07 (420). The fifth pass drops titles rebuilt from URL slugs:
#: where no stored page shows the headline the row is a gap again (27 rows), partly offset by
#: sources whose headline is visible (396). The sixth pass adds 20: OpenAI's funding rounds
#: (SoftBank's release, headlines seen on stored pages), NVIDIA's LOI, Abilene, an Intel row and
#: the GPU-rental rows read at a wiki whose address was found (416). The seventh pass adds 18 in
#: 01, 02 and 05: CNN's liquidity passage (copy's address found), ChatGPT users, the Vantage
#: campuses, Oracle's added RPO, AMD's $600 target, TSMC's second fab and OpenAI's 2022-2024
#: figures, each with a headline shown on a stored page; and 12 in 03, 04, 06, 07, 13 and 14:
#: stored pages showing the headline for GPU prices, TDPs and rack power, the VR200 rack
#: estimate, Rubin's FP4 figure and a blog's yen conversion (446). The eighth pass cites other
#: outlets reporting the same figure, headline shown on a stored page: Michigan's 8 GW / $450bn
#: (Benzinga), OpenAI's $13bn 2025 revenue (THE DECODER) and Flyvbjerg on modularity (Inside
#: Climate News) (450). A ratchet: raise it as sources are found.
MIN_CITABLE_EVIDENCE = 450

#: A title rebuilt from a page address: "Title from the URL slug", "headline as in its page
#: address". A note may say such a title is *not* used.
_SLUG_TITLE = re.compile(
    r"\bslug\b|(?:title|headline)s? (?:taken |rebuilt )?(?:from|as in) (?:the|its) "
    r"(?:url|page address|address)(?!\s+is not used)",
    re.IGNORECASE,
)


def _says_slug_title(text: str | None) -> bool:
    return bool(_SLUG_TITLE.search(text or ""))


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Title from the URL slug.", True),
        ("Title taken from the URL slug. Also Reuters.", True),
        ("EIN Presswire (copy of the release; the headline as in its page address)", True),
        ("No headline shown, and a title rebuilt from the page address is not used.", False),
        ("Headline as shown on the Livemint page.", False),
    ],
)
def test_the_slug_check_reads_the_usual_phrasings(text, flagged):
    assert _says_slug_title(text) is flagged


def test_no_title_is_rebuilt_from_a_url_slug():
    # A headline is transcribed from the page; one rebuilt from its address is a guess.
    bad = [
        f.id
        for f in facts.all_facts().values()
        if any(_says_slug_title(t) for t in (f.source.title, f.source.via, f.note))
    ]
    assert not bad, bad


def test_citable_evidence_only_grows():
    evidence = [f for f in facts.all_facts().values() if f.kind == "evidence"]
    assert sum(f.source.citable for f in evidence) >= MIN_CITABLE_EVIDENCE
    # Every print source tells a reader where to look.
    for f in evidence:
        if f.source.print_source:
            assert f.source.locator and f.source.locator in f.citation(), f.id


def test_no_aggregator_copy_is_above_medium_in_the_shipped_register():
    rows = [f for f in facts.all_facts().values() if f.source.kind == "aggregator"]
    assert rows
    assert {f.confidence for f in rows} <= {"M", "L-M", "L"}


# --------------------------------------------------------------------------- the table


def test_units_after_values():
    assert sources.unit_after_value("USD") == ""
    assert sources.unit_after_value("USD/GPU-hour") == "/GPU-hour"
    assert sources.unit_after_value("fraction") == ""
    assert sources.unit_after_value("MW") == " MW"


def test_format_fact_value_uses_the_house_formatter():
    assert sources.format_fact_value(1.4e9, "USD/year") == "$1.4bn"
    assert sources.format_fact_value(0.4, "fraction") == "40%"
    assert sources.format_fact_value(1200.0, "MW") == "1,200"


def _table_rows(register: dict) -> list[dict]:
    """The sources table's rows for a fixture register (as the notebook would show them)."""
    original = facts._register
    facts._register = lambda: register  # type: ignore[assignment]
    try:
        return sources.sources_table(list(register)).to_dict("records")
    finally:
        facts._register = original  # type: ignore[assignment]


def test_one_entry_per_source_with_the_facts_it_supports(tmp_path):
    rows = _table_rows(_load(tmp_path, GOOD))
    entries = sources.group_by_source(rows)
    assert [e["category"] for e in entries] == ["primary", "primary", "outlet", "derived"]
    news = entries[2]
    assert [r["id"] for r in news["facts"]] == ["ev_news", "ev_news_two"]
    assert news["url"] == "https://news.example.com/partners"
    assert news["source"] == (
        "Example News, \u201cPartners commit money to a venture\u201d, 2025-01-23"
    )
    derived = entries[3]
    assert derived["source"] == sources.DERIVED_MARK + "ev_news, ev_news_two"


def test_counts_by_kind_of_source(tmp_path):
    rows = _table_rows(_load(tmp_path, GOOD))
    got = sources.summarise_rows(rows)
    assert got["sources"]["primary"] == 2  # the release and the book
    assert got["sources"]["outlet"] == 1  # one report, two facts
    assert got["sources"]["derived"] == 1
    assert sources.source_counts_sentence(got) == (
        "3 sources: 2 company and official documents, 1 news or analyst report; "
        "1 figure derived from other rows."
    )


def test_register_counts_equal_the_table_counts():
    ids = ["sg_total_commitment", "sg_initial_deploy", "sg_roles", "sg_eq_total_derived"]
    ids += ["claim_hopper_gpus", "claim_texas"]
    expected = facts.sources_summary(ids)
    rows = sources.sources_table(ids).to_dict("records")
    assert sources.summarise_rows(rows)["sources"] == expected["sources"]
    # sg_total_commitment and sg_initial_deploy cite one copy; the two claims one article.
    assert expected["sources"]["aggregator"] == 1
    assert expected["sources"]["outlet"] == 1
    assert expected["sources"]["article"] == 1
    assert expected["sources"]["derived"] == 1


def test_the_page_block_is_collapsed_under_counts_and_links_each_title(tmp_path):
    table = sources.sources_table  # the notebook's output, as HTML
    register = _load(tmp_path, GOOD)
    original = facts._register
    facts._register = lambda: register  # type: ignore[assignment]
    try:
        with pd.option_context("display.max_colwidth", None):  # as charts.enable sets it
            html_table = table(list(register))._repr_html_()
    finally:
        facts._register = original  # type: ignore[assignment]
    block = sources_block(html_table)
    summary, details = block.split("</p>", 1)
    assert "3 sources: 2 company and official documents, 1 news or analyst report" in summary
    assert "<details" in details and "<details open" not in details
    assert "<summary>Show the sources table (4 rows)</summary>" in details
    assert '<a class="sg-source-link" href="https://news.example.com/partners">' in details
    # The report's two facts are listed under the one source, each with value and date.
    news = details.split("Partners commit money to a venture", 1)[1].split("</tr>", 1)[0]
    assert "A partner&#x27;s stake" in news or "A partner's stake" in news
    assert "$7.0bn" in news and "$19.0bn" in news and "(2025-01-23)" in news
    assert "USD" not in news  # the sign says it
    book = details.split("A Book of Base Rates", 1)[1].split("</tr>", 1)[0]
    assert "62%" in book and "fraction" not in book
    assert 'Derived from: <a href="#fact-ev_news">A partner' in details
    assert "ISBN 000-0-00-000000-0" in details and "(print source)" in details
    for raw in ("None", "nan", "True", "False"):
        assert f">{raw}<" not in block


def test_no_fact_id_is_visible_text_of_a_rendered_sources_table():
    """A reader sees what each fact is, its value and date; its id is only an HTML anchor."""
    from bs4 import BeautifulSoup

    ids = list(facts.all_facts())
    with pd.option_context("display.max_colwidth", None, "display.max_rows", None):
        block = sources_block(sources.sources_table(ids)._repr_html_())
    soup = BeautifulSoup(block, "html.parser")
    for hidden in soup(["script", "style"]):
        hidden.decompose()
    for link in soup.find_all("a"):  # URLs are addresses, not prose
        if link.get_text(strip=True) == link.get("href"):
            link.decompose()
    words = set(re.findall(r"[A-Za-z0-9_]+", soup.get_text(" ")))
    assert not words & set(ids), sorted(words & set(ids))[:10]
    anchors = {li.get("id") for li in soup.select("ul.sg-facts li")}
    assert {"fact-" + i for i in ids} <= anchors  # every fact keeps its id as an anchor
    # A derived row names its inputs by what they are, linked to their lines.
    assert soup.select('td a[href^="#fact-"]')


def test_register_texts_a_reader_sees_carry_no_identifiers():
    """``what`` (sources table) and ``chosen_why`` (the cost report's inputs table) are prose:
    no fact ids, no parameter keys, no snake_case, and no changelog asides."""
    found = []
    for f in facts.all_facts().values():
        for field in ("what", "chosen_why"):
            text = str(getattr(f, field) or "")
            if re.search(r"\b[a-z0-9]+_[a-z0-9_]+\b", text) or "earlier derivation" in text:
                found.append((f.id, field))
    assert not found, found
