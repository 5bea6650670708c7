"""The Add-article page through AppTest: paste, upload, review (accept/reject), corrections.

Every test runs on its own new database (``DRILLMAP_DB`` in a temporary folder, seeded from the
bundled data on the first run), offline.
"""

from __future__ import annotations

import sys
import threading
from datetime import date
from pathlib import Path

import pytest
from app_helpers import shown_in_full
from conftest import BY_DRILL_ARTICLE as ARTICLE
from conftest import BY_DRILL_EVENT_ID as EVENT_ID
from streamlit.testing.v1 import AppTest

import geo.extract.ner
from geo.inputs.documents import MAX_BYTES
from geo.model.event import MACHINE_TAG
from geo.services.ingest import ingest_text
from geo.store.sqlite import Store

DASHBOARD = Path(__file__).resolve().parent.parent / "dashboard"
sys.path.insert(0, str(DASHBOARD))
import warmup  # noqa: E402  (dashboard/, put on the path above)

APP = str(DASHBOARD / "app.py")


@pytest.fixture(autouse=True)
def bundled_data(monkeypatch: pytest.MonkeyPatch, app_db: Path) -> None:
    """Bundled data, a new database."""
    monkeypatch.delenv("DRILLMAP_SEEDS_DIR", raising=False)
    monkeypatch.delenv("DRILLMAP_DATA_DIR", raising=False)


