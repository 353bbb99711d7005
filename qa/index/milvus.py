"""The Milvus index: chunks, dense vectors and Milvus' own BM25 in Milvus collections,
on a Milvus server (``http(s)://host:port``) or in a Milvus Lite file (``*.db``).

What maps to what (``<c>`` is the ``milvus_collection`` setting)::

    <c>_meta                 key/value rows (JSON): which generation is current, the
                             next chunk id, and per generation its settings (format,
                             fingerprint, dimension) and one row per document
                             ({entry, ids: [lo, hi), sentences, tokens})
    <c>_g<N>                 chunks of generation N: id (the chunk id), doc, record
                             (qa.index.store.chunk_record JSON), tokens (our jieba
                             tokens, see below), sparse (BM25 Function of tokens,
                             SPARSE_INVERTED_INDEX / BM25 k1=1.2 b=0.75), vector
                             (FLOAT_VECTOR, FLAT / IP)
    <c>_g<N>_sentences       one row per sentence: id (auto), doc, chunk_id (scalar
                             index), position, vector (FLAT / IP)
    <c>, <c>_sentences       aliases of the current generation's two collections, for
                             people and tools (Attu, pymilvus); this module reads through
                             the ``current`` row instead, which changes in one write

**Tokens.** BM25 runs on the tokens of :class:`qa.index.keyword.Tokenizer` (jieba,
place names, stop words), so both backends score the same terms. A Milvus 2.6
server has a ``whitespace`` tokenizer, but Milvus Lite 3.2 knows only ``standard``
(``\\w+`` plus lower case, which splits "302.4" and "5%") and ``jieba``
(``{"tokenizer": "whitespace"}`` is refused). So that one layout serves both, each
token is stored as the hex of its UTF-8 bytes, separated by spaces
(:func:`encode_tokens`), under the ``standard`` analyzer: a hex string is one word
for it, so Milvus' analyzer gives back exactly our tokens (repeats count),
``TEXT_MATCH(tokens, "<hex>")`` matches exactly one token, and the query text is
the hex of the question's tokens.

**Ids and crashes.** Chunk ids come from the ``next_id`` counter (never reused, not
auto_id). Milvus has no multi-row transactions, so a document is written in an
order where its meta row is the commit point: (1) reserve ids ``[lo, hi)`` by
advancing ``next_id``; (2) insert the sentence rows, (3) the chunk rows; (4) upsert
the document's row naming ``[lo, hi)``; (5) delete the document's older rows
(``doc == name and id < lo``). Readers only see chunks whose id lies in a
document's current range and below the ``next_id`` they last read (a filter on
every search), so a kill at any point leaves either the old or the new version of
that document visible; the rows of the other version are orphans, which
:meth:`MilvusIndex.refresh` detects (a count that does not add up) and masks, and
:meth:`MilvusStore.remove_leftovers` (each build) deletes. Removing a document
deletes its meta row first, then its rows. Milvus Lite logs every write (WAL)
before answering, so rows survive a kill without ``flush``; the store flushes at
each commit (which also seals segments).

**Fresh builds** write a new generation ``N+1`` (new collections, new meta rows)
while generation ``N`` stays current and searchable; :meth:`MilvusStore.commit`
switches the ``current`` row (one upsert), points the aliases at the new
collections, and drops the old generation. A kill before the switch leaves ``N``
current; the half-written generation is dropped by the next build.

**Differences from the embedded backend** (:mod:`qa.index.store`):

- Search is live: an index reads the collections on each search rather than a
  snapshot, so a document written by a build in progress becomes searchable
  when its meta row is written *and* the index has been refreshed (the ``next_id``
  filter hides newer rows); its old chunks disappear as soon as they are deleted.
- BM25: Milvus finds the candidates (chunks sharing a token, by its own BM25);
  their scores are then recomputed here with the index-wide statistics (``N`` =
  searchable chunks, document frequency by ``TEXT_MATCH`` count, average length
  from the per-document token counts), with bm25s' Lucene formula. Milvus Lite keeps
  BM25 statistics per segment (the memtable and each flushed file score with their
  own ``N``, ``df`` and average length, and deleted rows still count until a
  compaction merges the files), and a server's statistics may lag deletions too; the
  recomputation makes the scores, and so the rankings and the weighted RRF fusion
  in :mod:`qa.index.retrieval`, the same as the embedded backend's wherever the
  candidates include its top ``k`` (``KEYWORD_CANDIDATES`` of them are fetched).
  Fusion stays client-side for both backends: Milvus' ``RRFRanker`` has no
  per-list weights.
- Dense search is exact (FLAT) by default. For a large collection on a server,
  pass ``vector_index={"index_type": "HNSW", "metric_type": "IP", "params": {"M": 16,
  "efConstruction": 200}}`` and ``vector_search={"ef": 128}`` (``ef`` at least the
  number of candidates), or ``{"index_type": "IVF_FLAT", "metric_type": "IP",
  "params": {"nlist": 4 * sqrt(chunks)}}`` with ``{"nprobe": 32}``, to
  :class:`MilvusStore` (the sentence collection uses the same settings). Milvus Lite
  builds HNSW and IVF_FLAT with faiss too, but a Lite file is meant for small
  collections (it is pure Python).
- Sentence vectors are read per chunk (cached) and searched by Milvus, never
  held in memory.
- The build lock is a file in ``lock_folder`` (the index folder): it serialises
  builds on one machine, not across machines sharing a Milvus server. A Milvus
  Lite file can be open in one process at a time (Milvus Lite's own lock).
"""
from __future__ import annotations

import bisect
import contextlib
import functools
import json
import logging
import re
import threading
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np

