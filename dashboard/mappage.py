"""The map page: sidebar filters, counts, the map, the selected event's detail and the tables.

Run by ``app.py`` (the script ``streamlit run`` serves): the data comes from the drillmap
database (:mod:`appdata`), the filter from :mod:`geo.analysis.filters`, the map from
:func:`geo.render.maps.build_map` through :mod:`mapview` (rendered once per view) and the
detail from :mod:`geo.render.views`. :func:`prepare_default_view` fills the caches of the
view a first page load without URL parameters shows; :mod:`warmup` calls it at start-up.

The page's first run in a session sends the map right after the title and the counts, before
the sidebar, and leaves out the timeline, the events and claims tables, the event picker
with the selected event's detail and the sidebar's widgets (filters, map options, exports;
captions hold their places): the browser then draws the map without loading and laying out
the Vega-Lite chart, the data grids and a dozen widgets' code at the same time (vega-embed
ran 0.2-0.5 s of the page's main thread before the map was drawn, the grids about as much;
the sidebar's widgets delayed the map's frame by 0.3-0.5 s, the event picker by about
0.15 s). The filters' values and the selected event (from the URL) are in session state
from the start (:func:`init_state`), so the first map is the one they describe. The map
reports that it is drawn (:class:`mapview.MapDrawnReport`), which reruns the page, and every
later run shows them all.
"""

from __future__ import annotations

import html
import importlib
import sqlite3
import threading
from functools import partial

import appdata
import mapview
import streamlit as st
import tablelayout

from geo.analysis.filters import EventFilter, FilterChoices, filter_events
from geo.errors import GeoError
from geo.export.options import EXPORT_FORMATS, EXPORT_MIME_TYPES, ExportOptions, export_filename
from geo.geometry import borders
from geo.model.dataset import Dataset
from geo.render.mapoptions import MapOptions, event_id_from_popup
from geo.render.tables import select_rows
from geo.render.timeline import selected_event_id, timeline_chart, undated_events
from geo.render.views import (
    MACHINE_TAG,
    event_detail,
    has_point_site,
    md_escape,
    parse_radii_km,
    summary,
    unmapped_events,
)

MAP_HEIGHT_PX = 640
#: ``st_folium``'s arguments besides the map: a click returns only the clicked popup's text.
MAP_COMPONENT = {"key": "map", "height": MAP_HEIGHT_PX, "use_container_width": True,
                 "returned_objects": ("last_object_clicked_popup",)}
EVENT_COLUMNS = ["name", "dates", "type", "category", "status", "participants", "places",
                 "force", "nearest_borders", "sources"]
CLAIM_COLUMNS = ["article_id", "events", "claim", "subject_place", "reference", "stated_km",
                 "computed_km", "difference_km", "tolerance_km", "verdict", "explanation"]
# Widget keys (session state) and the URL parameters that are not filter fields.
FILTER_KEYS = ("f_dates", "f_participants", "f_types", "f_statuses", "f_categories",
               "f_borders", "f_text")
SELECTED_KEY, RINGS_KEY, ONLINE_KEY = "event", "rings", "online"
TIMELINE_KEY = "timeline"  # the timeline chart's selection state (a click on a bar)
TIMELINE_ROW_PX = 26  # one bar's row: the chart is as tall as its rows (plus legends, axis)
#: Set once the map page has run in this session: the timeline is shown from the next run on.
PAGE_SHOWN_KEY = "map_page_shown"
TIMELINE_PENDING = "The timeline is drawn once the map is."
TABLES_PENDING = "The events and claims tables are shown once the map is drawn."
DETAIL_PENDING = "The event picker and the selected event's sources follow once the map is drawn."
SIDEBAR_PENDING = "The filters, map options and exports are shown once the map is drawn."
UNREVIEWED_KEY = "unreviewed"  # also the URL parameter (``unreviewed=1``)
# Map-page state kept while the user is on another page (Streamlit drops unrendered widgets').
KEPT_KEYS = (*FILTER_KEYS, SELECTED_KEY, RINGS_KEY, ONLINE_KEY, UNREVIEWED_KEY, "export_format",
             "export_selected")
DATE_SPAN_KEY = "f_dates_span"  # the data's date span the date widget was last fitted to


