"""Split a question with several asks into standalone sub-questions.

Three shapes are recognised, in this order:

- several clauses, each asking ("……多少？增长多少？", "……是多少，2023年呢？"): a
  later clause that lacks its own year, place or subject takes them from the
  first clause;
- items joined by 和 / 与 / 及 / 、 before 分别 or 各 ("PM10和PM2.5同比分别
  下降了多少？"): one sub-question per item;
- two years or two places compared or asked together ("2019年和2023年哪一年
  更高？", "柳北区和柳江区的区长分别是谁？"): one sub-question per year or place;
- a difference asked ("2023年……比2019年多了多少？", "……相差多少？") or a side
  checked against the other ("……是否超过了2019年？"): one sub-question per side,
  and :func:`verdict` computes the difference or says yes or no.

A figure checked against a bound ("……是否超过50亿元？") is asked for its figure
(:func:`checked_ask`), and :func:`checked` says whether it meets the bound. A later
clause about what an earlier one named ("……在哪个镇？该镇……") is asked of that
answer (:func:`resolved`).

A question that names a thing only by a description ("获二等奖的那家医院，……",
"获二等奖的医院，……") is a :class:`Bridge`: the thing is found first, then the rest
is asked of it.

Every sub-question keeps the years and places of the whole question when it
names none of its own.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable, Sequence

from ..chinese import (ASKS_RESULT, ASKS_TARGET, INTERROGATIVE, PART_OF_YEAR_SAID, WHOLE_CITY, YEAR_NIAN, YEAR_PHRASE,
                       normalize, place_names)
from ..records import AnswerKind
from .answer_types import (AFTER_CHANGE, APPROX, ASKS_GROWTH, BEFORE_CHANGE, CHANGE_WORDS, COMPARING_BI, COUNT_UNITS,
                           ADMIN_LEVELS, DESCRIBED_ASK, DOC_NUMBER_WORDS, MEETING_NUMBER, ORDER_CUE, expected,
                           position_from, said_with_bi)
from .followup import is_followup, only_scope, rewrite_by_rules, with_new_scope
from .verify import MULTIPLIER, NUMBER, facts

#: a clause ends at a question mark (or a semicolon or 、 between two asks: "共设几章、多少条？")
CLAUSE_END = re.compile(r"[？?；;、]")
#: ... tried first without the 、 ("市委、市政府……是哪天召开的？……有哪些县区？" is two asks, not three pieces)
QUESTION_END = re.compile(r"[？?；;]")
#: ... or at a comma, when each comma-separated clause asks ("……是多少，财政收入是多少？")
CLAUSE_OR_COMMA_END = re.compile(r"[？?；;、，,]")
#: the measure words a count is asked with, longest first
_COUNTERS = "|".join(sorted(COUNT_UNITS, key=len, reverse=True))
#: a short deed and a count of the things it was done to ("竣工几项", "年内要开工几项"), as parallel asks of one
#: subject say them (not a measure's change: "财政收入多少、增长多少" asks the growth of the revenue)
PARALLEL_ASK = re.compile(r"[\u4e00-\u9fa5]{1,6}?(?:几|多少)(?P<counter>[项个家所座条批处])")
#: what makes a clause an ask of its own
ASK = re.compile(r"多少|(?<![近这那前头])几(?:成|大(?=块|部分|板块)|" + _COUNTERS + r")|第几"
                 # 那几 points at something ("那几个露天灯光球场，……"), unless it ends a clause or follows 是/有: then
                 # it is 哪几 typed with 那 ("分别是那几家？")
                 r"|(?<=[是有])那几(?:" + _COUNTERS + r")|那几(?:" + _COUNTERS + r")(?=[？?，,；;。]|$)"
                 # (a contest, "比谁更讲礼貌", "看谁先到", asks nothing; "比谁多", "你看谁是区长" ask)
                 r"|(?<![许很好众繁诸])多[长大高远重久宽深](?![\u4e00-\u9fa5]{2})|哪|(?<![比看])谁|谁(?!更|能|先|最)|什么"
                 r"|是否|吗|如何|怎样|百分之")
#: "A和B分别", "A、B、C的……各": the joined items (each at most 24 characters, the
#: longest names in the reports) and up to 12 characters after them before 分别/各
JOINED_ITEMS = re.compile(
    r"(?P<items>[^\s，,。？?、和与及的]{1,24}(?:(?:、|和|与|及)[^\s，,。？?、和与及的]{1,24})+)"
    r"(?P<tail>[^，,。？?]{0,12}?)(?:分别|各)"
)
ITEM_SEP = re.compile(r"、|和|与|及")
#: the mark between the items of a list
ITEM_LIST_MARK = "、"
#: the ways one figure can be more than another ("更高", "多", "快一些")
WAYS = "高多快大低少慢小"
#: ways of more said only after 更 ("覆盖面更广", "增速更猛"; a bare 广 ends "在全区推广")
MORE_AFTER_GENG = "广猛开"  # ("铺得更开")
#: which of two sides is more, said in everyday ways: "哪一年更高", "哪年高一些", "谁多", "哪个区引进的项目多",
#: "哪年的数字大", "哪边高啊" (without 更, the way word ends its clause, or a particle ends it after the word:
#: "哪个企业产值多少" asks an amount; "哪个镇人口最多" asks for the most of many, not the more of two), "2019年高还是
#: 2023年高" (the same way word on both sides), "较大的那个"
WHICH_MORE = re.compile(r"(?:哪一?年|哪个城区|哪个区|哪个县|哪一个|哪个|哪一?边|谁)[^？?，,]{0,16}?(?:更(?P<way>[%s%s])|(?<!最)要?(?P<way4>[%s猛])(?!少)"
                        r"(?:一些|一点|些)?(?=[啊呀吧嘛]?[？?，,。呢、]|$))|较(?P<way2>大|小)的那个|(?P<way3>[%s])还是[^，,？?]{1,20}?(?P=way3)"
                        % (WAYS, MORE_AFTER_GENG, WAYS, WAYS))
#: what says that the asker speaks of himself ("老师让我们……", "我们在比较……")
SPEAKER = re.compile(r"我(?![区市县镇乡村])|咱|俺|本人")  # (我区, 我市 name a place)
#: the words that ask two figures added up ("一共", "加起来", "之和")
SUM_WORDS = r"合计|一共|总共|共计|加起来|之和"
#: "A，和B相比，哪个更大？": two figures compared; "A和B分别是多少？": two figures asked; "A和B，哪个大？" only
#: when the 哪 compares ("连接梧州和乐业的那条高速……，哪一个隧道打通了" asks one thing)
COMPARED = re.compile(r"^(?P<first>.+?)[，,]?(?:和|与|(?<![合共相协认不如连陪赞会一随])同(?!比|期|类|一|样|时)|跟|加上)(?P<second>[^，,？?]+?)(?:(?:相比|比较|比一比|(?<![一对占同环])比)(?:[，,]|(?=哪|谁))"
                      r"|[，,](?=" + WHICH_MORE.pattern + r")|(?=哪个更|哪一个更|谁更|哪个[^，,？?]{0,4}更)|(?=" + SUM_WORDS + r")"
                      r"|[，,]?(?=相差|差距|差(?:了|额)?(?:多少|几))"  # "A与B相差多少个", "A，和B，相差几个百分点"
                      # "A和B分别是多少": each side names its own figure
                      r"|(?:分别|各)(?=(?:是|为|有)?(?:多少|几)[个家项人元]?[？?]?$))")
#: "2023年比2019年高吗": whether the first side is more, yes or no
THAN_YES_NO = re.compile(r"(?<![同环])比(?P<other>[^，,？?]{2,12}?)(?:的)?(?:要|更)?(?P<op>[%s])吗" % WAYS)
#: "2019年和2023年的一样吗": whether two figures are equal (asked with 吗 or 是否: "与2022年持平，……" says it)
SAME_ASKED = re.compile(r"(?:是否(?:一样|相同|持平)[%s]?|(?:一样|相同|持平)[%s]?吗)(?=[？?，,。]|$)" % (WAYS, WAYS))
#: comparison words dropped from a per-year or per-place sub-question
COMPARISON = re.compile((r"(?:，|,)?(?:(?:哪一?年|哪个城区|哪个区|哪个县|哪一个|哪个时段|哪个|哪一?边|谁的)(?:的(?:数字|数据|数值))?(?:更|最|要)?[%s强好广猛]?"
                        r"|谁(?:[^？?，,]{0,6}?的)?(?:更|要)?[%s])(?:一些|一点|些)?[？?]?"
                        r"|相比|(?:请)?(?:比一比|比较一下|对比一下)|比较|(?:[跟和与同]|(?<![一比])比)(?=[？?，,]|$)|^(?:请)?对比"
                        r"|(?:在)?之间"
                        # "，谁家铺开的比例更高", "哪一段时间涨得更猛": the question word goes, what is compared stays
                        r"|[，,]?(?:谁家|哪一?段时间)(?=[^？?，,]{1,30}?(?:更|要)[%s广猛])"
                        r"|(?:更|要)?(?P<way3>[%s])还是(?P=way3)?|(?<![同环])比(?=[^，,？?]{0,12}?(?:要|更)?[%s]吗)|(?:的)?(?:要|更)?[%s]吗"
                        r"|(?:的)?(?:是否)?(?:一样|相同|持平)(?:[%s])?吗?"
                        r"|(?:，|,)?（给出较大的那个）|(?:相差(?:多少|几)?|差距(?:是|有)?(?:多大|多少)?|差(?:了|额)?(?:多少|几))"
                        r"(?:个百分点|人(?!次)|[个家项户所座条])?" % ((WAYS,) * 7))  # "相差多少个": the counter goes too
                       + "|" + SUM_WORDS)
#: what a compared side keeps of the comparison when the question word went with it ("……的地区生产总值更高",
#: "……引进的项目多")
LEFT_COMPARED = re.compile(r"(?:更|要)?[%s强好%s](?:一些|一点|些)?[？?]?$|[？?]$" % (WAYS, MORE_AFTER_GENG))
#: a growth compared ("哪一年涨得更快", "哪年增长得快一些"), as a compared side keeps it
GROWTH_LEFT = re.compile(r"(?<!排名)(?<!名次)(?:上涨|涨|增长|增加|上升|提高|提升)得?$")
#: a comparison said without a conjunction between its two years or places
COMPARED_SAID = re.compile(r"哪一年|哪个区|哪个县|哪个更|哪一个更|相比|比较|" + WHICH_MORE.pattern + "|"
                           + THAN_YES_NO.pattern + "|" + SAME_ASKED.pattern + r"|比一比|对比")
#: a year a change is measured against ("比2019年涨了", "与2019年相比"), not the year whose figure is asked
YEAR_COMPARED_AGAINST = re.compile(r"(?:比|较)\s*((?:19|20)\d{2})年|(?:与|和|跟|同)\s*((?:19|20)\d{2})年(?:全年)?(?:相比|比)")
#: a question that compares or asks for each of several years or places
COMPARES = re.compile(COMPARED_SAID.pattern + r"|更高|更多|更快|更大|分别|各|相差|差距|差(?:了|额)?多少"
                      r"|" + SUM_WORDS + r"|[跟和与同][^，,？?]{1,20}?比(?=[？?，,]|$)")
#: "……比2020年的高还是低？", "比2019年是增加了还是减少了？": which way two figures go, asked as a choice
MORE_OR_LESS = r"(?:是)?(?P<way>增加|提高|上升|增长|多|高|大|快)了?还是(?:减少|降低|下降|少|低|小|慢)了?"
THAN_CHOICE = re.compile(r"(?<![同环])比(?P<other>[^，,？?]{2,12}?)(?:的)?" + MORE_OR_LESS)
#: "A是B的几倍": how many times B's figure A's is
TIMES = re.compile(r"(?:是|相当于)(?P<other>[^，,？?]{2,30}?)的(?:(?:几|多少)倍|(?P<share>百分之(?:几|多少)|几成|多少(?=[？?，,。呢]|$)))")
#: "A比B多了多少(家)": B (a year or place, or a figure of its own: "比柳江区2019年的……数"), and the ask
#: (a verb may follow the way: "多添了几家", "少建了多少个")
THAN = re.compile(r"(?<![同环])比(?P<other>[^，,？?]{2,30}?)(?:的)?" + BEFORE_CHANGE + r"(?P<ask>(?:" + CHANGE_WORDS + r")" + AFTER_CHANGE + r"(?:多少|几)"
                  r"(?P<unit>个?百分点|[个家项所座名次条人位亿万元]*))")
#: "柳江区2023年引进的新项目，加上柳北区……新引进的项目，一共多少个？": two figures added up
ADDED_UP = re.compile(r"^(?P<first>[^，,？?]{4,}?)[，,]?(?:再)?加上(?P<second>[^，,？?]{4,}?)[，,]?(?:一共|总共|合计|加起来|共)(?:是|有)?"
                      r"(?P<ask>(?:多少|几)[^，,？?]{0,4}[？?]?)$")
#: what a difference of two rates is counted in
POINTS = "百分点"
#: how each side of such a difference is asked when its own words do not say it is a rate
RATE_ASK = "是百分之多少"
#: a reference back to the previous ask ("这一数字", "又是")
BACK_REFERENCE = re.compile(r"这一数字|这个数字|该数字|这一指标|该指标|又是|又")
#: ... where 又 is only "again" when its clause names a place, a year and a measure of its own ("柳江区2020年
#: 计划开工的重大项目又有多少项"; "柳北区……报道里又有几家" still borrows what is counted)
AGAIN = "又"
#: dropped from the subject a later clause borrows: a question word with its unit, and the words
#: asking for a kind of statement
STEM_DROPS = re.compile(r"(?:百分之)?(?:多少|几)(?:大块|大部分|个|家|项|所|座|名|次|条|人|位|支|章|亿元|万元|元)?|有?多[长远高宽深重]$|"
                        # which end of a change the first clause asks ("原先是百分之几"): the later one says its own
                        r"(?:原来|原先|起初|本来)的?(?:是|有|为)?|"
                        + ASKS_TARGET.pattern + "|"
                        + ASKS_RESULT.pattern)
#: a percentage asked ("百分之几"): a later clause asking 多少 of the same subject asks one too
PERCENT_ASKED = re.compile(r"百分之(?:几|多少)")
#: ... which such a clause asks as a bare 多少 ("又到了多少", not "多少户")
BARE_HOW_MUCH = re.compile(r"(?<!百分之)多少(?=[？?呢了啊]|$)")
#: a later clause asking only where a figure stands now or after its change ("现在提高到多少了", "后来降到了多少";
#: not "目前贫困户还剩多少", which names what it counts)
END_ASKED = re.compile(r"(?:那)?(?:现在|如今|目前|眼下|后来|最后)?(?:又|已经?)?(?:提高|提升|上升|增长|增加|下降|降低|涨|升|降)?"
                       r"到?了?多少了?[？?]?")
#: around the first clause's subject that a later clause borrows ("同比增长多少（规上工业总产值）？")
BORROWED_OPEN, BORROWED_CLOSE = "（", "）"
BORROWED = re.compile(BORROWED_OPEN + r"[^（）]*" + BORROWED_CLOSE + r"(?=[？?]$)")
#: a description of a thing without 那 says at least this much besides its years and places
MIN_DESCRIPTION_CHARS = 6
#: a clause shorter than this (without its scope) has no subject of its own
MIN_SUBJECT_CHARS = 8
#: each side of a comparison names its own figure when it keeps this many characters without its scope
#: ("地区生产总值"); a side that is only a year or place ("2025年一季度") compares one figure
MIN_COMPARED_CHARS = 4
#: the whole of a year, said apart from the year ("2023年柳江区全年的涨幅"): a side's scope, not what it measures
WHOLE_YEAR_WORD = "全年"
#: an aside that says a year by what happened in it ("（区委十一届三次全会回顾年度）")
ASIDE_YEAR = re.compile(r"（[^（）]*年度?[^（）]*）|\([^()]*年度?[^()]*\)")
#: an aside in brackets ("柳北区（区委十一届三次全会回顾年度）")
ASIDE = re.compile(r"（[^（）]*）|\([^()]*\)")


#: kinds of things that name one thing ("那家公司", "那个镇")
ONE_THING_KINDS = r"医院|学校|中学|小学|企业|公司|集团|协会|部门|单位|镇|乡|村|街道|社区|工业园|园区|项目|工程|领导"
#: "……获二等奖的那家医院，2019年与柳江区的哪家医院……": a thing described by what one document says
#: of it, then asked about in another ("bridge" questions). The description is at least 4 characters;
#: the noun naming the thing at most 6 ("医院", "执法部门", "工业园"), none after 位 or 名 (a person).
BRIDGE = re.compile(r"^(?P<description>.{4,}?)的那(?P<counter>[个位家所座条项名])"
                    # "……作政府工作报告的那位，……": a person, said by the counter alone
                    r"(?P<noun>[\u4e00-\u9fa5]{1,6}|(?<=[位名]))[，,](?P<rest>.+)$")


#: the rest only asks which the described thing is ("是谁", "叫什么名字")
IDENTITY_ASKED = re.compile(r"^(?:他|她|它|其|(?:这家|该)?(?:公司|企业|单位|机构|学校|医院|部门)的?)?"
                            r"(?:是谁|是哪[位家个所](?:公司|企业|单位|机构|学校|医院|部门)?|叫什么(?:名字)?"
                            r"|(?:名字|姓名|全称|全名|名称)(?:叫|是)什么)[？?]?$")  # "……的那家临时物业，是哪家公司", "……，公司全名叫什么"


#: "做酸嘢的那家公司去年卖了多少钱": the same without a comma, when the noun is a kind that names one thing
BRIDGE_NO_COMMA = re.compile(r"^(?P<description>.{2,}?)的那(?P<counter>[个位家所座条项名])(?P<noun>" + ONE_THING_KINDS
                             # the rest asks something of the thing, not only which it is ("……的那所学校是哪所")
                             + r")(?!(?:是|叫)(?:哪|什么|谁))(?P<rest>[^，,？?的].+)$")


#: "……终点所在的镇，……": a place named by what lies in it, without 那 ("所在的那个镇" is :data:`BRIDGE`'s)
BRIDGE_WHERE = re.compile(r"^(?P<description>.{4,}?所在)的(?P<noun>镇|乡|村|街道|社区|县|区|市|园区|工业园)[，,](?P<rest>.+)$")


#: "……的竹达屯，它所在的镇……": where a named thing lies, referred to after it, said as "……的竹达屯所在的镇，……"
WHERE_REFERRED = re.compile(r"[，,](?:它|其)所在的(?P<noun>镇|乡|村|街道|社区|县|区|市|园区|工业园)(?![，,])")


#: "……作政府工作报告的人，……": a person described by a deed, asked about after a comma
PERSON_NOUN = "人"
#: "……获二等奖的医院，……": a described thing without 那, when it is of a kind that names one thing
#: (with the counter its question takes); the description must say more than a year or place
BRIDGE_PLAIN = re.compile(r"^(?P<description>.{6,}?)的(?P<noun>[\u4e00-\u9fa5]{0,2}?(?:" + ONE_THING_KINDS + "|" + PERSON_NOUN
                          + r"))[，,](?P<rest>.+)$")
#: ... and says what the thing did or had done to it (an event), not only what class it is in
#: ("规模以上工业的企业，增加值增长多少" asks about a class, not one company)
EVENT_VERB = re.compile(r"获|被|参加|参与|举办|承办|负责|牵头|实施|开通|建成|投产|落户|入选|入围|评为|整治|提出|出席|主持|签约|"
                        r"位于|所在|率队|调研|推出|组建|发言|点名|报道|主办|打造|命名|拿了|得了|(?<!工)作[^，,]{0,20}报告")
#: "柳北区被国家管学校的部门定为……": a description that ends in a passive's agent (被, then no deed of
#: the thing's own) before the passive's verb is who did it, not a thing asked about
PASSIVE_AGENT = re.compile(r"被(?P<agent>[^，,？?被]*)$")
#: the verbs of such a passive ("定为", "评为", "认定", "命名")
PASSIVE_VERB = re.compile(r"(?:确?定|评|列|认定|命名|授予|选|批准|公布)为?")


def _agent_of_passive(description: str, rest: str) -> bool:
    """Does a description end in the agent of a passive whose verb begins the rest ("……被国家管学校" +
    "定为哪一类示范区"; not "……被评为示范区" + "2023年有多少名学生")?"""
    m = PASSIVE_AGENT.search(description)
    return m is not None and not EVENT_VERB.search(m.group("agent")) and PASSIVE_VERB.match(rest) is not None


#: "……获二等奖的医院2019年和……", "柳北区在……终点那个镇组建了……", "……终点站所在镇组建的……": a described
#: thing anywhere in the question (after what leads to it, up to 在), with no comma after it
BRIDGE_INNER = re.compile(r"^(?P<lead>[^，,？?]*?在)?(?P<description>[^，,？?]{4,}?)"
                          r"(?P<link>(?:的|所在的?)?那[个位家所座条项名]|所在的?|的)"
                          r"(?P<noun>[\u4e00-\u9fa5]{0,2}?(?:" + ONE_THING_KINDS + r"))"
                          # the rest asks something of the thing: not which it is ("……的医院是哪家") and not
                          # how many such things there are ("参加……的学校有多少所")
                          r"(?!是|叫|为|有|都|共|一共|总共|[多几哪])(?P<rest>[^，,？?的][^？?]*[？?]?)$")
#: the rest only counts the things described ("……名单的企业分别有几家"): a class, not one thing
COUNT_OF_THEM = re.compile(r"^[^，,？?]{0,4}?(?:多少|几)[\u4e00-\u9fa5]?[？?]?$")
#: an amount asked of what is described ("……的项目总投资是多少亿元")
AMOUNT_ASKED = re.compile(r"多少|几")
#: where a thing is or where something ends, said as part of its kind ("终点镇": 终点是哪个镇)
WHERE_PART = re.compile(r"所在|终点|起点")
#: ... where the thing is told by where it is, where something ends, or what it has (no deed needed)
WHERE_WORDS = re.compile(WHERE_PART.pattern + r"|^有")
#: what lies in a place is at least a short name ("梨园花语所在镇")
MIN_NAMED_CHARS = 4
COUNTERS = {"医院": "家", "企业": "家", "公司": "家", "集团": "家", "协会": "家", "学校": "所", "中学": "所", "小学": "所",
            "领导": "位"}


def _counter(noun: str) -> str:
    """The counter a question about one thing of a kind takes ("公立医院": 家; "个" by default)."""
    return next((c for kind, c in COUNTERS.items() if noun.endswith(kind)), "个")


#: the year of the description, said again in the rest of a bridge question
SAME_YEAR = re.compile(r"当年|同年|那一?年(?!度)")
#: a word opening the rest of a bridge question that points at the thing ("其教育集团", "它的"; not "其中", "其他")
POINTS_AT_THING = re.compile(r"^(?:其(?![中他余])|[它他她](?!们))")
#: "在当地的互通": the place a bridge question named ("……的那个镇，2019年有一条高速公路在当地的互通开工建设"), when
#: the thing named is a place
THERE = re.compile(r"当地")
PLACE_ENDS = ADMIN_LEVELS + ("村",)


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
        """The second question, about the thing the first one named (in place of the words that point back at
        it: "2019年哪条高速公路在该镇的互通……" -> "2019年哪条高速公路在进德镇的互通……")."""
        then = POINTS_AT_THING.sub("", self.then)  # "其教育集团……": the thing's own
        if len(years := set(YEAR_PHRASE.findall(self.first))) == 1:
            then = SAME_YEAR.sub(years.pop(), then, count=1)  # "2023年承办……的那个城区，当年……": 2023年
        if thing.endswith(PLACE_ENDS) and THERE.search(then):
            return THERE.sub(thing, then, count=1)  # "在当地的互通": in the place named
        return resolved(then, thing) or thing + then


def bridge(question: str, places: Sequence[str] = ()) -> Bridge | None:
    """Split a question that describes a thing and then asks about it ("……的那个镇，……组建了什么？").

    Args:
        question: the standalone question.
        places: known place names (a description without 那 must say more than a year and a place).
    Returns:
        The two steps, or None when the question names what it asks about.
    """
    if DOC_NUMBER_WORDS.search(question):
        return None  # "……发到各镇的那个红头文，文号是多少": the number names the document asked about
    question = WHERE_REFERRED.sub(r"所在的\g<noun>，", question)
    m = BRIDGE.match(question.strip())
    if m is None and (m := BRIDGE_NO_COMMA.match(question.strip())) and not _scope_free(m.group("description"), places):
        m = None  # "柳江区的那个项目": a place, not a description
    if m and IDENTITY_ASKED.match(m.group("rest")):
        return None  # "……的那位，是谁？" asks which it is: one question
    if m and ASK.search(m.group("rest")):
        return Bridge(f"{m.group('description')}的是哪{m.group('counter')}{m.group('noun')}？", m.group("rest"))
    m = BRIDGE_WHERE.match(question.strip())
    if m and ASK.search(m.group("rest")):
        return Bridge(f"{m.group('description')}的是哪个{m.group('noun')}？", m.group("rest"))
    m = BRIDGE_PLAIN.match(question.strip())
    if m and ASK.search(m.group("rest")) and not ASK.search(m.group("description")) \
            and (EVENT_VERB.search(m.group("description")) or WHERE_WORDS.search(m.group("description") + m.group("noun"))) \
            and len(_scope_free(m.group("description"), places)) >= MIN_DESCRIPTION_CHARS:
        noun, description = m.group("noun"), m.group("description") + "的"
        counter = _counter(noun)
        if (where := WHERE_PART.match(noun)) and len(noun) > where.end():  # "……的终点镇": 终点是哪个镇
            description, noun = description + where.group(0), noun[where.end():]
        if noun.endswith(PERSON_NOUN):  # "……作政府工作报告的是谁？"; "……的人，有多少" counts a class
            return None if AMOUNT_ASKED.search(m.group("rest")) else Bridge(f"{description}是谁？", m.group("rest"))
        return Bridge(f"{description}是哪{counter}{noun}？", m.group("rest"))
    m = BRIDGE_INNER.match(question.strip())
    if m is None or not ASK.search(m.group("rest")) or ASK.search(m.group("description")) \
            or COUNT_OF_THEM.match(m.group("rest")) \
            or _agent_of_passive(m.group("description"), m.group("rest")):
        return None
    demonstrative = "那" in m.group("link")
    where = WHERE_WORDS.search(m.group("description") + m.group("link") + m.group("noun")) is not None
    # without 那 or a place word, "……的项目" may be a class: only a name may be asked of it (not "总投资是多少")
    if not (demonstrative or where) and (not EVENT_VERB.search(m.group("description"))
                                         or AMOUNT_ASKED.search(m.group("rest"))):
        return None
    if not demonstrative and "、" in m.group("description"):
        return None  # several described things
    if len(_scope_free(m.group("description"), places)) < (MIN_NAMED_CHARS if "所在" in m.group("link")
                                                            else MIN_DESCRIPTION_CHARS):
        return None
    noun = m.group("noun")
    # the years and places said before 在 stay with the description ("2024年在……获二等奖的医院")
    lead = (m.group("lead") or "")[:-1]
    description = (lead if lead and not _scope_free(lead, places) else "") + m.group("description") \
        + ("所在" if "所在" in m.group("link") else "")
    return Bridge(f"{description}的是哪{_counter(noun)}{noun}？", m.group("rest"))


#: "2019年……通过自治区审核的三都香葱，到2023年又成功创建了什么？": a thing named after what one year said of
#: it, then asked about in another year: the description only says which thing, the rest is the question
NAMED_THEN = re.compile(r"^(?P<description>[^，,？?]*?(?P<said>(?:19|20)\d{2})年[^，,？?]{2,}?)的(?P<name>[^，,的、？?\d]{2,8})[，,]"
                        r"(?P<rest>(?:到|在|至|于)?了?(?P<asked>(?:19|20)\d{2})年[^，,]*[？?]?)$")


#: what a figure measures, not a thing named ("地区生产总值", "旅游收入", "森林覆盖率")
MEASURE_NAMED = re.compile(r"(?:总值|收入|投资|产值|增加值|总额|金额|资金|支出|规模|[率数量额])$")


def named_then(question: str) -> str | None:
    """The question about a named thing without the description of it from another year
    ("2019年……通过自治区审核的三都香葱，到2023年又成功创建了什么？" -> "三都香葱到2023年又成功创建了什么？");
    None when the question is not of that shape."""
    m = NAMED_THEN.match(question.strip())
    if m is None or m.group("said") == m.group("asked") or not ASK.search(m.group("rest")) \
            or re.search(ONE_THING_KINDS + r"|人$", m.group("name")) or MEASURE_NAMED.search(m.group("name")):
        return None  # a kind ("……的那家医院") is :func:`bridge`'s; a measure ("……的地区生产总值") is no thing
    return m.group("name") + m.group("rest")


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


#: "……合计多少", "A加上B一共多少": the sum of two figures is asked
SUM_ASKED = re.compile(SUM_WORDS + r"|加上")
#: a part of a year a side of a comparison may name
PART_OF_YEAR = re.compile(PART_OF_YEAR_SAID)
#: the whole of a place, said as its level ("柳州全市"): scope, not what is measured
WHOLE_LEVEL = re.compile(r"全市|全区|全县|全城区")
#: decimals of a ratio ("5.0倍")
TIMES_DIGITS = 1
#: the ways of comparing that want the smaller figure, and those that want the larger
SMALLER, MORE_WAYS = "低少慢小", "高多快大" + MORE_AFTER_GENG
#: "A比B多了多少", "多添了几家", "……相差多少": the difference of two figures is asked. The word says which way the
#: question expects; the answer says the way the figures go ("2023年比2019年少8.14亿元")
DIFFERENCE_ASKED = re.compile(r"(?<![同环])比[^，,？?]{1,30}?(?:(?P<way>" + CHANGE_WORDS + r")" + AFTER_CHANGE + r"(?:多少|几)|"
                              + MORE_OR_LESS.replace("?P<way>", "?P<choice>") + r")|相差|差距|差(?:了|额)?(?:多少|几)")
#: "……比，谁多几家": which of two is more, and by how much, in one breath
WHO_MORE_BY = re.compile(r"谁(?P<way>[%s])(?:了|出)?(?:几|多少)" % WAYS)
#: "多出多少", "快几个": by how much one side is more, asked after which (``%`` the name of the group of its way)
MUCH_MORE = r"(?:那)?(?:要|又)?(?P<%s>[" + WAYS + r"])(?:出来?|了)*(?:多少|几)"
#: "哪一年更多？多出多少亿元？", "哪个快？快多少？": after which, by how much
MUCH_MORE_ASKED = re.compile(r"[？?，,、]" + MUCH_MORE % "way")
#: "……是否超过50亿元？", "有没有达到300亿元": a figure checked against a bound the question names (a
#: yes/no marker before it, or 吗 after it)
CHECKED = re.compile(r"(?P<yes>是否|有没有|有无|能否)?(?P<op>超过|高于|多于|大于|达到|突破|不到|低于|少于|小于|不足)了?"
                     r"(?P<bound>\d+(?:\.\d+)?\s*(?:%|个百分点|亿|万|千)?[\u4e00-\u9fa5]{0,3}?)了?(?P<ma>吗)?(?=[？?，,。]|$)")
#: "……是否超过了2019年？": two years or places compared, yes or no
CHECKED_THAN = re.compile(r"(?:是否|有没有|有无)(?P<op>超过|高于|多于|大于|低于|少于|小于)了?(?P<other>[^，,？?]{2,12}?)(?:的水平)?(?=[？?，,。]|$)")
#: the ways of checking a figure: met when it is above, at least, or below the bound
ABOVE, AT_LEAST = ("超过", "高于", "多于", "大于"), ("达到", "突破")
#: the units of rates, which differ by 个百分点 and do not add up
PERCENT_UNITS = ("%", "个百分点")
#: "……2019年多少，2023年多少？哪边高、高多少？" (or "后面那年多出多少？"): two figures asked, then compared
FIGURES_THEN_COMPARED = re.compile(r"^(?P<head>[^？?]*(?:多少|几)[^？?]*[，,][^？?]*(?:多少|几)[^？?]*[？?])\s*"
                                   r"(?P<tail>[^？?]{1,20}[？?]?)$")
#: "后面那年多出多少", "后者比前者高多少": the later side's figure less the earlier's (``choice`` never matches: the
#: groups :func:`_difference` reads)
LATTER_MORE = re.compile(r"(?:后面|后边|后一|后者|后来)(?:那|的)?一?(?:年|个|边|项|家)?(?:比(?:前面|前边|前者|前一)的?[年个边项家]?)?"
                         r"(?P<way>[%s])(?:出来?|了)*(?:多少|几)(?P<choice>(?!))?" % WAYS)
#: the pairs of words a difference is told in (the question's own pair, else 多/少)
DIFFERENCE_WAYS = {"高": "高低", "低": "高低", "调高": "高低", "调低": "高低", "上调": "高低", "下调": "高低", "大": "大小", "小": "大小", "快": "快慢", "慢": "快慢"}


def verdict(question: str, parts: Sequence[tuple[str, str]], places: Sequence[str]) -> str | None:
    """Which of two compared figures is higher (or lower, as asked): "2023年更高：41.9%".

    Args:
        question: the whole question ("……2019年……与2023年……相比，哪一年更高？是多少？").
        parts: (sub-question, its short answer) of its two parts.
        places: known place names (to name the side by the place that differs).
    Returns:
        The verdict, or None when the question compares nothing or the figures have different units.
    """
    question = span_as_than(question)
    which, difference, check = WHICH_MORE.search(question), DIFFERENCE_ASKED.search(question), CHECKED_THAN.search(question)
    by_how_much = WHO_MORE_BY.search(question)  # "谁多几家": which, and by how much
    which = which or by_how_much
    times, total = TIMES.search(question), SUM_ASKED.search(question)
    than_yes_no, same = THAN_YES_NO.search(question), SAME_ASKED.search(question)
    latter = LATTER_MORE.search(question)
    if not (which or difference or check or times or total or than_yes_no or same or latter) or len(parts) != 2:
        return None
    figures = [_figure(short) for _, short in parts]
    if None in figures or not _same_unit(figures[0][1], figures[1][1]):
        return None  # not two figures, or figures of different units
    values = [value for value, _ in figures]
    if total is not None and not (which or difference or check or times):  # "……合计多少"
        if figures[0][1] in PERCENT_UNITS:
            return None  # rates do not add up
        scale = _scale(parts)
        return f"合计{_about(parts)}{_told(sum(values), scale)}{(scale if scale in MULTIPLIER else '') + figures[0][1]}"
    if times is not None and which is None and difference is None:  # "A是B的几倍", "A相当于B的百分之多少"
        if not values[1]:
            return None  # no ratio to nothing
        sides = _sides(parts, places)
        if times.group("share"):
            return f"{sides[0]}相当于{sides[1]}的{format(round(values[0] / values[1] * 100, TIMES_DIGITS), 'f')}%"
        return f"{sides[0]}是{sides[1]}的{format(round(values[0] / values[1], TIMES_DIGITS), 'f')}倍"
    if which is None and difference is None and latter is not None:
        return _difference(latter, parts[::-1], values[::-1], figures[0][1], places)  # "后面那年多出多少"
    if which is None and difference is None:  # "A是否超过了B", "A比B高吗", "A和B一样吗": yes or no, and both figures
        sides = _sides(parts, places)
        if check is None and than_yes_no is None:
            return f"{'一样' if values[0] == values[1] else '不一样'}：{sides[0]}{parts[0][1]}，{sides[1]}{parts[1][1]}"
        op = check.group("op") if check is not None else than_yes_no.group("op")
        met = values[0] > values[1] if op in ABOVE or op in MORE_WAYS else values[0] < values[1]
        return f"{'是' if met else '否'}：{sides[0]}{parts[0][1]}，{sides[1]}{parts[1][1]}"
    if which is None:  # "A比B多了多少": A's figure less B's, in the larger scale of the two
        return _difference(difference, parts, values, figures[0][1], places)
    if values[0] == values[1]:
        return None
    way = next(w for w in (which.groupdict().get(g) for g in ("way", "way2", "way3", "way4")) if w)
    pick = values.index(min(values) if way in SMALLER else max(values))
    # "哪个区更多" is answered by the district, though the sides' years differ too
    said = f"{_sides(parts, places, place_asked=which.group(0).startswith(PLACE_ASKED))[pick]}更{way}：{parts[pick][1]}"
    if difference is None and by_how_much is None and MUCH_MORE_ASKED.search(question) is None:
        return said
    # "哪一年更多？多出多少亿元？": by how much, too
    return f"{said}，{way}{_gap(parts, values, figures[0][1])}"


#: the counters one document says of things another counts by 个 ("实现开工项目25项", "16个项目正式开工"). Not every
#: unit that answers "多少个" (answer_types' rule): 1379户 and 4个 (villages) are no two figures of one measure
COUNTS_LIKE_GE = frozenset("项家所座条批处")
GENERAL_COUNTER = "个"


def _same_unit(mine: str, theirs: str) -> bool:
    """Are two figures' units one, or a counter and the general 个 (25项 against 16个)?"""
    if mine == theirs:
        return True
    return GENERAL_COUNTER in (mine, theirs) and {mine, theirs} <= COUNTS_LIKE_GE | {GENERAL_COUNTER}


