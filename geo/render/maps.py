"""The interactive map: events, areas, distance lines and labels as a folium map."""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

import folium
from branca.element import Element, Figure, MacroElement
from jinja2 import Template

from geo.geometry import borders
from geo.geometry.geodesic import geodesic_circle, geodesic_path, geodesic_sector
from geo.model.claim import ClaimCheck
from geo.model.dataset import Dataset, is_area, place_geometry
from geo.model.event import MACHINE_TAG, EventPlace
from geo.model.kinds import Category, Verdict
from geo.model.measurement import SiteMeasurement
from geo.model.place import Place
from geo.render.facts import REVIEW, Fact, event_facts, source_line
from geo.render.maplayers import (
    LABEL_PRIORITY,
    CellBasemap,
    CompactEvents,
    FitView,
    LabelLayer,
    PlaceLabels,
    ReadySignal,
    asset_text,
    basemap_cells,
    gc_paused,
    local_place_labels,
    pack_events,
    place_labels,
)
from geo.render.mapoptions import POPUP_ID_LABEL, MapOptions, event_id_from_popup
from geo.settings import cache_dir

__all__ = [
    "COMPACT_EVENT_THRESHOLD",
    "CONTEXT_COLOR",
    "FLAG_COLOR",
    "LEAFLET_VERSION",
    "MACHINE_COLOR",
    "MACHINE_DASH",
    "MEASURE_COLOR",
    "MapOptions",
    "PARTICIPANT_STYLES",
    "REFERENCE_BORDER_COLOR",
    "STATED_COLOR",
    "TYPE_COLORS",
    "build_map",
    "event_bounds",
    "event_id_from_popup",
    "html_text",
    "leaflet_assets",
    "map_fingerprint",
    "map_html",
    "use_data_urls",
]


#: Fill colour per event type (ColorBrewer-like, distinguishable on the grey basemap).
TYPE_COLORS: dict[str, str] = {
    "land": "#b35806",
    "air": "#2166ac",
    "naval": "#01665e",
    "strategic": "#b2182b",
    "command-staff": "#762a83",
    "patrol": "#4d9221",
}


CONTEXT_COLOR = "#6b6b6b"


MEASURE_COLOR = "#d6604d"


FLAG_COLOR = "#b2182b"


REFERENCE_BORDER_COLOR = "#e08214"


#: Positions an article states with no named site ("ships 280 km southeast of Cape Erimo").
STATED_COLOR = "#0b3c5d"


#: Outline dash pattern by participants: who takes part is visible without a popup.
PARTICIPANT_STYLES: dict[str, dict[str, str]] = {
    "single country": {"dashArray": "", "label": "one country"},
    "joint": {"dashArray": "6 3", "label": "joint (two or more countries)"},
}


#: Events the machine extracted and nobody reviewed yet: dotted outline in their own colour.
MACHINE_COLOR = "#c51b7d"


MACHINE_DASH = "1 5"


_SITES_PANE = "drillmap-sites"


#: Above this many visible events, events are drawn by one packed canvas layer
#: (:class:`geo.render.maplayers.CompactEvents`) instead of one folium object per marker.
COMPACT_EVENT_THRESHOLD = 300


LEAFLET_VERSION = "1.9.3"


_LEAFLET_JS_URL = f"https://cdn.jsdelivr.net/npm/leaflet@{LEAFLET_VERSION}/dist/leaflet.js"


_LEAFLET_CSS_URL = f"https://cdn.jsdelivr.net/npm/leaflet@{LEAFLET_VERSION}/dist/leaflet.css"


def html_text(text: object) -> str:
    """Escape text for HTML that folium places inside a JavaScript template literal.

    ``html.escape`` covers ``<>&"'``; backticks, ``$`` and backslashes are escaped too, since
    folium puts tooltip and popup HTML between backticks, where ``${...}`` would run; and
    braces, since branca renders each element's script through Jinja a second time, where
    ``{{ ... }}`` or ``{% ... %}`` in an article would be evaluated or fail the whole map.
    """
    return (html.escape(str(text)).replace("\\", "&#92;").replace("`", "&#96;")
            .replace("$", "&#36;").replace("{", "&#123;").replace("}", "&#125;"))


