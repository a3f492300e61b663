"""The facts register: every sourced figure the reports use, with its provenance.

The register lives in ``stargate/data/facts/*.yaml`` (one file per section of the research
register, plus the seed article's claims kept apart in ``00_article_claims.yaml``). Each row is
validated into a :class:`Fact` when first loaded; look-ups are recorded so that a report can list
exactly the facts it used (:func:`used`; the table itself is
:func:`stargate.present.sources.sources_table`).

Values are stored in base units (USD, not USD bn; fractions 0–1, not %), named by ``unit``.

How to write a source (the rules the loader enforces; new register files follow them in full)
---------------------------------------------------------------------------------------------
Every ``evidence`` row cites one source a reader can find and cite:

* ``publisher``: the original publisher (``Reuters``, ``OpenAI``, ``US Energy Information
  Administration``), never the copy ("via …", "as cited by …" go in ``via``).
* ``title``: the source's own headline or document title, as published, without quotes or
  brackets. Transcribe it from ``/work/shared/facts.md`` or from the page itself; never make one
  up. For a copy read at another site (``aggregator``) it is the original's headline where that
  is known, else the copy's own headline, and ``via`` says so. A comment or a table in a
  larger page takes the page's title (``via`` or ``note`` says which part). A legacy row
  whose headline could not be found carries a description and ``title_is_description: true``
  - only in the files listed in :data:`GAPS_ALLOWED_IN`.
* ``date``: the publication date, ``YYYY-MM-DD`` where known (``YYYY-MM`` or ``YYYY`` only when
  the source gives no day).
* ``url``: the address of the copy actually read (http or https). Without one the source is
  either ``print_source: true`` (no URL exists: a book, a printed report, a filing on paper) with
  a ``locator`` saying what a reader needs to find it (edition, page, table, ISBN or docket), or
  - in legacy files only - ``url_not_found: true``.
* ``kind``: what the copy read is. ``primary``: the issuer's own document (company release or
  filing, government data, the authors' own paper or book); ``outlet``: a news organisation's or
  analyst's own article; ``aggregator``: someone else's text read at another site (syndication,
  summaries, wikis and mirrors) - name that site in ``via``; the row's confidence is then at
  most ``M`` (lower a higher rating and say so in ``note``); ``register``: this project's own
  arithmetic or notes, used only by ``derived`` and ``assumption`` rows.

A ``derived`` row cites no URL: it names the rows it is worked out from in ``derived_from`` and
shows the arithmetic in ``note``; its source is the register (``kind: register``). Readers see
"derived from …" with those rows. A ``claim`` row is the seed article's statement, cited to the
article itself.
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Iterable, Iterator, Mapping
from importlib import resources
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

# The project's own files, read with PyYAML's safe loader; its C build (libyaml, in PyYAML's
# wheels) reads the register about 9x faster than the pure-Python one, which every report's
# kernel pays once. Same safe constructors, same results (tests/test_facts.py compares them);
# data tables use it too.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: Units a fact may carry. Amounts are nominal; rates are per year unless the unit says otherwise.
KNOWN_UNITS: frozenset[str] = frozenset(
    {
        "USD",
        "USD/year",
        "USD/GPU",
        "USD/rack",
        "USD/MW",
        "USD/GW",
        "USD/GPU-hour",
        "USD/PFLOP-hour",
        "USD/MWh",
        "USD/MMBtu",
        "JPY",
        "JPY/USD",
        "W",
        "kW",
        "MW",
        "GW",
        "GPU",
        "count",
        "jobs",
        "users",
        "years",
        "year",
        "fraction",
        "ratio",
        "PFLOPS",
        "text",
    }
)

Confidence = Literal["H", "M-H", "M", "L-M", "L"]
Kind = Literal["evidence", "derived", "claim", "assumption"]
#: What the copy actually read is (see :class:`Source`).
SourceKind = Literal["primary", "outlet", "aggregator", "register"]
#: A claim of the seed article against the evidence (see :class:`Fact`).
Verdict = Literal["consistent", "partly_supported", "inconsistent", "misattributed", "unsourced"]
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
#: Confidence levels an aggregator's copy may carry: never above M.
AGGREGATOR_MAX: frozenset[str] = frozenset({"M", "L-M", "L"})
#: Words that put a copy in the publisher's name; the copy belongs in ``via``.
_COPY_WORDS = re.compile(
    r"\bvia\b|\bcopy\b|\bcopies\b|as cited|cited by|cited in|quoted by|quoted on|"
    r"summari[sz]ed by|summary of|reproduc|mirror",
    re.IGNORECASE,
)
#: Placeholders that stand where a source should be.
_PLACEHOLDER = re.compile(r"title not recorded|facts\.md|not recorded", re.IGNORECASE)
#: Verdicts that rest on evidence rows (the rest: nothing citable was found).
_VERDICTS_WITH_EVIDENCE = frozenset(
    {"consistent", "partly_supported", "inconsistent", "misattributed"}
)


class Source(BaseModel):
    """Where a fact comes from: the original publisher, and the copy actually read if different.

    The rule for confidence (enforced by :class:`Fact`): ``kind`` says what the copy at ``url``
    is. ``primary`` is the issuer's own document (a company release, blog or filing, a
    government dataset, the authors' own paper or book); ``outlet`` is a news organisation's or
    an author's own article, including one reporting another outlet's scoop under its own name;
    ``aggregator`` is a copy, summary or republication of someone else's text (syndication
    sites, blogs summarising a report, wikis and their mirrors, "as cited by" pages): it names
    the site in ``via`` and its facts are never above M. ``register`` is this project's own
    research note or arithmetic. A publisher's name never carries the copy ("via …", "copy at
    …", "as cited by …"): that goes in ``via``.

    ``title`` is the source's real headline. Where none could be found it is a description,
    flagged ``title_is_description`` (shown to readers as a description, not a quoted title).
    ``url`` is the copy read; without one the source is either ``print_source`` (no URL exists)
    or ``url_not_found`` (a web page whose address was not recorded and could not be found).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    publisher: str = Field(min_length=1)
    title: str = Field(min_length=1)
    date: str = Field(description="Publication date, YYYY, YYYY-MM or YYYY-MM-DD")
    url: str | None = None
    kind: SourceKind = Field(description="What the copy read is: primary, outlet, aggregator")
    via: str | None = Field(default=None, description="The site whose copy was read")
    title_is_description: bool = False
    print_source: bool = False
    url_not_found: bool = False
    locator: str | None = Field(
        default=None,
        description="For a print source: what a reader needs to find it (edition, page, ISBN)",
    )

    @model_validator(mode="after")
    def _check(self) -> Source:
        if not _DATE.match(self.date):
            raise ValueError(f"source date must be YYYY[-MM[-DD]] (got {self.date!r})")
        for name in ("publisher", "title"):
            if not getattr(self, name).strip():
                raise ValueError(f"source {name} is blank: give the source's own {name}")
        for name in ("publisher", "title", "via"):
            text = getattr(self, name) or ""
            if _PLACEHOLDER.search(text) and self.kind != "register":
                raise ValueError(f"source {name} is a placeholder, not a source: {text!r}")
        if self.title.lstrip().startswith("["):
            raise ValueError(
                "a bracketed title is a description: write it without brackets and set "
                f"title_is_description: true (got {self.title!r})"
            )
        if self.kind != "register" and _COPY_WORDS.search(self.publisher):
            raise ValueError(
                f"publisher names a copy ({self.publisher!r}): put the copy read in `via` "
                "and set kind: aggregator"
            )
        if self.kind == "aggregator" and not self.via:
            raise ValueError("an aggregator's copy names the site read in `via`")
        if self.via and self.kind != "aggregator":
            raise ValueError("a source read `via` another site is kind: aggregator")
        if self.url:
            if not self.url.startswith(("https://", "http://")):
                raise ValueError(f"url must be http(s) (got {self.url!r})")
            if self.print_source or self.url_not_found:
                raise ValueError("a source with a url is neither print_source nor url_not_found")
        elif self.kind != "register" and self.print_source == self.url_not_found:
            raise ValueError(
                "a source without a url is print_source (no URL exists) or url_not_found "
                "(exactly one)"
            )
        if self.print_source and not (self.locator or "").strip():
            raise ValueError(
                "a print source gives a locator: what a reader needs to find it "
                "(edition, page or table, ISBN)"
            )
        return self

    @property
    def key(self) -> tuple[str, str, str, str]:
        """What makes two rows' sources the same source: publisher, title, date, address."""
        return (self.publisher, self.title, self.date, self.url or self.locator or "")

    @property
    def citable(self) -> bool:
        """A reader can cite it: a real title, and a URL or a print source."""
        return not self.title_is_description and (bool(self.url) or self.print_source)

    def shown_title(self) -> str:
        """The title in quotes, or a description marked as such."""
        if self.title_is_description:
            return f"{self.title} (description; title not found)"
        return f"\u201c{self.title}\u201d"


