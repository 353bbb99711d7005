"""What a question asks for, and the spans of that type in an evidence sentence.

A question asks for one :class:`AnswerKind` (an amount with its unit, a
percentage, a date, a person, an organisation, a place, a name, a list, a
yes/no or a description). :func:`candidates` finds the spans of that kind in a
sentence; the short answer is the candidate nearest the words the sentence
shares with the question. When a sentence holds no candidate of the asked kind
(a share where an amount is asked, a sentence naming no company), it cannot
answer the question.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Collection, NamedTuple

from ..chinese import INSTITUTION
from ..records import AnswerKind
from ..synonyms import asked

__all__ = ["AnswerKind", "Candidate", "Expected", "candidates", "enumerates", "expected", "is_name", "nearest",
           "respectively"]


@dataclass(frozen=True)
class Expected:
    """What a question expects: its kind, and for amounts the unit it names ("亩", "家", "元")."""

    kind: AnswerKind
    unit: str = ""
    #: for a person: the title asked about ("市长" must not be answered by a "副市长")
    title: str = ""
    #: for an organisation: the kind asked about ("哪家医院" is not answered by "融媒体中心"); for a
    #: name: "文号" when a document's number is asked; for a place: its level ("哪个镇": 镇)
    head: str = ""
    #: for a percentage: the question asks how much something changed (a rate, not a share)
    growth: bool = False
    #: for a figure: the question asks what it changed to ("降到了多少")
    end_value: bool = False
    #: for a change: what it is measured against, when that is no year or place of its own
    #: ("比一季度快了多少": 一季度, answered by "比一季度高0.2个百分点")
    compared: str = ""
    #: for a date: the question asks when something takes effect ("从哪天起施行"), answered by the date
    #: said with it ("于2024年8月1日起正式施行"), not by that of its adoption or its press conference
    takes_effect: bool = False
    #: for a percentage: the question asks for a share ("占总支出多大比例"), which no rate of change answers
    share: bool = False
    #: for a generic count: the noun counted ("停靠站" of "设了多少个停靠站")
    counted: str = ""
    #: for a date: the question asks when something was founded ("哪一年成立的"), answered only by a date
    #: said with its founding ("成立于2015年"), not by any year of an article about it
    founded: bool = False
    #: for a figure: the question asks what it changed from ("原来是多少"), else a figure said as where a change
    #: started ("由1.08%下降至0.15%") answers nothing
    start_value: bool = False
    #: for a date: the question asks by when something is due or done ("什么时候完成"), which a deadline
    #: ("12月31日前") answers; no other date question does ("荷花节哪一天开幕")
    by_date: bool = False
    #: for money: the question asks it in 块钱 ("一年到手有好多块钱"), which no sum in 亿元 is
    small_money: bool = False


@dataclass(frozen=True)
class Candidate:
    """A span ``[lo, hi)`` of a sentence holding a fact of the asked kind."""

    lo: int
    hi: int
    text: str
    kind: AnswerKind
    #: "约", "近", "左右" ...: the sentence states an approximation
    approximate: bool = False


#: measure words and units a number may carry, longest first inside each group
MONEY_UNITS = ("亿美元", "万美元", "美元", "亿元", "万元", "元")
#: the currency a question may ask in besides 元: only a figure in it answers ("有多少美元": not "85.59亿元")
DOLLAR = "美元"
COUNT_UNITS = (
    "万人次", "人次", "万人", "万户", "万亩", "万平方米", "平方米", "平方公里", "公里", "千米", "万千瓦", "千瓦",
    "万吨", "吨", "家", "个星期", "个月", "个", "项", "人", "户", "亩", "米", "座", "所", "次", "倍", "辆", "套", "名", "位", "条",
    "栋", "张", "台", "件", "场", "支", "伙", "章", "批", "村", "镇", "年", "天", "小时", "分钟", "宗", "起", "株", "棵",
    "间", "盏", "处", "款", "块", "份", "期", "届", "级", "类", "种", "部", "只", "头", "孔", "公顷", "床", "单", "星期", "周", "趟", "回", "枚", "颗", "本", "根", "样", "拨",
    "万公斤", "公斤", "千克", "万斤", "斤",
    "微克", "毫克", "万立方米", "立方米", "万千瓦时", "千瓦时",  # a concentration, a volume, energy
    "路",  # a bus line ("3路公交车")
    "个多月",  # "两个多月"
)
_NUM = r"(?:\d+(?:\.\d+)?|[一二三四五六七八九十百千两]+)"
#: "约" says about, unless it ends a word ("签约2个", "预约", "节约", "合约"; not "春节约", "折合约")
_ABOUT = r"(?<![签预制履违邀续解集])(?<!(?<!春)节)(?<!(?<!折)合)约"
_SCALE = r"(?P<scale>万|亿|千|百)?"
_QUALIFIER = r"(?:以上|左右|余|多)?"
AMOUNT_SPAN = re.compile(
    r"(?P<pre>超过?|" + _ABOUT + r"|近|逾)?" + _NUM + r"\s*(?:多|余)?" + _SCALE + r"\s*(?P<unit>"
    + "|".join(re.escape(u) for u in sorted(MONEY_UNITS + COUNT_UNITS, key=len, reverse=True))
    + r")" + _QUALIFIER
)
#: a number that is only a scale word ("千亩", "万人"): names a size class, states no figure
BARE_SCALE = re.compile(r"[百千万]")
#: what a class of figures sizes ("百亿元项目", "超过百亿元的重大产业项目")
SIZED_KINDS = r"项目|企业|工程|产业"
#: a number said only in scale words ("百亿元"), which names a class when what it sizes follows ("百亿元项目")
BARE_SCALES = re.compile(r"[百千万]+[万亿]?")
CLASS_NAMED = re.compile(r"的?(?:" + SIZED_KINDS + r"|集群|级)")
#: a share written in words ("五分之一", "三成")
SHARE_FORM = re.compile(r"[一二三四五六七八九十]+分之[一二三四五六七八九十]+|[一二三四五六七八九]成")
PERCENT_SPAN = re.compile(r"(?P<pre>" + _ABOUT + r"|近|超过?)?\d+(?:\.\d+)?\s*(?:%|％|个百分点)(?:以上|左右)?|" + SHARE_FORM.pattern)
DATE_SPAN = re.compile(
    r"\d{2}世纪\d0年代(?:初|中期|末)?|"  # a decade ("20世纪60年代初")
    r"(?:(?:19|20)\d{2}年)?\d{1,2}月\d{1,2}日(?:至\d{1,2}日)?|(?:19|20)\d{2}年\d{1,2}月(?:上旬|中旬|下旬|底)?"
    r"|(?:19|20)\d{2}年(?:底|末|初)?|(?<![\d至到—-])\d{1,2}月(?:份|上旬|中旬|下旬|底|初)?(?![\d至到—-])"
)
TITLES = ("区委书记", "市委书记", "县委书记", "书记", "副区长", "区长", "副市长", "市长", "副县长", "县长", "主任",
          "部长", "局长", "主席", "镇长", "村支书", "总经理", "经理", "董事长", "负责人", "院长", "校长", "所长", "站长",
          "会长", "处长", "科长", "队长", "厂长", "行长", "组长", "馆长", "理事长", "秘书长", "司令员", "政委")
#: what makes a title a deputy's, said before it ("常务副总经理")
DEPUTY = "副"
#: what may follow a name: punctuation, or the first character of what the person did ("说", "出席",
#: "主持", "对……充满信心"). The name takes three characters when the third is followed by one of
#: these ("莫玉和出席"), else two ("叶俊主持").
AFTER_NAME = r"(?=[，,。、；;：:（()）\s“”带到在代率同主作出和与等说介表告对指强要为向是也一前陪调深实进及听参召会传讲宣视检督看走慰致发签见接谈提回答]|$)"
#: people named by what they are, not a title ("称赞……的居民叫什么名字")
PEOPLE = ("居民", "村民", "市民", "群众", "老人", "工人", "员工", "职工", "学生", "记者", "通讯员", "专员", "志愿者", "医生",
          "老师", "农民", "人")
#: what people are called before their name, besides titles ("居民古雄文"); not an office
CALLED = tuple(p for p in PEOPLE if len(p) > 1 and p not in ("记者", "通讯员"))
#: a question asking for the name of a person it calls by what they are ("……的居民叫什么名字")
CALLED_ASKED = re.compile(r"(?P<called>" + "|".join(CALLED) + r")(?:的名字|叫什么|是谁|姓什么|的姓名|名字)")
#: the title of a person named in a byline ("本报通讯员罗春宇摄", "全媒体记者覃珩")
BYLINE = "记者"
#: a question about who reported, wrote or took a photo
REPORTER_ASKED = re.compile(r"(?:记者|通讯员|作者|摄影师?|摄影者|撰稿人)(?:是谁|叫什么|姓什么)|谁(?:拍|写|撰稿|执笔|报道)|快门"
                            r"|署名[^，,。？?]{0,6}?(?:是谁|叫什么|姓什么)")  # "署名拍的人是谁" (not "照片里拍的人是谁")
PERSON_SPAN = re.compile(
    r"(?P<title>" + "|".join(sorted(TITLES + CALLED, key=len, reverse=True)) + r")(?P<name>[\u4e00-\u9fa5]{2,3})" + AFTER_NAME
    + r"|(?P<name2>[\u4e00-\u9fa5]{2,3})同志"
    + r"|(?:记者|通讯员)\s*(?P<name3>[\u4e00-\u9fa5]{2,3})(?=\s*摄|[，,、)）\s]|$)"  # "本报通讯员罗春宇摄": who took a photo
)
#: the first character of a person's name: the common Chinese surnames (the ~400 most frequent, with
#: the Zhuang and Guangxi ones the reports use: 覃, 韦, 蒙, 莫, 玉, 农, 黎, 盘), leaving out those that
#: are also everyday words at a name's place ("和", "时", "要", "安", "国", "全", "向" ...); a title
#: or jieba's tag followed by another character ("负责人还集中参加", "主要负责同志") names nobody
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔"
    "钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤常温康施文牛樊葛"
    "邢齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂苗谷盛曲翁冉骆蓝游辛"
    "靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳穆农卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂佟臧闵苟"
    "邬边卞姬仇栾隋刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝官封谈匡鞠惠荆冀郁胥班储栗燕楚鄢劳谌奚皮粟冼蔺楼盘闻"
    "厉伊仝郜阚权帅屠朴练廉禹井祖漆巴丰卿狄晋芮晁扈阙浦戈伏鹿薄邸雍辜羊乌裘亓邰赫杭况宿鲜逯隆茹诸慕危玉银亢嵇"
    "湛宾戎勾茅揭尉檀衣昝幸奉植衡尧闭成习")
#: how a place's or a body's name ends, never a person's ("高新区", "林草局", "白露村")
NOT_A_NAME_END = frozenset("区市县镇乡村屯园局办厅部院校站所路街港场馆证制")


def is_name(word: str) -> bool:
    """Can ``word`` be a person's name: a surname first, and no place's or body's ending."""
    return bool(word) and word[0] in SURNAMES and word[-1] not in NOT_A_NAME_END


#: a branch's name, said right after its body's ("市公安局柳江分局"): one organisation. The branch is named
#: by a short place (not 区/市/县 itself: "区民政局区公安分局" are two units of a table's row), the body
#: ends as an office does
BRANCH = re.compile(r"^(?![区市县])[\u4e00-\u9fa5]{1,4}(?:分局|分公司)$")
BRANCH_BODY = re.compile(r"(?:局|公司)$")
#: how a school's name ends ("穿山中学实验学校", "壮校附小", "柳江二中")
SCHOOL_ENDS = r"学校|中学|小学|大学|学院|附小|附中|高中|幼儿园|[一二三四五六七八九十]中(?!学)|[一二三四五六七八九十]小(?!学)"
#: how the name of a company or body ends: the kind of body it is
ORG_ENDS = (r"集团(?:股份)?有限(?:责任)?公司|有限责任公司|股份有限公司|有限公司|集团|公司|合作社|工厂|企业|银行|医院|" + SCHOOL_ENDS
            + r"|研究院|中心|委员会|管委会|协会|商会|局|办公室|办(?![法理公])|(?<![一加壮扩])(?:大队|支队)(?!伍)")
#: a kind's own word, naming no organisation ("有限公司")
ORG_KIND_ONLY = re.compile(r"(?:有限责任|股份有限|有限)?公司|集团(?:有限)?公司")
ORG_SPAN = re.compile(r"[\u4e00-\u9fa5A-Za-z0-9（）()“”]{2,24}?(?:" + ORG_ENDS + ")")
#: a question about a change ("增长多少", "增速") asks for a rate, never a share (:data:`SHARE_FORM`)
ASKS_GROWTH = re.compile(r"增长|增速|增幅|涨|下降|降低|提高|提升|加快|回落")
#: "降到了多少", "提高到多少": the value a figure changed to is asked (said after 至: :data:`END_VALUE_BEFORE`)
END_VALUE_ASKED = re.compile(r"(?:降|减|升|涨|提高|提升|增加|增长|上升|下降|减少|压|掉|缩|落)(?:到|至)了?"
                             r"(?:多少|几|第几|好多|什么水平|多高|多低|百分之(?:几|多少))")
