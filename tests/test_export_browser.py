"""Exports in headless Chromium (Debian's package, network blocked): the HTML draws every event and
a distance label offline, PNGs are checked by their pixels, decks carry real map pictures.

One browser for the module (:class:`geo.export.png.MapRenderer`); artifacts go to test-artifacts/.
"""

from __future__ import annotations

import importlib.util
import io
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

from geo.analysis.pipeline import build_dataset
from geo.export.deck import build_deck
from geo.export.formats import export_bytes
from geo.export.html import map_page
from geo.export.options import ExportError, ExportOptions
from geo.export.png import MapRenderer, _clip
from geo.export.slidemap import IMAGE_PX_PER_IN
from geo.model.dataset import Dataset
from geo.render.maps import TYPE_COLORS, MapOptions, build_map, map_html

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which("chromium") is None,
                       reason="Debian's chromium is not installed (apt-get install chromium); "
                              "drillmap never downloads a browser"),
]

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
RUZHANSKY = "flight-tactical-ruzhansky-2023"
AS_OF = date(2024, 5, 1)


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return build_dataset()


@pytest.fixture(scope="module")
def renderer():
    with MapRenderer(timeout_s=30) as r:
        yield r


def _save(name: str, data: bytes) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / name).write_bytes(data)


def _image(png: bytes):
    from PIL import Image

    return Image.open(io.BytesIO(png)).convert("RGB")


def _near(pixel, rgb, tol=14) -> bool:
    return all(abs(a - b) <= tol for a, b in zip(pixel, rgb, strict=True))


def _hex(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))


def _count(img, rgb, box=None) -> int:
    region = img.crop(box) if box else img
    return sum(n for n, px in region.getcolors(region.width * region.height)
               if _near(px, rgb))


# --------------------------------------------------------------------------- HTML offline
def test_exported_html_draws_every_event_offline(ds, renderer, tmp_path):
    page = export_bytes(ds, "html", ExportOptions(as_of=AS_OF)).decode("utf-8")
    _save("export-map.html", page.encode("utf-8"))
    blocked_before = len(renderer.blocked_requests)
    loaded = renderer.load(page, width=1600, height=900)
    # Nothing outside the file was even requested (routing aborts anything that is).
    assert renderer.blocked_requests[blocked_before:] == []
    assert loaded.evaluate("window.drillmapReady") is True
    assert loaded.locator(".folium-map").get_attribute("data-ready") == "true"
    located = [e.id for e in ds.events if any(p is not None for _, p in ds.places_of(e.id))]
    for event_id in located:
        assert loaded.locator(f".drillmap-event-{event_id}").count() >= 1, event_id
    labels = loaded.locator(".drillmap-label").all_inner_texts()
    assert any("103 km to Ukraine" in t for t in labels)
    assert loaded.locator(".drillmap-legend").is_visible()
    assert "as of 2024-05-01" in loaded.locator(".drillmap-title").inner_text()
    assert "Natural Earth" in loaded.locator(".drillmap-source").inner_text()
    assert loaded.locator(".leaflet-control-scale").is_visible()
    # A popup quotes its sources.
    loaded.locator(f".drillmap-event-{RUZHANSKY}").first.click(force=True)
    popup = loaded.locator(".leaflet-popup-content").inner_text()
    assert "Ruzhansky training grounds" in popup and "article 002" in popup


def test_network_is_blocked_not_just_unused(ds, renderer):
    page = export_bytes(ds, "html", ExportOptions(event=RUZHANSKY)).decode("utf-8")
    page = page.replace("</body>", '<img src="https://tile.example.org/1/2/3.png"></body>')
    before = len(renderer.blocked_requests)
    renderer.render_html(page, width=800, height=450)
    assert renderer.blocked_requests[before:] == ["https://tile.example.org/1/2/3.png"]