# --------------------------------------------------------------------------- data
def load_or_stop(*, include_unreviewed: bool) -> tuple[Dataset, appdata.DataKey]:
    """The dataset and its cache key, or a clear message and a stop (never a traceback)."""
    seeds_dir, data_dir = appdata.data_dirs()
    try:
        source = appdata.current_source(include_unreviewed=include_unreviewed)
        if source.warning:
            st.warning(source.warning)
        return appdata.load_dataset(source.key), source.key
    except (GeoError, OSError) as exc:
        st.error(f"**The data could not be loaded.** {exc}\n\nCheck the articles folder "
                 f"`{seeds_dir}` and the curated data folder `{data_dir}` (set "
                 "`DRILLMAP_SEEDS_DIR` / `DRILLMAP_DATA_DIR` to use other folders).")
        st.stop()
        raise  # unreachable: st.stop() raises; keeps type checkers content


def pending_review_note(include_unreviewed: bool) -> None:
    """Say how many machine-extracted events wait for review, and where they are."""
    try:
        store = appdata.open_store(appdata.db_path())
        pending = store.review_counts().get("machine", 0)
    except (GeoError, OSError, sqlite3.Error):
        return
    if pending and not include_unreviewed:
        st.caption(f"{pending} machine-extracted event{'s' if pending != 1 else ''} await "
                   "review on the *Add article* page; tick *Show machine-extracted events "
                   "awaiting review* in the sidebar to see them on the map (dotted outline).")


# --------------------------------------------------------------------------- state and URL
def init_unreviewed() -> bool:
    """Whether to show unreviewed machine-extracted events (URL ``unreviewed=1``; default no)."""
    if UNREVIEWED_KEY not in st.session_state:
        st.session_state[UNREVIEWED_KEY] = st.query_params.get(UNREVIEWED_KEY) == "1"
    return bool(st.session_state[UNREVIEWED_KEY])


def init_state(ch: FilterChoices) -> None:
    """Fill the widgets' state from the URL on a session's first run only."""
    if "initialised" in st.session_state and "f_dates" in st.session_state:
        fit_to_data(ch)
        return
    params = st.query_params.to_dict()
    flt = EventFilter.from_query_params(params)
    start, end = (min(max(d, ch.date_min), ch.date_max)  # the widget rejects dates outside
                  for d in (flt.start or ch.date_min, flt.end or ch.date_max))
    st.session_state.f_dates = (start, end)
    st.session_state.f_participants = [p for p in flt.participants if p in ch.participants]
    st.session_state.f_types = [t for t in flt.types if t in ch.types]
    st.session_state.f_statuses = [s for s in flt.statuses if s in ch.statuses]
    st.session_state.f_categories = [c for c in flt.categories if c in ch.categories]
    st.session_state.f_borders = [b for b in flt.border_countries if b in ch.border_countries]
    st.session_state.f_text = flt.text
    st.session_state[SELECTED_KEY] = params.get(SELECTED_KEY) or None
    st.session_state[RINGS_KEY] = params.get(RINGS_KEY, "")
    st.session_state[ONLINE_KEY] = params.get(ONLINE_KEY) == "1"
    st.session_state[DATE_SPAN_KEY] = (ch.date_min, ch.date_max)
    st.session_state.initialised = True


def fit_to_data(ch: FilterChoices) -> None:
    """Keep the filter widgets valid when the data changes (an article added, a review).

    Choices the data no longer offers are dropped. A date widget showing the whole old span
    follows to the whole new one (so a new event is not hidden by a date filter nobody set);
    any other range is clamped into the new span.
    """
    ss = st.session_state
    for key, offered in (("f_participants", ch.participants), ("f_types", ch.types),
                         ("f_statuses", ch.statuses), ("f_categories", ch.categories),
                         ("f_borders", ch.border_countries)):
        if key in ss and any(v not in offered for v in ss[key]):
            ss[key] = [v for v in ss[key] if v in offered]
    span = (ch.date_min, ch.date_max)
    if st.session_state.get(DATE_SPAN_KEY) == span:
        return
    value = st.session_state.f_dates
    dates = tuple(value) if isinstance(value, (tuple, list)) else (value,)
    if dates == st.session_state.get(DATE_SPAN_KEY):
        st.session_state.f_dates = span
    else:
        st.session_state.f_dates = tuple(min(max(d, ch.date_min), ch.date_max) for d in dates)
    st.session_state[DATE_SPAN_KEY] = span


