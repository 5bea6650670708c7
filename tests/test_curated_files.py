"""Curated files in a data folder of one's own (``--data``, ``DRILLMAP_DATA_DIR``) are read,
checked and reported like the bundled ones: its places.csv, a BOM, a byte that is not UTF-8."""

from __future__ import annotations

import codecs
import csv
import json
import shutil
from pathlib import Path

import pytest

from geo.analysis.pipeline import build_dataset
from geo.cli import main
from geo.errors import DataFormatError
from geo.geocoders.gazetteer import load_curated_places
from geo.inputs.csvfiles import iter_csv_rows, read_csv_text
from geo.inputs.curated import load_events
from geo.services.rules import geocoder_for
from geo.settings import bundled_data_dir, data_places_path
from geo.store.sqlite import Store


def _data_copy(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(bundled_data_dir(), data)
    for path in data.iterdir():
        path.chmod(0o644)
    return data


def _append_place(places: Path, **changes: str) -> int:
    """Append a copy of the last row of ``places`` with ``changes``; return its line number."""
    with places.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    row = {**rows[-1], "name": "Zzyzx Test Range", "aliases": "", **changes}
    with places.open("a", newline="", encoding="utf-8") as handle:
        csv.DictWriter(handle, fieldnames=list(row)).writerow(row)
    return len(places.read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize(("changes", "message"), [
    ({"lat": "abc"}, "lat is not a number: 'abc'"),
    ({"lat": "91"}, "lat out of range [-90, 90]: 91.0 (lat/lon swapped?)"),
    ({"lon": "181"}, "lon out of range [-180, 180]: 181.0"),
])
def test_a_bad_places_csv_in_the_data_folder_is_rejected_with_file_and_line(
        tmp_path: Path, changes: dict[str, str], message: str) -> None:
    """It used to be ignored: the gazetteer always read the bundled places.csv."""
    data = _data_copy(tmp_path)
    line = _append_place(data / "places.csv", **changes)
    with pytest.raises(DataFormatError) as bad:
        build_dataset(data_dir=data)
    assert str(bad.value) == f"{data / 'places.csv'}, line {line}: {message}"


def test_the_cli_names_the_bad_place_row_and_exits_2(tmp_path: Path, capsys) -> None:
    data = _data_copy(tmp_path)
    line = _append_place(data / "places.csv", lat="abc")
    code = main(["build", "--out", str(tmp_path / "out"), "--data", str(data),
                 "--db", str(tmp_path / "new.sqlite")])
    err = capsys.readouterr().err
    assert code == 2
    (error,) = [text for text in err.splitlines() if "error" in text]  # after the progress
    assert error == (f"python -m geo build: error: {data / 'places.csv'}, line {line}: lat is "
                     "not a number: 'abc'")


def test_which_places_csv_a_data_folder_uses(tmp_path: Path) -> None:
    assert data_places_path(bundled_data_dir()) is None  # the bundled one, as before
    assert data_places_path(tmp_path) is None  # none of its own: the bundled one serves
    own = tmp_path / "places.csv"
    own.write_text("name\n", encoding="utf-8")
    assert data_places_path(tmp_path) == own


def test_a_byte_order_mark_is_accepted_in_every_curated_csv(tmp_path: Path) -> None:
    """Spreadsheets save "CSV UTF-8" with a BOM; events.csv used to lose its 'id' column."""
    data = _data_copy(tmp_path)
    for path in data.glob("*.csv"):
        if path.name != "places.csv":  # (its own index would be built: tested below instead)
            path.write_bytes(codecs.BOM_UTF8 + path.read_bytes())
    ds = build_dataset(data_dir=data)
    assert len(ds.events) == 14 and len(ds.articles) == 6 and not ds.problems
    first = next(iter_csv_rows(data / "events.csv", ("id",)))
    assert first[0] == 2 and first[1]["id"] == load_events(bundled_data_dir() / "events.csv")[0].id
    places = data / "places.csv"
    plain = load_curated_places(places)
    places.write_bytes(codecs.BOM_UTF8 + places.read_bytes())
    assert [(p.name, p.lat, p.line) for p in load_curated_places(places)] == [
        (p.name, p.lat, p.line) for p in plain]


@pytest.mark.parametrize("name", ["events.csv", "places.csv"])
def test_a_latin1_byte_names_its_line(tmp_path: Path, name: str) -> None:
    data = _data_copy(tmp_path)
    path = data / name
    lines = path.read_bytes().split(b"\n")
    lines[4] = lines[4].replace(b",", b",Caf\xe9 ", 1)  # line 5: 'Café' saved as Latin-1
    path.write_bytes(b"\n".join(lines))
    loader = load_events if name == "events.csv" else load_curated_places
    with pytest.raises(DataFormatError) as bad:
        loader(path)
    assert str(bad.value) == (f"{path}, line 5: not UTF-8 text at line 5 (byte 0xe9); save "
                              "the file as UTF-8")


def test_only_regular_files_are_read(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "events.csv"
    os.mkfifo(fifo)  # would hang a reader forever
    with pytest.raises(DataFormatError, match="not a regular file"):
        read_csv_text(fifo)


def test_a_database_filled_from_a_data_folder_geocodes_with_its_places(tmp_path: Path) -> None:
    """Ingest used the bundled places.csv whatever folder filled the database."""
    data = _data_copy(tmp_path)
    with Store(tmp_path / "db.sqlite") as store:
        assert geocoder_for(store).places_path is None  # not seeded: the bundled data
        with store.transaction() as conn:
            store.set_meta(conn, "seeded_from", json.dumps({"seeds": "", "data": str(data)}))
        assert geocoder_for(store).places_path == data / "places.csv"
