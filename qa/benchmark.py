"""Benchmark (not a test): index build time, chunks/s, and ask() latency p50/p95.

Run: ``python -m qa.benchmark`` (builds a fresh index in a temporary folder,
times ``retrieve()`` on every question of the Q&A set, then asks each once, then
once more with no sentence's tokens kept from the questions before it).
Prints the figures.
``python -m qa.benchmark --embedding`` instead embeds the seed corpus's chunks
with each embedding backend side by side (PyTorch fp32, ONNX fp32, ONNX int8):
load time, passages/s, one query's latency and the cosine of each backend's
vectors to the PyTorch ones.
``python -m qa.benchmark --scale 10000 100000 1000000`` instead measures the index
backends on synthetic corpora of those sizes (build, load, disk, RSS, query
latency, ANN recall, adding a document; see :mod:`qa.scale`).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import tempfile
import time
from pathlib import Path

from .config import Settings, offline_environment
from .logs import setup_logging
from .records import AnswerMode


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; prints a JSON line and a short table."""
    offline_environment()
    parser = argparse.ArgumentParser(prog="python -m qa.benchmark", description=__doc__)
    parser.add_argument("--answer-mode", choices=[m.value for m in AnswerMode], default="extractive")
    parser.add_argument("--limit", type=int, help="only the first N questions")
    parser.add_argument("--repeat", type=int, default=1, help="ask each question this many times")
    parser.add_argument("--embedding", action="store_true", help="compare the embedding backends instead")
    from . import scale  # noqa: PLC0415

    scale.add_arguments(parser)
    args = parser.parse_args(argv)
    setup_logging()
    if args.scale:
        return scale.run(args)
    if args.embedding:
        return embedding_backends(args.repeat)

    from .engine import Engine  # noqa: PLC0415
    from .eval.evalset import load_set  # noqa: PLC0415
    from .eval.evaluation import percentile  # noqa: PLC0415

    with tempfile.TemporaryDirectory(prefix="qa-bench-") as tmp:
        settings = Settings.from_env().replace(index_dir=Path(tmp) / "index")
        engine = Engine(settings)
        t0 = time.perf_counter()
        engine.embedder.model  # load (and on first use convert) the model
        load_s = time.perf_counter() - t0
        report = engine.build(force=True)
        questions = load_set(settings.eval_set)[: args.limit]
        engine.retrieve("柳州市的概况")  # warm-up
        retrievals = []
        for q in questions:  # before any ask(): each question's vector is computed, not cached
            started = time.perf_counter()
            engine.retrieve(q.question)
            retrievals.append(time.perf_counter() - started)
        engine.ask(questions[0].question, answer_mode=args.answer_mode)  # warm-up
        latencies, first_tokens = [], []
        for _ in range(args.repeat):
            for q in questions:
                started = time.perf_counter()
                stream = engine.ask_stream(q.question, answer_mode=args.answer_mode)
                stream.answer
                latencies.append(time.perf_counter() - started)
                if stream.first_piece_s is not None:
                    first_tokens.append(stream.first_piece_s)
        # each question again with no sentence's tokens kept from earlier questions (the first questions of a
        # process that did not warm up, or of a corpus too large to warm; the query vectors stay cached as above)
        cold = []
        for q in questions:
            engine.tokenizer.clear_cache()
            started = time.perf_counter()
            engine.ask(q.question, answer_mode=args.answer_mode)
            cold.append(time.perf_counter() - started)
    figures = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "model_load_s": round(load_s, 2),
        "documents": report.documents,
        "chunks": report.chunks,
        "build_s": round(report.seconds, 2),
        "embed_s": round(report.embed_seconds, 2),
        "chunks_per_s": round(report.embedded_chunks / report.embed_seconds, 1),
        "embedding_backend": settings.embedding_backend.value,
        "retrieve_p50_ms": round(1000 * percentile(retrievals, 50), 1),
        "retrieve_p95_ms": round(1000 * percentile(retrievals, 95), 1),
        "answer_mode": args.answer_mode,
        "questions": len(latencies),
        "ask_p50_ms": round(1000 * percentile(latencies, 50), 1),
        "ask_p95_ms": round(1000 * percentile(latencies, 95), 1),
        "first_text_p50_ms": round(1000 * percentile(first_tokens, 50), 1),
        "ask_cold_p50_ms": round(1000 * percentile(cold, 50), 1),
        "ask_cold_p95_ms": round(1000 * percentile(cold, 95), 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 0),
    }
    print(json.dumps(figures, ensure_ascii=False))
    print(f"index build: {figures['chunks']} chunks in {figures['build_s']} s "
          f"({figures['chunks_per_s']} chunks/s embedding)")
    print(f"retrieve() [{figures['embedding_backend']}]: p50 {figures['retrieve_p50_ms']} ms, "
          f"p95 {figures['retrieve_p95_ms']} ms (hybrid, query embedding included)")
    print(f"ask() [{args.answer_mode}]: p50 {figures['ask_p50_ms']} ms, p95 {figures['ask_p95_ms']} ms "
          f"over {figures['questions']} questions; peak RSS {figures['peak_rss_mb']:.0f} MB")
    print(f"ask() with no tokens kept from earlier questions: p50 {figures['ask_cold_p50_ms']} ms, "
          f"p95 {figures['ask_cold_p95_ms']} ms")
    return 0