# --------------------------------------------------------------------------- assets
@cache
def leaflet_assets() -> tuple[str, str]:
    """Leaflet's JS and CSS text, from the installed ``folium-offline`` package.

    Importing ``offlinefolium.elements`` costs about a second (it embeds many libraries), so the
    two files are copied once into the drillmap cache folder and read from there afterwards.
    """
    folder = cache_dir() / f"leaflet-{LEAFLET_VERSION}"
    js_path, css_path = folder / "leaflet.js", folder / "leaflet.css"
    if js_path.is_file() and css_path.is_file():
        return js_path.read_text(encoding="utf-8"), css_path.read_text(encoding="utf-8")
    js = _offlinefolium_inline("script", _LEAFLET_JS_URL)
    css = _offlinefolium_inline("style", _LEAFLET_CSS_URL)
    folder.mkdir(parents=True, exist_ok=True)
    for path, text in ((js_path, js), (css_path, css)):
        tmp = path.with_suffix(path.suffix + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    return js, css


def _offlinefolium_inline(tag: str, url: str) -> str:
    """The text ``folium-offline`` inlines for ``url``, a ``script`` or ``style`` resource.

    Its ``JSCSSMixin`` (the base of its ``Map`` and plugins) renders each ``(name, url)`` of
    ``default_js``/``default_css`` as an inline ``<script>``/``<style>`` element in the
    figure's header, from the copies it ships; an element listing only ``url`` renders just
    that one.
    """
    from branca.element import Figure
    from offlinefolium.elements import JSCSSMixin  # noqa: PLC0415 - slow, imported on first use

    element = JSCSSMixin()
    element.default_js = [("drillmap_inline", url)] if tag == "script" else []
    element.default_css = [("drillmap_inline", url)] if tag == "style" else []
    figure = Figure()
    figure.add_child(element)
    element.render()
    header = figure.header.render()
    start, end = header.find(f"<{tag}>"), header.rfind(f"</{tag}>")
    if start < 0 or end < start:
        msg = f"folium-offline rendered no inline <{tag}> for {url}"
        raise RuntimeError(msg)
    return header[start + len(tag) + 2:end]


def _data_url(mime: str, text: str) -> str:
    return f"data:{mime};base64," + base64.b64encode(text.encode("utf-8")).decode("ascii")


def use_data_urls(m: folium.Map) -> folium.Map:
    """Point the map's script and stylesheet links at ``data:`` URLs (for ``st_folium``).

    streamlit-folium loads each element's ``default_js``/``default_css`` by URL; data URLs make
    that work with no network and no static file server.
    """
    js, css = leaflet_assets()
    # streamlit-folium inserts the header as HTML, where inline scripts do not run: load the
    # jQuery shim (needed by folium's popups) as a script file too.
    m.default_js = [("leaflet", _data_url("text/javascript", js)),
                    ("drillmap_jquery_shim",
                     _data_url("text/javascript", asset_text("jquery_shim.js")))]
    m.default_css = [("leaflet_css", _data_url("text/css", css))]
    return m


def map_html(m: folium.Map) -> str:
    """Render a map as one self-contained HTML page: Leaflet inlined, no external reference."""
    js, css = leaflet_assets()
    page = m.get_root().render()
    script_tag = re.compile(r'<script src="' + re.escape(_LEAFLET_JS_URL) + r'"></script>')
    css_tag = re.compile(r'<link rel="stylesheet" href="' + re.escape(_LEAFLET_CSS_URL)
                         + r'"/>')
    page = script_tag.sub(lambda _: "<script>" + js.replace("</script", "<\\/script")
                          + "</script>", page, count=1)
    return css_tag.sub(lambda _: "<style>" + css + "</style>", page, count=1)


def _bounds_of_geojson(geometry: dict[str, Any]) -> list[list[float]]:
    from shapely.geometry import shape

    minx, miny, maxx, maxy = shape(geometry).bounds
    return [[miny, minx], [maxy, maxx]]


def _bounds_of_largest_part(geometry: dict[str, Any]) -> list[list[float]]:
    from shapely.geometry import shape

    geom = shape(geometry)
    part = max(getattr(geom, "geoms", [geom]), key=lambda g: g.area)
    minx, miny, maxx, maxy = part.bounds
    return [[miny, minx], [maxy, maxx]]


def event_bounds(ds: Dataset, event_ids: Iterable[str], *, with_border_points: bool = True
                 ) -> list[list[float]] | None:
    """``[[south, west], [north, east]]`` around the events' places (and border points)."""
    ids = list(event_ids)
    located = [place for i in ids for _, place in ds.places_of(i) if place is not None]
    points = [place for place in located if not is_area(place)]
    lats = [place.lat for place in points]
    lons = [place.lon for place in points]
    # each area's box once (many events may take place in one country or sea)
    area_bounds: dict[Any, tuple[float, float, float, float]] = {}
    for place in located:
        if not is_area(place):
            continue
        key = (place.raw or {}).get("area_iso2") or id(place.geometry)
        if key not in area_bounds:
            geometry = place_geometry(place, display=True)
            (s, w), (n, e) = _bounds_of_geojson(geometry)
            if n - s > 20 or e - w > 40:
                # A huge area (Russia) may span the antimeridian: frame its largest part.
                (s, w), (n, e) = _bounds_of_largest_part(geometry)
            area_bounds[key] = (s, w, n, e)
        s, w, n, e = area_bounds[key]
        lats += [s, n]
        lons += [w, e]
    if with_border_points:
        measured = [m for i in ids for m in ds.measurements_of(i)]
        lats += [m.nearest_lat for m in measured]
        lons += [m.nearest_lon for m in measured]
        for c in ds.stated_positions_of(ids):  # ships or a drill zone the article places
            position = c.stated_position
            assert position is not None  # stated_positions_of keeps only those
            lats += [position.lat, position.reference_lat]
            lons += [position.lon, position.reference_lon]
    if not lats:
        return None
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


# --------------------------------------------------------------------------- layers
class _LazyPopup(MacroElement):
    """A popup whose content is built on opening, for layer groups such as ``GeoJson``.

    A folium ``Popup`` on a ``GeoJson`` binds fixed content to the group, which Leaflet opens
    but streamlit-folium cannot read back on a click; bound as a function, it can (its frontend
    calls ``getContent()(layer)``), so a click on an area selects its event like a marker does.
    The HTML must be escaped already; ``tojson`` keeps it inert inside the script. The
    template is ``assets/lazy_popup.js.j2``.
    """

    _template = Template(asset_text("lazy_popup.js.j2"))

    def __init__(self, inner_html: str, *, max_width: int = 420):
        super().__init__()
        self._name = "LazyPopup"
        self.inner_html = inner_html
        self.max_width = max_width


# --------------------------------------------------------------------------- controls
class _HtmlControl(MacroElement):
    """A Leaflet control holding fixed HTML (legend, title, source line), in screenshots too.

    The control's code is ``assets/html_control.js``; the HTML must be escaped already.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.library }}
        window.drillmapHtmlControl({{ this._parent.get_name() }}, {{ this.position|tojson }},
                                   {{ this.css_class|tojson }}, {{ this.inner_html|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, inner_html: str, *, position: str, css_class: str):
        super().__init__()
        self._name = "HtmlControl"
        self.inner_html = inner_html
        self.position = position
        self.css_class = css_class
        self.library = asset_text("html_control.js")


def _legend_html(types: Sequence[str], *, has_context: bool, has_approx: bool,
                 has_measure: bool, has_single: bool = True, has_joint: bool = True,
                 has_area: bool = True, has_machine: bool = False,
                 has_stated: bool = False) -> str:
    rows = ["<b>Legend</b>"]
    for t in types:
        rows.append(f'<div><span class="sw" style="background:{TYPE_COLORS[t]}"></span>'
                    f"{html_text(t)} exercise</div>")
    if has_context:
        rows.append(f'<div><span class="sw" style="background:{CONTEXT_COLOR}"></span>'
                    "context (not an exercise)</div>")
    if has_single:
        rows.append('<div><span class="sw" style="background:#fff"></span>solid outline: one '
                    "country</div>")
    if has_joint:
        rows.append('<div><span class="sw" style="background:#fff;border-style:dashed"></span>'
                    "dashed outline: joint</div>")
    if has_machine:
        rows.append(f'<div><span class="sw" style="background:#fff;border:2px dotted '
                    f'{MACHINE_COLOR}"></span>dotted outline: {MACHINE_TAG}</div>')
    if has_area:
        rows.append('<div><span class="ln" style="border-top:6px solid #b35806;opacity:.4">'
                    "</span>shaded area: country-level or sea area</div>")
    if has_approx:
        rows.append('<div><span class="ln" style="border-top:2px dashed #555"></span>'
                    "ring: location approximate</div>")
    if has_measure:
        rows.append(f'<div><span class="ln" style="border-top-color:{MEASURE_COLOR}"></span>'
                    "line to nearest border point</div>")
        rows.append(f'<div><span class="ln" style="border-top:3px solid '
                    f'{REFERENCE_BORDER_COLOR}"></span>reference border</div>')
    if has_stated:
        rows.append(f'<div><span class="sw" style="background:#fff;border:2px dashed '
                    f'{STATED_COLOR}"></span>position an article states (no named site): '
                    "what its wording allows</div>")
    return "".join(rows)


# --------------------------------------------------------------------------- popups
def _fact_html(fact: Fact) -> str:
    """One fact as a popup line: the review mark in its colour, others with a bold label."""
    if fact.label == REVIEW:
        return f'<div class="machine">{html_text(fact.text)}</div>'
    return f"<div><b>{html_text(fact.label)}:</b> {html_text(fact.text)}</div>"


def _event_popup_html(ds: Dataset, event_id: str) -> str:
    """An event's popup: name, :func:`~geo.render.facts.event_facts`, quotes, event id."""
    e = ds.event_by_id[event_id]
    parts = [f'<div class="drillmap-popup" data-event-id="{html_text(e.id)}">',
             f"<h4>{html_text(e.name)}</h4>",
             *(_fact_html(f) for f in event_facts(ds, event_id))]
    for s in ds.sources_of(e.id):
        parts.append(f"<blockquote>“{html_text(s.quote)}”<div class=\"src\">"
                     f"{html_text(source_line(ds, s.article_id))}</div></blockquote>")
    # Last, so the popup's text ends with it: see event_id_from_popup.
    parts.append(f'<div class="src">{POPUP_ID_LABEL} {html_text(e.id)}</div></div>')
    return "".join(parts)


def _style_for(ds: Dataset, event_id: str) -> tuple[str, str]:
    e = ds.event_by_id[event_id]
    return _style_of_kind(e.type, e.category, len(e.participants) > 1, e.machine_extracted)


@cache
def _style_of_kind(kind: str, category: str, joint: bool, machine: bool) -> tuple[str, str]:
    """An event's (colour, dashArray) by its type, category, participants and review state."""
    color = TYPE_COLORS[kind] if category == Category.EXERCISE else CONTEXT_COLOR
    dash = PARTICIPANT_STYLES["joint" if joint else "single country"]
    return color, MACHINE_DASH if machine else dash["dashArray"]


def _measurement_label(m: SiteMeasurement, claims: Sequence[ClaimCheck]) -> tuple[str, bool]:
    label = m.label
    flagged = False
    for c in claims:
        if c.is_about(m):
            label += f" · {c.label}"
            flagged = flagged or (c.verdict is not None and c.verdict.verdict == Verdict.FLAGGED)
    return label, flagged


# --------------------------------------------------------------------------- builder
@dataclass(frozen=True, slots=True)
class _MapPlan:
    """Which events a map shows, and which of them it draws in full (the rest are packed)."""

    visible: tuple[str, ...]
    visible_set: frozenset[str]
    compact: bool
    detailed: tuple[str, ...]


def _visible_events(ds: Dataset, options: MapOptions) -> list[str]:
    wanted = None if options.event_ids is None else set(options.event_ids)
    return [e.id for e in ds.events
            if (wanted is None or e.id in wanted)
            and (options.show_context or e.category == Category.EXERCISE)]


def _plan(ds: Dataset, options: MapOptions) -> _MapPlan:
    """Choose the visible events and whether the map packs them (above the threshold)."""
    visible = _visible_events(ds, options)
    compact = (options.compact if options.compact is not None
               else len(visible) > COMPACT_EVENT_THRESHOLD)
    # A compact map draws the selected and focused events in full, the rest packed.
    detailed = ([i for i in visible if i in {options.selected_event, options.focus_event}]
                if compact else visible)
    return _MapPlan(visible=tuple(visible), visible_set=frozenset(visible), compact=compact,
                    detailed=tuple(detailed))


def _base_map(options: MapOptions) -> folium.Map:
    """The empty folium map with Leaflet's links, the map stylesheet and the jQuery shim."""
    m = folium.Map(location=[52.0, 28.0], zoom_start=5, tiles=None, control_scale=True,
                   width=options.width, height=options.height, prefer_canvas=False,
                   zoom_snap=0.25, font_size="13px",  # folium's 1rem would override map.css
                   zoom_control=not options.static)
    m.default_js = [("leaflet", _LEAFLET_JS_URL)]
    m.default_css = [("leaflet_css", _LEAFLET_CSS_URL)]
    root = m.get_root()
    assert isinstance(root, Figure)
    root.header.add_child(Element(f"<style>\n{asset_text('map.css')}</style>"),
                          name="drillmap_css")
    root.header.add_child(
        Element(f"<script>\n{asset_text('jquery_shim.js')}</script>"),
        name="drillmap_jquery_shim")
    return m


#: Largest framed box (degrees of latitude, longitude) given local place names.
_LOCAL_NAMES_MAX_DEG = (12.0, 20.0)


def _add_basemap(m: folium.Map, options: MapOptions,
                 bounds: list[list[float]] | None = None) -> None:
    """Add the sites' pane, the offline cell basemap and, if asked, OpenStreetMap tiles."""
    # Sites above the distance lines and labels that start on them, so a click selects the site.
    folium.map.CustomPane(_SITES_PANE, z_index=625).add_to(m)
    basemap = folium.FeatureGroup(name="Basemap: Natural Earth countries and lakes, GeoNames "
                                       "cities (offline)", overlay=False, control=True).add_to(m)
    CellBasemap(basemap_cells(), in_head=options.static).add_to(basemap)
    local = "[[],[]]"
    if bounds is not None:
        (south, west), (north, east) = bounds
        # The view is wider than the events: name places a frame's height and width around.
        h, w = max(north - south, 1.6), max(east - west, 2.4)
        if h <= _LOCAL_NAMES_MAX_DEG[0] and w <= _LOCAL_NAMES_MAX_DEG[1]:
            local = local_place_labels(max(south - h, -85), west - 1.5 * w,
                                       min(north + h, 85), east + 1.5 * w)
    PlaceLabels(place_labels(), local, in_head=options.static).add_to(basemap)
    if options.online_basemap:
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap (needs network)",
                         overlay=False, control=True, show=False).add_to(m)


