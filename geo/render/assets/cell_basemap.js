// CellBasemap: draws the Natural Earth basemap of geo.render.maplayers.basemap_cells on a
// canvas, cell by cell, for the cells in the map's view (and more as the map is panned).
// Loaded by geo/render/maplayers.py (asset_text) and included, after polyline_decode.js, in the
// script of each CellBasemap, which calls drillmapCellBasemap(group, cells, options) with
// options {cellDeg, factor, fill, outline}.
window.drillmapCellBasemap = window.drillmapCellBasemap || function (group, cells, options) {
    var drawn = {};
    var S = options.cellDeg, F = options.factor;
    var renderer = L.canvas({padding: 0.5});
    // A stroke in the fill colour covers the hairline seams between cells.
    var fill = {renderer: renderer, interactive: false, color: options.fill,
                weight: 1, fillColor: options.fill, fillOpacity: 1};
    var line = {renderer: renderer, interactive: false,
                color: options.outline, weight: 0.8};
    function ring(r, lines) {
        var cuts = typeof r === "string" ? [] : r[1];
        var pts = window.drillmapDecode(typeof r === "string" ? r : r[0], F);
        var run = [pts[0]];
        for (var i = 0; i + 1 < pts.length; i++) {
            if (cuts.indexOf(i) >= 0) {
                if (run.length > 1) { lines.push(run); }
                run = [pts[i + 1]];
            } else {
                run.push(pts[i + 1]);
            }
        }
        if (run.length > 1) { lines.push(run); }
        return pts;
    }
    function draw() {
        var map = group._map;
        if (!map) { return; }
        var view = map.getBounds().pad(0.5), added = false;
        for (var i = 0; i < cells.length; i++) {
            var c = cells[i], fills = [], lines = [];
            if (drawn[i] || !view.intersects([[c[1] * S, c[0] * S],
                                              [(c[1] + 1) * S, (c[0] + 1) * S]])) {
                continue;
            }
            drawn[i] = added = true;
            for (var k = 0; k < c[2].length; k++) {
                fills.push(c[2][k].map(function (r) { return ring(r, lines); }));
            }
            // One layer per cell: a canvas path with thousands of rings closes slowly.
            if (fills.length) { L.polygon(fills, fill).addTo(group); }
            if (lines.length) { L.polyline(lines, line).addTo(group); }
        }
        if (!added) { return; }
        group.eachLayer(function (l) { if (l instanceof L.Polyline &&
            !(l instanceof L.Polygon)) { l.bringToFront(); } });
    }
    var listening = false;
    group.on("add", function () {
        // After the rest of the page's script (layers, fitBounds) has run.
        Promise.resolve().then(draw);
        if (!listening) { group._map.on("moveend", draw); listening = true; }
    });
};
