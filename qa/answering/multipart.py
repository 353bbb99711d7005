"""Split a question with several asks into standalone sub-questions.

Three shapes are recognised, in this order:

- several clauses, each asking ("……多少？增长多少？", "……是多少，2023年呢？"): a
  later clause that lacks its own year, place or subject takes them from the
  first clause;
- items joined by 和 / 与 / 及 / 、 before 分别 or 各 ("PM10和PM2.5同比分别
  下降了多少？"): one sub-question per item;
- two years or two places compared or asked together ("2019年和2023年哪一年
  更高？", "柳北区和柳江区的区长分别是谁？"): one sub-question per year or place.

A question that names a thing only by a description ("获二等奖的那家医院，……")
is a :class:`Bridge`: the thing is found first, then the rest is asked of it.

Every sub-question keeps the years and places of the whole question when it
names none of its own.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Sequence

from ..chinese import ASKS_RESULT, ASKS_TARGET, INTERROGATIVE, YEAR_PHRASE, normalize, place_names
from .answer_types import APPROX
from .followup import is_followup, rewrite_by_rules
from .verify import NUMBER, facts

#: a clause ends at a question mark (or a semicolon or 、 between two asks: "共设几章、多少条？")
CLAUSE_END = re.compile(r"[？?；;、]")
#: ... or at a comma, when each comma-separated clause asks ("……是多少，财政收入是多少？")
CLAUSE_OR_COMMA_END = re.compile(r"[？?；;、，,]")
#: "A，和B相比，哪个更大？": two figures compared
COMPARED = re.compile(r"^(?P<first>.+?)[，,]?(?:和|与|同|跟)(?P<second>[^，,？?]+?)(?:相比|比较)(?:[，,]|(?=哪))")
#: what makes a clause an ask of its own
ASK = re.compile(r"多少|几[个家项份支章条路名位成]|哪|谁|什么|是否|吗|如何|怎样|百分之")
#: "A和B分别", "A、B、C的……各": the joined items (each at most 24 characters, the
#: longest names in the reports) and up to 12 characters after them before 分别/各
JOINED_ITEMS = re.compile(
    r"(?P<items>[^\s，,。？?、和与及的]{1,24}(?:(?:、|和|与|及)[^\s，,。？?、和与及的]{1,24})+)"
    r"(?P<tail>[^，,。？?]{0,12}?)(?:分别|各)"
)
ITEM_SEP = re.compile(r"、|和|与|及")
#: comparison words dropped from a per-year or per-place sub-question
COMPARISON = re.compile(r"(?:，|,)?(?:哪一年|哪个区|哪个县|哪一个|哪个)(?:更|最)?[高多快大低少强好]?(?:一些)?[？?]?|相比|比较|(?:，|,)?（给出较大的那个）")
#: a question that compares or asks for each of several years or places
COMPARES = re.compile(r"哪一年|哪个区|哪个县|哪个更|哪一个更|相比|比较|更高|更多|更快|更大|分别|各")
#: a reference back to the previous ask ("这一数字", "又是")
BACK_REFERENCE = re.compile(r"这一数字|这个数字|该数字|这一指标|该指标|又是|又")
#: dropped from the subject a later clause borrows: a question word with its unit, and the words
#: asking for a kind of statement
STEM_DROPS = re.compile(r"(?:多少|几)(?:个|家|项|所|座|名|次|条|人|位|支|章|亿元|万元|元)?|" + ASKS_TARGET.pattern + "|"
                        + ASKS_RESULT.pattern)
#: around the first clause's subject that a later clause borrows ("同比增长多少（规上工业总产值）？")
BORROWED_OPEN, BORROWED_CLOSE = "（", "）"
BORROWED = re.compile(BORROWED_OPEN + r"[^（）]*" + BORROWED_CLOSE + r"(?=[？?]$)")
#: a clause shorter than this (without its scope) has no subject of its own
MIN_SUBJECT_CHARS = 8
#: each side of a comparison names its own figure when it keeps this many characters without its scope
#: ("地区生产总值"); a side that is only a year or place ("2025年一季度") compares one figure
MIN_COMPARED_CHARS = 4
#: an aside in brackets ("柳北区（区委十一届三次全会回顾年度）")
ASIDE = re.compile(r"（[^（）]*）|\([^()]*\)")


#: "……获二等奖的那家医院，2019年与柳江区的哪家医院……": a thing described by what one document says
#: of it, then asked about in another ("bridge" questions). The description is at least 4 characters;
#: the noun naming the thing at most 6 ("医院", "执法部门", "工业园").
BRIDGE = re.compile(r"^(?P<description>.{4,}?)的那(?P<counter>[个位家所座条项名])(?P<noun>[\u4e00-\u9fa5]{1,6})[，,](?P<rest>.+)$")


#: "……终点所在的镇，……": a place named by what lies in it, without 那 ("所在的那个镇" is :data:`BRIDGE`'s)
BRIDGE_WHERE = re.compile(r"^(?P<description>.{4,}?所在)的(?P<noun>镇|乡|村|街道|社区|县|区|市|园区|工业园)[，,](?P<rest>.+)$")


@dataclass(frozen=True)
class Bridge:
    """A question about a thing it names only by a description.

    Attributes:
        first: the question that names the thing ("……获二等奖的是哪家医院？").
        then: the rest of the question, asked of the thing once named (:meth:`about`).
    """

    first: str
    then: str

    def about(self, thing: str) -> str:
        """The second question, about the thing the first one named."""
        return thing + self.then


def bridge(question: str) -> Bridge | None:
    """Split a question that describes a thing and then asks about it ("……的那个镇，……组建了什么？").

    Args:
        question: the standalone question.
    Returns:
        The two steps, or None when the question names what it asks about.
    """
    m = BRIDGE.match(question.strip())
    if m and ASK.search(m.group("rest")):
        return Bridge(f"{m.group('description')}的是哪{m.group('counter')}{m.group('noun')}？", m.group("rest"))
    m = BRIDGE_WHERE.match(question.strip())
    if m and ASK.search(m.group("rest")):
        return Bridge(f"{m.group('description')}的是哪个{m.group('noun')}？", m.group("rest"))
    return None


#: a question saying which document or report holds its answer ("据柳北区的报道", "按照……的名词解释")
CITES_SOURCE = re.compile(r"据[^，,？?]{2,30}(?:报道|解释|介绍|报告|文件|统计)")
#: a name the question quotes ("“四好农村路”", "《条例》")
QUOTED = re.compile(r"“[^“”]{2,20}”|《[^《》]{2,40}》")


def last_ask(question: str, places: Sequence[str]) -> str | None:
    """The question's last clause, when the question cites where its answer is said ("据柳北区的
    报道") and what comes before only sets the scene ("柳江区委……提出要抓好“四好农村路”建设，而据……
    的名词解释，“四好农村路”是在哪一天提出的？"): with the names the scene quotes that the clause does
    not, and the question's years and places when it names none. None otherwise. The engine asks it
    first, and the whole question when it finds nothing.

    Args:
        question: the standalone question.
        places: known place names.
    """
    clauses = [c for c in re.split(r"[，,]", question.strip()) if c]
    if len(clauses) < 2 or not ASK.search(clauses[-1]) or not CITES_SOURCE.search(question):
        return None
    last = clauses[-1].lstrip("而且并")
    names = [n for n in dict.fromkeys(QUOTED.findall("，".join(clauses[:-1]))) if n not in last]
    return _with_scope("".join(names) + last, question, places)


#: a comparison asking which of two figures is higher ("哪一年更高", "哪个区更多", "（给出较大的那个）")
WHICH_MORE = re.compile(r"(?:哪一年|哪个区|哪个县|哪一个|哪个)[^？?，,]{0,6}?更(?P<way>[高多快大低少慢小])|较(?P<way2>大|小)的那个")
#: the ways of comparing that want the smaller figure
SMALLER = "低少慢小"


def verdict(question: str, parts: Sequence[tuple[str, str]], places: Sequence[str]) -> str | None:
    """Which of two compared figures is higher (or lower, as asked): "2023年更高：41.9%".

    Args:
        question: the whole question ("……2019年……与2023年……相比，哪一年更高？是多少？").
        parts: (sub-question, its short answer) of its two parts.
        places: known place names (to name the side by the place that differs).
    Returns:
        The verdict, or None when the question compares nothing or the figures have different units.
    """
    m = WHICH_MORE.search(question)
    if not m or len(parts) != 2:
        return None
    figures = [_figure(short) for _, short in parts]
    if None in figures or figures[0][1] != figures[1][1]:
        return None  # not two figures, or figures of different units
    values = [value for value, _ in figures]
    if values[0] == values[1]:
        return None
    way = m.group("way") or m.group("way2")
    pick = values.index(min(values) if way in SMALLER else max(values))
    years = [tuple(YEAR_PHRASE.findall(sub)) for sub, _ in parts]
    named = [tuple(sorted(place_names(sub, places))) for sub, _ in parts]
    by_year, by_place = _side(years[pick], years[1 - pick]), _side(named[pick], named[1 - pick])
    if all(years) and years[0] != years[1]:  # "2019年……与2023年……": the sides are years
        side = by_year
    elif named[0] != named[1] and by_place:  # "柳江区2023年……和柳北区……": the sides are places
        side = by_place
    else:
        side = by_year if years[0] != years[1] and by_year else f"（{pick + 1}）"
    return f"{side}更{way}：{parts[pick][1]}"


def _figure(short: str) -> tuple[Decimal, str] | None:
    """A short answer's figure (万/亿 folded in, as the verifier reads it) and its unit ("元", "%",
    "个百分点", "家"; approximation words left out); None unless it is one figure ("约100家", "5%以上")."""
    text = normalize(short)
    found = facts(text)
    m = NUMBER.search(text)
    if len(found) != 1 or m is None or APPROX.sub("", text[:m.start()]):
        return None  # no figure, several, or one after words ("第6位" is a rank)
    kept = m.group(2) if m.group(2) in ("%", "个百分点") else ""  # a scale is folded into the value
    return next(iter(found)).value, APPROX.sub("", text[:m.start()] + kept + text[m.end():])


def _side(mine: tuple[str, ...], theirs: tuple[str, ...]) -> str:
    """What names one side of a comparison: its years (or places) the other side lacks, else its first."""
    return "".join(x for x in mine if x not in theirs) or (mine[0] if mine else "")


def split_question(question: str, places: Sequence[str]) -> list[str]:
    """The sub-questions of a question (the question itself when it asks one thing).

    Args:
        question: the standalone question.
        places: known place names.
    Returns:
        One or more standalone questions.
    """
    parts = _compared(question, places)
    if len(parts) > 1:
        return parts
    parts = _scopes(question, places)
    if len(parts) > 1:
        return [_with_scope(p, question, places, per_place=True) for p in parts]
    parts = _clauses(question, places)
    if len(parts) == 1:
        parts = _items(question)
    if len(parts) == 1:
        return [question]
    return [_with_scope(p, question, places) for p in parts]


def _compared(question: str, places: Sequence[str]) -> list[str]:
    """"A，和B相比，哪个更大？是多少？" where A and B are two figures of their own (not one figure of
    two years or places): one question per figure, each with its own scope."""
    m = COMPARED.match(question)
    if not m:
        return [question]
    first, second = m.group("first").strip("，, "), m.group("second").strip("，, ")
    if min(len(INTERROGATIVE.sub("", _scope_free(ASIDE.sub("", x), places)).strip("的")) for x in (first, second)) \
            < MIN_COMPARED_CHARS:
        return [question]  # "柳江区2023年的……和柳北区（……）的相比": one figure, two places (:func:`_scopes`)
    return [_with_scope(part + "是多少？", question, places, per_place=True) for part in (first, second)]


def _clauses(question: str, places: Sequence[str]) -> list[str]:
    """"……多少？增长多少？": one question per asking clause; clauses split at a question mark (or 、 ；),
    else at commas when every comma-separated clause asks ("……是多少，2023年呢？"). A later clause that
    only leans on the first ("2023年呢", "柳北区的呢") is rewritten as a chat follow-up of it would be."""
    for separators in (CLAUSE_END, CLAUSE_OR_COMMA_END):
        pieces = [p.strip(" ，,") for p in separators.split(question) if p.strip(" ，,")]
        asks = [p for i, p in enumerate(pieces) if ASK.search(p) or (i and is_followup(p))]
        if len(asks) >= 2 and len(asks) == len(pieces):
            break
    else:
        return [question]
    first = asks[0]
    # what the first clause asks about, without its question word, its unit ("多少家") or its kind of
    # statement ("计划"): the later clause says its own ("2023年实际新增了多少家")
    stem = INTERROGATIVE.sub("", STEM_DROPS.sub("", first)).strip("，, ")
    out = [first + "？"]
    for clause in asks[1:]:
        if not ASK.search(clause):  # "2023年呢": the first clause with its year or place swapped
            out.append(rewrite_by_rules(clause, first + "？", places))
            continue
        own = _scope_free(clause, places)
        if len(INTERROGATIVE.sub("", own)) < MIN_SUBJECT_CHARS or BACK_REFERENCE.search(clause):
            clause = clause + BORROWED_OPEN + _scope_free(stem, places) + BORROWED_CLOSE
        out.append(clause + "？")
    return out


def unborrowed(part: str) -> str:
    """A sub-question without the subject it borrowed from the first clause ("……财政收入是多少
    （地区生产总值是）？" -> "……财政收入是多少？"); the part itself when it borrowed none."""
    return BORROWED.sub("", part)


def _items(question: str) -> list[str]:
    m = JOINED_ITEMS.search(question)
    if not m:
        return [question]
    items = [i for i in ITEM_SEP.split(m.group("items")) if i]
    if len(items) < 2:
        return [question]
    start, end = m.span("items")
    # known limit: a shared word after the last item ("PM10和PM2.5同比") stays with the last item only
    rest = question[end:].replace("分别", "", 1).replace("各", "", 1)
    return [question[:start] + item + rest for item in items]


def _scopes(question: str, places: Sequence[str]) -> list[str]:
    if not COMPARES.search(question):
        return [question]
    years = list(dict.fromkeys(YEAR_PHRASE.findall(question)))
    named = [p for p in sorted(place_names(question, places), key=question.find) if p in question]
    if len(years) >= 2:
        values = years
    elif len(named) >= 2:
        values = named
    else:
        return [question]
    # the two values joined in one clause ("2019年和2023年", "柳江区2023年的……和柳北区"):
    # up to 30 characters between the first value and the conjunction, 4 after it
    # a city and one of its districts are two scopes only when joined right there ("柳州市和柳江区"):
    # "柳北区……进入柳州市千企……名单" names the city inside a programme of the district
    gap = 30 if values is years or values[0][-1] == values[1][-1] else 4
    joined = re.escape(values[0]) + r"[^，,。？?]{0,%d}?(?:和|与|及|、)" % gap + r"[^，,。？?]{0,4}?" + re.escape(values[1])
    if not re.search(joined, question) and not re.search(r"哪一年|哪个区|哪个县|哪个更|哪一个更|相比|比较", question):
        return [question]
    out = []
    for keep in values:
        text = question
        for other in values:
            if other != keep:
                text = re.sub(r"(?:和|与|及|、|，|,)?" + re.escape(other) + r"(?:全年)?(?:和|与|及|、)?", "", text, count=1)
        out.append(COMPARISON.sub("", text).replace("分别", ""))
    return out


def _scope_free(text: str, places: Sequence[str]) -> str:
    text = YEAR_PHRASE.sub("", text)
    for place in place_names(text, places):
        text = text.replace(place, "")
    return text.strip("，, ")


def _with_scope(part: str, whole: str, places: Sequence[str], per_place: bool = False) -> str:
    """The part, with the whole question's years and places put in front when it names none (its
    district when it names only the city and the whole question one district)."""
    prefix = ""
    if not YEAR_PHRASE.search(part):
        years = list(dict.fromkeys(YEAR_PHRASE.findall(whole)))
        if len(years) == 1:
            prefix += years[0]
    own = place_names(part, places)
    named = sorted(place_names(whole, places), key=whole.find)
    districts = [p for p in named if not p.endswith("市")]
    if not own and len(named) == 1:
        prefix += named[0]
    elif not per_place and not any(not p.endswith("市") for p in own) and len(districts) == 1:
        prefix += districts[0]  # "进入柳州市千企……名单" of a question about 柳北区: the district's firms
    return prefix + part
