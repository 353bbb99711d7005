"""Words people type -> the words the documents use (a small documented table).

``qa/data/synonyms.tsv`` maps everyday words ("挣", "GDP", "老百姓") to the
reports' terms ("收入", "地区生产总值", "群众 居民"). :func:`expand` appends the
document terms of every everyday word a question contains, so that keyword
retrieval and the answer's term matching find the paragraph a paraphrase means.
The question itself (what is shown and what its scope is read from) is unchanged.
"""
from __future__ import annotations

import functools
from pathlib import Path

SYNONYMS_FILE = Path(__file__).resolve().parent / "data" / "synonyms.tsv"


@functools.lru_cache(maxsize=4)
def load_table(path: Path = SYNONYMS_FILE) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The table: (everyday word, document terms), longest word first."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or "\t" not in line:
            continue
        word, terms = line.split("\t", 1)
        rows.append((word.strip(), tuple(terms.split())))
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


#: what :func:`expand` puts around the document terms it appends
ADDED_OPEN, ADDED_CLOSE = "（", "）"


def asked(question: str) -> str:
    """The question without the document terms :func:`expand` appended to it."""
    if question.endswith(ADDED_CLOSE) and ADDED_OPEN in question:
        return question[:question.rindex(ADDED_OPEN)]
    return question


def expand(question: str, path: Path = SYNONYMS_FILE) -> str:
    """The question with the document terms of its everyday words appended ("" added when none).

    Args:
        question: the question as typed.
        path: the table.
    Returns:
        ``question`` or ``question + "（" + terms + "）"``.
    """
    added: list[str] = []
    for word, terms in load_table(path):
        if word in question:
            added.extend(t for t in terms if t not in question and t not in added)
    return f"{question}{ADDED_OPEN}{' '.join(added)}{ADDED_CLOSE}" if added else question


def full_forms(word: str, path: Path = SYNONYMS_FILE) -> tuple[str, ...]:
    """The table's document terms that spell ``word`` out ("规上" -> "规模以上"): longer by more than
    one character and holding each of its characters.

    Args:
        word: a word of a question.
        path: the table.
    Returns:
        The fuller forms (empty when the table has none).
    """
    return tuple(t for everyday, terms in load_table(path) if everyday == word for t in terms
                 if len(t) > len(word) + 1 and all(ch in t for ch in word))

