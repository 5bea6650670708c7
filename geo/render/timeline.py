"""The timeline: a Gantt-style Vega-Lite chart of the events by date.

One bar per dated event, from the earliest day its start can mean to the last day its end can
mean (:attr:`geo.model.event.Event.date_range`), so a month-only date spans its whole month.
How precisely the dates are known is drawn, never hidden: a bar whose coarsest date is known to
the day is solid, to a few days, a month or a year ever fainter, with a dashed outline. Colour
is the status the source reported (announced, planned, under way, held). The app, the exported
HTML page and the deck's timeline slide all draw this one chart (:func:`timeline_chart`); the
app adds a click selection (:data:`SELECTION`) that picks an event.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from geo.model.kinds import DatePrecision, Status

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from geo.model.dataset import Dataset
    from geo.model.event import Event

__all__ = [
    "PRECISION_LABELS",
    "SELECTION",
    "STATUS_COLOURS",
    "TimelineBar",
    "selected_event_id",
    "timeline_bars",
    "timeline_chart",
    "undated_events",
]

#: The charts' typeface: Liberation Sans (metric-compatible with Arial) where installed.
FONT = "Liberation Sans, Arial, Helvetica, sans-serif"

#: The click selection of the app's timeline: the clicked bar's event id.
SELECTION = "pick"

#: Status -> colour (Okabe-Ito, safe for colour-blind readers).
STATUS_COLOURS: dict[str, str] = {
    Status.ANNOUNCED: "#E69F00",
    Status.PLANNED: "#CC79A7",
    Status.UNDER_WAY: "#009E73",
    Status.HELD: "#0072B2",
}

#: How precisely the coarser of an event's two dates is known, as the legend says it, with the
#: bar's opacity; coarser means fainter.
PRECISION_LABELS: dict[str, tuple[str, float]] = {
    DatePrecision.DAY: ("to the day", 1.0),
    DatePrecision.WEEK: ("within days", 0.7),
    DatePrecision.MONTH: ("to the month", 0.4),
    DatePrecision.YEAR: ("to the year", 0.2),
}

_COARSENESS = {p: i for i, p in enumerate(PRECISION_LABELS)}


@dataclass(frozen=True, slots=True)
class TimelineBar:
    """One bar of the timeline: an event's span and how it is drawn.

    ``start`` is the first day the event can have begun, ``end`` the day after the last day it
    can have ended (bars end where the next day starts, so a one-day event has a width).
    """

    id: str
    row: str
    name: str
    start: date
    end: date
    precision: str
    precision_label: str
    status: str
    type: str
    dates: str
    selected: bool


def _coarsest(e: Event) -> str:
    """The coarser precision of an event's start and (when given) end date."""
    known = [d.precision for d in (e.start, e.end)
             if d.value is not None and d.precision in _COARSENESS]
    return max(known, key=_COARSENESS.__getitem__, default=DatePrecision.YEAR)


def _dates_text(e: Event) -> str:
    start = f"{e.start} ({e.start.precision})"
    if e.end.value is None or e.end == e.start:
        return start
    return f"{start} to {e.end} ({e.end.precision})"


_NOT_CHART_TEXT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")
MAX_LABEL_CHARS = 120  # a longer event name is cut (with "…") on its bar's row


def chart_text(text: str) -> str:
    """Text as the chart renderer can take it: control characters and lone surrogates (which
    abort vl-convert's renderer) dropped, a name longer than a row cut with an ellipsis.

    >>> chart_text("NUL" + chr(0) + "byte " + "x" * 200)[:10], len(chart_text("x" * 200))
    ('NULbyte xx', 120)
    """
    clean = _NOT_CHART_TEXT.sub("", text).replace("\t", " ").replace("\n", " ")
    return clean if len(clean) <= MAX_LABEL_CHARS else clean[:MAX_LABEL_CHARS - 1] + "…"


def timeline_bars(ds: Dataset, event_ids: Iterable[str], *,
                  selected: str | None = None) -> list[TimelineBar]:
    """The bars for these events, earliest start first; events with no start date are left out.

    Examples
    --------
    >>> from geo.model.dataset import Dataset
    >>> from geo.model.event import Event, PartialDate
    >>> dec = PartialDate(date(2022, 12, 1), "month")
    >>> e = Event("x", "Drills", "stated", "exercise", "land", dec, dec, "", "held", ("BY",))
    >>> bar, = timeline_bars(Dataset([], [e], [], [], [], [], []), ["x"])
    >>> bar.start, bar.end, bar.precision_label
    (datetime.date(2022, 12, 1), datetime.date(2023, 1, 1), 'to the month')
    """
    by_id = ds.event_by_id
    events = [by_id[i] for i in event_ids if by_id[i].date_range[0] is not None]
    events.sort(key=lambda e: (e.date_range[0], e.date_range[1], e.name))
    rows: dict[str, int] = {}
    bars = []
    for e in events:
        first, last = e.date_range
        assert first is not None and last is not None  # a start implies an end (date_range)
        precision = _coarsest(e)
        name = chart_text(e.name)
        rows[name] = rows.get(name, 0) + 1
        row = name if rows[name] == 1 else f"{name} ({chart_text(e.id)})"
        bars.append(TimelineBar(
            id=e.id, row=row, name=name, start=first, end=last + timedelta(days=1),
            precision=precision, precision_label=PRECISION_LABELS[precision][0],
            status=e.status, type=e.type, dates=_dates_text(e), selected=e.id == selected))
    return bars


