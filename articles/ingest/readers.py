"""Reading stories in worker processes, beside the importer's writing.

Linking a story and building its suggestions is pure Python. In the importer's own process
it took turns with the writing threads under one interpreter lock, and the database waited
for both (docs/ingest.md). Worker processes forked from the importer read the gazetteer it
built (the operating system shares its pages until they are written) and send back each
story's suggestions, a few hundred bytes pickled. They have no database: the figures among
the suggestions are checked against the record where the story is written
(``suggestions.check_record``), in the writer's connection and transaction.
"""

import multiprocessing
import signal
import threading

from . import suggestions
from .analysis import analyse

# Stories sent to a worker at a time: enough to make a message worth its round trip, few
# enough that both workers get a share of every batch.
CHUNK = 25

# The gazetteer the workers read: set before they are forked, so each has it from the start.
_gazetteer = None


def suggest(gazetteer, body, day, tagged=()):
    """The suggestions for one story's ``body`` as of ``day``, not yet tied to the story."""
    return list(suggestions.build(analyse(body, gazetteer, day), day, tagged))


def _suggest(item):
    return suggest(_gazetteer, *item)


def _ignore_interrupts():
    # Ctrl-C stops the import in the importer's process, which ends the workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class Readers:
    """Suggestions for batches of stories, each item ``(body, day, tagged)``: ``submit(items)``
    hands a batch over and returns a function that gives its results, in order.

    With ``processes``, the batch is read by that many forked worker processes while the
    caller goes on; with none, or in a process already running other threads (a fork copies
    only the thread that forks, and a lock one of the others held would stay held), it is
    read here and then.
    """

    def __init__(self, gazetteer, processes):
        global _gazetteer
        self.gazetteer, self.pool = gazetteer, None
        if processes and threading.active_count() == 1:
            _gazetteer = gazetteer
            context = multiprocessing.get_context("fork")
            self.pool = context.Pool(processes, initializer=_ignore_interrupts)

    @property
    def parallel(self):
        return self.pool is not None

    def submit(self, items):
        if self.pool is None:
            done = [suggest(self.gazetteer, *item) for item in items]
            return lambda: done
        return self.pool.map_async(_suggest, items, chunksize=CHUNK).get

    def close(self):
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
            self.pool = None
