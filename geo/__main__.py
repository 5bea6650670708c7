"""``python -m geo``: the drillmap command line."""

from geo.cli import main

raise SystemExit(main())