def undated_events(ds: Dataset, event_ids: Iterable[str]) -> list[str]:
    """The events the timeline cannot place (their sources give no start date)."""
    return [i for i in event_ids if ds.event_by_id[i].date_range[0] is None]


def timeline_chart(ds: Dataset, event_ids: Sequence[str], *, selected: str | None = None,
                   width: int | str = "container", row_px: int = 24, font_px: float = 13,
                   label_px: int = 300, selectable: bool = False) -> dict[str, Any]:
    """The Gantt-style chart of these events as a Vega-Lite spec (see the module docstring).

    Written as the JSON Vega-Lite reads (``st.vega_lite_chart`` and vl-convert take it as it
    is), without Altair: its import (0.4 s) would sit on the app's cold start.

    Parameters
    ----------
    ds, event_ids
        The dataset and the events shown (the map's filter).
    selected
        The selected event: its bar gets a thick black outline.
    width
        Plot width in pixels, or ``"container"`` to fill the page (the app).
    row_px, font_px, label_px
        Height of one bar's row, the size of every text, and the room for event names.
    selectable
        Add the click selection :data:`SELECTION` (the app): a click picks one bar's ``id``.
    """
    bars = timeline_bars(ds, event_ids, selected=selected)
    rows = [{**asdict(b), "start": b.start.isoformat(), "end": b.end.isoformat()} for b in bars]
    statuses, precisions = list(STATUS_COLOURS), list(PRECISION_LABELS)  # the same key always
    status_scale = {"domain": statuses, "range": [STATUS_COLOURS[s] for s in statuses]}
    labels = [PRECISION_LABELS[p][0] for p in precisions]
    legend = {"orient": "top", "titleFontSize": font_px, "labelFontSize": font_px}
    precision_legend = {**legend, "orient": "bottom", "symbolType": "square",
                        "symbolFillColor": "#555555", "symbolStrokeColor": "#555555",
                        "symbolSize": font_px * 14}
    precision = {"field": "precision_label", "type": "nominal", "title": "dates known",
                 "legend": precision_legend}
    spec: dict[str, Any] = {
        "data": {"values": rows},
        "mark": {"type": "bar", "cornerRadius": 2, "strokeWidth": 1.5,
                 "cursor": "pointer" if selectable else "default"},
        "encoding": {
            "y": {"field": "row", "type": "nominal", "sort": None, "title": None,
                  "axis": {"labelLimit": label_px, "labelFontSize": font_px}},
            "x": {"field": "start", "type": "temporal", "title": None,
                  "scale": {"type": "utc"},
                  "axis": {"format": "%b %Y", "labelFontSize": font_px, "grid": True,
                           "labelOverlap": True}},
            "x2": {"field": "end"},
            "color": {"field": "status", "type": "nominal", "title": "status",
                      "scale": status_scale, "legend": legend},
            "opacity": {**precision, "scale": {
                "type": "ordinal", "domain": labels,
                "range": [PRECISION_LABELS[p][1] for p in precisions]}},
            "strokeDash": {**precision, "scale": {"domain": labels, "range": [
                [1, 0] if p == DatePrecision.DAY else [5, 3] for p in precisions]}},
            "stroke": {"field": "status", "type": "nominal", "scale": status_scale,
                       "legend": None,
                       "condition": {"test": "datum.selected", "value": "#000000"}},
            "strokeWidth": {"value": 1.5,
                            "condition": {"test": "datum.selected", "value": 3.5}},
            "tooltip": [{"field": "name", "type": "nominal", "title": "event"},
                        {"field": "dates", "type": "nominal", "title": "dates"},
                        {"field": "status", "type": "nominal"},
                        {"field": "type", "type": "nominal"},
                        {"field": "precision_label", "type": "nominal",
                         "title": "dates known"}],
        },
        "width": width,
        "height": max(1, len(bars)) * row_px,
        "config": {"font": FONT, "background": "white", "view": {"stroke": None}},
        # Fill the width given; the height stays the rows' (every name keeps its line).
        "autosize": {"type": "fit-x", "contains": "padding"},
    }
    if selectable:
        spec["params"] = [{"name": SELECTION, "select": {"type": "point", "fields": ["id"]}}]
    return spec


def selected_event_id(state: Any) -> str | None:
    """The event id a click on the app's timeline picked (Streamlit's selection state), if any.

    >>> selected_event_id({"selection": {"pick": [{"id": "union-shield-2023"}]}})
    'union-shield-2023'
    >>> selected_event_id({"selection": {"pick": {}}}) is None
    True
    """
    try:
        picked = state["selection"][SELECTION]
    except (KeyError, TypeError):
        return None
    if not isinstance(picked, list) or not picked or not isinstance(picked[0], dict):
        return None
    value = picked[0].get("id")
    return value if isinstance(value, str) else None
