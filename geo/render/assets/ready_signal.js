// ReadySignal: marks the page ready once the map is drawn (window.drillmapReady and the
// data-ready attributes), after the promises in window.drillmapPending, the web fonts, the
// label layout (label_layout.js, when the page has labels) and two animation frames. Loaded
// by geo/render/maplayers.py (asset_text) and included in the script of ReadySignal, which
// calls drillmapReadySignal(map).
window.drillmapReadySignal = window.drillmapReadySignal || function (map) {
    function mark() {
        window.drillmapReady = true;
        map.getContainer().setAttribute("data-ready", "true");
        document.documentElement.setAttribute("data-drillmap-ready", "true");
    }
    function labelsThenMark() {
        requestAnimationFrame(function () {
            try {
                if (window.drillmapLabels) { window.drillmapLabels.layout(map); }
            } catch (err) {
                window.drillmapError = "placing the map's labels failed: " + String(err);
            }
            requestAnimationFrame(mark);
        });
    }
    map.whenReady(function () {
        // Layers that unpack their data asynchronously register a promise here.
        var pending = Promise.all(window.drillmapPending || []);
        var fonts = document.fonts && document.fonts.ready;
        pending.then(function () { return fonts; }).then(labelsThenMark, labelsThenMark);
    });
};
