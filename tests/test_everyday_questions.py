"""Questions people actually type: summaries, English, abbreviations (on the real corpus)."""
from __future__ import annotations

import pytest

from qa.answering.answer_types import BYLINE, Candidate, candidates, expected, said_with_bi
from qa.answering.english import ENGLISH_HINT, is_english, to_chinese
from qa.answering.multipart import split_question
from qa.answering.summary import SUMMARY_NOTE, is_summary_request, topic_of
from qa.chinese import Scope, asks_for, plain_question
from qa.config import Settings
from qa.records import AnswerKind

LIUBEI = "004_45388f9687e1de59.txt"
REPORT = "002_00d87999ceab6728.txt"


def test_summary_requests_are_told_from_questions_that_mention_a_summary():
    assert is_summary_request("帮我总结一下柳北区去年的工作")
    assert is_summary_request("柳江区2020年工作安排有哪些重点？")
    assert not is_summary_request("柳江区2020年政府工作报告部署要做好的国家卫生城市复审工作，据2023年工作总结，结果如何？")
    assert not is_summary_request("2019年柳江区地区生产总值是多少？")
    assert topic_of("帮我总结一下柳北区去年的工作") == "柳北区去年的工作"


def test_a_summary_request_gets_key_sentences_of_one_document_with_citations(engine):
    answer = engine.ask("帮我总结一下柳北区去年的工作")
    assert not answer.refused and answer.text.startswith(SUMMARY_NOTE) and answer.answer_kind is AnswerKind.LIST
    assert "（1）" in answer.text and "（2）" in answer.text and "[1]" in answer.text
    assert {c.doc for c in answer.citations} == {LIUBEI}
    original = engine.source_text(LIUBEI)
    for c in answer.citations:  # every quote is highlighted where it stands in the file
        lo, hi = c.highlight
        assert "柳北区" in original[lo:hi] or "柳北" in c.text
    plan = engine.ask("柳江区2020年工作安排有哪些重点？")
    assert not plan.refused and {c.doc for c in plan.citations} == {REPORT}


def test_a_summary_of_something_the_documents_do_not_cover_is_refused(engine):
    assert engine.ask("总结一下北京冬奥会").refused


@pytest.mark.parametrize("question, chinese", [
    ("What was Liujiang's GDP in 2019?", "2019年柳江区地区生产总值是多少？"),
    ("How many high-tech enterprises does Liubei have?", "柳北区高新技术企业保有量是多少？"),
    ("Who is the mayor of Liuzhou?", "柳州市市长是谁？"),
])
def test_english_questions_are_rebuilt_in_chinese_from_the_glossary(question, chinese):
    assert is_english(question) and to_chinese(question) == chinese


@pytest.mark.parametrize("question, fact", [
    ("What was Liujiang's GDP in 2019?", "302.4亿元"),
    ("What was the tourism revenue of Liujiang District in 2019?", "47亿元"),
    ("How many high-tech enterprises does Liubei have?", "52家"),
    ("柳江区2019年GDP是多少？", "302.4亿元"),
])
def test_english_and_abbreviated_questions_are_answered_from_the_chinese_documents(engine, question, fact):
    answer = engine.ask(question)
    assert not answer.refused and answer.short_answer == fact
    if is_english(question):
        assert answer.standalone_question != question  # shown as "理解为：…"


def test_an_english_question_the_glossary_cannot_rebuild_gets_a_hint_in_both_languages(engine):
    answer = engine.ask("Tell me a joke please")
    assert answer.refused and answer.text == ENGLISH_HINT and "Please ask in Chinese" in answer.text


def test_parts_of_a_year_in_everyday_words_pin_the_period():
    from qa.chinese import YEAR_PHRASE, periods_named
    assert periods_named("2025年头三个月，柳江区固定资产投资完成多少？") == {"一季度"}
    assert periods_named("2024年前六个月柳州经济增长多少？") == {"上半年"}
    assert periods_named("今年头九个月") == {"前三季度"} and periods_named("前三季度") == {"前三季度"}
    assert YEAR_PHRASE.findall("2023年全年和2025年头三个月") == ["2023年全年", "2025年头三个月"]
    # said anywhere but right after a year, the same words name no period
    for text in ("柳江区提前三个月完成了全年棚户区改造任务", "该项目比计划提前半年建成投产。", "项目建设工期滞后半年，全年完成投资5亿元。",
                 "目前三个月内已累计接待游客10万人次", "落户后的头三个月免收租金"):
        assert periods_named(text) == set(), text


@pytest.mark.parametrize("question, short_start, figures", [
    # two periods asked together, the second in everyday words: each its own figure
    ("2023年全年和2025年头三个月，柳江区的固定资产投资各完成了多少？", "（1）63.1亿元", ["63.1亿元", "12.49亿元"]),
    # growth compared in everyday words: each year's growth, not its amount
    ("柳江区的固定资产投资，2019年和2023年哪一年涨得更快？", "2023年更快：18.7%", ["13%", "18.7%"]),
    # which side asked before what is compared, the winner's figure asked again: one verdict with its figure
    ("柳江区2019年和2023年，哪一年新增的规模以上工业企业更多？那一年新增了几家？", "2019年更多：19家", ["19家", "13家"]),
    ("柳江区给2020年和2024年定的地区生产总值增长目标，哪一年的定得更高？是多少？", "2020年更高：6.5%以上",
     ["6.5%以上", "4.5%以上"]),
    # "高出几个" asks for the difference as "高了几个" does
    ("柳江区地区生产总值的增速，2019年比2023年高出几个百分点？", "2019年比2023年高2.9个百分点", ["5%", "2.1%"]),
    # a growth target is a rate though a comma stands before 是多少; "实际增速" measures the growth
    ("柳江区地区生产总值的年度增长预期目标，2020年和2024年哪一年定得更高？", "2020年更高：6.5%以上",
     ["6.5%以上", "4.5%以上"]),
    # points between a district's target and the whole city's half year, each side named by place and year
    ("柳江区给2024年定的地区生产总值增长目标，比柳州全市2024年上半年的实际增速高出多少个百分点？",
     "柳江区2024年比柳州市2024年上半年高约3.1个百分点", ["4.5%以上", "1.4%"]),
])
def test_everyday_periods_and_growth_compared_are_split_right(engine, question, short_start, figures):
    answer = engine.ask(question)
    assert answer.text.startswith(short_start) and all(f in answer.text for f in figures), answer.text


@pytest.mark.parametrize("question, short", [
    # everyday words for the reports' terms (qa/data/synonyms.tsv): 工程 is said 项目, 花出去 asks for 投资
    ("2025年头三个月，柳江区那62个工程实际花出去多少钱？", "13.47亿元"),
    ("2019年来柳江区玩的人一共有多少人次？", "454万人次"),  # "2019年来" is no "年来" (as in 近年来)
    # a government's head in everyday words is its 市长/区长, not the party secretary named beside
    ("2024年柳州市政府的头号行政长官叫什么？", "张壮"),
    ("柳北区委十一届三次全会召开时，柳北区政府的一把手是谁？", "石中华"),
    # "多少个有工作的人" counts people; a 涨幅 is a rate, not the "六次" of "二届六次全会"
    ("柳北区委十一届三次全会的报道提到，柳北区城里一年多了多少个有工作的人？", "1.07万人"),
    ("2024年1月柳江区委开全会时，给这一年经济总量定的涨幅是多少？", "4.5%以上"),
    # a meeting that says which year is not what is measured; nor "机会" inside the everyday "工作机会"
    ("柳北区在区委十一届三次全会回顾的年度里城镇新增就业多少人？", "1.07万人"),
    ("2023年柳江区给老百姓创造了多少个工作机会？", "1.58万个"),
    # when a law takes effect: the date said with 施行, not its press conference's (7月31日) or adoption's
    ("《柳州市新能源汽车充电基础设施条例》从哪天起开始生效？", "2024年8月1日"),
    # the head of a party organisation is its 书记, a government's 主官 its 区长; 宗 counts cases as 起 does
    ("拉堡镇柳西社区党组织的头儿叫什么名字？", "曾燕丽"),
    ("柳北区政府的主官叫什么？", "石中华"),
    ("2019年柳江区警方办成了多少宗贩毒吸毒类刑案？", "113起"),
    ("2019年柳江区真正落地的海外资本有多少？", "3443万美元"),
    ("2023年柳江区为了让农村兴旺起来，一共上马了多少个工程？", "122个"),
    # a second ask of its own ("多长", then "几盏") is split; the subject it borrows asks for no unit
    ("柳州市第四十一中学正门前那条路大约有多长？相关部门决定在那里安装几盏太阳能路灯？", "280米左右；7盏"),
    ("2024年柳州文明市民礼仪大赛线上答题活动参与人数有多少？决赛网络直播的访问量又是多少？", "近6.6万人；70万次"),
    # 美金 is money in 美元; 几根 lamps are counted in 盏; "二中" is a 中学, "附小" a 小学 (有所小学……是哪一所)
    ("2019年真正落到柳江口袋里的洋资本是多少美金？", "3443万美元"),
    ("柳州市第四十一中学大门外那条原先黑漆漆的通道，后来一共立起了几根靠日光供电的灯杆？", "7盏"),
    ("柳江区城管去清理校门口的小摊贩，除了实验高中，还点名了哪所中学？", "柳江二中"),
    ("2019年柳江有所小学拿了国家层面教书育人行业的集体荣誉，是哪一所？", "壮校附小"),
    # "去年全年营业额超1000万元，预计今年……年营业额超2000万元" in a 2025 article: 2024's is the first
    ("白莲大道上那家市青山绿水农业科技有限公司，2024年一整年卖货进账有多少？", "超1000万元"),
    ("2019年柳江一年当中天蓝气清的好天占了多大比例？", "88.6%"),  # not a 报销比例: 比例 is only the kind
    # a note defining a term ("……是指西外环道路工程项目、兴柳路道路工程项目……") names no road that did
    # something; a row of the notes' table of projects and their units still answers
    ("2019年柳江区哪条路跟柳江大道接上了头，卡脖子的地方被彻底解决？", "马平路"),
    ("柳江区2020年给老百姓办的好事里，让人自己动手领取在本地住所凭证的那台机器，由哪个单位挑大梁？", "市公安局柳江分局"),
    # "比之前一年多了百分之几" asks the year's growth, not the year before's figure
    ("柳北区规模以上公司在科研开发上花的钱比之前一年多了百分之几？", "36%"),
    # households said "多少家人", shops counted in 户 though the report says 家, kinds in 款
    ("柳西新城那个小区里一共住着多少家人？", "4314户"),
    ("柳江区市场监督管理局这轮药械专项行动里，一共核验了多少户配镜商户？", "9家"),
    ("市青山绿水农业科技有限公司眼下能拿出多少款腌制果蔬？", "53种"),
    # a party committee's 负责人 is its 书记; a government's head "现在的当家人" its 区长
    ("带人赴粤港澳大湾区寻找投资商的柳北区党委负责人是谁？", "刘俊"),
    ("柳北区政府现在的当家人叫什么名字？", "石中华"),
    ("2019年柳江区给多少家用人单位减轻了五险负担？", "998家"),
    # a report's "初步预计，2019年全区完成……" is the year's result, not an estimate
    ("柳江区2019年地区生产总值实际增长了多少？", "5%"),
    ("2024年柳州文明市民礼仪大赛决赛中，一等奖、二等奖、三等奖各有几支队伍？", "5支；7支；10支"),
    # "多少个品类" counts no people ("10余名"); "两个全覆盖" is a term's name and "南二路" a road's, not counts
    ("市青山绿水农业科技有限公司眼下卖的腌制零食有多少个品类？", "53种"),
    ("柳江区2020年给老百姓办的好事清单里，要盖多少个村里的综合便民场所？", "17个"),
    ("按2020年的安排，柳江区准备让多少个大工程破土动工？", "25项"),
    ("柳西新城小区一共住着多少家？", "4314户"),
    ("2023年柳江区新拉进来的那批工程，盘子总共多大？", "142.9亿元"),
    # "A，加上B，一共多少个": both figures and their sum; "第几" is an ask; "2023年的第29位" is 2023's
    ("柳江区2023年引进的新项目，加上柳北区（区委十一届三次全会报道所述）全年新引进的项目，一共多少个？",
     "合计127个；71个；56个"),
    ("2024年1至6月柳州螺蛳粉全产业链销售收入是多少？柳州现有原材料配套企业几家？在2024年品牌价值评价中“柳州螺蛳粉”排第几？",
     "355.21亿元；163家；第27位"),
    # from the review: workers are counted with 个 too; a quoted term in the text still counts; a share word
    # in a clause before the ask, 入住, 许多大 and "……集团有限公司" are read as they are
    ("青山绿水公司的酸嘢车间里有多少个工人在干活？", "10余名"),
    ("柳江区以开展几个一批活动为抓手？", "七个"),
    ("2020年柳江区要全面实现几条保障线？", "六条"),
    ("2019年柳江区降低养老保险缴费比例，为多少家企业社会保险降费？", "998家"),
    ("科创中心已经入住了几家？", "10家"),
    ("柳江区引进了许多大项目，2019年成功引进了多少个项目？", "30个"),
    ("黄龙巍是哪家公司的总经理？", "桂林力源粮油食品集团有限公司"),
    ("产业扶贫提升行动、就业扶贫提升行动是哪个市提出的？", "柳州市"),  # the note's own words: no kind asked
    # probes 8: 提议 answered in 件, 境外投资 is 外资, 高精尖 is 高新技术
    ("2019年柳江区政府答复了多少条区政协的提议？", "41件"),
    ("柳江区2019年真正到账的境外投资款有多少？", "3443万美元"),
    ("2019年柳江区“高精尖”行业创造出多少产出？", "220亿元"),
    # probes 21-23: money named by 支出 after a rate (费率) asks money; people named before 有多少 are counted
    # (not the 人次 beside them); 人流量 counts visits; 家庭 households; 多久 a length of time; 几号车 a line;
    # a fall asked is not the rise beside it; 生意 is 营业额
    ("2019年柳江区通过下调社保费率，为市场主体节省了多少支出？", "5144万元"),
    ("柳江区2019年乡下念书的孩子有多少享受到了伙食补助？", "3.26万人"),
    ("2019年柳江区旅游人流量共计多少？", "454万人次"),
    ("2019年柳江区有多少家庭甩掉了穷日子？", "1379户"),
    ("里高镇的志愿队上门帮上了年纪的人刷脸核验领钱资格，弄一位要多久？", "3分钟"),
    ("柳州那条满车贴着参军广告的巴士线路是几号车？", "3路"),
    ("与上一年相比，2019年柳江区空气里直径2.5微米以下细微颗粒物的浓度回落幅度为多少？", "8.7%"),
    ("柳江那家做酸嘢的企业，2024年一整年生意做了多少钱？", "超1000万元"),
    # "服务首日……" speaks of the “常叩门” service its passage named before
    ("里高镇“常叩门”上门认证服务首日完成了多少人的认证？", "37人"),
    # "使命与荣耀": a word jieba's dictionary holds as often as a common word is no one's name
    ("2024年7月底柳州那条宣传参军的公交线开通时，哪位部队首长到场致辞？", "王先庆"),
    # probes 24-26: the asker's preamble is dropped (its words made 城镇居民可支配收入 as likely as 旅游收入)
    ("我是跑文旅口的记者，想了解一下：2019年外地人来柳江区观光消费，一共给当地带来了多少进账？", "47亿元"),
    # a dimension (面积) or a count word (品种) is not what is measured: the sentence need not say it
    ("2019年柳江区建立的稻（藕）螺生态综合种养示范基地面积有多大？", "5236亩"),
    ("柳江白莲大道那家青山绿水农业科技的酸嘢，现在一共有多少个品种在卖？", "53种"),
    ("柳北区科创中心现在进驻了几家好公司？", "10家"),
    ("2023年柳江区打造了多少个主粮增产标杆点？", "26个"),
    # 广西 is the report's 自治区; "到2025年，……1000亿元" is framed by another year than 2022
    ("按报告注释，自治区“双千”计划要求到2022年广西那种食用油料树的栽种规模超过多少？", "1000万亩"),
    # "这1.4%比一季度高……居全区第6位" is framed by its article's opening two paragraphs before ("今年上半年")
    ("相较一季度，柳州2024年上半年经济增速的抬升程度在全自治区排第几？", "第6位"),
    # a change against the year before is not the one against 一季度 beside it ("较一季度提升0.3个百分点")
    ("2024年前六个月，柳州达到一定体量的制造厂商产出增值较上年涨了多少？", "5.6%"),
    # a department is a bureau, not a firm nor a "管理办法"
    ("柳州螺蛳粉原材料供应链标准是哪个部门指导制定的？", "市商务局"),
    # probes 27-28: where the question was read ("据……专版，") is not what it measures; people before a deed
    # and 的 that end the question are counted
    ("据“四个柳北”专版，柳北区民生支出占财政支出的比重是多少？", "93.6%"),
    ("作为家长想了解一下，2019年柳江区乡下上学的娃娃享受伙食补助的一共有多少？", "3.26万人"),
    # probes 31-33: words of the street for the reports' terms; "多少乡村娃" counts people (not the money
    # 出钱 names); "好几个亿" is money, not a count of 个; "从哪一天起开始正式执行" asks when it takes effect
    ("2019年柳江区警察一共端掉了多少宗“白粉”罪案？", "113起"),
    ("2023年柳江区给外卖小哥们建了多少个歇脚的驿站？", "21个"),
    ("2019年柳江区拆了的私搭乱盖有多大面积？", "83.6万平方米"),
    ("2019年柳江区有多少乡村娃在学堂吃上了政府出钱加的餐？", "3.26万人"),
    ("2019年柳江区替企业作保的钱前后有好几个亿，具体是多少？", "4亿元"),
    ("柳州新能源汽车充电桩的地方条例从哪一天起开始正式执行？", "2024年8月1日"),
    # probes 34: "每个站点" names no stop; 管用 is when a law takes effect; 请来 is 引进
    ("征兵宣传公交专线从哪个站发车？", "五一路东公交站"),
    ("《柳州市新能源汽车充电基础设施条例》哪天开始管用？", "2024年8月1日"),
    ("柳北区那一年新请来的工业项目有多少个？", "47个"),
    # a generic 多少个 of teams is answered in 支 ("22支队伍")
    ("2024年7月底柳州那场比拼市民讲礼数的压轴赛，一共有多少个队伍？", "22支"),
    # a place the question names for something else (the city's programme) is no other place of the figure
    ("柳北区有几家厂被柳州市那项“千家企业搞技术革新”的计划列为重点对象？", "19家"),
    # a survey's 得分 is a rate ("群众安全感满意度……98.28%"), not a count ("73个")
    ("2019年7至9月那三个月，柳江区老百姓觉得治安让人放心的调查得分创下了多高的纪录？", "98.28%"),
    # 转述 is 传达; a name listed with firms ("抓好环峰、柳松等新建投产企业") is no person
    ("2024年8月初柳州开的半年盘点大会上，负责向与会者转述自治区层面同类部署的是哪位？", "张壮"),
    # a works asked by name is a firm ("那家厂叫什么"), named without what it is to another ("……核心供应商"),
    # and "柳北区建立健全高新技术企业" is a class of firms, no name
    ("给一家国产运动鞋服大牌当头号配套、在柳北区已经落成开机出货的那家厂叫什么？", "桂卓体育用品有限公司"),
    # "哪个村" needs a village in the sentence that answers
    ("柳北区旧村拆建中，哪个村的原住户已经挑定了返迁住所？", "白沙村"),
    # 领头的人 asks a person; names alone in brackets under a headline ("（梁旎旎覃柳莹）") are its reporters
    ("柳江区拉堡镇柳西社区那个五十多栋楼的大小区，2025年年初原来的管家公司突然说要撤走，后来临时顶上来一支新的管家团队，"
     "那支新团队领头的人叫什么名字？", "莫柳燕"),
    ("拉堡镇柳西社区主抓党组织工作的带头人，说要让住户来给管家公司打分的那位，叫什么名字？", "曾燕丽"),
    ("2024年7月底在柳州开的那个商会帮着调停纠纷的观摩交流，是谁拿话筒串场的？", "叶俊"),  # 串场 is 主持
    # "那一年" says which year, not what is measured
    ("柳北区在区委十一届三次全会上回顾的那一年新引进的项目有多少个？", "56个"),
    # 头一个季度 is 一季度; "这1.4%比一季度高0.2个百分点" measures what the sentence before says (经济增速)
    ("2024年上半年柳州经济的增速，比头一个季度快了多少？", "0.2个百分点"),
    ("2024年柳州给那些专门往螺蛳粉门店送米粉、酸笋这些料的厂家挂上官方认可的牌子，头一拨拿到牌子的有多少家？", "15家"),
])
def test_everyday_words_find_the_reports_terms(engine, question, short):
    answer = engine.ask(question)
    assert not answer.refused and answer.short_answer == short, answer.text