#: a question asking by when something is due or done ("最晚什么时候", "哪天前完成"), and a date said as a
#: deadline ("12月31日前"): the one answers the other only
DEADLINE_ASKED = re.compile(r"截止|截至|期限|时限|最晚|最迟|之前|以前|完成|完工|建成|竣工|办结|交付|办好|干完|弄好")
DEADLINE_SAID = re.compile(r"\s*(?:之前|以前|前(?![一二三四五六七八九十两\d几后半]))")  # not "2019年前三季度", "前后"
#: "原来是多少", "从多少降下来": the value a figure changed from is asked (said after 由 / 从: :func:`_start_value`)
START_ASKED = re.compile(r"(?<!比)(?:原来|原先|起初|本来)的?(?!计划|打算|定|预计|目标|准备|安排)[^，,？?]{0,6}?(?:是|有|为|只有)?"
                         r"(?:多少|几)|由多少|从多少")  # (not "原来计划投资多少": a plan asked)
#: "现在的比例是多少", "现在排第几": what a figure stands at now ("从原来的5%提升至15%", "由2023年的第29位提升至
#: 第27位"), unless a change is asked ("目前同比增长了多少")
NOW_ASKED = re.compile(r"(?:现在|目前|如今|眼下)[^？?。]{0,20}(?:多少|几)")
#: "哪家医院", "什么学校", "有所小学……是哪一所": the kind of organisation a question names, which its answer must be
ORG_HEAD = re.compile(r"(?:哪一?家|哪一?个|哪一?所|什么|那家|那个|那所|有一?所|有一?家)[\u4e00-\u9fa5]{0,4}?(医院|银行|学校|中学|小学|大学|合作社|协会|商会|组织|公司|企业|部门)")
#: how the name of an organisation of an asked kind ends, where it is not the kind's own word
#: ("哪个行业组织" is answered by "市螺蛳粉协会", "哪所学校" by "壮校附小")
HEAD_ENDS = {"组织": "会", "学校": SCHOOL_ENDS, "中学": r"中学|高中|附中|[一二三四五六七八九十]中",
             "小学": r"小学|附小|[一二三四五六七八九十]小",
             # a firm is named as a company, a group, a works or a co-operative (not "住房和城乡建设局")
             "公司": r"公司|集团|厂|合作社", "企业": r"公司|集团|企业|厂|合作社",
             # a department of a government is a bureau, committee, office or centre, not a firm
             "部门": r"局|委员会|管委会|办公室|办|中心"}
#: items of one kind joined by 和/与/及 ("半岛花园社区和雅儒社区", "柳江二中和实验高中")
SAME_KIND_ITEMS = re.compile(r"[\u4e00-\u9fa5]{1,8}?(社区|村|镇|公司|企业|学校|中学|小学|医院|项目|工程)[和与及][\u4e00-\u9fa5]{1,8}?\1")
#: "哪个镇", "那个村": the level of place a question asks for, which its answer must end with
PLACE_HEAD = re.compile(r"(?:哪个|哪一个|那个|什么)(?:城(?=区))?(镇|乡|村|屯|县|区|省|市|社区|街道)(?![乡镇村屯县区市])(?![\u4e00-\u9fa5]?[长委])")
#: places that end like a district or a city but are none ("雅儒社区" does not answer "哪个区")
OTHER_LEVEL_END = re.compile(r"(?:社|园|小|片|景|城|辖|校|厂|新城|开发|优势|示范|保护|功能|服务|试验|集聚|核心)区$|(?:城|超|集)市$")
#: a place: a name and its level (市 before 民 or 场 is part of 市民, 市场: "展示市民风采" names no city)
PLACE_SPAN = re.compile(r"[\u4e00-\u9fa5]{1,6}?(?:镇|乡|村|屯|街道|社区|县|区|市(?![民场])|省|自治区|新城|园区|工业园|公交站|车站)")
#: the fewest places a run must name to be taken whole ("浙江省绍兴市诸暨县枫桥镇"; "柳州市柳江区" stays two)
CHAINED_PLACES = 3
#: the levels of administration a run goes down, from a province ("紫藤花庄园获自治区四星级乡村旅游区" is no run)
PROVINCE, ADMIN_LEVELS = "省", ("市", "县", "区", "镇", "乡")
#: the longest name of one level in a run ("诸暨县"; not "获评广东省", nor a title: "文明村", "特色小镇")
RUN_NAME_CHARS = 4
NOT_IN_RUN = re.compile(r"文明|特色|示范|先进|卫生|生态|小镇")


