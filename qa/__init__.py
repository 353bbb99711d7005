"""Question answering over Chinese local-government documents, offline, with citations.

Quick start::

    import qa
    answer = qa.ask("2019年柳江区地区生产总值是多少？")
    print(answer.text)            # "...302.4亿元...[1]"
    for n, c in enumerate(answer.citations, 1):
        print(n, c.doc, c.paragraph, c.highlight)

The first call loads the index from ``embeddings/`` (building it from
``seeds/`` if needed); later calls reuse the loaded model and index.
"""
from __future__ import annotations

import threading

from .config import Settings
from .engine import Engine
from .errors import QAError, QuestionError
from .index.indexer import BuildReport
from .records import Answer, AnswerMode, AnswerStream, Fallback, Passage, RetrievalMode

__all__ = [
    "Answer", "AnswerMode", "AnswerStream", "BuildReport", "Engine", "Fallback", "Passage", "QAError",
    "QuestionError", "RetrievalMode", "Settings", "ask", "build_index", "get_engine", "retrieve",
]

_engine: Engine | None = None
_engine_lock = threading.Lock()


def get_engine() -> Engine:
    """The shared engine, created on first use from ``QA_*`` environment settings."""
    global _engine
    with _engine_lock:
        if _engine is None:
            _engine = Engine()
        return _engine


def ask(question: str, *, k: int | None = None, mode: RetrievalMode | str | None = None,
        answer_mode: AnswerMode | str | None = None, history: list | None = None,
        stream: bool = False):
    """Answer a question from the documents, with citations.

    Args:
        question: the question, in Chinese.
        k: how many passages to retrieve (default 5).
        mode: retrieval mode: "hybrid" (default), "bm25" or "dense".
        answer_mode: "extractive" (default), "local" (llama.cpp) or "openai".
        history: earlier turns as (question, answer) pairs or chat messages,
            so a follow-up like "那2023年呢？" is understood.
        stream: if True, return an :class:`AnswerStream`: iterate it for the
            text pieces, then read its ``.answer``.
    Returns:
        An :class:`Answer` (``text``, ``citations``, ``refused``), or with
        ``stream=True`` an :class:`AnswerStream`.
    Raises:
        QuestionError: the question is empty, too long or not text, or ``k`` is not an int in [1, 50].
    """
    engine = get_engine()
    answer = engine.ask_stream(question, k=k, mode=mode, answer_mode=answer_mode, history=history)
    return answer if stream else answer.answer


def retrieve(question: str, k: int | None = None, *, mode: RetrievalMode | str | None = None) -> list[Passage]:
    """The ``k`` passages that best match a question.

    Args:
        question: the question.
        k: number of passages (default ``QA_TOP_K``, 5).
        mode: "hybrid" (default), "bm25" or "dense".
    Returns:
        Passages (``doc``, ``paragraph``, ``start``, ``end``, ``text``, ``score``), best first.
    """
    return get_engine().retrieve(question, k=k, mode=mode)


def build_index(*, force: bool = False, progress=None) -> BuildReport:
    """Build or update the index in ``embeddings/`` from the corpus folder.

    Args:
        force: re-embed every document instead of only new or changed ones.
        progress: optional callback ``(fraction, message)``.
    Returns:
        A :class:`BuildReport`.
    """
    return get_engine().build(force=force, progress=progress)
