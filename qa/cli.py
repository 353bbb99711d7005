"""Command line: ``python -m qa build | ask | docs | eval | serve``.

Every error the package raises on purpose (:class:`qa.errors.QAError`) is
printed as one line and exits with code 2; nothing else is caught.
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from .config import Settings, offline_environment
from .errors import ConfigError, QAError
from .logs import setup_logging
from .records import AnswerMode, RetrievalMode

EXIT_ERROR = 2


def _parser() -> argparse.ArgumentParser:
    # options shared by every command, accepted before or after the command name
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--corpus", type=Path, default=argparse.SUPPRESS,
                        help="corpus folder (default: seeds/, or QA_CORPUS_DIR)")
    common.add_argument("--index", type=Path, default=argparse.SUPPRESS,
                        help="index folder (default: embeddings/, or QA_INDEX_DIR)")
    common.add_argument("-o", "--option", dest="options", action="append", default=argparse.SUPPRESS,
                        metavar="NAME=VALUE", help="override a setting, e.g. -o top_k=8 (repeatable)")
    common.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS, help="log more")
    parser = argparse.ArgumentParser(prog="python -m qa", parents=[common],
                                     description="Cited answers from Chinese local-government documents (offline).")
    sub = parser.add_subparsers(dest="command", required=True)

    build = sub.add_parser("build", parents=[common], help="build or update the index")
    build.add_argument("--force", action="store_true", help="re-embed every document")

    ask = sub.add_parser("ask", parents=[common], help="answer a question")
    ask.add_argument("question", help="the question, in Chinese")
    ask.add_argument("-k", type=int, help="passages to retrieve (1-50)")
    ask.add_argument("--mode", choices=[m.value for m in RetrievalMode], help="retrieval mode")
    ask.add_argument("--answer-mode", choices=[m.value for m in AnswerMode], help="answer mode")
    ask.add_argument("--llm-model", help="local model name (qwen2.5-coder-0.5b, qwen2.5-coder-1.5b) or .gguf path")
    ask.add_argument("--json", action="store_true", help="print the answer as JSON")
    ask.add_argument("--no-stream", action="store_true", help="print the answer only when complete")

    ev = sub.add_parser("eval", parents=[common], help="evaluate on a Q&A set")
    ev.add_argument("--set", "--qa-set", dest="qa_set", type=Path, metavar="FILE",
                    help="JSONL Q&A set (default: qa/data/seed_qa.jsonl)")
    ev.add_argument("--split", choices=["dev", "test", "all"], default="all",
                    help="which half of the set (choose settings on dev, report test; default: all)")
    ev.add_argument("--config", action="append", default=[], metavar="RETRIEVAL+ANSWER[:MODEL]",
                    help="configuration to compare, e.g. hybrid+extractive or hybrid+local:qwen2.5-coder-1.5b "
                         "(repeatable; default: bm25, dense and hybrid with the extractive answerer, and "
                         "hybrid with every installed generation mode)")
    ev.add_argument("--out", type=Path, help="reports folder (default: reports/)")
    ev.add_argument("--limit", type=int, help="only the first N questions")
    ev.add_argument("--sweep-fusion", action="store_true", help="print hybrid recall for a grid of fusion settings")
    ev.add_argument("--train-gate", action="store_true",
                    help="train the answerability gate on the chosen split (use --split dev) and write it to "
                         "settings.gate_file, printing its risk-coverage rows")

    sub.add_parser("docs", parents=[common], help="list the indexed documents")

    serve = sub.add_parser("serve", parents=[common], help="start the web chat")
    serve.add_argument("--host", help="address to listen on (default: 127.0.0.1, or QA_UI_HOST)")
    serve.add_argument("--port", type=int, help="port (default: 7860, or QA_UI_PORT)")
    return parser


def _settings(args) -> Settings:
    settings = Settings.from_env()
    changes = {}
    for item in getattr(args, "options", []):
        if "=" not in item:
            raise ConfigError(f"--option expects NAME=VALUE, got {item!r}")
        name, value = item.split("=", 1)
        changes[name.strip()] = value.strip()
    if getattr(args, "corpus", None):
        changes["corpus_dir"] = args.corpus
    if getattr(args, "index", None):
        changes["index_dir"] = args.index
    if getattr(args, "host", None):
        changes["ui_host"] = args.host
    if getattr(args, "port", None) is not None:
        changes["ui_port"] = args.port
    return settings.replace(**changes)


def _progress_bar():
    from tqdm import tqdm  # noqa: PLC0415

    bar = tqdm(total=100, unit="%", desc="索引", leave=False)

    def update(fraction: float, message: str) -> None:
        bar.n = int(fraction * 100)
        bar.set_postfix_str(message)
        bar.refresh()
    return bar, update


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit code."""
    offline_environment()
    args = _parser().parse_args(argv)
    setup_logging(getattr(args, "verbose", False), logging.INFO if args.command == "serve" else logging.WARNING)
    from .engine import Engine  # noqa: PLC0415 - loads torch & co.; after argument parsing

    try:
        engine = Engine(_settings(args))
        command = {"build": _build, "ask": _ask, "eval": _eval, "docs": _docs, "serve": _serve}[args.command]
        return command(engine, args)
    except QAError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_ERROR


