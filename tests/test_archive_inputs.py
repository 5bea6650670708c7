"""Reading news archives (JSON lines, CSV, Parquet) in partitions: every record exactly once."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from geo.errors import DataFormatError
from geo.inputs.archive import archive_format, plan_partitions, read_partition

ROWS = [
    {"text": f"Article {i}: troops held drills.\n\nSecond paragraph, \"quoted\", {i}.",
     "title": f"Title {i}", "url": f"https://example.org/{i}", "published": f"2024-03-{i + 1:02d}"}
    for i in range(23)
]


def write_jsonl(path: Path, rows: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.DictWriter(handle, fieldnames=["url", "title", "text", "published"])
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_parquet(path: Path, rows: list[dict[str, str]], row_group_size: int = 5) -> Path:
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=row_group_size)
    return path


def read_all(path: Path, partitions: int) -> list[tuple[int, str, str, str, str, str]]:
    parts = plan_partitions(path, partitions)
    assert [p.index for p in parts] == list(range(len(parts)))
    out = []
    for part in parts:
        records = list(read_partition(path, part))
        assert len(records) == part.rows
        out += [(r.row, r.text, r.title, r.url, r.published, r.problem) for r in records]
    return out


@pytest.mark.parametrize("writer", [write_jsonl, write_csv, write_parquet])
@pytest.mark.parametrize("partitions", [1, 2, 3, 7, 40])
def test_every_record_is_read_once_in_order(tmp_path: Path, writer, partitions: int) -> None:
    suffix = {write_jsonl: ".jsonl", write_csv: ".csv", write_parquet: ".parquet"}[writer]
    path = writer(tmp_path / f"archive{suffix}", ROWS)
    got = read_all(path, partitions)
    assert got == [(i + 1, r["text"], r["title"], r["url"], r["published"], "")
                   for i, r in enumerate(ROWS)]
    assert len(plan_partitions(path, partitions)) == min(partitions, len(ROWS))


def test_csv_cuts_never_fall_inside_a_quoted_newline(tmp_path: Path) -> None:
    rows = [{"text": "line one\nline two \"quoted\"\n\nline four" * (i + 1), "title": "",
             "url": str(i), "published": ""} for i in range(9)]
    path = write_csv(tmp_path / "a.csv", rows)
    for n in range(1, 10):
        assert [t for _, t, *_ in read_all(path, n)] == [r["text"] for r in rows]


def test_bad_records_are_reported_and_the_rest_read(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "Troops drilled.", "url": "u1"}\n'
                    "not json\n"
                    "\n"
                    '{"title": "no text", "url": "u4"}\n'
                    '["a", "list"]\n'
                    '{"text": "Navy drills.", "published": 2024}\n', encoding="utf-8")
    got = [(r.row, r.text, r.published, r.problem.split(" (")[0])
           for part in plan_partitions(path, 2) for r in read_partition(path, part)]
    assert got == [(1, "Troops drilled.", "", ""), (2, "", "", "not a JSON object"),
                   (4, "", "", "no article text"),
                   (5, "", "", "not a JSON object but list"), (6, "Navy drills.", "2024", "")]


def test_csv_with_a_short_row(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("text,url\nTroops drilled.,u1\nonly one field\nNavy drills.,u3\n",
                    encoding="utf-8")
    got = [(r.row, r.url, r.problem) for p in plan_partitions(path, 3)
           for r in read_partition(path, p)]
    assert got == [(1, "u1", ""), (2, "", "1 fields, the header has 2"), (3, "u3", "")]


@pytest.mark.parametrize(("name", "content", "message"), [
    ("a.txt", "x", "unknown archive format '.txt'"),
    ("a.csv", "body,url\nx,y\n", "no 'text' column in the header (body, url)"),
    ("a.parquet", "not parquet", "not a Parquet file"),
])
def test_unusable_archives_get_one_clear_message(tmp_path: Path, name: str, content: str,
                                                 message: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataFormatError, match=message.replace("(", r"\(").replace(")", r"\)")):
        plan_partitions(path, 2)


def test_missing_archive(tmp_path: Path) -> None:
    with pytest.raises(DataFormatError, match="no such archive file"):
        plan_partitions(tmp_path / "missing.jsonl", 2)
    assert archive_format("x.NDJSON") == "jsonl"
