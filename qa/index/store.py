"""The persisted index under ``embeddings/``: FAISS vectors, chunk store, manifest.

Layout::

    embeddings/
      manifest.json            written last, atomically; names the data files
      chunks-<hash>.jsonl      chunk records with their BM25 tokens
      vectors-<hash>.faiss     FAISS inner-product index, row i = chunk i
      sentences-<hash>.npy     one vector per sentence of every chunk, in chunk order
                               (the sentences of qa.chinese.split_sentences(chunk.text))

Data files are content-addressed and never overwritten: a write puts new ones
beside the old, then replaces the manifest (temp file + rename), then deletes
files the manifest no longer names and temp files a killed build left behind.
A crash at any point leaves the previous manifest with the files it names.
Builds hold the folder's lock file (``.build.lock``, the ``filelock`` package:
an OS-level lock released even when the process is killed), so two processes
never write one folder at once; a second build waits, then says the folder is busy. On load the manifest is checked against its
schema (types, required keys, file names inside the folder) and every file's
sha256 against the manifest; any problem is one :class:`IndexLoadError`.

This module only loads, writes and validates; :mod:`qa.index.indexer` decides
what to write.
"""
from __future__ import annotations

import bisect
import contextlib
import dataclasses
import hashlib
import json
import logging
import re
import time
from dataclasses import dataclass
from pathlib import Path

import io

import numpy as np

from ..chinese import split_sentences
from ..errors import IndexBusyError, IndexLoadError
from ..files import atomic_write, sha256_file
from ..records import Chunk

__all__ = ["MANIFEST", "Index", "IndexLoadError", "IndexStore", "validate_manifest"]

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"
#: sub-folder of the index folder holding the text extracted from PDF/DOCX/HTML/Markdown files
EXTRACTED_FOLDER = "extracted"
#: the lock file that serialises builds on one folder
LOCK = ".build.lock"
#: 2: sentence vectors joined the data files
MANIFEST_FORMAT = 2
#: what a data file may be called: content-addressed, no folder part
DATA_FILE = re.compile(r"^(chunks|vectors|sentences)-[0-9a-f]{16}\.(jsonl|faiss|npy)$")
#: the data files of an index, by role, with their extension
ROLES = {"chunks": "jsonl", "vectors": "faiss", "sentences": "npy"}


@dataclass
class Index:
    """A loaded index: chunks, their token lists, the FAISS index and the sentence vectors."""

    chunks: list[Chunk]
    tokens: list[list[str]]
    faiss_index: object
    manifest: dict
    #: one row per sentence of every chunk, in chunk order (see :meth:`sentence_rows`)
    sentence_vectors: np.ndarray | None = None

    def __post_init__(self) -> None:
        #: the first row of each chunk's sentences in ``sentence_vectors`` (and the total at the end)
        self._first_rows = [0]
        for c in self.chunks:
            self._first_rows.append(self._first_rows[-1] + len(split_sentences(c.text)))

    @property
    def sentence_count(self) -> int:
        """How many sentence vectors the chunks need."""
        return self._first_rows[-1]

    def sentence_chunk(self, row: int) -> int:
        """The id of the chunk whose sentence is row ``row`` of ``sentence_vectors``."""
        return bisect.bisect_right(self._first_rows, row) - 1

    def sentence_rows(self, chunk_id: int) -> tuple[int, int]:
        """The rows ``[lo, hi)`` of ``sentence_vectors`` that hold the sentences of one chunk."""
        return self._first_rows[chunk_id], self._first_rows[chunk_id + 1]

    @property
    def documents(self) -> dict[str, dict]:
        """Per-document manifest entries (sha256, chunk count, title)."""
        return self.manifest["documents"]

    def vectors(self) -> np.ndarray:
        """All chunk vectors, row i = chunk i."""
        n = self.faiss_index.ntotal
        return self.faiss_index.reconstruct_n(0, n) if n else np.zeros((0, self.faiss_index.d), np.float32)