def compares_one_measure(question: str) -> bool:
    """Whether the question compares one figure across two years or places in one of the ways :func:`verdict`
    reads ("哪一年更高", "比2019年多了多少", "是否超过了2019年", "是2019年的几倍"), rather than asking two
    things ("……合计多少" may add two measures)."""
    q = span_as_than(question)
    return any(p.search(q) for p in (WHICH_MORE, DIFFERENCE_ASKED, CHECKED_THAN, TIMES, THAN_YES_NO, SAME_ASKED))


#: a comparison asking which place ("哪个区更多")
PLACE_ASKED = ("哪个区", "哪个县", "哪个镇", "哪个市", "哪个城区", "哪一个区", "哪一个县", "哪一个镇", "哪一个市")
#: the sides of a comparison that no year or place tells apart: the first asked, the second
UNNAMED_SIDES = ("前者", "后者")


def _sides(parts: Sequence[tuple[str, str]], places: Sequence[str], place_asked: bool = False) -> tuple[str, str]:
    """What names each side of a comparison of two sub-questions: the years one has and the other
    lacks ("2023年", with the place when the places differ too), else the places ("柳北区"), else which
    of the two it is ("前者"); the places alone when ``place_asked`` (which district) and they differ."""
    years = [tuple(YEAR_PHRASE.findall(sub)) for sub, _ in parts]
    named = [tuple(sorted(place_names(sub, places))) for sub, _ in parts]
    sides = []
    for mine in (0, 1):
        by_year, by_place = _side(years[mine], years[1 - mine]), _side(named[mine], named[1 - mine])
        if place_asked and named[0] != named[1] and by_place:
            sides.append(by_place)
        elif all(years) and years[0] != years[1]:  # "2019年……与2023年……": the sides are years
            # and places too when those differ ("柳江区2024年" against "柳州市2024年上半年")
            sides.append((by_place if named[0] != named[1] else "") + by_year)
        elif named[0] != named[1] and by_place:  # "柳江区2023年……和柳北区……": the sides are places
            sides.append(by_place)
        else:
            sides.append(by_year if years[0] != years[1] and by_year else UNNAMED_SIDES[mine])
    return sides[0], sides[1]


