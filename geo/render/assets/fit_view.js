// FitView: frames a map on bounds without animation, keeping margins that are fractions of
// the map's size (the boxes and labels along the edges take a share of any map, not a fixed
// number of pixels: a slide's small map would otherwise have no room left). Loaded by
// geo/render/maplayers.py (asset_text) and included in the script of FitView, which calls
// drillmapFitView(map, bounds, [top, right, bottom, left] fractions, minPaddingPx).
window.drillmapFitView = window.drillmapFitView || function (map, bounds, margins, minPx) {
    var size = map.getSize();
    function px(fraction, total) { return Math.max(minPx, Math.round(fraction * total)); }
    map.fitBounds(bounds, {
        animate: false,
        paddingTopLeft: [px(margins[3], size.x), px(margins[0], size.y)],
        paddingBottomRight: [px(margins[1], size.x), px(margins[2], size.y)]
    });
};