def validate_manifest(manifest: object) -> None:
    """Check a manifest's shape: required keys, their types, data file names.

    Raises:
        IndexLoadError: naming the first problem.
    """
    def need(ok: bool, what: str) -> None:
        if not ok:
            raise IndexLoadError(f"index manifest is damaged: {what}")

    need(isinstance(manifest, dict), "not a JSON object")
    need(manifest.get("format") == MANIFEST_FORMAT, f"format is not {MANIFEST_FORMAT}")
    need(isinstance(manifest.get("config"), dict), "'config' is not an object")
    need(isinstance(manifest.get("dimension"), int) and manifest["dimension"] > 0, "'dimension' is not a positive int")
    need(isinstance(manifest.get("chunks"), int) and manifest["chunks"] >= 0, "'chunks' is not a count")
    files = manifest.get("files")
    need(isinstance(files, dict), "'files' is not an object")
    for role in ROLES:
        entry = files.get(role)
        need(isinstance(entry, dict), f"'files.{role}' is not an object")
        name, digest = entry.get("name"), entry.get("sha256")
        need(isinstance(name, str) and DATA_FILE.match(name) is not None and name.startswith(role),
             f"'files.{role}.name' is not a data file name of this folder")
        need(isinstance(digest, str) and re.fullmatch(r"[0-9a-f]{64}", digest) is not None,
             f"'files.{role}.sha256' is not a sha256")
    documents = manifest.get("documents")
    need(isinstance(documents, dict), "'documents' is not an object")
    for name, entry in documents.items():
        need(isinstance(entry, dict) and isinstance(entry.get("sha256"), str)
             and isinstance(entry.get("chunks"), int), f"document entry {name!r} is damaged")


