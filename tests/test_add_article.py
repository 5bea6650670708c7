"""The Add-article page through AppTest: paste, upload, review (accept/reject), corrections.

Every test runs on its own new database (``DRILLMAP_DB`` in a temporary folder, seeded from the
bundled data on the first run), offline.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import BY_DRILL_ARTICLE as ARTICLE
from conftest import BY_DRILL_EVENT_ID as EVENT_ID
from streamlit.testing.v1 import AppTest

from geo.inputs.documents import MAX_BYTES
from geo.model.event import MACHINE_TAG
from geo.services.ingest import ingest_text
from geo.store.sqlite import Store

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "app.py")


@pytest.fixture(autouse=True)
def bundled_data(monkeypatch: pytest.MonkeyPatch, app_db: Path) -> None:
    """Bundled data, a new database."""
    monkeypatch.delenv("DRILLMAP_SEEDS_DIR", raising=False)
    monkeypatch.delenv("DRILLMAP_DATA_DIR", raising=False)


def map_page(**query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    return at


def events_on_map(**query: str) -> int:
    return int(map_page(**query).metric[0].value)


def add_page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("add_article.py").run()
    assert not at.exception
    return at


def paste(at: AppTest, text: str, published: date | None = date(2024, 3, 12)) -> AppTest:
    at.text_area(key="add_text").set_value(text)
    at.date_input(key="add_published").set_value(published)
    at.button(key="add_paste").click().run()
    assert not at.exception
    return at


def texts(elements: object) -> str:
    return "\n".join(e.value for e in elements)  # type: ignore[attr-defined]


def test_pasted_article_shows_text_candidate_and_claim(app_db: Path) -> None:
    at = paste(add_page(), ARTICLE)
    assert "6 place mentions, 1 new and 0 known exercises, 1 distance claims" in texts(
        at.success)
    markdown = texts(at.markdown)
    assert "**BY exercise in Baranovichi**" in markdown
    assert "machine\\-extracted, unreviewed" in markdown
    assert "2024\\-03\\-12 \\(day\\) — “on Tuesday”" in markdown
    assert "**Troops:** About 1,500" in markdown and "**Tanks:** 30" in markdown
    assert "Baranovichi \\(site\\) → Baranovichi, BY \\(city" in markdown
    assert "measured: 141 km · consistent" in markdown
    html = texts(at.get("html"))
    assert '<mark title="Baranovichi, BY (city' in html  # highlighted, with the resolution
    assert at.button(key=f"accept-{EVENT_ID}") and at.button(key=f"reject-{EVENT_ID}")
    assert any(c.value.startswith("Done in ") for c in at.caption)


def test_accept_puts_the_event_on_the_map(app_db: Path) -> None:
    before = events_on_map()
    at = paste(add_page(), ARTICLE)
    assert events_on_map() == before  # unreviewed: not on the map by default ...
    at_map = map_page()
    assert "1 machine-extracted event await review" in texts(at_map.caption)
    shown = map_page(unreviewed="1")  # ... but can be shown, marked
    assert int(shown.metric[0].value) == before + 1
    table = shown.dataframe[-2].value
    assert list(table.loc[table["name"] == "BY exercise in Baranovichi", "review"]) == [
        MACHINE_TAG]
    at.button(key=f"accept-{EVENT_ID}").click().run()
    assert "Accepted “BY exercise in Baranovichi”: it is on the map." in texts(at.success)
    assert not any(b.key == f"accept-{EVENT_ID}" for b in at.button)
    assert "accepted by the analyst" in texts(at.markdown)
    assert events_on_map() == before + 1
    with Store(app_db) as store:
        assert store.event(EVENT_ID).review == "accepted"  # type: ignore[union-attr]


def test_reject_keeps_the_event_off_the_map(app_db: Path) -> None:
    before = events_on_map()
    at = paste(add_page(), ARTICLE)
    at.button(key=f"reject-{EVENT_ID}").click().run()
    assert "Rejected" in texts(at.success)
    assert not any(b.key == f"accept-{EVENT_ID}" for b in at.button)
    assert "rejected by the analyst" in texts(at.markdown)
    assert events_on_map() == before
    assert events_on_map(unreviewed="1") == before
    with Store(app_db) as store:
        assert store.event(EVENT_ID).review == "rejected"  # type: ignore[union-attr]


def test_correcting_a_place_is_stored_and_shown(app_db: Path) -> None:
    at = paste(add_page(), ARTICLE)
    at.selectbox(key="corr_surface").set_value("Minsk").run()
    options = at.selectbox(key="corr_choice").options
    other = next(o for o in options if o.startswith("Mińsk Mazowiecki, PL"))
    at.selectbox(key="corr_choice").set_value(other)
    at.text_input(key="corr_note").set_value("the Polish town")
    at.button(key="corr_save").click().run()
    assert not at.exception
    assert "“Minsk” is now Mińsk Mazowiecki, PL" in texts(at.success)
    assert '<mark title="Mińsk Mazowiecki, PL' in texts(at.get("html"))
    with Store(app_db) as store:
        assert store.place_corrections()["minsk"].name == "Mińsk Mazowiecki"  # type: ignore
        assert store.corrections()[-1]["note"] == "the Polish town"


def test_empty_paste_says_so() -> None:
    at = paste(add_page(), "   \n ")
    assert "pasted text" in at.error[0].value and "empty" in at.error[0].value


def test_article_without_places_is_stored_with_a_warning() -> None:
    at = paste(add_page(), "Officials held a meeting on Monday about the weather.")
    assert "no place names found" in texts(at.warning)
    assert "No exercise found in this article" in texts(at.caption)


def test_uploads_binary_too_large_undecodable_and_good_with_progress() -> None:
    at = add_page()
    at.file_uploader(key="add_files").set_value([
        ("scan.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "text/plain"),
        ("blob.md", b"\x00\x01\x02\x03" * 100, "text/markdown"),
        ("huge.txt", b"a" * (MAX_BYTES + 1), "text/plain"),
        ("latin.txt", b"\x81\x8d\x8f odd bytes \x90\x9d", "text/plain"),
        ("report.html", f"<html><body><p>{ARTICLE}</p><script>x()</script></body></html>"
         .encode(), "text/html"),
    ]).run()
    at.button(key="add_upload").click().run()
    assert not at.exception
    errors = texts(at.error)
    assert "scan.txt: a PNG image, not a text article" in errors.replace("\\", "")
    assert "blob.md: binary file, not text" in errors.replace("\\", "")
    assert "the limit is 10 MB" in errors
    assert "unknown text encoding" in errors
    assert "report.html" in texts(at.success).replace("\\", "")
    assert "1 new and 0 known exercises" in texts(at.success)
    assert at.get("progress")  # the batch's progress bar
    assert "**BY exercise in Baranovichi**" in texts(at.markdown)


@pytest.mark.parametrize("kind", ["directory", "not a database"])
def test_unopenable_database_falls_back_to_the_files(kind: str, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "bad.sqlite"
    if kind == "directory":
        bad.mkdir()
    else:
        bad.write_bytes(b"this is not SQLite " * 100)
    monkeypatch.setenv("DRILLMAP_DB", str(bad))
    at = map_page()
    assert "could not be opened" in at.warning[0].value
    assert "showing the bundled files instead" in at.warning[0].value.lower()
    assert int(at.metric[0].value) == 14  # the bundled data, from the files
    at.switch_page("add_article.py").run()
    assert not at.exception
    assert "could not be opened" in at.error[0].value
    assert not at.button  # nothing can be added


def test_open_map_follows_an_ingest_from_another_process(app_db: Path) -> None:
    at = map_page()
    before = int(at.metric[0].value)
    with Store(app_db) as store:  # e.g. ``python -m geo ingest`` meanwhile
        result = ingest_text(ARTICLE, published="2024-03-12", store=store)
        store.accept_event(result.events[0].event_id)
    at.run()  # the same session: its date filter spanned the old data (2021-09 to 2023)
    assert not at.exception
    assert int(at.metric[0].value) == before + 1
    assert at.date_input(key="f_dates").value[1] == date(2024, 3, 12)
    assert not at.query_params.get("to")  # still "no date bound"