@pytest.mark.parametrize("question", [
    "市青山绿水农业科技有限公司今年全年实际做到了多少营业额？",  # 螺蛳粉's 销售收入 is not this company's
    "柳挖高端智能制造示范工厂的总投资是多少？",  # a sentence of 工业 projects does not say 工厂
    # "体育公园游泳馆……等项目竣工，……；投入各级衔接资金1.34亿元": the figure is said of another thing
    "柳江区体育公园游泳馆的总投资是多少？",
    # 支出 stands alone in "民生支出" too, not only inside the everyday "财政支出": it must be said
    "柳江区2023年民生支出占财政支出的比重是多少？",
    # the table's "居民" for 老百姓 does not make 城镇居民可支配收入 what people spent in shops
    "2019年柳江区的老百姓在商场超市一共花掉多少钱？",
    "2019年柳江区PM2.5年均浓度是多少微克每立方米？",  # no figure in 微克 anywhere
    "柳州征兵宣传公交专线3路车的票价是多少？",  # a price is money: "22支" teams is no answer
    "柳州现在的预包装螺蛳粉生产企业，确切数字是多少家？",  # 确切 asks how; 预包装 is what: "约有100家" only
    # a 物业 company's name is asked: the 科创中心's tenants (……科技有限公司) are no answer
    "柳西新城小区引进的应急物业公司叫什么名字？",
    "自治区党委负责人是谁？",  # no 自治区党委书记 is named ("自治区工商联党组书记雷永达" is none)
    "2024年市青山绿水农业科技有限公司供应酸品多少种？",  # "目前……53种" in a 2025 article: 2025's, not 2024's
    "《柳州市新能源汽车充电基础设施条例》规定的最高罚款是多少？",  # a fine is money: "五章" is no answer
    # the unit asked (分钟) is not what is measured: "3分钟便可完成一名老人的认证" is no waiting time
    "里高镇便民服务中心现在群众办事平均要等几分钟？",
    # "提升幅度居全区第6位" ranks how much the growth rose, not the growth; "螺蛳粉排名……第27位" ranks no 增速
    "2024年上半年柳州市地区生产总值增速在全区排第几位？",
    "柳北区2019年新增了多少家规模以上企业？",  # 规模 of 规模以上 is what is measured, not a dimension
    # probes 31-33: an acronym the table spells out is what is measured ("GDP": a 研发经费 figure is none);
    # a pronoun or a word of time is not ("咱们", "那趟", "后能"), so the next word must be said
    "我儿子在柳北区上班，问下柳北区GDP具体是多少亿元？",
    "想问一下咱们柳江区民生支出占财政支出的比重有多少？",
    "征兵宣传那趟3路公交车全程一共有多少个站？",
    # "那几盏" says which lamps, not a count: money is asked ("7盏" is no answer); 张 counts no 件
    "柳州市第四十一中学门前装的那几盏太阳能路灯一共花了多少钱？",
    "柳江区健康养老综合服务中心建成后能提供多少张养老床位？",
    # "……的那家临时物业，是哪家公司" asks which firm it is (no chain through the 住建局 that guided the choice),
    # and the firm must be a 物业 one (not a 科技有限公司 of another article)
    "柳西新城小区那家临时物业，是哪家公司？",
    # probes 38-41: a measure word of other things ("22支队伍") counts no stops; a bare "多少亿" asks money,
    # which no count answers ("56个"); 达到 says nothing of what is measured (no "到位资金")
    "2024年柳州那条招兵宣传巴士线，沿途一共设了多少个停靠站？",
    "柳江区2024年一整年全区产出的总值，最后落到多少亿？",
    "柳北区高技术类产业一年的产出值达到多少？",
    "2025年里高镇六十岁往上的老人家，具体有多少口人？",  # people are asked: "3个" windows are none
    # a founding year is answered only by a year said with the founding (not "今年，柳江区出台《……2025年……方案》")
    "柳江那家靠酸味果蔬零嘴走红的厂子是哪一年成立的？",
    # 到底 asks how exactly, and says nothing of what is measured ("全年完成区外境内到位资金98.9亿元" is no 经济总量)
    "柳北区的经济总量到底是多少亿元？",
])
def test_a_synonym_does_not_make_another_subjects_figure_an_answer(engine, question):
    assert engine.ask(question).refused


def test_only_an_equivalent_the_table_gives_stands_for_a_word():
    from qa.synonyms import same_as
    assert same_as("工程") == ("项目",) and same_as("营业额") == ("销售收入",)
    assert same_as("规上") == ("规模以上",)  # spelled out
    assert same_as("工厂") == ()  # "企业 工业": related words, no equivalent
    assert same_as("不在表里的词") == ()


def test_names_of_places_and_meetings_are_no_people_or_counts():
    amount = expected("柳江区的数量有多少？")  # an amount of no unit (the economy's size is money)
    bus = "本次开通的征兵宣传公交专线为3路公交车,起点为五一路东公交站"
    assert candidates(bus, amount) == []  # a bus line's number and a street's name count nothing
    assert [c.text for c in candidates(bus, expected("那条公交专线是几路车？"))] == ["3路"]
    assert candidates("宣传践行《2024年柳州文明十条》", amount) == []  # a title's words
    company = expected("接手小区的应急物业公司叫什么名字？")  # a company is asked: no bureau, no "原……公司"
    assert candidates("柳西社区在柳江区住房和城乡建设局的指导下，原小区物业公司撤场。", company) == []
    tenants = "已有广西建工建筑工业化集团有限公司、广西逸云电子科技有限公司等10家优质企业入驻。"
    # "有限公司" names none; a group's registered name is read whole, without the "已有" before it
    assert [c.text for c in candidates(tenants, company)] == ["广西建工建筑工业化集团有限公司", "广西逸云电子科技有限公司"]
    assert candidates("——中共柳江区委二届六次全会暨经济工作会议解读", amount) == []
    assert candidates("柳江区第一届人民代表大会第四次会议上", amount) == []
    assert [c.text for c in candidates("今年召开了3次会议，新增企业5家。", amount)] == ["3次", "5家"]
    for counted, figures in (("今年共召开3次全体会议", ["3次"]), ("美食节已连续举办5届", ["5届"]),
                             ("连续3届5次获评", ["3届", "5次"])):  # counts of meetings, not their names
        assert [c.text for c in candidates(counted, amount)] == figures, counted
    from qa.index.keyword import Tokenizer
    words = Tokenizer().person_words("就通过物流送至位于市区及南宁、桂林等地的会员店。")
    assert words == []  # 桂林, listed with 南宁 before 等地, is a city
    text = "韦卓仕、柳江区委书记王秋静出席。"  # 柳江 starts a title here: it ends no item of a list of places
    assert [text[lo:hi] for lo, hi in Tokenizer().person_words(text)] == ["韦卓仕", "王秋静"]
    text = "叶俊主持会议，曾燕丽出席。"
    assert [text[lo:hi] for lo, hi in Tokenizer().person_words(text)] == ["叶俊", "曾燕丽"]
    assert Tokenizer().person_words("传递参军报国的使命与荣耀") == []  # 荣耀 is a common word of jieba's dictionary
    text = "会议由王平主持。"  # ... and 王平 a frequent one, but a deed follows it as it follows a person
    assert [text[lo:hi] for lo, hi in Tokenizer().person_words(text)] == ["王平"]


def test_a_described_thing_is_named_then_asked_about():
    from qa.answering.multipart import named_then
    assert named_then("2019年申报国家地理标志保护产品通过自治区审核的三都香葱，到2023年又成功创建了什么？") \
        == "三都香葱到2023年又成功创建了什么？"
    assert named_then("2019年获评先进的那家医院，2023年有多少床位？") is None  # a kind: bridge() names it first
    assert named_then("2019年柳江区完成的地区生产总值，2019年增长了多少？") is None  # the same year
    assert named_then("2019年柳北区完成的地区生产总值，2023年增长了多少？") is None  # a measure is no thing


def test_which_side_first_keeps_a_second_ask_of_its_own():
    from qa.answering.multipart import which_first
    assert which_first("柳江区2019年和2023年，哪一年新增的规模以上工业企业更多？那一年新增了几家？") \
        == "柳江区2019年和2023年，哪一年新增的规模以上工业企业更多？"  # the winner's figure asked again
    for question in ("柳江区2019年和2023年，哪一年的地区生产总值更高，增速是多少？",  # a second measure
                     "柳江区2019年和2023年，哪一年花得更多？"):  # 花得 names what is compared: no plan before it
        assert which_first(question) == question


def test_a_head_of_government_is_told_from_its_offices():
    for question in ("自治区人民政府的一把手是谁？", "柳江区委宣传部的一把手是谁？", "柳州市政府办公室的一把手是谁？"):
        assert expected(question).title == "", question
    assert expected("为多少个村的村民修通了道路？").unit == "个"  # counts villages, not people
    assert expected("拉堡镇柳西社区党组织的头儿叫什么名字？").title == "书记"
    assert expected("柳北区政府的主官叫什么？").title == "区长"


def test_what_a_count_counts_is_read_from_the_words_around_the_question_word():
    units = {
        "为市场主体节省了多少支出？": "元",  # 支出 is a word, not the counter 支
        "有多少家庭脱贫？": "户", "脱贫的家庭数为多少？": "户", "家庭农场有多少家？": "家",
        "有多少家长参加？": "人",  # 家长 are people, not 家
        "乡下念书的孩子有多少享受到了补助？": "人",  # people before 有多少, a deed after it
        "居民有多少收入？": "元",  # ... but money after it
        "旅游人流量共计多少？": "人",  # answered in 人次
        "认证一位老人要多久？": "时长",
        # ... but not a 家庭农场 or 家庭医生, 名额 counts in 名, a 加班费 is money
        "2023年柳江区新增多少家庭农场？": "家", "柳江区有几个家庭医生团队？": "个", "有多少名额？": "名",
        "职工有多少加班费？": "元",
    }
    for question, unit in units.items():
        assert expected(question).unit == unit, question
    assert expected("下调费率，节省了多少支出？").kind is AnswerKind.AMOUNT  # 费率 before, money asked
    assert expected("PM2.5浓度回落幅度为多少？").kind is AnswerKind.PERCENT
    assert expected("降低了多少贷款利率？").kind is AnswerKind.PERCENT  # money words before a rate ask the rate


def test_two_sides_differing_by_a_count_or_a_part_of_a_year_are_split_each_with_its_measure(engine):
    places = ("柳江区", "柳北区", "柳州市")
    first, second = split_question("柳江区2023年新引进项目数与柳北区新引进项目数相差多少个？", places)
    assert first == "柳江区2023年新引进项目数是多少？"  # the counter goes with 相差
    assert second.endswith("柳北区新引进项目数是多少？")
    assert split_question("柳州全市2024年上半年和柳江区2023年的地区生产总值增速分别是多少？", places)[0] \
        == "柳州全市2024年上半年的地区生产总值增速是多少？"  # a side that is only a scope takes the other's measure
    assert split_question("全市人口和柳江区的地区生产总值分别是多少？", places)[0] == "全市人口是多少？"  # not a scope only
    assert all(part.endswith("接待游客人次是多少？") for part in split_question(
        "2023年柳江区与柳北区接待游客相差多少人次？", places))  # 人次 is no counter 人
    answer = engine.ask("柳江区给2020年定的地区生产总值增长预期目标，比给2024年定的高出几个百分点？")
    assert answer.short_answer.startswith("2020年比2024年高约2个百分点"), answer.text  # "给2024年定的" is a side


def test_two_places_each_with_its_own_year_are_two_scopes_and_which_district_names_the_district(engine):
    places = ("柳江区", "柳北区", "柳州市")
    assert split_question("柳江区2023年和柳北区（2022年）的普惠性幼儿园覆盖率，哪个区更高？", places) == [
        "柳江区2023年的普惠性幼儿园覆盖率是多少？", "柳北区（2022年）的普惠性幼儿园覆盖率是多少？"]
    answer = engine.ask("城镇新增就业人数，柳北区（2022年）和柳江区2019年相比，哪个区更多？")
    assert answer.short_answer.startswith("柳北区更多：1.07万人"), answer.text  # not "2022年更多"


def test_a_passage_naming_no_part_of_a_year_is_framed_by_its_article(engine):
    # "2月28日……；一个月后，柳江区区长李团率队到浙江、江苏、安徽、湖北" in an article about 一季度
    answer = engine.ask("2025年一季度，柳江区区长李团带队外出招商考察去了哪几个省？")
    assert not answer.refused and all(x in answer.text for x in ("浙江", "江苏", "安徽", "湖北")), answer.text


def test_a_place_that_begins_a_company_name_is_no_scope(engine):
    from qa.chinese import Scope
    places = ("柳江区", "柳北区", "柳州市")
    assert Scope.of("柳州市志格空调有限公司的产品卖到了哪些地区？", places).places == frozenset()
    assert Scope.of("柳江区的广西庆达精密机械有限公司一季度生产了多少台？", places).places == {"柳江区"}
    assert Scope.of("柳州全市高新技术企业保有量是多少家？", places).places == {"柳州市"}  # said as 柳州全市
    for question in ("柳江区新注册有限公司多少家？", "柳江区2023年新增市场主体中有限责任公司有多少户？"):
        assert Scope.of(question, places).places == {"柳江区"}, question  # no registered name follows the place
    answer = engine.ask("柳州市志格空调有限公司的产品卖到了哪些地区？")  # the article is 柳江区's
    assert not answer.refused and all(x in answer.text for x in ("东欧", "非洲", "中亚")), answer.text


def test_a_share_asked_in_so_many_words_stays_a_share():
    assert expected("柳北区有多大比例的学校是抱团、由龙头校带着几所学校一起办的？").kind is AnswerKind.PERCENT
    assert expected("2019年空气质量优良率具体是多少天？").kind is AnswerKind.AMOUNT  # a count in days
    assert expected("2024年决赛网络直播的访问量又是多少（柳州文明市民礼仪大赛线上答题活动参与人数有）？").unit != "人"


def test_the_date_a_law_takes_effect_is_said_with_it_in_other_wordings():
    effect = expected("《条例》从哪天起开始生效？")
    for sentence in ("于2024年8月1日起在全市施行", "2024年8月1日起，《条例》正式施行", "2024年8月1日起将正式施行"):
        assert [c.text for c in candidates(sentence, effect)] == ["2024年8月1日"], sentence
    assert candidates("7月31日,《条例》实施新闻发布会举行", effect) == []
    assert not expected("油茶“双千”计划是哪天印发实施的？").takes_effect  # issued and put to work: any date
    assert not expected("脱贫攻坚“四大战役”哪一年开始实施？").takes_effect  # begun, not a law taking effect
    assert expected("柳州那部管新能源车充电设施的地方法规，从哪天开始执行？").takes_effect  # a law begins to apply
    assert expected("条例从哪一天起开始正式执行？").takes_effect and expected("条例哪天开始管用？").takes_effect
    assert expected("柳江区花了多少钱给娃改善营养？").unit == "元"  # money for children, not a count of them


