"""Each component on its own, with small inputs (a fake embedder where the model is not the subject)."""
from __future__ import annotations

import hashlib

import numpy as np
import pytest

from qa.answering.followup import is_followup, rewrite, rewrite_by_rules
from qa.answering.questions import MAX_K, check_k, check_question
from qa.chinese import (MARKER, YEAR, YEAR_NIAN, Scope, ends_sentence, normalize, place_names,
                        split_sentences, towns_named)
from qa.config import Settings
from qa.engine import Engine
from qa.errors import IndexLoadError, QAError, QuestionError
from qa.index.keyword import KeywordIndex, Tokenizer, bm25_idf
from qa.index.retrieval import Retriever, fuse
from qa.index.store import EmbeddedIndex, EmbeddedStore, validate_manifest
from qa.ingest.docinfo import describe, sections
from qa.ingest.paragraphs import split_paragraphs
from qa.llm.prompts import MODEL_REFUSAL, answer_messages, format_passages
from qa.records import Answer, AnswerStream, Chunk, Passage, RetrievalMode

PLACES = ("柳江区", "柳北区", "柳州市")


# ------------------------------------------------------------- text rules
def test_sentences_split_at_terminators_but_not_inside_quotes():
    text = "他说：“今年要干好。明年更好。”全区增长5%。《条例。草案》已通过！下一句"
    parts = [text[a:b] for a, b in split_sentences(text)]
    assert parts == ["他说：“今年要干好。明年更好。”", "全区增长5%。", "《条例。草案》已通过！", "下一句"]


def test_normal_form_years_markers_and_places():
    assert normalize("３０２.４ 亿元，1,354.4万元 ABC") == "302.4亿元,1354.4万元abc"
    assert YEAR.findall("2019年和2020、12019") == ["2019", "2020"]
    assert YEAR_NIAN.findall("2019年，2020 和 2021年") == ["2019", "2021"]
    assert [m.group(1) for m in MARKER.finditer("增长5% [1]，总量[12]")] == ["1", "12"]
    assert MARKER.sub("", "增长5% [1]。") == "增长5%。"
    assert place_names("柳州经济与柳江区", PLACES) == {"柳州市", "柳江区"}
    # "柳州市柳江区" is the district's full address, not the city too
    assert place_names("中国共产党柳州市柳江区第二届委员会", PLACES) == {"柳江区"}
    assert place_names("柳州市柳江区和柳州市", PLACES) == {"柳州市", "柳江区"}
    assert towns_named("几家医院和镇卫生院") == set()  # "院和镇" is no town
    assert ends_sentence("如下：") and ends_sentence("完成。”") and not ends_sentence("全区完成地区")


def test_scope_fits_year_place_and_level():
    scope = Scope.of("2019年柳江区地区生产总值是多少？", PLACES)
    assert scope.years == {"2019"} and scope.places == {"柳江区"}
    assert scope.fits("全区完成地区生产总值302.4亿元。", ("2019",), ("柳江区",), PLACES)
    assert not scope.fits("2020年地区生产总值增长6.5%。", ("2019",), ("柳江区",), PLACES)  # other year said
    assert not scope.fits("全区完成地区生产总值。", ("2020",), ("柳江区",), PLACES)  # section of another year
    assert not scope.fits("柳北区完成地区生产总值。", ("2019",), ("柳江区",), PLACES)  # other place said
    assert not scope.fits("全市完成地区生产总值。", ("2019",), ("柳江区",), PLACES)  # city level for a district
    assert not scope.fits("完成地区生产总值。", ("2019",), ("柳北区",), PLACES)  # document about another place


# ---------------------------------------------------------- edge checks
@pytest.mark.parametrize("bad", ["", "   ", None, 3, ["问题"], "柳" * 501])
def test_question_check_refuses_what_is_not_a_usable_question(bad):
    with pytest.raises(QuestionError):
        check_question(bad, 500)
    assert check_question("  问题？ ", 500) == "问题？"


@pytest.mark.parametrize("bad", [0, -3, MAX_K + 1, "3", 2.5, True])
def test_k_must_be_an_int_in_range(bad):
    with pytest.raises(QuestionError, match="k 必须"):
        check_k(bad)
    assert check_k(None) is None and check_k(1) == 1 and check_k(MAX_K) == MAX_K


def test_every_package_error_is_a_qa_error():
    assert issubclass(QuestionError, QAError) and issubclass(IndexLoadError, QAError)


# ---------------------------------------------------------------- keyword
def test_tokenizer_keeps_place_names_and_numbers_whole():
    tokens = Tokenizer(PLACES)("柳江区2019年地区生产总值302.4亿元，增长5%")
    assert "柳江区" in tokens and "302.4" in tokens and "生产总值" in tokens
    assert "的" not in Tokenizer(PLACES)("柳江区的产业")


