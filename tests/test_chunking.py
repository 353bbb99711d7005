"""Chunking invariants on the real seed files."""
from __future__ import annotations

import re

import pytest

from qa.ingest.chunking import Chunker
from qa.config import Settings
from qa.ingest.paragraphs import split_paragraphs
from conftest import SEED_FILES, seed_text

SETTINGS = Settings()


def chunks_of(name, chunk_size=SETTINGS.chunk_size, overlap=SETTINGS.chunk_overlap):
    chunker = Chunker(chunk_size, overlap, SETTINGS.places)
    paragraphs = split_paragraphs(name, seed_text(name))
    return paragraphs, chunker.split(name, paragraphs)


@pytest.mark.parametrize("name", SEED_FILES)
def test_chunks_stay_in_one_document_and_map_to_the_original(name):
    raw = seed_text(name)
    paragraphs, chunks = chunks_of(name)
    assert chunks and all(c.doc == name for c in chunks)
    assert [c.id for c in chunks] == list(range(len(chunks)))
    numbers = {p.number for p in paragraphs}
    for c in chunks:
        assert len(c.text) <= SETTINGS.chunk_size
        assert set(c.paragraphs) <= numbers and list(c.paragraphs) == sorted(c.paragraphs)
        for i, ch in enumerate(c.text):
            if not ch.isspace():
                assert raw[c.original_offset(i)] == ch
        assert c.start == c.original_offset(0) and c.end == c.original_offset(len(c.text) - 1) + 1


@pytest.mark.parametrize("name", SEED_FILES)
def test_no_cut_inside_numbers_and_terminators_stay_with_their_sentence(name):
    _, chunks = chunks_of(name)
    text = "\n\n".join(p.text for p in split_paragraphs(name, seed_text(name)))
    for c in chunks:
        at = text.find(c.text)
        assert at >= 0
        before = text[at - 1] if at > 0 else ""
        after = text[at + len(c.text)] if at + len(c.text) < len(text) else ""
        # never between two digits (or a digit and a decimal point / percent sign)
        assert not (re.match(r"[\d.%]", after) and re.search(r"[\d.]$", c.text))
        assert not (re.match(r"\d", c.text) and re.match(r"[\d.]", before))
        # a chunk never starts with the terminator of the previous sentence
        assert not re.match(r"[。！？；，]", c.text)


def test_quoted_names_are_not_cut():
    # small chunks force splits at commas; a short “…”/《…》 name must never straddle a boundary
    for name in SEED_FILES:
        _, chunks = chunks_of(name, chunk_size=60, overlap=0)
        text = "\n\n".join(p.text for p in split_paragraphs(name, seed_text(name)))
        names = [m.span() for m in re.finditer(r"“[^“”]{1,20}”|《[^《》]{1,30}》", text)]
        assert names
        cursor = 0
        for c in chunks:
            at = text.find(c.text, cursor)
            assert at >= 0, c.text  # chunks come in document order
            cursor = at
            lo, hi = at, at + len(c.text)
            for a, b in names:
                assert not (a < lo < b or a < hi < b), (c.text, text[a:b])


def test_header_names_document_place_and_year():
    _, report = chunks_of("002_00d87999ceab6728.txt")
    _, liubei = chunks_of("004_45388f9687e1de59.txt")
    _, party = chunks_of("001_d3f18a84a51546c7.txt")
    gdp_2019 = next(c for c in report if "302.4亿元" in c.text)
    assert "政府工作报告" in gdp_2019.header and "柳江区" in gdp_2019.header
    assert "2019年工作回顾" in gdp_2019.header  # the section heading
    plan_2020 = next(c for c in report if "地区生产总值增长6.5%以上" in c.text)
    assert "2020年工作安排" in plan_2020.header and plan_2020.scope_years == ("2020",)
    assert all("柳北区" in c.header for c in liubei)
    assert all("2023年" in c.header and "2024年" in c.header for c in party)
    # the header is context, not evidence
    assert all(c.header not in c.text for c in report)


def test_invalid_chunk_settings_are_refused():
    with pytest.raises(ValueError):
        Chunker(10, 0, ())
    with pytest.raises(ValueError):
        Chunker(100, 100, ())