def test_two_documents_joined_by_a_person_or_a_named_thing(engine):
    answer = engine.ask("2020年1月在柳江区人代会上作政府工作报告的那个人，到2025年担任什么职务？")
    assert answer.short_answer == "玉秋静；柳江区委书记", answer.text  # "那个人" asks who first
    assert len({c.doc for c in answer.citations}) == 2
    # the same said "……的人，" without 那; "……的人，有多少" counts a class and is asked as it is
    answer = engine.ask("2020年1月在柳江区第一届人大第四次会议上作政府工作报告的人，到2025年担任柳江区什么职务？")
    assert answer.short_answer == "玉秋静；柳江区委书记", answer.text
    from qa.answering.multipart import bridge
    assert bridge("2019年获得全国先进的人，有多少？") is None
    places = ("柳江区", "柳北区", "柳州市")  # two measures of one scope added up are not split (they share 新增)
    assert len(split_question("2019年柳江区新增农民专业合作社，加上家庭农场，一共多少家？", places)) == 1
    answer = engine.ask("2019年申报国家地理标志保护产品通过自治区审核的三都香葱，到2023年又成功创建了什么？")
    assert "三都香葱广西特色农产品优势区" in answer.text and {c.doc for c in answer.citations} == {"001_d3f18a84a51546c7.txt"}
    # 投入 asks for money: the year's school spending, not a count of pupils
    answer = engine.ask("2023年柳江区在学校基础设施上的投入是多少？")
    assert answer.short_answer == "5500万元", answer.text


def test_a_name_asked_in_everyday_words_and_things_described_by_what_they_are(engine):
    from qa.records import AnswerKind
    from qa.chinese import plain_question
    for question in ("那片片区被起了个什么正式名号？", "厂区挂上了什么正式招牌？", "这个名头到底叫啥？", "这项行动的简称是什么？"):
        assert expected(plain_question(question)).kind is AnswerKind.NAME, question
    assert expected("那家厂子的全称是什么？").kind is not AnswerKind.NAME  # a firm's full name: its organisation
    # 啥 is 什么: "那位叫啥" asks who, as "那位叫什么" does
    assert expected(plain_question("照片里跑到厂子里帮老板们出主意的那位叫啥？")).kind is AnswerKind.PERSON
    assert expected(plain_question("那家把瓜果腌成零嘴卖的厂子，全名叫啥？")).kind is AnswerKind.ORG
    # 电器扎堆 is where 家电 集聚, 工信的厅局 the 工信厅 that named it
    answer = engine.ask("2019年柳江区那片冰箱洗衣机等家用电器扎堆的片区，被自治区主管工信的厅局起了个什么正式名号？")
    assert answer.short_answer == "“广西柳州粤桂智能家电轻工园”", answer.text
    # the last round of a contest is its 决赛 (22 teams took part, not the 10 that won a first or second prize)
    answer = engine.ask("2024年柳州那场市民讲礼节比赛的最后一轮，有多少支队伍登台？")
    assert answer.short_answer == "22支", answer.text


def test_a_figure_that_changed_is_read_where_it_ended_unless_its_start_is_asked(engine):
    sentence = "全区贫困发生率由1.08%下降至0.15%"
    for question in ("贫困人口占比压到了多少？", "没脱贫的人占比掉到好多了？", "贫困发生率是多少？"):
        assert [c.text for c in candidates(sentence, expected(question))] == ["0.15%"], question
    assert [c.text for c in candidates(sentence, expected("贫困发生率原来是多少？"))] == ["1.08%"]
    # a year said where the change started leaves the figures to the question's year ("由2023年的第29位")
    ranks = candidates("排名由2023年的第29位提升至第27位", expected("柳州螺蛳粉排名第几？"))
    assert [c.text for c in ranks] == ["第29位", "第27位"]
    # probes 45-47, asked unseen: "压到了多少" got 1.08%
    answer = engine.ask("到2019年底，柳江区还过着穷日子、没脱离困境的人口占比压到了多少？")
    assert answer.short_answer == "0.15%", answer.text


def test_a_document_number_and_a_grade_asked_in_everyday_words(engine):
    for question in ("柳江区政府下发时用的红头文件编号是多少？", "所用的公文编号是什么？"):
        assert expected(question).kind is AnswerKind.NAME and expected(question).head == "文号", question
    answer = engine.ask("柳江区政府把玉秋静2020年那份报告发到各镇的那个红头文，文号是多少？")
    assert answer.short_answer == "江政发〔2020〕5号", answer.text  # one question: the number names the document
    answer = engine.ask("柳江的紫藤花庄园2019年被自治区评成了几颗星的农家游玩去处？")
    assert "四星级" in answer.short_answer, answer.text
    answer = engine.ask("为了给新中国70岁生日助兴，柳江2019年搞的那场赏荷盛会是第几回？")
    assert answer.short_answer == "第八届", answer.text  # 第几回 of a festival is its edition
    answer = engine.ask("2024年柳州文明市民礼仪大赛决赛，台上一共来了几拨人马比拼？")
    assert answer.short_answer == "22支", answer.text


def test_the_place_a_question_word_labels_and_a_law_named_as_a_local_one(engine):
    answer = engine.ask("2024年柳州开的那趟宣传当兵的3路车，最后一站停在哪里？")
    assert answer.short_answer == "沙塘镇", answer.text  # "终点为沙塘镇", not the 起点 said first
    assert engine.ask("柳州征兵宣传公交专线3路的起点是哪里？").short_answer == "五一路东公交站"
    # "那个地方法规" is a law, not a place asked first
    answer = engine.ask("柳州管电车充电桩的那个地方法规，是从哪天起开始算数的？")
    assert answer.short_answer == "2024年8月1日", answer.text


def test_a_deadline_answers_only_when_it_is_asked_and_an_estimate_is_no_final_figure(engine):
    row = "农村饮水安全工程区水利局区财政局各镇人民政府12月31日前"
    assert candidates(row, expected("荷花文化旅游节是哪一天开幕的？")) == []
    assert [c.text for c in candidates(row, expected("农村饮水安全工程什么时候完成？"))] == ["12月31日"]
    assert engine.ask("柳江区2019年第八届荷花文化旅游节是哪一天开幕的？").refused
    # "预计今年……年营业额超2000万元" is no final figure of 2025
    assert engine.ask("柳江青山绿水农业科技公司2025年全年的营业额最后到底是多少？").refused


def test_two_districts_compared_with_a_year_said_by_its_meeting(engine):
    answer = engine.ask("柳江区2023年从区外拉进来的到位资金，跟柳北区开十一届三次全会讲的那一年比，差了多少个亿？")
    assert answer.short_answer.startswith("柳江区比柳北区少13.31亿元"), answer.text
    answer = engine.ask("柳江区2023年与柳北区（柳北区委十一届三次全会所回顾的那一年）相比，哪个城区的普惠性学前教育覆盖面更广？")
    assert answer.short_answer.startswith("柳江区更广：91.95%"), answer.text
    answer = engine.ask("柳江区2023年地区生产总值比2019年缩小了多少？")
    assert answer.short_answer.startswith("2023年比2019年少8.14亿元"), answer.text


def test_everyday_names_of_the_economy_illegal_building_and_disputes(engine):
    assert engine.ask("考考大家：2019年咱们柳江区忙活一整年，经济总盘子做到了多大？").short_answer == "302.4亿元"
    assert engine.ask("2019年柳江“飓风行动”一年推倒了多少平方米乱搭乱盖的房子？").short_answer == "83.6万平方米"
    assert engine.ask("2019年柳江邻里之间闹别扭、起争执的事儿，经人说和摆平的比例有多高？").short_answer == "95.75%"
    assert engine.ask("截至2019年，柳江专门圈起来、只留着种榨糖原料的地一共有多少亩？").short_answer == "18.73万亩"


def test_a_measure_described_in_everyday_words_is_said_by_the_sentence_that_answers(engine):
    # "经济总盘子" is 地区生产总值: 柳北区's 区外境内到位资金 is no answer (the report gives no GDP of its own)
    assert engine.ask("柳北区一年的经济总盘子具体是多少亿元？").refused
    # "规模以上工厂新创造的价值" is 增加值: the city's GDP is no answer (only its growth is said)
    assert engine.ask("2024年上半年柳州全市规模以上工厂新创造的价值具体是多少亿元？").refused
    # the counter asked before another a count may be said in ("多少家……铺子": 眼镜店9家, not 问题7个), but
    # a measure in any unit of its kind ("多大面积" in 亩)
    answer = engine.ask("2025年柳江区那个管市场买卖的部门去查药和医用器具的时候，顺便看了多少家配近视镜的铺子？")
    assert answer.short_answer == "9家", answer.text
    answer = engine.ask("为了开发柳江新城，2019年一年里从村民那里拿下了多大面积的地皮？")
    assert answer.short_answer == "1.3万亩", answer.text


def test_the_rules_of_probes_45_47_leave_alike_words_alone():
    """The words the new rules read, where they say something else (a review of f935feb)."""
    places = ("柳江区", "柳北区", "柳州市")
    # 前三季度 and 前后 are no deadline
    assert [c.text for c in candidates("2019年前三季度，全区地区生产总值增长6%", expected("哪一年增长6%？"))] == ["2019年"]
    # 原来 describing a thing, or compared with, asks no start; money arriving (到位) or a range is no change
    assert not expected("柳西新城小区原来的管家撤走后，有多少户业主同意？").start_value
    assert [c.text for c in candidates("村级服务站从3个增加到5个", expected("村级服务站比原来增加了多少个？"))] == ["5个"]
    found = candidates("从区外引资50亿元到位，同比增长12亿元", expected("引进到位资金多少？"))
    assert [c.text for c in found] == ["50亿元", "12亿元"]
    # a bare 广 ends 推广: no comparison; 管事的部门 is a body, not a person; 哪个地方法规 asks no place
    assert split_question("2019年和2023年，柳江区哪个做法在全区推广？", places) == ["2019年和2023年，柳江区哪个做法在全区推广？"]
    assert expected("这件事管事的部门叫什么名字？").kind is AnswerKind.ORG
    assert expected("那家厂管事的叫什么名字？").kind is AnswerKind.PERSON
    assert expected("柳州管电车充电桩的是哪个地方法规？").kind is not AnswerKind.PLACE
    assert expected("柳州哪个地方有充电桩？").kind is AnswerKind.PLACE
    # 哪个城区 compares two places, and its words leave the parts
    parts = split_question("柳江区2023年与柳北区相比，哪个城区的普惠性幼儿园覆盖率更高？", places)
    assert len(parts) == 2 and not any("城区" in part for part in parts), parts


def test_the_parts_of_a_law_asked_in_everyday_words_are_its_chapters(engine):
    assert engine.ask("柳州市新能源汽车充电基础设施那部地方法规一共分几大块？").short_answer == "五章"
    answer = engine.ask("柳州那部新能源车“加电”设施的地方法规一共分成几个大部分？总共有多少条？")
    assert answer.short_answer == "五章；三十四条", answer.text
    answer = engine.ask("2024年8月1日起在柳州施行的新能源汽车充电基础设施那部地方法规，一共分几大块、有多少条？")
    assert answer.short_answer == "五章；三十四条", answer.text
    # "哪几个部分" asks their names, which the sentence of 五章 lists
    answer = engine.ask("《柳州市新能源汽车充电基础设施条例》分为哪几个部分？")
    assert "总则、规划建设、运营服务、发展促进和附则" in answer.text, answer.text


def test_a_growth_asked_as_a_speed_is_a_rate(engine):
    answer = engine.ask("柳江区固定资产投资的增长速度，2019年和2023年哪一年更快？")
    assert answer.short_answer.startswith("2023年更快：18.7%"), answer.text
    answer = engine.ask("柳江区一年经济涨的速度，2019年比2023年快了几个百分点？")
    assert answer.short_answer.startswith("2019年比2023年快2.9个百分点"), answer.text
    assert engine.ask("柳江区2019年经济涨的速度是多少？").short_answer == "5%"


def test_a_name_the_question_says_is_not_its_answer(engine):
    answer = engine.ask("柳州2024年7月底搞了一条宣传当兵的巴士线，那趟车从五一路东那边出发，最后开到哪里停？")
    assert answer.short_answer == "沙塘镇", answer.text


def test_the_part_of_the_year_asked_is_said_with_the_figure(engine):
    assert engine.ask("柳江区2019年第三季度老百姓对治安的放心程度冲到多少，创了纪录？").short_answer == "98.28%"
    answer = engine.ask("柳江那个广西庆达精密机械厂，2025年头一个季度造出了多少台给冷气机用的马达？")
    assert answer.short_answer == "10万台", answer.text


def test_a_figure_in_another_part_of_the_sentence_than_what_is_asked_is_no_answer(engine):
    # "……302.4亿元，增长5%；规模以上工业增加值107.6亿元，实现正增长；……": 5% is the GDP's growth, and the
    # report gives none for 规上工业增加值 (the answer still found elsewhere, 13% of 高新技术产业产值, is wrong too:
    # a single shared character, 业, lets it through)
    answer = engine.ask("2019年柳江区规模以上工业增加值增长了百分之多少？")
    assert "302.4亿元" not in answer.text, answer.text
    # ... and "……302.4亿元，增长5%；……；固定资产投资增长13%" gives no amount of 固定资产投资
    assert "302.4亿元" not in engine.ask("柳江区2019年全区固定资产投资总额到底是多少亿元？").text


def test_what_the_other_part_says_counts_only_with_a_figure_of_its_own(engine):
    answerer = engine.answerer()
    question = answerer._read(answerer.expand("柳江区一季度固定资产投资是多少亿元？"))
    text = "一季度，柳江区固定资产投资稳步推进；完成12.49亿元，同比增长31.9%。"
    # (the sentence record holds only what the check reads: its text and the question's terms found in it)
    sentence = type("S", (), {"text": text, "matched": frozenset(t for t in question.terms if t in text)})
    figure = Candidate(text.index("12.49"), text.index("12.49") + 7, "12.49亿元", AnswerKind.AMOUNT)
    assert not answerer._said_elsewhere(question, sentence, figure)
    text = "全区完成地区生产总值302.4亿元，增长5%；固定资产投资增长13%。"
    sentence = type("S", (), {"text": text, "matched": frozenset(t for t in question.terms if t in text)})
    figure = Candidate(text.index("302.4"), text.index("302.4") + 7, "302.4亿元", AnswerKind.AMOUNT)
    assert answerer._said_elsewhere(question, sentence, figure)


def test_a_result_said_in_everyday_words_and_a_plan_that_uses_them():
    # "实实在在卖了" asks what was sold: "预计今年……年营业额超2000万元" is none
    assert asks_for("那家公司2025年全年到底实实在在卖了多少钱？") == (True, False)
    # ... but "实实在在的民生实事" and "真正得到实惠" describe what a plan is for
    assert asks_for("柳江区今年准备为群众办几件实实在在的民生实事？")[0] is False
    assert asks_for("2024年要让老百姓真正得到实惠，准备投入多少钱？")[0] is False


def test_a_result_asked_as_what_was_really_sold_is_not_an_estimate(engine):
    assert engine.ask("柳江那个做酸嘢的青山绿水公司，2025年全年到底实实在在卖了多少钱？").refused


def test_a_question_word_inside_a_description_asks_one_thing():
    question = "2020年1月柳江区开人代会，上台念那份政府一年干了些什么、来年打算干什么的报告的是哪个？"
    assert split_question(question, ("柳江区", "柳北区", "柳州市")) == [question]


def test_everyday_names_of_big_projects_schooling_and_retail(engine):
    assert engine.ask("柳江区2019年那批大块头工程，一年下来实际砸下去多少钱？").short_answer == "46.2亿元"
    assert engine.ask("2019年柳江区适龄孩子读完初中前不流失的比例是多少？").short_answer == "98.9％"
    assert engine.ask("2019年，柳江区的商店、饭馆一年卖给老百姓的东西总共值多少钱？").short_answer == "60.7亿元"


def test_two_districts_joined_by_gen_are_two_scopes(engine):
    # "柳江区2023年跟柳北区（……）比": 2023年 is 柳江区's alone, and 覆盖面 asks a rate
    answer = engine.ask("娃娃上平价幼儿园的覆盖面，柳江区2023年跟柳北区（开二十大那年）比，哪个区高一点？")
    assert answer.short_answer.startswith("柳江区更高：91.95%"), answer.text


def test_the_words_of_probes_48_50_leave_alike_questions_alone():
    """What the new rules read, where it says something else (a review of 756665b)."""
    from qa.chinese import Scope, periods_named
    places = ("柳江区", "柳北区", "柳州市")
    # 几块钱 is money, 哪几个部分 asks their names, 规定/文件 say what a rule sets
    assert expected("《条例》规定每度电服务费最高几块钱？").unit != "章"
    assert expected("按照规定，充一度电收几块钱？").unit != "章"
    assert expected("那部法规分为哪几个部分？").kind is AnswerKind.LIST
    # a count of what is covered, and a speed that is no growth, are no rates
    assert expected("柳江区5G网络覆盖了多少乡镇？").kind is AnswerKind.AMOUNT
    assert expected("医保覆盖面扩大后，新增参保的有多少？").kind is AnswerKind.AMOUNT
    assert expected("柳州5G下载速度能达到多少？").kind is not AnswerKind.PERCENT
    # 几大 of a description asks nothing; 什么的 of another clause parts nothing; 同期 is no conjunction
    assert split_question("柳江区2019年的几大重点项目，投资总额是多少？", places) == ["柳江区2019年的几大重点项目，投资总额是多少？"]
    assert len(split_question("柳北区2023年地区生产总值是多少、柳江区是个干什么的地方？", places)) == 2
    parts = split_question("柳江区2023年同期跟柳北区比，哪个区的地区生产总值增长快？", places)
    assert not any("年期" in part for part in parts), parts
    # a run of quarters names a span, and a quarter after 其中 a part of the whole year
    assert "三季度" not in periods_named("2023年一至三季度，全区规上工业总产值220亿元")
    assert "三季度" not in periods_named("二、三季度，全区投资增长")
    assert periods_named("2023年，柳江区新签约项目52个，其中四季度签约18个") == set()
    assert periods_named("第三季度达到了98.28%") == {"三季度"}


