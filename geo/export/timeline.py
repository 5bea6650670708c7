"""The timeline in the exports: a deck slide (PNG picture) and a panel in the HTML map page.

The chart is :func:`geo.render.timeline.timeline_chart`, the one the app shows. It is drawn
offline by vl-convert (Vega and Vega-Lite bundled in a native module: no browser, no network):
a PNG for the slide, an inline SVG for the HTML page, so the page stays one self-contained file
with no script added.
"""

from __future__ import annotations

import io
import math
from typing import TYPE_CHECKING, Any

import vl_convert

from geo.render.maps import html_text
from geo.render.timeline import timeline_bars, timeline_chart, undated_events

if TYPE_CHECKING:
    from collections.abc import Sequence

    from geo.model.dataset import Dataset

__all__ = [
    "HTML_PANEL_MAX_EVENTS",
    "SLIDE_ROWS",
    "add_timeline_slides",
    "timeline_png",
    "timeline_svg",
    "with_timeline_panel",
]

#: Bars on one timeline slide: with 17 px (12.75 pt) text every row stays readable.
SLIDE_ROWS = 18

#: Above this many events the HTML page's panel asks for a narrower filter instead of a chart
#: nobody can read (and the page stays small and quick for 100,000 events).
HTML_PANEL_MAX_EVENTS = 200

#: The slide's chart box (inches) and the pixels per inch it is drawn at: the chart's 17 px
#: text is then 12.75 pt on the slide; the PNG is rendered at twice that for crispness.
_SLIDE_BOX_IN = (0.4, 1.35, 12.5, 5.6)  # left, top, width, height
_PX_PER_IN, _SLIDE_SCALE, _SLIDE_FONT_PX = 96, 2, 17

_PANEL_CSS = (
    ".drillmap-timeline{position:fixed;left:10px;bottom:24px;z-index:1000;max-width:calc(100% - "
    "20px);max-height:60vh;overflow:auto;background:#fff;border:1px solid #999;border-radius:4px;"
    "box-shadow:0 1px 5px rgba(0,0,0,.4);font:14px 'Liberation Sans',Arial,sans-serif}"
    ".drillmap-timeline summary{cursor:pointer;padding:6px 10px;font-weight:bold}"
    ".drillmap-timeline p{margin:4px 10px}.drillmap-timeline svg{display:block}"
)


def _spec(ds: Dataset, ids: Sequence[str], *, width_px: int, font_px: float, row_px: int,
          label_px: int, selected: str | None = None) -> dict[str, Any]:
    """The chart, ``width_px`` wide in all (names, plot and padding)."""
    return timeline_chart(ds, ids, selected=selected, width=width_px, font_px=font_px,
                          row_px=row_px, label_px=label_px)


def timeline_png(ds: Dataset, ids: Sequence[str], *, width_px: int, font_px: float = 13,
                 row_px: int = 24, label_px: int = 300, scale: float = 1,
                 selected: str | None = None) -> bytes:
    """The timeline as a PNG ``width_px`` wide (times ``scale``), drawn offline by vl-convert."""
    spec = _spec(ds, ids, width_px=width_px, font_px=font_px, row_px=row_px,
                 label_px=label_px, selected=selected)
    png: bytes = vl_convert.vegalite_to_png(spec, scale=scale)
    return png


def timeline_svg(ds: Dataset, ids: Sequence[str], *, width_px: int, font_px: float = 13,
                 row_px: int = 24, label_px: int = 300) -> str:
    """The timeline as an SVG document (text as SVG text, escaped by the renderer)."""
    spec = _spec(ds, ids, width_px=width_px, font_px=font_px, row_px=row_px,
                 label_px=label_px)
    svg: str = vl_convert.vegalite_to_svg(spec)
    return svg


def with_timeline_panel(page: str, ds: Dataset, ids: Sequence[str]) -> str:
    """The HTML map page with a collapsible *Timeline* panel (an inline SVG) over the map.

    Closed by default, so the map is seen first. Above :data:`HTML_PANEL_MAX_EVENTS` events the
    panel says to narrow the filter instead.
    """
    undated = undated_events(ds, ids)
    dated = len(ids) - len(undated)
    if not dated:
        body = "<p>No shown event has a date.</p>"
    elif dated > HTML_PANEL_MAX_EVENTS:
        body = (f"<p>{dated:,} dated events: too many for a readable timeline. Export "
                f"at most {HTML_PANEL_MAX_EVENTS} (filter by dates, type, participants…).</p>")
    else:
        body = timeline_svg(ds, ids, width_px=1100)
    if undated:
        names = "; ".join(ds.event_by_id[i].name for i in undated)
        body += f"<p>Not on the timeline (no date stated): {html_text(names)}.</p>"
    panel = (f"<style>{_PANEL_CSS}</style><details class='drillmap-timeline'>"
             f"<summary>Timeline ({dated} event{'s' if dated != 1 else ''} by date; "
             "faded, dashed: date known only to the month or year)</summary>"
             f"{body}</details>")
    head, sep, tail = page.rpartition("</body>")
    return f"{head}{panel}{sep}{tail}" if sep else page + panel


def add_timeline_slides(prs: Any, ds: Dataset, ids: Sequence[str], *,
                        font: str = "Arial") -> int:
    """Append the timeline slide(s) to a python-pptx presentation; return how many.

    One slide per :data:`SLIDE_ROWS` events (earliest first), each with a title, a one-line key
    and the chart as a picture drawn at the size it is shown (text 12.75 pt).
    """
    from pptx.util import Inches, Pt  # python-pptx, as geo.export.deck imports it: lazily

    bars = timeline_bars(ds, ids)
    pages = max(1, math.ceil(len(bars) / SLIDE_ROWS))
    left, top, width, height = _SLIDE_BOX_IN
    for page in range(pages):
        chunk = [b.id for b in bars[page * SLIDE_ROWS:(page + 1) * SLIDE_ROWS]]
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        title = "Timeline" + (f" ({page + 1} of {pages})" if pages > 1 else "")
        key = ("Colour: status · faded and dashed: date known only within days, to the month "
               "or to the year")
        for text, y, height_in, size, bold in ((title, 0.25, 0.6, 28, True),
                                               (key, 0.85, 0.45, 14, False)):
            box = slide.shapes.add_textbox(Inches(left), Inches(y), Inches(width),
                                           Inches(height_in))
            box.text_frame.word_wrap = True
            for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
                setattr(box.text_frame, side, Inches(0.05))
            run = box.text_frame.paragraphs[0].add_run()
            run.text, run.font.size, run.font.bold, run.font.name = text, Pt(size), bold, font
        if not chunk:
            box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(1))
            run = box.text_frame.paragraphs[0].add_run()
            run.text, run.font.size, run.font.name = "No shown event has a date.", Pt(18), font
            continue
        row_px = min(32, int((height * _PX_PER_IN - 120) / len(chunk)))
        png = timeline_png(ds, chunk, width_px=int(width * _PX_PER_IN), font_px=_SLIDE_FONT_PX,
                           row_px=row_px, label_px=430, scale=_SLIDE_SCALE)
        picture = slide.shapes.add_picture(io.BytesIO(png), Inches(left), Inches(top),
                                           width=Inches(width))
        picture.name = "Timeline"
    return pages