def _difference(asked: re.Match, parts: Sequence[tuple[str, str]], values: Sequence[Decimal], unit: str,
                places: Sequence[str]) -> str:
    """"2023年比2019年少8.14亿元": the first side's figure less the second's, told in the question's
    pair of words (多/少, 高/低 ...); percentages differ by 个百分点."""
    more, less = DIFFERENCE_WAYS.get(asked.group("way") or asked.group("choice") or "", "多少")
    sides = _sides(parts, places)
    if values[0] == values[1]:
        return f"{sides[0]}与{sides[1]}相同：{parts[0][1]}"
    way = more if values[0] > values[1] else less
    return f"{sides[0]}比{sides[1]}{way}{_gap(parts, values, unit)}"


def _gap(parts: Sequence[tuple[str, str]], values: Sequence[Decimal], unit: str) -> str:
    """How far apart two figures of one unit are ("8.14亿元", "0.7个百分点", "约3家"), in the larger scale of the two."""
    gap = abs(values[0] - values[1])
    scale = _scale(parts, gap)
    told = "个百分点" if unit in PERCENT_UNITS else (scale if scale in MULTIPLIER else "") + unit
    return f"{_about(parts)}{_told(gap, scale)}{told}"


def _scale(parts: Sequence[tuple[str, str]], value: Decimal | None = None) -> str:
    """The larger scale word (亿, 万 ...) of two short answers, or the percent sign or ""; with ``value``,
    the larger one it is at least one of (1.07万人 less 3089人 is 7611人, not 0.7611万人)."""
    scales = [NUMBER.search(normalize(short)).group(2) or "" for _, short in parts]
    weight = lambda s: MULTIPLIER.get(s, Decimal(1))  # noqa: E731
    fitting = [s for s in scales if value is None or value >= weight(s)]
    return max(fitting or [min(scales, key=weight)], key=weight)