def test_the_other_side_of_a_comparison_said_by_its_report_or_its_plan():
    """A compared side that names only where its number is given ("报道中的数"), a year said by what happened
    in it, a plan's growth or a change of plan takes the first side's measure; a year said after one place
    is that place's alone."""
    places = ("柳江区", "柳北区", "柳州市")
    assert split_question("森林覆盖率，柳江区2023年和柳北区专版里的数字比较，谁更高？", places) == [
        "森林覆盖率，柳江区2023年是多少？", "柳北区专版里的森林覆盖率是多少？"]
    assert split_question("新引进的项目，柳江区2023年比柳北区在迎来党的二十大那一年多几个？", places)[1] \
        == "新引进的项目，柳北区有多少个？"
    assert split_question("城乡居民收入，柳北区2022年和柳江区2023年，谁家涨得更猛？", places) == [
        "城乡居民收入，柳北区2022年增长了多少？", "城乡居民收入柳江区2023年增长了多少？"]
    assert split_question("柳州市2024年上半年的经济增速，比柳江区给2024年定的增长目标低多少个百分点？", places)[1] \
        == "柳江区2024年目标的经济增速是多少？"
    assert split_question("柳江区为2020年设定的地区生产总值增长目标，比为2024年设定的高出多少个百分点？", places) == [
        "柳江区为2020年设定的地区生产总值增长目标是多少？", "柳江区为2024年设定的地区生产总值增长目标是多少？"]
    assert split_question("与2019年相比，柳江区2023年的一般公共预算收入减少了多少？", places) == [
        "柳江区2023年的一般公共预算收入是多少？", "柳江区2019年的一般公共预算收入是多少？"]
    # a plan described by how much it asks is what the clause is about, not an ask of its own
    assert len(split_question("柳江区给自己定的经济要涨多少的目标，2024年比2020年的调低了几个百分点？", places)) == 2


def test_a_comparison_of_a_plan_a_report_and_a_year_before(engine):
    answer = engine.ask("2024年上半年柳州全市的经济增速，比柳江区给2024年定下的增长目标低多少个百分点？")
    assert "低约3.1个百分点" in answer.short_answer, answer.text
    answer = engine.ask("普惠性幼儿园覆盖率，柳江区2023年和柳北区专版里的数字比较，谁更高？")
    assert answer.short_answer.startswith("柳江区更高：91.95%"), answer.text
    short = engine.ask("与2019年相比，柳江区2023年的地区生产总值少了多少？").short_answer
    assert short.startswith("2023年比2019年少8.14亿元"), short


def test_a_figure_that_is_another_measure_gives_way_to_one_in_the_same_sentence(engine):
    # "增长5%" is 地区生产总值's; "固定资产投资增长13%" is the investment asked in everyday words
    assert engine.ask("2019年柳江区砸钱搞建设这一块的增速是多少？").short_answer == "13%"


def test_a_year_that_names_the_report_is_not_the_date_its_note_gives(engine):
    from qa.chinese import Scope
    places = ("柳江区", "柳北区", "柳州市")
    assert Scope.of("2020年柳江区政府工作报告里的“四好农村路”", places).source_years == {"2020"}
    assert Scope.of("2019年柳江区旅游收入是多少？", places).source_years == frozenset()
    answer = engine.ask("按2020年柳江区政府工作报告的名词解释，“四好农村路”是哪天提出来的？")
    assert answer.short_answer == "2014年3月4日", answer.text
    # the year of a figure is still the figure's
    assert engine.ask("柳江区2014年地区生产总值是多少？").refused


def test_a_figure_said_after_another_kind_of_measure_is_not_the_one_asked(engine):
    """"全市地区生产总值1472.3亿元" is no 增加值 and no 品牌价值; "高新技术产业产值……同比增长13%" is no growth of
    规模以上工业增加值 (the documents give that growth for no year but as a 2020 target)."""
    assert engine.ask("2024年上半年柳州的大厂新创造出来的价值是多少亿？").refused
    assert engine.ask("2024年柳州螺蛳粉的品牌价值估计有多少亿元？").refused
    assert engine.ask("2019年柳江区规上工厂新创造的价值比上年涨了百分之几？").refused
    # the measure asked in everyday words still finds its own figure
    assert engine.ask("柳州2024年上半年的经济总量是多少？").short_answer == "1472.3亿元"
    assert engine.ask("2019年柳江区规模以上工业增加值是多少？").short_answer == "107.6亿元"
    # a company's 生产总值 is its output (产值), and 增值 is value added
    assert engine.ask("志格空调2025年1到3月的生产总值有多少？").short_answer == "1.5亿元"
    assert engine.ask("2024年上半年柳州规模以上工业产出增值同比涨了多少？").short_answer == "5.6%"


def test_a_running_total_is_no_one_years_figure_unless_a_total_is_asked(engine):
    """"累计开工建设项目60多个，完成固定资产投资200亿元" (新城, over the years) is not 2019's investment;
    asked as a total ("一共", "截至", "前前后后") it is."""
    answer = engine.ask("柳江区2019年全年的固定资产投资是多少亿元？")
    assert answer.short_answer != "200亿元", answer.text
    assert engine.ask("2019年柳江区累计开工建设项目60多个，一共完成固定资产投资多少亿元？").short_answer == "200亿元"
    assert engine.ask("2019年柳江区前前后后划出来的甘蔗保护区有多大？").short_answer == "18.73万亩"
    # a running total two clauses before a rate says nothing of the rate
    assert engine.ask("2025年里高镇办事群众的平均等待时间缩短了百分之几？").short_answer == "约15%"


def test_a_change_is_no_share_and_each_side_of_a_rate_difference_is_a_rate(engine):
    places = ("柳江区", "柳北区", "柳州市")
    # "PM10、PM2.5同比下降5.7%、8.7%，环境空气优良率88.6%": the fall of the second listed figure is said before the first
    assert engine.ask("2019年柳江区空气质量好的天数占了多大比例？").short_answer == "88.6%"
    # "城乡居民人均可支配收入分别增长2.5%和5%" is no share of 财政支出
    assert engine.ask("2023年柳江区民生方面花的钱占财政支出的比重是多少？").refused
    # a difference in points compares two rates, whatever words the sides use; a verb may follow the way
    assert split_question("柳江区农民腰包鼓起来的快慢，2019年比2023年快了几个百分点？", places) == [
        "柳江区农民腰包鼓起来的快慢，2019年是百分之多少？", "柳江区农民腰包鼓起来的快慢，2023年是百分之多少？"]
    assert split_question("柳江区新进规模以上的工业企业，2019年比2023年多添了几家？", places) == [
        "柳江区新进规模以上的工业企业，2019年有多少家？", "柳江区新进规模以上的工业企业，2023年有多少家？"]
    assert len(split_question("柳江区固定资产投资的增速，2023年比2019年猛了几个百分点？", places)) == 2


def test_a_year_said_by_a_meeting_stays_with_its_own_side(engine):
    answer = engine.ask("柳北区委十一届三次全会回顾的那一年，柳北区城里新找到工作的人，比柳江区2019年多出多少人？")
    assert answer.short_answer.startswith("柳北区比柳江区多7611人"), answer.text
    # ... and an aside saying it goes whole
    answer = engine.ask("区外境内到位资金，柳北区（区委十一届三次全会回顾的那一年）比柳江区2023年多多少？")
    assert answer.short_answer.startswith("柳北区比柳江区多13.31亿元"), answer.text
    # the economy's total value is its 地区生产总值, not a value added
    assert engine.ask("2019年柳江区全年创造的经济总价值是多少？").short_answer == "302.4亿元"


def test_everyday_names_of_foreign_capital_kept_jobs_and_the_economys_size(engine):
    assert engine.ask("2019年柳江区洋老板的钱真正落地了多少？").short_answer == "3443万美元"
    assert engine.ask("2019年柳江区给那些不裁人的厂子发了多少钱奖励？").short_answer == "2000万元"
    assert engine.ask("柳江区给2020年定的经济块头增长目标是多少？").short_answer == "6.5%以上"


def test_the_rules_of_probes_51_53_leave_alike_questions_alone(engine):
    """What the new rules read, where it says something else (a review of 52168c6)."""
    places = ("柳江区", "柳北区", "柳州市")
    # a report named before a comma is no source when no saying verb or note follows it: it is what is measured
    assert engine.ask("柳北区专版里的森林覆盖率，是多少？").refused
    # a running total is the year's figure when no whole year or district is asked
    assert engine.ask("2019年柳江区为企业提供了多少亿元的金融担保？").short_answer == "4亿元"
    # ... but not when what the year actually achieved is asked ("累计……完成固定资产投资200亿元" is 新城's over years)
    assert engine.ask("2019年柳江区的关键工程实际落地的投资有多少？").short_answer != "200亿元"
    # a plan described by how much it asks, ended by a question mark, is an ask of its own
    assert engine.ask("柳江区2020年地区生产总值定了增长多少的目标？2019年实际增长了多少？").short_answer == "6.5%以上；5%"
    # a plain 价值 names no kind of measure: a company's value created is its 产值
    assert engine.ask("志格空调1到3月创造了多少价值？").short_answer == "1.5亿元"
    # the city's side keeps the year said after the district: its figure of that year is asked
    assert split_question("柳江区2023年和柳州市的经济增速，哪个快？", places)[1] == "2023年柳州市的经济增速是多少？"
    assert split_question("柳江区2019年和2023年，哪个时段固定资产投资涨得更快？", places)[0] == "柳江区2019年固定资产投资增长了多少？"


def test_a_count_asked_with_its_scale_finds_the_figure_said_with_it(engine):
    # "多少万亩" asks 万亩, which the figure says as a number, a scale and a unit ("18.73万亩")
    for unit, sentence, figure in (("万亩", "累计划定甘蔗保护区18.73万亩，", "18.73万亩"), ("万人", "受惠学生3.26万人，", "3.26万人"),
                                   ("万吨", "粮食产量12.5万吨。", "12.5万吨")):
        assert [c.text for c in candidates(sentence, expected(f"有多少{unit}？"))] == [figure]
    assert expected("一共多少万个娃享受到了补助？").unit == "人"  # a count of people, not money
    assert engine.ask("2019年柳江区累计划定的甘蔗保护区有多少万亩？").short_answer == "18.73万亩"
    assert engine.ask("2019年柳江区有多少万个娃娃吃上了营养餐补助？").short_answer == "3.26万人"


def test_words_that_begin_with_a_counter_are_not_counted_in_it(engine):
    # "多少款子" asks money, "多少本地企业" companies (本 is no counter of books there)
    assert expected("柳北区累计投放了多少款子的桂惠贷？").unit == "元"
    assert expected("柳北区有多少本地企业进了名单？").unit == "家"
    assert expected("图书馆有多少本书？").unit == "本"
    assert expected("收到了多少本来自各地的捐书？").unit == "本" and expected("收藏了多少本地方志？").unit == "本"
    assert expected("一共拨了多少款项？").unit == "元"
    assert engine.ask("柳北区累计投放了多少款子的桂惠贷？").short_answer == "52.25亿元"
    assert engine.ask("柳北区有多少本地企业进入柳州市千企科技创新工程重点企业名单？").short_answer == "19家"


def test_households_asked_in_everyday_words_are_counted_in_households(engine):
    assert expected("还剩多少人家没摆脱穷困？").unit == "户"
    assert expected("班上有多少人家里有电脑？").unit == "人"  # people, whose homes have one
    assert expected("有多少家商户？").unit == "家"  # shops are counted in 家
    assert expected("新成立了多少家农户互助经营组织？").unit == "家"  # the bodies are counted
    assert engine.ask("2020年柳江区还要让多少人家脱贫？").short_answer == "277户"  # not the 734人 of the same task


def test_heads_said_in_everyday_words_are_asked_by_their_title(engine):
    # a government said without its level is the level of the place named; a party body's head is its 书记
    assert expected("柳北区下企业帮老板解难的那位政府一把手叫什么？").title == "区长"
    assert expected("柳北区党组织最高负责人是谁？").title == "书记"
    assert expected("自治区工商联那位党内头号人物叫什么？").title == "书记"
    assert expected("柳州市政府的一把手是谁？").title == "市长"
    assert expected("柳州市柳江区那位政府一把手是谁？").title == "区长"  # the place named last before it
    assert expected("在社区走访的那位政府一把手是谁？").title == ""  # 社区 is no level of government
    assert expected("那位政府负责人是谁？").title == "负责人"
    assert engine.ask("柳北区下企业帮老板解难的那位政府一把手叫什么？").short_answer == "石中华"
    assert engine.ask("带队去粤港澳大湾区招商的柳北区党组织最高负责人是谁？").short_answer == "刘俊"
    assert engine.ask("自治区工商联那位党内头号人物叫什么？").short_answer == "雷永达"  # not 叶俊, who spoke


def test_the_most_of_a_kind_is_read_from_the_sentence_saying_which_is_the_most(engine):
    answer = engine.ask("柳江区城管整治校园周边时，发现卖哪类食品的流动摊贩数量居首？")
    assert not answer.refused and answer.text.startswith("整治过程中，执法人员发现，附近售卖油炸食品的流动摊贩最多")


def test_the_size_of_the_economy_is_money(engine):
    assert expected("柳州全市经济总量最后是多少？").unit == "元" and expected("柳州GDP是多少？").unit == "元"
    assert engine.ask("柳州市2024年全年的经济总量是多少？").refused  # only the half year's is given, no count of firms


def test_a_measure_said_after_the_second_side_is_both_sides(engine):
    places = engine.settings.places
    assert split_question("柳江区2019年和2023年的经济总盘子比，差了多少钱？", places) == [
        "柳江区2019年的经济总盘子是多少钱？", "柳江区2023年的经济总盘子是多少钱？"]
    assert said_with_bi("柳江区2023年和2022年的同期比，增长了多少？") == "柳江区2023年比2022年的同期增长了多少？"
    assert said_with_bi("柳江区经济总量2023年和全市的平均数比，多了多少？").startswith("柳江区经济总量2023年比全市")
    answer = engine.ask("柳江区2019年和2023年的经济总盘子比，差了多少钱？")
    assert answer.text.startswith("2019年比2023年多8.14亿元")


def test_a_phrase_said_in_the_documents_words_counts_as_said(engine):
    # "贫困人口占……的比重" is 贫困发生率 (a "=" row), "买东西" names 社会消费品零售总额, "减负让利" 减税降费:
    # a sentence saying them says the question's words, and outranks one that shares its plain words
    assert engine.ask("到2019年底，柳江区贫困人口占农村人口的比重降到了多少？").short_answer == "0.15%"  # not 92.9%
    assert engine.ask("2019年柳江区的老百姓在商店超市里掏腰包买东西，全年加起来花了多少钱？").short_answer == "60.7亿元"
    assert engine.ask("2019年柳江区给商家减负让利一共让了多少钱？").short_answer == "2.46亿元"  # not the 5144万元 of 社保


def test_what_a_count_counts_follows_it():
    from qa.answering.answer_types import subject_window
    sentence = "推进滨江西中学、新白露中心校等7个新建、改扩建项目建设,教育资源配置更加均衡"
    seven = next(c for c in candidates(sentence, expected("有几个项目？")) if c.text == "7个")
    lo, hi = subject_window(sentence, seven)
    assert sentence[lo:hi] == "推进滨江西中学、新白露中心校等7个新建、改扩建项目建设"
    long_tail = "谋划实施180项涵盖柳江新城建设、工业园区开发、民生保障“四大板块”的重大项目建设"
    many = next(c for c in candidates(long_tail, expected("有几项？")) if c.text == "180项")
    assert long_tail[slice(*subject_window(long_tail, many))] == "谋划实施180项涵盖柳江新城建设"


def test_a_figure_the_question_names_points_to_the_sentence_saying_it(engine):
    # "那140个重点项目": the sentence saying 140个 tells their total investment, not another's 9.82亿元
    assert engine.ask("2025年柳江区那140个重点项目，前前后后一共要砸进去多少钱？").short_answer == "484.44亿元"
    # said with its unit: "10万台" is not "10余名工人"
    answer = engine.ask("2025年柳江区有一家厂头三个月就造出了10万台给冷气机里压气那个核心家伙配套用的马达，"
                        "全年还打算做到50万台，这家厂叫什么名字？")
    assert "青山绿水" not in (answer.short_answer or "")


def test_the_two_sides_of_a_comparison_measure_one_thing(engine):
    # 2019年's everyday words fit 工业总产值394.6亿元, 2023年's 地区生产总值: 2019年 is asked again in 2023年's words
    answer = engine.ask("柳江区2019年全区一年产出的总价值，比2023年多了多少？")
    assert answer.text.startswith("2019年比2023年多8.14亿元") and "302.4亿元" in answer.text
    # 柳江区's side fits 引进新项目……总投资, 柳北区's 区外境内到位资金: 柳江区's is asked in 柳北区's words
    answer = engine.ask("从区外但还在国内拉来、真正到账的投资，柳北区打造“四个柳北”那年比柳江区2023年多了多少亿元？")
    assert answer.text.startswith("柳北区比柳江区多13.31亿元")
    # 4家 入围瞪羚企业培育库 and 13家 新增规模以上工业企业 measure two things; "多添了几家" asks the difference
    assert engine.ask("柳江区上了“大个头”门槛的新厂子，2019年比2023年多添了几家？").text.startswith("2019年比2023年多6家")


def test_a_comparison_reads_rough_figures_and_everyday_ways_of_more():
    from qa.answering.multipart import verdict
    from qa.answering.verify import facts
    assert {f.value for f in facts("投入8400多万元")} == {84_000_000}  # the 多 before 万 is read past
    places = ("柳江区",)
    assert verdict("柳江区往学校硬件上砸的钱，2019年跟2023年比哪年多？",
                   [("柳江区2019年是多少？", "8400多万元"), ("柳江区2023年是多少？", "5500万元")], places) == "2019年更多：8400多万元"
    assert verdict("乡下人收入涨得快慢，柳江区2019年和2023年比，哪年涨得猛？",
                   [("柳江区2019年增长了多少？", "10%"), ("柳江区2023年增长了多少？", "5%")], places) == "2019年更猛：10%"


