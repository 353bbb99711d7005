"""Extractive answers with citations (no LLM), behind the answerability gate.

Every sentence of the retrieved passages is a candidate, except those of a
paragraph that gives orders to a reader (flagged at indexing). A sentence whose year,
place or kind of statement (result vs target) does not fit what the question
pins is not evidence for it. For the rest, :mod:`qa.answering.answer_types`
finds the fact of the asked kind (an amount with its unit, a percentage, a
person ...), and the gate (:mod:`qa.answering.gate`) turns the sentence's
features into the probability that it answers the question. The best sentence
answers when that probability reaches the gate's threshold: the answer starts
with the short answer ("47亿元") and quotes the sentence with its [n]; otherwise
the question is refused and the nearest passages are offered as reading.
"""
from __future__ import annotations

import dataclasses
import enum
import functools
import itertools
import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import Callable, Iterable, Iterator, Sequence

import numpy as np

from ..chinese import (ASKS_RESULT, ASKS_TARGET, CLAUSE_END, CLOSING_MARK, WHOLE_CITY, WHOLE_YEAR_SAID,
                       INTERROGATIVE, LEVEL_WORDS, MARKER, NOTES_HEADING, NUMBER_FACT, DATE_FACT, PERIOD_WORDS,
                       RELATIVE_YEAR_SAID, RELATIVE_YEARS, YEAR, YEAR_NIAN, relative_year, Scope, StatementKind,
                       asks_for, normalize, other_places, periods_named, place_names, school_numbers, small_number,
                       split_sentences,
                       statement_kind, town_said, towns_named)
from ..index.keyword import PLACE_TAG, Tokenizer
from ..index.retrieval import passage_of
from ..index.backend import Index
from ..records import Answer, AnswerKind, AnswerMeta, AnswerMode, Chunk, Passage
from .answer_types import (ASKS_GROWTH, CALLED, CHAPTER, COMPARED, COUNT_UNITS, Candidate, counter_said, DATE_SPAN, DOC_NUMBER_ASKED,
                           DURATION, Expected, GENERIC_COUNTER, HONOUR, MEASURE_UNITS, MEETING_NUMBER, MONEY_UNITS, NAME_LEAD, OFFICE, ORG_ENDS,
                           NEIGHBOUR_SAID, ORDER_CUE, PHONE, POSITION_ASKED, ROAD,
                           ORG_NAME_ASKED, OTHER_CLAUSE_CHARS, PREFERRED_LOOKBACK, SHARE_OF_ASKED, candidates, change_way,
                           enumerates, expected, is_name, item_says, item_weight, nearest, position_from, segment_of,
                           segment_weight, segment_weights, said_as_end_value, said_with_bi, subject_window)
from .answer_types import distance as answer_distance
from ..synonyms import ASKING_WORDS, asked, asked_terms, everyday_phrases, expand, load_table, row_terms, same_as
from .gate import FEATURES, Gate
from .multipart import (ASIDE, DESCRIBED_YEAR, event_years, places_saying_when, verdict, without_spans,
                        years_compared_against)
from .verify import facts

REFUSAL_TEXT = "抱歉，现有文档中没有找到这个问题的答案。"
#: a near miss is named only when it holds at least this idf share of the question's words (places and
#: years aside). Set on the 371 dev questions: at 0.7, 49 of the 80 refused near misses get a note and
#: none of the 8 refused answerable questions does (their nearest left-out sentences cover at most 0.61)
NEAR_MISS_COVERAGE = 0.7
#: the heading over the related reading a refusal offers
RELATED_NOTE = "最接近的段落（仅供参考，不构成答案）："
#: what a multi-part answer says for a part the documents do not answer
PART_REFUSAL = "现有文档中没有找到这一问的答案"
#: a numbered part of a combined answer that the documents do not answer, as :func:`combine` writes it, with the
#: sub-question it echoes ("（2）……是哪一期工程：现有文档中没有找到这一问的答案"): the echo is no answer
PART_REFUSED = re.compile(r"（\d+）[^；]*?：" + re.escape(PART_REFUSAL))
#: what a refusal adds when a question names its thing by a description the documents answer, but not
#: what it asks of that thing ("……那所中学门口装的灯花了多少钱": the school is named, the cost is not)
BRIDGE_NOTE = "文档只说到了“{thing}”，没有说它{rest}"

#: weight of a question term found only in the passage header (title, place,
#: year, section) rather than in the sentence itself
HEADER_MATCH_WEIGHT = 0.5
#: a further sentence is added only when the gate gives it at least this share of
#: the best one's probability and it covers question terms the first one does not
#: (set on dev: 0.95 rather than 0.75 raised citation precision 0.905 -> 0.921 at the same
#: accuracy; 1.0 lost a multi-part answer)
SECOND_SENTENCE_SHARE = 0.95
#: sentences longer than this are cut to the clauses around the matched terms
MAX_QUOTE_CHARS = 90
#: a list's quote is its answer: it may run longer to hold the items ("“三拆”即拆除……" in note 9)
LIST_QUOTE_CHARS = 240
#: how many passages a refusal offers as related reading
RELATED_PASSAGES = 3
#: the distance (see answer_types.distance) between the fact and the question's
#: words at which the "distance" feature reaches 1: another clause, or as many characters
FAR_CHARS = OTHER_CLAUSE_CHARS
#: how many of the question's rarest terms the "rare_matched" feature looks for
#: (the subject of a question is usually its one or two rarest words)
RARE_TERMS = 2
#: sentences found by searching every sentence vector of the index (paraphrases
#: whose chunk the passage retrievers missed); their chunks join the candidates. Chosen on the
#: 371 dev questions of 2026-11-26: 16 -> Acc 0.857, 32 -> 0.868, 64 -> 0.864 (and slower)
SENTENCE_SEARCH = 32
#: the sentences (closest to the question by similarity plus term coverage) whose candidate
#: facts are told apart by embedding the clause around each (set on dev: 8)
WINDOW_SENTENCES = 8
#: how much the question's words in a fact's listed item add to its clause's cosine when
#: candidates are told apart (set on dev)
WINDOW_WORDS_WEIGHT = 0.1
#: how much the question's words in the clauses up to a semicolon around a fact add to those in its
#: listed item ("柳州龙工跨境电商产业园正式开园，招商入驻企业21家": the park is named a clause before)
SEGMENT_WORDS_SHARE = 0.5
#: how much the share of the question's asking clause (its characters) said around a figure adds to its
#: clause's cosine when candidates are told apart ("对8家企业作出行政指导" for "对多少家企业作出了行政指导").
#: Set on the 371 dev questions: 0.1 made 4 short answers right and 1 wrong (short-answer accuracy
#: 0.813 -> 0.823); for every kind (not figures only) it lost two place answers
ASK_CHARS_WEIGHT = 0.1
#: the fewest content characters an asking clause needs for its share to count
MIN_ASK_CHARS = 4
#: a term no document holds (its idf is the highest there is)
UNSEEN_TERM = "\x00"
#: a character found in more than this share of the chunks is generic (区, 年, 发, 展 ...): the
#: figure's clause must share another character with the question (set on dev)
GENERIC_CHAR_SHARE = 0.3
#: characters that say nothing of what a figure measures ("开工了", "新招来的", "有多少")
FUNCTION_CHARS = frozenset("了来的有是在把被给让和与及等呢吗啊吧又也还都再那这要里")
#: a question's opening that says where it was read ("据“四个柳北”专版，", "按2024年初的说法，", "……全会那篇报道里，"):
#: not what is measured
SOURCE_SAID = re.compile(r"^(?:据|根据|按照|按|依据)[^，,？?]{1,24}[，,]"
                         r"|^[^，,？?]{0,24}?(?:报告|文件|报道|专版)[^，,？?]{0,8}?(?:(?:名词解释|解释|注释)里?(?:说|讲|写|提到)?"
                         # (not "柳北区专版里的森林覆盖率，", which is what is measured, nor "……报告中提到的项目里，",
                         # what is counted)
                         r"|里?(?:说|讲|写|提到)|(?<=报告|文件|报道|专版|文章)里)[，,]")
#: the particles that end a token jieba glued to a word no document uses ("电等" of "路、水、电等配套"): such a
#: token is no paraphrase of what is measured, and the next rarest word is read instead
GLUED_PARTICLES = "等了着过"
#: words of a question that are about nobody in particular: never the most specific thing it measures
NOT_SPECIFIC = frozenset({"大家", "我们", "他们", "人们", "自己", "方面", "情况", "问题", "东西", "事情",
                          "老百姓", "百姓", "大伙", "大伙儿", "人家",
                          "一年", "那年", "这年", "当年", "同年",  # which year ("那一年"), not what
                          "一批",  # which batch ("准备推的那一批重点大工程"), not what
                          "比例", "占比", "比重", "百分比", "份额",  # the kind of figure, not its thing
                          # where a deed went ("花出去", "搬进来"), not what it was about
                          "出去", "出来", "进去", "进来", "起来", "下来", "下去", "上来", "上去", "回来", "过来",
                          # what the document does ("政府工作报告解释的……计划"), not what it speaks of
                          "解释", "说明", "介绍", "提到", "报告", "报道", "文件", "专版", "版面", "日报", "文章", "说法",
                          # the frame of an honour ("获评“红旗村”称号的村有多少个"), not what is counted
                          "称号", "荣誉",
                          # when in a story it happened ("最后装了几盏灯"), not what
                          "最后", "最终", "后来", "起初", "当初", "一开始",
                          # which end of a change ("原来是多少"), not what changed
                          "原来", "原先", "本来",
                          # the class of firms a figure is counted over ("规上企业一年搞研发砸了多少钱"), not what
                          "规上"})
#: what is counted in visits (人次) rather than people
VISITS_COUNTED = re.compile(r"游客|旅客|乘客|观众|人流|客流|人次|访问")
#: words that say a figure is money and nothing of what the money is for ("钱", and 资金 and 投入 added for
#: 花在): a money clause ("到位资金98.9亿元") does not measure what a money question asks by them alone
MONEY_ONLY_CHARS, MONEY_ONLY_PAIRS = frozenset("钱"), frozenset({"资金", "投入"})
#: the people who serve, asked as a count ("便民服务中心有多少名工作人员"): a sentence that says no such people
#: ("服务首日就完成37人上门认证") or counts those served ("为30余人答疑解惑") counts none of them
STAFF = r"工作人员|员工|职工|干部|医生|护士|医护人员|教师|老师|志愿者|网格员|社工|人手|专员"
STAFF_ASKED = re.compile(r"(?:多少|几)[名个位]?[^，,？?多几]{0,4}?(?:%s)|(?:%s)(?:队伍)?(?:的?人数|数量|(?:一共|总共|共)?有"
                         r"(?:多少|几)[名个位人]?(?=[？?，,]|$))" % (STAFF, STAFF))
STAFF_SAID = re.compile(STAFF + r"|人员|成员|队员|工作者|人才|专家|职员|党员")
SERVED_BEFORE, SERVED_AFTER = re.compile(r"为(?:约|近|超过?|逾)?$"), re.compile(r"[^，,；;。]{0,4}?(?:答疑|解惑|服务|办理|解决|认证|上门)")
#: a part of the people counted, said by where they come from ("从境外来的游客"): a count of them all ("接待游客454万人次")
#: is not it, unless the sentence says that part
PEOPLE_PART = re.compile(r"境外|海外|(?<!全)国外|外国|外籍|入境|港澳台")
#: ... asked with a unit that counts people or their visits
PEOPLE_COUNTED = ("人", "人次", "名", "位")
#: the kind of body a firm's name is asked as ("公司全名叫什么")
FIRM_HEAD = "公司"
#: what a count is of, right after it ("三个突破年活动为抓手"), and the last characters of what a count asks for that
#: name the thing ("工程" of "外来工程": 项目 says it too); words that name no thing in particular ("几个买菜的地方")
NOUN_AFTER = re.compile(r"[\u4e00-\u9fa5“”]{1,8}")
COUNTED_CHARS = 2
VAGUE_COUNTED = frozenset({"地方", "东西", "事情", "事儿", "地儿", "玩意", "单位", "点"})
#: the characters a rank is asked and said with ("排第几", "名次", "居全区第6位"): none says what is ranked
RANK_CHARS = frozenset("排名次位居第")
#: "项目数有多少个", "人数是多少": 数 says a count is asked, not what is counted
COUNT_ASKED_CHAR = "数"
COUNT_ASKED = re.compile(COUNT_ASKED_CHAR + r"(?=(?:有|是|为|达到?|共)?(?:多少|几))")
#: an outcome asked of a count ("达成了就业意向", "当场签了合同", "谈妥"): a sentence must say one, not only who came
#: (a rate of success is said as one: "调解成功率达95.75%" for "谈成的比例")
OUTCOME_ASKED = re.compile(r"达成|签(?:了|订|下|署)?(?:劳动|工作)?(?:合同|协议|约)|录用|录取|意向|谈成|谈妥")
OUTCOME_SAID = re.compile(r"达成|签|录用|录取|意向|谈成|谈妥")
#: a rank of how much a figure changed ("提升幅度居全区第6位"), and a question asking for one ("加快的程度排第几")
RANKED_CHANGE = re.compile(r"(?:提升|提高|上升)幅度")  # (增幅, 增长幅度: the growth rate itself)
RANK_OF_CHANGE_ASKED = re.compile(r"提升|提高|抬升|加快|进步|幅度|程度|变化|增幅|升幅|降幅")
#: the units a figure is said in, and the dimensions a figure has: how a thing is measured, not what
UNIT_WORDS = frozenset(MONEY_UNITS + COUNT_UNITS)
DIMENSION_WORDS = re.compile(r"面积|长度|里程|总量|总额|金额|大小|数额|多少|速度")  # (not 规模: "规模以上" names a class)
#: words that say the kind of figure asked, not what it measures ("占了多大比例")
FIGURE_KIND = re.compile(r"比例|占比|比重|百分比|份额")
#: words that qualify how a figure is asked, not what it measures ("60岁以上的老年人具体有多少": 上 is no 上门)
QUALIFIER_WORDS = re.compile(r"以上|往上|以下|往下|左右|具体|确切|准确|大约|大概|一共|总共|平均"
                             r"|到底|究竟|达到|落到")  # (or that it reached it: "产出值达到多少" says no 到位资金)
#: words for the public ("老百姓"): the terms the synonym table adds for them ("群众 居民") say no figure's
#: thing ("城镇居民可支配收入" is not what "老百姓在商场超市花掉多少钱" asks); "人家" counts households
THE_PUBLIC = frozenset({"大家", "人们", "老百姓", "百姓", "大伙", "大伙儿"})
#: a company named by its registered name ("市青山绿水农业科技有限公司"), and a word that only says what kind
#: of body it is ("有限公司", "工厂"): never the company itself
COMPANY_SPAN = re.compile(r"[\u4e00-\u9fa5A-Za-z0-9]{2,24}?有限(?:责任)?公司")
BODY_KIND = re.compile(r"^[\u4e00-\u9fa5]{0,2}(?:" + ORG_ENDS + r")$")
#: the least idf of the most specific word a question measures: a word in over a third of the passages
#: ("工作" of "多少份工作", "建设", "发展") names nothing in particular (set on dev)
SPECIFIC_MIN_IDF = 1.0
#: a year said with its 年 ("2019年"), which ends the word it is in
YEAR_ENDED = re.compile(YEAR_NIAN.pattern + "年")
#: chunks counted to find the generic characters, and the fewest that can tell them
GENERIC_CHAR_CHUNKS = 20_000
GENERIC_CHAR_MIN_CHUNKS = 100
#: a name written in quotes, and the fewest characters of one a question must say to be read as naming it
#: (followed by the kind of thing it names: "“桂惠贷”贷款", "“梨刻办”模式"; not a figure of speech that ends its clause,
#: "守好自己的“钱袋子”。"), or by 等 and that kind ("“红蜂驿站”等服务平台")
QUOTED_NAME, QUOTED_NAME_MIN = re.compile(r"“([^“”，,。；;\s]{2,8})”(?=[\u4e00-\u9fa5])(?![的了和与及是在为、])(?!等[，,。；;])"), 3
#: chunks before a sentence's own that may still name the town or the company it is about (a news
#: article's opening)
LOOKBACK_CHUNKS = 2
#: words that only say where or when (with the known places and years, a question of nothing but
#: these asks for nothing)
PLACE_OR_YEAR_WORDS = frozenset({"全区", "全市", "全县", "我区", "我市", "本区", "本市", "年内"})
#: a question about a per-head figure needs a per-head figure
PER_CAPITA = "人均"
#: ... which a sum of money in bare 元 is, whatever its clause calls it (no 万 or 亿 before the 元: "城镇居民可支配收入
#: 37522元，同比增长7%" tells a resident's income; a district's totals are told in 万元 and 亿元), unless said as a
#: total ("共发放补贴资金86400元")
MONEY_PER_HEAD, TOTAL_SAID, TOTAL_LOOKBACK = re.compile(r"(?<![\d.])\d+(?:\.\d+)?\s*元"), re.compile(r"共|总|合计|累计"), 8
#: a question about a figure per unit ("每平方米每月收多少物业费", "每亩"): the figure must be one per unit
#: ("2.5元/平方米", "每亩1000元"), not a total. Not 每年/每月: the reports write a yearly figure as "年出栏10万头"
PER_UNIT_ASKED = re.compile(r"每(?:平方米|平米|人|户|亩|吨|公里|家|名|位|辆|套|间)"
                            # ... said "一人一年", "每个人", or a price of one piece ("酸野一袋卖多少钱")
                            r"|一个?人一(?:年|个?月)|每个人"
                            # ("一亩地要多少钱", "一度电多少钱"; not "一百零一亩地卖了多少钱", "一度涨到多少钱")
                            r"|(?<![\d零一二三四五六七八九十百千万])一(?:袋|斤|公斤|瓶|盒|包|碗|份|亩地?|度电|平方米|平米|吨)"
                            r"(?=[^，,？?]{0,4}?(?:卖|多少钱|价))")