def reset_filters() -> None:
    """Button callback: forget every filter (the next run starts from the URL-less defaults)."""
    for key in FILTER_KEYS:
        st.session_state.pop(key, None)
    st.session_state.pop("initialised", None)
    st.query_params.clear()


def current_filter(ch: FilterChoices) -> EventFilter:
    """The filter the sidebar widgets describe (the dataset's whole span means no date bound)."""
    ss = st.session_state
    dates = tuple(ss.f_dates) if isinstance(ss.f_dates, (tuple, list)) else (ss.f_dates,)
    start, end = (dates + (None, None))[:2]  # one date while the user is picking the second
    if (start, end) == (ch.date_min, ch.date_max):
        start = end = None
    return EventFilter(start=start, end=end, participants=tuple(ss.f_participants),
                       types=tuple(ss.f_types), statuses=tuple(ss.f_statuses),
                       categories=tuple(ss.f_categories), border_countries=tuple(ss.f_borders),
                       text=" ".join(ss.f_text.split()))


def sync_url(flt: EventFilter) -> None:
    """Write the filter, selection and map options to the URL (only when they changed)."""
    params = flt.to_query_params()
    if st.session_state.get(SELECTED_KEY):
        params[SELECTED_KEY] = st.session_state[SELECTED_KEY]
    if st.session_state.get(RINGS_KEY, "").strip():
        params[RINGS_KEY] = st.session_state[RINGS_KEY].strip()
    if st.session_state.get(ONLINE_KEY):
        params[ONLINE_KEY] = "1"
    if st.session_state.get(UNREVIEWED_KEY):
        params[UNREVIEWED_KEY] = "1"
    if params != st.query_params.to_dict():
        st.query_params.from_dict(params)


# --------------------------------------------------------------------------- sidebar
def country_label(iso2: str) -> str:
    """``"UA · Ukraine"`` for a code the border dataset knows, else the code."""
    try:
        return f"{iso2} · {borders.country_name(iso2)}"
    except GeoError:
        return iso2


def render_filters(ch: FilterChoices) -> None:
    """The sidebar filters; their values live in session state under :data:`FILTER_KEYS`."""
    with st.sidebar:
        st.header("Filters")
        st.date_input("Dates (events overlapping)", key="f_dates", min_value=ch.date_min,
                      max_value=ch.date_max)
        st.multiselect("Participants", ch.participants, key="f_participants",
                       format_func=country_label, placeholder="any")
        st.multiselect("Event type", ch.types, key="f_types", placeholder="any")
        st.multiselect("Status", ch.statuses, key="f_statuses", placeholder="any")
        st.multiselect("Category", ch.categories, key="f_categories", placeholder="any")
        st.multiselect("Measured to the border of", ch.border_countries, key="f_borders",
                       format_func=country_label, placeholder="any")
        st.text_input("Search", key="f_text", placeholder="name, place, quote…")
        st.button("Reset filters", on_click=reset_filters)


def render_map_options() -> None:
    """Range rings and basemap options; a warning under the rings' field while it is invalid."""
    with st.sidebar:
        st.header("Map")
        st.text_input("Range rings around the selected site (km)", key=RINGS_KEY,
                      placeholder="e.g. 50, 150, 300")
        st.checkbox("Offer OpenStreetMap tiles (needs a network)", key=ONLINE_KEY)
        st.checkbox("Show machine-extracted events awaiting review", key=UNREVIEWED_KEY,
                    help=f"Events found in added articles that nobody has accepted yet, "
                         f"drawn with a dotted outline and tagged “{MACHINE_TAG}”. Accept "
                         "or reject them on the Add article page.")
        try:
            parse_radii_km(st.session_state[RINGS_KEY])
        except GeoError as exc:
            st.warning(str(exc))


def ring_radii() -> tuple[float, ...]:
    """The range rings' radii (km) the sidebar's field holds; none while it is invalid (the
    field says why)."""
    try:
        return parse_radii_km(st.session_state.get(RINGS_KEY, ""))
    except GeoError:
        return ()


