"""The wiring behind every face: settings -> components -> index -> retrieval -> answer.

One :class:`Engine` reads the :class:`~qa.config.Settings`, builds each
component with explicit parameters, holds the loaded model and index, and runs
the steps in order. ``qa.ask``, the CLI, the evaluation and the web UI all call
it and hold no logic of their own; no component receives the engine.
"""
from __future__ import annotations

import dataclasses
import fnmatch
import logging
import os
import threading
import time
from pathlib import Path
from typing import Callable, Generator

from .answering.extractive import BRIDGE_NOTE, ExtractiveAnswerer, combine, refusal
from .answering.followup import rewrite
from .answering.gate import Gate
from .answering.generated import GroundedGenerator
from .answering.multipart import bridge, checked, checked_ask, last_ask, named_then, resolved, split_question, unborrowed
from .answering.sides import same_measure
from .answering.questions import check_k, check_question
from .answering.english import ENGLISH_HINT, is_english, to_chinese
from .answering.summary import SUMMARY_PASSAGES, is_summary_request, summarize, topic_of
from .chinese import plain_question
from .config import Settings
from .errors import CorpusError
from .index.embedding import Embedder
from .index.indexer import BuildReport, Indexer, ProgressFn
from .index.keyword import TOKEN_CACHE_SIZE, Tokenizer
from .index.retrieval import Retriever
from .index.backend import Index, open_store
from .index.store import EXTRACTED_FOLDER
from .ingest.chunking import Chunker
from .ingest.corpus import MB, Corpus, Skipped
from .llm.backends import LlamaCppBackend, OpenAIBackend
from .llm.models import local_model_available
from .records import Answer, AnswerKind, AnswerMode, AnswerStream, Fallback, Passage, RetrievalMode
from .synonyms import Expander

log = logging.getLogger(__name__)

#: sentences a chunk holds at most, about (the seed corpus: 3.4 on average, 9 at most); a warm-up keeps every
#: sentence's tokens only while chunks x this fits the tokenizer's cache
SENTENCES_PER_CHUNK = 20
#: the kinds of short answer that name a thing a later part may refer back to ("这家医院", "该镇")
NAMED_KINDS = (AnswerKind.ORG, AnswerKind.PLACE, AnswerKind.PERSON, AnswerKind.NAME)