PER_UNIT_SAID = re.compile(r"每|[/／]|均|可支配收入")  # disposable income is always per head
#: an average asked in everyday words ("城里人一年到手能花的钱，平均多少", "平均月薪"): a per-unit figure, never a total
AVERAGE = "平均"
#: characters before the question word whose terms say what is asked ("采用了什么执勤方式")
ASKING_WORDS_BEFORE = 6
#: a year named relative to the text's own ("今年" of a 2025 article): a question's must be the figure's
RELATIVE_YEAR = re.compile("|".join(RELATIVE_YEARS))
#: a figure said right after the year before ("较上一年度4.89亿元"): that year's value, the base of a
#: comparison, not the year's own (a growth "比上年增长5%" is the year's own: a verb stands between)
BASE_YEAR_BEFORE = re.compile(r"(?:上一?年度?|去年|上年同期)的?\s*$")
#: characters before a figure searched for :data:`BASE_YEAR_BEFORE`
BASE_YEAR_CHARS = 8
#: a question asking for the year before the one its statements are of ("在上一年度是多少"); "比上年增长
#:多少" asks for this year's growth, and 去年 is left to the question's year (it may mean the year before now)
PREVIOUS_YEAR_ASKED = re.compile(r"(?<![比较同与跟和于])(?<!比之)(?<!较之)(?:上一年度?|上年度|前一年)")
#: a question asking what a term means
DEFINITION_ASKED = re.compile(r"指的是什么|是指什么|指什么|具体指|分别指|什么意思|含义|是什么意思")
#: the position of the "defines_term" feature
DEFINES_TERM = FEATURES.index("defines_term")
#: a question that asks for the exact figure is not answered by an approximation
EXACT_ASKED = re.compile(r"具体|确切|准确|精确|(?<![标基水])准数|一个不差|分毫不差|不多不少")  # (not 标准数额)
#: kinds whose facts are found reliably by pattern: a sentence without one cannot answer
NUMERIC = (AnswerKind.AMOUNT, AnswerKind.PERCENT, AnswerKind.RANK, AnswerKind.DATE)
#: kinds a sentence cannot answer without a fact of the kind: the figures, and a person or an organisation
#: ("柳州市市长是谁" is not answered by a sentence naming only a 副市长)
NEEDS_CANDIDATE = NUMERIC + (AnswerKind.PERSON, AnswerKind.ORG)
#: words that say a figure is a change, not what changed
CHANGE_SAID = re.compile(ASKS_GROWTH.pattern + r"|增加|减少|上升")
#: the share of the question's words (by weight) another part of a sentence with a figure of its own says, when
#: the figure's part says none, that makes the figure another's (chosen on probes 48-50; every dev answer is the
#: same with it)
ELSEWHERE_SHARE = 0.2
#: kinds whose facts are names, which the question may say itself (the start of a bus line, asked its end)
NAMED_KINDS = (AnswerKind.PLACE, AnswerKind.NAME, AnswerKind.PERSON, AnswerKind.ORG)
#: kinds that ask for a figure (a city's figure is not read off a sentence about one district)
FIGURES = (AnswerKind.AMOUNT, AnswerKind.PERCENT)
#: kinds whose sentences must say the most specific thing asked, when the documents use it: the figures, and a
#: date ("荷花文化旅游节是哪一年举办的" is not answered by another event's date)
SPECIFIC_KINDS = FIGURES + (AnswerKind.DATE,)
#: jieba's tags, beside the nouns' (n...), of words that can name what a figure measures: a verbal noun
#: ("经费") and an abbreviation ("研发")
NOUN_TAGS = frozenset({"vn", "j"})
#: jieba part-of-speech tags of words that only point at something: pronouns, classifiers and numeral-classifiers
POINTING_TAGS = frozenset({"r", "q", "mq"})
#: jieba's tags of the words that only join others: prepositions, conjunctions, particles
JOINING_TAGS = frozenset({"p", "c", "u", "uj", "ul", "uz", "ug", "uv", "ud"})
#: words of before and after ("建成后能提供": jieba's 后 + 能), which say when, not what
BEFORE_AND_AFTER = frozenset({"后", "前", "以后", "之后", "此后", "今后", "以前", "之前", "前后", "以来"})
#: ... that begin with a personal or demonstrative pronoun (not "本级" of "上级和本级的资金": the level itself)
POINTING_CHARS = frozenset("这那哪咱俺我你他她它此该某")
#: a word the documents use for two things at once ("城乡居民人均可支配收入分别增长2.5%和5%": 城镇 and 农村)
COVERING_WORDS = {"城乡": ("城镇", "城市", "农村", "乡村")}
#: the shortest term a sentence may say with one of its characters missing
LOOSE_TERM_CHARS = 4
#: what a note defining a term says before the list of what it covers (a table row of a note, "居住证
#: 自助制证签注一体机项目市公安局柳江分局", defines nothing)
DEFINES = "是指"
#: kinds that ask which one thing of a kind it is ("哪条路", "哪家快递企业": a note's list of what a term
#: covers answers none of them; "……是哪个市提出的" may be the note's own words)
NAMED = (AnswerKind.NAME, AnswerKind.ORG)
#: how many characters right after a person's name may say the deed asked about
DEED_CHARS = 4
#: kinds whose short answer is the quoted sentence itself
UNTYPED = (AnswerKind.DESCRIPTION, AnswerKind.LIST, AnswerKind.YESNO)
#: the opening of an answer that shows two sources stating different figures for the asked fact
CONFLICT_NOTE = "文档中的数字不一致，请核对原文"
#: answer kinds whose answer may be a figure (two different figures for one fact are a conflict);
#: for descriptions and yes/no questions the figure nearest the question's words is compared
FIGURE_KINDS = (AnswerKind.AMOUNT, AnswerKind.PERCENT, AnswerKind.DESCRIPTION, AnswerKind.YESNO)
#: "14.四大战役：……", "1.“1353”总体工作部署：……": a note defining a term
NOTE_TERM = re.compile(r"^\d{1,2}[.．、]\s*(?P<term>“[^”]{1,20}”[^：:]{0,12}|[^：:]{1,20})[：:]")


#: a document term of this many characters or more, which the synonym table gives for an everyday phrase, names
#: what the phrase means ("社会消费品零售总额" for 买东西, "减税降费" for 减负) though the row does not say the
#: same: a sentence saying it is credited with the phrase's words when sentences are ranked, never when one is
#: checked to be about the thing asked (:meth:`_Question.credits`). Chosen on dev and the probe sets (qa/data/
#: probe*_qa.jsonl): with the "=" rows alone the probes gained 5 answers; with these too, and the two other changes of
#: the same commit, 13, none lost; dev unchanged
NAMING_TERM_CHARS = 4


@dataclass(frozen=True)
class _Sentence:
    """A candidate evidence sentence before its features are computed."""

    passage: Passage
    rank: int
    lo: int
    hi: int
    text: str
    kind: StatementKind
    tokens: set[str]
    header_terms: set[str]
    matched: frozenset[str]
    coverage: float
    found: list[Candidate]
    similarity: float
    said_years: frozenset[str]  # the years the sentence itself names
    years: frozenset[str]  # those, else its section's


@dataclass(frozen=True)
class Evidence:
    """One candidate evidence sentence and what the gate made of it."""

    passage: Passage
    passage_rank: int  # its rank among the retrieved passages (found by sentence search: after them)
    lo: int  # span in the passage text
    hi: int
    text: str
    coverage: float
    matched: frozenset[str]
    features: tuple[float, ...]
    probability: float
    #: the fact of the asked kind in ``text`` (None for untyped kinds or when absent)
    candidate: Candidate | None = None
    #: the years the sentence speaks about (its own, else its section's; empty when unknown)
    years: frozenset[str] = frozenset()


class Rejection(str, enum.Enum):
    """Why a retrieved sentence is not evidence for a question (see ``ExtractiveAnswerer.evidence``)."""

    ORDERS = "a paragraph giving orders to a reader (flagged at indexing)"
    SCOPE = "another year, place or level than the question pins"
    ELSEWHERE = "the question names a place the sentence does not lead to (桂林市)"
    TOWN = "the question pins a town the sentence does not lead to"
    PERIOD = "the question pins a part of the year the sentence does not name"
    DAY = "the question pins a day its figure's sentence does not lead to"
    STATEMENT_KIND = "a target where a result is asked, or a result where a target is asked"
    SPECIFIC = "the most specific thing asked, a word the documents use, is not in the sentence"
    OTHER_BODY = ("the question names a company (by its registered name) or a school (by its number) the sentence "
                  "is not about")
    NO_FACT = "no fact of the asked kind (a share where an amount is asked, no 市长 named)"
    UNRELATED = "no fact to check and no word of the question"
    NOT_A_LIST = "a list is asked and the sentence lists nothing"
    CLAUSE_PLACE = "the figure's own clause is about another place"
    LEVEL = "the figure is another level's (全区 where the city is asked)"
    APPROXIMATE = "an approximation where the exact figure is asked"
    RELATIVE_YEAR = "another relative year's figure (去年's for 今年's; 较上一年度's for the year's own, or the reverse)"
    PER_UNIT = "a total where a per-head or per-unit figure is asked"
    MEASURES_ELSE = "nothing of what the question measures around the figure"
    WHOLE_LIST = "the figure counts a whole list (\"A、B、C等领域的岗位\"), the question one item of it"
    NAMED_BY_QUESTION = "the only name of the asked kind is one the question says itself"
    NOTE_OF_A_TERM = "a note listing what a term covers, for a name asked without the term"
    HEADLINES = "a run of headlines (a page's index: \"——……——……\"), no statement"
    CUMULATIVE = "a running total (累计, with no year of its own) where one year's figure is asked"
    MEASURED_ELSEWHERE = "what is measured is said with a figure only in sentences left out for how they frame it, not here"


#: what a refusal says of the nearest sentence left out for its scope (a near miss), by why it was left out
#: (in this order when two sentences cover the question alike: the kind of statement first)
NEAR_MISS_NOTES = {
    Rejection.STATEMENT_KIND: "文档中最接近的一句是目标或计划，不是实际完成数",
    Rejection.APPROXIMATE: "文档中只有约数，没有确切数字",
    Rejection.PER_UNIT: "文档中最接近的一句是总数，不是人均或单位数",
    Rejection.RELATIVE_YEAR: "文档中最接近的一句说的是另一年份",
    Rejection.LEVEL: "文档中最接近的一句说的是另一地区或层级",
    Rejection.CLAUSE_PLACE: "文档中最接近的一句说的是另一地区",
    Rejection.SCOPE: "文档中最接近的一句说的是另一年份、时段或地区",
}
#: how much more of the question's words (idf share) a sentence left out for its approximation must say than
#: the best sentence for the question to be refused with it (set on dev and the probes)
CLOSER_MARGIN = 0.0
#: the reasons for leaving a sentence out that refuse a question when that sentence says more of it
CLOSER_REJECTIONS = frozenset({Rejection.APPROXIMATE})
#: why a sentence is left out for how it frames its figure: another year, place, level, part of the year or
#: kind of statement, an approximation, a total for a per-head figure
SCOPE_REJECTIONS = frozenset(NEAR_MISS_NOTES) | {Rejection.ELSEWHERE, Rejection.TOWN, Rejection.PERIOD, Rejection.DAY}
#: the same when a target was asked and the nearest sentence states a result
RESULT_FOR_TARGET_NOTE = "文档中最接近的一句是实际完成数，不是目标"


@dataclass(frozen=True)
class LeftOut:
    """A sentence of a retrieved passage that is not evidence for the question, and why."""

    passage: Passage
    lo: int  # span in the passage text
    hi: int
    text: str
    why: Rejection


@dataclass(frozen=True)
class _Question:
    """What a question asks, read once for all its candidate sentences."""

    text: str
    terms: dict[str, float]  # content term -> idf
    total: float  # the terms' idf sum (1 when none)
    rare: tuple[str, ...]  # the RARE_TERMS rarest terms
    known: frozenset[str]  # the terms some document uses
    want: Expected
    scope: Scope
    specific: str | None  # the most specific word a figure question measures, if the documents use it
    asks_result: bool
    asks_target: bool
    normalized: str
    content_chars: frozenset[str]
    elsewhere: tuple[str, ...]  # places the known places do not cover, named without any of them
    query: np.ndarray | None  # the question's vector
    ask_chars: frozenset[str]  # the content characters of the clause that holds the question word
    asks_previous_year: bool  # "在上一年度是多少": the year before's figure is asked
    typed_chars: frozenset[str]  # the content characters of the question as typed (no added terms)
    added: tuple[str, ...]  # the document terms expand() added for its everyday words
    #: the rarest word of a company the question names by its registered name ("青山绿水" of "市青山绿水农业科技有限公司")
    body: str = ""
    #: what a count asks for, said with its measure word ("支队伍" of "共有多少支队伍参赛")
    counted: str = ""
    #: the nouns among the rarest words of what is measured ("研发", "营业额"): a sentence should say them
    measures: tuple[str, ...] = ()
    #: the question describes what it measures in words the table gives a document's term for ("经济总盘子"):
    #: when nothing else typed tells what is measured, a pair of characters of an added term must be said
    #: around the figure (:func:`_undescribed`)
    described: bool = False
    #: the numbers of the schools the question names by number (41 of "柳州市第四十一中学门前"): only a passage
    #: naming one of them is about it (not "体育中心6个露天灯光球场" for what the school's lamps cost)
    schools: frozenset[int] = frozenset()
    #: a firm the question names by its short name before 那家/这家 ("志格" of "柳江区志格那家做冷气机的厂子"): a
    #: sentence that gives a place's figure without naming the firm is not about it
    firm: str = ""

    @functools.cached_property
    def indicators(self) -> frozenset[str]:
        """The kinds of statistical measure (:data:`INDICATOR_KINDS`) the question names, as typed or by the terms
        added for its everyday words ("value added" of "新创造的价值", "output" of 地区生产总值 added for 经济总量)."""
        return frozenset(INDICATOR_KINDS[m] for m in INDICATOR.findall(" ".join((asked(self.text), *self.added))))

    @functools.cached_property
    def short_ask_chars(self) -> frozenset[str]:
        """The content characters of a short asking clause, one too short (:data:`MIN_ASK_CHARS`) to weigh as a
        share ("年内要开工几项": 开, 工); empty for a longer one."""
        chars = self.ask_chars - FUNCTION_CHARS
        return chars if len(chars) < MIN_ASK_CHARS else frozenset()

    @functools.cached_property
    def days(self) -> frozenset[tuple[int, int]]:
        """The days the question names as typed ("2025年4月16号里高那场招工会": (4, 16))."""
        return _days_said(asked(self.text), pinned_only=True)

    @functools.cached_property
    def asks_share(self) -> bool:
        """Does the question ask a share or rate as it stands ("占了多大比例", "占财政支出的比重"), not how it changed?"""
        return self.want.kind is AnswerKind.PERCENT and SHARE_OF_ASKED.search(asked(self.text)) is not None \
            and not change_way(asked(self.text))

    def measures_kind(self, word: str) -> bool:
        """Does the question ask a figure of the kind of measure a word names, or name none (:attr:`indicators`)?"""
        return not self.indicators or INDICATOR_KINDS[word] in self.indicators

    @functools.cached_property
    def said_as(self) -> tuple[tuple[frozenset[str], tuple[str, ...], bool], ...]:
        """For each everyday phrase of the question that the synonym table gives a document term for: the
        question's terms inside the phrase (a word also said elsewhere in the question among them: "人口" of
        "贫困人口占农村人口"), the document terms (normalised) that say the phrase, and whether they say the same
        (a "=" row: "贫困人口占" = 贫困发生率) or only name what it means (:data:`NAMING_TERM_CHARS`: "买东西" ->
        社会消费品零售总额)."""
        typed = asked(self.text).lower()
        rows = []
        for phrase in everyday_phrases(typed):
            inside = frozenset(t for t in self.terms if t in phrase)
            same = tuple(dict.fromkeys(normalize(t) for t in same_as(phrase)))
            naming = tuple(dict.fromkeys(normalize(t) for t in row_terms(phrase)
                                         if len(t) >= NAMING_TERM_CHARS and normalize(t) not in same))
            if inside and same:
                rows.append((inside, same, True))
            if inside and naming:
                rows.append((inside, naming, False))
        return tuple(rows)

    def credits(self, text: str) -> tuple[frozenset[str], frozenset[str]]:
        """The question's terms a text says in the documents' words (:attr:`said_as`): "全区贫困发生率下降至0.15%"
        says 贫困人口 and 人口 of "贫困人口占农村人口的比重".

        Args:
            text: a sentence, clause or passage.
        Returns:
            The terms credited by document terms that say the same as the question's phrase, and those credited by
            terms that only name what it means (these rank sentences; a check that a sentence is about the thing
            asked takes only the first: 超市 is no 社会消费品零售总额's word).
        """
        if not self.said_as:
            return frozenset(), frozenset()
        said = normalize(text)
        found = [(inside, same) for inside, terms, same in self.said_as if any(term in said for term in terms)]
        return (frozenset(t for inside, same in found if same for t in inside),
                frozenset(t for inside, same in found if not same for t in inside))

    def credited(self, text: str, tokens: set[str]) -> set[str]:
        """A text's terms with all those :meth:`credits` gives it (to rank sentences)."""
        by_same, by_name = self.credits(text)
        return tokens | by_same | by_name if by_same or by_name else tokens

    @functools.cached_property
    def added_pairs(self) -> frozenset[str]:
        """The pairs of adjacent characters of the added terms ("生产", "总值" of 地区生产总值)."""
        return frozenset(t[i:i + 2] for t in self.added for i in range(len(t) - 1)) | frozenset(
            t for t in self.added if len(t) == 1)


#: a running total over the years, said in its figure's clause or the one before ("累计开工建设项目60多个，完成固定
#: 资产投资200亿元"; not "累计为30余人答疑解惑，完成……服务5次，……等待时间缩短约15%")
CUMULATIVE_SAID = re.compile(r"累计[^，,；;。]*(?:[，,][^，,；;。]*)?$")
#: ... which a year said with it makes that year's ("2019年累计", "年内累计", "1-3月累计")
YEAR_SAID = re.compile(r"(?:19|20)\d{2}年|年内|全年|今年|当年|本年|[\d一二三四五六七八九十]+月|季度|上半年|下半年")
#: a question asking for a running total ("一共", "截至2019年", "前前后后"), not one year's figure
CUMULATIVE_ASKED = re.compile(r"累计|一共|总共|共计|合计|加起来|前前后后|先后|截至|截止|为止|至今|以来|历年|总计|共有")
#: ... and one asking the whole year's or the whole district's figure ("2019年全区固定资产投资总额"), or what the year
#: actually achieved ("实际落地"): a running total is no answer to it (a report's "累计为企业提供金融担保4亿元" may
#: well be the year's, asked without them)
WHOLE_YEAR_ASKED = re.compile(r"全年|全区|全市|全县|年度|一年")
#: figures listed right before another ("5.7%、", "2.5%和")
LISTED_BEFORE = re.compile(r"(?:\d+(?:\.\d+)?[%％]?[、和及与])+$")
#: a clause saying a share or rate ("占比提升至35%", "优良率提高到88.6%"): its change is the share's
SHARE_SAID = re.compile(r"占|比重|比例|份额|率")
#: the kinds of statistical measure the reports give, by the word that ends their names: what is produced or sold
#: ("地区生产总值", "工业总产值", "旅游收入", "年营业额"; a company's "生产总值" is its 产值; "经济总价值" a 总值),
#: the value it adds ("规模以上工业增加值", "产出增值", "新创造的价值", "品牌价值"), and what is invested
#: ("合同投资额"). A figure said right
#: after one measures that kind, and a question naming only other kinds does not ask it ("全市地区生产总值1472.3亿元"
#: is no 工业增加值 and no 品牌价值). (总额 ends investments and sales alike: it says no kind.)
INDICATOR_KINDS = {"总值": "output", "总价值": "output", "产值": "output", "收入": "output", "营业额": "output",
                   "增加值": "value added", "增值": "value added", "创造的价值": "value added",
                   "创造出来的价值": "value added", "造出来的价值": "value added",
                   "品牌价值": "brand value", "投资额": "investment"}
