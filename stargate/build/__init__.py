"""Build the reports: every notebook × every scenario, only what changed.

A *report* is one notebook (``notebooks/<notebook>.ipynb``) run by papermill with one scenario's
merged parameters (``params/<scenario>.yaml``), kept as ``reports/<scenario>/<notebook>.ipynb``
(the executed notebook) and ``reports/<scenario>/<notebook>.html``. After the reports,
``reports/index.html`` and ``reports/compare.html`` are regenerated.

The build, in order (:func:`stargate.build.run.build`):

1. **Validate** every selected scenario and notebook (:mod:`~stargate.build.plan`). Bad input
   stops here: one line per problem naming file and key, no kernel started, nothing written.
2. **Plan**: a report whose input hash (:mod:`~stargate.build.freshness`) equals the one stored
   in its executed notebook *and* in its HTML page is fresh and skipped (``force`` rebuilds it
   anyway); a pair of files from different inputs (an interrupted or failed write) is stale.
   A no-change build imports neither papermill nor pandas and takes well under a second.
3. **Run** the rest side by side in worker processes or on Dask (:mod:`~stargate.build.runners`).
   Each report is one :func:`stargate.build.execute.run_report`, in a new kernel
   (:mod:`~stargate.build.kernels`). Workers return the executed notebook, its HTML and its
   summary for the index pages as data; only the build process writes
   (:mod:`~stargate.build.output_folder`), each file through a temporary file and
   ``os.replace``. A failing notebook leaves the previous report
   untouched; its partial run goes to ``reports/_failed/<scenario>/<notebook>.ipynb`` (for a
   kernel that died: the cells that ran, the running cell's last outputs and a note naming it)
   and one line names the scenario, notebook, cell and error. A cell that runs longer than the
   cell timeout (default 600 s, fractions allowed) fails its report, so a hung notebook cannot
   hold the build. A worker that dies fails only the report it was running.
4. **Index**: ``stargate.publish.site.write_site`` rewrites the index and comparison pages when
   the digest of what they show (every report's hashes, the scenario list, the library) differs
   from the one stamped in them — so a scenario deleted and restored, or an index write that
   failed or was interrupted, is put right by the next build.

``stargate build --watch`` (:mod:`~stargate.build.watch`) rebuilds a scenario when its file
changes. The ``stargate build`` and ``stargate list`` commands (:mod:`stargate.cli`) only parse
arguments and print; :mod:`~stargate.build.rerun_notebooks` is ``make notebooks``.
"""
