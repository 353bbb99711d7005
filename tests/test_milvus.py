"""The Milvus backend against Milvus Lite (embedded, from PyPI): the same retrieval and
answers as the embedded backend, incremental documents, rebuilds and crashes."""
from __future__ import annotations

import pytest

from qa.engine import Engine
from qa.errors import IndexLoadError
from qa.eval.evalset import load_set
from qa.index.milvus import MilvusIndex, _Layout, decode_tokens, encode_tokens

from conftest import SEEDS

NEW_DOC = "柳州市鱼峰区2030年测试公报\n\n鱼峰区2030年全年种植紫色向日葵1234亩，比上年增长12.5%。\n"
QUESTION = "鱼峰区2030年种植了多少亩紫色向日葵？"


@pytest.fixture(scope="module")
def milvus_engine(settings, tmp_path_factory) -> Engine:
    """The seed corpus in a Milvus Lite file, with the session's settings otherwise."""
    folder = tmp_path_factory.mktemp("milvus")
    eng = Engine(settings.replace(vector_store=str(folder / "seed.db"), index_dir=folder / "index"))
    report = eng.build()
    assert report.chunks == 218 and isinstance(eng.ready(), MilvusIndex)
    return eng


def test_tokens_reach_milvus_bm25_whole():
    tokens = ["柳江区", "302.4", "5%", "亿元", "柳江区"]
    assert decode_tokens(encode_tokens(tokens)) == tokens
    assert all(part.isalnum() for part in encode_tokens(tokens).split())  # one word each for the analyzer


def test_milvus_retrieves_exactly_what_the_embedded_index_retrieves(engine, milvus_engine):
    """Every question of the project's set: the same top 5 chunks in each retrieval mode
    (so the same R@5), and the same idf for the answer gate."""
    questions = [q.question for q in load_set(engine.settings.eval_set)]
    same = {mode: 0 for mode in ("bm25", "dense", "hybrid")}
    for question in questions:
        for mode in same:
            ours = [p.text for p in milvus_engine.retrieve(question, k=5, mode=mode)]
            theirs = [p.text for p in engine.retrieve(question, k=5, mode=mode)]
            same[mode] += ours == theirs
    assert all(count >= len(questions) - 2 for count in same.values()), same  # ties of equal scores may swap
    for term in ("生产总值", "302.4", "柳江区", "从未出现的词"):
        assert milvus_engine.ready().idf(term) == pytest.approx(engine.ready().idf(term), rel=1e-5)


def test_milvus_answers_like_the_embedded_index(engine, milvus_engine):
    for question in ("2019年柳江区地区生产总值是多少？", "柳北区高新技术企业保有量是多少家？", "柳州市2030年的人口是多少？"):
        ours, theirs = milvus_engine.ask(question), engine.ask(question)
        assert (ours.refused, ours.short_answer, [c.doc for c in ours.citations]) == (
            theirs.refused, theirs.short_answer, [c.doc for c in theirs.citations])


@pytest.fixture
def milvus_settings(settings, tmp_path):
    """A one-document corpus in its own Milvus Lite file."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "004.txt").write_bytes((SEEDS / "004_45388f9687e1de59.txt").read_bytes())
    return settings.replace(corpus_dir=corpus, index_dir=tmp_path / "index", vector_store=str(tmp_path / "x.db"))


def test_adding_changing_and_removing_a_document_in_milvus(milvus_settings):
    eng = Engine(milvus_settings)
    first = eng.build()
    (milvus_settings.corpus_dir / "new.txt").write_text(NEW_DOC, encoding="utf-8")
    added = eng.build()
    assert added.embedded_documents == ["new.txt"] and added.chunks == first.chunks + 1
    assert "1234亩" in eng.ask(QUESTION).text
    (milvus_settings.corpus_dir / "new.txt").write_text(NEW_DOC.replace("1234", "4321"), encoding="utf-8")
    assert eng.build().embedded_documents == ["new.txt"]
    assert "4321亩" in eng.ask(QUESTION).text and "1234亩" not in eng.ask(QUESTION).text
    (milvus_settings.corpus_dir / "new.txt").unlink()
    removed = eng.build()
    assert removed.removed_documents == ["new.txt"] and eng.ready().size == first.chunks
    assert all(c.doc != "new.txt" for c in eng.ready().iter_chunks())
    eng.ready().close()
    eng.store.close()
    again = Engine(milvus_settings)  # another process later: loads, nothing to embed
    assert again.build().embedded_chunks == 0 and again.ready().size == first.chunks


def test_a_crash_before_a_documents_commit_point_leaves_the_previous_state(milvus_settings, monkeypatch):
    """The document's meta row is its commit point: killed before it, the new rows are
    hidden orphans (the old text still answers) and the next build deletes them."""
    eng = Engine(milvus_settings)
    eng.build()
    (milvus_settings.corpus_dir / "new.txt").write_text(NEW_DOC, encoding="utf-8")
    eng.build()
    (milvus_settings.corpus_dir / "new.txt").write_text(NEW_DOC.replace("1234", "4321"), encoding="utf-8")
    real = _Layout.put

    def crash(self, key, kind, generation, value):
        if kind == "doc":
            raise KeyboardInterrupt("simulated kill before the document's meta row")
        return real(self, key, kind, generation, value)

    monkeypatch.setattr(_Layout, "put", crash)
    with pytest.raises(KeyboardInterrupt):
        eng.build()
    monkeypatch.undo()
    index = eng.indexer.load()
    assert "1234亩" in eng.ask(QUESTION).text and index.documents["new.txt"]["chunks"] == 1
    report = eng.build()
    assert report.embedded_documents == ["new.txt"] and "4321亩" in eng.ask(QUESTION).text


def test_other_settings_are_refused_and_rebuilt(milvus_settings):
    Engine(milvus_settings).build()
    other = Engine(milvus_settings.replace(chunk_size=200))
    with pytest.raises(IndexLoadError, match="other settings"):
        other.indexer.load()
    assert "other settings" in other.build().rebuilt_reason
