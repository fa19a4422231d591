"""Slow clients against the production serving setup, with /healthz watched throughout.

Half the sockets send a request header one byte at a time, the other half announce a body and
send it one byte at a time (the "slowloris" and "slow POST" attacks). Meanwhile /healthz is
asked once a second. Printed: how /healthz answered, and how long the server let the slow
sockets hang on before cutting them off. Loopback only; bounded in sockets and seconds; it
stops by itself. Exit status 1 if /healthz failed or was slower than --max-health-seconds.

    DATABASE_URL=postgres://... ./scripts/uv run python benchmarks/slow_clients.py --start
    # the same attack on the old serving line (bare gunicorn, sync workers), for comparison:
    DATABASE_URL=postgres://... ./scripts/uv run python benchmarks/slow_clients.py --start --bare-sync
"""

import argparse
import asyncio
import sys
import time

from serving import REPO, loopback_only, percentile, running

MAX_SOCKETS = 2000
MAX_SECONDS = 300


async def slow_socket(host, port, kind, interval, stop_at, cut):
    """Dribble a header (or a body) until the server gives up on us or time is up."""
    started = time.monotonic()
    try:
        reader, writer = await asyncio.open_connection(host, port)
    except OSError:
        cut.append(("refused", 0.0))
        return
    if kind == "header":
        writer.write(f"GET / HTTP/1.1\r\nHost: {host}\r\nX-Slow: ".encode())
    else:
        writer.write(
            f"POST / HTTP/1.1\r\nHost: {host}\r\nContent-Type: text/plain\r\n"
            "Content-Length: 100000\r\n\r\n".encode()
        )
    try:
        while time.monotonic() < stop_at:
            writer.write(b"a")
            await writer.drain()
            try:
                await asyncio.wait_for(reader.read(4096), timeout=interval)
            except TimeoutError:
                continue
            # The server answered (408, 400) or closed the connection: it stopped waiting.
            cut.append((kind, time.monotonic() - started))
            return
        cut.append(("held to the end", time.monotonic() - started))
    except (ConnectionError, OSError):
        cut.append((kind, time.monotonic() - started))
    finally:
        writer.close()


async def health_probe(host, port, timeout):
    started = time.monotonic()
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
        writer.write(f"GET /healthz HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        status_line = await asyncio.wait_for(reader.readline(), timeout)
        await asyncio.wait_for(reader.read(), timeout)
        writer.close()
        ok = status_line.split()[1:2] == [b"200"]
    except (TimeoutError, OSError, IndexError):
        ok = False
    return ok, time.monotonic() - started


async def attack(host, port, sockets, seconds, interval, probe_timeout):
    stop_at = time.monotonic() + seconds
    cut = []
    slow = [
        asyncio.create_task(
            slow_socket(host, port, "header" if i % 2 == 0 else "body", interval, stop_at, cut)
        )
        for i in range(sockets)
    ]
    probes = []
    while time.monotonic() < stop_at:
        tick = time.monotonic()
        probes.append(await health_probe(host, port, probe_timeout))
        await asyncio.sleep(max(0.0, 1.0 - (time.monotonic() - tick)))
    await asyncio.gather(*slow)
    return probes, cut


def report(probes, cut, max_health):
    latencies = [seconds for ok, seconds in probes if ok]
    failed = sum(1 for ok, _ in probes if not ok)
    print(f"/healthz: {len(probes)} probes, {len(latencies)} answered 200, {failed} failed")
    if latencies:
        print(
            f"/healthz latency: p50 {percentile(latencies, 0.5) * 1000:.0f} ms, "
            f"p95 {percentile(latencies, 0.95) * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms"
        )
    for kind in ("header", "body", "held to the end", "refused"):
        held = [seconds for k, seconds in cut if k == kind]
        if held:
            label = kind if kind in {"held to the end", "refused"} else f"slow {kind} cut off"
            print(
                f"{label}: {len(held)} sockets, after median {percentile(held, 0.5):.1f} s "
                f"(max {max(held):.1f} s)"
            )
    healthy = failed == 0 and bool(latencies) and max(latencies) <= max_health
    print("result:", "PASS, /healthz answered throughout" if healthy else "FAIL")
    return healthy


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8160")
    parser.add_argument("--sockets", type=int, default=200)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--interval", type=float, default=5.0, help="seconds between bytes")
    parser.add_argument("--probe-timeout", type=float, default=5.0)
    parser.add_argument("--max-health-seconds", type=float, default=2.0)
    parser.add_argument("--start", action="store_true", help="start scripts/serve at --url")
    parser.add_argument(
        "--bare-sync",
        action="store_true",
        help="with --start: the old line instead (gunicorn alone, 2 sync workers)",
    )
    args = parser.parse_args()
    if not 0 < args.sockets <= MAX_SOCKETS or not 0 < args.seconds <= MAX_SECONDS:
        sys.exit(f"--sockets must be 1-{MAX_SOCKETS} and --seconds 1-{MAX_SECONDS}")
    host, port = loopback_only(args.url)
    print(f"{args.sockets} slow sockets for {args.seconds} s, a byte every {args.interval} s")

    def run():
        probes, cut = asyncio.run(
            attack(host, port, args.sockets, args.seconds, args.interval, args.probe_timeout)
        )
        return report(probes, cut, args.max_health_seconds)

    if not args.start:
        sys.exit(0 if run() else 1)
    command = None
    if args.bare_sync:
        gunicorn = str(REPO / ".venv" / "bin" / "gunicorn")
        command = [gunicorn, "newsroom.wsgi", "--bind", f"{host}:{port}", "--workers", "2"]
    with running(args.url, command=command):
        healthy = run()
    sys.exit(0 if healthy else 1)


if __name__ == "__main__":
    main()
