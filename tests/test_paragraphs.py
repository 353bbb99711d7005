"""Paragraph reconstruction on each seed file: known paragraphs verbatim, spans into the original."""
from __future__ import annotations

import pytest

from qa.chinese import squash
from qa.ingest.paragraphs import PAGE_NUMBER, clean, split_paragraphs
from conftest import SEED_FILES, seed_text

# (file, a paragraph that must come out exactly like this)
KNOWN = [
    ("000_2391c0775fbe62e1.txt",
     "当前，柳江区重大项目建设如火如荼。广西梧州至乐业高速公路项目（鱼峰至宜州段）施工现场，机械的轰鸣声交织成一曲奋进的乐章，"
     "旁勒隧道左洞顺利贯通；位于成团镇的市废旧锂电池资源化综合利用项目建设现场，挖掘机、装载机等大型机械设备往来穿梭，"
     "工人有条不紊地进行综合楼、食堂、车间建设……"),
    ("000_2391c0775fbe62e1.txt", "构建银龄服务新通道"),
    ("001_d3f18a84a51546c7.txt",
     "柳江区委今年经济社会发展的主要预期目标是：地区生产总值增长4.5%以上，一般公共预算收入增长5%以上，固定资产投资增长10%以上，"
     "城乡居民人均可支配收入增长与经济增长基本同步。"),
    ("002_00d87999ceab6728.txt", "一、2019年工作回顾"),
    ("002_00d87999ceab6728.txt", "（二）大力培育现代服务业，进一步提升第三产业发展水平"),
    ("002_00d87999ceab6728.txt", "2020年2月17日"),
    ("003_3f693bc4a2eb37b8.txt", "会上,柳东新区、融安县、柳江区、城中区主要负责同志先后作交流发言。"),
    # a number wrapped before its unit ("吸引 400" / "余名求职者进场应") and a sentence's tail ("聘。")
    ("000_2391c0775fbe62e1.txt",
     "此次招聘会以“汇聚英才筑基石人社服务促园兴”为主题，精准聚焦重点产业园区用工需求，通过搭建“政企民”三方对接平台，"
     "为求职者和用人单位架起高效沟通的桥梁。据了解，当天共19家企业进场招聘，提供机械制造、物流运输、食品加工、家政服务等领域的"
     "岗位1518个，吸引400余名求职者进场应聘。"),
    ("004_45388f9687e1de59.txt",
     "柳北区常态化开展驻点招商、全员招商,大力推行“链长制”招商,全年完成区外境内到位资金98.9亿元,新引进项目56个,其中新引进工业项目47个。"),
]


@pytest.mark.parametrize("name, expected", KNOWN)
def test_known_paragraph_is_rebuilt_verbatim(name, expected):
    texts = [p.text for p in split_paragraphs(name, seed_text(name))]
    assert expected in texts


def test_spaced_numbers_and_footnotes_are_cleaned():
    paragraphs = split_paragraphs("002", seed_text("002_00d87999ceab6728.txt"))
    text = "\n".join(p.text for p in paragraphs)
    assert "2019年全区完成地区生产总值302.4亿元，增长5%；" in text  # was "302.4亿元，增 长 5%"
    assert "紧扣“1353”总体工作部署，" in text  # the footnote mark ① is gone
    paragraphs = split_paragraphs("000", seed_text("000_2391c0775fbe62e1.txt"))
    assert any("涉及“七个一批”项目140个，总投资484.44亿元" in p.text for p in paragraphs)


@pytest.mark.parametrize("name", SEED_FILES)
def test_every_character_maps_back_to_the_original(name):
    raw = seed_text(name)
    paragraphs = split_paragraphs(name, raw)
    assert len(paragraphs) >= 20
    assert [p.number for p in paragraphs] == list(range(1, len(paragraphs) + 1))
    for p in paragraphs:
        assert raw[p.start] == p.text[0] and raw[p.end - 1] == p.text[-1]
        assert all(raw[off] == ch for off, ch in zip(p.offsets, p.text) if ch != " ")
        # nothing but whitespace, footnote marks and page-number lines was dropped
        lines = [ln for ln in raw[p.start:p.end].split("\n") if not PAGE_NUMBER.match(ln)]
        assert squash(p.text) == squash(clean([(p.start, "\n".join(lines))])[0])
        lo, hi = p.original_span(0, len(p.text))
        assert (lo, hi) == (p.start, p.end)


@pytest.mark.parametrize("name", SEED_FILES)
def test_paragraphs_cover_the_document_in_order(name):
    raw = seed_text(name)
    paragraphs = split_paragraphs(name, raw)
    assert all(a.end <= b.start for a, b in zip(paragraphs, paragraphs[1:]))
    kept = sum(len(squash(p.text)) for p in paragraphs)
    # only whitespace, footnote marks and page numbers are dropped
    assert kept >= 0.97 * len(squash(raw))