def _add_reference_borders(m: folium.Map, ds: Dataset, plan: _MapPlan) -> None:
    """Add the outlines of the countries the visible events are measured to."""
    reference_isos = sorted({x.border_iso2 for x in ds.measurements
                             if x.event_id in plan.visible_set})
    if not reference_isos:
        return
    ref_layer = folium.FeatureGroup(name="Reference borders").add_to(m)
    for iso2 in reference_isos:
        folium.GeoJson(
            borders.country_geojson(iso2, simplify_deg=0.01),
            style_function=lambda _f: {"color": REFERENCE_BORDER_COLOR, "weight": 3,
                                       "fill": False},
            tooltip=f"{borders.country_name(iso2)} border ({borders.BORDER_DATASET})",
            interactive=False,
        ).add_to(ref_layer)


class _TypeLayers:
    """One layer per event type (and one for context items), made when first drawn into."""

    def __init__(self, ds: Dataset):
        self.ds = ds
        self.layers: dict[str, folium.FeatureGroup] = {}

    def key_of(self, event_id: str) -> str:
        """The key of the layer an event is drawn into: its type, or ``context``."""
        e = self.ds.event_by_id[event_id]
        return e.type if e.category == Category.EXERCISE else "context"

    def of(self, event_id: str) -> folium.FeatureGroup:
        """The layer an event is drawn into."""
        key = self.key_of(event_id)
        if key not in self.layers:
            label = (f"Exercises: {key}" if key != "context" else "Context (not exercises)")
            self.layers[key] = folium.FeatureGroup(name=label)
        return self.layers[key]

    def add_to(self, m: folium.Map) -> None:
        """Add the layers to the map, in the order they were made."""
        for layer in self.layers.values():
            layer.add_to(m)