def _told(value: Decimal, scale: str) -> str:
    """A computed figure in ``scale`` ("8.14" of 8.14亿), without trailing zeros."""
    return format((value / MULTIPLIER.get(scale, Decimal(1))).normalize(), "f")


def _about(parts: Sequence[tuple[str, str]]) -> str:
    """"约" when either figure is approximate ("突破50家"): what is computed from it is too."""
    return "约" if any(APPROX.search(short) for _, short in parts) else ""


def checked_ask(question: str) -> tuple[str, str, str] | None:
    """A question checking a figure against a bound ("……是否超过50亿元？"), as the question for the
    figure ("……是多少？"), with the way of checking and the bound; None for any other question.

    Args:
        question: the standalone question.
    Returns:
        (the question for the figure, "超过" / "达到" / "低于" ..., "50亿元"), or None.
    """
    m = CHECKED.search(question)
    if m is None or not (m.group("yes") or m.group("ma")) or _figure(m.group("bound")) is None:
        return None
    return question[:m.start()] + "是多少" + question[m.end():], m.group("op"), m.group("bound")


def checked(way: str, bound: str, short: str) -> str | None:
    """"否：47亿元，未超过50亿元": whether the figure found meets the bound; None when they are not
    figures of one unit."""
    figure, limit = _figure(short), _figure(bound)
    if figure is None or limit is None or figure[1] != limit[1]:
        return None
    value, edge = figure[0], limit[0]
    met = value > edge if way in ABOVE else value >= edge if way in AT_LEAST else value < edge
    return f"{'是' if met else '否'}：{short}，{'' if met else '未'}{way}{bound}"


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


