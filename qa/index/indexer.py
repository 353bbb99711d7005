"""Files -> paragraphs -> chunks -> tokens -> vectors, written through the store.

The :class:`Indexer` brings the stored index up to date with the corpus folder:
unchanged documents keep their chunks and vectors; new or changed ones are
chunked, tokenised and embedded; removed ones are dropped. A missing, damaged
or mismatched index (or ``force``) is rebuilt from scratch. Adding or changing
a document re-embeds only that document; changing the model or the chunk
settings rebuilds everything.
"""
from __future__ import annotations

import dataclasses
import logging
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from ..chinese import split_sentences
from ..errors import IndexLoadError
from ..ingest.chunking import Chunker
from ..ingest.corpus import Corpus, Document, Skipped
from ..ingest.docinfo import display_name
from ..ingest.paragraphs import split_paragraphs
from ..records import Chunk, DocumentInfo
from .embedding import Embedder
from .keyword import Tokenizer
from .store import Index, IndexStore

log = logging.getLogger(__name__)

#: bump when paragraphs, chunking or the stored format change (4: flagged instructions, 5: page marks)
PIPELINE_VERSION = 5

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

    def sync(self, progress: ProgressFn | None = None, force: bool = False) -> tuple[Index, BuildReport]:
        """Bring the index up to date with the corpus folder.

        Args:
            progress: called with (fraction done, message).
            force: rebuild everything.
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
                    previous = self.load()
                except IndexLoadError as exc:
                    if self.store.exists():  # not a first build: say why it is rebuilt
                        report.rebuilt_reason = str(exc)
                        log.warning("%s; rebuilding the index", exc)
            index = self._update(previous, documents, report, progress)
            if index is previous:  # nothing written (a write removes leftovers itself)
                self.store.remove_leftovers(index.manifest)
            self.corpus.prune_extracted({d.sha256 for d in documents})
        report.documents = len(documents)
        report.chunks = len(index.chunks)
        report.seconds = time.perf_counter() - started
        return index, report

    def _update(self, previous: Index | None, documents: list[Document], report: BuildReport,
                progress: ProgressFn | None) -> Index:
        old_docs = previous.documents if previous else {}
        keep = {d.name for d in documents if old_docs.get(d.name, {}).get("sha256") == d.sha256}
        todo = [d for d in documents if d.name not in keep]
        report.removed_documents = sorted(set(old_docs) - {d.name for d in documents})
        if previous is not None and not todo and not report.removed_documents:
            return previous

        new_parts = self._embed(todo, report, progress)
        old_vectors = previous.vectors() if previous else None
        all_chunks: list[Chunk] = []
        all_tokens: list[list[str]] = []
        all_vectors: list[np.ndarray] = []
        all_sentences: list[np.ndarray] = []
        entries: dict[str, dict] = {}
        kept_ids: dict[str, list[int]] = defaultdict(list)  # chunk ids of unchanged documents, by document
        for i, c in enumerate(previous.chunks if previous else ()):
            if c.doc in keep:
                kept_ids[c.doc].append(i)
        for doc in documents:
            if doc.name in keep:
                ids = kept_ids[doc.name]
                chunks = [previous.chunks[i] for i in ids]
                tokens = [previous.tokens[i] for i in ids]
                vectors = old_vectors[ids] if ids else np.zeros((0, old_vectors.shape[1]), np.float32)
                rows = [r for i in ids for r in range(*previous.sentence_rows(i))]
                sentences = previous.sentence_vectors[rows]
                title = old_docs[doc.name].get("title", doc.name)
                display = old_docs[doc.name].get("display", title)
            else:
                chunks, tokens, vectors, sentences, info = new_parts[doc.name]
                title, display = info.title, display_name(info)
            first = len(all_chunks)
            all_chunks.extend(dataclasses.replace(c, id=first + i) for i, c in enumerate(chunks))
            all_tokens.extend(tokens)
            all_vectors.append(vectors)
            all_sentences.append(sentences)
            entries[doc.name] = {"sha256": doc.sha256, "chunks": len(chunks), "chars": len(doc.text),
                                 "title": title, "display": display, "encoding": doc.encoding, "format": doc.format.value,
                                 "pages": len(doc.pages), "kind": doc.kind}
        dimension = self.embedder.dimension
        matrix = np.vstack(all_vectors).astype(np.float32) if all_vectors else np.zeros((0, dimension), np.float32)
        sentence_matrix = (np.vstack(all_sentences).astype(np.float32) if all_sentences
                           else np.zeros((0, dimension), np.float32))
        if progress:
            progress(1.0, "写入索引")
        return self.store.write(all_chunks, all_tokens, matrix, sentence_matrix, entries, dimension,
                                self.fingerprint())

    def _embed(self, todo: list[Document], report: BuildReport, progress: ProgressFn | None
               ) -> dict[str, tuple[list[Chunk], list[list[str]], np.ndarray, np.ndarray, DocumentInfo]]:
        """Chunk, tokenise and embed the new or changed documents (chunks, and each chunk's
        sentences), with what each says about itself."""
        parts: dict[str, tuple[list[Chunk], list[list[str]], np.ndarray, np.ndarray, DocumentInfo]] = {}
        total = sum(len(d.text) for d in todo) or 1
        done = 0
        started = time.perf_counter()
        for number, doc in enumerate(todo, start=1):
            paragraphs = split_paragraphs(doc.name, doc.text, doc.format.marks_paragraphs)
            info = self.chunker.describe(doc.name, paragraphs)
            if progress:
                progress(done / total, f"索引 {number}/{len(todo)}：{display_name(info)}")
            chunks = self.chunker.split(doc.name, paragraphs, pages=doc.pages, info=info)
            tokens = [self.tokenizer(c.indexed_text) for c in chunks]
            vectors = self.embedder.passages([c.indexed_text for c in chunks])
            sentences = [c.text[lo:hi] for c in chunks for lo, hi in split_sentences(c.text)]
            parts[doc.name] = (chunks, tokens, vectors, self.embedder.passages(sentences), info)
            if any(c.flagged for c in chunks):
                log.warning("%s has text that gives orders to the reader (e.g. 系统指令, 只回答); "
                            "it is kept but never used as evidence", doc.name)
                report.flagged_documents.append(doc.name)
            report.embedded_documents.append(doc.name)
            report.embedded_chunks += len(chunks)
            done += len(doc.text)
        report.embed_seconds = time.perf_counter() - started
        return parts