#: (longest first: 增加值 before 价值; a plain 价值 says no kind: "创造了多少价值" of a company is its 产值; 收入 of
#: 低收入 is a group of people)
INDICATOR = re.compile("|".join(re.escape(k) if k != "收入" else "(?<!低)收入"
                                for k in sorted(INDICATOR_KINDS, key=len, reverse=True)))
#: ... said right before its figure (up to a verb of reaching it: "全市地区生产总值1472.3亿元", "工业总产值达394.6亿元",
#: or its change: "高新技术产业产值达220亿元，同比增长13%")
INDICATOR_BEFORE = re.compile(r"(" + INDICATOR.pattern + r")(?:达到|实现|完成|为|达|约|近|超)?(?:[\d.]+[万亿千百]*元?[，,])?"
                              r"(?:同比|比上年)?(?:增长|下降|提高|增加|上涨|达到|实现|完成|为|达|约|近|超)?$")
#: a byline right before a name ("全媒体记者覃珩", "本报通讯员 罗春宇"): the name is a reporter's
BYLINE_BEFORE = re.compile(r"(?:记者|通讯员)\s*$")
#: a clause opening with a figure said before ("这1.4%比一季度高0.2个百分点")
FIGURE_REFERRED = re.compile(r"[，,]?\s*(?:这|该|此)\s*\d+(?:\.\d+)?\s*(?:%|％|个百分点|亿元|万元)")
#: names alone in brackets ("（梁旎旎覃柳莹）" under a headline): the reporters of an article
BYLINE_BRACKETS = re.compile(r"^\s*[（(](?:[\u4e00-\u9fa5]{2,3}\s?){1,3}[）)]")  # (opening the sentence)
#: a name listed and closed by 等 and a kind of business ("抓好环峰、柳松等新建投产企业", "将柳松智能家电等项目"):
#: firms, not people
FIRMS_LISTED = re.compile(r"[\u4e00-\u9fa5]{0,6}?(?:、[\u4e00-\u9fa5]{1,8})*等(?:新建投产|新建|投产|重点|骨干|龙头|规上)?"
                          r"(?:企业|公司|项目|品牌|产品|园区|厂)")


#: what stands between a label and the place it names ("终点为沙塘镇", "起点：五一路东公交站")
LABEL_LINK = re.compile(r"(?:为|是|在|：|:)\s*$")


def _label_weight(sentence: str, candidate: Candidate, anchors: dict[int, float], terms: dict[str, float]) -> float:
    """The weight of the question's word said right before a fact, labelling it (0.0 when none is)."""
    link = LABEL_LINK.search(sentence, 0, candidate.lo)
    if link is None:
        return 0.0
    end, lowered = link.start(), sentence.lower()
    return max((weight for at, weight in anchors.items()
                if any(at + len(t) == end and lowered.startswith(t, at) for t in terms)), default=0.0)


#: what ends a place's or a stop's name, and leaves its own part ("五一路东公交站": 五一路东)
PLACE_KIND_END = re.compile(r"(?:公交站|汽车站|火车站|站|镇|乡|村|街道|社区)$")
#: the fewest characters of a name's own part that say it (two would take the 柳江 of 柳江区 for any 柳江…名,
#: and 拉堡 of a road for 拉堡镇)
MIN_NAME_CORE = 3


def _changed(text: str, fact: Candidate) -> str:
    """How the words right before a figure say it changed ("rise", "fall" or ""), over the figures listed before it
    with it ("同比下降5.7%、8.7%": 8.7% fell; "分别增长2.5%和5%": 5% rose)."""
    before = LISTED_BEFORE.sub("", text[:fact.lo])
    return change_way(before[-PREFERRED_LOOKBACK:])


def _positions(text: str, terms: Iterable[str]) -> Iterator[tuple[int, str]]:
    """Where each of ``terms`` starts in ``text`` (case-folded), term by term in sorted order."""
    lowered = text.lower()
    return ((m.start(), t) for t in sorted(terms) for m in re.finditer(re.escape(t), lowered))


def _named_by(q: "_Question", candidate: Candidate) -> bool:
    """Does the question already name a place or name found ("从五一路东那边出发，最后开到哪里停" names
    五一路东公交站, the start, not what is asked; "柳州……最后开到哪里" names 柳州市)?"""
    core = PLACE_KIND_END.sub("", candidate.text)
    return (candidate.text in q.text or (len(core) >= MIN_NAME_CORE and core in q.text)
            or candidate.text in q.scope.places)


def _people_terms(typed: str) -> frozenset[str]:
    """The document terms the synonym table adds for the question's words for people in general
    ("群众 居民" of 老百姓)."""
    return frozenset(t for word, terms in load_table() if word in THE_PUBLIC and word in typed for t in terms)


def question_terms(question: str, tokenizer: Tokenizer) -> set[str]:
    """The content terms of a question: interrogatives and one-character
    fragments (jieba splits around question words) removed."""
    stripped = PERIOD_WORDS.sub(" ", INTERROGATIVE.sub(" ", question))
    # a year's 年 ends it: "2019年来柳江区玩的人" has no "年来" (as in "近年来")
    stripped = YEAR_ENDED.sub(r"\1年 ", stripped)
    return {t for t in tokenizer(stripped) if len(t) > 1 or t.isascii()}


def statement_years(chunk: Chunk, kind: StatementKind) -> tuple[str, ...]:
    """The years a sentence without a year of its own speaks about.

    Its section's years, except for a result reported inside the plans for a
    year: a plan for year Y is made at its start and reviews year Y-1 ("2024年
    ……擘画蓝图" reporting "据初步预计，全区完成地区生产总值294.26亿元" is 2023).
    """
    if kind is StatementKind.RESULT and chunk.scope_kind == StatementKind.TARGET.value and chunk.scope_years:
        return (str(int(chunk.scope_years[0]) - 1),)
    if kind in (StatementKind.TARGET, StatementKind.RESULT) and chunk.scope_kind == kind.value and chunk.scope_years:
        # the goals under "2024年……擘画蓝图" are 2024's, the results under "2023年……成绩单" 2023's
        # (a headline's year comes first; the document's other years follow it)
        return chunk.scope_years[:1]
    return chunk.scope_years


#: places the reports name by what they are: 广西 is "自治区" in a 广西 report ("自治区人民政府印发……全区油茶")
OTHER_NAMES = {"广西": re.compile(r"自治区(?!级)")}  # ("自治区级生态乡镇" is a level of honour)
#: a sentence opening with these refers back to what its passage named before ("该公司", "其",
#: "公司常务副总经理李子斌说")
REFERS_BACK = re.compile(r"^(?:[^，,。]{1,4}[，,])?(?:该|其|此|这|公司|企业|项目|工程|园区|学校|医院|服务(?!业)|活动|大赛)")
#: ... or to some of what the sentence right before it counted ("涉及“七个一批”项目140个……。一季度，62个项目完成
#: 投资13.47亿元")
REFERS_BACK_COUNTED = re.compile(r"^(?:[^，,。]{1,4}[，,])?\d+[个家](?:项目|工程|企业)")


#: what a word adds to the thing it measures ("投资额" is the amount of 投资, "企业数" the number of 企业)
MEASURE_SUFFIX = re.compile(r"(?:额|数|总数|数量|总量)$")
#: the fewest characters the thing measured keeps without its suffix ("投资" of 投资额; not "总" of 总额)
MEASURED_STEM_CHARS = 2


def _measured_stem(word: str) -> str:
    """The thing a word measures, without what says it is a measure ("投资" of "投资额"); "" when the word
    ends with no such suffix."""
    stem = MEASURE_SUFFIX.sub("", word)
    return stem if stem != word and len(stem) >= MEASURED_STEM_CHARS else ""


def _says(sentence: str, candidate: Candidate, word: str) -> bool:
    """Is ``word`` (or what the synonym table says it means) said in the part of the sentence, between
    semicolons, that holds the candidate."""
    lo, hi = segment_of(sentence, candidate)
    segment = sentence[lo:hi].lower()
    return word in segment or any(t.lower() in segment for t in same_as(word))


def _amount_of(word: str, tokens: set[str]) -> bool:
    """Is ``word`` the amount or number of a thing the sentence names ("投资额" of "固定资产投资63.1亿元")."""
    stem = _measured_stem(word)
    return bool(stem) and stem in tokens


def _refers_back(sentence: str, word: str, lead: Callable[[], str], before: str = "") -> bool:
    """Does a sentence speak of ``word`` without naming it: it opens with a reference back, perhaps after
    a word of time ("目前，该公司……"; "市志格空调有限公司……" then "公司常务副总经理李子斌说，……公司实现产值
    1.5亿元"), and what leads to it (``lead()``, read only then) names the word; or it opens with a count
    of some of them and the sentence right before it (the end of ``before``) names the word."""
    if REFERS_BACK_COUNTED.match(sentence):
        spans = split_sentences(before)
        return bool(spans) and word in before[spans[-1][0]:spans[-1][1]].lower()
    return bool(REFERS_BACK.match(sentence)) and word in lead().lower()


#: an everyday phrase at least this long is a description ("新创造的价值"), not a word a document may use itself
DESCRIPTION_CHARS = 4


def _undescribed(question: str) -> str:
    """The question without the descriptions the synonym table says the same as a document's term."""
    for phrase in sorted(everyday_phrases(question), key=len, reverse=True):
        if len(phrase) >= DESCRIPTION_CHARS and same_as(phrase):
            question = question.replace(phrase, "")
    return question


#: where a deed went up to, said after its verb ("收上来的钱"): its 上 says nothing of what a figure is of (以上, 规上,
#: 上半年 say it; 出 may: "花出去的钱" is 支出; and the other directions are left as telling: "砸多少钱下去")
DIRECTION_AFTER_VERB = re.compile(r"(?<=[\u4e00-\u9fa5])(?:上来|上去)(?=的|了|[，,？?]|$)")


def _content_chars(question: str, scope: Scope) -> str:
    """The question's characters that say what it is about: no question words, places, towns, years,
    dates ("4月16日"), parts of the year ("上半年"), the change against one ("比一季度快了多少"), figures
    or punctuation."""
    text = PERIOD_WORDS.sub("", DATE_SPAN.sub("", INTERROGATIVE.sub("", COMPARED.sub("", question))))
    text = DIRECTION_AFTER_VERB.sub("", text)  # "收上来的钱": where the deed went, not what (上 is no 规上's)
    # a place is named in full or short ("柳州全市" of 柳州市), and a level says where too ("全市")
    names = [n for p in scope.places for n in (p, p[:-1])] + list(scope.towns) + list(PLACE_OR_YEAR_WORDS)
    for part in sorted(names, key=len, reverse=True) + [f"{y}年" for y in scope.years]:
        text = text.replace(part, "")
    return "".join(ch for ch in text if ch.isalnum() and not ch.isdigit())


def _asking_clause(question: str) -> str:
    """The clause of a question that holds its question word ("对多少家企业作出了行政指导" of
    "……专项监督检查中，对多少家企业作出了行政指导？"); the whole question when none."""
    m = _question_word(question)
    return _clause_around(question, m.start()) if m else question


def _question_word(question: str) -> re.Match | None:
    """Where the question word is ("多少", "什么"; a question mark is none)."""
    return next((m for m in INTERROGATIVE.finditer(question) if m.group(0) not in "？?"), None)


def _asking_words(question: str, tokenizer: Tokenizer) -> frozenset[str]:
    """The terms said right around the question word ("采用 执勤 方式" of "……整治校园周边流动摊点时采用了
    什么执勤方式？"): from :data:`ASKING_WORDS_BEFORE` characters before it to the end of its clause."""
    return frozenset(question_terms(_asking_span(question), tokenizer))


def _asking_span(question: str) -> str:
    """What :func:`_asking_words` reads: from :data:`ASKING_WORDS_BEFORE` characters before the question word to
    the end of its clause ("" without a question word)."""
    typed = asked(question)
    m = _question_word(typed)
    if m is None:
        return ""
    start, end = _clause_span(typed, m.start())
    return typed[max(start, m.start() - ASKING_WORDS_BEFORE):end]


def _did(ev: "Evidence", deed: frozenset[str]) -> bool:
    """Is the person a sentence names followed right away by a word of the deed asked about ("叶俊主持活动")."""
    if ev.candidate is None or not deed:
        return False
    after = ev.text[ev.candidate.hi:ev.candidate.hi + DEED_CHARS]
    return any(len(w) > 1 and after.startswith(w) for w in deed)


#: a description or name asked as the most of its kind ("哪类吃食的小贩数量居首", "卖得最多的是哪类"), and a sentence
#: that says which is the most ("售卖油炸食品的流动摊贩最多"; not "最多跑一次", "最大限度")
MOST_ASKED = re.compile(r"最多|最大(?!限度|程度|化|力度)|居首|[排数]第一|头一位|占多数|最厉害|最集中")
MOST_SAID = re.compile(r"最多(?!跑)|最大(?!限度|程度|化|力度)|居首|居第一位|之首|最为?集中|占多数")
#: where a list question names the kind of thing it asks for ("哪些地区", "哪几个村", "哪两所学校")
LISTED_KIND = re.compile(r"哪(?:些|几|[两三四五六七八九十])(?:个|家|所|项|类|种|座|条|位|名)?(?=[\u4e00-\u9fa5])")


#: how far the last item of a list may run before its 等, and 等 before the kind of thing listed
LIST_ITEM_CHARS, LIST_KIND_GAP = 30, 6
#: kinds of thing a list may be said to be of in other words ("卖到了哪些地方": "东欧、非洲、中亚等地区")
LISTED_KIND_WORDS = {"地方": ("地方", "地区", "国家", "城市", "省份", "省区")}


#: a page's index of headlines run together: a dash-led title, then 30 characters or more without a mark that ends a
#: clause, then another ("——拉堡镇柳西社区探索小区治理新路径见闻聚焦群众需求……——里高镇……一年卖出1000万元……")
HEADLINE_CHARS = 30
HEADLINE_RUN = re.compile(r"——[^，,。；;：:！!？?——]{%d,}——" % HEADLINE_CHARS)
#: a firm named before 那家/这家 and what kind it is ("志格那家做冷气机的厂子", "青山绿水那家厂")
FIRM_NAMED = re.compile(r"(?P<name>[\u4e00-\u9fa5]{2,8})(?:那|这)家(?:[^，,？?]{0,10}?的)?(?:厂子?|工厂|公司|企业)")
#: ... a name ends in none of what ends a place or a description ("白莲大道上", "配套的", "柳江区"), and no
#: superlative describes it ("规模最大那家企业")
NOT_FIRM_NAME = re.compile(r"(?:[的上里边区县市镇乡村路街]|大道|一带|附近|当地|本地)$|^(?:本地|当地|咱们?|我们|那边|这边)|最")
#: the fewest characters of such a name
MIN_FIRM_NAME = 2
#: what stands before a registered firm's own name in the documents, at its start ("走进广西庆达精密机械有限公司", "在市
#: 志格空调有限公司", "……的市青山绿水农业科技有限公司" after NAME_LEAD): a word that leads to it, a province, a city's mark
FIRM_NAME_LEAD = re.compile(r"走进|位于|在|广西|市")
#: the characters of such an own name a question says to name the firm, from its start, with the next character of the
#: name or what kind of body it is after them ("志格空调", "庆达精密机械", "青山绿水那家"; not the idiom "守护青山绿水，"),
#: or its short name (the first :data:`MIN_FIRM_NAME`) before that kind ("志格公司", "庆达那家厂")
FIRM_SAID_CHARS = 4
FIRM_KIND_AFTER = r"(?:那家|这家|公司|厂|集团|企业)"
#: what a sentence quotes someone as saying
QUOTED_SPAN = re.compile(r"“[^“”]*”")
#: the trade of a firm asked for before 是哪家公司 ("临时物业是哪家公司")
TRADE_ASKED = re.compile(r"(?P<trade>(?!企业|公司|单位)[\u4e00-\u9fa5]{2})[，,]?(?:是|为)哪一?家(?:公司|企业)")
#: an abbreviation by number in quotes ("“三无”", "“四个柳北”", "“双千”")
NUMBERED_TERM = re.compile(r"“[一二三四五六七八九十两双百千][^”]{0,6}”")


def _lists_kind(text: str, kind: str) -> bool:
    """Does a sentence end a list with the kind of thing asked ("东欧、非洲、中亚等地区", "实验高中、柳江二中等学校")?"""
    if not kind:
        return False
    kinds = "|".join(map(re.escape, LISTED_KIND_WORDS.get(kind, (kind,))))
    return re.search(r"、[^，,。；;]{0,%d}?等[^，,。；;、]{0,%d}?(?:%s)" % (LIST_ITEM_CHARS, LIST_KIND_GAP, kinds),
                     text) is not None


def _said_share(sentence: str, candidate: Candidate, chars: frozenset[str]) -> float:
    """Share of ``chars`` said around a fact (its listed item, see ``subject_window``), the fact aside."""
    if len(chars) < MIN_ASK_CHARS:
        return 0.0  # "2023年全年是多少": the clause says nothing of what is measured
    lo, hi = subject_window(sentence, candidate)
    around = sentence[lo:candidate.lo] + sentence[candidate.hi:hi]
    return sum(1 for ch in chars if ch in around) / len(chars)


def _is_base_year(sentence: str, candidate: Candidate) -> bool:
    """Is the fact the year before's, said as the base of a comparison ("较上一年度4.89亿元")?"""
    return BASE_YEAR_BEFORE.search(sentence[max(0, candidate.lo - BASE_YEAR_CHARS):candidate.lo]) is not None


