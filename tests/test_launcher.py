"""``python -m geo app``: the dashboard listens on loopback only, whatever folder it starts in."""

from __future__ import annotations

import ipaddress
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from geo.cli import streamlit_command
from geo.inputs.documents import UPLOAD_LIMIT_MIB
from geo.settings import dashboard_app_path

#: What a stray ``.streamlit/config.toml`` in the user's folder could say (Streamlit reads it
#: from the working directory): every line of it must lose against the launcher's flags.
HOSTILE_CONFIG = """[server]
address = "0.0.0.0"
enableXsrfProtection = false
enableCORS = false
maxUploadSize = 200
[browser]
gatherUsageStats = true
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _hex_address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    """An address as /proc/net/tcp{,6} prints it: 32-bit words in host (little-endian) order."""
    raw = bytes.fromhex(text)
    words = b"".join(raw[i:i + 4][::-1] for i in range(0, len(raw), 4))
    return ipaddress.ip_address(words)


def listening_addresses(port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    """Every local address with a socket listening on ``port`` (state 0A), IPv4 and IPv6."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not Path(table).exists():
            continue
        for row in Path(table).read_text().splitlines()[1:]:
            fields = row.split()
            address, _, hex_port = fields[1].partition(":")
            if fields[3] == "0A" and int(hex_port, 16) == port:
                found.append(_hex_address(address))
    return found


def test_hex_addresses_parse_as_the_kernel_prints_them() -> None:
    assert str(_hex_address("0100007F")) == "127.0.0.1"
    assert str(_hex_address("00000000")) == "0.0.0.0"
    assert str(_hex_address("00000000000000000000000001000000")) == "::1"


def test_the_command_sets_every_server_setting_explicitly() -> None:
    command = streamlit_command(8600)
    assert command[:6] == [sys.executable, "-P", "-m", "streamlit", "run",
                           str(dashboard_app_path())]
    options = dict(zip(command[6::2], command[7::2], strict=True))
    assert options == {
        "--server.address": "localhost", "--server.port": "8600",
        "--server.headless": "true", "--server.enableXsrfProtection": "true",
        "--server.enableCORS": "true", "--server.maxUploadSize": str(UPLOAD_LIMIT_MIB),
        "--browser.gatherUsageStats": "false", "--client.toolbarMode": "minimal",
        "--theme.base": "light"}


def test_the_widget_and_the_server_share_one_upload_limit() -> None:
    source = (dashboard_app_path().parent / "add_article.py").read_text(encoding="utf-8")
    assert "max_upload_size=UPLOAD_LIMIT_MIB" in source
    assert UPLOAD_LIMIT_MIB == 32


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="needs Linux /proc/net/tcp")
def test_app_started_from_another_folder_listens_on_loopback_only(tmp_path: Path) -> None:
    """Start ``python -m geo app`` in a folder whose config says 0.0.0.0 and XSRF off.

    Before the launcher, ``streamlit run .../dashboard/app.py`` from such a folder (or from
    any folder without drillmap's config) listened on every interface.
    """
    folder = tmp_path / "elsewhere"
    (folder / ".streamlit").mkdir(parents=True)
    (folder / ".streamlit" / "config.toml").write_text(HOSTILE_CONFIG, encoding="utf-8")
    port = _free_port()
    env = {**os.environ, "DRILLMAP_DB": str(tmp_path / "app.sqlite"),
           "DRILLMAP_CACHE_DIR": os.environ.get("DRILLMAP_CACHE_DIR", "")}
    if not env["DRILLMAP_CACHE_DIR"]:
        env.pop("DRILLMAP_CACHE_DIR")
    log = (tmp_path / "server.log").open("wb")
    server = subprocess.Popen([sys.executable, "-m", "geo", "app", "--port", str(port)],
                              cwd=folder, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        addresses: list[ipaddress.IPv4Address | ipaddress.IPv6Address] = []
        while time.monotonic() < deadline and server.poll() is None:
            addresses = listening_addresses(port)
            if addresses:
                break
            time.sleep(0.1)
        assert addresses, (tmp_path / "server.log").read_text(errors="replace")
        time.sleep(0.3)  # IPv4 and IPv6 sockets are opened one after the other
        addresses = listening_addresses(port)
        assert all(a.is_loopback for a in addresses), addresses
        # The running server is the launcher's (exec, one process) with the upload limit.
        argv = Path(f"/proc/{server.pid}/cmdline").read_bytes().split(b"\0")
        assert argv[argv.index(b"--server.maxUploadSize") + 1] == str(UPLOAD_LIMIT_MIB).encode()
        # XSRF protection is on: the health check hands out the token cookie, and an upload
        # without the token is refused before anything else is looked at.
        with urllib.request.urlopen(f"http://localhost:{port}/_stcore/health",
                                    timeout=10) as reply:
            assert "_streamlit_xsrf=" in (reply.headers.get("Set-Cookie") or "")
        upload = urllib.request.Request(f"http://localhost:{port}/_stcore/upload_file/s/f",
                                        data=b"x", method="PUT")
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(upload, timeout=10)
        assert refused.value.code == 403
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