def _chained(sentence: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Place spans with each run of :data:`CHAINED_PLACES` or more short names that follow one another, from a
    province down, merged into one."""
    def named(span: tuple[int, int], ends: tuple[str, ...] | str) -> bool:
        name = sentence[slice(*span)]
        return len(name) <= RUN_NAME_CHARS and name.endswith(ends) and not NOT_IN_RUN.search(name)

    runs: list[list[tuple[int, int]]] = []
    for span in spans:
        if runs and runs[-1][-1][1] == span[0] and named(span, ADMIN_LEVELS):
            runs[-1].append(span)
        else:
            runs.append([span])
    return [s for run in runs for s in ([(run[0][0], run[-1][1])] if len(run) >= CHAINED_PLACES
                                        and named(run[0], PROVINCE) else run)]


#: "在文昌会议中心新闻发布厅举行": where an event took place
VENUE_SPAN = re.compile(r"在(?P<venue>[^，,。；;在]{2,20}?)(?:举行|召开|举办|开展|进行)")
#: a verb that the lazy place pattern may take along at the start ("领导到新兴工业园")
PLACE_LEAD = re.compile(r"^.*[到在赴于往至去为是了]")
#: the level of a city
CITY = "市"
#: what a place's name never holds: "的" ("体量最大的城市"), a digit, a year's leftover ("年自治区"),
#: nothing but a level ("城区", "全区"), a city that is none ("深入城市"), every place of a level ("柳江各镇"), or a
#: kind of place
NOT_A_PLACE = re.compile(r"的|\d|^年|城市$|[各每诸](?=[镇乡村屯区县市])|^(?:城区|全区|全市|全县|辖区|该区|本区|我区|我市|城市|园区|社区|该镇|全镇)$"
                         # a kind of place, not a place ("乡村振兴", "特色园区")
                         r"|^(?:乡村|农村|城乡|镇村|村屯|(?:特色|工业|产业|农业|科技|物流)园区)$")
#: verbs the lazy organisation pattern may take along at the start ("鼓励汽配企业", "对8家企业")
NAME_LEAD = re.compile(r"^.*(?:已有|现有|鼓励|推动|支持|引导|帮助|培育|引进|扶持|指导|加快|抓好|推进|依托|通过|联合|组织|积极|重点|对|向|与|由|为|的|在|从|项目"
                       r"|供应商|配套商|供货商"  # "三六一度核心供应商桂卓体育用品有限公司": what the firm is to another
                       # a project named before the body that runs it ("农村饮水安全工程区水利局": a table's row)
                       r"|工程(?=[区市县](?!政|场|域)))")
#: words that make a kind of organisation a class wherever they stand ("……挤进三级医院"), and those
#: that do only in front of the bare kind ("重点企业"; "拉堡镇社区医院" is one hospital)
CLASS_WORDS = r"[一二三]级|公立|民营|私立|各级|相关|有关|县级|市级|区级|骨干|龙头"
CLASS_WORDS_ALONE = r"基层|乡镇|社区|村|重点|[大小新老]"
ORG_KINDS = r"(?:医院|学校|企业|公司|单位|部门)"
#: a kind of organisation, not one organisation ("三级医院", "相关企业")
GENERIC_ORG = re.compile(rf"^(?:{CLASS_WORDS_ALONE})?{ORG_KINDS}$|(?:{CLASS_WORDS}){ORG_KINDS}$"
                         # an industry's firms ("汽配企业", "制药企业", "柳北区建立健全高新技术企业"): a firm's own
                         # name ends in 公司 or 集团
                         r"|企业$"
                         # a trade's firms ("物业公司" of "居委会、物管会、物业公司多方联动"): a firm has a name
                         r"|^(?:物业|建筑|物流|快递|保险|房地产|施工|运营|劳务|保安|家政)(?:服务)?公司$"
                         # one referred to, not named ("原小区物业公司", "该公司")
                         r"|^(?:原|该|此|本)|这家|那家|一家"
                         # a size class ("新增规模以上工业企业") and what closes a list ("柳松等新建投产企业")
                         r"|规上|规模以上|等")
RANK_SPAN = re.compile(r"第[\d一二三四五六七八九十百]+(?P<counter>位|名|版|届|批|次|期|轮)|(?<!\d)\d{1,2}(?P<page>版)")
#: "第几届", "第几批": the counter a rank question names after 第几
ASKED_RANK = re.compile(r"第几(位|名|版|届|批|次|期|轮|回|场)")
#: the editions an everyday counter of a rank asks for ("第几回" of a festival is its 第八届)
EDITION_COUNTERS = {"回": ("届", "次", "期", "轮"), "场": ("届", "次", "期", "轮")}
#: a standing among others ("排第几", "名次", "第几名"): answered by 第N位 or 第N名, never by an edition (第一届)
STANDING = "名"
STANDING_COUNTERS = ("位", "名")
#: a document's number ("江政发〔2020〕5号")
DOC_NUMBER = re.compile(r"[\u4e00-\u9fa5]{1,6}[〔\[［]\d{4}[〕\]］]\d{1,4}号")
#: what a question asking for a document's number says (its answer is a :data:`DOC_NUMBER`, not a title)
DOC_NUMBER_ASKED = "文号"
#: a telephone number (an area code and 7 or 8 digits, a mobile's 11, a public service line's 5 starting 123: "12345",
#: "12315"), said after what calls it one ("拨打", "热线", "电话"), and a question asking for one ("办事电话是多少", "热线
#: 号码是什么"; not "热线几号开通", "热线多少件工单"): only such a number answers it, no count
PHONE = "电话"
PHONE_SPAN = re.compile(r"(?<![\d.])(?:(?:0\d{2,3}[-－—]?)?\d{7,8}|1[3-9]\d{9}|123\d{2})(?![\d.%万亿元个人家件次年户亩米吨])")
PHONE_CUE, PHONE_CUE_CHARS = re.compile(r"拨打|热线|电话|咨询|联系|手机|号码|专线"), 12
PHONE_ASKED = re.compile(r"(?:电话|热线|手机)(?:号码?)?(?:是|为)?多少(?![个件次条人天时万亿元名家项])"
                         r"|(?:电话|热线|手机)(?:号码?(?:是|为)?|是|为)(?:几号|什么)|联系(?:电话|方式)|(?:电话|手机)号码")
#: a question asking for a document's number in other words ("红头文件的编号", "公文编号", "发文字号"; probes 45-47)
DOC_NUMBER_WORDS = re.compile(r"文号|(?:公文|文件|红头文件?|发文)[^？?，,]{0,2}(?:[，,](?:它的|其)?)?编号|发文字号|几号文(?![化艺明])")
NAME_SPAN = re.compile(r"“[^“”]{2,30}”|《[^《》]{2,40}》|" + DOC_NUMBER.pattern)
#: items listed in a sentence: "拉堡镇、进德镇", "“免证办”“全链通办”", "一是……二是", "（1）", "①",
#: "旅游装备制造业+装配式建筑制造业"
ENUMERATION = re.compile(r"[^、，,。；;：:\s]、[^、，,。；;：:\s]|”“|[一二三四五六七八九十]是|[（(][一二三四五六七八九十\d][）)]"
                         r"|[①②③④⑤⑥⑦⑧⑨⑩]|[\u4e00-\u9fa5]\+[\u4e00-\u9fa5]")

#: kinds of things that have names of their own ("哪个产业园", "哪条路", "哪个项目")
NAMED_THINGS = r"园区|园|中心|基地|平台|工程|项目|大道|路|桥|街|馆|站|港|市场|广场|景区|小区|公园|大厦|片区|校区|分校"
#: "哪个产业园", "哪个快递牌子的园子": a named thing of a kind asked for (the kind's word last; not "哪个科技城的科技交流
#: 中心", which asks for the 科技城)
NAMED_THING_ASKED = r"哪(?:一个|个|座|条|片)(?:[^，,？?的]{0,4}(?:牌子|品牌|字号)的)?(?P<noun>[\u4e00-\u9fa5]{0,4}?(?:" + NAMED_THINGS + "))"
#: everyday words for the head of a body ("区政府的一把手", "党组织的头儿", "政府的主官")
HEAD_WORDS = r"头把交椅|最高负责人|头号人物|一号人物|最高领导|一把手|头号行政长官|头号|行政长官|当家人?|主官|头儿|头头|领头的?人|带头的?人|掌门人|掌舵人|主要负责人|负责人"
#: a share asked per hundred ("每花一百块钱，有多少是用在……上的")
PER_HUNDRED = r"每[^？?，,]{0,6}(?:一百|100)[^？?]{0,16}?(?:多少|几)"
#: a part of a whole asked ("占总支出多大比例", "占了多少"): a percentage, and a share
PART_OF_WHOLE = r"(?<!独)占(?!地|用)[^？?，,]{0,12}(?:多少|几|多大)"
#: a time of day asked ("首班车几点发车", "几点钟开始"; not "提出了几点要求")
TIME_OF_DAY_ASKED = re.compile(r"几点钟|几点(?=发车|开门|开始|开放|开业|开会|出发|到达|起飞|结束|举行|召开|收班|收车|关门"
                               r"|营业|上班|下班|截止|的[车班])")
#: a month asked ("是几月被……挑中的", "几月份"; not "前几月", "近几月", "第几月", "几月几日")
MONTH_ASKED = r"(?<![前近这那头后几第])几月(?!几)"
#: question patterns, checked in this order (the first that matches decides)
ASKS = (
    (AnswerKind.YESNO, re.compile(r"是否|有没有|是不是|能否|(?<![什么哪谁几])吗[？?]?$")),
    # ("几号开的", "是几号讲的", "是几号？" ask a day; not "几号演播厅", "第几号令", "编号是几号")
    (AnswerKind.DATE, re.compile(r"什么时候|何时|哪天|哪一天|哪几天|哪两天|几月几[日号]|" + MONTH_ASKED + r"|日期|哪一年|哪年|什么时间|哪个月"
                                 r"|(?<![第编])(?<!编号是)(?<!文号是)几号(?=[开举召发到出结起截前后以之的讲做念读办签印批宣完]|[？?，,。]|$)|"
                                 + TIME_OF_DAY_ASKED.pattern)),
    # ("……项目由谁牵头", "那件实事，是谁挑头负责的": a body leads a task, as the 牵头单位 of a list of tasks says; a
    # team's leader is a person: "项目管理团队由谁牵头", and so is who started something: "这件事是谁挑头闹起来的")
    (AnswerKind.ORG, re.compile(r"(?:项目|工程|实事|任务|这件事|那件事)[^？?团队伍组]{0,8}?谁(?:来)?"
                                r"(?:牵头|挑头|领头|主办|承办)(?=负责|的?[？?]?$|[，,])")),
    (AnswerKind.PERSON, re.compile(r"谁|哪位|哪一位|哪一?个人(?![才口数员])|姓名|哪名领导|(?:领导|老板|管事的?人?(?![^？?，,]{0,2}(?:部门|单位|公司|机构))|" + HEAD_WORDS + "|" + "|".join(TITLES) + r")[^？?]{0,6}(?:叫什么|名字)"
                                   r"|(?<=的)[那这]位[，,]?(?:叫什么|的名字)"  # "……出主意的那位（，）叫什么"
                                   r"|" + CALLED_ASKED.pattern)),
    (AnswerKind.LIST, re.compile(r"哪“[一二三四五六七八九十两双]|哪些|哪几|有哪(?!一?[个家所位座条项片])|包括什么|包括哪|指的是什么|是指什么|指什么|具体指|分别指|哪[两三四五六七八九十]个|哪[两三四五六七八九十]项|哪[两三四五六七八九十][大方类种件条样]")),
    (AnswerKind.ORG, re.compile(r"哪一?家|哪一?所|哪个[\u4e00-\u9fa5]{0,4}?(?:公司|企业|单位|部门|机构|组织|协会)"
                                r"|什么(?:公司|企业|单位|部门|机构|组织|协会)|(?:公司|企业|单位|机构|部门|组织)[^？?]{0,6}(?:叫什么|名称|是哪(?![条座片位所年天]|一?个(?:城区|镇|乡|村|区|县|市|地方)))"
                                # "那家厂子，全名叫什么": a firm's full name
                                r"|(?:厂子?|工厂|公司|企业)[^？?]{0,4}?(?:全名|全称)"
                                # "……的那家厂叫什么", "这家厂商叫什么": a works is a firm
                                r"|(?:厂子?|工厂|厂家|厂商)的?(?:全称|全名|名称|名字|叫什么|是哪家)")),
    (AnswerKind.PLACE, re.compile(r"哪一?个(?:城区|镇|乡|村|屯|县(?!级)|区(?![级属直])|省(?!级)|市(?![级属直])|地方(?![法性政标])|园区|工业园|园|社区|街道)|哪里|什么地方|(?<!排)在哪(?![一几]?[个些]?方面)"
                                  r"|(?:镇|乡|村|村子|社区|园区)[^？?]{0,6}是哪个")),
    (AnswerKind.DESCRIPTION, re.compile(r"哪一?[类种]")),  # "哪类吃食排第一" asks for the thing, not its rank
    (AnswerKind.RANK, re.compile(r"第几|名次|排名|排在|位次|排第|排老几|排行老几")),
    (AnswerKind.NAME, DOC_NUMBER_WORDS),  # "红头文件编号是多少": a number that names, not a count
    (AnswerKind.NAME, re.compile(r"几颗?星(?!期)")),  # "被评成了几颗星的……": a grade awarded ("四星级乡村旅游区")
    (AnswerKind.PERCENT, re.compile(r"增长[^？?，,的]{0,4}目标|增长的[^？?，,的]{0,4}目标(?:[^？?，,]{0,8}(?:多少|几)|[，,])|" + PART_OF_WHOLE + r"|份额|增长[^？?，,的]{0,6}多少|涨了?多少|涨得[^？?，,的比]{0,5}多少|增速|(?:增长|上涨|涨|增加)得?的?速度|增幅|涨幅|降幅|幅度|比重|占比|覆盖面(?![^？?，,]{0,4}(?:扩大|提高|增加|提升|拓展|拓宽))|比例|百分之|百分点|(?:率|满意度|程度|覆盖面|覆盖得|进度)[^？?，,]{0,8}多少|覆盖(?:到|了|达到?)了?多少(?![\u4e00-\u9fa5])|(?:率|满意度|比重|占比|得分|评分|打分|测评|主观评价)[^？?]{0,30}(?:什么水平|多高|多少)|下?降(?:了)?多少|提高(?:了)?多少|提升(?:了)?多少|降低(?:了)?多少|几成|多少成|" + PER_HUNDRED)),
    (AnswerKind.AMOUNT, re.compile(r"多少|几(?:" + "|".join(sorted(COUNT_UNITS, key=len, reverse=True)) + r"|万|亿|千|百|岁)"
                                   r"|规模|总额|金额|多大|多高|多长|多远|多重|多久")),
    (AnswerKind.NAME, re.compile(r"什么职务|什么职位|担任什么|叫什么|什么名|什么品牌|哪个项目|什么项目|什么活动|什么会议|什么称号|什么荣誉|什么奖|几等奖|什么平台|什么模式|什么品牌|什么机制|文号|编号|(?:命名|称|评|授予)为?什么"
                                 # "起了个什么正式名号", "挂上了什么招牌", "这个名头叫什么", "简称是什么": a name in everyday words (not
                                 # "全称是什么": a firm's full name is an organisation's; nor "起了个什么叫法": a
                                 # catchword is a description's quote, on probes 37)
                                 r"|什么[^，,？?]{0,3}?(?:名号|名称|名头|名字|招牌|称呼|称号)|简称(?:是|叫)什么"
                                 r"|" + NAMED_THING_ASKED)),
)
#: the numbers of a meeting's name ("二届六次全会", "第一届人民代表大会第四次会议", "十一届三次全会")
MEETING_NUMBER = re.compile(r"第?[一二三四五六七八九十\d]+届[^，,。；;\d]{0,8}?第?[一二三四五六七八九十]+次(?=[^，,。；;]{0,8}?(?:全会|会议))"
                            r"|第[一二三四五六七八九十\d]+届|第[一二三四五六七八九十\d]+次(?:全会|全体会议|会议|代表大会)")
#: "……物业公司叫什么名字": the kind of body whose name is asked (a 住建局 names no 公司)
ORG_NAME_ASKED = re.compile(r"(公司|银行|医院|学校|合作社|协会|商会)的?(?:叫什么|名称|名字|全称|全名|是哪)")
#: a title ("《柳州文明十条》")
TITLE_QUOTED = re.compile(r"《[^《》]{1,60}》")
#: the term a note defines ("32.两个全覆盖：……"): a name, not a count (a quoted term in the text, "以开展
#: “七个一批”活动为抓手", still says how many)
NAMED_TERM = re.compile(r"^\d{1,2}[.．、]\s*[^：:，,。]{1,20}[：:]")
#: digits said one by one ("五一", "一二"): a name or a code, never a count
NOT_A_NUMBER = re.compile(r"[一二三四五六七八九〇零]{2,}")
#: a bus line's number ("3路公交车"): which line, not a count of 路 (unless 几路 is asked)
ROUTE = "路"
ROUTE_OF = ("公交", "车", "专线", "公共汽车")
#: a place or body before 的 in what a question counts ("多少个村的村民"): it counts those, not people
PLACE_OF_PEOPLE = re.compile(r"(?:村|屯|社区|镇|乡|区|县|市|企业|公司|学校|单位)的")
#: the head of a government or a party committee said in everyday words ("市政府的一把手", "区委的当家人"):
#: the government's is its 市长/区长/县长/镇长, the committee's its 书记; a government said without its level ("柳北区……
#: 那位政府一把手") is of the level of the place named last before it (:data:`PLACE_LEVEL`)
HEAD_OF = re.compile(r"(?:(?<!自治)(?P<level>[市区县镇])(?:人民)?政府|(?<!自治)(?P<committee>[市区县镇])委|(?<!自治区)党委|党组织"
                     r"|党支部|党总支|党内|党组|(?P<government>政府))"
                     r"(?:那边|这边)?(?:现在|目前|如今|眼下|当时)?的?坐?"  # ("党委坐头把交椅的")
                     r"(?:" + HEAD_WORDS + ")")
HEAD_OF_GOVERNMENT = "长"
#: a place named by two characters and its level ("柳江区", "百朋镇"; not 社区, 园区, 自治区, 市场, 市民, 县城)
PLACE_LEVEL = re.compile(r"[\u4e00-\u9fa5]{2}(?<![园社城厂景片小治郊矿营商])([市区县镇])(?![场民城里委政])")
#: the title that names no office ("负责人"): a body's head said with it has the body's title
GENERIC_HEAD = "负责人"
#: the head of a firm asked in everyday words ("那家做酸嘢的厂，当家的是谁", "厂子，管事的人叫啥"; not "给企业发贷款的
#: 柳北区，它的一把手"): named as its 负责人
FIRM_HEAD_ASKED = re.compile(r"(?:公司|厂子?|企业|科技)[，,]?[^，,？?区县市镇委府院校位]{0,10}?(?:" + HEAD_WORDS
                             + r"|老板|掌柜的?|管事的)")
SECRETARY = "书记"
#: "获得了什么称号": an honour is asked, answered by a quoted name or by what follows 获 ("获自治区四星级乡村旅游区")
HONOUR_ASKED = re.compile(r"什么称号|什么荣誉|什么奖|几等奖|评为什么|评上了?什么|几颗?星(?!期)|什么名头|什么头衔")
HONOUR = "称号"
HONOUR_SPAN = re.compile(r"(?:荣获|获评|获得|被评为|评为|被授予|授予|荣登|入选|获(?![得批悉取好])"
                         # ... or what a body named it ("柳北区被教育部确定为全国义务教育优质均衡先行创建区")
                         r"|(?<=被)[^，,；;。]{0,8}?(?:确定|命名|认定)为)了?(?!新|较|明显|进一步|一定|充分|广泛)"
                         r"(?P<name>“[^“”]{2,30}”|[^，,；;。、“”《》\d]{2,24}?)(?=称号|荣誉|[，,；;。]|$)")
#: "担任什么职务": an office is asked, answered by the title before a name ("柳江区委书记王秋静")
OFFICE_ASKED = re.compile(r"什么职务|什么职位|担任什么")
OFFICE = "职务"
#: what introduces a name ("是指柳江新城区……", "即……")
THAT_IS = re.compile(r"^(?:是指|是|即|指)")
#: a span that points at things of a kind rather than naming one ("每个站点", "各个站", "这个站")
POINTING_START = re.compile(r"[每各这那该此某哪](?:一?个|一)")
#: "哪个产业园", "哪条路": the kind of named thing asked for, whose name ends with its last characters
NAME_HEAD = re.compile(NAMED_THING_ASKED)
#: a name ends with at most this many characters of the kind asked ("……循环利用产业园" for "产业园")
NAME_HEAD_CHARS = 2
#: where something is, asked as the road it is on ("红蜂驿站在哪条路上", "厂子开在哪条路边上"): a road's name answers,
#: not the village or district the sentence names
ROAD_ASKED = re.compile(r"(?:哪|什么)一?条(?:大道|大街|马路|道路|路|街)(?![线子道])")
#: ... and the ends of a road's name ("白莲大道", "五一路", "仁和支路"; not "路灯", "路段", "街道")
ROAD, ROAD_ENDS, AFTER_ROAD = "路", r"大道|大街|路|街", r"(?![区内网口灯段面线径况道巷])"
ROAD_HEADS = ("路", "大道", "大街", "街")
#: what leads to a road's name in a sentence ("笔者走进位于柳江区白莲大道", "马平路连接柳江大道") and the places it is
#: in ("柳州市柳江区", "拉堡镇"), and the length of what is left: a name, not a deed ("安装了路") nor a kind of road
#: ("道路", "公路", "思路")
ROAD_LEAD = re.compile(r"^.*(?:位于|走进|连接|经过|途经|沿着?|通往|直达)")
ROAD_PLACES = re.compile(r"^(?:[\u4e00-\u9fa5]{1,6}?(?:自治区|省|市|区|县|镇|乡))+(?=[\u4e00-\u9fa5]{2})")
ROAD_NAME_CHARS = (3, 6)
NOT_A_ROAD = re.compile(r"了|(?:道|公|线|思|铁|出|马|网|门|水|电|通|上|前)路$")
#: a question asking when something takes effect, and what follows the date it does so on
#: the question words asking on which day or at what time ("哪天", "什么时候")
WHEN_ASKED = r"哪天|哪一天|什么时候|何时|几月几[日号]|什么时间"
EFFECT_ASKED = re.compile(r"(?:" + WHEN_ASKED + r"|哪一年|哪年|哪个月)[^？?，,]{0,6}?"
                          r"(?:生效|施行|管用|作数|算数|起(?:开始)?(?:正式)?(?:实施|执行))")  # "从哪一天起开始正式执行"
#: ... or when a law named as such begins to apply ("那部地方法规从哪天开始执行", "那部地方规矩从哪天起管事";
#: "四大战役哪一年开始实施" is no law, "新物业公司什么时候开始管事" no law's start)
LAW_NAMED = re.compile(r"条例|法规|规章|办法|规定|规矩|《[^》]{1,30}法》")
LAW_STARTS = re.compile(r"(?:" + WHEN_ASKED + r"|哪一年|哪年|哪个月)[^？?，,]{0,6}?(?:开始(?:正式)?(?:实施|执行)|管事)")
EFFECT_SAID = re.compile(r"[^。；;]{0,12}?(?:生效|施行)|(?:起|开始)[^。；;]{0,8}?(?:实施|执行)")
#: the verbs of a founding, and a question asking when something was founded
FOUNDING = r"成立|创办|创立|始建|建立|开办|开张|开业|注册|建厂"
FOUNDED_ASKED = re.compile(r"(?:" + WHEN_ASKED + r"|哪一年|哪年)[^？?，,]{0,6}?(?:" + FOUNDING + r"|开起来)"
                           r"|(?:" + FOUNDING + r")(?:于|在)?(?:" + WHEN_ASKED + r"|哪一年|哪年)")
#: ... answered by a date said right with its founding ("成立于2011年", "2018年正式开业"; not "新中国成立75周年")
FOUNDED_BEFORE = re.compile(r"(?:" + FOUNDING + r"|建)(?:于|在)\s*$")
FOUNDED_AFTER = re.compile(r"\s*(?:正式)?(?:" + FOUNDING + r")(?!\d+周年)")
#: the part of a date a question asks for ("哪天" a day: not answered by "2022年"; "哪一年" a year)
DATE_PRECISION = (
    (re.compile(r"哪天|哪一天|几月几[日号]|几号|哪几天|哪两天"), "日"),
    (re.compile(r"哪一?年"), "年"),
    (re.compile(r"哪个月|" + MONTH_ASKED), "月"),
    # a time of day: no date answers it (the dates :data:`DATE_SPAN` reads hold no 时)
    (TIME_OF_DAY_ASKED, "时"),
)
#: words that begin with a counter but are nouns ("多少支出" asks money, "多少家庭" households, "多少家长" people),
#: or a scale ("好几个亿": money, not a count of 个)
NOUNS_AFTER_COUNTER = ("伙食", "伙伴", "伙计", "伙房", "时工", "样品", "样本", "支出", "家庭", "家长", "家属", "项目", "场所", "条件", "位置", "个亿", "款子", "款项",
                       "本该", "本级", "本身", "本地企业", "本地公司", "本地厂", "本地人", "本地居民", "本地商")
#: units asked in everyday words, and the documents' unit each stands for ("几个钟头": 小时)
#: money asked in 块钱 ("好多块钱", "几块钱"): no sum in 亿元
SMALL_MONEY_ASKED, BILLIONS = re.compile(r"(?:多少|几)块钱"), "亿"
EVERYDAY_UNITS = {"个小时": "小时", "个钟头": "小时", "钟头": "小时", "样品种": "种",  # ("多少样品种": kinds, no 样品)
                  "块钱": "元"}  # ("有好多块钱": money, no 块 of land)
#: "多少亩", "几家": the unit right after the question word (not "那几盏路灯花了多少钱": those few lamps)
ASKED_UNIT = re.compile(r"(?:多少|(?<![那这])几)(" + "|".join(sorted(MONEY_UNITS + COUNT_UNITS + tuple(EVERYDAY_UNITS),
                                                                   key=len, reverse=True))
                        + r")" + "".join(f"(?<!{w[0]}(?={w[1:]}))" for w in NOUNS_AFTER_COUNTER))
#: a scale asked without a unit ("落到多少亿", "好几个亿"): money, which no count ("56个", "五个") answers
SCALE_ASKED = re.compile(r"(?:多少|几)个?亿(?![\u4e00-\u9fa5])")
#: ... unless what is counted is no money ("常住人口有多少亿", "快递业务量达到多少亿")
COUNTED_NOT_MONEY = re.compile(r"人口|人数|人次|游客|客流|产量|业务量|件数|吨")
#: money words that name what is measured; one that modifies a counted noun ("投资项目有多少") does not
MONEY_WORDS = re.compile(r"(?:钱|经济总量|经济规模|经济体量|GDP|gdp|资本|货值|(?<!免)费(?!用)|挣|赚|花了|花在|开销|开支|支出|收入|投资|投入(?!使用|运营|运行|生产|营运)|资金|经费|费用|服务费|电费|保费|学费|补贴|补助|奖补|奖金|工资|工钱|薪|税|金额|总额|[^数]额|产值|产出值|生产总值|总值|增加值|预算|营收|进账|美金|票价|价格|价钱|单价|售价|罚款|罚金|盘子|款子|款项|流水(?!线|作业)|贷款|(?<!信)贷)(?!项目|企业|公司|主体|人数|户数|人员)")
#: money named right after the question word ("节省了多少支出", "多少钱")
MONEY_ASKED = re.compile(r"(?:多少|几)(?:" + MONEY_WORDS.pattern + r")(?![^？?，,]*?(?:率|比例|比重))")  # not "多少贷款利率"
APPROX = re.compile(_ABOUT + r"|近|左右|超过?|逾|余|多|突破|以上")
#: "多少学生享受到了营养餐补助" counts people, though it names a subsidy ("多少乡下劳力": where they are from may
#: come between)
_PEOPLE_NOUNS = (r"(?:学生|孩子|娃娃|小孩|幼儿|老年人|长者|家长|居民|群众|农民|工人|人员|老人|儿童|游客|乘客|旅客|观众|求职者"
                 r"|患者|职工|员工|干部|教师|老师|医生|嫌疑人|嫌犯|市民|村民|党员|志愿者|老百姓|百姓|老乡|乡亲"
                 r"|劳动力|劳力|人手|农民工|务工人员")
_PEOPLE_OR_CHILD = _PEOPLE_NOUNS + r"|娃)"  # (a child said alone, "读书娃", only before 有多少)
#: ... and so does "乡下念书的孩子有多少享受到了伙食补助": people named before 有多少, which a deed follows
COUNTS_PEOPLE = re.compile(r"(?:多少|几)万?(?:个|位|名|口)?(?:[\u4e00-\u9fa5]{1,4}的|乡下|农村|乡村|城里|城镇|外地|本地|贫困|困难)?"
                           + _PEOPLE_NOUNS + r"|人(?![才均家]))"
                           r"|(?:多少|几)万?(?:个|名)?(?:乡村|农村|乡下|山里|读书|上学|留守)?娃"  # "有多少乡村娃在学堂吃上了……"
                           # "观光游玩的人，一共来了多少": the people described, then counted
                           r"|的人[，,]?(?:一共|总共|共)?(?:来了|有)?(?:多少|几)(?=[？?，,。]|$)"
                           r"|" + _PEOPLE_OR_CHILD + r"们?(?:里头|里|中|当中)?(?:一共|总共|共)?有(?:多少|几)(?:个|位|名)?"
                           r"(?=[^\u4e00-\u9fa5]|[享吃拿得领获受参入脱用住上来去被在能会已都])"
                           # ... or before a deed and 的 that end the question ("上学的娃娃享受伙食补助的一共有多少")
                           r"|" + _PEOPLE_OR_CHILD + r"[^，,？?。]{0,14}的(?:一共|总共|共)?(?:有|是)?(?:多少|几)(?:个|位|名)?人?[？?]?$"
                           # ... or described with 的 and said first, the deed after a comma ("乡下念书的娃娃，中午能吃上……
                           # 饭菜的，一共有多少个"; not "为方便群众，在各社区新设的，一共有多少个", which counts what was set up)
                           r"|(?<=的)" + _PEOPLE_OR_CHILD + r"[，,][^？?。]{0,20}的[，,]?(?:一共|总共|共)?(?:有|是)?"
                           r"(?:多少|几)(?:个|位|名)?人?[？?]?$")
#: a question asking how long ("多久", "花了多长时间": not money, though it says 花了)
DURATION_ASKED = re.compile(r"多久|多长时间|时长|多少个月|几个月|多少天|多少年")
#: a 家庭 counted is a household (not a 家庭农场, a 家庭医生 ...)
HOUSEHOLD = r"家庭(?!农场|医生|服务|教育|成员)"
#: the unit a question implies by what it counts, when it names none ("常住人口有多少" counts people)
IMPLIED_UNITS = (
    (DURATION_ASKED, "时长"),
    # ("旅游人流量" is answered in 人次; "就业岗位" counts posts, not people)
    (re.compile(r"人口|人数|多少人|人流|客流|就业(?!岗位)"), "人"),
    (re.compile(r"户数|" + HOUSEHOLD), "户"),  # "……危房改造的家庭数为多少": 1579户
    (re.compile(r"企业|公司|厂商|厂家|合作社|农场"), "家"),
    (re.compile(r"个数"), "个"),  # "新拉来的项目个数是多少": a count (71个), not an amount
    # "那片地有多大", "扒掉了多少平方"
    (re.compile(r"面积|(?:[这那一][片块]地|地块|场地|占地|用地)[^？?，,]{0,3}?多大|平方(?!公里|千米)"), "平方米"),
    # "从老百姓手里收回来多少地": land is counted in 亩 (not "多少地方", "多少地级市", "多少地铁站")
    (re.compile(r"多少(?:田土|田地|土地|地)(?![方区块带图级铁面市])"), "亩"),
    (re.compile(r"产量|重量"), "吨"),
    (re.compile(r"多长|长度|里程"), "米"),
)


#: an aside right before the question mark: the subject a later clause of a question borrows
BORROWED_AT_END = re.compile(r"（[^（）]*）(?=[？?]$)")
#: a share asked as a part of a whole ("占总支出多大比例", "占了多少", "比重是多少"; not "百分之几", said of changes too)
SHARE_OF_ASKED = re.compile(PART_OF_WHOLE + r"|比例|占比|比重|份额")
#: a share asked in so many words ("多大比例的学校……由几所学校一起办": a rate, though 几所 is said)
SHARE_ASKED = re.compile(r"(?:多少|几)个?百分点|比例|占比|比重|百分之|几成|多少成|份额")
#: "比一季度快了多少", "较上年提高了多少": a change against a period (see :attr:`Expected.compared`)
#: everyday names of a period a change is compared with, and the reports' name of it (said after 比, with no
#: year before them, which the year-anchored patterns of chinese.PERIODS need)
PERIOD_ALIASES = {"头一个季度": "一季度", "头一季度": "一季度", "第一季度": "一季度", "头三个月": "一季度", "前三个月": "一季度"}
COMPARED = re.compile(r"(?<![同环])(?:比|较)(?P<other>" + "|".join(PERIOD_ALIASES)
                      + r"|一季度|上半年|前三季度|上年|去年|上一年|前一年|去年同期|上年同期)(?:的)?"
                      r"(?:多|少|高|低|快|慢|增加|减少|增长|下降|提高|提升|降低|涨|降)了?多少")
#: the ways a question asks how two figures differ ("多了多少", "缩水了多少")
CHANGE_WORDS = r"调低|调高|下调|上调|猛|多|少|高|低|大|小|快|慢|增加|减少|增长|下降|提高|降低|变化|变动|缩水|缩减|缩小|缩|扩大|差"
#: what may follow such a word before the question word: 了, 出了 ("高出了多少"), or a verb and 了 after 多/少
#: ("多添了几家", "少新建了多少个", "多出来多少亿"; not the 概 of "大概少了多少", which leaves 少 as the way)
AFTER_CHANGE = r"(?:了|出来?了?|(?<=[多少])[\u4e00-\u9fa5]{1,2}?了)?"
#: ... and what may stand before it ("大概少了多少", "还多几家")
BEFORE_CHANGE = r"(?:大概|大约|一共|还|又|要)?"
#: a 比 that compares ("比2019年"), not one inside a word (比重, 比例, 同比, 环比, 占比)
COMPARING_BI = re.compile(r"(?<![同环占])比(?![重例率])")
#: "A，和2019年全年比起来，少了多少": A against another year or place, said with 和/跟/与 and 相比 (a
#: change follows; "和柳北区相比，哪个更多" asks which, and keeps its form)
WITH_COMPARED = re.compile(r"(?<=[\u4e00-\u9fa5\d]{2})[，,]?(?:和|跟|与)(?P<other>[^，,。？?和跟与比哪谁]{2,20}?)"
                           r"(?:比较起来|比起来|相比较?|比较|相较|对比|" + COMPARING_BI.pattern + r")"
                           r"[，,]?(?=" + BEFORE_CHANGE + r"(?:" + CHANGE_WORDS + r")" + AFTER_CHANGE + r"(?:多少|几)"
                           r"[^？?哪谁分各]*[？?]?$)")


#: the other side of such a comparison, a year or place whose 的 leads to a measure ("2023年的经济总盘子"), and a
#: first side that ends with its year or place ("柳江区2019年"): the measure is both sides'
SHARED_MEASURE = re.compile(r"(?P<scope>(?:19|20)\d{2}年|[\u4e00-\u9fa5]{1,4}[区市县])的"
                            r"(?P<measure>(?!同期|一半|平均|同类|同一|[\d一二两三四五六七八九十]+倍)[^的]{2,})")
#: ... whose first side is no more than a place and a year, and ends with one of them ("柳江区2019年", "柳江区")
SIDE_SCOPE_ONLY = re.compile(r"(?=.*(?:年|[区市县])$)(?:(?:19|20)\d{2}年)?[\u4e00-\u9fa5]{0,6}?[区市县]?(?:(?:19|20)\d{2}年)?")
#: "与2019年相比，柳江区2023年的经济总量缩小了多少": the other side said first
LEAD_COMPARED = re.compile(r"^(?:和|跟|与|同)(?P<other>[^，,。？?和跟与比哪谁]{2,20}?)(?:比较起来|比起来|相比较?|相较|对比)[，,]"
                           r"(?P<rest>[^，,。？?]{2,}?)(?P<change>" + BEFORE_CHANGE + r"(?:" + CHANGE_WORDS
                           + r")" + AFTER_CHANGE + r"(?:多少|几)[^？?哪谁分各，,]*[？?]?)$")


def said_with_bi(question: str) -> str:
    """"A，和2019年全年比起来，少了多少" as "A比2019年全年少了多少" (the change right after the comparison),
    "与2019年相比，A缩小了多少" as "A比2019年缩小了多少"; any other question as it is."""
    if (lead := LEAD_COMPARED.match(question)) and not COMPARING_BI.search(lead.group("rest")):
        return f"{lead.group('rest')}比{lead.group('other')}{lead.group('change')}"
    m = WITH_COMPARED.search(question)
    if m is None or COMPARING_BI.search(question[:m.start()] + question[m.end():]):
        return question
    if (shared := SHARED_MEASURE.fullmatch(m.group("other"))) and SIDE_SCOPE_ONLY.fullmatch(question[:m.start()]):
        # "柳江区2019年和2023年的经济总盘子比，差了多少": the measure said after the second side is both sides'
        return f"{question[:m.start()]}的{shared.group('measure')}比{shared.group('scope')}{question[m.end():]}"
    return f"{question[:m.start()]}比{m.group('other')}{question[m.end():]}"


#: compared periods a sentence must name to answer ("比一季度"; "比上年增长5%" is often just "增长5%")
COMPARED_SAID = ("一季度", "上半年", "前三季度")
#: how many characters may stand between the compared period and its change ("比一季度高0.2个百分点")
#: (and so how far before a figure a comparison with a part of the year is looked for)
COMPARED_GAP = 4
PART_COMPARED_LOOKBACK = max(len(p) for p in COMPARED_SAID) + COMPARED_GAP + 2
#: a change said against a part of the year ("较一季度提升0.3个百分点"), right before its figure
PART_COMPARED = re.compile(r"(?:比|较)(?:" + "|".join(COMPARED_SAID) + r")(?:的)?[^，,；;。\d]{0,%d}$" % COMPARED_GAP)


#: households counted in everyday words ("住着多少家人", "几户人家", "多少家庭", "多少人家"; not "多少家农户抱团搞的社",
#: which counts the bodies)
HOUSEHOLDS_ASKED = re.compile(r"(?:多少|几)个?(?:家人|" + HOUSEHOLD + r"|户人家?|人家(?![里中境属])"
                              r"|家(?:房主|业主|住户))"
                              r"|(?<![入进])住[着了]?(?:多少|几)家(?![\u4e00-\u9fa5])")
#: shops counted in 户 ("多少户配镜商户"), which the reports count in 家
SHOPS_COUNTED = re.compile(r"[\u4e00-\u9fa5]{0,4}?(?:商户|商家|门店|店铺|店|个体户|经营户)")
#: kinds counted with 个 ("多少个品类")
KINDS_COUNTED = re.compile(r"(?:品类|品种|种类|类别|款式|花样|样式)")
#: jobs counted with 份 ("多少份工作"), which the reports count as posts ("就业岗位1.58万个")
JOBS_COUNTED = re.compile(r"(?:[^，,？?的]{0,6}的)?(?:工作(?!报告|方案|总结|计划|要点|手册|简报|台账|材料)|差事|活儿?(?!动))")  # ("多少份能去上班的活儿")
#: what separates the clauses of a question
CLAUSE_BREAK = re.compile(r"[，,；;：:]")
#: the noun right after the question word ("一共放了多少桂惠贷": 桂惠贷, not the 企业 it went to)
COUNTED = re.compile(r"(?:多少|几)([\u4e00-\u9fa5]{2,6})")


#: a question word inside a description, not an ask ("那场比谁更讲礼貌的比赛，网上答题的有多少人", "比谁跑得快的比赛")
DESCRIBED_ASK = re.compile(r"比谁更?[^，,？?]{1,8}?的(?=[\u4e00-\u9fa5])")
#: the parts of a law or a document asked in everyday words ("那部地方法规一共分几大块", "条例分为几个部分"):
#: its chapters ("该《条例》设五章")
#: (not "哪几个部分": their names; not "几块钱": money; 规定 and 文件 also say what a rule sets)
DOCUMENT_PARTS_ASKED = re.compile(r"(?<!哪)(?:多少|几)(?:个大?|大)(?:部分|块(?!钱)|板块)")
DOCUMENT_NAMED = re.compile(r"条例|法规|法律|办法|《")
CHAPTER = "章"


def expected(question: str) -> Expected:
    """What the question asks for.

    Args:
        question: the (standalone) question.
    Returns:
        Its :class:`Expected` kind, unit and title.
    """
    # what was typed: the document terms expand() adds ask for nothing, nor does the subject a later
    # clause borrows ("访问量又是多少（……参与人数有）？" asks no count of people)
    question = BORROWED_AT_END.sub("", asked(question))
    asks = DESCRIBED_ASK.sub("", question)
    for kind, pattern in ASKS:
        if pattern.search(asks):
            break
    else:
        kind = AnswerKind.DESCRIPTION
    parts_asked = bool(DOCUMENT_PARTS_ASKED.search(question) and DOCUMENT_NAMED.search(question))
    if parts_asked:
        kind = AnswerKind.AMOUNT
    asking_clause = CLAUSE_BREAK.split(question)[-1]  # the last clause holds the question word
    if kind is AnswerKind.PERCENT and (ASKED_UNIT.search(question) or MONEY_ASKED.search(question)) \
            and not SHARE_ASKED.search(asking_clause):
        kind = AnswerKind.AMOUNT  # "优良率具体是多少天", "下调费率，节省了多少支出": a count or money, not a rate
    unit = ""
    title = ""
    if kind is AnswerKind.AMOUNT:
        m = ASKED_UNIT.search(question)
        people = COUNTS_PEOPLE.search(question)
        # "多少个有工作的人" counts people, though 个 is asked; "多少个村的村民" counts villages
        if parts_asked:
            unit = CHAPTER
        elif HOUSEHOLDS_ASKED.search(question):
            unit = "户"  # "住着多少家人" counts households
        elif m and not (m.group(1) == GENERIC_COUNTER and people and not PLACE_OF_PEOPLE.search(people.group(0))):
            unit = EVERYDAY_UNITS.get(m.group(1), m.group(1))
            if unit == "户" and SHOPS_COUNTED.match(question[m.end():]):
                unit = "家"  # "多少户配镜商户": shops are counted in 家
            elif unit == GENERIC_COUNTER and KINDS_COUNTED.match(question[m.end():]):
                unit = "种"  # "多少个品类" counts kinds ("53种"), not the "10余名" workers
            elif unit == "份" and JOBS_COUNTED.match(question[m.end():]):
                unit = GENERIC_COUNTER
        elif people:
            unit = "人"
        elif DURATION_ASKED.search(question):
            unit = DURATION
        elif MONEY_WORDS.search(question) or (SCALE_ASKED.search(question) and not COUNTED_NOT_MONEY.search(question)):
            unit = "元"
        else:  # what is counted is the noun after the question word when there is one ("多少桂惠贷"),
            # else what its clause says ("常住人口有多少"; not "那家……公司" of a clause before)
            m = COUNTED.search(question)
            counted = m.group(1) if m else asking_clause
            unit = next((u for pattern, u in IMPLIED_UNITS if pattern.search(counted)), "")
    if kind is AnswerKind.DATE:
        unit = next((u for pattern, u in DATE_PRECISION if pattern.search(question)), "")
    if kind is AnswerKind.RANK:
        m = ASKED_RANK.search(question)
        unit = m.group(1) if m else STANDING
    if kind is AnswerKind.PERSON:
        title = next((t for t in sorted(TITLES, key=len, reverse=True) if t in question), "")
        title = with_deputy(question, question.find(title), title) if title else ""  # "常务副总经理是谁": 副总经理
        # "区委负责人" is its 书记: a body's head said in everyday words names the title
        if title in ("", GENERIC_HEAD) and (m := HEAD_OF.search(question)):  # "柳州市政府的一把手": 市长; "区委的一把手": 书记
            # a government's is its 区长; a committee's its level's 书记 ("市委书记", not a "党组书记")
            named = PLACE_LEVEL.findall(question[:m.start()]) if m.group("government") else []
            level = m.group("level") or (named[-1] if named else "")  # the place named last before it
            title = (level + HEAD_OF_GOVERNMENT if level
                     else m.group("committee") + "委" + SECRETARY if m.group("committee")
                     else title if m.group("government") else SECRETARY)
            title = title if title in TITLES else ""
        # what a person is called names them only when it is what is asked ("……的居民叫什么名字")
        title = title or ((m := CALLED_ASKED.search(question)) and m.group("called")) or ""
        # a firm's head ("那家做酸嘢的厂，当家的是谁") is its 负责人
        title = title or (GENERIC_HEAD if FIRM_HEAD_ASKED.search(question) else "")
        if not title and REPORTER_ASKED.search(question):
            title = BYLINE
    head = ""
    if kind is AnswerKind.NAME and DOC_NUMBER_WORDS.search(question):
        head = DOC_NUMBER_ASKED
    elif kind is AnswerKind.NAME and OFFICE_ASKED.search(question):
        head = OFFICE
    elif kind is AnswerKind.NAME and HONOUR_ASKED.search(question):
        head = HONOUR
    elif kind is AnswerKind.NAME and (m := NAME_HEAD.search(question)):
        head = m.group("noun")[-NAME_HEAD_CHARS:]
    if kind is AnswerKind.ORG:
        m = ORG_NAME_ASKED.search(question) or ORG_HEAD.search(question)  # "物业公司叫什么名字": a 物业公司
        head = m.group(1) if m else ""
    if kind is AnswerKind.PLACE and (m := PLACE_HEAD.search(question)):
        head = m.group(1)
    if kind is AnswerKind.PLACE and not head and ROAD_ASKED.search(question):
        kind, head = AnswerKind.NAME, ROAD
    if PHONE_ASKED.search(question):
        kind, unit, head = AnswerKind.NAME, "", PHONE
    end_value = kind in (AnswerKind.AMOUNT, AnswerKind.PERCENT, AnswerKind.RANK) and bool(
        END_VALUE_ASKED.search(question) or (NOW_ASKED.search(question) and not ASKS_GROWTH.search(question)))
    compared = (PERIOD_ALIASES.get(m.group("other"), m.group("other"))
                if kind in (AnswerKind.AMOUNT, AnswerKind.PERCENT) and (m := COMPARED.search(said_with_bi(question))) else "")
    growth = kind is AnswerKind.PERCENT and bool(ASKS_GROWTH.search(question)) and not end_value
    share = kind is AnswerKind.PERCENT and not growth and bool(SHARE_OF_ASKED.search(question))
    counted = m.group(1) if unit == GENERIC_COUNTER and (m := COUNTED_NOUN.search(question)) else ""
    return Expected(kind, unit, title, head, growth, end_value, compared,
                    kind is AnswerKind.DATE and bool(EFFECT_ASKED.search(question)
                                                     or (LAW_NAMED.search(question) and LAW_STARTS.search(question))),
                    share, counted, kind is AnswerKind.DATE and bool(FOUNDED_ASKED.search(question)),
                    kind in (AnswerKind.AMOUNT, AnswerKind.PERCENT, AnswerKind.RANK) and bool(START_ASKED.search(question)),
                    kind is AnswerKind.DATE and bool(DEADLINE_ASKED.search(question)),
                    unit == "元" and bool(SMALL_MONEY_ASKED.search(question)))


#: what a figure of change is said after ("同比增长7%", "提升7.1个百分点"; not "下降至0.15%", the value it fell to)
CHANGE_BEFORE = re.compile(r"(?:增长|提升|提高|下降|降低|上升|回落|增加|减少|缩短|压缩|节省|增速|增幅)(?:了|达|为)?$")
#: the two ways a figure changes: a question asking a fall ("回落幅度") is not answered by a rise ("提升7.1个百分点")
RISE_WORDS = re.compile(r"增长|提升|提高|上升|增加(?!值)|上涨|涨")  # (增加值 is a measure)
FALL_WORDS = re.compile(r"下降|降低|回落|减少|缩短|下滑|压缩|节省|降(?!水)")  # (降水量 is a measure)


def change_way(text: str) -> str:
    """The way a text says a figure changed: "rise", "fall", or "" (neither, or both)."""
    rise, fall = RISE_WORDS.search(text) is not None, FALL_WORDS.search(text) is not None
    return "rise" if rise and not fall else "fall" if fall and not rise else ""


#: the value a figure changed to is said after 至 / 到 ("由1.08%下降至0.15%"; not 达到, which says a level reached)
END_VALUE_BEFORE = re.compile(r"(?<!达)(?:至|到)$")
#: how many characters before a candidate may say what kind of figure it is
PREFERRED_LOOKBACK = 4
#: measure words that count the same things (people; sheets; documents; items of a plan, 件 among them: "办了多少件工程"
#: is answered by "项目122个"; trips; cases; lamps; kinds; proposals: "多少条提议" is answered by "41件"; teams and
#: gangs: "几伙" by "团伙35个"). 张 is no 件: "多少张床位" is not answered by "审批30件"
SAME_COUNTERS = (("人", "名", "位", "人次"), ("张", "份", "封"), ("份", "件"), ("个", "项", "处"), ("次", "趟", "回"),
                 ("起", "宗", "件"), ("件", "个", "项"), ("盏", "根"), ("种", "款", "类", "样"), ("条", "件"), ("支", "拨", "队", "伙"), ("伙", "个"))
#: the unit of a question asking how long ("多久", "多长时间"), and the units that answer it
DURATION = "时长"
TIME_UNITS = ("年", "天", "小时", "分钟", "个月", "个多月", "周", "星期", "个星期")


#: units that measure rather than count (a length, an area, a weight, a power, a multiple), and those
#: counting occurrences or ranks: a generic "多少个" is not answered by them
MEASURE_UNITS = ("米", "平方米", "万平方米", "平方公里", "公里", "千米", "亩", "万亩", "公顷", "吨", "万吨", "千瓦", "万千瓦",
                 "倍", "次", "人次", "万人次", "届", "期", "级")
#: units that count people: a generic "多少个站点" is not answered by them (a question counting people asks 人)
PEOPLE_UNITS = ("人", "万人", "名", "位")
#: the generic counter ("多少个村子", "几个品种"): any unit counting things answers it ("4个", "5支", "3种")
GENERIC_COUNTER = "个"
#: the noun a generic count asks for, when it ends the question ("设了多少个停靠站？", "排上了多少个要干的工程？")
COUNTED_NOUN = re.compile(r"(?:多少|几)个(?:[\u4e00-\u9fa5]{1,4}的)?([\u4e00-\u9fa5]{1,4}?)(?=[？?，,。]|呢|吗|啊|$)")
#: measure words that go with some nouns only, and a character of each of those nouns: "22支队伍" does not
#: count the "停靠站" a "多少个" asks for ("多少个参赛团体" is answered by it)
CLASSIFIER_NOUNS = {"支": "队团伍军"}


#: characters on each side of a 、 that identify one joint of a list
LIST_JOINT_CONTEXT = 2


#: "是：地区生产总值增长4.5%以上，一般公共预算收入增长5%以上，固定资产投资增长10%以上": items after a colon,
#: separated by commas
COLON_LIST = re.compile(r"[：:][^。；;：:，,]{2,}(?:[，,][^。；;：:，,]{2,}){2,}")
#: "分为哪几章": the parts of a document asked for, which a list of them names
LISTED_PART = re.compile(r"哪(?:几|[两三四五六七八九十])个?(?P<part>章|节|编|部分)")
#: the parts a document names, for "部分" asked ("分为哪几个部分": "设五章,分为总则、……和附则")
PARTS_SAID = {"部分": ("章", "节", "编", "部分")}


def enumerates(sentence: str, question: str = "") -> bool:
    """Does a sentence list items (what a "哪些……" question needs)?

    Args:
        sentence: the sentence.
        question: the question; a joint of the question's own list ("开展药品、医疗器械专项监督检查"
            asked about) lists nothing it does not already say.
    """
    if question and "、" in sentence:
        n = LIST_JOINT_CONTEXT
        sentence = "".join("，" if ch == "、" and sentence[max(0, i - n):i + n + 1] in question else ch
                           for i, ch in enumerate(sentence))
    if question and (m := LISTED_PART.search(question)) and not any(
            part in sentence for part in PARTS_SAID.get(m.group("part"), (m.group("part"),))):
        return False  # "分为哪几章": a list of something else ("背景、过程") is not the chapters
    return bool(ENUMERATION.search(sentence) or SAME_KIND_ITEMS.search(sentence) or COLON_LIST.search(sentence))


#: a name in an ordered list asked by its position ("排第三位作交流发言的那个区", "第2个"), or by the item before or
#: after it ("紧接融安县之后作交流发言的", "城中区前面发言的"); what says the list is ordered (in the question or the
#: sentence: "先后作交流发言") must be said, else "第一个获评……的镇" counts nothing
POSITION_ASKED = re.compile(r"第(?P<n>[一二三四五六七八九]|\d)(?:位|个|名)")
ORDER_CUE = re.compile(r"排|名单|先后|依次|顺序|紧接|紧跟|发言|出场")
#: (not a span of time after it: "柳江区之后五年", "之前的")
NOT_A_SPAN = r"(?![一二三四五六七八九十两几\d]+(?:年|个月|天)|的?(?:时间|时候|年))"
NEXT_AFTER, NEXT_BEFORE = r"(?:之后|后面|后边|后头)" + NOT_A_SPAN, r"(?:之前|前面|前边|前头)" + NOT_A_SPAN
RIGHT_AFTER = r"紧(?:接|跟)着?"
#: a question that says any list neighbour (:func:`position_from` finds whose)
NEIGHBOUR_SAID = re.compile(NEXT_AFTER + "|" + NEXT_BEFORE + "|" + RIGHT_AFTER)


def position_from(question: str, name: str) -> int:
    """Where the question puts what it asks against a name it says: 1 right after it ("紧接融安县之后"), -1 right
    before it ("城中区前面的"), 0 nowhere (the name is no list neighbour of what is asked)."""
    named = re.escape(name)
    if re.search(named + NEXT_AFTER, question) or re.search(RIGHT_AFTER + named, question):
        return 1
    return -1 if re.search(named + NEXT_BEFORE, question) else 0


def _unit_fits(asked: str, found: str) -> bool:
    """Does a found unit answer a question asking for ``asked`` ("元" accepts 亿元, 万美元 ...)?"""
    if asked == DURATION:
        return found in TIME_UNITS
    if not asked:  # "多少嫌犯" is not answered by "前三年": a length of time answers only "多久"
        return found not in TIME_UNITS
    if asked.endswith(DOLLAR):  # "有多少美元" is not answered by "85.59亿元"
        return found.endswith(DOLLAR)
    if asked.endswith("元"):
        return found.endswith("元")
    if asked in (GENERIC_COUNTER, "家"):  # "多少个" counts any thing but people; "几家" is answered by "16个"
        return (found not in MEASURE_UNITS + TIME_UNITS + PEOPLE_UNITS and not found.endswith("元")
                and (asked == GENERIC_COUNTER or found.endswith(("家", GENERIC_COUNTER))))
    if _counts_alike(asked, found):  # "几张单子" is answered by "3份通知书"
        return True
    if asked == "平方米":
        return found in ("平方米", "万平方米", "亩", "万亩", "公顷", "平方公里")
    if asked == "米":
        return found in ("米", "公里", "千米")
    # "多少万人次" is not answered by "三次": a one-character unit must be the one asked
    return found.endswith(asked) or (len(found) > 1 and asked.endswith(found))


def _counts_alike(asked: str, found: str) -> bool:
    """Does a found unit count the same things as the counter asked (:data:`SAME_COUNTERS`)?"""
    return any(asked in group and found.endswith(group) for group in SAME_COUNTERS)


def counter_said(asked: str, found: str) -> bool:
    """Is a found unit the counter asked, or one counting the same things ("多少名" by "120人", not "3家")?"""
    return found.endswith(asked) or _counts_alike(asked, found)


#: "第三个": an ordinal says which one, not how many
ORDINAL = "第"
#: a figure with 以上 that qualifies the noun after it ("1000人以上农村水源保护区", "亿元以上项目") names a class
CLASS_QUALIFIER = "以上"
#: ... and so does one over a size with 的 and what it sizes ("超过百亿元的重大产业项目")
ABOVE, PERCENT_SIGN, CLASS_OF_ABOVE = "超", re.compile(r"[%％]"), re.compile(r"(?:或[^，,。；;]{0,10}?)?的[\u4e00-\u9fa5]{0,8}?(?:" + SIZED_KINDS + r"|园区)")


def _names_a_class(sentence: str, start: int, end: int) -> bool:
    """Does the figure from ``start`` to ``end`` qualify a noun ("1000人以上农村水源保护区", "超过百亿元的重大
    产业项目") rather than state an amount ("保持在93%以上，")? It ends with 以上 and a word follows (not
    punctuation, not 的), or it is an amount over which (超, 超过) 的 and a kind of project or firm follow,
    perhaps after an alternative ("超过百亿元或产值超过百亿元的……项目")."""
    if sentence[start:end].startswith(ABOVE) and not PERCENT_SIGN.search(sentence[start:end]) \
            and CLASS_OF_ABOVE.match(sentence, end):
        return True
    if not sentence[:end].endswith(CLASS_QUALIFIER) or end >= len(sentence):
        return False
    return bool(re.match(r"[\u4e00-\u9fa5]", sentence[end])) and sentence[end] not in "的，。；、"


def candidates(sentence: str, want: Expected, places: tuple[str, ...] = ()) -> list[Candidate]:
    """The spans of the expected kind in a sentence, in order.

    Args:
        sentence: the evidence sentence.
        want: what the question expects.
        places: known place names (for place questions).
    Returns:
        Candidates; empty when the sentence holds no fact of that kind.
    """
    kind = want.kind
    found: list[Candidate] = []
    if kind is AnswerKind.AMOUNT:
        for m in AMOUNT_SPAN.finditer(sentence):
            if m.group("unit") == "年" and re.fullmatch(r"(?:19|20)\d{2}", m.group(0).rstrip("年")):
                continue  # a year, not an amount
            if BARE_SCALE.fullmatch(sentence[m.start():m.start("unit")]):
                continue  # "千亩示范样板", "万亩果园": a size class, not a figure
            if (m.group("unit").endswith("元") and BARE_SCALES.fullmatch(sentence[m.start():m.start("unit")])
                    and CLASS_NAMED.match(sentence, m.end())):
                continue  # "第三个百亿元项目": a class of projects, not an amount
            if want.small_money and BILLIONS in (m.group("scale") or ""):
                continue  # "好多块钱" is never "98.9亿元"
            if sentence[m.start():m.start("unit")] == "一":
                continue  # "完成一名老人的认证", "一个月后": "a", not a count
            if any(t.start() < m.start() < t.end() for t in TITLE_QUOTED.finditer(sentence)):
                continue  # "《2024年柳州文明十条》": a title's words, not a count
            if any(t.start() < m.start() < t.end() for t in NAMED_TERM.finditer(sentence)):
                continue  # "32.两个全覆盖：": the term a note defines, not a count
            if NOT_A_NUMBER.fullmatch(sentence[m.start():m.start("unit")].strip()):
                continue  # "五一路": a name ("五一" is no number: 51 is 五十一)
            if m.group("unit") == ROUTE and want.unit != ROUTE and (
                    sentence.startswith(ROUTE_OF, m.end()) or not re.search(r"\d", m.group(0))):
                continue  # "3路公交车": which bus line, not how many; "南二路": a road's name
            if sentence[max(0, m.start() - 1):m.start()] == ORDINAL:
                continue  # "第三个百亿元项目": which one, not how many
            if _names_a_class(sentence, m.start(), m.end()):
                continue  # "新增划定2处1000人以上农村水源保护区": a size class, not a figure
            if any(n.start() <= m.start() and m.end() <= n.end() for n in MEETING_NUMBER.finditer(sentence)):
                continue  # "区委二届六次全会": a meeting's name, not a count
            nouns = CLASSIFIER_NOUNS.get(m.group("unit"))
            if want.counted and nouns and not any(ch in want.counted for ch in nouns):
                continue  # "22支队伍" for "多少个停靠站": a measure word of other things
            # "多少万亩" asks the unit with its scale, which the span reads as a scale and a unit ("18.73万亩")
            if _unit_fits(want.unit, m.group("unit")) or (
                    m.group("scale") and _unit_fits(want.unit, m.group("scale") + m.group("unit"))):
                found.append(_candidate(sentence, m.start(), m.end(), kind))
        if want.unit == GENERIC_COUNTER and any(c.text.endswith(GENERIC_COUNTER) for c in found):
            # "提供……岗位1518个" answers "多少个岗位" before "19家企业" does
            found = [c for c in found if c.text.rstrip("以上左右余多").endswith(GENERIC_COUNTER)]
    elif kind is AnswerKind.PERCENT:
        found = [_candidate(sentence, m.start(), m.end(), kind) for m in PERCENT_SPAN.finditer(sentence)
                 if not (want.growth and SHARE_FORM.fullmatch(m.group(0))) and not _names_a_class(sentence, m.start(), m.end())]
        if want.share:  # "财政收入增长3.5%以上" is no share of anything
            found = [c for c in found if not CHANGE_BEFORE.search(sentence[max(0, c.lo - PREFERRED_LOOKBACK):c.lo])]
        if want.growth:  # a change asked: "优良率88.6%，比去年同期提升7.1个百分点" answers by 7.1个百分点
            found = _preferred(sentence, found, CHANGE_BEFORE)
    elif kind is AnswerKind.DATE:
        found = [_candidate(sentence, m.start(), m.end(), kind) for m in DATE_SPAN.finditer(sentence)
                 if want.unit in m.group(0) and (not want.takes_effect or EFFECT_SAID.match(sentence, m.end()))
                 and (want.by_date or not DEADLINE_SAID.match(sentence, m.end()))
                 and (not want.founded or FOUNDED_BEFORE.search(sentence[:m.start()])
                      or FOUNDED_AFTER.match(sentence, m.end()))]
    elif kind is AnswerKind.PERSON:
        for m in PERSON_SPAN.finditer(sentence):
            if bool(m.group("name3")) != (want.title == BYLINE):
                continue  # a byline ("全媒体记者覃珩") names who reported, and only a byline does
            title = with_deputy(sentence, m.start("title"), m.group("title") or "")  # "常务副总经理李子斌": a deputy
            if want.title not in ("", BYLINE) and not _title_fits(want.title, title):
                continue  # 市长 is not 副市长
            lo, hi = next(m.span(g) for g in ("name", "name2", "name3") if m.group(g))
            if is_name(sentence[lo:hi]):
                found.append(Candidate(lo, hi, sentence[lo:hi], kind))
    elif kind is AnswerKind.ORG:
        for m in ORG_SPAN.finditer(sentence):
            if want.head and not re.search(f"(?:{HEAD_ENDS.get(want.head, re.escape(want.head))})$", m.group(0)):
                continue  # "哪家医院" is not answered by "融媒体中心"
            lead = NAME_LEAD.match(m.group(0)[:-2])
            lo = m.start() + (lead.end() if lead else 0)
            name = sentence[lo:m.end()]
            # a table row ("日前2……区城管执法局"), a kind, a kind's own word ("有限公司" left of "……集团有限公司")
            if name.count("“") != name.count("”"):
                continue  # "柳北区深入开展“企业": a quotation cut in two is no name
            if not re.search(r"\d", name) and not GENERIC_ORG.search(name) and not ORG_KIND_ONLY.fullmatch(name):
                branch = (found[-1] if found and found[-1].hi == lo and BRANCH.search(name)
                          and BRANCH_BODY.search(found[-1].text) else None)
                if branch is not None:  # "市公安局柳江分局": a branch named after the body it belongs to
                    found[-1] = _candidate(sentence, branch.lo, m.end(), kind)
                else:
                    found.append(_candidate(sentence, lo, m.end(), kind))
    elif kind is AnswerKind.PLACE:
        spans = []
        for m in PLACE_SPAN.finditer(sentence):
            known = next((p for p in places if m.group(0).endswith(p)), None)
            lead = PLACE_LEAD.match(m.group(0)[:-1])
            lo = m.end() - len(known) if known else m.start() + (lead.end() if lead else 0)
            if not NOT_A_PLACE.search(sentence[lo:m.end()]):  # "展现柳州市" is 柳州市
                spans.append((lo, m.end()))
        if not want.head:  # "最早是哪里的人弄出来的": a run of places, each in the one before, is one place
            spans = _chained(sentence, sorted(set(spans)))
        spans += [m.span("venue") for m in VENUE_SPAN.finditer(sentence)]
        spans += [(m.start(), m.end()) for p in places for m in re.finditer(re.escape(p), sentence)]
        found = [_candidate(sentence, lo, hi, kind) for lo, hi in sorted(set(spans))
                 if hi - lo >= 2 and sentence[lo:hi].endswith(want.head)
                 # (the city that begins an institution's name is no answer: "柳州市第四十一中学" is in 柳江区;
                 # a district that begins one, "柳南区实验小学", says where it is)
                 and not (want.head != CITY and sentence[lo:hi].endswith(CITY)
                          and (m := INSTITUTION.match(sentence, lo)) and m.end() > hi)
                 and not (want.head in ("区", "市") and OTHER_LEVEL_END.search(sentence[lo:hi]))]
    elif kind is AnswerKind.RANK:
        for m in RANK_SPAN.finditer(sentence):
            counter = m.group("counter") or m.group("page")
            if (not want.unit or counter == want.unit or (want.unit == STANDING and counter in STANDING_COUNTERS)
                    or counter in EDITION_COUNTERS.get(want.unit, ())):
                found.append(_candidate(sentence, m.start(), m.end(), kind))
    elif kind is AnswerKind.NAME and want.head == OFFICE:
        for m in PERSON_SPAN.finditer(sentence):
            if m.group("title") and m.group("title") not in CALLED and is_name(m.group("name")):
                lo = m.start("title")
                # the place the title is of, when said with it ("柳江" + "区委书记")
                lead = next((len(p) - 1 for p in places if p[-1] == m.group("title")[0]
                             and sentence[max(0, lo - len(p) + 1):lo] == p[:-1]), 0)
                found.append(_candidate(sentence, lo - lead, m.end("title"), kind))
    elif kind is AnswerKind.NAME and want.head and want.head not in (DOC_NUMBER_ASKED, HONOUR, PHONE):
        ends = ROAD_ENDS if want.head == ROAD else re.escape(want.head)
        spans = [m.span() for m in NAME_SPAN.finditer(sentence) if re.search(f"(?:{ends})$", m.group(0).strip("“”《》"))]
        # the kind's word ends there ("工业园区", "路网": not a 园 named "……工业园", a 路 named "……路")
        after = AFTER_ROAD if want.head in ROAD_HEADS else r"(?![区内网口])"
        for m in re.finditer(r"[\u4e00-\u9fa5A-Za-z0-9]{2,20}?(?P<end>" + ends + ")" + after, sentence):
            lead = NAME_LEAD.match(m.group(0)[:-len(m.group("end"))]) or THAT_IS.match(m.group(0))
            lo = m.start() + (lead.end() if lead else 0)
            if want.head in ROAD_HEADS:
                lo += (road_lead.end() if (road_lead := ROAD_LEAD.match(sentence[lo:m.start("end")])) else 0)
                lo += (in_place.end() if (in_place := ROAD_PLACES.match(sentence[lo:m.start("end")])) else 0)
                if not ROAD_NAME_CHARS[0] <= m.end() - lo <= ROAD_NAME_CHARS[1] or NOT_A_ROAD.search(sentence[lo:m.end()]):
                    continue
            if (m.end() - lo > len(m.group("end")) + 1 and not re.search(r"\d", sentence[lo:m.end()])
                    and not POINTING_START.match(sentence, lo)):  # "每个站", "这个站": no name
                spans.append((lo, m.end()))  # a name of its own, not the bare kind ("产业园")
        found = [_candidate(sentence, lo, hi, kind) for lo, hi in sorted(set(spans))]
    elif kind is AnswerKind.NAME:
        names = DOC_NUMBER if want.head == DOC_NUMBER_ASKED else PHONE_SPAN if want.head == PHONE else NAME_SPAN
        if want.head == HONOUR:  # what was won: "获得“全国百佳旅游目的地”称号", "紫藤花庄园获自治区四星级乡村旅游区"
            names = HONOUR_SPAN
        group = "name" if "name" in names.groupindex else 0
        found = [_candidate(sentence, m.start(group), m.end(group), kind) for m in names.finditer(sentence)
                 if want.head != PHONE or PHONE_CUE.search(sentence, max(0, m.start() - PHONE_CUE_CHARS), m.start())]
    if want.end_value:  # "降到了多少": the value after 至 ("由1.08%下降至0.15%")
        found = _preferred(sentence, found, END_VALUE_BEFORE)
    elif not want.growth and kind in (AnswerKind.AMOUNT, AnswerKind.PERCENT, AnswerKind.RANK):
        # "贫困发生率压到了多少", "比例占了几成": what a figure stands at, not where its change started;
        # "原来是多少": where it started, which a sentence telling no change does not say ("60岁以上人群约占常住
        # 人口的30%" is no "原先是百分之几" of "从原来的5%提升至15%")
        kept = [c for c in found if _start_value(sentence, c) == want.start_value]
        found = kept if kept or want.start_value else found
    if want.compared:  # "比一季度快了多少": the change said against that period
        against = re.compile(r"(?:比|较)" + re.escape(want.compared) + r"(?:的)?[^，,；;。\d]{0,%d}$" % COMPARED_GAP)
        kept = _preferred(sentence, found, against, lookback=len(want.compared) + COMPARED_GAP + 2)
        # a change against a part of the year is said against it; against the year before it often goes
        # unsaid ("增长5%")
        found = kept if kept is not found or want.compared not in COMPARED_SAID else []
        if want.compared not in COMPARED_SAID:  # "较上年涨了多少": not the change against a part of the year beside it
            found = [c for c in found
                     if not PART_COMPARED.search(sentence[max(0, c.lo - PART_COMPARED_LOOKBACK):c.lo])] or found
    return found


#: a figure said as where a change started ("由1.08%下降至0.15%", "从原来的5%提升至15%"): 由 or 从 before it, a
#: change to (至 / 到) after it, no year between (the year logic reads "由2023年的第29位提升至第27位"); not a range
#: ("从1000元到3000元不等") nor money arriving ("从区外引资50亿元到位")
START_BEFORE = re.compile(r"(?:由|从)[^，,；;。、由从\d年]{0,6}$")
START_LOOKBACK = 7  # 由 and the six characters START_BEFORE allows
START_AFTER = re.compile(r"[^，,；;。、\d]{0,4}?(?:" + RISE_WORDS.pattern + "|" + FALL_WORDS.pattern + r")(?:至|到(?![位账达期]))")


def _start_value(sentence: str, candidate: Candidate) -> bool:
    """Is the candidate the value a change started from ("由1.08%下降至0.15%": 1.08%)?"""
    return (START_BEFORE.search(sentence[max(0, candidate.lo - START_LOOKBACK):candidate.lo]) is not None
            and START_AFTER.match(sentence, candidate.hi) is not None)


def said_as_end_value(sentence: str, candidate: Candidate) -> bool:
    """Is the figure said as where a change ended ("由1.08%下降至0.15%": 0.15%)?"""
    return _said_after(sentence, candidate, END_VALUE_BEFORE)


def _said_after(sentence: str, candidate: Candidate, before: re.Pattern, lookback: int = PREFERRED_LOOKBACK) -> bool:
    """Is the candidate said right after what ``before`` matches (in the ``lookback`` characters before it)?"""
    return before.search(sentence[max(0, candidate.lo - lookback):candidate.lo]) is not None


def _preferred(sentence: str, found: list[Candidate], before: re.Pattern,
               lookback: int = PREFERRED_LOOKBACK) -> list[Candidate]:
    """The candidates said right after what ``before`` matches (:func:`_said_after`), with the ones listed
    after them ("下降5.7%、8.7%"); all of them when none is."""
    kept = [c for c in found if _said_after(sentence, c, before, lookback)]
    for c in found:
        if kept and c not in kept and any(k.hi + 1 == c.lo and sentence[k.hi] == "、" for k in kept):
            kept.append(c)
    return sorted(kept, key=lambda c: c.lo) or found


def with_deputy(text: str, at: int, title: str) -> str:
    """A title said at ``at`` of ``text``, with the 副 said right before it ("常务副总经理": 副总经理, though 副总经理 is
    no title of its own), so a deputy is never taken for the head nor the head for a deputy."""
    return DEPUTY + title if title and not title.startswith(DEPUTY) and text[:at].endswith(DEPUTY) else title


def _title_fits(asked: str, said: str) -> bool:
    """Does a name's title answer the title asked: the same, or a fuller form of it ("区委书记" for
    "书记"), never a deputy ("副市长" for "市长")."""
    return said == asked or (said.endswith(asked) and DEPUTY not in said[:-len(asked)])


#: approximation words ("约", "超过") stand at most this many characters before the number
APPROX_LOOKBACK = 2


def _candidate(sentence: str, lo: int, hi: int, kind: AnswerKind) -> Candidate:
    before = sentence[max(0, lo - APPROX_LOOKBACK):lo]
    text = sentence[lo:hi]
    return Candidate(lo, hi, text, kind, approximate=bool(APPROX.search(before) or APPROX.search(text)))


#: a candidate in another clause than a matched question word counts as this many characters further
OTHER_CLAUSE_CHARS = 60
#: a candidate before a matched question word counts as this many times further than one after it
BEFORE_FACTOR = 2


def distance(sentence: str, candidate: Candidate, anchor: int) -> int:
    """How far a fact is from a matched question word: facts follow what they are about
    ("旅游总收入47亿元") in the same clause."""
    between = sentence[min(anchor, candidate.lo):max(anchor, candidate.lo)]
    chars = candidate.lo - anchor if candidate.lo >= anchor else BEFORE_FACTOR * (anchor - candidate.hi)
    return max(0, chars) + (OTHER_CLAUSE_CHARS if re.search(r"[，,；;。]", between) else 0)


CLAUSE = re.compile(r"[^，,；;。：:—]+")
#: a listed item with fewer letters than this before its fact ("同比增长3.22%") takes the clause
#: before it as its subject
SUBJECT_CHARS = 6
#: an item of a list inside a clause ("药店3家、医疗器械经营企业21家")
ITEM = re.compile(r"[^，,；;。：:、—]+")
#: the clauses of one thing said, between semicolons ("柳州龙工跨境电商产业园正式开园，招商入驻企业21家")
SEGMENT = re.compile(r"[^；;。]+")


def _holding(spans: list[tuple[int, int]], candidate: Candidate) -> tuple[int, int]:
    """The span (of ``spans``) where a fact starts; the fact's own span when none holds it."""
    return next(((a, b) for a, b in spans if a <= candidate.lo < b), (candidate.lo, candidate.hi))


