"""Taking in stories from outside: parsing files, finding who and what they name, suggesting.

``parsing`` reads plain-text and JSON Lines stories; ``gazetteer`` holds every known name in
one Aho-Corasick automaton; ``linker``, ``quotes`` and ``figures`` read a text; ``analysis``
puts them together; ``readers`` turns it into suggestions, in worker processes for a bulk
import; ``importer`` writes stories and their suggestions; ``edits`` reads a story again when
its text is changed by hand; ``review`` accepts or rejects suggestions. See docs/ingest.md.
"""
