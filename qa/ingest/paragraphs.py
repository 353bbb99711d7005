"""Rebuild real paragraphs from raw PDF/newspaper text extractions.

The seed files wrap lines every 13-38 characters, are sometimes double-spaced,
break sentences across columns with blank lines, put spaces inside words and
numbers ("增 长 5%") and carry footnote marks (①-㉜). This module joins wrapped
lines back into paragraphs, cleans the text, and keeps for every character of
the cleaned text its position in the ORIGINAL file, so any span of a paragraph
maps back to the original for citation and highlighting.
"""
from __future__ import annotations

import os
import re
import statistics
from dataclasses import dataclass

from ..chinese import FOOTNOTE_MARKS, ends_sentence
from ..records import Paragraph

#: a document is hard-wrapped when 90% of its non-empty lines are at most this
#: long (seed files: 16 and 33 for the two wrapped ones, 214+ for the others)
WRAPPED_P90_MAX = 45
#: a document with fewer non-empty lines than this is never judged wrapped (a
#: title over one sentence is not a column of wrapped lines)
MIN_WRAPPED_LINES = 8
#: in a wrapped document a line at least this share of the local column width
#: (median length of the lines around it), and not ending a sentence, continues
#: on the next line, even across blank lines (column and page breaks)
FULL_LINE_SHARE = 0.8
#: the same share when the next line follows without a blank line in a document
#: that is not double-spaced (a paragraph's first line lost its indentation)
ADJACENT_LINE_SHARE = 0.6
#: a document is double-spaced (blank lines mean nothing) when at least this
#: share of its lines is followed by a blank line
DOUBLE_SPACED_SHARE = 0.6
#: how many lines on each side define the local column width
WIDTH_WINDOW = 6
#: in an unwrapped document a line this long that does not end a sentence was
#: broken by the extraction (page or column break) and continues
BROKEN_LINE_MIN = 40

#: a line starting with one of these continues the line before (a closing quote or
#: bracket, or a mark that never opens a sentence, wrapped onto the next line)
CONTINUATION_START = "”’」』）)》〉】、，。；：！？"
#: a figure broken across lines: a line ending in a digit goes on when the next starts with what follows
#: a number ("吸引 400" / "余名求职者")
AFTER_NUMBER = "余多万亿千百个名家人项户亩次元%％件位条座所倍年月日"
#: a line this short that ends a sentence is the tail of the sentence before ("进场应" / "聘。")
ORPHAN_TAIL_MAX = 3
PAGE_NUMBER = re.compile(r"^\s*[-—－–]?\s*\d{1,3}\s*[-—－–]?\s*$")
CN_ENUM = re.compile(r"^\s*(（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、)")
ANY_ENUM = re.compile(r"^\s*(（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、|\d{1,2}[.．、](?!\d))")
#: the header row of a table whose first column numbers its rows ("序号 实事内容 牵头责任单位 ……"; the
#: extraction may have left 序 on a line of its own)
TABLE_HEADER = re.compile(r"^(?:序\s*)?号\s+[^，。；,;]+$")
#: what follows a row's number at the start of its first line: a space or the line's end, and no more
#: digits but a year's ("3 2020年农村饮水安全工程"; "1 2 . 5亿元" is a figure spaced out, "4家" a count)
ROW_NUMBER_END = r"(?=\s|$)(?!\s*(?!(?:19|20)\d\d年)[\d.．])"
#: a table row takes at most this many lines (the seed table's rows take 3 to 11: a cell of units a line each)
MAX_ROW_LINES = 16
#: a table has at least this many numbered rows
MIN_TABLE_ROWS = 2
#: the rows of a table end alike (their last column: "12月31日前") in at least this many characters; the
#: last row ends at its first line that ends so
MIN_ROW_END_CHARS = 2


def _is_ascii_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


@dataclass(frozen=True)
class _Line:
    start: int  # offset of the first non-space character in the original
    text: str  # the line without surrounding whitespace
    blank_before: bool  # a blank line separates it from the previous line