def _spans(pattern: re.Pattern, sentence: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(sentence)]


def _weight(span: tuple[int, int], anchors: dict[int, float]) -> float:
    """The weight of the question's words (by position) inside a span."""
    return sum(w for pos, w in anchors.items() if span[0] <= pos < span[1])


def segment_weights(sentence: str, anchors: dict[int, float]) -> list[tuple[tuple[int, int], float]]:
    """Each thing said between semicolons, with the weight of the question's words (by position) in it."""
    return [(span, _weight(span, anchors)) for span in _spans(SEGMENT, sentence)]


#: the mark between the names of a list that share what is said after the last ("百朋镇、穿山镇获评自治区卫生镇")
LISTED = "、"


def item_weight(sentence: str, candidate: Candidate, anchors: dict[int, float], shared: bool = False) -> float:
    """The weight of the question's words (by position) in the listed item holding a fact; with ``shared``, a
    name listed bare ("百朋镇、穿山镇、进德镇获评自治区卫生镇") takes the words of the items after it up to the end of the
    list, whose last item says what the list's names did."""
    lo, hi = _holding(_spans(ITEM, sentence), candidate)
    if shared and sentence[lo:hi].strip() == candidate.text:
        while sentence.startswith(LISTED, hi) and (following := ITEM.match(sentence, hi + len(LISTED))) is not None:
            hi = following.end()
    return _weight((lo, hi), anchors)


