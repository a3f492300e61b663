"""Translations: the current language, gettext over the project's catalogs, localized figures.

One concept: what language a page is written in, and the words and figures that follow from it.

- **The language is a context**, not a global: ``with i18n.language("ja"): ...`` renders
  Japanese inside the block, and every other caller (other threads, other builds) keeps its
  own (a :class:`contextvars.ContextVar`). English (``"en"``) is the default and the source
  language: msgids are the English text, so English pages need no catalog and never change
  because one does.
- **Catalogs** are standard gettext: ``stargate/locale/<lang>/LC_MESSAGES/stargate.po`` (the
  text a translator edits, committed), compiled to ``stargate.mo`` (built, not committed) and
  read with the standard library's :mod:`gettext`. ``make translations`` extracts the msgids
  with Babel (``babel.cfg``: the package's Python and the Jinja templates), updates the
  ``.po`` and compiles. A fresh clone has no ``.mo``: the first use compiles the ``.po`` with
  Babel (a dependency; ≈10 ms) and writes the ``.mo`` beside it, or keeps it in memory when
  the package folder cannot be written. A ``.mo`` older than its ``.po`` is compiled again.
  A missing translation falls back to the English msgid.
- **Figures** in Japanese follow the Japanese financial press: yen first with 兆円 / 億円 / 円
  (:func:`stargate.present.formatting.format_jpy`), the USD figure in parentheses where the
  source figure is in USD, as ドル (``（4242億ドル）``, :func:`format_usd_ja`); counts in 万 / 億
  groups (``70万基``); dates as 2025年1月21日; year ranges as 2025～2028年.

Placeholders in msgids are named (``{capex_usd}``, ``%(name)s`` in templates): a translation
is always a whole sentence, never fragments joined in English word order.
"""

from __future__ import annotations

import contextlib
import gettext as _gettext
import io
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path
from typing import Any

from stargate.present.formatting import (
    MISSING,
    RATIO_UNITS,
    format_jpy,
    format_number,
    format_ratio,
    format_share,
    is_missing,
    is_money_unit,
    japanese_units,
    usd_to_jpy,
)

#: The catalogs' folder: ``<lang>/LC_MESSAGES/<DOMAIN>.po``.
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "stargate"
#: The source language (msgids) first.
LANGUAGES = ("en", "ja")
SOURCE_LANGUAGE = "en"
#: What the language switch calls each language, in that language.
LANGUAGE_NAMES = {"en": "English", "ja": "日本語"}

_current: ContextVar[str] = ContextVar("stargate_language", default=SOURCE_LANGUAGE)


def current_language() -> str:
    """The language pages are being written in (``"en"`` unless inside :func:`language`)."""
    return _current.get()


@contextmanager
def language(code: str) -> Iterator[None]:
    """Write in ``code`` (one of :data:`LANGUAGES`) inside the block.

    Raises:
        ValueError: a language the project has no catalog for.
    """
    if code not in LANGUAGES:
        raise ValueError(f"unknown language {code!r} (known: {', '.join(LANGUAGES)})")
    token = _current.set(code)
    try:
        yield
    finally:
        _current.reset(token)


def catalog_paths(code: str, locale_dir: Path = LOCALE_DIR) -> tuple[Path, Path]:
    """The ``.po`` and ``.mo`` of language ``code``."""
    folder = Path(locale_dir) / code / "LC_MESSAGES"
    return folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"


