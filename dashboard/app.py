"""drillmap dashboard: exercises on a map with distances to borders, tables and sources.

Run with ``python -m geo app`` (or ``bash scripts/run-app.sh``), which passes every server
setting (localhost only, XSRF on, the upload limit) on Streamlit's command line whatever the
working directory; ``streamlit run dashboard/app.py`` works too, from the checkout's root
(where ``.streamlit/config.toml`` is). A thin shell over :mod:`geo`: the data comes from
the drillmap database (:mod:`appdata`, :func:`geo.store.reading.dataset_from_store`), the filter
from :mod:`geo.analysis.filters`, the map from :func:`geo.render.maps.build_map` (the builder
every export uses) and the detail from :mod:`geo.render.views`. Two pages: the map
(:mod:`mappage`) and *Add article* (``add_article.py``: paste or upload articles, review what
the machine found).

``DRILLMAP_DB`` names the database; ``DRILLMAP_SEEDS_DIR`` and ``DRILLMAP_DATA_DIR`` name the
article and curated-data folders a new database is filled from (default: the bundled
``seeds/`` and ``data/``). The filters, the selected event and the range rings live in the URL,
so a view can be shared as a link.

Start-up: ``streamlit run`` first imports this file as a module, finds ``app`` (an ``st.App``,
Streamlit's ASGI application) and serves it. Its lifespan starts :mod:`warmup`, which, in a
background thread while the browser loads Streamlit's frontend, imports the libraries, opens
(on first use fills) the database and renders the default map, so the first page load finds
them ready. Every page load and rerun then runs this file as the script (``__main__``): it
shows the pages. The import that finds ``app`` stays light: the pages' libraries are imported
only by the script run or by :mod:`warmup`. With a Streamlit that has no ``st.App`` the file
runs as a plain script, without the warm-up.
"""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

# ``streamlit run`` puts this folder on sys.path for the pages' shared modules; AppTest does not.
if str(Path(__file__).resolve().parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parent))

import warmup  # noqa: E402  (the standard library only)

if __name__ == "__main__":  # a page load or rerun (also AppTest)
    import mappage  # noqa: E402  (folium, pandas, geo: kept out of the start-up import)

    mappage.main()
else:  # ``streamlit run`` imports this file to find the application it serves
    app = st.App(__file__, lifespan=warmup.lifespan)
