"""Summary requests ("帮我总结一下柳北区的工作", "概括……", "……有哪些重点？").

A summary is not one fact, so the answerability gate (which asks "does this
sentence state the asked fact?") refuses it. Instead the key sentences of the
most relevant document are quoted in document order, each with its citation:
the sentences that share the most of the topic's words, within the topic's
scope (year, place), as the extractive answerer ranks them.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Sequence

from ..chinese import ends_sentence
from ..records import Answer, AnswerKind, AnswerMode, Passage
from .extractive import Evidence, ExtractiveAnswerer, refusal, with_found

#: a request for a summary rather than a fact
SUMMARY_REQUEST = re.compile(
    r"^(?:请|帮我|帮忙|给我|能否|可以|麻烦)?\s*(?:总结|概括|概述|归纳|梳理|简述)|(?:总结|概括|概述|归纳|梳理|简述)一下"
    r"|有哪些(?:重点|亮点|主要内容)|主要内容|主要讲了|^summari[sz]e")
#: the request's own words, removed to leave its topic
REQUEST_WORDS = re.compile(r"请|帮我|帮忙|给我|一下|总结|概括|概述|归纳|梳理|简述|有哪些|重点|亮点|主要内容|主要讲了什么|主要讲了|的?内容|[？?。！!]")
#: most sentences quoted
SUMMARY_SENTENCES = 4
#: passages retrieved for a summary's topic (more than for a fact: the sentences are spread out)
SUMMARY_PASSAGES = 8
#: a sentence is quoted when it holds at least this share of the topic's words (by idf weight);
#: below it for every sentence the documents do not speak about the topic
MIN_COVERAGE = 0.5
SUMMARY_NOTE = "要点（摘自原文）："


def is_summary_request(question: str) -> bool:
    """True for a request to summarise ("总结一下……", "……有哪些重点？")."""
    return SUMMARY_REQUEST.search(question) is not None


def topic_of(question: str) -> str:
    """What a summary request is about: the request without its request words."""
    return REQUEST_WORDS.sub("", question).strip(" ，,的") or question


def summarize(question: str, passages: Sequence[Passage], answerer: ExtractiveAnswerer) -> Answer:
    """The key sentences about the request's topic, from its most relevant document.

    Args:
        question: the summary request (standalone).
        passages: passages retrieved for its topic, best first.
        answerer: the extractive answerer (ranks and quotes the sentences).
    Returns:
        Up to :data:`SUMMARY_SENTENCES` quotes in document order with citations, or a refusal
        when no sentence is about the topic.
    """
    topic = topic_of(question)
    ranked = [ev for ev in answerer.evidence(topic, passages)  # sentences, not headings
              if ev.coverage >= MIN_COVERAGE and ends_sentence(ev.text)]
    if not ranked:
        return refusal(question, passages)
    document = Counter(ev.passage.doc for ev in ranked[: 2 * SUMMARY_SENTENCES]).most_common(1)[0][0]
    chosen: list[Evidence] = []
    for ev in ranked:
        if ev.passage.doc == document and not any(_same_sentence(ev, other) for other in chosen):
            chosen.append(ev)
        if len(chosen) == SUMMARY_SENTENCES:
            break
    chosen.sort(key=lambda ev: (ev.passage.start, ev.lo))
    citations: list[Passage] = []
    lines = []
    for number, ev in enumerate(chosen, start=1):
        marker = answerer.cite(citations, ev.passage, ev.lo, ev.hi)
        lines.append(f"（{number}）{ev.text}[{marker}]")
    return Answer(question=question, text=SUMMARY_NOTE + "".join(lines), citations=citations, refused=False,
                  mode=AnswerMode.EXTRACTIVE, passages=with_found(passages, chosen), support=chosen[0].coverage,
                  answer_kind=AnswerKind.LIST)


def _same_sentence(a: Evidence, b: Evidence) -> bool:
    """The same sentence found twice (overlapping chunks repeat text)."""
    return a.text == b.text or (a.passage.chunk_id == b.passage.chunk_id and a.lo < b.hi and b.lo < a.hi)