class IndexStore:
    """Loads, validates and writes the index files in one folder.

    Args:
        folder: the index folder (created on the first write).
        lock_timeout: seconds a build waits for another one holding the folder.
    """

    def __init__(self, folder: Path, lock_timeout: float = 600.0):
        if lock_timeout < 0:
            raise ValueError(f"lock_timeout must be >= 0, got {lock_timeout}")
        self.folder = Path(folder)
        self.lock_timeout = lock_timeout

    def _check_folder(self) -> None:
        if self.folder.exists() and not self.folder.is_dir():
            raise IndexLoadError(f"index folder {self.folder} is a file, not a folder")

    @contextlib.contextmanager
    def locked(self):
        """Hold the folder's build lock for the ``with`` block (waiting for another build).

        Raises:
            IndexBusyError: another build still holds it after ``lock_timeout`` seconds.
        """
        from filelock import FileLock, Timeout  # noqa: PLC0415

        self._check_folder()
        self.folder.mkdir(parents=True, exist_ok=True)
        lock = FileLock(self.folder / LOCK)
        try:
            lock.acquire(timeout=0)
        except Timeout:
            log.warning("another build is writing %s; waiting for it (up to %.0f s)", self.folder, self.lock_timeout)
            try:
                lock.acquire(timeout=self.lock_timeout)
            except Timeout:
                raise IndexBusyError(f"index folder {self.folder} is busy: another build has held it for "
                                     f"more than {self.lock_timeout:.0f} s") from None
        try:
            yield
        finally:
            lock.release()

    def exists(self) -> bool:
        """True when the folder holds a manifest (valid or not)."""
        return (self.folder / MANIFEST).is_file()

    def load(self, config: dict) -> Index:
        """Load and verify the stored index.

        Args:
            config: the fingerprint the index must have been built with.
        Returns:
            The index.
        Raises:
            IndexLoadError: missing, unreadable, damaged, corrupt, or built with other settings.
        """
        import faiss  # noqa: PLC0415

        manifest_path = self.folder / MANIFEST
        self._check_folder()
        if not manifest_path.is_file():
            raise IndexLoadError(f"no index in {self.folder}")
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise IndexLoadError(f"index manifest {manifest_path} is unreadable ({exc})") from None
        validate_manifest(manifest)
        if manifest["config"] != config:
            raise IndexLoadError("index was built with other settings (model or chunking)")
        files = manifest["files"]
        for role in ROLES:
            path = self.folder / files[role]["name"]
            if not path.is_file():
                raise IndexLoadError(f"index file {path.name} is missing")
            if sha256_file(path) != files[role]["sha256"]:
                raise IndexLoadError(f"index file {path.name} is corrupt (checksum mismatch)")
        try:
            chunks, tokens = _read_chunks(self.folder / files["chunks"]["name"])
            vectors = faiss.read_index(str(self.folder / files["vectors"]["name"]))
            sentences = np.load(self.folder / files["sentences"]["name"], allow_pickle=False)
        except (OSError, ValueError, KeyError, TypeError, RuntimeError) as exc:
            raise IndexLoadError(f"index files are unreadable ({exc})") from None
        if vectors.ntotal != len(chunks) or vectors.d != manifest["dimension"]:
            raise IndexLoadError(
                f"index is inconsistent: {vectors.ntotal} vectors of dimension {vectors.d} "
                f"for {len(chunks)} chunks of dimension {manifest['dimension']}"
            )
        if sum(entry["chunks"] for entry in manifest["documents"].values()) != len(chunks):
            raise IndexLoadError("index is inconsistent: document chunk counts do not add up")
        index = Index(chunks, tokens, vectors, manifest, sentences)
        if sentences.ndim != 2 or sentences.shape[1] != vectors.d or len(sentences) != index.sentence_count:
            raise IndexLoadError(f"index is inconsistent: {sentences.shape} sentence vectors for {len(chunks)} chunks")
        return index

    def write(self, chunks: list[Chunk], tokens: list[list[str]], matrix: np.ndarray, sentence_matrix: np.ndarray,
              documents: dict[str, dict], dimension: int, config: dict) -> Index:
        """Write a complete index (data files first, then the manifest) and return it loaded.

        Args:
            chunks: all chunks, ids 0..n-1 in order.
            tokens: the BM25 tokens of each chunk.
            matrix: one vector per chunk.
            sentence_matrix: one vector per sentence of every chunk, in chunk order.
            documents: per-document entries (sha256, chunks, chars, title).
            dimension: vector size.
            config: the fingerprint the index is built with.
        Returns:
            The written index.
        """
        import faiss  # noqa: PLC0415

        self._check_folder()
        self.folder.mkdir(parents=True, exist_ok=True)
        faiss_index = faiss.IndexFlatIP(dimension)
        if len(matrix):
            faiss_index.add(matrix)
        payload = "".join(
            json.dumps({**dataclasses.asdict(c), "tokens": t}, ensure_ascii=False) + "\n"
            for c, t in zip(chunks, tokens)
        ).encode("utf-8")
        vectors_bytes = faiss.serialize_index(faiss_index).tobytes()
        buffer = io.BytesIO()
        np.save(buffer, np.ascontiguousarray(sentence_matrix, dtype=np.float32), allow_pickle=False)
        files = {}
        data_by_role = {"chunks": payload, "vectors": vectors_bytes, "sentences": buffer.getvalue()}
        for role, ext in ROLES.items():
            data = data_by_role[role]
            digest = hashlib.sha256(data).hexdigest()
            path = self.folder / f"{role}-{digest[:16]}.{ext}"
            if not (path.is_file() and sha256_file(path) == digest):
                atomic_write(path, lambda tmp, data=data: tmp.write_bytes(data))
            files[role] = {"name": path.name, "sha256": digest}
        manifest = {
            "format": MANIFEST_FORMAT,
            "config": config,
            "dimension": dimension,
            "files": files,
            "documents": documents,
            "chunks": len(chunks),
            "updated": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        }
        atomic_write(self.folder / MANIFEST, lambda tmp: tmp.write_text(
            json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8"))
        self.remove_leftovers(manifest)
        return Index(chunks, tokens, faiss_index, manifest, np.asarray(sentence_matrix, dtype=np.float32))

    def remove_leftovers(self, manifest: dict) -> list[str]:
        """Delete data files ``manifest`` does not name and temp files of interrupted writes
        (call it holding :meth:`locked`; other files in the folder are left alone).

        Args:
            manifest: the manifest now in force.
        Returns:
            The names removed.
        """
        referenced = {f["name"] for f in manifest["files"].values()}
        temp_prefixes = (f".{MANIFEST}.", *(f".{role}-" for role in ROLES))  # see qa.files.atomic_write
        removed = []
        for path in sorted(self.folder.iterdir()):
            name = path.name
            if path.is_file() and name not in referenced and (DATA_FILE.match(name) or name.startswith(temp_prefixes)):
                path.unlink(missing_ok=True)
                removed.append(name)
        if removed:
            log.info("removed %d leftover file(s) from %s: %s", len(removed), self.folder, ", ".join(removed))
        return removed


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
            row["flagged"] = tuple(tuple(f) for f in row["flagged"])
            row["pages"] = tuple(tuple(p) for p in row.get("pages", ()))
            chunks.append(Chunk(**row))
    return chunks, tokens
