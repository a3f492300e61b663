"""The Japanese edition (issue 17, phase 1): catalogs, glossary, the Japanese site pages.

The checkers (untranslated msgids, glossary terms, runs of English words, yen amounts) are
plain functions, each proven to fail on a fixture under ``tests/fixtures/i18n/``.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from stargate.present import i18n
from stargate.present.formatting import format_jpy, format_usd

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "i18n"
PO_JA = ROOT / "stargate" / "locale" / "ja" / "LC_MESSAGES" / "stargate.po"
GLOSSARY = ROOT / "stargate" / "locale" / "glossary_ja.yaml"
COMMITTED = ROOT / "reports"
RATE = 156.0


# --------------------------------------------------------------------------- checkers


def read_catalog(path: Path):
    from babel.messages.pofile import read_po

    with path.open("rb") as fh:
        return read_po(fh)


def untranslated(path: Path) -> list[str]:
    """The msgids of a .po with no (or only a fuzzy) translation."""
    return [m.id for m in read_catalog(path) if m.id and (not m.string or m.fuzzy)]


def read_glossary(path: Path = GLOSSARY) -> dict[str, str]:
    """English term -> Japanese term; a term given twice is an error (fixed once)."""
    terms: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        english, _, japanese = line.partition(":")
        english, japanese = english.strip(), japanese.strip()
        assert english and japanese, f"glossary line is not 'term: 用語': {line!r}"
        assert english.lower() not in {t.lower() for t in terms}, f"{english} given twice"
        terms[english] = japanese
    return terms


def glossary_violations(path: Path, glossary: dict[str, str]) -> list[str]:
    """Catalog entries whose English uses a glossary term but whose translation lacks it."""
    found = []
    for message in read_catalog(path):
        if not message.id or not message.string:
            continue
        english_text = re.sub(r"\{[a-z0-9_]+\}|%\([a-z0-9_]+\)s", "", message.id)  # placeholders
        for english, japanese in glossary.items():
            pattern = r"(?<![A-Za-z])" + re.escape(english).replace(r"\-", "[- ]") + r"s?(?![a-z])"
            flags = 0 if english.isupper() else re.IGNORECASE
            if re.search(pattern, english_text, flags) and japanese not in message.string:
                found.append(f"{message.id!r}: {english} must be {japanese}")
    return found


_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")


def english_runs(html: str, min_words: int = 6) -> list[str]:
    """Runs of ``min_words`` or more English words in a page's visible text.

    Visible text: every text node outside ``<script>``, ``<style>`` and ``<title>``, static
    SVG text and every table's cells included, except a source's title (``<cite>``: it stays
    in its own language) and an element marked ``lang="en"`` (proper nouns, a scenario's own
    English text). A run is a stretch of text with no Japanese character in it; its words
    are Latin-letter tokens.
    """
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "title", "head", "cite"]):
        tag.decompose()
    for tag in soup.select('[lang="en"]'):
        tag.decompose()
    runs = []
    for text in soup.find_all(string=True):
        for stretch in re.split(r"[^\x00-\x7f]+", str(text)):
            words = _LATIN_WORD.findall(stretch)
            if len(words) >= min_words:
                runs.append(" ".join(stretch.split()))
    return runs


_YEN = re.compile(r"(-|−)?([\d,]+(?:\.\d+)?)(兆|億|万)?円")
_USD = re.compile(r"\$([\d,]+(?:\.\d+)?)(tn|bn|m)?")
_SCALE = {"兆": 1e12, "億": 1e8, "万": 1e4, None: 1.0, "tn": 1e12, "bn": 1e9, "m": 1e6}


def dollar_yen(text: str) -> list[str]:
    """Yen amounts written with a dollar sign (``$1.2兆円``): never allowed."""
    return re.findall(r"\$\s*[\d,.]+\s*(?:兆|億|万)?円", text)


def parse_amount(match: re.Match[str]) -> tuple[float, float]:
    """An amount and half the unit of its last shown digit (its rounding tolerance)."""
    digits, unit = (
        match.group(2 if match.re is _YEN else 1),
        match.group(3 if match.re is _YEN else 2),
    )
    number = float(digits.replace(",", ""))
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    return number * _SCALE[unit], 0.5 * 10**-decimals * _SCALE[unit]


# --------------------------------------------------------------------------- the pages


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both editions' site pages written from the committed reports (nothing re-executed)."""
    return write_japanese_site(tmp_path_factory.mktemp("ja") / "reports")


