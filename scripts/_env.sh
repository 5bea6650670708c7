# Shared by run-app.sh and run-tests.sh: create .venv with Python 3.11, 3.12 or 3.13 and install.
set -euo pipefail
cd "$(dirname "$0")/.."
supported() { "$1" -c 'import sys; sys.exit(not (3, 11) <= sys.version_info[:2] <= (3, 13))' 2>/dev/null; }
PY=${PYTHON:-}
if [ -z "$PY" ]; then
  for candidate in python3 python3.13 python3.12 python3.11; do
    if command -v "$candidate" >/dev/null 2>&1 && supported "$candidate"; then
      PY=$candidate; break
    fi
  done
fi
[ -n "$PY" ] && supported "$PY" || {
  echo "drillmap needs Python 3.11, 3.12 or 3.13 (set PYTHON=/path/to/python3.x)" >&2; exit 1; }
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.drillmap-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e ".[test]"
  touch "$stamp"
fi
