#!/usr/bin/env bash
# Install what the tests need (Python packages; Debian's chromium for browser tests and strace
# for the no-network test of the PNG export), then: ruff, the layer contract (import-linter),
# the type check (mypy), pytest (with doctests).
source "$(dirname "$0")/_env.sh"
missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v strace >/dev/null 2>&1 || missing="$missing strace"
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null) \
      || echo "warning: could not install$missing; the tests needing them will be skipped" >&2
  else
    echo "warning:$missing missing and not root; the tests needing them will be skipped" >&2
  fi
fi
.venv/bin/ruff check .
.venv/bin/lint-imports --no-cache
.venv/bin/mypy
exec .venv/bin/python -m pytest -q "$@"
