"""KML 2.2 export for Google Earth."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from geo.geometry import borders

if TYPE_CHECKING:
    from geo.model.claim import ClaimCheck
    from geo.model.dataset import Dataset
    from geo.model.event import EventPlace
    from geo.model.place import Place
from geo.export.options import ExportOptions, visible_events
from geo.geometry.geodesic import geodesic_path, geodesic_sector
from geo.model.dataset import place_geometry
from geo.model.event import MACHINE_TAG
from geo.model.kinds import Category
from geo.render.facts import event_facts, source_line
from geo.render.maps import CONTEXT_COLOR, MEASURE_COLOR, STATED_COLOR, TYPE_COLORS

__all__ = ["kml_bytes", "kml_description"]


_KML_NS = "http://www.opengis.net/kml/2.2"


#: Characters XML 1.0 cannot hold at all, not even escaped (NUL, most C0 controls, surrogates,
#: U+FFFE/U+FFFF): one in an event name would make the whole file unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_safe(root: ET.Element) -> None:
    """Drop the characters XML cannot hold from every text and attribute of the tree."""
    for el in root.iter():
        if el.text:
            el.text = _NOT_XML.sub("", el.text)
        if el.tail:
            el.tail = _NOT_XML.sub("", el.tail)
        for key, value in el.attrib.items():
            el.attrib[key] = _NOT_XML.sub("", value)


def _kml_colour(hex_rgb: str, alpha: int = 255) -> str:
    """``#rrggbb`` to KML's ``aabbggrr``."""
    r, g, b = hex_rgb[1:3], hex_rgb[3:5], hex_rgb[5:7]
    return f"{alpha:02x}{b}{g}{r}".lower()


def _kml_coords(pairs: Iterable[Sequence[float]]) -> str:
    return " ".join(f"{lon:.6f},{lat:.6f},0" for lon, lat in pairs)


def _kml_geometry(parent: ET.Element, geometry: dict[str, Any]) -> None:
    def sub(el: ET.Element, tag: str, text: str | None = None) -> ET.Element:
        child = ET.SubElement(el, tag)
        if text is not None:
            child.text = text
        return child

    def polygon(el: ET.Element, rings: Sequence[Sequence[Sequence[float]]]) -> None:
        poly = sub(el, "Polygon")
        sub(poly, "tessellate", "1")
        for i, ring in enumerate(rings):
            boundary = sub(poly, "outerBoundaryIs" if i == 0 else "innerBoundaryIs")
            sub(sub(boundary, "LinearRing"), "coordinates", _kml_coords(ring))

    kind = geometry["type"]
    if kind == "Point":
        lon, lat = geometry["coordinates"][:2]
        sub(sub(parent, "Point"), "coordinates", _kml_coords([(lon, lat)]))
    elif kind == "Polygon":
        polygon(parent, geometry["coordinates"])
    elif kind == "MultiPolygon":
        multi = sub(parent, "MultiGeometry")
        for rings in geometry["coordinates"]:
            polygon(multi, rings)


def _event_description(ds: Dataset, event_id: str, *,
                       claims_of: dict[str, list[ClaimCheck]]) -> str:
    """Plain text: :func:`~geo.render.facts.event_facts` as ``Label: text`` lines, the quotes."""
    e = ds.event_by_id[event_id]
    lines = [f"{f.label}: {f.text}"
             for f in event_facts(ds, event_id, claims=claims_of.get(event_id, []))]
    lines += [f"“{s.quote}” ({source_line(ds, s.article_id)})" for s in ds.sources_of(event_id)]
    lines.append(f"Borders: {borders.BORDER_DATASET}. Event id: {e.id}")
    return "\n".join(lines)