def write_japanese_site(root: Path) -> Path:
    """Copy the committed reports (notebooks and pages) to ``root`` and write the site there."""
    from stargate.publish.site import write_site

    for nb in sorted(COMMITTED.glob("*/*.ipynb")):
        if nb.parent.name.startswith(("_", ".")):
            continue
        for path in (nb, nb.with_suffix(".html")):
            if path.exists():
                (root / nb.parent.name).mkdir(parents=True, exist_ok=True)
                shutil.copy(path, root / nb.parent.name / path.name)
    write_site(root)
    return root


def visible(html: str) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style"]):
        tag.decompose()
    return soup.get_text(" ")


# --------------------------------------------------------------------------- catalogs


def test_every_msgid_has_a_japanese_translation() -> None:
    assert untranslated(PO_JA) == []


def test_untranslated_checker_fails_on_an_empty_msgstr() -> None:
    assert untranslated(FIXTURES / "empty_msgstr.po") == ["Cost per GPU-hour"]


def test_catalog_holds_every_msgid_the_code_and_templates_use() -> None:
    # `make translations` forgotten after adding text: the new msgid is not in the .po.
    from babel.messages.extract import extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    with (ROOT / "babel.cfg").open(encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    used = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, options_map
    ):
        used.add(message if isinstance(message, str) else message[0])
    known = {m.id if isinstance(m.id, str) else m.id[0] for m in read_catalog(PO_JA)}
    assert used, "nothing extracted: babel.cfg does not match the package"
    assert sorted(used - known) == []


def test_glossary_fixes_each_term_once_and_the_catalog_uses_it() -> None:
    glossary = read_glossary()
    for term in ("capex", "total cost of ownership", "cost of capital", "net present value"):
        assert term in glossary
    assert glossary["capex"] == "設備投資" and glossary["net present value"] == "正味現在価値"
    assert glossary_violations(PO_JA, glossary) == []


def test_glossary_checker_fails_on_another_word_for_a_term() -> None:
    found = glossary_violations(FIXTURES / "off_glossary.po", read_glossary())
    assert found == ["'Capex of the programme in 2025': capex must be 設備投資"]


def test_compiled_catalog_is_built_when_missing(tmp_path: Path) -> None:
    locale = tmp_path / "locale"
    shutil.copytree(PO_JA.parent.parent.parent, locale, ignore=shutil.ignore_patterns("*.mo"))
    po, mo = i18n.catalog_paths("ja", locale)
    assert po.exists() and not mo.exists()
    catalog = i18n.translations("ja", locale)
    assert mo.exists()  # compiled from the .po, beside it
    assert catalog.gettext("Contents") == "目次"
    assert mo.read_bytes() == i18n.compile_catalog(po)


# --------------------------------------------------------------------------- language


def test_language_is_a_context_with_english_fallback() -> None:
    assert i18n.current_language() == "en"
    assert i18n.gettext("Contents") == "Contents"
    with i18n.language("ja"):
        assert i18n.current_language() == "ja"
        assert i18n.gettext("Contents") == "目次"
        assert i18n.gettext("A sentence no catalog has") == "A sentence no catalog has"
        assert i18n.ngettext("report", "reports", 2) == "reports"  # untranslated: English
    assert i18n.gettext("Contents") == "Contents"
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        with i18n.language("fr"):
            pass


def test_japanese_dates_and_figures() -> None:
    assert i18n.format_date("2025-01-21", "ja") == "2025年1月21日"
    assert i18n.format_date("2026-11", "ja") == "2026年11月"
    assert i18n.format_date("2025-01-21", "en") == "21 January 2025"
    assert i18n.format_value_ja(500e9, "USD", RATE) == "78.0兆円（$500.0bn）"
    assert i18n.format_value_ja(2.80, "USD/GPU-hour", RATE) == "437円/GPU時間（$2.80）"
    assert i18n.format_value_ja(1e9, "USD", RATE, usd=False) == "1,560億円"
    assert i18n.format_value_ja(0.091, "fraction", RATE) == "9.1%"
    assert i18n.format_value_ja(10.04, "×", RATE) == "10.0倍"
    assert i18n.format_value_ja(4162692, "GPU", RATE) == "4,162,692基"


