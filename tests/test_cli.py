"""The command line: build, geocode, distance, and exit code 2 on bad arguments."""

from __future__ import annotations

import csv
import json

import pytest

from geo.cli import main


def test_build_writes_outputs(tmp_path, capsys):
    assert main(["build", "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "unresolved place names: 1" in out
    assert "off by 47 km" in out
    for name in ("events.geojson", "events.csv", "places.csv", "claims.csv"):
        assert (tmp_path / "out" / name).stat().st_size > 0
    fc = json.loads((tmp_path / "out" / "events.geojson").read_text(encoding="utf-8"))
    assert fc["type"] == "FeatureCollection"
    with (tmp_path / "out" / "claims.csv").open(encoding="utf-8") as handle:
        (claim,) = list(csv.DictReader(handle))
    assert claim["verdict"] == "flagged" and float(claim["stated_km"]) == 150
    with (tmp_path / "out" / "events.csv").open(encoding="utf-8") as handle:
        assert len(list(csv.DictReader(handle))) == 14


def test_geocode_json(capsys):
    assert main(["geocode", "St. Petersburg", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["country_code"] == "RU" and abs(data["lat"] - 59.94) < 0.2


def test_distance_json(capsys):
    assert main(["distance", "--lat", "52.8658", "--lon", "24.8914", "--border", "UA",
                 "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= {"distance_km", "bearing_deg", "nearest_lat", "nearest_lon", "inside"}
    assert data["distance_km"] == pytest.approx(103, abs=1.5)
    assert data["inside"] is False


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["distance", "--lat", "95", "--lon", "24", "--border", "UA"], "swapped"),
        (["distance", "--lat", "52", "--lon", "24", "--border", "XX"], "XX"),
        (["distance", "--lat", "52", "--lon", "24", "--border", "Ukraine"], "ISO 3166"),
        (["distance", "--lat", "abc", "--lon", "24", "--border", "UA"], "invalid"),
        (["build"], "--out"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_bad_arguments_exit_2(argv, message, capsys):
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse exits itself on usage errors
        code = exc.code
    assert code == 2
    assert message in capsys.readouterr().err


def test_build_rejects_malformed_data_with_line(tmp_path, capsys):
    import shutil
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    data = tmp_path / "data"
    shutil.copytree(root / "data", data)
    with (data / "events.csv").open("a", encoding="utf-8") as handle:
        handle.write("bad-1,X,stated,exercise,space,2022,year,2022,year,,held,RU,,,,,,,,\n")
    assert main(["build", "--out", str(tmp_path / "o"), "--data", str(data),
                 "--db", str(tmp_path / "new.sqlite")]) == 2
    err = capsys.readouterr().err
    assert "events.csv, line 16" in err and "type must be one of" in err
    assert not (tmp_path / "o").exists()
