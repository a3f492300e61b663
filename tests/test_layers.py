"""The layer contract (import-linter, pyproject's [tool.importlinter]) holds, and it can fail.

model → facts/tables/scenario/schema; present → model; publish → present; build → publish;
function-local imports included. The planted-import test copies the package, adds one upward
import inside a function, and checks that ``lint-imports`` names it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _lint(package_parent: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(package_parent)}
    return subprocess.run(
        [str(LINT_IMPORTS), str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _copy_package(tmp_path: Path) -> Path:
    parent = tmp_path / "src"
    shutil.copytree(
        ROOT / "stargate",
        parent / "stargate",
        ignore=shutil.ignore_patterns("__pycache__", "data", "templates"),
    )
    return parent


@pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="import-linter is not installed")
def test_the_copy_is_what_lint_imports_reads(tmp_path):
    parent = _copy_package(tmp_path)
    result = _lint(parent, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


@pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="import-linter is not installed")
@pytest.mark.parametrize(
    ("module", "upward"),
    [
        ("model/finance.py", "from stargate.present import formatting"),
        ("present/formatting.py", "from stargate.publish import headline"),
        ("facts.py", "from stargate.build import freshness"),
    ],
)
def test_a_planted_function_local_upward_import_breaks_the_contract(tmp_path, module, upward):
    parent = _copy_package(tmp_path)
    path = parent / "stargate" / module
    path.write_text(path.read_text() + f"\n\ndef _planted():\n    {upward}\n")
    result = _lint(parent, tmp_path)
    assert result.returncode != 0, result.stdout
    dotted = "stargate." + module.removesuffix(".py").replace("/", ".")
    assert f"{dotted} -> {upward.split()[1]}" in result.stdout, result.stdout
