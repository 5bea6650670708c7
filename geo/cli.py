"""The drillmap command line: ``python -m geo --help``.

Every command works offline. Bad arguments give a one-line message on stderr and exit code 2
(never argparse's usage block); ``ingest`` exits with 1 when a file could not be ingested.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import sys
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import NoReturn, TextIO

from geo.analysis.filters import QUERY_KEYS, EventFilter, filter_events
from geo.errors import ConfigurationError, GeoError
from geo.export.files import save_csv, save_geojson
from geo.export.formats import export_bytes, save_export
from geo.export.options import DEFAULT_TITLE, PNG_SCALES, ExportOptions
from geo.geocoders.registry import get_geocoder
from geo.geometry import borders
from geo.inputs.documents import UPLOAD_LIMIT_MIB
from geo.model.dataset import Dataset
from geo.model.kinds import Category
from geo.render.tables import (
    articles_frame,
    claims_frame,
    events_frame,
    measurements_frame,
    places_frame,
)
from geo.services.archive import ENGINES, ingest_archive
from geo.services.evaluate import evaluate_corpus
from geo.services.ingest import IngestResult, ingest_files, parse_published
from geo.services.reading import open_database, read_dataset
from geo.services.seed import database_status, refresh_database
from geo.settings import dashboard_app_path
from geo.store.sqlite import Store

__all__ = ["build_parser", "main", "streamlit_command"]

EXIT_OK = 0
#: ``ingest``: at least one file could not be ingested (the others were).
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2
DEFAULT_APP_PORT = 8501


class _OneLineParser(argparse.ArgumentParser):
    """An argument parser whose errors are one line (``prog: error: message``), exit code 2.

    argparse prints its whole usage block first; the message alone says what to fix, and
    ``--help`` is one command away.
    """

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {' '.join(message.split())} "
                              f"(see {self.prog} --help)\n")


def _lat(text: str) -> float:
    value = float(text)
    if not math.isfinite(value) or abs(value) > 90:
        raise argparse.ArgumentTypeError(
            f"latitude must be within -90..90, got {text!r} (latitude and longitude swapped?)")
    return value


def _lon(text: str) -> float:
    value = float(text)
    if not math.isfinite(value) or abs(value) > 180:
        raise argparse.ArgumentTypeError(f"longitude must be within -180..180, got {text!r}")
    return value


def _iso2(text: str) -> str:
    code = text.strip().upper()
    if len(code) != 2 or not code.isalpha():
        raise argparse.ArgumentTypeError(f"expected an ISO 3166 alpha-2 code such as UA, got "
                                         f"{text!r}")
    return code


_DB_HELP = ("the drillmap database: a SQLite file or a postgresql:// URL (default: "
            "$DRILLMAP_DB, else ~/.local/share/drillmap/drillmap.sqlite); filled from the "
            "bundled data when new")


def _add_db_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", type=str, default=None, help=_DB_HELP)
    parser.add_argument("--seeds", type=Path, default=None,
                        help="article .txt files that fill a NEW database (default: "
                             "$DRILLMAP_SEEDS_DIR, else the bundled seeds/)")
    parser.add_argument("--data", type=Path, default=None,
                        help="curated CSV files that fill a NEW database (default: "
                             "$DRILLMAP_DATA_DIR, else the bundled data/)")


def _add_data_options(parser: argparse.ArgumentParser) -> None:
    _add_db_options(parser)
    parser.add_argument("--include-unreviewed", action="store_true",
                        help="also machine-extracted events nobody has reviewed yet (marked "
                             "as such); rejected ones are never included")
    parser.add_argument("--border", type=_iso2, action="append", default=[],
                        help="also measure every site to this country's border (repeatable)")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for tests and documentation)."""
    parser = _OneLineParser(
        prog="python -m geo",
        description="drillmap: military exercises from news articles, on a map, offline.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = sub.add_parser("build", help="build events, places, claims and GeoJSON into a folder")
    build.add_argument("--out", type=Path, required=True, help="output folder")
    _add_data_options(build)

    geocode = sub.add_parser("geocode", help="geocode a place name with the offline gazetteer")
    geocode.add_argument("name", help='place name, e.g. "St. Petersburg"')
    geocode.add_argument("--country", type=_iso2, action="append", default=[],
                         help="prefer places in this country (repeatable)")
    geocode.add_argument("--all", action="store_true", help="list every candidate")
    geocode.add_argument("--json", action="store_true", help="print JSON")

    distance = sub.add_parser("distance", help="distance from a point to a country's border")
    distance.add_argument("--lat", type=_lat, required=True)
    distance.add_argument("--lon", type=_lon, required=True)
    distance.add_argument("--border", type=_iso2, required=True, help="ISO2 code, e.g. UA")
    distance.add_argument("--json", action="store_true", help="print JSON")

    ingest = sub.add_parser("ingest", help="find places, exercises and distance claims in new "
                                           "articles and store them (machine-extracted)")
    ingest.add_argument("files", nargs="*", type=Path, metavar="FILE",
                        help="article files (.txt, .html, .md)")
    ingest.add_argument("--published", type=_published, default=None, metavar="DATE",
                        help="publication date of the articles: 2022-12-19, 2022-12 or 2022")
    ingest.add_argument("--db", type=str, default=None, help=_DB_HELP)
    ingest.add_argument("--no-seed", action="store_true",
                        help="do not fill a new database with the bundled curated data")
    ingest.add_argument("--json", action="store_true", help="print JSON, one object per article")
    archive = ingest.add_argument_group("archive ingest (see README, Scaling out)")
    archive.add_argument("--archive", type=Path, default=None, metavar="PATH",
                         help="a news archive: .jsonl, .csv or .parquet with text, title, url, "
                              "published")
    archive.add_argument("--engine", choices=ENGINES, default="local",
                         help="local: a process pool; dask: a Dask cluster (default: local)")
    archive.add_argument("--scheduler", default=None, metavar="tcp://HOST:8786",
                         help="address of a running Dask scheduler (default: a local cluster)")
    archive.add_argument("--partitions", type=_positive, default=None, metavar="N",
                         help="number of partitions (default: 4 per worker, 1 per 16 MB)")
    archive.add_argument("--workers", type=_positive, default=None, metavar="N",
                         help="processes of the local pool or cluster (default: CPU count)")
    archive.add_argument("--work-dir", type=Path, default=None, metavar="DIR",
                         help="where partitions are written; a rerun resumes from it")

    evaluate = sub.add_parser("evaluate", help="measure how well drillmap reads real articles "
                                               "against a gold corpus (tests/corpus)")
    evaluate.add_argument("corpus", type=Path, metavar="CORPUS_DIR",
                          help="gold corpus folder (tests/corpus or its articles/)")
    evaluate.add_argument("--split", choices=("dev", "test", "all"), default="all",
                          help="which articles to evaluate (default: all)")
    evaluate.add_argument("--json", action="store_true", help="print the report as JSON")

    app = sub.add_parser("app", help="start the dashboard, reachable from this machine only",
                         description="Start the Streamlit dashboard on localhost with "
                                     "drillmap's server settings, from any folder.")
    app.add_argument("--port", type=_port, default=DEFAULT_APP_PORT,
                     help=f"TCP port on localhost (default {DEFAULT_APP_PORT})")

    db = sub.add_parser("db", help="create, refresh or describe the database")
    actions = db.add_subparsers(dest="action", required=True, metavar="ACTION")
    for action, text in (("init", "create the database and fill it from the bundled data "
                                  "(or --seeds/--data); refresh it if that data changed"),
                         ("refresh", "bring the curated content up to date with the bundled "
                                     "data, keeping ingested articles, reviews and corrections"),
                         ("status", "where the database is, what filled it, what it holds")):
        _add_db_options(actions.add_parser(action, help=text, description=text))

    export = sub.add_parser("export", help="export the map (html, png), a slide deck (pptx) or "
                                           "data (geojson, csv, kml) for the filtered events")
    formats = export.add_subparsers(dest="format", required=True, metavar="FORMAT")
    for fmt, text in _EXPORT_HELP.items():
        _add_export_options(formats.add_parser(fmt, help=text, description=text), fmt)
    return parser


_EXPORT_HELP = {
    "html": "one self-contained HTML map that renders with no network",
    "png": "a PNG image of the map, rendered in headless Chromium",
    "pptx": "a 16:9 PowerPoint briefing: title, overview map, one slide per event, sources",
    "geojson": "event places as an RFC 7946 GeoJSON FeatureCollection",
    "csv": "the events table as CSV",
    "kml": "KML 2.2 for Google Earth: places, distance lines with labels, areas",
}


def _date(text: str) -> object:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date such as 2023-09-30, got {text!r}"
                                         ) from None