def test_a_value_asked_as_where_a_change_ended_is_read_from_a_sentence_saying_so(engine):
    # "降到了多少": "全区贫困发生率由1.08%下降至0.15%" says where the rate ended; "报销比例达92.9%" says no change
    assert engine.ask("到2019年底，柳江区穷困人口在总人口里所占的比例降到了多少？").short_answer == "0.15%"


def test_people_and_areas_said_in_everyday_words_are_counted_in_their_units():
    assert expected("2019年柳江区又有多少乡下劳力离开田地，到别处找到了新活干？").unit == "人"
    assert expected("柳江区2019年违章乱盖的房子，一年扒掉了多少平方？").unit == "平方米"
    assert expected("面积有多少平方公里？").unit == "平方公里"


def test_a_year_said_by_an_event_right_after_its_place_is_scope(engine):
    places = engine.settings.places
    # "柳北区开二十大那年" names a side, not a figure of its own: both sides ask the coverage rate
    assert split_question("普惠幼儿园的覆盖率，柳江区2023年和柳北区开二十大那年比，哪个区更高？", places) == [
        "普惠幼儿园的覆盖率，柳江区2023年是多少？", "普惠幼儿园的覆盖率柳北区开二十大那年是多少？"]
    # ... nor is "开二十大" what the question measures
    assert engine.ask("柳北区开二十大那年新引进项目多少个？").short_answer == "56个"


def test_a_side_is_asked_again_with_its_own_scope_in_the_other_sides_words(engine):
    from qa.answering.sides import _asked, borrowed
    places = engine.settings.places
    assert borrowed("便宜又靠谱的那种幼儿园覆盖柳北区开十一届三次全会那年是多少？", "普惠性幼儿园覆盖率达多少",
                    places) == "柳北区开十一届三次全会那年普惠性幼儿园覆盖率达多少？"
    assert borrowed("柳江区2020年定的预期目标是多少？", "地区生产总值增长多少以上", places) == \
        "柳江区2020年预期目标地区生产总值增长多少以上？"  # a plan stays a plan
    # the figure asked is the short answer's own number, not one it begins ("47个" is no 4个)
    assert _asked("项目47个，其中4个完工", "4") == "项目个,其中多少个完工"
    assert _asked("投入8400多万元完善基础设施", "8400") == "投入多少万元完善基础设施"


def test_a_difference_is_read_in_the_way_the_question_says_it(engine):
    from qa.answering.multipart import verdict
    places = engine.settings.places
    sides = [("柳江区2023年是多少？", "294.26亿元"), ("柳江区2019年是多少？", "302.4亿元")]
    # the 大 of "大概" is no way of more: "少了多少" is
    assert verdict("柳江区的地区生产总值，2023年比2019年大概少了多少？", sides, places) == "2023年比2019年少8.14亿元"
    # ... and the question is split into its two years though 大概 stands before the way
    answer = engine.ask("柳江区的地区生产总值，2023年比2019年大概少了多少？")
    assert answer.text.startswith("2023年比2019年少8.14亿元")
    assert verdict("柳江区规上企业，2023年比2019年少建了多少家？",
                   [("柳江区2023年是多少？", "7家"), ("柳江区2019年是多少？", "13家")], places) == "2023年比2019年少6家"


def test_two_sides_naming_two_measures_are_not_asked_in_each_others_words(engine):
    import jieba
    from qa.answering.sides import _asks_one_measure
    places = engine.settings.places
    # 工业总产值 and 地区生产总值 share three characters, no word
    assert not _asks_one_measure("柳江区2019年工业总产值是多少？", "柳江区2023年地区生产总值是多少？", places,
                                 jieba.lcut_for_search)
    assert _asks_one_measure("柳江区2019年引来的新项目个数是多少？", "柳北区2023年新引进的项目是多少？", places,
                             jieba.lcut_for_search)
    # an abbreviation the synonym table spells out asks the measure it stands for
    assert _asks_one_measure("柳江区2019年的固投是多少？", "柳江区2023年的固定资产投资是多少？", places, engine.tokenizer)
    assert not _asks_one_measure("柳江区2019年的固投是多少？", "柳江区2023年的地区生产总值是多少？", places, engine.tokenizer)


def test_a_clause_asked_again_leaves_out_the_other_sides_time_and_level():
    from qa.answering.sides import _asked
    assert _asked("1-3月新增规上企业3家", "3") == "新增规上企业多少家"  # 3 of 1-3月 is no figure
    assert _asked("全市投入200余万元", "200") == "投入多少万元"


def test_figures_are_read_with_their_own_units(engine):
    from qa.answering.answer_types import Expected, candidates, said_as_end_value
    from qa.answering.verify import facts
    assert {f.value for f in facts("收购生猪100多千克")} == {100}  # 千 of 千克 is no scale
    assert expected("那片地占地多少平方千米？").unit != "平方米"
    reached = "医疗费用报销比例达到92.9%"  # 达到 says a level, not where a change ended
    assert [said_as_end_value(reached, c) for c in candidates(reached, Expected(AnswerKind.PERCENT),
                                                                engine.settings.places)] == [False]


def test_a_sides_scope_is_its_place_year_and_year_asides_only(engine):
    from qa.answering.sides import scope_of
    places = engine.settings.places
    assert scope_of("柳江区（不含开发区）2019年地区生产总值是多少？", places) == "柳江区2019年"
    assert scope_of("柳北区（区委十一届三次全会回顾年度）的项目是多少？", places) == "柳北区（区委十一届三次全会回顾年度）"
    assert scope_of("柳北开二十大那年新引进项目多少个？", places) == "柳北开二十大那年"


def test_land_dates_of_effect_and_file_numbers_asked_in_everyday_words(engine):
    assert expected("2019年柳江新城那边从村民手里收回来多少地？").unit == "亩"
    assert expected("柳江区有多少地方通了公交？").unit != "亩"
    assert expected("柳州有多少地铁站？").unit != "亩"
    assert expected("到2019年底贫困人口的比重压到了百分之几？").end_value
    # 施行 said as 管事: the day the regulation applies, not the day of the press conference
    assert engine.ask("柳州那部管新能源车充电桩的地方法规，从哪天起正式管事？").short_answer == "2024年8月1日"
    # ... only of a law (a 规矩 is one): a company that starts to manage asks no law's start
    assert expected("柳州那部管电动车加电桩子的地方规矩，从哪天起开始管事？").takes_effect
    assert not expected("小区的新物业公司什么时候开始管事？").takes_effect
    assert expected("那部条例哪一年开始管事？").takes_effect
    # a file's number asked with a comma before 编号, or as 几号文
    assert engine.ask("柳江区把2020年政府工作报告发下去的红头文件，编号是啥？").short_answer == "江政发〔2020〕5号"
    assert engine.ask("柳江区政府转发2020年政府工作报告用的红头文件是几号文？").short_answer == "江政发〔2020〕5号"


def test_the_other_side_named_as_the_same_item_asks_the_first_sides_measure(engine):
    assert split_question("柳北区2022年的到位资金，比柳江区2023年的同一项多出多少？", engine.settings.places) == [
        "柳北区2022年的到位资金是多少？", "柳江区2023年的到位资金是多少？"]


def test_tax_cuts_and_school_retention_said_in_everyday_words(engine):
    # 减税降费 said as money businesses no longer hand over; 巩固率 as children who do not drop out
    assert engine.ask("2019年柳江区让老板们少往上交的钱一共有多少？").short_answer == "2.46亿元"
    assert engine.ask("2019年柳江区的娃娃读完九年书、不中途退下来的比例是多少？").short_answer == "98.9％"


def test_a_place_short_name_inside_an_event_does_not_cut_the_measure(engine):
    # 城中 (城中区's short name) inside 城中村 overlaps 柳北区's event year: the measure stays
    assert split_question("柳北区城中村改造完成那年的地区生产总值和柳江区2023年的地区生产总值相比，哪个高？",
                          engine.settings.places) == ["柳北区城中村改造完成那年的地区生产总值是多少？",
                                                      "柳江区2023年的地区生产总值是多少？"]
    assert expected("这份文件中的项目编号是多少？").head != "文号"


def test_a_place_named_only_to_say_a_year_by_its_meeting_pins_no_place(engine):
    # 柳北区's meeting says which year; the city's figure is asked, and only 柳北区's is stated
    question = "柳北区委十一届三次全会回顾的那一年，柳州全市规上企业研发经费投入是多少？"
    assert engine.answerer()._read(question).scope.places == {"柳州市"}
    assert engine.ask(question).refused
    assert engine.ask("柳北区委十一届三次全会回顾的那一年，柳北区规上企业研发经费投入是多少？").short_answer == "6.68亿元"
    # ... but a city named by a list's name is no scope: 柳北区's count is asked
    answer = engine.ask("柳北区委十一届三次全会回顾的那一年，区里有多少家企业进入柳州市千企名单？")
    assert answer.short_answer == "19家"


def test_a_word_glued_to_a_particle_is_no_paraphrase_of_what_is_measured(engine):
    # "电等" (路、水、电等配套) is no word of the documents: the next rarest word (片区, 配套) must be said,
    # and 规模以上工业总产值360亿元 says neither
    question = "2019年柳江区往工业片区的路、水、电等配套上砸了多少钱？"
    assert engine.answerer()._read(question).specific == "片区"
    assert "360亿元" not in engine.ask(question).text


def test_hours_and_photographers_asked_in_everyday_words():
    assert expected("那个自助办事的地方一天能开几个钟头？").unit == "小时"
    assert expected("一天能开多少个小时？").unit == "小时"
    assert expected("有几个钟楼？").unit == "个"
    assert expected("招了几个小时工？").unit == "个"
    assert expected("那张照片署名拍的人是谁？").title == BYLINE
    assert expected("照片里拍的人是谁？").title != BYLINE  # who is shown, not who took it


def test_a_year_said_only_as_the_reports_pins_no_year_of_its_facts(engine):
    # "2020年初的政府工作报告说": the report's year; its 2019 review says 2018年度's honour
    answer = engine.ask("柳江区2020年初的政府工作报告说，区里又一次拿下“广西科学发展先进县”称号，那是算哪一年度的？")
    assert answer.short_answer == "2018年"
    places = Settings().places
    assert Scope.of("据2020年1月柳江区政府工作报告，柳江新城一共投了多少？", places).source_only
    # a year said as the fact's too still pins it, and a 报告期 is no report
    assert not Scope.of("据2020年柳江区政府工作报告，2020年地区生产总值目标是多少？", places).source_only
    assert not Scope.of("柳江区2020年底报告期内地区生产总值是多少？", places).source_only


def test_a_growth_asked_against_a_year_is_not_that_years_growth(engine):
    # 2020's growth over 2019 is asked: 2019's own growth (增长5%) is another year's figure
    assert engine.ask("2020年柳江区的经济总量最后实际比2019年涨了百分之几？").refused
    assert engine.ask("2019年柳江区地区生产总值比2018年增长了百分之几？").short_answer == "5%"
    # ... also when the year before leads ("与2018年相比，"): one growth, not the two years' figures
    answer = engine.ask("与2018年相比，2019年柳江区地区生产总值增长了百分之几？")
    assert answer.short_answer == "5%" and len(answer.citations) == 1


def test_a_count_pointed_at_is_no_second_ask(engine):
    # "那几个露天灯光球场" points at what the money went to; it does not ask how many there are
    question = "2019年柳江区体育中心升级改造的那几个露天灯光球场，一共投入了多少钱？"
    assert split_question(question, engine.settings.places) == [question]
    answer = engine.ask(question)
    assert answer.short_answer == "600多万元" and len(answer.citations) == 1


def test_a_school_named_by_its_number_is_answered_only_from_a_passage_naming_it(engine):
    # the sports centre's 600多万元 is no school's spending on its street lamps (the reports give none)
    assert engine.ask("柳州市第四十一中学门前新装的那几盏太阳能路灯，一共花了多少钱？").refused
    assert engine.ask("四十一中门口装那7盏路灯一共花了多少钱").refused
    # ... while the passage that names the school answers what it states
    assert engine.ask("柳州市第四十一中学门前的路段装了几盏太阳能路灯？").short_answer == "7盏"
    # ... and not of another number that the name holds ("第四中学" is no 第四十一中学)
    assert engine.ask("柳州市第四中学门前的路段装了几盏太阳能路灯？").refused
    assert engine.ask("柳州市第41中学门前新装的那几盏太阳能路灯，一共花了多少钱？").refused
    # a news story may name its schools after its opening paragraph, which answers
    assert engine.ask("在柳江区实验高中、柳江二中门口整治流动摊点的是哪个部门？").short_answer == "柳江区城管执法局"


def test_a_preamble_the_question_points_back_at_stays(engine):
    # "这个说法" points at the term the preamble names: without it nothing says what is asked about
    question = "政府报告里老提“四好农村路”，我想知道这个说法最早是哪一天提出来的？"
    assert plain_question(question, engine.settings.places) == question
    assert "3月4日" in engine.ask(question).short_answer
    # ... while a preamble that only introduces the asker still goes
    assert plain_question("我是记者，想了解一下：柳江区2019年地区生产总值是多少？") == "柳江区2019年地区生产总值是多少？"


def test_a_school_number_is_read_whole():
    from qa.chinese import school_numbers
    assert school_numbers("柳州市第四十一中学门前") == school_numbers("四十一中有多少学生") == school_numbers("第41中学") == {41}
    assert school_numbers("柳州市第四中学") == {4} and school_numbers("柳州四十中门口") == {40}
    # 中 beginning another word, or a number that is part of another one, names no school
    assert not any(school_numbers(t) for t in ("其中", "集中", "初中", "高中", "第一中心", "三中全会", "十月中旬", "五一中的游客",
                                               "十九届二中全会"))
    assert school_numbers("对实验高中、柳江二中等学校周边的流动摊点") == {2}


def test_na_ji_ending_a_clause_is_still_an_ask(engine):
    # 那几 typed for 哪几: at the end of a clause, or after 是/有, it asks which
    assert len(split_question("柳北区2023年新增规上企业多少家，分别是那几家？", engine.settings.places)) == 2


def test_a_contest_of_who_does_better_asks_nothing(engine):
    # "比谁更讲礼貌、更守规矩" names the contest; only "在哪里举行" asks
    question = "2024年柳州那场比谁更讲礼貌、更守规矩的比赛，决赛在哪里举行？"
    assert split_question(question, engine.settings.places) == [question]
    assert engine.ask(question).short_answer == "市融媒体中心1号演播厅"


def test_what_is_said_before_a_colon_is_no_side_of_a_comparison(engine):
    # "对比家乡和全市：" says why the asker asks; the question after it asks one figure
    question = "老师让我们对比家乡和全市：2024年上半年柳州全市的地区生产总值是多少？"
    assert split_question(question, engine.settings.places) == [question]
    assert engine.ask(question).short_answer == "1472.3亿元"
    answer = engine.ask("我们在做比较：柳江区2023年和柳北区的普惠性幼儿园覆盖率相比，哪个区更高？")
    assert answer.short_answer.startswith("柳江区更高") and len(answer.citations) == 2


def test_a_statement_before_a_question_of_its_own_is_no_part_of_it(engine):
    places = engine.settings.places
    question = "柳北区高新技术企业保有量为52家；柳江区2019年新增国家级高新技术企业多少家？"
    assert plain_question(question, places) == "柳江区2019年新增国家级高新技术企业多少家？"
    assert engine.ask(question).short_answer == "9家"
    # 柳北区's 5家 (of its 瞪羚 firms) answers nothing about 柳江区's firms, and 柳江区's "突破50家" is no exact count
    assert engine.ask("柳北区高新技术企业保有量为52家；柳江区2019年国家级高新技术企业的确切数量是多少家？").refused
    # ... but a question pointing back at the statement, or leaning on it, keeps it
    assert plain_question("柳江区2019年地区生产总值是302.4亿元。那柳北区呢？", places).startswith("柳江区2019年")


@pytest.mark.parametrize("question, short", [
    ("柳江区2019年的地区生产总值比2023年多出来多少亿元？", "2019年比2023年多8.14亿元"),  # 多出来: a difference
    ("柳江区的固定资产投资，2019年跟2023年比，哪年涨得更猛啊？", "2023年更猛：18.7%"),  # 涨得: the growth rates
    ("普惠性幼儿园覆盖率，柳江区2023年和柳北区比，哪边高呀？", "柳江区更高：91.95%"),  # a particle after the way word
])
def test_comparisons_in_everyday_words(engine, question, short):
    answer = engine.ask(question)
    assert answer.short_answer.startswith(short) and len(answer.citations) == 2


def test_kinds_asked_in_everyday_words():
    # an award's grade is a name ("二等奖"), a day asked with 几号 a date, a time of day asked with 几点 no date
    assert expected("柳州市工人医院在礼仪大赛中得了几等奖？").kind is AnswerKind.NAME
    assert expected("那次年中工作会议是几号开的？").kind is AnswerKind.DATE
    time_asked = expected("征兵宣传公交专线首班车几点发车？")
    assert time_asked.kind is AnswerKind.DATE and time_asked.unit == "时"
    assert expected("市委书记提出了几点要求？").kind is not AnswerKind.DATE
    assert expected("柳州上半年经济增速在全区排老几？").kind is AnswerKind.RANK
    # the head of a works said as 厂子 is its 负责人
    assert expected("做酸嘢的那家厂子，管事的人叫什么？").title == "负责人"
    # 安排着花 spends money: no plan is asked, while 安排 of a year's work is one
    from qa.chinese import ASKS_TARGET
    assert not ASKS_TARGET.search("能自己安排着花的钱有多少？") and ASKS_TARGET.search("2020年工作安排了多少个项目？")


def test_answers_of_the_kind_asked(engine):
    assert engine.ask("柳州市工人医院在2024年柳州文明市民礼仪大赛中得了几等奖？").short_answer == "二等奖"
    # the reports give no time of day: the bus line's sentence is no answer to when it starts
    assert engine.ask("征兵宣传公交专线首班车几点发车？").refused
    # an average is never a total ("区外境内到位资金98.9亿元" is no one's disposable income)
    assert engine.ask("柳北区城镇居民一年平均能花的钱是多少？").refused
    assert engine.ask("2019年柳江区城镇居民平均一年可支配收入多少？").short_answer == "37522元"
    # "安排着花的钱" is what the government spends of its own revenue, not a plan: the 2023 estimate answers
    assert engine.ask("2023年柳江区政府自己收上来、能自己安排着花的钱有多少？").short_answer == "10.44亿元"


