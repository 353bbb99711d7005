"""Hybrid retrieval: FAISS dense search plus BM25 keywords, fused by weighted RRF.

Each retriever ranks its ``fusion_candidates`` best chunks; :func:`fuse` gives a
chunk ``sum_i w_i / (rrf_k + rank_i)`` over the lists it appears in. The BM25
weight and ``rrf_k`` were set on the seed Q&A set (see README, "Retrieval"):
BM25 is the stronger retriever on this keyword-heavy corpus, so it gets the
larger weight, while dense search still lifts paraphrased questions.
"""
from __future__ import annotations

from typing import Sequence

from ..records import Chunk, Passage, RetrievalMode
from .backend import Index, Ranking
from .embedding import Embedder
from .keyword import Tokenizer


def fuse(rankings: Sequence[Ranking], weights: Sequence[float], k: int) -> Ranking:
    """Weighted reciprocal-rank fusion of several rankings.

    Args:
        rankings: ranked lists of (chunk id, score), best first.
        weights: one weight per ranking.
        k: the RRF constant in ``weight / (k + rank)`` (rank starts at 1).
    Returns:
        (chunk id, fused score), best first; ties by chunk id.
    """
    if len(rankings) != len(weights):
        raise ValueError(f"{len(rankings)} rankings but {len(weights)} weights")
    if k < 0:
        raise ValueError(f"k must be >= 0, got {k}")
    fused: dict[int, float] = {}
    for weight, ranked in zip(weights, rankings):
        for rank, (chunk_id, _) in enumerate(ranked, start=1):
            fused[chunk_id] = fused.get(chunk_id, 0.0) + weight / (k + rank)
    return sorted(fused.items(), key=lambda item: (-item[1], item[0]))


class Retriever:
    """Search one loaded :class:`~qa.index.backend.Index` (embedded or Milvus).

    Args:
        index: the loaded index.
        embedder: the model the index was built with.
        tokenizer: the BM25 tokenizer the index was built with.
        top_k: passages returned when no ``k`` is given.
        mode: the retrieval mode used when none is given.
        fusion_candidates: how many chunks each retriever contributes to the fusion.
        bm25_weight: weight of the BM25 list (the dense list gets ``1 - bm25_weight``).
        rrf_k: the RRF constant.
    """

    def __init__(self, index: Index, embedder: Embedder, tokenizer: Tokenizer, *, top_k: int = 5,
                 mode: RetrievalMode = RetrievalMode.HYBRID, fusion_candidates: int = 30,
                 bm25_weight: float = 0.6, rrf_k: int = 20):
        if top_k < 1:
            raise ValueError(f"top_k must be at least 1, got {top_k}")
        if fusion_candidates < 1:
            raise ValueError(f"fusion_candidates must be at least 1, got {fusion_candidates}")
        if not 0.0 <= bm25_weight <= 1.0:
            raise ValueError(f"bm25_weight must be in [0, 1], got {bm25_weight}")
        self.index = index
        self.embedder = embedder
        self.tokenizer = tokenizer
        self.top_k = top_k
        self.mode = RetrievalMode(mode)
        self.fusion_candidates = fusion_candidates
        self.bm25_weight = bm25_weight
        self.rrf_k = rrf_k

    def idf(self, term: str) -> float:
        """Inverse document frequency of a term in the index."""
        return self.index.idf(term)

    def search(self, question: str, k: int | None = None,
               mode: RetrievalMode | str | None = None) -> list[Passage]:
        """The ``k`` best passages for a question, best first.

        Args:
            question: the question text.
            k: how many passages (default ``top_k``).
            mode: hybrid, bm25 or dense (default: the retriever's mode).
        Returns:
            Passages with their scores (fused score for hybrid, else the
            retriever's own score).
        """
        k = self.top_k if k is None else k
        if k < 1:
            raise ValueError(f"k must be at least 1, got {k}")
        mode = RetrievalMode(mode or self.mode)
        pool = self.pool(k)
        if pool == 0:
            return []
        if mode is RetrievalMode.BM25:
            ranked = self.bm25_ranking(question, pool)
        elif mode is RetrievalMode.DENSE:
            ranked = self.dense_ranking(question, pool)
        else:
            ranked = fuse([self.bm25_ranking(question, pool), self.dense_ranking(question, pool)],
                          [self.bm25_weight, 1.0 - self.bm25_weight], self.rrf_k)
        passages = []
        for chunk_id, score in ranked:
            try:
                passages.append(self.passage(chunk_id, score))
            except KeyError:  # removed by a build since the search: skip it
                continue
            if len(passages) == k:
                break
        return passages

    def pool(self, k: int) -> int:
        """How many candidates each retriever ranks for ``k`` results."""
        return min(self.index.size, max(k, self.fusion_candidates))

    def bm25_ranking(self, question: str, pool: int) -> Ranking:
        """The ``pool`` best chunks by BM25 (only chunks sharing a term)."""
        return self.index.keyword(self.tokenizer(question), pool)

    def dense_ranking(self, question: str, pool: int) -> Ranking:
        """The ``pool`` nearest chunks by inner product of normalised vectors."""
        return self.index.dense(self.embedder.query(question), pool)

    def passage(self, chunk_id: int, score: float) -> Passage:
        """The chunk as a :class:`Passage` with a score.

        Raises:
            KeyError: the chunk is gone.
        """
        return passage_of(self.index.chunk(chunk_id), score)


def passage_of(c: Chunk, score: float) -> Passage:
    """A chunk as a retrieved :class:`Passage` with a score."""
    return Passage(
        doc=c.doc, paragraph=c.paragraphs[0], start=c.start, end=c.end, text=c.text,
        score=round(score, 6), header=c.header, paragraphs=c.paragraphs, chunk_id=c.id, page=c.page_at(0),
    )
