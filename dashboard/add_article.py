"""The *Add article* page: paste or upload articles, see what was found, review it.

Ingest (:mod:`geo.services.ingest`) stores each article with its place mentions, exercise candidates
and distance claims, marked machine-extracted. The page then shows the article with every
mention highlighted (text escaped first), the candidate events and claims, buttons to accept
or reject each machine-extracted event, and a form to correct a place's resolution. Accepted
events are on the map at the next rerun; a correction is stored and reused for later articles.

The analyst also completes what the machine missed (:mod:`geo.services.corrections`, each
action one transaction, re-measured): a place name it did not find, "not a place" for a false
one, an event's name, type, dates, participants and force figures, and distance claims
(dismiss one, or add one by copying its wording from the text).

The page's first run in a process starts loading the NER model in the background
(:func:`warmup.start_once`): the analyst's first paste, seconds later, then finds it loaded
(about a second of CPU) instead of waiting for it. The map page never loads it, so it does
not compete with the first map.
"""

from __future__ import annotations

import time
from datetime import date
from typing import Any

import appdata
import streamlit as st
import warmup
from streamlit.runtime.uploaded_file_manager import UploadedFile

from geo.errors import GeoError
from geo.extract.ner import ner_available
from geo.inputs.documents import MAX_BYTES, UPLOAD_LIMIT_MIB, mib
from geo.model.dataset import Dataset
from geo.model.event import DATE_PRECISIONS, EVENT_TYPES, FORCE_FIELDS, Event
from geo.model.place import Place
from geo.render.views import article_review, md_escape, place_label
from geo.services.corrections import (
    ReviewInputError,
    add_claim,
    add_missed_place,
    apply_place_correction,
    correction_choices,
    dismiss_claim,
    edit_event_fields,
    missed_place_candidates,
)
from geo.services.ingest import IngestResult, ingest_text, ingest_uploads
from geo.store.sqlite import Store

NOT_A_PLACE = "not a place (a person, unit, outlet, ship…)"
REVIEW_KEY, FLASH_KEY, RESULTS_KEY = "review_article", "add_flash", "add_results"
#: The background job (:func:`warmup.start_once`) that loads the NER model for the first paste.
NER_MODEL_JOB = "ner-model"
#: Messages of the review actions, shown at the top of the review.
REVIEW_FLASH = "review_flash"


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



def _review_flash(*messages: tuple[str, str]) -> None:
    st.session_state[REVIEW_FLASH] = list(messages)


def _problems(exc: ReviewInputError) -> None:
    _review_flash(*(("error", p) for p in exc.problems))


def not_a_place(store: Store, surface: str) -> None:
    """Button callback: a name the machine took for a place is not one (stored for later)."""
    changed = apply_place_correction(store, surface, None, note="not a place (review)",
                                     geocoder=appdata.geocoder())
    _review_flash(("success", f"“{surface}” is not a place: {changed} stored mentions removed; "
                              "articles added later skip it."))


def add_place(store: Store, article_id: str, surface: str, options: dict[str, Place]) -> None:
    """Button callback: store a place name the machine missed, with the chosen candidate."""
    place = options.get(st.session_state.get("miss_choice", ""))
    if place is None:
        _review_flash(("error", "Choose which place it is."))
        return
    try:
        added = add_missed_place(store, article_id, surface, place,
                                 event_id=st.session_state.get("miss_event") or "",
                                 note=st.session_state.get("miss_note", "").strip(),
                                 geocoder=appdata.geocoder())
    except ReviewInputError as exc:
        _problems(exc)
        return
    st.session_state["miss_surface"] = ""
    _review_flash(("success", f"“{surface}” is now {place_label(place)}: {added} mentions in "
                              "this article (and in articles added later); distances and "
                              "claims re-measured."))


def edit_event(store: Store, event_id: str) -> None:
    """Button callback: store the analyst's edit of an event (validated)."""
    ss = st.session_state
    try:
        stored = edit_event_fields(
            store, event_id, name=ss.get(f"ev-name-{event_id}", ""),
            type=ss.get(f"ev-type-{event_id}", ""),
            start=ss.get(f"ev-start-{event_id}"),
            start_precision=ss.get(f"ev-startp-{event_id}", "unknown"),
            end=ss.get(f"ev-end-{event_id}"),
            end_precision=ss.get(f"ev-endp-{event_id}", "unknown"),
            participants=ss.get(f"ev-part-{event_id}", ""),
            force={f: ss.get(f"ev-{f}-{event_id}", "") for f in FORCE_FIELDS},
            note=ss.get(f"ev-note-{event_id}", "").strip(),
            version=ss.get(f"ev-version-{event_id}"))
    except ReviewInputError as exc:
        _problems(exc)
        return
    ss[f"ev-version-{event_id}"] = stored.version  # this analyst's next save builds on it
    _review_flash(("success", f"Saved “{stored.event.name}”: edited by the analyst."))