#: the relative word that names the year before the one a text speaks about
LAST_YEAR = "去年"


def _year_before_fits(q: "_Question", sentence: str, candidate: Candidate) -> bool:
    """Is the fact of the year the question asks about, as far as "the year before" goes: a question about
    the year before ("上一年生意流水有多少") takes the base of a comparison or a figure its clause frames by
    去年 ("去年全年营业额超1000万元"); any other question takes neither a base of comparison."""
    if not q.asks_previous_year:
        return not _is_base_year(sentence, candidate)
    framed = RELATIVE_YEAR_SAID.findall(sentence[subject_window(sentence, candidate)[0]:candidate.lo])
    return _is_base_year(sentence, candidate) or (bool(framed) and framed[-1] == LAST_YEAR)


def _other_year_framed(q: "_Question", sentence: str, candidate: Candidate) -> bool:
    """Is the fact framed by another year than the question pins: the last year that opens a clause before
    it ("到2022年，……种植面积突破1000万亩，到2025年，……总产值增加至1000亿元": the 1000亿元 is 2025's)?"""
    framed = FRAMING_YEAR.findall(sentence[:candidate.lo])
    return bool(q.scope.years and framed and framed[-1] not in q.scope.years)


#: items listed before a figure as what it counts ("机械制造、物流运输、食品加工、家政服务等领域的岗位1518个")
LISTED_ITEMS = re.compile(r"(?P<items>[\u4e00-\u9fa5]{2,10}(?:、[\u4e00-\u9fa5]{2,10})+)等")
#: a question asking for the whole of such a list ("这些领域", "等……加起来", "像……这样的")
WHOLE_LIST_ASKED = re.compile(r"等|这些|那些|加起来|各|分别|哪些|像|这样|之类|、")  # (一共 is said of one part too)
#: what says a question asks for one part of a whole ("食品加工方面的岗位", "物流这块")
PART_ASKED_AFTER = re.compile(r"方面|领域|类|行业|这一?块|板块")


#: which group a thing is filed under ("在名词解释中属于哪一组工程", "被归入哪一类项目"): a note defining a group
#: of things by listing them answers with the group's name
GROUP_ASKED = re.compile(r"(?:属于|归入|归为|列入|列为|算作|归在|划入)(?:了)?(?:哪一?[组类批项个种]|什么)")
#: a road named by its two ends ("里高至拉堡一级路连接线", "土博至板江二级路"): the second is where it goes
ROAD_BETWEEN = re.compile(r"(?P<from>[\u4e00-\u9fa5]{2})至(?P<to>[\u4e00-\u9fa5]{2})(?=[\u4e00-\u9fa5（）()]{0,8}?"
                          r"(?:[一二三四]级路|公路|道路|高速|连接线|铁路))")
#: the word a town's name ends with, which a question asking for a town ("通往哪个镇") names as its head
TOWN_HEAD = "镇"
#: the list items a position counts: at least this many
MIN_POSITION_ITEMS = 3


def _list_position_fits(question: str, sentence: str, fact: Candidate) -> bool:
    """Does a name stand where the question puts it in the 、-list of its clause ("柳东新区、融安县、柳江区、城中区
    主要负责同志先后作交流发言": 柳江区 for "排第三位" and for "紧接融安县之后")? True when the question asks no
    position, the clause lists too few items to count, or neither says the list is in order (:data:`ORDER_CUE`)."""
    lo, hi = _clause_span(sentence, fact.lo)
    if sentence.count("、", lo, hi) < MIN_POSITION_ITEMS - 1 or not ORDER_CUE.search(question + sentence[lo:hi]):
        return True
    at = sentence.count("、", lo, fact.lo)  # the fact's place in the list, from 0
    if (m := POSITION_ASKED.search(question)) is not None:
        return at == small_number(m.group("n")) - 1
    if not NEIGHBOUR_SAID.search(question):
        return True  # (no item's neighbour asked: the items need not be read)
    starts = [lo, *(i + 1 for i in range(lo, hi) if sentence[i] == "、")]
    for k, start in enumerate(starts):
        end = starts[k + 1] - 1 if k + 1 < len(starts) else hi
        item = sentence[start:end]
        named = next((item[:n] for n in range(len(item), 1, -1) if item[:n] in question), "")
        if not named:
            continue
        if step := position_from(question, named):
            return at == k + step
    return True


def _money_per_head(sentence: str, lo: int, hi: int) -> bool:
    """Does the clause from ``lo`` to ``hi`` tell a sum in bare 元 not said as a total (:data:`MONEY_PER_HEAD`)?"""
    return any(not TOTAL_SAID.search(sentence, max(lo, m.start() - TOTAL_LOOKBACK), m.start())
               for m in MONEY_PER_HEAD.finditer(sentence, lo, hi))


def _one_item_asked(typed: str, said_before: str, terms: dict[str, float]) -> bool:
    """Does a question ask for one item of a list its figure counts as a whole: a term of the question, said as a
    part ("食品加工方面的"), is in one listed item before the figure, and no whole is asked?"""
    if WHOLE_LIST_ASKED.search(typed):
        return False
    parts = [t for t in terms if len(t) > 1 and (at := typed.find(t)) >= 0 and PART_ASKED_AFTER.match(typed, at + len(t))]
    for m in LISTED_ITEMS.finditer(said_before):
        items = m.group("items").split("、")
        if sum(any(t in item for t in parts) for item in items) == 1:
            return True
    return False


def _clause_around(sentence: str, at: int | None) -> str:
    """The clause of ``sentence`` holding position ``at`` (the whole sentence when None)."""
    if at is None:
        return sentence
    start, end = _clause_span(sentence, at)
    return sentence[start:end]


def _clause_span(sentence: str, at: int) -> tuple[int, int]:
    """Where the clause of ``sentence`` holding position ``at`` starts and ends."""
    start = max((m.end() for m in re.finditer(r"[，,；;。：:]", sentence[:at])), default=0)
    end = next((m.start() for m in re.finditer(r"[，,；;。：:]", sentence[at:])), len(sentence) - at) + at
    return start, end


def _part_of_year_before(text: str, at: int) -> bool:
    """Does the clause of a figure at ``at`` name a part of the year before it ("一季度生产10万台"; not "比一季度提高")?
    The figure is that part's, no whole year's."""
    return bool(periods_named(text[_clause_span(text, at)[0]:at]))


#: "约占全市五分之一": the whole a share is of, and the wholes a question names ("在全省占多大份额")
SHARE, SHARE_OF = "占", re.compile(r"占全(?P<whole>市|区|县|省|国|自治区)")
WHOLE_NAMED = re.compile(r"全(市|区|县|省|国|自治区)")


#: an estimate or aim said before a figure in its sentence, with no ； between ("预计今年可生产……，年营业额超
#: 2000万元"); 计划 and 目标 are left out: "完成年度计划投资……" states a result, and so does a report's
#: preliminary count of the year past ("初步预计，2019年全区完成地区生产总值302.4亿元")
ESTIMATE_BEFORE = re.compile(r"(?:(?<!初步)预计|力争|预期|有望)[^。；;]*$")
#: an output planned, said in a figure's clause ("计划年产50万台"): no answer to what was made ("到底造出了多少台":
#: a deed asked as done), though it is to what a firm is to make in a year ("预备出产多少台")
PLANNED_OUTPUT = re.compile(r"(?<!年度)(?<!完成)(?<!按)计划(?=年产|生产)")  # ("按计划生产" is done as planned)
DONE_ASKED = re.compile(r"[\u4e00-\u9fa5](?:了|出来了?)(?:多少|几)|到底|究竟")


def _done_asked(q: "_Question") -> bool:
    """Does a question ask what was done ("实际", "造出了多少台"), not what was planned ("打算")?"""
    return q.asks_result or (not q.asks_target and DONE_ASKED.search(q.text) is not None)


#: words that say a count is asked, not what is counted ("新增城镇就业人数": 就业 is what must be said,
#: not 人数 or 就业人数)
COUNT_WORDS = re.compile(r"人数|数量|个数|总数|数目|户数|次数|件数|品种|种类|品类")


def _other_relative_year(question: str, sentence: str, fact: Candidate) -> bool:
    """Is the fact framed, in its own clause, by another relative year than the question asks
    ("预计今年……" for a question about 去年)?"""
    asked_year = RELATIVE_YEAR.findall(question)
    framed = RELATIVE_YEAR.findall(sentence[subject_window(sentence, fact)[0]:fact.lo])
    return bool(asked_year and framed and framed[-1] not in asked_year)


#: a year that opens a clause or says until when ("到2025年，"; not the base of "比2018年增长")
FRAMING_YEAR = re.compile(r"(?:^|[，,；;：:]|到|至|截至|截止|在|于)\s*((?:19|20)\d{2})\s*年")
#: a year said right before a figure, as its own ("2023年的第29位")
YEAR_BEFORE = re.compile(r"((?:19|20)\d{2})年的?\s*$")


def _relative_year_fits(sentence: str, fact: Candidate, text_years: Sequence[str], years: frozenset[str],
                        own: Sequence[str]) -> bool:
    """Is a fact of one of ``years``, by the last relative year said before it ("去年" in a text
    about ``text_years``), or, when none is, by the years its statement speaks about (``own``)?"""
    said = RELATIVE_YEAR_SAID.findall(sentence[:fact.lo])
    return relative_year(said[-1], text_years) in years if said else bool(years & set(own))


def _names_a_kind(want: Expected) -> bool:
    """A name of a kind is asked ("哪个产业园"): like a figure, it must be said of what the question asks
    about, in its own clause."""
    return want.kind is AnswerKind.NAME and bool(want.head) and want.head != DOC_NUMBER_ASKED


#: a day said by its month and day ("4月16日", "4 月 16 号")
DAY_NAMED = re.compile(r"(?<!\d)(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")
#: ... said as a cut-off or a start ("截至12月31日", "到6月30日止", "8月1日起"), which pins no event's day
DAY_BOUND_BEFORE = re.compile(r"(?:截至|截止|到|至)\s*(?:(?:19|20)\d{2}\s*年)?\s*$")
DAY_BOUND_AFTER = re.compile(r"\s*(?:前|以前|之前|止|为止|起|以来|后|以后)")


def _days_said(text: str, pinned_only: bool = False) -> frozenset[tuple[int, int]]:
    """The (month, day) pairs a text says; with ``pinned_only``, those an event happened on (not a cut-off)."""
    return frozenset((int(m.group(1)), int(m.group(2))) for m in DAY_NAMED.finditer(text)
                     if not pinned_only or not (DAY_BOUND_BEFORE.search(text, 0, m.start())
                                                or DAY_BOUND_AFTER.match(text, m.end())))


#: the levels of place a document speaks of as its own ("哪个区": the district whose report says it)
OWN_LEVELS = ("区", "县")
#: a figure a question says with the character after it, its unit (not a year, a date, a quarter or a rank):
#: "2019年环境空气优良率是88.6%的是哪个区" says "88.6%"
FIGURE_SAID = re.compile(r"(?<![\d.第])\d+(?:\.\d+)?(?![\d.]|[年月日号季])[^\d\s，,。？?的是]")
#: two Chinese characters
CJK_PAIR = re.compile(r"[\u4e00-\u9fa5]{2}")


def _own_place(question: str, sentence: str, level: str, home: Sequence[str],
               places: Sequence[str]) -> list[Candidate]:
    """The place of the level asked that a sentence naming no place speaks of: the one its document speaks of
    first, when it is of that level and the sentence says every figure the question gives, each with its unit
    ("环境空气优良率88.6%" in 柳江区's report, for "2019年环境空气优良率是88.6%的是哪个区"). The first figure's span
    is quoted."""
    figures = FIGURE_SAID.findall(question)
    if not home or not home[0].endswith(level) or not figures or place_names(sentence, places):
        return []  # (only the place its document speaks of first: a city's report gives no district's figure)
    said = [re.search(r"(?<![\d.])%s(?![\d.])" % re.escape(f), sentence) for f in figures]
    if not all(said):
        return []
    # ... of what the question measures: two characters of it in the figure's clause ("增长9%" of 服务业增加值 is
    # no "新增国家级高新技术企业9%")
    clause = sentence[_clause_span(sentence, said[0].start())[0]:said[0].start()]
    if not any(question[i:i + 2] in clause for i in range(len(question) - 1) if CJK_PAIR.fullmatch(question[i:i + 2])):
        return []
    return [Candidate(said[0].start(), said[0].end(), home[0], AnswerKind.PLACE)]


def _counts_other_thing(text: str, best: Candidate, counted: str) -> bool:
    """Does a generic count ("三个") count another thing, said right after it, than the ``counted`` one asked, in a
    sentence that says the thing asked elsewhere ("以“工业发展、招商引资、项目建设”三个突破年活动为抓手" says 项目,
    but counts the campaigns, for "多少个要干的工程")? A sentence saying no word of what is asked may say it in other
    words ("73个铁路沿线安全隐患" for "多少个危险点")."""
    if not counted or counted in VAGUE_COUNTED or not best.text.endswith(GENERIC_COUNTER):
        return False
    after = NOUN_AFTER.match(text, best.hi)
    if after is None or any(ch in after.group(0) for ch in counted):
        return False
    said_as = (counted, *same_as(counted), *row_terms(counted))
    return any(t in text for t in said_as) and not any(t in after.group(0) for t in said_as)


def defined_term(sentence: str) -> str:
    """The term a note sentence defines ("四大战役"), or ""."""
    m = NOTE_TERM.match(sentence)
    return m.group("term").replace("“", "").replace("”", "").strip() if m else ""


def _unrelated(q: _Question, text: str, kind: StatementKind, lead: Callable[[], str], tokens: set[str],
               header_terms: set[str], found: list[Candidate], passage: str = "", before: str = "",
               story: Callable[[], str] = str) -> Rejection | None:
    """Why an in-scope sentence cannot answer what is asked (None: it may). ``lead()`` gives what leads to
    the sentence (its passage and the chunks before; read only when needed), ``passage`` the text of its
    passage, ``before`` that text up to the sentence, ``story()`` its passage with the chunks around it."""
    if (q.specific and q.specific not in tokens | header_terms and not _refers_back(text, q.specific, lead, before)
            and not any(t in text for t in same_as(q.specific))  # "规上" spelled out, "工程" said "项目"
            and not _amount_of(q.specific, tokens)
            # a figure said with the very thing counted ("22支队伍" for "多少支队伍参赛") is that count
            and not (q.counted and any(text.startswith(q.counted, c.hi - len(q.want.unit)) for c in found))
            # a date is often said a sentence away from its event ("12月30日，……。今天，是……全体会议召开的日子")
            and not (q.want.kind is AnswerKind.DATE
                     and (q.specific in passage.lower() or any(t in passage for t in q.added)))):
        return Rejection.SPECIFIC  # another figure
    if q.body and q.body not in tokens | header_terms and q.body not in lead().lower() \
            and not (q.firm and q.firm in passage.lower()):  # (a firm's head quoted: "“……仅用2个月……”桂林力源……总经理……说")
        return Rejection.OTHER_BODY  # "市青山绿水农业科技有限公司……营业额": not 螺蛳粉's 销售收入
    if q.schools and not q.schools & school_numbers(story()):
        return Rejection.OTHER_BODY  # "体育中心6个露天灯光球场" is no 第四十一中学's lamps
    if (q.want.kind in NEEDS_CANDIDATE or q.want.head in (DOC_NUMBER_ASKED, HONOUR, OFFICE, ROAD, PHONE)
            or (q.want.kind is AnswerKind.PLACE and q.want.head)) and not found:
        # a document's number, an honour, an office, a road or a level of place is asked ("哪个村"): a sentence without one
        # does not answer
        return Rejection.NO_FACT
    if q.want.kind in UNTYPED and not any(t in tokens or t in header_terms for t in q.terms):
        return Rejection.UNRELATED
    if q.want.kind is AnswerKind.ORG and q.want.head == FIRM_HEAD \
            and (own_terms := [t for t in q.known if t not in q.added and t != q.want.head]) \
            and not any(t in tokens or t in header_terms or t in text.lower() for t in own_terms):
        # "科创中心……广西逸云电子科技有限公司……等10家优质企业入驻" shares with "那家应急物业，公司全名叫什么" only
        # the kind asked and the 企业 added for it (words no document uses, "做酸" of "做酸嘢", tell nothing).
        # Lenient on purpose, and for a 公司 asked only: a word of the question that is a part of an added term,
        # or a place or year its header says, is enough; requiring more lost eleven paraphrased ORG questions of
        # dev + probes whose sentence only an added term finds, and a hospital asked ("哪家市属医院") took the
        # other of two hospitals a sentence pairs
        return Rejection.UNRELATED
    term = defined_term(text) if kind is StatementKind.NOTE else ""
    if (kind is StatementKind.NOTE and (term or DEFINES in text) and q.want.kind in NAMED and q.want.head
            and not DEFINITION_ASKED.search(q.text) and not (term and term in q.text)):
        return Rejection.NOTE_OF_A_TERM  # "……是指西外环道路工程项目、兴柳路……" names no road that did something
    if q.want.kind is AnswerKind.LIST and kind is not StatementKind.NOTE and not enumerates(text, q.text):
        return Rejection.NOT_A_LIST  # "哪些企业" asked: a sentence that lists nothing names none of them
    return None


