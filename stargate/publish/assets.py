"""What every stargate page carries: the Vega bundle, chart containers, templates and CSS.

Pages are self-contained: the Vega / Vega-Lite / vega-embed JavaScript (from vl-convert, cached
on disk) is inlined once per page, each chart is a container holding its static SVG plus a
script that draws it interactively, and the stylesheet is inlined. No page refers to a network
resource.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from stargate.files import write_cache
from stargate.present.chart_output import CHART_CLASS
from stargate.present.i18n import current_language

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
_ALTAIR_CDN = "https://cdn.jsdelivr.net/npm"


# --------------------------------------------------------------------------- page assets


def script_json(value: Any) -> str:
    """JSON that is safe inside an HTML ``<script>`` element (``<``, ``>``, ``&`` escaped)."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _cache_dir() -> Path:
    root = os.environ.get("STARGATE_CACHE_DIR")
    if root:
        return Path(root)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "stargate"


def _versions_key() -> str:
    versions = "|".join(
        importlib.metadata.version(name) for name in ("altair", "vl-convert-python")
    )
    return hashlib.sha256(versions.encode()).hexdigest()[:16]


@lru_cache(maxsize=1)
def vega_versions() -> dict[str, str]:
    """Versions the installed Altair expects: Vega-Lite for vl-convert, and ``VEGA_DEBUG``.

    Returns:
        ``{"vl_convert": "6.4", "vega_version": "6", "vegalite_version": "6.4.1",
        "vegaembed_version": "7"}``. Importing Altair costs ≈0.4 s, so the answer is kept in
        the file cache (see :func:`javascript_bundle`) keyed by the Altair and vl-convert versions.
    """
    path = _cache_dir() / f"vega-versions-{_versions_key()}.json"
    try:
        cached = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(cached, dict) and cached.get("vl_convert"):
            return cached
    except (OSError, ValueError):
        pass
    from altair.utils._importers import vl_version_for_vl_convert
    from altair.vegalite.v6.display import VEGA_VERSION, VEGAEMBED_VERSION, VEGALITE_VERSION

    versions = {
        "vl_convert": vl_version_for_vl_convert(),
        "vega_version": VEGA_VERSION,
        "vegalite_version": VEGALITE_VERSION,
        "vegaembed_version": VEGAEMBED_VERSION,
    }
    write_cache(path, json.dumps(versions, sort_keys=True))
    return versions


def vega_debug() -> dict[str, str]:
    """The ``VEGA_DEBUG`` global that makes Altair's own HTML loader skip the CDN.

    A chart shown with Altair's default HTML renderer (no ``charts.enable``) checks this global
    for the versions it needs; finding them, it uses the libraries already on the page.
    """
    v = vega_versions()
    return {k: v[k] for k in ("vega_version", "vegalite_version", "vegaembed_version")}


@lru_cache(maxsize=1)
def javascript_bundle() -> str:
    """Vega, Vega-Lite and vega-embed as one script (≈0.9 MB), from vl-convert.

    vl-convert builds the bundle on its first call in a process (≈2.5 s), so it is also kept in
    a file cache (``$STARGATE_CACHE_DIR``, else ``$XDG_CACHE_HOME/stargate`` or
    ``~/.cache/stargate``) keyed by the Altair and vl-convert versions.

    Returns:
        JavaScript defining ``window.vegaEmbed``, ``window.vega`` and ``window.vegaLite``.
    """
    path = _cache_dir() / f"vega-bundle-{_versions_key()}.js"
    try:
        text = path.read_text(encoding="utf-8")
        if "window.vegaEmbed=" in text and text.rstrip().endswith(";"):
            return text
    except OSError:
        pass
    import vl_convert

    text = vl_convert.javascript_bundle(vl_version=vega_versions()["vl_convert"])
    write_cache(path, text)
    return text


def page_scripts() -> str:
    """The ``<script>`` elements a page with charts needs, once, in its ``<head>``.

    Returns:
        The ``VEGA_DEBUG`` global and the JavaScript bundle, wrapped in a function so its
        top-level names do not leak into the page.

    Raises:
        RuntimeError: the bundle contains ``</script`` (it would end the element early).
    """
    bundle = javascript_bundle()
    if "</script" in bundle.lower() or "<!--" in bundle:
        raise RuntimeError("the Vega bundle contains '</script' or '<!--': cannot inline it")
    return (
        f'<script type="text/javascript">var VEGA_DEBUG = {script_json(vega_debug())};</script>\n'
        '<script type="text/javascript">/* vega, vega-lite, vega-embed (via vl-convert) */\n'
        f"(function () {{\n{bundle}\n}}).call(window);\n</script>\n"
    )