def compile_catalog(po_path: Path) -> bytes:
    """The ``.mo`` bytes of a ``.po`` file (Babel's compiler; fuzzy entries left out)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with Path(po_path).open("rb") as fh:
        catalog = read_po(fh)
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


_PLACEHOLDER = re.compile(r"\{([a-z0-9_]+)(?:![rsa])?(?::[^{}]*)?\}|%\(([a-z0-9_]+)\)[sd]")


def placeholders(text: str) -> set[str]:
    """The named placeholders of a msgid or translation: ``{name}`` and ``%(name)s``."""
    return {a or b for a, b in _PLACEHOLDER.findall(text)}


def placeholder_problems(po_path: Path) -> list[str]:
    """Translations whose named placeholders differ from their msgid's (one line each).

    Babel's own compile check reads any ``%`` followed by a space and a letter (``100 % is``)
    as a printf placeholder and rejects the translation; the project's msgids use named
    placeholders only, so this is the check that matters.
    """
    from babel.messages.pofile import read_po

    with Path(po_path).open("rb") as fh:
        catalog = read_po(fh)
    problems = []
    for message in catalog:
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, (list, tuple)) else (message.id,)
        strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
        wanted = set().union(*(placeholders(i) for i in ids))
        for text in strings:
            if text and placeholders(text) != wanted:
                problems.append(
                    f"{po_path}: {ids[0][:60]!r}: placeholders {sorted(wanted)} "
                    f"translated as {sorted(placeholders(text))}"
                )
    return problems


def compile_all(locale_dir: Path = LOCALE_DIR) -> int:
    """Compile every language's catalog (``make translations``); 1 on a placeholder mismatch."""
    status = 0
    for code in LANGUAGES:
        po, mo = catalog_paths(code, locale_dir)
        if not po.exists():
            continue
        problems = placeholder_problems(po)
        for line in problems:
            print(line)
        status = status or int(bool(problems))
        _write_atomic(mo, compile_catalog(po))
        print(f"compiled {po} -> {mo}")
    return status


def _is_stale(po: Path, mo: Path) -> bool:
    try:
        return mo.stat().st_mtime < po.stat().st_mtime
    except OSError:
        return True


def _write_atomic(path: Path, data: bytes) -> None:
    # Build workers may compile at once: each writes its own temporary file, then renames.
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@lru_cache(maxsize=8)
def translations(code: str, locale_dir: Path = LOCALE_DIR) -> _gettext.NullTranslations:
    """The gettext translations of ``code`` (English: none, msgids as they are).

    Reads the compiled ``.mo`` with the standard library; compiles it first when it is missing
    or older than the ``.po`` (written beside it when possible). No catalog: English.
    """
    if code == SOURCE_LANGUAGE:
        return _gettext.NullTranslations()
    po, mo = catalog_paths(code, locale_dir)
    if po.exists() and _is_stale(po, mo):
        data = compile_catalog(po)
        try:
            _write_atomic(mo, data)
        except OSError:  # a read-only install: use it from memory
            return _gettext.GNUTranslations(io.BytesIO(data))
    try:
        with mo.open("rb") as fh:
            return _gettext.GNUTranslations(fh)
    except OSError:
        return _gettext.NullTranslations()


#: The msgids looked up without a translation while :func:`recording_misses` is active (None:
#: not recording). A Japanese output that fell back to English for one of its sentences is
#: then announced as untranslated on its page, not passed off as Japanese.
_misses: ContextVar[list[str] | None] = ContextVar("stargate_i18n_misses", default=None)


@contextmanager
def recording_misses() -> Iterator[list[str]]:
    """Collect, in the yielded list, every msgid looked up in the block that has no translation."""
    found: list[str] = []
    token = _misses.set(found)
    try:
        yield found
    finally:
        _misses.reset(token)


_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


@contextmanager
def not_recording() -> Iterator[None]:
    """Look up without recording misses, where the English fallback is intended.

    E.g. a colour keyed by every party's label, of which a page shows only some.
    """
    token = _misses.set(None)
    try:
        yield
    finally:
        _misses.reset(token)


def _note_miss(code: str, key: str, shown: str) -> None:
    """Record ``shown`` as untranslated when the catalog of ``code`` lacks ``key``.

    Only text with no word to translate (``" · "``, a figure) is never a miss. Anything else
    looked up is meant to be read: callers look up English msgids only, never a column's
    name or text already in the page's language (the chart helpers show those as they are).
    """
    found = _misses.get()
    if found is None or not _LATIN_WORD.search(shown):
        return  # no English word: nothing falls back
    if key not in getattr(translations(code), "_catalog", {}):
        found.append(shown)


def gettext(message: str) -> str:
    """``message`` (an English msgid) in the current language; English when untranslated."""
    code = current_language()
    if code == SOURCE_LANGUAGE or not message:  # "" is the catalog's header, never a text
        return message
    _note_miss(code, message, message)
    return translations(code).gettext(message)


def has_translation(message: str, code: str | None = None) -> bool:
    """True when the catalog of ``code`` (default: the current language) holds ``message``.

    A translation may equal its msgid (a formula, a name): it is still a translation.
    """
    code = code or current_language()
    if code == SOURCE_LANGUAGE:
        return True
    return message in getattr(translations(code), "_catalog", {})