@dataclass(frozen=True, slots=True)
class _EventStyle:
    """How one fully drawn event looks: colours, outline, popup and CSS class."""

    event_id: str
    color: str
    dash: str
    selected: bool
    popup_html: str
    css_class: str


def _add_area(layer: folium.FeatureGroup, style: _EventStyle, place: Place, tooltip: str,
              fill: float) -> None:
    """Add an event's area (country or sea) with a popup built when opened."""
    selected = style.selected
    area_style = {"color": style.color, "weight": 3 if selected else 1.5,
                  "dashArray": style.dash, "fillColor": style.color,
                  "fillOpacity": 0.28 if selected else fill}
    area = folium.GeoJson(
        {"type": "Feature", "geometry": place_geometry(place, display=True),
         "properties": {"event_id": style.event_id}},
        style_function=lambda _f, st=area_style: st,
        tooltip=tooltip, className=style.css_class,
    ).add_to(layer)
    _LazyPopup(style.popup_html).add_to(area)


def _add_site(layer: folium.FeatureGroup, style: _EventStyle, ep: EventPlace, place: Place,
              tooltip: str, machine: bool) -> None:
    """Add an event's site marker (white-filled where an event was only announced)."""
    popup = folium.Popup(style.popup_html, max_width=420)
    announced = ep.role == "announced_at"
    site = folium.CircleMarker(
        location=[place.lat, place.lon], radius=11 if style.selected else 8,
        color=(MACHINE_COLOR if machine else "#111" if not announced
               else style.color), weight=3 if style.selected else 2,
        dash_array=style.dash or None, fill=True,
        fill_color="#ffffff" if announced else style.color, fill_opacity=0.95,
        tooltip=tooltip + (" — announced here, not the site" if announced else ""),
        popup=popup, class_name=style.css_class,
    )
    site.add_to(layer)
    site.options["pane"] = _SITES_PANE  # folium's path options drop ``pane``


