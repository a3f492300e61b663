"""The facts register: every sourced figure the reports use, with its provenance.

The register lives in ``stargate/data/facts/*.yaml`` (one file per section of the research
register, plus the seed article's claims kept apart in ``00_article_claims.yaml``). Each row is
validated into a :class:`Fact` when first loaded; look-ups are recorded so that a report can list
exactly the facts it used (:func:`used`; the table itself is
:func:`stargate.present.sources.sources_table`).

Values are stored in base units (USD, not USD bn; fractions 0–1, not %), named by ``unit``.
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Iterable, Iterator
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

    @model_validator(mode="after")
    def _check(self) -> Source:
        if not _DATE.match(self.date):
            raise ValueError(f"source date must be YYYY[-MM[-DD]] (got {self.date!r})")
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
        return self

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
        """One-line citation: publisher (and the copy read), title, date."""
        s = self.source
        via = f" (read via {s.via})" if s.via else ""
        return f"{s.publisher}{via}, {s.shown_title()}, {s.date}"


class FactsError(Exception):
    """The register itself is malformed (a bug in the shipped data, not user input)."""


class UnknownFactError(KeyError):
    """A fact id that is not in the register."""


def _data_files() -> list[Any]:
    folder = resources.files("stargate") / "data" / "facts"
    return sorted((p for p in folder.iterdir() if p.name.endswith(".yaml")), key=lambda p: p.name)


def load_register(paths: Iterable[Any]) -> dict[str, Fact]:
    """Validate the YAML files ``paths`` into facts, by id.

    Raises :class:`FactsError` listing every problem. The shipped register and the test
    fixtures go through this same path.
    """
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


def record(fact_ids: Iterable[str]) -> None:
    """Mark ``fact_ids`` as used (e.g. the facts behind scenario defaults a report relies on)."""
    for fact_id in fact_ids:
        get(fact_id)


#: The kinds of row a sources summary counts, in the order a report shows them.
SUMMARY_KINDS: tuple[str, ...] = ("evidence", "derived", "assumption", "claim")


def sources_summary(fact_ids: Iterable[str] | None = None) -> dict[str, Any]:
    """Counts a report shows above its (collapsed) sources table.

    Counts ``fact_ids`` (default: :func:`used`); counting does not record them as used.

    Returns a dict: ``rows`` (all), ``by_kind`` ({kind: count} for evidence, derived,
    assumption, claim), and for the sourced rows (evidence and claims, which cite a source of
    their own): ``sourced``, ``citable`` (real title and a URL or print source),
    ``description_only`` (title not found), ``url_not_found``, ``print_source``,
    ``via_aggregator`` (copy read at an aggregator, capped at M), and ``verdicts``
    ({verdict: count} over claims that carry one).
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
        "verdicts": verdicts,
    }