def _lines(raw: str) -> list[_Line]:
    """The non-blank lines of ``raw`` with their offsets and whether a blank
    line precedes them."""
    out: list[_Line] = []
    pos = 0
    blank = False
    for piece in raw.split("\n"):
        stripped = piece.strip()
        if stripped:
            out.append(_Line(pos + len(piece) - len(piece.lstrip()), stripped, blank))
            blank = False
        else:
            blank = True
        pos += len(piece) + 1
    return out


def _full_lengths(content: list[_Line]) -> list[float]:
    """For each content line, the length from which it counts as a full (wrapped) line."""
    lengths = [len(line.text) for line in content]
    if not lengths:
        return []
    p90 = sorted(lengths)[int(0.9 * (len(lengths) - 1))]
    if p90 > WRAPPED_P90_MAX or len(lengths) < MIN_WRAPPED_LINES:
        return [float(BROKEN_LINE_MIN)] * len(lengths)
    return [
        FULL_LINE_SHARE * statistics.median(lengths[max(0, i - WIDTH_WINDOW) : i + WIDTH_WINDOW + 1])
        for i in range(len(lengths))
    ]


def _continues(line: _Line, nxt: _Line, full: float, blanks_matter: bool) -> bool:
    """Does the paragraph of ``line`` continue on ``nxt``?"""
    if nxt.text[0] in CONTINUATION_START:
        return True
    if ends_sentence(line.text):
        return False
    if line.text[-1].isdigit() and nxt.text[0] in AFTER_NUMBER and not PAGE_NUMBER.match(line.text):
        return True
    if len(nxt.text) <= ORPHAN_TAIL_MAX and ends_sentence(nxt.text) and not PAGE_NUMBER.match(nxt.text):
        return True
    if CN_ENUM.match(line.text) or ANY_ENUM.match(nxt.text):
        return False  # a heading, or the next line starts a numbered item
    if blanks_matter and not nxt.blank_before:
        full *= ADJACENT_LINE_SHARE / FULL_LINE_SHARE
    return len(line.text) >= full


@dataclass(frozen=True)
class _Table:
    """Where a numbered table lies among a document's content lines (indexes into them)."""

    header: int  # the header row's first line
    rows: tuple[tuple[int, int], ...]  # each row's [first, last] line


def _tables(content: list[_Line]) -> list[_Table]:
    """The tables whose first column numbers their rows 1, 2, 3 ……, found by their header row."""
    tables: list[_Table] = []
    i = 0
    while i < len(content):
        if not TABLE_HEADER.match(content[i].text):
            i += 1
            continue
        starts: list[int] = []
        j = i + 1
        while j < len(content) and j - (starts[-1] if starts else i) <= MAX_ROW_LINES:
            if re.match(rf"{len(starts) + 1}{ROW_NUMBER_END}", content[j].text):
                starts.append(j)
            j += 1
        if len(starts) < MIN_TABLE_ROWS:
            i += 1
            continue
        rows = [(a, b - 1) for a, b in zip(starts, starts[1:])]
        ending = _common_suffix([content[b].text for _, b in rows])
        last = starts[-1]
        if len(ending) >= MIN_ROW_END_CHARS:  # the last row ends where every other row ended, within the
            # table: no further than the longest row, and not past a line longer than any line of a row (prose)
            widest = max(len(content[k].text) for a, b in rows for k in range(a, b + 1))
            longest = max(b - a + 1 for a, b in rows)
            for k in range(starts[-1], min(len(content), starts[-1] + longest)):
                if len(content[k].text) > widest:
                    break
                if content[k].text.endswith(ending):
                    last = k
                    break
        rows.append((starts[-1], last))
        tables.append(_Table(i, tuple(rows)))
        i = last + 1
    return tables


def _common_suffix(texts: list[str]) -> str:
    """The longest ending all ``texts`` share."""
    return os.path.commonprefix([t[::-1] for t in texts])[::-1]


