// CompactEvents: draws every event of a big map in one canvas layer from the packed data of
// geo.render.maplayers.pack_events (layout: see the CompactEvents docstring). Loaded by
// geo/render/maplayers.py (asset_text) and included, after polyline_decode.js, in the script of
// each CompactEvents, which calls drillmapCompactEvents.draw(map, packed, options) or, for
// deflated data, drillmapCompactEvents.drawDeflated(map, base64, options), with options
// {labelLimit, reviewLabel, measureColor, flagColor}.
window.drillmapCompactEvents = window.drillmapCompactEvents || (function () {
    function draw(map, P, options) {
        var D = {c: P[0], d: P[1], a: P[2], g: P[3], e: P[4], m: P[5], f: P[6], tail: P[7]};
        var canvas = L.canvas({padding: 0.3});
        var sites = L.featureGroup(), lines = L.featureGroup();
        function el(tag, cls, text) {
            var n = document.createElement(tag);
            if (cls) { n.className = cls; }
            if (text !== undefined) { n.textContent = text; }
            return n;
        }
        function label(m) { return m[4] + D.tail[m[5]]; }
        function fact(f) {
            if (f[0] === options.reviewLabel) { return el("div", "machine", f[1]); }
            var line = el("div");
            line.appendChild(el("b", "", f[0] + ":"));
            line.appendChild(document.createTextNode(" " + f[1]));
            return line;
        }
        function popup(i) {
            return function () {
                var e = D.e[i], box = el("div", "drillmap-popup");
                box.setAttribute("data-event-id", e[0]);
                box.appendChild(el("h4", "", e[1]));
                e[4].forEach(function (f) { box.appendChild(fact(D.f[f])); });
                e[5].forEach(function (q) {
                    var bq = el("blockquote", "", "\u201c" + q[1] + "\u201d");
                    bq.appendChild(el("div", "src", D.a[q[0]]));
                    box.appendChild(bq);
                });
                box.appendChild(el("div", "src", "event id: " + e[0]));
                return box;
            };
        }
        var areas = D.g.map(function (g) { return window.drillmapPolygons(g, 1000); });
        D.e.forEach(function (e, i) {
            var colour = D.c[e[2]], dash = D.d[e[3]] || null;
            e[7].forEach(function (s) {
                L.polygon(areas[s[0]], {renderer: canvas, color: colour, weight: 1.5,
                    dashArray: dash, fillColor: colour, fillOpacity: 0.12})
                 .bindTooltip(el("span", "", e[1] + " \u2014 " + s[1]))
                 .bindPopup(popup(i), {maxWidth: 420})
                 .addTo(sites);
            });
            e[6].forEach(function (p) {
                var announced = p[2] === 1;
                L.circleMarker([p[0], p[1]], {renderer: canvas, radius: 6,
                    color: announced ? colour : "#111", weight: 1.5, dashArray: dash,
                    fillColor: announced ? "#ffffff" : colour, fillOpacity: 0.95})
                 .bindTooltip(el("span", "", e[1] + " \u2014 " + p[3]))
                 .bindPopup(popup(i), {maxWidth: 420})
                 .addTo(sites);
            });
        });
        var permanent = D.m.length <= options.labelLimit, labels = [], ends = [];
        D.m.forEach(function (m) {
            var colour = m[6] ? options.flagColor : options.measureColor;
            var site = typeof m[1] === "number" ? D.e[m[0]][6][m[1]] : m[1];
            var text = label(m);
            var line = L.polyline([[site[0], site[1]], [m[2], m[3]]],
                {renderer: canvas, color: colour, weight: 1.5, opacity: 0.8});
            if (permanent) {  // placed by label_layout.js, verdicts first
                labels.push([(site[0] + m[2]) / 2, (site[1] + m[3]) / 2, text,
                             (m[6] ? "drillmap-label flagged" : "drillmap-label") +
                             " drillmap-distance", m[6] ? 4 : 3, 0, 3, 0, "anchor"]);
                ends.push([m[2], m[3], 2]);
            } else {
                line.bindTooltip(el("span", "", text));  // a node: text, never HTML
            }
            line.addTo(lines);
        });
        if (window.drillmapLabels) {
            var sitePoints = [];
            D.e.forEach(function (e) {
                e[6].forEach(function (p) { sitePoints.push([p[0], p[1], 7.5]); });
            });
            window.drillmapLabels.add(lines, labels, ends.concat(sitePoints));
        }
        lines.addTo(map);
        sites.addTo(map);
    }

    // Unpack base64 deflated JSON with the standard DecompressionStream, then draw it; the
    // page's readiness signal waits for it (window.drillmapPending). A failure is shown on the
    // map and kept in window.drillmapError.
    function drawDeflated(map, data, options) {
        var pending = (function () {
            if (!window.DecompressionStream) {
                return Promise.reject(new Error("this browser cannot unpack the event " +
                    "data (DecompressionStream is missing)"));
            }
            var bin = atob(data), bytes = new Uint8Array(bin.length);
            for (var i = 0; i < bin.length; i++) { bytes[i] = bin.charCodeAt(i); }
            var stream = new Blob([bytes]).stream()
                .pipeThrough(new DecompressionStream("deflate"));
            return new Response(stream).text().then(function (t) {
                draw(map, JSON.parse(t), options);
            });
        })().catch(function (err) {
            window.drillmapError = String(err);
            var box = L.control({position: "topleft"});
            box.onAdd = function () {
                var d = L.DomUtil.create("div", "drillmap-box");
                d.textContent = "Events not shown: " + String(err);
                return d;
            };
            box.addTo(map);
        });
        (window.drillmapPending = window.drillmapPending || []).push(pending);
    }

    return {draw: draw, drawDeflated: drawDeflated};
})();