def test_double_spaced_file_joins_wrapped_lines():
    # 002 has a blank line after every line; a wrapped sentence must come back whole
    paragraphs = split_paragraphs("002", seed_text("002_00d87999ceab6728.txt"))
    assert any(p.text.startswith("现在，我代表区人民政府向大会作政府工作报告，请予审议，并请区政协各位委员和列席会议的同志提出意见。")
               for p in paragraphs)


def test_user_text_with_crlf_and_plain_paragraphs():
    raw = "第一段第一句。第二句。\r\n\r\n第二段，没有换行。\r\n"
    paragraphs = split_paragraphs("user.txt", raw.replace("\r\n", " \n"))
    assert [p.text for p in paragraphs] == ["第一段第一句。第二句。", "第二段，没有换行。"]


def test_a_short_document_keeps_its_title_apart():
    """Two lines are no evidence of wrapping: the title is not joined to the sentence below it."""
    texts = [p.text for p in split_paragraphs("x.txt", "柳城县2035年测试简报\n\n柳城县2035年新建蔗糖仓库3座。\n")]
    assert texts == ["柳城县2035年测试简报", "柳城县2035年新建蔗糖仓库3座。"]


def test_a_closing_quote_wrapped_onto_the_next_line_stays_with_its_sentence():
    raw = ("“项目专班要与建设单位保持紧密沟通，实时掌握施工动态，全力强化项目建设要素保障。\n"
           "”3月12日，柳江区领导到新兴工业园开展重大项目调研，明确要求要全力以赴加快项目建\n"
           "设速度。\n")
    texts = [p.text for p in split_paragraphs("x.txt", raw * 4)]
    assert texts[0].startswith("“项目专班") and "保障。”3月12日" in texts[0]


def test_a_numbered_table_reads_one_row_a_paragraph():
    """002's table of 2020 projects (10 numbered rows, each cell on lines of its own, a row's number
    alone on its line for rows 4 and 5): every row is one paragraph under the table's title, without
    its number, and maps back to the row in the original."""
    raw = seed_text("002_00d87999ceab6728.txt")
    texts = [p.text for p in split_paragraphs("002", raw)]
    title = texts.index("柳州市柳江区2020年为民办实事项目")
    assert texts[title + 1] == "号实事内容牵头责任单位配合责任单位完成时限"
    rows = texts[title + 2:title + 12]
    assert rows[3].startswith("建设村级公共服务中心17个，全民健身路径点20个。区文体广电旅游局")
    assert rows[6] == "居住证自助制证签注一体机项目市公安局柳江分局区财政局12月31日前"
    assert rows[8] == "新兴工业园“平安园区”建设项目区开发区管委会市公安局柳江分局穿山镇12月31日前"
    assert all(row.endswith("12月31日前") for row in rows)
    assert texts[title + 12] == "名词解释："
    row = next(p for p in split_paragraphs("002", raw) if p.text == rows[8])
    assert raw[row.start:row.end].startswith("新兴工业园") and raw[row.start:row.end].endswith("12月31日前")


def test_numbered_lines_without_a_header_row_are_no_table():
    raw = "号召大家参加。\n\n1 第一项工作已经完成并通过验收。\n\n2 第二项工作正在推进之中。\n"
    texts = [p.text for p in split_paragraphs("x.txt", raw)]
    assert texts[0] == "号召大家参加。" and any(t.startswith("1第一项") or t.startswith("1 第一项") for t in texts)


def test_a_table_ends_with_its_rows_and_keeps_the_figures_after_it():
    """A count or a spaced-out figure after a table starts no row (its digits were dropped as a row's
    number), and a last row that does not end like the others does not swallow the prose after it."""
    raw = ("序号 实事内容 牵头单位 完成时限\n1 农村厕所改造 区农业农村局 12月31日前\n2 充电桩建设 区城管执法局 12月31日前\n"
           "3 饮水安全工程 区水利局 12月31日前\n\n据了解，上述项目均已列入年度考核。截至目前，全区共有\n4家企业参与项目建设，累计投入资金\n"
           "3000万元。\n")
    texts = [p.text for p in split_paragraphs("x.txt", raw)]
    assert texts[1:4] == ["农村厕所改造区农业农村局12月31日前", "充电桩建设区城管执法局12月31日前", "饮水安全工程区水利局12月31日前"]
    assert "4家企业" in "".join(texts) and "3000万元" in "".join(texts)
    spaced = "……柳政发〔2020〕12\n号 文件精神，……累计完成投资\n1 2 . 5亿元，同比增长\n2 3 . 1 %，其中……"
    assert "12.5亿元" in squash("".join(p.text for p in split_paragraphs("x.txt", spaced)))
    open_end = ("序号 项目名称 安排资金\n1 城区道路改造\n3亿元\n2 学校扩建工程\n5亿元\n3 公园提升工程\n待定\n\n"
                "据介绍，今年全区计划安排重大项目投资\n约120亿元。其中，产业项目投资约45亿元\n")
    texts = [p.text for p in split_paragraphs("x.txt", open_end)]
    assert "公园提升工程" in texts and not any(t.startswith("公园提升工程") and "据介绍" in t for t in texts)
