"""Scenario text is text: a title or description is never read as Markdown or HTML.

A scenario file is the user's. Narrative that names the scenario's title runs it through
``formatting.markdown_text`` first, so ``![x](https://…)`` stays those characters instead of
becoming an image the page would fetch.
"""

from __future__ import annotations

import pytest

from stargate.model import funding
from stargate.present import investor_report
from stargate.present.formatting import markdown_text
from stargate.publish.notebook_helpers import md
from stargate.scenario import load_scenario

HOSTILE = (
    "Mine ![x](https://evil.example/x.png) <img src=x> [link](https://e.example) *b* _i_ &amp;"
)


def _html(markdown: str) -> str:
    return md(markdown).html()


def test_markdown_text_keeps_every_character_and_makes_no_markup():
    html = _html(f"**In brief ({markdown_text(HOSTILE)}).**")
    assert "<img" not in html and "<a " not in html and "<em>" not in html
    assert "![x](https://evil.example/x.png)" in html
    assert "&lt;img src=x&gt;" in html and "&amp;amp;" in html


def test_without_it_the_same_title_would_become_markup():
    # The test above can fail: unescaped, Markdown makes an image and a link of the title.
    html = _html(f"**In brief ({HOSTILE}).**")
    assert "<img" in html or "<a " in html


@pytest.mark.parametrize("text", ["a\nb", "tab\there", "  spaced  "])
def test_line_breaks_and_runs_of_space_become_one_space(text):
    assert "\n" not in markdown_text(text) and "  " not in markdown_text(text)


def test_the_investor_summary_names_a_hostile_title_as_text():
    base = load_scenario("base")
    scenario = base.model_copy(update={"title": HOSTILE})
    text = investor_report.write_funding_summary(scenario, funding.summarize_funding(scenario))
    html = _html(text)
    assert "<img" not in html and 'href="https://e.example"' not in html
    assert "![x](https://evil.example/x.png)" in html