def test_kept_tokens_are_the_same_tokens_and_cannot_be_changed_by_a_caller():
    tok = Tokenizer(PLACES)
    first = tok("柳江区2019年地区生产总值302.4亿元")
    first.append("外来")  # a caller's list is its own
    assert tok("柳江区2019年地区生产总值302.4亿元") == first[:-1]
    tok.clear_cache()
    assert tok("柳江区2019年地区生产总值302.4亿元") == first[:-1]


def test_bm25_ranks_the_document_with_rare_matching_terms_first():
    docs = [["柳江区", "旅游", "收入"], ["柳北区", "旅游"], ["柳江区", "工业", "增加值", "工业"]]
    bm25 = KeywordIndex.build([10, 11, 12], docs)
    ranked = bm25.search(["工业", "柳江区"], 3)
    assert [i for i, _ in ranked] == [12, 10]  # chunk 11 shares no term
    assert bm25.idf("增加值") > bm25.idf("柳江区") > 0 and bm25.idf("never-seen") >= bm25.idf("增加值")
    assert bm25.idf("柳江区") == pytest.approx(bm25_idf(3, 2))


def test_bm25_recent_chunks_score_like_a_rebuilt_index_and_removed_ones_vanish(tmp_path):
    """Chunks added after the bm25s segment was built, scored with the combined statistics,
    rank and score as they would in a segment built with them; a removed chunk is never found."""
    docs = [["柳江区", "旅游", "收入"], ["柳北区", "旅游"], ["柳江区", "工业", "增加值", "工业"], ["螺蛳粉", "收入"]]
    base = KeywordIndex.build([1, 2, 3], docs[:3])
    base.save(tmp_path / "kw")
    loaded = KeywordIndex.load(tmp_path / "kw")
    loaded.add(4, docs[3])
    whole = KeywordIndex.build([1, 2, 3, 4], docs)
    query = ["螺蛳粉", "收入"]
    assert [i for i, _ in loaded.search(query, 4)] == [i for i, _ in whole.search(query, 4)] == [4, 1]
    assert loaded.idf("收入") == pytest.approx(whole.idf("收入"))
    loaded.remove(1)
    loaded.remove(4)
    assert loaded.search(query, 4) == [] and loaded.size == 2
    with pytest.raises(ValueError):
        loaded.save(tmp_path / "again")  # only a freshly built index is saved


# ----------------------------------------------------------------- fusion
def test_fuse_is_weighted_reciprocal_rank_fusion():
    bm25 = [(1, 9.0), (2, 5.0), (3, 1.0)]
    dense = [(3, 0.9), (1, 0.8)]
    fused = dict(fuse([bm25, dense], [0.6, 0.4], k=20))
    assert fused[1] == pytest.approx(0.6 / 21 + 0.4 / 22)
    assert fused[2] == pytest.approx(0.6 / 22)
    assert fused[3] == pytest.approx(0.6 / 23 + 0.4 / 21)
    assert [i for i, _ in fuse([bm25, dense], [0.6, 0.4], k=20)] == [1, 3, 2]
    assert [i for i, _ in fuse([bm25, dense], [0.0, 1.0], k=0)][:2] == [3, 1]  # dense only
    with pytest.raises(ValueError):
        fuse([bm25], [0.5, 0.5], k=20)


class FakeEmbedder:
    """Bag-of-characters vectors: texts sharing characters are near (the model is not the subject)."""

    dimension = 64

    def query(self, text: str) -> np.ndarray:
        v = np.zeros(self.dimension, np.float32)
        for ch in text:
            v[int(hashlib.md5(ch.encode()).hexdigest(), 16) % self.dimension] += 1
        return v / (np.linalg.norm(v) or 1.0)


def small_index(texts: list[str], folder, **store_args) -> EmbeddedIndex:
    """An embedded index of made-up chunks written through the store (bag-of-characters vectors)."""
    tok = Tokenizer(PLACES)
    chunks = [Chunk(id=i, doc="d.txt", paragraphs=(i + 1,), start=i * 100, end=i * 100 + len(t), text=t, header="")
              for i, t in enumerate(texts)]
    embed = FakeEmbedder()
    vectors = np.vstack([embed.query(t) for t in texts])
    sentences = np.vstack([embed.query(c.text[lo:hi]) for c in chunks for lo, hi in split_sentences(c.text)])
    store = EmbeddedStore(folder, **store_args)
    config = {"model": "fake"}
    store.begin(config, FakeEmbedder.dimension, fresh=True)
    store.put_document("d.txt", {"sha256": "0" * 64, "title": "d"}, chunks, [tok(t) for t in texts], vectors, sentences)
    store.commit()
    return store.load(config)