def item_says(sentence: str, candidate: Candidate, chars: Collection[str]) -> bool:
    """Does the listed item holding a fact say every one of ``chars`` ("开工" in "实现开工项目25项", not in
    "竣工26项")?"""
    lo, hi = _holding(_spans(ITEM, sentence), candidate)
    item = sentence[lo:candidate.lo] + sentence[candidate.hi:hi]
    return bool(chars) and all(ch in item for ch in chars)


def segment_weight(sentence: str, candidate: Candidate, anchors: dict[int, float]) -> float:
    """The weight of the question's words (by position) in the clauses between semicolons holding a fact."""
    return _weight(_holding(_spans(SEGMENT, sentence), candidate), anchors)


#: a change against another time, said after its subject's clause ("……同比增长5.6%，较一季度提升0.3个百分点")
COMPARISON_LEAD = re.compile(r"(?:较|比|同比|环比|相比|与)")
#: the end of a list a figure counts ("家用电器制造等项目4个")
LIST_CLOSED = re.compile(r"(?<![一二三四五六七八九十特优同])等[\u4e00-\u9fa5]{0,6}$")
#: a clause that only says how a figure was counted ("按不变价格计算", "剔除划出的4个镇不可比因素"): the
#: subject is in the clause before it ("全市地区生产总值1472.3亿元,按不变价格计算,同比增长1.4%")
METHOD_ASIDE = re.compile(r"\s*(?:按|以)[^，,；;]{0,12}(?:计算|计|口径)\s*|\s*(?:剔除|扣除)[^，,；;]{0,20}因素\s*")
#: a count of things, which may be followed by what it counts ("7个新建、改扩建项目", "16个项目")
COUNT_OF_THINGS = re.compile(_NUM + r"\s*(?:多|余)?\s*(?:个|项|家|所|座|支|条|批|宗|处)")
#: ... when a letter follows it
COUNTED_AFTER = re.compile(r"[\u4e00-\u9fa5]")
#: the most characters of what is counted after a count, up to the end of its clause or the next figure
#: ("新建、改扩建项目建设": 10, while "180项涵盖柳江新城建设、……的重大项目建设", 39, describes the projects at
#: length). From these two examples of the dev probes (qa/data/probe*_qa.jsonl): any value from 10 to 38 parts
#: them; 12 leaves room for a longer noun, and dev and the probes were scored with it
COUNTED_CHARS = 12
#: a total said on its own ("共三十四条"): of what the sentence opens with
TOTAL_LEAD = re.compile(r"(?:一共|共计|合计|总计|共有|共)")


