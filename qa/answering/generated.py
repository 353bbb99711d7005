"""Generated answers from an LLM, grounded in the retrieved evidence and verified.

Flow for one question: the extractive answerer's gate (no model call when the
documents clearly lack the answer), a prompt with the best evidence sentences
numbered [1]..[n], streaming generation, the model's own refusal, then citation
verification (:mod:`qa.answering.verify`). When nothing verified remains, the
extractive answer is returned instead, marked with its :class:`~qa.records.Fallback`.
"""
from __future__ import annotations

import dataclasses
import logging
import time
from dataclasses import dataclass, replace
from typing import Generator, Sequence

from ..chinese import normalize, split_sentences
from ..llm.backends import ChatBackend
from ..llm.prompts import MODEL_REFUSAL, answer_messages, rewrite_messages
from ..records import Answer, AnswerMeta, AnswerMode, Chunk, Fallback, Passage, header_title
from .extractive import Evidence, ExtractiveAnswerer, quoted, refusal
from .verify import supporting_sentence, verify

log = logging.getLogger(__name__)

#: evidence sentences given to the model; few and short keep the prompt small
#: enough for a first token within about 2 s on 2 cores (measured, README)
PROMPT_SNIPPETS = 3
#: longest evidence sentence given to the model (characters)
SNIPPET_CHARS = 120
#: most tokens of a rewritten follow-up question: the longest standalone
#: questions of the Q&A set are about 40 characters, which Qwen's tokenizer
#: writes in 30-45 tokens; 60 leaves room without letting a rambling reply run on
REWRITE_MAX_TOKENS = 60
#: a rewritten question shorter than this is not a question (e.g. "是的。")
REWRITE_MIN_CHARS = 4
#: a rewrite longer than this many times the longer of the two inputs is the
#: model answering or explaining instead of rewriting; it is discarded
REWRITE_MAX_GROWTH = 3


@dataclass(frozen=True)
class Snippet:
    """One numbered piece of evidence in the prompt."""

    passage: Passage
    lo: int
    hi: int
    label: str

    def as_passage(self) -> Passage:
        """What the model sees: the snippet under a short label (title, place, years)."""
        return replace(self.passage, text=self.passage.text[self.lo:self.hi], header=self.label)


def short_label(passage: Passage, chunk: Chunk) -> str:
    """《title》 place years: the context the model needs, in few tokens."""
    title = header_title(passage.header, passage.doc)
    years = " ".join(f"{y}年" for y in chunk.scope_years)
    return " ".join(part for part in (f"《{title}》", "、".join(chunk.scope_places), years) if part.strip("《》"))


def snippets(ranked: Sequence[Evidence], chunks: Sequence[Chunk], floor: float = 0.0) -> list[Snippet]:
    """The best evidence sentences for the prompt, best first: the model only phrases what
    the gate allowed (a sentence below it confused the 0.5B model into "无法回答").

    Args:
        ranked: the extractive answerer's evidence, best first.
        chunks: the index's chunks (for each snippet's place and years).
        floor: the gate's threshold; sentences below it are left out (the best one always stays).
    Returns:
        At most ``PROMPT_SNIPPETS`` distinct sentences.
    """
    chosen: list[Snippet] = []
    seen: set[str] = set()
    for ev in ranked:
        if chosen and ev.probability < floor:
            break
        if ev.text in seen:
            continue
        seen.add(ev.text)
        hi = min(ev.hi, ev.lo + SNIPPET_CHARS)
        passage = ev.passage
        chosen.append(Snippet(passage, ev.lo, hi, short_label(passage, chunks[passage.chunk_id])))
        if len(chosen) >= PROMPT_SNIPPETS:
            break
    return chosen