# --------------------------------------------------------------------------- the pages


def test_japanese_pages_are_japanese(sites: Path) -> None:
    for name in ("index.html", "compare.html"):
        page = (sites / "ja" / name).read_text(encoding="utf-8")
        assert page.startswith('<!DOCTYPE html>\n<html lang="ja">'), name
        assert '"Noto Sans CJK JP"' in page.split("</head>")[0]
        assert english_runs(page) == [], name
        assert english_table_cells(page) == [], name
        assert dollar_yen(visible(page)) == [], name
        text = visible(page)
        assert "1ドル＝156円" in text and "2025年1月" in text, name  # the rate and its date
        assert text.count("1ドル＝") == 1, name  # stated once


def test_english_run_checker_fails_on_a_fixture_page() -> None:
    page = (FIXTURES / "english_run.html").read_text(encoding="utf-8")
    assert english_runs(page) == ["Every scenario's headline figures side by side here"]


def test_english_run_checker_reads_table_cells_and_skips_cited_titles() -> None:
    # Fixture: a table cell left in English is found; a name marked lang="en" and a source's
    # title in <cite> are not. Unmarked, the title is a run of its own.
    page = (FIXTURES / "english_table_cell.html").read_text(encoding="utf-8")
    cell = "industrial revenue bonds approved by the county; a separate loan package reported"
    assert english_runs(page) == [cell]
    assert english_table_cells(page) == [cell]
    title = "NVIDIA B200 GPU Cloud Pricing 2026: True Costs & Architecture"
    assert english_runs(page.replace("<cite>", "<span>").replace("</cite>", "</span>")) == [
        cell,
        title,
    ]


#: Table columns whose cells quote sources (titles, publishers) as written: not checked.
SOURCE_COLUMNS = {"出典", "Source", "Sources", "source"}
#: A word of English in a table cell: a Latin-letter token with a lower-case letter (GPU, GW,
#: WSJ and other acronyms and units are written so in Japanese too).
_ENGLISH_WORD = re.compile(r"[A-Za-z]*[a-z][A-Za-z'’\-]*")


def english_table_cells(html: str, min_words: int = 3) -> list[str]:
    """Table cells of a page with a run of ``min_words`` English words (empty: none).

    Every table of the page except the sources table; cells marked ``lang="en"`` (proper
    names, keep_english columns, an untranslated output shown as English), cited titles and
    the columns quoting sources are not checked. A run is a stretch with no Japanese character.
    """
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup("cite"):
        tag.decompose()
    found = []
    for table in soup.select("table"):
        if "sg-sources-table" in (table.get("class") or []):
            continue
        heads = [th.get_text(" ", strip=True) for th in table.select("thead tr:last-child th")]
        for row in table.select("tbody tr"):
            for position, cell in enumerate(row.find_all(["td", "th"], recursive=False)):
                head = heads[position] if position < len(heads) else ""
                if head in SOURCE_COLUMNS or cell.find_parent(attrs={"lang": "en"}):
                    continue
                if cell.get("lang") == "en":
                    continue
                text = cell.get_text(" ", strip=True)
                for stretch in re.split(r"[^\x00-\x7f]+", text):
                    if len(_ENGLISH_WORD.findall(stretch)) >= min_words:
                        found.append(text)
                        break
    return found


def test_dollar_yen_checker_fails_on_a_fixture() -> None:
    assert dollar_yen("設備投資は$89.1兆円") == ["$89.1兆円"]


def test_language_switch_on_every_page(sites: Path) -> None:
    links = {
        "index.html": 'href="ja/index.html" hreflang="ja"',
        "compare.html": 'href="ja/compare.html" hreflang="ja"',
        "ja/index.html": 'href="../index.html" hreflang="en"',
        "ja/compare.html": 'href="../compare.html" hreflang="en"',
    }
    for name, link in links.items():
        page = (sites / name).read_text(encoding="utf-8")
        assert link in page and 'class="sg-lang-switch"' in page, name
    from stargate.publish.page import write_report_html

    report = write_report_html(sites / "base" / "cost_structure.ipynb")
    # A report's switch leads to its twin: reports/ja/<scenario>/<report>.html.
    assert 'href="../ja/base/cost_structure.html" hreflang="ja"' in report.read_text(
        encoding="utf-8"
    )