def _add_export_options(parser: argparse.ArgumentParser, fmt: str) -> None:
    parser.add_argument("--out", type=Path, required=True, metavar="FILE",
                        help="output file, or - for standard output")
    if fmt in ("png", "pptx"):
        what = "image" if fmt == "png" else "overview map image"
        parser.add_argument("--width", type=int, default=1600, help=f"{what} width in pixels")
        parser.add_argument("--height", type=int, default=900, help=f"{what} height in pixels")
    if fmt == "png":
        parser.add_argument("--scale", type=int, choices=PNG_SCALES, default=1,
                            help="pixels per map pixel: 2 or 3 for print (the image is that "
                                 "many times --width x --height, laid out the same)")
    parser.add_argument("--event", metavar="ID", default=None,
                        help="only this event; maps are framed on its site and nearest "
                             "border points")
    parser.add_argument("--title", default=None, help="map and deck title")
    parser.add_argument("--as-of", type=_date, default=None, metavar="DATE",
                        help="the 'as of' date shown (default: today)")
    flt = parser.add_argument_group("filters (as in the app; repeat or comma-separate values)")
    flt.add_argument("--from", dest="date_from", metavar="DATE",
                     help="events overlapping this date or later")
    flt.add_argument("--to", dest="date_to", metavar="DATE", help="... and this date or earlier")
    flt.add_argument("--participant", action="append", default=[], metavar="ISO2")
    flt.add_argument("--type", action="append", default=[], dest="types", metavar="TYPE",
                     help="land, air, naval, strategic, command-staff, patrol")
    flt.add_argument("--status", action="append", default=[], dest="statuses", metavar="STATUS",
                     help="announced, planned, under way, held")
    flt.add_argument("--category", action="append", default=[], dest="categories",
                     metavar="CATEGORY",
                     help="exercise or context")
    flt.add_argument("--border-country", action="append", default=[], metavar="ISO2",
                     help="events with a site measured to this country's border")
    flt.add_argument("--search", default="", metavar="TEXT", help="free-text search")
    _add_data_options(parser)


