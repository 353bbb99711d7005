"""The Q&A evaluation set: loading and mechanical validation.

One JSON object per line::

    {"id": "a001", "question": "...", "answer": "302.4亿元" | ["item", ...],
     "aliases": ["302.4 亿元"] | [["alt of item 1"], []], "docs": ["file.txt"],
     "evidence": ["exact quote", ...], "type": "fact", "split": "dev"}

``answer`` is a list for ``list`` and ``multi_part`` rows (one item per list
entry or per part, with one alias list each); ``unanswerable`` rows have
``answer`` "无法回答", no docs or evidence, and may say which ``kind`` of near
miss they are with the ``near`` quote that makes them tempting. ``split``
(``dev`` or ``test``) is fixed per row: thresholds, weights and models are
chosen on ``dev`` only and results are reported on ``test``.
"""
from __future__ import annotations

import enum
import json
from dataclasses import dataclass
from pathlib import Path

from ..chinese import squash
from ..errors import EvalSetError


class QType(str, enum.Enum):
    """Question types of the evaluation set."""

    FACT = "fact"
    PARAPHRASE = "paraphrase"
    MULTI_DOC = "multi_doc"
    LIST = "list"
    SCOPE = "scope"
    MULTI_PART = "multi_part"
    UNANSWERABLE = "unanswerable"


class NearMiss(str, enum.Enum):
    """Why an unanswerable question looks answerable."""

    WRONG_YEAR = "wrong_year"  # the figure exists for another year, or only as a target or estimate
    WRONG_PLACE = "wrong_place"  # the figure exists for another place or level
    EXACT_VALUE = "exact_value"  # an exact value is asked where only a share, rate or rank is stated
    ABSENT = "absent"  # the entity or attribute is never stated


class Split(str, enum.Enum):
    """The fixed halves of the evaluation set."""

    DEV = "dev"
    TEST = "test"


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
    split: Split | None = None
    kind: NearMiss | None = None
    near: str = ""
    #: the answer is worked out from the quoted figures (a difference, the larger of two), not quoted
    computed: bool = False

    @property
    def answerable(self) -> bool:
        """False for unanswerable questions."""
        return self.type is not QType.UNANSWERABLE


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
    if qtype in (QType.LIST, QType.MULTI_PART):
        if not isinstance(answer, list) or len(answer) < 2 or not all(isinstance(a, str) and a for a in answer):
            raise fail("answer", f"a {qtype.value} question needs a list of at least two item strings")
        if not isinstance(aliases, list) or len(aliases) != len(answer) or not all(
                isinstance(a, list) and all(isinstance(x, str) for x in a) for a in aliases):
            raise fail("aliases", f"a {qtype.value} question needs one list of alternatives per item")
        items = tuple((a, *alts) for a, alts in zip(answer, aliases))
    else:
        if not isinstance(answer, str) or not answer.strip():
            raise fail("answer", "must be a non-empty string")
        if not isinstance(aliases, list) or not all(isinstance(x, str) for x in aliases):
            raise fail("aliases", "must be a list of strings")
        items = ((answer, *aliases),)
    split = None
    if "split" in row:
        try:
            split = Split(row["split"])
        except ValueError:
            raise fail("split", f"{row['split']!r} is not one of {', '.join(x.value for x in Split)}") from None
    kind, near = None, row.get("near", "")
    if not isinstance(near, str):
        raise fail("near", "must be a string")
    if qtype is QType.UNANSWERABLE:
        if row["docs"] or row["evidence"]:
            raise fail("evidence", "an unanswerable question has no docs and no evidence")
        if "kind" in row:
            try:
                kind = NearMiss(row["kind"])
            except ValueError:
                raise fail("kind", f"{row['kind']!r} is not one of {', '.join(x.value for x in NearMiss)}") from None
    elif "kind" in row or near:
        raise fail("kind", "only unanswerable questions have a near-miss kind and quote")
    else:
        if not row["docs"]:
            raise fail("docs", "an answerable question names its source document(s)")
        if not 1 <= len(row["evidence"]) <= 3:
            raise fail("evidence", "an answerable question needs 1 to 3 quotes")
    computed = row.get("computed", False)
    if not isinstance(computed, bool) or (computed and len(row["evidence"]) < 2):
        raise fail("computed", "must be true or false; a computed answer is worked out from at least two quotes")
    return Question(
        id=row["id"], question=row["question"].strip(), items=items, docs=tuple(row["docs"]),
        evidence=tuple(row["evidence"]), type=qtype, line=number, split=split, kind=kind, near=near,
        computed=computed,
    )


def select(questions: list[Question], split: str) -> list[Question]:
    """The questions of one split (``dev``, ``test``) or all of them (``all``).

    Raises:
        EvalSetError: the split is unknown or has no question in this set.
    """
    if split == "all":
        return list(questions)
    try:
        wanted = Split(split)
    except ValueError:
        raise EvalSetError(f"unknown split {split!r}: use dev, test or all") from None
    chosen = [q for q in questions if q.split is wanted]
    if not chosen:
        raise EvalSetError(f"the evaluation set has no question in split {split!r} (rows need a \"split\" field)")
    return chosen


def validate_against_corpus(questions: list[Question], corpus: dict[str, str]) -> list[str]:
    """Check quotes and answers against the documents.

    Every quote must occur in one of its documents and every answer item in
    the evidence or a document (both whitespace-insensitive), unless the answer
    is computed from the quotes (``"computed": true``: "多了多少", "哪个更快").

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
        if q.near and not any(squash(q.near) in t for t in squashed.values()):
            problems.append(f"line {q.line} ({q.id}): near-miss quote not in any document: {q.near[:30]}")
        texts = [squashed[d] for d in q.docs]
        for quote in q.evidence:
            if not any(squash(quote) in t for t in texts):
                problems.append(f"line {q.line} ({q.id}): quote not in its documents: {quote[:30]}")
        if q.answerable and not q.computed:
            evidence = "".join(squash(e) for e in q.evidence)
            for item in q.items:
                if squash(item[0]) not in evidence and not any(squash(item[0]) in t for t in texts):
                    problems.append(f"line {q.line} ({q.id}): answer {item[0]!r} not in evidence or documents")
    return problems
