"""Scale benchmark (not a test): the index backends on synthetic corpora of N chunks.

Run: ``python -m qa.benchmark --scale 10000 100000 1000000 [--backend embedded milvus]
[--out reports/scale] [--queries 200] [--nprobe 32 64] [--ann-min-chunks 100000]
[--faiss-threads 1] [--keep] [--timeout S]``; ``python -m qa.scale --report-only``
writes the report and plots again from ``results.json``.

For each size and backend it reports: the bulk import time (``put_document`` per
document, then ``commit``, i.e. the snapshot build), the load time, the disk
size, the resident memory of a process that has loaded the index and answered
the queries, dense / BM25 / hybrid query latency p50 and p95, dense recall@10
against exact search, and the time to add and to remove one 100-chunk document.
It writes ``report.md``, ``results.json`` and PNG plots to the out folder and
prints the table. Rows accumulate in ``results.json`` across runs (a row is
replaced when the same size, backend and ANN settings are run again), so sizes
run separately (1M takes long) end up in one report.

**Synthetic corpus.** The seed corpus (``seeds/``, 5 documents) is indexed once
with the real pipeline (``Engine.build`` into ``<out>/seed/index``, kept between
runs). Its chunks are split into sentences (``qa.chinese.split_sentences``);
each sentence keeps its real jieba tokens (the engine's :class:`Tokenizer`) and
its real embedding (the sentence vector the build stored). The questions of
``qa/data/seed_qa.jsonl`` give real query vectors (``Embedder.query``) and
query tokens. A synthetic chunk is 2-4 real sentences (uniform) drawn, by a
numpy RNG seeded per document, from different real chunks; its text is their
concatenation (one per line, so that ``split_sentences`` finds exactly them),
its BM25 tokens the concatenation of their tokens, its vector the normalised
mean of their sentence vectors plus Gaussian noise of standard deviation sigma
per dimension, renormalised, and its sentence vectors the real ones plus the
same noise. Sigma is chosen (unless ``--sigma`` is given) so that the
distribution of nearest-neighbour cosines among as many synthetic chunks as
there are real chunks matches that of the real chunk vectors (the smallest
mean absolute difference of the 5th..95th percentiles over a grid of sigmas);
the chosen value, the grid and both distributions are in the report and in
``calibration.png``. Chunks are grouped into documents of 100. Queries are a
fixed sample (``--queries``, seeded) of the real questions; a few others warm
up. Recall@10 compares ``index.dense(q, 10)`` with exact inner-product search
over all the synthetic vectors (computed while they are generated).

**What is timed.** Build: ``begin(fresh=True)``, ``put_document`` of every
document, ``commit`` (generating the synthetic data is timed apart). Load and
queries run in a fresh subprocess that imports the store, loads the index and
answers the queries, so the build's memory does not count; its RSS is
``VmRSS`` from ``/proc/self/status`` after the queries, plus that of any child
process (a backend's server; Milvus Lite 3 runs inside the Python process), with
the ``RssAnon``/``RssFile`` split and the share above the process's size before
the load. The embedding
model is not loaded there and not part of that figure (the report gives its
size separately). Queries go through the real :class:`~qa.index.retrieval.Retriever`
(top 5 passages, 30 candidates per retriever, hybrid = weighted RRF of the BM25
and dense lists) with the question's tokens and vector precomputed, so the
latencies are the index's: search, fusion and reading the 5 chunk records, not
the query embedding (also reported). After 20 warm-up questions, each timed
question is first asked once in hybrid mode ("first ask": its terms' posting
pages not yet mapped, Milvus' term counts not yet cached), then in each mode
(the steady state of a server in use). Adding a document: ``begin(fresh=False)``,
``put_document`` of a new 100-chunk synthetic document, ``index.refresh()``,
``commit(index)``; removing it: the same with ``remove_document``. The cost of
embedding a real 100-chunk document (its chunks and its sentences, with the
configured model) is measured separately, so the full cost of an upload is the
sum. ``--nprobe`` takes several values: the first is the main row, the others
are measured on the same index (loaded again) in a sweep table. FAISS searches
with the store's ``FAISS_SEARCH_THREADS`` (one) unless ``--faiss-threads`` sets
another count after the load; an exact (flat) search of one query split across
OpenMP threads is slower on a busy machine than on one thread (the details table
gives the thread count each row was measured with).

**Limits.** The sentence pool is small (about 760 sentences, a 5k-word
vocabulary), so (1) at 1M chunks each sentence appears in about 4,000 chunks
and many chunks share two of their sentences: the vectors cluster around the
pool's sentence combinations, and averaging pulls them together (random pairs
of synthetic chunks have a higher cosine than random pairs of real ones, see
the report). A question's exact top 10 then spans only about 0.005 of cosine,
so ANN recall@10 counts many near ties as misses (the report also gives the
share of results within 0.001 of the exact 10th), and recall depends on sigma:
more (isotropic) noise blurs the clusters IVF relies on (at 100k chunks and
nprobe 32, recall@10 was 0.83 at sigma 0.0025, 0.79 at 0.01, 0.70 at 0.02).
(2) BM25 posting lists are far longer than in a real corpus of that size,
whose vocabulary keeps growing, so keyword latency is pessimistic. (3)
Synthetic chunks have no contextual header (real chunks index "title | place |
years" too), and their text is about 140 characters (real: about 170). Timings are from a shared 2-core machine and a warm OS page cache;
treat them as rough. Milvus runs as Milvus Lite (a file under the work folder),
which is meant for small collections; a Milvus server is not measured here.
"""
from __future__ import annotations

import argparse
import datetime as dt
import gc
import hashlib
import json
import logging
import math
import os
import platform
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

#: chunks per synthetic document
DOC_CHUNKS = 100
#: real sentences per synthetic chunk (inclusive range)
MIN_SENTENCES, MAX_SENTENCES = 2, 4
#: the sigmas tried by the calibration (per-dimension standard deviation of the noise)
SIGMA_GRID = tuple(round(0.0025 * i, 4) for i in range(0, 25))
#: random draws pooled per sigma by the calibration
CALIBRATION_DRAWS = 8
#: percentiles compared by the calibration
CALIBRATION_PERCENTILES = tuple(range(5, 100, 5))
#: questions answered before timing (not among the timed ones when the set allows)
WARM_UP_QUERIES = 20
#: a dense result counts as a near tie when its exact cosine is within this of the exact 10th best
NEAR_TIE = 0.001
#: rows of synthetic vectors per exact-search block
EXACT_BLOCK = 20_000
#: the targets the 1M embedded figures are compared with
TARGETS = {"hybrid_p50_ms": 50.0, "recall_at_10": 0.95, "rss_mib": 2048.0, "add_total_s": 30.0}
#: the size the targets apply to
TARGET_CHUNKS = 1_000_000
BACKENDS = ("embedded", "milvus")
MODES = ("dense", "bm25", "hybrid")


# --------------------------------------------------------------------------- arguments
def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The scale benchmark's options (``--scale`` selects it)."""
    group = parser.add_argument_group("scale benchmark (--scale)")
    group.add_argument("--scale", type=int, nargs="+", metavar="N",
                       help="benchmark the index backends on synthetic corpora of N chunks each (see qa/scale.py)")
    group.add_argument("--backend", nargs="+", choices=BACKENDS, default=["embedded"],
                       help="index backends to measure (default: embedded)")
    group.add_argument("--out", type=Path, help="folder for report.md, results.json and plots "
                                                "(default: <reports_dir>/scale)")
    group.add_argument("--work", type=Path, help="folder for the synthetic indexes (default: <out>/work)")
    group.add_argument("--queries", type=int, default=200, help="questions timed per mode (default 200)")
    group.add_argument("--nprobe", type=int, nargs="+",
                       help="IVF lists probed (default: the ann_nprobe setting); more values add a sweep")
    group.add_argument("--ann-min-chunks", type=int, nargs="+",
                       help="size from which the embedded vectors are IVF (default: the ann_min_chunks "
                            "setting); several values build one index each")
    group.add_argument("--sigma", type=float, help="noise of the synthetic vectors (default: calibrated)")
    group.add_argument("--seed", type=int, default=1234, help="seed of the synthetic corpus and query sample")
    group.add_argument("--keep", action="store_true", help="keep the synthetic indexes (default: deleted)")
    group.add_argument("--timeout", type=float, help="seconds each build or measurement may take")
    group.add_argument("--report-only", action="store_true",
                       help="only write report.md and the plots again from <out>/results.json")
    group.add_argument("--faiss-threads", type=int, help="OpenMP threads FAISS searches with in the measuring "
                                                         "process (default: the store's, one)")


