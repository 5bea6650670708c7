"""The *Add article* page: paste or upload articles, see what was found, review it.

Ingest (:mod:`geo.services.ingest`) stores each article with its place mentions, exercise candidates
and distance claims, marked machine-extracted. The page then shows the article with every
mention highlighted (text escaped first), the candidate events and claims, buttons to accept
or reject each machine-extracted event, and a form to correct a place's resolution. Accepted
events are on the map at the next rerun; a correction is stored and reused for later articles.
"""

from __future__ import annotations

import time
from datetime import date

import appdata
import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from geo.errors import GeoError
from geo.inputs.documents import MAX_BYTES
from geo.model.dataset import Dataset
from geo.model.place import Place
from geo.render.views import article_review, md_escape, place_label
from geo.services.corrections import apply_place_correction, correction_choices
from geo.services.ingest import IngestResult, ingest_text, ingest_uploads
from geo.store.sqlite import Store

#: The upload widget refuses bigger files itself; between MAX_BYTES and this, ingest explains.
UPLOAD_LIMIT_MB = 32
NOT_A_PLACE = "not a place (a person, unit, outlet, ship…)"
REVIEW_KEY, FLASH_KEY, RESULTS_KEY = "review_article", "add_flash", "add_results"


# --------------------------------------------------------------------------- actions
def _record(results: list[IngestResult], seconds: float) -> None:
    """Keep the outcome for the next run and select the last ingested article for review."""
    st.session_state[RESULTS_KEY] = [
        {"source": r.source, "status": r.status, "message": r.message,
         "warnings": list(r.warnings), "article_id": r.article_id} for r in results]
    st.session_state[FLASH_KEY] = [("caption", f"Done in {seconds:.2f} s.")]
    stored = [r.article_id for r in results if r.ok and r.article_id]
    if stored:
        st.session_state[REVIEW_KEY] = stored[-1]


def _published() -> date | None:
    value = st.session_state.get("add_published")
    return value if isinstance(value, date) else None


def ingest_paste(store: Store) -> None:
    """Button callback: ingest the pasted text."""
    start = time.perf_counter()
    result = ingest_text(st.session_state.get("add_text", ""),
                         title=st.session_state.get("add_title", "").strip() or None,
                         published=_published(), store=store, geocoder=appdata.geocoder())
    _record([result], time.perf_counter() - start)


def ingest_files(store: Store, files: list[UploadedFile]) -> None:
    """Ingest the uploaded files one by one, with a progress bar."""
    bar = st.progress(0.0, text=f"Ingesting {len(files)} files…")

    def progress(done: int, total: int, name: str) -> None:
        bar.progress(done / total, text=f"{done} of {total} files: {name}")

    start = time.perf_counter()
    batch = ingest_uploads([(f.name, f.getvalue()) for f in files], published=_published(),
                           store=store, geocoder=appdata.geocoder(), progress=progress)
    _record(batch.results, time.perf_counter() - start)


def review_event(store: Store, event_id: str, name: str, action: str) -> None:
    """Button callback: accept or reject a machine-extracted event."""
    if action == "accept":
        store.accept_event(event_id)
        text = f"Accepted “{name}”: it is on the map."
    else:
        store.reject_event(event_id)
        text = f"Rejected “{name}”: it is hidden from the map and tables."
    st.session_state[FLASH_KEY] = [("success", text)]


def correct_place(store: Store, surface: str, options: dict[str, Place | None]) -> None:
    """Button callback: store the analyst's resolution of a place name."""
    choice = st.session_state.get("corr_choice")
    if choice not in options:
        return
    place = options[choice]
    note = st.session_state.get("corr_note", "").strip()
    changed = apply_place_correction(store, surface, place, note=note,
                                     geocoder=appdata.geocoder())
    what = "not a place" if place is None else place_label(place)
    st.session_state[FLASH_KEY] = [("success", f"“{surface}” is now {what} in {changed} "
                                               "stored mentions and in articles added later.")]


# --------------------------------------------------------------------------- layout
def render_input(store: Store) -> None:
    """Paste box, file uploader and the optional publication date."""
    st.date_input("Publication date (optional): resolves “on Monday”, “next year”; left "
                  "empty, a dateline or the page's metadata is used", value=None,
                  key="add_published", format="YYYY-MM-DD")
    paste, upload = st.tabs(["Paste text", "Upload files"])
    with paste:
        st.text_input("Headline (optional; default: the first line)", key="add_title")
        st.text_area("Article text (plain text, Markdown or HTML)", key="add_text", height=220)
        st.button("Find places and exercises", key="add_paste", type="primary",
                  on_click=ingest_paste, args=(store,))
    with upload:
        files = st.file_uploader(
            f"Articles: .txt, .html or .md, up to {MAX_BYTES // 2**20} MB each",
            type=["txt", "html", "htm", "md"], accept_multiple_files=True,
            key="add_files", max_upload_size=UPLOAD_LIMIT_MB)
        if st.button(f"Ingest {len(files or [])} file(s)", key="add_upload",
                     disabled=not files):
            ingest_files(store, list(files or []))


