"""Property: any Unicode text goes through text -> mentions -> store without a crash, nothing of
it lost, and what the database gives back is exactly what ingest found (Hypothesis)."""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.extract.mentions import names_no_place
from geo.services.ingest import ingest_text
from geo.services.reading import read_dataset
from geo.store.sqlite import Store

#: Place phrases mixed into the random text, so that mentions are found, stored and read back.
PLACE_PHRASES = (" near Baranovichi ", " in Minsk ", " Brest ", " the Polish border ",
                 " about 150 kilometers from the Polish border. ", " Kaliningrad, Russia ",
                 " Zapad exercise in Belarus on Tuesday. ")

#: Any Unicode scalar value except surrogates (not text), line breaks (one line keeps the
#: expected text exact: a repeated line would rightly be dropped as page furniture) and "<"
#: (a pasted "<html" page is converted to its visible text, another property).
_CHARACTERS = st.characters(codec="utf-8", exclude_characters="\n\r<")

ONE_LINE = st.lists(st.one_of(st.text(_CHARACTERS, max_size=40), st.sampled_from(PLACE_PHRASES)),
                    max_size=12).map("".join)


def _expected_text(raw: str) -> str:
    """What ingest keeps of one line: control characters dropped, NFC, whitespace collapsed."""
    kept = "".join(c for c in raw if c == "\t" or unicodedata.category(c) != "Cc")
    return " ".join(unicodedata.normalize("NFC", kept).split())


def _mention_key(m) -> tuple:
    place = m.place
    return (m.surface, m.start, m.end, m.query, m.found_by,
            None if place is None else (place.name, place.lat, place.lon, place.country_code,
                                        place.kind, place.source))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=ONE_LINE)
def test_any_text_round_trips_through_ingest_and_the_store(raw: str, geocoder, lexicon
                                                           ) -> None:
    expected = _expected_text(raw)
    with Store(":memory:") as store:
        result = ingest_text(raw, published="2024-03-12", store=store, geocoder=geocoder,
                             lexicon=lexicon, seed=False)
        if result.status == "error":  # only for text with nothing to read
            assert ("empty" in result.message or "no article text" in result.message), \
                result.message
            assert len(expected) <= 4 or not any(c.isalnum() for c in expected), expected
            return
        assert result.status == "ingested", result.message
        assert result.text == expected  # nothing lost, nothing added
        ds = read_dataset(store, include_unreviewed=True)
    (article,) = [a for a in ds.articles if a.id == result.article_id]
    assert article.text == result.text and article.title == result.title
    stored = sorted(_mention_key(m) for m in ds.mentions if m.article_id == article.id)
    # The store keeps every name read; the result reports the place mentions among them.
    left_out = [_mention_key(m) for m in ds.mentions
                if m.article_id == article.id and names_no_place(article.text, m)]
    assert stored == sorted([*(_mention_key(m) for m in result.mentions), *left_out])
    for m in ds.mentions:
        assert article.text[m.start:m.end] == m.surface
