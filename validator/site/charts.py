"""Static SVG charts for the status pages, rendered at build time with pygal.

The pages are read in mainland China and must fetch nothing from third parties, so a chart is a
self-contained SVG file: pygal's tooltip script (which it would load from a CDN) is disabled, its
inline config script and credit comments (which name pygal's hosts) are removed, and the random
element id is replaced by a fixed one so that an unchanged chart is byte-for-byte unchanged.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping, Sequence

import pygal
from pygal.style import Style

# pygal appends a legacy import hook (for its separate `pygal.maps.*` plugins) to sys.meta_path; it
# lacks `find_spec`, so every later failed import anywhere in the process raises an ImportWarning
# (an error under `-W error`). The status charts use no map plugin: take the hook out again.
sys.meta_path[:] = [f for f in sys.meta_path if type(f).__name__ != "PluginImportFixer"]

FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif'
STYLE = Style(
    font_family=FONT,
    label_font_family=FONT,
    major_label_font_family=FONT,
    legend_font_family=FONT,
    title_font_family=FONT,
    value_font_family=FONT,
    value_label_font_family=FONT,
    tooltip_font_family=FONT,
    no_data_font_family=FONT,
    background="white",
    plot_background="white",
)
_SCRIPT = re.compile(r"<script\b.*?</script>", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")

Series = Mapping[str, Sequence[float | None]]


def line_chart(slug: str, title: str, x_labels: Sequence[str], series: Series) -> str:
    """One line per series over `x_labels` (e.g. stock per region per month)."""
    return _render(pygal.Line, slug, title, x_labels, series)


def bar_chart(slug: str, title: str, x_labels: Sequence[str], series: Series) -> str:
    """Grouped bars per series over `x_labels`."""
    return _render(pygal.Bar, slug, title, x_labels, series)


def _render(
    kind: type[pygal.graph.graph.Graph],
    slug: str,
    title: str,
    x_labels: Sequence[str],
    series: Series,
) -> str:
    chart = kind(
        js=[],
        disable_xml_declaration=True,
        explicit_size=True,
        width=720,
        height=360,
        style=STYLE,
        title=title,
        x_label_rotation=0 if len(x_labels) <= 8 else 30,
        legend_at_bottom=True,
        print_values=False,
        no_data_text="暂无数据",
        include_x_axis=True,
    )
    chart.x_labels = list(x_labels)
    for name, values in series.items():
        chart.add(name, list(values))
    return clean_svg(chart.render(is_unicode=True), slug)


def clean_svg(svg: str, slug: str) -> str:
    """Drop scripts and comments, and give the chart a stable id derived from `slug`."""
    svg = _SCRIPT.sub("", svg)
    svg = _COMMENT.sub("", svg)
    return _UUID.sub(slug, svg) + "\n"
