"""The Chinese text rules every step shares, in one place.

- sentence and clause split points (chunking, answer extraction, verification);
- what ends a line or a claim; footnote marks;
- years, citation markers, places, levels (全市 / 全区) and the scope a text pins;
- question words and periods of time (scope, not subject);
- the normal form texts are compared in.

Split points are zero-width regular expressions, strongest first: sentence
ends (。！？), then semicolons, then commas. None of them falls inside a
quotation (“…”, 《…》) and each terminator stays with its own sentence.
"""
from __future__ import annotations

import enum
import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable, Sequence

# ----------------------------------------------------------- split points
#: not inside “…” or 《…》: the next quote mark ahead is not a closing one
_OUTSIDE_QUOTES = r"(?![^“”]*”)(?![^《》]*》)"
#: after a terminator (and any closing quotes/brackets that follow it)
SENTENCE_SPLIT = r"(?<=[。！？!?])(?![。！？!?”’」』）)】])" + _OUTSIDE_QUOTES
#: a mark closing a sentence or a clause (a headline ends with none)
CLOSING_MARK = re.compile(r"[。！？!?；;，,：:][”’」』）)】]*\s*$")
SENTENCE_SPLIT_QUOTED = r"(?<=[。！？!?][”’」』）)】])(?![”’」』）)】])" + _OUTSIDE_QUOTES
SEMICOLON = r"(?<=[；;])" + _OUTSIDE_QUOTES
COMMA = r"(?<=[，,、])(?!\d)" + _OUTSIDE_QUOTES
#: last resort inside a long clause: never between two digits or inside a number
NOT_IN_NUMBER = r"(?<![0-9０-９.．%％])(?![0-9０-９.．%％])"

#: the chunk splitter's separators, strongest first (paragraph break, sentences, clauses)
SEPARATORS: tuple[str, ...] = (
    r"\n\n",
    f"{SENTENCE_SPLIT}|{SENTENCE_SPLIT_QUOTED}",
    SEMICOLON,
    COMMA,
    NOT_IN_NUMBER,
)
#: who said a quote, right after it: one sentence with it ("“……现在学会了！” 居民韦卓仕兴奋地说道。")
SAID_AFTER_QUOTE = r"(?!\s*(?!据|也就是|这就是|换句话)[^。！？!?“”\n]{1,16}?(?:说道|说|表示|介绍|感慨|坦言|笑着说)[。！!，,：:])"
_SENTENCE_RE = re.compile(f"{SENTENCE_SPLIT}|{SENTENCE_SPLIT_QUOTED}{SAID_AFTER_QUOTE}|\n+")
#: a point inside a sentence where a clause ends (for shortening long quotes)
CLAUSE_END = re.compile(r"(?<=[，；：,;:])")

