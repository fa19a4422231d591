"""64 concurrent clients for 60 s against the production serving setup (scripts/serve) on
PostgreSQL: readers on story pages, the home page, topic pages and search; editors on archive
filters and CSV/JSON exports. Prints throughput, p50/p95/p99 and errors; exit status 1 on any
error or timeout. Loopback only; bounded; it stops by itself.

    DATABASE_URL=postgres://.../newsroom ./scripts/uv run python benchmarks/load/run_hardening.py

The database needs the archive (manage.py load_demo, or generate_corpus for a big one).
"""

import argparse
import csv
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from serving import REPO, loopback_only, production_env, running  # noqa: E402

MAX_USERS = 64
MAX_SECONDS = 120
PREPARE = """
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import Group, User
from django.contrib.sessions.backends.db import SessionStore
from articles.models import Article
from core.roles import EDITORS
user, _ = User.objects.get_or_create(username="load-editor", defaults={"is_staff": True})
user.set_unusable_password(); user.save(); user.groups.add(Group.objects.get(name=EDITORS))
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(session.session_key)
print(",".join(a.get_absolute_url() for a in Article.objects.published()[:200]))
"""


def prepare():
    """An editor's session and the paths of published stories, from the database itself."""
    output = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v0", "-c", PREPARE],
        cwd=REPO, env=production_env(), check=True, capture_output=True, text=True,
    ).stdout.split("\n")  # fmt: skip
    session, stories = output[0].strip(), output[1].strip()
    if not stories:
        sys.exit("No published stories: load the demo (manage.py load_demo) first.")
    return session, stories


def summary(prefix):
    with open(f"{prefix}_stats.csv", newline="") as stats:
        rows = list(csv.DictReader(stats))
    with open(f"{prefix}_failures.csv", newline="") as failures:
        failed = list(csv.DictReader(failures))
    return rows, failed


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8163")
    parser.add_argument("--users", type=int, default=64)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--no-start", action="store_true", help="a server already runs at --url")
    args = parser.parse_args()
    if not 0 < args.users <= MAX_USERS or not 0 < args.seconds <= MAX_SECONDS:
        sys.exit(f"--users must be 1-{MAX_USERS} and --seconds 1-{MAX_SECONDS}")
    loopback_only(args.url)
    session, stories = prepare()
    with tempfile.TemporaryDirectory() as scratch:
        prefix = str(Path(scratch) / "load")
        command = [
            sys.executable, "-m", "locust", "-f", str(HERE / "hardening_locustfile.py"),
            "--headless", "--only-summary", "--host", args.url,
            "--users", str(args.users), "--spawn-rate", str(args.users),
            "--run-time", f"{args.seconds}s", "--stop-timeout", "10",
            "--csv", prefix, "--stories", stories, "--session", session,
        ]  # fmt: skip
        if args.no_start:
            subprocess.run(command, check=False)
        else:
            with running(args.url):
                subprocess.run(command, check=False)
        rows, failed = summary(prefix)
    print(f"\n{args.users} clients, {args.seconds} s, {args.url}")
    print(f"{'request':32} {'count':>7} {'fail':>5} {'req/s':>7} {'p50':>6} {'p95':>6} {'p99':>6}")
    for row in rows:
        print(
            f"{row['Name'][:32]:32} {row['Request Count']:>7} {row['Failure Count']:>5} "
            f"{float(row['Requests/s']):7.1f} {row['50%']:>6} {row['95%']:>6} {row['99%']:>6}"
        )
    total = next(row for row in rows if row["Name"] == "Aggregated")
    errors = int(total["Failure Count"])
    for failure in failed:
        print(
            f"failure: {failure['Method']} {failure['Name']}: {failure['Error']} x{failure['Occurrences']}"
        )
    print(f"result: {'PASS' if errors == 0 else 'FAIL'}, {errors} errors (timeouts included)")
    sys.exit(0 if errors == 0 else 1)


if __name__ == "__main__":
    main()