class ExtractiveAnswerer:
    """Build a cited answer from the best evidence sentence(s), or refuse.

    Args:
        tokenizer: the BM25 tokenizer (same terms as retrieval).
        idf: inverse document frequency of a term in the index.
        index: the loaded index (chunks, to map quotes to original offsets, and sentence vectors).
        places: known place names (for the question's scope).
        gate: the trained answerability gate.
        embed_query: the question's vector (the retriever's embedding model).
        max_sentences: most sentences in an answer.
        embed_passages: vectors of a few short passages (the clauses around candidate facts);
            None: candidates are told apart by the question's words only.
        expand: the question with the documents' words for its everyday words (what is searched;
            :class:`qa.synonyms.Expander`); the table alone by default.
    """

    def __init__(self, tokenizer: Tokenizer, idf: Callable[[str], float], index: Index, places: Sequence[str],
                 gate: Gate, embed_query: Callable[[str], np.ndarray], max_sentences: int = 2,
                 embed_passages: Callable[[list[str]], np.ndarray] | None = None,
                 expand: Callable[[str], str] = expand):
        if max_sentences < 1:
            raise ValueError(f"max_sentences must be at least 1, got {max_sentences}")
        self.tokenizer = tokenizer
        self.idf = idf
        self.index = index
        self.chunks = index.chunks
        self.places = tuple(places)
        self.gate = gate
        self.embed_query = embed_query
        self.embed_passages = embed_passages
        self.max_sentences = max_sentences
        self.expand = expand

    def evidence(self, question: str, passages: Sequence[Passage],
                 rejected: list[LeftOut] | None = None) -> list[Evidence]:
        """The sentences of the passages that fit the question's scope, best first.

        Args:
            question: the standalone question.
            passages: retrieved passages, best first.
            rejected: if given, gets each sentence left out, with why (diagnostics, refusal notes).
        Returns:
            Evidence with the gate's probability, best first.
        """
        asked_ = self._read(question)
        if asked_ is None:
            return []  # "你好", "那柳江区呢": nothing to look for but a place or a year
        passages = list(passages) + self._sentence_search(asked_.query, passages)
        left_out: list[LeftOut] = []
        sentences = self._sentences(asked_, passages, left_out)
        windows = self._window_similarity(asked_.query, sentences)
        passage_terms: dict[tuple[str, int, int], set[str]] = {}  # a passage -> the terms of its text (read once)
        rows = []
        for sent in sentences:
            key = (sent.passage.doc, sent.passage.start, sent.passage.end)
            if key not in passage_terms:
                passage_terms[key] = asked_.credited(sent.passage.text, set(self.tokenizer(sent.passage.text)))
            row = self._row(asked_, sent, windows, passage_terms[key])
            if isinstance(row, Rejection):
                left_out.append(LeftOut(sent.passage, sent.lo, sent.hi, sent.text, row))
                continue
            rows.append(row)
        rows = self._measured_here(asked_, rows, left_out)
        if rejected is not None:
            rejected.extend(left_out)
        if not rows:
            return []
        top_dense = max(r[1][1] for r in rows)
        found_ev = []
        for sent, features, best in rows:
            features = features[:2] + (features[1] - top_dense,) + features[3:]
            found_ev.append(Evidence(sent.passage, sent.rank, sent.lo, sent.hi, sent.text, sent.coverage, sent.matched,
                                     features, self.gate.probability(features), best, sent.years))
        # (as does a list question about a numbered abbreviation in quotes: "到底是哪“三无”")
        defining = DEFINITION_ASKED.search(question) is not None or (
            asked_.want.kind is AnswerKind.LIST and NUMBERED_TERM.search(question) is not None)
        # the person named right before the deed asked ("是谁主持的": "叶俊主持活动"), among those the gate lets through
        deed = _asking_words(question, self.tokenizer) if asked_.want.kind is AnswerKind.PERSON else frozenset()
        # the sentence whose list ends with the kind of thing asked ("……等地区" for "远销到了哪些地区")
        listed = self._listed_kind(asked(question)) if asked_.want.kind is AnswerKind.LIST else ""
        # the sentence saying which is the most, for a description or name asked as the most of its kind
        most = asked_.want.kind in (AnswerKind.DESCRIPTION, AnswerKind.NAME) \
            and MOST_ASKED.search(asked(question)) is not None
        def says_most(text: str) -> bool:
            return most and MOST_SAID.search(text) is not None
        # a figure the question names ("那140个重点项目"): a sentence saying it, with its unit ("10万台" is not "10余名
        # 工人"), is about what is asked; not a figure of the kind asked, which the question may be checking
        # ("是不是低于3.5%")
        named = [re.compile(r"(?<![\d.])" + re.escape(normalize(c.text)) + r"(?![\d.])")
                 for c in candidates(asked(question), Expected(AnswerKind.AMOUNT), self.places)
                 + candidates(asked(question), Expected(AnswerKind.PERCENT), self.places)
                 if asked_.want.kind is not AnswerKind.YESNO and not YEAR.fullmatch(c.text)
                 and not (asked_.want.unit and _unit(c.text).endswith(asked_.want.unit))
                 and not (asked_.want.kind is AnswerKind.PERCENT and c.text.endswith(("%", "％")))]
        def says_named(text: str) -> bool:
            return bool(named) and any(p.search(normalize(text)) for p in named)
        # "降到了多少": a sentence saying its figure as where a change ended ("由1.08%下降至0.15%")
        end_asked = asked_.want.end_value
        def says_end(ev: Evidence) -> bool:
            return end_asked and ev.candidate is not None and said_as_end_value(ev.text, ev.candidate)
        # "“三保”指的是什么": the document's own note defining the term answers it first
        found_ev.sort(key=lambda e: (-(defining and e.features[DEFINES_TERM] > 0),
                                     -(e.probability >= self.gate.threshold and _did(e, deed)),
                                     -(e.probability >= self.gate.threshold and _lists_kind(e.text, listed)),
                                     -(e.probability >= self.gate.threshold and says_most(e.text)),
                                     -(e.probability >= self.gate.threshold and says_named(e.text)),
                                     -(e.probability >= self.gate.threshold and says_end(e)),
                                     -e.probability, e.passage_rank, e.lo))
        return found_ev

    def _measured_here(self, q: _Question, rows: list[tuple["_Sentence", tuple[float, ...], Candidate | None]],
                       left_out: list[LeftOut]) -> list[tuple["_Sentence", tuple[float, ...], Candidate | None]]:
        """The evidence rows that say what a figure question measures, when the documents say it with a
        figure in sentences left out for how they frame it ("规上企业研发经费投入6.68亿元" is 柳北区's:
        "柳江区规上企业研发投入" is not answered by "柳江区完成规上工业总产值34亿元"); the others join
        ``left_out``.

        Args:
            q: the question read.
            rows: the evidence rows (sentence, features, fact).
            left_out: the sentences left out so far, with why.
        Returns:
            The rows that may answer it.
        """
        if q.want.kind not in SPECIFIC_KINDS or not q.measures or not rows:
            return rows
        other_scope = [text for r in left_out if r.why in SCOPE_REJECTIONS and any(t in (text := r.text.lower())
                                                                                    for t in q.measures)
                       and self._candidates(r.text, q.want, q.text)]
        said_elsewhere = [t for t in q.measures if any(t in text for text in other_scope)]
        kept = []
        for row in rows:
            text = row[0].text.lower()
            if all(says_term(t, text) for t in said_elsewhere):
                kept.append(row)
            else:
                left_out.append(LeftOut(row[0].passage, row[0].lo, row[0].hi, row[0].text, Rejection.MEASURED_ELSEWHERE))
        return kept

    def _says_what(self, term: str) -> bool:
        """Can a term say what a figure measures? Not a figure, a unit ("几分钟", "亿元") or a dimension
        ("面积有多大", "总额"): they say how it is measured; nor a place ("北区" of a cut 柳北区): where."""
        return not any(ch.isdigit() for ch in term) and term not in UNIT_WORDS \
            and not DIMENSION_WORDS.fullmatch(term) and not any(term in p for p in self.places)

    def _is_noun(self, term: str) -> bool:
        """Is a term one noun by jieba's tags (a noun, a verbal noun or an abbreviation: "营业额", "经费",
        "研发"; not a place name, a verb or a word of place: "广西", "创造", "本地")."""
        words = self.tokenizer.tagged_words(term)
        return len(words) == 1 and words[0][1] != PLACE_TAG and (words[0][1].startswith("n") or words[0][1] in NOUN_TAGS)

    def _points(self, term: str) -> bool:
        """Does a term only point at something, by jieba's tags: a pronoun, perhaps with a classifier
        ("咱们", "那趟", "这次"), or a word of before and after that begins it ("以后", "后能" of "建成后能提供")?"""
        words = self.tokenizer.tagged_words(term)
        return bool(words) and (words[0][0] in BEFORE_AND_AFTER or (
            term[0] in POINTING_CHARS and all(tag in POINTING_TAGS for _, tag in words)))

    def _joins(self, term: str) -> bool:
        """Is a term one word that only joins others, by jieba's tags: a preposition, a conjunction or a particle
        ("为了", "因为", "以及")?"""
        words = self.tokenizer.tagged_words(term)
        return len(words) == 1 and words[0][1] in JOINING_TAGS

    def _listed_kind(self, question: str) -> str:
        """The kind of thing a list question asks for: the word right after 哪些 / 哪几个 ("地区", "学校")."""
        m = LISTED_KIND.search(question)
        words = self.tokenizer.tagged_words(question[m.end():]) if m else []
        return words[0][0] if words and words[0][1].startswith("n") else ""

    def _read(self, question: str) -> _Question | None:
        """What the question asks, read once for all its sentences; None when it asks for nothing
        but a place or a year."""
        terms = {t: self.idf(t) for t in sorted(question_terms(question, self.tokenizer))}
        if all(self._says_where_or_when(t) for t in terms):
            return None
        unseen_idf = self.idf(UNSEEN_TERM)
        want = expected(question)
        scope = Scope.of(question, self.places)
        # a place named only to say a year by its meeting or event pins no place when the question names
        # another district, or the whole city ("柳北区委十一届三次全会回顾的那一年，柳州全市……": the city's
        # figure is asked; not "……，区里有多少家企业进入柳州市千企名单": 柳州市 names the list)
        if when := places_saying_when(question, self.places):
            rest = without_spans(question, when)
            named = Scope.of(rest, self.places).places
            if named and (WHOLE_CITY in rest or any(not p.endswith("市") for p in named)):
                scope = replace(scope, places=named)
        # a growth asked against a year ("2020年……比2019年涨了百分之几") is the other year's: the year compared
        # against pins nothing
        if want.growth and (against := years_compared_against(question)) and scope.years - against:
            scope = replace(scope, years=scope.years - against)
        # the most specific thing a figure question measures ("高新技术企业" of "柳州全市高新技术企业
        # 保有量"): its rarest word, leaving out figures, words added by expand() and "计划"/"实际" (they
        # ask for a kind of statement). Only a word the documents use counts: a paraphrase's own are not.
        # An aside ("（区委十一届三次全会回顾年度）") says when, and 人数/个数 that a count is asked: neither
        # is what is measured
        typed = asked(question).lower()
        # an aside, or what a change is measured against ("比去年同期涨了多少"), is not what is measured
        aside = "".join(ASIDE.findall(typed)) + "".join(m.group(0) for m in COMPARED.finditer(said_with_bi(typed)))
        aside += m.group(0) if (m := SOURCE_SAID.match(typed)) else ""  # "据“四个柳北”专版，": where it is read
        # nor is a meeting that says which year ("区委十一届三次全会回顾的年度")
        aside = " ".join([aside, *(m.group(0) for m in MEETING_NUMBER.finditer(typed))])
        # nor an event that says which year ("柳北区开二十大那年", "在迎接党的二十大那一年"; a meeting's is read by
        # its number above: "全会总结的那一年" keeps its words)
        events = [*DESCRIBED_YEAR.finditer(typed), *event_years(typed, self.places)]
        aside = " ".join([aside, *(m.group(0) for m in events if not MEETING_NUMBER.search(m.group(0)))])
        by_rarity = sorted(terms, key=lambda t: (-terms[t], t))  # ties by the term: the same on every run
        known = frozenset(t for t in terms if terms[t] < unseen_idf)  # the terms some document uses
        measures = tuple(t for t in by_rarity
                         if t in typed and t not in aside and self._says_what(t)
                         and not ASKS_TARGET.fullmatch(t) and not ASKS_RESULT.fullmatch(t)
                         and not COUNT_WORDS.search(t) and t not in NOT_SPECIFIC and t not in ASKING_WORDS
                         and not EXACT_ASKED.fullmatch(t)
                         and terms[t] >= SPECIFIC_MIN_IDF
                         and not (t not in known and len(t) == 2 and t[-1] in GLUED_PARTICLES)
                         # "咱们", "那趟": who or which, not what; "为了", a word the documents use, only joins
                         # (tags read last; an unused one, "以外", is a paraphrase's word, read as before)
                         and not self._points(t) and not (t in known and self._joins(t)))
        specific = measures[0] if measures else None
        # a word of an everyday phrase the synonym table knows is not what is measured ("机会" of "工作机会":
        # the phrase's document terms say what it is)
        phrases = [w for w in everyday_phrases(typed) if specific is not None and specific in w and specific != w]
        if phrases and specific not in functools.reduce(lambda text, w: text.replace(w, " "), phrases, typed):
            specific = None  # said only inside such phrases ("民生支出占财政支出": 支出 also stands alone)
        # a question word the documents never use (a paraphrase: "挣了多少钱") cannot be matched by
        # words; one they use elsewhere but not in a sentence says the sentence is about something else
        # (the next rarest known word is no such check: 40 dev paraphrases were refused by it)
        if specific not in known:
            # ... unless it is an acronym the synonym table spells the documents' way ("GDP": =地区生产总值):
            # then a sentence must say that (not any word it has a row for: "原料" of "从原料到卖出整条链子"
            # describes the industry whose sales are asked)
            specific = next((t for t in measures if t not in known and t.isascii() and same_as(t)), None)
        if want.kind not in SPECIFIC_KINDS:
            specific = None
        asks_result, asks_target = asks_for(question)
        # a company the question names by its registered name is said by its rarest word the documents use,
        # not a place's nor its kind's ("有限公司")
        body = max((t for m in COMPANY_SPAN.finditer(typed) for t in terms
                    if t in m.group(0) and t in known and not any(ch.isdigit() for ch in t)
                    and not any(t in p or p in t for p in self.places) and not BODY_KIND.search(t)),
                   key=lambda t: (terms[t], t), default="")
        # the kind of company whose name is asked ("应急物业公司叫什么名字": a 物业 company)
        if not body and want.kind is AnswerKind.ORG and (m := ORG_NAME_ASKED.search(typed)):
            body_kind = m.group(1)
            kind_word = next((t for t in sorted(terms, key=len, reverse=True)
                              if t.endswith(body_kind) and len(t) > len(body_kind) and t in typed), "")
            body = kind_word[:-len(body_kind)] if kind_word[:-len(body_kind)] in known else ""
        # ... or said before 是哪家公司 ("临时物业是哪家公司": a 物业 firm)
        if not body and want.kind is AnswerKind.ORG and (m := TRADE_ASKED.search(typed)):
            body = m.group("trade") if m.group("trade") in known else ""
        firm = "" if body else self._firm_named(typed)  # ... or by its short name ("柳江区志格那家做冷气机的厂子": 志格)
        body = body or firm
        # ... or a programme, product or service the documents name in quotes ("靠桂惠贷借出去多少钱": a sentence that
        # gives another loan's figure, "累计为企业提供金融担保4亿元", says nothing of it)
        # (read in the question as typed: jieba may cut such a name, "靠桂惠贷给" into 靠桂惠 + 贷给; not in an aside that
        # says when: "柳北区打造“四个柳北”那年")
        if not body and want.kind in FIGURES:
            body = max((name for name in quoted_names(self.index)
                        if len(name) >= QUOTED_NAME_MIN and name in typed and name not in aside),
                       key=lambda name: (len(name), name), default="")
        # a place the known places do not cover ("上海市", "桂林市"), named without any of them: only a
        # sentence that names it (or what leads to it) can be about it
        public = _people_terms(typed)
        elsewhere = () if scope.places else tuple(other_places(self.tokenizer.place_words(question),
                                                               self.places + tuple(scope.towns | scope.localities)))
        undescribed = _undescribed(asked(question))  # (read once: it scans the synonym table)
        return _Question(question, terms, sum(terms.values()) or 1.0, tuple(by_rarity[:RARE_TERMS]), known, want,
                         scope, specific, asks_result, asks_target, normalize(question),
                         frozenset(_content_chars(question, scope)), elsewhere, self.embed_query(question),
                         frozenset(_content_chars(_asking_clause(asked(question)), scope)),
                         PREVIOUS_YEAR_ASKED.search(asked(question)) is not None,
                         # what is measured, not how it changed ("增速" of "经济增速" is said of any growth) or
                         # that it was planned ("打算": 算 is no 预算) or achieved ("实际增速")
                         # nor the kind of figure ("多大比例": any share says 比例)
                         # nor a description the table says in the documents' words ("新创造的价值" is 增加值,
                         # which the added terms check), nor where it was read ("……全会那篇报道里，")
                         frozenset(_content_chars(QUALIFIER_WORDS.sub("", FIGURE_KIND.sub("", ASKS_RESULT.sub(
                             "", ASKS_TARGET.sub("", ASKS_GROWTH.sub("", SOURCE_SAID.sub("", undescribed)))))), scope)),
                         # the terms expand() gives the typed question (not a typed aside: "（给出较大的那个）"), but
                         # not those of words for people in general ("居民" of 老百姓 says no figure's thing)
                         tuple(t for t in self.expand(asked(question))[len(asked(question)):].strip("（）").split()
                               if not ASKS_GROWTH.fullmatch(t) and t not in public), body,
                         (m.group(1) if want.unit and (m := re.search(r"(?:多少|几)(" + re.escape(want.unit)
                                                                      + r"[\u4e00-\u9fa5]{2})", typed)) else ""),
                         tuple(t for t in measures if t in known and t in by_rarity[:RARE_TERMS]
                               and self._is_noun(t)),
                         undescribed != asked(question), school_numbers(typed), firm)

    @staticmethod
    def texts_read(header: str, text: str) -> list[str]:
        """What the answerer tokenizes of a passage (its header, the whole text and each sentence), so that
        their tokens can be kept beforehand (``Engine.warm_up``).

        Args:
            header: the passage's header.
            text: the passage's text.

        Returns:
            The texts, header first.
        """
        return [header, text, *(text[lo:hi] for lo, hi in split_sentences(text))]

    def _sentences(self, q: _Question, passages: Sequence[Passage],
                   rejected: list[LeftOut] | None) -> list[_Sentence]:
        """The sentences of the passages that may answer the question, with what they match (the texts
        tokenized are those :meth:`texts_read` lists: change both together)."""
        sentences: list[_Sentence] = []
        for rank, passage in enumerate(passages):
            chunk = self.chunks[passage.chunk_id]
            header_terms = set(self.tokenizer(passage.header))
            spans = split_sentences(passage.text)
            dense = self._dense(q.query, chunk, len(spans))
            context = StatementKind(chunk.scope_kind)
            for (lo, hi), similarity in zip(spans, dense):
                text = passage.text[lo:hi]
                if NOTES_HEADING.match(text.strip()):
                    # "名词解释：" heads the notes and says nothing (only the heading alone: heading_kind also reads a
                    # sentence the extraction ran into the heading, which says something)
                    continue
                kind = statement_kind(text, context)
                lead = passage.header + passage.text[:hi]
                why = self._out_of_scope(q, chunk, lo, hi, text, kind, lead, passage.text[hi:])
                if why is None:
                    plain = set(self.tokenizer(text))
                    by_same, by_name = q.credits(text)
                    tokens = plain | by_same | by_name
                    # what the question itself says is not its answer ("柳江区领导到哪里" is not "柳江区")
                    found = [c for c in self._candidates(text, q.want, q.text) if normalize(c.text) not in q.normalized]
                    if q.scope.years:  # "由2023年的第29位提升至第27位": the 29 is 2023's
                        found = [c for c in found if not ((y := YEAR_BEFORE.search(text[:c.lo]))
                                                          and y.group(1) not in q.scope.years)]
                    if q.scope.years and chunk.scope_years and not YEAR.search(text):
                        # "去年全年营业额超1000万元，预计今年……年营业额超2000万元" in a 2025 article: each
                        # figure is of the year the relative word before it names
                        own = statement_years(chunk, kind)
                        found = [c for c in found
                                 if _relative_year_fits(text, c, chunk.scope_years, q.scope.years, own)]
                    if q.scope.whole_year and not q.scope.periods and q.want.kind in FIGURES:
                        # a whole year's figure, not one a part of the year frames in its clause ("一季度生产10万台
                        # ……，计划年产50万台")
                        found = [c for c in found if not _part_of_year_before(text, c.lo)] or found
                    if q.want.kind in FIGURES and _done_asked(q):  # what was made, not what is planned ("头三个月做了多少台")
                        found = [c for c in found if not PLANNED_OUTPUT.search(
                            text, _clause_span(text, c.lo)[0], c.lo)] or found
                    if q.specific and q.want.kind in FIGURES and q.specific in text.lower():
                        # a figure said of the most specific thing asked: in the same part of the sentence
                        # ("体育公园游泳馆……竣工；投入各级衔接资金1.34亿元" is no 游泳馆's figure)
                        found = [c for c in found if _says(text, c, q.specific)] or found[:0]
                    if q.want.kind is AnswerKind.PLACE and q.want.head in OWN_LEVELS and not found:
                        found = _own_place(asked(q.text), text, q.want.head, chunk.scope_places, self.places)
                    # what a sentence referring back ("目前，该公司……") refers to may be named chunks before
                    why = _unrelated(q, text, kind, functools.partial(self._leading, chunk, lead),
                                     plain | by_same,
                                     header_terms, found, passage.text, passage.text[:lo],
                                     functools.partial(self._story, chunk, passage.header + passage.text))
                    if why is None and q.firm and q.want.kind in FIGURES and q.firm not in text \
                            and place_names(QUOTED_SPAN.sub("", text), self.places):
                        # "柳江区完成规上工业总产值34亿元" is no figure of 志格's (a quote of the firm's head naming the place,
                        # "“柳江区营商环境好……土地流转仅用2个月时间就完成了……”", is the firm's)
                        why = Rejection.OTHER_BODY
                if why is not None:
                    if rejected is not None:
                        rejected.append(LeftOut(passage, lo, hi, text, why))
                    continue
                matched = frozenset(t for t in q.terms if t in tokens)
                header_only = {t for t in q.terms if t not in tokens and t in header_terms}
                coverage = (sum(q.terms[t] for t in matched)
                            + HEADER_MATCH_WEIGHT * sum(q.terms[t] for t in header_only)) / q.total
                said_years = frozenset(YEAR.findall(text))
                sentences.append(_Sentence(passage, rank, lo, hi, text, kind, tokens, header_terms, matched, coverage,
                                           found if q.want.kind not in UNTYPED else [], float(similarity),
                                           said_years, said_years or frozenset(statement_years(chunk, kind))))
        return sentences

    def _report_years(self, doc: str) -> frozenset[str]:
        """The years a report's display name says ("柳江区政府工作报告（2020年2月17日）": its date; a document
        that is no report has none)."""
        entry = self.index.documents.get(doc, {})
        return frozenset(YEAR.findall(entry.get("display", ""))) if "报告" in entry.get("title", "") else frozenset()

    def _out_of_scope(self, q: _Question, chunk: Chunk, lo: int, hi: int, text: str, kind: StatementKind,
                      lead: str, after: str = "") -> Rejection | None:
        """Why a sentence cannot be about the year, place or kind of statement asked (None: it can);
        ``after`` is its passage's text after it."""
        if chunk.is_flagged(lo, hi):
            return Rejection.ORDERS
        if HEADLINE_RUN.search(text):
            return Rejection.HEADLINES
        scope, years = q.scope, statement_years(chunk, kind)
        if kind is StatementKind.NOTE and q.want.kind is AnswerKind.DATE and scope.years \
                and scope.years <= scope.source_years <= set(chunk.scope_years):
            # the date a note of the report the question names by its year gives ("2020年政府工作报告的名词解释里说，
            # ……哪一天提出"): the year is the report's, not the date's (2014年3月4日). (For any other kind, the
            # note's dated sentence would compete with the one that answers: "哪“四好”" is said after it.)
            scope = dataclasses.replace(scope, years=frozenset())
        elif scope.source_only and scope.years <= self._report_years(chunk.doc):
            # "柳江区2020年初的政府工作报告说，……又一次拿下“广西科学发展先进县”称号，那是算哪一年度的": the year
            # is the report's, whose sentences answer whatever year they speak of (2018年度)
            scope = dataclasses.replace(scope, years=frozenset())
        if not scope.fits(text, years, chunk.scope_places, self.places, figure=q.want.kind in FIGURES):
            return Rejection.SCOPE
        if q.elsewhere and not any(w in lead or (w in OTHER_NAMES and OTHER_NAMES[w].search(lead)) for w in q.elsewhere):
            return Rejection.ELSEWHERE
        if q.scope.towns and not self._in_town(q.scope, chunk, lead):
            return Rejection.TOWN
        # a passage naming no part of a year is framed by what leads to it, the chunks before it in its article
        # ("今年上半年,……" two paragraphs before "这1.4%比一季度高0.2个百分点,……居全区第6位")
        if q.scope.periods and not q.scope.periods & (periods_named(lead) or periods_named(self._leading(chunk, lead))):
            return Rejection.PERIOD
        # a figure of the event on a day the question names is told where that day is ("4月16日，……招聘会……岗位
        # 1518个"), not in another article ("考察企业19家")
        if q.want.kind in FIGURES and q.days and not q.days & _days_said(self._leading(chunk, lead)):
            return Rejection.DAY
        if (q.scope.whole_year and not q.scope.periods and not CLOSING_MARK.search(text)
                and not WHOLE_YEAR_SAID.search(text)):
            # a headline ("全产业链销售收入超355亿元") is framed by the article's first sentence ("今年1月至6月")
            after = after.lstrip()
            opening = split_sentences(after)[:1]
            if opening and not q.scope.period_fits(after[slice(*opening[0])]):
                return Rejection.PERIOD
        if (q.asks_result and kind is StatementKind.TARGET) or (q.asks_target and kind is StatementKind.RESULT
                                                                and not any(y in text for y in q.scope.years)):
            return Rejection.STATEMENT_KIND
        return None

    def _row(self, q: _Question, sent: _Sentence, windows: dict[tuple[str, int], float],
             passage_terms: set[str]) -> tuple[_Sentence, tuple[float, ...], Candidate | None] | Rejection:
        """A sentence's fact and gate features (the dense gap still 0), or why its fact does not answer.
        ``passage_terms`` are the terms of the sentence's whole passage."""
        text, tokens, terms, want = sent.text, sent.tokens, q.terms, q.want
        anchors = {at: terms[t] for at, t in _positions(text, sent.matched)}
        # (not when a candidate names another place: "柳江区人民医院和柳城县人民医院" are told apart by it)
        own_places = not any(place_names(c.text, self.places) - q.scope.places for c in sent.found)
        placenames = {at for at, _ in _positions(text, (t for t in sent.matched if own_places
                                                        and any(t in (p, p[:-1]) for p in self.places)))}
        best, distance, pinned = nearest(text, sent.found, anchors, placenames)
        sims = [windows.get((sent.text, c.lo)) for c in sent.found]
        # "市工人医院、市中医医院分别与区人民医院、区中医医院……": a fact paired with the question's
        # item by 分别 stands; otherwise the fact whose clause is closest to the question
        if sent.found and not pinned and all(x is not None for x in sims):
            # the fact whose own clause is closest to the question ("提供就业岗位1.58万个" for
            # "创造了多少个工作机会", where no word of the question is in the sentence)
            # (a name listed bare shares what its list says: "百朋镇、穿山镇获评自治区卫生镇")
            shared = want.kind in NAMED_KINDS
            words = [(item_weight(text, c, anchors, shared) + SEGMENT_WORDS_SHARE * segment_weight(text, c, anchors))
                     / q.total for c in sent.found]
            said = [_said_share(text, c, q.ask_chars) if want.kind in FIGURES else 0.0 for c in sent.found]
            # the year before's figure for a question about the year before, the year's own otherwise
            # (and a figure framed by the relative year asked: "去年全年营业额超1000万元" for 去年, not
            # "预计今年……年营业额超2000万元")
            year_fits = [_year_before_fits(q, text, c) and not _other_relative_year(q.text, text, c)
                         and not _other_year_framed(q, text, c) for c in sent.found]
            # a count asked is not a measure found beside one ("受惠学生3.26万人，2.01万人次的学生" for "多少孩子")
            # (visitors are counted in 人次: "接待游客454万人次，其中过夜游客32万人")
            counts = [not (want.unit and want.unit not in MEASURE_UNITS and _unit(c.text) in MEASURE_UNITS
                           and not VISITS_COUNTED.search(q.text)) for c in sent.found]
            # a fall asked is not a rise found beside it ("下降5.7%、8.7%，……提升7.1个百分点" for "回落幅度")
            # (and a share asked, with no change, is no change: "PM2.5同比下降8.7%，环境空气优良率88.6%" for "不算污染的
            # 日子占了多大比例")
            way = change_way(asked(q.text)) if want.kind in FIGURES else ""
            ways = [_changed(text, c) in (("", way) if way else ("",) if q.asks_share else ("", "rise", "fall"))
                    for c in sent.found]
            # a place the question's own word labels ("起点为五一路东公交站,终点为沙塘镇" for "终点是哪里")
            labels = [_label_weight(text, c, anchors, q.terms) if want.kind is AnswerKind.PLACE else 0.0
                      for c in sent.found]
            # the counter asked before another that may answer it ("多少家……铺子": "眼镜店9家", not "问题7个")
            # (a measure is said in any unit of its kind: "多大面积" is answered by 亩 as by 平方米)
            units = [not want.unit or want.unit in MEASURE_UNITS or counter_said(want.unit, _unit(c.text))
                     for c in sent.found]
            # the part of the year asked, said with the fact ("长期保持在95%以上，第三季度达到了98.28%" for 第三季度)
            periods = [not q.scope.periods or bool(q.scope.periods & periods_named(_clause_around(text, c.lo)))
                       for c in sent.found]
            # a name the question says is not what it asks ("从五一路东那边出发，最后开到哪里停")
            unnamed = [want.kind not in NAMED_KINDS or not _named_by(q, c) for c in sent.found]
            # the name at the place in a list the question says ("排第三位作交流发言的那个区": the third)
            placed = [want.kind not in NAMED_KINDS or _list_position_fits(q.text, text, c) for c in sent.found]
            # a name said in the clause of the town asked ("……施工现场，……；位于成团镇的市废旧锂电池……项目" for 成团镇)
            in_town = [want.kind not in NAMED_KINDS or not q.scope.towns
                       or town_said(q.scope.towns, _clause_around(text, c.lo)) for c in sent.found]
            # a short asking clause said whole in a fact's own item ("年内要开工几项": "实现开工项目25项", not
            # "竣工26项", whose item is too short to say what it counts and borrows the clause before)
            own = [want.kind in FIGURES and item_says(text, c, q.short_ask_chars) for c in sent.found]
            def rank(i: int) -> tuple:
                return (year_fits[i], counts[i], ways[i], units[i], periods[i], unnamed[i], placed[i], in_town[i],
                        own[i], labels[i],
                        sims[i] + WINDOW_WORDS_WEIGHT * words[i] + ASK_CHARS_WEIGHT * said[i], sent.found[i] is best, -i)
            chosen = max(range(len(sent.found)), key=rank)
            why = self._misfit(q, sent, sent.found[chosen])
            if why is Rejection.MEASURES_ELSE and in_town[chosen] and not all(in_town):
                why = None  # the only name said with the town asked is the one asked, in whatever words
            if why is Rejection.MEASURES_ELSE:
                # a figure that is another's ("增长5%" of 地区生产总值 for "砸钱搞建设的增速") gives way to one whose
                # own item says more of the question and may be the one asked ("固定资产投资增长13%")
                fitting = [i for i, c in enumerate(sent.found) if words[i] > words[chosen]
                           and self._misfit(q, sent, c) is None]
                if fitting:
                    chosen, why = max(fitting, key=rank), None
            if sent.found[chosen] is not best:
                best = sent.found[chosen]
                distance = min((answer_distance(text, best, a) for a in anchors), default=-1)
            window_dense = sims[chosen]
        else:
            window_dense = sent.similarity
            if want.kind in NAMED_KINDS and best is not None and not _list_position_fits(q.text, text, best):
                # the name at the place in a list the question says, though another is nearer its words
                best = next((c for c in sent.found if _list_position_fits(q.text, text, c)), best)
            why = self._misfit(q, sent, best) if best is not None else None
        if why is not None:
            return why
        lo, hi = subject_window(text, best) if best is not None else (0, len(text))
        clause = text[lo:hi]  # the fact's own clause (the whole sentence without a fact)
        distance = distance / FAR_CHARS if distance >= 0 else 1.0
        missing = {t for t in terms if t not in tokens and t not in sent.header_terms}
        term = defined_term(text) if sent.kind is StatementKind.NOTE else ""
        clause_tokens = q.credited(clause, set(self.tokenizer(clause)))
        clause_coverage = sum(terms[t] for t in terms if t in clause_tokens) / q.total
        clause_chars = (sum(1 for ch in q.content_chars if ch in clause) / len(q.content_chars)
                        if q.content_chars else 0.0)
        rare, scope = q.rare, q.scope
        features = (
            sent.coverage,
            sent.similarity,
            0.0,  # dense_gap, filled in by evidence()
            1.0 / (1 + sent.rank),
            1.0 if want.kind in UNTYPED or best is not None else 0.0,
            1.0 if want.unit else 0.0,
            1.0 if best is not None and best.approximate else 0.0,
            min(1.0, distance),
            1.0 if scope.years & sent.said_years else 0.0,
            1.0 if scope.places and place_names(text, self.places) & scope.places else 0.0,
            1.0 if sent.kind is StatementKind.TARGET and not q.asks_target else 0.0,
            (sum(1 for t in rare if t in tokens or t in sent.header_terms) / len(rare)) if rare else 0.0,
            1.0 if term and normalize(term) in q.normalized else 0.0,
            1.0 if want.kind in UNTYPED else 0.0,
            clause_coverage,
            clause_chars,
            1.0 if rare and rare[0] in clause_tokens else 0.0,
            float(window_dense),
            sum(terms[t] for t in missing & q.known) / q.total,
            sum(terms[t] for t in missing - q.known) / q.total,
            sum(terms[t] for t in terms if t in passage_terms or t in sent.header_terms) / q.total,
            1.0 if best is not None and want.unit and _unit(best.text).endswith(_unit(want.unit) or want.unit) else 0.0,
        )
        return sent, features, best if want.kind not in UNTYPED else None

    def _misfit(self, q: _Question, sent: _Sentence, fact: Candidate) -> Rejection | None:
        """Why a sentence's fact is not the one asked (None: it may be): another part of the sentence says
        what it measures, the question names it, or its own clause does not fit (:meth:`_figure_misfit`)."""
        want = q.want
        if want.kind in FIGURES and self._said_elsewhere(q, sent, fact):
            return Rejection.MEASURES_ELSE
        if want.kind in NAMED_KINDS and _named_by(q, fact):
            return Rejection.NAMED_BY_QUESTION
        if want.kind in FIGURES or want.kind is AnswerKind.RANK or _names_a_kind(want):
            return self._figure_misfit(q, sent.text, fact, *subject_window(sent.text, fact),
                                       self.chunks[sent.passage.chunk_id].scope_places, sent.passage.text[:sent.lo])
        return None

    def _said_elsewhere(self, q: _Question, sent: _Sentence, best: Candidate) -> bool:
        """Is what the question measures said in another part of the sentence (between semicolons) than the
        figure's, which says none of it ("2019年全区完成地区生产总值302.4亿元，增长5%；……；固定资产投资增长13%"
        for "固定资产投资总额是多少亿元": the amount asked is not given, only its growth)? Years, places and
        levels say where and when, units and change words how much, not what."""
        text = sent.text
        measured = (t for t in sent.matched
                    if self._says_what(t) and not any(t in words for words in LEVEL_WORDS.values())
                    and not CHANGE_SAID.fullmatch(t))  # how it changed ("增长5%")
        content = {at: q.terms[t] for at, t in _positions(text, measured)}
        weights = segment_weights(text, content)
        if len(weights) < 2:
            return False
        own = next((w for (a, b), w in weights if a <= best.lo < b), 0.0)
        # (the other part has a figure of its own: "……固定资产投资稳步推进；完成12.49亿元" goes on about one thing)
        other = max((w for (a, b), w in weights if not a <= best.lo < b and NUMBER_FACT.search(text, a, b)), default=0.0)
        return own == 0.0 and other >= ELSEWHERE_SHARE * q.total

    def _figure_misfit(self, q: _Question, text: str, best: Candidate, lo: int, hi: int,
                       home: Sequence[str] = (), before: str = "") -> Rejection | None:
        """Why a figure, in its own clause ``text[lo:hi]``, is not the one asked (None: it may be);
        ``home`` are the places its document speaks about, ``before`` its passage's text up to it."""
        clause = text[lo:hi]
        around = place_names(clause, self.places)
        # (a place the question names for something else is no other place: "柳北区有几家厂被柳州市那项计划列为
        # 重点", answered by "19家企业进入柳州市千企科技创新工程重点企业名单")
        if q.scope.places and around and not around & q.scope.places and not any(p in q.text for p in around):
            return Rejection.CLAUSE_PLACE
        if not q.scope.level_fits(clause, text[:best.lo], self.places, home):
            return Rejection.LEVEL
        whole, asked_wholes = SHARE_OF.search(clause), set(WHOLE_NAMED.findall(q.text))
        if asked_wholes and SHARE in clause and not (whole and whole.group("whole") in asked_wholes):
            return Rejection.LEVEL  # "约占全市五分之一", "占财政支出比重" do not say the share of 全省
        # a length of time is how long the whole deed took ("仅用两个星期的密集入户走访，最终获得1003户业主同意")
        said = text[lo:best.lo] + text[best.hi:len(text) if q.want.unit == DURATION else hi]
        own_clause = _clause_span(text, best.lo)[0]  # (where the figure's own clause starts: split at every comma)
        if q.scope.whole_year and not q.scope.periods and _part_of_year_before(text, best.lo):
            return Rejection.PERIOD  # "一季度生产10万台" in its own clause is no 全年's output
        if _one_item_asked(asked(q.text), text[own_clause:best.lo], q.terms):
            return Rejection.WHOLE_LIST  # "机械制造、物流运输、食品加工、家政服务等领域的岗位1518个" for 食品加工's
        if best.approximate and EXACT_ASKED.search(q.text):
            return Rejection.APPROXIMATE
        if _other_relative_year(q.text, text, best) or not _year_before_fits(q, text, best):
            return Rejection.RELATIVE_YEAR
        if q.want.kind is AnswerKind.AMOUNT and q.scope.years and (WHOLE_YEAR_ASKED.search(q.text) or q.asks_result) \
                and CUMULATIVE_SAID.search(text, 0, best.lo) and not YEAR_SAID.search(text, 0, best.lo) \
                and not CUMULATIVE_ASKED.search(q.text):
            return Rejection.CUMULATIVE  # "累计开工建设项目60多个，完成固定资产投资200亿元" is no 2019年全区固定资产投资
        if q.asks_result and ESTIMATE_BEFORE.search(text[:best.lo]):
            return Rejection.STATEMENT_KIND  # "预计今年……年营业额超2000万元" is no result
        if _done_asked(q) and PLANNED_OUTPUT.search(text, own_clause, best.lo):
            return Rejection.STATEMENT_KIND  # "计划年产50万台" is no 全年造出了多少台
        typed = asked(q.text)
        per_unit_asked = bool(PER_UNIT_ASKED.search(typed)) or AVERAGE in typed
        if (PER_CAPITA in q.text and PER_CAPITA not in said and not _money_per_head(text, lo, hi)) \
                or (per_unit_asked and not PER_UNIT_SAID.search(said)):
            return Rejection.PER_UNIT
        # a character of the question as typed, or two adjacent characters of a term added for its everyday
        # words (one character of it, "值" of 地区生产总值 added for 经济增速, says nothing: "工业增加值")
        money = q.want.unit.endswith("元")
        telling = q.typed_chars - set(best.text) - generic_chars(self.index) - FUNCTION_CHARS - (
            RANK_CHARS if q.want.kind is AnswerKind.RANK else frozenset()) - (MONEY_ONLY_CHARS if money else frozenset()) - (
            {COUNT_ASKED_CHAR} if COUNT_ASKED.search(typed) else set())
        pairs = q.added_pairs - MONEY_ONLY_PAIRS if money else q.added_pairs
        if FIGURE_REFERRED.match(text[lo:best.lo]) and (previous := split_sentences(before)):
            # "这1.4%比一季度高0.2个百分点": what is measured is said with the figure referred to, a sentence before
            said = before[slice(*previous[-1])] + said
        if COUNT_WORDS.search(text[lo:best.lo]):
            # a clause counting no more than the number of ("……吸引广大市民踊跃参与,参与人数近6.6万人") counts
            # what the sentence speaks of before it ("大赛线上答题活动")
            said = text[:best.lo] + said[best.lo - lo:]
        # (a count of chapters is the parts of the document the question names: "那部地方法规一共分几大块")
        chapters = q.want.unit == CHAPTER and best.text.endswith(CHAPTER)
        if (telling or (q.described and pairs)) and not (any(ch in said for ch in telling) or any(b in said for b in pairs)) \
                and not chapters:
            return Rejection.MEASURES_ELSE
        # "全市地区生产总值1472.3亿元" is no 增加值 nor 品牌价值 the question names
        if (measure := INDICATOR_BEFORE.search(text, lo, best.lo)) and not q.measures_kind(measure.group(1)):
            return Rejection.MEASURES_ELSE
        if q.asks_share and _changed(text, best) and not SHARE_SAID.search(clause):
            return Rejection.MEASURES_ELSE  # "城乡居民人均可支配收入分别增长2.5%和5%" is no share of 财政支出
        if STAFF_ASKED.search(typed) and ((SERVED_BEFORE.search(text, 0, best.lo) and SERVED_AFTER.match(text, best.hi))
                                          or not STAFF_SAID.search(text)):
            return Rejection.MEASURES_ELSE  # "为30余人答疑解惑" counts no 工作人员
        if q.want.unit.endswith(PEOPLE_COUNTED) and PEOPLE_PART.search(typed) and not PEOPLE_PART.search(text):
            return Rejection.MEASURES_ELSE  # "接待游客454万人次" counts no 境外游客
        if q.want.kind is AnswerKind.AMOUNT and OUTCOME_ASKED.search(typed) and not OUTCOME_SAID.search(text):
            return Rejection.MEASURES_ELSE  # "吸引400余名求职者进场应聘" says nothing of who "达成了就业意向"
        if _counts_other_thing(text, best, q.want.counted[-COUNTED_CHARS:]):
            return Rejection.MEASURES_ELSE  # "三个突破年活动为抓手" counts no 工程 ("多少个要干的工程")
        if q.want.kind is AnswerKind.RANK and RANKED_CHANGE.search(text[lo:best.lo]) \
                and not RANK_OF_CHANGE_ASKED.search(q.text):
            return Rejection.MEASURES_ELSE  # "提升幅度居全区第6位" ranks how much the rate rose, not the rate ("增速排第几")
        return None

    def _candidates(self, sentence: str, want: Expected, question: str = "") -> list[Candidate]:
        """The facts of the asked kind in a sentence; for a person asked without a title, also the
        names jieba tags where no title leads to them ("叶俊", "曾燕丽"); for a town, the town a road named by its
        ends goes to ("里高至拉堡一级路连接线": 拉堡), unless the question names another road of the sentence."""
        found = candidates(sentence, want, self.places)
        if want.kind is AnswerKind.PLACE and want.head == TOWN_HEAD:
            towns, roads = town_names(self.index), list(ROAD_BETWEEN.finditer(sentence))
            found = sorted(found + [Candidate(m.start("to"), m.end("to"), m.group("to"), want.kind) for m in roads
                                    if m.group("to") + TOWN_HEAD in towns
                                    and not any(c.lo < m.end("to") and m.start("to") < c.hi for c in found)
                                    and not any(other is not m and (other.group("from") in question
                                                                    or other.group("to") in question)
                                                for other in roads)],
                           key=lambda c: c.lo)
        if want.kind is not AnswerKind.PERSON or (want.title and want.title not in CALLED):
            return found
        # a person called what the question calls them ("居民韦卓仕兴奋地说道") is said right after it
        names = [Candidate(lo, hi, sentence[lo:hi], want.kind) for lo, hi in self.tokenizer.person_words(sentence)
                 if is_name(sentence[lo:hi]) and not any(c.lo < hi and lo < c.hi for c in found)
                 and sentence[:lo].endswith(want.title) and not BYLINE_BEFORE.search(sentence[:lo])
                 and not FIRMS_LISTED.match(sentence, hi)
                 and not any(b.start() < lo and hi < b.end() for b in BYLINE_BRACKETS.finditer(sentence))]
        return sorted(found + names, key=lambda c: c.lo)

    def _firm_named(self, typed: str) -> str:
        """The short name of a firm a question says before 那家/这家 ("志格那家做冷气机的厂子": 志格), when some
        document says it, or of a registered firm of the documents it names by its own name ("志格空调开年前三个月"); ""
        for a place ("柳江那家", "白莲大道上那家") or a description ("给……配套的那家")."""
        m = FIRM_NAMED.search(typed)
        if m is None:
            # a registered firm of the documents, said by its own name ("志格空调开年前三个月", "庆达精密机械") or
            # its short name as a body ("志格公司"): what of its name the question says
            for own in firm_names(self.index, self.places):
                said, short = own[:FIRM_SAID_CHARS], own[:MIN_FIRM_NAME]
                if short not in typed:
                    continue  # (the cheap test first: a large corpus names thousands of firms)
                if re.search(re.escape(said) + (f"(?:{re.escape(own[FIRM_SAID_CHARS])}|{FIRM_KIND_AFTER})"
                                                if len(own) > FIRM_SAID_CHARS else ""), typed):
                    return said
                if re.search(re.escape(short) + FIRM_KIND_AFTER, typed) and not self.tokenizer.place_words(short):
                    return short  # ("志格公司"; not "桂林企业": a city)
            return ""
        name = m.group("name")
        for place in sorted({*self.places, *(p[:-1] for p in self.places), *towns_named(name)}, key=len, reverse=True):
            name = name.replace(place, " ")
        name = name.split()[-1] if name.split() else ""
        if len(name) < MIN_FIRM_NAME or NOT_FIRM_NAME.search(name):
            return ""
        # the longest ending of what is said before 那家 that a document says ("问一下志格": 志格)
        texts = [c.text for c in self.chunks.values()]
        return next((name[-n:] for n in range(len(name), MIN_FIRM_NAME - 1, -1)
                     if any(name[-n:] in t for t in texts)), "")

    def _leading(self, chunk: Chunk, lead: str) -> str:
        """What leads to a sentence: its passage up to it (with the header), and the
        :data:`LOOKBACK_CHUNKS` chunks before it in its document (a news article's opening)."""
        return "".join([lead, *(c.text for c in self._neighbours(chunk, -1))])

    def _story(self, chunk: Chunk, passage: str) -> str:
        """A sentence's story: its whole passage and the :data:`LOOKBACK_CHUNKS` chunks on each side of it in its
        document (a news story names the schools it is about after its opening paragraph)."""
        return "".join([passage, *(c.text for step in (-1, 1) for c in self._neighbours(chunk, step))])

    def _neighbours(self, chunk: Chunk, step: int) -> Iterator[Chunk]:
        """The :data:`LOOKBACK_CHUNKS` chunks before (``step`` -1) or after (1) a chunk, in its document."""
        for n in range(1, LOOKBACK_CHUNKS + 1):
            try:
                other = self.chunks[chunk.id + step * n]
            except KeyError:
                return
            if other.doc != chunk.doc:
                return
            yield other

    def _in_town(self, scope: Scope, chunk: Chunk, lead: str) -> bool:
        """Is a sentence about the town the question pins: the town, or a place of it the question
        names ("柳西新城小区"), is said in what leads to the sentence."""
        said = self._leading(chunk, lead)
        # a town's short name counts in the sentence's own passage only ("里高“梨园花语”"), not in the chunks
        # before it, where it names roads and products ("里高至拉堡一级路")
        return (bool(scope.towns & towns_named(said)) or town_said(scope.towns, lead)
                or any(p in said for p in scope.localities))

    def _window_similarity(self, query: np.ndarray | None, sentences: list["_Sentence"]) -> dict[tuple[str, int], float]:
        """Cosine of the question with the clause around each candidate fact of the
        :data:`WINDOW_SENTENCES` sentences closest to it (by sentence similarity plus term
        coverage), keyed by (sentence, candidate start)."""
        if query is None or self.embed_passages is None:
            return {}
        ranked = sorted((s for s in sentences if s.found), key=lambda s: -(s.similarity + s.coverage))
        keys, texts, seen = [], [], set()
        for sent in ranked:
            if len(seen) >= WINDOW_SENTENCES:
                break
            if sent.text in seen:
                continue
            seen.add(sent.text)
            for c in sent.found:
                lo, hi = subject_window(sent.text, c)
                keys.append((sent.text, c.lo))
                texts.append(sent.text[lo:hi])
        if not texts:
            return {}
        vectors = self.embed_passages(texts)
        return {key: float(v @ query) for key, v in zip(keys, vectors)}

    def _sentence_search(self, query: np.ndarray | None, passages: Sequence[Passage]) -> list[Passage]:
        """Passages of the chunks holding the sentences nearest the question, not yet among ``passages``."""
        if query is None:
            return []
        have = {p.chunk_id for p in passages}
        extra: list[Passage] = []
        for chunk_id, score in self.index.nearest_sentences(query, SENTENCE_SEARCH):
            if chunk_id not in have:
                have.add(chunk_id)
                try:
                    extra.append(passage_of(self.chunks[chunk_id], score))
                except KeyError:  # removed by a build meanwhile
                    continue
        return extra

    def _dense(self, query: np.ndarray | None, chunk: Chunk, count: int) -> np.ndarray:
        """Cosine of the question with each sentence of a chunk (zeros without sentence vectors)."""
        if query is None:
            return np.zeros(count, np.float32)
        try:
            vectors = self.index.sentence_vectors(chunk.id)
        except KeyError:
            return np.zeros(count, np.float32)
        if len(vectors) != count:
            return np.zeros(count, np.float32)
        return vectors @ query

    def answer(self, question: str, passages: Sequence[Passage], ranked: list[Evidence] | None = None,
               rejected: list[LeftOut] | None = None) -> Answer:
        """Answer from the passages, or refuse.

        Args:
            question: the (standalone) question.
            passages: retrieved passages, best first.
            ranked: :meth:`evidence` for these passages, if already computed.
            rejected: the sentences that :meth:`evidence` left out, when ``ranked`` is given.
        Returns:
            The answer; ``refused`` when no sentence passes the gate, or when a sentence left out only
            because it states an approximation says more of what is asked than the best one does.
        """
        rejected = [] if rejected is None else rejected
        if ranked is None:
            ranked = self.evidence(question, passages, rejected)
        want = expected(question)
        support = ranked[0].probability if ranked else 0.0
        closer = (self._closer_approximation(question, rejected, ranked[0])
                  if ranked and support >= self.gate.threshold else None)
        if support < self.gate.threshold or closer is not None:
            note, nearest = (self.near_miss(question, [closer], want, min_share=0.0) if closer is not None
                             else self.near_miss(question, rejected, want))
            if nearest is not None:  # the statement the note quotes is the first related passage, highlighted
                chunk = self.chunks[nearest.passage.chunk_id]
                passages = [quoted(nearest.passage, chunk, nearest.lo, nearest.hi)] + [
                    p for p in passages if p.chunk_id != nearest.passage.chunk_id]
            return refusal(question, passages, support=support, kind=want.kind, note=note)
        conflict = self._conflict(question, ranked) if want.kind in FIGURE_KINDS else None
        chosen = [ranked[0]] if conflict is None else [ranked[0], conflict[0]]
        covered = set(ranked[0].matched)
        for ev in ranked[1:] if conflict is None else ():
            if len(chosen) >= self.max_sentences:
                break
            if ev.probability >= max(self.gate.threshold, SECOND_SENTENCE_SHARE * support) \
                    and not ev.matched <= covered and not _overlaps(ev, chosen) and not _other_figure(ev, ranked[0], want):
                chosen.append(ev)
                covered |= ev.matched
        citations: list[Passage] = []
        parts: list[str] = []
        asking = _asking_words(question, self.tokenizer)
        # the asking words and the document terms of the everyday ones ("哪个山洞已经打穿了": 隧道, 贯通)
        reach = asking | frozenset(asked_terms(_asking_span(question)))
        # "……在名词解释中属于哪一组工程": the term the note listing it defines ("5. 城市建设十大工程：是指……")
        group = ""
        if want.kind is AnswerKind.DESCRIPTION and GROUP_ASKED.search(question):
            context = StatementKind(self.chunks[chosen[0].passage.chunk_id].scope_kind)
            if statement_kind(chosen[0].text, context) is StatementKind.NOTE:
                group = defined_term(chosen[0].text)
        for ev in chosen:
            passage = ev.passage
            lo, hi = _shorten(passage.text, ev.lo, ev.hi, ev.matched, self.tokenizer,
                              LIST_QUOTE_CHARS if want.kind is AnswerKind.LIST else MAX_QUOTE_CHARS, asking, reach)
            if group and ev is chosen[0]:
                lo = ev.lo  # (the quote opens with the term)
            if ev.candidate is not None:  # the quote must hold the short answer, with the start of its clause
                # (which says whose figure it is: "破获毒品刑事案件113起", not "……113起")
                if ev.lo + ev.candidate.lo < lo:
                    lo = _clause_start(passage.text, ev.lo, ev.lo + ev.candidate.lo)
                hi = max(hi, ev.lo + ev.candidate.hi)
            quote = _clipped(passage.text, lo, hi, ev.lo, ev.hi)
            marker = self.cite(citations, passage, lo, hi)
            parts.append(f"{quote}[{marker}]")
        short = chosen[0].candidate.text if chosen[0].candidate is not None else group
        text = "".join(parts)
        if conflict is not None:  # both figures, each with its source: the reader decides
            short = "；".join(f.text for f in conflict[1])
            figures = "；".join(f"{f.text}{part[part.rindex('['):]}" for f, part in zip(conflict[1], parts))
            text = f"{CONFLICT_NOTE}：{figures}。原文：{text}"
        elif short:
            text = f"{short}。原文：{text}"
        return Answer(question=question, text=text, citations=citations, refused=False, mode=AnswerMode.EXTRACTIVE,
                      passages=with_found(passages, chosen), support=support, short_answer=short, answer_kind=want.kind,
                      conflicting=conflict is not None)

    def near_miss(self, question: str, rejected: Sequence[LeftOut], want: Expected,
                  min_share: float = NEAR_MISS_COVERAGE) -> tuple[str, LeftOut | None]:
        """What a refusal says of the nearest statement left out for its year, place, level or kind
        ("文档中最接近的一句是目标或计划，不是实际完成数：“2020年……增长6.5%以上……”"), or "".

        Args:
            question: the question.
            rejected: the sentences :meth:`evidence` left out, with why.
            want: what the question asks for.
            min_share: the share of the question's words a quoted sentence must hold.
        Returns:
            (the note, the sentence it quotes), or ("", None) when no left-out sentence holds
            :data:`NEAR_MISS_COVERAGE` of the question's words (places and years aside) and a fact of the
            asked kind.
        """
        terms = self._what_terms(question)
        total = sum(terms.values())
        if not total:
            return "", None
        best: tuple[float, int, LeftOut, frozenset[str]] | None = None
        for left in rejected:
            if left.why not in NEAR_MISS_NOTES or (want.kind in NEEDS_CANDIDATE
                                                        and not self._candidates(left.text, want, question)):
                continue
            matched = self._matched(terms, left.text)
            share = sum(terms[t] for t in matched) / total
            # on a tie the note naming the kind of statement comes first (the year's own target before
            # another year's result)
            rank = (share, -list(NEAR_MISS_NOTES).index(left.why))
            if share >= min_share and (best is None or rank > best[:2]):
                best = (*rank, left, matched)
        if best is None:
            return "", None
        left, matched = best[2], best[3]
        note = NEAR_MISS_NOTES[left.why]
        if left.why is Rejection.STATEMENT_KIND and asks_for(question)[1]:
            note = RESULT_FOR_TARGET_NOTE
        text = left.passage.text
        lo, hi = _shorten(text, left.lo, left.hi, matched, self.tokenizer)
        quote = _clipped(text, lo, hi, left.lo, left.hi).rstrip("。；;，,").replace("“", "‘").replace("”", "’")
        return f"{note}：“{quote}”", left

    def _what_terms(self, question: str) -> dict[str, float]:
        """The question's terms the documents use, but its places and years, with their idf."""
        unseen = self.idf(UNSEEN_TERM)
        return {t: w for t in question_terms(question, self.tokenizer)
                if not self._says_where_or_when(t) and (w := self.idf(t)) < unseen}

    def _closer_approximation(self, question: str, rejected: Sequence[LeftOut], best: Evidence) -> LeftOut | None:
        """A sentence left out for stating an approximation where the exact figure is asked ("目前我市
        约有100家预包装柳州螺蛳粉生产企业" for "准确有多少家") that says more of the question's words than the
        best sentence does: the documents give the asked figure only roughly, and the best sentence is about
        something else ("现有原材料配套企业163家"). None when there is none."""
        rough = [left for left in rejected if left.why in CLOSER_REJECTIONS]
        terms = self._what_terms(question) if rough else {}
        total = sum(terms.values())
        if not total:
            return None

        def share(text: str) -> float:
            return sum(terms[t] for t in self._matched(terms, text)) / total

        top = share(best.text)
        closer = [(s, left) for left in rough if (s := share(left.text)) > top + CLOSER_MARGIN]
        return max(closer, key=lambda pair: pair[0])[1] if closer else None

    def _matched(self, terms: dict[str, float], text: str) -> frozenset[str]:
        """The terms said in a text (by its tokens)."""
        tokens = set(self.tokenizer(text))
        return frozenset(t for t in terms if t in tokens)

    def _says_where_or_when(self, term: str) -> bool:
        """Is a question term only a place or a year ("柳江区", "全市", "2019年")?"""
        return term in PLACE_OR_YEAR_WORDS or any(term in place for place in self.places) \
            or bool(YEAR.fullmatch(term.rstrip("年")))

    def _conflict(self, question: str, ranked: list[Evidence]) -> tuple[Evidence, tuple[Candidate, Candidate]] | None:
        """A sentence of another document that also passes the gate and gives the same
        fact a different figure (a planted "柳江区地区生产总值是999亿元" against the
        report's "302.4亿元"), with the two figures (the best sentence's first); or None.

        The same fact: the same question terms (other than years and places) in each
        sentence (or its passage's header) and in the clause around each figure, the
        same unit, and no two different known years (the 2019 and the 2023 GDP are
        two facts).
        """
        top = ranked[0]
        # years and places are the scope, checked apart: the subject is what the figure measures
        terms = {t for t in question_terms(question, self.tokenizer)
                 if not any(ch.isdigit() for ch in t) and not any(t in place for place in self.places)}
        figure = self._figure(top, terms)
        if figure is None:
            return None
        subject = self._subject(top, figure, terms)
        for ev in ranked[1:]:
            if ev.probability < self.gate.threshold:
                break
            if ev.passage.doc == top.passage.doc or (ev.years and top.years and not ev.years & top.years):
                continue
            other = self._figure(ev, terms)
            if (other is not None and _unit(other.text) == _unit(figure.text) and facts(other.text) != facts(figure.text)
                    and subject[1] and self._subject(ev, other, terms) == subject):
                return ev, (figure, other)
        return None

    def _figure(self, ev: Evidence, terms: set[str]) -> Candidate | None:
        """The sentence's fact of the asked kind, or for an untyped question its amount or
        percentage nearest the question's words."""
        if ev.candidate is not None:
            return ev.candidate
        found = sorted(candidates(ev.text, Expected(AnswerKind.AMOUNT), self.places)
                       + candidates(ev.text, Expected(AnswerKind.PERCENT), self.places), key=lambda c: c.lo)
        anchors = {at: 1.0 for at, _ in _positions(ev.text, terms)}
        return nearest(ev.text, found, anchors).candidate

    def _subject(self, ev: Evidence, figure: Candidate, terms: set[str]) -> tuple[frozenset[str], frozenset[str]]:
        """The question terms an answering sentence covers (with its header), and those of the
        clause around its figure."""
        covered = terms & (set(self.tokenizer(ev.text)) | set(self.tokenizer(ev.passage.header)))
        clause = terms & set(self.tokenizer(_clause_around(ev.text, figure.lo)))
        return frozenset(covered), frozenset(clause)

    def cite(self, citations: list[Passage], passage: Passage, lo: int, hi: int) -> int:
        """Add the citation for ``passage`` quoting ``[lo, hi)`` of its text (or widen the
        quote of an existing citation of the same chunk to cover both); returns its 1-based marker."""
        chunk = self.chunks[passage.chunk_id]
        for i, cited in enumerate(citations, start=1):
            if cited.chunk_id == passage.chunk_id:
                qlo, qhi = cited.quote
                citations[i - 1] = quoted(cited, chunk, min(qlo, lo), max(qhi, hi))
                return i
        citations.append(quoted(passage, chunk, lo, hi))
        return len(citations)