def _build(engine, args) -> int:
    bar, update = _progress_bar()
    try:
        report = engine.build(force=args.force, progress=update)
    finally:
        bar.close()
    if report.rebuilt_reason:
        print(f"rebuilt: {report.rebuilt_reason}")
    for skipped in report.skipped:
        print(f"skipped {skipped.name}: {skipped.reason}")
    for name in report.flagged_documents:
        print(f"flagged {name}: text that gives orders (系统指令, 只回答 ...) is never used as evidence")
    rate = report.embedded_chunks / report.embed_seconds if report.embed_seconds > 0 else 0.0
    print(f"{report.documents} documents, {report.chunks} chunks; embedded {report.embedded_chunks} chunks "
          f"of {len(report.embedded_documents)} document(s) in {report.embed_seconds:.1f}s "
          f"({rate:.1f} chunks/s); removed {len(report.removed_documents)}; index: {engine.settings.index_dir}")
    return 0


def _docs(engine, args) -> int:
    for name, entry in engine.documents().items():
        print(f"{name}\t{entry['chunks']} chunks\t{entry.get('kind', '')}\t{entry.get('display', '')}")
    return 0


def _ask(engine, args) -> int:
    from .answering.extractive import RELATED_NOTE  # noqa: PLC0415

    stream = engine.ask_stream(args.question, k=args.k, mode=args.mode, answer_mode=args.answer_mode,
                               llm_model=args.llm_model)
    streaming = not args.json and not args.no_stream
    for piece in stream:
        if streaming:
            print(piece, end="", flush=True)
    answer = stream.answer
    if args.json:
        print(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
        return 0
    if streaming:
        print()
        if answer.generated:
            print(f"\n核对后：{answer.text}")  # the verified text may differ from the stream
    else:
        print(answer.text)
    if answer.refused:
        if answer.related:
            print("\n" + RELATED_NOTE)
            names = engine.display_names()
            for p in answer.related:
                print(f"  - {names.get(p.doc, p.doc)} {p.location}：{p.text[:60]}…")
        return 0
    print()
    names = engine.display_names()
    for n, c in enumerate(answer.citations, start=1):
        mark = "" if c.verified is None else (" ✓" if c.verified else " ?")
        print(f"[{n}] {names.get(c.doc, c.doc)} {c.location}（{c.doc} 原文[{c.highlight[0]}, {c.highlight[1]})）{mark}")
    return 0


def _eval(engine, args) -> int:
    from tqdm import tqdm  # noqa: PLC0415

    from .eval.evalset import load_set, select, validate_against_corpus  # noqa: PLC0415
    from .eval.evaluation import (RunConfig, evaluate, fusion_sweep, gate_curve, markdown, train_gate,  # noqa: PLC0415
                                  write_reports)

    settings = engine.settings
    questions = select(load_set(args.qa_set or settings.eval_set), args.split)
    if args.limit:
        questions = questions[: args.limit]
    docs, _ = engine.corpus.load()
    corpus = {d.name: d.text for d in docs}
    problems = validate_against_corpus(questions, corpus)
    if problems:
        for p in problems[:20]:
            print(f"invalid: {p}", file=sys.stderr)
        raise ConfigError(f"{len(problems)} problem(s) in the Q&A set")
    bar, update = _progress_bar()
    try:
        engine.ready(progress=update)
    finally:
        bar.close()
    if args.sweep_fusion:
        rows = fusion_sweep(engine.retriever, questions, corpus)
        for row in sorted(rows, key=lambda r: (-r["recall@5"], -r["mrr"])):
            print(json.dumps(row))
        return 0
    if args.train_gate:
        if args.split == "test":
            raise ConfigError("the gate is never trained on the test split (use --split dev)")
        gate, curve = train_gate(engine, questions, args.qa_set or settings.eval_set, args.split)
        gate.save(settings.gate_file)
        for row in curve:
            print(json.dumps(row))
        print(f"gate written to {settings.gate_file}: threshold {gate.threshold}, trained on {gate.trained_on}")
        return 0
    configs = []
    default = ["bm25+extractive", "dense+extractive", "hybrid+extractive"] + [
        f"hybrid+{mode.value}" for mode in engine.available_answer_modes() if mode is not AnswerMode.EXTRACTIVE
    ]
    for spec in args.config or default:
        try:
            configs.append(RunConfig.parse(spec))
        except ValueError:
            raise ConfigError(f"--config {spec!r}: expected RETRIEVAL+ANSWER[:MODEL], e.g. hybrid+extractive") from None

    def progress_factory(total, desc):
        bar = tqdm(total=total, desc=desc, leave=False)
        return lambda: bar.update(1)

    results = evaluate(engine, questions, configs, corpus, progress_factory)
    results["split"] = args.split
    results["gate_threshold"] = engine.gate.threshold
    results["gate_trained_on"] = engine.gate.trained_on
    results["risk_coverage"] = gate_curve(engine, questions)
    paths = write_reports(results, args.out or settings.reports_dir)
    print(markdown(results).split("\n## By question type")[0])
    print("\nreports: " + ", ".join(str(p) for p in paths.values()))
    return 0


def _serve(engine, args) -> int:
    from .webui import launch  # noqa: PLC0415 - gradio is slow to import

    s = engine.settings
    print(f"柳州政务文件问答: http://{s.ui_host}:{s.ui_port}", flush=True)
    launch(engine, s.ui_host, s.ui_port)
    return 0
