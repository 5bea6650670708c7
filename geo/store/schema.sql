-- drillmap's SQLite schema (version: SCHEMA_VERSION in geo/store/sqlite.py).
-- Read by geo/store/sqlite.py (_schema_statements) with importlib.resources and run whenever a
-- Store opens, in one transaction, split into statements at each ';' that ends a line: end every
-- statement so, and let no ';' end a line inside a statement or a comment.
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    file TEXT NOT NULL DEFAULT '',
    part INTEGER NOT NULL DEFAULT 0,
    title TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL,
    sha256 TEXT NOT NULL UNIQUE,
    published TEXT,
    published_precision TEXT NOT NULL DEFAULT '',
    date_basis TEXT NOT NULL DEFAULT 'none',
    origin TEXT NOT NULL CHECK (origin IN ('curated', 'ingested')),
    ingested_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS mentions (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    surface TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    query TEXT NOT NULL DEFAULT '',
    name TEXT, lat REAL, lon REAL, country_code TEXT, kind TEXT, precision_km REAL,
    source TEXT, place_json TEXT,
    metonym INTEGER NOT NULL DEFAULT 0,
    locative INTEGER NOT NULL DEFAULT 0,
    origin TEXT NOT NULL CHECK (origin IN ('curated', 'machine', 'correction')),
    note TEXT NOT NULL DEFAULT '',
    UNIQUE (article_id, start, end)
);
CREATE INDEX IF NOT EXISTS mentions_surface ON mentions(surface);
CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    name_basis TEXT NOT NULL,
    category TEXT NOT NULL,
    type TEXT NOT NULL,
    start TEXT, start_precision TEXT NOT NULL,
    end TEXT, end_precision TEXT NOT NULL,
    date_text TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    participants TEXT NOT NULL DEFAULT '',
    troops TEXT NOT NULL DEFAULT '', aircraft_helicopters TEXT NOT NULL DEFAULT '',
    ships TEXT NOT NULL DEFAULT '', tanks TEXT NOT NULL DEFAULT '',
    named_ships TEXT NOT NULL DEFAULT '', ships_by_side TEXT NOT NULL DEFAULT '',
    related TEXT NOT NULL DEFAULT '', notes TEXT NOT NULL DEFAULT '',
    origin TEXT NOT NULL CHECK (origin IN ('curated', 'machine')),
    review TEXT NOT NULL CHECK (review IN ('curated', 'machine', 'accepted', 'edited',
                                           'rejected')),
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS event_sources (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    quote TEXT NOT NULL,
    origin TEXT NOT NULL,
    match_reason TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (event_id, article_id, quote)
);
CREATE TABLE IF NOT EXISTS event_places (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    surface TEXT NOT NULL,
    role TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    origin TEXT NOT NULL,
    PRIMARY KEY (event_id, article_id, surface, role)
);
CREATE TABLE IF NOT EXISTS claims (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL, end INTEGER NOT NULL,
    text TEXT NOT NULL, sentence TEXT NOT NULL DEFAULT '',
    subject TEXT NOT NULL DEFAULT '', subject_place TEXT NOT NULL DEFAULT '',
    stated_km REAL NOT NULL, unit TEXT NOT NULL, qualifier TEXT NOT NULL DEFAULT '',
    direction TEXT NOT NULL DEFAULT '', reference TEXT NOT NULL DEFAULT '',
    reference_iso2 TEXT NOT NULL DEFAULT '',
    computed_km REAL, difference_km REAL, tolerance_km REAL,
    verdict TEXT NOT NULL, explanation TEXT NOT NULL DEFAULT '',
    event_ids TEXT NOT NULL DEFAULT '', dataset TEXT NOT NULL DEFAULT '',
    origin TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS site_distances (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    article_id TEXT NOT NULL,
    surface TEXT NOT NULL, place_name TEXT NOT NULL,
    lat REAL NOT NULL, lon REAL NOT NULL, precision_km REAL NOT NULL,
    border_iso2 TEXT NOT NULL, distance_km REAL NOT NULL, bearing_deg REAL NOT NULL,
    nearest_lat REAL NOT NULL, nearest_lon REAL NOT NULL, inside INTEGER NOT NULL,
    dataset TEXT NOT NULL,
    PRIMARY KEY (event_id, article_id, surface, border_iso2)
);
CREATE TABLE IF NOT EXISTS geocode_cache (
    key TEXT PRIMARY KEY,
    place_json TEXT,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS place_corrections (
    surface_key TEXT PRIMARY KEY,
    surface TEXT NOT NULL,
    not_a_place INTEGER NOT NULL DEFAULT 0,
    place_json TEXT,
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS corrections (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('place', 'event')),
    target TEXT NOT NULL,
    action TEXT NOT NULL,
    before_json TEXT, after_json TEXT,
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS ingest_log (
    id INTEGER PRIMARY KEY,
    file TEXT NOT NULL, article_id TEXT,
    status TEXT NOT NULL, message TEXT NOT NULL DEFAULT '',
    at TEXT NOT NULL
);
