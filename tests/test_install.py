"""drillmap installs like a library: a non-editable wheel finds its bundled data anywhere."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from geo import settings
from geo.errors import ConfigurationError

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_install_builds_from_another_folder(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps",
                    "--no-build-isolation", "-w", str(wheels), str(ROOT)],
                   check=True, cwd=tmp_path, capture_output=True)
    (wheel,) = wheels.glob("drillmap-*.whl")
    shipped = zipfile.ZipFile(wheel).namelist()
    # the app, with the script its map reports through (dashboard/mapview.py reads it)
    assert {"drillmap_bundled/dashboard/app.py",
            "drillmap_bundled/dashboard/assets/map_drawn.js"} <= set(shipped)
    target = tmp_path / "venv"
    venv.create(target, with_pip=False)
    python = target / "bin" / "python"
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path("
                           "'purelib'))"], check=True, capture_output=True, text=True
                          ).stdout.strip()
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target",
                    site, str(wheel)], check=True, capture_output=True)
    env = {**os.environ, "DRILLMAP_DB": str(tmp_path / "db.sqlite"),
           # the installed drillmap, with this environment's packages for its dependencies
           "PYTHONPATH": f"{site}{os.pathsep}{sysconfig.get_path('purelib')}"}
    env.pop("DRILLMAP_DATA_DIR", None)
    env.pop("DRILLMAP_SEEDS_DIR", None)
    run = subprocess.run([str(python), "-c", "import geo, geo.settings as s; "
                          "print(geo.__file__); print(s.bundled_data_dir())"],
                         check=True, capture_output=True, text=True, cwd=tmp_path, env=env)
    module, data = run.stdout.split()
    assert module.startswith(site) and data.startswith(site), run.stdout
    out = tmp_path / "out"
    build = subprocess.run([str(python), "-m", "geo", "build", "--out", str(out)],
                           capture_output=True, text=True, cwd=tmp_path, env=env)
    assert build.returncode == 0, build.stderr
    assert "6 articles, 12 exercises + 2 context items" in build.stdout
    assert (out / "events.csv").read_text(encoding="utf-8").count("\n") == 15


def test_missing_bundled_data_names_the_variable(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(settings, "_CHECKOUT", tmp_path)
    monkeypatch.setattr(settings.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(ConfigurationError, match="set DRILLMAP_DATA_DIR"):
        settings.bundled_data_dir()
    monkeypatch.setenv("DRILLMAP_DATA_DIR", str(tmp_path))
    assert settings.default_data_dir() == tmp_path