def test_places_that_are_no_answer():
    # every town is no town, and the city that begins a school's name is not where the school is
    assert not candidates("加强与柳江各镇瓜果蔬菜基地的合作", expected("那家公司在哪个镇？"))
    found = candidates("柳州市第四十一中学位于柳江区拉堡镇翠林社区辖区", expected("那所中学在哪里？"))
    assert found and "柳州市" not in [c.text for c in found]
    # ... while a district that begins a school's name says where the school is
    teams = "经过激烈角逐,柳南区实验小学等5支队伍获一等奖,柳北区半岛花园社区和雅儒社区等10支队伍获三等奖。"
    assert "柳南区" in [c.text for c in candidates(teams, expected("那所实验小学是哪个区的？"))]


def test_a_school_named_by_its_number_in_digits_pins_no_city(engine):
    # "柳州41中" names the school (柳州市第四十一中学, in 柳江区), not the city as the place asked about
    assert engine.ask("柳州41中门口那条路有多长？").short_answer == "280米左右"


@pytest.mark.parametrize("question, short", [
    ("2024年上半年柳州全市经济一共创造了多少财富？", "1472.3亿元"),  # 财富: 地区生产总值
    ("柳州征兵宣传公交专线一年大概有多少人次乘坐？", "130多万人次"),  # 乘坐: 客流量
    ("柳北区（区委十一届三次全会通报那年）政府花的钱里，用在老百姓日常保障上的有几成？", "93.6%"),  # 日常保障: 民生
    ("2019年柳江区警方办成了多少起跟违禁药物有关的大案？", "113起"),  # 违禁药物: 毒品
])
def test_everyday_words_of_the_latest_probes(engine, question, short):
    assert engine.ask(question).short_answer == short


def test_a_hard_battle_is_a_campaign(engine):
    # "四场硬仗" are the note's "四大战役": the note answers
    answer = engine.ask("柳江区2020年报告附注里说广西2019年打响的“四场硬仗”是哪四个？")
    assert "义务教育保障" in answer.text and "四大战役" in answer.text


def test_a_table_titled_with_its_sections_year_is_of_that_year(engine):
    # "柳州市柳江区2020年为民办实事项目" stands under "二、2020年工作安排": its rows are 2020's plans, not 2019's results
    row = next(c for c in engine.ready().iter_chunks() if "全民健身路径点20" in c.text)
    assert row.scope_years == ("2020",) and row.scope_kind == "target"
    assert engine.ask("2019年柳江区建了多少个全民健身路径点？").refused
    assert engine.ask("柳江区2020年为民办实事要建多少个全民健身路径点？").short_answer == "20个"


def test_the_notes_heading_is_no_answer(engine):
    # "名词解释：" opens the notes and says nothing: a question about a note is not answered with it
    answer = engine.ask("那份2020年报告最后面的名词解释里，说要建三个馆加一个宫，那个宫到底是什么宫？")
    assert not answer.text.startswith("名词解释")


def test_a_shortened_quote_keeps_the_clause_that_says_whose_figure_it_is(engine):
    # asked in other words, the quote is cut around the clauses the question matches; it still begins where the
    # answer's clause begins ("破获毒品刑事案件113起"), not at the figure ("……113起")
    answer = engine.ask("2019年柳江区警方办成了多少起跟违禁药物有关的大案？")
    assert answer.short_answer == "113起" and "……破获毒品刑事案件113起" in answer.text


def test_which_one_asked_with_you_is_one_thing_not_a_list(engine):
    # "有哪个校区" asks one name (有哪些 a list): the school group's new campus is named
    assert expected("柳江二中教育集团在2019年有哪个校区建成办学？").kind is AnswerKind.NAME
    assert "思贤校区" in engine.ask("柳江二中教育集团在2019年有哪个校区建成办学？").short_answer
    # "哪个城区" asks a district, and "那家……公司所在的是哪条大道" a road, not a firm
    assert expected("作交流发言的是哪个城区？").kind is AnswerKind.PLACE and expected("作交流发言的是哪个城区？").head == "区"
    assert expected("那家农业科技公司所在的是哪条大道？").kind is not AnswerKind.ORG
    assert expected("那家农业科技公司所在的是哪一个镇？").kind is AnswerKind.PLACE
    assert expected("区长到哪个城市招商？").head == ""  # (城 of 城区 only: a city is not asked as a 市)
    # a programme's "优势区" is no district
    assert not candidates("并成功创建三都香葱广西特色农产品优势区", expected("承办赛事的是哪个城区？"))


def test_a_town_said_by_its_short_name_in_a_part_of_it():
    from qa.chinese import town_said
    assert town_said(frozenset({"进德镇"}), "宜柳高速进德互通开工建设")
    assert not town_said(frozenset({"进德镇"}), "推进德治、法治、自治")


def test_a_name_listed_shares_what_the_list_says(engine):
    # "百朋镇、穿山镇获评自治区卫生镇": 百朋镇 is the one named with 穿山镇, not 进德镇 of the clause before
    assert engine.ask("2019年与穿山镇一同获评自治区卫生镇的是哪个镇？").short_answer == "百朋镇"
    from qa.answering.answer_types import item_weight
    listed = "百朋镇、穿山镇、进德镇获评自治区卫生镇"
    assert item_weight(listed, Candidate(0, 3, "百朋镇", AnswerKind.PLACE), {listed.index("卫生镇"): 1.0}, shared=True) == 1.0
    # the only project said with the town asked is the one asked
    assert engine.ask("成团镇2025年有哪个市级项目正在热火朝天地施工？").short_answer == "市废旧锂电池资源化综合利用项目"


def test_a_count_asked_with_shu_counts_things(engine):
    # "项目数有多少个": 数 says a count is asked; 25项 of 实现开工项目 answers, and a difference against 16个 is in 项
    assert engine.ask("柳江区2020年计划实现开工的重大项目数有多少个？").short_answer == "25项"
    answer = engine.ask("柳江区2020年计划实现开工的重大项目数，比柳北区（区委十一届三次全会前夕报道）正式开工建设的项目多几个？")
    assert answer.short_answer.startswith("柳江区比柳北区多9项")


def test_comparisons_that_share_their_measure_or_ask_by_how_much(engine):
    places = Settings.from_env().places
    # "A与B分别提出的……目标": what follows 分别 is each side's
    question = "柳江区2020年政府工作报告与柳江区委2024年全会分别提出的地区生产总值增长预期目标，哪一个更高？是多少？"
    assert all("地区生产总值增长预期目标" in p for p in split_question(question, places))
    # ... and so is a year said before 分别 when the first side names none
    assert all("2023年" in p for p in split_question("柳江区与柳北区2023年分别完成的固定资产投资，哪个更多？", places))
    assert engine.ask(question).short_answer.startswith("2020年更高：6.5%以上")
    # which is more, and by how much
    assert engine.ask("柳江区2019年和2023年的地区生产总值，哪一年更多？多出多少亿元？").short_answer.startswith(
        "2019年更多：302.4亿元，多8.14亿元")
    # the second side names the first's measure by its last word ("……的增速")
    answer = engine.ask("2024年上半年柳州全市地区生产总值的增速，和柳江区2023年全年的增速比，哪个快？快多少？")
    assert answer.short_answer.startswith("柳江区2023年全年更快：2.1%，快0.7个百分点")
    # the topic said first is the other side's too when that side only names where its figure is told; and
    # "谁多几家" asks which and by how much
    sides = split_question("城镇新增就业，柳江区2019年和柳北区全会那篇比，哪边多", places)
    assert len(sides) == 2 and sides[1].startswith("城镇新增就业，柳北区")
    assert engine.ask("进瞪羚培育库的企业，柳江2019年和柳北区全会那篇说的比，谁多几家").short_answer.startswith(
        "柳北区更多：5家，多1家")


def test_parallel_asks_share_the_subject_not_the_first_deed():
    parts = split_question("柳江区2020年计划的那180项重大项目里，年内要开工几项、竣工几项、继续推进几项？",
                           Settings.from_env().places)
    assert len(parts) == 3 and all("180项重大项目" in p for p in parts) and not any("开工" in p for p in parts[1:])
    # a measure and its growth are no parallel deeds: the growth is the measure's
    growth = split_question("柳江区2023年，财政收入多少、增长多少？", Settings.from_env().places)
    assert "财政收入" in growth[1]


def test_a_district_said_short_and_points_said_short():
    places = Settings.from_env().places
    assert plain_question("平价幼儿园覆盖率，柳江2023年跟柳北区比哪边高？", places).startswith("平价幼儿园覆盖率，柳江区2023年")
    assert plain_question("柳江那家做酸嘢的公司在哪？", places).startswith("柳江那家")  # where a firm is, said loosely
    assert plain_question("柳江区2023年经济涨幅比柳州市2024年上半年高几个点？", places).endswith("高几个百分点？")
    # (a common word is no district, and points counted are no percentage points)
    assert plain_question("住在城中和乡下的孩子各有多少？", places) == "住在城中和乡下的孩子各有多少？"
    assert plain_question("柳江区2023年一共建了多少个点？", places).endswith("多少个点？")


def _left_out(engine, question: str, said: str) -> set:
    """Why the sentences holding ``said`` were left out for ``question``."""
    from qa.answering.extractive import normalize
    rejected = []
    engine.answerer().evidence(question, engine.retrieve(question), rejected)
    return {left.why for left in rejected if said in normalize(left.text)}


def test_figures_of_one_day_one_firm_or_one_head(engine):
    from qa.answering.extractive import Rejection, _days_said
    # a day the question names: a figure of another day's article is no answer ("考察企业19家")
    day = "2025年4月16号里高那场招工会，厂子们一共拿出多少个活？"
    assert Rejection.DAY in _left_out(engine, day, "考察企业19家")
    assert engine.ask(day).short_answer in ("", "1518个")
    # ... a cut-off or a start is no event's day
    assert not _days_said("截至2023年12月31日，地区生产总值是多少？", pinned_only=True)
    assert not _days_said("《条例》8月1日起施行，共几章？", pinned_only=True)
    # a firm named by its short name: the district's total is not its output
    firm = "2025年头三个月，柳江区志格那家做冷气机的厂子，造出来的货一共值多少钱？"
    assert Rejection.OTHER_BODY in _left_out(engine, firm, "规上工业总产值34亿元")
    assert engine.ask(firm).short_answer == "1.5亿元"
    assert engine.ask("问一下志格那家做冷气机的厂子，2025年1到3月造出来的货一共值多少钱？").short_answer == "1.5亿元"
    # one person's income a year, one bag's price: no total answers
    income = "柳江2023年城里人一人一年到手收入具体多少钱？"
    assert Rejection.PER_UNIT in _left_out(engine, income, "一般公共预算收入10.44亿元") and engine.ask(income).refused
    price = "柳江那家酸野厂的酸野一袋卖多少钱？"
    assert Rejection.PER_UNIT in _left_out(engine, price, "年营业额超2000万元") and engine.ask(price).refused
    # an outcome asked ("达成了就业意向") is not told by who came ("吸引400余名求职者进场应聘")
    outcome = "2025年4月16日里高镇那场招聘会上，最后有多少求职者和企业达成了就业意向？"
    assert Rejection.MEASURES_ELSE in _left_out(engine, outcome, "400余名") and engine.ask(outcome).refused
    # the people described, then counted: visitors, not scenic spots
    assert engine.ask("请问群里的各位，2019年那一年到咱柳江区观光游玩的人，一共来了多少？").short_answer == "454万人次"
    # a government's head is its 区长, a committee's its 书记, said as 坐头把交椅 too
    assert engine.ask("柳北区政府坐头把交椅的是谁？").short_answer == "石中华"


def test_a_bridge_asks_its_second_step_of_the_thing_named():
    from qa.answering.multipart import Bridge
    step = Bridge("开展志愿服务活动的是哪个镇？", "2019年哪条高速公路在该镇的互通开工建设？")
    assert step.about("进德镇") == "2019年哪条高速公路在进德镇的互通开工建设？"
    assert Bridge("……的是哪所中学？", "其教育集团有哪个校区？").about("柳江二中") == "柳江二中教育集团有哪个校区？"
    # the year of the description, said again as 当年
    assert Bridge("2023年承办广西花炮邀请赛的是哪个城区？", "当年共接待游客多少万人次？").about("柳江区") \
        == "柳江区2023年共接待游客多少万人次？"


@pytest.mark.parametrize("question, short", [
    ("2019年柳江老外投进来的钱真正到手多少？", "3443万美元"),  # 老外: 外资
    ("2023年柳江给大伙弄出多少个能干活的位子？", "1.58万个"),  # 干活的位子: 岗位
    ("娃，帮我看看，柳江区2023年公家自己收进口袋的钱一共多少？", "10.44亿元"),  # 收进口袋: 一般公共预算收入
    ("柳北区党委坐头把交椅的是谁？", "刘俊"),  # 头把交椅: a head (a committee's is its 书记)
    ("请问2019年咱柳江区警方一共侦破了多少宗跟那些害人的毒玩意儿有关的大案？", "113起"),  # 侦破: 破获
    ("2025年那个把用坏的电瓶收回来重新派上用场的厂子，是落在柳江哪个镇上盖的？", "成团镇"),  # 电瓶: 锂电池
    ("2024年上半年柳州经济比起头三个月快了一点，这加快的劲头在广西排老几？", "第6位"),  # 劲头: 幅度
])
def test_everyday_words_of_probes_77_to_80(engine, question, short):
    assert engine.ask(question).short_answer == short


def test_a_short_asking_clause_said_whole_in_a_figures_own_item(engine):
    # "年内要开工几项": 25项 of 实现开工项目, not 竣工26项 (whose item is too short and borrows the clause before)
    assert engine.ask("柳江区2020年计划的那180项重大项目里，年内要开工几项？").short_answer == "25项"
    parts = engine.ask("柳江区2020年计划的那180项重大项目里，年内要开工几项、竣工几项、继续推进几项？").text
    assert parts.startswith("（1）25项") and "（2）26项" in parts


def test_people_described_before_a_comma_and_then_counted(engine):
    answer = engine.ask("2019年柳江区乡下念书的娃娃，中午能吃上公家贴钱加的饭菜的，一共有多少个？")
    assert answer.short_answer == "3.26万人"
    # people said for whom something was set up: what was set up is counted
    assert expected("为方便群众，在各社区新设的，一共有多少个？").unit == "个"


def test_which_typed_by_voice_as_that(engine):
    places = Settings.from_env().places
    voiced = "2025年柳江那边当官的是那天跑去新兴工业园盯那几个大工程的？"
    assert "是哪天跑去" in plain_question(voiced, places) and "盯那几个" in plain_question(voiced, places)
    assert engine.ask(voiced).short_answer == "3月12日"
    # a question asking otherwise keeps its demonstrative ("是那天的事" is that day), and so does a time pointed at
    assert "是那天" in plain_question("柳江区领导调研新兴工业园，是那天的什么活动？", places)
    for said in ("那条高速也是那年通车的，一共有几个出口？", "就是那年建成的那座大桥，有多长？", "我说的是那年的",
                 "不是那天，是第二天"):
        assert plain_question(said, places) == said


def test_a_quote_reaches_the_clause_that_says_what_is_asked(engine):
    # "哪个山洞已经打穿了": the clause of 隧道 and 贯通 (the table's words for 山洞, 打穿), past a clause of nothing asked
    answer = engine.ask("梧州去乐业那条高速，鱼峰到宜州这段2025年哪个山洞已经打穿了")
    assert "旁勒隧道左洞顺利贯通" in answer.text


def test_days_months_and_decades_asked(engine):
    assert expected("玉秋静在那个会上讲去年那份总结，是几号讲的").kind is AnswerKind.DATE
    month = expected("柳北是几月被国家管学校的部门挑中的？")
    assert month.kind is AnswerKind.DATE and month.unit == "月"
    assert expected("这个项目建了几个月？").kind is not AnswerKind.DATE  # a length of time
    assert expected("今年前几月外贸进出口总额增长了多少？").kind is AnswerKind.PERCENT  # months counted, not one asked
    assert expected("这次发布的是几号公告？").kind is not AnswerKind.DATE  # a notice's number
    assert engine.ask("玉秋静去柳江一届人大四次那个会上讲去年那份总结，是几号讲的").short_answer == "2020年1月8日"
    assert engine.ask("柳北是几月被国家管学校的部门挑中，当读书条件城乡一样好的带头区的？").short_answer == "4月"
    # a decade is a date ("20世纪60年代初")
    assert engine.ask("报告后面附的小注里讲到的“枫桥经验”，最早是什么时候被搞出来的？").short_answer == "20世纪60年代初"


def test_a_run_of_places_each_in_the_one_before_is_one_place(engine):
    assert engine.ask("枫桥经验是在什么地方创造的？").short_answer == "浙江省绍兴市诸暨县枫桥镇"
    where = expected("在什么地方？")
    assert [c.text for c in candidates("浙江省绍兴市诸暨县枫桥镇干部群众", where)] == ["浙江省绍兴市诸暨县枫桥镇"]
    # two places are not yet a run ("柳州市柳江区": a city and its district), and a town asked is the town
    assert [c.text for c in candidates("柳州市柳江区人民政府", where)] == ["柳州市", "柳江区"]
    assert [c.text for c in candidates("浙江省绍兴市诸暨县枫桥镇干部群众", expected("在哪个镇？"))] == ["枫桥镇"]
    # an honour after the places is no level of them
    assert "获评广东省深圳市宝安区文明村" not in [c.text for c in candidates("该村获评广东省深圳市宝安区文明村", where)]


