// CompactEvents: draws every event of a big map from the columnar packed data of
// geo.render.maplayers.pack_events (layout: see the CompactEvents docstring). Sites and distance
// lines are painted on one canvas per view, grouped by style, with no Leaflet object per site;
// hovering shows a tooltip and a click opens the event's popup, both built then from text nodes
// (never HTML). Loaded by geo/render/maplayers.py (asset_text) and included, after
// polyline_decode.js, in the script of each CompactEvents, which calls
// drillmapCompactEvents.draw(map, packed, options) or, for deflated data,
// drillmapCompactEvents.drawDeflated(map, base64, options), with options
// {labelLimit, markerLimit, reviewLabel, measureColor, flagColor}.
window.drillmapCompactEvents = window.drillmapCompactEvents || (function () {
    var RADIUS = 6, HIT_PX = 3, LINE_HIT_PX = 4, STROKE_LIMIT = 2000;

    function el(tag, cls, text) {
        var n = document.createElement(tag);
        if (cls) { n.className = cls; }
        if (text !== undefined) { n.textContent = text; }
        return n;
    }

    // Web Mercator in [0, 1] (Leaflet's EPSG:3857 before its zoom scale).
    function mercX(lon) { return (lon + 180) / 360; }
    function mercY(lat) {
        var s = Math.sin(Math.max(Math.min(lat, 85.0511287798), -85.0511287798) * Math.PI / 180);
        return 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
    }

    // A site's circle in one style at a device pixel ratio, as its pixels: offsets x, y from
    // the top left corner (half device pixels from the centre), colour r, g, b, opacity a.
    function spriteOf(st, half, ratio) {
        if (st.sprite && st.sprite.ratio === ratio) { return st.sprite; }
        var side = Math.ceil(2 * half * ratio), c = document.createElement("canvas");
        c.width = c.height = side;
        var sc = c.getContext("2d", {willReadFrequently: true});
        sc.scale(ratio, ratio);
        sc.beginPath();
        sc.arc(half, half, RADIUS, 0, 2 * Math.PI);
        sc.globalAlpha = 0.95;
        sc.fillStyle = st.fill;
        sc.fill();
        sc.globalAlpha = 1;
        sc.lineWidth = 1.5;
        sc.setLineDash(st.dash ? st.dash.split(/[ ,]+/).map(Number) : []);
        sc.strokeStyle = st.stroke;
        sc.stroke();
        var px = sc.getImageData(0, 0, side, side).data;
        var sp = {ratio: ratio, half: Math.round(half * ratio), x: [], y: [], r: [], g: [], b: [],
                  a: []};
        for (var y = 0; y < side; y++) {
            for (var x = 0; x < side; x++) {
                var o = (y * side + x) * 4;
                if (px[o + 3] === 0) { continue; }
                sp.x.push(x); sp.y.push(y);
                sp.r.push(px[o]); sp.g.push(px[o + 1]); sp.b.push(px[o + 2]);
                sp.a.push(px[o + 3] / 255);
            }
        }
        ["x", "y", "r", "g", "b"].forEach(function (k) { sp[k] = Int16Array.from(sp[k]); });
        sp.a = Float32Array.from(sp.a);
        st.sprite = sp;
        return sp;
    }

    // The sites and distance lines of the packed data as one Leaflet layer with its own canvas.
    var PackedLayer = L.Layer.extend({
        initialize: function (D, options) {
            this._D = D;
            this._o = options;
            var pts = D.points, n = pts[0].length, scale = D.scale;
            this._n = n;
            this._lat = new Float64Array(n);
            this._lon = new Float64Array(n);
            this._u = new Float64Array(n);
            this._v = new Float64Array(n);
            this._sx = new Float32Array(n);
            this._sy = new Float32Array(n);
            var styles = {}, order = [];
            this._styleOf = new Uint16Array(n);
            for (var i = 0; i < n; i++) {
                var lat = pts[1][i] / scale, lon = pts[2][i] / scale;
                this._lat[i] = lat; this._lon[i] = lon;
                this._u[i] = mercX(lon); this._v[i] = mercY(lat);
                var e = pts[0][i], key = D.ev[2][e] + "|" + D.ev[3][e] + "|" + pts[3][i];
                if (!(key in styles)) {
                    var colour = D.colours[D.ev[2][e]], announced = pts[3][i] === 1;
                    styles[key] = {stroke: announced ? colour : "#111",
                                   fill: announced ? "#ffffff" : colour,
                                   dash: D.dashes[D.ev[3][e]] || "", index: order.length};
                    order.push(key);
                }
                this._styleOf[i] = styles[key].index;
            }
            this._styles = order.map(function (k) { return styles[k]; });
            // Distance lines: ends in Mercator units, grouped by colour.
            var ms = D.m, k = ms[0].length;
            this._k = k;
            this._mu = new Float64Array(2 * k);
            this._mv = new Float64Array(2 * k);
            this._ml = new Float32Array(4 * k);  // screen ends of the last drawing
            for (var j = 0; j < k; j++) {
                var site = ms[1][j], slat, slon;
                if (site >= 0) { slat = this._lat[site]; slon = this._lon[site]; }
                else { slat = ms[2][j] / scale; slon = ms[3][j] / scale; }
                this._mu[2 * j] = mercX(slon); this._mv[2 * j] = mercY(slat);
                this._mu[2 * j + 1] = mercX(ms[5][j] / scale);
                this._mv[2 * j + 1] = mercY(ms[4][j] / scale);
            }
        },

        siteLatLng: function (i) { return L.latLng(this._lat[i], this._lon[i]); },

        onAdd: function (map) {
            this._canvas = L.DomUtil.create("canvas", "leaflet-zoom-hide drillmap-packed");
            this._canvas.style.pointerEvents = "none";
            this.getPane().appendChild(this._canvas);
            map.on("moveend zoomend resize viewreset", this._redraw, this);
            map.on("mousemove", this._hover, this);
            map.on("click", this._click, this);
            this._redraw();
        },

        onRemove: function (map) {
            map.off("moveend zoomend resize viewreset", this._redraw, this);
            map.off("mousemove", this._hover, this);
            map.off("click", this._click, this);
            L.DomUtil.remove(this._canvas);
            if (this._tip) { map.closeTooltip(this._tip); }
            map.getContainer().style.cursor = "";
        },

        _redraw: function () {
            var map = this._map;
            if (!map) { return; }
            var size = map.getSize(), ratio = window.devicePixelRatio || 1;
            var topLeft = map.containerPointToLayerPoint([0, 0]);
            var origin = topLeft.add(map.getPixelOrigin());
            var world = map.options.crs.scale(map.getZoom());
            var canvas = this._canvas;
            canvas.width = Math.round(size.x * ratio);
            canvas.height = Math.round(size.y * ratio);
            canvas.style.width = size.x + "px";
            canvas.style.height = size.y + "px";
            L.DomUtil.setPosition(canvas, topLeft);
            var ctx = canvas.getContext("2d", {willReadFrequently: true});
            ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
            ctx.clearRect(0, 0, size.x, size.y);
            var ox = origin.x, oy = origin.y, W = size.x, H = size.y, r = RADIUS + 2;
            // Lines first, under the sites: stroked on the canvas when few are in view;
            // else drawn one device pixel wide into the image data below (the browser takes
            // seconds to rasterise tens of thousands of stroked lines).
            var mu = this._mu, mv = this._mv, ml = this._ml, flags = this._D.m[8];
            var inView = [];
            for (var j = 0; j < this._k; j++) {
                var x1 = mu[2 * j] * world - ox, y1 = mv[2 * j] * world - oy;
                var x2 = mu[2 * j + 1] * world - ox, y2 = mv[2 * j + 1] * world - oy;
                ml[4 * j] = x1; ml[4 * j + 1] = y1; ml[4 * j + 2] = x2; ml[4 * j + 3] = y2;
                if (Math.max(x1, x2) < 0 || Math.min(x1, x2) > W ||
                    Math.max(y1, y2) < 0 || Math.min(y1, y2) > H) { continue; }
                inView.push(j);
            }
            var stroked = inView.length <= STROKE_LIMIT, colours = [this._o.measureColor,
                                                                     this._o.flagColor];
            if (stroked) {
                ctx.lineWidth = 1.5;
                ctx.globalAlpha = 0.8;
                [0, 1].forEach(function (flag) {
                    ctx.strokeStyle = colours[flag];
                    ctx.beginPath();
                    inView.forEach(function (j) {
                        if (flags[j] !== flag) { return; }
                        ctx.moveTo(ml[4 * j], ml[4 * j + 1]);
                        ctx.lineTo(ml[4 * j + 2], ml[4 * j + 3]);
                    });
                    ctx.stroke();
                });
                ctx.globalAlpha = 1;
            }
            var u = this._u, v = this._v, sx = this._sx, sy = this._sy;
            for (var i = 0; i < this._n; i++) {
                sx[i] = u[i] * world - ox;
                sy[i] = v[i] * world - oy;
            }
            // Sites: each style's circle is rasterised once, then its pixels are composited
            // into the canvas's image data for every site (100,000 canvas paths or images
            // would take the browser seconds to rasterise).
            var cw = canvas.width, ch = canvas.height, img = ctx.getImageData(0, 0, cw, ch);
            var data = img.data, drawn = 0, half = RADIUS + 2;
            if (!stroked) {
                var rgb = colours.map(function (c) {
                    var n = parseInt(c.slice(1), 16);
                    return [n >> 16, (n >> 8) & 255, n & 255];
                });
                // Mark each line's pixels (1 + flagged, a flagged line wins), then paint
                // every marked pixel once: the work is the lines' length, not their overlaps.
                var lineAt = new Uint8Array(cw * ch);
                inView.forEach(function (j) {
                    var mark = 1 + flags[j], x = ml[4 * j] * ratio, y = ml[4 * j + 1] * ratio;
                    var dx = ml[4 * j + 2] * ratio - x, dy = ml[4 * j + 3] * ratio - y;
                    var steps = Math.ceil(Math.max(Math.abs(dx), Math.abs(dy))) || 1;
                    dx /= steps; dy /= steps;
                    x += 0.5; y += 0.5;  // rounding by truncation below
                    for (var s = 0; s <= steps; s++, x += dx, y += dy) {
                        if (x < 0 || y < 0 || x >= cw || y >= ch) { continue; }
                        var at = (y | 0) * cw + (x | 0);
                        if (lineAt[at] < mark) { lineAt[at] = mark; }
                    }
                });
                for (var at = 0; at < lineAt.length; at++) {
                    if (!lineAt[at]) { continue; }
                    var c = rgb[lineAt[at] - 1], o = at * 4;
                    data[o] = c[0]; data[o + 1] = c[1]; data[o + 2] = c[2]; data[o + 3] = 204;
                }
            }
            var sprites = this._styles.map(function (st) { return spriteOf(st, half, ratio); });
            // Front to back (the data's last site is on top, as with markers): a pixel an
            // opaque part of a site covered is not painted again, so each is written about
            // once, however many sites overlap.
            var styleOf = this._styleOf, covered = new Uint8Array(cw * ch);
            for (var i = this._n - 1; i >= 0; i--) {
                var x = sx[i], y = sy[i];
                if (x < -r || y < -r || x > W + r || y > H + r) { continue; }
                drawn++;
                var sp = sprites[styleOf[i]], count = sp.a.length;
                var px = Math.round(x * ratio) - sp.half, py = Math.round(y * ratio) - sp.half;
                for (var k = 0; k < count; k++) {
                    var X = px + sp.x[k], Y = py + sp.y[k];
                    if (X < 0 || Y < 0 || X >= cw || Y >= ch) { continue; }
                    var at = Y * cw + X;
                    if (covered[at]) { continue; }
                    var o = at * 4, al = sp.a[k], ia = 1 - al;
                    data[o] = sp.r[k] * al + data[o] * ia;
                    data[o + 1] = sp.g[k] * al + data[o + 1] * ia;
                    data[o + 2] = sp.b[k] * al + data[o + 2] * ia;
                    data[o + 3] = 255 * al + data[o + 3] * ia;
                    if (al >= 0.9) { covered[at] = 1; }
                }
            }
            ctx.putImageData(img, 0, 0);
            this.drawnSites = drawn;
        },

        // The site under a container point (the last drawn on top), or -1.
        _siteAt: function (p) {
            var best = -1, bestD = (RADIUS + HIT_PX) * (RADIUS + HIT_PX);
            var sx = this._sx, sy = this._sy;
            for (var i = 0; i < this._n; i++) {
                var dx = sx[i] - p.x, dy = sy[i] - p.y, d = dx * dx + dy * dy;
                if (d <= bestD) { best = i; bestD = d; }
            }
            return best;
        },

        // The distance line under a container point, or -1.
        _lineAt: function (p) {
            var ml = this._ml, best = -1, bestD = LINE_HIT_PX * LINE_HIT_PX;
            for (var j = 0; j < this._k; j++) {
                var x1 = ml[4 * j], y1 = ml[4 * j + 1], x2 = ml[4 * j + 2], y2 = ml[4 * j + 3];
                if (p.x < Math.min(x1, x2) - LINE_HIT_PX || p.x > Math.max(x1, x2) + LINE_HIT_PX ||
                    p.y < Math.min(y1, y2) - LINE_HIT_PX || p.y > Math.max(y1, y2) + LINE_HIT_PX) {
                    continue;
                }
                var dx = x2 - x1, dy = y2 - y1, len = dx * dx + dy * dy;
                var t = len ? Math.max(0, Math.min(1, ((p.x - x1) * dx + (p.y - y1) * dy) / len)) : 0;
                var ex = x1 + t * dx - p.x, ey = y1 + t * dy - p.y, d = ex * ex + ey * ey;
                if (d <= bestD) { best = j; bestD = d; }
            }
            return best;
        },

        _hover: function (ev) {
            var self = this;
            self._hoverAt = ev.containerPoint;
            if (self._hoverQueued) { return; }
            self._hoverQueued = true;
            requestAnimationFrame(function () {
                self._hoverQueued = false;
                if (!self._map) { return; }
                var p = self._hoverAt, i = self._siteAt(p);
                if (i >= 0) {
                    self._showTip(self.siteLatLng(i), self.siteTooltip(i));
                    return;
                }
                var j = self._lineAt(p);
                if (j >= 0) {
                    self._showTip(self._map.containerPointToLatLng(p), self.lineTooltip(j));
                    return;
                }
                self._hideTip();
            });
        },

        _showTip: function (latlng, node) {
            if (!this._tip) { this._tip = L.tooltip({direction: "top", offset: [0, -RADIUS]}); }
            this._tip.setLatLng(latlng).setContent(node);
            this._map.openTooltip(this._tip);
            this._map.getContainer().style.cursor = "pointer";
        },

        _hideTip: function () {
            if (this._tip) { this._map.closeTooltip(this._tip); }
            this._map.getContainer().style.cursor = "";
        },

        _click: function (ev) {
            var i = this._siteAt(ev.containerPoint);
            if (i >= 0) { this.openSitePopup(i); }
        },

        siteTooltip: function (i) {
            var pts = this._D.points;
            return el("span", "", this._D.ev[1][pts[0][i]] + " \u2014 " + pts[4][i]);
        },

        lineTooltip: function (j) { return el("span", "", this._D.label(j)); },

        // Open the popup of site i's event at the site; fire "click" as a clicked marker does
        // (streamlit-folium reads the clicked popup's text from the event's source).
        openSitePopup: function (i) {
            var latlng = this.siteLatLng(i);
            this.closePopup();  // Leaflet's click handler would toggle an open popup shut
            this.bindPopup(this._D.popup(this._D.points[0][i]), {maxWidth: 420});
            this.fire("click", {latlng: latlng, sourceTarget: this});  // opens it
            return this.getPopup().getElement();
        },

        // Tests and tools: the number of sites, and their tooltips shown one by one.
        siteCount: function () { return this._n; },
        openSiteTooltip: function (i) {
            this._showTip(this.siteLatLng(i), this.siteTooltip(i));
            return this._tip.getElement();
        }
    });

    function draw(map, P, options) {
        var D = {scale: P[0], colours: P[1], dashes: P[2], sources: P[3], areas: P[4],
                 facts: P[5], tails: P[6], ev: P[7], points: P[8], m: P[9], q: P[10]};
        D.label = function (j) { return D.m[6][j] + D.tails[D.m[7][j]]; };
        function fact(f) {  // the f-th distinct fact: its label and text columns
            var label = D.facts[0][D.facts[1][f]], text = D.facts[2][f];
            if (label === options.reviewLabel) { return el("div", "machine", text); }
            var line = el("div");
            line.appendChild(el("b", "", label + ":"));
            line.appendChild(document.createTextNode(" " + text));
            return line;
        }
        var quotesOf = null;  // each event's quote rows, indexed on the first popup
        function quotes(e) {
            if (quotesOf === null) {
                quotesOf = {};
                D.q[0].forEach(function (ev, j) { (quotesOf[ev] = quotesOf[ev] || []).push(j); });
            }
            return quotesOf[e] || [];
        }
        D.popup = function (e) {
            var id = D.ev[0][e], box = el("div", "drillmap-popup");
            box.setAttribute("data-event-id", id);
            box.appendChild(el("h4", "", D.ev[1][e]));
            D.ev[4][e].forEach(function (f) { box.appendChild(fact(f)); });
            quotes(e).forEach(function (j) {
                var bq = el("blockquote", "", "\u201c" + D.q[2][j] + "\u201d");
                bq.appendChild(el("div", "src", D.sources[D.q[1][j]]));
                box.appendChild(bq);
            });
            box.appendChild(el("div", "src", "event id: " + id));
            return box;
        };
        var canvas = L.canvas({padding: 0.3}), areas = L.featureGroup();
        var shapes = D.areas.map(function (g) { return window.drillmapPolygons(g, 1000); });
        D.ev[5].forEach(function (list, e) {
            var colour = D.colours[D.ev[2][e]], dash = D.dashes[D.ev[3][e]] || null;
            list.forEach(function (s) {
                L.polygon(shapes[s[0]], {renderer: canvas, color: colour, weight: 1.5,
                    dashArray: dash, fillColor: colour, fillOpacity: 0.12})
                 .bindTooltip(el("span", "", D.ev[1][e] + " \u2014 " + s[1]))
                 .bindPopup(function () { return D.popup(e); }, {maxWidth: 420})
                 .addTo(areas);
            });
        });
        areas.addTo(map);
        var layer = new PackedLayer(D, options);
        layer.addTo(map);
        window.drillmapPackedLayers = (window.drillmapPackedLayers || []).concat([layer]);
        var nm = D.m[0].length;
        if (window.drillmapLabels && (nm <= options.labelLimit || layer.siteCount() <=
                                      options.markerLimit)) {
            var labels = [], ends = [], sitePoints = [];
            if (nm <= options.labelLimit) {  // placed by label_layout.js, verdicts first
                for (var j = 0; j < nm; j++) {
                    var flagged = D.m[8][j] === 1, site = D.m[1][j];
                    var slat = site >= 0 ? layer._lat[site] : D.m[2][j] / D.scale;
                    var slon = site >= 0 ? layer._lon[site] : D.m[3][j] / D.scale;
                    var nlat = D.m[4][j] / D.scale, nlon = D.m[5][j] / D.scale;
                    labels.push([(slat + nlat) / 2, (slon + nlon) / 2, D.label(j),
                                 (flagged ? "drillmap-label flagged" : "drillmap-label") +
                                 " drillmap-distance", flagged ? 4 : 3, 0, 3, 0, "anchor"]);
                    ends.push([nlat, nlon, 2]);
                }
            }
            if (layer.siteCount() <= options.markerLimit) {
                for (var i = 0; i < layer.siteCount(); i++) {
                    sitePoints.push([layer._lat[i], layer._lon[i], RADIUS + 1.5]);
                }
            }
            window.drillmapLabels.add(layer, labels, ends.concat(sitePoints));
        }
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
                var P = JSON.parse(t);
                draw(map, P, options);
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

    return {draw: draw, drawDeflated: drawDeflated, PackedLayer: PackedLayer};
})();
