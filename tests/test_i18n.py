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


def _glossary_lines(path: Path) -> list[tuple[str, str, list[str]]]:
    """``(English term, Japanese term, variants it replaces)`` for each line of the glossary."""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        line, _, variants = line.partition(" | not: ")
        english, _, japanese = line.partition(":")
        english, japanese = english.strip(), japanese.strip()
        assert english and japanese, f"glossary line is not 'term: 用語': {line!r}"
        lines.append((english, japanese, [v.strip() for v in variants.split(",") if v.strip()]))
    return lines


def read_glossary(path: Path = GLOSSARY) -> dict[str, str]:
    """English term -> Japanese term; a term given twice is an error (fixed once)."""
    terms: dict[str, str] = {}
    for english, japanese, _variants in _glossary_lines(path):
        assert english.lower() not in {t.lower() for t in terms}, f"{english} given twice"
        terms[english] = japanese
    return terms


def read_glossary_variants(path: Path = GLOSSARY) -> dict[str, str]:
    """Variant -> the glossary's Japanese term: words no translation may use for the term."""
    variants: dict[str, str] = {}
    for _english, japanese, words in _glossary_lines(path):
        for word in words:
            assert word not in japanese, f"{word}: a variant inside its own term {japanese}"
            variants[word] = japanese
    return variants


def variant_uses(texts: dict[str, str], variants: dict[str, str]) -> list[str]:
    """Each text (keyed by where it is) using a variant the glossary replaces with its term."""
    return [
        f"{where}: {word} must be {term}"
        for where, text in texts.items()
        for word, term in variants.items()
        if word in text
    ]


def catalog_texts(path: Path) -> dict[str, str]:
    """Each translation of a catalog, keyed by its msgid (plural forms joined)."""
    texts = {}
    for message in read_catalog(path):
        if message.id and message.string:
            string = message.string
            ids = message.id if isinstance(message.id, (list, tuple)) else (message.id,)
            texts[ids[0][:60]] = string if isinstance(string, str) else " ".join(string)
    return texts


def glossary_violations(path: Path, glossary: dict[str, str]) -> list[str]:
    """Catalog entries whose English uses a glossary term but whose translation lacks it."""
    found = []
    for message in read_catalog(path):
        if not message.id or not message.string:
            continue
        english_text = re.sub(r"\{[a-z0-9_]+\}|%\([a-z0-9_]+\)s", "", message.id)  # placeholders
        # Longest terms first; a term's words then do not count again for a shorter term inside
        # it ("reference class" is 参照クラス, and its "reference" is not 基準).
        for english in sorted(glossary, key=len, reverse=True):
            japanese = glossary[english]
            words = re.escape(english).replace(r"\-", "[- ]").replace(r"\ ", "[- ]")
            pattern = r"(?<![A-Za-z])" + words + r"s?(?![a-z])"
            flags = 0 if english.isupper() else re.IGNORECASE
            if not re.search(pattern, english_text, flags):
                continue
            english_text = re.sub(pattern, " ", english_text, flags=flags)
            if japanese not in message.string:
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
_USD_JA = re.compile(r"(-|−)?([\d,]+(?:\.\d+)?)(兆|億|万)?ドル")
_SCALE = {"兆": 1e12, "億": 1e8, "万": 1e4, None: 1.0, "tn": 1e12, "bn": 1e9, "m": 1e6}


def dollar_yen(text: str) -> list[str]:
    """Yen amounts written with a dollar sign (``$1.2兆円``): never allowed."""
    return re.findall(r"\$\s*[\d,.]+\s*(?:兆|億|万)?円", text)


def parse_amount(match: re.Match[str]) -> tuple[float, float]:
    """An amount and half the unit of its last shown digit (its rounding tolerance)."""
    japanese = match.re is _YEN or match.re is _USD_JA
    digits, unit = (match.group(2 if japanese else 1), match.group(3 if japanese else 2))
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


