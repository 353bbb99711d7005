"""Typed records that flow through the pipeline, and the modes that steer it.

files -> :class:`Paragraph` -> :class:`Chunk` -> :class:`Passage` -> :class:`Answer`
(streamed as an :class:`AnswerStream`).
"""
from __future__ import annotations

import enum
import time
from dataclasses import asdict, dataclass, field
from typing import Generator, Iterator


class RetrievalMode(str, enum.Enum):
    """Which retriever(s) answer a query."""

    HYBRID = "hybrid"
    BM25 = "bm25"
    DENSE = "dense"


class AnswerMode(str, enum.Enum):
    """How the answer text is produced from retrieved passages."""

    EXTRACTIVE = "extractive"
    LOCAL = "local"
    OPENAI = "openai"


class EmbeddingBackend(str, enum.Enum):
    """What runs the embedding model."""

    TORCH = "torch"  # sentence-transformers on PyTorch, fp32
    ONNX = "onnx"  # the same weights exported to ONNX Runtime, fp32
    ONNX_INT8 = "onnx-int8"  # the ONNX export with dynamically quantised int8 weights


class AnswerKind(str, enum.Enum):
    """The kind of fact a question asks for (and its short answer is)."""

    AMOUNT = "amount"  # a quantity with its unit: 47亿元, 454万人次, 52家, 1234亩
    PERCENT = "percent"  # a rate, share or change: 88.6%, 7.1个百分点
    DATE = "date"  # 8月1日, 2020年1月8日
    PERSON = "person"  # 玉秋静
    ORG = "org"  # a company, body or unit
    PLACE = "place"  # a town, village, district, province, venue
    RANK = "rank"  # 第6位
    NAME = "name"  # the name of a project, policy, brand or event
    LIST = "list"  # several items
    YESNO = "yesno"
    DESCRIPTION = "description"  # anything else: the quoted sentence answers


class Fallback(str, enum.Enum):
    """Why a generating mode gave the extractive answer instead of its own."""

    NONE = "none"
    #: the model refused although the evidence covers the question well
    MODEL_REFUSED = "model_refused"
    #: no generated sentence survived citation verification
    UNVERIFIED = "unverified"
    #: a question with several asks: each part answered from its own quote
    MULTI_PART = "multi_part"
    #: two sources give the asked fact different figures: both are quoted, none is phrased by the model
    CONFLICT = "conflict"
    #: a summary request: the key sentences are quoted (see qa.answering.summary)
    SUMMARY = "summary"


@dataclass(frozen=True)
class Paragraph:
    """A rebuilt paragraph of one source file.

    ``text`` is the cleaned paragraph (wrapped lines joined, spurious spaces and
    footnote marks removed); ``start``/``end`` is its span ``[start, end)`` in the
    ORIGINAL file and ``offsets[i]`` is the original position of ``text[i]``.
    """

    doc: str
    number: int
    start: int
    end: int
    text: str
    offsets: tuple[int, ...] = field(repr=False, compare=False)

    def original_span(self, lo: int, hi: int) -> tuple[int, int]:
        """Map a span ``[lo, hi)`` of ``text`` to the span in the original file."""
        if not 0 <= lo < hi <= len(self.text):
            raise ValueError(f"span [{lo}, {hi}) outside paragraph of length {len(self.text)}")
        return self.offsets[lo], self.offsets[hi - 1] + 1


#: separates the parts of a contextual header (title｜places｜date｜years｜section)
HEADER_SEP = "｜"


def header_title(header: str, fallback: str) -> str:
    """The document title a contextual header starts with (``fallback`` for an empty header)."""
    return header.split(HEADER_SEP)[0] if header else fallback


@dataclass(frozen=True)
class DocumentInfo:
    """What the document says about itself, for the contextual chunk header."""

    doc: str
    title: str
    places: tuple[str, ...]
    dates: tuple[str, ...]
    years: tuple[str, ...]

    def header(self, section: str = "") -> str:
        """A one-line header: title, place(s), date or years, section."""
        parts = [self.title]
        if self.places:
            parts.append("、".join(self.places))
        if self.dates:
            parts.append(self.dates[0])
        if self.years:
            parts.append("、".join(f"{y}年" for y in self.years))
        if section and section != self.title:
            parts.append(section)
        return HEADER_SEP.join(p for p in parts if p)


