"""Files -> paragraphs -> chunks -> tokens -> vectors, written through the store.

The :class:`Indexer` brings the stored index up to date with the corpus folder:
unchanged documents keep their chunks and vectors; new or changed ones are
chunked, tokenised and embedded; removed ones are dropped. A missing, damaged
or mismatched index (or ``force``) is rebuilt from scratch. Adding or changing
a document re-embeds only that document; changing the model or the chunk
settings rebuilds everything.
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from ..chinese import split_sentences
from ..errors import IndexLoadError
from ..ingest.chunking import Chunker
from ..ingest.corpus import Corpus, Document, Skipped
from ..ingest.docinfo import display_name
from ..ingest.paragraphs import split_paragraphs
from .backend import Index, IndexStore
from .embedding import Embedder
from .keyword import Tokenizer

log = logging.getLogger(__name__)

#: bump when paragraphs, chunking or the stored format change (4: flagged instructions, 5: page marks,
#: 6: chunks in SQLite, 7: a number or a sentence's tail wrapped onto the next line continues it, 8: a
#: numbered table's row is a paragraph, 9: who said a quote is one sentence with it: its vector changes,
#: 10: a heading inside a year's section naming only that year keeps the section's year and kind)
PIPELINE_VERSION = 10

#: called with (fraction done, message)
ProgressFn = Callable[[float, str], None]


@dataclass
class BuildReport:
    """What a build or update did."""

    documents: int = 0
    chunks: int = 0
    embedded_documents: list[str] = field(default_factory=list)
    embedded_chunks: int = 0
    removed_documents: list[str] = field(default_factory=list)
    #: embedded documents with paragraphs that give orders ("系统指令", "只回答"), never used as evidence
    flagged_documents: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    #: why an existing index was rebuilt from scratch ("" for updates and first builds)
    rebuilt_reason: str = ""
    seconds: float = 0.0
    embed_seconds: float = 0.0

    @property
    def changed(self) -> bool:
        """True when anything was embedded or removed."""
        return bool(self.embedded_documents or self.removed_documents)


class Indexer:
    """Keeps the index in a store in step with a corpus folder.

    Args:
        corpus: the documents.
        store: where the index is loaded from and written to.
        chunker: paragraphs -> chunks.
        tokenizer: the BM25 tokenizer (owned by the retrieval side, shared here).
        embedder: the embedding model.
    """

    def __init__(self, corpus: Corpus, store: IndexStore, chunker: Chunker, tokenizer: Tokenizer,
                 embedder: Embedder):
        self.corpus = corpus
        self.store = store
        self.chunker = chunker
        self.tokenizer = tokenizer
        self.embedder = embedder

    def fingerprint(self) -> dict:
        """Everything that, when changed, invalidates all stored chunks and vectors."""
        return {
            "pipeline_version": PIPELINE_VERSION,
            "model": self.embedder.identity(),
            "chunk_size": self.chunker.chunk_size,
            "chunk_overlap": self.chunker.chunk_overlap,
            "places": list(self.chunker.places),
        }

    def load(self) -> Index:
        """The stored index, verified against the current fingerprint.

        Raises:
            IndexLoadError: no valid index for these settings.
        """
        return self.store.load(self.fingerprint())

    def sync(self, progress: ProgressFn | None = None, force: bool = False,
             current: Index | None = None) -> tuple[Index, BuildReport]:
        """Bring the index up to date with the corpus folder.

        Args:
            progress: called with (fraction done, message).
            force: rebuild everything.
            current: the index in use, caught up in place instead of loaded again
                (questions keep being answered from it; each changed document joins it
                when the build ends).
        Returns:
            (the index, what was done).
        """
        started = time.perf_counter()
        report = BuildReport()
        documents, report.skipped = self.corpus.load()
        with self.store.locked():  # one build per index folder, across processes
            previous: Index | None = None
            if force:
                report.rebuilt_reason = "rebuild requested"
            else:
                try:
                    previous = self._current(current)
                except IndexLoadError as exc:
                    if self.store.exists():  # not a first build: say why it is rebuilt
                        report.rebuilt_reason = str(exc)
                        log.warning("%s; rebuilding the index", exc)
            index = self._update(previous, documents, report, progress)
            self.store.remove_leftovers()
            self.corpus.prune_extracted({d.sha256 for d in documents})
        report.documents = len(documents)
        report.chunks = index.size
        report.seconds = time.perf_counter() - started
        return index, report

    def _current(self, current: Index | None) -> Index:
        """``current`` caught up with the store when it still is the store's index, else a fresh load."""
        if current is not None and getattr(current, "config", None) == self.fingerprint():
            try:
                current.refresh()
                return current
            except (IndexLoadError, OSError, ValueError) as exc:
                log.info("the index in use cannot catch up (%s); loading it again", exc)
        return self.load()

    def _update(self, previous: Index | None, documents: list[Document], report: BuildReport,
                progress: ProgressFn | None) -> Index:
        old_docs = previous.documents if previous else {}
        keep = {d.name for d in documents if old_docs.get(d.name, {}).get("sha256") == d.sha256}
        todo = [d for d in documents if d.name not in keep]
        report.removed_documents = sorted(set(old_docs) - {d.name for d in documents})
        if previous is not None and not todo and not report.removed_documents and getattr(previous, "snapshot_ok", True):
            return previous  # nothing to do (a damaged search snapshot is rewritten below)
        fresh = previous is None
        self.store.begin(self.fingerprint(), self.embedder.dimension, fresh=fresh)
        for name in report.removed_documents:
            self.store.remove_document(name)
        self._embed(todo, report, progress)
        if progress:
            progress(1.0, "写入索引")
        if fresh:
            self.store.commit()
            return self.load()
        previous.refresh()
        if self.store.commit(previous):  # new snapshots: load them (the recent chunks are folded in)
            return self.load()
        return previous

    def _embed(self, todo: list[Document], report: BuildReport, progress: ProgressFn | None) -> None:
        """Chunk, tokenise and embed the new or changed documents (chunks, and each chunk's
        sentences), and write each one to the store in its own transaction."""
        total = sum(len(d.text) for d in todo) or 1
        done = 0
        started = time.perf_counter()
        for number, doc in enumerate(todo, start=1):
            paragraphs = split_paragraphs(doc.name, doc.text, doc.format.marks_paragraphs)
            info = self.chunker.describe(doc.name, paragraphs)
            if progress:
                progress(done / total, f"索引 {number}/{len(todo)}：{display_name(info)}")
            chunks = self.chunker.split(doc.name, paragraphs, pages=doc.pages, info=info)
            tokens = [self.tokenizer.uncached(c.indexed_text) for c in chunks]  # (not kept: read once)
            vectors = self.embedder.passages([c.indexed_text for c in chunks])
            sentences = [c.text[lo:hi] for c in chunks for lo, hi in split_sentences(c.text)]
            sentence_vectors = (self.embedder.passages(sentences) if sentences
                                else np.zeros((0, self.embedder.dimension), np.float32))
            entry = {"sha256": doc.sha256, "chunks": len(chunks), "chars": len(doc.text), "title": info.title,
                     "display": display_name(info), "encoding": doc.encoding, "format": doc.format.value,
                     "pages": len(doc.pages), "kind": doc.kind}
            self.store.put_document(doc.name, entry, chunks, tokens, vectors, sentence_vectors)
            if any(c.flagged for c in chunks):
                log.warning("%s has text that gives orders to the reader (e.g. 系统指令, 只回答); "
                            "it is kept but never used as evidence", doc.name)
                report.flagged_documents.append(doc.name)
            report.embedded_documents.append(doc.name)
            report.embedded_chunks += len(chunks)
            done += len(doc.text)
        report.embed_seconds = time.perf_counter() - started
