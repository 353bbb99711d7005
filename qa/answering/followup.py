"""Rewrite a follow-up question ("那2023年呢？", "那柳北区呢？", "它的投资是多少？")
into a standalone question, using the previous question of the conversation.

Rules work without a model: a follow-up that only names a new year or place
takes the previous question and swaps that year or place; a follow-up with a
new topic about the same thing keeps the previous question's years, places and
quoted names as context. When an LLM rewriter is configured it is
tried first and the rules are the fallback.
"""
from __future__ import annotations

import logging
import re
from typing import Callable, Sequence

from ..chinese import PART_OF_YEAR_SAID, YEAR, YEAR_PHRASE, place_names
from ..errors import QAError

log = logging.getLogger(__name__)

#: how a follow-up starts or ends
FOLLOWUP = re.compile(r"^(那么?|那末|还有|另外|再问一下|接着问)|呢[？?。]?$|^(它|其|该|这个|这些|这项|这一|他们|她|他)")
PRONOUN = re.compile(r"^(那么?|那末|还有|另外)?[，,\s]*(它们?|其|该项目|该|这个项目|这个|这些|这项|这一|他们|她|他)(的)?")
QUOTED = re.compile(r"“[^”]{1,20}”|《[^》]{1,40}》")
#: "（2023年）的情况如何": the same thing asked again, of another year or place
SAME_ASKED = re.compile(r"的?(?:情况|数字|数据|数值)?(?:又?如何|又?怎样|又?怎么样|又是多少)")
#: a part of the year, or the whole of it, a follow-up may name with its year ("2023年全年")
PERIOD = re.compile(r"全年|" + PART_OF_YEAR_SAID)
#: a year said alone ("2024年"), without a part of it
BARE_YEAR = re.compile(r"(?:19|20)\d{2}年")
#: "全市", "全区": a figure of the whole place, said with the level of the place
WHOLE_LEVEL = re.compile(r"全(?P<level>[市区县])(?![场民])")
#: a follow-up is at most this long; longer questions are taken as standalone
MAX_FOLLOWUP_CHARS = 30
#: "前一年呢？": the same figure, of the year before the one asked (a base of comparison)
PREVIOUS_YEAR_FOLLOWUP = re.compile(r"^(?:那么?)?(?:上一年度?|上年度?|前一年)(?:的)?呢[？?。]?$")
#: ... said in the previous question before its last ask of a figure ("研发经费投入上一年度有多少")
PREVIOUS_YEAR_SAID = "上一年度"
ASKED_AMOUNT = re.compile(r"(?:是|有|为)?多少")


def previous_question(history: Sequence) -> str:
    """The last user question in a history of (question, answer) pairs or chat messages."""
    for turn in reversed(list(history or [])):
        if isinstance(turn, dict):
            if turn.get("role") == "user" and isinstance(turn.get("content"), str):
                return turn["content"]
        elif isinstance(turn, (list, tuple)) and turn and isinstance(turn[0], str):
            return turn[0]
    return ""


def is_followup(question: str) -> bool:
    """Does the question lean on the previous one?"""
    return len(question) <= MAX_FOLLOWUP_CHARS and bool(FOLLOWUP.search(question))


def only_scope(question: str, places: Sequence[str]) -> bool:
    """True for a follow-up that only names a new year or place ("那2023年呢？", "柳北区的呢")."""
    rest = PERIOD.sub("", question)  # "柳江区2023年全年又是多少": a year, a place and a part of the year
    for token in YEAR_PHRASE.findall(question) + [f"{y}年" for y in YEAR.findall(question)] + list(
            place_names(question, places)):
        rest = rest.replace(token, "")
    rest = re.sub(r"^(那么?|那末|还有|另外)|呢|" + SAME_ASKED.pattern + r"|[？?。，,\s]", "", rest)
    return not rest or rest in {"的", "年", "呢"}


#: the leaders' titles named after the level of their place ("市长" of a city is a district's "区长")
LEVEL_TITLES = re.compile(r"(?P<level>[市区县])(?P<title>长|委书记|委|政府)")


def _titles_for(question: str, old_level: str, new_level: str) -> str:
    """A question moved from one level of place to another ("柳州市市长是谁" -> "柳江区……"), with the
    titles of the new level (区长, not 市长)."""
    if old_level == new_level or new_level not in "市区县" or old_level not in "市区县":
        return question
    question = WHOLE_LEVEL.sub(lambda m: "全" + (new_level if m.group("level") == old_level else m.group("level")), question)
    return LEVEL_TITLES.sub(lambda m: (new_level if m.group("level") == old_level else m.group("level")) + m.group("title"),
                            question)