class Fact(BaseModel):
    """One row of the register.

    ``value`` is the point the model uses; ``low`` / ``high`` keep a range where sources give one,
    and ``chosen_why`` says why the point was chosen inside it. ``kind`` separates evidence from
    figures derived from other rows, from the seed article's own (unsourced) claims, and from
    modelling assumptions (a figure no source gives, such as a cost of capital: its ``note``
    says why this value, and the reports sweep it in their sensitivity analysis).

    A claim may carry the article's own wording (``quote``), a ``verdict`` against the evidence
    and the evidence rows that decide it (``evidence``, ids that must exist in the register).
    Confidence follows the source: a fact read at an aggregator is never above M.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    kind: Kind
    value: float | str
    low: float | None = None
    high: float | None = None
    unit: str
    as_of: str
    what: str = Field(min_length=1)
    source: Source
    confidence: Confidence
    note: str = ""
    chosen_why: str = ""
    derived_from: tuple[str, ...] = ()
    quote: str | None = None
    verdict: Verdict | None = None
    evidence: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _check(self) -> Fact:
        if self.unit not in KNOWN_UNITS:
            raise ValueError(f"unknown unit {self.unit!r}")
        if not _DATE.match(self.as_of):
            raise ValueError(f"as_of must be YYYY[-MM[-DD]] (got {self.as_of!r})")
        if isinstance(self.value, str) and self.unit != "text":
            raise ValueError("a text value needs unit 'text'")
        if (self.low is None) != (self.high is None):
            raise ValueError("low and high go together")
        if self.low is not None:
            if not isinstance(self.value, float):
                raise ValueError("a range needs a numeric value")
            if not self.low <= self.value <= self.high:
                raise ValueError(f"value {self.value} outside [{self.low}, {self.high}]")
            if not self.chosen_why:
                raise ValueError("a range needs chosen_why")
        if self.kind == "derived" and not self.derived_from:
            raise ValueError("a derived fact names the rows it is derived from (derived_from)")
        if self.kind in ("derived", "assumption") and self.source.kind != "register":
            raise ValueError(
                f"a {self.kind} row cites the register (source kind: register), not a URL; "
                "a derived row names its inputs in derived_from"
            )
        if self.source.kind == "aggregator" and self.confidence not in AGGREGATOR_MAX:
            raise ValueError(
                f"confidence {self.confidence} is above M for a copy read at an aggregator "
                f"({self.source.via}); only a primary source or a first-hand outlet can be higher"
            )
        if self.kind != "claim" and (self.quote or self.verdict or self.evidence):
            raise ValueError("quote, verdict and evidence belong to claims of the article")
        if self.verdict in _VERDICTS_WITH_EVIDENCE and not self.evidence:
            raise ValueError(f"verdict {self.verdict!r} names the evidence rows that decide it")
        judged_wrong = self.verdict in ("unsourced", "inconsistent", "misattributed")
        if judged_wrong and self.confidence != "L":
            raise ValueError(f"a claim judged {self.verdict} has confidence L")
        if self.evidence and self.verdict is None:
            raise ValueError("evidence names the rows behind a verdict: give the verdict")
        return self

    @property
    def is_range(self) -> bool:
        """True when sources give a range rather than one figure."""
        return self.low is not None

    def citation(self) -> str:
        """One-line citation: publisher (and the copy read), title, date (and a print locator)."""
        s = self.source
        via = f" (read via {s.via})" if s.via else ""
        where = f", {s.locator}" if s.print_source and s.locator else ""
        return f"{s.publisher}{via}, {s.shown_title()}, {s.date}{where}"


#: Register files whose rows may still carry the legacy gaps (a description for a title, a
#: copy whose address was not found, evidence cited to the register's own note). Every other
#: file - new sections such as ``16_capital_structure.yaml`` - is held to the full rule: each
#: evidence row has a real title and a URL or a print source. Shrink this set as files are
#: completed; tests/test_sources.py fails when a listed file has no gaps left.
GAPS_ALLOWED_IN: frozenset[str] = frozenset(
    {
        "01_stargate.yaml",
        "02_openai.yaml",
        "03_gpu_economics.yaml",
        "05_precedents.yaml",
        "06_exchange_rate.yaml",
        "13_article_checks.yaml",
        "14_programme.yaml",
    }
)


def citation_gaps(fact: Fact) -> list[str]:
    """What stops a reader citing ``fact``'s source (empty when nothing does).

    Derived rows and assumptions cite the register by design and have no gaps here. An
    evidence row or a claim has a gap when its title is only a description, when the address
    of the copy read was not found, or (evidence) when it cites the register's own note.
    """
    if fact.kind in ("derived", "assumption"):
        return []
    s = fact.source
    gaps = []
    if s.title_is_description:
        gaps.append("title is a description (no headline found)")
    if s.url_not_found:
        gaps.append("no URL found for the copy read")
    if fact.kind == "evidence" and s.kind == "register":
        gaps.append("cites the register's own note, not an outside source")
    return gaps


class FactsError(Exception):
    """The register itself is malformed (a bug in the shipped data, not user input)."""


class UnknownFactError(KeyError):
    """A fact id that is not in the register."""


def _data_files() -> list[Any]:
    folder = resources.files("stargate") / "data" / "facts"
    return sorted((p for p in folder.iterdir() if p.name.endswith(".yaml")), key=lambda p: p.name)


def load_register(
    paths: Iterable[Any], gaps_allowed_in: Iterable[str] = GAPS_ALLOWED_IN
) -> dict[str, Fact]:
    """Validate the YAML files ``paths`` into facts, by id.

    A file whose name is not in ``gaps_allowed_in`` must have no :func:`citation_gaps`: every
    evidence row and claim there has a real title and a URL or a print source.

    Raises :class:`FactsError` listing every problem. The shipped register and the test
    fixtures go through this same path.
    """
    allowed = frozenset(gaps_allowed_in)
    rows: dict[str, Fact] = {}
    problems: list[str] = []
    for path in paths:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER) or []
        if not isinstance(data, list):
            problems.append(f"{path.name}: expected a list of facts")
            continue
        for i, raw in enumerate(data):
            where = f"{path.name}[{i}] {raw.get('id', '?') if isinstance(raw, dict) else '?'}"
            try:
                fact = Fact.model_validate(raw)
            except ValidationError as exc:
                for err in exc.errors():
                    loc = ".".join(str(p) for p in err["loc"])
                    problems.append(f"{where}: {loc}: {err['msg']}")
                continue
            if path.name not in allowed:
                for gap in citation_gaps(fact):
                    problems.append(f"{where}: source: {gap}; a reader cannot cite it")
            if fact.id in rows:
                problems.append(f"{where}: duplicate id {fact.id!r}")
            rows[fact.id] = fact
    for fact in rows.values():
        for dep in fact.derived_from:
            if dep not in rows:
                problems.append(f"{fact.id}: derived_from names unknown fact {dep!r}")
        for dep in fact.evidence:
            if dep not in rows:
                problems.append(f"{fact.id}: evidence names unknown fact {dep!r}")
            elif rows[dep].kind == "claim":
                problems.append(f"{fact.id}: evidence {dep!r} is a claim, not evidence")
    if problems:
        raise FactsError("facts register is invalid:\n" + "\n".join(problems))
    return rows


@functools.cache
def _register() -> dict[str, Fact]:
    return load_register(_data_files())


_used: dict[str, None] = {}


def all_facts() -> dict[str, Fact]:
    """Every fact in the register, by id (not recorded as used)."""
    return dict(_register())


def get(fact_id: str) -> Fact:
    """Return the fact ``fact_id`` and record it as used by the current report."""
    try:
        fact = _register()[fact_id]
    except KeyError:
        raise UnknownFactError(f"unknown fact id {fact_id!r}") from None
    _used[fact_id] = None
    return fact


def value(fact_id: str) -> float:
    """Return the numeric point value of ``fact_id`` (recorded as used)."""
    fact = get(fact_id)
    if not isinstance(fact.value, float):
        raise TypeError(f"fact {fact_id!r} is text, not a number")
    return fact.value


def exists(fact_id: str) -> bool:
    """True when ``fact_id`` is in the register."""
    return fact_id in _register()


def used() -> list[str]:
    """Fact ids looked up since the process started (or since :func:`reset_used`), in order."""
    return list(_used)


def reset_used() -> None:
    """Forget which facts were used (a report calls this at its start)."""
    _used.clear()


@contextlib.contextmanager
def unrecorded() -> Iterator[None]:
    """Look facts up without recording them as used (e.g. to compare a value with a default)."""
    saved = dict(_used)
    try:
        yield
    finally:
        _used.clear()
        _used.update(saved)


def with_inputs(fact_ids: Iterable[str]) -> list[str]:
    """``fact_ids``, each followed by the rows it is derived from (recursively), no repeats.

    A reader who sees a derived figure in a sources table also sees what it was worked out from.
    """
    register = _register()
    found: dict[str, None] = {}

    def visit(fact_id: str) -> None:
        if fact_id in found:
            return
        found[fact_id] = None
        if fact_id in register:
            for dep in register[fact_id].derived_from:
                visit(dep)

    for fact_id in fact_ids:
        visit(fact_id)
    return list(found)


def date_key(date: str) -> str:
    """A register date padded to a sortable day: ``"2025"`` < ``"2025-09"`` < ``"2025-09-30"``."""
    return (str(date) + "-00-00")[:10]


def evidence_as_of(fact_ids: Iterable[str], register: Mapping[str, Fact] | None = None) -> str:
    """The newest date of the evidence behind ``fact_ids`` ("" if none): the data-as-of date.

    An evidence row or a claim of the seed article counts with the newer of its own date (the
    day its figure refers to) and its source's publication date, since a reader can hold the
    figure only from the day it was published; a derived row counts with the dates of the rows
    it is worked out from (recursively), not the day it was worked out; an assumption is the
    project's own and carries no date of evidence. Ids not in the register are skipped. Dates
    keep the register's precision. ``register`` defaults to the project's register.
    """
    register = _register() if register is None else register
    seen: set[str] = set()
    dates: list[str] = []

    def visit(fact_id: str) -> None:
        if fact_id in seen or fact_id not in register:
            return
        seen.add(fact_id)
        fact = register[fact_id]
        if fact.kind == "derived":
            for dep in fact.derived_from:
                visit(dep)
        elif fact.kind in ("evidence", "claim"):
            dates.extend(d for d in (str(fact.as_of or ""), str(fact.source.date or "")) if d)

    for fact_id in fact_ids:
        visit(fact_id)
    return max(dates, key=date_key) if dates else ""


def record(fact_ids: Iterable[str]) -> None:
    """Mark ``fact_ids`` as used (e.g. the facts behind scenario defaults a report relies on)."""
    for fact_id in fact_ids:
        get(fact_id)


#: The kinds of row a sources summary counts, in the order a report shows them.
SUMMARY_KINDS: tuple[str, ...] = ("evidence", "derived", "assumption", "claim")
#: Kinds of source a reader is shown, in order: the issuer's own documents, news and analysts'
#: own articles, copies read at another site, the register's own notes, the seed article, then
#: the rows worked out in the register and the modelling assumptions.
SOURCE_CATEGORIES: tuple[str, ...] = (
    "primary",
    "outlet",
    "aggregator",
    "register",
    "article",
    "derived",
    "assumption",
)


def source_category(fact: Fact) -> str:
    """The kind of source behind ``fact``, one of :data:`SOURCE_CATEGORIES`.

    A claim's source is the seed ``article``; ``derived`` and ``assumption`` rows are the
    register's own; an evidence row's is what its copy is (``source.kind``).
    """
    if fact.kind == "claim":
        return "article"
    if fact.kind in ("derived", "assumption"):
        return fact.kind
    return fact.source.kind


def source_counts(keyed: Iterable[tuple[str, Any]]) -> dict[str, int]:
    """Distinct sources by category, from ``(category, source key)`` pairs.

    A derived row or an assumption counts once per row (each is its own working); any other
    source counts once however many rows cite it.
    """
    seen: dict[str, set[Any]] = {c: set() for c in SOURCE_CATEGORIES}
    for category, key in keyed:
        seen.setdefault(category, set()).add(key)
    return {c: len(keys) for c, keys in seen.items()}


def sources_summary(fact_ids: Iterable[str] | None = None) -> dict[str, Any]:
    """Counts a report shows above its (collapsed) sources table.

    Counts ``fact_ids`` (default: :func:`used`); counting does not record them as used.

    Returns a dict: ``rows`` (all), ``by_kind`` ({kind: count} for evidence, derived,
    assumption, claim), and for the sourced rows (evidence and claims, which cite a source of
    their own): ``sourced``, ``citable`` (real title and a URL or print source),
    ``description_only`` (title not found), ``url_not_found``, ``print_source``,
    ``via_aggregator`` (copy read at an aggregator, capped at M), ``sources`` ({category:
    count of distinct sources}, :func:`source_counts`) and ``verdicts`` ({verdict: count} over
    claims that carry one).
    """
    ids = list(dict.fromkeys(fact_ids if fact_ids is not None else used()))
    register = _register()
    unknown = [i for i in ids if i not in register]
    if unknown:
        raise UnknownFactError(f"unknown fact id(s) {unknown!r}")
    rows = [register[i] for i in ids]
    sourced = [f for f in rows if f.kind in ("evidence", "claim")]
    verdicts: dict[str, int] = {}
    for f in rows:
        if f.verdict:
            verdicts[f.verdict] = verdicts.get(f.verdict, 0) + 1
    return {
        "rows": len(rows),
        "by_kind": {k: sum(f.kind == k for f in rows) for k in SUMMARY_KINDS},
        "sourced": len(sourced),
        "citable": sum(f.source.citable for f in sourced),
        "description_only": sum(f.source.title_is_description for f in sourced),
        "url_not_found": sum(f.source.url_not_found for f in sourced),
        "print_source": sum(f.source.print_source for f in sourced),
        "via_aggregator": sum(f.source.kind == "aggregator" for f in sourced),
        "sources": source_counts(
            (source_category(f), f.id if f.kind in ("derived", "assumption") else source_key(f))
            for f in rows
        ),
        "verdicts": verdicts,
    }


def source_key(fact: Fact) -> tuple[str, str]:
    """What identifies ``fact``'s source on a page: its citation and its address.

    Two rows citing the same copy (same publisher, title, date, URL) share it; the sources table
    (:mod:`stargate.present.sources`) shows them as one source supporting both facts.
    """
    return (fact.citation(), fact.source.url or "")
