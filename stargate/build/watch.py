"""``stargate build --watch``: rebuild a scenario's reports when its file changes.

:func:`watch_builds` builds once, then waits for changes under the scenario and notebook
folders (``watchfiles``: native file-system events, changes in quick succession batched) and
builds what they touch (:func:`scenarios_to_rebuild`), each time through the same
:func:`stargate.build.run.build` as ``stargate build`` — so the freshness rules, the one-line
errors and the index pages are the same. A scenario file that does not validate is reported
and watched on; the next save that fixes it builds it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from stargate.build.plan import BuildInputError
from stargate.scenario import BASE_NAME

#: A change: watchfiles' ``(Change, path)`` pairs; only the path is used.
Changes = Iterable[tuple[Any, str]]


def scenarios_to_rebuild(
    changes: Changes, params_dir: Path, notebooks_dir: Path
) -> list[str] | None:
    """The scenarios a batch of file changes touches: sorted names, or None for all of them.

    A changed ``<params_dir>/<name>.yaml`` touches that scenario; ``base.yaml`` (which every
    scenario inherits), a notebook, or a scenario file deleted (the index pages change) touch
    all of them (fresh reports are skipped, so that costs little). Other files touch none: an
    empty list.
    """
    params_dir, notebooks_dir = Path(params_dir).resolve(), Path(notebooks_dir).resolve()
    names: set[str] = set()
    for _change, raw in changes:
        path = Path(raw).resolve()
        if path.name.startswith("."):
            continue  # editor swap and backup files
        if path.parent == notebooks_dir and path.suffix == ".ipynb":
            return None
        if path.parent != params_dir or path.suffix not in (".yaml", ".yml"):
            continue
        if path.stem == BASE_NAME or not path.exists():
            return None
        names.add(path.stem)
    return sorted(names)


def watch_builds(
    notebooks_dir: Path,
    params_dir: Path,
    out_dir: Path,
    *,
    build_options: dict[str, Any] | None = None,
    on_summary: Callable[[Any], None] = lambda summary: None,
    on_problems: Callable[[list[str]], None] = lambda problems: None,
    on_waiting: Callable[[], None] = lambda: None,
    stop_event: Any = None,
    changes: Iterable[Changes] | None = None,
) -> None:
    """Build, then rebuild what each batch of file changes touches, until stopped.

    Args:
        notebooks_dir: folder of report notebooks (watched).
        params_dir: folder of scenario files (watched).
        out_dir: the reports folder.
        build_options: keyword arguments of :func:`stargate.build.run.build` (``scenarios``
            selects the first build only).
        on_summary: called with each build's :class:`~stargate.build.run.BuildSummary`.
        on_problems: called with the problem lines of a build refused for bad input.
        on_waiting: called whenever the watch waits for the next change.
        stop_event: a ``threading.Event`` that ends the watch when set (else Ctrl-C does).
        changes: batches of changes to act on instead of watching the folders (for tests).

    Raises:
        BuildBusy: another build holds the output folder.
    """
    from stargate.build.run import build

    options = dict(build_options or {})
    first = options.pop("scenarios", None)

    def run(scenarios: list[str] | None) -> None:
        try:
            summary = build(notebooks_dir, params_dir, out_dir, scenarios=scenarios, **options)
        except BuildInputError as exc:
            on_problems(exc.problems)
            return
        on_summary(summary)

    from stargate.build import runners

    run(first)
    on_waiting()
    if changes is None:
        import watchfiles

        changes = watchfiles.watch(
            params_dir, notebooks_dir, stop_event=stop_event, raise_interrupt=False
        )
    saved = runners.WORKER_START_METHOD
    # Later builds' workers must not be forked from this process (see WORKER_START_METHOD).
    runners.WORKER_START_METHOD = "forkserver"
    try:
        for batch in changes:
            touched = scenarios_to_rebuild(batch, params_dir, notebooks_dir)
            if touched == []:
                continue
            run(touched)
            on_waiting()
    finally:
        runners.WORKER_START_METHOD = saved