def embedding_backends(repeat: int = 1) -> int:
    """Embed every chunk of the seed corpus with each backend, side by side; prints the figures."""
    import numpy as np  # noqa: PLC0415

    from .index.embedding import Embedder  # noqa: PLC0415
    from .ingest.chunking import Chunker  # noqa: PLC0415
    from .ingest.corpus import Corpus  # noqa: PLC0415
    from .ingest.paragraphs import split_paragraphs  # noqa: PLC0415
    from .records import EmbeddingBackend  # noqa: PLC0415

    settings = Settings.from_env()
    documents, _ = Corpus(settings.corpus_dir).load()
    chunker = Chunker(settings.chunk_size, settings.chunk_overlap, settings.places)
    texts = [c.indexed_text for d in documents
             for c in chunker.split(d.name, split_paragraphs(d.name, d.text, d.format.marks_paragraphs))]
    question = "2019年柳江区地区生产总值是多少？"
    rows, reference = [], None
    for backend in EmbeddingBackend:
        embedder = Embedder(settings.embedding_model, settings.cache_dir, settings.query_prefix,
                            settings.passage_prefix, settings.embed_batch_size, backend)
        started = time.perf_counter()
        embedder.model  # load (and on first use export) the model
        load_s = time.perf_counter() - started
        embedder.passages(texts[:8])  # warm-up
        best = float("inf")
        for _ in range(max(1, repeat)):
            started = time.perf_counter()
            vectors = embedder.passages(texts)
            best = min(best, time.perf_counter() - started)
        queries = []
        for i in range(20):
            started = time.perf_counter()
            embedder.query(f"{question}{i}")  # a new text each time: not from the query cache
            queries.append(time.perf_counter() - started)
        reference = vectors if reference is None else reference
        cosines = (vectors * reference).sum(axis=1)
        rows.append({"backend": backend.value, "load_s": round(load_s, 2), "passages": len(texts),
                     "passages_per_s": round(len(texts) / best, 1), "query_ms": round(1000 * float(np.median(queries)), 1),
                     "cosine_min": round(float(cosines.min()), 4), "cosine_mean": round(float(cosines.mean()), 4)})
        print(json.dumps(rows[-1], ensure_ascii=False), flush=True)
    base = rows[0]["passages_per_s"]
    for row in rows:
        print(f"{row['backend']:>10}: {row['passages_per_s']:6.1f} passages/s ({row['passages_per_s'] / base:.2f}x), "
              f"query {row['query_ms']} ms, load {row['load_s']} s, cosine to torch min {row['cosine_min']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
