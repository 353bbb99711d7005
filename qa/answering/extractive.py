"""Extractive answers with citations (no LLM).

The answer is built from the best evidence sentences of the retrieved passages,
each followed by a marker [n] that points into the citation list. A sentence is
scored by how much of the question it covers (idf-weighted question terms found
in it, with the passage header counting for place and year context), whether it
holds the kind of fact asked for (a number, a date, a name), and the rank of its
passage. When even the best sentence covers too little of the question, the
answer is a refusal and the nearest passages are offered as related reading.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Sequence

from ..chinese import CLAUSE_END, DATE_FACT, INTENT_FACT, INTERROGATIVE, NUMBER_FACT, Scope, intent_of, split_sentences
from ..index.keyword import Tokenizer
from ..records import Answer, AnswerMeta, AnswerMode, Chunk, Passage

REFUSAL_TEXT = "抱歉，现有文档中没有找到这个问题的答案。"
#: the heading over the related reading a refusal offers
RELATED_NOTE = "最接近的段落（仅供参考，不构成答案）："

#: weight of a question term found only in the passage header (title, place,
#: year, section) rather than in the sentence itself
HEADER_MATCH_WEIGHT = 0.5
#: score added when a sentence holds the kind of fact the question asks for
TYPE_MATCH_BONUS = 0.25
#: score added for the passage rank: RANK_BONUS / (1 + rank)
RANK_BONUS = 0.15
#: a further sentence is added only when it scores at least this share of the
#: best one and covers question terms the first one does not
SECOND_SENTENCE_SHARE = 0.75
#: sentences longer than this are cut to the clauses around the matched terms
MAX_QUOTE_CHARS = 90
#: how many passages a refusal offers as related reading
RELATED_PASSAGES = 3
#: score and coverage factor for a sentence about another year or place than
#: the question pins (a 2020 target answering a 2019 question, a city figure
#: answering a district question)
SCOPE_MISMATCH_FACTOR = 0.5


@dataclass(frozen=True)
class Evidence:
    """One candidate evidence sentence."""

    passage_rank: int
    lo: int  # span in the passage text
    hi: int
    text: str
    coverage: float
    matched: frozenset[str]
    score: float


def question_terms(question: str, tokenizer: Tokenizer) -> set[str]:
    """The content terms of a question: interrogatives and one-character
    fragments (jieba splits around question words) removed."""
    stripped = INTERROGATIVE.sub(" ", question)
    return {t for t in tokenizer(stripped) if len(t) > 1 or t.isascii()}


class ExtractiveAnswerer:
    """Build a cited answer from the best evidence sentences.

    Args:
        tokenizer: the BM25 tokenizer (same terms as retrieval).
        idf: inverse document frequency of a term in the index.
        chunks: the index's chunks, to map quotes to original offsets.
        places: known place names (for the question's scope).
        refusal_threshold: refuse when the best sentence covers less of the question.
        max_sentences: most sentences in an answer.
    """

    def __init__(self, tokenizer: Tokenizer, idf: Callable[[str], float], chunks: Sequence[Chunk],
                 places: Sequence[str], refusal_threshold: float, max_sentences: int):
        if not 0.0 <= refusal_threshold <= 1.0:
            raise ValueError(f"refusal_threshold must be in [0, 1], got {refusal_threshold}")
        if max_sentences < 1:
            raise ValueError(f"max_sentences must be at least 1, got {max_sentences}")
        self.tokenizer = tokenizer
        self.idf = idf
        self.chunks = chunks
        self.places = tuple(places)
        self.refusal_threshold = refusal_threshold
        self.max_sentences = max_sentences

    def evidence(self, question: str, passages: list[Passage]) -> list[Evidence]:
        """All candidate sentences of the passages, best first."""
        terms = {t: self.idf(t) for t in question_terms(question, self.tokenizer)}
        total = sum(terms.values()) or 1.0
        intent = intent_of(question)
        fact = INTENT_FACT.get(intent)
        scope = Scope.of(question, self.places)
        found: list[Evidence] = []
        for rank, passage in enumerate(passages):
            chunk = self.chunks[passage.chunk_id]
            header_terms = set(self.tokenizer(passage.header))
            for lo, hi in split_sentences(passage.text):
                text = passage.text[lo:hi]
                tokens = set(self.tokenizer(text))
                matched = frozenset(t for t in terms if t in tokens)
                header_only = {t for t in terms if t not in tokens and t in header_terms}
                coverage = (sum(terms[t] for t in matched)
                            + HEADER_MATCH_WEIGHT * sum(terms[t] for t in header_only)) / total
                score = coverage + RANK_BONUS / (1 + rank)
                if fact is not None and fact.search(text):
                    score += TYPE_MATCH_BONUS
                if not scope.fits(text, chunk.scope_years, chunk.scope_places, self.places):
                    coverage *= SCOPE_MISMATCH_FACTOR
                    score *= SCOPE_MISMATCH_FACTOR
                found.append(Evidence(rank, lo, hi, text, coverage, matched, score))
        found.sort(key=lambda e: (-e.score, e.passage_rank, e.lo))
        return found

    def answer(self, question: str, passages: list[Passage], ranked: list[Evidence] | None = None) -> Answer:
        """Answer from the passages, or refuse.

        Args:
            question: the (standalone) question.
            passages: retrieved passages, best first.
            ranked: :meth:`evidence` for these passages, if already computed.
        Returns:
            The answer; ``refused`` when the evidence is too weak.
        """
        if ranked is None:
            ranked = self.evidence(question, passages)
        support = ranked[0].coverage if ranked else 0.0
        if support < self.refusal_threshold:
            return refusal(question, passages, support=support)
        chosen = [ranked[0]]
        covered = set(ranked[0].matched)
        for ev in ranked[1:]:
            if len(chosen) >= self.max_sentences:
                break
            if ev.score >= SECOND_SENTENCE_SHARE * ranked[0].score and not ev.matched <= covered \
                    and not _overlaps(ev, chosen):
                chosen.append(ev)
                covered |= ev.matched
        citations: list[Passage] = []
        parts: list[str] = []
        for ev in chosen:
            passage = passages[ev.passage_rank]
            lo, hi = _shorten(passage.text, ev, self.tokenizer)
            quote = passage.text[lo:hi]
            if lo > ev.lo:
                quote = "……" + quote
            if hi < ev.hi:
                quote += "……"
            marker = self._cite(citations, passage, lo, hi)
            parts.append(f"{quote}[{marker}]")
        return Answer(question=question, text="".join(parts), citations=citations,
                      refused=False, mode=AnswerMode.EXTRACTIVE, passages=passages, support=support)

    def _cite(self, citations: list[Passage], passage: Passage, lo: int, hi: int) -> int:
        """Add (or reuse) the citation for ``passage`` quoting ``[lo, hi)`` of its
        text; returns its 1-based marker."""
        for i, cited in enumerate(citations, start=1):
            if cited.chunk_id == passage.chunk_id:
                return i
        citations.append(quoted(passage, self.chunks[passage.chunk_id], lo, hi))
        return len(citations)


def quoted(passage: Passage, chunk: Chunk, lo: int, hi: int) -> Passage:
    """A copy of ``passage`` that quotes ``[lo, hi)`` of its text, with the
    quote's span in the original file as its highlight."""
    return replace(passage, quote=(lo, hi), highlight=chunk.original_span(lo, hi))


def refusal(question: str, passages: Sequence[Passage], mode: AnswerMode = AnswerMode.EXTRACTIVE,
            support: float = 0.0, meta: AnswerMeta = AnswerMeta()) -> Answer:
    """The answer that says the documents do not hold it, with related reading."""
    return Answer(question=question, text=REFUSAL_TEXT, refused=True, related=passages[:RELATED_PASSAGES],
                  mode=mode, passages=passages, support=support, meta=meta)


def _overlaps(ev: Evidence, chosen: list[Evidence]) -> bool:
    """True when ``ev`` repeats a chosen sentence (chunk overlap, same text)."""
    return any(ev.text == c.text or (ev.passage_rank == c.passage_rank and ev.lo < c.hi and c.lo < ev.hi)
               for c in chosen)


def _shorten(text: str, ev: Evidence, tokenizer: Tokenizer) -> tuple[int, int]:
    """Cut a long sentence to the run of clauses around its matched terms."""
    if ev.hi - ev.lo <= MAX_QUOTE_CHARS:
        return ev.lo, ev.hi
    bounds = [ev.lo] + [ev.lo + m.start() for m in CLAUSE_END.finditer(ev.text) if 0 < m.start() < len(ev.text)]
    clauses = list(zip(bounds, bounds[1:] + [ev.hi]))

    def weight(span: tuple[int, int]) -> float:
        clause = text[span[0]:span[1]]
        hits = len(ev.matched & set(tokenizer(clause)))
        return hits + (0.5 if NUMBER_FACT.search(clause) or DATE_FACT.search(clause) else 0.0)

    best = max(range(len(clauses)), key=lambda i: (weight(clauses[i]), -i))
    lo_i = hi_i = best
    while True:
        grown = False
        for cand in (hi_i + 1, lo_i - 1):
            if 0 <= cand < len(clauses) and weight(clauses[cand]) > 0:
                new_lo, new_hi = min(lo_i, cand), max(hi_i, cand)
                if clauses[new_hi][1] - clauses[new_lo][0] <= MAX_QUOTE_CHARS:
                    lo_i, hi_i, grown = new_lo, new_hi, True
        if not grown:
            break
    return clauses[lo_i][0], clauses[hi_i][1]