def says_term(term: str, text: str) -> bool:
    """Does a text say a term: the term itself, or what the synonym table marks the same ("规模以上" says
    规上); the thing it measures ("固定资产投资" says 投资额, see :func:`_amount_of`); or, for a term of :data:`LOOSE_TERM_CHARS` characters or more, all but one of its
    characters in one stretch as long as the term ("城乡居民" says 农村居民 through
    :data:`COVERING_WORDS`, and 城镇居民). A shorter term must be said whole ("投资额" does not say 营业额).

    Args:
        term: a word of the question.
        text: a sentence (lower case).
    Returns:
        True when the sentence says it.
    """
    stem = _measured_stem(term)
    if term in text or (stem and stem in text) or any(t.lower() in text for t in same_as(term)):
        return True
    if len(term) < LOOSE_TERM_CHARS:
        return False
    texts = [text] + [text.replace(word, part) for word, parts in COVERING_WORDS.items() if word in text
                      for part in parts]
    return any(term in t or any(sum(ch in t[i:i + len(term)] for ch in term) >= len(term) - 1
                                for i in range(len(t) - len(term) + 1)) for t in texts)


@dataclass(frozen=True)
class _CorpusMarks:
    """What is read once per index over its first :data:`GENERIC_CHAR_CHUNKS` chunks (a new build is a new index)."""

    generic_chars: frozenset[str]  # see :func:`generic_chars`
    quoted_names: frozenset[str]  # see :func:`quoted_names`
    company_spans: frozenset[str]  # the registered firms' names as written, what leads to them included
    towns: frozenset[str]  # the towns the documents name ("拉堡镇"; see :func:`town_names`)