def _add_precision_ring(layer: folium.FeatureGroup, color: str, place: Place) -> None:
    """Add the dashed ring of an approximately located site (±precision)."""
    folium.PolyLine(
        geodesic_circle(place.lat, place.lon, place.precision_km),
        color=color, weight=1.5, dash_array="5 5", opacity=0.9,
        tooltip=html_text(f"Approximate location: ±{place.precision_km:g} km. {place.note}"),
    ).add_to(layer)


def _add_range_rings(layer: folium.FeatureGroup, place: Place,
                     radii_km: Sequence[float], labels: list[list[Any]]) -> None:
    """Add geodesic range rings around a site; their radius labels go to ``labels``."""
    for radius in radii_km:
        folium.PolyLine(
            geodesic_circle(place.lat, place.lon, radius), color="#333",
            weight=1.2, dash_array="2 4",
            tooltip=f"{radius:g} km geodesic range ring",
        ).add_to(layer)
        top_lat, top_lon = geodesic_circle(place.lat, place.lon, radius, points=4)[0]
        labels.append([top_lat, top_lon, f"{radius:g} km", "drillmap-label drillmap-ring-label",
                       LABEL_PRIORITY["ring"], -radius, 2, 0, "anchor"])


def _add_event_layers(m: folium.Map, ds: Dataset, options: MapOptions,
                      plan: _MapPlan) -> tuple[bool, bool]:
    """Draw the fully drawn events' areas, sites and rings; return (has_approx, has_area)."""
    layers = _TypeLayers(ds)
    labels: dict[str, list[list[Any]]] = {}
    markers: dict[str, list[list[float]]] = {}
    has_approx = False
    has_area = plan.compact  # the packed layer may draw areas
    # Several events often share one area (six name only "Belarus"): with an event selected,
    # the others' fills fade so their stack does not hide the selection.
    fill = 0.04 if options.selected_event else 0.12
    for event_id in plan.detailed:
        e = ds.event_by_id[event_id]
        color, dash = _style_for(ds, event_id)
        style = _EventStyle(event_id=event_id, color=color, dash=dash,
                            selected=event_id == options.selected_event,
                            popup_html=_event_popup_html(ds, event_id),
                            css_class=f"drillmap-event drillmap-event-{event_id}")
        named = False
        area_anchor: tuple[float, float] | None = None
        for ep, place in ds.places_of(event_id):
            if place is None:
                continue
            tooltip = html_text(f"{e.name} — {ep.surface} ({ep.role})"
                           + (f" — {MACHINE_TAG}" if e.machine_extracted else ""))
            if is_area(place):
                has_area = True
                _add_area(layers.of(event_id), style, place, tooltip, fill)
                area_anchor = area_anchor or (place.lat, place.lon)
                continue
            _add_site(layers.of(event_id), style, ep, place, tooltip, e.machine_extracted)
            key = layers.key_of(event_id)
            radius_px = (11 if style.selected else 8) + 1.5
            markers.setdefault(key, []).append([place.lat, place.lon, radius_px])
            if not named:  # the event's name beside its first site
                named = True
                labels.setdefault(key, []).append(
                    [place.lat, place.lon, e.name, "drillmap-event-label", LABEL_PRIORITY["event"],
                     1 if style.selected else 0, radius_px, 0, "anchor"])
            if place.precision_km >= 5:
                has_approx = True
                _add_precision_ring(layers.of(event_id), color, place)
            if style.selected or (options.focus_event == event_id):
                _add_range_rings(layers.of(event_id), place, options.range_rings_km,
                                 labels.setdefault(key, []))
        if not named and area_anchor is not None:  # an area only: its name inside it
            labels.setdefault(layers.key_of(event_id), []).append(
                [*area_anchor, e.name, "drillmap-event-label", LABEL_PRIORITY["event"],
                 1 if event_id == options.selected_event else 0, 0, 0, "anchor"])
    for key, layer in layers.layers.items():
        LabelLayer(labels.get(key, []), markers.get(key, [])).add_to(layer)
    layers.add_to(m)
    return has_approx, has_area