def test_retriever_modes_k_and_passages_on_a_small_index(tmp_path):
    texts = ["柳江区旅游总收入47亿元。", "柳北区高新技术企业52家。", "柳州市螺蛳粉销售收入355.21亿元。"]
    retriever = Retriever(small_index(texts, tmp_path), FakeEmbedder(), Tokenizer(PLACES), top_k=2, fusion_candidates=3)
    top = retriever.search("柳北区高新技术企业有多少家")
    assert len(top) == 2 and top[0].text == texts[1] and top[0].paragraph == 2 and top[0].chunk_id == 2
    assert retriever.search("螺蛳粉", k=1, mode=RetrievalMode.BM25)[0].text == texts[2]
    assert len(retriever.search("螺蛳粉", k=3, mode="dense")) == 3
    assert retriever.idf("螺蛳粉") > 0
    with pytest.raises(ValueError):
        retriever.search("螺蛳粉", k=0)


# --------------------------------------------------------- document info
DOC = """柳州市柳江区政府工作报告

2020年1月8日

一、2019年工作回顾

柳江区全区完成地区生产总值302.4亿元，比上年增长5%；规模以上工业增加值107.6亿元，实现正增长。柳江区财政收入24亿元。

二、2020年工作安排

全区地区生产总值增长6.5%以上，固定资产投资增长13%，社会消费品零售总额增长7%，城镇居民人均可支配收入增长7%。
"""


def test_document_info_and_sections_are_read_off_the_text():
    paragraphs = split_paragraphs("r.txt", DOC)
    info = describe("r.txt", paragraphs, PLACES)
    assert info.title == "柳州市柳江区政府工作报告" and info.places == ("柳江区",)
    assert info.dates == ("2020年1月8日",) and "2019" in info.years
    section = sections(paragraphs)
    gdp = next(p for p in paragraphs if "302.4" in p.text)
    target = next(p for p in paragraphs if "6.5%" in p.text)
    assert section[gdp.number] == "一、2019年工作回顾" and section[target.number] == "二、2020年工作安排"


# ---------------------------------------------------------------- prompts
def test_prompt_numbers_passages_under_their_labels():
    shown = [Passage("a.txt", 1, 0, 10, "全区完成地区生产总值302.4亿元。", header="《报告》 柳江区 2019年"),
             Passage("b.txt", 2, 0, 10, "柳北区高新技术企业52家。")]
    assert format_passages(shown) == "[1]《报告》 柳江区 2019年\n全区完成地区生产总值302.4亿元。\n[2]b.txt\n柳北区高新技术企业52家。"
    system, user = answer_messages("柳江区2019年地区生产总值是多少？", shown)
    assert system["role"] == "system" and MODEL_REFUSAL in system["content"]
    assert user["content"].endswith("问题：柳江区2019年地区生产总值是多少？\n回答：") and "[2]b.txt" in user["content"]


# ------------------------------------------------------------- follow-ups
def test_follow_up_rules():
    previous = "2019年柳江区地区生产总值是多少？"
    assert is_followup("那2023年呢？") and not is_followup("柳北区高新技术企业保有量是多少家？")
    assert rewrite_by_rules("那2023年呢？", previous, PLACES) == "2023年柳江区地区生产总值是多少？"
    assert rewrite_by_rules("那柳北区呢？", previous, PLACES) == "2019年柳北区地区生产总值是多少？"
    assert rewrite_by_rules("它的财政收入呢？", previous, PLACES).startswith("2019年柳江区的财政收入")
    # a leader's title follows the level of the new place: a district has a 区长, not a 市长
    assert rewrite_by_rules("那柳江区呢？", "柳州市市长是谁？", PLACES) == "柳江区区长是谁？"
    assert rewrite_by_rules("那柳州市呢？", "柳北区的副区长是谁？", PLACES) == "柳州市的副市长是谁？"
    # a new year alone keeps the part of the year asked before; a new part of the year replaces it
    quarter = "柳江区2025年一季度固定资产投资完成多少？"
    assert rewrite_by_rules("那2024年呢？", quarter, PLACES) == "柳江区2024年一季度固定资产投资完成多少？"
    assert rewrite_by_rules("那2024年呢？", "柳江区2025年头三个月固定资产投资完成多少？", PLACES) == \
        "柳江区2024年头三个月固定资产投资完成多少？"
    assert rewrite_by_rules("2023年上半年呢？", quarter, PLACES) == "柳江区2023年上半年固定资产投资完成多少？"
    history = [("2019年柳江区地区生产总值是多少？", "302.4亿元[1]")]
    assert rewrite("那2023年呢？", history, PLACES) == "2023年柳江区地区生产总值是多少？"
    assert rewrite("那2023年呢？", [], PLACES) == "那2023年呢？"  # no history: nothing to lean on
    # a follow-up that only swaps the year keeps the previous wording (rules, even with an LLM) ...
    assert rewrite("那2023年呢？", history, PLACES, rewriter=lambda q, p: "2023年柳江区GDP") == \
        "2023年柳江区地区生产总值是多少？"
    # ... a new topic goes to the LLM first, and to the rules when it fails
    assert rewrite("它的增速呢？", history, PLACES, rewriter=lambda q, p: "2019年柳江区GDP增速是多少？") == \
        "2019年柳江区GDP增速是多少？"
    failing = lambda q, p: (_ for _ in ()).throw(RuntimeError("model down"))  # noqa: E731
    assert rewrite("它的增速呢？", history, PLACES, rewriter=failing).startswith("2019年柳江区的增速")


