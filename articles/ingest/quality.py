"""Precision and recall of the linker against gold files written for known texts."""

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from core.text import fold

from .analysis import analyse

KINDS = ("people", "organizations", "quotes", "figures")
TARGETS = {"people": 0.95, "organizations": 0.95, "quotes": 0.90, "figures": 0.90}


@dataclass
class Score:
    gold: int = 0
    found: int = 0
    correct: int = 0
    misses: list = field(default_factory=list)
    extras: list = field(default_factory=list)

    @property
    def precision(self):
        return self.correct / self.found if self.found else 1.0

    @property
    def recall(self):
        return self.correct / self.gold if self.gold else 1.0


def _identity(kind, item):
    if kind == "people":
        return item["person"] or fold(item["name"])
    if kind == "organizations":
        return item["organization"] or fold(item["name"])
    if kind == "quotes":
        speaker = item["speaker"] or ""
        return (
            speaker if "-" in speaker else fold(speaker),
            re.sub(r"\W+", " ", fold(item["text"])).strip(),
        )
    return (item["kind"], float(item["value"]))


def _same(kind, gold, found):
    if _identity(kind, gold) != _identity(kind, found):
        return False
    if kind == "quotes":
        return True
    if kind == "people" and gold["person"] is None:
        return gold["start"] < found["end"] and found["start"] < gold["end"]
    return gold["start"] < found["end"] and found["start"] < gold["end"]


def compare(kind, gold_items, found_items, score):
    unmatched = list(found_items)
    score.gold += len(gold_items)
    score.found += len(found_items)
    for gold in gold_items:
        match = next((item for item in unmatched if _same(kind, gold, item)), None)
        if match is None:
            score.misses.append(gold)
        else:
            unmatched.remove(match)
            score.correct += 1
    score.extras.extend(unmatched)


def gold_files(folder):
    return sorted(Path(folder).glob("*.gold.json"))


def evaluate(folder, gazetteer):
    """{set name: {kind: Score}} with sets "seed" and "own"; skipped files listed apart."""
    scores, skipped = {}, []
    for path in gold_files(folder):
        gold = json.loads(path.read_text(encoding="utf-8"))
        source = (path.parent / gold["source"]).resolve()
        if not source.is_file():
            skipped.append(str(source))
            continue
        text = source.read_text(encoding="utf-8")
        found = analyse(text, gazetteer, dt.date.fromisoformat(gold["date"])).as_json()
        group = "seed" if path.name.startswith("seed") else "own"
        for kind in KINDS:
            score = scores.setdefault(group, {}).setdefault(kind, Score())
            compare(kind, gold[kind], found[kind], score)
    return scores, skipped
