"""A map on a slide: its picture rendered at the size it is shown, its labels and boxes
(title, legend, source line, distance labels and verdicts, event names) as PowerPoint text
boxes placed where the browser laid them out, so an analyst can move or reword them and
PowerPoint's search finds them.

The map page is laid out at :data:`CSS_PX_PER_IN` CSS pixels per inch of the slide, so one
CSS pixel is one point and the map's 12 px text is 12 pt on the slide; the picture has
:data:`IMAGE_PX_PER_IN` pixels per inch (twice a 96-dpi screen, for crispness), as a JPEG of
quality 92 (encoded in half the time of a PNG, and a third of its size). Place names
stay in the picture (they are basemap, like the coastlines); the rest is hidden there and drawn
as text boxes over it, from the boxes read in the page (``drillmapLabels.describe``).
"""

from __future__ import annotations

import io
import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from geo.export.png import MapLayout, MapRenderer

__all__ = ["CSS_PX_PER_IN", "IMAGE_PX_PER_IN", "RenderedMap", "SlideMap", "add_map", "place_map",
           "render_map", "render_maps"]


CSS_PX_PER_IN = 72


IMAGE_PX_PER_IN = 192


_RGB = re.compile(r"rgba?\(\s*(\d+),\s*(\d+),\s*(\d+)(?:,\s*([\d.]+))?\s*\)")


def _colour(css: str) -> tuple[tuple[int, int, int], float] | None:
    """``(rgb, alpha)`` of a computed CSS colour such as ``rgb(34, 34, 34)``; ``None`` if
    unreadable or fully transparent."""
    m = _RGB.match(css or "")
    if m is None:
        return None
    alpha = float(m.group(4)) if m.group(4) is not None else 1.0
    if alpha == 0:
        return None
    return (int(m.group(1)), int(m.group(2)), int(m.group(3))), alpha


@dataclass(frozen=True, slots=True)
class SlideMap:
    """What :func:`add_map` put on the slide (inches) and the layout it read."""

    left: float
    top: float
    width: float
    height: float
    layout: MapLayout
    picture: Any
    text_shapes: tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class RenderedMap:
    """A map page drawn for a slide (:func:`render_map`): its picture and label layout, and
    its size in inches (rounded to whole CSS pixels)."""

    image: bytes
    layout: MapLayout
    width: float
    height: float


def render_map(renderer: MapRenderer, page_html: str, *, width: float,
               height: float) -> RenderedMap:
    """Draw ``page_html`` for a ``width`` x ``height`` inch picture (the browser's part of
    :func:`add_map`; :func:`place_map` is the slide's). Call it in the renderer's thread.

    The picture's size is rounded to whole CSS pixels (1/72 inch), so the page's font sizes
    in pixels are the slide's in points exactly.
    """
    return next(iter(render_maps(renderer, [(page_html, width, height)])))


def render_maps(renderer: MapRenderer, jobs: Iterable[tuple[str, float, float]]
                ) -> Iterator[RenderedMap]:
    """:func:`render_map` of each ``(page_html, width, height)``, in order
    (:meth:`MapRenderer.render_many_with_layout`, so as many at a time as the renderer's
    ``pipeline_pages``)."""
    scale = IMAGE_PX_PER_IN / CSS_PX_PER_IN
    sizes: deque[tuple[int, int]] = deque()

    def browser_jobs() -> Iterator[tuple[str, int, int, float]]:
        for page_html, width, height in jobs:
            css_w, css_h = round(width * CSS_PX_PER_IN), round(height * CSS_PX_PER_IN)
            sizes.append((css_w, css_h))
            yield page_html, round(css_w * scale), round(css_h * scale), scale

    for image, layout in renderer.render_many_with_layout(browser_jobs(), image_type="jpeg"):
        css_w, css_h = sizes.popleft()
        yield RenderedMap(image=image, layout=layout, width=css_w / CSS_PX_PER_IN,
                          height=css_h / CSS_PX_PER_IN)