from ..chinese import split_sentences
from ..errors import ConfigError, IndexLoadError
from ..records import Chunk
from .backend import Index, IndexStore, Ranking, build_lock
from .keyword import BM25_B, BM25_K1, bm25_idf
from .store import chunk_from_record, chunk_record

__all__ = ["MilvusIndex", "MilvusStore", "decode_tokens", "encode_tokens"]

log = logging.getLogger(__name__)

#: the layout of the collections and meta rows (bump when it changes: a load of another one fails)
FORMAT = 1
#: the lock file (in ``lock_folder``) that serialises builds on this machine
LOCK = ".milvus-build.lock"
#: suffixes of the collections of ``<collection>``: its meta rows, a generation, a generation's sentences
META_SUFFIX = "_meta"
GENERATION_SUFFIX = "_g{}"
SENTENCES_SUFFIX = "_sentences"
#: what a collection setting may be: Milvus names are letters, digits and ``_``, at most
#: 255 characters, of which the suffixes above take up to 40
COLLECTION_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,214}$")
#: Milvus' longest VARCHAR, in bytes (chunk records, token strings, meta values)
MAX_VARCHAR = 65535
#: the longest document name, in UTF-8 bytes
MAX_NAME = 4096
#: the analyzer of the ``tokens`` field: ``\\w+`` words, which hex-encoded tokens are
STANDARD_ANALYZER = {"tokenizer": "standard"}
#: the index of both vector fields by default: exact inner product (see the module docstring for HNSW/IVF)
FLAT_INDEX = {"index_type": "FLAT", "metric_type": "IP", "params": {}}
#: the BM25 index of the sparse field: Lucene's k1 and b, as qa.index.keyword
BM25_INDEX = {"index_type": "SPARSE_INVERTED_INDEX", "metric_type": "BM25",
              "params": {"bm25_k1": BM25_K1, "bm25_b": BM25_B}}
#: reads see every acknowledged write (a build refreshes its index right after writing)
CONSISTENCY = "Strong"
#: Milvus' largest ``offset + limit`` of one query or search
QUERY_WINDOW = 16384
#: rows per insert call (a chunk row is about 2 KB of vector plus its record)
INSERT_BATCH = 500
#: rows per page of a query iterator, and ids per ``id in [...]`` filter
READ_BATCH = 1000
#: BM25 candidates fetched from Milvus per result wanted (times ``k``, at least ``k`` plus the extra)
KEYWORD_CANDIDATES = 4
KEYWORD_EXTRA_CANDIDATES = 50
#: chunks whose sentence vectors are kept decoded in memory
SENTENCE_CACHE = 1024
#: document frequencies kept per index (the cache is emptied when it is full, and at each refresh)
DF_CACHE = 100_000
#: the meta collection needs a vector field (Milvus requires one); this one is always zeros
META_VECTOR_DIM = 2
#: gRPC options of a Milvus Lite connection: pymilvus pings every 10 s even when idle, which the
#: in-process Lite server answers, after a minute or two without calls, with a GOAWAY
#: ("too_many_pings", logged by gRPC on stderr); a loopback channel needs no keepalive
LITE_GRPC_OPTIONS = {"grpc.keepalive_time_ms": 600_000, "grpc.keepalive_permit_without_calls": 0}


def encode_tokens(tokens: Iterable[str]) -> str:
    """Tokens as the ``tokens`` field stores them: the hex of each token's UTF-8 bytes, space-separated.

    Args:
        tokens: BM25 tokens (no empty ones).
    Returns:
        One string that Milvus' ``standard`` analyzer splits back into exactly these tokens.
    """
    return " ".join(t.encode("utf-8").hex() for t in tokens if t)


def decode_tokens(text: str) -> list[str]:
    """The tokens of an :func:`encode_tokens` string.

    Args:
        text: the stored string.
    Returns:
        The tokens, in order.
    """
    return [bytes.fromhex(t).decode("utf-8") for t in text.split()]


def _quote(text: str) -> str:
    """A string literal for a Milvus filter expression."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _milvus_errors():
    from pymilvus.exceptions import MilvusException  # noqa: PLC0415 - pymilvus is optional

    return (MilvusException,)


@contextlib.contextmanager
def _reported(what: str):
    """Turn Milvus' errors inside the block into :class:`IndexLoadError` naming ``what``."""
    try:
        yield
    except _milvus_errors() as exc:
        raise IndexLoadError(f"Milvus {what} failed: {getattr(exc, 'message', exc)}") from exc


class _Names:
    """The collection names of one setting."""

    def __init__(self, collection: str):
        self.base = collection
        self.meta = collection + META_SUFFIX
        self.sentences_alias = collection + SENTENCES_SUFFIX
        self._generation = re.compile("^" + re.escape(collection) + r"_g(\d+)(?:" + SENTENCES_SUFFIX + ")?$")

    def chunks(self, generation: int) -> str:
        """The chunk collection of a generation."""
        return self.base + GENERATION_SUFFIX.format(generation)

    def sentences(self, generation: int) -> str:
        """The sentence collection of a generation."""
        return self.chunks(generation) + SENTENCES_SUFFIX

    def generation_of(self, name: str) -> int | None:
        """The generation a collection belongs to (None for other collections)."""
        match = self._generation.match(name)
        return int(match.group(1)) if match else None


