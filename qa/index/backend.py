"""What every index backend offers: a loaded, searchable :class:`Index` and the
:class:`IndexStore` that persists it, one document per transaction.

Two backends implement it:

- :mod:`qa.index.store` (the default, embedded): chunks in SQLite, FAISS for
  vectors, bm25s for keywords, all in the index folder;
- :mod:`qa.index.milvus` (scale-out): one Milvus collection holding chunks,
  dense vectors and Milvus' own BM25, on a server or in a Milvus Lite file.

:func:`open_store` picks one from the ``vector_store`` setting. The indexer,
the retriever and the answer layer only use the methods below, so both
backends give the same answers.
"""
from __future__ import annotations

import abc
import contextlib
import functools
import logging
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..errors import IndexBusyError, IndexLoadError
from ..records import Chunk

if TYPE_CHECKING:  # pragma: no cover
    from ..config import Settings

__all__ = ["Index", "IndexStore", "Ranking", "build_lock", "open_store"]

log = logging.getLogger(__name__)

#: a ranked list of (chunk id, score), best first
Ranking = list[tuple[int, float]]
#: chunk records an index keeps decoded in memory (the most recently read)
CHUNK_CACHE = 4096


class ChunkMap(Mapping):
    """An index's chunks by id (``index.chunks[i]``, ``len(index.chunks)``); read on demand."""

    def __init__(self, index: "Index"):
        self._index = index

    def __getitem__(self, chunk_id: int) -> Chunk:
        return self._index.chunk(chunk_id)

    def __len__(self) -> int:
        return self._index.size

    def __iter__(self) -> Iterator[int]:
        return (c.id for c in self._index.iter_chunks())


class Index(abc.ABC):
    """A loaded index: documents, chunks by id, dense and keyword search, sentence vectors.

    Chunk ids are stable (a document's chunks keep theirs until it changes) but
    not contiguous: use :meth:`chunk`, never positions.
    """

    #: vector size
    dimension: int

    @property
    @abc.abstractmethod
    def documents(self) -> dict[str, dict]:
        """Per-document entries: name -> {sha256, chunks, chars, title, display, ...}."""

    @property
    @abc.abstractmethod
    def size(self) -> int:
        """How many chunks are searchable."""

    @property
    def chunks(self) -> ChunkMap:
        """The chunks by id, read on demand."""
        return ChunkMap(self)

    def chunk(self, chunk_id: int) -> Chunk:
        """One chunk by id (the last :data:`CHUNK_CACHE` read are kept decoded).

        Raises:
            KeyError: no such chunk (removed since it was retrieved).
        """
        cached = self.__dict__.get("_chunk_cache")
        if cached is None:  # per instance: a cache on the method would keep every index alive
            cached = self.__dict__["_chunk_cache"] = functools.lru_cache(maxsize=CHUNK_CACHE)(self._read_chunk)
        return cached(chunk_id)

    def forget_chunks(self) -> None:
        """Drop the decoded chunks kept by :meth:`chunk`."""
        self.__dict__.pop("_chunk_cache", None)

    @abc.abstractmethod
    def _read_chunk(self, chunk_id: int) -> Chunk:
        """One chunk read from storage.

        Raises:
            KeyError: no such chunk.
        """

    @abc.abstractmethod
    def iter_chunks(self) -> Iterator[Chunk]:
        """Every searchable chunk, in id order (slow on big indexes: for tests and tools)."""

    @abc.abstractmethod
    def dense(self, vector: np.ndarray, k: int) -> Ranking:
        """The ``k`` chunks nearest a normalised query vector, by inner product."""

    @abc.abstractmethod
    def keyword(self, tokens: list[str], k: int) -> Ranking:
        """The ``k`` best chunks by BM25 for query tokens (only chunks sharing a token)."""

    @abc.abstractmethod
    def idf(self, term: str) -> float:
        """Inverse document frequency of a term (the highest value for unseen terms)."""

    @abc.abstractmethod
    def sentence_vectors(self, chunk_id: int) -> np.ndarray:
        """One vector per sentence of a chunk (``qa.chinese.split_sentences`` of its text)."""

    @abc.abstractmethod
    def nearest_sentences(self, vector: np.ndarray, k: int) -> Ranking:
        """(chunk id, cosine) of the ``k`` sentences nearest a query vector, best first
        (a chunk appears once per sentence); empty when the backend keeps no sentence index."""

    def refresh(self) -> None:
        """Catch up with documents written through the store since this index was loaded."""

    def close(self) -> None:
        """Release files and connections (the index is unusable afterwards)."""