def render_outcome() -> None:
    """What the last ingest produced, one line per article, problems first-class."""
    for kind, text in st.session_state.pop(FLASH_KEY, []):
        getattr(st, kind)(text)
    for r in st.session_state.get(RESULTS_KEY, []):
        where = f"**{md_escape(r['source'])}**: {md_escape(r['message'])}"
        if r["status"] == "error":
            st.error(where)
        elif r["status"] == "duplicate":
            st.info(where)
        else:
            st.success(where)
        for warning in r["warnings"]:
            st.warning(f"**{md_escape(r['source'])}**: {md_escape(warning)}")


def render_review(store: Store) -> None:
    """The chosen article: highlighted text, candidate events, claims, place corrections."""
    ingested = [a for a in reversed(store.articles()) if a["origin"] == "ingested"]
    if not ingested:
        st.info("No article added yet: paste one or upload files above.")
        return
    titles = {a["id"]: a["title"] for a in ingested}
    if st.session_state.get(REVIEW_KEY) not in titles:
        st.session_state[REVIEW_KEY] = ingested[0]["id"]
    st.header("Review")
    st.selectbox("Article", list(titles), key=REVIEW_KEY,
                 format_func=lambda i: f"{titles[i][:90]} ({i})")
    article_id = st.session_state[REVIEW_KEY]
    source = appdata.current_source(include_unreviewed=True)
    ds = appdata.load_dataset(source.key)
    view = article_review(ds, store.events(include_rejected=True), article_id)

    st.subheader(f"Exercises found ({len(view.candidates)})")
    if not view.candidates:
        st.caption("No exercise found in this article (a deployment, meeting or imagery "
                   "report yields none).")
    for c in view.candidates:
        with st.container(border=True):
            st.markdown(f"**{md_escape(c.name)}** · `{c.event_id}`")
            st.markdown("\n".join(f"- **{k}:** {md_escape(v)}" for k, v in c.facts))
            if c.matched:
                st.markdown(f"Matched the known event `{c.event_id}`: {md_escape(c.matched)}")
            for quote in c.quotes_html:
                st.html(f"<blockquote class='drillmap-quote'>{quote}</blockquote>")
            if c.actionable:
                left, right = st.columns(2)
                left.button("Accept", key=f"accept-{c.event_id}", type="primary",
                            on_click=review_event, args=(store, c.event_id, c.name, "accept"))
                right.button("Reject", key=f"reject-{c.event_id}",
                             on_click=review_event, args=(store, c.event_id, c.name, "reject"))

    st.subheader(f"Distance claims ({len(view.claims)})")
    st.markdown("\n".join(f"- {md_escape(line)}" for line in view.claims) or "None stated.")

    st.subheader("Text")
    st.caption(f"{view.title} · {view.published} · place names highlighted; hover one to see "
               "how it was resolved.")
    st.html(f"<div class='drillmap-article'>{view.text_html}</div>")
    st.subheader("Places")
    st.dataframe(view.places, hide_index=True)
    render_correction(store, ds, article_id)


def render_correction(store: Store, ds: Dataset, article_id: str) -> None:
    """Pick a name, then another candidate or "not a place"; saved for later articles too."""
    surfaces = list(dict.fromkeys(m.surface for m in ds.mentions
                                  if m.article_id == article_id))
    if not surfaces:
        return
    with st.expander("Correct a place's resolution"):
        surface = st.selectbox("Place name as written", surfaces, key="corr_surface")
        choices = correction_choices(ds, article_id, surface, geocoder=appdata.geocoder())
        options: dict[str, Place | None] = {place_label(p): p for p in choices}
        options[NOT_A_PLACE] = None
        st.selectbox("Resolve to", list(options), key="corr_choice")
        st.text_input("Note (why)", key="corr_note")
        st.button("Save correction", key="corr_save", on_click=correct_place,
                  args=(store, surface, options))
        st.caption("Applies to every stored article naming it and to articles added later.")


def page() -> None:
    """The page: input, the outcome of the last ingest, and the review of an article."""
    st.title("Add an article")
    try:
        source = appdata.current_source()
    except (GeoError, OSError) as exc:
        st.error(f"**The data could not be loaded.** {exc}")
        return
    if source.store is None:
        st.error(source.warning)
        return
    render_input(source.store)
    render_outcome()
    render_review(source.store)


page()
