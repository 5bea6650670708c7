"""Paste -> review on real articles: the server's script time of the *Add article* run.

Each run starts the app in AppTest (a new database in a temporary folder), opens the *Add
article* page, waits ``--wait`` seconds (the analyst pasting), pastes one article of
``tests/corpus`` and times the run that ingests it and shows its review. The first run of
the process is printed apart: it includes spaCy's import and the model's load. Median and
range (min-max) of the others.

Usage::

    .venv/bin/python bench/bench_paste.py [--runs 6] [--wait 0]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.inputs.corpus import load_corpus  # noqa: E402 - after sys.path

APP = ROOT / "dashboard" / "app.py"


def paste_time(text: str, wait: float) -> float:
    """Seconds of the script run that ingests ``text`` and shows its review."""
    at = AppTest.from_file(str(APP), default_timeout=120).run()
    at.switch_page("add_article.py").run()
    time.sleep(wait)
    at.text_area(key="add_text").set_value(text)
    at.button(key="add_paste").click()
    t = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - t
    if at.exception:
        raise SystemExit(f"the app failed: {at.exception[0].message}")
    return elapsed


def main(argv: list[str] | None = None) -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=6)
    parser.add_argument("--wait", type=float, default=0.0)
    args = parser.parse_args(argv)
    articles = load_corpus(ROOT / "tests" / "corpus")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["DRILLMAP_DB"] = str(Path(tmp) / "drillmap.sqlite")
        times = [paste_time(articles[i * 7 % len(articles)].text, args.wait)
                 for i in range(args.runs)]
    print(f"first paste of the process (loads the NER model): {times[0] * 1000:.0f} ms")
    later = times[1:] or times
    print(f"later pastes: median {statistics.median(later) * 1000:.0f} ms "
          f"({min(later) * 1000:.0f}-{max(later) * 1000:.0f}, n={len(later)})")


if __name__ == "__main__":
    main()