def test_no_translation_uses_a_variant_the_glossary_replaces() -> None:
    variants = read_glossary_variants()
    assert variants["フライフビヤウ"] == "フリウビヤウ" and variants["基準クラス"] == "参照クラス"
    assert variant_uses(catalog_texts(PO_JA), variants) == []
    import yaml

    for path in sorted((ROOT / "params").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        texts = {f"{path.name} {k}": str(data.get(k) or "") for k in ("title_ja", "description_ja")}
        assert variant_uses(texts, variants) == [], path.name


def test_variant_checker_fails_on_a_catalog_with_each_kind_of_variant() -> None:
    found = variant_uses(catalog_texts(FIXTURES / "glossary_variants.po"), read_glossary_variants())
    assert sorted(line.split(": ", 1)[1] for line in found) == [
        "フライフビヤウ must be フリウビヤウ",
        "メガプロジェクト must be 巨大事業",
        "リポート must be アナリストレポート",
        "登録簿 must be 事実台帳",
        "確保しているのは must be ソフトバンクが確保したのは100億ドルを大きく下回る",
        "証拠に基づく計画 must be 裏付けのある計画",
    ]


def test_a_shorter_term_inside_a_longer_one_is_not_checked_again(tmp_path: Path) -> None:
    po = tmp_path / "nested.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        'msgid "The reference class of IT projects"\nmsgstr "ITプロジェクトの参照クラス"\n\n'
        'msgid "The reference class and the reference case"\nmsgstr "参照クラスと参照事例"\n',
        encoding="utf-8",
    )
    assert glossary_violations(po, read_glossary()) == [
        "'The reference class and the reference case': reference must be 基準"
    ]


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
    assert i18n.format_value_ja(500e9, "USD", RATE) == "78.0兆円（5000億ドル）"
    assert i18n.format_value_ja(424.2e9, "USD", RATE) == "66.2兆円（4242億ドル）"
    assert i18n.format_value_ja(3.5e12, "USD", RATE) == "546.0兆円（3.5兆ドル）"
    assert i18n.format_value_ja(2.80, "USD/GPU-hour", RATE) == "437円/GPU時間（2.80ドル）"
    assert i18n.format_value_ja(1e9, "USD", RATE, usd=False) == "1,560億円"
    assert i18n.format_value_ja(0.0, "USD", RATE) == "0円"  # not 0円（0ドル）
    assert i18n.format_value_ja(0.091, "fraction", RATE) == "9.1%"
    assert i18n.format_value_ja(10.04, "×", RATE) == "10.0倍"
    assert i18n.format_value_ja(4162692, "GPU", RATE) == "416万2692基"
    assert i18n.format_value_ja(700_000, "GPU", RATE, ",.0f") == "70万基"


#: A Japanese letter (kana, kanji, full-width letters and digits): not punctuation.
_JA_LETTER = (
    "[\u3040-\u309f\u30a1-\u30fa\u30fc-\u30ff\u4e00-\u9fff\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]"
)
_NEEDLESS_BOLD_SPACE = re.compile(
    rf"(?<={_JA_LETTER}) \*\*(?=[A-Za-z0-9]|{_JA_LETTER})"  # は **計画 → は**計画
    rf"|(?<=[A-Za-z0-9]|{_JA_LETTER})\*\* (?={_JA_LETTER})"  # 計画** である → 計画**である
)


def needless_bold_spaces(text: str) -> list[str]:
    """Spaces beside ``**`` between Japanese words, where Markdown's bold needs none.

    A space stays where the bold's inner edge is punctuation or a placeholder (``**{npv}**``
    may end in ）, and ``**…）**で`` would not close).
    """
    return [text[max(m.start() - 3, 0) : m.end() + 3] for m in _NEEDLESS_BOLD_SPACE.finditer(text)]


def unclosed_bold(text: str) -> bool:
    """True when Markdown leaves a ``**`` of ``text`` as written (placeholders filled with 1)."""
    import mistune

    render = mistune.create_markdown(escape=True, plugins=["table", "strikethrough", "url"])
    return "**" in render(re.sub(r"\{[a-z0-9_.:|$]+\}", "1", text))


def test_japanese_bold_has_no_needless_spaces_and_always_closes() -> None:
    texts = {k: v for k, v in catalog_texts(PO_JA).items() if "**" in v}
    assert [k for k, v in texts.items() if needless_bold_spaces(v)] == []
    assert [k for k, v in texts.items() if unclosed_bold(v)] == []


