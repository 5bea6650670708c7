"""Start-up work done while the browser loads Streamlit's frontend, before its first page load.

``streamlit run dashboard/app.py`` serves ``app.app`` (an ``st.App``); its lifespan calls
:func:`lifespan`, which starts :func:`warm` in a background thread: it imports the map page
(the geo layers, without folium, pandas or the exports), opens the database, fills a new one
from the bundled data, reads the dataset and renders the default map into the caches the page
reads, or reads it from disk (:func:`mappage.prepare_default_view`): only what a session's
first run needs. Once a session's page was shown in full (its map drawn, then the timeline
and tables), it imports what later runs need (folium to render a new view, the exports) and
builds the tables' cache (:func:`mappage.prepare_later_runs`), so that it competes neither
with those runs nor with the browser drawing the map. A browser that connects meanwhile
waits for what it needs (Streamlit's cache computes each value once), or, if the warm-up
failed, the page does the work itself and reports the error as it always did. This module
imports only the standard library, so the server starts answering at once.

What the warm-up loaded (the libraries' modules, the dataset, the caches: some 130,000
objects) is then frozen out of the garbage collector (:func:`gc.freeze`): Streamlit runs a
full collection after every script run (``runner.postScriptGC``), which otherwise walks all of
them each time, 0.2-0.4 s of CPU holding the interpreter's lock, so the server sent nothing
meanwhile (measured up to 2.7 s on this loaded machine right after the first page's run).
They live as long as the process anyway; reference counting still frees any of them dropped
later (a cache entry evicted), only a reference cycle among them would stay.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import threading
from collections.abc import AsyncIterator, Callable
from typing import Any

__all__ = ["lifespan", "start", "start_once", "warm"]

_LOG = logging.getLogger(__name__)
_THREAD_NAME = "drillmap-warmup"


class _NotInWarmup(logging.Filter):
    """Drops Streamlit's "missing ScriptRunContext" warnings of the warm-up thread: it runs
    outside any script run on purpose (cached functions still work there)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.threadName != _THREAD_NAME


def warm(*, page_shown_wait_s: float | None = None) -> None:
    """Import the map page and prepare its default view, then, once a page was shown in full
    (or after ``page_shown_wait_s``; default :data:`mappage.PAGE_SHOWN_WAIT_S`), what later
    runs need (never raises: errors are logged); then freeze what that loaded out of later
    garbage collections (see the module's docstring)."""
    with contextlib.suppress(ImportError):
        # Streamlit imports this on the first st.set_page_config with an emoji icon, the first
        # thing a page load does; the module compiles one large regular expression.
        import streamlit.emojis  # noqa: F401
    try:
        # Imported here, in the background thread, not at the top of this module: the page
        # pulls in the geo layers (a quarter of a second), which would otherwise delay the
        # server's start. (Not a cycle: nothing imports this module but app.py.)
        import mappage

        gc.freeze()  # the modules: most of what a collection would walk (see above)
        source = mappage.prepare_default_view()
        gc.freeze()  # the first view's data: the first run's collection walks none of it
        mappage.prepare_later_runs(source, page_shown_wait_s=(
            mappage.PAGE_SHOWN_WAIT_S if page_shown_wait_s is None else page_shown_wait_s))
    except Exception as exc:  # the page load that needs the data reports the problem itself
        _LOG.warning("drillmap: preparing the first view at start-up failed (the page will "
                     "say why): %s", exc)
        _LOG.debug("drillmap: start-up preparation", exc_info=True)
    gc.freeze()


#: The names of the background jobs :func:`start_once` has started in this process.
_started: set[str] = set()
_started_lock = threading.Lock()


def _run_logged(name: str, work: Callable[[], object]) -> None:
    try:
        work()
    except Exception as exc:  # whoever needs the result later does the work and reports
        _LOG.warning("drillmap: background job %s failed: %s", name, exc)


def start_once(name: str, work: Callable[[], object]) -> threading.Thread | None:
    """Run ``work`` in a daemon thread, once per process for each ``name`` (errors are logged,
    never raised); return the thread, or None if ``name`` was started before.

    For work a later action needs and that would otherwise delay it: the *Add article* page
    starts loading the NER model its first paste needs when it is first shown.
    """
    with _started_lock:
        if name in _started:
            return None
        _started.add(name)
    thread = threading.Thread(target=_run_logged, args=(name, work),
                              name=f"{_THREAD_NAME}-{name}", daemon=True)
    thread.start()
    return thread


def start() -> threading.Thread:
    """Run :func:`warm` in a daemon thread; return the thread."""
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(
        _NotInWarmup())
    thread = threading.Thread(target=warm, name=_THREAD_NAME, daemon=True)
    thread.start()
    return thread


@contextlib.asynccontextmanager
async def lifespan(_app: Any) -> AsyncIterator[None]:
    """The ``st.App`` lifespan: start the warm-up as the server starts."""
    start()
    yield