def test_who_leads_a_task_is_a_body(engine):
    assert expected("2020年新兴工业园平安园区建设项目由谁牵头？").kind is AnswerKind.ORG
    assert expected("这个项目的负责人是谁？").kind is AnswerKind.PERSON
    assert expected("项目管理团队由谁牵头？").kind is AnswerKind.PERSON  # a team's leader is a person
    answer = engine.ask("我打算把厂开在新兴工业园。2020年柳江区在园子里搞治安、保太平的那件实事，是谁挑头负责的？")
    assert answer.short_answer == "区开发区管委会"


def test_said_to_be_planned_is_a_plan(engine):
    question = "2020年柳江区说要让佛山、中山那边过来的做冰箱洗衣机的厂赶紧开起来，这批已经谈妥签了字的一共有几个？"
    assert asks_for(question) == (False, False)  # a plan (说要) and a state (已经): neither kind rejected
    assert asks_for("2020年柳江区说要新开工多少个项目？") == (False, True)
    assert engine.ask(question).short_answer == "15个"


def test_sides_named_by_their_report_and_a_difference_asked_with_ji(engine):
    places = Settings.from_env().places
    assert "跟柳北区那篇里" in plain_question("柳江2023年从外地拉进来的钱，跟柳北那篇里一年拉进来的比，哪个多？", places)
    assert engine.ask("柳江2023年新拉来的项目个数和柳北那篇里新引进的项目，差了几个").text.startswith("柳江区比柳北区多15个")
    # "柳北区年终总结里说的全年数": the first side's measure, as that report gives it
    assert engine.ask("柳江区2023年从外地拉到手的投资款，跟柳北区年终总结里说的全年数比，两边差了多少？").text.startswith(
        "柳江区比柳北区少13.31亿元")


def test_a_person_named_then_referred_to(engine):
    from qa.answering.multipart import resolved
    text = engine.ask("2025年柳江区政府那边的头号人物叫啥？他带人去了哪几个省找老板来投资？").text
    assert text.startswith("（1）李团") and "浙江、江苏、安徽、湖北" in text.split("（2）")[1]
    # 他 refers to a person only, and 其他 refers to no one
    assert resolved("他带人去了哪几个省？", "李团", person=True) == "李团带人去了哪几个省？"
    assert resolved("他带人去了哪几个省？", "柳江区") is None
    assert resolved("其他镇的增速是多少？", "拉堡镇", person=True) is None


def test_the_year_before_asked_after_a_figure(engine):
    from qa.answering.followup import rewrite_by_rules
    places = Settings.from_env().places
    assert rewrite_by_rules("前一年呢？", "柳北区规上企业研发经费投入有多少？", places) == "柳北区规上企业研发经费投入上一年度有多少？"
    # the figure asked last ("有几家规上企业，产值多少": the output)
    assert rewrite_by_rules("前一年呢？", "柳江区有几家规上企业，产值多少？", places) == "柳江区有几家规上企业，产值上一年度多少？"
    text = engine.ask("柳北那些大厂砸在搞新技术上的钱有多少？前一年呢？").text
    assert text.startswith("（1）6.68亿元") and text.split("（2）")[1].startswith("4.89亿元")


def test_a_price_of_one_mu_or_one_kilowatt_hour(engine):
    from qa.answering.extractive import Rejection
    land = "在柳江区新兴工业园拿工业用地，一亩地要多少钱？"
    assert Rejection.PER_UNIT in _left_out(engine, land, "投入5亿元") and engine.ask(land).refused
    assert engine.ask("柳江区工厂用电一度电多少钱？").refused
    from qa.answering.extractive import PER_UNIT_ASKED
    assert not PER_UNIT_ASKED.search("那片一百零一亩地卖了多少钱？") and not PER_UNIT_ASKED.search("房价一度涨到多少钱？")


@pytest.mark.parametrize("question, short", [
    ("柳江白莲大道那家作酸野的厂，管事的叫啥名字", "谢连珍"),  # 酸野: 酸嘢, 管事的: 负责人
    ("柳江到2023年已经连着几年没出过造白粉的案子了", "5年"),  # 造白粉: 制毒
    ("2019年柳江乡下那种网上买东西的代收点开了多少个？", "125家"),  # 代收点: 站点
    ("2019年柳江一共来了多少人去耍", "454万人次"),  # 去耍: 旅游
    ("2019年柳江推倒了多少平米不合规的乱盖房", "83.6万平方米"),  # 乱盖房: 两违
    ("2019年柳江区给开店、跑运输这些第三行当真正发到手的帮衬钱有多少？", "457.6万元"),  # 第三行当, 帮衬钱, 发到手
    ("2019年柳江区帮厂子在电费、请工人、换设备这几样开销上，一共给省下了多少钱？", "1.3亿元"),  # 请工人, 换设备
    ("柳西新城临时接手的那支管理队伍，带头的人叫什么名字？", "莫柳燕"),  # 临时接手: 应急物业
    ("2024年柳州专门给螺蛳粉厂和粉店提供做粉用料的上游厂家，现在一共有多少家？", "163家"),  # 上游厂家: 原材料配套
])
def test_everyday_words_of_probes_81_to_84(engine, question, short):
    assert engine.ask(question).short_answer == short


def test_a_level_is_no_town_and_there_is_the_town_named(engine):
    from qa.answering.multipart import Bridge
    scope = Scope.of("组织镇级单位和村（社区）开展“我为柳江洗刷刷”志愿服务的是哪个镇？", Settings.from_env().places)
    assert not scope.towns and not scope.localities  # 镇级, 村（社区）: levels, not names
    step = Bridge("……的是哪个镇？", "2019年有一条高速公路在当地的互通开工建设，是哪条高速？")
    assert step.about("进德镇") == "2019年有一条高速公路在进德镇的互通开工建设，是哪条高速？"
    answer = engine.ask("组织镇级单位和村（社区）开展“我为柳江洗刷刷”志愿服务的那个镇，2019年有一条高速公路在当地的互通开工建设，"
                        "是哪条高速？")
    assert answer.text.startswith("（1）进德镇") and "宜柳高速进德互通" in answer.text


def test_comparisons_asked_again_of_the_winner_or_of_a_coverage(engine):
    places = Settings.from_env().places
    # "更多的那年是多少": the winner's figure, which the verdict gives
    assert split_question("柳江区招商引资引进的项目总投资，2019年和2023年哪一年更多？更多的那年是多少亿元？", places)[1] \
        == "柳江区招商引资引进的项目总投资2023年是多少？"
    # a growth target said first, then each year's: a rate
    assert expected("柳江区固定资产投资增长的预期目标，2020年是多少？").kind is AnswerKind.PERCENT
    assert engine.ask("柳江区固定资产投资增长的预期目标，2020年和2024年哪年定得更高？是多少？").text.startswith("2020年更高：13%")
    # "铺得更开": the higher coverage
    assert engine.ask("柳江区2023年和柳北区（十一届三次全会回顾那年）比，谁家那种平价幼儿园铺得更开？").text.startswith(
        "柳江区更高：91.95%")


def test_a_road_asked_is_answered_by_a_roads_name(engine):
    # "在哪条路上": a road's name, without what leads to it ("笔者走进位于柳江区"), not the village the sentence names
    assert expected("那家酸嘢厂开在哪条路上？").kind is AnswerKind.NAME
    assert engine.ask("柳江区做酸嘢的那家农业科技公司开在哪条路上？").short_answer == "白莲大道"
    assert engine.ask("2019年柳江区哪条路跟柳江大道连通了？").short_answer == "马平路"
    # a sentence that names no road does not answer
    assert engine.ask("柳江区的红蜂驿站在哪条路上？").refused
    assert engine.ask("柳北区的科创大厦在哪条街上？").refused
    assert engine.ask("柳州市第四十一中学在哪条路上？").refused  # "学校门前道路安装了路灯" names no road
    assert expected("门口那条路修到了哪个镇？").head == "镇"  # a town asked of a road


def test_staff_counted_need_a_sentence_about_staff(engine):
    # "为30余人答疑解惑" counts those served, "完成37人上门认证" says no staff
    answer = engine.ask("里高镇便民服务中心有几名工作人员？")
    assert answer.refused
    from qa.answering.extractive import STAFF_ASKED
    assert STAFF_ASKED.search("一共来了多少个志愿者") and not STAFF_ASKED.search("社区干部挨家挨户跑了两周，最后有多少户同意")
    assert STAFF_ASKED.search("有多少名专职网格员") and not STAFF_ASKED.search("每位老师有多少学生？")


def test_a_name_the_documents_quote_must_be_said(engine):
    # the documents write “桂惠贷” in quotes, a name a sentence must say (read as typed: jieba cuts "靠桂惠贷给" into 靠桂惠 + 贷给)
    assert engine.ask("柳江区靠桂惠贷给企业放出去多少钱？").refused  # only 柳北区's report says it
    assert engine.ask("柳北区靠桂惠贷给企业放出去多少钱？").short_answer == "52.25亿元"
    from qa.answering.extractive import quoted_names
    names = quoted_names(engine.answerer().index)
    assert {"桂惠贷", "梨刻办"} <= names and "钱袋子" not in names  # a figure of speech ("守好自己的“钱袋子”。") names nothing
    assert engine.ask("2019年柳江区城里人的钱袋子有多少钱？").short_answer == "37522元"


def test_points_months_and_counters_said_in_everyday_words(engine):
    # "占几个点": a share in points ("铺了多少个点" counts outlets); "开春头三个月": the first quarter; "多少件工程":
    # counted as 个 or 项
    places = Settings.from_env().places
    assert plain_question("2019年柳江城区没活干的人占几个点？", places) == "2019年柳江城区没活干的人占几个百分点？"
    assert engine.ask("2019年柳江城区找不到活干的人占几个点？").short_answer == "3.41%"
    assert engine.ask("2019年柳江区的村邮乐购一共铺了多少个点？").short_answer == "125家"
    assert Scope.of("2025年开春头三个月，志格公司产值多少？", Settings.from_env().places).periods == {"一季度"}
    assert Scope.of("柳江区2025年头一季度投资涨了多少？", Settings.from_env().places).periods == {"一季度"}
    assert engine.ask("柳江区盖房修路、添置设备的投资增速，2023年全年与2025年头一季度相比，哪个更快？").text.startswith(
        "2025年头一季度更快：31.9%")
    assert engine.ask("2023年柳江区为了乡村振兴一共办了多少件工程？").short_answer == "122个"
    assert expected("决赛上台的有几伙人？").unit == "伙"
    assert engine.ask("2019年柳江区打掉了几伙犯罪团伙？").short_answer == "35个"  # 伙 counted in 个


def test_how_long_asked_as_hao_and_a_story_word_is_no_measure(engine):
    places = Settings.from_env().places
    assert plain_question("第四十一中学门口那条路有好长？", places) == "第四十一中学门口那条路有多长？"
    assert plain_question("这条路有好长啊", places) == "这条路有好长啊"  # said, not asked
    text = engine.ask("柳州市第四十一中学门口那条路有好长？后来装了几盏灯？").text
    assert text.startswith("（1）280米左右") and "（2）7盏" in text


def test_dollars_asked_need_dollars(engine):
    assert engine.ask("柳江区2023年真正用上的外国老板的钱，有多少美元？").refused  # "到位资金85.59亿元" is no 美元 figure
    assert engine.ask("2019年柳江区实际利用外资多少美元？").short_answer == "3443万美元"


def test_a_shrink_asked_and_which_side_asked_as_yibian(engine):
    assert engine.ask("柳江区地区生产总值2023年比2019年缩了多少亿？").text.startswith("2023年比2019年少8.14亿元")
    assert engine.ask("普惠性幼儿园覆盖率，柳江区2023年和柳北区总结里的相比，哪一边更高？").text.startswith("柳江区更高")


def test_a_name_asked_of_what_is_described_is_one_question(engine):
    from qa.answering.multipart import bridge
    assert bridge("柳西新城小区后来进驻的那家应急物业，公司全名叫什么？") is None


@pytest.mark.parametrize("question, short", [
    ("2019年来柳江区耍的人一共有多少人次？", "454万人次"),  # 耍的人: 游客
    ("2019年柳江区帮多少户人家把摇摇欲坠、住着提心吊胆的老屋修缮妥当了？", "1579户"),  # 摇摇欲坠: 危房
    ("柳州给新能源车补电那套地方规矩，是从哪天起开始作数的？", "2024年8月1日"),  # 补电, 作数: 施行
    ("2019年柳江区天朗气清的日子占了多少？", "88.6%"),  # 天朗气清: 空气优良率
    ("2019年柳江区的孩子读书没掉队的比例是多少？", "98.9％"),  # 没掉队: 巩固率
    ("2019年柳江区给来耍的人新起、翻修的公共茅房有几个？", "9座"),  # 来耍: 游客, 茅房: 厕所
    ("请问2019年柳江区有哪一所学堂，被评为举国教书育人行当里的模范单位？", "壮校附小"),  # 模范单位: 先进集体
    ("2019年柳江区从海外引来的洋钱，真正落袋的有多少？", "3443万美元"),  # 洋钱: 外资
    ("柳江区白莲大道上那家专做酸辣腌果子的商号，掌柜的是哪一位？", "谢连珍"),  # 掌柜: 负责人
    ("2025年柳江区为非中共的学问人专门搭台、挂上牌子的那场活动，是在哪一天？", "4月17日"),  # 非中共: 党外, 学问人: 知识分子
    ("2019年柳江区清理私搭乱盖的房子有多大面积？", "83.6万平方米"),  # 私搭乱盖: 两违
    ("柳江区2020年替百姓办的好事当中，打算在乡下新盖几处供乡亲们就近办事的综合场所？", "17个"),  # 就近办事
])
def test_everyday_words_of_probes_85_to_88(engine, question, short):
    assert engine.ask(question).short_answer == short


def test_a_title_conferred_and_a_bus_line_asked_in_other_words(engine):
    # "被教育部确定为……先行创建区": a title conferred, asked as a 名头 after saying which report tells it
    assert engine.ask("柳北区委十一届三次全会那篇报道里，教育部给了柳北区一个什么名头？").short_answer == "全国义务教育优质均衡先行创建区"
    assert engine.ask("2024年柳州做征兵宣传的公交是哪一路车？").short_answer == "3路"


def test_a_deputy_is_not_the_head_asked(engine):
    # "公司常务副总经理李子斌说": a deputy, though 副总经理 is not a title of its own
    assert engine.ask("柳江区志格空调公司的总经理是谁？").refused
    assert engine.ask("柳州市志格空调有限公司常务副总经理是谁？").short_answer == "李子斌"
    # ... nor the head a deputy asked
    said = "市人大常委会主任刘传林、副主任梁日春出席发布会。"
    assert [c.text for c in candidates(said, expected("市人大常委会副主任是谁？"))] == ["梁日春"]
    assert [c.text for c in candidates(said, expected("市人大常委会主任是谁？"))] == ["刘传林"]


def test_a_firm_named_by_its_own_name(engine):
    # the registered firms of the documents ("市志格空调有限公司"), said by their own name without 有限公司
    from qa.answering.extractive import firm_names
    names = set(firm_names(engine.answerer().index, Settings.from_env().places))
    # (without what leads to them: "走进广西", "在市", "三六一度核心供应商", "柳州")
    assert {"志格空调", "庆达精密机械", "青山绿水农业科技", "桂卓体育用品", "柳工挖掘机"} <= names
    # "柳江区完成规上工业总产值34亿元", after 志格's story, is the district's figure
    assert engine.ask("2025年柳江区志格空调开年前三个月，造出来的货总共值多少钱？").short_answer == "1.5亿元"
    # an idiom that begins a firm's name names no firm ("守护青山绿水，" is no 青山绿水农业科技)
    assert engine.answerer()._firm_named("柳江区守护青山绿水，2023年实施了多少个乡村振兴项目？") == ""
    assert engine.answerer()._firm_named("青山绿水那家酸嘢公司去年卖了多少钱？") == "青山绿水"


def test_a_class_of_firms_is_not_what_is_measured(engine):
    # 规上 says which firms are counted; 研发 is what: "规上工业总产值34亿元" says nothing of it
    assert engine.ask("柳江区的规上企业一年在搞研发上一共砸了多少钱？").refused
    assert engine.ask("柳北区规上企业研发经费投入了多少？").short_answer == "6.68亿元"


def test_a_quarters_figure_is_no_whole_years(engine):
    # "一季度生产10万台" in its own clause; "计划年产50万台" is a plan, not what was made
    assert engine.ask("广西庆达精密机械2025年全年到底造出了多少台空调压缩机电机？").refused
    assert engine.ask("广西庆达精密机械有限公司全年计划生产多少台空调压缩机电机？").short_answer == "50万台"
    assert engine.ask("2025年柳江区庆达那家做冷气机里头小马达的厂，头三个月做了多少台？").short_answer == "10万台"
    # a firm's head quoted before his name ("“……项目土地流转仅用2个月时间就完成了……”桂林力源……总经理黄龙巍说")
    assert engine.ask("桂林力源粮油食品集团在柳江投资落地时，拿地手续前后用了多久？").short_answer == "2个月"


def test_a_phone_number_asked_needs_a_phone_number(engine):
    from qa.answering.answer_types import PHONE
    want = expected("里高镇便民服务中心的办事电话是多少？")
    assert want.kind is AnswerKind.NAME and want.head == PHONE
    assert [c.text for c in candidates("市民可拨打12345政务服务热线或0772-7212345咨询，共服务12345人。", want)] == [
        "12345", "0772-7212345"]
    assert engine.ask("里高镇便民服务中心的办事电话是多少？").refused  # "通过电话沟通，累计为30余人答疑解惑"
    assert expected("通过电话沟通服务了多少人？").kind is AnswerKind.AMOUNT
    assert expected("12345热线几号开通？").kind is AnswerKind.DATE and expected("12345热线多少件工单办结了？").unit == "件"
    assert candidates("新建厂房12000平方米，服务12345户。", want) == []  # figures, no number called a phone's


def test_one_item_of_a_figures_list_is_not_its_total(engine):
    # "机械制造、物流运输、食品加工、家政服务等领域的岗位1518个" counts all four
    assert engine.ask("2025年4月里高镇那场招聘会上，食品加工方面的岗位具体有多少个？").refused
    assert engine.ask("2025年4月里高镇那场招聘会上，食品加工方面的岗位一共有多少个？").refused
    assert engine.ask("2025年4月里高镇那场招聘会一共提供了多少个岗位？").short_answer == "1518个"


