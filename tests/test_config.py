"""Settings: defaults, environment overrides, validation."""
from __future__ import annotations

from pathlib import Path

import pytest

from qa.config import AnswerMode, ConfigError, RetrievalMode, Settings


def test_environment_overrides_are_typed():
    s = Settings.from_env({"QA_TOP_K": "8", "QA_BM25_WEIGHT": "0.7", "QA_RETRIEVAL_MODE": "bm25",
                           "QA_CORPUS_DIR": "/tmp/x", "QA_ANSWER_MODE": "extractive", "QA_PLACES": "甲区, 乙县"})
    assert s.top_k == 8 and s.bm25_weight == 0.7 and s.retrieval_mode is RetrievalMode.BM25
    assert s.corpus_dir == Path("/tmp/x") and s.answer_mode is AnswerMode.EXTRACTIVE
    assert s.places == ("甲区", "乙县")


@pytest.mark.parametrize("env, message", [
    ({"QA_TOP_K": "zero"}, "top_k"),
    ({"QA_TOP_K": "0"}, "top_k"),
    ({"QA_BM25_WEIGHT": "2"}, "bm25_weight"),
    ({"QA_RETRIEVAL_MODE": "magic"}, "not one of"),
    ({"QA_CHUNK_OVERLAP": "500"}, "chunk_overlap"),
])
def test_invalid_values_are_refused(env, message):
    with pytest.raises(ConfigError, match=message):
        Settings.from_env(env)


def test_unknown_setting_is_refused():
    with pytest.raises(ConfigError, match="unknown setting"):
        Settings().replace(no_such_thing=1)