class Engine:
    """Loads or builds the index once and answers questions against it.

    Args:
        settings: all settings (default: from the environment).
    """

    def __init__(self, settings: Settings | None = None):
        s = self.settings = settings or Settings.from_env()
        self.embedder = Embedder(s.embedding_model, s.cache_dir, s.query_prefix, s.passage_prefix,
                                 s.embed_batch_size, s.embedding_backend)
        #: the BM25 tokenizer belongs to retrieval; the indexer uses the same one
        self.tokenizer = Tokenizer(s.places, s.cache_dir)
        self.corpus = Corpus(s.corpus_dir, int(s.max_document_mb * MB), s.corpus_recursive,
                             extracted=s.index_dir / EXTRACTED_FOLDER)
        self.store = open_store(s)
        self.indexer = Indexer(self.corpus, self.store, Chunker(s.chunk_size, s.chunk_overlap, s.places),
                               self.tokenizer, self.embedder)
        #: one build at a time in this process (the store's file lock covers other processes)
        self._build_lock = threading.RLock()
        #: guards the lazily created gate and generators
        self._lock = threading.Lock()
        #: the committed index and its retriever, replaced as one tuple when a build commits;
        #: a question reads it once and keeps using that pair, so builds never block questions
        self._state: tuple[Index, Retriever] | None = None
        self._generators: dict[tuple[AnswerMode, str], GroundedGenerator] = {}
        self._gate: Gate | None = None
        #: set while a build runs
        self.building = threading.Event()

    # ------------------------------------------------------------- the index
    def build(self, force: bool = False, progress: ProgressFn | None = None) -> BuildReport:
        """Bring the index up to date with the corpus (incremental unless ``force``).

        Questions keep being answered from the last committed index while this runs;
        the new index is used from the moment it is written.

        Args:
            force: rebuild every document.
            progress: called with (fraction, message) while building.
        Returns:
            What was done.
        """
        with self._build_lock:
            self.building.set()
            # with an index in use, questions are answered during the build: leave them a core
            threads = self.settings.background_build_threads if self.loaded else None
            try:
                with self.embedder.threads(threads):
                    index, report = self.indexer.sync(progress=progress, force=force,
                                                      current=self._state[0] if self._state else None)
            finally:
                self.building.clear()
            self._use(index)
            log.info("index ready: %d documents, %d chunks (%d embedded) in %.1fs",
                     report.documents, report.chunks, report.embedded_chunks, report.seconds)
            return report

    @property
    def loaded(self) -> bool:
        """True once an index is in use (questions are answered without waiting for a build)."""
        return self._state is not None

    def ready(self, progress: ProgressFn | None = None) -> Index:
        """The index in use; the first call loads it, syncing with the corpus."""
        return self._snapshot(progress)[0]

    def _snapshot(self, progress: ProgressFn | None = None) -> tuple[Index, Retriever]:
        state = self._state
        if state is None:
            with self._build_lock:
                if self._state is None:
                    self.build(progress=progress)
            state = self._state
        return state

    def warm_up(self) -> None:
        """Load everything the first question needs (index, embedding model, jieba), so that
        it is answered at once rather than after the model loads."""
        index = self.ready()
        self.tokenizer("柳州")
        self.embedder.query("柳州")
        self.expand("柳州长者")  # the part-of-speech tables and the thesaurus
        # the tokens of every sentence the answerer reads, while the corpus is small enough to keep them all
        # (:data:`TOKEN_CACHE_SIZE`): the first questions are then answered as fast as later ones
        if len(index.chunks) * SENTENCES_PER_CHUNK <= TOKEN_CACHE_SIZE:
            for chunk in index.iter_chunks():
                for text in ExtractiveAnswerer.texts_read(chunk.header, chunk.text):
                    self.tokenizer(text)

    @property
    def retriever(self) -> Retriever:
        """The retriever over the index in use (loading it first)."""
        return self._snapshot()[1]

    def _use(self, index: Index) -> None:
        s = self.settings
        self._state = (index, Retriever(index, self.embedder, self.tokenizer, top_k=s.top_k, mode=s.retrieval_mode,
                                        fusion_candidates=s.fusion_candidates, bm25_weight=s.bm25_weight,
                                        rrf_k=s.rrf_k))

    def documents(self) -> dict[str, dict]:
        """Indexed documents: name -> {display, title, kind, format, pages, chunks, chars, encoding, sha256}."""
        return dict(self.ready().documents)

    def display_names(self) -> dict[str, str]:
        """Indexed documents: file name -> the name people read ("柳江区政府工作报告（2020年1月8日）")."""
        return {name: entry.get("display", name) for name, entry in self.ready().documents.items()}

    def add_documents(self, paths: list[Path], progress: ProgressFn | None = None) -> tuple[BuildReport, list[Skipped]]:
        """Copy files into the corpus folder and index them incrementally (questions are
        answered from the previous index meanwhile).

        Args:
            paths: document files (.txt, .pdf, .docx, .html, .md) to add (an existing name is replaced).
            progress: build progress callback.
        Returns:
            (build report, refused files with their reasons).
        """
        with self._build_lock:
            _, refused = self.corpus.add([Path(p) for p in paths])
            return self.build(progress=progress), refused

    def is_protected(self, name: str) -> bool:
        """True when ``name`` matches a pattern of the ``protected_documents`` setting."""
        return any(fnmatch.fnmatchcase(name, pattern) for pattern in self.settings.protected_documents)

    def remove_document(self, name: str, progress: ProgressFn | None = None) -> BuildReport:
        """Delete a document from the corpus folder and the index.

        Args:
            name: the document's name.
        Returns:
            The build report.
        Raises:
            CorpusError: no such document, it is protected, or it is the last one.
        """
        if self.is_protected(name):
            raise CorpusError(f"文档 {name} 受保护，不能删除（设置 QA_PROTECTED_DOCUMENTS）")
        with self._build_lock:
            if name in self.documents() and len(self.documents()) <= 1:
                raise CorpusError("cannot remove the last document of the corpus")
            self.corpus.remove(name)
            return self.build(progress=progress)

    def source_text(self, doc: str) -> str:
        """The text of an indexed document that citation spans point into (for a PDF, Word,
        HTML or Markdown file: its stored extracted text)."""
        return self.corpus.text(doc)

    # ------------------------------------------------------------ questions
    def retrieve(self, question: str, k: int | None = None,
                 mode: RetrievalMode | str | None = None) -> list[Passage]:
        """The ``k`` best passages for ``question``.

        Args:
            question: the question.
            k: number of passages (default ``settings.top_k``), 1-50.
            mode: hybrid, bm25 or dense (default ``settings.retrieval_mode``).
        Returns:
            Passages, best first, with scores.
        """
        question = check_question(question, self.settings.max_question_chars)
        return self.retriever.search(question, k=check_k(k), mode=mode)

    def ask(self, question: str, k: int | None = None, mode: RetrievalMode | str | None = None,
            answer_mode: AnswerMode | str | None = None, history: list | None = None,
            llm_model: str | None = None) -> Answer:
        """Answer a question with citations, or refuse.

        Args:
            question: the question (Chinese).
            k: passages to retrieve (1-50).
            mode: retrieval mode.
            answer_mode: extractive, local or openai.
            history: earlier turns, for follow-up questions.
            llm_model: local model name or .gguf path (default ``settings.llm_model``).
        Returns:
            The answer.
        """
        return self.ask_stream(question, k, mode, answer_mode, history, llm_model).answer

    def ask_stream(self, question: str, k: int | None = None, mode: RetrievalMode | str | None = None,
                   answer_mode: AnswerMode | str | None = None, history: list | None = None,
                   llm_model: str | None = None) -> AnswerStream:
        """Like :meth:`ask`, as an :class:`AnswerStream`: iterate for text pieces, then read ``.answer``.

        The arguments are checked at once (a bad question raises here, not while iterating).
        """
        question = check_question(question, self.settings.max_question_chars)
        k = check_k(k)
        answer_mode = AnswerMode(answer_mode or self.settings.answer_mode)
        mode = RetrievalMode(mode or self.settings.retrieval_mode)
        return AnswerStream(self._answer(question, k, mode, answer_mode, history, llm_model))

    def _answer(self, question: str, k: int | None, mode: RetrievalMode, answer_mode: AnswerMode,
                history: list | None, llm_model: str | None) -> Generator[str, None, Answer]:
        started = time.perf_counter()
        index, retriever = self._snapshot()  # one index for the whole question, even if a build commits meanwhile
        answerer = self._answerer(index, retriever)
        generator = self._generator(answer_mode, llm_model) if answer_mode is not AnswerMode.EXTRACTIVE else None
        standalone = self.standalone(question, history, generator)
        if is_english(standalone):  # rebuilt in Chinese from the glossary, or a hint in both languages
            chinese = to_chinese(standalone)
            if chinese is None:
                answer = Answer(question=standalone, text=ENGLISH_HINT, refused=True, mode=answer_mode)
                yield from answer.pieces()
                return self._finish(answer, question, standalone, started, time.perf_counter())
            standalone = chinese
        if is_summary_request(standalone):  # key sentences quoted, in every answer mode
            passages = retriever.search(answerer.expand(topic_of(standalone)), k=max(k or 0, SUMMARY_PASSAGES), mode=mode)
            retrieved = time.perf_counter()
            answer = self._quoted_in(answer_mode, summarize(standalone, passages, answerer), Fallback.SUMMARY)
            yield from answer.pieces()
            return self._finish(answer, question, standalone, started, retrieved)

        def one(text: str) -> Answer:  # a question of one ask, retrieved and answered from quotes
            searched = answerer.expand(text)
            return answerer.answer(searched, retriever.search(searched, k=k, mode=mode))

        answered = self._in_steps(standalone, one, retriever.idf)
        if answered is not None:  # each step quoted with its own citation, in every answer mode
            passages = [p for _, a in answered for p in a.passages]
            retrieved = time.perf_counter()
            answer = (dataclasses.replace(answered[0][1], question=standalone) if len(answered) == 1
                      else combine(standalone, answered, passages, self.settings.places))
            answer = self._quoted_in(answer_mode, answer, Fallback.MULTI_PART)
            yield from answer.pieces()
            return self._finish(answer, question, standalone, started, retrieved)
        searched = answerer.expand(standalone)  # everyday words -> the documents' words
        passages = retriever.search(searched, k=k, mode=mode)
        retrieved = time.perf_counter()
        if not passages:
            answer = refusal(standalone, passages, answer_mode)
            yield from answer.pieces()
        elif generator is None:
            answer = answerer.answer(searched, passages)
            yield from answer.pieces()
        else:
            left_out: list = []
            evidence = answerer.evidence(searched, passages, left_out)
            gate = answerer.answer(searched, passages, evidence, left_out)
            answer = yield from generator.stream(standalone, passages, evidence, gate, answerer)
        return self._finish(answer, question, standalone, started, retrieved)

    def _in_steps(self, question: str, one: Callable[[str], Answer],
                  idf: Callable[[str], float]) -> list[tuple[str, Answer]] | None:
        """A question answered in steps, each (sub-question, its answer); None for a question of one ask.

        - "……获二等奖的那家医院，……": the thing is named first, then the rest asked of it (when the
          first step finds nothing, the question is asked whole);
        - "2019年……的三都香葱，到2023年……": the rest is asked of the named thing;
        - a figure checked against a bound ("……是否超过50亿元"): the figure, led by yes or no;
        - several asks ("……？……又是多少？", "A和B分别", "A，和B相比", "A比B多了多少"): one answer per
          ask; a later ask about what the one before named ("……在哪个镇？该镇……") is asked of that answer;
        - a question citing its source ("而据……的名词解释，……是哪一天？"): its last clause, when that
          finds an answer.
        """
        places = self.settings.places
        steps = bridge(question, places)
        if steps is not None:
            named = one(steps.first)
            if not named.refused and named.short_answer:
                then = steps.about(named.short_answer)
                found = one(then)
                if found.refused:  # the thing is named, but not what is asked of it: the question is not answered
                    rest = steps.then.rstrip("？?").lstrip("他她它其")  # "它他2023年担任……" reads badly
                    note = BRIDGE_NOTE.format(thing=named.short_answer, rest=rest)
                    return [(question, refusal(question, [*named.passages, *found.passages], support=found.support,
                                               kind=found.answer_kind, note=note))]
                if found.short_answer:
                    return [(steps.first, named), (then, found)]
                # what is asked has no short form (a description): the first step's name alone is no short answer
                both = combine(question, [(steps.first, named), (then, found)], [*named.passages, *found.passages],
                               places)
                return [(question, dataclasses.replace(both, short_answer="", answer_kind=found.answer_kind))]
        named = named_then(question)
        if named is not None:  # "2019年……的三都香葱，到2023年……": asked of the named thing
            found = one(named)
            if not found.refused:
                return [(named, found)]
        check = checked_ask(question)
        if check is not None:  # "……是否超过50亿元": the figure, then whether it does
            ask, way, bound = check
            found = one(ask)
            if found.refused:  # no figure to check: the documents do not say
                return [(ask, found)]
            lead = checked(way, bound, found.short_answer)
            if lead is not None:
                quote = found.text.removeprefix(f"{found.short_answer}。")  # the lead already says the figure
                return [(ask, dataclasses.replace(found, text=f"{lead}。{quote}", short_answer=lead,
                                                  answer_kind=AnswerKind.YESNO))]
        parts = split_question(question, places)
        if len(parts) > 1:
            answered: list[tuple[str, Answer]] = []
            for part in parts:
                if answered and answered[-1][1].answer_kind in NAMED_KINDS and answered[-1][1].short_answer:
                    # "……是哪家医院？这家医院……": the thing the last part named is asked about
                    part = resolved(part, answered[-1][1].short_answer,
                                    person=answered[-1][1].answer_kind is AnswerKind.PERSON) or part
                answer = one(part)
                if answer.short_answer and any(answer.short_answer == a.short_answer for _, a in answered) \
                        and unborrowed(part) != part:
                    # two asks, one figure: the subject this part borrowed from the first ("财政收入是多少
                    # （地区生产总值是）") found the first's figure again; its own words are asked alone
                    part = unborrowed(part)
                    answer = one(part)
                answered.append((part, answer))
            # the two sides of a comparison measure one thing, in the words of the side the documents answered
            return same_measure(question, answered, one, self.tokenizer, idf, places)
        ask = last_ask(question, places)
        if ask is not None:
            cited = one(ask)
            if not cited.refused:
                return [(ask, cited)]
        return None

    @staticmethod
    def _quoted_in(answer_mode: AnswerMode, answer: Answer, why: Fallback) -> Answer:
        """A quoted answer given where a generating mode was asked for: marked with that mode
        and why the quote stands instead."""
        if answer_mode is AnswerMode.EXTRACTIVE:
            return answer
        return dataclasses.replace(answer, mode=answer_mode, fallback=why)

    @staticmethod
    def _finish(answer: Answer, question: str, standalone: str, started: float, retrieved: float) -> Answer:
        meta = dataclasses.replace(answer.meta, retrieve_s=retrieved - started,
                                   total_s=time.perf_counter() - started)
        return dataclasses.replace(answer, question=question, standalone_question=standalone, meta=meta)

    @property
    def gate(self) -> Gate:
        """The trained answerability gate (read once from ``settings.gate_file``)."""
        with self._lock:
            if self._gate is None:
                self._gate = Gate.load(self.settings.gate_file)
            return self._gate

    def answerer(self, gate: Gate | None = None) -> ExtractiveAnswerer:
        """The extractive answerer over the loaded index.

        Args:
            gate: another gate than the trained one (for training and calibration).
        """
        return self._answerer(*self._snapshot(), gate)

    def _answerer(self, index: Index, retriever: Retriever, gate: Gate | None = None) -> ExtractiveAnswerer:
        s = self.settings
        return ExtractiveAnswerer(self.tokenizer, retriever.idf, index, s.places, gate or self.gate,
                                  self.embedder.query, s.max_answer_sentences, self.embedder.short_passages,
                                  Expander(retriever.idf, self.tokenizer.tagged_words))

    def expand(self, question: str) -> str:
        """The question with the documents' words for its everyday words (as it is searched)."""
        return self.answerer().expand(question)

    def standalone(self, question: str, history: list | None, generator: GroundedGenerator | None = None) -> str:
        """Rewrite a follow-up question into a standalone one (rules; the LLM when one is in use), in
        standard question words ("拿了好多钱？" asks 多少)."""
        question = plain_question(question, self.settings.places)
        if not history:
            return question
        return rewrite(question, history, self.settings.places, generator.rewrite if generator else None)

    # ---------------------------------------------------------- generation
    def available_answer_modes(self) -> list[AnswerMode]:
        """Answer modes usable here: local when llama-cpp-python and the model are installed,
        openai when ``openai_base_url`` is set."""
        modes = [AnswerMode.EXTRACTIVE]
        if local_model_available(self.settings.llm_model):
            modes.append(AnswerMode.LOCAL)
        if self.settings.openai_base_url:
            modes.append(AnswerMode.OPENAI)
        return modes

    def _generator(self, answer_mode: AnswerMode, llm_model: str | None = None) -> GroundedGenerator:
        s = self.settings
        key = (answer_mode, llm_model or s.llm_model)
        with self._lock:
            if key not in self._generators:
                if answer_mode is AnswerMode.LOCAL:
                    backend = LlamaCppBackend(key[1], s.cache_dir, s.llm_threads, s.llm_context)
                else:
                    backend = OpenAIBackend(s.openai_base_url, s.openai_model,
                                            os.environ.get(s.openai_api_key_env, ""))
                self._generators[key] = GroundedGenerator(backend, answer_mode, s.llm_max_tokens)
            return self._generators[key]
