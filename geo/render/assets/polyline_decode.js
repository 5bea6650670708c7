// Decoder for geo.render.maplayers.encode_ring (Google's encoded polyline algorithm, lat/lon
// order) and for lists of encoded polygons. Loaded by geo/render/maplayers.py (asset_text) and
// included in the scripts of CellBasemap and CompactEvents.
window.drillmapDecode = window.drillmapDecode || function (str, factor) {
  var out = [], i = 0, lat = 0, lon = 0;
  while (i < str.length) {
    var b, shift = 0, result = 0;
    do { b = str.charCodeAt(i++) - 63; result |= (b & 31) << shift; shift += 5; } while (b >= 32);
    lat += (result & 1) ? ~(result >> 1) : (result >> 1);
    shift = 0; result = 0;
    do { b = str.charCodeAt(i++) - 63; result |= (b & 31) << shift; shift += 5; } while (b >= 32);
    lon += (result & 1) ? ~(result >> 1) : (result >> 1);
    out.push([lat / factor, lon / factor]);
  }
  return out;
};
window.drillmapPolygons = window.drillmapPolygons || function (polys, factor) {
  return polys.map(function (rings) {
    return rings.map(function (r) { return window.drillmapDecode(r, factor); });
  });
};