def _table_groups(content: list[_Line]) -> tuple[set[int], set[int], set[int]]:
    """Lines that start a paragraph (a table's header row, each row, what follows the table), lines
    that go on the one before (the rest of a header row or of a row: a row is one paragraph), and the
    rows' first lines (where their numbers are)."""
    starts: set[int] = set()
    joined: set[int] = set()
    row_first_lines: set[int] = set()
    for table in _tables(content):
        starts.add(table.header)
        joined.update(range(table.header + 1, table.rows[0][0]))
        for first, last in table.rows:
            starts.add(first)
            row_first_lines.add(first)
            joined.update(range(first + 1, last + 1))
        starts.add(table.rows[-1][1] + 1)
    return starts, joined, row_first_lines


def _without_row_number(line: _Line, starts_row: bool) -> tuple[int, str]:
    """A line's (offset, text), with a row's number dropped from the row's first line ("9 新兴工业园……";
    the text is empty when the number stands alone on its line)."""
    if not starts_row:
        return line.start, line.text
    number = re.match(r"\d{1,3}\s*", line.text)
    return line.start + number.end(), line.text[number.end():]


def clean(pieces: list[tuple[int, str]]) -> tuple[str, tuple[int, ...]]:
    """Join raw line pieces into clean text, keeping each char's original offset.

    Whitespace is dropped unless it separates two ASCII letters/digits (kept as
    one space); footnote marks are dropped; punctuation is kept as it is.

    Args:
        pieces: (original offset, raw text) of each line of the paragraph.
    Returns:
        (clean text, original offset of every character of it).
    """
    chars: list[tuple[int, str]] = []
    for start, text in pieces:
        if chars:
            chars.append((start - 1, " "))  # the line break, as a space
        chars.extend((start + i, ch) for i, ch in enumerate(text))
    kept: list[tuple[int, str]] = []
    i = 0
    while i < len(chars):
        pos, ch = chars[i]
        if FOOTNOTE_MARKS.match(ch):
            i += 1
            continue
        if ch.isspace():
            j = i
            while j < len(chars) and (chars[j][1].isspace() or FOOTNOTE_MARKS.match(chars[j][1])):
                j += 1
            before = kept[-1][1] if kept else ""
            after = chars[j][1] if j < len(chars) else ""
            if before and after and _is_ascii_alnum(before) and _is_ascii_alnum(after):
                kept.append((pos, " "))
            i = j
            continue
        kept.append((pos, ch))
        i += 1
    return "".join(ch for _, ch in kept), tuple(pos for pos, _ in kept)


def split_paragraphs(doc: str, raw: str, lines_are_paragraphs: bool = False) -> list[Paragraph]:
    """Rebuild the paragraphs of one document.

    Args:
        doc: the document name (file name) recorded in every paragraph.
        raw: the original file content.
        lines_are_paragraphs: every line is a paragraph of its own (text extracted
            from a format that marks paragraphs: Word, HTML, Markdown); else
            wrapped lines are joined back.
    Returns:
        Paragraphs numbered from 1, each with its span in ``raw``.
    """
    lines = _lines(raw)
    starts, joined, row_first_lines = _table_groups(lines)
    # a row's number alone on its line is no page number
    kept = [i for i, ln in enumerate(lines) if i in row_first_lines or not PAGE_NUMBER.match(ln.text)]
    content = [lines[i] for i in kept]
    full = _full_lengths(content)
    blanks_matter = sum(ln.blank_before for ln in content) < DOUBLE_SPACED_SHARE * len(content)
    groups: list[list[int]] = []
    for at, i in enumerate(kept):
        # a table's row starts a paragraph, and so does what follows the table (after a page number too)
        starts_here = any(j in starts for j in range(kept[at - 1] + 1 if at else 0, i + 1))
        if groups and not starts_here and (i in joined or (not lines_are_paragraphs and _continues(
                content[at - 1], content[at], full[at - 1], blanks_matter))):
            groups[-1].append(i)
        else:
            groups.append([i])
    paragraphs: list[Paragraph] = []
    for group in groups:
        pieces = [_without_row_number(lines[i], i in row_first_lines) for i in group]
        text, offsets = clean([piece for piece in pieces if piece[1]])
        if not text:
            continue
        paragraphs.append(
            Paragraph(
                doc=doc,
                number=len(paragraphs) + 1,
                start=offsets[0],
                end=offsets[-1] + 1,
                text=text,
                offsets=offsets,
            )
        )
    return paragraphs