#: "从2019年到2023年……增加了多少", "2019年至2023年……变化了多少": the change from the first year to the second
YEAR_SPAN = re.compile(r"(?:从|由)?(?P<a>(?:19|20)\d{2}年)(?:到|至|—|－|-|~|～)(?P<b>(?:19|20)\d{2}年)(?:间|期间|之间)?")
SPAN_CHANGE = re.compile(r"(?P<way>增加|减少|增长|下降|提高|降低|变化|变动|多|少)(?:了|出了?)?(?:多少|几)")
#: a span whose figure is one of its own, not a change from one year to the other ("年均增长", "累计减少")
SPAN_TOTAL = re.compile(r"年均|平均|累计|每年|一共|总共|共计|共")
#: "……，离2023年全年的固投总额还差多少亿": how far one figure is below another
GAP_TO = re.compile(r"[，,]?(?:离|距离?)(?P<other>[^，,？?]{2,30}?)还?差(?P<ask>多少|几)")



def span_as_than(question: str) -> str:
    """"从2019年到2023年，柳江区地区生产总值增加了多少？" as "2023年，柳江区地区生产总值比2019年增加了多少？"
    (the later year's figure against the earlier's), "A离2023年的……还差多少" as "A比2023年的……少多少",
    "A，和2019年比起来，少了多少" as "A比2019年少了多少"; any other question as it is.

    Args:
        question: the standalone question.
    Returns:
        The question, said with 比 when it asks for a change between two years.
    """
    said = said_with_bi(question)
    if said != question:
        return said
    gap = GAP_TO.search(question)
    if gap and YEAR_PHRASE.search(gap.group("other")) and not COMPARING_BI.search(question):
        # "A，离2023年全年的固投总额还差多少亿": A's figure against that of the other year, said with 比
        return f"{question[:gap.start()]}比{gap.group('other')}少{question[gap.start('ask'):]}"
    span, change = YEAR_SPAN.search(question), SPAN_CHANGE.search(question)
    if span is None or change is None or change.start() < span.end() or COMPARING_BI.search(question) \
            or SPAN_TOTAL.search(question):
        return question
    said = question[:span.start()] + span.group("b") + question[span.end():change.start()]
    return f"{said}比{span.group('a')}{question[change.start():]}"


#: "哪一年新增的规模以上工业企业更多？那一年新增了几家？": which side is more, and perhaps the winner's
#: figure asked again, or by how much ("哪一年更快？快了多少个百分点？", "比哪年快，快几个点": :func:`verdict`
#: tells the gap, each side is asked its own figure); a way said without 更 ends its clause ("哪年快，")
WHICH_FIRST = re.compile((r"(?P<which>哪一?年|哪个区|哪一?边|哪个)(?:的)?(?P<what>[^？?，,]{0,14}?)(?:更|要|(?<!最)(?=[%s][？?，,]))"
                          r"(?P<way>[%s])"
                          r"(?:一些|一点)?(?P<again>[？?，,]\s*(?:(?:那一年|那个区|那边|这一年|多的一方|高的一方|多的那个|高的那个|"
                          r"更多的那个|更?[%s]的那一?年)[^？?，,]{0,8}?(?:是多少|有多少|是几|几[家个项人所]|(?:投|花|用|完成|新增|引进)了?多少)|(?:数额|数值|金额)?(?:是|有)多少"
                          r"|") % (WAYS, WAYS, WAYS) + MUCH_MORE % "gap" + r"[^？?，,]{0,6}?)[^？?，,]{0,2})?[？?]?$")
#: a verb with 得 between which side and the comparison ("哪一年的定得更高"): when a plan is named before it
#: ("……增长目标，哪一年的定得更高"), it only says the plan was set
SAID_WITH_DE = re.compile(r"[\u4e00-\u9fa5]{1,2}得")


def which_first(question: str) -> str:
    """"……，哪一年新增的规模以上工业企业更多？那一年新增了几家？" without the winner's figure asked again, and
    "……哪一年更快？快了多少个百分点？" without the gap asked (the verdict gives both), "哪一年的定得更高" as
    "哪一年更高"; any other question as it is."""
    m = WHICH_FIRST.search(question)
    if m is None:
        return question
    if SAID_WITH_DE.fullmatch(m.group("what")) and ASKS_TARGET.search(question[:m.start()]):
        return f"{question[:m.start()]}{m.group('which')}更{m.group('way')}？"  # the plan is named before
    return f"{question[:m.start('again')]}？" if m.group("again") else question


def split_question(question: str, places: Sequence[str]) -> list[str]:
    """The sub-questions of a question (the question itself when it asks one thing).

    Args:
        question: the standalone question.
        places: known place names.
    Returns:
        One or more standalone questions.
    """
    question = _source_as_place(which_first(span_as_than(question)), places)
    if (m := FIGURES_THEN_COMPARED.match(question)) and (
            WHICH_MORE.search(m.group("tail")) or MUCH_MORE_ASKED.search("，" + m.group("tail"))
            or LATTER_MORE.search(m.group("tail"))) and len(parts := split_question(m.group("head"), places)) == 2:
        return parts  # "……，柳北区覆盖到多少，柳江区2023年覆盖到多少？哪边高、高多少？": the two figures (then the verdict)
    if (m := ADDED_UP.match(question)) and _two_scopes(m.group("first"), m.group("second"), places):
        # "柳江区2023年……，加上柳北区……，一共多少个": each side's figure, then their sum
        ask = "有" + m.group("ask").rstrip("？?") + "？"
        return [_with_scope(m.group("first") + ask, question, places, per_place=True),
                _with_scope(m.group("second") + ask, question, places, per_place=True)]
    parts = _compared(question, places)
    if len(parts) > 1:
        return parts
    parts = _than(question, places)
    if len(parts) > 1:
        return parts
    parts = _scopes(question, places)
    if len(parts) > 1:
        return [_with_scope(p, question, places, per_place=True) for p in parts]
    parts = _clauses(question, places)
    if len(parts) > 1:  # a clause takes the scope said up to its end, not a later clause's
        return [_with_scope(p, _said_up_to(question, p), places) for p in parts]
    parts = _items(question)
    if len(parts) == 1:
        return [question]
    return [_with_scope(p, question, places) for p in parts]


#: a place said with the document that tells its figure, and nothing else, before what it is compared with or by
#: how much ("我们柳北区那份材料里的全年数比……", "和柳北区那篇年终总结里的比", "……全年数多几个"): the place (a year or a
#: meeting said of the document stays: "柳北区那份2023年总结里的")
SOURCE_OF_PLACE = (r"(?:我们|咱们)?(?P<place>%s)(?:那份|那篇|这份|这篇)[^，,？?比和与跟\d届次会]{0,8}?(?:里头?|中)的?(?:全年)?"
                   r"(?:数字?|数据)?(?=比|和|与|跟|[多少高低快慢大小](?:了|出)?(?:几|多少))")


@functools.lru_cache(maxsize=8)
def _source_of_place(places: tuple[str, ...]) -> re.Pattern:
    """:data:`SOURCE_OF_PLACE` for these places (longest first), compiled once per list of places."""
    return re.compile(SOURCE_OF_PLACE % "|".join(re.escape(p) for p in sorted(places, key=len, reverse=True)))


def _source_as_place(question: str, places: Sequence[str]) -> str:
    """The question with each place said with the document telling its figure said as the place alone."""
    if not places or not SOURCE_NAMED.search(question):
        return question
    return _source_of_place(tuple(places)).sub(r"\g<place>", question)


def _two_scopes(first: str, second: str, places: Sequence[str]) -> bool:
    """Do two added sides each name a year or place, and not the same ones ("柳江区2023年……" and
    "柳北区……")? Two measures of one scope ("新增合作社，加上家庭农场") share words a split would lose."""
    scopes = [(frozenset(YEAR_PHRASE.findall(x)), frozenset(place_names(x, places))) for x in (first, second)]
    return all(years or named for years, named in scopes) and scopes[0] != scopes[1]