class IndexStore(abc.ABC):
    """Persists an index, one document per transaction.

    A writer holds :meth:`locked`, calls :meth:`begin` (``fresh=True`` starts an
    empty index that replaces the current one only at :meth:`commit`), then
    :meth:`put_document` / :meth:`remove_document` for each change (each one
    committed on its own when not fresh), then :meth:`commit`. A crash at any
    point leaves the last committed state loadable.
    """

    @abc.abstractmethod
    def locked(self) -> contextlib.AbstractContextManager:
        """Hold the store's build lock for a ``with`` block.

        Raises:
            IndexBusyError: another build holds it too long.
        """

    @abc.abstractmethod
    def exists(self) -> bool:
        """True when something was committed here (valid or not)."""

    @abc.abstractmethod
    def load(self, config: dict) -> Index:
        """The committed index, checked against the settings it must have been built with.

        Raises:
            IndexLoadError: missing, damaged, or built with other settings.
        """

    @abc.abstractmethod
    def begin(self, config: dict, dimension: int, fresh: bool) -> None:
        """Start writing: ``fresh`` starts an empty index (invisible until :meth:`commit`),
        else documents are changed in the committed one."""

    @abc.abstractmethod
    def put_document(self, name: str, entry: dict, chunks: list[Chunk], tokens: list[list[str]],
                     vectors: np.ndarray, sentence_vectors: np.ndarray) -> None:
        """Add or replace one document: its entry, chunks (ids are assigned here), their
        BM25 tokens, vectors, and the vectors of their sentences in chunk order."""

    @abc.abstractmethod
    def remove_document(self, name: str) -> None:
        """Remove one document and its chunks."""

    @abc.abstractmethod
    def commit(self) -> None:
        """Make a fresh index the current one; do any maintenance that is due."""

    def remove_leftovers(self) -> list[str]:
        """Delete what killed writes left behind (hold :meth:`locked`); the names removed."""
        return []


@contextlib.contextmanager
def build_lock(folder: Path, name: str, timeout: float, what: str):
    """Hold the lock file ``folder/name`` for a ``with`` block, waiting up to ``timeout``
    seconds for another build (the ``filelock`` package: an OS-level lock released even
    when the process is killed).

    Args:
        folder: where the lock file lives (created when missing).
        name: the lock file's name.
        timeout: seconds to wait for another holder.
        what: what is locked, for the messages ("index folder …").
    Raises:
        IndexLoadError: ``folder`` is a file.
        IndexBusyError: another build still holds the lock after ``timeout`` seconds.
    """
    from filelock import FileLock, Timeout  # noqa: PLC0415

    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise IndexLoadError(f"index folder {folder} is a file, not a folder")
    folder.mkdir(parents=True, exist_ok=True)
    lock = FileLock(folder / name)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        log.warning("another build is writing %s; waiting for it (up to %.0f s)", what, timeout)
        try:
            lock.acquire(timeout=timeout)
        except Timeout:
            raise IndexBusyError(f"{what} is busy: another build has held it for "
                                 f"more than {timeout:.0f} s") from None
    try:
        yield
    finally:
        lock.release()


def open_store(settings: "Settings") -> IndexStore:
    """The store the ``vector_store`` setting names: empty for the embedded one in
    ``index_dir``, ``milvus://host:port`` / ``http(s)://…`` for a Milvus server, or a
    path ending in ``.db`` for a Milvus Lite file.

    Args:
        settings: the settings.
    Returns:
        The store.
    """
    uri = settings.vector_store.strip()
    if not uri:
        from .store import EmbeddedStore  # noqa: PLC0415

        return EmbeddedStore(settings.index_dir, settings.build_lock_timeout, ann_min_chunks=settings.ann_min_chunks,
                             ann_nprobe=settings.ann_nprobe)
    from .milvus import MilvusStore  # noqa: PLC0415

    if uri.startswith("milvus://"):
        uri = "http://" + uri[len("milvus://"):]
    elif not uri.startswith(("http://", "https://")):
        uri = str(Path(uri).expanduser().resolve())
    return MilvusStore(uri, settings.milvus_collection, lock_folder=settings.index_dir,
                       lock_timeout=settings.build_lock_timeout, token=settings.milvus_token)
