#!/usr/bin/env bash
# Install what the app needs (first run only) and start it on the bundled data, offline, on
# localhost only (python -m geo app passes every server setting; --port N for another port).
source "$(dirname "$0")/_env.sh"
exec .venv/bin/python -m geo app "$@"