def _port(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"expected a TCP port 1-65535, got {text!r}")
    return int(text)


def _published(text: str) -> object:
    try:
        return parse_published(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _print_outcome(r: IngestResult) -> None:
    """One article's outcome: a header line, its exercises, claims and warnings (stdout)."""
    if r.status == "error":
        print(f"python -m geo ingest: error: {r.message}", file=sys.stderr)
        return
    print(f"[{r.article_id}] {r.source} ({r.status}): {r.message}")
    for e in r.events:
        how = "new" if e.created else f"matched: {e.match_reason}"
        print(f"  exercise {e.event_id} {e.candidate.event.dates_label or '-'} ({how})")
    for c in r.claims:
        v = c.verdict
        print(f"  claim {c.claim.text!r}: " + (f"{v.verdict}, {v.explanation}" if v
                                               else f"unchecked, {c.problem}"))
    for w in r.warnings:
        print(f"  warning: {w}")


class _ProgressBar:
    """A one-line progress bar on a terminal (redrawn in place); nothing when not a terminal."""

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total, self.stream, self.done = total, stream, 0
        self.shown = total > 1 and stream.isatty()

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()

    def advance(self, name: str) -> None:
        self.done += 1
        if not self.shown or self.done >= self.total:
            return
        width = max(10, min(40, shutil.get_terminal_size().columns - 40))
        filled = width * self.done // self.total
        label = name if len(name) <= 30 else "..." + name[-27:]
        self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/"
                          f"{self.total} {label}")
        self.stream.flush()


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1, got {text!r}")
    return value


def _cmd_ingest_archive(args: argparse.Namespace) -> int:
    report = ingest_archive(args.archive, db=args.db, seed=not args.no_seed,
                            engine=args.engine, scheduler=args.scheduler,
                            partitions=args.partitions, workers=args.workers,
                            work_dir=args.work_dir,
                            progress=lambda line: print(line, file=sys.stderr, flush=True))
    print(report.summary())
    return 1 if report.merge.errors else EXIT_OK