def test_both_editions_show_the_same_numbers(sites: Path) -> None:
    from stargate.publish.site import collect

    english = visible((sites / "index.html").read_text(encoding="utf-8"))
    japanese = visible((sites / "ja" / "index.html").read_text(encoding="utf-8"))
    compare_ja = visible((sites / "ja" / "compare.html").read_text(encoding="utf-8"))
    (base,) = [e for e in collect(sites) if e.name == "base"]
    checked = 0
    for report in base.reports:
        for record in report.headlines:
            assert record["text"] in english, record["name"]
            shown = i18n.format_value_ja(record["value"], record["unit"], RATE, record["fmt"])
            assert shown in japanese and shown in compare_ja, record["name"]
            if not record["unit"].startswith("USD") or abs(record["value"]) < 0.005:
                continue
            # One value, two currencies: the yen figure is the USD figure × the rate.
            yen, yen_tolerance = parse_amount(_YEN.search(shown))
            usd, usd_tolerance = parse_amount(_USD.search(shown))
            assert record["text"].startswith(format_usd(record["value"]))  # English: USD
            assert abs(usd - record["value"]) <= usd_tolerance, record["name"]
            assert abs(yen - record["value"] * RATE) <= yen_tolerance, record["name"]
            assert abs(yen - usd * RATE) <= yen_tolerance + usd_tolerance * RATE
            assert shown.startswith(format_jpy(record["value"] * RATE))  # yen first
            checked += 1
    assert checked >= 8


def test_japanese_front_page_bullets_are_whole_translated_sentences(sites: Path) -> None:
    page = (sites / "ja" / "index.html").read_text(encoding="utf-8")
    bullets = re.findall(r"<li>(.*?)</li>", page.split('class="sg-bullets"')[1].split("</ul>")[0])
    english = (sites / "index.html").read_text(encoding="utf-8")
    assert len(bullets) == english.split('class="sg-bullets"')[1].split("</ul>")[0].count("<li>")
    for bullet in bullets:
        assert re.search(r"[。]$", bullet) and "{" not in bullet, bullet
    assert any("正味現在価値" in b for b in bullets)


def test_a_japanese_output_that_falls_back_to_english_is_reported() -> None:
    """gettext's silent fallback is recorded: the page then lists the output as untranslated."""
    from stargate.present.i18n import MISSES_MIMETYPE, gettext, language, recording_misses
    from stargate.publish import notebook_helpers as nb

    with language("ja"), recording_misses() as misses:
        assert gettext("Total") == "合計"  # translated: not a miss
        assert gettext("A sentence no catalog holds, for this test.") == (
            "A sentence no catalog holds, for this test."
        )
    assert misses == ["A sentence no catalog holds, for this test."]

    def paragraph(words: str) -> nb.Narrative:
        return nb.Narrative(gettext(words))

    missing = nb.show(paragraph, "A sentence no catalog holds, for this test.")
    payload = missing._repr_mimebundle_()["application/vnd.stargate.i18n+json"]["ja"]
    assert payload[MISSES_MIMETYPE] == ["A sentence no catalog holds, for this test."]
    found = nb.show(paragraph, "Total")
    payload = found._repr_mimebundle_()["application/vnd.stargate.i18n+json"]["ja"]
    assert MISSES_MIMETYPE not in payload

    # The page lists the fallen-back output among its untranslated parts.
    from stargate.publish.page import _data_html, _markdown, _Page

    page = _Page(report_title="Test", lang="ja")
    html_ja = _data_html(missing._repr_mimebundle_(), _markdown(page), page)
    assert html_ja is not None
    assert page.untranslated == ["A sentence no catalog holds, for this test."]


def test_translations_keep_their_msgids_placeholders(tmp_path: Path) -> None:
    """Each translation names exactly its msgid's placeholders; a fixture dropping one fails."""
    from stargate.present.i18n import LOCALE_DIR, placeholder_problems

    assert placeholder_problems(LOCALE_DIR / "ja" / "LC_MESSAGES" / "stargate.po") == []
    bad = tmp_path / "bad.po"
    bad.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "{capex_usd} of capex, 100 % is all"\nmsgstr "設備投資は100%"\n\n'
        'msgid "Data as of %(date)s"\nmsgstr "データは%(date)s時点"\n',
        encoding="utf-8",
    )
    problems = placeholder_problems(bad)
    assert len(problems) == 1 and "capex_usd" in problems[0]