def _said_up_to(question: str, part: str) -> str:
    """The question up to the end of ``part`` ("……终点在哪个镇？" of "……终点在哪个镇？该镇在柳北区……":
    the place a later clause names is not the first one's); the whole question when the part is
    not said in it as such (a rewritten clause)."""
    at = question.find(part.rstrip("？?"))
    return question if at < 0 else question[:at + len(part.rstrip("？?"))]


#: a side named by where its figure is told ("柳北区全会那篇", "报道里的")
SOURCE_NAMED = re.compile(r"全会|那篇|这篇|那份|这份|材料|(?:年终)?总结|报道|报告|文章|专版|通报")
#: ... and no measure of its own besides ("全会那篇说的全年数")
SOURCE_REFERENCE = re.compile(SOURCE_NAMED.pattern + r"|里头?|中|说的?|讲的?|提到的?|全年|数字?|的|我们|咱们")


def names_only_source(side: str) -> bool:
    """Does a compared side say only where its figure is told ("柳北区那篇里的", "全会那篇说的全年数"), no measure?"""
    return not SOURCE_REFERENCE.sub("", side)


#: "A与B分别提出的……目标": the deed and measure after 分别, shared by both sides
SHARED_TAIL = re.compile(r"分别(?P<tail>[^，,？?的]{1,8}的[^，,？?]{2,})$")


def _compared(question: str, places: Sequence[str]) -> list[str]:
    """"A，和B相比，哪个更大？是多少？" where A and B are two figures of their own (not one figure of
    two years or places): one question per figure, each with its own scope."""
    # what the asker says of himself before a colon is no side ("老师让我们对比家乡和全市：2024年上半年……", "我们在比较
    # 员工子女入园条件：柳江区2023年和柳北区……"); a measure said so is ("城镇新增就业：柳北区……与柳江区2019年……相比")
    said, colon, rest = question.replace(":", "：").partition("：")
    m = COMPARED.match(rest if colon and rest and SPEAKER.search(said) and not ASK.search(said) else question)
    if not m:
        return [question]
    first, second = m.group("first").strip("，, "), m.group("second").strip("，, ")
    if shared := SHARED_TAIL.search(second):
        # "A与B分别提出的地区生产总值增长目标，哪一个更高": what follows 分别 is said of both sides, and so is the
        # year said before it when the first side says none ("柳江区与柳北区2023年分别完成的固定资产投资")
        years = "" if YEAR_PHRASE.search(first) else "".join(YEAR_PHRASE.findall(second[:shared.start()]))
        first, second = first + years + shared.group("tail"), second[:shared.start()] + shared.group("tail")
    # "区外拉来的到位资金，柳江区2023年跟柳北区全会那篇说的全年数比": the topic said first is the other side's too,
    # when that side names only where its figure is told (a side saying "……专版里的数字" takes the first side's
    # measure in place of its number word, below)
    topic, comma, scope_said = first.replace(",", "，").rpartition("，")
    side = _scope_free(ASIDE.sub("", second), places)
    if comma and only_scope(scope_said, places) and not only_scope(topic, places) and SOURCE_NAMED.search(second) \
            and not FIGURE_REFERENCE.fullmatch(INTERROGATIVE.sub("", side).strip("的")) \
            and names_only_source(side):
        second = f"{topic}，{second}"
    if ITEM_LIST_MARK in first and JOINED_ITEMS.search(question):
        return [question]  # "新开工、续建加快和竣工投产的项目分别有多少个": three items of one measure (:func:`_items`)
    # (a year said by its meeting is scope too: "柳北区开十一届三次全会讲的那一年")
    # (and so is one said by what happened in it: "柳北区在迎来党的二十大那一年")
    # (or without 在, right after its place: "柳北区开二十大那年")
    bare = [INTERROGATIVE.sub("", _scope_free(_without_event_year(DESCRIBED_YEAR.sub("", MEETING_YEAR.sub(
        "", ASIDE.sub("", x))), places), places)).strip("的") for x in (first, second)]
    if SAME_MEASURE.search(second) and bare[0] and not SAME_MEASURE.search(first):
        # "……和柳北区……通报的同一比例相比": the first side's measure
        second = SAME_MEASURE.sub("的" + bare[0], second, count=1)
        bare[1] = INTERROGATIVE.sub("", _scope_free(ASIDE.sub("", second), places)).strip("的")
    elif FIGURE_REFERENCE.fullmatch(bare[1]) and len(measure := MEASURE_TOPIC_END.sub("", bare[0])) >= MIN_COMPARED_CHARS:
        # "……，柳江区2023年和柳北区报道中的数相比": the number the other report gives of the first side's measure
        second = FIGURE_REFERENCE_WORD.sub(measure, second, count=1)
        bare[1] = INTERROGATIVE.sub("", _scope_free(ASIDE.sub("", second), places)).strip("的")
    # what is left of a side without its scope: its part of the year, its level, a place's short name ("柳州全市")
    scope_words = "|".join([WHOLE_LEVEL.pattern, WHOLE_YEAR_WORD, *(re.escape(p[:-1]) for p in places if len(p) > 2)])
    core = [re.sub(scope_words, "", PART_OF_YEAR.sub("", x)).strip("的") for x in bare]
    if not core[0] and core[0] != bare[0] and len(core[1]) >= MIN_COMPARED_CHARS and core[1] == bare[1]:
        # "柳州全市2024年上半年和柳江区2023年的……增速分别是多少": the first side is a scope with a part of a
        # year or a level, which a split by years alone cannot pair with its place; it takes the second's measure
        first = f"{first}的{bare[1]}"
    elif core[1] and len(core[1]) < MIN_COMPARED_CHARS <= len(core[0]) and core[0].endswith(core[1]):
        # "……地区生产总值的增速，和柳江区2023年全年的增速比": the second side names the first's measure by its last word
        at = second.rfind(core[1])
        second = second[:at] + core[0] + second[at + len(core[1]):]
    elif not bare[1] and (lead := re.match(f"(?:{scope_words})+", bare[0])) and WHOLE_LEVEL.search(lead.group(0)) \
            and len(measure := bare[0][lead.end():].strip("的")) >= MIN_COMPARED_CHARS:
        # "柳州全市2024年上半年经济涨的速度，跟柳江区2023年全年比": the first side's scope has a level ("全市"), which a
        # split by years alone cannot pair with its place; the second, a scope only, takes its measure
        second = f"{second.rstrip('的')}的{measure}"
    elif min(len(x) for x in bare) < MIN_COMPARED_CHARS:
        return [question]  # "柳江区2023年的……和柳北区（……）的相比": one figure, two places (:func:`_scopes`)
    # each side takes the scope said up to its end: the first its own, the second the first's too
    return [_with_scope(part + "是多少？", _said_up_to(question, part), places, per_place=True) for part in (first, second)]


#: a clause that refers back to what the clauses before it describe ("这种办法", "该项目", "那么这个")
#: (not a figure asked again: "这一数字又是多少" is :data:`BACK_REFERENCE`'s)
REFERS_TO_CLAUSE = re.compile(r"^(?:那么)?(?:这种|这一|这个|这项|这些|这套|该|此(?!外))(?!数字|数据|数值|指标|比例|年)")
#: what a follow-up said in the middle of a question ends with ("2023年呢，……")
FOLLOWUP_END = "呢"


#: question words inside one description, joined by a 、 ("那份政府一年干了些什么、来年打算干什么的报告"): the
#: 、 joins what describes one thing, it does not part two asks
ASK_IN_DESCRIPTION = re.compile(r"什么、[^，,？?、]{0,12}?什么的(?=[\u4e00-\u9fa5])")


#: a plan described by what it asks ("给自己定的一年经济要涨多少的目标，2024年……"): the clause says what is asked
#: about, the ask is in another
PLAN_DESCRIBED = re.compile(r"[\u4e00-\u9fa5]{1,2}(?:多少|几成)的(?=目标|计划|预期|任务|指标)")


def _clauses(question: str, places: Sequence[str]) -> list[str]:
    """"……多少？增长多少？": one question per asking clause; clauses split at a question mark (or 、 ；),
    else at commas when every comma-separated clause asks ("……是多少，2023年呢？"). A later clause that
    only leans on the first ("2023年呢", "柳北区的呢") is rewritten as a chat follow-up of it would be."""
    described = ASK_IN_DESCRIPTION.search(question) is not None
    for separators in (QUESTION_END, CLAUSE_END, CLAUSE_OR_COMMA_END):
        if described and separators is not QUESTION_END:
            continue
        pieces = [p.strip(" ，,") for p in separators.split(question) if p.strip(" ，,")]
        # (a thing named before and asked about again is :data:`REFERS_BACK`'s: "……是哪个镇，该镇……")
        if separators is CLAUSE_OR_COMMA_END and any(REFERS_TO_CLAUSE.match(p) and not REFERS_BACK.match(p)
                                                     for p in pieces[1:]):
            return [question]  # "……几所学校一起办学，这种办法覆盖到了多少": the clauses before describe what is asked of
        asks = [p for i, p in enumerate(pieces)
                if ASK.search(DESCRIBED_ASK.sub("", PLAN_DESCRIBED.sub("", p) if separators is CLAUSE_OR_COMMA_END else p))
                # "2023年呢" asks when it ends the question or says 呢, not as a scope said in passing
                # ("……的成绩单，那么2024年上半年，柳江区……是多少")
                or (i and is_followup(p) and (i == len(pieces) - 1 or p.endswith(FOLLOWUP_END)))]
        if (len(asks) >= 2 and len(asks) == len(pieces) - 1 and asks[0] is pieces[1]
                and not only_scope(pieces[0], places)):  # (not "2023年，柳江区固定资产投资是多少，增长了多少")
            # a subject said first and asked of in each clause after it ("柳江区规上工业总产值，2019年预计
            # 多少，2025年一季度完成多少"): each clause with it
            return [f"{pieces[0]}，{ask}？" for ask in asks]
        if len(asks) >= 2 and len(asks) == len(pieces):
            break
    else:
        return [question]
    first = asks[0]
    # what the first clause asks about, without its question word, its unit ("多少家") or its kind of
    # statement ("计划"): the later clause says its own ("2023年实际新增了多少家")
    # nor the aside saying its year ("（区委十一届三次全会回顾的那一年）")
    stem = INTERROGATIVE.sub("", STEM_DROPS.sub("", ASIDE.sub("", first))).strip("，, ")
    head, comma, tail = first.replace(",", "，").rpartition("，")
    parallel = [PARALLEL_ASK.fullmatch(c) for c in (tail, *asks[1:])]
    if comma and all(parallel) and len({m.group("counter") for m in parallel}) == 1:
        # "……180项重大项目里，年内要开工几项、竣工几项、继续推进几项": the later asks share what is said before
        # the first one's own deed, not that deed
        stem = INTERROGATIVE.sub("", STEM_DROPS.sub("", ASIDE.sub("", head))).strip("，, ")
    out = [first + "？"]
    for clause in asks[1:]:
        if only_scope(clause, places):  # "2023年呢", "2023年的情况如何": the first clause of that year
            out.append(with_new_scope(clause, first + "？", places))
            continue
        if not ASK.search(clause):  # "它的投资呢": a follow-up of the first clause
            out.append(rewrite_by_rules(clause, first + "？", places))
            continue
        own = _scope_free(clause, places)
        ref = BACK_REFERENCE.search(clause)
        borrows = len(INTERROGATIVE.sub("", own)) < MIN_SUBJECT_CHARS or (
            ref and not (ref.group(0).startswith(AGAIN) and _names_own_figure(clause, own, places)))
        if END_ASKED.fullmatch(own.strip("，, ")) and (PERCENT_ASKED.search(first)
                                                      or expected(first).kind is AnswerKind.PERCENT):
            # "原先是百分之几？现在又到了多少", "……的比例，原来是多少？现在提高到多少了": where the same percentage
            # stands now (not "多少户")
            clause = BARE_HOW_MUCH.sub("百分之多少", clause, count=1)
        if borrows:
            clause = clause + BORROWED_OPEN + _scope_free(stem, places) + BORROWED_CLOSE
        out.append(clause + "？")
    return out