def set_claim_dismissed(store: Store, article_id: str, span: tuple[int, int], text: str,
                        dismissed: bool) -> None:
    """Button callback: dismiss a distance claim, or restore a dismissed one."""
    try:
        dismiss_claim(store, article_id, *span, dismissed=dismissed)
    except ReviewInputError as exc:
        _problems(exc)
        return
    _review_flash(("success", f"Dismissed “{text}”: hidden from the map and tables."
                   if dismissed else f"Restored “{text}”."))


def add_missed_claim(store: Store, article_id: str) -> None:
    """Button callback: store a distance claim the machine missed, typed as written."""
    try:
        check = add_claim(store, article_id, st.session_state.get("claim_phrase", ""),
                          geocoder=appdata.geocoder())
    except ReviewInputError as exc:
        _problems(exc)
        return
    st.session_state["claim_phrase"] = ""
    _review_flash(("success", f"Added the claim “{check.claim.text}”: {check.label}."))


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
            f"Articles: .txt, .html or .md, up to {mib(MAX_BYTES)} each",
            type=["txt", "html", "htm", "md"], accept_multiple_files=True,
            key="add_files", max_upload_size=UPLOAD_LIMIT_MIB)
        if st.button(f"Ingest {len(files or [])} file(s)", key="add_upload",
                     disabled=not files):
            ingest_files(store, list(files or []))


def _without_name(result: dict[str, str]) -> str:
    """The message without the file name the service puts first (the line shows it already)."""
    message, prefix = result["message"], f"{result['source']}: "
    return message.removeprefix(prefix) if message.startswith(prefix) else message


def render_outcome() -> None:
    """What the last ingest produced, one line per article, problems first-class."""
    for kind, text in st.session_state.pop(FLASH_KEY, []):
        getattr(st, kind)(text)
    for r in st.session_state.get(RESULTS_KEY, []):
        where = f"**{md_escape(r['source'])}**: {md_escape(_without_name(r))}"
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
    stored_events = store.events(include_rejected=True)
    events = {s.id: s.event for s in stored_events}
    view = article_review(ds, stored_events, article_id)
    for kind, text in st.session_state.pop(REVIEW_FLASH, []):
        getattr(st, kind)(text)

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
            if c.event_id in events:
                render_event_form(store, events[c.event_id])

    render_claims(store, article_id, view.claims, view.claim_spans)

    st.subheader("Text")
    st.caption(f"{view.title} · {view.published} · place names highlighted; hover one to see "
               "how it was resolved.")
    st.html(f"<div class='drillmap-article'>{view.text_html}</div>")
    st.subheader("Places")
    st.dataframe(view.places, hide_index=True)
    render_not_a_place(store, ds, article_id)
    render_missed_place(store, article_id, {c.event_id: c.name for c in view.candidates})
    render_correction(store, ds, article_id)


def render_claims(store: Store, article_id: str, lines: tuple[str, ...],
                  spans: tuple[tuple[int, int], ...]) -> None:
    """The claims with a *Dismiss* button each, the dismissed ones, and a form to add one."""
    st.subheader(f"Distance claims ({len(lines)})")
    if not lines:
        st.markdown("None stated.")
    for line, span in zip(lines, spans, strict=True):
        left, right = st.columns([5, 1])
        left.markdown(f"- {md_escape(line)}")
        right.button("Dismiss", key=f"dismiss-claim-{span[0]}-{span[1]}",
                     on_click=set_claim_dismissed,
                     args=(store, article_id, span, line.split("” — ")[0].lstrip("“"), True))
    dismissed = [c for c in store.claims(article_id) if c["dismissed"]]
    if dismissed:
        st.caption("Dismissed by the analyst (hidden from the map and tables):")
    for c in dismissed:
        left, right = st.columns([5, 1])
        left.markdown(f"- dismissed: ~~{md_escape(c['text'])}~~")
        right.button("Restore", key=f"restore-claim-{c['start']}-{c['end']}",
                     on_click=set_claim_dismissed,
                     args=(store, article_id, (c["start"], c["end"]), c["text"], False))
    with st.expander("Add a distance claim the machine missed"):
        st.text_input("The distance as the article states it (copy it from the text, e.g. "
                      "“about 20 km north of Baranovichi”)", key="claim_phrase")
        st.button("Add claim", key="claim_add", on_click=add_missed_claim,
                  args=(store, article_id))