class _Layout:
    """Reading and writing the meta rows and the generations' collections through one client."""

    def __init__(self, client, names: _Names):
        self.client = client
        self.names = names
        #: collections loaded through this connection
        self._loaded: set[str] = set()

    # ------------------------------------------------------------ collections
    def use(self, collection: str) -> str:
        """Load ``collection`` once per connection (a server, or a Lite file opened again,
        starts with collections released); its name."""
        if collection not in self._loaded:
            self.client.load_collection(collection)
            self._loaded.add(collection)
        return collection

    def create(self, collection: str, schema, params) -> None:
        """Create a collection with its indexes, and load it (without waiting for the indexes
        to be built: a new collection is empty, and Milvus Lite cannot be asked when they are)."""
        self.client.create_collection(collection, schema=schema, consistency_level=CONSISTENCY)
        self.client.create_index(collection, params, sync=False)
        self.client.load_collection(collection)
        self._loaded.add(collection)

    def drop(self, collection: str) -> bool:
        """Drop a collection if it exists; True when it did."""
        self._loaded.discard(collection)
        if not self.client.has_collection(collection):
            return False
        self.client.drop_collection(collection)
        return True

    # ------------------------------------------------------------ generic reads and writes
    def count(self, collection: str, expr: str) -> int:
        """Rows of ``collection`` matching ``expr``."""
        rows = self.client.query(self.use(collection), filter=expr, output_fields=["count(*)"])
        return int(rows[0]["count(*)"]) if rows else 0

    def scan(self, collection: str, expr: str, fields: list[str]) -> Iterator[dict]:
        """Every row of ``collection`` matching ``expr`` (a query iterator: no size limit)."""
        iterator = self.client.query_iterator(self.use(collection), batch_size=READ_BATCH, filter=expr,
                                              output_fields=fields)
        try:
            while batch := iterator.next():
                yield from batch
        finally:
            iterator.close()

    def select(self, collection: str, expr: str, fields: list[str]) -> list[dict]:
        """Rows matching ``expr``: one query when they fit in :data:`QUERY_WINDOW`, else a scan."""
        rows = self.client.query(self.use(collection), filter=expr, output_fields=fields, limit=QUERY_WINDOW)
        if len(rows) < QUERY_WINDOW:
            return list(rows)
        return list(self.scan(collection, expr, fields))

    def insert(self, collection: str, rows: list[dict]) -> None:
        """Insert rows in batches of :data:`INSERT_BATCH`."""
        for start in range(0, len(rows), INSERT_BATCH):
            self.client.insert(self.use(collection), rows[start:start + INSERT_BATCH])

    def delete(self, collection: str, expr: str) -> None:
        """Delete the rows matching ``expr``."""
        self.client.delete(self.use(collection), filter=expr)

    # ------------------------------------------------------------ meta rows
    def has_meta(self) -> bool:
        """True when the meta collection exists."""
        return self.client.has_collection(self.names.meta)

    def create_meta(self) -> None:
        """Create the meta collection unless it exists."""
        from pymilvus import DataType, MilvusClient  # noqa: PLC0415

        if self.has_meta():
            return
        schema = MilvusClient.create_schema(auto_id=False, enable_dynamic_field=False)
        schema.add_field("key", DataType.VARCHAR, is_primary=True, max_length=MAX_NAME + 64)
        schema.add_field("kind", DataType.VARCHAR, max_length=32)
        schema.add_field("generation", DataType.INT64)
        schema.add_field("value", DataType.VARCHAR, max_length=MAX_VARCHAR)
        schema.add_field("unused", DataType.FLOAT_VECTOR, dim=META_VECTOR_DIM)
        params = self.client.prepare_index_params()
        params.add_index("unused", index_type="FLAT", metric_type="IP")
        self.create(self.names.meta, schema, params)

    def get(self, key: str) -> dict | None:
        """The JSON value of one meta row (None when absent)."""
        rows = self.client.query(self.use(self.names.meta), filter=f"key == {_quote(key)}", output_fields=["value"])
        return json.loads(rows[0]["value"]) if rows else None

    def put(self, key: str, kind: str, generation: int, value: dict) -> None:
        """Insert or replace one meta row."""
        text = json.dumps(value, ensure_ascii=False)
        if len(text.encode("utf-8")) > MAX_VARCHAR:
            raise ValueError(f"meta row {key!r} is longer than {MAX_VARCHAR} bytes")
        row = {"key": key, "kind": kind, "generation": generation, "value": text, "unused": [0.0] * META_VECTOR_DIM}
        self.client.upsert(self.use(self.names.meta), [row])

    def current(self) -> int | None:
        """The current generation (None before the first commit)."""
        if not self.has_meta():
            return None
        value = self.get("current")
        return int(value["generation"]) if value else None

    def documents(self, generation: int) -> dict[str, dict]:
        """The document rows of a generation: name -> {entry, ids, sentences, tokens}."""
        rows = self.select(self.names.meta, f'kind == "doc" and generation == {int(generation)}', ["value"])
        documents = {}
        for row in rows:
            value = json.loads(row["value"])
            documents[value["name"]] = value
        return documents

    def generations(self) -> set[int]:
        """Every generation that has a collection or meta rows."""
        found = {g for name in self.client.list_collections() if (g := self.names.generation_of(name)) is not None}
        if self.has_meta():
            found.update(int(r["generation"]) for r in self.select(self.names.meta, 'kind == "settings"',
                                                                  ["generation"]))
        return found

    # ------------------------------------------------------------ generations
    def create_generation(self, generation: int, dimension: int, vector_index: dict) -> None:
        """Create the (empty) chunk and sentence collections of a generation."""
        from pymilvus import DataType, Function, FunctionType, MilvusClient  # noqa: PLC0415

        chunks, sentences = self.names.chunks(generation), self.names.sentences(generation)
        self.drop(chunks)
        self.drop(sentences)
        schema = MilvusClient.create_schema(auto_id=False, enable_dynamic_field=False)
        schema.add_field("id", DataType.INT64, is_primary=True)
        schema.add_field("doc", DataType.VARCHAR, max_length=MAX_NAME)
        schema.add_field("record", DataType.VARCHAR, max_length=MAX_VARCHAR)
        schema.add_field("tokens", DataType.VARCHAR, max_length=MAX_VARCHAR, enable_analyzer=True,
                         analyzer_params=STANDARD_ANALYZER, enable_match=True)
        schema.add_field("sparse", DataType.SPARSE_FLOAT_VECTOR)
        schema.add_field("vector", DataType.FLOAT_VECTOR, dim=dimension)
        schema.add_function(Function(name="tokens_bm25", function_type=FunctionType.BM25,
                                     input_field_names=["tokens"], output_field_names=["sparse"]))
        params = self.client.prepare_index_params()
        params.add_index("sparse", **BM25_INDEX)
        params.add_index("vector", **vector_index)
        params.add_index("doc", index_type="INVERTED")
        self.create(chunks, schema, params)

        schema = MilvusClient.create_schema(auto_id=True, enable_dynamic_field=False)
        schema.add_field("id", DataType.INT64, is_primary=True)
        schema.add_field("doc", DataType.VARCHAR, max_length=MAX_NAME)
        schema.add_field("chunk_id", DataType.INT64)
        schema.add_field("position", DataType.INT32)
        schema.add_field("vector", DataType.FLOAT_VECTOR, dim=dimension)
        params = self.client.prepare_index_params()
        params.add_index("vector", **vector_index)
        params.add_index("chunk_id", index_type="INVERTED")
        params.add_index("doc", index_type="INVERTED")
        self.create(sentences, schema, params)

    def drop_generation(self, generation: int) -> list[str]:
        """Drop a generation's collections and meta rows; the collections dropped."""
        dropped = []
        for name in (self.names.chunks(generation), self.names.sentences(generation)):
            if self.drop(name):
                dropped.append(name)
        if self.has_meta():
            self.delete(self.names.meta, f'kind != "current" and kind != "counter" and generation == {int(generation)}')
        return dropped

    def point_aliases(self, generation: int) -> None:
        """Point the aliases ``<c>`` and ``<c>_sentences`` at a generation's collections
        (for people and tools; a failure is logged, not raised)."""
        try:
            existing = set(self.client.list_aliases().get("aliases", []))
            for alias, target in ((self.names.base, self.names.chunks(generation)),
                                  (self.names.sentences_alias, self.names.sentences(generation))):
                if alias in existing:
                    self.client.alter_alias(target, alias)
                else:
                    self.client.create_alias(target, alias)
        except _milvus_errors() as exc:
            log.warning("could not point the aliases %s and %s at generation %d (%s); the index works without them",
                        self.names.base, self.names.sentences_alias, generation, exc)


