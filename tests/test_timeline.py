"""The timeline: its bars (dates, precision, status), the Vega-Lite encoding, the deck's slide and
the HTML page's panel (vl-convert, offline). The app's click selection is in
``test_app_layout.py``; the panel in Chromium with the network blocked is at the end here.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from datetime import date

import altair as alt
import pytest
from PIL import Image
from pptx import Presentation

from geo.analysis.pipeline import build_dataset
from geo.export.formats import export_bytes
from geo.export.html import map_page
from geo.export.options import ExportOptions
from geo.export.png import MapRenderer
from geo.export.timeline import (
    HTML_PANEL_MAX_EVENTS,
    SLIDE_ROWS,
    add_timeline_slides,
    timeline_png,
    timeline_svg,
    with_timeline_panel,
)
from geo.model.dataset import Dataset
from geo.model.event import PartialDate
from geo.render.timeline import (
    PRECISION_LABELS,
    SELECTION,
    STATUS_COLOURS,
    selected_event_id,
    timeline_bars,
    timeline_chart,
)

NAVAL = "naval-interaction-2022"  # 2022-12-21 to 2022-12-27, day precision, announced
BATTALION = "ru-battalion-tactical-belarus-2022-12"  # 2022-12 (month), announced
UNION_SHIELD = "union-shield-2023"  # 2023-09 (month), planned


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return build_dataset()


def _ids(ds: Dataset) -> list[str]:
    return [e.id for e in ds.events]


def test_bars_span_the_days_the_dates_allow(ds):
    bars = {b.id: b for b in timeline_bars(ds, _ids(ds))}
    naval = bars[NAVAL]
    assert (naval.start, naval.end) == (date(2022, 12, 21), date(2022, 12, 28))  # end exclusive
    assert naval.precision == "day" and naval.precision_label == "to the day"
    assert naval.status == "announced"
    battalion = bars[BATTALION]  # a month-only date spans its month
    assert (battalion.start, battalion.end) == (date(2022, 12, 1), date(2023, 1, 1))
    assert battalion.precision_label == "to the month"
    # start known to the month, end to the day: the coarser one is shown
    check = bars["by-combat-readiness-check-2022-12"]
    assert (check.start, check.end, check.precision) == (date(2022, 12, 1), date(2022, 12, 20),
                                                         "month")
    week = bars["joint-drills-2022-02"]  # "~2022-02-10" means 7-13 February
    assert week.start == date(2022, 2, 7) and week.precision == "month"
    assert bars["command-staff-week-2023"].precision_label == "to the year"


def test_bars_are_sorted_by_start_and_follow_the_filter(ds):
    bars = timeline_bars(ds, _ids(ds))
    assert len(bars) == len(ds.events)  # every bundled event has a start date
    assert [b.start for b in bars] == sorted(b.start for b in bars)
    assert bars[0].id == "large-scale-drills-2021-09"
    shown = timeline_bars(ds, [UNION_SHIELD, NAVAL])
    assert [b.id for b in shown] == [NAVAL, UNION_SHIELD]


def test_undated_events_are_left_out_and_same_names_get_their_own_rows(ds):
    undated = replace(ds.event_by_id[NAVAL], id="undated", start=PartialDate(None, "unknown"),
                      end=PartialDate(None, "unknown"))
    twin = replace(ds.event_by_id[NAVAL], id="naval-twin")
    more = replace(ds, events=[*ds.events, undated, twin])
    bars = timeline_bars(more, [NAVAL, "undated", "naval-twin"])
    assert [b.id for b in bars] == [NAVAL, "naval-twin"]
    assert bars[0].row == "Naval Interaction-2022"
    assert bars[1].row == "Naval Interaction-2022 (naval-twin)"


def test_chart_encodes_status_precision_and_selection(ds):
    spec = timeline_chart(ds, _ids(ds), selected=NAVAL, selectable=True)
    alt.Chart.from_dict(spec, validate=True)  # valid Vega-Lite (Altair checks the schema)
    enc = spec["encoding"]
    assert (enc["x"]["field"], enc["x2"]["field"], enc["y"]["field"]) == ("start", "end", "row")
    assert enc["color"]["field"] == "status"
    assert enc["color"]["scale"]["domain"] == ["announced", "planned", "under way", "held"]
    assert enc["color"]["scale"]["range"] == [STATUS_COLOURS[s] for s in
                                              ("announced", "planned", "under way", "held")]
    # precision: opacity fades from day to year, dashed outline unless known to the day
    assert enc["opacity"]["field"] == enc["strokeDash"]["field"] == "precision_label"
    assert enc["opacity"]["scale"]["domain"] == ["to the day", "within days", "to the month",
                                                 "to the year"]
    opacities = enc["opacity"]["scale"]["range"]
    assert opacities[0] == 1.0 and opacities == sorted(opacities, reverse=True)
    assert enc["strokeDash"]["scale"]["range"][0] == [1, 0]
    assert all(d != [1, 0] for d in enc["strokeDash"]["scale"]["range"][1:])
    rows = {r["id"]: r for r in spec["data"]["values"]}
    assert rows[NAVAL]["selected"] is True and rows[UNION_SHIELD]["selected"] is False
    assert (rows[NAVAL]["start"], rows[NAVAL]["end"]) == ("2022-12-21", "2022-12-28")
    assert enc["strokeWidth"]["condition"]["test"] == "datum.selected"
    (param,) = spec["params"]
    assert param["name"] == SELECTION and param["select"] == {"type": "point",
                                                               "fields": ["id"]}
    assert "params" not in timeline_chart(ds, _ids(ds))


def test_selection_state_gives_the_event():
    assert selected_event_id({"selection": {SELECTION: [{"id": NAVAL}]}}) == NAVAL
    assert selected_event_id({"selection": {SELECTION: []}}) is None
    assert selected_event_id(None) is None
    assert selected_event_id({"selection": {SELECTION: [{"id": 3}]}}) is None


def _bar_colours(png: bytes) -> dict[tuple[int, int, int], int]:
    img = Image.open(io.BytesIO(png)).convert("RGB")
    return {rgb: n for n, rgb in img.getcolors(img.width * img.height)}


def _near_count(colours, rgb, tol=6) -> int:
    return sum(n for c, n in colours.items()
               if all(abs(a - b) <= tol for a, b in zip(c, rgb, strict=True)))


def _hex(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))


def _fade(colour: str, opacity: float) -> tuple[int, int, int]:
    """The colour of a bar of ``colour`` at ``opacity`` over white."""
    return tuple(round(c * opacity + 255 * (1 - opacity)) for c in _hex(colour))


def test_png_draws_a_day_bar_solid_and_a_month_bar_faded(ds):
    day = timeline_png(ds, [NAVAL], width_px=600)
    month = timeline_png(ds, [BATTALION], width_px=600)
    assert day[:8] == b"\x89PNG\r\n\x1a\n"
    orange = STATUS_COLOURS["announced"]
    solid, faded = _hex(orange), _fade(orange, PRECISION_LABELS["month"][1])
    assert _near_count(_bar_colours(day), solid) > 100  # the 7-day bar, full colour
    assert _near_count(_bar_colours(month), faded) > 1000  # the month, faded
    assert _near_count(_bar_colours(month), solid) < _near_count(_bar_colours(month), faded) / 10


def test_svg_escapes_names(ds):
    hostile = replace(ds.event_by_id[NAVAL], name="Drill <script>alert(1)</script> & co")
    svg = timeline_svg(replace(ds, events=[hostile]), [NAVAL], width_px=600)
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert not re.search(r"(?:href|src)=\"https?:", svg)


def test_html_panel_lists_every_event_and_stays_small_when_huge(ds):
    page = "<html><body><div id='map'></div></body></html>"
    out = with_timeline_panel(page, ds, _ids(ds))
    assert out.index("drillmap-timeline") < out.index("</body>")
    assert "<details" in out and "Timeline (14 events by date" in out
    for e in ds.events:
        assert e.name in out or e.name[:30] in out, e.name  # long names are cut with "…"
    many = replace(ds, events=[replace(ds.event_by_id[NAVAL], id=f"e{i}")
                               for i in range(HTML_PANEL_MAX_EVENTS + 1)])
    big = with_timeline_panel(page, many, [e.id for e in many.events])
    assert "too many for a readable timeline" in big and "<svg" not in big


def test_html_export_has_the_panel_and_png_page_does_not(ds):
    assert "drillmap-timeline" in map_page(ds, ExportOptions())
    assert "drillmap-timeline" not in map_page(ds, ExportOptions(), static=True)


def _slide_pictures(ds, ids):
    prs = Presentation()
    n = add_timeline_slides(prs, ds, ids)
    return n, prs


def test_timeline_slide_has_the_chart_at_a_readable_size(ds):
    n, prs = _slide_pictures(ds, _ids(ds))
    assert n == 1 and len(prs.slides) == 1
    slide = prs.slides[0]
    texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
    assert texts[0] == "Timeline"
    (picture,) = [s for s in slide.shapes if s.shape_type == 13]
    width_in = picture.width / 914400
    assert width_in == pytest.approx(12.5, abs=0.01)
    img = Image.open(io.BytesIO(picture.image.blob))
    assert img.width == 2 * 12.5 * 96  # drawn at the size shown, twice for crispness
    colours = _bar_colours(picture.image.blob)
    for status in ("announced", "planned", "held"):
        assert _near_count(colours, _hex(STATUS_COLOURS[status])) > 200, status
    for run in (r for s in slide.shapes if s.has_text_frame
                for p in s.text_frame.paragraphs for r in p.runs):
        assert run.font.size.pt >= 12


def test_many_events_get_several_timeline_slides(ds):
    many = replace(ds, events=[replace(ds.event_by_id[NAVAL], id=f"e{i}")
                               for i in range(SLIDE_ROWS + 1)])
    n, prs = _slide_pictures(many, [e.id for e in many.events])
    assert n == 2
    assert [s.text_frame.text for s in prs.slides[1].shapes if s.has_text_frame][0] == (
        "Timeline (2 of 2)")


@pytest.mark.browser
@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian's chromium not installed")
def test_html_panel_opens_offline_in_chromium(ds):
    page = export_bytes(ds, "html", ExportOptions()).decode("utf-8")
    with MapRenderer(timeout_s=30) as renderer:
        loaded = renderer.load(page, width=1600, height=900)
        assert renderer.blocked_requests == []  # nothing but file:/data: was even asked for
        assert not loaded.locator(".drillmap-timeline svg").is_visible()  # closed at first
        loaded.locator(".drillmap-timeline summary").click()
        svg = loaded.locator(".drillmap-timeline svg")
        assert svg.is_visible()
        bars = loaded.locator(".drillmap-timeline .mark-rect path")
        assert bars.count() == len(ds.events)
        box = svg.bounding_box()
        assert box["width"] > 1000 and box["height"] > 14 * 20
        assert renderer.blocked_requests == []
        assert renderer.page_errors == []


def test_control_characters_and_huge_names_do_not_crash_the_renderer() -> None:
    """vl-convert aborts the whole process (a Rust panic) on a NUL or a bell character in a
    label: the hostile-text export of the HTML map (with its timeline panel) killed pytest.
    Run in a child process, so that a crash fails this test instead of the run."""
    code = (
        "from dataclasses import replace\n"
        "from geo.analysis.pipeline import build_dataset\n"
        "from geo.export.timeline import timeline_svg\n"
        "ds = build_dataset()\n"
        "names = ['NUL\\x00byte', 'bell\\x07', 'lone \\ud800 surrogate', 'x' * 10000]\n"
        "ds = replace(ds, events=[replace(e, name=names[i % 4]) for i, e in "
        "enumerate(ds.events)])\n"
        "svg = timeline_svg(ds, [e.id for e in ds.events], width_px=900)\n"
        "print('NULbyte' in svg, 'x' * 119 + '…' in svg, 'x' * 121 in svg)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr[-500:]
    assert out.stdout.split() == ["True", "True", "False"]