def segment_of(sentence: str, candidate: Candidate) -> tuple[int, int]:
    """The span of the one thing said (between semicolons) that holds a fact."""
    return _holding(_spans(SEGMENT, sentence), candidate)


def subject_window(sentence: str, candidate: Candidate) -> tuple[int, int]:
    """The span of the listed item holding a fact ("医疗器械经营企业21家"), with the clause before it
    when the item says too little of what the fact measures ("全区接待游客454万人次，增长37%")."""
    lo, hi = _holding(_spans(ITEM, sentence), candidate)
    hi = max(hi, candidate.hi)
    if COUNTED_AFTER.match(sentence, candidate.hi) and COUNT_OF_THINGS.fullmatch(candidate.text):
        # "等7个新建、改扩建项目建设": what is counted follows the count, to the end of its clause (or the next
        # figure), when that is short ("180项涵盖柳江新城建设、……的重大项目建设" describes the projects at length)
        end = _holding(_spans(CLAUSE, sentence), candidate)[1]
        end = m.start() if (m := AMOUNT_SPAN.search(sentence, candidate.hi, end)) else end
        end = len(sentence[:end].rstrip("、"))
        if end - candidate.hi <= COUNTED_CHARS:
            hi = max(hi, end)
    said = sentence[lo:candidate.lo]
    if TOTAL_LEAD.fullmatch(said):
        return 0, hi  # "该《条例》设五章，……，共三十四条": the total of what the sentence opens with
    if LIST_CLOSED.search(said):  # "成功引进A、B等项目4个": the figure counts the whole list, with its verb
        return _holding(_spans(CLAUSE, sentence), candidate)[0], hi
    if len(re.findall(r"[\u4e00-\u9fa5A-Za-z]", said)) < SUBJECT_CHARS or COMPARISON_LEAD.match(said):
        before = [(a, b) for a, b in _spans(CLAUSE, sentence) if b <= lo]
        while len(before) > 1 and METHOD_ASIDE.fullmatch(sentence[before[-1][0]:before[-1][1]]):
            before.pop()
        if before:
            lo = before[-1][0]
    return lo, hi


