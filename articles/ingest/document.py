"""One text prepared for reading: folded for matching, cut into paragraphs and sentences."""

from dataclasses import dataclass
from functools import cached_property

from .text import fold_mapped, locate, original_span, paragraph_blocks, sentence_blocks


@dataclass
class Document:
    text: str

    @cached_property
    def _folded(self):
        return fold_mapped(self.text)

    @property
    def folded(self):
        return self._folded[0]

    def span(self, start, end):
        """Original offsets of a folded span."""
        return original_span(self._folded[1], start, end)

    @cached_property
    def paragraphs(self):
        return paragraph_blocks(self.text)

    @cached_property
    def sentences(self):
        return sentence_blocks(self.text, self.paragraphs)

    def paragraph_of(self, offset):
        block = locate(self.paragraphs, offset)
        return block.number if block else None

    def sentence_of(self, offset):
        return locate(self.sentences, offset)
