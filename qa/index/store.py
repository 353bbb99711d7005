"""The embedded index under ``embeddings/``: chunks in SQLite, vectors in FAISS, keywords in bm25s.

Layout::

    embeddings/
      manifest.json                 names the current database; replaced atomically
      index-<16 hex>.sqlite         the truth: documents, chunks (record, BM25 tokens,
                                    vector, sentence vectors), settings, the snapshot in use
      vectors-<16 hex>.faiss        snapshot: FAISS index of the chunk vectors (ids = chunk ids)
      keyword-<16 hex>/             snapshot: the bm25s index (memory-mapped at load)

**Changes cost what the document costs.** Each added, changed or removed
document is one SQLite transaction (WAL journal): its new chunks are inserted,
its old ones marked dead. The snapshots are derived data: a load reads them and
then catches up with the database (adds chunks newer than the snapshot, drops
dead ones), so a change never rewrites them. When the changes since the last
snapshot exceed :data:`COMPACT_FRACTION` of the index, the next commit writes
new snapshots and deletes the dead rows (like a Lucene segment merge).

**Crashes.** A SQLite transaction is all or nothing; snapshot files are written
under new names before the database names them; a fresh build writes a new
database that ``manifest.json`` names only once it is complete. So a kill at
any point leaves the previous state loadable, and files no one names are
removed by the next build (:meth:`EmbeddedStore.remove_leftovers`). A damaged
or missing snapshot is rebuilt from the database (no re-embedding); a damaged
database or manifest is one :class:`IndexLoadError` and a rebuild.

**Search.** Below :attr:`EmbeddedStore.ann_min_chunks` chunks FAISS searches
exhaustively (exact); above it an IVF index with 8-bit scalar quantisation
(approximate, a quarter of the memory; supports deletions by id, which HNSW
does not), probing ``ann_nprobe`` lists. Both were chosen with
``python -m qa.benchmark --scale`` (README, "Scale").

Builds hold the folder's lock file (``.build.lock``, the ``filelock`` package),
so two processes never write one folder at once.
"""
from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import os
import re
import secrets
import shutil
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from ..chinese import split_sentences
from ..errors import IndexLoadError
from ..files import atomic_write, sha256_file
from ..records import Chunk
from .backend import Index, IndexStore, Ranking, build_lock
from .keyword import KeywordIndex