def test_pay_is_money(engine):
    assert expected("岗位月薪一般开多少？").unit == "元"
    assert engine.ask("2025年里高镇那场招聘会，岗位月薪一般开多少？").refused  # "吸引400余名求职者" counts people


@pytest.mark.parametrize("question, short", [
    ("我家娃超爱吃酸嘢，柳江白莲大道那家做酸嘢的公司现在能卖多少样品种？", "53种"),  # 多少样品种: kinds, no 样品
    ("2023年柳江区一共帮大家张罗了多少份能去上班的活儿？", "1.58万个"),  # 份 of 活儿 described first
])
def test_everyday_words_of_probes_89_to_92(engine, question, short):
    assert engine.ask(question).short_answer == short


def test_what_the_question_names_must_be_what_the_figure_is_of(engine):
    # "收上来的钱": 上 of a direction is no 规上 ("规上企业研发经费投入6.68亿元")
    assert engine.ask("柳北区政府自己一年收上来的钱有多少？").refused
    # “红蜂驿站” is a name the documents quote before 等 (only 柳江区's report says it)
    assert engine.ask("柳北区给外卖骑手搭的红蜂驿站这种歇脚点有几个？").refused
    # "2020年柳江搞……": 柳江 said alone after a year is the district (not "同时,柳北区……集团化办学覆盖率达60%")
    places = Settings.from_env().places
    assert plain_question("2020年柳江搞学校抱团，跟着壮校附小一块儿的是哪几所小学？", places).startswith("2020年柳江区搞")
    answer = engine.ask("2020年柳江搞学校抱团，跟着壮校附小一块儿的是哪几所小学？")
    assert all(c.doc == REPORT for c in answer.citations)
    # ... but not before 那个 ("2025年柳江那个七个一批……？当年打算……": the second part keeps no 柳江区 of its own)
    assert plain_question("2025年柳江那个七个一批一共多少个工程？", places).startswith("2025年柳江那个")


def test_a_report_named_by_its_year_before_that_report(engine):
    # "2020年那份报告里的“四好农村路”": 2020 is the report's year; its note dates the phrase 2014年3月4日
    places = Settings.from_env().places
    assert Scope.of("柳江2020年那份报告里的“四好农村路”，这口号是哪天头一回喊出来的？", places).source_years == {"2020"}
    assert engine.ask("柳江2020年那份报告里的“四好农村路”，这口号是哪天头一回喊出来的？").short_answer == "2014年3月4日"


def test_which_side_and_by_how_much_asked_one_after_the_other(engine):
    # "哪一年更快？快了多少个百分点？": each side's own growth, then the verdict with the gap
    places = Settings.from_env().places
    assert split_question("柳江区固定资产投资的增长速度，2019年和2023年哪一年更快？快了多少个百分点？", places) == [
        "柳江区固定资产投资的增长速度，2019年是多少？", "柳江区固定资产投资的增长速度2023年是多少？"]
    # (not a superlative's own figure: "哪个镇的人口最多，有多少" asks two things)
    assert len(split_question("柳江区哪个镇的人口最多，有多少？", places)) == 2
    answer = engine.ask("柳江区固定资产投资的增长速度，2019年和2023年哪一年更快？快了多少个百分点？")
    assert answer.text.startswith("2023年更快：18.7%，快5.7个百分点")
    answer = engine.ask("柳江区2025年一季度的固定资产投资增速，和2023年全年相比哪个更快？快多少个百分点？")
    assert answer.text.startswith("2025年一季度更快：31.9%，快13.2个百分点")
    # a side that names only the report its figure is in ("跟柳北区那篇里的比"): the first side's measure there
    answer = engine.ask("柳江区2023年的区外境内到位资金，跟柳北区那篇里的比，差了好多亿？")
    assert answer.text.startswith("柳江区比柳北区少13.31亿元")


def test_money_in_bare_yuan_is_a_figure_per_head(engine):
    # "城镇居民可支配收入37522元，同比增长7%": no 人均 written, yet 37522元 is one resident's
    assert engine.ask("柳江区2019年城镇居民人均可支配收入是多少？").short_answer == "37522元"
    answer = engine.ask("柳江区城镇居民人均可支配收入增速，2019年比2023年高出多少个百分点？")
    assert answer.text.startswith("2019年比2023年高4.5个百分点")
    assert engine.ask("柳江区人均地区生产总值是多少？").refused  # "地区生产总值302.4亿元" is no one's
    # "好多块钱": 块钱 is 元
    assert expected(plain_question("2019年柳江区乡下人一个人一年到手能花的有好多块钱？")).unit == "元"
    assert engine.ask("2019年柳江区乡下人一个人一年到手能花的有好多块钱？").short_answer == "15090元"
    assert engine.ask("柳北区脱了贫的人一年纯收入具体到手好多块钱？").refused  # not "到位资金98.9亿元"
    want = expected("一年到手有多少块钱？")
    assert [c.text for c in candidates("人均可支配收入1.51万元，到位资金98.9亿元。", want)] == ["1.51万元"]


def test_an_exact_figure_asked_in_everyday_words(engine):
    # 准数 and 一个不差 ask for the exact figure, which "突破50家" and "近6.6万人" are not
    assert engine.ask("柳江区2019年手上的国家级高新技术企业，准数到底是多少家？").refused
    assert engine.ask("2024年柳州文明礼仪大赛网上答题，一个不差是多少人参加？").refused
    from qa.answering.extractive import EXACT_ASKED
    assert EXACT_ASKED.search("准数到底是多少家") and not EXACT_ASKED.search("低保标准数额是多少")  # 标准数 is no 准数


def test_where_a_change_started_and_where_it_stands(engine):
    # "原先是百分之几": a figure a change started from ("从原来的5%提升至15%"), not "约占常住人口的30%"
    for question in ("2025年里高镇老人家拿智能机办手续的，原先是百分之几？现在又到了多少？",
                     "里高镇老年人用手机自己办事的比例，原来是多少？现在提高到多少了？"):
        answer = engine.ask(question)  # ... and the later part asks the same percentage where it stands now
        assert answer.text.startswith("（1）5%。") and "（2）15%。" in answer.text
    assert engine.ask("2019年柳江区贫困发生率原来是多少？").short_answer == "1.08%"  # 原来 is no thing measured
    # ... a later part asking 多少 of the same subject asks a percentage too; not one asking "多少户"
    places = Settings.from_env().places
    parts = split_question("柳江区2019年贫困发生率是百分之几？减少了多少户？", places)
    assert "百分之" not in parts[1] and "多少户" in parts[1]


def test_what_only_frames_the_question_is_not_what_is_asked(engine):
    places = Settings.from_env().places
    # "是不是能查到……是多少": a question for the figure, not a yes or no
    assert plain_question("能不能查出柳江区2019年地区生产总值是多少？", places) == "柳江区2019年地区生产总值是多少？"
    question = plain_question("是不是能查到柳北区民生支出占财政支出的比重是多少？", places)
    assert question == "柳北区民生支出占财政支出的比重是多少？" and expected(question).kind is AnswerKind.PERCENT
    assert engine.ask("是不是能查到柳北区民生支出占财政支出的比重是多少？").short_answer == "93.6%"
    # a figure of another year or place given as a reference is not the scope asked
    assert plain_question("与2023年新增13家同口径，柳江区2020年实际新增了多少家规上工业企业？", places) == \
        "柳江区2020年实际新增了多少家规上工业企业？"
    assert engine.ask("柳江区2023年环境空气优良率具体是多少（2019年为88.6%）？").refused
    assert engine.ask("与柳北区高新技术企业保有量52家同口径，柳江区2019年国家级高新技术企业确切有多少家？").refused
    # (a share asked is compared with nothing: "比重" is no 比)
    assert plain_question("柳江区第三产业比重具体是多少（2019年为40.1%）？", places) == "柳江区第三产业比重具体是多少？"
    # "那一批" points at the projects, "准备" says they are planned (准备金 is money, no plan)
    assert asks_for("柳江区2020年准备推的重点大工程") == (False, True) and asks_for("提取风险准备金多少万元") == (False, False)
    assert engine.ask("柳江区2020年准备推的那一批重点大工程，打算当年花进去多少钱？").short_answer == "120.5亿元"


def test_a_name_asked_by_its_place_in_a_list(engine):
    # "柳东新区、融安县、柳江区、城中区主要负责同志先后作交流发言"
    assert engine.ask("2024年柳州市年中工作会议上排第三位作交流发言的是哪个区？").short_answer == "柳江区"
    assert engine.ask("2024年柳州市年中工作会议上紧接融安县之后作交流发言的是哪个区？").short_answer == "柳江区"
    assert engine.ask("2024年市年中工作会议上城中区前面作交流发言的是哪个区？").short_answer == "柳江区"
    answer = engine.ask("2024年柳州市年中工作会议交流发言名单中排第三位的那个区，2025年一季度规上工业总产值完成多少？")
    assert "34亿元" in answer.text
    # a list said in no order counts no position; a span of time after a place is no list neighbour
    from qa.answering.extractive import _list_position_fits
    said = "拉堡镇、百朋镇、成团镇获评自治区卫生镇。"
    assert _list_position_fits("柳江区第二个获评卫生镇的是哪个镇？", said, Candidate(0, 3, "拉堡镇", AnswerKind.PLACE))
    assert len(split_question("柳北区和柳江区之后五年的规划目标增速相比，哪个更高？", Settings.from_env().places)) == 2


def test_the_town_a_road_goes_to_and_the_group_a_note_lists(engine):
    # "土博至板江二级路连接线、里高至拉堡一级路连接线开工建设": 拉堡 (a town the documents name 拉堡镇)
    assert engine.ask("里高镇2019年开工建设的一级路连接线通往哪个镇？").short_answer == "拉堡"
    assert not engine.ask("2019年土博至板江二级路连接线通往哪个镇？").short_answer == "拉堡"
    # "5. 城市建设十大工程：是指……白莲大道工程项目（一期）……": the group the note defines
    answer = engine.ask("柳江区2020年政府工作报告的名词解释中，白莲大道工程项目（一期）属于哪一组工程？")
    assert answer.short_answer == "城市建设十大工程"
    assert engine.ask("区中医医院整体搬迁项目在2020年政府工作报告名词解释中属于哪一组项目？").short_answer == "十大新开工项目"


@pytest.mark.parametrize("question, short", [
    ("2023年柳江区给学堂修房子添家什，花了好多钱？", "5500万元"),  # 家什: 设施
    ("2019年柳江区上小学、初中的孩子，没有半路退学、一直留在学校的比例是多少？", "98.9％"),  # 退学: 控辍保学
    ("2019年7到9月那三个月，柳江区老百姓觉得住得踏不踏实的打分冲上多少，是历来最好？", "98.28%"),
    ("到2023年为止，柳江区有几年都没出过偷偷熬毒品的事了？", "5年"),  # 熬毒: 制毒
    ("2019年柳江区有几多户人家不再算穷人家了？", "1379户"),  # 不再算穷: 脱贫
    ("2023年柳江区往村里那块投了多少上头下来的对接钱？", "1.34亿元"),  # 对接钱: 衔接资金
])
def test_everyday_words_of_probes_93_to_96(engine, question, short):
    assert engine.ask(question).short_answer == short


def test_two_figures_asked_then_compared(engine):
    # "……，柳北区覆盖到多少，柳江区2023年覆盖到多少？哪边高、高多少？": each side's rate (覆盖到多少 asks one), then
    # the verdict with the gap; "后面那年多出多少": the later side less the earlier
    assert expected("带娃上的那种普惠幼儿园，柳北区覆盖到多少？").kind is AnswerKind.PERCENT
    assert expected("这项服务覆盖到多少个村？").unit == "个"
    answer = engine.ask("带娃上的那种普惠幼儿园，柳北区覆盖到多少，柳江区2023年覆盖到多少？哪边高、高多少？")
    assert answer.text.startswith("柳江区更高：91.95%，高0.05个百分点")
    answer = engine.ask("柳江区引进新项目的总投资，2019年多少，2023年多少？后面那年多出多少？")
    assert answer.text.startswith("2023年比2019年多94.7亿元")
    # 新增的价值 is 增加值 ("全市地区生产总值1472.3亿元" is none)
    assert engine.ask("2024年上半年柳州全市那些大厂新增的价值，具体是多少亿元？").refused
    assert engine.ask("2019年柳江区那些大厂新增的价值是多少亿元？").short_answer == "107.6亿元"


def test_a_district_asked_by_a_figure_its_own_report_says(engine):
    # "环境空气优良率88.6%" in 柳江区's 2019 report names no place: the report's district is the one asked, and the
    # second hop is then asked of it (柳北区's研发 figure is no answer for 柳江区)
    assert engine.ask("2019年环境空气优良率为88.6%的是哪个区？").short_answer == "柳江区"
    assert engine.ask("2019年环境空气优良率为99.9%的是哪个区？").refused  # a figure no sentence says
    # a figure is said with its unit, a month is no figure ("第9位" or "9家" is no 9%)
    from qa.answering.extractive import FIGURE_SAID
    assert FIGURE_SAID.findall("2019年3月环境空气优良率达88.6%的是哪个区？") == ["88.6%"]
    from qa.answering.extractive import _own_place
    places = Settings.from_env().places
    said = "……新增国家级高新技术企业9家，国家级高新技术企业突破50家"
    assert [c.text for c in _own_place("2019年新增国家级高新技术企业9家的是哪个区？", said, "区", ("柳江区",), places)] == [
        "柳江区"]
    assert _own_place("2019年新增国家级高新技术企业9%的是哪个区？", said, "区", ("柳江区",), places) == []
    assert _own_place("2019年新增国家级高新技术企业9%的是哪个区？", "预计完成服务业增加值119.1亿元，增长9%。", "区",
                      ("柳江区",), places) == []  # (9% of something else)
    assert _own_place("2019年新增国家级高新技术企业9家的是哪个区？", said, "区", ("柳州市", "柳江区"), places) == []
    assert engine.ask("2019年新增国家级高新技术企业9家的那个区，规上企业研发经费投入是多少亿元？").refused
    assert engine.ask("2019年环境空气优良率为88.6%的那个区，2023年的空气优良率是多少？").refused


def test_a_part_of_the_people_or_the_staff_asked_is_not_everyone_counted(engine):
    assert engine.ask("2019年柳江区接待的境外游客有多少人次？").refused  # "接待游客454万人次" counts them all
    assert engine.ask("2019年柳江区接待游客多少人次？").short_answer == "454万人次"
    assert engine.ask("里高镇便民服务中心有几名帮办代办专员？").refused  # "为30余人答疑解惑" counts who was served
    assert expected("还剩多少个困难人口没有脱贫？").unit == "人"  # 个 of 人口 counts people


def test_a_firm_asked_needs_a_sentence_saying_something_of_it(engine):
    assert expected("那家应急物业，公司全名叫什么？").head == "公司"
    # "科创中心……广西逸云电子科技有限公司……入驻" shares nothing with the 应急物业 asked but the kind
    assert engine.ask("柳西新城小区那家应急物业，公司的全名叫什么？").refused


def test_a_compared_side_named_by_its_document_or_its_scope_alone(engine):
    places = Settings.from_env().places
    assert split_question("城镇新增就业人数，我们柳北区那份材料里的数比柳江区2019年多多少人？", places) == [
        "城镇新增就业人数，柳北区有多少人？", "2019年城镇新增就业人数，柳江区有多少人？"]
    assert engine.ask("城镇新增就业人数，柳北区那份材料里的数比柳江区2019年多多少人？").text.startswith("柳北区比柳江区多7611人")
    # the second side a scope only, the first's with a part of the year: the first's measure
    answer = engine.ask("柳州全市2024年上半年经济增长的速度，跟柳江区2023年全年比，哪个快？")
    assert answer.text.startswith("柳江区2023年全年更快：2.1%")
    # 区委 says who set the target, not what it is
    for other in ("区委2024年定的", "区委给2024年定的"):
        assert split_question(f"柳江区2020年定的地区生产总值增长预期目标，比{other}高几个百分点？", places) == [
            "柳江区2020年定的地区生产总值增长预期目标是多少？", "柳江区2024年定的地区生产总值增长预期目标是多少？"]
    # "多的那年投了多少" asks the winner's figure again: the verdict gives it (a growth asked of it stays)
    assert split_question("柳江区新引进项目的总投资，2019年和2023年哪年更多？多的那年投了多少？", places) == [
        "柳江区新引进项目的总投资，2019年是多少？", "柳江区新引进项目的总投资2023年是多少？"]
    assert all("增长" in part for part in split_question(
        "柳江区新引进项目的总投资，2019年和2023年哪年更多？多的那年同比增长了多少？", places))
    # a document named with its year keeps the year; a document said in a question asking no comparison stays
    assert split_question("城镇新增就业，柳北区那份2023年总结里的全年数比柳江区2019年多多少？", places)[0].startswith(
        "城镇新增就业，柳北区那份2023年总结")
    assert split_question("柳北区这份材料中少了哪一项内容？", places) == ["柳北区这份材料中少了哪一项内容？"]


@pytest.mark.parametrize("question, short", [
    ("2019年柳江区一共有多少户甩掉了穷根？", "1379户"),  # 穷根: 脱贫
    ("2019年柳江区给企业省下了多少本该上缴给国家的钱？", "2.46亿元"),  # 减税降费
    ("2019年柳江区为了让农村喝上放心水，建了几处工程？", "34处"),  # 放心水: 饮水安全
])
def test_everyday_words_of_probes_97_to_100(engine, question, short):
    assert engine.ask(question).short_answer == short


def test_a_count_of_other_things_is_not_the_count_asked(engine):
    # "以……三个突破年活动为抓手" counts the campaigns, not the 工程 asked ("涉及“七个一批”项目140个")
    assert expected("一共排上了多少个要干的工程？").counted == "工程"
    assert engine.ask("2025年柳江区抓项目的那个“突破年”活动，排上了多少个要干的工程？").short_answer == "140个"
