"""Start the production serving setup (``scripts/serve``) on loopback for a measurement, and
stop it afterwards; the attack and load scripts beside this file use it.

Production settings need a secret key and host names: a throwaway key is made for the run,
hosts are the loopback names, and HTTPS redirects are off because the run speaks plain HTTP
to 127.0.0.1. ``DATABASE_URL`` (and ``REDIS_URL``) come from the environment as usual.
"""

import contextlib
import ipaddress
import os
import secrets
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent


def loopback_only(url):
    """``(host, port)`` of ``url``, refusing anything that is not this machine's loopback."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    addresses = {info[4][0] for info in socket.getaddrinfo(host, parts.port or 80)}
    if not addresses or not all(ipaddress.ip_address(a).is_loopback for a in addresses):
        raise SystemExit(f"{url}: these scripts only ever talk to 127.0.0.0/8 or [::1].")
    return host, parts.port or 80


def production_env(**extra):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings.prod",
        SECRET_KEY=env.get("SECRET_KEY") or secrets.token_urlsafe(60),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        **extra,
    )
    return env


def wait_until_up(url, seconds=90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(url + "/healthz", timeout=2) as response,
        ):
            if response.status == 200:
                return
        time.sleep(0.5)
    raise SystemExit(f"{url}/healthz did not answer within {seconds} s")


@contextlib.contextmanager
def running(url, command=None, **env):
    """Serve ``url`` (loopback) with ``scripts/serve`` (or ``command``) for the ``with`` block."""
    host, port = loopback_only(url)
    command = command or [str(REPO / "scripts" / "serve")]
    subprocess.run(
        [str(REPO / "scripts" / "uv"), "run", "--no-sync", "python", "manage.py",
         "collectstatic", "--noinput", "-v0"],
        cwd=REPO, env=production_env(), check=True,
    )  # fmt: skip
    process = subprocess.Popen(
        command,
        cwd=REPO,
        env=production_env(BIND=f"{host}:{port}", **env),
        start_new_session=True,  # its own process group, stopped as one below
    )
    try:
        wait_until_up(url)
        yield process
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def percentile(values, share):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]
