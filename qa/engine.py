"""The pipeline behind every face: index -> retrieval -> answer.

One :class:`Engine` holds the loaded model and index; ``qa.ask``, the CLI, the
evaluation and the web UI all call it and hold no logic of their own.
"""
from __future__ import annotations

import logging
import shutil
import threading
import time
from pathlib import Path
from typing import Iterator

from .answer import ExtractiveAnswerer, refusal
from .config import AnswerMode, RetrievalMode, Settings
from .corpus import CorpusError, Skipped, read_document
from .embedding import Embedder
from .records import Answer, Passage
from .retrieval import Retriever
from .store import BuildReport, Index, IndexStore, ProgressFn

log = logging.getLogger(__name__)


class QuestionError(ValueError):
    """The question cannot be answered as asked (empty, too long)."""


class Engine:
    """Loads or builds the index once and answers questions against it.

    Args:
        settings: all settings (default: from the environment).
    """

    def __init__(self, settings: Settings | None = None):
        self.settings = settings or Settings.from_env()
        self.embedder = Embedder(self.settings)
        self.store = IndexStore(self.settings, self.embedder)
        self._lock = threading.RLock()
        self._index: Index | None = None
        self._retriever: Retriever | None = None
        self._generators: dict[tuple[AnswerMode, str], object] = {}
        self.last_report: BuildReport | None = None
        self.building = threading.Event()

    # ------------------------------------------------------------- the index
    def build(self, force: bool = False, progress: ProgressFn | None = None) -> BuildReport:
        """Bring the index up to date with the corpus (incremental unless ``force``).

        Args:
            force: rebuild every document.
            progress: called with (fraction, message) while building.
        Returns:
            What was done.
        """
        with self._lock:
            self.building.set()
            try:
                index, report = self.store.sync(progress=progress, force=force)
            finally:
                self.building.clear()
            self._use(index)
            self.last_report = report
            log.info("index ready: %d documents, %d chunks (%d embedded) in %.1fs",
                     report.documents, report.chunks, report.embedded_chunks, report.seconds)
            return report

    def ready(self, progress: ProgressFn | None = None) -> Index:
        """The loaded index; the first call loads it, syncing with the corpus."""
        with self._lock:
            if self._index is None:
                self.build(progress=progress)
            return self._index

    def _use(self, index: Index) -> None:
        self._index = index
        self._retriever = Retriever(index, self.embedder, self.store.tokenizer, self.settings)

    def documents(self) -> dict[str, dict]:
        """Indexed documents: name -> {title, chunks, chars, sha256}."""
        return dict(self.ready().documents)

    def add_documents(self, paths: list[Path], progress: ProgressFn | None = None) -> tuple[BuildReport, list[Skipped]]:
        """Copy files into the corpus folder and index them incrementally.

        A file that is not UTF-8 text, is empty or unreadable is refused with a
        reason; nothing already indexed is touched.

        Args:
            paths: ``.txt`` files to add (an existing name is replaced).
            progress: build progress callback.
        Returns:
            (build report, refused files).
        """
        refused: list[Skipped] = []
        corpus = self.settings.corpus_dir
        corpus.mkdir(parents=True, exist_ok=True)
        with self._lock:
            for path in paths:
                name = Path(path).name
                if not name.lower().endswith(".txt"):
                    refused.append(Skipped(name, "不是 .txt 文本文件"))
                    continue
                checked = read_document(Path(path))
                if isinstance(checked, Skipped):
                    refused.append(Skipped(name, checked.reason))
                    continue
                target = corpus / (name[:-4] + ".txt")
                tmp = target.with_name(f".{target.name}.upload")
                shutil.copyfile(path, tmp)
                tmp.replace(target)
            return self.build(progress=progress), refused

    def remove_document(self, name: str, progress: ProgressFn | None = None) -> BuildReport:
        """Delete a document from the corpus folder and the index.

        Args:
            name: the document's file name.
        Returns:
            The build report.
        """
        path = self.settings.corpus_dir / Path(name).name
        with self._lock:
            if not path.is_file():
                raise CorpusError(f"no document named {name!r} in the corpus")
            if len(self.documents()) <= 1:
                raise CorpusError("cannot remove the last document of the corpus")
            path.unlink()
            return self.build(progress=progress)

    # ------------------------------------------------------------ questions
    def check_question(self, question: str) -> str:
        """The question, stripped; raises :class:`QuestionError` when unusable."""
        if not isinstance(question, str) or not question.strip():
            raise QuestionError("问题为空：请输入一个问题。")
        question = question.strip()
        limit = self.settings.max_question_chars
        if len(question) > limit:
            raise QuestionError(f"问题太长（{len(question)} 字）：请精简到 {limit} 字以内。")
        return question

    def retrieve(self, question: str, k: int | None = None,
                 mode: RetrievalMode | str | None = None) -> list[Passage]:
        """The ``k`` best passages for ``question``.

        Args:
            question: the question.
            k: number of passages (default ``settings.top_k``).
            mode: hybrid, bm25 or dense.
        Returns:
            Passages, best first, with scores.
        """
        question = self.check_question(question)
        self.ready()
        return self._retriever.search(question, k=k, mode=mode)

    def ask(self, question: str, k: int | None = None, mode: RetrievalMode | str | None = None,
            answer_mode: AnswerMode | str | None = None, history: list | None = None,
            llm_model: str | None = None) -> Answer:
        """Answer a question with citations, or refuse.

        Args:
            question: the question (Chinese).
            k: passages to retrieve.
            mode: retrieval mode.
            answer_mode: extractive, local or openai.
            history: earlier turns, for follow-up questions.
            llm_model: local model name or .gguf path (default ``settings.llm_model``).
        Returns:
            The answer.
        """
        answer = None
        for item in self.ask_stream(question, k=k, mode=mode, answer_mode=answer_mode, history=history,
                                    llm_model=llm_model):
            if isinstance(item, Answer):
                answer = item
        return answer

    def ask_stream(self, question: str, k: int | None = None, mode: RetrievalMode | str | None = None,
                   answer_mode: AnswerMode | str | None = None,
                   history: list | None = None, llm_model: str | None = None) -> Iterator[str | Answer]:
        """Like :meth:`ask`, yielding text pieces as they are produced, then the Answer."""
        started = time.perf_counter()
        question = self.check_question(question)
        answer_mode = AnswerMode(answer_mode or self.settings.answer_mode)
        self.ready()
        standalone = self.standalone(question, history, answer_mode, llm_model)
        passages = self._retriever.search(standalone, k=k, mode=mode)
        retrieved = time.perf_counter()
        if answer_mode is AnswerMode.EXTRACTIVE:
            answer = self.extractive(standalone, passages)
            yield answer.text
        else:
            answer = None
            for item in self._generator(answer_mode, llm_model).stream(standalone, passages, self):
                if isinstance(item, Answer):
                    answer = item
                else:
                    yield item
        answer.question = question
        answer.standalone_question = standalone
        answer.timings = {"retrieve_s": retrieved - started, "total_s": time.perf_counter() - started,
                          **answer.timings}
        yield answer

    def answerer(self, refusal_threshold: float | None = None) -> ExtractiveAnswerer:
        """The extractive answerer over the loaded index.

        Args:
            refusal_threshold: override of ``settings.refusal_threshold``.
        """
        index = self.ready()
        threshold = self.settings.refusal_threshold if refusal_threshold is None else refusal_threshold
        return ExtractiveAnswerer(self.store.tokenizer, self._retriever.bm25.idf, index.chunks,
                                  self.settings.places, threshold, self.settings.max_answer_sentences)

    def extractive(self, question: str, passages: list[Passage]) -> Answer:
        """The extractive answer for already retrieved passages."""
        if not passages:
            return refusal(question, passages)
        return self.answerer().answer(question, passages)

    def standalone(self, question: str, history: list | None, answer_mode: AnswerMode,
                   llm_model: str | None = None) -> str:
        """Rewrite a follow-up question into a standalone one (rules; LLM when configured)."""
        if not history:
            return question
        from .followup import rewrite  # noqa: PLC0415

        generator = (self._generator(answer_mode, llm_model)
                     if answer_mode is not AnswerMode.EXTRACTIVE else None)
        return rewrite(question, history, generator, self.settings.places)

    def available_answer_modes(self) -> list[AnswerMode]:
        """Answer modes usable on this machine (generation needs its optional parts)."""
        modes = [AnswerMode.EXTRACTIVE]
        try:
            from .generation import available_modes  # noqa: PLC0415
        except ImportError:
            return modes
        return modes + [m for m in available_modes(self.settings) if m not in modes]

    def _generator(self, answer_mode: AnswerMode, llm_model: str | None = None):
        key = (answer_mode, llm_model or self.settings.llm_model)
        with self._lock:
            if key not in self._generators:
                from .generation import make_generator  # noqa: PLC0415

                self._generators[key] = make_generator(answer_mode, self.settings, key[1])
            return self._generators[key]


    def source_text(self, doc: str) -> str:
        """The original text of an indexed document (for showing context)."""
        checked = read_document(self.settings.corpus_dir / Path(doc).name)
        if isinstance(checked, Skipped):
            raise CorpusError(f"文档 {doc}：{checked.reason}")
        return checked.text
