"""Plan a build: which reports the selection holds, their inputs, and which are fresh.

:func:`plan_build` validates the selected scenarios and notebooks (bad input stops here: one line
per problem naming file and key, no kernel started, nothing written) and computes each report's
input hash (:mod:`stargate.build.freshness`); a report whose hash equals the one stored in its
executed notebook is fresh. Scenario validations are remembered in
``<out_dir>/.build/validated.json``, so a no-change build neither loads the facts register nor
imports papermill or pandas. :func:`list_reports` is the status table of ``stargate list``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stargate.build.freshness import (
    PACKAGE_DIR,
    Status,
    environment_fingerprint,
    input_hash,
    library_digest,
    notebook_digest,
    report_inputs,
    report_status,
)
from stargate.files import write_text_atomic
from stargate.scenario import (
    BASE_NAME,
    PARAMS_DIR,
    ScenarioError,
    display_path,
    list_scenarios,
    load_scenario,
)

#: Repository folders the command uses by default (the package is installed in editable mode).
REPO_DIR = PACKAGE_DIR.parent
NOTEBOOKS_DIR = REPO_DIR / "notebooks"
OUT_DIR = REPO_DIR / "reports"
#: Merged parameters of scenarios validated by earlier builds, by name (see plan_build).
VALIDATED_CACHE = ".build/validated.json"


class BuildInputError(Exception):
    """Bad input for a build; ``problems`` holds one line per problem (file and key named)."""

    def __init__(self, problems: Sequence[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


@dataclass(frozen=True)
class PlannedReport:
    """One report of a plan: its current inputs and hash, and how it stands on disk."""

    scenario: str
    notebook: str
    input_hash: str
    status: Status
    inputs: dict[str, Any] = field(repr=False, default_factory=dict)

    @property
    def record(self) -> dict[str, Any]:
        """The build record stored as ``metadata.stargate`` of the executed notebook."""
        return {
            "input_hash": self.input_hash,
            "inputs": self.inputs,
            "notebook": self.notebook,
            "scenario": self.scenario,
        }

    @property
    def label(self) -> str:
        """``scenario/notebook``."""
        return f"{self.scenario}/{self.notebook}"


@dataclass
class BuildPlan:
    """Every selected report with its inputs; what :func:`build` runs from."""

    notebooks_dir: Path
    params_dir: Path
    out_dir: Path
    notebooks: dict[str, Path]
    parameters: dict[str, dict[str, Any]]
    reports: list[PlannedReport]
    library: str
    environment: dict[str, str]
    notebook_texts: dict[str, str] = field(repr=False, default_factory=dict)
    #: The validation cache to write back (empty: unchanged); see :func:`plan_build`.
    validated: dict[str, dict[str, Any]] = field(repr=False, default_factory=dict)
    #: Whether the reports' charts carry static SVGs (:func:`build_static_svg`).
    static_svg: bool = False
    #: The other languages the build writes (:func:`requested_languages`); a report is fresh
    #: only when its page in each of them carries its current input hash.
    languages: tuple[str, ...] = ()

    @property
    def scenarios(self) -> list[str]:
        """The selected scenario names (each validated)."""
        return list(self.parameters)

    def todo(self, force: bool = False) -> list[PlannedReport]:
        """The reports to (re)build: all with ``force``, else those not fresh."""
        return [r for r in self.reports if force or r.status.state != "fresh"]


def build_static_svg() -> bool:
    """Whether a build draws static SVG fallbacks of its charts (``STARGATE_STATIC_SVG=1``).

    Off by default: a static SVG costs ≈0.15 s of CPU per chart in the kernel (vl-convert),
    about half of a report's cell time, and the report page draws every chart from its Vega
    spec with the vega-embed it inlines, offline. The SVG is only a no-JavaScript fallback.
    (Notebooks run outside a build — JupyterLab, ``make notebooks``, nbval — keep drawing it:
    GitHub shows a notebook's charts from it.) A report records the setting when it is on, so
    switching it rebuilds.
    """
    from stargate.present.chart_render import static_svg_setting

    return static_svg_setting() is True


def requested_languages() -> tuple[str, ...]:
    """The languages besides English this build writes (``STARGATE_LANGUAGES``; default all).

    Raises:
        BuildInputError: the variable names a language the project has no catalog for (one
            line naming the variable and the languages available).
    """
    from stargate.present.i18n import LANGUAGES, LANGUAGES_ENV, build_languages

    try:
        return build_languages()
    except ValueError:
        setting = os.environ.get(LANGUAGES_ENV, "")
        unknown = [c.strip() for c in setting.split(",") if c.strip() not in ("", *LANGUAGES)]
        raise BuildInputError(
            [
                f"stargate: {LANGUAGES_ENV}={setting.strip()}: unknown language "
                f"{', '.join(repr(c) for c in unknown)} (available: {', '.join(LANGUAGES)}; "
                "comma-separated, e.g. en or en,ja)"
            ]
        ) from None


def find_notebooks(notebooks_dir: Path) -> dict[str, Path]:
    """Report notebooks in ``notebooks_dir`` by name (file stem), sorted."""
    return {p.stem: p for p in sorted(notebooks_dir.glob("*.ipynb")) if not p.name.startswith(".")}


def _select(
    kind: str, wanted: Sequence[str] | None, known: Sequence[str], where: Path
) -> list[str]:
    if not wanted:
        return list(known)
    problems = []
    chosen: list[str] = []
    for item in wanted:
        name = Path(item).stem if item.endswith((".yaml", ".yml", ".ipynb")) else item
        if name not in known:
            hint = ", ".join(known) or "none"
            problems.append(f"{display_path(where)}: unknown {kind} {item!r} (known: {hint})")
        elif name not in chosen:
            chosen.append(name)
    if problems:
        raise BuildInputError(problems)
    return chosen


def _read_notebook(path: Path) -> tuple[str, str]:
    """``(notebook digest, notebook text without stored outputs)``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
            raise ValueError("no 'cells' list")
    except (OSError, ValueError) as exc:
        raise BuildInputError([f"{display_path(path)}: not a readable notebook ({exc})"]) from None
    for cell in data["cells"]:
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
    return notebook_digest(data), json.dumps(data, ensure_ascii=False)


def plan_build(
    notebooks_dir: Path = NOTEBOOKS_DIR,
    params_dir: Path = PARAMS_DIR,
    out_dir: Path = OUT_DIR,
    scenarios: Sequence[str] | None = None,
    notebooks: Sequence[str] | None = None,
    *,
    use_cache: bool = False,
) -> BuildPlan:
    """Validate the selection and compute every report's input hash and status.

    Args:
        notebooks_dir: folder of report notebooks.
        params_dir: folder of scenario files (with ``base.yaml``).
        out_dir: the reports folder (read only here).
        scenarios: scenario names to build (default all in ``params_dir``).
        notebooks: notebook names to build (default all in ``notebooks_dir``).
        use_cache: reuse validations recorded by earlier builds in
            ``<out_dir>/.build/validated.json`` when the scenario file, ``base.yaml``, the
            library and the package versions are all unchanged.

    Raises:
        BuildInputError: unknown names, invalid scenario files, unreadable notebooks.
    """
    notebooks_dir, params_dir, out_dir = Path(notebooks_dir), Path(params_dir), Path(out_dir)
    all_notebooks = find_notebooks(notebooks_dir)
    if not all_notebooks:
        raise BuildInputError([f"{display_path(notebooks_dir)}: no notebooks (*.ipynb) found"])
    all_scenarios = list_scenarios(params_dir)
    if not all_scenarios:
        raise BuildInputError([f"{display_path(params_dir)}: no scenario files (*.yaml) found"])
    problems: list[str] = []
    try:
        languages = requested_languages()
    except BuildInputError as exc:
        problems += exc.problems
        languages = ()
    try:
        chosen_scenarios = _select("scenario", scenarios, all_scenarios, params_dir)
    except BuildInputError as exc:
        problems += exc.problems
        chosen_scenarios = []
    try:
        chosen_notebooks = _select("notebook", notebooks, list(all_notebooks), notebooks_dir)
    except BuildInputError as exc:
        problems += exc.problems
        chosen_notebooks = []
    library = library_digest()
    environment = environment_fingerprint()
    cache_path = out_dir / VALIDATED_CACHE
    cached = _read_validated(cache_path) if use_cache else {}
    # The cache after this plan: entries of scenarios that still exist, refreshed.
    validated = {name: entry for name, entry in cached.items() if name in all_scenarios}
    parameters: dict[str, dict[str, Any]] = {}
    for name in chosen_scenarios:
        path = params_dir / f"{name}.yaml"
        key = _validation_key(path, params_dir, library, environment)
        entry = cached.get(name)
        if key is not None and isinstance(entry, dict) and entry.get("key") == key:
            parameters[name] = entry["parameters"]
            continue
        validated.pop(name, None)
        try:
            parameters[name] = load_scenario(path, params_dir=params_dir).to_parameters()
        except ScenarioError as exc:
            problems += exc.problems
        except Exception as exc:  # a library fault (e.g. a missing fact): still one line
            problems.append(f"{display_path(path)}: cannot load: {type(exc).__name__}: {exc}")
        else:
            if key is not None:
                validated[name] = {"key": key, "parameters": parameters[name]}
    texts: dict[str, str] = {}
    digests: dict[str, str] = {}
    for name in chosen_notebooks:
        try:
            digests[name], texts[name] = _read_notebook(all_notebooks[name])
        except BuildInputError as exc:
            problems += exc.problems
    if problems:
        raise BuildInputError(problems)
    reports = []
    static_svg = build_static_svg()
    for scenario_name, merged in parameters.items():
        for notebook_name in chosen_notebooks:
            inputs = report_inputs(digests[notebook_name], merged, library, environment)
            if static_svg:
                inputs["static_svg"] = True
            status = report_status(out_dir, scenario_name, notebook_name, inputs, languages)
            reports.append(
                PlannedReport(scenario_name, notebook_name, input_hash(inputs), status, inputs)
            )
    return BuildPlan(
        notebooks_dir=notebooks_dir,
        params_dir=params_dir,
        out_dir=out_dir,
        notebooks={n: all_notebooks[n] for n in chosen_notebooks},
        parameters=parameters,
        reports=reports,
        library=library,
        environment=environment,
        notebook_texts=texts,
        validated=validated if use_cache and validated != cached else {},
        static_svg=static_svg,
        languages=languages,
    )


def _validation_key(
    path: Path, params_dir: Path, library: str, environment: dict[str, str]
) -> str | None:
    """What a scenario's validation depends on: its file, base.yaml, the schema and facts.

    Validating loads the facts register (≈0.6 s); a no-change build reuses the result of the
    last successful validation with the very same inputs instead. None: a file is unreadable
    (validation will say so).
    """
    try:
        scenario_bytes = path.read_bytes()
        base = params_dir / f"{BASE_NAME}.yaml"
        base_bytes = base.read_bytes() if base.exists() else b""
    except OSError:
        return None
    digest = hashlib.sha256()
    for part in (path.stem.encode(), scenario_bytes, base_bytes, library.encode()):
        digest.update(hashlib.sha256(part).digest())
    digest.update(json.dumps(environment, sort_keys=True).encode())
    return digest.hexdigest()


def _read_validated(path: Path) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def store_validated(plan: BuildPlan) -> None:
    """Write the plan's validation cache back to ``<out_dir>/.build/validated.json``, if changed.

    Call it while holding the build lock. A failed write is ignored: the cache only saves time.
    """
    if plan.validated:
        with contextlib.suppress(OSError):
            # Key order kept: papermill injects parameters in this order.
            text = json.dumps(plan.validated, ensure_ascii=False) + "\n"
            write_text_atomic(plan.out_dir / VALIDATED_CACHE, text)


# --------------------------------------------------------------------------- status listing


@dataclass
class ReportListing:
    """What ``stargate list`` shows: names, and each report's state."""

    scenarios: list[str]
    notebooks: list[str]
    #: ``fresh``, ``stale``, ``failed`` or ``missing`` by (scenario, notebook); ``invalid`` for
    #: every report of a scenario that does not validate. Empty when either list is.
    states: dict[tuple[str, str], str] = field(default_factory=dict)
    #: One line per problem of the invalid scenarios (file and key named).
    problems: list[str] = field(default_factory=list)


def list_reports(notebooks_dir: Path, params_dir: Path, out_dir: Path) -> ReportListing:
    """Every scenario × notebook and how its report stands in ``out_dir``; reads only.

    Each scenario is planned on its own, so an invalid one marks only its own reports. A report
    is fresh only in every language the build would write (``STARGATE_LANGUAGES``).

    Raises:
        BuildInputError: ``STARGATE_LANGUAGES`` names an unknown language.
    """
    requested_languages()  # a bad STARGATE_LANGUAGES is one error, not one per scenario
    listing = ReportListing(list_scenarios(params_dir), list(find_notebooks(notebooks_dir)))
    if not listing.scenarios or not listing.notebooks:
        return listing
    for name in listing.scenarios:
        try:
            plan = plan_build(notebooks_dir, params_dir, out_dir, [name], use_cache=True)
        except BuildInputError as exc:
            listing.problems += exc.problems
            listing.states.update({(name, nb): "invalid" for nb in listing.notebooks})
            continue
        listing.states.update({(r.scenario, r.notebook): r.status.state for r in plan.reports})
    return listing
