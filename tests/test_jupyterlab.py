"""The committed notebooks, opened in a real JupyterLab in headless Chromium, untrusted.

An editor opens ``notebooks/*.ipynb`` in JupyterLab and must see what the report shows: every
chart drawn (JupyterLab's own Vega renderer, no HTML output to sanitise) and no dollar amount
typeset as LaTeX ("$2.80 … $49bn" between two dollar signs). The notebooks are copied to a
temporary folder and JupyterLab gets an empty data directory, so nothing is trusted.

JupyterLab lives in its own environment (``make lab-venv`` → ``.venv-lab``; the report
environment stays lean). Without it the tests skip, unless ``CI`` is set: then they fail.
``STARGATE_JUPYTER_LAB`` may name another ``jupyter-lab`` executable.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from stargate.present.chart_output import VEGA_MIMETYPE

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
START_TIMEOUT_S = 180  # upper bounds, never waits: a loaded 2-core machine is slow

_STATE_JS = """() => ({
  vega: document.querySelectorAll('.jp-RenderedVega5').length,
  drawn: Array.from(document.querySelectorAll('.jp-RenderedVega5'))
    .filter(e => e.querySelector('svg.marks, canvas')).length,
  math: Array.from(document.querySelectorAll('.jp-OutputArea mjx-container, '
    + '.jp-MarkdownCell mjx-container')).map(e => e.closest('.jp-Cell').innerText.slice(0, 120)),
  sanitized: document.querySelectorAll('.jp-OutputArea-output .sg-chart').length,
})"""


def _jupyter_lab() -> Path | None:
    named = os.environ.get("STARGATE_JUPYTER_LAB")
    candidate = Path(named) if named else ROOT / ".venv-lab" / "bin" / "jupyter-lab"
    return candidate if candidate.exists() else None


def _wait_until_up(server: subprocess.Popen, url: str) -> bool:
    """True once the server answers; False if it exits first (e.g. its port was taken)."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/api/status", timeout=2):
                return True
        except OSError:
            if server.poll() is not None:
                return False
            time.sleep(0.5)
    return False


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A JupyterLab server on a copy of the notebooks; yields its base URL."""
    exe = _jupyter_lab()
    missing = None if exe else "JupyterLab is not installed (make lab-venv)"
    if CHROMIUM.exists() is False:
        missing = f"{CHROMIUM} is not installed (Debian package 'chromium')"
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"JupyterLab test in CI: {missing}")
        pytest.skip(missing)
    root = tmp_path_factory.mktemp("lab")
    for path in NOTEBOOKS:
        shutil.copy(path, root / path.name)
    home = tmp_path_factory.mktemp("lab-home")
    # Render every cell at once (JupyterLab renders only cells near the viewport by default).
    settings = home / "settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    (settings / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}')
    env = {
        **os.environ,
        "HOME": str(home),  # no workspace, settings or notebook signatures of the user's
        "JUPYTER_DATA_DIR": str(home / "data"),
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
    }
    # A free port can be taken by another process between _free_port() and the server's bind
    # (parallel tests, other builds). The server is told not to wander to another port
    # (port_retries=0) and is started again on a new port when it exits early.
    server, url = None, ""
    for _attempt in range(5):
        port = _free_port()
        log = (home / "lab.log").open("w")
        server = subprocess.Popen(
            [
                str(exe),
                "--no-browser",
                f"--port={port}",
                "--ServerApp.port_retries=0",
                "--ip=127.0.0.1",
                "--ServerApp.token=",
                "--ServerApp.password=",
                "--ServerApp.disable_check_xsrf=True",
                f"--ServerApp.root_dir={root}",
                "--LabApp.news_url=None",
                "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
                *(["--allow-root"] if os.geteuid() == 0 else []),
            ],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        if _wait_until_up(server, url):
            break
        log.close()
        if server.poll() is None:  # up but not answering within the time limit
            server.kill()
            pytest.fail("JupyterLab did not answer:\n" + (home / "lab.log").read_text())
    else:
        pytest.fail("JupyterLab did not start:\n" + (home / "lab.log").read_text())
    try:
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


@pytest.fixture(scope="module")
def browser(lab: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            yield chromium
        finally:
            chromium.close()


def _vega_outputs(path: Path) -> int:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return sum(
        VEGA_MIMETYPE in out.get("data", {})
        for cell in nb["cells"]
        for out in cell.get("outputs", [])
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_in_jupyterlab(lab: str, browser: Any, path: Path) -> None:
    expected = _vega_outputs(path)
    assert expected >= 5, "every report notebook has charts"
    page = browser.new_page(viewport={"width": 1300, "height": 1000})
    console: list[str] = []
    page.on("console", lambda m: m.type == "error" and console.append(m.text))
    page.on("pageerror", lambda e: console.append(f"uncaught: {e}"))
    try:
        page.goto(f"{lab}/lab/tree/{path.name}?reset", wait_until="load")
        page.wait_for_selector(".jp-Notebook .jp-Cell", state="attached", timeout=180_000)
        try:  # every cell is rendered (no windowing): wait for the charts to draw
            page.wait_for_function(f"() => ({_STATE_JS})().drawn >= {expected}", timeout=120_000)
        except Exception:  # reported by the assertions below
            pass
        page.wait_for_timeout(1000)  # MathJax typesets asynchronously
        state = page.evaluate(_STATE_JS)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"jupyterlab-{path.stem}.png"))
    finally:
        page.close()
    problems = [f"{expected - state['drawn']} of {expected} charts not drawn"] * (
        state["drawn"] != expected or state["vega"] != expected
    )
    problems += [f"chart output sanitised to text: {state['sanitized']}"] * bool(state["sanitized"])
    problems += [f"typeset as math: {text!r}" for text in state["math"]]
    problems += [f"console error: {text}" for text in console]
    assert problems == []