@functools.lru_cache(maxsize=4)
def _corpus_marks(index: Index) -> _CorpusMarks:
    """One pass over an index's first :data:`GENERIC_CHAR_CHUNKS` chunks for all that is counted or collected there."""
    counts: Counter[str] = Counter()
    quoted: set[str] = set()
    companies: set[str] = set()
    towns: set[str] = set()
    seen = 0
    for chunk in itertools.islice(index.iter_chunks(), GENERIC_CHAR_CHUNKS):
        counts.update(set(chunk.text))
        quoted.update(m.group(1).lower() for m in QUOTED_NAME.finditer(chunk.text))
        companies.update(m.group(0) for m in COMPANY_SPAN.finditer(chunk.text))
        towns.update(towns_named(chunk.text))
        seen += 1
    # too few chunks tell no generic characters (in a two-document corpus every word is in half of them)
    generic = frozenset(ch for ch, n in counts.items() if n / seen > GENERIC_CHAR_SHARE) \
        if seen >= GENERIC_CHAR_MIN_CHUNKS else frozenset()
    return _CorpusMarks(generic, frozenset(quoted), frozenset(companies), frozenset(towns))


def town_names(index: Index) -> frozenset[str]:
    """The towns an index's documents name in full ("拉堡镇"), read once per index over its first
    :data:`GENERIC_CHAR_CHUNKS` chunks: a road's end said short ("里高至拉堡一级路") is a town when some document
    names it so."""
    return _corpus_marks(index).towns


