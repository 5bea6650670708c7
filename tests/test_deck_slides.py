"""Slides in headless Chromium: every text on every slide is 12 pt or more, map labels
included; a slide's map title, legend, distance labels and verdicts are PowerPoint text boxes
over the map picture, where the browser placed them, and its picture is rendered at the size
it is shown (twice a 96-dpi screen's pixels).
"""

from __future__ import annotations

import io
import shutil
from datetime import date

import pytest

from geo.analysis.pipeline import build_dataset
from geo.export.deck import MIN_PT, build_deck
from geo.export.options import ExportOptions
from geo.export.png import MapRenderer
from geo.export.slidemap import IMAGE_PX_PER_IN

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which("chromium") is None,
                       reason="Debian's chromium is not installed (apt-get install chromium); "
                              "drillmap never downloads a browser"),
]

RUZHANSKY = "flight-tactical-ruzhansky-2023"
EMU_PER_IN = 914400


def _flat(shapes):
    out = []
    for shape in shapes:
        out += _flat(shape.shapes) if shape.shape_type == 6 else [shape]
    return out


def _inches(shape) -> tuple[float, float, float, float]:
    return (shape.left / EMU_PER_IN, shape.top / EMU_PER_IN,
            (shape.left + shape.width) / EMU_PER_IN, (shape.top + shape.height) / EMU_PER_IN)


def _inside(inner, outer, slack=0.01) -> bool:
    return (inner[0] >= outer[0] - slack and inner[1] >= outer[1] - slack
            and inner[2] <= outer[2] + slack and inner[3] <= outer[3] + slack)


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.fixture(scope="module")
def deck():
    from pptx import Presentation

    ds = build_dataset()  # every seed event: maps from 7.9 down to 5.2 inches wide
    with MapRenderer(timeout_s=30) as renderer:
        data = build_deck(ds, ExportOptions(as_of=date(2024, 5, 1)), renderer=renderer)
    return Presentation(io.BytesIO(data))


def test_every_text_is_at_least_12_pt(deck):
    sizes = []
    for slide in deck.slides:
        for shape in _flat(slide.shapes):
            if not shape.has_text_frame:
                continue
            for p in shape.text_frame.paragraphs:
                for run in p.runs:
                    if run.text.strip():
                        assert run.font.size is not None, run.text
                        sizes.append((run.font.size.pt, run.text))
    assert len(sizes) > 50
    assert min(sizes)[0] >= MIN_PT, min(sizes)


def _ruzhansky_slide(deck):
    for slide in deck.slides:
        texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
        if any("event id: " + RUZHANSKY in t for t in texts):
            return slide
    raise AssertionError("no Ruzhansky slide")


def test_map_labels_are_text_boxes_over_the_picture(deck):
    from PIL import Image

    slide = _ruzhansky_slide(deck)
    pictures = [s for s in slide.shapes if s.shape_type == 13]
    assert len(pictures) == 1
    picture = pictures[0]
    frame = _inches(picture)
    img = Image.open(io.BytesIO(picture.image.blob))
    assert img.size == (round((frame[2] - frame[0]) * IMAGE_PX_PER_IN),
                        round((frame[3] - frame[1]) * IMAGE_PX_PER_IN))
    labels = [s for s in slide.shapes if s.name.startswith("Map label:")]
    texts = [s.text_frame.text for s in labels]
    # Verdict and all four distances, as text PowerPoint's search finds.
    assert any("~103 km to Ukraine" in t and "off by 47 km" in t for t in texts), texts
    for country in ("Poland", "Lithuania", "Latvia"):
        assert any(f"km to {country}" in t for t in texts), (country, texts)
    legend = [s for s in slide.shapes if s.name == "Map legend"]
    assert len(legend) == 1
    legend_text = " ".join(s.text_frame.text for s in _flat(legend[0].shapes)
                           if s.has_text_frame)
    assert "air exercise" in legend_text and "reference border" in legend_text
    boxes = [_inches(s) for s in labels] + [_inches(legend[0])]
    for box in boxes:
        assert _inside(box, frame), box
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not _overlap(a, b), (a, b)
    # Map labels come after the picture in z-order: drawn over it.
    order = list(slide.shapes)
    assert all(order.index(s) > order.index(picture) for s in labels)


def test_no_map_text_box_overlaps_another_or_leaves_the_picture(deck):
    maps = 0
    for slide in deck.slides:
        pictures = [s for s in slide.shapes if s.shape_type == 13 and s.name == "Map"]
        if not pictures:
            continue
        maps += 1
        frame = _inches(pictures[0])
        native = [s for s in slide.shapes if s.name.startswith("Map ") and s.name != "Map"]
        assert native, slide.shapes.title
        boxes = [(_inches(s), s.name) for s in native]
        for box, name in boxes:
            assert _inside(box, frame), name
        for i, (a, name_a) in enumerate(boxes):
            for b, name_b in boxes[i + 1:]:
                assert not _overlap(a, b), (name_a, name_b)
    assert maps >= 10


def test_overview_title_box_is_text_over_the_map(deck):
    slide = deck.slides[1]
    picture = next(s for s in slide.shapes if s.shape_type == 13)
    title = [s for s in slide.shapes if s.name == "Map title"]
    assert len(title) == 1
    text = " ".join(s.text_frame.text for s in _flat(title[0].shapes) if s.has_text_frame)
    assert "Military exercises reported in the news" in text and "as of 2024-05-01" in text
    assert _inside(_inches(title[0]), _inches(picture))
    bold = [r for s in _flat(title[0].shapes) if s.has_text_frame
            for p in s.text_frame.paragraphs for r in p.runs if r.font.bold]
    assert bold and bold[0].text.startswith("Military exercises")
