"""The two sides of a comparison measure the same thing.

"柳江区一年干出来的总产值，2019年比2023年多了多少？" is asked as two sub-questions,
one per year, and each is answered on its own. When the everyday words of the
question fit a figure of one metric on one side (2023年: 地区生产总值294.26亿元)
and of another on the other (2019年: 工业总产值394.6亿元), the difference of the two
means nothing. The side that was answered says, in the documents' own words,
what is measured; this module asks the other side again in those words
("2019年柳江区全区完成地区生产总值多少？") and keeps the pair that measures one
thing:

- a side the documents did not answer is asked again in the words of the side
  they did;
- two answered sides whose clauses share few specific words (:func:`agreement`
  below :data:`MIN_MEASURE_AGREEMENT`) are asked again each in the other's words,
  and a pair that then agrees replaces them.
"""
from __future__ import annotations

import re
from typing import Callable, Sequence

from ..chinese import ASKS_RESULT, ASKS_TARGET, YEAR_PHRASE, normalize, place_names
from ..records import Answer
from ..synonyms import same_as
from .answer_types import CLAUSE, expected
from .extractive import FUNCTION_CHARS, SOURCE_SAID
from .multipart import (ASIDE_YEAR, ASK, MEETING_YEAR, MIN_COMPARED_CHARS, NUMBER_WORD, PART_OF_YEAR, _figure,
                        _scope_free, compares_one_measure, event_years, merged_spans,
                        without_spans)
from .verify import NUMBER

#: what a side's measure is said with at its ends: the 的 after its scope, the 是 (为, 有) of its ask
PARTICLES_AROUND = re.compile(r"^[的之]|(?:是|为|有)?[？?]$")
#: what a clause asked again is trimmed of at its ends (a quote's "……" and the commas left by a dropped figure)
TRIMMED = "，, …"
#: a figure in a clause ("3", "8400多", "12.5%")
FIGURE_SAID = r"(\d+(?:\.\d+)?)(?:[多余])?(?:%|个百分点)?"
#: what in the other side's clause names its own time or level, left out of the clause asked again: months and
#: days ("1-3月": a figure, not what is measured), relative years, and the whole of a place ("全市": the side
#: asked names its own place)
OTHER_SIDE_SCOPE = re.compile(r"\d+(?:[-—~至]\d+)?(?:月份?|日)|今年|(?<!比)去年|当年|全[市区县](?![域场])")
#: a clause giving several figures in turn ("城乡居民人均可支配收入分别增长2.5%和5%")
RESPECTIVELY = "分别"
#: words every report clause may say whatever it measures: they tell no measure from another
GENERIC_WORDS = frozenset(("完成", "实现", "达到", "达", "增长", "同比", "全年", "全区", "全市", "累计", "共", "其中",
                           "比上年", "提高", "下降", "预计", "分别", "突破", "超过", "以上", "左右", "多少", "元",
                           "万元", "亿元", "个", "家", "项", "人", "年", "增加", "减少", "新增"))
#: two sub-questions ask one measure when the one that says fewer characters of it says at least this share of
#: them in the other too (:func:`_asks_one_measure`; "……地区生产总值增长的预期目标" and "2020年定的预期目标": 0.8;
#: "引来的新项目个数" and "新引进的项目": 0.8; "螺蛳粉全产业链销售收入" and "地区生产总值": 0.1; chosen by hand,
#: checked like :data:`MIN_MEASURE_AGREEMENT`)
MIN_SAME_ASK = 0.5
#: two sides' clauses whose specific words overlap less than this (:func:`agreement`) measure different things
#: (chosen by hand, then checked on the dev split and probes 1-59: no answer lost; README, "From 3072036 to now")
MIN_MEASURE_AGREEMENT = 0.2


def measure_clause(answer: Answer, places: Sequence[str]) -> str | None:
    """The clause of the cited sentence that says the short answer, its figure asked as 多少 and its other
    figures, years and places left out ("全区完成地区生产总值多少"); None when the answer cites no sentence
    saying its figure.

    Args:
        answer: an answered side (short answer and one citation with its quote).
        places: known place names (left out: the clause is asked of the other side's place).
    """
    if answer.refused or not answer.citations or not answer.short_answer:
        return None
    cited = answer.citations[0]
    if cited.quote is None:
        return None
    sentence = cited.text[cited.quote[0]:cited.quote[1]]
    figure = NUMBER.search(normalize(answer.short_answer))
    if figure is None:
        return None
    clauses = list(CLAUSE.finditer(sentence))
    at = next((i for i, m in enumerate(clauses) if _says_number(m.group(0), figure.group(1))), None)
    if at is None:
        return None
    if RESPECTIVELY in clauses[at].group(0):
        return None  # "分别增长2.5%和5%": which figure measures what the clause does not say alone
    text = _asked(clauses[at].group(0), figure.group(1))
    # a clause naming no measure of its own ("同比增长7%") takes the one before it ("城镇居民可支配收入37522元")
    if at and len(_content(text)) < MIN_COMPARED_CHARS:
        text = _without_figures(clauses[at - 1].group(0)) + "，" + text
    return _scope_free(text, places)


