"""Shared fixtures: the real seed corpus and the real model, built once per session.

Tests that change the corpus or the index work on their own copies (tmp_path);
the session engine works on a temporary copy of seeds/ so nothing in the repo
is touched.
"""
from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from qa.config import REPO_ROOT, Settings, offline_environment
from qa.engine import Engine

offline_environment()
logging.getLogger("faiss").setLevel(logging.WARNING)

SEEDS = REPO_ROOT / "seeds"
SEED_FILES = sorted(p.name for p in SEEDS.glob("*.txt"))


def seed_text(name: str) -> str:
    """The original text of a seed file."""
    return (SEEDS / name).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def session_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("qa-session")


@pytest.fixture(scope="session")
def settings(session_dir) -> Settings:
    corpus = session_dir / "corpus"
    shutil.copytree(SEEDS, corpus)
    return Settings.from_env().replace(corpus_dir=corpus, index_dir=session_dir / "index")


@pytest.fixture(scope="session")
def engine(settings) -> Engine:
    """A ready engine over the seed corpus (index built once)."""
    eng = Engine(settings)
    eng.ready()
    return eng


@pytest.fixture
def scratch_settings(tmp_path, settings, engine) -> Settings:
    """Own copies of the corpus and of the built session index (for tests that change them)."""
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    shutil.copytree(settings.index_dir, tmp_path / "index")
    return settings.replace(corpus_dir=corpus, index_dir=tmp_path / "index")


@pytest.fixture
def small_settings(tmp_path, settings) -> Settings:
    """A one-document corpus (quick to embed) with an empty index folder."""
    corpus = tmp_path / "small"
    corpus.mkdir()
    shutil.copy(SEEDS / "004_45388f9687e1de59.txt", corpus)
    return settings.replace(corpus_dir=corpus, index_dir=tmp_path / "small-index")