def with_new_scope(question: str, previous: str, places: Sequence[str]) -> str:
    """The previous question with the year and place ``question`` names swapped in ("那2023年呢？",
    "2023年的情况如何").

    Args:
        question: a question that only names a new year or place (:func:`only_scope`).
        previous: the question it leans on.
        places: known place names.
    Returns:
        The previous question, of the new year or place.
    """
    new_years = YEAR_PHRASE.findall(question) or [f"{y}年" for y in YEAR.findall(question)]
    new_places = sorted(place_names(question, places), key=question.find)
    rewritten = previous
    if new_years:
        old = YEAR_PHRASE.findall(previous)
        new = new_years[0]
        if old and BARE_YEAR.fullmatch(new):
            new += old[0][BARE_YEAR.match(old[0]).end():]  # "那2024年呢" of "2025年一季度": 2024年一季度
        rewritten = rewritten.replace(old[0], new, 1) if old else new + rewritten
    if new_places:
        old_places = sorted(place_names(previous, places), key=lambda p: _said_at(previous, p))
        if old_places:
            said = old_places[0] if old_places[0] in rewritten else old_places[0][:-1]  # "柳州" for 柳州市
            rewritten = rewritten.replace(said, new_places[0], 1)
            rewritten = _titles_for(rewritten, old_places[0][-1:], new_places[0][-1:])
        else:
            rewritten = new_places[0] + rewritten
    new_period = PERIOD.search(question)
    if new_period:  # "……上半年是多少" asked of "2023年全年": the new part of the year
        rewritten = PERIOD.sub("", rewritten)
        year = YEAR_PHRASE.search(rewritten)
        at = year.end() if year else 0
        rewritten = rewritten[:at] + new_period.group(0) + rewritten[at:]
    return rewritten


def _said_at(text: str, place: str) -> int:
    """Where a place is first said in a text, by its full name or (a city) by its short name."""
    at = text.find(place)
    return at if at >= 0 else text.find(place[:-1])


def rewrite_by_rules(question: str, previous: str, places: Sequence[str]) -> str:
    """The standalone form of a follow-up, by rules.

    Args:
        question: the follow-up.
        previous: the previous (standalone) question.
        places: known place names.
    Returns:
        The standalone question (``question`` itself when it is not a follow-up).
    """
    if not previous or not is_followup(question):
        return question
    if only_scope(question, places):  # only a new scope: swap it into the previous question
        return with_new_scope(question, previous, places)
    if PREVIOUS_YEAR_FOLLOWUP.match(question.strip()) and (asks := list(ASKED_AMOUNT.finditer(previous))):
        at = asks[-1].start()
        return previous[:at] + PREVIOUS_YEAR_SAID + previous[at:]
    new_years = YEAR_PHRASE.findall(question) or [f"{y}年" for y in YEAR.findall(question)]
    new_places = sorted(place_names(question, places), key=question.find)
    # a new topic about the same subject: keep the previous scope as context
    context = YEAR_PHRASE.findall(previous)[:1] + sorted(place_names(previous, places),
                                                        key=lambda p: _said_at(previous, p))[:1]
    context += QUOTED.findall(previous)[:1]
    topic = PRONOUN.sub("", question)
    if new_years:
        context = [c for c in context if not YEAR_PHRASE.fullmatch(c)]
    if new_places:
        context = [c for c in context if c not in places]
    return "".join(context) + ("的" if context and not topic.startswith("的") else "") + topic


def rewrite(question: str, history: Sequence, places: Sequence[str] = (),
            rewriter: Callable[[str, str], str] | None = None) -> str:
    """Standalone form of ``question`` given the conversation ``history``.

    Args:
        question: the new question.
        history: earlier turns ((question, answer) pairs or chat messages).
        places: known place names.
        rewriter: ``(question, previous) -> standalone question`` (an LLM), tried before the
            rules unless the follow-up only swaps the year or place (the rules keep the
            previous question's wording exactly, question word included).
    Returns:
        A question that can be answered without the history.
    """
    previous = previous_question(history)
    if not previous or not is_followup(question):
        return question
    if rewriter is not None and not only_scope(question, places):
        try:
            rewritten = rewriter(question, previous)
            if rewritten:
                return rewritten
        except (QAError, RuntimeError, OSError, ValueError) as exc:
            log.warning("LLM rewrite failed (%s); using rules", exc)
    return rewrite_by_rules(question, previous, places)
