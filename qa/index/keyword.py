"""Keyword retrieval: BM25 over jieba tokens.

Tokens come from jieba's search mode (a word and its sub-words, so "生产总值"
also matches "总值"), with known place names added to jieba's dictionary and
punctuation and function words removed. Numbers stay whole ("302.4", "5%").
"""
from __future__ import annotations

import logging
import math
import threading
import unicodedata
from collections import Counter
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

#: BM25 parameters (the usual defaults; chunks are of similar length here)
BM25_K1 = 1.2
BM25_B = 0.75
#: words that carry no content in questions or passages
STOPWORDS = frozenset(
    "的 了 是 在 和 与 及 等 个 有 为 对 中 将 把 被 从 到 以 之 其 这 那 也 都 就 而 或 并 "
    "吗 呢 吧 啊 么 多少 什么 哪些 哪个 哪 几 是否 如何 怎么 怎样 请问 一下 有关 关于 我们 "
    "主要 哪一年 哪年 多 少 谁 是谁 何 时 呀".split()
)

#: the frequency given to a known place name in jieba's dictionary. jieba picks
#: the segmentation with the highest summed log-frequency; "柳江"(60) + "区"(24952)
#: out of a total of 6.0e7 already loses to any frequency above 1, so the value
#: only matters against overlapping words (the place's last character joined to
#: the next one, "区委", "市长"). 100000 wins those and stays below the most
#: frequent dictionary entries (883634), so other words segment as before.
PLACE_WORD_FREQ = 100_000

_jieba_lock = threading.Lock()
_jieba_words: set[str] = set()


def _jieba(cache_dir: Path | None = None, words: tuple[str, ...] = ()):
    import jieba  # noqa: PLC0415 - slow import, only when keywords are needed

    with _jieba_lock:
        if cache_dir is not None and jieba.dt.tmp_dir is None:
            cache_dir.mkdir(parents=True, exist_ok=True)
            jieba.dt.tmp_dir = str(cache_dir)
        jieba.setLogLevel(logging.WARNING)
        for word in words:
            if word not in _jieba_words:
                jieba.add_word(word, freq=PLACE_WORD_FREQ)
                _jieba_words.add(word)
    return jieba


class Tokenizer:
    """Chinese tokens for BM25.

    Args:
        places: words jieba must keep whole (place names).
        cache_dir: where jieba keeps its dictionary cache.
    """

    def __init__(self, places: tuple[str, ...] = (), cache_dir: Path | None = None):
        self.places = tuple(places)
        self.cache_dir = cache_dir
        self._loaded = None

    @property
    def _jieba(self):
        """jieba with the place names added (imported on first use: it takes about 1 s)."""
        if self._loaded is None:
            self._loaded = _jieba(self.cache_dir, self.places)
        return self._loaded

    def __call__(self, text: str) -> list[str]:
        """Tokenize one text.

        Args:
            text: any text.
        Returns:
            Lower-cased content tokens.
        """
        text = unicodedata.normalize("NFKC", text).lower()
        return [
            tok for tok in self._jieba.lcut_for_search(text)
            if tok.strip() and tok not in STOPWORDS and any(ch.isalnum() for ch in tok)
        ]


class BM25:
    """An in-memory BM25 index over token lists.

    Args:
        documents: one token list per chunk, in chunk-id order.
    """

    def __init__(self, documents: list[list[str]]):
        self.size = len(documents)
        lengths = np.array([len(d) for d in documents], dtype=np.float32)
        self._avg = float(lengths.mean()) if self.size else 0.0
        postings: dict[str, list[tuple[int, int]]] = {}
        for doc_id, tokens in enumerate(documents):
            for term, tf in Counter(tokens).items():
                postings.setdefault(term, []).append((doc_id, tf))
        self._norm = BM25_K1 * (1 - BM25_B + BM25_B * lengths / max(self._avg, 1e-9))
        self._postings = {
            term: (np.array([d for d, _ in p], dtype=np.int64), np.array([tf for _, tf in p], dtype=np.float32))
            for term, p in postings.items()
        }
        self._idf = {
            term: math.log(1 + (self.size - len(p) + 0.5) / (len(p) + 0.5)) for term, p in postings.items()
        }

    def scores(self, query_tokens: list[str]) -> np.ndarray:
        """BM25 score of every chunk for the query (0 where no term matches)."""
        out = np.zeros(self.size, dtype=np.float32)
        for term, qtf in Counter(query_tokens).items():
            if term not in self._postings:
                continue
            ids, tf = self._postings[term]
            out[ids] += qtf * self._idf[term] * tf * (BM25_K1 + 1) / (tf + self._norm[ids])
        return out

    def idf(self, term: str) -> float:
        """Inverse document frequency of a term (the highest value for unseen terms)."""
        return self._idf.get(term, math.log(1 + (self.size + 0.5) / 0.5))
