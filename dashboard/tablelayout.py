"""Column widths for the app's tables, so every column shows at 1280-1600 px.

The tables span the page's width (916 px of it at a 1280 px window with the sidebar open and
the page's side padding narrowed by :data:`PAGE_CSS`). Each column gets a width in pixels that
fits its usual content; long text wraps in rows of three lines (Streamlit wraps cell text when
a row is taller than 4 rem), and the columns stretch to fill a wider window. Every table's
columns add up to at most :data:`TABLE_MIN_WIDTH_PX`: ``tests/test_app_layout.py`` checks the
widths in AppTest, ``tests/test_browser_app.py`` that nothing scrolls sideways in Chromium.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import streamlit as st

__all__ = ["PAGE_CSS", "ROW_HEIGHT_PX", "TABLE_MIN_WIDTH_PX", "column_config",
           "table_width_px"]

#: Width every table's columns add up to at most: the page's content at a 1280 px window with
#: the sidebar open and the side padding narrowed to 2 rem (:data:`PAGE_CSS`) is 916 px.
TABLE_MIN_WIDTH_PX = 900

#: Row height that lets Streamlit wrap cell text (it wraps above 4 rem = 64 px): three lines.
ROW_HEIGHT_PX = 66

#: The main column's side padding narrowed from 5 to 2 rem: 96 px more for the tables at 1280.
PAGE_CSS = ("<style>[data-testid='stMainBlockContainer']{padding-left:2rem;"
            "padding-right:2rem}</style>")

#: Column name -> width in pixels (columns not named here get :data:`_DEFAULT_PX`).
_WIDTHS_PX: dict[str, int] = {
    # events table
    "name": 132, "dates": 92, "type": 60, "category": 72, "status": 84, "participants": 90,
    "places": 110, "force": 94, "nearest_borders": 100, "sources": 56, "review": 60,
    # distance claims table
    "article_id": 52, "events": 100, "claim": 120, "subject_place": 84, "reference": 76,
    "stated_km": 66, "computed_km": 76, "difference_km": 76, "tolerance_km": 70,
    "verdict": 70, "explanation": 110,
    # how each place was resolved (event detail)
    "place (as written)": 96, "role": 48, "article": 52, "resolved to": 96, "kind": 70,
    "country": 60, "lat": 62, "lon": 64, "precision (km)": 66, "source": 78, "note": 96,
    "why (context)": 56, "other candidates": 56,
}
_DEFAULT_PX = 80


def column_config(columns: Iterable[str]) -> dict[str, Any]:
    """``st.dataframe``'s ``column_config``: a titled, sized text or number column per name."""
    config: dict[str, Any] = {}
    for name in columns:
        label = name.replace("_", " ")
        width = _WIDTHS_PX.get(name, _DEFAULT_PX)
        config[name] = st.column_config.Column(label, width=width)
    return config


def table_width_px(columns: Iterable[str]) -> int:
    """The width a table's columns add up to (before they stretch to the page)."""
    return sum(_WIDTHS_PX.get(c, _DEFAULT_PX) for c in columns)
