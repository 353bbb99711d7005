"""The persisted index under ``embeddings/``: FAISS vectors, chunk store, manifest.

Layout::

    embeddings/
      manifest.json            written last, atomically; names the data files
      chunks-<hash>.jsonl      chunk records with their BM25 tokens
      vectors-<hash>.faiss     FAISS inner-product index, row i = chunk i

Data files are content-addressed and never overwritten: a build writes new
ones, then replaces the manifest (temp file + rename), then deletes files the
manifest no longer names. A crash at any point leaves the previous manifest
with the files it names. On load every file's sha256 is checked against the
manifest; a mismatch is reported and the index is rebuilt.

Adding or changing a document re-embeds only that document; changing the
model or the chunk settings rebuilds everything.
"""
from __future__ import annotations

import dataclasses
from collections import defaultdict
import hashlib
import json
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np

from .chunking import Chunker
from .config import Settings
from .corpus import Document, Skipped, load_corpus
from .embedding import Embedder
from .files import atomic_write, sha256_file
from .keyword import Tokenizer
from .paragraphs import split_paragraphs
from .records import Chunk, header_title

log = logging.getLogger(__name__)

#: bump when paragraphs, chunking or the stored format change
PIPELINE_VERSION = 2
MANIFEST = "manifest.json"

ProgressFn = Callable[[float, str], None]


class IndexLoadError(RuntimeError):
    """The stored index is unreadable, corrupt or does not match the settings."""


@dataclass
class BuildReport:
    """What a build or update did."""

    documents: int = 0
    chunks: int = 0
    embedded_documents: list[str] = field(default_factory=list)
    embedded_chunks: int = 0
    removed_documents: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    #: why an existing index was rebuilt from scratch ("" for updates and first builds)
    rebuilt_reason: str = ""
    seconds: float = 0.0
    embed_seconds: float = 0.0

    @property
    def changed(self) -> bool:
        """True when anything was embedded or removed."""
        return bool(self.embedded_documents or self.removed_documents)


@dataclass
class Index:
    """A loaded index: chunks, their token lists and the FAISS index."""

    chunks: list[Chunk]
    tokens: list[list[str]]
    faiss_index: object
    manifest: dict

    @property
    def documents(self) -> dict[str, dict]:
        """Per-document manifest entries (sha256, chunk count, title)."""
        return self.manifest["documents"]

    def vectors(self) -> np.ndarray:
        """All chunk vectors, row i = chunk i."""
        n = self.faiss_index.ntotal
        return self.faiss_index.reconstruct_n(0, n) if n else np.zeros((0, self.faiss_index.d), np.float32)


def config_fingerprint(settings: Settings, embedder: Embedder) -> dict:
    """Everything that, when changed, invalidates all stored chunks and vectors."""
    return {
        "pipeline_version": PIPELINE_VERSION,
        "model": embedder.identity(),
        "chunk_size": settings.chunk_size,
        "chunk_overlap": settings.chunk_overlap,
        "places": list(settings.places),
    }


