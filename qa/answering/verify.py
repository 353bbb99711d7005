"""Verify a generated answer against the passages it cites.

Every [n] must refer to a supplied passage, and a sentence is supported by a
passage only when all of these agree:

- its figures: every number, percentage, date and amount appears in the
  passage, after normalising spaces, full-width characters and 万/亿 units
  (302.4亿元 equals 3024000万元);
- its place and year: the places and years the sentence names are the
  passage's own (in its text, or the document and section it comes from);
- its subject: most of its content words are in the passage, and a title it
  names is the passage's title (市长 is not 副市长).

A sentence that fails is repaired by citing the passage that does support it,
or dropped. What remains is the verified answer.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from typing import Sequence

from ..chinese import CLAIM_END, MARKER, YEAR, YEAR_NIAN, normalize, place_names, split_sentences
from ..records import Passage
#: a figure and its scale or rate unit ("8400多万元" is 8400万: the 多 before a scale is read past; the 千 of
#: "100多千克" is part of the unit, not a scale)
NUMBER = re.compile(r"(\d+(?:\.\d+)?)\s*(?:[多余](?=[亿万千]))?(%|个百分点|亿|万|千(?![克米瓦]))?")
MULTIPLIER = {"亿": Decimal(10) ** 8, "万": Decimal(10) ** 4, "千": Decimal(1000)}
#: a claim's cited passage must share this share of its content terms (its subject)
MIN_TERM_OVERLAP = 0.5
#: titles whose deputy ("副") form is another office
TITLES = ("书记", "区长", "市长", "县长", "镇长", "主任", "局长", "部长", "主席")


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


def verify(answer: str, passages: list[Passage], tokenize=None,
           scopes: Sequence[tuple[Sequence[str], Sequence[str]]] | None = None,
           places: Sequence[str] = ()) -> Verification:
    """Check and repair the citations of a generated answer.

    Args:
        answer: generated text with [n] markers (n is 1-based into ``passages``).
        passages: the passages that were supplied to the model, in order.
        tokenize: tokenizer for the subject check (characters without one).
        scopes: per passage, the (years, places) of its section and document.
        places: known place names.
    Returns:
        The verified text (markers renumbered by first use), the cited
        passages, and what was kept, repaired and dropped.
    """
    scopes = list(scopes) if scopes is not None else [((), ()) for _ in passages]
    passage_facts = [facts(p.text) | _header_years(p.header) for p in passages]

    def supports(i: int, claim: str, claim_facts: set) -> bool:
        passage = passages[i]
        years, scope_places = scopes[i]
        said_places = place_names(claim, places)
        if said_places and not said_places <= (place_names(passage.text, places) | set(scope_places)):
            return False
        said_years = set(YEAR.findall(claim))
        # the years the passage states itself, else its section's, else its document's
        own = set(YEAR.findall(passage.text)) or set(years) or set(YEAR_NIAN.findall(passage.header))
        if said_years and not said_years <= own:
            return False
        if not _titles_agree(claim, passage.text):
            return False
        return claim_facts <= passage_facts[i] and _overlap(_subject(claim, places), passage.text,
                                                            tokenize) >= MIN_TERM_OVERLAP
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
        supported = [i for i in cited if supports(i, claim, claim_facts)]
        if not supported:
            # repair: the passage that supports the claim (figures, scope and subject)
            holders = [i for i in range(len(passages)) if supports(i, claim, claim_facts)]
            if not holders:
                dropped.append(claim)
                continue
            supported = holders[:1]
            repaired += 1
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


def _subject(claim: str, places: Sequence[str]) -> str:
    """The claim without its places, years and figures: what it is about."""
    text = claim
    for place in place_names(claim, places):
        text = text.replace(place, "")
    return NUMBER.sub("", YEAR.sub("", text))


def _titles_agree(claim: str, passage: str) -> bool:
    """Every office the claim names is named in the passage as that office, not its deputy."""
    for title in TITLES:
        for m in re.finditer(title, claim):
            deputy = m.start() > 0 and claim[m.start() - 1] == "副"
            found = [p for p in re.finditer(title, passage) if (p.start() > 0 and passage[p.start() - 1] == "副") == deputy]
            if not found:
                return False
    return True


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
