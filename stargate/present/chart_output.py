"""What a chart output is, shared by the charts that make it and the pages that show it.

Kept apart from :mod:`stargate.present.charts` so that the page renderer
(:mod:`stargate.publish.page`) reads chart outputs without importing Altair.
"""

#: The mimetype of a chart output: the chart compiled to a Vega spec (vl-convert). JupyterLab
#: draws it, interactive, with its built-in Vega renderer, which is "safe" and so works in an
#: untrusted notebook too (an HTML chart output is sanitised there); JupyterLab knows Vega by this
#: name. A report page embeds the same spec with the page's own vega-embed.
VEGA_MIMETYPE = "application/vnd.vega.v5+json"
#: Id prefix of chart containers in HTML pages: ``sg-chart-1``, ``sg-chart-2``…
CHART_ID_PREFIX = "sg-chart-"
#: CSS class of every chart container (the browser test looks for these).
CHART_CLASS = "sg-chart"
