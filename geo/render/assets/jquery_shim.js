// jQuery shim: folium's popups call jQuery's `$(html)[0]` only to parse HTML; Leaflet alone
// suffices. Loaded by geo/render/maps.py (via maplayers.asset_text): build_map puts it in the
// page header, use_data_urls also as a data: URL script (for streamlit-folium).
window.$ = window.$ || function (markup) {
  var t = document.createElement("template"); t.innerHTML = String(markup).trim();
  return [t.content.firstElementChild];
};