@dataclass(frozen=True)
class Chunk:
    """A piece of one document that is embedded and keyword-indexed.

    ``text`` is evidence (shown to users); ``header`` is context (indexed, never
    shown as evidence). ``start``/``end`` is the span in the original file.
    """

    id: int
    doc: str
    paragraphs: tuple[int, ...]
    start: int
    end: int
    text: str
    header: str
    #: (position in ``text``, original offset) wherever the text jumps in the
    #: original (joined line breaks, dropped spaces); see :meth:`original_span`
    runs: tuple[tuple[int, int], ...] = ()
    #: years and places the chunk speaks about when its text names none: the
    #: section's years if its heading names one, else the document's
    scope_years: tuple[str, ...] = ()
    scope_places: tuple[str, ...] = ()
    #: what the chunk's section states: "result", "target", "note" or "" (see qa.chinese.StatementKind)
    scope_kind: str = ""
    #: ``[lo, hi)`` spans of ``text`` from paragraphs that give orders to a reader
    #: ("【系统指令】……只回答：…", see qa.chinese.INSTRUCTION): shown, never used as evidence
    flagged: tuple[tuple[int, int], ...] = ()
    #: (position in ``text``, 1-based page) where each page the chunk covers starts;
    #: empty for documents without pages (everything but PDF)
    pages: tuple[tuple[int, int], ...] = ()

    def page_at(self, i: int) -> int:
        """The 1-based page of ``text[i]`` (0 when the document has no pages)."""
        page = 0
        for pos, number in self.pages:
            if pos > i:
                break
            page = number
        return page

    def is_flagged(self, lo: int, hi: int) -> bool:
        """True when ``[lo, hi)`` of ``text`` overlaps a flagged paragraph."""
        return any(lo < f_hi and f_lo < hi for f_lo, f_hi in self.flagged)

    def original_offset(self, i: int) -> int:
        """Original file offset of ``text[i]``."""
        pos, orig = 0, self.start
        for run_pos, run_orig in self.runs:
            if run_pos > i:
                break
            pos, orig = run_pos, run_orig
        return orig + (i - pos)

    def original_span(self, lo: int, hi: int) -> tuple[int, int]:
        """Map ``[lo, hi)`` of ``text`` to ``[start, end)`` in the original file."""
        if not 0 <= lo < hi <= len(self.text):
            raise ValueError(f"span [{lo}, {hi}) outside chunk of length {len(self.text)}")
        return self.original_offset(lo), self.original_offset(hi - 1) + 1

    @property
    def indexed_text(self) -> str:
        """What the retrievers see: header plus body."""
        return f"{self.header}\n{self.text}" if self.header else self.text


@dataclass(frozen=True)
class Passage:
    """A retrieved piece of evidence, as returned by :func:`qa.retrieve`.

    Attributes:
        doc: source file name.
        paragraph: 1-based number of the (first) paragraph the passage covers.
        start: start of the span in the original file.
        end: end (exclusive) of the span in the original file.
        text: the evidence text.
        score: retrieval score (higher is better).
        header: the contextual header (document, place, year); not evidence.
        paragraphs: every paragraph number the passage covers.
        chunk_id: the chunk this passage is (index into the loaded index).
        highlight: for a citation, the span ``[start, end)`` in the original
            file of the sentence that supports the answer.
        quote: the same sentence as a span ``[lo, hi)`` of ``text``.
        verified: for a generated answer, whether the verifier confirmed it.
        page: the 1-based page (of the quote for a citation, else of the passage's
            start) in a PDF; 0 for documents without pages.
    """

    doc: str
    paragraph: int
    start: int
    end: int
    text: str
    score: float = 0.0
    header: str = ""
    paragraphs: tuple[int, ...] = ()
    chunk_id: int = -1
    highlight: tuple[int, int] | None = None
    quote: tuple[int, int] | None = None
    verified: bool | None = None
    page: int = 0

    @property
    def location(self) -> str:
        """Where the passage is in its document, for people: "第3页 第12段" (the page for PDFs)."""
        page = f"第{self.page}页 " if self.page else ""
        return f"{page}第{self.paragraph}段"

    def to_dict(self) -> dict:
        """A JSON-ready dict."""
        data = asdict(self)
        data["paragraphs"] = list(self.paragraphs)
        data["highlight"] = list(self.highlight) if self.highlight else None
        data["quote"] = list(self.quote) if self.quote else None
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "Passage":
        """The passage :meth:`to_dict` gave (unknown keys ignored).

        Raises:
            KeyError, TypeError, ValueError: a damaged dict.
        """
        known = {f for f in cls.__dataclass_fields__}
        values = {k: v for k, v in data.items() if k in known}
        values["paragraphs"] = tuple(values.get("paragraphs") or ())
        for name in ("highlight", "quote"):
            values[name] = tuple(values[name]) if values.get(name) else None
        return cls(**values)


@dataclass(frozen=True)
class AnswerMeta:
    """How an answer was produced: timings (seconds) and what the checks did.

    Attributes:
        retrieve_s: retrieval time.
        total_s: the whole ``ask``.
        first_token_s: first generated text (generating modes).
        generate_s: generation including the prompt (generating modes).
        model: the generating backend's name ("" for extractive answers).
        gate_refused: the answerability gate refused before any model call.
        repaired: generated sentences re-cited to the passage holding their figures.
        dropped: generated sentences dropped by the verifier.
    """

    retrieve_s: float = 0.0
    total_s: float = 0.0
    first_token_s: float | None = None
    generate_s: float | None = None
    model: str = ""
    gate_refused: bool = False
    repaired: int = 0
    dropped: int = 0