# --------------------------------------------------------- answer contract
def test_answer_is_frozen_and_the_stream_ends_with_it():
    def pieces():
        yield "甲"
        yield ""
        yield "乙"
        return Answer(question="q", text="甲乙", citations=[Passage("a", 1, 0, 1, "x")])

    stream = AnswerStream(pieces())
    assert list(stream) == ["甲", "", "乙"] and stream.answer.text == "甲乙"
    assert isinstance(stream.answer.citations, tuple) and stream.first_piece_s is not None
    with pytest.raises(AttributeError):
        stream.answer.text = "changed"
    unread = AnswerStream(pieces())
    assert unread.answer.text == "甲乙"  # .answer reads the rest of the stream


# -------------------------------------------------------- manifest schema
GOOD = {"format": 3, "database": "index-0123456789abcdef.sqlite", "updated": "2026-11-26T03:00:00+0000"}


@pytest.mark.parametrize("damage", [
    lambda m: m.pop("database"), lambda m: m.update(database="../index-0123456789abcdef.sqlite"),
    lambda m: m.update(database="index-xyz.sqlite"), lambda m: m.update(database=["index-0123456789abcdef.sqlite"]),
    lambda m: m.update(format=2), lambda m: m.clear(),
])
def test_manifest_schema_refuses_damage(damage):
    import copy

    validate_manifest(GOOD)
    manifest = copy.deepcopy(GOOD)
    damage(manifest)
    with pytest.raises(IndexLoadError, match="damaged"):
        validate_manifest(manifest)


# ------------------------------------------------------- approximate search
def test_above_the_threshold_vectors_are_searched_approximately_with_deletions_by_id(tmp_path):
    """An IVF snapshot finds what exact search finds on clustered vectors, and a document's
    chunks leave it by id."""
    rng = np.random.default_rng(0)
    centres = rng.normal(size=(8, FakeEmbedder.dimension)).astype(np.float32)
    texts = [f"第{i}段。" for i in range(400)]
    index = small_index(texts, tmp_path / "exact")
    ann = small_index(texts, tmp_path / "ann", ann_min_chunks=100, ann_nprobe=4)
    assert index.manifest["snapshot"]["kind"] == "flat" and ann.manifest["snapshot"]["kind"] == "ivf-sq8"
    hits = 0
    for centre in centres:
        query = centre / np.linalg.norm(centre)
        exact = {i for i, _ in index.dense(query, 10)}
        hits += len(exact & {i for i, _ in ann.dense(query, 10)})
    assert hits / (10 * len(centres)) >= 0.8
    first = ann.dense(centres[0] / np.linalg.norm(centres[0]), 1)[0][0]
    ann._remove([first])
    assert first not in {i for i, _ in ann.dense(centres[0] / np.linalg.norm(centres[0]), 10)}


# -------------------------------------------------------------- the wiring
def test_openai_mode_is_offered_when_the_setting_is_set(tmp_path, monkeypatch):
    monkeypatch.delenv("QA_OPENAI_BASE_URL", raising=False)
    base = Settings().replace(corpus_dir=tmp_path, index_dir=tmp_path / "i")
    assert "openai" not in [m.value for m in Engine(base).available_answer_modes()]
    configured = Engine(base.replace(openai_base_url="http://127.0.0.1:9/v1"))
    assert "openai" in [m.value for m in configured.available_answer_modes()]


def test_public_retrieve_uses_the_configured_top_k(engine, monkeypatch):
    import qa

    monkeypatch.setattr(qa, "_engine", Engine(engine.settings.replace(top_k=3)))
    assert len(qa.retrieve("柳北区高新技术企业")) == 3


def test_web_ui_starts_with_the_configured_modes(engine):
    import gradio as gr
    from qa.webui import build_app

    app = build_app(Engine(engine.settings.replace(retrieval_mode="bm25")))
    radios = {c.elem_id: c.value for c in app.blocks.values() if isinstance(c, gr.Radio)}
    assert radios["retrieval-mode"] == "关键词 BM25" and radios["answer-mode"] == "抽取式（原文摘句）"
