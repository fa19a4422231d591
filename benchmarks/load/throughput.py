"""Requests per second under the production serving setup (scripts/serve: nginx, gunicorn with
production settings, 2 workers by default), with the shared page cache on and then off, for a
bare template view (/robots.txt), a story page, the home page and the editors' archive with a
common filter. Prints one table (req/s, p50/p95/p99, errors, and each page's req/s as a share
of the bare view's in the same run). The load comes from wrk (Debian: apt-get install wrk),
whose C event loop leaves the two cores it shares with the servers to the servers. Loopback
only; every run is bounded in time; it stops by itself and exits 1 on any error.

    DATABASE_URL=postgres://.../newsroom REDIS_URL=redis://127.0.0.1:6379/3 \\
        ./scripts/uv run python benchmarks/load/throughput.py [--seconds 15] [--clients 8]

The database needs the archive (manage.py load_demo, or generate_corpus for a big one).
"Cache off" serves with PAGE_CACHE=off: every page drawn for every request.
"""

import argparse
import json
import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from run_hardening import prepare  # noqa: E402
from serving import loopback_only, running  # noqa: E402

MAX_SECONDS = 60
MAX_CLIENTS = 32
WRK = shutil.which("wrk") or "/usr/bin/wrk"
ERROR_KINDS = ("connect", "read", "write", "timeout", "not_200")  # benchmarks/load/wrk_report.lua


def hammer(url, path, seconds, clients, cookie=None):
    """wrk: ``clients`` keep-alive connections asking for ``path`` for ``seconds``; its report
    (benchmarks/load/wrk_report.lua): requests, seconds, p50/p95/p99 in seconds, errors.
    One wrk thread: its event loop keeps the connections busy, and a second would take a
    core from the servers it measures."""
    command = [WRK, "--threads", "1", "--connections", str(clients), "--duration",
               f"{seconds:g}s", "--timeout", "30s", "--script", str(HERE / "wrk_report.lua")]  # fmt: skip
    if cookie:
        command += ["--header", f"Cookie: {cookie}"]
    output = subprocess.run(
        [*command, url + path], capture_output=True, text=True, check=True, timeout=seconds + 60
    ).stdout
    report = json.loads(output.strip().splitlines()[-1])
    errors = {kind: report[kind] for kind in ERROR_KINDS if report[kind]}
    percentiles = [report[p] / 1e6 for p in ("p50", "p95", "p99")]
    return report["requests"], report["microseconds"] / 1e6, percentiles, errors


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8131")
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", default="2")
    args = parser.parse_args()
    seconds, clients = min(args.seconds, MAX_SECONDS), min(args.clients, MAX_CLIENTS)
    loopback_only(args.url)
    if not Path(WRK).exists():
        sys.exit("throughput.py drives the servers with wrk: apt-get install wrk")
    # One throwaway key for the session made here and the servers that must accept it.
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(60))
    session, stories = prepare()
    story = stories.split(",")[0]
    pages = [
        ("bare template view (/robots.txt)", "/robots.txt", None),
        ("story page", story, None),
        ("home page", "/", None),
        ("archive, one year", "/archive/?published_after=2020-01-01&published_before=2020-12-31",
         f"sessionid={session}"),
    ]  # fmt: skip
    rows, failed = [], False
    for cache in ("on", "off"):
        env = {"WORKERS": args.workers, "PAGE_CACHE": cache}
        if cache == "on" and not os.environ.get("REDIS_URL"):
            sys.exit("Set REDIS_URL: the shared cache is what 'cache on' measures.")
        with running(args.url, **env):
            bare = None
            for name, path, cookie in pages:
                hammer(args.url, path, 2, clients, cookie)  # warm: first hits fill the cache
                count, took, percentiles, errors = hammer(args.url, path, seconds, clients, cookie)
                rate = count / took
                bare = bare or rate
                failed = failed or bool(errors) or not count
                if errors:
                    print(f"{name}, cache {cache}: errors {errors}")
                rows.append((cache, name, count, sum(errors.values()), rate, rate / bare,
                             *(p * 1000 for p in percentiles)))  # fmt: skip
    print(f"\n{clients} clients, {seconds:g} s a page, WORKERS={args.workers}, {args.url}\n")
    print("| cache | page | requests | errors | req/s | share of bare | p50 ms | p95 ms | p99 ms |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for cache, name, count, errors, rate, share, p50, p95, p99 in rows:
        print(f"| {cache} | {name} | {count} | {errors} | {rate:.1f} | {share:.0%} | "
              f"{p50:.1f} | {p95:.1f} | {p99:.1f} |")  # fmt: skip
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
