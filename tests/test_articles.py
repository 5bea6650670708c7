"""Article loading and cleaning on the real seed pages."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from geo.errors import DataFormatError
from geo.inputs.articles import clean_text, load_article_file, load_article_metadata, load_articles
from geo.model.text import split_sentences

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = ROOT / "data"


@pytest.fixture(scope="module")
def articles():
    loaded, errors = load_articles(SEEDS.glob("*.txt"), root=ROOT,
                                   metadata=load_article_metadata(DATA / "articles.csv"))
    assert errors == []
    return {a.id: a for a in loaded}


def test_five_files_give_six_articles(articles):
    assert sorted(articles) == ["000", "001", "002", "003", "003-2", "004"]


def test_appended_article_is_split_off(articles):
    first, appended = articles["003"], articles["003-2"]
    assert appended.file == first.file == "seeds/003_46a992fda3deddc8.txt"
    assert appended.title == "Zelenskiy Thanks Trump for Readiness to Support Ukraine"
    assert "Zelenskiy" not in first.text and "Trump" not in first.text
    assert "Kellogg" in appended.text and "Lukashenko" not in appended.text
    assert appended.published == date(2025, 7, 14)


def test_boilerplate_dropped_and_captions_collapsed(articles):
    everything = "\n".join(a.text for a in articles.values())
    for noise in ("Back to top button", "Close Bitnami banner", "Related Articles"):
        assert noise not in everything
    assert "\nTT\n" not in everything and "\n20\n" not in everything
    caption = "during their meeting at Konstantin Palace in Strelna"
    assert articles["003"].text.count(caption) == 1
    assert articles["003"].text.count("Russia and Belarus to Hold Joint War Games") == 1


def test_no_reader_text_lost():
    """Every line of every seed file is kept or was dropped as noise or as a repeat."""
    for path in SEEDS.glob("*.txt"):
        kept = {line for a in load_article_file(path) for line in a.text.split("\n")}
        dropped = {line for a in load_article_file(path) for line in a.dropped_lines}
        for raw in path.read_text(encoding="utf-8").splitlines():
            line = " ".join(raw.split())
            if line:
                assert line in kept or line in dropped, (path.name, line)
                if line in dropped and line not in kept:
                    assert len(line) <= 24 or line.startswith(("Russian President Vladimir",
                                                               "Ukraine's President"))


def test_dates_and_basis(articles):
    assert articles["003"].published == date(2021, 12, 29)
    assert articles["003"].date_basis == "stated"
    assert articles["000"].date_basis == "derived"
    assert articles["002"].published_precision == "year"
    assert articles["004"].published_precision == "month"
    for a in articles.values():
        for piece in a.date_evidence.split("|"):
            assert piece in a.text


def test_sentence_split_keeps_abbreviations():
    text = "They met in St. Petersburg on Wednesday, Dec. 29, 2021. Then they left."
    sentences = [s for _, _, s in split_sentences(text)]
    assert sentences == ["They met in St. Petersburg on Wednesday, Dec. 29, 2021.",
                         "Then they left."]
    for start, end, s in split_sentences(text):
        assert text[start:end] == s


def test_clean_text_drops_repeats_not_content():
    text, dropped = clean_text(["A line.", "", "Back to top button", "A line.", "Another."])
    assert text == "A line.\nAnother."
    assert dropped == ("Back to top button", "A line.")


def test_bad_file_does_not_stop_others(tmp_path):
    shutil.copy(SEEDS / "002_d51b4040fe36e7af.txt", tmp_path / "002_ok.txt")
    (tmp_path / "009_binary.txt").write_bytes(b"\x00\x01\x02PNG")
    (tmp_path / "010_empty.txt").write_text("\n\n", encoding="utf-8")
    loaded, errors = load_articles(tmp_path.glob("*.txt"))
    assert [a.id for a in loaded] == ["002"]
    assert any("009_binary.txt" in e and "binary" in e for e in errors)
    assert any("010_empty.txt" in e for e in errors)


@pytest.mark.parametrize(
    ("bad_row", "message"),
    [
        ("005,seeds/x.txt,0,T,2022-13-01,day,stated,,", "month must be in 1..12"),
        ("005,seeds/x.txt,0,T,2022-02,day,stated,,", "does not match precision"),
        ("005,seeds/x.txt,zero,T,,,none,,", "part must be a number"),
        ("005,seeds/x.txt,0,T,2022,year,guessed,,", "date_basis"),
        ("005,seeds/x.txt,0,T,,,stated,,", "exactly when published is empty"),
        ("000,seeds/x.txt,0,T,,,none,,", "duplicate id"),
        ("005,seeds/x.txt,0", "too few fields"),
    ],
)
def test_malformed_metadata_row_rejected_with_line(tmp_path, bad_row, message):
    lines = (DATA / "articles.csv").read_text(encoding="utf-8").splitlines()
    lines.insert(3, bad_row)  # becomes line 4 of the file
    path = tmp_path / "articles.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataFormatError, match="line 4") as info:
        load_article_metadata(path)
    assert message in str(info.value)
    assert info.value.line == 4