def export_file(ds: Dataset, fmt: str, options: ExportOptions) -> bytes:
    """The download's content (:func:`geo.export.formats.export_bytes`), made on click."""
    # Start-up: the exports' libraries (python-pptx, Playwright, vl-convert) load at the first
    # download or in the warm-up's background, never in the runs that show the page (README).
    from geo.export.formats import export_bytes

    return export_bytes(ds, fmt, options)


def render_downloads(ds: Dataset, visible: list[str], flt: EventFilter) -> None:
    """Download the current view (or the selected event) as a map, slides or data."""
    with st.sidebar:
        st.header("Export")
        fmt = st.selectbox("Format", EXPORT_FORMATS, key="export_format", format_func=str.upper)
        selected = st.session_state.get(SELECTED_KEY)
        framed = bool(selected) and not unmapped_events(ds, [selected]) and st.checkbox(
            "Only the selected event", key="export_selected")
        options = ExportOptions(event_ids=tuple(visible), event=selected if framed else None,
                                scope=flt.describe())
        st.download_button(  # built on click only: PNG and slides start Chromium
            f"Download {fmt.upper()}", data=partial(export_file, ds, fmt, options),
            file_name=export_filename(fmt, options), mime=EXPORT_MIME_TYPES[fmt],
            on_click="ignore", disabled=not visible)


# --------------------------------------------------------------------------- main area
def render_counts(ds: Dataset, visible: list[str], flt: EventFilter) -> None:
    """Headline counts that follow the filters."""
    counts = summary(ds, visible)
    cols = st.columns(5)
    cols[0].metric("Events shown", counts["events"], help=f"of {len(ds.events)}")
    cols[1].metric("Exercises", counts["exercises"])
    cols[2].metric("Context items", counts["context"])
    cols[3].metric("Source articles", counts["articles"])
    cols[4].metric("Distance claims flagged", f"{counts['flagged']} of {counts['claims']}")
    st.caption(f"Filter: {flt.describe()}")


def map_options(visible: list[str], selected: str | None, rings_km: tuple[float, ...],
                online: bool) -> MapOptions:
    """What the page's map draws: the shown events, framed on the selected one if any."""
    return MapOptions(event_ids=tuple(visible), selected_event=selected, focus_event=selected,
                      range_rings_km=rings_km, collapse_layers=True, online_basemap=online)


def render_map(ds: Dataset, visible: list[str], rings_km: tuple[float, ...],
               key: appdata.DataKey) -> None:
    """The map, framed on the selected event if any; a click on an event's shape selects it."""
    selected = st.session_state.get(SELECTED_KEY)
    options = map_options(visible, selected, rings_km, bool(st.session_state.get(ONLINE_KEY)))
    out = mapview.show_map(key, options, **MAP_COMPONENT)
    clicked = event_id_from_popup((out or {}).get("last_object_clicked_popup"), visible)
    if clicked and clicked != selected:
        st.session_state[SELECTED_KEY] = clicked
        st.rerun()
    hidden = unmapped_events(ds, visible)
    if hidden:
        names = "; ".join(ds.event_by_id[i].name for i in hidden)
        st.caption(f"Not on the map (the sources state no site): {names}.")
    if rings_km and not (selected and has_point_site(ds, selected)):
        st.caption("Range rings are drawn around the selected event's site: select an event "
                   "located at a point (e.g. the Ruzhansky training grounds), not an area.")


def select_from_timeline() -> None:
    """Chart callback: a click on a timeline bar selects its event (before the widgets run)."""
    picked = selected_event_id(st.session_state.get(TIMELINE_KEY))
    if picked:
        st.session_state[SELECTED_KEY] = picked


def render_timeline(ds: Dataset, visible: list[str], *, deferred: bool = False) -> None:
    """The shown events by date (:func:`geo.render.timeline.timeline_chart`); a click selects.

    ``deferred`` (the session's first run of the page, see the module's docstring): a caption
    in its place; the map's report that it is drawn brings the next run, which shows it.
    """
    if deferred:
        st.caption(TIMELINE_PENDING)
        return
    st.vega_lite_chart(timeline_chart(ds, visible, selected=st.session_state.get(SELECTED_KEY),
                                      selectable=True, row_px=TIMELINE_ROW_PX),
                       key=TIMELINE_KEY, on_select=select_from_timeline, selection_mode="pick",
                       width="stretch")
    undated = undated_events(ds, visible)
    if undated:
        st.caption("Not on the timeline (the sources state no date): "
                   + "; ".join(ds.event_by_id[i].name for i in undated) + ".")