def _valid_ranges(documents: dict[str, dict]) -> tuple[list[int], list[int]]:
    """The documents' chunk id ranges ``[lo, hi)``, sorted: (starts, ends)."""
    spans = sorted((int(d["ids"][0]), int(d["ids"][1])) for d in documents.values() if d["ids"][1] > d["ids"][0])
    return [lo for lo, _ in spans], [hi for _, hi in spans]


def _in_ranges(chunk_id: int, starts: list[int], ends: list[int]) -> bool:
    i = bisect.bisect_right(starts, chunk_id) - 1
    return i >= 0 and chunk_id < ends[i]


def _orphans(layout: _Layout, generation: int, documents: dict[str, dict],
             horizon: int | None) -> tuple[set[int], int]:
    """Chunk ids stored in either collection of a generation but in no document's range,
    and how many chunk rows lie in the ranges (a scan of both collections' ids).

    Args:
        layout: the connection.
        generation: the generation.
        documents: its document rows.
        horizon: only ids below this one (None: all).
    Returns:
        (orphan chunk ids, chunk rows in the documents' ranges).
    """
    starts, ends = _valid_ranges(documents)
    orphans: set[int] = set()
    valid = 0
    bound = "{} >= 0" if horizon is None else f"{{}} < {int(horizon)}"
    for row in layout.scan(layout.names.chunks(generation), bound.format("id"), ["id"]):
        if _in_ranges(int(row["id"]), starts, ends):
            valid += 1
        else:
            orphans.add(int(row["id"]))
    for row in layout.scan(layout.names.sentences(generation), bound.format("chunk_id"), ["chunk_id"]):
        if not _in_ranges(int(row["chunk_id"]), starts, ends):
            orphans.add(int(row["chunk_id"]))
    return orphans, valid