def pgettext(context: str, message: str) -> str:
    """``message`` in the current language, translated in ``context`` (a column head, a unit).

    The same English word may need two Japanese ones: ``GPUs`` after a number is 基, as a
    column head GPU数.
    """
    code = current_language()
    if code == SOURCE_LANGUAGE:
        return message
    _note_miss(code, f"{context}\x04{message}", message)
    return translations(code).pgettext(context, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n`` in the current language."""
    code = current_language()
    if code == SOURCE_LANGUAGE:
        return singular if n == 1 else plural
    _note_miss(code, (singular, 0), singular)  # type: ignore[arg-type]
    return translations(code).ngettext(singular, plural, n)


_ = gettext


def join_sentences(*parts: str) -> str:
    """Sentences joined as the language joins them: a space in English, nothing in Japanese.

    Empty parts are skipped, so an optional sentence can be passed as ``""``.
    """
    return ("" if current_language() == "ja" else " ").join(p for p in parts if p)


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "mark, do not translate"
    """Mark ``message`` for extraction without translating it here (it is translated later)."""
    return message


# --------------------------------------------------------------------------- the scenario's text


def scenario_text(english: str, japanese: str | None, code: str | None = None) -> str:
    """A scenario's title or description in the page's language.

    The scenario file's Japanese text (``title_ja``, ``description_ja``) on a Japanese page
    when it has one; otherwise the English text, the user's own (pages mark it ``lang="en"``:
    :func:`is_scenario_text_english`).
    """
    code = code or current_language()
    return japanese if code == "ja" and japanese else english


def is_scenario_text_english(japanese: str | None, code: str | None = None) -> bool:
    """True when a page in ``code`` shows the English text of a scenario (no translation)."""
    code = code or current_language()
    return code != SOURCE_LANGUAGE and not (code == "ja" and japanese)


def scenario_title(scenario: Any) -> str:
    """``scenario.title`` in the current language (:func:`scenario_text`)."""
    return scenario_text(scenario.title, getattr(scenario, "title_ja", None))


def scenario_description(scenario: Any) -> str:
    """``scenario.description`` in the current language (:func:`scenario_text`)."""
    return scenario_text(scenario.description, getattr(scenario, "description_ja", None))


# --------------------------------------------------------------------------- figures

_MONTHS_EN = (
    "January February March April May June July August September October November December"
).split()

#: Units shown after a number in Japanese (others are kept as written: GW, MW…).
_UNITS_JA = {"GPU": "基", "GPUs": "基", "years": "年", "year": "年", "×": "倍"}


def format_date(date: str, code: str | None = None) -> str:
    """A register date for readers: ``"2025-01-21"`` → ``2025年1月21日`` / ``21 January 2025``.

    ``"2025-01"`` → ``2025年1月`` / ``January 2025``; ``"2025"`` → ``2025年`` / ``2025``;
    anything else unchanged.
    """
    code = code or current_language()
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", str(date).strip())
    if not match or not 1 <= int(match.group(2) or 1) <= 12:
        return str(date)
    year, month, day = match.groups()
    if code == "ja":
        text = f"{int(year)}年"
        text += f"{int(month)}月" if month else ""
        return text + (f"{int(day)}日" if day else "")
    if month is None:
        return year
    name = _MONTHS_EN[int(month) - 1]
    return f"{int(day)} {name} {year}" if day else f"{name} {year}"


def year_span(first: Any, last: Any, code: str | None = None) -> str:
    """Years ``first`` to ``last`` as a reader sees them: ``2025–2028``; Japanese ``2025〜2028``.

    One year when they are equal (``2025``). Japanese uses the catalog's wave dash (〜) and
    leaves 年 to the sentence (``{span}年`` → ``2025〜2028年``).
    """
    code = code or current_language()
    first, last = int(first), int(last)
    if first == last:
        return str(first)
    return f"{first}{'〜' if code == 'ja' else '–'}{last}"


def format_usd_ja(amount_usd: float) -> str:
    """A dollar amount as the Japanese press writes it, after the yen: ``4242億ドル``.

    兆ドル with one decimal (``3.5兆ドル``; ``.0`` dropped: ``1兆ドル``), 億ドル and 万ドル
    whole from 10 up and with one decimal below (``79億ドル``, ``3.5億ドル``, ``230万ドル``),
    smaller amounts as the English house format has them (``2.80ドル``, ``5万3571ドル``).
    Never a ``$``: the yen edition's dollars are ドル (the figure the source gave).
    """
    if is_missing(amount_usd):
        return MISSING
    amount = float(amount_usd)
    if abs(amount) < 0.005:
        return "0ドル"
    sign, a = ("-" if amount < 0 else ""), abs(amount)

    def scaled(units: float, decimals: int) -> str:
        text = f"{units:.{decimals}f}"
        return text[:-2] if text.endswith(".0") else text

    if a >= 1e12 or round(a / 1e8) >= 10_000:
        return f"{sign}{scaled(a / 1e12, 1)}兆ドル"
    if a >= 1e8 or round(a / 1e4) >= 10_000:
        units = a / 1e8
        return f"{sign}{scaled(units, 1 if round(units, 1) < 10 else 0)}億ドル"
    if a >= 1e6:
        return f"{sign}{round(a / 1e4)}万ドル"
    if a >= 1_000:
        return f"{sign}{japanese_units(str(round(a)))}ドル"
    return f"{sign}{a:.2f}ドル"


def format_value_ja(
    value: Any, unit: str, jpy_per_usd: float, fmt: str | None = None, *, usd: bool = True
) -> str:
    """A figure as the Japanese edition shows it: yen first, the USD figure in parentheses.

    Args:
        value: the figure in ``unit`` (money: nominal USD, as every model returns it).
        unit: ``"USD"``, ``"USD/GPU-hour"`` (→ ``円/GPU時間``), ``"fraction"``, ``"×"``…
        jpy_per_usd: the page's exchange rate.
        fmt: the record's Python format spec (non-money figures only; money always uses the
            house format, yen rounding).
        usd: add the USD figure in parentheses (money only).

    Returns:
        e.g. ``89.1兆円（5709億ドル）``, ``885円/GPU時間（5.67ドル）``, ``64%``, ``10.0倍``;
        counts in 万 / 億 groups (``416万2692基``, ``70万基``).
    """
    if is_missing(value):
        return MISSING
    number = float(value)
    if is_money_unit(unit):
        rest = unit[3:]
        per = localise_units(rest)  # /GPU時間, /PFLOP時間; /MWh as written
        yen = format_jpy(usd_to_jpy(number, jpy_per_usd)) + per
        # Nothing is 0円 alone: no "（0ドル）" beside it.
        return f"{yen}（{format_usd_ja(number)}）" if usd and abs(number) >= 0.005 else yen
    if unit in ("fraction", "share"):
        return format(number, fmt) if fmt else format_share(number)
    if unit in RATIO_UNITS:
        return format_ratio(number).replace("×", "倍")
    text = japanese_units(format(number, fmt) if fmt else format_number(number))
    if unit in ("", "count", "number", "%"):
        return text
    shown = _UNITS_JA.get(unit, unit)
    return f"{text}{shown}" if shown in _UNITS_JA.values() else f"{text} {shown}"


# --------------------------------------------------------------------------- one run, two languages

#: The mimetype of a notebook output's other-language payloads:
#: ``{"ja": {mimetype: data, ...}}``, beside the English ``text/html`` (or chart) the output
#: shows in JupyterLab. The report page of a language shows that language's payload.
I18N_MIMETYPE = "application/vnd.stargate.i18n+json"
#: In a language's payload: the msgids its output looked up and found untranslated (the
#: output fell back to English there); the page lists them as untranslated.
MISSES_MIMETYPE = "application/vnd.stargate.untranslated+json"
#: The languages a report is written in besides the source language.
OTHER_LANGUAGES = tuple(code for code in LANGUAGES if code != SOURCE_LANGUAGE)
#: The environment switch naming the languages a build writes (``STARGATE_LANGUAGES=en``:
#: English only, no Japanese twins; unset or empty: every language). Kernels inherit it, so
#: one switch turns off both the second text evaluation and the twin pages.
LANGUAGES_ENV = "STARGATE_LANGUAGES"


def build_languages() -> tuple[str, ...]:
    """The other languages this build writes (:data:`OTHER_LANGUAGES` unless the switch says).

    Raises:
        ValueError: the switch names a language the project has no catalog for.
    """
    setting = os.environ.get(LANGUAGES_ENV, "").strip()
    if not setting:
        return OTHER_LANGUAGES
    wanted = [code.strip() for code in setting.split(",") if code.strip()]
    unknown = [code for code in wanted if code not in LANGUAGES]
    if unknown:
        raise ValueError(f"{LANGUAGES_ENV}: unknown language {', '.join(unknown)}")
    return tuple(code for code in OTHER_LANGUAGES if code in wanted)


def edition_display(display: Any, code: str | None = None) -> Any:
    """The display settings a page in ``code`` shows amounts with.

    English: the scenario's own (USD or JPY). Japanese: yen at the scenario's rate, whatever
    the scenario's currency (the Japanese edition is in yen; text adds the USD figure where
    the source is in USD, :func:`money_text`).
    """
    code = code or current_language()
    if code == SOURCE_LANGUAGE:
        return display
    rate = float(getattr(display, "jpy_per_usd", None) or 156.0)
    if hasattr(display, "model_copy"):
        return display.model_copy(update={"currency": "JPY"})
    from types import SimpleNamespace

    return SimpleNamespace(currency="JPY", jpy_per_usd=rate)


def money_text(amount_usd: float, display: Any, unit_rest: str = "") -> str:
    """An amount in running text: the display currency; Japanese: yen, then USD in parentheses.

    Args:
        amount_usd: nominal USD (every model returns USD).
        display: the scenario's display settings.
        unit_rest: what follows the currency in the unit (``"/GPU-hour"``, ``"/MWh"``).

    Returns:
        English: ``$570.9bn``, ``$2.80/GPU-hour`` (or yen for a JPY scenario). Japanese:
        ``89.1兆円（5709億ドル）``, ``437円/GPU時間（2.80ドル）``.
    """
    from stargate.present.formatting import format_money

    if current_language() == SOURCE_LANGUAGE:
        return format_money(float(amount_usd), display) + unit_rest
    rate = float(getattr(display, "jpy_per_usd", None) or 156.0)
    return format_value_ja(amount_usd, "USD" + unit_rest, rate)


#: Units as the Japanese edition writes them, after a number or in a column head.
_UNIT_WORDS_JA = (
    ("/GPU-hour", "/GPU時間"),
    ("/PFLOP-hour", "/PFLOP時間"),
    (" per GPU-hour", "/GPU時間"),
    (" years", "年"),
    (" year", "年"),
    (" GPUs", "基"),
)


def localise_units(text: str) -> str:
    """Units inside a formatted figure in Japanese: ``437円/GPU-hour`` → ``437円/GPU時間``."""
    for english, japanese in _UNIT_WORDS_JA:
        text = text.replace(english, japanese)
    if text in ("years", "year"):
        return "年"
    return text


#: A table's ``DataFrame.attrs`` key naming the columns (``"__index__"``: the row labels) whose
#: cells stay as written on a page in another language: names of companies and places, fact
#: ids. The page marks those cells ``lang="en"``.
ENGLISH_CELLS_ATTR = "stargate_english_cells"


def keep_english(frame: Any, *columns: str, index: bool = False) -> Any:
    """Mark ``columns`` (and the row labels when ``index``) of ``frame`` as written in English.

    Proper nouns (Crusoe, Blue Owl, JPMorgan), places and identifiers are not translated; the
    Japanese page marks their cells ``lang="en"`` so a reader's tools (and the tests' check
    for untranslated runs of English) know what they are. Returns ``frame``.
    """
    frame.attrs[ENGLISH_CELLS_ATTR] = [*columns, *(["__index__"] if index else [])]
    return frame


# --------------------------------------------------------------------------- notebooks' Markdown

_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_ONLY_TAGS = re.compile(r"(?:\s*<[^>]+>\s*)+")


def markdown_blocks(source: str) -> list[tuple[str, bool]]:
    """A Markdown cell's blocks (separated by blank lines), each with whether it is text.

    A block is one msgid: a paragraph, a heading, a whole list — a unit a translator writes
    as a whole. A block of HTML tags only (``<div class="mathjax_ignore">``) is not text and
    is kept as it is. The page (:mod:`stargate.publish.page`) and the extractor
    (:func:`extract_notebook`) split the same way, so each block finds its translation.
    """
    blocks = [b.strip() for b in _BLANK_LINE.split(source.replace("\r\n", "\n"))]
    return [(b, not _ONLY_TAGS.fullmatch(b)) for b in blocks if b]


def extract_notebook(
    fileobj: Any, keywords: Any, comment_tags: Any, options: Any
) -> Iterator[tuple[int, str | None, str, list[str]]]:
    """Babel extractor for Jupyter notebooks: each Markdown cell's text blocks as msgids.

    Registered as the ``ipynb_markdown`` extraction method (``babel.extractors`` entry point in
    ``pyproject.toml``) and named by its import path in ``babel.cfg``, so ``make translations``
    extracts it without reinstalling. Cells tagged ``parameters``, ``injected-parameters``,
    ``setup`` or ``remove-cell`` are hidden on pages and are skipped. The line number is the
    cell's (1-based); the comment names the cell.
    """
    import json

    notebook = json.loads(fileobj.read().decode("utf-8"))
    hidden = {"parameters", "injected-parameters", "setup", "remove-cell"}
    for number, cell in enumerate(notebook.get("cells", []), start=1):
        if cell.get("cell_type") != "markdown":
            continue
        if hidden & set(cell.get("metadata", {}).get("tags", []) or []):
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else str(source)
        for block, is_text in markdown_blocks(source):
            if is_text:
                yield number, None, block, [f"Markdown cell {number}"]


# --------------------------------------------------------------------------- data tables' texts


def extract_table_texts(
    fileobj: Any, keywords: Any, comment_tags: Any, options: Any
) -> Iterator[tuple[int, str | None, str, list[str]]]:
    """Babel extractor for ``stargate/data/tables/<name>.yaml``: the texts readers see.

    The fields are declared once, in :data:`stargate.tables.TEXT_FIELDS`; a table with none
    yields nothing. Each text is one msgid as written (``{fact_id}`` placeholders unfilled:
    :func:`stargate.present.data_text.data_text` translates before it fills them). Registered
    in ``babel.cfg`` as ``table_texts``; the line number is the row's, the comment names
    table, row and field.
    """
    from stargate import tables

    name = Path(getattr(fileobj, "name", "") or "").stem
    if name not in tables.TEXT_FIELDS:
        return
    for number, field, text in tables.reader_texts(name):
        yield number, None, text, [f"{name}.yaml row {number}: {field}"]


# --------------------------------------------------------------------------- the register's texts


def fact_texts(rows: Any) -> Iterator[tuple[int, str, str]]:
    """The texts of a register file's facts that readers see, as ``(row, field, text)``.

    What each fact is (``what``: the sources table lists it), a value that is a statement
    (``unit: text``), and the register's own words
    standing where a source's would: a description flagged ``title_is_description``, and the
    publisher and title of the project's own notes (``source.kind: register``, assumptions).
    Real titles and publishers' names are not: they stay as their sources write them.
    """
    for number, row in enumerate(rows or [], start=1):
        if not isinstance(row, dict):
            continue
        if isinstance(row.get("what"), str) and row["what"].strip():
            yield number, "what", row["what"]
        if row.get("unit") == "text" and isinstance(row.get("value"), str):
            yield number, "value", row["value"]  # a fact whose value is a statement
        source = row.get("source") if isinstance(row.get("source"), dict) else {}
        own = source.get("kind") == "register"
        if own and isinstance(source.get("publisher"), str):
            yield number, "source.publisher", source["publisher"]
        if (own or source.get("title_is_description")) and isinstance(source.get("title"), str):
            yield number, "source.title", source["title"]


def extract_fact_texts(
    fileobj: Any, keywords: Any, comment_tags: Any, options: Any
) -> Iterator[tuple[int, str | None, str, list[str]]]:
    """Babel extractor for ``stargate/data/facts/<file>.yaml``: :func:`fact_texts` as msgids.

    Registered in ``babel.cfg`` as ``fact_texts``; the line number is the fact's row, the
    comment names file, row and field. The sources table translates them at page time
    (:func:`stargate.publish.table_html.register_text`).
    """
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    name = Path(getattr(fileobj, "name", "") or "").name
    rows = yaml.load(fileobj.read().decode("utf-8"), Loader=loader)
    for number, field, text in fact_texts(rows):
        yield number, None, text, [f"{name} row {number}: {field}"]