def test_bold_checkers_fail_on_a_fixture() -> None:
    texts = list(catalog_texts(FIXTURES / "bold_spaces.po").values())
    assert [needless_bold_spaces(t) for t in texts] == [
        ["業体は **計画そ", "のもの** である"],
        ["27年** 以降に"],
        [],
        [],
    ]
    assert [unclosed_bold(t) for t in texts] == [False, False, True, False]


_ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def test_japanese_tables_date_their_sources_in_year_month_day() -> None:
    """A sources column dates each source 2025年1月22日 in Japanese, as written in English."""
    from stargate import facts
    from stargate.present.data_text import source_names

    fact = next(
        f
        for f in facts.all_facts().values()
        if f.kind == "evidence" and f.source and len(f.source.date or "") == 10
    )
    with i18n.language("ja"):
        shown = source_names([fact.id])
    assert i18n.format_date(fact.source.date, "ja") in shown and not _ISO_DATE.search(shown)
    assert fact.source.date in source_names([fact.id])  # English: as the register writes it
    assert _ISO_DATE.search("Investing.com, 2025-11-01") and not _ISO_DATE.search("2025年11月1日")


def test_year_ranges_in_japanese() -> None:
    assert i18n.year_span(2025, 2028, "ja") == "2025〜2028"
    assert i18n.year_span(2025, 2028, "en") == "2025–2028"
    assert i18n.year_span(2025, 2025, "ja") == "2025"
    from stargate.present.programme_report import _year_span

    with i18n.language("ja"):
        assert _year_span(2026, 2028) == "2026〜2028年" and _year_span(2026, 2026) == "2026年"


def test_japanese_dollars_counts_and_ratios_as_the_press_writes_them() -> None:
    """Dollars after the yen are ドル (never "$…bn"); counts in 万/億; multiples in 倍."""
    from stargate.present.formatting import format_number, format_ratio, japanese_units

    dollars = {7.9e9: "79億ドル", 0.35e9: "3.5億ドル", 1e12: "1兆ドル", 2.3e6: "230万ドル"}
    dollars |= {53_571: "5万3571ドル", 2.8: "2.80ドル", 0: "0ドル", -5e9: "-50億ドル"}
    for amount, shown in dollars.items():
        assert i18n.format_usd_ja(amount) == shown, amount
    assert japanese_units("160,000,000") == "1億6000万" and japanese_units("9,999") == "9,999"
    assert japanese_units("2,705,279") == "270万5279" and japanese_units("12.5") == "12.5"
    with i18n.language("ja"):
        assert format_number(700_000) == "70万" and format_ratio(1.0) == "1.0倍"
        money = i18n.money_text(424.2e9, None)
        assert money == "66.2兆円（4242億ドル）" and not dollar_in_parentheses(money)
    assert format_number(700_000) == "700,000" and format_ratio(1.0) == "1.0×"  # English


#: A dollar amount in the house's English style inside Japanese parentheses: （$424.2bn）.
_DOLLAR_IN_PARENTHESES = re.compile(r"（[^（）]*\$\s?\d[^（）]*）")


def dollar_in_parentheses(text: str) -> list[str]:
    """Each ``（$…）`` of a Japanese text: the Japanese edition writes ``（4242億ドル）``."""
    return _DOLLAR_IN_PARENTHESES.findall(text)


def test_dollar_in_parentheses_checker_fails_on_the_english_style() -> None:
    assert dollar_in_parentheses("設備投資66.2兆円（$424.2bn）と437円（$2.80）") == [
        "（$424.2bn）",
        "（$2.80）",
    ]
    assert dollar_in_parentheses("設備投資66.2兆円（4242億ドル）") == []


