"""Read the charts embedded in a built page and list the reader-visible chart text that is wrong.

A report page embeds each chart as a Vega spec (compiled) and the comparison page as a
Vega-Lite spec (:func:`stargate.publish.assets.chart_html`); both are read here. What a reader
sees of a chart's text, besides its title, is its axis titles, legend titles and tooltip
headings: each must be non-empty and not an identifier (a snake_case or bare lower-case field
name such as ``usd_per_year``, ``scenario``, ``value``, or a helper column ``_x_text``), and on
a Japanese page none may name dollars as a unit (``USD``, ``$``, ``ドル``) — amounts there are yen.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

#: A field name as code writes it: ``usd_per_year``, ``scenario``, ``value``, ``_amount_text``.
IDENTIFIER = re.compile(r"^_?[a-z][a-z0-9]*(_[a-z0-9]+)*$")
#: Dollars as a unit on a Japanese page (``1ドル当たり``, "per dollar", is a ratio, not a unit).
DOLLAR_UNIT = re.compile(r"USD|\$|ドル(?!当たり)")
_CALL = "})("
_KEY = re.compile(r'(?:^\{|, ?)"((?:[^"\\]|\\.)*)":')


@dataclass(frozen=True)
class Problem:
    chart: int
    where: str  # "tooltip", "axis", "legend"
    title: str
    why: str

    def __str__(self) -> str:
        return f"chart {self.chart} {self.where} {self.title!r}: {self.why}"


def embedded_specs(html: str) -> list[tuple[dict[str, Any], str]]:
    """Each chart's spec in the page, with its language (``vega`` or ``vega-lite``)."""
    decoder = json.JSONDecoder()
    found = []
    start = 0
    while (at := html.find(_CALL, start)) >= 0:
        start = at + len(_CALL)
        try:
            spec, end = decoder.raw_decode(html, start)
            after = html.index(",", end) + 1
            while html[after].isspace():
                after += 1
            opt, _end = decoder.raw_decode(html, after)
        except (ValueError, json.JSONDecodeError):
            continue
        if isinstance(spec, dict) and isinstance(opt, dict) and "mode" in opt:
            found.append((spec, str(opt["mode"])))
    return found


def _titles_vega(node: Any) -> Iterator[tuple[str, Any]]:
    if isinstance(node, dict):
        for axis in node.get("axes", []) or []:
            if isinstance(axis, dict) and "title" in axis:
                yield "axis", axis["title"]
        for legend in node.get("legends", []) or []:
            if isinstance(legend, dict) and "title" in legend:
                yield "legend", legend["title"]
        tip = node.get("tooltip")
        if isinstance(tip, dict) and isinstance(tip.get("signal"), str):
            for key in _KEY.findall(tip["signal"].strip()):
                yield "tooltip", json.loads(f'"{key}"')
        for value in node.values():
            yield from _titles_vega(value)
    elif isinstance(node, list):
        for value in node:
            yield from _titles_vega(value)


def _default_title(channel: dict[str, Any]) -> Any:
    """The title Vega-Lite gives a field channel with none set: its field name."""
    return channel.get("field") if "field" in channel else None


def _titles_vega_lite(node: Any) -> Iterator[tuple[str, Any]]:
    if isinstance(node, dict):
        encoding = node.get("encoding")
        if isinstance(encoding, dict):
            for name, channel in encoding.items():
                channels = channel if isinstance(channel, list) else [channel]
                for ch in channels:
                    if not isinstance(ch, dict) or "field" not in ch:
                        continue
                    if name == "tooltip":
                        yield "tooltip", ch.get("title", _default_title(ch))
                    elif name in ("x", "y"):
                        axis = ch.get("axis", {})
                        if axis is None:
                            continue
                        if isinstance(axis, dict) and "title" in axis:
                            yield "axis", axis["title"]
                        elif "title" in ch:
                            yield "axis", ch["title"]
                        else:
                            yield "axis", _default_title(ch)
                    elif name in ("color", "strokeDash", "shape", "size", "opacity"):
                        legend = ch.get("legend", {})
                        if legend is None:
                            continue
                        if isinstance(legend, dict) and "title" in legend:
                            yield "legend", legend["title"]
                        elif "title" in ch:
                            yield "legend", ch["title"]
                        else:
                            yield "legend", _default_title(ch)
            tip = encoding.get("tooltip")
            if isinstance(tip, dict) and "field" in tip and "title" not in tip:
                pass  # a lone tooltip shows its value only, no heading
        for value in node.values():
            yield from _titles_vega_lite(value)
    elif isinstance(node, list):
        for value in node:
            yield from _titles_vega_lite(value)


def check_title(title: Any, japanese: bool) -> str | None:
    """Why a chart text is wrong for readers, or None."""
    if title is None:
        return None  # no title drawn
    lines = title if isinstance(title, list) else [title]
    text = " ".join(str(t) for t in lines).strip()
    if not text:
        return "empty"
    if IDENTIFIER.match(text):
        return "an identifier"
    if japanese and DOLLAR_UNIT.search(text):
        return "dollars on a Japanese page"
    return None


def scan_page(html: str, japanese: bool) -> list[Problem]:
    """Every wrong axis, legend or tooltip title of the charts embedded in ``html``."""
    problems = []
    for number, (spec, mode) in enumerate(embedded_specs(html), start=1):
        titles = _titles_vega(spec) if mode == "vega" else _titles_vega_lite(spec)
        for where, title in titles:
            why = check_title(title, japanese)
            if why:
                problems.append(Problem(number, where, str(title), why))
    return problems


def scan_site(root: Any) -> dict[str, list[Problem]]:
    """:func:`scan_page` for every HTML page under ``root`` (``ja/`` pages as Japanese)."""
    from pathlib import Path

    out = {}
    for path in sorted(Path(root).rglob("*.html")):
        rel = path.relative_to(root).as_posix()
        html = path.read_text(encoding="utf-8")
        out[rel] = scan_page(html, japanese=rel.startswith("ja/"))
    return out


if __name__ == "__main__":
    import collections
    import sys

    site = scan_site(sys.argv[1])
    total = collections.Counter()
    for page, problems in site.items():
        for p in problems:
            total[(p.where, p.why)] += 1
        if problems and "-v" in sys.argv:
            print(page, len(problems))
            for p in problems[:400]:
                print("   ", p)
    print(sum(total.values()), dict(total))