def _names_own_figure(clause: str, own: str, places: Sequence[str]) -> bool:
    """Does a 又-clause name a figure of its own: a place, a year and a measure (``own``, the clause without
    its scope, less 又, the question word, the kind of statement and the words of a growth)? ("柳江区2020年
    计划开工的重大项目又有多少项"; not "柳江区2020年又计划增长百分之多少")"""
    measure = INTERROGATIVE.sub("", STEM_DROPS.sub("", ASKS_GROWTH.sub("", own.replace(AGAIN, ""))))
    return (bool(place_names(clause, places)) and bool(YEAR_PHRASE.search(clause))
            and len(measure) >= MIN_SUBJECT_CHARS)


#: "……是哪家医院？这家医院……", "……在哪个镇？该镇……": a later ask about the thing an earlier one names
#: (a reference word, then the kind of thing it names, within the part's first 12 characters)
REFERS_BACK = re.compile(r"^[^，,？?]{0,12}?(?P<ref>(?:该|这家|这个|这所|这位|这座|这条|这一|此)"
                         r"(?:医院|学校|企业|公司|镇|乡|村|街道|社区|区|县|市|部门|单位|园区|工业园|项目|工程|领导|人|机构|组织|集团))")
#: ... and the person an earlier one names ("……的头号人物叫啥？他带人去了哪几个省……"; not 其他, 吉他, 他们, 他人)
REFERS_BACK_TO_PERSON = re.compile(r"^[^，,？?]{0,12}?(?P<ref>(?<![其吉利])[他她](?![们人]))")


def resolved(part: str, named: str, person: bool = False) -> str | None:
    """The part with its reference to an earlier answer replaced by that answer ("该镇在柳北区……" ->
    "沙塘镇在柳北区……"), None when it refers to nothing.

    Args:
        part: a later sub-question.
        named: the short answer of the part before it (a name: an organisation, place or person).
        person: the name is a person's ("他" then refers to it too).
    """
    m = REFERS_BACK.search(part) or (REFERS_BACK_TO_PERSON.search(part) if person else None)
    return None if m is None else part[:m.start("ref")] + named + part[m.end("ref"):]


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


def years_compared_against(question: str) -> frozenset[str]:
    """The years a question measures a change against ("2020年……比2019年涨了百分之几": 2019).

    Args:
        question: a question or part of one.
    """
    return frozenset(m.group(1) or m.group(2) for m in YEAR_COMPARED_AGAINST.finditer(question))


def _growth_over_year_before(question: str) -> bool:
    """Does the question ask one year's growth over the year before ("与2018年相比，2019年……增长了百分之几"):
    the growth the reports state, one figure, not two years' figures?"""
    against = years_compared_against(question)
    if not against or not expected(question).growth:
        return False
    others = set(YEAR_NIAN.findall(question)) - against
    return len(against) == 1 and others == {str(int(next(iter(against))) + 1)}


def _scopes(question: str, places: Sequence[str]) -> list[str]:
    if not COMPARES.search(question) or _growth_over_year_before(question):
        return [question]
    years = list(dict.fromkeys(YEAR_PHRASE.findall(question)))
    # (not a place that says where in an ordered list the one asked stands: "紧接融安县之后作交流发言的是哪个区")
    named = [p for p in sorted(place_names(question, places), key=question.find)
             if p in question and not (ORDER_CUE.search(question) and position_from(question, p))]
    # "柳北区（2022年）和柳江区2019年": two places, each with its own year, are two scopes of a place and a year
    paired = [m.group(0) for p in named[:2] if (m := re.search(re.escape(p) + r"(?:（(?:19|20)\d{2}年）|(?:19|20)\d{2}年)",
                                                                   question))]
    if len(years) == 2 and len(named) == 2 and len(paired) == 2 and len({YEAR_PHRASE.search(x).group(0)
                                                                          for x in paired}) == 2:
        values = paired
    elif len(years) >= 2:
        values = years
    elif len(named) >= 2:
        values = named
    else:
        return [question]
    # the two values joined in one clause ("2019年和2023年", "柳江区2023年的……和柳北区"):
    # up to 30 characters between the first value and the conjunction, 4 after it
    # a city and one of its districts are two scopes only when joined right there ("柳州市和柳江区"):
    # "柳北区……进入柳州市千企……名单" names the city inside a programme of the district
    gap = 30 if values is years or values is paired or values[0][-1] == values[1][-1] else 4
    joined = re.escape(values[0]) + r"[^，,。？?]{0,%d}?(?:和|与|及|、|跟|同)" % gap + r"[^，,。？?]{0,4}?" + re.escape(values[1])
    if not re.search(joined, question) and not COMPARED_SAID.search(question):
        return [question]
    out = []
    for keep in values:
        text = question
        for other in values:
            if other != keep:
                # with the aside that says its year ("柳北区（区委十一届三次全会回顾的那一年）"), or its own year
                # before the conjunction ("柳江区2023年和柳北区……": 2023年 is 柳江区's alone)
                # or the year said by what happened in it ("柳北区打造“四个柳北”那年")
                text = re.sub(r"(?:和|与|及|、|跟|同|，|,)?" + re.escape(other)
                              + r"(?:全年)?(?:（[^（）]*）|(?:19|20)\d{2}年(?=和|与|及|、|跟|同(?![比期时样]))"
                              + r"|" + SIDE_YEAR_DESCRIBED.pattern + r")?(?:和|与|及|、|跟|同(?![比期时样]))?", "", text, count=1)
        part = COMPARISON.sub("", text).replace("分别", "")
        if not ASK.search(part):  # "哪一年的地区生产总值更高": each side asks for its figure
            part = LEFT_COMPARED.sub("", part).rstrip("，, ")
            # "哪一年涨得更快": each side asks how much its figure grew
            part = GROWTH_LEFT.sub("", part) + ("增长了多少？" if GROWTH_LEFT.search(part) else "是多少？")
        out.append(part)
    return out


#: a year said by the meeting that looked back on it ("在区委十一届三次全会上回顾的那一年", "区委十一届三次全会时通报的")
MEETING_YEAR = re.compile(r"(?:在|开|召开)?(?:区委|市委|县委|党委)?(?:" + MEETING_NUMBER.pattern + r")(?:全会|全体会议|会议)?"
                          r"(?:上|时)?所?(?:回顾|通报|总结|提到|讲|说)?的?(?:那一?年|年度)的?")
#: a meeting named by its numbers ("区委十一届三次全会"; not "第二届招商大会"): the year it looked back on is the part's
MEETING_SAID = re.compile(r"(?:" + MEETING_NUMBER.pattern + r")(?=[^，,。；;]{0,8}?(?:全会|全体会议|会议))")
#: a year said by what happened in it ("在迎接党的二十大那一年"): it gives way to a year the other side names
DESCRIBED_YEAR = re.compile(r"在[^，,？?在]{2,16}?那一?年")
#: ... said right after a place, with or without 在 ("柳北区打造“四个柳北”那年")
SIDE_YEAR_DESCRIBED = re.compile(r"在?[^，,？?在和与跟]{2,16}?那一?年")
#: the first side's measure, named again by a word of sameness ("的同类数字", "同一比例", "的同一项")
SAME_MEASURE = re.compile(r"的?(?:同一|同类|同样的?|相同的?)(?:比例|数字|数据|指标|数值|比率|项(?!目))?")
#: a planned side that names only a growth ("给2024年定的增长目标", "最低增速目标", "增长预期下限"): the first
#: side's measure
GROWTH_SIDE = re.compile(ASKS_GROWTH.pattern + r"|最低|下限|底线|[的定下设制]")
#: the words that name a number without saying of what ("数", "数字", "数据")
NUMBER_WORD = r"(?:数字|数据|数值|数)"
#: a side naming no measure, only the number some report gives ("报道中的数", "年终总结所报的数字"): the first
#: side's measure, as that report gives it
FIGURE_REFERENCE = re.compile(r"(?:[^，,？?]{0,12}?(?:报道|总结|报告|专版|通报|公布|所报)[^，,？?]{0,6}?的?)?" + NUMBER_WORD)
FIGURE_REFERENCE_WORD = re.compile(NUMBER_WORD + "$")
#: ... and what the first side says after its measure when it refers to its number the same way ("区外境内到位资金方面，
#: 柳江区2023年的数")
MEASURE_TOPIC_END = re.compile(r"(?:方面)?[，,\s]*的?" + NUMBER_WORD + "?$")
#: what a compared side says besides its year that is no figure of its own: that it was planned, and the verb
#: the first side's measure already holds ("比2020年计划新增的多几家"), or who set it ("比给2024年定的", "比区委2024年定的":
#: the district's committee; 市委 is the city's, which stays)
TARGET_LEFT = re.compile(ASKS_TARGET.pattern + r"|新增|完成|实现|引进|达到|^(?:[区县]委|[区县]政府)?[给为]?|(?:设|制|确)?定下?的?$")  # "比给2024年定的"


