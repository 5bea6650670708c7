"""The dataset as pandas tables: the app's events and claims tables and the CSV exports.

Kept apart from :mod:`geo.model.dataset` (which builds the plain rows) and from
:mod:`geo.render.views` so that reading a dataset and drawing the app's first map never
import pandas (about 0.3 s of CPU at a cold start): only the tables and exports do.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from geo.model.dataset import Dataset
from geo.model.measurement import SiteMeasurement

__all__ = ["CLAIM_TABLE_COLUMNS", "articles_frame", "claims_frame", "events_frame",
           "events_table", "measurements_frame", "places_frame", "select_rows"]

#: The claims table's columns, in order (also those of an empty table).
CLAIM_TABLE_COLUMNS = (
    "article_id", "events", "claim", "sentence", "subject", "subject_place", "reference",
    "reference_iso2", "stated_km", "direction", "computed_km", "difference_km",
    "tolerance_km", "verdict", "explanation", "stated_lat", "stated_lon", "dataset")


def events_frame(ds: Dataset) -> pd.DataFrame:
    """One row per event (:meth:`Dataset.event_rows`)."""
    return pd.DataFrame(ds.event_rows())


def places_frame(ds: Dataset) -> pd.DataFrame:
    """One row per distinct (article, surface) mention (:meth:`Dataset.place_rows`)."""
    return pd.DataFrame(ds.place_rows())


def measurements_frame(ds: Dataset) -> pd.DataFrame:
    """One row per (site, border) distance (:meth:`Dataset.measurement_rows`)."""
    return pd.DataFrame(ds.measurement_rows(),
                        columns=[*SiteMeasurement.__dataclass_fields__, "label"])


def claims_frame(ds: Dataset) -> pd.DataFrame:
    """Stated vs measured distances with verdicts (:meth:`Dataset.claim_rows`)."""
    return pd.DataFrame(ds.claim_rows(), columns=list(CLAIM_TABLE_COLUMNS))


def articles_frame(ds: Dataset) -> pd.DataFrame:
    """One row per article with its date (:meth:`Dataset.article_rows`)."""
    return pd.DataFrame(ds.article_rows())


def events_table(ds: Dataset) -> pd.DataFrame:
    """:func:`events_frame`, whose ``review`` column names unreviewed machine events."""
    return events_frame(ds)


def select_rows(frame: pd.DataFrame, event_ids: Iterable[str], *, column: str = "id",
                sep: str | None = None) -> pd.DataFrame:
    """Rows of ``frame`` about the given events, in the order of ``frame``.

    Parameters
    ----------
    frame
        A table such as :func:`events_frame` or :func:`claims_frame`.
    event_ids
        The events to keep.
    column
        The column holding the event id.
    sep
        When the column holds several ids joined by ``sep`` (``claims_frame``'s ``events``),
        a row is kept if any of them is wanted.
    """
    wanted = set(event_ids)
    if frame.empty or column not in frame:
        return frame.iloc[0:0]
    if sep is None:
        mask = frame[column].isin(wanted)
    else:
        mask = frame[column].map(lambda v: bool(wanted & set(str(v).split(sep))))
    return frame.loc[mask].reset_index(drop=True)
