#!/usr/bin/env bash
# Install what the app needs (first run only) and start it on the bundled data, offline.
source "$(dirname "$0")/_env.sh"
exec .venv/bin/python -m streamlit run dashboard/app.py "$@"