def _add_packed_events(m: folium.Map, ds: Dataset, options: MapOptions,
                       plan: _MapPlan) -> None:
    """Add the events not drawn in full as one packed canvas layer."""
    detailed_set = set(plan.detailed)
    packed_ids = [i for i in plan.visible if i not in detailed_set]
    CompactEvents(pack_events(
        ds, packed_ids, style_of=lambda i: _style_for(ds, i),
        measurement_label=lambda x: _measurement_label(x, ds.claims_of(x.event_id)),
        show_measurements=options.show_measurements),
        measure_color=MEASURE_COLOR, flag_color=FLAG_COLOR).add_to(m)


def _add_measurement(layer: folium.FeatureGroup, x: SiteMeasurement, label: str,
                     flagged: bool, labels: list[list[Any]]) -> None:
    """Add one distance: the geodesic line and the nearest border point; the label (placed
    by the label layout, at the line's middle) goes to ``labels``."""
    folium.PolyLine(
        geodesic_path(x.lat, x.lon, x.nearest_lat, x.nearest_lon),
        color=FLAG_COLOR if flagged else MEASURE_COLOR, weight=2.5,
        tooltip=html_text(label), class_name="drillmap-measure",
    ).add_to(layer)
    folium.CircleMarker([x.nearest_lat, x.nearest_lon], radius=3, color=MEASURE_COLOR,
                        fill=True, fill_opacity=1,
                        tooltip=html_text(f"Nearest point of {x.border_name}'s border "
                                     f"({borders.BORDER_DATASET})"),
                        ).add_to(layer)
    mid_lat = (x.lat + x.nearest_lat) / 2
    mid_lon = (x.lon + x.nearest_lon) / 2
    css = "drillmap-label flagged" if flagged else "drillmap-label"
    verdict = label != x.label  # the label carries a claim's verdict
    labels.append([mid_lat, mid_lon, label, css + " drillmap-distance",
                   LABEL_PRIORITY["verdict" if verdict else "distance"], -x.distance_km, 3, 0,
                   "anchor"])