# --------------------------------------------------------------------------- PNG pixels
def test_png_overview_size_and_content(ds, renderer):
    png = export_bytes(ds, "png", ExportOptions(width=1200, height=700, as_of=AS_OF),
                       renderer=renderer)
    _save("export-overview.png", png)
    img = _image(png)
    assert img.size == (1200, 700)
    assert len(img.getcolors(1200 * 700)) > 500  # not blank


def test_png_framed_on_one_event_shows_its_marker(ds, renderer):
    options = ExportOptions(event=RUZHANSKY, width=1600, height=900, as_of=AS_OF)
    png = export_bytes(ds, "png", options, renderer=renderer)
    _save("export-ruzhansky.png", png)
    img = _image(png)
    assert img.size == (1600, 900)
    assert len(img.getcolors(1600 * 900)) > 500
    # The air-exercise marker colour is inside the framed area (clear of the map's boxes).
    framed = (290, 70, 1600 - 260, 900 - 80)
    assert _count(img, _hex(TYPE_COLORS["air"]), framed) >= 40
    # The distance lines and the reference border are drawn too.
    assert _count(img, _hex("#d6604d"), framed) + _count(img, _hex("#b2182b"), framed) >= 40
    assert _count(img, _hex("#e08214"), framed) >= 200


def test_png_of_a_compact_map(renderer):
    bench = importlib.util.spec_from_file_location("bench_exports",
                                                   ROOT / "bench" / "bench_exports.py")
    module = importlib.util.module_from_spec(bench)
    bench.loader.exec_module(module)
    big = module.synthetic_dataset(1500)  # above the compact threshold, data deflated
    page = map_html(build_map(big, MapOptions(static=True)))
    assert "DecompressionStream" in page
    img = _image(renderer.render_html(page, width=1000, height=600))
    _save("export-compact.png", renderer.render_html(page, width=1000, height=600))
    for kind in ("land", "air", "naval"):
        assert _count(img, _hex(TYPE_COLORS[kind])) >= 100, kind


