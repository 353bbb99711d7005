"""Keyword retrieval: BM25 over jieba tokens.

Tokens come from jieba's search mode (a word and its sub-words, so "生产总值"
also matches "总值"), with known place names added to jieba's dictionary and
punctuation and function words removed. Numbers stay whole ("302.4", "5%").

:class:`KeywordIndex` scores them with ``bm25s`` (a maintained BM25 library:
scores are precomputed into a sparse matrix at build, saved as ``.npy`` files
and memory-mapped at load, so a million chunks load in seconds and use little
resident memory). bm25s indexes are static, so chunks added since the last
build are kept in a small in-memory segment scored with the same formula and
the combined statistics, and removed chunks are masked; the store rebuilds the
bm25s segment when the changes grow (see ``qa.index.store.COMPACT_FRACTION``),
as Lucene merges its segments.
"""
from __future__ import annotations

import functools
import logging
import json
import math
import re
import threading
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Iterable

import numpy as np

log = logging.getLogger(__name__)

#: BM25 parameters (Lucene's defaults; chunks are of similar length here)
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


#: a word jieba tags as a name but its dictionary holds at least this often is a common word ("荣耀" 493,
#: "文明" 6584); the people the seed documents name are not in it, or rarely ("杨斌" 6). Set by reading the
#: ``nr`` words of the seeds: every one at or above 100 but "李俊" is a common word or part of a longer name
COMMON_WORD_FREQ = 100
#: what follows a person's name: a deed of people at meetings and in the news
DEED_AFTER_NAME = re.compile(r"主持|出席|参加|讲话|表示|说|指出|强调|介绍|带队|率队|调研|宣读|致辞")
#: jieba's tag of place names, the mark between listed words, and what follows a list of places ("南宁、桂林等地")
PLACE_TAG = "ns"
#: how many texts' tokens are kept: answering a question tokenizes every sentence of its retrieved passages, and
#: the same sentences come back for question after question (about half of ask()'s time went to jieba before;
#: a sentence with its tokens takes about 2.5 KB: some 50 MB when full). Whole chunks being indexed are not kept
TOKEN_CACHE_SIZE = 20_000
LISTED = "、"
PLACES_AFTER = "等地"
#: what may follow an item of a list of places
LIST_ENDS = frozenset({"、", "等", "和", "及", "，", ",", "。"})


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
        self._cached = functools.lru_cache(maxsize=TOKEN_CACHE_SIZE)(self._tokens)
        # (a question's terms are tagged by several checks each: a noun? a pointer? a joining word?)
        self._tagged = functools.lru_cache(maxsize=TOKEN_CACHE_SIZE)(self._tags)

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
        return list(self._cached(text))

    def uncached(self, text: str) -> list[str]:
        """:meth:`__call__` without keeping the tokens (a text read once, as a chunk being indexed)."""
        return list(self._tokens(text))

    def clear_cache(self) -> None:
        """Forget the tokens and tags kept of earlier texts (the benchmark times ask() with and without them)."""
        self._cached.cache_clear()
        self._tagged.cache_clear()

    def _tokens(self, text: str) -> tuple[str, ...]:
        text = unicodedata.normalize("NFKC", text).lower()
        return tuple(
            tok for tok in self._jieba.lcut_for_search(text)
            if tok.strip() and tok not in STOPWORDS and any(ch.isalnum() for ch in tok)
        )

    def tagged_words(self, text: str) -> list[tuple[str, str]]:
        """The words of a text with their jieba part-of-speech tags ("n", "v", "ns" ...).

        Args:
            text: any text.
        Returns:
            (word, tag) pairs, in order.
        """
        return list(self._tagged(text))

    def _tags(self, text: str) -> tuple[tuple[str, str], ...]:
        self._jieba  # noqa: B018 - loads jieba with the known places first
        import jieba.posseg  # noqa: PLC0415 - its tables load on first use

        return tuple((word, flag) for word, flag in jieba.posseg.cut(unicodedata.normalize("NFKC", text)))

    def place_words(self, text: str) -> list[str]:
        """The words of a text that jieba's dictionary tags as place names (``ns``: "上海市", "广西");
        words its tagger only guesses are left out.

        Args:
            text: any text.
        Returns:
            The place words, in order.
        """
        tagged = self.tagged_words(text)
        import jieba.posseg  # noqa: PLC0415 - loaded by tagged_words

        tags = jieba.posseg.dt.word_tag_tab
        return [word for word, flag in tagged if flag == "ns" and tags.get(word) == "ns"]

    def person_words(self, text: str) -> list[tuple[int, int]]:
        """Spans of the words of a text that jieba tags as people's names (``nr``, two or three
        characters: "叶俊", "曾燕丽"), in order."""
        self._jieba  # noqa: B018 - loads jieba with the known places first
        import jieba.posseg  # noqa: PLC0415 - its tables load on first use

        words = list(jieba.posseg.cut(text))
        spans, at = [], 0
        for i, (word, flag) in enumerate(words):
            # a name listed with places ("南宁、桂林等地") is a place's
            # (a place ends its own item: "南宁、桂林", not "韦卓仕、柳江区委书记王秋静")
            listed = [words[j] for j in (i - 2, i + 2) if 0 <= j < len(words) and words[(i + j) // 2].word == LISTED
                      and (j + 1 == len(words) or words[j + 1].word in LIST_ENDS)]
            # (a word of jieba's dictionary as frequent as a common word is one, "荣耀", "文明", "高峰", unless
            # a deed follows it as it follows a person: "会议由王平主持")
            if (flag == "nr" and 2 <= len(word) <= 3 and not any(w.flag == PLACE_TAG for w in listed)
                    and ((jieba.dt.FREQ.get(word) or 0) < COMMON_WORD_FREQ or DEED_AFTER_NAME.match(text, at + len(word)))
                    and not text.startswith(PLACES_AFTER, at + len(word))):
                spans.append((at, at + len(word)))
            at += len(word)
        return spans


#: files of a saved keyword index besides bm25s' own: the chunk id of each row, and the statistics
ROWS_FILE = "rows.npy"
STATS_FILE = "stats.json"


def bm25_idf(n_docs: int, df: float) -> float:
    """Lucene's BM25 idf, as bm25s computes it (``method="lucene"``)."""
    return math.log(1 + (n_docs - df + 0.5) / (df + 0.5))


#: below this many rows a full stable sort picks the top rows (ties by row, as before);
#: above it ``argpartition`` avoids sorting a million scores
PARTIAL_SORT_ROWS = 50_000


def top_rows(scores: np.ndarray, k: int) -> np.ndarray:
    """The rows of the ``k`` highest scores (ties by row on small arrays; on big ones only
    rows with a positive score, the ones sharing a term, are ranked)."""
    if len(scores) <= PARTIAL_SORT_ROWS or k >= len(scores):
        return np.argsort(-scores, kind="stable")[:k]
    rows = np.flatnonzero(scores > 0)
    if len(rows) > k:
        rows = rows[np.argpartition(-scores[rows], k - 1)[:k]]
    return rows[np.lexsort((rows, -scores[rows]))]


class KeywordIndex:
    """BM25 over chunks: a bm25s segment plus chunks added since it was built.

    Scores follow bm25s' Lucene variant, ``idf(t) * tf / (tf + k1 * (1 - b + b * len / avglen))``
    summed over the query's tokens (repeats count). The recent segment uses the
    statistics of both segments; the bm25s segment keeps those it was built with
    until it is rebuilt.

    Args:
        base: the bm25s index (None when empty).
        rows: the chunk id of each bm25s document, ascending.
        avg_length: the mean token count of the bm25s documents.
    """

    def __init__(self, base, rows: np.ndarray, avg_length: float):
        self._base = base
        self._rows = np.asarray(rows, dtype=np.int64)
        self._avg = float(avg_length)
        self._mask = np.ones(len(self._rows), dtype=np.float32)
        self._removed = 0
        #: the document frequency of each bm25s vocabulary id (columns of its CSC matrix)
        self._df = np.diff(np.asarray(base.scores["indptr"])) if base is not None else np.zeros(0, np.int64)
        self._vocab: dict[str, int] = base.vocab_dict if base is not None else {}
        #: the recent segment: term -> {chunk id: tf}, and each chunk's token count
        self._postings: dict[str, dict[int, int]] = {}
        self._lengths: dict[int, int] = {}

    # ------------------------------------------------------------ building
    @classmethod
    def build(cls, rows: Iterable[int], documents: list[list[str]]) -> "KeywordIndex":
        """A bm25s index of token lists.

        Args:
            rows: the chunk id of each token list, ascending.
            documents: one token list per chunk.
        Returns:
            The index.
        """
        import bm25s  # noqa: PLC0415 - imports scipy

        rows = np.fromiter(rows, dtype=np.int64)
        if not len(rows):
            return cls(None, rows, 0.0)
        base = bm25s.BM25(k1=BM25_K1, b=BM25_B, method="lucene")
        base.index(documents, show_progress=False)
        return cls(base, rows, float(np.mean([len(d) for d in documents])))

    def save(self, folder: Path) -> None:
        """Write the bm25s segment (which must hold every chunk: no recent ones, none removed)."""
        if self._postings or self._removed:
            raise ValueError("only a freshly built keyword index can be saved")
        folder.mkdir(parents=True, exist_ok=True)
        if self._base is not None:
            self._base.save(str(folder), show_progress=False)
        np.save(folder / ROWS_FILE, self._rows, allow_pickle=False)
        (folder / STATS_FILE).write_text(json.dumps({"avg_length": self._avg, "rows": len(self._rows)}),
                                         encoding="utf-8")

    @classmethod
    def load(cls, folder: Path, mmap: bool = True) -> "KeywordIndex":
        """Read a saved index, its score arrays memory-mapped.

        Raises:
            ValueError: the files are missing or inconsistent.
        """
        import bm25s  # noqa: PLC0415

        try:
            stats = json.loads((folder / STATS_FILE).read_text(encoding="utf-8"))
            rows = np.load(folder / ROWS_FILE, allow_pickle=False)
            base = None
            if len(rows):
                base = bm25s.BM25.load(str(folder), mmap=mmap, show_progress=False, verbosity=0)
        except (OSError, KeyError, json.JSONDecodeError) as exc:
            raise ValueError(f"keyword index files are unreadable ({exc})") from None
        if stats.get("rows") != len(rows) or (base is not None and base.scores["num_docs"] != len(rows)):
            raise ValueError("keyword index files disagree on the number of chunks")
        return cls(base, rows, float(stats.get("avg_length", 0.0)))

    # ------------------------------------------------------------ changes
    def add(self, chunk_id: int, tokens: list[str]) -> None:
        """Add one chunk to the recent segment."""
        for term, tf in Counter(tokens).items():
            self._postings.setdefault(term, {})[chunk_id] = tf
        self._lengths[chunk_id] = len(tokens)

    def remove(self, chunk_id: int) -> None:
        """Remove one chunk (masked in the bm25s segment, dropped from the recent one)."""
        if chunk_id in self._lengths:
            del self._lengths[chunk_id]
            for postings in self._postings.values():
                postings.pop(chunk_id, None)
            return
        row = int(np.searchsorted(self._rows, chunk_id))
        if row < len(self._rows) and self._rows[row] == chunk_id and self._mask[row]:
            self._mask[row] = 0.0
            self._removed += 1

    @property
    def recent(self) -> int:
        """Chunks in the recent segment (added since the bm25s segment was built)."""
        return len(self._lengths)

    @property
    def size(self) -> int:
        """Chunks searchable."""
        return len(self._rows) - self._removed + len(self._lengths)

    # ------------------------------------------------------------ search
    def _document_frequency(self, term: str) -> int:
        vid = self._vocab.get(term)
        base = int(self._df[vid]) if vid is not None else 0
        return base + len(self._postings.get(term, ()))

    def idf(self, term: str) -> float:
        """Inverse document frequency of a term (the highest value for unseen terms)."""
        return bm25_idf(max(self.size, 1), self._document_frequency(term))

    def search(self, tokens: list[str], k: int) -> list[tuple[int, float]]:
        """The ``k`` best chunks for query tokens, best first (only chunks sharing a token).

        Args:
            tokens: query tokens (repeats count).
            k: how many.
        Returns:
            (chunk id, score); ties by chunk id.
        """
        found: dict[int, float] = {}
        if self._base is not None:
            ids = [self._vocab[t] for t in tokens if t in self._vocab]
            if ids:
                scores = self._base.get_scores_from_ids(ids, weight_mask=self._mask if self._removed else None)
                best = top_rows(scores, k)
                found.update((int(self._rows[i]), float(scores[i])) for i in best if scores[i] > 0)
        if self._lengths:
            n = max(self.size, 1)
            avg = self._avg or float(np.mean(list(self._lengths.values())))
            recent: dict[int, float] = {}
            for term, qtf in Counter(tokens).items():
                postings = self._postings.get(term)
                if not postings:
                    continue
                weight = qtf * bm25_idf(n, self._document_frequency(term))
                for chunk_id, tf in postings.items():
                    norm = BM25_K1 * (1 - BM25_B + BM25_B * self._lengths[chunk_id] / avg)
                    recent[chunk_id] = recent.get(chunk_id, 0.0) + weight * tf / (tf + norm)
            found.update(recent)
        return sorted(found.items(), key=lambda item: (-item[1], item[0]))[:k]
