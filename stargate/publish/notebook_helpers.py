"""What a report notebook calls around its narrative: start, headline figures, sources.

A report notebook reads as Load / Process / Show / Sources::

    scenario = nb.start("Cost structure", globals())   # setup cell, after the parameters cell
    nb.md(cost_report.describe_capex, scenario)          # narrative, in every language
    nb.show(cost_report.capex_chart, scenario)           # a chart or table, in every language
    nb.headline("cost_per_gpu_hour_usd", value, "USD/GPU-hour", "Cost per GPU-hour")
    nb.sources(scenario, groups=["fleet", "facility", "finance"])   # last cell
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from stargate import facts
from stargate.present.sources import sources_table
from stargate.scenario import META_KEYS, Scenario, from_parameters

#: Names a notebook's parameters cell declares (papermill injects a scenario file over them).
PARAMETER_NAMES: tuple[str, ...] = (
    *META_KEYS,
    *(n for n in Scenario.model_fields if n not in META_KEYS),
)


def start(report_title: str, namespace: Mapping[str, Any]) -> Scenario:
    """Validate the notebook's parameters and prepare the report.

    Args:
        report_title: the report's title, shown in the page header (e.g. ``"Cost structure"``).
        namespace: the notebook's ``globals()``; the parameters cell defined the scenario keys.

    Returns:
        The validated scenario (parameters merged onto ``params/base.yaml``).

    Raises:
        stargate.scenario.ScenarioError: a parameter is invalid (one line per problem).
    """
    from stargate.present import charts
    from stargate.publish.headline import publish_meta

    scenario = from_parameters(notebook_parameters(namespace))
    facts.reset_used()
    charts.enable(
        display=scenario.display,
        scenario_title=scenario.title,
        scenario_title_ja=scenario.title_ja,
    )
    publish_meta(
        report_title=report_title,
        scenario_name=scenario.name,
        scenario_title=scenario.title,
        scenario_description=scenario.description,
        data_as_of=data_as_of(),
        scenario_title_ja=scenario.title_ja,
        scenario_description_ja=scenario.description_ja,
    )
    return scenario


#: Names IPython puts in a notebook's namespace (never parameters).
_IPYTHON_NAMES = frozenset({"In", "Out", "get_ipython", "exit", "quit", "open"})


def notebook_parameters(namespace: Mapping[str, Any]) -> dict[str, Any]:
    """The scenario parameters in a notebook's namespace, as a scenario file's mapping.

    Groups and ``name``/``title``/``description`` come as the parameters cell declares them;
    a single key comes under its own name (``utilization_rate = 0.75``, from ``papermill -p``)
    or its path with ``__`` (``fleet__specs__GB200__chip_power_w``), and is set inside its
    group. Any other name papermill injected is an error, not silently ignored.

    Raises:
        stargate.scenario.ScenarioError: a name that is no parameter (one line, with a guess).
    """
    import difflib
    import types

    from stargate.present.parameter_reference import notebook_parameter_names
    from stargate.scenario import ScenarioError

    keys = notebook_parameter_names()
    out: dict[str, Any] = {n: namespace[n] for n in PARAMETER_NAMES if n in namespace}
    problems = []
    for name, value in namespace.items():
        if name in PARAMETER_NAMES or name.startswith("_") or name in _IPYTHON_NAMES:
            continue
        if isinstance(value, types.ModuleType) or callable(value):
            continue  # the setup cell's imports
        if name in keys:
            if value is None:
                continue  # declared in the parameters cell, not set
            *groups, leaf = keys[name].split(".")
            node = out.setdefault(groups[0], {})
            node = dict(node) if isinstance(node, dict) else {}
            out[groups[0]] = node
            for part in groups[1:]:
                node = node.setdefault(part, {})
            node[leaf] = value
            continue
        guess = difflib.get_close_matches(name, [*keys, *PARAMETER_NAMES], n=1)
        hint = f" (did you mean {guess[0]!r}?)" if guess else ""
        problems.append(f"notebook parameters: {name}: unknown parameter{hint}")
    if problems:
        raise ScenarioError(problems)
    return out


def data_as_of() -> str:
    """The date of the newest evidence in the register (YYYY-MM-DD, YYYY-MM or YYYY).

    Assumptions are the project's own and carry no date of evidence; a derived row counts with
    the dates of its inputs (:func:`stargate.facts.evidence_as_of`). A date is compared at its
    own precision padded with zeros, so a fact dated "2025-09-30" is newer than one dated
    "2025-09" and "2025" is older than any day of 2025.
    """
    return facts.evidence_as_of(facts.all_facts())


#: MathJax 3 (JupyterLab) and MathJax 2 (classic notebook) skip elements with these classes.
MATHJAX_IGNORE_CLASSES = "mathjax_ignore tex2jax_ignore"


class Narrative:
    r"""Markdown text a notebook shows as an output: HTML that MathJax leaves alone.

    JupyterLab typesets text between two dollar signs as LaTeX, even escaped ones once the
    Markdown is rendered ("\$19.2bn for …, \$15.8bn" came out as math). So the output is the
    Markdown already rendered to HTML inside ``<div class="mathjax_ignore tex2jax_ignore">``;
    raw HTML in the text is escaped, since it may carry scenario-supplied titles.
    """

    def __init__(self, text: str) -> None:
        self.text = escape_dollars(text)

    def html(self) -> str:
        """The rendered HTML, wrapped so MathJax skips it."""
        return f'<div class="{MATHJAX_IGNORE_CLASSES}">\n{_markdown_to_html(self.text)}</div>\n'

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        return {"text/html": self.html(), "text/plain": self.text}

    def __repr__(self) -> str:
        return self.text


def _markdown_to_html(text: str) -> str:
    import mistune

    render = mistune.create_markdown(escape=True, plugins=["table", "strikethrough", "url"])
    return str(render(text))


def md(text: str | Callable[..., str], *args: Any, **kwargs: Any) -> Any:
    """Show Markdown narrative computed by the notebook (see :class:`Narrative`).

    Dollar signs are backslash-escaped first, so ``$2.80`` stays a literal dollar wherever the
    text is read as Markdown.

    ``text`` may be a function and its arguments (``nb.md(cost_report.describe_capex,
    scenario)``): it is then called once per language of the reports (:func:`show`), so the
    Japanese page gets the paragraph written in Japanese from the same kernel run.
    """
    if callable(text):
        fn = text

        def narrative(*a: Any, **k: Any) -> Narrative:
            return Narrative(fn(*a, **k))

        narrative.__qualname__ = getattr(fn, "__qualname__", "narrative")
        return show(narrative, *args, **kwargs)
    return Narrative(text)


def md_facts(text: str, scenario: Scenario) -> Any:
    """Narrative whose figures are facts of the register, shown in the scenario's currency.

    ``{fact_id}`` placeholders are filled by :func:`stargate.present.fact_text.fill_facts`
    (``$500bn`` or ``78.0兆円``, ``40%``) and each fact is recorded as used, so it appears in
    the report's sources table. Use it for every amount in narrative text: a static Markdown
    cell cannot follow a scenario shown in yen. In Japanese, ``text`` (an English msgid) is
    translated through the catalog first.
    """
    from stargate.present.fact_text import fill_facts
    from stargate.present.i18n import gettext

    return show(lambda s: Narrative(fill_facts(gettext(text), s.display)), scenario)


# --------------------------------------------------------------------------- one run, two languages


class Bilingual:
    """An output shown in every language of the reports, from one kernel run.

    Its mimebundle is the English output's (``text/html``, a chart's Vega spec…: what
    JupyterLab and nbval see) plus :data:`stargate.present.i18n.I18N_MIMETYPE`:
    ``{"ja": {mimetype: data}}``, the same output made in Japanese. The report page of a
    language shows that language's payload (:mod:`stargate.publish.page`).
    """

    def __init__(self, english: Any, others: Mapping[str, dict[str, Any]]) -> None:
        self.english = english
        self.others = dict(others)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        from stargate.present.i18n import I18N_MIMETYPE

        bundle = dict(mimebundle(self.english))
        if self.others:
            bundle[I18N_MIMETYPE] = self.others
        return bundle

    def __getattr__(self, name: str) -> Any:
        # The English output's attributes (a Narrative's text, a chart's to_dict…).
        if name in ("english", "others") or name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.english, name)

    def __repr__(self) -> str:
        return repr(self.english)


def mimebundle(obj: Any) -> dict[str, Any]:
    """What displaying ``obj`` would show, as a mimebundle (IPython's formatters when present)."""
    try:
        from IPython import get_ipython

        shell = get_ipython()
    except ImportError:  # pragma: no cover - IPython is a dependency of every kernel
        shell = None
    if shell is not None:
        data, _metadata = shell.display_formatter.format(obj)
        return dict(data)
    if hasattr(obj, "_repr_mimebundle_"):
        out = obj._repr_mimebundle_()
        data = out[0] if isinstance(out, tuple) else out
        return dict(data)
    if hasattr(obj, "_repr_html_"):
        return {"text/html": obj._repr_html_(), "text/plain": repr(obj)}
    return {"text/plain": repr(obj)}


@contextmanager
def edition(code: str) -> Iterator[None]:
    """Write in language ``code``: its words (the catalog) and its money (Japanese: yen)."""
    from stargate.present import charts, i18n

    with i18n.language(code), charts.edition(code):
        yield


def _in_edition(value: Any, code: str) -> Any:
    """An argument as the edition ``code`` needs it: a scenario shows amounts in its money."""
    from stargate.present.i18n import edition_display

    if isinstance(value, Scenario):
        return value.model_copy(update={"display": edition_display(value.display, code)})
    return value


def show(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Bilingual:
    """Show ``fn(*args, **kwargs)`` (a table, a chart, a :class:`Narrative`) in every language.

    The function is called once in English (the output a notebook shows) and once inside
    :func:`edition` for each other language the build writes
    (:func:`stargate.present.i18n.build_languages`; ``STARGATE_LANGUAGES=en``: none),
    with every scenario among the arguments shown in that edition's money. The model is pure,
    so the second call costs the formatting and the chart drawing only, not a second kernel.
    """
    import time

    from stargate.present.i18n import MISSES_MIMETYPE, build_languages, recording_misses

    started = time.perf_counter()
    english = fn(*args, **kwargs)
    english_s = time.perf_counter() - started
    others: dict[str, dict[str, Any]] = {}
    started = time.perf_counter()
    for code in build_languages():
        with edition(code), recording_misses() as misses:
            local_args = [_in_edition(a, code) for a in args]
            local_kwargs = {k: _in_edition(v, code) for k, v in kwargs.items()}
            bundle = mimebundle(_marked(fn(*local_args, **local_kwargs)))
        bundle.pop("text/plain", None)  # the page never shows it; JupyterLab shows English
        if misses:  # fell back to English somewhere: the page must say so
            bundle[MISSES_MIMETYPE] = sorted(set(misses))
        others[code] = bundle
    other_s = time.perf_counter() - started
    _profile(fn, english, english_s, other_s)
    return Bilingual(english, others)


#: Set to a file path, :func:`show` appends one JSON line per call: the function, what it
#: made (chart, table, text), and the seconds of the English call (the English chart drawn
#: too, so both sides count the drawing) and of the other languages'. For the languages
#: benchmark (``benchmarks/bench_languages.py``); unset, nothing is measured or written.
PROFILE_ENV = "STARGATE_I18N_PROFILE"


def _profile(fn: Callable[..., Any], english: Any, english_s: float, other_s: float) -> None:
    import os

    path = os.environ.get(PROFILE_ENV)
    if not path:
        return
    import json
    import time

    import pandas as pd

    kind = (
        "table"
        if isinstance(english, pd.DataFrame)
        else "text"
        if isinstance(english, Narrative)
        else "chart"
    )
    started = time.perf_counter()
    mimebundle(english)  # the English drawing, which display would do next (then cached)
    english_s += time.perf_counter() - started
    name = getattr(fn, "__qualname__", repr(fn))
    record = {"fn": name, "kind": kind, "english_s": english_s, "other_s": other_s}
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(record) + "\n")


_BODY_ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
_BODY_CELL = re.compile(r"<(th|td)([^>]*)>(.*?)</\1>", re.S)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_JA_DATE = re.compile(r"\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?")


def _marked(value: Any) -> Any:
    """A table with English columns as HTML marking those cells; anything else unchanged.

    The columns are named by :func:`stargate.present.i18n.keep_english`.
    """
    import pandas as pd

    from stargate.present.i18n import ENGLISH_CELLS_ATTR

    if not isinstance(value, pd.DataFrame) or not value.attrs.get(ENGLISH_CELLS_ATTR):
        return value
    return _EnglishCells(value)


class _EnglishCells:
    """A DataFrame shown as HTML, the cells of its English columns marked ``lang="en"``.

    A cell is marked only when it holds no Japanese (a translated word in such a column,
    like the unsited remainder's, is Japanese and is not marked).
    """

    def __init__(self, frame: Any) -> None:
        self.frame = frame

    def _repr_html_(self) -> str:
        from stargate.present.i18n import ENGLISH_CELLS_ATTR

        frame = self.frame
        names = set(frame.attrs[ENGLISH_CELLS_ATTR])
        n_index = frame.index.nlevels
        marked = [c in names for c in frame.columns]
        index_marked = "__index__" in names
        table = frame.to_html()
        head, sep, body = table.partition("<tbody>")

        def row(match: re.Match[str]) -> str:
            position = iter(range(10**6))

            def cell(found: re.Match[str]) -> str:
                tag, attrs, text = found.groups()
                i = next(position)
                english = index_marked if i < n_index else marked[i - n_index]
                # A source's date in Japanese (Bloomberg, 2025年3月7日) keeps its cell English.
                if english and not _NON_ASCII.search(_JA_DATE.sub("", text)) and text.strip():
                    attrs += ' lang="en"'
                return f"<{tag}{attrs}>{text}</{tag}>"

            return "<tr>" + _BODY_CELL.sub(cell, match.group(1)) + "</tr>"

        return head + sep + _BODY_ROW.sub(row, body)


def escape_dollars(text: str) -> str:
    """Put a backslash before every dollar sign that has none."""
    return re.sub(r"(?<!\\)\$", r"\\$", text)


def headline(name: str, value: float, unit: str, label: str, fmt: str | None = None) -> None:
    """Publish a headline figure for the index and comparison pages.

    Args:
        name: stable snake_case id shared across scenarios (e.g. ``cost_per_gpu_hour_usd``).
        value: the figure, in ``unit``.
        unit: unit of ``value`` (``USD``, ``USD/GPU-hour``, ``fraction``, ``years`` …).
        label: short label for readers.
        fmt: optional display format understood by :mod:`stargate.publish.headline`.
    """
    from stargate.publish.headline import publish

    publish(name, value, unit, label, fmt=fmt)


def sources(scenario: Scenario, groups: Iterable[str] | None = None) -> Any:
    """The sources table of exactly the facts this report used.

    That is every fact looked up during the run (:func:`stargate.facts.used`), plus the facts
    behind scenario defaults still in effect for ``groups`` (a value a scenario changed came
    from that file), plus the rows every derived figure among them is worked out from.

    Returns:
        A pandas DataFrame (displayed as the last output of the report).
    """
    ids = facts.with_inputs([*facts.used(), *scenario.fact_ids(groups)])
    table = sources_table(dict.fromkeys(ids), scenario.display)
    # Evidence first, then what is derived from it, then assumptions, then the article's claims.
    order = {"evidence": 0, "derived": 1, "assumption": 2, "claim": 3}
    table = table.assign(_order=table["kind"].map(order))
    return table.sort_values(["_order", "id"]).drop(columns="_order").reset_index(drop=True)
