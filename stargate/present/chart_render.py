"""Charts drawn offline: each chart as a Vega spec plus a static SVG, cached on disk.

The ``stargate`` Altair renderer (:func:`render_mimebundle`) emits, for each chart, the chart
compiled to a Vega spec (mimetype ``application/vnd.vega.v5+json``) and a static SVG drawn by
vl-convert (``image/svg+xml``); no HTML, no script, no CDN. Static text is drawn with a pinned
font (IPAex Gothic, shipped by ``matplotlib-fontja``), so the SVG does not depend on the fonts a
machine has; compiled specs and SVGs are cached on disk by the hash of what shapes them.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from stargate.files import write_cache
from stargate.present.chart_output import CHART_ID_PREFIX, VEGA_MIMETYPE

#: System font stack: no web font to download, native look on every OS.
FONT = (
    "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, "
    "'Noto Sans', 'Noto Sans CJK JP', 'Hiragino Sans', 'Yu Gothic', sans-serif"
)
#: The font static SVGs are measured and drawn with: IPAex Gothic (Latin and Japanese), shipped by
#: the pinned ``matplotlib-fontja`` package and registered with vl-convert (:func:`render_svg`).
#: Static SVG text widths come from the font, so naming only a font the project pins makes a
#: chart's static SVG the same on every machine, whatever fonts are installed there.
STATIC_FONT = "IPAexGothic"
#: What static SVG text names: the pinned font first (it has every glyph the reports use, so
#: vl-convert never falls back), then :data:`FONT` for a viewer that does not have it.
STATIC_FONT_STACK = f"{STATIC_FONT}, {FONT}"

# --------------------------------------------------------------------------- offline rendering


@dataclass
class _Run:
    counter: int = 0
    static_svg: bool = True


_run = _Run()

#: Environment variable: ``0`` draws no static SVGs (whatever :func:`start_run` is told), ``1``
#: asks a build to draw them (:func:`static_svg_setting`). A build sets it for its kernels.
STATIC_SVG_ENV = "STARGATE_STATIC_SVG"


def static_svg_setting() -> bool | None:
    """``STARGATE_STATIC_SVG`` read: True (``1``), False (``0``) or None (unset: the default)."""
    setting = os.environ.get(STATIC_SVG_ENV, "").strip().lower()
    if setting in ("0", "off", "no", "false"):
        return False
    if setting in ("1", "on", "yes", "true"):
        return True
    return None


def start_run(*, static_svg: bool = True) -> None:
    """Restart chart ids at ``sg-chart-1`` and say whether to draw static SVGs (per report).

    ``STARGATE_STATIC_SVG=0`` in the environment turns static SVGs off whatever ``static_svg``
    says: a build's kernels run with it (a static SVG costs ≈0.15 s of CPU per chart, about
    half of a report's cell time, and the report page draws the chart from its Vega spec).
    """
    _run.counter = 0
    _run.static_svg = static_svg and static_svg_setting() is not False


def next_chart_id() -> str:
    """The next chart id: ``sg-chart-1``, ``sg-chart-2``… (restarted by :func:`start_run`)."""
    _run.counter += 1
    return f"{CHART_ID_PREFIX}{_run.counter}"


def vl_version() -> str:
    """The Vega-Lite version vl-convert uses for Altair's schema (e.g. ``"6.4"``)."""
    from altair.utils._importers import vl_version_for_vl_convert

    return vl_version_for_vl_convert()


def static_font_file() -> Path:
    """The pinned font file (:data:`STATIC_FONT`): ``matplotlib_fontja/fonts/ipaexg.ttf``.

    Found without importing the package (its ``__init__`` imports matplotlib).
    """
    import importlib.util

    spec = importlib.util.find_spec("matplotlib_fontja")
    folders = list(spec.submodule_search_locations or []) if spec else []
    for folder in folders:
        path = Path(folder) / "fonts" / "ipaexg.ttf"
        if path.is_file():
            return path
    raise RuntimeError(
        "the chart font IPAex Gothic is missing: install the pinned package "
        "matplotlib-fontja (pip install -e .)"
    )


@lru_cache(maxsize=1)
def _register_static_font() -> None:
    import vl_convert

    vl_convert.register_font_directory(str(static_font_file().parent))