class MilvusIndex(Index):
    """The current generation of a :class:`MilvusStore`, searched live.

    What it has read of the meta rows (documents, their chunk id ranges, ``next_id``)
    is fixed until :meth:`refresh`; searches only return chunks of those ranges.
    """

    def __init__(self, layout: _Layout, generation: int, settings: dict, vector_search: dict):
        self._layout = layout
        self._client = layout.client
        self.generation = generation
        self.dimension = int(settings["dimension"])
        self.config = settings["config"]
        self._chunks = layout.names.chunks(generation)
        self._sentences = layout.names.sentences(generation)
        self._vector_search = dict(vector_search)
        self._lock = threading.RLock()
        self._documents: dict[str, dict] = {}
        self._size = 0
        self._avg_length = 0.0
        self._chunk_filter = "id < 0"
        self._sentence_filter = "chunk_id < 0"
        self._df: dict[str, int] = {}
        self._cached_sentences = functools.lru_cache(maxsize=SENTENCE_CACHE)(self._read_sentences)

    # ------------------------------------------------------------ state
    def refresh(self) -> None:
        """Re-read the documents and ``next_id`` of this generation; mask orphan rows.

        Raises:
            IndexLoadError: the generation is no longer current, or the stored chunks
                do not add up to the documents' counts.
        """
        layout = self._layout
        with _reported("read"), self._lock:
            current = layout.current()
            if current != self.generation:
                raise IndexLoadError("the Milvus index was replaced by another build; load it again")
            try:
                rows = layout.documents(self.generation)
                horizon = int((layout.get("next_id") or {}).get("next_id", 0))
                size = sum(int(r["entry"]["chunks"]) for r in rows.values())
                sentences = sum(int(r["sentences"]) for r in rows.values())
                tokens = sum(int(r["tokens"]) for r in rows.values())
                for name, r in rows.items():
                    lo, hi = int(r["ids"][0]), int(r["ids"][1])
                    if hi - lo != int(r["entry"]["chunks"]) or hi > horizon:
                        raise ValueError(f"the chunk ids of {name} do not match its entry")
            except (ValueError, KeyError, TypeError) as exc:
                raise IndexLoadError(f"Milvus index meta rows are damaged ({exc})") from None
            stored = layout.count(self._chunks, f"id < {horizon}")
            stored_sentences = layout.count(self._sentences, f"chunk_id < {horizon}")
            excluded: set[int] = set()
            if stored != size or stored_sentences != sentences:
                excluded, valid = _orphans(layout, self.generation, rows, horizon)
                if valid != size:
                    raise IndexLoadError(f"index is inconsistent: documents list {size} chunks, {valid} are stored")
                log.info("the Milvus index has rows of %d chunk ids of unfinished or interrupted writes; they are "
                         "ignored (the next build removes those of interrupted writes)", len(excluded))
            mask = f" and {{}} not in [{', '.join(map(str, sorted(excluded)))}]" if excluded else ""
            self._chunk_filter = f"id < {horizon}" + mask.format("id")
            self._sentence_filter = f"chunk_id < {horizon}" + mask.format("chunk_id")
            self._documents = {name: r["entry"] for name, r in rows.items()}
            self._size = size
            self._avg_length = tokens / size if size else 0.0
            self._df = {}

    @property
    def documents(self) -> dict[str, dict]:
        """The documents as of the last :meth:`refresh`.

        Returns:
            name -> entry (sha256, chunks, chars, title, display, ...).
        """
        return self._documents

    @property
    def size(self) -> int:
        """The searchable chunks as of the last :meth:`refresh`.

        Returns:
            The sum of the documents' chunk counts.
        """
        return self._size

    def close(self) -> None:
        """Forget the cached chunks and sentence vectors (the client belongs to the store)."""
        self.forget_chunks()
        self._cached_sentences.cache_clear()
        self._df = {}

    # ------------------------------------------------------------ chunks
    def _read_chunk(self, chunk_id: int) -> Chunk:
        with _reported("read"):
            rows = self._client.query(self._chunks, filter=f"id == {int(chunk_id)}", output_fields=["record"])
        if not rows:
            raise KeyError(chunk_id)
        return chunk_from_record(int(chunk_id), rows[0]["record"])

    def iter_chunks(self) -> Iterator[Chunk]:
        """Every searchable chunk, in id order (reads all ids, then the records in batches).

        Returns:
            An iterator of chunks.
        """
        with _reported("read"):
            ids = sorted(int(r["id"]) for r in self._layout.scan(self._chunks, self._chunk_filter, ["id"]))
        for start in range(0, len(ids), READ_BATCH):
            batch = ids[start:start + READ_BATCH]
            with _reported("read"):
                rows = self._client.query(self._chunks, filter=f"id in [{', '.join(map(str, batch))}]",
                                          output_fields=["id", "record"], limit=len(batch))
            records = {int(r["id"]): r["record"] for r in rows}
            for chunk_id in batch:
                if chunk_id in records:  # removed since the ids were read: skip it
                    yield chunk_from_record(chunk_id, records[chunk_id])

    # ------------------------------------------------------------ search
    def dense(self, vector: np.ndarray, k: int) -> Ranking:
        """The ``k`` chunks nearest a normalised query vector.

        Args:
            vector: the query vector.
            k: how many.
        Returns:
            (chunk id, inner product), best first.
        """
        if k < 1 or not self._size:
            return []
        with _reported("search"):
            hits = self._client.search(self._chunks, data=[np.asarray(vector, np.float32).tolist()],
                                       anns_field="vector", limit=min(k, QUERY_WINDOW), filter=self._chunk_filter,
                                       output_fields=["id"], search_params=self._search_params())
        return [(int(h["id"]), float(h["distance"])) for h in hits[0]]

    def _search_params(self) -> dict:
        return {"metric_type": "IP", "params": dict(self._vector_search)}

    def keyword(self, tokens: list[str], k: int) -> Ranking:
        """The ``k`` best chunks by BM25 for query tokens: Milvus' full-text search finds
        the candidates, scored again with the index-wide statistics (module docstring).

        Args:
            tokens: query tokens (repeats count).
            k: how many.
        Returns:
            (chunk id, score > 0), best first; ties by chunk id.
        """
        tokens = [t for t in tokens if t]
        if k < 1 or not tokens or not self._size:
            return []
        limit = min(QUERY_WINDOW, max(k * KEYWORD_CANDIDATES, k + KEYWORD_EXTRA_CANDIDATES))
        with _reported("search"):
            hits = self._client.search(self._chunks, data=[encode_tokens(tokens)], anns_field="sparse", limit=limit,
                                       filter=self._chunk_filter, output_fields=["id", "tokens"],
                                       search_params={"metric_type": "BM25"})
        weights = {term: count * self.idf(term) for term, count in Counter(tokens).items()}
        avg = self._avg_length or 1.0
        scored = []
        for hit in hits[0]:
            terms = decode_tokens(hit["entity"]["tokens"])
            counts = Counter(terms)
            norm = BM25_K1 * (1 - BM25_B + BM25_B * len(terms) / avg)
            score = sum(w * counts[t] / (counts[t] + norm) for t, w in weights.items() if counts.get(t))
            if score > 0:
                scored.append((int(hit["id"]), float(score)))
        scored.sort(key=lambda item: (-item[1], item[0]))
        return scored[:k]

    def document_frequency(self, term: str) -> int:
        """How many searchable chunks have ``term`` among their tokens (cached until :meth:`refresh`).

        Args:
            term: one token.
        Returns:
            The count.
        """
        df = self._df.get(term)
        if df is None:
            expr = f"TEXT_MATCH(tokens, {_quote(encode_tokens([term]))}) and {self._chunk_filter}"
            with _reported("count"):
                df = self._layout.count(self._chunks, expr) if term else 0
            if len(self._df) >= DF_CACHE:
                self._df = {}
            self._df[term] = df
        return df

    def idf(self, term: str) -> float:
        """Lucene's BM25 idf of a term over the searchable chunks.

        Args:
            term: one token.
        Returns:
            ``bm25_idf(size, df)``: the highest value for unseen terms.
        """
        return bm25_idf(max(self._size, 1), self.document_frequency(term))

    # ------------------------------------------------------------ sentences
    def _read_sentences(self, chunk_id: int) -> np.ndarray:
        with _reported("read"):
            rows = self._layout.select(self._sentences, f"chunk_id == {int(chunk_id)}", ["position", "vector"])
        if not rows:
            self.chunk(chunk_id)  # KeyError when the chunk is gone too
            matrix = np.zeros((0, self.dimension), np.float32)
        else:
            rows.sort(key=lambda r: r["position"])
            matrix = np.asarray([r["vector"] for r in rows], dtype=np.float32).reshape(len(rows), self.dimension)
        matrix.flags.writeable = False
        return matrix

    def sentence_vectors(self, chunk_id: int) -> np.ndarray:
        """One vector per sentence of a chunk, in order (cached).

        Args:
            chunk_id: the chunk's id.
        Returns:
            A read-only (sentences, dimension) array.
        Raises:
            KeyError: no such chunk.
        """
        return self._cached_sentences(int(chunk_id))

    def nearest_sentences(self, vector: np.ndarray, k: int) -> Ranking:
        """The ``k`` sentences nearest a normalised query vector.

        Args:
            vector: the query vector.
            k: how many sentences.
        Returns:
            (chunk id, cosine), best first; a chunk appears once per sentence.
        """
        if k < 1 or not self._size:
            return []
        with _reported("search"):
            hits = self._client.search(self._sentences, data=[np.asarray(vector, np.float32).tolist()],
                                       anns_field="vector", limit=min(k, QUERY_WINDOW),
                                       filter=self._sentence_filter, output_fields=["chunk_id"],
                                       search_params=self._search_params())
        return [(int(h["entity"]["chunk_id"]), float(h["distance"])) for h in hits[0]]


