// _HtmlControl: a Leaflet control holding fixed HTML (legend, title, source line). Loaded by
// geo/render/maps.py (via maplayers.asset_text) and included in the script of each
// _HtmlControl, which calls drillmapHtmlControl(map, position, cssClass, html) with HTML that
// is escaped already.
window.drillmapHtmlControl = window.drillmapHtmlControl || function (map, position, cssClass,
                                                                     html) {
    var ctl = L.control({position: position});
    ctl.onAdd = function () {
        var div = L.DomUtil.create('div', cssClass);
        div.innerHTML = html;
        L.DomEvent.disableClickPropagation(div);
        return div;
    };
    ctl.addTo(map);
};
