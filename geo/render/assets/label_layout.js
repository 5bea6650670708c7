// LabelLayout: places every map label (claim verdicts, distances, event names, range rings and
// the basemap's place names) so that no label overlaps another label, a marker or a map box
// (title, legend, source line, scale, layer list) and none is cut by the map's edge.
//
// Labels are registered with drillmapLabels.add(group, items, markers) by the LabelLayer and
// PlaceLabels elements of geo/render/maplayers.py (and by compact_events.js); a label counts
// while its group is on the map. The layout is greedy by priority (claim verdicts 4 >
// distances 3 > event names 2 > place names 1; then by rank, e.g. population): each label
// tries positions around its anchor (right, left, above, below, the diagonals), then the same
// directions further out with a leader line back to the anchor (not place names), and one
// wrapped form of a long label; a label with no free position is dropped, so lower priorities
// give way first. It runs before the page signals ready (ready_signal.js) and after every
// move or zoom. drillmapLabels.describe(map) returns the placed boxes for the slide export;
// drillmapLabels.reset() forgets every label (before a page draws its next map).
//
// Item: [lat, lon, text, cssClass, priority, rank, anchorRadiusPx, minZoom, kind, others]
// where others (optional) lists more [lat, lon] anchors, tried in turn.
// Marker: [lat, lon, radiusPx]
window.drillmapLabels = window.drillmapLabels || (function () {
    var groups = [];  // {group, items, markers}
    var generation = 0;  // counts reset(): a layout queued before one is dropped
    var PAD = 3;       // free pixels kept between boxes and inside the frame
    var LEADER_STEPS = [22, 44, 72, 104, 140, 180];
    var MAX_PLACES = 500;

    function add(group, items, markers) {
        groups.push({group: group, items: items || [], markers: markers || []});
        var map = group._map || (group instanceof L.Map ? group : null);
        if (map && map._drillmapLaidOut) { schedule(map); }
        if (group.on && !(group instanceof L.Map)) {
            group.on("add", function () { if (group._map) { schedule(group._map); } });
        }
    }

    // The basemap's place names: rows [lat, lon, name, kind, rank, minZoom, otherAnchors] of
    // geo.render.maplayers.place_labels, and local = [cities, [[name, anchors], ...]] of
    // local_place_labels (anchors inside the framed box, tried first).
    function places(group, data, local, priority) {
        var more = new Map(local[1]);
        add(group, data.concat(local[0]).map(function (r) {
            var city = r[3] === "city" || r[3] === "capital";
            return [r[0], r[1], r[2], "drillmap-place " + r[3], priority, r[4],
                    city ? 3.5 : 0, r[5], city ? "city" : "area",
                    (more.get(r[2]) || []).concat(r[6])];
        }), []);
    }

    function active(entry, map) {
        return entry.group === map || (entry.group._map === map) ||
            (map.hasLayer && map.hasLayer(entry.group));
    }

    function pane(map) {
        var p = map.getPane("drillmap-labels");
        if (!p) {
            p = map.createPane("drillmap-labels");
            p.style.zIndex = 640;
            p.style.pointerEvents = "none";
            map.on("zoomstart", function () { p.style.visibility = "hidden"; });
            map.on("moveend zoomend resize overlayadd overlayremove", function () {
                schedule(map);
            });
        }
        return p;
    }

    function schedule(map) {
        if (map._drillmapLayoutQueued) { return; }
        map._drillmapLayoutQueued = true;
        var queuedIn = generation;
        requestAnimationFrame(function () {
            map._drillmapLayoutQueued = false;
            if (queuedIn === generation) { layout(map); }
        });
    }

    function rectOf(el, origin) {
        var r = el.getBoundingClientRect();
        return {x: r.left - origin.left, y: r.top - origin.top, w: r.width, h: r.height};
    }

    function hits(a, b, pad) {
        return a.x < b.x + b.w + pad && b.x < a.x + a.w + pad &&
               a.y < b.y + b.h + pad && b.y < a.y + a.h + pad;
    }

    function segmentHitsRect(x1, y1, x2, y2, r) {
        // Liang-Barsky clipping of the segment against the rectangle.
        var t0 = 0, t1 = 1, dx = x2 - x1, dy = y2 - y1;
        var p = [-dx, dx, -dy, dy], q = [x1 - r.x, r.x + r.w - x1, y1 - r.y, r.y + r.h - y1];
        for (var i = 0; i < 4; i++) {
            if (p[i] === 0) { if (q[i] < 0) { return false; } continue; }
            var t = q[i] / p[i];
            if (p[i] < 0) { if (t > t1) { return false; } if (t > t0) { t0 = t; } }
            else { if (t < t0) { return false; } if (t < t1) { t1 = t; } }
        }
        return t0 < t1;
    }

    function candidates(a, w, h, r, kind) {
        var out = [], g = r + 4;
        if (kind === "area") {  // country and sea names: centred, nudged a little
            [[0, 0], [0, -h], [0, h], [-w / 3, 0], [w / 3, 0], [0, -2 * h], [0, 2 * h]]
                .forEach(function (s) {
                    out.push({x: a.x - w / 2 + s[0], y: a.y - h / 2 + s[1], leader: false});
                });
            return out;
        }
        // A box beside the anchor in direction angle, gap pixels away, the corner (or side)
        // facing the anchor at that point.
        function side(v) { return v < -0.01 ? 1 : v > 0.01 ? 0 : 0.5; }
        function at(angle, gap, leader) {
            var c = Math.cos(angle), sn = Math.sin(angle);
            out.push({x: a.x + gap * c - w * side(c), y: a.y + gap * sn - h * side(sn),
                      leader: leader});
        }
        // Right, left, the diagonals, above, below; then 16 directions further out.
        [0, 180, -45, 45, -135, 135, -90, 90].forEach(function (deg) {
            at(deg * Math.PI / 180, g, false);
        });
        if (kind === "anchor") {
            LEADER_STEPS.forEach(function (step) {
                for (var k = 0; k < 16; k++) { at(k * Math.PI / 8, g + step, true); }
            });
        }
        return out;
    }

    function nearestOnRect(px, py, r) {
        return [Math.max(r.x, Math.min(px, r.x + r.w)), Math.max(r.y, Math.min(py, r.y + r.h))];
    }

    function makeLeader(p, map, a, box) {
        var end = nearestOnRect(a.x, a.y, box);
        var x0 = Math.min(a.x, end[0]) - 1, y0 = Math.min(a.y, end[1]) - 1;
        var w = Math.abs(a.x - end[0]) + 2, h = Math.abs(a.y - end[1]) + 2;
        var ns = "http://www.w3.org/2000/svg";
        var svg = document.createElementNS(ns, "svg");
        svg.setAttribute("class", "drillmap-leader");
        svg.setAttribute("width", w);
        svg.setAttribute("height", h);
        var line = document.createElementNS(ns, "line");
        line.setAttribute("x1", a.x - x0);
        line.setAttribute("y1", a.y - y0);
        line.setAttribute("x2", end[0] - x0);
        line.setAttribute("y2", end[1] - y0);
        svg.appendChild(line);
        svg.style.position = "absolute";
        L.DomUtil.setPosition(svg, map.containerPointToLayerPoint([x0, y0]));
        p.appendChild(svg);
    }

    function layout(map) {
        var p = pane(map);
        var container = map.getContainer();
        var origin = container.getBoundingClientRect();
        var size = map.getSize(), zoom = map.getZoom();
        var frame = {x: PAD, y: PAD, w: size.x - 2 * PAD, h: size.y - 2 * PAD};
        var view = map.getBounds().pad(0.1);
        p.innerHTML = "";
        p.style.visibility = "";
        var taken = [];
        container.querySelectorAll(".leaflet-control").forEach(function (el) {
            var r = rectOf(el, origin);
            r.control = true;  // a leader line may pass under a map box (drawn above it)
            if (r.w > 0 && r.h > 0) { taken.push(r); }
        });
        var items = [], places = [];
        groups.forEach(function (entry) {
            if (!active(entry, map)) { return; }
            entry.markers.forEach(function (m) {
                if (!view.contains([m[0], m[1]])) { return; }
                var c = map.latLngToContainerPoint([m[0], m[1]]), rr = m[2] + 1;
                taken.push({x: c.x - rr, y: c.y - rr, w: 2 * rr, h: 2 * rr});
            });
            entry.items.forEach(function (it) {
                if (it[7] > zoom) { return; }
                var anchors = [[it[0], it[1]]].concat(it[9] || []).filter(function (a) {
                    return view.contains(a);
                });
                if (!anchors.length) { return; }
                (it[4] > 1 ? items : places).push([it, anchors]);
            });
        });
        function order(a, b) { return (b[0][4] - a[0][4]) || (b[0][5] - a[0][5]); }
        places.sort(order);
        items = items.sort(order).concat(places.slice(0, MAX_PLACES));
        // Create every label first and measure them in one pass (one browser layout).
        var els = items.map(function (entry) {
            var it = entry[0];
            var el = L.DomUtil.create("div", "drillmap-placed " + it[3], p);
            el.textContent = it[2];
            el.style.position = "absolute";
            el.style.visibility = "hidden";
            el.setAttribute("data-priority", it[4]);
            return el;
        });
        var sizes = els.map(function (el) { return [el.offsetWidth, el.offsetHeight]; });
        var placed = [], leaders = [];
        items.forEach(function (entry, i) {
            var it = entry[0], el = els[i], kind = it[8], dot = null, a = null, spot = null;
            var w = sizes[i][0], h = sizes[i][1];
            for (var k = 0; k < entry[1].length && !spot; k++) {
                a = map.latLngToContainerPoint(entry[1][k]);
                var r = it[6];
                if (kind === "city") {
                    dot = {x: a.x - 3, y: a.y - 3, w: 6, h: 6};
                    if (!fits(dot, true)) {  // a marker on the city: name it beside that
                        dot = null;
                        r = 14;
                    }
                }
                spot = choose(a, w, h, r, kind);
            }
            if (!spot && it[4] > 1 && w > 240) {  // a long label: try it wrapped
                el.classList.add("wrapped");
                w = el.offsetWidth; h = el.offsetHeight;
                spot = choose(a, w, h, it[6], kind);
            }
            if (!spot) { el.remove(); return; }
            var box = {x: spot.x, y: spot.y, w: w, h: h};
            taken.push(box);
            if (dot) {
                taken.push(dot);
                var d = L.DomUtil.create("div", "drillmap-city-dot " + it[3], p);
                L.DomUtil.setPosition(d, map.containerPointToLayerPoint([a.x - 3, a.y - 3]));
            }
            if (spot.leader) {
                leaders.push([a.x, a.y].concat(nearestOnRect(a.x, a.y, box)));
                makeLeader(p, map, a, box);
            }
            L.DomUtil.setPosition(el, map.containerPointToLayerPoint([spot.x, spot.y]));
            el.style.visibility = "";
            if (spot.leader) { el.classList.add("moved"); }
            placed.push(el);
        });

        function fits(box, ignoreLeaders) {
            if (box.x < frame.x || box.y < frame.y || box.x + box.w > frame.x + frame.w ||
                box.y + box.h > frame.y + frame.h) { return false; }
            for (var k = 0; k < taken.length; k++) {
                if (hits(box, taken[k], PAD)) { return false; }
            }
            if (!ignoreLeaders) {
                for (var j = 0; j < leaders.length; j++) {
                    var s = leaders[j];
                    if (segmentHitsRect(s[0], s[1], s[2], s[3], box)) { return false; }
                }
            }
            return true;
        }

        function choose(a, w, h, r, kind) {
            var list = candidates(a, w, h, r, kind);
            for (var c = 0; c < list.length; c++) {
                var s = list[c], box = {x: s.x, y: s.y, w: w, h: h};
                if (!fits(box, false)) { continue; }
                if (s.leader) {  // the leader must cross no label already placed
                    var e = nearestOnRect(a.x, a.y, box), crossed = false;
                    for (var k = 0; k < taken.length && !crossed; k++) {
                        crossed = !taken[k].control && segmentHitsRect(a.x, a.y, e[0], e[1], taken[k]) &&
                            !(a.x >= taken[k].x && a.x <= taken[k].x + taken[k].w &&
                              a.y >= taken[k].y && a.y <= taken[k].y + taken[k].h);
                    }
                    if (crossed) { continue; }
                }
                return s;
            }
            return null;
        }

        map._drillmapLaidOut = true;
        container.setAttribute("data-labels-placed", String(placed.length));
        return placed.length;
    }

    function layoutAll(map) { pane(map); return layout(map); }

    // Forget every registered label (the PNG renderer's page swaps one map for the next).
    function reset() { groups.length = 0; generation += 1; }

    // The placed labels and the map's boxes, in CSS pixels from the map's top left corner,
    // with their text and style: the slide export turns them into PowerPoint text boxes.
    function describe(map) {
        var container = map.getContainer(), origin = container.getBoundingClientRect();
        function style(el) {
            var cs = getComputedStyle(el);
            return {fontPx: parseFloat(cs.fontSize), color: cs.color, bold:
                    parseInt(cs.fontWeight, 10) >= 600, italic: cs.fontStyle === "italic",
                    background: cs.backgroundColor, border: cs.borderTopColor,
                    borderWidth: parseFloat(cs.borderTopWidth)};
        }
        var labels = [];
        container.querySelectorAll(".drillmap-placed").forEach(function (el) {
            var b = rectOf(el, origin), s = style(el);
            s.x = b.x; s.y = b.y; s.w = b.w; s.h = b.h;
            s.text = el.textContent;
            s.priority = parseFloat(el.getAttribute("data-priority"));
            s.className = el.className;
            labels.push(s);
        });
        // A box's text as paragraphs of runs: a <br> or a <div> starts a paragraph; a
        // paragraph's swatch (legend symbol) and its box come along.
        function paragraphs(box) {
            var paras = [], current = null;
            function start(el) {
                current = {runs: [], swatch: null, y: 0, h: 0};
                if (el) {
                    var r = rectOf(el, origin);
                    current.y = r.y; current.h = r.h;
                }
                paras.push(current);
            }
            function walk(node, el) {
                if (node.nodeType === 3) {
                    var text = node.textContent.replace(/\s+/g, " ");
                    if (!text.trim()) { return; }
                    if (!current) { start(null); }
                    var s = style(el);
                    current.runs.push({text: text, bold: s.bold, italic: s.italic,
                                       fontPx: s.fontPx, color: s.color});
                    return;
                }
                if (node.nodeType !== 1) { return; }
                if (node.tagName === "BR") { start(null); return; }
                if (node.classList.contains("sw") || node.classList.contains("ln")) {
                    var ss = getComputedStyle(node), sb = rectOf(node, origin);
                    if (!current) { start(null); }
                    current.swatch = {x: sb.x, y: sb.y, w: sb.w, h: sb.h,
                        kind: node.classList.contains("sw") ? "dot" : "line",
                        fill: ss.backgroundColor, line: ss.borderTopColor,
                        lineStyle: ss.borderTopStyle, lineWidth: parseFloat(ss.borderTopWidth),
                        opacity: parseFloat(ss.opacity)};
                    return;
                }
                if (node.tagName === "DIV") { start(node); }
                node.childNodes.forEach(function (child) { walk(child, node); });
                if (node.tagName === "DIV") { current = null; }
            }
            box.childNodes.forEach(function (child) { walk(child, box); });
            return paras.filter(function (p) { return p.runs.length; });
        }
        var boxes = [];
        container.querySelectorAll(".drillmap-box").forEach(function (el) {
            var b = rectOf(el, origin), s = style(el), cs = getComputedStyle(el);
            s.x = b.x; s.y = b.y; s.w = b.w; s.h = b.h;
            s.className = el.className;
            s.padding = [parseFloat(cs.paddingTop), parseFloat(cs.paddingRight),
                         parseFloat(cs.paddingBottom), parseFloat(cs.paddingLeft)];
            s.lineHeightPx = parseFloat(cs.lineHeight) || s.fontPx * 1.35;
            s.paragraphs = paragraphs(el);
            boxes.push(s);
        });
        return {width: container.clientWidth, height: container.clientHeight, labels: labels,
                boxes: boxes};
    }

    return {add: add, places: places, layout: layoutAll, describe: describe, reset: reset};
})();
