"""Hostile article text through the data exports: KML balloons and CSV cells stay inert."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from dataclasses import replace
from html.parser import HTMLParser

import pytest

from geo.analysis.pipeline import build_dataset
from geo.export.formats import export_bytes
from geo.export.options import ExportOptions

FORMULA = '=HYPERLINK("http://example.invalid","click")'


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)


def test_kml_descriptions_render_article_text_as_text(xss_dirs) -> None:
    """A KML viewer renders <description> as HTML: only our <br> may reach it as markup."""
    seeds, data = xss_dirs
    ds = build_dataset(seeds_dir=seeds, data_dir=data)
    root = ET.fromstring(export_bytes(ds, "kml", ExportOptions()))
    descriptions = [d.text or "" for d in root.iter("{http://www.opengis.net/kml/2.2}description")]
    quoted = [d for d in descriptions if "window.__xss=1" in d]
    assert quoted, "the hostile quote should be in a balloon"
    for text in descriptions:
        parser = _Tags()
        parser.feed(text)
        assert set(parser.tags) <= {"br"}, parser.tags
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in quoted[0]


def test_csv_cells_never_start_a_formula(tmp_path) -> None:
    ds = build_dataset()
    ds = replace(ds, events=[replace(e, name=FORMULA if i == 0 else e.name)
                             for i, e in enumerate(ds.events)])
    rows = list(csv.DictReader(io.StringIO(export_bytes(ds, "csv").decode("utf-8"))))
    assert rows[0]["name"] == "'" + FORMULA
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "@")), value


def test_export_refuses_devices_keeps_symlinks_and_writes_stdout(tmp_path, capfdbinary
                                                                 ) -> None:
    import os

    from geo.cli import main

    for device in ("/dev/null", "/dev/full"):
        assert main(["export", "csv", "--out", device]) == 2
        assert os.path.exists(device) and not os.path.isfile(device)  # still a device
    real = tmp_path / "real.csv"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    assert main(["export", "csv", "--out", str(link)]) == 0
    assert link.is_symlink() and link.resolve() == real
    assert real.read_text(encoding="utf-8").startswith("id,name,")
    capfdbinary.readouterr()
    assert main(["export", "geojson", "--out", "-"]) == 0
    out, err = capfdbinary.readouterr()
    assert out.startswith(b'{"type": "FeatureCollection"') or out.lstrip().startswith(b"{")
    assert b"standard output" in err


def test_ingest_refuses_devices_and_fifos_at_once(tmp_path) -> None:
    """/dev/urandom would be read until memory runs out; a FIFO with no writer would hang."""
    import os

    from geo.services.ingest import ingest_files
    from geo.store.sqlite import Store

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    good = tmp_path / "good.txt"
    good.write_text("Belarusian troops held drills near Brest on Monday.", encoding="utf-8")
    batch = ingest_files(["/dev/urandom", fifo, good], store=Store(":memory:"),
                         published="2024-05-01")
    by_source = {r.source: r for r in batch.results}
    assert by_source["/dev/urandom"].message == "/dev/urandom: not a regular file"
    assert by_source[str(fifo)].message == f"{fifo}: not a regular file"
    assert by_source[str(good)].status == "ingested"


# --------------------------------------------------------------------------- every output
#: One fixture of hostile strings, each of which sets the canary ``window.__pwned`` (or opens
#: a dialog) if any output ever runs it, or breaks a file format if any writer forgets it.
HOSTILE_STRINGS: tuple[str, ...] = (
    "<script>window.__pwned=1;alert(1)</script>",
    '<img src=x onerror="window.__pwned=2;alert(2)">',
    '<svg onload="window.__pwned=3;alert(3)"></svg>',
    '{{constructor.constructor("window.__pwned=4;alert(4)")()}}',
    "{% if 1 %}templated{% endif %} {{ 7*7 }}",
    "${window.__pwned=5;alert(5)}",
    "</script><script>window.__pwned=6;alert(6)</script>",
    '"\'><a href="javascript:window.__pwned=7;alert(7)" id=jsl>x</a>',
    "javascript:window.__pwned=8;alert(8)",
    '=HYPERLINK("http://example.invalid","x")',
    "+SUM(1,2)",
    "-2+3",
    "@SUM(1)",
    "NUL\x00byte",
    "Zapad " + "A" * 10_000,
)

#: Counts what an output ran: the canary, markup that became elements, and every dialog.
_INERT_CHECK = """() => ({
    pwned: typeof window.__pwned === 'undefined' ? null : window.__pwned,
    elements: document.querySelectorAll(
        '.leaflet-popup-content script, .leaflet-tooltip script, .leaflet-popup-content img,'
        + ' .leaflet-tooltip img, .leaflet-popup-content svg, .leaflet-tooltip svg,'
        + ' #b script, #b img, #b svg, a[href^="javascript"], #jsl').length,
})"""

#: Opens every popup and tooltip of every Leaflet map on the page; returns their texts.
_OPEN_ALL = """() => {
    const texts = [];
    const maps = Object.values(window).filter(v => v instanceof L.Map);
    maps.forEach(m => m.eachLayer(l => {
        const bounds = l.getBounds ? l.getBounds() : null;
        const at = l.getLatLng ? l.getLatLng()
            : (bounds && bounds.isValid() ? bounds.getCenter() : null);
        if (!at) return;
        if (l.getPopup && l.getPopup()) {
            l.openPopup(at);
            const el = l.getPopup().getElement();
            if (el) texts.push(el.innerText);
        }
        if (l.getTooltip && l.getTooltip()) {
            l.openTooltip(at);
            const el = l.getTooltip().getElement();
            if (el) texts.push(el.innerText);
        }
    }));
    // The packed layer draws its sites on a canvas: open each site's tooltip and popup.
    (window.drillmapPackedLayers || []).forEach(layer => {
        for (let i = 0; i < layer.siteCount(); i++) {
            texts.push(layer.openSitePopup(i).innerText);
            texts.push(layer.openSiteTooltip(i).innerText);
        }
    });
    return texts;
}"""


def _hostile_names(ds):
    """Every event renamed (and annotated) with the hostile strings, in turn."""
    n = len(HOSTILE_STRINGS)
    return replace(ds, events=[replace(e, name=f"{HOSTILE_STRINGS[i % n]} {i}",
                                       notes=HOSTILE_STRINGS[(i + 1) % n])
                               for i, e in enumerate(ds.events)])


@pytest.fixture(scope="module")
def hostile_ingested():
    """The hostile strings pushed through ingest: text -> mentions -> store -> dataset."""
    from conftest import BY_DRILL_ARTICLE

    from geo.services.ingest import ingest_text
    from geo.services.reading import read_dataset
    from geo.store.sqlite import Store

    headline, _, body = BY_DRILL_ARTICLE.partition("\n\n")
    first, rest = body.split(" the defence ministry", 1)
    text = (f"{headline} {HOSTILE_STRINGS[0]} {HOSTILE_STRINGS[7]}\n\n{first} "
            + " ".join(HOSTILE_STRINGS) + " the defence ministry" + rest)
    with Store(":memory:") as store:
        result = ingest_text(text, published="2024-03-12", store=store, seed=False)
        assert result.status == "ingested" and result.events, result.message
        ds = read_dataset(store, include_unreviewed=True)
    quote = max((s.quote for s in ds.sources), key=len)
    for hostile in HOSTILE_STRINGS:  # stored whole: nothing lost but the NUL byte
        assert hostile.replace("\x00", "") in quote
    return _hostile_names(ds)


@pytest.fixture(scope="module")
def hostile_curated(xss_dirs):
    seeds, data = xss_dirs
    return _hostile_names(build_dataset(seeds_dir=seeds, data_dir=data))


@pytest.fixture(scope="module")
def hostile_packed():
    """310 events (the packed canvas layer takes over above 300), named and quoted with them."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "bench" / "bench_exports.py"
    spec = importlib.util.spec_from_file_location("bench_exports", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    big = _hostile_names(module.synthetic_dataset(310))
    n = len(HOSTILE_STRINGS)
    return replace(big, sources=[replace(s, quote=f"{s.quote} {HOSTILE_STRINGS[i % n]}")
                                 for i, s in enumerate(big.sources)])


@pytest.fixture(scope="module")
def browser():
    """A renderer whose page counts every dialog (alert, confirm, prompt) it is asked for."""
    import shutil

    from geo.export.png import MapRenderer

    if shutil.which("chromium") is None:
        pytest.skip("Debian's chromium is not installed")
    with MapRenderer(timeout_s=60) as renderer:
        page = renderer.load("<script>window.drillmapReady = true;</script>", width=400,
                             height=300)
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        yield renderer, dialogs


def _page_of_fragments(fragments) -> str:
    """A page inserting HTML fragments the way a KML viewer or ``st.html`` does."""
    import json

    return ("<html><body><div id=b></div><script>const parts = "
            + json.dumps(list(fragments)).replace("</", "<\\/") + ";"
            "parts.forEach(p => { const d = document.createElement('div'); d.innerHTML = p;"
            " document.getElementById('b').appendChild(d); });"
            "window.drillmapReady = true;</script></body></html>")


def _detail_fragments(ds) -> list[str]:
    """The app's detail view of every event, composed as dashboard/mappage.py composes it."""
    import html

    from geo.render.views import event_detail

    fragments = []
    for e in ds.events:
        detail = event_detail(ds, e.id)
        fragments.append(html.escape(detail.event.name))
        for src in detail.sources:
            quotes = "".join(f"<blockquote>{q}</blockquote>" for q in src.quotes_html)
            fragments.append(f"<div class='drillmap-source'><b>Article "
                             f"{html.escape(src.article_id)}</b>: {html.escape(src.title)} · "
                             f"{html.escape(src.published)} · <code>{html.escape(src.file)}"
                             f"</code>{quotes}</div>")
            fragments.append(src.text_html)
    return fragments


@pytest.mark.browser
@pytest.mark.parametrize("which", ["hostile_ingested", "hostile_curated", "hostile_packed"])
def test_hostile_text_runs_nowhere_in_chromium(which, request, browser) -> None:
    """HTML map (per-marker and packed layer), KML balloons and the app's detail view: opened
    in Chromium with every popup and tooltip shown, nothing runs and the text shows as text."""
    renderer, dialogs = browser
    ds = request.getfixturevalue(which)
    root = ET.fromstring(export_bytes(ds, "kml", ExportOptions()))  # well-formed
    balloons = [d.text or "" for d in root.iter("{http://www.opengis.net/kml/2.2}description")]
    pages = {"html": export_bytes(ds, "html", ExportOptions()).decode("utf-8"),
             "kml": _page_of_fragments(balloons)}
    if which != "hostile_packed":
        pages["detail"] = _page_of_fragments(_detail_fragments(ds))
    for kind, page_html in pages.items():
        page = renderer.load(page_html, width=1200, height=700)
        shown = page.evaluate(_OPEN_ALL) if kind == "html" else [page.inner_text("#b")]
        page.wait_for_timeout(300)  # an image's onerror would run after the load
        assert page.evaluate(_INERT_CHECK) == {"pwned": None, "elements": 0}, kind
        assert dialogs == [], kind
        text = "\n".join(shown)
        assert "<script>window.__" in text, kind  # the markup is there, shown as text
        if kind != "kml":  # (KML balloons quote sources; the names are plain <name> text)
            assert "{{constructor.constructor(" in text, kind


def _cells(ds) -> list[str]:
    return [value for row in csv.reader(io.StringIO(export_bytes(ds, "csv").decode("utf-8")))
            for value in row]


@pytest.mark.parametrize("which", ["hostile_ingested", "hostile_curated"])
def test_hostile_text_stays_whole_and_inert_in_csv_geojson_and_slides(which, request) -> None:
    """CSV: no cell starts a formula; GeoJSON: every name round-trips unchanged (a NUL byte is
    not text and is dropped); PPTX: the slides open and show the names as text."""
    import json

    from pptx import Presentation

    ds = request.getfixturevalue(which)
    for cell in _cells(ds):
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell[:80]
    if len(ds.events) > HOSTILE_STRINGS.index('=HYPERLINK("http://example.invalid","x")'):
        assert any(c.startswith("'=HYPERLINK(") for c in _cells(ds))  # kept, neutralised
    collection = json.loads(export_bytes(ds, "geojson"))
    names = {f["properties"]["name"] for f in collection["features"]}
    assert names <= {e.name for e in ds.events}
    assert any(n.startswith("<script>window.__pwned=1") for n in names)
    named = tuple(ds.events[i].id for i in (0, 3, 5) if i < len(ds.events))  # markup, {{ }}, ${}
    deck = Presentation(io.BytesIO(export_bytes(ds, "pptx", ExportOptions(
        event_ids=named, width=800, height=450))))
    text = "\n".join(run.text for slide in deck.slides for shape in slide.shapes
                     if shape.has_text_frame for p in shape.text_frame.paragraphs
                     for run in p.runs)
    assert "<script>window.__pwned=1;alert(1)</script>" in text
    if len(named) == 3:
        assert "{{constructor.constructor(" in text and "${window.__pwned=5" in text


@pytest.mark.browser
def test_the_canary_and_the_dialog_listener_do_catch_a_payload(browser) -> None:
    """The harness itself: raw markup inserted as HTML runs, and both signals see it."""
    renderer, dialogs = browser
    page = renderer.load(_page_of_fragments([HOSTILE_STRINGS[1]]), width=400, height=300)
    page.wait_for_function("typeof window.__pwned !== 'undefined'", timeout=5000)
    assert page.evaluate(_INERT_CHECK) == {"pwned": 2, "elements": 1}
    assert dialogs == ["2"]
    dialogs.clear()
