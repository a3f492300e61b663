"""environment.yml (conda users) and pyproject.toml (pip users) describe the same packages."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
_NAME = re.compile(r"^\s*([A-Za-z0-9_.\-]+)")


def _name(spec: str) -> str:
    match = _NAME.match(spec)
    assert match, spec
    return match.group(1).lower().replace("_", "-")


def _pyproject_packages() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    specs = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        specs += extra
    return {_name(s) for s in specs}


def _specs() -> list[str]:
    """environment.yml's packages: conda's, and those under its ``pip:`` entry (PyPI-only)."""
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    specs = [s for s in env["dependencies"] if isinstance(s, str)]
    for entry in env["dependencies"]:
        if isinstance(entry, dict):
            specs += [s.replace("==", "=") for s in entry.get("pip", [])]
    return specs


def _conda_packages() -> set[str]:
    return {_name(s) for s in _specs()} - {"python", "pip"}


def test_environment_yml_matches_pyproject() -> None:
    pip, conda = _pyproject_packages(), _conda_packages()
    assert pip - conda == set(), f"in pyproject.toml, missing from environment.yml: {pip - conda}"
    assert conda - pip == set(), f"in environment.yml, missing from pyproject.toml: {conda - pip}"


def test_pins_agree() -> None:
    """An exact pin (==) in pyproject.toml is the same exact pin (=) in environment.yml."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pins = {_name(s): s.split("==")[1] for s in project["dependencies"] if "==" in s}
    conda_pins = {_name(s): s.split("=")[1] for s in _specs() if "=" in s}
    for name, version in pins.items():
        assert conda_pins.get(name) == version, name
