"""Chinese-aware split points, shared by chunking and answer extraction.

Split points are zero-width regular expressions, strongest first: sentence
ends (。！？), then semicolons, then commas. None of them falls inside a
quotation (“…”, 《…》) and each terminator stays with its own sentence.
"""
from __future__ import annotations

import re

#: not inside “…” or 《…》: the next quote mark ahead is not a closing one
_OUTSIDE_QUOTES = r"(?![^“”]*”)(?![^《》]*》)"
#: after a terminator (and any closing quotes/brackets that follow it)
SENTENCE_END = r"(?<=[。！？!?])(?![。！？!?”’」』）)】])" + _OUTSIDE_QUOTES
SENTENCE_END_QUOTED = r"(?<=[。！？!?][”’」』）)】])(?![”’」』）)】])" + _OUTSIDE_QUOTES
SEMICOLON = r"(?<=[；;])" + _OUTSIDE_QUOTES
COMMA = r"(?<=[，,、])(?!\d)" + _OUTSIDE_QUOTES
#: last resort inside a long clause: never between two digits or inside a number
NOT_IN_NUMBER = r"(?<![0-9０-９.．%％])(?![0-9０-９.．%％])"

#: the splitter's separators, strongest first (paragraph break, sentences, clauses)
SEPARATORS: tuple[str, ...] = (
    r"\n\n",
    f"{SENTENCE_END}|{SENTENCE_END_QUOTED}",
    SEMICOLON,
    COMMA,
    NOT_IN_NUMBER,
)

_SENTENCE_RE = re.compile(f"{SENTENCE_END}|{SENTENCE_END_QUOTED}|\n+")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Split text into sentences.

    Args:
        text: clean paragraph or chunk text.
    Returns:
        ``[start, end)`` spans of the non-empty sentences, terminators included.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_RE.finditer(text):
        end = match.start()
        if end > start:
            spans.append((start, end))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [(a, b) for a, b in (_trim(text, a, b) for a, b in spans) if b > a]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