def _add_measurements(m: folium.Map, ds: Dataset, options: MapOptions,
                      plan: _MapPlan) -> bool:
    """Add the fully drawn events' distance lines and labels; return whether any are shown."""
    measurements = [x for x in ds.measurements if x.event_id in plan.visible_set]
    if not (options.show_measurements and measurements):
        return False
    detailed_set = set(plan.detailed)
    measure_layer = folium.FeatureGroup(name="Distances to borders")
    measure_layer.add_to(m)
    labels: list[list[Any]] = []
    points: list[list[float]] = []
    for x in (x for x in measurements if x.event_id in detailed_set):
        label, flagged = _measurement_label(x, ds.claims_of(x.event_id))
        _add_measurement(measure_layer, x, label, flagged, labels)
        points.append([x.nearest_lat, x.nearest_lon, 4])
    LabelLayer(labels, points).add_to(measure_layer)
    return True


def _add_stated_positions(m: folium.Map, ds: Dataset, plan: _MapPlan) -> bool:
    """Add the positions articles state with no named site (ships, a drill zone): the point
    the wording gives, the sector it allows and the line from the place it is given from;
    return whether any are shown."""
    claims = ds.stated_positions_of(plan.visible)
    if not claims:
        return False
    layer = folium.FeatureGroup(name="Positions stated in articles").add_to(m)
    labels: list[list[Any]] = []
    points: list[list[float]] = []
    for c in claims:
        p = c.stated_position
        assert p is not None  # stated_positions_of keeps only those
        tooltip = html_text(f"{p.label}: stated in {c.article_id}, not a named site")
        popup = (f"<div><b>Position stated in {html_text(c.article_id)}</b><br>"
                 f"{html_text(p.description)}<br><i>“{html_text(c.sentence)}”</i></div>")
        sector = folium.Polygon(
            geodesic_sector(p.reference_lat, p.reference_lon, p.bearing_deg, p.half_width_deg,
                            p.min_km, p.max_km),
            color=STATED_COLOR, weight=1.5, dash_array="6 4", fill=True,
            fill_color=STATED_COLOR, fill_opacity=0.08, tooltip=tooltip,
            class_name="drillmap-stated-area").add_to(layer)
        _LazyPopup(popup).add_to(sector)
        folium.PolyLine(geodesic_path(p.reference_lat, p.reference_lon, p.lat, p.lon),
                        color=STATED_COLOR, weight=1.2, dash_array="2 4", tooltip=tooltip,
                        ).add_to(layer)
        point = folium.CircleMarker([p.lat, p.lon], radius=5, color=STATED_COLOR, weight=2,
                                    fill=True, fill_color="#ffffff", fill_opacity=1,
                                    tooltip=tooltip, class_name="drillmap-stated")
        point.add_to(layer)
        _LazyPopup(popup).add_to(point)
        labels.append([p.lat, p.lon, p.label, "drillmap-label drillmap-stated-label",
                       LABEL_PRIORITY["distance"], 0, 6, 0, "anchor"])
        points.append([p.lat, p.lon, 6])
    LabelLayer(labels, points).add_to(layer)
    return True


def _add_legend(m: folium.Map, ds: Dataset, plan: _MapPlan, *, has_approx: bool,
                has_area: bool, has_measure: bool, has_stated: bool = False) -> None:
    """Add the legend: only the symbols the map shows."""
    visible = plan.visible
    events = [ds.event_by_id[i] for i in visible]  # one pass each, no lookups: 100,000 events
    present = {e.type for e in events if e.category == Category.EXERCISE}
    types_shown = [t for t in TYPE_COLORS if t in present]
    has_context = any(e.category == Category.CONTEXT for e in events)
    n_joint = sum(len(e.participants) > 1 for e in events)
    _HtmlControl(_legend_html(types_shown, has_context=has_context, has_approx=has_approx,
                              has_measure=has_measure,
                              has_single=n_joint < len(visible), has_joint=n_joint > 0,
                              has_area=has_area,
                              has_machine=any(e.machine_extracted for e in events),
                              has_stated=has_stated),
                 position="bottomleft", css_class="drillmap-box drillmap-legend").add_to(m)