def _cli(*args: str) -> subprocess.CompletedProcess:
    # A process of its own: Playwright's sync API allows one instance per thread, and the
    # module's renderer holds it here.
    return subprocess.run([sys.executable, "-m", "geo", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, check=False)


def test_cli_png(tmp_path):
    out = tmp_path / "ruzh.png"
    done = _cli("export", "png", "--out", str(out), "--event", RUZHANSKY, "--width", "1000",
                "--height", "600")
    assert done.returncode == 0, done.stderr
    assert _image(out.read_bytes()).size == (1000, 600)
    done = _cli("export", "png", "--out", str(tmp_path / "x.png"), "--event",
                "strategic-missile-exercise-2022-02")
    assert done.returncode == 2 and "site not stated" in done.stderr
    assert not (tmp_path / "x.png").exists()


def test_cli_png_scale_for_print(tmp_path):
    out = tmp_path / "print.png"
    done = _cli("export", "png", "--out", str(out), "--event", RUZHANSKY, "--width", "800",
                "--height", "450", "--scale", "2")
    assert done.returncode == 0, done.stderr
    assert _image(out.read_bytes()).size == (1600, 900)
    done = _cli("export", "png", "--out", str(tmp_path / "x.png"), "--scale", "5")
    assert done.returncode == 2 and "invalid choice" in done.stderr


def test_scaled_png_is_the_same_map_larger(ds, renderer):
    one = _image(export_bytes(ds, "png", ExportOptions(event=RUZHANSKY, width=800, height=450,
                                                       as_of=AS_OF), renderer=renderer))
    two = _image(export_bytes(ds, "png", ExportOptions(event=RUZHANSKY, width=800, height=450,
                                                       as_of=AS_OF, scale=2),
                              renderer=renderer))
    assert two.size == (1600, 900)
    # Laid out the same: the marker colour covers about four times as many pixels.
    air = _hex(TYPE_COLORS["air"])
    assert 3.0 <= _count(two, air) / max(1, _count(one, air)) <= 5.5
    with pytest.raises(ExportError, match="scale must be one of 1, 2, 3"):
        ExportOptions(scale=4)


def test_render_reports_script_errors(renderer):
    with pytest.raises(ExportError, match="boom"):
        renderer.render_html("<script>window.drillmapError = 'boom'</script>")


# --------------------------------------------------------------------------- deck
def test_deck_has_map_pictures(ds, renderer):
    from pptx import Presentation

    ids = (RUZHANSKY, "naval-interaction-2022", "strategic-missile-exercise-2022-02")
    data = build_deck(ds, ExportOptions(event_ids=ids, as_of=AS_OF, scope="three events"),
                      renderer=renderer)
    _save("export-deck.pptx", data)
    prs = Presentation(io.BytesIO(data))
    assert len(prs.slides) == len(ids) + 4
    pictures = [[s for s in slide.shapes if s.shape_type == 13] for slide in prs.slides]
    order = [e.id for e in ds.events if e.id in ids]  # slides follow the dataset's order
    expected = [0, 1, 1, *[0 if i.startswith("strategic") else 1 for i in order], 0]
    assert [len(p) for p in pictures] == expected
    slide_no = 3 + order.index(RUZHANSKY)
    ruzh = pictures[slide_no][0]
    img = _image(ruzh.image.blob)
    # Rendered at the size it is shown, twice a 96-dpi screen's pixels.
    assert img.size == (round(ruzh.width / 914400 * IMAGE_PX_PER_IN),
                        round(ruzh.height / 914400 * IMAGE_PX_PER_IN))
    assert _count(img, _hex(TYPE_COLORS["air"])) >= 40
    text = "\n".join(s.text_frame.text for s in prs.slides[slide_no].shapes
                     if s.has_text_frame)
    assert "103 km" in text
    for s in ds.sources_of(RUZHANSKY):
        assert s.quote in text
    # A rough preview of the slide, to look at (LibreOffice is not available here).
    from pptx_preview import render_slide

    buf = io.BytesIO()
    render_slide(prs, slide_no).save(buf, "PNG")
    _save("export-slide.png", buf.getvalue())


def test_png_without_a_renderer_works_inside_an_asyncio_loop(ds):
    # As a Streamlit download button calls it: from a thread running an asyncio loop.
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    async def download() -> bytes:
        return export_bytes(ds, "png", ExportOptions(event_ids=("naval-interaction-2022",),
                                                     width=640, height=360))

    with ThreadPoolExecutor(1) as pool:
        png = pool.submit(asyncio.run, download()).result(timeout=120)
    assert _image(png).size == (640, 360)


HOSTILE = '<img src=x onerror="window.__xss=1"> Zapad {{7*7}} ${window.__xss=2}'


def test_packed_layer_shows_hostile_names_as_text(renderer):
    """Above 300 events the packed canvas layer draws the map: its tooltips (and popups) must
    show article text as text. 350 events named with markup; every tooltip opened."""
    from dataclasses import replace

    bench = importlib.util.spec_from_file_location("bench_exports",
                                                   ROOT / "bench" / "bench_exports.py")
    module = importlib.util.module_from_spec(bench)
    bench.loader.exec_module(module)
    big = module.synthetic_dataset(350)
    big = replace(big, events=[replace(e, name=f"{HOSTILE} {i}")
                               for i, e in enumerate(big.events)])
    page = map_html(build_map(big, MapOptions()))
    loaded = renderer.load(page, width=1200, height=700)
    # The packed layer draws its sites on a canvas: each site's tooltip and popup is built
    # when shown, so open them one by one and keep what each showed.
    opened, markup, texts = loaded.evaluate("""() => {
        let n = 0, markup = 0;
        const texts = [];
        window.drillmapPackedLayers.forEach(layer => {
            for (let i = 0; i < layer.siteCount(); i++) {
                [layer.openSiteTooltip(i), layer.openSitePopup(i)].forEach(el => {
                    markup += el.querySelectorAll("img").length;
                    texts.push(el.innerText);
                });
                n += 1;
            }
        });
        return [n, markup, texts];
    }""")
    assert opened >= 350
    assert markup == 0  # no markup was inserted
    assert sum("<img src=x" in t and "{{7*7}}" in t for t in texts) == 2 * opened
    assert loaded.evaluate("window.__xss") is None


def test_kml_balloons_show_hostile_quotes_as_text(renderer, xss_dirs):
    """KML viewers render <description> as HTML: every balloon of the export, inserted as
    HTML into a page in Chromium, shows the hostile quote as text and runs nothing."""
    import json
    import xml.etree.ElementTree as ET

    seeds, data = xss_dirs
    hostile = build_dataset(seeds_dir=seeds, data_dir=data)
    root = ET.fromstring(export_bytes(hostile, "kml", ExportOptions()))
    balloons = [d.text or "" for d in root.iter("{http://www.opengis.net/kml/2.2}description")]
    page = ("<html><body><script>window.drillmapReady = false;</script><div id=b></div>"
            "<script>const parts = " + json.dumps(balloons).replace("</", "<\\/") + ";"
            "parts.forEach(p => { const d = document.createElement('div'); d.innerHTML = p;"
            " document.getElementById('b').appendChild(d); });"
            "window.drillmapReady = true;</script></body></html>")
    loaded = renderer.load(page, width=800, height=600)
    assert loaded.locator("#b script, #b img").count() == 0
    assert "<script>window.__xss=1</script>" in loaded.locator("#b").inner_text()
    assert loaded.evaluate("window.__xss") is None


# --------------------------------------------------------------------------- one page, many maps
def test_a_map_drawn_in_place_is_the_map_loaded_whole(ds, renderer):
    # The renderer draws the next map in the page of the last one (same head: Leaflet, styles,
    # assets); the pixels and the label layout must be those of the page loaded afresh.
    overview = map_page(ds, ExportOptions(as_of=AS_OF), static=True)
    ruzhansky = map_page(ds, ExportOptions(event=RUZHANSKY, as_of=AS_OF), static=True)
    renderer.swap_maps = False
    try:
        whole = renderer.render_with_layout(ruzhansky, width=900, height=600)
        renderer.render_html(overview, width=1200, height=700)
    finally:
        renderer.swap_maps = True
    renderer.render_html(overview, width=1200, height=700)  # loaded whole: no map to replace
    swapped_before = renderer.swapped
    in_place = renderer.render_with_layout(ruzhansky, width=900, height=600)
    assert renderer.swapped == swapped_before + 1
    assert in_place[1] == whole[1]
    assert len(whole[1]["labels"]) >= 10
    assert in_place[0] == whole[0]
    page = renderer.load(ruzhansky, width=900, height=600)
    # Only the new map is left: one map container, its labels, no label of the overview.
    assert page.evaluate("document.querySelectorAll('.folium-map').length") == 1
    assert page.evaluate("document.querySelectorAll('.drillmap-placed').length") == len(
        whole[1]["labels"])


def test_a_failing_map_drawn_in_place_is_reported_and_the_next_loads_whole(ds, renderer):
    ruzhansky = map_page(ds, ExportOptions(event=RUZHANSKY, as_of=AS_OF), static=True)
    broken = ruzhansky.replace("window.drillmapReadySignal(map_",
                               "window.drillmapError = 'boom'; window.drillmapReadySignal(map_")
    assert broken != ruzhansky
    expected = renderer.render_html(ruzhansky, width=800, height=450)
    swapped_before = renderer.swapped
    with pytest.raises(ExportError, match="boom"):
        renderer.render_html(broken, width=800, height=450)
    assert renderer.swapped == swapped_before + 1
    assert renderer.render_html(ruzhansky, width=800, height=450) == expected
    assert renderer.swapped == swapped_before + 1  # loaded whole after the failure


def test_maps_drawn_two_pages_at_a_time_are_those_drawn_one_at_a_time(ds, renderer):
    # render_many_with_layout with two pages draws the next map while the last is captured;
    # each image and layout must be the one of render_with_layout, in the order asked.
    jobs = [(map_page(ds, ExportOptions(event=event, as_of=AS_OF), static=True, slide=True),
             w, h, 192 / 72) for event, w, h in
            [(RUZHANSKY, 1200, 720), (None, 1000, 600), (RUZHANSKY, 900, 540)]]
    one_at_a_time = [renderer.render_with_layout(p, width=w, height=h, scale=sc,
                                                 image_type="jpeg") for p, w, h, sc in jobs]
    renderer.pipeline_pages = 2
    try:
        both = list(renderer.render_many_with_layout(iter(jobs), image_type="jpeg"))
    finally:
        renderer.pipeline_pages = 1
    assert (192 / 72, 1) in renderer._pages  # the second page of the slide scale was used
    assert [layout for _, layout in both] == [layout for _, layout in one_at_a_time]
    assert len(both[0][1]["labels"]) >= 5
    for (image, _), (expected, _), (_, w, h, _) in zip(both, one_at_a_time, jobs, strict=True):
        assert _pixels(image).size == (w, h)
        assert _mean_abs_difference(image, expected) < 1.0


def test_a_page_that_never_signals_ready_is_reported_in_time(ds, renderer):
    page = map_page(ds, ExportOptions(event=RUZHANSKY, as_of=AS_OF), static=True)
    silent = page.replace("window.drillmapReadySignal(map_", "void (map_")
    assert silent != page
    renderer.timeout_s = 1.0
    try:
        with pytest.raises(ExportError, match="within 1 s"):
            renderer.render_html(silent, width=600, height=400)
    finally:
        renderer.timeout_s = 30.0
    assert renderer.render_html(page, width=600, height=400)[:8] == b"\x89PNG\r\n\x1a\n"


def _pixels(image: bytes) -> Image.Image:
    return Image.open(io.BytesIO(image)).convert("RGB")


def _mean_abs_difference(a: bytes, b: bytes) -> float:
    """Mean absolute difference of two images' RGB values (0-255); JPEG encodes the same
    pixels the same, so equal maps give 0."""
    return sum(ImageStat.Stat(ImageChops.difference(_pixels(a), _pixels(b))).mean) / 3


def test_an_interactive_page_is_always_loaded_whole(ds, renderer):
    # Only image pages (static) are drawn in place; the interactive export (its timeline
    # panel, its layer list) signals ready only when loaded whole, so the second of two
    # loads must not be swapped into the first.
    page = export_bytes(ds, "html", ExportOptions(as_of=AS_OF)).decode("utf-8")
    swapped_before = renderer.swapped
    for _ in range(2):
        loaded = renderer.load(page, width=1000, height=600)
        assert loaded.evaluate("window.drillmapReady") is True
    assert renderer.swapped == swapped_before


@pytest.mark.parametrize(("css", "scale"), [((569, 320), 192 / 72), ((571, 322), 192 / 72),
                                            ((388, 219), 192 / 72), ((800, 450), 2.0)])
def test_screenshots_come_out_at_the_size_asked_for(renderer, css, scale):
    # Whole CSS pixels in the clip make Chromium capture exactly the image asked for, so no
    # slide picture is cropped or stretched after the capture.
    width, height = round(css[0] * scale), round(css[1] * scale)
    page = renderer.load("<body style='margin:0;background:#abc'>"
                         "<script>window.drillmapReady = true</script></body>",
                         width=width, height=height, scale=scale)
    for kind in ("jpeg", "png"):
        shot = renderer._capture(page, kind, _clip(width, height, scale), scale)
        assert _image(shot).size == (width, height)
