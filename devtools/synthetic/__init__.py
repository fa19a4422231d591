"""A deterministic synthetic archive for measuring search and the archive at scale.

Everything written here is marked: stories carry ``is_synthetic=True``, people have slugs that
start with ``synthetic-``, and all stories sit in the "Synthetic" section of the "Synthetic
Gazette". The same ``seed`` and sizes always give the same rows.

What it looks like, so benchmarks can rely on it:

- people: first and last names from the lists below (some accented), each with 0-3 other names
  (the spelling without accents, the last name alone, a formal first name), about 0.84 on
  average (some 16,700 for the default 20,000 people).
- stories: a 6-13 word headline, a 15-35 word dek and a body in 4-12 paragraphs of about
  250-900 words (median about 550): 150-650 words of sentences drawn from a pool built from a
  Zipf-weighted vocabulary, plus what the people say and the broad terms below; about 5 people
  mentioned, named in full at first and by last name later, chosen so that a few hundred people
  are in many stories and most in few.
- "prosecutor" is in about 40% of stories and "county" in about 70%: a broad term for
  benchmarks. 95% of stories are published, spread evenly over 2000-2026; the rest are drafts.

Loading streams rows (never the whole archive in memory): PostgreSQL through COPY, SQLite
through executemany, with search triggers and indexes off until the end (see
``articles.search.schema.bulk_load``). Stories are made in blocks of ``BLOCK``, each from its
own seed, so PostgreSQL can load blocks in parallel processes and still get the same archive.
Each table's columns come from its model (``tables.Table``): a row gives what the generator
makes and every other column gets its model default, so a field added with a default needs no
change here, and one without a default is refused before anything is written.
"""

from .corpus import generate

__all__ = ["generate"]
