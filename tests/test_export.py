"""Exports without a browser: HTML structure, data files (GeoJSON, CSV, KML), deck layout with a
stand-in renderer, CLI errors (exit code 2) and atomic writes. Browser checks live in
``test_export_browser.py``."""

from __future__ import annotations

import csv
import html
import io
import json
import math
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from geo.analysis.pipeline import build_dataset
from geo.cli import main
from geo.export import deck as export_deck
from geo.export import formats as export_formats
from geo.export.deck import build_deck
from geo.export.files import atomic_write
from geo.export.formats import export_bytes, export_filename, save_export
from geo.export.options import EXPORT_FORMATS, ExportError, ExportOptions
from geo.model.dataset import Dataset

RUZHANSKY = "flight-tactical-ruzhansky-2023"
AS_OF = date(2024, 5, 1)
KML = "{http://www.opengis.net/kml/2.2}"


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return build_dataset()


def _located(ds: Dataset, event_ids=None) -> list[str]:
    ids = event_ids or [e.id for e in ds.events]
    return [i for i in ids if any(p is not None for _, p in ds.places_of(i))]


# --------------------------------------------------------------------------- HTML
class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str | None] = []
        self.links: list[str | None] = []
        self.other: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script":
            self.scripts.append(a.get("src"))
        elif tag == "link":
            self.links.append(a.get("href"))
        elif a.get("src"):
            self.other.append(a["src"])


def _external(url: str | None) -> bool:
    return bool(url) and url.strip().lower().startswith(("http:", "https:", "//"))


def test_html_is_self_contained(ds):
    page = export_bytes(ds, "html", ExportOptions(as_of=AS_OF)).decode("utf-8")
    refs = _Refs()
    refs.feed(page)
    assert refs.scripts, "expected inline scripts"
    assert not [s for s in refs.scripts if _external(s)]
    assert not [h for h in refs.links if _external(h)]
    assert not [s for s in refs.other if _external(s)]
    assert "cdn.jsdelivr" not in page and "unpkg.com" not in page
    # Leaflet itself is inlined, and so is its stylesheet.
    assert "L.version" in page or "leaflet" in page.lower()
    assert ".leaflet-container" in page


def test_html_carries_title_date_legend_and_every_located_event(ds):
    page = export_bytes(ds, "html", ExportOptions(as_of=AS_OF, title="Briefing map")).decode()
    assert "Briefing map" in page and "as of 2024-05-01" in page
    assert "drillmap-legend" in page and "drillmap-source" in page
    assert "drillmapReady" in page  # the readiness signal for screenshots
    for event_id in _located(ds):
        assert f"drillmap-event-{event_id}" in page
    assert "103 km to Ukraine" in page  # a distance label
    assert "off by 47 km" in page  # the stated-vs-measured claim


def test_html_filtered_view_and_event_framing(ds):
    page = export_bytes(ds, "html", ExportOptions(event_ids=("naval-interaction-2022",))
                        ).decode()
    assert "drillmap-event-naval-interaction-2022" in page
    assert f"drillmap-event-{RUZHANSKY}" not in page
    framed = export_bytes(ds, "html", ExportOptions(event=RUZHANSKY)).decode()
    assert f"drillmap-event-{RUZHANSKY}" in framed
    assert "drillmap-event-naval-interaction-2022" not in framed


def test_html_survives_article_text_that_looks_like_code(ds):
    # branca renders scripts through Jinja twice: braces in a quote must neither fail the map
    # nor be evaluated; markup must stay text.
    odd = ' {{ 1 + 1 }} {% if x %} <script>alert(1)</script> ${x} `tick`'
    sources = [replace(s, quote=s.quote + odd) for s in ds.sources]
    page = export_bytes(replace(ds, sources=sources), "html").decode("utf-8")
    assert "&#123;&#123; 1 + 1 &#125;&#125;" in page
    assert "<script>alert(1)</script>" not in page


def test_html_for_an_event_without_a_site_is_refused(ds):
    with pytest.raises(ExportError, match="site not stated"):
        export_bytes(ds, "html", ExportOptions(event="strategic-missile-exercise-2022-02"))


# --------------------------------------------------------------------------- data files
def test_geojson_is_rfc7946_and_filtered(ds):
    ids = ("naval-interaction-2022", RUZHANSKY, "strategic-missile-exercise-2022-02")
    fc = json.loads(export_bytes(ds, "geojson", ExportOptions(event_ids=ids)))
    assert fc["type"] == "FeatureCollection" and "crs" not in fc
    assert {f["properties"]["event_id"] for f in fc["features"]} == set(ids)
    (site,) = [f for f in fc["features"] if f["properties"]["event_id"] == RUZHANSKY]
    lon, lat = site["geometry"]["coordinates"]
    assert 23 < lon < 26 and 52 < lat < 54  # lon, lat order
    assert any(d["border"] == "UA" for d in site["properties"]["distances"])
    unlocated = [f for f in fc["features"] if f["geometry"] is None]
    assert unlocated and unlocated[0]["properties"]["event_id"].startswith("strategic")


