"""Hostile article text through the data exports: KML balloons and CSV cells stay inert."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from dataclasses import replace
from html.parser import HTMLParser

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
