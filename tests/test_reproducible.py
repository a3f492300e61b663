"""Static chart SVG is the same on every machine, whatever fonts are installed there.

vl-convert measures text with the fonts it finds: system fonts, the user's
(``$XDG_DATA_HOME/fonts``) and any registered directory. A static SVG whose text named the
system font stack changed when a font of that stack was installed (a CJK font install changed
31 of 32 committed report files). Charts now measure and draw static text with the pinned IPAex
Gothic (``stargate.present.charts.STATIC_FONT``, from the pinned ``matplotlib-fontja``).

The tests install an extra font where vl-convert looks — a copy of matplotlib's DejaVu Sans
renamed ``Roboto``, a family the system stack names — and compare bytes: a chart drawn the old
way changes (the control: the extra font is seen), a chart drawn by ``render_svg`` and a report
built by ``stargate build`` do not.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
from test_build import Project, _pin

from stargate import cli
from stargate.present import charts

FONT_FAMILY = "Roboto"  # named in charts.FONT, before the CJK and generic families


@pytest.fixture(autouse=True)
def _pinned(monkeypatch):
    _pin(monkeypatch)


@pytest.fixture(scope="module")
def extra_fonts(tmp_path_factory) -> Path:
    """``$XDG_DATA_HOME`` with ``fonts/Roboto-Regular.ttf`` (DejaVu Sans metrics)."""
    fonttools = pytest.importorskip("fontTools.ttLib")
    assert FONT_FAMILY in charts.FONT
    mpl = importlib.util.find_spec("matplotlib")
    assert mpl is not None, "matplotlib comes with matplotlib-fontja"
    source = Path(mpl.submodule_search_locations[0]) / "mpl-data/fonts/ttf/DejaVuSans.ttf"
    font = fonttools.TTFont(source)
    for record in font["name"].names:
        if record.nameID in (1, 4, 16):
            record.string = FONT_FAMILY
        elif record.nameID == 6:
            record.string = f"{FONT_FAMILY}-Regular"
    home = tmp_path_factory.mktemp("xdg")
    (home / "fonts").mkdir()
    font.save(home / "fonts" / f"{FONT_FAMILY}-Regular.ttf")
    return home


DRAW = """
import hashlib, json, sys
import pandas as pd
import vl_convert
from stargate.present import charts

charts.enable()
drawn = {}
for name, labels, title in [
    ("latin", ["H100", "GB200", "Vera Rubin"], "Capex by generation"),
    ("japanese", ["ホッパー", "ブラックウェル", "ルービン"], "世代別の設備投資"),
]:
    data = pd.DataFrame({"gen": labels, "usd": [1.7e9, 2.9e9, 3.3e9]})
    spec = charts.bar(data, "gen", "usd", title=title, unit="USD", category_title="GPU")
    spec = spec.to_dict()
    drawn[name] = charts.render_svg(spec)
    drawn[name + "_old_way"] = vl_convert.vegalite_to_svg(spec, vl_version=charts.vl_version())
print(json.dumps(drawn))
"""


def _draw(env_extra: dict[str, str]) -> dict[str, str]:
    import os

    env = {**os.environ, **env_extra}
    out = subprocess.run(
        [sys.executable, "-c", DRAW], capture_output=True, text=True, env=env, check=True
    )
    return json.loads(out.stdout)


def test_static_svg_does_not_depend_on_installed_fonts(extra_fonts, tmp_path):
    empty = tmp_path / "empty-xdg"
    empty.mkdir()
    without = _draw({"XDG_DATA_HOME": str(empty)})
    with_font = _draw({"XDG_DATA_HOME": str(extra_fonts)})
    # The control: drawn the old way (the system font stack), Latin text moves.
    assert without["latin_old_way"] != with_font["latin_old_way"], "the extra font was not seen"
    for name in ("latin", "japanese"):
        assert without[name] == with_font[name], name
        assert f'font-family="{charts.STATIC_FONT}, ' in with_font[name]


def test_a_report_rebuilt_with_another_font_installed_is_byte_identical(
    extra_fonts, tmp_path, monkeypatch
):
    project = Project(tmp_path / "p", notebooks=("chart",))
    args = ["build", *project.dirs(), "--jobs", "1", "--scenario", "alt"]
    empty = tmp_path / "empty-xdg"
    empty.mkdir()
    monkeypatch.setenv("XDG_DATA_HOME", str(empty))
    monkeypatch.setenv("STARGATE_STATIC_SVG", "1")  # builds draw no static SVG by default
    assert cli.main(args) == 0
    before = project.snapshot()
    assert b"image/svg+xml" in before["alt/chart.ipynb"]
    monkeypatch.setenv("XDG_DATA_HOME", str(extra_fonts))  # the kernels see the extra font
    assert cli.main([*args, "--force"]) == 0
    assert project.snapshot() == before


def test_the_pinned_font_is_an_input_of_every_report():
    from stargate.build.freshness import OUTPUT_PACKAGES

    assert "matplotlib-fontja" in OUTPUT_PACKAGES
    assert charts.static_font_file().name == "ipaexg.ttf"
