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
    """One line naming the problem (as the README promises), not argparse's usage block."""
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse exits itself on usage errors
        code = exc.code
    assert code == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1 and err.startswith("python -m geo") and "usage:" not in err


def test_ingest_prints_each_outcome_as_the_file_is_done(tmp_path, monkeypatch, capsys):
    """When a file's line is printed, the next file is not in the database yet (streamed)."""
    import io
    import sqlite3
    import sys

    from conftest import BY_DRILL_ARTICLE

    db = tmp_path / "i.sqlite"
    first, empty, second = tmp_path / "a.txt", tmp_path / "empty.txt", tmp_path / "b.txt"
    first.write_text(BY_DRILL_ARTICLE, encoding="utf-8")
    empty.write_text(" \n", encoding="utf-8")
    second.write_text(BY_DRILL_ARTICLE.replace("Baranovichi", "Brest"), encoding="utf-8")
    logged_when_printed: dict[str, int] = {}

    class Recorder(io.StringIO):
        def write(self, text: str) -> int:
            for path in (first, second):
                if f"] {path} (ingested)" in text:
                    with sqlite3.connect(db) as conn:
                        (count,) = conn.execute("SELECT count(*) FROM ingest_log").fetchone()
                    logged_when_printed[path.name] = count
            return super().write(text)

    out = Recorder()
    monkeypatch.setattr(sys, "stdout", out)
    code = main(["ingest", str(first), str(empty), str(second), "--db", str(db), "--no-seed",
                 "--published", "2024-03-12"])
    assert code == 1  # one file could not be ingested: exit 1, the others are stored
    assert logged_when_printed == {"a.txt": 1, "b.txt": 3}
    assert f"{empty}: empty file" in capsys.readouterr().err
    assert "\r" not in out.getvalue()  # no progress bar when not on a terminal


def test_progress_bar_only_on_a_terminal():
    import io

    from geo.cli import _ProgressBar

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    plain, terminal = io.StringIO(), Terminal()
    for stream in (plain, terminal):
        bar = _ProgressBar(4, stream)
        bar.advance("a.txt")
        bar.advance("b.txt")
        bar.clear()
    assert plain.getvalue() == ""
    assert "2/4 b.txt" in terminal.getvalue() and terminal.getvalue().endswith("\r\x1b[K")


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