def quoted_names(index: Index) -> frozenset[str]:
    """What an index's documents write in quotes as a name ("桂惠贷", "梨刻办", "红蜂驿站"), read once per index over
    its first :data:`GENERIC_CHAR_CHUNKS` chunks.

    Args:
        index: the loaded index.
    Returns:
        The quoted names (lower-cased, as question terms are).
    """
    return _corpus_marks(index).quoted_names


@functools.lru_cache(maxsize=4)
def firm_names(index: Index, places: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The own names of the registered firms an index's documents name ("市志格空调有限公司": 志格空调), read once per
    index over its first :data:`GENERIC_CHAR_CHUNKS` chunks, without what leads to them (what leads to a body's name,
    and the places and marks of :data:`FIRM_NAME_LEAD` it starts with: "走进广西", "在市"); only names of
    :data:`FIRM_SAID_CHARS` characters or more (a question says their first characters).

    Args:
        index: the loaded index.
        places: known place names (a firm's name starts after them: "柳州柳工挖掘机" is 柳工挖掘机).
    Returns:
        The own names, longest first (lower-cased, as question terms are).
    """
    leads = re.compile(FIRM_NAME_LEAD.pattern + "|" + "|".join(re.escape(n) for p in sorted(places, key=len, reverse=True)
                                                               for n in (p, p[:-1])))
    names = set()
    for span in _corpus_marks(index).company_spans:
        name = NAME_LEAD.sub("", span[:span.rfind("有限")])  # ("已有", "三六一度核心供应商")
        while (lead := leads.match(name)) and lead.end():
            name = name[lead.end():]  # "走进广西", "在市", "柳州柳工" -> 柳工
        names.add(name.lower())
    return tuple(sorted((n for n in names if len(n) >= FIRM_SAID_CHARS), key=lambda n: (-len(n), n)))


def generic_chars(index: Index) -> frozenset[str]:
    """Characters in more than :data:`GENERIC_CHAR_SHARE` of an index's chunks (区, 年, 发, 展 ...):
    sharing one says nothing of what a figure measures. Counted once per index (a new build is a new
    index) over its first :data:`GENERIC_CHAR_CHUNKS` chunks; none below :data:`GENERIC_CHAR_MIN_CHUNKS`.

    Args:
        index: the loaded index.
    Returns:
        The generic characters.
    """
    return _corpus_marks(index).generic_chars


def combine(question: str, parts: Sequence[tuple[str, Answer]], passages: Sequence[Passage],
            places: Sequence[str] = ()) -> Answer:
    """One answer from the answers to the parts of a multi-part question.

    Each part is numbered ("（1）…；（2）…"), keeps its own citations (renumbered
    into one list), and a part the documents do not answer says so. A question
    comparing two figures ("哪一年更高？") is answered first by the comparison of
    the two cited figures ("2023年更高：41.9%。（1）……").

    Args:
        question: the whole question.
        parts: (sub-question, its answer), in order.
        passages: every passage retrieved for the parts.
        places: known place names (to say which side of a comparison is higher).
    Returns:
        The combined answer; refused only when every part is.
    """
    if all(a.refused for _, a in parts):
        return refusal(question, passages, support=max(a.support for _, a in parts), kind=parts[0][1].answer_kind)
    citations: list[Passage] = []
    texts: list[str] = []
    shorts: list[str] = []
    for n, (sub, answer) in enumerate(parts, start=1):
        if answer.refused:
            texts.append(f"（{n}）{sub.rstrip('？?')}：{PART_REFUSAL}")
            continue
        mapping = {}
        for i, cited in enumerate(answer.citations, start=1):
            same = next((j for j, c in enumerate(citations, start=1)
                         if c.chunk_id == cited.chunk_id and c.quote == cited.quote), None)
            if same is None:
                citations.append(cited)
                same = len(citations)
            mapping[i] = same
        text = MARKER.sub(lambda m: f"[{mapping.get(int(m.group(1)), int(m.group(1)))}]", answer.text)
        texts.append(f"（{n}）{text}")
        if answer.short_answer:
            shorts.append(answer.short_answer)
    text = "；".join(texts)
    lead = verdict(question, [(sub, a.short_answer) for sub, a in parts], places) \
        if not any(a.refused for _, a in parts) else None
    if lead is not None:  # the reader sees which side is higher, then both cited figures
        text = f"{lead}。{text}"
        shorts.insert(0, lead)
    return Answer(question=question, text=text, citations=citations, refused=False,
                  mode=AnswerMode.EXTRACTIVE, passages=passages,
                  support=min(a.support for _, a in parts if not a.refused),
                  short_answer="；".join(shorts), answer_kind=parts[0][1].answer_kind)


def with_found(passages: Sequence[Passage], chosen: Sequence[Evidence]) -> list[Passage]:
    """The retrieved passages, then the chunks of chosen evidence that sentence search found
    beyond them (a cited chunk joins the passages)."""
    retrieved = {p.chunk_id for p in passages}
    return list(passages) + [ev.passage for ev in chosen if ev.passage.chunk_id not in retrieved]


def quoted(passage: Passage, chunk: Chunk, lo: int, hi: int) -> Passage:
    """A copy of ``passage`` that quotes ``[lo, hi)`` of its text, with the
    quote's span in the original file as its highlight."""
    return replace(passage, quote=(lo, hi), highlight=chunk.original_span(lo, hi), page=chunk.page_at(lo) or passage.page)


def refusal(question: str, passages: Sequence[Passage], mode: AnswerMode = AnswerMode.EXTRACTIVE,
            support: float = 0.0, meta: AnswerMeta = AnswerMeta(),
            kind: AnswerKind = AnswerKind.DESCRIPTION, note: str = "") -> Answer:
    """The answer that says the documents do not hold it, with related reading (and what the nearest
    statement is instead, when ``note`` says it: see :meth:`ExtractiveAnswerer.near_miss`)."""
    return Answer(question=question, text=REFUSAL_TEXT + (f"{note}。" if note else ""), refused=True,
                  related=passages[:RELATED_PASSAGES], mode=mode, passages=passages, support=support, meta=meta,
                  answer_kind=kind)


def _clipped(text: str, lo: int, hi: int, sentence_lo: int, sentence_hi: int) -> str:
    """The quote ``text[lo:hi]`` of the sentence ``[sentence_lo, sentence_hi)``, with …… where it cuts it."""
    return ("……" if lo > sentence_lo else "") + text[lo:hi] + ("……" if hi < sentence_hi else "")


def _unit(figure: str) -> str:
    """The unit of a figure without its number and scale ("302.4亿元" -> "元", "8.7%" -> "%")."""
    return re.sub(r"[\d.,，\s万亿千百约近余多以上左右]", "", figure)


def _other_figure(ev: Evidence, first: Evidence, want: Expected) -> bool:
    """Does a further sentence give another figure of the asked kind than the answer's (it would
    answer something else: "全产业链销售收入超355亿元" beside a company's "营业额超1000万元")."""
    return (want.kind in FIGURE_KINDS and ev.candidate is not None and first.candidate is not None
            and normalize(ev.candidate.text) != normalize(first.candidate.text))


def _overlaps(ev: Evidence, chosen: list[Evidence]) -> bool:
    """True when ``ev`` repeats a chosen sentence (chunk overlap, same text)."""
    return any(ev.text == c.text or (ev.passage.chunk_id == c.passage.chunk_id and ev.lo < c.hi and c.lo < ev.hi)
               for c in chosen)


def _clause_start(text: str, sentence_lo: int, at: int) -> int:
    """Where the clause holding ``text[at]`` begins, within the sentence that begins at ``sentence_lo``."""
    ends = [m.start() for m in CLAUSE_END.finditer(text, sentence_lo, at)]
    return ends[-1] if ends else sentence_lo


def _shorten(text: str, lo: int, hi: int, matched: frozenset[str], tokenizer: Tokenizer,
             max_chars: int = MAX_QUOTE_CHARS, asking: frozenset[str] = frozenset(),
             reach: frozenset[str] = frozenset()) -> tuple[int, int]:
    """Cut a long sentence ``text[lo:hi]`` to the run of clauses (at most ``max_chars``) around the
    question terms it ``matched``; the terms said around the question word (``asking``) count twice, and a run
    holding none of ``reach`` (those terms, with the documents' words for them) reaches for a clause that does."""
    if hi - lo <= max_chars:
        return lo, hi
    sentence = text[lo:hi]
    bounds = [lo] + [lo + m.start() for m in CLAUSE_END.finditer(sentence) if 0 < m.start() < len(sentence)]
    clauses = list(zip(bounds, bounds[1:] + [hi]))

    said = [set(tokenizer(text[a:b])) for a, b in clauses]  # each clause's terms, read once

    def weight(i: int) -> float:
        clause = text[clauses[i][0]:clauses[i][1]]
        hits = len(matched & said[i]) + len(matched & asking & said[i])
        return hits + (0.5 if NUMBER_FACT.search(clause) or DATE_FACT.search(clause) else 0.0)

    def said_asking(i: int) -> bool:
        return bool(reach & matched & said[i])

    best = max(range(len(clauses)), key=lambda i: (weight(i), -i))
    lo_i = hi_i = best
    while True:
        grown = False
        for cand in (hi_i + 1, lo_i - 1):
            if 0 <= cand < len(clauses) and weight(cand) > 0:
                new_lo, new_hi = min(lo_i, cand), max(hi_i, cand)
                if clauses[new_hi][1] - clauses[new_lo][0] <= max_chars:
                    lo_i, hi_i, grown = new_lo, new_hi, True
        if not grown:
            break
    if reach and not any(said_asking(i) for i in range(lo_i, hi_i + 1)):
        # the nearest clause saying what is asked, past any clauses between ("……施工现场，机械的轰鸣声……，旁勒隧道
        # 左洞顺利贯通" for "哪个山洞已经打穿了"), when the run still fits
        fitting = [i for i in range(len(clauses)) if said_asking(i)
                   and clauses[max(hi_i, i)][1] - clauses[min(lo_i, i)][0] <= max_chars]
        if fitting:
            i = min(fitting, key=lambda j: abs(j - best))
            lo_i, hi_i = min(lo_i, i), max(hi_i, i)
    return clauses[lo_i][0], clauses[hi_i][1]