def _than(question: str, places: Sequence[str]) -> list[str]:
    """"柳江区2023年地区生产总值比2019年多了多少？", "……是多少？比2019年是增加了还是减少了？": one
    question per side, the second with the other year or place ("柳江区2019年地区生产总值是多少？");
    the question itself when 比 names no year or place ("比上年增长多少" asks for the year's own growth)."""
    m = THAN.search(question)
    ask = "是多少"
    if m:
        unit = m.group("unit")
        # a difference of rates in points ("高出多少个百分点") compares the rates themselves
        ask = ("有多少" + unit) if unit and unit[-1] not in "元亿万" and not unit.endswith(POINTS) else ask
        first = question[:m.start()].rstrip("，, ") + ask + question[m.end():]  # "……的同比增速是多少", one clause
        if unit.endswith(POINTS) and expected(first).kind is not AnswerKind.PERCENT:
            # "……涨得快慢，2019年比2023年快了几个百分点": two rates, whatever words say them
            ask = RATE_ASK
            first = question[:m.start()].rstrip("，, ") + ask + question[m.end():]
    elif m := THAN_CHOICE.search(question) or CHECKED_THAN.search(question) or TIMES.search(question):
        before = question[:m.start()]
        asked = before.rstrip("，,？? ")
        # a clause of its own after one that asks ("……是多少？比2019年……") leaves that clause as it is
        first = asked + "？" if asked != before and ASK.search(asked) else asked + ask + "？"
    else:
        return [question]
    other = m.group("other").strip("的")
    years = YEAR_PHRASE.findall(other)
    if not (years or place_names(other, places)):
        return [question]  # "比上年": the year's own growth
    meeting = None if ASIDE.search(other) else MEETING_YEAR.search(other)  # (an aside says its year as it is)
    unmet = other  # the side without the meeting that says its year, which is no measure of its own
    if meeting:  # "比柳北区在区委十一届三次全会上回顾的那一年……": a year said by its meeting
        # (of "柳北区委十一届三次全会……" the 委 is the district's: 柳北区 stays)
        start = meeting.start() + (1 if any(other[:meeting.start() + 1].endswith(p) for p in places) else 0)
        meeting_said = other[start:meeting.end()]
        unmet = other[:start] + other[meeting.end():]
    # "比柳北区在迎来党的二十大那一年多几个": the other place in a year of its own, which the first side's does not name
    described = None if years else DESCRIBED_YEAR.search(unmet)
    if described:
        unmet = unmet[:described.start()] + unmet[described.end():]
    measure = _scope_free(ASIDE.sub("", unmet), places)
    planned = "".join(ASKS_TARGET.findall(measure))
    rest = SAME_MEASURE.sub("", TARGET_LEFT.sub("", measure)).strip("的全年")
    if names_only_source(rest):
        rest = ""  # "比柳北区那篇里的差了多少": the other side names only where its figure is told
    if planned and ASKS_GROWTH.search(rest) and not GROWTH_SIDE.sub("", rest):
        rest = ""  # "比柳江区给2024年定的增长目标低多少个百分点": the growth of the first side's measure, as planned
    # only a year or place, or with the first side's own measure again ("比柳州市2024年上半年的增速高多少个百分点"
    # after "……地区生产总值的增速", "……的同类数字"): the first side, of that year or place
    if not rest or rest in question[:m.start()]:
        # (the first side's year said by its meeting, "柳北区委十一届三次全会回顾的那一年，", gives way to the other's year)
        said_first = _without_meeting_year(first, places) if years else first
        second = with_new_scope(SAME_MEASURE.sub("", unmet), said_first, places)
        if meeting:  # the first side's year gives way to the meeting's
            said = YEAR_PHRASE.search(second)
            second = (second[:said.start()] + meeting_said + second[said.end():] if said else
                      _after_place(second, meeting_said, places))
        elif years:  # "……在迎接党的二十大那一年……，比柳江区2023年的同类数字": the other side's year alone
            second = DESCRIBED_YEAR.sub("", second)
        elif described:
            second = YEAR_PHRASE.sub("", second, count=1)
        if years:  # the other side's year says its own part of the year ("柳江区2023年全年", not 上半年)
            second = PART_OF_YEAR.sub(lambda p: p.group(0) if p.group(0) in other else "", second)
        if planned and (year := YEAR_PHRASE.search(second := ASKS_RESULT.sub("", second))):
            # "比2020年计划新增的多几家": the year's plan (not the first side's result: "实际增速")
            second = second[:year.end()] + planned + second[year.end():]
        return [first, second]
    if len(measure.strip("的")) >= MIN_COMPARED_CHARS:
        # "比柳江区2019年的国家级高新技术企业数多多少": a figure of its own, with the question's place when it names none
        side = other
        # a side that opens with its own place is of that place ("柳州市2024年上半年……", not "柳江区柳州市");
        # otherwise the question's district is its ("比进入柳州市千企……名单的企业数": 柳北区's firms)
        own_place = any(side.startswith(p) or side.startswith(p[:-1]) for p in place_names(side, places))
        return [first, _with_scope(side + ask + "？", question, places, per_place=own_place)]
    return [question]


def _without_meeting_year(text: str, places: Sequence[str]) -> str:
    """``text`` without a year said by a meeting, with the place whose committee met ("柳北区委十一届三次全会回顾的那一年，"
    of "柳北区委十一届三次全会回顾的那一年，柳北区城里……"), unless that leaves it without its place."""
    short = "|".join(re.escape(p[:-1]) for p in places if len(p) > 2)
    aside = next((m for m in ASIDE.finditer(text) if MEETING_YEAR.search(m.group(0))), None)
    if aside:  # "柳北区（区委十一届三次全会回顾的那一年）": the aside goes whole
        left = text[:aside.start()] + text[aside.end():]
    else:
        left = re.sub(r"(?:" + short + r")?" + MEETING_YEAR.pattern + r"[，,]?", "", text, count=1) if short else text
    return left if place_names(left, places) or not place_names(text, places) else text


def _after_place(text: str, words: str, places: Sequence[str]) -> str:
    """``text`` with ``words`` put right after the first place it names (in front when it names none)."""
    named = sorted(place_names(text, places), key=lambda p: text.find(p) if p in text else len(text))
    at = text.find(named[0]) + len(named[0]) if named and named[0] in text else 0
    return text[:at] + words + text[at:]


def event_years(text: str, places: Sequence[str]) -> list[re.Match]:
    """Where ``text`` says a year right after a place by what happened in it ("柳北区开二十大那年", also after
    the place's short name: "柳北开二十大那年"); each match's group ``event`` is the year ("开二十大那年").

    Args:
        text: a question or part of one.
        places: known place names.
    """
    return [m for place in places for m in re.finditer(
        re.escape(place[:-1]) + r"[区市县]?(?P<event>" + SIDE_YEAR_DESCRIBED.pattern + ")", text)]


def places_saying_when(text: str, places: Sequence[str]) -> list[tuple[int, int]]:
    """Where ``text`` names a place only to say a year by that place's meeting or event ("柳北区委十一届三次全会
    回顾的那一年", "柳北区开二十大那年"): each span from the place to the year's end.

    Args:
        text: a question or part of one.
        places: known place names.

    Returns:
        The spans, merged, in order.
    """
    meeting = [m.span() for place in places for m in re.finditer(
        re.escape(place[:-1]) + r"[区市县]?委?" + MEETING_YEAR.pattern, text)]
    return merged_spans(meeting + [m.span() for m in event_years(text, places)])


def merged_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of a text, overlapping or touching ones merged, in order.

    Args:
        spans: (start, end) pairs, in any order.

    Returns:
        Disjoint spans sorted by start.
    """
    merged: list[tuple[int, int]] = []
    for lo, hi in sorted(spans):
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


def _without_event_year(text: str, places: Sequence[str]) -> str:
    """``text`` without a year said right after its place by what happened in it ("柳北区开二十大那年": 柳北区)."""
    # spans may overlap ("柳北区城中村改造完成那年": 城中 is a place's short name)
    return without_spans(text, merged_spans(m.span("event") for m in event_years(text, places)))


def without_spans(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """``text`` with the given disjoint spans cut out.

    Args:
        text: any text.
        spans: disjoint (start, end) pairs (see :func:`merged_spans`).
    """
    for lo, hi in sorted(spans, reverse=True):
        text = text[:lo] + text[hi:]
    return text


def _scope_free(text: str, places: Sequence[str]) -> str:
    text = YEAR_PHRASE.sub("", text)
    for place in place_names(text, places):
        text = text.replace(place, "")
    return text.strip("，, ")


def _with_scope(part: str, whole: str, places: Sequence[str], per_place: bool = False) -> str:
    """The part, with the whole question's years and places put in front when it names none (its
    district when it names only the city and the whole question one district)."""
    prefix = ""
    # "（……回顾年度）", "在区委十一届三次全会上回顾的那一年" say their own year
    own = place_names(part, places)
    if not YEAR_PHRASE.search(part) and not ASIDE_YEAR.search(part) and not MEETING_SAID.search(part):
        years = list(dict.fromkeys(YEAR_PHRASE.findall(whole)))
        # (a year said right after another place is that place's: "柳江区2023年和柳北区……" gives 柳北区 none)
        # (a city's side takes it still: its reports are of other periods, and its figure of that year is asked)
        if len(years) == 1 and not (per_place and own and not any(p.endswith("市") for p in own) and any(
                p not in own and p + years[0] in whole for p in place_names(whole, places))):
            prefix += years[0]
    named = sorted(place_names(whole, places), key=whole.find)
    districts = [p for p in named if not p.endswith("市")]
    if not own and len(named) == 1:
        prefix += named[0]
    elif (not per_place and not any(not p.endswith("市") for p in own) and len(districts) == 1
          and WHOLE_CITY not in part):  # "柳州全市" is the city's own figure
        prefix += districts[0]  # "进入柳州市千企……名单" of a question about 柳北区: the district's firms
    return prefix + part