def _cmd_ingest(args: argparse.Namespace) -> int:
    """Each file's outcome is printed as soon as it is done (JSON: all at the end)."""
    if args.archive is not None:
        if args.files or args.json or args.published:
            raise ConfigurationError("--archive takes no FILE, --json or --published (the "
                                     "archive's 'published' column gives the dates)")
        return _cmd_ingest_archive(args)
    if not args.files:
        raise ConfigurationError("give article files, or --archive PATH")
    if args.scheduler or args.partitions or args.work_dir or args.workers \
            or args.engine != "local":
        raise ConfigurationError("--engine, --scheduler, --partitions, --workers and "
                                 "--work-dir go with --archive")
    bar = _ProgressBar(len(args.files), sys.stderr)

    def finished(r: IngestResult) -> None:
        bar.clear()
        if not args.json:
            _print_outcome(r)
            sys.stdout.flush()
        elif r.status == "error":
            print(f"python -m geo ingest: error: {r.message}", file=sys.stderr)

    try:
        batch = ingest_files(args.files, published=args.published, db=args.db,
                             seed=not args.no_seed, on_result=finished,
                             progress=lambda done, total, name: bar.advance(name))
    finally:
        bar.clear()
    if args.json:
        print(json.dumps([r.to_dict() for r in batch.results], ensure_ascii=False, indent=1))
    return EXIT_SOME_FAILED if batch.errors else EXIT_OK


def _cmd_evaluate(args: argparse.Namespace) -> int:
    report = evaluate_corpus(args.corpus, split=args.split)
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=1))
    else:
        print("\n".join(report.lines()))
    return EXIT_OK


def _progress(text: str, done: float) -> None:
    """Seeding progress on stderr (it takes a few seconds once per new database)."""
    print(f"  [{done:4.0%}] {text}", file=sys.stderr)


def _open(args: argparse.Namespace) -> Store:
    return open_database(args.db, seeds_dir=args.seeds, data_dir=args.data,
                         progress=_progress)


def _dataset(args: argparse.Namespace) -> Dataset:
    with _open(args) as store:
        return read_dataset(store, include_unreviewed=args.include_unreviewed,
                            extra_borders=args.border)


def _cmd_build(args: argparse.Namespace) -> int:
    ds = _dataset(args)
    out: Path = args.out
    save_geojson(ds.to_geojson(), out / "events.geojson")
    save_csv(events_frame(ds), out / "events.csv")
    save_csv(places_frame(ds), out / "places.csv")
    save_csv(claims_frame(ds), out / "claims.csv")
    save_csv(measurements_frame(ds), out / "distances.csv")
    save_csv(articles_frame(ds), out / "articles.csv")
    exercises = sum(e.category == Category.EXERCISE for e in ds.events)
    unreviewed = sum(e.machine_extracted for e in ds.events)
    print(f"{len(ds.articles)} articles, {exercises} exercises + "
          f"{len(ds.events) - exercises} context items"
          + (f" ({unreviewed} machine-extracted, unreviewed)" if unreviewed else "")
          + f", {len(ds.mentions)} place mentions, "
          f"{len(ds.measurements)} border distances ({ds.border_dataset}), "
          f"{len(ds.claims)} distance claims -> {out}")
    for c in ds.claims:
        print(f"  claim [{c.article_id}] {c.claim.text!r}: {c.label}")
    unresolved = ds.unresolved
    print(f"unresolved place names: {len(unresolved)}")
    for m in unresolved:
        print(f"  [{m.article_id}] {m.surface!r} (query {m.query!r})")
    for problem in ds.problems:
        print(f"problem: {problem}", file=sys.stderr)
    return EXIT_OK


def _cmd_db(args: argparse.Namespace) -> int:
    if args.action == "status":
        with Store(args.db) as store:
            status = database_status(store, seeds_dir=args.seeds, data_dir=args.data)
        print("\n".join(status.lines()))
        return EXIT_OK
    with Store(args.db) as probe:
        new = not probe.is_seeded()
    with _open(args) as store:
        report = None
        if args.action == "refresh":
            report = refresh_database(store, seeds_dir=args.seeds, data_dir=args.data,
                                      progress=_progress)
        done = ("filled from the bundled data" if new else report.summary() if report
                else "up to date with the bundled data")
        print(f"{store.path}: {done}")
        print(", ".join(f"{v} {k}" for k, v in store.counts().items()))
    return EXIT_OK


def _cmd_geocode(args: argparse.Namespace) -> int:

    geocoder = get_geocoder("offline")
    result = geocoder.geocode(args.name, exactly_one=not args.all,
                              country_bias=tuple(args.country))
    places = [] if result is None else result if isinstance(result, list) else [result]
    if args.json:
        payload = [p.to_dict() for p in places] if args.all else (
            places[0].to_dict() if places else None)
        print(json.dumps(payload, ensure_ascii=False, indent=1))
        return EXIT_OK if places else 1
    if not places:
        print(f"not found: {args.name!r}", file=sys.stderr)
        return 1
    for p in places:
        print(f"{p.name} ({p.country_code or '-'}) {p.lat:.4f}, {p.lon:.4f}  kind={p.kind} "
              f"precision={p.precision_km:g} km  source={p.source}")
        if p.note:
            print(f"  note: {p.note}")
    return EXIT_OK


