#!/usr/bin/env bash
# Install what the tests need (Python packages; Debian's chromium for browser tests), then:
# ruff, the layer contract (import-linter), the type check (mypy), pytest (with doctests).
source "$(dirname "$0")/_env.sh"
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
      || echo "warning: could not install chromium; browser tests will be skipped" >&2
  else
    echo "warning: chromium missing and not root; browser tests will be skipped" >&2
  fi
fi
.venv/bin/ruff check .
.venv/bin/lint-imports --no-cache
.venv/bin/mypy
exec .venv/bin/python -m pytest -q "$@"