def map_page(**query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    shown_in_full(at.run())
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


def test_the_page_starts_loading_the_ner_model_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # The first paste waits for the NER model: the page starts loading it in the background
    # when it is first shown (the map page never does: it would compete with the first map).
    loads: list[str] = []
    monkeypatch.setattr(warmup, "_started", set())
    monkeypatch.setattr(geo.extract.ner, "ner_available",
                        lambda: loads.append(threading.current_thread().name))
    at = shown_in_full(AppTest.from_file(APP, default_timeout=60).run())
    at.multiselect(key="f_types").set_value(["naval"]).run()
    assert loads == [] and not warmup._started
    at.switch_page("add_article.py").run()
    at.text_area(key="add_text").set_value("Some text").run()
    for thread in threading.enumerate():
        if thread.name.startswith("drillmap-warmup-"):
            thread.join(timeout=10)
    assert not at.exception
    assert loads == ["drillmap-warmup-ner-model"]  # once, in its own thread


def test_pasted_article_shows_text_candidate_and_claim(app_db: Path) -> None:
    at = paste(add_page(), ARTICLE)
    # "the Polish border" is read (the claim's reference) but is no place mention
    assert "5 place mentions, 1 new and 0 known exercises, 1 distance claims" in texts(
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
    errors = texts(at.error).replace("\\", "")
    assert "**scan.txt**: a PNG image, not a text article" in errors
    assert "**blob.md**: binary file, not text" in errors
    assert "**huge.txt**: file is 10.0 MiB (10,485,761 bytes); the limit is 10 MiB" in errors
    assert "**latin.txt**: unknown text encoding" in errors
    for name in ("scan.txt", "blob.md", "huge.txt", "latin.txt"):
        assert errors.count(name) == 1, errors  # the line names the file once
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


# --------------------------------------------------------------------------- review (issue 9.6)
REVIEW_TEXT = (
    "Belarus drills near Baranovichi\n\n"
    "Belarusian troops began a snap readiness check near Baranovichi on Tuesday, the defence "
    "ministry in Minsk said. About 1,500 troops and 30 tanks take part. "
    "A tank battalion was moved by Gorodishche, about 20 km from Baranovichi. "
    "The range by Gorodishche lies about 150 kilometers from the Polish border.")
BORDER_CLAIM = "about 150 kilometers from the Polish border"


def test_review_completes_places_and_claims(app_db: Path) -> None:
    at = paste(add_page(), REVIEW_TEXT)
    assert "measured: 141 km · consistent" in texts(at.markdown)  # from Baranovichi
    at.text_input(key="miss_surface").set_value("gorodishche").run()
    assert "does not occur in the article text" in texts(at.error)
    at.text_input(key="miss_surface").set_value("Gorodishche").run()
    options = at.selectbox(key="miss_choice").options
    assert options[0].startswith("1. Gorodishche, BY (town")
    at.selectbox(key="miss_event").set_value(EVENT_ID)
    at.text_input(key="miss_note").set_value("north of Baranovichi")
    at.button(key="miss_save").click().run()
    assert not at.exception
    assert "“Gorodishche” is now Gorodishche, BY (town" in texts(at.success)
    assert "2 mentions in this article" in texts(at.success)
    markdown = texts(at.markdown)
    assert "site: Gorodishche; reference: the Polish border — article: \\~150 km · measured: " \
           "142 km · consistent" in markdown
    assert '<mark title="Gorodishche, BY (town' in texts(at.get("html"))

    # A claim the machine missed ("was moved by ..." reads like a journey).
    at.text_input(key="claim_phrase").set_value("20 km west of Minsk").run()
    at.button(key="claim_add").click().run()
    assert "does not occur in the article text" in texts(at.error)
    at.text_input(key="claim_phrase").set_value("about 20 km from Baranovichi")
    at.button(key="claim_add").click().run()
    assert "Added the claim “about 20 km from Baranovichi”: article: ~20 km · measured: " \
           "21 km · consistent." in texts(at.success)
    assert "Distance claims (2)" in [h.value for h in at.subheader]

    # Dismiss the border claim: listed as dismissed, hidden from the dataset.
    with Store(app_db) as store:
        border = next(c for c in store.claims() if c["text"] == BORDER_CLAIM)
    span = f"{border['start']}-{border['end']}"
    at.button(key=f"dismiss-claim-{span}").click().run()
    assert f"Dismissed “{BORDER_CLAIM}”" in texts(at.success)
    assert "Distance claims (1)" in [h.value for h in at.subheader]
    assert "dismissed: ~~about 150 kilometers from the Polish border~~" in texts(at.markdown)
    assert at.button(key=f"restore-claim-{span}")

    # Not a place, offered for each name.
    at.button(key="notplace-Minsk").click().run()
    assert "“Minsk” is not a place" in texts(at.success)
    assert not any(b.key == "notplace-Minsk" for b in at.button)
    with Store(app_db) as store:
        aid = store.articles()[-1]["id"]
        rows = [m for m in store.mentions(aid) if m["surface"] == "Gorodishche"]
        assert len(rows) == 2 and {m["origin"] for m in rows} == {"correction"}
        assert abs(rows[0]["lat"] - 53.3246) < 0.01 and abs(rows[0]["lon"] - 26.0079) < 0.01
        claims = {c["text"]: c for c in store.claims(aid)}
        assert claims[BORDER_CLAIM]["dismissed"] == 1
        assert claims["about 20 km from Baranovichi"]["origin"] == "analyst"
        assert store.place_corrections()["minsk"] is None


def test_review_edits_an_event_with_clear_messages(app_db: Path) -> None:
    at = paste(add_page(), ARTICLE)
    assert at.text_input(key=f"ev-name-{EVENT_ID}").value == "BY exercise in Baranovichi"
    assert at.text_input(key=f"ev-troops-{EVENT_ID}").value == "About 1,500"
    at.text_input(key=f"ev-name-{EVENT_ID}").set_value("Snap check near Baranovichi")
    at.text_input(key=f"ev-part-{EVENT_ID}").set_value("BY, Belarus")
    at.text_input(key=f"ev-tanks-{EVENT_ID}").set_value("lots")
    at.date_input(key=f"ev-end-{EVENT_ID}").set_value(date(2024, 3, 1))
    at.button(key=f"ev-save-{EVENT_ID}").click().run()
    assert not at.exception
    errors = texts(at.error)
    assert "Participants: BELARUS — use ISO 3166 two-letter country codes" in errors
    assert "Tanks: “lots” is not a figure" in errors
    assert "End: 2024-03-01 is before the start, 2024-03-12." in errors
    with Store(app_db) as store:
        assert store.event(EVENT_ID).review == "machine"  # type: ignore[union-attr]
    at.text_input(key=f"ev-part-{EVENT_ID}").set_value("BY, RU")
    at.text_input(key=f"ev-tanks-{EVENT_ID}").set_value("about 40")
    at.date_input(key=f"ev-end-{EVENT_ID}").set_value(date(2024, 3, 15))
    at.selectbox(key=f"ev-type-{EVENT_ID}").set_value("naval")
    at.button(key=f"ev-save-{EVENT_ID}").click().run()
    assert "Saved “Snap check near Baranovichi”: edited by the analyst." in texts(at.success)
    markdown = texts(at.markdown)
    assert "**Snap check near Baranovichi**" in markdown
    assert "2024\\-03\\-12 \\(day\\) to 2024\\-03\\-15 \\(day\\)" in markdown
    assert "**Participants:** BY, RU" in markdown and "**Tanks:** about 40" in markdown
    with Store(app_db) as store:
        e = store.event(EVENT_ID)
        assert e is not None and e.review == "edited" and e.event.type == "naval"
