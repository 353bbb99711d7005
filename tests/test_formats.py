"""PDF, Word, HTML and Markdown documents: real files made from seed text are read,
cited with pages, and answered like the plain-text originals."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import SEEDS, seed_text
from documents import write_docx, write_html, write_markdown, write_pdf, write_scanned_pdf
from qa.engine import Engine
from qa.eval.evalset import load_set
from qa.config import REPO_ROOT
from qa.ingest.corpus import Corpus, Document, Skipped
from qa.ingest.docinfo import display_name
from qa.ingest.formats import Format, html_text
from qa.ingest.paragraphs import split_paragraphs
from qa.records import Chunk

REPORT = "002_00d87999ceab6728.txt"  # the 2020 government work report (161 paragraphs)
NEWS = "000_2391c0775fbe62e1.txt"  # a newspaper page
LIUBEI = "004_45388f9687e1de59.txt"  # a newspaper special page on 柳北区


def paragraphs_of(seed: str) -> list[str]:
    return [p.text for p in split_paragraphs(seed, seed_text(seed))]


def read(path: Path, corpus: Corpus | None = None) -> Document:
    doc = (corpus or Corpus(path.parent)).read(path)
    assert isinstance(doc, Document), doc
    return doc


@pytest.mark.parametrize("writer, fmt, suffix", [(write_docx, Format.DOCX, ".docx"), (write_html, Format.HTML, ".html"),
                                                 (write_markdown, Format.MARKDOWN, ".md")])
def test_word_html_and_markdown_give_the_same_paragraphs_as_the_text(tmp_path, writer, fmt, suffix):
    expected = paragraphs_of(REPORT)
    doc = read(writer(expected, (tmp_path / "report").with_suffix(suffix)))
    assert doc.format is fmt and doc.pages == ()
    got = [p.text for p in split_paragraphs(doc.name, doc.text, doc.format.marks_paragraphs)]
    assert got == expected


def test_a_pdf_keeps_all_text_and_knows_where_each_page_starts(tmp_path):
    expected = paragraphs_of(REPORT)
    path = write_pdf(expected, tmp_path / "report.pdf")
    doc = read(path)
    assert doc.format is Format.PDF and doc.kind == f"PDF，{len(doc.pages)}页"
    reader = PdfReader(path)
    assert len(doc.pages) == len(reader.pages) > 5
    for number, start in enumerate(doc.pages):  # each page's own text starts where the page starts
        first_line = reader.pages[number].extract_text().split("\n")[0].strip()
        assert doc.text[start:].lstrip().startswith(first_line)
    # the same characters, paragraph boundaries aside (a PDF does not mark them)
    got = "".join(p.text for p in split_paragraphs(doc.name, doc.text))
    assert got == "".join(expected)


def test_pdf_chunks_know_the_page_of_every_position(tmp_path, engine):
    path = write_pdf(paragraphs_of(REPORT), tmp_path / "report.pdf")
    doc = read(path)
    chunks: list[Chunk] = engine.indexer.chunker.split(doc.name, split_paragraphs(doc.name, doc.text), pages=doc.pages)
    assert chunks[0].page_at(0) == 1 and chunks[-1].page_at(len(chunks[-1].text) - 1) == len(doc.pages)
    for chunk in chunks:
        for i in range(0, len(chunk.text), 37):
            offset = chunk.original_offset(i)
            page = sum(1 for start in doc.pages if start <= offset)
            assert chunk.page_at(i) == page, (chunk.id, i)


def test_scanned_damaged_and_unknown_files_are_refused_with_a_reason(tmp_path):
    corpus = Corpus(tmp_path)
    scanned = corpus.read(write_scanned_pdf(tmp_path / "scan.pdf", pages=3))
    assert isinstance(scanned, Skipped) and "扫描件" in scanned.reason and "OCR" in scanned.reason
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<")
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (tmp_path / "table.xlsx").write_bytes(b"PK\x03\x04")
    assert "PDF" in corpus.read(tmp_path / "broken.pdf").reason
    assert "Word" in corpus.read(tmp_path / "broken.docx").reason
    assert "不是支持的文档格式" in corpus.read(tmp_path / "table.xlsx").reason
    added, refused = corpus.add([tmp_path / "scan.pdf", tmp_path / "broken.docx"])
    assert added == [] and [r.name for r in refused] == ["scan.pdf", "broken.docx"]


def test_html_text_is_what_a_browser_shows():
    page = ("<!DOCTYPE html><html><head><meta charset='gbk'><title>柳江区新闻</title>"
            "<script>var x = '不要';</script><style>p {color: red}</style></head><body>"
            "<!-- 注释 --><h1>柳江区新闻</h1><p>柳江区<b>一季度</b>完成投资\n   13.47亿元。<br>第二行</p>"
            "<table><tr><td>项目</td><td>140个</td></tr></table><ul><li>一</li><li>二</li></ul></body></html>")
    text = html_text(page.encode("gbk"))
    assert text.split("\n") == ["柳江区新闻", "柳江区一季度完成投资 13.47亿元。", "第二行", "项目 140个", "一", "二"]


def test_extracted_text_is_stored_beside_the_index_and_pruned_with_its_document(tmp_path):
    corpus_dir, stored = tmp_path / "corpus", tmp_path / "index" / "extracted"
    corpus_dir.mkdir()
    corpus = Corpus(corpus_dir, extracted=stored)
    path = write_docx(paragraphs_of(LIUBEI), corpus_dir / "liubei.docx")
    doc = read(path, corpus)
    record = json.loads((stored / f"{doc.sha256}.json").read_text(encoding="utf-8"))
    assert record["text"] == doc.text and record["format"] == "docx"
    # the stored text is what spans point into: it is read back, not extracted again
    record["text"] = doc.text + "\n附：存档文本"
    (stored / f"{doc.sha256}.json").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    assert corpus.text("liubei.docx").endswith("附：存档文本")
    (stored / f"{doc.sha256}.json").write_text("{broken", encoding="utf-8")  # a damaged record is redone
    assert corpus.text("liubei.docx") == doc.text
    (stored / ".leftover.json.tmp").write_text("x")
    assert sorted(corpus.prune_extracted(set())) == [".leftover.json.tmp", f"{doc.sha256}.json"]


def test_display_names_come_from_the_documents_themselves(engine):
    names = engine.display_names()
    assert names[REPORT] == "柳江区政府工作报告（2020年2月17日）"
    assert names[LIUBEI] == "柳北区：聚焦踔厉奋发克难攻坚持续打造“四个柳北”"
    assert names["003_3f693bc4a2eb37b8.txt"] == "柳州市：市委市政府召开全市年中工作会议（2024年）"
    assert all(not re.search(r"[0-9a-f]{8}", name) for name in names.values())
    untitled = engine.indexer.chunker.describe("柳州笔记.md", split_paragraphs("x", "今天天气很好。我们去了公园。"))
    assert display_name(untitled) == "柳州笔记"


@pytest.fixture(scope="module")
def twin_engines(tmp_path_factory, settings):
    """The same two seed documents as plain text, and as a PDF and a Word file."""
    root = tmp_path_factory.mktemp("formats")
    (root / "txt").mkdir()
    (root / "mixed").mkdir()
    for seed in (LIUBEI, NEWS):
        shutil.copy(SEEDS / seed, root / "txt" / seed)
    write_pdf(paragraphs_of(LIUBEI), root / "mixed" / "liubei.pdf")
    write_docx(paragraphs_of(NEWS), root / "mixed" / "news.docx")
    engines = {}
    for name in ("txt", "mixed"):
        engine = Engine(settings.replace(corpus_dir=root / name, index_dir=root / f"{name}-index"))
        engine.build()
        engines[name] = engine
    return engines


def test_pdf_and_word_files_are_answered_like_their_text_with_page_citations(twin_engines):
    txt, mixed = twin_engines["txt"], twin_engines["mixed"]
    assert mixed.documents()["liubei.pdf"]["kind"].startswith("PDF，")
    assert mixed.display_names()["liubei.pdf"] == txt.display_names()[LIUBEI]
    questions = [q for q in load_set(REPO_ROOT / "qa" / "data" / "seed_qa.jsonl") if set(q.docs) & {LIUBEI, NEWS}]
    assert len(questions) >= 60
    same, paged = 0, 0
    for q in questions:
        a, b = txt.ask(q.question), mixed.ask(q.question)
        same += (a.refused, a.short_answer) == (b.refused, b.short_answer)
        for c in b.citations:
            original = mixed.source_text(c.doc)
            lo, hi = c.highlight
            assert original[lo:hi].replace("\n", "").startswith(c.text[c.quote[0]:c.quote[1]][:5])
            if c.doc == "liubei.pdf":
                paged += 1
                page = sum(1 for start in mixed.corpus.read(mixed.corpus.path(c.doc)).pages if start <= lo)
                assert c.page == page >= 1
            else:
                assert c.page == 0
    assert paged >= 10
    # paragraph boundaries a PDF does not mark can change a quote's extent, rarely the answer
    assert same >= 0.9 * len(questions), f"{same}/{len(questions)} answered alike"


def test_the_cli_builds_and_cites_a_pdf_and_a_markdown_file(tmp_path, settings):
    from test_cli import run

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_pdf(paragraphs_of(LIUBEI), corpus / "liubei.pdf")
    write_markdown(["# 融安县2032年测试简报", "融安县2032年新建金桔冷库14座，库容共计2.8万吨。"], corpus / "rongan.md")
    built = run(settings, "build", corpus=corpus, index=tmp_path / "index")
    assert built.returncode == 0, built.stderr
    assert "2 documents" in built.stdout
    docs = run(settings, "docs", corpus=corpus, index=tmp_path / "index").stdout
    assert "PDF，" in docs and "MARKDOWN" in docs and "融安县2032年测试简报" in docs
    asked = run(settings, "ask", "柳北区高新技术企业保有量是多少家？", corpus=corpus, index=tmp_path / "index")
    assert "52家" in asked.stdout and "第1页" in asked.stdout and "liubei.pdf" in asked.stdout