def render_detail(ds: Dataset, visible: list[str], *, deferred: bool = False) -> None:
    """Event picker (mirrors a map click) and the selected event's sources and places.

    ``deferred`` (the session's first run, as for the timeline): a caption in their place.
    """
    if deferred:
        st.caption(DETAIL_PENDING)
        return
    st.selectbox("Event", visible, key=SELECTED_KEY, format_func=lambda i: ds.event_by_id[i].name,
                 placeholder="click a marker or shape on the map, or choose here")
    event_id = st.session_state[SELECTED_KEY]
    if event_id is None:
        st.info("Click an event on the map, or choose it above, to see its sources.")
        return
    detail = event_detail(ds, event_id)
    st.subheader(detail.event.name)
    st.markdown("\n".join(f"- **{k}:** {md_escape(v)}" for k, v in detail.facts))
    if detail.distances or detail.claims:
        st.markdown("**Distances to borders, and what the articles claim**\n\n" + "\n".join(
            f"- {md_escape(line)}" for line in (*detail.distances, *detail.claims)))
    st.markdown(f"**Sources ({len(detail.sources)})** — place names highlighted; hover one "
                "to see how it was resolved.")
    for src in detail.sources:
        quotes = "".join(f"<blockquote>{q}</blockquote>" for q in src.quotes_html)
        st.html(f"<div class='drillmap-source'><b>Article {html.escape(src.article_id)}</b>: "
                f"{html.escape(src.title)} · {html.escape(src.published)} · "
                f"<code>{html.escape(src.file)}</code>{quotes}</div>")
        with st.expander(f"Full text of article {src.article_id}"):
            st.html(src.text_html)
    st.markdown("**How each place was resolved**")
    st.dataframe(list(detail.places), hide_index=True, row_height=tablelayout.ROW_HEIGHT_PX,
                 column_config=tablelayout.column_config(
                     list(detail.places[0]) if detail.places else []))


def render_tables(ds: Dataset, visible: list[str], key: appdata.DataKey, *,
                  deferred: bool = False) -> None:
    """Events and claims tables for the shown events, plus data problems if any.

    ``deferred`` (the session's first run of the page, as for the timeline): a caption in
    their place, so that the browser lays out the map before the data grids.
    """
    if deferred:
        st.caption(TABLES_PENDING)
        return
    events, claims = appdata.tables(key)
    columns = EVENT_COLUMNS + (["review"] if any(e.machine_extracted for e in ds.events) else [])
    tab_events, tab_claims, tab_problems = st.tabs(
        ["Events", "Distance claims", f"Data problems ({len(ds.problems)})"])
    with tab_events:
        st.dataframe(select_rows(events, visible)[columns], hide_index=True,
                     row_height=tablelayout.ROW_HEIGHT_PX,
                     column_config=tablelayout.column_config(columns))
    with tab_claims:
        st.dataframe(select_rows(claims, visible, column="events", sep=";")[CLAIM_COLUMNS],
                     hide_index=True, row_height=tablelayout.ROW_HEIGHT_PX,
                     column_config=tablelayout.column_config(CLAIM_COLUMNS))
    with tab_problems:
        for problem in ds.problems:
            st.warning(problem)
        if not ds.problems:
            st.success("Every quote, place and mention was found in its article.")