class Nearest(NamedTuple):
    """What :func:`nearest` found."""

    candidate: Candidate | None
    distance: int  # from the question's words (-1 when none matched)
    paired: bool = False  # the candidate is paired with the question's item by parallel lists (分别)


def nearest(sentence: str, found: list[Candidate], anchors: dict[int, float],
            placenames: Collection[int] = ()) -> Nearest:
    """The candidate in the clause that holds most of the question's words (by weight),
    nearest to them (the one paired with the question's item when the sentence lists both, see
    :func:`respectively`); the first candidate when nothing matched; None without candidates.

    Args:
        sentence: the evidence sentence.
        found: its candidates.
        anchors: position of each matched question word -> the word's weight (idf).
        placenames: the positions among them of place words ("柳江" of the question's 柳江区).
    """
    if not found:
        return Nearest(None, -1)
    if not anchors:
        return Nearest(found[0], -1)
    clauses, items, segments = _spans(CLAUSE, sentence), _spans(ITEM, sentence), _spans(SEGMENT, sentence)
    # the listed item holding the question's words first ("药店3家、医疗器械经营企业21家"), then the clause,
    # then the clauses up to a semicolon
    # a place word of the question inside a name ("柳江" of "市公安局柳江分局", "柳江交警大队") is part of that name,
    # not said around a fact: it places no fact (unless every matched word is such)
    outside = [a for a in anchors if a not in placenames or not any(f.lo <= a < f.hi for f in found)] or list(anchors)
    scored = [(-_weight(_holding(items, c), anchors), -_weight(_holding(clauses, c), anchors),
               -_weight(_holding(segments, c), anchors), min(distance(sentence, c, a) for a in outside), c.lo, c)
              for c in found]
    best = min(scored, key=lambda x: x[:5])
    paired = respectively(sentence, found, anchors, best[5])
    return Nearest(paired, best[3], True) if paired is not None else Nearest(best[5], best[3])


def respectively(sentence: str, found: list[Candidate], anchors: dict[int, float], best: Candidate) -> Candidate | None:
    """"PM10、PM2.5同比下降5.7%、8.7%": the k-th item of a listed subject takes the k-th of the
    listed facts that follow it. None when the sentence has no such parallel lists."""
    run = [best]
    for c in found:  # the facts listed with the best one ("5.7%、8.7%")
        if c.lo == run[-1].hi + 1 and sentence[run[-1].hi] == "、":
            run.append(c)
    while True:
        before = [c for c in found if c.hi + 1 == run[0].lo and sentence[c.hi] == "、"]
        if not before:
            break
        run.insert(0, before[0])
    if len(run) < 2:
        return None
    start = max((m.end() for m in re.finditer(r"[，,；;。：:]", sentence[:run[0].lo])), default=0)
    for anchor in sorted(anchors, key=lambda a: (-anchors[a], a)):
        if start <= anchor < run[0].lo:
            k = sentence[start:anchor].count("、")
            return run[k] if 0 <= k < len(run) else None
    return None