def kml_description(text: str) -> str:
    r"""A KML ``<description>`` from plain text: the one place KML gets article text.

    KML viewers (Google Earth, browsers' KML layers) render a description as HTML, so the
    text is HTML-escaped first (ElementTree then escapes it again for XML) and its line breaks
    become ``<br>``: "<script>" in a quote shows as text in the balloon.

    >>> kml_description('a <b>c</b>\nnext')
    'a &lt;b&gt;c&lt;/b&gt;<br>next'
    """
    return "<br>".join(html.escape(line) for line in text.split("\n"))


def kml_bytes(ds: Dataset, options: ExportOptions | None = None) -> bytes:
    """The view as KML 2.2 for Google Earth: event places, distance lines with labels, areas.

    One ``Placemark`` per located event place (points for sites, polygons for areas) in the
    folder "Events", with the event's name, a description quoting its sources and its distance
    labels; events or places with no location are listed in "Not located" without geometry;
    each measured distance is a ``Placemark`` in "Distances to borders" holding the geodesic
    ``LineString`` and a label point at its middle; a position an article states with no
    named site (ships, a drill zone) is a ``Placemark`` in "Positions stated in articles"
    holding the point and the sector its wording allows. Text is escaped by ElementTree.
    """

    ET.register_namespace("", _KML_NS)
    wanted = visible_events(ds, options or ExportOptions())
    claims_of: dict[str, list[ClaimCheck]] = {}
    for c in ds.claims:
        for i in c.event_ids:
            claims_of.setdefault(i, []).append(c)

    kml = ET.Element(f"{{{_KML_NS}}}kml")
    doc = ET.SubElement(kml, "Document")
    ET.SubElement(doc, "name").text = (options or ExportOptions()).title
    ET.SubElement(doc, "description").text = kml_description(
        f"drillmap export, {len(wanted)} events. Borders: {borders.BORDER_DATASET}; "
        "distances are WGS84 geodesics.")
    styles = {**{f"type-{t}": c for t, c in TYPE_COLORS.items()}, "context": CONTEXT_COLOR}
    for style_id, colour in styles.items():
        style = ET.SubElement(doc, "Style", id=style_id)
        icon = ET.SubElement(style, "IconStyle")
        ET.SubElement(icon, "color").text = _kml_colour(colour)
        line = ET.SubElement(style, "LineStyle")
        ET.SubElement(line, "color").text = _kml_colour(colour)
        ET.SubElement(line, "width").text = "2"
        ET.SubElement(ET.SubElement(style, "PolyStyle"), "color").text = _kml_colour(colour, 70)
    measure_style = ET.SubElement(doc, "Style", id="distance")
    ET.SubElement(ET.SubElement(measure_style, "IconStyle"), "scale").text = "0"
    line = ET.SubElement(measure_style, "LineStyle")
    ET.SubElement(line, "color").text = _kml_colour(MEASURE_COLOR)
    ET.SubElement(line, "width").text = "2"
    stated_style = ET.SubElement(doc, "Style", id="stated")
    line = ET.SubElement(stated_style, "LineStyle")
    ET.SubElement(line, "color").text = _kml_colour(STATED_COLOR)
    ET.SubElement(line, "width").text = "2"
    ET.SubElement(ET.SubElement(stated_style, "PolyStyle"), "color").text = _kml_colour(
        STATED_COLOR, 40)

    located = ET.SubElement(doc, "Folder")
    ET.SubElement(located, "name").text = "Events"
    missing = ET.Element("Folder")
    ET.SubElement(missing, "name").text = "Not located (site not stated or not resolved)"
    for event_id in wanted:
        e = ds.event_by_id[event_id]
        description = _event_description(ds, event_id, claims_of=claims_of)
        style_url = f"#type-{e.type}" if e.category == Category.EXERCISE else "#context"
        places: Sequence[tuple[EventPlace | None, Place | None]] = ds.places_of(event_id)
        for ep, place in places or [(None, None)]:
            folder = located if place is not None else missing
            pm = ET.SubElement(folder, "Placemark")
            where = f" — {ep.surface} ({ep.role})" if ep is not None else " — site not stated"
            ET.SubElement(pm, "name").text = (e.name + where
                                              + (f" ({MACHINE_TAG})" if e.machine_extracted
                                                 else ""))
            ET.SubElement(pm, "description").text = kml_description(description)
            ET.SubElement(pm, "styleUrl").text = style_url
            data = ET.SubElement(pm, "ExtendedData")
            for key, value in (("event_id", e.id), ("type", e.type), ("category", e.category),
                               ("role", ep.role if ep else ""), ("place", place.name
                                                                 if place else "")):
                field = ET.SubElement(data, "Data", name=key)
                ET.SubElement(field, "value").text = value
            if place is not None:
                _kml_geometry(pm, place_geometry(place))
    if len(missing) > 1:
        doc.append(missing)

    distances = ET.SubElement(doc, "Folder")
    ET.SubElement(distances, "name").text = "Distances to borders"
    wanted_set = set(wanted)
    for m in ds.measurements:
        if m.event_id not in wanted_set:
            continue
        pm = ET.SubElement(distances, "Placemark")
        ET.SubElement(pm, "name").text = m.label
        claims = [c.label for c in claims_of.get(m.event_id, [])
                  if c.is_about(m)]
        ET.SubElement(pm, "description").text = kml_description("\n".join([
            f"{ds.event_by_id[m.event_id].name}: {m.surface} to the nearest point of "
            f"{m.border_name}'s border, {m.distance_km:.1f} km (WGS84 geodesic, "
            f"bearing {m.bearing_deg:.0f}°; site precision ±{m.precision_km:g} km).",
            *claims, f"Borders: {borders.BORDER_DATASET}"]))
        ET.SubElement(pm, "styleUrl").text = "#distance"
        multi = ET.SubElement(pm, "MultiGeometry")
        path = geodesic_path(m.lat, m.lon, m.nearest_lat, m.nearest_lon)
        ls = ET.SubElement(multi, "LineString")
        ET.SubElement(ls, "tessellate").text = "1"
        ET.SubElement(ls, "coordinates").text = _kml_coords((lon, lat) for lat, lon in path)
        mid_lat, mid_lon = path[len(path) // 2]
        ET.SubElement(ET.SubElement(multi, "Point"), "coordinates").text = _kml_coords(
            [(mid_lon, mid_lat)])
    _add_stated_positions(doc, ds, wanted)
    _xml_safe(kml)
    ET.indent(kml, space=" ")
    encoded: bytes = ET.tostring(kml, encoding="UTF-8", xml_declaration=True)
    return encoded


def _add_stated_positions(doc: ET.Element, ds: Dataset, wanted: Sequence[str]) -> None:
    """The folder of positions articles state with no named site: each the stated point
    and the sector of points its wording allows, described with the sentence that states it."""
    claims = ds.stated_positions_of(wanted)
    if not claims:
        return
    folder = ET.SubElement(doc, "Folder")
    ET.SubElement(folder, "name").text = "Positions stated in articles"
    for c in claims:
        p = c.stated_position
        assert p is not None  # stated_positions_of keeps only those
        pm = ET.SubElement(folder, "Placemark")
        ET.SubElement(pm, "name").text = p.label
        ET.SubElement(pm, "description").text = kml_description(
            f"Position stated in {source_line(ds, c.article_id)}, not a named site: "
            f"{p.description}\n“{c.sentence}”")
        ET.SubElement(pm, "styleUrl").text = "#stated"
        multi = ET.SubElement(pm, "MultiGeometry")
        ET.SubElement(ET.SubElement(multi, "Point"), "coordinates").text = _kml_coords(
            [(p.lon, p.lat)])
        ring = geodesic_sector(p.reference_lat, p.reference_lon, p.bearing_deg,
                               p.half_width_deg, p.min_km, p.max_km)
        _kml_geometry(multi, {"type": "Polygon",
                              "coordinates": [[(lon, lat) for lat, lon in ring]]})