# ------------------------------------------------------------------------- the scenario's own text


def test_every_shipped_scenario_has_its_japanese_title_and_description() -> None:
    from stargate.scenario import list_scenarios, load_scenario

    for name in list_scenarios():
        scenario = load_scenario(name)
        for text in (scenario.title_ja, scenario.description_ja):
            assert text and re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", text), name
            assert english_runs(f"<p>{text}</p>", min_words=4) == [], name
            assert dollar_yen(text) == [], name
    # Amounts in yen first, the source's dollars after: base's $500bn at 156 yen.
    assert "78兆円（$500bn" in load_scenario("base").description_ja


def test_a_japanese_title_counts_only_beside_the_english_it_translates(tmp_path: Path) -> None:
    from stargate.scenario import from_parameters, load_scenario

    shutil.copy(ROOT / "params" / "base.yaml", tmp_path / "base.yaml")
    (tmp_path / "mine.yaml").write_text(
        'title: "My scenario"\ndescription: "Mine, in English only."\n', encoding="utf-8"
    )
    (tmp_path / "both.yaml").write_text(
        'title: "Both"\ntitle_ja: "両方"\ndescription: "In both."\n', encoding="utf-8"
    )
    mine = load_scenario(tmp_path / "mine.yaml")
    # base's Japanese title would name another scenario: a user's file without one has none.
    assert mine.title_ja is None and mine.description_ja is None
    both = load_scenario(tmp_path / "both.yaml")
    assert both.title_ja == "両方" and both.description_ja is None
    assert load_scenario(tmp_path / "base.yaml").title_ja == load_scenario("base").title_ja
    # The builder injects the merged parameters: they keep what the file gave, nothing more.
    assert from_parameters(mine.to_parameters(), tmp_path).title_ja is None
    assert from_parameters(both.to_parameters(), tmp_path).title_ja == "両方"
    # Set by hand over base (papermill -p title ...): base's Japanese title is dropped too.
    assert from_parameters({"title": "By hand"}, tmp_path).title_ja is None
    assert i18n.scenario_text("My scenario", None, "ja") == "My scenario"
    assert i18n.scenario_text("Both", "両方", "ja") == "両方"
    assert i18n.scenario_text("Both", "両方", "en") == "Both"


def test_japanese_site_pages_show_the_japanese_scenario_text() -> None:
    from bs4 import BeautifulSoup

    from stargate.publish.site import (
        ReportEntry,
        ScenarioEntry,
        render_compare_html,
        render_index_html,
    )

    def report(capex_usd: float) -> list[ReportEntry]:
        record = {"name": "capex_usd", "label": "Capex", "value": capex_usd, "unit": "USD",
                  "fmt": None, "text": format_usd(capex_usd)}  # fmt: skip
        return [ReportEntry("cost_structure", "Cost structure", None, [record])]

    base = ScenarioEntry(
        "base", "The base case: a title", "A description in English.", "2025-09",
        title_ja="基準：日本語の名称", description_ja="日本語の説明。", reports=report(5e11),
    )  # fmt: skip
    mine = ScenarioEntry(
        "mine", "My own scenario, in English", "Mine, written by a user.", reports=report(4e11)
    )
    for render in (render_index_html, lambda e, lang: render_compare_html(e, False, lang)):
        page = render([base, mine], "ja")
        soup = BeautifulSoup(page, "html.parser")
        marked = [t.get_text(" ", strip=True) for t in soup.select('[lang="en"]')]
        assert "基準：日本語の名称" in page and "The base case" not in page
        assert "My own scenario, in English" in marked  # the user's text, marked English
        assert not any("基準" in m or "日本語" in m for m in marked)
        assert "日本語の記述がないもの" in page  # the note says why some are English
        english = render([base, mine], "en")
        assert "The base case: a title" in english and "基準" not in english
        # Every scenario in Japanese: no note, nothing marked English.
        alone = render([base], "ja")
        assert "日本語の記述がないもの" not in alone
        assert "The base case" not in alone


# ------------------------------------------------------------------------- the register's texts