def test_csv_is_the_filtered_events_table(ds):
    ids = ("naval-interaction-2022", RUZHANSKY)
    rows = list(csv.DictReader(io.StringIO(export_bytes(
        ds, "csv", ExportOptions(event_ids=ids)).decode("utf-8"))))
    assert [r["id"] for r in rows] == list(ids)
    assert "Ukraine 103 km" in rows[1]["nearest_borders"]


def _kml(data: bytes) -> ET.Element:
    return ET.fromstring(data)


def _folder(root: ET.Element, name_prefix: str) -> ET.Element:
    for folder in root.iter(f"{KML}Folder"):
        if folder.findtext(f"{KML}name", "").startswith(name_prefix):
            return folder
    raise AssertionError(f"no folder {name_prefix!r}")


def test_kml_has_one_placemark_per_event_place(ds):
    root = _kml(export_bytes(ds, "kml"))
    assert root.tag == f"{KML}kml"
    events = _folder(root, "Events")
    placemarks = events.findall(f"{KML}Placemark")
    expected = sum(1 for e in ds.events for _, p in ds.places_of(e.id) if p is not None)
    assert len(placemarks) == expected
    names = [p.findtext(f"{KML}name") for p in placemarks]
    assert "Joint flight and tactical exercises of the air forces — Ruzhansky training " \
           "grounds (site)" in names
    (ruzh,) = [p for p in placemarks if "Ruzhansky" in p.findtext(f"{KML}name")]
    text = ruzh.findtext(f"{KML}description")
    assert "103 km to Ukraine" in text and "about 150 kilometers" in text
    assert ruzh.find(f"{KML}Point/{KML}coordinates") is not None
    # Areas (Belarus, the East China Sea) are polygons, not points.
    sea = [p for p in placemarks if "East China Sea" in p.findtext(f"{KML}name")]
    assert sea and sea[0].find(f".//{KML}Polygon") is not None
    # Distances: a geodesic LineString and a label point per measurement.
    lines = _folder(root, "Distances").findall(f"{KML}Placemark")
    assert len(lines) == len(ds.measurements)
    for pm in lines:
        coords = pm.findtext(f".//{KML}LineString/{KML}coordinates").split()
        assert len(coords) >= 2 and pm.find(f".//{KML}Point") is not None
    assert any("103 km to Ukraine" in pm.findtext(f"{KML}name") for pm in lines)
    # Events with no place are listed, not dropped.
    missing = _folder(root, "Not located").findall(f"{KML}Placemark")
    assert any("site not stated" in p.findtext(f"{KML}name") for p in missing)


def test_kml_escapes_article_text(ds):
    evil = 'Drills <script>alert("x")</script> & "quotes" ]]> {{ jinja }}'
    sources = [replace(s, quote=evil) if s.event_id == RUZHANSKY else s for s in ds.sources]
    tampered = replace(ds, sources=sources)
    data = export_bytes(tampered, "kml", ExportOptions(event_ids=(RUZHANSKY,)))
    assert b"<script>" not in data
    root = _kml(data)  # parses: everything escaped
    description = _folder(root, "Events").find(f"{KML}Placemark").findtext(f"{KML}description")
    # A KML viewer renders the description as HTML: the quote must arrive escaped for it.
    assert html.escape(evil) in description and "<script>" not in description


# --------------------------------------------------------------------------- deck (no browser)
class FakeRenderer:
    """Stands in for MapRenderer: returns a plain PNG of the requested size."""

    def __init__(self) -> None:
        self.calls: list[tuple[int, int, float]] = []

    def render_html(self, page_html: str, *, width: int, height: int, scale: float = 1.0):
        from PIL import Image

        assert "drillmapReady" in page_html
        self.calls.append((width, height, scale))
        out = io.BytesIO()
        Image.new("RGB", (width, height), (200, 210, 230)).save(out, "PNG")
        return out.getvalue()

    def render_with_layout(self, page_html: str, *, width: int, height: int,
                           scale: float = 1.0, hide_native: bool = True,
                           image_type: str = "png"):
        """A plain image and a layout with no labels or boxes (the browser is not run)."""
        from PIL import Image

        assert "drillmapReady" in page_html
        self.calls.append((width, height, scale))
        out = io.BytesIO()
        Image.new("RGB", (width, height), (200, 210, 230)).save(
            out, "JPEG" if image_type == "jpeg" else "PNG")
        return out.getvalue(), {"width": width / scale, "height": height / scale,
                                "labels": [], "boxes": []}

    def render_many_with_layout(self, jobs, *, hide_native: bool = True,
                                image_type: str = "png"):
        """:meth:`render_with_layout` of each ``(page_html, width, height, scale)``."""
        for page_html, width, height, scale in jobs:
            yield self.render_with_layout(page_html, width=width, height=height, scale=scale,
                                          hide_native=hide_native, image_type=image_type)


