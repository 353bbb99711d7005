"""Questions people actually type: summaries, English, abbreviations (on the real corpus)."""
from __future__ import annotations

import pytest

from qa.answering.english import ENGLISH_HINT, is_english, to_chinese
from qa.answering.summary import SUMMARY_NOTE, is_summary_request, topic_of
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
])
def test_everyday_periods_and_growth_compared_are_split_right(engine, question, short_start, figures):
    answer = engine.ask(question)
    assert answer.text.startswith(short_start) and all(f in answer.text for f in figures), answer.text
