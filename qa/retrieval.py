"""Hybrid retrieval: FAISS dense search plus BM25 keywords, fused by weighted RRF.

Each retriever ranks its ``fusion_candidates`` best chunks; a chunk's fused
score is ``w / (rrf_k + rank_bm25) + (1 - w) / (rrf_k + rank_dense)`` with
``w = bm25_weight``. The weight and ``rrf_k`` were set on the seed Q&A set (see
README, "Retrieval"): BM25 is the stronger retriever on this keyword-heavy
corpus, so it gets the larger weight, while dense search still lifts
paraphrased questions.
"""
from __future__ import annotations

import numpy as np

from .config import RetrievalMode, Settings
from .embedding import Embedder
from .keyword import BM25, Tokenizer
from .records import Passage
from .store import Index


class Retriever:
    """Search one loaded :class:`Index`.

    Args:
        index: the loaded index.
        embedder: the model the index was built with.
        tokenizer: the BM25 tokenizer the index was built with.
        settings: ``top_k``, ``retrieval_mode``, fusion parameters.
    """

    def __init__(self, index: Index, embedder: Embedder, tokenizer: Tokenizer, settings: Settings):
        self.index = index
        self.embedder = embedder
        self.tokenizer = tokenizer
        self.settings = settings
        self.bm25 = BM25(index.tokens)

    def search(self, question: str, k: int | None = None,
               mode: RetrievalMode | str | None = None) -> list[Passage]:
        """The ``k`` best passages for a question, best first.

        Args:
            question: the question text.
            k: how many passages (default ``settings.top_k``).
            mode: hybrid, bm25 or dense (default ``settings.retrieval_mode``).
        Returns:
            Passages with their scores (fused score for hybrid, else the
            retriever's own score).
        """
        k = self.settings.top_k if k is None else k
        if k < 1:
            raise ValueError(f"k must be at least 1, got {k}")
        mode = RetrievalMode(mode or self.settings.retrieval_mode)
        n = len(self.index.chunks)
        if n == 0:
            return []
        pool = min(n, max(k, self.settings.fusion_candidates))
        if mode is RetrievalMode.BM25:
            ranked = self._bm25(question, pool)
        elif mode is RetrievalMode.DENSE:
            ranked = self._dense(question, pool)
        else:
            ranked = self._fuse(self._bm25(question, pool), self._dense(question, pool))
        return [self._passage(i, score) for i, score in ranked[:k]]

    def keyword_scores(self, question: str) -> np.ndarray:
        """BM25 scores of all chunks (for answer extraction)."""
        return self.bm25.scores(self.tokenizer(question))

    def _bm25(self, question: str, pool: int) -> list[tuple[int, float]]:
        scores = self.keyword_scores(question)
        order = np.argsort(-scores, kind="stable")[:pool]
        return [(int(i), float(scores[i])) for i in order if scores[i] > 0]

    def _dense(self, question: str, pool: int) -> list[tuple[int, float]]:
        vector = self.embedder.query(question).reshape(1, -1)
        scores, ids = self.index.faiss_index.search(vector, pool)
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0]) if i >= 0]

    def _fuse(self, bm25: list[tuple[int, float]], dense: list[tuple[int, float]]) -> list[tuple[int, float]]:
        w = self.settings.bm25_weight
        k = self.settings.rrf_k
        fused: dict[int, float] = {}
        for weight, ranked in ((w, bm25), (1.0 - w, dense)):
            for rank, (chunk_id, _) in enumerate(ranked, start=1):
                fused[chunk_id] = fused.get(chunk_id, 0.0) + weight / (k + rank)
        return sorted(fused.items(), key=lambda item: (-item[1], item[0]))

    def _passage(self, chunk_id: int, score: float) -> Passage:
        c = self.index.chunks[chunk_id]
        return Passage(
            doc=c.doc, paragraph=c.paragraphs[0], start=c.start, end=c.end, text=c.text,
            score=round(score, 6), header=c.header, paragraphs=c.paragraphs, chunk_id=c.id,
        )