class MilvusStore(IndexStore):
    """The Milvus backend: collections named after ``collection`` on a server or in a Milvus Lite file.

    Args:
        uri: a Milvus Lite file (a path ending in ``.db``) or ``http(s)://host:port``.
        collection: the name the collections start with (letters, digits, ``_``).
        lock_folder: where the build lock file lives (created on the first build).
        lock_timeout: seconds a build waits for another one.
        token: the server's token (``user:password`` or an API key; ignored by Milvus Lite).
        vector_index: the index of both vector fields (default FLAT / IP; see the module docstring).
        vector_search: the search ``params`` that go with ``vector_index`` (``{"ef": 128}`` for HNSW).
    Raises:
        ConfigError: the collection name or a setting is invalid.
    """

    def __init__(self, uri: str, collection: str, lock_folder: Path, lock_timeout: float = 600.0, token: str = "",
                 vector_index: dict | None = None, vector_search: dict | None = None):
        if lock_timeout < 0:
            raise ConfigError(f"lock_timeout must be >= 0, got {lock_timeout}")
        if not COLLECTION_NAME.match(collection or ""):
            raise ConfigError(f"Milvus collection name {collection!r} must be letters, digits and _ "
                              f"(not starting with a digit), at most 215 characters")
        if not uri:
            raise ConfigError("the Milvus URI is empty")
        self.uri = uri
        self.collection = collection
        self.lock_folder = Path(lock_folder)
        self.lock_timeout = lock_timeout
        self.vector_index = dict(vector_index or FLAT_INDEX)
        if self.vector_index.get("metric_type", "IP") != "IP":
            raise ConfigError("the Milvus vector index must use the IP metric (vectors are normalised)")
        self.vector_index["metric_type"] = "IP"
        self.vector_search = dict(vector_search or {})
        self._token = token
        self._names = _Names(collection)
        self._layout: _Layout | None = None
        self._connect_lock = threading.Lock()
        #: the generation written between begin() and commit(), whether it is fresh, and its vector size
        self._writing: int | None = None
        self._fresh = False
        self._dimension = 0

    @property
    def is_lite(self) -> bool:
        """True for a Milvus Lite file, False for a server."""
        return not self.uri.startswith(("http://", "https://"))

    def _open(self) -> _Layout:
        """The connection (opened on first use).

        Raises:
            IndexLoadError: Milvus cannot be reached, or the Lite file is open in another process.
        """
        with self._connect_lock:
            if self._layout is None:
                from pymilvus import MilvusClient  # noqa: PLC0415

                if self.is_lite:
                    Path(self.uri).parent.mkdir(parents=True, exist_ok=True)
                if self.is_lite:
                    kwargs = {"grpc_options": dict(LITE_GRPC_OPTIONS)}
                else:
                    kwargs = {"token": self._token} if self._token else {}
                try:
                    client = MilvusClient(uri=self.uri, **kwargs)
                except _milvus_errors() as exc:
                    where = "Milvus Lite file (is it open in another process?)" if self.is_lite else "Milvus server"
                    raise IndexLoadError(f"cannot open the {where} {self.uri}: "
                                         f"{getattr(exc, 'message', exc)}") from exc
                self._layout = _Layout(client, self._names)
            return self._layout

    def close(self) -> None:
        """Close the connection (the next use opens it again)."""
        with self._connect_lock:
            if self._layout is not None:
                self._layout.client.close()
                self._layout = None

    # ------------------------------------------------------------ locking
    def locked(self):
        """Hold the build lock (a file in ``lock_folder``) for a ``with`` block.

        Returns:
            A context manager.
        Raises:
            IndexBusyError: another build holds it longer than ``lock_timeout``.
        """
        return build_lock(self.lock_folder, LOCK, self.lock_timeout, f"Milvus collection {self.collection}")

    def exists(self) -> bool:
        """True when a generation was committed here.

        Returns:
            Whether the meta collection names a current generation.
        """
        with _reported("read"):
            try:
                return self._open().current() is not None
            except (ValueError, KeyError, TypeError):
                return True  # a damaged ``current`` row: something was committed

    # ------------------------------------------------------------ loading
    def load(self, config: dict) -> MilvusIndex:
        """The current generation, checked against the settings it must have been built with.

        Args:
            config: the indexer's fingerprint.
        Returns:
            The index, caught up with the meta rows.
        Raises:
            IndexLoadError: missing, damaged, or built with other settings.
        """
        layout = self._open()
        with _reported("read"):
            try:
                generation = layout.current()
                settings = layout.get(f"settings:{generation}") if generation is not None else None
            except (ValueError, KeyError, TypeError) as exc:
                raise IndexLoadError(f"Milvus index meta rows are damaged ({exc})") from None
            if generation is None:
                raise IndexLoadError(f"no index in Milvus collection {self.collection} ({self.uri})")
            if (not isinstance(settings, dict) or settings.get("format") != FORMAT
                    or not isinstance(settings.get("dimension"), int)):
                raise IndexLoadError(f"Milvus index {self.collection} is damaged (no settings of format {FORMAT})")
            if settings.get("config") != config:
                raise IndexLoadError("index was built with other settings (model or chunking)")
            for name in (self._names.chunks(generation), self._names.sentences(generation)):
                if not layout.client.has_collection(name):
                    raise IndexLoadError(f"Milvus index {self.collection} is damaged (collection {name} is missing)")
                layout.use(name)
        index = MilvusIndex(layout, generation, settings, self.vector_search)
        index.refresh()
        return index

    # ------------------------------------------------------------ writing
    def begin(self, config: dict, dimension: int, fresh: bool) -> None:
        """Start writing: a new generation (``fresh``), else the current one.

        Args:
            config: the indexer's fingerprint (stored with a fresh generation).
            dimension: the vector size.
            fresh: start an empty generation that replaces the current one at :meth:`commit`.
        Raises:
            IndexLoadError: not fresh and there is no current generation.
        """
        layout = self._open()
        with _reported("write"):
            layout.create_meta()
            if fresh:
                generation = max(layout.generations() | {layout.current() or 0}) + 1
                layout.drop_generation(generation)
                layout.create_generation(generation, dimension, self.vector_index)
                layout.put(f"settings:{generation}", "settings", generation,
                           {"format": FORMAT, "config": config, "dimension": dimension,
                            "created": time.strftime("%Y-%m-%dT%H:%M:%S%z")})
                log.info("writing a new Milvus index generation %d in %s", generation, self.uri)
            else:
                generation = layout.current()
                if generation is None:
                    raise IndexLoadError(f"no index in Milvus collection {self.collection} to update")
                settings = layout.get(f"settings:{generation}") or {}
                if settings.get("dimension") != dimension:
                    raise IndexLoadError(f"the Milvus index holds vectors of {settings.get('dimension')} "
                                         f"dimensions, not {dimension}")
        self._writing, self._fresh, self._dimension = generation, fresh, dimension

    def _writer(self) -> tuple[_Layout, int]:
        if self._writing is None:
            raise RuntimeError("call begin() before writing")
        return self._open(), self._writing

    def _reserve_ids(self, layout: _Layout, n: int) -> int:
        """Advance ``next_id`` by ``n`` before any row uses the ids (so none is ever reused);
        the first id reserved. Without a ``next_id`` row (a first build, or a lost row) ids
        start above every range a document row names."""
        counter = layout.get("next_id")
        if counter is not None:
            first = int(counter["next_id"])
        else:
            ranges = [json.loads(r["value"])["ids"][1] for r in layout.select(layout.names.meta, 'kind == "doc"',
                                                                                ["value"])]
            first = max(ranges, default=0)
        layout.put("next_id", "counter", 0, {"next_id": first + n})
        return first

    def put_document(self, name: str, entry: dict, chunks: list[Chunk], tokens: list[list[str]],
                     vectors: np.ndarray, sentence_vectors: np.ndarray) -> None:
        """Add or replace one document (its meta row is the commit point; module docstring).

        Args:
            name: the document's name.
            entry: its entry (sha256, chars, title, ...); ``chunks`` is set here.
            chunks: its chunks (their ids are replaced by the ids assigned here).
            tokens: each chunk's BM25 tokens.
            vectors: each chunk's normalised vector.
            sentence_vectors: the vectors of every chunk's sentences, in chunk order.
        Raises:
            ValueError: the counts disagree, or a name, record or token list is too long for Milvus.
        """
        layout, generation = self._writer()
        if not len(chunks) == len(tokens) == len(vectors):
            raise ValueError(f"{len(chunks)} chunks, {len(tokens)} token lists and {len(vectors)} vectors")
        counts = [len(split_sentences(c.text)) for c in chunks]
        if sum(counts) != len(sentence_vectors):
            raise ValueError(f"{len(sentence_vectors)} sentence vectors for {sum(counts)} sentences")
        if len(name.encode("utf-8")) > MAX_NAME:
            raise ValueError(f"document name {name[:80]!r}… is longer than {MAX_NAME} bytes")
        dim = self._dimension
        vectors = np.asarray(vectors, dtype=np.float32).reshape(len(chunks), dim)
        sentence_vectors = np.asarray(sentence_vectors, dtype=np.float32).reshape(sum(counts), dim)
        records = [chunk_record(c) for c in chunks]
        encoded = [encode_tokens(t) for t in tokens]
        for c, record, text in zip(chunks, records, encoded):
            if len(record.encode("utf-8")) > MAX_VARCHAR or len(text) > MAX_VARCHAR:
                raise ValueError(f"a chunk of {name} is too long for Milvus ({MAX_VARCHAR} bytes per field)")
        with _reported("write"):
            lo = self._reserve_ids(layout, len(chunks))
            hi = lo + len(chunks)
            owners = np.repeat(np.arange(lo, hi, dtype=np.int64), counts)
            positions = np.concatenate([np.arange(n) for n in counts]) if counts else np.zeros(0, np.int64)
            rows = [{"doc": name, "chunk_id": int(owners[i]), "position": int(positions[i]),
                     "vector": sentence_vectors[i].tolist()} for i in range(len(owners))]
            layout.insert(layout.names.sentences(generation), rows)
            rows = [{"id": lo + i, "doc": name, "record": records[i], "tokens": encoded[i],
                     "vector": vectors[i].tolist()} for i in range(len(chunks))]
            layout.insert(layout.names.chunks(generation), rows)
            layout.put(f"doc:{generation}:{name}", "doc", generation,
                       {"name": name, "entry": {**entry, "chunks": len(chunks)}, "ids": [lo, hi],
                        "sentences": int(sum(counts)), "tokens": int(sum(len(t) for t in tokens))})
            # the new version is committed: the old rows (all below lo) are orphans now
            layout.delete(layout.names.chunks(generation), f"doc == {_quote(name)} and id < {lo}")
            layout.delete(layout.names.sentences(generation), f"doc == {_quote(name)} and chunk_id < {lo}")

    def remove_document(self, name: str) -> None:
        """Remove one document: its meta row (the commit point), then its rows.

        Args:
            name: the document's name.
        """
        layout, generation = self._writer()
        with _reported("write"):
            layout.delete(layout.names.meta, f"key == {_quote(f'doc:{generation}:{name}')}")
            layout.delete(layout.names.chunks(generation), f"doc == {_quote(name)}")
            layout.delete(layout.names.sentences(generation), f"doc == {_quote(name)}")

    def commit(self, index: MilvusIndex | None = None) -> bool:
        """Flush the writes; for a fresh generation, make it current, point the aliases at
        it and drop the old generations.

        Args:
            index: the loaded index (unused: searches read Milvus live).
        Returns:
            True when a new generation became current (load it), else False.
        """
        layout, generation = self._writer()
        with _reported("commit"):
            for name in (layout.names.chunks(generation), layout.names.sentences(generation), layout.names.meta):
                layout.client.flush(name)
            if self._fresh:
                layout.put("current", "current", generation,
                           {"generation": generation, "updated": time.strftime("%Y-%m-%dT%H:%M:%S%z")})
                layout.client.flush(layout.names.meta)
                layout.point_aliases(generation)
        fresh = self._fresh
        self._writing, self._fresh = None, False
        self.remove_leftovers()
        return fresh

    def remove_leftovers(self) -> list[str]:
        """Drop the generations that are not current (nor being written) and delete orphan
        rows of the current one (call it holding :meth:`locked`).

        Returns:
            The collections dropped, and ``"<n> orphan chunk(s)"`` when rows were deleted.
        """
        layout = self._open()
        removed: list[str] = []
        with _reported("clean-up"):
            if not layout.has_meta():
                return removed
            try:
                current = layout.current()
            except (ValueError, KeyError, TypeError):
                return removed  # damaged: leave everything for the rebuild to replace
            keep = {current, self._writing} - {None}
            for generation in sorted(layout.generations() - keep):
                removed.extend(layout.drop_generation(generation))
            if current is not None and current != self._writing:
                removed.extend(self._remove_orphans(layout, current))
        if removed:
            log.info("removed from Milvus %s: %s", self.uri, ", ".join(removed))
        return removed

    def _remove_orphans(self, layout: _Layout, generation: int) -> list[str]:
        chunks, sentences = layout.names.chunks(generation), layout.names.sentences(generation)
        if not (layout.client.has_collection(chunks) and layout.client.has_collection(sentences)):
            return []
        try:
            documents = layout.documents(generation)
            expected = sum(int(d["entry"]["chunks"]) for d in documents.values())
            expected_sentences = sum(int(d["sentences"]) for d in documents.values())
        except (ValueError, KeyError, TypeError):
            return []
        if (layout.count(chunks, "id >= 0") == expected
                and layout.count(sentences, "chunk_id >= 0") == expected_sentences):
            return []
        # every row outside the documents' ranges, whatever its id (ids are reserved before
        # rows are written, so none should lie at or above ``next_id``; if some do, they go too)
        orphans, _ = _orphans(layout, generation, documents, None)
        ids = sorted(orphans)
        for start in range(0, len(ids), READ_BATCH):
            listed = ", ".join(map(str, ids[start:start + READ_BATCH]))
            layout.delete(chunks, f"id in [{listed}]")
            layout.delete(sentences, f"chunk_id in [{listed}]")
        layout.client.flush(chunks)
        layout.client.flush(sentences)
        return [f"{len(ids)} orphan chunk(s)"] if ids else []