def _add_title(m: folium.Map, ds: Dataset, options: MapOptions, plan: _MapPlan) -> None:
    """Add the title box: title, subtitle (default: the event counts) and the as-of date."""
    as_of = options.as_of or date.today()
    n_exercises = sum(ds.event_by_id[i].category == Category.EXERCISE for i in plan.visible)
    n_context = len(plan.visible) - n_exercises
    subtitle = options.subtitle
    if subtitle is None:
        subtitle = (f"{n_exercises} exercise{'s' if n_exercises != 1 else ''}, "
                    f"{n_context} context item{'s' if n_context != 1 else ''}")
    _HtmlControl(f"<b>{html_text(options.title)}</b><br>{html_text(subtitle)} · as of "
                 f"{as_of.isoformat()}",
                 position="topright", css_class="drillmap-box drillmap-title").add_to(m)


def _add_source_line(m: folium.Map, ds: Dataset, plan: _MapPlan) -> None:
    """Add the source line: border dataset, cited articles and how distances are measured."""
    cited = sorted({s.article_id for s in ds.sources if s.event_id in plan.visible_set})
    cited_text = (", ".join(cited) if len(cited) <= 12
                  else f"{cited[0]} … {cited[-1]} ({len(cited)} articles)") or "none"
    _HtmlControl(html_text(f"Borders: {borders.BORDER_DATASET}. Sources: articles "
                      f"{cited_text}. Distances: WGS84 geodesic."),
                 position="bottomright", css_class="drillmap-box drillmap-source").add_to(m)


def _add_layer_control(m: folium.Map, options: MapOptions) -> None:
    """Add the layer list (interactive maps only)."""
    if not options.static:
        folium.LayerControl(collapsed=options.collapse_layers, position="topleft").add_to(m)


def _frame(m: folium.Map, options: MapOptions, bounds: list[list[float]] | None) -> None:
    """Frame the map on ``bounds`` (of the focused event or all visible ones), without
    animation."""
    if bounds is None:
        return
    (south, west), (north, east) = bounds
    if north - south < 0.5 and east - west < 0.5:  # one point: frame ~100 km around it
        south, north, west, east = south - 0.8, north + 0.8, west - 1.2, east + 1.2
    # Keep the events clear of the layer control and legend down the left edge (images:
    # and of the distance labels, which run to the right), as fractions of the map's size
    # (290, 70, 260, 80 pixels of a 1600 x 900 image); set the view without animation so the
    # map is final when ReadySignal fires.
    margins = (0.08, 0.16, 0.09, 0.18) if options.static else (0.05, 0.03, 0.07, 0.2)
    FitView([[south, west], [north, east]], margins).add_to(m)


def build_map(ds: Dataset, options: MapOptions | None = None) -> folium.Map:
    """Build the map of ``ds`` (filtered by ``options.event_ids``).

    Layers: the offline Natural Earth basemap with place names (countries, seas and straits,
    capitals and cities by zoom), highlighted reference borders, one layer per event type,
    measurement lines, and range rings. Every label (verdicts, distances, event names, ring
    radii, place names) is placed in the browser by ``assets/label_layout.js`` so that none
    overlaps another, a marker or a map box. Legend, scale bar, title and the source line are
    map controls, so they appear in screenshots.
    """
    options = options or MapOptions()
    with gc_paused():  # see gc_paused: a large map allocates many short-lived lists
        return _build_map(ds, options)


def _build_map(ds: Dataset, options: MapOptions) -> folium.Map:
    plan = _plan(ds, options)
    m = _base_map(options)
    bounds = event_bounds(
        ds, [options.focus_event] if options.focus_event else list(plan.visible))
    # Framed first: every layer added after is projected once, at the final view (framed
    # last, each path was projected twice: at the start view and again by fitBounds).
    _frame(m, options, bounds)
    _add_basemap(m, options, bounds)
    _add_reference_borders(m, ds, plan)
    has_approx, has_area = _add_event_layers(m, ds, options, plan)
    if plan.compact:
        _add_packed_events(m, ds, options, plan)
    has_measure = _add_measurements(m, ds, options, plan)
    has_stated = _add_stated_positions(m, ds, plan)
    _add_legend(m, ds, plan, has_approx=has_approx, has_area=has_area,
                has_measure=has_measure, has_stated=has_stated)
    if options.title_box:
        _add_title(m, ds, options, plan)
    if options.source_box:
        _add_source_line(m, ds, plan)
    _add_layer_control(m, options)
    ReadySignal().add_to(m)  # last: fires once everything above is drawn
    return m


def map_fingerprint(m: folium.Map) -> str:
    """A stable hash of a map's content (folium ids are random), e.g. for widget keys."""
    page = m.get_root().render()
    return hashlib.sha256(re.sub(r"_[0-9a-f]{32}", "", page).encode()).hexdigest()[:16]