def place_map(slide: Any, rendered: RenderedMap, *, left: float, top: float,
              font: str = "Arial") -> SlideMap:
    """Put a :func:`render_map` picture at (``left``, ``top``) inches and draw its labels and
    boxes over it as text boxes."""
    from pptx.util import Inches

    picture = slide.shapes.add_picture(io.BytesIO(rendered.image), Inches(left), Inches(top),
                                       width=Inches(rendered.width),
                                       height=Inches(rendered.height))
    picture.name = "Map"
    layout = rendered.layout
    draw = _Overlay(slide, left, top, 1 / CSS_PX_PER_IN, font)
    shapes = [draw.box(b) for b in layout["boxes"]]
    shapes += [draw.label(lab) for lab in layout["labels"]
               if "drillmap-place" not in lab["className"].split()]
    return SlideMap(left=left, top=top, width=rendered.width, height=rendered.height,
                    layout=layout, picture=picture, text_shapes=tuple(shapes))


def add_map(slide: Any, renderer: MapRenderer, page_html: str, *, left: float, top: float,
            width: float, height: float, font: str = "Arial") -> SlideMap:
    """Render ``page_html`` for a ``width`` x ``height`` inch picture at (``left``, ``top``)
    and draw its labels and boxes over it as text boxes (:func:`render_map`, then
    :func:`place_map`)."""
    return place_map(slide, render_map(renderer, page_html, width=width, height=height),
                     left=left, top=top, font=font)


