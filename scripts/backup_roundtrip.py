"""Prove a PostgreSQL backup restores: dump the database with pg_dump, restore the dump into a
new database with pg_restore, and compare every table's row count and a checksum of its rows.

    DATABASE_URL=postgres://USER@HOST:5432/newsroom ./scripts/uv run python scripts/backup_roundtrip.py
        [--target newsroom_restore_check] [--keep] [--dump-file PATH]

The procedure it runs is the one docs/operations.md gives for backups and restores. The target
database is created (it must not exist) and dropped afterwards unless --keep. Exit status 1
if any table differs.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql


def with_database(url, name):
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


def tables(connection):
    return connection.execute(
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name"
    ).fetchall()


def fingerprint(connection, table):
    """Row count and an md5 over the rows' text forms, in a fixed order."""
    query = sql.SQL(
        "SELECT count(*), coalesce(md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))), '')"
        " FROM {} AS t"
    ).format(sql.Identifier(table))
    return connection.execute(query).fetchone()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--target", help="database to restore into (default: <source>_restore_check)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the restored database")
    parser.add_argument("--dump-file", type=Path, help="keep the dump here (custom format)")
    args = parser.parse_args()
    source_url = os.environ.get("DATABASE_URL", "")
    if not source_url.startswith(("postgres://", "postgresql://")):
        sys.exit("Set DATABASE_URL to the PostgreSQL database to back up.")
    source = urlsplit(source_url).path.lstrip("/")
    target = args.target or f"{source}_restore_check"
    target_url = with_database(source_url, target)
    with tempfile.TemporaryDirectory() as scratch:
        dump = args.dump_file or Path(scratch) / f"{source}.dump"
        started = time.monotonic()
        # The backup: custom format (compressed, restorable table by table), no owners or
        # grants so it restores under any role.
        subprocess.run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-acl", f"--file={dump}", source_url],
            check=True,
        )
        dumped = time.monotonic()
        with psycopg.connect(with_database(source_url, "postgres"), autocommit=True) as admin:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(target)))
        try:
            subprocess.run(
                ["pg_restore", "--no-owner", "--no-acl", "--exit-on-error",
                 f"--dbname={target_url}", str(dump)],
                check=True,
            )  # fmt: skip
            restored = time.monotonic()
            different = compare(source_url, target_url)
        finally:
            if not args.keep:
                with psycopg.connect(
                    with_database(source_url, "postgres"), autocommit=True
                ) as admin:
                    admin.execute(
                        sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(target))
                    )
        size = dump.stat().st_size
    print(
        f"dump {size / 1e6:.1f} MB in {dumped - started:.1f} s, restore in {restored - dumped:.1f} s"
        f" into {target}{' (kept)' if args.keep else ' (dropped)'}"
    )
    if different:
        print("DIFFERENT:", ", ".join(different))
        sys.exit(1)
    print("result: PASS, every table restored with the same rows")


def compare(source_url, target_url):
    different = []
    with psycopg.connect(source_url) as old, psycopg.connect(target_url) as new:
        names = [name for (name,) in tables(old)]
        restored_names = {name for (name,) in tables(new)}
        total = 0
        for name in names:
            before = fingerprint(old, name)
            after = fingerprint(new, name) if name in restored_names else (None, None)
            total += before[0]
            if before != after:
                different.append(f"{name} ({before[0]} rows before, {after[0]} after)")
        print(f"{len(names)} tables, {total} rows compared (count and md5 of every row)")
    return different


if __name__ == "__main__":
    main()