class GroundedGenerator:
    """Answer from numbered evidence with an LLM; verify every citation.

    The model only phrases what the answerability gate allowed: it is called only
    when the gate found an answering sentence, and its own refusal ("无法回答") then
    gives the extractive answer instead (``Fallback.MODEL_REFUSED``).

    Args:
        backend: the chat backend.
        mode: the answer mode this generator serves (local or openai).
        max_tokens: most tokens of a generated answer.
    """

    def __init__(self, backend: ChatBackend, mode: AnswerMode, max_tokens: int = 160):
        if mode is AnswerMode.EXTRACTIVE:
            raise ValueError("the extractive mode does not generate")
        if max_tokens < 1:
            raise ValueError(f"max_tokens must be at least 1, got {max_tokens}")
        self.backend = backend
        self.mode = mode
        self.max_tokens = max_tokens

    def stream(self, question: str, passages: Sequence[Passage], evidence: Sequence[Evidence], gate: Answer,
               answerer: ExtractiveAnswerer) -> Generator[str, None, Answer]:
        """Yield the generated text as it comes; return the verified :class:`Answer`.

        Args:
            question: the standalone question.
            passages: the retrieved passages.
            evidence: the answerer's evidence for them, best first.
            gate: the extractive answer to the same evidence (a refusal stops here; it is also the fallback).
            answerer: the extractive answerer (its chunks, tokenizer and places, for verification).
        """
        started = time.perf_counter()
        if gate.refused:
            answer = refusal(question, passages, self.mode, gate.support, AnswerMeta(gate_refused=True))
            yield answer.text
            return answer
        if gate.conflicting:  # the reader sees both figures with their sources, not the model's pick
            answer = replace(gate, mode=self.mode, fallback=Fallback.CONFLICT)
            yield answer.text
            return answer
        chosen = snippets(evidence, answerer.chunks, answerer.gate.threshold)
        text = ""
        first = None
        for piece in self.backend.stream(answer_messages(question, [s.as_passage() for s in chosen]),
                                         self.max_tokens):
            if first is None:
                first = time.perf_counter() - started
            text += piece
            yield piece
        meta = AnswerMeta(first_token_s=first, generate_s=time.perf_counter() - started, model=self.backend.name)
        return self._settle(question, text, chosen, passages, gate, answerer, meta)

    def _settle(self, question: str, text: str, chosen: list[Snippet], passages: Sequence[Passage],
                gate: Answer, answerer: ExtractiveAnswerer, meta: AnswerMeta) -> Answer:
        if normalize(text).startswith(MODEL_REFUSAL) or not text.strip():
            # the gate found an answering sentence: quote it rather than trust the small model's refusal
            return replace(gate, mode=self.mode, fallback=Fallback.MODEL_REFUSED, meta=meta)
        checked = verify(text, [s.passage for s in chosen], answerer.tokenizer,
                         [(answerer.chunks[s.passage.chunk_id].scope_years, answerer.chunks[s.passage.chunk_id].scope_places)
                          for s in chosen], answerer.places)
        meta = dataclasses.replace(meta, repaired=checked.repaired, dropped=len(checked.dropped))
        if not checked.ok:
            log.info("no verified sentence in %r; using the extractive answer", text)
            return replace(gate, mode=self.mode, fallback=Fallback.UNVERIFIED, meta=meta)
        citations = []
        sentences = [checked.text[lo:hi] for lo, hi in split_sentences(checked.text)]
        for marker, passage in enumerate(checked.citations, start=1):
            claim = " ".join(s for s in sentences if f"[{marker}]" in s)
            lo, hi = supporting_sentence(claim, passage)
            citations.append(replace(quoted(passage, answerer.chunks[passage.chunk_id], lo, hi), verified=True))
        return Answer(question=question, text=checked.text, citations=citations, refused=False, mode=self.mode,
                      passages=passages, support=gate.support, meta=meta)

    def rewrite(self, question: str, previous: str) -> str:
        """A standalone form of a follow-up question, written by the model ("" when unusable)."""
        text = "".join(self.backend.stream(rewrite_messages(question, previous), REWRITE_MAX_TOKENS)).strip()
        text = text.splitlines()[0].strip() if text else ""
        limit = REWRITE_MAX_GROWTH * max(len(previous), len(question))
        return text if REWRITE_MIN_CHARS <= len(text) <= limit else ""