class _Overlay:
    """Draws layout boxes (CSS pixels of the map) as shapes over the picture (inches)."""

    def __init__(self, slide: Any, left: float, top: float, in_per_px: float, font: str):
        self.slide, self.left, self.top, self.k, self.font = slide, left, top, in_per_px, font

    def _emu(self, px: float, origin: float = 0.0) -> Any:
        from pptx.util import Inches

        return Inches(origin + px * self.k)

    def _pt(self, px: float) -> Any:
        from pptx.util import Pt

        return Pt(round(px * self.k * 72, 2))

    def _run(self, paragraph: Any, text: str, style: dict[str, Any]) -> None:
        from pptx.dml.color import RGBColor

        run = paragraph.add_run()
        run.text = text
        run.font.name = self.font
        run.font.size = self._pt(style["fontPx"])
        run.font.bold = bool(style.get("bold"))
        run.font.italic = bool(style.get("italic"))
        colour = _colour(style.get("color", ""))
        if colour is not None:
            run.font.color.rgb = RGBColor(*colour[0])  # type: ignore[no-untyped-call]

    def _frame(self, shape: Any, fill: str, line: str, line_px: float) -> None:
        from pptx.dml.color import RGBColor

        background = _colour(fill)
        if background is not None:
            shape.fill.solid()
            shape.fill.fore_color.rgb = RGBColor(*background[0])  # type: ignore[no-untyped-call]
        else:
            shape.fill.background()
        border = _colour(line)
        if border is not None and line_px > 0:
            shape.line.color.rgb = RGBColor(*border[0])  # type: ignore[no-untyped-call]
            shape.line.width = self._pt(line_px)
        else:
            shape.line.fill.background()

    def _text_box(self, shapes: Any, x: float, y: float, w: float, h: float, *,
                  wrap: bool, margins: tuple[float, float, float, float] = (0, 0, 0, 0)
                  ) -> Any:
        from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE

        box = shapes.add_textbox(self._emu(x, self.left), self._emu(y, self.top),
                                 self._emu(w), self._emu(h))
        tf = box.text_frame
        tf.word_wrap = wrap
        tf.auto_size = MSO_AUTO_SIZE.NONE
        tf.vertical_anchor = MSO_ANCHOR.TOP if wrap else MSO_ANCHOR.MIDDLE
        for side, px in zip(("margin_top", "margin_right", "margin_bottom", "margin_left"),
                            margins, strict=True):
            setattr(tf, side, self._emu(px))
        return box

    def label(self, lab: dict[str, Any]) -> Any:
        """A placed map label (distance, verdict, event name, ring) as one text box."""
        from pptx.enum.shapes import MSO_SHAPE
        from pptx.util import Pt

        wrapped = "wrapped" in lab["className"].split()
        background = _colour(lab.get("background", ""))
        if background is not None or lab.get("borderWidth", 0) > 0:
            shape = self.slide.shapes.add_shape(
                MSO_SHAPE.RECTANGLE, self._emu(lab["x"], self.left), self._emu(lab["y"], self.top),
                self._emu(lab["w"]), self._emu(lab["h"]))
            self._frame(shape, lab.get("background", ""), lab.get("border", ""),
                        lab.get("borderWidth", 0))
            shape.shadow.inherit = False
            tf = shape.text_frame
            tf.word_wrap = wrapped
            for side in ("margin_top", "margin_bottom"):
                setattr(tf, side, 0)
            tf.margin_left = tf.margin_right = self._emu(4)
        else:
            shape = self._text_box(self.slide.shapes, lab["x"], lab["y"], lab["w"], lab["h"],
                                   wrap=wrapped, margins=(0, 2, 0, 2))
            tf = shape.text_frame
        shape.name = f"Map label: {lab['text'][:60]}"
        p = tf.paragraphs[0]
        p.space_before = p.space_after = Pt(0)
        self._run(p, lab["text"], lab)
        return shape

    def box(self, b: dict[str, Any]) -> Any:
        """A map box (title, legend, source line) as a group: frame, symbols and text."""
        from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
        from pptx.enum.text import PP_ALIGN
        from pptx.util import Pt

        group = self.slide.shapes.add_group_shape()
        kind = next((c.removeprefix("drillmap-") for c in b["className"].split()
                     if c != "drillmap-box"), "box")
        group.name = f"Map {kind}"
        frame = group.shapes.add_shape(MSO_SHAPE.RECTANGLE, self._emu(b["x"], self.left),
                                       self._emu(b["y"], self.top), self._emu(b["w"]),
                                       self._emu(b["h"]))
        self._frame(frame, b.get("background", ""), "rgb(170, 170, 170)", 0.75)
        frame.shadow.inherit = False
        top, right, bottom, left = b["padding"]
        indent = 0.0
        for para in b["paragraphs"]:
            sw = para.get("swatch")
            if sw is None:
                continue
            indent = max(indent, sw["x"] + sw["w"] + 5 - b["x"] - left)
            self._swatch(group.shapes, sw, MSO_CONNECTOR, MSO_SHAPE)
        text = self._text_box(group.shapes, b["x"], b["y"], b["w"], b["h"], wrap=True,
                              margins=(top, right, bottom, left))
        text.name = f"Map {kind} text"
        tf = text.text_frame
        for i, para in enumerate(b["paragraphs"]):
            p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
            p.alignment = PP_ALIGN.LEFT
            p.space_before = p.space_after = Pt(0)
            p.line_spacing = self._pt(para["h"] if para.get("h") else b["lineHeightPx"])
            if para.get("swatch") is not None and indent:
                p._p.get_or_add_pPr().set("marL", str(int(self._emu(indent))))
            for run in para["runs"]:
                self._run(p, run["text"], run)
        return group

    def _swatch(self, shapes: Any, sw: dict[str, Any], connector: Any, shape_kind: Any) -> None:
        """A legend symbol: a ringed dot or a line in the legend's colours and dash."""
        from pptx.dml.color import RGBColor
        from pptx.enum.dml import MSO_LINE

        line = _colour(sw["line"])
        dash = {"dashed": MSO_LINE.DASH, "dotted": MSO_LINE.ROUND_DOT}.get(sw["lineStyle"])
        if sw["kind"] == "dot":
            shape = shapes.add_shape(shape_kind.OVAL, self._emu(sw["x"], self.left),
                                     self._emu(sw["y"], self.top), self._emu(sw["w"]),
                                     self._emu(sw["h"]))
            self._frame(shape, sw["fill"], sw["line"], sw["lineWidth"])
            shape.shadow.inherit = False
        else:
            y = sw["y"] + sw["lineWidth"] / 2
            shape = shapes.add_connector(connector.STRAIGHT, self._emu(sw["x"], self.left),
                                         self._emu(y, self.top),
                                         self._emu(sw["x"] + sw["w"], self.left),
                                         self._emu(y, self.top))
            if line is not None:
                shape.line.color.rgb = RGBColor(*line[0])  # type: ignore[no-untyped-call]
            shape.line.width = self._pt(max(sw["lineWidth"], 1))
        if dash is not None:
            shape.line.dash_style = dash
