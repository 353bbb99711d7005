"""Retrieval finds known passages; answers quote the fact with citations; refusals."""
from __future__ import annotations

import re

import pytest

from qa.answering.extractive import REFUSAL_TEXT
from qa.answering.answer_types import expected
from qa.chinese import Scope
from qa.records import AnswerKind
from qa.config import RetrievalMode
from qa.errors import QuestionError
from qa.chinese import squash
from conftest import seed_text

KNOWN = [
    ("2019年柳江区地区生产总值是多少？", "002_00d87999ceab6728.txt", "302.4亿元"),
    ("柳北区高新技术企业保有量是多少家？", "004_45388f9687e1de59.txt", "52家"),
    ("“七个一批”项目总投资多少？", "000_2391c0775fbe62e1.txt", "484.44亿元"),
    ("2024年上半年柳州全市地区生产总值是多少？", "003_3f693bc4a2eb37b8.txt", "1472.3亿元"),
    ("柳江区2024年地区生产总值预期增长目标是多少？", "001_d3f18a84a51546c7.txt", "4.5%以上"),
]


@pytest.mark.parametrize("mode", list(RetrievalMode))
@pytest.mark.parametrize("question, doc, fact", KNOWN)
def test_retrieval_finds_the_known_passage(engine, mode, question, doc, fact):
    passages = engine.retrieve(question, k=5, mode=mode)
    assert len(passages) == 5
    assert [p.score for p in passages] == sorted((p.score for p in passages), reverse=True)
    assert any(p.doc == doc and fact in p.text for p in passages), [p.text[:40] for p in passages]


@pytest.mark.parametrize("question, doc, fact", KNOWN)
def test_answer_quotes_the_fact_with_a_citation_into_the_original(engine, question, doc, fact):
    answer = engine.ask(question)
    assert not answer.refused
    assert fact in answer.text and re.search(r"\[1\]", answer.text)
    cited = answer.citations[0]
    assert cited.doc == doc
    lo, hi = cited.highlight
    original = seed_text(doc)
    assert cited.start <= lo < hi <= cited.end
    assert squash(fact) in squash(original[lo:hi])  # the highlighted original holds the fact
    qlo, qhi = cited.quote
    assert squash(cited.text[qlo:qhi]) == squash(original[lo:hi])
    # every marker points into the citation list
    assert {int(n) for n in re.findall(r"\[(\d+)\]", answer.text)} == set(range(1, len(answer.citations) + 1))


def test_the_year_in_the_question_picks_the_right_report(engine):
    a2019 = engine.ask("柳江区2019年地区生产总值是多少？")
    a2023 = engine.ask("柳江区2023年完成的地区生产总值是多少？")
    assert "302.4亿元" in a2019.text and "294.26亿元" not in a2019.text
    assert "294.26亿元" in a2023.text and a2023.citations[0].doc == "001_d3f18a84a51546c7.txt"


@pytest.mark.parametrize("question", [
    "北京冬奥会中国队获得了多少枚金牌？",
    "柳江区2019年末常住人口有多少？",
    "柳江区2019年专利授权量是多少件？",
])
def test_out_of_corpus_question_is_refused_with_related_reading(engine, question):
    answer = engine.ask(question)
    assert answer.refused and answer.text == REFUSAL_TEXT
    assert answer.citations == () and len(answer.related) >= 1


@pytest.mark.parametrize("question, note, quoted", [
    # the district's 454万人次 is not 柳北区's: the refusal says what the documents do say
    ("柳北区2019年全年接待游客多少万人次？", "另一年份、时段或地区", "全区接待游客454万人次"),
    ("柳江新城累计开工建设的项目具体有多少个？", "只有约数", "累计开工建设项目60多个"),
])
def test_a_refused_near_miss_says_what_the_documents_say_instead(engine, question, note, quoted):
    answer = engine.ask(question)
    assert answer.refused and answer.citations == ()
    assert answer.text.startswith(REFUSAL_TEXT) and note in answer.text and quoted in answer.text
    nearest = answer.related[0]  # the quoted statement is the first related passage, highlighted
    assert quoted in nearest.text[nearest.quote[0]:nearest.quote[1]]


@pytest.mark.parametrize("bad, message", [("", "问题为空"), ("   ", "问题为空"), ("柳" * 10000, "问题太长")])
def test_bad_questions_get_a_clear_message(engine, bad, message):
    with pytest.raises(QuestionError, match=message):
        engine.ask(bad)


def test_question_analysis():
    assert expected("柳江区2019年地区生产总值是多少？").kind is AnswerKind.AMOUNT
    assert expected("会议是哪天召开的？").kind is AnswerKind.DATE
    assert expected("柳北区的区委书记是谁？").kind is AnswerKind.PERSON
    scope = Scope.of("2024年上半年柳州经济怎么样", ("柳州市", "柳江区"))
    assert scope.years == {"2024"} and scope.places == {"柳州市"}


def test_public_api_functions(engine, monkeypatch):
    import qa

    monkeypatch.setattr(qa, "_engine", engine)
    answer = qa.ask("柳北区高新技术企业保有量是多少家？")
    assert isinstance(answer, qa.Answer) and "52家" in answer.text
    passages = qa.retrieve("柳北区高新技术企业", k=3)
    assert len(passages) == 3 and all(isinstance(p, qa.Passage) for p in passages)
    p = passages[0]
    assert p.doc and p.paragraph >= 1 and p.end > p.start and p.text and p.score > 0
    stream = qa.ask("柳北区高新技术企业保有量是多少家？", stream=True)
    pieces = list(stream)
    assert all(isinstance(x, str) for x in pieces) and "52家" in "".join(pieces)
    assert isinstance(stream.answer, qa.Answer) and stream.answer.text == "".join(pieces)
    assert pieces[0] == "52家"  # the short answer streams first, then the quote