def map_page() -> None:
    """Lay the page out: sidebar filters, counts, the map, the detail beside the tables."""
    include_unreviewed = init_unreviewed()
    ds, key = load_or_stop(include_unreviewed=include_unreviewed)
    if not ds.events:
        st.warning("No events in the data: nothing to show. Add an article on the *Add "
                   "article* page.")
        st.stop()
    ch = appdata.choices(key)
    init_state(ch)
    flt = current_filter(ch)  # the widgets' values, from session state (set by init_state)
    visible = filter_events(ds, flt)

    st.html(tablelayout.PAGE_CSS)
    st.title("Military exercises in the news")
    render_counts(ds, visible, flt)
    pending_review_note(include_unreviewed)
    if st.session_state.get(SELECTED_KEY) not in visible:
        st.session_state[SELECTED_KEY] = None  # hidden by the filters
    first_run = not st.session_state.get(PAGE_SHOWN_KEY)
    st.session_state[PAGE_SHOWN_KEY] = True  # set before the map: its report may cut this run
    render_map(ds, visible, ring_radii(), key)  # before the sidebar: the browser starts on it
    if first_run:
        with st.sidebar:
            st.header("Filters")
            st.caption(SIDEBAR_PENDING)
    else:
        render_filters(ch)
        render_map_options()
    render_timeline(ds, visible, deferred=first_run)
    # The detail and the tables take the full width below the map and the timeline: lines
    # wrap, no sideways scrolling, and the tables get every column.
    render_detail(ds, visible, deferred=first_run)
    render_tables(ds, visible, key, deferred=first_run)
    if not first_run:
        render_downloads(ds, visible, flt)
    sync_url(flt)
    if not first_run:
        PAGE_SHOWN.set()


#: What a session's later runs use and its first run does not (see the module's docstring):
#: the rendering of a view neither cache holds (folium, streamlit-folium) and the exports
#: (python-pptx, Playwright). :func:`prepare_later_runs` imports them.
LATER_MODULES = ("maprender", "geo.export.formats")
#: How long :func:`prepare_later_runs` waits for a page shown in full (s): a server that
#: nobody opens yet still gets ready for later runs.
PAGE_SHOWN_WAIT_S = 10.0
#: Set at the end of a run that showed the map page in full (a session's run after its first
#: map was drawn), in any session: :func:`prepare_later_runs` waits for it.
PAGE_SHOWN = threading.Event()


def prepare_default_view() -> appdata.DataSource | None:
    """Fill the caches of the view a first page load without URL parameters shows.

    Opens the database (filling a new one from the bundled data), reads the dataset and the
    filter choices and renders the map of every event with nothing selected (or reads it from
    disk): what :func:`map_page`'s first run then finds ready (and no more: see
    :func:`prepare_later_runs`). Called at start-up by
    :mod:`warmup`, outside any script run, so it shows nothing; a database whose bundled data
    changed is left to the page (which refreshes it and says so). Returns the data source it
    prepared (None: left to the page).
    """
    source = appdata.current_source(include_unreviewed=False, interactive=False)
    if source is None:
        return None
    ds = appdata.load_dataset(source.key)
    appdata.choices(source.key)
    visible = filter_events(ds, EventFilter())  # the widgets' defaults: no filter
    mapview.prepare_map(source.key, map_options(visible, None, parse_radii_km(""), False),
                        **MAP_COMPONENT)
    return source


def prepare_later_runs(source: appdata.DataSource | None, *,
                       page_shown_wait_s: float = PAGE_SHOWN_WAIT_S) -> None:
    """Get ready for the session's runs after its first map, once the first view is prepared.

    Waits until a session's page was shown in full (its first map drawn, then the timeline,
    tables and sidebar; at most ``page_shown_wait_s``), so that what only later runs need
    competes neither with those runs for the interpreter nor with the browser drawing the
    map for the machine's cores, then imports
    :data:`LATER_MODULES` and builds the tables of ``source`` (if any). Called by
    :mod:`warmup`, in the background.
    """
    PAGE_SHOWN.wait(page_shown_wait_s)
    for name in LATER_MODULES:
        importlib.import_module(name)
    if source is not None:
        appdata.tables(source.key)


def main() -> None:
    """The two pages: the map (default) and *Add article*."""
    st.set_page_config(page_title="drillmap: exercises on a map", page_icon="🗺️",
                       layout="wide")
    for k in KEPT_KEYS:  # re-assigning keeps a widget's value while its page is not shown
        if k in st.session_state:
            st.session_state[k] = st.session_state[k]
    st.navigation([st.Page(map_page, title="Map", icon="🗺️", default=True),
                   st.Page("add_article.py", title="Add article", icon="📝")]).run()