def _cmd_distance(args: argparse.Namespace) -> int:

    d = borders.border_distance_one(args.lat, args.lon, args.border)
    payload = d.to_dict()
    if args.json:
        print(json.dumps({**payload, "dataset": borders.BORDER_DATASET}))
    else:
        where = "inside" if d.inside else "outside"
        print(f"{d.distance_km:.1f} km to {borders.country_name(args.border)} "
              f"({where}), bearing {d.bearing_deg:.0f}°, nearest border point "
              f"{d.nearest_lat:.4f}, {d.nearest_lon:.4f} [{borders.BORDER_DATASET}]")
    return EXIT_OK


def _cmd_export(args: argparse.Namespace) -> int:
    values = {"start": args.date_from, "end": args.date_to, "participants": args.participant,
              "types": args.types, "statuses": args.statuses, "categories": args.categories,
              "border_countries": args.border_country, "text": args.search}
    params = {QUERY_KEYS[k]: v if isinstance(v, str) else ",".join(v)
              for k, v in values.items() if v}
    flt = EventFilter.from_query_params(params, strict=True)
    options = ExportOptions(width=getattr(args, "width", 1600),
                            height=getattr(args, "height", 900), event=args.event,
                            title=args.title or DEFAULT_TITLE, as_of=args.as_of,
                            scope=flt.describe(), scale=getattr(args, "scale", 1))
    ds = _dataset(args)
    ids = filter_events(ds, flt)
    if not ids and args.event is None:
        print(f"python -m geo export: warning: no event passes the filters "
              f"({flt.describe()})", file=sys.stderr)
    count = 1 if args.event else len(ids)
    what = f"{args.format}: {count} event{'s' if count != 1 else ''}"
    if str(args.out) == "-":  # the file on standard output, the summary on standard error
        data = export_bytes(ds, args.format, replace(options, event_ids=tuple(ids)))
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        print(f"{what} -> standard output ({len(data):,} bytes)", file=sys.stderr)
        return EXIT_OK
    path = save_export(ds, args.format, args.out, replace(options, event_ids=tuple(ids)))
    print(f"{what} -> {path} ({path.stat().st_size:,} bytes)")
    return EXIT_OK


def streamlit_command(port: int = DEFAULT_APP_PORT) -> list[str]:
    """The command that serves the dashboard: every setting that matters given explicitly.

    Streamlit reads ``.streamlit/config.toml`` only from the working directory (and the
    user's home), so these flags, which take precedence over any config file, keep the app
    local whatever folder it is started from: bound to ``localhost``, XSRF protection on,
    uploads capped at :data:`geo.inputs.documents.UPLOAD_LIMIT_MIB` (the widget's own limit;
    Streamlit counts ``maxUploadSize`` in MiB), no usage statistics. ``-P`` keeps the working
    directory off ``sys.path``, so a stray ``folium.py`` there is never imported.
    """
    return [sys.executable, "-P", "-m", "streamlit", "run", str(dashboard_app_path()),
            "--server.address", "localhost", "--server.port", str(port),
            "--server.headless", "true", "--server.enableXsrfProtection", "true",
            "--server.enableCORS", "true", "--server.maxUploadSize", str(UPLOAD_LIMIT_MIB),
            "--browser.gatherUsageStats", "false", "--client.toolbarMode", "minimal",
            "--theme.base", "light"]


def _cmd_app(args: argparse.Namespace) -> int:
    """Replace this process with the Streamlit server (one process to stop, signals reach it)."""
    command = streamlit_command(args.port)
    print(f"drillmap: serving the dashboard on http://localhost:{args.port} (this machine "
          f"only); Ctrl-C stops it", file=sys.stderr, flush=True)
    os.execv(command[0], command)


_COMMANDS = {"app": _cmd_app, "build": _cmd_build, "db": _cmd_db, "geocode": _cmd_geocode,
             "distance": _cmd_distance,
             "ingest": _cmd_ingest, "export": _cmd_export, "evaluate": _cmd_evaluate}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return _COMMANDS[args.command](args)
    except (GeoError, OSError) as exc:
        print(f"python -m geo {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