def main(argv: list[str] | None = None) -> int:
    """``python -m qa.scale --scale N ...`` (the same as ``python -m qa.benchmark --scale``)."""
    from .config import offline_environment  # noqa: PLC0415
    from .logs import setup_logging  # noqa: PLC0415

    offline_environment()
    parser = argparse.ArgumentParser(prog="python -m qa.scale", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    add_arguments(parser)
    args = parser.parse_args(argv)
    if not args.scale and not args.report_only:
        parser.error("--scale N [N ...] or --report-only is required")
    setup_logging()
    return run(args)


# --------------------------------------------------------------------------- memory
def proc_status() -> dict[str, int]:
    """This process's memory figures in KiB (VmRSS, VmHWM, RssAnon, RssFile, RssShmem)."""
    found: dict[str, int] = {}
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                key, _, value = line.partition(":")
                if key in ("VmRSS", "VmHWM", "RssAnon", "RssFile", "RssShmem"):
                    found[key] = int(value.split()[0])
    except OSError:  # not Linux: the peak from getrusage (KiB on Linux, bytes on macOS)
        import resource  # noqa: PLC0415

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        peak = peak // 1024 if sys.platform == "darwin" else peak
        found = {"VmRSS": peak, "VmHWM": peak}
    return found


def descendants_rss() -> int:
    """VmRSS in KiB of this process's child processes and theirs (a backend's server, if it starts one)."""
    total, todo, seen = 0, [os.getpid()], set()
    while todo:
        pid = todo.pop()
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as f:
                    children = [int(c) for c in f.read().split()]
                for child in children:
                    if child in seen:
                        continue
                    seen.add(child)
                    todo.append(child)
                    with open(f"/proc/{child}/status", encoding="ascii") as f:
                        total += next((int(ln.split()[1]) for ln in f if ln.startswith("VmRSS:")), 0)
        except (OSError, ValueError):
            continue
    return total


def folder_size(path: Path) -> int:
    """Bytes allocated on disk under ``path`` (like ``du``)."""
    if not path.exists():
        return 0
    if path.is_file():
        return path.stat().st_blocks * 512
    total = 0
    for root, _, files in os.walk(path):
        for name in files:
            try:
                total += os.lstat(os.path.join(root, name)).st_blocks * 512
            except OSError:
                pass
    return total


def percentiles(values: list[float]) -> dict[str, float]:
    """p50 and p95 of latencies in seconds, in ms."""
    if not values:
        return {"p50": float("nan"), "p95": float("nan")}
    ms = np.asarray(values) * 1000
    return {"p50": round(float(np.percentile(ms, 50)), 2), "p95": round(float(np.percentile(ms, 95)), 2)}


def normalise(matrix: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (float32)."""
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=-1, keepdims=True)
    return matrix / np.maximum(norms, 1e-12)


# --------------------------------------------------------------------------- seed material
@dataclass
class Material:
    """What synthetic corpora are made of: real sentences and questions of the seed corpus."""

    #: each real sentence, its tokens, its vector, and the real chunk it comes from (ascending)
    sentences: list[str]
    sentence_tokens: list[list[str]]
    sentence_vectors: np.ndarray
    sentence_chunk: np.ndarray
    #: the real chunks' vectors (for the calibration) and indexed texts (for the embedding cost)
    chunk_vectors: np.ndarray
    chunk_texts: list[str]
    #: the real questions, their tokens and their vectors
    questions: list[str]
    question_tokens: list[list[str]]
    question_vectors: np.ndarray

    @property
    def dimension(self) -> int:
        return int(self.sentence_vectors.shape[1])

    def save(self, folder: Path, fingerprint: dict) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        np.savez(folder / "material.npz", sentence_vectors=self.sentence_vectors, sentence_chunk=self.sentence_chunk,
                 chunk_vectors=self.chunk_vectors, question_vectors=self.question_vectors)
        text = {"fingerprint": fingerprint, "sentences": self.sentences, "sentence_tokens": self.sentence_tokens,
                "chunk_texts": self.chunk_texts, "questions": self.questions, "question_tokens": self.question_tokens}
        (folder / "material.json").write_text(json.dumps(text, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path, fingerprint: dict | None = None) -> "Material | None":
        """The saved material (None when missing or made with another fingerprint)."""
        try:
            text = json.loads((folder / "material.json").read_text(encoding="utf-8"))
            if fingerprint is not None and text.get("fingerprint") != fingerprint:
                return None
            arrays = np.load(folder / "material.npz")
            return cls(text["sentences"], text["sentence_tokens"], arrays["sentence_vectors"],
                       arrays["sentence_chunk"], arrays["chunk_vectors"], text["chunk_texts"], text["questions"],
                       text["question_tokens"], arrays["question_vectors"])
        except (OSError, ValueError, KeyError):
            return None


def seed_fingerprint(settings, fingerprint: dict) -> dict:
    """What the saved material depends on: the index fingerprint, the seed files and the Q&A set."""
    digest = hashlib.sha256()
    for path in sorted(Path(settings.corpus_dir).iterdir()):
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    digest.update(Path(settings.eval_set).read_bytes())
    return {"index": fingerprint, "files": digest.hexdigest(), "tokenizer_places": list(settings.places)}


# --------------------------------------------------------------------------- synthesis
@dataclass
class SyntheticDocument:
    name: str
    entry: dict
    chunks: list  # of qa.records.Chunk
    tokens: list[list[str]]
    vectors: np.ndarray
    sentence_vectors: np.ndarray


def document_name(number: int) -> str:
    return f"synthetic-{number:07d}.txt"


def document_number(name: str) -> int:
    return int(name.removeprefix("synthetic-").removesuffix(".txt"))


class Synthesizer:
    """Synthetic chunks from real sentences (module docstring), reproducible per document number.

    Args:
        material: the real sentences.
        sigma: the noise's standard deviation per dimension.
        seed: the corpus seed.
    """

    def __init__(self, material: Material, sigma: float, seed: int):
        self.material = material
        self.sigma = float(sigma)
        self.seed = int(seed)
        owners = np.asarray(material.sentence_chunk, dtype=np.int64)
        chunks = int(owners.max()) + 1
        self.first = np.searchsorted(owners, np.arange(chunks))
        self.count = np.bincount(owners, minlength=chunks)
        self.eligible = np.flatnonzero(self.count > 0)
        if len(self.eligible) < MAX_SENTENCES:
            raise ValueError(f"the seed corpus has {len(self.eligible)} chunks; {MAX_SENTENCES} are needed")
        self.vectors = np.ascontiguousarray(material.sentence_vectors, dtype=np.float32)

    def compose(self, rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(sentences per chunk, sentence rows (n x MAX, the first ``size`` used), noise) of ``n`` chunks."""
        sizes = rng.integers(MIN_SENTENCES, MAX_SENTENCES + 1, size=n)
        keys = rng.random((n, len(self.eligible)))
        sources = self.eligible[np.argpartition(keys, MAX_SENTENCES - 1, axis=1)[:, :MAX_SENTENCES]]
        picks = self.first[sources] + (rng.random((n, MAX_SENTENCES)) * self.count[sources]).astype(np.int64)
        noise = rng.standard_normal((n, self.vectors.shape[1]), dtype=np.float32) * np.float32(self.sigma)
        return sizes, picks, noise

    def chunk_vectors(self, sizes: np.ndarray, picks: np.ndarray, noise: np.ndarray) -> np.ndarray:
        """The chunks' vectors: normalised mean of their sentences' vectors, plus noise, normalised."""
        mask = (np.arange(MAX_SENTENCES)[None, :] < sizes[:, None]).astype(np.float32)
        mean = np.einsum("nk,nkd->nd", mask, self.vectors[picks]) / sizes[:, None].astype(np.float32)
        return normalise(normalise(mean) + noise)

    def document_vectors(self, number: int, n: int = DOC_CHUNKS) -> np.ndarray:
        """The chunk vectors of :meth:`document` ``number`` alone."""
        return self.chunk_vectors(*self.compose(np.random.default_rng([self.seed, number]), n))

    def random_vectors(self, n: int, rng: np.random.Generator) -> np.ndarray:
        """``n`` chunk vectors alone (for the calibration)."""
        return self.chunk_vectors(*self.compose(rng, n))

    def document(self, number: int, n: int = DOC_CHUNKS) -> SyntheticDocument:
        """Synthetic document ``number`` of ``n`` chunks (the same for the same seed, sigma and material)."""
        from .chinese import split_sentences  # noqa: PLC0415
        from .records import Chunk  # noqa: PLC0415

        rng = np.random.default_rng([self.seed, number])
        sizes, picks, noise = self.compose(rng, n)
        vectors = self.chunk_vectors(sizes, picks, noise)
        used = np.arange(MAX_SENTENCES)[None, :] < sizes[:, None]
        owners = np.repeat(np.arange(n), sizes)
        sentence_vectors = normalise(self.vectors[picks[used]] + noise[owners])
        name = document_name(number)
        chunks, tokens, offset = [], [], 0
        texts, all_tokens = self.material.sentences, self.material.sentence_tokens
        for i in range(n):
            rows = picks[i, :sizes[i]]
            text = "\n".join(texts[r] for r in rows)
            if len(split_sentences(text)) != sizes[i]:  # the pool holds single sentences: cannot happen
                raise ValueError(f"synthetic chunk {i} of {name} does not split into its {sizes[i]} sentences")
            chunks.append(Chunk(id=0, doc=name, paragraphs=(i + 1,), start=offset, end=offset + len(text),
                                text=text, header=""))
            tokens.append([t for r in rows for t in all_tokens[r]])
            offset += len(text) + 2
        entry = {"sha256": hashlib.sha256(f"{self.seed}:{self.sigma}:{name}".encode()).hexdigest(), "chunks": n,
                 "chars": offset, "title": name, "display": name, "encoding": "utf-8", "format": "txt",
                 "pages": 0, "kind": "synthetic"}
        return SyntheticDocument(name, entry, chunks, tokens, vectors, sentence_vectors)


def nearest_cosines(vectors: np.ndarray, among: np.ndarray | None = None) -> np.ndarray:
    """Each row's highest cosine to another row (of ``among`` when given, which must not contain it)."""
    if among is None:
        scores = vectors @ vectors.T
        np.fill_diagonal(scores, -np.inf)
    else:
        scores = vectors @ among.T
    return scores.max(axis=1)


def calibrate(material: Material, seed: int, sigma: float | None = None) -> dict:
    """Pick the noise sigma whose synthetic nearest-neighbour cosines match the real chunks'.

    Returns:
        {sigma, real/synthetic percentiles, grid: [(sigma, distance, median)], ...}.
    """
    real_nn = nearest_cosines(normalise(material.chunk_vectors))
    n = len(real_nn)
    qs = CALIBRATION_PERCENTILES
    real_q = np.percentile(real_nn, qs)
    grid = []
    samples: dict[float, np.ndarray] = {}
    for s in (SIGMA_GRID if sigma is None else (float(sigma),)):
        synth = Synthesizer(material, s, seed)
        nn = np.concatenate([nearest_cosines(synth.random_vectors(n, np.random.default_rng([seed, 10 ** 9, d])))
                             for d in range(CALIBRATION_DRAWS)])
        samples[s] = nn
        grid.append({"sigma": s, "distance": round(float(np.mean(np.abs(np.percentile(nn, qs) - real_q))), 4),
                     "median": round(float(np.median(nn)), 4)})
    best = min(grid, key=lambda g: g["distance"])
    chosen = best["sigma"]
    synth = Synthesizer(material, chosen, seed)
    # how dense the synthetic space gets: nearest neighbours of 1,000 chunks among 10,000 others
    big = synth.random_vectors(11_000, np.random.default_rng([seed, 10 ** 9 + 1]))
    nn_10k = nearest_cosines(big[:1000], big[1000:])
    rng = np.random.default_rng(seed)
    real = normalise(material.chunk_vectors)
    pairs = rng.integers(0, n, size=(2000, 2))
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    synthetic = synth.random_vectors(n, np.random.default_rng([seed, 10 ** 9 + 2]))

    def q3(values):
        return [round(float(v), 4) for v in np.percentile(values, [10, 50, 90])]

    noise_norm = chosen * math.sqrt(material.dimension)
    return {
        "sigma": chosen, "given": sigma is not None, "chunks": n, "draws": CALIBRATION_DRAWS,
        "noise_norm": round(noise_norm, 4),
        "cos_to_clean": round(1 / math.sqrt(1 + noise_norm ** 2), 4),
        "real_nn_p10_50_90": q3(real_nn), "synthetic_nn_p10_50_90": q3(samples[chosen]),
        "synthetic_nn_10k_p10_50_90": q3(nn_10k),
        "real_pair_p10_50_90": q3((real[pairs[:, 0]] * real[pairs[:, 1]]).sum(1)),
        "synthetic_pair_p10_50_90": q3((synthetic[pairs[:, 0]] * synthetic[pairs[:, 1]]).sum(1)),
        "distance": best["distance"], "grid": grid,
        "_real_nn": real_nn.tolist(), "_synthetic_nn": samples[chosen].tolist(), "_synthetic_nn_10k": nn_10k.tolist(),
    }


# --------------------------------------------------------------------------- children
def _settings(spec: dict):
    from .config import Settings  # noqa: PLC0415

    return Settings.from_env().replace(**spec["settings"])


def _close_store(store) -> None:
    close = getattr(store, "close", None)
    if callable(close):
        close()


def child_prepare(spec: dict) -> dict:
    """Build (or reuse) the seed index, make the material, time the embedding of a 100-chunk document."""
    from .chinese import split_sentences  # noqa: PLC0415
    from .engine import Engine  # noqa: PLC0415
    from .eval.evalset import load_set  # noqa: PLC0415

    settings = _settings(spec)
    folder = Path(spec["folder"])
    engine = Engine(settings)
    before = proc_status().get("VmRSS", 0)
    started = time.perf_counter()
    engine.embedder.model  # load the model
    model_load_s = time.perf_counter() - started
    model_rss = proc_status().get("VmRSS", 0) - before
    started = time.perf_counter()
    report = engine.build()
    seed_build_s = time.perf_counter() - started
    index = engine.ready()
    fingerprint = seed_fingerprint(settings, engine.indexer.fingerprint())
    material = Material.load(folder, fingerprint)
    made = material is None
    chunks = list(index.iter_chunks())
    if material is None:
        sentences, tokens, vectors, owners = [], [], [], []
        for number, c in enumerate(chunks):
            spans = split_sentences(c.text)
            stored = index.sentence_vectors(c.id)
            if len(stored) != len(spans):
                raise ValueError(f"chunk {c.id}: {len(stored)} sentence vectors for {len(spans)} sentences")
            for (lo, hi), vector in zip(spans, stored):
                text = c.text[lo:hi]
                if len(split_sentences(text)) != 1 or "\n" in text:
                    continue  # not one sentence on its own: keep the pool to those that are
                sentences.append(text)
                tokens.append(engine.tokenizer(text))
                vectors.append(vector)
                owners.append(number)
        chunk_vectors = engine.embedder.passages([c.indexed_text for c in chunks])
        questions = [q.question for q in load_set(settings.eval_set)]
        question_vectors = np.vstack([engine.embedder.query(q) for q in questions])
        material = Material(sentences, tokens, np.vstack(vectors).astype(np.float32), np.asarray(owners, np.int64),
                            chunk_vectors, [c.indexed_text for c in chunks], questions,
                            [engine.tokenizer(q) for q in questions], question_vectors)
        material.save(folder, fingerprint)
    # the cost of embedding one real 100-chunk document (its chunks, then its sentences)
    sample = [chunks[i % len(chunks)] for i in range(DOC_CHUNKS)]
    texts = [c.indexed_text for c in sample]
    sentence_texts = [c.text[lo:hi] for c in sample for lo, hi in split_sentences(c.text)]
    engine.embedder.passages(texts[:8])  # warm-up
    started = time.perf_counter()
    engine.embedder.passages(texts)
    chunks_s = time.perf_counter() - started
    started = time.perf_counter()
    engine.embedder.passages(sentence_texts)
    sentences_s = time.perf_counter() - started
    query_times = []
    for q in material.questions[:50]:
        started = time.perf_counter()
        engine.embedder.query(q + "？")  # a text the query cache has not seen
        query_times.append(time.perf_counter() - started)
    return {
        "seed_build_s": round(seed_build_s, 1), "seed_embedded_chunks": report.embedded_chunks,
        "material_made": made, "real_chunks": len(chunks), "sentences": len(material.sentences),
        "vocabulary": len({t for ts in material.sentence_tokens for t in ts}),
        "sentence_chars_mean": round(float(np.mean([len(s) for s in material.sentences])), 1),
        "tokens_per_sentence": round(float(np.mean([len(t) for t in material.sentence_tokens])), 1),
        "questions": len(material.questions), "model": engine.embedder.name,
        "embedding_backend": engine.embedder.backend.value, "model_load_s": round(model_load_s, 1),
        "model_rss_mib": round(model_rss / 1024), "embed_doc_chunks_s": round(chunks_s, 2),
        "embed_doc_sentences": len(sentence_texts), "embed_doc_sentences_s": round(sentences_s, 2),
        "embed_doc_s": round(chunks_s + sentences_s, 2),
        "query_embed_ms": percentiles(query_times),
    }


def _synthesizer(spec: dict) -> Synthesizer:
    material = Material.load(Path(spec["material"]))
    if material is None:
        raise RuntimeError(f"no material in {spec['material']}")
    return Synthesizer(material, spec["sigma"], spec["seed"])


def _documents(chunks: int) -> list[int]:
    """The chunk count of each document of a corpus of ``chunks`` chunks."""
    full, rest = divmod(chunks, DOC_CHUNKS)
    return [DOC_CHUNKS] * full + ([rest] if rest else [])


def child_build(spec: dict) -> dict:
    """Generate the corpus and import it through the store; exact top-10 of the timed queries."""
    from .index.backend import open_store  # noqa: PLC0415

    synth = _synthesizer(spec)
    queries = synth.material.question_vectors[spec["queries"]]
    settings = _settings(spec)
    store = open_store(settings)
    dimension = synth.material.dimension
    best_scores = np.full((len(queries), 10), -np.inf, dtype=np.float32)
    best_rows = np.full((len(queries), 10), -1, dtype=np.int64)
    block, block_rows = [], []

    def exact(force: bool = False) -> None:
        nonlocal best_scores, best_rows, block, block_rows
        if not block or (not force and sum(len(b) for b in block) < EXACT_BLOCK):
            return
        scores = np.hstack([best_scores, queries @ np.vstack(block).T])
        rows = np.hstack([best_rows, np.broadcast_to(np.concatenate(block_rows), (len(queries), scores.shape[1] - 10))])
        top = np.argpartition(-scores, 9, axis=1)[:, :10]
        best_scores = np.take_along_axis(scores, top, 1)
        best_rows = np.take_along_axis(rows, top, 1)
        block, block_rows = [], []

    generate_s = import_s = 0.0
    sizes = _documents(spec["chunks"])
    started_all = time.perf_counter()
    try:
        with store.locked():
            started = time.perf_counter()
            store.begin(spec["config"], dimension, fresh=True)
            import_s += time.perf_counter() - started
            for number, n in enumerate(sizes):
                started = time.perf_counter()
                doc = synth.document(number, n)
                block.append(doc.vectors)
                block_rows.append(number * DOC_CHUNKS + np.arange(n))
                exact()
                generate_s += time.perf_counter() - started
                started = time.perf_counter()
                store.put_document(doc.name, doc.entry, doc.chunks, doc.tokens, doc.vectors, doc.sentence_vectors)
                import_s += time.perf_counter() - started
                if number and number % 1000 == 0:
                    log.warning("%d of %d documents imported (%.0f s)", number, len(sizes),
                                time.perf_counter() - started_all)
            started = time.perf_counter()
            store.commit()
            commit_s = time.perf_counter() - started
    finally:
        _close_store(store)
    exact(force=True)
    order = np.argsort(-best_scores, axis=1)
    np.save(Path(spec["exact"]), np.take_along_axis(best_rows, order, 1))
    np.save(Path(spec["exact"]).with_suffix(".scores.npy"), np.take_along_axis(best_scores, order, 1))
    status = proc_status()
    return {"documents": len(sizes), "generate_s": round(generate_s, 1), "import_s": round(import_s, 1),
            "commit_s": round(commit_s, 1), "build_s": round(import_s + commit_s, 1),
            "build_peak_rss_mib": round(status.get("VmHWM", 0) / 1024)}


class _Queries:
    """Precomputed question vectors and tokens in place of the embedder and the tokenizer."""

    def __init__(self, material: Material):
        self._vectors = {q: v for q, v in zip(material.questions, material.question_vectors)}
        self._tokens = {q: t for q, t in zip(material.questions, material.question_tokens)}

    def query(self, text: str) -> np.ndarray:
        return self._vectors[text]

    def __call__(self, text: str) -> list[str]:
        return list(self._tokens[text])


def _time_modes(retriever, questions: list[str], modes=MODES) -> dict:
    out = {}
    for mode in modes:
        times = []
        for q in questions:
            started = time.perf_counter()
            retriever.search(q, mode=mode)
            times.append(time.perf_counter() - started)
        out[mode] = percentiles(times)
    return out


class _Truth:
    """Exact top-10 rows and scores of the timed queries, and the true vector of any corpus row."""

    def __init__(self, spec: dict, synth: Synthesizer):
        self.rows = np.load(Path(spec["exact"]))
        self.scores = np.load(Path(spec["exact"]).with_suffix(".scores.npy"))
        self.vectors = synth.material.question_vectors[spec["queries"]]
        self.synth = synth
        self.sizes = _documents(spec["chunks"])
        self._docs: dict[int, np.ndarray] = {}

    def vector(self, row: int) -> np.ndarray:
        number, position = divmod(row, DOC_CHUNKS)
        if number not in self._docs:
            self._docs[number] = self.synth.document_vectors(number, self.sizes[number])
        return self._docs[number][position]

    def recall(self, index) -> tuple[float, float]:
        """(recall@10, the share of the 10 results whose exact score is within
        :data:`NEAR_TIE` of the exact 10th best), over the timed queries."""
        hits = near = 0
        for vector, truth, scores in zip(self.vectors, self.rows, self.scores):
            found = set()
            for chunk_id, _ in index.dense(vector, 10):
                c = index.chunk(chunk_id)
                found.add(document_number(c.doc) * DOC_CHUNKS + c.paragraphs[0] - 1)
            hits += len(found & set(int(t) for t in truth))
            near += sum(float(self.vector(r) @ vector) >= scores[-1] - NEAR_TIE for r in found)
        return round(hits / (10 * len(self.rows)), 4), round(near / (10 * len(self.rows)), 4)


def _vector_kind(index) -> str:
    snapshot = (getattr(index, "manifest", None) or {}).get("snapshot") or {}
    return snapshot.get("kind", "")


def child_measure(spec: dict) -> dict:
    """Load the index in this fresh process, answer the queries, read RSS; then add and remove a document."""
    import faiss  # noqa: F401, PLC0415 - imported before the baseline: the libraries are not the index
    import bm25s  # noqa: F401, PLC0415

    from .index.backend import open_store  # noqa: PLC0415
    from .index.retrieval import Retriever  # noqa: PLC0415

    if spec["backend"] == "milvus":
        import pymilvus  # noqa: F401, PLC0415
    synth = _synthesizer(spec)
    material = synth.material
    truth = _Truth(spec, synth)
    stub = _Queries(material)
    timed = [material.questions[i] for i in spec["queries"]]
    warm = [material.questions[i] for i in spec["warm_up"]] or timed[:WARM_UP_QUERIES]
    gc.collect()
    baseline = proc_status()
    settings = _settings(spec)
    store = open_store(settings)
    started = time.perf_counter()
    index = store.load(spec["config"])
    load_s = time.perf_counter() - started
    if spec.get("omp_threads"):  # after the load: the store sets its own search threads
        faiss.omp_set_num_threads(int(spec["omp_threads"]))
    after_load = proc_status()
    s = settings

    def retriever_of(ix):
        return Retriever(ix, stub, stub, top_k=s.top_k, fusion_candidates=s.fusion_candidates,
                         bm25_weight=s.bm25_weight, rrf_k=s.rrf_k)

    retriever = retriever_of(index)
    _time_modes(retriever, warm)
    # each timed question asked a first time (its terms' postings not yet paged in, Milvus' term
    # counts not yet cached), then every mode again: the steady state of a server in use
    first = _time_modes(retriever, timed, ("hybrid",))["hybrid"]
    latency = _time_modes(retriever, timed)
    status = proc_status()
    children = descendants_rss()
    recall, near = truth.recall(index)
    result = {
        "size": index.size, "vectors": _vector_kind(index), "load_s": round(load_s, 2),
        "faiss_threads": faiss.omp_get_max_threads(),
        "rss_mib": round((status.get("VmRSS", 0) + children) / 1024), "rss_children_mib": round(children / 1024),
        "rss_anon_mib": round(status.get("RssAnon", 0) / 1024),
        "rss_file_mib": round(status.get("RssFile", 0) / 1024),
        "rss_index_mib": round((status.get("VmRSS", 0) - baseline.get("VmRSS", 0)) / 1024),
        "rss_baseline_mib": round(baseline.get("VmRSS", 0) / 1024),
        "rss_after_load_mib": round(after_load.get("VmRSS", 0) / 1024),
        "rss_peak_mib": round(status.get("VmHWM", 0) / 1024),
        **{f"{m}_ms": latency[m] for m in MODES}, "hybrid_first_ms": first, "recall_at_10": recall, "recall_near_tie": near,
    }
    # one new 100-chunk document, added then removed, as the indexer does it
    doc = synth.document(spec["documents"], DOC_CHUNKS)
    started = time.perf_counter()
    with store.locked():
        store.begin(spec["config"], material.dimension, fresh=False)
        store.put_document(doc.name, doc.entry, doc.chunks, doc.tokens, doc.vectors, doc.sentence_vectors)
        index.refresh()
        result["add_compacted"] = bool(store.commit(index))
    result["add_s"] = round(time.perf_counter() - started, 2)
    top = index.dense(doc.vectors[0], 1)
    result["add_found"] = bool(top) and index.chunk(top[0][0]).doc == doc.name
    started = time.perf_counter()
    with store.locked():
        store.begin(spec["config"], material.dimension, fresh=False)
        store.remove_document(doc.name)
        index.refresh()
        result["remove_compacted"] = bool(store.commit(index))
    result["remove_s"] = round(time.perf_counter() - started, 2)
    top = index.dense(doc.vectors[0], 1)
    result["remove_gone"] = not top or index.chunk(top[0][0]).doc != doc.name
    # the other nprobe values, on the same index loaded again
    sweep = []
    close = getattr(index, "close", None)
    if callable(close):
        close()
    del retriever, index
    gc.collect()
    if spec["backend"] == "embedded" and result["vectors"].startswith("ivf"):
        for nprobe in spec["sweep"]:
            other = open_store(settings.replace(ann_nprobe=nprobe))
            ix = other.load(spec["config"])
            lat = _time_modes(retriever_of(ix), timed, ("dense", "hybrid"))
            recall, near = truth.recall(ix)
            sweep.append({"nprobe": nprobe, "dense_ms": lat["dense"], "hybrid_ms": lat["hybrid"],
                          "recall_at_10": recall, "recall_near_tie": near})
            ix.close()
            del ix
            gc.collect()
    result["sweep"] = sweep
    _close_store(store)
    return result


CHILDREN = {"prepare": child_prepare, "build": child_build, "measure": child_measure}


def child_main(argv: list[str]) -> int:
    """``python -m qa.scale _child KIND SPEC.json``: run one step, write its result beside the spec."""
    from .config import offline_environment  # noqa: PLC0415
    from .logs import setup_logging  # noqa: PLC0415

    offline_environment()
    setup_logging()
    kind, spec_path = argv
    spec = json.loads(Path(spec_path).read_text(encoding="utf-8"))
    result = CHILDREN[kind](spec)
    Path(spec["result"]).write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


def _spawn(kind: str, spec: dict, folder: Path, timeout: float | None) -> dict:
    """Run one step in a fresh ``python`` process.

    Raises:
        RuntimeError: the step failed or timed out (with the end of its log).
    """
    folder.mkdir(parents=True, exist_ok=True)
    spec_path, log_path = folder / f"{kind}.spec.json", folder / f"{kind}.log"
    spec = {**spec, "result": str(folder / f"{kind}.result.json")}
    Path(spec["result"]).unlink(missing_ok=True)
    spec_path.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")]))}
    with open(log_path, "w", encoding="utf-8") as log_file:
        try:
            code = subprocess.run([sys.executable, "-m", "qa.scale", "_child", kind, str(spec_path)], cwd=root,
                                  env=env, stdout=log_file, stderr=subprocess.STDOUT, timeout=timeout).returncode
        except subprocess.TimeoutExpired:
            raise RuntimeError(f"{kind} did not finish within {timeout:.0f} s") from None
    if code != 0 or not Path(spec["result"]).is_file():
        lines = [ln for ln in log_path.read_text(encoding="utf-8", errors="replace").splitlines() if ln.strip()]
        last = lines[-1] if lines else f"exit code {code}"
        raise RuntimeError(f"{kind} failed: {last[:300]} (log: {log_path})")
    return json.loads(Path(spec["result"]).read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- the run
def run(args: argparse.Namespace) -> int:
    """Measure every size x backend x ann_min_chunks; write the report and plots; print the table."""
    from .config import Settings  # noqa: PLC0415

    base = Settings.from_env()
    out = (args.out or base.reports_dir / "scale").resolve()
    work = (args.work or out / "work").resolve()
    if getattr(args, "report_only", False):
        return report_only(out)
    out.mkdir(parents=True, exist_ok=True)
    nprobes = args.nprobe or [base.ann_nprobe]
    thresholds = args.ann_min_chunks or [base.ann_min_chunks]
    if min(nprobes) < 1 or min(thresholds) < 1 or args.queries < 1 or min(args.scale) < 1:
        raise SystemExit("--scale, --queries, --nprobe and --ann-min-chunks must be at least 1")
    run_started = time.perf_counter()
    command = "python -m qa.benchmark " + " ".join(sys.argv[1:])
    print(f"scale benchmark: sizes {args.scale}, backends {args.backend}, out {out}", flush=True)

    # 1. the real material and the embedding cost (in a child: the model stays out of this process)
    seed_folder = out / "seed"
    started = time.perf_counter()
    prepared = _spawn("prepare", {"settings": {"index_dir": str(seed_folder / "index"), "vector_store": ""},
                                  "folder": str(seed_folder)}, seed_folder, args.timeout)
    print(f"seed material: {prepared['real_chunks']} real chunks, {prepared['sentences']} sentences, "
          f"{prepared['questions']} questions ({time.perf_counter() - started:.0f} s)", flush=True)
    material = Material.load(seed_folder)
    calibration = calibrate(material, args.seed, args.sigma)
    sigma = calibration["sigma"]
    print(f"sigma {sigma} (noise norm {calibration['noise_norm']}): nearest-neighbour cosine p10/50/90 "
          f"real {calibration['real_nn_p10_50_90']}, synthetic {calibration['synthetic_nn_p10_50_90']}", flush=True)
    rng = np.random.default_rng(args.seed)
    order = rng.permutation(len(material.questions))
    queries = sorted(int(i) for i in order[:args.queries])
    warm_up = sorted(int(i) for i in order[args.queries:args.queries + WARM_UP_QUERIES])
    if len(queries) < args.queries:
        print(f"only {len(queries)} questions in the set: all are timed", flush=True)

    rows = []
    for chunks in args.scale:
        for backend in args.backend:
            for threshold in (thresholds if backend == "embedded" else thresholds[:1]):
                row = measure_variant(chunks, backend, threshold, nprobes, sigma, queries, warm_up, args,
                                      base, seed_folder, work)
                row["embed_doc_s"] = prepared["embed_doc_s"]
                rows.append(row)
                print(table([row], header=not rows[:-1]), flush=True)
    if not args.keep and work.is_dir() and not any(work.iterdir()):
        work.rmdir()

    run_info = {"date": dt.datetime.now().strftime("%Y-%m-%d %H:%M"), "command": command,
                "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
                "seed": args.seed, "queries": len(queries), "sizes": args.scale, "backends": args.backend,
                "prepared": prepared, "calibration": {k: v for k, v in calibration.items() if not k.startswith("_")},
                "seconds": round(time.perf_counter() - run_started)}
    results = merge_results(out / "results.json", rows, run_info)
    plots = write_plots(out, results["rows"], calibration)
    (out / "report.md").write_text(report(results, plots), encoding="utf-8")
    print()
    print(table(rows))
    for line in target_lines(rows, prepared):
        print(line)
    print(f"\nreport: {out / 'report.md'}; plots: {', '.join(str(out / p) for p in plots)} "
          f"({time.perf_counter() - run_started:.0f} s)")
    return 0 if all(not r.get("error") for r in rows) else 1


def report_only(out: Path) -> int:
    """Write report.md and the plots again from ``results.json`` (the calibration is recomputed
    from the saved seed material with the latest run's seed and sigma)."""
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    latest = results["runs"][-1]
    cal = latest["calibration"]
    material = Material.load(out / "seed")
    calibration = calibrate(material, latest["seed"], cal["sigma"] if cal.get("given") else None) if material else cal
    for row in results["rows"]:
        if "embed_doc_s" not in row:  # rows of older runs: the run that measured that size and backend
            runs = [r for r in results["runs"] if row["chunks"] in r.get("sizes", ()) and
                    row["backend"] in r.get("backends", ())]
            if runs:
                row["embed_doc_s"] = runs[-1]["prepared"]["embed_doc_s"]
    plots = write_plots(out, results["rows"], calibration)
    (out / "report.md").write_text(report(results, plots), encoding="utf-8")
    print(table(results["rows"]))
    for line in target_lines(results["rows"], latest["prepared"]):
        print(line)
    print(f"\nreport: {out / 'report.md'}")
    return 0


def measure_variant(chunks: int, backend: str, threshold: int, nprobes: list[int], sigma: float,
                    queries: list[int], warm_up: list[int], args, base, seed_folder: Path, work: Path) -> dict:
    """Build, measure and delete one synthetic index; a row of the table (with ``error`` when it failed)."""
    started = time.perf_counter()
    omp = getattr(args, "faiss_threads", None)
    tag = f"{chunks}-{backend}" + (f"-min{threshold}" if backend == "embedded" else "") + (f"-omp{omp}" if omp else "")
    folder = work / tag
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    settings = {"index_dir": str(folder / "index"), "ann_min_chunks": threshold, "ann_nprobe": nprobes[0],
                "vector_store": "" if backend == "embedded" else str(folder / "milvus.db")}
    config = {"synthetic": {"chunks": chunks, "seed": args.seed, "sigma": sigma}}
    spec = {"settings": settings, "config": config, "material": str(seed_folder), "sigma": sigma, "seed": args.seed,
            "chunks": chunks, "documents": len(_documents(chunks)), "queries": queries, "warm_up": warm_up,
            "exact": str(folder / "exact.npy"), "backend": backend, "sweep": nprobes[1:], "omp_threads": omp}
    row = {"chunks": chunks, "backend": backend, "ann_min_chunks": threshold if backend == "embedded" else None,
           "nprobe": nprobes[0] if backend == "embedded" else None, "sigma": sigma, "seed": args.seed,
           "queries": len(queries), "date": dt.datetime.now().strftime("%Y-%m-%d %H:%M"), "omp_threads": omp}
    print(f"[{tag}] building {chunks} chunks ...", flush=True)
    try:
        row.update(_spawn("build", spec, folder / "logs", args.timeout))
        row["disk_mib"] = round(folder_size(folder / "index") / 2 ** 20 + folder_size(folder / "milvus.db") / 2 ** 20,
                                1)
        print(f"[{tag}] built in {row['build_s']} s; measuring ...", flush=True)
        row.update(_spawn("measure", spec, folder / "logs", args.timeout))
        if row["size"] != chunks:
            row["error"] = f"the loaded index holds {row['size']} chunks, not {chunks}"
    except Exception as exc:  # noqa: BLE001 - a failing backend is reported in its row
        row["error"] = str(exc)
        print(f"[{tag}] {exc}", flush=True)
    if row.get("vectors", "").startswith("ivf"):
        from .index.store import ann_lists  # noqa: PLC0415

        row["ivf_lists"] = ann_lists(chunks)
    row["run_s"] = round(time.perf_counter() - started)
    if args.keep:
        print(f"[{tag}] kept in {folder}", flush=True)
    else:
        shutil.rmtree(folder, ignore_errors=True)
    return row


# --------------------------------------------------------------------------- reporting
def _key(row: dict) -> tuple:
    return row["chunks"], row["backend"], row.get("ann_min_chunks"), row.get("nprobe"), row.get("omp_threads")


def merge_results(path: Path, rows: list[dict], run_info: dict) -> dict:
    """Add this run's rows to ``results.json`` (replacing rows of the same variant); the merged results."""
    try:
        old = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        old = {"rows": [], "runs": []}
    keys = {_key(r) for r in rows}
    merged = [r for r in old.get("rows", []) if _key(r) not in keys] + rows
    merged.sort(key=lambda r: (r["backend"], r.get("omp_threads") or 0, r.get("ann_min_chunks") or 0,
                               r.get("nprobe") or 0, r["chunks"]))
    results = {"rows": merged, "runs": old.get("runs", []) + [run_info]}
    path.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return results


def _ms(row: dict, mode: str) -> str:
    v = row.get(f"{mode}_ms")
    return f"{v['p50']:.1f} / {v['p95']:.1f}" if v else "-"


def _vectors_label(row: dict) -> str:
    threads = f", {row['omp_threads']} FAISS thread(s)" if row.get("omp_threads") else ""
    if row["backend"] != "embedded":
        return "Milvus Lite"
    kind = row.get("vectors", "")
    if kind.startswith("ivf"):
        return f"IVF-SQ8 {row.get('ivf_lists', '?')} lists, nprobe {row.get('nprobe')}{threads}"
    return ("flat (exact)" if kind == "flat" else (kind or "-")) + threads


def _size(n: int) -> str:
    return f"{n // 1_000_000}M" if n % 1_000_000 == 0 else f"{n // 1000}k" if n % 1000 == 0 else str(n)


def table(rows: list[dict], header: bool = True) -> str:
    """The main table (Markdown)."""
    lines = []
    if header:
        lines += ["| chunks | backend | vectors | build s (import + commit) | load s | disk MiB | RSS MiB "
                  "| dense p50 / p95 ms | BM25 p50 / p95 ms | hybrid p50 / p95 ms | hybrid first ask p50 / p95 ms "
                  "| recall@10 | add doc s | remove doc s | run s |",
                  "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        if r.get("error") and "load_s" not in r:
            build = f"{r['build_s']} ({r['import_s']} + {r['commit_s']})" if "build_s" in r else "-"
            lines.append(f"| {_size(r['chunks'])} | {r['backend']} | error: {r['error'][:200]} | {build} "
                         f"| | | | | | | | | | | {r.get('run_s', '')} |")
            continue
        lines.append(
            f"| {_size(r['chunks'])} | {r['backend']} | {_vectors_label(r)} "
            f"| {r['build_s']} ({r['import_s']} + {r['commit_s']}) | {r['load_s']} | {r['disk_mib']:.0f} "
            f"| {r['rss_mib']} | {_ms(r, 'dense')} | {_ms(r, 'bm25')} | {_ms(r, 'hybrid')} | {_ms(r, 'hybrid_first')} "
            f"| {r['recall_at_10']:.3f} "
            f"| {r['add_s']} | {r['remove_s']} | {r.get('run_s', '')} |")
    return "\n".join(lines)


def details_table(rows: list[dict]) -> str:
    lines = [f"| chunks | backend | vectors | measured | questions | FAISS threads | recall@10 within {NEAR_TIE} of the 10th "
             "| generate s | build peak RSS MiB | RSS after load MiB "
             "| RSS anon / file MiB | RSS above baseline MiB | baseline MiB | add: compacted, found "
             "| remove: compacted, gone |",
             "|---:|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|"]
    for r in rows:
        if "load_s" not in r:
            continue
        lines.append(f"| {_size(r['chunks'])} | {r['backend']} | {_vectors_label(r)} | {r.get('date', '')} "
                     f"| {r.get('queries', '')} | {r.get('faiss_threads', '?')} "
                     f"| {r.get('recall_near_tie', float('nan')):.3f} | {r['generate_s']} "
                     f"| {r['build_peak_rss_mib']} | {r['rss_after_load_mib']} | {r['rss_anon_mib']} / "
                     f"{r['rss_file_mib']} | {r['rss_index_mib']} | {r['rss_baseline_mib']} "
                     f"| {r['add_compacted']}, {r['add_found']} | {r['remove_compacted']}, {r['remove_gone']} |")
    return "\n".join(lines)


def sweep_table(rows: list[dict]) -> str:
    lines = ["| chunks | IVF lists | nprobe | dense p50 / p95 ms | hybrid p50 / p95 ms | recall@10 "
             f"| within {NEAR_TIE} of the 10th |",
             "|---:|---:|---:|---:|---:|---:|---:|"]
    found = False
    for r in rows:
        if "load_s" not in r or not r.get("vectors", "").startswith("ivf"):
            continue
        found = True
        lines.append(f"| {_size(r['chunks'])} | {r.get('ivf_lists')} | {r['nprobe']} (main) | {_ms(r, 'dense')} "
                     f"| {_ms(r, 'hybrid')} | {r['recall_at_10']:.3f} | {r.get('recall_near_tie', float('nan')):.3f} |")
        for s in r.get("sweep", []):
            lines.append(f"| {_size(r['chunks'])} | {r.get('ivf_lists')} | {s['nprobe']} "
                         f"| {s['dense_ms']['p50']:.1f} / {s['dense_ms']['p95']:.1f} "
                         f"| {s['hybrid_ms']['p50']:.1f} / {s['hybrid_ms']['p95']:.1f} | {s['recall_at_10']:.3f} "
                         f"| {s.get('recall_near_tie', float('nan')):.3f} |")
    return "\n".join(lines) if found else ""


def target_lines(rows: list[dict], prepared: dict) -> list[str]:
    """Each target against the 1M embedded figures (none when 1M was not run)."""
    lines = []
    for r in rows:
        if r["chunks"] < TARGET_CHUNKS or r["backend"] != "embedded" or "load_s" not in r:
            continue
        embed = r.get("embed_doc_s", prepared.get("embed_doc_s", 0.0))
        add_total = r["add_s"] + embed
        checks = [
            ("hybrid query p50 (steady state)", r["hybrid_ms"]["p50"], "<=", TARGETS["hybrid_p50_ms"], "ms"),
            ("hybrid query p50 (first ask of each question)", (r.get("hybrid_first_ms") or {}).get("p50", float("nan")),
             "<=", TARGETS["hybrid_p50_ms"], "ms"),
            ("dense recall@10", r["recall_at_10"], ">=", TARGETS["recall_at_10"], ""),
            ("RSS (index loaded, queries answered; no model)", r["rss_mib"], "<=", TARGETS["rss_mib"], "MiB"),
            (f"adding a 100-chunk document (write {r['add_s']} s + embedding {embed} s)", round(add_total, 1), "<=",
             TARGETS["add_total_s"], "s"),
        ]
        lines.append(f"targets at {_size(r['chunks'])} chunks, {_vectors_label(r)}:")
        for what, value, op, target, unit in checks:
            ok = value <= target if op == "<=" else value >= target
            u = f" {unit}" if unit else ""
            lines.append(f"- {what}: {value}{u} (target {op} {target:g}{u}): {'met' if ok else 'MISSED'}")
    return lines


def write_plots(out: Path, rows: list[dict], calibration: dict) -> list[str]:
    """latency.png, resources.png and calibration.png; their names."""
    import matplotlib  # noqa: PLC0415

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt  # noqa: PLC0415

    good = [r for r in rows if "load_s" in r]
    series: dict[str, list[dict]] = {}
    for r in good:
        label = r["backend"] if r["backend"] != "embedded" else (
            f"embedded (ann_min {_size(r['ann_min_chunks'])}, nprobe {r['nprobe']}"
            + (f", {r['omp_threads']} FAISS thread(s))" if r.get("omp_threads") else ")"))
        series.setdefault(label, []).append(r)
    for values in series.values():
        values.sort(key=lambda r: r["chunks"])
    names = []
    colours = {"dense": "tab:blue", "bm25": "tab:orange", "hybrid": "tab:green"}
    markers = ["o", "s", "^", "D", "v", "P"]

    fig, ax = plt.subplots(figsize=(12, 6))
    for (label, values), marker in zip(series.items(), markers):
        x = [r["chunks"] for r in values]
        for mode in MODES:
            ax.plot(x, [r[f"{mode}_ms"]["p50"] for r in values], marker=marker, color=colours[mode],
                    label=f"{mode} p50, {label}")
            ax.plot(x, [r[f"{mode}_ms"]["p95"] for r in values], marker=marker, color=colours[mode], ls="--",
                    alpha=0.5, label=f"{mode} p95, {label}")
        if all(r.get("hybrid_first_ms") for r in values):
            ax.plot(x, [r["hybrid_first_ms"]["p50"] for r in values], marker=marker, color="tab:red", ls=":",
                    label=f"hybrid first ask p50, {label}")
    ax.axhline(TARGETS["hybrid_p50_ms"], color="grey", ls=":", label="hybrid p50 target")
    ax.set(xscale="log", yscale="log", xlabel="chunks", ylabel="query latency (ms)",
           title="Query latency vs corpus size (no query embedding)")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    fig.tight_layout()
    fig.savefig(out / "latency.png", dpi=120)
    plt.close(fig)
    names.append("latency.png")

    panels = [("build_s", "build (import + commit) s", None), ("load_s", "load s", None),
              ("disk_mib", "disk MiB", None), ("rss_mib", "RSS MiB (loaded, queried)", TARGETS["rss_mib"]),
              ("recall_at_10", "dense recall@10", TARGETS["recall_at_10"]), ("add_s", "add / remove doc s", None)]
    fig, axes = plt.subplots(2, 3, figsize=(13, 7.5))
    for ax, (field, title, target) in zip(axes.flat, panels):
        for (label, values), marker in zip(series.items(), markers):
            x = [r["chunks"] for r in values]
            ax.plot(x, [r[field] for r in values], marker=marker, label=label)
            if field == "add_s":
                ax.plot(x, [r["remove_s"] for r in values], marker=marker, ls="--", label=f"remove, {label}")
        if target:
            ax.axhline(target, color="grey", ls=":", label="target")
        ax.set(xscale="log", title=title, xlabel="chunks")
        if field != "recall_at_10":
            ax.set_yscale("log")
        ax.grid(True, which="both", alpha=0.3)
    axes.flat[0].legend(fontsize=7)
    axes.flat[5].legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(out / "resources.png", dpi=120)
    plt.close(fig)
    names.append("resources.png")

    if "_real_nn" not in calibration:  # --report-only: the distributions are not in results.json
        return names
    fig, ax = plt.subplots(figsize=(7, 4.5))
    lo = min(min(calibration["_real_nn"]), min(calibration["_synthetic_nn"])) - 0.005
    bins = np.linspace(lo, 1.0, 61)
    ax.hist(calibration["_real_nn"], bins=bins, density=True, alpha=0.5, label=f"real chunks ({calibration['chunks']})")
    ax.hist(calibration["_synthetic_nn"], bins=bins, density=True, alpha=0.5,
            label=f"synthetic, same size, sigma {calibration['sigma']}")
    ax.hist(calibration["_synthetic_nn_10k"], bins=bins, density=True, histtype="step", lw=1.5,
            label="synthetic, among 10k")
    ax.set(xlabel="cosine to the nearest other chunk", ylabel="density", title="Synthetic vector calibration")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(out / "calibration.png", dpi=120)
    plt.close(fig)
    names.append("calibration.png")

    swept = [r for r in good if r.get("sweep")]
    if swept:
        fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4.5))
        for r in swept:
            points = sorted([(r["nprobe"], r["recall_at_10"], r["dense_ms"]["p50"], r.get("recall_near_tie"))]
                            + [(s["nprobe"], s["recall_at_10"], s["dense_ms"]["p50"], s.get("recall_near_tie"))
                               for s in r["sweep"]])
            label = f"{_size(r['chunks'])} ({r.get('ivf_lists')} lists)"
            line, = left.plot([p[0] for p in points], [p[1] for p in points], marker="o", label=label)
            if all(p[3] is not None for p in points):
                left.plot([p[0] for p in points], [p[3] for p in points], marker=".", ls=":", color=line.get_color(),
                          label=f"{label}, within {NEAR_TIE}")
            right.plot([p[0] for p in points], [p[2] for p in points], marker="o", label=label)
        left.axhline(TARGETS["recall_at_10"], color="grey", ls=":", label="target")
        left.set(xscale="log", xlabel="nprobe", ylabel="dense recall@10", title="IVF-SQ8 recall vs nprobe")
        right.set(xscale="log", yscale="log", xlabel="nprobe", ylabel="dense p50 (ms)", title="dense latency vs nprobe")
        from matplotlib.ticker import NullFormatter, ScalarFormatter  # noqa: PLC0415

        ticks = sorted({p for r in swept for p in [r["nprobe"], *(s["nprobe"] for s in r["sweep"])]})
        for ax in (left, right):
            ax.set_xticks(ticks)
            ax.xaxis.set_major_formatter(ScalarFormatter())
            ax.xaxis.set_minor_formatter(NullFormatter())
            ax.grid(True, which="both", alpha=0.3)
            ax.legend(fontsize=8)
        right.yaxis.set_major_formatter(ScalarFormatter())
        fig.tight_layout()
        fig.savefig(out / "nprobe.png", dpi=120)
        plt.close(fig)
        names.append("nprobe.png")
    return names


def report(results: dict, plots: list[str]) -> str:
    """report.md: method, the latest run's calibration and embedding cost, the tables, the targets."""
    run_info = results["runs"][-1]
    prepared, cal = run_info["prepared"], run_info["calibration"]
    rows = results["rows"]
    method = __doc__.split("**Synthetic corpus.**", 1)[1]
    out = [
        "# Scale benchmark", "",
        f"Latest run: {run_info['date']}, `{run_info['command']}` ({run_info['seconds']} s), "
        f"{run_info['machine']}; {run_info['queries']} timed questions, seed {run_info['seed']}. "
        "Rows of earlier runs in the same folder are kept (the details table gives each row's date and "
        "number of timed questions).", "",
        "## Results", "", table(rows), "",
        "Latencies are p50 / p95 over the timed questions of one retrieval through `Retriever.search` "
        "(top 5, 30 candidates per retriever), question vector and tokens precomputed. \"First ask\": each "
        "timed question's first (hybrid) search after the load and 20 other warm-up questions; the dense, BM25 "
        "and hybrid columns are the steady state that follows (each question again, in each mode). RSS is VmRSS of a fresh "
        "process after loading the index and answering the questions (plus any child process), without the "
        "embedding model "
        f"(which adds about {prepared['model_rss_mib']} MiB; `{prepared['model']}`, {prepared['embedding_backend']}). "
        "Add / remove: one 100-chunk document through the store (begin, put/remove, refresh, commit), "
        "embedding excluded.", "",
    ]
    sweep = sweep_table(rows)
    if sweep:
        out += ["### nprobe sweep", "", sweep, ""]
    out += ["### Details", "", details_table(rows), "",
            f"Recall within {NEAR_TIE}: the share of the 10 dense results whose exact cosine to the question is "
            "at most that far below the exact 10th best (the exact top 10 spans only about 0.005 of cosine, "
            "so many misses are near ties). "
            "Build peak RSS is the building process's (synthetic generation included); RSS above baseline is "
            "the loaded index's share (baseline: interpreter, numpy, faiss, bm25s imported).", ""]
    targets = target_lines(rows, prepared)
    if targets:
        out += ["## Targets", "", *targets, ""]
    out += [
        "## Embedding cost (real model)", "",
        f"Embedding a real 100-chunk document: chunks {prepared['embed_doc_chunks_s']} s + its "
        f"{prepared['embed_doc_sentences']} sentences {prepared['embed_doc_sentences_s']} s = "
        f"**{prepared['embed_doc_s']} s** (`{prepared['model']}`, {prepared['embedding_backend']}); "
        f"one question: p50 {prepared['query_embed_ms']['p50']} ms, p95 {prepared['query_embed_ms']['p95']} ms. "
        f"Model load {prepared['model_load_s']} s, about {prepared['model_rss_mib']} MiB resident.", "",
        "## Synthetic data", "",
        f"Seed material: {prepared['real_chunks']} real chunks, {prepared['sentences']} sentences "
        f"(mean {prepared['sentence_chars_mean']} characters, {prepared['tokens_per_sentence']} tokens), "
        f"vocabulary {prepared['vocabulary']} tokens, {prepared['questions']} questions.", "",
        f"Noise sigma **{cal['sigma']}** per dimension ({'given' if cal['given'] else 'calibrated'}; "
        f"noise norm {cal['noise_norm']}, so a chunk keeps a cosine of about {cal['cos_to_clean']} to its "
        "noiseless vector). Nearest-neighbour cosine p10 / p50 / p90: "
        f"real chunks {cal['real_nn_p10_50_90']}, synthetic (same count, {cal['draws']} draws) "
        f"{cal['synthetic_nn_p10_50_90']}, synthetic among 10k {cal['synthetic_nn_10k_p10_50_90']}; "
        f"cosine of random pairs: real {cal['real_pair_p10_50_90']}, synthetic {cal['synthetic_pair_p10_50_90']}.", "",
        "| sigma | " + " | ".join(str(g["sigma"]) for g in cal["grid"]) + " |",
        "|---|" + "---:|" * len(cal["grid"]),
        "| distance | " + " | ".join(f"{g['distance']:.4f}" for g in cal["grid"]) + " |",
        "| NN median | " + " | ".join(f"{g['median']:.3f}" for g in cal["grid"]) + " |", "",
        "## Plots", "", *[f"![{p}]({p})" for p in plots], "",
        "## Method and limits", "", "**Synthetic corpus.** " + method.strip(), "",
    ]
    return "\n".join(out)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_child":
        raise SystemExit(child_main(sys.argv[2:]))
    raise SystemExit(main())
