"""The citation verifier on hand-made generated answers."""
from __future__ import annotations

from decimal import Decimal

from qa.records import Passage
from qa.answering.verify import Fact, facts, supporting_sentence, verify

GDP = Passage(doc="002.txt", paragraph=16, start=0, end=100, chunk_id=1,
              text="初步预计，2019年全区完成地区生产总值302.4亿元，增长5%；规模以上工业增加值107.6亿元。",
              header="政府工作报告｜柳江区｜2019年、2020年")
TECH = Passage(doc="004.txt", paragraph=17, start=0, end=60, chunk_id=2,
               text="目前,柳北区高新技术企业保有量52家,5家企业进入广西瞪羚企业培育库。")
PASSAGES = [GDP, TECH]


def test_right_number_passes():
    result = verify("2019年柳江区地区生产总值302.4亿元，增长5%[1]。", PASSAGES)
    assert result.ok and result.kept == 1 and result.repaired == 0 and not result.dropped
    assert result.text == "2019年柳江区地区生产总值302.4亿元，增长5%[1]。"
    assert result.citations == [GDP]


def test_wrong_number_is_caught_and_dropped():
    result = verify("2019年柳江区地区生产总值320.4亿元[1]。", PASSAGES)
    assert not result.ok and result.dropped == ["2019年柳江区地区生产总值320.4亿元。"]


def test_wrong_citation_is_repaired_to_the_passage_holding_the_figure():
    result = verify("柳北区高新技术企业有52家[1]。", PASSAGES)
    assert result.ok and result.repaired == 1
    assert result.text == "柳北区高新技术企业有52家[1]。" and result.citations == [TECH]


def test_invalid_marker_and_uncited_claims():
    result = verify("柳北区高新技术企业有52家[7]。这是一个没有依据的说法[2]。", PASSAGES)
    assert result.invalid_markers == 1
    assert result.citations == [TECH] and result.kept == 1
    assert "没有依据" in result.dropped[0]


def test_units_full_width_and_spaces_are_normalised():
    assert Fact(Decimal("30240000000"), False) in facts("302.4 亿元")
    assert facts("3024000万元") == facts("302.4亿元")
    assert facts("增长５％") == {Fact(Decimal(5), True)}
    result = verify("地区生产总值为3024000万元[1]。", PASSAGES)
    assert result.ok and result.repaired == 0


def test_year_from_the_header_counts_as_cited():
    passage = Passage(doc="001.txt", paragraph=43, start=0, end=40, chunk_id=3,
                      text="据初步预计，全区完成地区生产总值294.26亿元，增长2.1%。",
                      header="中共柳江区委二届六次全会暨经济工作会议解读｜柳江区｜2023年、2024年")
    assert verify("2023年柳江区地区生产总值为294.26亿元[1]。", [passage]).ok
    assert not verify("2022年柳江区地区生产总值为294.26亿元[1]。", [passage]).ok


def test_markers_are_renumbered_by_first_use():
    result = verify("柳北区有52家高新技术企业[2]。柳江区2019年生产总值302.4亿元[1]。", PASSAGES)
    assert result.text == "柳北区有52家高新技术企业[1]。柳江区2019年生产总值302.4亿元[2]。"
    assert result.citations == [TECH, GDP]


def test_supporting_sentence_prefers_the_one_with_the_figures():
    lo, hi = supporting_sentence("工业增加值107.6亿元", GDP)
    assert "107.6亿元" in GDP.text[lo:hi]


PLACES = ("柳江区", "柳北区", "柳州市")


def test_a_figure_of_another_place_is_not_verified():
    # the case from the chat: "那柳江区呢？" after a 柳北区 question, answered with 柳北区's figure
    result = verify("柳江区高新技术企业保有量52家[1]。", [TECH], scopes=[((), ("柳北区",))], places=PLACES)
    assert not result.ok and result.kept == 0 and result.dropped
    right = verify("柳北区高新技术企业保有量52家[1]。", [TECH], scopes=[((), ("柳北区",))], places=PLACES)
    assert right.ok and right.citations == [TECH]


def test_a_figure_of_another_year_or_subject_is_not_verified():
    scopes = [(("2019",), ("柳江区",))]
    assert verify("2019年柳江区地区生产总值302.4亿元[1]。", [GDP], scopes=scopes, places=PLACES).ok
    assert not verify("2020年柳江区地区生产总值302.4亿元[1]。", [GDP], scopes=scopes, places=PLACES).ok
    # the right figure under another metric: 302.4亿元 is not the 销售收入
    assert not verify("2019年柳江区螺蛳粉销售收入302.4亿元[1]。", [GDP], scopes=scopes, places=PLACES).ok


def test_a_deputy_is_not_the_office_itself():
    deputy = Passage(doc="003.txt", paragraph=3, start=0, end=40, chunk_id=3,
                     text="副市长张三出席会议并讲话。")
    city = [((), ("柳州市",))]
    assert not verify("柳州市的市长是张三[1]。", [deputy], scopes=city, places=PLACES).ok
    assert verify("柳州市的副市长是张三[1]。", [deputy], scopes=city, places=PLACES).ok
