"""Benchmark (not a test): index build time, chunks/s, and ask() latency p50/p95.

Run: ``python -m qa.benchmark`` (builds a fresh index in a temporary folder,
then asks every question of the Q&A set once). Prints the figures.
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
    args = parser.parse_args(argv)
    setup_logging()

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
    figures = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "model_load_s": round(load_s, 2),
        "documents": report.documents,
        "chunks": report.chunks,
        "build_s": round(report.seconds, 2),
        "embed_s": round(report.embed_seconds, 2),
        "chunks_per_s": round(report.embedded_chunks / report.embed_seconds, 1),
        "answer_mode": args.answer_mode,
        "questions": len(latencies),
        "ask_p50_ms": round(1000 * percentile(latencies, 50), 1),
        "ask_p95_ms": round(1000 * percentile(latencies, 95), 1),
        "first_text_p50_ms": round(1000 * percentile(first_tokens, 50), 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 0),
    }
    print(json.dumps(figures, ensure_ascii=False))
    print(f"index build: {figures['chunks']} chunks in {figures['build_s']} s "
          f"({figures['chunks_per_s']} chunks/s embedding)")
    print(f"ask() [{args.answer_mode}]: p50 {figures['ask_p50_ms']} ms, p95 {figures['ask_p95_ms']} ms "
          f"over {figures['questions']} questions; peak RSS {figures['peak_rss_mb']:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
