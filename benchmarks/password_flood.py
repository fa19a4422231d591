"""A password-guessing flood against the production serving setup, with the home page timed
before and during it.

Each flood client fetches the sign-in form once (for its CSRF token), then posts wrong
passwords as fast as it is answered, for a known account and for made-up ones. django-axes
locks the account and the address after a few failures, and the proxy bounds sign-in posts
per address and for the whole site, so the flood should cost little CPU: the home page must
stay within 2x its quiet median. Loopback only; bounded; it stops by itself. Exit status 1 if
the home page slowed past the bound or any answer was a server error.

    DATABASE_URL=postgres://... ./scripts/uv run python benchmarks/password_flood.py --start
    # many addresses at once (each flood client from its own 127.0.0.x):
    ... benchmarks/password_flood.py --start --addresses 16
"""

import argparse
import http.client
import multiprocessing
import re
import secrets
import sys
import time
from collections import Counter

from serving import loopback_only, percentile, running

MAX_CLIENTS = 32
MAX_SECONDS = 120
TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


def home_latencies(host, port, count):
    connection = http.client.HTTPConnection(host, port, timeout=30)
    seconds = []
    for _ in range(count):
        started = time.perf_counter()
        connection.request("GET", "/")
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            raise SystemExit(f"GET / answered {response.status}")
        seconds.append(time.perf_counter() - started)
    connection.close()
    return seconds


def flood(host, port, source, stop_at, results):
    """One flood client (its own process, so the timing below never waits on it for the GIL)."""
    outcomes = Counter()
    connection = http.client.HTTPConnection(host, port, timeout=30, source_address=(source, 0))
    connection.request("GET", "/admin/login/")
    response = connection.getresponse()
    page = response.read()
    cookie = response.getheader("Set-Cookie", "").split(";")[0]
    token = TOKEN.search(page).group(1).decode()
    guess = 0
    while time.monotonic() < stop_at:
        username = "admin" if guess % 2 == 0 else f"nobody-{secrets.token_hex(4)}"
        body = (
            f"csrfmiddlewaretoken={token}&username={username}&password=guess-{guess}&next=/admin/"
        )
        connection.request(
            "POST",
            "/admin/login/",
            body=body,
            headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie},
        )
        response = connection.getresponse()
        response.read()
        kind = response.getheader("Content-Type", "")
        if response.status == 429:
            outcome = "429 from the proxy" if kind.startswith("text/plain") else "429 locked out"
        else:
            outcome = f"{response.status} (password checked)"
        outcomes[outcome] += 1
        guess += 1
        if response.getheader("Connection", "").lower() == "close":
            connection.close()
            connection = http.client.HTTPConnection(
                host, port, timeout=30, source_address=(source, 0)
            )
    connection.close()
    results.put(outcomes)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8162")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--addresses", type=int, default=1, help="distinct 127.0.0.x sources")
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--samples", type=int, default=40, help="home page requests per phase")
    parser.add_argument("--start", action="store_true", help="start scripts/serve at --url")
    args = parser.parse_args()
    if not 0 < args.clients <= MAX_CLIENTS or not 0 < args.seconds <= MAX_SECONDS:
        sys.exit(f"--clients must be 1-{MAX_CLIENTS} and --seconds 1-{MAX_SECONDS}")
    if not 0 < args.addresses <= min(args.clients, 200):
        sys.exit("--addresses must be between 1 and --clients")
    return args


def measure_flood(args, host, port):
    """Time the home page quiet, then while the clients guess passwords; True when it holds."""
    home_latencies(host, port, 5)  # warm up
    quiet = home_latencies(host, port, args.samples)
    results = multiprocessing.Queue()
    stop_at = time.monotonic() + args.seconds
    sources = [f"127.0.0.{1 + i % args.addresses}" for i in range(args.clients)]
    clients = [
        multiprocessing.Process(target=flood, args=(host, port, s, stop_at, results))
        for s in sources
    ]
    for client in clients:
        client.start()
    time.sleep(2)  # let the flood build up before timing
    during = []
    while time.monotonic() < stop_at - 1:
        during += home_latencies(host, port, 5)
    outcomes = Counter()
    for _ in clients:
        outcomes.update(results.get(timeout=60))
    for client in clients:
        client.join()
    return quiet, during, outcomes


def report(args, quiet, during, outcomes):
    quiet_p50, flood_p50 = percentile(quiet, 0.5), percentile(during, 0.5)
    print(f"flood: {args.clients} clients from {args.addresses} address(es), {args.seconds} s")
    print(
        f"guesses: {sum(outcomes.values())}; "
        + ", ".join(f"{k}: {v}" for k, v in sorted(outcomes.items()))
    )
    print(
        f"home page quiet: p50 {quiet_p50 * 1000:.0f} ms, p95 {percentile(quiet, 0.95) * 1000:.0f} ms "
        f"({len(quiet)} requests)"
    )
    print(
        f"home page during the flood: p50 {flood_p50 * 1000:.0f} ms, "
        f"p95 {percentile(during, 0.95) * 1000:.0f} ms ({len(during)} requests)"
    )
    ratio = flood_p50 / quiet_p50
    errors = sum(v for k, v in outcomes.items() if k.startswith("5"))
    ok = ratio <= 2.0 and errors == 0
    print(f"result: {'PASS' if ok else 'FAIL'}, during/quiet median = {ratio:.2f} (bound 2.00)")
    return ok


def main():
    args = parse_args()
    host, port = loopback_only(args.url)
    if args.start:
        with running(args.url):
            ok = report(args, *measure_flood(args, host, port))
    else:
        ok = report(args, *measure_flood(args, host, port))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
