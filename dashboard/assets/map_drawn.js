// MapDrawnReport (dashboard/mapview.py): once the map is drawn (window.drillmapReady, set by
// geo/render/assets/ready_signal.js after the labels are laid out), send a value from the map's
// component to the app, once per map frame. Streamlit reruns the page on it, and the page's
// first run in a session leaves the timeline out until that rerun (dashboard/mappage.py): the
// browser draws the map before it loads and lays out the chart, instead of doing both at once.
// The message is the one streamlit-component-lib's Streamlit.setComponentValue posts.
(function () {
    if (window.parent === window || window.drillmapDrawnReported) {
        return;
    }
    window.drillmapDrawnReported = true;
    function report() {
        if (!window.drillmapReady && !window.drillmapError) {
            requestAnimationFrame(report);
            return;
        }
        window.parent.postMessage({
            isStreamlitMessage: true,
            type: "streamlit:setComponentValue",
            value: {last_object_clicked_popup: null, drillmap_drawn: true},
            dataType: "json"
        }, "*");
    }
    requestAnimationFrame(report);
})();
