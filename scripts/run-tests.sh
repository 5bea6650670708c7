#!/usr/bin/env bash
# Install what the tests need (Python packages; Debian's chromium for browser tests and strace
# for the no-network test of the PNG export; Debian's PostgreSQL 15 server and PostGIS for the
# PostgreSQL store tests, which start a throw-away server of their own), then: ruff, the layer
# contract (import-linter), the type check (mypy), pytest (with doctests, in parallel).
source "$(dirname "$0")/_env.sh"
debs=()
command -v chromium >/dev/null 2>&1 || debs+=(chromium)
command -v strace >/dev/null 2>&1 || debs+=(strace)
pg_bin=/usr/lib/postgresql/15/bin
[ -x "$pg_bin/initdb" ] && [ -x "$pg_bin/pg_ctl" ] || debs+=(postgresql-15)
[ -f /usr/share/postgresql/15/extension/postgis.control ] || debs+=(postgresql-15-postgis-3)
if [ ${#debs[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq \
      && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${debs[@]}" >/dev/null) \
      || echo "warning: could not install ${debs[*]}; their tests will be skipped" >&2
  else
    echo "warning: ${debs[*]} missing and not root; their tests will be skipped" >&2
  fi
fi
.venv/bin/ruff check .
.venv/bin/lint-imports --no-cache
.venv/bin/mypy
# one worker per core, at most four (each starts its own browser and servers); a test file's
# tests stay on one worker, so its module-scoped app server and browser start once
exec .venv/bin/python -m pytest -q -n auto --maxprocesses=4 --dist loadfile "$@"