__all__ = ["MANIFEST", "EmbeddedIndex", "EmbeddedStore", "IndexLoadError", "chunk_from_record",
           "chunk_record", "validate_manifest"]

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"
#: sub-folder of the index folder holding the text extracted from PDF/DOCX/HTML/Markdown files
EXTRACTED_FOLDER = "extracted"
#: the lock file that serialises builds on one folder
LOCK = ".build.lock"
#: 3: chunks in SQLite, snapshots of FAISS and bm25s beside it
MANIFEST_FORMAT = 3
#: what the database may be called: no folder part
DATABASE = re.compile(r"^index-[0-9a-f]{16}\.sqlite$")
#: what snapshot files and folders may be called
SNAPSHOT = re.compile(r"^(vectors-[0-9a-f]{16}\.faiss|keyword-[0-9a-f]{16})$")
#: data files of format 2 (vectors files of both formats are named alike: SNAPSHOT covers them)
LEGACY_FILE = re.compile(r"^(chunks|sentences)-[0-9a-f]{16}\.(jsonl|npy)$")
#: the database's own side files
SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")
#: write new snapshots when the changes since the last one (chunks added plus chunks
#: removed) exceed this share of the index: below it, searching the recent chunks
#: beside the snapshot costs little; above it the bm25s statistics drift
COMPACT_FRACTION = 0.1
#: sentence vectors are kept in memory (for the answer layer's sentence search)
#: up to this many sentences (300 MB at 384 floats); above it they are read per chunk
SENTENCE_MEMORY_ROWS = 200_000
#: IVF lists per sqrt(chunks) (4 x sqrt(n): faiss' usual advice of 4-16 x sqrt(n))
ANN_LISTS_PER_SQRT = 4
#: training points per IVF list (faiss warns below 39)
ANN_TRAIN_PER_LIST = 64
#: OpenMP threads FAISS searches with: one query at a time is fastest on one thread (the
#: thread pool's start-up and spinning cost more than they save: a 10k-chunk exact search
#: 0.4 ms vs 1.0 ms on 2; retrieve() p50 on the seed corpus 8.5 vs 16 ms); builds use all cores
FAISS_SEARCH_THREADS = 1
#: rows read from SQLite per batch when snapshots are built
READ_BATCH = 20_000

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (name TEXT PRIMARY KEY, entry TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS chunks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    doc TEXT NOT NULL,
    live INTEGER NOT NULL DEFAULT 1,
    record TEXT NOT NULL,
    tokens TEXT NOT NULL,
    vector BLOB NOT NULL,
    sentences BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks (doc) WHERE live = 1;
CREATE INDEX IF NOT EXISTS chunks_dead ON chunks (id) WHERE live = 0;
"""


def chunk_record(c: Chunk) -> str:
    """A chunk as stored (JSON, without its id: the row id is the chunk id)."""
    row = dataclasses.asdict(c)
    del row["id"]
    return json.dumps(row, ensure_ascii=False)


def chunk_from_record(chunk_id: int, record: str) -> Chunk:
    """A stored chunk record back as a :class:`Chunk`."""
    row = json.loads(record)
    row["paragraphs"] = tuple(row["paragraphs"])
    row["runs"] = tuple(tuple(r) for r in row["runs"])
    row["scope_years"] = tuple(row["scope_years"])
    row["scope_places"] = tuple(row["scope_places"])
    row["flagged"] = tuple(tuple(f) for f in row["flagged"])
    row["pages"] = tuple(tuple(p) for p in row.get("pages", ()))
    return Chunk(id=chunk_id, **row)


def validate_manifest(manifest: object) -> None:
    """Check a manifest's shape: format and the database's file name.

    Raises:
        IndexLoadError: naming the first problem.
    """
    def need(ok: bool, what: str) -> None:
        if not ok:
            raise IndexLoadError(f"index manifest is damaged: {what}")

    need(isinstance(manifest, dict), "not a JSON object")
    need(manifest.get("format") == MANIFEST_FORMAT, f"format is not {MANIFEST_FORMAT}")
    name = manifest.get("database")
    need(isinstance(name, str) and DATABASE.match(name) is not None, "'database' is not a database of this folder")


def ann_lists(n: int) -> int:
    """How many IVF lists for ``n`` vectors."""
    return max(1, int(ANN_LISTS_PER_SQRT * n ** 0.5))


def build_vectors(ids: np.ndarray, matrix: np.ndarray, ann_min_chunks: int, seed: int = 0):
    """A FAISS inner-product index of ``matrix`` with ids: exact below ``ann_min_chunks``,
    else IVF with 8-bit scalar quantisation trained on a sample.

    Args:
        ids: one id per row.
        matrix: normalised vectors.
        ann_min_chunks: the size from which the index is approximate.
        seed: the training sample's seed.
    Returns:
        The FAISS index.
    """
    import faiss  # noqa: PLC0415

    with faiss_threads(os.cpu_count() or 1):
        return _build_vectors(faiss, ids, matrix, ann_min_chunks, seed)


@contextlib.contextmanager
def faiss_threads(n: int):
    """FAISS uses ``n`` OpenMP threads in the ``with`` block, then :data:`FAISS_SEARCH_THREADS`."""
    import faiss  # noqa: PLC0415

    faiss.omp_set_num_threads(n)
    try:
        yield
    finally:
        faiss.omp_set_num_threads(FAISS_SEARCH_THREADS)


def _build_vectors(faiss, ids: np.ndarray, matrix: np.ndarray, ann_min_chunks: int, seed: int):
    d = matrix.shape[1]
    if len(ids) < ann_min_chunks:
        index = faiss.IndexIDMap2(faiss.IndexFlatIP(d))
    else:
        nlist = ann_lists(len(ids))
        index = faiss.IndexIVFScalarQuantizer(faiss.IndexFlatIP(d), d, nlist, faiss.ScalarQuantizer.QT_8bit,
                                              faiss.METRIC_INNER_PRODUCT)
        index.cp.spherical = True
        sample = min(len(ids), nlist * ANN_TRAIN_PER_LIST)
        rows = np.sort(np.random.default_rng(seed).choice(len(ids), sample, replace=False))
        log.info("training an IVF index of %d lists on %d of %d vectors", nlist, sample, len(ids))
        index.train(np.ascontiguousarray(matrix[rows]))
    if len(ids):
        index.add_with_ids(np.ascontiguousarray(matrix, dtype=np.float32), np.asarray(ids, dtype=np.int64))
    return index


def set_nprobe(index, nprobe: int) -> None:
    """Probe ``nprobe`` lists when ``index`` is an IVF index."""
    import faiss  # noqa: PLC0415

    try:
        faiss.extract_index_ivf(index).nprobe = nprobe
    except RuntimeError:  # not an IVF index
        pass


def _connect(path: Path, readonly: bool = False) -> sqlite3.Connection:
    uri = f"file:{path}?mode=ro" if readonly else f"file:{path}"
    conn = sqlite3.connect(uri, uri=True, timeout=60, check_same_thread=False)
    if not readonly:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
    return conn


def _meta(conn: sqlite3.Connection) -> dict:
    return {k: json.loads(v) for k, v in conn.execute("SELECT key, value FROM meta")}


def _set_meta(conn: sqlite3.Connection, **values) -> None:
    conn.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                     [(k, json.dumps(v, ensure_ascii=False)) for k, v in values.items()])


def _sentence_count(documents: dict[str, dict]) -> int:
    """How many sentence vectors the documents have (their entries count them)."""
    return sum(entry.get("sentences", 0) for entry in documents.values())


class EmbeddedIndex(Index):
    """The loaded embedded index: a snapshot caught up with the database.

    Searches and catch-ups take one lock, so a document committed while
    questions are asked joins the index between two searches.
    """

    def __init__(self, path: Path, meta: dict, vectors, keyword: KeywordIndex, upto: int, nprobe: int,
                 snapshot_ok: bool):
        self.path = path
        self.dimension = int(meta["dimension"])
        self.config = meta["config"]
        self.manifest = {"format": MANIFEST_FORMAT, "database": path.name, "config": self.config,
                         "dimension": self.dimension, "snapshot": meta.get("snapshot")}
        #: False when the snapshot was missing or damaged and rebuilt in memory (the next commit writes it)
        self.snapshot_ok = snapshot_ok
        self.upto = upto
        self._vectors = vectors
        set_nprobe(self._vectors, nprobe)
        import faiss  # noqa: PLC0415

        faiss.omp_set_num_threads(FAISS_SEARCH_THREADS)
        self._keyword = keyword
        self._lock = threading.RLock()
        self._local = threading.local()
        self._documents: dict[str, dict] = {}
        #: the highest chunk id caught up with, and the dead ids applied
        self._seen = upto
        self._dead: set[int] = set()
        #: sentence vectors in memory: matrix, chunk id per row, live mask, rows of each chunk
        self._sentences = np.zeros((0, self.dimension), np.float32)
        self._sentence_chunk = np.zeros(0, np.int64)
        self._sentence_live = np.zeros(0, bool)
        self._sentence_rows: dict[int, tuple[int, int]] = {}
        self._sentences_in_memory = True

    # ------------------------------------------------------------ database
    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = _connect(self.path, readonly=True)
        return conn

    def _read_chunk(self, chunk_id: int) -> Chunk:
        row = self._conn().execute("SELECT record FROM chunks WHERE id = ?", (int(chunk_id),)).fetchone()
        if row is None:
            raise KeyError(chunk_id)
        return chunk_from_record(int(chunk_id), row[0])

    @property
    def documents(self) -> dict[str, dict]:
        return self._documents

    @property
    def size(self) -> int:
        return self._keyword.size

    def iter_chunks(self) -> Iterator[Chunk]:
        rows = self._conn().execute("SELECT id, record FROM chunks WHERE live = 1 ORDER BY id").fetchall()
        for chunk_id, record in rows:
            yield chunk_from_record(chunk_id, record)

    # ------------------------------------------------------------ catching up
    def refresh(self) -> None:
        """Apply what the database holds beyond this index: new chunks, dead ones, document entries.

        Raises:
            IndexLoadError: the folder's manifest names another database now (a rebuild by
                another process), or the database cannot be read.
        """
        try:
            manifest = json.loads((self.path.parent / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise IndexLoadError(f"index manifest is unreadable ({exc})") from None
        if not isinstance(manifest, dict) or manifest.get("database") != self.path.name:
            raise IndexLoadError(f"index {self.path.name} was replaced by a rebuild")
        try:
            self._catch_up()
        except sqlite3.DatabaseError as exc:
            raise IndexLoadError(f"index database {self.path.name} is damaged ({exc})") from None

    def _catch_up(self) -> None:
        conn = self._conn()
        with self._lock:
            conn.execute("BEGIN")
            try:
                documents = {name: json.loads(entry) for name, entry in conn.execute("SELECT name, entry FROM documents")}
                dead = [i for (i,) in conn.execute("SELECT id FROM chunks WHERE live = 0 AND id <= ?", (self._seen,))
                        if i not in self._dead]
                added = conn.execute("SELECT id, tokens, vector, sentences FROM chunks "
                                     "WHERE live = 1 AND id > ? ORDER BY id", (self._seen,)).fetchall()
                newest = conn.execute("SELECT COALESCE(MAX(id), 0) FROM chunks").fetchone()[0]
            finally:
                conn.execute("COMMIT")
            self._documents = documents
            if self._sentences_in_memory and _sentence_count(documents) > SENTENCE_MEMORY_ROWS:
                log.info("%d sentences: their vectors are read per chunk, sentence search is off",
                         _sentence_count(documents))
                self._drop_sentences()
            self._remove(dead)
            self._add(added)
            self._seen = max(self._seen, newest)
            counted = sum(entry["chunks"] for entry in documents.values())
            if counted != self.size:
                raise IndexLoadError(f"index is inconsistent: documents list {counted} chunks, {self.size} are stored")

    def load_sentences(self) -> None:
        """Read the sentence vectors of the snapshot's chunks into memory when they fit."""
        conn = self._conn()
        documents = {name: json.loads(entry) for name, entry in conn.execute("SELECT name, entry FROM documents")}
        if _sentence_count(documents) > SENTENCE_MEMORY_ROWS:
            self._drop_sentences()
            return
        with self._lock:
            self._add_sentences(conn.execute("SELECT id, sentences FROM chunks WHERE live = 1 AND id <= ? ORDER BY id",
                                             (self.upto,)).fetchall())

    def _drop_sentences(self) -> None:
        self._sentences_in_memory = False
        self._sentences = np.zeros((0, self.dimension), np.float32)
        self._sentence_chunk = np.zeros(0, np.int64)
        self._sentence_live = np.zeros(0, bool)
        self._sentence_rows = {}

    def _remove(self, ids: list[int]) -> None:
        if not ids:
            return
        self._vectors.remove_ids(np.asarray(ids, dtype=np.int64))
        for chunk_id in ids:
            self._keyword.remove(chunk_id)
            lo_hi = self._sentence_rows.pop(chunk_id, None)
            if lo_hi:
                self._sentence_live[lo_hi[0]:lo_hi[1]] = False
        self._dead.update(ids)

    def _add(self, rows: list[tuple]) -> None:
        if not rows:
            return
        ids = np.array([r[0] for r in rows], dtype=np.int64)
        matrix = np.vstack([np.frombuffer(r[2], dtype=np.float32) for r in rows]).reshape(len(rows), self.dimension)
        self._vectors.add_with_ids(matrix, ids)
        for chunk_id, tokens, _, _ in rows:
            self._keyword.add(chunk_id, json.loads(tokens))
        if self._sentences_in_memory:
            self._add_sentences([(r[0], r[3]) for r in rows])

    def _add_sentences(self, rows: list[tuple[int, bytes]]) -> None:
        first = len(self._sentences)
        blocks, owners = [], []
        for chunk_id, blob in rows:
            block = np.frombuffer(blob, dtype=np.float32).reshape(-1, self.dimension)
            self._sentence_rows[chunk_id] = (first, first + len(block))
            first += len(block)
            blocks.append(block)
            owners.append(np.full(len(block), chunk_id, dtype=np.int64))
        if blocks:
            self._sentences = np.vstack([self._sentences, *blocks])
            self._sentence_chunk = np.concatenate([self._sentence_chunk, *owners])
            self._sentence_live = np.concatenate([self._sentence_live, np.ones(first - len(self._sentence_live), bool)])

    # ------------------------------------------------------------ search
    def dense(self, vector: np.ndarray, k: int) -> Ranking:
        with self._lock:
            if not self._vectors.ntotal:
                return []
            scores, ids = self._vectors.search(np.asarray(vector, dtype=np.float32).reshape(1, -1), k)
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0]) if i >= 0]

    def keyword(self, tokens: list[str], k: int) -> Ranking:
        with self._lock:
            return self._keyword.search(tokens, k)

    def idf(self, term: str) -> float:
        return self._keyword.idf(term)

    def sentence_vectors(self, chunk_id: int) -> np.ndarray:
        with self._lock:
            lo_hi = self._sentence_rows.get(chunk_id)
            if lo_hi is not None:
                return self._sentences[lo_hi[0]:lo_hi[1]]
        row = self._conn().execute("SELECT sentences FROM chunks WHERE id = ?", (int(chunk_id),)).fetchone()
        if row is None:
            raise KeyError(chunk_id)
        return np.frombuffer(row[0], dtype=np.float32).reshape(-1, self.dimension)

    def nearest_sentences(self, vector: np.ndarray, k: int) -> Ranking:
        with self._lock:
            if not self._sentences_in_memory or not len(self._sentences):
                return []
            scores = self._sentences @ np.asarray(vector, dtype=np.float32)
            scores[~self._sentence_live] = -np.inf
            order = np.argsort(-scores)[:k]
            return [(int(self._sentence_chunk[r]), float(scores[r])) for r in order if np.isfinite(scores[r])]

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    @property
    def pending(self) -> int:
        """Chunks added or removed since the snapshot (what a compaction would fold in)."""
        return len(self._dead) + self._keyword.recent