def _says_number(clause: str, number: str) -> bool:
    return any(m.group(1) == number for m in NUMBER.finditer(normalize(clause)))


def _asked(clause: str, number: str) -> str:
    """The clause with its figure asked as 多少 ("覆盖率达多少", "投入多少万元") and its other figures left out,
    and what names the other side's time or level (:data:`OTHER_SIDE_SCOPE`)."""
    text = OTHER_SIDE_SCOPE.sub("", YEAR_PHRASE.sub("", normalize(clause)))
    parts, done = [], False
    last = 0
    for m in re.finditer(FIGURE_SAID, text):
        parts.append(text[last:m.start()])
        if not done and m.group(1) == number:  # (the figure itself: not "47" for a figure of 4)
            parts.append("多少")
            done = True
        last = m.end()
    parts.append(text[last:])
    return "".join(parts).strip(TRIMMED)


def _without_figures(clause: str) -> str:
    return re.sub(FIGURE_SAID + r"(?:[亿万千]?元|[亿万千])?", "",
                  OTHER_SIDE_SCOPE.sub("", YEAR_PHRASE.sub("", normalize(clause)))).strip(TRIMMED)


def _content(text: str) -> str:
    """The characters of a clause that name what it measures (no figure, no 多少, no generic word)."""
    for word in sorted(GENERIC_WORDS, key=len, reverse=True):
        text = text.replace(word, "")
    return re.sub(r"[\d.%，,…]", "", text)


def _scope_spans(part: str, places: Sequence[str]) -> list[tuple[int, int]]:
    """Where a sub-question names its side (see :func:`scope_of`), merged, in order."""
    spans: list[tuple[int, int]] = []
    for place in place_names(part, places):
        spans.extend(m.span() for m in re.finditer(re.escape(place), part))
    spans.extend(m.span() for m in event_years(part, places))  # "柳北区打造“四个柳北”那年", "柳北开二十大那年"
    for pattern in (YEAR_PHRASE, MEETING_YEAR, PART_OF_YEAR, ASIDE_YEAR):
        spans.extend(m.span() for m in pattern.finditer(part) if m.end() > m.start())
    return merged_spans(spans)


def scope_of(part: str, places: Sequence[str]) -> str:
    """What names a sub-question's side: its places, years, the year said by a meeting or an event
    ("柳北区开十一届三次全会那年"), part of a year, and whether it asks a plan or a result."""
    said = "".join(part[lo:hi] for lo, hi in _scope_spans(part, places))
    kinds = "".join(dict.fromkeys(m.group(0) for p in (ASKS_TARGET, ASKS_RESULT) for m in p.finditer(part)))
    return said + kinds


def borrowed(part: str, clause: str, places: Sequence[str]) -> str:
    """The sub-question asked in the words of the other side's clause: "柳北区开十一届三次全会那年" +
    "普惠性幼儿园覆盖率达多少" + "？"."""
    return f"{scope_of(part, places)}{clause}？"


def agreement(first: str, second: str, words: Callable[[str], list[str]], idf: Callable[[str], float]) -> float:
    """How much two clauses say the same measure: the idf-weighted share of their specific words that both
    say (weighted Jaccard, 0-1)."""
    a, b = _specific(first, words), _specific(second, words)
    if not a or not b:
        return 1.0  # nothing to tell them apart by
    return sum(idf(w) for w in a & b) / sum(idf(w) for w in a | b)


def _asks_one_measure(first: str, second: str, places: Sequence[str], words: Callable[[str], list[str]]) -> bool:
    """Whether two sub-questions ask one measure: the one that says fewer characters of what it measures
    (no year, place, source or question word) says at least :data:`MIN_SAME_ASK` of them in the other too, and
    the two share a word of it, or one says what the other's abbreviates (工业总产值 and 地区生产总值 share
    总产值's characters, not a word)."""
    a, b = _measure_said(first, places), _measure_said(second, places)
    chars_a, chars_b = _chars(a), _chars(b)
    if not chars_a or not chars_b:
        return True  # a side that names only its year or place asks the other's measure
    if len(chars_a & chars_b) / min(len(chars_a), len(chars_b)) < MIN_SAME_ASK:
        return False
    words_a, words_b = _specific(a, words), _specific(b, words)
    return (not words_a or not words_b or bool(words_a & words_b)
            # an abbreviation against the term it stands for ("固投" and "固定资产投资", "规上" and "规模以上")
            or any(term in b for w in words_a for term in same_as(w))
            or any(term in a for w in words_b for term in same_as(w)))


