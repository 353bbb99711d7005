"""The Q&A evaluation set: loading and mechanical validation.

One JSON object per line::

    {"id": "a001", "question": "...", "answer": "302.4亿元" | ["item", ...],
     "aliases": ["302.4 亿元"] | [["alt of item 1"], []], "docs": ["file.txt"],
     "evidence": ["exact quote", ...], "type": "fact"}

``answer`` is a list for ``type == "list"`` (with one alias list per item);
``unanswerable`` rows have ``answer`` "无法回答" and no docs or evidence.
"""
from __future__ import annotations

import enum
import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .paragraphs import squash


class QType(str, enum.Enum):
    """Question types of the evaluation set."""

    FACT = "fact"
    PARAPHRASE = "paraphrase"
    MULTI_DOC = "multi_doc"
    LIST = "list"
    SCOPE = "scope"
    UNANSWERABLE = "unanswerable"


class EvalSetError(ValueError):
    """A row of the evaluation set is malformed (the message names line and field)."""


@dataclass(frozen=True)
class Question:
    """One row of the evaluation set."""

    id: str
    question: str
    items: tuple[tuple[str, ...], ...]  # each gold item with its accepted forms
    docs: tuple[str, ...]
    evidence: tuple[str, ...]
    type: QType
    line: int

    @property
    def answerable(self) -> bool:
        """False for unanswerable questions."""
        return self.type is not QType.UNANSWERABLE


def normalize(text: str) -> str:
    """The form answers are compared in: NFKC, lower case, no whitespace."""
    return squash(unicodedata.normalize("NFKC", text)).lower()


def load_set(path: Path) -> list[Question]:
    """Read and validate an evaluation set.

    Args:
        path: a JSONL file.
    Returns:
        The questions.
    Raises:
        EvalSetError: naming the line and field of the first problem.
    """
    if not path.is_file():
        raise EvalSetError(f"evaluation set {path} does not exist")
    questions: list[Question] = []
    seen: set[str] = set()
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError as exc:
                raise EvalSetError(f"{path}, line {number}: not valid JSON ({exc})") from None
            questions.append(_parse(row, number, path, seen))
    if not questions:
        raise EvalSetError(f"evaluation set {path} has no questions")
    return questions


def _parse(row: object, number: int, path: Path, seen: set[str]) -> Question:
    def fail(field: str, problem: str) -> EvalSetError:
        return EvalSetError(f"{path}, line {number}: field {field!r}: {problem}")

    if not isinstance(row, dict):
        raise EvalSetError(f"{path}, line {number}: a row must be a JSON object")
    for field in ("id", "question", "answer", "aliases", "docs", "evidence", "type"):
        if field not in row:
            raise fail(field, "missing")
    if not isinstance(row["id"], str) or not row["id"]:
        raise fail("id", "must be a non-empty string")
    if row["id"] in seen:
        raise fail("id", f"duplicate id {row['id']!r}")
    seen.add(row["id"])
    if not isinstance(row["question"], str) or not row["question"].strip():
        raise fail("question", "must be a non-empty string")
    try:
        qtype = QType(row["type"])
    except ValueError:
        raise fail("type", f"{row['type']!r} is not one of {', '.join(t.value for t in QType)}") from None
    for field in ("docs", "evidence"):
        if not isinstance(row[field], list) or not all(isinstance(x, str) and x for x in row[field]):
            raise fail(field, "must be a list of non-empty strings")
    answer, aliases = row["answer"], row["aliases"]
    if qtype is QType.LIST:
        if not isinstance(answer, list) or len(answer) < 2 or not all(isinstance(a, str) and a for a in answer):
            raise fail("answer", "a list question needs a list of at least two item strings")
        if not isinstance(aliases, list) or len(aliases) != len(answer) or not all(
                isinstance(a, list) and all(isinstance(x, str) for x in a) for a in aliases):
            raise fail("aliases", "a list question needs one list of alternatives per item")
        items = tuple((a, *alts) for a, alts in zip(answer, aliases))
    else:
        if not isinstance(answer, str) or not answer.strip():
            raise fail("answer", "must be a non-empty string")
        if not isinstance(aliases, list) or not all(isinstance(x, str) for x in aliases):
            raise fail("aliases", "must be a list of strings")
        items = ((answer, *aliases),)
    if qtype is QType.UNANSWERABLE:
        if row["docs"] or row["evidence"]:
            raise fail("evidence", "an unanswerable question has no docs and no evidence")
    else:
        if not row["docs"]:
            raise fail("docs", "an answerable question names its source document(s)")
        if not 1 <= len(row["evidence"]) <= 3:
            raise fail("evidence", "an answerable question needs 1 to 3 quotes")
    return Question(
        id=row["id"], question=row["question"].strip(), items=items, docs=tuple(row["docs"]),
        evidence=tuple(row["evidence"]), type=qtype, line=number,
    )


def validate_against_corpus(questions: list[Question], corpus: dict[str, str]) -> list[str]:
    """Check quotes and answers against the documents.

    Every quote must occur in one of its documents and every answer item in
    the evidence or a document (both whitespace-insensitive).

    Args:
        questions: the loaded set.
        corpus: document name -> original text.
    Returns:
        One message per problem (empty when the set is valid).
    """
    squashed = {name: squash(text) for name, text in corpus.items()}
    problems: list[str] = []
    for q in questions:
        missing = [d for d in q.docs if d not in squashed]
        if missing:
            problems.append(f"line {q.line} ({q.id}): unknown document(s) {missing}")
            continue
        texts = [squashed[d] for d in q.docs]
        for quote in q.evidence:
            if not any(squash(quote) in t for t in texts):
                problems.append(f"line {q.line} ({q.id}): quote not in its documents: {quote[:30]}")
        if q.answerable:
            evidence = "".join(squash(e) for e in q.evidence)
            for item in q.items:
                if squash(item[0]) not in evidence and not any(squash(item[0]) in t for t in texts):
                    problems.append(f"line {q.line} ({q.id}): answer {item[0]!r} not in evidence or documents")
    return problems
