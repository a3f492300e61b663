"""Every report notebook follows the house shape: parameters, setup, narrative, sources.

Model logic belongs in ``stargate/``; a notebook holds narrative, calls and charts. These checks
read the committed notebooks as files (nbval re-runs them and compares outputs separately).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from stargate.present.parameter_reference import (
    notebook_parameter_names,
    parameters_cell_source,
)
from stargate.publish.notebook_helpers import PARAMETER_NAMES

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
EXPECTED = {"cost_structure", "investor_roles", "sustainability"}


def test_the_three_reports_exist() -> None:
    assert {p.stem for p in NOTEBOOKS} >= EXPECTED


def _code(cell) -> str:
    return cell.source if cell.cell_type == "code" else ""


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_shape(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    code_cells = [c for c in nb.cells if c.cell_type == "code"]
    first, second = code_cells[0], code_cells[1]
    assert "parameters" in first.metadata.get("tags", []), "first code cell must be the parameters"
    assert "setup" in second.metadata.get("tags", []), "second code cell must be tagged setup"
    assert "nb.start(" in second.source
    # The parameters cell is generated from the schema: every group (for -f params/x.yaml) and
    # every key (for -p utilization_rate 0.75), annotated so --help-notebook can describe it.
    assert first.source == parameters_cell_source(), "regenerate with `make notebooks`"
    tree = ast.parse(first.source)
    declared = {
        node.target.id
        for node in tree.body
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
    }
    assert declared == set(PARAMETER_NAMES) | set(notebook_parameter_names())
    # No model logic: no functions, classes or lambdas in any code cell.
    for cell in code_cells:
        for node in ast.walk(ast.parse(cell.source)):
            assert not isinstance(
                node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda
            ), f"{path.name}: model logic in a notebook cell:\n{cell.source[:200]}"
    # Ends with the sources table, and publishes headline figures.
    assert "nb.sources(" in code_cells[-1].source
    assert any("nb.headline(" in _code(c) for c in code_cells)
    assert any(c.cell_type == "markdown" and "## Sources" in c.source for c in nb.cells)
    # Committed with the outputs of a run, without errors.
    assert all(c.get("execution_count") for c in code_cells), "commit the notebook executed"
    for cell in code_cells:
        assert not [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]


@pytest.mark.parametrize("path", NOTEBOOKS[:1], ids=[p.stem for p in NOTEBOOKS[:1]])
def test_papermill_help_lists_parameters(path: Path) -> None:
    papermill = Path(sys.executable).with_name("papermill")
    out = subprocess.run(
        [str(papermill), "--help-notebook", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for name in PARAMETER_NAMES:
        assert f"  {name}:" in out, out
    assert "dict (default {})" in out


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_no_dollar_sign_jupyterlab_would_read_as_math(path: Path) -> None:
    """JupyterLab typesets text between two $ as LaTeX: "$2.80 ... $49bn" breaks.

    Escaping is not enough (the rendered text has plain dollars, which MathJax then reads), so
    Markdown with dollars sits inside an element MathJax skips, and every dollar is escaped too
    (JupyterLab's Markdown renderer would otherwise lift "$...$" out as math before parsing).
    """
    import re

    from stargate.publish.notebook_helpers import MATHJAX_IGNORE_CLASSES

    wrapper = f'<div class="{MATHJAX_IGNORE_CLASSES}">'
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown" and "$" in cell.source:
            assert not re.search(r"(?<!\\)\$", cell.source), cell.source[:200]
            assert cell.source.startswith(wrapper + "\n\n"), cell.source[:200]
            assert cell.source.endswith("\n\n</div>"), cell.source[-200:]
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            assert "$" not in data.get("text/markdown", ""), "Markdown output: use nb.md"
            html = data.get("text/html", "")
            if "$" in html:  # inside an element MathJax skips (nb.md output, pandas table)
                assert 0 <= html.find("mathjax_ignore") < html.index("$"), html[:200]


def test_escape_dollars() -> None:
    from stargate.publish.notebook_helpers import escape_dollars

    assert escape_dollars("$2.80 and \\$3") == "\\$2.80 and \\$3"


def test_md_output_is_html_that_mathjax_skips() -> None:
    from stargate.publish.notebook_helpers import md

    bundle = md("The **$19.2bn** for x, $15.8bn for <b>y</b>")._repr_mimebundle_()
    assert sorted(bundle) == ["text/html", "text/plain"]
    assert bundle["text/html"] == (
        '<div class="mathjax_ignore tex2jax_ignore">\n'
        "<p>The <strong>$19.2bn</strong> for x, $15.8bn for &lt;b&gt;y&lt;/b&gt;</p>\n"
        "</div>\n"
    )
    assert bundle["text/plain"] == "The **\\$19.2bn** for x, \\$15.8bn for <b>y</b>"
