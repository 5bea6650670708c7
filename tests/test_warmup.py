"""The app's start-up warm-up (``dashboard/warmup.py``): what it leaves for the first page."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import pytest

DASHBOARD = Path(__file__).resolve().parent.parent / "dashboard"
sys.path.insert(0, str(DASHBOARD))
import warmup  # noqa: E402  (dashboard/, put on the path above)


@pytest.fixture
def unfrozen() -> object:
    """The collector with no frozen objects, before and after the test."""
    gc.unfreeze()
    yield
    gc.unfreeze()


@pytest.mark.usefixtures("unfrozen")
def test_what_the_warm_up_loaded_is_left_out_of_later_collections(
        monkeypatch: pytest.MonkeyPatch, app_db: Path) -> None:
    # Streamlit runs a full collection after every script run: the libraries and data the
    # warm-up loaded (here with this test process's own) are frozen, so it walks none of them.
    monkeypatch.delenv("DRILLMAP_SEEDS_DIR", raising=False)
    monkeypatch.delenv("DRILLMAP_DATA_DIR", raising=False)
    assert gc.get_freeze_count() == 0
    warmup.warm(page_shown_wait_s=0)
    assert app_db.is_file()  # it filled the new database (the first page's data)
    frozen = gc.get_freeze_count()
    assert frozen > 50_000
    assert len(gc.get_objects()) < frozen / 10  # what a collection still walks
