"""Ingest throughput, end to end: clean, extract, geocode, measure, store (articles/s).

Builds a synthetic corpus of news articles from this file's own templates (exercise reports,
deployments, meetings, satellite imagery; places, dates, figures and distance claims varied),
writes it to a temporary folder and ingests it into a fresh database, one transaction per
article, exactly as ``python -m geo ingest`` does.

Usage::

    .venv/bin/python bench/bench_ingest.py [--articles 1000] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

__all__ = ["synthetic_articles", "main"]

_SITES = [
    ("the Obuz-Lesnovsky training ground", "Belarus"), ("Brest", "Belarus"),
    ("Grodno", "Belarus"), ("Baranovichi", "Belarus"), ("Gomel", "Belarus"),
    ("the Ruzhansky training grounds", "Belarus"), ("Pskov", "Russia"),
    ("Kaliningrad", "Russia"), ("Smolensk", "Russia"), ("Rostov-on-Don", "Russia"),
    ("the East China Sea", ""), ("Vitebsk", "Belarus"), ("Mogilev", "Belarus"),
]
_NAMES = ["Zapad", "Union Shield", "Allied Resolve", "Union Resolve", "Naval Interaction",
          "Slavic Brotherhood"]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
_PEOPLE = ["Defence Minister Viktor Khrenin", "President Alexander Lukashenko",
           "Russian Defence Minister Sergei Shoigu", "US envoy Keith Kellogg"]
_OUTLETS = ["Interfax", "Reuters", "Agence France-Presse", "TASS", "Radio Free Europe"]


def _exercise(rng: random.Random) -> list[str]:
    site, country = rng.choice(_SITES)
    where = f"{site} in {country}" if country and not site.startswith("the East") else site
    year = rng.randint(2019, 2025)
    name = f"{rng.choice(_NAMES)}-{year}"
    m = rng.randrange(12)
    d1 = rng.randint(1, 20)
    troops = rng.choice(["about 3,000", "up to 12,000", "some 30,000", "several thousand"])
    km = rng.randint(20, 300)
    return [
        f"Russian and Belarusian troops will hold the {name} exercise at {where} from "
        f"{d1}-{d1 + 6} {_MONTHS[m]}, the defence ministry said on {rng.choice(_DAYS)}.",
        f"{rng.choice(_OUTLETS)} reported that {troops} troops, {rng.randint(10, 80)} aircraft "
        f"and helicopters and {rng.randint(50, 300)} tanks would take part.",
        f"The drills will be held about {km} kilometers north of the Ukrainian border.",
        f"{rng.choice(_PEOPLE)} said the exercises were defensive in nature.",
        "Moscow says the drills are not directed against any country.",
    ]


def _naval(rng: random.Random) -> list[str]:
    return [
        f"China and Russia will hold joint naval drills in the East China Sea next "
        f"{rng.choice(['week', 'month'])}.",
        f"China will take part with {rng.randint(2, 5)} destroyers and a supply ship.",
        f"Russia will take part with {rng.randint(2, 4)} corvettes and a submarine.",
        "The ministry said the drills would practise anti-submarine warfare.",
    ]


def _deployment(rng: random.Random) -> list[str]:
    site, country = rng.choice(_SITES[:10])
    return [
        f"Satellite images published on {rng.choice(_DAYS)} show new tents near {site}.",
        f"Analysts said additional units had been deployed to {country or 'the region'}.",
        f"{rng.choice(_PEOPLE)} met officials in Minsk to discuss gas prices.",
    ]


def _patrol(rng: random.Random) -> list[str]:
    return [
        f"On {rng.choice(_DAYS)}, Russian and Belarusian fighter jets jointly patrolled "
        f"Belarus' air space, the ministry in Minsk said.",
        "Kyiv has repeatedly warned about such flights.",
    ]


def synthetic_articles(n: int, *, seed: int = 7) -> list[tuple[str, str]]:
    """``n`` synthetic articles as ``(file name, text)``; about half report an exercise."""
    rng = random.Random(seed)
    kinds = [_exercise, _exercise, _naval, _deployment, _patrol]
    out = []
    for i in range(n):
        kind = rng.choice(kinds)
        title = f"Report {i}: {kind.__name__.strip('_')} news"
        body = kind(rng)
        rng.shuffle(body[1:])
        text = "\n".join([title, *body, f"(Article {i}, reference {rng.getrandbits(64):x}.)"])
        out.append((f"synthetic_{i:05d}.txt", text))
    return out


def main(argv: list[str] | None = None) -> int:
    """Build the corpus, ingest it, print articles/s."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)

    from geo.extract.lexicon import load_lexicon
    from geo.geocoders.registry import get_geocoder
    from geo.services.ingest import ingest_files
    from geo.store.sqlite import Store

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = []
        for name, text in synthetic_articles(args.articles, seed=args.seed):
            path = folder / name
            path.write_text(text, encoding="utf-8")
            files.append(path)
        t0 = time.perf_counter()
        geocoder = get_geocoder("offline")
        geocoder.geocode("Minsk")  # load the gazetteer index outside the timed loop
        lexicon = load_lexicon()
        store = Store(folder / "bench.sqlite")
        t_setup = time.perf_counter() - t0
        t1 = time.perf_counter()
        batch = ingest_files(files, store=store, published="2023-06-14", geocoder=geocoder,
                             lexicon=lexicon)
        elapsed = time.perf_counter() - t1
        counts = store.counts()
        store.close()
    ok = len(batch.ingested)
    print(f"setup (gazetteer, lexicon, empty database): {t_setup:.2f} s")
    print(f"ingested {ok}/{len(files)} articles in {elapsed:.2f} s: "
          f"{ok / elapsed:.0f} articles/s end to end (read, clean, extract, geocode, measure, "
          f"match, store; one SQLite transaction per article)")
    print(f"stored: {counts['mentions']} mentions, {counts['events']} events, "
          f"{counts['event_sources']} sources, {counts['claims']} claims, "
          f"{counts['site_distances']} border distances; errors: {len(batch.errors)}")
    return 0 if not batch.errors else 1


if __name__ == "__main__":
    raise SystemExit(main())
