"""A PNG export never reaches the network: every connect and send of Chromium is traced.

How it detects an attempt: the export runs in a child process under ``strace -f`` (the
browser and all its helper processes), which records every ``connect``, ``sendto``,
``sendmsg`` and ``sendmmsg`` system call with its address and, with ``-yy``, the socket's kind
and peer. This sees an attempt whether or not the network is there (a blocked or absent
network would hide it), before any packet could leave. An attempt is:

* a TCP ``connect`` to an address that is not loopback (it would send a SYN);
* a datagram sent to an address that is not loopback (a DNS query, QUIC, anything);
* a UDP ``connect`` to port 53 (a DNS server about to be asked).

A UDP ``connect`` elsewhere sends nothing (the kernel only picks a route): Chromium's IPv6
reachability check does that before each host name look-up, and it stays allowed. Loopback
connections stay allowed too: the dead proxy every browser request is sent to is on
127.0.0.1. Before the fix the same export made DNS queries for Google's update and account
hosts (UDP connects and sends to the resolver's port 53).
"""

from __future__ import annotations

import ipaddress
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from geo.export.options import BrowserUnavailableError
from geo.export.png import MapRenderer

_SYSCALL = re.compile(r"\b(connect|sendto|sendmsg|sendmmsg)\((\d+)(?:<((?:->|[^>])*)>)?")
_EXPLICIT = re.compile(r'inet_addr\("([^"]+)"\)|inet_pton\(AF_INET6?, "([^"]+)"')
_PEER = re.compile(r"->\[?([0-9A-Fa-f:.]+?)\]?:(\d+)\]?$")
_PORT = re.compile(r"htons\((\d+)\)")


def _is_loopback(text: str) -> bool:
    address = ipaddress.ip_address(text)
    mapped = getattr(address, "ipv4_mapped", None)
    return bool(address.is_loopback or (mapped is not None and mapped.is_loopback))


def outbound_attempts(trace: str) -> list[str]:
    """The lines of an ``strace -yy`` log that try to reach another machine (see above)."""
    attempts = []
    for line in trace.splitlines():
        call = _SYSCALL.search(line)
        if call is None:
            continue
        name, socket_info = call.group(1), call.group(3) or ""
        addresses = [a or b for a, b in _EXPLICIT.findall(line)]
        peer = _PEER.search(socket_info)
        if peer:
            addresses.append(peer.group(1))
        remote = [a for a in addresses if not _is_loopback(a)]
        if not remote:
            continue
        port = _PORT.search(line)
        if (name == "connect" and socket_info.startswith("UDP")
                and not (port and port.group(1) == "53")):
            continue  # a route look-up: no datagram leaves
        attempts.append(line)
    return attempts


def test_the_rules_flag_dns_and_remote_traffic_and_allow_loopback() -> None:
    trace = "\n".join([
        # what the export did before the fix
        '11768 connect(21<UDP:[581]>, {sa_family=AF_INET, sin_port=htons(53), '
        'sin_addr=inet_addr("10.255.255.53")}, 16) = 0',
        '11768 sendmmsg(21<UDP:[10.0.0.2:40000->10.255.255.53:53]>, [...], 2, MSG_NOSIGNAL) = 2',
        '11768 connect(22<TCP:[583]>, {sa_family=AF_INET, sin_port=htons(443), '
        'sin_addr=inet_addr("142.250.74.36")}, 16) = -1 EINPROGRESS',
        '11768 sendto(23<UDPv6:[584]>, "x", 1, 0, {sa_family=AF_INET6, sin6_port=htons(443), '
        'inet_pton(AF_INET6, "2001:4860:4860::8888", &sin6_addr)}, 28) = 1',
        # allowed: the dead proxy, the IPv6 route check, local sockets
        '18206 connect(21<TCP:[585]>, {sa_family=AF_INET, sin_port=htons(9), '
        'sin_addr=inet_addr("127.0.0.1")}, 16) = -1 ECONNREFUSED',
        '18206 connect(21<UDPv6:[586]>, {sa_family=AF_INET6, sin6_port=htons(443), '
        'sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "2001:4860:4860::8888", &sin6_addr), '
        'sin6_scope_id=0}, 28) = 0',
        '13812 connect(34<UNIX:[587]>, {sa_family=AF_UNIX, sun_path="/run/dbus/x"}, 29) = -1',
        '11625 sendmsg(12<UNIX-STREAM:[588->589]>, {msg_name=NULL, ...}, MSG_NOSIGNAL) = 8',
    ])
    flagged = outbound_attempts(trace)
    assert [line.split("(")[0].split()[-1] for line in flagged] == [
        "connect", "sendmmsg", "connect", "sendto"]


_EXPORT = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from geo.analysis.pipeline import build_dataset
    from geo.export.html import map_page
    from geo.export.options import ExportOptions
    from geo.export.png import MapRenderer
    ds = build_dataset()
    with MapRenderer() as renderer:
        options = ExportOptions(width=800, height=450, event="flight-tactical-ruzhansky-2023")
        png = renderer.render_html(map_page(ds, options, static=True), width=800, height=450)
        Path(sys.argv[1]).write_bytes(png)
        time.sleep(1.5)  # the browser's background services start within its first second
""")


def _strace_works() -> bool:
    if shutil.which("strace") is None:
        return False
    probe = subprocess.run(["strace", "-f", "-qq", "--seccomp-bpf", "-e", "trace=connect",
                            "-o", "/dev/null", "true"],
                           capture_output=True)
    return probe.returncode == 0


@pytest.mark.browser
@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian's chromium is missing")
@pytest.mark.skipif(not _strace_works(), reason="strace missing or ptrace not permitted "
                                                "(scripts/run-tests.sh installs it)")
def test_png_export_makes_no_outbound_connection_attempt(tmp_path: Path) -> None:
    log, png = tmp_path / "trace.log", tmp_path / "map.png"
    run = subprocess.run(
        ["strace", "-f", "-qq", "-yy", "--seccomp-bpf", "-e", "signal=none",
         "-e", "trace=execve,connect,sendto,sendmsg,sendmmsg", "-o", str(log),
         sys.executable, "-c", _EXPORT, str(png)],
        capture_output=True, text=True, timeout=240)
    assert run.returncode == 0, run.stderr[-2000:]
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
    trace = log.read_text(errors="replace")
    assert re.search(r'execve\("[^"]*chromium', trace), "the tracer did not follow Chromium"
    assert outbound_attempts(trace) == []


@pytest.mark.browser
def test_a_browser_that_will_not_start_is_one_line(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    broken = tmp_path / "chromium"
    broken.write_text("#!/bin/sh\n" + "".join(f"echo 'log line {i}' >&2\n" for i in range(30))
                      + "exit 1\n", encoding="utf-8")
    broken.chmod(0o755)
    monkeypatch.setenv("DRILLMAP_CHROMIUM", str(broken))
    with pytest.raises(BrowserUnavailableError) as failure:
        MapRenderer(timeout_s=20).start()
    message = str(failure.value)
    assert "\n" not in message and message.startswith(f"could not start Chromium at {broken}")
    assert "log line" not in message