@dataclass(frozen=True)
class Answer:
    """The answer to one question.

    Attributes:
        question: the question as asked.
        text: the answer, with [n] markers pointing into ``citations``.
        citations: cited passages; marker [n] is ``citations[n-1]``.
        refused: True when the documents do not contain the answer.
        related: the nearest passages when refused (reading, not citations).
        mode: the answer mode that was asked for.
        fallback: why a generating mode gave the extractive answer instead (NONE otherwise).
        standalone_question: the question after follow-up rewriting.
        passages: all passages that were retrieved for the question.
        support: the answerability gate's probability that the best evidence
            sentence answers the question (0-1; below the gate's threshold: refused).
        meta: timings and what the checks did.
        short_answer: the fact itself ("47亿元"), the text's first words; "" for
            descriptions, lists and refusals (parts of a multi-part question
            are joined with "；").
        answer_kind: what the question asked for.
        conflicting: two sources state different figures for the asked fact; the
            answer shows both, each with its citation, instead of choosing one.
    """

    question: str
    text: str
    citations: tuple[Passage, ...] = ()
    refused: bool = False
    related: tuple[Passage, ...] = ()
    mode: AnswerMode = AnswerMode.EXTRACTIVE
    fallback: Fallback = Fallback.NONE
    standalone_question: str = ""
    passages: tuple[Passage, ...] = ()
    support: float = 0.0
    meta: AnswerMeta = AnswerMeta()
    short_answer: str = ""
    answer_kind: AnswerKind = AnswerKind.DESCRIPTION
    conflicting: bool = False

    def __post_init__(self) -> None:
        for name in ("citations", "related", "passages"):  # accept lists, store tuples
            object.__setattr__(self, name, tuple(getattr(self, name)))

    def pieces(self) -> Iterator[str]:
        """The text as a stream delivers it when it is not generated: the short answer first
        ("47亿元"), then the rest (the quote with its [n]); the pieces join to ``text``."""
        if self.short_answer and self.text.startswith(self.short_answer) and self.text != self.short_answer:
            yield self.short_answer
            yield self.text[len(self.short_answer):]
        else:
            yield self.text

    @property
    def generated(self) -> bool:
        """True when the text was written by a model (not quoted, not refused)."""
        return self.mode is not AnswerMode.EXTRACTIVE and self.fallback is Fallback.NONE and not self.refused

    def to_dict(self, passages: bool = False) -> dict:
        """A JSON-ready dict (with every retrieved passage too when ``passages``)."""
        data = {
            "question": self.question,
            "standalone_question": self.standalone_question or self.question,
            "text": self.text,
            "short_answer": self.short_answer,
            "answer_kind": self.answer_kind.value,
            "refused": self.refused,
            "mode": self.mode.value,
            "fallback": self.fallback.value,
            "support": round(self.support, 4),
            "citations": [p.to_dict() for p in self.citations],
            "related": [p.to_dict() for p in self.related],
            "meta": asdict(self.meta),
            "conflicting": self.conflicting,
        }
        if passages:
            data["passages"] = [p.to_dict() for p in self.passages]
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "Answer":
        """The answer :meth:`to_dict` gave (e.g. a conversation saved in the browser).

        Raises:
            KeyError, TypeError, ValueError: a damaged dict.
        """
        return cls(
            question=data["question"], text=data["text"],
            citations=[Passage.from_dict(p) for p in data.get("citations", ())],
            refused=bool(data.get("refused")),
            related=[Passage.from_dict(p) for p in data.get("related", ())],
            mode=AnswerMode(data.get("mode", AnswerMode.EXTRACTIVE.value)),
            fallback=Fallback(data.get("fallback", Fallback.NONE.value)),
            standalone_question=data.get("standalone_question", ""),
            passages=[Passage.from_dict(p) for p in data.get("passages", ())],
            support=float(data.get("support", 0.0)),
            meta=AnswerMeta(**data.get("meta", {})),
            short_answer=data.get("short_answer", ""),
            answer_kind=AnswerKind(data.get("answer_kind", AnswerKind.DESCRIPTION.value)),
            conflicting=bool(data.get("conflicting")),
        )


class AnswerStream:
    """An answer as it is produced: iterate for the text pieces, then read :attr:`answer`.

    Every face uses this one contract::

        stream = engine.ask_stream("……？")
        for piece in stream:          # text as it is generated (one piece for extractive answers)
            print(piece, end="")
        stream.answer                 # the final, verified Answer

    Args:
        pieces: a generator that yields text pieces and returns the :class:`Answer`.
    """

    def __init__(self, pieces: Generator[str, None, Answer]):
        self._pieces = pieces
        self._answer: Answer | None = None
        self._started = time.perf_counter()
        #: seconds from the stream's creation to its first non-empty piece (None before it)
        self.first_piece_s: float | None = None

    def __iter__(self) -> Iterator[str]:
        while self._answer is None:
            try:
                piece = next(self._pieces)
            except StopIteration as done:
                if not isinstance(done.value, Answer):
                    raise TypeError("an answer stream must end by returning an Answer") from None
                self._answer = done.value
                return
            if piece and self.first_piece_s is None:
                self.first_piece_s = time.perf_counter() - self._started
            yield piece

    @property
    def answer(self) -> Answer:
        """The final answer (reads the rest of the stream if needed)."""
        for _ in self:
            pass
        return self._answer