def test_filled_facts_show_japanese_dollars() -> None:
    """A fact placeholder in a Japanese sentence: yen, then （1000億ドル）, as the press writes."""
    from types import SimpleNamespace

    from stargate.present.fact_text import fill_facts

    display = SimpleNamespace(currency="JPY", jpy_per_usd=RATE)
    with i18n.language("ja"):
        shown = fill_facts("{x:money}と{n:count}基", display, {"x": 100e9, "n": 7e5})
    assert shown == "15.6兆円（1000億ドル）と70万基", shown


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
    from stargate.publish.site import collect, is_superseded

    english = visible((sites / "index.html").read_text(encoding="utf-8"))
    japanese = visible((sites / "ja" / "index.html").read_text(encoding="utf-8"))
    # the dollar figure in brackets is on its own line in the table (a block under the yen)
    compare_ja = visible((sites / "ja" / "compare.html").read_text(encoding="utf-8"))
    compare_ja = compare_ja.replace(" （", "（")
    (base,) = [e for e in collect(sites) if e.name == "base"]
    checked = 0
    names = [r["name"] for report in base.reports for r in report.headlines]
    for report in base.reports:
        for record in report.headlines:
            assert record["text"] in english, record["name"]
            shown = i18n.format_value_ja(record["value"], record["unit"], RATE, record["fmt"])
            assert shown in japanese, record["name"]
            # compare.html leaves out a figure another replaces (the average-GPU cost beside the
            # like-for-like one): it must not show there.
            assert (shown in compare_ja) != is_superseded(record["name"], names), record["name"]
            if not record["unit"].startswith("USD") or abs(record["value"]) < 0.005:
                continue
            # One value, two currencies: the yen figure is the USD figure × the rate.
            yen, yen_tolerance = parse_amount(_YEN.search(shown))
            usd, usd_tolerance = parse_amount(_USD_JA.search(shown))
            assert not dollar_in_parentheses(shown), shown
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
            assert dollar_in_parentheses(text) == [], name  # （5000億ドル）, not （$500bn）
    # Amounts in yen first, the source's dollars after: base's $500bn at 156 yen.
    assert "78兆円（5000億ドル）" in load_scenario("base").description_ja


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


def test_the_refresh_table_heads_the_replaced_generation_as_before_not_as_a_funder() -> None:
    """English "from" is two words in Japanese: the generation replaced (更新前), a funder."""
    from types import SimpleNamespace

    import pandas as pd

    from stargate.present.sustainability_tables import format_refresh_wave_table

    wave = pd.DataFrame(
        {
            "batch": ["2025"], "refresh_year": [2030], "old_generation": ["GB200"],
            "new_generation": ["VR200"], "old_gpu_count": [1000.0], "new_gpu_count": [900.0],
            "refresh_capex_usd": [1e9], "compute_before_pflops": [2.5e3],
            "compute_after_pflops": [9e3], "in_funding_horizon": [True],
        }
    )  # fmt: skip
    display = SimpleNamespace(currency="JPY", jpy_per_usd=RATE)
    with i18n.language("ja"):
        heads = list(format_refresh_wave_table(wave, display).columns)
        assert i18n.gettext("from") == "出し手"  # the capital stack's column keeps its word
    assert heads[2:4] == ["更新前", "更新後"], heads


def test_commitments_made_after_the_projection_are_one_sentence() -> None:
    """Two clouds' commitments came after OpenAI's projection: one sentence says so, dated each."""
    from types import SimpleNamespace

    from stargate.present.sustainability_report import _commitments_after

    rows = [
        SimpleNamespace(counterparty="AWS", first_date="2025-11-03"),
        SimpleNamespace(counterparty="Oracle", first_date="2025-09-10"),
    ]
    with i18n.language("ja"):
        text = _commitments_after(rows)
    assert text == (
        "OpenAIの契約はAWS（2025年11月3日）、オラクル（2025年9月10日）と、いずれも予測の後に結ばれた。"
    ), text
    assert _commitments_after(rows) == (
        "OpenAI's commitments to AWS (3 November 2025) and Oracle (10 September 2025) came after "
        "the projection."
    )


def test_a_sources_cell_dated_in_japanese_stays_marked_english() -> None:
    """``Raymond James (…), 2023年``: the publisher is English, its Japanese date no reason not."""
    import pandas as pd

    from stargate.publish.notebook_helpers import _marked

    frame = i18n.keep_english(
        pd.DataFrame(
            {"出典": ["Raymond James (reported by Tae Kim, Barron's), 2023年", "出典なし"]},
            index=["a", "b"],
        ),
        "出典",
    )
    html = _marked(frame)._repr_html_()
    assert html.count('lang="en"') == 1 and english_runs(html) == [], html
    with i18n.language("ja"):
        assert "2025年3月7日" in i18n.format_date("2025-03-07")
