"""Verify a generated answer against the passages it cites.

Every [n] must refer to a supplied passage, and every number, percentage, date
and amount in a sentence must appear in a passage that sentence cites, after
normalising spaces, full-width characters and 万/亿 units (302.4亿元 equals
3024000万元). A sentence that fails is repaired by citing the passage that does
contain its figures, or dropped. What remains is the verified answer.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..chinese import CLAIM_END, MARKER, YEAR_NIAN, normalize, split_sentences
from ..records import Passage
NUMBER = re.compile(r"(\d+(?:\.\d+)?)\s*(%|个百分点|亿|万|千)?")
MULTIPLIER = {"亿": Decimal(10) ** 8, "万": Decimal(10) ** 4, "千": Decimal(1000)}
#: a claim without figures stays only if its cited passage shares this share of its terms
MIN_TERM_OVERLAP = 0.5


@dataclass(frozen=True)
class Fact:
    """A figure in a text: its value and whether it is a percentage."""

    value: Decimal  # exact, so 302.4亿 equals 3024000万
    percent: bool

    def __str__(self) -> str:
        return f"{self.value.normalize():f}{'%' if self.percent else ''}"


def facts(text: str) -> set[Fact]:
    """The figures in a text (numbers with 万/亿 folded in, percentages marked)."""
    found = set()
    for number, unit in NUMBER.findall(normalize(text)):
        value = Decimal(number) * MULTIPLIER.get(unit or "", Decimal(1))
        found.add(Fact(value.normalize(), unit in ("%", "个百分点")))
    return found


@dataclass
class Verification:
    """The outcome of verifying one generated answer."""

    text: str
    citations: list[Passage]
    kept: int
    repaired: int
    dropped: list[str] = field(default_factory=list)
    invalid_markers: int = 0

    @property
    def ok(self) -> bool:
        """True when at least one verified sentence remains."""
        return self.kept > 0


def verify(answer: str, passages: list[Passage], tokenize=None) -> Verification:
    """Check and repair the citations of a generated answer.

    Args:
        answer: generated text with [n] markers (n is 1-based into ``passages``).
        passages: the passages that were supplied to the model, in order.
        tokenize: tokenizer for the term-overlap check of claims without figures.
    Returns:
        The verified text (markers renumbered by first use), the cited
        passages, and what was kept, repaired and dropped.
    """
    passage_facts = [facts(p.text) | _header_years(p.header) for p in passages]
    order: list[int] = []  # passage indexes in citation order
    parts: list[str] = []
    kept = repaired = invalid = 0
    dropped: list[str] = []
    for lo, hi in split_sentences(answer):
        sentence = answer[lo:hi]
        cited = []
        for m in MARKER.finditer(sentence):
            n = int(m.group(1))
            if 1 <= n <= len(passages):
                cited.append(n - 1)
            else:
                invalid += 1
        claim = MARKER.sub("", sentence).strip()
        if not claim or not re.search(r"\w", claim):
            continue
        claim_facts = facts(claim)
        supported = [i for i in cited if claim_facts <= passage_facts[i]]
        if claim_facts and not supported:
            # repair: the passage that holds every figure of the claim
            holders = [i for i in range(len(passages)) if claim_facts <= passage_facts[i]]
            if not holders:
                dropped.append(claim)
                continue
            supported = holders[:1]
            repaired += 1
        elif not claim_facts:
            supported = [i for i in cited if _overlap(claim, passages[i].text, tokenize) >= MIN_TERM_OVERLAP]
            if not supported:
                dropped.append(claim)
                continue
        markers = []
        for i in supported:
            if i not in order:
                order.append(i)
            markers.append(f"[{order.index(i) + 1}]")
        end = claim[-1] if claim[-1] in CLAIM_END else ""
        body = claim[:-1] if end else claim
        parts.append(f"{body}{''.join(markers)}{end or '。'}")
        kept += 1
    citations = [passages[i] for i in order]
    return Verification("".join(parts), citations, kept, repaired, dropped, invalid)


def _header_years(header: str) -> set[Fact]:
    """Years named in a passage's header (its document's or section's years)."""
    return {Fact(Decimal(y).normalize(), False) for y in YEAR_NIAN.findall(header)}


def _overlap(claim: str, passage: str, tokenize) -> float:
    """Share of the claim's terms found in the passage (characters without a tokenizer)."""
    if tokenize is None:
        terms = {ch for ch in normalize(claim) if ch.isalnum()}
        text = set(normalize(passage))
    else:
        terms = set(tokenize(claim))
        text = set(tokenize(passage))
    return len(terms & text) / len(terms) if terms else 0.0


def supporting_sentence(claim_text: str, passage: Passage) -> tuple[int, int]:
    """The span of the passage sentence that best supports a claim (most shared figures, then characters)."""
    wanted = facts(claim_text)
    chars = set(normalize(claim_text))
    best, best_key = (0, len(passage.text)), (-1, -1.0)
    for lo, hi in split_sentences(passage.text):
        sentence = passage.text[lo:hi]
        key = (len(wanted & facts(sentence)), len(chars & set(normalize(sentence))) / max(1, len(chars)))
        if key > best_key:
            best, best_key = (lo, hi), key
    return best