def test_fact_extractor_yields_the_registers_words_not_the_sources(tmp_path: Path) -> None:
    import io

    from stargate.present.i18n import extract_fact_texts

    text = (
        "- id: x_price\n  kind: evidence\n  unit: USD\n  what: Price of one thing\n"
        "  source:\n    publisher: Lyceum\n    title: 'NVIDIA B200 GPU Cloud Pricing 2026'\n"
        "    kind: outlet\n"
        "- id: x_status\n  kind: evidence\n  unit: text\n  value: Not definitive yet\n"
        "  what: Status of the letter\n  source:\n    publisher: Reuters\n"
        "    title: Reuters report on the letter\n    title_is_description: true\n"
        "- id: x_rate\n  kind: assumption\n  unit: fraction\n  what: A rate\n  source:\n"
        "    publisher: stargate (modelling assumption)\n    title: 'Assumption: a rate'\n"
        "    kind: register\n"
    )
    fileobj = io.BytesIO(text.encode("utf-8"))
    fileobj.name = "99_test.yaml"
    found = [(n, t) for n, _f, t, _c in extract_fact_texts(fileobj, [], [], {})]
    assert found == [
        (1, "Price of one thing"),
        (2, "Status of the letter"),
        (2, "Not definitive yet"),
        (2, "Reuters report on the letter"),
        (3, "A rate"),
        (3, "stargate (modelling assumption)"),
        (3, "Assumption: a rate"),
    ]  # real titles (Lyceum's) and outside publishers are not msgids


def test_citations_keep_titles_in_cite_and_translate_the_rest() -> None:
    from stargate import facts
    from stargate.publish.table_html import citation_html, cite_sources

    register = facts.all_facts()
    fact = register["sg_total_commitment"]  # OpenAI, read via ITWeb
    english = citation_html(fact.citation(), fact)
    assert english == (
        "OpenAI (read via ITWeb), \u201c<cite>Announcing The Stargate Project</cite>\u201d, "
        "2025-01-21"
    )
    with i18n.language("ja"):
        japanese = citation_html(fact.citation(), fact)
    assert japanese == (
        '<span lang="en">OpenAI</span>（<span lang="en">ITWeb</span>経由で閲覧）、'
        "\u201c<cite>Announcing The Stargate Project</cite>\u201d、2025年1月21日"
    )
    # A model table's source column: each register citation in it is written so.
    other = register["sg_wisconsin_only_midwest_site"]  # a description standing for a title
    cell = f"{fact.citation()}; {other.citation()}"
    table = f"<table><thead><tr><th>Source</th></tr></thead><tbody><tr><td>{cell}</td></tr>"
    with i18n.language("ja"):
        shown = cite_sources(table.replace("Source", i18n.gettext("Source")) + "</tbody></table>")
    assert shown.count("<cite>") == 1 and "経由で閲覧" in shown
    assert "ポートワシントンのデータセンター・キャンパス" in shown  # the description, translated
    assert "題名は見つからなかった" in shown


def test_a_lookup_of_a_name_or_of_japanese_text_is_a_miss() -> None:
    # gettext is for English msgids: a column's name or text already translated looked up
    # again is recorded (the chart helpers no longer send them), only wordless text is not.
    import pandas as pd

    from stargate.present import charts

    with i18n.language("ja"), i18n.recording_misses() as misses:
        i18n.gettext("capex_usd")
        i18n.gettext("容量（GW）")
        i18n.gettext(" · ")
    assert misses == ["capex_usd", "容量（GW）"]
    frame = pd.DataFrame({"year": [2025, 2026], "capex_usd": [1e9, 2e9]})
    CAPEX_TITLE = "Capex build-up: what building the fleet costs"  # noqa: N806 - a msgid
    with i18n.language("ja"), i18n.recording_misses() as misses:
        # A column named as code names it is no heading: refused, not shown as "year".
        with pytest.raises(ValueError, match="'year'"):
            charts.line(frame, "year", "capex_usd", title=CAPEX_TITLE, unit="USD")
        titled = charts.line(
            frame, "year", "capex_usd", title=CAPEX_TITLE, unit="USD", x_title="Year"
        )
    assert misses == []  # the title and "Year" are msgids
    assert titled.to_dict()["encoding"]["x"]["title"] == "年"