# --------------------------------------------------------------------------- charts

#: Vega-embed options: SVG (crisp in print), export menu only (no link to an online editor).
EMBED_OPTIONS: dict[str, Any] = {
    "actions": {"export": True, "source": False, "compiled": False, "editor": False},
    "renderer": "svg",
}

#: Vega-embed's action menu in each language besides English (its ``i18n`` option; English
#: pages keep vega-embed's own labels).
EMBED_I18N: dict[str, dict[str, str]] = {
    "ja": {
        "SVG_ACTION": "SVG形式で保存",
        "PNG_ACTION": "PNG形式で保存",
        "SOURCE_ACTION": "ソースを表示",
        "COMPILED_ACTION": "Vegaを表示",
        "EDITOR_ACTION": "Vegaエディターで開く",
        "CLICK_TO_VIEW_ACTIONS": "操作メニュー",
    }
}

_CHART_SCRIPT = """\
(function (spec, opt, id) {
  var s = document.currentScript, host = s && s.previousElementSibling;
  if (!host || host.id !== id) { host = document.getElementById(id); }
  if (!host) { return; }
  if (typeof window.vegaEmbed !== "function") { host.dataset.sgState = "static"; return; }
  var still = host.querySelector(".sg-chart-static"), target = document.createElement("div");
  if (still) { still.remove(); }
  host.appendChild(target);
  window.vegaEmbed(target, spec, opt).then(function () {
    host.dataset.sgState = "drawn";
  }).catch(function (err) {
    host.dataset.sgState = "error";
    target.remove();
    if (still) { host.appendChild(still); }
    var note = document.createElement("p");
    note.className = "sg-chart-error";
    note.textContent = "This chart could not be drawn (" + err.message + ").";
    host.insertBefore(note, host.firstChild);
    console.error("stargate chart " + id + ":", err);
  });
})(%s, %s, %s);"""


def chart_html(
    spec: Mapping[str, Any],
    chart_id: str,
    static_svg: str | None = None,
    mode: str = "vega-lite",
) -> str:
    """The HTML of one chart: a container div (with an optional static SVG) and its script.

    The script draws the interactive chart with ``window.vegaEmbed`` when the page provides it
    (:func:`page_scripts`), replacing the static SVG; otherwise it leaves the static SVG. It
    then sets ``data-sg-state`` on the container: ``drawn``, ``error`` or ``static`` (what the
    browser test waits for).

    Args:
        spec: a Vega-Lite spec (``chart.to_dict()``) or, with ``mode="vega"``, a Vega spec.
        chart_id: the container's id (deterministic: counted per page).
        static_svg: SVG markup shown until (or instead of) the interactive chart.
        mode: ``"vega-lite"`` or ``"vega"``: the language of ``spec``.

    Returns:
        An HTML fragment with no reference to any network resource.
    """
    if mode not in ("vega-lite", "vega"):
        raise ValueError(f"chart mode must be 'vega-lite' or 'vega', not {mode!r}")
    inner = f'<div class="sg-chart-static">{static_svg}</div>' if static_svg else ""
    options = {**EMBED_OPTIONS, "mode": mode}
    if current_language() in EMBED_I18N:
        options["i18n"] = EMBED_I18N[current_language()]
    script = _CHART_SCRIPT % (script_json(spec), script_json(options), script_json(chart_id))
    return (
        f'<div class="{CHART_CLASS}" id="{chart_id}">{inner}</div>\n'
        f'<script type="text/javascript">\n{script}\n</script>\n'
    )


@lru_cache(maxsize=1)
def _environment() -> Any:
    import jinja2

    from stargate.present import i18n

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,
        trim_blocks=False,
        lstrip_blocks=False,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    # Templates say {{ _("Text %(name)s", name=x) }}: translated in the current language
    # (stargate.present.i18n.language), the result is safe markup and the values are escaped.
    env.install_gettext_callables(i18n.gettext, i18n.ngettext, newstyle=True)  # type: ignore[attr-defined]
    return env


@lru_cache(maxsize=1)
def page_css() -> str:
    """The stylesheet every stargate page inlines (screen and print)."""
    return (TEMPLATES_DIR / "style.css").read_text(encoding="utf-8")


def render_template(name: str, **context: Any) -> str:
    """Render one of the package's Jinja templates (autoescaped; pass trusted HTML as Markup)."""
    from markupsafe import Markup

    context.setdefault("css", Markup(page_css()))
    context.setdefault("head_scripts", Markup(""))
    return _environment().get_template(name).render(**context)