class EmbeddedStore(IndexStore):
    """The embedded backend: one folder, SQLite plus FAISS and bm25s snapshots.

    Args:
        folder: the index folder (created on the first write).
        lock_timeout: seconds a build waits for another one holding the folder.
        ann_min_chunks: from this many chunks the vector snapshot is approximate (IVF).
        ann_nprobe: IVF lists probed per query.
    """

    def __init__(self, folder: Path, lock_timeout: float = 600.0, ann_min_chunks: int = 100_000,
                 ann_nprobe: int = 256):
        if lock_timeout < 0:
            raise ValueError(f"lock_timeout must be >= 0, got {lock_timeout}")
        if ann_min_chunks < 1:
            raise ValueError(f"ann_min_chunks must be at least 1, got {ann_min_chunks}")
        if ann_nprobe < 1:
            raise ValueError(f"ann_nprobe must be at least 1, got {ann_nprobe}")
        self.folder = Path(folder)
        self.lock_timeout = lock_timeout
        self.ann_min_chunks = ann_min_chunks
        self.ann_nprobe = ann_nprobe
        #: the database being written between begin() and commit(), and whether it is a fresh one
        self._writing: Path | None = None
        self._fresh = False

    # ------------------------------------------------------------ locking
    def _check_folder(self) -> None:
        if self.folder.exists() and not self.folder.is_dir():
            raise IndexLoadError(f"index folder {self.folder} is a file, not a folder")

    def locked(self):
        self._check_folder()
        return build_lock(self.folder, LOCK, self.lock_timeout, f"index folder {self.folder}")

    def exists(self) -> bool:
        return (self.folder / MANIFEST).is_file()

    # ------------------------------------------------------------ loading
    def _database(self) -> Path:
        manifest_path = self.folder / MANIFEST
        self._check_folder()
        if not manifest_path.is_file():
            raise IndexLoadError(f"no index in {self.folder}")
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise IndexLoadError(f"index manifest {manifest_path} is unreadable ({exc})") from None
        validate_manifest(manifest)
        path = self.folder / manifest["database"]
        if not path.is_file():
            raise IndexLoadError(f"index database {path.name} is missing")
        return path

    def load(self, config: dict) -> EmbeddedIndex:
        import faiss  # noqa: PLC0415

        path = self._database()
        try:
            conn = _connect(path, readonly=True)
            try:
                meta = _meta(conn)
            finally:
                conn.close()
        except (sqlite3.DatabaseError, ValueError) as exc:
            raise IndexLoadError(f"index database {path.name} is damaged ({exc})") from None
        if meta.get("format") != MANIFEST_FORMAT or not isinstance(meta.get("dimension"), int):
            raise IndexLoadError(f"index database {path.name} is damaged (no settings)")
        if meta.get("config") != config:
            raise IndexLoadError("index was built with other settings (model or chunking)")
        snapshot = meta.get("snapshot") or {}
        vectors, keyword, upto, ok = None, None, 0, False
        try:
            if snapshot:
                vectors, keyword = self._read_snapshot(snapshot)
                upto, ok = int(snapshot["upto"]), True
        except (OSError, ValueError, KeyError, TypeError, RuntimeError) as exc:
            log.warning("index search files are damaged (%s); rebuilding them from %s", exc, path.name)
        if not ok:
            vectors = faiss.IndexIDMap2(faiss.IndexFlatIP(meta["dimension"]))
            keyword = KeywordIndex(None, np.zeros(0, np.int64), 0.0)
        index = EmbeddedIndex(path, meta, vectors, keyword, upto, self.ann_nprobe, ok)
        try:
            index.load_sentences()
            index.refresh()
        except (sqlite3.DatabaseError, ValueError, KeyError, TypeError) as exc:
            index.close()
            raise IndexLoadError(f"index database {path.name} is damaged ({exc})") from None
        return index

    def _read_snapshot(self, snapshot: dict):
        import faiss  # noqa: PLC0415

        files = snapshot["files"]
        for name, digest in files.items():
            path = self.folder / name
            if not SNAPSHOT.match(Path(name).parts[0]) or not path.is_file():
                raise ValueError(f"{name} is missing")
            if sha256_file(path) != digest:
                raise ValueError(f"{name} is corrupt (checksum mismatch)")
        vectors = faiss.read_index(str(self.folder / snapshot["vectors"]))
        keyword = KeywordIndex.load(self.folder / snapshot["keyword"])
        if vectors.ntotal != keyword.size:
            raise ValueError(f"{vectors.ntotal} vectors but {keyword.size} keyword rows")
        return vectors, keyword

    # ------------------------------------------------------------ writing
    def begin(self, config: dict, dimension: int, fresh: bool) -> None:
        self._check_folder()
        self.folder.mkdir(parents=True, exist_ok=True)
        self._fresh = fresh
        if fresh:
            self._writing = self.folder / f"index-{secrets.token_hex(8)}.sqlite"
            conn = _connect(self._writing)
            with conn:
                conn.executescript(SCHEMA)
                _set_meta(conn, format=MANIFEST_FORMAT, config=config, dimension=dimension, snapshot=None)
            conn.close()
        else:
            self._writing = self._database()

    def _write_conn(self) -> sqlite3.Connection:
        if self._writing is None:
            raise RuntimeError("call begin() before writing")
        return _connect(self._writing)

    def put_document(self, name: str, entry: dict, chunks: list[Chunk], tokens: list[list[str]],
                     vectors: np.ndarray, sentence_vectors: np.ndarray) -> None:
        if not len(chunks) == len(tokens) == len(vectors):
            raise ValueError(f"{len(chunks)} chunks, {len(tokens)} token lists and {len(vectors)} vectors")
        counts = [len(split_sentences(c.text)) for c in chunks]
        if sum(counts) != len(sentence_vectors):
            raise ValueError(f"{len(sentence_vectors)} sentence vectors for {sum(counts)} sentences")
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        sentence_vectors = np.ascontiguousarray(sentence_vectors, dtype=np.float32)
        bounds = np.cumsum([0, *counts])
        conn = self._write_conn()
        try:
            with conn:  # one transaction: the document is all in or all out
                conn.execute("UPDATE chunks SET live = 0 WHERE doc = ? AND live = 1", (name,))
                conn.executemany(
                    "INSERT INTO chunks (doc, record, tokens, vector, sentences) VALUES (?, ?, ?, ?, ?)",
                    [(name, chunk_record(c), json.dumps(t, ensure_ascii=False), vectors[i].tobytes(),
                      sentence_vectors[bounds[i]:bounds[i + 1]].tobytes())
                     for i, (c, t) in enumerate(zip(chunks, tokens))])
                conn.execute("INSERT OR REPLACE INTO documents (name, entry) VALUES (?, ?)",
                             (name, json.dumps({**entry, "chunks": len(chunks), "sentences": len(sentence_vectors)},
                                               ensure_ascii=False)))
        finally:
            conn.close()

    def remove_document(self, name: str) -> None:
        conn = self._write_conn()
        try:
            with conn:
                conn.execute("UPDATE chunks SET live = 0 WHERE doc = ? AND live = 1", (name,))
                conn.execute("DELETE FROM documents WHERE name = ?", (name,))
        finally:
            conn.close()

    def commit(self, index: EmbeddedIndex | None = None) -> bool:
        """Make a fresh database current, and write new snapshots when they are due
        (always for a fresh database; else when ``index`` has more pending changes than
        :data:`COMPACT_FRACTION` of its size, or its snapshot was damaged).

        Args:
            index: the loaded index caught up with the writes (not needed for a fresh one).
        Returns:
            True when new snapshots were written (load again to use them).
        """
        if self._writing is None:
            raise RuntimeError("call begin() before commit()")
        path, fresh = self._writing, self._fresh
        due = fresh or index is None or not index.snapshot_ok or index.pending > COMPACT_FRACTION * max(index.size, 1)
        if due:
            self.compact(path)
        if fresh:
            manifest = {"format": MANIFEST_FORMAT, "database": path.name,
                        "updated": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
            atomic_write(self.folder / MANIFEST, lambda tmp: tmp.write_text(
                json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8"))
        self._writing = None
        self.remove_leftovers()
        return due

    def compact(self, path: Path | None = None) -> None:
        """Write new snapshots of the live chunks, name them in the database and delete dead rows."""
        path = path or self._database()
        started = time.perf_counter()
        conn = _connect(path)
        try:
            meta = _meta(conn)
            dimension = meta["dimension"]
            conn.execute("BEGIN")  # a read snapshot: the rows the new files hold
            upto = conn.execute("SELECT COALESCE(MAX(id), 0) FROM chunks").fetchone()[0]
            ids: list[int] = []
            tokens: list[list[str]] = []
            blocks: list[np.ndarray] = []
            cursor = conn.execute("SELECT id, tokens, vector FROM chunks WHERE live = 1 ORDER BY id")
            while batch := cursor.fetchmany(READ_BATCH):
                ids.extend(r[0] for r in batch)
                tokens.extend(json.loads(r[1]) for r in batch)
                blocks.append(np.frombuffer(b"".join(r[2] for r in batch), dtype=np.float32).reshape(-1, dimension))
            conn.execute("COMMIT")
            matrix = np.vstack(blocks) if blocks else np.zeros((0, dimension), np.float32)
            id_array = np.asarray(ids, dtype=np.int64)
            del blocks
            vectors = build_vectors(id_array, matrix, self.ann_min_chunks)
            del matrix
            keyword = KeywordIndex.build(id_array, tokens)
            del tokens
            snapshot = self._write_snapshot(vectors, keyword, upto)
            with conn:
                _set_meta(conn, snapshot=snapshot)
                conn.execute("DELETE FROM chunks WHERE live = 0 AND id <= ?", (upto,))
        finally:
            conn.close()
        log.info("index snapshot of %d chunks written in %.1f s", len(ids), time.perf_counter() - started)

    def _write_snapshot(self, vectors, keyword: KeywordIndex, upto: int) -> dict:
        import faiss  # noqa: PLC0415

        tag = secrets.token_hex(8)
        vectors_name, keyword_name = f"vectors-{tag}.faiss", f"keyword-{tag}"
        atomic_write(self.folder / vectors_name, lambda tmp: faiss.write_index(vectors, str(tmp)))
        staging = self.folder / f".{keyword_name}.tmp"
        shutil.rmtree(staging, ignore_errors=True)
        keyword.save(staging)
        staging.rename(self.folder / keyword_name)
        files = {vectors_name: sha256_file(self.folder / vectors_name)}
        for path in sorted((self.folder / keyword_name).iterdir()):
            files[f"{keyword_name}/{path.name}"] = sha256_file(path)
        return {"upto": upto, "vectors": vectors_name, "keyword": keyword_name, "files": files,
                "kind": "ivf-sq8" if vectors.__class__.__name__.startswith("IndexIVF") else "flat"}

    def remove_leftovers(self) -> list[str]:
        """Delete databases and snapshots nothing names, and temp files of killed writes
        (call it holding :meth:`locked`; other files in the folder are left alone)."""
        keep: set[str] = set()
        try:
            current = self._database()
            keep.add(current.name)
            conn = _connect(current, readonly=True)
            try:
                snapshot = _meta(conn).get("snapshot") or {}
            finally:
                conn.close()
            keep.update({snapshot.get("vectors", ""), snapshot.get("keyword", "")})
        except (IndexLoadError, sqlite3.DatabaseError, ValueError):
            if self.exists():  # a damaged index: leave everything for the rebuild to replace
                return []
        if self._writing is not None:
            keep.add(self._writing.name)
        removed = []
        for path in sorted(self.folder.iterdir()) if self.folder.is_dir() else ():
            name = path.name
            base = name
            for side in SQLITE_SIDE_FILES:
                base = base.removesuffix(side)
            leftover = (
                ((DATABASE.match(base) or SNAPSHOT.match(name)) and base not in keep)
                or name.startswith((f".{MANIFEST}.", ".vectors-", ".keyword-"))
                or LEGACY_FILE.match(name)
            )
            if leftover:
                if path.is_dir():
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    path.unlink(missing_ok=True)
                removed.append(name)
        if removed:
            log.info("removed %d leftover file(s) from %s: %s", len(removed), self.folder, ", ".join(removed))
        return removed