def _default(key: str, value: Any) -> None:
    if key not in st.session_state:
        st.session_state[key] = value


def render_event_form(store: Store, e: Event) -> None:
    """Edit an event's name, type, dates with precision, participants and force figures."""
    i = e.id
    with st.expander("Edit this event"):
        _default(f"ev-version-{i}", store.event_version(i))  # what the analyst opened
        _default(f"ev-name-{i}", e.name)
        _default(f"ev-type-{i}", e.type)
        _default(f"ev-start-{i}", e.start.value)
        _default(f"ev-startp-{i}", e.start.precision)
        _default(f"ev-end-{i}", e.end.value)
        _default(f"ev-endp-{i}", e.end.precision)
        _default(f"ev-part-{i}", ", ".join(e.participants))
        for f in FORCE_FIELDS:
            figure = getattr(e, f)
            _default(f"ev-{f}-{i}", figure.text if figure else "")
        st.text_input("Name", key=f"ev-name-{i}")
        st.selectbox("Type", EVENT_TYPES, key=f"ev-type-{i}")
        left, right = st.columns(2)
        left.date_input("Start", key=f"ev-start-{i}", format="YYYY-MM-DD")
        right.selectbox("Start precision", DATE_PRECISIONS, key=f"ev-startp-{i}")
        left.date_input("End", key=f"ev-end-{i}", format="YYYY-MM-DD")
        right.selectbox("End precision", DATE_PRECISIONS, key=f"ev-endp-{i}")
        st.text_input("Participants (ISO2 codes such as BY, RU, or NATO)", key=f"ev-part-{i}")
        cols = st.columns(len(FORCE_FIELDS))
        for col, f in zip(cols, FORCE_FIELDS, strict=True):
            col.text_input(f.replace("_", " ").capitalize() + " (e.g. about 1,500)",
                           key=f"ev-{f}-{i}")
        st.text_input("Note (why)", key=f"ev-note-{i}")
        st.button("Save event", key=f"ev-save-{i}", on_click=edit_event, args=(store, i))


def render_not_a_place(store: Store, ds: Dataset, article_id: str) -> None:
    """Each place name with a *Not a place* button (stored, applies to later articles)."""
    surfaces = list(dict.fromkeys(m.surface for m in ds.mentions
                                  if m.article_id == article_id))
    if not surfaces:
        return
    with st.expander("Remove a false place"):
        st.caption("“Not a place” removes every mention of the name (here, in stored articles "
                   "and in articles added later) and re-measures distances and claims.")
        for surface in surfaces:
            left, right = st.columns([5, 1])
            left.markdown(f"**{md_escape(surface)}** → "
                          f"{md_escape(place_label(ds.mention_place(article_id, surface)))}")
            right.button("Not a place", key=f"notplace-{surface}", on_click=not_a_place,
                         args=(store, surface))


def render_missed_place(store: Store, article_id: str, events: dict[str, str]) -> None:
    """Type a name the machine missed, pick a gazetteer candidate, save."""
    typed = str(st.session_state.get("miss_surface", "")).strip()
    with st.expander("Add a place the machine missed", expanded=bool(typed)):
        st.text_input("Place name exactly as in the text", key="miss_surface")
        if not typed:
            return
        try:
            candidates = missed_place_candidates(store, article_id, typed,
                                                 geocoder=appdata.geocoder())
        except ReviewInputError as exc:
            for problem in exc.problems:
                st.error(problem)
            return
        if not candidates:
            st.warning(f"The gazetteer knows no place called “{typed}”.")
            return
        options = {f"{n}. {place_label(p)}": p for n, p in enumerate(candidates, 1)}
        st.selectbox("Which place", list(options), key="miss_choice")
        choices = {"": "none", **events}
        st.selectbox("Site of the exercise", list(choices), key="miss_event",
                     format_func=lambda k: choices[k])
        st.text_input("Note (why)", key="miss_note")
        st.button("Save place", key="miss_save", on_click=add_place,
                  args=(store, article_id, typed, options))


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
    warmup.start_once(NER_MODEL_JOB, ner_available)  # a paste waits for it if not done
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