def _pin_fonts(node: Any) -> Any:
    """``node`` with every :data:`FONT` replaced by :data:`STATIC_FONT_STACK` (a copy)."""
    if isinstance(node, dict):
        return {k: _pin_fonts(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_pin_fonts(v) for v in node]
    return STATIC_FONT_STACK if node == FONT else node


def render_svg(spec: Mapping[str, Any]) -> str:
    """Draw a Vega-Lite spec as a static SVG with vl-convert (no browser, no network).

    Text is measured and drawn with the pinned :data:`STATIC_FONT` (also for marks that name no
    font), so the SVG does not depend on the fonts installed on the machine. Drawings are kept
    in the chart cache (:func:`chart_cache_dir`) by the hash of everything they depend on.
    """
    pinned = _pin_fonts(dict(spec))
    pinned["config"] = {**pinned.get("config", {}), "font": STATIC_FONT_STACK}
    key = _cache_key("svg", pinned)
    cached = _cache_read(key, ".svg")
    if cached is not None:
        return cached

    import vl_convert

    _register_static_font()
    svg = vl_convert.vegalite_to_svg(pinned, vl_version=vl_version())
    _cache_write(key, ".svg", svg)
    return svg


def to_vega(spec: Mapping[str, Any]) -> dict[str, Any]:
    """Compile a Vega-Lite spec to Vega with vl-convert (no browser, no network).

    The ``$schema`` key is dropped: JupyterLab's Vega renderer and :func:`chart_html` both name
    the language explicitly, and JupyterLab's Vega 5 would otherwise warn that the spec was
    written for Vega 6. Compiled specs are kept in the chart cache like drawings.
    """
    key = _cache_key("vega", dict(spec))
    cached = _cache_read(key, ".json")
    if cached is not None:
        with contextlib.suppress(ValueError):
            return json.loads(cached)

    import vl_convert

    vega = vl_convert.vegalite_to_vega(dict(spec), vl_version=vl_version())
    vega.pop("$schema", None)
    with contextlib.suppress(TypeError, ValueError):
        _cache_write(key, ".json", json.dumps(vega, ensure_ascii=False))
    return vega


# --------------------------------------------------------------------------- chart cache
#
# vl-convert spends ≈1 s starting in each process (its JavaScript engine), then 0.05–0.1 s per
# chart. A kernel whose charts are all in the cache never starts it. An entry is keyed by the
# spec exactly as given (key order included), the Vega-Lite version, the vl-convert version,
# the pinned font's bytes (drawings) and :data:`CHART_CACHE_FORMAT`, so it is used only where
# vl-convert would produce the very same text; entries are written atomically.

#: Bump when what a cache entry holds changes (every earlier entry is then unused).
CHART_CACHE_FORMAT = 1
#: Environment variable: ``0`` turns the chart cache off; a folder puts it there.
CHART_CACHE_ENV = "STARGATE_CHART_CACHE"


def chart_cache_dir() -> Path | None:
    """The chart cache folder, or None when it is off (``STARGATE_CHART_CACHE=0``).

    Default: ``charts/`` in ``$STARGATE_CACHE_DIR``, else ``$XDG_CACHE_HOME/stargate`` or
    ``~/.cache/stargate`` (where the page's Vega bundle is cached too).
    """
    setting = os.environ.get(CHART_CACHE_ENV, "").strip()
    if setting.lower() in ("0", "off", "no", "false"):
        return None
    if setting:
        return Path(setting)
    root = os.environ.get("STARGATE_CACHE_DIR")
    if root:
        return Path(root) / "charts"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "stargate" / "charts"


@lru_cache(maxsize=1)
def _renderer_identity() -> str:
    """What, besides the spec, decides vl-convert's output: versions and the font's bytes."""
    import importlib.metadata

    font = hashlib.sha256(static_font_file().read_bytes()).hexdigest()
    return "|".join(
        [
            str(CHART_CACHE_FORMAT),
            importlib.metadata.version("vl-convert-python"),
            vl_version(),
            font,
        ]
    )


def _cache_key(kind: str, spec: Mapping[str, Any]) -> str | None:
    import json

    if chart_cache_dir() is None:
        return None
    try:
        text = json.dumps(spec, ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError):  # not plain JSON: render without the cache
        return None
    digest = hashlib.sha256(f"{kind}|{_renderer_identity()}|".encode())
    digest.update(text.encode("utf-8"))
    return digest.hexdigest()


def _cache_file(key: str, suffix: str) -> Path | None:
    folder = chart_cache_dir()
    return None if folder is None else folder / key[:2] / f"{key}{suffix}"


def _cache_read(key: str | None, suffix: str) -> str | None:
    path = _cache_file(key, suffix) if key else None
    if path is None:
        return None
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, ValueError):
        return None


def _cache_write(key: str | None, suffix: str, text: str) -> None:

    path = _cache_file(key, suffix) if key else None
    if path is not None:
        write_cache(path, text)


def render_mimebundle(spec: dict[str, Any], **metadata: Any) -> dict[str, Any]:
    """The ``stargate`` Altair renderer: the chart as a Vega spec, plus a static SVG.

    JupyterLab draws the Vega spec (``application/vnd.vega.v5+json``) interactively with its
    built-in renderer, trusted notebook or not; report pages embed it with their own vega-embed
    (:mod:`stargate.publish.page`); viewers without Vega (nbviewer, GitHub) show the SVG.

    Args:
        spec: the Vega-Lite spec Altair passes (theme applied).
        **metadata: Altair's renderer metadata (ignored).

    Returns:
        A mimebundle with the Vega spec, ``image/svg+xml`` (when static SVGs are on) and
        ``text/plain`` (``<Chart sg-chart-n>``, counted from :func:`enable`).
    """
    chart_id = next_chart_id()
    bundle: dict[str, Any] = {VEGA_MIMETYPE: to_vega(spec), "text/plain": f"<Chart {chart_id}>"}
    if _run.static_svg:
        bundle["image/svg+xml"] = render_svg(spec)
    return bundle
