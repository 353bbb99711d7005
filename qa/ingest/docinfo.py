"""What a document says about itself: title, places, date, years, sections.

Used for the contextual chunk header. Several seed documents describe
different years and two districts with near-identical figures; the header is
how a question about "2019" or "柳北区" finds the right document. Everything
here is read off the text itself, as far as the document states it.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import PurePosixPath

from ..chinese import YEAR_NIAN, StatementKind, ends_sentence, heading_kind
from ..records import DocumentInfo, Paragraph

FULL_DATE = re.compile(r"(?:19|20)\d{2}年\d{1,2}月\d{1,2}日")
#: words that make a short line a title rather than a caption or byline
TITLE_WORDS = ("报告", "会议", "解读", "综述", "通知", "全会", "方案", "规划", "公报", "意见", "决定")
#: bylines, captions, a table's row ending in its deadline ("……12月31日前") or its header row ("序号实事内容……":
#: the table's title above it stays the heading its rows are under)
NOT_A_HEADING = re.compile(r"通讯员|记者|摄|供图|报道|^\(|^（.{0,8}）$|\d{1,2}月\d{1,2}日前?$|^序?号(?!召)")
#: a top-level heading such as "一、2019年工作回顾"
TOP_HEADING = re.compile(r"^[一二三四五六七八九十]+、")
#: a short line that is a heading, not body text
MAX_HEADING_CHARS = 30
#: how many years the header lists at most (most mentioned first)
MAX_YEARS = 3
#: a place must be mentioned this often to be named in the header
MIN_PLACE_MENTIONS = 2
#: a second place or a further year is named only when mentioned at least this
#: share as often as the most mentioned one
MINOR_SHARE = 0.4
#: a full date counts as the document's date only in its opening paragraphs
DATE_PARAGRAPHS = 12
#: a title this short names only the kind of document ("政府工作报告"): the place
#: goes in front of it without a colon
KIND_ONLY_TITLE_CHARS = 8


def is_heading(paragraph: Paragraph) -> bool:
    """A short paragraph without sentence-final punctuation that is not a caption."""
    text = paragraph.text
    return (
        len(text) <= MAX_HEADING_CHARS
        and not ends_sentence(text)
        and not NOT_A_HEADING.search(text)
    )


def describe(doc: str, paragraphs: list[Paragraph], places: tuple[str, ...]) -> DocumentInfo:
    """Read title, places, dates and years off a document.

    Args:
        doc: document (file) name.
        paragraphs: its rebuilt paragraphs.
        places: the place names to look for, most specific first.
    Returns:
        The document's :class:`DocumentInfo`.
    """
    text = "".join(p.text for p in paragraphs)
    place_counts = Counter({name: text.count(name) for name in places if name in text})
    named = _prominent(place_counts, 2)
    named = [name for name in named if place_counts[name] >= MIN_PLACE_MENTIONS]
    years = sorted(_prominent(Counter(YEAR_NIAN.findall(text)), MAX_YEARS))
    opening = "".join(p.text for p in paragraphs[:DATE_PARAGRAPHS])
    return DocumentInfo(
        doc=doc,
        title=_title(doc, paragraphs),
        places=tuple(named),
        dates=tuple(FULL_DATE.findall(opening)[:1]),
        years=tuple(years),
    )


def display_name(info: DocumentInfo) -> str:
    """The name people read for a document: place, title and date (or year), e.g.
    "柳江区政府工作报告（2020年1月8日）", "柳北区：聚焦……打造“四个柳北”（2025年）";
    the file's own name (without suffix) when the text has no title.
    """
    title = info.title
    if title == info.doc:
        return PurePosixPath(info.doc).stem or info.doc
    place = info.places[0] if info.places else ""
    if place and place not in title:
        title = f"{place}{title}" if len(title) <= KIND_ONLY_TITLE_CHARS else f"{place}：{title}"
    when = info.dates[0] if info.dates else (f"{max(info.years)}年" if info.years else "")
    return f"{title}（{when}）" if when and when not in title else title


def _prominent(counts: Counter, most: int) -> list[str]:
    """The most mentioned keys, keeping those mentioned at least MINOR_SHARE as often as the first."""
    ranked = counts.most_common(most)
    return [key for key, n in ranked if ranked and n >= MINOR_SHARE * ranked[0][1]]


def _title(doc: str, paragraphs: list[Paragraph]) -> str:
    """The first heading-like paragraph that names a kind of document, else the
    first heading, else the file name."""
    headings = [
        p.text for p in paragraphs[:40]
        if len(p.text) <= 2 * MAX_HEADING_CHARS and not ends_sentence(p.text)
        and not NOT_A_HEADING.search(p.text)
    ]
    for text in headings:
        if any(word in text for word in TITLE_WORDS):
            return text.lstrip("—")
    return headings[0].lstrip("—") if headings else doc


def sections(paragraphs: list[Paragraph]) -> dict[int, str]:
    """The section heading in force at each paragraph number.

    A top-level heading ("一、…") opens a section; a lower heading adds to it.
    """
    current_top = ""
    current_sub = ""
    out: dict[int, str] = {}
    for p in paragraphs:
        if is_heading(p):
            if TOP_HEADING.match(p.text):
                current_top, current_sub = p.text, ""
            else:
                current_sub = p.text
        out[p.number] = " ".join(s for s in (current_top, current_sub) if s)
    return out


def periods(paragraphs: list[Paragraph], default_years: tuple[str, ...]) -> dict[int, tuple[tuple[str, ...], StatementKind]]:
    """The years and kind of statement in force at each paragraph.

    A numbered heading that names a year opens a period ("一、2019年工作回顾":
    2019, results; "二、2020年工作安排": 2020, targets); a heading inside such a
    section naming only its year keeps it ("柳州市柳江区2020年为民办实事项目": the
    plans of 2020); any other headline naming a year adds the document's years to
    it (a newspaper article planning 2024 also reports 2023); headings without a
    year keep it; the notes heading
    ("名词解释") opens the notes. Before any such heading
    the document's own years apply, kind unknown.

    Args:
        paragraphs: the document's paragraphs.
        default_years: the document's years (from :func:`describe`).
    Returns:
        paragraph number -> (years, kind).
    """
    current: tuple[tuple[str, ...], StatementKind] = (tuple(default_years), StatementKind.UNKNOWN)
    out: dict[int, tuple[tuple[str, ...], StatementKind]] = {}
    in_year_section = False  # under a numbered heading that names a year ("二、2020年工作安排")
    for p in paragraphs:
        kind = heading_kind(p.text)
        if kind is StatementKind.NOTE:
            current, in_year_section = (tuple(default_years), kind), False
        elif is_heading(p) and current[1] is not StatementKind.NOTE:
            years = tuple(dict.fromkeys(YEAR_NIAN.findall(p.text)))
            if years and TOP_HEADING.match(p.text):  # "一、2019年工作回顾": a section of that year
                current, in_year_section = (years, kind), True
            elif years and in_year_section and set(years) <= set(current[0]):
                # "柳州市柳江区2020年为民办实事项目" under "二、2020年工作安排": the section's year and kind go on
                current = (current[0], kind if kind is not StatementKind.UNKNOWN else current[1])
            elif years:  # a headline naming a year: the article may still report other years
                current, in_year_section = (tuple(dict.fromkeys(years + tuple(default_years))), kind), False
        out[p.number] = current
    return out