class IndexStore:
    """Loads, verifies, builds and incrementally updates the index in ``settings.index_dir``.

    Args:
        settings: folders and chunk settings.
        embedder: the embedding model (loaded lazily).
    """

    def __init__(self, settings: Settings, embedder: Embedder):
        self.settings = settings
        self.embedder = embedder
        self.folder = settings.index_dir
        self._tokenizer: Tokenizer | None = None

    @property
    def tokenizer(self) -> Tokenizer:
        """The BM25 tokenizer (jieba), created on first use."""
        if self._tokenizer is None:
            self._tokenizer = Tokenizer(self.settings.places, self.settings.cache_dir)
        return self._tokenizer

    # ------------------------------------------------------------------ load
    def load(self) -> Index:
        """Load and verify the stored index.

        Returns:
            The index.
        Raises:
            IndexLoadError: missing, unreadable, corrupt, or built with other settings.
        """
        import faiss  # noqa: PLC0415

        manifest_path = self.folder / MANIFEST
        if not manifest_path.is_file():
            raise IndexLoadError(f"no index in {self.folder}")
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
            files = manifest["files"]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise IndexLoadError(f"index manifest {manifest_path} is unreadable ({exc})") from None
        if manifest.get("config") != config_fingerprint(self.settings, self.embedder):
            raise IndexLoadError("index was built with other settings (model or chunking)")
        for role in ("chunks", "vectors"):
            path = self.folder / files[role]["name"]
            if not path.is_file():
                raise IndexLoadError(f"index file {path.name} is missing")
            if sha256_file(path) != files[role]["sha256"]:
                raise IndexLoadError(f"index file {path.name} is corrupt (checksum mismatch)")
        try:
            chunks, tokens = _read_chunks(self.folder / files["chunks"]["name"])
            vectors = faiss.read_index(str(self.folder / files["vectors"]["name"]))
        except (OSError, ValueError, KeyError, TypeError, RuntimeError) as exc:
            raise IndexLoadError(f"index files are unreadable ({exc})") from None
        if vectors.ntotal != len(chunks) or vectors.d != manifest["dimension"]:
            raise IndexLoadError(
                f"index is inconsistent: {vectors.ntotal} vectors of dimension {vectors.d} "
                f"for {len(chunks)} chunks of dimension {manifest['dimension']}"
            )
        return Index(chunks, tokens, vectors, manifest)

    # ----------------------------------------------------------------- build
    def sync(self, progress: ProgressFn | None = None, force: bool = False) -> tuple[Index, BuildReport]:
        """Bring the index up to date with the corpus folder.

        Unchanged documents keep their chunks and vectors; new or changed ones
        are chunked and embedded; removed ones are dropped. A missing, corrupt
        or mismatched index (or ``force``) is rebuilt from scratch.

        Args:
            progress: called with (fraction done, message).
            force: rebuild everything.
        Returns:
            (the index, what was done).
        """
        started = time.perf_counter()
        report = BuildReport()
        documents, report.skipped = load_corpus(self.settings.corpus_dir)
        previous: Index | None = None
        if force:
            report.rebuilt_reason = "rebuild requested"
        else:
            try:
                previous = self.load()
            except IndexLoadError as exc:
                if (self.folder / MANIFEST).exists():  # not a first build: say why it is rebuilt
                    report.rebuilt_reason = str(exc)
                    log.warning("%s; rebuilding the index", exc)
        index = self._update(previous, documents, report, progress)
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

        old_vectors = previous.vectors() if previous else None
        chunker = Chunker(self.settings.chunk_size, self.settings.chunk_overlap, self.settings.places)
        new_parts: dict[str, tuple[list[Chunk], list[list[str]], np.ndarray]] = {}
        total = sum(len(d.text) for d in todo) or 1
        done = 0
        embed_started = time.perf_counter()
        for doc in todo:
            if progress:
                progress(done / total, f"索引文档 {doc.name}")
            chunks = chunker.split(doc.name, split_paragraphs(doc.name, doc.text))
            tokens = [self.tokenizer(c.indexed_text) for c in chunks]
            vectors = self.embedder.passages([c.indexed_text for c in chunks], progress=progress is None)
            new_parts[doc.name] = (chunks, tokens, vectors)
            report.embedded_documents.append(doc.name)
            report.embedded_chunks += len(chunks)
            done += len(doc.text)
        report.embed_seconds = time.perf_counter() - embed_started

        all_chunks: list[Chunk] = []
        all_tokens: list[list[str]] = []
        all_vectors: list[np.ndarray] = []
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
                title = old_docs[doc.name].get("title", doc.name)
            else:
                chunks, tokens, vectors = new_parts[doc.name]
                title = header_title(chunks[0].header, doc.name) if chunks else doc.name
            first = len(all_chunks)
            all_chunks.extend(dataclasses.replace(c, id=first + i) for i, c in enumerate(chunks))
            all_tokens.extend(tokens)
            all_vectors.append(vectors)
            entries[doc.name] = {"sha256": doc.sha256, "chunks": len(chunks), "chars": len(doc.text),
                                 "title": title}
        dimension = self.embedder.dimension
        matrix = np.vstack(all_vectors).astype(np.float32) if all_vectors else np.zeros((0, dimension), np.float32)
        if progress:
            progress(1.0, "写入索引")
        return self._write(all_chunks, all_tokens, matrix, entries, dimension)

    def _write(self, chunks: list[Chunk], tokens: list[list[str]], matrix: np.ndarray,
               entries: dict[str, dict], dimension: int) -> Index:
        import faiss  # noqa: PLC0415

        self.folder.mkdir(parents=True, exist_ok=True)
        faiss_index = faiss.IndexFlatIP(dimension)
        if len(matrix):
            faiss_index.add(matrix)
        payload = "".join(
            json.dumps({**dataclasses.asdict(c), "tokens": t}, ensure_ascii=False) + "\n"
            for c, t in zip(chunks, tokens)
        ).encode("utf-8")
        vectors_bytes = faiss.serialize_index(faiss_index).tobytes()
        files = {}
        for role, ext, data in (("chunks", "jsonl", payload), ("vectors", "faiss", vectors_bytes)):
            digest = hashlib.sha256(data).hexdigest()
            path = self.folder / f"{role}-{digest[:16]}.{ext}"
            if not (path.is_file() and sha256_file(path) == digest):
                atomic_write(path, lambda tmp, data=data: tmp.write_bytes(data))
            files[role] = {"name": path.name, "sha256": digest}
        manifest = {
            "format": 1,
            "config": config_fingerprint(self.settings, self.embedder),
            "dimension": dimension,
            "files": files,
            "documents": entries,
            "chunks": len(chunks),
            "updated": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        }
        atomic_write(self.folder / MANIFEST, lambda tmp: tmp.write_text(
            json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8"))
        self._remove_unreferenced({f["name"] for f in files.values()})
        return Index(chunks, tokens, faiss_index, manifest)

    def _remove_unreferenced(self, referenced: set[str]) -> None:
        for path in self.folder.iterdir():
            if path.is_file() and path.name != MANIFEST and path.name not in referenced and (
                path.name.startswith(("chunks-", "vectors-", ".chunks-", ".vectors-"))
            ):
                path.unlink(missing_ok=True)


def _read_chunks(path: Path) -> tuple[list[Chunk], list[list[str]]]:
    chunks: list[Chunk] = []
    tokens: list[list[str]] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            tokens.append(row.pop("tokens"))
            row["paragraphs"] = tuple(row["paragraphs"])
            row["runs"] = tuple(tuple(r) for r in row["runs"])
            row["scope_years"] = tuple(row["scope_years"])
            row["scope_places"] = tuple(row["scope_places"])
            chunks.append(Chunk(**row))
    return chunks, tokens