def _deck(ds, options=None):
    from pptx import Presentation

    renderer = FakeRenderer()
    data = build_deck(ds, options or ExportOptions(as_of=AS_OF), renderer=renderer)
    return Presentation(io.BytesIO(data)), renderer


def _slide_text(slide) -> str:
    return "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)


def _pictures(slide) -> int:
    return sum(1 for s in slide.shapes if s.shape_type == 13)


def test_deck_structure(ds):
    prs, renderer = _deck(ds)
    assert abs(prs.slide_width / prs.slide_height - 16 / 9) < 0.01
    assert len(prs.slides) == len(ds.events) + 4  # title, overview, timeline, events, sources
    title, overview, timeline, *events, sources = prs.slides
    assert "as of 2024-05-01" in _slide_text(title) and "Filters: all events" in _slide_text(
        title)
    assert _pictures(overview) == 1
    located = set(_located(ds))
    for event, slide in zip(ds.events, events, strict=True):
        text = _slide_text(slide)
        assert event.name in text
        if event.id in located:
            assert _pictures(slide) == 1, event.id
        else:
            assert _pictures(slide) == 0 and "Site not stated" in text
        for s in ds.sources_of(event.id):
            assert s.quote in text, (event.id, s.quote)  # the seeds' quotes fit uncut
        assert "[…]" not in text
    ruzh = _slide_text(events[[e.id for e in ds.events].index(RUZHANSKY)])
    assert "103 km to Ukraine" in ruzh and "off by 47 km" in ruzh and "Russia, Belarus" in ruzh
    assert "Article 002" in _slide_text(sources)
    assert len(renderer.calls) == len(located) + 1  # one image per located event + overview


def test_deck_filtered_view(ds):
    ids = ("naval-interaction-2022", "union-shield-2023", "command-staff-week-2023")
    prs, _ = _deck(ds, ExportOptions(event_ids=ids, scope="type: naval, land"))
    assert len(prs.slides) == len(ids) + 4
    assert "type: naval, land" in _slide_text(prs.slides[0])


def _rough_fit(shape) -> tuple[float, float]:
    """Height needed by a text frame at 0.5 em per character, and the height it has (pt)."""
    tf = shape.text_frame
    width = (shape.width - tf.margin_left - tf.margin_right) / 12700
    height = (shape.height - tf.margin_top - tf.margin_bottom) / 12700
    need = 0.0
    for p in tf.paragraphs:
        sizes = [r.font.size.pt for r in p.runs if r.font.size]
        if not sizes:
            continue
        size = max(sizes)
        per_line = width / (0.5 * size)
        need += max(1, math.ceil(len(p.text) / per_line)) * size * 1.2 + 3
    return need, height


def test_every_text_frame_fits_its_box(ds):
    # The seeds, and a tampered event with very long quotes that must be cut, not overflow.
    long_quote = "A very long supporting sentence about the exercise. " * 40
    sources = ds.sources + [replace(ds.sources[0], event_id=RUZHANSKY, quote=long_quote)] * 4
    for data in (ds, replace(ds, sources=sources)):
        prs, _ = _deck(data)
        for i, slide in enumerate(prs.slides):
            for shape in slide.shapes:
                if shape.has_text_frame and shape.text_frame.text.strip():
                    need, have = _rough_fit(shape)
                    assert need <= have * 1.1, (i, shape.text_frame.text[:60], need, have)
    slide = prs.slides[3 + [e.id for e in ds.events].index(RUZHANSKY)]
    assert "[…]" in _slide_text(slide)
    assert long_quote.strip() in slide.notes_slide.notes_text_frame.text  # in full in the notes


def test_fit_text_shrinks_then_cuts():
    paras = [[("Label: ", True), ("word " * 30, False)]]
    fitted, size = export_deck._fit_text(paras, 300, 200, max_pt=14, min_pt=9)
    assert fitted == paras and 9 <= size <= 14
    fitted, size = export_deck._fit_text([[("word " * 400, False)]], 300, 60, max_pt=14, min_pt=9)
    assert size == 9 and fitted[0][0][0].endswith("[…]")


