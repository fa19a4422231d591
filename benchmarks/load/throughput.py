"""Requests per second under the production serving setup (scripts/serve: nginx, gunicorn with
production settings, 2 workers by default), with the shared page cache on and then off, for a
bare template view (/robots.txt), a story page, the home page and the editors' archive with a
common filter. Prints one table (req/s, p50/p95/p99, errors, and each page's req/s as a share
of the bare view's in the same run). Loopback only; every run is bounded in time; it stops by
itself and exits 1 on any error.

    DATABASE_URL=postgres://.../newsroom REDIS_URL=redis://127.0.0.1:6379/3 \\
        ./scripts/uv run python benchmarks/load/throughput.py [--seconds 15] [--clients 8]

The database needs the archive (manage.py load_demo, or generate_corpus for a big one).
"Cache off" serves with PAGE_CACHE=off: every page drawn for every request.
"""

import argparse
import http.client
import os
import secrets
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from run_hardening import prepare  # noqa: E402
from serving import loopback_only, percentile, running  # noqa: E402

MAX_SECONDS = 60
MAX_CLIENTS = 32


def hammer(host, port, path, seconds, clients, cookie=None):
    """``clients`` keep-alive connections requesting ``path`` for ``seconds``; latencies, errors."""
    latencies, errors, lock = [], [], threading.Lock()
    deadline = time.monotonic() + seconds
    headers = {"Cookie": cookie} if cookie else {}

    def client():
        connection = http.client.HTTPConnection(host, port, timeout=30)
        mine, failed = [], []
        while time.monotonic() < deadline:
            start = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    failed.append(response.status)
            except (OSError, http.client.HTTPException) as error:
                failed.append(type(error).__name__)
                connection.close()
                connection = http.client.HTTPConnection(host, port, timeout=30)
            mine.append(time.perf_counter() - start)
        connection.close()
        with lock:
            latencies.extend(mine)
            errors.extend(failed)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors, time.perf_counter() - began


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8131")
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", default="2")
    args = parser.parse_args()
    seconds, clients = min(args.seconds, MAX_SECONDS), min(args.clients, MAX_CLIENTS)
    host, port = loopback_only(args.url)
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
                hammer(host, port, path, 2, clients, cookie)  # warm: first hits fill the cache
                latencies, errors, took = hammer(host, port, path, seconds, clients, cookie)
                rate = len(latencies) / took
                bare = bare or rate
                failed = failed or bool(errors)
                if errors:
                    print(f"{name}, cache {cache}: errors {sorted(set(map(str, errors)))}")
                rows.append((cache, name, len(latencies), len(errors), rate, rate / bare,
                             *(percentile(latencies, p) * 1000 for p in (0.5, 0.95, 0.99))))  # fmt: skip
    print(f"\n{clients} clients, {seconds:g} s a page, WORKERS={args.workers}, {args.url}\n")
    print("| cache | page | requests | errors | req/s | share of bare | p50 ms | p95 ms | p99 ms |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for cache, name, count, errors, rate, share, p50, p95, p99 in rows:
        print(f"| {cache} | {name} | {count} | {errors} | {rate:.1f} | {share:.0%} | "
              f"{p50:.1f} | {p95:.1f} | {p99:.1f} |")  # fmt: skip
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