#: punctuation that ends a LINE of running text (a wrapped line ending in one of
#: these does not continue on the next line); includes the colon of "如下："
LINE_FINAL = "。！？!?…：:"
#: closing quotes and brackets that may follow the final punctuation
CLOSERS = "”’」』）)》】\"'"
#: punctuation a generated CLAIM may end with (kept after its citation markers)
CLAIM_END = "。！？!?；;"
#: circled footnote numbers ①-⑳, ㉑-㉟, ㊱-㊿ that point to the notes of a report
FOOTNOTE_MARKS = re.compile("[\u2460-\u2473\u3251-\u325f\u32b1-\u32bf]")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Split text into sentences.

    Args:
        text: clean paragraph or chunk text.
    Returns:
        ``[start, end)`` spans of the non-empty sentences, terminators included.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_RE.finditer(text):
        end = match.start()
        if end > start:
            spans.append((start, end))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [(a, b) for a, b in (_trim(text, a, b) for a, b in spans) if b > a]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends with line-final punctuation (closers allowed after it)."""
    stripped = text.rstrip().rstrip(CLOSERS)
    return bool(stripped) and stripped[-1] in LINE_FINAL


# ------------------------------------------------------------ normal forms
def squash(text: str) -> str:
    """Text without any whitespace: the form quotes are compared with sources in."""
    return re.sub(r"\s+", "", text)


def normalize(text: str) -> str:
    """The form answers and figures are compared in: NFKC (full-width to half-width),
    lower case, no whitespace, no thousands separators."""
    text = squash(unicodedata.normalize("NFKC", text)).lower()
    return re.sub(r"(?<=\d),(?=\d{3})", "", text)


# --------------------------------------------------- years, markers, places
#: a year on its own (2019, not part of a longer number)
#: (a figure is not a year: "发放补贴金额2000万元", "2019家")
YEAR = re.compile(r"(?<![\d.])((?:19|20)\d{2})(?![\d.]|\s*(?:万|亿|千|百|元|个|家|项|人|户|亩|台|件|名|位|%|％|米|吨|平方))")
#: a year written as a year: "2019年"
YEAR_NIAN = re.compile(r"(?<!\d)((?:19|20)\d{2})(?=年)")
#: the context a question sets: a year, with an optional period after it
#: a part of a year in everyday words ("头三个月" is the first quarter, "前六个月" the first half)
#: (said right after a year, "2025年头三个月", "2025年开春头三个月", "今年前六个月": "提前三个月", "落户后的头三个月"
#: name no period)
FIRST_QUARTER_SAID = r"(?:(?<=年)|(?<=年开春))(?:[头前](?:三|3)个月|[头第]一个?季度)"
FIRST_HALF_SAID = r"(?<=年)(?:[头前](?:六|6)个月|[头前]半年)"
FIRST_THREE_QUARTERS_SAID = r"(?<=年)[头前](?:九|9)个月"
SECOND_HALF_SAID = r"(?<=年)后半年"
#: a part of a year a question asks about, in the reports' words or in everyday ones
PART_OF_YEAR_SAID = (r"上半年|下半年|前三季度|(?:第)?[一二三四]季度|"
                     + "|".join((FIRST_QUARTER_SAID, FIRST_HALF_SAID, FIRST_THREE_QUARTERS_SAID, SECOND_HALF_SAID)))
YEAR_PHRASE = re.compile(r"(?:19|20)\d{2}年(?:上半年|下半年|全年|一季度|第一季度|年底|年末|%s|%s|%s)?"
                         % (FIRST_QUARTER_SAID, FIRST_HALF_SAID, FIRST_THREE_QUARTERS_SAID))
#: a citation marker [n] in an answer (with the spaces before it)
MARKER = re.compile(r"\s*\[(\d+)\]")
#: a level word in a ranking, an aside or a share ("排在全市第一", "经验在全市推广", "占全市五分之一")
LEVEL_ASIDE = re.compile(r"(?:全市|全区|全县|全城区)(?:第[一二三四五六七八九十\d]+|前列|领先|率先|推广|之最|首位)"
                         r"|(?:全市|全区|全县)[^，,。；;]{0,12}?(?:会议|大会|活动)"  # "传达全区年中工作会议精神": a meeting's name
                         r"|占(?:全市|全区|全县|全城区)")  # "约占全市五分之一": the whole a district's share is of
#: a city asked as a whole ("柳州全市", "全市……"): the city's own figure, not a district's
WHOLE_CITY = "全市"
#: words that set the level of a statement: a city-wide or district-wide figure
LEVEL_WORDS = {"市": (WHOLE_CITY, "我市", "本市"), "区": ("全区", "我区", "本区", "全城区"), "县": ("全县", "我县", "本县")}
#: what separates the clauses of a sentence
CLAUSE_SEP = re.compile(r"[，,；;：:]")


def levels_named(texts: Iterable[str]) -> set[str]:
    """The levels ("市", "区", "县") that level words in ``texts`` set ("全市……" sets "市")."""
    texts = list(texts)
    return {suffix for suffix, words in LEVEL_WORDS.items() if any(w in t for w in words for t in texts)}


#: a school or hospital named after its place ("柳州市第四十一中学", "柳州市人民医院"): the name
#: does not say what place a statement is about
INSTITUTION = re.compile(r"[\u4e00-\u9fa5]{2,3}[市区县](?:第[一二三四五六七八九十百零\d]+"
                         # a kind of school is no school's name ("柳北区普惠性幼儿园覆盖率", "柳北区的……")
                         r"|(?!中小|普惠|公办|民办|公立|私立|义务)[^\W\d_的]{2,4}?)"
                         r"(?:中学|小学|医院|学院|大学|幼儿园)"
                         # ... or by its number alone, followed by what says it is a school ("柳州四十一中校门口",
                         # "柳州一中学生", "柳州41中门口"; not "九小场所", "统一中考")
                         r"|[\u4e00-\u9fa5]{2}[市区县]?第?(?:[一二三四五六七八九十]{1,3}|\d{1,2})[中小]"
                         r"(?=校|门|的|学生|师生|老师|[，,。；;？?、\s（(]|$)")


#: a school named by its number ("柳州市第四十一中学", "四十一中门口", "第41中学", "柳江二中"): a well-formed number
#: (1-99, in words or digits; not a plenum's: "十九届二中、三中全会"), then a 中 that begins no other word (其中,
#: 集中, 初中, 第一中心, 三中全会, 十月中旬)
NUMBERED_SCHOOL = re.compile(r"(?<![一二三四五六七八九十\d届])第?(?P<number>[二三四五六七八九]?十[一二三四五六七八九]?"
                             r"|[一二三四五六七八九]|\d{1,2})中(?:学|(?!心|队|旬|期|央|国|间|全会|午|部|层|型|途|断|止|标|文|医"
                             r"|药|华|共|外|秋))")
#: the digits in words
DIGIT_WORDS = "一二三四五六七八九"


def small_number(word: str) -> int:
    """A number from 1 to 99 written in words or digits ("四十一", "十", "41")."""
    if word.isdigit():
        return int(word)
    if "十" not in word:
        return DIGIT_WORDS.index(word) + 1
    tens, _, ones = word.partition("十")
    return (DIGIT_WORDS.index(tens) + 1 if tens else 1) * 10 + (DIGIT_WORDS.index(ones) + 1 if ones else 0)


def school_numbers(text: str) -> frozenset[int]:
    """The numbers of the schools a text names by number ("第四十一中学" and "41中" both give 41)."""
    return frozenset(small_number(m.group("number")) for m in NUMBERED_SCHOOL.finditer(text))


#: China's provincial-level divisions (short names): a question about one of them is about a place
#: the documents may not cover
PROVINCES = ("北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建",
             "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海",
             "台湾", "内蒙古", "广西", "西藏", "宁夏", "新疆", "香港", "澳门")
#: the ending of an administrative place name ("桂林市", "鱼峰区")
ADMIN_SUFFIX = re.compile(r"[省市县区州]$")


def other_places(place_words: Iterable[str], places: Iterable[str]) -> list[str]:
    """The places among ``place_words`` (a tagger's place names) that are provinces or
    administrative places ("桂林市") and not part of a known place ("柳江" of 柳江区).

    Args:
        place_words: words tagged as places.
        places: the known places (and any other names that count as ours).
    Returns:
        The other places, in order.
    """
    ours = tuple(places)
    return [w for w in place_words
            if (w in PROVINCES or (len(w) > 2 and ADMIN_SUFFIX.search(w))) and not any(w in p for p in ours)]


#: an event named after the city ("柳州文明市民礼仪大赛"): the name does not say what place a statement
#: about it is about (its prizes went to 柳南区's and 柳北区's teams)
CITY_EVENT = r"(?=[^，,。；;？?\s区县的]{0,12}?(?:大赛|比赛|竞赛|运动会|艺术节|文化节|美食节|旅游节|博览会|交易会))"


@functools.lru_cache(maxsize=8)
def _city_events(places: tuple[str, ...]) -> re.Pattern:
    cities = sorted((p[:-1] for p in places if p.endswith("市") and len(p) > 2), key=len, reverse=True)
    return re.compile("(?:" + "|".join(map(re.escape, cities)) + ")市?" + CITY_EVENT if cities else r"(?!)")


def place_names(text: str, places: Iterable[str], short: bool = True) -> set[str]:
    """Known places named in ``text`` (a city also by its short name, 柳州 for 柳州市, unless
    ``short`` is False); the place in the name of a school or hospital ("柳州市第四十一中学") is not counted."""
    text = INSTITUTION.sub("", text)
    places = tuple(places)
    text = _city_events(places).sub("", text)
    found = set()
    for place in places:
        if place in text or (short and place.endswith("市") and len(place) > 2 and place[:-1] in text):
            found.add(place)
    # "柳州市柳江区" names the district, with its city only as the district's full address
    for city in [p for p in found if p.endswith("市")]:
        names = [city] + ([city[:-1]] if short and len(city) > 2 else [])
        said = [m.end() for name in names for m in re.finditer(re.escape(name) + "(?!市)", text)]
        if said and all(any(text.startswith(p, end) for p in found - {city}) for end in said):
            found.discard(city)
    return found


#: the parts of a year a figure may be about; a question pinning one is not answered by a
#: sentence framed by another ("2024年一季度" is not answered by "今年上半年……1472.3亿元")
PERIODS = {
    "一季度": r"(?<!前)(?:第)?一季度|1\s*月?\s*[至到—-]\s*3\s*月|一至三月|" + FIRST_QUARTER_SAID,
    "上半年": r"上半年|1\s*月?\s*[至到—-]\s*6\s*月|一至六月|" + FIRST_HALF_SAID,
    "前三季度": r"前三季度|1\s*月?\s*[至到—-]\s*9\s*月|" + FIRST_THREE_QUARTERS_SAID,
    "下半年": r"下半年|" + SECOND_HALF_SAID,
    # (not "一至三季度", "二、三季度": a run of quarters, which names a span)
    "二季度": r"(?<![至到—\-、])(?:第)?二(?:个)?季度(?![、至])|(?<!\d)4\s*月?\s*[至到—-]\s*6\s*月",
    "三季度": r"(?<![前至到—\-、])(?:第)?三(?:个)?季度(?![、至])|(?<!\d)7\s*月?\s*[至到—-]\s*9\s*月",
    "四季度": r"(?<![至到—\-、])(?:第)?四(?:个)?季度|(?<!\d)10\s*月?\s*[至到—-]\s*12\s*月",
}
#: a period named as a comparison ("比一季度高0.2个百分点") does not frame the statement
#: ... nor does a part of it said after 其中 ("新签约项目52个，其中四季度签约18个": the whole year's figure)
PERIOD_COMPARED = re.compile(r"(?:比|较|相较|相比|与|同|其中)(?:今年|去年|上年)?(?:" + "|".join(PERIODS.values()) + ")")
#: "里高镇", "拉堡镇": a town (two characters before 镇; "城镇", "乡镇" are not towns)
TOWN = re.compile(r"[\u4e00-\u9fa5]{2}镇(?!级)")  # ("组织镇级单位": 镇级 is a level, no town's name)
#: a place inside a town: a community, a housing estate, a village ("柳西社区", "柳西新城小区"; not the level said
#: in "各村（社区）")
LOCALITY = re.compile(r"[\u4e00-\u9fa5]{2,4}?(?:社区|小区|村|屯)(?![委民级]|[（(]社区)")
NOT_TOWN = re.compile(r"^[哪几各全该本每某此其两三四五六七八九十]|[乡城村集小重名古和与及的个家各]镇$")


#: a whole year asked ("2024年全年……是多少"): a figure of part of the year does not answer it
WHOLE_YEAR = re.compile(r"全年|整年")
#: ... and what says a sentence's figure is one of a whole year, whatever part of it also frames the sentence
#: ("一季度生产10万台……，计划年产50万台")
WHOLE_YEAR_SAID = re.compile(r"全年|整年|年产|年均|每年")


def periods_named(text: str) -> set[str]:
    """The parts of a year a text is framed by (comparisons left out)."""
    text = PERIOD_COMPARED.sub("", text)
    return {name for name, pattern in PERIODS.items() if re.search(pattern, text)}


#: a town's short name stands on its own: after the start, a mark, a conjunction or a district's name, and
#: not followed by what makes it another place's name
SHORT_TOWN_BEFORE = r"(?:(?<![\u4e00-\u9fa5])|(?<=[和与及]|区))"
SHORT_TOWN_AFTER = r"(?![县区市镇乡]|工业|园区)"
#: ... or is followed by a part of the town a short name alone names ("宜柳高速进德互通", "进德片区"), whatever precedes it
SHORT_TOWN_PART = r"(?=互通|片区|集镇|收费站)"


def towns_named(text: str) -> set[str]:
    """The towns a text names ("里高镇")."""
    return {m.group(0) for m in TOWN.finditer(text) if not NOT_TOWN.search(m.group(0))}


def town_said(towns: frozenset[str], text: str) -> bool:
    """Does a text name one of the towns, in full or by its short name said on its own ("里高“梨园花语”",
    "成团、里高等镇" for 里高镇, "宜柳高速进德互通" for 进德镇; not "公里高速", "推进德治", "鹿寨县")?"""
    return bool(towns & towns_named(text)) or any(
        re.search(SHORT_TOWN_BEFORE + re.escape(town[:-1]) + SHORT_TOWN_AFTER, text)
        or re.search(re.escape(town[:-1]) + SHORT_TOWN_PART, text) for town in towns)


#: years named relative to the one a text speaks about
RELATIVE_YEARS = {"去年": -1, "前年": -2, "今年": 0, "明年": 1}
#: a year said as when something was built or founded ("柳西新城小区建成于2011年，共有……4314户居民"): the
#: sentence states how things stand now, not that year's figures (unless that year is asked)
SINCE_YEAR = re.compile(r"(?:建成|成立|始建|创建|落成|建)于((?:19|20)\d{2})年")
#: ... said as the year of what follows, not as the base of a comparison ("比去年同期提升")
RELATIVE_YEAR_SAID = re.compile(r"(?<![比较与同])(?:" + "|".join(RELATIVE_YEARS) + ")")


def relative_year(word: str, text_years: Iterable[str]) -> str:
    """The year a relative word names in a text about ``text_years`` ("去年" in a text of 2011 and 2025:
    "2024"): counted from the latest of them."""
    return str(max(int(y) for y in text_years) + RELATIVE_YEARS[word])


#: the rest of a company's registered name after the place it begins with ("志格空调有限公司")
REGISTERED_NAME_AFTER = re.compile(r"(?![新注引规多有])[^\s\d的，,。？?、那这该家中]{2,20}?有限(?:责任)?公司")  # not "新注册有限公司"


#: a year naming a report ("2020年柳江区政府工作报告", "2020年的报告", "2020年那份报告"): the report's year, which its notes
#: need not share
SOURCE_YEAR = re.compile(r"((?:19|20)\d{2})年(?:初|底|\d{1,2}月份?)?(?:的)?(?:那份|这份|那篇|这篇)?(?:[\u4e00-\u9fa5]{1,4}?[区市县])?"
                         r"(?:人民)?(?:政府)?(?:工作)?报告(?!期)")


@dataclass(frozen=True)
class Scope:
    """The years, parts of a year, places and towns a question pins."""

    years: frozenset[str]
    places: frozenset[str]
    periods: frozenset[str] = frozenset()
    towns: frozenset[str] = frozenset()
    #: places inside a town the question names ("柳西社区", "柳西新城小区", "竹达屯")
    localities: frozenset[str] = frozenset()
    #: the question asks about a whole year ("全年")
    whole_year: bool = False
    #: years that name the report a question reads ("2020年柳江区政府工作报告的名词解释里说"), not when its fact was
    source_years: frozenset[str] = frozenset()
    #: the question names its years only as its report's ("据2020年1月柳江区政府工作报告，……一共投了多少")
    source_only: bool = False

    @classmethod
    def of(cls, question: str, places: Sequence[str]) -> "Scope":
        """Read the scope off a question. A question naming a district and its city
        ("柳江区……柳州螺蛳粉") is about the district: the more specific place pins it."""
        # a place that begins a company's registered name ("柳州市志格空调有限公司") names the company, not a scope
        named = {p for p in place_names(question, places)
                 if not (said := [m.end() for m in re.finditer(re.escape(p), question)])
                 or not all(REGISTERED_NAME_AFTER.match(question, end) for end in said)}
        specific = {p for p in named if not p.endswith("市")}
        source = frozenset(m.group(1) for m in SOURCE_YEAR.finditer(question))
        return cls(frozenset(YEAR.findall(question)), frozenset(specific or named),
                   frozenset(periods_named(question)), frozenset(towns_named(question)),
                   frozenset(m.group(0) for m in LOCALITY.finditer(TOWN.sub(" ", question))),
                   WHOLE_YEAR.search(question) is not None,
                   source, bool(source) and not YEAR.search(SOURCE_YEAR.sub("", question)))

    @property
    def levels(self) -> set[str]:
        """The levels of the places the question pins ("市" for 柳州市, "区" for 柳江区)."""
        return {p[-1] for p in self.places}

    @property
    def city_only(self) -> bool:
        """The question pins only cities (a city's figure is asked)."""
        return bool(self.places) and self.levels == {"市"}

    def level_fits(self, clause: str, before: str, places: Sequence[str], home: Sequence[str] = ()) -> bool:
        """False when a figure's own clause is framed by another level than the question's places
        ("全区新增规模以上工业企业13家" for a question about 柳州全市), or when a city's figure is
        asked and a district is named before the figure without the clause saying 全市 ("目前,柳北区
        ……,19家企业进入柳州市千企……名单" counts the district's firms), or, in a district's document,
        the city is not named before the figure ("城镇登记失业率为3.41%，低于柳州市控制线" is the
        district's rate: the city is only its yardstick).

        Args:
            clause: the figure's own clause.
            before: the sentence up to the figure.
            places: all known place names.
            home: the places the figure's document speaks about, its own first.
        """
        if not self.places:
            return True
        levels = levels_named([LEVEL_ASIDE.sub("", clause)])
        if levels:
            return bool(levels & self.levels)
        named = place_names(before, places)
        if self.city_only and home and not home[0].endswith("市") and not named & self.places:
            return False
        return not (self.city_only and any(not p.endswith("市") for p in named))

    def period_fits(self, sentence: str) -> bool:
        """False when a sentence is framed by another part of the year than the question pins, or by a
        part of it when the whole year is asked ("今年1月至6月……销售收入达355.21亿元" for 全年)."""
        framed = periods_named(sentence)
        if self.periods:
            return not framed or bool(self.periods & framed)
        return not (self.whole_year and framed and not WHOLE_YEAR_SAID.search(sentence))

    def fits(self, sentence: str, context_years: Sequence[str], context_places: Sequence[str],
             places: Sequence[str], figure: bool = False) -> bool:
        """False when the sentence is about another year, part of the year or place than the question pins.

        Args:
            sentence: the evidence sentence.
            context_years: years its section or document speaks about (used when it names none).
            context_places: places its document speaks about (used when it names none).
            places: all known place names.
            figure: the question asks for a figure (a city's figure is not read off a
                sentence naming only one of its districts).
        """
        if self.years:
            said = set(YEAR.findall(sentence)) - (set(SINCE_YEAR.findall(sentence)) - self.years)
            context = said or set(context_years)
            if context_years and not said:  # "去年全年营业额……" in a 2025 article speaks of 2024 too
                context |= {relative_year(word, context_years) for word in RELATIVE_YEAR_SAID.findall(sentence)}
            if context and not (self.years & context):
                return False
        if not self.period_fits(sentence):
            return False
        if self.towns:
            named_towns = towns_named(sentence)
            if named_towns and not town_said(self.towns, sentence):
                return False
        if self.places:
            said = place_names(sentence, places)
            if said and not (self.places & said):
                first_clause = CLAUSE_SEP.split(sentence, maxsplit=1)[0]
                if not (self.places & set(context_places)) or place_names(first_clause, places, short=False):
                    # about another place (a later mention in a document about ours is not, nor is the
                    # city's short name in a project's name: "中国·柳州智能家电园" in a district's report)
                    return False
            if figure and said and self.city_only and not any(p.endswith("市") for p in said):
                return False  # "柳州全市……多少家" is not "柳北区……52家"
            if not said:
                # a level word frames the sentence's first clause or a figure's clause ("全市地区生产总值
                # 1472.3亿元"); a ranking or an aside is not what the sentence is about ("全市第一", "在全市推广")
                clauses = CLAUSE_SEP.split(LEVEL_ASIDE.sub("", sentence))
                levels = levels_named(clauses[:1] + [c for c in clauses[1:] if re.search(r"\d", c)])
                if levels and not (levels & self.levels):
                    return False
                if figure and not levels and context_places and not context_places[0].endswith("市") and self.city_only:
                    return False  # a district's report: its unmarked figures are the district's, not the city's
                if context_places and not (self.places & set(context_places)):
                    return False
        return True


# ---------------------------------------------------- what a statement is
class StatementKind(str, enum.Enum):
    """Whether a statement reports what happened or what is planned."""

    RESULT = "result"  # achieved (also a preliminary estimate of a past year: "初步预计，2019年全区完成……")
    TARGET = "target"  # a goal, plan or forecast: not a result of its year
    NOTE = "note"  # an explanatory note of the document (名词解释)
    UNKNOWN = ""


#: a heading that opens a review of a year's results ("一、2019年工作回顾", "2023年……成绩单")
RESULT_HEADING = re.compile(r"回顾|成绩|总结|成效|完成情况")
#: a heading that opens the plans for a year ("二、2020年工作安排", "2024年……擘画蓝图")
TARGET_HEADING = re.compile(r"安排|蓝图|计划|目标|任务|展望|部署|思路")
#: the heading of a report's notes (it may end a paragraph the extraction ran into it)
NOTES_HEADING = re.compile(r"(名词解释|注释|附注)[：:]?$")
#: words that make a sentence a goal or plan wherever it stands
#: ("完成全年目标任务的24.55%", "超额完成目标任务" report a result: the goal is only its yardstick)
TARGET_CUE = re.compile(r"预期目标|(?<!完成)(?<!完成全年)(?<!完成年度)目标(?:是|为|任务)|力争|争取|确保|计划|拟|将(?:实现|达到|完成|建成|突破)|预计.{0,8}(?:将|可望|有望)")
#: words in a question asking for a goal or plan
ASKS_TARGET = re.compile(r"目标|计划|预期|力争|打算|拟|要求|说要|安排(?!着)|争取(?!到的|到了)|部署|准备(?![了好着金工期阶])")
#: words in a question asking for what was actually achieved
ASKS_RESULT = re.compile(r"实际|实打实|实实在在地?(?=[^，,？?]{0,4}?了)|真正(?=[^，,？?]{0,4}?了)|完成了|实现了|达到了|取得了|全年完成|已经|最终(?!目标|要|将)|最后(?=到底|究竟|实际)")
#: what a question says it does not ask ("（不是2024年的预期目标）") and "按计划" (on schedule: a result)
NOT_ASKED = re.compile(r"[（(]?(?:不是|而不是|并非|而非|不要)[^）)？?，,。]*[）)]?|按计划|按期")


def asks_for(question: str) -> tuple[bool, bool]:
    """(asks for a result, asks for a target) of a question; a question with cues of both asks for neither
    in particular ("按计划动工……达到了多少" asks how it went).

    Args:
        question: the question.
    """
    said = NOT_ASKED.sub("", question)
    result, target = bool(ASKS_RESULT.search(said)), bool(ASKS_TARGET.search(said))
    return (result, target) if result != target else (False, False)


def heading_kind(heading: str) -> StatementKind:
    """What the statements under a heading are: results, targets, notes, or unknown."""
    if NOTES_HEADING.search(heading.strip()):
        return StatementKind.NOTE
    if RESULT_HEADING.search(heading):
        return StatementKind.RESULT
    if TARGET_HEADING.search(heading):
        return StatementKind.TARGET
    return StatementKind.UNKNOWN


#: words that make a sentence report a result wherever it stands ("据初步预计，全区完成……")
RESULT_CUE = re.compile(r"初步预计|完成了|实现了|取得了|荣获|获评|获得|同比|比上年|较上年|较上一年|累计|全年完成|已完成|已建成|顺利")


def statement_kind(sentence: str, context: StatementKind) -> StatementKind:
    """A sentence's kind: a target or a result when it says so, else the kind of its section."""
    if context is StatementKind.NOTE:
        return context
    if TARGET_CUE.search(sentence):
        return StatementKind.TARGET
    if RESULT_CUE.search(sentence):
        return StatementKind.RESULT
    return context


# ------------------------------------------------------- question words
#: question words of the south-western Mandarin spoken in 柳州 ("拿了好多钱？", "叫哪样？", "当家的是哪个？"), and
#: the standard ones that say the same (and "几号车" for a bus line's 几路; 好多 asks how many only in a question
#: with no other question word: "好多人来了" states many)
LOCAL_ASKING = ((re.compile(r"几多"), "多少"), (re.compile(r"哪样"), "什么"),
                (re.compile(r"啥"), "什么"),  # "那位叫啥", "全名叫啥": asked as 叫什么 (a person, a firm)
                (re.compile(r"(?P<who>当家的|老板|负责人|管事的|一把手|头头|领导)是哪个(?=[？?]?$)"), r"\g<who>是谁"),
                # and the number of a bus line asked as everyone asks it ("是几号车", "哪一路车": the line "3路")
                (re.compile(r"几号(?=车(?!间)|线|公交|巴士|专线)|哪一?路(?=车(?!间)|公交|巴士|专线)"), "几路"),
                # how long or far asked as the south-west says it ("门口那条路有好长？"): 有多长
                (re.compile(r"有好(?=[长远高宽深重](?:[？?，,]|$))"), "有多"),
                # a coverage compared in everyday words ("哪边的平价幼儿园铺得更开"): which rate is higher
                (re.compile(r"铺得更[开广]"), "覆盖率更高"),
                # a difference of rates in points said short ("高几个点"): percentage points
                # (or a share: "占几个点")
                (re.compile(r"(?P<asked>[高低快慢涨降多少差大小占](?:了|出)?(?:几|多少))个点(?=[？?，,。呢啊]|$)"), r"\g<asked>个百分点"))
LOCAL_HOW_MANY = re.compile(r"好多(?![少了])")  # "比去年好多少", "好多了" say better
#: 哪 typed by voice as 那 ("当官的是那天跑去新兴工业园的", with no other question word): the day or year asked, a
#: deed said right after it ("我说的是那年的", "不是那天，是第二天" point at a time)
VOICE_WHICH = re.compile(r"(?<=是)那(?=(?:一?天|年|个月)(?![的，,。？?]|$))")
#: ... which a question asking otherwise does not have ("那几个大工程" is no question word; "有几个出口", "有多长" are)
ASKS_OTHERWISE = re.compile(r"多少|哪|什么|啥|谁|吗|呢|怎么|怎样|如何|多久|多[长大宽高远重深]|(?<![那这])几")
#: what a person says before asking ("我是跑文旅口的记者，想了解一下：", "我是做螺蛳粉生意的，想知道……"): no part of
#: the question
PREAMBLE = re.compile(r"^[^？?。！!]{0,40}?(?:(?:想(?:了解|问|请教|打听)一下|想问问|请问一下|麻烦问一下|问一下)[：:，,]"
                      r"|想(?:知道|问)(?:一下)?[：:，,]?)\s*")
#: a polite opening that asks whether the bot can tell ("是不是能查到……是多少", "能不能告诉我……"): no yes/no question
#: when a question word of its own follows (:data:`ASKS_ITS_OWN`)
CAN_YOU_TELL = re.compile(r"^(?:请问)?(?:是不是能|能不能|可不可以|能否|可否)(?:帮我)?(?:查得到|查到|查出|查询|查查|查一下|查"
                          r"|告诉我们|告诉我|说说看|说说|说一下)(?:一下)?[，,：:]?\s*")
#: a figure of another scope given only as a reference ("与2023年新增13家同口径，柳江区2020年……多少家？", "……具体是多少
#: （2019年为88.6%）？"): its year and place are not those asked, unless the question compares with it
REFERENCE_FIGURE = re.compile(r"^(?:与|和|按|参照|对照)[^，,？?（）]{2,30}?同口径[，,]\s*"
                              r"|（(?:19|20)\d{2}年[^（），,]{0,8}?(?:为|是|达|有)[^（）]{1,12}）(?=[？?]?$)")
#: ... what compares with it ("比2019年高多少", "相差"; not 比重, 占比)
COMPARED_WITH_REFERENCE = re.compile(r"(?<![同环占])比(?![重例率])|相差|差了|差距|提升|提高|增加|减少|变化|哪")
SCOPE_IN_PREAMBLE = re.compile(r"\d|[区市县镇乡村]|今年|去年|上半年|季度")
#: the scope words of a preamble that the question after it must say again for the preamble to go
PREAMBLE_SCOPE = re.compile(r"(?:19|20)\d{2}年|今年|去年|上半年|下半年|[一二三四]季度|" + TOWN.pattern)
#: a question that points back at what its preamble named ("政府报告里老提“四好农村路”，我想知道这个说法最早是
#: 哪天讲出来的"): the preamble says what is asked about and stays
POINTS_BACK = re.compile(r"^(?:这个|这种|这项|这件|这一|这些|这条|这套|这位|该|此|它|其)")
OTHER_ASKING = re.compile(r"多少|几|哪|什么|啥|咋|谁|吗|呢|怎么|怎样|如何|多大|多高|多长|多久|是不是|没有")
#: a statement said before a question of its own ("柳北区高新技术企业保有量为52家；柳江区2019年……是多少家？"): the
#: statement is no part of what is asked when the question names its own place, asks in words of its own and
#: refers nowhere back to it (:data:`REFERS_BACK_TO_STATEMENT`)
STATEMENT_BEFORE = re.compile(r"^(?P<said>[^？?；;。！!]+)[；;。！!]\s*(?P<asked>[^？?；;。！!]{8,}[？?]?)$")
ASKS_ITS_OWN = re.compile(r"多少|几|哪|什么|谁")
#: what leans on the statement before ("柳北区同年是多少", "比它高多少", "这个数"): the statement stays
REFERS_BACK_TO_STATEMENT = re.compile(r"同年|同期|当年|那年|那一年|它|其|这|该|此|比|也|又|呢")


#: a district's short name said alone with its year, as "那边" or with the report that tells it ("柳江2023年", "比柳江
#: 2019年多", "柳江那边", "跟柳北那篇里……比"), not a part of another name ("柳江大道", "柳江二中", "柳江那家公司") nor a
#: common word ("住在城中和乡下"); or right after a year, as who does something ("2020年柳江搞学校抱团", "2024年初柳江城管";
#: not "柳江要闻", "城中要道")
DISTRICT, DISTRICT_CHARS = "区", 3
SHORT_DISTRICT_BEFORE = r"(?:(?<![\u4e00-\u9fa5])|(?<=[和跟与比同]))"
SHORT_DISTRICT_AFTER = r"(?=(?:19|20)\d{2}年|那边|这边|那些|这些|那篇|这篇|那份|全会|年终总结|专版)"
SHORT_DISTRICT_AFTER_YEAR = r"(?:(?<=\d年)|(?<=\d年初)|(?<=\d年底))", r"(?=搞|想(?!必)|要(?![道闻点求])|城管|警察|公安)"


def plain_question(question: str, places: Sequence[str] = ()) -> str:
    """A question with the local spoken question words replaced by the standard ones, and without what
    its asker says before asking ("我是……记者，想了解一下：", "是不是能查到……"), nor a figure of another scope it
    gives only as a reference ("与2023年新增13家同口径，", "（2019年为88.6%）").

    Args:
        question: the question as typed.
        places: known place names (a preamble naming only places and years the question says again goes).
    Returns:
        The same question in standard words (unchanged when it has none).
    """
    # (a preamble that names a place or a year is part of the question: "关于柳北区，问一下，……"; unless the
    # question says them again: "我在写一篇关于柳北区的稿子，想知道柳北区……")
    if (rest := PREAMBLE.sub("", question)) != question and rest.strip() and not POINTS_BACK.match(rest):
        said = question[:len(question) - len(rest)]
        if not SCOPE_IN_PREAMBLE.search(said) or (
                places and place_names(said, places) <= place_names(rest, places)
                and all(w in rest for w in PREAMBLE_SCOPE.findall(said)) and not any(ch.isdigit() for ch in
                                                                                     PREAMBLE_SCOPE.sub("", said))):
            question = rest
    if (m := CAN_YOU_TELL.match(question)) and ASKS_ITS_OWN.search(question, m.end()):
        question = question[m.end():]  # "是不是能查到柳江区……的比重是多少": the 比重 asked
    if (rest := REFERENCE_FIGURE.sub("", question)) != question and ASKS_ITS_OWN.search(rest) \
            and not COMPARED_WITH_REFERENCE.search(rest):
        question = rest  # "与2023年新增13家同口径，柳江区2020年实际新增了多少家": 2020年's asked
    if places and (m := STATEMENT_BEFORE.match(question)) and not OTHER_ASKING.search(said := m.group("said")) \
            and ASKS_ITS_OWN.search(asked := m.group("asked")) and place_names(asked, places) \
            and not REFERS_BACK_TO_STATEMENT.search(asked) and not asked.startswith("那") \
            and all(w in asked for w in PREAMBLE_SCOPE.findall(said)):
        question = asked
    for place in places:  # "柳江2023年跟柳北区比": 柳江 said alone is the district
        if len(place) == DISTRICT_CHARS and place.endswith(DISTRICT):
            question = re.sub(SHORT_DISTRICT_BEFORE + re.escape(place[:-1]) + SHORT_DISTRICT_AFTER, place, question)
            before, after = SHORT_DISTRICT_AFTER_YEAR
            question = re.sub(before + re.escape(place[:-1]) + after, place, question)
    for pattern, standard in LOCAL_ASKING:
        question = pattern.sub(standard, question)
    if not ASKS_OTHERWISE.search(question):
        question = VOICE_WHICH.sub("哪", question, count=1)
    if question.rstrip().endswith(("？", "?")) and LOCAL_HOW_MANY.search(question) and not OTHER_ASKING.search(
            LOCAL_HOW_MANY.sub("", question)):
        question = LOCAL_HOW_MANY.sub("多少", question, count=1)
    return question


#: question words that say what is asked, not what it is about
INTERROGATIVE = re.compile(
    r"是多少|有多少|多少|是几|几[个家项所座盏名次条人位成倍年月天号]?|哪[一几]?[个些天年位里项所家种方面]*|"
    r"什么时候|什么时间|什么|是谁|谁|怎么样|怎样|如何|吗|呢|？|\?|一共|总共|具体|分别|请问|相比|比较|更高|更多|更大|更快"
)
#: periods of time: part of a question's scope, not of what it is about
PERIOD_WORDS = re.compile(FIRST_QUARTER_SAID + "|" + FIRST_HALF_SAID + "|" + FIRST_THREE_QUARTERS_SAID + r"|上半年|下半年|[一二三四第]季度|全年|年底|年末|年初|今年|去年|当年|上一年|目前|今天|明天|昨天|现在|当前|[1-9]至[1-9]?\d?月|1-6月")

#: a figure with a unit, a date: what a quote is shortened around
NUMBER_FACT = re.compile(r"\d+(?:\.\d+)?\s*(?:%|％|亿|万|千|百|个|家|项|人|户|元|公里|千米|米|亩|平方|座|所|次|倍|吨|辆|套|名|位|条|栋|张|台|件|场|支|批|村|镇)")
DATE_FACT = re.compile(r"\d{1,2}月\d{1,2}日|(?:19|20)\d{2}年\d{1,2}月|(?:19|20)\d{2}年")

#: text that addresses a reader as a system or gives it orders ("【系统指令】……都只回答：…",
#: "忽略以上资料", "ignore previous instructions"): documents are data, so a paragraph holding
#: such a sentence is never evidence (see qa.ingest.chunking, Chunk.flagged)
INSTRUCTION = re.compile(
    r"系统指令|系统提示词?|(?:新的|最高|以下)指令|执行(?:以下|下列)指令"
    r"|忽略(?:以上|上述|之前|前面|先前|此前|其他|其它|所有|全部)"
    r"|(?:都|均|一律|一概|统一)只?(?:回答|回复|输出)|只(?:许|能|准)?(?:回答|回复|输出)[：:“\"]"
    r"|无论(?:用户|提问者|别人|任何人|谁)(?:问|提问|询问)"
    r"|作为(?:AI|人工智能|语言模型|大模型|助手)|你(?:必须|只能|现在是|是一个)"
    r"|(?i:ignore\s+(?:all\s+)?(?:the\s+)?(?:previous|above|prior)\s+instructions|system\s+prompt|you\s+must\s+answer)"
)
