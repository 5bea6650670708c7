"""A rough PNG preview of a python-pptx slide (LibreOffice is not available here).

Draws rectangles, pictures and text boxes (word-wrapped with Liberation Sans, metric-compatible
with the deck's Arial) and outlines in red any text that runs past the bottom of its box. Good
enough to look at a layout and to make the README thumbnail; not a PowerPoint renderer.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont

__all__ = ["render_slide"]

_FONTS = Path("/usr/share/fonts/truetype/liberation")
EMU_PER_INCH = 914400


def _font(size_px: float, bold: bool) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    name = "LiberationSans-Bold.ttf" if bold else "LiberationSans-Regular.ttf"
    try:
        return ImageFont.truetype(str(_FONTS / name), size=max(1, round(size_px)))
    except OSError:
        return ImageFont.load_default()


def _wrap(runs: list[tuple[str, bool, float]], width_px: float, scale: float
          ) -> list[list[tuple[str, bool, float]]]:
    """Greedy word wrap of (text, bold, size_pt) runs into lines of (word, bold, size_pt)."""
    lines: list[list[tuple[str, bool, float]]] = [[]]
    used = 0.0
    for text, bold, size in runs:
        for i, word in enumerate(text.split(" ")):
            if not word:
                continue
            font = _font(size * scale, bold)
            w = font.getlength(word)
            space = font.getlength(" ") if (lines[-1] and (i > 0 or text.startswith(" ")
                                                           or True)) else 0.0
            if lines[-1] and used + space + w > width_px:
                lines.append([])
                used = 0.0
                space = 0.0
            lines[-1].append((word, bold, size))
            used += space + w
    return lines


def render_slide(prs: Any, index: int, *, width_px: int = 1280) -> Image.Image:
    """Render slide ``index`` of a ``pptx.Presentation`` to a Pillow image."""
    slide = prs.slides[index]
    px_per_emu = width_px / prs.slide_width
    height_px = round(prs.slide_height * px_per_emu)
    scale = width_px / (prs.slide_width / EMU_PER_INCH) / 72  # px per point
    img = Image.new("RGB", (width_px, height_px), "white")
    draw = ImageDraw.Draw(img)
    for shape in _flat(slide.shapes):
        x0, y0 = shape.left * px_per_emu, shape.top * px_per_emu
        w, h = shape.width * px_per_emu, shape.height * px_per_emu
        if shape.shape_type == 13:  # picture
            pic = Image.open(io.BytesIO(shape.image.blob)).convert("RGB")
            img.paste(pic.resize((round(w), round(h))), (round(x0), round(y0)))
            continue
        if shape.shape_type == 9 or getattr(shape, "begin_x", None) is not None:  # a line
            width = max(1, round(shape.line.width.pt * scale)) if shape.line.width else 1
            draw.line([shape.begin_x * px_per_emu, shape.begin_y * px_per_emu,
                       shape.end_x * px_per_emu, shape.end_y * px_per_emu],
                      fill=_rgb(shape.line, "#333"), width=width)
            continue
        if shape.shape_type == 1:  # auto shape: panels, map boxes and labels, legend symbols
            fill = _rgb(shape.fill, None) if shape.fill.type == 1 else None
            outline = _rgb(shape.line, None)
            box = [x0, y0, x0 + w, y0 + h]
            if "Oval" in shape.name:
                draw.ellipse(box, fill=fill, outline=outline, width=2)
            else:
                draw.rectangle(box, fill=fill, outline=outline)
        if not shape.has_text_frame:
            continue
        tf = shape.text_frame
        ml, mt = tf.margin_left * px_per_emu, tf.margin_top * px_per_emu
        inner_w = w - ml - tf.margin_right * px_per_emu
        y = y0 + mt
        for para in tf.paragraphs:
            runs = [(r.text, bool(r.font.bold), r.font.size.pt if r.font.size else 18)
                    for r in para.runs]
            if not runs:
                continue
            colour = "#222"
            rgb = para.runs[0].font.color.rgb if para.runs[0].font.color.type else None
            if rgb is not None:
                colour = f"#{rgb}"
            indent = int(para._p.pPr.get("marL", "0")) * px_per_emu if para._p.pPr is not None \
                else 0
            exact = para.line_spacing if hasattr(para.line_spacing, "pt") else None
            for line in _wrap(runs, inner_w - indent, scale):
                size = max((s for _, _, s in line), default=runs[0][2])
                x = x0 + ml + indent
                for word, bold, s in line:
                    font = _font(s * scale, bold)
                    draw.text((x, y), word, font=font, fill=colour)
                    x += font.getlength(word + " ")
                y += exact.pt * scale if exact is not None else size * scale * 1.2
            y += (para.space_after.pt if para.space_after is not None else 3) * scale
        if y > y0 + h + 2:
            draw.rectangle([x0, y0, x0 + w, y0 + h], outline="red", width=3)
    return img


def _flat(shapes: Any) -> list[Any]:
    """The shapes of a slide, the members of groups in their place."""
    out = []
    for shape in shapes:
        out += _flat(shape.shapes) if shape.shape_type == 6 else [shape]
    return out


def _rgb(fill_or_line: Any, default: str | None) -> str | None:
    """A fill's or line's colour as ``#rrggbb`` (``default`` if it has none)."""
    try:
        colour = fill_or_line.color if hasattr(fill_or_line, "dash_style") \
            else fill_or_line.fore_color
        return f"#{colour.rgb}" if colour.type is not None else default
    except (AttributeError, TypeError):
        return default