def _measure_said(part: str, places: Sequence[str]) -> str:
    text = SOURCE_SAID.sub("", part)  # "按初步预计的数字，"
    text = without_spans(text, _scope_spans(text, places))
    # (and without the 的 a scope leaves nor the 是 of an ask: "的固投是" would be read 的/固/投是)
    return PARTICLES_AROUND.sub("", re.sub(NUMBER_WORD + "|" + ASK.pattern, "", text))


def _chars(text: str) -> set[str]:
    return {ch for ch in text if "\u4e00" <= ch <= "\u9fa5"} - FUNCTION_CHARS


def _specific(text: str, words: Callable[[str], list[str]]) -> set[str]:
    return {w for w in words(text) if len(w) > 1 and w not in GENERIC_WORDS and not re.search(r"\d|多少", w)}


def same_measure(question: str, answered: list[tuple[str, Answer]], one: Callable[[str], Answer],
                 words: Callable[[str], list[str]], idf: Callable[[str], float],
                 places: Sequence[str]) -> list[tuple[str, Answer]]:
    """The two sides of a comparison, answered so that both measure the same thing (see the module).

    Args:
        question: the whole question.
        answered: (sub-question, its answer) of each part, in order.
        one: answers one sub-question.
        words: the tokenizer (for the words two clauses share).
        idf: inverse document frequency of a word.
        places: known place names.
    Returns:
        The parts, with a side replaced where its new answer measures what the other side's does.
    """
    if len(answered) != 2 or not compares_one_measure(question):
        return answered
    (first, a), (second, b) = answered
    if not _asks_one_measure(first, second, places, words):
        return answered  # "螺蛳粉全产业链销售收入与……地区生产总值相比": two measures compared on purpose
    if a.refused == b.refused:
        if a.refused:
            return answered
        clause_a, clause_b = measure_clause(a, places), measure_clause(b, places)
        if clause_a is None or clause_b is None or agreement(clause_a, clause_b, words, idf) >= MIN_MEASURE_AGREEMENT:
            return answered
        # a side of another unit than its sub-question asks first, else the less supported side: asked in the
        # words of the other side (one of the asked unit)
        fits = [_fits_asked(question, part, answer) for part, answer in answered]
        order = sorted((0, 1), key=lambda i: (fits[i], answered[i][1].support))
        clauses = (clause_a, clause_b)
        for i in order:
            mine, theirs = answered[i], answered[1 - i]
            if not fits[1 - i]:
                continue
            again = _again(mine[0], theirs[1], clauses[1 - i], one, places)
            said = measure_clause(again, places) if again is not None else None
            if said is not None and agreement(said, clauses[1 - i], words, idf) >= MIN_MEASURE_AGREEMENT:
                return [(mine[0], again), theirs] if i == 0 else [theirs, (mine[0], again)]
        return answered
    i = 0 if a.refused else 1
    if not _fits_asked(question, *answered[1 - i]):
        return answered  # the answered side's figure is of another unit than asked: its words would mislead
    again = _again(answered[i][0], answered[1 - i][1], measure_clause(answered[1 - i][1], places), one, places)
    if again is None:
        return answered
    return [(answered[0][0], again), answered[1]] if i == 0 else [answered[0], (answered[1][0], again)]


def _overlap(first: tuple[int, int] | None, second: tuple[int, int] | None) -> bool:
    return first is not None and second is not None and first[0] < second[1] and second[0] < first[1]


def _fits_asked(question: str, part: str, answer: Answer) -> bool:
    """Whether a side's figure is of the unit its sub-question (else the whole question) asks (True when
    neither names one): "3089人" for "……的人数是多少", not "16个"."""
    unit, figure = expected(part).unit or expected(question).unit, _figure(answer.short_answer)
    if not unit or figure is None:
        return True
    return bool(figure[1]) and (figure[1].endswith(unit) or unit.endswith(figure[1]))


def _again(part: str, other: Answer, clause: str | None, one: Callable[[str], Answer],
           places: Sequence[str]) -> Answer | None:
    """The part asked again in the words of the other side's answer (``clause``, its :func:`measure_clause`);
    None unless that finds a figure of the other side's unit from another sentence than the other side's."""
    if clause is None or len(_content(clause)) < MIN_COMPARED_CHARS:
        return None
    found = one(borrowed(part, clause, places))
    if found.refused or not found.short_answer:
        return None
    mine, theirs = _figure(found.short_answer), _figure(other.short_answer)
    if mine is None or theirs is None or mine[1] != theirs[1]:
        return None
    if found.short_answer == other.short_answer and found.citations and other.citations \
            and found.citations[0].doc == other.citations[0].doc and _overlap(found.citations[0].highlight,
                                                                              other.citations[0].highlight):
        return None  # the other side's own figure again: none of this side
    return found
