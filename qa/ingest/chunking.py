"""Paragraphs -> chunks, with langchain-text-splitters and Chinese split points.

A chunk never spans two documents, knows the paragraph(s) it covers and its
span in the original file, and carries a contextual header (title, place,
year, section) that is indexed but never shown as evidence.
"""
from __future__ import annotations

import bisect
import dataclasses

from langchain_text_splitters import RecursiveCharacterTextSplitter

from ..chinese import INSTRUCTION, SEPARATORS
from ..records import Chunk, DocumentInfo, Paragraph
from .docinfo import describe, periods, sections

PARAGRAPH_BREAK = "\n\n"


class Chunker:
    """Split one document's paragraphs into chunks.

    Args:
        chunk_size: most characters in a chunk body.
        chunk_overlap: characters repeated between neighbouring chunks.
        places: place names for the contextual header.
    """

    def __init__(self, chunk_size: int, chunk_overlap: int, places: tuple[str, ...]):
        if chunk_size < 50:
            raise ValueError(f"chunk_size must be at least 50, got {chunk_size}")
        if not 0 <= chunk_overlap < chunk_size:
            raise ValueError(f"chunk_overlap must be in [0, chunk_size), got {chunk_overlap}")
        self.chunk_size = chunk_size
        self.chunk_overlap = chunk_overlap
        self.places = tuple(places)
        self._splitter = RecursiveCharacterTextSplitter(
            separators=list(SEPARATORS),
            is_separator_regex=True,
            keep_separator="end",
            chunk_size=chunk_size,
            chunk_overlap=chunk_overlap,
            add_start_index=True,
            strip_whitespace=True,
        )

    def split(self, doc: str, paragraphs: list[Paragraph], first_id: int = 0,
              pages: tuple[int, ...] = (), info: DocumentInfo | None = None) -> list[Chunk]:
        """Chunk one document.

        Args:
            doc: document name.
            paragraphs: the document's paragraphs, in order.
            first_id: id given to the first chunk (ids are consecutive).
            pages: where each page starts in the original text (PDF), page 1 first.
            info: what the document says about itself (default: :meth:`describe` it).
        Returns:
            The chunks, in document order.
        """
        if not paragraphs:
            return []
        info = info or self.describe(doc, paragraphs)
        section_of = sections(paragraphs)
        period_of = periods(paragraphs, info.years)
        text, offsets, para_starts = _join(paragraphs)
        orders = [(start, start + len(p.text)) for p, start in zip(paragraphs, para_starts)
                  if INSTRUCTION.search(p.text)]
        chunks: list[Chunk] = []
        for piece in self._splitter.create_documents([text]):
            body = piece.page_content
            lo = piece.metadata["start_index"]
            hi = lo + len(body)
            first = bisect.bisect_right(para_starts, lo) - 1
            last = bisect.bisect_right(para_starts, hi - 1) - 1
            numbers = tuple(p.number for p in paragraphs[first : last + 1])
            section = section_of[numbers[0]]
            chunks.append(
                Chunk(
                    id=first_id + len(chunks),
                    doc=doc,
                    paragraphs=numbers,
                    start=offsets[lo],
                    end=offsets[hi - 1] + 1,
                    text=body,
                    header=info.header(section),
                    runs=_runs(offsets[lo:hi]),
                    scope_years=period_of[numbers[0]][0],
                    scope_places=info.places,
                    scope_kind=period_of[numbers[0]][1].value,
                    flagged=tuple((max(a, lo) - lo, min(b, hi) - lo) for a, b in orders if a < hi and lo < b),
                    pages=_pages(offsets, lo, hi, pages),
                )
            )
        return _drop_bare_headings(chunks, first_id)


    def describe(self, doc: str, paragraphs: list[Paragraph]) -> DocumentInfo:
        """What a document says about itself (title, places, date, years), for its headers."""
        return describe(doc, paragraphs, self.places)


def _drop_bare_headings(chunks: list[Chunk], first_id: int) -> list[Chunk]:
    """Drop a chunk that is only a heading the next chunk's header already carries,
    and renumber the rest consecutively from ``first_id``."""
    kept = [
        c for i, c in enumerate(chunks)
        if not (i + 1 < len(chunks) and PARAGRAPH_BREAK not in c.text and c.text in chunks[i + 1].header)
    ]
    return [dataclasses.replace(c, id=first_id + i) for i, c in enumerate(kept)]


def _pages(offsets: list[int], lo: int, hi: int, page_starts: tuple[int, ...]) -> tuple[tuple[int, int], ...]:
    """(position in the chunk, 1-based page) where each page of ``text[lo:hi]`` starts."""
    if not page_starts:
        return ()
    first = bisect.bisect_right(page_starts, offsets[lo])
    marks = [(0, first)]
    for page in range(first + 1, len(page_starts) + 1):
        start = page_starts[page - 1]
        if start > offsets[hi - 1]:
            break
        marks.append((bisect.bisect_left(offsets, start, lo, hi) - lo, page))
    return tuple(marks)


def _runs(offsets: list[int]) -> tuple[tuple[int, int], ...]:
    """Compress per-character offsets to the points where they stop being consecutive."""
    return tuple(
        (i, offsets[i]) for i in range(1, len(offsets)) if offsets[i] != offsets[i - 1] + 1
    )


def _join(paragraphs: list[Paragraph]) -> tuple[str, list[int], list[int]]:
    """The document's clean text with paragraph breaks, each char's original
    offset, and where each paragraph starts in that text."""
    parts: list[str] = []
    offsets: list[int] = []
    starts: list[int] = []
    for p in paragraphs:
        if parts:
            parts.append(PARAGRAPH_BREAK)
            offsets.extend([offsets[-1]] * len(PARAGRAPH_BREAK))
        starts.append(len(offsets))
        parts.append(p.text)
        offsets.extend(p.offsets)
    return "".join(parts), offsets, starts
