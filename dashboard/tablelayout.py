"""Column widths for the app's tables, so every column shows at 1280-1600 px.

The tables span the page's width (about 870 px of it at a 1280 px window with the sidebar
open). Each column gets a width in pixels that fits its usual content; long text wraps in
rows of three lines (Streamlit wraps cell text when a row is taller than 4 rem), and the
columns stretch to fill a wider window. :data:`TABLE_MIN_WIDTH_PX` is the width every table's
columns add up to at most; ``tests/test_app_layout.py`` checks it in AppTest and in Chromium.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import streamlit as st

__all__ = ["ROW_HEIGHT_PX", "TABLE_MIN_WIDTH_PX", "column_config", "table_width_px"]

#: Width of the narrowest page the app is laid out for (1280 px window, sidebar open).
TABLE_MIN_WIDTH_PX = 860

#: Row height that lets Streamlit wrap cell text (it wraps above 4 rem = 64 px): three lines.
ROW_HEIGHT_PX = 66

#: Column name -> width in pixels (columns not named here get :data:`_DEFAULT_PX`).
_WIDTHS_PX: dict[str, int] = {
    # events table
    "name": 140, "dates": 90, "type": 56, "category": 66, "status": 66, "participants": 70,
    "places": 100, "force": 90, "nearest_borders": 80, "sources": 52, "review": 50,
    # distance claims table
    "article_id": 58, "events": 100, "claim": 120, "subject_place": 84, "reference": 76,
    "stated_km": 56, "computed_km": 64, "difference_km": 64, "tolerance_km": 60,
    "verdict": 64, "explanation": 114,
    # how each place was resolved (event detail)
    "place (as written)": 90, "role": 46, "article": 50, "resolved to": 90, "kind": 56,
    "country": 52, "lat": 56, "lon": 62, "precision (km)": 64, "source": 76, "note": 82,
    "why (context)": 58, "other candidates": 78,
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