# --------------------------------------------------------------------------- API, CLI, atomicity
def test_export_api_for_the_app(ds):
    assert set(EXPORT_FORMATS) == {"html", "png", "pptx", "geojson", "csv", "kml"}
    assert export_filename("pptx", ExportOptions(as_of=AS_OF)) == "drillmap-2024-05-01.pptx"
    assert export_filename("png", ExportOptions(event=RUZHANSKY)) == f"drillmap-{RUZHANSKY}.png"
    with pytest.raises(ExportError, match="unknown export format 'svg'"):
        export_bytes(ds, "svg")
    with pytest.raises(ExportError, match="unknown event 'nope'"):
        export_bytes(ds, "csv", ExportOptions(event="nope"))
    with pytest.raises(ExportError, match="width"):
        ExportOptions(width=10)


@pytest.mark.parametrize("fmt", ["html", "geojson", "csv", "kml"])
def test_cli_writes_each_data_format(tmp_path, capsys, fmt):
    out = tmp_path / "sub" / f"view.{fmt}"
    assert main(["export", fmt, "--out", str(out), "--type", "air", "--as-of",
                 "2024-05-01"]) == 0
    assert out.stat().st_size > 0
    assert "1 event ->" in capsys.readouterr().out
    if fmt == "csv":
        rows = list(csv.DictReader(out.open(encoding="utf-8")))
        assert [r["id"] for r in rows] == [RUZHANSKY]


@pytest.mark.parametrize(("argv", "message"), [
    (["export", "svg", "--out", "x.svg"], None),  # argparse: invalid choice
    (["export", "html", "--out", "{tmp}/x.html", "--event", "no-such-event"],
     "unknown event 'no-such-event'"),
    (["export", "png", "--out", "{tmp}/x.png", "--width", "5"], "width"),
    (["export", "csv", "--out", "{tmp}/x.csv", "--type", "submarine"], "types"),
    (["export", "csv", "--out", "{tmp}/x.csv", "--from", "2023-13-45"], "start"),
    (["export", "kml", "--out", "{tmp}/afile/x.kml"], "not writable"),
    (["export", "kml", "--out", "/proc/drillmap-test/x.kml"], None),
    (["export", "kml", "--out", "{tmp}"], "is a folder"),
])
def test_cli_errors_exit_2(tmp_path, capsys, argv, message):
    (tmp_path / "afile").write_text("not a folder")
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse errors
        code = exc.code
    assert code == 2
    err = capsys.readouterr().err
    assert err.strip()
    if message:
        assert message in err
    assert "Traceback" not in err


def _temp_files(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_atomic_write_keeps_the_old_file_on_failure(tmp_path):
    target = tmp_path / "map.html"
    target.write_bytes(b"good old file")

    def half_then_fail(handle):
        handle.write(b"<html>half a map")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        atomic_write(target, half_then_fail)
    assert target.read_bytes() == b"good old file"
    assert _temp_files(tmp_path) == []


def test_failed_export_leaves_the_previous_file(ds, tmp_path, monkeypatch):
    target = tmp_path / "view.kml"
    save_export(ds, "kml", target)
    before = target.read_bytes()

    def broken(*_args, **_kwargs):
        raise ExportError("render failed half-way")

    monkeypatch.setattr(export_formats, "kml_bytes", broken)
    assert main(["export", "kml", "--out", str(target)]) == 2
    assert target.read_bytes() == before
    assert _temp_files(tmp_path) == []


def test_image_pages_share_their_head_and_differ_only_in_their_map(ds):
    # The PNG renderer keeps a page's head loaded and swaps only the map: the basemap cells
    # and the world's place names, the same on every map, are in the head of image pages.
    from geo.export.html import map_page
    from geo.export.png import _map_parts

    pages = [map_page(ds, ExportOptions(as_of=date(2024, 5, 1)), static=True),
             map_page(ds, ExportOptions(event="flight-tactical-ruzhansky-2023"), static=True),
             map_page(ds, ExportOptions(event="flight-tactical-ruzhansky-2023"), static=True,
                      slide=True)]
    parts = [_map_parts(page) for page in pages]
    assert all(p is not None for p in parts)
    assert len({p.shell for p in parts}) == 1
    for page, p in zip(pages, parts, strict=True):
        head = page[:page.index("</head>")]
        assert head.count("window.drillmapData = window.drillmapData || {}") == 2
        assert p.script.count("window.drillmapData[") == 2
        assert "window.drillmapCellBasemap(" in p.script
        # The cells (~310 KB) and the place names (~250 KB) are not in the map's script.
        assert len(p.script) < len(page) - 500_000
    # The interactive export keeps its data in its one script, as before.
    interactive = export_bytes(ds, "html", ExportOptions()).decode("utf-8")
    assert "window.drillmapData" not in interactive
